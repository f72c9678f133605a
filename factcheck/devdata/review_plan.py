"""Planning the review work on an article's claims: who does what to which claim, in what order."""

# Pure: a plan names claims by their place in the article (seq) and people by username, so it
# can be made in another process; review_work.py carries it out through the store.

import random
from typing import NamedTuple

from factcheck.devdata import review_words as say
from factcheck.devdata.people import ADMIN, EDITORS, REVIEWERS
from factcheck.scales import Rating, Scale

# How the work on a chosen claim ends up, with how often.
STORIES = {
    "assigned": 12,  # assigned, nothing more yet
    "drafting": 18,  # evidence and a draft verdict
    "in_review": 14,  # submitted, waiting for an editor
    "published": 34,  # approved by an editor who did not write it
    "returned": 5,  # sent back with a comment, not yet revised
    "returned_published": 8,  # sent back, revised, then approved
    "corrected": 4,  # published, corrected, and the correction approved
    "correcting": 2,  # published, a correction under way
    "not_a_claim": 3,  # reclassified as not a claim
}
COMMENT_SHARE = 0.35
EDITOR_CHECKS_SHARE = 0.15
REMOVAL_SHARE = 0.1


class Step(NamedTuple):
    action: str  # assign, evidence, remove_evidence, verdict, submit, approve, return, correct,
    # comment or classify
    seq: int
    actor: str
    args: dict


def plan_reviews(rng: random.Random, units, share: float, scale: Scale) -> tuple[list[Step], int]:
    """Steps for about `share` of the article's claims, the more check-worthy ones more often,
    interleaved as several people would work; returns them and how many claims they touch."""
    claims = [unit for unit in units if unit.kind == "claim"]
    if not claims or share <= 0:
        return [], 0
    mean = sum(unit.checkworthiness for unit in claims) / len(claims) or 1.0
    chosen = [u for u in claims if rng.random() < min(1.0, share * u.checkworthiness / mean)]
    names, weights = list(STORIES), list(STORIES.values())
    stories = [_Story(rng, unit.seq, scale).tell(rng.choices(names, weights)[0]) for unit in chosen]
    return _interleave(rng, stories), len(chosen)


def _interleave(rng: random.Random, stories: list[list[Step]]) -> list[Step]:
    """One list of steps, each story's steps still in their own order."""
    queues = [list(reversed(steps)) for steps in stories if steps]
    merged = []
    while queues:
        pick = rng.randrange(len(queues))
        merged.append(queues[pick].pop())
        if not queues[pick]:
            queues.pop(pick)
    return merged


def band(rating: Rating, scale: Scale) -> str:
    """How far the evidence bears a rating's claim out: holds, partly, fails or unknown."""
    if not rating.needs_evidence:
        return "unknown"
    span = scale.best_rating - scale.worst_rating
    position = (rating.value - scale.worst_rating) / span if span else 1.0
    return "holds" if position >= 0.75 else "partly" if position >= 0.25 else "fails"


STANCES = {"holds": ("supports",), "partly": ("mixed", "context"), "fails": ("refutes",)}


class _Story:
    """The steps of one claim's review, written as it goes."""

    def __init__(self, rng: random.Random, seq: int, scale: Scale):
        self.rng, self.seq, self.scale = rng, seq, scale
        self.steps: list[Step] = []
        self.evidence = 0
        self.sources: list[tuple[str, str]] = []  # (publisher, document) of each piece

    def add(self, action: str, actor: str, **args) -> None:
        self.steps.append(Step(action, self.seq, actor, args))

    def tell(self, story: str) -> list[Step]:
        rng = self.rng
        editor = rng.choice(EDITORS)
        if story == "not_a_claim":
            reason = rng.choice(say.NOT_A_CLAIM_REASONS)
            self.add("classify", rng.choice(REVIEWERS), kind="not_a_claim", reason=reason)
            return self.steps
        writer = editor if rng.random() < EDITOR_CHECKS_SHARE else rng.choice(REVIEWERS)
        self.add("assign", editor, assignee=writer)
        if story == "assigned":
            self._maybe_comment(writer)
            return self.steps
        rating = self._rating()
        self._gather(writer, rating, rng.randint(1, 3), may_remove=True)
        self._verdict("verdict", writer, rating)
        self._maybe_comment(writer)
        if story == "drafting":
            return self.steps
        self.add("submit", writer, comment=rng.choice(say.SUBMIT_COMMENTS))
        if story == "in_review":
            return self.steps
        approver = self._approver(writer)
        if story.startswith("returned"):
            self.add("return", approver, comment=rng.choice(say.RETURN_COMMENTS))
            if story == "returned":
                return self.steps
            self._gather(writer, rating, 1)
            self._verdict("verdict", writer, rating)
            self.add("submit", writer, comment=rng.choice(say.SUBMIT_COMMENTS))
        self.add("approve", approver, comment=rng.choice(say.APPROVE_COMMENTS))
        if story in ("corrected", "correcting"):
            # A published verdict's evidence changes only inside a correction: open it first,
            # then add the new source and save the corrected verdict again to cite it.
            corrected = self._rating()
            reason = rng.choice(say.CORRECTION_REASONS)
            self._verdict("correct", writer, corrected, reason=reason)
            self._gather(writer, corrected, 1)
            self._verdict("verdict", writer, corrected)
            if story == "corrected":
                self.add("submit", writer, comment=rng.choice(say.SUBMIT_COMMENTS))
                self.add("approve", self._approver(writer))
        return self.steps

    def _rating(self) -> Rating:
        ratings = self.scale.ratings
        weights = [1.0 if rating.needs_evidence else 0.3 for rating in ratings]
        return self.rng.choices(ratings, weights)[0]

    def _approver(self, writer: str) -> str:
        return self.rng.choice([name for name in (*EDITORS, ADMIN[0]) if name != writer])

    def _gather(self, actor: str, rating: Rating, count: int, *, may_remove=False) -> None:
        """Add `count` pieces of evidence, and now and then take one back out."""
        rng = self.rng
        kind = band(rating, self.scale)
        for _ in range(count):
            publisher, domain, section = rng.choice(say.SOURCES)
            document = rng.choice(say.DOCUMENTS)
            year = rng.randint(2019, 2026)
            slug = document.replace(" ", "-")
            self.evidence += 1
            self.sources.append((publisher, document))
            self.add(
                "evidence",
                actor,
                url=f"https://{domain}/{section}/{year}/{slug}-{rng.randint(100, 9999)}-{self.evidence}",
                stance=rng.choice(STANCES.get(kind, ("context",))),
                title=f"{publisher} {document}, {year}",
                publisher=publisher,
                quote=rng.choice(say.EVIDENCE_QUOTES),
                note=rng.choice(say.EVIDENCE_NOTES),
            )
        if may_remove and count >= 2 and rng.random() < REMOVAL_SHARE:
            self.add("remove_evidence", actor, which=0, reason=rng.choice(say.REMOVAL_REASONS))
            self.sources.pop(0)

    def _verdict(self, action: str, actor: str, rating: Rating, **extra) -> None:
        publisher, document = self.sources[-1]  # _gather always runs first
        template = self.rng.choice(say.RATIONALES[band(rating, self.scale)])
        rationale = template.format(publisher=publisher, doc=document)
        self.add(action, actor, rating=rating.key, rationale=rationale, **extra)

    def _maybe_comment(self, writer: str) -> None:
        if self.rng.random() < COMMENT_SHARE:
            author = writer if self.rng.random() < 0.7 else self.rng.choice(EDITORS)
            self.add("comment", author, body=self.rng.choice(say.COMMENTS))
