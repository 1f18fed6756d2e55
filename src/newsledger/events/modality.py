"""Did it happen? Asserted, negated, hypothetical, future, reported or historical, from the words around a trigger.

Event data's worst failure is counting what never happened: "offered no tangible concessions", "had not
endorsed fresh penalties", "could walk away", "will impose sanctions", "urged Zelenskyy to accept". The cue
words are data (`modality_cues.tsv`); this module only knows where they attach.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger import lexicon
from newsledger.events.triggers import Trigger

_GOVERNED_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "pcomp", "advcl", "attr", "relcl", "conj",
                  "advmod"}
_INHERIT_DEPS = {"xcomp", "conj", "dobj", "pobj", "prep", "pcomp", "advmod"}  # complements share their verb's modality
_SAY_GROUPS = {"say", "announce", "report", "claim", "confirm"}


def modality_of(trigger: Trigger) -> tuple[str, str]:
    """(modality, the words that decided it)."""
    cues = lexicon.modality_cues()
    head = trigger.head
    verb = trigger.verb or head
    if trigger.effect == "negate":
        return "negated", f"light verb '{verb.text}'"
    if trigger.is_noun:
        for child in head.children:
            if child.dep_ in {"det", "neg", "advmod"} and cues.get(child.lower_, ("", ""))[0] in {"det", "neg"}:
                return cues[child.lower_][1], f"'{child.text}' on '{head.text}'"
            if child.dep_ in {"amod", "compound"}:
                kind, mod = cues.get(_verb_lemma(child), ("", ""))
                if kind == "governor":  # "delaying sanctions", "proposed talks" (a verb the parser read as a modifier)
                    return mod, f"'{child.text}' on '{head.text}'"
    found = _local(verb, cues)
    if found is not None:
        return found
    if trigger.verb is None and head.dep_ in {"nsubj", "nsubjpass"} \
            and cues.get(head.head.lemma_.lower(), ("", ""))[0] == "phase" and (found := _local(head.head, cues)):
        return found  # "talks would resume", "a ceasefire will take effect": the verb the event noun is subject of
    if not trigger.is_noun:
        # "offered no tangible concessions": an action on nothing did not happen
        for obj in verb.children:
            if obj.dep_ == "dobj" and any(d.dep_ == "det" and cues.get(d.lower_, ("", ""))[0] == "det"
                                          for d in obj.children):
                return "negated", f"'no' on the object of '{verb.text}'"
    if trigger.effect == "future":
        return "future", f"light verb '{verb.text}'"
    # governors up the tree: "urged X to accept", "refused to lift", "plans to invade", "the prospect of talks"
    node = verb if trigger.verb is not None else head
    for _ in range(4):
        if node.dep_ not in _GOVERNED_DEPS or node.head.i == node.i or _stands_alone(node):
            break
        parent = node.head
        if parent.lower_ in _TEMPORAL_PREPS and parent.pos_ in {"ADP", "SCONJ", "VERB"}:
            break  # "a court order to halt … following an appeal by rights groups": the appeal happened
        if node.dep_ == "prep" and node.lower_ in _ADJUNCT_PREPS:
            break  # "stopped work in a strike": the strike is where the stopping happened, and it happened
        if parent.lemma_.lower() in _ANSWERING:
            break  # "did not respond to the request": the request was made
        if parent.dep_ == "prep" or parent.pos_ == "ADP":
            kind, mod = cues.get(parent.lower_, ("", ""))
            if kind == "mark" and node.dep_ == "pcomp":  # "ended talks without agreeing on a ceasefire"
                return mod, f"'{parent.text}' before '{node.text}'"
            node = parent
            continue
        kind, mod = cues.get(parent.lemma_.lower(), ("", ""))
        if kind == "claim" and node.dep_ == "ccomp":
            return mod, f"claimed by '{parent.text}'"  # "claimed that it launched negotiations"
        if kind == "governor" and node.dep_ != "conj":
            if node.dep_ == "dobj" and node is head and trigger.sense.type in _SPEECH_ACTS:
                break  # "rejected the union's demand", "denied the accusation": the demand was made
            if _negated(parent, cues):  # "without agreeing on a ceasefire", "had not endorsed new sanctions": the
                return "hypothetical", f"governed by negated '{parent.text}'"  # governed event is only a prospect
            return mod, f"governed by '{parent.text}'"
        reporting = lexicon.reporting_verbs().get(parent.lemma_.lower())
        if reporting is not None and reporting.group in _SAY_GROUPS:
            break  # "said Russia attacked": reported, not irrealis
        inherits = node.dep_ in _INHERIT_DEPS
        found = _local(parent, cues, aux_only=inherits)
        if found is not None and inherits:
            return found  # "will start negotiations", "could not agree to talks"
        node = parent
    if _question(verb):
        return "hypothetical", "asked, not stated (a question)"
    return "asserted", ""


def _question(token: Token) -> bool:
    """Whether the event's sentence is a question ("Does Rubio oppose abortions…?"): asked about, not stated.
    A question inside a quotation is the speaker's and is left to the quote."""
    sent = token.sent
    return sent.text.rstrip(" \"'”’)").endswith("?") and not any(t.text in {"“", "\"", "‘"} for t in sent)


