"""Reading inputs into Articles: files, directories, URLs, feeds, JSON Lines and stdin.

Each input yields Articles, or an :class:`InputError` that names it, says
what is wrong and how to fix it, so one bad input never stops the others.

Kinds, chosen by suffix (a ``.gz`` suffix is decompressed first and the
inner suffix decides), else by content:

- ``.txt``, ``.md``, ``.text``, ``.markdown``: one article of plain text. A
  short first line without a full stop is its title. Files that are not
  UTF-8 are decoded when charset-normalizer is confident of the encoding,
  else reported.
- ``.html``, ``.htm``, ``.xhtml``: a saved web page; trafilatura takes the
  main text, title, date and site name (the outlet).
- ``.xml``, ``.rss``, ``.atom``: an RSS or Atom feed; every entry is an
  article (see :mod:`claimgraph.loaders.feeds`).
- ``.jsonl``, ``.ndjson``: JSON Lines of articles (see :func:`read_jsonl_articles`).
- ``http://`` and ``https://`` URLs: fetched (see :mod:`claimgraph.loaders.fetch`);
  an HTML page goes through trafilatura, a feed gives its entries.
- a directory: every file of those kinds in it, recursively, or those
  matching ``glob`` (e.g. ``"*.html"``).
- ``-``: standard input, JSON Lines when its first line is a JSON object,
  else one plain-text article.

Articles not in the expected language (``language``, default ``"en"``;
``"any"`` keeps all) are skipped with reason ``not English (detected xx)``.
Long articles are never rejected here: extraction splits them.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..graph.errors import InputError
from ..graph.model import Article, article_id
from . import language as lang

__all__ = [
    "FEED_SUFFIXES", "HTML_SUFFIXES", "JSONL_FIELDS", "JSONL_SUFFIXES", "TEXT_SUFFIXES",
    "decode", "read_bytes", "read_inputs", "read_jsonl_articles", "read_text",
]

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + JSONL_SUFFIXES
JSONL_FIELDS = ("text", "title", "url", "published", "outlet", "language")
MAX_GUNZIP = 500_000_000  # bytes after decompression: a gzip bomb stops here
LANGUAGE_NAMES = {"en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese",
                  "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic", "fa": "Persian", "tr": "Turkish", "zh": "Chinese",
                  "he": "Hebrew", "nl": "Dutch", "pl": "Polish"}
_DECLARED = "_declared_language"
_MAGIC = ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
          (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
          (b"\x7fELF", "a program"), (b"BZh", "a bzip2 archive"), (b"\xfd7zXZ", "an xz archive"))


def read_inputs(paths: Iterable[str], *, glob: str | None = None, language: str = "en",
                timeout: float | None = None, max_bytes: int | None = None,
                on_read: Callable[[str], None] | None = None) -> Iterator[Article | InputError]:
    """Articles from paths, directories, URLs or ``-`` (stdin), each or an InputError, in order.

    ``glob`` chooses the files in directories (default: every supported kind);
    ``language`` is the ISO 639-1 code articles must be in, or ``"any"``;
    ``timeout`` and ``max_bytes`` limit URL fetches; ``on_read`` is called
    with the name of each input as it is read.
    """
    for p in paths:
        for item in _read_one(str(p), glob, timeout, max_bytes, on_read):
            yield item if isinstance(item, InputError) else _check_language(item, language)


def _read_one(p: str, glob: str | None, timeout, max_bytes, on_read) -> Iterator[Article | InputError]:
    if p == "-":
        if on_read:
            on_read("<stdin>")
        yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", path=None)
        return
    if p.lower().startswith(("http://", "https://")):
        if on_read:
            on_read(p)
        yield from _read_url(p, timeout, max_bytes)
        return
    path = Path(p)
    if path.is_dir():
        files = _files(path, glob)
        if not files:
            kinds = f"files matching {glob!r}" if glob else "article files (" + " ".join(SUFFIXES) + ", or .gz)"
            yield InputError(p, f"is a directory with no {kinds}.", "Give files or another directory.",
                             reason="empty directory")
        for f in files:
            if on_read:
                on_read(str(f))
            yield from _read_file(f)
    elif path.exists():
        if on_read:
            on_read(p)
        yield from _read_file(path)
    elif "://" in p:
        yield InputError(p, "is a URL of a kind claimgraph does not fetch.", "Give an http:// or https:// URL.",
                         reason="unsupported")
    else:
        yield InputError(p, "does not exist.", "Check the path.", reason="missing")


def _files(folder: Path, glob: str | None) -> list[Path]:
    if glob:
        found = folder.glob(glob) if "/" in glob or "**" in glob else folder.rglob(glob)
        return sorted(f for f in found if f.is_file())
    return sorted(f for f in folder.rglob("*") if f.is_file() and _suffix(f.name) in SUFFIXES)


def _suffix(name: str) -> str:
    """The deciding suffix: the inner one for ``x.html.gz``."""
    p = Path(name.lower())
    if p.suffix == ".gz":
        p = Path(p.stem)
    return p.suffix


def read_text(path: Path) -> Article | InputError:
    """One text file as an Article; binary, undecodable and empty files are errors."""
    return next(iter(_read_file(Path(path), kind="text")))


def _read_file(path: Path, kind: str | None = None) -> Iterator[Article | InputError]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), f"cannot be read ({exc.strerror}).", "Check its permissions.",
                         reason="unreadable")
        return
    yield from read_bytes(raw, str(path), path=str(path), kind=kind)


def read_bytes(raw: bytes, source: str, *, path: str | None = None, url: str | None = None, kind: str | None = None,
               charset: str | None = None) -> Iterator[Article | InputError]:
    """Articles from the bytes of one input called ``source``.

    ``kind`` is ``text``, ``html``, ``feed`` or ``jsonl``; without it the
    suffix of ``source`` decides, else the content. ``.gz`` content is
    decompressed first.
    """
    name = source
    if raw[:2] == b"\x1f\x8b" or name.lower().endswith(".gz"):
        raw = _gunzip(raw, source)
        if isinstance(raw, InputError):
            yield raw
            return
        if name.lower().endswith(".gz"):
            name = name[:-3]
    if not raw.strip():
        yield InputError(source, "is empty.", "Give a file with article text.", reason="empty")
        return
    binary = _binary(raw)
    if binary:
        yield InputError(source, f"is {binary}, not text.", "Give a text, HTML, feed or JSON Lines article file.",
                         reason="binary")
        return
    kind = kind or _kind_by_suffix(name) or _sniff(raw)
    if kind == "html":
        from .html import html_article

        yield html_article(raw, source, path=path, url=url)
    elif kind == "feed":
        from .feeds import feed_articles

        yield from feed_articles(raw, source, path=path)
    else:
        text = decode(raw, source, charset)
        if isinstance(text, InputError):
            yield text
        elif kind == "jsonl":
            yield from read_jsonl_articles(text, source, path=path)
        else:
            yield _article(text, source, path=path, url=url)


def _kind_by_suffix(name: str) -> str | None:
    if name.lower().startswith(("http://", "https://")):
        return None
    suffix = _suffix(name)
    for kind, suffixes in (("text", TEXT_SUFFIXES), ("html", HTML_SUFFIXES), ("feed", FEED_SUFFIXES),
                           ("jsonl", JSONL_SUFFIXES)):
        if suffix in suffixes:
            return kind
    return None


def _sniff(raw: bytes) -> str:
    """The kind of an input with no telling suffix, from its first bytes."""
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    low = head.lower()
    if head.startswith(b"<"):
        from .feeds import looks_like_feed

        if looks_like_feed(low):
            return "feed"
        return "html"
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0]
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    return "text"


def _gunzip(raw: bytes, source: str) -> bytes | InputError:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as fh:
            out = fh.read(MAX_GUNZIP + 1)
    except (OSError, EOFError, zlib.error) as exc:
        return InputError(source, f"is not a readable gzip file ({exc}).", "Check the file, e.g. gzip -t FILE.",
                          reason="bad gzip")
    if len(out) > MAX_GUNZIP:
        return InputError(source, f"decompresses to more than {MAX_GUNZIP} bytes.", "Split it into smaller files.",
                          reason="too large")
    return out


def _binary(raw: bytes) -> str | None:
    """What a binary input is ("a PDF document"), or None for text."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return what
    head = raw[:8192]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte order mark: text
        return None
    if b"\x00" in head:
        return "a binary file"
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return "a binary file" if controls > len(head) * 0.1 else None


