"""Replaying the audit trail into what the live tables should hold, and naming every difference.

Each audited change records the state it left behind (a claim's status and verdict, a verdict's
rating and state, an evidence row, a user's role, a library item), so a change made to a table
directly, without an audit row, shows up as a row that differs from the trail's last word on it,
or a row the trail never mentions."""

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from factcheck.audit_words import field_words, shown
from factcheck.db import Database, placeholders, utc_now
from factcheck.store import bulk_records
from factcheck.store.audit import Problem
from factcheck.store.audit_library import LibraryReplay
from factcheck.store.claim_state import STATE_FIELDS
from factcheck.store.queue_reads import SECTIONS
from factcheck.store.snapshots import text_digest
from factcheck.text.fingerprint import body_hash

# A table edited wholesale would otherwise list every row: past this many, count the rest.
MAX_PROBLEMS = 50
# Past this many units, only those beside a change of section are tried to name the one whose
# section was changed (each try hashes every unit again).
SECTION_SEARCH_UNITS = 400
ARTICLE_FIELDS = (
    "title",
    "source_url",
    "publisher",
    "author",
    "published_date",
    "import_format",
    "language",
)
QUOTE_CHECK_FIELDS = ("status", "score", "start", "end")
VERDICT_FIELDS = ("rating", "rating_label", "rationale", "evidence_ids", "correction_of", "state")
# What the row of a save records of the draft it revises, compared with the trail's last word.
DRAFT_FIELDS = ("rating", "rating_label", "rationale", "evidence_ids")
# Recorded with a draft since a later version: compared only where its row has them.
LATER_DRAFT_FIELDS = ("rating_value", "created_at")
# Left on a draft by a return for changes, and kept when the draft is revised.
RETURN_FIELDS = ("returned_at", "returner", "return_comment_id")
USER_FIELDS = ("username", "display_name", "role", "disabled")
INITIAL_CLAIM = {
    "status": "unreviewed",
    "verdict": None,
    "assignee_id": None,
    "corrected_at": None,
    "version": 1,
}
UNIT_EDITS = ("unit.merge", "unit.split")
# What an import or a unit edit records of an article's units (see _check_units).
UNIT_SUMMARY = ("claims", "units_sha256", "unit_ids_sha256", "attributions_sha256", "not_claims")
# A user's change that ends all their sessions, and the end reason it leaves on each.
USER_ENDS_SESSIONS = {"user.disable": "disabled", "user.password": "password_changed"}
WEB_CHANNEL = "web:"
SYSTEM_ACTOR = "system"
# Rows a web session may write after it ended: its start, and the jobs a request queued (an
# import, a copy read, matching), which run in the background under its channel.
LATER_THAN_THE_REQUEST = frozenset(
    ("session.start", "import", "evidence.archive", "evidence.copy", "matches.refresh", "export")
)
#: The changes only an editor (or an admin) may make, and those only an admin may.
EDITOR_ACTIONS = frozenset(
    ("review.approve", "review.return", "article.edit", "library.import", "library.remove")
)
ADMIN_ACTIONS = frozenset(
    ("user.add", "user.role", "user.disable", "user.enable", "audit.checkpoint_reset")
)
EDITOR_ROLES = ("editor", "admin")
REVIEW_MOVES = {
    "review.submit": "in_review",
    "review.approve": "published",
    "review.return": "draft",
    "review.recall": "draft",
}


def units_digest(units: Iterable[Sequence]) -> str:
    """sha256 over what an import fixed for good about each unit, one tuple a unit: its place and
    text as (seq, start, end, text, section), its id as (seq, id), or who it is attributed to as
    (seq, attribution)."""
    content = [list(unit) for unit in units]
    canonical = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _units_off(db: Database, units: list[dict]) -> list[int]:
    """The units whose text is not the article's text at their offsets (the article's own text
    is checked against its hash apart)."""
    if not units:
        return []
    row = db.execute("SELECT body FROM articles WHERE id = ?", [units[0]["article_id"]]).fetchone()
    body = row[0] if row else ""
    return [unit["id"] for unit in units if body[unit["start"] : unit["end"]] != unit["text"]]


def _what_changed(db: Database, units: list[dict], digest: str) -> str:
    """What can be told of a change to an article's units from the units, the article and the
    digest the import recorded: the units whose text is no longer the article's at their
    offsets, else the units out of the article's order, else the unit whose section was changed
    (or that sections were, when no one unit's change explains the digest)."""
    off = _units_off(db, units)
    if off:
        return _naming(off)
    # Each unit's place in the article is its rank by where it starts.
    by_start = sorted(units, key=lambda unit: unit["start"])
    out_of_order = [unit["id"] for place, unit in enumerate(by_start) if unit["seq"] != place]
    if out_of_order:
        return _naming(
            out_of_order, said="are out of the article's order", one="is out of the article's order"
        )
    moved = _section_moved(units, digest)
    if moved is not None:
        unit, imported_as = moved
        return (
            f"; claim {unit['id']}'s section was changed: the import put it in the"
            f" {imported_as}, and it is now in the {unit['section']}"
        )
    return (
        "; every unit's text is still the article's at its offsets and in order, so sections"
        " (headline, standfirst or body) of more than one unit were changed"
    )


