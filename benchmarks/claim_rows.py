"""A split unit as a row of the claims table, for benchmark floors that write it directly."""

import json

from factcheck.text.splitting import Unit


def claim_row(article_id: int, unit: Unit) -> tuple:
    """The values of one claims row in the column order article_id, seq, start, end, text,
    section, kind, reason, attribution, checkworthiness, reasons."""
    return (
        article_id,
        unit.seq,
        unit.start,
        unit.end,
        unit.text,
        unit.section,
        unit.kind,
        unit.reason,
        unit.attribution,
        unit.checkworthiness,
        json.dumps(list(unit.reasons)),
    )
