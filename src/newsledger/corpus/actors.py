"""Corpus actors: one key for the same person, party, organisation or country across many articles.

Within an article `newsledger.entities` already joins "Vladimir Putin" … "Putin" … "he". Across articles the
same man may appear as "Putin" in one outlet and "Russian President Vladimir Putin" in another, and two
different men may both be "Johnson". A ledger that counts who said or did what needs one key per real actor,
and must never fuse two people to get there: a wrong merge silently corrupts every count, while a missed merge
only splits one. So the rules below join only what the names, and what the articles say about them, justify.
Every link keeps the rule that made it (`ActorLinks.why`), so a wrong merge can be traced to one rule.

People (and names the small spaCy model typed ORG, OTHER or GROUP; see "Types" below):

- The same normalised name (accents folded, case folded, honorifics such as "Mr" or "Dr" and capitalised titles
  such as "President" or "Sen." dropped) -> ``person:vladimir putin`` (why ``same-name``). A generational suffix
  is kept: "Donald Trump Jr." is ``person:donald trump jr``, not his father.
- Two spellings the people lexicon (`lexicons/people.tsv`) gives for one person ("Hillary Rodham Clinton",
  "Donald J. Trump") -> the lexicon's name (``people-lexicon``).
- Middle initials: "Kevin D. Williamson" joins "Kevin Williamson" when the ledger knows only one set of middle
  initials for that first and last name (``middle-initial``); "George W. Bush" and "George H. W. Bush" stay
  apart, and a plain "George Bush" beside them stays a key of its own.
- A one-word name ("Obama", "Mr. Obama", "President Obama", "Donald", or a typed-ORG "Trump") is decided per
  article (so one "Clinton" may be Hillary in one article and stay unknown in the next):
  1. the article itself names exactly one full-name person whose surname or first name it is, and nothing
     contradicts (gender, country) -> that person (``surname:named-in-article``, ``first-name:named-in-article``);
     several -> its own key. A first name alone ("Donald") links only by this rule.
  2. otherwise the corpus candidates: the full-name people with that surname, named within `WINDOW_DAYS` of the
     article when the articles carry publication dates (`link_actors(..., published=...)`; corpus-wide for
     undated articles, as in a ledger ingested without dates), that read as people (written as names, with a
     known first name, gender or lexicon entry; not "Exit Polls", not "Bernie Sanders Beats"). Exactly one,
     not contradicted -> it (``surname:one-candidate``); else the one left by gender or country
     (``surname:gender``, ``surname:country``); else the one whose usual roles include the entity's role
     (``surname:role``: "President Obama" with Barack and Michelle in the ledger); else the one well-known figure
     of the people lexicon, if the ledger names it in full far more often than the others
     (``surname:known-figure``: a bare surname with no full name in the article is someone the reader is expected
     to know; see `KNOWN_MIN_ARTICLES`, `KNOWN_SHARE`).
     A word that is also a first name ("David"), as often a place as a person ("Ferguson"), or typed ORG more
     often than PERSON ("Dell") links by rule 2 only to a known figure; a typed-ORG word only if the ledger
     also has it as some PERSON's bare name.
  3. otherwise, when several people may be meant (``surname:ambiguous(n)``, ``ambiguous:named-in-article``) or
     it is a first name no full name of the article explains, a key of its article alone
     (``person:johnson@a3``: "some Johnson, not known which"), so that no ledger row holds several Johnsons;
     a surname with no candidate at all keeps one key across the ledger (``person:lewandowski``).
- Parties: every name, noun and adjective of a party in `lexicons/parties.tsv` ("Republican", "Republicans",
  "GOP", "Republican Party") -> ``party:USA:republican party`` with the party code (USAPTY) and name; a form
  several countries' parties share ("Labour", "Democratic Party") goes by the entity's country, else the
  country the article mentions most, else the only one of those countries the article mentions; with none of
  them it is not a party (``party-alias:entity-country``, ``…:article-country``, ``…:article-mentions-country``).
- Places: a GPE whose country is known is its country -> ``gpe:RUS`` ("Russia", "Moscow" and "Kyiv" acting for
  its government are country actors in the event coding too). A bare demonym ("Russian", NORP) whose actor code
  is just the country is the country as well. A GPE without a country keeps its name (``gpe:donbas``).
- Organisations: the normalised name without a leading "the" -> ``org:european union``; an all-capitals
  acronym ("EU", "E.U.") joins the one multi-word organisation in the corpus with those initials, or, when the
  acronym carries an actor code, the one with that code ("DNC" USAPTY: the committee, not the convention;
  "ISIS" IMG is not the Institute for Science and International Security). A country-qualified name ("U.S.
  Senate", "United States Senate") is one key, the form most articles use, and the bare name ("Senate") joins
  it in an article that names the qualified form too (``org:country-qualified``, ``org:qualified-in-article``;
  not by the article's country alone: "the House" of a US story may be a state's).
- Peoples, faiths and regions (`lexicons/groups.tsv`): every noun, plural and adjective of one is one actor
  ("Muslims", "Islam", "Islamic" -> ``norp:muslims``; "European" -> ``gpe:europe``, the region's key;
  ``group-table:group``, ``group-table:region``). Other NORP by normalised name (hyphens are spaces); a plural
  joins its singular (``norp:plural``).
- Short and generic organisation names: a one-word name is the one longer organisation of its article it ends
  ("the Post" after "The Washington Post", ``org:short-form-in-article``); an institution name many countries
  share (`lexicons/national_bodies.tsv`: "Senate", "Supreme Court") that the article coded to its country joins
  that country's qualified form ("Senate" USALEG -> ``org:us senate``, ``org:national-body``) and uncoded stays in
  its article (``org:senate@a3``); so does a word that names a kind of body (`lexicons/generic_org_words.tsv`:
  "PAC", "Committee") or ends a news outlet's name ("Post", "Times"), ``org:generic-word``. A one-word ORG the
  ledger types GPE with a country more often is that country (``type:place-elsewhere``: "Benghazi").
- Metonyms and aliases of `lexicons/metonyms.tsv` (same_as) are their institution: "Capitol Hill" is Congress,
  "Oval Office" and "West Wing" the White House.
- GROUP and OTHER are descriptions, not names: "officials" in two articles are not the same people. One coded
  to an actor joins the same description with the same code (``group:ukrainian officials/UKRGOV``); an uncoded
  one stays local to its article (``group:diplomats@a3``), unless it is the capitalised name of an
  organisation typed ORG in more articles ("White House" OTHER -> ``org:white house``, ``type:org-name``).
- Types: a multi-word name typed PERSON in more articles than ORG/OTHER/GROUP (or a known figure: "Carly
  Fiorina", typed ORG in most articles) is that person wherever typed otherwise (``type:person-elsewhere``:
  "Volodymyr Zelenskyy" ORG); a PERSON whose name is typed ORG in more articles and does not read as a person's
  is that organisation (``type:org-elsewhere``: "Clinton Foundation" PERSON).

Every choice depends only on the set of entities (and the publication dates), never on their order, so the
keys are stable across runs.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from newsledger import lexicon
from newsledger.corpus.common import fold
from newsledger.dates import iso_day
from newsledger.entities.actors import NON_STATE
from newsledger.records import Entity

ArticleEntity = tuple[str, str]  # (article_id, entity_id)

WINDOW_DAYS = 365
"""A bare surname's candidates are the people named within this many days of the article (when dated)."""

