"""Corpus tables from the article tables: load rows, call `newsledger.corpus`, write what changed.

The corpus logic is pure (`newsledger.corpus`); this module only moves rows between it and DuckDB. Two ways in:

- `rebuild_corpus(ledger)` (`corpus_rows`: every corpus row from the whole ledger; `newsledger corpus rebuild`),
  for a changed rule or a ledger stored before blocks existed.
- `update_corpus(ledger, article_ids)`: after articles are added (`newsledger ingest`, the web app's store).
  Each corpus decision is made within a block, and only the blocks the new rows touch are decided again; the
  tables end exactly as a full rebuild would leave them (tests/test_corpus_incremental.py builds a ledger in
  random batches and compares, table by table).

The ledger (`newsledger.store.ledger`) knows nothing of this module: it stores and reads rows; this module
imports it, never the other way.

The blocks:

- Actor links: an entity's link reads corpus-wide facts keyed by its name (how often a name is typed PERSON or
  ORG, the full-name people with a surname and their dates, an acronym's organisations), so every entity is
  decided again from the facts of the whole ledger, in memory (`link_actors`, about 2 s per 30,000 entities),
  and only the links and actor rows that changed are written.
- Event clusters: ``TYPE|<label>``, rows of one PLOVER type whose sources share a corpus actor key or a code's
  country (`newsledger.corpus.events.event_blocks`). Dirty: the blocks of the new rows' labels, and the stored
  blocks of rows whose source or target changed link.
- Quote clusters: ``key:<speaker actor key>`` or ``name:<normalised speaker name>``
  (`newsledger.corpus.quotes.quote_blocks`; a quote with neither is ``-|<article id>|<quote id>``, alone).
  Dirty: the blocks of the new rows, and the stored and new blocks of rows whose speaker changed link.
- Follow-ups: one claim (`newsledger.corpus.follow_ups`). Dirty: the claims of new articles, the claims whose
  window (publication day to horizon) holds a new article's day, and the claims one of whose actors (before or
  after) is an actor of a re-linked entity. Their candidates are the asserted events of the articles published
  within the dirty claims' windows.

A dirty block is loaded whole (stored rows by their `block` column, new and re-linked rows by id), clustered,
and its rows replaced. Blocks are stored with the clusters, so a Spark job can group by them too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newsledger.corpus import EventRow, QuoteRow, link_actors
from newsledger.corpus.actors import ActorLinks
from newsledger.corpus.events import block_labels, cluster_event_block, event_blocks
from newsledger.corpus.follow_ups import (
    CONTEXT_CHARS,
    FOLLOWED_KINDS,
    OUTCOME_MODALITIES,
    ClaimRow,
    FollowUp,
    InsideEvent,
    LaterEvent,
    claim_keys,
    follow_ups,
    window,
)
from newsledger.corpus.quotes import cluster_quote_block, quote_blocks
from newsledger.records import Entity
from newsledger.store import schema
from newsledger.store.rows import Row

if TYPE_CHECKING:
    from newsledger.store.ledger import Ledger

_EVENT_COLUMNS = ("e.article_id, e.id, e.type, e.source_actor, e.target_actor, e.source_entity, e.target_entity, "
                  "e.date, e.date_granularity, e.location_country, e.location, e.modality, "
                  "CAST(a.published AS VARCHAR), e.mode")
_QUOTE_COLUMNS = ("q.article_id, q.id, q.text, q.speaker_entity, q.speaker_name, q.kind, "
                  "CAST(a.published AS VARCHAR)")


def ledger_entities(ledger: Ledger) -> tuple[list[tuple[str, Entity]], dict[str, str | None]]:
    """Every (article_id, Entity) of the ledger, and each article's publication date: `link_actors`' input.
    Mentions are (0, 0) placeholders, as many as the entity has: linking counts them and reads no span."""
    _, ents = ledger.query("SELECT article_id, id, name, type, role, organization, country, actor, "
                           "coalesce(json_array_length(mentions), 0), gender FROM entities")
    entities = [(r[0], Entity(id=r[1], name=r[2], type=r[3], role=r[4], organization=r[5], country=r[6],
                              actor=r[7], mentions=[(0, 0)] * r[8], gender=r[9]))
                for r in ents]
    _, arts = ledger.query("SELECT id, CAST(published AS VARCHAR) FROM articles")
    return entities, {r[0]: r[1] for r in arts}


def _actor_rows(links: ActorLinks) -> list[Row]:
    return [{"key": a.key, "name": a.name, "type": a.type, "role": a.role, "country": a.country, "actor": a.actor,
             "articles": a.articles} for a in links.actors.values()]


def _link_rows(links: ActorLinks) -> list[Row]:
    return [{"article_id": art, "entity_id": ent, "actor_key": key, "why": links.reason(art, ent)}
            for (art, ent), key in links.links.items()]


def _event_row(r: tuple, links: ActorLinks) -> EventRow:
    return EventRow(article_id=r[0], event_id=r[1], type=r[2], source_actor=r[3], target_actor=r[4],
                    source_key=links.key(r[0], r[5]), target_key=links.key(r[0], r[6]), date=r[7],
                    granularity=r[8], country=r[9], place=r[10], modality=r[11], published=r[12], mode=r[13])


def _quote_row(r: tuple, links: ActorLinks) -> QuoteRow:
    return QuoteRow(article_id=r[0], quote_id=r[1], text=r[2] or "", speaker_key=links.key(r[0], r[3]),
                    speaker_name=r[4], kind=r[5], published=r[6])


def _event_cluster_rows(rows: Iterable[EventRow]) -> list[Row]:
    return [r for block, members in event_blocks(rows).items() for r in event_cluster_rows(block, members)]


def _quote_cluster_rows(rows: Iterable[QuoteRow]) -> list[Row]:
    return [r for block, members in quote_blocks(rows).items() for r in quote_cluster_rows(block, members)]


def _claims(ledger: Ledger, links: ActorLinks) -> list[ClaimRow]:
    """Every followed claim of a dated article, with the events inside its words."""
    kinds = sorted(FOLLOWED_KINDS)
    _, inside = ledger.query(
        "SELECT c.article_id, c.id, e.type, e.source_entity, e.target_entity, e.date, e.date_granularity, e.modality "
        "FROM claims c JOIN events e ON e.article_id = c.article_id AND e.trigger_start >= c.start "
        "AND e.trigger_start < c.\"end\" WHERE c.kind IN (SELECT unnest(?::VARCHAR[])) ORDER BY e.trigger_start",
        [kinds])
    events: dict[tuple[str, str], list[InsideEvent]] = {}
    for r in inside:
        events.setdefault((r[0], r[1]), []).append(
            InsideEvent(r[2], links.key(r[0], r[3]), links.key(r[0], r[4]), r[5], r[6], r[7]))
    _, raw = ledger.query(
        "SELECT c.article_id, c.id, c.kind, CAST(a.published AS VARCHAR), c.text, c.claimant_entity, "
        "substr(a.text, greatest(1, c.start + 1 - ?), least(c.start, ?)) "
        "FROM claims c JOIN articles a ON a.id = c.article_id "
        "WHERE c.kind IN (SELECT unnest(?::VARCHAR[])) AND a.published IS NOT NULL",
        [CONTEXT_CHARS, CONTEXT_CHARS, kinds])
    return [ClaimRow(r[0], r[1], r[2], r[3], r[4] or "", links.key(r[0], r[5]), tuple(events.get((r[0], r[1]), ())),
                     _sentence_tail(r[6] or "")) for r in raw if (r[0], r[1]) in events]


def _sentence_tail(text: str) -> str:
    """The end of `text` from its last sentence break on (". " followed by a capital), or all of it."""
    cut = max((m.end() for m in re.finditer(r"[.!?][\"”’']?\s+(?=[A-Z“\"])", text)), default=0)
    return text[cut:]


def _follow_up_rows(ledger: Ledger, links: ActorLinks, claims: list[ClaimRow]) -> list[Row]:
    """The follow-ups of `claims`, among the asserted events of the articles published within their windows."""
    spans = [w for w in map(window, claims) if w is not None]
    if not spans:
        return []
    _, raw = ledger.query(
        f"SELECT {_EVENT_COLUMNS}, e.trigger_start, e.trigger_end, e.trigger, e.sentence, "
        "e.why LIKE 'trigger ''%'' (noun)%' FROM events e "
        "JOIN articles a ON a.id = e.article_id WHERE e.modality IN (SELECT unnest(?::VARCHAR[])) "
        "AND a.published > ? AND a.published <= ?",
        [sorted(OUTCOME_MODALITIES), min(s[0] for s in spans), max(s[1] for s in spans)])
    # the events stage writes the trigger's word class into why ("trigger 'endorse' (verb) -> SUPPORT")
    later = [LaterEvent(_event_row(r, links), r[14], r[15], r[16] or "", r[17] or "", bool(r[18])) for r in raw]
    return [_follow_up_row(f) for f in follow_ups(claims, later)]


def _follow_up_row(f: FollowUp) -> Row:
    return {"claim_article": f.claim_article, "claim_id": f.claim_id, "article_id": f.article_id,
            "event_id": f.event_id, "relation": f.relation, "start": f.start, "end": f.end, "days": f.days,
            "why": f.why}


@dataclass(slots=True)
class CorpusPlan:
    """What the corpus step needs decided, from a whole ledger: the actor links (decided), every event and quote
    row in its block (`event_blocks`, `quote_blocks`: block -> rows, each block decided alone by
    `cluster_event_block` / `cluster_quote_block`), and the follow-up rows (decided). Clustering the blocks is the
    step that can run anywhere: here (`corpus_rows`) or on Spark executors (`newsledger.spark.corpus`)."""

    links: ActorLinks
    event_blocks: dict[str, list[EventRow]]
    quote_blocks: dict[str, list[QuoteRow]]
    follow_ups: list[Row]

    def actor_rows(self) -> list[Row]:
        return _actor_rows(self.links)

    def link_rows(self) -> list[Row]:
        return _link_rows(self.links)


def corpus_plan(ledger: Ledger) -> CorpusPlan:
    """The corpus step's input from the whole ledger, with the decisions that need the whole of it made."""
    entities, published = ledger_entities(ledger)
    links = link_actors(entities, published)
    _, evs = ledger.query(f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id")
    _, qs = ledger.query(f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id")
    return CorpusPlan(links, event_blocks(_event_row(r, links) for r in evs),
                      quote_blocks(_quote_row(r, links) for r in qs),
                      _follow_up_rows(ledger, links, _claims(ledger, links)))


def event_cluster_rows(block: str, members: list[EventRow]) -> list[Row]:
    """The `event_clusters` rows of one block."""
    return [{"cluster_id": c.id, "article_id": m.article_id, "event_id": m.event_id, "block": block}
            for c in cluster_event_block(members) for m in c.members]


def quote_cluster_rows(block: str, members: list[QuoteRow]) -> list[Row]:
    """The `quote_clusters` rows of one block."""
    return [{"cluster_id": c.id, "article_id": m.article_id, "quote_id": m.quote_id, "block": block}
            for c in cluster_quote_block(members) for m in c.members]


def corpus_rows(ledger: Ledger) -> dict[str, list[Row]]:
    """Rows of the corpus tables from the whole ledger: actors, entity_actors, event_clusters, quote_clusters,
    follow_ups."""
    plan = corpus_plan(ledger)
    return {
        "actors": plan.actor_rows(),
        "entity_actors": plan.link_rows(),
        "event_clusters": [r for block, rows in plan.event_blocks.items() for r in event_cluster_rows(block, rows)],
        "quote_clusters": [r for block, rows in plan.quote_blocks.items() for r in quote_cluster_rows(block, rows)],
        "follow_ups": plan.follow_ups,
    }


@dataclass(slots=True)
class CorpusChanges:
    """What `update_corpus` wrote, for the bench and the tests: rows written per table, and blocks decided again."""

    links: int = 0
    actors: int = 0
    event_blocks: int = 0
    event_rows: int = 0
    quote_blocks: int = 0
    quote_rows: int = 0
    claims: int = 0
    follow_ups: int = 0


def needs_rebuild(ledger: Ledger) -> bool:
    """Clusters stored before blocks existed (schema 4) carry no block: only a full rebuild can place them."""
    return any(ledger.query(f"SELECT 1 FROM {t} WHERE block IS NULL LIMIT 1")[1]
               for t in ("event_clusters", "quote_clusters"))


def rebuild_corpus(ledger: Ledger) -> None:
    """Derive every corpus table again from the article tables (actors linked across articles, event and quote
    clusters, follow-ups), in one transaction."""
    tables = corpus_rows(ledger)
    with ledger.transaction():
        for table in schema.CORPUS_TABLES:
            ledger.conn.execute(f"DELETE FROM {table.name}")
            ledger.insert(table.name, tables.get(table.name, []))


def update_corpus(ledger: Ledger, article_ids: Iterable[str]) -> CorpusChanges | None:
    """Bring the corpus tables up to date after `article_ids` were added, deciding again only the blocks their
    rows touch, in one transaction; a ledger whose clusters predate blocks is rebuilt instead. Returns the counts
    of what changed (`CorpusChanges`), None after a rebuild."""
    if needs_rebuild(ledger):
        rebuild_corpus(ledger)
        return None
    with ledger.transaction():
        return _update(ledger, article_ids)


def _update(ledger: Ledger, article_ids: Iterable[str]) -> CorpusChanges:
    """`update_corpus`'s work, inside the caller's transaction. The tables end as `corpus_rows` of the whole
    ledger would leave them."""
    new = set(article_ids)
    done = CorpusChanges()
    entities, published = ledger_entities(ledger)
    links = link_actors(entities, published)

    # actor links and actors: decided for all, written where they changed
    _, stored = ledger.query("SELECT article_id, entity_id, actor_key, why FROM entity_actors")
    before = {(r[0], r[1]): (r[2], r[3]) for r in stored}
    link_rows = [r for r in _link_rows(links)
                 if before.get((r["article_id"], r["entity_id"])) != (r["actor_key"], r["why"])]
    relinked = {(r["article_id"], r["entity_id"]) for r in link_rows
                if before.get((r["article_id"], r["entity_id"]), (None,))[0] not in (None, r["actor_key"])}
    moved_keys = {k for pair in relinked for k in (before[pair][0], links.key(*pair))} - {None}
    _write(ledger, "entity_actors", ("article_id", "entity_id"), link_rows)
    columns = schema.ACTORS.column_names
    _, stored = ledger.query(f"SELECT {', '.join(columns)} FROM actors")
    old_actors = {r[0]: r for r in stored}
    actor_rows = [a for a in _actor_rows(links) if old_actors.get(a["key"]) != tuple(a[c] for c in columns)]
    gone = [{"key": k} for k in sorted(set(old_actors) - set(links.actors))]
    _write(ledger, "actors", ("key",), actor_rows, gone)
    done.links, done.actors = len(link_rows), len(actor_rows) + len(gone)
    touched = sorted(new | {a for a, _ in relinked})

    # events: the new rows and the rows of a re-linked participant, with every stored row of the blocks they touch
    _, raw = ledger.query(f"SELECT {_EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id "
                          "WHERE e.article_id IN (SELECT unnest(?::VARCHAR[]))", [touched])
    changed = {(r[0], r[1]): _event_row(r, links) for r in raw
               if r[0] in new or (r[0], r[5]) in relinked or (r[0], r[6]) in relinked}
    labels = sorted({f"{e.type}|{label}" for e in changed.values() for label in block_labels(e)})
    _, found = ledger.query(
        "SELECT DISTINCT c.block FROM event_clusters c "
        "JOIN events e ON e.article_id = c.article_id AND e.id = c.event_id "
        "LEFT JOIN entity_actors ea ON ea.article_id = e.article_id AND ea.entity_id = e.source_entity "
        "WHERE e.type || '|k:' || ea.actor_key IN (SELECT unnest(?::VARCHAR[])) "
        "OR e.type || '|c:' || substr(e.source_actor, 1, 3) IN (SELECT unnest(?::VARCHAR[])) "
        "OR c.article_id || chr(31) || c.event_id IN (SELECT unnest(?::VARCHAR[]))",
        [labels, labels, [f"{a}\x1f{e}" for a, e in changed]])
    dirty = {r[0] for r in found if r[0] is not None}
    for r in _block_members(ledger, "events", "event_id", _EVENT_COLUMNS, dirty):
        changed.setdefault((r[0], r[1]), _event_row(r, links))
    out = _event_cluster_rows(changed.values())
    _write(ledger, "event_clusters", ("article_id", "event_id"), out)
    done.event_blocks, done.event_rows = len({r["block"] for r in out}), len(out)

    # quotes: the same, by speaker block
    _, raw = ledger.query(f"SELECT {_QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id "
                          "WHERE q.article_id IN (SELECT unnest(?::VARCHAR[]))", [touched])
    qchanged = {(r[0], r[1]): _quote_row(r, links) for r in raw if r[0] in new or (r[0], r[3]) in relinked}
    _, found = ledger.query(
        "SELECT DISTINCT block FROM quote_clusters WHERE article_id || chr(31) || quote_id IN "
        "(SELECT unnest(?::VARCHAR[]))", [[f"{a}\x1f{q}" for a, q in qchanged]])
    dirty = set(quote_blocks(qchanged.values())) | {r[0] for r in found if r[0] is not None}
    for r in _block_members(ledger, "quotes", "quote_id", _QUOTE_COLUMNS, dirty):
        qchanged.setdefault((r[0], r[1]), _quote_row(r, links))
    out = _quote_cluster_rows(qchanged.values())
    _write(ledger, "quote_clusters", ("article_id", "quote_id"), out)
    done.quote_blocks, done.quote_rows = len({r["block"] for r in out}), len(out)

    # follow-ups: the claims a new article or a moved actor may change, decided again whole
    _, days = ledger.query("SELECT DISTINCT published FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[])) "
                           "AND published IS NOT NULL", [sorted(new)])
    new_days = sorted(r[0] for r in days)
    claims = [c for c in _claims(ledger, links) if _claim_dirty(c, new, new_days, moved_keys)]
    out = _follow_up_rows(ledger, links, claims)
    keys = [f"{c.article_id}\x1f{c.claim_id}" for c in claims]
    ledger.conn.execute("DELETE FROM follow_ups WHERE claim_article || chr(31) || claim_id IN "
                        "(SELECT unnest(?::VARCHAR[]))", [keys])
    ledger.insert("follow_ups", out)
    done.claims, done.follow_ups = len(keys), len(out)
    return done


def _claim_dirty(claim: ClaimRow, new: set[str], new_days: list, moved_keys: set[str]) -> bool:
    """Whether a new article or a moved actor link may change the claim's follow-ups."""
    if claim.article_id in new or claim_keys(claim) & moved_keys:
        return True
    span = window(claim)
    return span is not None and any(span[0] < d <= span[1] for d in new_days)


def _block_members(ledger: Ledger, records: str, id_column: str, columns: str, blocks: set[str]) -> list[tuple]:
    """The stored rows (`columns` of `records`, alias its first letter, with articles `a`) of these cluster blocks."""
    alias = records[0]
    _, raw = ledger.query(
        f"SELECT {columns} FROM {records[:-1]}_clusters c JOIN {records} {alias} ON {alias}.article_id = c.article_id "
        f"AND {alias}.id = c.{id_column} JOIN articles a ON a.id = {alias}.article_id "
        "WHERE c.block IN (SELECT unnest(?::VARCHAR[]))", [sorted(blocks)])
    return raw


def _write(ledger: Ledger, table: str, key: tuple[str, ...], rows: list[Row], deleted: list[Row] = ()) -> None:
    """Replace the rows of `table` with these keys (and delete `deleted`), as typed column arrays."""
    keys = [chr(31).join(r[k] for k in key) for r in (*rows, *deleted)]
    if keys:
        joined = " || chr(31) || ".join(f'"{k}"' for k in key)
        ledger.conn.execute(f"DELETE FROM {table} WHERE {joined} IN (SELECT unnest(?::VARCHAR[]))", [keys])
    ledger.insert(table, rows)
