"""Reading inputs into Articles: text files, directories and stdin.

Each input yields either an :class:`Article` or an :class:`InputError` that
names it, says what is wrong and how to fix it, so one bad file never stops
the others.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterable, Iterator

from ..graph.errors import InputError
from ..graph.model import Article, article_id

__all__ = ["TEXT_SUFFIXES", "read_inputs", "read_text"]

TEXT_SUFFIXES = (".txt", ".md", ".text")


def read_inputs(paths: Iterable[str]) -> Iterator[Article | InputError]:
    """Articles from paths: files, directories (recursive, text files only), or ``-`` for stdin."""
    for p in paths:
        if p == "-":
            yield _article(sys.stdin.read(), "<stdin>", path=None)
            continue
        path = Path(p)
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                yield InputError(p, "is a directory with no .txt or .md files.", "Give text files or another directory.",
                                 reason="empty directory")
            for f in files:
                yield read_text(f)
        elif path.exists():
            yield read_text(path)
        else:
            yield InputError(p, "does not exist.", "Check the path.", reason="missing")


def read_text(path: Path) -> Article | InputError:
    """One text file as an Article; binary, non-UTF-8 and empty files are errors."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return InputError(str(path), f"cannot be read ({exc.strerror}).", "Check its permissions.", reason="unreadable")
    if b"\x00" in raw[:8192]:
        return InputError(str(path), "is a binary file, not text.", "Give a .txt or .md article.", reason="binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputError(str(path), f"is not UTF-8 text (bad byte at offset {exc.start}).",
                          f"Convert it first, e.g. iconv -f latin1 -t utf-8 '{path}'.", reason="encoding")
    return _article(text, str(path), path=str(path))


def _article(text: str, name: str, path: str | None) -> Article | InputError:
    if not text.strip():
        return InputError(name, "is empty.", "Give a file with article text.", reason="empty")
    first = text.strip().split("\n", 1)[0].strip()
    # A short first line with no full stop is a headline.
    title = first if len(first) < 150 and not first.endswith(".") and "\n" in text.strip() else None
    return Article(article_id(text), text, path=path, title=title)