KNOWN_MIN_ARTICLES = 3
KNOWN_SHARE = 2
"""A bare surname goes to the one well-known figure (people.tsv) among its candidates only if the ledger names
that figure in full in at least KNOWN_MIN_ARTICLES articles, and KNOWN_SHARE times as many as the others."""

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_NOT_HONORIFICS = frozenset({"don", "dona", "doña", "lady", "m.", "sr."})  # also first names, initials or suffixes
_PARTICLES = frozenset({"de", "da", "di", "du", "la", "le", "al", "el", "van", "von", "bin", "ibn", "abu", "del",
                        "der", "den", "dos", "das", "ben", "st", "mc", "mac"})
_NOT_FIRST = frozenset({"pro", "anti", "non", "neo", "ex", "the", "that", "this", "los", "las", "el", "la", "and",
                        "or", "of", "v", "vs", "former", "then", "team", "camp", "new", "old", "young", "mr", "mrs",
                        "ms", "dr", "sen", "gov", "rep", "president", "senator", "governor", "candidate", "nominee",
                        "fascist", "telling", "stop", "never", "dear", "dump", "hail", "super"})
_ROLE_TWO_WORD = frozenset({"vice", "deputy", "prime", "first", "attorney", "press", "majority", "minority",
                            "foreign", "defense", "defence", "interior", "finance"})
_ROLE_ABBREVIATIONS = {"sen": "senator", "gov": "governor", "rep": "representative", "sec": "secretary",
                       "pres": "president", "gen": "general", "amb": "ambassador", "atty": "attorney"}
_ACRONYM_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&"})
_NAME_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&", "to", "at"})
_NON_WORD = re.compile(r"[^\w'\-&]+")
_CLEAN_NAME = re.compile(r"^[^\W\d_][\w .,'\u2019\-&/]*$")
_TYPE_PREFIX = {"PERSON": "person", "GPE": "gpe", "ORG": "org", "GROUP": "group", "NORP": "norp"}
_PREFIX_TYPE = {v: k for k, v in _TYPE_PREFIX.items()} | {"other": "OTHER", "party": "ORG"}
_SURNAME_TYPES = frozenset({"ORG", "OTHER", "GROUP"})  # types the small model gives people by mistake


@dataclass(frozen=True, slots=True)
class Actor:
    """One corpus actor: what the ledger shows for a key.

    `name` is the fullest name seen (for a person the commonest spelling of the key's own name; for a party
    the party table's name; for a country its own name: the most frequent of its names seen, else its usual
    short name; for other places the most frequent), `role`, `country` and `actor` (the PLOVER code) the most
    frequent non-empty values among the linked entities (a party's country and code come from the party
    table), `articles` how many distinct articles mention it, `aliases` every distinct name seen, sorted."""

    key: str
    name: str
    type: str
    role: str | None
    country: str | None
    actor: str | None
    articles: int
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ActorLinks:
    """The result of `link_actors`: each (article_id, entity_id) -> actor key, the table of actors, and for
    each link the rule that decided it (`why`: "same-name", "surname:one-candidate", "party-alias:…")."""

    links: Mapping[ArticleEntity, str]
    actors: Mapping[str, Actor]
    why: Mapping[ArticleEntity, str] = field(default_factory=dict)

    def key(self, article_id: str, entity_id: str | None) -> str | None:
        """The actor key of an entity of an article, or None (no entity, or not in the linked corpus)."""
        if entity_id is None:
            return None
        return self.links.get((article_id, entity_id))

    def actor(self, article_id: str, entity_id: str | None) -> Actor | None:
        key = self.key(article_id, entity_id)
        return self.actors.get(key) if key is not None else None

    def reason(self, article_id: str, entity_id: str | None) -> str | None:
        """The rule that gave an entity of an article its key."""
        return None if entity_id is None else self.why.get((article_id, entity_id))

    def reasons(self, key: str) -> Counter[str]:
        """How many links of an actor each rule made: the trace of how the actor was formed."""
        return Counter(self.why[link] for link, k in self.links.items() if k == key and link in self.why)


# ---- lexicons -------------------------------------------------------------------------------------------------

@functools.cache
def _honorifics() -> tuple[tuple[str, ...], ...]:
    """Honorific forms as folded token tuples, longest first ("the rt. rev." before "the")."""
    from newsledger import lexicon  # stdlib-only loader of the data files

    forms = {tuple(fold(h).split()) for h in lexicon.honorifics()}
    return tuple(sorted((f for f in forms if f), key=lambda f: (-len(f), f)))


@functools.cache
def _name_honorifics() -> tuple[tuple[str, ...], ...]:
    """Honorifics dropped from a person's name for linking: not those that are also first names ("Don")."""
    return tuple(f for f in _honorifics() if not (len(f) == 1 and f[0] in _NOT_HONORIFICS))


@functools.cache
def _roles() -> frozenset[str]:
    from newsledger import lexicon

    return frozenset(lexicon.roles())


@functools.cache
def _first_names() -> frozenset[str]:
    from newsledger import lexicon

    return frozenset(lexicon.first_names())


@functools.cache
def _organisation_nouns() -> frozenset[str]:
    """Nouns that end an organisation's name (agent_nouns.txt: "foundation", "institute", "committee"...)."""
    from newsledger import lexicon

    return frozenset(w for w in lexicon.word_list("agent_nouns.txt") if " " not in w)


@functools.cache
def _org_names() -> frozenset[str]:
    """Names the lexicons know as organisations, outlets or institutions: never a person's bare surname."""
    from newsledger import lexicon

    return frozenset({*lexicon.organizations(), *lexicon.metonyms(), *lexicon.media()})


