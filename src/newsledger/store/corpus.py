"""Corpus tables from the article tables: load rows, call `newsledger.corpus`, return rows to store.

The corpus logic is pure (`newsledger.corpus`); this module only moves rows between it and DuckDB.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from newsledger.corpus import EventRow, QuoteRow, cluster_events, cluster_quotes, link_actors
from newsledger.records import Entity
from newsledger.store.rows import Row

if TYPE_CHECKING:
    from newsledger.store.ledger import Ledger


def ledger_entities(ledger: Ledger) -> tuple[list[tuple[str, Entity]], dict[str, str | None]]:
    """Every (article_id, Entity) of the ledger, and each article's publication date: `link_actors`' input."""
    _, ents = ledger.query("SELECT article_id, id, name, type, role, organization, country, actor, mentions, gender "
                           "FROM entities")
    entities = [(r[0], Entity(id=r[1], name=r[2], type=r[3], role=r[4], organization=r[5], country=r[6],
                              actor=r[7], mentions=[tuple(m) for m in json.loads(r[8] or "[]")], gender=r[9]))
                for r in ents]
    _, arts = ledger.query("SELECT id, published FROM articles")
    return entities, {r[0]: r[1] for r in arts}


def corpus_rows(ledger: Ledger) -> dict[str, list[Row]]:
    """Rows of the corpus tables: actors, entity_actors, event_clusters, quote_clusters."""
    entities, published = ledger_entities(ledger)
    links = link_actors(entities, published)
    out: dict[str, list[Row]] = {
        "actors": [{"key": a.key, "name": a.name, "type": a.type, "role": a.role, "country": a.country,
                    "actor": a.actor, "articles": a.articles} for a in links.actors.values()],
        "entity_actors": [{"article_id": art, "entity_id": ent, "actor_key": key,
                           "why": links.reason(art, ent)} for (art, ent), key in links.links.items()],
    }
    _, evs = ledger.query(
        "SELECT e.article_id, e.id, e.type, e.source_actor, e.target_actor, e.source_entity, e.target_entity, "
        "e.date, e.date_granularity, e.location_country, e.location, e.modality, a.published "
        "FROM events e JOIN articles a ON a.id = e.article_id")
    rows = [EventRow(article_id=r[0], event_id=r[1], type=r[2], source_actor=r[3], target_actor=r[4],
                     source_key=links.key(r[0], r[5]), target_key=links.key(r[0], r[6]), date=r[7],
                     granularity=r[8], country=r[9], place=r[10], modality=r[11], published=r[12]) for r in evs]
    out["event_clusters"] = [{"cluster_id": c.id, "article_id": m.article_id, "event_id": m.event_id}
                             for c in cluster_events(rows) for m in c.members]
    _, qs = ledger.query("SELECT q.article_id, q.id, q.text, q.speaker_entity, q.speaker_name, q.kind, a.published "
                         "FROM quotes q JOIN articles a ON a.id = q.article_id")
    qrows = [QuoteRow(article_id=r[0], quote_id=r[1], text=r[2] or "", speaker_key=links.key(r[0], r[3]),
                      speaker_name=r[4], kind=r[5], published=r[6]) for r in qs]
    out["quote_clusters"] = [{"cluster_id": c.id, "article_id": m.article_id, "quote_id": m.quote_id}
                             for c in cluster_quotes(qrows) for m in c.members]
    return out
