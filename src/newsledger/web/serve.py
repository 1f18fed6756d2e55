"""`newsledger serve`: refuse a non-loopback host without a token, load the model, run uvicorn."""

from __future__ import annotations

from pathlib import Path

from newsledger.web.auth import is_loopback


class ServeError(Exception):
    """A reason not to start, for the command line to print."""


def check_binding(host: str, token: str | None) -> None:
    if not is_loopback(host) and not token:
        raise ServeError(f"refusing to serve on {host} without --token: writing endpoints would be open to "
                         "the network (use --host 127.0.0.1, or set --token)")


def run(host: str, port: int, db: Path | None, token: str | None) -> None:
    import uvicorn

    from newsledger.web.app import create_app

    check_binding(host, token)
    uvicorn.run(create_app(db, token), host=host, port=port, log_level="info")
