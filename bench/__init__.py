"""claimgraph benchmarks (issue 8): ``python -m bench [extract|parallel|load|memory|store|growth|queries|all] [--quick]``.

Every figure is reported next to a baseline measured in the same run (bare
spaCy, one worker, a naive loader, the smallest size), so the ratios hold on
any machine while the absolute numbers describe this one. Results go to
``bench/results/latest.json`` and to stdout. Benchmarks are not tests: they
are never collected by pytest.
"""

import sys
from pathlib import Path

# "python -m bench" puts the checkout first on sys.path, where the claimgraph/ folder lacks its
# sub-packages (they are installed from graph/, loaders/ and queries/): the installed package wins.
_CHECKOUT = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != _CHECKOUT] + [str(_CHECKOUT)]
