#!/usr/bin/env python3
"""Compare two ledgers (a DuckDB file and a Parquet folder, or any two) table by table and command by command.

    .venv/bin/python scripts/compare_ledgers.py A B

Tables: every table but `ingest_runs`, without the columns that say which run wrote a row and when (run_id,
added_at, at), as sorted rows. Commands: `quotes --all`, `events --all`, `events --clusters`, `actors`, `claims`,
`claims --follow-ups`, `dyad USA RUS`, each with every row (`--limit 1000000`), as sorted CSV lines. Prints one
line per table and command, EQUAL or DIFF with counts; exit 1 when anything differs.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.store import schema
from newsledger.store.ledger import Ledger

RUN_COLUMNS = {"run_id", "added_at", "at"}
ALL = ["--limit", "1000000"]
COMMANDS = [["quotes", "--all", *ALL], ["events", "--all", *ALL], ["events", "--clusters", *ALL],
            ["actors", "--top", "1000000"], ["claims", *ALL], ["claims", "--follow-ups", *ALL],
            ["dyad", "USA", "RUS", "--by", "month"]]


def tables(path: Path) -> dict[str, list[tuple]]:
    with Ledger(path, read_only=True) as ledger:
        out = {}
        for table in schema.ALL_TABLES:
            if table is not schema.RUNS:
                cols = ", ".join(f'"{c}"' for c in table.column_names if c not in RUN_COLUMNS)
                out[table.name] = ledger.conn.execute(f"SELECT {cols} FROM {table.name} ORDER BY ALL").fetchall()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("a", type=Path)
    ap.add_argument("b", type=Path)
    args = ap.parse_args()
    same = True
    ta, tb = tables(args.a), tables(args.b)
    for name in ta:
        equal = ta[name] == tb[name]
        same &= equal
        print(f"table {name:16} {len(ta[name]):>8,} {len(tb[name]):>8,}  {'EQUAL' if equal else 'DIFF'}")
    runner = CliRunner()
    for command in COMMANDS:
        with contextlib.redirect_stderr(io.StringIO()):
            ra = runner.invoke(app, [*command, "--db", str(args.a), "--format", "csv"])
            rb = runner.invoke(app, [*command, "--db", str(args.b), "--format", "csv"])
        la, lb = sorted(ra.stdout.splitlines()), sorted(rb.stdout.splitlines())
        equal = ra.exit_code == rb.exit_code == 0 and la == lb
        same &= equal
        print(f"command {' '.join(command[:2]):24} {len(la):>8,} {len(lb):>8,}  {'EQUAL' if equal else 'DIFF'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
