"""In-article entities: names clustered into people and organisations, with roles, organisations, and
pronouns, surnames and descriptions ("the Russian leader") resolved to the people named earlier.

No trained coreference model installs offline, so this is ours: names first (the fullest form is the
canonical name), then each later mention is resolved on demand, left to right, by `resolve()`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsledger import lexicon
from newsledger.entities.actors import NON_STATE, Actor, code_name, code_phrase, code_tokens, is_place_name
from newsledger.entities.gazetteer import lookup_place
from newsledger.nlp.layout import Layout
from newsledger.nlp.sentences import entities, sentence_of
from newsledger.records import Entity

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_TYPE_OF_LABEL = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "FAC": "OTHER", "LOC": "GPE"}
_PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "hers", "himself", "herself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "we", "us", "our"}
_COLLECTIVE_PRONOUNS = {"it", "its", "they", "them", "their"}
_SKIP_ROLE_DEPS = {"det", "punct", "poss", "case", "predet", "nummod"}


@dataclass(slots=True)
class _Cluster:
    """An entity under construction."""

    id: str
    type: str
    names: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    role: str | None = None
    organization: str | None = None
    descriptors: set[str] = field(default_factory=set)  # lowercased words that describe it ("russian", "president")
    gender: str | None = None
    actor: Actor | None = None  # from the words around a mention ("Kremlin spokesperson", "Ukrainian troops")

    def final_actor(self) -> Actor | None:
        """The text's own evidence first, then the name tables (people, countries, organisations). A capital
        is its country here; it stands for the government only where it acts (the events stage says so)."""
        known = None
        for name in sorted(set(self.names), key=len, reverse=True):
            hit = code_name(name)
            if hit is not None:
                known = Actor(hit[0].country) if hit[1] == "capital" else hit[0]
                break
        if known is None and self.type == "GPE" and self.names:
            country = lookup_place(self.canonical).get("country")  # "Istanbul" -> TUR
            known = Actor(country) if country else None
        if self.actor is None:
            return known
        if self.actor.country is None:
            return known or self.actor
        if self.actor.sector is None and known is not None and known.country == self.actor.country:
            return known
        return self.actor

    _canonical: tuple[int, str] = (0, "")  # (len(names) when computed, value): names only grow

    @property
    def canonical(self) -> str:
        if self._canonical[0] != len(self.names):
            self._canonical = (len(self.names), max(self.names, key=lambda n: (len(n.split()), len(n))))
        return self._canonical[1]

    @property
    def surname(self) -> str:
        parts = self.canonical.split()
        return parts[-1].lower() if parts else ""


@dataclass(slots=True)
class Resolved:
    """What a mention resolves to: the entity id (or None) and the mention's own span."""

    entity: str | None
    name: str | None
    mention: tuple[int, int]


