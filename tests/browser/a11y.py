"""What a screen reader meets on a page (issue 19): the accessibility tree as Chromium computes it.

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
