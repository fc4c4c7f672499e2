"""``claimgraph_paragraphs``: a blank line, or the line break after a headline, ends a sentence.

Headlines and datelines have no full stop; without this the parser runs a
headline into the first sentence of the body. A single line break inside
hard-wrapped text is left alone. Runs before the parser, which keeps
boundaries that are already set.
"""

import re

import numpy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

_HEADLINE = 150  # characters: a line this short without a full stop is a headline
# A field of an exported feed item ("- user: None", "- tags: world"): between a headline and its
# summary, it is no headline of a story of its own
_FIELD = re.compile(r"\s*[-*] \w+: ")


@Language.component("claimgraph_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    spaces = _spaces(doc)
    text = doc.text if spaces else ""
    for tok in (doc[i] for i in spaces):
        if "\n" not in tok.text:
            continue
        line_start = text.rfind("\n", 0, tok.idx) + 1
        headline = tok.idx - line_start < _HEADLINE and not doc[tok.i - 1].is_punct
        if tok.text.count("\n") >= 2 or headline:
            doc[tok.i + 1].is_sent_start = True
    return doc


STORIES = "claimgraph_story_starts"


def story_starts(doc: Doc) -> list[int]:
    """Where each story of the text starts (token indices, the first is 0). A text with
    three or more headlines standing alone between blank lines is a digest (of feed items,
    or a bulletin of reports): each headline starts a story. Any other text is one story
    (a headline or two there are the article's title, a section or a speaker's label)."""
    if STORIES in doc.user_data:  # coreference, attacks and attribution all ask
        return doc.user_data[STORIES]
    starts = [0]
    spaces = _spaces(doc)
    if len(spaces) < 3:  # fewer than three headlines: one story
        doc.user_data[STORIES] = starts
        return starts
    text = doc.text
    for tok in (doc[i] for i in spaces):
        if not tok.text.count("\n") >= 2:
            continue  # a story's headline follows a blank line ...
        nxt = text.find("\n", tok.idx + len(tok.text))
        line = text[tok.idx + len(tok.text):nxt if nxt >= 0 else len(text)]
        if (0 < len(line.strip()) < _HEADLINE and not line.rstrip().endswith((".", "!", "?", '"', "”"))
                and not _FIELD.match(line) and text[nxt:nxt + 2] == "\n\n"):  # ... and stands alone before one
            starts.append(tok.i + 1)
    doc.user_data[STORIES] = starts if len(starts) >= 4 else [0]
    return doc.user_data[STORIES]


def _spaces(doc: Doc) -> list[int]:
    """The whitespace tokens of the text but its first and last (where a line can break)."""
    return [i for i in numpy.flatnonzero(doc.to_array(IS_SPACE)).tolist() if 0 < i < len(doc) - 1] if len(doc) else []
