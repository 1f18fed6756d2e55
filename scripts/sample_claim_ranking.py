#!/usr/bin/env python3
"""Draw a seeded sample of articles, rank their claims by check-worthiness and write a sheet for a blind judge;
then tally the judge's verdicts as precision at 5 per article.

    .venv/bin/python scripts/sample_claim_ranking.py sheet [--split dev] [--n 20] [--k 5] [--seed 13]
        [--claims-model fast|accurate] [--out-dir judge]
    .venv/bin/python scripts/sample_claim_ranking.py tally judge/claim_ranking_<...>_verdicts.tsv

`sheet`: `random.Random(seed)` draws N articles of PolNeAR's `--split` (never `test`) from the file names in sorted
order; each is analysed with the chosen claims model; its claims are ranked by check-worthiness (ties: text order)
and the top K go on the sheet, shuffled within the article so rank is not shown, each as its claimant and the
claimed words marked ‹…› in their sentence. Only claims that clear the model's bar (the threshold for a quote's
words, the stricter article-voice bar for the article's own) are ranked. The scores, kinds and rules are kept out of
the sheet (they are in the JSONL for the report). Criteria: `scripts/judge_claim_ranking_criteria.md`. Same data,
seed and model: the same sheet, byte for byte.

`tally`: reads the filled TSV (`article, item, verdict` with verdict `worth` or `not`) and prints precision at
K per article and its mean over articles (an article with fewer than K claims is scored on those it has).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sample_follow_ups import sentence_around  # noqa: E402 - the follow-up sheet's own cut

CRITERIA = "scripts/judge_claim_ranking_criteria.md"


def _marked(text: str, parts: list[tuple[int, int]]) -> str:
    s, e = sentence_around(text, parts[0][0], parts[-1][1], limit=500)
    out, pos = [], s
    for a, b in parts:
        out += [text[pos:a], "‹", text[a:b], "›"]
        pos = b
    out.append(text[pos:e])
    return " ".join("".join(out).split())


def sheet(args: argparse.Namespace) -> int:
    from newsledger.analyze import analyze_many
    from newsledger.article import Article
    from newsledger.claims.ranking import default_ranker
    from newsledger.claims.scoring import choose, scorer
    from newsledger.eval.brat import shared_dir

    if args.split == "test":
        print("the test split is held out: draw from train or dev", file=sys.stderr)
        return 2
    choose(args.claims_model)
    bars = scorer()
    assert bars is not None and bars.name == args.claims_model, "the model did not load"
    ranker = default_ranker(bars.name)  # with a ranker, checkworthiness is its probability and its threshold the bar
    folder = shared_dir(None) / "datasets" / "polnear" / args.split / "text"
    files = sorted(folder.glob("*.txt"))
    picked = sorted(random.Random(args.seed).sample(files, min(args.n, len(files))))
    articles = [Article(f.read_text(encoding="utf-8"), id=f.stem) for f in picked]
    stem = args.out_dir / f"claim_ranking_{args.split}_{args.claims_model}_seed{args.seed}_n{args.n}"
    lines = [f"# Claims worth checking: the top {args.k} of {len(articles)} PolNeAR {args.split} articles "
             f"(seed {args.seed})", "", f"Judge each item by `{CRITERIA}`; fill `{stem.name}_verdicts.tsv`.", ""]
    items, verdict_rows = [], []
    for art, analysis in zip(articles, analyze_many(articles), strict=True):
        worthy = [c for c in analysis.claims if c.checkworthiness is not None
                  and (args.all_scored or c.checkworthiness >= (ranker.threshold if ranker is not None else
                                                                bars.threshold if c.quote else bars.article_bar))]
        ranked = sorted(worthy, key=lambda c: (-(c.checkworthiness or 0.0), c.span[0]))[:args.k]
        shown = ranked[:]
        random.Random(f"{args.seed}/{art.id}").shuffle(shown)
        lines += [f"## Article {art.id}", "", f"_{analysis.article.title or art.text.splitlines()[0][:120]}_", ""]
        for n, claim in enumerate(shown, 1):
            who = claim.claimant.name if claim.claimant is not None and claim.claimant.name else \
                ("(unresolved speaker)" if claim.quote else "(the article itself)")
            parts = claim.parts or [claim.span]
            lines += [f"**{n}.** claimant: {who}", "", f"> {_marked(analysis.text, parts)}", ""]
            items.append({"article": art.id, "item": n, "rank": ranked.index(claim) + 1, "id": claim.id,
                          "start": claim.span[0], "end": claim.span[1],
                          "claimant": who, "kind": claim.kind, "checkworthiness": claim.checkworthiness,
                          "quote": claim.quote, "words": " … ".join(analysis.text[a:b] for a, b in parts)})
            verdict_rows.append(f"{art.id}\t{n}\t\t\n")
    args.out_dir.mkdir(parents=True, exist_ok=True)
    Path(f"{stem}.md").write_text("\n".join(lines), encoding="utf-8")
    Path(f"{stem}.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items),
                                     encoding="utf-8")
    Path(f"{stem}_verdicts.tsv").write_text("article\titem\tverdict\tnote\n" + "".join(verdict_rows),
                                            encoding="utf-8")
    print(f"{len(items)} claims of {len(articles)} articles -> {stem}.md")
    return 0


def tally(args: argparse.Namespace) -> int:
    per_article: dict[str, list[bool]] = defaultdict(list)
    for line in args.verdicts.read_text(encoding="utf-8").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 3 or not cols[2].strip():
            continue
        verdict = cols[2].strip().lower()
        if verdict not in {"worth", "not"}:
            print(f"bad verdict {verdict!r} in: {line}", file=sys.stderr)
            return 2
        per_article[cols[0]].append(verdict == "worth")
    if not per_article:
        print("no verdicts", file=sys.stderr)
        return 2
    for article, marks in sorted(per_article.items()):
        print(f"{article}\t{sum(marks)}/{len(marks)}\t{sum(marks) / len(marks):.2f}")
    mean = sum(sum(m) / len(m) for m in per_article.values()) / len(per_article)
    total = sum(len(m) for m in per_article.values())
    print(f"precision at 5, mean over {len(per_article)} articles: {mean:.3f} "
          f"({sum(sum(m) for m in per_article.values())}/{total} claims worth checking)")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    s = sub.add_parser("sheet")
    s.add_argument("--split", default="dev")
    s.add_argument("--n", type=int, default=20)
    s.add_argument("--k", type=int, default=5)
    s.add_argument("--seed", type=int, default=13)
    s.add_argument("--claims-model", default="fast", choices=["fast", "accurate"])
    s.add_argument("--all-scored", action="store_true",
                   help="rank every scored claim, not only those clearing the bars (labels for training a ranker)")
    s.add_argument("--out-dir", type=Path, default=Path("judge"))
    t = sub.add_parser("tally")
    t.add_argument("verdicts", type=Path)
    args = ap.parse_args(argv)
    return sheet(args) if args.command == "sheet" else tally(args)


if __name__ == "__main__":
    raise SystemExit(main())
