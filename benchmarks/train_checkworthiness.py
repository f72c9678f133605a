"""Learn the check-worthiness weights from the development debates and write the weights file.

    python benchmarks/train_checkworthiness.py   (FACTCHECK_CORPUS may name the corpus folder)

Reads ../shared/corpus/checkworthiness-dev (CLEF 2019 CheckThat! Task 1 training debates),
splits each debate with the project's own splitter, fits a logistic regression of each line's
label on the reasons of its units (factcheck/logistic.py), and writes
factcheck/data/checkworthiness_weights.json with the weights, how they were trained, and per
reason how often it fires and how much it moves the score. Run it again after changing a reason.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_checkworthiness import corpus_dir  # noqa: E402
from checkworthiness_training import (  # noqa: E402
    FLOOR,
    L2,
    SET_BY_HAND,
    debate_lines,
    read_debate,
    reason_effects,
    train,
)

from factcheck.text.checkworthiness import REASONS, WEIGHTS_FILE  # noqa: E402


def main() -> int:
    files = sorted(corpus_dir().glob("*.tsv"))
    if not files:
        print(f"no check-worthiness corpus at {corpus_dir()} (set FACTCHECK_CORPUS)")
        return 1
    debates = []
    for path in files:
        texts, labels = read_debate(path)
        debates.append((debate_lines(texts), labels))
    bias, weights = train(debates)
    units = [reasons for lines, _ in debates for line in lines for reasons in line]
    effects = reason_effects(units, bias, weights)
    stored = {
        "about": "Log-odds weights of the check-worthiness reasons (factcheck/text/checkworthiness.py).",
        "command": "python benchmarks/train_checkworthiness.py",
        "data": f"checkworthiness-dev: {len(files)} CLEF 2019 CheckThat! Task 1 training debates,"
        f" {sum(len(labels) for _, labels in debates)} lines, {len(units)} claim units",
        "method": f"logistic regression by Newton's method (factcheck/logistic.py), L2 {L2},"
        f" each unit labelled as its line, every weight on its reason's side by at least {FLOOR}",
        "set_by_hand": sorted(SET_BY_HAND),
        "bias": round(bias, 4),
        "weights": {reason: round(weights[reason], 4) for reason in REASONS},
        "effects_on_training_units": effects,
    }
    WEIGHTS_FILE.write_text(json.dumps(stored, indent=1, ensure_ascii=False) + "\n", "utf-8")
    print(f"wrote {WEIGHTS_FILE} from {stored['data']}")
    print(f"bias {bias:+.2f}")
    for reason in REASONS:
        effect = effects[reason]
        print(
            f"  {weights[reason]:+.2f}  fires {effect['fires']:6d} ({effect['share']:6.1%})"
            f"  moves {effect['mean_change']:+.3f}  {reason}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
