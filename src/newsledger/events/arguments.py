"""A learned choice of an event's target among the nouns of its clause.

The participant rules (`participants.py`) name one target by a fixed order of preference (an actor object, then
an actor in a "to/with/against" phrase, then an actor inside the object...). Annotators choose by the whole
clause: "announced the deployment of 230 troops to Liberia" is aimed at Liberia, "a suspension of air links with
21 countries" at the countries, "returned 12 skulls to Peru" at Peru. The ranker scores every candidate noun of
the clause (`target_candidates`) with a logistic model over the dependency path from the trigger, the candidate's
entity type and actor nouns, its side and distance, the event type and whether the rules chose it
(`candidate_features`), and takes the best one; when no candidate is likely enough the event keeps no target
(an empty target is better than a wrong one). Weapons, instruments, quantities, dates, datelines, the trigger's
own words and the source are never candidates.

It is a JSON file of weights (`event_targets.json`, trained by `scripts/train_event_targets.py` on the target
spans of PLV_train, licence in `models/README.md`), scored with dict lookups: no ML library at run time.
Written here rather than taken from a library because the candidates and features are the parse's own; the
fitting is scikit-learn's (`events/training.py`).
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from spacy.tokens import Token

from newsledger import lexicon
from newsledger.entities.actors import code_name
from newsledger.events.triggers import Trigger
from newsledger.model_files import shipped_model
from newsledger.nlp.sentences import entity_span

MODEL_FILE = "event_targets.json"
LOCATIVE = "locative_place"
COUNTERPART = "actor_counterpart"
LOCATIVE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "off", "across", "around", "throughout", "within",
                            "along"})
MAX_DEPTH = 4  # dependency hops from the trigger's clause head
_NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY", "LAW", "WORK_OF_ART",
                   "EVENT", "PRODUCT", "LANGUAGE"}  # "a Freedom of Information Act request"
_SKIP_DEPS = {"nsubj", "csubj", "agent", "punct", "aux", "auxpass", "det", "cc", "mark", "neg", "advmod", "case",
              "parataxis"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "pcomp", "csubj", "xcomp"}  # searched only when they hang
# on the trigger's own clause head ("refused to meet the envoy"), not deeper ("charges of attempting to subvert X")
_REFLEXIVE = {"its", "their", "his", "her", "our", "my", "your", "itself", "themselves", "himself", "herself"}
_PRONOUNS_NOT_ACTORS = {"this", "that", "what", "which", "these", "those", "something", "anything", "nothing",
                        "everything", "one"}


def target_candidates(trigger: Trigger, source: Token | None, rule: Token | None,
                      excluded: Callable[[Token], bool] | None = None) -> list[tuple[Token, str]]:
    """Candidate targets with their dependency path from the clause head, in text order: noun and pronoun
    heads within `MAX_DEPTH` hops of the trigger's clause head (not through its subject, and not inside the
    source), the head of a relative clause the trigger is in ("a venue the leader skipped"), and the rules'
    choice. `excluded(token)` drops a token (datelines)."""
    anchor = trigger.verb or trigger.head
    own = set(range(trigger.start, trigger.end))  # the trigger's words: searched through, never candidates
    skip: set[int] = set()
    if source is not None:
        skip.update(range(source.left_edge.i, source.right_edge.i + 1))
    found: dict[int, tuple[Token, str]] = {}
    frontier: list[tuple[Token, str, int]] = [(anchor, "", 0)]
    while frontier:
        node, path, depth = frontier.pop()
        for child in node.children:
            dep = child.dep_
            if dep == "conj" and child.pos_ in {"VERB", "AUX"}:
                continue  # "signaled support for the pause, but Putin refused": another clause's actors
            if dep in _SKIP_DEPS and not (node is not anchor and dep == "nsubj"):
                continue  # the clause's own subject is the source's side; a nested clause's subject may be hit
            step = f"{dep}:{child.lower_}" if dep in {"prep", "agent", "dative"} and child.pos_ == "ADP" else dep
            child_path = f"{path}/{step}" if path else step
            direct = node is anchor or (trigger.is_noun and node.dep_ == "prep" and node.lower_ == "of"
                                        and node.head.i == trigger.head.i)  # "a rebuff of the plan"
            if child.i not in skip and child.i not in own and _can_be_target(child) \
                    and fits_event(child, trigger.sense.type, direct) and (excluded is None or not excluded(child)):
                found.setdefault(child.i, (child, child_path))
            marked = dep == "advcl" and any(c.dep_ == "mark" for c in child.children)  # "until the detainees
            # had crossed", "if they attack": a condition's actors are not the event's target
            if depth + 1 < MAX_DEPTH and child.i not in skip and not marked \
                    and (dep not in _CLAUSE_DEPS or depth == 0):
                frontier.append((child, child_path, depth + 1))
    if anchor.dep_ == "relcl" and anchor.head.i not in skip | own and _can_be_target(anchor.head) \
            and fits_event(anchor.head, trigger.sense.type, True):
        found.setdefault(anchor.head.i, (anchor.head, "relcl_head"))
    if rule is not None and rule.i not in found and (excluded is None or not excluded(rule)) \
            and fits_event(rule, trigger.sense.type, rule.head is anchor):
        found[rule.i] = (rule, "rule_only")  # the rules' choice is on the list (never a dateline)
    return [found[i] for i in sorted(found)]


PHYSICAL_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "npadvmod", "nmod", "nummod"})
_ABSTRACT = ("ion", "ment", "ity", "ness", "ism", "ance", "ence", "ing", "ure", "cy", "ship")


def fits_event(tok: Token, etype: str, on_trigger: bool = False) -> bool:
    """Whether a noun can be the target of an event of this type. Actors (names, people, groups, roles,
    pronouns, "Pakistani girls") always; a place as what physical force strikes or occupies (`PHYSICAL_TYPES`),
    or a country or capital named as a party ("aid to Ethiopia", "talks with Moscow"), never a place in an
    "in/at/near…" phrase, which is where it happened ("talks at the Kremlin", "a plea deal in Gloversville",
    "a ceasefire in Libya", "shelled villages near Damascus"); a thing as property struck or seized, or as the
    trigger's own object ("rejected the referendum", "boycotted the vote"), never an event ("condemned the bombing"),
    an idea, or a topic further off ("an investigation into Khashoggi's death", "withdrew him from consideration").
    `on_trigger`: the noun hangs on the trigger's clause head."""
    lemma = tok.lemma_.lower()
    if tok.ent_type_ in {"PERSON", "ORG", "NORP"} or tok.pos_ == "PRON" or lemma in lexicon.group_nouns() \
            or lemma in lexicon.sector_nouns() or lemma in lexicon.roles() \
            or any(c.ent_type_ in {"NORP", "GPE"} and c.dep_ in {"amod", "compound"} for c in tok.children):
        return True
    if tok.ent_type_ in _PLACE_ENTS:
        locative = _in_locative_phrase(tok)
        if etype in PHYSICAL_TYPES:
            return not locative  # "shelled Manbij"; "shelled villages near Damascus": Damascus is the location
        hit = code_name(entity_span(tok).text) or code_name(tok.text)
        return not locative and hit is not None and hit[1] in {"country", "capital", "demonym", "metonym"}
    if tok.pos_ == "PROPN":
        return True  # an untagged name
    if (lemma, "NOUN") in lexicon.event_triggers() or lemma.endswith(_ABSTRACT):
        return False  # an event or an idea: "condemned the attack" is aimed at whoever attacked, not named here
    if lemma in lexicon.place_nouns():
        return etype in PHYSICAL_TYPES and not _in_locative_phrase(tok)  # "shelled the town"; "strikes in the area"
    if etype in PHYSICAL_TYPES:  # property struck or seized, never words or ideas ("fought the election")
        return lemma not in lexicon.figurative_conflict()["target"]
    return on_trigger and tok.dep_ in {"dobj", "nsubjpass", "pobj"}  # "rejected the referendum"


