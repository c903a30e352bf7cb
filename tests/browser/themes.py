"""JupyterLab's dark themes: every widget and chart stays readable.

Used inside a JupyterLab test that already has a stage notebook open and run, so no notebook
is opened an extra time. The theme is chosen as a participant would, from Settings > Theme,
and put back to the light theme afterwards: JupyterLab keeps the choice in its settings, and
the other tests in the session expect the light theme.
"""

from __future__ import annotations

from pathlib import Path

from . import harness

LIGHT, DARK, HIGH_CONTRAST = "JupyterLab Light", "JupyterLab Dark", "JupyterLab Dark High Contrast"


def installed_themes(page) -> list[str]:
    """The themes listed under Settings > Theme (the menu is closed again afterwards)."""
    page.click(".lm-MenuBar-itemLabel:text-is('Settings')")
    page.hover(".lm-Menu-itemLabel:text-is('Theme')")
    items = page.locator(".lm-Menu-itemLabel:text-matches('^JupyterLab ')")
    items.first.wait_for(timeout=10_000)
    names = sorted({t.strip() for t in items.all_inner_texts()})
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    return names


def choose_theme(page, name: str) -> None:
    """Settings > Theme > ``name``, then wait until JupyterLab has drawn the page in it."""
    page.click(".lm-MenuBar-itemLabel:text-is('Settings')")
    page.hover(".lm-Menu-itemLabel:text-is('Theme')")
    page.click(f".lm-Menu-itemLabel:text-is('{name}')")
    page.wait_for_function("(name) => document.body.dataset.jpThemeName === name", arg=name, timeout=30_000)
    page.wait_for_timeout(1000)  # the theme's stylesheet is swapped in after the attribute changes


CONTRAST = """(include) => {
    // WCAG 2 contrast of every piece of text in the output areas against the background it sits
    // on (the first ancestor with a solid background), wherever it is scrolled to.
    const lum = (c) => { const [r, g, b] = c.slice(0, 3).map(v => { v /= 255;
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
    const rgba = (s) => (s.match(/[\\d.]+/g) || []).map(Number).concat([1]).slice(0, 4);
    const background = (el) => { for (let e = el; e; e = e.parentElement) {
        const c = rgba(getComputedStyle(e).backgroundColor);
        if (c.length && c[3] > 0.9 && getComputedStyle(e).backgroundColor !== 'rgba(0, 0, 0, 0)') return c; }
        return rgba(getComputedStyle(document.body).backgroundColor); };
    const out = {checked: 0, bad: []};
    for (const area of document.querySelectorAll(include)) for (const el of area.querySelectorAll('*')) {
        if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
        const r = el.getBoundingClientRect(), style = getComputedStyle(el);
        if (!r.width || !r.height || style.visibility === 'hidden') continue;
        if (el.closest('[aria-hidden=true], details:not([open]) > :not(summary)')) continue;
        if (el.closest('img, svg, [style*="background-image"]')) continue;
        const fg = rgba(style.color), bg = background(el);
        const a = lum(fg) + 0.05, b = lum(bg) + 0.05, ratio = Math.max(a, b) / Math.min(a, b);
        const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight) >= 700;
        const needed = (size >= 24 || (bold && size >= 18.66)) ? 3 : 4.5;
        out.checked++;
        if (ratio < needed) out.bad.push({text: el.textContent.trim().slice(0, 60),
                                          ratio: Math.round(ratio * 100) / 100, color: style.color,
                                          background: 'rgb(' + bg.slice(0, 3).join(', ') + ')'});
    }
    return out; }"""


def contrast_findings(page, include: str, at_least: int = 100) -> list[dict]:
    """Text in the output areas that does not stand out enough from its background (WCAG 1.4.3:
    4.5 to 1, or 3 to 1 for large text), measured on every element, scrolled into view or not.

    axe-core's colour-contrast rule judges only what is on the screen, and JupyterLab scrolls the
    notebook inside its own box, so the same arithmetic is done here over the whole notebook.
    """
    found = page.evaluate(CONTRAST, include)
    print(f"colour contrast: {found['checked']} pieces of text checked")
    assert found["checked"] >= at_least, "almost no text checked: is the notebook's output on the page?"
    return found["bad"]


def check_dark_themes(page, artifacts: Path, stem: str) -> None:
    """In JupyterLab's dark theme, its high-contrast one (if installed) and the light theme, no text
    in the notebook's output areas lacks contrast; the charts sit on a light card of their own."""
    themes = installed_themes(page)
    wanted = [t for t in (DARK, HIGH_CONTRAST, LIGHT) if t in themes]
    print(f"JupyterLab themes installed: {themes}")
    assert DARK in wanted, f"JupyterLab's dark theme is missing: {themes}"
    found: dict[str, list[dict]] = {}
    try:
        for theme in wanted:
            choose_theme(page, theme)
            found[theme] = contrast_findings(page, f"{harness.PANEL} .jp-OutputArea-output")
            print(f"{theme}: {len(found[theme])} colour-contrast problems; {found[theme][:5]}")
            slug = harness.notebook_slug(theme)
            harness.screenshots(page, artifacts, f"{stem}-{slug}")
            charts = page.locator(f"{harness.PANEL} .tw-figure img")
            if charts.count():
                charts.last.scroll_into_view_if_needed()
                page.screenshot(path=str(artifacts / f"{stem}-{slug}-chart.png"))
            # A chart is a picture drawn for a light page: it keeps a light card behind it.
            cards = page.evaluate("""(panel) => [...document.querySelectorAll(panel + ' .tw-figure img')]
                .map(i => getComputedStyle(i).backgroundColor)""", harness.PANEL)
            assert all(c == "rgb(255, 255, 255)" for c in cards), f"a chart without its light card in {theme}: {cards}"
    finally:
        choose_theme(page, harness.LAB_THEME)  # as the other tests expect
    bad = {theme: items for theme, items in found.items() if items}
    assert not bad, f"text too faint to read: {bad}"
