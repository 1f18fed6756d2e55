"""Quote extraction scored against PolNeAR attributions: span P/R/F1 and speaker accuracy.

Scores are given overall and split by whether the quote carries quotation marks, because marked quotes
are the easy half and unmarked (reported) speech is where extraction is hard: one number would hide that.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.article import Article
from newsledger.eval.brat import GoldArticle, GoldAttribution, read_split, span_text, split_dir
from newsledger.eval.matching import chars, match, overlaps, prf
from newsledger.records import Analysis, Quote, Span

QUOTE_MARKS = frozenset('"“”„«»')
THRESHOLDS = (0.3, 0.8)
SPEAKER_THRESHOLD = 0.3
SUBSETS = ("overall", "with_marks", "without_marks")


def has_marks(text: str) -> bool:
    """Whether a quote's text contains a quotation mark (straight or typographic double, guillemet)."""
    return not QUOTE_MARKS.isdisjoint(text)


def _subsets(marked: bool) -> tuple[str, str]:
    return ("overall", "with_marks" if marked else "without_marks")


@dataclass(slots=True)
class _Counts:
    """Tallies for one subset; tp_gold and tp_pred differ only for the marked/unmarked subsets."""

    n_gold: int = 0
    n_pred: int = 0
    tp_gold: dict[float, int] = field(default_factory=lambda: dict.fromkeys(THRESHOLDS, 0))
    tp_pred: dict[float, int] = field(default_factory=lambda: dict.fromkeys(THRESHOLDS, 0))
    speaker_n: int = 0
    speaker_ok: int = 0

    def as_dict(self) -> dict[str, Any]:
        row: dict[str, Any] = {"n_gold": self.n_gold, "n_pred": self.n_pred}
        for thr in THRESHOLDS:
            score = prf(self.tp_pred[thr], self.n_pred, self.tp_gold[thr], self.n_gold)
            row[f"{thr:g}"] = {
                "tp_gold": self.tp_gold[thr],
                "tp_pred": self.tp_pred[thr],
                "p": score.p,
                "r": score.r,
                "f1": score.f1,
            }
        row["speaker"] = {
            "n": self.speaker_n,
            "correct": self.speaker_ok,
            "acc": self.speaker_ok / self.speaker_n if self.speaker_n else None,
        }
        return row


def speaker_correct(quote: Quote, source: list[Span], entities: dict[str, list[Span]]) -> bool:
    """Right when the speaker's mention, or any mention of its entity, overlaps the gold Source span.

    PolNeAR sources are surface mentions ("he", "a source"), so any mention of the right entity counts.
    """
    spans = list(entities.get(quote.speaker.entity or "", []))
    if quote.speaker.mention is not None:
        spans.append(quote.speaker.mention)
    return overlaps(spans, source)


