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
import random
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger import lexicon
from newsledger.article import Article
from newsledger.eval.brat import shared_dir
from newsledger.records import Event, Span, Who

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


def covering_events(events: list[Event], gold: GoldEvent, mentions_of: dict[str, list[Span]]) -> list[Event]:
    """Our events whose source overlaps the gold source and target the gold target (if there is one)."""
    out: list[Event] = []
    if not gold.sources:
        return out
    for ev in events:
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


_INTENT = {"future", "hypothetical"}
_SANCTION_WORDS = re.compile(r"sanction|embargo", re.IGNORECASE)


def accepted_types(gold: GoldEvent, event: Event, text: str, etype: str | None = None) -> set[str]:
    """The gold types, harmonised with the PLOVER codebook where the annotators' convention departs from it
    (`../shared/docs/PLOVER.md`). Each harmonisation widens what counts as right; the raw figure is reported
    beside the harmonised one.

    1. Intent. The gold codes a promise, offer or willingness as AGREE and a threat as THREATEN (CAMEO 03
       "express intent to cooperate", 13 "threaten"); PLOVER's auxiliary `future`/`hypothetical` codes the
       act promised or threatened, which is how newsledger records it ("will withdraw its troops": RETREAT,
       future). So a gold AGREE is also met by a future or hypothetical event of a cooperative type (quads 1
       and 2) and a gold THREATEN by one of a conflict type (quads 3 and 4).
    2. Sanctions. PLV codes "imposed sanctions on X" as COERCE; PLOVER's SANCTION is the type for sanctions
       and embargoes. A gold COERCE is also met by a SANCTION event whose trigger names sanctions or an
       embargo.

    `etype` is the type being scored (default: the event's own).
    """
    etype = etype or event.type
    types = set(gold.types)
    if event.modality in _INTENT:
        quad = lexicon.plover_types()[etype].quad
        if "AGREE" in types and quad in {1, 2}:
            types.add(etype)
        if "THREATEN" in types and quad in {3, 4}:
            types.add(etype)
    if "COERCE" in types and etype == "SANCTION" \
            and _SANCTION_WORDS.search(text[event.trigger[0]:event.trigger[1]]):
        types.add("SANCTION")
    return types


def gold_label(gold: GoldEvent, event: Event, text: str) -> str:
    """The one PLOVER type to train on: the lexicon's type when the harmonised gold accepts it
    (`accepted_types`; PLV's YIELD is whichever of CONCEDE and RETREAT the lexicon chose), else the gold type
    (RETREAT for a YIELD the lexicon typed otherwise)."""
    if event.type in accepted_types(gold, event, text):
        return event.type
    types = gold.types
    return next(iter(types)) if len(types) == 1 else sorted(types)[-1]


@dataclass(slots=True)
class Scored:
    """One gold row after analysis: the covering events, the chosen one and its model features."""

    gold: GoldEvent
    cover: list[Event]
    chosen: Event | None
    features: list[str] | None
    all_events: list[Event]
    event_features: list[list[str]] = field(default_factory=list)  # the type model's, per event
    candidates: dict[str, dict[str, Any]] = field(default_factory=dict)  # the target ranker's, per event id
    mentions_of: dict[str, list[Span]] = field(default_factory=dict)


def analyse_rows(rows: list[GoldEvent]) -> list[Scored]:
    """Analyse each sentence alone with the lexicon's types and the rules' targets, recording every event's
    type-model features and target candidates."""
    from newsledger.analyze import analyze_many
    from newsledger.events.arguments import CandidateRecorder
    from newsledger.events.typing import FeatureRecorder

    recorder = FeatureRecorder()
    candidates = CandidateRecorder()
    articles = (Article(text=r.text, id=r.id) for r in rows)
    out = []
    for gold, analysis in zip(rows, analyze_many(articles, event_typer=recorder, target_ranker=candidates),
                              strict=True):
        mentions_of = {e.id: list(e.mentions) for e in analysis.entities}
        out.append(_score_row(gold, analysis.events, recorder.take(), candidates.take(), mentions_of))
    return out


def _score_row(gold: GoldEvent, events: list[Event], feats: list[list[str]],
               candidates: dict[str, dict[str, Any]], mentions_of: dict[str, list[Span]]) -> Scored:
    cover = covering_events(events, gold, mentions_of)
    chosen = choose(cover, gold) if cover else None
    chosen_feats = feats[events.index(chosen)] if chosen is not None else None
    return Scored(gold, cover, chosen, chosen_feats, events, feats, candidates, mentions_of)


