"""Quote clusters: the same words from the same speaker, carried by many outlets, become one quote.

Wire copy is reprinted with house styles applied: curly or straight quotation marks, an em dash where the wire
had a comma and a hyphen, a doubled space, a sentence cut short. Counting each reprint as a new statement would
inflate how much a speaker "said"; what the ledger wants is one statement with its list of sources. The rules:

- Text: `normalize_quote` folds case, accents, quotation marks and dashes, drops punctuation and collapses
  whitespace; tokens are its words.
- Speaker: the same corpus actor key; or, when neither row has a key, the same normalised speaker name (an
  unresolved "a senior official" in two outlets is not enough: both names must be present and equal). A row
  with a key never joins one without.
- Words: near-identical, meaning token-set Jaccard >= 0.8, or one token sequence contained in the other with
  at least 8 tokens in the shorter (an outlet that quotes only the first half of a sentence).

Blocks (`quote_block`, the unit the ledger re-clusters when articles are added): ``key:<speaker actor key>``, else
``name:<normalised speaker name>``; a row with neither is alone. Within a block, candidate pairs come from exact
filters (a shared token among each set's rarest, for Jaccard; the shorter's first 8 tokens as a run of the
longer, for containment), so a speaker with thousands of quotes is not compared pair by pair.

Union-find over accepted pairs; a cluster's id is a hash of its earliest member (publication date, article id,
quote id). Containment is not transitive in meaning (two different halves of one long quote both join it), so a
cluster is "the same statement, possibly quoted in part", not "identical strings".
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from newsledger.corpus.actors import normalize_name
from newsledger.corpus.common import UnionFind, fold, stable_id
from newsledger.records import Analysis

_WORD = re.compile(r"[\w]+(?:'[\w]+)*")


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote of one article, flattened for the corpus. `text` is the quoted words as printed (parts of a
    quote interrupted by its attribution are joined with a space); `speaker_key` the corpus actor key,
    `speaker_name` the name the article gives."""

    article_id: str
    quote_id: str
    text: str
    speaker_key: str | None = None
    speaker_name: str | None = None
    kind: str = "direct"
    published: str | None = None


@dataclass(frozen=True, slots=True)
class QuoteCluster:
    """One statement and every report of it; `members` earliest first, `text` the longest member's words as printed."""

    id: str
    text: str
    speaker_key: str | None
    speaker_name: str | None
    members: tuple[QuoteRow, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        """The distinct articles carrying the quote, in member order."""
        return tuple(dict.fromkeys(m.article_id for m in self.members))


def normalize_quote(text: str) -> str:
    """Comparable quote text: '“Russia  must stop — now,”' -> 'russia must stop now'."""
    return " ".join(_WORD.findall(fold(text)))


def _tokens(text: str) -> tuple[str, ...]:
    return tuple(normalize_quote(text).split())


def near_identical(a: str, b: str, jaccard: float = 0.8, min_contained: int = 8) -> bool:
    """Whether two quote texts are the same words: token Jaccard >= `jaccard`, or the shorter's tokens appear
    as a contiguous run in the longer one and number at least `min_contained`."""
    return _near(_tokens(a), _tokens(b), jaccard, min_contained)


def _near(ta: tuple[str, ...], tb: tuple[str, ...], jaccard: float, min_contained: int) -> bool:
    if not ta or not tb:
        return False
    sa, sb = set(ta), set(tb)
    if len(sa & sb) / len(sa | sb) >= jaccard:
        return True
    short, long_ = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) < min_contained:
        return False
    return f" {' '.join(short)} " in f" {' '.join(long_)} "


def quote_rows(analysis: Analysis, keys: Mapping[tuple[str, str], str] | None = None) -> list[QuoteRow]:
    """The rows of one analysis; a quote continued after its attribution ("…," she said. "…") is one row with
    the id of its first part. `keys` maps (article_id, entity_id) to corpus actor keys."""
    keys = keys or {}
    art = analysis.article
    text = analysis.text
    heads: dict[str, str] = {}
    parts: dict[str, list[str]] = {}
    order: list[str] = []
    for q in analysis.quotes:
        head = heads.get(q.continuation_of, q.continuation_of) if q.continuation_of else q.id
        heads[q.id] = head
        if head not in parts:
            parts[head] = []
            order.append(head)
        parts[head].extend(text[a:b] for a, b in q.content)
    by_id = {q.id: q for q in analysis.quotes}
    rows = []
    for qid in order:
        q = by_id.get(qid)
        if q is None:
            continue
        who = q.speaker
        rows.append(QuoteRow(
            article_id=art.id,
            quote_id=qid,
            text=" ".join(parts[qid]),
            speaker_key=keys.get((art.id, who.entity)) if who.entity else None,
            speaker_name=who.name,
            kind=q.kind,
            published=art.published,
        ))
    return rows


def _same_speaker(a: QuoteRow, b: QuoteRow) -> bool:
    if a.speaker_key or b.speaker_key:
        return a.speaker_key == b.speaker_key
    if not a.speaker_name or not b.speaker_name:
        return False
    na, nb = normalize_name(a.speaker_name, "PERSON"), normalize_name(b.speaker_name, "PERSON")
    return bool(na) and na == nb


