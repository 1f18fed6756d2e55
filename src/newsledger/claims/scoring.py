"""Which check-worthiness model scores claim candidates, and the bars a candidate must clear.

Two models:
- `fast` (the default): the logistic regression over words and parse features of `claims.checkworthy`,
  microseconds per candidate; F1 0.73 on ClaimBuster's held-out split (`newsledger eval claims`);
- `accurate`: the fine-tuned sentence encoder of `claims.encoder` (all-MiniLM-L6-v2, int8 ONNX), F1 0.80 on the
  same split, ~4 ms per candidate on one core: `bench/bench_analyze.py` ratio 3.1 against 1.26 for `fast`, so it
  is opt-in (the issue's rule: the default must keep the ratio <= 1.3).
Chosen per process by `choose(name)` (the CLI's `--claims-model`) or the environment variable
`NEWSLEDGER_CLAIMS_MODEL`, which worker processes (parse workers, Spark executors) inherit. When the encoder's
files or libraries are missing, `accurate` falls back to `fast` and says so in `Scorer.name`.

Bars: a quote's words are kept as a claim when their score reaches the model's threshold (the best F1 on
ClaimBuster's training part); the article's own sentences must reach the stricter `ARTICLE_VOICE_BAR`, since
news prose states checkable-looking facts in almost every sentence and a reporter's own account is rarely what a
fact-checker picks (issue 15: 82% of PolNeAR dev's candidates passed a single bar).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from newsledger.claims.checkworthy import default_model, sentence_features
from newsledger.claims.encoder import default_encoder

CLAIMS_MODELS = ("fast", "accurate")
ENV = "NEWSLEDGER_CLAIMS_MODEL"
ARTICLE_VOICE_BAR = {"fast": 0.9, "accurate": 0.97}
"""The score the article's own sentences must reach (quotes: the model's threshold), per model."""


@dataclass(frozen=True, slots=True)
class Scorer:
    name: str  # "fast" or "accurate": the model actually used
    threshold: float  # the bar for a quote's words
    article_bar: float  # the bar for the article's own sentences (>= threshold)

    def score(self, texts: list[str], tokens: list[Sequence[Token]]) -> list[float]:
        """One probability in [0, 1] per candidate (its claimed words as text, and as tokens)."""
        if self.name == "accurate":
            encoder = default_encoder()
            assert encoder is not None
            return encoder.score(texts)
        model = default_model()
        assert model is not None
        return [model.score(sentence_features(toks)) if toks else 0.0 for toks in tokens]


def choose(name: str) -> None:
    """Use model `name` in this process and in the worker processes it starts. Raises ValueError for a name not
    in CLAIMS_MODELS."""
    if name not in CLAIMS_MODELS:
        raise ValueError(f"unknown claims model {name!r}: choose {' or '.join(CLAIMS_MODELS)}")
    os.environ[ENV] = name


def chosen() -> str:
    """The model asked for: `choose`'s, else the environment's, else `fast`."""
    name = os.environ.get(ENV, "fast")
    return name if name in CLAIMS_MODELS else "fast"


def scorer(name: str | None = None) -> Scorer | None:
    """The scorer for `name` (default: `chosen()`), falling back from the encoder to the word model when the
    encoder cannot load; None when neither model ships."""
    name = name or chosen()
    if name == "accurate":
        encoder = default_encoder()
        if encoder is not None:
            return Scorer("accurate", encoder.threshold, max(encoder.threshold, ARTICLE_VOICE_BAR["accurate"]))
    model = default_model()
    if model is None:
        return None
    return Scorer("fast", model.threshold, max(model.threshold, ARTICLE_VOICE_BAR["fast"]))
