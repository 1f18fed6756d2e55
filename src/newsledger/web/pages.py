"""The HTML pages: static shells from `templates/` (no server-side data in them); their scripts in `static/` fetch
the API and build the page with DOM calls, so article text only ever becomes text nodes."""

from __future__ import annotations

from functools import cache
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


@cache
def _template(name: str) -> str:
    return resources.files("newsledger.web").joinpath("templates", name).read_text(encoding="utf-8")


def _page(name: str) -> HTMLResponse:
    return HTMLResponse(_template(name), headers={"Cache-Control": "no-store"})


@router.get("/")
def analyse_page() -> HTMLResponse:
    return _page("analyse.html")


@router.get("/ledger")
def ledger_page() -> HTMLResponse:
    return _page("ledger.html")


@router.get("/article/{article_id}")
def article_page(article_id: str) -> HTMLResponse:
    return _page("article.html")


@router.get("/actor/{key:path}")
def actor_page(key: str) -> HTMLResponse:
    return _page("actor.html")


@router.get("/dyad")
def dyad_page() -> HTMLResponse:
    return _page("dyad.html")


@router.get("/network")
def network_page() -> HTMLResponse:
    return _page("network.html")
