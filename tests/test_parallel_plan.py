"""How `make test` shares the work out (conftest.py): what must stay together does, and the
JupyterLab tests split into two chains of about the same length."""

from __future__ import annotations

import ast

import conftest as plan
from tests.browser import test_jupyterlab as lab

NAMES = [node.name for node in ast.parse(open(lab.__file__).read()).body
         if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")]
PER_NOTEBOOK = {"test_notebook_runs_in_jupyterlab_with_working_widgets": lab.NOTEBOOKS,
                "test_a_reading_page_opens_in_jupyterlab": lab.READING}


def _lab_nodeids() -> list[str]:
    out = []
    for name in NAMES:
        params = PER_NOTEBOOK.get(name)
        out += [f"{plan.LAB_TESTS}::{name}[{p}]" for p in params] if params else [f"{plan.LAB_TESTS}::{name}"]
    return out


def test_every_jupyterlab_test_is_in_one_of_the_two_chains_and_both_are_about_as_long() -> None:
    units = {nodeid: plan.work_unit(nodeid) for nodeid in _lab_nodeids()}
    assert set(units.values()) == set(plan.LAB_CHAINS)
    per_notebook = [plan.work_unit(f"{plan.LAB_TESTS}::{'test_notebook_runs_in_jupyterlab_with_working_widgets'}[{p}]")
                    for p in lab.NOTEBOOKS]
    assert abs(per_notebook.count(plan.LAB_CHAINS[0]) - per_notebook.count(plan.LAB_CHAINS[1])) <= 2
    for name in plan.LAB_SECOND_HALF:
        assert name in NAMES, f"LAB_SECOND_HALF names {name}, which test_jupyterlab.py no longer has"


def test_a_notebooks_cells_stay_on_one_worker_and_other_tests_go_out_one_by_one() -> None:
    cells = {plan.work_unit(f"workshop/03-transparency-and-dialogue.ipynb::Cell {i}") for i in range(5)}
    assert cells == {"workshop/03-transparency-and-dialogue.ipynb"}
    assert plan.work_unit("tests/test_journal.py::test_a") != plan.work_unit("tests/test_journal.py::test_b")
    assert {plan.work_unit(f"{path}::test_x") for path in plan.BROWSER_CHAINS} == {"browser: Voila"}
