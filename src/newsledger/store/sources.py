"""Who gets quoted: shares of a ledger's statements by the speaker's gender, sector or party, overall, per outlet or
per ISO week, with the people behind each bar and the way to each of their statements.

What is counted: statements, as every quote query counts them (`queries.STATEMENTS`: `quotes.statement` not false,
so rows of ledgers older than the `statement` column count). Each stored quote row is one statement: a quote carried
by two different articles counts in each (each outlet's share is of what that outlet printed), while the same text
seen twice is one article (`sightings`) and counts once. Every statement is in its bar's denominator, whatever its
category: nothing is dropped, so a bar's shares add up to 1.

The dimensions, each from a field the ledger already has (none is guessed here):

- ``gender``: the speaker entity's `entities.gender` (set for people only). ``female`` and ``male`` as recorded;
  ``unknown`` for a person whose gender the ledger does not know and for a statement whose speaker is not resolved to
  an entity at all (nobody knows who spoke); ``not a person`` for a speaker the ledger types as a group,
  organisation, place, nationality or other ("officials said", "the White House said"). The type is the entity
  resolver's and can be wrong ("a spokesman" may be typed OTHER).
- ``sector``: the sector part of the speaker's actor code (`quotes.speaker_actor`, characters 4-6, as
  `queries.POLECAT_EVENTS` reads an actor's sector: GOV, LEG, MIL, PTY, ELI, ...). ``unknown`` when the speaker has
  no code, or a code without a sector (a country alone, "USA"; an international body alone, "UNO").
- ``party``: the party the article itself ties the speaker to. The ledger has no party column; the entity resolver
  puts a party in `entities.organization` when the article writes it beside the name ("Republican Donald Trump",
  "Democratic candidate Hillary Clinton", "Jane Roe, D-Ohio," without a title), so a speaker's party is that
  organisation when it is a form `lexicons/parties.tsv` lists ("GOP" -> Republican Party), a form several
  countries' parties share ("Labor") being decided by the speaker entity's country, else left unknown. Everything
  else is ``unknown``: coverage is partial by construction (a titled member of Congress's "R-Tenn." records the
  state, not the party, and a party named in another sentence is not read), so the known shares are a floor.

Bars: ``outlet`` (`articles.source`; "(no outlet)" when absent), ``week`` (the ISO week of the article's
publication date, "2016-W36"; "undated" for articles without one) or ``none`` (one bar, "all"). Filters: one outlet
(case-insensitive), and publication dates from `since` to `until` inclusive (which leaves undated articles out; the
result says how many statements that left out).

People: the speakers behind a bar (a corpus actor counts as one person across articles, `actors`; otherwise the
name as written), with their statements in it, the most first; each with links to their statements' spans in the
stored article (`/article/<id>#span-<start>-<end>`, as every web page links) up to `LINKS_PER_PERSON`.
All SQL is parameterised; the only formatted parts are fixed expressions chosen from this module's tables.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from newsledger import lexicon
from newsledger.dates import is_iso_date
from newsledger.store.ledger import Ledger
from newsledger.store.queries import STATEMENTS, Where

DIMENSIONS = ("gender", "sector", "party")
"""What a bar is split by (`--by`)."""
PERIODS = ("outlet", "week", "none")
"""What the bars are (`--per`)."""
UNKNOWN = "unknown"
NOT_A_PERSON = "not a person"
GENDERS = ("female", "male", UNKNOWN, NOT_A_PERSON)
"""The gender categories, in the order they are shown."""
ALL = "all"
NO_OUTLET = "(no outlet)"
UNDATED = "undated"
NO_SPEAKER = "(no speaker)"
LINKS_PER_PERSON = 100
"""At most this many statement links per person and bar (the earliest published first); `statements` counts all."""

_CATEGORY = {
    "gender": f"""CASE WHEN en.id IS NULL THEN '{UNKNOWN}'
                       WHEN en.type <> 'PERSON' THEN '{NOT_A_PERSON}'
                       WHEN en.gender IN ('female', 'male') THEN en.gender
                       ELSE '{UNKNOWN}' END""",
    "sector": f"coalesce(nullif(substr(q.speaker_actor, 4, 3), ''), '{UNKNOWN}')",
    "party": f"coalesce(pa.party, pc.party, '{UNKNOWN}')",
}
_BAR = {
    "outlet": f"coalesce(nullif(trim(a.source), ''), '{NO_OUTLET}')",
    "week": f"coalesce(printf('%d-W%02d', isoyear(a.published), week(a.published)), '{UNDATED}')",
    "none": f"'{ALL}'",
}
_PARTIES = """parties AS (
            SELECT alias, code, party FROM (SELECT unnest(?::VARCHAR[]) AS alias, unnest(?::VARCHAR[]) AS code,
                                                   unnest(?::VARCHAR[]) AS party)),
        by_alias AS (SELECT alias, any_value(party) AS party FROM parties GROUP BY alias HAVING count(*) = 1),
        by_country AS (SELECT alias, substr(code, 1, 3) AS country, any_value(party) AS party FROM parties
                       GROUP BY ALL HAVING count(*) = 1)"""
_PARTY_JOIN = """LEFT JOIN by_alias pa ON pa.alias = en.organization
        LEFT JOIN by_country pc ON pc.alias = en.organization AND pc.country = en.country"""
"""A speaker entity's organisation as a party: the one party a form names (`pa`), else the one party of the
speaker's country that the form names (`pc`). Each joins at most one row, so no statement is counted twice."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Which statements count: one outlet, and publication dates from `since` to `until` (inclusive)."""

    outlet: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None


