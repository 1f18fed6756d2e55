"""Reading web inputs: WARC archives, RSS/Atom feeds and http(s) URLs, every item an Article or a named InputError.

`newsledger.sources.read_items` dispatches here; like it, nothing here raises for bad input.

  `.warc`, `.warc.gz`   One item per `response` record with status 200 and an HTML content type, named
                        `file#<n>`, n the record's 1-based position among all the archive's records. Its HTML
                        goes through the same trafilatura extraction as an `.html` file; the URL falls back to
                        WARC-Target-URI and the date to WARC-Date's date part when the page names none. Other
                        records (requests, metadata, images, redirects, errors) are not articles and are skipped
                        silently. A truncated or corrupt archive yields the records read before the damage, then
                        one InputError for the file. An archive with no HTML response at all is an InputError too.
  `.rss`, `.atom`,      One item per entry, named `feed#<n>` (1-based). Text: the entry's content (HTML through
  feed-rooted `.xml`    trafilatura, with a plain-text fallback), else its summary; an entry with neither, or whose
                        summary is nothing but links, is an InputError. Title, published date (ISO date from
                        published, else updated), source (the feed's title) and url (the entry's link) come from
                        the feed. Entry links are NEVER fetched: an entry gives what the feed itself carries.
  `http://`, `https://` Fetched once with urllib (timeout `URL_TIMEOUT` seconds, at most `MAX_URL_BYTES`); a
                        feed (by Content-Type or root element) is read as above with items `url#<n>`, an HTML page
                        like an `.html` file (item: the URL), `text/plain` like a `.txt` file. A network or HTTP
                        failure is an InputError naming the URL. Proxies follow the usual *_proxy variables.
"""

from __future__ import annotations

import calendar
import contextlib
import copy
import io
import re
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.sources import MAX_HTML_BYTES, _article, _from_bytes, html_article

Result = tuple[str, Article | InputError]

WARC_SUFFIXES = (".warc", ".warc.gz")
FEED_SUFFIXES = frozenset({".rss", ".atom"})
XML_SUFFIXES = frozenset({".xml"})
FEED_ROOTS = frozenset({"rss", "feed", "rdf"})
"""Root element names (local part, lower-cased) that make an XML document a feed: RSS 2.0/0.9x, Atom, RSS 1.0."""

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
XML_TYPES = frozenset({"application/xml", "text/xml"})
"""Generic XML content types: a feed only when the root element says so."""
FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
MAX_FEED_BYTES = MAX_HTML_BYTES
MAX_URL_BYTES = MAX_HTML_BYTES
URL_TIMEOUT = 30.0
"""Seconds for the whole fetch of one URL (connecting, and reading the body)."""
USER_AGENT = "newsledger/0.1"
SNIFF_BYTES = 4096

_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)
_ROOT = re.compile(rb"<([A-Za-z_][\w.:-]*)")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


# --- dispatch helpers -------------------------------------------------------------------------------------------


def is_url(name: str) -> bool:
    """An `http://` or `https://` address (any other scheme is a file name)."""
    return name[:8].lower().startswith(("http://", "https://"))


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def is_feed_file(path: Path) -> bool:
    """A `.rss`/`.atom` file, or an `.xml` file whose root element is a feed (read from its first few KB)."""
    suffix = path.suffix.lower()
    if suffix in FEED_SUFFIXES:
        return True
    if suffix not in XML_SUFFIXES:
        return False
    try:
        with path.open("rb") as fh:
            return _looks_like_feed(fh.read(SNIFF_BYTES))
    except OSError:
        return False


def _looks_like_feed(head: bytes) -> bool:
    """The first element of an XML document (after the declaration, comments, doctype) is rss, feed or RDF."""
    head = _COMMENT.sub(b"", head.removeprefix(b"\xef\xbb\xbf"))
    match = _ROOT.search(head)
    if not match:
        return False
    local = match.group(1).rsplit(b":", 1)[-1].decode("ascii", "replace").lower()
    return local in FEED_ROOTS


# --- WARC -------------------------------------------------------------------------------------------------------


def read_warc(item: str, path: Path, defaults: dict[str, str | None]) -> Iterator[Result]:
    """One result per HTML response record of a WARC file, then an InputError for the file if it is damaged."""
    found = 0
    last = 0
    try:
        for number, page, problem in _warc_records(path):
            if problem:
                yield item, InputError(item, problem)
                return
            last = number
            if page is None:
                continue
            found += 1
            ref = f"{item}#{number}"
            yield ref, _warc_article(ref, page, defaults)
    except OSError as exc:
        yield item, InputError(item, f"cannot read: {exc.strerror or exc}")
        return
    if not found:
        yield item, InputError(item, f"no HTML response records in the WARC ({last:,} other record{'s' * (last != 1)})")


def count_warc(path: Path) -> int:
    """How many HTML response records a WARC holds (a full decompressing pass, no extraction); at least 1."""
    try:
        return max(1, sum(1 for _n, page, _p in _warc_records(path, read_payload=False) if page is not None))
    except OSError:
        return 1


@dataclass(slots=True)
class _WarcPage:
    payload: bytes | None  # None: not read (counting), or over MAX_HTML_BYTES
    target: str | None
    date: str | None


