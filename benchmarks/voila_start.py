"""Time to the first widget in Voilà, with and without preheated kernels (issue 19).

Standalone ``voila`` serves one stage notebook on 127.0.0.1 (free port, token, the shipped
template and configuration), once as it is and once with ``--preheat_kernel=True
--pool_size=1``. Each run opens the page in a new browser context (nothing cached, as on a
participant's first visit) and measures, in the page, from navigation start to the first
widget (``.jupyter-widgets`` or ``.widget-*``) that is visible. Before each run the server
is left to settle: with preheating, until Voilà has filled the pool again and the waiting
kernel is quiet, so every run takes a warm kernel. Runs of the modes are taken in turn, not
one mode after the other, so a change in the machine's load falls on each.

A preheated kernel builds the page at warm-up with nobody's state and redraws it from what is
true once the request arrives (see ``trust_workshop.views.preheat``); the figure is the time to
the first widget, which the participant sees before that redraw.

A third server, for comparison only, preheats a notebook with one button and nothing else:
the floor that Voilà's own page (its scripts, the kernel connection, the widget manager) sets
on this machine, whatever the notebook holds.
"""

from __future__ import annotations

import contextlib
import re
import statistics
import time
from pathlib import Path

from common import Row

NOTEBOOK = "workshop/03-transparency-and-dialogue.ipynb"
VIEWPORT = {"width": 1280, "height": 1000}
# Records performance.now() (milliseconds since navigation start) when a widget first shows.
FIRST_WIDGET = """
(() => {
  const visible = () => [...document.querySelectorAll('.jupyter-widgets, [class*="widget-"]')]
      .some(e => e.offsetWidth > 0 && e.offsetHeight > 0);
  const check = () => {
    if (window.__twFirstWidget === undefined && visible()) { window.__twFirstWidget = performance.now(); }
    if (window.__twFirstWidget === undefined) { requestAnimationFrame(check); }
  };
  new MutationObserver(check).observe(document, {childList: true, subtree: true, attributes: true});
  requestAnimationFrame(check);
})();
"""


def _settle(srv, fills: int, timeout: float = 180) -> None:
    """Wait until the pool holds a fresh kernel (``fills`` fill messages so far, with preheating)
    and every kernel of the server is quiet (under 5 % of a core over half a second)."""
    import psutil

    start, quiet = time.perf_counter(), 0
    while time.perf_counter() - start < timeout:
        if srv.pool_fills() < fills:
            time.sleep(0.25)
            continue
        try:
            procs = [psutil.Process(pid) for pid in srv.kernel_pids()]
            for p in procs:
                p.cpu_percent(None)
            time.sleep(0.5)
            busy = sum(p.cpu_percent(None) for p in procs)
        except psutil.Error:
            continue
        quiet = quiet + 1 if busy < 5 and (procs or not fills) else 0
        if quiet >= 2:  # two quiet half-seconds in a row
            return
    raise RuntimeError(f"Voilà did not settle within {timeout} s:\n{srv.log.read_text()[-3000:]}")


def _first_widget(browser, srv) -> float:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.add_init_script(FIRST_WIDGET)
        page.goto(srv.url(""), wait_until="commit", timeout=120_000)
        page.wait_for_function("window.__twFirstWidget !== undefined", timeout=120_000, polling=100)
        return page.evaluate("window.__twFirstWidget") / 1000
    finally:
        context.close()


FLOOR = "workshop/zz-one-button.ipynb"


def _one_button_notebook(course: Path) -> None:
    """Add the floor's notebook (one button, nothing of this package) to a server's course copy."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("import ipywidgets\nipywidgets.Button(description='Hello')")]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, course / FLOOR)


def _pool_kernel_mb(srv) -> float:
    """Memory of the first kernel the server started: the one it put in the pool."""
    import psutil

    first = re.search(r"Kernel started: (\S+)", srv.log.read_text(errors="replace")).group(1)
    pid = next(pid for pid in srv.kernel_pids() if first in " ".join(psutil.Process(pid).cmdline()))
    return psutil.Process(pid).memory_info().rss / 1_048_576


def run(repeat: int, tmp: Path, browser) -> list[Row]:
    from tests.browser import harness

    runs = max(5, repeat)
    stem = Path(NOTEBOOK).stem
    modes = {"plain": [], "preheated": [], "floor": []}
    pool_mb = []
    with contextlib.ExitStack() as stack:
        servers = {"plain": stack.enter_context(harness.server("voila", tmp / "plain", profile=None,
                                                               extra=(NOTEBOOK,))),
                   "preheated": stack.enter_context(harness.server("voila", tmp / "preheat", profile=None,
                                                                   extra=(*harness.PREHEAT, NOTEBOOK)))}
        servers["floor"] = stack.enter_context(harness.server("voila", tmp / "floor", profile=None,
                                                              extra=(*harness.PREHEAT, FLOOR),
                                                              before_start=_one_button_notebook))
        for i in range(runs):
            for mode, times in modes.items():
                # Every server quiet before each run: a pool refilling would slow another server's page.
                for name, srv in servers.items():
                    _settle(srv, 0 if name == "plain" else i + 1)
                if i == 0 and mode == "preheated":
                    pool_mb.append(_pool_kernel_mb(servers[mode]))
                times.append(_first_widget(browser, servers[mode]))
            print(f"  run {i + 1}: " + ", ".join(f"{m} {t[-1]:.2f} s" for m, t in modes.items()), flush=True)
        for name in ("preheated", "floor"):
            log = servers[name].log.read_text(errors="replace")
            used = len(re.findall(r"Using pre-heated kernel", log))
            if used < runs:  # (the start-up probe may have taken one too)
                raise RuntimeError(f"only {used} of {runs} pages took a preheated kernel:\n{log[-3000:]}")
            if "could not reach Voilà" in log:
                raise RuntimeError("a preheated kernel could not wait for its request:\n" + log[-3000:])
    page = f"{stem}: Voilà, navigation to first widget visible"
    without = Row(f"{page}, without preheating", modes["plain"], "s")
    with_ = Row(f"{page}, preheated kernel (pool filled)", modes["preheated"], "s", 1.0,
                why="Voilà's own page sets a floor near this on this machine (the one-button row below): its "
                    "scripts load and the kernel connects before any widget can show")
    floor = Row("a notebook with one button, nothing else: Voilà, first widget visible, preheated (the floor)",
                modes["floor"], "s")
    rows = [without, with_, floor,
            Row("Ratio: without ÷ with preheating (medians)", [without.median / with_.median], "×"),
            Row(f"{stem}: memory of one preheated kernel waiting in the pool", pool_mb, "MB")]
    print("  first widget (medians): " + ", ".join(f"{m} {statistics.median(t):.2f} s" for m, t in modes.items()),
          flush=True)
    return rows
