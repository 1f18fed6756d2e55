"""The command line: exit codes, one error line per failed item, parseable output, input order, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger.cli import app

EXAMPLE = "ceasefire_talks.txt"
ERROR_PREFIX = "newsledger: error: "
ENGLISH = (
    "The foreign minister said on Thursday that the talks would resume next week, and he told reporters "
    "that both delegations had agreed to a monitoring mission. “We are not there yet,” she said. "
    "Analysts were sceptical that either side was ready to compromise after eight months of fighting.\n"
)


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture()
def example(examples_dir: Path) -> Path:
    return examples_dir / EXAMPLE


def error_lines(stderr: str) -> list[str]:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert all(line.startswith(ERROR_PREFIX) for line in lines), stderr
    assert "Traceback" not in stderr
    return lines


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("newsledger 0.")
    assert "spacy 3.8" in result.stdout


def test_json_for_one_article(runner: CliRunner, example: Path) -> None:
    result = runner.invoke(app, ["analyze", str(example), "--published", "2025-11-13", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    assert data["schema"] == "newsledger/analysis/v1"
    assert data["text"] == example.read_text(encoding="utf-8")
    assert data["article"]["published"] == "2025-11-13"
    assert data["quotes"], "the example article has quotes"


def test_text_report(runner: CliRunner, example: Path) -> None:
    result = runner.invoke(app, ["analyze", str(example), "--title", "Geneva [bold]talks[/bold]", "--source", "Wire"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Geneva [bold]talks[/bold]" in out  # article strings are never read as Rich markup
    assert "source: Wire" in out
    assert "Quotes by speaker" in out
    assert "\x1b[" not in out  # no colour codes when stdout is not a terminal


def test_markdown_report(runner: CliRunner, example: Path) -> None:
    result = runner.invoke(app, ["analyze", str(example), "--format", "md", "--title", "Geneva_talks"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Geneva\\_talks\n")
    assert "## Quotes by speaker" in result.stdout and "## Events" in result.stdout


def test_stdin(runner: CliRunner) -> None:
    result = runner.invoke(app, ["analyze", "-", "--format", "jsonl"], input=ENGLISH)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["text"] == ENGLISH


def test_failed_items_exit_1_and_the_batch_goes_on(runner: CliRunner, example: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café".encode("latin-1"))
    missing = tmp_path / "missing.txt"
    args = ["analyze", str(empty), str(example), str(binary), str(latin), str(missing), "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    errors = error_lines(result.stderr)
    assert errors == [
        f"{ERROR_PREFIX}{empty}: empty (no text)",
        f"{ERROR_PREFIX}{binary}: binary (contains NUL bytes)",
        f"{ERROR_PREFIX}{latin}: invalid UTF-8 at byte 3 (not a UTF-8 text file?)",
        f"{ERROR_PREFIX}{missing}: no such file or directory",
    ]
    data = json.loads(result.stdout)  # several inputs: an array, of the one that worked
    assert isinstance(data, list) and len(data) == 1
    assert data[0]["text"] == example.read_text(encoding="utf-8")


def test_one_failed_item_prints_nothing_on_stdout(runner: CliRunner, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n")
    result = runner.invoke(app, ["analyze", str(empty), "--format", "json"])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert error_lines(result.stderr) == [f"{ERROR_PREFIX}{empty}: empty (no text)"]


def test_20_mb_text_through_the_cli(runner: CliRunner, tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_bytes(ENGLISH.encode() * (20_000_000 // len(ENGLISH) + 1))
    t0 = time.perf_counter()
    result = runner.invoke(app, ["analyze", str(huge)])
    assert time.perf_counter() - t0 < 10
    assert result.exit_code == 1
    [line] = error_lines(result.stderr)
    assert line.startswith(f"{ERROR_PREFIX}{huge}: too large")


def write_jsonl(path: Path) -> list[str]:
    rows = [
        {"id": "art-3", "text": "“We will not sign this,” the president said on X. " + ENGLISH, "title": "Third"},
        {"id": "art-1", "text": ENGLISH, "published": "2025-01-05"},
        "{this line is broken",
        {"id": "art-2", "text": "She told reporters that the vote would be held in May. " + ENGLISH},
        {"id": "no-text"},
    ]
    path.write_text(
        "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows) + "\n",
        encoding="utf-8",
    )
    return ["art-3", "art-1", "art-2"]


def test_jsonl_in_jsonl_out_in_input_order(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "batch.jsonl"
    ids = write_jsonl(src)
    result = runner.invoke(app, ["analyze", str(src), "--format", "jsonl", "--published", "2025-11-13"])
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"{ERROR_PREFIX}{src}:3: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        f'{ERROR_PREFIX}{src}:5: no "text" string',
    ]
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["article"]["id"] for o in out] == ids
    assert [o["article"]["published"] for o in out] == ["2025-11-13", "2025-01-05", "2025-11-13"]
    assert out[0]["article"]["title"] == "Third"


def test_jsonl_in_json_array_out(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "batch.jsonl"
    ids = write_jsonl(src)
    result = runner.invoke(app, ["analyze", str(src), "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["article"]["id"] for d in data] == ids
    ok = tmp_path / "ok.jsonl"
    ok.write_text(json.dumps({"id": "only", "text": ENGLISH}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(ok), "--format", "json"])
    assert result.exit_code == 0 and result.stderr == ""
    assert [d["article"]["id"] for d in json.loads(result.stdout)] == ["only"]  # a JSONL input: always an array


def test_unexpected_exception_is_one_line_and_the_batch_goes_on(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyze_module = sys.modules["newsledger.analyze"]
    real = analyze_module.analyze_parsed

    def flaky(article, doc):  # type: ignore[no-untyped-def]
        if article.id == "boom":
            raise RuntimeError("stage exploded\nwith a second line")
        return real(article, doc)

    monkeypatch.setattr(analyze_module, "analyze_parsed", flaky)
    src = tmp_path / "b.jsonl"
    rows = [{"id": i, "text": f"Item {i}. " + ENGLISH} for i in ("a", "boom", "c")]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(src), "--format", "jsonl"])
    assert result.exit_code == 1
    assert error_lines(result.stderr) == [
        f"{ERROR_PREFIX}{src}:2: internal error (RuntimeError: stage exploded with a second line)"
    ]
    assert [json.loads(x)["article"]["id"] for x in result.stdout.splitlines()] == ["a", "c"]


def test_usage_errors_exit_2(runner: CliRunner, example: Path) -> None:
    for args in (
        ["analyze", str(example), "--published", "13/11/2025"],
        ["analyze", str(example), "--format", "xml"],
        ["analyze"],
        ["analyze", "-", "-"],
        ["no-such-command"],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert "Traceback" not in result.output


def test_progress_bar_when_asked(runner: CliRunner, tmp_path: Path) -> None:
    src = tmp_path / "batch.jsonl"
    src.write_text("".join(json.dumps({"id": str(i), "text": ENGLISH}) + "\n" for i in range(3)), encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(src), "--format", "jsonl", "--progress"])
    assert result.exit_code == 0, result.output
    assert "articles/s" in result.stderr and "3/3" in result.stderr
    assert len(result.stdout.splitlines()) == 3  # the bar never mixes into stdout
    quiet = runner.invoke(app, ["analyze", str(src), "--format", "jsonl"])
    assert quiet.stderr == ""  # stderr is not a terminal here: no bar unless asked


def test_installed_entry_point(repo_root: Path, example: Path, tmp_path: Path) -> None:
    """The real `newsledger` script, in its own process: exit codes and stderr exactly as a user sees them."""
    exe = Path(sys.executable).parent / "newsledger"
    if not exe.exists():
        pytest.fail(f"{exe} missing: install the package (`make venv`)")
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 4)
    src = tmp_path / "batch.jsonl"
    write_jsonl(src)
    proc = subprocess.run(
        [str(exe), "analyze", str(example), str(blob), str(src), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=repo_root,
    )
    assert proc.returncode == 1, proc.stderr
    errors = error_lines(proc.stderr)
    assert [e.split(": ")[2] for e in errors] == [str(blob), f"{src}:3", f"{src}:5"]
    ids = [json.loads(line)["article"]["id"] for line in proc.stdout.splitlines()]
    assert ids[1:] == ["art-3", "art-1", "art-2"]
    ok = subprocess.run(
        [str(exe), "analyze", str(example), "--format", "json"], capture_output=True, text=True, timeout=300
    )
    assert ok.returncode == 0, ok.stderr
    assert ok.stderr == ""
    assert json.loads(ok.stdout)["schema"] == "newsledger/analysis/v1"


def test_reports_group_quotes_by_speaker() -> None:
    """The text and Markdown reports, on a hand-made analysis: grouping, details and words sliced by span."""
    from newsledger.article import Article
    from newsledger.records import Analysis, Entity, Quote, Who
    from newsledger.render import render_markdown, text_report

    text = (
        "Pavel Orlan, Kestovia's foreign minister, said on X that the talks had failed.\n\n"
        "“Our families have waited,” he told reporters. “They will not wait [any longer].”\n\n"
        "“Nobody wins,” an observer said."
    )

    def at(s: str, nth: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(nth + 1):
            i = text.index(s, i + 1)
        return (i, i + len(s))

    orlan = Entity(
        "e1",
        "Pavel Orlan",
        "PERSON",
        [at("Pavel Orlan"), at("he")],
        role="foreign minister",
        organization="Kestovian government",
        country="KST",
    )
    quotes = [
        Quote(
            "q2",
            "direct",
            [at("Our families have waited"), at("They will not wait [any longer].")],
            at("told"),
            Who("e1", "Pavel Orlan", at("he ")[:1] + (at("he ")[0] + 2,)),
            addressee="reporters",
        ),
        Quote(
            "q1",
            "indirect",
            [at("the talks had failed")],
            at("said"),
            Who("e1", "Pavel Orlan", at("Pavel Orlan")),
            medium="X",
        ),
        Quote("q3", "direct", [at("Nobody wins")], at("said", 1), Who(None, None, None)),
    ]
    analysis = Analysis(article=Article(text, title="Talks *fail*"), entities=[orlan], quotes=quotes)

    report = text_report(analysis, width=200)
    assert "Pavel Orlan — foreign minister, Kestovian government, KST  (2 quotes)" in report
    assert "Unattributed  (1 quote)" in report
    assert report.index("the talks had failed") < report.index("Our families")  # text order within a speaker
    assert "Our families have waited … They will not wait [any longer]." in report  # not read as markup
    assert "indirect · cue said · via X" in report
    assert "direct · cue told · to reporters · as he" in report
    assert "No events found." in report and "No claims found." in report

    md = render_markdown(analysis)
    assert md.startswith("# Talks \\*fail\\*\n")
    assert "### Pavel Orlan" in md and "_foreign minister, Kestovian government, KST_" in md
    assert "   > Our families have waited … They will not wait \\[any longer\\]." in md


# ---- statements and the other attributions ------------------------------------------------------------------
ILVES = (
    "Mara Ilves, Kestovia's health minister, said on Monday that the clinic would reopen in June.\n\n"
    "Ilves believes the outbreak is over. She plans to visit the border towns next week.\n\n"
    "“We have done our part,” Ilves told reporters. She did not say when the quarantine would end.\n"
)


def attributions_analysis():  # type: ignore[no-untyped-def]
    """Hand-made (the extractor is not asked): two statements, a belief, an intention and a negated attribution;
    an event reported by the intention and a claim from the belief."""
    from newsledger.article import Article
    from newsledger.records import Analysis, Claim, Entity, Event, Quote, Who

    def at(s: str, nth: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(nth + 1):
            i = ILVES.index(s, i + 1)
        return (i, i + len(s))

    def ilves(mention: tuple[int, int]) -> Who:
        return Who("e1", "Mara Ilves", mention)

    quotes = [
        Quote("q1", "indirect", [at("the clinic would reopen in June")], at("said"), ilves(at("Mara Ilves"))),
        Quote("q2", "indirect", [at("the outbreak is over")], at("believes"), ilves(at("Ilves", 1)),
              act="thought", form="clause", statement=False),
        Quote("q3", "indirect", [at("to visit the border towns next week")], at("plans"), ilves(at("She")),
              act="intention", form="clause", statement=False),
        Quote("q4", "direct", [at("We have done our part")], at("told"), ilves(at("Ilves", 2)),
              addressee="reporters", act="speech", form="quotation"),
        Quote("q5", "indirect", [at("when the quarantine would end")], at("did not say"), ilves(at("She", 1)),
              act="speech", form="clause", modality="negated", statement=False),
    ]
    return Analysis(
        article=Article(ILVES, title="Clinic to reopen", id="ilves"),
        entities=[Entity("e1", "Mara Ilves", "PERSON", [at("Mara Ilves"), at("Ilves", 1), at("She")],
                         role="health minister", gender="female")],
        quotes=quotes,
        events=[Event("ev1", "CONSULT", at("visit"), ilves(at("She")), None, modality="future", reported_by="q3")],
        claims=[Claim("c1", at("the outbreak is over"), ilves(at("Ilves", 1)), "factual", quote="q2")],
    )


HIDDEN_LINE = "3 more attributions (beliefs, intentions, negated attributions) hidden: --all-attributions"


def test_reports_show_statements_and_count_the_rest() -> None:
    from newsledger.render import render_markdown, text_report

    analysis = attributions_analysis()
    report = text_report(analysis, width=200)
    assert "the clinic would reopen in June" in report and "We have done our part" in report
    quotes_part = report[report.index("Quotes by speaker"):report.index("Events (")]
    for hidden in ("to visit the border towns", "when the quarantine would end", "the outbreak is over"):
        assert hidden not in quotes_part
    assert "Quotes by speaker (2)" in report and "(2 quotes)" in report
    assert HIDDEN_LINE in report
    assert "2 quotes · 3 other attributions" in report  # the header counts everything
    # an event and a claim from hidden attributions say what they come from, and that it is hidden
    assert "in intention q3 (hidden: --all-attributions)" in report
    assert "in belief q2 (hidden: --all-attributions)" in report
    assert "the outbreak is over" in report[report.index("Claims by claimant"):]  # the claim itself stays

    md = render_markdown(analysis)
    assert "## Quotes by speaker (2)" in md
    assert "_3 more attributions (beliefs, intentions, negated attributions) hidden: `--all-attributions`_" in md
    assert "to visit the border towns" not in md[md.index("## Quotes"):md.index("## Events")]
    assert "in belief: q2 (hidden: --all-attributions)" in md


def test_reports_with_all_attributions_say_what_each_one_is() -> None:
    from newsledger.render import render_markdown, text_report

    analysis = attributions_analysis()
    report = text_report(analysis, width=200, all_attributions=True)
    assert "Quotes by speaker (2 + 3 other attributions)" in report
    assert "(2 quotes, 3 other attributions)" in report
    assert "indirect · thought · clause · cue believes" in report
    assert "indirect · intention · clause · cue plans" in report
    assert "indirect · speech · clause · negated · cue did not say" in report
    assert "indirect · cue said" in report  # a statement gets no attribution label
    assert "hidden" not in report and "--all-attributions" not in report
    assert "in intention q3" in report and "in belief q2" in report

    md = render_markdown(analysis, all_attributions=True)
    assert "**indirect** · _thought · clause_ · cue _believes_" in md
    assert "**indirect** · _speech · clause · negated_ · cue _did not say_" in md
    assert "   > when the quarantine would end" in md
    assert "hidden" not in md


@pytest.fixture()
def fake_extraction(monkeypatch: pytest.MonkeyPatch) -> None:
    """`newsledger analyze` on ILVES gives the hand-made analysis, whatever the extractor does today."""
    analyze_module = sys.modules["newsledger.analyze"]

    def fake(article, doc, *args):  # type: ignore[no-untyped-def]
        made = attributions_analysis()
        made.article = article
        return made

    monkeypatch.setattr(analyze_module, "analyze_parsed", fake)


@pytest.mark.usefixtures("fake_extraction")
def test_analyze_hides_attributions_unless_asked(runner: CliRunner) -> None:
    text = runner.invoke(app, ["analyze", "-"], input=ILVES)
    assert text.exit_code == 0, text.output
    assert HIDDEN_LINE in " ".join(text.stdout.split())  # the line may wrap at 80 columns
    assert "thought · clause" not in text.stdout

    shown = runner.invoke(app, ["analyze", "-", "--all-attributions"], input=ILVES)
    assert shown.exit_code == 0, shown.output
    assert "thought · clause" in shown.stdout and "intention · clause" in shown.stdout
    assert "negated" in shown.stdout and "hidden" not in shown.stdout

    md = runner.invoke(app, ["analyze", "-", "--format", "md"], input=ILVES)
    assert "`--all-attributions`" in md.stdout and "_thought · clause_" not in md.stdout
    md_all = runner.invoke(app, ["analyze", "-", "--format", "md", "--all-attributions"], input=ILVES)
    assert "_thought · clause_" in md_all.stdout and "`--all-attributions`" not in md_all.stdout


@pytest.mark.usefixtures("fake_extraction")
def test_json_and_jsonl_keep_every_attribution(runner: CliRunner) -> None:
    for fmt in ("json", "jsonl"):
        for extra in ([], ["--all-attributions"]):
            result = runner.invoke(app, ["analyze", "-", "--format", fmt, *extra], input=ILVES)
            assert result.exit_code == 0, result.output
            data = json.loads(result.stdout)
            quotes = {q["id"]: q for q in data["quotes"]}
            assert list(quotes) == ["q1", "q2", "q3", "q4", "q5"]
            assert [q["statement"] for q in quotes.values()] == [True, False, False, True, False]
            assert quotes["q2"]["act"] == "thought" and quotes["q5"]["modality"] == "negated"
            assert quotes["q4"]["form"] == "quotation" and quotes["q1"]["nested_in"] is None
            assert data["entities"][0]["gender"] == "female"
