"""Check-worthiness scored on ClaimBuster (held-out 20%, fixed seed) and CheckThat! 2019 (by debate).

The word model is refitted on each training part; the shipped encoder (`claims.encoder`) was trained by
`scripts/train_claims_encoder.py` on ClaimBuster's training part of this very split (SPLIT_SEED, HELD_OUT), so
neither is scored on what it saw. The encoder is not scored on CheckThat! 2019: its debates overlap ClaimBuster's,
which the encoder was trained on.
"""

from __future__ import annotations

import csv
import json
import random
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from newsledger.claims.checkworthy import sentence_features
from newsledger.claims.training import fit_checkworthiness
from newsledger.eval.brat import shared_dir

SPLIT_SEED = 42
HELD_OUT = 0.2
CT19_FOLDS = 4


def claimbuster_rows(shared: Path | None = None) -> list[tuple[str, int]]:
    path = shared_dir(shared) / "datasets" / "claimbuster" / "claimbuster_train.json"
    return [(r["text"], int(r["label"])) for r in json.loads(path.read_text(encoding="utf-8"))]


def ct19_rows(shared: Path | None = None) -> list[tuple[str, int, str]]:
    path = shared_dir(shared) / "datasets" / "claimbuster" / "CT19-T1-Training.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["text"], int(r["label"]), r["file_name"]) for r in csv.DictReader(fh)]


def featurize(texts: list[str]) -> list[list[str]]:
    """Features of each text parsed as one span, with the pipeline's own model."""
    from newsledger.nlp.pipeline import load_nlp

    return [sentence_features(doc[:]) for doc in load_nlp().pipe(texts, batch_size=64)]


def _prf(gold: list[int], pred: list[bool]) -> dict[str, float]:
    tp = sum(1 for g, p in zip(gold, pred, strict=True) if g and p)
    npred, ngold = sum(pred), sum(gold)
    p = tp / npred if npred else 0.0
    r = tp / ngold if ngold else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n_gold": ngold, "n_pred": npred}


def _average_precision(gold: list[int], scores: list[float]) -> float:
    ranked = sorted(zip(scores, gold, strict=True), key=lambda x: -x[0])
    hits, total = 0, 0.0
    for k, (_, g) in enumerate(ranked, 1):
        if g:
            hits += 1
            total += hits / k
    return total / hits if hits else 0.0


def claimbuster_split(n_rows: int) -> tuple[list[int], list[int]]:
    """(training, held-out) row indices of ClaimBuster: shuffled by SPLIT_SEED, the last HELD_OUT share held out.
    The one split the word model is refitted on, the encoder was trained on, and both are scored on."""
    order = list(range(n_rows))
    random.Random(SPLIT_SEED).shuffle(order)
    cut = int(n_rows * (1 - HELD_OUT))
    return order[:cut], order[cut:]


def score_claimbuster(shared: Path | None = None) -> dict[str, Any]:
    started = time.perf_counter()
    rows = claimbuster_rows(shared)
    feats = featurize([t for t, _ in rows])
    train, test = claimbuster_split(len(rows))
    model = fit_checkworthiness([feats[i] for i in train], [rows[i][1] for i in train])
    scores = [model.score(feats[i]) for i in test]
    gold = [rows[i][1] for i in test]
    report = _prf(gold, [s >= model.threshold for s in scores])
    report.update({"dataset": "claimbuster", "model": "fast", "train": len(train), "test": len(test),
                   "threshold": model.threshold,
                   "average_precision": _average_precision(gold, scores),
                   "seconds": round(time.perf_counter() - started, 1)})
    return report


def score_claimbuster_encoder(shared: Path | None = None) -> dict[str, Any] | None:
    """The shipped encoder on the held-out 20% (None when it does not load): the same measures as
    `score_claimbuster`, at the threshold shipped with the model."""
    from newsledger.claims.encoder import default_encoder

    encoder = default_encoder()
    if encoder is None:
        return None
    started = time.perf_counter()
    rows = claimbuster_rows(shared)
    train, test = claimbuster_split(len(rows))
    scores = encoder.score([rows[i][0] for i in test])
    gold = [rows[i][1] for i in test]
    report = _prf(gold, [s >= encoder.threshold for s in scores])
    report.update({"dataset": "claimbuster", "model": "accurate", "train": len(train), "test": len(test),
                   "threshold": encoder.threshold, "average_precision": _average_precision(gold, scores),
                   "seconds": round(time.perf_counter() - started, 1)})
    return report


def score_ct19(shared: Path | None = None) -> dict[str, Any]:
    """Debates are dealt round-robin into folds (sorted by name); each fold is scored by a model trained
    on the other debates. Also the mean average precision per debate, the CheckThat! measure."""
    started = time.perf_counter()
    rows = ct19_rows(shared)
    debates = sorted({d for _, _, d in rows})
    fold_of = {d: k % CT19_FOLDS for k, d in enumerate(debates)}
    feats = featurize([t for t, _, _ in rows])
    gold_all: list[int] = []
    pred_all: list[bool] = []
    ap: dict[str, float] = {}
    for k in range(CT19_FOLDS):
        train = [i for i, r in enumerate(rows) if fold_of[r[2]] != k]
        test = [i for i, r in enumerate(rows) if fold_of[r[2]] == k]
        model = fit_checkworthiness([feats[i] for i in train], [rows[i][1] for i in train])
        by_debate: dict[str, list[tuple[float, int]]] = defaultdict(list)
        for i in test:
            s = model.score(feats[i])
            gold_all.append(rows[i][1])
            pred_all.append(s >= model.threshold)
            by_debate[rows[i][2]].append((s, rows[i][1]))
        for debate, pairs in by_debate.items():
            ap[debate] = _average_precision([g for _, g in pairs], [s for s, _ in pairs])
    report = _prf(gold_all, pred_all)
    report.update({"dataset": "ct19", "debates": len(debates), "folds": CT19_FOLDS,
                   "mean_average_precision": sum(ap.values()) / len(ap) if ap else 0.0,
                   "seconds": round(time.perf_counter() - started, 1)})
    return report
