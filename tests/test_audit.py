"""`newsledger eval audit`: each check on hand-built analyses, and the command on two invented articles."""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from typer.testing import CliRunner

from newsledger.article import Article
from newsledger.cli import app
from newsledger.eval.audit import (
    CHECKS,
    AuditContext,
    Check,
    Finding,
    Tally,
    agent_reason,
    check_content_crosses_speaker,
    check_nested_statement,
    check_phrase_statement,
    check_pronoun_gender,
    check_speaker_in_furniture,
    check_speaker_not_agent,
    furniture_spans,
    register,
    run_checks,
)
from newsledger.records import Analysis, Entity, Event, Quote, Who


# ---- building analyses by hand --------------------------------------------------------------------------------------
def span_of(text: str, words: str, nth: int = 0) -> tuple[int, int]:
    """[start, end) of the nth occurrence of `words` in `text`."""
    starts = [m.start() for m in re.finditer(re.escape(words), text)]
    return (starts[nth], starts[nth] + len(words))


def paragraphs_of(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]


def quote(qid: str, text: str, content: str, cue: str | None, mention: str | None, entity: str | None = None,
          **fields: Any) -> Quote:
    return Quote(
        id=qid,
        kind="indirect",
        content=[span_of(text, content)],
        cue=span_of(text, cue) if cue else None,
        speaker=Who(entity=entity, name=mention, mention=span_of(text, mention) if mention else None),
        **fields,
    )


def analysis(text: str, quotes: list[Quote], entities: list[Entity] | None = None,
             events: list[Event] | None = None, headings: list[tuple[int, int]] | None = None) -> Analysis:
    return Analysis(article=Article(text=text, id="a1"), entities=entities or [], quotes=quotes,
                    events=events or [], paragraphs=paragraphs_of(text), headings=headings or [])


def ctx(layout: Any = None) -> AuditContext:
    return AuditContext(article="a1.txt", layout=layout)


# ---- pronoun_gender --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("pronoun", "gender", "flagged"),
    [("She", "male", True), ("she", "female", False), ("she", "unknown", False), ("she", None, False),
     ("He", "female", True), ("he", "male", False), ("him", "female", True), ("herself", "male", True)],
)
def test_pronoun_gender(pronoun: str, gender: str | None, flagged: bool) -> None:
    text = f"Marek Kowalski arrived late. {pronoun} said the talks would resume."
    ent = Entity(id="e1", name="Marek Kowalski", type="PERSON", mentions=[(0, 14)], gender=gender)
    q = quote("q1", text, "the talks would resume", "said", pronoun, "e1")
    found = check_pronoun_gender(analysis(text, [q], [ent]), ctx())
    assert bool(found) is flagged
    if flagged:
        f = found[0]
        assert (f.check, f.article, f.record, f.mention, f.entity) == ("pronoun_gender", "a1.txt", "q1", pronoun,
                                                                        "Marek Kowalski")
        assert gender in f.why and "said the talks" in f.excerpt


def test_pronoun_gender_treats_a_missing_gender_field_as_unknown() -> None:
    text = "She said no."
    ent = SimpleNamespace(id="e1", name="Old Record", type="PERSON")  # an entity from before `gender` existed
    a = analysis(text, [quote("q1", text, "no", "said", "She", "e1")])
    a.entities = [ent]  # type: ignore[list-item]
    assert check_pronoun_gender(a, ctx()) == []


# ---- speaker_not_agent ---------------------------------------------------------------------------------------------
NOT_AGENTS = [
    ("The absence of a deal said much about the talks.", "The absence of a deal"),
    ("But the war said otherwise, the minister added.", "the war"),
    ("The full-scale invasion showed that the plan had failed.", "The full-scale invasion"),
    ("Analysts agree that the problem says a lot.", "the problem"),
    ("Turnout suggested that voters were tired.", "Turnout"),
    ("In the end a decision said the vote was void.", "a decision"),
]
AGENTS = [
    ("The spokesperson said the talks would resume.", "The spokesperson"),
    ("Officials said the talks would resume.", "Officials"),
    ("A statement from the ministry said the talks would resume.", "A statement from the ministry"),
    ("On Monday, one of the negotiators said the talks would resume.", "one of the negotiators"),
    ("In the poll, 47 percent said the talks would fail.", "47 percent"),
    ("The Tallinn-based group said the talks would resume.", "The Tallinn-based group"),
    ("Later the ad's narrator says the talks will resume.", "the ad's narrator"),
    ("Environmentalists said the talks would fail.", "Environmentalists"),
    ("A letter from Kowalski says the talks would resume.", "A letter from Kowalski"),
]


