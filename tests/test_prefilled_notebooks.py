"""Every notebook, run against a journal filled in over several sessions, shows what was saved.

The notebooks are executed with nbclient and their widget state is kept, so the test can
read what each widget would show: saved text in the text boxes, saved ticks, saved scale
answers, and charts (images) whose captions name the saved dates.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import nbformat
import pytest

from trust_workshop import content
from trust_workshop.model import journal as jr

ROOT = Path(__file__).resolve().parents[1]
# Notebooks with code to run (the glossary is only words).
NOTEBOOKS = [p for p in sorted((ROOT / "workshop").glob("*.ipynb"))
             if any(c["cell_type"] == "code" for c in json.loads(p.read_text("utf-8"))["cells"])]
PROFILE = "Prefilled participant"
TODAY = dt.date.today()
PAST = [(TODAY - dt.timedelta(weeks=n)).isoformat() for n in (6, 4, 2)]
CALL = re.compile(r'^([a-z_]+)\((?:"([a-z_]+)")?\)$', re.M)


def _calls(path: Path) -> list[tuple[str, str | None]]:
    nb = json.loads(path.read_text("utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    return [(m.group(1), m.group(2)) for m in CALL.finditer(code)]


def _marker(key: str, field: str = "") -> str:
    return f"saved-{key}-{field}".rstrip("-")


def prefill(journal: jr.Journal) -> dict[str, list[str]]:
    """Fill every exercise the notebooks use; return, per exercise key, texts that must be shown."""
    journal.set_setting("context", "couple")
    journal.set_setting("role", "both")
    expect: dict[str, list[str]] = {}
    for s in content.stages():
        items = content.checkin_items(s.key)
        journal.record_checkin("baseline", s.key, {it.id: 2 for it in items}, date=PAST[0])
        journal.record_checkin("final", s.key, {it.id: 4 for it in items}, date=TODAY.isoformat())
        for date in PAST[1:] + [TODAY.isoformat()]:
            journal.record_checkin("stage", s.key, {it.id: 4 for it in items}, date=date)
    for date in PAST + [TODAY.isoformat()]:
        journal.record_pulse({it.id: 3 for it in content.pulse_items()}, date=date)
    for path in NOTEBOOKS:
        for func, key in _calls(path):
            if func in ("form",):
                fields = content.exercise(key)["fields"]
                journal.set_entry(f"exercise.{key}", {f["id"]: _marker(key, f["id"]) for f in fields})
                # The journal's role is "both": its boxes are the ones on the page.
                expect[key] = [_marker(key, f["id"]) for f in fields if "both" in f.get("roles", ["both"])]
            elif func in ("reflection", "homework"):
                prompts = content.prompts(key, func, "both")
                value = {p["id"]: _marker(f"{func}-{key}", p["id"]) for p in prompts}
                if func == "homework":
                    value = {"plan": _marker(f"homework-{key}"), "idea": prompts[0]["id"], "done": True}
                journal.set_entry(f"{func}.{key}", value)
                expect[f"{func}.{key}"] = [v for v in value.values() if isinstance(v, str) and v.startswith("saved")]
            elif func == "checklist":
                own = _marker(key, "own")
                journal.set_entry(f"exercise.{key}", {"checked": [own], "own": [own]})
                expect[key] = [own]
            elif func == "list_builder":
                items = [_marker(key, "1"), _marker(key, "2")]
                journal.set_entry(f"exercise.{key}", items)
                expect[key] = items
    journal.set_entry("exercise.apology_builder", {"draft": _marker("apology"), "covered": []})
    journal.set_entry("exercise.i_statement", [{"accusation": "x", "feeling": "f", "situation": "s", "need": "n",
                                                "statement": _marker("i_statement")}])
    journal.set_entry("exercise.agreement_builder", [{"what": _marker("agreement"), "who": "both", "when": "now",
                                                      "review": PAST[2], "mark": "agree"}])
    journal.set_entry("exercise.promise_log", [
        {"date": PAST[1], "promise": _marker("promise", "1"), "kept": "yes"},
        {"date": PAST[2], "promise": _marker("promise", "2"), "kept": "no"}])
    journal.set_entry("exercise.bank_account", [{"date": PAST[1], "kind": "deposit", "note": _marker("deposit")}])
    journal.set_entry("exercise.milestones", [{"date": PAST[0], "text": _marker("milestone")}])
    expect.update({"apology_builder": [_marker("apology")], "i_statement": [_marker("i_statement")],
                   "agreement_builder": [_marker("agreement")], "promise_log": [_marker("promise", "1")],
                   "bank_account": [_marker("deposit")], "milestones": [_marker("milestone")]})
    return expect


def _widget_states(nb) -> list[dict]:
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    return [m["state"] for m in state.values()]


def _all_text(states: list[dict]) -> str:
    parts = []
    for s in states:
        for key in ("value", "description", "_options_labels"):
            v = s.get(key)
            if isinstance(v, str):
                parts.append(v)
            elif isinstance(v, list):
                parts.extend(str(x) for x in v)
    return "\n".join(parts)


@pytest.mark.notebook
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_shows_a_prefilled_journal(path: Path, data_dir: Path, machinery: Path, tmp_path: Path) -> None:
    """...and, run in a sandbox, writes nothing outside the data folder (tests/privacy/sandbox.py)."""
    from .privacy.sandbox import Sandbox

    journal = jr.Journal.open(PROFILE)
    expect = prefill(journal)
    sandbox = Sandbox(tmp_path / "sandbox", data_dir, machinery, PROFILE)
    nb = nbformat.read(path, as_version=4)
    errors = sandbox.run(nb, path.parent, timeout=120, store_widget_state=True)
    assert not errors, errors
    sandbox.check()
    states = _widget_states(nb)
    text = _all_text(states)
    assert f"Working as <b>{PROFILE}</b>" in text
    for func, key in _calls(path):
        wanted = expect.get(f"{func}.{key}") if func in ("reflection", "homework") else expect.get(key or func, [])
        for marker in wanted or []:
            assert marker in text, f"{path.name}: {func}({key or ''}) does not show {marker!r}"
        if func in ("checkin",):
            # Today's stage check-in was saved with every answer 4: the buttons show it.
            assert "Your answers from today are shown" in text
        if func in ("progress", "journey", "promise_log", "bank_account", "milestones", "pre_post"):
            # A chart is a PNG picture in an HTML widget, with its caption as the alternative text.
            images = [s for s in states if s.get("_model_name") == "HTMLModel"
                      and "<img src='data:image/png;base64," in str(s.get("value", "")) and " alt='" in s["value"]]
            assert images, f"{path.name}: {func}() drew no chart"
    if any(f == "progress" for f, _ in _calls(path)):
        assert f"{len(PAST) + 1} trust pulses from {PAST[0]} to {TODAY.isoformat()}" in text
    if any(f == "pre_post" for f, _ in _calls(path)):
        assert "9 of 9 stages have both a baseline and a final answer" in text
    if any(f == "promise_log" for f, _ in _calls(path)):
        assert "In all, 1 of 2 (50%)" in text