@functools.cache
def _generic_org_words() -> dict[str, bool]:
    """Words that name a kind of body, not one (`generic_org_words.tsv`: "pac", "committee") -> whether the word
    alone may stand for the one longer name of its article that ends with it ("the Foundation")."""
    return {r["word"]: r["short_form"] == "1" for r in lexicon.table("generic_org_words.tsv")}


@functools.cache
def _outlet_last_words() -> frozenset[str]:
    """The last words of the news outlets' names ("post", "times", "journal"), unless a word is itself an outlet's
    name or alias ("Politico"): alone, "the Post" is some Post."""
    names = lexicon.media()
    whole = {normalize_name(n) for n in names}
    return frozenset(w for n in names if " " in n and (w := normalize_name(n).rsplit(" ", 1)[-1]) not in whole)


@functools.cache
def _place_words() -> frozenset[str]:
    """Country names, demonyms and capitals as written ("German", "Paris"): never a typed-ORG person."""
    from newsledger import lexicon

    table = lexicon.countries()
    return frozenset({*table.names, *table.demonyms, *table.capitals})


@functools.cache
def _folded_org_names() -> frozenset[str]:
    return frozenset(normalize_name(n) for n in _org_names())


@functools.cache
def _country_names() -> dict[str, tuple[str, ...]]:
    """ISO3 -> the country's names from the project's countries table, the usual short name first."""
    out = {}
    for row in lexicon.table("countries.tsv"):
        names = tuple(n.strip() for n in (row.get("names") or "").split("|") if n.strip())
        if row.get("iso3") and names:
            out[row["iso3"]] = names
    return out


@dataclass(frozen=True, slots=True)
class _Figure:
    name: str  # the person key's name ("hillary clinton")
    role_head: str | None


@functools.cache
def _people() -> dict[str, _Figure]:
    """Well-known figures (`people.tsv`): every full name and alias, as a person key's name -> the figure."""
    out: dict[str, _Figure] = {}
    for row in lexicon.table("people.tsv"):
        canonical = _person_name(row["name"]).key
        figure = _Figure(canonical, _role_head(row.get("role")))
        for name in (row["name"], *(a for a in row.get("aliases", "").split("|") if a.strip())):
            out.setdefault(_person_name(name).key, figure)
    return out


@dataclass(frozen=True, slots=True)
class Party:
    code: str  # USAPTY
    name: str  # Republican Party
    country: str  # USA

    @property
    def key(self) -> str:
        return f"party:{self.country}:{normalize_name(self.name)}"  # no "/": keys travel in URL paths


@functools.cache
def parties() -> dict[str, tuple[Party, ...]]:
    """Party names, nouns and adjectives as written (`lexicons/parties.tsv`) -> the parties they may name."""
    out: dict[str, list[Party]] = defaultdict(list)
    for alias, found in lexicon.parties().items():
        form = _alias_form(alias)
        for code, name in found:
            party = Party(code, name, code[:3])
            if form and party not in out[form]:
                out[form].append(party)
    return {form: tuple(found) for form, found in out.items()}


@functools.lru_cache(maxsize=1 << 18)
def _alias_form(name: str) -> str:
    """A name as the party table compares it: accents and typographic quotes folded, case kept, a leading
    "the" and a trailing possessive dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKD", name.replace("\u2019", "'").replace("\u2018", "'"))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = " ".join(text.split())
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    if text[:4] in {"the ", "The "}:
        text = text[4:]
    return text


# ---- names ----------------------------------------------------------------------------------------------------

def _tokens(text: str) -> list[str]:
    """Folded words: periods removed ("E.U." -> "eu", "J.D." -> "jd"), other punctuation a separator,
    a trailing possessive dropped."""
    text = fold(text).replace(".", "")
    words = [w.strip("'-") for w in _NON_WORD.sub(" ", text).split()]
    words = [w for w in words if w]
    if words and words[-1].endswith("'s"):
        words[-1] = words[-1][:-2]
    return [w for w in words if w]


def _person_tokens(name: str) -> list[str]:
    """A person's name words without leading honorifics and trailing suffixes: "Dr. Martin Luther King Jr."
    -> martin luther king."""
    raw = fold(name).split()
    dropped = True
    while raw and dropped:
        dropped = False
        for form in _honorifics():
            if tuple(raw[: len(form)]) == form and len(raw) > len(form):
                raw = raw[len(form):]
                dropped = True
                break
    words = _tokens(" ".join(raw))
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return words


@functools.lru_cache(maxsize=1 << 18)  # a ledger repeats its names: each is folded once
def normalize_name(name: str, type: str = "ORG") -> str:  # noqa: A002 - the record's field name
    """The comparable form of a name: folded, punctuation-free; for people without honorifics and suffixes,
    for everything else without a leading "the". "Mr. Boris Johnson" -> "boris johnson"."""
    if type == "PERSON":
        return " ".join(_person_tokens(name))
    words = _tokens(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class PersonName:
    """A person's name as linking compares it: folded words without honorifics and titles, and the
    generational suffix apart ("Donald Trump Jr." -> ("donald", "trump"), "jr")."""

    words: tuple[str, ...]
    suffix: str = ""

    @property
    def key(self) -> str:
        return " ".join((*self.words, self.suffix) if self.suffix else self.words)

    @property
    def full(self) -> bool:
        return len(self.words) > 1

    def initials_base(self) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        """(first, last, suffix) and the middle initials, when every middle word is an initial; else None."""
        if not self.full:
            return None
        middles = self.words[1:-1]
        if any(len(w) > 1 for w in middles):
            return None
        return (self.words[0], self.words[-1], self.suffix), middles


def _role_prefix(raw: list[str]) -> int:
    """How many leading words of a name form a capitalised title from roles.tsv ("Secretary of State",
    "Sen."), leaving at least one word; 0 when none does or the first word is also a first name ("Major")."""
    for n in range(min(4, len(raw) - 1), 0, -1):
        words = raw[:n]
        if not words[0][:1].isupper() or not words[-1][:1].isupper():
            continue
        if fold(" ".join(words)) in _roles():
            if n == 1 and fold(words[0]).rstrip(".") in _first_names():
                return 0
            return n
    return 0


@functools.lru_cache(maxsize=1 << 18)
def _person_name(name: str) -> PersonName:
    """"President Barack Obama" -> barack obama; "Mr. Trump" -> trump; "George H.W. Bush" -> george h w bush;
    "Donald Trump Jr." -> donald trump + jr."""
    raw = name.split()
    dropped = True
    while len(raw) > 1 and dropped:
        dropped = False
        low = [fold(w) for w in raw]
        for form in _name_honorifics():
            if tuple(low[: len(form)]) == form and len(raw) > len(form):
                raw, dropped = raw[len(form):], True
                break
        else:
            n = _role_prefix(raw)
            if n:
                raw, dropped = raw[n:], True
    # dotted initials are separate words: "H.W." -> "H. W.", so "George H.W. Bush" = "George H. W. Bush"
    spaced = re.sub(r"\b([^\W\d_])\.(?=[^\W\d_]\.)", r"\1. ", " ".join(raw))
    spaced = re.sub(r"\s*['\u2019]s\b", "", spaced)  # "Trump ’s Supporters": a possessive, not an initial
    words = _tokens(spaced)
    suffix = ""
    while len(words) > 1 and words[-1] in _SUFFIXES:
        suffix = suffix or words[-1]
        words.pop()
    return PersonName(tuple(words), suffix)


def _name_like(words: tuple[str, ...]) -> bool:
    """A full name that can be a person's: not "pro - Trump", "Trump v. Trump" or "Fascist Trump"."""
    first, last = words[0], words[-1]
    return (len(words) > 1 and first != last and first not in _NOT_FIRST
            and all(w.replace("'", "").replace("-", "").isalpha() for w in words))


