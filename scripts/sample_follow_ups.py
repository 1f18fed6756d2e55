#!/usr/bin/env python3
"""Draw a seeded random sample of follow-up links from a ledger and write a sheet for a blind judge.

    .venv/bin/python scripts/sample_follow_ups.py LEDGER [--n 50] [--seed 13] [--out-dir judge]

Each item is one row of the ledger's `follow_ups` table (`newsledger.corpus.follow_ups`): a prediction, promise,
threat or boast of one article, and an event of a later article that newsledger says supports, contradicts or
bears on it. `random.Random(seed)` draws N rows without replacement from all rows sorted by their key (all rows
when there are fewer than N). For each the sheet shows the claim's article date and outlet, its claimant and
kind, the claim's words marked ‹…› inside their sentence, then the later article's date and outlet and the later
event's sentence with its trigger marked, and the relation. The rule's own explanation (`why`) is not shown: the
judge reads the words, not the system's reasons. Same ledger and seed: the same sheet, byte for byte.

Writes to --out-dir, with stem `follow_ups_seed<seed>_n<n>`: `<stem>.md` (the sheet), `<stem>.jsonl` (the items
with every stored field, why included, for the report) and `<stem>_verdicts.tsv` (header `item, verdict, kinds,
note` to fill; `scripts/tally_verdicts.py` reads it). The criteria are in `scripts/judge_follow_ups_criteria.md`.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

import duckdb

CRITERIA = "scripts/judge_follow_ups_criteria.md"
_SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")


def sentence_around(text: str, start: int, end: int, limit: int = 600) -> tuple[int, int]:
    """The sentence (by end punctuation followed by a space) holding text[start:end], at most `limit` characters
    either side."""
    lo = max(0, start - limit)
    ends = [m.end() for m in _SENTENCE_END.finditer(text, lo, start)]
    s = ends[-1] if ends else lo
    m = _SENTENCE_END.search(text, end, min(len(text), end + limit))
    e = m.end() if m else min(len(text), end + limit)
    return s, e


def mark(text: str, start: int, end: int) -> str:
    s, e = sentence_around(text, start, end)
    return " ".join((text[s:start] + "‹" + text[start:end] + "›" + text[end:e]).split())


QUERY = """
    SELECT f.claim_article, f.claim_id, f.article_id, f.event_id, f.relation, f.days, f.why,
           c.kind, coalesce(c.claimant_name, '(the article itself)'), c.start, c."end",
           CAST(ca.published AS VARCHAR), ca.source, ca.text,
           CAST(la.published AS VARCHAR), la.source, la.text, e.trigger_start, e.trigger_end, e.type
    FROM follow_ups f
    JOIN claims c ON c.article_id = f.claim_article AND c.id = f.claim_id
    JOIN articles ca ON ca.id = f.claim_article
    JOIN articles la ON la.id = f.article_id
    JOIN events e ON e.article_id = f.article_id AND e.id = f.event_id
    ORDER BY f.claim_article, f.claim_id, f.article_id, f.event_id"""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("ledger", type=Path)
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out-dir", type=Path, default=Path("judge"))
    args = ap.parse_args(argv)
    conn = duckdb.connect(str(args.ledger), read_only=True)
    rows = conn.execute(QUERY).fetchall()
    picked = sorted(random.Random(args.seed).sample(range(len(rows)), min(args.n, len(rows))))
    order = picked[:]
    random.Random(args.seed + 1).shuffle(order)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    stem = args.out_dir / f"follow_ups_seed{args.seed}_n{args.n}"
    sheet = [f"# Follow-up links: {len(order)} of {len(rows)} in {args.ledger.name} (seed {args.seed})", "",
             f"Judge each item by the criteria in `{CRITERIA}`. Fill `{stem.name}_verdicts.tsv`.", ""]
    items = []
    for k, i in enumerate(order, 1):
        r = rows[i]
        claim = mark(r[13], r[9], r[10])
        later = mark(r[16], r[17], r[18])
        items.append({"item": k, "claim_ref": f"{r[0]}/{r[1]}", "later_ref": f"{r[2]}/{r[3]}", "relation": r[4],
                      "days": r[5], "why": r[6], "kind": r[7], "claimant": r[8], "claim_published": r[11],
                      "claim_outlet": r[12], "claim_sentence": claim, "later_published": r[14],
                      "later_outlet": r[15], "later_sentence": later, "later_type": r[19]})
        sheet += [f"## Item {k}", "",
                  f"**Claim** ({r[11]}, {r[12] or 'unknown outlet'}): {r[7]} by {r[8]}", "",
                  f"> {claim}", "",
                  f"**Later report** ({r[14]}, {r[15] or 'unknown outlet'}, {r[5]} days later): the ‹marked› "
                  f"event, typed {r[19]}", "",
                  f"> {later}", "",
                  f"**Link**: the later event **{r[4].replace('_', ' ')}** the claim", ""]
    Path(f"{stem}.md").write_text("\n".join(sheet), encoding="utf-8")
    Path(f"{stem}.jsonl").write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in items),
                                     encoding="utf-8")
    Path(f"{stem}_verdicts.tsv").write_text("item\tverdict\tkinds\tnote\n"
                                            + "".join(f"{x['item']}\t\t\t\n" for x in items), encoding="utf-8")
    print(f"{len(items)} of {len(rows)} follow-up links -> {stem}.md")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
