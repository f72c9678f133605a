"""Filling a database with generated articles and review work through the real pipeline, fast."""

# Worker processes write and split the articles and plan the review work (all pure); this
# process stores them and carries the work out through the store, many articles to a
# transaction (store/bulk_load.py).

import multiprocessing
import os
import random
import time
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import islice
from typing import NamedTuple

from factcheck.db import Database
from factcheck.devdata.articles import article
from factcheck.devdata.people import ensure_people
from factcheck.devdata.review_plan import Step, plan_reviews
from factcheck.devdata.review_work import carry_out
from factcheck.importers import from_text
from factcheck.ingest import PreparedArticle, prepare, store_prepared
from factcheck.scales import Scale, default_scale
from factcheck.shared_words import counted
from factcheck.store import articles as article_store
from factcheck.store import claim_reads
from factcheck.store.actors import SYSTEM
from factcheck.store.bulk_load import bulk_load

BATCH_ARTICLES = 200  # articles to a transaction
CHUNK_ARTICLES = 25  # articles to a task for a worker process
CHUNKS_AHEAD = 3  # tasks queued per worker, so workers never wait for the writer
MIN_ARTICLES_FOR_WORKERS = 200  # below this, starting worker processes costs more than it saves
MAX_WORKERS = 4


class GenerateRefused(ValueError):
    """The generator cannot run as asked; str() says what to do."""


class Prepared(NamedTuple):
    article: PreparedArticle
    steps: list[Step]
    reviewed: int


@dataclass(frozen=True)
class Progress:
    done: int
    total: int
    seconds: float


@dataclass(frozen=True)
class Summary:
    articles: int
    duplicates: int
    units: int
    claims: int
    reviewed: int
    review_actions: int
    people_added: int
    seconds: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def text(self) -> str:
        skipped = f" ({counted(self.duplicates, 'duplicate')} skipped)" if self.duplicates else ""
        return (
            f"Generated {counted(self.articles, 'article')}{skipped} with"
            f" {counted(self.units, 'unit')} ({counted(self.claims, 'claim')}), review work on"
            f" {counted(self.reviewed, 'claim')} ({counted(self.review_actions, 'action')}),"
            f" {counted(self.people_added, 'person', 'people')} added, in {self.seconds:.1f} s"
            f" ({self.articles_per_second:,.1f} articles/s)."
        )


def prepare_article(seed: int, index: int, share: float, scale: Scale) -> Prepared:
    """The index-th article of the seed's series, split, with its review plan: pure."""
    generated = article(seed, index)
    imported = from_text(generated.text.encode("utf-8"))
    imported.source_url = generated.source_url
    imported.publisher = generated.publisher
    imported.author = generated.author
    imported.published_date = generated.published_date
    prepared = prepare(imported)
    rng = random.Random(f"factcheck-devdata-review:{seed}:{index}")
    steps, reviewed = plan_reviews(rng, prepared.units, share, scale)
    return Prepared(prepared, steps, reviewed)


def _prepare_range(seed: int, start: int, stop: int, share: float, scale: Scale) -> list[Prepared]:
    return [prepare_article(seed, index, share, scale) for index in range(start, stop)]


def _in_order(
    seed: int, indexes: range, share: float, scale: Scale, workers: int
) -> Generator[Prepared, None, None]:
    """Prepared articles in index order, from worker processes when there are any."""
    if workers <= 0:
        for index in indexes:
            yield prepare_article(seed, index, share, scale)
        return
    chunks = iter(range(indexes.start, indexes.stop, CHUNK_ARTICLES))

    def submit(start: int):
        stop = min(start + CHUNK_ARTICLES, indexes.stop)
        return pool.submit(_prepare_range, seed, start, stop, share, scale)

    # Spawned, not forked: the parent holds an open SQLite connection.
    pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        pending = deque(submit(start) for start in islice(chunks, workers * CHUNKS_AHEAD))
        while pending:
            results = pending.popleft().result()
            following = next(chunks, None)
            if following is not None:
                pending.append(submit(following))
            yield from results
    finally:
        pool.shutdown(cancel_futures=True)


def _batches(items: Iterator, size: int) -> Iterator[list]:
    while batch := list(islice(items, size)):
        yield batch


def auto_workers(articles: int) -> int:
    if articles < MIN_ARTICLES_FOR_WORKERS:
        return 0
    return min(os.cpu_count() or 1, MAX_WORKERS)


def generate(
    db: Database,
    *,
    articles: int,
    seed: int = 1,
    review_share: float = 0.03,
    append: bool = False,
    channel: str = "system",
    workers: int | None = None,
    batch_size: int = BATCH_ARTICLES,
    progress: Callable[[Progress], None] | None = None,
    scale: Scale | None = None,
) -> Summary:
    """Import `articles` generated articles and do review work on about `review_share` of their
    claims, every change through the store and its audit trail. Article numbers continue from
    the articles already there, so appending to a seed's run extends the same series."""
    if articles < 0:
        raise GenerateRefused("the number of articles cannot be negative")
    if not 0 <= review_share <= 1:
        raise GenerateRefused("the review share is a fraction from 0 to 1, such as 0.03")
    existing = article_store.article_count(db)
    if existing and not append:
        raise GenerateRefused(
            f"the database already holds {counted(existing, 'article')}; add --append to generate"
            " more into it, or give --db a new file"
        )
    started = time.perf_counter()
    scale = scale or default_scale()
    system = SYSTEM.via(channel)
    people, people_added = ensure_people(db, system)
    workers = auto_workers(articles) if workers is None else workers
    totals: Counter = Counter()
    stream = _in_order(seed, range(existing, existing + articles), review_share, scale, workers)
    try:
        for batch in _batches(stream, batch_size):
            with bulk_load(db):
                for item in batch:
                    _store(db, item, system, people, scale, totals)
            if progress is not None:
                done = totals["articles"] + totals["duplicates"]
                progress(Progress(done, articles, time.perf_counter() - started))
    finally:
        stream.close()
    return Summary(
        articles=totals["articles"],
        duplicates=totals["duplicates"],
        units=totals["units"],
        claims=totals["claims"],
        reviewed=totals["reviewed"],
        review_actions=totals["actions"],
        people_added=people_added,
        seconds=time.perf_counter() - started,
    )


def _store(db: Database, item: Prepared, actor, people, scale, totals: Counter) -> None:
    result = store_prepared(db, item.article, actor=actor)
    if result.duplicate:
        totals["duplicates"] += 1
        return
    totals["articles"] += 1
    totals["units"] += result.claims
    totals["claims"] += sum(unit.kind == "claim" for unit in item.article.units)
    if item.steps:
        claim_ids = claim_reads.claim_ids_for_article(db, result.article_id)
        carry_out(db, item.steps, claim_ids, people, scale)
        totals["reviewed"] += item.reviewed
        totals["actions"] += len(item.steps)
