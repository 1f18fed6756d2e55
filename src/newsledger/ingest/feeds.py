"""RSS and Atom feeds (`.rss`, `.atom`, a feed-rooted `.xml`, or a fetched feed; read with feedparser).

One item per entry, named `feed#<n>` (1-based). Text: the entry's content (HTML through trafilatura, with a
plain-text fallback), else its summary; an entry with neither, or whose summary is nothing but links, is an
InputError. Title, published date (ISO date from published, else updated), source (the feed's title) and url
(the entry's link) come from the feed. Entry links are NEVER fetched: an entry gives what the feed itself carries.
"""

from __future__ import annotations

import calendar
import copy
import io
import re
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.checks import MAX_HTML_BYTES, make_article, short_reason
from newsledger.ingest.html import HTML_TYPES

Result = tuple[str, Article | InputError]

FEED_SUFFIXES = frozenset({".rss", ".atom"})
XML_SUFFIXES = frozenset({".xml"})


FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
"""Root element names (local part, lower-cased) that make an XML document a feed: RSS 2.0/0.9x, Atom, RSS 1.0."""
MAX_FEED_BYTES = MAX_HTML_BYTES
SNIFF_BYTES = 4096
_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")


def is_feed_file(path: Path) -> bool:
    """A `.rss`/`.atom` file, or an `.xml` file whose root element is a feed (read from its first few KB)."""
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        return True
    if suffix not in XML_SUFFIXES:
        return False
    try:
        with path.open("rb") as fh:
            return looks_like_feed(fh.read(SNIFF_BYTES))
    except OSError:
        return False


def looks_like_feed(head: bytes) -> bool:
    """The first element of an XML document (after the declaration, comments, doctype) is rss, feed or RDF."""
    head = _COMMENT.sub(b"", head.removeprefix(b"\xef\xbb\xbf"))
    match = _ROOT.search(head)
    if not match:
        return False
    local = match.group(1).rsplit(b":", 1)[-1].decode("ascii", "replace").lower()
    return local in FEED_ROOTS


def read_feed_file(item: str, path: Path, defaults: dict[str, str | None]) -> Iterator[Result]:
    """One result per entry of an RSS/Atom file (`file#<n>`); a file that is no feed is one InputError."""
    size = path.stat().st_size
    if size > MAX_FEED_BYTES:
        yield item, InputError(item, f"too large ({size:,} bytes; the limit for a feed is {MAX_FEED_BYTES:,})")
        return
    yield from read_feed_bytes(item, path.read_bytes(), defaults)


def count_feed(path: Path) -> int:
    """How many entries a feed file holds (it is parsed for this); at least 1."""
    if path.stat().st_size > MAX_FEED_BYTES:
        return 1
    parsed = _parse_feed(path.read_bytes())
    return 1 if isinstance(parsed, str) else max(1, len(parsed.entries))


def read_feed_bytes(
    item: str, data: bytes, defaults: dict[str, str | None], *, base_url: str | None = None
) -> Iterator[Result]:
    """One result per entry of a feed document (`item#<n>`); entry links are not fetched."""
    parsed = _parse_feed(data, base_url)
    if isinstance(parsed, str):
        yield item, InputError(item, parsed)
        return
    source = _clean(parsed.feed.get("title"))
    for number, entry in enumerate(parsed.entries, 1):
        ref = f"{item}#{number}"
        yield ref, _entry_article(ref, entry, source, defaults)


def _parse_feed(data: bytes, base_url: str | None = None) -> Any:
    """feedparser's result, or the reason (a str) the data is not a usable feed."""
    if not data.strip():
        return "empty (no feed)"
    import feedparser

    headers = {"content-location": base_url} if base_url else None
    try:
        # A stream, never str or bytes: feedparser fetches a str that looks like a URL and opens one like a file name.
        parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    except Exception as exc:  # feedparser catches most; this is the rest
        return f"feed parsing failed ({short_reason(exc)})"
    if not parsed.get("version"):
        why = parsed.get("bozo_exception")
        return f"not an RSS or Atom feed ({why})" if why else "not an RSS or Atom feed"
    if not parsed.entries:
        return "feed has no entries"
    return parsed


def _entry_article(ref: str, entry: Any, source: str | None, defaults: dict[str, str | None]) -> Article | InputError:
    text, why = _entry_text(entry)
    if not text:
        return InputError(ref, f"feed entry has no text ({why})")
    meta = {
        "title": _clean(entry.get("title")),
        "published": _entry_date(entry),
        "source": source,
        "url": _clean(entry.get("link")),
    }
    return make_article(ref, text, meta, defaults)


def _entry_text(entry: Any) -> tuple[str, str]:
    """(text, "") from the entry's content, else its summary; ("", why) when neither has any."""
    reasons = []
    parts = [("content", part.get("value"), part.get("type")) for part in entry.get("content") or []]
    if entry.get("summary") is not None:
        parts.append(("summary", entry.get("summary"), (entry.get("summary_detail") or {}).get("type")))
    for label, value, mime in parts:
        text, why = _part_text(value, mime)
        if text:
            return text, ""
        reasons.append(f"{label} {why}")
    return "", "; ".join(reasons) or "no content or summary"


def _part_text(value: str | None, mime: str | None) -> tuple[str, str]:
    """(text, "") or ("", why not) for one content or summary value; HTML goes through trafilatura."""
    if not value or not value.strip():
        return "", "empty"
    if (mime or "text/html").lower() not in HTML_TYPES:
        return value.strip(), ""
    import lxml.html
    import trafilatura
    from trafilatura.baseline import block_text

    try:
        root = lxml.html.fragment_fromstring(value, create_parent="div")
    except Exception as exc:  # lxml raises ParserError and others on odd fragments
        return "", f"unreadable HTML ({type(exc).__name__})"
    for bad in root.xpath(".//script | .//style"):
        bad.drop_tree()
    plain = block_text(root).strip()
    if not plain:
        return "", "empty"
    outside = copy.deepcopy(root)
    for anchor in outside.xpath(".//a"):
        anchor.drop_tree()
    if not block_text(outside).strip():
        return "", "only links"
    try:
        doc = trafilatura.bare_extraction(f"<html><body><article>{value}</article></body></html>")
        text = getattr(doc, "text", None) if doc is not None else None
    except Exception:  # trafilatura and lxml raise many kinds; the plain text still serves
        text = None
    return (text.strip() if text and text.strip() else plain), ""


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                return time.strftime("%Y-%m-%d", time.gmtime(calendar.timegm(parsed)))
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None
