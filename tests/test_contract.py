"""The JSON output is the contract in shared/contract/analysis.schema.json and in the package's own schema
(`newsledger.schema`, a superset of the shared one), and its spans point into its text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from newsledger import Article, analyze
from newsledger.cli import app
from newsledger.records import ACTS, FORMS, QUOTE_MODALITIES
from newsledger.schema import analysis_schema

SCHEMAS = ["shared", "package"]


def shared_schema(shared_dir: Path) -> dict[str, Any]:
    return json.loads((shared_dir / "contract" / "analysis.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=SCHEMAS)
def validator(request: pytest.FixtureRequest, shared_dir: Path) -> Draft202012Validator:
    """Each test that validates runs twice: against the shared contract and against the package's schema."""
    schema = shared_schema(shared_dir) if request.param == "shared" else analysis_schema()
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
        assert q["nested_in"] is None or (q["nested_in"] in quote_ids and q["nested_in"] != q["id"]), q


def test_every_attribution_field_is_in_the_json(example_dict: dict) -> None:
    for q in example_dict["quotes"]:
        assert q["act"] in ACTS and q["form"] in FORMS and q["modality"] in QUOTE_MODALITIES, q
        assert isinstance(q["statement"], bool), q
    for e in example_dict["entities"]:
        assert e["gender"] in {"female", "male", "unknown", None}, e  # filled by entity resolution for persons
        assert e["type"] == "PERSON" or e["gender"] is None, e
    assert isinstance(example_dict["layout"]["furniture"], list)


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


# ---- the package's schema -------------------------------------------------------------------------------------
UNCHECKED = {"title", "description", "$comment"}  # words for people: ours may say more


def superset_problems(shared: Any, ours: Any, path: str = "$") -> list[str]:
    """What the shared schema has that ours lacks or changes: every property, required field, enum value and
    other keyword of the shared schema must be in ours, with the same value (ours may add, never remove)."""
    if isinstance(shared, dict):
        if not isinstance(ours, dict):
            return [f"{path}: an object in the shared schema, {type(ours).__name__} in ours"]
        problems = []
        for key, value in shared.items():
            here = f"{path}.{key}"
            if key in UNCHECKED:
                continue
            if key not in ours:
                problems.append(f"{here}: missing")
            elif key == "required":
                problems += [f"{here}: {name!r} not required" for name in value if name not in ours[key]]
            elif key == "enum":
                problems += [f"{here}: value {v!r} missing" for v in value if v not in ours[key]]
            else:
                problems += superset_problems(value, ours[key], here)
        return problems
    if isinstance(shared, list):
        if not isinstance(ours, list) or len(ours) != len(shared):
            return [f"{path}: {shared!r} in the shared schema, {ours!r} in ours"]
        pairs = enumerate(zip(shared, ours, strict=True))
        return [p for i, (a, b) in pairs for p in superset_problems(a, b, f"{path}[{i}]")]
    return [] if shared == ours else [f"{path}: {shared!r} in the shared schema, {ours!r} in ours"]


def test_package_schema_is_a_superset_of_the_shared_contract(shared_dir: Path) -> None:
    shared, ours = shared_schema(shared_dir), analysis_schema()
    assert superset_problems(shared, ours) == []
    assert ours["$id"] == shared["$id"] and ours["properties"]["schema"] == shared["properties"]["schema"]


def test_superset_check_finds_what_is_missing(shared_dir: Path) -> None:
    """The check above, on schemas that lost something: it must notice."""
    shared = shared_schema(shared_dir)
    for damage in (
        lambda s: s["properties"]["quotes"]["items"]["properties"].pop("medium"),
        lambda s: s["properties"]["quotes"]["items"]["required"].remove("speaker"),
        lambda s: s["properties"]["events"]["items"]["properties"]["type"]["enum"].remove("ASSAULT"),
        lambda s: s["properties"]["claims"]["items"]["properties"]["checkworthiness"].update(maximum=2),
    ):
        ours = analysis_schema()
        damage(ours)
        assert superset_problems(shared, ours), damage