def _in_locative_phrase(tok: Token) -> bool:
    """Whether a noun sits in an "in/at/near/outside…" phrase, directly or through an apposition or a
    modifier ("near the capital Damascus", "in the town of Tomas Oppus")."""
    node = tok
    for _ in range(4):
        head = node.head
        if head.i == node.i:
            return False
        if head.pos_ == "ADP" and head.lower_ in LOCATIVE_PREPS:
            return True
        if node.dep_ not in {"pobj", "appos", "compound", "prep", "amod", "nmod"}:
            return False
        node = head
    return False


def _modifies_a_party(tok: Token) -> bool:
    """A modifier of a noun that is itself the party or the place ("Iran-backed militia groups", "the Divisional
    Commissioner", "the Irish border"); a modifier of a thing stays ("tariffs on Chinese goods": China)."""
    if tok.dep_ not in _MODIFIER_DEPS or tok.head.i == tok.i:
        return False
    head = tok.head
    if head.dep_ == "amod" and head.head.i != head.i:  # "Iran-backed" -> "groups"
        head = head.head
    if head.pos_ not in {"NOUN", "PROPN"} or head.ent_type_ == tok.ent_type_ != "":
        return False  # a name's own parts are handled as one name
    lemma = head.lemma_.lower()
    return head.ent_type_ in {"PERSON", "ORG"} or lemma in lexicon.group_nouns() or lemma in lexicon.sector_nouns() \
        or lemma in lexicon.roles() or lemma in lexicon.place_nouns()