@functools.cache
def _country_prefixes() -> dict[str, str]:
    """Country names and abbreviations as folded words ("us", "united states", "uk") -> ISO3; not demonyms,
    which start names of other things ("American Airlines", "British Museum")."""
    out: dict[str, str] = {}
    for iso3, names in _country_names().items():
        for name in names:
            out.setdefault(" ".join(_tokens(name)), iso3)
    return out


def _country_prefix(plain: str) -> tuple[str, str] | None:
    """("senate", "USA") for "us senate"; None when the name does not start with a country."""
    words = plain.split()
    for n in (3, 2, 1):
        if len(words) > n and (iso3 := _country_prefixes().get(" ".join(words[:n]))):
            return " ".join(words[n:]), iso3
    return None


@functools.cache
def _known_names() -> frozenset[str]:
    return frozenset(f.name for f in _people().values())


def _person_like(plain: str) -> bool:
    """A multi-word name that reads as a person's even if most articles type it ORG ("Carly Fiorina"): a known
    figure or a known first name, and no organisation noun at the end ("Clinton Foundation")."""
    words = plain.split()
    if words[-1] in _organisation_nouns():
        return False
    return words[0] in _first_names() or _person_name(plain).key in _people()


def _role_head(role: str | None) -> str | None:
    """The head of a role, comparable across outlets: "former President" -> president, "Ohio Gov." ->
    governor, "Secretary of State" -> secretary, "Vice President" -> vice president."""
    if not role:
        return None
    words = fold(role).replace(".", "").replace("-", " ").split()
    if "of" in words:
        words = words[: words.index("of")]
    words = [_ROLE_ABBREVIATIONS.get(w, w) for w in words if w.isalpha()]
    if not words:
        return None
    if len(words) > 1 and words[-2] in _ROLE_TWO_WORD:
        return f"{words[-2]} {words[-1]}"
    return words[-1]


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").strip()
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _initials(norm: str) -> str:
    return "".join(w[0] for w in norm.split() if w not in _ACRONYM_STOP)


@functools.lru_cache(maxsize=1 << 18)
def _capitalised_name(name: str, person: bool = False) -> bool:
    """Every word of the name, but for small words (for a person: name particles only, "bin", "de"), starts
    with a capital: a proper name, not a description ("exit polls", "Victoria at Sandy Hook")."""
    words = [w for w in re.split(r"[\s\-]+", name.strip()) if w]
    small = _PARTICLES if person else _PARTICLES | _NAME_STOP
    return bool(words) and all(w[:1].isupper() or w.lower() in small for w in words) and words[0][:1].isupper()


def actor_key_of(entity: Entity, article_id: str = "") -> str:
    """The key an entity of an article gets on its own, before the corpus-wide joins of `link_actors`."""
    if entity.type == "GPE" and entity.country:
        return f"gpe:{entity.country}"
    if entity.type == "NORP" and entity.country and entity.actor == entity.country:
        return f"gpe:{entity.country}"  # "Russian" acting: the country
    prefix = _TYPE_PREFIX.get(entity.type, "other")
    if prefix == "person":
        norm = _person_name(entity.name).key or fold(entity.name).strip()
    else:
        norm = normalize_name(entity.name, entity.type) or fold(entity.name).strip()
    if prefix in {"group", "other"}:
        return f"{prefix}:{norm}/{entity.actor}" if entity.actor else f"{prefix}:{norm}@{article_id}"
    return f"{prefix}:{norm}"


# ---- the corpus -----------------------------------------------------------------------------------------------

@dataclass(slots=True)
class _Profile:
    """What the ledger says about one full-name person: where, when, and as whom."""

    articles: set[str] = field(default_factory=set)
    dates: set[dt.date] = field(default_factory=set)
    genders: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    roles: Counter[str] = field(default_factory=Counter)
    with_role: int = 0
    known: _Figure | None = None
    capitalised: bool = False  # written as a proper name at least once ("Exit Polls", not "exit polls")
    first_name: bool = False  # its first word is a known first name
    run_on: bool = False  # a better-known person's name followed by other words ("Bernie Sanders Beats")

    def eligible(self) -> bool:
        """A person a one-word name may be: written as a name, not run on, and a known figure, or with a known
        first name, or with a known gender ("Battleground Senate", "Among Latinos" are none of these)."""
        return self.capitalised and not self.run_on \
            and (self.known is not None or self.first_name or self.gender() is not None)

    def gender(self) -> str | None:
        return _top({g: n for g, n in self.genders.items() if g in {"female", "male"}})

    def country(self) -> str | None:
        return _top(self.countries)

    def role_heads(self) -> frozenset[str]:
        """Its usual roles: heads carried by a fifth of its role-bearing mentions (at least two), and the
        people lexicon's role."""
        floor = max(2, self.with_role / 5)
        heads = {h for h, n in self.roles.items() if n >= floor}
        if self.known and self.known.role_head:
            heads.add(self.known.role_head)
        return frozenset(heads)


