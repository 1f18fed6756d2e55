#!/usr/bin/env python3
"""Draw a seeded random sample of sentences and show a blind judge every event newsledger records in them.

    .venv/bin/python scripts/sample_events.py [--n 100] [--seed 21] [--out-dir judge] [--shared DIR]
                                              [--batch-size 16]

The judge measures event *precision*: each item is one event record (`Analysis.events`) whose trigger lies in a
sampled sentence. N sentences are drawn, half from each of two sources:
  PolNeAR train  (n - n//2 sentences) the `*.txt` articles of `<shared>/datasets/polnear/train/text`, dated from
                 the `YYYY-MM-DD` in the file name. `random.Random(seed)` shuffles the article list; the articles
                 are taken in that order and one sentence (spaCy's sentences, `newsledger.nlp.pipeline.load_nlp`) is
                 drawn from each, uniformly, until enough are drawn; only those articles are analysed, whole, with
                 `newsledger.analyze.analyze_many`, so entities resolve as in production. (Every article gives one
                 sentence, so a sentence of a short article is likelier to be drawn than one of a long article.)
  PLOVER PLV     (n//2 sentences) distinct `sentence_id`s of `<shared>/datasets/plover/PLV_train.tsv`, drawn
                 without replacement; each sentence (tags stripped) is analysed alone, as an article of one
                 sentence with no date. The gold label is neither shown nor kept.
A sentence with no event still counts as drawn: it adds no item. The sheet's header and stdout give the sentences,
the events and the events per sentence of each half. The sentences are put in a seeded order (mixing the halves)
and their events numbered in that order, a sentence's events together. Same inputs, code and seed: the same
sample, byte for byte (no dates or timings are written).

Writes to --out-dir (default `judge/`), with stem `events_seed<seed>_n<n>`:
  <stem>.jsonl                 one object per item: the sentence, the marked sentence shown, the context, and the
                               full event record (type, cameo, mode, participants, modality, date, place, why);
  <stem>.md                    the judge's sheet: per item the dataset and id, the sentence with ‹trigger›,
                               ⟨source mention⟩ and «target mention» marked, for PolNeAR the preceding sentence
                               and the publication date, then the record;
  <stem>_part1.md, _part2.md   the sheet split in two at a sentence boundary, about half the items each, for two
                               judges;
  <stem>_part1_verdicts.tsv,   the verdict files to fill, one row per item of the part, with the header
  <stem>_part2_verdicts.tsv    `item, verdict, kinds, note` that `scripts/tally_verdicts.py` reads.
The criteria the judge applies are in `scripts/judge_events_criteria.md`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsledger.analyze import analyze_many  # noqa: E402
from newsledger.article import Article  # noqa: E402
from newsledger.eval.brat import shared_dir  # noqa: E402
from newsledger.eval.events import read_plv  # noqa: E402
from newsledger.nlp.pipeline import load_nlp  # noqa: E402
from newsledger.records import Analysis, Event, Span, Who  # noqa: E402
from sample_statements import blockquote, md_escape, read_articles, split_text_dir  # noqa: E402

CRITERIA = "scripts/judge_events_criteria.md"
MARKS = {"trigger": ("‹", "›"), "source": ("⟨", "⟩"), "target": ("«", "»")}
POLNEAR, PLV = "polnear-train", "plv-train"
DATASETS = {POLNEAR: "PolNeAR train", PLV: "PLOVER PLV_train"}
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
ERROR_KINDS = ("not_event", "modality", "type", "source", "target", "code", "duplicate", "date", "place")


@dataclass(slots=True)
class Drawn:
    """One sampled sentence: where it is, and (after analysis) the events whose trigger lies in it."""

    dataset: str
    doc_id: str
    index: int | None  # the sentence's number in its article (PolNeAR); None for a PLV sentence
    span: Span
    context: Span | None  # the preceding sentence (PolNeAR)
    article: Article
    items: list[dict[str, Any]] = field(default_factory=list)


def err_console() -> Console:
    return Console(stderr=True)


def progress(label: str, console: Console) -> Progress:
    """A bar on stderr when it is a terminal (else nothing: the stage messages say what is happening)."""
    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
                    console=console, disable=not console.is_terminal)


def sentence_spans(text: str, doc: Any) -> list[Span]:
    """spaCy's sentences as (start, end) offsets, trimmed of whitespace; empty ones dropped."""
    spans: list[Span] = []
    for sent in doc.sents:
        s, e = sent.start_char, sent.end_char
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if s < e:
            spans.append((s, e))
    return spans


