"""Corpus actors: one key for the same person, organisation or country across many articles.

Within an article `newsledger.entities` already joins "Vladimir Putin" … "Putin" … "he". Across articles the
same man may appear as "Putin" in one outlet and "Russian President Vladimir Putin" in another, and two
different men may both be "Johnson". A ledger that counts who said or did what needs one key per real actor,
and must never fuse two people to get there: a wrong merge silently corrupts every count, while a missed merge
only splits one. So the rules below join only what the names themselves justify:

- People: the same normalised full name (accents folded, honorifics such as "Mr" or "Dr" dropped, "Jr"
  dropped, case folded) -> ``person:vladimir putin``. A one-word name ("Putin") joins a multi-word one only
  when exactly one multi-word person in the corpus has that surname; otherwise it keeps its own key
  (``person:johnson``), which then means "some Johnson, not known which".
- Places: a GPE whose country is known is its country -> ``gpe:RUS`` ("Russia", "Moscow" and "Kyiv" acting for
  its government are country actors in the event coding too). A bare demonym ("Russian", NORP) whose actor code
  is just the country is the country as well. A GPE without a country keeps its name (``gpe:donbas``).
- Organisations: the normalised name without a leading "the" -> ``org:european union``; an all-capitals
  acronym ("EU", "E.U.") joins the one multi-word organisation in the corpus with those initials, if only one.
- NORP by normalised name (``norp:european``).
- GROUP and OTHER are descriptions, not names: "officials" in two articles are not the same people. One coded
  to an actor joins the same description with the same code (``group:ukrainian officials/UKRGOV``); an uncoded
  one stays local to its article (``group:diplomats@a3``).
- The small spaCy model sometimes tags a person as ORG or OTHER ("Volodymyr Zelenskyy" ORG): such an entity
  whose full normalised name equals a multi-word PERSON name elsewhere in the corpus is that person.

Every choice depends only on the set of entities, never on their order, so the keys are stable across runs.
"""

from __future__ import annotations

import csv
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from importlib import resources

from newsledger.corpus.common import fold
from newsledger.records import Entity

ArticleEntity = tuple[str, str]  # (article_id, entity_id)

_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_ACRONYM_STOP = frozenset({"of", "the", "and", "for", "on", "in", "de", "du", "des", "la", "le", "&"})
_NON_WORD = re.compile(r"[^\w'\-&]+")
_TYPE_PREFIX = {"PERSON": "person", "GPE": "gpe", "ORG": "org", "GROUP": "group", "NORP": "norp"}
_PREFIX_TYPE = {v: k for k, v in _TYPE_PREFIX.items()} | {"other": "OTHER"}


@dataclass(frozen=True, slots=True)
class Actor:
    """One corpus actor: what the ledger shows for a key.

    `name` is the fullest name seen (for a country its own name: the most frequent of its names seen, else its
    usual short name; for other places the most frequent), `role`, `country` and `actor` (the
    PLOVER code) the most frequent non-empty values among the linked entities, `articles` how many distinct
    articles mention it, `aliases` every distinct name seen, sorted."""

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
    """The result of `link_actors`: each (article_id, entity_id) -> actor key, and the table of actors."""

    links: Mapping[ArticleEntity, str]
    actors: Mapping[str, Actor]

    def key(self, article_id: str, entity_id: str | None) -> str | None:
        """The actor key of an entity of an article, or None (no entity, or not in the linked corpus)."""
        if entity_id is None:
            return None
        return self.links.get((article_id, entity_id))

    def actor(self, article_id: str, entity_id: str | None) -> Actor | None:
        key = self.key(article_id, entity_id)
        return self.actors.get(key) if key is not None else None


@functools.cache
def _honorifics() -> tuple[tuple[str, ...], ...]:
    """Honorific forms as folded token tuples, longest first ("the rt. rev." before "the")."""
    from newsledger import lexicon  # stdlib-only loader of the data files

    forms = {tuple(fold(h).split()) for h in lexicon.honorifics()}
    return tuple(sorted((f for f in forms if f), key=lambda f: (-len(f), f)))


