"""Reading PolNeAR's brat standoff files into gold attributions.

PolNeAR keeps one `.ann` per annotator beside `text/<article>.txt`; we score against the first in sorted
order so every run (and every developer) uses the same gold. The data stays in the shared folder, outside
the repository, so its location is resolved at run time.
"""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from newsledger.records import Span

SHARED_ENV = "NEWSLEDGER_SHARED"
DATASETS = {"polnear-dev": "polnear/dev", "polnear-train": "polnear/train"}

# A T line: id, type, one or more "start end" pairs joined by ";", then the text (which may run onto
# following lines, so lines not matching this or an E line are treated as continuations and ignored).
_T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t?", re.MULTILINE)
_E_LINE = re.compile(r"^(E\d+)\t(.*)$", re.MULTILINE)
_ATTRIBUTION_TYPES = ("Attribution", "Attribution-no-source")


@dataclass(slots=True)
class GoldAttribution:
    """One annotated attribution: what was attributed (content), the cue, and who to (source, maybe none)."""

    id: str
    content: list[Span]
    cue: list[Span] = field(default_factory=list)
    source: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class GoldArticle:
    """One article's text and the attributions of one annotator."""

    id: str
    text: str
    attributions: list[GoldAttribution]
    annotator: str | None = None
    published: str | None = None
    source: str | None = None


def repo_root() -> Path:
    """The checkout this module lives in (src/newsledger/eval/brat.py -> repo root)."""
    return Path(__file__).resolve().parents[3]


def shared_dir(shared: str | os.PathLike[str] | None = None) -> Path:
    """The shared folder: the argument, else $NEWSLEDGER_SHARED, else `../shared` beside the repo root."""
    if shared is not None:
        return Path(shared).resolve()
    env = os.environ.get(SHARED_ENV)
    if env:
        return Path(env).resolve()
    return (repo_root() / ".." / "shared").resolve()


def split_dir(dataset: str, shared: str | os.PathLike[str] | None = None) -> Path:
    """A dataset name (`polnear-dev`, `polnear-train`) or an existing directory, as a split directory."""
    if dataset in DATASETS:
        return shared_dir(shared) / "datasets" / DATASETS[dataset]
    path = Path(dataset)
    if path.is_dir():
        return path
    raise ValueError(f"unknown dataset {dataset!r}: use one of {', '.join(DATASETS)} or a split directory")


def _spans(offsets: str) -> list[Span]:
    out: list[Span] = []
    for part in offsets.split(";"):
        start, end = part.split()
        out.append((int(start), int(end)))
    return out


def parse_ann(ann: str) -> list[GoldAttribution]:
    """The attributions of one `.ann` file's text, in file order; notes and Discuss/Discard are skipped.

    Attributions without a Content span are dropped: there is nothing to match them against.
    """
    spans: dict[str, tuple[str, list[Span]]] = {}
    for m in _T_LINE.finditer(ann):
        spans[m.group(1)] = (m.group(2), _spans(m.group(3)))
    out: list[GoldAttribution] = []
    for m in _E_LINE.finditer(ann):
        args = dict(arg.split(":", 1) for arg in m.group(2).split() if ":" in arg)
        if not any(kind in args for kind in _ATTRIBUTION_TYPES):
            continue
        content = _role(spans, args, "Content")
        if not content:
            continue
        cue, source = _role(spans, args, "Cue"), _role(spans, args, "Source")
        out.append(GoldAttribution(id=m.group(1), content=content, cue=cue, source=source))
    return out


def _role(spans: dict[str, tuple[str, list[Span]]], args: dict[str, str], name: str) -> list[Span]:
    """The spans of the T line an E line's argument `name` points to ([] if absent or dangling)."""
    ref = spans.get(args.get(name, ""))
    return list(ref[1]) if ref else []


def _metadata(split: Path) -> dict[str, dict[str, str]]:
    """PolNeAR's metadata.tsv (one level up) by file stem, for publication dates and outlets; {} if absent."""
    path = split.parent / "metadata.tsv"
    if not path.is_file():
        return {}
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines:
        return {}
    header = lines[0].split("\t")
    rows = (dict(zip(header, line.split("\t"), strict=False)) for line in lines[1:] if line.strip())
    return {row["filename"]: row for row in rows if "filename" in row}


def read_split(split: str | os.PathLike[str], limit: int | None = None) -> Iterator[GoldArticle]:
    """Each article of a split directory (sorted by name) with its first annotator's attributions.

    Articles without any annotation file are skipped. Text is read without newline translation so that
    brat's str offsets stay valid.
    """
    split = Path(split)
    meta = _metadata(split)
    count = 0
    for txt in sorted((split / "text").glob("*.txt")):
        if limit is not None and count >= limit:
            return
        anns = sorted((split / "attributions").glob(f"{glob.escape(txt.stem)}_*.ann"))
        anns = [a for a in anns if re.fullmatch(r"[0-9a-f]{4}", a.stem[len(txt.stem) + 1 :])]
        if not anns:
            continue
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        with open(anns[0], encoding="utf-8", newline="") as fh:
            attributions = parse_ann(fh.read())
        row = meta.get(txt.stem, {})
        count += 1
        yield GoldArticle(
            id=txt.stem,
            text=text,
            attributions=attributions,
            annotator=anns[0].stem[len(txt.stem) + 1 :],
            published=_none(row.get("publication_date")),
            source=_none(row.get("publisher")),
        )


def _none(value: str | None) -> str | None:
    return None if value in (None, "", "None") else value


def span_text(text: str, spans: list[Span]) -> str:
    """The text of possibly discontinuous spans, pieces joined by a space."""
    return " ".join(text[a:b] for a, b in spans)
