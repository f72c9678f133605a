"""How the claim panel answers a form: the refreshed panel with the article's changed pieces out of
band, the refused form with its message, the conflict panel, or the whole article page for a
browser without script."""

from flask import make_response, render_template, request

from factcheck.history_words import version_after
from factcheck.ids import parse_id
from factcheck.store import articles as article_store
from factcheck.store import claim_reads
from factcheck.store import unit_edits as unit_store
from factcheck.store import users as user_store
from factcheck.store.errors import Invalid
from factcheck.store.rows import ClaimRow
from factcheck.views.article_layout import Segment
from factcheck.views.articles import (
    article_page_context,
    claim_counts,
    claim_lists,
    in_ranked_list,
)
from factcheck.views.claim_forms import (
    PanelForm,
    refused_state,
    ticked_evidence,
    what_you_did,
    your_values,
)
from factcheck.views.claim_panel import display_names, panel_context, reviewed, timeline
from factcheck.views.connection import get_db
from factcheck.views.rendering import wants_fragment
from factcheck.views.scale_css import current_scale


def shown(form: PanelForm, review: dict) -> bool:
    return form.shown_when == "always" or bool(review["work"]["can"].get(form.shown_when))


def _merge_now(claim: ClaimRow, values: dict, yours: list[dict]) -> dict:
    """A refused merge's fields naming the next unit as it is now, so "Apply mine on top" joins
    the sentence the conflict panel shows (in `yours`) and no other."""
    partner = unit_store.merge_partner(get_db(), claim)
    text = (
        partner["text"]
        if partner
        else "nothing now: no sentence follows it in its paragraph, or the next one has a verdict"
    )
    yours.append({"label": "Join with", "value": text, "long": True})
    return {
        **values,
        "next_id": str(partner["id"]) if partner else "",
        "next_version": str(partner["version"]) if partner else "",
    }


def _cannot_reapply(claim: ClaimRow, review: dict, form: PanelForm, values: dict) -> str | None:
    if form.name == "merge" and not values.get("next_id"):
        return (
            "Nothing can be joined to this claim now: no sentence follows it in its paragraph, or"
            " the next one has a verdict."
        )
    if form.name == "approve" and claim["status"] == "in_review":
        # An approval publishes the verdict as it is now, which this editor has not read.
        return (
            "An approval publishes the verdict as it is now: read it in the claim's panel (its"
            " rating, rationale, sources and quote checks) and approve it there."
        )
    if shown(form, review):
        return None
    if form.name in ("approve", "return") and claim["status"] == "published":
        return (
            f"You can no longer {form.doing}: it is published now. If it must change, start a"
            " correction from the claim's panel."
        )
    return f"You can no longer {form.doing} as the claim is now."


def conflict_view(
    claim: ClaimRow,
    review: dict,
    form: PanelForm,
    values: dict,
    expected: int,
    saved_first: str | None = None,
):
    """Their side (the claim now and the changes since `expected`) and yours, for conflict.html;
    `saved_first` says what of yours was saved before the change met (a draft saved, then not
    submitted)."""
    db = get_db()
    history = claim_reads.claim_history(db, claim["id"])
    # All of them, however many: the panel's history lists only the latest.
    newer = [entry for entry in history if (version_after(entry, claim["id"]) or 0) > expected]
    yours = your_values(form, values, current_scale())
    # The sources ticked on a verdict form go back with "Apply mine on top", and are shown.
    ticked = ticked_evidence(request.form)
    if ticked is not None:
        urls = [item["url"] for item in review["work"]["evidence"] if item["id"] in ticked]
        yours.append({"label": "Rests on", "value": "\n".join(urls) or "none", "long": True})
    next_now = None
    if form.name == "merge":
        values = _merge_now(claim, values, yours)
        next_now = unit_store.next_unit(db, claim)
    return {
        "fields": values,
        "ticked": sorted(ticked) if ticked is not None else None,
        "doing": what_you_did(form, values),
        "yours": yours,
        "changes": timeline(newer, display_names(user_store.list_users(db)), claim["id"]),
        # A merge also refuses when the next unit changed, which this claim's history lacks.
        "subject": "the next sentence" if form.name == "merge" else "this claim",
        # A merge's conflict is about the next sentence: what it is now, beside this claim's.
        "next_now": next_now,
        # Why "Apply mine on top" cannot work now: nothing can be joined (none follows, or the
        # next one has a verdict), or the change is no longer one this person may make (a
        # return sent after another editor approved).
        "cannot_reapply": _cannot_reapply(claim, review, form, values),
        "expected_version": expected,
        "action_url": request.path,
        "saved_first": saved_first,
    }


