"""Ledger commands: `newsledger ingest`, the queries (`quotes`, `events`, `actors`, `claims`, `dyad`) and
`export`, `corpus rebuild`. Registered on the main app by `register(app)`.

Ingest streams items through one spaCy `nlp.pipe` (with `--workers N` parse processes), skips articles
already stored before parsing them, writes each batch of analyses in one transaction, and records every
failed item in the errors table; exit code 1 when any item failed.
"""

from __future__ import annotations

import ctypes
import functools
import itertools
import os
import signal
import sys
import time
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from newsledger import lexicon
from newsledger.article import Article
from newsledger.cli.common import (
    EXIT_FAILED,
    ClaimsModelOption,
    check_date,
    error,
    open_ledger,
    progress_bar,
    quiet_libraries,
    use_claims_model,
)
from newsledger.errors import InputError, internal_error
from newsledger.schema import claim_kinds
from newsledger.store import schema
from newsledger.store.corpus import rebuild_corpus, update_corpus

if TYPE_CHECKING:
    from newsledger.ingest.metadata import Sidecar

DEFAULT_DB = "ledger.duckdb"
PR_SET_PDEATHSIG = 1  # linux/prctl.h
WRITE_BATCH = 32


class OutFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"
    parquet = "parquet"


class ExportFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


DbOption = Annotated[Path, typer.Option("--db", help="the DuckDB ledger file")]
FormatOption = Annotated[OutFormat, typer.Option("--format", help="table (Rich), csv, json or parquet")]
OutOption = Annotated[Path | None, typer.Option("--out", help="file for --format parquet (csv/json: stdout)")]


corpus_app = typer.Typer(
    rich_markup_mode="markdown", help="The corpus tables (actors linked across articles, event and quote clusters).",
                         no_args_is_help=True)


def register(app: typer.Typer) -> None:
    for command in (ingest, quotes, events, actors, claims, dyad, export):
        app.command()(command)
    app.add_typer(corpus_app, name="corpus")


@corpus_app.command("rebuild")
def corpus_rebuild(db: DbOption = Path(DEFAULT_DB)) -> None:
    """Derive every corpus table again from the whole ledger (after a rule changed; `ingest` keeps them up to
    date by itself, deciding again only the blocks its articles touch)."""
    from newsledger.store.ledger import Ledger, LedgerError

    err = Console(stderr=True)
    if not db.exists():
        error(err, f"{db}: no such ledger (create one with `newsledger ingest … --db {db}`)")
        raise typer.Exit(EXIT_FAILED)
    started = time.perf_counter()
    try:
        with Ledger(db) as ledger:
            rebuild_corpus(ledger)
            counts = {t.name: ledger.count(t.name) for t in schema.CORPUS_TABLES}
    except LedgerError as exc:
        error(err, str(exc))
        raise typer.Exit(EXIT_FAILED) from exc
    err.print(f"{db}: corpus rebuilt in {time.perf_counter() - started:.1f} s: "
              + ", ".join(f"{n:,} {t}" for t, n in counts.items()), highlight=False, soft_wrap=True)


