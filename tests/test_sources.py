"""Who gets quoted (`newsledger sources`, `/api/sources`, `/sources`): shares of statements by gender, sector and
party, per outlet and per ISO week, counted exactly on a small hand-made ledger whose speakers are known: a woman, a
man, a person of unknown gender, a group, a statement with nobody named, and a belief that is no statement."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsledger.article import Article
from newsledger.cli import app
from newsledger.records import Analysis, Entity, Quote, Who
from newsledger.store.corpus import rebuild_corpus
from newsledger.store.ledger import Ledger
from newsledger.store.sources import Filters, sources
from newsledger.web.app import create_app
from test_web import NO_BROWSER, _page, _uvicorn

# (id, outlet, published, text, [(speaker key or None, quoted words, statement?)])
PEOPLE = {  # key: (name, type, gender, actor code, organisation, country)
    "ana": ("Ana Ruiz", "PERSON", "female", "ESPGOV", None, "ESP"),
    "ben": ("Ben Ode", "PERSON", "male", "USALEG", "Republican", "USA"),
    "kim": ("Kim Lee", "PERSON", "unknown", None, None, None),
    "officials": ("officials", "GROUP", None, "USAGOV", None, "USA"),
    "mia": ("Mia Cole", "PERSON", "female", "AUSGOV", "Labor", "AUS"),
}
ARTICLES = [
    ("art-a", "Harbour Post", "2025-06-02",
     "Ana Ruiz said the port would reopen. Ana Ruiz said the cranes were fixed. Ben Ode said the budget was late. "
     "Ana Ruiz believes the strike is over.",
     [("ana", "the port would reopen", True), ("ana", "the cranes were fixed", True),
      ("ben", "the budget was late", True), ("ana", "the strike is over", False)]),
    ("art-b", "Harbour Post", "2025-06-10",
     "Kim Lee said the ferry was cancelled. Officials said the bridge was safe. The tunnel will close, it was "
     "announced.",
     [("kim", "the ferry was cancelled", True), ("officials", "the bridge was safe", True),
      (None, "The tunnel will close", True)]),
    ("art-c", "Dock Daily", "2025-06-03",
     "Ben Ode said taxes would rise. Ben Ode said the mayor was wrong. Ana Ruiz said the port was busy.",
     [("ben", "taxes would rise", True), ("ben", "the mayor was wrong", True), ("ana", "the port was busy", True)]),
    ("art-d", "Dock Daily", None, "Mia Cole said the harbour was clean.",
     [("mia", "the harbour was clean", True)]),
]
ORGANISATION = {("art-c", "ben"): "GOP", ("art-c", "ana"): "Labor"}
"""Per-article organisations other than the person's usual: "GOP" names the Republican Party; "Labor" names
Australia's and Israel's Labor parties, so for a Spanish speaker it names none."""


def _analysis(aid: str, outlet: str, published: str | None, text: str,
              said: list[tuple[str | None, str, bool]]) -> Analysis:
    entities: dict[str, Entity] = {}
    quotes = []
    for n, (key, words, statement) in enumerate(said, 1):
        start = text.index(words)
        who = Who(None, None, None)
        if key is not None:
            name, etype, gender, actor, org, country = PEOPLE[key]
            eid = f"e{list(PEOPLE).index(key)}"
            at = text.index(name if key != "officials" else "Officials")
            if key not in entities:
                entities[key] = Entity(eid, name, etype, [(at, at + len(name))], role=None,
                                       organization=ORGANISATION.get((aid, key), org), country=country,
                                       actor=actor, gender=gender)
            who = Who(eid, name, (at, at + len(name)), actor)
        quotes.append(Quote(f"q{n}", "indirect", [(start, start + len(words))], None, who,
                            act="speech" if statement else "thought", statement=statement))
    return Analysis(article=Article(text, id=aid, title=aid, published=published, source=outlet),
                    entities=list(entities.values()), quotes=quotes)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("sources") / "ledger.duckdb"
    with Ledger(path) as ledger:
        ledger.add_analyses([(_analysis(*art), f"{art[0]}.txt") for art in ARTICLES])
        rebuild_corpus(ledger)
    return path


def _run(db: Path, *args: str) -> dict:
    result = CliRunner().invoke(app, ["sources", "--db", str(db), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _counts(found: dict) -> dict[str, dict[str, int]]:
    return {bar["bar"]: bar["counts"] for bar in found["bars"]}


# ---- counts and shares ----------------------------------------------------------------------------------------
def test_gender_per_outlet_counts_every_statement_once(db: Path) -> None:
    found = _run(db)
    assert found["categories"] == ["female", "male", "unknown", "not a person"]
    assert found["total"] == 10  # the belief is no statement
    assert _counts(found) == {
        "Dock Daily": {"female": 2, "male": 2, "unknown": 0, "not a person": 0},
        "Harbour Post": {"female": 2, "male": 1, "unknown": 2, "not a person": 1},
    }
    harbour = found["bars"][1]
    assert harbour["total"] == 6
    assert harbour["shares"] == pytest.approx({"female": 2 / 6, "male": 1 / 6, "unknown": 2 / 6,
                                               "not a person": 1 / 6})
    assert found["overall"]["counts"] == {"female": 4, "male": 3, "unknown": 2, "not a person": 1}
    assert found["overall"]["shares"] == pytest.approx({"female": 0.4, "male": 0.3, "unknown": 0.2,
                                                        "not a person": 0.1})
    for bar in [*found["bars"], found["overall"]]:
        assert sum(bar["shares"].values()) == pytest.approx(1.0)


def test_unknown_gender_stays_in_the_denominator(db: Path) -> None:
    found = _run(db, "--per", "none", "--people", "10")
    people = {(p["name"], p["category"]): p["statements"] for p in found["overall"]["people"]}
    assert people[("Kim Lee", "unknown")] == 1  # a person of unknown gender
    assert people[("(no speaker)", "unknown")] == 1  # nobody named
    assert people[("officials", "not a person")] == 1
    assert found["bars"][0]["total"] == found["total"] == 10


def test_per_iso_week_with_the_undated_last(db: Path) -> None:
    found = _run(db, "--per", "week")
    assert [bar["bar"] for bar in found["bars"]] == ["2025-W23", "2025-W24", "undated"]
    assert _counts(found)["2025-W23"] == {"female": 3, "male": 3, "unknown": 0, "not a person": 0}
    assert _counts(found)["2025-W24"] == {"female": 0, "male": 0, "unknown": 2, "not a person": 1}
    assert _counts(found)["undated"] == {"female": 1, "male": 0, "unknown": 0, "not a person": 0}


def test_sector_from_the_actor_code(db: Path) -> None:
    found = _run(db, "--by", "sector", "--per", "none")
    assert found["categories"] == ["GOV", "LEG", "unknown"]
    assert found["overall"]["counts"] == {"GOV": 5, "LEG": 3, "unknown": 2}


def test_party_only_where_the_article_ties_the_speaker_to_one(db: Path) -> None:
    found = _run(db, "--by", "party", "--per", "outlet")
    assert found["overall"]["counts"] == {"Republican Party": 3, "Australian Labor Party": 1, "unknown": 6}
    # "Labor" said of a Spanish minister names no party of hers: unknown, not a guess
    assert _counts(found)["Dock Daily"] == {"Republican Party": 2, "Australian Labor Party": 1, "unknown": 1}


def test_filters_outlet_and_dates(db: Path) -> None:
    found = _run(db, "--outlet", "dock daily")
    assert [bar["bar"] for bar in found["bars"]] == ["Dock Daily"] and found["total"] == 4
    result = CliRunner().invoke(app, ["sources", "--db", str(db), "--format", "json", "--outlet", "Dock Daily",
                                      "--since", "2025-06-01", "--until", "2025-06-05"])
    assert result.exit_code == 0, result.output
    dated = json.loads(result.stdout)
    assert dated["total"] == 3 and dated["left_out_undated"] == 1
    assert "1 statements left out" in result.stderr
    assert _run(db, "--until", "2025-06-02")["total"] == 3


def test_people_behind_each_bar_link_to_their_sentences(db: Path) -> None:
    found = _run(db, "--people", "2")
    assert [(p["name"], p["category"], p["statements"]) for p in found["overall"]["people"]] == \
        [("Ana Ruiz", "female", 3), ("Ben Ode", "male", 3)]
    harbour = {p["name"]: p for p in found["bars"][1]["people"]}
    assert set(harbour) == {"Ana Ruiz", "(no speaker)"}  # Ana 2, then the first by name of those with 1
    ana = harbour["Ana Ruiz"]
    text = ARTICLES[0][3]
    assert [(link["article_id"], link["quote_id"]) for link in ana["links"]] == [("art-a", "q1"), ("art-a", "q2")]
    for link in ana["links"]:
        assert link["href"] == f"/article/art-a#span-{link['start']}-{link['end']}"
        assert text[link["start"]:link["end"]] in {"the port would reopen", "the cranes were fixed"}


def test_the_store_function_matches_the_command(db: Path) -> None:
    with Ledger(db, read_only=True) as ledger:
        direct = sources(ledger, "gender", "outlet", Filters(), people=5)
    assert json.loads(json.dumps(direct)) == _run(db)


# ---- the command's output and errors ----------------------------------------------------------------------
def test_table_and_csv(db: Path) -> None:
    table = CliRunner().invoke(app, ["sources", "--db", str(db)], env={"COLUMNS": "160"})
    assert table.exit_code == 0, table.output
    assert "Harbour Post" in table.stdout and "33.3% (2)" in table.stdout and "not a person" in table.stdout
    assert "Ana Ruiz (female, 2)" in table.stdout
    rows = list(csv.DictReader(io.StringIO(CliRunner().invoke(
        app, ["sources", "--db", str(db), "--format", "csv", "--per", "none"]).stdout)))
    assert [(r["bar"], r["category"], r["statements"], r["share"]) for r in rows] == [
        ("all", "female", "4", "0.4000"), ("all", "male", "3", "0.3000"), ("all", "unknown", "2", "0.2000"),
        ("all", "not a person", "1", "0.1000")]


@pytest.mark.parametrize("args", [["--by", "colour"], ["--per", "month"], ["--since", "2025-13-01"],
                                  ["--until", "20250601"], ["--people", "-1"],
                                  ["--since", "2025-06-05", "--until", "2025-06-01"]], ids=" ".join)
def test_a_bad_value_is_a_usage_error(db: Path, args: list[str]) -> None:
    result = CliRunner().invoke(app, ["sources", "--db", str(db), *args])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_an_empty_ledger_and_an_unknown_outlet_say_so(tmp_path: Path, db: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    with Ledger(empty):
        pass
    result = CliRunner().invoke(app, ["sources", "--db", str(empty)])
    assert result.exit_code == 0 and "no statements in" in result.stderr
    result = CliRunner().invoke(app, ["sources", "--db", str(db), "--outlet", "Wire X"])
    assert result.exit_code == 0 and "Dock Daily, Harbour Post" in result.stderr
    missing = CliRunner().invoke(app, ["sources", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "no such ledger" in missing.stderr


# ---- the web: /api/sources and /sources -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(create_app(db, None))


def test_the_json_endpoint_gives_the_command_s_figures(client: TestClient, db: Path) -> None:
    r = client.get("/api/sources", params={"by": "gender", "per": "week"})
    assert r.status_code == 200, r.text
    found = r.json()
    assert found["outlets"] == ["Dock Daily", "Harbour Post"]
    del found["outlets"]
    assert found == _run(db, "--per", "week")
    assert client.get("/api/sources", params={"per": "none", "by": "sector"}).json()["overall"]["counts"] == \
        {"GOV": 5, "LEG": 3, "unknown": 2}
    outlet = client.get("/api/sources", params={"outlet": "Harbour Post", "since": "2025-06-09"}).json()
    assert outlet["total"] == 3 and outlet["left_out_undated"] == 0


@pytest.mark.parametrize("params", [{"by": "colour"}, {"per": "fortnight"}, {"since": "2025-02-30"},
                                    {"until": "2025-W23-1"}, {"people": "-1"},
                                    {"since": "2025-06-05", "until": "2025-06-01"}], ids=str)
def test_the_json_endpoint_refuses_bad_values(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/api/sources", params=params)
    assert r.status_code in (400, 422), r.text
    assert set(r.json()) == {"error"}


def test_the_page_is_a_csp_clean_shell_in_the_nav(client: TestClient) -> None:
    page = client.get("/sources")
    assert page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    assert '<script src="/static/sources.js" defer>' in page.text
    assert re.search(r'<a href="/sources" aria-current="page">Sources</a>', page.text)
    assert '<a href="/sources">Sources</a>' in client.get("/dyad").text  # every page's nav links to it
    assert client.get("/static/sources.js").status_code == 200


@pytest.mark.browser
@pytest.mark.skipif(NO_BROWSER, reason="/usr/bin/chromium is missing (apt-get install chromium)")
def test_the_chart_draws_stacked_bars_a_legend_and_the_people(db: Path) -> None:
    problems: list[str] = []
    with _uvicorn(db) as url, _page() as page:
        page.on("pageerror", lambda e: problems.append(str(e)))
        page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
        page.goto(url + "/sources?per=outlet&by=gender&people=3")
        page.wait_for_selector("svg.chart.sources g.stack rect.bar")
        # two outlets and the whole: three stacks; Harbour Post has all four categories, Dock Daily two
        stacks = page.locator("svg.chart.sources g.stack")
        assert stacks.count() == 3
        harbour = page.locator('rect.bar[data-bar="Harbour Post"]')
        assert sorted(harbour.evaluate_all("els => els.map(e => e.dataset.category)")) == \
            ["female", "male", "not a person", "unknown"]
        heights = harbour.evaluate_all("els => els.map(e => e.getBBox().height)")
        assert heights[0] == pytest.approx(2 * heights[1], rel=0.01)  # female 2/6, male 1/6
        assert page.locator('rect.bar[data-bar="Dock Daily"]').count() == 2
        legend = page.locator("svg.chart.sources g.legend text").all_text_contents()
        assert legend == ["female (40.0%)", "male (30.0%)", "unknown (20.0%)", "not a person (10.0%)"]
        # under the chart: the people behind each bar, each statement one click from its words
        section = page.locator('section.bar-people[data-bar="Harbour Post"]')
        assert "Ana Ruiz · female · 2 statements" in section.text_content()
        section.locator("a.statement-link").first.click()
        page.wait_for_selector("#article .seg.target")
        assert "the port would reopen" in page.text_content("#article .seg.target")
        page.goto(url + "/sources?per=week&by=party")
        page.wait_for_selector("svg.chart.sources g.stack")
        assert page.locator("svg.chart.sources g.stack").count() == 4  # 2 weeks, undated, all
        assert "Republican Party" in " ".join(page.locator("svg.chart.sources g.legend text").all_text_contents())
    assert not problems, problems
