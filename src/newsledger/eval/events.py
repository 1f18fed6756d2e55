"""Event coding scored end to end on PLOVER gold sentences (PLV_train, PLOVER GSR).

Each gold row is a sentence with a source span, a target span (GSR: lists of actor texts, target may be
empty) and a PLOVER type. We analyse the sentence alone and ask: did we emit an event whose source mention
overlaps the gold source and whose target mention overlaps the gold target (pair found), and does that event
carry the gold type? When several of our events cover the pair, one is chosen without looking at the gold
type (the one whose trigger sits between source and target, else nearest the source), so type accuracy is
not flattered; the lenient "any covering event has the type" is reported beside it.
"""

from __future__ import annotations

import csv
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.article import Article
from newsledger.eval.brat import shared_dir
from newsledger.records import Analysis, Event, Span, Who

# PLV's YIELD is CONCEDE or RETREAT; GSR's old labels per its README
LABEL_TYPES = {
    "YIELD": {"CONCEDE", "RETREAT"},
    "DEMAND": {"REQUEST"},
    "DISAPPROVE": {"ACCUSE"},
    "INVESTIGATE": {"ACCUSE"},
    "FIGHT": {"ASSAULT"},
}
_TAG = re.compile(r"</?[st]>")


@dataclass(slots=True)
class GoldEvent:
    """One gold row: a sentence, its source and target spans, and the types that count as right."""

    id: str
    text: str
    label: str
    sources: list[Span]
    targets: list[Span]
    codes: dict[Span, str] = field(default_factory=dict)  # GSR: gold actor code per span

    @property
    def types(self) -> set[str]:
        return LABEL_TYPES.get(self.label, {self.label})


def read_plv(shared: Path | None = None) -> list[GoldEvent]:
    """PLV_train.tsv: the marked sentence gives the spans (tags removed, offsets kept)."""
    path = shared_dir(shared) / "datasets" / "plover" / "PLV_train.tsv"
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            text, spans = _untag(row["marked_sentence"])
            # a row whose target is unmarked is scored on its source alone; one without a source always misses
            rows.append(GoldEvent(row["sentence_id"], text, row["gold_root"], spans.get("s", []), spans.get("t", [])))
    return rows