# ---- ingest -------------------------------------------------------------------------------------------------
def ingest(
    sources: Annotated[list[str], typer.Argument(help="files, directories, WARC(.gz), feeds, URLs")],
    db: DbOption = Path(DEFAULT_DB),
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, max=64, help="parse processes")] = 1,
    published: Annotated[str | None, typer.Option(help="publication date for items that have none")] = None,
    metadata: Annotated[Path | None, typer.Option(
        "--metadata", help="a .csv/.tsv naming each file (or JSONL id) with any of published, title, source, url",
    )] = None,
    date_from_name: Annotated[bool, typer.Option(
        "--date-from-name", help="take the date (and the outlet before it) from the file name: nyt_2016-09-08_x.txt "
        "gives 2016-09-08 and nyt, for an item that has none",
    )] = False,
    progress: Annotated[bool | None, typer.Option("--progress/--no-progress")] = None,
    claims_model: ClaimsModelOption = None,
) -> None:
    """Analyse every article of the SOURCES into the ledger; already stored articles are skipped.

    An article's publication date is the item's own, else the --metadata table's, else the file name's (with
    --date-from-name), else --published; the ledger records which. Articles left without a date are counted."""
    from newsledger.ingest.metadata import MetadataError, Sidecar
    from newsledger.store.ledger import LedgerError

    quiet_libraries()
    use_claims_model(claims_model)
    err = Console(stderr=True)
    published = check_date(published)
    try:
        sidecar = Sidecar.read(metadata) if metadata is not None else None
    except MetadataError as exc:
        raise typer.BadParameter(str(exc), param_hint="--metadata") from None
    try:
        tally = run_ingest(sources, db, workers, published, progress, err, sidecar=sidecar,
                           date_from_name=date_from_name)
    except LedgerError as exc:
        error(err, str(exc))
        raise typer.Exit(EXIT_FAILED) from exc
    seconds = tally["seconds"]
    rate = tally["added"] / seconds if seconds else 0.0
    speed = f" ({rate:.2f} articles/s, {tally['words'] / seconds:,.0f} words/s)" if tally["added"] and seconds else ""
    err.print(f"{db}: added {tally['added']}, already present {tally['present']}, failed {tally['failed']} "
              f"in {seconds:.1f} s{speed}", highlight=False, soft_wrap=True)
    if tally["undated"]:
        err.print(f"  {tally['undated']} of the {tally['added']} articles added have no publication date (give "
                  "--metadata, --date-from-name or --published): their events are undated", highlight=False,
                  soft_wrap=True)
    for reason, n in sorted(tally["reasons"].items(), key=lambda kv: -kv[1]):
        err.print(f"  {n} × {reason}", highlight=False, soft_wrap=True)
    if tally["failed"]:
        raise typer.Exit(EXIT_FAILED)


def run_ingest(sources: list[str], db: Path, workers: int = 1, published: str | None = None,
               progress: bool | None = False, err: Console | None = None, *, sidecar: Sidecar | None = None,
               date_from_name: bool = False) -> dict:
    """The ingest loop, for the command and the bench: returns added/present/failed/undated/words/seconds/
    reasons. Dates: see `newsledger.ingest.metadata`."""
    from newsledger.ingest import count_items, read_items
    from newsledger.ingest.metadata import fill
    from newsledger.store.ledger import Ledger

    err = err or Console(stderr=True)
    ledger = Ledger(db)
    started = time.perf_counter()
    run_id = ledger.start_run(list(sources))
    tally: dict = {"added": 0, "present": 0, "failed": 0, "undated": 0, "words": 0, "reasons": {}}

    def fail(item: str, reason: str) -> None:
        tally["failed"] += 1
        ledger.add_error(run_id, item, reason)
        short = reason.split(" (")[0]
        tally["reasons"][short] = tally["reasons"].get(short, 0) + 1
        error(err, f"{item}: {reason}")

    def new_articles() -> Iterator[tuple[str, Article]]:
        items = ((name, res if isinstance(res, InputError) else fill(name, res, sidecar, date_from_name, published))
                 for name, res in itertools.chain.from_iterable(read_items(s) for s in sources))
        while chunk := list(itertools.islice(items, 64)):
            known = ledger.known_ids(r.id for _, r in chunk if isinstance(r, Article))
            seen: set[str] = set()
            again: list[tuple[Article, str]] = []
            for name, res in chunk:
                if isinstance(res, InputError):
                    fail(res.item, res.reason)
                elif res.id in known or res.id in seen:
                    tally["present"] += 1
                    again.append((res, name))
                else:
                    seen.add(res.id)
                    yield name, res
            ledger.add_sightings(again, run_id)

    show = progress if progress is not None else err.is_terminal
    total = sum(count_items(s) for s in sources)
    pending: list = []
    stored: list[str] = []
    with progress_bar(err, total, show) as bar:
        task = bar.add_task("ingesting", total=total)
        for name, result in _analyse_stream(new_articles(), workers):
            if isinstance(result, InputError):
                fail(name, result.reason)
            else:
                pending.append((result, name))
                stored.append(result.article.id)
                tally["undated"] += not result.article.published
                tally["words"] += len(result.text.split())
            bar.advance(task)
            if len(pending) >= WRITE_BATCH:
                tally["added"] += ledger.add_analyses(pending, run_id)
                pending = []
                if not show:
                    err.print(f"stored {tally['added']} articles", highlight=False)
        if pending:
            tally["added"] += ledger.add_analyses(pending, run_id)
    update_corpus(ledger, stored)
    tally["seconds"] = time.perf_counter() - started
    ledger.finish_run(run_id, tally["added"], tally["present"], tally["failed"], tally["seconds"])
    ledger.close()
    return tally


