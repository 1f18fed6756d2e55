"""Claims that misstate who claims what are left out or left without a claimant, and the claims worth checking are a
filter people can use (the set the blind judges of the claim ranking measured).

Kinds of fault covered, each in our own words: a poll share given as a claimant ("just 31 percent"); a noun phrase
naming someone else's claim given to whoever mentions it; page code left in the text read as a claim; a dash
before place names read as a sign-off; a clause before a semicolon read as what the next clause's verb reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsledger.analyze import analyze
from newsledger.claims.ranking import default_ranker, ranking_features, worth_bar
from newsledger.cli import app
from newsledger.web.app import create_app


def test_a_poll_share_is_no_claimant() -> None:
    analysis = analyze("Residents were asked about the new tram line in a city survey last month. In the survey, "
                       "just 31 percent of residents said the tram had cut their commute, compared with 45 percent "
                       "a year earlier.")
    claim = next(c for c in analysis.claims if "cut their commute" in analysis.text[c.span[0]:c.span[1]])
    assert claim.claimant is None
    assert "not an agent" in claim.why and "claimant left empty" in claim.why


def test_a_noun_phrase_about_a_claim_is_not_the_mentioners_claim() -> None:
    analysis = analyze("The budget watchdog seized on the senator's claim that the training program had saved "
                       "40,000 jobs in the state.")
    claimants = {c.claimant.name for c in analysis.claims if c.claimant is not None}
    assert "budget watchdog" not in {n.lower() for n in claimants}
    assert any("40,000 jobs" in analysis.text[c.span[0]:c.span[1]] for c in analysis.claims if c.claimant)


def test_words_with_page_code_in_them_are_no_claim() -> None:
    analysis = analyze("The checkers rated it Half True.\">The governor said that the state budget had grown by 12 "
                       "percent last year, the fastest rise in a decade.")
    assert not any(">" in analysis.text[max(0, c.span[0] - 2):c.span[1]] for c in analysis.claims)


def test_places_after_a_dash_do_not_sign_a_statement() -> None:
    analysis = analyze("The rules add another hurdle for the front-runner in the race. He has already failed this "
                       "test in two of the states he won — Ohio and Nevada.\n\nThat is a high bar for anyone to "
                       "clear this spring — Nevada.")
    assert not any("sign-off" in q.why for q in analysis.quotes)


def test_a_clause_before_a_semicolon_is_not_reported_by_the_next_verb() -> None:
    analysis = analyze("On Tuesday, voters in Arizona, Idaho and Utah cast their ballots, with 131 delegates up for "
                       "grabs; on Saturday, Alaska, Hawaii and Washington hold caucuses with 142 delegates at stake.")
    assert not analysis.quotes
    assert not any(c.claimant is not None for c in analysis.claims)


def test_the_ranker_reads_the_score_on_the_log_odds_scale() -> None:
    near = ranking_features("the deficit was 438 billion dollars in 2015", 0.95, "factual", "article", None, None)
    sure = ranking_features("the deficit was 438 billion dollars in 2015", 0.995, "factual", "article", None, None)
    assert sure["log_odds"] - near["log_odds"] > 2.0  # 0.95 -> 0.995 is a step of 2.3 in log-odds, 0.045 in score
    ranker = default_ranker()
    assert ranker is not None and ranker.probability(sure) > ranker.probability(near)
    assert worth_bar() == ranker.threshold


TEXT = ("Finance minister Ada Brun said unemployment fell to 4.1 percent in May, the lowest level since 2001.\n\n"
        "The ministry said the harbour tunnel had cost 2.3 billion euros, twice the budget approved in 2019.\n\n"
        "Brun promised that she would visit every harbour town before the summer.\n\n"
        "The committee will meet again on Thursday.")


@pytest.fixture(scope="module")
def ledger_db(ledger_of) -> Path:  # type: ignore[no-untyped-def]
    return ledger_of(TEXT, "worth")


def test_the_worth_filter_keeps_claims_over_the_bar(ledger_db: Path) -> None:
    bar = worth_bar()
    assert bar is not None
    every = CliRunner().invoke(app, ["claims", "--db", str(ledger_db), "--format", "json"])
    worth = CliRunner().invoke(app, ["claims", "--db", str(ledger_db), "--format", "json", "--worth"])
    assert every.exit_code == 0 and worth.exit_code == 0
    import json

    all_rows, worth_rows = json.loads(every.stdout), json.loads(worth.stdout)
    assert all(r["checkworthiness"] is not None and r["checkworthiness"] >= bar for r in worth_rows)
    assert len(worth_rows) == sum(1 for r in all_rows if (r["checkworthiness"] or 0) >= bar)
    assert len(worth_rows) < len(all_rows)
    api = TestClient(create_app(ledger_db, None)).get("/api/claims", params={"worth": "true"}).json()
    assert api["count"] == len(worth_rows)


def test_worth_does_not_apply_to_follow_ups(ledger_db: Path) -> None:
    result = CliRunner().invoke(app, ["claims", "--db", str(ledger_db), "--follow-ups", "--worth"])
    assert result.exit_code == 2


def test_a_claim_the_article_calls_unsupported_is_worth_checking() -> None:
    bar = worth_bar()
    analysis = analyze("The harbour master claimed, without evidence, that the new ferry had been delayed by the "
                       "regional council.\n\nThe regional council met on Tuesday.")
    flagged = [c for c in analysis.claims if c.evidence and "without evidence" in c.evidence]
    assert flagged and all(c.checkworthiness is not None and c.checkworthiness >= bar for c in flagged)


def test_the_report_marks_the_claims_worth_checking() -> None:
    from newsledger.render.common import claim_facts

    analysis = analyze(TEXT, published="2026-03-02")
    bar = worth_bar()
    for claim in analysis.claims:
        value = dict(claim_facts(analysis, claim)).get("check-worthiness", "")
        assert ("(worth checking)" in value) == (claim.checkworthiness is not None and claim.checkworthiness >= bar)
    assert any("(worth checking)" in dict(claim_facts(analysis, c)).get("check-worthiness", "")
               for c in analysis.claims)


def test_each_claims_model_has_its_ranker_with_one_bar() -> None:
    fast, accurate = default_ranker("fast"), default_ranker("accurate")
    assert fast is not None and accurate is not None and fast != accurate
    assert fast.threshold == accurate.threshold == worth_bar()  # one meaning of "worth checking" in every ledger


def test_the_same_words_printed_twice_are_one_claim() -> None:
    words = "Unemployment in the state has fallen to 3.1 percent, the lowest in forty years."
    analysis = analyze(f"The senator posted on Monday: \"{words}\"\n\nCritics were quick to respond.\n\n"
                       f"The senator posted again on Tuesday: \"{words}\"")
    assert sum(1 for c in analysis.claims if "3.1 percent" in analysis.text[c.span[0]:c.span[1]]) == 1


def test_a_relative_pronoun_on_a_clause_makes_no_sentence_long_speaker() -> None:
    analysis = analyze("Citing a newspaper report on one page of the nominee's 1995 state tax return, the senator "
                       "on Tuesday said he wants to attack four provisions in the tax code that address how real "
                       "estate losses are deducted.")
    assert all(len(e.name.split()) <= 8 for e in analysis.entities), [e.name for e in analysis.entities]


def test_names_are_written_with_plain_spaces() -> None:
    analysis = analyze("A new\u00a0Bloomberg\u00a0poll said Clinton leads Trump by four points among likely voters in "
                       "Ohio.\n\nThe\u00a0Quinnipiac University poll said the race was tied.")
    assert all("\u00a0" not in e.name for e in analysis.entities)
    assert all(c.claimant is None or "\u00a0" not in (c.claimant.name or "") for c in analysis.claims)


def test_the_api_orders_claims_like_the_cli(ledger_db: Path) -> None:
    api = TestClient(create_app(ledger_db, None))
    ranked = api.get("/api/claims", params={"order": "worth"}).json()["rows"]
    scores = [r["checkworthiness"] for r in ranked if r["checkworthiness"] is not None]
    assert scores == sorted(scores, reverse=True) and len(scores) >= 2
    assert api.get("/api/claims", params={"order": "loudest"}).status_code == 422


def test_a_claimant_mention_with_no_one_behind_it_is_no_claimant() -> None:
    analysis = analyze("Citing a newspaper report on one page of the nominee's 1995 state tax return, the senator "
                       "on Tuesday said he wants to attack four provisions in the tax code that address how real "
                       "estate losses are deducted.")
    for claim in analysis.claims:
        assert claim.claimant is None or claim.claimant.entity or claim.claimant.name or not claim.claimant.mention


def test_having_to_do_something_is_no_hedge() -> None:
    analysis = analyze("Campaign news.\n\nThe campaign might have to reach into a new bag of tricks to win back "
                       "voters in the state.\n\nThe aide may have leaked the classified memo to two reporters in "
                       "March.\n\nThe talks continue.")
    hedged = {analysis.text[c.span[0]:c.span[1]].split()[1]: c.evidence for c in analysis.claims if c.evidence}
    assert hedged == {"aide": "may have"}
