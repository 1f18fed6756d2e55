"""What an attribution is: its act and form from the cue and the construction, its modality from the cue's
context, and the cue tables that are not single reporting verbs (multiword verbs, stance adjectives, verbs that
take a bare clause).

Rules of our own: no library types attributions; the act of each reporting verb is data (`reporting_verbs.tsv`,
column `act`), the constructions that refine it are written here and named in each quote's `why`. Sources: the
PolNeAR guidelines (what counts as an attribution), the Gender Gap Tracker's quote definition (what counts as a
statement), Levin's (1993) verb classes for the clause-taking verbs, all checked on PolNeAR train.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from newsledger import lexicon

EVIDENTIALS = {"seem", "appear", "look", "sound"}  # "X seems to…": how X strikes an observer, a thought
PHRASE_ACTS = {"speech", "stance", "writing"}  # a noun-phrase object is kept only after these
_HYPOTHETICAL_AUX = {"would", "could", "might", "may", "should", "can", "will", "'d", "’d", "wo", "ca", "shall"}
REFUSALS = {"decline", "refuse", "fail", "neglect", "avoid", "stop", "cease", "hesitate"}
_QUESTION_WORDS = {"whether", "if", "why", "what", "how", "when", "where", "who", "which", "whom"}
_CONDITIONALS = {"if", "unless", "whether"}


@functools.cache
def clause_verbs() -> frozenset[str]:
    return frozenset(lexicon.word_list("clause_verbs.txt"))


_LIGHT_VERBS = {"go", "put", "send", "lay", "get"}
_DETERMINERS = {"a", "an", "the", "his", "her", "their", "its", "our", "my", "your"}


@functools.cache
def multiword_cue_table() -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """Verb lemma -> [(the phrase's other words, cue group)], longest first, from cue_phrases.tsv."""
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    verbs = lexicon.reporting_verbs()
    for phrase, (kind, group) in lexicon.cue_phrases().items():
        words = phrase.split()
        if words[0] in verbs and verbs[words[0]].act == "event" or words[0] in _LIGHT_VERBS:
            continue  # "vote for", "go after", "put forward": things done, measured mostly not attributions
        if kind == "verb_phrase" and len(words) >= 2:
            out.setdefault(words[0], []).append((tuple(words[1:]), group))
    for rows in out.values():
        rows.sort(key=lambda row: -len(row[0]))
    return out


@functools.cache
def adjective_cue_table() -> dict[str, dict[str, str]]:
    """Adjective -> {the preposition it takes ("" for a bare adjective, which may take a clause): group}."""
    out: dict[str, dict[str, str]] = {}
    for phrase, (kind, group) in lexicon.cue_phrases().items():
        words = phrase.split()
        if kind == "adj" and 1 <= len(words) <= 2:
            out.setdefault(words[0], {})[words[1] if len(words) == 2 else ""] = group
    return out


def match_words(doc: Doc, start: int, words: tuple[str, ...]) -> int | None:
    """The token index after `words` matched from `start` (a determiner matches any determiner), or None."""
    i = start
    for word in words:
        if i >= len(doc):
            return None
        tok = doc[i]
        if not (tok.lower_ == word or tok.lemma_.lower() == word
                or word in _DETERMINERS and tok.lower_ in _DETERMINERS):
            return None
        i += 1
    return i


def is_discourse_marker(cue: Token) -> bool:
    """ "That said, …", "Needless to say, …": a reporting verb that reports nothing."""
    doc = cue.doc
    nxt = doc[cue.i + 1] if cue.i + 1 < len(doc) else None
    if nxt is None or nxt.text != ",":
        return False
    prev = doc[cue.i - 1] if cue.i > 0 else None
    return prev is not None and (prev.lower_ in {"that", "this"} and prev.is_sent_start
                                 or prev.lower_ == "to" and cue.lower_ == "say")


def clause_act(act: str) -> str:
    """The act of a clause a cue of this act introduces: a stance or event verb with a that-clause reports
    words ("criticized that…", "agreed that…"); the other acts stay."""
    return "speech" if act in {"event", "stance"} else act


def phrase_act(act: str) -> str:
    """The act of a noun-phrase content: speech and writing stay ("announced a plan"), the rest is a stance."""
    return act if act in PHRASE_ACTS else "stance"


def act_and_form(entry: lexicon.ReportingVerb, how: str) -> tuple[str, str] | None:
    """The act and form of a verb cue's content by construction, or None when it is no attribution.

    Clauses ("said that…", "believes the count…") take the verb's act; a "to"-clause of a thought verb is an
    intention ("hopes to run"), and one of an agreeing or event verb is an event ("agreed to reconvene");
    a noun-phrase object is kept for speech and stance verbs only, as a stance or a phrase."""
    act = entry.act
    if how == "object":
        if act not in PHRASE_ACTS:
            return None  # "knows the answer", "voted the budget", "delivered a speech"
        return ("stance" if act == "stance" or entry.group in {"criticize", "praise", "accuse"} else act), "phrase"
    if how == "passive":
        return ("thought" if act in {"thought", "intention", "stance"} else act), "clause"
    if how == "xcomp":
        if act == "event" or entry.group == "agree" or entry.lemma in REFUSALS:
            return None  # "refused to back the plan" is behaviour; "declined to say" is the inner verb's
        if act == "thought":
            return ("thought" if entry.lemma in EVIDENTIALS else "intention"), "clause"
        return ("speech" if act == "stance" else act), "clause"
    # that-clauses and clauses hung on the hearer: what was said, written or believed
    return clause_act(act), "clause"


def modality_of(cue: Token) -> str:
    """asserted, negated ("did not say", "declined to say"), hypothetical ("would say", "if asked"),
    question ("asked whether…") or generic (an imperative: "Tell your landlord why…")."""
    children = list(cue.children)
    if any(c.dep_ == "neg" for c in children):
        return "negated"
    head = cue.head
    if cue.dep_ == "xcomp" and head.lemma_.lower() in REFUSALS:
        return "negated"
    if cue.dep_ == "xcomp" and any(c.dep_ == "neg" for c in head.children):
        return "negated"  # "did not want to say"
    for anc, _ in zip(cue.ancestors, range(3), strict=False):
        if anc.lemma_.lower() in REFUSALS and anc.i < cue.i and not any(c.dep_ == "nsubj" for c in cue.children):
            return "negated"  # "stopped short of saying", "refused even to say"
    if cue.lemma_.lower() in {"ask", "wonder", "inquire", "enquire", "query"}:
        for c in children:
            if c.dep_ in {"ccomp", "xcomp"} and any(g.lower_ in _QUESTION_WORDS and g.i < c.i
                                                     for g in c.subtree):
                return "question"
    if any(c.dep_ in {"aux", "auxpass"} and c.lower_ in _HYPOTHETICAL_AUX for c in children):
        return "hypothetical"
    node = cue
    for _ in range(3):  # "if asked, he would say…", "unless the court says…"
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONALS for c in node.children) and node.dep_ == "advcl":
            return "hypothetical"
        if node.head.i == node.i:
            break
        node = node.head
    if cue.tag_ == "VB" and not any(c.dep_ in {"nsubj", "nsubjpass", "aux"} for c in children) \
            and cue.dep_ == "ROOT":
        return "generic"  # an imperative: "Tell them why", "Say what you mean"
    if any(c.dep_ == "nsubj" and c.lower_ in {"you", "one"} for c in children) \
            and any(c.dep_ == "aux" and c.lower_ in {"can", "could", "might"} for c in children):
        return "generic"
    return "asserted"