def _section_moved(units: list[dict], digest: str) -> tuple[dict, str] | None:
    """The one unit whose section, put back, gives the digest the import recorded, with the
    section it had; None when no single unit's does. Units beside a change of section are tried
    first (an import's sections run in blocks, so a changed unit mostly stands out from a
    neighbour), then, in an article of up to SECTION_SEARCH_UNITS units, the rest."""
    fixed = [[u["seq"], u["start"], u["end"], u["text"], u["section"]] for u in units]
    sections = [u["section"] for u in units]
    beside_a_change = [
        place
        for place, section in enumerate(sections)
        if section != sections[max(place - 1, 0)]
        or section != sections[min(place + 1, len(sections) - 1)]
    ]
    places = beside_a_change
    if len(units) <= SECTION_SEARCH_UNITS:
        tried = set(beside_a_change)
        places = beside_a_change + [place for place in range(len(units)) if place not in tried]
    for place in places:
        for other in SECTIONS:
            if other == sections[place]:
                continue
            fixed[place][4] = other
            if units_digest(fixed) == digest:
                return units[place], other
        fixed[place][4] = sections[place]
    return None


def _naming(
    claim_ids: list[int],
    most: int = 10,
    said: str = "no longer match the article's text",
    one: str = "no longer matches the article's text",
) -> str:
    """ "; claims 16 and 17 no longer match the article's text" (or what else `said` of them,
    `one` of a single claim), or nothing without ids; past `most`, how many more."""
    if not claim_ids:
        return ""
    shown = [str(claim_id) for claim_id in claim_ids[:most]]
    more = len(claim_ids) - len(shown)
    if more:
        listed = f"{', '.join(shown)} and {more} more"
    elif len(shown) > 1:
        listed = f"{', '.join(shown[:-1])} and {shown[-1]}"
    else:
        return f"; claim {shown[0]} {one}"
    return f"; claims {listed} {said}"


def password_digest(password_hash: str) -> str:
    """What the trail keeps of a password: a hash of its stored hash, enough to spot a swap."""
    return hashlib.sha256(password_hash.encode("utf-8")).hexdigest()


@dataclass
class _Expected:
    """The trail's last word on one record, and the audit row that said it."""

    values: dict
    row: int


