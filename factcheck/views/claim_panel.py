"""What the claim panel shows: the selected unit, its place among the claims, its neighbours, and
the work on it (verdicts, evidence, comments, history) with what the viewer may do, and the earlier
fact-checks it matches."""

import logging
from typing import overload

from flask import g, redirect, url_for
from werkzeug.wrappers import Response

from factcheck import job_storage, lifecycle, matching_jobs, quote_check
from factcheck.db import Database
from factcheck.exports.options import ExportConfig, ExportRefused
from factcheck.history_words import channel_words, detail, headline, merged_unit
from factcheck.store import claim_groups, claim_matches, claim_reads
from factcheck.store import comments as comment_store
from factcheck.store import evidence as evidence_store
from factcheck.store import unit_edits as unit_store
from factcheck.store import users as user_store
from factcheck.store import verdicts as verdict_store
from factcheck.store.actors import Actor
from factcheck.store.claim_state import situation
from factcheck.store.errors import NotFound
from factcheck.store.rows import ClaimRow, EvidenceItem, ReviewRecord, VerdictView
from factcheck.text.unit_cuts import cut_choices
from factcheck.views.archive_queue import queued_states
from factcheck.views.auth_guard import current_actor
from factcheck.views.error_words import OWN_CHECK_WITHOUT_ADDRESS, store_error_words
from factcheck.views.formatting import clip, clip_start
from factcheck.views.scale_css import current_scale

log = logging.getLogger(__name__)


def back_to_article(claim: ClaimRow) -> Response:
    """See Other: the claim opened on its article's page."""
    return redirect(
        url_for("articles.article_page", article_id=claim["article_id"], claim=claim["id"]), 303
    )


def selected_unit(db: Database, article_id: int, unit_id: int | None) -> ClaimRow | None:
    """The unit asked for, when it belongs to this article."""
    if unit_id is None:
        return None
    try:
        unit = claim_reads.get_claim(db, unit_id)
    except NotFound:
        return None
    return unit if unit["article_id"] == article_id else None


def seq_of(unit: ClaimRow | None) -> int | None:
    return unit["seq"] if unit else None


def panel_context(neighbours: dict, selected: ClaimRow | None) -> dict:
    """Template context for partials/claim_panel.html, from `claim_reads.claim_neighbours`.

    `position` counts claims only; a selected non-claim has no position, and its neighbours are
    the claims just before and after it in the text. With nothing selected, "next" is the first
    claim."""
    is_claim = selected is not None and selected["kind"] == "claim"
    return {
        "claim": selected,
        "position": neighbours["claims_before"] + 1 if is_claim else None,
        "claim_total": neighbours["claim_total"],
        "previous_claim": neighbours["previous"],
        "next_claim": neighbours["next"],
    }


@overload
def reviewed(db: Database, selected: ClaimRow) -> dict: ...
@overload
def reviewed(db: Database, selected: ClaimRow | None) -> dict | None: ...
def reviewed(db: Database, selected: ClaimRow | None) -> dict | None:
    """What the panel shows of the selected unit beyond its own row: `assignee` (a username, or
    None) and `work`, what the working panel needs for the signed-in person (see `workspace`)."""
    if selected is None:
        return None
    assignee_id = selected["assignee_id"]
    assignee = user_store.users_by_id(db, [assignee_id]).get(assignee_id, {}).get("username")
    return {"assignee": assignee, "work": workspace(db, selected, current_actor())}


def approval_channels(history: list[dict]) -> dict[int, str]:
    """For each approved verdict, how its approval came in, when a reader must be told (the
    command line names its editor with --as rather than by signing in)."""
    channels = {}
    for entry in history:
        verdict_id = (entry.get("after") or {}).get("verdict_id")
        via = channel_words(entry.get("channel"))
        if entry["action"] == "review.approve" and isinstance(verdict_id, int) and via:
            channels[verdict_id] = via
    return channels


# The latest changes the panel's history lists; "Show all N changes" draws the rest (claim_pages).
PANEL_HISTORY = 50


