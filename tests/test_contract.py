"""The JSON output is the contract in shared/contract/analysis.schema.json, and its spans point into its text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from newsledger import Article, analyze
from newsledger.cli import app


@pytest.fixture(scope="module")
def validator(shared_dir: Path) -> Draft202012Validator:
    schema = json.loads((shared_dir / "contract" / "analysis.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


@pytest.fixture(scope="module")
def example_dict(examples_dir: Path) -> dict[str, Any]:
    text = (examples_dir / "ceasefire_talks.txt").read_text(encoding="utf-8")
    article = Article(text=text, title="Geneva Ceasefire Talks Stall", published="2025-11-13", source="Example Wire")
    return analyze(article).to_dict()


def assert_valid(validator: Draft202012Validator, data: dict[str, Any]) -> None:
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


def all_spans(data: dict[str, Any]) -> list[list[int]]:
    spans: list[list[int]] = []
    for ent in data["entities"]:
        spans += ent["mentions"]
    for q in data["quotes"]:
        spans += q["content"]
        spans += [s for s in (q["cue"], q["speaker"]["mention"]) if s is not None]
    return spans


def test_example_validates_against_the_contract(validator: Draft202012Validator, example_dict: dict) -> None:
    assert_valid(validator, example_dict)
    assert example_dict["article"]["published"] == "2025-11-13"
    assert example_dict["article"]["source"] == "Example Wire"


def test_spans_point_into_the_text(example_dict: dict) -> None:
    text = example_dict["text"]
    spans = all_spans(example_dict)
    assert spans, "the example article has entities and quotes"
    for start, end in spans:
        assert 0 <= start < end <= len(text), (start, end)


def test_records_refer_to_each_other(example_dict: dict) -> None:
    entity_ids = [e["id"] for e in example_dict["entities"]]
    quote_ids = [q["id"] for q in example_dict["quotes"]]
    assert len(set(entity_ids)) == len(entity_ids)
    assert len(set(quote_ids)) == len(quote_ids)
    assert len(quote_ids) >= 5, "the example has a dozen quotes; finding under five means extraction broke"
    for q in example_dict["quotes"]:
        assert q["speaker"]["entity"] is None or q["speaker"]["entity"] in entity_ids, q
        assert q["continuation_of"] is None or q["continuation_of"] in quote_ids, q


def test_json_round_trip(examples_dir: Path) -> None:
    analysis = analyze((examples_dir / "ceasefire_talks.txt").read_text(encoding="utf-8"))
    assert json.loads(analysis.to_json()) == analysis.to_dict()
    assert json.loads(analysis.to_json(indent=None)) == analysis.to_dict()
    assert "\n" not in analysis.to_json(indent=None)


def test_cli_json_array_items_validate(validator: Draft202012Validator, examples_dir: Path, tmp_path: Path) -> None:
    text = (examples_dir / "ceasefire_talks.txt").read_text(encoding="utf-8")
    paras = [p for p in text.split("\n\n") if len(p) > 200]
    src = tmp_path / "paras.jsonl"
    src.write_text(
        "".join(json.dumps({"id": f"p{i}", "text": p}) + "\n" for i, p in enumerate(paras)), encoding="utf-8"
    )
    result = CliRunner().invoke(app, ["analyze", str(src), "--format", "json", "--published", "2025-11-13"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [d["article"]["id"] for d in data] == [f"p{i}" for i in range(len(paras))]
    for item in data:
        assert_valid(validator, item)