class QuoteScorer:
    """Accumulates counts (and, if asked, error records) over articles; `report()` gives the numbers."""

    def __init__(self, keep_errors: bool = False) -> None:
        self.counts = {name: _Counts() for name in SUBSETS}
        self.articles = 0
        self.errors: list[dict[str, Any]] | None = [] if keep_errors else None

    def add(self, gold: GoldArticle, analysis: Analysis) -> None:
        """Score one article's predicted quotes against its gold attributions."""
        text = gold.text
        self.articles += 1
        golds = gold.attributions
        preds = analysis.quotes
        gold_marked = [has_marks(span_text(text, g.content)) for g in golds]
        pred_marked = [has_marks(span_text(text, q.content)) for q in preds]
        for marked in gold_marked:
            for name in _subsets(marked):
                self.counts[name].n_gold += 1
        for marked in pred_marked:
            for name in _subsets(marked):
                self.counts[name].n_pred += 1

        gold_sets = [chars(g.content) for g in golds]
        pred_sets = [chars(q.content) for q in preds]
        matches = {thr: match(gold_sets, pred_sets, thr) for thr in THRESHOLDS}
        for thr, pairs in matches.items():
            for i, j in pairs.items():
                for name in _subsets(gold_marked[i]):
                    self.counts[name].tp_gold[thr] += 1
                for name in _subsets(pred_marked[j]):
                    self.counts[name].tp_pred[thr] += 1

        entities = {e.id: e.mentions for e in analysis.entities}
        for i, j in matches[SPEAKER_THRESHOLD].items():
            if not golds[i].source:
                continue
            ok = speaker_correct(preds[j], golds[i].source, entities)
            for name in _subsets(gold_marked[i]):
                self.counts[name].speaker_n += 1
                self.counts[name].speaker_ok += ok
            if not ok and self.errors is not None:
                self.errors.append(self._wrong_speaker(gold, golds[i], analysis, preds[j]))

        if self.errors is not None:
            loose = matches[SPEAKER_THRESHOLD]
            for i, g in enumerate(golds):
                if i not in loose:
                    self.errors.append(self._gold_record("missed", gold, g))
            matched_pred = set(loose.values())
            for j, q in enumerate(preds):
                if j not in matched_pred:
                    self.errors.append(self._pred_record("false_positive", gold.id, analysis, q))

    def report(self) -> dict[str, Any]:
        """The numbers as a plain dict (JSON-ready)."""
        return {
            "articles": self.articles,
            "thresholds": list(THRESHOLDS),
            "speaker_threshold": SPEAKER_THRESHOLD,
            "subsets": {name: c.as_dict() for name, c in self.counts.items()},
        }

    @staticmethod
    def _gold_record(error: str, article: GoldArticle, g: GoldAttribution) -> dict[str, Any]:
        text = article.text
        return {
            "error": error,
            "article": article.id,
            "gold_id": g.id,
            "content": span_text(text, g.content),
            "content_spans": [list(s) for s in g.content],
            "cue": span_text(text, g.cue) or None,
            "source": span_text(text, g.source) or None,
            "marked": has_marks(span_text(text, g.content)),
        }

    @staticmethod
    def _pred_record(error: str, article_id: str, analysis: Analysis, q: Quote) -> dict[str, Any]:
        text = analysis.text
        mention = q.speaker.mention
        return {
            "error": error,
            "article": article_id,
            "quote_id": q.id,
            "kind": q.kind,
            "content": span_text(text, q.content),
            "content_spans": [list(s) for s in q.content],
            "cue": text[q.cue[0] : q.cue[1]] if q.cue else None,
            "speaker": text[mention[0] : mention[1]] if mention else None,
            "speaker_name": q.speaker.name,
            "speaker_entity": q.speaker.entity,
            "why": q.why,
            "act": q.act,
            "form": q.form,
            "statement": q.statement,
        }

    def _wrong_speaker(self, article: GoldArticle, g: GoldAttribution, analysis: Analysis, q: Quote) -> dict[str, Any]:
        record = self._gold_record("wrong_speaker", article, g)
        pred = self._pred_record("wrong_speaker", article.id, analysis, q)
        record.update({f"pred_{k}": v for k, v in pred.items() if k not in ("error", "article")})
        return record


def score_pairs(pairs: Iterable[tuple[GoldArticle, Analysis]], keep_errors: bool = False) -> QuoteScorer:
    """Score already analysed articles; split out so tests can feed fake predictions."""
    scorer = QuoteScorer(keep_errors=keep_errors)
    for gold, analysis in pairs:
        scorer.add(gold, analysis)
    return scorer


def score_quotes(
    dataset: str = "polnear-dev",
    limit: int | None = None,
    *,
    errors: str | os.PathLike[str] | None = None,
    shared: str | os.PathLike[str] | None = None,
    batch_size: int = 16,
) -> dict[str, Any]:
    """Analyse every article of a PolNeAR split (batched) and score its quotes; optionally dump errors.

    `errors` is a JSONL path: one record per missed gold, false positive and wrong speaker (at 0.3).
    """
    from newsledger.analyze import analyze_many  # the model loads only when scoring is asked for

    golds = list(read_split(split_dir(dataset, shared), limit=limit))
    articles = (Article(text=g.text, id=g.id, published=g.published, source=g.source) for g in golds)
    started = time.perf_counter()
    analyses = list(analyze_many(articles, batch_size=batch_size))
    seconds = time.perf_counter() - started
    if [a.article.id for a in analyses] != [g.id for g in golds]:
        raise RuntimeError("analyze_many returned analyses out of order or dropped some")
    scorer = score_pairs(zip(golds, analyses, strict=True), keep_errors=errors is not None)
    if errors is not None:
        with Path(errors).open("w", encoding="utf-8") as fh:
            for record in scorer.errors or []:
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"dataset": dataset, "seconds": round(seconds, 2), **scorer.report()}