_TEMPORAL_PREPS = frozenset({"following", "after", "before", "during", "amid", "amidst", "since", "despite", "upon"})
_SPEECH_ACTS = frozenset({"REQUEST", "ACCUSE", "THREATEN"})  # made once spoken, whatever answers them
_ANSWERING = frozenset({"respond", "reply", "react", "answer", "comply", "heed", "ignore"})
_ADJUNCT_PREPS = frozenset({"in", "at", "during", "amid", "near", "inside", "outside"})
_TEMPORAL_MARKS = frozenset({"when", "while", "as", "after", "before", "since", "once", "whenever"})


def _stands_alone(node: Token) -> bool:
    """A clause that states its own fact, whatever governs it: a temporal clause ("refused to meet Obama when
    the president visited Cuba"), an accompanying participle ("refused talks, demanding…") or a conjunct with its
    own subject ("may not have suggested it, but he supported it")."""
    if node.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ in _TEMPORAL_MARKS
                                    for c in node.children):
        return True
    if node.dep_ == "advcl" and node.tag_ == "VBG" and not any(c.dep_ in {"mark", "aux"} for c in node.children):
        return True  # "refused talks, demanding a ceasefire first": the demand was made
    return node.dep_ == "conj" and any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children)


def _local(verb: Token, cues: dict[str, tuple[str, str]], aux_only: bool = False) -> tuple[str, str] | None:
    """Negation, modals and conditional subordinators attached to one verb."""
    negated = None
    modal = None
    for child in verb.children:
        kind, mod = cues.get(child.lower_, ("", ""))
        if not kind:
            continue
        if kind == "neg" and child.dep_ == "neg":
            negated = (mod, f"'{child.text}' on '{verb.text}'")
        elif kind == "aux" and child.dep_ in {"aux", "auxpass"}:
            modal = modal or (mod, f"'{child.text}' on '{verb.text}'")
        elif kind == "mark" and child.dep_ == "mark" and not aux_only:
            modal = modal or (mod, f"'{child.text}' clause")
    if negated is not None:
        return negated
    return modal


def _negated(verb: Token, cues: dict[str, tuple[str, str]]) -> bool:
    """Whether a verb is itself negated: a negation on it, or "without" before it."""
    found = _local(verb, cues)
    if found is not None and found[0] == "negated":
        return True
    head = verb.head
    return verb.dep_ == "pcomp" and cues.get(head.lower_, ("", "")) == ("mark", "negated")


def _verb_lemma(token: Token) -> str:
    """ "delaying" -> "delay", "proposed" -> "propose": the verb behind a participle the parser tagged as an
    adjective, from its own lemma when that is a verb's, else by trimming the suffix."""
    if token.lemma_.lower() != token.lower_:
        return token.lemma_.lower()
    word = token.lower_
    for suffix, repl in (("ing", ""), ("ed", ""), ("ed", "e")):
        if word.endswith(suffix) and lexicon.modality_cues().get(word[: -len(suffix)] + repl):
            return word[: -len(suffix)] + repl
    return word
