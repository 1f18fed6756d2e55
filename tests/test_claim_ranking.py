"""What a fact-checker picks first ranks first: a named speaker's statement of fact above judgements, forecasts and
the reporter's own account; words that assert nothing get no check-worthiness at all."""

from __future__ import annotations

from newsledger.analyze import analyze
from newsledger.render.common import ARTICLE_VOICE, UNATTRIBUTED_CLAIMS, group_claims
from newsledger.render.text import text_report

STORY = (
    "Port Authority chief Lena Morrow said on Monday that cargo volumes fell 18 percent in 2024, the steepest "
    "drop since 2009.\n\n"
    "Morrow said the union's demands were unreasonable and disgraceful.\n\n"
    "The harbour reopened on Tuesday after a two-day closure, and ships queued outside the breakwater in the rain "
    "as crews cleared the quays.\n\n"
    "Morrow also praised \"the harbour's new cranes\".\n\n"
    "\"The strike cost the city 40 million dollars in lost fees and the mayor knew it was coming"
)


def _claims():
    analysis = analyze(STORY, published="2025-03-04")
    return analysis, {analysis.text[c.parts[0][0]:c.parts[-1][1]]: c for c in analysis.claims}


def test_a_named_speakers_figure_outranks_her_opinion() -> None:
    analysis, claims = _claims()
    fact = next(c for t, c in claims.items() if "18 percent" in t)
    assert fact.claimant is not None and "Morrow" in (fact.claimant.name or "")
    opinion = [c for t, c in claims.items() if "unreasonable" in t]
    for c in opinion:
        assert c.checkworthiness is None or c.checkworthiness < fact.checkworthiness


def test_words_that_assert_nothing_get_no_score() -> None:
    _, claims = _claims()
    for text, claim in claims.items():
        if "new cranes" in text and "strike" not in text:
            assert claim.checkworthiness is None


def test_a_quote_without_a_speaker_is_not_the_articles_own_voice() -> None:
    analysis, _ = _claims()
    groups = dict(group_claims(analysis))
    for claim in groups.get(ARTICLE_VOICE, []):
        assert claim.quote is None, "a claim from a quote is never listed as the article's own words"
    for claim in groups.get(UNATTRIBUTED_CLAIMS, []):
        assert claim.quote is not None and claim.claimant is None
    if any(c.quote and c.claimant is None for c in analysis.claims):
        assert UNATTRIBUTED_CLAIMS in text_report(analysis, width=160)
