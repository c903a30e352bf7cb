"""A real (non-editable) install, as Binder and pip users get, carries every data file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "trust_workshop"


def test_the_wheel_contains_every_data_and_schema_file(tmp_path: Path) -> None:
    # Build from a clean copy: a developer's *.egg-info would otherwise hide missing package data.
    source = tmp_path / "source"
    shutil.copytree(ROOT / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info", "__pycache__"))
    for name in ("pyproject.toml", "README.md", "LICENSE", "LICENSE-CONTENT.md"):
        shutil.copy(ROOT / name, source / name)
    shutil.copytree(ROOT / "jupyter-config", source / "jupyter-config")
    result = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                             "-q", "-w", str(tmp_path / "dist"), str(source)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    wheel = next((tmp_path / "dist").glob("trust_workshop-*.whl"))
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
