"""One Analysis as rows of the ledger's tables (schema.py): spans become start/end, lists become JSON."""

from __future__ import annotations

import json
from typing import Any

from newsledger import lexicon
from newsledger.article import Article
from newsledger.dates import iso_day
from newsledger.records import Analysis, Who
from newsledger.render.common import claim_words, span_text

Row = dict[str, Any]


def _who(prefix: str, who: Who | None) -> Row:
    if who is None:
        return {f"{prefix}_entity": None, f"{prefix}_name": None, f"{prefix}_actor": None}
    return {f"{prefix}_entity": who.entity, f"{prefix}_name": who.name, f"{prefix}_actor": who.actor}


def _country(who: Who | None) -> str | None:
    return who.actor[:3] if who is not None and who.actor else None


def publication(art: Article) -> Row:
    """The article's publication columns: `published` as a date (None when absent), and `published_from` only
    beside a date."""
    return {"published": iso_day(art.published), "published_from": art.published_from if art.published else None}


def sighting_row(art: Article, item: str, run_id: int | None) -> Row:
    """The `sightings` row of one input item that carried this article."""
    return {"article_id": art.id, "item": item, "url": art.url, "title": art.title, "source": art.source,
            "run_id": run_id, **publication(art)}


def analysis_rows(analysis: Analysis, item: str | None = None, run_id: int | None = None) -> dict[str, list[Row]]:
    """Rows per table name for one article."""
    art, text = analysis.article, analysis.text
    aid = art.id
    out: dict[str, list[Row]] = {
        "articles": [{"id": aid, "title": art.title, "source": art.source, "url": art.url, "text": text,
                      "n_chars": len(text), "item": item, "run_id": run_id, "added_at": None, **publication(art)}],
        "entities": [], "quotes": [], "events": [], "claims": [],
    }
    for e in analysis.entities:
        out["entities"].append({"article_id": aid, "id": e.id, "name": e.name, "type": e.type, "role": e.role,
                                "organization": e.organization, "country": e.country, "actor": e.actor,
                                "mentions": json.dumps([list(m) for m in e.mentions]), "gender": e.gender,
                                "actor_why": e.actor_why})
    for q in analysis.quotes:
        start, end = min(s for s, _ in q.content), max(e for _, e in q.content)
        row = {"article_id": aid, "id": q.id, "kind": q.kind, "start": start, "end": end,
               "text": " … ".join(span_text(text, s) for s in q.content),
               "content": json.dumps([list(s) for s in q.content]),
               "cue_start": q.cue[0] if q.cue else None, "cue_end": q.cue[1] if q.cue else None,
               "cue": span_text(text, q.cue) if q.cue else None,
               "speaker_start": q.speaker.mention[0] if q.speaker.mention else None,
               "speaker_end": q.speaker.mention[1] if q.speaker.mention else None,
               "addressee": q.addressee, "medium": q.medium, "continuation_of": q.continuation_of,
               "confidence": q.confidence, "why": q.why, "act": q.act, "form": q.form, "nested_in": q.nested_in,
               "modality": q.modality, "statement": bool(q.statement)}
        row.update(_who("speaker", q.speaker))
        out["quotes"].append(row)
    sentences = _display_sentences(text, analysis.sentences)
    for ev in analysis.events:
        loc = ev.location or {}
        date = ev.date or {}
        row = {"article_id": aid, "id": ev.id, "type": ev.type, "quad": lexicon.plover_types()[ev.type].quad,
               "mode": ev.mode, "context": json.dumps(ev.context), "modality": ev.modality,
               "trigger_start": ev.trigger[0], "trigger_end": ev.trigger[1], "trigger": span_text(text, ev.trigger),
               "sentence": _sentence(text, sentences, ev.trigger[0]),
               "source_country": _country(ev.source), "target_country": _country(ev.target),
               "reported_by": ev.reported_by, "date": date.get("value"), "date_granularity": date.get("granularity"),
               "date_text": date.get("text"), "location": loc.get("name"), "location_country": loc.get("country"),
               "lat": loc.get("lat"), "lon": loc.get("lon"), "score": ev.score, "cameo": ev.cameo,
               "goldstein": ev.goldstein, "why": ev.why}
        row.update(_who("source", ev.source))
        row.update(_who("target", ev.target))
        out["events"].append(row)
    for c in analysis.claims:
        row = {"article_id": aid, "id": c.id, "start": c.span[0], "end": c.span[1], "text": claim_words(text, c),
               "kind": c.kind, "checkworthiness": c.checkworthiness, "evidence": c.evidence,
               "evidence_flags": ",".join(lexicon.evidence_flags(c.evidence)) or None, "quote": c.quote,
               "follow_up": json.dumps(c.follow_up), "why": c.why}
        row.update(_who("claimant", c.claimant))
        out["claims"].append(row)
    return out


def _display_sentences(text: str, parsed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence bounds for display, each cut to its paragraph: the parser's when the analysis has them, else a
    rough cut at . ! ? that does not cut after an abbreviation ("Mr.", "Gen.") or an initial ("U.S.", "J.")."""
    if parsed:
        bounds = []
        for start, end in parsed:
            for piece in text[start:end].split("\n"):
                bounds.append((start, start + len(piece)))
                start += len(piece) + 1
        return bounds
    bounds = []
    start = 0
    for i, ch in enumerate(text):
        if ch == "\n" or (ch in ".!?" and i + 1 < len(text) and text[i + 1] in " \n" and not _abbreviation(text, i)):
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, len(text)))
    return bounds


def _abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at `dot` ends an abbreviation or an initial, not a sentence."""
    if text[dot] != ".":
        return False
    k = dot
    while k > 0 and (text[k - 1].isalpha() or text[k - 1] == "."):
        k -= 1
    word = text[k:dot]
    return word.lower() in lexicon.abbreviations() or (len(word.replace(".", "")) <= 2 and word[:1].isupper())


def _sentence(text: str, bounds: list[tuple[int, int]], offset: int) -> str:
    for start, end in bounds:
        if start <= offset < end:
            return " ".join(text[start:end].split())
    return ""
