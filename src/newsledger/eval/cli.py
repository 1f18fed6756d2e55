"""`newsledger eval ...`: score the extraction on PolNeAR and on the seed article; `audit` counts, on any folder of
articles, the records a careful reader would reject without gold (see `newsledger.eval.audit`).

The main CLI mounts `eval_app`; `python -m newsledger.eval.cli` runs it alone.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import logging
import os
import sys
import tempfile
import time
import warnings
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table
from rich.text import Text

from newsledger.eval.brat import shared_dir

eval_app = typer.Typer(help="Score newsledger against gold data.", no_args_is_help=True, rich_markup_mode="markdown")

SEED_PUBLISHED = "2025-05-20"
ROW_LABELS = {"overall": "overall", "with_marks": "with marks", "without_marks": "without marks"}


class Dataset(StrEnum):
    polnear_dev = "polnear-dev"
    polnear_train = "polnear-train"


class Format(StrEnum):
    text = "text"
    json = "json"


def _pct(value: float | None) -> str:
    return "–" if value is None else f"{100 * value:.1f}"


def quotes_table(report: dict[str, Any]) -> Table:
    """The scorer's report as a Rich table, one row per subset."""
    table = Table(title=f"quotes on {report['dataset']} ({report['articles']} articles, {report['seconds']} s)")
    for col in ("", "n gold", "n pred", "P .3", "R .3", "F1 .3", "F1 .8", "speaker acc"):
        table.add_column(col, justify="left" if not col else "right")
    for name, label in ROW_LABELS.items():
        row = report["subsets"][name]
        loose, strict, speaker = row["0.3"], row["0.8"], row["speaker"]
        table.add_row(
            label,
            str(row["n_gold"]),
            str(row["n_pred"]),
            _pct(loose["p"]),
            _pct(loose["r"]),
            _pct(loose["f1"]),
            _pct(strict["f1"]),
            f"{_pct(speaker['acc'])} ({speaker['correct']}/{speaker['n']})",
        )
    return table


@eval_app.command()
def quotes(
    dataset: Annotated[Dataset, typer.Option(help="which PolNeAR split")] = Dataset.polnear_dev,
    limit: Annotated[int | None, typer.Option(help="score only the first N articles")] = None,
    errors: Annotated[Path | None, typer.Option(help="write missed, false and wrong-speaker quotes (JSONL)")] = None,
    format: Annotated[Format, typer.Option("--format", help="text table or JSON")] = Format.text,  # noqa: A002
) -> None:
    """Quote P/R/F1 (share >= .3 and >= .8) and speaker accuracy on PolNeAR, split by quotation marks."""
    from newsledger.eval.quotes import score_quotes

    report = score_quotes(dataset.value, limit=limit, errors=errors)
    if format is Format.json:
        typer.echo(json.dumps(report, indent=2))
        return
    console = Console()
    console.print(quotes_table(report))
    if errors is not None:
        console.print(f"errors written to {errors}")


class EventDataset(StrEnum):
    plv_train = "plv-train"
    plover_gsr = "plover-gsr"


def events_table(report: dict[str, Any]) -> Table:
    """Per gold type: rows, pair found, typed; and the totals."""
    table = Table(title=f"events on {report['dataset']} ({report['rows']} rows, {report['seconds']} s)")
    for col in ("gold type", "rows", "pair found", "gold type + pair", "type acc | pair"):
        table.add_column(col, justify="left" if col == "gold type" else "right")
    for label, row in report["per_type"].items():
        acc = row["typed"] / row["found"] if row["found"] else None
        table.add_row(label, str(row["n"]), _pct(row["found"] / row["n"]), _pct(row["typed"] / row["n"]), _pct(acc))
    table.add_section()
    table.add_row("all", str(report["rows"]), _pct(report["pair_found"]), _pct(report["typed"]),
                  _pct(report["type_accuracy"]))
    return table


