"""The corpus grows with the ledger: adding articles in batches leaves every corpus table exactly as one full
rebuild of the same articles would, and the block functions split the work without changing any decision."""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from newsledger.analyze import analyze_many
from newsledger.article import Article
from newsledger.corpus.events import EventRow, cluster_event_block, cluster_events, event_blocks
from newsledger.corpus.quotes import QuoteRow, cluster_quotes, quote_block
from newsledger.eval.brat import shared_dir
from newsledger.ingest.metadata import Sidecar
from newsledger.records import Analysis
from newsledger.store import schema
from newsledger.store.corpus import rebuild_corpus, update_corpus
from newsledger.store.ledger import Ledger

# Each PolNeAR dev article is stored four times under new ids, as four outlets carrying it: the same day, the next
# day, nine days later (past the event windows) and half a year later (past the surname window).
COPIES = (0, 1, 9, 180)


@pytest.fixture(scope="module")
def dated_analyses() -> list[Analysis]:
    """84 PolNeAR dev analyses with their metadata dates, each in four copies (336 articles)."""
    polnear = shared_dir() / "datasets" / "polnear"
    sidecar = Sidecar.read(polnear / "metadata.tsv")
    arts = []
    for path in sorted((polnear / "dev" / "text").glob("*.txt")):
        row = sidecar.lookup(path.name)
        arts.append(Article(text=path.read_text(encoding="utf-8"), published=row.fields["published"],
                            title=row.fields.get("title"), source=row.fields.get("source")))
    out = []
    for analysis in analyze_many(arts):
        day = dt.date.fromisoformat(analysis.article.published)
        for shift in COPIES:
            art = dataclasses.replace(analysis.article, id=f"{analysis.article.id}-{shift}",
                                      published=(day + dt.timedelta(days=shift)).isoformat())
            out.append(dataclasses.replace(analysis, article=art))
    return out


def _corpus_tables(db: Path) -> dict[str, list[tuple]]:
    with Ledger(db, read_only=True) as ledger:
        return {t.name: ledger.conn.execute(f"SELECT * FROM {t.name} ORDER BY ALL").fetchall()
                for t in schema.CORPUS_TABLES}


def test_batches_give_the_tables_of_one_rebuild(dated_analyses: list[Analysis], tmp_path: Path) -> None:
    assert len(dated_analyses) >= 300
    order = dated_analyses[:]
    random.Random(13).shuffle(order)
    cuts = sorted(random.Random(14).sample(range(1, len(order)), 4))
    batches = [order[a:b] for a, b in zip([0, *cuts], [*cuts, len(order)], strict=True)]
    with Ledger(tmp_path / "batches.duckdb") as ledger:
        relinked = 0
        for batch in batches:
            ledger.add_analyses([(a, None) for a in batch])
            changes = update_corpus(ledger, [a.article.id for a in batch])
            relinked += changes.links
    with Ledger(tmp_path / "once.duckdb") as ledger:
        ledger.add_analyses([(a, None) for a in dated_analyses])
        rebuild_corpus(ledger)
    batched, once = _corpus_tables(tmp_path / "batches.duckdb"), _corpus_tables(tmp_path / "once.duckdb")
    for table in once:
        assert batched[table] == once[table], table
    # the test means something: clusters across copies, and links decided again when later batches came
    with Ledger(tmp_path / "once.duckdb", read_only=True) as ledger:
        multi_quotes = ledger.query("SELECT count(*) FROM (SELECT cluster_id FROM quote_clusters GROUP BY 1 "
                                    "HAVING count(*) > 1)")[1][0][0]
        multi_events = ledger.query("SELECT count(*) FROM (SELECT cluster_id FROM event_clusters GROUP BY 1 "
                                    "HAVING count(*) > 1)")[1][0][0]
    assert multi_quotes > 100 and multi_events > 20
    assert relinked > sum(len(a.entities) for a in dated_analyses)  # every entity once, and some again


def test_a_ledger_whose_clusters_have_no_block_is_rebuilt(dated_analyses: list[Analysis], tmp_path: Path) -> None:
    some = dated_analyses[:8]
    with Ledger(tmp_path / "old.duckdb") as ledger:
        ledger.add_analyses([(a, None) for a in some[:4]])
        rebuild_corpus(ledger)
        ledger.conn.execute("UPDATE quote_clusters SET block = NULL")  # as a schema-4 ledger migrated
        ledger.add_analyses([(a, None) for a in some[4:]])
        assert update_corpus(ledger, [a.article.id for a in some[4:]]) is None  # rebuilt
        assert ledger.query("SELECT count(*) FROM quote_clusters WHERE block IS NULL")[1][0][0] == 0


