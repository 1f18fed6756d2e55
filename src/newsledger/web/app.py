"""`create_app(db_path, token)`: the FastAPI app, its middleware (body limit, same-origin writes, security headers),
error handlers, the API routers and the pages. OpenAPI at /openapi.json (the Swagger page is off: it would need a
CDN)."""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from newsledger.web import analysis_api, ledger_api, pages
from newsledger.web.errors import install_handlers
from newsledger.web.middleware import MAX_BODY_BYTES, BodyLimit, SameOrigin, SecurityHeaders


def create_app(db_path: Path | None = None, token: str | None = None, max_body: int = MAX_BODY_BYTES) -> FastAPI:
    """The web app over the ledger at `db_path` (None: analysis only). With a `token`, writing endpoints need
    `Authorization: Bearer <token>`; token or not, writing requests from another site get a 403 (`SameOrigin`)."""
    from newsledger import __version__

    app = FastAPI(title="newsledger", version=__version__, docs_url=None, redoc_url=None,
                  description="Who said what in the news: quotes, events and claims, each pointing at its words.")
    app.state.db_path = Path(db_path) if db_path is not None else None
    app.state.token = token or None
    app.state.ledger_lock = threading.Lock()
    install_handlers(app)
    app.include_router(analysis_api.router)
    app.include_router(ledger_api.router)
    app.include_router(pages.router)
    static = resources.files("newsledger.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.add_middleware(BodyLimit, limit=max_body)
    app.add_middleware(SameOrigin)  # outside BodyLimit: a cross-site POST is refused before its body is read
    app.add_middleware(SecurityHeaders)  # added last: outermost, so the 413s get the headers too
    return app
