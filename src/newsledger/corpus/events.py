"""Event clusters: the reports, across articles, of one real event.

Eight outlets reporting one drone attack give eight event records; the ledger should count one attack with
eight sources, and must still count the attack a week later as a second one. An event record says little
(a type, two coded actors, a date of some precision, perhaps a place), so the rules lean towards keeping
reports apart: a split cluster is a visible duplicate, a wrong merge hides an event.

Two rows are reports of the same event (`same_event`) when all of these hold:

- Type: the same PLOVER type. (The extractor's type is compared as it is: "imposed sanctions" coded COERCE
  and "sanctioned" coded SANCTION do not cluster.)
- Modality: both asserted or historical. Negated, future and hypothetical events did not happen (yet), and two
  outlets' "could attack" are not one event; such rows are always clusters of their own.
- Source: known on both sides (an event without a source says too little to identify a happening), and the
  same party: the same corpus actor key, or actor codes of the same country ("RUSMIL" and "RUS" both speak for
  Russia). Codes of generic non-state classes (IGO, NGO, ISM, IMG, MNC: "NATO" and "OSCE" are both IGO) count
  only through equal corpus keys.
- Target: the same party by the same test, or missing on both sides. A target missing on one side only (the
  outlet did not say who was hit) is compatible only when everything else matches strongly: the sources are
  the same key or the same full actor code, both dates are day-precise and within the day window, and the
  places do not conflict.
- Date: each row stands for an interval of possible dates. A day is itself, compared with a tolerance of
  `EventWindows.day` days (default 2); an undated event ("publication" granularity) happened on or up to
  `EventWindows.publication` days (default 3) before its article's publication date; a week (Monday to
  Sunday), month or year is that whole period, and the other row's interval must lie inside it (a report
  published on 2 June with no date may be about 30 May or 1 June, so it is not "inside May"). Rows with no
  usable date never cluster.
- Place: the same location country, or one of them unknown.

Clusters are built with union-find, first over the day- and publication-dated rows, candidate pairs taken in a
fixed order (closest dates first). A week-, month- or year-dated row ("attacked Kyiv in May") fits every
attack of that month, so it then joins a cluster only when exactly one cluster fits it, as a one-word name joins
a person only when one person has that surname; one that fits none clusters with the other coarse rows (the
many background mentions of "the February 2022 invasion"), one that fits several stays alone. A union
is refused when the joined cluster would no longer be consistent as a whole: its day-or-publication dates
spanning more than `EventWindows.max_span` days, two place countries, or two sources or targets that are not
the same party. Without that guard a chain of compatible pairs (Tuesday ~ Thursday ~ Saturday ~ next Monday,
or a target-less report bridging "Russia attacked Ukraine" and "Russia attacked Poland") would merge events
that no pair of reports says are one.

Blocks (`event_blocks`, the unit the ledger re-clusters when articles are added): rows of one type whose sources
are linked by shared labels, the corpus key (``k:person:vladimir putin``) or the code's country (``c:RUS``), named
``TYPE|<smallest label>``. No rule joins rows of two blocks, so clustering block by block equals clustering all.

A cluster's id is a hash of its earliest member (by date, then article id, then event id), so it is stable
across runs and independent of the order rows come in.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from newsledger.corpus.common import UnionFind, stable_id
from newsledger.dates import iso_day
from newsledger.records import Analysis

CLUSTERED_MODALITIES = frozenset({"asserted", "historical"})
# Non-state classes whose code names no particular body (mirrors newsledger.entities.actors.NON_STATE minus the
# EU and the UN, which are one body each).
GENERIC_ACTORS = frozenset({"IGO", "NGO", "ISM", "IMG", "MNC"})


@dataclass(frozen=True, slots=True)
class EventRow:
    """One event record of one article, flattened for the corpus.

    `source_actor`/`target_actor` are PLOVER actor codes ("RUSGOV"), `source_key`/`target_key` corpus actor
    keys (`newsledger.corpus.actors`); `date` and `granularity` are the event's date as the record gives it
    ("2025-05-20", "day"; "2022-02", "month"; the publication date, "publication"); `country`/`place` its
    location; `published` the article's publication date (ISO 8601, the date part is used)."""

    article_id: str
    event_id: str
    type: str
    source_actor: str | None = None
    target_actor: str | None = None
    source_key: str | None = None
    target_key: str | None = None
    date: str | None = None
    granularity: str | None = None
    country: str | None = None
    place: str | None = None
    modality: str = "asserted"
    published: str | None = None
    mode: str | None = None  # the PLOVER mode ("meet" for a refusal to meet), read by follow-ups


@dataclass(frozen=True, slots=True)
class EventWindows:
    """Date tolerances in days (see the module docstring)."""

    day: int = 2
    publication: int = 3
    max_span: int = 4


