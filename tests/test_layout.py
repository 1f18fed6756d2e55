"""The article's furniture (datelines, labels, captions, credits, bylines, pull quotes, embeds) and transcript
turns, found by `find_layout` from the raw text. All examples are invented."""

from __future__ import annotations

import pytest

from newsledger.nlp.layout import FURNITURE_KINDS, Layout, find_layout

HEADLINE = "Kestovia and Valdoria trade blame as talks stall"
BODY = "Officials from both governments met for six hours on Monday without agreeing on a ceasefire line."
BODY2 = "A second round is planned for next week in Geneva, according to a statement from the mediators."


def pieces(text: str, layout: Layout | None = None) -> list[tuple[str, str]]:
    """(kind, text) of every piece of furniture."""
    layout = layout or find_layout(text)
    return [(f.kind, text[f.start : f.end]) for f in layout.furniture]


def kinds(text: str, kind: str) -> list[str]:
    return [t for k, t in pieces(text) if k == kind]


def turns(text: str) -> list[tuple[str, str, str]]:
    """(name, label text, content text) of every turn."""
    return [(t.name, text[t.label[0] : t.label[1]], text[t.content[0] : t.content[1]]) for t in find_layout(text).turns]


def dateline(first_paragraph: str) -> tuple[str, str | None] | None:
    """The dateline text and place of an article with a headline line and this first paragraph."""
    text = f"{HEADLINE}\n\n{first_paragraph}\n\n{BODY}"
    found = find_layout(text).dateline
    return None if found is None else (text[found.start : found.end], found.place)


# ---- datelines -------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("paragraph", "span", "place"),
    [
        ("KYIV, Ukraine (AP) — Negotiators left the capital.", "KYIV, Ukraine (AP) —", "Kyiv, Ukraine"),
        ("TALLINN, Estonia — The minister arrived late.", "TALLINN, Estonia —", "Tallinn, Estonia"),
        ("WASHINGTON — The Senate adjourned.", "WASHINGTON —", "Washington"),
        ("WASHINGTON -- The Senate adjourned.", "WASHINGTON --", "Washington"),
        ("MOSCOW (Reuters) - The Kremlin said nothing.", "MOSCOW (Reuters) -", "Moscow"),
        ("Lima — The president signed the decree.", "Lima —", "Lima"),
        ("Lima, Peru — The president signed the decree.", "Lima, Peru —", "Lima, Peru"),
        ("New York (AFP) – Markets fell sharply.", "New York (AFP) –", "New York"),
        ("NEW YORK, Jan. 5 (Reuters) - Shares rose.", "NEW YORK, Jan. 5 (Reuters) -", "New York"),
        ("PASADENA, Calif., Jan. 1 (UPI) — A parade went by.", "PASADENA, Calif., Jan. 1 (UPI) —", "Pasadena, Calif."),
        ("BEIRUT: Protesters gathered outside parliament.", "BEIRUT:", "Beirut"),
        ("ST. LOUIS — Voters lined up early.", "ST. LOUIS —", "St. Louis"),
        ("DES MOINES, Iowa — Caucus-goers braved the snow.", "DES MOINES, Iowa —", "Des Moines, Iowa"),
        ("Smallville, Kan. — The mayor resigned.", "Smallville, Kan. —", "Smallville, Kan."),
        ("CHARLESTON, S.C.\xa0— A crowd waited.", "CHARLESTON, S.C.\xa0—", "Charleston, S.C."),
        ("Dec 29 (Reuters) - The company said it would appeal.", "Dec 29 (Reuters) -", None),
    ],
)
def test_dateline_forms(paragraph: str, span: str, place: str | None) -> None:
    assert dateline(paragraph) == (span, place)


@pytest.mark.parametrize(
    "paragraph",
    [
        "Trump — who has never held public office — said he would win.",
        "In Lima, the president said the decree would stand.",
        "The central question — whether the truce holds — remains open.",
        "Ryan was diplomatic, but firm — Trump must earn the nomination.",
        "Paris — the city itself, not the government — has other plans.",
        "Clinton — Who else? — won the endorsement.",
        "FBI — The bureau declined to comment.",
        "UPDATE: The council voted 7-2 on Tuesday night.",
        "IOWA POLLS WERE NOT WRONG, JUST EARLY - Analysts said the numbers moved late.",
        "Exclusive Excerpt–Maria Lopez on the campaign trail.",
        "SMITH--Jonathan Edward, 88, of Springfield, passed away peacefully.",
    ],
)
def test_not_datelines(paragraph: str) -> None:
    assert dateline(paragraph) is None