def _warc_records(path: Path, *, read_payload: bool = True) -> Iterator[tuple[int, _WarcPage | None, str | None]]:
    """(record number, the page or None for a skipped record, None) per record; (n, None, reason) at damage."""
    from warcio.archiveiterator import WARCIterator

    with path.open("rb") as raw:
        gzipped = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        fh: Any = _GzipCheck(raw) if gzipped else raw
        records = WARCIterator(fh)
        good = 0
        while True:
            with _quiet_stderr():  # warcio's own warnings; damage is judged below, not from them
                finished, page, problem = _warc_step(records, fh, read_payload)
            if problem:
                yield good + 1, None, f"truncated or corrupt WARC at record {good + 1:,} ({problem})"
                return
            if finished:
                return
            good += 1
            yield good, page, None


def _warc_step(records: Any, fh: Any, read_payload: bool) -> tuple[bool, _WarcPage | None, str | None]:
    """(finished, page, problem) for the archive's next record, read through to its end."""
    try:
        record = next(records)
    except StopIteration:
        return True, None, fh.problem() if isinstance(fh, _GzipCheck) else _leftover(fh, records.offset)
    except Exception as exc:  # warcio raises ArchiveLoadFailed, and odd errors of its own on a cut-off header
        return True, None, _detail(exc, "unreadable record header")
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        return True, None, "a record header cut off or without a valid Content-Length"
    try:
        page = _warc_page(record, read_payload)
    except Exception as exc:  # a damaged payload: bad chunking, bad content encoding, a cut-off stream
        return True, None, _detail(exc, "unreadable record")
    short = getattr(record.raw_stream, "limit", 0)
    if short:
        return True, None, f"a record {short:,} bytes short of its Content-Length"
    return False, page, None


def _detail(exc: Exception, what: str = "") -> str:
    """An exception as a short reason; `what` instead of the message for errors that are warcio's own bugs."""
    if what and isinstance(exc, AttributeError | TypeError | IndexError | KeyError):
        return f"{what}: {type(exc).__name__}"
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:200]


def _leftover(fh: Any, offset: int) -> str | None:
    """For an uncompressed WARC: data after the last whole record (warcio takes a cut-off header as the end)."""
    fh.seek(offset)
    rest = fh.read(65536).strip()
    return f"a cut-off record: {len(rest):,} bytes past the last whole one" if rest else None


def _warc_page(record: Any, read_payload: bool) -> _WarcPage | None:
    """The HTML of a 200 response record (reading the record through to its end), or None for anything else."""
    page = None
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        ctype = (record.http_headers.get_header("Content-Type") or "").split(";", 1)[0].strip().lower()
        if status == "200" and ctype in HTML_TYPES:
            payload = None
            if read_payload:
                payload = record.content_stream().read(MAX_HTML_BYTES + 1)
            date = record.rec_headers.get_header("WARC-Date") or ""
            page = _WarcPage(
                payload=payload,
                target=record.rec_headers.get_header("WARC-Target-URI") or None,
                date=date[:10] if _ISO_DAY.match(date) else None,
            )
    while record.raw_stream.read(65536):  # to the record's end, so a cut-off record shows as one
        pass
    return page


def _warc_article(ref: str, page: _WarcPage, defaults: dict[str, str | None]) -> Article | InputError:
    data = page.payload or b""
    if len(data) > MAX_HTML_BYTES:
        return InputError(ref, f"too large (over {MAX_HTML_BYTES:,} bytes; the limit for HTML)")
    return html_article(ref, data, defaults, url=page.target, fallback={"published": page.date})


class _GzipCheck:
    """A pass-through reader that inflates what goes by, to tell a cut-off or corrupt gzip stream from a whole one.

    warcio stops quietly at the end of the data, even inside a gzip member, and only warns on stderr about
    corrupt data; this sees whether every member was whole.
    """

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        self._open = False  # inside a member: some of it read, its end not yet
        self._error: str | None = None

    def read(self, size: int = -1) -> bytes:
        data = self.fh.read(size)
        self._feed(data)
        return data

    def tell(self) -> int:
        return self.fh.tell()

    def _feed(self, data: bytes) -> None:
        while data and self._error is None:
            self._open = True
            try:
                self._inflater.decompress(data, 1 << 20)
            except zlib.error as exc:
                self._error = f"gzip: {exc}"
                return
            if self._inflater.eof:
                data = self._inflater.unused_data
                self._inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
                self._open = False
            else:
                data = self._inflater.unconsumed_tail

    def problem(self) -> str | None:
        """Why the stream is damaged, once warcio has stopped reading it; None when every member was whole."""
        self._feed(self.fh.read())  # whatever warcio left unread
        if self._error:
            return self._error
        return "gzip data cut off" if self._open else None


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Keep warcio's stderr warnings off the user's stderr (only results and errors belong there)."""
    with contextlib.redirect_stderr(io.StringIO()):
        yield


# --- feeds ------------------------------------------------------------------------------------------------------


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
        return f"feed parsing failed ({_detail(exc)})"
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
    return _article(ref, text, meta, defaults)


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


# --- URLs -------------------------------------------------------------------------------------------------------


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
    if ctype in FEED_TYPES or _looks_like_feed(data[:SNIFF_BYTES]):
        yield from read_feed_bytes(url, data, defaults, base_url=fetched.final_url)
    elif ctype in XML_TYPES:
        yield url, InputError(url, f"XML that is not an RSS or Atom feed (Content-Type {ctype})")
    elif ctype is None or ctype in HTML_TYPES:
        yield url, html_article(url, data, defaults, url=fetched.final_url)
    elif ctype == "text/plain":
        result = _from_bytes(url, data, defaults)
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
        return InputError(url, f"cannot fetch ({_detail(exc)})")
