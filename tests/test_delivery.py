"""Delivery: Binder's build picks up our configuration, and a hub pull never touches journals."""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from trust_workshop.model import journal as jr
from trust_workshop.model import storage

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


def _project() -> dict:
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def _binder_pins() -> dict[str, Version]:
    pins = {}
    for line in (ROOT / "binder" / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and line != ".":
            req = Requirement(line)
            (spec,) = req.specifier
            assert spec.operator == "==", f"binder/requirements.txt must pin exact versions: {line}"
            pins[canonicalize_name(req.name)] = Version(spec.version)
    return pins


def test_binder_pins_are_versions_the_package_accepts() -> None:
    """Binder installs '.' with these pins: each must satisfy what pyproject.toml asks of it,
    or Binder's build fails to resolve (or quietly runs versions the package was never tested with)."""
    project = _project()
    runtime = [Requirement(r) for r in project["dependencies"]]
    extras = [Requirement(r) for reqs in project["optional-dependencies"].values() for r in reqs]
    pins = _binder_pins()
    checked = set()
    for req in runtime + extras:
        name = canonicalize_name(req.name)
        if name in pins:
            assert req.specifier.contains(pins[name], prereleases=True), \
                f"binder pins {name}=={pins[name]} but pyproject.toml asks for {req}"
            checked.add(name)
    assert {"ipywidgets", "jupyterlab", "voila"} <= checked, checked
    (widgets,) = [r for r in runtime if canonicalize_name(r.name) == "ipywidgets"]
    assert not widgets.specifier.contains("7.8.5"), "the package needs ipywidgets 8"


def _third_party_imports() -> dict[str, str]:
    """Top-level modules the package imports outside the standard library -> a file importing each.

    An import inside ``try: ... except ImportError`` is optional and left out."""
    found: dict[str, str] = {}
    for path in sorted((ROOT / "src" / "trust_workshop").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        optional = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Try) and any(
                    isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                    for h in node.handlers):
                optional |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
        for node in ast.walk(tree):
            if id(node) in optional:
                continue
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for top in {n.split(".")[0] for n in names}:
                if top not in sys.stdlib_module_names and top != "trust_workshop":
                    found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_runtime_import_is_a_declared_dependency() -> None:
    """What the package imports must be in pyproject.toml's dependencies itself, not arrive by luck
    as a dependency of a dependency (Binder and hubs install exactly what is declared)."""
    declared = {canonicalize_name(Requirement(r).name) for r in _project()["dependencies"]}
    distributions = metadata.packages_distributions()
    imports = _third_party_imports()
    assert {"ipywidgets", "yaml", "platformdirs"} <= imports.keys()
    for module, where in imports.items():
        dists = {canonicalize_name(d) for d in distributions.get(module, [])}
        assert dists, f"{where} imports {module}, which no installed distribution provides"
        assert dists & declared, f"{where} imports {module} ({', '.join(sorted(dists))}), " \
            "which pyproject.toml does not declare"


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


COURSE_IGNORE = shutil.ignore_patterns(".venv", ".git", "test-artifacts", "*.egg-info", "__pycache__")


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _set_read_only(folder: Path, read_only: bool) -> None:
    for p in [folder, *folder.rglob("*")]:
        p.chmod((0o555 if p.is_dir() else 0o444) if read_only else (0o755 if p.is_dir() else 0o644))


# How a hub lays out one participant: where the course is, and what the spawner sets.
# "nbgitpuller": TLJH or Zero to JupyterHub, the course pulled into the home folder, only HOME set.
# "xdg": the same, in an image that sets XDG_DATA_HOME to a persistent volume.
# "shared-course": the course in one shared read-only folder, TRUST_WORKSHOP_DATA_DIR=~/trust-journals
# set for every user by the hub (the ~ is each user's own home).
HUB_LAYOUTS = ["nbgitpuller", "xdg", "shared-course"]


@pytest.mark.skipif(os.name != "posix", reason="lays out a hub user's home the way JupyterHub does on Linux")
@pytest.mark.parametrize("layout", HUB_LAYOUTS)
def test_pulling_the_course_again_never_touches_journals(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         layout: str) -> None:
    home = tmp_path / "home" / "jovyan"
    home.mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("TRUST_WORKSHOP_DATA_DIR")  # the data folder is chosen by the code, as on a hub
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    user_data = home  # the participant's own folder that the hub keeps between sessions
    if layout == "xdg":
        user_data = tmp_path / "volumes" / "jovyan"
        monkeypatch.setenv("XDG_DATA_HOME", str(user_data / "share"))
    if layout == "shared-course":
        course = tmp_path / "srv" / "courses" / "rebuilding-trust"
        monkeypatch.setenv("TRUST_WORKSHOP_DATA_DIR", "~/trust-journals")
    else:
        course = home / "rebuilding-trust"
    shutil.copytree(ROOT, course, ignore=COURSE_IGNORE)
    pulled = _files(course)
    # A notebook's kernel runs in the notebook's own folder.
    monkeypatch.chdir(course / "workshop")
    if layout == "shared-course":
        _set_read_only(course, True)  # root ignores this; comparing the course's files below does not

    folder = storage.data_dir().resolve()
    assert course.resolve() not in folder.parents and folder != course.resolve(), \
        f"journals would live in the course folder: {folder}"
    assert user_data.resolve() in folder.parents, f"journals would live outside this participant's own folder: {folder}"
    journal = jr.Journal.open("Hub participant")
    journal.set_entry("exercise.hopes_worries", {"hope_change": "still here after the pull"})
    saved = _files(folder)
    assert any(name.startswith("profiles") for name in saved), "the journal was not saved in the data folder"
    assert _files(course) == pulled, "the workshop wrote into the course folder"

    # The participant edits a notebook, then the course is pulled again over the same folder ...
    if layout == "shared-course":
        _set_read_only(course, False)
    (course / "workshop" / "00-welcome-and-safety.ipynb").write_text("{}")
    shutil.copytree(ROOT, course, ignore=COURSE_IGNORE, dirs_exist_ok=True)
    assert _files(folder) == saved
    # ... or, worst case, deleted and pulled afresh.
    monkeypatch.chdir(tmp_path)
    shutil.rmtree(course)
    shutil.copytree(ROOT, course, ignore=COURSE_IGNORE)
    monkeypatch.chdir(course / "workshop")
    assert _files(folder) == saved
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
