#!/usr/bin/env python3
"""Train the event-type model shipped in the package (`src/newsledger/models/event_types.json`).

    .venv/bin/python scripts/train_event_types.py [--shared ../shared] [--c 1.0] [--threshold 0.5]

Examples are the events newsledger itself codes for the gold (source, target) pairs of PLV_train and the
PLOVER GSR (the same matching as `newsledger eval events`), labelled with the gold type; features come from
the parse around each trigger (`newsledger.events.typing.event_features`); labels are the gold types harmonised
with the PLOVER codebook (`newsledger.eval.events.gold_label`). Targets are the shipped ranker's, so run
`scripts/train_event_targets.py` first. Deterministic: same data, same
file. The cross-validated figures are in `newsledger eval events --dataset plv-train`.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from newsledger.eval.events import analyse_rows, read_rows, reranked, training_examples
from newsledger.events.arguments import default_ranker
from newsledger.events.training import DEFAULT_C, DEFAULT_THRESHOLD, fit_typer
from newsledger.events.typing import MODEL_FILE

OUT = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "models" / MODEL_FILE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder (default ../shared)")
    parser.add_argument("--c", type=float, default=DEFAULT_C, help="inverse regularisation strength")
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD,
                        help="probability above which the model overrides the lexicon")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    examples = []
    for dataset in ("plv-train", "plover-gsr"):
        scored = analyse_rows(read_rows(dataset, args.shared))
        ranker = default_ranker()
        if ranker is not None:  # the targets production chooses (train the ranker first)
            scored = [reranked(s, ranker) for s in scored]
        found = training_examples(scored)
        print(f"{dataset}: {len(found)} examples", file=sys.stderr)
        examples += found
    typer = fit_typer(examples, c=args.c, threshold=args.threshold)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(typer.to_json() + "\n", encoding="utf-8")
    right = sum(typer.retype(feats[0].split("=", 1)[1], feats)[0] == label for feats, label in examples)
    labels = Counter(label for _, label in examples)
    print(f"classes {len(typer.classes)}, features {len(typer.weights)}, {args.out.stat().st_size // 1024} KB; "
          f"training accuracy {right / len(examples):.3f} (not a test figure); labels {dict(labels)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
