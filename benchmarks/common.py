"""Shared pieces of the benchmark: a row of the table, timing, and private folders.

Every part of ``benchmarks/run.py`` returns a list of :class:`Row`. A row keeps every
value it was given, so the table can show the median with the minimum and maximum
beside it, and so a goal is judged on the median, never on one lucky run.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # so `tests.browser.harness` and `tests.test_prefilled_notebooks` import

UNITS = {"s": 1.0, "ms": 1000.0}


@dataclass
class Row:
    """One line of the table: what was measured, every value taken, and the goal if there is one."""

    measure: str
    values: list[float]
    unit: str
    goal: float | None = None
    op: str = "<"  # "<": the median must be below the goal; "≤": at most the goal; "≥": at least the goal
    why: str = ""  # printed below the table when the goal is missed: the likely cause
    extra: dict = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        if self.op == "≤":
            return self.median <= self.goal
        return self.median < self.goal if self.op == "<" else self.median >= self.goal

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> Row:
        return cls(**data)


def timed(fn: Callable[[], object], times: int, unit: str = "s") -> list[float]:
    """Run ``fn`` ``times`` times; each run's wall-clock time in ``unit``."""
    out = []
    for _ in range(times):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * UNITS[unit])
    return out


def ratio(name: str, numerator: Row, denominator: Row, goal: float | None = None, why: str = "") -> Row:
    """A ratio of two medians taken side by side in this run."""
    return Row(name, [numerator.median / denominator.median], "×", goal, "≥", why)


def private_folders(tmp: Path) -> None:
    """Point every tool that writes state at the benchmark's temporary folder.

    Kernels' connection files, IPython's history, matplotlib's font cache, Jupyter's
    configuration and notebook signatures, the logs of the ``npm prefix`` that JupyterLab
    runs at start, and Chromium's crash-report folder then never land in the home folder
    or the repository. Child processes (servers, kernels, browsers) inherit these.
    """
    for var, sub in (("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython"),
                     ("MPLCONFIGDIR", "matplotlib"), ("JUPYTER_CONFIG_DIR", "jupyter-config"),
                     ("JUPYTER_DATA_DIR", "jupyter-data"), ("npm_config_cache", "npm"),
                     ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache"),
                     ("TRUST_WORKSHOP_DATA_DIR", "data")):
        folder = tmp / sub
        folder.mkdir(parents=True, exist_ok=True)
        os.environ[var] = str(folder)
    os.environ.pop("TRUST_WORKSHOP_PROFILE", None)


def notebooks(folder: str) -> list[str]:
    """Notebook paths relative to the repository, e.g. ``workshop/00-welcome-and-safety.ipynb``."""
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / folder).glob("*.ipynb"))


def all_notebooks() -> list[str]:
    return notebooks("workshop") + notebooks("facilitator")


def prefilled_journal(data_dir: Path) -> str:
    """A journal filled in over several sessions (as the prefilled-notebook test makes it); its profile name.

    With it the notebooks show saved answers and draw every chart, so the figures count
    matplotlib's time and memory as a participant's kernel pays them.
    """
    from tests.test_prefilled_notebooks import PROFILE, prefill
    from trust_workshop.model import journal as jr

    old = os.environ.get("TRUST_WORKSHOP_DATA_DIR")
    os.environ["TRUST_WORKSHOP_DATA_DIR"] = str(data_dir)
    try:
        prefill(jr.Journal.open(PROFILE))
    finally:
        if old is None:
            os.environ.pop("TRUST_WORKSHOP_DATA_DIR", None)
        else:
            os.environ["TRUST_WORKSHOP_DATA_DIR"] = old
    return PROFILE
