"""HTML pages into Articles through trafilatura: main text, title, date and site name.

A page whose extracted "text" is mostly the text of its links (a section
front, a menu) or only a few words is no article; it becomes an
:class:`InputError` with reason ``no article text``.
"""

from __future__ import annotations

import re

from ..graph.errors import InputError
from ..graph.model import Article, article_id

__all__ = ["MIN_WORDS", "html_article", "html_to_text"]

MIN_WORDS = 10
MAX_LINK_SHARE = 0.5
_SPACE = re.compile(r"\s+")
_BLOCKS = ("p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "section", "article")


def html_article(content: bytes | str, source: str, *, path: str | None = None,
                 url: str | None = None) -> Article | InputError:
    """One HTML page as an Article (text, title, published, outlet), or why not."""
    try:
        import trafilatura
    except ImportError as exc:  # lxml_html_clean missing makes trafilatura fail to import
        return InputError(source, f"cannot be read: trafilatura does not import ({exc}).",
                          "Install it: pip install trafilatura lxml_html_clean.", reason="missing dependency")
    try:
        doc = trafilatura.bare_extraction(content, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False)
    except Exception as exc:  # noqa: BLE001 - a page the extractor chokes on is one bad input
        return InputError(source, f"is HTML the extractor cannot read ({exc.__class__.__name__}).",
                          "Save the page again or give its text as .txt.", reason="no article text")
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text or len(text.split()) < MIN_WORDS or _link_share(content, text) > MAX_LINK_SHARE:
        return InputError(source, "is a page with no article text (only navigation, links or a few words).",
                          "Give the address of the article itself, not a front or section page.",
                          reason="no article text")
    return Article(article_id(text), text, path=path, url=url or getattr(doc, "url", None) or None,
                   title=getattr(doc, "title", None) or None, published=getattr(doc, "date", None) or None,
                   outlet=getattr(doc, "sitename", None) or None)


def _link_share(content: bytes | str, text: str) -> float:
    """The share of the extracted text's characters that are the text of links on the page."""
    try:
        import lxml.html

        tree = lxml.html.fromstring(content)
    except Exception:  # noqa: BLE001 - unparsable here means we cannot tell: count no links
        return 0.0
    anchors = {_SPACE.sub(" ", a.text_content()).strip() for a in tree.iter("a")}
    anchors.discard("")
    lines = [_SPACE.sub(" ", line).strip() for line in text.splitlines()]
    total = sum(len(line) for line in lines) or 1
    return sum(len(line) for line in lines if line in anchors) / total


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's content), paragraphs kept apart."""
    if "<" not in fragment:
        return fragment.strip()
    try:
        import lxml.html

        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # noqa: BLE001 - not HTML after all
        return fragment.strip()
    for el in list(root.iter("script", "style")):
        el.drop_tree()
    for el in root.iter(*_BLOCKS):
        el.tail = "\n\n" + (el.tail or "")
    paragraphs = (_SPACE.sub(" ", p).strip() for p in root.text_content().split("\n\n"))
    return "\n\n".join(p for p in paragraphs if p)