@pytest.mark.parametrize(("text", "mention"), NOT_AGENTS)
def test_abstract_event_and_quantity_heads_are_not_agents(text: str, mention: str) -> None:
    ok, why = agent_reason(analysis(text, []), Who(None, mention, span_of(text, mention)))
    assert not ok, why
    assert "head" in why and "no agent lexicon" in why


@pytest.mark.parametrize(("text", "mention"), AGENTS)
def test_people_groups_bodies_and_documents_are_agents(text: str, mention: str) -> None:
    ok, why = agent_reason(analysis(text, []), Who(None, mention, span_of(text, mention)))
    assert ok, why


def test_names_pronouns_and_entity_types_are_agents() -> None:
    text = "On Monday Kowalski said so. Later he added that NATO agreed. It said the same. It said no more."
    org = Entity(id="e2", name="NATO", type="ORG")
    other = Entity(id="e3", name="war", type="OTHER")
    a = analysis(text, [], [org, other])
    assert agent_reason(a, Who(None, "Kowalski", span_of(text, "Kowalski")))[0]  # a capitalised name
    assert agent_reason(a, Who(None, "he", span_of(text, "he")))[0]
    assert agent_reason(a, Who("e2", "NATO", span_of(text, "It", 0)))[0]  # "it" for an organisation
    ok, why = agent_reason(a, Who("e3", "war", span_of(text, "It", 1)))
    assert not ok and "'it'" in why
    ok, why = agent_reason(a, Who(None, None, span_of(text, "It", 1)))
    assert not ok


def test_a_plural_group_entity_needs_an_agent_noun() -> None:
    """The resolver makes every plural a GROUP: "the talks said" is no agent for all its GROUP type."""
    text = "Meanwhile the talks said little."
    ent = Entity(id="e1", name="talks", type="GROUP")
    assert not agent_reason(analysis(text, [], [ent]), Who("e1", "talks", span_of(text, "the talks")))[0]


def test_relative_pronoun_is_judged_by_its_entity() -> None:
    text = "He released a letter that says he is healthy, and gave reasons, which show little."
    letter, reasons = Entity(id="e1", name="letter", type="OTHER"), Entity(id="e2", name="many reasons", type="GROUP")
    a = analysis(text, [], [letter, reasons])
    assert agent_reason(a, Who("e1", "letter", span_of(text, "that")))[0]
    ok, why = agent_reason(a, Who("e2", "many reasons", span_of(text, "which")))
    assert not ok and "many reasons" in why


def test_speaker_not_agent_check_on_quotes() -> None:
    text = "The absence of a deal said much. Officials said the talks would resume."
    q1 = quote("q1", text, "much", "said", "The absence of a deal")
    q2 = quote("q2", text, "the talks would resume", "said", "Officials")
    q2.cue = span_of(text, "said", 1)
    found = check_speaker_not_agent(analysis(text, [q1, q2]), ctx())
    assert [f.record for f in found] == ["q1"]
    assert found[0].mention == "The absence of a deal" and "absence" in found[0].why


def test_speaker_not_agent_with_the_parse() -> None:
    from newsledger.nlp.pipeline import load_nlp

    text = ("The problem, officials said, is money. Turnout said more. Sanders said the vote was rigged, and "
            "Al From agreed with Sanders. From said the party had lost its way.")
    doc = load_nlp()(text)
    a = analysis(text, [])
    for mention, agent in (("The problem", False), ("officials", True), ("Turnout", False), ("Sanders", True),
                           ("From", True)):
        nth = 1 if mention == "From" else 0  # the sentence-initial one: named mid-sentence before
        ok, why = agent_reason(a, Who(None, mention, span_of(text, mention, nth)), doc)
        assert ok is agent, (mention, why)


# ---- speaker_in_furniture ------------------------------------------------------------------------------------------
def test_speaker_inside_layout_furniture() -> None:
    text = "By Anna Tamm\nThe minister said the talks would resume.\nPhoto: Reuters said nothing."
    layout = SimpleNamespace(furniture=[SimpleNamespace(kind="byline", start=0, end=12),
                                        SimpleNamespace(kind="credit", start=text.index("Photo"), end=len(text))])
    q1 = quote("q1", text, "the talks would resume", "said", "Anna Tamm")
    q2 = quote("q2", text, "the talks would resume", "said", "The minister")
    found = check_speaker_in_furniture(analysis(text, [q1, q2]), ctx(layout))
    assert [f.record for f in found] == ["q1"]
    assert "byline" in found[0].why


