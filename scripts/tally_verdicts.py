#!/usr/bin/env python3
"""Tally a blind judge's verdicts on a statement sample (see sample_statements.py and judge_criteria.md).

Reads one or more TSV files with the header `item, verdict, kinds, note` (verdict CORRECT or WRONG, kinds a comma
list of the criteria's error kinds) and prints the share correct, with a Wilson 95% interval, and the count of
each error kind. Usage: python scripts/tally_verdicts.py verdicts_1.tsv verdicts_2.tsv
"""

from __future__ import annotations

import argparse
import csv
import math
import sys
from collections import Counter
from pathlib import Path


def wilson(k: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """The Wilson score interval of k successes in n trials."""
    if n == 0:
        return (0.0, 0.0)
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (centre - half, centre + half)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", type=Path)
    args = ap.parse_args(argv)
    verdicts: dict[str, str] = {}
    kinds: Counter[str] = Counter()
    for path in args.files:
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh, delimiter="\t"):
                verdict = (row.get("verdict") or "").strip().upper()
                if verdict not in {"CORRECT", "WRONG"}:
                    print(f"{path}: item {row.get('item')}: no verdict", file=sys.stderr)
                    continue
                verdicts[row["item"].strip()] = verdict
                if verdict == "WRONG":
                    kinds.update(k.strip() for k in (row.get("kinds") or "").split(",") if k.strip())
    n = len(verdicts)
    correct = sum(v == "CORRECT" for v in verdicts.values())
    low, high = wilson(correct, n)
    print(f"{correct}/{n} correct = {100 * correct / n:.1f}% (95% interval {100 * low:.1f}-{100 * high:.1f}%)")
    for kind, count in kinds.most_common():
        print(f"  {kind}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
