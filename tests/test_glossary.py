"""Words we use: ``glossary.yaml``, notebook 11 written from it, and links to its terms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from trust_workshop import glossary as writer
from trust_workshop.content import glossary

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "workshop").glob("*.ipynb")) + sorted((ROOT / "facilitator").glob("*.ipynb"))
LINK = re.compile(r"11-glossary\.ipynb#([^)\s\"]+)")


def test_the_anchor_rule() -> None:
    assert glossary.anchor("decisional forgiveness") == "Decisional-forgiveness"
    assert glossary.anchor("A.R.E. questions") == "A.R.E.-questions"
    assert glossary.link("trust pulse") == "[trust pulse](11-glossary.ipynb#Trust-pulse)"


def test_terms_are_unique_sorted_and_first_explained_in_a_notebook_that_exists() -> None:
    terms = glossary.terms()
    assert len(terms) >= 30
    assert [t.term.casefold() for t in terms] == sorted(t.term.casefold() for t in terms)
    stems = {p.stem for p in (ROOT / "workshop").glob("*.ipynb")}
    for t in terms:
        assert t.first in stems, f"{t.term}: first explained in {t.first}, which is not a notebook"
    for wanted in ("decisional forgiveness", "emotional forgiveness", "altruistic gift", "structural repair",
                   "trust pulse", "booster check-in", "four horsemen", "psychological safety"):
        assert wanted in {t.term for t in terms}


def test_notebook_11_matches_the_data() -> None:
    assert not writer.stale(ROOT / "workshop"), (
        "workshop/11-glossary.ipynb is out of date: run python -m trust_workshop.glossary --write, then "
        "python -m trust_workshop.navigation workshop facilitator")


def test_notebook_11_has_one_heading_per_term_and_no_code() -> None:
    cells = json.loads((ROOT / "workshop" / glossary.NOTEBOOK).read_text("utf-8"))["cells"]
    assert all(c["cell_type"] == "markdown" for c in cells)
    text = "".join(cells[0]["source"])
    assert text.startswith("# Words we use\n")
    assert re.findall(r"^## (.+)$", text, flags=re.M) == [t.heading for t in glossary.terms()]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_link_to_the_glossary_points_at_a_term(path: Path) -> None:
    anchors = {t.anchor for t in glossary.terms()}
    cells = json.loads(path.read_text("utf-8"))["cells"]
    links = [a for c in cells if c["cell_type"] == "markdown" for a in LINK.findall("".join(c["source"]))]
    missing = sorted(set(links) - anchors)
    assert not missing, f"{path.name} links to glossary terms that do not exist: {missing}"


def test_merging_adds_new_terms_and_keeps_existing_ones(tmp_path: Path) -> None:
    data = tmp_path / "glossary.yaml"
    data.write_text(writer.DATA.read_text("utf-8"), encoding="utf-8")
    extra = tmp_path / "glossary-helper.yaml"
    extra.write_text("- term: Trust pulse\n  plain: Something else entirely, in other words.\n"
                     "  first: 00-welcome-and-safety\n"
                     "- term: Quiet corner\n  plain: >-\n    Trying to run someone else's life: checking their phone\n"
                     "    or deciding who they may see.\n  first: 05-boundaries-and-agreements\n", encoding="utf-8")
    added, kept = writer.merge([extra], data)
    assert (added, kept) == (["Quiet corner"], ["Trust pulse"])
    text = data.read_text("utf-8")
    assert text.startswith("# Words we use") and "Something else" not in text
    assert "Trying to run someone else's life: checking their phone or deciding" in text
    assert writer.merge([extra], data) == ([], ["Trust pulse", "Quiet corner"])
