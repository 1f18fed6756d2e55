"""A small learned second opinion on an event's PLOVER type.

The trigger lexicon says what a word usually means; annotators code by the whole clause ("refused to end
the strike" is REJECT, "convicted" is ACCUSE in PLV's convention, "imposed a curfew" is COERCE). A linear model
over the trigger, its light verb, particle, object, governor, modality and the clause's words re-types an
event when it is confident. It is a JSON file of weights (trained by `scripts/train_event_types.py`,
licence in `models/README.md`) scored with dict lookups: no ML library at run time, microseconds per event.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Token

from newsledger.events.triggers import OBJECT_DEPS, Trigger, event_noun
from newsledger.lexicon import TriggerSense
from newsledger.model_files import shipped_model

MODEL_FILE = "event_types.json"
SURE = "lexicon=sure"
"""The feature of a sense the lexicon is sure of: one with a CAMEO code (the model may not drop it, issue 12), or one
that names its object or particle, or a multiword one. Every sense of the shipped `event_triggers.tsv` has a CAMEO
code, so the model overrides nothing today: it is kept for senses a lexicon leaves without a code (an unsure sense),
and `newsledger eval events` measures what it would change."""
_CONTENT_POS = {"NOUN", "VERB", "ADJ", "PROPN"}
_MAX_CLAUSE_WORDS = 40


def event_features(trigger: Trigger, modality: str) -> list[str]:
    """Sparse binary features of one event, from the parse around its trigger."""
    head, verb = trigger.head, trigger.verb
    sense = trigger.sense
    feats = [f"rule={sense.type}", f"sense={sense.lemma}|{sense.pos}", f"head={head.lemma_.lower()}",
             f"mod={modality}", f"rule_mod={sense.type}|{modality}"]
    if lexicon_sure(sense):
        feats.append(SURE)  # a CAMEO code, "sign an agreement", "call for", "hunger strike": the lexicon is sure
    if sense.mode:
        feats.append(f"mode={sense.mode}")
    if verb is not None and verb.i != head.i:
        feats.append(f"light={verb.lemma_.lower()}")
    if trigger.particle is not None:
        feats.append(f"prt={trigger.particle.lower_}")
    clause_head = verb or head
    for child in clause_head.children:
        if child.dep_ in OBJECT_DEPS:
            obj = event_noun(child)
            feats.append(f"obj={obj.lemma_.lower()}")
            if obj.ent_type_:
                feats.append(f"obj_ent={obj.ent_type_}")
        elif child.dep_ == "prep":
            feats.append(f"prep={child.lower_}")
        elif child.dep_ == "xcomp":
            feats.append(f"xcomp={child.lemma_.lower()}")
    if clause_head.dep_ in {"xcomp", "ccomp", "dobj", "pobj"}:
        feats.append(f"gov={_governor(clause_head).lemma_.lower()}")
    for i, tok in enumerate(clause_head.subtree):
        if i >= _MAX_CLAUSE_WORDS:
            break
        if tok.pos_ in _CONTENT_POS and not tok.is_stop:
            feats.append(f"w={tok.lemma_.lower()}")
    return feats


def lexicon_sure(sense: TriggerSense) -> bool:
    """Whether the lexicon is sure of a sense (see `SURE`)."""
    return bool(sense.cameo or sense.objects or sense.particle or " " in sense.lemma or "-" in sense.lemma)


def _governor(token: Token) -> Token:
    node = token.head
    while node.pos_ == "ADP" and node.head.i != node.i:
        node = node.head
    return node


@dataclass(frozen=True, slots=True)
class EventTyper:
    """Multinomial logistic regression as plain dicts: class -> bias, feature -> {class: weight}."""

    classes: tuple[str, ...]
    bias: dict[str, float]
    weights: dict[str, dict[str, float]]
    threshold: float  # the model overrides the lexicon only above this probability

    def probabilities(self, features: list[str]) -> dict[str, float]:
        scores = dict(self.bias)
        for feat in set(features):
            for cls, w in self.weights.get(feat, {}).items():
                scores[cls] += w
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: v / total for c, v in exp.items()}

    def retype(self, rule_type: str, features: list[str]) -> tuple[str, float]:
        """The model's type and its probability when it is confident and disagrees, else the rule's."""
        probs = self.probabilities(features)
        best = max(probs, key=probs.__getitem__)
        if best != rule_type and probs[best] >= self.threshold:
            return best, probs[best]
        return rule_type, probs.get(rule_type, 0.0)

    def to_json(self) -> str:
        return json.dumps({"classes": list(self.classes), "bias": self.bias, "weights": self.weights,
                           "threshold": self.threshold}, separators=(",", ":"), sort_keys=True)

    @staticmethod
    def from_json(text: str) -> EventTyper:
        data = json.loads(text)
        return EventTyper(tuple(data["classes"]), data["bias"], data["weights"], float(data["threshold"]))


def model_may_retype(lexicon_type: str, model_type: str, modality: str, features: list[str] | None = None) -> bool:
    """Whether the clause model's type may replace the lexicon's: one rule for extraction and for the evaluation.
    Never for a negated event: negation is our modality, not another type ("had not endorsed" is SUPPORT).
    Never to AGREE or THREATEN for a future or hypothetical event: a promise or threat is recorded as the act
    promised, with that modality (PLOVER's auxiliaries), not as a statement of intent ("will withdraw" stays
    RETREAT, future). Never where the lexicon is sure (`SURE` among the event's `features`: a sense with a CAMEO
    code, or one that names its object or particle, or a multiword one), so a CAMEO code is never dropped."""
    if model_type == lexicon_type or modality == "negated" or (features is not None and SURE in features):
        return False
    return not (modality in {"future", "hypothetical"} and model_type in {"AGREE", "THREATEN"})


class Retyper(Protocol):
    def retype(self, rule_type: str, features: list[str]) -> tuple[str, float]: ...


class LexiconOnly:
    """Keeps the lexicon's type: for measuring the rules alone."""

    def retype(self, rule_type: str, features: list[str]) -> tuple[str, float]:
        return rule_type, 1.0


@dataclass(slots=True)
class FeatureRecorder:
    """Keeps the lexicon's type and records each event's features, in order: the training script and the
    cross-validated scorer read them back (`take()` after each article)."""

    seen: list[list[str]] = field(default_factory=list)

    def retype(self, rule_type: str, features: list[str]) -> tuple[str, float]:
        self.seen.append(features)
        return rule_type, 1.0

    def take(self) -> list[list[str]]:
        out, self.seen = self.seen, []
        return out


@functools.cache
def default_typer() -> EventTyper | None:
    """The model shipped in the package, or None when it is absent (the lexicon's types stand)."""
    text = shipped_model(MODEL_FILE)
    return EventTyper.from_json(text) if text is not None else None
