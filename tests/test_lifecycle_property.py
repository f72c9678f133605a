"""Random sequences of review work by four people, on the web panel, the queue, the command line and
the store, never leave a claim in a state the lifecycle machine forbids, and the audit trail
verifies after every step."""

import json
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import HX, PASSWORD, RATIONALE, add_people, csrf_token_for, import_sample, new_database
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from jinja2 import BytecodeCache

from factcheck.app import create_app
from factcheck.cli import main
from factcheck.lifecycle_checks import problems
from factcheck.store import audit, bulk, claim_reads, evidence, triage, verdicts
from factcheck.store.claim_state import situation
from factcheck.store.errors import StoreError
from factcheck.views import claim_actions

PEOPLE = ("rita", "ed", "eve", "ada")
RATINGS = ("accurate", "false", "unverifiable")
SOURCES = tuple(f"https://source{n}.example/page" for n in range(4))
CHANNELS = ("web", "cli", "store")
STARTS = (
    "unreviewed",
    "in_progress",
    "in_review",
    "published",
    "correcting",
    "correction_in_review",
)


class CompiledOnce(BytecodeCache):
    """Templates compiled once for all the apps the state machine makes (compiling them is most
    of the cost of a fresh app)."""

    def __init__(self):
        self.compiled = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket):
        self.compiled[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = CompiledOnce()
people = st.sampled_from(PEOPLE)
# Mostly the first claim, which starts further along, so runs reach corrections and beyond.
claims = st.sampled_from((0, 0, 1))
channels = st.sampled_from(CHANNELS)


class ClaimLifecycle(RuleBasedStateMachine):
    """Two claims of the sample article worked on by a reviewer, two editors and an admin."""

    def __init__(self):
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "factcheck.db"
        self.db = new_database(self.path)
        self.actors = add_people(self.db)
        units = claim_reads.claims_for_article(self.db, import_sample(self.db))
        ranked = sorted(
            (u for u in units if u["kind"] == "claim"), key=lambda u: -u["checkworthiness"]
        )
        self.claim_ids = [unit["id"] for unit in ranked[:2]]
        self.app = create_app({"DATABASE": str(self.path), "TESTING": True})
        self.app.jinja_env.bytecode_cache = TEMPLATES
        self.browsers = {}
        self.steps = []

    def teardown(self):
        self.db.close()
        self.folder.cleanup()

    # The three doors

    def _browser(self, username: str):
        if username not in self.browsers:
            browser = self.app.test_client()
            signed_in = browser.post(
                "/sign-in",
                data={"username": username, "password": PASSWORD},
                headers={"X-CSRFToken": csrf_token_for(browser)},
            )
            assert signed_in.status_code == 303
            self.browsers[username] = (browser, csrf_token_for(browser))
        return self.browsers[username]

    def web(self, username: str, path: str, form: dict) -> None:
        browser, token = self._browser(username)
        response = browser.post(path, data=form, headers={**HX, "X-CSRFToken": token})
        self.steps.append(f"web {username} {path} {form} -> {response.status_code}")
        assert response.status_code < 500, response.get_data(as_text=True)[:2000]
        assert response.status_code not in (400, 401), response.get_data(as_text=True)[:500]

    def cli(self, username: str, *args: str) -> None:
        result = CliRunner().invoke(main, ["--db", str(self.path), *args, "--as", username])
        self.steps.append(f"cli {username} {' '.join(args)} -> {result.exit_code}")
        assert result.exit_code in (0, 2), result.output
        if result.exit_code == 2:
            assert len(result.output.strip().splitlines()) == 1, result.output

    def store(self, username: str, change, *args, **kwargs) -> None:
        try:
            change(self.db, *args, actor=self.actors[username], **kwargs)
            outcome = "ok"
        except StoreError as error:
            outcome = f"refused: {error}"
        self.steps.append(f"store {username} {change.__name__} {args} {kwargs} -> {outcome}")

    def version(self, claim_id: int) -> int:
        return claim_reads.get_claim(self.db, claim_id)["version"]

    def evidence_ids(self, claim_id: int) -> list[int]:
        return [row["id"] for row in evidence.evidence_for_claim(self.db, claim_id)]

    # Where the first claim starts: reached through the store, as any other change

    @initialize(start=st.sampled_from(STARTS))
    def bring_the_first_claim_along(self, start):
        claim_id, rita = self.claim_ids[0], self.actors["rita"]
        self.steps.append(f"start: claim {claim_id} {start}")
        if start == "unreviewed":
            return
        sources = [
            evidence.add_evidence(self.db, claim_id, url=url, stance="supports", actor=rita)["id"]
            for url in SOURCES[:2]
        ]
        verdicts.set_verdict(self.db, claim_id, rating="false", rationale=RATIONALE, actor=rita)
        if start == "in_progress":
            return
        verdicts.submit_for_review(self.db, claim_id, actor=rita)
        if start == "in_review":
            return
        verdicts.approve(self.db, claim_id, actor=self.actors["ed"])
        if start != "published":
            verdicts.correct_verdict(
                self.db,
                claim_id,
                rating="accurate",
                rationale=RATIONALE,
                reason="A later bulletin changed the figures",
                evidence_ids=sources[:1],
                actor=rita,
            )
        if start == "correction_in_review":
            verdicts.submit_for_review(self.db, claim_id, actor=rita)

    # What people do

    @rule(who=people, which=claims, door=channels, rating=st.sampled_from(RATINGS))
    def set_verdict(self, who, which, door, rating):
        claim_id = self.claim_ids[which]
        if door == "web":
            form = {
                "expected_version": self.version(claim_id),
                "rating": rating,
                "rationale": RATIONALE,
                "intent": "save",
                "comment": "",
            }
            self.web(who, f"/claims/{claim_id}/verdict", form)
        elif door == "cli":
            args = ("--rating", rating, "--rationale", RATIONALE)
            self.cli(who, "verdict", "set", str(claim_id), *args)
        else:
            self.store(who, verdicts.set_verdict, claim_id, rating=rating, rationale=RATIONALE)

    @rule(who=people, which=claims, door=channels)
    def submit(self, who, which, door):
        claim_id = self.claim_ids[which]
        if door == "web":
            draft = verdicts.verdicts_for_claim(self.db, claim_id)
            rating = draft[-1]["rating"] if draft else "false"
            form = {
                "expected_version": self.version(claim_id),
                "rating": rating,
                "rationale": RATIONALE,
                "intent": "submit",
                "comment": "",
            }
            self.web(who, f"/claims/{claim_id}/verdict", form)
        elif door == "cli":
            self.cli(who, "review", "submit", str(claim_id))
        else:
            self.store(who, verdicts.submit_for_review, claim_id)

    @rule(who=people, which=claims, door=channels)
    def approve(self, who, which, door):
        claim_id = self.claim_ids[which]
        if door == "web":
            form = {"expected_version": self.version(claim_id), "comment": ""}
            self.web(who, f"/claims/{claim_id}/approve", form)
        elif door == "cli":
            self.cli(who, "review", "approve", str(claim_id))
        else:
            self.store(who, verdicts.approve, claim_id)

    @rule(who=people, which=claims, door=channels)
    def return_verdict(self, who, which, door):
        claim_id = self.claim_ids[which]
        comment = "Please cite the county bulletin directly"
        if door == "web":
            form = {"expected_version": self.version(claim_id), "comment": comment}
            self.web(who, f"/claims/{claim_id}/return", form)
        elif door == "cli":
            self.cli(who, "review", "return", str(claim_id), "--comment", comment)
        else:
            self.store(who, verdicts.return_for_changes, claim_id, comment=comment)

    @rule(who=people, which=claims, door=channels)
    def recall(self, who, which, door):
        claim_id = self.claim_ids[which]
        if door == "web":
            self.web(
                who, f"/claims/{claim_id}/recall", {"expected_version": self.version(claim_id)}
            )
        elif door == "cli":
            self.cli(who, "review", "recall", str(claim_id))
        else:
            self.store(who, verdicts.recall_from_review, claim_id)

    @rule(
        who=people,
        which=claims,
        door=channels,
        rating=st.sampled_from(RATINGS),
        leave_out=st.booleans(),
    )
    def correct(self, who, which, door, rating, leave_out):
        claim_id = self.claim_ids[which]
        reason = "A later bulletin changed the figures"
        kept = self.evidence_ids(claim_id)[1:] if leave_out else None
        if door == "web":
            form = {
                "expected_version": self.version(claim_id),
                "rating": rating,
                "rationale": RATIONALE,
                "reason": reason,
            }
            if kept is not None:
                form.update(evidence_listed="1", evidence=[str(i) for i in kept])
            self.web(who, f"/claims/{claim_id}/correct", form)
        elif door == "cli":
            args = ["--rating", rating, "--rationale", RATIONALE, "--reason", reason]
            for evidence_id in kept or ():
                args += ["--evidence", str(evidence_id)]
            self.cli(who, "verdict", "correct", str(claim_id), *args)
        else:
            self.store(
                who,
                verdicts.correct_verdict,
                claim_id,
                rating=rating,
                rationale=RATIONALE,
                reason=reason,
                evidence_ids=kept or None,
            )

    @rule(who=people, which=claims, door=channels)
    def withdraw(self, who, which, door):
        claim_id = self.claim_ids[which]
        reason = "Started on the wrong claim by mistake"
        if door == "web":
            form = {"expected_version": self.version(claim_id), "reason": reason}
            self.web(who, f"/claims/{claim_id}/withdraw-correction", form)
        elif door == "cli":
            self.cli(who, "verdict", "withdraw", str(claim_id), "--reason", reason)
        else:
            self.store(who, verdicts.withdraw_correction, claim_id, reason=reason)

    @rule(who=people, which=claims, door=channels, source=st.sampled_from(SOURCES))
    def add_evidence(self, who, which, door, source):
        claim_id = self.claim_ids[which]
        if door == "web":
            form = {"expected_version": self.version(claim_id), "url": source, "stance": "supports"}
            self.web(who, f"/claims/{claim_id}/evidence", form)
        elif door == "cli":
            self.cli(who, "evidence", "add", str(claim_id), source, "--stance", "supports")
        else:
            self.store(who, evidence.add_evidence, claim_id, url=source, stance="supports")

    @rule(who=people, which=claims, door=channels, pick=st.integers(0, 3))
    def remove_evidence(self, who, which, door, pick):
        claim_id = self.claim_ids[which]
        live = self.evidence_ids(claim_id)
        if not live:
            return
        evidence_id = live[pick % len(live)]
        reason = "The page no longer says this"
        if door == "web":
            form = {"expected_version": self.version(claim_id), "reason": reason}
            self.web(who, f"/claims/{claim_id}/evidence/{evidence_id}/remove", form)
        elif door == "cli":
            self.cli(who, "evidence", "remove", str(evidence_id), "--reason", reason)
        else:
            self.store(who, evidence.remove_evidence, evidence_id, reason=reason)

    @rule(who=people, which=claims, door=channels, kind=st.sampled_from(("claim", "not_a_claim")))
    def classify(self, who, which, door, kind):
        claim_id = self.claim_ids[which]
        reason = "An opinion, not a checkable fact"
        if door == "web":
            form = {"expected_version": self.version(claim_id), "kind": kind, "reason": reason}
            self.web(who, f"/claims/{claim_id}/classify", form)
        elif door == "cli":
            self.cli(who, "claim", "classify", str(claim_id), kind, "--reason", reason)
        else:
            self.store(who, triage.classify, claim_id, kind=kind, reason=reason)

    @rule(who=people, which=claims, door=channels, assignee=people)
    def assign(self, who, which, door, assignee):
        claim_id = self.claim_ids[which]
        if door == "web":
            form = {"expected_version": self.version(claim_id), "assignee": assignee}
            self.web(who, f"/claims/{claim_id}/assign", form)
        elif door == "cli":
            self.cli(who, "claim", "assign", str(claim_id), assignee)
        else:
            self.store(who, triage.assign, claim_id, assignee=assignee)

    @rule(
        who=people,
        chosen=st.sampled_from(([0], [1], [0, 1])),
        action=st.sampled_from(
            (("status", "unreviewed"), ("status", "in_progress"), ("not_a_claim", "Opinion"))
        ),
        on_web=st.booleans(),
    )
    def bulk_action(self, who, chosen, action, on_web):
        ids = [self.claim_ids[i] for i in chosen]
        name, value = action
        if on_web:
            field = {"status": "set_status", "not_a_claim": "reason"}[name]
            self.web(who, "/queue/bulk", {"claim": ids, "action": name, field: value})
        else:
            self.store(who, bulk.bulk_update, ids, action=name, value=value)

    @rule(who=people, on_web=st.booleans())
    def undo(self, who, on_web):
        last = bulk.last_bulk_action(self.db, who)
        if last is None:
            return
        if on_web:
            self.web(who, "/queue/undo", {"audit_id": last["id"]})
        else:
            self.store(who, bulk.undo_bulk, last["id"])

    # What must hold after every step

    @invariant()
    def every_claim_is_in_a_state_the_machine_allows(self):
        for claim_id in self.claim_ids:
            unit = claim_reads.get_claim(self.db, claim_id)
            current = situation(self.db, unit)
            found = problems(current)
            assert found == [], "\n".join(self.steps + found)

    @invariant()
    def the_audit_trail_verifies(self):
        report = audit.verify(self.db)
        assert report.ok, "\n".join(self.steps + [json.dumps(report.as_dict(), default=str)])


def test_random_review_work_keeps_every_claim_sound(monkeypatch):
    # Archiving an evidence page is not part of the lifecycle, and tests never touch the network.
    monkeypatch.setattr(claim_actions, "queue_copy_of_new", lambda evidence: None)
    run_state_machine_as_test(
        ClaimLifecycle,
        settings=settings(
            max_examples=30,
            stateful_step_count=30,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow],
        ),
    )


@pytest.mark.parametrize("username", PEOPLE)
def test_everyone_in_the_machine_can_sign_in(username):
    """The state machine's people are the fixtures' people: a typo would only show as refusals."""
    machine = ClaimLifecycle()
    try:
        browser, token = machine._browser(username)
        assert token
    finally:
        machine.teardown()
