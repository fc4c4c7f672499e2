"""Which language an article is in, with py3langid (small, offline, deterministic).

Short texts are hard to tell apart, so the check leans towards the language
asked for: a text is called something else only when it has enough letters
and the detector is sure, or when most of its letters are not in the Latin
script while the language asked for is written in it.
"""

from __future__ import annotations

import threading
import unicodedata

__all__ = ["ANY", "detect", "mismatch"]

ANY = "any"
MIN_LETTERS = 40  # below this a detector's guess is noise
SURE = 0.9
SAMPLE = 5000
_LATIN_LANGS = {"en", "fr", "de", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "fi", "pl", "cs", "sk", "sl", "hr",
                "ro", "hu", "tr", "id", "ms", "vi", "et", "lv", "lt", "sq", "ca", "eu", "gl", "af", "sw", "tl"}

_lock = threading.Lock()
_identifier = None


def _ident():
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _identifier


def _letters(text: str) -> tuple[int, float]:
    """How many letters, and the share of them in the Latin script."""
    letters = latin = 0
    for ch in text:
        if ch.isalpha():
            letters += 1
            if ch < "\u0250" or "LATIN" in unicodedata.name(ch, ""):
                latin += 1
    return letters, (latin / letters if letters else 1.0)


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, probability) for ``text``, or (None, 0.0) when it has too few letters.

    >>> detect("Le groupe État islamique a revendiqué l'attentat à Paris, selon les autorités.")[0]
    'fr'
    """
    sample = text[:SAMPLE]
    letters, _ = _letters(sample)
    if letters < 3:
        return None, 0.0
    lang, prob = _ident().classify(sample)
    return str(lang), float(prob)


def mismatch(text: str, expected: str) -> str | None:
    """The detected language when ``text`` is clearly not in ``expected``; None when it is or may be.

    ``expected`` is an ISO 639-1 code or ``any`` (never a mismatch).
    """
    if expected == ANY:
        return None
    sample = text[:SAMPLE]
    letters, latin_share = _letters(sample)
    if letters < 3:
        return None
    lang, prob = detect(sample)
    if lang is None or lang == expected:
        return None
    if expected in _LATIN_LANGS and latin_share < 0.5:
        return lang if lang not in _LATIN_LANGS else "und"
    if letters >= MIN_LETTERS and prob >= SURE:
        return lang
    return None
