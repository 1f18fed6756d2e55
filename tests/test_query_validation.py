"""Query commands refuse what they cannot mean (exit 2, one line naming the option) and say when nothing matched;
file names give the outlet along with the date."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.ingest.metadata import outlet_from_name


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("names")
    (folder / "harbour-news_2024-06-03_strike.txt").write_text(
        "Dock workers walked out on Monday, the union said.\n\n\"We will not unload a single ship,\" union leader "
        "Amal Rhee said.\n", encoding="utf-8")
    db = folder / "l.duckdb"
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(db), "--date-from-name", "--no-progress"])
    assert result.exit_code == 0, result.output
    return db


@pytest.mark.parametrize("args", [
    ["quotes", "--since", "last week"], ["quotes", "--since", "2024-02-30"], ["events", "--since", "2024-13-01"],
    ["events", "--type", "SHOUT"], ["claims", "--kind", "gossip"], ["claims", "--order", "loudest"],
])
def test_a_value_that_means_nothing_is_a_usage_error(ledger: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, [*args, "--db", str(ledger)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and args[1] in result.output


def test_no_match_is_said_on_stderr_and_output_stays_valid(ledger: Path) -> None:
    result = CliRunner().invoke(app, ["dyad", "XXX", "YYY", "--db", str(ledger), "--format", "json"])
    assert result.exit_code == 0
    assert result.stdout.strip() == "[]"
    assert "no dyad match" in result.stderr


def test_outlet_and_date_come_from_the_file_name(ledger: Path) -> None:
    import duckdb

    with duckdb.connect(str(ledger), read_only=True) as con:
        assert con.execute("SELECT source, CAST(published AS VARCHAR) FROM articles").fetchone() == \
            ("harbour-news", "2024-06-03")
    assert outlet_from_name("texts/nyt_2016-09-08_x.txt") == "nyt"
    assert outlet_from_name("a/wash-post_2016-04-20_b.txt") == "wash-post"
    assert outlet_from_name("2016-09-08_x.txt") is None
    assert outlet_from_name("notes.txt") is None
    assert outlet_from_name("nyt_2016-02-30_x.txt") is None  # no real date, no outlet either