def parse_day(value: str | None, name: str) -> dt.date | None:
    """A YYYY-MM-DD date (a date-time's day also), or None for none; ValueError names `name` for anything else."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not is_iso_date(value):
        raise ValueError(f"{name}: {value[:40]!r} is not an ISO 8601 date (YYYY-MM-DD)")
    return dt.date.fromisoformat(value[:10])


def check_choice(value: str, choices: tuple[str, ...], name: str) -> str:
    """`value` lower-cased if it is one of `choices`; ValueError naming `name` and the choices otherwise."""
    found = value.strip().lower()
    if found not in choices:
        raise ValueError(f"{name}: {value[:40]!r} is not one of {', '.join(choices)}")
    return found


def _party_params() -> list[list[str]]:
    """The parties table as the three parallel arrays (alias, code, party) `_PARTIES` takes."""
    triples = [(alias, code, party) for alias, found in lexicon.parties().items() for code, party in found]
    return [[t[i] for t in triples] for i in range(3)]


def _statements(by: str, per: str, filters: Filters) -> tuple[str, list[Any]]:
    """The counted statements, one row each: bar, category, person (key and name), and where its words are."""
    where = Where(STATEMENTS)
    if filters.outlet:
        where.add("lower(trim(a.source)) = lower(trim(?))", filters.outlet)
    if filters.since:
        where.add("a.published >= ?", filters.since)
    if filters.until:
        where.add("a.published <= ?", filters.until)
    party = by == "party"
    sql = f"""
        {"WITH " + _PARTIES if party else ""}
        SELECT {_BAR[per]} AS bar, {_CATEGORY[by]} AS category,
               coalesce(ac.key, 'name:' || q.speaker_name, '{NO_SPEAKER}') AS person,
               coalesce(ac.name, q.speaker_name, '{NO_SPEAKER}') AS name, ac.key AS actor_key,
               q.article_id, q.id AS quote_id, q.start, q."end", a.published
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN entities en ON en.article_id = q.article_id AND en.id = q.speaker_entity
        LEFT JOIN entity_actors ea ON ea.article_id = q.article_id AND ea.entity_id = q.speaker_entity
        LEFT JOIN actors ac ON ac.key = ea.actor_key
        {_PARTY_JOIN if party else ""}
        WHERE {where}"""
    return sql, [*(_party_params() if party else []), *where.params]


def _undated(filters: Filters) -> tuple[str, list[Any]]:
    """How many statements of the outlet filter have an undated article (what a date filter leaves out)."""
    where = Where(STATEMENTS)
    if filters.outlet:
        where.add("lower(trim(a.source)) = lower(trim(?))", filters.outlet)
    return (f"SELECT count(*) FROM quotes q JOIN articles a ON a.id = q.article_id WHERE {where} "
            "AND a.published IS NULL", where.params)


def sources(ledger: Ledger, by: str = "gender", per: str = "outlet", filters: Filters | None = None,
            people: int = 5) -> dict[str, Any]:
    """Shares of statements by `by` (`DIMENSIONS`) in each bar of `per` (`PERIODS`), and overall.

    Returns {"by", "per", "filters", "categories" (in display order), "total", "left_out_undated" (statements a
    date filter left out for want of a date; None without one), "overall": bar, "bars": [bar, ...]}, where a bar is
    {"bar", "total", "counts": {category: n}, "shares": {category: n / total}, "people": [{"person", "name",
    "actor_key", "category", "statements", "links": [{"article_id", "quote_id", "start", "end", "href"}]}]}: every
    category in every bar (0 where none), people the `people` speakers with most statements in the bar (a speaker
    under two categories, e.g. a gender known in one article only, is listed once per category). Bars in order:
    outlets by name, weeks in time ("undated" last). Raises ValueError for an unknown `by` or `per`."""
    by = check_choice(by, DIMENSIONS, "by")
    per = check_choice(per, PERIODS, "per")
    filters = filters or Filters()
    base, params = _statements(by, per, filters)
    counts = ledger.query(f"""
        WITH s AS ({base})
        SELECT bar, category, count(*) AS n FROM s GROUP BY ALL ORDER BY bar, category""", params)[1]
    listed: dict[str | None, list[dict[str, Any]]] = {}  # bar -> its people; None: the whole selection's
    if people > 0:
        for bar, person, category, name, actor_key, n, links in ledger.query(_people(base, per), [
                *params, LINKS_PER_PERSON, people])[1]:
            listed.setdefault(bar, []).append({
                "person": person, "name": name, "actor_key": actor_key, "category": category, "statements": n,
                "links": [{**link, "href": f"/article/{link['article_id']}#span-{link['start']}-{link['end']}"}
                          for link in links]})
    left_out = ledger.query(*_undated(filters))[1][0][0] if filters.since or filters.until else None

    tallies: dict[str, dict[str, int]] = {}
    for bar, category, n in counts:
        tallies.setdefault(bar, {})[category] = n
    overall: dict[str, int] = {}
    for found in tallies.values():
        for category, n in found.items():
            overall[category] = overall.get(category, 0) + n
    categories = _order(by, overall)
    bars = [_bar(bar, tallies[bar], categories, listed.get(None if per == "none" else bar, []))
            for bar in _bar_order(per, tallies)]
    return {
        "by": by, "per": per,
        "filters": {"outlet": filters.outlet, "since": _iso(filters.since), "until": _iso(filters.until)},
        "categories": categories, "total": sum(overall.values()), "left_out_undated": left_out,
        "overall": _bar(ALL, overall, categories, listed.get(None, [])),
        "bars": bars,
    }


def _people(base: str, per: str) -> str:
    """The top speakers of each bar and of the whole (bar NULL; with per none the one bar is the whole): person,
    category, name, actor key, statements and the first links. Parameters: the base's, the links cap, the top N."""
    sets = "GROUPING SETS ((bar, person, category), (person, category))" if per != "none" else \
        "person, category"
    bar = "bar" if per != "none" else "NULL"
    return f"""
        WITH s AS ({base}),
        p AS (SELECT {bar} AS bar, person, category, any_value(name) AS name, any_value(actor_key) AS actor_key,
                     count(*) AS n,
                     list({{'article_id': article_id, 'quote_id': quote_id, 'start': start, 'end': "end"}}
                          ORDER BY published NULLS LAST, article_id, start, quote_id) AS links
              FROM s GROUP BY {sets}),
        r AS (SELECT *, row_number() OVER (PARTITION BY bar ORDER BY n DESC, name, person, category) AS rank FROM p)
        SELECT bar, person, category, name, actor_key, n, links[1:?] FROM r WHERE rank <= ?
        ORDER BY bar NULLS FIRST, rank"""


