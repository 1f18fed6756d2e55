"""Where an article's publication date (and title, outlet, URL) comes from when the item does not carry it.

In order, the first that gives a date wins, and the article records which (`Article.published_from`):

1. ``item``: the item's own metadata (an HTML page's, a WARC record's WARC-Date, a feed entry's, a JSONL line's
   "published"), as `newsledger.ingest` reads it;
2. ``metadata``: a sidecar table (`Sidecar`, `--metadata FILE.csv|tsv`): one row per item, a column naming the
   file (with or without its extension) or the JSONL id, and any of published, title, source, url (PolNeAR's
   `metadata.tsv`, with `filename`, `publication_date`, `publisher` and `title`, is read as it is);
3. ``file-name``: a date in the file's name, with `--date-from-name` (`nyt_2016-09-08_trump-says.txt`,
   `20160908-story.html`);
4. ``command-line``: `--published`.

Every date is checked where it enters: a sidecar row whose date is not a date is an error for the items it names
(the row's line is given), never a string stored as is. The table is read with the standard `csv` module (its
dialect sniffed between comma and tab); nothing here guesses a date from free text: that is `dateparser`'s job
in the events stage, and a publication date must be exact.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.article import Article
from newsledger.dates import is_iso_date
from newsledger.errors import InputError

KEY_COLUMNS = ("id", "filename", "file_name", "file", "name", "item", "path")
"""Columns that may name the item, first found wins (case-insensitive)."""
FIELD_COLUMNS: dict[str, tuple[str, ...]] = {
    "published": ("published", "publication_date", "pub_date", "pubdate", "date"),
    "title": ("title", "headline"),
    "source": ("source", "publisher", "outlet", "site"),
    "url": ("url", "link"),
}
"""Article fields and the column names that may hold each, first found wins (case-insensitive)."""
EMPTY = frozenset({"", "none", "null", "na", "n/a"})
"""Cell values that mean "not known"."""

# A calendar date in a file name: 2016-09-08, 2016_09_08, 2016.09.08 or 20160908, not inside a longer number.
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)([-_.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


class MetadataError(Exception):
    """A sidecar table that cannot be used at all (missing, unreadable, no column naming the items)."""


def date_from_name(item: str) -> str | None:
    """The first calendar date in an item's file name ("…/nyt_2016-09-08_x.txt" -> "2016-09-08"), or None.
    Only the name is read, not the folders; impossible dates (2016-02-30) are no date."""
    name = Path(_file_part(item)).name
    for m in _NAME_DATE.finditer(name):
        try:
            return dt.date(int(m.group(1)), int(m.group(3)), int(m.group(4))).isoformat()
        except ValueError:
            continue
    return None


_OUTLET = re.compile(r"[A-Za-z][A-Za-z0-9-]{1,39}")


def outlet_from_name(item: str) -> str | None:
    """The outlet a file name gives before its date ("…/nyt_2016-09-08_x.txt" -> "nyt",
    "wash-post_2016-04-20_b.txt" -> "wash-post"), or None when nothing outlet-like stands before a date."""
    name = Path(_file_part(item)).name
    m = _NAME_DATE.search(name)
    if m is None or date_from_name(item) is None:
        return None
    prefix = name[:m.start()].strip("_-. ")
    return prefix if _OUTLET.fullmatch(prefix) else None


def _file_part(item: str) -> str:
    """An item name without its line (`file.jsonl:3`) or record (`file.warc#2`) suffix."""
    item = item.split("#", 1)[0]
    head, sep, tail = item.rpartition(":")
    return head if sep and tail.isdigit() else item


@dataclass(slots=True)
class _Row:
    line: int
    fields: dict[str, str]
    problem: str | None = None


@dataclass(slots=True)
class Sidecar:
    """A metadata table by item key. `Sidecar.read(path)`; `lookup(item, article_id)` finds an item's row."""

    path: str
    rows: dict[str, _Row] = field(default_factory=dict)

    @classmethod
    def read(cls, path: str | Path) -> Sidecar:
        """Read a .csv or .tsv (or any delimited text: comma or tab is sniffed). Raises MetadataError."""
        path = Path(path)
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise MetadataError(f"{path}: cannot read ({exc})") from exc
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t")
        except csv.Error:
            dialect = csv.excel_tab if path.suffix.lower() == ".tsv" else csv.excel
        reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)  # a quoted cell may hold a newline
        columns = {c.strip().lower(): c for c in reader.fieldnames or ()}
        key = next((columns[c] for c in KEY_COLUMNS if c in columns), None)
        if key is None:
            raise MetadataError(f"{path}: no column naming the items (one of {', '.join(KEY_COLUMNS)})")
        wanted = {f: next((columns[c] for c in names if c in columns), None) for f, names in FIELD_COLUMNS.items()}
        if not any(wanted.values()):
            raise MetadataError(f"{path}: no column of published, title, source or url")
        table = cls(str(path))
        for line, rec in enumerate(reader, 2):
            name = (rec.get(key) or "").strip()
            if not name:
                continue
            fields = {f: v.strip() for f, col in wanted.items()
                      if col and (v := rec.get(col)) is not None and v.strip().lower() not in EMPTY}
            row = _Row(line, fields)
            if "published" in fields and not is_iso_date(fields["published"]):
                row.problem = (f"metadata {path.name} line {line}: published {fields['published'][:40]!r} is not "
                               "an ISO 8601 date (YYYY-MM-DD)")
            for k in {name, Path(name).name, Path(name).stem}:
                table.rows.setdefault(k, row)
        return table

    def lookup(self, item: str, article_id: str | None = None) -> _Row | None:
        """The row for an item: by its file's name, the name without extension, or the article's own id."""
        name = Path(_file_part(item)).name
        for key in (name, Path(name).stem, article_id):
            if key and key in self.rows:
                return self.rows[key]
        return None


def fill(item: str, article: Article, sidecar: Sidecar | None = None, from_name: bool = False,
         published: str | None = None) -> Article | InputError:
    """The article with what the item lacks filled from the sidecar, the file name and the command line (in that
    order, see the module notes), `published_from` set; an InputError when the sidecar's date for it is bad."""
    if article.published:
        article.published_from = article.published_from or "item"
    row = sidecar.lookup(item, article.id) if sidecar is not None else None
    if row is not None:
        if row.problem and not article.published:
            return InputError(item, row.problem)
        for key, value in row.fields.items():
            if getattr(article, key) is None:
                setattr(article, key, value)
                if key == "published":
                    article.published_from = "metadata"
    if not article.published and from_name and (found := date_from_name(item)) is not None:
        article.published, article.published_from = found, "file-name"
    if not article.source and from_name:
        article.source = outlet_from_name(item)
    if not article.published and published:
        article.published, article.published_from = published, "command-line"
    return article