def quote_block(row: QuoteRow) -> str | None:
    """The block a row is compared within: ``key:<speaker actor key>``, or for a row without a key
    ``name:<normalised speaker name>``; None for a row with neither (it is a cluster of its own). Two rows of
    different blocks are never the same statement (`_same_speaker`), so blocks can be clustered apart."""
    if row.speaker_key:
        return f"key:{row.speaker_key}"
    name = normalize_name(row.speaker_name, "PERSON") if row.speaker_name else ""
    return f"name:{name}" if name else None


def _order(row: QuoteRow) -> tuple[str, str, str]:
    return (row.published or "9999", row.article_id, row.quote_id)


def _prefix_length(n: int, jaccard: float) -> int:
    """How many of a token set's rarest tokens two sets with Jaccard >= `jaccard` must share one of (the prefix
    filter of Bayardo et al., "Scaling up all pairs similarity search", WWW 2007); rounded up, so it never misses."""
    return n - math.ceil(jaccard * n - 1e-9) + 1


def _candidates(tokens: list[tuple[str, ...]], jaccard: float, min_contained: int) -> set[tuple[int, int]]:
    """Pairs (i < j) that may be near-identical: they share a token of their prefixes (Jaccard), or the shorter's
    first `min_contained` tokens occur as a run in the longer (containment). Exact filters: every pair `_near`
    accepts is among them, so blocks of thousands of quotes by one speaker are not compared pair by pair."""
    freq: Counter[str] = Counter(t for toks in tokens for t in set(toks))
    by_prefix: dict[str, list[int]] = defaultdict(list)
    grams: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, toks in enumerate(tokens):
        if not toks:
            continue
        ordered = sorted(set(toks), key=lambda t: (freq[t], t))
        for t in ordered[:_prefix_length(len(ordered), jaccard)]:
            by_prefix[t].append(i)
        for k in {toks[n:n + min_contained] for n in range(len(toks) - min_contained + 1)}:
            grams[k].append(i)
    pairs: set[tuple[int, int]] = set()
    for idx in by_prefix.values():
        pairs.update((a, b) for n, a in enumerate(idx) for b in idx[n + 1:])
    for i, toks in enumerate(tokens):
        if len(toks) >= min_contained:
            pairs.update((min(i, j), max(i, j)) for j in grams[toks[:min_contained]] if j != i)
    return pairs


def cluster_quote_block(rows: Iterable[QuoteRow], jaccard: float = 0.8,
                        min_contained: int = 8) -> list[QuoteCluster]:
    """The statements of one block (`quote_block`): union-find over near-identical pairs, clusters earliest
    first. Pure: the ledger re-clusters a block when a new article adds a row to it, and a Spark job can call it
    per block."""
    rows = sorted(rows, key=_order)
    tokens = [_tokens(r.text) for r in rows]
    uf = UnionFind(len(rows))
    # the same words reprinted are one statement at once; only one row of each wording is compared further
    same: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, toks in enumerate(tokens):
        if toks:
            same[toks].append(i)
    firsts = [idx[0] for idx in same.values()]
    for idx in same.values():
        for j in idx[1:]:
            if _same_speaker(rows[idx[0]], rows[j]):
                uf.union(idx[0], j)
    for a, b in sorted(_candidates([tokens[i] for i in firsts], jaccard, min_contained)):
        i, j = firsts[a], firsts[b]
        if uf.find(i) != uf.find(j) and _same_speaker(rows[i], rows[j]) \
                and _near(tokens[i], tokens[j], jaccard, min_contained):
            uf.union(i, j)
    clusters = []
    for members in uf.groups():
        first = rows[members[0]]
        longest = max(members, key=lambda i: (len(tokens[i]), -i))
        clusters.append(QuoteCluster(
            id=stable_id("qc", first.article_id, first.quote_id),
            text=rows[longest].text,
            speaker_key=first.speaker_key,
            speaker_name=first.speaker_name,
            members=tuple(rows[i] for i in members),
        ))
    return clusters


def quote_blocks(rows: Iterable[QuoteRow]) -> dict[str, list[QuoteRow]]:
    """Rows by block (`quote_block`); a row with no speaker is a block of its own, ``-|<article id>|<quote id>``."""
    out: dict[str, list[QuoteRow]] = defaultdict(list)
    for row in rows:
        out[quote_block(row) or f"-|{row.article_id}|{row.quote_id}"].append(row)
    return dict(out)


def cluster_quotes(rows: Iterable[QuoteRow], jaccard: float = 0.8, min_contained: int = 8) -> list[QuoteCluster]:
    """Group rows into statements; every row is in exactly one cluster. Rows are compared only within their
    block (`quote_blocks`). Clusters come earliest first; the result does not depend on input order."""
    clusters = [c for members in quote_blocks(rows).values()
                for c in cluster_quote_block(members, jaccard, min_contained)]
    return sorted(clusters, key=lambda c: _order(c.members[0]))
