"""The ledger end to end: ingest is idempotent and survives kill -9; bad items land in the errors table;
queries and exports work on what was stored. Real PolNeAR texts (copied to a temporary folder, never into
the repository) and a WARC and a feed written by the test."""

from __future__ import annotations

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
from newsledger.store.ledger import Ledger

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
    assert ("https://news.example/kyiv-drones", "Kyiv hit by drones", "2025-03-11") in arts
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
