"""What the claim panel shows: the selected unit, its place among the claims, its neighbours."""

from factcheck.store import claims as claim_store


def claims_only(units: list[dict]) -> list[dict]:
    """The units that are claims, in document order."""
    return [unit for unit in units if unit["kind"] == "claim"]


def ranked(units: list[dict]) -> list[dict]:
    """Claims by check-worthiness, highest first; ties keep document order."""
    return sorted(claims_only(units), key=lambda unit: (-unit["checkworthiness"], unit["seq"]))


def find_unit(units: list[dict], unit_id: int | None) -> dict | None:
    return next((unit for unit in units if unit["id"] == unit_id), None)


def panel_context(units: list[dict], selected: dict | None) -> dict:
    """Template context for partials/claim_panel.html.

    `position` counts claims only; a selected non-claim has no position, and its neighbours are
    the claims just before and after it in the text. With nothing selected, "next" is the first
    claim."""
    claims = claims_only(units)
    if selected is None:
        before, after = [], claims
    else:
        before = [claim for claim in claims if claim["seq"] < selected["seq"]]
        after = [claim for claim in claims if claim["seq"] > selected["seq"]]
    return {
        "claim": selected,
        "position": len(before) + 1 if selected and selected["kind"] == "claim" else None,
        "claim_total": len(claims),
        "previous_claim": before[-1] if before else None,
        "next_claim": after[0] if after else None,
    }


def reviewed(db, selected: dict | None) -> dict | None:
    """The selected unit's review record (verdict, evidence, people), as the JSON shows it."""
    if selected is None:
        return None
    return claim_store.claims_with_reviews(db, [selected])[0]
