"""Analysing one text from the API: checking what came in (JSON or an uploaded file) and running `analyze`.

Hardening found by the schema-driven fuzz test (tests/test_api_fuzz.py): a JSON string field holding a lone
surrogate (an escaped half of a UTF-16 pair, which no UTF-8 text can hold) is a 422, not a crash when the text is
hashed or stored; a date must be ISO 8601's extended form (YYYY-MM-DD, optionally a time), since the ledger's
database cannot compare the basic or week forms ("20250101", "2025-W01-1") that Python's parser also accepts.
"""

from __future__ import annotations

import re
import threading
from pathlib import PurePath
from typing import Any

from fastapi import APIRouter, File, Form, UploadFile
from pydantic import BaseModel, Field, field_validator
from starlette.concurrency import run_in_threadpool

from newsledger.article import Article
from newsledger.dates import is_iso_date
from newsledger.errors import InputError
from newsledger.ingest import HTML_SUFFIXES, check_text, html_article
from newsledger.ingest.html import looks_like_html
from newsledger.records import Analysis
from newsledger.web.errors import ApiError, error_responses

router = APIRouter(prefix="/api", tags=["analyse"], responses=error_responses(400, 403, 413, 415, 422))
_PARSE_LOCK = threading.Lock()  # one spaCy parse at a time: the model is shared and parsing is CPU-bound
TEXT_SUFFIXES = frozenset({".txt", ".text", ""})
_SURROGATE = re.compile("[\ud800-\udfff]")
_EXTENDED_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?")
"""ISO 8601's extended form, the one the ledger's database reads: 2025-05-20, 2025-05-20T10:00, ...:00.5+02:00."""


class AnalyzeRequest(BaseModel):
    text: str = Field(description="the article's text (UTF-8, at most 1,000,000 characters)")
    published: str | None = Field(None, description="publication date, ISO 8601 (YYYY-MM-DD)")
    title: str | None = Field(None, max_length=1000)
    source: str | None = Field(None, max_length=1000)
    url: str | None = Field(None, max_length=4000)

    @field_validator("text", "published", "title", "source", "url")
    @classmethod
    def _unicode(cls, value: str | None) -> str | None:
        """Refuse a lone surrogate (JSON's `\\ud800` escape): it is no character and cannot be written as UTF-8."""
        if value is not None:
            found = _SURROGATE.search(value)
            if found:
                raise ValueError(f"a lone surrogate (U+{ord(found.group()):04X}) at character {found.start():,} "
                                 "is not text")
        return value


def check_date(value: str | None) -> str | None:
    """An ISO 8601 date or datetime in the extended form (2025-05-20, 2025-05-20T10:00:00Z), or None; anything else
    is a 400."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not (_EXTENDED_DATE.fullmatch(value) and is_iso_date(value)):
        raise ApiError(400, f"published: {value[:40]!r} is not an ISO 8601 date (YYYY-MM-DD)")
    return value


def _input_error(err: InputError) -> ApiError:
    status = 413 if err.reason.startswith("too large") else 400
    return ApiError(status, err.reason)


def article_from_json(req: AnalyzeRequest) -> Article:
    """The pasted text as an Article; pasted HTML source is read like an uploaded `.html` page (its main text and
    metadata, the request's fields filling what the page lacks)."""
    published = check_date(req.published)
    if looks_like_html(req.text):
        defaults = {"title": req.title or None, "published": published, "source": req.source or None,
                    "url": req.url or None}
        art = html_article("text", req.text.encode("utf-8"), defaults, url=req.url or None)
        if isinstance(art, InputError):
            raise _input_error(art)
        return art
    problem = check_text("text", req.text)
    if problem:
        raise _input_error(problem)
    return Article(text=req.text, title=req.title or None, published=published, source=req.source or None,
                   url=req.url or None)


def article_from_upload(filename: str, data: bytes, published: str | None, title: str | None) -> Article:
    """A .txt file (strict UTF-8) or an .html page (its main text) as an Article."""
    published = check_date(published)
    suffix = PurePath(filename or "").suffix.lower()
    defaults = {"title": title or None, "published": published, "source": None, "url": None}
    if suffix in HTML_SUFFIXES:
        art = html_article(filename, data, defaults)
    elif suffix in TEXT_SUFFIXES:
        if not data.strip():
            raise ApiError(400, "empty (no text)")
        if b"\x00" in data:
            raise ApiError(400, "binary (contains NUL bytes)")
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            raise ApiError(400, f"invalid UTF-8 at byte {exc.start:,} (not a UTF-8 text file?)") from None
        problem = check_text(filename, text)
        art = problem or Article(text=text, title=title or None, published=published)
    else:
        raise ApiError(415, f"unsupported file type {suffix!r}: upload a .txt or .html file")
    if isinstance(art, InputError):
        raise _input_error(art)
    if published and art.published is None:
        art.published = published
    return art


def run_analysis(article: Article) -> Analysis:
    from newsledger.analyze import analyze

    with _PARSE_LOCK:
        return analyze(article)


@router.post("/analyze", summary="Analyse a text; returns the contract JSON (analysis.to_dict())")
def analyze_json(req: AnalyzeRequest) -> dict[str, Any]:
    return run_analysis(article_from_json(req)).to_dict()


@router.post("/analyze/upload", summary="Analyse an uploaded .txt or .html file; returns the contract JSON")
async def analyze_upload(file: UploadFile = File(...), published: str | None = Form(None),  # noqa: B008
                         title: str | None = Form(None)) -> dict[str, Any]:
    data = await file.read()
    article = article_from_upload(file.filename or "upload.txt", data, published, title)
    return (await run_in_threadpool(run_analysis, article)).to_dict()