def ranker_examples(scored: list[Scored]) -> list[list[tuple[list[str], bool]]]:
    """Per gold row with a target, the candidates of the event the rules found for the gold source (chosen
    as `choose` does, without the target), each with whether it overlaps the gold target; rows where no
    candidate does are left out."""
    groups = []
    for s in scored:
        gold = s.gold
        if not gold.targets:
            continue
        by_source = [ev for ev in s.all_events if ev.id in s.candidates
                     and _overlaps(ev.source, gold.sources, s.mentions_of, ev.source_members)]
        if not by_source:
            continue
        entry = s.candidates[choose(by_source, gold).id]
        labels = [_overlaps(who, gold.targets, s.mentions_of) for who in entry["who"]]
        if any(labels):
            groups.append(list(zip(entry["features"], labels, strict=True)))
    return groups


def reranked(s: Scored, ranker: Any) -> Scored:
    """The row again with each event's target chosen by `ranker` among its recorded candidates (targets
    filled from elsewhere in the article are kept)."""
    from dataclasses import replace

    events = []
    for ev in s.all_events:
        entry = s.candidates.get(ev.id)
        if entry is not None and "target from" not in ev.why and "main counterpart" not in ev.why:
            pick, _ = ranker.choose(entry["features"], entry["rule"])
            target = entry["who"][pick] if pick is not None else None
            if target is not None and ev.source is not None and target.entity \
                    and target.entity == ev.source.entity:
                target = None
            if ev.source is None and target is None:
                continue  # an event with no participant is not emitted
            ev = replace(ev, target=target)
        events.append(ev)
    feats = [f for ev, f in zip(s.all_events, s.event_features, strict=True)
             if any(e.id == ev.id for e in events)]
    return _score_row(s.gold, events, feats, s.candidates, s.mentions_of)


def training_examples(scored: list[Scored]) -> list[tuple[list[str], str]]:
    """(features, gold type) of each chosen event. Negated events are left out: annotators code "did not
    end the strike" as REJECT, while we keep the type and mark the negation, so they would teach the model
    the opposite of what it is used for (it never re-types a negated event)."""
    return [(s.features, gold_label(s.gold, s.chosen, s.gold.text)) for s in scored
            if s.chosen is not None and s.features is not None and s.chosen.modality != "negated"]


def read_rows(dataset: str, shared: Path | None = None) -> list[GoldEvent]:
    return read_plv(shared) if dataset == "plv-train" else read_gsr(shared)


def score_events(dataset: str, shared: Path | None = None, limit: int | None = None,
                 errors: Path | None = None, folds: int = 5, threshold: float | None = None,
                 c: float | None = None, ranker: bool = True) -> dict[str, Any]:
    """Pair recall, typed recall and type accuracy, for the lexicon alone and with the learned parts (the
    target ranker, then the type model), and the events emitted per sentence.

    Nothing learned is scored on rows it was trained on: on PLV the ranker is refitted per fold (5-fold,
    fixed seed) on the other folds, and the type model on the other folds plus the GSR; on the GSR both are
    fitted on PLV alone. `ranker=False` keeps the participant rules' targets."""
    from newsledger.events.training import DEFAULT_C, DEFAULT_THRESHOLD, fit_ranker, fit_typer

    fit_args = {"threshold": DEFAULT_THRESHOLD if threshold is None else threshold,
                "c": DEFAULT_C if c is None else c}
    started = time.perf_counter()
    rows = read_rows(dataset, shared)
    if limit:
        rows = rows[:limit]
    scored = analyse_rows(rows)
    other = analyse_rows(read_rows("plover-gsr" if dataset == "plv-train" else "plv-train", shared))
    rules_found = sum(s.chosen is not None for s in scored) / len(scored) if scored else 0.0
    rules_rate = sum(len(s.all_events) for s in scored) / len(scored) if scored else 0.0
    order = list(range(len(scored)))
    random.Random(13).shuffle(order)
    test_folds = [set(order[k::folds]) for k in range(folds)]
    if ranker and dataset == "plv-train":
        ranked = list(scored)
        for test in test_folds:
            fitted = fit_ranker(ranker_examples([s for i, s in enumerate(scored) if i not in test]))
            for i in test:
                ranked[i] = reranked(scored[i], fitted)
        scored = ranked
    elif ranker:
        fitted = fit_ranker(ranker_examples(other))
        scored = [reranked(s, fitted) for s in scored]
    model_types: dict[int, str] = {}
    if dataset == "plv-train":
        extra = training_examples(other)
        for test in test_folds:
            train = [s for i, s in enumerate(scored) if i not in test]
            typer = fit_typer(training_examples(train) + extra, **fit_args)
            for i in test:
                s = scored[i]
                if s.chosen is not None and s.features is not None:
                    model_types[i] = _retyped(typer, s)
    else:
        typer = fit_typer(training_examples(other), **fit_args)
        for i, s in enumerate(scored):
            if s.chosen is not None and s.features is not None:
                model_types[i] = _retyped(typer, s)
    report = _tally(scored, model_types, errors)
    report.update({"dataset": dataset, "seconds": round(time.perf_counter() - started, 1), "folds": folds,
                   "pair_found_rules_targets": rules_found, "ranker": ranker,
                   "events_per_sentence": sum(len(s.all_events) for s in scored) / len(scored) if scored else 0.0,
                   "events_per_sentence_rules_targets": rules_rate})
    return report