def test_dateline_after_byline_and_subheadline() -> None:
    text = f"{HEADLINE}\nA short deck line under it\nBy Jane Doe\n\nWASHINGTON (AP) — {BODY}"
    layout = find_layout(text)
    assert layout.dateline is not None
    assert text[layout.dateline.start : layout.dateline.end] == "WASHINGTON (AP) —"
    assert ("byline", "By Jane Doe") in pieces(text, layout)


def test_dateline_only_at_the_top() -> None:
    long = " ".join([BODY] * 2)
    text = f"{HEADLINE}\n{long}\n{long}\nWASHINGTON — A later paragraph that happens to start like one."
    assert find_layout(text).dateline is None


# ---- labels and kicker lines ------------------------------------------------------------------------------------
def test_kicker_label_with_link_is_the_whole_paragraph() -> None:
    text = f"{BODY}\nREAD MORE: Kestovia rejects truce\nWATCH: Border guards open the crossing\n{BODY2}"
    assert kinds(text, "label") == ["READ MORE: Kestovia rejects truce", "WATCH: Border guards open the crossing"]


def test_standalone_related_label_takes_the_link_below() -> None:
    text = f'{BODY}\n"Related:"\nValdoria Recalls Its Ambassador Over Border Dispute.\n{BODY2}'
    assert kinds(text, "label") == ['"Related:"', "Valdoria Recalls Its Ambassador Over Border Dispute."]


@pytest.mark.parametrize(
    "line",
    [
        "ADVERTISEMENT",
        "Advertisement",
        "Story continues below",
        "Follow us on Twitter and Facebook.",
        "Follow Dana Reyes on Twitter @danareyes.",
        "Sign up for our daily politics newsletter.",
        "Click here to read the full report.",
        "Watch the full interview below:",
        "Related:",
        "RELATED:",
        "CORRECTION:",
        "ABSTRACT.",
        "FULL TEXT.",
    ],
)
def test_whole_paragraph_labels(line: str) -> None:
    text = f"{BODY}\n{line}\n{BODY2}"
    assert kinds(text, "label") == [line]


def test_update_label_covers_only_the_label() -> None:
    text = f"{BODY}\nUPDATE: The council voted 7-2 on Tuesday night to delay the project.\n{BODY2}"
    assert kinds(text, "label") == ["UPDATE:"]
    assert find_layout(text).turns == []


def test_headline_kicker_and_editor_note() -> None:
    text = f"EXCLUSIVE: Minister Plans to Quit\nEditor’s note: This story has been updated.\n{BODY}"
    assert kinds(text, "label") == ["EXCLUSIVE:", "Editor’s note:"]


def test_ordinary_sentences_are_not_labels() -> None:
    text = (
        f"{BODY}\nFollow the money, the prosecutor told the jury.\n"
        "Watch what happens when the tariffs arrive, he said in a speech that lasted more than an hour.\n"
        "Related issues will come up at next week’s summit, officials said.\n"
        "See, I told you here in Iowa that we would win, the senator said.\n"
        "Read my lips: no new taxes, the candidate promised the crowd.\n"
    )
    assert find_layout(text).furniture == []


# ---- captions and credits ---------------------------------------------------------------------------------------
def test_caption_paragraph_ending_in_a_credit() -> None:
    caption = "Protesters gather outside parliament in Vardin on Monday. (Jo Smith/Daily Post)"
    text = f"{BODY}\n{caption}\n{BODY2}"
    assert pieces(text) == [("caption", caption)]


@pytest.mark.parametrize(
    "line",
    ["(AP Photo/Evan Marsh)", "Photo: Reuters", "Credit: Jane Roe for The Daily Post", "Getty Images",
     "Lee Park via Getty Images.", "(Photo by Ann Lee/Getty Images)"],
)
def test_credit_alone(line: str) -> None:
    text = f"{BODY}\n{line}\n{BODY2}"
    assert pieces(text) == [("credit", line)]


def test_credit_inside_a_long_paragraph() -> None:
    para = (
        "The minister, pictured on Friday (Photo by Ann Lee/Getty Images), told lawmakers the budget would pass "
        "before the summer recess and that no further cuts were planned."
    )
    assert pieces(para) == [("credit", "(Photo by Ann Lee/Getty Images)")]


def test_parentheses_that_are_not_credits() -> None:
    text = "Sen. Mark Poe (R-Texas) said the vote (and/or the debate) would wait for the Democrat/Republican deal."
    assert find_layout(text).furniture == []


# ---- bylines ----------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("line", ["By Jane Doe and John Roe", "By JANE DOE, Associated Press", "Jane Doe | Reuters"])
def test_top_bylines(line: str) -> None:
    text = f"{HEADLINE}\n{line}\n{BODY}\n{BODY2}"
    assert pieces(text) == [("byline", line)]


