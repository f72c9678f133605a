"""Record what split_article makes of many texts, and check that a changed splitter makes the same.

`python benchmarks/split_snapshot.py write OUT.json` gathers the texts (every page of the
extraction-dev corpus as the HTML importer extracts it, every debate of checkworthiness-dev as one
article, the claim-matching claims and tweets grouped into articles, the demo articles, the
golden-rule cases, generated benchmark articles and seeded shuffles of lines from all of these),
splits each one with several options and languages, and writes texts and units to OUT.json.
`python benchmarks/split_snapshot.py check OUT.json` splits the stored texts again with the
code on PYTHONPATH and exits non-zero, naming the first differences, if any unit differs in
offsets, text, section, kind, reason, attribution, score or reasons. Write the file with the
old code (PYTHONPATH pointing at a checkout of it) and check with the new.
"""

import gzip
import json
import random
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import corpus  # noqa: E402

from factcheck.text.splitting import split_article  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
GENERATED_ARTICLES = 300
SHUFFLED_ARTICLES = 1500
# Every text is split as English with and without a headline; these languages take the other
# paths (sentencex's rules, attribution markers and word lists of their own, or none at all).
OTHER_LANGUAGES = ("de", "fr", "es", "it")
# Lines that exercise the furniture rules, mixed into the shuffled articles.
FURNITURE = [
    "ALSO READ | Bridge reopens? Council votes on budget",
    "Related stories:",
    "Photo: Jane Doe / Getty Images",
    "| Northgate Fire Service",
    "By Mara Lind and Oskar Hale",
    "NORTHGATE, March 3 (Reuters) -",
    "Updated 3 March 2024, 10:45 GMT",
    "Subscribe to our newsletter for daily updates",
    "Follow her on Twitter @maralind",
    "© 2024 Northgate Herald. All rights reserved.",
    "Share this article",
    "1. Tyres 2. Tank 3. Brakes",
    "a) first b) second c) third",
    "• 4. Roads • 5. Rail",
    "He said . . . and then left.",
    "Figures disputed by opposition",
    '"We will build it. It will cost 40 million," the minister said. "Nobody believes it."',
    "Laut Innenministerin Weber stieg die Zahl um 12 Prozent.",
    "Según el ministerio, el paro bajó un 3 por ciento.",
    "Selon la police, 23 personnes ont été blessées.",
]


def _extraction_texts() -> list[tuple[str, str]]:
    from factcheck.importers import from_html

    texts = []
    for path in sorted((CORPUS / "extraction-dev").glob("*.html.gz")):
        texts.append(
            (f"extraction/{path.name}", from_html(gzip.decompress(path.read_bytes())).body)
        )
    return texts


def _debate_texts() -> list[tuple[str, str]]:
    texts = []
    for path in sorted((CORPUS / "checkworthiness-dev").glob("*.tsv")):
        lines = [line.split("\t")[2] for line in path.read_text(encoding="utf-8").splitlines()]
        texts.append((f"debate/{path.name}", "\n\n".join(lines)))
    return texts


def _claim_matching_texts() -> list[tuple[str, str]]:
    texts = []
    folder = CORPUS / "claim-matching-dev"
    for name in ("verified_claims.tsv", "train.queries.tsv", "dev.queries.tsv"):
        rows = (folder / name).read_text(encoding="utf-8").splitlines()[1:]
        cells = [cell for row in rows for cell in row.split("\t")[1:] if cell.strip()]
        for start in range(0, len(cells), 40):
            group = cells[start : start + 40]
            # Alternate single and double newlines so both line and paragraph rules run.
            joined = "".join(
                cell + ("\n" if i % 3 else "\n\n") for i, cell in enumerate(group)
            ).strip()
            texts.append((f"claim-matching/{name}/{start}", joined))
    return texts


def _demo_texts() -> list[tuple[str, str]]:
    from factcheck.importers import from_html, from_text

    texts = []
    for path in sorted((ROOT / "demo").iterdir()):
        reader = from_html if path.suffix == ".html" else from_text
        texts.append((f"demo/{path.name}", reader(path.read_bytes()).body))
    return texts


def _golden_texts() -> list[tuple[str, str]]:
    sys.path.insert(0, str(ROOT / "tests"))
    from golden_rules import CASES

    return [(f"golden/{name}", text) for name, text, _expected in CASES]


def _shuffled(sources: list[str]) -> list[tuple[str, str]]:
    rng = random.Random(14)
    lines = [line for text in sources for line in text.splitlines() if line.strip()]
    lines += FURNITURE * 40
    texts = []
    for index in range(SHUFFLED_ARTICLES):
        pieces = []
        for _ in range(rng.randint(3, 30)):
            pieces.append(rng.choice(lines))
            pieces.append(rng.choice(["\n", "\n\n", "\n\n", " ", "\n \n"]))
        texts.append((f"shuffled/{index}", "".join(pieces)))
    return texts


def gather() -> list[tuple[str, str]]:
    texts = (
        _extraction_texts()
        + _debate_texts()
        + _claim_matching_texts()
        + _demo_texts()
        + _golden_texts()
        + [(f"generated/{i}", text) for i, text in enumerate(corpus(GENERATED_ARTICLES))]
    )
    return texts + _shuffled([text for _name, text in texts])


def runs(name: str) -> list[tuple[bool, str]]:
    """The (first_line_is_headline, language) pairs a text is split with."""
    options = [(True, "en"), (False, "en")]
    if not name.startswith("debate/"):
        options += [(True, language) for language in OTHER_LANGUAGES]
    return options


def units_of(text: str, headline: bool, language: str) -> list[list]:
    return [
        [
            u.seq,
            u.start,
            u.end,
            u.text,
            u.section,
            u.kind,
            u.reason,
            u.attribution,
            u.checkworthiness,
            list(u.reasons),
        ]
        for u in split_article(text, first_line_is_headline=headline, language=language)
    ]


def write(path: Path) -> int:
    records: list[dict[str, Any]] = []
    for name, text in gather():
        for headline, language in runs(name):
            records.append(
                {
                    "name": name,
                    "headline": headline,
                    "language": language,
                    "text": text,
                    "units": units_of(text, headline, language),
                }
            )
    path.write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    units = sum(len(record["units"]) for record in records)
    print(f"wrote {len(records)} splits ({units} units) to {path}")
    return 0


def check(path: Path) -> int:
    records = json.loads(path.read_text(encoding="utf-8"))
    differing = 0
    units = 0
    for record in records:
        got = units_of(record["text"], record["headline"], record["language"])
        units += len(got)
        if got != record["units"]:
            differing += 1
            if differing <= 5:
                print(
                    f"differs: {record['name']} headline={record['headline']} "
                    f"language={record['language']}"
                )
                for old, new in zip(record["units"], got, strict=False):
                    if old != new:
                        print(f"  was: {old}\n  now: {new}")
                        break
                else:
                    print(f"  {len(record['units'])} units were, {len(got)} now")
    if differing:
        print(f"{differing} of {len(records)} splits differ")
        return 1
    print(f"identical: {len(records)} splits, {units} units")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("write", "check"):
        sys.exit("usage: split_snapshot.py write|check FILE.json")
    command, file = sys.argv[1], Path(sys.argv[2])
    sys.exit(write(file) if command == "write" else check(file))
