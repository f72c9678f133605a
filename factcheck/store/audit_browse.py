"""Reading the audit trail across records, newest first, by who, what, which record and when: for
an auditor's or an editor's questions ("who made alice an admin, and why?", "everything erin did
yesterday"), where a claim's history answers only for one claim."""

from dataclasses import dataclass
from datetime import date

from factcheck.db import Database
from factcheck.ids import parse_id
from factcheck.store.actors import RESERVED_USERNAMES
from factcheck.store.audit import decoded_entry
from factcheck.store.claim_story import CLAIM_STORY_IDS
from factcheck.store.errors import Invalid, NotFound
from factcheck.store.mutation import query
from factcheck.store.users import get_user

#: Rows shown at once; "older" pages go on from the last one.
PAGE_ROWS = 50
#: The kinds of change, each the first part of its actions ("user" for "user.role"): a kind to
#: filter by is one of these or one of their actions.
FAMILIES = (
    "import",
    "article",
    "claim",
    "unit",
    "verdict",
    "review",
    "evidence",
    "comment",
    "bulk",
    "user",
    "session",
    "library",
    "matches",
    "previous",
    "export",
    "audit",
)


@dataclass(frozen=True)
class TrailFilter:
    """Which audit rows to read. Dates are YYYY-MM-DD (UTC), `until` included; `before_id` goes on
    from an earlier page."""

    actor: str | None = None
    action: str | None = None
    record_type: str | None = None
    record_id: int | None = None
    since: str | None = None
    until: str | None = None
    before_id: int | None = None

    @classmethod
    def typed(
        cls,
        *,
        person: str | None = None,
        kind: str | None = None,
        record: str | None = None,
        since: str | None = None,
        until: str | None = None,
        before: str | None = None,
        date_names: tuple[str, str] = ("since", "until"),
    ) -> "TrailFilter":
        """The filter as a person typed it (a record as "claim:16" or "user"; dates YYYY-MM-DD),
        refused in words when mistyped; `date_names` are what the dates' fields are called."""
        kind = (kind or "").strip()
        if kind and kind.partition(".")[0] not in FAMILIES:
            # "verdicts" would find nothing, and read as if no verdict had ever changed.
            raise Invalid(
                "audit.kind_unknown", {"given": kind, "kinds": list(FAMILIES)}, field="kind"
            )
        record = (record or "").strip()
        # "claim:16", or "claim 16" as the audit page writes it.
        record_type, _, number = " ".join(record.replace(":", " ").split()).partition(" ")
        record_type, number = record_type.lower(), number.strip()
        record_id = parse_id(number) if number else None
        if record and (not record_type or (number and record_id is None)):
            raise Invalid("audit.record_invalid", {"given": record}, field="record")
        first, last = _day(since, date_names[0]), _day(until, date_names[1])
        if first and last and first > last:
            # Read as given, no day is both: the answer "no change" would mislead.
            facts = {"since": first, "until": last}
            facts.update(since_name=date_names[0], until_name=date_names[1])
            raise Invalid("date.order", facts, field=date_names[1])
        before = (before or "").strip()
        before_id = parse_id(before) if before else None
        if before and before_id is None:
            raise Invalid("audit.before_invalid", {"given": before}, field="before")
        return cls(
            actor=(person or "").strip() or None,
            action=kind or None,
            record_type=record_type or None,
            record_id=record_id,
            since=first,
            until=last,
            before_id=before_id,
        )

    def where(self) -> tuple[str, dict]:
        conditions: list[str] = []
        values: dict[str, object] = {}
        chosen: list[tuple[str, object]] = [
            ("actor", self.actor),
            ("record_type", self.record_type),
        ]
        if self.record_type == "claim" and self.record_id is not None:
            # A claim's rows are its whole story, as its history tells it: bulk actions that
            # changed it and copies kept for its sources are filed under other records.
            conditions.append(f"id IN ({CLAIM_STORY_IDS})")
            values["claim"] = self.record_id
            chosen = [("actor", self.actor)]
        else:
            chosen.append(("record_id", self.record_id))
        for column, value in chosen:
            if value is not None:
                conditions.append(f"{column} = :{column}")
                values[column] = value
        if self.action:
            # "bulk" finds every bulk action; "bulk.assign" one of them.
            conditions.append("(action = :action OR action LIKE :family ESCAPE '\\')")
            values["action"] = self.action
            values["family"] = _actions_like(self.action)
        if self.since:
            conditions.append("at >= :since")
            values["since"] = self.since
        if self.until:
            # The whole of that day: every time written on it sorts before the next day's.
            conditions.append("at < :until_end")
            values["until_end"] = self.until + "T99"
        if self.before_id is not None:
            conditions.append("id < :before_id")
            values["before_id"] = self.before_id
        return (" WHERE " + " AND ".join(conditions)) if conditions else "", values


