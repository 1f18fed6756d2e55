"""The one span matcher every scorer uses, so PolNeAR scores and the seed check mean the same thing.

It follows `../shared/tools/check_seed.py`: a gold item matches the unused prediction that covers the
largest share of the gold's characters, provided that share reaches the threshold; one-to-one, greedy.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from newsledger.records import Span

CharSet = frozenset[int]


def chars(spans: Iterable[Span]) -> CharSet:
    """The character offsets covered by [start, end) spans."""
    out: set[int] = set()
    for start, end in spans:
        out.update(range(start, end))
    return frozenset(out)


def overlaps(a: Iterable[Span], b: Iterable[Span]) -> bool:
    """Whether two span lists share at least one character."""
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def match(gold: Sequence[CharSet], pred: Sequence[CharSet], threshold: float) -> dict[int, int]:
    """Greedy one-to-one matching, {gold index: pred index}.

    Candidate pairs are those where the prediction covers >= `threshold` of the gold's characters; the
    pairs are taken best share first (ties as check_seed.py breaks them), skipping used gold or predictions.
    Empty gold never matches.
    """
    pairs: list[tuple[float, int, int]] = []
    for i, g in enumerate(gold):
        if not g:
            continue
        for j, p in enumerate(pred):
            share = len(g & p) / len(g)
            if share >= threshold:
                pairs.append((share, i, j))
    pairs.sort(reverse=True)
    used_pred: set[int] = set()
    out: dict[int, int] = {}
    for _share, i, j in pairs:
        if i in out or j in used_pred:
            continue
        out[i] = j
        used_pred.add(j)
    return out


class PRF(NamedTuple):
    """Precision, recall and their harmonic mean."""

    p: float
    r: float
    f1: float


def prf(tp_pred: int, n_pred: int, tp_gold: int | None = None, n_gold: int = 0) -> PRF:
    """P = matched predictions / predictions, R = matched gold / gold (0.0 where undefined).

    The two counts differ only when a subset is scored (its predictions for P, its gold for R) after one
    global matching; `tp_gold` defaults to `tp_pred`.
    """
    tp_gold = tp_pred if tp_gold is None else tp_gold
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return PRF(p, r, f1)
