"""Every error the API returns is JSON `{"error": "..."}` with a 4xx status; unexpected ones a bare 500.

`ERROR_RESPONSES` declares that shape in the OpenAPI schema for the statuses the API uses (FastAPI's default 422
body, `{"detail": [...]}`, is not what this app sends), so a client or a fuzzer reading /openapi.json knows them.
"""

from __future__ import annotations

import logging
import os
import traceback

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.web.pages import templates

log = logging.getLogger("newsledger.web")


class ApiError(Exception):
    """A user-facing error: a status and a one-line reason."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = " ".join(str(message).split())


class ErrorBody(BaseModel):
    """The body of every error response."""

    error: str


def error_responses(*statuses: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI `responses` for these statuses, each with the `{"error": "..."}` body."""
    return {status: {"model": ErrorBody, "description": ERROR_MEANINGS[status]} for status in statuses}


ERROR_MEANINGS = {
    400: "bad input (an unreadable date, an empty or binary text, an unknown flag or act)",
    401: "a token is configured and the request did not bring it",
    403: "a writing request from another site (its Origin or Sec-Fetch-Site header says so)",
    404: "no such record, or no ledger yet",
    409: "the ledger cannot be written (read-only)",
    413: "the request body or the text is too large",
    415: "an upload of an unsupported file type",
    422: "the request does not match the schema",
    503: "no ledger configured, or another process holds it",
}


def error_response(status: int, message: str, **extra: object) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status)


def install_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404 and not request.url.path.startswith("/api/") \
                and "text/html" in request.headers.get("accept", ""):
            # a browser's page, not JSON, from the shared templates (nothing of the request is written into it)
            return templates.TemplateResponse(request, "not_found.html", status_code=404)
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        return JSONResponse({"error": message}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        problems = []
        for err in exc.errors():
            where = ".".join(str(p) for p in err.get("loc", ()) if p != "body")
            # pydantic prefixes a validator's own message with "Value error, ": the reader needs only the message
            msg = str(err.get("msg", "invalid")).removeprefix("Value error, ")
            problems.append(f"{where}: {msg}" if where else msg)
        return error_response(422, "invalid request: " + "; ".join(problems))

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        if os.environ.get("NEWSLEDGER_DEBUG"):
            traceback.print_exception(exc)
        else:
            log.error("internal error: %s", type(exc).__name__)
        return error_response(500, "internal error")
