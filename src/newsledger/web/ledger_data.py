"""Reading the ledger for the web: rows as dicts, a stored article rebuilt as the contract's shape, the dyad
series, the actor network and an actor's profile. Pure functions of an open `Ledger`."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from typing import Any

from newsledger.nlp.layout import find_layout
from newsledger.records import SCHEMA_ID
from newsledger.store.ledger import Ledger
from newsledger.web import queries

Row = dict[str, Any]
QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def rows(ledger: Ledger, query: tuple[str, list]) -> list[Row]:
    cols, found = ledger.query(*query)
    return [dict(zip(cols, r, strict=True)) for r in found]


def _json(value: str | None, default: Any) -> Any:
    try:
        return json.loads(value) if value else default
    except ValueError:
        return default


def _who(row: Row, prefix: str, keys: dict[str, str], start: int | None = None, end: int | None = None) -> Row | None:
    entity, name, actor = row.get(f"{prefix}_entity"), row.get(f"{prefix}_name"), row.get(f"{prefix}_actor")
    if entity is None and name is None and actor is None:
        return None
    mention = [start, end] if start is not None and end is not None else None
    return {"entity": entity, "name": name, "mention": mention, "actor": actor, "actor_key": keys.get(entity or "")}


def article(ledger: Ledger, article_id: str) -> Row | None:
    """A stored article with its records, shaped like `Analysis.to_dict()` (mentions of event participants and
    `source_members` are not stored; `actor_key` links participants to /actor pages)."""
    found = rows(ledger, (queries.ARTICLE, [article_id]))
    if not found:
        return None
    art = found[0]
    text = art.pop("text")
    keys = {r["entity_id"]: r["actor_key"] for r in rows(ledger, (queries.ARTICLE_ACTOR_KEYS, [article_id]))}
    entities = []
    for r in rows(ledger, (queries.ARTICLE_ENTITIES, [article_id])):
        r["mentions"] = _json(r["mentions"], [])
        r["actor_key"] = keys.get(r["id"])
        entities.append(r)
    quotes = [{
        "id": r["id"], "kind": r["kind"], "content": _json(r["content"], [[r["start"], r["end"]]]),
        "cue": [r["cue_start"], r["cue_end"]] if r["cue_start"] is not None else None,
        "speaker": _who(r, "speaker", keys, r["speaker_start"], r["speaker_end"]) or
        {"entity": None, "name": None, "mention": None, "actor": None},
        "addressee": r["addressee"], "medium": r["medium"], "continuation_of": r["continuation_of"],
        "confidence": r["confidence"], "why": r["why"],
        # a quote stored before schema 3 has no act, form or modality (NULL) and counts as a statement
        "act": r.get("act"), "form": r.get("form"), "nested_in": r.get("nested_in"), "modality": r.get("modality"),
        "statement": r.get("statement") is not False,
    } for r in rows(ledger, (queries.ARTICLE_QUOTES, [article_id]))]
    events = [{
        "id": r["id"], "type": r["type"], "quad": r["quad"], "trigger": [r["trigger_start"], r["trigger_end"]],
        "source": _who(r, "source", keys), "target": _who(r, "target", keys), "modality": r["modality"],
        "mode": r["mode"], "context": _json(r["context"], []), "reported_by": r["reported_by"],
        "date": {"value": r["date"], "granularity": r["date_granularity"], "text": r["date_text"]}
        if r["date"] else None,
        "location": {"name": r["location"], "country": r["location_country"], "lat": r["lat"], "lon": r["lon"]}
        if r["location"] else None,
        "score": r["score"], "cameo": r["cameo"], "goldstein": r["goldstein"], "source_members": [], "why": r["why"],
    } for r in rows(ledger, (queries.ARTICLE_EVENTS, [article_id]))]
    claims = [{
        "id": r["id"], "span": [r["start"], r["end"]], "claimant": _who(r, "claimant", keys), "kind": r["kind"],
        "checkworthiness": r["checkworthiness"], "evidence": r["evidence"], "quote": r["quote"],
        "follow_up": _json(r["follow_up"], []), "why": r["why"],
    } for r in rows(ledger, (queries.ARTICLE_CLAIMS, [article_id]))]
    layout = find_layout(text)
    return {
        "schema": SCHEMA_ID, "article": art, "text": text, "entities": entities, "quotes": quotes,
        "events": events, "claims": claims,
        "layout": {"paragraphs": [[p.start, p.end] for p in layout.paragraphs],
                   "headings": [[p.start, p.end] for p in layout.paragraphs if p.heading],
                   "furniture": [{"kind": f.kind, "span": list(f.span), "place": f.place}
                                 for f in layout.furniture]},
    }


def dyad(ledger: Ledger, a: str, b: str, by: str) -> Row:
    """Per period: summed intensity and count by quad, the events behind each period, and how many events were
    left out for having no date (`undated`)."""
    events = rows(ledger, queries.dyad_events(a, b))
    periods: dict[str, Row] = {}
    for ev in events:
        day = ev.get("day")
        if day is None:
            continue
        period = _period_start(day, by).isoformat()
        ev["period"] = period
        ev["day"] = day.isoformat()
        slot = periods.setdefault(period, {"period": period, "events": 0,
                                           "intensity": {str(q): 0.0 for q in QUADS},
                                           "count": {str(q): 0 for q in QUADS}})
        quad = str(ev.get("quad") or "")
        slot["events"] += 1
        if quad in slot["count"]:
            slot["count"][quad] += 1
            slot["intensity"][quad] = round(slot["intensity"][quad] + (ev.get("score") or 0.0), 2)
    return {"a": a.upper(), "b": b.upper(), "by": by, "quads": {str(k): v for k, v in QUADS.items()},
            "undated": sum(1 for ev in events if ev.get("day") is None),
            "periods": sorted(periods.values(), key=lambda p: p["period"]),
            "events": [e for e in events if e.get("period")]}


def _period_start(day: Any, by: str) -> Any:
    if by == "week":
        return day - dt.timedelta(days=day.weekday())
    if by == "month":
        return day.replace(day=1)
    if by == "year":
        return day.replace(month=1, day=1)
    return day


def network(ledger: Ledger, max_nodes: int = 60) -> Row:
    """Actors as nodes; edges: events source -> target, and quote mentions speaker -> actor named in the quote."""
    edges: dict[tuple[str, str], Row] = {}
    for r in rows(ledger, (queries.NETWORK_EVENT_EDGES, [])):
        edges[(r["source"], r["target"])] = {"source": r["source"], "target": r["target"], "events": r["events"],
                                             "intensity": r["intensity"], "mentions": 0}
    mentions_by_article: dict[str, list[tuple[str, list]]] = defaultdict(list)
    for r in rows(ledger, (queries.NETWORK_MENTIONS, [])):
        mentions_by_article[r["article_id"]].append((r["actor_key"], _json(r["mentions"], [])))
    for r in rows(ledger, (queries.NETWORK_QUOTES, [])):
        spans = _json(r["content"], [])
        named = {key for key, mentions in mentions_by_article.get(r["article_id"], [])
                 if key != r["speaker"] and any(s <= m[0] and m[1] <= e for m in mentions for s, e in spans)}
        for key in named:
            edge = edges.setdefault((r["speaker"], key), {"source": r["speaker"], "target": key, "events": 0,
                                                          "intensity": 0.0, "mentions": 0})
            edge["mentions"] += 1
    degree: Counter[str] = Counter()
    for (s, t), e in edges.items():
        weight = e["events"] + e["mentions"]
        degree[s] += weight
        degree[t] += weight
    keep = set(sorted(degree, key=lambda k: (-degree[k], k))[:max_nodes])  # ties by key: the same nodes every time
    nodes = []
    if keep:
        marks = ", ".join("?" for _ in keep)
        found = rows(ledger, (f"SELECT key, name, type, role, country, actor, articles FROM actors "
                              f"WHERE key IN ({marks})", sorted(keep)))
        nodes = [{**n, "degree": degree[n["key"]]} for n in found]
    known = {n["key"] for n in nodes}
    return {"nodes": sorted(nodes, key=lambda n: (-n["degree"], n["key"])),
            "edges": [e for (s, t), e in edges.items() if s in known and t in known]}


def actor_profile(ledger: Ledger, key: str, limit: int = 200, all_attributions: bool = False) -> Row | None:
    """An actor with its roles, quotes (statements unless `all_attributions`), events, claims, and what became of
    its predictions, promises, threats and boasts (`follow_ups`: claim and later event, each with its link)."""
    found = rows(ledger, queries.actor(key))
    if not found:
        return None
    profile = found[0]
    profile["roles"] = rows(ledger, queries.actor_organisations(key))
    profile["quotes"] = rows(ledger, queries.quotes(actor_key=key, limit=limit, all_attributions=all_attributions))
    profile["events_as_source"] = rows(ledger, queries.events(source_key=key, all_modalities=True, limit=limit))
    profile["events_as_target"] = rows(ledger, queries.events(target_key=key, all_modalities=True, limit=limit))
    profile["claims"] = rows(ledger, queries.claims(actor_key=key, limit=limit))
    profile["follow_ups"] = rows(ledger, queries.actor_follow_ups(key, limit=limit))
    by_month: Counter[str] = Counter()
    for q in profile["quotes"]:
        if q.get("published"):
            by_month[str(q["published"])[:7]] += q.get("reports") or 1
    profile["quotes_by_month"] = [{"month": m, "quotes": n} for m, n in sorted(by_month.items())]
    return profile
