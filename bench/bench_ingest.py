#!/usr/bin/env python3
"""Ingest throughput: analysis alone vs. ingest into DuckDB (1 process) vs. ingest with --workers 2.

    .venv/bin/python bench/bench_ingest.py [--limit 150] [--max-store-overhead 1.15]

On the first LIMIT PolNeAR train texts (from ../shared). Reports articles/s and words/s of each, the store's
overhead (ingest 1 process / analysis alone, the issue's bound is 1.15) and the speed-up of 2 workers, all
measured in one run. Exits non-zero when the overhead is above --max-store-overhead.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from newsledger.analyze import analyze_many
from newsledger.article import Article
from newsledger.cli.ledger import run_ingest
from newsledger.nlp.pipeline import load_nlp
from polnear_texts import copy_train_texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=150)
    parser.add_argument("--max-store-overhead", type=float, default=None)
    args = parser.parse_args()
    load_nlp()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        texts = [p.read_text(encoding="utf-8") for p in copy_train_texts(folder, args.limit)]
        words = sum(len(t.split()) for t in texts)
        t = time.perf_counter()
        for _ in analyze_many(Article(text=x, id=str(i)) for i, x in enumerate(texts)):
            pass
        alone = time.perf_counter() - t
        one = run_ingest([str(folder)], Path(tmp) / "one.duckdb", workers=1)["seconds"]
        two = run_ingest([str(folder)], Path(tmp) / "two.duckdb", workers=2)["seconds"]
    n = len(texts)
    print(f"{n} articles, {words:,} words (PolNeAR train, first {n})")
    for label, sec in (("analysis alone (analyze_many)", alone), ("ingest, 1 process", one),
                       ("ingest, --workers 2", two)):
        print(f"{label:32s} {n / sec:6.2f} articles/s {words / sec:9,.0f} words/s")
    overhead = one / alone
    print(f"store overhead (ingest 1 process / analysis alone): {overhead:.2f}")
    print(f"speed-up of 2 workers over 1: {one / two:.2f}")
    if args.max_store_overhead is not None and overhead > args.max_store_overhead:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