def decode(raw: bytes, source: str, charset: str | None = None) -> str | InputError:
    """Text of ``raw``: UTF-8 (or UTF-16 with a BOM, or the declared ``charset``), else the
    encoding charset-normalizer is confident of; an InputError says when it is not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = exc.start
    if charset:
        try:
            return raw.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    text, guess = _guess_encoding(raw)
    if text is not None:
        return text
    fix = f"Convert it to UTF-8 first, e.g. iconv -f {guess or 'latin1'} -t utf-8 '{source}'."
    return InputError(source, f"is not UTF-8 (bad byte at offset {bad}) and its encoding cannot be told with "
                      f"confidence" + (f" (perhaps {guess})." if guess else "."), fix, reason="encoding")


def _guess_encoding(raw: bytes) -> tuple[str | None, str | None]:
    """(decoded text when charset-normalizer is confident, else None; its best guess's name or None)."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:
        return None, None
    results = from_bytes(raw)
    best = results.best()
    if best is None:
        return None, None
    close = [m for m in results if m.chaos <= best.chaos + 0.01]
    texts = {str(m) for m in close}
    # cp1252 is by far the most common 8-bit encoding of Western news text: prefer it among equals
    western = next((m for m in close if m.encoding in ("cp1252", "latin_1", "iso8859_15")), None)
    choice = western or best
    confident = best.chaos <= 0.1 and (len(texts) == 1 or (best.coherence >= 0.2 and len(raw) >= 64))
    return (str(choice) if confident else None), choice.encoding.replace("_", "-")


def read_jsonl_articles(text: str, source: str, *, path: str | None = None) -> Iterator[Article | InputError]:
    """Articles from JSON Lines, one JSON object per line.

    Fields (every one but ``text`` may be left out or null):

    - ``text`` (string, required): the article's full text;
    - ``title`` (string): its headline;
    - ``url`` (string): where it was published;
    - ``published`` (string): when, ISO 8601 (``2024-03-22`` or ``2024-03-22T18:00:00Z``);
    - ``outlet`` (string): the publisher, e.g. ``Reuters``;
    - ``language`` (string): its ISO 639-1 code, e.g. ``en``; when given it is
      trusted instead of detecting the language.

    Other fields are ignored. Blank lines are skipped. A line that is not a
    JSON object, or has no ``text``, is an :class:`InputError` naming
    ``FILE:LINE``; the other lines go on.
    """
    seen = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen = True
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield InputError(where, f"is not valid JSON ({getattr(exc, 'msg', exc)} at column "
                             f"{getattr(exc, 'colno', '?')}).", "Fix the line: each line must be one JSON object.",
                             reason="malformed JSON line")
            continue
        if not isinstance(obj, dict):
            yield InputError(where, f"is a JSON {type(obj).__name__}, not an object.",
                             'Write each article as an object: {"text": "..."}.', reason="malformed JSON line")
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            what = "has no \"text\" field" if body is None else "has an empty or non-string \"text\" field"
            yield InputError(where, f"{what} (the article's text, required).",
                             'Add the article as "text": "...".', reason="missing field")
            continue
        fields = {}
        for key in JSONL_FIELDS[1:]:
            value = obj.get(key)
            if value is not None and not isinstance(value, str):
                value = str(value)
            fields[key] = value or None
        declared = fields.pop("language")
        art = Article(article_id(body), body, path=f"{source}:{n}" if path else path, **fields)
        if declared:
            art.language = declared.strip().lower()
            art.__dict__[_DECLARED] = True  # not a field: the language check trusts it
        yield art
    if not seen:
        yield InputError(source, "is empty.", "Give a file with article text.", reason="empty")


def _article(text: str, name: str, path: str | None, url: str | None = None) -> Article | InputError:
    if not text.strip():
        return InputError(name, "is empty.", "Give a file with article text.", reason="empty")
    first = text.strip().split("\n", 1)[0].strip()
    # A short first line with no full stop is a headline.
    title = first if len(first) < 150 and not first.endswith(".") and "\n" in text.strip() else None
    return Article(article_id(text), text, path=path, url=url, title=title)


def _read_url(url: str, timeout, max_bytes) -> Iterator[Article | InputError]:
    from .fetch import fetch

    got = fetch(url, timeout, max_bytes)
    if isinstance(got, InputError):
        yield got
        return
    ctype = got.content_type
    if ctype in ("text/html", "application/xhtml+xml"):
        kind = "html"
    elif ctype in ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                   "text/xml", "application/feed+xml"):
        kind = "feed"
    elif ctype in ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/json"):
        kind = "jsonl"
    elif ctype == "text/plain":
        kind = "text"
    else:
        kind = None
    if kind in ("html", "feed", None) and got.content[:2] != b"\x1f\x8b":
        kind = _sniff(got.content) if kind is None else kind
        from .feeds import looks_like_feed

        if kind == "html" and looks_like_feed(got.content.lstrip()[:2048].lower()):
            kind = "feed"
    yield from read_bytes(got.content, url, url=got.url, kind=kind, charset=got.charset)


def _check_language(art: Article, expected: str) -> Article | InputError:
    expected = (expected or "en").lower()
    declared = art.language if art.__dict__.pop(_DECLARED, False) else None
    if declared and expected != lang.ANY:
        found = declared if declared.split("-")[0] != expected else None
    else:
        found = lang.mismatch(art.text, expected)
    if found:
        want = LANGUAGE_NAMES.get(expected, expected)
        return InputError(art.url or art.path or art.id, f"is not in {want} (detected {found}).",
                          f"Pass --language {found} (or --language any) to read it anyway.",
                          reason=f"not {want} (detected {found})")
    if expected == lang.ANY:
        if not declared:
            code, prob = lang.detect(art.text)
            art.language = code if code and prob >= 0.5 else "und"
    else:
        art.language = expected
    return art
