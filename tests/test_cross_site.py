"""Writing endpoints refuse other sites: a page elsewhere must not be able to POST into a loopback server's ledger.

Every writing route of the app is found by listing its routes, and each gets the same five requests: a foreign
Origin and `Sec-Fetch-Site: cross-site` are refused (403, the JSON error shape); the app's own origin,
`Sec-Fetch-Site: same-origin` and no header at all (curl, scripts) go on to the endpoint, which here answers 422 to
the empty body: proof the request got past the check without running an analysis.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from newsledger.web.app import create_app
from newsledger.web.auth import SAFE_METHODS, cross_site_reason
from test_web import NO_BROWSER, _page, _uvicorn

OWN_ORIGIN = "http://testserver"  # TestClient's base URL: the Host header every request below carries
TOKEN = "cross-site-token"


def _writing_routes() -> list[tuple[str, str]]:
    """(method, path) of every route, the included routers' too, that takes a method other than GET/HEAD/OPTIONS."""
    found = sorted((method, route.path) for route in iter_route_contexts(create_app(None).routes)
                   for method in route.methods or () if method not in SAFE_METHODS)
    assert found, "the app has writing endpoints"
    return found


WRITING = _writing_routes()


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(tmp_path_factory.mktemp("cross") / "ledger.duckdb", None))


def _send(client: TestClient, method: str, path: str, headers: dict[str, str]):  # type: ignore[no-untyped-def]
    return client.request(method, path, json={}, headers=headers)


def _refused(response) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == 403, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"} and body["error"]
    return body["error"]


def test_the_writing_endpoints_are_the_three_posts() -> None:
    assert WRITING == [("POST", "/api/analyze"), ("POST", "/api/analyze/upload"), ("POST", "/api/ledger/analyze")]


@pytest.mark.parametrize(("method", "path"), WRITING)
@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "http://testserver.evil.example"},
    {"Origin": "null"},  # a sandboxed frame or a file:// page
    {"Origin": "https://testserver"},  # same host, another scheme
    {"Origin": "http://testserver:8080"},  # same host, another port
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},  # another port of the same host is a same-site page, not this app
    {"Sec-Fetch-Site": "cross-site", "Origin": OWN_ORIGIN},
], ids=["foreign-origin", "lookalike-origin", "null-origin", "other-scheme", "other-port", "fetch-cross-site",
        "fetch-same-site", "fetch-cross-site-own-origin"])
def test_cross_site_writes_are_refused(client: TestClient, method: str, path: str, headers: dict[str, str]) -> None:
    assert "another" in _refused(_send(client, method, path, headers))


@pytest.mark.parametrize(("method", "path"), WRITING)
@pytest.mark.parametrize("headers", [
    {},  # curl, a script, the CLI: no browser headers at all
    {"Origin": OWN_ORIGIN},
    {"Origin": "HTTP://TestServer:80"},  # the same origin, spelt otherwise
    {"Sec-Fetch-Site": "same-origin"},
    {"Sec-Fetch-Site": "same-origin", "Origin": OWN_ORIGIN},
    {"Sec-Fetch-Site": "none"},  # the user's own action (a typed address)
], ids=["no-headers", "own-origin", "own-origin-spelt-otherwise", "fetch-same-origin", "fetch-same-origin-and-origin",
        "fetch-none"])
def test_same_origin_and_headerless_writes_go_on(client: TestClient, method: str, path: str,
                                                 headers: dict[str, str]) -> None:
    r = _send(client, method, path, headers)
    assert r.status_code == 422, r.text  # the endpoint itself answered (the empty body is invalid)


def test_reading_is_never_refused(client: TestClient) -> None:
    for headers in ({"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        assert client.get("/api/quotes", headers=headers).status_code != 403
        assert client.get("/openapi.json", headers=headers).status_code == 200


def test_the_check_holds_with_a_token_too(tmp_path: Path) -> None:
    client = TestClient(create_app(tmp_path / "t.duckdb", TOKEN))
    auth = {"Authorization": f"Bearer {TOKEN}"}
    _refused(client.post("/api/ledger/analyze", json={}, headers={**auth, "Origin": "https://evil.example"}))
    _refused(client.post("/api/ledger/analyze", json={}, headers={**auth, "Sec-Fetch-Site": "cross-site"}))
    assert client.post("/api/ledger/analyze", json={}, headers={"Origin": OWN_ORIGIN}).status_code == 401
    assert client.post("/api/ledger/analyze", json={}, headers={**auth, "Origin": OWN_ORIGIN}).status_code == 422


def test_a_refused_request_is_not_read() -> None:
    """The check comes before the body limit: a cross-site POST is refused, not measured."""
    client = TestClient(create_app(None, None, max_body=10))
    r = client.post("/api/analyze", content=b"x" * 100, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403
    assert "content-security-policy" in r.headers


@pytest.mark.parametrize(("scheme", "host", "origin", "fetch_site", "refused"), [
    ("http", "127.0.0.1:8765", "http://127.0.0.1:8765", None, False),
    ("http", "127.0.0.1:8765", "http://localhost:8765", None, True),
    ("http", "[::1]:8765", "http://[::1]:8765", None, False),
    ("http", "[::1]:8765", "http://[::2]:8765", None, True),
    ("https", "news.example", "https://news.example:443", None, False),
    ("http", "news.example:80", "http://news.example", None, False),
    ("http", "news.example", "https://news.example", None, True),
    ("http", None, "http://news.example", None, True),  # no Host to compare with
    ("http", "news.example:notaport", "http://news.example", None, True),
    ("http", "news.example", "http://news.example:99999", None, True),
    ("http", "news.example", "", None, True),
    ("http", "news.example", None, "Same-Origin", False),
    ("http", "news.example", None, "cross-site", True),
    ("http", "news.example", None, "something-new", True),
    ("http", "news.example", None, None, False),
])
def test_cross_site_reason(scheme: str, host: str | None, origin: str | None, fetch_site: str | None,
                           refused: bool) -> None:
    assert (cross_site_reason("POST", scheme, host, origin, fetch_site) is not None) is refused
    for method in ("GET", "HEAD", "OPTIONS"):
        assert cross_site_reason(method, scheme, host, origin, fetch_site) is None


@pytest.mark.skipif(NO_BROWSER, reason="/usr/bin/chromium is missing (apt-get install chromium)")
def test_browser_own_page_may_post_another_site_may_not(tmp_path: Path) -> None:
    """Real Chromium headers: the app's page posts to its own API; a page of another site (served by Playwright
    itself, nothing fetched) submitting a form to the same API gets the 403."""
    evil = "http://other-site.test/"
    form = ("<!doctype html><form method=post><input name=text value='The minister said the talks would resume.'>"
            "</form>")
    with _uvicorn(tmp_path / "ledger.duckdb") as url, _page() as page:
        page.goto(url + "/")
        status = page.evaluate("""async () => (await fetch('/api/ledger/analyze', {method: 'POST',
            headers: {'Content-Type': 'application/json'}, body: '{}'})).status""")
        assert status == 422  # past the check: the endpoint refused the empty body
        page.route(evil, lambda route: route.fulfill(status=200, content_type="text/html", body=form))
        page.goto(evil)
        with page.expect_response(url + "/api/analyze") as answer:
            page.evaluate("target => { const f = document.forms[0]; f.action = target; f.submit(); }",
                          url + "/api/analyze")
        assert answer.value.status == 403
        assert "another" in answer.value.json()["error"]
