"""The Markdown report: the same content as the terminal report, for notes, issues and web pages.

Article words are escaped for Markdown, so a quote containing `*` or `[` shows those characters
instead of turning into emphasis or links.
"""

from __future__ import annotations

import re

from newsledger.records import Analysis
from newsledger.render.common import (
    claim_facts,
    event_facts,
    event_headline,
    group_claims,
    group_quotes,
    mention_as_written,
    quote_facts,
    quote_words,
    span_text,
    speaker_details,
)

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")  # inline syntax; line-start syntax never begins a line here


def md_escape(value: str) -> str:
    """Backslash-escape every character Markdown could read as syntax."""
    return _MD_SPECIAL.sub(r"\\\1", value)


def render_markdown(analysis: Analysis) -> str:
    """The report as a Markdown document (ends with one newline)."""
    art = analysis.article
    lines = [f"# {md_escape(art.title or '(untitled)')}", ""]
    for label, value in (("Source", art.source), ("Published", art.published), ("URL", art.url)):
        if value:
            lines.append(f"- **{label}:** {md_escape(value)}")
    lines.append(f"- **ID:** `{art.id}`")
    lines.append(
        f"- {len(analysis.paragraphs)} paragraphs · {len(analysis.headings)} headings · "
        f"{len(analysis.entities)} entities · {len(analysis.quotes)} quotes · "
        f"{len(analysis.events)} events · {len(analysis.claims)} claims"
    )
    lines += ["", f"## Quotes by speaker ({len(analysis.quotes)})", ""]
    groups = group_quotes(analysis)
    if not groups:
        lines += ["_No quotes found._", ""]
    for group in groups:
        lines.append(f"### {md_escape(group.name)}")
        details = speaker_details(group)
        if details:
            lines += ["", "_" + md_escape(", ".join(details)) + "_"]
        lines.append("")
        for i, quote in enumerate(group.quotes, 1):
            facts = []
            for label, value in quote_facts(analysis, quote):
                facts.append(f"**{value}**" if label == "kind" else f"{label} _{md_escape(value)}_")
            written = mention_as_written(analysis, quote, group.name)
            if written:
                facts.append(f"as _{md_escape(written)}_")
            lines.append(f"{i}. " + " · ".join(facts))
            lines.append(f"   > {md_escape(quote_words(analysis, quote))}")
            lines.append("")
    lines += [f"## Events ({len(analysis.events)})", ""]
    if not analysis.events:
        lines += ["_No events found._", ""]
    for event in analysis.events:
        facts = "; ".join(f"{label}: {md_escape(value)}" for label, value in event_facts(analysis, event))
        lines.append(f"- **{md_escape(event_headline(analysis, event))}**. {facts}")
    if analysis.events:
        lines.append("")
    lines += [f"## Claims ({len(analysis.claims)})", ""]
    if not analysis.claims:
        lines += ["_No claims found._", ""]
    for name, claims in group_claims(analysis):
        lines += [f"### {md_escape(name)}", ""]
        for claim in claims:
            facts = "; ".join(f"{label}: {md_escape(value)}" for label, value in claim_facts(analysis, claim))
            lines.append(f"- {md_escape(span_text(analysis.text, claim.span))} ({facts})")
        lines.append("")
    if analysis.claims:
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _name(analysis: Analysis, who: object) -> str:
    if who is None:
        return "?"
    name = getattr(who, "name", None)
    return name or span_text(analysis.text, getattr(who, "mention", None)) or "?"
