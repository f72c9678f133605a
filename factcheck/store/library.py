"""The library of known fact-checks: importing published ones, listing, showing and removing them,
and keeping the desk's own published verdicts in it."""

import hashlib
from dataclasses import dataclass
from typing import cast

from factcheck.db import Database, inserted_id, utc_now
from factcheck.store import audit, library_postings, retired_ids
from factcheck.store.actors import Actor
from factcheck.store.errors import Forbidden, Invalid, NotFound
from factcheck.store.mutation import mutation, query
from factcheck.store.rows import LibraryItem

FIELDS = ("external_id", "claim", "title", "rating", "url", "review_date", "publisher", "language")
#: The columns of an item the audit trail records, for `audit verify` to replay: an import lists
#: each item it added or changed as [id, *FIELDS] (an imported item has no claim or verdict), and
#: an approval records its own entry's ITEM_FIELDS.
ITEM_FIELDS = ("origin", *FIELDS, "claim_id", "verdict_id")
#: How many refused records an import's audit row names; the rest are counted.
AUDIT_REFUSALS = 20
#: How many updated items an import's audit row names, each with its changed fields' values
#: before and after (a publisher may change a rating); every item's new values are recorded.
AUDIT_CHANGES = 1000
LIST_LIMIT = 100
#: An item as it is shown and exported: its columns less claim_words, kept for finding the
#: checks of the same words.
ITEM_COLUMNS = (
    "id",
    "origin",
    "external_id",
    "claim",
    "title",
    "rating",
    "url",
    "review_date",
    "publisher",
    "language",
    "claim_id",
    "verdict_id",
    "created_at",
    "updated_at",
)
_ITEM_COLUMNS = ", ".join(ITEM_COLUMNS)
# Spaces, quotation marks (of other languages too) and closing punctuation around a claim's words.
_AROUND_WORDS = """ .!?…"“”‘’«»„‹›‚'"""


def claim_words(claim: str | None) -> str | None:
    """The words of a claim as library_items.claim_words keeps them, for the checks of the same
    words to be found (claim_matches): whatever their case, in any alphabet, their apostrophes
    (’, ‘ or ') and the quotation marks or full stop around them ("“Le chômage a baissé”" and
    "LE CHÔMAGE A BAISSÉ." are the same words)."""
    if claim is None:
        return None
    return claim.strip(_AROUND_WORDS).replace("’", "'").replace("‘", "'").casefold()


@query
def get_item(db: Database, library_id: int) -> LibraryItem:
    rows = list(db.query(f"SELECT {_ITEM_COLUMNS} FROM library_items WHERE id = ?", [library_id]))
    if not rows:
        raise NotFound("library.not_found", {"id": library_id})
    return cast(LibraryItem, rows[0])


@query
def list_items(
    db: Database, *, limit: int | None = LIST_LIMIT, origin: str | None = None
) -> list[LibraryItem]:
    """The newest items first (all of them with limit None), optionally of one origin."""
    where = "WHERE origin = :origin" if origin else ""
    return cast(
        list[LibraryItem],
        list(
            db.query(
                f"SELECT {_ITEM_COLUMNS} FROM library_items {where} ORDER BY id DESC LIMIT :limit",
                {"origin": origin, "limit": -1 if limit is None else limit},
            )
        ),
    )


@query
def item_count(db: Database) -> dict:
    """How many items the library holds, by origin."""
    rows = db.execute("SELECT origin, count(*) FROM library_items GROUP BY origin")
    counts = {"own": 0, "imported": 0}
    counts.update(dict(rows.fetchall()))
    return counts


@query
def item_texts(db: Database, library_ids: list[int]) -> list[tuple[str, str | None, str]]:
    """The claim text, title and origin of each of these items that is still in the library."""
    texts = []
    for library_id in library_ids:
        row = db.execute(
            "SELECT claim, title, origin FROM library_items WHERE id = ?", [library_id]
        ).fetchone()
        if row:
            texts.append((row[0], row[1], row[2]))
    return texts


@query
def own_item_for(db: Database, claim_id: int) -> int | None:
    """The library id of the claim's own published verdict, if it has one."""
    row = db.execute("SELECT id FROM library_items WHERE claim_id = ?", [claim_id]).fetchone()
    return row[0] if row else None


def _claim_key(claim: str) -> bytes:
    return hashlib.blake2b(claim.encode("utf-8"), digest_size=16).digest()


