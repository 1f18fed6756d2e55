"""Which claims a fact-checker picks first: a small logistic regression over what a reader sees in a claim record,
fitted on blind judgements of PolNeAR train claims (`scripts/train_claim_ranker.py`, labels in
`data/judged/`), applied on top of the check-worthiness model's score.

Why a second model: the check-worthiness models learn from debate sentences whether a sentence states something
checkable; a reader choosing what to check also weighs who says it (a named person, an organisation, the reporter,
nobody), in what form (quoted words, reported speech), of what kind (a fact, a forecast, an opinion) and whether it
carries a figure, a comparison or a first-person stance. Those are features of the claim record, not of the
sentence, so they sit here, computed from the claim's words and its record alone (regular expressions, no parse),
the same at training and at run time.

Shape: `ranking_features(...)` -> {feature: value}; `Ranker.probability(features)` -> P(a reader marks it worth
checking), in [0, 1]. Weights in `newsledger/models/claim_ranking.json` (for the accurate model
`claim_ranking_accurate.json`); when absent, `default_ranker()` is None and the check-worthiness score stands
alone.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass

from newsledger.model_files import shipped_model

_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|"
                     r"hundred|thousand|million|billion|trillion|percent|half|third|quarter|dozens?)\b", re.I)
_COMPARISON = re.compile(r"\b(?:most|least|more|less|fewer|\w{3,}est|\w{3,}er than|record|highest|lowest|first|"
                         r"only|never|ever|since)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:I|we|my|our|us|me|I'm|we're|I've|we've)\b")
_MODAL = re.compile(r"\b(?:will|would|could|should|may|might|must|can|going to|wants? to|plans? to|hopes? to)\b",
                    re.I)
_STANCE = re.compile(r"\b(?:think|believe|feel|hope|expect|wish|guess|sure|confident|proud|disappointed|happy|"
                     r"sad|angry|worried|concerned)\b", re.I)
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i|you|him|her|them)$", re.I)


def ranking_features(words: str, score: float, kind: str, voice: str, claimant_type: str | None,
                     claimant_mention: str | None) -> dict[str, float]:
    """The features of one claim: `words` its claimed words (pieces joined), `score` its check-worthiness before
    ranking, `kind` its kind, `voice` "article", "direct", "indirect", "mixed" or "unattributed", `claimant_type`
    the claimant entity's type (PERSON, ORG, GROUP, GPE, NORP, OTHER; None when no entity) and
    `claimant_mention` the words that name the claimant where it speaks (None when none)."""
    n_words = len(words.split())
    bounded = min(max(score, 1e-4), 1.0 - 1e-4)
    feats = {
        "score": score,
        # the models' scores crowd near 1 for news sentences; on the log-odds scale 0.95 and 0.995 differ as much
        # as 0.5 and 0.9, and readers' verdicts follow that difference (scripts/train_claim_ranker.py)
        "log_odds": math.log(bounded / (1.0 - bounded)),
        f"kind={kind}": 1.0,
        f"voice={voice}": 1.0,
        f"claimant={claimant_type or 'none'}": 1.0,
        "figure": 1.0 if _FIGURE.search(words) else 0.0,
        "comparison": 1.0 if _COMPARISON.search(words) else 0.0,
        "first_person": 1.0 if _FIRST_PERSON.search(words) else 0.0,
        "modal": 1.0 if _MODAL.search(words) else 0.0,
        "stance": 1.0 if _STANCE.search(words) else 0.0,
        "question": 1.0 if "?" in words else 0.0,
        "scare_quotes": 1.0 if re.search(r"[\"“”‘’]", words) else 0.0,
        "log_words": math.log1p(n_words),
        "long": 1.0 if n_words > 40 else 0.0,
        "pronoun_claimant": 1.0 if claimant_mention and _PRONOUN.match(claimant_mention.strip()) else 0.0,
    }
    return feats


@dataclass(frozen=True, slots=True)
class Ranker:
    bias: float
    weights: dict[str, float]
    threshold: float  # probability at or above which a claim is worth checking (chosen in training)

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> str:
        return json.dumps({"bias": self.bias, "weights": self.weights, "threshold": self.threshold}, indent=1,
                          sort_keys=True)

    @staticmethod
    def from_json(text: str) -> Ranker:
        data = json.loads(text)
        return Ranker(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()},
                      float(data["threshold"]))


MODEL_FILES = {"fast": "claim_ranking.json", "accurate": "claim_ranking_accurate.json"}
"""One ranker per check-worthiness model (`claims.scoring.CLAIMS_MODELS`): each reads its own model's scores,
which are spread differently. Both are fitted on the same judged claims with the same bar (`worth_bar`), so a
ledger's `checkworthiness` means the same whichever model built it."""


@functools.cache
def default_ranker(model: str = "fast") -> Ranker | None:
    """The shipped ranker for check-worthiness model `model` ("fast" or "accurate"), or None when the package has
    none (the check-worthiness score then ranks alone)."""
    text = shipped_model(MODEL_FILES.get(model, MODEL_FILES["fast"]))
    return Ranker.from_json(text) if text is not None else None


def worth_bar() -> float | None:
    """The check-worthiness (in [0, 1]) at or above which a claim counts as worth checking: the shipped rankers'
    bar, chosen by `scripts/train_claim_ranker.py` for the default model as the lowest whose cross-validated
    precision at 5 on judged PolNeAR train claims reaches 0.8 (the accurate model's ranker is fitted to the same
    bar). None when no ranker ships."""
    ranker = default_ranker()
    return ranker.threshold if ranker is not None else None
