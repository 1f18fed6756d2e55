"""Source and target of an event from the dependency structure.

Verbs: the subject acts (the agent of a passive), the object or a "with/on/against/to" phrase is acted on;
a subjectless verb (xcomp, conj, advcl, relative clause) takes its governor's subject. Nouns: a possessor or
a name modifier acts ("Russia's invasion", "a Kremlin rebuff"), "of/on/against/with/to" marks the target;
with no actor of its own a noun takes the subject of its light verb or of the clause around it ("Trump
boasted that a phone call with Putin…" -> Trump). Subjects of "endure", "suffer", "face" are targets.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from newsledger import lexicon
from newsledger.events.triggers import OBJECT_DEPS, Trigger, event_noun
from newsledger.nlp.sentences import sentence_of

SUBJECT_DEPS = {"nsubj", "csubj"}
NAMED = {"PERSON", "ORG", "GPE", "NORP"}
NOT_ACTOR_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
_REPORTED_PRONOUNS = {"it", "they", "we", "he", "she"}
_REFLEXIVE_POSSESSIVES = {"its", "their", "his", "her", "our", "my", "your"}  # "opened its borders": not a target
RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
NOUN_TARGET_PREPS = ("on", "against", "with", "of", "to", "at", "for", "upon", "into")
VERB_TARGET_PREPS = ("with", "on", "against", "to", "at", "upon", "into", "from")
_CLIMB_DEPS = {"xcomp", "conj", "advcl", "ccomp", "acl", "relcl", "pcomp", "pobj", "prep", "dobj", "nsubj",
               "nsubjpass", "attr", "appos", "npadvmod", "oprd"}  # "dobj" only of a light verb: "offered criticism"
# is the offerer's, "X condemned the attack" is not X's
_NOT_ACTOR_OF = frozenset({"of", "over", "about", "during", "amid", "after", "before", "following", "despite",
                           "since", "at", "in"})  # "accuses Russia of fighting", "jailed during protests", "detained
# activists at a meeting"


def subject_of(verb: Token) -> Token | None:
    """The subject of a verb, following relative pronouns, passives and subjectless clauses upward; a
    pronoun subject of a reported clause is the reporter ("Ethiopia said it would allow…" -> Ethiopia);
    a dateline the parser took for the subject gives way to the real one ("JERUSALEM -- An Israeli court
    rejected…")."""
    subject = _subject_of(verb)
    if subject is not None and in_dateline(subject):
        subject = _after_dateline(subject, verb)
    if subject is not None and subject.lower_ in _REPORTED_PRONOUNS and verb.dep_ == "ccomp":
        reporter = _subject_of(verb.head) if verb.head.pos_ in {"VERB", "AUX"} else None
        if reporter is not None and reporter.pos_ != "PRON" and _agrees(subject, reporter):
            return reporter
    return subject


_DATELINE = re.compile(
    r"^\W*[A-Z][A-Z.'’ -]{2,40}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)*)*(?:,\s*\w+\.?\s*\d{1,2})?"
    r"\s*(?:\([^)]{1,40}\))?\s*(?:,\s*[A-Z]{2,10})?\s*(?:--|-|–|—|:)\s")


def dateline_end(sent: Span) -> int:
    """Character offset where a dateline ("JERUSALEM --", "ALGIERS, Algeria -", "MOSCOW (Sputnik) -")
    opening this sentence ends, or the sentence's start when there is none."""
    cache = sent.doc.user_data.setdefault("newsledger_datelines", {})
    end = cache.get(sent.start_char)
    if end is None:
        match = _DATELINE.match(sent.text)
        end = cache[sent.start_char] = sent.start_char + match.end() if match else sent.start_char
    return end


def in_dateline(token: Token) -> bool:
    sent = sentence_of(token)
    return token.idx < dateline_end(sent) and token.i - sent.start < 16


def _after_dateline(subject: Token, verb: Token) -> Token | None:
    """The head of the first noun phrase after the dateline and before the verb."""
    end = dateline_end(sentence_of(subject))
    tok = next((t for t in sentence_of(subject) if t.idx >= end), None)
    if tok is None or tok.i >= verb.i:
        return None
    while tok.head.i != tok.i and tok.head.i < verb.i and tok.head.pos_ in {"NOUN", "PROPN"} \
            and tok.head.idx >= end:
        tok = tok.head
    return tok if tok.pos_ in {"NOUN", "PROPN", "PRON"} else None


def between_pair(noun: Token) -> tuple[Token, Token] | None:
    """ "the summit between the EU and Turkey", "cooperation between Manila and Washington"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "between":
            first = next((c for c in child.children if c.dep_ == "pobj"), None)
            second = next((c for c in first.children if c.dep_ == "conj"), None) if first is not None else None
            if first is not None and second is not None:
                return first, second
    return None


def _agrees(pronoun: Token, noun: Token) -> bool:
    """ "it" for a singular non-person, "they" for a plural or a collective, "he/she" for a person."""
    low = pronoun.lower_
    if low in {"he", "she"}:
        return noun.ent_type_ == "PERSON" or noun.lemma_.lower() in lexicon.roles()
    if low == "it":
        return noun.ent_type_ != "PERSON" and noun.tag_ in {"NN", "NNP"}
    return noun.ent_type_ != "PERSON"


def _subject_of(verb: Token) -> Token | None:
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
        if verb.dep_ == "acl" and verb.tag_ == "VB" and verb.head.pos_ in {"NOUN", "PROPN"}:
            if _asks(verb.head):
                return None  # "demands from the association to block the station": the association only asks
            return noun_source(verb.head)  # "blocked a U.S. push to renew the inquiry": the push's owner, if any
        if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ":
            verb = verb.head.head  # "Colombia is ready to contribute troops": the copula's subject
        elif verb.dep_ == "xcomp":
            # object control: "urged Zelenskyy to accept" -> Zelenskyy accepts
            obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
            verb = verb.head
        elif verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ in {"dobj", "nsubjpass"}:
            verb = verb.head.head  # "parliament passed a resolution criticizing the president"
        elif verb.dep_ in {"conj", "advcl"} and verb.head.pos_ in {"VERB", "AUX"}:
            said = next((c for c in verb.head.children if c.dep_ == "ccomp"), None)
            if said is not None and verb.head.lemma_.lower() in lexicon.reporting_verbs():
                return _subject_of(said)  # "fighters overran a base, officials said, killing 17": not the reporter
            verb = verb.head
        elif verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
            verb = verb.head.head  # "ended their talks without agreeing on a truce": the envoys did not agree
        elif verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            return None
        else:
            return None
    return None


def verb_participants(trigger: Trigger) -> tuple[Token | None, Token | None]:
    verb = trigger.verb or trigger.head
    passive_subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if verb.dep_ == "amod" and verb.tag_ == "VBN":
        # "United Nations-brokered talks", "a Saudi-led offensive": the joined name is the doer, no target named
        return next((c for c in verb.children if c.dep_ in {"npadvmod", "compound", "nmod"}), None), None
    if _reduced_passive(verb):
        # "Syrian refugees granted asylum", "people reported killed": the noun suffers it; the doer only from "by"
        agent = next((p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
        return agent, verb.head
    source = subject_of(verb)
    pair = between_pair(source) if source is not None and source.pos_ == "NOUN" else None
    if pair is not None:
        return pair  # "The summit between the EU and Turkey failed to reach agreement"
    target: Token | None = None
    if passive_subject is not None and not trigger.is_noun:
        target = passive_subject
    if trigger.is_noun:
        target = patient_possessor(trigger.head) or noun_target(trigger.head)
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
    if target is not None and (target.ent_type_ in NOT_ACTOR_ENTS or trigger.start <= target.i < trigger.end):
        target = None  # "rejected … Thursday", "declared a state of siege": a date or the trigger's own words
    if target is not None and target.lemma_.lower() in lexicon.instrument_nouns():
        # "launched 90 drones at Kyiv", "threatened its neighbours with nuclear weapons": what is used is no target
        target = _prep_object(verb, ("at", "on", "against", "toward", "towards")) \
            or next((c for c in verb.children if c.dep_ in OBJECT_DEPS and c.i != target.i
                     and c.lemma_.lower() not in lexicon.instrument_nouns()), None)
    if target is None or not is_actorish(target):
        named = named_in_clause(verb, source, (trigger.start, trigger.end))
        if named is not None:
            target = named  # "suspended aid to Egypt", "agreed to withdraw from Lebanon"
    if trigger.effect == "undergo":
        # "Ukrainian cities endure nightly drone strikes": the subject suffers the event
        return noun_source(trigger.head), source
    return source, target


def _asks(token: Token) -> bool:
    """A word that asks for an act someone else is to do: a REQUEST verb or noun of the lexicon ("call for",
    "demand", "urge", "ultimatum")."""
    if token.pos_ not in {"VERB", "NOUN"}:
        return False
    senses = lexicon.event_triggers().get((token.lemma_.lower(), "VERB" if token.pos_ == "VERB" else "NOUN"), [])
    return any(s.type == "REQUEST" for s in senses) or token.lemma_.lower() == "ultimatum"


def _reduced_passive(verb: Token) -> bool:
    """A past participle modifying the noun it happens to, with no subject of its own."""
    return verb.tag_ == "VBN" and verb.dep_ in {"acl", "oprd"} and verb.head.pos_ in {"NOUN", "PROPN", "PRON"} \
        and not any(c.dep_ in {"nsubj", "nsubjpass", "auxpass", "aux"} for c in verb.children)


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
    # "withdrew its troops from Syria": the source's own troops are not what it acts on
    objs = [o for o in objs if not any(c.dep_ == "poss" and c.lower_ in _REFLEXIVE_POSSESSIVES for c in o.children)]
    obj = objs[0] if objs else None
    pp = _prep_object(verb, VERB_TARGET_PREPS)
    if pp is not None and pp.ent_type_ in NAMED and (obj is None or not obj.ent_type_):
        return pp  # "sent peacekeepers to Iraq": the named recipient, not what was sent
    if obj is not None and is_actorish(obj):
        return obj
    if pp is not None and is_actorish(pp):
        return pp
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if obj is None and clause is not None:
        subj = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is not None and is_actorish(subj):
            return subj  # "demanded that Yediyurappa step down"
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


def patient_possessor(noun: Token) -> Token | None:
    """The possessor of an event noun it happens to (`patient_nouns.txt`: "his arrest", "Navalny's release")."""
    if noun.lemma_.lower() not in lexicon.patient_nouns():
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _by_phrase(noun: Token) -> Token | None:
    for child in noun.rights:
        if child.dep_ in {"prep", "agent"} and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
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
    pair = between_pair(noun)
    if pair is not None:
        return pair
    patient = patient_possessor(noun)
    if patient is not None:
        # "his weekend arrest on new charges": he was arrested; the arrester only from "by …"
        return _by_phrase(noun), patient
    source = noun_source(noun)
    target = noun_target(noun)
    if source is None and target is None and is_anaphoric(noun):
        return None, None  # the caller decides: a back-reference, unless it brings its own date
    if source is None and not _inside_noun_phrase(noun):
        # a reporter is a party only to a symmetric event it speaks of ("Trump boasted that a phone call with
        # Putin…"), not to another's act ("Germany complained, saying sanctions against EU lawmakers…")
        symmetric = lexicon.plover_types()[trigger.sense.type].symmetric
        source = clause_subject(noun, exclude=noun, through_reporting=symmetric)
    if target is not None and not is_actorish(target):
        target = named_in_clause(noun, source) or target
    return source, target


def is_anaphoric(noun: Token) -> bool:
    """ "the call", "this phone call", "the discussion", "the first such incursion": a definite event noun
    with no actors of its own refers back to an event already told, so it is not a new one."""
    return any((c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these", "those"})
               or c.lower_ == "such" for c in noun.children)


def named_in_clause(root: Token, source: Token | None, trigger_span: tuple[int, int] = (0, 0)) -> Token | None:
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
        if tok.ent_type_ in {"GPE", "ORG", "PERSON", "NORP"} and tok.dep_ not in {"nsubj", "nsubjpass"} \
                and not (trigger_span[0] <= tok.i < trigger_span[1]):
            while tok.head.i != tok.i and tok.head.ent_type_ == tok.ent_type_ and tok.head.ent_iob_ == "I":
                tok = tok.head
            return tok
    return None


def _inside_noun_phrase(noun: Token) -> bool:
    """ "negotiations toward a ceasefire", "the prospect of talks": an event noun that only modifies another
    noun is not an argument of the clause, so the clause's subject is not its actor."""
    return noun.dep_ == "pobj" and noun.head.head.pos_ in {"NOUN", "PROPN"}


def clause_subject(token: Token, exclude: Token, through_reporting: bool = True) -> Token | None:
    """The nearest subject up the tree that is not the event itself: "Trump boasted that a call with Putin
    had cracked the code" -> Trump for the call."""
    node = token
    for _ in range(6):
        if node.dep_ not in _CLIMB_DEPS or node.head.i == node.i:
            return None
        if node.dep_ == "pobj" and node.head.lower_ in _NOT_ACTOR_OF:
            return None
        if node.dep_ == "dobj" and node.head.lemma_.lower() not in lexicon.light_verbs():
            return None
        if node.dep_ == "advcl" and any(c.dep_ in {"mark", "advmod"} and c.lower_ != "since" for c in node.children):
            return None  # "police detained dozens as protests continued": the protests are not the police's ("since
            # the invasion began" is the background of the main clause's own conflict)
        if _asks(node.head) and node.dep_ in {"pobj", "prep", "dobj", "xcomp", "acl"}:
            return None  # "called for sanctions against the court", "an ultimatum for a ceasefire": asked of others
        came_by = node.dep_
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            if not through_reporting and came_by == "ccomp" and node.lemma_.lower() in lexicon.reporting_verbs():
                return None  # the event is in what the subject says
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
            if pobj is not None and pobj.ent_type_ not in NOT_ACTOR_ENTS:  # "on Tuesday" is a date
                found[child.lower_] = pobj
    for prep in preps:
        if prep in found:
            return event_noun(found[prep]) if prep == "of" else found[prep]
    return None
