"""Every kind of page the workbench shows, each with the work on it that makes it full: a claim
with evidence, an archived copy and a published verdict, one waiting for review, one untouched.
The layout and accessibility tests walk these pages at phone and laptop sizes."""

import itertools

from helpers import SAMPLE_ARTICLE

from factcheck import db as database
from factcheck.ingest import ingest_text
from factcheck.store import claim_reads, comments, evidence, library, users, verdicts

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1440, "height": 900}
SIZES = {"phone": PHONE, "laptop": LAPTOP}

SOURCE = "https://www.example.org/county/bulletins/2026-03-tuesday-flood-closures"
RATIONALE = (
    "The county emergency office's bulletin lists fourteen closed schools and 3,200 homes"
    " without power on Tuesday, which is what the article says."
)
_copies = itertools.count(1)


def reviewed_article(path) -> dict:
    """Import a copy of the sample article and work its claims into every state the panel shows:
    published (with evidence, its archived copy and a comment), in review, and untouched.
    Returns the ids the pages need."""
    db = database.connect(path)
    try:
        people = {name: users.actor_for(db, name) for name in ("rita", "ed")}
        body = SAMPLE_ARTICLE + f"\nScreen test copy {next(_copies)} of the sample."
        article_id = ingest_text(db, body).article_id
        checkable = [
            c for c in claim_reads.claims_for_article(db, article_id) if c["kind"] == "claim"
        ]
        published, in_review, untouched = checkable[0], checkable[1], checkable[2]
        rita, ed = people["rita"], people["ed"]

        source = evidence.add_evidence(
            db,
            published["id"],
            url=SOURCE,
            stance="supports",
            quote="14 schools closed; 3,200 homes without power",
            note="The bulletin of Tuesday evening.",
            actor=rita,
        )
        snapshot = evidence.record_snapshot(
            db,
            SOURCE,
            actor=rita,
            status="archived",
            http_status=200,
            content_type="text/html",
            content_sha256="0" * 64,
            title="Flood bulletin, Tuesday",
            # The quote is in it, so the copy's page shows it highlighted (checked in both themes).
            text="Tuesday evening: 14 schools closed; 3,200 homes without power.",
        )
        comments.add_comment(
            db, published["id"], body="The bulletin confirms both numbers.", actor=ed
        )
        verdicts.set_verdict(
            db,
            published["id"],
            rating="accurate",
            rationale=RATIONALE,
            evidence_ids=[source["id"]],
            actor=rita,
        )
        verdicts.submit_for_review(db, published["id"], actor=rita)
        verdicts.approve(db, published["id"], actor=ed, comment="Checked the bulletin.")

        verdicts.set_verdict(
            db, in_review["id"], rating="unverifiable", rationale=RATIONALE, actor=rita
        )
        verdicts.submit_for_review(db, in_review["id"], actor=rita)
        library_item = library.own_item_for(db, published["id"])
    finally:
        db.close()
    return {
        "article": article_id,
        "published": published["id"],
        "in_review": in_review["id"],
        "untouched": untouched["id"],
        "snapshot": snapshot["id"],
        "library_item": library_item,
    }


def claim_url(work: dict, which: str) -> str:
    return f"/articles/{work['article']}?claim={work[which]}"


def signed_in_pages(work: dict) -> dict:
    """Name -> path of every page a signed-in editor (ed) can see; admin pages are apart."""
    return {
        "dashboard": "/",
        "import": "/import",
        "article with a claim open": claim_url(work, "published"),
        "article with a claim in review": claim_url(work, "in_review"),
        "queue": "/queue",
        "account": "/account",
        "library": "/library",
        "library item": f"/library/{work['library_item']}",
        "snapshot": f"/snapshots/{work['snapshot']}",
        "audit trail": "/audit",
        "not found": "/no-such-page",
    }
