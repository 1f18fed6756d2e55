"""The ledger end to end: ingest is idempotent and survives kill -9; bad items land in the errors table;
queries and exports work on what was stored. Real PolNeAR texts (copied to a temporary folder, never into
the repository) and a WARC and a feed written by the test."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger.eval.brat import shared_dir
from newsledger.store.corpus import rebuild_corpus
from newsledger.store.ledger import Ledger
from newsledger.store.schema import SCHEMA_VERSION

CLI = [sys.executable, "-m", "newsledger.cli"]
TABLE_KEYS = {"articles": "id", "entities": "article_id, id", "quotes": "article_id, id",
              "events": "article_id, id", "claims": "article_id, id"}


def _texts(tmp: Path, n: int) -> Path:
    src = sorted((shared_dir() / "datasets" / "polnear" / "train" / "text").glob("*.txt"))[:n]
    folder = tmp / "texts"
    folder.mkdir()
    for path in src:
        shutil.copy(path, folder / path.name)
    return folder


def _ingest(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*CLI, "ingest", *args, "--no-progress"], capture_output=True, text=True, timeout=600)


def _no_duplicates(db: Path) -> dict[str, int]:
    counts = {}
    with Ledger(db, read_only=True) as ledger:
        for table, key in TABLE_KEYS.items():
            total = ledger.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            distinct = ledger.conn.execute(f"SELECT count(*) FROM (SELECT DISTINCT {key} FROM {table})").fetchone()[0]
            assert total == distinct, f"duplicate rows in {table}"
            counts[table] = total
    return counts


def test_ingest_is_idempotent_and_survives_kill_9(tmp_path: Path) -> None:
    texts = _texts(tmp_path, 70)
    db = tmp_path / "ledger.duckdb"
    proc = subprocess.Popen([*CLI, "ingest", str(texts), "--db", str(db), "--no-progress"],
                            stderr=subprocess.PIPE, text=True)
    for line in proc.stderr:  # the first batch is committed: kill in the middle of the run
        if line.startswith("stored "):
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    partial = _no_duplicates(db)["articles"]
    assert 0 < partial < 70
    again = _ingest(str(texts), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert f"added {70 - partial}, already present {partial}" in again.stderr
    counts = _no_duplicates(db)
    assert counts["articles"] == 70 and counts["quotes"] > 100 and counts["events"] > 70
    third = _ingest(str(texts), "--db", str(db))
    assert "added 0, already present 70" in third.stderr
    assert _no_duplicates(db) == counts


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    body = ("<html><head><title>Kyiv hit by drones</title><meta name='date' content='2025-03-11'></head><body>"
            "<article><p>Russia launched 90 drones at Kyiv overnight, Ukrainian officials said on Tuesday.</p>"
            "<p>“We shot down most of them,” the air force said in a statement on Telegram.</p>"
            "<p>The attack damaged two apartment buildings and a power station, the city's mayor said.</p>"
            "</article></body></html>").encode()
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/kyiv-drones", "response",
                                                      payload=io.BytesIO(body), http_headers=headers))


def test_warc_feed_and_broken_items(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _warc(folder / "crawl.warc.gz")
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "latin1.txt").write_bytes("Le président a déclaré".encode("latin-1"))
    (folder / "cut.html").write_text("<html><body><p>")
    (folder / "good.txt").write_text("The European Union imposed new sanctions on Belarus on Monday, officials said.")
    db = tmp_path / "ledger.duckdb"
    result = _ingest(str(folder), "--db", str(db))
    assert result.returncode == 1, result.stderr  # some items failed
    with Ledger(db, read_only=True) as ledger:
        _, arts = ledger.query("SELECT url, title, published FROM articles ORDER BY url NULLS LAST")
        _, errors = ledger.query("SELECT item, reason FROM errors ORDER BY item")
    assert ("https://news.example/kyiv-drones", "Kyiv hit by drones", dt.date(2025, 3, 11)) in arts
    assert len(arts) == 2
    failed = {Path(item).name for item, _ in errors}
    assert failed == {"empty.txt", "binary.txt", "latin1.txt", "cut.html"}


def test_queries_and_exports(tmp_path: Path) -> None:
    texts = _texts(tmp_path, 8)
    db = tmp_path / "ledger.duckdb"
    assert _ingest(str(texts), "--db", str(db)).returncode == 0
    for args in (["actors", "--top", "5"], ["quotes", "--limit", "3"], ["events", "--clusters"],
                 ["claims", "--kind", "prediction"], ["dyad", "USA", "RUS"]):
        out = subprocess.run([*CLI, *args, "--db", str(db), "--format", "json"], capture_output=True, text=True)
        assert out.returncode == 0, (args, out.stderr)
    actors = subprocess.run([*CLI, "actors", "--db", str(db), "--format", "csv"], capture_output=True, text=True)
    assert "Hillary Clinton" in actors.stdout or "Donald Trump" in actors.stdout
    out_dir = tmp_path / "export"
    done = subprocess.run([*CLI, "export", str(out_dir), "--db", str(db), "--format", "parquet"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    names = {p.name for p in out_dir.iterdir()}
    assert {"articles.parquet", "events.parquet", "events_polecat.parquet", "events_gdelt.parquet"} <= names


def test_missing_ledger_is_a_clear_error(tmp_path: Path) -> None:
    out = subprocess.run([*CLI, "events", "--db", str(tmp_path / "none.duckdb")], capture_output=True, text=True)
    assert out.returncode == 1 and "no such ledger" in out.stderr and "Traceback" not in out.stderr


@pytest.mark.parametrize("value", ["x'); DROP TABLE articles; --", "%' OR 1=1 --"])
def test_query_values_are_parameters_not_sql(tmp_path: Path, value: str) -> None:
    texts = _texts(tmp_path, 2)
    db = tmp_path / "ledger.duckdb"
    assert _ingest(str(texts), "--db", str(db)).returncode == 0
    out = subprocess.run([*CLI, "quotes", "--db", str(db), "--speaker", value, "--format", "json"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and out.stdout.strip() == "[]"
    with Ledger(db, read_only=True) as ledger:
        assert ledger.count("articles") == 2


def test_gzip_is_not_mistaken_for_text(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(gzip.compress(b"hello"))
    result = _ingest(str(path), "--db", str(tmp_path / "l.duckdb"))
    assert result.returncode == 1


def test_parse_workers_die_with_a_killed_ingest(tmp_path: Path) -> None:
    texts = _texts(tmp_path, 40)
    proc = subprocess.Popen([*CLI, "ingest", str(texts), "--db", str(tmp_path / "l.duckdb"), "--workers", "2",
                             "--no-progress"], stderr=subprocess.PIPE, text=True)
    children: list[str] = []
    for line in proc.stderr:
        if line.startswith("stored "):
            children = subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True, text=True).stdout.split()
            os.kill(proc.pid, signal.SIGKILL)
            break
    proc.wait(timeout=60)
    assert children, "spaCy's parse processes were not seen"
    deadline = time.time() + 10
    while time.time() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in children), "parse processes outlived the killed ingest"


def _alive(pid: str) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


# ---- quote attributions (schema 3) --------------------------------------------------------------------------
BELIEFS = (
    "Tomas Vey, the port authority's director, said on Friday that the harbour would reopen.\n\n"
    "Vey believes the strike is over. He intends to meet the dockers on Monday.\n\n"
    "“The cranes are running,” Vey told reporters. He is opposed to the new tariff.\n"
)


def _attributions_analysis(article_id: str = "vey", published: str = "2025-06-06"):  # type: ignore[no-untyped-def]
    """Hand-made (not the extractor's): two statements, a belief, an intention, a stance and a nested quote."""
    from newsledger.article import Article
    from newsledger.records import Analysis, Entity, Quote, Who

    def at(s: str, nth: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(nth + 1):
            i = BELIEFS.index(s, i + 1)
        return (i, i + len(s))

    vey = Who("e1", "Tomas Vey", at("Tomas Vey"))
    quotes = [
        Quote("q1", "indirect", [at("the harbour would reopen")], at("said"), vey),
        Quote("q2", "indirect", [at("the strike is over")], at("believes"), vey, act="thought", statement=False),
        Quote("q3", "indirect", [at("to meet the dockers on Monday")], at("intends"), vey, act="intention",
              statement=False),
        Quote("q4", "direct", [at("The cranes are running")], at("told"), vey, act="speech", form="quotation"),
        Quote("q5", "indirect", [at("the new tariff")], at("is opposed to"), vey, act="stance", form="phrase",
              statement=False),
        Quote("q6", "indirect", [at("over")], at("is", 1), vey, act="speech", nested_in="q2", statement=False),
    ]
    return Analysis(
        article=Article(BELIEFS, id=article_id, title="Harbour reopens", published=published, source="Port Wire"),
        entities=[Entity("e1", "Tomas Vey", "PERSON", [at("Tomas Vey"), at("Vey", 1)], role="director",
                         gender="male"),
                  Entity("e2", "Monday", "OTHER", [at("Monday")])],
        quotes=quotes,
    )


def _quotes_cli(db: Path, *args: str):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from newsledger.cli import app

    return CliRunner().invoke(app, ["quotes", "--db", str(db), "--format", "json", *args], env={"COLUMNS": "200"})


def _words(result) -> list[str]:  # type: ignore[no-untyped-def]
    import json

    assert result.exit_code == 0, result.output
    return sorted(row["words"] for row in json.loads(result.stdout))


def test_attribution_columns_are_stored(tmp_path: Path) -> None:
    db = tmp_path / "ledger.duckdb"
    with Ledger(db) as ledger:
        assert ledger.version == SCHEMA_VERSION
        assert ledger.add_analyses([(_attributions_analysis(), "vey.txt")]) == 1
        rebuild_corpus(ledger)
        _, quotes = ledger.query("SELECT id, act, form, nested_in, modality, statement FROM quotes ORDER BY id")
        _, ents = ledger.query("SELECT id, gender FROM entities ORDER BY id")
    assert quotes == [
        ("q1", "speech", "clause", None, "asserted", True),
        ("q2", "thought", "clause", None, "asserted", False),
        ("q3", "intention", "clause", None, "asserted", False),
        ("q4", "speech", "quotation", None, "asserted", True),
        ("q5", "stance", "phrase", None, "asserted", False),
        ("q6", "speech", "clause", "q2", "asserted", False),
    ]
    assert ents == [("e1", "male"), ("e2", None)]


def test_quotes_lists_statements_unless_asked(tmp_path: Path) -> None:
    import json

    db = tmp_path / "ledger.duckdb"
    with Ledger(db) as ledger:
        ledger.add_analyses([(_attributions_analysis(), "vey.txt")])
        rebuild_corpus(ledger)
    default = _quotes_cli(db)
    assert _words(default) == ["The cranes are running", "the harbour would reopen"]
    assert "act" not in json.loads(default.stdout)[0]  # act/form only with --all or --act
    everything = _quotes_cli(db, "--all")
    assert len(_words(everything)) == 6
    rows = {r["words"]: r for r in json.loads(everything.stdout)}
    assert (rows["the new tariff"]["act"], rows["the new tariff"]["form"]) == ("stance", "phrase")
    assert _words(_quotes_cli(db, "--act", "thought")) == ["the strike is over"]
    assert _words(_quotes_cli(db, "--act", "thought", "--act", "intention")) == \
        ["the strike is over", "to meet the dockers on Monday"]
    assert _words(_quotes_cli(db, "--act", "Intention,stance")) == ["the new tariff", "to meet the dockers on Monday"]
    assert len(_words(_quotes_cli(db, "--act", "speech"))) == 3  # statements and the nested one: every speech
    assert _words(_quotes_cli(db, "--act", "writing", "--all")) == []
    table = _quotes_cli(db, "--act", "thought", "--format", "table")
    assert table.exit_code == 0 and "thought" in table.stdout and "attributions (1)" in table.stdout


@pytest.mark.parametrize("bad", ["belief", "thought,rumour", ""])
def test_bad_act_is_a_usage_error(tmp_path: Path, bad: str) -> None:
    db = tmp_path / "ledger.duckdb"
    with Ledger(db) as ledger:
        ledger.add_analyses([(_attributions_analysis(), "vey.txt")])
    result = _quotes_cli(db, "--act", bad)
    if not bad:  # an empty value filters nothing: statements, as without --act
        assert _words(result) == ["The cranes are running", "the harbour would reopen"]
        return
    assert result.exit_code == 2, result.output
    message = " ".join(result.output.split())
    assert "--act" in message and "unknown act" in message and "speech, writing, thought" in message
    assert "Traceback" not in result.output


# The version-2 tables that schema 3 changes, as version 2 created them (kept here, not taken from the code).
V2_ENTITIES = ('CREATE TABLE entities ("article_id" VARCHAR, "id" VARCHAR, "name" VARCHAR, "type" VARCHAR, '
               '"role" VARCHAR, "organization" VARCHAR, "country" VARCHAR, "actor" VARCHAR, "mentions" VARCHAR, '
               'PRIMARY KEY (article_id, id))')
V2_QUOTES = ('CREATE TABLE quotes ("article_id" VARCHAR, "id" VARCHAR, "kind" VARCHAR, "start" INTEGER, '
             '"end" INTEGER, "text" VARCHAR, "content" VARCHAR, "cue_start" INTEGER, "cue_end" INTEGER, "cue" VARCHAR, '
             '"speaker_entity" VARCHAR, "speaker_name" VARCHAR, "speaker_start" INTEGER, "speaker_end" INTEGER, '
             '"speaker_actor" VARCHAR, "addressee" VARCHAR, "medium" VARCHAR, "continuation_of" VARCHAR, '
             '"confidence" DOUBLE, "why" VARCHAR, PRIMARY KEY (article_id, id))')
V2_INDEXES = ["CREATE INDEX idx_entities_name ON entities (name)",
              "CREATE INDEX idx_entities_actor ON entities (actor)",
              "CREATE INDEX idx_quotes_speaker_name ON quotes (speaker_name)",
              "CREATE INDEX idx_quotes_speaker_actor ON quotes (speaker_actor)"]


def _version_2_ledger(db: Path) -> None:
    import duckdb

    from newsledger.store import schema

    conn = duckdb.connect(str(db))
    for stmt in [V2_ENTITIES, V2_QUOTES, *V2_INDEXES]:
        conn.execute(stmt)
    for version in (1, 2):  # the other tables (CREATE … IF NOT EXISTS: the two above stay as written)
        for stmt in schema.MIGRATIONS[version]:
            conn.execute(stmt)
    conn.execute("CREATE TABLE schema_version (version INTEGER)")
    conn.execute("INSERT INTO schema_version VALUES (1), (2)")
    text = "The mayor said the bridge would open in May."
    conn.execute("INSERT INTO articles (id, title, published, source, text, n_chars) VALUES (?, ?, ?, ?, ?, ?)",
                 ["old1", "Bridge", "2024-04-01", "City Wire", text, len(text)])
    conn.execute("INSERT INTO entities VALUES ('old1', 'e1', 'the mayor', 'PERSON', NULL, NULL, NULL, NULL, ?)",
                 ["[[0, 9]]"])
    conn.execute("INSERT INTO quotes VALUES ('old1', 'q1', 'indirect', 15, 43, 'the bridge would open in May', "
                 "'[[15, 43]]', 10, 14, 'said', 'e1', 'the mayor', 0, 9, NULL, NULL, NULL, NULL, 0.9, 'old rule')")
    assert [c[0] for c in conn.execute("DESCRIBE quotes").fetchall()][-1] == "why"
    conn.close()


def test_version_2_ledger_migrates_to_the_current_schema(tmp_path: Path) -> None:
    old = tmp_path / "old.duckdb"
    _version_2_ledger(old)
    with Ledger(old) as ledger:  # opening it for writing migrates it
        assert ledger.version == SCHEMA_VERSION
        assert [c[0] for c in ledger.conn.execute("DESCRIBE quotes").fetchall()] == schema_columns("quotes")
        assert [c[0] for c in ledger.conn.execute("DESCRIBE entities").fetchall()] == schema_columns("entities")
        _, old_quote = ledger.query("SELECT act, form, nested_in, modality, statement, text FROM quotes")
        assert old_quote == [(None, None, None, None, True, "the bridge would open in May")]
        _, old_entity = ledger.query("SELECT gender FROM entities")
        assert old_entity == [(None,)]
        assert ledger.add_analyses([(_attributions_analysis(), "vey.txt")]) == 1  # new rows go into the new columns
        rebuild_corpus(ledger)
    fresh = tmp_path / "fresh.duckdb"
    with Ledger(fresh) as ledger:  # a new file gets the same columns in the same order
        for table in ("quotes", "entities", "entity_actors"):
            assert [c[0] for c in ledger.conn.execute(f"DESCRIBE {table}").fetchall()] == schema_columns(table)
    with Ledger(old) as ledger:  # opening again changes nothing
        assert ledger.version == SCHEMA_VERSION and ledger.count("quotes") == 7
        _, whys = ledger.query("SELECT count(*) FROM entity_actors WHERE why IS NOT NULL")
        assert whys[0][0] > 0  # the corpus links say why
        _, coded = ledger.query("SELECT count(*) FROM entities WHERE actor IS NOT NULL AND actor_why IS NULL "
                                "AND article_id <> 'old1'")
        assert coded[0][0] == 0  # every code stored after schema 4 says why
    # a quote stored before schema 3 stays listed (as a statement); the new hidden ones are not
    assert _words(_quotes_cli(old)) == ["The cranes are running", "the bridge would open in May",
                                        "the harbour would reopen"]
    assert len(_words(_quotes_cli(old, "--all"))) == 7
    assert _words(_quotes_cli(old, "--act", "thought")) == ["the strike is over"]


def schema_columns(table: str) -> list[str]:
    from newsledger.store import schema

    return next(t for t in schema.ALL_TABLES if t.name == table).column_names
