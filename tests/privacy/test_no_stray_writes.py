"""No stray writes: running every notebook, and the command line, writes only where it should.

What the package may write: the data folder (journals) and the output folder a user chose. What
it must never write: the course folder (the repository), the home folder, or leftovers in the
temporary folder (see ``sandbox.py``). The stage notebooks are run this way, against a prefilled
journal, by ``tests/test_prefilled_notebooks.py``, which checks what they show as well; the
notebooks it does not run (the facilitator's, and the glossary) are run here, one test each.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from trust_workshop.model import journal as jr

from ..test_prefilled_notebooks import NOTEBOOKS as RUN_WITH_WHAT_THEY_SHOW
from ..test_prefilled_notebooks import PROFILE, prefill
from .sandbox import ROOT, Sandbox

NOTEBOOKS = sorted((ROOT / "workshop").glob("*.ipynb")) + sorted((ROOT / "facilitator").glob("*.ipynb"))
HERE = [p for p in NOTEBOOKS if p not in RUN_WITH_WHAT_THEY_SHOW]


def test_every_notebook_is_run_in_a_sandbox_by_one_test_or_the_other() -> None:
    assert sorted(HERE + RUN_WITH_WHAT_THEY_SHOW) == sorted(NOTEBOOKS)
    assert any(p.parent.name == "facilitator" for p in HERE) and RUN_WITH_WHAT_THEY_SHOW


@pytest.fixture
def sandbox(tmp_path: Path, data_dir: Path, machinery: Path) -> Sandbox:
    prefill(jr.Journal.open(PROFILE))
    return Sandbox(tmp_path, data_dir, machinery, PROFILE)


@pytest.mark.notebook
@pytest.mark.parametrize("path", HERE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_notebook_writes_only_to_the_data_folder(path: Path, sandbox: Sandbox) -> None:
    errors = sandbox.run(nbformat.read(path, as_version=4), path.parent)
    assert not errors, (path.name, errors)
    sandbox.check()


def test_the_command_line_writes_only_to_the_data_and_output_folders(sandbox: Sandbox, tmp_path: Path) -> None:
    out = tmp_path / "out"
    command = [sys.executable, "-m", "trust_workshop.outputs.cli"]
    for args in (["handouts", "--out", str(out / "handouts"), "--stage", "transparency"],
                 ["report", "--profile", PROFILE, "--out", str(out / "report.pdf")]):
        done = subprocess.run(command + args, env=sandbox.env, cwd=str(ROOT), capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stderr
    sandbox.check()
    assert (out / "report.pdf").exists() and list((out / "handouts").glob("*.pdf"))


@pytest.mark.parametrize(("code", "said"), [
    ("open(os.path.expanduser('~/notes.txt'), 'w').write('x')", "home folder"),
    ("open(os.path.join(tempfile.gettempdir(), 'left.txt'), 'w').write('x')", "temporary files"),
    ("open(os.path.join(os.environ['TRUST_WORKSHOP_DATA_DIR'], 'stray.json'), 'w').write('x')", "stray.json"),
])
def test_the_sandbox_catches_a_write_where_none_belongs(code: str, said: str, sandbox: Sandbox) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import os, tempfile\n" + code)])
    sandbox.run(nb, timeout=60)
    with pytest.raises(AssertionError, match=said):
        sandbox.check()
