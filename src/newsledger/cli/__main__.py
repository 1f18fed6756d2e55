"""`python -m newsledger.cli`: the same app as the `newsledger` command."""

from newsledger.cli import app

app()
