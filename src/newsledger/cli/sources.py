"""`newsledger sources`: who gets quoted. Shares of a ledger's statements by the speaker's gender, sector or party,
overall, per outlet or per ISO week, with the people behind each bar (`newsledger.store.sources` says what is
counted and where each dimension comes from)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsledger.cli.common import open_ledger

DEFAULT_DB = "ledger.duckdb"


class By(StrEnum):
    gender = "gender"
    sector = "sector"
    party = "party"


class Per(StrEnum):
    outlet = "outlet"
    week = "week"
    none = "none"


class SourcesFormat(StrEnum):
    table = "table"
    csv = "csv"
    json = "json"


def sources(
    db: Annotated[Path, typer.Option("--db", help="the DuckDB ledger file (or Parquet ledger folder)")] = Path(
        DEFAULT_DB),
    by: Annotated[By, typer.Option("--by", help="split each bar by the speaker's gender, sector (of the actor code) "
                                   "or party (where the article ties the speaker to one)")] = By.gender,
    per: Annotated[Per, typer.Option("--per", help="one bar per outlet, per ISO week of publication, or none "
                                     "(the whole ledger)")] = Per.outlet,
    outlet: Annotated[str | None, typer.Option(help="only this outlet (case-insensitive)")] = None,
    since: Annotated[str | None, typer.Option(help="published on or after (YYYY-MM-DD)")] = None,
    until: Annotated[str | None, typer.Option(help="published on or before (YYYY-MM-DD)")] = None,
    people: Annotated[int, typer.Option("--people", min=0, max=1000,
                                        help="speakers listed per bar, most statements first")] = 5,
    format: Annotated[SourcesFormat, typer.Option(  # noqa: A002
        "--format", help="table (Rich), csv (one row per bar and category) or json (everything, with links)",
    )] = SourcesFormat.table,
) -> None:
    """Who gets quoted: each bar's statements by gender, sector or party, as shares and counts, and who is behind
    them.

    A statement is a quote someone said or wrote (as `newsledger quotes` lists them); each counts in its bar's
    total whatever its category: a speaker of unknown gender is "unknown", a group or organisation "not a
    person", never left out. JSON gives every statement of the listed people a link to its words."""
    from newsledger.store import sources as store

    filters = store.Filters(outlet=outlet.strip() if outlet and outlet.strip() else None,
                            since=_day(since, "--since"), until=_day(until, "--until"))
    if filters.since and filters.until and filters.since > filters.until:
        raise typer.BadParameter(f"{filters.since} is after --until {filters.until}", param_hint="--since")
    err = Console(stderr=True)
    with open_ledger(db, err) as ledger:
        result = store.sources(ledger, by.value, per.value, filters, people)
        known_outlets = store.outlets(ledger) if not result["total"] and filters.outlet else []
    if result["left_out_undated"]:
        err.print(f"{result['left_out_undated']:,} statements left out by --since/--until: their articles have no "
                  "publication date", highlight=False, soft_wrap=True)
    if not result["total"]:
        if known_outlets:
            message = (f"no statements from outlet {filters.outlet!r}; the ledger's outlets: "
                       + ", ".join(known_outlets[:30]) + (" …" if len(known_outlets) > 30 else ""))
        elif filters.outlet or filters.since or filters.until:
            message = "no statements match these filters"
        else:
            message = f"no statements in {db} (ingest articles with `newsledger ingest … --db {db}`)"
        err.print(Text(message), highlight=False, soft_wrap=True)
    if format is SourcesFormat.json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=1, default=str))
    elif format is SourcesFormat.csv:
        _csv(result)
    elif result["total"]:
        _table(result)


def _day(value: str | None, name: str) -> dt.date | None:
    from newsledger.store.sources import parse_day

    try:
        return parse_day(value, name)
    except ValueError as exc:
        raise typer.BadParameter(str(exc).removeprefix(f"{name}: "), param_hint=name) from None


def _bars(result: dict[str, Any]) -> list[dict[str, Any]]:
    """The bars to print: each bar, then the whole ("all") unless the one bar is the whole already."""
    return result["bars"] if result["per"] == "none" else [*result["bars"], result["overall"]]


def _who(person: dict[str, Any]) -> str:
    return f"{person['name']} ({person['category']}, {person['statements']})"


def _csv(result: dict[str, Any]) -> None:
    writer = csv.writer(sys.stdout)
    first = result["per"] if result["per"] != "none" else "bar"
    writer.writerow([first, "category", "statements", "share", "bar_total", "people"])
    for bar in _bars(result):
        for category in result["categories"]:
            people = "; ".join(f"{p['name']} ({p['statements']})" for p in bar["people"] if p["category"] == category)
            writer.writerow([bar["bar"], category, bar["counts"][category], f"{bar['shares'][category]:.4f}",
                             bar["total"], people])


def _table(result: dict[str, Any]) -> None:
    out = Console()
    per = result["per"]
    title = f"statements by {result['by']}" + ("" if per == "none" else f", per {per}")
    table = Table(title=f"{title} ({result['total']:,})")
    table.add_column(per if per != "none" else "", overflow="fold")
    table.add_column("statements", justify="right")
    for category in result["categories"]:
        table.add_column(category, justify="right", overflow="fold")
    bars = _bars(result)
    for i, bar in enumerate(bars):
        table.add_row(Text(bar["bar"], style="bold" if bar is result["overall"] else ""), f"{bar['total']:,}",
                      *(f"{bar['shares'][c]:.1%} ({bar['counts'][c]:,})" for c in result["categories"]),
                      end_section=per != "none" and i == len(bars) - 2)
    out.print(table)
    for bar in bars:
        if bar["people"]:  # Text, not str: names from articles are never read as Rich markup
            out.print(Text(f"{bar['bar']}: ", style="bold") + Text(", ".join(_who(p) for p in bar["people"])),
                      soft_wrap=True)
