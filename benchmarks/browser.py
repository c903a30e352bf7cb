"""The notebooks in a real JupyterLab and Voilà, driven in Debian's Chromium.

* JupyterLab's start: server start until the first notebook is open with its kernel ready.
* Each notebook: open (kernel ready), Run All until every widget cell has run, and the
  kernel's memory after it. Kernels are shut down between runs, so each is measured alone.
* Voilà: each workshop notebook rendered until its last widget is on the page.

These run with a new, empty profile (as a participant's first visit); the nbclient part
runs the notebooks against a prefilled journal.
"""

from __future__ import annotations

import json
import statistics
import time
import urllib.request
from pathlib import Path

from common import Row, all_notebooks, notebooks
from playwright.sync_api import TimeoutError as PlaywrightTimeout

VIEWPORT = {"width": 1280, "height": 1000}


def _shutdown_kernels(srv) -> None:
    """Stop every kernel, so the next notebook's kernel is measured on its own."""
    with urllib.request.urlopen(srv.url("api/kernels")) as r:
        kernels = json.load(r)
    for k in kernels:
        req = urllib.request.Request(srv.url(f"api/kernels/{k['id']}"), method="DELETE")
        urllib.request.urlopen(req)
    time.sleep(0.5)


def _rss_mb(pids: list[int]) -> float:
    import psutil

    return sum(psutil.Process(pid).memory_info().rss for pid in pids) / 1_048_576


def run_all(page, harness, timeout: float = 30_000) -> float:
    """``harness.run_all``, step for step, with a shorter wait: a run that hangs is retried sooner."""
    harness.clear_prompts_marker(page)
    start = time.perf_counter()
    page.click(f"{harness.PANEL} .jp-Notebook")
    page.click(".lm-MenuBar-itemLabel:text-is('Run')")
    page.click(".lm-Menu-itemLabel:text-is('Run All Cells')")
    harness.wait_all_cells_ran(page, timeout=timeout)
    page.wait_for_selector(f"{harness.PANEL} .jp-OutputArea .jupyter-widgets", timeout=timeout)
    return time.perf_counter() - start


def lab(browser, repeat: int, tmp: Path) -> list[Row]:
    from tests.browser import harness

    rows = []
    first = notebooks("workshop")[0]
    starts = []
    for i in range(repeat):
        t0 = time.perf_counter()
        with harness.server("lab", tmp / f"lab-start-{i}") as srv:
            page = browser.new_page(viewport=VIEWPORT)
            harness.open_notebook(page, srv, first)
            starts.append(time.perf_counter() - t0)
            page.close()
    rows.append(Row("JupyterLab start to first notebook open", starts, "s"))

    with harness.server("lab", tmp / "lab") as srv:
        for path in all_notebooks():
            opens, runs, rss = [], [], []
            retried = 0
            while len(runs) < repeat:
                _shutdown_kernels(srv)
                page = browser.new_page(viewport=VIEWPORT)
                try:
                    opened = harness.open_notebook(page, srv, path)
                    ran = run_all(page, harness)
                except PlaywrightTimeout:
                    # Seen twice in 42 runs on this machine: Run All had not finished after 120 s
                    # (cause not found). The run is taken again (at most twice per notebook), and
                    # the table's notes say so.
                    retried += 1
                    if retried > 2:
                        raise
                    print(f"  {path}: JupyterLab timed out; this run is taken again", flush=True)
                    continue
                finally:
                    page.close()
                opens.append(opened)
                runs.append(ran)
                rss.append(_rss_mb(srv.kernel_pids()))
            name = Path(path).stem
            extra = {"retried": retried} if retried else {}
            rows.append(Row(f"{name}: open (kernel ready)", opens, "s", extra=extra))
            rows.append(Row(f"{name}: Run All to widgets visible", runs, "s", 5.0,
                            why="Run All is slower than the goal; compare with the nbclient rows to see "
                                "whether the kernel or the browser is slow", extra=extra))
            rows.append(Row(f"{name}: kernel memory after Run All", rss, "MB", 250.0))
            print(f"  {name}: open {statistics.median(opens):.2f} s, Run All {statistics.median(runs):.2f} s",
                  flush=True)
    return rows


def voila(browser, repeat: int, tmp: Path) -> list[Row]:
    from tests.browser import harness

    rows = []
    with harness.server("voila", tmp / "voila") as srv:
        for path in notebooks("workshop"):
            times = []
            for _ in range(repeat):
                page = browser.new_page(viewport=VIEWPORT)
                t0 = time.perf_counter()
                page.goto(srv.url(f"voila/render/{path}"), timeout=120_000)
                page.locator(".tw-exercise .tw-title:text-is('Where to get help')").wait_for(timeout=120_000)
                times.append(time.perf_counter() - t0)
                page.close()
            rows.append(Row(f"{Path(path).stem}: Voilà render to last widget", times, "s"))
    return rows


def run(repeat: int, tmp: Path, browser) -> list[Row]:
    return lab(browser, repeat, tmp) + voila(browser, repeat, tmp)
