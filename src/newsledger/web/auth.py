"""Who may write: anyone on loopback; beyond it (a token configured) only `Authorization: Bearer <token>`."""

from __future__ import annotations

import hmac
import ipaddress

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


def require_writer(request: Request) -> None:
    """A FastAPI dependency for writing endpoints: checks the bearer token when the app has one."""
    token: str | None = request.app.state.token
    if not token:
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise ApiError(401, "this endpoint needs Authorization: Bearer <token>")
