"""Comments on a claim: the reviewers' conversation."""

from dataclasses import dataclass

from factcheck.db import Database, inserted_id, placeholders, utc_now
from factcheck.mentions import mentioned, uncertain_names
from factcheck.reveal import has_visible_text
from factcheck.store import audit
from factcheck.store.actors import Actor
from factcheck.store.claim_state import load_claim
from factcheck.store.errors import Forbidden, Invalid
from factcheck.store.mutation import mutation, query

MAX_COMMENT_CHARS = 5000


@dataclass(frozen=True)
class SavedComment:
    """A comment stored inside a mutation, with the disabled people it mentions in the order it
    does (`not_told`): saved in the text all the same, but no inbox tells them, so the writer is
    told."""

    id: int
    not_told: list[str]


def insert_comment(
    db: Database, claim_id: int, actor: Actor, body: str | None, *, told_apart: int | None = None
) -> SavedComment | None:
    """Store a comment inside the caller's mutation; blank text stores nothing, nor does text
    with nothing to show (control or other invisible characters only). `told_apart` is a person
    the change tells in its own way (the author of a returned verdict), so a mention of them is
    not noted twice."""
    body = (body or "").strip()
    if not has_visible_text(body):
        return None
    if len(body) > MAX_COMMENT_CHARS:
        raise Invalid(
            "text.too_long",
            {"what": "comment", "limit": MAX_COMMENT_CHARS},
            field="comment",
        )
    cursor = db.execute(
        "INSERT INTO comments (claim_id, author_id, body, created_at) VALUES (?, ?, ?, ?)",
        [claim_id, actor.id, body, utc_now()],
    )
    comment_id = inserted_id(cursor)
    return SavedComment(comment_id, _record_mentions(db, comment_id, body, actor, told_apart))


def _record_mentions(
    db: Database, comment_id: int, body: str, actor: Actor, told_apart: int | None = None
) -> list[str]:
    """Note who the comment mentions (active people other than its author), for their inbox;
    returns the disabled people it mentions, in the order it does."""
    names = _mentioned_people(db, body)
    if not names:
        return []
    marks = placeholders(names)
    db.execute(
        "INSERT OR IGNORE INTO comment_mentions (user_id, comment_id)"
        f" SELECT id, ? FROM users WHERE username IN ({marks}) AND disabled = 0"
        " AND id IS NOT ? AND id IS NOT ?",
        [comment_id, *names, actor.id, told_apart],
    )
    disabled = {
        row[0]
        for row in db.execute(
            f"SELECT username FROM users WHERE username IN ({marks}) AND disabled = 1", names
        )
    }
    return [name for name in names if name in disabled]


def _mentioned_people(db: Database, body: str) -> list[str]:
    """The usernames the text mentions. "@kim." is kim unless only an older account "kim."
    exists: what it may be is looked up."""
    uncertain = sorted(uncertain_names(body))
    known: set[str] = set()
    if uncertain:
        rows = db.execute(
            f"SELECT username FROM users WHERE username IN ({placeholders(uncertain)})", uncertain
        )
        known = {row[0] for row in rows}
    return mentioned(body, known)


@mutation
def add_comment(db: Database, claim_id: int, *, body: str, actor: Actor) -> dict:
    """Add a comment; returns it with `not_told`, the disabled people it mentions (saved in the
    text all the same, but nobody's inbox gets it), for the writer to be told."""
    if actor.id is None:
        raise Forbidden("actor.not_a_person", {"task": "write a comment"})
    load_claim(db, claim_id)
    saved = insert_comment(db, claim_id, actor, body)
    if saved is None:
        raise Invalid("comment.missing", field="comment")
    comment = next(iter(db.query("SELECT * FROM comments WHERE id = ?", [saved.id])))
    audit.record(db, actor, "claim", claim_id, "comment.add", after=comment)
    return comment | {"not_told": saved.not_told}


@query
def comments_for_claim(db: Database, claim_id: int) -> list[dict]:
    return list(
        db.query(
            "SELECT c.id, c.claim_id, c.body, c.created_at, u.username AS author,"
            " u.display_name AS author_name FROM comments c JOIN users u ON u.id = c.author_id"
            " WHERE c.claim_id = ? ORDER BY c.id",
            [claim_id],
        )
    )
