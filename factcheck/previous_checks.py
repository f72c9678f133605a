"""Keeping every claim's previous checks current: claims are matched against the library after an
article is imported and whenever the library changes (never when a page is viewed), here and now
or, when a web request would wait too long, in a background job."""

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from factcheck import library_embedding
from factcheck.db import Database
from factcheck.store import claim_groups, claim_matches, library_vectors
from factcheck.store import library as library_store
from factcheck.store.actors import SYSTEM, Actor

log = logging.getLogger(__name__)

TOP = claim_matches.PANEL_MATCHES
#: Claims matched, and their matches stored, per transaction.
CHUNK_CLAIMS = 200
#: A library change touching more items than this matches every claim again.
ALL_CLAIMS_AFTER = 500
#: For each changed item, the claims sharing the most telling words with it are matched again.
CANDIDATES_PER_ITEM = 100
#: A desk with no more claims than this matches every claim again after a library change (a few
#: seconds): that also finds the claims an item matches by meaning alone, sharing no telling word.
ALL_CLAIMS_UP_TO = 500
#: A web request matches at most this many claims of an imported article itself; more go to a
#: background job (a library change from the web always does).
INLINE_CLAIMS = 25
#: Nor does it embed more library items than this first (about 1 s): more go to the job too.
INLINE_EMBEDDING = 128


def engine():
    """The matcher (factcheck.store.library_search), loaded when first needed."""
    from factcheck.store import library_search

    return library_search


