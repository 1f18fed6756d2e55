"""Plain text files (and standard input) and JSONL files: one article per text file, one per JSON line.

  `.txt` (and any other name)  plain text, decoded as strict UTF-8 (a leading BOM is dropped); the text is
                               otherwise kept byte for byte, so offsets point into the file.
  `.jsonl`                     one article per line: {"id", "text", optional "title", "published", "source",
                               "url"}; a bad line is an error for that line (`file:<line>`), the rest go on.
  `-`                          standard input, checked like a `.txt` file.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.checks import MAX_CHARS, META_FIELDS, make_article, text_article

JSONL_SUFFIXES = frozenset({".jsonl"})


def read_text_file(item: str, path: Path, defaults: dict[str, str | None]) -> Article | InputError:
    size = path.stat().st_size
    if size > 4 * MAX_CHARS:  # UTF-8 takes at most 4 bytes a character: too long whatever it holds
        return InputError(item, f"too large ({size:,} bytes; the limit is {MAX_CHARS:,} characters)")
    return text_article(item, path.read_bytes(), defaults)


def read_jsonl(item: str, path: Path, defaults: dict[str, str | None]) -> Iterator[tuple[str, Article | InputError]]:
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
    return make_article(ref, text, meta, defaults, article_id)
