"""An event told as having happened never carries a date after the article was published: such a date belongs to
something else in the clause (a goal year, a misread "two years later"), so the event drops it and says why."""

from __future__ import annotations

import datetime as dt

import pytest

from newsledger.analyze import analyze
from newsledger.events.timing import starts_after_publication

BASE = dt.datetime(2016, 5, 10)


@pytest.mark.parametrize("sentence", [
    "Obama pledged by 2050 to reduce emissions 80 percent.",
    "In 2018, Congress cut funding for the program.",
    "Congress cut funding for the program two years later.",
])
def test_a_happened_event_is_not_dated_after_the_article(sentence: str) -> None:
    analysis = analyze(sentence + "\n\nOfficials said so on Tuesday.", published="2016-05-10")
    happened = [e for e in analysis.events if e.modality in {"asserted", "historical"}]
    assert happened
    for event in happened:
        if event.date:
            assert event.date["value"][:10] <= "2016-05-10", (event.type, event.date)
    assert any("after publication" in e.why for e in happened)


def test_which_dates_lie_after_publication() -> None:
    assert starts_after_publication({"value": "2050", "granularity": "year"}, BASE)
    assert starts_after_publication({"value": "2016-06", "granularity": "month"}, BASE)
    assert starts_after_publication({"value": "2016-05-11", "granularity": "day"}, BASE)
    assert not starts_after_publication({"value": "2016-05", "granularity": "month"}, BASE)  # the month it is in
    assert not starts_after_publication({"value": "2016-05-10", "granularity": "day"}, BASE)
    assert not starts_after_publication({"value": "2016-05-12", "granularity": "publication"}, BASE)
    assert not starts_after_publication(None, BASE)
