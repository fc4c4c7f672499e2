"""Word lists the components read: attribution cues and the attack/actor lexicon.

They live in ``loaders/data/*_en.jsonl`` (one ``{"role", "words"[, "kind"]}``
object per line) so that they can be read, reviewed and extended without
touching code.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib.resources import files

__all__ = ["data_path", "words", "words_by_kind", "words_list"]


def data_path(name: str):
    """A packaged data file of claimgraph.loaders."""
    return files("claimgraph.loaders") / "data" / name


@lru_cache(maxsize=None)
def _rows(name: str) -> tuple[dict, ...]:
    text = data_path(name).read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip())


def words(name: str, role: str) -> frozenset[str]:
    """All words of one role in a data file, lower case."""
    return frozenset(w.lower() for r in _rows(name) if r["role"] == role for w in r["words"])


def words_by_kind(name: str, role: str) -> dict[str, str]:
    """word -> kind for a role whose rows carry a ``kind``."""
    return {w.lower(): r["kind"] for r in _rows(name) if r["role"] == role for w in r["words"]}


@lru_cache(maxsize=None)
def words_list(name: str) -> frozenset[str]:
    """A packaged plain word list, one word per line."""
    return frozenset(line.strip() for line in data_path(name).read_text(encoding="utf-8").splitlines() if line.strip())
