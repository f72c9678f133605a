"""The library of known fact-checks in the workbench: browse and search it, open one item with the
claims it matches, and (editors and admins) import a file of fact-checks or remove one."""

import json

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from factcheck import library_files, library_formats, previous_checks
from factcheck.ids import require_id
from factcheck.store import audit, library_browse
from factcheck.store import library as library_store
from factcheck.store.errors import Invalid
from factcheck.views.auth_guard import require_role, signed_in_actor
from factcheck.views.body_limits import takes_body_up_to
from factcheck.views.connection import get_db
from factcheck.views.error_words import store_error_words
from factcheck.views.rendering import json_response, page_or_fragment, wants_fragment

bp = Blueprint("library", __name__)

ORIGINS = {"own": "Our verdicts", "imported": "Imported"}
SEARCH_MAX_CHARS = 200
# A file imported within the request: about 30,000 fact-checks. Larger ones go through
# `factcheck library import`, which has no web request to hold up.
MAX_WEB_LIBRARY_BYTES = 5 * 1024 * 1024
#: The matched claims an item's page lists, closest first.
MATCHED_SHOWN = 200
UPLOAD_OVERHEAD_BYTES = 64 * 1024
SHOWN_REFUSALS = 20
# An import's outcome waits in the session cookie for the page its redirect opens; the refusals
# shown are cut to keep the cookie small (their count is still given).
KEPT_RESULT_BYTES = 2000


def _filters(args) -> dict:
    """The search words, origin and page a request asks for, as library_browse.browse takes
    them; an origin that cannot match is dropped, so an old shared link still opens, and a page
    that cannot be one is refused, as every paged list refuses it."""
    origin = args.get("origin", "")
    page = require_id(args["page"], "page") if args.get("page", "").strip() else 1
    return {
        "words": " ".join(args.get("q", "").split())[:SEARCH_MAX_CHARS],
        "origin": origin if origin in ORIGINS else None,
        "page": min(page, 1_000_000),
    }


def _page_link(filters: dict, page: int) -> str:
    values = {"q": filters["words"] or None, "origin": filters["origin"], "page": page}
    return url_for("library.library_page", **{k: v for k, v in values.items() if v})


