"""Committed notebooks: cleared outputs, a python3 kernelspec, NN-slug names in sequence, thin hidden code."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from trust_workshop import content
from trust_workshop.views import registry

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "workshop").glob("*.ipynb")) + sorted((ROOT / "facilitator").glob("*.ipynb"))
# Issue 18's short path: every stage notebook opens with "In short".
SKELETON = ["In short", "Check-in", "Exercises", "Reflection", "Homework",
            "When to seek help", "What's next"]


def _load(path: Path) -> dict:
    return json.loads(path.read_text("utf-8"))


def test_there_are_notebooks() -> None:
    assert len(NOTEBOOKS) >= 2


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_clean_with_a_python3_kernel(path: Path) -> None:
    nb = _load(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb["metadata"], "saved widget state must not be committed"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("folder", ["workshop", "facilitator"])
def test_names_are_numbered_in_sequence(folder: str) -> None:
    names = sorted(p.name for p in (ROOT / folder).glob("*.ipynb"))
    for i, name in enumerate(names):
        assert re.fullmatch(r"\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.ipynb", name), name
        assert name.startswith(f"{i:02d}-"), f"{name} is out of sequence"


def test_stage_notebooks_match_the_stage_data() -> None:
    names = {p.stem for p in (ROOT / "workshop").glob("*.ipynb")}
    for s in content.stages():
        assert s.notebook in names, f"stage {s.number} notebook {s.notebook}.ipynb is missing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_code_is_thin_hidden_and_tagged(path: Path) -> None:
    nb = _load(path)
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True
        assert "hide-input" in cell["metadata"].get("tags", [])
        for line in filter(None, source.splitlines()):
            assert re.fullmatch(r"from trust_workshop import \*|[a-z_]+\((\"[a-z_]+\")?\)", line), line


STAGE_NOTEBOOKS = [ROOT / "workshop" / f"{s.notebook}.ipynb" for s in content.stages()
                   if (ROOT / "workshop" / f"{s.notebook}.ipynb").exists()]


def test_journey_notebook_shows_everything_and_the_data_controls() -> None:
    path = ROOT / "workshop" / "09-my-journey.ipynb"
    if not path.exists():
        pytest.skip("09-my-journey is not written yet")
    code = "\n".join("".join(c["source"]) for c in _load(path)["cells"] if c["cell_type"] == "code")
    for call in ("profile_bar()", "journey()", "share_summary()", "compare_answers()", "my_data()", "get_help()"):
        assert call in code


@pytest.mark.parametrize("path", STAGE_NOTEBOOKS, ids=lambda p: p.name)
def test_every_stage_notebook_follows_the_skeleton(path: Path) -> None:
    nb = _load(path)
    markdown = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    headings = re.findall(r"^#{1,2} (.+)$", markdown, re.M)
    assert headings[0] and markdown.lstrip().startswith("# ")
    positions = []
    for part in SKELETON:
        found = [i for i, h in enumerate(headings) if h.startswith(part)]
        assert found, f"{path.name} has no '{part}' section"
        positions.append(found[0])
    assert positions == sorted(positions), f"{path.name}: skeleton sections out of order"
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    for call in ("checkin(", "pulse()", "reflection(", "homework(", "get_help()"):
        assert call in code, f"{path.name} does not call {call}"
    words = len(re.sub(r"[#|*`>-]", " ", markdown).split())
    assert words >= 700, f"{path.name} has only {words} words of teaching prose"
    exercises = sum(code.count(f"{name}(") for name in registry.kinds())
    assert exercises >= 2


@pytest.mark.parametrize("stage", content.stages(), ids=lambda s: s.key)
def test_each_notebook_calls_exactly_the_exercises_its_stage_lists(stage) -> None:
    """stages.yaml states each stage's exercises and their order once; the notebook is checked
    against it: every call of a registered exercise kind, in order, and nothing else."""
    path = ROOT / "workshop" / f"{stage.notebook}.ipynb"
    cells = [c for c in _load(path)["cells"] if c["cell_type"] == "code"]
    code = [line.strip() for c in cells for line in "".join(c["source"]).splitlines()]
    kinds = registry.kinds()
    calls = [line for line in code if re.match(r"^([a-z_]+)\(", line) and line.split("(")[0] in kinds]
    assert calls == registry.stage_calls(stage.key)


@pytest.mark.parametrize("stage", content.stages(), ids=lambda s: s.key)
def test_each_stage_notebook_offers_its_comparison_just_before_getting_help(stage) -> None:
    """``compare_answers`` is a panel the notebooks share, like ``pulse()`` or ``get_help()``: it is no
    exercise kind, so it never prints on a worksheet; each stage shows only its own statements."""
    assert "compare_answers" not in registry.kinds()
    path = ROOT / "workshop" / f"{stage.notebook}.ipynb"
    cells = _load(path)["cells"]
    calls = ["".join(c["source"]).strip() for c in cells if c["cell_type"] == "code"]
    assert calls.count(f'compare_answers("{stage.key}")') == 1
    where = calls.index(f'compare_answers("{stage.key}")')
    assert calls[where + 1] == "get_help()", "the comparison comes just before 'When to seek help'"