@eval_app.command()
def events(
    dataset: Annotated[EventDataset, typer.Option(help="PLOVER gold sentences")] = EventDataset.plv_train,
    limit: Annotated[int | None, typer.Option(help="score only the first N rows")] = None,
    errors: Annotated[Path | None, typer.Option(help="write missed pairs and wrong types (JSONL)")] = None,
    rules_targets: Annotated[bool, typer.Option(help="the participant rules' targets, without the ranker")] = False,
    format: Annotated[Format, typer.Option("--format", help="text table or JSON")] = Format.text,  # noqa: A002
) -> None:
    """End to end from the sentence: share of gold (source, target) pairs we code, with the gold type."""
    from newsledger.eval.events import score_events

    report = score_events(dataset.value, limit=limit, errors=errors, ranker=not rules_targets)
    if format is Format.json:
        typer.echo(json.dumps(report, indent=2))
        return
    console = Console()
    console.print(events_table(report))
    console.print(f"lexicon alone: gold type + pair {_pct(report['typed_lexicon_only'])}, type accuracy | pair "
                  f"{_pct(report['type_accuracy_lexicon_only'])}; any covering event has the type: "
                  f"{_pct(report['type_accuracy_any_covering_event'])}")
    how = "5-fold cross-validated on PLV" if report["dataset"] == "plv-train" else "trained on PLV only"
    console.print(f"type model{' and target ranker' if report['ranker'] else ''}: {how}")
    console.print(f"types scored against the gold harmonised with the PLOVER codebook (intent as the act with "
                  f"future/hypothetical; sanctions as SANCTION: see `accepted_types`); raw gold: gold type + pair "
                  f"{_pct(report['typed_raw'])}, lexicon alone {_pct(report['typed_lexicon_only_raw'])}")
    console.print(f"events emitted per sentence: {report['events_per_sentence']:.2f}; with the rules' targets: "
                  f"pair found {_pct(report['pair_found_rules_targets'])}, "
                  f"{report['events_per_sentence_rules_targets']:.2f} events per sentence")
    if "source_country_accuracy" in report:
        console.print(f"source country agrees with the gold code: {_pct(report['source_country_accuracy'])} "
                      f"(n={report['source_country_n']})")
    if errors is not None:
        console.print(f"errors written to {errors}")


class ClaimDataset(StrEnum):
    claimbuster = "claimbuster"
    ct19 = "ct19"


@eval_app.command()
def claims(
    dataset: Annotated[ClaimDataset, typer.Option(help="ClaimBuster held-out 20% or CheckThat! 2019 by debate")]
    = ClaimDataset.claimbuster,
    format: Annotated[Format, typer.Option("--format", help="text table or JSON")] = Format.text,  # noqa: A002
) -> None:
    """Check-worthiness: precision, recall and F1 of the check-worthy class, one row per model: fast (the word
    model, refitted on the training part) and, on ClaimBuster, accurate (the shipped encoder, trained on the same
    training part)."""
    from newsledger.eval.claims import score_claimbuster, score_claimbuster_encoder, score_ct19

    if dataset is ClaimDataset.claimbuster:
        reports = [score_claimbuster()]
        encoder = score_claimbuster_encoder()
        if encoder is not None:
            reports.append(encoder)
    else:
        reports = [score_ct19()]
    if format is Format.json:
        typer.echo(json.dumps(reports[0] if len(reports) == 1 else reports, indent=2))
        return
    first = reports[0]
    how = (f"train {first['train']}, test {first['test']} (seed 42)" if dataset is ClaimDataset.claimbuster
           else f"{first['debates']} debates in {first['folds']} folds, each scored by a model of the others")
    seconds = sum(r["seconds"] for r in reports)
    table = Table(title=f"check-worthy sentences, {dataset.value}: {how}, {seconds:.1f} s")
    for col in ("model", "gold", "predicted", "P", "R", "F1", "ranking"):
        table.add_column(col, justify="left" if col == "model" else "right")
    for report in reports:
        ranking = (f"AP {_pct(report['average_precision'])}" if "average_precision" in report
                   else f"MAP {_pct(report['mean_average_precision'])}")
        table.add_row(report.get("model", "fast"), str(report["n_gold"]), str(report["n_pred"]), _pct(report["p"]),
                      _pct(report["r"]), _pct(report["f1"]), ranking)
    Console().print(table)


