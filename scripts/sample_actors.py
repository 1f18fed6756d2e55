#!/usr/bin/env python3
"""Dump a ledger's top actors with a seeded sample of their mentions, for a blind judge of actor linking.

    .venv/bin/python scripts/sample_actors.py --db /tmp/nl11/train.duckdb [--top 150] [--per 3] [--seed 11]
                                              [--out-dir judge] [--name polnear-train]

The population is the ledger's `actors` table (as `newsledger ingest` or `newsledger.store.corpus.rebuild_corpus`
left it),
ordered as `newsledger actors` orders it (articles, then name); the first --top rows are dumped. For each: the
key, name, type, PLOVER code, country, article count, the names linked to it (aliases, with how many entities
carry each) and --per mention sentences drawn with `random.Random(f"{seed}:{key}")` from distinct articles
(mentions marked ⟨…⟩). Same ledger and seed: the same sheet, byte for byte.

Writes to --out-dir (default `judge/`):
  actors_<name>_seed<seed>_top<n>.md     the judge's sheet: an index of all rows (to spot two rows that are one
                                          real actor), then one section per row (to spot a row that merges two).
                                          Criteria: scripts/judge_actors_criteria.md.
  actors_<name>_seed<seed>_top<n>.jsonl  one object per row, with the same fields plus, when the current code
                                          links the ledger exactly as stored, the rules that formed it (`why`
                                          counts from `link_actors`); not shown to the judge.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from newsledger.corpus import link_actors
from newsledger.store.corpus import ledger_entities
from newsledger.store.ledger import Ledger

ALIASES_SHOWN = 12
SENTENCE_CHARS = 360


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence around a mention (a cheap split at ". " and line breaks), the mention marked ⟨…⟩, cut to
    about SENTENCE_CHARS around it."""
    s = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
    ends = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    e = min(ends) + 1 if ends else len(text)
    half = SENTENCE_CHARS // 2
    lo, hi = max(s, start - half), min(e, end + half)
    piece = ("…" if lo > s else "") + text[lo:start] + "⟨" + text[start:end] + "⟩" + text[end:hi] \
        + ("…" if hi < e else "")
    return " ".join(piece.split())


def collect(db: Path, top: int, per: int, seed: int) -> tuple[list[dict[str, Any]], bool]:
    with Ledger(db, read_only=True) as ledger:
        _, actors = ledger.query("SELECT key, name, type, role, country, actor, articles FROM actors "
                                 "ORDER BY articles DESC, name LIMIT ?", [top])
        keys = [r[0] for r in actors]
        _, rows = ledger.query(
            "SELECT ea.actor_key, e.article_id, e.id, e.name, e.mentions FROM entity_actors ea "
            "JOIN entities e ON e.article_id = ea.article_id AND e.id = ea.entity_id "
            "WHERE ea.actor_key IN (SELECT unnest(?::VARCHAR[]))", [keys])
        _, texts = ledger.query("SELECT id, text FROM articles")
        _, stored = ledger.query("SELECT article_id, entity_id, actor_key FROM entity_actors")
        entities, published = ledger_entities(ledger)
    text_of = dict(texts)
    links = link_actors(entities, published)
    same = {(a, e): k for a, e, k in stored} == dict(links.links)
    aliases: dict[str, Counter[str]] = defaultdict(Counter)
    mentions: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for key, article_id, _eid, name, spans in rows:
        aliases[key][name] += 1
        for start, end in json.loads(spans or "[]"):
            mentions[key].append((article_id, start, end))
    why: dict[str, Counter[str]] = defaultdict(Counter)
    if same:
        for link, key in links.links.items():
            why[key][links.why[link]] += 1
    out = []
    for key, name, type_, role, country, code, articles in actors:
        rng = random.Random(f"{seed}:{key}")
        by_article: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for article_id, start, end in sorted(set(mentions[key])):
            by_article[article_id].append((start, end))
        chosen = rng.sample(sorted(by_article), min(per, len(by_article)))
        shown = []
        for article_id in chosen:
            start, end = rng.choice(by_article[article_id])
            shown.append({"article": article_id, "sentence": _sentence(text_of[article_id], start, end)})
        out.append({"key": key, "name": name, "type": type_, "role": role, "country": country, "actor": code,
                    "articles": articles,
                    "aliases": [[n, c] for n, c in sorted(aliases[key].items(), key=lambda x: (-x[1], x[0]))],
                    "mentions": shown, "why": dict(why[key].most_common())})
    return out, same


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--top", type=int, default=150)
    parser.add_argument("--per", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--out-dir", type=Path, default=Path("judge"))
    parser.add_argument("--name", help="label in the file names (default: the ledger file's stem)")
    args = parser.parse_args(argv)
    rows, same = collect(args.db, args.top, args.per, args.seed)
    name = args.name or args.db.stem
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = args.out_dir / f"actors_{name}_seed{args.seed}_top{len(rows)}"
    with stem.with_suffix(".jsonl").open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    lines = [f"# Actors: the {len(rows)} with the most articles ({name}, seed {args.seed})", "",
             "Criteria: scripts/judge_actors_criteria.md", "",
             "## Index (check: no two rows are the same real person, party or organisation)", "",
             "| # | name | type | code | articles |", "|---|---|---|---|---|"]
    for n, row in enumerate(rows, 1):
        lines.append(f"| {n} | {row['name']} | {row['type']} | {row['actor'] or ''} | {row['articles']} |")
    lines += ["", "## Rows (check: no row merges two different people, parties or organisations)", ""]
    for n, row in enumerate(rows, 1):
        names = ", ".join(f"{a} ({c})" for a, c in row["aliases"][:ALIASES_SHOWN])
        more = len(row["aliases"]) - ALIASES_SHOWN
        lines += [f"### {n}. {row['name']}", "",
                  f"- key `{row['key']}`; type {row['type']}; code {row['actor'] or '(none)'}; "
                  f"country {row['country'] or '(none)'}; {row['articles']} articles",
                  f"- names linked: {names}" + (f", … and {more} more" if more > 0 else ""), ""]
        lines += [f"> {m['sentence']}  \n> — {m['article']}" for m in row["mentions"]]
        lines += ["", "verdict (merge? duplicate of #?):", ""]
    stem.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    note = "" if same else " (the ledger was linked by other code: no `why` in the JSONL)"
    print(f"{len(rows)} actors -> {stem}.md, {stem}.jsonl{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
