"""Every exercise the notebooks call builds and fills in for every context and every role."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import trust_workshop as tw
from trust_workshop import content

ROOT = Path(__file__).resolve().parents[2]
CALL = re.compile(r'^([a-z_]+)\((?:"([a-z_]+)")?\)$', re.M)


def _calls() -> list[tuple[str, str | None]]:
    found = []
    for path in sorted((ROOT / "workshop").glob("*.ipynb")):
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
        text = " ".join(getattr(c, "value", "") for c in getattr(view, "children", ()) if isinstance(
            getattr(c, "value", None), str))
        text = re.sub(r"<style>.*?</style>", "", text, flags=re.S)
        assert "{" not in text.replace("{feeling}", "").replace("{situation}", "").replace("{need}", ""), \
            f"{func}({key or ''}) shows an unfilled placeholder"