@dataclass
class Replay:
    claims: dict[int, _Expected] = field(default_factory=dict)
    articles: dict[int, _Expected] = field(default_factory=dict)
    verdicts: dict[int, _Expected] = field(default_factory=dict)
    evidence: dict[int, _Expected] = field(default_factory=dict)
    comments: dict[int, _Expected] = field(default_factory=dict)
    users: dict[int, _Expected] = field(default_factory=dict)
    passwords: dict[int, _Expected] = field(default_factory=dict)
    snapshots: dict[int, _Expected] = field(default_factory=dict)
    #: (evidence id, copy id): each quote check, from the audit row of the copy it was made
    #: against or of the evidence item it was made for.
    quote_checks: dict[tuple[int, int], _Expected] = field(default_factory=dict)
    link_checks: dict[int, _Expected] = field(default_factory=dict)
    sessions: dict[int, _Expected] = field(default_factory=dict)
    #: Each username's sessions the trail has not yet seen end.
    open_sessions: dict[str, set[int]] = field(default_factory=dict)
    #: Each web session by the start of its id's hash, as audit rows' channels name it.
    session_prefixes: dict[str, int] = field(default_factory=dict)
    #: Sessions a user's change ended (disabling them, a new password) whose own `session.end`
    #: row, which the workbench writes right after the change's (older trails have none), may
    #: still come.
    ended_by_user_change: set[int] = field(default_factory=set)
    #: Each person's user id by username, as audit rows' actors name them.
    user_ids: dict[str, int] = field(default_factory=dict)
    library: LibraryReplay = field(default_factory=LibraryReplay)
    bulk_actions: dict[int, tuple] = field(default_factory=dict)
    #: Previous checks dismissed as not their claim's, by (claim id, library id).
    dismissed: dict[tuple[int, int], _Expected] = field(default_factory=dict)
    #: Ids the trail saw deleted (a unit merged away, a correction withdrawn, a library item
    #: removed), by table, each with the audit row that deleted it: never to be given again.
    retired: dict[str, dict[int, int]] = field(
        default_factory=lambda: {"claims": {}, "verdicts": {}, "library_items": {}}
    )
    #: The sentence each published claim's verdict was published on, from its approval's row.
    published_texts: dict[int, _Expected] = field(default_factory=dict)
    #: Each comment's time, as its row recorded it, or else the times it was written between:
    #: after the row before its own, by the time of its own (a comment made with a return or an
    #: approval is written in the transaction that writes the row).
    comment_times: dict[int, tuple[str, str]] = field(default_factory=dict)
    unchecked: list[str] = field(default_factory=list)
    _previous_at: str = ""
    _problems: list = field(default_factory=list)
    _extra: int = 0

    # Reading the trail, one row at a time, oldest first.

    def feed(self, row: dict) -> None:
        try:
            self._feed(row)
        finally:
            self._previous_at = row["at"]

    def _feed(self, row: dict) -> None:
        after = _decode(row["after"])
        kind, record_id, action, at = row["record_type"], row["record_id"], row["action"], row["id"]
        channel = row.get("channel") or ""
        if channel.startswith(WEB_CHANNEL) and action not in LATER_THAN_THE_REQUEST:
            self._through_session(channel[len(WEB_CHANNEL) :], row)
        self._allowed(row)
        if kind == "claim" and record_id is not None:
            self._claim_row(record_id, action, after, row)
        elif kind == "claims":
            if action.startswith("bulk.") or action in UNIT_EDITS:
                undo_of = after.get("undo_of") if action == "bulk.undo" else None
                removed = set(after.get("removed") or [])
                ids = frozenset(
                    i
                    for i in after.get("claim_ids") or []
                    if isinstance(i, int) and i not in removed
                )
                self.bulk_actions[at] = (row["actor"], action, undo_of, ids)
            for change in after.get("changes") or []:
                if isinstance(change, dict) and isinstance(change.get("after"), dict):
                    self._claim_state(change.get("id"), change["after"], at)
            if action in UNIT_EDITS:
                self._unit_edit(after, at)
        elif kind == "article" and action == "import" and record_id is not None:
            # Who imported it is the row's actor; when, the time the row recorded (since it did).
            self.articles[record_id] = _Expected({**after, "imported_by": row["actor"]}, at)
        elif kind == "article" and action == "article.edit" and record_id is not None:
            known = self.articles.get(record_id)
            if known is not None:
                before = _decode(row["before"])
                self._started_from(f"article {record_id}", known, before, ARTICLE_FIELDS, at)
                known.values.update({f: v for f, v in after.items() if f in ARTICLE_FIELDS})
                known.row = at
        elif kind == "user" and record_id is not None:
            earlier = self.users.get(record_id)
            if earlier is not None:
                before = _decode(row["before"])
                what = f"user {earlier.values.get('username')!r} (id {record_id})"
                self._started_from(what, earlier, before, USER_FIELDS, at)
            if "username" in after:
                self.users[record_id] = _Expected({f: after.get(f) for f in USER_FIELDS}, at)
                self.user_ids[str(after["username"])] = record_id
            if "password_sha256" in after:
                password = self.passwords.get(record_id)
                replaced = _decode(row["before"]).get("password_sha256")
                if password is not None and replaced not in (None, password.values["digest"]):
                    self._report(
                        f"the password of user {record_id}",
                        f"audit row {at} replaced a password other than the one the trail had"
                        f" left (audit row {password.row}): it was changed outside the trail"
                        " before that row",
                        at,
                    )
                self.passwords[record_id] = _Expected({"digest": after["password_sha256"]}, at)
            ended_by = USER_ENDS_SESSIONS.get(action)
            known = self.users.get(record_id)
            if ended_by and known is not None:
                self._end_sessions(str(known.values.get("username")), ended_by, at)
        elif kind == "session" and record_id is not None:
            self._session_row(record_id, action, after, row)
        elif kind == "evidence_snapshot" and record_id is not None:
            self.snapshots[record_id] = _Expected(after, at)
            for check in after.get("quote_checks") or []:
                self._quote_check(check, record_id, at)
        elif kind == "link_check" and record_id is not None:
            self.link_checks[record_id] = _Expected(after, at)
        elif kind == "library" and action == "library.import":
            self.library.feed_import(after, at)
        elif kind == "library" and action == "library.remove" and record_id is not None:
            self.library.feed_removal(record_id, at)
            self.retired["library_items"][record_id] = at
            for pair in [pair for pair in self.dismissed if pair[1] == record_id]:
                del self.dismissed[pair]

    def _claim_row(self, claim_id: int, action: str, after: dict, row: dict) -> None:
        at = row["id"]
        # Before its first change of its own, a claim is as its import left it.
        left = self.claims.get(claim_id) or _Expected(INITIAL_CLAIM, 0)
        self._started_from(f"claim {claim_id}", left, _decode(row["before"]), STATE_FIELDS, at)
        self._claim_state(claim_id, after, at)
        before = _decode(row["before"])
        replaced = before.get("verdict_draft")
        if isinstance(replaced, dict) and isinstance(replaced.get("id"), int):
            earlier = self.verdicts.get(replaced["id"])
            if earlier is not None:
                what = f"verdict {replaced['id']} on claim {claim_id}"
                self._started_from(what, earlier, replaced, DRAFT_FIELDS, at)
        draft = after.get("verdict_draft")
        if isinstance(draft, dict) and "id" in draft:
            values = {f: draft.get(f) for f in VERDICT_FIELDS}
            values.update({f: draft[f] for f in LATER_DRAFT_FIELDS if f in draft})
            values.update(claim_id=claim_id, author=row["actor"], approver=None)
            earlier_draft = self.verdicts.get(draft["id"])
            if "created_at" in draft:
                # A draft just written is not in review; a new one has not been returned yet.
                values["submitted_at"] = None
                if earlier_draft is None:
                    values.update(dict.fromkeys(RETURN_FIELDS))
            # A correction's reason, which readers are shown, is the reason its row recorded;
            # revising the draft keeps it, and what a return left on it.
            if action == "verdict.correct":
                values["correction_reason"] = row["reason"]
            elif earlier_draft is None:
                values["correction_reason"] = None  # a first verdict corrects nothing
            if earlier_draft is not None:
                kept = ("correction_reason", *RETURN_FIELDS)
                values.update(
                    {f: earlier_draft.values[f] for f in kept if f in earlier_draft.values}
                )
            self.verdicts[draft["id"]] = _Expected(values, at)
        if action == "verdict.withdraw" and isinstance(after.get("withdrawn_verdict_id"), int):
            self.verdicts.pop(after["withdrawn_verdict_id"], None)
            self.retired["verdicts"][after["withdrawn_verdict_id"]] = at
        verdict_id = after.get("verdict_id")
        verdict = self.verdicts.get(verdict_id) if isinstance(verdict_id, int) else None
        if action in REVIEW_MOVES and verdict is not None:
            verdict.values["state"], verdict.row = REVIEW_MOVES[action], at
            if action == "review.submit" and "author" in after:  # submitters are authors since
                verdict.values["author"] = row["actor"]  # submissions recorded it
            if action == "review.submit" and "submitted_at" in after:
                verdict.values["submitted_at"] = after["submitted_at"]
            if action == "review.return" and "returned_at" in after:
                verdict.values.update(
                    submitted_at=None,
                    returned_at=after["returned_at"],
                    returner=row["actor"],
                    return_comment_id=after.get("comment_id"),
                )
            if action == "review.recall":
                verdict.values.update(dict.fromkeys(RETURN_FIELDS), submitted_at=None)
            if action == "review.approve":
                verdict.values["approver"] = row["actor"]
                if "published_at" in after:  # recorded by approvals since it was added
                    verdict.values["published_at"] = after["published_at"]
                correction_of = verdict.values.get("correction_of")
                earlier = (
                    self.verdicts.get(correction_of) if isinstance(correction_of, int) else None
                )
                if earlier is not None:
                    earlier.values["state"], earlier.row = "superseded", at
        if action == "review.approve" and isinstance(after.get("library_id"), int):
            self.library.feed_approval(after, at)
        item = after.get("library_item") if action == "review.approve" else None
        if isinstance(item, dict) and item.get("claim_id") == claim_id:
            self.published_texts[claim_id] = _Expected({"text": item.get("claim")}, at)
        if action.startswith("evidence.") and {"id", "claim_id", "url"} <= after.keys():
            earlier = self.evidence.get(after["id"])
            if earlier is not None and before.get("id") == after["id"]:
                fields = [name for name in earlier.values if name != "quote_check"]
                self._started_from(f"evidence {after['id']}", earlier, before, fields, at)
            self.evidence[after["id"]] = _Expected(after, at)
            if action == "evidence.add" and isinstance(after.get("quote_check"), dict):
                # Made against the newest kept copy of the address, as the trail has it so far.
                copy = self._newest_copy(after["url"])
                if copy is not None:
                    self._quote_check(after["quote_check"], copy, at)
        library_id = after.get("library_id")
        if action == "previous.dismiss" and isinstance(library_id, int):
            self.dismissed[(claim_id, library_id)] = _Expected(
                {"dismissed_by": row["actor"], "dismissed_at": after.get("dismissed_at")}, at
            )
        elif action == "previous.restore" and isinstance(library_id, int):
            self.dismissed.pop((claim_id, library_id), None)
        if action == "comment.add" and "id" in after:
            self.comments[after["id"]] = _Expected(
                {"claim_id": claim_id, "body": after.get("body"), "author": row["actor"]}, at
            )
            written = str(after.get("created_at"))
            self.comment_times[after["id"]] = (written, written)
        elif isinstance(after.get("comment_id"), int):
            self.comments[after["comment_id"]] = _Expected(
                {"claim_id": claim_id, "body": row["reason"], "author": row["actor"]}, at
            )
            self.comment_times[after["comment_id"]] = (self._previous_at, row["at"])

    def _session_row(self, session_id: int, action: str, after: dict, row: dict) -> None:
        """A web session started or ended; the audit row's channel names the session by the
        start of its id's hash."""
        if action == "session.start":
            user = str(after.get("user"))
            values = {"user": user, "address": after.get("address"), "end_reason": None}
            channel = row.get("channel") or ""
            if channel.startswith(WEB_CHANNEL):
                prefix = channel[len(WEB_CHANNEL) :]
                values["id_prefix"] = prefix
                self.session_prefixes[prefix] = session_id
            if "created_at" in after:
                values["created_at"] = after["created_at"]
            self._signed_in_with(session_id, user, after.get("password_sha256"), row["id"])
            self.sessions[session_id] = _Expected(values, row["id"])
            self.open_sessions.setdefault(user, set()).add(session_id)
        elif action == "session.end" and session_id in self.sessions:
            expected = self.sessions[session_id]
            expected.values["end_reason"], expected.row = after.get("reason"), row["id"]
            if "ended_at" in after:
                expected.values["ended_at"] = after["ended_at"]
            self.open_sessions.get(expected.values["user"], set()).discard(session_id)
            self.ended_by_user_change.discard(session_id)

    def _through_session(self, prefix: str, row: dict) -> None:
        """A change made on the web, through the session its channel names: one the trail had
        already ended was opened again outside it (a signed-out cookie brought back), and one
        made in another person's name had its person swapped outside it (the workbench itself
        ends a session as "system" only)."""
        session_id = self.session_prefixes.get(prefix)
        expected = self.sessions.get(session_id) if session_id is not None else None
        if expected is None:
            return
        what = f"session {session_id} of {expected.values['user']!r}"
        by_system = row["actor"] == SYSTEM_ACTOR and row["action"] == "session.end"
        # The workbench's own row for the end a user's change gave the session a moment before.
        recorded_end = (
            by_system
            and session_id in self.ended_by_user_change
            and _decode(row["after"]).get("reason") == expected.values.get("end_reason")
        )
        if expected.values.get("end_reason") is not None and not recorded_end:
            self._report(
                what,
                "a change was made through it after the trail had ended it (audit row"
                f" {expected.row}): it was opened again outside the audit trail",
                row["id"],
            )
        if row["actor"] != expected.values["user"] and not by_system:
            self._report(
                what,
                f"a change was made through it in the name of {row['actor']!r}: the session's"
                " person was changed outside the audit trail",
                row["id"],
            )

    def _allowed(self, row: dict) -> None:
        """The person making a change could make it, as the trail had left them: not disabled,
        and an editor or an admin where the change needs one (a role raised in the table for a
        moment, then put back, leaves the trail showing otherwise)."""
        actor, action = row["actor"], row["action"]
        user_id = self.user_ids.get(actor)
        person = self.users.get(user_id) if user_id is not None else None
        if person is None or action in LATER_THAN_THE_REQUEST:
            return
        role, disabled = person.values.get("role"), person.values.get("disabled")
        needed = (
            "admin" if action in ADMIN_ACTIONS else "editor" if action in EDITOR_ACTIONS else None
        )
        if disabled and action != "session.end":
            problem = "the trail had disabled them"
        elif needed == "admin" and role != "admin":
            problem = f"it needs an admin and the trail had made them {shown(role)}"
        elif needed == "editor" and role not in EDITOR_ROLES:
            problem = f"it needs an editor and the trail had made them {shown(role)}"
        else:
            return
        self._report(
            f"{action} by {actor!r}",
            f"{problem} (audit row {person.row}): their account was changed outside the audit"
            " trail for it",
            row["id"],
        )

    def _signed_in_with(self, session_id: int, user: str, digest: object, at: int) -> None:
        """A sign-in recorded with a password other than the one the trail had left: the
        password was swapped in the table for the sign-in, and perhaps put back since."""
        user_id = self.user_ids.get(user)
        password = self.passwords.get(user_id) if user_id is not None else None
        if password is not None and digest is not None and digest != password.values["digest"]:
            self._report(
                f"session {session_id} of {user!r}",
                "it was signed in with a password other than the one the trail had left (audit"
                f" row {password.row}): the password was changed outside the audit trail",
                at,
            )

    def _end_sessions(self, username: str, reason: str, at: int) -> None:
        for session_id in self.open_sessions.pop(username, set()):
            expected = self.sessions[session_id]
            expected.values["end_reason"], expected.row = reason, at
            self.ended_by_user_change.add(session_id)

    def _quote_check(self, check: object, snapshot_id: int, at: int) -> None:
        if isinstance(check, dict) and isinstance(check.get("evidence_id"), int):
            values = {name: check.get(name) for name in QUOTE_CHECK_FIELDS}
            self.quote_checks[(check["evidence_id"], snapshot_id)] = _Expected(values, at)

    def _newest_copy(self, url: object) -> int | None:
        kept = [
            copy_id
            for copy_id, copy in self.snapshots.items()
            if copy.values.get("url") == url and copy.values.get("status") == "archived"
        ]
        return max(kept, default=None)

    def _unit_edit(self, after: dict, at: int) -> None:
        """A merge or split (store/unit_edits): the article's units as they now stand, the unit
        a merge removed, and the evidence and comments it moved to the merged unit."""
        imported = self.articles.get(after["article_id"]) if "article_id" in after else None
        if imported is not None:
            for name in UNIT_SUMMARY:
                if name in after:
                    imported.values[name] = after[name]
                else:  # an edit recorded before the trail kept this: it no longer speaks for it
                    imported.values.pop(name, None)
            imported.row = at
        split_ids = after.get("claim_ids") if "at" in after else None
        if isinstance(split_ids, list) and len(split_ids) == 2:
            # A split's new part holds the dismissals of the unit it came from.
            kept, new = split_ids
            for pair in [pair for pair in self.dismissed if pair[0] == kept]:
                self.dismissed[(new, pair[1])] = _Expected(dict(self.dismissed[pair].values), at)
        moved_to = (after.get("moved") or {}).get("to")
        for claim_id in after.get("removed") or []:
            self.claims.pop(claim_id, None)
            if isinstance(claim_id, int):
                self.retired["claims"][claim_id] = at
            # Its dismissals went to the unit it joined (one that unit had already stays).
            for pair in [pair for pair in self.dismissed if pair[0] == claim_id]:
                kept = self.dismissed.pop(pair)
                if isinstance(moved_to, int):
                    self.dismissed.setdefault((moved_to, pair[1]), kept)
            # The actions that changed a merged-away unit now belong to the unit it joined.
            for audit_id, (who, action, undo_of, ids) in list(self.bulk_actions.items()):
                if claim_id in ids:
                    ids = (ids - {claim_id}) | {after["moved"]["to"]}
                    self.bulk_actions[audit_id] = (who, action, undo_of, ids)
        moved = after.get("moved") or {}
        for noun, table in (("evidence", self.evidence), ("comments", self.comments)):
            for record_id in moved.get(noun) or []:
                if record_id in table:
                    table[record_id].values["claim_id"], table[record_id].row = moved["to"], at

    def _claim_state(self, claim_id: object, state: dict, at: int) -> None:
        if isinstance(claim_id, int) and all(f in state for f in STATE_FIELDS):
            self.claims[claim_id] = _Expected({f: state[f] for f in STATE_FIELDS}, at)

    # Comparing with the live tables.

    def compare(self, db: Database) -> list:
        self._compare_users(db)
        self._compare_articles_and_claims(db)
        self._compare_verdicts(db)
        self._compare_rows(db, "evidence", "evidence", self.evidence)
        self._compare_comments(db)
        self._compare_copies(db)
        self._compare_rows(db, "link_checks", "link check", self.link_checks)
        self._compare_sessions(db)
        for what, words, row in self.library.differences(db):
            self._report(what, words, row)
        self.unchecked = self.library.unchecked_words()
        self._compare_bulk_actions(db)
        self._compare_dismissals(db)
        self._compare_retired_ids(db)
        self._compare_copy_rule(db)
        if self._extra:
            self._problems.append(
                Problem("live", f"and {self._extra} more differences between tables and trail")
            )
        return self._problems

    def _report(self, what: str, words: str, row: int | None = None) -> None:
        if len(self._problems) >= MAX_PROBLEMS:
            self._extra += 1
            return
        where = f" (audit row {row})" if row else ""
        self._problems.append(Problem("live", f"{what}: {words}{where}", row))

    def _started_from(
        self, what: str, earlier: _Expected, before: dict, fields: Iterable[str], at: int
    ) -> None:
        """A change recorded as starting from another state than the trail had left the record
        in: it was changed outside the trail before that change, which then copied the changed
        state into its own record (so the live table agrees with the trail again)."""
        for name in fields:
            if name in before and name in earlier.values and before[name] != earlier.values[name]:
                self._report(
                    what,
                    f"audit row {at} starts from its {field_words(name)} {shown(before[name])}, but"
                    f" the trail had left it {shown(earlier.values[name])}"
                    f"{f' (audit row {earlier.row})' if earlier.row else ''}: it was changed"
                    " outside the trail before that row",
                    at,
                )
                return

    def _differ(self, what: str, expected: _Expected, live: dict, fields: Iterable[str]) -> None:
        for name in fields:
            if name in expected.values and name in live and expected.values[name] != live[name]:
                self._report(
                    what,
                    f"its {field_words(name)} is {shown(live[name])} but the audit trail says"
                    f" {shown(expected.values[name])}",
                    expected.row,
                )
                return

    def _known(
        self,
        rows: Iterable[dict],
        expected_rows: dict[int, _Expected],
        noun: str,
        what: Callable[[dict], str],
    ) -> Iterator[tuple[str, dict, _Expected]]:
        """Each live row the trail knows, with its words and the trail's last word on it; rows
        the trail never recorded, and recorded ones no longer in the table, are reported."""
        seen = set()
        for live in rows:
            seen.add(live["id"])
            words = what(live)
            expected = expected_rows.get(live["id"])
            if expected is None:
                self._report(words, "it is in the table but the audit trail never recorded it")
            else:
                yield words, live, expected
        self._missing(expected_rows, seen, noun)

    def _missing(self, table: dict[int, _Expected], seen: set[int], noun: str) -> None:
        for record_id in sorted(table.keys() - seen):
            self._report(f"{noun} {record_id}", "it was deleted outside the audit trail")

    def _compare_users(self, db: Database) -> None:
        rows = db.query(
            "SELECT id, username, display_name, role, disabled, password_hash FROM users"
        )
        for what, user, expected in self._known(
            rows, self.users, "user", lambda u: f"user {u['username']!r} (id {u['id']})"
        ):
            self._differ(what, expected, {**user, "disabled": bool(user["disabled"])}, USER_FIELDS)
            password = self.passwords.get(user["id"])
            if password and password.values["digest"] != password_digest(user["password_hash"]):
                self._report(what, "its password was changed outside the audit trail", password.row)

    def _compare_articles_and_claims(self, db: Database) -> None:
        rows = db.query(
            "SELECT id, title, source_url, publisher, author, published_date, import_format,"
            " language, body, body_hash, imported_by, imported_at FROM articles"
        )
        live_articles = set()
        for what, article, expected in self._known(
            rows, self.articles, "article", lambda a: f"article {a['id']}"
        ):
            live_articles.add(article["id"])
            imported = [f for f in ("imported_by", "imported_at") if f in expected.values]
            self._differ(what, expected, article, ARTICLE_FIELDS + ("body_hash", *imported))
            exact = expected.values.get("body_sha256")  # recorded by imports since it was kept
            if body_hash(article["body"]) != article["body_hash"] or (
                exact is not None and exact != text_digest(article["body"])
            ):
                self._report(what, "its text was changed outside the audit trail", expected.row)
        with_units = self._compare_claims(db)
        # An article whose every unit is gone has no rows for the walk above to meet.
        for article_id in sorted(live_articles - with_units):
            self._check_units(db, article_id, [])

    def _compare_claims(self, db: Database) -> set[int]:
        """Compare every unit with the trail; returns the articles that have units."""
        with_units: set[int] = set()
        seen: set[int] = set()
        article_id: int | None = None
        units: list[dict] = []
        cursor = db.query(
            'SELECT id, article_id, seq, start, "end", text, section, kind, reason, attribution,'
            " status, verdict, assignee_id, corrected_at, version FROM claims"
            " ORDER BY article_id, seq"
        )
        for claim in cursor:
            if claim["article_id"] != article_id:
                self._check_units(db, article_id, units)
                article_id, units = claim["article_id"], []
                with_units.add(article_id)
            units.append(claim)
            seen.add(claim["id"])
        self._check_units(db, article_id, units)
        self._missing(self.claims, seen, "claim")
        return with_units

    def _check_units(self, db: Database, article_id: int | None, units: list[dict]) -> None:
        if article_id is None:
            return
        imported = self.articles.get(article_id)
        summary = imported.values if imported else {}
        what = f"article {article_id}"
        if imported and summary.get("claims") not in (None, len(units)):
            self._report(
                what,
                f"it has {len(units)} units but {summary['claims']} were imported",
                imported.row,
            )
        digest = summary.get("units_sha256")
        fixed = ((u["seq"], u["start"], u["end"], u["text"], u["section"]) for u in units)
        if imported and digest and digest != units_digest(fixed):
            self._report(
                what,
                "the text, offsets, order or section of its units were changed"
                + _what_changed(db, units, digest),
                imported.row,
            )
        elif off := _units_off(db, units):
            # The units are as imported, so the article's text moved under them (a trail from
            # before the exact text's hash was recorded does not tell otherwise).
            self._report(
                what,
                "its text no longer holds its units at their offsets" + _naming(off),
                imported.row if imported else 0,
            )
        ids = summary.get("unit_ids_sha256")
        if imported and ids and ids != units_digest((u["seq"], u["id"]) for u in units):
            self._report(
                what,
                "its units were given other ids outside the audit trail (a verdict, evidence or"
                " comments would then belong to another sentence)",
                imported.row,
            )
        said_by = summary.get("attributions_sha256")
        attributions = ((u["seq"], u["attribution"]) for u in units)
        if imported and said_by and said_by != units_digest(attributions):
            self._report(what, "who its units are attributed to was changed", imported.row)
        not_claims = summary.get("not_claims")
        for claim in units:
            published = self.published_texts.get(claim["id"])
            if published is not None and published.values["text"] != claim["text"]:
                self._report(
                    f"claim {claim['id']}",
                    "its text is not the sentence its verdict was published on: the units' text"
                    " or ids were changed outside the audit trail",
                    published.row,
                )
            expected = self.claims.get(claim["id"])
            if expected is not None:
                self._differ(f"claim {claim['id']}", expected, claim, STATE_FIELDS)
                continue
            initial = dict(INITIAL_CLAIM)
            if isinstance(not_claims, dict):
                reason = not_claims.get(str(claim["seq"]))
                initial.update(kind="not_a_claim" if reason else "claim", reason=reason)
            row = imported.row if imported else 0
            self._differ(f"claim {claim['id']}", _Expected(initial, row), claim, initial)

    def _compare_verdicts(self, db: Database) -> None:
        rows = db.query(
            "SELECT v.*, a.username AS author, p.username AS approver, r.username AS returner"
            " FROM verdicts v LEFT JOIN users a ON a.id = v.author_id"
            " LEFT JOIN users p ON p.id = v.approved_by LEFT JOIN users r ON r.id = v.returned_by"
        )
        for what, verdict, expected in self._known(
            rows, self.verdicts, "verdict", lambda v: f"verdict {v['id']} on claim {v['claim_id']}"
        ):
            live = {**verdict, "evidence_ids": _decode_list(verdict["evidence_ids"])}
            fields: tuple[str, ...] = (
                *VERDICT_FIELDS,
                *LATER_DRAFT_FIELDS,
                *RETURN_FIELDS,
                "claim_id",
                "author",
                "published_at",
                "submitted_at",
            )
            if expected.values.get("approver") is not None or live["approver"] is not None:
                fields += ("approver",)
            if "correction_reason" in expected.values:
                fields += ("correction_reason",)
            self._differ(what, expected, live, fields)

    def _compare_sessions(self, db: Database) -> None:
        """Sessions against their starts and ends: a session the trail never started could let
        someone in, and one it ended but the table keeps open would let a signed-out cookie back."""
        rows = db.query(
            "SELECT s.id, s.id_hash, u.username AS user, s.address, s.created_at, s.ended_at,"
            " s.end_reason FROM sessions s LEFT JOIN users u ON u.id = s.user_id"
        )
        for what, session, expected in self._known(
            rows, self.sessions, "session", lambda s: f"session {s['id']} of {s['user']!r}"
        ):
            prefix = expected.values.get("id_prefix")
            if prefix is not None and not session["id_hash"].startswith(prefix):
                self._report(what, "its id was changed outside the audit trail", expected.row)
                continue
            names = ("user", "address", "created_at", "end_reason", "ended_at")
            self._differ(what, expected, session, names)

    def _compare_comments(self, db: Database) -> None:
        rows = db.query(
            "SELECT c.id, c.claim_id, c.body, c.created_at, u.username AS author FROM comments c"
            " LEFT JOIN users u ON u.id = c.author_id"
        )
        for what, comment, expected in self._known(
            rows, self.comments, "comment", lambda c: f"comment {c['id']} on claim {c['claim_id']}"
        ):
            self._differ(what, expected, comment, ("claim_id", "body", "author"))
            earliest, latest = self.comment_times.get(comment["id"], ("", "~"))
            if not earliest <= comment["created_at"] <= latest:
                when = repr(earliest) if earliest == latest else f"between {earliest} and {latest}"
                self._report(
                    what,
                    f"its time is {comment['created_at']!r} but the audit trail says {when}",
                    expected.row,
                )

    def _compare_copies(self, db: Database) -> None:
        """Archived copies against their audit rows (their text by its hash, where the row
        recorded one), each stored file against the sha256 it is kept under, and the quote
        checks made against copies whose rows recorded them."""
        rows = db.query("SELECT * FROM evidence_snapshots")
        recorded_checks = set()
        # Copies whose bytes were kept (all those recorded with their kind, since bytes were).
        with_files: dict[str, tuple[str, int, set]] = {}
        for what, live, expected in self._known(
            rows, self.snapshots, "archived copy", lambda row: f"archived copy {row['id']}"
        ):
            self._differ(what, expected, live, [name for name in live if name != "id"])
            if live["content_sha256"] and "kind" in expected.values:
                kept = with_files.setdefault(live["content_sha256"], (what, expected.row, set()))
                kept[2].add(expected.values.get("content_type"))
            digest = expected.values.get("text_sha256", False)
            if digest is not False and digest != text_digest(live["text"]):
                self._report(what, "its text was changed outside the audit trail", expected.row)
            if "quote_checks" in expected.values:
                recorded_checks.add(live["id"])
        files = db.execute("SELECT sha256, size, data, content_type FROM snapshot_files")
        for sha256, size, data, content_type in files:
            used_by = with_files.pop(sha256, None)
            if hashlib.sha256(data).hexdigest() != sha256 or len(data) != size:
                self._report(
                    f"stored copy {sha256}", "its bytes were changed outside the audit trail"
                )
            elif used_by is not None and None not in used_by[2] and content_type not in used_by[2]:
                # The type it is served as: "text/html" for an image would be read as a page.
                self._report(
                    f"stored copy {sha256}",
                    f"it is served as {content_type!r}, not as {used_by[0]} was kept: its type"
                    " was changed outside the audit trail",
                    used_by[1],
                )
        for what, row, _ in with_files.values():
            self._report(what, "its stored file was deleted outside the audit trail", row)
        # A check's passage is the copy's text at its offsets (none without them): the copy's text
        # is checked against its digest above, so a passage rewritten in the table shows here.
        checks = db.query(
            'SELECT q.evidence_id, q.snapshot_id, q.status, q.score, q.start, q."end",'
            " CASE WHEN q.start IS NULL THEN q.passage IS NOT NULL"
            ' ELSE q.passage IS NOT substr(s.text, q.start + 1, q."end" - q.start) END AS moved'
            " FROM quote_checks q LEFT JOIN evidence_snapshots s ON s.id = q.snapshot_id"
        )
        seen = set()
        for check in checks:
            key = (check["evidence_id"], check["snapshot_id"])
            seen.add(key)
            what = f"quote check of evidence {key[0]} against archived copy {key[1]}"
            if check.pop("moved"):
                self._report(what, "its passage is not the archived copy's text at its place")
            expected_check = self.quote_checks.get(key)
            if expected_check is not None:
                self._differ(what, expected_check, check, QUOTE_CHECK_FIELDS)
            elif key[1] in recorded_checks:
                self._report(what, "it is in the table but the audit trail never recorded it")
        for key in sorted(self.quote_checks.keys() - seen):
            what = f"quote check of evidence {key[0]} against archived copy {key[1]}"
            self._report(what, "it was deleted outside the audit trail")

    def _compare_dismissals(self, db: Database) -> None:
        seen = set()
        for live in db.query("SELECT * FROM dismissed_matches"):
            pair = (live["claim_id"], live["library_id"])
            seen.add(pair)
            what = f"the dismissal of previous check {pair[1]} for claim {pair[0]}"
            expected = self.dismissed.get(pair)
            if expected is None:
                self._report(what, "it is in the table but the audit trail never recorded it")
            else:
                self._differ(what, expected, live, ("dismissed_by", "dismissed_at"))
        for claim_id, library_id in sorted(self.dismissed.keys() - seen):
            what = f"the dismissal of previous check {library_id} for claim {claim_id}"
            self._report(
                what,
                "it was deleted outside the audit trail",
                self.dismissed[(claim_id, library_id)].row,
            )

    def _compare_copy_rule(self, db: Database) -> None:
        """The moment verdicts began to rest on the copies of their submission (migration 021):
        one, and no later than the trail's newest row, since the upgrade that set it came before
        the changes recorded after it (moved later, recent verdicts would rest on newer copies)."""
        rows = db.execute("SELECT submitted_copies_since FROM copy_rule").fetchall()
        upgraded = db.execute(
            "SELECT replace(applied_at, ' ', 'T') FROM _sqlite_migrations"
            " WHERE name = '021_copies_of_the_submission'"
        ).fetchone()
        # To the second: the trail's newest row, or the upgrade when nothing was changed since.
        newest = max(self._previous_at, upgraded[0] if upgraded else "")[:19] or utc_now()[:19]
        if len(rows) != 1 or not isinstance(rows[0][0], str) or rows[0][0][:19] > newest:
            found = "no moment" if not rows else ", ".join(shown(row[0]) for row in rows)
            self._report(
                "the rule of which copies a verdict rests on",
                f"it holds {found}, not one moment before the trail's newest row ({newest}): it"
                " was changed outside factcheck, and verdicts may show other copies than their"
                " editor approved",
            )

    def _compare_retired_ids(self, db: Database) -> None:
        """No record holds an id the trail saw deleted (its history would tell the new record the
        old one's story), and the table of retired ids still keeps the next one from taking it."""
        nouns = {"claims": "claim", "verdicts": "verdict", "library_items": "library item"}
        for table, deleted in self.retired.items():
            if not deleted:
                continue
            noun = nouns[table]
            taken = db.execute(
                f"SELECT id FROM {table} WHERE id IN ({placeholders(deleted)}) ORDER BY id",
                list(deleted),
            ).fetchall()
            for (record_id,) in taken:
                self._report(
                    f"{noun} {record_id}",
                    f"it has the id of a {noun} deleted at audit row {deleted[record_id]}: the"
                    " table of retired ids was changed outside the audit trail, and this"
                    f" {noun}'s history now mixes two records",
                    deleted[record_id],
                )
            highest = max(deleted)
            kept = db.execute(
                "SELECT max(coalesce((SELECT highest FROM retired_ids WHERE table_name = ?), 0),"
                f" (SELECT coalesce(max(id), 0) FROM {table}))",
                [table],
            ).fetchone()[0]
            if kept < highest and not taken:
                self._report(
                    f"the retired {noun} ids",
                    f"{noun} {highest} was deleted at audit row {deleted[highest]}, but the table"
                    " of retired ids no longer keeps its id from the next one: it was changed"
                    " outside the audit trail",
                    deleted[highest],
                )

    def _compare_bulk_actions(self, db: Database) -> None:
        for audit_id, words in bulk_records.differences(db, self.bulk_actions):
            self._report(f"bulk action {audit_id}", words, audit_id)

    def _compare_rows(self, db: Database, table: str, noun: str, expected_rows: dict) -> None:
        rows = db.query(f"SELECT * FROM {table}")
        for what, live, expected in self._known(
            rows, expected_rows, noun, lambda row: f"{noun} {row['id']}"
        ):
            self._differ(what, expected, live, [name for name in live if name != "id"])


def _decode(value: str | None) -> dict:
    try:
        decoded = json.loads(value) if value else None
    except ValueError:
        return {}
    return decoded if isinstance(decoded, dict) else {}


def _decode_list(value: str | None) -> list:
    try:
        decoded = json.loads(value or "[]")
    except ValueError:
        return []
    return decoded if isinstance(decoded, list) else []
