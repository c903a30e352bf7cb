"""`make bench`: one table of medians, printed and written to benchmarks/results.md.

Each figure is the median of several runs taken in this one process, side by side, because
these machines are noisy. Goals come from the issues; a missed goal is reported, not hidden.

    python benchmarks/run.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser import harness  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results.md"


def _notebooks(folder: str) -> list[str]:
    return sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / folder).glob("*.ipynb"))


def _shutdown_kernels(srv: harness.Server) -> None:
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


def bench_lab(browser, repeat: int, tmp: Path) -> list[tuple]:
    rows = []
    first = _notebooks("workshop")[0]
    starts = []
    for i in range(repeat):
        t0 = time.perf_counter()
        with harness.server("lab", tmp / f"lab-start-{i}") as srv:
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            harness.open_notebook(page, srv, first)
            starts.append(time.perf_counter() - t0)
            page.close()
    rows.append(("JupyterLab start to first notebook open", starts, "s", None))

    with harness.server("lab", tmp / "lab") as srv:
        for path in _notebooks("workshop") + _notebooks("facilitator"):
            opens, runs, rss = [], [], []
            for _ in range(repeat):
                _shutdown_kernels(srv)
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                opens.append(harness.open_notebook(page, srv, path))
                runs.append(harness.run_all(page))
                rss.append(_rss_mb(srv.kernel_pids()))
                page.close()
            name = Path(path).stem
            rows.append((f"{name}: open (kernel ready)", opens, "s", None))
            rows.append((f"{name}: Run All to widgets visible", runs, "s", 5.0))
            rows.append((f"{name}: kernel memory after Run All", rss, "MB", 250.0))
    return rows


def bench_voila(browser, repeat: int, tmp: Path) -> list[tuple]:
    rows = []
    with harness.server("voila", tmp / "voila") as srv:
        for path in _notebooks("workshop"):
            times = []
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1280, "height": 1000})
                t0 = time.perf_counter()
                page.goto(srv.url(f"voila/render/{path}"), timeout=120_000)
                page.locator(".tw-exercise h4:text-is('Where to get help')").wait_for(timeout=120_000)
                times.append(time.perf_counter() - t0)
                page.close()
            rows.append((f"{Path(path).stem}: Voilà render to last widget", times, "s", None))
    return rows


def table(rows: list[tuple], repeat: int) -> str:
    lines = ["| Measure | Median | Min | Max | Goal | Met? |", "|---|---:|---:|---:|---:|---|"]
    for name, values, unit, goal in rows:
        med = statistics.median(values)
        goal_text = f"< {goal:g} {unit}" if goal else ""
        met = "" if goal is None else ("yes" if med < goal else "**no**")
        lines.append(f"| {name} | {med:.2f} {unit} | {min(values):.2f} | {max(values):.2f} | {goal_text} | {met} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if harness.chromium_path() is None:
        print("Chromium is not installed (apt-get install chromium); the browser figures cannot be taken.")
        return 1
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmpdir, sync_playwright() as p:
        os.environ["TRUST_WORKSHOP_DATA_DIR"] = str(Path(tmpdir) / "data")
        browser = harness.launch_browser(p)
        rows = bench_lab(browser, args.repeat, Path(tmpdir)) + bench_voila(browser, args.repeat, Path(tmpdir))
        browser.close()
    import psutil

    machine = (f"{platform.system()} {platform.machine()}, {psutil.cpu_count()} cores, "
               f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}")
    text = (f"# Benchmark results\n\nTaken {dt.date.today().isoformat()} on {machine}, headless Chromium. "
            f"Each figure is the median of {args.repeat} runs made side by side in one `make bench`.\n\n"
            f"{table(rows, args.repeat)}\n")
    print(text)
    RESULTS.write_text(text, encoding="utf-8")
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
