"""Fitting the event-type model (scikit-learn at training time only; the result is plain JSON weights).

Used by `scripts/train_event_types.py` (the shipped model) and by `newsledger eval events` (models refitted
per cross-validation fold, so the reported figures never see their own test rows).
"""

from __future__ import annotations

from newsledger.events.arguments import TargetRanker
from newsledger.events.typing import EventTyper

DEFAULT_C = 3.0
DEFAULT_THRESHOLD = 0.5
MIN_WEIGHT = 0.05  # smaller weights are dropped from the file: they hardly change a decision (CV figures unchanged)


def fit_typer(examples: list[tuple[list[str], str]], c: float = DEFAULT_C,
              threshold: float = DEFAULT_THRESHOLD) -> EventTyper:
    """Multinomial logistic regression over binary features, exported as dicts."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(feats, 1) for feats, _ in examples])
    y = [label for _, label in examples]
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, y)
    classes = tuple(str(c) for c in model.classes_)
    coef = model.coef_
    if len(classes) == 2:  # binary sklearn models keep one row; give both classes theirs
        coef = [-coef[0], coef[0]]
        bias_values = [-model.intercept_[0], model.intercept_[0]]
    else:
        bias_values = list(model.intercept_)
    weights: dict[str, dict[str, float]] = {}
    for j, name in enumerate(vec.get_feature_names_out()):
        row = {cls: round(float(coef[k][j]), 3) for k, cls in enumerate(classes) if abs(coef[k][j]) >= MIN_WEIGHT}
        if row:
            weights[str(name)] = row
    bias = {cls: round(float(b), 4) for cls, b in zip(classes, bias_values, strict=True)}
    return EventTyper(classes, bias, weights, threshold)


RANKER_C = 1.0
RANKER_FLOOR = 0.6


def fit_ranker(groups: list[list[tuple[list[str], bool]]], c: float = RANKER_C,
               floor: float = RANKER_FLOOR) -> TargetRanker:
    """Binary logistic regression over candidate features (is this candidate the gold target?), exported as
    a dict; `groups` are the candidates of one event each (see `newsledger.eval.events.ranker_examples`)."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    flat = [(feats, label) for group in groups for feats, label in group]
    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(feats, 1) for feats, _ in flat])
    y = [int(label) for _, label in flat]
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(x, y)
    weights = {str(name): round(float(w), 3) for name, w in zip(vec.get_feature_names_out(), model.coef_[0],
                                                                 strict=True) if abs(w) >= MIN_WEIGHT}
    weights["bias"] = round(weights.get("bias", 0.0) + float(model.intercept_[0]), 4)
    return TargetRanker(weights, floor)
