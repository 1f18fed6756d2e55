"""The sentence shown for an event (and as a cluster's example) is a whole sentence: titles such as "Mr." and
initials such as "U.S." do not end it."""

from __future__ import annotations

from newsledger.analyze import analyze
from newsledger.store.rows import analysis_rows

STORY = (
    "Sen. Ruth Adair met Mr. Okafor in Lagos on Monday, when the U.S. envoy first met Gen. Bello to discuss "
    "the attacks on the pipeline.\n\n"
    "Rebels attacked the pipeline near Warri on Sunday, the army said."
)


def test_event_sentence_runs_past_titles_and_initials() -> None:
    analysis = analyze(STORY, published="2025-02-03")
    rows = analysis_rows(analysis)["events"]
    assert rows, "the story has events"
    for row in rows:
        sentence = row["sentence"]
        assert sentence.endswith((".", "!", "?", '"', "”")), sentence
        assert not sentence.endswith(("Mr.", "Sen.", "Gen.", "U.S.")), sentence


def test_without_the_parse_the_rough_cut_still_knows_abbreviations() -> None:
    analysis = analyze(STORY, published="2025-02-03")
    analysis.sentences = []  # as for an analysis read back from JSON
    for row in analysis_rows(analysis)["events"]:
        assert not row["sentence"].endswith(("Mr.", "Sen.", "Gen.", "U.S.")), row["sentence"]
    met = [r for r in analysis_rows(analysis)["events"] if r["trigger"] == "met"]
    if met:
        assert met[0]["sentence"].startswith("Sen. Ruth Adair met Mr. Okafor")
