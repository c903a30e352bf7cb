"""Real JupyterLab and Voila servers and a real Chromium, for the browser tests and the benchmark.

Servers listen on 127.0.0.1 only, on a free port, with a random token; each has its own
temporary data folder, Jupyter runtime folder and JupyterLab workspace, and is stopped
when the test session ends. Chromium is Debian's, driven by Playwright.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# The proxy that goes nowhere keeps Chromium off the network: loopback bypasses proxies by default.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run",
                  "--proxy-server=http://127.0.0.1:9", "--disable-domain-reliability"]
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
IDLE = f"{PANEL} .jp-Notebook-ExecutionIndicator[data-status='idle']"
# The execution indicator above says 'idle' for every state but 'busy', including a kernel that
# is still starting or connecting; cells run then are silently skipped. The status bar names the
# real state ("Python 3 (ipykernel) | Idle"). A dialog (a kernel chooser) also ends the wait, so
# the test that looks for one can report it.
KERNEL_READY = """() => [...document.querySelectorAll('#jp-main-statusbar .jp-StatusBar-TextItem')]
        .some(e => /^(?!No Kernel).+ \\| Idle$/.test(e.textContent.trim()))
    || document.querySelector('.jp-Dialog') !== null"""


def chromium_path() -> str | None:
    """Debian's Chromium (or $CHROMIUM), if it is installed."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium"),
                      shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    kind: str
    port: int
    token: str
    data_dir: Path
    process: subprocess.Popen
    log: Path
    started_in: float = 0.0
    env: dict = field(default_factory=dict)

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"http://127.0.0.1:{self.port}/{path.lstrip('/')}{sep}token={self.token}"

    def pool_fills(self) -> int:
        """How many times Voila has said it filled its pool of preheated kernels (see PREHEAT)."""
        return len(re.findall(r"Kernel pool of .* is filled", self.log.read_text(errors="replace")))

    def kernel_pids(self) -> list[int]:
        """Process ids of the kernels this server started."""
        import psutil

        found = []
        for p in psutil.Process(self.process.pid).children(recursive=True):
            try:
                if p.status() != psutil.STATUS_ZOMBIE and "ipykernel" in " ".join(p.cmdline()):
                    found.append(p.pid)
            except psutil.Error:  # gone, or a zombie its server has not collected yet: not running
                continue
        return found


def _wait_until_up(server: Server, timeout: float = 90) -> None:
    start = time.perf_counter()
    probe = "api" if server.kind == "lab" else ""
    while time.perf_counter() - start < timeout:
        if server.process.poll() is not None:
            raise RuntimeError(f"{server.kind} exited early:\n{server.log.read_text()[-3000:]}")
        try:
            urllib.request.urlopen(server.url(probe), timeout=2)
            server.started_in = time.perf_counter() - start
            return
        except OSError:
            time.sleep(0.25)
    raise RuntimeError(f"{server.kind} did not start within {timeout} s:\n{server.log.read_text()[-3000:]}")


# Voila's preheated kernels: one kernel per notebook kept warm (give a server these as ``extra``).
PREHEAT = ("--preheat_kernel=True", "--pool_size=1")


