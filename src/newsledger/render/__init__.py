"""Showing an Analysis to people: a Rich terminal report, Markdown, and the contract's JSON/JSONL."""

from newsledger.render.markdown import render_markdown
from newsledger.render.text import render_text, text_report

__all__ = ["render_markdown", "render_text", "text_report"]