def test_caps_dateline_missed_by_the_layout() -> None:
    text = "TALLINN, Estonia — Estonia's prime minister said on Monday that the border would stay closed."
    q = quote("q1", text, "the border would stay closed", "said", "TALLINN")
    event = Event(id="v1", type="RESTRICT", trigger=span_of(text, "closed"),
                  source=Who(None, "TALLINN", span_of(text, "TALLINN")), target=None)
    a = analysis(text, [q], events=[event])
    assert [kind for kind, _ in furniture_spans(a, None)] == ["caps dateline"]
    found = check_speaker_in_furniture(a, ctx(SimpleNamespace(furniture=[])))
    assert [f.record for f in found] == ["q1", "v1"]
    assert "TALLINN" in found[0].why and "source" in found[1].why


def test_caps_organisation_opening_is_not_a_dateline() -> None:
    text = "NATO, the alliance, said on Monday that it would send more troops."
    assert furniture_spans(analysis(text, []), None) == []


# ---- nested_statement ----------------------------------------------------------------------------------------------
def test_nested_statement() -> None:
    text = "Kowalski said that Tamm told him the deal was dead."
    outer = quote("q1", text, "Tamm told him the deal was dead", "said", "Kowalski", "e1")
    inner = quote("q2", text, "the deal was dead", "told", "Tamm", "e2")
    found = check_nested_statement(analysis(text, [outer, inner]), ctx())
    assert [f.record for f in found] == ["q2"]
    assert "q1" in found[0].why and "nested_in is None" in found[0].why
    inner.statement = False
    assert check_nested_statement(analysis(text, [outer, inner]), ctx()) == []


# ---- content_crosses_speaker ---------------------------------------------------------------------------------------
def test_content_crossing_into_another_speakers_paragraph() -> None:
    text = "Kowalski said the deal was dead\nand Tamm said it was alive."
    q1 = quote("q1", text, "the deal was dead\nand Tamm said it was alive", "said", "Kowalski", "e1")
    q2 = quote("q2", text, "it was alive", "said", "Tamm", "e2")
    q2.cue = span_of(text, "said", 1)
    found = check_content_crosses_speaker(analysis(text, [q1, q2]), ctx())
    assert [f.record for f in found] == ["q1"]
    assert "paragraph 2" in found[0].why and "q2" in found[0].why
    q2.speaker = Who("e1", "Kowalski", q2.speaker.mention)  # the same speaker goes on: no finding
    assert check_content_crosses_speaker(analysis(text, [q1, q2]), ctx()) == []


def test_multi_paragraph_quote_of_one_speaker_is_fine() -> None:
    text = "“The deal is dead,” Kowalski said.\n“And nobody will revive it.”"
    q1 = Quote(id="q1", kind="direct", content=[span_of(text, "The deal is dead,"),
                                                 span_of(text, "And nobody will revive it.")],
               cue=span_of(text, "said"), speaker=Who("e1", "Kowalski", span_of(text, "Kowalski")))
    assert check_content_crosses_speaker(analysis(text, [q1]), ctx()) == []


# ---- quote_content_is_phrase_statement -----------------------------------------------------------------------------
def test_phrase_statement() -> None:
    text = "Kowalski announced a new round of talks."
    q = quote("q1", text, "a new round of talks", "announced", "Kowalski", form="phrase")
    assert [f.record for f in check_phrase_statement(analysis(text, [q]), ctx())] == ["q1"]
    q.statement = False
    assert check_phrase_statement(analysis(text, [q]), ctx()) == []


# ---- running and counting ------------------------------------------------------------------------------------------
def test_registered_checks_and_a_failing_check_is_a_problem_not_a_crash() -> None:
    names = [c.name for c in CHECKS]
    assert names[:6] == ["pronoun_gender", "speaker_not_agent", "speaker_in_furniture", "nested_statement",
                         "content_crosses_speaker", "quote_content_is_phrase_statement"]

    def broken(_a: Analysis, _c: AuditContext) -> list[Finding]:
        raise KeyError("gender")

    text = "The war said much."
    a = analysis(text, [quote("q1", text, "much", "said", "The war")])
    findings, problems = run_checks(a, ctx(), [Check("broken", "raises", broken), *CHECKS])
    assert [f.check for f in findings] == ["speaker_not_agent"]
    assert problems and "broken" in problems[0] and "KeyError" in problems[0]