def _retyped(typer: Any, s: Scored) -> str:
    """The chosen event's type after the model, under the same rule extraction applies (`model_may_retype`)."""
    from newsledger.events.typing import model_may_retype

    model_type = typer.retype(s.chosen.type, s.features)[0]
    return model_type if model_may_retype(s.chosen.type, model_type, s.chosen.modality, s.features) \
        else s.chosen.type


def _tally(scored: list[Scored], model_types: dict[int, str], errors: Path | None) -> dict[str, Any]:
    n = len(scored)
    found = typed_rules = typed_model = lenient = typed_raw = typed_rules_raw = 0
    per_type: dict[str, Counter[str]] = {}
    confusion: Counter[tuple[str, str]] = Counter()
    actor_n = actor_ok = 0
    err_lines: list[str] = []
    for i, s in enumerate(scored):
        gold = s.gold
        tally = per_type.setdefault(gold.label, Counter())
        tally["n"] += 1
        if s.chosen is None:
            err_lines.append(json.dumps({
                "id": gold.id, "miss": "pair", "label": gold.label, "text": gold.text,
                "gold_source": [gold.text[a:b] for a, b in gold.sources],
                "gold_target": [gold.text[a:b] for a, b in gold.targets],
                "events": [_brief(e, gold.text) for e in s.all_events]}))
            continue
        found += 1
        tally["found"] += 1
        final = model_types.get(i, s.chosen.type)
        confusion[(gold.label, final)] += 1
        text = gold.text
        typed_rules_raw += s.chosen.type in gold.types
        typed_raw += final in gold.types
        typed_rules += s.chosen.type in accepted_types(gold, s.chosen, text)
        if final in accepted_types(gold, s.chosen, text, final):
            typed_model += 1
            tally["typed"] += 1
        else:
            err_lines.append(json.dumps({"id": gold.id, "miss": "type", "label": gold.label, "got": final,
                                         "lexicon": s.chosen.type, "text": gold.text,
                                         "event": _brief(s.chosen, gold.text)}))
        lenient += any(e.type in accepted_types(gold, e, text) for e in s.cover)
        for span, code in gold.codes.items():
            if span in gold.sources and s.chosen.source is not None:
                actor_n += 1
                actor_ok += bool(s.chosen.source.actor) and s.chosen.source.actor[:3] == code[:3]
    if errors is not None:
        errors.write_text("\n".join(err_lines) + "\n", encoding="utf-8")
    report: dict[str, Any] = {
        "rows": n,
        "pair_found": found / n if n else 0.0,
        "typed": typed_model / n if n else 0.0,
        "type_accuracy": typed_model / found if found else 0.0,
        "typed_raw": typed_raw / n if n else 0.0,
        "typed_lexicon_only": typed_rules / n if n else 0.0,
        "typed_lexicon_only_raw": typed_rules_raw / n if n else 0.0,
        "type_accuracy_lexicon_only": typed_rules / found if found else 0.0,
        "type_accuracy_any_covering_event": lenient / found if found else 0.0,
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