class EntityIndex:
    """The entities of one article and the means to resolve any noun phrase or pronoun to one of them."""

    def __init__(self, doc: Doc, layout: Layout) -> None:
        self.doc = doc
        self.layout = layout
        self._clusters: list[_Cluster] = []
        self._by_key: dict[tuple[str, str], _Cluster] = {}
        self._token_entity: dict[int, _Cluster] = {}  # token index -> entity, for name tokens
        self._person_timeline: list[tuple[int, _Cluster]] = []  # (token index, person) in text order
        self._build_names()

    # ---- names --------------------------------------------------------------------------------------
    def _new(self, type_: str) -> _Cluster:
        cluster = _Cluster(id=f"e{len(self._clusters) + 1}", type=type_)
        self._clusters.append(cluster)
        return cluster

    def _build_names(self) -> None:
        doc = self.doc
        media = lexicon.media()
        for ent in entities(doc):
            if ent.label_ not in NAME_LABELS:
                continue
            ent = _trim(ent)
            if ent is None or self.layout_heading(ent.start_char):
                continue
            label = ent.label_
            text = ent.text
            low = text.lower()
            if text in media:
                label = "ORG"
            elif label == "PERSON" and (hit := code_name(text)) is not None and hit[1] != "person":
                label = "GPE" if is_place_name(text) else "ORG"  # the small model calls "Kyiv" a person
            surname_hit = self._person_by_surname(low) if len(ent) == 1 else None
            if label in {"ORG", "GPE"} and surname_hit is not None:
                label = "PERSON"  # the small model tags "Trump" as ORG now and then
            if label == "PERSON":
                cluster = self._person_cluster(ent)
            else:
                key = (_TYPE_OF_LABEL[label], _norm_org(low))
                cluster = self._by_key.get(key)
                if cluster is None:
                    cluster = self._new(_TYPE_OF_LABEL[label])
                    self._by_key[key] = cluster
                cluster.names.append(media.get(text, text) if label == "ORG" else text)
            self._add_name(cluster, ent)
        self._untagged_places()

    def _untagged_places(self) -> None:
        """Countries, capitals and seats of government the small model left untagged ("Kyiv rejected…")."""
        doc = self.doc
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.i in self._token_entity or tok.ent_type_ or not tok.is_title:
                continue
            hit = code_name(tok.text)
            if hit is None or hit[1] not in {"country", "capital", "metonym", "org"}:
                continue
            if self.layout_heading(tok.idx):
                continue
            type_ = "GPE" if hit[1] in {"country", "capital"} else "ORG"
            key = (type_, _norm_org(tok.lower_))
            cluster = self._by_key.get(key)
            if cluster is None:
                cluster = self._new(type_)
                self._by_key[key] = cluster
            cluster.names.append(tok.text)
            self._add_name(cluster, Span(doc, tok.i, tok.i + 1, label=type_))

    def _add_name(self, cluster: _Cluster, name: Span) -> None:
        """Record a named mention: its span, its tokens, and for a person its place in the timeline and the
        role and organisation around it."""
        cluster.mentions.append((name.start_char, name.end_char))
        for tok in name:
            self._token_entity[tok.i] = cluster
        if cluster.type == "PERSON":
            bisect.insort(self._person_timeline, (name.start, cluster), key=lambda pair: pair[0])
            self._describe_person(cluster, name)

    def layout_heading(self, offset: int) -> bool:
        para = self.layout.paragraph_at(offset)
        return bool(para and para.heading)

    def _person_by_surname(self, surname: str) -> _Cluster | None:
        """The person most recently named whose name ends with this word ("Boot" -> Max Boot)."""
        for _, cluster in reversed(self._person_timeline):
            if cluster.surname == surname:
                return cluster
        return None

    def _person_cluster(self, ent: Span) -> _Cluster:
        words = [t.text for t in ent if t.lower_ not in lexicon.honorifics()]
        name = " ".join(words) if words else ent.text
        low = name.lower()
        key = ("PERSON", low)
        if key in self._by_key:
            cluster = self._by_key[key]
        elif len(words) == 1 and (hit := self._person_by_surname(low)) is not None:
            cluster = hit
        else:
            cluster = None
            if len(words) > 1:
                # "Trump" seen before "Donald Trump": adopt the surname-only cluster
                cluster = self._by_key.get(("PERSON", words[-1].lower()))
            if cluster is None:
                cluster = self._new("PERSON")
            self._by_key[key] = cluster
        cluster.names.append(name)
        return cluster

    def _describe_person(self, cluster: _Cluster, ent: Span) -> None:
        """Role and organisation from the words around a name: "Kremlin spokesperson Dmitry Peskov",
        "Beth Sanner, a former deputy director of national intelligence", "Max Boot of the CFR"."""
        doc = self.doc
        role_words = lexicon.role_words()
        # title words before the name, inside its noun phrase
        i = ent.start - 1
        prefix: list[Token] = []
        while i >= 0 and doc[i].head.i in range(ent.start, ent.end) and doc[i].dep_ not in _SKIP_ROLE_DEPS:
            prefix.insert(0, doc[i])
            i -= 1
        while i >= 0 and doc[i].dep_ in {"compound", "amod"} and prefix and doc[i].head in prefix:
            prefix.insert(0, doc[i])
            i -= 1
        if prefix and cluster.actor is None:
            cluster.actor = code_tokens(prefix + list(ent), ent.root)
        if prefix and any(t.lower_ in role_words for t in prefix):
            cluster.descriptors.update(t.lower_ for t in prefix)
            role_tokens = [t for t in prefix if t.ent_type_ != "NORP"]
            if role_tokens and cluster.role is None:
                cluster.role = " ".join(t.text for t in role_tokens)
        head = ent.root
        for child in head.children:
            if child.dep_ == "appos" and cluster.role is None:
                words = [t for t in child.subtree if t.dep_ != "det" or t.i != child.left_edge.i]
                phrase = doc[words[0].i: words[-1].i + 1].text if words else ""
                if phrase and any(w.lower() in role_words for w in phrase.split()):
                    cluster.role = phrase.strip(" ,")
                    if cluster.actor is None:
                        cluster.actor = code_tokens(list(child.subtree), child)
                    cluster.descriptors.update(w.lower() for w in phrase.split())
            elif child.dep_ == "prep" and child.lower_ in {"of", "at", "from", "with"} and cluster.organization is None:
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and objs[0].ent_type_ in {"ORG", "GPE"}:
                    org = doc[objs[0].left_edge.i: objs[0].right_edge.i + 1].text
                    cluster.organization = org[4:] if org.lower().startswith("the ") else org
                    hit = code_name(cluster.organization)
                    if hit is not None and cluster.actor is None:
                        cluster.actor = hit[0]

    # ---- resolution of any mention --------------------------------------------------------------------
    def resolve(self, token: Token, register: bool = True) -> Resolved:
        """The entity a subject (or any noun phrase head) refers to, and the span of the mention.

        Called left to right by later stages; a resolved pronoun or description is added to its entity's
        mentions, and an untagged "First Last" name becomes a person from there on. With `register=False`
        a common noun phrase that codes to no actor ("a U.S.-backed plan") is not made an entity."""
        doc = self.doc
        cluster = self._token_entity.get(token.i)
        if cluster is not None:
            span = _ent_span(token)
            return Resolved(cluster.id, cluster.canonical, span)
        low = token.lower_
        # a name token just left of the head ("President Trump" where the head is "Trump" already covered)
        for child in token.children:
            if child.dep_ in {"compound", "appos"} and child.i in self._token_entity:
                c = self._token_entity[child.i]
                return Resolved(c.id, c.canonical, _ent_span(child))
        name = self._unlabelled_name(token)
        if name is not None:
            # "Marek Hollis" speaking, though the small model did not tag him: a person from here on
            cluster = self._person_cluster(name)
            self._add_name(cluster, name)
            return Resolved(cluster.id, cluster.canonical, (name.start_char, name.end_char))
        capitalised = token.pos_ == "PROPN" or (token.is_title and token.tag_ == "NN")  # "Zelenskyy praised": NN
        if capitalised and (person := self._person_by_surname(low)) is not None:
            span = _ent_span(token) if token.ent_type_ else (token.idx, token.idx + len(token))
            person.mentions.append(span)
            return Resolved(person.id, person.canonical, span)
        if token.pos_ == "PRON" or low in _PERSON_PRONOUNS or low in _PLURAL_PRONOUNS:
            if low in _PERSON_PRONOUNS:
                person = self._antecedent(token)
                if person is not None:
                    person.mentions.append((token.idx, token.idx + len(token)))
                    return Resolved(person.id, person.canonical, (token.idx, token.idx + len(token)))
            collective = self._collective_antecedent(token) if low in _COLLECTIVE_PRONOUNS else None
            if collective is not None:
                collective.mentions.append((token.idx, token.idx + len(token)))
                return Resolved(collective.id, collective.canonical, (token.idx, token.idx + len(token)))
            return Resolved(None, token.text, (token.idx, token.idx + len(token)))
        start, end = _np_bounds(token)
        phrase = doc[start:end]
        # a description of a person named earlier: "the Russian leader", "the president"
        definite = phrase[0].lower_ in {"the", "this", "that"}  # a bare title starts a new name, not a reference
        if definite and token.tag_ in {"NN", "NNP"} and (low in lexicon.role_words() or low in {"leader", "official"}):
            person = self._described(token, phrase)
            if person is not None:
                person.mentions.append((phrase.start_char, phrase.end_char))
                return Resolved(person.id, person.canonical, (phrase.start_char, phrase.end_char))
        # a group ("analysts", "Foreign-policy analysts") or another common-noun source
        name = _strip_det(phrase)
        plural = token.tag_ in {"NNS", "NNPS"} or token.lemma_.lower() in lexicon.group_nouns()
        key_type = "GROUP" if plural else "OTHER"
        key = (key_type, name.lower())
        cluster = self._by_key.get(key)
        if cluster is None:
            actor = code_phrase(phrase, token)
            if not register and actor is None:
                return Resolved(None, None, (phrase.start_char, phrase.end_char))
            cluster = self._new(key_type)
            cluster.actor = actor
            self._by_key[key] = cluster
            cluster.names.append(name)
        cluster.mentions.append((phrase.start_char, phrase.end_char))
        return Resolved(cluster.id, cluster.canonical, (phrase.start_char, phrase.end_char))

    def _unlabelled_name(self, token: Token) -> Span | None:
        """Two or three capitalised proper nouns ending in this token and not a known place, outlet or title."""
        if token.pos_ != "PROPN" or token.ent_type_ in {"GPE", "NORP", "LOC", "PERSON"} or not token.is_title:
            return None
        parts = [c for c in token.lefts if c.dep_ == "compound" and c.pos_ == "PROPN" and c.is_title]
        if not 1 <= len(parts) <= 2 or parts[-1].i != token.i - 1 or parts[0].i != token.i - len(parts):
            return None
        words = {t.lower_ for t in parts} | {token.lower_}
        if words & lexicon.role_words() or words & lexicon.honorifics():
            return None
        span = Span(self.doc, parts[0].i, token.i + 1, label="PERSON")
        return None if span.text in lexicon.media() else span

    def _collective_antecedent(self, pronoun: Token) -> _Cluster | None:
        """ "The United Nations said it will investigate": "it" is the nearest organisation or country
        named earlier in the same sentence ("they" may also be a group: "Rebels said they…")."""
        types = {"ORG", "GPE"} if pronoun.lower_ in {"it", "its"} else {"ORG", "GPE", "GROUP", "NORP"}
        for i in range(pronoun.i - 1, sentence_of(pronoun).start - 1, -1):
            cluster = self._token_entity.get(i)
            if cluster is not None and cluster.type in types:
                return cluster
        return None

    def _antecedent(self, pronoun: Token) -> _Cluster | None:
        """A person pronoun's antecedent: the subject of the nearest earlier sentence that names a person,
        else the latest person named before it."""
        sent = sentence_of(pronoun)
        # cataphora: "Facing questions about why he…, Trump told reporters" - the main subject comes later
        main_subject = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if main_subject is not None and main_subject.i > pronoun.i \
                and not (main_subject.left_edge.i <= pronoun.i <= main_subject.right_edge.i):
            later = self._token_entity.get(main_subject.i)
            if later is not None and later.type == "PERSON":
                return later
        # subject of the same sentence first, when the pronoun is not the subject ("Trump said he ...")
        latest: _Cluster | None = None
        for tok_i, cluster in reversed(self._person_timeline):
            if tok_i >= pronoun.i:
                continue
            if tok_i < sent.start:
                break
            latest = cluster
        if latest is not None and pronoun.dep_ not in {"nsubj", "nsubjpass"}:
            return latest
        # previous sentences: prefer a person who is a subject
        fallback = latest
        scanned = 0
        for tok_i, cluster in reversed(self._person_timeline):
            if tok_i >= sent.start:
                continue
            tok = self.doc[tok_i]
            ent_root = tok
            while ent_root.head.i != ent_root.i and ent_root.head.i in range(tok_i, tok_i + 4) \
                    and self._token_entity.get(ent_root.head.i) is cluster:
                ent_root = ent_root.head
            if fallback is None:
                fallback = cluster
            if any(self._token_entity.get(t.i) is cluster and t.dep_ in {"nsubj", "nsubjpass"}
                   for t in (ent_root, ent_root.head)):
                return cluster
            scanned += 1
            if scanned > 6:
                break
        return fallback

    def _described(self, head: Token, phrase: Span) -> _Cluster | None:
        """The latest person whose role words include this head and every modifier ("Russian", "former")."""
        mods = {t.lower_ for t in phrase if t.i != head.i and t.dep_ in {"amod", "compound"}}
        head_word = head.lower_
        for tok_i, cluster in reversed(self._person_timeline):
            if tok_i >= head.i:
                continue
            words = cluster.descriptors | {w.lower() for w in (cluster.role or "").split()}
            generic = head_word in {"leader", "official"} and bool(words & lexicon.role_words())
            if (head_word in words or generic) and mods <= words:
                return cluster
        return None

    def records(self) -> list[Entity]:
        """The finished entities, each with its canonical (fullest) name and its mentions in order."""
        out = []
        for c in self._clusters:
            if not c.names:
                continue
            actor = c.final_actor()
            out.append(Entity(
                id=c.id, name=c.canonical, type=c.type, mentions=sorted(set(c.mentions)),
                role=c.role, organization=c.organization,
                country=actor.country if actor and actor.country not in NON_STATE else None,
                actor=actor.code if actor else None,
            ))
        return out

    def actor_of(self, entity_id: str | None) -> Actor | None:
        """The actor of an entity (None when the text and tables give none; sector only when no country)."""
        if entity_id is None:
            return None
        return self._clusters[int(entity_id[1:]) - 1].final_actor()


