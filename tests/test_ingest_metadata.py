"""Publication dates at ingest: from the item, a sidecar table, the file name or the command line, each checked
where it enters and stored as a DATE with where it came from; what a dated query leaves out is said."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.eval.brat import shared_dir
from newsledger.ingest.metadata import Sidecar, date_from_name, fill
from newsledger.store import schema
from newsledger.store.ledger import Ledger

CLI = [sys.executable, "-m", "newsledger.cli"]
POLNEAR = shared_dir() / "datasets" / "polnear"
TEXT = "The harbour authority of Valletta fined two shipping companies on Tuesday, officials said."


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)


def _dev_files(tmp: Path, n: int = 4, start: int = 0) -> Path:
    folder = tmp / "texts"
    folder.mkdir()
    for path in sorted((POLNEAR / "dev" / "text").glob("*.txt"))[start:start + n]:
        shutil.copy(path, folder / path.name)
    return folder


def test_dates_in_file_names() -> None:
    assert date_from_name("x/nyt_2016-09-08_trump-says.txt") == "2016-09-08"
    assert date_from_name("20160908-story.html") == "2016-09-08"
    assert date_from_name("feed_2016_09_08.jsonl:3") == "2016-09-08"
    assert date_from_name("2016-02-30_impossible.txt") is None
    assert date_from_name("2016-09/story-12345678.txt") is None  # folders are not read; 12345678 is no date
    assert date_from_name("report-2016-9-8.txt") is None


def test_polnear_metadata_is_read_as_it_is() -> None:
    table = Sidecar.read(POLNEAR / "metadata.tsv")
    name = sorted((POLNEAR / "dev" / "text").glob("*.txt"))[0].name
    row = table.lookup(f"some/folder/{name}")
    assert row is not None and dt.date.fromisoformat(row.fields["published"])
    assert row.fields["title"] and row.fields["source"]


def test_the_first_source_of_a_date_wins(tmp_path: Path) -> None:
    side = tmp_path / "meta.csv"
    side.write_text("file,published,title\nstory_2020-01-01.txt,2021-03-04,From the table\n"
                    "bad.txt,2021-02-30,Bad date\n", encoding="utf-8")
    table = Sidecar.read(side)
    own = fill("story_2020-01-01.txt", Article(TEXT, published="2019-05-05", published_from="item"), table, True)
    assert (own.published, own.published_from, own.title) == ("2019-05-05", "item", "From the table")
    meta = fill("story_2020-01-01.txt", Article(TEXT), table, True, "2024-01-01")
    assert (meta.published, meta.published_from) == ("2021-03-04", "metadata")
    name = fill("other_2020-01-01.txt", Article(TEXT), table, True, "2024-01-01")
    assert (name.published, name.published_from) == ("2020-01-01", "file-name")
    cli = fill("other_2020-01-01.txt", Article(TEXT), table, False, "2024-01-01")
    assert (cli.published, cli.published_from) == ("2024-01-01", "command-line")
    bad = fill("bad.txt", Article(TEXT), table)
    assert isinstance(bad, InputError) and "line 3" in bad.reason and "2021-02-30" in bad.reason


def test_ingest_with_polnear_metadata_dates_every_article(tmp_path: Path) -> None:
    folder = _dev_files(tmp_path)
    db = tmp_path / "meta.duckdb"
    result = _run("ingest", str(folder), "--db", str(db), "--metadata", str(POLNEAR / "metadata.tsv"), "--no-progress")
    assert result.returncode == 0, result.stderr
    with Ledger(db, read_only=True) as ledger:
        _, rows = ledger.query("SELECT published, published_from, title, source FROM articles")
        _, typed = ledger.query("SELECT data_type FROM information_schema.columns "
                                "WHERE table_name = 'articles' AND column_name = 'published'")
    assert len(rows) == 4 and all(isinstance(r[0], dt.date) and r[1] == "metadata" and r[2] and r[3] for r in rows)
    assert typed[0][0] == "DATE"
    by_name = tmp_path / "byname.duckdb"
    result = _run("ingest", str(folder), "--db", str(by_name), "--date-from-name", "--no-progress")
    assert result.returncode == 0, result.stderr
    with Ledger(by_name, read_only=True) as ledger:
        _, named = ledger.query("SELECT published, published_from FROM articles ORDER BY id")
    with Ledger(db, read_only=True) as ledger:
        _, from_meta = ledger.query("SELECT published FROM articles ORDER BY id")
    assert [r[1] for r in named] == ["file-name"] * 4 and [r[0] for r in named] == [r[0] for r in from_meta]


def test_undated_articles_are_counted_and_queries_say_what_they_left_out(tmp_path: Path) -> None:
    folder = _dev_files(tmp_path, 2, start=4)  # two articles with events between coded actors
    db = tmp_path / "undated.duckdb"
    result = _run("ingest", str(folder), "--db", str(db), "--no-progress")
    assert result.returncode == 0 and "2 of the 2 articles added have no publication date" in result.stderr
    events = _run("events", "--db", str(db), "--since", "2016-01-01", "--format", "csv")
    assert events.returncode == 0 and "left out by --since" in events.stderr
    assert events.stdout.count("\n") == 1  # the header: every event was undated
    with Ledger(db, read_only=True) as ledger:
        _, pairs = ledger.query("SELECT source_actor, target_actor FROM events WHERE modality = 'asserted' "
                                "AND source_actor IS NOT NULL AND target_actor IS NOT NULL ORDER BY ALL LIMIT 1")
    dyad = _run("dyad", pairs[0][0][:3], pairs[0][1][:3], "--db", str(db), "--format", "csv")
    assert dyad.returncode == 0 and "left out: no date" in dyad.stderr


def test_bad_dates_in_jsonl_are_item_errors_and_the_rest_is_stored(tmp_path: Path) -> None:
    lines = [{"id": "ok1", "text": TEXT, "published": "2025-05-20"},
             {"id": "bad1", "text": TEXT.replace("two", "three"), "published": "not a date"},
             {"id": "bad2", "text": TEXT.replace("two", "four"), "published": "2025-13-45"},
             {"id": "ok2", "text": TEXT.replace("two", "five"), "published": "2025-05-21T08:30:00+02:00"},
             {"id": "ok3", "text": TEXT.replace("two", "six"), "published": ""}]
    feed = tmp_path / "items.jsonl"
    feed.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    db = tmp_path / "jsonl.duckdb"
    result = _run("ingest", str(feed), "--db", str(db), "--published", "2025-06-01", "--no-progress")
    assert result.returncode == 1  # some items failed
    with Ledger(db, read_only=True) as ledger:
        _, arts = ledger.query("SELECT id, published, published_from FROM articles ORDER BY id")
        _, errors = ledger.query("SELECT item, reason FROM errors ORDER BY item")
    assert arts == [("ok1", dt.date(2025, 5, 20), "item"), ("ok2", dt.date(2025, 5, 21), "item"),
                    ("ok3", dt.date(2025, 6, 1), "command-line")]
    assert [e[0] for e in errors] == [f"{feed}:2", f"{feed}:3"]
    assert all('"published"' in e[1] for e in errors)


def test_text_dates_of_an_old_ledger_become_dates(tmp_path: Path) -> None:
    db = tmp_path / "v4.duckdb"
    conn = duckdb.connect(str(db))  # a version-4 file, as migrations 1-4 made it
    conn.execute("CREATE TABLE schema_version (version INTEGER)")
    for version in range(1, 5):
        for stmt in schema.MIGRATIONS[version]:
            conn.execute(stmt)
        conn.execute("INSERT INTO schema_version VALUES (?)", [version])
    conn.execute("INSERT INTO articles (id, published) VALUES ('a', '2025-05-20T10:00:00Z'), ('b', '2025-13-45'), "
                 "('c', NULL), ('d', 'not a date')")
    conn.close()
    with Ledger(db) as ledger:
        _, rows = ledger.query("SELECT id, published FROM articles ORDER BY id")
        assert ledger.version == schema.SCHEMA_VERSION
        assert [c[0] for c in ledger.conn.execute("DESCRIBE articles").fetchall()] == schema.ARTICLES.column_names
    assert rows == [("a", dt.date(2025, 5, 20)), ("b", None), ("c", None), ("d", None)]