def dated(article: Article) -> Article:
    """The article with its file name's `YYYY-MM-DD` as publication date, when it has none."""
    found = _DATE.search(article.id)
    return replace(article, published=found.group(1)) if found and not article.published else article


def draw_polnear(folder: Path, n: int, seed: int, console: Console) -> list[Drawn]:
    """N sentences, one from each of the first N usable articles of a seeded shuffle of the folder's articles."""
    if n <= 0:
        return []
    articles = [dated(a) for a in read_articles(folder)]
    rng = random.Random(seed)
    rng.shuffle(articles)
    nlp = load_nlp()
    drawn: list[Drawn] = []
    print(f"drawing {n} sentences from PolNeAR train ({len(articles)} articles)", file=console.file)
    with progress("splitting PolNeAR articles", console) as bar:
        task = bar.add_task("split", total=n)
        for doc, article in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=8):
            spans = sentence_spans(article.text, doc)
            if not spans:
                continue
            k = rng.randrange(len(spans))
            drawn.append(Drawn(POLNEAR, article.id, k, spans[k], spans[k - 1] if k else None, article))
            bar.advance(task)
            if len(drawn) == n:
                break
    return drawn


def draw_plv(shared: Path | None, n: int, seed: int) -> list[Drawn]:
    """N distinct PLV sentences (first row of each sentence_id, in file order), drawn without replacement."""
    if n <= 0:
        return []
    population: dict[str, str] = {}
    for row in read_plv(shared):
        population.setdefault(row.id, row.text)
    ids = list(population)
    picked = random.Random(f"plv-{seed}").sample(ids, min(n, len(ids)))
    return [Drawn(PLV, i, None, (0, len(population[i])), None, Article(text=population[i], id=f"plv-{i}"))
            for i in picked]


def analyse(drawn: list[Drawn], label: str, batch_size: int, console: Console) -> None:
    """Analyse each drawn sentence's article (each article once) and keep the events triggered in the sentence."""
    if not drawn:
        return
    print(f"analysing {len(drawn)} {label}", file=console.file)
    with progress(f"analysing {label}", console) as bar:
        task = bar.add_task("analyse", total=len(drawn))
        for item, analysis in zip(drawn, analyze_many((d.article for d in drawn), batch_size=batch_size),
                                  strict=True):
            s, e = item.span
            events = sorted((ev for ev in analysis.events if s <= ev.trigger[0] < e),
                            key=lambda ev: (ev.trigger, ev.id))
            item.items = [record(item, analysis, ev) for ev in events]
            bar.advance(task)


def participant(analysis: Analysis, who: Who | None, sentence: Span) -> dict[str, Any] | None:
    """A source or target as the record gives it, with the mention's words and whether they are in the sentence."""
    if who is None:
        return None
    ent = analysis.entity(who.entity)
    text = analysis.text
    mention = text[who.mention[0]:who.mention[1]] if who.mention else None
    inside = bool(who.mention) and sentence[0] <= who.mention[0] and who.mention[1] <= sentence[1]
    return {
        "entity": who.entity,
        "name": who.name if who.name is not None else (ent.name if ent is not None else None),
        "type": ent.type if ent is not None else None,
        "actor": who.actor,
        "mention": mention,
        "mention_span": list(who.mention) if who.mention else None,
        "in_sentence": inside,
    }


