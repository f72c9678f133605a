"""Mending the splitter's cuts from the claim panel: merging a unit with the next one, or splitting
it at a sentence end the reviewer picks. The text's units change shape, so a success reloads the
article at the unit (HX-Redirect for htmx, 303 otherwise); a refusal answers as the other panel
forms do (422 beside the field, 409 with the conflict panel)."""

from flask import Blueprint, current_app, redirect, request, url_for

from factcheck import previous_checks
from factcheck.ids import parse_id
from factcheck.store import claim_reads
from factcheck.store import unit_edits as unit_store
from factcheck.store.errors import Conflict, Invalid
from factcheck.views.auth_guard import signed_in_actor
from factcheck.views.claim_forms import FORMS, expected_version, form_values
from factcheck.views.connection import get_db
from factcheck.views.panel_answers import panel_answer, refused_answer
from factcheck.views.rendering import wants_fragment

bp = Blueprint("unit_edits", __name__)


def _edit(claim_id: int, form_name: str, change):
    form = FORMS[form_name]
    db = get_db()
    claim = claim_reads.get_claim(db, claim_id)
    values = form_values(form, request.form)
    try:
        change(db, signed_in_actor(), values)
    except Conflict:
        return panel_answer(claim_id, 409, conflict=(form, values, expected_version()))
    except Invalid as error:
        return refused_answer(claim, form, values, error, {})
    target = url_for("articles.article_page", article_id=claim["article_id"], claim=claim_id)
    if wants_fragment():
        response = current_app.make_response(("", 200))
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target, 303)


def _expected_next(values: dict) -> tuple[int, int] | None:
    """The next unit the merge form showed (id, version); None from a page loaded before the form
    named it, which merges with whatever is next, as it did then."""
    if not values["next_id"] and not values["next_version"]:
        return None
    next_id, version = parse_id(values["next_id"]), parse_id(values["next_version"])
    if next_id is None or version is None:
        raise Invalid("form.no_version")
    return next_id, version


@bp.post("/claims/<id:claim_id>/merge")
def merge(claim_id: int):
    def change(db, actor, values):
        merged = unit_store.merge_with_next(
            db,
            claim_id,
            reason=values["reason"],
            actor=actor,
            expected_version=expected_version(),
            expected_next=_expected_next(values),
        )
        previous_checks.after_unit_edit(db, [merged["id"]], actor=actor)

    return _edit(claim_id, "merge", change)


@bp.post("/claims/<id:claim_id>/split")
def split(claim_id: int):
    def change(db, actor, values):
        at = parse_id(values["at"])
        if at is None:
            raise Invalid("unit.no_cut", {"claim_id": claim_id}, field="at")
        first, second = unit_store.split_unit(
            db,
            claim_id,
            at=at,
            reason=values["reason"],
            actor=actor,
            expected_version=expected_version(),
        )
        previous_checks.after_unit_edit(db, [first["id"], second["id"]], actor=actor)

    return _edit(claim_id, "split", change)
