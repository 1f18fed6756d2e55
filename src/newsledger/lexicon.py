"""Loads the lexicons in `newsledger/lexicons/` (data files, not code), once per process."""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources


def _lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a lexicon file."""
    text = resources.files("newsledger").joinpath("lexicons", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _rows(name: str) -> list[dict[str, str]]:
    """Rows of a TSV lexicon with a header line."""
    return [
        {k: (v or "").strip() for k, v in row.items() if k}
        for row in csv.DictReader(_lines(name), delimiter="\t", quoting=csv.QUOTE_NONE)
    ]


@dataclass(frozen=True, slots=True)
class ReportingVerb:
    lemma: str
    group: str
    addressee_obj: bool  # "told reporters": the object is the hearer
    content_obj: bool  # "denied the report": the object is what is said


@functools.cache
def reporting_verbs() -> dict[str, ReportingVerb]:
    out = {}
    for row in _rows("reporting_verbs.tsv"):
        lemma = row["lemma"].lower()
        out[lemma] = ReportingVerb(lemma, row.get("group", "say"), row.get("addressee_obj") == "1",
                                   row.get("content_obj") == "1")
    return out


@functools.cache
def cue_phrases() -> dict[str, tuple[str, str]]:
    """Multiword and non-verbal cues: phrase -> (kind, group)."""
    return {r["phrase"].lower(): (r.get("kind", ""), r.get("group", "")) for r in _rows("cue_phrases.tsv")}


@functools.cache
def roles() -> dict[str, str]:
    """Title or position (lowercase, may be several words) -> sector code ('' when none)."""
    return {r["role"].lower(): r.get("sector", "") for r in _rows("roles.tsv")}


@functools.cache
def role_words() -> frozenset[str]:
    """Every single word that appears in a role, for fast token tests."""
    words = set()
    for role in roles():
        words.update(role.split())
    return frozenset(words)


@functools.cache
def honorifics() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _lines("honorifics.txt"))


@functools.cache
def media() -> dict[str, str]:
    """Outlet or platform name (and aliases), exactly as written, -> canonical name. Case matters:
    "Time" the magazine is not "time"."""
    out: dict[str, str] = {}
    for row in _rows("media.tsv"):
        name = row["name"]
        out[name] = name
        for alias in filter(None, row.get("aliases", "").split("|")):
            out.setdefault(alias.strip(), name)
        if name.startswith("The "):
            out.setdefault(name[4:], name)
            out.setdefault("the " + name[4:], name)
    return out


@functools.cache
def group_nouns() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _lines("group_nouns.txt"))


@functools.cache
def evidence_sources() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in _lines("evidence_sources.txt"))


@functools.cache
def pronouns() -> dict[str, dict[str, str]]:
    return {r["pronoun"].lower(): r for r in _rows("pronouns.tsv")}


@functools.cache
def cue_nouns() -> frozenset[str]:
    """Nouns that carry reported content: "his claim that…", "the statement that…"."""
    return frozenset(p for p, (kind, _group) in cue_phrases().items() if kind == "noun" and " " not in p)
