"""WARC archives (`.warc`, `.warc.gz`, read with warcio): one article per HTML response record.

One item per `response` record with status 200 and an HTML content type, named `file#<n>`, n the record's 1-based
position among all the archive's records. Its HTML goes through the same trafilatura extraction as an `.html`
file (`newsledger.ingest.html`); the URL falls back to WARC-Target-URI and the date to WARC-Date's date part when
the page names none. Other records (requests, metadata, images, redirects, errors) are not articles and are
skipped silently. A truncated or corrupt archive yields the records read before the damage, then one InputError
for the file. An archive with no HTML response at all is an InputError too.
"""

from __future__ import annotations

import contextlib
import io
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.checks import MAX_HTML_BYTES, short_reason
from newsledger.ingest.html import HTML_TYPES, html_article

Result = tuple[str, Article | InputError]

WARC_SUFFIXES = (".warc", ".warc.gz")
_ISO_DAY = re.compile(r"\d{4}-\d\d-\d\d")


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


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
        return True, None, short_reason(exc, "unreadable record header")
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        return True, None, "a record header cut off or without a valid Content-Length"
    try:
        page = _warc_page(record, read_payload)
    except Exception as exc:  # a damaged payload: bad chunking, bad content encoding, a cut-off stream
        return True, None, short_reason(exc, "unreadable record")
    short = getattr(record.raw_stream, "limit", 0)
    if short:
        return True, None, f"a record {short:,} bytes short of its Content-Length"
    return False, page, None


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
