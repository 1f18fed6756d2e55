"""The terminal report: header, then quotes grouped by speaker, then events and claims.

Statements only unless `all_attributions` (then beliefs, intentions, stances… too, each with its act and form);
a line counts what is hidden and names `--all-attributions`.

Every string from the article goes into `rich.text.Text` objects, never into markup strings, so words
like "[bold]" in a quote are printed as they are and never interpreted by Rich.
"""

from __future__ import annotations

import io

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.rule import Rule
from rich.text import Text

from newsledger.records import Analysis, Event, Quote
from newsledger.render.common import (
    ALL_ATTRIBUTIONS_FLAG,
    claim_facts,
    claim_words,
    count_label,
    counts_as_statement,
    counts_line,
    event_facts,
    event_headline,
    group_claims,
    group_quotes,
    hidden_summary,
    mention_as_written,
    quote_facts,
    quote_line,
    quote_words,
    shown_quotes,
    span_text,
    speaker_details,
)


def render_text(analysis: Analysis, all_attributions: bool = False) -> RenderableType:
    """The whole report as one Rich renderable, to print on any Console: statements only unless
    `all_attributions`."""
    shown = shown_quotes(analysis, all_attributions)
    shown_ids = {q.id for q in shown}
    parts: list[RenderableType] = [_header(analysis)]
    parts.extend(_quotes(analysis, shown))
    parts.extend(_events(analysis, shown_ids))
    parts.extend(_claims(analysis, shown_ids))
    return Group(*parts)


def text_report(analysis: Analysis, width: int = 100, color: bool = False, all_attributions: bool = False) -> str:
    """The report as a string (plain unless `color`), e.g. for tests and logs."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system="standard" if color else None)
    console.print(render_text(analysis, all_attributions))
    return buf.getvalue() if color else strip_trailing_spaces(buf.getvalue())


def strip_trailing_spaces(rendered: str) -> str:
    """Rich pads lines to the width of their block; in plain output those spaces are only noise."""
    return "\n".join(line.rstrip() for line in rendered.split("\n"))


def _header(analysis: Analysis) -> RenderableType:
    art = analysis.article
    body = Text()
    for label, value in (("source", art.source), ("published", art.published), ("url", art.url), ("id", art.id)):
        if value:
            body.append(f"{label}: ", style="dim")
            body.append(value)
            body.append("\n")
    body.append(counts_line(analysis), style="dim")
    title = Text(art.title or "(untitled)", style="bold")
    return Panel(body, title=title, title_align="left", border_style="blue")


def _quotes(analysis: Analysis, shown: list[Quote]) -> list[RenderableType]:
    groups = group_quotes(analysis, shown)
    statements = sum(1 for q in shown if counts_as_statement(q))
    others = len(shown) - statements
    title = f"Quotes by speaker ({statements}" + (f" + {others} other attributions)" if others else ")")
    out: list[RenderableType] = [Rule(Text(title, style="bold"))]
    if not groups:
        out.append(Text("No quotes found.", style="italic"))
    for group in groups:
        head = Text(group.name, style="bold cyan")
        details = speaker_details(group)
        if details:
            head.append(" — " + ", ".join(details), style="cyan")
        head.append(f"  ({count_label(group.quotes)})", style="dim")
        out.append(Text(""))
        out.append(head)
        for quote in group.quotes:
            line = _facts_line(Text(f"{quote.id} ", style="bold"), quote_facts(analysis, quote))
            written = mention_as_written(analysis, quote, group.name)
            if written:
                line.append(" · ", style="dim")
                line.append("as ", style="dim")
                line.append(written, style="italic")
            line.append(" · " + quote_line(analysis, quote), style="dim")
            # an attribution that is not a statement is shown dim, not in the statements' green
            words = Text(quote_words(analysis, quote), style="green" if counts_as_statement(quote) else "dim green")
            out.append(Padding(Group(line, Padding(words, (0, 0, 0, 3), expand=False)), (0, 0, 0, 2), expand=False))
    hidden = hidden_summary(analysis, shown)
    if hidden:
        out.append(Text(""))
        note = Text(f"{hidden}: ", style="dim italic")
        note.append(ALL_ATTRIBUTIONS_FLAG, style="bold")
        out.append(note)
    return out


def _facts_line(line: Text, facts: list[tuple[str, str]]) -> Text:
    """Append "label value · label value" to a line: a kind and an attribution (act · form) shown as their values
    alone, an evidence flag in red, the rest as dim label and plain value."""
    for j, (label, value) in enumerate(facts):
        if j:
            line.append(" · ", style="dim")
        if label == "kind":
            line.append(value, style="magenta")
            continue
        if label == "attribution":
            line.append(value, style="yellow")
            continue
        line.append(f"{label} ", style="dim")
        line.append(value, style="bold red" if label == "evidence" else "")
    return line


def _who(analysis: Analysis, who: object) -> str:
    name = getattr(who, "name", None)
    if name:
        return name
    return span_text(analysis.text, getattr(who, "mention", None)) or "?"


def _events(analysis: Analysis, shown_ids: set[str]) -> list[RenderableType]:
    out: list[RenderableType] = [Text(""), Rule(Text(f"Events ({len(analysis.events)})", style="bold"))]
    if not analysis.events:
        out.append(Text("No events found.", style="italic"))
        return out
    for event in analysis.events:
        out.append(_event_line(analysis, event, shown_ids))
    return out


def _event_line(analysis: Analysis, event: Event, shown_ids: set[str] | None = None) -> RenderableType:
    head = Text(f"{event.id} ", style="bold")
    head.append(event_headline(analysis, event), style="magenta" if event.modality == "asserted" else "dim")
    facts = _facts_line(Text(), event_facts(analysis, event, shown_ids))
    return Group(head, Padding(facts, (0, 0, 0, 3), expand=False))


def _claims(analysis: Analysis, shown_ids: set[str]) -> list[RenderableType]:
    out: list[RenderableType] = [Text(""), Rule(Text(f"Claims by claimant ({len(analysis.claims)})", style="bold"))]
    if not analysis.claims:
        out.append(Text("No claims found.", style="italic"))
        return out
    for name, claims in group_claims(analysis):
        out.append(Text(""))
        out.append(Text(name, style="bold cyan"))
        for claim in claims:
            line = _facts_line(Text(f"{claim.id} ", style="bold"), claim_facts(analysis, claim, shown_ids))
            words = Text(claim_words(analysis.text, claim), style="green")
            out.append(Padding(Group(line, Padding(words, (0, 0, 0, 3), expand=False)), (0, 0, 0, 2), expand=False))
    return out
