"""A claim is the claimed words: never the attribution between two pieces of a quote, never the quote marks."""

from __future__ import annotations

from newsledger.analyze import analyze
from newsledger.dates import is_iso_date
from newsledger.render.common import claim_words

TEXT = (
    "Harbour minister Teodor Vask met the dock unions on Monday.\n\n"
    "\"The port will lose half its cargo by March,\" Vask told the meeting. \"Nobody will be paid for the "
    "strike days and the state will not pay the fines.\"\n\n"
    "\"The minister invented the cargo figures and the port moved a record 9 million tonnes last year"
    "\n\nThe unions will vote on Friday."
)


def _analysis():
    return analyze(TEXT, published="2025-03-03")


def test_two_pieces_of_one_quote_leave_the_attribution_out() -> None:
    analysis = _analysis()
    vask = [c for c in analysis.claims if c.claimant is not None and "Vask" in (c.claimant.name or "")]
    assert vask, [(c.claimant, c.why) for c in analysis.claims]
    claim = vask[0]
    words = claim_words(analysis.text, claim)
    assert "told the meeting" not in words
    assert len(claim.parts) == 2
    assert words.startswith("The port will lose half its cargo by March")
    assert "Nobody will be paid" in words
    assert claim.span == claim.parts[0]
    for start, end in claim.parts:
        assert analysis.text[start] not in "\"“" and analysis.text[end - 1] not in "\"”,"


def test_claim_of_a_quote_names_that_quote_and_its_speaker_only() -> None:
    analysis = _analysis()
    quotes = {q.id: q for q in analysis.quotes}
    for claim in analysis.claims:
        if claim.quote is None:
            assert claim.claimant is None and claim.why.startswith("article voice")
            continue
        quote = quotes[claim.quote]
        assert claim.claimant == quote.speaker
        if quote.speaker is None:
            assert claim.why.startswith("unattributed quote")
        for start, end in claim.parts:  # the claimed words lie inside the quote's own words
            assert any(s <= start and end <= e for s, e in quote.content), (claim.parts, quote.content)


def test_ledger_text_of_a_claim_is_its_words() -> None:
    from newsledger.store.rows import analysis_rows

    analysis = _analysis()
    rows = analysis_rows(analysis)["claims"]
    by_id = {c.id: c for c in analysis.claims}
    for row in rows:
        assert row["text"] == claim_words(analysis.text, by_id[row["id"]])
        assert "told the meeting" not in row["text"]


def test_only_the_extended_iso_form_is_a_date() -> None:
    for good in ["2025-03-03", "2025-03-03T10:15", "2025-03-03T10:15:00Z", "2025-03-03T10:15:00+02:00"]:
        assert is_iso_date(good), good
    for bad in ["20250303", "2025-W10-1", "2025-03-03T10", "3 March 2025", "2025-3-3", ""]:
        assert not is_iso_date(bad), bad
