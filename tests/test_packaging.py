"""A real (non-editable) install, as Binder and pip users get, carries every data file."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "trust_workshop"


def _build_wheel(tmp_path: Path) -> Path:
    """The wheel pip builds for `pip install .`, from a clean copy of what the package is made of
    (a developer's *.egg-info would otherwise hide missing package data)."""
    source = tmp_path / "source"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE", "LICENSE-CONTENT.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "jupyter-config", source / "jupyter-config")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                             "-q", "-w", str(tmp_path / "dist"), str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return next((tmp_path / "dist").glob("trust_workshop-*.whl"))


def test_the_wheel_contains_every_data_and_schema_file(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    needed = [p.relative_to(PACKAGE.parent).as_posix() for p in PACKAGE.rglob("*")
              if p.suffix in {".yaml", ".json", ".py", ".typ", ".ttf"} and "__pycache__" not in p.parts]
    missing = [n for n in needed if n not in names]
    assert not missing, f"not packaged: {missing}"
    # JupyterLab's no-news settings travel with the package (Binder installs it with `pip install .`).
    assert any(n.endswith("/data/share/jupyter/lab/settings/overrides.d/trust-workshop.json") for n in names)
    for shipped in ("/data/share/jupyter/voila/templates/trust-workshop/index.html.j2",
                    "/data/share/jupyter/voila/templates/trust-workshop/conf.json",
                    "/data/etc/jupyter/voila.json",
                    "/data/etc/jupyter/jupyter_server_config.d/trust-workshop-voila.json"):
        assert any(n.endswith(shipped) for n in names), f"the wheel lacks {shipped}"


def _data_files() -> dict[str, list[str]]:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["data-files"]


def test_every_documented_install_route_keeps_jupyterlab_quiet(tmp_path: Path) -> None:
    """The README's routes without make install the package for real, so the no-news settings land."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    installs = [line.strip() for line in readme.splitlines() if "pip install" in line and ".[lab" in line]
    assert installs, "the README shows no pip install of the workshop"
    editable = [line for line in installs if " -e " in f" {line} " or "--editable" in line]
    assert not editable, f"an editable install skips JupyterLab's settings: {editable}"
    # make installs editable (for developers) and copies each data file by hand: the same places.
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target, files in _data_files().items():
        for file in files:
            assert f"cp {Path(file).parent.as_posix()}/" in makefile or f"cp {file} " in makefile, file
            assert f"$(VENV)/{target}" in makefile, f"make does not put {file} into {target}"


def test_a_plain_install_in_a_fresh_environment_turns_the_news_off(tmp_path: Path) -> None:
    # A new, empty environment; the package goes in from a wheel, as `pip install ".[lab]"` does.
    wheel = _build_wheel(tmp_path)
    env = tmp_path / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True)
    python = env / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    installed = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                                "--no-index", "-q", str(wheel)], capture_output=True, text=True)
    assert installed.returncode == 0, installed.stderr
    # JupyterLab itself (borrowed from this environment, so nothing is downloaded) reads the
    # settings of the new environment as it would when started there.
    import site

    (Path(subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                         capture_output=True, text=True, check=True).stdout.strip()) / "borrowed.pth").write_text(
        "\n".join(site.getsitepackages()) + "\n")
    probe = ("import json, os\n"
             "from jupyterlab.commands import get_app_dir\n"
             "from jupyterlab_server.settings_utils import _get_overrides\n"
             "overrides, error = _get_overrides(os.path.join(get_app_dir(), 'settings'))\n"
             "print(json.dumps([get_app_dir(), overrides, error]))")
    out = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, env={"PATH": os.environ["PATH"]})
    assert out.returncode == 0, out.stderr
    app_dir, overrides, error = json.loads(out.stdout)
    assert Path(app_dir).resolve().is_relative_to(env.resolve()), app_dir
    assert not error, error
    assert overrides["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                       "checkForUpdates": False}
    for target, files in _data_files().items():
        for file in files:
            assert (env / target / Path(file).name).is_file(), f"{file} did not land in {target}"
