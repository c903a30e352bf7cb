"""Widget latency in a real JupyterLab with Chromium, measured inside the page.

The page itself keeps the clock: a capture listener notes ``event.timeStamp`` of the input
event (a click, a file choice), and a MutationObserver notes ``performance.now()`` when the
dependent part of the page has changed. Both use the page's own time origin, so the figure
is the browser-side latency (browser to kernel, the kernel's work, kernel to browser,
widget render), with no Playwright round trip in it.

* Check-in reading: click another answer to statement 1 of the stage check-in in notebook
  01; the kernel recomputes the score and the reading under the statements changes. The
  answer alternates between 1 and 5, so every click changes the score.
* Progress charts: change an answer, then click "Redraw with my latest answers"; the radar
  and the pulse chart are drawn again with matplotlib and replace the old images.
* Group dashboard: choose 1,000 summary files in the upload button of facilitator notebook
  03; the kernel receives them, checks and aggregates them, and the note "1000 summaries
  loaded" appears.

The journal is prefilled (as in the prefilled-notebook test), so the check-in shows a
reading from the first click and the progress charts are drawn.
"""

from __future__ import annotations

import os
from pathlib import Path

from common import Row, prefilled_journal

GOAL_MS = 100.0

WATCH_TEXT = r"""(root, [selector, pattern]) => {
    // Latency from an input event inside `root` to the moment the text of `selector` changes
    // (or, with a pattern, first matches it).
    const read = () => [...root.querySelectorAll(selector)].map(el => el.textContent).join('\n');
    const state = window.__twLatency = {samples: [], pending: null};
    const start = (ev) => { if (root.contains(ev.target)) state.pending = {t: ev.timeStamp, before: read()}; };
    root.addEventListener('click', start, true);
    root.addEventListener('change', start, true);
    new MutationObserver(() => {
        const p = state.pending;
        if (!p) return;
        const now = read();
        if (pattern ? new RegExp(pattern, 'm').test(now) : now !== p.before) {
            state.samples.push(performance.now() - p.t);
            state.pending = null;
        }
    }).observe(root, {subtree: true, childList: true, characterData: true});
}"""

WATCH_REPLACED = """(root, button) => {
    // Latency from a click on `button` to the moment every image and caption of `root` has been
    // replaced by a new one (the exercise rebuilds its body).
    const parts = () => [...root.querySelectorAll('img, .tw-caption')];
    const state = window.__twLatency = {samples: [], pending: null};
    root.addEventListener('click', (ev) => {
        if (!ev.target.closest(button)) return;
        const old = parts();
        old.forEach(el => el.dataset.twOld = '1');
        state.pending = {t: ev.timeStamp, count: old.length};
    }, true);
    new MutationObserver(() => {
        const p = state.pending;
        if (!p) return;
        const now = parts();
        const fresh = now.filter(el => !el.dataset.twOld && (el.tagName !== 'IMG' || el.src));
        if (fresh.length === p.count && now.length === p.count) {
            state.samples.push(performance.now() - p.t);
            state.pending = null;
        }
    }).observe(root, {subtree: true, childList: true, attributes: true, attributeFilter: ['src']});
}"""


def _samples(page) -> int:
    return page.evaluate("() => window.__twLatency.samples.length")


def _wait_sample(page, count: int, timeout: float = 30_000) -> None:
    page.wait_for_function("(n) => window.__twLatency.samples.length >= n", arg=count, timeout=timeout)


def _exercise(page, panel: str, title: str):
    return page.locator(f"{panel} .tw-exercise:has(.tw-title:text-is('{title}'))").first


