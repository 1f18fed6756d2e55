"""Who may write: anyone on loopback; beyond it (a token configured) only `Authorization: Bearer <token>`.

And, token or not, only from this app's own pages or from a client that is no browser page (`cross_site_reason`,
applied to every writing request by `middleware.SameOrigin`): without it, on loopback with no token, any web page
the user visits could POST to 127.0.0.1 and store what it likes in the ledger. A writing request (any method but
GET, HEAD and OPTIONS) is refused with a 403 when its `Sec-Fetch-Site` header is present and not `same-origin` (or
`none`, a request the user made by hand), or when its `Origin` header is present and is not the request's own
scheme and host. Requests with neither header (curl, scripts, the CLI's clients) pass: browsers send at least one of
them on every cross-origin POST, so only a non-browser client can leave both out. Behind a TLS-terminating proxy, run
uvicorn with --proxy-headers so the request's scheme is the one the browser used.
"""

from __future__ import annotations

import hmac
import ipaddress
from urllib.parse import urlsplit

from fastapi import Request

from newsledger.web.errors import ApiError


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1: the hosts a server may bind without a token."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that never write; every other one is checked by `cross_site_reason`."""
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _origin_key(scheme: str, host: str) -> tuple[str, str, int | None] | None:
    """(scheme, host, port) of `scheme://host`, the default port filled in; None when unreadable."""
    try:
        parts = urlsplit(f"{scheme.lower()}://{host}")
        port = parts.port
    except ValueError:
        return None
    if not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port or _DEFAULT_PORTS.get(parts.scheme)


def cross_site_reason(method: str, scheme: str, host: str | None, origin: str | None,
                      fetch_site: str | None) -> str | None:
    """Why a request must be refused as coming from another site, or None when it may go on.

    `scheme` and `host` are the request's own (its URL scheme and `Host` header); `origin` and `fetch_site` its
    `Origin` and `Sec-Fetch-Site` headers, None when absent. Reading requests always pass.
    """
    if method.upper() in SAFE_METHODS:
        return None
    if fetch_site is not None and fetch_site.strip().lower() not in ("same-origin", "none"):
        return f"a writing request from another site (Sec-Fetch-Site: {fetch_site.strip()[:40]}) is refused"
    if origin is not None:
        given = urlsplit(origin.strip()) if "://" in origin else None
        own = _origin_key(scheme, host) if host else None
        theirs = _origin_key(given.scheme, given.netloc) if given else None
        if own is None or theirs is None or own != theirs:
            return "a writing request from another origin is refused (its Origin is not this server)"
    return None


def require_writer(request: Request) -> None:
    """A FastAPI dependency for writing endpoints: checks the bearer token when the app has one."""
    token: str | None = request.app.state.token
    if not token:
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "this endpoint needs Authorization: Bearer <token>")
