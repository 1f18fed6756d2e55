"""`newsledger eval ...`: score the extraction on PolNeAR and on the seed article.

The main CLI mounts `eval_app`; `python -m newsledger.eval.cli` runs it alone.
"""

from __future__ import annotations

import importlib.util
import json
import tempfile
from enum import StrEnum
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from newsledger.eval.brat import shared_dir

eval_app = typer.Typer(help="Score newsledger against gold data.", no_args_is_help=True)

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
    format: Annotated[Format, typer.Option("--format", help="text table or JSON")] = Format.text,  # noqa: A002
) -> None:
    """End to end from the sentence: share of gold (source, target) pairs we code, with the gold type."""
    from newsledger.eval.events import score_events

    report = score_events(dataset.value, limit=limit, errors=errors)
    if format is Format.json:
        typer.echo(json.dumps(report, indent=2))
        return
    console = Console()
    console.print(events_table(report))
    console.print(f"lexicon alone: gold type + pair {_pct(report['typed_lexicon_only'])}, type accuracy | pair "
                  f"{_pct(report['type_accuracy_lexicon_only'])}; any covering event has the type: "
                  f"{_pct(report['type_accuracy_any_covering_event'])}")
    how = "5-fold cross-validated on PLV" if report["dataset"] == "plv-train" else "trained on PLV only"
    console.print(f"type model: {how}")
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
    """Check-worthiness: precision, recall and F1 of the check-worthy class (model refitted on the training part)."""
    from newsledger.eval.claims import score_claimbuster, score_ct19

    report = score_claimbuster() if dataset is ClaimDataset.claimbuster else score_ct19()
    if format is Format.json:
        typer.echo(json.dumps(report, indent=2))
        return
    how = (f"train {report['train']}, test {report['test']} (seed 42)" if dataset is ClaimDataset.claimbuster
           else f"{report['debates']} debates in {report['folds']} folds, each scored by a model of the others")
    table = Table(title=f"check-worthy sentences, {dataset.value}: {how}, {report['seconds']} s")
    for col in ("gold", "predicted", "P", "R", "F1", "ranking"):
        table.add_column(col, justify="right")
    ranking = (f"AP {_pct(report['average_precision'])}" if "average_precision" in report
               else f"MAP {_pct(report['mean_average_precision'])}")
    table.add_row(str(report["n_gold"]), str(report["n_pred"]), _pct(report["p"]), _pct(report["r"]),
                  _pct(report["f1"]), ranking)
    Console().print(table)


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
