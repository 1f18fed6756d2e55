"""Every input the readers know, dispatched by its name: one call reads a file, a folder, stdin or a URL.

Nothing here raises for bad input: each item comes out as an `Article` or an `InputError` naming it (`file`,
`file:line`, `file#n`, a URL, or `-`) with a one-line reason. Which module reads which input is in
`newsledger.ingest`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from newsledger.article import Article
from newsledger.errors import InputError
from newsledger.ingest.checks import read_bounded, text_article
from newsledger.ingest.feeds import count_feed, is_feed_file, read_feed_file
from newsledger.ingest.files import JSONL_SUFFIXES, read_jsonl, read_text_file
from newsledger.ingest.html import HTML_SUFFIXES, read_html_file
from newsledger.ingest.urls import is_url, read_url
from newsledger.ingest.warc import count_warc, is_warc, read_warc

STDIN = "-"


DIR_SUFFIXES = frozenset({".txt", ".html", ".htm", ".jsonl", ".rss", ".atom", ".warc"})
"""Suffixes a directory listing takes as they are; `.warc.gz` and feed-rooted `.xml` files are added by name/sniff."""


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
    defaults = {"published": published, "title": title, "source": source}
    name = str(path_or_dash)
    if is_url(name):
        yield from read_url(name, defaults)
        return
    if name == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        yield STDIN, text_article(STDIN, read_bounded(stream), defaults)
        return
    path = Path(path_or_dash)
    if path.is_dir():
        files = dir_files(path)
        if not files:
            yield name, InputError(name, "no .txt, .html, .htm, .jsonl, .rss, .atom, .xml feed or .warc files here")
        for file in files:
            yield from _read_file(str(file), file, defaults)
        return
    yield from _read_file(name, path, defaults)


def count_items(path_or_dash: str | Path) -> int:
    """How many items an input holds, for a progress bar's total: JSONL non-blank lines, feed entries, WARC
    HTML responses (one decompressing pass over the archive, no extraction); a URL counts as 1 (not fetched)."""
    name = str(path_or_dash)
    if name == STDIN or is_url(name):
        return 1
    path = Path(path_or_dash)
    try:
        if path.is_dir():
            return sum(count_items(f) for f in dir_files(path)) or 1
        if path.suffix.lower() in JSONL_SUFFIXES:
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
        if is_warc(path):
            return count_warc(path)
        if is_feed_file(path):
            return count_feed(path)
    except OSError:
        return 1
    return 1


def _read_file(item: str, path: Path, defaults: dict[str, str | None]) -> Iterator[tuple[str, Article | InputError]]:
    suffix = path.suffix.lower()
    if not path.exists():
        yield item, InputError(item, "no such file or directory")
        return
    if not path.is_file():
        yield item, InputError(item, "not a regular file")
        return
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(item, path, defaults)
        elif suffix in HTML_SUFFIXES:
            yield item, read_html_file(item, path, defaults)
        elif is_warc(path):
            yield from read_warc(item, path, defaults)
        elif is_feed_file(path):
            yield from read_feed_file(item, path, defaults)
        else:
            yield item, read_text_file(item, path, defaults)
    except OSError as exc:
        yield item, InputError(item, f"cannot read: {exc.strerror or exc}")


def dir_files(path: Path) -> list[Path]:
    """The readable inputs below a directory, sorted, skipping hidden files and folders."""
    return sorted(
        p
        for p in path.rglob("*")
        if p.is_file()
        and not any(part.startswith(".") for part in p.relative_to(path).parts)
        and (p.suffix.lower() in DIR_SUFFIXES or is_warc(p) or is_feed_file(p))
    )
