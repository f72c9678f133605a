"""The claim panel's "Previously checked": the earlier fact-checks a claim matches and the same claim
in the desk's other articles (read from what was stored when the claim or the library changed)."""

from flask import url_for

from factcheck.store import claim_groups, claim_matches


def check_url(check: dict) -> str:
    """Where an earlier check can be read: its own address, or this workbench's page of the claim
    it was published on."""
    if check["url"]:
        return check["url"]
    return url_for("claims.claim_page", claim_id=check["own_claim_id"], _external=True)


def panel_section(db, claim: dict, evidence: list[dict]) -> dict:
    """What the section shows: the stored matches, best first, each marked when it is already
    evidence, and the same claim in the desk's other articles."""
    urls = {item["url"] for item in evidence}
    checks = []
    for check in claim_matches.previous_checks(db, claim["id"]):
        link = check_url(check)
        checks.append({**check, "link": link, "is_evidence": link in urls})
    return {"checks": checks, "same_text": claim_groups.same_text_claims(db, claim)}
