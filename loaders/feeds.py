"""RSS and Atom feeds (feedparser): each entry becomes an Article.

An entry's text is its full content when the feed carries it, else its
summary; its title, link (as ``url``) and published (or updated) date (ISO,
``YYYY-MM-DD``) come along, and the feed's title is the outlet. A feed that
does not parse is one :class:`InputError`; an entry with no text is another,
naming the entry.
"""

from __future__ import annotations

import time
from typing import Iterator

from ..graph.errors import InputError
from ..graph.model import Article, article_id
from .html import html_to_text

__all__ = ["feed_articles", "looks_like_feed"]


def looks_like_feed(head: bytes) -> bool:
    """Whether the start of a document is an RSS, RDF or Atom feed."""
    low = head[:2048].lower()
    return b"<rss" in low or b"<feed" in low or b"<rdf:rdf" in low


def feed_articles(content: bytes, source: str, *, path: str | None = None) -> Iterator[Article | InputError]:
    """The entries of a feed as Articles, or errors naming the feed or the entry."""
    import feedparser

    try:
        parsed = feedparser.parse(content, sanitize_html=True, resolve_relative_uris=False)
    except Exception as exc:  # noqa: BLE001 - feedparser is lenient, but one bad feed never stops a run
        parsed = None
        problem = f"{exc.__class__.__name__}: {exc}"
    else:
        problem = str(parsed.get("bozo_exception") or "no RSS or Atom elements")
    if parsed is None or not parsed.entries:
        if parsed is not None and not parsed.get("bozo") and parsed.get("version"):
            yield InputError(source, "is a feed with no entries.", "Give a feed that has entries.", reason="empty feed")
            return
        yield InputError(source, f"is not a feed that parses ({_one_line(problem)}).",
                         "Check that it is RSS or Atom XML, e.g. open it in a browser.", reason="feed does not parse")
        return
    broken = parsed.get("bozo") and not _encoding_only(parsed.get("bozo_exception"))
    if broken:  # what feedparser recovered goes on; the feed is reported as broken
        yield InputError(source, f"is a feed that does not parse completely ({_one_line(problem)}); "
                         f"{len(parsed.entries)} entries recovered.",
                         "Check that it is complete RSS or Atom XML.", reason="feed does not parse")
    outlet = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, 1):
        link = entry.get("link") or None
        name = f"{source} entry {n}" + (f" ({link})" if link else "")
        content_items = entry.get("content") or []
        raw = max((c.get("value", "") for c in content_items), key=len, default="") or entry.get("summary", "")
        text = html_to_text(raw or "")
        if not text:
            if broken:
                continue
            yield InputError(name, "has no content or summary.", "The feed carries no text for it; fetch its link.",
                             reason="empty")
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        yield Article(article_id(text), text, path=path, url=link,
                      title=html_to_text(entry.get("title", "")) or None,
                      published=time.strftime("%Y-%m-%d", when) if when else None, outlet=outlet)


def _encoding_only(exc) -> bool:
    """Whether feedparser's complaint is only about a declared encoding (harmless)."""
    return exc is not None and "Encoding" in exc.__class__.__name__


def _one_line(text: str) -> str:
    return " ".join(text.split())[:200]
