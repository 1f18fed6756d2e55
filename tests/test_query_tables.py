"""The query commands' tables point at their words and read the same every time: each row carries its article id,
span and web link; the outlet column has one name; a smaller --limit gives the first rows of a larger one; and a
ledger of an older schema opened for reading is upgraded first, not a traceback."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.analyze import analyze
from newsledger.cli import app
from newsledger.store.ledger import Ledger

ARTICLES = [
    ("The foreign minister said on Monday that the talks in Geneva would resume next week. “We are ready to sign,” "
     "she told reporters. Rebels attacked a police post near the border on Sunday, officials said.", "Wire A",
     "2026-02-02"),
    ("“We are ready to sign,” the foreign minister told reporters on Monday. The army shelled rebel positions in "
     "the north on Sunday, the defence ministry said, and the rebels rejected the offer of talks.", "Wire B",
     "2026-02-03"),
]
ALL = ["--limit", "1000"]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("tables") / "ledger.duckdb"
    with Ledger(path) as ledger:
        ledger.add_analyses([(analyze(text, published=day, source=outlet), f"{outlet}.txt")
                             for text, outlet, day in ARTICLES])
    return path


def _rows(db: Path, *args: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(app, [*args, "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.mark.parametrize("command", [["quotes", "--all"], ["events", "--all"], ["events", "--clusters"], ["claims"]],
                         ids=" ".join)
def test_every_row_points_at_its_words(db: Path, command: list[str]) -> None:
    rows = _rows(db, *command, *ALL)
    assert rows
    for row in rows:
        assert row["article_id"] and row["start"].isdigit() and row["end"].isdigit()
        assert row["link"] == f"/article/{row['article_id']}#span-{row['start']}-{row['end']}"
        assert "outlet" in row and "sources" not in row


@pytest.mark.parametrize("command", [["quotes", "--all"], ["events", "--all"], ["events", "--clusters"], ["claims"]],
                         ids=" ".join)
def test_a_smaller_limit_gives_the_first_rows(db: Path, command: list[str]) -> None:
    every = _rows(db, *command, *ALL)
    for n in (1, 2, 3):
        assert _rows(db, *command, "--limit", str(n)) == every[:n]


def test_an_older_ledger_is_upgraded_before_it_is_read(db: Path, tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    old.write_bytes(db.read_bytes())
    with Ledger(old) as ledger:  # as a schema-6 file: no evidence_flags column yet
        for index in ("idx_claims_claimant_name", "idx_claims_kind"):  # DuckDB alters no indexed table
            ledger.conn.execute(f"DROP INDEX {index}")
        ledger.conn.execute("ALTER TABLE claims DROP COLUMN evidence_flags")
        ledger.conn.execute("DELETE FROM schema_version WHERE version = 7")
    result = CliRunner().invoke(app, ["claims", "--db", str(old), "--format", "csv"])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert _rows(old, "claims", *ALL) == _rows(db, "claims", *ALL)


@pytest.mark.parametrize("command", [["quotes", "--all"], ["events", "--all"], ["claims"]], ids=" ".join)
def test_terminal_table_keeps_one_reference_column(db: Path, command: list[str]) -> None:
    """In the terminal the article id, record id and span share one `ref` column (the link stays in CSV/JSON), so
    the words get the width."""
    rows = _rows(db, *command, *ALL)
    result = CliRunner().invoke(app, [*command, *ALL, "--db", str(db)], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    header = next(line for line in result.stdout.splitlines() if "ref" in line)
    assert "article_id" not in header and "link" not in header
    first = rows[0]
    assert f"{first['article_id'][:8]}" in result.stdout and f"@{first['start']}-{first['end']}" in result.stdout


@pytest.mark.parametrize("columns", ["60", "80", "200"])
def test_no_column_is_cut_off_in_a_narrow_terminal(db: Path, columns: str) -> None:
    """Every row's reference and outlet are printed whatever the width: a table when it fits, else one card per
    row (a table wider than the terminal used to lose its last columns without a mark)."""
    for command in (["quotes"], ["events", "--all"], ["claims"]):
        refs = [r["article_id"][:8] for r in _rows(db, *command, *ALL)]
        shown = CliRunner().invoke(app, [*command, "--db", str(db), *ALL], env={"COLUMNS": columns})
        assert shown.exit_code == 0
        assert refs and all(ref in shown.stdout for ref in refs), (command, columns)
        assert all(len(line) <= int(columns) for line in shown.stdout.splitlines())
