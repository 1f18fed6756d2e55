#!/usr/bin/env python3
"""Train the target ranker shipped in the package (`src/newsledger/models/event_targets.json`).

    .venv/bin/python scripts/train_event_targets.py [--shared ../shared] [--c 1.0] [--floor 0.3]

Examples are the candidate targets of the event newsledger codes for each gold source of PLV_train (the same
matching as `newsledger eval events`), labelled by whether they overlap the gold target span; features come from
the parse (`newsledger.events.arguments.candidate_features`). Deterministic: same data, same file. The
cross-validated figures are in `newsledger eval events --dataset plv-train` (refitted per fold) and
`--dataset plover-gsr` (fitted on PLV alone, as this file is).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsledger.eval.events import analyse_rows, ranker_examples, read_rows
from newsledger.events.arguments import MODEL_FILE
from newsledger.events.training import RANKER_C, RANKER_FLOOR, fit_ranker

OUT = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "models" / MODEL_FILE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder (default ../shared)")
    parser.add_argument("--c", type=float, default=RANKER_C, help="inverse regularisation strength")
    parser.add_argument("--floor", type=float, default=RANKER_FLOOR,
                        help="least probability a candidate needs to be taken as the target")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    groups = ranker_examples(analyse_rows(read_rows("plv-train", args.shared)))
    ranker = fit_ranker(groups, c=args.c, floor=args.floor)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(ranker.to_json() + "\n", encoding="utf-8")
    right = sum(ranker.choose([f for f, _ in g], None)[0] in {k for k, (_, y) in enumerate(g) if y} for g in groups)
    print(f"{len(groups)} events, {sum(len(g) for g in groups)} candidates, {len(ranker.weights)} weights, "
          f"{args.out.stat().st_size // 1024} KB; training accuracy {right / len(groups):.3f} (not a test figure)",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
