"""The JSON Schema of `Analysis.to_dict()` that ships with the package: `analysis.schema.json` beside this file.

It is the source of truth for what newsledger emits, and a superset of the shared contract
(`shared/contract/analysis.schema.json`): the same required fields and enum values, plus the attribution fields of
quotes (`act`, `form`, `nested_in`, `modality`, `statement`), `Entity.gender`, and `layout` with its furniture.
"""

from __future__ import annotations

import copy
import json
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_FILE = "analysis.schema.json"


def schema_text() -> str:
    """The schema file as shipped (UTF-8 text)."""
    return resources.files(__name__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


@cache
def _loaded() -> dict[str, Any]:
    return json.loads(schema_text())


def analysis_schema() -> dict[str, Any]:
    """The package's analysis schema as a dict (a fresh copy: changing it changes nothing here)."""
    return copy.deepcopy(_loaded())


__all__ = ["SCHEMA_FILE", "analysis_schema", "schema_text"]


def claim_kinds() -> tuple[str, ...]:
    """The kinds a claim can have, in the schema's order (its `claims.items.kind` enum)."""
    return tuple(_loaded()["properties"]["claims"]["items"]["properties"]["kind"]["enum"])