def outlets(ledger: Ledger) -> list[str]:
    """The outlets of the ledger's articles, by name (for a message when an outlet filter matched nothing)."""
    return [r[0] for r in ledger.query("SELECT DISTINCT source FROM articles WHERE source IS NOT NULL "
                                       "ORDER BY source")[1]]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def _order(by: str, overall: dict[str, int]) -> list[str]:
    """Categories in display order: the genders as `GENDERS`; sectors and parties the most statements first,
    "unknown" last. Every gender shows, even at 0; other dimensions show the categories found."""
    if by == "gender":
        return list(GENDERS)
    known = sorted((c for c in overall if c != UNKNOWN), key=lambda c: (-overall[c], c))
    return [*known, UNKNOWN] if UNKNOWN in overall else known


def _bar_order(per: str, tallies: dict[str, dict[str, int]]) -> list[str]:
    special = {"outlet": NO_OUTLET, "week": UNDATED}.get(per)
    names = sorted(b for b in tallies if b != special)
    return [*names, special] if special in tallies else names


def _bar(bar: str, counts: dict[str, int], categories: list[str], people: list[dict[str, Any]]) -> dict[str, Any]:
    total = sum(counts.values())
    full = {c: counts.get(c, 0) for c in categories}
    return {"bar": bar, "total": total, "counts": full,
            "shares": {c: (n / total if total else 0.0) for c, n in full.items()}, "people": people}