@contextlib.contextmanager
def server(kind: str, tmp: Path, profile: str | None = "Browser tester",
           extra: tuple[str, ...] = (), before_start: Callable[[Path], None] | None = None) -> Iterator[Server]:
    """Start ``jupyter lab`` or ``voila`` on 127.0.0.1 with a token; stop it afterwards.

    ``before_start`` may add to the course copy the server serves (it is given that folder)."""
    tmp.mkdir(parents=True, exist_ok=True)
    # Serve a copy: JupyterLab autosaves notebooks (with outputs) and writes checkpoints,
    # and tests must never write to the repository.
    root = tmp / "course"
    for folder in ("workshop", "facilitator"):
        shutil.copytree(ROOT / folder, root / folder, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if before_start is not None:
        before_start(root)
    port, token = free_port(), secrets.token_hex(16)
    env = dict(os.environ)
    env.update({
        "TRUST_WORKSHOP_DATA_DIR": str(tmp / "data"),
        "TRUST_WORKSHOP_RECORDS_DIR": str(tmp / "records"),  # the facilitator's course records
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "IPYTHONDIR": str(tmp / "ipython"),
        "MPLCONFIGDIR": str(tmp / "matplotlib"),
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
    })
    env.pop("TRUST_WORKSHOP_PROFILE", None)
    if profile:
        env["TRUST_WORKSHOP_PROFILE"] = profile
    if kind == "lab":
        # The JupyterLab tests run in JupyterLab's dark theme: every notebook is then checked in the
        # dark theme here and in the light page in Voila, and one test goes through Light and Dark
        # High Contrast too (themes.py).
        settings = tmp / "lab-settings" / "@jupyterlab" / "apputils-extension"
        settings.mkdir(parents=True, exist_ok=True)
        (settings / "themes.jupyterlab-settings").write_text(json.dumps({"theme": LAB_THEME}))
        env["JUPYTERLAB_SETTINGS_DIR"] = str(tmp / "lab-settings")
        cmd = [str(BIN / "jupyter"), "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
               f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
               f"--LabServerApp.workspaces_dir={tmp / 'workspaces'}", "--LabApp.news_url=None",
               "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"]
    elif kind == "voila":
        cmd = [str(BIN / "voila"), "--no-browser", "--Voila.ip=127.0.0.1", f"--Voila.port={port}",
               f"--Voila.token={token}", f"--Voila.root_dir={root}", "--show_tracebacks=True"]
    else:
        raise ValueError(kind)
    if hasattr(os, "geteuid") and os.geteuid() == 0 and kind == "lab":
        cmd.append("--allow-root")
    cmd.extend(extra)
    log = tmp / f"{kind}.log"
    with open(log, "w") as fh:
        process = subprocess.Popen(cmd, env=env, stdout=fh, stderr=subprocess.STDOUT, cwd=root)
    srv = Server(kind, port, token, tmp / "data", process, log, env=env)
    try:
        _wait_until_up(srv)
        yield srv
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()


LAB_THEME = "JupyterLab Dark"


# What Playwright says when Chromium's renderer process dies under a page: the test browser failed,
# not the page. Seen once in CI, at the end of a Voila page's checks on a loaded machine.
RENDERER_CRASHED = (r"\bTarget crashed\b", r"\bPage crashed\b")


def rerun_after_a_crash() -> pytest.MarkDecorator:
    """The mark (pytest-rerunfailures) that gives a browser test one more go, with a new page,
    when its tab crashed; any other failure, an assertion or a timeout, still fails at once."""
    return pytest.mark.flaky(reruns=1, only_rerun=list(RENDERER_CRASHED))


# How long a test waits for "Saved at" after an answer. Quiet, it shows in well under a second;
# in a full parallel run every processor is busy all the way through (measured: 99-100 % for the
# whole run), and a kernel that has to wait its turn once took over 15 s.
SAVED_WAIT = 60_000


def launch_browser(playwright, log: Path | None = None):
    """Debian's Chromium, headless and off the network. With ``log``, Chromium writes its own log
    there, so that if a tab crashes ("Target crashed") the reason it gave is kept."""
    logging = ["--enable-logging", f"--log-file={log}"] if log else []
    return playwright.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_FLAGS + logging)


# --- JupyterLab actions -------------------------------------------------------------------


def open_notebook(page, srv: Server, path: str) -> float:
    """Open a notebook and wait for its kernel; returns the seconds it took."""
    start = time.perf_counter()
    page.goto(srv.url(f"lab/tree/{path}?reset"))  # ?reset: do not restore earlier tests' tabs
    page.wait_for_selector(f"{PANEL} .jp-Notebook .jp-Cell", timeout=90_000)
    page.wait_for_function(KERNEL_READY, timeout=90_000)
    page.wait_for_selector(IDLE, state="attached", timeout=90_000)
    return time.perf_counter() - start


def _menu(page, menu: str, item: str) -> None:
    page.click(f"{PANEL} .jp-Notebook")
    page.click(f".lm-MenuBar-itemLabel:text-is('{menu}')")
    page.click(f".lm-Menu-itemLabel:text-is('{item}')")