def marked(text: str, span: Span, marks: list[tuple[str, Span]]) -> str:
    """text[span] with each (kind, span) wrapped in its MARKS (clipped to the range), whitespace collapsed."""
    start, end = span
    points: list[tuple[int, int, int, str]] = []  # (offset, 0 close / 1 open, order, mark)
    for order, (kind, (s, e)) in enumerate(marks):
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        opening, closing = MARKS[kind]
        points.append((s, 1, order, opening))
        points.append((e, 0, -order, closing))
    points.sort()
    out, pos = [], start
    for offset, _kind, _order, mark in points:
        out.append(text[pos:offset])
        out.append(mark)
        pos = offset
    out.append(text[pos:end])
    return " ".join("".join(out).split())


def record(drawn: Drawn, analysis: Analysis, ev: Event) -> dict[str, Any]:
    """One item as the JSONL keeps it: the sentence, what the judge is shown, and the event record."""
    text = analysis.text
    marks: list[tuple[str, Span]] = []
    if ev.source is not None and ev.source.mention:
        marks.append(("source", ev.source.mention))
    if ev.target is not None and ev.target.mention:
        marks.append(("target", ev.target.mention))
    marks.append(("trigger", ev.trigger))
    reporter = None
    if ev.reported_by:
        quote = next((q for q in analysis.quotes if q.id == ev.reported_by), None)
        if quote is not None:
            reporter = quote.speaker.name
    return {
        "dataset": drawn.dataset,
        "doc": drawn.doc_id,
        "sentence_index": drawn.index,
        "sentence_span": list(drawn.span),
        "sentence": " ".join(text[drawn.span[0]:drawn.span[1]].split()),
        "context": " ".join(text[drawn.context[0]:drawn.context[1]].split()) if drawn.context else None,
        "published": analysis.article.published,
        "shown": marked(text, drawn.span, marks),
        "event": {
            "id": ev.id,
            "type": ev.type,
            "cameo": ev.cameo,
            "mode": ev.mode,
            "trigger": text[ev.trigger[0]:ev.trigger[1]],
            "trigger_span": list(ev.trigger),
            "source": participant(analysis, ev.source, drawn.span),
            "source_members": [participant(analysis, m, drawn.span) for m in ev.source_members],
            "target": participant(analysis, ev.target, drawn.span),
            "modality": ev.modality,
            "factuality": ev.factuality,
            "date": ev.date,
            "location": ev.location,
            "context": list(ev.context),
            "reported_by": ev.reported_by,
            "reported_by_speaker": reporter,
            "score": ev.score,
            "goldstein": ev.goldstein,
            "why": ev.why,
        },
    }


def number(sentences: list[Drawn], seed: int) -> list[list[dict[str, Any]]]:
    """The sentences with events, in a seeded order; their items numbered 1… in that order, grouped by sentence."""
    groups = [list(d.items) for d in sentences if d.items]
    random.Random(f"order-{seed}").shuffle(groups)
    k = 0
    out: list[list[dict[str, Any]]] = []
    for group in groups:
        numbers = list(range(k + 1, k + 1 + len(group)))
        out.append([{"item": n, "same_sentence": [m for m in numbers if m != n], **it}
                    for n, it in zip(numbers, group, strict=True)])
        k += len(group)
    return out


