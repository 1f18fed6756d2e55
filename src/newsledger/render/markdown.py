"""The Markdown report: the same content as the terminal report, for notes, issues and web pages.

Article words are escaped for Markdown, so a quote containing `*` or `[` shows those characters
instead of turning into emphasis or links. Statements only unless `all_attributions`, as in the text report.
"""

from __future__ import annotations

import re

from newsledger.records import Analysis
from newsledger.render.common import (
    ALL_ATTRIBUTIONS_FLAG,
    LEGEND,
    claim_facts,
    claim_words,
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

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")  # inline syntax; line-start syntax never begins a line here


def md_escape(value: str) -> str:
    """Backslash-escape every character Markdown could read as syntax."""
    return _MD_SPECIAL.sub(r"\\\1", value)


def render_markdown(analysis: Analysis, all_attributions: bool = False) -> str:
    """The report as a Markdown document (ends with one newline): statements only unless `all_attributions`."""
    shown = shown_quotes(analysis, all_attributions)
    shown_ids = {q.id for q in shown}
    statements = sum(1 for q in shown if counts_as_statement(q))
    others = len(shown) - statements
    art = analysis.article
    lines = [f"# {md_escape(art.title or '(untitled)')}", ""]
    for label, value in (("Source", art.source), ("Published", art.published), ("URL", art.url)):
        if value:
            lines.append(f"- **{label}:** {md_escape(value)}")
    lines.append(f"- **ID:** `{art.id}`")
    lines.append(f"- {counts_line(analysis)}")
    title = f"Quotes by speaker ({statements}" + (f" + {others} other attributions)" if others else ")")
    lines += ["", f"## {title}", ""]
    groups = group_quotes(analysis, shown)
    if not groups:
        lines += ["_No quotes found._", ""]
    for group in groups:
        lines.append(f"### {md_escape(group.name)}")
        details = speaker_details(group)
        if details:
            lines += ["", "_" + md_escape(", ".join(details)) + "_"]
        lines.append("")
        for quote in group.quotes:
            facts = []
            for label, value in quote_facts(analysis, quote):
                if label == "kind":
                    facts.append(f"**{value}**")
                elif label == "attribution":
                    facts.append(f"_{md_escape(value)}_")
                else:
                    facts.append(f"{label} _{md_escape(value)}_")
            written = mention_as_written(analysis, quote, group.name)
            if written:
                facts.append(f"as _{md_escape(written)}_")
            facts.append(quote_line(analysis, quote))
            lines.append(f"- `{quote.id}` " + " · ".join(facts))
            lines.append(f"   > {md_escape(quote_words(analysis, quote))}")
            lines.append("")
    hidden = hidden_summary(analysis, shown)
    if hidden:
        lines += [f"_{md_escape(hidden)}: `{ALL_ATTRIBUTIONS_FLAG}`_", ""]
    lines += [f"## Events ({len(analysis.events)})", ""]
    if not analysis.events:
        lines += ["_No events found._", ""]
    for event in analysis.events:
        facts = "; ".join(f"{label}: {md_escape(value)}" for label, value in event_facts(analysis, event, shown_ids))
        lines.append(f"- `{event.id}` **{md_escape(event_headline(analysis, event))}**. {facts}")
    if analysis.events:
        lines.append("")
    lines += [f"## Claims ({len(analysis.claims)})", ""]
    if not analysis.claims:
        lines += ["_No claims found._", ""]
    for name, claims in group_claims(analysis):
        lines += [f"### {md_escape(name)}", ""]
        for claim in claims:
            facts = "; ".join(f"{label}: {md_escape(value)}"
                              for label, value in claim_facts(analysis, claim, shown_ids))
            lines.append(f"- `{claim.id}` {md_escape(claim_words(analysis.text, claim))} ({facts})")
        lines.append("")
    if analysis.claims:
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _name(analysis: Analysis, who: object) -> str:
    if who is None:
        return "?"
    name = getattr(who, "name", None)
    return name or span_text(analysis.text, getattr(who, "mention", None)) or "?"


def legend_markdown() -> str:
    """`render.common.LEGEND` as a Markdown table."""
    rows = ["## Legend", "", "| mark | meaning |", "| --- | --- |"]
    rows += [f"| {md_escape(mark).replace('|', '/')} | {md_escape(meaning).replace('|', '/')} |"
             for mark, meaning in LEGEND]
    return "\n".join(rows) + "\n"
