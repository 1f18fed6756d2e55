"""`newsledger serve`: the web app and its HTTP API."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from newsledger.cli.common import EXIT_USAGE, error, quiet_libraries


def serve(
    host: Annotated[str, typer.Option(help="address to bind; beyond loopback needs --token")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    db: Annotated[Path, typer.Option("--db", help="the DuckDB ledger file")] = Path("ledger.duckdb"),
    token: Annotated[str | None, typer.Option(help="bearer token for writing endpoints")] = None,
) -> None:
    """Serve the web app and its HTTP API (uvicorn)."""
    from newsledger.web.serve import ServeError, run

    quiet_libraries()
    try:
        run(host, port, db, token)
    except ServeError as exc:
        error(Console(stderr=True), str(exc))
        raise typer.Exit(EXIT_USAGE) from exc