@dataclass
class _Known:
    """The imported items a file's records may update: by external id; by url and claim; and at
    each url, those whose claim the file does not hold there (a reworded claim may update one)."""

    by_id: dict[str, int]
    by_page: dict[tuple[str, bytes], int]
    spare: dict[str, list[tuple[int, str | None]]]

    def find(self, record: dict) -> int | None:
        """The item this record updates, or None for a new one. Several fact-checks may share a
        url (a round-up page): at its url the record updates the item with its claim, else one
        whose claim is not another of the file's there (unless both have ids, which differ)."""
        if record["external_id"] in self.by_id:
            return self.by_id[record["external_id"]]
        url = record["url"]
        if not url or not record["claim"]:
            return None
        found = self.by_page.get((url, _claim_key(record["claim"])))
        if found is not None:
            return found
        spare = self.spare.get(url, [])
        for n, (_, external_id) in enumerate(spare):
            if external_id is None or record["external_id"] is None:
                return spare.pop(n)[0]
        return None

    def note(self, record: dict, item_id: int) -> None:
        if record["external_id"]:
            self.by_id[record["external_id"]] = item_id
        if record["url"]:
            self.by_page[(record["url"], _claim_key(record["claim"]))] = item_id


def _known_imports(db: Database, records: list[dict]) -> _Known:
    known = _Known({}, {}, {})
    in_file = {(r["url"], _claim_key(r["claim"])) for r in records if r.get("url") and r["claim"]}
    rows = db.execute(
        "SELECT id, external_id, url, claim FROM library_items WHERE origin = 'imported'"
        " ORDER BY id"
    )
    for item_id, external_id, url, claim in rows:
        if external_id:
            known.by_id.setdefault(external_id, item_id)
        if url:
            page = (url, _claim_key(claim))
            known.by_page.setdefault(page, item_id)
            if page not in in_file:
                known.spare.setdefault(url, []).append((item_id, external_id))
    return known


def _require_editor(actor: Actor, task: str) -> None:
    """Editors and admins change the library; reviewers browse it (the workbench hides the forms,
    and the command line's --as meets the same rule). factcheck's own work may too."""
    if actor.id is not None and not actor.is_editor:
        raise Forbidden(
            "actor.not_editor", {"task": task, "username": actor.username, "role": actor.role}
        )


@mutation
def import_records(
    db: Database,
    parsed: list,
    *,
    actor: Actor,
    source: str,
    file_format: str,
    sha256: str | None = None,
) -> dict:
    """Store every good record of a parsed file (library_formats.Parsed), updating an imported
    item with the same external id, or else the same url, instead of adding another (see
    _Known.find); an update changes the fields the record gives and keeps the others. Refused
    records are reported with where they are; the good ones land. One audit row for the file."""
    _require_editor(actor, "import fact-checks into the library")
    known = _known_imports(db, [item.record for item in parsed if item.record is not None])
    now = utc_now()
    added, updated, unchanged, refused = [], [], 0, []
    changes: list[dict] = []
    written: list[list] = []  # [id, *FIELDS] of each item added or changed, for the replay
    for item in parsed:
        if item.record is None:
            refused.append({"where": item.where, "problem": item.problem})
            continue
        record = {name: item.record.get(name) for name in FIELDS}
        existing = known.find(record)
        if existing is None and not record["claim"]:
            refused.append(
                {
                    "where": item.where,
                    "problem": f"no fact-check in the library has the id {record['external_id']!r};"
                    " a new one needs its claim",
                }
            )
            continue
        if existing is None:
            cursor = db.execute(
                "INSERT INTO library_items (id, origin, external_id, claim, claim_words, title,"
                " rating, url, review_date, publisher, language, created_at, updated_at)"
                " VALUES (:id, 'imported', :external_id, :claim, :claim_words, :title, :rating,"
                " :url, :review_date, :publisher, :language, :now, :now)",
                {
                    **record,
                    "claim_words": claim_words(record["claim"]),
                    "now": now,
                    "id": retired_ids.fresh_id(db, "library_items"),
                },
            )
            existing = inserted_id(cursor)
            added.append(existing)
            written.append([existing, *record.values()])
        else:
            before = db.execute(
                f"SELECT {', '.join(FIELDS)} FROM library_items WHERE id = ?", [existing]
            ).fetchone()
            # A field the file leaves out or empty keeps what the library has: a partner's
            # update of ratings alone (id, claim, rating) must not erase the addresses.
            record = {
                name: old if record[name] is None else record[name]
                for name, old in zip(FIELDS, before, strict=True)
            }
            fields = {
                name: [old, record[name]]
                for name, old in zip(FIELDS, before, strict=True)
                if old != record[name]
            }
            if fields:
                db.execute(
                    "UPDATE library_items SET external_id = :external_id, claim = :claim,"
                    " claim_words = :claim_words, title = :title, rating = :rating, url = :url,"
                    " review_date = :review_date, publisher = :publisher, language = :language,"
                    " updated_at = :now WHERE id = :id",
                    {
                        **record,
                        "claim_words": claim_words(record["claim"]),
                        "now": now,
                        "id": existing,
                    },
                )
                updated.append(existing)
                written.append([existing, *record.values()])
                if len(changes) < AUDIT_CHANGES:
                    changes.append({"id": existing, "fields": fields})
            else:
                unchanged += 1
        known.note(record, existing)
    library_postings.write_pending(db)
    summary = {
        "source": source,
        "format": file_format,
        "sha256": sha256,
        "added": len(added),
        "updated": len(updated),
        "unchanged": unchanged,
        "refused": len(refused),
    }
    if added or updated:
        audit.record(
            db,
            actor,
            "library",
            None,
            "library.import",
            after={
                **summary,
                "first_added": added[0] if added else None,
                "last_added": added[-1] if added else None,
                "updated_ids": updated[:AUDIT_CHANGES],
                "changes": changes,
                "refusals": refused[:AUDIT_REFUSALS],
                "item_fields": ["id", *FIELDS],
                "items": written,
            },
        )
    # Updated items first: whatever was matched to them may now match differently.
    return {**summary, "changed_ids": updated + added, "refusals": refused}


