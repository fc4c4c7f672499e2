"""The documentation matches the code: every command in the README, every docstring example runs."""

import doctest
import importlib
import pkgutil
from pathlib import Path

import pytest
import typer.main

import claimgraph
from claimgraph.cli import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _commands(typer_app, prefix="claimgraph"):
    group = typer.main.get_command(typer_app)
    for name, cmd in group.commands.items():
        if hasattr(cmd, "commands"):
            for sub in cmd.commands:
                yield f"{prefix} {name} {sub}", cmd.commands[sub]
        else:
            yield f"{prefix} {name}", cmd


@pytest.mark.parametrize("command", [c for c, _ in _commands(app)])
def test_every_command_is_in_the_readme_and_its_help_has_an_example(command):
    words = command.split()
    assert " ".join(words[:2]) in README and words[-1] in README, f"{command} is not documented in README.md"
    cmd = dict(_commands(app))[command]
    assert "Example:" in (cmd.help or ""), f"{command} --help has no example"


def _modules():
    for info in pkgutil.walk_packages(claimgraph.__path__, "claimgraph."):
        if not info.name.endswith("__main__"):  # importing it runs the CLI
            yield info.name


@pytest.mark.parametrize("name", list(_modules()))
def test_docstring_examples_run(name, tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMGRAPH_DATA_DIR", str(tmp_path))
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