def _context(import_result: dict | None = None) -> dict:
    db = get_db()
    filters = _filters(request.args)
    found = library_browse.browse(db, **filters)
    last_page = max(1, -(-found["total"] // found["size"]))
    return {
        "filters": filters,
        "found": found,
        "first_shown": (found["page"] - 1) * found["size"] + 1,
        "previous_link": _page_link(filters, found["page"] - 1) if found["page"] > 1 else None,
        "next_link": _page_link(filters, found["page"] + 1) if found["page"] < last_page else None,
        "counts": library_store.item_count(db),
        "origins": ORIGINS,
        "import_result": import_result,
        "max_import_bytes": MAX_WEB_LIBRARY_BYTES,
    }


@bp.get("/library")
def library_page():
    # The outcome of the import that redirected here is shown once, on the page itself.
    result = None if wants_fragment() else session.pop("library_import", None)
    return page_or_fragment("library.html", "partials/library_results.html", **_context(result))


@bp.get("/library.json")
def library_json():
    return json_response(library_browse.browse(get_db(), **_filters(request.args)))


@bp.get("/library/<id:library_id>")
def item_page(library_id: int):
    db = get_db()
    item = library_store.get_item(db, library_id)
    return render_template(
        "library_item.html",
        item=item,
        # A sentence repeated across a big desk can match thousands of claims: the closest are
        # listed, and the item's JSON has them all.
        matched=library_browse.matched_claims(db, library_id, limit=MATCHED_SHOWN),
        matched_count=library_browse.matched_claim_count(db, library_id),
        own_claim=library_browse.own_claim(db, item["claim_id"]) if item["claim_id"] else None,
        max_why=audit.MAX_WHY_CHARS,
    )


@bp.get("/library/<id:library_id>.json")
def item_json(library_id: int):
    db = get_db()
    item = library_store.get_item(db, library_id)
    return json_response({**item, "matched_claims": library_browse.matched_claims(db, library_id)})


@bp.post("/library/<id:library_id>/remove")
@require_role("editor", "admin")
def remove_item(library_id: int):
    """Take an imported fact-check out; the claims it matched are matched again in the
    background."""
    db = get_db()
    actor = signed_in_actor()
    try:
        result = library_store.remove_item(db, library_id, actor=actor, why=request.form.get("why"))
    except Invalid as refused:
        return _refused(store_error_words(refused), refused.status)
    matched = result["matched_claims"]
    previous_checks.after_library_change(
        db,
        [library_id],
        cause=f"removal of library item {library_id}",
        actor=actor,
        matched=matched,
        db_path=current_app.config["DATABASE"],
    )
    again = ""
    if len(matched) == 1:
        again = " The claim it matched is being matched again."
    elif matched:
        again = f" The {len(matched):,} claims it matched are being matched again."
    flash(f"Removed library item {library_id}.{again}")
    return redirect(url_for("library.library_page"), 303)


def _refused(problem: str, status: int = 422):
    result = {"problem": problem}
    return render_template("library.html", **_context(import_result=result)), status


@bp.post("/library/import")
@takes_body_up_to(MAX_WEB_LIBRARY_BYTES + UPLOAD_OVERHEAD_BYTES)
@require_role("editor", "admin")
def import_file():
    """Import a file of fact-checks: added, updated (same id or url as before), or refused with
    its line; the claims they touch are matched again in the background."""
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _refused("Choose the file of fact-checks to import first.")
    name = upload.filename
    data = upload.read(MAX_WEB_LIBRARY_BYTES + 1)
    if len(data) > MAX_WEB_LIBRARY_BYTES:
        return _refused(
            f"{name} is larger than {MAX_WEB_LIBRARY_BYTES // (1024 * 1024)} MB, more than the"
            " workbench imports at once. Split it, or import it on the server with"
            f" factcheck library import {name}."
        )
    file_format = request.form.get("format") or library_formats.format_for(name)
    if file_format not in library_formats.FORMATS:
        return _refused(
            f"The workbench cannot tell how {name} is written from its name. Choose its format:"
            " CSV, TSV, JSON Lines or ClaimReview."
        )
    db = get_db()
    actor = signed_in_actor()
    try:
        summary = library_files.import_file(
            db, data, name=name, file_format=file_format, actor=actor
        )
    except library_formats.FormatRefused as error:
        return _refused(f"{name}: {error}.")
    except library_files.NoFactChecks:
        return _refused(f"{name} holds no fact-checks. Check the file and its format.")
    changed = summary.pop("changed_ids")
    if changed:
        previous_checks.after_library_change(
            db,
            changed,
            cause=f"library import of {name}",
            actor=actor,
            db_path=current_app.config["DATABASE"],
        )
    result = {
        **summary,
        "name": name,
        "rematching": bool(changed),
        "shown_refusals": summary["refusals"][:SHOWN_REFUSALS],
    }
    if summary["refused"] == summary["records"]:
        return render_template("library.html", **_context(result)), 422
    # Redirected, so that reloading the page does not offer to send the file again.
    session["library_import"] = _kept_for_redirect(result)
    return redirect(url_for("library.library_page"), 303)


def _kept_for_redirect(result: dict) -> dict:
    """What the result partial shows of an import, small enough for the session cookie."""
    kept = {
        key: result[key]
        for key in ("name", "added", "updated", "unchanged", "refused", "records", "rematching")
    }
    size = len(json.dumps(kept))
    shown = []
    for refusal in result["shown_refusals"]:
        entry = {"where": refusal["where"], "problem": refusal["problem"][:300]}
        size += len(json.dumps(entry))
        if size > KEPT_RESULT_BYTES:
            break
        shown.append(entry)
    return {**kept, "shown_refusals": shown}
