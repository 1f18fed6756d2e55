"""Quotation-mark pairing and layout on the shapes real news text takes."""

from __future__ import annotations

from newsledger.nlp.layout import find_layout
from newsledger.nlp.quotemarks import find_quotations


def quoted(text: str) -> list[tuple[int, str]]:
    """(depth, inner words of each part joined by ' | ') for every quotation."""
    return [(q.depth, " | ".join(text[s:e] for s, e in q.spans)) for q in find_quotations(text, find_layout(text))]


def test_curly_and_straight_double_quotes() -> None:
    text = 'He said “we will win,” and she replied "not so fast."'
    assert quoted(text) == [(0, "we will win,"), (0, "not so fast.")]


def test_apostrophes_are_not_quote_marks() -> None:
    text = "Putin’s aides said it doesn’t matter, a view from the ’90s that Jones’ team shares."
    assert quoted(text) == []


def test_single_quotes_nested_in_double() -> None:
    text = "Bremmer called it “a long way to say ‘no concessions on that call.’”"
    assert quoted(text) == [
        (0, "a long way to say ‘no concessions on that call.’"),
        (1, "no concessions on that call."),
    ]


def test_quotation_running_over_paragraphs() -> None:
    text = "She said: “The first part goes on.\n“And the second part ends here,” she added.\nNext paragraph."
    assert quoted(text) == [(0, "The first part goes on. | And the second part ends here,")]


def test_unclosed_mark_stops_at_paragraph_end() -> None:
    text = "A stray “mark never closes here.\nThe next paragraph is plain."
    parts = quoted(text)
    assert parts == [(0, "mark never closes here.")]


def test_odd_marks_never_raise() -> None:
    for text in ["”", "“", "'", "\"", "“”", "‘’’’", "a ” b “ c", "''\"\"“‘", "\n\n“\n”\n"]:
        quoted(text)  # must not raise


def test_headings_are_found_and_sentences_are_not() -> None:
    text = "Istanbul Talks Falter\nTrump urged Zelenskyy to accept talks.\n‘Chance of Making It Worse’\nHe said more."
    layout = find_layout(text)
    assert [text[p.start:p.end] for p in layout.paragraphs if p.heading] == [
        "Istanbul Talks Falter", "‘Chance of Making It Worse’",
    ]
