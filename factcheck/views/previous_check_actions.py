"""An earlier fact-check that a claim matches, from its panel: added to the claim as evidence, or
dismissed as not the claim's (and a dismissal taken back)."""

from flask import Blueprint, request

from factcheck import previous_checks
from factcheck.store import claim_matches, claim_reads
from factcheck.store import evidence as evidence_store
from factcheck.store.errors import Invalid, NotFound, StoreError
from factcheck.views.archive_queue import queue_copy_of_new
from factcheck.views.auth_guard import signed_in_actor
from factcheck.views.claim_forms import PanelForm, form_values
from factcheck.views.claim_panel import back_to_article, citable_url
from factcheck.views.connection import get_db
from factcheck.views.error_words import store_error_words
from factcheck.views.panel_answers import panel_answer
from factcheck.views.rendering import wants_fragment

bp = Blueprint("previous_checks", __name__)

FORM = PanelForm("previous_check", ("stance",), "add the earlier check as evidence", "add_evidence")
#: The stances a reviewer chooses between when adding an earlier check.
STANCES = ("supports", "refutes")


def _evidence_fields(check: dict, stance: str) -> dict:
    url = citable_url(check)
    if url is None:
        raise Invalid(
            "previous.no_address",
            {"library_id": check["library_id"], "own": check["own_claim_id"] is not None},
        )
    who = "this desk" if check["origin"] == "own" else (check["publisher"] or "its publisher")
    note = f"Previously checked by {who}"
    if check["rating"]:
        note += f": rated {check['rating']}"
    if check["review_date"]:
        note += f" on {check['review_date']}"
    return {
        "url": url,
        "stance": stance,
        "quote": check["claim"],
        "note": note + ".",
        "title": check["title"],
        "publisher": check["publisher"],
    }


@bp.post("/claims/<id:claim_id>/previous-checks/<id:library_id>/evidence")
def add_as_evidence(claim_id: int, library_id: int):
    """Attach an earlier check to the claim as evidence, with the stance the reviewer chose."""
    db = get_db()
    actor = signed_in_actor()
    claim = claim_reads.get_claim(db, claim_id)
    values = form_values(FORM, request.form)
    try:
        check = claim_matches.previous_check(db, claim_id, library_id)
    except Invalid as dismissed:
        return _as_it_is_now(claim_id, dismissed)
    try:
        if values["stance"] not in STANCES:
            raise Invalid("stance.missing", {"given": values["stance"], "choices": list(STANCES)})
        fields = _evidence_fields(check, values["stance"])
        added = evidence_store.add_evidence(db, claim_id, actor=actor, **fields)
    except Invalid as error:
        state = (FORM, values, error, {"library_id": library_id})
        return panel_answer(claim_id, 422, form_state=state)
    if check["origin"] == "imported" and check["url"]:
        queue_copy_of_new(added)
    if wants_fragment():
        said = f"Earlier check added as evidence that {values['stance']} the claim."
        return panel_answer(claim_id, done=said)
    return back_to_article(claim)


@bp.post("/claims/<id:claim_id>/previous-checks/<id:library_id>/dismiss")
def dismiss(claim_id: int, library_id: int):
    """Set an earlier check aside as not the claim's: another figure, another place."""
    db = get_db()
    claim = claim_reads.get_claim(db, claim_id)
    try:
        claim_matches.dismiss_previous_check(db, claim_id, library_id, actor=signed_in_actor())
    except (Invalid, NotFound) as error:
        return _as_it_is_now(claim_id, error)
    if wants_fragment():
        return panel_answer(claim_id, done="Dismissed: that earlier check is not this claim's.")
    return back_to_article(claim)


@bp.post("/claims/<id:claim_id>/previous-checks/<id:library_id>/restore")
def restore(claim_id: int, library_id: int):
    """Take a dismissal back; the claim is matched again at once."""
    db = get_db()
    actor = signed_in_actor()
    claim = claim_reads.get_claim(db, claim_id)
    try:
        matched = previous_checks.restore(db, claim_id, library_id, actor=actor)
    except NotFound as error:
        return _as_it_is_now(claim_id, error)
    if wants_fragment():
        said = (
            "Restored: the earlier check is a previous check of this claim again."
            if matched
            else "Restored, but the earlier check no longer matches this claim."
        )
        return panel_answer(claim_id, done=said)
    return back_to_article(claim)


def _as_it_is_now(claim_id: int, error: StoreError):
    """Someone in another tab dismissed or restored it first: the panel as it is now, saying so
    (a browser without htmx gets the refusal's page)."""
    if not wants_fragment():
        raise error
    return panel_answer(claim_id, done=store_error_words(error))
