"""In-article entities: names clustered into people and organisations, with roles, organisations, and
pronouns, surnames and descriptions ("the Russian leader") resolved to the people named earlier.

No trained coreference model installs offline, so this is ours: names first (the fullest form is the
canonical name), then each later mention is resolved on demand, left to right, by `resolve()`.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsledger import lexicon
from newsledger.entities import gender as gender_of
from newsledger.entities.actors import (
    NON_STATE,
    OFFICE_SECTORS,
    Actor,
    code_name,
    code_phrase,
    code_tokens,
    is_place_name,
    singular,
)
from newsledger.entities.gazetteer import lookup_place, mistyped_place, place_context
from newsledger.nlp.layout import Layout
from newsledger.nlp.sentences import entities, entity_span, sentence_of, sentences, text_of
from newsledger.records import Entity

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_TYPE_OF_LABEL = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "FAC": "OTHER", "LOC": "GPE"}
_PERSON_PRONOUNS = {"he", "she", "him", "his", "her", "hers", "himself", "herself"}
_PLURAL_PRONOUNS = {"they", "them", "their", "we", "us", "our"}
_COLLECTIVE_PRONOUNS = {"it", "its", "they", "them", "their"}
_SKIP_ROLE_DEPS = {"det", "punct", "poss", "case", "predet", "nummod"}
_OBJECT_DEPS = {"dobj", "pobj", "dative", "iobj", "oprd"}
_QUOTE_MARKS = {'"', "“", "”", "''", "``", "«", "»"}
_CLAUSE_LINKS = {"ccomp", "xcomp", "advcl", "conj", "parataxis"}  # a clause under another clause's verb
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# an apposition's role phrase stops at these: "a lawyer, who…", "X and Y", "the minister, said…"
_ROLE_PREPS = {"of", "for", "to", "at", "on"}  # "minister of defence", "envoy to Kyiv", "professor at Yale"
_APPOS_CUT_DEPS = {"relcl", "acl", "advcl", "conj", "cc", "appos", "punct", "parataxis", "poss", "case"}
# singular nouns "it" may stand for besides organisations and countries (rule: newsledger): bodies that
# speak as one, and documents (evidence_sources.txt); never a person
_IT_NOUNS = frozenset({
    "government", "administration", "committee", "army", "military", "police", "jury", "panel", "team",
    "campaign", "party", "council", "board", "court", "agency", "ministry", "department", "company", "firm",
    "bank", "union", "opposition", "leadership", "bloc", "caucus", "delegation", "coalition", "alliance",
    "commission", "parliament", "congress", "senate", "house", "cabinet", "regime", "group", "organization",
    "organisation", "newspaper", "network", "office", "embassy", "school", "university", "force",
})


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
    gender: str | None = None  # PERSON: female or male once the text says so (see `entities.gender`)
    gender_weight: int = 0  # strength of the evidence behind `gender` (gender.HONORIFIC ... WEAK_ROLE)
    first_names: set[str] = field(default_factory=set)  # lowercased first words of its multiword names
    actor: Actor | None = None  # from the words around a mention ("Kremlin spokesperson", "Ukrainian troops")
    things: int = 0  # named mentions that only name a thing or event after the place ("the Paris accord")
    why: str | None = None  # what gave the actor code, set by final_actor (and adjusted by EntityIndex._actor)

    def final_actor(self, doc: Doc | None = None) -> Actor | None:
        """The text's own evidence first, then the name tables (people, countries, organisations). A capital
        is its country here; it stands for the government only where it acts (the events stage says so).
        A place's country comes from the gazetteer, which lets the article (`doc`) decide a shared name:
        "Georgia" beside "Atlanta" or after "Gov." is the US state, not the country the table says.
        Sets `why`: the rule and table that gave the code ("table:person:Donald Trump", "text:title",
        "gazetteer:us-state"...)."""
        actor, self.why = self._decide_actor(doc)
        return actor

    def _decide_actor(self, doc: Doc | None) -> tuple[Actor | None, str | None]:
        known = None
        kind = None
        known_why = None
        for name in sorted(set(self.names), key=len, reverse=True):
            hit = code_name(name)
            if hit is not None and (self.type != "PERSON" or hit[1] == "person"):  # "Cuban" is Mark Cuban here
                known = Actor(hit[0].country) if hit[1] == "capital" else hit[0]
                kind = hit[1]
                known_why = f"table:{kind}:{name}"
                break
        if self.names and ((self.type == "GPE" and (known is None or kind in {"country", "capital"}))
                           or (self.type == "NORP" and known is None)):
            place = lookup_place(self.canonical, place_context(doc) if doc is not None else None)
            country, why = place["country"], place["why"]  # "Istanbul" -> TUR, "Floridians" -> USA
            if known is None and country and (self.type == "GPE" or place["kind"] in {"us-demonym", "us-state",
                                                                                     "admin1", "region"}):
                known, known_why = Actor(country), why  # NORP: residents, and regions the model calls a people
            elif known is not None and country and country != known.country \
                    and why.startswith(("gazetteer:context:", "gazetteer:qualifier:")):
                known, known_why = Actor(country), why  # "Paris, Texas"; "Georgia" among US places
        if known is None and self.actor is None and self.type in {"PERSON", "ORG"} and doc is not None \
                and self.gender is None and self.role is None and len(set(self.names)) == 1 \
                and " " not in self.canonical \
                and (self.type == "ORG" or gender_of.first_name_gender(self.canonical) is None):
            place = mistyped_place(self.canonical, doc, self.mentions)  # a place typed PERSON: "near Rzeszow"
            if place and place["country"]:
                known, known_why = Actor(place["country"]), f"mistyped-place;{place.get('why')}"
        own = self.actor
        own_why = "text:role" if self.role else "text:words"
        if own is not None and own.country and doc is not None:  # "Gov. Brian Kemp of Georgia": not GEOGOV
            country = place_context(doc).country_of(own.country)
            if country != own.country:
                own, own_why = Actor(country, own.sector), own_why + ";place-context"
        if own is None:
            return known, known_why
        if own.country is None:
            former = (self.role or "").lower().startswith(("former", "ex-", "onetime", "one-time", "retired"))
            if known is not None and self.type == "PERSON" and own.sector is not None and not former \
                    and known.country not in NON_STATE and known.sector != own.sector:
                # the article's own role over the table's
                return Actor(known.country, own.sector), f"{known_why};sector-from-{own_why}"
            if known is not None:
                return known, known_why
            return own, own_why
        if own.sector is None and known is not None and known.country == own.country:
            return known, known_why
        return own, own_why

    _canonical: tuple[int, str] = (0, "")  # (len(names) when computed, value): names only grow

    @property
    def canonical(self) -> str:
        if self._canonical[0] != len(self.names):
            fullest = max(self.names, key=lambda n: (len(n.split()), len(n)))
            self._canonical = (len(self.names), " ".join(fullest.split()))  # no-break spaces as plain ones
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

    def __init__(self, doc: Doc, layout: Layout, published: str | None = None) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.layout = layout
        year = (published or "")[:4]
        self._year = int(year) if year.isdigit() else None  # the publication year, for people's terms of office
        self._clusters: list[_Cluster] = []
        self._by_key: dict[tuple[str, str], _Cluster] = {}
        self._token_entity: dict[int, _Cluster] = {}  # token index -> entity, for name tokens
        self._person_timeline: list[tuple[int, _Cluster]] = []  # (token index, person) in text order
        self._np_entity: dict[int, _Cluster] = {}  # head token -> GROUP/OTHER entity, once resolved
        self._sent_starts = [s.start for s in sentences(doc)]
        self._build_names()
        self._pronoun_evidence()

    # ---- names --------------------------------------------------------------------------------------
    def _new(self, type_: str) -> _Cluster:
        cluster = _Cluster(id=f"e{len(self._clusters) + 1}", type=type_)
        self._clusters.append(cluster)
        return cluster

    def _build_names(self) -> None:
        doc = self.doc
        media = lexicon.media()
        for ent in _first_name_places(doc, entities(doc)):
            if ent.label_ not in NAME_LABELS:
                continue
            ent = _trim(ent)
            if ent is None or self.layout_heading(ent.start_char) or _not_a_name(ent) \
                    or ent.start in self._token_entity:
                continue
            ent = _known_longer_name(ent)  # "Islamic" of "Islamic State-linked": the organisation
            label = ent.label_
            text = ent.text
            low = text.lower()
            if text in media:
                label = "ORG"
            surname_hit = self._person_by_surname(low) if len(ent) == 1 else None
            if label == "PERSON" and surname_hit is None and (hit := code_name(text)) is not None \
                    and hit[1] != "person":
                label = "GPE" if is_place_name(text) else "ORG"  # the small model calls "Kyiv" a person
            if label in {"ORG", "GPE", "NORP"} and surname_hit is not None:
                label = "PERSON"  # "Trump" tagged ORG now and then; "Cuban" after "Mark Cuban" is him, not Cuba
            elif label == "GPE" and len(ent) == 1 and low in _famous_surnames() and code_name(text) is None:
                label = "PERSON"  # "Obama" tagged GPE is the president, not the Japanese town
            if label == "GPE" and low in _CALENDAR_WORDS:
                continue  # "in March": a month, not the English town
            if label == "GPE" and _city_after_the(ent):
                continue  # "Feel the Bern!": a city's name after "the" and before no noun is no city
            if label in {"ORG", "GPE"} and _inside_title(ent):
                continue  # "Secretary of State": the portfolio is part of a role, not a mention of a body
            if label == "PERSON" and _names_a_building(ent):
                continue  # "Ronald Reagan Washington National Airport": the airport, not the man
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
        """Countries, capitals and seats of government the small model left untagged ("Kyiv rejected…"), and
        regions and cities the gazetteer knows: a first-level region by its own name ("Floods hit Minas
        Gerais", "reached Tigray"), a city only after a place preposition ("the ferry from Malmo")."""
        doc = self.doc
        i = 0
        while i < len(doc):
            tok = doc[i]
            i += 1
            if tok.pos_ != "PROPN" or tok.i in self._token_entity or tok.ent_type_ in NAME_LABELS \
                    or not tok.is_title:
                continue  # untagged, or tagged as no name ("Malmo to Copenhagen" as a work of art)
            if self.layout_heading(tok.idx):
                continue
            hit = code_name(tok.text)
            if hit is not None and hit[1] == "capital" and _city_after_the(Span(doc, tok.i, tok.i + 1)):
                continue  # "Feel the Bern!"
            if hit is not None and hit[1] in {"country", "capital", "metonym", "org"}:
                self._add_untagged("GPE" if hit[1] in {"country", "capital"} else "ORG", Span(doc, tok.i, tok.i + 1))
                continue
            end = tok.i + 1  # a run of untagged title-case proper nouns ("Minas Gerais"), at most three
            while end < len(doc) and end - tok.i < 3 and doc[end].pos_ == "PROPN" and doc[end].is_title \
                    and doc[end].ent_type_ not in NAME_LABELS and doc[end].i not in self._token_entity:
                end += 1
            run = Span(doc, tok.i, end)
            if self._untagged_place(run):
                self._add_untagged("GPE", run)
                i = end

    def _untagged_place(self, run: Span) -> bool:
        """Whether an untagged run of proper nouns is a place the gazetteer knows by that very name, used as one:
        a region anywhere but the sentence start, or a city after a place preposition; never a first name."""
        first = run[0]
        if run.text.lower() in _CALENDAR_WORDS:
            return False  # "in March" is a month, not the English town
        if first.is_sent_start or gender_of.first_name_gender(first.text) is not None or not run.text.isascii() \
                and not run.text.replace(" ", "").isalpha():
            return False
        found = lookup_place(run.text, place_context(self.doc))
        if not found["country"] or found["name"] != run.text:
            return False
        if found["kind"] in {"admin1", "region"}:
            return True
        return found["kind"] == "city" and len(run) == 1 \
            and mistyped_place(run.text, self.doc, [(run.start_char, run.end_char)]) is not None

    def _add_untagged(self, type_: str, span: Span) -> None:
        key = (type_, _norm_org(span.text.lower()))
        cluster = self._by_key.get(key)
        if cluster is None:
            cluster = self._new(type_)
            self._by_key[key] = cluster
        cluster.names.append(span.text)
        self._add_name(cluster, Span(self.doc, span.start, span.end, label=type_))

    def _pronoun_evidence(self) -> None:
        """Gender from he/she pronouns that can only mean a person ("Orlan said she would resign": the only
        person named in the sentence, subject of the verb over the pronoun; see `gender.pronoun_binds`).
        Votes over the article; the evidence is PRONOUN when two or more agree (3 to 1 at least), else
        PRONOUN_ONCE, so a first name outweighs a single such pronoun."""
        votes: dict[str, dict[str, int]] = {}
        people: dict[str, _Cluster] = {}
        doc = self.doc
        bounds = self._sent_starts + [len(doc)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            pronouns = [t for t in doc[start:end] if gender_of.pronoun_gender(t.text) is not None]
            if not pronouns:
                continue
            named = [(i, c) for i in range(start, end) if (c := self._token_entity.get(i)) is not None
                     and c.type == "PERSON"]
            if len({c.id for _, c in named}) != 1:
                continue
            person = named[0][1]
            for pronoun in pronouns:
                if any(gender_of.pronoun_binds(pronoun, doc[i], 1) for i, _ in named):
                    sex = gender_of.pronoun_gender(pronoun.text) or gender_of.UNKNOWN
                    tally = votes.setdefault(person.id, {})
                    tally[sex] = tally.get(sex, 0) + 1
                    people[person.id] = person
        for pid, tally in votes.items():
            sex, n = max(tally.items(), key=lambda kv: kv[1])
            if n * 4 >= sum(tally.values()) * 3:
                _note_gender(people[pid], (sex, gender_of.PRONOUN if n >= 2 else gender_of.PRONOUN_ONCE))

    def _add_name(self, cluster: _Cluster, name: Span) -> None:
        """Record a named mention: its span, its tokens, and for a person its place in the timeline, its
        first name, the gender its honorific or first name gives, and the role and organisation around it."""
        cluster.mentions.append((name.start_char, name.end_char))
        for tok in name:
            self._token_entity[tok.i] = cluster
        if cluster.type != "PERSON" and _names_a_thing(name):
            cluster.things += 1
        if cluster.type == "PERSON":
            bisect.insort(self._person_timeline, (name.start, cluster), key=lambda pair: pair[0])
            given = _given_words(name)
            if len(given) > 1:
                cluster.first_names.add(given[0].lower())
            _note_gender(cluster, gender_of.honorific_before(name))
            titles = [t.text for t in name if t.text not in given and not t.is_punct]
            if titles:  # "Queen Rania", "Congresswoman Lena Ruiz" tagged whole
                _note_gender(cluster, gender_of.words_gender(titles))
            _note_gender(cluster, gender_of.name_gender(given))
            self._describe_person(cluster, name)

    def layout_heading(self, offset: int) -> bool:
        para = self.layout.paragraph_at(offset)
        return bool(para and para.heading)

    def _person_by_surname(self, surname: str, sex: str | None = None) -> _Cluster | None:
        """The person most recently named whose name ends with this word ("Boot" -> Max Boot). With a sex
        ("Mrs. Clinton"), the most recent one of that sex, else the most recent of unknown sex; never one of
        the other sex."""
        unknown: _Cluster | None = None
        for _, cluster in reversed(self._person_timeline):
            if cluster.surname != surname:
                continue
            if sex is None or cluster.gender == sex:
                return cluster
            if cluster.gender is None and unknown is None:
                unknown = cluster
        return unknown

    def _person_by_first_name(self, first: str, sex: str | None = None) -> _Cluster | None:
        """The person most recently named with this first name ("Hillary" -> Hillary Clinton), sex agreeing."""
        for _, cluster in reversed(self._person_timeline):
            if first in cluster.first_names and gender_of.agrees(sex, cluster.gender):
                return cluster
        return None

    def _same_person(self, given: list[str], sex: str | None) -> _Cluster | None:
        """An earlier person a full name ("Hillary Clinton") is another form of: same surname, sex agreeing,
        and the same first name (or its initial), or none yet ("Mrs. Clinton" before "Hillary Clinton")."""
        surname, first = given[-1].lower(), given[0].lower()
        initial = first[0] if len(first.rstrip(".")) == 1 else None
        middle = _middle(given)
        for _, cluster in reversed(self._person_timeline):
            if cluster.surname != surname or not gender_of.agrees(sex, cluster.gender):
                continue
            others = {_middle(n.split()) for n in cluster.names} - {""}
            if middle and others and middle not in others:
                continue  # "George W. Bush" is not "George H. W. Bush"
            if not cluster.first_names or first in cluster.first_names \
                    or (initial and any(f[0] == initial for f in cluster.first_names)) \
                    or any(len(f.rstrip(".")) == 1 and f[0] == first[0] for f in cluster.first_names):
                return cluster
        return None

    def _person_cluster(self, ent: Span) -> _Cluster:
        """The person a PERSON name belongs to. Two people who share a surname stay apart when their first
        names or sexes differ (Hillary and Bill Clinton); a bare surname, or "Mr./Mrs. Surname", goes to the
        person already called so when the sex agrees, else to the latest person of that surname whose sex
        agrees; a bare first name ("Hillary") to the person of that first name named before."""
        words = [t.text for t in ent if t.lower_ not in lexicon.honorifics()]
        name = " ".join(words) if words else ent.text
        low = name.lower()
        key = ("PERSON", low)
        given = _given_words(ent)
        evidence = gender_of.honorific_before(ent) or gender_of.name_gender(given)
        sex = evidence[0] if evidence else None
        cluster = self._by_key.get(key)
        if cluster is not None and not gender_of.agrees(sex, cluster.gender):
            cluster = None
        if len(words) == 1:
            if cluster is not None and sex is not None and cluster.gender != sex:
                cluster = self._person_by_surname(low, sex) or cluster  # prefer one whose sex agrees
            cluster = cluster or self._person_by_surname(low, sex) or self._person_by_first_name(low, sex)
        elif cluster is None and len(given) > 1:
            cluster = self._same_person(given, sex)
        if cluster is None:
            cluster = self._new("PERSON")
        self._by_key.setdefault(key, cluster)
        cluster.names.append(name)
        return cluster

    def _describe_person(self, cluster: _Cluster, ent: Span) -> None:
        """Role, organisation and gender from the name's own phrase, in three shapes: title words before
        it ("Kremlin spokesperson Dmitry Peskov", "Congresswoman Lena Ruiz"), an apposition after it ("Beth
        Sanner, a former deputy director of national intelligence", "Orlan, the foreign minister") or an
        apposition it is ("Kestovia's foreign minister, Pavel Orlan"), and "of" phrases ("Max Boot of the
        CFR"). Words elsewhere in the sentence never count ("Obama … said Tribe, who taught at Harvard")."""
        doc = self.doc
        role_words = lexicon.role_words()
        # title words before the name: the subtrees of the name's left dependents ("RNC Chief of Staff",
        # "Republican front-runner", "Kestovia's Foreign Minister")
        lefts = [c for t in ent for c in t.lefts if c.i < ent.start and c.dep_ not in _SKIP_ROLE_DEPS
                 and c.dep_ in {"compound", "amod", "nmod", "nn"}]
        prefix: list[Token] = []
        if lefts:
            start = min(c.left_edge.i for c in lefts)
            prefix = [t for t in doc[start: ent.start] if not (t.is_punct and t.text not in {"-", "."})]
            cut = max((n for n, t in enumerate(prefix) if t.dep_ == "cc" or t.lower_ in {"and", "or"}), default=-1)
            prefix = prefix[cut + 1:]  # "Orlan and Majority Leader Reid": Orlan's words are not Reid's title
            while prefix and ((prefix[0].dep_ in {"det", "poss", "case"} and prefix[0].pos_ in {"DET", "PRON"})
                              or prefix[0].is_punct or _age_word(prefix, 0)):
                prefix = prefix[1:]  # "the Majority Leader", "26-year-old newspaper editor"
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if not prefix and prev is not None and prev.dep_ == "pobj" and prev.head.lower_ == "of" \
                and _is_role_head(prev.head.head) and prev.head.head.i < prev.i:
            # "RNC Chief of Staff Katie Walsh" parsed with the name apart: the "X of Y" title before it
            title = prev.head.head
            prefix = [t for t in doc[title.left_edge.i: ent.start] if not t.is_punct and t.dep_ != "det"]
        if not prefix and len(ent) > 1 and ent.root.dep_ == "conj" and ent.root.head.ent_type_ == "PERSON":
            # "former presidents Jimmy Carter and Bill Clinton": a plural title before the first name is each one's
            # (full names only: a bare "Clinton" may have been resolved to the wrong Clinton)
            first = doc.char_span(*_ent_span(ent.root.head), alignment_mode="expand")
            if first is not None and first.start > 0 and doc[first.start - 1].tag_ in {"NNS", "NNPS"} \
                    and _is_role_head(doc[first.start - 1]):
                title = doc[first.start - 1]
                prefix = [t for t in doc[max(0, title.i - 4): title.i] if t.head.i == title.i
                          and (t.dep_ in {"compound", "amod"} or (t.text == "-" and not t.whitespace_))
                          and t.i >= title.left_edge.i] + [title]
        if not prefix and ent.start > 0 and _is_role_head(doc[ent.start - 1]):
            # the parser hung the title elsewhere ("…video and Democratic candidate Hillary Clinton will…"): a
            # role noun right before the name is its title, with its own modifiers
            title = doc[ent.start - 1]
            prefix = [t for t in doc[max(0, title.i - 4): title.i] if t.head.i == title.i
                      and t.dep_ in {"compound", "amod"} and t.i >= title.left_edge.i] + [title]
        para = self.layout.paragraph_at(ent.start_char)
        if (para is not None and para.heading) or any(t.pos_ in {"VERB", "AUX"} or t.tag_ == "VBZ" for t in prefix):
            prefix = []  # a heading's words, or words with a verb, are no title ("Key Figure Endorses Vey")
        if prefix and _title_cased(doc[ent.start].sent):
            # a headline the layout did not mark ("… Joke To Bash Fed Chair Janet Yellen"): only the run of role
            # words and names right before the name is a title
            keep = len(prefix)
            while keep > 0 and (_role_word(prefix[keep - 1], role_words) or prefix[keep - 1].ent_type_
                                or prefix[keep - 1].text in {"-", "."}):
                keep -= 1
            prefix = prefix[keep:]
        while len(prefix) > 1 and ((prefix[0].pos_ == "ADJ" and not prefix[0].ent_type_
                                    and prefix[0].lower_ not in role_words
                                    and not (prefix[1].text == "-" and not prefix[0].whitespace_))
                                   or prefix[0].lower_ in _NOT_ROLE_LEAD):
            prefix = prefix[1:]  # "ultraconservative Sen." -> "Sen.": an opinion, not part of the title (but
            # "Front-runner" stays whole); "fellow candidate", "remaining candidates": no part of a role
        if prefix:
            _note_gender(cluster, gender_of.words_gender(t.text for t in prefix))
        if prefix and cluster.actor is None:
            # the title words only: a person's own name never gives a country ("billionaire Mark Cuban")
            cluster.actor = code_tokens(prefix, ent.root)
        heads = [t for t in prefix if _is_role_head(t)]
        if heads and any(_role_word(t, role_words) for t in prefix):
            cluster.descriptors.update(t.lower_ for t in prefix)
            # the role is the title words; names before them are its organisation ("Post bureau chief",
            # "Cruz spokeswoman": the campaign of the one named)
            names = [t for t in prefix if t.ent_type_ in {"ORG", "GPE", "FAC", "PERSON"} and t.i < heads[-1].i
                     and not _is_role_head(t) and not (t.i + 1 < len(doc) and doc[t.i + 1].text == "-"
                                                       and not t.whitespace_)]  # "Front-runner": one word
            role_tokens = [t for t in prefix if t.ent_type_ != "NORP" and t not in names
                           and not (t.dep_ == "poss" or t.tag_ == "POS")]
            if len(heads) > 1 and heads[-1].i - heads[-2].i == 1 and heads[-2].lower_ in lexicon.roles() \
                    and f"{heads[-2].lower_} {heads[-1].lower_}" not in lexicon.roles():
                role_tokens = [t for t in role_tokens if t.i >= heads[-1].i]  # "fellow candidate Senator X"
            while role_tokens and role_tokens[-1].i > heads[-1].i and role_tokens[-1].pos_ == "PROPN" \
                    and role_tokens[-1].lower_ not in role_words:
                role_tokens = role_tokens[:-1]  # "Defence Minister Rustem Umerov": the first name is no title
            if role_tokens and cluster.role is None:
                cluster.role = _join(role_tokens)
                last = role_tokens[-1]
                if last.tag_ in {"NNS", "NNPS"} and cluster.role.endswith(last.text):  # one of "former presidents"
                    cluster.role = cluster.role[: -len(last.text)] + singular(last)
            if cluster.organization is None:  # "Kestovia's Foreign Minister Pavel Orlan"
                cluster.organization = self._possessor(list(ent) + prefix)
            if cluster.organization is None and names:
                kind = names[-1].ent_type_
                owner = [t for t in names if t.ent_type_ == kind]
                cluster.organization = _norp_owner(owner) or _join(owner)  # "Ukrainian" (GPE) -> Ukraine
            if cluster.organization is None:  # "Russian foreign minister" -> Russia; "Republican front-runner"
                cluster.organization = _norp_owner([t for t in prefix if t.ent_type_ == "NORP"])
        if cluster.organization is None and not heads:
            # no title, but a tie: "CNN's Wolf Blitzer", "The Huffington Post's Sam Stein", "Republican Donald Trump"
            cluster.organization = self._possessor(list(ent)) or _party_owner(
                [t for t in prefix if t.ent_type_ == "NORP"])
        if cluster.organization is None and (label := _party_label(self.text, ent.end_char)) is not None:
            # "Rep. Marsha Blackburn, R-Tenn.", "Sen. Tim Kaine (D-Va.)": a member of Congress's seat is the
            # state's; with no title the tie is the party (an independent belongs to none)
            party, state = label
            title = (cluster.role or "").lower().rstrip(".").split()[-1:]
            cluster.organization = state if title and title[0] in _LEGISLATOR_TITLES else party
        head = ent.root
        if head.dep_ == "appos" and head.head.i < ent.start and head.head.i not in self._token_entity:
            self._apposition(cluster, head.head, exclude=head, shared=_coordinated(head))  # "Kestovia's foreign
            # minister, Pavel Orlan"; "the remaining candidates - Ann Vey, Jo Bell and Lee Orr"
        elif head.dep_ == "appos" and head.head.i < ent.start and (place := head.head).dep_ == "pobj" \
                and place.head.lower_ == "of" and _is_role_head(place.head.head) and place.head.head.i < place.i:
            self._apposition(cluster, place.head.head, exclude=head)  # "the mayor of Terre Haute, Duke Bennett"
        first = head
        while first.dep_ == "conj" and first.head.ent_type_ == "PERSON" and first.head.i < first.i:
            first = first.head  # "Paul Singer and Ken Griffin, hedge fund managers": Griffin shares Singer's
        if first is not head and first.dep_ == "appos" and first.head.i < first.i \
                and first.head.i not in self._token_entity:
            self._apposition(cluster, first.head, exclude=first, shared=True)
        for child in first.children if first is not head else ():
            if child.dep_ == "appos" and child.i not in self._token_entity and child.tag_ in {"NNS", "NNPS"}:
                self._apposition(cluster, child, exclude=None, shared=True)
        for child in head.children:
            if child.dep_ == "appos" and child.i not in self._token_entity:
                self._apposition(cluster, child, exclude=None, shared=_coordinated(head))
            elif child.dep_ == "conj" and child.tag_ == "NNS" and any(c.lower_ == "other" for c in child.lefts):
                self._apposition(cluster, child, exclude=None, shared=True)  # "Vey and other GOP hopefuls"
            elif child.dep_ == "prep" and child.lower_ in {"of", "at", "from", "with"} and cluster.organization is None:
                if child.lower_ != "of" and head.dep_ in _OBJECT_DEPS:
                    continue  # "taught Mr. Obama at Harvard": the place is the verb's, not the name's
                objs = [c for c in child.children if c.dep_ == "pobj"]
                if objs and objs[0].ent_type_ in {"ORG", "GPE"}:
                    if objs[0].ent_type_ == "GPE" and not any(c.dep_ in {"appos", "compound"} or _is_role_head(c)
                                                              for c in doc[max(0, ent.start - 3): ent.start]) \
                            and not any(c.dep_ == "appos" and _is_role_head(c) for c in head.children) \
                            and cluster.role is None:
                        continue  # "Brianne Stone, 29, of Huntsville": a hometown, not an organisation
                    obj = objs[0]
                    last = max((t.i for t in obj.subtree if not any(a.dep_ in {"conj", "cc"} and a.head.i == obj.i
                                                                   and a.i <= t.i for a in obj.children)),
                               default=obj.i)
                    org = doc[obj.left_edge.i: last + 1].text.rstrip(" ,")
                    cluster.organization = org[4:] if org.lower().startswith("the ") else org
                    hit = code_name(cluster.organization)
                    if hit is not None and cluster.actor is None:
                        cluster.actor = hit[0]
        if cluster.role is None and head.dep_ == "nsubj" and head.head.lemma_ == "be" \
                and head.head.tag_ in {"VBZ", "VBP"}:
            attr = next((c for c in head.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
            if attr is not None and attr.tag_ == "NN":
                self._apposition(cluster, attr, exclude=None)  # "Kelly Dittmar is an assistant professor at X"

    def _apposition(self, cluster: _Cluster, noun: Token, exclude: Token | None, shared: bool = False) -> None:
        """Role, organisation and gender from an appositive noun phrase headed by `noun` (without the name's
        own subtree `exclude`, clauses, coordination and punctuation). Only a phrase whose head is a role
        word (or has one as a compound or adjective) is a role; its head and modifiers may give a gender
        ("Ruiz, the senator's wife"). A plural head gives a role only when `shared` (the apposition belongs to
        coordinated names: "Ann Vey and Jo Bell, hedge fund managers" -> each a "hedge fund manager")."""
        if noun.pos_ not in {"NOUN", "PROPN"} or noun.ent_type_ == "PERSON":
            return
        mods = [c for c in noun.lefts if c.dep_ in {"compound", "amod"}] + [noun]
        name = exclude if exclude is not None else noun.head
        if _comma_between(name, noun):  # "Sanders’ son" parsed as an apposition is no apposition
            evidence = gender_of.words_gender(t.text for t in mods)
            _note_gender(cluster, (evidence[0], min(evidence[1], gender_of.APPOSITION)) if evidence else None)
        role_words = lexicon.role_words()
        plural = noun.tag_ in {"NNS", "NNPS"}
        if plural and not shared:
            return  # a plural is a group the person is in, not their role ("candidates")
        agent = noun.pos_ == "NOUN" and _agentive(noun.lemma_.lower() if plural else noun.lower_) \
            and any(c.lower_ in {"a", "an"} for c in noun.lefts)
        if not agent and not any(t.lower_ in role_words or t.lemma_.lower() in role_words
                                 for t in mods if t.i == noun.i or t.dep_ == "compound"):
            return  # "a foreign student": an adjective of a role ("foreign minister") makes no role
        if not agent and not _is_role_head(noun):
            return  # "Clinton's lead over the nominee, Trump": "lead" is a word of a role, not a role
        owner = self._possessor([noun])
        cut: set[int] = set()
        for child in noun.children:
            if child.dep_ in _APPOS_CUT_DEPS and not (child.dep_ == "poss" and owner is None) \
                    or (child.dep_ == "prep" and child.lower_ not in _ROLE_PREPS) \
                    or (exclude is not None and child.i == exclude.i):
                cut.update(t.i for t in child.subtree)  # a possessor stays when no organisation: "Vey's aide"
        for tok in noun.subtree:  # clauses end the role wherever they hang ("adviser to a campaign who…")
            if tok.i != noun.i and tok.dep_ in _CLAUSE_CUT_DEPS or (tok.dep_ == "prep" and _time_phrase(tok)) \
                    or (exclude is not None and tok.i == exclude.i) or (tok.i != noun.i and tok.dep_ == "appos"):
                cut.update(t.i for t in tok.subtree)  # and the name itself ("the mayor of X, Duke Bennett")
        kept = [t for t in noun.subtree if t.i not in cut]
        if shared and any((t.pos_ in {"VERB", "AUX"} and t.lower_ not in _NOT_ROLE_LEAD)
                          or t.ent_type_ in {"PERSON", "ORG"} for t in kept if t.i < noun.i):
            return  # a parse that hangs a clause on the plural ("Trump forced fellow candidates X and Y out")
        while kept and kept[-1].is_punct:
            kept = kept[:-1]
        while kept and (kept[0].dep_ == "det" or kept[0].is_punct or _age_word(kept, 0)
                        or kept[0].lower_ in _NOT_ROLE_LEAD or kept[0].dep_ == "nummod"
                        or (kept[0].dep_ == "poss" and kept[0].pos_ == "PRON")):
            kept = kept[1:]  # "his running mate" -> "running mate"; "the 26-year-old editor" -> "editor"
        if len(kept) > 2 and kept[0].lower_ == "then" and kept[1].dep_ == "det":
            kept = [kept[0], *kept[2:]]  # "then the secretary of state" -> "then secretary of state"
        while kept and kept[-1].is_punct:
            kept = kept[:-1]
        if not kept:
            return
        if cluster.organization is None and owner is None:
            # "a State Department official", "a retired Army officer": the organisation named in the role
            names = [t for t in kept if t.i < noun.i and t.ent_type_ == "ORG" and t.pos_ == "PROPN"]
            if names and all(names[k + 1].i == names[k].i + 1 for k in range(len(names) - 1)):
                owner = _join(names)
        org_prep = self._org_prep(noun) if cluster.organization is None and owner is None else None
        of_owner = self._prep_owner(org_prep)  # "the foreign minister of Kestovia"
        if org_prep is not None and any(t.i == org_prep.i for t in kept):
            # "chief executive of CloudFlare" -> role "chief executive", organisation CloudFlare (as a title's
            # "Post bureau chief"); a portfolio stays ("secretary of state")
            inner = {t.i for t in org_prep.subtree}
            kept = [t for t in kept if t.i not in inner]
            while kept and kept[-1].is_punct:
                kept = kept[:-1]
        if not kept or all(t.i != noun.i for t in kept):
            return
        phrase = _join(kept)
        if plural and kept[-1].i == noun.i and phrase.endswith(noun.text):
            phrase = phrase[: -len(noun.text)] + noun.lemma_  # one of the "hedge fund managers"
        cluster.descriptors.update(t.lower_ for t in kept)
        if cluster.role is None:
            cluster.role = phrase
            if cluster.actor is None:  # "an expert on Iran", "the envoy to Kyiv" are not Iran's or Ukraine's
                about = {t.i for c in noun.children if c.dep_ == "prep" and c.lower_ in _ABOUT_PREPS
                         for t in c.subtree}
                cluster.actor = code_tokens([t for t in kept if t.i not in about], noun)
        if cluster.organization is None:
            cluster.organization = owner or of_owner

    def _possessor(self, tokens: list[Token]) -> str | None:
        """The organisation or country a possessive names among these tokens' children ("Kestovia's"), or the
        person whose aide, spokesman or campaign officer the title makes them ("Clinton's spokesman")."""
        for tok in tokens:
            for child in tok.children:
                if child.dep_ == "poss" and (owner := self._org_at(child)) is not None:
                    return owner
                if child.dep_ == "poss" and child.ent_type_ == "PERSON" and _is_role_head(tok):
                    return self._name_of(child)
        return None

    def _name_of(self, token: Token) -> str:
        """The tagged name a token is part of, as written, without a possessive "'s" ("Clinton's" -> Clinton)."""
        start, end = _ent_span(token)
        return self.text[start:end].removesuffix("'s").removesuffix("’s")

    def _prep_owner(self, prep: Token | None) -> str | None:
        """The organisation or country named by the object of a role's "of"/"at" phrase (`_org_prep`)."""
        if prep is None:
            return None
        return next(owner for obj in prep.children if obj.dep_ == "pobj" and (owner := self._org_at(obj)))

    def _org_prep(self, noun: Token) -> Token | None:
        """The "of"/"at"/"for" child of a role noun whose object is an organisation or country ("minister of
        Kestovia", "professor at Yale"), not a portfolio ("secretary of State")."""
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in {"of", "at", "for", "on", "with"}:
                for obj in child.children:
                    if obj.dep_ != "pobj" or (child.lower_ == "of" and _portfolio(noun, _span_text(obj))) \
                            or (child.lower_ in {"on", "with"} and obj.lemma_ not in _PERSONAL_BODIES
                                and obj.ent_type_ != "ORG"):  # "judge on the Court of Appeals", not "expert on Iran"
                        continue  # "secretary of State": the portfolio, not an organisation named State
                    if self._org_at(obj) is not None:
                        return child
        return None

    def _org_at(self, token: Token) -> str | None:
        """The name of the organisation or country this token is part of (its entity's canonical name when
        already indexed, else the tagged name as written), or None."""
        if token.is_lower:
            if token.lemma_ in _PERSONAL_BODIES:  # "the Clinton campaign's director", "an adviser on the Sanders
                for child in token.children:      # campaign": the campaign of the one named
                    if child.dep_ in {"compound", "poss"} and child.pos_ == "PROPN" \
                            and child.ent_type_ in {"PERSON", "ORG"}:
                        return f"{self._name_of(child)} {token.text}"
            return None  # a common noun, even when tagged: "secretary of state"
        owner = self._token_entity.get(token.i)
        if owner is not None:
            return owner.canonical if owner.type in {"ORG", "GPE"} else None
        if token.ent_type_ in {"ORG", "GPE"} and (token.pos_ == "PROPN" or token.is_upper):
            start, end = _ent_span(token)  # never a common noun the model tagged ("secretary of state")
            text = self.text[start:end]
            return text[4:] if text.lower().startswith("the ") else text
        return None

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
                if token.pos_ == "NOUN" and child.dep_ == "compound" and c.type != "PERSON":
                    continue  # "the New York businessman", "a Kremlin spokesman": a person, not the place
                return Resolved(c.id, c.canonical, _ent_span(child))
        name = self._unlabelled_name(token)
        if name is not None:
            # "Marek Hollis" speaking, though the small model did not tag him: a person from here on
            cluster = self._person_cluster(name)
            self._add_name(cluster, name)
            return Resolved(cluster.id, cluster.canonical, (name.start_char, name.end_char))
        capitalised = token.pos_ == "PROPN" or (token.is_title and token.tag_ == "NN")  # "Zelenskyy praised": NN
        person = None
        if capitalised:
            # "Mrs. Clinton" goes to a woman named Clinton, "Hillary" to the Hillary named before
            honorific = gender_of.honorific_before(Span(doc, token.i, token.i + 1))
            sex = honorific[0] if honorific else None
            person = self._person_by_surname(low, sex)
            if person is None and token.ent_type_ in {"", "PERSON"}:
                person = self._person_by_first_name(low, sex)
        if person is not None:
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
        while start < token.i and (self.layout.furniture_at(doc[start].idx) is not None or doc[start].is_punct):
            start += 1  # "BRUSSELS - European leaders": the dateline is not part of the phrase
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
        self._np_entity[token.i] = cluster  # for a later "it" or "they"
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
        """ "The United Nations said it will investigate", "The company said … It added": "it" is the nearest
        organisation, country, body ("the committee") or document ("the report") earlier in the same
        sentence, else in the previous one; "they" may also be a group or a people ("Rebels said they…",
        "Democrats … They"), but from the previous sentence only its subject (people the small model did not
        tag may be meant). A subject is preferred to any other mention in a sentence. "It" is never a
        person, and a pleonastic "it" ("it is unclear whether") is nothing."""
        it = pronoun.lower_ in {"it", "its", "itself"}
        if it and _pleonastic(pronoun):
            return None
        types = {"ORG", "GPE"} if it else {"ORG", "GPE", "GROUP", "NORP"}
        sent_i = bisect.bisect_right(self._sent_starts, pronoun.i) - 1
        start = self._sent_starts[sent_i]
        previous = self._sent_starts[sent_i - 1] if sent_i > 0 else start
        nearest: _Cluster | None = None
        for i in range(pronoun.i - 1, previous - 1, -1):
            if i == start - 1 and nearest is not None:
                return nearest  # nothing named as a subject in the sentence: its nearest mention
            cluster = self._token_entity.get(i) or self._np_entity.get(i)
            if cluster is None or not self._stands_for(cluster, i, it, types):
                continue
            if _is_subject(self.doc[i]):
                return cluster
            if nearest is None and (i >= start or (it and cluster.type != "GPE")):
                nearest = cluster  # before the sentence, a country not its subject is mostly a place
        return nearest

    def _stands_for(self, cluster: _Cluster, i: int, it: bool, types: set[str]) -> bool:
        """Whether the entity mentioned at token i may be what an "it" (or a "they") stands for."""
        if cluster.type in types:
            return True
        if cluster.type not in {"GROUP", "OTHER"} or i not in self._np_entity:
            return False
        head = self.doc[i]
        if not it:
            return cluster.type == "GROUP"
        lemma = head.lemma_.lower()
        return head.tag_ in {"NN", "NNP"} and (lemma in _IT_NOUNS or lemma in lexicon.evidence_sources())

    def _antecedent(self, pronoun: Token) -> _Cluster | None:
        """A person pronoun's antecedent: the subject of the nearest earlier sentence that names a person,
        else the latest person named before it - among the people whose gender agrees ("she" never a man,
        "he" never a woman; unknown takes either, but a person whose gender agrees is preferred to one of
        unknown gender at about the same distance: the same sentence or the one before)."""
        sex = gender_of.pronoun_gender(pronoun.text)
        sent = sentence_of(pronoun)
        # cataphora: "Facing questions about why he…, Trump told reporters" - the main subject comes later
        main_subject = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if main_subject is not None and main_subject.i > pronoun.i \
                and not (main_subject.left_edge.i <= pronoun.i <= main_subject.right_edge.i):
            later = self._token_entity.get(main_subject.i)
            if later is not None and later.type == "PERSON" and gender_of.agrees(sex, later.gender):
                return later
        # subject of the same sentence first, when the pronoun is not the subject ("Trump said he ...")
        in_sentence: list[_Cluster] = []  # people named earlier in the sentence, the first named first
        for tok_i, cluster in reversed(self._person_timeline):
            if tok_i >= pronoun.i:
                continue
            if tok_i < sent.start:
                break
            if gender_of.agrees(sex, cluster.gender):
                in_sentence.insert(0, cluster)
        first_here = _agreeing_first(in_sentence, sex)
        if first_here is not None and pronoun.dep_ not in {"nsubj", "nsubjpass"}:
            return first_here
        if first_here is not None and (governing := self._governing_subject(pronoun, sent.start)) is not None \
                and gender_of.agrees(sex, governing.gender):
            return governing  # "Ben Vey told reporters before he spoke that…": the subject over the clause
        # previous sentences: prefer a person who is a subject
        fallback = first_here
        found: list[tuple[_Cluster, int, bool]] = []  # (person, sentence number, is a subject), latest first
        main: list[bool] = []  # beside `found`: is it the subject of the sentence's main clause
        scanned = 0
        for tok_i, cluster in reversed(self._person_timeline):
            if tok_i >= sent.start:
                continue
            if not gender_of.agrees(sex, cluster.gender):
                continue
            tok = self.doc[tok_i]
            ent_root = tok
            while ent_root.head.i != ent_root.i and ent_root.head.i in range(tok_i, tok_i + 4) \
                    and self._token_entity.get(ent_root.head.i) is cluster:
                ent_root = ent_root.head
            subjects = [t for t in (ent_root, ent_root.head)
                        if self._token_entity.get(t.i) is cluster and t.dep_ in {"nsubj", "nsubjpass"}]
            found.append((cluster, bisect.bisect_right(self._sent_starts, tok_i) - 1, bool(subjects)))
            main.append(bool(subjects) and _main_clause(subjects[0].head))
            scanned += 1
            if scanned > 6:
                break
        chosen = next(((c, n) for c, n, subject in found if subject), None)
        if chosen is not None:
            # in that sentence, the main clause's subject before a subordinate one: "Ryan did not exude
            # confidence when Tapper asked…" - "He said" is Ryan
            chosen = next(((c, n) for (c, n, _), is_main in zip(found, main, strict=True)
                           if n == chosen[1] and is_main), chosen)
        if chosen is None:
            if fallback is not None or not found:
                return fallback
            chosen = (found[0][0], found[0][1])
        person, number = chosen
        if sex is not None and person.gender is None:
            # an agreeing person at about the same distance beats one of unknown gender
            for other, other_number, _subject in found:
                if other.gender == sex and other_number >= number - 1:
                    return other
        return person

    def _governing_subject(self, pronoun: Token, start: int) -> _Cluster | None:
        """The person named, before a subject pronoun and outside quotation marks, as the subject of a verb
        its clause hangs on ("Ryan says he can understand…"), or None."""
        doc = self.doc
        node = pronoun.head
        for _ in range(8):
            if node.dep_ not in _CLAUSE_LINKS or node.head.i == node.i:
                return None  # a relative clause hangs on a noun: "…a path, which he called…" is not ours
            node = node.head
            for child in node.children:
                if child.dep_ in _SUBJECT_DEPS and start <= child.i < pronoun.i:
                    person = self._token_entity.get(child.i)
                    if person is None or person.type != "PERSON":
                        return None
                    if any(doc[i].text in _QUOTE_MARKS for i in range(child.i + 1, pronoun.i)):
                        return None
                    return person
        return None

    def _described(self, head: Token, phrase: Span) -> _Cluster | None:
        """The latest person whose role words include this head and every modifier ("Russian", "former")."""
        mods = {t.lower_ for t in phrase if t.i != head.i and t.dep_ in {"amod", "compound"}}
        head_word = head.lower_
        for tok_i, cluster in reversed(self._person_timeline):
            if tok_i >= head.i:
                continue
            words = cluster.descriptors | {w.lower() for w in (cluster.role or "").split()}
            words |= {_TITLE_ABBREVIATIONS[w] for w in words if w in _TITLE_ABBREVIATIONS}  # "Sen." is a senator
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
            actor = self._actor(c)
            out.append(Entity(
                actor_why=c.why if actor is not None or c.why == "none:names-a-thing" else None,
                id=c.id, name=c.canonical, type=c.type, mentions=sorted(set(c.mentions)),
                role=c.role, organization=c.organization,
                country=actor.country if actor and actor.country not in NON_STATE else None,
                actor=actor.code if actor else None,
                gender=(c.gender or gender_of.UNKNOWN) if c.type == "PERSON" else None,
            ))
        return out

    def people(self) -> list[tuple[str, str, str, list[tuple[int, int]]]]:
        """The people found so far as (id, canonical name, gender, mentions), cheaply: no actor coding."""
        return [(c.id, c.canonical, c.gender or gender_of.UNKNOWN, c.mentions)
                for c in self._clusters if c.type == "PERSON" and c.names]

    def type_of(self, entity_id: str | None) -> str | None:
        """The type of an entity (PERSON, GROUP, ORG, GPE, NORP, OTHER), or None for no entity."""
        if entity_id is None:
            return None
        return self._clusters[int(entity_id[1:]) - 1].type

    def actor_of(self, entity_id: str | None) -> Actor | None:
        """The actor of an entity (None when the text and tables give none; sector only when no country)."""
        if entity_id is None:
            return None
        return self._actor(self._clusters[int(entity_id[1:]) - 1])

    def _party(self, cluster: _Cluster) -> Actor | None:
        """A political party named by its name, noun or adjective ("GOP", "Republicans", "Labour";
        `lexicons/parties.tsv`) -> its PTY code. A form several countries' parties share is decided by the
        country the article's places name most; a tie or none leaves it uncoded."""
        table = lexicon.parties()
        for name in sorted(set(cluster.names), key=len, reverse=True):
            form = name[4:] if name.startswith(("the ", "The ")) else name
            found = table.get(form.removesuffix("'s").removesuffix("’s"))
            if not found:
                continue
            if len(found) > 1:
                counts = self._article_countries()
                ranked = sorted(found, key=lambda f: -counts.get(f[0][:3], 0))
                if counts.get(ranked[0][0][:3], 0) == 0 or counts.get(ranked[0][0][:3], 0) == \
                        counts.get(ranked[1][0][:3], 0):
                    cluster.why = f"none:party-ambiguous:{'|'.join(f[0] for f in found)}"
                    return None
                found = (ranked[0],)
            code, party = found[0]
            cluster.why = f"table:party:{party}"
            return Actor.parse(code)
        return None

    def _national_body(self, cluster: _Cluster) -> Actor | None:
        """An institution name many countries share ("the Senate", "the Supreme Court"; `national_bodies.tsv`)
        is the one of the country the article's places and peoples name most, with twice the mentions of the
        next, if that country has an institution of that name (`countries`: Russia has no Senate); never when a
        mention reads as a state's or a region's ("state Senate", "Ohio House")."""
        body = lexicon.national_bodies().get(cluster.canonical.removeprefix("the ").removeprefix("The "))
        if body is None:
            return None
        sector, countries = body
        for start, _ in cluster.mentions:
            before = self.doc.char_span(start, start, alignment_mode="expand")
            i = before.start - 1 if before is not None else -1
            while i >= 0 and self.doc[i].lower_ in {"the", "'s", "’s"}:
                i -= 1
            if i >= 0 and (self.doc[i].lower_ in {"state", "provincial", "regional", "local", "student"}
                           or self.doc[i].ent_type_ in {"GPE", "NORP"}):
                cluster.why = "none:national-body:local"
                return None
        ranked = sorted(self._article_countries().items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]):
            cluster.why = "none:national-body:no-clear-country"
            return None
        if countries is not None and ranked[0][0] not in countries:
            cluster.why = f"none:national-body:no-such-body-in:{ranked[0][0]}"  # "the House" in a Russia story
            return None
        cluster.why = f"article-country:{ranked[0][0]}"
        return Actor(ranked[0][0], sector)

    def _article_countries(self) -> dict[str, int]:
        """ISO3 -> mentions of the article's places and peoples in that country (for shared party names)."""
        counts: dict[str, int] = {}
        for other in self._clusters:
            if other.type in {"GPE", "NORP"} and other.names:
                actor = other.final_actor(self.doc)
                if actor is not None and actor.country and actor.country not in NON_STATE:
                    counts[actor.country] = counts.get(actor.country, 0) + len(other.mentions)
        return counts

    def _actor(self, cluster: _Cluster) -> Actor | None:
        """The cluster's actor, except for a place that only ever names a thing or event ("the Paris accord",
        "the Istanbul talks"): that is neither a government nor a country acting. A well-known person's code
        from `people.tsv` holds only in the years of the role that gives it: in an article published outside
        them the sector is the text's own ("candidate Donald Trump" in 2016 is not USAGOV) or none."""
        if cluster.type != "PERSON" and cluster.things and cluster.things == len(cluster.mentions):
            cluster.why = "none:names-a-thing"  # every mention modifies "accord", "talks", "summit"…
            return None
        actor = cluster.final_actor(self.doc)
        if actor is not None and cluster.type != "PERSON" and (cluster.why or "").startswith("text:") \
                and _news_outlet(cluster.names):
            cluster.why = "none:news-outlet"  # "USA TODAY investigation": an outlet's name gives it no country
            return None
        if actor is None and cluster.type in {"NORP", "ORG"}:
            actor = self._party(cluster)
        if actor is None and cluster.type == "ORG":
            actor = self._national_body(cluster)
        if cluster.type == "PERSON" and actor is not None and actor.country is None and actor.sector \
                and cluster.organization:
            place = self._by_key.get(("GPE", _norm_org(cluster.organization.lower())))
            where = place.final_actor(self.doc) if place is not None else None
            if where is not None and where.country and where.country not in NON_STATE:
                actor = Actor(where.country, actor.sector)  # "New Mexico Gov. Susana Martinez" -> USAGOV
                cluster.why = f"{cluster.why};country-of-organisation:{cluster.organization}"
        if cluster.type != "PERSON" or actor is None or not actor.sector or self._year is None:
            return actor
        year = self._year
        for name in sorted(set(cluster.names), key=len, reverse=True):
            terms = lexicon.people_terms().get(name)
            hit = code_name(name)
            if terms is None or hit is None or hit[1] != "person":
                continue
            if hit[0] != actor or any(first <= year <= (last or 9999) for first, last in terms):
                return actor  # the text coded it, or the role was held then
            own = cluster.actor
            sector = own.sector if own is not None and own.country in {None, actor.country} else None
            span = "|".join(f"{first}-{last or ''}" for first, last in terms)
            cluster.why = f"{cluster.why};out-of-term:{year} not in {span}"
            office = lexicon.people()[name][1].lower()
            role = (cluster.role or "").lower()
            if role.removeprefix("former ") in {office, office.split()[-1]} \
                    and all(year > (last or 9999) for _, last in terms):
                if not role.startswith("former "):  # "President George W. Bush" in 2016: a former president
                    cluster.role = f"former {cluster.role}"
                sector = "ELI" if sector in OFFICE_SECTORS else sector  # CAMEO's elites, as "former" in the text
            return Actor(actor.country, sector)
        return actor


def find_entities(doc: Doc, layout: Layout, published: str | None = None) -> EntityIndex:
    """Build the article's entity index from the parse; `published` (ISO 8601 date or None) dates the
    well-known people's roles (see `EntityIndex._actor`)."""
    return EntityIndex(doc, layout, published)


_TITLE_ABBREVIATIONS = {"sen.": "senator", "sen": "senator", "gov.": "governor", "gov": "governor",
                        "rep.": "congressman", "gen.": "general", "pres.": "president", "sec.": "secretary",
                        "amb.": "ambassador", "lt.": "lieutenant", "col.": "colonel", "adm.": "admiral"}


def _first_name_places(doc: Doc, ents: tuple[Span, ...]) -> list[Span]:
    """The entities, with a place or organisation name right after a first name joined to it as a PERSON: the
    small model splits "Marta Paris" into two places, but a first name followed by a surname is a person, and
    their surname is no country ("Paris Hilton", "Mark Cuban", "Ellen Jordan")."""
    out: list[Span] = []
    for ent in ents:
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if ent.label_ in {"GPE", "NORP", "ORG", "LOC"} and len(ent) == 1 and prev is not None \
                and prev.is_title and not prev.is_sent_start and prev.pos_ == "PROPN" \
                and gender_of.first_name_gender(prev.text) is not None and code_name(prev.text) is None:
            if out and out[-1].end == ent.start - 0 and out[-1].start == prev.i:
                out.pop()
            elif out and out[-1].end > prev.i:
                out.append(ent)
                continue
            out.append(Span(doc, prev.i, ent.end, label="PERSON"))
            continue
        out.append(ent)
    return out


_CLAUSE_CUT_DEPS = {"relcl", "acl", "advcl", "parataxis", "conj", "cc"}
_TIME_NOUNS = {"time", "moment", "day", "days", "year", "years", "week", "weeks", "month", "months", "period",
               "era", "height", "start", "end", "beginning"}


def _time_phrase(prep: Token) -> bool:
    """ "at the time the tax was introduced", "during the 1980s", "since 2014": when, not what the role is."""
    if prep.lower_ in {"during", "since", "until", "after", "before", "in"}:
        return True
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return obj is not None and (obj.lower_ in _TIME_NOUNS or obj.ent_type_ in {"DATE", "TIME"})


def _is_role_head(token: Token) -> bool:
    """A noun that can head a role: the head word of a role or sector noun ("minister", "candidate";
    "runner" of "front-runner" read with its hyphen)."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.ent_type_ in {"PERSON", "GPE", "ORG", "NORP"}:
        return False
    heads = _role_heads()
    return _role_word(token, heads)


def _role_word(token: Token, words: frozenset[str]) -> bool:
    """Whether a token is one of `words` as written, by lemma ("Senators" -> senator) or read with the hyphen
    before it ("runner" of "front-runner", "runners" of "front-runners")."""
    hyphened = _hyphened(token)
    return token.lower_ in words or token.lemma_.lower() in words or hyphened in words \
        or (token.tag_ in {"NNS", "NNPS"} and hyphened.endswith("s") and hyphened[:-1] in words)


def _hyphened(token: Token) -> str:
    """ "front-runner" for the token "runner" after "front" and "-" (the tokenizer splits them), else ""."""
    doc = token.doc
    if token.i >= 2 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_:
        return f"{doc[token.i - 2].lower_}-{token.lower_}"
    return ""


def _join(tokens: list[Token]) -> str:
    """Tokens as written: their own spacing where they follow each other, one space across a gap."""
    return "".join(t.text_with_ws if nxt is not None and nxt.i == t.i + 1 else t.text + " "
                   for t, nxt in zip(tokens, [*tokens[1:], None], strict=True)).strip(" ,")


_AGENTIVE = ("er", "or", "ist", "ian", "ant", "ent", "eur", "ee")


_NOT_OCCUPATIONS = frozenset({
    "supporter", "backer", "admirer", "follower", "believer", "defender", "opponent", "detractor", "proponent",
    "listener", "viewer", "reader", "customer", "consumer", "survivor", "winner", "loser", "newcomer", "outsider",
    "insider", "neighbor", "neighbour", "partner", "lover", "resident", "descendant", "dependent", "participant",
    "attendee", "sufferer", "holder", "owner", "user", "donor",
})


def _agentive(word: str) -> bool:
    """An occupation by its ending ("technician", "organizer", "lobbyist"), for appositives no table lists;
    never a relation to something ("supporter", "opponent", "viewer")."""
    return len(word) > 5 and word.isalpha() and word.endswith(_AGENTIVE) and not word.endswith(("ment", "ness")) \
        and word not in _NOT_OCCUPATIONS


def _norp_owner(tokens: list[Token]) -> str | None:
    """The organisation a nationality or party adjective in a title names: the country's usual short name for a
    demonym ("Russian" -> "Russia", `lexicons/countries.tsv`), the party as written otherwise ("Republican")."""
    if not tokens:
        return None
    text = _join(tokens)
    hit = code_name(text)
    if hit is not None and hit[1] == "demonym" and hit[0].country:
        return lexicon.country_short_names().get(hit[0].country, text)
    return text if text in lexicon.parties() else None


def _party_owner(tokens: list[Token]) -> str | None:
    """A party adjective or noun right before a name ("Republican Donald Trump") as the person's organisation."""
    text = _join(tokens) if tokens else ""
    return text if text and text in lexicon.parties() else None


def _age_word(tokens: list[Token], i: int) -> bool:
    """Whether tokens[i] starts an age ("26-year-old", "26 year old"): a number followed by "-year"/"year"."""
    tok = tokens[i]
    return tok.like_num or (tok.lower_ in {"-", "year", "old", "years"} and i + 1 < len(tokens)
                            and any(t.lower_ in {"year", "old", "years"} for t in tokens[i:i + 3]))


def _inside_title(ent: Span) -> bool:
    """Whether a name is the object of "of" in a role `roles.tsv` lists whole ("Secretary of State", "Minister of
    Defence", "Secretary of the Treasury"): then it names the portfolio, not a body or place that acts."""
    doc = ent.doc
    i = ent.start - 1
    det = ""
    if i >= 0 and doc[i].lower_ == "the":
        det, i = "the ", i - 1
    if i < 1 or doc[i].lower_ != "of":
        return False  # read as written, not as parsed: "secretary of State Hillary Clinton" hangs State on her
    return _portfolio(doc[i - 1], f"{det}{ent.text}")


def _portfolio(role: Token, obj: str) -> bool:
    """Whether "<role> of <obj>" is a role `roles.tsv` lists whole ("secretary of state", "minister of the
    interior"): then <obj> is a portfolio, not an organisation."""
    return f"{role.lower_} of {obj.lower()}" in lexicon.roles()


def _news_outlet(names: list[str]) -> bool:
    """Whether any of the names is a news outlet's (`media.tsv`; capitals folded: "USA TODAY")."""
    return any(n.lower() in _outlet_names() for n in names)


@functools.cache
def _outlet_names() -> frozenset[str]:
    return frozenset(n.lower() for n in lexicon.media())


_PARTY_LABEL = re.compile(r"\s*[,(]\s*(?:([RDI])\s*-\s*)?([A-Z][A-Za-z. ]{1,12}?)\s*[,;)]")
_PARTY_LETTERS = {"R": "Republican", "D": "Democratic", "I": None}
_LEGISLATOR_TITLES = frozenset({"sen", "senator", "rep", "representative", "congressman", "congresswoman"})


_ABOUT_PREPS = frozenset({"on", "about", "to", "against", "toward", "towards", "with", "for"})
"""Prepositions whose object a role is about or aimed at, not whose it is ("expert on Iran", "envoy to Kyiv")."""

_PERSONAL_BODIES = frozenset({"campaign", "administration", "team", "camp", "staff", "office"})
"""Nouns that with a person's name make an organisation ("the Clinton campaign", "the Obama administration")."""

_NOT_ROLE_LEAD = frozenset({"fellow", "remaining", "other", "various", "several", "both", "all", "many", "some",
                            "two", "three", "four"})
"""Words that may open a title or apposition without being part of the role ("fellow candidates")."""


def _title_cased(sent: Span) -> bool:
    """Whether a sentence is written as a headline: five or more words, nearly all capitalised."""
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 5 and sum(t.is_title or t.is_upper for t in words) >= 0.85 * len(words)


def _coordinated(name: Token) -> bool:
    """Whether a name token heads or joins a coordination of person names ("Ann Vey, Jo Bell and Lee Orr")."""
    return (name.dep_ == "conj" and name.head.ent_type_ == "PERSON") \
        or any(c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in name.children)


def _party_label(text: str, end: int) -> tuple[str | None, str] | None:
    """(party, state) of the US label right after a name: "Marsha Blackburn, R-Tenn.," -> ("Republican",
    "Tennessee"); "Tim Kaine (D-Va.)" -> ("Democratic", "Virginia"); "Ted Cruz (Tex.)" -> (None, "Texas"): the
    AP's party-and-state shorthand for members of Congress. An independent ("I-Vt.") has no party. None when the
    words after the name are no such label (the state must be a US state's name or abbreviation; a bare state
    only in parentheses)."""
    found = _PARTY_LABEL.match(text, end)
    if found is None:
        return None
    state = _us_state_names().get(found.group(2).strip().rstrip(".").lower())
    if state is None or (found.group(1) is None and not found.group(0).lstrip().startswith("(")):
        return None
    return (_PARTY_LETTERS[found.group(1)] if found.group(1) else None), state


@functools.cache
def _us_state_names() -> dict[str, str]:
    """A US state's name, AP abbreviation, other abbreviations and postal code, lowercased without the final
    dot -> its name (`us_states.tsv`)."""
    out: dict[str, str] = {}
    for row in lexicon.table("us_states.tsv"):
        forms = [row["name"], row.get("code", ""), row.get("ap", ""), *row.get("variants", "").split("|")]
        for form in filter(None, forms):
            out.setdefault(form.strip().rstrip(".").lower(), row["name"])
    return out


_CONTRACTION_PIECES = frozenset({"n't", "'s", "'re", "'ll", "'ve", "'d", "'m"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})


def _not_a_name(ent: Span) -> bool:
    """Tags the small model puts on what is no name: a piece of a contraction ("n’t" as a place) or no word at
    all, and the first word of a day's name ("Super" of "Super Tuesday") when it is no known place."""
    low = ent.text.lower().replace("\u2019", "'")
    if low in _CONTRACTION_PIECES or not any(ch.isalpha() for ch in low):
        return True
    doc = ent.doc
    return len(ent) == 1 and ent.end < len(doc) and doc[ent.end].lower_ in _WEEKDAYS and doc[ent.end].is_title \
        and code_name(ent.text) is None and lookup_place(ent.text)["country"] is None


def _known_longer_name(ent: Span) -> Span:
    """A tagged name that is the start of a longer organisation or metonym the lexicons list, with the rest
    untagged or tagged apart, grown to that name as an ORG ("Islamic" + "State" -> "Islamic State")."""
    doc = ent.doc
    tables = (lexicon.organizations(), lexicon.metonyms())
    for extra in (2, 1):
        end = ent.end + extra
        if end > len(doc) or not all(t.is_title or t.is_upper for t in doc[ent.end:end]):
            continue
        longer = doc[ent.start:end]
        if any(longer.text in table for table in tables):
            return Span(doc, ent.start, end, label="ORG")
    return ent


def _span_text(token: Token) -> str:
    """The text of the tagged name a token is part of (the token alone when untagged)."""
    start, end = _ent_span(token)
    span = token.doc.char_span(start, end, alignment_mode="expand")
    return span.text if span is not None else token.text


def _middle(words: list[str]) -> str:
    """A full name's middle part, initials folded ("H.W." and "H. W." -> "hw"); "" when there is none."""
    inner = [w for w in words[1:-1] if w.lower().rstrip(".") not in {"jr", "sr"}]
    return "".join(ch for w in inner for ch in w.lower() if ch.isalpha())


_CALENDAR_WORDS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
}) | _WEEKDAYS


@functools.cache
def _famous_surnames() -> frozenset[str]:
    """The last words of the well-known people's names (`lexicons/people.tsv`), lowercased: "obama"."""
    return frozenset(name.split()[-1].lower() for name in lexicon.people() if " " in name)


@functools.cache
def _role_heads() -> frozenset[str]:
    """The head word of every role and sector noun ("minister", "secretary" of "secretary of state", "troops"):
    what an appositive's head must be for the apposition to give a role."""
    heads = set(lexicon.sector_nouns())
    for role in lexicon.roles():
        heads.add(role)
        heads.add(role.split(" of ")[0].split()[-1])
    return frozenset(heads)


def _city_after_the(name: Span) -> bool:
    """Whether a one-word city name (no country, no region) follows "the" and no noun follows it: cities take no
    article in English, so "the Bern" of a slogan is a pun, not Switzerland's capital ("the Hague" is tagged
    with its article; "the Kyiv government" is followed by its noun)."""
    doc = name.doc
    if len(name) != 1 or name.start == 0 or doc[name.start - 1].lower_ != "the":
        return False
    if name.end < len(doc) and doc[name.end].pos_ in {"NOUN", "PROPN"}:
        return False
    return lookup_place(name.text)["kind"] in {"city", "capital"}


def _names_a_building(name: Span) -> bool:
    """Whether a name runs on, in capitals, into a building's or work's name (`named_things.txt`: "Airport",
    "Library", "Center"), within four words: "Ronald Reagan Washington National Airport"."""
    doc = name.doc
    for tok in doc[name.end: min(len(doc), name.end + 4)]:
        if not tok.is_title:
            return False
        if tok.lower_ in lexicon.named_things():
            return True
    return False


def _names_a_thing(name: Span) -> bool:
    """Whether a name only modifies a noun that names a thing or event ("the Paris accord", "Minsk talks")."""
    root = name.root
    head = root.head
    if head.i == root.i or name.start <= head.i < name.end or root.dep_ not in {"compound", "amod", "nmod"}:
        return False
    return head.lemma_.lower() in lexicon.named_things() or head.lower_ in lexicon.named_things()


def _main_clause(verb: Token) -> bool:
    """Whether a verb heads its sentence's main clause (the root, or a verb conjoined with it)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


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
    for i in range(start, end):  # a name ends at a colon, a line break or a link ("Jo Kahn : http://…")
        if doc[i].text in {":", "|"} or "\n" in doc[i].text or doc[i].like_url \
                or (i > start and doc[i].text.startswith("@")):
            end = i
            break
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    if end <= start or not doc[start:end].text.strip():
        return None
    return Span(doc, start, end, label=ent.label_)


def _norm_org(low: str) -> str:
    return low[4:] if low.startswith("the ") else low


def _ent_span(token: Token) -> tuple[int, int]:
    """The character span of the named entity a token belongs to (or of the token)."""
    if token.ent_type_:
        whole = entity_span(token)
        span = _trim(whole) or whole
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


def _note_gender(cluster: _Cluster, evidence: tuple[str, int] | None) -> None:
    """Keep `evidence` (gender, strength) when it is stronger than what the person has."""
    if evidence is not None and evidence[1] > cluster.gender_weight:
        cluster.gender, cluster.gender_weight = evidence


def _given_words(name: Span) -> list[str]:
    """A name's words without honorifics and leading title words ("President Barack Obama" -> Barack
    Obama), so the first word is a first name when there is one."""
    honorifics, roles, first = lexicon.honorifics(), lexicon.role_words(), lexicon.first_names()
    words = [t.text for t in name if t.lower_ not in honorifics and not t.is_punct]
    while len(words) > 1 and (not words[0][:1].isupper() or (
            words[0].lower() in roles and (words[0].lower() not in first or gender_of.word_gender(words[0])))):
        words = words[1:]  # "President", "Queen" go; "Marine" (Le Pen), "Dean" stay: they are first names
    return words


def _agreeing_first(people: list[_Cluster], sex: str | None) -> _Cluster | None:
    """The first of these people whose gender is the pronoun's, else the first (all are compatible)."""
    if sex is not None:
        for person in people:
            if person.gender == sex:
                return person
    return people[0] if people else None


def _is_subject(token: Token) -> bool:
    """Whether a name or noun token heads (or is a compound of) a clause's subject."""
    while token.dep_ in {"compound", "flat", "amod"} and token.head.i != token.i:
        token = token.head
    return token.dep_ in _SUBJECT_DEPS


_PLEONASTIC_HEADS = frozenset({"be", "seem", "appear", "remain", "become", "happen", "matter"})


def _pleonastic(it: Token) -> bool:
    """ "It is unclear whether…", "it seems that…", "it remains to be seen": an "it" that stands for
    nothing (rule: newsledger)."""
    if it.dep_ == "expl":
        return True
    head = it.head
    return it.dep_ in _SUBJECT_DEPS and head.lemma_.lower() in _PLEONASTIC_HEADS and any(
        c.dep_ in {"ccomp", "xcomp", "csubj", "acomp", "advcl"} and c.i > it.i for c in head.children)


def _comma_between(a: Token, b: Token) -> bool:
    """Whether a comma, dash or bracket stands between two tokens (as in a true apposition)."""
    lo, hi = sorted((a.i, b.i))
    return any(a.doc[i].text in {",", "(", "—", "–"} for i in range(lo + 1, hi))