def audit_table(report: dict[str, Any]) -> Table:
    """The audit's counts as a Rich table: one row per check, then the records any check flagged."""
    rate = report["articles_per_second"]
    table = Table(title=f"audit of {report['dir']}: {report['articles']} articles, {report['quotes']} quotes "
                        f"({report['statements']} statements), {report['events']} events; {report['seconds']} s, "
                        f"{rate if rate is not None else '-'} articles/s")
    for col in ("check", "findings", "quotes", "% of quotes", "articles", "% of articles"):
        table.add_column(col, justify="left" if col == "check" else "right")
    for row in report["checks"]:
        table.add_row(row["check"], str(row["findings"]), str(row["quotes"]), _pct(row["quote_share"]),
                      str(row["articles"]), _pct(row["article_share"]))
    table.add_section()
    total = report["total"]
    table.add_row("any check", str(total["findings"]), str(total["quotes"]), _pct(total["quote_share"]),
                  str(total["articles"]), _pct(total["article_share"]))
    return table


def _print_examples(console: Console, report: dict[str, Any]) -> None:
    for name, found in report.get("examples", {}).items():
        if not found:
            continue
        console.print(Text(f"\n{name}: {len(found)} example(s)", style="bold"))
        for f in found:
            who = f"mention {f['mention']!r} -> entity {f['entity']!r}"
            console.print(Text(f"  {f['article']} {f['record']}: {who}\n    {f['excerpt']}\n    why: {f['why']}"))


