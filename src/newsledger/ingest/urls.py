"""http(s) URLs: fetched once with urllib (timeout `URL_TIMEOUT` seconds, at most `MAX_URL_BYTES`).

A feed (by Content-Type or root element) is read as `newsledger.ingest.feeds` reads a file, with items `url#<n>`;
an HTML page like an `.html` file (item: the URL); `text/plain` like a `.txt` file. A network or HTTP failure is
an InputError naming the URL. Proxies follow the usual *_proxy variables.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.checks import MAX_HTML_BYTES, short_reason, text_article
from newsledger.ingest.feeds import SNIFF_BYTES, looks_like_feed, read_feed_bytes
from newsledger.ingest.html import HTML_TYPES, html_article

Result = tuple[str, Article | InputError]


XML_TYPES = frozenset({"application/xml", "text/xml"})
"""Generic XML content types: a feed only when the root element says so."""
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
MAX_URL_BYTES = MAX_HTML_BYTES
URL_TIMEOUT = 30.0
"""Seconds for the whole fetch of one URL (connecting, and reading the body)."""
USER_AGENT = "newsledger/0.1"


def is_url(name: str) -> bool:
    """An `http://` or `https://` address (any other scheme is a file name)."""
    return name[:8].lower().startswith(("http://", "https://"))


@dataclass(slots=True)
class _Fetched:
    data: bytes
    content_type: str | None
    final_url: str


def read_url(url: str, defaults: dict[str, str | None], *, timeout: float = URL_TIMEOUT) -> Iterator[Result]:
    """Fetch one http(s) URL: a feed gives one result per entry (`url#<n>`), a page one result (`url`)."""
    fetched = _fetch(url, timeout)
    if isinstance(fetched, InputError):
        yield url, fetched
        return
    ctype, data = fetched.content_type, fetched.data
    if ctype in FEED_TYPES or looks_like_feed(data[:SNIFF_BYTES]):
        yield from read_feed_bytes(url, data, defaults, base_url=fetched.final_url)
    elif ctype in XML_TYPES:
        yield url, InputError(url, f"XML that is not an RSS or Atom feed (Content-Type {ctype})")
    elif ctype is None or ctype in HTML_TYPES:
        yield url, html_article(url, data, defaults, url=fetched.final_url)
    elif ctype == "text/plain":
        result = text_article(url, data, defaults)
        if isinstance(result, Article) and result.url is None:
            result.url = fetched.final_url
        yield url, result
    else:
        yield url, InputError(url, f"not an HTML page or a feed (Content-Type {ctype})")


def _fetch(url: str, timeout: float) -> _Fetched | InputError:
    deadline = time.monotonic() + timeout
    accept = "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/xml;q=0.9,*/*;q=0.5"
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            declared = response.headers.get("Content-Length") or ""
            if declared.isdigit() and int(declared) > MAX_URL_BYTES:
                return InputError(url, f"too large ({int(declared):,} bytes; the limit is {MAX_URL_BYTES:,})")
            chunks: list[bytes] = []
            size = 0
            while chunk := response.read(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size > MAX_URL_BYTES:
                    return InputError(url, f"too large (over {MAX_URL_BYTES:,} bytes)")
                if time.monotonic() > deadline:
                    return InputError(url, f"cannot fetch (timed out after {timeout:g} s)")
            raw_type = response.headers.get("Content-Type")
            ctype = raw_type.split(";", 1)[0].strip().lower() if raw_type else None
            return _Fetched(b"".join(chunks), ctype or None, response.geturl() or url)
    except urllib.error.HTTPError as exc:
        return InputError(url, f"HTTP {exc.code} {exc.reason}")
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, OSError) and reason.strerror:
            reason = reason.strerror
        return InputError(url, f"cannot fetch ({reason})")
    except TimeoutError:
        return InputError(url, f"cannot fetch (timed out after {timeout:g} s)")
    except Exception as exc:  # http.client and socket errors of every kind, a malformed URL
        return InputError(url, f"cannot fetch ({short_reason(exc)})")
