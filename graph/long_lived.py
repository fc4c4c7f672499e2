"""Building big, long-lived data out of the way of the cyclic garbage collector.

A 100k-article NetworkXStore is some 25 million dicts, lists and tuples. Python's
cyclic collector scans every tracked object in a full collection, which took 11 s
at that size, and it runs full collections again and again while such a
structure is built (reading the 2 GB pickle took 16 s with it, 7.5 s without).
None of these objects is garbage, and reference counting frees whatever is
dropped without cycles.

So the embedded store pauses the collector while it builds its graph or an
index of it, as does `claimgraph neo4j import` while it folds the records, then
freezes what exists into the permanent generation (``gc.freeze``): later
collections skip it. The cost: a frozen object that ends up in a reference cycle
and is dropped is only freed after ``gc.unfreeze()``. A networkx graph is such a
cycle (its cached views point back at it), so a process that drops big stores
one after another should call ``gc.unfreeze()`` and ``gc.collect()`` now and then.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator

__all__ = ["long_lived"]


@contextmanager
def long_lived() -> Iterator[None]:
    """Pause the cyclic collector for the block; afterwards freeze every object alive."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
