"""Every notebook executed with nbclient, the way nbval and `jupyter execute` run them.

For each run the kernel is started, then every cell is executed in order. The clock is
read when the kernel is ready and when the last cell has finished, so one run gives both
"kernel start and all cells" and "all cells, kernel already started". The kernel's
resident memory (psutil) is read after the last cell, before the kernel is shut down.

The notebooks run from a copy in the temporary folder, against a journal filled in over
several sessions, so every chart is drawn and matplotlib's memory is counted.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

from common import ROOT, Row, all_notebooks, prefilled_journal

MEMORY_GOAL_MB = 250.0


def _kernel_pid(client) -> int:
    provisioner = client.km.provisioner
    pid = getattr(provisioner, "pid", None) or getattr(getattr(provisioner, "process", None), "pid", None)
    if pid is None:
        raise RuntimeError("could not find the kernel's process id")
    return pid


def execute(path: Path, env: dict[str, str]) -> tuple[float, float, float]:
    """Run one notebook in a new kernel: (seconds with kernel start, seconds of cells only, kernel MB)."""
    import nbformat
    import psutil
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    t0 = time.perf_counter()
    # The kernel's stderr only carries ipykernel's warning about unencrypted local TCP.
    with client.setup_kernel(env=env, stderr=subprocess.DEVNULL):
        client.wait_for_reply(client.kc.kernel_info())
        t1 = time.perf_counter()
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)  # raises CellExecutionError if a cell fails
        t2 = time.perf_counter()
        rss = psutil.Process(_kernel_pid(client)).memory_info().rss / 1_048_576
    return t2 - t0, t2 - t1, rss


def run(repeat: int, tmp: Path) -> list[Row]:
    course = tmp / "course"
    for folder in ("workshop", "facilitator"):
        shutil.copytree(ROOT / folder, course / folder, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    data = tmp / "data"
    profile = prefilled_journal(data)
    env = dict(os.environ, TRUST_WORKSHOP_DATA_DIR=str(data), TRUST_WORKSHOP_PROFILE=profile)
    rows: list[Row] = []
    totals, cells_only = [], []
    for rel in all_notebooks():
        runs = [execute(course / rel, env) for _ in range(repeat)]
        name = Path(rel).stem
        whole = Row(f"{name}: kernel start + all cells (nbclient)", [r[0] for r in runs], "s")
        cells = Row(f"{name}: all cells, kernel already started", [r[1] for r in runs], "s")
        memory = Row(f"{name}: kernel memory after all cells", [r[2] for r in runs], "MB", MEMORY_GOAL_MB)
        rows += [whole, cells, memory]
        totals.append(whole.median)
        cells_only.append(cells.median)
        print(f"  {name}: {whole.median:.2f} s with kernel start, {cells.median:.2f} s cells, "
              f"{memory.median:.0f} MB", flush=True)
    rows.append(Row(f"All {len(totals)} notebooks: sum of medians, kernel start + all cells", [sum(totals)], "s"))
    rows.append(Row(f"All {len(totals)} notebooks: sum of medians, cells only", [sum(cells_only)], "s"))
    rows.append(Row("Ratio: with kernel start ÷ cells only, all notebooks (sums of medians)",
                    [sum(totals) / sum(cells_only)], "×"))
    return rows
