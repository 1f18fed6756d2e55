"""`newsledger spark`: the ingest as an Apache Spark job, writing a Parquet ledger (`newsledger.spark.job`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsledger.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    ClaimsModelOption,
    check_date,
    error,
    quiet_libraries,
    use_claims_model,
)


def spark(
    inputs: Annotated[list[str], typer.Argument(metavar="INPUT...", help="JSONL files, folders of text/HTML files, "
                                                "WARC files: local paths or any URI Spark reads (hdfs://, s3a://)")],
    out: Annotated[Path, typer.Option("--out", help="the Parquet ledger folder (created, or added to)")],
    master: Annotated[str, typer.Option(help="Spark master URL; local[N] runs N tasks on this machine")] = "local[*]",
    partitions: Annotated[int | None, typer.Option(min=1, help="analysis tasks (default: 2 per core)")] = None,
    published: Annotated[str | None, typer.Option(help="publication date for items that have none")] = None,
    metadata: Annotated[Path | None, typer.Option(help="a .csv/.tsv naming each file (or JSONL id) with any of "
                                                  "published, title, source, url")] = None,
    date_from_name: Annotated[bool, typer.Option("--date-from-name", help="take the date (and the outlet before "
                                                  "it) from the file name")] = False,
    claims_model: ClaimsModelOption = None,
) -> None:
    """Analyse the INPUTs on Apache Spark into a Parquet ledger that every reading command opens with --db DIR.

    Items are read, analysed and stored as `ingest` does (a bad item is a row of the errors table and a line on
    stderr; the job goes on); articles already in DIR are not analysed again; the corpus tables are derived
    again at the end. Exit 1 when any item failed. Needs Java (Debian: default-jre-headless)."""
    from newsledger.ingest.metadata import MetadataError, Sidecar
    from newsledger.store.ledger import Ledger

    published = check_date(published)
    quiet_libraries()
    use_claims_model(claims_model)
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        sidecar = Sidecar.read(metadata) if metadata is not None else None
    except MetadataError as exc:
        error(err, str(exc))
        raise typer.Exit(EXIT_FAILED) from exc
    if out.exists() and not out.is_dir():
        error(err, f"--out {out}: a file; the Parquet ledger is a folder (a DuckDB ledger is written by `ingest`)")
        raise typer.Exit(EXIT_FAILED)
    try:
        from newsledger.spark.job import run, session

        spark_session = session(master, partitions)
    except Exception as exc:  # noqa: BLE001 - pyspark missing, Java missing, a bad master URL
        error(err, f"cannot start Spark ({type(exc).__name__}: {' '.join(str(exc).split())[:300]}); "
                   "it needs pyspark and a Java runtime (Debian: apt-get install default-jre-headless)")
        raise typer.Exit(EXIT_FAILED) from exc
    try:
        report = run(inputs, out, partitions=partitions, spark=spark_session, sidecar=sidecar,
                     date_from_name=date_from_name, published=published)
    except ValueError as exc:
        error(err, str(exc))
        raise typer.Exit(EXIT_FAILED) from exc
    with Ledger(out, read_only=True) as ledger:
        _, failed = ledger.query("SELECT item, reason FROM errors WHERE run_id = ? ORDER BY item", [report.run_id])
    for item, reason in failed:
        error(err, f"{item}: {reason}")
    seconds = report.seconds
    err.print(f"{out}: added {report.added:,}, already present {report.present:,}, failed {report.failed:,} in "
              f"{seconds:.1f} s ({report.added / seconds if seconds else 0:.2f} articles/s)")
    spark_session.stop()
    raise typer.Exit(EXIT_FAILED if report.failed else EXIT_OK)