def display_names(people: list[dict]) -> dict[str, str]:
    """Each person's name to show, by username."""
    return {person["username"]: person["display_name"] or person["username"] for person in people}


def history_section(
    db: Database, claim_id: int, names: dict[str, str], *, newest: int | None = None
) -> tuple[dict, list[dict]]:
    """The history section's `timeline` (the `newest` changes, else all) and `size` (how many
    there are in all), and the history entries read for it."""
    entries = claim_reads.claim_history(db, claim_id, newest=newest)
    whole = newest is None or len(entries) < newest
    size = len(entries) if whole else claim_reads.claim_history_size(db, claim_id)
    return {"timeline": timeline(entries, names, claim_id), "size": size}, entries


def timeline(history: list[dict], names: dict[str, str], claim_id: int) -> list[dict]:
    """The claim's history for the panel, newest first: who, when, what, and why, and the unit a
    row was about when that unit was merged into the claim later."""
    items = []
    for entry in reversed(history):
        items.append(
            {
                "id": entry["id"],
                "at": entry["at"],
                "actor": entry["actor"],
                "actor_name": names.get(entry["actor"]) or entry["actor"],
                "via": channel_words(entry.get("channel")),
                "action": entry["action"],
                "headline": headline(entry),
                "detail": detail(entry),
                "reason": entry.get("reason"),
                "merged_unit": merged_unit(entry, claim_id),
            }
        )
    return items


def permissions(current: lifecycle.Situation, actor: Actor | None, writers: set[str]) -> dict:
    """Which forms the panel offers this person, as the lifecycle machine decides. The store asks
    the machine again on every change: this only keeps buttons away from people who cannot use
    them."""

    def may(move: str, **facts) -> bool:
        return lifecycle.refusal(move, current, actor, **facts) is None

    kind = current.claim["kind"]
    return {
        "is_claim": kind == "claim",
        "classify": may("claim.classify", kind="not_a_claim" if kind == "claim" else "claim"),
        "edit_verdict": may("verdict.set"),
        "review": may("review.approve", writers=writers),
        "wrote_it": actor is not None and actor.username in writers,
        "correct": may("verdict.correct"),
        "withdraw": may("verdict.withdraw"),
        "recall": may("review.recall"),
        "add_evidence": may("evidence.add"),
        "edit_units": may("unit.edit"),
    }


def evidence_locks(current: lifecycle.Situation) -> dict[int, str]:
    """For each piece of evidence a verdict in review or published rests on, why it cannot be
    removed now (the same words the refusal would use)."""
    locks = {}
    for evidence_id in sorted(current.live_evidence):
        refused = lifecycle.evidence_refusal(current, evidence_id)
        if refused is not None:
            locks[evidence_id] = store_error_words(refused.exception())
    return locks


def evidence_choices(
    current: lifecycle.Situation, evidence: list[EvidenceItem]
) -> dict[str, set[int]]:
    """The evidence ticked by default on the verdict form (what the draft rests on, plus sources
    added since it was saved; everything for a new verdict) and on the correction form (what the
    published verdict rests on)."""
    draft, published = current.open_verdict, current.published_verdict
    ids = {item["id"] for item in evidence}
    if draft is None:
        for_verdict = ids
    else:
        newer = {item["id"] for item in evidence if item["added_at"] > draft["created_at"]}
        for_verdict = (lifecycle.cited(draft) & ids) | newer
    return {"verdict": for_verdict, "correct": lifecycle.cited(published) & ids}


def _working(record: ReviewRecord) -> VerdictView | None:
    """The verdict being worked on (drafted or in review), if any."""
    verdict = record["verdict"]
    return verdict if verdict and verdict["state"] in lifecycle.OPEN_STATES else None


def quote_summary_now(db: Database, claim_id: int) -> str | None:
    """The quote summary the claim's panel shows now, read without the rest of the panel."""
    record = claim_reads.review_records(db, [claim_id])[claim_id]
    return quote_summary(_working(record), evidence_store.evidence_for_claim(db, claim_id))