def find_entities(doc: Doc, layout: Layout) -> EntityIndex:
    """Build the article's entity index from the parse."""
    return EntityIndex(doc, layout)


def _trim(ent: Span) -> Span | None:
    """Drop a leading "the", a trailing possessive and quotation marks or other punctuation at either end
    ("Donald Trump ''" -> "Donald Trump")."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].lower_ in {"the", "'s", "’s"} or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].lower_ in {"'s", "’s", "'", "’"} or doc[end - 1].is_punct
                           or doc[end - 1].is_space):
        end -= 1
    if end <= start or not doc[start:end].text.strip():
        return None
    return Span(doc, start, end, label=ent.label_)


def _norm_org(low: str) -> str:
    return low[4:] if low.startswith("the ") else low


def _ent_span(token: Token) -> tuple[int, int]:
    """The character span of the named entity a token belongs to (or of the token)."""
    if token.ent_type_:
        doc = token.doc
        start = token.i
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        end = token.i + 1
        while end < len(doc) and doc[end].ent_iob_ == "I":
            end += 1
        span = _trim(Span(doc, start, end)) or Span(doc, start, end)
        return (span.start_char, span.end_char)
    return (token.idx, token.idx + len(token))


def _np_bounds(token: Token) -> tuple[int, int]:
    """Token bounds of a noun phrase: its head and left modifiers, without clauses or appositions."""
    start = token.i
    for child in token.lefts:
        start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:
        of_group = child.dep_ == "prep" and child.lower_ == "of" and token.lemma_.lower() in lexicon.group_nouns()
        if child.dep_ in {"compound", "amod", "nummod"} or of_group:
            end = max(end, child.right_edge.i + 1)
        else:
            break
    return start, end


def _strip_det(phrase: Span) -> str:
    words = [t for t in phrase if not (t.dep_ == "det" and t.i == phrase.start)]
    if not words:
        return phrase.text
    return phrase.doc[words[0].i: words[-1].i + 1].text
