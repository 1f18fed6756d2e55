"""Schema-driven fuzzing of the HTTP API (Schemathesis over /openapi.json, in process), and the 500s it found.

Every operation in the app's OpenAPI schema gets requests generated from its schema, valid ones (positive) and
invalid ones (negative), against a small hand-made ledger. No answer may be a 5xx, and each must be one the
schema documents: its status, its content type and its body (`{"error": ...}` for every error). Not checked: that
schema-valid input is always accepted, since some rules (an ISO date, a known flag) are checked by the endpoint and
answered with a documented 400. Bounded and reproducible: a fixed number of examples per operation, derandomized,
no example database; the analysing endpoints (spaCy) get few examples.

Below, one regression test for each kind of 500 the fuzzing found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

import test_web
from newsledger.web.app import create_app

attributions_db = test_web.attributions_db  # the fuzzed ledger: test_web's fixture, shared

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
EXAMPLES = {GenerationMode.POSITIVE: 25, GenerationMode.NEGATIVE: 15}
SLOW_EXAMPLES = 4
"""Examples per operation for the ones that run an analysis (spaCy): a parse takes a while."""
TEXT = ("Tomas Vey, the port authority's director, told reporters on Friday: “The cranes are running and the harbour "
        "will reopen next week.”")


def _operations() -> list[tuple[str, str]]:
    paths = TestClient(create_app(None)).get("/openapi.json").json()["paths"]
    return sorted((path, method.upper()) for path, methods in paths.items() for method in methods)


OPERATIONS = _operations()


@pytest.fixture(scope="module")
def api_schema(attributions_db: Path) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", create_app(attributions_db, None))


@pytest.fixture(scope="module")
def client(attributions_db: Path) -> TestClient:
    return TestClient(create_app(attributions_db, None), raise_server_exceptions=False)


def test_every_api_operation_is_fuzzed() -> None:
    assert len(OPERATIONS) >= 11 and all(path.startswith("/api/") for path, _ in OPERATIONS), OPERATIONS


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
@pytest.mark.parametrize(("path", "method"), OPERATIONS)
def test_fuzz_api(api_schema: schemathesis.BaseSchema, path: str, method: str, mode: GenerationMode) -> None:
    operation = api_schema[path][method]
    if mode is GenerationMode.NEGATIVE and not operation.query and not operation.body:
        pytest.skip("only a path parameter: every string is a valid one, so there is no invalid request to make")
    examples = SLOW_EXAMPLES if "analyze" in path else EXAMPLES[mode]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=examples, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        case.call_and_validate(checks=CHECKS)

    run()


# ---- the 500s found, one test each --------------------------------------------------------------------------
@pytest.mark.parametrize("endpoint", ["/api/analyze", "/api/ledger/analyze"])
@pytest.mark.parametrize("field", ["text", "title", "published", "source", "url"])
def test_a_lone_surrogate_is_a_422(client: TestClient, endpoint: str, field: str) -> None:
    """JSON may escape half a UTF-16 pair (\\udc80); no UTF-8 text can hold it, so hashing it once crashed."""
    fields = {"text": TEXT, field: (TEXT if field == "text" else "x") + "\\udc80"}
    body = "{" + ", ".join(f'"{k}": "{v}"' for k, v in fields.items()) + "}"
    r = client.post(endpoint, content=body.encode(), headers={"Content-Type": "application/json"})
    assert r.status_code == 422, r.text
    assert set(r.json()) == {"error"} and field in r.json()["error"]


@pytest.mark.parametrize("since", ["20250101", "2025-W23", "2025-W23-5", "20250606T1000", "2025-06-06T10"])
@pytest.mark.parametrize("endpoint", ["/api/quotes", "/api/events"])
def test_compact_and_week_dates_are_a_400(client: TestClient, endpoint: str, since: str) -> None:
    """ISO 8601's basic and week forms pass Python's parser but not the database's date cast (once a 500)."""
    r = client.get(endpoint, params={"since": since})
    assert r.status_code == 400, r.text
    assert "ISO 8601" in r.json()["error"]
    r = client.post("/api/analyze", json={"text": TEXT, "published": since})
    assert r.status_code == 400, r.text


@pytest.mark.parametrize("since", ["2025-06-01", "2025-06-01T08:30", "2025-06-01 08:30:00", "2025-06-01T08:30:00Z",
                                   "2025-06-01T08:30:00.25+02:00"])
def test_extended_dates_still_work(client: TestClient, since: str) -> None:
    for endpoint in ("/api/quotes", "/api/events"):
        r = client.get(endpoint, params={"since": since, "all": 1})
        assert r.status_code == 200, r.text
    assert client.get("/api/quotes", params={"since": since, "all": 1}).json()["count"] == 5


def test_openapi_documents_the_error_shape(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["components"]["schemas"]["ErrorBody"]["required"] == ["error"]
    for path, methods in spec["paths"].items():
        for method, op in methods.items():
            for status in ("400", "422"):
                ref = op["responses"][status]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorBody"), (path, method, status)
            if method == "post":
                assert "403" in op["responses"], path


def test_a_validators_message_reads_plainly(client: TestClient) -> None:
    response = client.post("/api/analyze", content='{"text": "\\ud800 abc"}',
                           headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert "Value error" not in response.json()["error"]