def panel_answer(
    claim_id: int,
    status: int = 200,
    *,
    before: ClaimRow | None = None,
    form_state=None,
    conflict=None,
    done: str = "",
):
    """The whole panel as it is now: for htmx with the article's changed pieces out of band,
    for a browser inside the article page.

    `before` is the claim as the page showed it. When it was a claim and still is (or a non-claim
    still), the ranked list keeps its rows and order, so only this claim's row goes out of band;
    otherwise (it joined or left the list, or nobody knows what the page shows) the whole list."""
    db = get_db()
    claim = claim_reads.get_claim(db, claim_id)
    article_id = claim["article_id"]
    review = reviewed(db, claim)
    neighbours = claim_reads.claim_neighbours(db, article_id, claim["seq"])
    context = {**panel_context(neighbours, claim), "review": review, "form_state": None}
    if form_state is not None:
        form, values, error, extra = form_state
        context["form_state"] = {
            **refused_state(form, values, error, shown(form, review)),
            **extra,
        }
    if conflict is not None:
        context["conflict"] = conflict_view(claim, review, *conflict)
    if not wants_fragment():
        article = article_store.get_article(db, article_id)
        context.update(article_page_context(db, article, claim))
        return render_template("article.html", **context), status
    # The fragment refreshes the list (or one row of it) and the progress bar, never the text.
    row_only = before is not None and before["kind"] == claim["kind"]
    if row_only:
        counts = claim_counts(db, article_id)
        context.update(counts, selected_id=claim_id, ranked_row_only=True)
        context["ranked_row_shown"] = in_ranked_list(db, claim, counts["ranked_total"])
    else:
        context.update(claim_lists(db, article_id, claim_id))
    context["article_language"] = article_store.article_language(db, article_id)
    context["updated_segment"] = Segment(claim["start"], claim["end"], claim["text"], claim)
    context["oob_progress"] = True
    context["done"] = done
    response = make_response(render_template("partials/panel_response.html", **context), status)
    response.headers["HX-Retarget"] = "#claim-panel"
    response.headers["HX-Reswap"] = "innerHTML"
    return response


def refused_answer(before: ClaimRow, form: PanelForm, values: dict, error: Invalid, extra: dict):
    """422. htmx gets the form alone with the message beside the field, unless something was
    saved before the refusal or the form came from a conflict panel: then the whole panel."""
    db = get_db()
    claim = claim_reads.get_claim(db, before["id"])
    # Changed since the form was drawn, too (a verdict published meanwhile refuses new evidence):
    # the whole panel then shows the claim as it is now, with the way forward the message gives.
    drawn_at = parse_id(request.form.get("expected_version"))
    changed = claim["version"] != before["version"] or drawn_at not in (None, claim["version"])
    # Quote checks changed by a copy that came in, or evidence the form ticks taken off since (no
    # new claim version either): what changed is outside the form, in the cards.
    changed = changed or error.code in ("verdict.quotes_changed", "evidence.not_attached")
    if wants_fragment() and not changed and request.form.get("reapply") != "1":
        review = reviewed(db, claim)
        state = {**refused_state(form, values, error, True), **extra}
        context = {"claim": claim, "review": review, "form_state": state, **extra}
        return render_template(form.template, **context), 422
    return panel_answer(claim["id"], 422, before=before, form_state=(form, values, error, extra))
