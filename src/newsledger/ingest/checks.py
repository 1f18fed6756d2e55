"""What every input item goes through, whatever it came from: the size limits, the text checks (empty, binary,
too large, not English) and the making of an `Article` with its metadata (the item's own over the command line's).

Shared by the readers of `newsledger.ingest` (one module per kind of input); nothing here reads a file.
"""

from __future__ import annotations

import re
from typing import Any, BinaryIO

from newsledger.article import Article
from newsledger.dates import is_iso_date
from newsledger.errors import InputError

MAX_CHARS = 1_000_000
"""Longest text analysed, in characters (spaCy's own default limit; the pipeline allows 2,000,000)."""
MAX_HTML_BYTES = 20_000_000
"""Largest HTML file read: pages carry far more markup than text, so this is looser than MAX_CHARS."""
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


def read_bounded(stream: BinaryIO) -> bytes:
    """Read stdin, but never more than could be a text within the limit (and one byte to know it isn't)."""
    return stream.read(4 * MAX_CHARS + 1)


def text_article(item: str, data: bytes, defaults: dict[str, str | None]) -> Article | InputError:
    if len(data) > 4 * MAX_CHARS:
        return InputError(item, f"too large (over {4 * MAX_CHARS:,} bytes; the limit is {MAX_CHARS:,} characters)")
    text = decode(item, data)
    if isinstance(text, InputError):
        return text
    return make_article(item, text, {}, defaults)


def decode(item: str, data: bytes) -> str | InputError:
    """Strict UTF-8, BOM dropped; NUL bytes mean binary (or UTF-16), which UTF-8 text never holds."""
    if b"\x00" in data:
        return InputError(item, "binary (contains NUL bytes)")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputError(item, f"invalid UTF-8 at byte {exc.start:,} (not a UTF-8 text file?)")
    return text.removeprefix("\ufeff")


def make_article(
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


def short_reason(exc: Exception, what: str = "") -> str:
    """An exception as a short reason; `what` instead of the message for errors that are warcio's own bugs."""
    if what and isinstance(exc, AttributeError | TypeError | IndexError | KeyError):
        return f"{what}: {type(exc).__name__}"
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:200]