@functools.cache
def _country_names() -> dict[str, tuple[str, ...]]:
    """ISO3 -> the country's names from the project's countries table, the usual short name first."""
    text = resources.files("newsledger").joinpath("lexicons", "countries.tsv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
    out = {}
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        names = tuple(n.strip() for n in (row.get("names") or "").split("|") if n.strip())
        if row.get("iso3") and names:
            out[row["iso3"]] = names
    return out


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


def normalize_name(name: str, type: str = "ORG") -> str:  # noqa: A002 - the record's field name
    """The comparable form of a name: folded, punctuation-free; for people without honorifics and suffixes,
    for everything else without a leading "the". "Mr. Boris Johnson" -> "boris johnson"."""
    if type == "PERSON":
        return " ".join(_person_tokens(name))
    words = _tokens(name)
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _is_acronym(name: str) -> bool:
    letters = name.replace(".", "").strip()
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def _initials(norm: str) -> str:
    return "".join(w[0] for w in norm.split() if w not in _ACRONYM_STOP)


def actor_key_of(entity: Entity, article_id: str = "") -> str:
    """The key an entity of an article gets on its own, before the corpus-wide joins of `link_actors`."""
    if entity.type == "GPE" and entity.country:
        return f"gpe:{entity.country}"
    if entity.type == "NORP" and entity.country and entity.actor == entity.country:
        return f"gpe:{entity.country}"  # "Russian" acting: the country
    prefix = _TYPE_PREFIX.get(entity.type, "other")
    norm = normalize_name(entity.name, entity.type) or fold(entity.name).strip()
    if prefix in {"group", "other"}:
        return f"{prefix}:{norm}/{entity.actor}" if entity.actor else f"{prefix}:{norm}@{article_id}"
    return f"{prefix}:{norm}"


def link_actors(entities: Iterable[tuple[str, Entity]]) -> ActorLinks:
    """Link every (article_id, Entity) to a corpus actor key and build the actor table.

    Two passes: the first collects the multi-word people and organisations of the whole corpus, which the
    one-word names and acronyms of the second pass may join only when exactly one candidate fits."""
    items = sorted(entities, key=lambda pair: (pair[0], pair[1].id))
    full_people: set[str] = set()
    orgs: set[str] = set()
    for _, ent in items:
        if ent.type == "PERSON":
            norm = normalize_name(ent.name, "PERSON")
            if " " in norm:
                full_people.add(norm)
        elif ent.type == "ORG" and not _is_acronym(ent.name):
            norm = normalize_name(ent.name, "ORG")
            if " " in norm:
                orgs.add(norm)
    by_surname: dict[str, list[str]] = defaultdict(list)
    for norm in sorted(full_people):
        by_surname[norm.rsplit(" ", 1)[1]].append(norm)
    by_initials: dict[str, list[str]] = defaultdict(list)
    for norm in sorted(orgs):
        by_initials[_initials(norm)].append(norm)

    links: dict[ArticleEntity, str] = {}
    members: dict[str, list[tuple[str, Entity]]] = defaultdict(list)
    for article_id, ent in items:
        key = _corpus_key(article_id, ent, full_people, by_surname, by_initials)
        links[(article_id, ent.id)] = key
        members[key].append((article_id, ent))
    actors = {key: _actor(key, members[key]) for key in sorted(members)}
    return ActorLinks(links=links, actors=actors)


def _corpus_key(article_id: str, ent: Entity, full_people: set[str], by_surname: Mapping[str, list[str]],
                by_initials: Mapping[str, list[str]]) -> str:
    if ent.type == "PERSON":
        norm = normalize_name(ent.name, "PERSON")
        if norm and " " not in norm:
            candidates = by_surname.get(norm, [])
            if len(candidates) == 1:
                return f"person:{candidates[0]}"
        return actor_key_of(ent, article_id)
    if ent.type not in {"GPE", "NORP"}:
        as_person = normalize_name(ent.name, "PERSON")
        if " " in as_person and as_person in full_people:
            return f"person:{as_person}"  # a person the small model typed ORG/OTHER
    if ent.type == "ORG" and _is_acronym(ent.name):
        candidates = by_initials.get(ent.name.replace(".", "").strip().lower(), [])
        if len(candidates) == 1:
            return f"org:{candidates[0]}"
    return actor_key_of(ent, article_id)


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent non-empty value; ties go to the alphabetically first, so the answer is stable."""
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], v))


def _actor(key: str, linked: list[tuple[str, Entity]]) -> Actor:
    ents = [e for _, e in linked]
    names = Counter(e.name for e in ents)
    prefix = key.split(":", 1)[0]

    def fullest(n: str) -> tuple[int, int, int, str]:
        return (-len(n.split()), -names[n], -len(n), n)

    def commonest(n: str) -> tuple[int, int, int, str]:
        return (-names[n], -len(n.split()), -len(n), n)

    country = _most_common(e.country for e in ents)
    if prefix == "gpe" and key[4:].isupper():
        country = key[4:]
        official = _country_names().get(country, ())
        seen = [n for n in names if n in official]
        # the country's own name, not the capital or demonym that happened to be frequent
        name = min(seen, key=commonest) if seen else official[0] if official else min(names, key=commonest)
    else:
        name = min(names, key=commonest if prefix == "gpe" else fullest)
    return Actor(
        key=key,
        name=name,
        type=_PREFIX_TYPE.get(prefix, "OTHER"),
        role=_most_common(e.role for e in ents),
        country=country,
        actor=_most_common(e.actor for e in ents),
        articles=len({a for a, _ in linked}),
        aliases=tuple(sorted(names)),
    )
