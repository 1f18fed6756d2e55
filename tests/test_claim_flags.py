"""Evidence categories: a claim's evidence words are stored with their category (without-evidence, false, hedge,
sourced, disputed), the claims filter takes the category, and an unknown one is a usage error (CLI exit 2, HTTP
400). Ledgers stored before the column existed get it from their stored words."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsledger import lexicon
from newsledger.analyze import analyze
from newsledger.cli import app
from newsledger.store import schema
from newsledger.store.ledger import Ledger
from newsledger.web.app import create_app

TEXT = ("The mayor claimed, without evidence, that the bridge contract had cost the city 90 million dollars.\n\n"
        "The council leader falsely said that crime had doubled in the harbour district since last spring.\n\n"
        "The port authority said the ferry fleet would be replaced by 2030, citing its own budget documents.\n\n"
        "The governor said the dam was safe, a claim disputed by the engineers who inspected it in March.")


def test_categories_from_the_words() -> None:
    assert lexicon.evidence_flags("without evidence") == ["without-evidence"]
    assert lexicon.evidence_flags("falsely; citing") == ["false", "sourced"]
    assert lexicon.evidence_flags("disputed by") == ["disputed"]
    assert lexicon.evidence_flags(None) == [] and lexicon.evidence_flags("no such words") == []


@pytest.fixture(scope="module")
def ledger_db(ledger_of) -> Path:  # type: ignore[no-untyped-def]
    return ledger_of(TEXT, "flags")


def _claims(db: Path, *args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(app, ["claims", "--db", str(db), "--format", "csv", *args])
    return result.exit_code, result.stdout.splitlines()[1:]


@pytest.mark.parametrize(("flag", "words"), [("without-evidence", "90 million dollars"), ("false", "crime had doubled"),
                                             ("sourced", "ferry fleet"), ("disputed", "the dam was safe")])
def test_the_filter_takes_the_category(ledger_db: Path, flag: str, words: str) -> None:
    code, rows = _claims(ledger_db, "--flag", flag)
    assert code == 0
    assert rows and all(flag in row for row in rows)
    assert any(words in row for row in rows)


def test_an_unknown_category_is_a_usage_error(ledger_db: Path) -> None:
    code, _ = _claims(ledger_db, "--flag", "bogus")
    assert code == 2
    response = TestClient(create_app(ledger_db, None)).get("/api/claims", params={"flag": "bogus"})
    assert response.status_code == 400 and "without-evidence" in response.json()["error"]
    found = TestClient(create_app(ledger_db, None)).get("/api/claims", params={"flag": "Without-Evidence"}).json()
    assert found["count"] >= 1 and all("without-evidence" in r["flags"] for r in found["rows"])


def test_claims_stored_before_the_column_get_it_from_their_words(ledger_db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "old.duckdb"
    copy.write_bytes(ledger_db.read_bytes())
    with Ledger(copy) as ledger:
        want = ledger.query("SELECT id, evidence_flags FROM claims ORDER BY id")[1]
        ledger.conn.execute("UPDATE claims SET evidence_flags = NULL")
        ledger.conn.execute(schema.MIGRATIONS[7][-1])
        assert ledger.query("SELECT id, evidence_flags FROM claims ORDER BY id")[1] == want
    assert any(flags for _, flags in want)


def test_claims_most_worth_checking_first(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import duckdb

    from newsledger.store import queries

    sql, params = queries.claims(order="worth", limit=100)
    assert "c.checkworthiness DESC NULLS LAST, a.published" in sql
    try:
        queries.claims(order="loudest")
    except ValueError as exc:
        assert "recent or worth" in str(exc)
    else:
        raise AssertionError("an unknown order must be refused")
    con = duckdb.connect()
    con.execute("CREATE TABLE articles (id VARCHAR, published DATE, source VARCHAR)")
    con.execute("CREATE TABLE claims (article_id VARCHAR, id VARCHAR, claimant_name VARCHAR, kind VARCHAR, "
                "checkworthiness DOUBLE, evidence_flags VARCHAR, evidence VARCHAR, text VARCHAR, start INT, "
                "\"end\" INT, quote VARCHAR)")
    con.execute("INSERT INTO articles VALUES ('a1', '2025-01-02', 'x'), ('a2', '2025-01-05', 'y')")
    con.execute("INSERT INTO claims VALUES ('a1','c1',NULL,'factual',0.95,NULL,NULL,'t',0,1,NULL), "
                "('a2','c1',NULL,'factual',0.40,NULL,NULL,'t',0,1,'q1'), "
                "('a2','c2',NULL,'factual',NULL,NULL,NULL,'t',2,3,NULL)")
    rows = con.execute(*queries.claims(order="worth", limit=10)).fetchall()
    assert [r[3] for r in rows] == [0.95, 0.40, None]
    assert [r[1] for r in rows] == ["(article)", "(unattributed quote)", "(article)"]
    rows = con.execute(*queries.claims(order="recent", limit=10)).fetchall()
    assert [str(r[0]) for r in rows][:2] == ["2025-01-05", "2025-01-05"]


def test_a_speakers_own_judgement_word_is_not_the_articles_flag() -> None:

    own = analyze("The candidate said on Tuesday that the charges against him were unsubstantiated and fabricated.")
    assert all(c.evidence is None for c in own.claims), [(c.evidence, c.why) for c in own.claims]
    framed = analyze("The candidate claimed, without evidence, that the election had been stolen from him.")
    assert any("without evidence" in (c.evidence or "") for c in framed.claims)
