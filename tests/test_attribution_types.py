"""Every attribution says what it is (act, form, modality, nesting) and only agents speak.

Sentences are written for these tests; the names and places are invented."""

from __future__ import annotations

import pytest

from newsledger import analyze
from newsledger.records import Analysis, Quote


def _quote_with_cue(analysis: Analysis, cue: str) -> Quote:
    for quote in analysis.quotes:
        if quote.cue is not None and analysis.text[quote.cue[0]:quote.cue[1]] == cue:
            return quote
    found = [analysis.text[q.cue[0]:q.cue[1]] for q in analysis.quotes if q.cue]
    raise AssertionError(f"no quote cued by {cue!r}: {found}")


def _cues(analysis: Analysis) -> set[str]:
    return {analysis.text[q.cue[0]:q.cue[1]] for q in analysis.quotes if q.cue is not None}


@pytest.mark.parametrize(("sentence", "cue", "act", "form"), [
    ("Mayor Ilse Brandt said the harbour would reopen next spring.", "said", "speech", "clause"),
    ("Councillor Teo Marsh wrote that the budget was unlawful.", "wrote", "writing", "clause"),
    ("Governor Alma Reyes believes the count was accurate.", "believes", "thought", "clause"),
    ("Senator Paul Okafor hopes to run for the leadership next year.", "hopes", "intention", "clause"),
    ("The union endorsed Varga in the runoff.", "endorsed", "stance", "phrase"),
    ("Minister Lena Fosse criticized the new tariff schedule.", "criticized", "stance", "phrase"),
])
def test_act_and_form_come_from_the_cue_and_the_construction(sentence: str, cue: str, act: str, form: str) -> None:
    quote = _quote_with_cue(analyze(sentence), cue)
    assert (quote.act, quote.form) == (act, form), quote.why
    assert f"act:{act}" in quote.why


def test_a_quotation_is_verbatim_words_and_a_statement() -> None:
    analysis = analyze("“We will not sign a bad deal,” said Rina Kovac, the trade minister.")
    quote = analysis.quotes[0]
    assert (quote.act, quote.form, quote.modality, quote.statement) == ("speech", "quotation", "asserted", True)


def test_beliefs_intentions_and_stances_are_not_statements() -> None:
    analysis = analyze("Governor Alma Reyes believes the count was accurate. The union endorsed Varga.")
    assert analysis.quotes, "both are attributions"
    assert not any(q.statement for q in analysis.quotes)


@pytest.mark.parametrize("sentence", [
    "The assembly voted to join the regional customs union.",
    "The two delegations agreed to reconvene in March.",
    "Ambassador Noor Haddad presented her credentials to the king.",
    "The premier delivered a speech at the harbour.",
])
def test_events_told_with_reporting_verbs_are_not_attributions(sentence: str) -> None:
    assert analyze(sentence).quotes == []


@pytest.mark.parametrize(("sentence", "cue", "modality"), [
    ("Dana Whitcombe did not say whether the plant would close.", "say", "negated"),
    ("The spokesman declined to say why the convoy turned back.", "say", "negated"),
    ("Officials would say only that the review was continuing.", "say", "hypothetical"),
    ("Reporters asked whether the minister would resign.", "asked", "question"),
    ("Tell your landlord that the heating has failed.", "Tell", "generic"),
])
def test_modality_of_attributions(sentence: str, cue: str, modality: str) -> None:
    quote = _quote_with_cue(analyze(sentence), cue)
    assert quote.modality == modality
    assert not quote.statement


def test_an_attribution_inside_another_is_nested_and_not_a_statement() -> None:
    analysis = analyze("Senator Ruth Aldane said she believes the count in Parvel county was rigged.")
    said = _quote_with_cue(analysis, "said")
    believes = _quote_with_cue(analysis, "believes")
    assert believes.nested_in == said.id
    assert said.statement and not believes.statement


@pytest.mark.parametrize(("sentence", "non_speaker"), [
    ("The absence of the envoy signaled that the talks were over.", "absence"),
    ("The full-scale invasion showed that the treaty had failed.", "invasion"),
])
def test_abstract_nouns_never_speak(sentence: str, non_speaker: str) -> None:
    analysis = analyze(sentence)
    for quote in analysis.quotes:
        mention = quote.speaker.mention
        assert mention is None or non_speaker not in analysis.text[mention[0]:mention[1]]
        if quote.speaker.mention is None and quote.cue is not None:
            assert "no-speaker:abstract noun" in quote.why, quote.why


def test_a_document_speaks_for_its_author() -> None:
    analysis = analyze("A statement from the port authority said the cranes would stay idle until Friday.")
    quote = _quote_with_cue(analysis, "said")
    assert quote.speaker.name is not None and "port authority" in quote.speaker.name.lower()


def test_groups_and_poll_shares_speak() -> None:
    analysis = analyze("Forty percent said they would vote for the mayor. Two diplomats familiar with the talks said "
                       "the offer was withdrawn.")
    names = {q.speaker.name for q in analysis.quotes if q.cue is not None}
    assert None not in names


