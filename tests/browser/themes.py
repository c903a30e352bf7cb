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


def contrast_findings(page, include: str) -> list[dict]:
    """axe-core's colour-contrast rule (WCAG 1.4.3) over the elements matching ``include``.

    JupyterLab draws only the cells near the view, so the notebook is scanned a screenful at a time.
    """
    from axe_playwright_python.sync_playwright import Axe

    page.evaluate(Axe().axe_script)
    height = page.evaluate(harness.FIND_SCROLLER)
    checked: set[str] = set()
    bad: dict[str, dict] = {}
    for y in range(0, height + 1, 800):
        page.evaluate(harness.SCROLL_AND_SETTLE, y)
        results = page.evaluate("""(include) => axe.run(include,
            {runOnly: {type: 'rule', values: ['color-contrast']}})""", include)
        checked |= {" ".join(map(str, n["target"])) for r in results["passes"] for n in r["nodes"]}
        for n in (n for v in results["violations"] for n in v["nodes"]):
            target = " ".join(map(str, n["target"]))
            checked.add(target)
            bad[target] = {"target": target, "why": n.get("failureSummary", "").splitlines()[-1:],
                           "html": n["html"][:160]}
    page.evaluate(harness.SCROLL_AND_SETTLE, 0)
    print(f"colour contrast: {len(checked)} elements checked")
    assert len(checked) > 100, "axe checked almost nothing: is the notebook's output on the page?"
    return list(bad.values())


def check_dark_themes(page, artifacts: Path, stem: str) -> None:
    """In JupyterLab's dark theme, and its high-contrast one if installed, axe finds no text in the
    notebook's output areas without enough contrast; the charts sit on a light card of their own."""
    themes = installed_themes(page)
    wanted = [t for t in (DARK, HIGH_CONTRAST) if t in themes]
    print(f"JupyterLab themes installed: {themes}")
    assert DARK in wanted, f"JupyterLab's dark theme is missing: {themes}"
    found: dict[str, list[dict]] = {}
    try:
        for theme in wanted:
            choose_theme(page, theme)
            found[theme] = contrast_findings(page, f"{harness.PANEL} .jp-OutputArea")
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
        choose_theme(page, LIGHT)
    bad = {theme: items for theme, items in found.items() if items}
    assert not bad, f"text too faint to read in a dark theme: {bad}"
