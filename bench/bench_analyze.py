#!/usr/bin/env python3
"""How much slower is `analyze_many` than spaCy's own parse of the same texts?

A script, not a test: it times bare `nlp.pipe(texts)` of a separate plain `spacy.load(...)` of the
project's model against `list(analyze_many(articles))`, alternating them in one process so load, cache and
machine noise hit both alike, and reports words/s and the median ratio ours/bare. With `--max-ratio R` it
exits 1 when that ratio is above R, so it can guard against slow stages in CI.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

import spacy

from newsledger import Article, analyze_many
from newsledger.eval.brat import read_split, split_dir
from newsledger.nlp.pipeline import MODEL_NAME, load_nlp

WARMUP_TEXTS = 5


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "train"), default="dev", help="PolNeAR split (default dev)")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N articles")
    ap.add_argument("--rounds", type=int, default=3, help="timed rounds of each (at least 2; default 3)")
    ap.add_argument("--batch-size", type=int, default=16, help="batch size for both (analyze_many's default)")
    ap.add_argument("--max-ratio", type=float, default=None, help="exit 1 if median ours/bare time exceeds this")
    args = ap.parse_args(argv)
    if args.rounds < 2:
        ap.error("--rounds must be at least 2")
    return args


def timed(run: Callable[[], int]) -> tuple[float, int]:
    """Seconds taken by `run` and what it returned."""
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    golds = list(read_split(split_dir(f"polnear-{args.split}"), limit=args.limit))
    if not golds:
        print("no articles found", file=sys.stderr)
        return 2
    texts = [g.text for g in golds]
    articles = [Article(text=g.text, id=g.id, published=g.published, source=g.source) for g in golds]

    bare_nlp = spacy.load(MODEL_NAME)  # a plain instance: whatever the project adds to load_nlp() is ours
    bare_nlp.max_length = load_nlp().max_length  # loads the project's model once, before any timing

    def bare(n: int = len(texts)) -> int:
        """Parse; the number of tokens parsed is the word count for words/s."""
        return sum(len(doc) for doc in bare_nlp.pipe(texts[:n], batch_size=args.batch_size))

    def ours(n: int = len(articles)) -> int:
        return len(list(analyze_many(articles[:n], batch_size=args.batch_size)))

    bare(WARMUP_TEXTS)  # warm-up round, not timed
    ours(WARMUP_TEXTS)
    bare_s: list[float] = []
    ours_s: list[float] = []
    words = 0
    for i in range(args.rounds):
        seconds, words = timed(bare)
        bare_s.append(seconds)
        ours_s.append(timed(ours)[0])
        print(f"round {i + 1}: bare {bare_s[-1]:.2f} s, ours {ours_s[-1]:.2f} s", flush=True)

    ratio = statistics.median(o / b for o, b in zip(ours_s, bare_s, strict=True))
    bare_wps = words / statistics.median(bare_s)
    ours_wps = words / statistics.median(ours_s)
    print(f"{len(texts)} articles, {words} words (spaCy tokens), {args.rounds} rounds, batch size {args.batch_size}")
    print(f"bare spaCy   {bare_wps:10,.0f} words/s")
    print(f"analyze_many {ours_wps:10,.0f} words/s")
    print(f"ratio ours/bare (median time): {ratio:.2f}")
    if args.max_ratio is not None and ratio > args.max_ratio:
        print(f"FAIL: ratio {ratio:.2f} > --max-ratio {args.max_ratio}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