# ---- the pure block functions -----------------------------------------------------------------------------------

def _event(eid: str, etype: str, src: str | None, key: str | None, day: int, tgt: str = "UKR",
           modality: str = "asserted") -> EventRow:
    return EventRow(article_id=f"a{eid}", event_id="ev1", type=etype, source_actor=src, target_actor=tgt,
                    source_key=key, date=f"2025-05-{day:02d}", granularity="day", modality=modality,
                    published=f"2025-05-{day:02d}")


def test_event_blocks_join_rows_through_a_shared_key_or_country() -> None:
    rows = [_event("1", "ASSAULT", "RUSMIL", None, 20), _event("2", "ASSAULT", None, "person:putin", 20),
            _event("3", "ASSAULT", "RUS", "person:putin", 21), _event("4", "ASSAULT", "POL", None, 20),
            _event("5", "CONSULT", "RUS", None, 20), _event("6", "ASSAULT", "RUS", None, 20, modality="future"),
            _event("7", "ASSAULT", "IGO", None, 20)]
    blocks = {b: sorted(r.article_id for r in rows_) for b, rows_ in event_blocks(rows).items()}
    # a3 bridges the country RUS and Putin's key: one block for a1-a3
    assert blocks["ASSAULT|c:RUS"] == ["a1", "a2", "a3"]
    assert blocks["ASSAULT|c:POL"] == ["a4"] and blocks["CONSULT|c:RUS"] == ["a5"]
    assert "ASSAULT|-|a6|ev1" in blocks and "ASSAULT|-|a7|ev1" in blocks  # a future act, a generic code: alone


def test_clustering_block_by_block_equals_clustering_all() -> None:
    rng = random.Random(5)
    codes = [None, "RUS", "RUSGOV", "RUSMIL", "UKR", "IGO", "USA"]
    keys = [None, None, "gpe:RUS", "person:putin", "org:nato"]
    rows = [EventRow(article_id=f"a{rng.randint(0, 30)}", event_id=f"e{i}", type=rng.choice(["ASSAULT", "CONSULT"]),
                     source_actor=rng.choice(codes), target_actor=rng.choice(codes), source_key=rng.choice(keys),
                     date=f"2025-05-{rng.randint(1, 28):02d}", granularity=rng.choice(["day", "day", "publication"]),
                     published=f"2025-05-{rng.randint(1, 28):02d}") for i in range(150)]
    by_block = sorted((c for block in event_blocks(rows).values() for c in cluster_event_block(block)),
                      key=lambda c: c.id)
    assert by_block == sorted(cluster_events(rows), key=lambda c: c.id)
    assert any(len(c.members) > 1 for c in by_block)


def test_quote_blocks_are_speakers() -> None:
    assert quote_block(QuoteRow("a", "q1", "x", speaker_key="person:kaja kallas")) == "key:person:kaja kallas"
    assert quote_block(QuoteRow("a", "q1", "x", speaker_name="An EU Official")) == "name:an eu official"
    assert quote_block(QuoteRow("a", "q1", "x")) is None


def test_a_speakers_many_quotes_cluster_without_comparing_every_pair() -> None:
    """Thousands of quotes by one speaker: the exact filters find every near-identical pair (reprints with other
    punctuation, a shortened version) and nothing else."""
    rng = random.Random(2)
    words = [f"w{i}" for i in range(400)]
    rows = []
    for n in range(1500):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(6, 30)))
        rows.append(QuoteRow(f"a{n}", "q1", text, speaker_key="person:x", published="2025-05-20"))
        if n % 50 == 0:
            rows.append(QuoteRow(f"b{n}", "q1", f"\u201c{text.upper()},\u201d", speaker_key="person:x"))
            rows.append(QuoteRow(f"c{n}", "q1", " ".join(text.split()[:9]), speaker_key="person:x"))
    clusters = cluster_quotes(rows)
    joined = [set(c.sources) for c in clusters if len(c.members) > 1]
    for n in range(0, 1500, 50):
        assert any({f"a{n}", f"b{n}", f"c{n}"} <= group for group in joined)
    assert sum(len(g) for g in joined) < 150  # random texts do not join each other
