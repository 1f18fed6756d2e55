"""The `newsledger` command line: one Typer app, a module per group of commands.

- `analyze`: `newsledger analyze`, `newsledger version`;
- `ledger`: `ingest`, the queries (`quotes`, `events`, `actors`, `claims`, `dyad`), `export`, `corpus rebuild`;
- `sources`: who gets quoted (shares of statements by gender, sector or party, per outlet or week);
- `spark`: the ingest as an Apache Spark job writing a Parquet ledger;
- `serve`: the web app;
- `newsledger.eval.cli`: `newsledger eval …` (the evaluation package's own commands);
- `common`: what they share (exit codes, the one-line error, the progress bar), imported by each, importing none.

Promises the tests hold it to: one line on stderr per failed item (`newsledger: error: <item>: <reason>`),
the batch goes on, exit 1 if any item failed, 2 for usage errors, 0 otherwise; never a traceback.
Standard output carries only results (report, JSON or JSONL), so it can be piped.
"""

from __future__ import annotations

import typer

from newsledger.cli import ledger
from newsledger.cli.analyze import analyze, version
from newsledger.cli.common import PROG, tidy_metavars
from newsledger.cli.serve import serve
from newsledger.cli.sources import sources
from newsledger.cli.spark import spark

app = typer.Typer(
    name=PROG,
    help="Who said what, who did what to whom, and what was claimed in the news: quotes and their speakers, PLOVER "
    "events, claims worth checking and what became of them, each record pointing at its words; one article, or a "
    "ledger of millions.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",  # help paragraphs re-flow to the terminal; `code` shows as code
    context_settings={"help_option_names": ["-h", "--help"]},
)

try:  # the eval sub-command lives in its own package, which may not be installed
    from newsledger.eval.cli import eval_app
except ImportError:
    eval_app = None
if eval_app is not None:
    app.add_typer(eval_app, name="eval")

app.command()(analyze)
app.command()(version)
ledger.register(app)
app.command()(sources)
app.command()(spark)
app.command()(serve)
tidy_metavars()

__all__ = ["app"]