def _analyse_stream(items: Iterator[tuple[str, Article]], workers: int) -> Iterator[tuple[str, object]]:
    """Parse with one `nlp.pipe` (n_process=workers); each article's analysis fails alone."""
    from newsledger.analyze import analyze_parsed
    from newsledger.nlp.pipeline import load_nlp

    nlp = load_nlp()
    if workers > 1:
        _children_die_with_parent()
    pairs = ((art.text, (name, art)) for name, art in items)
    kwargs = {"n_process": workers, "batch_size": 16} if workers > 1 else {"batch_size": 16}
    for doc, (name, art) in nlp.pipe(pairs, as_tuples=True, **kwargs):
        try:
            yield name, analyze_parsed(art, doc)
        except Exception as exc:  # noqa: BLE001 - one bad article must not end the run
            yield name, internal_error(name, exc)


@functools.cache
def _children_die_with_parent() -> None:
    """spaCy's parse processes outlive a parent killed with SIGKILL (they wait on their queues forever).
    On Linux, every process forked from here from now on asks the kernel to kill it when its parent dies."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        prctl = libc.prctl
    except (OSError, AttributeError):
        return  # not Linux: no such call; the orphans are the OS's to reap

    def arm() -> None:
        prctl(PR_SET_PDEATHSIG, signal.SIGKILL)

    os.register_at_fork(after_in_child=arm)


# ---- queries ------------------------------------------------------------------------------------------------
def quotes(
    db: DbOption = Path(DEFAULT_DB),
    speaker: Annotated[str | None, typer.Option(help="speaker name (any part, case-insensitive)")] = None,
    since: Annotated[str | None, typer.Option(help="published on or after (YYYY-MM-DD)")] = None,
    contains: Annotated[str | None, typer.Option(help="words the quote contains")] = None,
    act: Annotated[
        list[str] | None,
        typer.Option("--act", metavar="ACT", help="only these acts (repeat or comma-separate): "
                     "speech, writing, thought, intention, stance, source; statements or not"),
    ] = None,
    all_attributions: Annotated[
        bool, typer.Option("--all", help="every attribution, not only statements (beliefs, intentions, stances…)"),
    ] = False,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    format: FormatOption = OutFormat.table,  # noqa: A002
    out: OutOption = None,
) -> None:
    """Quotes, one row per distinct quote with the number of outlets that carried it.

    Statements (someone said or wrote it) unless --all or --act; then each row shows its act, form and modality.
    """
    from newsledger.store import queries

    try:
        acts = queries.parse_acts(act)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--act") from None
    since = check_date(since, "--since")
    q = queries.quotes(speaker=speaker, since=since, contains=contains, limit=limit, acts=acts,
                       all_attributions=all_attributions)
    undated = queries.undated_quotes(speaker, contains, acts, all_attributions) if since else None
    _show(db, q, format, out, "attributions" if all_attributions or acts else "quotes",
          left_out=(undated, "quotes left out by --since: their articles have no publication date"))


def events(
    db: DbOption = Path(DEFAULT_DB),
    actor: Annotated[str | None, typer.Option(help="source actor code or prefix (RUS, RUSGOV)")] = None,
    target: Annotated[str | None, typer.Option(help="target actor code or prefix")] = None,
    type: Annotated[str | None, typer.Option("--type", help="PLOVER type")] = None,  # noqa: A002
    since: Annotated[str | None, typer.Option(help="event date on or after (YYYY-MM-DD)")] = None,
    clusters: Annotated[bool, typer.Option("--clusters", help="one row per real event")] = False,
    all_modalities: Annotated[bool, typer.Option("--all", help="also negated, hypothetical, future")] = False,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    format: FormatOption = OutFormat.table,  # noqa: A002
    out: OutOption = None,
) -> None:
    """Events (asserted and historical unless --all), or de-duplicated clusters of them."""
    from newsledger.store import queries

    since = check_date(since, "--since")
    if type is not None and type.upper() not in lexicon.plover_types():
        raise typer.BadParameter(f"{type!r} is not a PLOVER event type: {', '.join(sorted(lexicon.plover_types()))}",
                                 param_hint="--type")
    q = queries.events(actor=actor, target=target, etype=type, since=since, clusters=clusters,
                       all_modalities=all_modalities, limit=limit)
    undated = queries.undated_events(actor, target, type, all_modalities) if since else None
    _show(db, q, format, out, "events", left_out=(undated, "event reports left out by --since: no date of their "
                                                           "own and no publication date"))


def actors(
    db: DbOption = Path(DEFAULT_DB),
    top: Annotated[int, typer.Option(min=1, help="how many")] = 30,
    format: FormatOption = OutFormat.table,  # noqa: A002
    out: OutOption = None,
) -> None:
    """Actors linked across articles, by the number of articles that name them."""
    from newsledger.store import queries

    _show(db, queries.actors(top), format, out, "actors")


def claims(
    db: DbOption = Path(DEFAULT_DB),
    claimant: Annotated[str | None, typer.Option(help="claimant name (any part)")] = None,
    flag: Annotated[str | None, typer.Option(help="evidence category: without-evidence, false, hedge, sourced, "
                                                  "disputed")] = None,
    kind: Annotated[str | None, typer.Option(help="prediction, promise, threat, boast, ...")] = None,
    with_follow_ups: Annotated[bool, typer.Option("--follow-ups", help="list what became of each claim: the "
                                                  "later events that support, contradict or bear on it")] = False,
    order: Annotated[str, typer.Option(help="recent (newest articles first) or worth (most worth checking "
                                             "first)")] = "recent",
    worth: Annotated[bool, typer.Option("--worth", help="only the claims worth checking: check-worthiness at or "
                                        "above the claim ranker's bar (README: Claims worth checking); not with "
                                        "--follow-ups")] = False,
    limit: Annotated[int, typer.Option(min=1)] = 50,
    format: FormatOption = OutFormat.table,  # noqa: A002
    out: OutOption = None,
) -> None:
    """Claims, with their evidence flags; with --follow-ups, what became of them: each prediction, promise, threat
    or boast beside the later events that support, contradict or bear on it."""
    from newsledger.store import queries

    try:
        if flag is not None and not flag.strip():
            raise ValueError("an empty evidence category; leave --flag out for claims of every category")
        flag = queries.parse_flag(flag)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--flag") from None
    if kind is not None and kind.lower() not in claim_kinds():
        raise typer.BadParameter(f"{kind!r} is not a claim kind: {', '.join(claim_kinds())}", param_hint="--kind")
    if with_follow_ups:
        if flag is not None or worth:
            raise typer.BadParameter(f"{'--flag' if flag is not None else '--worth'} does not apply to --follow-ups "
                                     "(it lists later events beside each prediction, promise, threat or boast)")
        _show(db, queries.follow_ups(claimant=claimant, kind=kind, limit=limit), format, out, "follow-ups")
        return
    if order not in queries.CLAIM_ORDERS:
        raise typer.BadParameter(f"use {' or '.join(queries.CLAIM_ORDERS)}", param_hint="--order")
    _show(db, queries.claims(claimant=claimant, flag=flag, kind=kind, limit=limit, order=order, worth=worth),
          format, out, "claims")


def dyad(
    a: Annotated[str, typer.Argument(help="first actor code or prefix (RUS)")],
    b: Annotated[str, typer.Argument(help="second actor code or prefix (UKR)")],
    db: DbOption = Path(DEFAULT_DB),
    by: Annotated[str, typer.Option(help="day, week, month or year")] = "week",
    format: FormatOption = OutFormat.table,  # noqa: A002
    out: OutOption = None,
) -> None:
    """Events between two actors (either direction) per period: counts and summed intensity by quad."""
    from newsledger.store import queries

    if by not in {"day", "week", "month", "year"}:
        raise typer.BadParameter("--by must be day, week, month or year")
    _show(db, queries.dyad(a, b, by), format, out, "dyad",
          left_out=(queries.dyad_undated(a, b), "events of this dyad left out: no date of their own and no "
                                                "publication date (ingest with --metadata or --date-from-name)"))


def export(
    directory: Annotated[Path, typer.Argument(help="folder to write one file per table into")],
    db: DbOption = Path(DEFAULT_DB),
    format: Annotated[ExportFormat, typer.Option("--format")] = ExportFormat.parquet,  # noqa: A002
) -> None:
    """Every table as parquet, csv or jsonl (events also as POLECAT- and GDELT-style tables)."""
    with open_ledger(db) as ledger:
        written = ledger.export(directory, format.value)
    Console(stderr=True).print(f"wrote {len(written)} files to {directory}", highlight=False)


# ---- output -------------------------------------------------------------------------------------------------
def _show(db: Path, query: tuple[str, list], fmt: OutFormat, out: Path | None, title: str,
          left_out: tuple[tuple[str, list] | None, str] = (None, "")) -> None:
    """Run a parameterised query and print it as a Rich table, CSV or JSON, or write it as Parquet. `left_out` is
    a count query and what its rows are: when it counts any, a line on stderr says so (the output stays clean)."""
    import csv
    import json

    from rich.table import Table
    from rich.text import Text

    sql, params = query
    count_query, what = left_out
    with open_ledger(db) as ledger:
        missing = ledger.query(*count_query)[1][0][0] if count_query else 0
        if missing:
            Console(stderr=True).print(f"{missing:,} {what}", highlight=False, soft_wrap=True)
        if fmt is OutFormat.parquet:
            if out is None:
                raise typer.BadParameter("--format parquet needs --out FILE")
            ledger.conn.execute(f"COPY ({sql}) TO '{str(out).replace(chr(39), chr(39) * 2)}' (FORMAT PARQUET)",
                                params)
            return
        columns, rows = ledger.query(sql, params)
    if not rows:  # say so on stderr (the output stays a valid, empty table, CSV or JSON)
        Console(stderr=True).print(f"no {title} match these filters in {db}" + (
            " (follow-ups across articles are found as articles are ingested, or again by `newsledger corpus "
            "rebuild`: a prediction, promise, threat or boast needs a later article about the same parties)"
            if title == "follow-ups" else ""), highlight=False, soft_wrap=True)
    if fmt is OutFormat.csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif fmt is OutFormat.json:
        typer.echo(json.dumps([dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, default=str,
                              indent=1))
    else:
        columns, rows = _compact(columns, rows)
        table = Table(title=f"{title} ({len(rows)})")
        for col in columns:  # the words keep a readable width; dates and refs stay on one line
            table.add_column(col, overflow="fold", min_width=_WORDS_WIDTH if col in _WORDS else None,
                             no_wrap=col in _ONE_LINE)
        for row in rows:  # Text, not str: words from articles are never read as Rich markup
            table.add_row(*(Text("" if v is None else str(v)) for v in row))
        console = Console()
        if _table_width(columns, rows) <= console.width:
            console.print(table)
        else:  # too narrow for every column (an 80-column terminal, a pipe): one card per row, nothing cut off
            console.print(Text(table.title or "", style="italic"), justify="center")
            for row in rows:
                card = Table.grid(padding=(0, 1))
                card.add_column(style="bold", no_wrap=True)
                card.add_column(overflow="fold")
                for col, value in zip(columns, row, strict=True):
                    card.add_row(col, Text("" if value is None else str(value)))
                console.print(card)
                console.print()


_REF_COLUMNS = ("article_id", "id", "start", "end", "link")
_WORDS = {"words", "text", "claim", "example", "sentence", "later_sentence"}
_WORDS_WIDTH = 24
_ONE_LINE = {"date", "published", "first_published", "later_published", "ref"}


def _table_width(columns: list[str], rows: list[tuple]) -> int:
    """The narrowest the terminal table can be with nothing cut: each column as wide as its header, its longest
    word (its longest value for one-line columns) or the words' reading width, plus the borders."""
    def least(i: int, col: str) -> int:
        values = ["" if row[i] is None else str(row[i]) for row in rows]
        if col in _ONE_LINE:
            return max([len(col), *map(len, values)])
        longest_word = max((len(w) for v in values for w in v.split()), default=0)
        return max(len(col), min(longest_word, 20), _WORDS_WIDTH if col in _WORDS else 0)

    return sum(least(i, col) for i, col in enumerate(columns)) + 3 * len(columns) + 1


def _compact(columns: list[str], rows: list[tuple]) -> tuple[list[str], list[tuple]]:
    """For the terminal table only: the article id, record id and span in one `ref` column
    ("f36fdb12…:c3@120-180"), the link left to CSV and JSON, so a row fits an ordinary terminal."""
    if "article_id" not in columns or "start" not in columns:
        return columns, rows
    at = {c: columns.index(c) for c in _REF_COLUMNS if c in columns}
    keep = [i for i, c in enumerate(columns) if c not in at]

    def ref(row: tuple) -> str:
        record = f":{row[at['id']]}" if "id" in at else ""
        return f"{str(row[at['article_id']])[:8]}{record}@{row[at['start']]}-{row[at['end']]}"

    return [columns[i] for i in keep] + ["ref"], [tuple(row[i] for i in keep) + (ref(row),) for row in rows]