def test_register_replaces_by_name() -> None:
    before = list(CHECKS)
    try:
        register("speaker_not_agent", "replaced")(lambda _a, _c: [])
        assert [c.name for c in CHECKS].count("speaker_not_agent") == 1
        assert CHECKS[-1].about == "replaced"
    finally:
        CHECKS[:] = before


def test_tally_shares() -> None:
    text = "The war said much. Officials said little."
    q1 = quote("q1", text, "much", "said", "The war")
    q2 = quote("q2", text, "little", "said", "Officials")
    tally = Tally(examples=1)
    a = analysis(text, [q1, q2])
    tally.add(a, run_checks(a, ctx())[0])
    tally.add(analysis("Nothing here.", []), [])
    report = tally.report()
    row = next(r for r in report["checks"] if r["check"] == "speaker_not_agent")
    assert (row["findings"], row["quotes"], row["quote_share"], row["articles"], row["article_share"]) == \
        (1, 1, 0.5, 1, 0.5)
    assert report["total"]["quotes"] == 1 and report["articles"] == 2 and report["quotes"] == 2
    assert report["examples"]["speaker_not_agent"][0]["mention"] == "The war"


# ---- the command ---------------------------------------------------------------------------------------------------
ARTICLES = {
    "one.txt": "TALLINN, Estonia — Estonia's prime minister, Kristen Michal, said on Monday that the border with "
               "Russia would stay closed until the end of the year.\n"
               "“We will not take risks with the security of our people,” Michal told reporters in Tallinn.\n"
               "The absence of a deal said much about the mood in the capital, analysts said.\n",
    "two.txt": "The foreign minister said on Thursday that the talks would resume next week, and he told reporters "
               "that both delegations had agreed to a monitoring mission.\n"
               "“We are not there yet,” said Anna Tamm, a spokeswoman for the ministry.\n",
}


@pytest.fixture()
def article_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_cli_audit_table_json_and_out(article_dir: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "audit", str(article_dir), "--examples", "2"])
    assert result.exit_code == 0, result.output
    for name in ("speaker_not_agent", "speaker_in_furniture", "nested_statement", "any check", "% of quotes"):
        assert name in result.stdout
    assert "Traceback" not in result.output

    out = tmp_path / "findings.jsonl"
    result = runner.invoke(app, ["eval", "audit", str(article_dir), "--format", "json", "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["articles"] + len(report["errors"]) == 2
    assert {r["check"] for r in report["checks"]} >= {"pronoun_gender", "content_crosses_speaker"}
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == report["total"]["findings"]
    assert all({"check", "article", "record", "excerpt", "why"} <= set(line) for line in lines)


def test_cli_audit_bad_dir_exits_2(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["eval", "audit", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "no such directory" in result.output and "Traceback" not in result.output
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["eval", "audit", str(empty)])
    assert result.exit_code == 2
    assert "no articles" in result.output


# ---- the judge's sample (scripts/sample_statements.py) -------------------------------------------------------------
def load_sampler(repo_root: Path) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location("sample_statements", repo_root / "scripts" / "sample_statements.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_is_reproducible_and_marks_the_record(repo_root: Path) -> None:
    sampler = load_sampler(repo_root)
    population = [{"article": f"a{i}", "quote": "q1"} for i in range(50)]
    first, again = sampler.draw(population, 10, seed=10), sampler.draw(population, 10, seed=10)
    assert first == again and [x["number"] for x in first] == list(range(1, 11))
    assert sampler.draw(population, 10, seed=11) != first
    assert len(sampler.draw(population, 500, seed=10)) == 50

    text = "Kowalski said the talks would resume."
    shown = sampler.marked(text, 0, len(text), [("content", span_of(text, "the talks would resume")),
                                                ("cue", span_of(text, "said")), ("mention", span_of(text, "Kowalski"))])
    assert shown == "⟨Kowalski⟩ ‹said› ⟦the talks would resume⟧."
    q = quote("q1", text, "the talks would resume", "said", "Kowalski", "e1")
    a = analysis(text, [q], [Entity(id="e1", name="Marek Kowalski", type="PERSON", role="foreign minister")])
    item = {"number": 1, **sampler.record(a, q)}
    sheet = sampler.markdown([item], "test", 10, 1)
    assert "## 1. a1 (q1)" in sheet and "verdict:" in sheet and "role: foreign minister" in sheet
    assert "**Marek Kowalski** — mention “Kowalski”" in sheet and "confidence" not in sheet
