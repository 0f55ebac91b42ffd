"""How a document's path is shown and fingerprinted: relative to the working folder."""

from __future__ import annotations

import os


def display_path(path: str) -> str:
    """Paths relative to the working folder when they are below it, with forward slashes."""
    if path == "-":
        return path
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = path
    chosen = path if rel.startswith("..") else rel
    return chosen.replace(os.sep, "/")
