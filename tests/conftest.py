"""Fixtures shared by all tests, named for the state they give."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("CLAIMGRAPH_SHARED", REPO.parent / "shared"))
SEED = SHARED / "seed" / "russia-strikes-isis-crocus.txt"
CORPUS = SHARED / "corpus"
# The sample articles shipped with the package (written for the project from the public facts of
# the Crocus City Hall case): what tests of the Crocus trace read, so that they need nothing beside
# the clone.
SAMPLES = REPO / "loaders" / "data" / "samples"
# The installed console script: "python -m claimgraph" run from the checkout would import
# the source tree's claimgraph/ folder, where the sub-packages are not.
CLAIMGRAPH = str(Path(sys.executable).parent / "claimgraph")
# Debian's Chromium, driven by Playwright (never "playwright install": nothing else is reachable).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
needs_shared = pytest.mark.skipif(not (SHARED / "corpus").is_dir(),
                                  reason=f"the shared corpus is not at {SHARED} (set CLAIMGRAPH_SHARED)")


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path, monkeypatch):
    """Every test gets its own data directory: no test touches the user's graph."""
    monkeypatch.setenv("CLAIMGRAPH_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture(scope="session")
def nlp():
    from claimgraph.loaders.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def crocus_extractions(nlp):
    """The sample articles about the Crocus City Hall attack, extracted."""
    from claimgraph.graph.model import Article, article_id
    from claimgraph.loaders.extract import extract

    texts = [(p, p.read_text(encoding="utf-8")) for p in sorted(SAMPLES.glob("*.txt"))]
    return list(extract([Article(article_id(t), t, path=str(p)) for p, t in texts], nlp))


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install it with `apt-get install -y chromium` to run the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright (never `playwright install`)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