DEFAULT_WINDOWS = EventWindows()


@dataclass(frozen=True, slots=True)
class EventCluster:
    """The reports of one real event; `members` are ordered earliest first (date, article id, event id)."""

    id: str
    members: tuple[EventRow, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        """The distinct articles reporting the event, in member order."""
        return tuple(dict.fromkeys(m.article_id for m in self.members))

    @property
    def type(self) -> str:
        return self.members[0].type


@dataclass(frozen=True, slots=True)
class DateInterval:
    """The possible dates of a row: [lo, hi]; `exact` for a day-granularity date, `anchor` the date used for
    the span guard (None for weeks, months and years, which cannot stretch a cluster)."""

    lo: dt.date
    hi: dt.date
    exact: bool
    coarse: bool
    anchor: dt.date | None


def event_rows(analysis: Analysis, keys: Mapping[tuple[str, str], str] | None = None) -> list[EventRow]:
    """The rows of one analysis. `keys` maps (article_id, entity_id) to corpus actor keys (`ActorLinks.links`);
    without it the rows carry actor codes only."""
    keys = keys or {}
    art = analysis.article
    rows = []
    for ev in analysis.events:
        src, tgt = ev.source, ev.target
        date = ev.date or {}
        loc = ev.location or {}
        rows.append(EventRow(
            article_id=art.id,
            event_id=ev.id,
            type=ev.type,
            source_actor=src.actor if src else None,
            target_actor=tgt.actor if tgt else None,
            source_key=keys.get((art.id, src.entity)) if src and src.entity else None,
            target_key=keys.get((art.id, tgt.entity)) if tgt and tgt.entity else None,
            date=date.get("value"),
            granularity=date.get("granularity"),
            country=loc.get("country"),
            place=loc.get("name"),
            modality=ev.modality,
            published=art.published,
            mode=ev.mode,
        ))
    return rows


def event_interval(row: EventRow, windows: EventWindows = DEFAULT_WINDOWS) -> DateInterval | None:
    """The interval of dates a row allows (`.lo`, `.hi`: datetime.date), or None when it has no usable date."""
    gran = row.granularity
    value = row.date or ""
    if gran == "publication":
        pub = iso_day(row.published) or iso_day(value)
        if pub is None:
            return None
        return DateInterval(pub - dt.timedelta(days=windows.publication), pub, False, False, pub)
    if gran is None:
        gran = {4: "year", 7: "month"}.get(len(value), "day")
    try:
        if gran == "year":
            year = int(value[:4])
            return DateInterval(dt.date(year, 1, 1), dt.date(year, 12, 31), False, True, None)
        if gran == "month":
            year, month = int(value[:4]), int(value[5:7])
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return DateInterval(dt.date(year, month, 1), nxt - dt.timedelta(days=1), False, True, None)
    except ValueError:
        return None
    day = iso_day(value)
    if day is None:
        return None
    if gran == "week":  # dateparser's "last week" is publication minus 7 days: that date's Monday-Sunday week
        monday = day - dt.timedelta(days=day.weekday())
        return DateInterval(monday, monday + dt.timedelta(days=6), False, True, None)
    return DateInterval(day, day, True, False, day)


def _gap(a: DateInterval, b: DateInterval) -> int:
    """Days between two intervals; 0 when they overlap."""
    if a.hi < b.lo:
        return (b.lo - a.hi).days
    if b.hi < a.lo:
        return (a.lo - b.hi).days
    return 0


def _inside(a: DateInterval, b: DateInterval) -> bool:
    """Whether a's interval lies within b's."""
    return b.lo <= a.lo and a.hi <= b.hi


def _dates_match(a: DateInterval, b: DateInterval, windows: EventWindows) -> bool:
    if a.coarse or b.coarse:
        return _inside(a, b) or _inside(b, a)
    tolerance = windows.day if a.exact and b.exact else 0
    return _gap(a, b) <= tolerance


def _country_part(code: str) -> str | None:
    prefix = code[:3]
    return None if prefix in GENERIC_ACTORS else prefix


def _missing(code: str | None, key: str | None) -> bool:
    return not code and not key


def _same_party(code_a: str | None, key_a: str | None, code_b: str | None, key_b: str | None) -> bool:
    """Known participants are the same party: equal corpus keys, or actor codes of the same country."""
    if key_a and key_b and key_a == key_b:
        return True
    if code_a and code_b:
        ca, cb = _country_part(code_a), _country_part(code_b)
        return ca is not None and ca == cb
    return False


def _exact_party(code_a: str | None, key_a: str | None, code_b: str | None, key_b: str | None) -> bool:
    """The same party by key or by the full actor code (sector included)."""
    return bool((key_a and key_a == key_b) or (code_a and code_a == code_b))


def _places_match(a: EventRow, b: EventRow) -> bool:
    return not a.country or not b.country or a.country == b.country


def same_event(a: EventRow, b: EventRow, windows: EventWindows = DEFAULT_WINDOWS) -> bool:
    """Whether two rows report the same real event, by the pairwise rules of the module docstring."""
    if a.type != b.type or a.modality not in CLUSTERED_MODALITIES or b.modality not in CLUSTERED_MODALITIES:
        return False
    wa, wb = event_interval(a, windows), event_interval(b, windows)
    if wa is None or wb is None or not _dates_match(wa, wb, windows) or not _places_match(a, b):
        return False
    if _missing(a.source_actor, a.source_key) or _missing(b.source_actor, b.source_key):
        return False
    if not _same_party(a.source_actor, a.source_key, b.source_actor, b.source_key):
        return False
    miss_a, miss_b = _missing(a.target_actor, a.target_key), _missing(b.target_actor, b.target_key)
    if miss_a and miss_b:
        return True
    if miss_a or miss_b:
        return (wa.exact and wb.exact
                and _exact_party(a.source_actor, a.source_key, b.source_actor, b.source_key))
    return _same_party(a.target_actor, a.target_key, b.target_actor, b.target_key)


class _Group:
    """What the union guard needs to know of a cluster."""

    __slots__ = ("lo", "hi", "countries", "sources", "targets")

    def __init__(self, row: EventRow, when: DateInterval | None) -> None:
        self.lo = self.hi = when.anchor if when else None
        self.countries = {row.country} if row.country else set()
        self.sources = set() if _missing(row.source_actor, row.source_key) else {(row.source_actor, row.source_key)}
        self.targets = set() if _missing(row.target_actor, row.target_key) else {(row.target_actor, row.target_key)}

    def can_join(self, other: _Group, windows: EventWindows) -> bool:
        los = [d for d in (self.lo, other.lo) if d is not None]
        his = [d for d in (self.hi, other.hi) if d is not None]
        if los and (max(his) - min(los)).days > windows.max_span:
            return False
        if len(self.countries | other.countries) > 1:
            return False
        return all(_same_party(ca, ka, cb, kb)
                   for mine, theirs in ((self.sources, other.sources), (self.targets, other.targets))
                   for ca, ka in mine for cb, kb in theirs)

    def join(self, other: _Group) -> None:
        if other.lo is not None:
            self.lo = other.lo if self.lo is None else min(self.lo, other.lo)
            self.hi = other.hi if self.hi is None else max(self.hi, other.hi)
        self.countries |= other.countries
        self.sources |= other.sources
        self.targets |= other.targets


def _order_key(row: EventRow, when: DateInterval | None) -> tuple[str, str, str, str]:
    first = when.anchor or when.lo if when else None
    return (first.isoformat() if first else "9999", row.article_id, row.event_id, row.type)


def block_labels(row: EventRow, windows: EventWindows = DEFAULT_WINDOWS) -> tuple[str, ...]:
    """What a row's source can be matched by: its corpus key (``k:<key>``) and its code's country (``c:RUS``);
    empty for a row that clusters with nothing (not asserted or historical, no usable date, no source, or only
    a generic code). Two rows are the same event only if they share the type and a label (`same_event`)."""
    if row.modality not in CLUSTERED_MODALITIES or _missing(row.source_actor, row.source_key) \
            or event_interval(row, windows) is None:
        return ()
    labels = [f"k:{row.source_key}"] if row.source_key else []
    country = _country_part(row.source_actor) if row.source_actor else None
    if country:
        labels.append(f"c:{country}")
    return tuple(labels)


def event_blocks(rows: Iterable[EventRow], windows: EventWindows = DEFAULT_WINDOWS) -> dict[str, list[EventRow]]:
    """Rows split into blocks that never share a cluster: a block is a type with the connected set of source
    labels (`block_labels`) its rows share, named ``TYPE|<smallest label>`` ("ASSAULT|c:RUS"). A row with no
    label is a block of its own (``TYPE|-|<article id>|<event id>``). Clustering each block apart gives the same
    clusters as clustering all rows at once (`cluster_events`), so the ledger re-clusters only the blocks new
    rows touch."""
    rows = list(rows)
    labels = [block_labels(r, windows) for r in rows]
    index: dict[tuple[str, str], int] = {}
    for r, labs in zip(rows, labels, strict=True):
        for lab in labs:
            index.setdefault((r.type, lab), len(index))
    uf = UnionFind(len(index))
    for r, labs in zip(rows, labels, strict=True):
        for lab in labs[1:]:
            uf.union(index[(r.type, labs[0])], index[(r.type, lab)])
    names: dict[int, str] = {}
    for (etype, lab), i in sorted(index.items()):
        names.setdefault(uf.find(i), f"{etype}|{lab}")
    out: dict[str, list[EventRow]] = defaultdict(list)
    for r, labs in zip(rows, labels, strict=True):
        block = names[uf.find(index[(r.type, labs[0])])] if labs else f"{r.type}|-|{r.article_id}|{r.event_id}"
        out[block].append(r)
    return dict(out)


def cluster_events(rows: Iterable[EventRow], windows: EventWindows = DEFAULT_WINDOWS) -> list[EventCluster]:
    """Group rows into clusters, one per real event; every row is in exactly one cluster (a row that matches
    nothing is a cluster of one). Clusters come earliest first; the result does not depend on input order."""
    clusters = [c for block in event_blocks(rows, windows).values() for c in cluster_event_block(block, windows)]
    return sorted(clusters, key=lambda c: _order_key(c.members[0], event_interval(c.members[0], windows)))


def cluster_event_block(rows: Iterable[EventRow], windows: EventWindows = DEFAULT_WINDOWS) -> list[EventCluster]:
    """The clusters of one block of `event_blocks` (or of any set of rows), earliest first. Pure: the ledger
    calls it for the blocks an ingest touched, a Spark job per block."""
    rows = list(rows)
    whens = [event_interval(r, windows) for r in rows]
    order = sorted(range(len(rows)), key=lambda i: _order_key(rows[i], whens[i]))
    rows = [rows[i] for i in order]
    whens = [whens[i] for i in order]
    usable = [i for i, (r, w) in enumerate(zip(rows, whens, strict=True))
              if w is not None and r.modality in CLUSTERED_MODALITIES]
    fine = [i for i in usable if not whens[i].coarse]
    coarse = [i for i in usable if whens[i].coarse]

    uf = UnionFind(len(rows))
    groups = [_Group(r, w) for r, w in zip(rows, whens, strict=True)]

    def join(i: int, j: int) -> bool:
        a, b = uf.find(i), uf.find(j)
        if a == b or not groups[a].can_join(groups[b], windows):
            return False
        root = uf.union(a, b)
        groups[root].join(groups[b if root == a else a])
        return True

    for _, i, j in _candidate_pairs(rows, whens, fine, windows):
        join(i, j)
    lone = []
    fine_by_type = _by_type(rows, whens, fine)
    for i in coarse:
        fits = sorted({uf.find(j) for j in _inside_rows(whens[i], fine_by_type.get(rows[i].type))
                       if same_event(rows[i], rows[j], windows) and groups[uf.find(j)].can_join(groups[i], windows)})
        if len(fits) == 1:
            join(i, fits[0])
        elif not fits:
            lone.append(i)
    for _, i, j in _candidate_pairs(rows, whens, lone, windows):
        join(i, j)

    clusters = []
    for members in uf.groups():
        first = rows[members[0]]
        clusters.append(EventCluster(
            id=stable_id("evc", first.article_id, first.event_id),
            members=tuple(rows[i] for i in members),
        ))
    return clusters


def _by_type(rows: Sequence[EventRow], whens: Sequence[DateInterval | None],
             idx: Iterable[int]) -> dict[str, tuple[list[dt.date], list[int]]]:
    """Rows of each type sorted by the start of their interval: (starts, row indices), for bisecting."""
    out: dict[str, list[tuple[dt.date, int]]] = {}
    for i in idx:
        out.setdefault(rows[i].type, []).append((whens[i].lo, i))
    return {t: ([lo for lo, _ in v], [i for _, i in v]) for t, v in ((t, sorted(v)) for t, v in out.items())}


def _inside_rows(when: DateInterval, block: tuple[list[dt.date], list[int]] | None) -> list[int]:
    """The rows of a block whose interval starts inside `when` (the caller checks the end)."""
    if block is None:
        return []
    starts, idx = block
    return idx[bisect.bisect_left(starts, when.lo):bisect.bisect_right(starts, when.hi)]


def _candidate_pairs(rows: Sequence[EventRow], whens: Sequence[DateInterval | None], idx: Iterable[int],
                     windows: EventWindows) -> list[tuple[int, int, int]]:
    """(date gap, i, j), sorted, for every pair of the rows `idx` that `same_event` accepts. Rows are blocked by
    type and swept in date order, so only rows whose widened intervals overlap are compared."""
    pad = dt.timedelta(days=windows.day)
    out = []
    for _, block in _by_type(rows, whens, idx).values():
        spans = [(whens[i].lo - pad, whens[i].hi + pad, i) for i in block]
        spans.sort(key=lambda s: (s[0], s[2]))
        for n, (_, hi, i) in enumerate(spans):
            for lo2, _, j in spans[n + 1:]:
                if lo2 > hi:
                    break
                if same_event(rows[i], rows[j], windows):
                    a, b = min(i, j), max(i, j)
                    out.append((_gap(whens[a], whens[b]), a, b))
    return sorted(out)