@dataclass(slots=True)
class _Article:
    """What one article names: its full-name people by surname and by first name, and its countries."""

    by_last: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_first: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    countries: Counter[str] = field(default_factory=Counter)
    qualified: set[tuple[str, str]] = field(default_factory=set)  # its country-qualified organisations
    long_orgs: dict[str, list[Entity]] = field(default_factory=lambda: defaultdict(list))  # by last word
    published: dt.date | None = None

    def top_country(self) -> str | None:
        if not self.countries:
            return None
        (first, n), *rest = self.countries.most_common(2)
        return first if not rest or rest[0][1] < n else None


class _Corpus:
    """The corpus-wide facts the per-entity decisions read (built once, in a fixed order)."""

    def __init__(self, items: list[tuple[str, Entity]], published: Mapping[str, str | None], window: int) -> None:
        self.window = window
        self.dates = {a: d for a, v in published.items() if (d := iso_day(v)) is not None}
        person_plain: dict[str, set[str]] = defaultdict(set)  # ORG-normalised name -> articles typed PERSON
        org_plain: dict[str, set[str]] = defaultdict(set)  # -> articles typed ORG
        org_codes: dict[str, Counter[str]] = defaultdict(Counter)
        described: dict[str, set[str]] = defaultdict(set)  # -> articles typed OTHER or GROUP
        self.nonperson_plain: dict[str, set[str]] = defaultdict(set)  # -> articles typed ORG, OTHER or GROUP
        self.gpe_words: dict[str, set[str]] = defaultdict(set)  # one-word GPE name -> articles
        self.norps: set[str] = set()
        self.gpe_countries: dict[str, Counter[str]] = defaultdict(Counter)  # GPE name -> its countries, by mention
        for article_id, ent in items:
            plain = normalize_name(ent.name, "ORG")
            if ent.type in _SURNAME_TYPES:
                self.nonperson_plain[plain].add(article_id)
            if ent.type == "PERSON":
                person_plain[plain].add(article_id)
            elif ent.type == "ORG":
                org_plain[plain].add(article_id)
                if ent.actor:
                    org_codes[plain][ent.actor] += 1
            elif ent.type == "NORP":
                self.norps.add(normalize_name(ent.name, "NORP").replace("-", " "))
            elif ent.type in {"OTHER", "GROUP"}:
                described[plain].add(article_id)
            elif ent.type == "GPE" and " " not in plain:
                self.gpe_words[plain].add(article_id)
            if ent.type == "GPE" and ent.country:
                self.gpe_countries[plain][ent.country] += 1
        self.org_plain = org_plain
        # a capitalised OTHER/GROUP name that is an organisation's: typed ORG in more articles, and either several
        # words or an organisation the lexicons know ("White House", "Twitter"; not "Friends", "Press")
        self.org_names = {p for p, arts in org_plain.items() if len(arts) > len(described.get(p, ()))
                          and (" " in p or p in _folded_org_names())}
        # a PERSON whose name most articles type ORG is that organisation ("Clinton Foundation")
        self.person_as_org = {p for p, arts in person_plain.items()
                              if len(org_plain.get(p, ())) > len(arts) and " " in p and not _person_like(p)}

        # full-name people: lexicon spellings, then middle initials
        names = sorted({_person_name(e.name) for _, e in items
                        if e.type == "PERSON" and normalize_name(e.name, "ORG") not in self.person_as_org},
                       key=lambda n: (n.key, n.suffix))
        full = [n for n in names if n.full]
        self.canon: dict[str, tuple[str, str]] = {}
        figures = _people()
        groups: dict[tuple[str, ...], dict[tuple[str, ...], set[str]]] = defaultdict(lambda: defaultdict(set))
        for n in full:
            figure = figures.get(n.key)
            if figure is not None and figure.name != n.key:
                self.canon[n.key] = (figure.name, "people-lexicon")
                continue
            base = n.initials_base()
            if base is not None:
                groups[base[0]][base[1]].add(n.key)
        for (first, last, suffix), variants in groups.items():
            with_initials = [v for v in variants if v]
            if len(with_initials) != 1:
                continue  # no initials, or several sets (George W. Bush, George H. W. Bush): each its own
            plain = " ".join(w for w in (first, last, suffix) if w)
            plain = figures[plain].name if plain in figures else plain
            for middles, keys in variants.items():
                for key in keys:
                    if key != plain:
                        self.canon[key] = (plain, "middle-initial" if middles else "same-name")

        # the articles of each full-name person typed PERSON (for the type vote of the same name typed ORG)
        self.person_articles: dict[str, set[str]] = defaultdict(set)
        for article_id, ent in items:
            if ent.type == "PERSON" and normalize_name(ent.name, "ORG") not in self.person_as_org:
                name = _person_name(ent.name)
                if name.full and _name_like(name.words):
                    self.person_articles[self.person_key(name)[0]].add(article_id)

        # profiles of the full-name people typed PERSON
        self.profiles: dict[str, _Profile] = defaultdict(_Profile)
        self.bare_people: dict[str, set[str]] = defaultdict(set)  # one-word PERSON name -> articles
        for article_id, ent in items:
            if ent.type != "PERSON":
                continue
            found = self.full_person(ent)
            if found is None:
                name = _person_name(ent.name)
                if len(name.words) == 1 and not name.suffix:
                    self.bare_people[name.words[0]].add(article_id)
                continue
            prof = self.profiles[found[0]]
            prof.capitalised = prof.capitalised or _capitalised_name(ent.name, person=True)
            prof.articles.add(article_id)
            if article_id in self.dates:
                prof.dates.add(self.dates[article_id])
            if ent.gender:
                prof.genders[ent.gender] += 1
            if ent.country:
                prof.countries[ent.country] += 1
            head = _role_head(ent.role)
            if head:
                prof.roles[head] += 1
                prof.with_role += 1
        for person, prof in self.profiles.items():
            words = person.split()
            prof.known = figures.get(person)
            prof.first_name = words[0] in _first_names()
            # "Bernie Sanders Beats", "Marco Rubio Responds To Question": a known person's name run on
            prof.run_on = len(words) > 2 and any(
                len(self.profiles[head].articles) > len(prof.articles)
                for n in range(2, len(words)) if (head := " ".join(words[:n])) in self.profiles)
        self.eligible = {p for p, prof in self.profiles.items() if prof.eligible()}
        self.by_surname: dict[str, list[str]] = defaultdict(list)
        for person in sorted(self.eligible):
            words = person.split()
            self.by_surname[words[-2] if words[-1] in _SUFFIXES else words[-1]].append(person)

        # what each article names: its countries, and its full-name people (of any type) by surname and first name
        self.articles: dict[str, _Article] = defaultdict(_Article)
        for article_id, ent in items:
            art = self.articles[article_id]
            art.published = self.dates.get(article_id)
            if ent.country:
                art.countries[ent.country] += max(1, len(ent.mentions))
            if ent.type == "ORG" and (split := _country_prefix(normalize_name(ent.name, "ORG"))) is not None:
                art.qualified.add(split)
            if ent.type == "ORG" and " " in (plain := normalize_name(ent.name, "ORG")):
                art.long_orgs[plain.rsplit(" ", 1)[1]].append(ent)
            found = self.full_person(ent)
            if found is None or found[0] not in self.eligible:
                continue
            words = found[0].split()
            art.by_last[words[-2] if words[-1] in _SUFFIXES else words[-1]].add(found[0])
            art.by_first[words[0]].add(found[0])

        # organisations by initials
        self.by_initials: dict[str, list[str]] = defaultdict(list)
        for norm in sorted(p for p in org_plain if " " in p):
            self.by_initials[_initials(norm)].append(norm)
        self.org_code = {p: _most_common(c.elements()) for p, c in org_codes.items()}
        # country-qualified institutions ("U.S. Senate", "United States Senate") by (rest, country): the form most
        # articles use
        qualified: dict[tuple[str, str], list[str]] = defaultdict(list)
        for norm in sorted(org_plain):
            split = _country_prefix(norm)
            if split is not None:
                qualified[split].append(norm)
        self.by_country_prefix = {k: min(v, key=lambda n: (-len(org_plain[n]), n)) for k, v in qualified.items()}

    # -- people -------------------------------------------------------------------------------------------------
    def person_key(self, name: PersonName) -> tuple[str, str]:
        """A full name's person key and the rule that gave it."""
        return self.canon.get(name.key, (name.key, "same-name"))

    def full_person(self, ent: Entity) -> tuple[str, str] | None:
        """The full-name person an entity is, with the rule, before any surname decision; None if none."""
        name = _person_name(ent.name)
        if not name.full or not _name_like(name.words):
            return None
        person, why = self.person_key(name)
        if ent.type == "PERSON":
            return None if normalize_name(ent.name, "ORG") in self.person_as_org else (person, why)
        # a person the small model typed ORG/OTHER/GROUP: typed PERSON in at least as many articles
        # a person the small model typed ORG/OTHER/GROUP: a name typed PERSON in more articles than otherwise
        # (or a known figure), written as a name
        if ent.type not in _SURNAME_TYPES or not _capitalised_name(ent.name, person=True):
            return None
        as_person = len(self.person_articles.get(person, ()))
        as_other = len(self.nonperson_plain.get(normalize_name(ent.name, "ORG"), ()))
        if as_person and person in self.eligible and (as_person > as_other or person in _known_names()):
            return person, "type:person-elsewhere"
        return None

    def window_candidates(self, surname: str, article_id: str) -> list[str]:
        cands = self.by_surname.get(surname, [])
        day = self.dates.get(article_id)
        if day is None:
            return list(cands)
        return [c for c in cands if not self.profiles[c].dates
                or any(abs((d - day).days) <= self.window for d in self.profiles[c].dates)]

    def agrees(self, ent: Entity, person: str, country: bool = True) -> bool:
        """Nothing the entity says contradicts the person: gender and (unless `country` is False) country,
        when both sides know them."""
        prof = self.profiles.get(person)
        if prof is None:
            return True
        gender = prof.gender()
        if ent.gender in {"female", "male"} and gender and ent.gender != gender:
            return False
        theirs = prof.country()
        return not (country and ent.country and theirs and ent.country != theirs)

    def one_word(self, article_id: str, ent: Entity, token: str, typed_person: bool) -> tuple[str, str] | None:
        """The person a one-word name is (see the module notes), with the rule; None if it stays apart."""
        art = self.articles[article_id]
        by_last = {p for p in art.by_last.get(token, ()) if self.agrees(ent, p)}
        by_first = {p for p in art.by_first.get(token, ()) if self.agrees(ent, p)}
        named = by_last | by_first
        if len(named) == 1:
            person = next(iter(named))
            return person, "surname:named-in-article" if person in by_last else "first-name:named-in-article"
        if named:
            return None  # the article names several: which one is not known
        cands = self.window_candidates(token, article_id)
        if not cands or (not typed_person and token not in self.bare_people):
            return None  # a typed-ORG word links by the corpus only if it is also some PERSON's bare name
        picked = self._pick(ent, token, cands, typed_person)
        if picked is None:
            return None
        return None if self.weak(token, typed_person) and self.profiles[picked[0]].known is None else picked

    def weak(self, token: str, typed_person: bool = True) -> bool:
        """A word that is also a first name ("David", "Gary"), as often a place as a person ("Ferguson"), or
        typed ORG at least as often as PERSON ("Dell"): it links by the corpus only to a known figure."""
        bare = len(self.bare_people.get(token, ()))
        return token in _first_names() or len(self.gpe_words.get(token, ())) >= bare \
            or (not typed_person and bare <= len(self.nonperson_plain.get(token, ())))

    def _pick(self, ent: Entity, token: str, cands: list[str], typed_person: bool) -> tuple[str, str] | None:
        fits = [c for c in cands if self.agrees(ent, c)]
        if len(cands) == 1:
            return (cands[0], "surname:one-candidate") if fits else None
        if typed_person and len(fits) == 1:
            gender_only = [c for c in cands if self.agrees(ent, c, country=False)]
            return fits[0], "surname:gender" if len(gender_only) == 1 else "surname:country"
        head = _role_head(ent.role) if typed_person else None
        if head:
            by_role = [c for c in fits if head in self.profiles[c].role_heads()]
            if len(by_role) == 1:
                return by_role[0], "surname:role"
        # the one well-known figure among them, named in full in at least KNOWN_MIN_ARTICLES articles and in at
        # least KNOWN_SHARE times as many as all the others together (Obama: Barack, not Michelle; not "Johnson"
        # for Boris in a ledger where Gary Johnson runs for president)
        known = [c for c in fits if self.profiles[c].known is not None]
        if len(known) == 1:
            n = len(self.profiles[known[0]].articles)
            others = sum(len(self.profiles[c].articles) for c in fits if c != known[0])
            if n >= KNOWN_MIN_ARTICLES and n >= KNOWN_SHARE * others:
                return known[0], "surname:known-figure"
        return None

    # -- parties and organisations ------------------------------------------------------------------------------
    def party(self, article_id: str, ent: Entity) -> tuple[Party, str] | None:
        """The party a name, noun or adjective of the party table is, with the rule; None if none or unsure."""
        if ent.type not in {"NORP", "ORG", "OTHER", "GROUP"}:
            return None
        found = parties().get(_alias_form(ent.name))
        if not found:
            return None
        own = ent.country or (ent.actor[:3] if ent.actor else None)
        if own and any(p.country == own for p in found):
            fits = [p for p in found if p.country == own]
            return (fits[0], "party-alias:entity-country") if len(fits) == 1 else None
        if ent.country:
            return None  # the entity's country is none of these parties'
        art = self.articles[article_id]
        top = art.top_country()
        fits = [p for p in found if p.country == top]
        if len(fits) == 1:
            return fits[0], "party-alias:article-country"
        fits = [p for p in found if p.country in art.countries]
        if len(fits) == 1:
            return fits[0], "party-alias:article-mentions-country"
        return None

    def acronym(self, ent: Entity) -> tuple[str, str] | None:
        """The one multi-word organisation with the acronym's initials; when the acronym carries an actor code,
        the one with that code too ("ISIS" IMG is not the Institute for Science and International Security)."""
        candidates = self.by_initials.get(ent.name.replace(".", "").strip().lower(), [])
        if ent.actor:
            coded = [c for c in candidates if self.org_code.get(c) == ent.actor]
            return (f"org:{coded[0]}", "acronym:initials+code") if len(coded) == 1 else None
        return (f"org:{candidates[0]}", "acronym:initials") if len(candidates) == 1 else None

    def short_or_generic(self, article_id: str, ent: Entity, plain: str) -> tuple[str, str] | None:
        """A one-word organisation name the ledger cannot take on its own: the one longer organisation of the
        article it ends ("the Post" after "The Washington Post": ``org:short-form-in-article``); a shared
        institution name the article coded to its country ("Senate" USALEG -> the "U.S. Senate" key,
        ``org:national-body``); a place's name the ledger types GPE more often ("Benghazi" ORG ->
        ``type:place-elsewhere``); else, for a bare institution or generic word ("Senate" uncoded, "PAC") or a
        word that ends a news outlet's name ("Post", "Times"), a key of the article alone (some Senate, not
        known which)."""
        body = _alias_form(ent.name) in lexicon.national_bodies()
        if " " not in plain and _capitalised_name(ent.name) and not body:
            longer = {normalize_name(e.name, "ORG"): e for e in self.articles[article_id].long_orgs.get(plain, [])}
            # an outlet's name shortens only an outlet's ("The Times" is The New York Times; "The Hill" the paper,
            # never Capitol Hill)
            media = lexicon.media()
            shortens = _generic_org_words().get(plain, True) and (
                ent.name not in media or all(e.name in media for e in longer.values()))
            if len(longer) == 1 and shortens:
                key, _ = self.decide(article_id, next(iter(longer.values())))
                return key, "org:short-form-in-article"
        if body:
            if ent.actor and len(ent.actor) >= 6 and ent.actor[:3] not in NON_STATE:
                found = self.by_country_prefix.get((plain, ent.actor[:3]))
                return (f"org:{found}" if found else f"org:{plain}/{ent.actor}"), "org:national-body"
            return f"org:{plain}@{article_id}", "org:national-body-unresolved"
        votes = self.gpe_countries.get(plain)
        if " " not in plain and votes and not _is_acronym(ent.name) and ent.name not in _org_names() \
                and sum(votes.values()) > len(self.org_plain.get(plain, ())):
            return f"gpe:{votes.most_common(1)[0][0]}", "type:place-elsewhere"
        if plain in _generic_org_words() or plain in _outlet_last_words():
            return f"org:{plain}@{article_id}", "org:generic-word"
        return None

    def qualified(self, article_id: str, plain: str) -> str | None:
        """A bare institution name ("Senate") in an article that also names it with one country ("U.S.
        Senate"): that form. Not by the article's country alone: "the House" of a US story may be a state's."""
        found = {self.by_country_prefix[k] for k in self.articles[article_id].qualified if k[0] == plain}
        return found.pop() if len(found) == 1 else None

    # -- the decision for one entity ----------------------------------------------------------------------------
    def decide(self, article_id: str, ent: Entity) -> tuple[str, str]:
        """The actor key of an entity of an article and the rule that chose it."""
        if ent.type == "GPE":
            return actor_key_of(ent, article_id), "country" if ent.country else "same-name"
        party = self.party(article_id, ent)
        if party is not None:
            return party[0].key, party[1]
        form = _alias_form(ent.name)
        typed = ent.type in {"NORP", "ORG", "GPE"} or (ent.type == "PERSON" and form.endswith("s"))  # "Latinos"
        group = lexicon.groups().get(form) if typed else None
        if group is not None:  # "Islamic" and "Muslims" are one group; "European" is Europe's
            same_as, kind = group
            prefix = "gpe" if kind == "region" else "norp"
            return f"{prefix}:{normalize_name(same_as, _PREFIX_TYPE[prefix])}", f"group-table:{kind}"
        if ent.type == "NORP":
            key = actor_key_of(ent, article_id)
            if key.startswith("gpe:"):
                return key, "demonym-country"
            norm = key.split(":", 1)[1].replace("-", " ")
            if norm.endswith("s") and norm[:-1] in self.norps:
                return f"norp:{norm[:-1]}", "norp:plural"
            return f"norp:{norm}", "same-name"
        if ent.type == "PERSON":
            if normalize_name(ent.name, "ORG") in self.person_as_org:
                return f"org:{normalize_name(ent.name, 'ORG')}", "type:org-elsewhere"
            found = self.full_person(ent)
            if found is not None:
                return f"person:{found[0]}", found[1]
            name = _person_name(ent.name)
            if len(name.words) == 1 and not name.suffix:
                decided = self.one_word(article_id, ent, name.words[0], typed_person=True)
                if decided is not None:
                    return f"person:{decided[0]}", decided[1]
                why = self._apart(article_id, name.words[0])
                if why.startswith(("surname:ambiguous", "ambiguous:", "first-name:")):  # some Bush: no ledger row
                    return f"{actor_key_of(ent, article_id)}@{article_id}", why
                return actor_key_of(ent, article_id), why
            return actor_key_of(ent, article_id), "same-name"
        # ORG, OTHER, GROUP (and anything else)
        found = self.full_person(ent)
        if found is not None:
            return f"person:{found[0]}", found[1]
        token = self._surname_token(ent)
        if token is not None:
            decided = self.one_word(article_id, ent, token, typed_person=False)
            if decided is not None:
                return f"person:{decided[0]}", f"{decided[1]}/typed-{ent.type.lower()}"
        aliases = lexicon.organization_aliases()
        if ent.type in {"ORG", "OTHER"} and (form in aliases or form in aliases.values()):
            usual = aliases.get(form, form)  # "ISIS" is the Islamic State; "NATO" stays NATO, whatever the initials
            return f"org:{normalize_name(usual, 'ORG')}", "org:alias-table"
        if ent.type == "ORG" and _is_acronym(ent.name):
            decided = self.acronym(ent)
            if decided is not None:
                return decided
        if ent.type == "ORG":
            plain = normalize_name(ent.name, "ORG")
            split = _country_prefix(plain)
            if split is not None:  # "United States Senate" -> the commonest qualified form, "U.S. Senate"
                found = self.by_country_prefix[split]
                return f"org:{found}", "same-name" if found == plain else "org:country-qualified"
            if _capitalised_name(ent.name) and (found := self.qualified(article_id, plain)) is not None:
                return f"org:{found}", "org:qualified-in-article"
            decided = self.short_or_generic(article_id, ent, plain)
            if decided is not None:
                return decided
        if ent.type in {"OTHER", "GROUP"} and _capitalised_name(ent.name):
            plain = normalize_name(ent.name, "ORG")
            if plain in self.org_names:
                return f"org:{plain}", "type:org-name"
        key = actor_key_of(ent, article_id)
        return key, "coded-description" if key.startswith(("group:", "other:")) and "/" in key else "same-name"

    def _surname_token(self, ent: Entity) -> str | None:
        """The surname a one-word capitalised ORG/OTHER/GROUP name may be ("Trump"), unless the lexicons know
        the word as an organisation or outlet."""
        name = _alias_form(ent.name)
        if " " in name or not name[:1].isupper() or not name.replace("'", "").replace("-", "").isalpha():
            return None
        if name in _org_names() or _is_acronym(name) or name in _place_words():
            return None
        words = _person_name(name).words
        return words[0] if len(words) == 1 else None

    def _apart(self, article_id: str, token: str) -> str:
        """Why a one-word person name kept a key of its own."""
        art = self.articles[article_id]
        if len(art.by_last.get(token, set()) | art.by_first.get(token, set())) > 1:
            return "ambiguous:named-in-article"
        n = len(self.window_candidates(token, article_id))
        if n > 1:
            return f"surname:ambiguous({n})"
        if n == 1:
            return "surname:weak-word" if self.weak(token) else "surname:disagrees"
        return "first-name:not-named-in-article" if token in _first_names() else "same-name"


