"""Offline bulk import of extraction records into the local Neo4j server, with ``neo4j-admin``.

``Neo4jStore.load`` writes through Bolt (UNWIND + MERGE batches), some 5-7k
rows/s on two cores. ``neo4j-admin database import full`` writes the store
files directly: it is Neo4j's tool for the **initial load** of large data. It
builds the database from nothing (replacing an existing one only when told
to, ``overwrite=True``) and needs the server stopped; later additions go
through ``Neo4jStore.load`` (``claimgraph load``) as usual.

The imported graph is the one ``Neo4jStore.load`` builds from the same
records, in the same order:

- the records are folded by the online loader's own :class:`~.neo4j_store.Fold`
  (over :func:`~.schema.graph_records`): labels united, scalar properties
  last-write-wins, list properties an ordered union, one relationship per
  (type, start, end, key) with keyed ones carrying ``article``; a node met
  only as a relationship's end gets its id and that end's label;
- COPY_OF edges are found in Python with :mod:`.dedup` (the articles'
  ``lsh`` band keys give the candidates, ``is_copy`` decides), the pairs
  ``NetworkXStore`` and ``neo4j_store.copy_links`` find;
- strings go through the same lone-surrogate repair (``valid_unicode``).

Constraints and indexes are not part of the import: the next ``Neo4jStore``
on the started server creates them (``ensure_schema``), as on any database.
"""

from __future__ import annotations

import re
import shlex
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO

from . import neo4j_server as server
from .dedup import copy_and_original, is_copy
from .disputes import ASSERTS, DISPUTES, refresh
from .errors import InputError, ServerError, StoreError
from .long_lived import long_lived
from .model import Extraction
from .neo4j_store import Fold, valid_unicode
from .schema import LABELS, REL_TYPES, graph_records

__all__ = ["DATABASE", "bulk_import", "copy_edges", "summarise"]

DATABASE = "neo4j"  # the server's default database, the one claimgraph uses
Progress = Callable[[str], None]

# Array elements are joined with one character that occurs in no element; these never occur in text.
_ARRAY_DELIMITERS = [chr(c) for c in range(0x1F, 0x00, -1) if chr(c) not in "\t\n\r"]
_KEY = re.compile(r"\w+")
# A stage line ("Node Degrees, started 2025-..."); a heap-size warning may precede it on the same line.
_STAGE = re.compile(r"(?:^|iB)([A-Z][\w<>/ -]*), started \d{4}-\d\d-\d\d")
_IMPORTED = re.compile(r"Imported:\s+(\d+) nodes\s+(\d+) relationships")