def halves(groups: list[list[dict[str, Any]]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Split at the sentence boundary that leaves the two parts' item counts closest."""
    total = sum(len(g) for g in groups)
    best, best_gap, running = 0, total + 1, 0
    for i, group in enumerate(groups):
        running += len(group)
        if abs(2 * running - total) < best_gap:
            best, best_gap = i + 1, abs(2 * running - total)
    return [it for g in groups[:best] for it in g], [it for g in groups[best:] for it in g]


def who_line(who: dict[str, Any] | None) -> str:
    if who is None:
        return "(none)"
    parts = [f"**{md_escape(who['name'])}**" if who["name"] else "(no name)"]
    parts.append(f"actor code {who['actor']}" if who["actor"] else "no actor code")
    if who["mention"] is not None:
        where = "" if who["in_sentence"] else " (not in this sentence)"
        parts.append(f"mention “{md_escape(' '.join(who['mention'].split()))}”{where}")
    else:
        parts.append("no mention")
    return " — ".join(parts)


def date_line(date: dict[str, Any] | None) -> str:
    if not date:
        return "(none)"
    value, gran = date.get("value"), date.get("granularity")
    if gran == "publication":
        return f"{value} (the publication date: no date in the text)"
    words = f", from “{md_escape(date['text'])}”" if date.get("text") else ""
    return f"{value} ({gran}{words})"


def place_line(place: dict[str, Any] | None) -> str:
    if not place:
        return "(none)"
    bits = [b for b in (place.get("kind"), place.get("admin1"), place.get("country")) if b]
    return f"{md_escape(str(place.get('name')))}" + (f" ({', '.join(bits)})" if bits else "")


def item_md(item: dict[str, Any]) -> list[str]:
    ev = item["event"]
    where = DATASETS[item["dataset"]]
    head = f"## {item['item']}. {where} `{item['doc']}`"
    if item["sentence_index"] is not None:
        head += f", sentence {item['sentence_index'] + 1}"
    lines = [head, ""]
    if item["dataset"] == POLNEAR:
        lines += [f"Published: {item['published'] or '(unknown)'}", ""]
        if item["context"]:
            lines += ["Preceding sentence:", "", blockquote(item["context"]), ""]
        else:
            lines += ["Preceding sentence: (none: the article's first)", ""]
    lines += ["Sentence:", "", blockquote(item["shown"]), ""]
    type_words = ev["type"] + (f" (CAMEO {ev['cameo']})" if ev["cameo"] else "")
    lines += [
        f"- type: **{type_words}**, trigger “{md_escape(' '.join(ev['trigger'].split()))}”",
        f"- source: {who_line(ev['source'])}",
    ]
    if ev["source_members"]:
        lines.append("- source members: " + "; ".join(who_line(m) for m in ev["source_members"]))
    lines += [
        f"- target: {who_line(ev['target'])}",
        f"- modality: {ev['modality']}" + (f" ({ev['factuality']})" if ev.get("factuality") else ""),
        f"- date: {date_line(ev['date'])}",
        f"- place: {place_line(ev['location'])}",
    ]
    if ev["reported_by"]:
        lines.append(f"- reported by: {md_escape(ev['reported_by_speaker'] or '(a quote with no speaker name)')}")
    why = ev["why"].replace("`", "'")
    lines.append(f"- why: `{why}`")
    if item["same_sentence"]:
        lines.append("- other items from this sentence: " + ", ".join(str(n) for n in item["same_sentence"]))
    lines.append("")
    return lines


def counts(sentences: list[Drawn]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for ds in DATASETS:
        mine = [d for d in sentences if d.dataset == ds]
        out[ds] = {"sentences": len(mine), "with_events": sum(1 for d in mine if d.items),
                   "events": sum(len(d.items) for d in mine)}
    return out


def rate(events: int, sentences: int) -> str:
    return f"{events / sentences:.2f}" if sentences else "-"


def sheet(items: list[dict[str, Any]], title: str, seed: int, tally: dict[str, dict[str, int]],
          verdicts: str) -> str:
    lines = [f"# {title}", ""]
    lines += [f"Seed {seed}. Sentences drawn, and the events newsledger records in them:", "",
              "| half | sentences | with events | events | events per sentence |",
              "|------|----------:|------------:|-------:|--------------------:|"]
    for ds, c in tally.items():
        lines.append(f"| {DATASETS[ds]} | {c['sentences']} | {c['with_events']} | {c['events']} | "
                     f"{rate(c['events'], c['sentences'])} |")
    total_s = sum(c["sentences"] for c in tally.values())
    total_e = sum(c["events"] for c in tally.values())
    lines += [f"| all | {total_s} | {sum(c['with_events'] for c in tally.values())} | {total_e} | "
              f"{rate(total_e, total_s)} |", ""]
    lines += [
        f"Criteria: `{CRITERIA}`. Judge each item from the sentence (and, for PolNeAR, the preceding sentence) "
        "shown, nothing else. In the sentence the item's words are marked: ‹trigger›, ⟨source mention⟩, "
        "«target mention» (a mention outside the sentence is not marked; the record says so).",
        "",
        f"Write one row per item in {verdicts} (tab separated: `item`, `verdict` CORRECT or WRONG, `kinds` a comma "
        f"list for WRONG from {', '.join(ERROR_KINDS)}, `note`).",
        "",
    ]
    for item in items:
        lines += item_md(item)
    return "\n".join(lines)


def write_verdicts(path: Path, items: list[dict[str, Any]]) -> None:
    rows = ["item\tverdict\tkinds\tnote"] + [f"{it['item']}\t\t\t" for it in items]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100, help="sentences to draw, half from each source (default 100)")
    parser.add_argument("--seed", type=int, default=21, help="random seed (default 21)")
    parser.add_argument("--out-dir", type=Path, default=Path("judge"), help="where to write (default judge/)")
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder (default ../shared)")
    parser.add_argument("--batch-size", type=int, default=16, help="articles parsed per batch")
    args = parser.parse_args(argv)
    if args.n < 2:
        print("sample_events: --n must be at least 2", file=sys.stderr)
        return 2
    folder = split_text_dir("train", args.shared)
    plv = shared_dir(args.shared) / "datasets" / "plover" / "PLV_train.tsv"
    for needed in (folder, plv):
        if not needed.exists():
            print(f"sample_events: {needed} not found", file=sys.stderr)
            return 2

    console = err_console()
    polnear = draw_polnear(folder, args.n - args.n // 2, args.seed, console)
    plover = draw_plv(args.shared, args.n // 2, args.seed)
    analyse(polnear, "PolNeAR articles", args.batch_size, console)
    analyse(plover, "PLV sentences", args.batch_size, console)
    sentences = polnear + plover
    groups = number(sentences, args.seed)
    items = [it for g in groups for it in g]
    tally = counts(sentences)

    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"events_seed{args.seed}_n{args.n}"
    out = args.out_dir
    with (out / f"{stem}.jsonl").open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps({"seed": args.seed, **item}, ensure_ascii=False) + "\n")
    title = f"Events to judge: {len(items)} from {len(sentences)} sentences"
    (out / f"{stem}.md").write_text(
        sheet(items, title, args.seed, tally, f"the part's verdict file (`{stem}_part1_verdicts.tsv`, "
                                                f"`{stem}_part2_verdicts.tsv`)"),
        encoding="utf-8")
    for k, part in enumerate(halves(groups), 1):
        verdicts = f"{stem}_part{k}_verdicts.tsv"
        span = f"items {part[0]['item']}–{part[-1]['item']}" if part else "no items"
        (out / f"{stem}_part{k}.md").write_text(
            sheet(part, f"Events to judge, part {k} of 2: {span} ({len(part)} of {len(items)})", args.seed,
                  tally, f"`{verdicts}`"), encoding="utf-8")
        write_verdicts(out / verdicts, part)

    for ds, c in tally.items():
        print(f"{DATASETS[ds]}: {c['sentences']} sentences ({c['with_events']} with events), {c['events']} events, "
              f"{rate(c['events'], c['sentences'])} per sentence")
    print(f"{len(items)} items -> {out / stem}.jsonl, .md, _part1.md, _part2.md, _part1/2_verdicts.tsv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
