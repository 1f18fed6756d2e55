"""The PolNeAR train texts the benches read, copied into a folder of their own (so a bench ingests exactly them)."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsledger.eval.brat import shared_dir


def copy_train_texts(folder: Path, limit: int | None = None) -> list[Path]:
    """Copy the first `limit` (all when None) PolNeAR train texts, in name order, into `folder` (created);
    returns the copies."""
    paths = sorted((shared_dir() / "datasets" / "polnear" / "train" / "text").glob("*.txt"))[:limit]
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for path in paths:
        shutil.copy(path, folder / path.name)
        out.append(folder / path.name)
    return out