def test_package_schema_has_the_new_fields() -> None:
    from newsledger.nlp.layout import FURNITURE_KINDS

    props = analysis_schema()["properties"]
    quote = props["quotes"]["items"]
    assert quote["properties"]["act"]["enum"] == list(ACTS)
    assert quote["properties"]["form"]["enum"] == list(FORMS)
    assert quote["properties"]["modality"]["enum"] == list(QUOTE_MODALITIES)
    assert quote["properties"]["statement"]["type"] == "boolean"
    assert {"act", "form", "nested_in", "modality", "statement"} <= set(quote["required"])
    assert set(props["entities"]["items"]["properties"]["gender"]["enum"]) == {"female", "male", "unknown", None}
    furniture = props["layout"]["properties"]["furniture"]["items"]
    assert furniture["properties"]["kind"]["enum"] == list(FURNITURE_KINDS)


def test_the_schema_ships_in_the_package(repo_root: Path) -> None:
    from importlib import resources

    assert resources.files("newsledger.schema").joinpath("analysis.schema.json").is_file()
    config = (repo_root / "pyproject.toml").read_text(encoding="utf-8")
    assert '"schema/*.json"' in config, "pyproject.toml's package-data must include the schema"


def _attributions_analysis() -> Any:
    """A hand-made analysis with a belief, a negated attribution nested in a statement, and furniture: the
    package schema must take every value of the new fields (the extractor may not produce them yet)."""
    from newsledger.nlp.layout import Furniture
    from newsledger.records import Analysis, Entity, Quote, Who

    text = "GENEVA (Wire) — Ana Ruiz said the minister does not believe the truce will hold. Ruiz thinks it will."
    ruiz = (text.index("Ana Ruiz"), text.index("Ana Ruiz") + 8)

    def at(s: str) -> tuple[int, int]:
        i = text.index(s)
        return (i, i + len(s))

    who = Who("e1", "Ana Ruiz", ruiz)
    quotes = [
        Quote("q1", "indirect", [at("the minister does not believe the truce will hold")], at("said"), who,
              act="speech", form="clause", statement=True),
        Quote("q2", "indirect", [at("the truce will hold")], at("does not believe"), Who(None, "the minister", None),
              act="thought", form="clause", nested_in="q1", modality="negated", statement=False),
        Quote("q3", "indirect", [at("it will")], at("thinks"), Who("e1", "Ana Ruiz", at("Ruiz")),
              act="thought", form="clause", statement=False),
    ]
    return Analysis(
        article=Article(text, id="hand"),
        entities=[Entity("e1", "Ana Ruiz", "PERSON", [ruiz], gender="female"),
                  Entity("e2", "Geneva", "GPE", [at("GENEVA")])],
        quotes=quotes,
        paragraphs=[(0, len(text))],
        furniture=[Furniture("dateline", 0, at("—")[1], "Geneva")],
    )


def test_hand_made_attributions_validate(validator: Draft202012Validator) -> None:
    data = _attributions_analysis().to_dict()
    assert_valid(validator, data)
    assert [q["statement"] for q in data["quotes"]] == [True, False, False]
    assert data["quotes"][1]["nested_in"] == "q1" and data["quotes"][1]["modality"] == "negated"
    assert data["layout"]["furniture"] == [{"kind": "dateline", "span": [0, 15], "place": "Geneva"}]
    assert [e["gender"] for e in data["entities"]] == ["female", None]


def test_package_schema_rejects_bad_attribution_values() -> None:
    validator = Draft202012Validator(analysis_schema())
    data = _attributions_analysis().to_dict()
    for field, bad in (("act", "belief"), ("form", "sentence"), ("modality", "future"), ("statement", "yes")):
        broken = json.loads(json.dumps(data))
        broken["quotes"][1][field] = bad
        assert list(validator.iter_errors(broken)), (field, bad)
    missing = json.loads(json.dumps(data))
    del missing["quotes"][0]["statement"]
    assert list(validator.iter_errors(missing))
