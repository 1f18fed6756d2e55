"""Who may speak: the test that keeps abstract nouns, events, quantities and datelines out of speakers.

A speaker is an agent: a person, a group of people ("analysts", "two diplomats familiar with the talks"), an
organisation, a government or country acting, or a document or statement (whose author, when the text names
one, is the speaker: "a statement from the port authority said…"). "absence", "war", "the problem" are not.

No library answers "can this noun phrase say something?" offline (WordNet's person/organisation hypernyms
would; no maintained package ships its data without a download at run time), so the test reads our lexicons
(roles, group nouns, sector nouns, evidence sources, agent nouns; outlets count as names only) and, for words
they lack, the agent-noun suffixes of English morphology (-er, -or, -ist, -ian, -ant, -ent: "negotiator",
"economist", "resident"), with the abstract-noun suffixes (-ment, -ness, -ity, -tion…) excluded.
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Token

from newsledger import lexicon

SPEAKING_PRONOUNS = frozenset({
    "i", "we", "you", "he", "she", "they", "me", "us", "him", "her", "them", "who", "whom", "one", "someone",
    "somebody", "everyone", "everybody", "anyone", "anybody", "nobody", "many", "some", "few", "others", "other",
    "both", "all", "most", "several", "none", "each", "either", "neither", "himself", "herself", "themselves",
    "myself", "ourselves", "yourself", "whoever", "another",
})
# demonstratives speak only for people: "those who said", "these officials"; "That means…", "This suggests…" do not
_DEMONSTRATIVES = frozenset({"that", "which", "this", "these", "those", "what", "there", "something", "anything",
                             "nothing", "everything"})
_AGENT_SUFFIX = re.compile(r"(?:er|or|ist|ian|ant|ent|ee|eer|man|men|woman|women|people|folk|ite)s?$")
_ABSTRACT_SUFFIX = re.compile(r"(?:ment|ness|ity|ion|ance|ence|ism|ship|hood|ure|age|cy|ing|al)s?$")


@functools.cache
def non_agent_nouns() -> frozenset[str]:
    """Nouns that name no one who can speak or act (`non_agent_nouns.txt`): lowercase lemmas."""
    return frozenset(lexicon.word_list("non_agent_nouns.txt"))


@functools.cache
def _agent_words() -> frozenset[str]:
    words: set[str] = set(lexicon.group_nouns()) | set(lexicon.evidence_sources())
    words |= {role.split()[-1] for role in lexicon.roles()}  # the head of each role: "war correspondent"
    words |= {w for w in lexicon.sector_nouns() if " " not in w}
    words |= set(lexicon.word_list("agent_nouns.txt"))
    return frozenset(words)


# heads that pass their "of" phrase on ("hundreds of voters", "a copy of the memo"); "the absence of the envoy" does not
_PARTITIVES = frozenset({"hundred", "thousand", "dozen", "million", "score", "majority", "minority", "lot", "number",
                         "handful", "couple", "rest", "bulk", "host", "crowd", "copy", "excerpt", "version", "draft",
                         "portion", "share", "segment", "sample", "bunch", "pair", "trio", "series", "string"})
# shares of people, the respondents of a poll: "47 percent said", "nearly half said", "six in 10 say"
_SHARES = frozenset({"percent", "per cent", "%", "half", "third", "thirds", "quarter", "quarters", "majority",
                     "minority", "plurality", "fifth", "fifths", "tenth", "most"})


def is_document(head: Token) -> bool:
    """A statement, report, poll or other record that can carry words ("the report said")."""
    return head.lemma_.lower() in lexicon.evidence_sources() or head.lower_ in lexicon.evidence_sources()


def names_an_agent(name: str) -> bool:
    """Whether an entity's name ends in an agent noun ("the report", "the port authority"): what "it" may be."""
    words = name.lower().split()
    return bool(words) and words[-1] in _agent_words()