@query
def typed_filter(db: Database, *, person: str | None = None, **typed) -> TrailFilter:
    """TrailFilter.typed, with the person refused when no one has that name (the trail would
    answer "no change", as for someone who changed nothing)."""
    person = (person or "").strip()
    if person.lower() in RESERVED_USERNAMES:
        person = person.lower()  # "System", as "Alice" is alice
    elif person:
        try:
            # The trail names people as their accounts are spelt; "Alice" signs in as "alice".
            person = get_user(db, person)["username"]
        except NotFound:
            raise Invalid("audit.person_unknown", {"given": person}, field="person") from None
    return TrailFilter.typed(person=person, **typed)


@query
def trail(
    db: Database, chosen: TrailFilter, limit: int = PAGE_ROWS
) -> tuple[list[dict], int | None]:
    """The audit rows `chosen` names, newest first, at most `limit`, before and after decoded;
    and, when older rows match too, the row id to go on from (`before_id`). The rows are walked
    from the newest by id, so a page stops as soon as it is full."""
    where, values = chosen.where()
    rows = [
        decoded_entry(row)
        for row in db.query(
            f"SELECT id, at, actor, channel, record_type, record_id, action, before, after, reason"
            f" FROM audit{where} ORDER BY id DESC LIMIT :limit",
            {**values, "limit": limit + 1},
        )
    ]
    older = rows[limit - 1]["id"] if len(rows) > limit else None
    return rows[:limit], older


@query
def not_in_trail(db: Database, chosen: TrailFilter) -> dict[str, list[str]]:
    """For a filter that found nothing, what it may have mistyped: the record types the trail
    has, when the chosen type is not one of them, and the actions of the chosen kind it has, when
    the chosen action is not one of them; empty lists otherwise. Each is read from the whole
    trail (the types from its index by record), so it is asked only when a filter found nothing."""
    hints: dict[str, list[str]] = {"record_types": [], "actions": []}
    if chosen.record_type:
        types = [row[0] for row in db.execute("SELECT DISTINCT record_type FROM audit ORDER BY 1")]
        if chosen.record_type not in types:
            hints["record_types"] = types
    family, dot, _ = (chosen.action or "").partition(".")
    if dot:
        actions = [
            row[0]
            for row in db.execute(
                "SELECT DISTINCT action FROM audit WHERE action LIKE ? ESCAPE '\\' ORDER BY 1",
                [_actions_like(family)],
            )
        ]
        if actions and chosen.action not in actions:
            hints["actions"] = actions
    return hints


def _actions_like(kind: str) -> str:
    """A LIKE pattern (escaped with a backslash) for the actions of a kind: "bulk" finds
    "bulk.assign", "bulk.undo", ..."""
    return kind.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ".%"


def _day(text: str | None, what: str) -> str | None:
    """A YYYY-MM-DD date typed into a filter, or None when empty; refused in words otherwise."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        if len(text) != 10:
            raise ValueError
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise Invalid("date.invalid", {"given": text, "what": what}, field=what) from None
