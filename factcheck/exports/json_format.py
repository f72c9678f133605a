"""JSON and JSON Lines exports: full records of articles and claims, streamed in constant memory.

JSON is one document, {"export": provenance, "articles": [...], "claims": [...]}. JSON Lines has a
line {"record": "export", ...provenance}, then a {"record": "article", ...} line for each article
with selected claims, then one {"record": "claim", "article_id": ..., ...} line per claim. Each
claim carries its verdicts, evidence (removed too), comments and audit history."""

import io
import json
from collections.abc import Iterator

from factcheck.exports.context import ExportContext
from factcheck.store import export_reads


def _articles(context: ExportContext) -> Iterator[list[str]]:
    return export_reads.article_record_batches(context.db, **context.store_arguments())


def _claims(context: ExportContext) -> Iterator[list[str]]:
    return export_reads.claim_record_batches(
        context.db, scale=context.config.scale, **context.store_arguments()
    )


def _write_joined(out: io.BufferedIOBase, batches: Iterator[list[str]], separator: str) -> int:
    """Write every record with `separator` between them, a batch per write; return how many."""
    count = 0
    between = separator.encode("utf-8")
    for batch in batches:
        if count:
            out.write(between)
        out.write(separator.join(batch).encode("utf-8"))
        count += len(batch)
    return count


def write_jsonl(out: io.BufferedIOBase, context: ExportContext) -> dict:
    header = {"record": "export", **context.provenance}
    line = json.dumps(header, ensure_ascii=False, separators=(",", ":"))
    out.write(line.encode("utf-8") + b"\n")
    if _write_joined(out, _articles(context), "\n"):
        out.write(b"\n")
    count = _write_joined(out, _claims(context), "\n")
    if count:
        out.write(b"\n")
    return {"claims": count}


def write_json(out: io.BufferedIOBase, context: ExportContext) -> dict:
    provenance = json.dumps(context.provenance, ensure_ascii=False)
    out.write(f'{{"export": {provenance},\n"articles": [\n'.encode())
    _write_joined(out, _articles(context), ",\n")
    out.write(b'\n],\n"claims": [\n')
    count = _write_joined(out, _claims(context), ",\n")
    out.write(b"\n]}\n")
    return {"claims": count}
