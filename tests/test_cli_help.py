"""Help reads like a Unix tool's: no Python type names, flags without a value, paragraphs re-flowed."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from newsledger.cli import app

COMMANDS = [[], ["analyze"], ["version"], ["ingest"], ["quotes"], ["events"], ["actors"], ["claims"], ["dyad"],
            ["export"], ["spark"], ["serve"], ["eval"], ["eval", "claims"], ["corpus"], ["corpus", "rebuild"]]
PYTHON_TYPES = re.compile(r"<(str|bool|int|float|path|list\[[^\]]*\]|int range|float range)>")


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "top")
def test_help_shows_no_python_types(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert not PYTHON_TYPES.search(result.output), PYTHON_TYPES.search(result.output).group(0)


def test_values_and_flags_read_plainly() -> None:
    out = CliRunner().invoke(app, ["ingest", "--help"], env={"COLUMNS": "120"}).output
    assert re.search(r"--workers\s+-w\s+N\b", out)
    assert re.search(r"--db\s+PATH\b", out)
    assert re.search(r"--date-from-name\s{3,}take", out)  # a flag: no value shown between it and its help
    assert "sources..." in out


def test_a_paragraph_wrapped_in_the_source_reflows() -> None:
    out = CliRunner().invoke(app, ["analyze", "--help"], env={"COLUMNS": "200"}).output
    flat = " ".join(out.split())
    # in the docstring these words straddle a source line break; re-flowed, they sit on one terminal line
    assert any("archives (one article per HTML response)" in line for line in out.splitlines()), flat[:400]
