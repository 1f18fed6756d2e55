#!/usr/bin/env python3
"""Corpus growth: the time to add 84 articles to ledgers of about 1,000, 4,000 and 16,000 articles, and a full
rebuild at each size.

    .venv/bin/python bench/bench_corpus.py [--base LEDGER] [--sizes 1000,4000,16000] [--add 84]

The ledgers are real analyses: a base ledger of PolNeAR train + dev (built here with `newsledger ingest
--metadata` when --base is not given, about a minute and a half with 2 workers), stored again under new ids as
further years of news (copy k is published k years later), up to each size. The 84 added articles are base
articles stored under fresh ids in the newest year, as a day's news would be. Reports, per size: the full
rebuild's seconds, the add's corpus seconds (`newsledger.store.corpus.update_corpus`) and how many rows it
wrote, and the ratios between sizes: the issue's bound is that the add grows at most linearly with the ledger
(ratio <= 4 per 4x).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from newsledger.eval.brat import shared_dir
from newsledger.store import schema
from newsledger.store.corpus import rebuild_corpus, update_corpus
from newsledger.store.ledger import Ledger

YEAR = 365


def base_ledger(folder: Path) -> Path:
    """PolNeAR train + dev analysed into a ledger, with their publication dates."""
    polnear = shared_dir() / "datasets" / "polnear"
    db = folder / "base.duckdb"
    subprocess.run([sys.executable, "-m", "newsledger.cli", "ingest", str(polnear / "train" / "text"),
                    str(polnear / "dev" / "text"), "--metadata", str(polnear / "metadata.tsv"), "--db", str(db),
                    "--workers", "2", "--no-progress"], check=True)
    return db


def copy_articles(ledger: Ledger, base: Path, ids: list[str], suffix: str, days: int) -> None:
    """Store the base's analyses of `ids` again as new articles: ids + suffix, published `days` later."""
    ledger.conn.execute(f"ATTACH '{base}' AS base (READ_ONLY)")
    try:
        for table in schema.ARTICLE_TABLES:
            cols = table.column_names
            key = "id" if table.name == "articles" else "article_id"
            values = ", ".join(
                f"{key} || ?" if c == key else f"published + INTERVAL ({days}) DAY" if c == "published" and
                table.name == "articles" else f'"{c}"' for c in cols)
            quoted = ", ".join(f'"{c}"' for c in cols)
            ledger.conn.execute(f"INSERT INTO {table.name} ({quoted}) SELECT {values} FROM base.{table.name} "
                                f"WHERE {key} IN (SELECT unnest(?::VARCHAR[]))", [suffix, ids])
    finally:
        ledger.conn.execute("DETACH base")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", type=Path, default=None, help="a ledger of analysed articles to copy")
    parser.add_argument("--sizes", default="1000,4000,16000")
    parser.add_argument("--add", type=int, default=84)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        base = args.base or base_ledger(Path(tmp))
        with Ledger(base, read_only=True) as ledger:
            ids = [r[0] for r in ledger.query("SELECT id FROM articles ORDER BY id")[1]]
        print(f"base: {len(ids)} analysed articles ({base})")
        results = []
        for size in sizes:
            db = Path(tmp) / f"ledger{size}.duckdb"
            with Ledger(db) as ledger:
                copies = -(-size // len(ids))
                for k in range(copies):
                    take = ids if (k + 1) * len(ids) <= size else ids[:size - k * len(ids)]
                    copy_articles(ledger, base, take, f"~{k}", k * YEAR)
                started = time.perf_counter()
                rebuild_corpus(ledger)
                rebuild = time.perf_counter() - started
                new = ids[:args.add]
                copy_articles(ledger, base, new, "~new", (copies - 1) * YEAR + 3)
                started = time.perf_counter()
                changes = update_corpus(ledger, [f"{i}~new" for i in new])
                add = time.perf_counter() - started
                n = ledger.count("articles")
            results.append((size, n, rebuild, add, changes))
            print(f"{n:6,} articles: full rebuild {rebuild:7.1f} s; adding {args.add}: {add:6.2f} s ({changes})",
                  flush=True)
            db.unlink()
    for (s1, _, _, a1, _), (s2, _, _, a2, _) in zip(results, results[1:], strict=False):
        print(f"add at {s2:,} / add at {s1:,}: {a2 / a1:.2f} (ledger {s2 / s1:.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
