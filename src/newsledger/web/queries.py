"""The web app's ledger queries as (SQL, parameters). Like `store.queries`, but every row also says where its words
are (article id and [start, end)), so a result can link to the span in the stored article.

Every user value is a parameter; the only formatted parts are fixed strings chosen here.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsledger.store.queries import (
    ASSERTED,
    CLAIM_ORDERS,
    CLAIMANT,
    FIRST_EVENT,
    FIRST_QUOTE,
    QUOTE_GROUP,
    QUOTE_JOINS,
    Where,
    claim_where,
    event_where,
    quote_where,
)

PERIODS = ("day", "week", "month", "year")
CLUSTER = "coalesce(c.cluster_id, e.article_id || '/' || e.id)"
DAY = ("try_cast(coalesce(CASE WHEN length(e.date) = 10 THEN e.date END, a.published::VARCHAR) AS DATE)")


def quotes(speaker: str | None = None, since: str | None = None, contains: str | None = None,
           actor_key: str | None = None, limit: int = 50, acts: Sequence[str] = (),
           all_attributions: bool = False) -> tuple[str, list]:
    """Distinct quotes (a quote cluster is one row), each with its earliest report's article and span: statements
    unless `all_attributions` or `acts` (as `store.queries.quote_where`); every row says its act, form, modality
    and whether it is a statement."""
    where = quote_where(speaker, since, contains, acts, all_attributions)
    if actor_key:
        where.add("ac.key = ?", actor_key)
    sql = f"""
        SELECT coalesce(ac.name, q.speaker_name) AS speaker, arg_min(ac.key, {FIRST_QUOTE}) AS actor_key,
               arg_min(q.text, {FIRST_QUOTE}) AS words, arg_min(q.kind, {FIRST_QUOTE}) AS kind,
               arg_min(q.act, {FIRST_QUOTE}) AS act,
               arg_min(q.form, {FIRST_QUOTE}) AS form, arg_min(q.modality, {FIRST_QUOTE}) AS modality,
               bool_or(q.statement IS NOT FALSE) AS statement, min(a.published) AS published,
               count(DISTINCT coalesce(a.source, a.id)) AS outlets, count(*) AS reports,
               string_agg(DISTINCT a.source, '; ' ORDER BY a.source) AS outlet,
               arg_min({{'article_id': q.article_id, 'start': q.start, 'end': q."end"}},
                       {FIRST_QUOTE}) AS link
        {QUOTE_JOINS}
        WHERE {where}
        GROUP BY {QUOTE_GROUP}
        ORDER BY published DESC NULLS LAST, outlets DESC, speaker, words
        LIMIT ?"""
    return sql, [*where.params, limit]


_EVENT_JOINS = """
    FROM events e JOIN articles a ON a.id = e.article_id
    LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.event_id = e.id
    LEFT JOIN entity_actors sa ON sa.article_id = e.article_id AND sa.entity_id = e.source_entity
    LEFT JOIN entity_actors ta ON ta.article_id = e.article_id AND ta.entity_id = e.target_entity"""


def events(actor: str | None = None, target: str | None = None, etype: str | None = None,
           since: str | None = None, clusters: bool = False, all_modalities: bool = False,
           source_key: str | None = None, target_key: str | None = None, limit: int = 50) -> tuple[str, list]:
    """Events (asserted and historical unless all_modalities), or one row per cluster of reports."""
    where = event_where(actor, target, etype, since, all_modalities)
    if source_key:
        where.add("sa.actor_key = ?", source_key)
    if target_key:
        where.add("ta.actor_key = ?", target_key)
    if clusters:
        sql = f"""
            SELECT {CLUSTER} AS event, arg_min(e.type, {FIRST_EVENT}) AS type,
                   arg_min(e.source_actor, {FIRST_EVENT}) AS source,
                   arg_min(e.source_name, {FIRST_EVENT}) AS source_name,
                   arg_min(sa.actor_key, {FIRST_EVENT}) AS source_key, arg_min(e.target_actor, {FIRST_EVENT}) AS target,
                   arg_min(e.target_name, {FIRST_EVENT}) AS target_name,
                   arg_min(ta.actor_key, {FIRST_EVENT}) AS target_key,
                   min(coalesce(e.date, a.published::VARCHAR)) AS date,
                   arg_min(e.location, {FIRST_EVENT}) AS place, count(*) AS reports,
                   count(DISTINCT coalesce(a.source, a.id)) AS outlets,
                   arg_min(e.sentence, {FIRST_EVENT}) AS sentence,
                   arg_min({{'article_id': e.article_id, 'start': e.trigger_start, 'end': e.trigger_end}},
                           {FIRST_EVENT}) AS link
            {_EVENT_JOINS}
            WHERE {where}
            GROUP BY 1 ORDER BY date DESC NULLS LAST, reports DESC, event LIMIT ?"""
    else:
        sql = f"""
            SELECT coalesce(e.date, a.published::VARCHAR) AS date, e.type, e.source_actor AS source, e.source_name,
                   sa.actor_key AS source_key, e.target_actor AS target, e.target_name, ta.actor_key AS target_key,
                   e.modality, e.location AS place, e.trigger, e.sentence, e.score, a.source AS outlet,
                   {{'article_id': e.article_id, 'start': e.trigger_start, 'end': e.trigger_end}} AS link
            {_EVENT_JOINS}
            WHERE {where}
            ORDER BY date DESC NULLS LAST, e.article_id, e.trigger_start, e.id LIMIT ?"""
    return sql, [*where.params, limit]


def claims(claimant: str | None = None, flag: str | None = None, kind: str | None = None,
           contains: str | None = None, actor_key: str | None = None, limit: int = 50,
           worth: bool = False, order: str = "recent") -> tuple[str, list]:
    """Claims for the web: the CLI's filters, plus words and an actor; `order` a key of CLAIM_ORDERS (ValueError
    otherwise)."""
    if order not in CLAIM_ORDERS:
        raise ValueError(f"unknown order {order!r}: use {' or '.join(CLAIM_ORDERS)}")
    where = claim_where(claimant, flag, kind, worth)
    if contains:
        where.add("c.text ILIKE ?", f"%{contains}%")
    if actor_key:
        where.add("ea.actor_key = ?", actor_key)
    sql = f"""
        SELECT a.published, {CLAIMANT} AS claimant, ea.actor_key AS claimant_key,
               c.kind, c.checkworthiness, c.evidence_flags AS flags, c.evidence, c.text, c.follow_up,
               a.source AS outlet,
               {{'article_id': c.article_id, 'start': c.start, 'end': c."end"}} AS link
        FROM claims c JOIN articles a ON a.id = c.article_id
        LEFT JOIN entity_actors ea ON ea.article_id = c.article_id AND ea.entity_id = c.claimant_entity
        WHERE {where}
        ORDER BY {CLAIM_ORDERS[order]}, c.article_id, c.id LIMIT ?"""
    return sql, [*where.params, limit]


def actor_follow_ups(key: str, limit: int = 200) -> tuple[str, list]:
    """What the actor said would happen (its predictions, promises, threats, boasts) beside the later events that
    support, contradict or bear on it (`follow_ups`), each side with a link to its span."""
    sql = """
        SELECT a.published, c.kind, c.text AS claim,
               {'article_id': c.article_id, 'start': c.start, 'end': c."end"} AS claim_link,
               f.relation, f.days, la.published AS later_published, la.source AS later_outlet, e.type AS later_type,
               e.trigger AS later_trigger, e.sentence AS later_sentence,
               {'article_id': f.article_id, 'start': e.trigger_start, 'end': e.trigger_end} AS later_link
        FROM follow_ups f
        JOIN claims c ON c.article_id = f.claim_article AND c.id = f.claim_id
        JOIN entity_actors ea ON ea.article_id = c.article_id AND ea.entity_id = c.claimant_entity
        JOIN articles a ON a.id = c.article_id
        JOIN articles la ON la.id = f.article_id
        JOIN events e ON e.article_id = f.article_id AND e.id = f.event_id
        WHERE ea.actor_key = ?
        ORDER BY a.published DESC NULLS LAST, c.article_id, c.id, f.days, f.article_id LIMIT ?"""
    return sql, [key, limit]


def actors(name: str | None = None, top: int = 50) -> tuple[str, list]:
    where = Where()
    if name:
        where.add("name ILIKE ?", f"%{name}%")
    return (f"SELECT key, name, type, role, country, actor, articles FROM actors WHERE {where} "
            "ORDER BY articles DESC, name, key LIMIT ?", [*where.params, top])


def actor(key: str) -> tuple[str, list]:
    return "SELECT key, name, type, role, country, actor, articles FROM actors WHERE key = ?", [key]


def actor_organisations(key: str) -> tuple[str, list]:
    """What the actor's articles say of its role and organisation (the actors table keeps one role)."""
    return ("""SELECT en.role, en.organization, count(*) AS n FROM entity_actors ea
               JOIN entities en ON en.article_id = ea.article_id AND en.id = ea.entity_id
               WHERE ea.actor_key = ? AND (en.role IS NOT NULL OR en.organization IS NOT NULL)
               GROUP BY 1, 2 ORDER BY n DESC, 1, 2 LIMIT 10""", [key])


