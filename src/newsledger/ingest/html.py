"""HTML pages (an `.html`/`.htm` file, a WARC record, a fetched URL): the main text as trafilatura extracts it
(offsets are into that text), with title, date, site name and canonical URL from the page's metadata."""

from __future__ import annotations

import re
from pathlib import Path

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.checks import MAX_HTML_BYTES, make_article

HTML_SUFFIXES = frozenset({".html", ".htm"})
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|article|main)\b", re.I | re.S)
_BLOCK_TAGS = re.compile(r"</(?:p|div|h[1-6]|li|article|section)>", re.I)
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def looks_like_html(text: str) -> bool:
    """Whether a pasted text is an HTML page's source rather than prose: it opens with a document tag (doctype,
    html, head, body, article, main), or opens with a tag and closes at least three block elements."""
    if _HTML_START.match(text):
        return True
    return text.lstrip().startswith("<") and len(_BLOCK_TAGS.findall(text[:200_000])) >= 3


def read_html_file(item: str, path: Path, defaults: dict[str, str | None]) -> Article | InputError:
    size = path.stat().st_size
    if size > MAX_HTML_BYTES:
        return InputError(item, f"too large ({size:,} bytes; the limit for HTML is {MAX_HTML_BYTES:,})")
    return html_article(item, path.read_bytes(), defaults)


def html_article(
    item: str,
    data: bytes,
    defaults: dict[str, str | None],
    *,
    url: str | None = None,
    fallback: dict[str, str | None] | None = None,
) -> Article | InputError:
    """An HTML page's main text and metadata as an Article (an `.html` file, a WARC record, a fetched URL).

    `url` is where the page came from (trafilatura uses it when the page names no URL of its own, and for the
    site name); `fallback` fills metadata the page lacks (a WARC record's date), before the command line does.
    """
    if len(data) > MAX_HTML_BYTES:
        return InputError(item, f"too large ({len(data):,} bytes; the limit for HTML is {MAX_HTML_BYTES:,})")
    if b"\x00" in data:
        return InputError(item, "binary (contains NUL bytes)")
    if not data.strip():
        return InputError(item, "empty (no text)")
    import trafilatura  # here, not at the top: it costs a noticeable import for text-only runs

    try:
        doc = trafilatura.bare_extraction(data, with_metadata=True, url=url)
    except Exception as exc:  # trafilatura and lxml raise many kinds on odd pages
        return InputError(item, f"HTML extraction failed ({type(exc).__name__}: {exc})")
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return InputError(item, "no article text found in the HTML")
    meta = {
        "title": getattr(doc, "title", None),
        "published": getattr(doc, "date", None),
        "source": getattr(doc, "sitename", None),
        "url": getattr(doc, "url", None),
    }
    for key, value in (fallback or {}).items():
        if meta.get(key) is None:
            meta[key] = value
    return make_article(item, text, meta, defaults)