def match_claims(
    db: Database,
    claim_ids: list[int],
    *,
    cause: str,
    actor: Actor = SYSTEM,
    progress: Callable[[int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> dict:
    """Match these claims against the library and store the best matches above the matcher's
    threshold (a claim's own published verdict left out), CHUNK_CLAIMS to a transaction. Returns
    how many claims were matched and how many of them changed, and with `stop`, the claims not
    begun when it said to stop (`left`)."""
    if not claim_ids:
        return (
            {"claims": 0, "changed": 0} if stop is None else {"claims": 0, "changed": 0, "left": []}
        )
    library_embedding.embed_missing(db)
    search = engine()
    totals: Counter = Counter()
    for start in range(0, len(claim_ids), CHUNK_CLAIMS):
        if start and stop is not None and stop():  # one chunk at least: a job always moves on
            return {
                "claims": totals["claims"],
                "changed": totals["changed"],
                "left": claim_ids[start:],
            }
        chunk = claim_ids[start : start + CHUNK_CLAIMS]
        rows = claim_matches.claim_texts(db, chunk)
        found: dict[int, list[tuple[int, float]]] = {claim_id: [] for claim_id in chunk}
        twins = claim_groups.published_twins(db, [(claim_id, text) for claim_id, text, _ in rows])
        dismissed: dict[int, set[int]] = {}
        for claim_id, library_id in claim_matches.dismissed_pairs(db, chunk):
            dismissed.setdefault(claim_id, set()).add(library_id)
        # The desk's own verdicts on this very claim, offered whatever the score, are not what
        # other publishers' checks of it are scored against (the matcher reads each candidate
        # against the best): each of those stands on its own. Nor is a check a reviewer said is
        # not this claim, which would lend its score to its near-copies.
        results = search.find_matches_many(
            db,
            [text for _, text, _ in rows],
            top=TOP + 1,
            min_score=search.MATCH_THRESHOLD,
            leave_out=[
                {own_id, *twins[claim_id], *dismissed.get(claim_id, ())} - {None}
                for claim_id, _, own_id in rows
            ],
        )
        for (claim_id, _, own_id), matches in zip(rows, results, strict=True):
            # A reviewer's "not this claim" holds; past it, the same claim published in another
            # article is always offered, whatever the score.
            left_out = dismissed.get(claim_id, set()) | {own_id}
            best = [
                (library_id, 1.0) for library_id in twins[claim_id] if library_id not in left_out
            ]
            seen = {library_id for library_id, _ in best} | left_out
            best += [(m["library_id"], m["score"]) for m in matches if m["library_id"] not in seen]
            found[claim_id] = best[:TOP]
        summary = claim_matches.store_matches(db, found, actor=actor, cause=cause)
        totals.update(claims=summary["claims_matched"], changed=summary["claims_changed"])
        if progress is not None:
            progress(len(chunk))
    done = {"claims": totals["claims"], "changed": totals["changed"]}
    return done if stop is None else {**done, "left": []}


def refresh(
    db: Database,
    claim_ids: list[int],
    *,
    cause: str,
    actor: Actor = SYSTEM,
    db_path: str | None = None,
    progress: Callable[[int], None] | None = None,
    article_ids: Sequence[int] = (),
) -> dict:
    """Match these claims again: here and now, or in a background job when `db_path` is given
    (a web request) and there are more than INLINE_CLAIMS of them, or the library has more than
    INLINE_EMBEDDING items still to embed (after an upgrade, embedding it takes minutes); the
    articles just imported they belong to (`article_ids`) are marked as waiting for the job."""
    to_embed = library_vectors.count_missing(db)
    if db_path is not None and (len(claim_ids) > INLINE_CLAIMS or to_embed > INLINE_EMBEDDING):
        from factcheck import job_storage, matching_jobs

        try:
            matching_jobs.queue_rematch(db_path, claim_ids, actor, cause, article_ids)
            return {"claims": 0, "changed": 0, "queued": len(claim_ids)}
        except job_storage.UNREACHABLE:
            # What was stored before (an imported article) stays stored: its claims are matched
            # here instead, unless the library's embedding would hold the request for minutes.
            if to_embed > INLINE_EMBEDDING:
                log.error(
                    "the job queue did not answer, so %d claims (%s) were not matched against the"
                    " library; run `factcheck library rematch` to match them",
                    len(claim_ids),
                    cause,
                )
                return {"claims": 0, "changed": 0, "queued": 0}
            log.warning("the job queue did not answer; matching %d claims here", len(claim_ids))
    return match_claims(db, claim_ids, cause=cause, actor=actor, progress=progress)


def restore(db: Database, claim_id: int, library_id: int, *, actor: Actor) -> bool:
    """Take back a dismissal and match the claim again at once; whether the earlier check is
    among its previous checks again."""
    claim_matches.restore_previous_check(db, claim_id, library_id, actor=actor)
    match_claims(
        db, [claim_id], cause=f"restore of a previous check of claim {claim_id}", actor=actor
    )
    return any(
        check["library_id"] == library_id for check in claim_matches.previous_checks(db, claim_id)
    )


def after_unit_edit(db: Database, claim_ids: list[int], *, actor: Actor = SYSTEM) -> None:
    """Match again the units a merge or split made: their words changed, and their earlier
    matches went with them."""
    if not claim_matches.library_is_empty(db):
        match_claims(db, claim_ids, cause=f"unit edit of claim {claim_ids[0]}", actor=actor)


def after_import(
    db: Database,
    article_ids: list[int],
    *,
    actor: Actor = SYSTEM,
    db_path: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict | None:
    """Match the claims of newly imported articles; nothing to do while the library is empty."""
    if not article_ids or claim_matches.library_is_empty(db):
        return None
    claim_ids = claim_matches.article_claim_ids(db, article_ids)
    if len(article_ids) == 1:
        cause = f"import of article {article_ids[0]}"
    else:
        cause = f"import of {len(article_ids):,} articles"
    return refresh(
        db,
        claim_ids,
        cause=cause,
        actor=actor,
        db_path=db_path,
        progress=progress,
        article_ids=article_ids,
    )


def affected_claims(
    db: Database, library_ids: list[int], *, matched: Iterable[int] = ()
) -> list[int]:
    """The claims whose matches may change when these items were added, changed or removed:
    those matched to them (`matched` for items already gone), those sharing the most telling
    words with their claims or titles, and those with the same text. Past ALL_CLAIMS_AFTER
    items, every claim; and on a desk of at most ALL_CLAIMS_UP_TO claims, after a change to
    fact-checks imported from elsewhere (not after a verdict of the desk's own is published,
    which happens far more often and whose entry is one of the desk's own claims)."""
    if len(library_ids) > ALL_CLAIMS_AFTER:
        return claim_matches.all_claim_ids(db)
    texts = library_store.item_texts(db, library_ids)
    # An item already gone was imported: the desk's own entries are never removed.
    imported = len(texts) < len(library_ids) or any(origin != "own" for *_, origin in texts)
    every = claim_matches.all_claim_ids_up_to(db, ALL_CLAIMS_UP_TO) if imported else None
    if every is not None:
        return every
    ids = set(matched) | set(claim_matches.matched_claims(db, library_ids))
    for claim, title, _ in texts:
        # The matcher reads the title too: a claim may share its telling words with the title.
        for text in (claim, title) if title else (claim,):
            ids.update(claim_matches.claims_like(db, text, CANDIDATES_PER_ITEM))
    ids.update(claim_groups.same_text_claim_ids(db, [claim for claim, *_ in texts]))
    return sorted(ids)


def after_library_change(
    db: Database,
    library_ids: list[int],
    *,
    cause: str,
    actor: Actor = SYSTEM,
    matched: Iterable[int] = (),
    db_path: str | None = None,
) -> dict:
    """Match again every claim the change may affect (see affected_claims): here and now, or,
    when `db_path` is given (a web request), all of it in a background job."""
    if db_path is not None:
        from factcheck import matching_jobs

        matching_jobs.queue_library_change(db_path, library_ids, list(matched), actor, cause)
        return {"claims": 0, "changed": 0, "queued": True}
    library_embedding.embed_missing(db)
    claim_ids = affected_claims(db, library_ids, matched=matched)
    return match_claims(db, claim_ids, cause=cause, actor=actor)


def after_publish(
    db: Database, claim_id: int, *, actor: Actor = SYSTEM, db_path: str | None = None
):
    """A verdict was published or corrected: its library entry may be new, so the claims like it
    (the same claim in the desk's other articles first) are matched again."""
    library_id = library_store.own_item_for(db, claim_id)
    if library_id is None:
        return None
    cause = f"verdict published on claim {claim_id}"
    return after_library_change(db, [library_id], cause=cause, actor=actor, db_path=db_path)