def link_actors(entities: Iterable[tuple[str, Entity]], published: Mapping[str, str | None] | None = None,
                window_days: int = WINDOW_DAYS) -> ActorLinks:
    """Link every (article_id, Entity) to a corpus actor key and build the actor table.

    `published` maps article ids to their publication dates (ISO 8601), so a bare surname's candidates are the
    people named within `window_days` of its article; without it (or for undated articles) they are every
    full-name person of the corpus. Two passes: the first collects the corpus's full-name people (and their
    genders, countries, roles), organisations and articles; the second decides each entity from them."""
    items = sorted(entities, key=lambda pair: (pair[0], pair[1].id))
    corpus = _Corpus(items, published or {}, window_days)
    links: dict[ArticleEntity, str] = {}
    why: dict[ArticleEntity, str] = {}
    members: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
    for article_id, ent in items:
        key, reason = corpus.decide(article_id, ent)
        links[(article_id, ent.id)] = key
        why[(article_id, ent.id)] = reason
        members[key].append((article_id, ent))
    party_of = {p.key: p for found in parties().values() for p in found}
    actors = {key: _actor(key, members[key], party_of.get(key)) for key in sorted(members)}
    return ActorLinks(links=links, actors=actors, why=why)


def _top(counts: Mapping[str, int]) -> str | None:
    """`_most_common` of values already counted (the same answer without expanding the counts)."""
    counts = {v: n for v, n in counts.items() if v and n > 0}
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent non-empty value; ties go to the alphabetically first, so the answer is stable."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _actor(key: str, linked: list[tuple[str, Entity]], party: Party | None = None) -> Actor:
    ents = [e for _, e in linked]
    names = Counter(e.name for e in ents)
    prefix, rest = key.split(":", 1)

    def fullest(n: str) -> tuple[bool, int, int, int, str]:
        return (not _CLEAN_NAME.match(n), -len(_tokens(n)), -names[n], -len(n), n)

    def commonest(n: str) -> tuple[int, int, int, str]:
        return (-names[n], -len(n.split()), -len(n), n)

    country = _most_common(e.country for e in ents)
    actor = _most_common(e.actor for e in ents)
    if party is not None:
        name, country, actor = party.name, party.country, party.code
    elif prefix == "gpe" and rest.isupper():
        country = rest
        official = _country_names().get(country, ())
        seen = [n for n in names if n in official]
        # the country's own name, not the capital or demonym that happened to be frequent
        name = min(seen, key=commonest) if seen else official[0] if official else min(names, key=commonest)
    elif prefix == "person":
        own = [n for n in names if _own_key(n) == rest and _CLEAN_NAME.match(n)]
        name = min(own, key=commonest) if own else min(names, key=fullest)
    else:
        name = min(names, key=commonest if prefix == "gpe" else fullest)
        usual = {_usual_names().get(n) for n in names} - {None}
        if len(usual) == 1:
            name = usual.pop()  # "Congress", not "Capitol Hill"; "Asia", not "Asian"
    return Actor(
        key=key,
        name=name,
        type=_PREFIX_TYPE.get(prefix, "OTHER"),
        role=_most_common(e.role for e in ents),
        country=country,
        actor=actor,
        articles=len({a for a, _ in linked}),
        aliases=tuple(sorted(names)),
    )


@functools.cache
def _usual_names() -> dict[str, str]:
    """A name as written -> the usual name of what it stands for (the alias and group tables)."""
    return {**lexicon.organization_aliases(), **{k: v[0] for k, v in lexicon.groups().items()},
            **{v: v for v in lexicon.organization_aliases().values()}}


def _own_key(name: str) -> str:
    """A person name's own key name, after the people lexicon ("Hillary Rodham Clinton" -> hillary clinton)."""
    parsed = _person_name(name)
    figure = _people().get(parsed.key)
    return figure.name if figure is not None else parsed.key
