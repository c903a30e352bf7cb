"""Delivery: Binder's build picks up our configuration, and a hub pull never touches journals."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trust_workshop.model import journal as jr

ROOT = Path(__file__).resolve().parents[1]


def test_binder_has_one_authoritative_dependency_file() -> None:
    binder = ROOT / "binder"
    others = {"environment.yml", "environment.yaml", "Pipfile", "setup.py", "install.R", "apt.txt", "postBuild"}
    assert not [p.name for p in binder.iterdir() if p.name in others]
    assert not (ROOT / "environment.yml").exists() and not (ROOT / "requirements.txt").exists()
    lines = [ln.strip() for ln in (binder / "requirements.txt").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert "." in lines, "Binder must install this package"
    pins = dict(ln.split("==") for ln in lines if "==" in ln)
    assert pins["jupyterlab"].startswith("4.") and pins["ipywidgets"].startswith("8.")
    assert pins["jupyterlab_widgets"].startswith("3.") and "voila" in pins
    assert re.fullmatch(r"python-3\.(1[0-9])", (binder / "runtime.txt").read_text().strip())


def test_pins_agree_with_what_the_package_accepts() -> None:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    deps = " ".join(tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"])
    assert "ipywidgets>=8" in deps


def test_repo2docker_builds_from_our_binder_folder() -> None:
    r2d = shutil.which("jupyter-repo2docker", path=str(Path(sys.executable).parent))
    assert r2d, "jupyter-repo2docker is a test dependency"
    result = subprocess.run([r2d, "--no-build", "--debug", str(ROOT)], capture_output=True, text=True, timeout=300)
    out = result.stdout + result.stderr
    assert result.returncode == 0, out[-3000:]
    version = (ROOT / "binder" / "runtime.txt").read_text().strip().removeprefix("python-")
    assert f"python={version}" in out
    copy_repo = out.index("COPY --chown=0:0 src/ ${REPO_DIR}/")
    install = out.index('pip install --no-cache-dir -r "binder/requirements.txt"')
    assert install > copy_repo, "the package must be installed after the repository is copied in"


@pytest.mark.skipif(os.name != "posix", reason="copies a working folder the way nbgitpuller does")
def test_pulling_the_course_again_never_touches_journals(tmp_path: Path, data_dir: Path) -> None:
    work = tmp_path / "hub-home" / "rebuilding-trust"
    ignore = shutil.ignore_patterns(".venv", ".git", "test-artifacts", "*.egg-info", "__pycache__")
    shutil.copytree(ROOT, work, ignore=ignore)
    journal = jr.Journal.open("Hub participant")
    journal.set_entry("exercise.hopes_worries", {"hope_change": "still here after the pull"})
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert work not in data_dir.parents and data_dir not in work.parents
    # A participant edits a notebook, then the course is pulled again over the same folder.
    (work / "workshop" / "00-welcome-and-safety.ipynb").write_text("{}")
    shutil.copytree(ROOT, work, ignore=ignore, dirs_exist_ok=True)
    assert {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()} == before
    assert not [p for p in work.rglob("*.json") if "trust-journal" in p.name or p.parent.name == "profiles"]
    assert jr.Journal.open("Hub participant").entry("exercise.hopes_worries")["hope_change"] == \
        "still here after the pull"


def test_readme_badges_point_at_real_notebooks_and_warn_about_binder() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    lab = re.findall(r"urlpath=lab/tree/([^)\s]+)", readme)
    voila = re.findall(r"urlpath=voila/render/([^)\s]+)", readme)
    assert lab and voila
    for path in lab + voila:
        assert (ROOT / path).exists(), path
    for needed in ("10 minutes", "Download my journal", "Upload a journal", "nbgitpuller",
                   "Littlest JupyterHub", "Zero to JupyterHub", "repo2docker"):
        assert needed in readme, needed


def test_readme_lists_every_workshop_notebook() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    for path in (ROOT / "workshop").glob("*.ipynb"):
        assert f"`{path.name}`" in readme, f"README does not list {path.name}"
    assert "benchmarks/results.md" in readme
