#!/usr/bin/env python3
"""Train the check-worthiness model shipped in the package (`src/newsledger/models/checkworthiness.json`).

    .venv/bin/python scripts/train_checkworthiness.py [--shared ../shared] [--c 0.3]

Trains on all of ClaimBuster's labelled sentences (`claimbuster_train.json`); features are those of
`newsledger.claims.checkworthy.sentence_features` on the pipeline's own parse; the threshold is the one with
the best F1 in a 5-fold cross-validation on the training data. Deterministic. Held-out figures come from
`newsledger eval claims`, which refits on its own split.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsledger.claims.checkworthy import MODEL_FILE
from newsledger.claims.training import DEFAULT_C, fit_checkworthiness
from newsledger.eval.claims import claimbuster_rows, featurize

OUT = Path(__file__).resolve().parents[1] / "src" / "newsledger" / "models" / MODEL_FILE


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=None)
    parser.add_argument("--c", type=float, default=DEFAULT_C)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = claimbuster_rows(args.shared)
    model = fit_checkworthiness(featurize([t for t, _ in rows]), [label for _, label in rows], c=args.c)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"{len(rows)} sentences, {len(model.weights)} features, threshold {model.threshold}, "
          f"{args.out.stat().st_size // 1024} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
