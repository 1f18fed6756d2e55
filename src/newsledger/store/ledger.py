"""The DuckDB ledger: one file, nothing to start.

Writes are idempotent and atomic: an article's id is the hash of its normalised text (the primary key), every
row goes in with `INSERT OR IGNORE`, and the rows of a batch of articles are written in one transaction, so a
run killed at any point leaves each article either wholly stored or absent; run again, it stores the rest.
Rows go in as typed column arrays (`unnest`), which is hundreds of times faster than row-by-row inserts.
All SQL takes article text as parameters, never as SQL.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from newsledger.article import Article
from newsledger.records import Analysis
from newsledger.store import parquet, schema
from newsledger.store.rows import Row, analysis_rows, sighting_row
from newsledger.store.schema import Table


class LedgerError(Exception):
    """A ledger file that cannot be opened or is newer than this program."""


class ReadOnlyLedgerError(LedgerError):
    """A Parquet ledger opened for writing: it is written by the Spark job, read by everything else."""


class Ledger:
    """A DuckDB ledger file, or a Parquet ledger folder (`newsledger.store.parquet`, read-only), opened the same
    way: `Ledger(path)`. Raises LedgerError when it cannot be opened (ReadOnlyLedgerError for writing a folder)."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        self.parquet = Path(path).is_dir()
        if self.parquet:
            if not read_only:
                raise ReadOnlyLedgerError(f"{self.path} is a Parquet ledger (written by `newsledger spark`): it is "
                                          "read-only; store into a DuckDB ledger file instead")
            self.conn = duckdb.connect(":memory:")
            try:
                parquet.attach(self.conn, path)
            except (parquet.ParquetLedgerError, duckdb.Error) as exc:
                self.conn.close()
                raise LedgerError(f"cannot open ledger {self.path}: {exc}") from exc
            return
        try:
            self.conn = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise LedgerError(f"cannot open ledger {self.path}: {exc}") from exc
        if not read_only:
            self._migrate()
        elif self._stored_version() < schema.SCHEMA_VERSION:
            self._upgrade_then_reopen()

    def _stored_version(self) -> int:
        try:
            row = self.conn.execute("SELECT max(version) FROM schema_version").fetchone()
        except duckdb.Error:  # no such table: an empty file, or not a ledger
            return 0
        return row[0] if row and row[0] is not None else 0

    def _upgrade_then_reopen(self) -> None:
        """A ledger of an older schema opened for reading: migrate it (a moment with write access), then read it.
        Raises LedgerError when it cannot be written now (another process holds it, or the file is read-only)."""
        old = self._stored_version()
        self.conn.close()
        try:
            with Ledger(self.path):
                pass
            self.conn = duckdb.connect(self.path, read_only=True)
        except (duckdb.Error, LedgerError) as exc:
            raise LedgerError(f"ledger {self.path} has schema {old}; this newsledger reads schema "
                              f"{schema.SCHEMA_VERSION} and could not upgrade it now ({exc}); run any `newsledger "
                              "ingest` on it, or try again when no other process has it open") from exc

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- schema -----------------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER)")
        current = self._stored_version()
        if current > schema.SCHEMA_VERSION:
            raise LedgerError(f"ledger {self.path} has schema {current}; this newsledger knows up to "
                              f"{schema.SCHEMA_VERSION}: upgrade newsledger")
        for version in range(current + 1, schema.SCHEMA_VERSION + 1):
            self.conn.execute("BEGIN TRANSACTION")
            for stmt in schema.MIGRATIONS[version]:
                self.conn.execute(stmt)
            self.conn.execute("INSERT INTO schema_version VALUES (?)", [version])
            self.conn.execute("COMMIT")

    @property
    def version(self) -> int:
        return self._stored_version()

    # ---- writing ----------------------------------------------------------------------------------------
    def known_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored already."""
        ids = list(ids)
        if not ids:
            return set()
        rows = self.conn.execute("SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                                 [ids]).fetchall()
        return {r[0] for r in rows}

    def add_analyses(self, analyses: list[tuple[Analysis, str | None]], run_id: int | None = None) -> int:
        """Store (analysis, item name) pairs in one transaction; returns how many were new."""
        known = self.known_ids(a.article.id for a, _ in analyses)
        tables: dict[str, list[Row]] = {t.name: [] for t in schema.ARTICLE_TABLES}
        added: set[str] = set()
        now = dt.datetime.now()
        for analysis, item in analyses:
            aid = analysis.article.id
            if aid in known or aid in added:
                continue
            added.add(aid)
            for name, rows in analysis_rows(analysis, item, run_id).items():
                tables[name].extend(rows)
        for row in tables["articles"]:
            row["added_at"] = now
        if not added:
            return 0
        sightings = [sighting_row(a.article, item, run_id) for a, item in analyses if item is not None]
        with self.transaction():
            for table in schema.ARTICLE_TABLES:
                insert_rows(self.conn, table, tables[table.name])
            insert_rows(self.conn, schema.SIGHTINGS, sightings)
        return len(added)

    def add_sightings(self, seen: list[tuple[Article, str]], run_id: int | None = None) -> None:
        """Record which input items carried which article (new or already stored)."""
        rows = [sighting_row(a, item, run_id) for a, item in seen]
        insert_rows(self.conn, schema.SIGHTINGS, rows)

    def start_run(self, sources: list[str]) -> int:
        row = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM ingest_runs").fetchone()
        run_id = int(row[0])
        self.conn.execute("INSERT INTO ingest_runs (id, started_at, sources, added, present, failed) "
                          "VALUES (?, ?, ?, 0, 0, 0)", [run_id, dt.datetime.now(), json.dumps(sources)])
        return run_id

    def finish_run(self, run_id: int, added: int, present: int, failed: int, seconds: float) -> None:
        self.conn.execute("UPDATE ingest_runs SET finished_at = ?, added = ?, present = ?, failed = ?, seconds = ? "
                          "WHERE id = ?", [dt.datetime.now(), added, present, failed, seconds, run_id])

    def add_error(self, run_id: int, item: str, reason: str) -> None:
        self.conn.execute("INSERT OR IGNORE INTO errors VALUES (?, ?, ?, ?)", [run_id, item, reason, dt.datetime.now()])

    # ---- reading ----------------------------------------------------------------------------------------
    def count(self, table: str) -> int:
        if table not in {t.name for t in schema.ALL_TABLES}:
            raise ValueError(f"no table {table!r}")
        return self.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple]]:
        """Columns and rows of a parameterised query."""
        cur = self.conn.execute(sql, params or [])
        return [d[0] for d in cur.description], cur.fetchall()

    def export(self, directory: str | Path, fmt: str) -> list[Path]:
        """Every table to `directory` as parquet, csv or jsonl (one file per table)."""
        out_dir = Path(directory)
        out_dir.mkdir(parents=True, exist_ok=True)
        options = {"parquet": "(FORMAT PARQUET)", "csv": "(FORMAT CSV, HEADER)", "jsonl": "(FORMAT JSON)"}[fmt]
        from newsledger.store.queries import GDELT_EVENTS, POLECAT_EVENTS

        sources = [(t.name, t.name) for t in schema.ALL_TABLES]
        sources += [("events_polecat", f"({POLECAT_EVENTS})"), ("events_gdelt", f"({GDELT_EVENTS})")]
        written = []
        for name, source in sources:
            path = out_dir / f"{name}.{fmt}"
            literal = "'" + str(path).replace("'", "''") + "'"  # COPY takes no parameters; the path is quoted
            self.conn.execute(f"COPY {source} TO {literal} {options}")
            written.append(path)
        return written

    # ---- transactions -----------------------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Everything written inside is committed together, or rolled back together if anything raises."""
        self.conn.execute("BEGIN TRANSACTION")
        try:
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    def insert(self, table: str, rows: list[Row]) -> None:
        """Insert rows into the schema's table of that name (typed column arrays; duplicate keys ignored)."""
        insert_rows(self.conn, next(t for t in schema.ALL_TABLES if t.name == table), rows)


def insert_rows(conn: duckdb.DuckDBPyConnection, table: Table, rows: list[Row]) -> None:
    """Insert rows into `table` on any DuckDB connection, as one statement of typed column arrays; duplicates of
    the key are ignored."""
    if not rows:
        return
    cols = table.column_names
    selects = ", ".join(f'unnest(?::{typ}[]) AS "{name}"' for name, typ in table.columns)
    quoted = ", ".join(f'"{c}"' for c in cols)
    sql = f"INSERT OR IGNORE INTO {table.name} ({quoted}) SELECT * FROM (SELECT {selects})"
    conn.execute(sql, [[row.get(c) for row in rows] for c in cols])