def dyad_events(a: str, b: str) -> tuple[str, list]:
    """Events between a and b in either direction, each real event (cluster) once, with its day and link."""
    sql = f"""
        SELECT {CLUSTER} AS event, arg_min(e.type, {FIRST_EVENT}) AS type,
               arg_min(e.quad, {FIRST_EVENT}) AS quad,
               arg_min(e.score, {FIRST_EVENT}) AS score, arg_min(e.source_actor, {FIRST_EVENT}) AS source,
               arg_min(e.target_actor, {FIRST_EVENT}) AS target, arg_min(e.trigger, {FIRST_EVENT}) AS trigger,
               arg_min(e.sentence, {FIRST_EVENT}) AS sentence, min({DAY}) AS day, count(*) AS reports,
               arg_min({{'article_id': e.article_id, 'start': e.trigger_start, 'end': e.trigger_end}},
                       {FIRST_EVENT}) AS link
        FROM events e JOIN articles a ON a.id = e.article_id
        LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.event_id = e.id
        WHERE e.modality IN {ASSERTED}
          AND ((e.source_actor LIKE ? AND e.target_actor LIKE ?) OR (e.source_actor LIKE ? AND e.target_actor LIKE ?))
        GROUP BY 1 ORDER BY day NULLS LAST"""
    a, b = a.upper() + "%", b.upper() + "%"
    return sql, [a, b, b, a]


