"""The Article: one piece of reporting, its text never changed after it is made."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")


def article_id(text: str) -> str:
    """A stable id from the normalised text, so the same article from two places is one article."""
    norm = _SPACE.sub(" ", unicodedata.normalize("NFKC", text)).strip().lower()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One article: its text and what is known of where and when it appeared."""

    text: str
    id: str = ""
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    published_from: str | None = None
    """Where `published` came from: "item" (the page, feed entry, WARC record or JSONL line), "metadata" (a
    sidecar table), "file-name", "command-line"; None when not known or no date."""

    def __post_init__(self) -> None:
        if not self.id:
            self.id = article_id(self.text)
