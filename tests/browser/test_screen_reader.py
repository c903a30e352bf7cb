"""What a screen reader hears on a stage notebook in Voila (issue 19): every control has a name that
says what it is, every 1-5 scale is a group named by its statement, and each answer is named
"3 of 5, Not sure", not "3". The names are Chromium's own (a11y.ax_nodes)."""

from __future__ import annotations

from . import a11y

NOTEBOOK = "workshop/05-boundaries-and-agreements.ipynb"


def test_every_control_has_a_name_and_every_scale_is_a_named_group(voila, page) -> None:
    page.goto(voila.url(f"voila/render/{NOTEBOOK}"), timeout=120_000)
    page.locator(".tw-exercise .tw-title:text-is('Where to get help')").wait_for(timeout=120_000)
    page.locator(".tw-scale").first.wait_for(timeout=30_000)
    page.wait_for_timeout(500)
    nodes = a11y.ax_nodes(page)
    unnamed = a11y.unnamed_controls(nodes)
    assert not unnamed, f"controls with no name a screen reader can say: {unnamed[:10]}"
    assert a11y.scale_problems(page, nodes) == []
    assert page.locator(".tw-scale").count() >= 10, "the check-in and the pulse are both on the page"
    assert page.get_by_role("button", name="3 of 5, Not sure").count() > 0
    groups = [n["name"] for n in nodes if n["role"] == "group"]
    assert any(name.startswith("1. ") for name in groups), groups
