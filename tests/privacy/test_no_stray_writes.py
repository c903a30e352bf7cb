"""No stray writes: running every notebook, and the command line, writes only where it should.

What the package may write: the data folder (journals) and the output folder a user chose.
What it must never write: the course folder (the repository), the home folder, or leftovers
in the temporary folder. Jupyter's own machinery (the kernel's connection file, IPython's
history, matplotlib's font cache) is pointed at a separate folder, which is not checked.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from trust_workshop.model import journal as jr

from ..test_prefilled_notebooks import PROFILE, prefill

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "workshop").glob("*.ipynb")) + sorted((ROOT / "facilitator").glob("*.ipynb"))
SKIP = {".git", ".venv"}


def _snapshot(folder: Path, skip: set[str] = frozenset()) -> dict[str, tuple[int, int]]:
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in skip]
        for name in filenames:
            path = Path(dirpath, name)
            try:
                st = path.stat()
            except FileNotFoundError:
                continue
            found[str(path.relative_to(folder))] = (st.st_size, st.st_mtime_ns)
    return found


def _changed(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def test_every_notebook_and_the_command_line_write_only_to_the_data_and_output_folders(
        tmp_path: Path, data_dir: Path, monkeypatch) -> None:
    prefill(jr.Journal.open(PROFILE))
    home, machinery, scratch, out = (tmp_path / n for n in ("home", "jupyter", "tmp", "out"))
    for folder in (home, machinery, scratch):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update({"HOME": str(home), "TMPDIR": str(scratch), "TRUST_WORKSHOP_PROFILE": PROFILE,
                "TRUST_WORKSHOP_DATA_DIR": str(data_dir), "PYTHONDONTWRITEBYTECODE": "1",
                "IPYTHONDIR": str(machinery / "ipython"), "MPLCONFIGDIR": str(machinery / "matplotlib"),
                "JUPYTER_RUNTIME_DIR": str(machinery / "runtime"), "JUPYTER_DATA_DIR": str(machinery / "data")})
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(machinery / "runtime"))  # the connection file
    repo_before = _snapshot(ROOT, SKIP)
    data_before = _snapshot(data_dir)

    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        NotebookClient(nb, timeout=180, kernel_name="python3",
                       resources={"metadata": {"path": str(path.parent)}}).execute(env=env)
        errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
        assert not errors, (path.name, errors)
    command = [sys.executable, "-m", "trust_workshop.outputs.cli"]
    for args in (["handouts", "--out", str(out / "handouts"), "--stage", "transparency"],
                 ["report", "--profile", PROFILE, "--out", str(out / "report.pdf")]):
        done = subprocess.run(command + args, env=env, cwd=str(ROOT), capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr

    assert _changed(repo_before, _snapshot(ROOT, SKIP)) == [], "something was written into the course folder"
    assert _snapshot(home) == {}, "something was written into the home folder"
    assert _snapshot(scratch) == {}, "temporary files were left behind"
    assert (out / "report.pdf").exists() and list((out / "handouts").glob("*.pdf"))
    written = _changed(data_before, _snapshot(data_dir))
    assert all(p.startswith("profiles") or p == "state.json" for p in written), written
