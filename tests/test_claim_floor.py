"""Check-worthiness on ClaimBuster's held-out 20% (fixed seed) and CheckThat! 2019 by debate (~2 minutes).

The claims issue's floor, F1 >= 0.80 on the ClaimBuster split, is held by the `accurate` model (the fine-tuned
encoder, trained on the split's training part only); the `fast` word model is guarded at the level it reaches.
"""

from __future__ import annotations

from newsledger.claims.checkworthy import default_model
from newsledger.eval.claims import score_claimbuster, score_ct19


def test_claimbuster_held_out() -> None:
    report = score_claimbuster()
    assert report["test"] == 1596
    assert report["f1"] >= 0.72, report
    assert report["average_precision"] >= 0.82, report


def test_accurate_model_reaches_the_floor() -> None:
    from newsledger.eval.claims import score_claimbuster_encoder

    report = score_claimbuster_encoder()
    assert report is not None, "the encoder ships with the package"
    assert report["test"] == 1596 and report["model"] == "accurate"
    assert report["f1"] >= 0.80, report
    assert report["average_precision"] >= 0.87, report


def test_scores_spread_and_the_article_voice_bar_is_stricter() -> None:
    from newsledger.claims.scoring import scorer

    for name in ("fast", "accurate"):
        bars = scorer(name)
        assert bars is not None and bars.name == name
        assert 0.2 <= bars.threshold < bars.article_bar < 1.0


def test_ct19_by_debate() -> None:
    report = score_ct19()
    assert report["mean_average_precision"] >= 0.15, report


def test_shipped_checkworthiness_model_is_small() -> None:
    model = default_model()
    assert model is not None and 0.2 <= model.threshold <= 0.8
    assert len(model.weights) < 50_000
