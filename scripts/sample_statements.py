#!/usr/bin/env python3
"""Draw a seeded random sample of statements (quotes with `statement == True`) for a blind human judge.

    .venv/bin/python scripts/sample_statements.py [--split train|dev | --dir DIR] [--n 200] [--seed 10]
                                                  [--out-dir judge] [--limit N] [--batch-size 16]

Every `*.txt` article of the split (default: PolNeAR train, `<shared>/datasets/polnear/train/text`) or of `--dir` is
analysed in file-name order; the population is every statement in (article, quote) order, and `random.Random(seed)`
draws N of them without replacement, in the order the judge reads them. Same inputs, same code, same seed: the same
sample, byte for byte (no dates or timings are written).

Writes to --out-dir (default `judge/`):
  statements_<name>_seed<seed>_n<n>.jsonl  one object per sampled statement: the full record (kind, act, form,
                                           modality, confidence, why, spans) and what the judge is shown;
  statements_<name>_seed<seed>_n<n>.md     the judge's sheet: per item the article id, the preceding paragraph, the
                                           paragraph(s) holding the quote with the content, cue and speaker mention
                                           marked, the content, the cue, the speaker as resolved, and blank verdict
                                           lines. Nothing of the system's confidence or reasons is shown.
The criteria the judge applies are in `scripts/judge_criteria.md`.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from newsledger.analyze import analyze_many
from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.eval.brat import shared_dir
from newsledger.ingest import read_items
from newsledger.records import Analysis, Quote

SPLITS = ("train", "dev")  # never the test split
MARKS = {"content": ("⟦", "⟧"), "cue": ("‹", "›"), "mention": ("⟨", "⟩")}
CRITERIA = "scripts/judge_criteria.md"


def split_text_dir(split: str, shared: Path | None = None) -> Path:
    """`<shared>/datasets/polnear/<split>/text`."""
    return shared_dir(shared) / "datasets" / "polnear" / split / "text"


def read_articles(folder: Path, limit: int | None = None) -> Iterator[Article]:
    """The folder's `.txt` articles in file-name order, each with its file stem as id; bad files are reported."""
    files = sorted(p for p in folder.glob("*.txt") if p.is_file())
    if limit is not None:
        files = files[:limit]
    for path in files:
        for name, result in read_items(path):
            if isinstance(result, InputError):
                print(f"skipped {name}: {result.reason}", file=sys.stderr)
                continue
            result.id = path.stem
            yield result


def paragraph_indices(analysis: Analysis, spans: list[tuple[int, int]]) -> list[int]:
    """Indices of the paragraphs any of these spans touch."""
    return sorted({i for i, (ps, pe) in enumerate(analysis.paragraphs) for s, e in spans if s < pe and ps < e})


def marked(text: str, start: int, end: int, marks: list[tuple[str, tuple[int, int]]]) -> str:
    """text[start:end] with each (kind, span) wrapped in its MARKS, clipped to the range."""
    events: list[tuple[int, int, str]] = []  # (offset, 0 close / 1 open, mark)
    for kind, (s, e) in marks:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        opening, closing = MARKS[kind]
        events.append((s, 1, opening))
        events.append((e, 0, closing))
    events.sort(key=lambda ev: (ev[0], ev[1]))
    out, pos = [], start
    for offset, _kind, mark in events:
        out.append(text[pos:offset])
        out.append(mark)
        pos = offset
    out.append(text[pos:end])
    return "".join(out)


def record(analysis: Analysis, quote: Quote) -> dict[str, Any]:
    """One statement as the JSONL keeps it: the record itself and the text the judge sees."""
    text = analysis.text
    speaker = quote.speaker
    ent = analysis.entity(speaker.entity)
    spans = list(quote.content) + ([quote.cue] if quote.cue else [])
    paras = paragraph_indices(analysis, spans)
    before = paras[0] - 1 if paras and paras[0] > 0 else None
    marks = [("content", c) for c in quote.content]
    if quote.cue:
        marks.append(("cue", quote.cue))
    if speaker.mention:
        marks.append(("mention", speaker.mention))
    return {
        "article": analysis.article.id,
        "quote": quote.id,
        "kind": quote.kind,
        "act": getattr(quote, "act", None),
        "form": getattr(quote, "form", None),
        "modality": getattr(quote, "modality", None),
        "nested_in": getattr(quote, "nested_in", None),
        "confidence": quote.confidence,
        "why": quote.why,
        "content": [text[s:e] for s, e in quote.content],
        "content_spans": [list(c) for c in quote.content],
        "cue": text[quote.cue[0]:quote.cue[1]] if quote.cue else None,
        "cue_span": list(quote.cue) if quote.cue else None,
        "speaker": {
            "entity": speaker.entity,
            "name": ent.name if ent is not None else speaker.name,
            "type": ent.type if ent is not None else None,
            "role": ent.role if ent is not None else None,
            "mention": text[speaker.mention[0]:speaker.mention[1]] if speaker.mention else None,
            "mention_span": list(speaker.mention) if speaker.mention else None,
        },
        "paragraphs": paras,
        "context": text[analysis.paragraphs[before][0]:analysis.paragraphs[before][1]] if before is not None else None,
        "shown": [marked(text, *analysis.paragraphs[i], marks) for i in paras],
    }