@eval_app.command()
def audit(
    directories: Annotated[list[Path], typer.Argument(metavar="DIR...", show_default=False,
                                                      help="Folders of .txt (and .jsonl, .html...) articles, read "
                                                           "recursively; single files work too.")],
    format: Annotated[Format, typer.Option("--format", help="text table or JSON")] = Format.text,  # noqa: A002
    examples: Annotated[int, typer.Option("--examples", min=0, help="print N examples per check")] = 0,
    out: Annotated[Path | None, typer.Option("--out", help="write every finding to this file (JSONL)")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help="audit only the first N articles")] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=1024, help="articles parsed per batch")] = 16,
    progress: Annotated[bool | None, typer.Option(
        "--progress/--no-progress", show_default=False,
        help="progress bar with throughput on stderr (default: when stderr is a terminal)")] = None,
) -> None:
    """Count records a careful reader would reject without gold (speaker not an agent, speaker in a dateline,
    nested or phrase statements, content running into another speaker's paragraph, pronoun/gender clashes;
    a subdivision coded to another country, a person coded from their own name, GOV for a non-office role;
    events dated on the wrong side of publication, force on words, weapons as targets, overlapping triggers;
    claimants that are not agents, claims of attributions that state nothing, claimed words holding their
    attribution or page code).

    Exit 0 whatever the counts (it is a measurement; articles that fail are reported and skipped),
    2 when DIR is missing or holds no articles."""
    from newsledger.errors import InputError
    from newsledger.eval.audit import Tally, audit_items, context_for, run_checks
    importlib.import_module("newsledger.eval.audit_actors")  # registers the actor and place checks
    importlib.import_module("newsledger.eval.audit_events")  # registers the event checks
    importlib.import_module("newsledger.eval.audit_claims")  # registers the claim checks
    from newsledger.ingest import count_items, read_items

    err = Console(stderr=True, highlight=False, emoji=False, markup=False, soft_wrap=True)

    def fail(message: str, code: int) -> typer.Exit:
        err.print(f"newsledger: error: {message}")
        return typer.Exit(code)

    for directory in directories:
        if not directory.exists():
            raise fail(f"{directory}: no such directory", 2)
    if not os.environ.get("NEWSLEDGER_DEBUG"):
        warnings.simplefilter("ignore")
        for lib in ("trafilatura", "htmldate", "courlan", "justext", "spacy"):
            logging.getLogger(lib).setLevel(logging.CRITICAL)
    streams = []
    for directory in directories:
        items = read_items(directory)
        first = next(items, None)
        if first is None or (isinstance(first[1], InputError) and first[0] == str(directory) and directory.is_dir()):
            raise fail(f"{directory}: no articles here (.txt, .jsonl, .html, ...)", 2)
        streams.append(itertools.chain([first], items))
    try:
        from newsledger.nlp.pipeline import load_nlp

        load_nlp()
    except Exception as exc:  # noqa: BLE001 - one clear line, not a traceback
        raise fail(f"cannot load the spaCy model ({type(exc).__name__}: {exc})", 1) from None
    try:
        sink = out.open("w", encoding="utf-8") if out is not None else None
    except OSError as exc:
        raise fail(f"{out}: cannot write ({exc.strerror})", 2) from None

    stream = itertools.chain.from_iterable(streams)
    total = sum(count_items(directory) for directory in directories)
    if limit is not None:
        stream = itertools.islice(stream, limit)
        total = min(total, limit)
    show = progress if progress is not None else err.is_terminal
    tally = Tally(examples=examples)
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[rate]} articles/s"), TimeElapsedColumn(), TimeRemainingColumn(),
                   console=err, disable=not show, redirect_stdout=False, redirect_stderr=False)
    bases = [(d if d.is_dir() else d.parent) for d in directories]
    base = Path(os.path.commonpath([str(b.resolve()) for b in bases])) if len(bases) > 1 else bases[0]
    try:
        with bar:
            task = bar.add_task("auditing", total=total, rate="-")
            for seen, (item, result, doc) in enumerate(audit_items(stream, batch_size), 1):
                name = _relative(item, base)
                if isinstance(result, InputError):
                    tally.error(name, result.reason)
                    err.print(f"newsledger: error: {name}: {result.reason}")
                else:
                    findings, problems = run_checks(result, context_for(name, result, doc))
                    tally.add(result, findings)
                    for problem in problems:
                        tally.error(name, problem)
                        err.print(f"newsledger: error: {name}: {problem}")
                    if sink is not None:
                        for finding in findings:
                            sink.write(json.dumps(finding.to_dict(), ensure_ascii=False) + "\n")
                elapsed = time.perf_counter() - tally.started
                bar.update(task, advance=1, rate=f"{seen / elapsed:.1f}" if elapsed else "-")
    except KeyboardInterrupt:
        raise fail("interrupted", 130) from None
    finally:
        if sink is not None:
            sink.close()
    report = {"dir": " ".join(str(d) for d in directories), **tally.report()}
    if format is Format.json:
        typer.echo(json.dumps(report, indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False, width=None if sys.stdout.isatty() else 120)  # a pipe gets the whole table
    console.print(audit_table(report))
    if report["errors"]:
        console.print(f"{len(report['errors'])} item(s) failed to analyse or check (listed on stderr)",
                      markup=False)
    _print_examples(console, report)
    if out is not None:
        console.print(f"findings written to {out}", markup=False)
    sys.stdout.flush()


def _relative(item: str, base: Path) -> str:
    """An item's name under DIR ("a/b.txt", "x.jsonl:3"), for findings people read."""
    try:
        return str(Path(item).relative_to(base))
    except ValueError:
        return item


def load_check_seed(shared: Path | None = None) -> ModuleType:
    """The shared `tools/check_seed.py`, imported by path: it is the acceptance test, so never copied."""
    path = shared_dir(shared) / "tools" / "check_seed.py"
    spec = importlib.util.spec_from_file_location("check_seed", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_seed(out: Path, shared: Path | None = None) -> tuple[bool, dict[str, Any]]:
    """Analyse the seed article into `out` (contract JSON); check_seed's (contract valid, score_seed dict)."""
    from newsledger.analyze import analyze

    base = shared_dir(shared)
    text = (base / "fixtures" / "seed" / "article.txt").read_text(encoding="utf-8")
    out.write_text(analyze(text, published=SEED_PUBLISHED).to_json(), encoding="utf-8")
    check = load_check_seed(base)
    return bool(check.validate(out)), check.score_seed(out)


@eval_app.command()
def seed(
    keep: Annotated[Path | None, typer.Option(help="also keep the analysis JSON at this path")] = None,
) -> None:
    """Analyse the seed article (published 2025-05-20) and print check_seed.py's verdict."""
    with tempfile.TemporaryDirectory() as tmp:
        out = keep or Path(tmp) / "seed.json"
        valid, _score = run_seed(out)
    if not valid:
        raise typer.Exit(1)


if __name__ == "__main__":
    eval_app()
