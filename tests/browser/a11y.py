"""What a screen reader and a keyboard meet on a page (issue 19): the accessibility tree as
Chromium computes it, and where the keyboard focus is and whether it can be seen.

Names come from Chromium itself (the DevTools protocol's full accessibility tree), not from
a re-implementation, so generated content, labels and titles count as they do for a screen reader.
"""

from __future__ import annotations

import re

# Controls that a screen reader announces by name: each must say what it is.
NAMED_ROLES = {"button", "textbox", "searchbox", "checkbox", "combobox", "radio", "switch", "slider",
               "spinbutton", "listbox"}
# Font Awesome glyphs are private-use characters: a name made only of them says nothing.
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff\s]")


def ax_nodes(page) -> list[dict]:
    """Chromium's accessibility tree of the page, as {role, name, description}, without ignored nodes."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    return [{"role": n.get("role", {}).get("value", ""), "name": n.get("name", {}).get("value", ""),
             "description": n.get("description", {}).get("value", "")}
            for n in nodes if not n.get("ignored")]


def unnamed_controls(nodes: list[dict]) -> list[dict]:
    """Controls whose name is empty or only icon glyphs."""
    return [n for n in nodes if n["role"] in NAMED_ROLES and not PRIVATE_USE.sub("", n["name"])]


def scale_problems(page, nodes: list[dict]) -> list[str]:
    """Every 1-5 scale is a group named by its statement, and each of its buttons is named
    "N of 5", with the answer's words where the scale has them."""
    statements = page.evaluate("""() => [...document.querySelectorAll('.tw-scale')].map(g => {
        const id = g.getAttribute('aria-labelledby');
        const label = id && document.getElementById(id);
        return {role: g.getAttribute('role'), statement: label ? label.innerText.trim() : null};
    })""")
    groups = {n["name"] for n in nodes if n["role"] in ("group", "radiogroup")}
    problems = [f"scale {i + 1}: no statement names it ({s})" for i, s in enumerate(statements)
                if s["role"] != "group" or not s["statement"]]
    problems += [f"scale named by {s['statement']!r} is not a group with that name in the accessibility tree"
                 for s in statements if s["statement"] and s["statement"] not in groups]
    answers = [n["name"] for n in nodes if n["role"] == "button" and re.fullmatch(r"[1-5]( of 5.*)?", n["name"])]
    problems += [f"answer button named only {name!r}" for name in answers if not name.startswith(f"{name[0]} of 5")]
    return problems


def name_problems(page) -> list:
    """What a screen reader could not say on the page as it is: unnamed controls, and scales that
    are not groups named by their statement with "N of 5" answers."""
    nodes = ax_nodes(page)
    return [*unnamed_controls(nodes)[:10], *scale_problems(page, nodes)]


# Where the focus is: the element, its name, whether a focus ring shows, and its place on the page
# (top and bottom measured from the top of the page as laid out, so scrolling does not change them).
FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const cs = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    let scrolled = window.scrollY;
    for (let up = el.parentElement; up; up = up.parentElement) scrolled += up.scrollTop;
    const label = el.labels && el.labels[0] ? el.labels[0].innerText : '';
    const exercise = el.closest('.tw-exercise');
    const scale = el.closest('.tw-scale');
    return {
        tag: el.tagName.toLowerCase(),
        text: (el.innerText || '').trim().slice(0, 80),
        label: (label || el.getAttribute('aria-label') || el.title || '').trim().slice(0, 80),
        exercise: exercise ? (exercise.querySelector('.tw-title') || {innerText: ''}).innerText.trim() : '',
        profile: el.closest('.tw-profile') !== null,
        scale: scale ? [...exercise.querySelectorAll('.tw-scale')].indexOf(scale) : -1,
        top: r.top + scrolled, bottom: r.bottom + scrolled, width: r.width, height: r.height,
        outline: cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0,
        shadow: cs.boxShadow !== 'none',
        ring: cs.outlineStyle + ' ' + cs.outlineWidth + ' ' + cs.outlineColor + ' / ' + cs.boxShadow,
    };
}"""


def describe(state: dict | None) -> str:
    if state is None:
        return "nothing (the page itself)"
    return (f"<{state['tag']}> {state['text'] or state['label']!r} in {state['exercise'] or 'the page'!r} "
            f"at {state['top']:.0f}px")


class KeyboardWalk:
    """Moves through a page with the keyboard alone and checks every stop on the way: the focus
    ring shows, and Tab never jumps back up the page (Shift+Tab never down), except between
    controls on one row."""

    def __init__(self, page, settle_ms: int = 60) -> None:
        self.page = page
        self.settle_ms = settle_ms
        self.state: dict | None = None
        self.stops = 0

    def focus(self) -> dict | None:
        return self.page.evaluate(FOCUS)

    def press(self, key: str) -> dict | None:
        self.page.keyboard.press(key)
        self.page.wait_for_timeout(self.settle_ms)
        before, now = self.state, self.focus()
        if key in ("Tab", "Shift+Tab"):
            self._check_step(before, now, backwards=key == "Shift+Tab")
        if now is not None:
            self._check_visible(now)
        self.state = now
        self.stops += 1
        return now

    def tab_until(self, wanted, what: str, limit: int = 300, key: str = "Tab") -> dict:
        """Press Tab (or Shift+Tab) until ``wanted(state)`` holds; fails after ``limit`` presses."""
        for _ in range(limit):
            state = self.press(key)
            if state is not None and wanted(state):
                return state
        raise AssertionError(f"{limit} presses of {key} never reached {what}; last: {describe(self.state)}")

    def _check_visible(self, state: dict) -> None:
        assert state["width"] > 0 and state["height"] > 0, f"focus is on something not shown: {describe(state)}"
        assert state["outline"] or state["shadow"], \
            f"no visible focus ring on {describe(state)} (outline / shadow: {state['ring']})"

    @staticmethod
    def _check_step(before: dict | None, now: dict | None, backwards: bool) -> None:
        if before is None or now is None:
            return
        same_row = now["top"] < before["bottom"] and now["bottom"] > before["top"]
        jumped = (now["top"] > before["top"] + 2) if backwards else (now["top"] < before["top"] - 2)
        assert same_row or not jumped, \
            f"the focus jumps {'down' if backwards else 'back up'} the page: {describe(before)} -> {describe(now)}"
