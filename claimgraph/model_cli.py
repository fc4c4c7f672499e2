"""``claimgraph train`` and ``claimgraph eval``: the learned attribution step, trained and measured.

``claimgraph.cli`` calls :func:`register` once its shared helpers are defined.
"""

# No `from __future__ import annotations`: Typer reads the commands' annotations at run time.
import json
import time
from pathlib import Path
from typing import Annotated, List, Optional

import typer

__all__ = ["register"]


def _group_file(path: Optional[Path]) -> Optional[dict]:
    """id -> group, from JSON Lines ({"id", "group"}) or tab-separated lines (id, group)."""
    from .graph.errors import ClaimgraphError

    if path is None:
        return None
    groups = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        if line.lstrip().startswith("{"):
            row = json.loads(line)
            doc, group = row.get("id"), row.get("group")
        else:
            doc, _, group = line.partition("\t")
        if not doc or not group:
            raise ClaimgraphError(f"{path}:{n}: a group line is 'ID<TAB>GROUP' or {{\"id\": ..., \"group\": ...}}.")
        groups[doc.strip()] = str(group).strip()
    return groups


def register(app: typer.Typer) -> None:
    """Add the ``train`` and ``eval`` commands to the main app."""
    from .cli import Format, FormatOpt, GazetteerOpt, QuietOpt, _errors, _Run, err, out

    GoldArg = Annotated[Path, typer.Argument(help="Gold annotations, JSON Lines (the shared corpus format).",
                                             exists=True, dir_okay=False)]
    TextsArg = Annotated[List[str], typer.Argument(help="The annotated texts (<id>.txt): files or directories.")]
    SeedOpt = Annotated[int, typer.Option("--seed", help="Random seed: the same data and seed give the same model.")]

    def say(quiet: bool):
        start = time.monotonic()
        return (lambda msg: None) if quiet else (
            lambda msg: err.print(f"[{time.monotonic() - start:5.0f}s] {msg}", highlight=False))

    @app.command("train")
    def train_cmd(
        gold: GoldArg,
        paths: TextsArg,
        output: Annotated[Path, typer.Option("--output", "-o", help="The model directory to write.", file_okay=False)],
        seed: SeedOpt = 0,
        gazetteer: GazetteerOpt = None,
        quiet: QuietOpt = False,
    ):
        """Train the attribution model on your annotations (CPU, a few minutes for 140 texts).

        Use it with 'claimgraph extract --model DIR' or CLAIMGRAPH_ATTRIBUTION_MODEL=DIR.

        Example: claimgraph train gold.jsonl texts/ -o my-model
        """
        from .loaders.train import read_gold, train

        run = _Run(True, gazetteer)
        with _errors():
            path = train(read_gold(gold), run.articles(paths), output, seed=seed,
                         extra_gazetteers=run.gazetteers, progress=say(quiet))
        err.print(f"wrote the model to {path}", highlight=False)

    @app.command("eval")
    def eval_cmd(
        gold: GoldArg,
        paths: TextsArg,
        cv: Annotated[Optional[int], typer.Option(
            "--cv", min=2, help="Grouped K-fold cross-validation: each document scored by a model trained "
            "without it (and without its group).")] = None,
        groups: Annotated[Optional[Path], typer.Option(
            "--groups", exists=True, dir_okay=False, help="id -> group (TSV or JSON Lines) for --cv; default: "
            "feed digests (rss-<feed>-<date>) of one date form a group, any other document is its own.")] = None,
        leave_source_out: Annotated[bool, typer.Option(
            "--leave-source-out", help="Also train on all source families but one and score that one.")] = False,
        seed: SeedOpt = 0,
        model: Annotated[Optional[Path], typer.Option(
            "--model", help="Score this trained model (without --cv). [default: $CLAIMGRAPH_ATTRIBUTION_MODEL, "
            "else the shipped one]", file_okay=False)] = None,
        verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every missed and spurious statement.")] = False,
        format: FormatOpt = Format.table,
        gazetteer: GazetteerOpt = None,
        quiet: QuietOpt = False,
    ):
        """Score extraction against gold: loose and strict precision, recall and F1, per source family.

        Example: claimgraph eval gold.jsonl texts/ --cv 5
        """
        from .loaders import train as learning
        from .loaders.nlp import build_pipeline

        result, lso = None, None
        with _errors():
            gold_rows = learning.read_gold(gold)
            wanted = {g["id"] for g in gold_rows}
            if cv is None and not leave_source_out:
                run = _Run(quiet, gazetteer, attribution_model=model)
                records = list(run.extractions(paths, keep=lambda a: Path(a.path or "").stem in wanted))
                result = learning.CVResult(records, gold_rows)
            else:
                run = _Run(True, gazetteer)
                progress = say(quiet)
                nlp = build_pipeline(extra_gazetteers=run.gazetteers, learned=False)
                docs = learning.parse_corpus(nlp, gold_rows, run.articles(paths), progress)
                if cv is not None:
                    result = learning.cross_validate(nlp, docs, cv, _group_file(groups), seed, progress)
                lso = learning.leave_source_out(nlp, docs, seed, progress) if leave_source_out else None
        if verbose and result is not None:
            for line in result.score().errors:
                out.print(line, highlight=False, markup=False)
        report = result.as_dict() if result is not None else {}
        if lso is not None:
            report["leave_source_out"] = lso
        if format is Format.json:
            print(json.dumps(report))
            return
        title = f"grouped {cv}-fold cross-validation (every figure on documents the model never saw)" if cv else ""
        if title:
            out.print(title, highlight=False)
        rows = ([("all", report)] + sorted(report.get("families", {}).items())) if report else []
        rows += [(f"{fam} (left out)", r) for fam, r in sorted(report.get("leave_source_out", {}).items())]
        for name, r in rows:
            for mode in ("loose", "strict"):
                t = r[mode]
                out.print(f"{name:22} {mode:6} P={t['precision']:.3f} R={t['recall']:.3f} F1={t['f1']:.3f}  "
                          f"(tp={t['tp']} fp={t['fp']} fn={t['fn']})", highlight=False)
        if report.get("missing_predictions"):
            out.print(f"no prediction for {len(report['missing_predictions'])} article(s): "
                      f"{', '.join(report['missing_predictions'][:10])}")
