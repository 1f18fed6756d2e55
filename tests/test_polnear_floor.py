"""A floor on PolNeAR dev, end to end, just under what the typed attributions reach (F1 0.732 at overlap 0.3,
speaker accuracy 0.892): F1 >= 0.725 and speaker accuracy >= 0.88. Issue 10 asks for 0.75 and 0.91; not reached yet.

A regression guard on real, held-out text (about 25 s): any rule change that helps the seed article but
hurts news in general fails here.
"""

from __future__ import annotations

from newsledger.eval.quotes import score_quotes


def test_polnear_dev_meets_the_floor() -> None:
    report = score_quotes("polnear-dev")
    overall = report["subsets"]["overall"]
    assert report["articles"] == 84
    assert overall["0.3"]["f1"] >= 0.725, overall
    assert overall["speaker"]["acc"] >= 0.88, overall
    # both kinds of attribution are found, not only the quoted ones
    assert report["subsets"]["with_marks"]["0.3"]["f1"] >= 0.85
    assert report["subsets"]["without_marks"]["0.3"]["f1"] >= 0.62
