"""The named Cypher queries shipped as ``queries/<name>.cypher``.

Each file starts with a header of ``//`` comments::

    // name: trace_attack
    // params: attack, since?        (a trailing ? marks an optional parameter)
    // columns: attack, accused, ...
    // What the query answers (becomes the Python method's docstring).

The header is checked against the body: a declared parameter the body never
uses, or a ``$param`` the header does not declare, is a QueryFileError that
points at ``file:line``. Query text comes only from these packaged files;
values always travel as parameters.
"""

from __future__ import annotations

import re
from collections import namedtuple
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from ..graph.errors import QueryFileError, UnknownName

__all__ = ["Query", "get_query", "load_queries"]

_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


@dataclass(frozen=True)
class Query:
    name: str
    params: tuple[str, ...]
    optional: tuple[str, ...]
    columns: tuple[str, ...]
    description: str
    text: str

    @property
    def row_type(self):
        """A NamedTuple class for this query's rows."""
        return _row_type(self.name, self.columns)


@lru_cache(maxsize=None)
def _row_type(name: str, columns: tuple[str, ...]):
    return namedtuple("".join(p.title() for p in name.split("_")) + "Row", columns)


def parse_query(source: str, filename: str) -> Query:
    header: dict[str, tuple[str, int]] = {}
    description: list[str] = []
    body_start = 0
    lines = source.splitlines()
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped.startswith("//"):
            body_start = n - 1
            break
        content = stripped[2:].strip()
        m = re.match(r"(name|params|columns):\s*(.*)$", content)
        if m:
            header[m.group(1)] = (m.group(2).strip(), n)
        elif content:
            description.append(content)
    else:
        raise QueryFileError(f"{filename}:1: the file has a header but no query. Add the Cypher below the header.")
    for key in ("name", "columns"):
        if key not in header:
            raise QueryFileError(f"{filename}:1: the header has no '// {key}:' line. Add one.")
    declared = [p.strip() for p in header.get("params", ("", 0))[0].split(",") if p.strip()]
    params = tuple(p.rstrip("?") for p in declared)
    optional = tuple(p.rstrip("?") for p in declared if p.endswith("?"))
    body = "\n".join(lines[body_start:])
    used = set(_PARAM.findall(body))
    for p in params:
        if p not in used:
            raise QueryFileError(f"{filename}:{header['params'][1]}: parameter '{p}' is declared but the query "
                                 f"never uses ${p}. Remove it from the header or use it.")
    for n, line in enumerate(lines[body_start:], body_start + 1):
        for p in _PARAM.findall(line):
            if p not in params:
                raise QueryFileError(f"{filename}:{n}: ${p} is not declared. Add it to '// params:'.")
    columns = tuple(c.strip() for c in header["columns"][0].split(",") if c.strip())
    return Query(header["name"][0], params, optional, columns, " ".join(description), body.strip())


@lru_cache(maxsize=None)
def load_queries() -> dict[str, Query]:
    """Every packaged query, by name."""
    out = {}
    for entry in sorted(files("claimgraph.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            q = parse_query(entry.read_text(encoding="utf-8"), entry.name)
            if q.name != entry.name[: -len(".cypher")]:
                raise QueryFileError(f"{entry.name}:1: '// name: {q.name}' differs from the file name. Make them equal.")
            out[q.name] = q
    return out


def get_query(name: str) -> Query:
    queries = load_queries()
    if name not in queries:
        raise UnknownName(f"No query named {name!r}. Known queries: {', '.join(sorted(queries))}.")
    return queries[name]