def bulk_import(extractions: Iterable[Extraction], data_dir: Path | str | None = None, *,
                overwrite: bool = False, progress: Progress | None = None) -> dict:
    """Import extraction records into the local server's database (an initial load) with neo4j-admin.

    The server of ``data_dir`` (default: claimgraph's data directory) must be
    stopped. A database that already holds data is replaced only with
    ``overwrite=True``. Returns ``{"articles", "records", "nodes",
    "relationships", "copies", "seconds"}``: ``records`` counts the node and
    relationship rows of the extractions (``graph_records``); ``nodes`` and
    ``relationships``, what they fold into, as neo4j-admin counted them.
    Start the server afterwards (``claimgraph neo4j start``): the first
    ``Neo4jStore`` creates the constraints and indexes.
    """
    home = server.home_dir(data_dir)
    where = f" --data-dir {shlex.quote(str(data_dir))}" if data_dir else ""
    pid = server.running_pid(data_dir)
    if pid is not None:
        raise ServerError(f"The local Neo4j server of {home} is running (pid {pid}); neo4j-admin import needs it "
                          f"stopped. Stop it first with `claimgraph neo4j stop{where}`, import, then start it again.")
    store = home / "data" / "databases" / DATABASE
    if _holds_data(store) and not overwrite:
        raise ServerError(f"The database {DATABASE!r} in {home} already holds data. An import is an initial load "
                          f"that replaces the whole database: pass --overwrite (overwrite=True) to replace it, or "
                          f"add the records to it with `claimgraph load` while the server runs.")
    started = time.perf_counter()
    # The fold is millions of objects that live until the import ends (see long_lived.py).
    with long_lived():
        fold, articles = _fold(extractions, progress)
        if not articles:
            raise StoreError("No extraction records to import; give the JSON Lines output of `claimgraph extract`.")
        _report(progress, f"Finding near-duplicate articles among {len(fold.nodes):,} nodes")
        copies = copy_edges({i: fold.nodes[i][1] for i in dict.fromkeys(articles)})
        _report(progress, "Summarising the disputes of each claim")
        summarise(fold)

    server.make_home(data_dir)
    # The CSV files go beside the database (same disk, and /tmp may be small), and always away.
    with tempfile.TemporaryDirectory(prefix="claimgraph-import-", dir=home / "import") as work:
        _report(progress, "Writing CSV files for neo4j-admin")
        csv = _CsvFiles(Path(work), _array_delimiter(fold))
        nodes, rels = _write(fold, copies, csv)
        csv.close()
        arguments = [
            "database", "import", "full", "--verbose",
            *(f"--nodes={name}" for name in csv.node_files), *(f"--relationships={name}" for name in csv.rel_files),
            # Article texts and quotes span lines; --trim-strings and --ignore-empty-strings stay off, so
            # "" stays an empty string (an absent property is an empty unquoted field, never written).
            "--multiline-fields=true", f"--array-delimiter=U+{ord(csv.delimiter):04X}",
            # A value must fit in the read buffer (4 MB by default): make room for the longest text.
            f"--read-buffer-size={max(4 << 20, 4 * csv.longest + 1024)}",
            "--bad-tolerance=0", "--report-file=import.report",
            *(["--overwrite-destination=true"] if store.exists() else []),
            DATABASE,
        ]

        def stage(line: str) -> None:
            found = _STAGE.search(line)
            if found:
                _report(progress, f"neo4j-admin: {found.group(1)} ({nodes:,} nodes, {rels:,} relationships)")

        # Relative file names, run in the work folder: neo4j-admin reads --nodes as regular expressions.
        code, output = server.run_admin(data_dir, arguments, cwd=Path(work), on_output=stage, progress=progress)
    if code != 0:
        raise ServerError(f"neo4j-admin could not import into {store} (exit {code}):\n{_admin_error(output)}\n"
                          "Fix the cause and import again with --overwrite: the store may be left unusable.")
    counted = _IMPORTED.search(output)
    if counted:  # neo4j-admin's own count of what it wrote
        nodes, rels = int(counted.group(1)), int(counted.group(2))
    return {"articles": len(articles), "records": fold.records, "nodes": nodes, "relationships": rels,
            "copies": len(copies), "seconds": round(time.perf_counter() - started, 2)}


def copy_edges(articles: dict[str, dict]) -> dict[tuple[str, str], float]:
    """COPY_OF edges ``{(copy, original): similarity}`` among articles (id -> properties, in load order).

    The pairs ``NetworkXStore._link_copies`` finds: each article against the
    earlier ones sharing one of its ``lsh`` band keys, the same test
    (``is_copy``), the same direction (``copy_and_original``).
    """
    index: dict[str, list[str]] = {}
    edges: dict[tuple[str, str], float] = {}
    for article, props in articles.items():
        keys = props.get("lsh") or []
        for other in sorted({o for k in keys for o in index.get(k, ())}):
            found = is_copy(props.get("text", ""), articles[other].get("text", ""))
            if found:
                pair = copy_and_original((article, props.get("published")), (other, articles[other].get("published")))
                edges[pair] = found
        for k in keys:
            index.setdefault(k, []).append(article)
    return edges