def checkin_and_charts(page, srv, harness, changes: int, redraws: int) -> list[Row]:
    harness.open_notebook(page, srv, "workshop/01-uncover-the-impact.ipynb")
    harness.run_all(page)
    checkin = _exercise(page, harness.PANEL, "Check-in: Uncover the impact")
    checkin.locator(".tw-score").wait_for(timeout=30_000)  # the prefilled answers give a reading at once
    statement = checkin.locator(".tw-scale").first
    checkin.evaluate(WATCH_TEXT, [".tw-score", None])
    for i in range(changes):
        statement.locator(f"button:text-is('{(1, 5)[i % 2]}')").click()
        _wait_sample(page, i + 1)
        page.wait_for_timeout(300)  # let the save that follows the reading finish
    reading = page.evaluate("() => window.__twLatency.samples")

    progress = _exercise(page, harness.PANEL, "Seeing your progress")
    progress.locator("img").first.wait_for(timeout=30_000)
    redraw = "button[title='Draw the charts again from your journal']"  # CSS: the page's listener uses it too
    progress.evaluate(WATCH_REPLACED, redraw)
    for i in range(redraws):
        statement.locator(f"button:text-is('{(2, 4)[i % 2]}')").click()  # a new answer for the charts to show
        page.wait_for_timeout(400)
        progress.locator(redraw).click()
        _wait_sample(page, i + 1)
        page.wait_for_timeout(300)
    charts = page.evaluate("() => window.__twLatency.samples")
    return [
        Row("Check-in: click an answer to the reading shown under the statements (JupyterLab)", reading, "ms",
            GOAL_MS, why="the reading is computed in the kernel: the figure is the round trip to the kernel "
                         "and the render; compare the journal save rows"),
        Row("Progress: click 'Redraw' to both charts replaced (matplotlib, JupyterLab)", charts, "ms"),
    ]


SEND_HOOK = """() => {
    // Note when the page sends its largest message to the kernel: the upload, once the
    // browser has read every chosen file. Only this page's WebSocket is affected.
    const send = WebSocket.prototype.send;
    window.__twSent = [];
    WebSocket.prototype.send = function (data) {
        const size = data.byteLength || data.size || data.length || 0;
        if (size > 100000) window.__twSent.push(performance.now());
        return send.call(this, data);
    };
}"""


def dashboard_upload(page, srv, harness, summaries: list[Path], repeat: int) -> list[Row]:
    harness.open_notebook(page, srv, "facilitator/03-group-dashboard.ipynb")
    harness.run_all(page)
    dash = _exercise(page, harness.PANEL, "Group progress")
    dash.locator("text=0 summaries loaded").wait_for(timeout=30_000)
    dash.evaluate(WATCH_TEXT, ["p", f"^{len(summaries)} summaries loaded"])
    page.evaluate(SEND_HOOK)
    files = [str(p) for p in summaries]
    starts = []
    for i in range(repeat):
        # The upload widget's file input is not in the page (it is clicked from script), so
        # the clock starts in the page just before Playwright hands over the chosen files.
        with page.expect_file_chooser() as chooser:
            dash.locator(".widget-upload").click()
        starts.append(page.evaluate("() => (window.__twLatency.pending = {t: performance.now(), before: ''}).t"))
        chooser.value.set_files(files, timeout=120_000)
        _wait_sample(page, i + 1, timeout=180_000)
        dash.locator("button:has-text('Clear')").click()
        dash.locator("text=0 summaries loaded").wait_for(timeout=30_000)
        page.wait_for_timeout(300)
    total = page.evaluate("() => window.__twLatency.samples")
    sent = page.evaluate("() => window.__twSent")
    if len(sent) != repeat:
        raise RuntimeError(f"expected {repeat} uploads to be sent, saw {len(sent)}")
    reading = [(s - t) / 1000 for s, t in zip(sent, starts, strict=True)]
    rest = [tot / 1000 - r for tot, r in zip(total, reading, strict=True)]
    n = f"{len(summaries):,}"
    return [
        Row(f"Dashboard: choose {n} summary files to the note 'loaded' (JupyterLab, end to end)",
            [ms / 1000 for ms in total], "s", 2.0,
            why="most of the time is the browser reading the files for the upload widget (next row), "
                "before the kernel sees any of them"),
        Row(f"… of which the browser reads the {n} files until the upload is sent (ipywidgets FileUpload)",
            reading, "s"),
        Row("… of which the upload's transfer, the kernel's loading and the redraw", rest, "s"),
    ]


def run(repeat: int, tmp: Path, browser) -> list[Row]:
    from dashboard import write_summaries

    from tests.browser import harness

    profile = prefilled_journal(tmp / "lab" / "data")  # the server's data folder
    summaries = write_summaries(tmp / "summaries")
    rows: list[Row] = []
    with harness.server("lab", tmp / "lab", profile=profile) as srv:
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        rows += checkin_and_charts(page, srv, harness, changes=20, redraws=max(5, repeat))
        page.close()
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        rows += dashboard_upload(page, srv, harness, summaries, max(5, repeat))
        page.close()
    for row in rows:
        print(f"  {row.measure}: median {row.median:.{0 if row.unit == 'ms' else 2}f} {row.unit}", flush=True)
    os.environ.pop("TRUST_WORKSHOP_PROFILE", None)
    return rows
