"""A database with claims in every state of review, shared by the export tests, and its own check."""

from dataclasses import dataclass

from helpers import RATIONALE, add_people, import_sample, new_database

from factcheck.exports import ExportConfig, ExportFilters, write_export
from factcheck.importers import from_text
from factcheck.ingest import ingest_imported
from factcheck.store import bulk, claim_reads, comments, evidence, triage, verdicts

PUBLIC_URL = "https://verify.example.org"
ORG_NAME = "Valley Verify"

SECOND_ARTICLE = """Harbour warehouse fire destroys 40 tonnes of grain

The port authority said the blaze started in a conveyor motor

A fire at the harbour warehouse destroyed 40 tonnes of stored grain on Friday night, the port authority said.

Firefighters from three stations spent six hours bringing it under control.
"""

SCRIPT_RATIONALE = (
    "Fourteen schools closed on Tuesday, but four of them closed for a planned training day"
    " <script>alert('rationale')</script> and not because of the flood."
)
FORMULA_RATIONALE = (
    '=HYPERLINK("https://evil.example","click") is what a spreadsheet would run;'
    " the bulletin gives no such figure for the valley."
)
FORMULA_QUOTE = "@SUM(1+1)*cmd|' /C calc'!A0 14 closures"


@dataclass
class World:
    db: object
    people: dict
    sample_article: int
    harbour_article: int
    published: int
    corrected: int
    in_review: int
    draft: int
    untouched: int
    harbour_published: int

    def bulk_assigned(self) -> list[int]:
        return [c["id"] for c in checkable(self.db, self.harbour_article) if c["assignee_id"]]


def checkable(db, article_id: int) -> list[dict]:
    return [c for c in claim_reads.claims_for_article(db, article_id) if c["kind"] == "claim"]


def publish(db, people, claim_id, rating, rationale, sources, approver="ed"):
    for url, stance, quote in sources:
        evidence.add_evidence(
            db, claim_id, url=url, stance=stance, quote=quote, title=None, actor=people["rita"]
        )
    verdicts.set_verdict(db, claim_id, rating=rating, rationale=rationale, actor=people["rita"])
    verdicts.submit_for_review(db, claim_id, actor=people["rita"])
    verdicts.approve(db, claim_id, actor=people[approver])


#: When `correct_later` publishes its correction: long after the world's first publications.
LATER = "2031-05-06T07:08:09.000000Z"


def correct_later(world: World, monkeypatch) -> int:
    """Correct world.published's verdict and publish the correction at LATER; returns the claim."""
    rita = world.people["rita"]
    verdicts.correct_verdict(
        world.db,
        world.published,
        rating="Misleading",
        rationale="A longer rationale that explains why the earlier verdict needs to change.",
        reason="New figures from the county",
        actor=rita,
    )
    verdicts.submit_for_review(world.db, world.published, actor=rita)
    with monkeypatch.context() as later:
        later.setattr(verdicts, "utc_now", lambda: LATER)
        verdicts.approve(world.db, world.published, actor=world.people["eve"])
    return world.published


def build_world(path) -> World:
    db = new_database(path)
    people = add_people(db)
    rita = people["rita"]
    sample = import_sample(db)
    headline, standfirst, rain, river, never_seen, _calm = checkable(db, sample)

    removed = evidence.add_evidence(
        db, rain["id"], url="https://rumour.example/post", stance="refutes", actor=rita
    )
    evidence.remove_evidence(
        db, removed["id"], reason="An anonymous post, not a source", actor=rita
    )
    publish(
        db,
        people,
        rain["id"],
        "Accurate",
        RATIONALE,
        [("https://county.example/bulletin", "supports", "14 schools closed; 3,200 homes cut off")],
    )

    publish(
        db,
        people,
        headline["id"],
        "Mostly accurate",
        RATIONALE,
        [("https://schools.example/closures", "supports", FORMULA_QUOTE)],
    )
    verdicts.correct_verdict(
        db,
        headline["id"],
        rating="Mixed",
        rationale=SCRIPT_RATIONALE,
        reason="The district clarified why four schools closed",
        actor=rita,
    )
    verdicts.submit_for_review(db, headline["id"], actor=rita)
    verdicts.approve(db, headline["id"], actor=people["eve"])

    evidence.add_evidence(
        db, river["id"], url="https://gauges.example/millford", stance="mixed", actor=rita
    )
    verdicts.set_verdict(db, river["id"], rating="Unverifiable", rationale=RATIONALE, actor=rita)
    verdicts.submit_for_review(db, river["id"], actor=rita)

    verdicts.set_verdict(
        db, never_seen["id"], rating="False", rationale=FORMULA_RATIONALE, actor=rita
    )

    triage.assign(db, standfirst["id"], assignee="rita", actor=people["ed"])
    comments.add_comment(db, standfirst["id"], body="=1+1 checking the forecast", actor=rita)

    imported = from_text(SECOND_ARTICLE.encode())
    imported.source_url = "https://courier.example/news/harbour-fire"
    imported.author = "Sam Porter"
    imported.publisher = "The Harbour Courier"
    imported.published_date = "2025-03-14"
    harbour = ingest_imported(db, imported).article_id
    fire = next(
        c for c in checkable(db, harbour) if "40 tonnes" in c["text"] and "said" in c["text"]
    )
    publish(
        db,
        people,
        fire["id"],
        "False",
        "The port authority's incident log records 12 tonnes of grain lost, not 40; the larger"
        " figure was the warehouse's capacity.",
        [("https://port.example/incident-log", "refutes", "Estimated loss: 12 t grain")],
    )
    others = [c["id"] for c in checkable(db, harbour) if c["id"] != fire["id"]]
    bulk.bulk_update(db, others, action="assign", value="rita", actor=people["ed"])
    return World(
        db=db,
        people=people,
        sample_article=sample,
        harbour_article=harbour,
        published=rain["id"],
        corrected=headline["id"],
        in_review=river["id"],
        draft=never_seen["id"],
        untouched=standfirst["id"],
        harbour_published=fire["id"],
    )


def config(**overrides) -> ExportConfig:
    values = {"org_name": ORG_NAME, "public_url": PUBLIC_URL, **overrides}
    return ExportConfig.from_env(**values)


def export_bytes(world: World, fmt: str, filters: ExportFilters | None = None, **kwargs) -> bytes:
    import io

    out = io.BytesIO()
    write_export(
        world.db,
        fmt,
        out,
        filters=filters or ExportFilters(),
        actor=kwargs.get("actor") or world.people["ed"],
        config=kwargs.get("config") or config(),
    )
    return out.getvalue()


def test_world_has_claims_in_every_state(tmp_path):
    world = build_world(tmp_path / "world.db")
    status = {c["id"]: c["status"] for c in checkable(world.db, world.sample_article)}
    assert status[world.published] == "published"
    assert status[world.corrected] == "published"
    assert status[world.in_review] == "in_review"
    assert status[world.draft] == "in_progress"
    assert status[world.untouched] == "unreviewed"
    states = [v["state"] for v in verdicts.verdicts_for_claim(world.db, world.corrected)]
    assert states == ["superseded", "published"]
    assert world.bulk_assigned()