def _can_be_target(tok: Token) -> bool:
    if tok.pos_ not in {"NOUN", "PROPN", "PRON"} or tok.dep_ in {"compound", "poss"} and tok.pos_ == "PRON":
        return False
    if tok.dep_ == "compound" and tok.head.pos_ in {"NOUN", "PROPN"} and tok.head.ent_type_ == tok.ent_type_:
        return False  # inside a name or a noun compound: its head stands for it
    if tok.ent_type_ in _NOT_ACTOR_ENTS or tok.lower_ in _REFLEXIVE or tok.lower_ in _PRONOUNS_NOT_ACTORS:
        return False
    if tok.dep_ in {"npadvmod", "compound", "nmod"} and tok.head.dep_ == "amod" and tok.head.tag_ == "VBN":
        return False  # "United Nations-brokered talks", "Iran-backed militias": the broker or backer, no target
    if _modifies_a_party(tok):
        return False  # "Iran-backed militias", "the Divisional Commissioner", "the Irish border": the head stands
    return tok.lemma_.lower() not in lexicon.instrument_nouns()  # "launched 90 drones at Kyiv"


def candidate_features(trigger: Trigger, cand: Token, path: str, rule: Token | None,
                       source: Token | None) -> list[str]:
    """Sparse binary features of one candidate target."""
    sense = trigger.sense
    anchor = trigger.verb or trigger.head
    lemma = cand.lemma_.lower()
    steps = path.split("/")
    first = steps[0]
    ent = cand.ent_type_ or "-"
    kind = ("name" if ent in {"PERSON", "ORG", "NORP"} else "place" if ent in _PLACE_ENTS
            else "group" if lemma in lexicon.group_nouns() else "sector" if lemma in lexicon.sector_nouns()
            else "role" if lemma in lexicon.roles() else "pron" if cand.pos_ == "PRON" else "thing")
    distance = abs(cand.i - trigger.head.i)
    feats = [
        "bias", f"path={path}", f"first={first}", f"depth={len(steps)}", f"ent={ent}", f"kind={kind}",
        f"type|first={sense.type}|{first}", f"type|path={sense.type}|{path}", f"type|kind={sense.type}|{kind}",
        f"lemma|first={sense.lemma}|{first}", f"kind|first={kind}|{first}", f"kind|path={kind}|{path}",
        f"side={'before' if cand.i < trigger.head.i else 'after'}",
        f"dist={min(distance, 12) // 3}", f"noun_trigger={trigger.is_noun}",
    ]
    if rule is None:
        feats.append("rule=none")
    elif cand.i == rule.i:
        feats += ["rule=this", f"rule|kind={kind}", f"rule|first={first}"]
    else:
        feats.append("rule=other")
    if any(c.dep_ == "poss" and c.lower_ in _REFLEXIVE for c in cand.children):
        feats.append("own_possessive")  # "withdrew its troops"
    if any(c.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} and c.dep_ in {"poss", "compound", "amod"}
           for c in cand.children):
        feats.append("named_modifier")
    if "xcomp" in steps or "ccomp" in steps:
        feats.append("nested_clause")
    if source is not None and cand.ent_type_ and cand.ent_type_ == source.ent_type_ \
            and cand.lower_ == source.lower_:
        feats.append("same_words_as_source")
    if anchor.dep_ == "relcl" and path == "relcl_head":
        feats.append("relcl_head")
    if kind == "place" and any(step.startswith("prep:") and step[5:] in LOCATIVE_PREPS for step in steps):
        feats.append(LOCATIVE)  # "talks in Jordan": where it happened
    elif kind in {"name", "group", "sector", "role", "pron"}:
        feats.append(COUNTERPART)
    return feats


