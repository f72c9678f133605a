"""Typing a claim's speaker as a Person or an Organization (ClaimReview's author), on a labelled
list of names (speaker_kinds.tsv: people of many countries, surnames that are common words, titles
of office; bodies, companies, NGOs, places standing for governments). Each name is put in a
sentence ("<Name> said 40 people were affected."), taken from its attribution phrase ("<Name>
said") by attribution.speaker and named with the sentence as its article, as the ClaimReview
export names a claim's author. (The phrase is given, not found: the finder's own misses, such as
names ending with "Jr.", are not this list's.) Prints the count typed right and the names
typed wrong; `-v` prints every name."""

import sys
from pathlib import Path

from factcheck.text.attribution import speaker
from factcheck.text.speaker_names import ORGANIZATION, PERSON, named_speaker

LIST = Path(__file__).resolve().parent / "speaker_kinds.tsv"
KINDS = {"P": PERSON, "O": ORGANIZATION}


def labelled() -> list[tuple[str, str]]:
    rows = []
    for line in LIST.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            kind, name = line.split("\t")
            rows.append((KINDS[kind], name))
    return rows


def typed(name: str) -> str | None:
    """The kind ClaimReview's author gets when the claim's sentence names `name` as its speaker."""
    sentence = f"{name} said 40 people were affected."
    who = speaker(f"{name} said")
    named = named_speaker(who, sentence, sentence) if who else None
    return named.kind if named else None


def main() -> int:
    rows = labelled()
    verbose = "-v" in sys.argv[1:]
    right = {PERSON: 0, ORGANIZATION: 0}
    total = {PERSON: 0, ORGANIZATION: 0}
    for kind, name in rows:
        got = typed(name)
        total[kind] += 1
        right[kind] += got == kind
        if verbose or got != kind:
            print(f"  {'ok ' if got == kind else 'BAD'} {kind:12} got {got}: {name}")
    print(
        f"typed right: {sum(right.values())} of {len(rows)}"
        f"  (people {right[PERSON]} of {total[PERSON]},"
        f" organisations {right[ORGANIZATION]} of {total[ORGANIZATION]})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
