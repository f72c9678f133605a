"""HTML import quality: stored article body vs ground truth, against plain trafilatura as floor.

Each page of the extraction-dev corpus goes through the real CLI (`factcheck import --format html`,
then `factcheck claims ID --json` to read the stored body). Scored as the corpus README says:
4-token shingles, per-page normalised tp/fp/fn, mean precision, mean recall, F1 of the means.
Also per language of the page (detected from its true text), the five lowest pages, and with
BENCH_ALL_PAGES=1 every page against the floor, so that a regression on one kind of page shows.
"""

import gzip
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import trafilatura

from factcheck.text.language import detect

SHINGLE = 4
CLI = [sys.executable, "-c", "from factcheck.cli import main; main(prog_name='factcheck')"]


def corpus_dir() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "extraction-dev"
    return Path(os.environ.get("FACTCHECK_CORPUS_EXTRACTION", default))


def shingles(text: str) -> Counter:
    tokens = re.findall(r"\w+", text)
    if not tokens:
        return Counter()
    if len(tokens) <= SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1))


def page_precision_recall(extracted: str, truth: str) -> tuple[float, float]:
    got, want = shingles(extracted), shingles(truth)
    tp = sum((got & want).values())
    fp = sum((got - want).values())
    fn = sum((want - got).values())
    if fp == 0 and fn == 0:
        return 1.0, 1.0
    if tp == 0:
        return 0.0, 0.0
    total = tp + fp + fn  # normalised so that long pages do not weigh more
    tp, fp, fn = tp / total, fp / total, fn / total
    return tp / (tp + fp), tp / (tp + fn)


def summarise(scores: list[tuple[float, float]]) -> tuple[float, float, float]:
    precision = sum(p for p, _ in scores) / len(scores)
    recall = sum(r for _, r in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, check=False)


def stored_body(db: Path, html_path: Path) -> str | None:
    """Import one page through the CLI and read back the body it stored; None if refused."""
    imported = run_cli("--db", str(db), "import", str(html_path), "--format", "html", "--json")
    if imported.returncode != 0:
        print(f"  refused {html_path.stem[:12]}: {imported.stderr.strip()}")
        return None
    article_id = json.loads(imported.stdout)["article_id"]
    shown = run_cli("--db", str(db), "claims", str(article_id), "--json")
    shown.check_returncode()
    return json.loads(shown.stdout)["article"]["body"]


def main() -> int:
    corpus = corpus_dir()
    truth_file = corpus / "ground-truth.json"
    if not truth_file.is_file():
        print(f"skip: no extraction corpus at {corpus} (set FACTCHECK_CORPUS_EXTRACTION)")
        return 0
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    ours, floor, no_comments, worst = [], [], [], []
    languages = []
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "bench.db"
        for page_id in sorted(truth):
            html = gzip.decompress((corpus / f"{page_id}.html.gz").read_bytes())
            html_path = Path(scratch) / f"{page_id}.html"
            html_path.write_bytes(html)
            body = stored_body(db, html_path)
            expected = truth[page_id]["articleBody"]
            ours.append(page_precision_recall(body or "", expected))
            floor.append(page_precision_recall(trafilatura.extract(html) or "", expected))
            plain = trafilatura.extract(html, include_comments=False) or ""
            no_comments.append(page_precision_recall(plain, expected))
            worst.append((sum(ours[-1]), page_id, ours[-1]))
            languages.append(detect(expected) or "unknown")
    elapsed = time.perf_counter() - started
    p, r, f1 = summarise(ours)
    fp, fr, ff1 = summarise(floor)
    print(f"pages: {len(truth)}  ({elapsed:.1f} s including the floor)")
    print(f"factcheck import --format html : P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
    print(f"floor trafilatura.extract(html): P {fp:.3f}  R {fr:.3f}  F1 {ff1:.3f}")
    print(f"ratio F1 ours / floor: {f1 / ff1:.3f}")
    cp, cr, cf1 = summarise(no_comments)
    print(f"reference, include_comments=False: P {cp:.3f}  R {cr:.3f}  F1 {cf1:.3f}")
    print("by language of the page (ours F1 / floor F1):")
    for language in sorted(set(languages), key=lambda code: (-languages.count(code), code)):
        picked = [i for i, code in enumerate(languages) if code == language]
        mine = summarise([ours[i] for i in picked])[2]
        theirs = summarise([floor[i] for i in picked])[2]
        print(f"  {language:8} {len(picked):3d} pages  {mine:.3f} / {theirs:.3f}")
    print("lowest pages (P, R):")
    for _, page_id, (page_p, page_r) in sorted(worst)[:5]:
        print(f"  {page_id[:12]}  {page_p:.3f}  {page_r:.3f}")
    if os.environ.get("BENCH_ALL_PAGES"):
        print("every page (ours P R | floor P R):")
        for i, page_id in enumerate(sorted(truth)):
            (p_ours, r_ours), (p_floor, r_floor) = ours[i], floor[i]
            print(
                f"  {page_id[:12]} {languages[i]:7} {p_ours:.3f} {r_ours:.3f}"
                f" | {p_floor:.3f} {r_floor:.3f}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