@dataclass(frozen=True, slots=True)
class TargetRanker:
    """Binary logistic regression as a dict: feature -> weight; `floor` is the least probability a candidate
    needs to be taken."""

    weights: dict[str, float]
    floor: float

    def probability(self, features: list[str]) -> float:
        score = sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def choose(self, features: list[list[str]], rule_index: int | None,
               describe: Callable[[int], Any] | None = None) -> tuple[int | None, float]:
        """The index of the best candidate and its probability, or (None, best probability) below the floor."""
        probs = [self.probability(feats) for feats in features]
        best = max(range(len(probs)), key=probs.__getitem__, default=None)
        if best is None or probs[best] < self.floor:
            return None, probs[best] if best is not None else 0.0
        if LOCATIVE in features[best]:
            # a place is the target only when no actor is the counterpart ("held talks in Jordan with the king")
            actors = [k for k, feats in enumerate(features) if COUNTERPART in feats and probs[k] >= self.floor / 3]
            if actors:
                best = max(actors, key=probs.__getitem__)
        return best, probs[best]

    def to_json(self) -> str:
        return json.dumps({"weights": self.weights, "floor": self.floor}, separators=(",", ":"), sort_keys=True)

    @staticmethod
    def from_json(text: str) -> TargetRanker:
        data = json.loads(text)
        return TargetRanker(data["weights"], float(data["floor"]))


class Chooser(Protocol):
    def choose(self, features: list[list[str]], rule_index: int | None,
               describe: Callable[[int], Any] | None = None) -> tuple[int | None, float]: ...


class RulesOnly:
    """Keeps the participant rules' target: for measuring the rules alone."""

    def choose(self, features: list[list[str]], rule_index: int | None,
               describe: Callable[[int], Any] | None = None) -> tuple[int | None, float]:
        return rule_index, 1.0


@dataclass(slots=True)
class CandidateRecorder:
    """Keeps the rules' target and records, per ranked event in order, its candidates (as `describe` gives
    them: participants with mentions) and their features; the training script and the cross-validated scorer
    read them back with `take()` after each article."""

    seen: list[dict[str, Any]] = field(default_factory=list)

    def choose(self, features: list[list[str]], rule_index: int | None,
               describe: Callable[[int], Any] | None = None) -> tuple[int | None, float]:
        who = [describe(k) for k in range(len(features))] if describe is not None else []
        self.seen.append({"features": features, "rule": rule_index, "who": who, "event": None})
        return rule_index, 1.0

    def label(self, event_id: str) -> None:
        """The last entry belongs to this event (an event dropped for want of participants has none)."""
        if self.seen and self.seen[-1]["event"] is None:
            self.seen[-1]["event"] = event_id

    def take(self) -> dict[str, dict[str, Any]]:
        """Event id -> {"features", "rule" (index or None), "who" (participants)} for the last article."""
        out = {e["event"]: e for e in self.seen if e["event"] is not None}
        self.seen = []
        return out


@functools.cache
def default_ranker() -> TargetRanker | None:
    """The ranker shipped in the package, or None when it is absent (the rules' targets stand)."""
    text = shipped_model(MODEL_FILE)
    return TargetRanker.from_json(text) if text is not None else None