def quote_summary(verdict: VerdictView | None, evidence: list[EvidenceItem]) -> str | None:
    """How many of the quotes the verdict rests on were found in the archived copies."""
    if verdict is None:
        return None
    cited = lifecycle.cited(verdict)
    return quote_check.summary(
        [_quote_status(item) for item in evidence if item["id"] in cited and item["quote"]]
    )


def _quote_status(item: EvidenceItem) -> str | None:
    """The item's quote check's status, or why there is none: no words to look for, an archive
    that failed, a copy kept without a check (None: no copy yet)."""
    if item["quote_status"] is not None:
        return item["quote_status"]
    if not quote_check.has_words(item["quote"]):
        return quote_check.NO_WORDS
    if item["snapshot_status"] == "failed":
        return quote_check.ARCHIVE_FAILED
    if item["snapshot_status"] == "archived":
        return quote_check.UNCHECKED
    return None


# How much of the text on either side of a cut the split form shows.
CONTEXT_CHARS = 48


def unit_edit_choices(db: Database, unit: ClaimRow) -> dict:
    """What the panel offers for mending this unit: the next unit when the two can be merged,
    and the places it can be split, each as a body offset with the words either side."""
    text = unit["text"]
    cuts = []
    for offset in cut_choices(text):
        before = text[:offset]
        after = text[offset:].lstrip()
        cuts.append(
            {
                "at": unit["start"] + offset,
                # Whole words either side (with the ellipsis, one character more than shown).
                "before": clip_start(before, CONTEXT_CHARS + 1),
                "after": clip(after, CONTEXT_CHARS + 1),
            }
        )
    return {"partner": unit_store.merge_partner(db, unit), "cuts": cuts}


def workspace(
    db: Database, claim: ClaimRow, actor: Actor | None, record: ReviewRecord | None = None
) -> dict:
    """Everything the working panel shows beyond the claim itself: verdicts, evidence with their
    archived copies, comments, history, the people it can be assigned to, and what this person
    may do. `record` is the claim's `review_records` entry, when the caller has read it."""
    if record is None:
        record = claim_reads.review_records(db, [claim["id"]])[claim["id"]]
    working = _working(record)
    current = situation(db, claim)
    evidence = evidence_store.evidence_for_claim(db, claim["id"])
    # Before the archive states: a queue that does not answer is waited on once, not again.
    previous = panel_section(db, claim, evidence)
    states = queued_states([item["url"] for item in evidence])
    for item in evidence:
        item["archive_queued"] = states[item["url"]]
    people = user_store.list_users(db)
    history, shown = history_section(db, claim["id"], display_names(people), newest=PANEL_HISTORY)
    # An approval may be older than the changes shown.
    approvals = (
        shown if history["size"] == len(shown) else claim_reads.claim_approvals(db, claim["id"])
    )
    writers = verdict_store.verdict_writers(db, claim["id"], working["id"] if working else None)
    comments = comment_store.comments_for_claim(db, claim["id"])
    return {
        "scale": current_scale(),
        "working_verdict": working,
        "published_verdict": record["published_verdict"],
        "earlier_verdicts": list(reversed(record["earlier_verdicts"])),
        "first_published_at": _first_published_at(record),
        "evidence": evidence,
        "evidence_locks": evidence_locks(current),
        "evidence_chosen": evidence_choices(current, evidence),
        "quote_summary": quote_summary(working, evidence),
        "comments": comments,
        "returned": _returned(db, working, comments),
        "history": history,
        "approved_via": approval_channels(approvals),
        # Someone disabled stays listed while they hold the claim, so it never reads "Nobody".
        "assignable": [
            person
            for person in people
            if not person["disabled"] or person["id"] == claim["assignee_id"]
        ],
        "writers": writers,
        "can": permissions(current, actor, writers),
        "previous": previous,
        "unit_edit": unit_edit_choices(db, claim),
    }