def wait_all_cells_ran(page, timeout: float = 120_000) -> None:
    """Wait until every code cell shows a numbered result and the kernel is idle.

    Code inputs are collapsed in these notebooks, so the input prompts are blank; every
    code cell ends in a widget, so each shows an output prompt once it has run.
    """
    page.wait_for_function(
        """(panel) => {
            const cells = [...document.querySelectorAll(panel + ' .jp-CodeCell')];
            return cells.length > 0 && cells.every(c => [...c.querySelectorAll('.jp-OutputPrompt')]
                .some(p => /\\[\\d+\\]/.test(p.textContent)));
        }""", arg=PANEL, timeout=timeout)
    page.wait_for_selector(IDLE, state="attached", timeout=timeout)


def clear_prompts_marker(page) -> None:
    """Blank old output prompts, so a re-run can be waited for."""
    page.evaluate("""(panel) => document.querySelectorAll(panel + ' .jp-CodeCell .jp-OutputPrompt')
                     .forEach(p => p.textContent = '')""", PANEL)


def run_all(page) -> float:
    """Run All Cells from the menu; returns seconds until every widget cell has run."""
    clear_prompts_marker(page)
    start = time.perf_counter()
    _menu(page, "Run", "Run All Cells")
    wait_all_cells_ran(page)
    page.wait_for_selector(f"{PANEL} .jp-OutputArea .jupyter-widgets", timeout=30_000)
    return time.perf_counter() - start


def restart_and_run_all(page) -> None:
    clear_prompts_marker(page)
    _menu(page, "Kernel", "Restart Kernel and Run All Cells…")
    page.click(".jp-Dialog .jp-mod-accept")
    wait_all_cells_ran(page)


def problems_on_page(page) -> dict[str, int]:
    """Counts of things that must never appear."""
    return {
        "kernel dialog": page.locator(".jp-Dialog:has-text('Select Kernel')").count(),
        "news prompt": page.locator("text=notified about official Jupyter news").count(),
        "Error displaying widget": page.locator("text=Error displaying widget").count(),
        "traceback": page.locator(f"{PANEL} .jp-OutputArea-output:has-text('Traceback')").count()
        + page.locator(f"{PANEL} .jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").count(),
    }


FIND_SCROLLER = """() => {
    const all = [document.scrollingElement, ...document.querySelectorAll('*')];
    let best = null;
    for (const el of all) {
        if (el && el.scrollHeight > el.clientHeight + 50 && el.clientHeight > 200 &&
            (!best || el.scrollHeight > best.scrollHeight)) best = el;
    }
    if (best) best.setAttribute('data-tw-scroller', '1');
    return best ? best.scrollHeight : 0;
}"""


