#!/usr/bin/env python3
"""Draw a seeded random sample of (person, role, organisation) triples for a blind judge.

    .venv/bin/python scripts/sample_roles.py [--split train|dev | --dir DIR] [--n 150] [--seed 11]
                                             [--out-dir judge] [--limit N]

Every `*.txt` article of the split (default: PolNeAR train) or of `--dir` is analysed in file-name order, dated
from the `YYYY-MM-DD` in its file name when there is one; the population is every PERSON entity in (article,
entity) order, with or without a role, and `random.Random(seed)` draws N of them. Same inputs, code and seed: the
same sample, byte for byte.

Writes to --out-dir (default `judge/`):
  roles_<name>_seed<seed>_n<n>.jsonl  one object per sampled person: article, entity id, name, role, organisation,
                                      actor code, and the sentences shown;
  roles_<name>_seed<seed>_n<n>.md     the judge's sheet: per item the person as resolved, the role and organisation
                                      found (or "(none)"), and the first sentences (at most `SHOWN`) that name the
                                      person, with each mention marked ⟨…⟩. The criteria are in
                                      `scripts/judge_roles_criteria.md`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsledger.analyze import analyze_many  # noqa: E402
from newsledger.records import Analysis, Entity  # noqa: E402
from sample_statements import SPLITS, read_articles, split_text_dir  # noqa: E402

SHOWN = 5
"""Sentences shown per person: the first ones that name them."""
_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")


_BOUNDARY = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]*[A-Z0-9])|\n")
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Capt|Adm|Gov|Pres|Sec|Amb|"
                           r"St|Jr|Sr|Prof|Rev|Hon|Atty|Supt|Mt|Ft|No|vs|U\.S|U\.N|Jan|Feb|Aug|Sept|Oct|Nov|Dec|"
                           r"[A-Z][a-z]{0,3}\.[A-Z]))\.$")


def _sentence_bounds(text: str, offset: int) -> tuple[int, int]:
    """The sentence around an offset: between boundaries (". ", "? ", a line break) that do not follow an
    abbreviation or an initial ("Sen. Ted Cruz", "Donald J. Trump", "Calif.")."""
    start, end = 0, len(text)
    for match in _BOUNDARY.finditer(text):
        if match.group() != "\n" and _ABBREVIATION.search(text[max(0, match.start() - 8): match.start()]):
            continue
        if match.end() <= offset:
            start = match.end()
        elif match.start() >= offset:
            end = match.start()
            break
    return start, end


def shown_sentences(analysis: Analysis, entity: Entity) -> list[str]:
    """The first SHOWN distinct sentences naming the person, each mention inside marked ⟨…⟩."""
    text = analysis.text
    out: list[str] = []
    seen: set[tuple[int, int]] = set()
    for start, _end in entity.mentions:
        bounds = _sentence_bounds(text, start)
        if bounds in seen:
            continue
        seen.add(bounds)
        s, e = bounds
        marks = [(ms, me) for ms, me in entity.mentions if s <= ms and me <= e]
        piece, cursor = [], s
        for ms, me in marks:
            piece.append(text[cursor:ms] + "⟨" + text[ms:me] + "⟩")
            cursor = me
        piece.append(text[cursor:e])
        out.append(" ".join("".join(piece).split()))
        if len(out) == SHOWN:
            break
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--split", choices=SPLITS, default="train")
    group.add_argument("--dir", type=Path)
    parser.add_argument("--n", type=int, default=150)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out-dir", type=Path, default=Path("judge"))
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    folder = args.dir or split_text_dir(args.split)
    name = args.dir.name if args.dir else f"polnear-{args.split}"

    def dated():
        for article in read_articles(folder, args.limit):
            found = _DATE.search(article.id)
            yield replace(article, published=found.group(1)) if found and not article.published else article

    population: list[dict[str, Any]] = []
    for analysis in analyze_many(dated()):
        for entity in analysis.entities:
            if entity.type != "PERSON":
                continue
            population.append({
                "article": analysis.article.id, "entity": entity.id, "name": entity.name,
                "role": entity.role, "organization": entity.organization, "actor": entity.actor,
                "sentences": shown_sentences(analysis, entity),
            })
    sample = random.Random(args.seed).sample(population, min(args.n, len(population)))
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = args.out_dir / f"roles_{name}_seed{args.seed}_n{len(sample)}"
    with stem.with_suffix(".jsonl").open("w", encoding="utf-8") as out:
        for item in sample:
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    lines = [f"# Roles sample: {len(sample)} people of {len(population)} ({name}, seed {args.seed})", "",
             "Criteria: scripts/judge_roles_criteria.md", ""]
    for n, item in enumerate(sample, 1):
        lines += [f"## {n}. {item['name']}  ({item['article']})", "",
                  f"- role: {item['role'] or '(none)'}",
                  f"- organisation: {item['organization'] or '(none)'}", ""]
        lines += [f"> {s}" for s in item["sentences"]]
        lines += ["", "verdict (role / organisation):", ""]
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(sample)} of {len(population)} people -> {stem}.md, {stem}.jsonl")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