def _returned(db: Database, working: VerdictView | None, comments: list[dict]) -> dict | None:
    """The editor's word back on a returned draft, to be read beside it: who, when, and what they
    asked to change (their comment)."""
    returned = verdict_store.return_of(db, working["id"]) if working else None
    if returned is None:
        return None
    said = [c["body"] for c in comments if c["id"] == returned["comment_id"]]
    return {**returned, "comment": said[0] if said else None}


def _first_published_at(record: ReviewRecord) -> str | None:
    """When readers first had a verdict on the claim: a correction keeps that date."""
    published = record["published_verdict"]
    verdicts = [published, *record["earlier_verdicts"]] if published else []
    stamps = [stamp for v in verdicts if (stamp := v["published_at"])]
    return min(stamps, default=None)


def check_url(check: dict) -> str:
    """Where an earlier check can be read: its own address, else this workbench's page of the
    claim it was published on, or of the library item (a fact-check imported without one)."""
    if check["url"]:
        return check["url"]
    if check["own_claim_id"] is not None:
        return url_for("claims.claim_page", claim_id=check["own_claim_id"], _external=True)
    return url_for("library.item_page", library_id=check["library_id"], _external=True)


def citable_url(check: dict) -> str | None:
    """The address to cite an earlier check by, as evidence readers can follow: its own; for this
    desk's own verdict, its public page (FACTCHECK_PUBLIC_URL/claims/ID). None for a fact-check
    imported without an address, and for the desk's own while no public address is set: its
    page here no reader can open, no copy of it can be fetched, and its address would change
    with the name the workbench is reached by."""
    if check["url"]:
        return check["url"]
    if check["own_claim_id"] is None:
        return None
    try:
        config = ExportConfig.from_env(scale=current_scale())
    except ExportRefused:
        config = None
    if config is not None and config.public_url:
        return config.claim_url(check["own_claim_id"])
    return None


def _cited(check: dict, cited: str | None, urls: set[str]) -> bool:
    """Whether the claim's evidence cites the earlier check: by the address it would be cited
    by now, or for the desk's own verdict by its page's address under any public address set
    before (or none set now)."""
    if cited in urls:
        return True
    own = check["own_claim_id"]
    return own is not None and any(url.rstrip("/").endswith(f"/claims/{own}") for url in urls)


def still_looking(article_id: int) -> bool:
    """Whether the article's claims are still being matched against the library (a job queued
    after its import has yet to match some of them): until then, no earlier check means none
    found yet. The queue is asked once a request, and not at all once it failed to answer it;
    when it does not answer, nothing can be said."""
    known = g.setdefault("still_looking", {})
    if article_id not in known:
        known[article_id] = False
        if not g.get("job_queue_away"):
            try:
                known[article_id] = matching_jobs.still_matching(article_id)
            except job_storage.UNREACHABLE:
                log.warning(
                    "could not read the job queue for article %s", article_id, exc_info=True
                )
                g.job_queue_away = True  # the panel's archive states do not wait on it again
    return known[article_id]


def panel_section(db: Database, claim: ClaimRow, evidence: list[EvidenceItem]) -> dict:
    """What the section shows: the stored matches, best first, each marked when it is already
    evidence, the same claim in the desk's other articles (the newest places, with how many
    articles there are in all), and whether its article's claims are still being matched."""
    urls = {item["url"] for item in evidence}
    checks = []
    for check in claim_matches.previous_checks(db, claim["id"]):
        cited = citable_url(check)
        checks.append({**check, "citable": cited, "is_evidence": _cited(check, cited, urls)})
    same_text = claim_groups.same_text_claims(db, claim, limit=claim_groups.MAX_GROUP)
    # Counted apart only when the list was cut short: a stock line may be in thousands.
    articles = (
        claim_groups.same_text_article_count(db, claim)
        if len(same_text) >= claim_groups.MAX_GROUP
        else len({place["article_id"] for place in same_text})
    )
    return {
        "checks": checks,
        "same_text": same_text,
        "same_text_articles": articles,
        "dismissed": claim_matches.dismissed_checks(db, claim["id"]),
        "still_looking": still_looking(claim["article_id"]),
        "own_check_without_address": OWN_CHECK_WITHOUT_ADDRESS,
    }
