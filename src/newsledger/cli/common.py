"""What every `newsledger` command shares: exit codes, the one-line error, the progress bar, quiet libraries.

Promises the tests hold the CLI to: one line on stderr per failed item (`newsledger: error: <item>: <reason>`),
the batch goes on, exit 1 if any item failed, 2 for usage errors, 0 otherwise; never a traceback.
Standard output carries only results (report, JSON or JSONL), so it can be piped.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from newsledger.dates import is_iso_date

if TYPE_CHECKING:
    from newsledger.store.ledger import Ledger

PROG = "newsledger"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class _RateColumn(ProgressColumn):
    """Articles per second: what a user sizing a batch wants to see."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s", style="progress.data.speed")


class _NoProgress:
    """Stands in for a Progress when no bar is shown."""

    def __enter__(self) -> _NoProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def add_task(self, *args: object, **kwargs: object) -> None:
        return None

    def advance(self, *args: object, **kwargs: object) -> None:
        return None


def progress_bar(err: Console, total: int, show: bool) -> Progress | _NoProgress:
    if not show:
        return _NoProgress()
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        _RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        # Results written to a terminal stdout are routed above the bar instead of through it.
        redirect_stdout=sys.stdout.isatty(),
        redirect_stderr=False,
    )


def error(err: Console, message: str) -> None:
    err.print(Text(f"{PROG}: error: {message}"), soft_wrap=True, highlight=False)


def check_date(value: str | None, option: str = "--published") -> str | None:
    """A date option (--published, --since, --until) must be an ISO 8601 date or datetime that exists: a typo would
    silently skew every date, or compare as text. Raises typer.BadParameter (exit 2) otherwise."""
    if value is None:
        return None
    if not is_iso_date(value):
        raise typer.BadParameter(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)", param_hint=option)
    return value


def open_ledger(db: Path, err: Console | None = None) -> Ledger:
    """The ledger at `db` opened read-only for a reading command; a missing or unreadable one is one error line
    on stderr and exit 1."""
    from newsledger.store.ledger import Ledger, LedgerError

    err = err or Console(stderr=True)
    if not db.exists():
        error(err, f"{db}: no such ledger (create one with `newsledger ingest … --db {db}`)")
        raise typer.Exit(EXIT_FAILED)
    try:
        return Ledger(db, read_only=True)
    except LedgerError as exc:
        error(err, str(exc))
        raise typer.Exit(EXIT_FAILED) from exc


def load_model() -> str | None:
    """Load spaCy once, up front: a missing model is one clear error, not one per article."""
    try:
        from newsledger.nlp.pipeline import MODEL_NAME, load_nlp
    except Exception as exc:  # noqa: BLE001
        return f"cannot load the analysis pipeline ({type(exc).__name__}: {exc})"
    try:
        load_nlp()
    except Exception as exc:  # noqa: BLE001
        return f"cannot load the spaCy model {MODEL_NAME} ({type(exc).__name__}: {exc}); run `make venv`"
    return None


def quiet_libraries() -> None:
    """Library log lines and warnings would break the one-line-per-error promise on stderr."""
    if os.environ.get("NEWSLEDGER_DEBUG"):
        return
    warnings.simplefilter("ignore")
    for name in ("trafilatura", "htmldate", "courlan", "justext", "spacy"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass



_PLAIN_TYPES = {"<str>": "TEXT", "<int>": "N", "<int range>": "N", "<float>": "NUMBER", "<float range>": "NUMBER",
                "<path>": "PATH", "<list[str]>": "TEXT", "<list[path]>": "PATH", "<list[Path]>": "PATH"}


def tidy_metavars() -> None:
    """Help that reads like a Unix tool's (`--since TEXT`, `--limit N`, `sources...`, flags with no value shown)
    where Typer 0.29 prints Python types (`<str>`, `<list[str]>`, `<bool>`, `<int range>`). Typer re-reads the
    annotations each time it builds the command, so this sets no metavars: it changes how the type column shows
    one that is missing (choices keep their `<a|b|c>`; an argument's name column already shows its metavar).
    Idempotent; called once when the CLI is imported."""
    from typer.core import TyperArgument, TyperOption

    if getattr(TyperOption, "_newsledger_tidy", False):
        return
    shown_type = TyperOption.display_type_rich

    def option_type(self: TyperOption, ctx: typer.Context) -> str | None:
        if self.metavar is None and self.is_flag:
            return None
        label = shown_type(self, ctx)
        if label is None:
            return None
        many = label.endswith("...")
        plain = _PLAIN_TYPES.get(label.removesuffix("..."))
        return (plain + ("..." if many else "")) if plain else label

    TyperOption.display_type_rich = option_type
    TyperArgument.display_type_rich = lambda self, ctx: None
    TyperOption._newsledger_tidy = True


class ClaimsModel(StrEnum):
    """The check-worthiness models of `newsledger.claims.scoring`."""

    fast = "fast"
    accurate = "accurate"


ClaimsModelOption = Annotated[ClaimsModel | None, typer.Option(
    "--claims-model", help="check-worthiness model: fast (the default: a word model, F1 0.73 on ClaimBuster) or "
    "accurate (a fine-tuned MiniLM encoder run with ONNX, F1 0.80, analysis about 2.4 times slower)")]


def use_claims_model(choice: ClaimsModel | None) -> None:
    """Apply --claims-model to this process and the workers it starts (see `claims.scoring.choose`)."""
    if choice is not None:
        from newsledger.claims.scoring import choose

        choose(choice.value)