def summarise(fold: Fold) -> None:
    """Put each claim's dispute summary (:mod:`.disputes`) among its folded properties: the values
    the online loader's refresh gives after loading the same records."""
    statements: dict[str, list] = defaultdict(list)
    accused: dict[str, list] = defaultdict(list)
    about: dict[str, str] = {}
    claims_of: dict[str, list] = defaultdict(list)
    for (rel_type, start, end, _), (start_label, end_label, props) in fold.rels.items():
        if rel_type in (ASSERTS, DISPUTES) and end_label == "Actor":
            statements[start].append((end, rel_type, props.get("published")))
        elif rel_type == "BLAMES" and end_label == "Actor":
            accused[start].append(end)
        elif rel_type == "ABOUT" and start_label == "Claim":
            about[start] = end
            claims_of[end].append(start)
    found = refresh(about, lambda claims: {c: ({}, statements[c]) for c in claims},
                    lambda attacks: {t: {c: ({}, accused[c]) for c in claims_of[t]} for t in attacks})
    for claim, summary in found.items():
        fold.nodes[claim][1].update((k, v) for k, v in summary.items() if v is not None)


def _fold(extractions: Iterable[Extraction], progress: Progress | None) -> tuple[Fold, list[str]]:
    """All records in one fold, as one big transaction of the online loader; and the article ids."""
    fold, articles = Fold(), []
    for n, ex in enumerate(extractions, 1):
        try:
            fold.add(*graph_records(ex))
        except (AttributeError, TypeError, ValueError) as exc:  # a record with fields of the wrong type
            name = getattr(getattr(ex, "article", None), "id", None) or f"record {n}"
            raise InputError(name, f"cannot be put in the graph ({exc.__class__.__name__}: {exc}).",
                             "Give the output of 'claimgraph extract'.", reason="malformed record") from exc
        articles.append(ex.article.id)
        if n % 1000 == 0:
            _report(progress, f"Read {n:,} articles ({fold.records:,} records)")
    return fold, articles


def _write(fold: Fold, copies: dict[tuple[str, str], float], csv: _CsvFiles) -> tuple[int, int]:
    """Every node and relationship of the fold, and the COPY_OF edges, as CSV rows; returns their counts."""
    for node_id, (labels, scalars, lists) in fold.nodes.items():
        # A list property is set by its first non-empty value (an empty one leaves it absent).
        csv.node(node_id, labels, {**scalars, **{k: v for k, v in lists.items() if v}})
    stubs: dict[str, str] = {}
    for (_, start, end, _), (start_label, end_label, _) in fold.rels.items():
        for node_id, label in ((start, start_label), (end, end_label)):
            if node_id not in fold.nodes:
                stubs.setdefault(node_id, label)  # MERGE (b:Label {id}) makes it, with that label only
    for node_id, label in stubs.items():
        csv.node(node_id, {label}, {})
    for (rel_type, start, end, key), (_, _, props) in fold.rels.items():
        # The online MERGE matches keyed relationships on {article: key}, then sets the properties.
        csv.rel(rel_type, start, end, {"article": key, **props} if key else props)
    for (copy, original), similarity in copies.items():
        csv.rel("COPY_OF", copy, original, {"similarity": similarity})
    return len(fold.nodes) + len(stubs), len(fold.rels) + len(copies)


