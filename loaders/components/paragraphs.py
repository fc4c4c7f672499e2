"""``claimgraph_paragraphs``: a blank line, or the line break after a headline, ends a sentence.

Headlines and datelines have no full stop; without this the parser runs a
headline into the first sentence of the body. A single line break inside
hard-wrapped text is left alone. Runs before the parser, which keeps
boundaries that are already set.
"""

from spacy.language import Language
from spacy.tokens import Doc

_HEADLINE = 150  # characters: a line this short without a full stop is a headline


@Language.component("claimgraph_paragraphs")
def mark_paragraphs(doc: Doc) -> Doc:
    text = doc.text
    for tok in doc[1:-1]:
        if not (tok.is_space and "\n" in tok.text):
            continue
        line_start = text.rfind("\n", 0, tok.idx) + 1
        headline = tok.idx - line_start < _HEADLINE and not doc[tok.i - 1].is_punct
        if tok.text.count("\n") >= 2 or headline:
            doc[tok.i + 1].is_sent_start = True
    return doc