@pytest.mark.parametrize(
    "line",
    [
        "— Jane Doe contributed reporting.",
        "Staff writer Mark Poe contributed to this report.",
        "Doe reported from Vardin. Associated Press writer John Roe contributed from Geneva.",
        "Contributing: Ana Varga and Lee Park.",
        "(Reporting by Jane Doe; Editing by John Roe)",
    ],
)
def test_end_bylines(line: str) -> None:
    text = f"{HEADLINE}\n{BODY}\n{BODY2}\n{line}"
    assert pieces(text) == [("byline", line)]


def test_by_a_time_is_not_a_byline() -> None:
    text = f"{HEADLINE}\nBy Monday morning, the talks had collapsed.\n{BODY}"
    assert find_layout(text).furniture == []


# ---- pull quotes -------------------------------------------------------------------------------------------------
def test_pull_quote_is_the_display_copy() -> None:
    body_quote = (
        "“We will not give up a single village to the invaders,” Defence Minister Ana Varga said on Tuesday, "
        "standing beside the prime minister."
    )
    display = '"We will not give up a single village to the invaders."'
    text = f"{HEADLINE}\n{BODY}\n{display}\n{body_quote}\nA short different line of eight words here."
    assert pieces(text) == [("pull_quote", display)]


def test_short_repeats_are_not_pull_quotes() -> None:
    text = f"{HEADLINE}\n“No comment,” she said.\n{BODY}\n“No comment,” he said too."
    assert find_layout(text).furniture == []


# ---- embeds ------------------------------------------------------------------------------------------------------
def test_embedded_post_signature() -> None:
    post = "We stand with our farmers today and every day. — Jane Doe (@janedoe) March 3, 2021"
    text = f"{BODY}\n{post}\n{BODY2}"
    layout = find_layout(text)
    assert pieces(text, layout) == [("embed", post)]
    assert layout.furniture[0].author == "Jane Doe (@janedoe)"


def test_signature_line_alone_and_picture_link() -> None:
    signature = "— Valdoria MFA (@ValdoriaMFA) January 12, 2024"
    text = f"{BODY}\n{signature}\nCrowds at the rally pic.twitter.com/AbC123\n{BODY2}"
    assert kinds(text, "embed") == [
        "— Valdoria MFA (@ValdoriaMFA) January 12, 2024",
        "Crowds at the rally pic.twitter.com/AbC123",
    ]


def test_tweet_markup() -> None:
    tag = '<tweet author="@janedoe" datetime="2021-03-03">Farmers first, always.</tweet>.'
    text = f"{BODY}\n{tag}\n{BODY2}"
    layout = find_layout(text)
    assert pieces(text, layout) == [("embed", tag)]
    assert layout.furniture[0].author == "@janedoe"


# ---- transcripts -------------------------------------------------------------------------------------------------
CAPS_TRANSCRIPT = """Minister defends budget in interview
Partial transcript follows:
WALLACE: Minister, will the budget pass?
PENCE: I believe it will. We have the votes.
And we have had them for weeks, frankly.
WALLACE: And if it does not?
MR. TRUMP (voice-over): Then we start again.
SEN. SMITH: That would be a mistake.
The program then went to a commercial break and did not return to the subject."""


def test_caps_transcript_turns() -> None:
    text = CAPS_TRANSCRIPT
    assert turns(text) == [
        ("WALLACE", "WALLACE", "Minister, will the budget pass?"),
        ("PENCE", "PENCE", "I believe it will. We have the votes.\nAnd we have had them for weeks, frankly."),
        ("WALLACE", "WALLACE", "And if it does not?"),
        ("MR. TRUMP (voice-over)", "MR. TRUMP (voice-over)", "Then we start again."),
        ("SEN. SMITH", "SEN. SMITH", "That would be a mistake."),
    ]
    assert find_layout(text).furniture == []  # turn labels are not furniture


def test_continuation_not_folded_before_a_new_voice() -> None:
    text = "Host: intro.\nHOST: Welcome back.\nThe host then played a clip of the rally.\nGUEST: Thanks."
    assert [(name, content) for name, _, content in turns(text)] == [("HOST", "Welcome back."), ("GUEST", "Thanks.")]


def test_question_and_answer_transcript() -> None:
    text = (
        "An interview with the mayor\n"
        "Q: Why did you call the referendum?\n"
        "A: Because people asked for it.\n"
        "It was the only fair way.\n"
        "Q: Will you campaign?\n"
        "A: Every day until the vote."
    )
    assert [(name, content) for name, _, content in turns(text)] == [
        ("Q", "Why did you call the referendum?"),
        ("A", "Because people asked for it.\nIt was the only fair way."),
        ("Q", "Will you campaign?"),
        ("A", "Every day until the vote."),
    ]


