"""The Spark job: read, analyse and store articles as a Parquet ledger, then derive its corpus tables.

    newsledger spark INPUT... --out DIR [--master URL] [--partitions N]
    spark-submit [cluster options] newsledger/spark/job.py INPUT... --out DIR [--partitions N]

Steps, each with the code the one-machine commands run:

1. Inputs: a local file or folder is listed on the driver (`newsledger.ingest.items.dir_files`, as `ingest` lists
   it) and each file read by a task with `read_items`, so items are named as `ingest` names them; any other URI
   Spark reads (`hdfs://`, `s3a://`, …) comes as bytes (`SparkContext.binaryFiles`), is written to a temporary
   file of the same name on the executor and read the same way (item names keep the URI). Dates are filled as
   `ingest` fills them (`newsledger.ingest.metadata.fill`: --metadata, --date-from-name, --published).
2. Articles already in the output (by id, the hash of the normalised text) are not analysed again: they get a
   `sightings` row, as in `ingest`.
3. Analysis: the items are spread over `partitions` tasks; each Python worker loads the spaCy model once
   (`load_nlp` caches it, and Spark reuses its Python workers) and runs `newsledger.analyze.analyze_items`
   (batched parse, a failing article isolated); every record becomes the rows `ingest` would store
   (`newsledger.store.rows`). A bad item is a row of `errors`; the job does not fail for it.
4. Output: each table appended as Parquet under DIR/<table>, the article tables partitioned by publication month
   (`newsledger.store.parquet`). The items are grouped by article id before analysis (the one shuffle, which also
   spreads the work), so a text carried by several items is analysed and written once, the others being
   sightings; articles already in DIR are skipped (step 2) and sightings already there left out (anti-join), so
   a re-run of the same input adds nothing; a failed and retried task writes its files once (Spark's output
   commit protocol). One `ingest_runs` row per run.
5. The corpus tables, derived again from the whole ledger (`newsledger.spark.corpus`), then the marker file.

Failure injection for the retry test: with NEWSLEDGER_SPARK_FAIL_ONCE=1 in the environment, the first attempt of
the first analysis task raises (run with a master that retries, such as ``local[2,3]``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.spark.corpus import write_corpus
from newsledger.spark.tables import (
    TABLES,
    row_tuple,
    spark_schema,
    table_dir,
    table_rows,
    tables_frame,
    write_table,
)
from newsledger.store import parquet, schema
from newsledger.store.ledger import Ledger
from newsledger.store.rows import analysis_rows, sighting_row
from newsledger.store.schema import Table

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

    from newsledger.ingest.metadata import Sidecar

FAIL_ONCE = "NEWSLEDGER_SPARK_FAIL_ONCE"
WRITTEN = (schema.ARTICLES, schema.SIGHTINGS, schema.ENTITIES, schema.QUOTES, schema.EVENTS, schema.CLAIMS)
"""The tables the analysis writes (with `errors`)."""


@dataclass(slots=True)
class JobReport:
    """What a run did: articles added (each analysed once), already present, items that failed, and seconds."""

    run_id: int
    added: int
    present: int
    failed: int
    seconds: float
    phases: dict[str, float] = field(default_factory=dict)  # seconds per step: session, articles, corpus


def session(master: str | None = None, partitions: int | None = None, app_name: str = "newsledger") -> SparkSession:
    """A Spark session. In local mode the Python workers run this interpreter (so they have newsledger and its
    model); on a cluster the spark-submit options say which Python the executors run."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    local = (master or os.environ.get("MASTER") or "local").startswith("local")
    if local and not os.environ.get("PYSPARK_PYTHON"):
        os.environ["PYSPARK_PYTHON"] = sys.executable  # read by the JVM when it starts the Python workers
    if local:
        log = resources.files("newsledger.spark").joinpath("log4j2.properties")
        builder = (builder.config("spark.ui.enabled", "false")
                   .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile=file:{log}"))
    builder = (builder.config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.python.worker.reuse", "true")
               .config("spark.ui.showConsoleProgress", str(sys.stderr.isatty()).lower()))
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    if not partitions and local:  # Spark's 200 shuffle partitions are for clusters; here they are 200 tiny tasks
        spark.conf.set("spark.sql.shuffle.partitions", str(2 * spark.sparkContext.defaultParallelism))
    return spark


# ---- reading (on the executors) ----------------------------------------------------------------------------------
def _is_local(name: str) -> bool:
    return "://" not in name or name.startswith("file://")


def local_units(inputs: Iterable[str]) -> list[str]:
    """The local inputs as `ingest` reads them, one unit per file: a folder is its readable files (or itself
    when it has none, so that its error is reported)."""
    from newsledger.ingest.items import dir_files

    out = []
    for name in inputs:
        path = Path(name.removeprefix("file://"))
        files = dir_files(path) if path.is_dir() else []
        out += [str(f) for f in files] or [str(path) if name.startswith("file://") else name]
    return out


Read = tuple[tuple[int, int], str, "Article | InputError"]
"""(input order: (unit number, item number in the unit), item name, what was read)."""


def _read_unit(unit: tuple[int, str], dates: tuple) -> Iterator[Read]:
    from newsledger.ingest import read_items

    number, name = unit
    for k, (item, result) in enumerate(read_items(name)):
        yield (number, k), item, _dated(item, result, dates)


def _read_remote(pair: tuple[str, bytes], dates: tuple, first: int = 0) -> Iterator[Read]:
    """A file Spark read as bytes: written to a temporary file of the same name, read like a local one, its items
    renamed from the temporary path to the URI."""
    from newsledger.ingest import read_items

    uri, data = pair
    with tempfile.TemporaryDirectory(prefix="newsledger-") as tmp:
        local = Path(tmp) / uri.rstrip("/").rsplit("/", 1)[-1]
        local.write_bytes(data)
        for k, (item, result) in enumerate(read_items(local)):
            name = uri + item[len(str(local)):]
            if isinstance(result, InputError):
                result = InputError(name, result.reason)
            yield (first, k), name, _dated(name, result, dates)


def _dated(item: str, result: Article | InputError, dates: tuple) -> Article | InputError:
    from newsledger.ingest.metadata import fill

    if isinstance(result, InputError):
        return result
    sidecar, from_name, published = dates
    return fill(item, result, sidecar, from_name, published)


# ---- analysis (on the executors) ---------------------------------------------------------------------------------
def _by_article(read: Read) -> tuple[str, Read]:
    """Key an item by its article id (an error by its item name), so one shuffle spreads the work evenly and brings
    the copies of one text together."""
    _, item, result = read
    return (result.id if isinstance(result, Article) else f"\x00{item}"), read


def analyse_partition(groups: Iterable[tuple[str, Iterable[Read]]], run_id: int, started: dt.datetime,
                      known: Any) -> Iterator[tuple[str, tuple]]:
    """(table name, row) for every record of the partition's articles, a `sightings` row per item that carried an
    article, an `errors` row per bad item. Each group is one article id: its first item in input order is analysed
    (as `ingest` analyses the first), unless `known` (a broadcast of the ids already stored) has it."""
    from newsledger.analyze import analyze_items

    _maybe_fail()
    fresh: list[tuple[str, Article | InputError]] = []
    for _, reads in groups:
        reads = sorted(reads, key=lambda r: r[0])
        (_, item, result), copies = reads[0], reads[1:]
        if isinstance(result, InputError):
            fresh.append((item, result))
            continue
        if result.id in known.value:
            copies = reads
        else:
            fresh.append((item, result))
        for _, other, art in copies:
            yield "sightings", row_tuple(schema.SIGHTINGS, sighting_row(art, other, run_id),
                                         parquet.month_of(art.published))
    for item, result in analyze_items(fresh):
        if isinstance(result, InputError):
            yield "errors", row_tuple(schema.ERRORS, {"run_id": run_id, "item": result.item, "reason": result.reason,
                                                      "at": started})
            continue
        month = parquet.month_of(result.article.published)
        tables = analysis_rows(result, item, run_id)
        tables["articles"][0]["added_at"] = started
        tables["sightings"] = [sighting_row(result.article, item, run_id)]
        for name, rows in tables.items():
            table = TABLES[name]
            for row in rows:
                yield name, row_tuple(table, row, month)


def _maybe_fail() -> None:
    """The retry test's injected failure: the first attempt of the first task (see the module notes)."""
    if not os.environ.get(FAIL_ONCE):
        return
    from pyspark import TaskContext

    ctx = TaskContext.get()
    if ctx is not None and ctx.partitionId() == 0 and ctx.attemptNumber() == 0:
        raise RuntimeError(f"failure injected by {FAIL_ONCE} (first attempt of the first task)")


# ---- writing (driver) --------------------------------------------------------------------------------------------
def _stored(spark: SparkSession, out: str, table: Table) -> DataFrame | None:
    """The table as already written in `out`, or None."""
    if not any(Path(table_dir(out, table)).rglob("*.parquet")):
        return None
    return spark.read.parquet(table_dir(out, table))


def _new_rows(spark: SparkSession, out: str, table: Table, df: DataFrame) -> DataFrame:
    """`df` without the keys already stored (a sighting seen by an earlier run is not written again)."""
    stored = _stored(spark, out, table)
    if stored is not None and table.key:
        df = df.join(stored.select(*table.key), list(table.key), "left_anti")
    return df


def _next_run_id(spark: SparkSession, out: str) -> int:
    stored = _stored(spark, out, schema.RUNS)
    if stored is None:
        return 1
    top = stored.agg({"id": "max"}).collect()[0][0]
    return int(top or 0) + 1


def _known_ids(spark: SparkSession, out: str) -> set[str]:
    stored = _stored(spark, out, schema.ARTICLES)
    return set() if stored is None else {r[0] for r in stored.select("id").collect()}


def run(inputs: list[str], out: str | Path, *, master: str | None = None, partitions: int | None = None,
        spark: SparkSession | None = None, sidecar: Sidecar | None = None, date_from_name: bool = False,
        published: str | None = None) -> JobReport:
    """Run the job (see the module notes) and return what it did. `out` is the Parquet ledger folder (created,
    or added to). Raises only for what is not an item's fault (Spark cannot start, `out` cannot be written)."""

    out = str(out).removeprefix("file://")
    if not _is_local(out):
        raise ValueError(f"--out {out}: the Parquet ledger is written to a local or mounted folder (the reading "
                         "commands open it with DuckDB); copy it to HDFS or object storage afterwards")
    started_clock = time.perf_counter()
    started = dt.datetime.now().replace(microsecond=0)
    spark = spark or session(master, partitions)
    phases = {"session": time.perf_counter() - started_clock}
    sc = spark.sparkContext
    Path(out).mkdir(parents=True, exist_ok=True)
    run_id = _next_run_id(spark, out)
    known = sc.broadcast(_known_ids(spark, out))
    dates = (sidecar, date_from_name, published)

    local = local_units(i for i in inputs if _is_local(i))
    remote = [i for i in inputs if not _is_local(i)]
    # reading a file is cheap beside analysing it: a few read tasks per core, then one shuffle by article id
    slices = max(1, min(len(local), 4 * sc.defaultParallelism))
    items = sc.parallelize(list(enumerate(local)), slices).flatMap(functools.partial(_read_unit, dates=dates)) \
        if local else sc.emptyRDD()
    if remote:
        items = items.union(sc.binaryFiles(",".join(remote)).flatMap(
            functools.partial(_read_remote, dates=dates, first=len(local))))
    groups = items.map(_by_article).groupByKey(partitions or 4 * sc.defaultParallelism)
    tables = (*WRITTEN, schema.ERRORS)
    rows = groups.mapPartitions(functools.partial(analyse_partition, run_id=run_id, started=started, known=known))
    every = tables_frame(spark, rows, tables)
    for table in tables:
        df = table_rows(every, table)
        write_table(_new_rows(spark, out, table, df) if table is schema.SIGHTINGS else df, out, table)
    carried = every.where(every["table"] == "sightings").count()
    every.unpersist()
    parquet.write_marker(out)
    with Ledger(out, read_only=True) as ledger:
        added, failed = (ledger.query(f"SELECT count(*) FROM {t} WHERE run_id = ?", [run_id])[1][0][0]
                         for t in ("articles", "errors"))
    present = carried - added
    seconds = time.perf_counter() - started_clock
    run_row = {"id": run_id, "started_at": started, "finished_at": dt.datetime.now().replace(microsecond=0),
               "sources": json.dumps(list(inputs)), "added": added, "present": present, "failed": failed,
               "seconds": seconds}
    write_table(spark.createDataFrame([row_tuple(schema.RUNS, run_row)], spark_schema(schema.RUNS)), out, schema.RUNS)
    phases["articles"] = time.perf_counter() - started_clock - phases["session"]
    write_corpus(spark, out)
    phases["corpus"] = time.perf_counter() - started_clock - phases["session"] - phases["articles"]
    return JobReport(run_id, added, present, failed, time.perf_counter() - started_clock, phases)


def main(argv: list[str] | None = None) -> int:
    """`spark-submit newsledger/spark/job.py INPUT... --out DIR [--partitions N]`: the master comes from
    spark-submit. Prints the run's report as JSON on stdout; exit 1 when any item failed."""
    ap = argparse.ArgumentParser(prog="newsledger-spark", description=__doc__.split("\n\n")[0])
    ap.add_argument("inputs", nargs="+")
    ap.add_argument("--out", required=True)
    ap.add_argument("--partitions", type=int, default=None)
    ap.add_argument("--published", default=None)
    ap.add_argument("--date-from-name", action="store_true")
    args = ap.parse_args(argv)
    report = run(args.inputs, args.out, partitions=args.partitions, date_from_name=args.date_from_name,
                 published=args.published)
    print(json.dumps({"run_id": report.run_id, "added": report.added, "present": report.present,
                      "failed": report.failed, "seconds": round(report.seconds, 1)}))
    return 1 if report.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
