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


def _median_of(fn, times: int) -> list[float]:
    out = []
    for _ in range(times):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def bench_pdf(repeat: int, tmp: Path) -> list[tuple]:
    """Typst PDFs in and out of process, against nbconvert's webpdf with Debian's Chromium."""
    import subprocess

    from trust_workshop import content
    from trust_workshop.model import journal as jr
    from trust_workshop.outputs import cli, pdf

    bin_dir = Path(sys.executable).parent
    notebook = ROOT / "workshop" / "03-transparency-and-dialogue.ipynb"
    pdf.handout("transparency")  # warm: fonts and templates
    rows = [("PDF: one stage handout, in process", _median_of(lambda: pdf.handout("transparency"), max(5, repeat)),
             "s", None)]
    one = [str(bin_dir / "trust-workshop"), "handouts", "--stage", "transparency", "--handouts-only",
           "--out", str(tmp / "one")]
    ours = _median_of(lambda: subprocess.run(one, check=True, capture_output=True), repeat)
    rows.append(("PDF: one stage handout, whole `trust-workshop` process", ours, "s", None))
    rows.append(("PDF: every handout and session plan (36), in one process",
                 _median_of(lambda: cli.build_all(tmp / "all", report=lambda *a: None), repeat), "s", 5.0))
    os.environ["TRUST_WORKSHOP_DATA_DIR"] = str(tmp / "report-data")
    j = jr.Journal.open("Twelve sessions")
    for week in range(12):
        day = (dt.date(2026, 6, 1) + dt.timedelta(weeks=week)).isoformat()
        j.record_pulse({it.id: 1 + (week % 5) for it in content.pulse_items()}, date=day)
        for s in content.stages():
            j.record_checkin("stage", s.key, {it.id: 1 + (week + s.number) % 5 for it in content.checkin_items(s.key)},
                             date=day)
    pdf.report(j.data)
    rows.append(("PDF: report from a 12-session journal, in process",
                 _median_of(lambda: pdf.report(j.data), max(5, repeat)), "s", 1.0))
    if harness.chromium_path():
        peer = [sys.executable, str(ROOT / "benchmarks" / "webpdf_chromium.py"), "--to", "webpdf",
                "--disable-chromium-sandbox", "--output-dir", str(tmp / "webpdf"), str(notebook)]
        theirs = _median_of(lambda: subprocess.run(peer, check=True, capture_output=True), repeat)
        rows.append(("Peer: same notebook through `jupyter nbconvert --to webpdf` (Chromium), whole process",
                     theirs, "s", None))
        ratio = statistics.median(theirs) / statistics.median(ours)
        rows.append(("Ratio: webpdf time ÷ trust-workshop time (medians, whole processes)", [ratio], "×", None))
        RATIO_GOAL.append(ratio)
    return rows


RATIO_GOAL: list[float] = []


def table(rows: list[tuple], repeat: int) -> str:
    lines = ["| Measure | Median | Min | Max | Goal | Met? |", "|---|---:|---:|---:|---:|---|"]
    for name, values, unit, goal in rows:
        med = statistics.median(values)
        goal_text = f"< {goal:g} {unit}" if goal else ""
        met = "" if goal is None else ("yes" if med < goal else "**no**")
        if unit == "×":
            goal_text, met = "≥ 5×", "yes" if med >= 5 else "**no**"
        lines.append(f"| {name} | {med:.2f} {unit} | {min(values):.2f} | {max(values):.2f} | {goal_text} | {met} |")
    return "\n".join(lines)


SECTIONS = {"browser": "## Notebooks in JupyterLab and Voilà", "pdf": "## Printable PDFs"}


def _write_section(kind: str, body: str) -> None:
    """Replace one section of results.md, keeping the others from earlier runs."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else ""
    parts = {k: "" for k in SECTIONS}
    for k, heading in SECTIONS.items():
        if heading in old:
            start = old.index(heading)
            ends = [old.index(h) for h in SECTIONS.values() if h in old and old.index(h) > start]
            parts[k] = old[start:min(ends) if ends else len(old)].strip() + "\n"
    parts[kind] = f"{SECTIONS[kind]}\n\n{body}\n"
    RESULTS.write_text("# Benchmark results\n\n" + "\n".join(p for p in parts.values() if p), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=["all", "browser", "pdf"], default="all")
    args = parser.parse_args()
    import psutil

    machine = (f"{platform.system()} {platform.machine()}, {psutil.cpu_count()} cores, "
               f"{psutil.virtual_memory().total / 2**30:.0f} GiB, Python {platform.python_version()}")
    stamp = (f"Taken {dt.date.today().isoformat()} on {machine}. Each figure is the median of the runs shown "
             f"(min and max beside it), made side by side in one run of `benchmarks/run.py`.")
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        if args.only in ("all", "pdf"):
            rows = bench_pdf(args.repeat, tmp / "pdf")
            text = f"{stamp}\n\n{table(rows, args.repeat)}"
            print(text)
            _write_section("pdf", text)
        if args.only in ("all", "browser"):
            if harness.chromium_path() is None:
                print("Chromium is not installed (apt-get install chromium); the browser figures cannot be taken.")
                return 1
            from playwright.sync_api import sync_playwright

            os.environ["TRUST_WORKSHOP_DATA_DIR"] = str(tmp / "data")
            with sync_playwright() as p:
                browser = harness.launch_browser(p)
                rows = bench_lab(browser, args.repeat, tmp) + bench_voila(browser, args.repeat, tmp)
                browser.close()
            text = f"{stamp} Headless Chromium.\n\n{table(rows, args.repeat)}"
            print(text)
            _write_section("browser", text)
    print(f"written to {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