class _CsvFiles:
    """One CSV file per shape (labels or type, and property names with their types), header first.

    Rows of one file have the same properties, so an absent property is never
    an empty field, and a value is always typed by its own Python type.
    """

    def __init__(self, folder: Path, delimiter: str):
        self.folder, self.delimiter = folder, delimiter
        self.longest = 0  # characters of the longest value written
        self.node_files: list[str] = []
        self.rel_files: list[str] = []
        self._open: dict[tuple, IO[str]] = {}

    def node(self, node_id: str, labels: Iterable[str], props: dict) -> None:
        labels = sorted(labels)
        if not labels or not set(labels) <= set(LABELS):
            raise StoreError(f"node {node_id}: labels outside the schema: {labels}")
        self._row(("node", *labels), "id:ID,:LABEL", [_quote(node_id), _quote(self.delimiter.join(labels))],
                  node_id, props)

    def rel(self, rel_type: str, start: str, end: str, props: dict) -> None:
        if rel_type not in REL_TYPES:
            raise StoreError(f"relationship {start}-{rel_type}->{end}: a type outside the schema")
        self._row(("rel", rel_type), ":START_ID,:END_ID,:TYPE", [_quote(start), _quote(end), _quote(rel_type)],
                  f"{start}-{rel_type}->{end}", props)

    def _row(self, kind: tuple, header: str, fields: list[str], what: str, props: dict) -> None:
        keys = sorted(props)
        types = [_csv_type(props[k], f"{what}: property {k!r}") for k in keys]
        shape = (*kind, *zip(keys, types))
        fh = self._open.get(shape)
        if fh is None:
            if not all(_KEY.fullmatch(k) for k in keys):
                raise StoreError(f"{what}: property names must be words for neo4j-admin: {keys}")
            name = f"{kind[0]}s-{len(self._open)}.csv"
            (self.node_files if kind[0] == "node" else self.rel_files).append(name)
            fh = self._open[shape] = (self.folder / name).open("w", encoding="utf-8", newline="")
            fh.write(",".join([header, *(f"{k}:{t}" for k, t in zip(keys, types))]) + "\n")
        values = [self._field(valid_unicode(props[k])) for k in keys]
        fh.write(",".join(fields + values) + "\n")

    def _field(self, value) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, (int, float)):
            # repr: the shortest text that reads back as the same double; Java spells the special ones.
            return {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}.get(repr(value), repr(value))
        if isinstance(value, list):
            value = self.delimiter.join(v if isinstance(v, str) else self._field(v) for v in value)
        self.longest = max(self.longest, len(value))
        return _quote(value)

    def close(self) -> None:
        for fh in self._open.values():
            fh.close()


def _csv_type(value, what: str) -> str:
    """neo4j-admin's header type for a Python value, as the driver would store it."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list) and value:
        kinds = {_csv_type(v, what) for v in value}
        # [""] would read back as no property: neo4j-admin takes an empty array field for null.
        if len(kinds) == 1 and not kinds.pop().endswith("[]") and value != [""]:
            return _csv_type(value[0], what) + "[]"
    raise StoreError(f"{what} has a value neo4j-admin cannot import as it is: {value!r}. "
                     "Load these records with `claimgraph load` instead.")


def _quote(text: str) -> str:
    # RFC 4180: every string quoted, inner quotes doubled (neo4j-admin never reads \" as a quote here).
    return '"' + text.replace('"', '""') + '"'


def _array_delimiter(fold: Fold) -> str:
    """A character that occurs in no element of any list property (or label), to join array elements."""
    used: set[str] = set()
    lists = [v for _, scalars, lists in fold.nodes.values() for v in (*scalars.values(), *lists.values())
             if isinstance(v, list)]
    lists += [v for _, _, props in fold.rels.values() for v in props.values() if isinstance(v, list)]
    for value in lists:
        for element in value:
            if isinstance(element, str):
                used.update(c for c in element if c < " ")
    for delimiter in _ARRAY_DELIMITERS:
        if delimiter not in used:
            return delimiter
    raise StoreError("Every control character occurs in some list property; neo4j-admin cannot tell the "
                     "elements apart. Load these records with `claimgraph load` instead.")


def _holds_data(store: Path) -> bool:
    """Whether the database holds (or once held) nodes.

    A database created but never written (a server started and stopped) has
    an empty node store file; an unknown layout counts as holding data.
    """
    if not store.exists():
        return False
    node_store = store / "neostore.nodestore.db"
    return not node_store.exists() or node_store.stat().st_size > 0


def _admin_error(output: str) -> str:
    """neo4j-admin's own words about the failure, without the Java stack frames."""
    lines = output.splitlines()
    failed = next((i for i, line in enumerate(lines) if "IMPORT FAILED" in line), max(0, len(lines) - 40))
    kept = list(dict.fromkeys(line.rstrip() for line in lines[failed:]
                              if line.strip() and not re.match(r"\s+(at |\.\.\. \d+ more)", line)))
    return "\n".join(kept[:30])


def _report(progress: Progress | None, message: str) -> None:
    if progress:
        progress(message)