@pytest.mark.parametrize(("sentence", "speaker", "pieces"), [
    ("The pass is shut, the warden said, and will stay shut until the thaw.", "warden",
     ["The pass is shut", "will stay shut until the thaw"]),
    ("Attendance, the county clerk said, was the lowest in a decade.", "county clerk",
     ["Attendance", "was the lowest in a decade"]),
    ("Three boats reached the island before noon, a coast guard officer told reporters.", "coast guard officer",
     ["Three boats reached the island before noon"]),
])
def test_medial_and_post_posed_tags_on_unquoted_words(sentence: str, speaker: str, pieces: list[str]) -> None:
    analysis = analyze(sentence)
    quote = analysis.quotes[0]
    assert speaker in (quote.speaker.name or "")
    assert [analysis.text[s:e] for s, e in quote.content] == pieces
    assert quote.statement


@pytest.mark.parametrize("sentence", [
    "“Not a chance,” shot back Okonjo.",
    "“Rubbish,” scoffed councillor Mira Okonjo.",
])
def test_speech_tags_with_verbs_the_lexicon_lacks(sentence: str) -> None:
    quote = analyze(sentence).quotes[0]
    assert "Okonjo" in (quote.speaker.name or "")
    assert (quote.form, quote.statement) == ("quotation", True)


def test_transcript_turns_are_quotes_by_the_person_named() -> None:
    text = ("Governor Petra Vance sat down with the radio host Daniel Fischer on Sunday.\n\n"
            "FISCHER: Will you sign the water bill?\n\n"
            "VANCE: Not in its present form. The farmers deserve better.\n\n"
            "FISCHER: And the tax cut?\n\n"
            "VANCE: It is dead on arrival.\n")
    analysis = analyze(text)
    turns = [q for q in analysis.quotes if q.why.startswith("transcript:turn")]
    assert [q.speaker.name for q in turns] == ["Daniel Fischer", "Petra Vance", "Daniel Fischer", "Petra Vance"]
    assert all(q.form == "quotation" and q.statement for q in turns)


def test_a_turn_label_names_its_speaker_even_when_the_article_does_not() -> None:
    text = ("The station aired the exchange on Monday night.\n\n"
            "MORLAND: Is the ferry service coming back?\n\n"
            "Q: What do you say to commuters?\n\n"
            "MORLAND: Nobody has told us anything.\n")
    analysis = analyze(text)
    turns = [q for q in analysis.quotes if q.why.startswith("transcript:turn")]
    names = [q.speaker.name.lower() if q.speaker.name else None for q in turns]
    assert names == ["morland", None, "morland"]


def test_a_dateline_is_never_the_speaker() -> None:
    text = "VILNIUS, Lithuania (AP) — Former defence minister Aras Kelmis told reporters the drills would go on.\n"
    quote = _quote_with_cue(analyze(text), "told")
    assert quote.speaker.name == "Aras Kelmis"


@pytest.mark.parametrize("sentence", [
    "That means a longer wait for the refinery workers.",
    "That said, the refinery will reopen in May.",
])
def test_demonstratives_and_discourse_markers_are_not_speakers(sentence: str) -> None:
    assert all(q.speaker.mention is None for q in analyze(sentence).quotes)


def test_behaviour_told_with_refusal_verbs_is_not_said() -> None:
    assert analyze("The governor refused to back the pipeline.").quotes == []
    quote = analyze("She stopped short of saying that the tally was rigged.").quotes[0]
    assert quote.modality == "negated" and not quote.statement


def test_an_expectation_in_the_passive_has_no_speaker() -> None:
    analysis = analyze("Varga is expected to win the runoff easily.")
    quote = _quote_with_cue(analysis, "expected")
    assert quote.speaker.mention is None and quote.act == "thought" and not quote.statement


def test_a_pronoun_right_after_a_quote_carries_its_speaker() -> None:
    text = ("Councillor Ines Morrow clashed with Mayor Tomas Reid on Monday. Reid has called her plan a fantasy.\n\n"
            "“It is a fair plan,” Morrow said. She added that the budget office had checked every figure.\n")
    analysis = analyze(text)
    added = _quote_with_cue(analysis, "added")
    assert "Morrow" in (added.speaker.name or "")


def test_a_source_is_a_statement_when_a_body_gives_it_not_when_figures_do() -> None:
    by_board = analyze("The levee will hold, according to the river authority.").quotes[0]
    by_polls = analyze("Recent polls show that the mayoral race is tied.").quotes[0]
    assert by_board.act == by_polls.act == "source"
    assert by_board.statement and not by_polls.statement


def test_an_attribution_in_a_headline_is_not_a_statement() -> None:
    text = ("Harbour Board Says New Cranes Will Arrive Before Winter.\n\n"
            "The harbour board said on Monday that the cranes would arrive in November.\n\n"
            "Dockers welcomed the news.\n\n"
            "The board will meet again in March.\n")
    analysis = analyze(text)
    in_headline = [q for q in analysis.quotes if q.content[0][0] < analysis.paragraphs[1][0]]
    in_body = [q for q in analysis.quotes if q.content[0][0] >= analysis.paragraphs[1][0]]
    assert all(not q.statement for q in in_headline)
    assert any(q.statement for q in in_body)
