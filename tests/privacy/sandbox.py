"""Where a run of the course may write, and the check that it wrote nowhere else.

What the package may write: the data folder (journals) and the output folder a user chose.
What it must never write: the course folder (the repository), the home folder, or leftovers in
the temporary folder. Jupyter's own machinery (the kernel's connection file, IPython's history,
matplotlib's font cache) is pointed at a separate folder, which is not checked; it is shared by
the runs on one worker, so matplotlib builds its font cache once, not once a notebook.
"""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
SKIP = {".git", ".venv"}


def snapshot(folder: Path, skip: set[str] = frozenset()) -> dict[str, tuple[int, int]]:
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


def changed(before: dict, after: dict) -> list[str]:
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


class Sandbox:
    """A home, a temporary folder and a data folder for one run, watched along with the course folder.

    ``env`` is the environment to run a kernel or the command line in; call ``check()`` after the run.
    """

    def __init__(self, tmp_path: Path, data_dir: Path, machinery: Path, profile: str) -> None:
        self.home, self.scratch = tmp_path / "home", tmp_path / "tmp"
        self.data_dir = data_dir
        for folder in (self.home, self.scratch, data_dir):
            folder.mkdir(parents=True, exist_ok=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
        env.update({"HOME": str(self.home), "TMPDIR": str(self.scratch), "TRUST_WORKSHOP_PROFILE": profile,
                    "TRUST_WORKSHOP_DATA_DIR": str(data_dir), "PYTHONDONTWRITEBYTECODE": "1",
                    "IPYTHONDIR": str(machinery / "ipython"), "MPLCONFIGDIR": str(machinery / "matplotlib"),
                    "JUPYTER_RUNTIME_DIR": str(machinery / "runtime"), "JUPYTER_DATA_DIR": str(machinery / "data")})
        self.env = env
        self.runtime = machinery / "runtime"
        self._repo, self._data = snapshot(ROOT, SKIP), snapshot(data_dir)

    def run(self, nb, folder: Path | None = None, *, timeout: int = 180, **client) -> list:
        """Execute the notebook ``nb`` (in place) in a kernel started in this sandbox, with ``folder``
        as its working folder; returns the error outputs. ``client``: more NotebookClient options."""
        resources = {"metadata": {"path": str(folder)}} if folder else {}
        with mock.patch.dict(os.environ, {"JUPYTER_RUNTIME_DIR": str(self.runtime)}):  # the connection file
            NotebookClient(nb, timeout=timeout, kernel_name="python3", resources=resources,
                           **client).execute(env=self.env)
        return [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]

    def check(self) -> None:
        assert changed(self._repo, snapshot(ROOT, SKIP)) == [], "something was written into the course folder"
        assert snapshot(self.home) == {}, "something was written into the home folder"
        assert snapshot(self.scratch) == {}, "temporary files were left behind"
        written = changed(self._data, snapshot(self.data_dir))
        assert all(p.startswith("profiles") or p == "state.json" for p in written), written
