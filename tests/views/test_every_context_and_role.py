"""Every exercise the notebooks call builds and fills in for every context and every role."""

from __future__ import annotations

import json
import re
from pathlib import Path

import ipywidgets as w
import pytest

import trust_workshop as tw
from trust_workshop import content

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(r'^([a-z_]+)\((?:"([a-z_]+)")?\)$', re.M)


def _calls() -> list[tuple[str, str | None]]:
    found = []
    for path in sorted([*(ROOT / "workshop").glob("*.ipynb"), *(ROOT / "facilitator").glob("*.ipynb")]):
        nb = json.loads(path.read_text("utf-8"))
        code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
        found += [(m.group(1), m.group(2)) for m in CALL.finditer(code)]
    return sorted(set(found), key=str)


@pytest.mark.parametrize("context_key", content.CONTEXT_KEYS)
@pytest.mark.parametrize("role_key", content.ROLE_KEYS)
def test_every_exercise_builds_for_this_context_and_role(opened, context_key: str, role_key: str) -> None:
    opened.set_setting("context", context_key)
    opened.set_setting("role", role_key)
    calls = _calls()
    assert len(calls) > 30
    for func, key in calls:
        view = getattr(tw, func)(key) if key else getattr(tw, func)()
        body = getattr(view, "_body", None)
        if body is not None:
            assert body.children, f"{func}({key or ''}) is empty for {context_key}/{role_key}"
        texts = list(_texts(view))
        assert texts, f"{func}({key or ''}) shows no text at all"
        for where, text in texts:
            text = re.sub(r"<style[^>]*>.*?</style>", "", text, flags=re.S)
            assert "{" not in text.replace("{feeling}", "").replace("{situation}", "").replace("{need}", ""), \
                f"{func}({key or ''}) shows an unfilled placeholder in {where}: {text[:200]!r}"
            # Nothing was typed here, so an escaped tag is the package's own markup shown as code.
            assert not re.search(r"&lt;/?(b|i|p|ul|li|em|strong|br|span|div|h\d)\b", text), \
                f"{func}({key or ''}) shows markup as text in {where}: {text[:200]!r}"


# Synced traits that hold no words for a person: the widget's own machinery.
MACHINERY = {"_model_module", "_model_module_version", "_model_name", "_view_module", "_view_module_version",
             "_view_name", "_dom_classes", "_view_count"}


def _texts(root: w.Widget):
    """(widget and trait, text) for every piece of text anywhere in the widget tree below root:
    HTML values, descriptions, placeholders, tooltips, option labels, titles, in every descendant."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        widget = stack.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        for name in widget.keys:
            if name in MACHINERY:
                continue
            value = getattr(widget, name)
            items = value if isinstance(value, (list, tuple)) else [value]
            for item in items:
                if isinstance(item, w.Widget):
                    stack.append(item)
                elif isinstance(item, str) and item:
                    yield f"{type(widget).__name__}.{name}", item
