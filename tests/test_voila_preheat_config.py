"""The example configuration for Voilà's preheated kernels (jupyter-config/voila-preheat/voila.json).

Read through Voilà's own configuration loading, as the README's command line reads it; its
denylist checked with Voilà's own filter against the notebooks in the course. The kernels'
wait for the participant is tested in tests/views/test_preheat.py; the time it saves is
measured by ``benchmarks/run.py --only preheat``.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "jupyter-config" / "voila-preheat"
STAGES = [f"workshop/0{n}-" for n in range(9)]


@pytest.fixture(scope="module")
def app():
    from voila.app import Voila

    voila = Voila()
    voila.initialize([f"--Voila.config_file_paths=['{FOLDER.as_posix()}']", "--no-browser", str(ROOT)])
    return voila


def test_voila_reads_the_example_as_the_readme_says(app) -> None:
    conf = app.voila_configuration
    assert conf.template == "trust-workshop", "the page keeps our template (loading message, no CDN)"
    assert conf.preheat_kernel is True and conf.default_pool_size == 1
    # Voilà refuses to start with either of these beside preheating.
    assert conf.progressive_rendering is False and conf.prelaunch_hook is None
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "--Voila.config_file_paths=\"['jupyter-config/voila-preheat']\"" in readme


def test_kernels_are_culled_as_in_the_installed_configuration(app) -> None:
    installed = json.loads((ROOT / "jupyter-config" / "voila" / "voila.json").read_text("utf-8"))
    assert dict(app.config.MappingKernelManager) == installed["MappingKernelManager"]


@pytest.mark.parametrize("root", ["", "rebuilding-trust/"], ids=["course folder", "folder above"])
def test_only_the_stage_notebooks_are_preheated(app, root: str) -> None:
    from jupyter_server.services.kernels.kernelmanager import MappingKernelManager
    from voila.voila_kernel_manager import voila_kernel_manager_factory

    manager = voila_kernel_manager_factory(MappingKernelManager, True, 1)
    settings = SimpleNamespace(preheat_denylist=list(app.config.VoilaKernelManager.preheat_denylist))
    notebooks = sorted(p.relative_to(ROOT).as_posix() for folder in ("workshop", "facilitator")
                       for p in (ROOT / folder).glob("*.ipynb"))
    preheated = {nb for nb in notebooks if manager._notebook_filter(settings, Path(root + nb))}
    assert preheated == {nb for nb in notebooks if nb.startswith(tuple(STAGES))}
    assert len(preheated) == 9


def test_the_example_is_not_installed() -> None:
    """Preheating is a choice for a hub or a group server, never switched on by installing the workshop."""
    import tomllib  # Python 3.11 and later, like the rest of the test tools

    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]["data-files"]
    assert not any("voila-preheat" in f for files in data_files.values() for f in files)
