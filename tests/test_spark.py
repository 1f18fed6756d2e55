"""The Spark job (local mode): the Parquet ledger it writes equals the DuckDB ledger `ingest` writes for the same
inputs, table by table; bad items are rows of `errors`; a re-run and a retried task add no duplicate; and every
reading command and the web API answer the same on both."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.cli.ledger import run_ingest
from newsledger.store import schema
from newsledger.store.ledger import Ledger
from newsledger.web.app import create_app
from test_ingest_web import build_warc

pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None:
    pytest.skip("no Java runtime (Debian: apt-get install default-jre-headless; .ci/run installs it)",
                allow_module_level=True)

from newsledger.spark.job import FAIL_ONCE, run, session  # noqa: E402 - after the skips

N_TEXTS = 56
RUN_COLUMNS = {"run_id", "added_at", "at"}
"""Columns that differ between two runs by nature (which run, when)."""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Path:
    """56 PolNeAR dev texts, a WARC with two HTML pages, and broken items: a JSONL with a good line and two bad
    ones, an empty file, a binary file. 60 articles (one JSONL line is a copy of a text: present, not added)."""
    folder = tmp_path_factory.mktemp("spark_inputs") / "in"
    folder.mkdir()
    texts = sorted((shared_dir / "datasets" / "polnear" / "dev" / "text").glob("*.txt"))[:N_TEXTS]
    for path in texts:
        shutil.copy(path, folder / path.name)
    build_warc(folder / "crawl.warc.gz")
    lines = [json.dumps({"text": texts[0].read_text(encoding="utf-8")}),  # no id: the text's hash, as the file's
             json.dumps({"id": "j2", "text": "The minister said on Monday that the talks in Geneva would resume "
                         "next week, and that both delegations had agreed to meet again.", "published": "2026-01-05"}),
             "{not json", json.dumps({"id": "j4", "text": "x", "published": "2025-13-45"})]
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    return folder


@pytest.fixture(scope="module")
def spark() -> Iterator[object]:
    """One local session for the module; up to 3 attempts per task, so an injected failure is retried."""
    spark = session("local[2,3]", partitions=4)
    yield spark
    spark.stop()


@pytest.fixture(scope="module")
def duck(inputs: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("spark_duck") / "ledger.duckdb"
    run_ingest([str(inputs)], db, workers=1, progress=False)
    return db


@pytest.fixture(scope="module")
def parquet_dir(inputs: Path, spark: object, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("spark_out") / "ledger"
    report = run([str(inputs)], out, spark=spark, partitions=4)
    assert report.added == 59 and report.present == 1 and report.failed == 4
    return out


def tables(path: Path) -> dict[str, list[tuple]]:
    """Every table but the runs, without the columns that say which run wrote a row and when, sorted."""
    with Ledger(path, read_only=True) as ledger:
        out = {}
        for table in schema.ALL_TABLES:
            if table is schema.RUNS:
                continue
            cols = ", ".join(f'"{c}"' for c in table.column_names if c not in RUN_COLUMNS)
            out[table.name] = ledger.conn.execute(f"SELECT {cols} FROM {table.name} ORDER BY ALL").fetchall()
    return out


def test_the_spark_ledger_equals_the_ingest_ledger(duck: Path, parquet_dir: Path) -> None:
    want, got = tables(duck), tables(parquet_dir)
    assert len(want["articles"]) == 59 and len(want["events"]) > 100
    for name in want:
        assert got[name] == want[name], name


def test_bad_items_are_rows_of_errors(parquet_dir: Path, inputs: Path) -> None:
    with Ledger(parquet_dir, read_only=True) as ledger:
        items = {r[0] for r in ledger.query("SELECT item FROM errors")[1]}
    assert items == {f"{inputs}/feed.jsonl:3", f"{inputs}/feed.jsonl:4", f"{inputs}/empty.txt",
                     f"{inputs}/binary.txt"}


def test_a_rerun_and_a_retried_task_add_no_duplicate(inputs: Path, spark: object, parquet_dir: Path,
                                                    tmp_path: Path) -> None:
    before = tables(parquet_dir)
    again = run([str(inputs)], parquet_dir, spark=spark, partitions=4)
    assert (again.added, again.present) == (0, 60)
    after = tables(parquet_dir)
    assert {k: v for k, v in after.items() if k != "errors"} == {k: v for k, v in before.items() if k != "errors"}

    spark.sparkContext.environment[FAIL_ONCE] = "1"  # the Python workers' environment, from now on
    try:
        retried = run([str(inputs)], tmp_path / "retried", spark=spark, partitions=4)
    finally:
        del spark.sparkContext.environment[FAIL_ONCE]
    assert retried.added == 59
    assert tables(tmp_path / "retried") == before
    with Ledger(tmp_path / "retried", read_only=True) as ledger:
        for table in ("articles", "quotes", "events"):
            keys = ", ".join(next(t for t in schema.ALL_TABLES if t.name == table).key)
            dupes = ledger.query(f"SELECT count(*) FROM (SELECT {keys} FROM {table} GROUP BY ALL HAVING count(*) > 1)")
            assert dupes[1][0][0] == 0, table


ALL = ["--limit", "100000"]  # every row: a limit would cut ties differently
COMMANDS = [["quotes", "--all", *ALL], ["events", "--all", *ALL], ["events", "--clusters", *ALL],
            ["actors", "--top", "100000"], ["claims", *ALL], ["claims", "--follow-ups", *ALL],
            ["dyad", "USA", "RUS", "--by", "month"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c))
def test_the_reading_commands_answer_the_same(command: list[str], duck: Path, parquet_dir: Path) -> None:
    runner = CliRunner()
    want = runner.invoke(app, [*command, "--db", str(duck), "--format", "csv"])
    got = runner.invoke(app, [*command, "--db", str(parquet_dir), "--format", "csv"])
    assert want.exit_code == got.exit_code == 0, got.output
    assert sorted(got.stdout.splitlines()) == sorted(want.stdout.splitlines())


def test_the_web_api_answers_the_same_and_will_not_write(duck: Path, parquet_dir: Path) -> None:
    want, got = TestClient(create_app(duck, None)), TestClient(create_app(parquet_dir, None))
    for path in ("/api/quotes?limit=1000", "/api/events?limit=1000&all=1", "/api/actors?limit=1000",
                 "/api/claims?limit=1000", "/api/dyad?a=USA&b=RUS", "/api/network?nodes=300"):
        a, b = want.get(path), got.get(path)
        assert a.status_code == b.status_code == 200, path
        assert _sorted(b.json()) == _sorted(a.json()), path
    key = want.get("/api/actors").json()["rows"][0]["key"]
    assert _sorted(got.get(f"/api/actors/{key}").json()) == _sorted(want.get(f"/api/actors/{key}").json())
    stored = got.post("/api/ledger/analyze", json={"text": "The minister met the envoy on Monday in Geneva."})
    assert stored.status_code == 409 and "read-only" in stored.json()["error"]


def _sorted(value: object) -> object:
    """JSON with every list sorted (row order is not part of the answer where the query does not fix it)."""
    if isinstance(value, dict):
        return {k: _sorted(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((_sorted(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, default=str))
    return value


def test_ingest_into_a_parquet_ledger_is_a_clear_error(parquet_dir: Path, inputs: Path) -> None:
    result = CliRunner().invoke(app, ["ingest", str(inputs / "feed.jsonl"), "--db", str(parquet_dir)])
    assert result.exit_code == 1
    assert "read-only" in result.output and "Traceback" not in result.output