def _untag(marked: str) -> tuple[str, dict[str, list[Span]]]:
    out: list[str] = []
    spans: dict[str, list[Span]] = {}
    open_at: dict[str, int] = {}
    pos = 0
    length = 0
    for m in _TAG.finditer(marked):
        chunk = marked[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        tag = m.group()
        kind = tag.strip("</>")
        if tag.startswith("</"):
            if kind in open_at:
                spans.setdefault(kind, []).append((open_at.pop(kind), length))
        else:
            open_at[kind] = length
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def read_gsr(shared: Path | None = None) -> list[GoldEvent]:
    """PLOVER_GSR_CAMEO.json: actor texts are located in the sentence (first occurrence)."""
    path = shared_dir(shared) / "datasets" / "plover" / "PLOVER_GSR_CAMEO.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for rec in records:
        if rec.get("event") in (None, "DOCUMENT") or not rec.get("text"):
            continue
        text = rec["text"]
        codes: dict[Span, str] = {}
        sources = _locate(text, rec.get("source"), codes)
        targets = _locate(text, rec.get("target"), codes)
        if sources:
            rows.append(GoldEvent(rec["id"], text, rec["event"], sources, targets, codes))
    return rows


def _locate(text: str, actors: Any, codes: dict[Span, str]) -> list[Span]:
    spans = []
    for actor in actors if isinstance(actors, list) else []:
        words = (actor.get("actorText") or "").strip()
        if not words:
            continue
        at = text.find(words)
        if at < 0:
            at = text.lower().find(words.lower())
        if at >= 0:
            span = (at, at + len(words))
            spans.append(span)
            if actor.get("code"):
                codes[span] = actor["code"] + (actor.get("sector") or "")
    return spans


def _overlaps(who: Who | None, spans: list[Span], mentions_of: dict[str, list[Span]],
              members: list[Who] | None = None) -> bool:
    """A participant matches a gold span when its mention, or a mention of the entity it was resolved to
    ("it" -> "The United Nations" earlier in the sentence), overlaps the span."""
    mentions: list[Span] = []
    for w in [who, *(members or [])]:
        if w is None:
            continue
        if w.mention is not None:
            mentions.append(w.mention)
        if w.entity is not None:
            mentions.extend(mentions_of.get(w.entity, []))
    return any(ms < ge and gs < me for ms, me in mentions for gs, ge in spans)


def covering(analysis: Analysis, gold: GoldEvent) -> list[Event]:
    """Our events whose source overlaps the gold source and target the gold target (if there is one)."""
    out: list[Event] = []
    if not gold.sources:
        return out
    mentions_of = {e.id: list(e.mentions) for e in analysis.entities}
    for ev in analysis.events:
        if not _overlaps(ev.source, gold.sources, mentions_of, ev.source_members):
            continue
        if gold.targets and not _overlaps(ev.target, gold.targets, mentions_of):
            continue
        out.append(ev)
    return out


def choose(events: list[Event], gold: GoldEvent) -> Event:
    """The covering event to score, chosen without the gold type: a trigger between source and target
    first, then the one nearest the source; events the sentence asserts before those it only governs
    ("refused to meet": the refusal)."""
    src_end = min((e for _, e in gold.sources), default=0)
    tgt_start = min((s for s, _ in gold.targets), default=None)

    def key(ev: Event) -> tuple[int, int, int]:
        main = ev.modality in {"asserted", "historical", "negated"}  # "refused to meet": the refusal
        between = tgt_start is not None and src_end <= ev.trigger[0] < tgt_start
        return (0 if main else 1, 0 if between else 1, abs(ev.trigger[0] - src_end))

    return min(events, key=key)


def score_events(dataset: str, shared: Path | None = None, limit: int | None = None,
                 errors: Path | None = None) -> dict[str, Any]:
    """Pair recall, typed recall, type accuracy given the pair, per-type figures and the confusion."""
    from newsledger.analyze import analyze_many

    rows = read_plv(shared) if dataset == "plv-train" else read_gsr(shared)
    if limit:
        rows = rows[:limit]
    started = time.perf_counter()
    articles = (Article(text=r.text, id=r.id) for r in rows)
    found = typed = lenient = 0
    per_type: dict[str, Counter[str]] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    actor_n = actor_ok = 0
    err_lines: list[str] = []
    for gold, analysis in zip(rows, analyze_many(articles), strict=True):
        tally = per_type.setdefault(gold.label, Counter())
        tally["n"] += 1
        cover = covering(analysis, gold)
        if not cover:
            err_lines.append(json.dumps({
                "id": gold.id, "miss": "pair", "label": gold.label, "text": gold.text,
                "gold_source": [gold.text[s:e] for s, e in gold.sources],
                "gold_target": [gold.text[s:e] for s, e in gold.targets],
                "events": [_brief(e, gold.text) for e in analysis.events]}))
            continue
        found += 1
        tally["found"] += 1
        chosen = choose(cover, gold)
        confusion[(gold.label, chosen.type)] += 1
        if chosen.type in gold.types:
            typed += 1
            tally["typed"] += 1
        else:
            err_lines.append(json.dumps({"id": gold.id, "miss": "type", "label": gold.label, "got": chosen.type,
                                         "text": gold.text, "event": _brief(chosen, gold.text)}))
        if any(e.type in gold.types for e in cover):
            lenient += 1
        for span, code in gold.codes.items():
            if span in gold.sources and chosen.source is not None:
                actor_n += 1
                actor_ok += bool(chosen.source.actor) and chosen.source.actor[:3] == code[:3]
    n = len(rows)
    if errors is not None:
        errors.write_text("\n".join(err_lines) + "\n", encoding="utf-8")
    report: dict[str, Any] = {
        "dataset": dataset,
        "rows": n,
        "seconds": round(time.perf_counter() - started, 1),
        "pair_found": found / n if n else 0.0,
        "typed": typed / n if n else 0.0,
        "type_accuracy": typed / found if found else 0.0,
        "type_accuracy_any": lenient / found if found else 0.0,
        "per_type": {
            label: {"n": t["n"], "found": t["found"], "typed": t["typed"]} for label, t in sorted(per_type.items())
        },
        "confusion": {f"{g}->{p}": c for (g, p), c in confusion.most_common()},
    }
    if actor_n:
        report["source_country_accuracy"] = actor_ok / actor_n
        report["source_country_n"] = actor_n
    return report


def _brief(ev: Event, text: str) -> dict[str, Any]:
    def mention(w: Who | None) -> str | None:
        return text[w.mention[0]:w.mention[1]] if w and w.mention else None

    return {"type": ev.type, "trigger": text[ev.trigger[0]:ev.trigger[1]], "source": mention(ev.source),
            "target": mention(ev.target), "modality": ev.modality}
