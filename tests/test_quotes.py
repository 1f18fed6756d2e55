"""Quote extraction on written-for-the-test news text: speakers, kinds, continuations, cues, media."""

from __future__ import annotations

from newsledger import analyze
from newsledger.records import Analysis, Quote

ARTICLE = """Prime Minister Anna Kowalski said on Tuesday that the border would reopen next month.
“We have waited long enough,” Kowalski told reporters in Warsaw. “The trucks will roll again.”
“Nobody should doubt our resolve.”
Opposition leader Jan Nowak, a former defence minister, dismissed the plan as “a fantasy.”
He wrote on Facebook that the government had ignored its own experts.
Critics of the Deal
Analysts at the Warsaw Institute argued that the reopening could strain relations with Berlin.
The so-called “grand bargain” has few friends, according to diplomats in Brussels.
"""


def quote_with(analysis: Analysis, words: str) -> Quote:
    text = analysis.text
    for quote in analysis.quotes:
        if any(words in text[s:e] for s, e in quote.content):
            return quote
    raise AssertionError(f"no quote contains {words!r}")


def test_indirect_quote_with_named_speaker_and_role() -> None:
    a = analyze(ARTICLE)
    q = quote_with(a, "the border would reopen next month")
    assert q.kind == "indirect"
    assert q.speaker.name == "Anna Kowalski"
    assert a.entity(q.speaker.entity).role == "Prime Minister"
    assert a.text[q.cue[0]:q.cue[1]] == "said"


def test_direct_quote_split_by_its_cue_is_one_quote_with_addressee() -> None:
    a = analyze(ARTICLE)
    q = quote_with(a, "We have waited long enough")
    assert q.kind == "direct"
    assert q.speaker.name == "Anna Kowalski"
    assert q.addressee == "reporters"
    assert any("The trucks will roll again." in a.text[s:e] for s, e in q.content)


def test_quote_only_paragraph_continues_previous_speaker() -> None:
    a = analyze(ARTICLE)
    q = quote_with(a, "Nobody should doubt our resolve.")
    assert q.speaker.name == "Anna Kowalski"
    assert q.continuation_of is not None
    assert q.cue is None


def test_mixed_quote_pronoun_speaker_and_medium() -> None:
    a = analyze(ARTICLE)
    fantasy = quote_with(a, "a fantasy.")
    assert fantasy.speaker.name == "Jan Nowak"
    wrote = quote_with(a, "the government had ignored its own experts")
    assert wrote.speaker.name == "Jan Nowak"  # "He" resolved
    assert a.text[wrote.speaker.mention[0]:wrote.speaker.mention[1]] == "He"
    assert wrote.medium == "Facebook"


def test_groups_and_according_to() -> None:
    a = analyze(ARTICLE)
    analysts = quote_with(a, "the reopening could strain relations with Berlin")
    assert analysts.speaker.name is not None and "Analysts" in analysts.speaker.name
    according = quote_with(a, "has few friends")
    assert according.speaker.name is not None and "diplomats" in according.speaker.name


def test_scare_quotes_and_headings_are_nobodys() -> None:
    a = analyze(ARTICLE)
    for quote in a.quotes:
        for s, e in quote.content:
            assert "Critics of the Deal" not in a.text[s:e]
        if quote.speaker.name:
            assert a.text[quote.content[0][0]:quote.content[-1][1]] != "“grand bargain”"


def test_every_span_is_inside_the_text_and_every_quote_says_why() -> None:
    a = analyze(ARTICLE)
    assert a.quotes
    for quote in a.quotes:
        assert quote.why
        for s, e in quote.content:
            assert 0 <= s < e <= len(a.text)
