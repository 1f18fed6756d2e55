"""Reports can be cross-checked: every record shows its id and line, every mark is in the legend, and the title
is taken the same way in the text report, the JSON and the ledger."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from newsledger.analyze import analyze
from newsledger.cli import app
from newsledger.render.common import LEGEND, render_legend
from newsledger.render.markdown import legend_markdown, render_markdown
from newsledger.render.text import text_report

ROOT = Path(__file__).resolve().parents[1]
STORY = (
    "Farmers Block Motorway As Subsidy Talks Collapse.\n\n"
    "Hundreds of tractors blocked the A4 motorway near Dunmore on Tuesday after talks on farm subsidies broke "
    "down.\n\n"
    "\"We will stay until the ministry pays what it promised,\" said Orla Quinn, who leads the farmers' union. "
    "\"The payments are six months late.\"\n\n"
    "Agriculture minister Tomas Brady said the money would be paid by the end of the month.\n\n"
    "Police said they had arrested four protesters."
)


def test_every_record_in_the_report_shows_its_id_and_line() -> None:
    analysis = analyze(STORY, published="2025-04-01")
    report = text_report(analysis, width=160)
    text_lines = STORY.split("\n")
    for quote in analysis.quotes:
        line = STORY.count("\n", 0, quote.content[0][0]) + 1
        assert re.search(rf"\b{quote.id} \w+ [^\n]*· line {line}\b", report), (quote.id, line)
        assert text_lines[line - 1]  # the line it names is a line of words
    for event in analysis.events:
        assert f"{event.id} " in report
    for claim in analysis.claims:
        assert re.search(rf"\b{claim.id} \w+ · line \d+", report), claim.id
    md = render_markdown(analysis)
    for record in [*analysis.quotes, *analysis.events, *analysis.claims]:
        assert f"`{record.id}`" in md


def test_every_mark_of_the_report_is_in_the_legend() -> None:
    marks = " ".join(mark for mark, _ in LEGEND)
    for needed in ["line", "cue", "as", "–", "?", "intensity", "Goldstein", "check-worthiness", "why", "modality",
                   "evidence", "to / via"]:
        assert needed in marks, needed
    assert render_legend().count("\n") == len(LEGEND) + 1
    assert legend_markdown().count("\n| ") == len(LEGEND) + 2  # header, rule and one row per mark
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for mark, _ in LEGEND:  # the README's legend table lists the same marks
        assert f"| `{mark}` |" in readme, mark


def test_legend_flag_for_reports_and_a_usage_error_for_json(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(app, ["analyze", str(path), "--legend"])
    assert out.exit_code == 0 and "Legend" in out.stdout and "Goldstein" in out.stdout
    out = runner.invoke(app, ["analyze", str(path), "--format", "md", "--legend"])
    assert out.exit_code == 0 and "| mark | meaning |" in out.stdout
    assert runner.invoke(app, ["analyze", str(path), "--format", "json", "--legend"]).exit_code == 2


def test_first_line_headline_is_the_title_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text(STORY, encoding="utf-8")
    runner = CliRunner()
    title = "Farmers Block Motorway As Subsidy Talks Collapse."
    as_json = json.loads(runner.invoke(app, ["analyze", str(path), "--format", "json"]).stdout)
    assert as_json["article"]["title"] == title
    assert title in runner.invoke(app, ["analyze", str(path)], env={"COLUMNS": "120"}).stdout
    db = tmp_path / "l.duckdb"
    assert runner.invoke(app, ["ingest", str(path), "--db", str(db), "--no-progress"]).exit_code == 0
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT title FROM articles").fetchone()[0] == title


def test_a_story_opening_with_a_sentence_gets_no_made_up_title() -> None:
    body = STORY.split("\n\n", 1)[1] + "\n\nThe talks resume next week."
    assert analyze(body, published="2025-04-01").article.title is None
    assert analyze(STORY, title="Given title", published="2025-04-01").article.title == "Given title"


def test_a_first_sentence_is_not_taken_for_a_headline() -> None:
    body = ("The mayor spoke to reporters on Tuesday in the city hall.\n\nShe said the budget was fixed.\n\n"
            "The council will vote next week.\n\nThe opposition said it would abstain.")
    assert analyze(body, published="2025-04-01").article.title is None


def test_the_legend_gives_the_shipped_worth_bar() -> None:
    from newsledger.claims.ranking import worth_bar

    meaning = dict(LEGEND)["check-worthiness"]
    assert f"{worth_bar():.2f} and up: worth checking" in meaning  # refit the ranker: update the legend and README
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{worth_bar():.2f} and up: worth checking" in readme


def test_a_long_headline_or_one_over_a_dateline_is_the_title() -> None:
    long_caps = ("Harbour Tunnel Costs Double After Council Approves Seven New Contracts Without Any Public "
                 "Tender.\n\nThe council approved the contracts on Monday.\n\nThe mayor defended the decision.")
    assert analyze(long_caps).article.title.startswith("Harbour Tunnel Costs Double")
    over_dateline = ("Ferry strike spreads to three more ports in the south.\n\nMARSEILLE, June 3 (Reuters) — Dock "
                     "workers walked out on Tuesday.\n\nThe union said talks had failed.")
    assert analyze(over_dateline).article.title == "Ferry strike spreads to three more ports in the south."
