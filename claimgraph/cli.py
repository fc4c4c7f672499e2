"""The ``claimgraph`` command line: it only translates; the library does the work."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Annotated, Iterable, Iterator, List, Optional

import typer
from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from . import export_cli, model_cli, neo4j_cli, query_cli, review_cli
from .graph.errors import ClaimgraphError, InputError
from .graph.model import Extraction, read_jsonl, write_jsonl
from .graph.store import default_store
from .queries.api import ClaimGraph

app = typer.Typer(
    help="claimgraph: who said who was (or was not) responsible for which attack.",
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(neo4j_cli.app, name="neo4j")
# Piped output is read by people and tools alike: do not wrap tables at 80 columns.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, soft_wrap=True)


class Format(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"


StoreOpt = Annotated[Optional[str], typer.Option(
    "--store", "-s", help="A graph file, or a Neo4j URI (bolt://, neo4j://). [default: $NEO4J_URI, else the "
    "graph file in your data directory]")]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")]
GazetteerOpt = Annotated[Optional[List[Path]], typer.Option(
    "--gazetteer", "-g", help="Your own actors, JSON Lines in the gazetteer format (repeatable; also "
    "$CLAIMGRAPH_GAZETTEER).", exists=True, dir_okay=False)]


@contextlib.contextmanager
def _errors() -> Iterator[None]:
    """Library errors become one line on stderr and exit status 1, never a traceback."""
    try:
        yield
    except ClaimgraphError as error:
        err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False)
        raise typer.Exit(1) from None


GlobOpt = Annotated[Optional[str], typer.Option(
    "--glob", help="Which files to read in directories, e.g. '*.html' (default: every supported kind).")]
LanguageOpt = Annotated[str, typer.Option(
    "--language", help="Language articles must be in (ISO 639-1 code), or 'any'; others are skipped.")]
ErrorsOpt = Annotated[Optional[Path], typer.Option(
    "--errors", help="Write the skipped inputs here, JSON Lines: input, reason, message.", dir_okay=False)]
StrictOpt = Annotated[bool, typer.Option(
    "--strict/--keep-going", help="Stop at the first bad input (exit 1), or skip it and go on (exit 2 at the end).")]
VerboseOpt = Annotated[bool, typer.Option("--verbose", "-v", help="Print each input as it is read.")]
TimeoutOpt = Annotated[Optional[float], typer.Option(
    "--timeout", help="Seconds to wait for a URL (default: $CLAIMGRAPH_FETCH_TIMEOUT, else 20).", min=0.001)]


IncludeRejectedOpt = Annotated[bool, typer.Option(
    "--include-rejected", help="Also show the statements an analyst rejected ('claimgraph review').")]
WorkersOpt = Annotated[int, typer.Option("--workers", "-w", min=1,
                                         help="Extraction processes (2 on a 2-core machine); same output as 1.")]


ModelOpt = Annotated[Optional[Path], typer.Option(
    "--model", help="A trained attribution model (claimgraph train). [default: $CLAIMGRAPH_ATTRIBUTION_MODEL, else "
    "the shipped one]", file_okay=False)]
MinConfidenceOpt = Annotated[float, typer.Option(
    "--min-confidence", min=0.0, max=1.0, help="Keep only statements at least this sure (0-1).")]


class _Run:
    """Counts what a run read, extracted and skipped, and reports it at the end."""

    def __init__(self, quiet: bool, gazetteers: list[Path] | None = None, *, verbose: bool = False,
                 strict: bool = False, errors_file: Path | None = None, glob: str | None = None,
                 language: str = "en", timeout: float | None = None, workers: int = 1,
                 attribution_model: Path | None = None, min_confidence: float = 0.0):
        self.quiet, self.verbose, self.strict, self.workers = quiet, verbose, strict, workers
        self.attribution_model, self.min_confidence = attribution_model, min_confidence
        self.gazetteers = tuple(str(g) for g in gazetteers) if gazetteers else None
        self.errors_file, self.glob, self.language, self.timeout = errors_file, glob, language, timeout
        self.read = self.extracted = self.loaded = 0
        self.skipped: list[InputError] = []

    def articles(self, paths: Iterable[str]):
        from .loaders.read import read_inputs

        for item in read_inputs(paths, glob=self.glob, language=self.language, timeout=self.timeout,
                                on_read=self._reading if self.verbose else None):
            if isinstance(item, InputError):
                self._skip(item)
            else:
                self.read += 1
                yield item

    def _reading(self, name: str) -> None:
        err.print(f"reading {escape(name)}", highlight=False)

    def _skip(self, error: InputError) -> None:
        self.skipped.append(error)
        err.print(f"[yellow]skipped:[/] {escape(str(error))}", highlight=False)
        if self.strict:
            self._write_errors()
            err.print("stopped at the first bad input (--strict)", highlight=False)
            raise typer.Exit(1)

    def extractions(self, paths: Iterable[str], keep=None) -> Iterator[Extraction]:
        from .loaders.extract import extract
        from .loaders.nlp import build_pipeline

        nlp = build_pipeline(extra_gazetteers=self.gazetteers,
                             attribution_model=str(self.attribution_model) if self.attribution_model else None)
        articles = (a for a in self.articles(paths) if keep is None or keep(a))
        with _progress(self.quiet) as advance:
            for ex in extract(articles, nlp, on_error=self._failed, workers=self.workers):
                self.extracted += 1
                advance(ex.article.path or ex.article.url or ex.article.id)
                yield ex.confident(self.min_confidence)

    def _failed(self, article, exc: Exception) -> None:
        self._skip(InputError(article.path or article.url or article.id,
                              f"extraction failed ({exc.__class__.__name__}: {exc}).",
                              "Please report it with the article attached.", reason="extraction failed"))

    def _write_errors(self) -> None:
        if self.errors_file is None:
            return
        try:
            with self.errors_file.open("w", encoding="utf-8") as fh:
                for e in self.skipped:
                    fh.write(json.dumps({"input": e.source, "reason": e.reason, "message": str(e)},
                                        ensure_ascii=False) + "\n")
        except OSError as exc:
            err.print(f"[bold red]error:[/] cannot write {escape(str(self.errors_file))} ({exc.strerror})",
                      highlight=False)

    def summary(self) -> None:
        self._write_errors()
        if not self.quiet:
            reasons = Counter(e.reason for e in self.skipped)
            why = f" ({', '.join(f'{n} {r}' for r, n in sorted(reasons.items()))})" if reasons else ""
            loaded = f", loaded {self.loaded}" if self.loaded else ""
            err.print(f"read {self.read}, extracted {self.extracted}{loaded}, skipped {len(self.skipped)}{why}",
                      highlight=False)
        if self.skipped:
            raise typer.Exit(2)


@contextlib.contextmanager
def _progress(quiet: bool):
    """A live counter on stderr for interactive runs; silent otherwise."""
    if quiet or not err.is_terminal:
        yield lambda name: None
        return
    with err.status("extracting...") as status:
        count = 0

        def advance(name: str) -> None:
            nonlocal count
            count += 1
            status.update(f"extracted {count}: {escape(name)}")

        yield advance


@app.command()
def extract(
    paths: Annotated[List[str], typer.Argument(help="Files (text, HTML, RSS/Atom, JSON Lines, .gz), directories, "
                                               "http(s) URLs, or - for stdin.")],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write JSON Lines here, not stdout.")] = None,
    json_: Annotated[bool, typer.Option("--json", help="JSON Lines output (the default; accepted for scripts).")] = True,
    gazetteer: GazetteerOpt = None,
    glob: GlobOpt = None,
    language: LanguageOpt = "en",
    errors: ErrorsOpt = None,
    strict: StrictOpt = False,
    timeout: TimeoutOpt = None,
    workers: WorkersOpt = 1,
    model: ModelOpt = None,
    min_confidence: MinConfidenceOpt = 0.0,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
):
    """Extract attribution statements as JSON Lines, one object per article.

    Example: claimgraph extract articles/ -o statements.jsonl
    """
    run = _Run(quiet, gazetteer, verbose=verbose, strict=strict, errors_file=errors, glob=glob, language=language,
               timeout=timeout, workers=workers, attribution_model=model, min_confidence=min_confidence)
    with _errors():
        fh = output.open("w", encoding="utf-8") if output else sys.stdout
        try:
            write_jsonl(run.extractions(paths), fh)
        finally:
            if output:
                fh.close()
    run.summary()


@app.command()
def load(
    file: Annotated[Path, typer.Argument(help="JSON Lines written by 'claimgraph extract' (- for stdin).",
                                         allow_dash=True)],
    store: StoreOpt = None,
    quiet: QuietOpt = False,
):
    """Load extraction records into a store (MERGE: loading twice changes nothing).

    A bad line is reported with its file:line and skipped; the others load
    (exit status 2 when anything was skipped).

    Example: claimgraph load statements.jsonl --store crocus.graph
    """
    skipped: list[InputError] = []

    def skip(error: InputError) -> None:
        skipped.append(error)
        err.print(f"[yellow]skipped:[/] {escape(str(error))}", highlight=False, soft_wrap=True)

    with _errors():
        # Binary: read_jsonl decodes line by line, so one non-UTF-8 line is one bad line.
        fh = sys.stdin.buffer if str(file) == "-" else _open_input(file)
        with fh, ClaimGraph.open(store) as cg:
            n = cg.load(read_jsonl(fh, str(file), on_error=skip))
    if not quiet:
        err.print(f"loaded {n} article(s) into {store or default_store()}"
                  + (f", skipped {len(skipped)} line(s)" if skipped else ""), highlight=False)
    if skipped:
        raise typer.Exit(2)


def _open_input(path: Path):
    try:
        return path.open("rb")
    except OSError as exc:
        raise InputError(str(path), f"cannot be opened ({exc.strerror}).", "Check the path.") from exc


@app.command()
def ingest(
    paths: Annotated[List[str], typer.Argument(help="Files (text, HTML, RSS/Atom, JSON Lines, .gz), directories, "
                                               "http(s) URLs, or - for stdin.")],
    store: StoreOpt = None,
    gazetteer: GazetteerOpt = None,
    glob: GlobOpt = None,
    language: LanguageOpt = "en",
    errors: ErrorsOpt = None,
    strict: StrictOpt = False,
    timeout: TimeoutOpt = None,
    workers: WorkersOpt = 1,
    model: ModelOpt = None,
    min_confidence: MinConfidenceOpt = 0.0,
    verbose: VerboseOpt = False,
    quiet: QuietOpt = False,
):
    """Extract from articles and load the results into a store.

    Example: claimgraph ingest articles/ --store crocus.graph
    """
    run = _Run(quiet, gazetteer, verbose=verbose, strict=strict, errors_file=errors, glob=glob, language=language,
               timeout=timeout, workers=workers, attribution_model=model, min_confidence=min_confidence)
    with _errors(), ClaimGraph.open(store) as cg:
        run.loaded = cg.load(run.extractions(paths))
    run.summary()


@app.command()
def trace(
    attack: Annotated[str, typer.Argument(help="Attack name or alias (any case), e.g. 'Crocus City Hall attack'.")],
    store: StoreOpt = None,
    min_confidence: MinConfidenceOpt = 0.0,
    include_rejected: IncludeRejectedOpt = False,
    format: FormatOpt = Format.table,
):
    """Who blamed whom for one attack, and who disputed it, with the quotes.

    Statements an analyst rejected ('claimgraph review') are left out unless --include-rejected.

    Example: claimgraph trace "Crocus City Hall attack" --min-confidence 0.5
    """
    with _errors(), ClaimGraph.open(store) as cg:
        rows = confident(cg.trace(attack, include_rejected=include_rejected), min_confidence)
    _print_rows(rows, ("accused", "stance", "claimant", "cue", "quote", "confidence", "outlet", "published",
                       "contested", "review"), format, title=rows[0].attack if rows else None)


def confident(rows: list, min_confidence: float) -> list:
    """Statement rows at or above a confidence; rows without one (rule-only records) stay."""
    if min_confidence <= 0:
        return rows
    return [r for r in rows if getattr(r, "confidence", None) is None or r.confidence >= min_confidence]


@app.command()
def stats(store: StoreOpt = None, format: FormatOpt = Format.table):
    """Counts of nodes by label and relationships by type, and review progress: statements by review
    status, overall and per attack.

    Example: claimgraph stats --store crocus.graph
    """
    from .review import ClaimReview

    where = store or default_store()
    with _errors(), ClaimGraph.open(store) as cg:
        counts = cg.stats()
        progress = ClaimReview(cg).progress()
    rows = [{"kind": "node", "name": k, "count": v} for k, v in counts["nodes"].items()]
    rows += [{"kind": "relationship", "name": k, "count": v} for k, v in counts["relationships"].items()]
    rows += [{"kind": "review", "name": k, "count": v} for k, v in progress["total"].items()]
    rows += [{"kind": f"review: {attack}", "name": k, "count": v}
             for attack, per in progress["per_attack"].items() for k, v in per.items() if v]
    if format is Format.table:
        out.print(f"store: {where}", highlight=False)
    _print_rows(rows, ("kind", "name", "count"), format)


@app.command()
def demo(store: StoreOpt = None):
    """Ingest the sample Crocus City Hall articles into a fresh graph and trace the attack.

    Example: claimgraph demo
    """
    import tempfile
    from importlib.resources import as_file, files

    from .loaders.extract import extract
    from .loaders.read import read_inputs

    samples = files("claimgraph.loaders") / "data" / "samples"
    with _errors(), as_file(samples) as folder, tempfile.TemporaryDirectory() as tmp:
        target = store or str(Path(tmp) / "demo.graph")
        with ClaimGraph.open(target) as cg:
            n = cg.load(extract(a for a in read_inputs([str(folder)]) if not isinstance(a, InputError)))
            err.print(f"ingested {n} sample articles into {target}", highlight=False)
            rows = cg.trace("Crocus City Hall attack")
    _print_rows(rows, ("accused", "stance", "claimant", "cue", "quote"), Format.table,
                title=rows[0].attack if rows else None)


def _print_rows(rows: list, columns: tuple[str, ...], format: Format, title: str | None = None) -> None:
    dicts = [r._asdict() if hasattr(r, "_asdict") else dict(r) for r in rows]
    if format is Format.json:
        out.print_json(json.dumps(dicts, ensure_ascii=False)) if dicts else print("[]")
    elif format is Format.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=list(dicts[0]) if dicts else list(columns))
        writer.writeheader()
        writer.writerows(dicts)
        sys.stdout.write(buf.getvalue())
    else:
        table = Table(title=title, show_lines=len(columns) > 4, box=box.SIMPLE_HEAD)
        for c in columns:  # long texts wrap in a column of their own width
            table.add_column(c, max_width=60 if c in ("quote", "text") else None, overflow="fold")
        for d in dicts:
            table.add_row(*("" if d.get(c) is None else escape(str(d.get(c))) for c in columns))
        out.print(table)
        if not dicts:
            err.print("no rows", highlight=False)


query_cli.register(app)
export_cli.register(app)
model_cli.register(app)
review_cli.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
