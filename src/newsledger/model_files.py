"""The model files shipped in the package (`newsledger/models/`, described in its README).

One reader for the three loaders (`events.typing.default_typer`, `events.arguments.default_ranker`,
`claims.checkworthy.default_model`), so a missing file means the same thing everywhere: the rules stand.
"""

from __future__ import annotations

from importlib import resources


def shipped_model(file_name: str) -> str | None:
    """The text of `newsledger/models/<file_name>`, or None when the package was built without it."""
    path = resources.files("newsledger").joinpath("models", file_name)
    return path.read_text(encoding="utf-8") if path.is_file() else None
