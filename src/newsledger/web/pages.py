"""The HTML pages: Jinja2 templates in `templates/`, each extending `base.html` (the one shared head and nav) and
holding no server-side data; their scripts in `static/` fetch the API and build the page with DOM calls, so
article text only ever becomes text nodes. Autoescaping is on all the same."""

from __future__ import annotations

import jinja2
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

router = APIRouter(include_in_schema=False)

NAV = (("/", "Analyse"), ("/ledger", "Ledger"), ("/dyad", "Dyad"), ("/network", "Network"), ("/sources", "Sources"))
"""The header's links (address, label), in order: one list for every page."""

templates = Jinja2Templates(env=jinja2.Environment(
    loader=jinja2.PackageLoader("newsledger.web", "templates"), autoescape=True, undefined=jinja2.StrictUndefined))
"""The pages' templates: autoescaped, and an unknown variable is an error, not an empty string."""
templates.env.globals["nav"] = NAV


def _page(request: Request, name: str) -> HTMLResponse:
    return templates.TemplateResponse(request, name, headers={"Cache-Control": "no-store"})


@router.get("/")
def analyse_page(request: Request) -> HTMLResponse:
    return _page(request, "analyse.html")


@router.get("/ledger")
def ledger_page(request: Request) -> HTMLResponse:
    return _page(request, "ledger.html")


@router.get("/article/{article_id}")
def article_page(request: Request, article_id: str) -> HTMLResponse:
    return _page(request, "article.html")


@router.get("/actor/{key:path}")
def actor_page(request: Request, key: str) -> HTMLResponse:
    return _page(request, "actor.html")


@router.get("/dyad")
def dyad_page(request: Request) -> HTMLResponse:
    return _page(request, "dyad.html")


@router.get("/network")
def network_page(request: Request) -> HTMLResponse:
    return _page(request, "network.html")


@router.get("/sources")
def sources_page(request: Request) -> HTMLResponse:
    return _page(request, "sources.html")
