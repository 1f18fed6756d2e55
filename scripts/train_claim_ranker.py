#!/usr/bin/env python3
"""Fit the claim ranker shipped as `src/newsledger/models/claim_ranking.json` from blind judgements of PolNeAR
train claims.

    .venv/bin/python scripts/train_claim_ranker.py collect SHEET.jsonl VERDICTS.tsv [...]   # -> data/judged/
    .venv/bin/python scripts/train_claim_ranker.py fit [--c 1.0] [--claims-model fast|accurate] [--bar B]

`collect` turns judged sheets of `scripts/sample_claim_ranking.py` (train split only; the JSONL kept from the
reader, the verdicts filled by the reader) into `data/judged/claim_ranking_train.tsv`: one row per judged claim,
`article, claim, start, end, verdict` (the PolNeAR file stem, the claim id of that day and the claim's span, its
first piece's character offsets); no words of the articles are copied.

`fit` analyses each judged article again with the ranker off, finds each judged claim by its span (ids shift when
the extractor keeps other claims; spans do not unless the claim's words change: a label whose span no longer
starts a claim is skipped and counted), computes `newsledger.claims.ranking.ranking_features` for each judged
claim, and fits a logistic regression (scikit-learn, L2, C given) of `worth`. It reports, by 5-fold
cross-validation over articles (an article's claims never split between training and scoring), the precision at 5
per article of ranking by the ranker against ranking by the check-worthiness score, and picks the bar (0.30 to
0.90 by 0.05): the lowest whose cross-validated precision at 5 among the claims over it reaches TARGET (0.8, the
floor the claims issue sets for the judged dev articles), else the one with the best; it prints, for every bar,
that precision and the share of articles left with a claim worth checking (what a higher bar costs). Deterministic.

`--claims-model accurate` fits the accurate model's ranker (`claim_ranking_accurate.json`) on the same labels,
read with that model's scores; `--bar B` fixes the bar instead of choosing it (the accurate ranker takes the fast
one's, so one `checkworthiness` bar holds for every ledger).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "data" / "judged" / "claim_ranking_train.tsv"
MODELS = ROOT / "src" / "newsledger" / "models"
TARGET = 0.8


def collect(pairs: list[str]) -> int:
    if len(pairs) % 2:
        print("give SHEET.jsonl VERDICTS.tsv pairs", file=sys.stderr)
        return 2
    rows: dict[tuple[str, int, int], tuple[str, str]] = {}  # (article, start, end) -> (claim id, verdict)
    if LABELS.is_file():
        with LABELS.open(encoding="utf-8", newline="") as fh:
            rows = {(r["article"], int(r["start"]), int(r["end"])): (r["claim"], r["verdict"])
                    for r in csv.DictReader(fh, delimiter="\t")}
    for sheet, verdicts in zip(pairs[::2], pairs[1::2], strict=True):
        items = {(r["article"], str(r["item"])): r for r in map(json.loads, Path(sheet).read_text().splitlines())}
        with Path(verdicts).open(encoding="utf-8", newline="") as fh:
            for v in csv.DictReader(fh, delimiter="\t"):
                verdict = (v.get("verdict") or "").strip().lower()
                if verdict in {"worth", "not"}:
                    item = items[(v["article"], v["item"])]
                    rows[(item["article"], int(item["start"]), int(item["end"]))] = (item["id"], verdict)
    LABELS.parent.mkdir(parents=True, exist_ok=True)
    with LABELS.open("w", encoding="utf-8", newline="") as fh:
        fh.write("article\tclaim\tstart\tend\tverdict\n")
        for (article, start, end), (claim, verdict) in sorted(rows.items()):
            fh.write(f"{article}\t{claim}\t{start}\t{end}\t{verdict}\n")
    print(f"{len(rows)} judged claims -> {LABELS}")
    return 0


def _features() -> tuple[list[dict[str, float]], list[int], list[str], list[float]]:
    from newsledger.analyze import analyze_many
    from newsledger.article import Article
    from newsledger.claims import ranking
    from newsledger.claims.extract import ranking_inputs
    from newsledger.eval.brat import shared_dir

    ranking.default_ranker = lambda model="fast": None  # the model's own scores, before ranking
    with LABELS.open(encoding="utf-8", newline="") as fh:
        labels = [(r["article"], (int(r["start"]), int(r["end"])), r["verdict"] == "worth")
                  for r in csv.DictReader(fh, delimiter="\t")]
    by_article: dict[str, dict[tuple[int, int], bool]] = defaultdict(dict)
    for article, span, worth in labels:
        by_article[article][span] = worth
    folder = shared_dir(None) / "datasets" / "polnear" / "train" / "text"
    names = sorted(by_article)
    articles = [Article((folder / f"{name}.txt").read_text(encoding="utf-8"), id=name) for name in names]
    feats, gold, groups, base = [], [], [], []
    lost = 0
    for name, analysis in zip(names, analyze_many(articles), strict=True):
        claims = {c.span: c for c in analysis.claims}
        for span, worth in by_article[name].items():
            claim = claims.get(span)
            if claim is None or claim.checkworthiness is None:
                lost += 1
                continue
            feats.append(ranking.ranking_features(*ranking_inputs(analysis, claim)))
            gold.append(int(worth))
            groups.append(name)
            base.append(claim.checkworthiness)
    if lost:
        print(f"{lost} of {len(labels)} judged claims are no longer claims with a score (skipped)", file=sys.stderr)
    return feats, gold, groups, base


def _precision_at(k: int, groups: list[str], gold: list[int], scores: list[float]) -> float:
    per: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for g, y, s in zip(groups, gold, scores, strict=True):
        per[g].append((s, y))
    values = []
    for pairs in per.values():
        top = sorted(pairs, key=lambda p: -p[0])[:k]
        values.append(sum(y for _, y in top) / len(top))
    return sum(values) / len(values)


def fit(c: float, claims_model: str = "fast", fixed_bar: float | None = None) -> int:
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    from newsledger.claims.ranking import MODEL_FILES, Ranker
    from newsledger.claims.scoring import choose

    choose(claims_model)
    out = MODELS / MODEL_FILES[claims_model]
    feats, gold, groups, base = _features()
    vec = DictVectorizer()
    x = vec.fit_transform(feats)
    y = np.asarray(gold)
    probs = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        model = LogisticRegression(C=c, max_iter=2000).fit(x[train], y[train])
        probs[test] = model.predict_proba(x[test])[:, 1]
    # the bar: the lowest that reaches TARGET by cross-validation (a wrong "worth checking" costs a reader more
    # than a missing one), else the best; with the share of articles each bar leaves a claim
    articles = len(set(groups))
    bars = []
    for t in np.round(np.arange(0.30, 0.901, 0.05), 2):
        kept = [i for i in range(len(y)) if probs[i] >= t]
        if not kept:
            break
        p5 = _precision_at(5, [groups[i] for i in kept], [gold[i] for i in kept], [float(probs[i]) for i in kept])
        covered = len({groups[i] for i in kept}) / articles
        bars.append((float(t), p5, covered))
        print(f"bar {t:.2f}: precision at 5 {p5:.3f}, articles with a claim over it {covered:.2f}")
    best = next(((p5, t) for t, p5, _ in bars if p5 >= TARGET), max((p5, t) for t, p5, _ in bars))
    if fixed_bar is not None:
        best = next(((p5, t) for t, p5, _ in bars if abs(t - fixed_bar) < 1e-9), (float("nan"), fixed_bar))
    threshold = best[1]
    print(f"{len(y)} judged claims of {articles} articles, {y.mean():.2f} worth; F1 of worth at the bar "
          f"{f1_score(y, probs >= threshold):.3f}")
    for k in (1, 3, 5):
        print(f"precision at {k}: ranker {_precision_at(k, groups, gold, list(probs)):.3f}, "
              f"check-worthiness alone {_precision_at(k, groups, gold, base):.3f} (5-fold by article)")
    kept = probs >= threshold
    print(f"bar {threshold:.2f}: keeps {kept.mean():.2f} of judged claims, precision "
          f"{y[kept].mean() if kept.any() else 0:.3f}, precision at 5 among them {best[0]:.3f}")
    model = LogisticRegression(C=c, max_iter=2000).fit(x, y)
    weights = {str(n): round(float(w), 4) for n, w in zip(vec.get_feature_names_out(), model.coef_[0], strict=True)}
    out.write_text(Ranker(round(float(model.intercept_[0]), 4), weights, round(threshold, 3)).to_json() + "\n",
                   encoding="utf-8")
    print(f"-> {out}")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    col = sub.add_parser("collect")
    col.add_argument("files", nargs="+")
    f = sub.add_parser("fit")
    f.add_argument("--c", type=float, default=1.0)
    f.add_argument("--claims-model", default="fast", choices=["fast", "accurate"])
    f.add_argument("--bar", type=float, default=None, help="fix the bar (default: chosen by cross-validation)")
    args = ap.parse_args(argv)
    return collect(args.files) if args.command == "collect" else fit(args.c, args.claims_model, args.bar)


if __name__ == "__main__":
    raise SystemExit(main())