# Scroll, then wait until the page has drawn what scrolled into view: images decoded and two
# animation frames (the frame that lays out the new position, and the one that paints it).
SCROLL_AND_SETTLE = """async (y) => {
    document.querySelector('[data-tw-scroller]')?.scrollTo(0, y);
    await Promise.all([...document.images].filter(i => !i.complete).map(i => i.decode().catch(() => null)));
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def screenshots(page, out: Path, stem: str, *, whole: bool | None = None) -> list[Path]:
    """Screenshots of the page: the first screenful, or one per screenful down the whole page.

    The whole page (a dozen or more pictures a notebook, seconds each) is taken when asked for
    (``whole=True``, as after a failure) or when ``TW_SCREENSHOTS=all`` is set for a look at
    every page; otherwise the first screenful only, which keeps `make test` quick.
    """
    out.mkdir(parents=True, exist_ok=True)
    if whole is None:
        whole = os.environ.get("TW_SCREENSHOTS", "").lower() == "all"
    height = page.evaluate(FIND_SCROLLER) if whole else 0
    shots, y, i = [], 0, 0
    while True:
        page.evaluate(SCROLL_AND_SETTLE, y)
        path = out / f"{stem}-{i:02d}.png"
        page.screenshot(path=str(path))
        shots.append(path)
        y, i = y + 900, i + 1
        if y >= height or i >= 40:
            return shots


# Each "Read more" fold on the page, read in one go: what its summary says, how many rendered
# blocks its body holds, whether any shows before a click, and whether markdown was left as text.
FOLDS = """(scope) => [...document.querySelectorAll(scope + ' details.tw-more')].map(d => {
    const summary = [...d.children].filter(c => c.tagName === 'SUMMARY');
    const body = [...d.children].filter(c => c.tagName !== 'SUMMARY');
    const text = body.map(b => b.textContent).join('\\n');
    return {summaries: summary.length, said: summary.length ? summary[0].textContent : d.innerHTML.slice(0, 300),
            blocks: body.length, shown: body.some(b => b.checkVisibility()),
            markdownAsText: text.includes('**') || /^\\s*#/m.test(text)};
})"""


def check_folds(page, scope: str, out: Path, stem: str) -> int:
    """Every "Read more" fold (``details.tw-more``) under ``scope`` works as a person expects: its
    summary says "Read more: …", its body is rendered as markdown (no ``**`` or ``#`` left as
    text) and hidden at first. The first and the last fold are then opened with a click on their
    summary, and closed with a second: the same markup and the same browser behaviour serve every
    fold, so two clicks a page show it works without a dozen more round trips. The first fold is
    photographed open (``<stem>-fold-open.png``). Returns how many folds there were."""
    from playwright.sync_api import expect

    found = page.evaluate(FOLDS, scope)
    for i, fold in enumerate(found):
        assert fold["summaries"] == 1 and fold["said"].strip().startswith("Read more: "), \
            f"fold {i}: its summary should say 'Read more: …', not {fold['said']!r}"
        assert fold["blocks"] >= 1, f"fold {i}: its body is not rendered as markdown (no paragraph or list in it)"
        assert not fold["shown"], f"fold {i}: open before a click"
        assert not fold["markdownAsText"], f"fold {i}: markdown shown as text"
    folds = page.locator(f"{scope} details.tw-more")
    for i in sorted({0, len(found) - 1}) if found else []:
        fold = folds.nth(i)
        summary, body = fold.locator(":scope > summary"), fold.locator(":scope > :not(summary)")
        summary.click()
        expect(body.first).to_be_visible(timeout=5_000)
        if i == 0:
            fold.scroll_into_view_if_needed()
            page.screenshot(path=str(out / f"{stem}-fold-open.png"))
        summary.click()
        expect(body.first).to_be_hidden(timeout=5_000)
    return len(found)


def notebook_slug(path: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", path.removesuffix(".ipynb").lower()).strip("-")


def sample_summaries(folder: Path, n: int = 10) -> list[str]:
    """``n`` participants' shared summary files, as a facilitator's dashboard receives them."""
    from trust_workshop.model import summary as sm

    files = []
    for i in range(n):
        summary = {"format": sm.FORMAT, "version": 1, "pseudonym": f"Participant {i}", "created": "2026-11-01",
                   "stage_scores": {"uncover": 30 + 5 * i, "apologise": 40 + 3 * i},
                   "pulse": [{"date": "2026-10-20", "score": 40 + i}, {"date": "2026-11-02", "score": 50 + i}],
                   "homework": {"done": i % 3, "set": 2}, "attendance": ["2026-10-20", "2026-11-02"]}
        path = folder / f"participant-{i}.json"
        path.write_bytes(sm.encode(summary))
        files.append(str(path))
    return files


# --- Accessibility (axe-core) -------------------------------------------------------------

AXE_IMPACTS = ("critical", "serious", "moderate", "minor")


def axe_findings(page, context: str | dict | None = None) -> dict[str, list[dict]]:
    """Run axe-core (shipped inside axe-playwright-python, so no network) over the page.

    ``context`` limits the scan (an axe context: a selector, or {"include": [...], "exclude": [...]}).
    Returns the violations by impact, each as {rule, help, nodes: [selector, ...]}.
    """
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)
    args = [context, {"resultTypes": ["violations"]}] if context else [{"resultTypes": ["violations"]}]
    results = page.evaluate("(args) => axe.run(...args)", args)
    found: dict[str, list[dict]] = {impact: [] for impact in AXE_IMPACTS}
    for v in results["violations"]:
        found.setdefault(v["impact"] or "minor", []).append(
            {"rule": v["id"], "help": v["help"],
             "nodes": [" ".join(map(str, n["target"])) for n in v["nodes"]]})
    return found


# Rules that look at what is drawn on screen. axe counts an element its scroll container has
# scrolled out of view as hidden, so in JupyterLab (whose notebook scrolls inside a panel, not
# the page) these are run again at each screenful down the notebook.
#
# JupyterLab's <body> is also 0 px tall with overflow: hidden (its shell is positioned on its own);
# a browser still draws the shell, but axe takes everything in it as clipped away and checks no
# contrast at all. AXE_LAB_BODY gives <body> the window's height for the scan; nothing moves.
AXE_LAB_BODY = "html, body { height: 100% !important; }"
AXE_ON_SCREEN = ["color-contrast", "link-in-text-block", "target-size"]


TALL = 4000  # pixels: the window's height while the on-screen rules are run down a notebook


def axe_findings_scrolled(page, context: str | dict) -> dict[str, list[dict]]:
    """:func:`axe_findings` once, then the on-screen rules again at each screenful of the page's
    main scroller; each element is counted once. Returns to the top afterwards."""
    found = axe_findings(page, context)
    # A tall window for this part: the notebook's panel grows with it, so a few screenfuls cover
    # the notebook (each axe run costs about as much, whatever is on the screen).
    viewport = page.viewport_size
    page.set_viewport_size({"width": viewport["width"], "height": TALL})
    height = page.evaluate(FIND_SCROLLER)
    step = max(page.evaluate("() => document.querySelector('[data-tw-scroller]')?.clientHeight || 0") - 50, 500)
    for y in range(0, height, step):
        page.evaluate(SCROLL_AND_SETTLE, y)
        results = page.evaluate("(args) => axe.run(...args)",
                                [context, {"runOnly": AXE_ON_SCREEN, "resultTypes": ["violations"]}])
        for v in results["violations"]:
            impact = v["impact"] or "minor"
            nodes = [" ".join(map(str, n["target"])) for n in v["nodes"]]
            entry = next((e for e in found.setdefault(impact, []) if e["rule"] == v["id"]), None)
            if entry is None:
                found[impact].append({"rule": v["id"], "help": v["help"], "nodes": nodes})
            else:
                entry["nodes"] += [n for n in nodes if n not in entry["nodes"]]
    page.set_viewport_size(viewport)
    page.evaluate(SCROLL_AND_SETTLE, 0)
    return found


def axe_counts(found: dict[str, list[dict]]) -> dict[str, int]:
    """Number of failing elements for each impact."""
    return {impact: sum(len(v["nodes"]) for v in rules) for impact, rules in found.items()}


def axe_summary(found: dict[str, list[dict]]) -> str:
    return "\n".join(f"  {impact} {v['rule']} ({len(v['nodes'])}): {v['help']}; e.g. {v['nodes'][:3]}"
                     for impact, rules in found.items() for v in rules)


def has_code(path: str) -> bool:
    """Whether a notebook (a path under the repository) has any code cell. A notebook without
    one, such as the glossary, is a page to read: it has no widgets to wait for."""
    cells = json.loads((ROOT / path).read_text("utf-8"))["cells"]
    return any(cell["cell_type"] == "code" for cell in cells)


def axe_check(page, where: str, path: str, artifacts: Path, context: str | dict | None = None, *,
              scrolled: bool = False) -> dict[str, int]:
    """axe-core over the page (or ``context``): no critical or serious finding. The rest is recorded:
    printed, and kept as axe-<where>-<notebook>.json in the artifacts folder. Returns the counts.
    ``scrolled``: the page scrolls inside a panel (JupyterLab), see :func:`axe_findings_scrolled`."""
    found = axe_findings_scrolled(page, context) if scrolled else axe_findings(page, context)
    counts = axe_counts(found)
    (artifacts / f"axe-{where.lower()}-{notebook_slug(path)}.json").write_text(
        json.dumps({"notebook": path, "where": where, "counts": counts, "findings": found}, indent=1))
    print(f"axe, {where}, {path}: {counts}\n{axe_summary(found)}")
    worst = {impact: found[impact] for impact in ("critical", "serious") if found[impact]}
    assert not worst, f"axe finds critical or serious problems in {path} ({where}):\n{axe_summary(worst)}"
    return counts
