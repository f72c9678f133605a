"""A person's inbox: verdicts returned to them, claims given to them or taken from them, comments
that mention them, their open drafts and another reviewer's saves over them and, for editors,
verdicts waiting for review; and what they have read.

Every item is read from the records themselves (verdicts, claims, comments, the mentions noted
with each comment and the work taken from someone noted with the change's audit row), through
indexes made for it (migrations 009 and 031), never by searching the audit log.
Reading state is a person's own and no part of the record: `mark_read` and `mark_all_read` write
through this store module in a transaction of their own, but without an audit row."""

from dataclasses import dataclass

from factcheck.db import Database, placeholders, utc_now
from factcheck.store.actors import Actor
from factcheck.store.errors import Invalid
from factcheck.store.mutation import query, reading_state
from factcheck.store.verdicts import WRITTEN_BY_ME

#: The most items the inbox lists; the count in the header covers every unread one.
SHOWN = 50


@dataclass(frozen=True)
class _Kind:
    """One kind of inbox item: where it comes from, its key, and the record the id names."""

    tables: str
    where: str
    key: str  # SQL for the item's key in inbox_reads
    at: str  # SQL for when it happened
    record: str  # SQL for the id an open link names
    who: str  # SQL for the id of the person it comes from
    comment: str = "NULL"
    #: SQL for the id of the person it went to, when it went to someone else.
    whom: str = "NULL"
    #: SQL for the audit action that did it, when the kind has more than one way to happen.
    how: str = "NULL"
    #: SQL the newest-first list is ordered by, when an index gives that order more cheaply than
    #: `at` (it must put items in the same order as `at`).
    order: str | None = None
    editors_only: bool = False
    #: False for the person's own open work (drafts): listed as a reminder, never unread.
    news: bool = True


KINDS = {
    "returned": _Kind(
        tables="verdicts v JOIN claims c ON c.id = v.claim_id"
        " LEFT JOIN comments n ON n.id = v.return_comment_id",
        where="v.author_id = :me AND v.state = 'draft' AND v.returned_at IS NOT NULL",
        key="'returned:' || v.id || ':' || v.returned_at",
        at="v.returned_at",
        record="v.id",
        who="v.returned_by",
        comment="n.body",
    ),
    "assigned": _Kind(
        tables="claims c",
        where="c.assignee_id = :me AND c.assigned_at IS NOT NULL AND c.kind = 'claim'"
        " AND c.status IN ('unreviewed', 'in_progress') AND c.assigned_by IS NOT :me",
        key="'assigned:' || c.id || ':' || c.assigned_at",
        at="c.assigned_at",
        record="c.id",
        who="c.assigned_by",
    ),
    "taken": _Kind(
        tables="work_taken t JOIN claims c ON c.id = t.claim_id",
        where="t.user_id = :me AND t.what = 'claim'",
        key="'taken:' || t.audit_id || ':' || t.unit_id",
        at="t.taken_at",
        record="t.claim_id",
        who="t.taken_by",
        whom="t.given_to",
        how="(SELECT a.action FROM audit a WHERE a.id = t.audit_id)",
    ),
    "replaced": _Kind(
        tables="work_taken t JOIN claims c ON c.id = t.claim_id",
        where="t.user_id = :me AND t.what = 'draft'",
        key="'replaced:' || t.audit_id",
        at="t.taken_at",
        record="t.claim_id",
        who="t.taken_by",
    ),
    "mention": _Kind(
        tables="comment_mentions m JOIN comments n ON n.id = m.comment_id"
        " JOIN claims c ON c.id = n.claim_id",
        where="m.user_id = :me",
        key="'mention:' || n.id",
        at="n.created_at",
        # Comments are numbered as they are written and never edited, so the mention index
        # (user, comment) gives the newest first without sorting everyone's mentions by time.
        order="m.comment_id",
        record="n.id",
        who="n.author_id",
        comment="n.body",
    ),
    "draft": _Kind(
        tables="verdicts v JOIN claims c ON c.id = v.claim_id",
        where="v.author_id = :me AND v.state = 'draft' AND v.returned_at IS NULL",
        key="'draft:' || v.id",
        at="v.created_at",
        record="v.id",
        who="v.author_id",
        news=False,
    ),
    "review": _Kind(
        tables="verdicts v JOIN claims c ON c.id = v.claim_id",
        where=f"v.state = 'in_review' AND v.author_id != :me AND NOT {WRITTEN_BY_ME}",
        key="'review:' || v.id || ':' || v.submitted_at",
        at="v.submitted_at",
        record="v.id",
        who="v.author_id",
        editors_only=True,
    ),
}

_UNREAD = "NOT EXISTS (SELECT 1 FROM inbox_reads r WHERE r.user_id = :me AND r.item = {key})"


def _kinds(actor: Actor, leave_out: tuple[str, ...] = ()) -> dict[str, _Kind]:
    return {
        name: kind
        for name, kind in KINDS.items()
        if (actor.is_editor or not kind.editors_only) and name not in leave_out
    }


def _select(name: str, kind: _Kind, extra: str = "") -> str:
    read = (
        f"EXISTS (SELECT 1 FROM inbox_reads r WHERE r.user_id = :me AND r.item = {kind.key})"
        if kind.news
        else "1"
    )
    return (
        f"SELECT '{name}' AS kind, {kind.key} AS item, {kind.record} AS record_id,"
        f" {kind.at} AS at, {kind.who} AS who_id, {kind.whom} AS whom_id, {kind.how} AS how,"
        f" {kind.comment} AS comment, c.id AS claim_id,"
        f" c.article_id, c.text AS claim_text, {read} AS read"
        f" FROM {kind.tables} WHERE {kind.where}{extra}"
    )