def not_an_agent(head: Token, entity_type: str | None) -> str | None:
    """Why the head of a speaker noun phrase cannot be a speaker, or None when it can.

    `entity_type` is the type of the entity the mention resolved to (PERSON, GROUP, ORG, GPE, NORP, OTHER)
    or None. The reason is a short phrase for `why` ("abstract noun 'absence'"). A head that fails may still
    stand for people through an "of" phrase ("hundreds of voters", "a copy of the memo") or a noun it
    modifies ("Current and former officials")."""
    reason = _head_reason(head, entity_type)
    if reason is None:
        return None
    for child in head.children if head.lemma_.lower() in _PARTITIVES or head.like_num else ():
        if child.dep_ == "prep" and child.lower_ == "of":
            obj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if obj is not None and _head_reason(obj, None) is None and obj.pos_ != "PRON":
                return None
    if head.pos_ not in {"NOUN", "PROPN", "PRON", "NUM"}:
        for child in head.children:
            if child.dep_ in {"conj", "appos", "compound"} and child.pos_ in {"NOUN", "PROPN"} \
                    and _head_reason(child, None) is None:
                return None
    return reason


def _head_reason(head: Token, entity_type: str | None) -> str | None:
    low, lemma = head.lower_, head.lemma_.lower()
    if "-" in low.strip("-"):
        low, lemma = low.rsplit("-", 1)[1], lemma.rsplit("-", 1)[-1]  # "ex-wife", "caucus-goers": the last part
    if low in _DEMONSTRATIVES:
        if low in {"those", "these"} and any(c.dep_ in {"relcl", "prep"} for c in head.children):
            return None  # "those who voted", "those close to him"
        return f"pronoun '{low}'"
    if head.pos_ == "PRON" or low in SPEAKING_PRONOUNS:
        if low in {"it", "its", "itself"}:
            return None if entity_type in {"ORG", "GPE", "NORP", "GROUP"} else "'it' with no organisation before it"
        return None
    if head.is_title and head.is_sent_start and _capitalised_elsewhere(head):
        return None  # "Fields said…": a surname the small model took for a plural noun
    if head.pos_ == "PROPN" or (head.is_title and head.i > 0 and not head.is_sent_start) \
            or head.ent_type_ in {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}:
        return None
    if entity_type in {"PERSON", "ORG", "GPE", "NORP"}:
        return None
    if low in _SHARES or lemma in _SHARES:
        return None
    if low == "old" and head.i >= 2 and head.doc[head.i - 2].lower_ in {"year", "years"}:
        return None  # "said the 46-year-old"
    if head.pos_ == "NUM" or head.like_num:
        doc = head.doc
        after_in = head.i >= 2 and doc[head.i - 1].lower_ == "in" and doc[head.i - 2].like_num
        if after_in or any(c.dep_ == "prep" and c.lower_ in {"in", "of", "out"} for c in head.children) \
                or any(c.dep_ == "det" for c in head.children):
            return None  # "six in 10 say", "two of the diplomats said", "the two discussed"
        return f"quantity '{head.text}'"
    if lemma in _agent_words() or low in _agent_words():
        return None
    if head.pos_ not in {"NOUN", "PROPN"}:
        return f"not a noun ('{head.text}')"
    if lemma in non_agent_nouns() or low in non_agent_nouns():
        return f"abstract noun '{head.text}'"
    if _AGENT_SUFFIX.search(low) and not _ABSTRACT_SUFFIX.search(low):
        return None
    return f"abstract noun '{head.text}'"


def _capitalised_elsewhere(head: Token) -> bool:
    """The article writes this sentence-initial word capitalised inside a sentence too, and never in lowercase.
    The doc's word forms are counted once and kept in `doc.user_data`."""
    doc = head.doc
    seen = doc.user_data.get("newsledger.capitalised")
    if seen is None:
        inside: set[str] = set()
        lower: set[str] = set()
        for tok in doc:
            if tok.is_title and not tok.is_sent_start:
                inside.add(tok.text)
            elif tok.is_lower:
                lower.add(tok.lower_)
        seen = doc.user_data["newsledger.capitalised"] = (inside, lower)
    inside, lower = seen
    return head.text in inside and head.lower_ not in lower
