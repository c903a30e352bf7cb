"""Previous / contents / next links are generated, current, and point at files that exist."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from trust_workshop import navigation

ROOT = Path(__file__).resolve().parents[1]
WORKSHOP = ROOT / "workshop"


FOLDERS = [WORKSHOP, ROOT / "facilitator"]


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_committed_links_are_current(folder: Path) -> None:
    assert navigation.stale(folder) == []


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_link_points_at_an_existing_notebook_and_anchor(folder: Path) -> None:
    for name in navigation.notebook_order(folder):
        nb = json.loads((folder / name).read_text("utf-8"))
        text = "".join(nb["cells"][-1]["source"])
        assert text.startswith(navigation.MARKER), f"{name}: navigation must be the last cell"
        for target in re.findall(r"\]\(([^)]+)\)", text):
            file, _, anchor = target.partition("#")
            assert (folder / file).exists(), f"{name} links to missing {file}"
            if anchor:
                headings = ["".join(c["source"]) for c in json.loads((folder / file).read_text("utf-8"))["cells"]
                            if c["cell_type"] == "markdown"]
                assert any(re.search(rf"^#+ {anchor}\s*$", h, re.M) for h in headings), anchor


def test_generator_orders_by_stage_and_handles_first_and_last(tmp_path: Path) -> None:
    for name in ("00-welcome-and-safety.ipynb", "01-uncover-the-impact.ipynb"):
        shutil.copy(WORKSHOP / name, tmp_path / name)
    first = navigation.navigation_markdown("00-welcome-and-safety.ipynb", tmp_path)
    last = navigation.navigation_markdown("01-uncover-the-impact.ipynb", tmp_path)
    assert "Previous" not in first and "[Next: 1. Uncover the impact →](01-uncover-the-impact.ipynb)" in first
    assert "[← Previous: 0. Safety, readiness and baseline](00-welcome-and-safety.ipynb)" in last
    assert "end of the course notebooks" in last


def test_check_mode_reports_and_write_mode_fixes_a_stale_link(tmp_path: Path, capsys) -> None:
    for name in ("00-welcome-and-safety.ipynb", "01-uncover-the-impact.ipynb"):
        shutil.copy(WORKSHOP / name, tmp_path / name)
    path = tmp_path / "01-uncover-the-impact.ipynb"
    nb = json.loads(path.read_text("utf-8"))
    nb["cells"][-1]["source"] = navigation.MARKER + "\n[hand edited](nowhere.ipynb)"
    path.write_text(json.dumps(nb), "utf-8")
    assert navigation.main([str(tmp_path), "--check"]) == 1
    assert "01-uncover-the-impact.ipynb" in capsys.readouterr().out
    assert navigation.main([str(tmp_path)]) == 0
    assert navigation.main([str(tmp_path), "--check"]) == 0


def test_contents_table_lists_every_stage_and_links_only_what_exists(tmp_path: Path) -> None:
    shutil.copy(WORKSHOP / "00-welcome-and-safety.ipynb", tmp_path)
    table = navigation.contents_markdown(tmp_path)
    assert table.startswith("## Contents")
    assert "[Safety, readiness and baseline](00-welcome-and-safety.ipynb)" in table
    assert "| 1 | Uncover the impact (coming soon) |" in table
    assert table.count("\n| ") == 10  # header and nine stages


def test_welcome_notebook_holds_the_generated_contents() -> None:
    nb = json.loads((WORKSHOP / "00-welcome-and-safety.ipynb").read_text("utf-8"))
    cells = ["".join(c["source"]) for c in nb["cells"] if navigation.CONTENTS_MARKER in "".join(c["source"])]
    assert cells == [navigation.contents_markdown(WORKSHOP)]


def test_several_folders_are_checked_and_written_each_on_its_own(tmp_path: Path, capsys) -> None:
    for folder in FOLDERS:
        shutil.copytree(folder, tmp_path / folder.name)
    copies = [tmp_path / folder.name for folder in FOLDERS]
    path = copies[-1] / navigation.notebook_order(copies[-1])[-1]
    nb = json.loads(path.read_text("utf-8"))
    nb["cells"][-1]["source"] = navigation.MARKER + "\n[hand edited](nowhere.ipynb)"
    path.write_text(json.dumps(nb), "utf-8")
    assert navigation.main([*map(str, copies), "--check"]) == 1
    assert f"{copies[-1].name}/{path.name}" in capsys.readouterr().out
    assert navigation.main(list(map(str, copies))) == 0
    assert navigation.main([*map(str, copies), "--check"]) == 0
    assert all(navigation.stale(folder) == [] for folder in copies)


def _make_nav_arguments() -> list[str]:
    makefile = (ROOT / "Makefile").read_text("utf-8")
    recipe = re.search(r"^nav:.*\n\t(.+)$", makefile, re.M).group(1)
    return recipe.split("-m trust_workshop.navigation", 1)[1].split()


def _pre_commit_hook() -> dict:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    (hook,) = [h for repo in config["repos"] for h in repo["hooks"] if h["id"] == "notebook-navigation"]
    return hook


def test_make_nav_and_the_pre_commit_hook_cover_every_folder_ci_checks() -> None:
    hook = _pre_commit_hook()
    for tool, arguments in (("make nav", _make_nav_arguments()),
                            ("pre-commit", hook["entry"].split("-m trust_workshop.navigation", 1)[1].split())):
        folders = [a for a in arguments if not a.startswith("-")]
        assert sorted(folders) == sorted(f.name for f in FOLDERS), f"{tool} covers {folders}"
    assert "--check" in hook["entry"] and "--check" not in _make_nav_arguments()
    for folder in FOLDERS:
        for path in folder.glob("*.ipynb"):
            assert re.search(hook["files"], f"{folder.name}/{path.name}"), f"pre-commit skips {folder.name}/{path.name}"


def test_make_nav_changes_nothing_when_the_links_are_current(tmp_path: Path) -> None:
    copies = [tmp_path / name for name in _make_nav_arguments()]
    for copy in copies:
        shutil.copytree(ROOT / copy.name, copy)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert navigation.main(list(map(str, copies))) == 0
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_every_row_of_the_contents_table_says_what_the_notebook_is_for() -> None:
    """Stages take their tagline from stages.yaml; other notebooks (My journey, After the course) from
    other_notebooks."""
    from trust_workshop import navigation

    rows = [r for r in navigation.contents_markdown(ROOT / "workshop").splitlines() if r.startswith("| ") and "](" in r]
    assert len(rows) >= 11
    for row in rows:
        sentence = row.rstrip("|").rsplit("|", 1)[-1].strip()
        assert len(sentence) > 10, f"no sentence in the contents row {row!r}"
