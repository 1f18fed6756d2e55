"""The claim ranker: what a reader sees in a claim record (who says it, in what form, with a figure or a stance)
on top of the check-worthiness score; fitted on judged PolNeAR train claims, shipped as JSON weights."""

from __future__ import annotations

from pathlib import Path

from newsledger.analyze import analyze
from newsledger.claims.ranking import Ranker, default_ranker, ranking_features

ROOT = Path(__file__).resolve().parents[1]


def test_features_read_the_record_not_the_parse() -> None:
    fact = ranking_features("unemployment fell to 4.1 percent in May, the lowest since 2001", 0.9, "factual",
                            "indirect", "PERSON", "Yellen")
    feeling = ranking_features("I feel we will win this fight", 0.9, "prediction", "direct", "PERSON", "he")
    assert fact["figure"] == 1 and fact["comparison"] == 1 and fact["voice=indirect"] == 1
    assert feeling["first_person"] == 1 and feeling["modal"] == 1 and feeling["stance"] == 1
    assert feeling["pronoun_claimant"] == 1 and fact["pronoun_claimant"] == 0


def test_the_shipped_ranker_prefers_a_named_speakers_figure_to_a_feeling() -> None:
    ranker = default_ranker()
    assert ranker is not None and 0.2 <= ranker.threshold <= 0.8
    fact = ranking_features("unemployment fell to 4.1 percent in May, the lowest since 2001", 0.9, "factual",
                            "indirect", "PERSON", "Yellen")
    feeling = ranking_features("we feel the people are worried about the future", 0.9, "opinion", "direct",
                               "PERSON", "she")
    assert ranker.probability(fact) > ranker.probability(feeling)
    assert Ranker.from_json(ranker.to_json()) == ranker


def test_checkworthiness_is_the_rankers_probability() -> None:
    analysis = analyze("Finance minister Ada Brun said unemployment fell to 4.1 percent in May, the lowest "
                       "level since 2001.\n\nThe figures were published on Friday.", published="2025-06-09")
    scored = [c for c in analysis.claims if c.checkworthiness is not None]
    assert scored and all(0.0 <= c.checkworthiness <= 1.0 for c in scored)


def test_the_judged_labels_carry_no_article_words() -> None:
    labels = (ROOT / "data" / "judged" / "claim_ranking_train.tsv").read_text(encoding="utf-8").splitlines()
    assert labels[0] == "article\tclaim\tstart\tend\tverdict"
    rows = [row.split("\t") for row in labels[1:]]
    assert all(len(r) == 5 and r[2].isdigit() and r[3].isdigit() and int(r[2]) < int(r[3])
               and r[4] in {"worth", "not"} for r in rows)
    assert len(labels) > 300
