"""Text cleaning before spaCy, with offsets kept into the original text.

spaCy crashes on lone surrogates, and invisible characters (zero-width
spaces, bidi marks, other control characters) split or hide entities. They
are dropped; blocks of a scraped page glued together ("motiveEarly") get a
blank line between them; :class:`CleanText` maps every offset of the cleaned
text back to the original so quotes point into what the user gave.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

__all__ = ["CleanText", "clean"]

_KEEP = {"\n", "\t", "\r"}
# A scraped page's blocks run together: "Doubts about motiveEarly speculation had ...", "'He is a
# leech'Several victims ...". A lower-case word, and the quote or bracket that closes it, glued to a
# capitalised one is two blocks (never a name: "YouTube", "McDonald" start upper case). A full stop
# is left alone: spaCy splits "said.Police" itself.
_GLUED = re.compile(r"\b([a-z]{3,}['’\"”)?!]?)([A-Z][a-z]+)\b")


def _dropped(ch: str) -> bool:
    if ch in _KEEP:
        return False
    cat = unicodedata.category(ch)
    # Cc control, Cf format (zero-width, bidi marks, BOM), Cs lone surrogates, Co/Cn unassigned
    return cat in ("Cc", "Cf", "Cs", "Co", "Cn")


@dataclass
class CleanText:
    text: str
    original: str
    _index: list[int] | None  # cleaned offset -> original offset; None when nothing changed

    def orig(self, offset: int) -> int:
        """The original offset of a cleaned one (an end offset maps to just past its char)."""
        if self._index is None:
            return offset
        if offset >= len(self._index):
            return len(self.original)
        return self._index[offset]

    def orig_span(self, start: int, end: int) -> tuple[int, int]:
        if self._index is None or start >= end:
            return start, end
        return self.orig(start), self.orig(end - 1) + 1


def clean(text: str) -> CleanText:
    """Drop characters that break tokenisation, keeping a map back to ``text``.

    >>> c = clean("Pu\\u200btin")
    >>> c.text, c.orig_span(0, 5)
    ('Putin', (0, 6))
    """
    glued = {m.start(2) for m in _GLUED.finditer(text)}
    dropped = {ch for ch in set(text) if _dropped(ch)}  # a text has few distinct characters: ask each once
    if not glued and not dropped:
        return CleanText(text, text, None)
    kept = []
    for i, ch in enumerate(text):
        if i in glued:
            # a blank line: the blocks are paragraphs, so a title glued to its text stays a title
            # (a single line break ran the headline into the next sentence); both stand where the
            # second block starts
            kept += [(i, "\n"), (i, "\n")]
        if ch not in dropped:
            kept.append((i, ch))
    return CleanText("".join(ch for _, ch in kept), text, [i for i, _ in kept])
