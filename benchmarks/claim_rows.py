"""The SQL the import floors write articles and units with, and a unit as a claims row."""

from factcheck.store.articles import unit_row as claim_row

ARTICLE_INSERT = (
    "INSERT INTO articles (title, body, body_hash, import_format, imported_at, imported_by)"
    " VALUES (?, ?, ?, 'text', ?, 'system')"
)
CLAIM_INSERT = (
    'INSERT INTO claims (article_id, seq, start, "end", text, section, kind, reason, attribution,'
    " checkworthiness, reasons) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

__all__ = ["ARTICLE_INSERT", "CLAIM_INSERT", "claim_row"]