def collect(articles: Iterator[Article], total: int, batch_size: int) -> list[dict[str, Any]]:
    """Every statement of every article, in article then quote order, with a progress bar on stderr."""
    population: list[dict[str, Any]] = []
    err = Console(stderr=True)
    with Progress(TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TimeRemainingColumn(), console=err, disable=not err.is_terminal) as bar:
        task = bar.add_task("analysing", total=total)
        for analysis in analyze_many(articles, batch_size=batch_size):
            population.extend(record(analysis, q) for q in analysis.quotes if getattr(q, "statement", True))
            bar.advance(task)
    return population


def draw(population: list[dict[str, Any]], n: int, seed: int) -> list[dict[str, Any]]:
    """N statements drawn without replacement by `random.Random(seed)`, numbered in the order drawn."""
    picked = random.Random(seed).sample(range(len(population)), min(n, len(population)))
    return [{"number": k, **population[i]} for k, i in enumerate(picked, 1)]


def md_escape(text: str) -> str:
    """Text safe inside a Markdown blockquote: emphasis, code and HTML characters escaped, lines kept."""
    for ch in ("\\", "`", "*", "_", "<", ">", "#", "[", "]", "|"):
        text = text.replace(ch, "\\" + ch)
    return text


def blockquote(text: str) -> str:
    return "\n".join("> " + md_escape(line) if line.strip() else ">" for line in text.splitlines() or [""])


def speaker_line(item: dict[str, Any]) -> str:
    sp = item["speaker"]
    if sp["name"] is None and sp["mention"] is None:
        return "(none: no speaker given)"
    parts = [f"**{md_escape(sp['name'])}**" if sp["name"] else "(no entity)"]
    if sp["mention"]:
        parts.append(f"mention “{md_escape(sp['mention'])}”")
    if sp["role"]:
        parts.append(f"role: {md_escape(sp['role'])}")
    return " — ".join(parts)


def markdown(sample: list[dict[str, Any]], source: str, seed: int, population: int) -> str:
    """The judge's sheet."""
    lines = [
        f"# Statements to judge: {len(sample)} drawn from {population} in {source} (seed {seed})",
        "",
        f"Criteria: `{CRITERIA}`. In the paragraphs the record's words are marked: ⟦content⟧, ‹cue›, "
        "⟨speaker mention⟩. For each item write CORRECT or WRONG after `verdict:`, and for WRONG the error kind(s): "
        "not-a-statement, wrong-speaker, speaker-missing, content-wrong, furniture.",
        "",
    ]
    for item in sample:
        lines += [f"## {item['number']}. {md_escape(item['article'])} ({item['quote']})", ""]
        if item["context"] is not None:
            lines += ["Preceding paragraph:", "", blockquote(item["context"]), ""]
        lines += ["Paragraph(s) with the quote:", ""]
        for k, shown in enumerate(item["shown"]):
            if k:
                lines.append(">")
            lines.append(blockquote(shown))
        content = " … ".join(item["content"])
        lines += [
            "",
            f"- content: “{md_escape(' '.join(content.split()))}”",
            f"- cue: {('“' + md_escape(item['cue']) + '”') if item['cue'] else '(none)'}",
            f"- speaker: {speaker_line(item)}",
            "",
            "verdict:",
            "error kind(s):",
            "note:",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--split", choices=SPLITS, default="train", help="PolNeAR split (default train)")
    where.add_argument("--dir", type=Path, default=None, help="any folder of .txt articles instead of a split")
    parser.add_argument("--shared", type=Path, default=None, help="the shared folder (default ../shared)")
    parser.add_argument("--n", type=int, default=200, help="statements to draw (default 200)")
    parser.add_argument("--seed", type=int, default=10, help="random seed (default 10)")
    parser.add_argument("--out-dir", type=Path, default=Path("judge"), help="where to write (default judge/)")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N articles (for trials)")
    parser.add_argument("--batch-size", type=int, default=16, help="articles parsed per batch")
    args = parser.parse_args(argv)

    folder = args.dir if args.dir is not None else split_text_dir(args.split, args.shared)
    if not folder.is_dir():
        print(f"sample_statements: {folder} is not a directory", file=sys.stderr)
        return 2
    if args.n < 1:
        print("sample_statements: --n must be at least 1", file=sys.stderr)
        return 2
    name = folder.name if args.dir is not None else f"polnear-{args.split}"
    if name == "text" and args.dir is not None:
        name = folder.parent.name
    total = len(sorted(folder.glob("*.txt"))[: args.limit])
    if total == 0:
        print(f"sample_statements: no .txt articles in {folder}", file=sys.stderr)
        return 2

    population = collect(read_articles(folder, args.limit), total, args.batch_size)
    sample = draw(population, args.n, args.seed)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"statements_{name}_seed{args.seed}_n{args.n}"
    jsonl, md = args.out_dir / f"{stem}.jsonl", args.out_dir / f"{stem}.md"
    with jsonl.open("w", encoding="utf-8") as fh:
        for item in sample:
            fh.write(json.dumps({"seed": args.seed, "population": len(population), **item}, ensure_ascii=False) + "\n")
    source = f"PolNeAR {args.split}" if args.dir is None else str(folder)
    md.write_text(markdown(sample, source, args.seed, len(population)), encoding="utf-8")
    print(f"{len(sample)} of {len(population)} statements from {total} articles -> {jsonl}, {md}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