@mutation
def remove_item(db: Database, library_id: int, *, actor: Actor, why: str | None = None) -> dict:
    """Take an imported fact-check out of the library, with the reason given (optional); its
    matches go with it. The desk's own verdicts stay: they follow the claim's published verdict."""
    _require_editor(actor, "remove fact-checks from the library")
    try:
        item = get_item(db, library_id)
    except NotFound:
        _refuse_if_removed(db, library_id)
        raise
    if item["origin"] == "own":
        raise Invalid("library.own_verdict", {"id": library_id, "claim_id": item["claim_id"]})
    matched = [
        row[0]
        for row in db.execute(
            "SELECT claim_id FROM claim_matches WHERE library_id = ?", [library_id]
        )
    ]
    reason = audit.optional_why(why)
    db.execute("DELETE FROM library_items WHERE id = ?", [library_id])
    retired_ids.retire(db, "library_items", library_id)
    audit.record(db, actor, "library", library_id, "library.remove", before=item, reason=reason)
    return {"removed": item, "matched_claims": sorted(matched)}


def _refuse_if_removed(db: Database, library_id: int) -> None:
    """Invalid, naming who removed the item and when, when the audit trail records its removal:
    two editors removing the same item, the second learns what happened to it."""
    removal = db.execute(
        "SELECT a.actor, coalesce(u.display_name, a.actor), a.at FROM audit a"
        " LEFT JOIN users u ON u.username = a.actor"
        " WHERE a.record_type = 'library' AND a.record_id = ? AND a.action = 'library.remove'"
        " ORDER BY a.id DESC LIMIT 1",
        [library_id],
    ).fetchone()
    if removal is not None:
        raise Invalid(
            "library.already_removed",
            {
                "id": library_id,
                "removed_by": removal[0],
                "removed_by_name": removal[1],
                "removed_at": removal[2],
            },
        )


def keep_own_verdict(db: Database, claim_id: int, verdict_id: int) -> tuple[int, dict]:
    """Put a claim's newly published verdict into the library, or bring its entry up to date
    after a correction; call inside the approving mutation. Returns the library id and the
    entry's ITEM_FIELDS as stored, for the approval's audit row. The entry's date is the day the
    claim's verdict was first published, as an imported fact-check's is its first publication's
    (ClaimReview's datePublished): a correction changes the rating, not when the claim was
    checked."""
    row = db.execute(
        "SELECT c.text, a.title, v.rating_label,"
        " (SELECT min(p.published_at) FROM verdicts p WHERE p.claim_id = c.id)"
        " FROM claims c JOIN articles a ON a.id = c.article_id JOIN verdicts v ON v.id = :verdict"
        " WHERE c.id = :claim",
        {"claim": claim_id, "verdict": verdict_id},
    ).fetchone()
    text, title, rating, first_published = row
    values = {
        "claim": text,
        "claim_words": claim_words(text),
        "title": title,
        "rating": rating,
        "review_date": (first_published or "")[:10] or None,
        "claim_id": claim_id,
        "verdict_id": verdict_id,
        "now": utc_now(),
    }
    existing = db.execute("SELECT id FROM library_items WHERE claim_id = ?", [claim_id]).fetchone()
    if existing:
        library_id = existing[0]
        db.execute(
            "UPDATE library_items SET claim = :claim, claim_words = :claim_words, title = :title,"
            " rating = :rating, review_date = :review_date, verdict_id = :verdict_id,"
            " updated_at = :now WHERE id = :id",
            {**values, "id": library_id},
        )
    else:
        cursor = db.execute(
            "INSERT INTO library_items (id, origin, claim, claim_words, title, rating,"
            " review_date, claim_id, verdict_id, created_at, updated_at) VALUES (:id, 'own',"
            " :claim, :claim_words, :title, :rating, :review_date, :claim_id, :verdict_id, :now,"
            " :now)",
            {**values, "id": retired_ids.fresh_id(db, "library_items")},
        )
        library_id = inserted_id(cursor)
    library_postings.write_pending(db)
    stored = db.execute(
        f"SELECT {', '.join(ITEM_FIELDS)} FROM library_items WHERE id = ?", [library_id]
    ).fetchone()
    return library_id, dict(zip(ITEM_FIELDS, stored, strict=True))
