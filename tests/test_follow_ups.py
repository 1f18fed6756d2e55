"""Claims followed across articles: promises and predictions kept, broken or left open in later articles, with
history, earlier reports, the other side's acts and reports past the horizon never counted."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from follow_up_articles import ARTICLES, EXPECTED
from newsledger.analyze import analyze_many
from newsledger.article import Article
from newsledger.corpus.events import EventRow
from newsledger.corpus.follow_ups import ClaimRow, InsideEvent, LaterEvent, follow_up_block, horizon, told_as_news
from newsledger.records import Analysis
from newsledger.store.corpus import rebuild_corpus, update_corpus
from newsledger.store.ledger import Ledger


@pytest.fixture(scope="module")
def analyses() -> list[Analysis]:
    return list(analyze_many([Article(text=a.text, published=a.published, title=a.id) for a in ARTICLES]))


def _links(db: Path, names: dict[str, str]) -> set[tuple[str, str, str]]:
    with Ledger(db, read_only=True) as ledger:
        rows = ledger.query("SELECT claim_article, article_id, relation FROM follow_ups")[1]
    return {(names[r[0]], names[r[1]], r[2]) for r in rows}


def test_every_expected_follow_up_and_no_other(analyses: list[Analysis], tmp_path: Path) -> None:
    names = {x.article.id: x.article.title for x in analyses}
    with Ledger(tmp_path / "one.duckdb") as ledger:
        ledger.add_analyses([(x, None) for x in analyses])
        rebuild_corpus(ledger)
    assert _links(tmp_path / "one.duckdb", names) == EXPECTED


def test_articles_arriving_in_any_order_give_the_same_links(analyses: list[Analysis], tmp_path: Path) -> None:
    names = {x.article.id: x.article.title for x in analyses}
    order = analyses[:]
    random.Random(7).shuffle(order)
    with Ledger(tmp_path / "batches.duckdb") as ledger:
        for batch in (order[:3], order[3:4], order[4:9], order[9:]):
            ledger.add_analyses([(x, None) for x in batch])
            update_corpus(ledger, [x.article.id for x in batch])
    assert _links(tmp_path / "batches.duckdb", names) == EXPECTED


def test_history_in_the_claims_own_article_is_not_an_outcome(analyses: list[Analysis]) -> None:
    first = next(x for x in analyses if x.article.title == "f01")
    historical = {e.id for e in first.events if e.modality == "historical"}
    assert historical, "the 2024 meeting should be read as history"
    claim = next(c for c in first.claims if c.kind == "prediction")
    assert not {f["event"] for f in claim.follow_up} & historical


def test_follow_ups_are_listed_and_exported(analyses: list[Analysis], tmp_path: Path) -> None:
    with Ledger(tmp_path / "l.duckdb") as ledger:
        ledger.add_analyses([(x, None) for x in analyses])
        rebuild_corpus(ledger)
        written = ledger.export(tmp_path / "out", "csv")
    assert tmp_path / "out" / "follow_ups.csv" in written
    lines = (tmp_path / "out" / "follow_ups.csv").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1 + len(EXPECTED)


# ---- the rules, on rows ------------------------------------------------------------------------------------
def _claim(text: str = "", inside: tuple[InsideEvent, ...] = (), kind: str = "promise") -> ClaimRow:
    return ClaimRow("a", "c1", kind, "2026-03-01", text, "person:x", inside)


def _later(article: str, published: str, etype: str, source: str, target: str, granularity: str = "publication",
           date: str | None = None, sentence: str = "", trigger: str = "", nominal: bool = False) -> LaterEvent:
    row = EventRow(article, "ev1", etype, source_key=source, target_key=target, date=date or published,
                   granularity=granularity, published=published)
    return LaterEvent(row, 0, 5, trigger, sentence, nominal)


MEET = InsideEvent("CONSULT", "person:x", "person:y", modality="future")


def test_the_horizon_comes_from_the_claims_words_else_ninety_days() -> None:
    assert horizon(_claim("talks within two weeks", (MEET,)))[0].isoformat() == "2026-03-22"
    dated = InsideEvent("CONSULT", "person:x", "person:y", "2026-04", "month", "future")
    assert horizon(_claim("next month", (dated,)))[0].isoformat() == "2026-05-07"
    assert horizon(_claim("some day", (MEET,)))[0].isoformat() == "2026-05-30"
    assert horizon(ClaimRow("a", "c1", "promise", None)) is None


def test_outcomes_need_the_same_pair_the_right_time_and_the_same_doer() -> None:
    claim = _claim("", (MEET,))
    kept = _later("b", "2026-03-10", "CONSULT", "person:y", "person:x")  # a meeting: either may be the subject
    other_pair = _later("c", "2026-03-10", "CONSULT", "person:x", "person:z")
    before = _later("d", "2026-02-20", "CONSULT", "person:x", "person:y")
    too_late = _later("e", "2026-07-10", "CONSULT", "person:x", "person:y")
    same_article = _later("a", "2026-03-10", "CONSULT", "person:x", "person:y")
    history = _later("f", "2026-03-10", "CONSULT", "person:x", "person:y", "year", "2024")
    links = follow_up_block(claim, [kept, other_pair, before, too_late, same_article, history])
    assert [(f.article_id, f.relation) for f in links] == [("b", "supports")]

    backing = _claim("", (InsideEvent("SUPPORT", "person:x", "person:y", modality="future"),))
    theirs = _later("g", "2026-03-10", "SUPPORT", "person:y", "person:x")  # she backed him: not what he promised
    assert follow_up_block(backing, [theirs]) == []


def test_a_promise_not_to_act_is_contradicted_by_the_act() -> None:
    claim = _claim("", (InsideEvent("ASSAULT", "gpe:SRB", "gpe:XKX", modality="negated"),))
    links = follow_up_block(claim, [_later("b", "2026-03-10", "ASSAULT", "gpe:SRB", "gpe:XKX"),
                                    _later("c", "2026-03-11", "CONSULT", "gpe:SRB", "gpe:XKX")])
    assert [(f.article_id, f.relation) for f in links] == [("b", "contradicts")]


def test_background_in_a_later_article_is_not_news() -> None:
    def news(sentence: str, trigger: str, **kw: object) -> bool:
        return told_as_news(_later("b", "2026-03-10", "ACCUSE", "p", "q", sentence=sentence, trigger=trigger, **kw))

    assert news("Ortiz criticized Lund on Friday.", "criticized")
    assert not news("Ortiz has often criticized Lund.", "criticized")
    assert not news("During the campaign Ortiz criticized Lund.", "criticized")
    assert not news("Ortiz's criticism of Lund grew.", "criticism", nominal=True)
    assert news("Ortiz's criticism of Lund grew.", "criticism", nominal=True, granularity="day", date="2026-03-09")


def test_the_actor_page_shows_what_became_of_what_was_said(analyses: list[Analysis], tmp_path: Path) -> None:
    from fastapi.testclient import TestClient
    from typer.testing import CliRunner

    from newsledger.cli import app
    from newsledger.web.app import create_app

    db = tmp_path / "web.duckdb"
    with Ledger(db) as ledger:
        ledger.add_analyses([(x, None) for x in analyses])
        rebuild_corpus(ledger)
    profile = TestClient(create_app(db, None)).get("/api/actors/person:davit arakelyan").json()
    assert [(f["kind"], f["relation"], f["later_type"]) for f in profile["follow_ups"]] == \
        [("prediction", "supports", "CONSULT")]
    assert profile["follow_ups"][0]["later_link"]["article_id"] != profile["follow_ups"][0]["claim_link"]["article_id"]

    listed = CliRunner().invoke(app, ["claims", "--follow-ups", "--db", str(db), "--format", "csv"])
    assert listed.exit_code == 0, listed.output
    assert len(listed.stdout.strip().splitlines()) == 1 + len(EXPECTED)