NETWORK_EVENT_EDGES = f"""
    SELECT sa.actor_key AS source, ta.actor_key AS target, count(DISTINCT {CLUSTER}) AS events,
           round(sum(e.score), 1) AS intensity
    FROM events e
    JOIN entity_actors sa ON sa.article_id = e.article_id AND sa.entity_id = e.source_entity
    JOIN entity_actors ta ON ta.article_id = e.article_id AND ta.entity_id = e.target_entity
    LEFT JOIN event_clusters c ON c.article_id = e.article_id AND c.event_id = e.id
    WHERE e.modality IN {ASSERTED} AND sa.actor_key <> ta.actor_key
    GROUP BY 1, 2"""

NETWORK_QUOTES = """
    SELECT q.article_id, ea.actor_key AS speaker, q.content
    FROM quotes q JOIN entity_actors ea ON ea.article_id = q.article_id AND ea.entity_id = q.speaker_entity"""

NETWORK_MENTIONS = """
    SELECT en.article_id, ea.actor_key, en.mentions
    FROM entities en JOIN entity_actors ea ON ea.article_id = en.article_id AND ea.entity_id = en.id
    WHERE en.article_id IN (SELECT DISTINCT article_id FROM quotes)"""

ARTICLE = "SELECT id, title, CAST(published AS VARCHAR) AS published, source, url, text FROM articles WHERE id = ?"
ARTICLE_ENTITIES = ("SELECT id, name, type, role, organization, country, actor, mentions, gender FROM entities "
                    "WHERE article_id = ? ORDER BY id")
ARTICLE_QUOTES = "SELECT * FROM quotes WHERE article_id = ? ORDER BY start"
ARTICLE_EVENTS = "SELECT * FROM events WHERE article_id = ? ORDER BY trigger_start"
ARTICLE_CLAIMS = "SELECT * FROM claims WHERE article_id = ? ORDER BY start"
ARTICLE_ACTOR_KEYS = "SELECT entity_id, actor_key FROM entity_actors WHERE article_id = ?"
