"""Reading articles from files, JSONL, stdin, WARC archives, feeds and URLs, every bad item a named InputError.

A batch must survive its worst item, so nothing here raises for bad input: each item comes out as an
`Article` or an `InputError` naming it (`file`, `file:line`, `file#n`, a URL, or `-`) with a one-line reason.

Inputs, by file name:
  `.txt` (and any other name)  plain text, decoded as strict UTF-8 (a leading BOM is dropped);
                               the text is otherwise kept byte for byte, so offsets point into the file.
  `.html`, `.htm`              the main text as trafilatura extracts it; offsets are into that text.
                               Title, date, site name and canonical URL come from the page's metadata.
  `.jsonl`                     one article per line: {"id", "text", optional "title", "published",
                               "source", "url"}; a bad line is an error for that line, the rest go on.
  `.warc`, `.warc.gz`          one article per HTML response record (status 200), named `file#<record number>`;
                               other records are skipped. See `newsledger.sources_web`.
  `.rss`, `.atom`              one article per feed entry, named `file#<entry number>`; so is an `.xml` file
                               whose root element is a feed (any other `.xml` file is read as text).
  `http://`, `https://` URL    fetched once: a feed gives one article per entry (`url#<n>`), a page is read
                               like an `.html` file. Entry links are never fetched.
  `-`                          standard input, checked like a `.txt` file.
  a directory                  every .txt/.html/.htm/.jsonl/.rss/.atom/.warc/.warc.gz file, and every .xml
                               file whose root is a feed, below it, in sorted order.

Limits: a text longer than `MAX_CHARS` characters is refused before parsing (spaCy would need
gigabytes for it, and no news article is that long); an HTML file larger than `MAX_HTML_BYTES` too.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from newsledger.article import Article
from newsledger.dates import is_iso_date
from newsledger.errors import InputError

MAX_CHARS = 1_000_000
"""Longest text analysed, in characters (spaCy's own default limit; the pipeline allows 2,000,000)."""

MAX_HTML_BYTES = 20_000_000
"""Largest HTML file read: pages carry far more markup than text, so this is looser than MAX_CHARS."""

STDIN = "-"
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
DIR_SUFFIXES = frozenset({".txt", ".html", ".htm", ".jsonl", ".rss", ".atom", ".warc"})
"""Suffixes a directory listing takes as they are; `.warc.gz` and feed-rooted `.xml` files are added by name/sniff."""
META_FIELDS = ("title", "published", "source", "url")

# Language check: common English function words that are rare as words in other Latin-script languages
# (so no "a", "in", "on", "is", "die", "was", "also", "will": those are everyday words elsewhere).
_ENGLISH_WORDS = frozenset(
    """the of and to that for with as his her he she it its they their them by from at this be are were has
    have had been which who would not but or said says than after about more into over when what there
    could should these those our we you your while because""".split()  # noqa: SIM905 - reads as a word list
)
LANGUAGE_MIN_WORDS = 50
"""Below this many words the language check is skipped: short texts give no reliable ratio."""
ENGLISH_MIN_RATIO = 0.08
"""English news prose runs at 25-35% of these words; other languages at 0-3%."""
_WORD = re.compile(r"[^\W\d_]+")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls except tab, newlines, form feed
LANGUAGE_SAMPLE_CHARS = 50_000
"""The language check reads this much of the text: enough to be sure, cheap for long texts."""


def read_articles(
    path_or_dash: str | Path,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | InputError]:
    """Every article of one input, in order; a bad item comes out as an InputError instead."""
    for _item, result in read_items(path_or_dash, published=published, title=title, source=source, stdin=stdin):
        yield result


def read_items(
    path_or_dash: str | Path,
    *,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[tuple[str, Article | InputError]]:
    """Like `read_articles`, each result paired with its item name, so a later failure can still name it."""
    from newsledger import sources_web  # here, not at the top: it imports this module

    defaults = {"published": published, "title": title, "source": source}
    name = str(path_or_dash)
    if sources_web.is_url(name):
        yield from sources_web.read_url(name, defaults)
        return
    if name == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield STDIN, _from_bytes(STDIN, _read_bounded(stream), defaults)
        return
    path = Path(path_or_dash)
    if path.is_dir():
        files = _dir_files(path)
        if not files:
            yield name, InputError(name, "no .txt, .html, .htm, .jsonl, .rss, .atom, .xml feed or .warc files here")
        for file in files:
            yield from _read_file(str(file), file, defaults)
        return
    yield from _read_file(name, path, defaults)


def count_items(path_or_dash: str | Path) -> int:
    """How many items an input holds, for a progress bar's total: JSONL non-blank lines, feed entries, WARC
    HTML responses (one decompressing pass over the archive, no extraction); a URL counts as 1 (not fetched)."""
    from newsledger import sources_web

    name = str(path_or_dash)
    if name == STDIN or sources_web.is_url(name):
        return 1
    path = Path(path_or_dash)
    try:
        if path.is_dir():
            return sum(count_items(f) for f in _dir_files(path)) or 1
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if sources_web.is_warc(path):
            return sources_web.count_warc(path)
        if sources_web.is_feed_file(path):
            return sources_web.count_feed(path)
    except OSError:
        return 1
    return 1


def check_text(item: str, text: str) -> InputError | None:
    """The checks every text gets, whatever it came from: empty, binary, too large, not English."""
    if not text.strip():
        return InputError(item, "empty (no text)")
    if "\x00" in text:
        return InputError(item, "binary (contains NUL characters)")
    if len(text) > MAX_CHARS:
        return InputError(item, f"too large ({len(text):,} characters; the limit is {MAX_CHARS:,})")
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 100):
        return InputError(item, f"binary ({controls:,} control characters)")
    not_english = _not_english(text)
    if not_english:
        return InputError(item, f"not English ({not_english})")
    return None


def _not_english(text: str) -> str | None:
    """Why a text of reasonable length is clearly not English, or None. Cheap: no model, one regex pass."""
    words = _WORD.findall(text[:LANGUAGE_SAMPLE_CHARS])
    if len(words) < LANGUAGE_MIN_WORDS:
        return None
    letters = sum(len(w) for w in words)
    latin = sum(1 for w in words for ch in w if ch < "\u0250")
    if latin < letters / 2:
        return "mostly non-Latin script"
    common = sum(1 for w in words if w.lower() in _ENGLISH_WORDS)
    ratio = common / len(words)
    if ratio < ENGLISH_MIN_RATIO:
        return f"{ratio:.0%} common English words in {len(words):,}"
    return None


def _read_file(item: str, path: Path, defaults: dict[str, str | None]) -> Iterator[tuple[str, Article | InputError]]:
    from newsledger import sources_web

    suffix = path.suffix.lower()
    if not path.exists():
        yield item, InputError(item, "no such file or directory")
        return
    if not path.is_file():
        yield item, InputError(item, "not a regular file")
        return
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(item, path, defaults)
        elif suffix in HTML_SUFFIXES:
            yield item, _read_html(item, path, defaults)
        elif sources_web.is_warc(path):
            yield from sources_web.read_warc(item, path, defaults)
        elif sources_web.is_feed_file(path):
            yield from sources_web.read_feed_file(item, path, defaults)
        else:
            yield item, _read_text_file(item, path, defaults)
    except OSError as exc:
        yield item, InputError(item, f"cannot read: {exc.strerror or exc}")


def _read_text_file(item: str, path: Path, defaults: dict[str, str | None]) -> Article | InputError:
    size = path.stat().st_size
    if size > 4 * MAX_CHARS:  # UTF-8 takes at most 4 bytes a character: too long whatever it holds
        return InputError(item, f"too large ({size:,} bytes; the limit is {MAX_CHARS:,} characters)")
    return _from_bytes(item, path.read_bytes(), defaults)


def _read_bounded(stream: BinaryIO) -> bytes:
    """Read stdin, but never more than could be a text within the limit (and one byte to know it isn't)."""
    return stream.read(4 * MAX_CHARS + 1)


def _from_bytes(item: str, data: bytes, defaults: dict[str, str | None]) -> Article | InputError:
    if len(data) > 4 * MAX_CHARS:
        return InputError(item, f"too large (over {4 * MAX_CHARS:,} bytes; the limit is {MAX_CHARS:,} characters)")
    text = _decode(item, data)
    if isinstance(text, InputError):
        return text
    return _article(item, text, {}, defaults)


def _decode(item: str, data: bytes) -> str | InputError:
    """Strict UTF-8, BOM dropped; NUL bytes mean binary (or UTF-16), which UTF-8 text never holds."""
    if b"\x00" in data:
        return InputError(item, "binary (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(item, f"invalid UTF-8 at byte {exc.start:,} (not a UTF-8 text file?)")
    return text.removeprefix("\ufeff")


def _article(
    item: str, text: str, meta: dict[str, Any], defaults: dict[str, str | None], article_id: str = ""
) -> Article | InputError:
    """An Article once the text passes the checks; the item's own metadata wins over the command line's."""
    problem = check_text(item, text)
    if problem:
        return problem
    own = meta.get("published")
    if own is not None and not own.strip():
        own = meta["published"] = None  # an empty field: no date given
    if own is not None and not is_iso_date(own.strip()):
        return InputError(item, f'"published": {own[:40]!r} is not an ISO 8601 date (YYYY-MM-DD)')
    fields = {k: meta.get(k) if meta.get(k) is not None else defaults.get(k) for k in META_FIELDS}
    if fields["published"]:
        fields["published"] = fields["published"].strip()
    origin = "item" if own is not None else "command-line" if fields["published"] else None
    return Article(text=text, id=article_id, published_from=origin, **fields)


def _read_html(item: str, path: Path, defaults: dict[str, str | None]) -> Article | InputError:
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
    return _article(item, text, meta, defaults)


def _read_jsonl(item: str, path: Path, defaults: dict[str, str | None]) -> Iterator[tuple[str, Article | InputError]]:
    seen_any = False
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            seen_any = True
            ref = f"{item}:{lineno}"
            yield ref, _jsonl_line(ref, raw, lineno, defaults)
    if not seen_any:
        yield item, InputError(item, "empty (no JSON lines)")


def _jsonl_line(ref: str, raw: bytes, lineno: int, defaults: dict[str, str | None]) -> Article | InputError:
    if len(raw) > 8 * MAX_CHARS:  # JSON escapes can double a text's size; past this it cannot fit
        return InputError(ref, f"too large ({len(raw):,} bytes)")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(ref, f"invalid UTF-8 at byte {exc.start:,} of the line")
    if lineno == 1:
        line = line.removeprefix("\ufeff")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputError(ref, f"invalid JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:
        return InputError(ref, "invalid JSON (nested too deeply)")
    if not isinstance(obj, dict):
        return InputError(ref, f"not a JSON object (a {type(obj).__name__})")
    text = obj.get("text")
    if not isinstance(text, str):
        return InputError(ref, 'no "text" string' if text is None else '"text" is not a string')
    raw_id = obj.get("id")
    if raw_id is None:
        article_id = ""
    elif isinstance(raw_id, int) and not isinstance(raw_id, bool):
        article_id = str(raw_id)
    elif isinstance(raw_id, str) and raw_id.strip():
        article_id = raw_id
    else:
        return InputError(ref, '"id" must be a non-empty string')
    meta: dict[str, Any] = {}
    for key in META_FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            return InputError(ref, f'"{key}" must be a string or null')
        meta[key] = value
    return _article(ref, text, meta, defaults, article_id)


def _dir_files(path: Path) -> list[Path]:
    """The readable inputs below a directory, sorted, skipping hidden files and folders."""
    from newsledger import sources_web

    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
        and (p.suffix.lower() in DIR_SUFFIXES or sources_web.is_warc(p) or sources_web.is_feed_file(p))
    )