def _with_people(db: Database, rows: list[dict]) -> list[dict]:
    ids = sorted(
        {row[key] for row in rows for key in ("who_id", "whom_id") if row[key] is not None}
    )
    people = {}
    if ids:
        marks = placeholders(ids)
        people = {
            row["id"]: row
            for row in db.query(
                f"SELECT id, username, display_name FROM users WHERE id IN ({marks})", ids
            )
        }
    for row in rows:
        person = people.get(row.pop("who_id"), {})
        row["who"] = person.get("username")
        row["who_name"] = person.get("display_name") or person.get("username")
        given_to = people.get(row.pop("whom_id"), {})
        row["whom"] = given_to.get("username")
        row["whom_name"] = given_to.get("display_name") or given_to.get("username")
        row["read"] = bool(row["read"])
    return rows


@query
def inbox(
    db: Database,
    actor: Actor,
    limit: int = SHOWN,
    leave_out: tuple[str, ...] = (),
    before: tuple[str, str] | None = None,
) -> list[dict]:
    """The person's inbox items, newest first: unread and read alike, at most `limit`; items of
    the kinds in `leave_out` (listed elsewhere on the page) are left out. `before` (a page_key,
    parsed) goes on after the last item of an earlier page."""
    rows: list[dict] = []
    values: dict[str, object] = {"me": actor.id, "limit": limit}
    if before is not None:
        values.update(before_at=before[0], before_item=before[1])
    for name, kind in _kinds(actor, leave_out).items():
        older = (
            f" AND ({kind.at} < :before_at OR ({kind.at} = :before_at AND {kind.key} < :before_item))"
            if before is not None
            else ""
        )
        # Items of one moment (claims assigned together) go in the order of their keys.
        sql = (
            f"{_select(name, kind, older)} ORDER BY {kind.order or kind.at} DESC, item DESC"
            " LIMIT :limit"
        )
        rows.extend(db.query(sql, values))
    rows.sort(key=_place, reverse=True)
    return _with_people(db, rows[:limit])


def _place(row: dict) -> tuple[str, str]:
    return row["at"] or "", row["item"]


def page_key(row: dict) -> str:
    """Where the next page of the inbox starts: after this item."""
    return "|".join(_place(row))


def parse_page_key(key: str | None) -> tuple[str, str] | None:
    """(time, item) from a page_key; None for the first page. A key the inbox did not make is
    Invalid, so a damaged link says so instead of showing some other page."""
    if not key:
        return None
    at, bar, item = key.partition("|")
    if bar and item.split(":", 1)[0] in KINDS and len(at) == len(utc_now()):
        return at, item
    raise Invalid("inbox.bad_page_key", field="before")


@query
def unread_count(db: Database, actor: Actor, leave_out: tuple[str, ...] = ()) -> int:
    """How many of the person's inbox items they have not opened (leaving out `leave_out` kinds)."""
    if actor.id is None:
        return 0
    total = 0
    for kind in _kinds(actor, leave_out).values():
        if not kind.news:
            continue
        sql = (
            f"SELECT count(*) FROM {kind.tables} WHERE {kind.where}"
            f" AND {_UNREAD.format(key=kind.key)}"
        )
        total += db.execute(sql, {"me": actor.id}).fetchone()[0]
    return total


@query
def find_item(db: Database, actor: Actor, kind_name: str, record_id: int) -> dict | None:
    """The person's inbox item of this kind about this record (a verdict, claim or comment id),
    or None when it is not (or no longer) in their inbox."""
    kind = _kinds(actor).get(kind_name)
    if kind is None:
        return None
    # A claim taken from them twice is two items: the unread one, the newest, is opened.
    sql = _select(kind_name, kind, f" AND {kind.record} = :record") + " ORDER BY read, at DESC"
    rows = list(db.query(sql, {"me": actor.id, "record": record_id}))
    return _with_people(db, rows)[0] if rows else None


def move_assignment_read(db: Database, from_id: int, to_id: int, assigned_at: str) -> None:
    """A unit merged into another takes its assignment with it, and the assignment's read mark
    with that: the inbox item is named by its claim (inside the merge's transaction)."""
    db.execute(
        "UPDATE OR IGNORE inbox_reads SET item = ? WHERE item = ?",
        [f"assigned:{to_id}:{assigned_at}", f"assigned:{from_id}:{assigned_at}"],
    )


@reading_state
def mark_read(db: Database, actor: Actor, item: str) -> None:
    """Note that the person has opened this inbox item (its key, from `inbox` or `find_item`)."""
    db.execute(
        "INSERT OR IGNORE INTO inbox_reads (user_id, item, read_at) VALUES (?, ?, ?)",
        [actor.id, item, utc_now()],
    )


@reading_state
def mark_all_read(
    db: Database, actor: Actor, until: str | None = None, leave_out: tuple[str, ...] = ()
) -> int:
    """Note every item now in the person's inbox as read, or only those that happened by `until`
    (when the page they read was shown), leaving the `leave_out` kinds as they are (listed
    elsewhere on that page); returns how many were unread."""
    marked = 0
    for kind in _kinds(actor, leave_out).values():
        if not kind.news:
            continue
        shown = f" AND {kind.at} <= :until" if until is not None else ""
        cursor = db.execute(
            f"INSERT OR IGNORE INTO inbox_reads (user_id, item, read_at)"
            f" SELECT :me, {kind.key}, :now FROM {kind.tables} WHERE {kind.where}{shown}",
            {"me": actor.id, "now": utc_now(), "until": until},
        )
        marked += cursor.rowcount
    return marked
