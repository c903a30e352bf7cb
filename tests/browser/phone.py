"""Checks of a rendered Voila page at a phone's size (390 x 844 CSS pixels, an ordinary phone held upright).

Used inside the per-notebook Voila test: the page already rendered at desktop size is resized,
so no notebook is rendered a second time. On a phone nobody should have to scroll sideways to
read a sentence, a table keeps to its own box (it reflows, or scrolls inside that box), a
button is big enough for a finger (44 px tall, the WCAG 2.5.5 target size) and no label is
cut short ("Make the han…").
"""

from __future__ import annotations

from pathlib import Path

from . import harness

PHONE = {"width": 390, "height": 844}
MIN_TARGET = 44  # px: WCAG 2.5.5 (target size), and Apple's and Google's own guidance

LAYOUT = """(minTarget) => {
    const W = document.documentElement.clientWidth;
    const main = document.querySelector('[role=main]') || document.body;
    const shown = el => { const r = el.getBoundingClientRect();
                          return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
    const name = el => {
        const cls = [...el.classList].filter(c => c.startsWith('tw-') || c.startsWith('widget-')).slice(0, 2);
        const text = (el.innerText || el.getAttribute('aria-label') || el.getAttribute('alt') || '')
            .trim().replace(/\\s+/g, ' ').slice(0, 40);
        return `${el.tagName.toLowerCase()}${cls.map(c => '.' + c).join('')} "${text}"`;
    };
    // A box of its own that scrolls sideways (a table's wrapper, a <pre>): content wider than the
    // screen is fine there. Widget boxes and output areas scroll too, but a whole exercise or
    // output that scrolls sideways is exactly what must not happen, so those do not count.
    const frame = '.lm-Widget, .jupyter-widgets, .jp-OutputArea, .jp-OutputArea-child, .jp-Cell, body';
    const scrollsOnItsOwn = el => {
        for (let a = el.parentElement; a && a !== main; a = a.parentElement) {
            const x = getComputedStyle(a).overflowX;
            if ((x === 'auto' || x === 'scroll') && !a.matches(frame) && a.closest('.jp-Cell')
                && a.getBoundingClientRect().right <= W + 1) return true;
        }
        return false;
    };
    const wide = [], tables = [], small = [], cut = [];
    for (const el of main.querySelectorAll('*')) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        if ((r.right > W + 1 || r.left < -1) && !scrollsOnItsOwn(el)) wide.push(el);
    }
    for (const t of main.querySelectorAll('table')) {
        if (!shown(t)) continue;
        const box = t.closest('.jp-OutputArea-output, .jp-MarkdownOutput, .jp-RenderedHTMLCommon') || main;
        if (t.getBoundingClientRect().right > box.getBoundingClientRect().right + 1 && !scrollsOnItsOwn(t))
            tables.push(t);
    }
    const targets = 'button, [role=button], input[type=button], input[type=submit], select, summary';
    for (const b of main.querySelectorAll(targets)) {
        if (shown(b) && b.getBoundingClientRect().height < minTarget - 0.5) small.push(b);
    }
    const labels = '.tw-exercise button, .tw-profile button, .tw-exercise .widget-checkbox label, '
        + '.tw-profile .widget-checkbox label, .tw-profile .widget-label, .tw-exercise .widget-label';
    for (const b of main.querySelectorAll(labels)) {
        if (b.offsetParent !== null && b.scrollWidth > b.clientWidth + 1) cut.push(b);
    }
    const list = els => [...new Set(els.map(name))].slice(0, 12);
    const heights = [...new Set(small.map(b => Math.round(b.getBoundingClientRect().height)))];
    // Name the outermost element that sticks out, not each of its children as well.
    const outermost = wide.filter(el => !wide.some(o => o !== el && o.contains(el)));
    return {width: W, pageWidth: document.documentElement.scrollWidth, wide: list(outermost), tables: list(tables),
            small: list(small), smallHeights: heights, cut: [...new Set(cut.map(b => b.innerText.trim()))]};
}"""


def layout_on_a_phone(page) -> dict:
    """Resize the page to a phone's size, let it lay out again, and measure it."""
    page.set_viewport_size(PHONE)
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    page.wait_for_timeout(300)  # ipywidgets and Lumino lay out again on the window's resize event
    return page.evaluate(LAYOUT, MIN_TARGET)


def problems(found: dict) -> dict[str, list]:
    """What is wrong, by kind (empty when the page works on a phone)."""
    out = {}
    if found["pageWidth"] > PHONE["width"]:
        out["the page scrolls sideways"] = [f"{found['pageWidth']} px wide on a {PHONE['width']} px screen"]
    for key, what in (("wide", "wider than the screen, outside a box that scrolls by itself"),
                      ("tables", "tables that overflow their output and do not scroll in a box of their own"),
                      ("small", f"buttons or controls less than {MIN_TARGET} px tall {found['smallHeights']}"),
                      ("cut", "labels cut short")):
        if found[key]:
            out[what] = found[key]
    return out


def check_on_a_phone(page, path: str, artifacts: Path) -> None:
    """The rendered notebook, resized to a phone: nothing scrolls sideways, tables keep to their
    box, buttons are big enough for a finger and no label is cut short. Keeps a first screenful
    (the whole page with TW_SCREENSHOTS=all) as voila-phone-<notebook>-NN.png."""
    found = layout_on_a_phone(page)
    print(f"phone, Voila, {path}: page {found['pageWidth']} px wide; {problems(found) or 'no problems'}")
    harness.screenshots(page, artifacts, f"voila-phone-{harness.notebook_slug(path)}")
    wrong = problems(found)
    assert not wrong, f"on a phone ({PHONE['width']} px), {path}:\n" + "\n".join(
        f"  {what}: {items}" for what, items in wrong.items())
