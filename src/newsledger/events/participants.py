"""Source and target of an event from the dependency structure.

Verbs: the subject acts (the agent of a passive), the object or a "with/on/against/to" phrase is acted on;
a subjectless verb (xcomp, conj, advcl, relative clause) takes its governor's subject. Nouns: a possessor or
a name modifier acts ("Russia's invasion", "a Kremlin rebuff"), "of/on/against/with/to" marks the target;
with no actor of its own a noun takes the subject of its light verb or of the clause around it ("Trump
boasted that a phone call with Putin…" -> Trump). Subjects of "endure", "suffer", "face" are targets.
"""

from __future__ import annotations

from spacy.tokens import Token

from newsledger import lexicon
from newsledger.events.triggers import OBJECT_DEPS, Trigger, event_noun

SUBJECT_DEPS = {"nsubj", "csubj"}
_REFLEXIVE_POSSESSIVES = {"its", "their", "his", "her", "our", "my", "your"}  # "opened its borders": not a target
RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
NOUN_TARGET_PREPS = ("on", "against", "with", "of", "to", "at", "for", "upon", "into")
VERB_TARGET_PREPS = ("with", "on", "against", "to", "at", "upon", "into", "from")
_CLIMB_DEPS = {"xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "pcomp", "pobj", "prep", "dobj", "nsubj",
               "nsubjpass", "attr", "appos", "npadvmod", "oprd"}


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, following relative pronouns, passives and subjectless clauses upward."""
    seen = 0
    while verb is not None and seen < 5:
        seen += 1
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                if child.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                    return verb.head
                return child
        for child in verb.children:
            if child.dep_ == "agent":
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            return None
        if verb.dep_ == "acl" and verb.tag_ == "VBD" and verb.head.dep_ == "ROOT":
            return verb.head  # "A report called for sanctions": the parser's reduced relative is the main verb
        if verb.dep_ == "xcomp":
            # object control: "urged Zelenskyy to accept" -> Zelenskyy accepts
            obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
            verb = verb.head
        elif verb.dep_ in {"conj", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
            verb = verb.head
        elif verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            return None
        else:
            return None
    return None


def verb_participants(trigger: Trigger) -> tuple[Token | None, Token | None]:
    verb = trigger.verb or trigger.head
    passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    source = subject_of(verb)
    target: Token | None = None
    if passive_subject is not None and not trigger.is_noun:
        target = passive_subject
    if trigger.is_noun:
        target = noun_target(trigger.head)
        if target is None:
            target = _prep_object(verb, VERB_TARGET_PREPS, exclude=trigger.particle)
    else:
        if target is None:
            target = verb_target(verb, trigger.particle)
        if target is None and verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"} \
                and source is not None and source.i != verb.head.i:
            target = verb.head  # "a venue the Russian leader skipped"
        if target is None:
            # "refused to meet the envoy", "threatened to attack U.S. troops": the complement's target
            xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
            if xcomp is not None:
                target = verb_target(xcomp, None)
    if not trigger.is_noun and (target is None or not is_actorish(target)):
        named = named_in_clause(verb, source)
        if named is not None:
            target = named  # "suspended aid to Egypt", "agreed to withdraw from Lebanon"
    if trigger.effect == "undergo":
        # "Ukrainian cities endure nightly drone strikes": the subject suffers the event
        return noun_source(trigger.head), source
    return source, target


def verb_target(verb: Token, particle: Token | None) -> Token | None:
    """What a verb acts on, preferring an actor: an actor object ("urged Zelenskyy"), else an actor in a
    "to/with/against/on" phrase ("granted a pardon to Conrad Black"), else an actor inside the object
    ("condemned Netanyahu's decision", "rejected a request from Brown"), else the object itself."""
    if particle is not None and particle.dep_ == "prep":
        pobj = next((c for c in particle.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return pobj
    dative = next((c for c in verb.children if c.dep_ == "dative" and c.pos_ != "ADP"), None)
    if dative is not None:
        return dative
    objs = [event_noun(c) for c in verb.children if c.dep_ in OBJECT_DEPS]
    obj = objs[0] if objs else None
    if obj is not None and is_actorish(obj):
        return obj
    pp = _prep_object(verb, VERB_TARGET_PREPS)
    if pp is not None and is_actorish(pp):
        return pp
    if obj is not None:
        inner = actor_inside(obj)
        return inner if inner is not None else obj
    return pp


def is_actorish(token: Token) -> bool:
    """A noun that can be an actor: a name, a person or group noun, a title, a sector noun ("troops")."""
    if token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}:
        return True
    lemma = token.lemma_.lower()
    return lemma in lexicon.group_nouns() or lemma in lexicon.sector_nouns() or lemma in lexicon.roles() \
        or (token.pos_ == "PRON" and token.lower_ not in {"it", "this", "that", "what", "which"})


def actor_inside(obj: Token) -> Token | None:
    """An actor within a non-actor object: its possessor or a "from/by/of/against" phrase."""
    for child in obj.children:
        if child.dep_ == "poss" and is_actorish(child) and child.lower_ not in _REFLEXIVE_POSSESSIVES:
            return child
    for child in obj.children:
        if child.dep_ == "prep" and child.lower_ in {"from", "by", "of", "against", "on", "with", "to"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and is_actorish(pobj):
                return pobj
    return None


def noun_source(noun: Token) -> Token | None:
    """The actor written on an event noun: its possessor, a name modifier, or a "by"/"from" phrase."""
    for child in noun.children:
        if child.dep_ == "poss" and child.lower_ not in {"its", "their", "his", "her", "our", "my", "your"}:
            return child
    for child in noun.lefts:
        if child.dep_ in {"compound", "amod", "nmod"} and child.ent_type_ in {"ORG", "GPE", "NORP", "PERSON"}:
            return child
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.rights:
        if child.dep_ in {"prep", "agent"} and child.lower_ in {"by", "from"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def noun_target(noun: Token) -> Token | None:
    """ "an attack on Kyiv", "talks with Ukraine"; else a named actor in the noun's own clause
    ("sanctions aimed at nudging Russia toward a cease-fire")."""
    target = _prep_object(noun, NOUN_TARGET_PREPS)
    if target is not None:
        return target
    for clause in (c for c in noun.children if c.dep_ in {"acl", "relcl"}):
        for tok in clause.subtree:
            if tok.dep_ in {"dobj", "pobj", "dative"} and tok.ent_type_ in {"GPE", "NORP", "ORG", "PERSON"}:
                return tok
    return None


def noun_participants(trigger: Trigger) -> tuple[Token | None, Token | None]:
    noun = trigger.head
    source = noun_source(noun)
    target = noun_target(noun)
    if source is None and target is None and is_anaphoric(noun):
        return None, None  # the caller decides: a back-reference, unless it brings its own date
    if source is None and not _inside_noun_phrase(noun):
        source = clause_subject(noun, exclude=noun)
    if target is not None and not is_actorish(target):
        target = named_in_clause(noun, source) or target
    return source, target


def is_anaphoric(noun: Token) -> bool:
    """ "the call", "this phone call", "the discussion": a definite event noun with no actors of its own
    refers back to an event already told, so it is not a new one."""
    return any(c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"} for c in noun.children)


def named_in_clause(root: Token, source: Token | None) -> Token | None:
    """The first named actor (person, organisation, country, nationality) in a clause, outside the source
    and outside clauses of its own: where the object is a thing, the actor it concerns."""
    skip: set[int] = set()
    if source is not None:
        skip.update(range(source.left_edge.i, source.right_edge.i + 1))
    for child in root.children:
        if child.dep_ in {"ccomp", "advcl", "relcl", "parataxis", "nsubj", "nsubjpass", "csubj"}:
            skip.update(range(child.left_edge.i, child.right_edge.i + 1))
    for tok in root.subtree:
        if tok.i in skip or tok.i == root.i:
            continue
        if tok.ent_type_ in {"GPE", "ORG", "PERSON", "NORP"} and tok.dep_ not in {"nsubj", "nsubjpass"}:
            while tok.head.i != tok.i and tok.head.ent_type_ == tok.ent_type_ and tok.head.ent_iob_ == "I":
                tok = tok.head
            return tok
    return None


def _inside_noun_phrase(noun: Token) -> bool:
    """ "negotiations toward a ceasefire", "the prospect of talks": an event noun that only modifies another
    noun is not an argument of the clause, so the clause's subject is not its actor."""
    return noun.dep_ == "pobj" and noun.head.head.pos_ in {"NOUN", "PROPN"}


def clause_subject(token: Token, exclude: Token) -> Token | None:
    """The nearest subject up the tree that is not the event itself: "Trump boasted that a call with Putin
    had cracked the code" -> Trump for the call."""
    node = token
    for _ in range(6):
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            subj = subject_of(node)
            if subj is not None and not _within(subj, exclude) and not _within(exclude, subj):
                return subj
    return None


def _within(token: Token, outer: Token) -> bool:
    return outer.left_edge.i <= token.i <= outer.right_edge.i


def _prep_object(head: Token, preps: tuple[str, ...], exclude: Token | None = None) -> Token | None:
    """The object of the first preposition of `head` among `preps`, in their order of preference."""
    found: dict[str, Token] = {}
    for child in head.children:
        if child.dep_ in {"prep", "dative"} and child.lower_ in preps and child is not exclude \
                and child.lower_ not in found:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                found[child.lower_] = pobj
    for prep in preps:
        if prep in found:
            return event_noun(found[prep]) if prep == "of" else found[prep]
    return None
