"""How worth checking a sentence is: a small logistic regression over words and parse features.

Trained by `scripts/train_checkworthiness.py` on ClaimBuster's labelled debate sentences; stored as JSON
weights (feature -> weight) and scored with dict lookups, so it costs microseconds per sentence on top of
the parse we already have. Features are computed from spaCy tokens in training and at run time alike.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from newsledger.model_files import shipped_model

MODEL_FILE = "checkworthiness.json"


def sentence_features(span: Span | Sequence[Token]) -> list[str]:
    """Lowercased words and word pairs, plus what makes a sentence checkable: numbers, named entities,
    tense, comparatives and superlatives."""
    words = [t.lower_ for t in span if not t.is_space and not t.is_punct]
    feats = [f"w={w}" for w in words]
    feats += [f"b={a}_{b}" for a, b in zip(words, words[1:], strict=False)]
    for tok in span:
        if tok.like_num:
            feats.append("num")
        if tok.ent_type_ and tok.ent_iob_ == "B":
            feats.append(f"ent={tok.ent_type_}")
        if tok.tag_ in {"JJS", "RBS", "JJR", "RBR", "VBD", "VBN", "MD", "CD", "PRP"}:
            feats.append(f"tag={tok.tag_}")
    feats.append(f"len={min(len(words) // 5, 8)}")
    return feats


@dataclass(frozen=True, slots=True)
class CheckworthinessModel:
    bias: float
    weights: dict[str, float]
    threshold: float  # score at or above which a sentence is check-worthy (chosen for F1 in training)

    def score(self, features: list[str]) -> float:
        """P(check-worthy) from the distinct features, each worth 1/sqrt(their number) (an L2-normalised binary
        vector, as in training): a long news sentence does not saturate the score just by having more words."""
        unique = set(features)
        if not unique:
            return 1.0 / (1.0 + math.exp(-self.bias))
        z = self.bias + sum(self.weights.get(f, 0.0) for f in unique) / math.sqrt(len(unique))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"bias": self.bias, "weights": self.weights, "threshold": self.threshold},
                          separators=(",", ":"), sort_keys=True)

    @staticmethod
    def from_json(text: str) -> CheckworthinessModel:
        data = json.loads(text)
        return CheckworthinessModel(float(data["bias"]), data["weights"], float(data["threshold"]))


@functools.cache
def default_model() -> CheckworthinessModel | None:
    text = shipped_model(MODEL_FILE)
    return CheckworthinessModel.from_json(text) if text is not None else None
