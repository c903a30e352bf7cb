"""Safety-check answers never appear in any file, export, summary, report or dashboard."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import ipywidgets as w
import pytest

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.content import safety as safety_content
from trust_workshop.model import journal as jr
from trust_workshop.model import summary as sm
from trust_workshop.model import transfer as tf
from trust_workshop.outputs import pdf
from trust_workshop.views.facilitator import GroupDashboard
from trust_workshop.views.share import ShareSummary

from .. import ui
from ..test_prefilled_notebooks import PROFILE, prefill


def _shown(widget) -> str:
    own = widget.value if isinstance(widget, w.HTML | w.Textarea | w.Text) else ""
    return " ".join([own, *(_shown(c) for c in getattr(widget, "children", ()))])


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


def _only_region_changed(before: dict[str, bytes], after: dict[str, bytes]) -> bool:
    """True when the only difference between two snapshots is the profile's region setting."""
    if set(before) - {k for k in before if "bak" in k} != set(after) - {k for k in after if "bak" in k}:
        return False
    for name, old in before.items():
        if not name.endswith(".json") or "bak" in name:
            continue
        a, b = json.loads(old), json.loads(after[name])
        for d in (a, b):
            d.pop("updated", None)
            d.get("settings", {}).pop("region", None)
        if a != b:
            return False
    return True


def _needles() -> list[str]:
    """What would betray a safety answer: each question's id and the start of its wording."""
    found = []
    for q in safety_content.questions("couple"):
        found.append(f'"{q.id}"')  # as a JSON key or value
        words = max(re.split(r"my partner", q.label), key=len).strip(" .,")
        found.append(words[:28])
    return [n for n in found if len(n) >= 5]


def test_ticking_the_safety_check_writes_nothing_and_no_output_carries_it(opened, data_dir: Path,
                                                                          tmp_path: Path) -> None:
    journal = jr.Journal.open(PROFILE)
    prefill(journal)
    opened.open(PROFILE)
    before = _files(data_dir)

    check = tw.safety_check()
    assert set(check.boxes) == {q.id for q in safety_content.questions()}, "every statement, both parts"
    for box in check.boxes.values():
        box.value = True
    ui.control(check, "Where you are:").value = "uk"  # choosing a country beside it saves the region only
    assert check.concern and "tw-alert" in ui.markup(check)
    opened.set_region(None)  # the region is a profile setting, not a safety answer; undo it to compare
    assert _files(data_dir) == before or _only_region_changed(before, _files(data_dir)), \
        "ticking the safety check must write nothing at all"

    share = ShareSummary()
    ui.type_into(share, "Pseudonym:", "Blue Heron")
    ui.click(share, "Show me what would be shared")
    shared = base64.b64decode(re.search(r"base64,([A-Za-z0-9+/=]+)", ui.markup(share)).group(1))
    summaries = [sm.encode(sm.build(journal, name)) for name in ("Ana", "Sol")] + [shared]
    board = GroupDashboard()
    ui.control(board, "Add summary files").value = tuple(
        {"name": f"{i}.json", "type": "application/json", "size": len(raw), "content": memoryview(raw),
         "last_modified": dt.datetime(2026, 1, 1)} for i, raw in enumerate(summaries))
    everything_in_entries = sorted(opened.journal.data["entries"])
    outputs = {
        **{f"data/{k}": v for k, v in _files(data_dir).items()},
        "export": tf.export_bytes(opened.journal),
        "summary": shared,
        "summary preview": ui.markup(share).encode(),
        "dashboard": _shown(board).encode(),
        "journey": _shown(tw.journey()).encode(),
    }
    assert b"Blue Heron" in outputs["summary"] and "Blue Heron" in [s["pseudonym"] for s in board.loaded.summaries]
    texts = {name: blob.decode("utf-8", "replace") for name, blob in outputs.items()}
    if shutil.which("pdftotext"):
        for name, blob in {"report": pdf.report(opened.journal, everything_in_entries),
                           "handout": pdf.handout("safety")}.items():
            path = tmp_path / f"{name}.pdf"
            path.write_bytes(blob)
            texts[name] = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                                                  check=True).stdout.split())
        assert "saved-" in texts["report"], "the report should hold the ticked writing, or the test proves little"
    for name, text in texts.items():
        for needle in _needles():
            assert needle not in text, f"{name} carries the safety check: {needle!r}"
    assert all(json.loads(outputs[f"data/{k}"]) for k in before if k.endswith(".json"))


@pytest.mark.parametrize("context", [c.key for c in content.contexts()])
def test_the_needles_are_real_wording(context: str) -> None:
    """Guard the guard: the needles are found in the check itself, in every context."""
    check_text = json.dumps([{"id": q.id, "label": q.label} for q in safety_content.questions(context)],
                            ensure_ascii=False)
    assert all(n in check_text for n in _needles())
    assert len(_needles()) >= 6
