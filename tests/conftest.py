"""Fixtures every test module may use: where the repository, its examples and the shared data are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's root (the folder holding pyproject.toml)."""
    return REPO


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return REPO / "examples"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The project's shared folder (contract, fixtures, datasets): $NEWSLEDGER_SHARED, else `<repo>/../shared`.

    Missing is a failure, not a skip: CI always has it beside the clone, and a skip would hide the contract test.
    """
    env = os.environ.get("NEWSLEDGER_SHARED")
    path = Path(env) if env else REPO.parent / "shared"
    if not (path / "contract" / "analysis.schema.json").is_file():
        pytest.fail(f"shared folder not found at {path} (set NEWSLEDGER_SHARED to its location)")
    return path


@pytest.fixture(scope="session")
def ledger_of(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A function `(text, name) -> Path`: a new DuckDB ledger holding `text` as one article published 2026-03-02
    (stored as `<name>.txt`)."""
    from newsledger.analyze import analyze
    from newsledger.store.ledger import Ledger

    def make(text: str, name: str) -> Path:
        db = tmp_path_factory.mktemp(name) / "ledger.duckdb"
        with Ledger(db) as ledger:
            ledger.add_analyses([(analyze(text, published="2026-03-02"), f"{name}.txt")])
        return db

    return make
