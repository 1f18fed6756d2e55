"""The Parquet ledger: the same tables as the DuckDB file, as a folder of Parquet files (what `newsledger spark`
writes), which every reading command opens like a DuckDB ledger.

Layout of a Parquet ledger DIR:

    DIR/_newsledger.json                         {"format": "newsledger-parquet", "schema_version": N}
    DIR/<table>/month=YYYY-MM/part-*.parquet     the article tables (`MONTHLY`), by publication month
    DIR/<table>/month=undated/part-*.parquet     (articles with no publication date)
    DIR/<table>/part-*.parquet                   the other tables (errors, runs, corpus tables)

Each table's columns are those of `newsledger.store.schema` (plus `month`, the partition); a table with no file
yet reads as empty. `attach(conn, directory)` makes every table a DuckDB view over its files (DuckDB reads Parquet
directly, hive partitions included), so the queries of `newsledger.store.queries` and the web app run unchanged.
Written by Spark, read by DuckDB: DuckDB is the reader here because it is the ledger's engine everywhere else.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import duckdb

from newsledger.store import schema

MARKER = "_newsledger.json"
FORMAT = "newsledger-parquet"
PARTITION = "month"
UNDATED = "undated"
MONTHLY = frozenset({"articles", "sightings", "entities", "quotes", "events", "claims"})
"""Tables partitioned by their article's publication month."""


class ParquetLedgerError(Exception):
    """A folder that is not a Parquet ledger, or one of a newer schema."""


def is_parquet_ledger(path: str | Path) -> bool:
    return (Path(path) / MARKER).is_file()


def month_of(published: str | dt.date | None) -> str:
    """The partition of an article: "2016-05" for a publication date (ISO text or a date) in May 2016, `UNDATED`
    for none."""
    if isinstance(published, dt.date):
        published = published.isoformat()
    return published[:7] if published and len(published) >= 7 else UNDATED


def write_marker(directory: str | Path) -> None:
    """Mark a folder as a Parquet ledger of this schema (written last, once its tables are complete)."""
    (Path(directory) / MARKER).write_text(json.dumps({"format": FORMAT, "schema_version": schema.SCHEMA_VERSION})
                                          + "\n", encoding="utf-8")


def schema_version(directory: str | Path) -> int:
    """The marker's schema version. Raises ParquetLedgerError for a folder without a readable marker."""
    path = Path(directory) / MARKER
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise ValueError(f"format {meta.get('format')!r}")
        return int(meta["schema_version"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ParquetLedgerError(f"{directory}: not a newsledger Parquet ledger ({exc})") from exc


def attach(conn: duckdb.DuckDBPyConnection, directory: str | Path) -> int:
    """Create a view per ledger table over the folder's Parquet files (an empty table where there are none);
    returns the schema version. Raises ParquetLedgerError for a folder that is not a Parquet ledger of a schema
    this program reads (newer, or older than the tables it has)."""
    version = schema_version(directory)
    if version != schema.SCHEMA_VERSION:
        raise ParquetLedgerError(f"{directory}: a Parquet ledger of schema {version}; this newsledger reads "
                                 f"schema {schema.SCHEMA_VERSION} (run the Spark job again with this version)")
    root = Path(directory)
    for table in schema.ALL_TABLES:
        files = sorted((root / table.name).rglob("*.parquet"))
        if not files:
            for stmt in table.ddl():
                conn.execute(stmt)
            continue
        glob = str(root / table.name / "**" / "*.parquet").replace("'", "''")
        cols = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in table.columns)
        conn.execute(f"CREATE VIEW {table.name} AS SELECT {cols} FROM read_parquet('{glob}', "
                     "hive_partitioning = true, union_by_name = true)")
    conn.execute("CREATE TABLE schema_version AS SELECT ? AS version", [version])
    return version
