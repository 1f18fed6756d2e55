#!/usr/bin/env python3
"""Spark's overhead: `newsledger spark` in local[2] vs `newsledger ingest --workers 2` on the same texts, one run.

    .venv/bin/python bench/bench_spark.py [--limit N] [--min-ratio 0.8] [--keep DIR]

On the PolNeAR train texts (all 839 unless --limit), each run into a fresh ledger (a DuckDB file, a Parquet
folder), both with their corpus step. Reports articles/s of each, the ratio (Spark / ingest; the issue's floor is
0.8), where Spark's time goes (session start, reading + analysis + article tables, corpus tables), and the Parquet
bytes per article. Exits non-zero when the ratio is below --min-ratio.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

from newsledger.cli.ledger import run_ingest
from newsledger.spark.job import run, session
from polnear_texts import copy_train_texts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--min-ratio", type=float, default=None)
    parser.add_argument("--keep", type=Path, default=None,
                        help="copy both ledgers here (ledger.duckdb, parquet/) to compare them afterwards")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "texts"
        texts = copy_train_texts(folder, args.limit)
        started = time.perf_counter()
        tally = run_ingest([str(folder)], Path(tmp) / "ledger.duckdb", workers=2, progress=False)
        ingest_s = time.perf_counter() - started

        started = time.perf_counter()
        spark = session("local[2]")
        start_s = time.perf_counter() - started
        report = run([str(folder)], Path(tmp) / "parquet", spark=spark)
        spark_s = time.perf_counter() - started
        spark.stop()
        size = sum(p.stat().st_size for p in (Path(tmp) / "parquet").rglob("*.parquet"))
        if args.keep is not None:
            args.keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(Path(tmp) / "ledger.duckdb", args.keep / "ledger.duckdb")
            shutil.copytree(Path(tmp) / "parquet", args.keep / "parquet", dirs_exist_ok=True)
    n = tally["added"]
    ingest_rate, spark_rate = n / ingest_s, report.added / spark_s
    ratio = spark_rate / ingest_rate
    print(f"{len(texts)} PolNeAR train texts; {n} articles stored by ingest, {report.added} by Spark")
    print(f"ingest --workers 2     {ingest_rate:6.2f} articles/s  ({ingest_s:.1f} s)")
    print(f"spark local[2]         {spark_rate:6.2f} articles/s  ({spark_s:.1f} s: "
          + ", ".join(f"{k} {v:.1f} s" for k, v in {**report.phases, "session": start_s}.items()) + ")")
    print(f"analysis per core: {report.added / (2 * spark_s):.2f} articles per core-second, all in "
          f"({report.added / (2 * report.phases['articles']):.2f} over the article phase alone)")
    print(f"ratio (spark / ingest): {ratio:.2f}")
    print(f"Parquet ledger: {size:,} bytes, {size / max(1, report.added):,.0f} bytes per article")
    if args.min_ratio is not None and ratio < args.min_ratio:
        print(f"ratio {ratio:.2f} is below {args.min_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
