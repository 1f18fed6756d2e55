"""Claims on real sentences: claimant, kind, evidence markers, check-worthiness and follow-ups.

Sentences are news-style text written for the tests; the seed article is scored in test_seed.py and the
check-worthiness model on ClaimBuster in test_claim_floor.py.
"""

from __future__ import annotations

from newsledger.analyze import analyze
from newsledger.records import Analysis, Claim


def _claim_with(analysis: Analysis, words: str) -> Claim:
    for claim in analysis.claims:
        if words in analysis.text[claim.span[0]:claim.span[1]]:
            return claim
    raise AssertionError(f"no claim containing {words!r}: "
                         f"{[analysis.text[c.span[0]:c.span[1]] for c in analysis.claims]}")


def test_reported_claim_carries_its_claimant_and_the_articles_evidence_flag() -> None:
    analysis = analyze("The minister claimed, without evidence, that rebels had received 4,000 rifles from abroad.")
    claim = _claim_with(analysis, "4,000 rifles")
    assert claim.claimant is not None and claim.claimant.name == "minister"
    assert claim.evidence == "without evidence"
    assert claim.quote == analysis.quotes[0].id


def test_falsely_and_citing_are_evidence_flags_too() -> None:
    falsely = analyze("The governor falsely said that turnout had doubled since 2018.")
    assert _claim_with(falsely, "turnout had doubled").evidence == "falsely"
    cited = analyze("The health ministry said the strike killed 40 civilians, citing hospital records.")
    assert "citing" in (_claim_with(cited, "killed 40 civilians").evidence or "")


def test_kinds_from_the_reporting_verb_and_from_the_words() -> None:
    analysis = analyze(
        "Senator Mark Ellis boasted that his bill had created 40,000 jobs.\n"
        "“We will cut taxes for every family,” Ellis said.\n"
        "“Prices will fall by the end of the year,” the central bank governor said.\n"
    )
    assert _claim_with(analysis, "40,000 jobs").kind == "boast"
    assert _claim_with(analysis, "We will cut taxes").kind == "promise"
    assert _claim_with(analysis, "Prices will fall").kind == "prediction"


def test_a_conflict_action_the_speakers_side_might_take_is_a_threat() -> None:
    analysis = analyze("Russian Foreign Minister Sergei Lavrov said Russia could expel European diplomats.")
    assert _claim_with(analysis, "expel European diplomats").kind == "threat"


def test_article_voice_claims_have_no_claimant_and_opinion_free_text_is_left_out() -> None:
    analysis = analyze(
        "Russia fired 120 missiles at Ukrainian power plants on Tuesday, the largest strike since March.\n"
        "It was a cold morning.\n"
    )
    claim = _claim_with(analysis, "120 missiles")
    assert claim.claimant is None and claim.kind == "factual"
    assert claim.checkworthiness is not None and claim.checkworthiness >= 0.5
    assert not any("cold morning" in analysis.text[c.span[0]:c.span[1]] for c in analysis.claims)


def test_a_prediction_is_followed_up_by_later_events_that_share_its_actors() -> None:
    analysis = analyze(
        "“Israel and Hamas will sign a ceasefire agreement within days,” the Egyptian mediator said.\n"
        "On Friday, Israeli jets struck targets in Gaza.\n",
        published="2025-03-14",
    )
    claim = _claim_with(analysis, "will sign a ceasefire")
    assert claim.kind == "prediction"
    strike = next(e for e in analysis.events if e.type == "ASSAULT")
    assert any(f["event"] == strike.id and f["relation"] == "contradicts" for f in claim.follow_up)