def test_question_without_labelled_answers_keeps_answers_out() -> None:
    text = "Q: First question?\nThe answer, unlabelled.\nQ: Second question?\nAnother answer."
    found = [(name, content) for name, _, content in turns(text)]
    assert found == [("Q", "First question?"), ("Q", "Second question?")]


def test_dotted_question_and_answer() -> None:
    text = "Q. What comes next?\nA. A long recount.\nA. Philip Randolph is remembered here too."
    assert [name for name, _, _ in turns(text)] == ["Q", "A", "A"]
    assert turns("A. Philip Randolph spoke first.\nA. Lincoln spoke later.") == []


def test_single_update_label_is_not_a_transcript() -> None:
    text = f"{HEADLINE}\nUPDATE: The vote was delayed.\n{BODY}\nTRUMP: We will win this state."
    layout = find_layout(text)
    assert layout.turns == []
    assert pieces(text, layout) == [("label", "UPDATE:")]  # and a lone "TRUMP:" stays speech


def test_mixed_case_turns_need_a_returning_speaker() -> None:
    text = (
        f"{HEADLINE}\n"
        "Wallace: So the budget will pass on Friday?\n"
        "Pence: We think it will pass with room to spare.\n"
        "Wallace: And the opposition leader says otherwise.\n"
    )
    assert [(name, content) for name, _, content in turns(text)] == [
        ("Wallace", "So the budget will pass on Friday?"),
        ("Pence", "We think it will pass with room to spare."),
        ("Wallace", "And the opposition leader says otherwise."),
    ]
    listing = (
        f"{HEADLINE}\nSanders: Won three states and lost two narrowly.\n"
        "Clinton: Leads in delegates by a wide margin.\nCruz: Trails in most of the polls now.\n"
    )
    assert turns(listing) == []


# ---- the whole ---------------------------------------------------------------------------------------------------
def test_furniture_is_sorted_non_overlapping_and_looked_up() -> None:
    text = (
        f"{HEADLINE}\nBy Jane Doe\nKYIV, Ukraine (AP) — {BODY}\nADVERTISEMENT\n"
        "Protesters gather outside parliament. (AP Photo/Evan Marsh)\n"
        f"{BODY2}\n— John Roe contributed reporting."
    )
    layout = find_layout(text)
    assert [f.kind for f in layout.furniture] == ["byline", "dateline", "label", "caption", "byline"]
    assert all(f.kind in FURNITURE_KINDS for f in layout.furniture)
    assert all(a.end <= b.start for a, b in zip(layout.furniture, layout.furniture[1:], strict=False))
    at = text.index("KYIV") + 2
    assert layout.furniture_at(at) is layout.dateline
    assert layout.furniture_at(text.index("Officials")) is None


def test_empty_and_plain_text() -> None:
    assert find_layout("").furniture == [] and find_layout("").turns == []
    plain = f"{HEADLINE}\n{BODY}\n“We are ready,” the minister said — and the room applauded."
    layout = find_layout(plain)
    assert layout.furniture == [] and layout.turns == [] and layout.dateline is None


def test_headline_like_lines_are_marked_but_stay_text() -> None:
    text = ("Harbour Board Says New Cranes Will Arrive Before Winter.\n\n"
            "The harbour board said on Monday that the cranes would arrive in November.\n\n"
            "Dockers welcomed the news.\n\n"
            "The board will meet again in March.\n")
    layout = find_layout(text)
    first, second = layout.paragraphs[0], layout.paragraphs[1]
    assert first.headline and not first.heading
    assert not second.headline


def test_the_parse_keeps_the_input_text_so_analysis_need_not_rebuild_it() -> None:
    """`analyze_parsed` hands the input text to `nlp.sentences.text_of` instead of joining the tokens again;
    that is right only because spaCy's tokenisation loses no character (odd spaces, tabs, CRLF, NBSP, U+2028)."""
    from newsledger.analyze import analyze
    from newsledger.nlp.pipeline import load_nlp

    for text in ["  Two  spaces.\n\n\tA tab\u00a0and a no-break space.  ", "Windows\r\nline ends", "",
                 "\u201cQuoted,\u201d she said \u2014  then\u2028a line separator."]:
        assert load_nlp()(text).text == text
    analysis = analyze("The mayor said  the tunnel\u00a0cost 2 million euros.\r\n\r\nIt opened in May.")
    assert [analysis.text[s:e] for s, e in analysis.sentences][0].startswith("The mayor said  the tunnel")
