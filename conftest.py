"""Test-wide setup: every kernel and every test writes only under a temporary folder.

Set before any test or notebook kernel starts, so nbval's kernels inherit it. Tests
that need a journal of their own use the ``data_dir`` fixture in ``tests/conftest.py``.

The suite runs in parallel (pytest-xdist, ``-n auto`` in ``pyproject.toml``; ``-n0`` runs it in
one process). How the work is shared out is set here too: see ``pytest_xdist_auto_num_workers``
and ``pytest_collection_modifyitems``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

_SANDBOX = tempfile.mkdtemp(prefix="trust-workshop-tests-")
ROOT = Path(__file__).resolve().parent
WORKER = os.environ.get("PYTEST_XDIST_WORKER")  # set by xdist in each worker before this file loads


def pytest_configure(config: pytest.Config) -> None:
    env = {
        "TRUST_WORKSHOP_DATA_DIR": os.path.join(_SANDBOX, "data"),
        "TRUST_WORKSHOP_RECORDS_DIR": os.path.join(_SANDBOX, "facilitator-records"),
        "JUPYTER_RUNTIME_DIR": os.path.join(_SANDBOX, "jupyter-runtime"),
        "IPYTHONDIR": os.path.join(_SANDBOX, "ipython"),
        "MPLCONFIGDIR": os.path.join(_SANDBOX, "matplotlib"),
        "XDG_CACHE_HOME": os.path.join(_SANDBOX, "cache"),
        # nbval's kernels run the notebooks with this profile open, as a participant would.
        "TRUST_WORKSHOP_PROFILE": "Notebook tester",
    }
    for key, value in env.items():
        os.environ[key] = value
    config.addinivalue_line("markers", "notebook: runs a notebook end to end")
    config.addinivalue_line("markers", "browser: drives real JupyterLab or Voila in Chromium")
    config.addinivalue_line("markers", "slow: durability, packaging, repo2docker, whole-notebook runs")
    config.addinivalue_line("markers", "cpu_timing: counts the work done in a stretch of wall-clock time, so it "
                                       "needs a processor to itself: a parallel run skips it, and `make test` "
                                       "runs it alone afterwards (-n0 -m cpu_timing)")


# Suites that take seconds per test: kept out of the fast loop with -m "not slow", always in `make test`.
# The two-writer test starts two processes; the growth tests run each language helper on 100,000
# characters. The hostile-text suite types thirteen kinds of text into every box of every notebook (4 to 11 s a
# case), and three PDF tests start the command line or nbconvert in a new process (3 to 5 s each).
SLOW = ("tests/durability/", "tests/test_packaging.py", "tests/privacy/test_no_stray_writes.py",
        "tests/test_delivery.py::test_repo2docker_builds_from_our_binder_folder",
        "tests/adversarial/test_free_text.py",
        "tests/test_journal.py::test_two_processes_writing_one_profile_keep_every_update",
        "tests/adversarial/test_properties.py::test_language_helpers_grow_in_step_with_the_text_not_faster",
        "tests/outputs/test_pdf.py::test_the_command_is_installed_with_a_progress_bar",
        "tests/outputs/test_pdf.py::test_cli_builds_every_handout_and_plan_and_a_report",
        "tests/outputs/test_pdf.py::test_nbconvert_exports_a_stage_notebook_as_its_handout")

# --- Parallel runs (pytest-xdist) -----------------------------------------------------------
# Long single tests that start no browser (15 to 35 seconds each): handed out first.
LONG = ("tests/durability/", "tests/test_packaging.py",
        "tests/test_delivery.py::test_repo2docker")
# The browser tests run as chains, each on one worker with one server and one Chromium: the
# JupyterLab tests in two halves (each half its own JupyterLab), and the Voila tests. The JupyterLab
# tests were one chain and the longest part of `make test` (about 8 of its 8.5 minutes). Four
# browser workers on two processors once left a Voila page unrendered after 120 s; three chains,
# started first, share the processors with the quick tests.
BROWSER_CHAINS = {"tests/browser/test_voila.py": "browser: Voila",
                  "tests/browser/test_keyboard_privacy.py": "browser: Voila",
                  "tests/browser/test_keyboard_stage.py": "browser: Voila",
                  "tests/browser/test_screen_reader.py": "browser: Voila",
                  "tests/browser/test_fold_checker.py": "browser: Voila",
                  # its own preheated Voila, started after the chain's other pages are done with theirs
                  "tests/browser/test_voila_preheat.py": "browser: Voila"}


LAB_TESTS = "tests/browser/test_jupyterlab.py"
LAB_CHAINS = ("browser: JupyterLab 1", "browser: JupyterLab 2")
# The JupyterLab tests, other than the one run per notebook, that go to the second half, to even
# out the two (seconds each in a loaded run: the restart 31, the timer 17, the glossary 16, the
# passphrase about 15).
LAB_SECOND_HALF = ("test_a_checkin_answer_survives_a_kernel_restart", "test_a_reading_page_opens_in_jupyterlab",
                   "test_facilitator_follows_stage_three_with_a_ticking_timer",
                   "test_a_participant_locks_their_journal_and_opens_it_with_the_passphrase")


def lab_half(name: str) -> str:
    """Which JupyterLab chain a test of test_jupyterlab.py is in: the notebook tests alternate by
    the notebook's number (even stage notebooks and odd facilitator ones first), the rest as listed."""
    test, _, param = name.partition("[")
    number = re.match(r"(workshop|facilitator)/(\d+)-", param)
    if number:
        first = (int(number[2]) % 2 == 0) == (number[1] == "workshop")
        return LAB_CHAINS[0] if first and test not in LAB_SECOND_HALF else LAB_CHAINS[1]
    return LAB_CHAINS[1] if test in LAB_SECOND_HALF else LAB_CHAINS[0]


def work_unit(nodeid: str) -> str:
    """What the parallel run hands to one worker as a whole: a notebook, a browser chain, or a test.

    Done here, by path, rather than with xdist_group marks and --dist loadgroup: with pytest 9.2
    and pytest-xdist 3.8 loadgroup silently stops grouping (pytest-xdist issue 1386), and nbval
    would then run a notebook's cells on different workers, each without the cells before it.
    """
    path, _, name = nodeid.partition("::")
    if path == LAB_TESTS:
        return lab_half(name)
    if path in BROWSER_CHAINS:
        return BROWSER_CHAINS[path]
    if path.endswith(".ipynb"):
        return path
    return nodeid


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    if config.getvalue("dist") not in ("load", "loadgroup"):
        return None  # an explicit --dist each, loadscope, loadfile or worksteal: xdist's own
    from xdist.scheduler import LoadScopeScheduling

    class CourseScheduling(LoadScopeScheduling):
        """xdist's loadscope with work_unit() as the scope, handed out in collection order."""

        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    config.option.loadscopereorder = False  # keep the order pytest_collection_modifyitems chose
    return CourseScheduling(config, log)


def _is_browser(nodeid: str) -> bool:
    return "tests/browser/" in nodeid.replace("\\", "/")


def _rank(item: pytest.Item) -> int:
    """Order of hand-out in a parallel run: the long work first, then the many quick tests."""
    nodeid = item.nodeid.replace("\\", "/")
    if _is_browser(nodeid):
        return 0  # the longest chains start first
    if any(part in nodeid for part in LONG):
        return 1
    if item.get_closest_marker("notebook"):
        return 2
    return 3


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    parallel = WORKER is not None
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebook)
        if any(part in item.nodeid.replace("\\", "/") for part in SLOW):
            item.add_marker(pytest.mark.slow)
        if parallel and item.get_closest_marker("cpu_timing"):
            item.add_marker(pytest.mark.skip(reason="needs a processor to itself: `make test` runs it alone after "
                                                    "the parallel run (pytest -n0 -m cpu_timing)"))
    if WORKER:
        # Every worker sorts the same way (a stable sort: the usual order within a rank), and the
        # scheduler above hands the work out in this order.
        items.sort(key=_rank)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """Workers for ``-n auto``: one per processor, plus one for each browser chain in the run.

    The browser chains spend much of their time waiting (on a kernel, a server, a page), so they
    ride on top of one worker per processor for the rest; the unit tests are pure computation, and
    more workers than processors would only add start-up time. $PYTEST_XDIST_AUTO_NUM_WORKERS overrides.
    """
    if os.environ.get("PYTEST_XDIST_AUTO_NUM_WORKERS"):
        return int(os.environ["PYTEST_XDIST_AUTO_NUM_WORKERS"])
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:
        cpus = os.cpu_count() or 1
    markexpr = config.option.markexpr or ""
    args = [Path(a.split("::")[0]).resolve() for a in config.args] if config.args else []
    browser_dir = ROOT / "tests" / "browser"
    in_args = not args or any(a == browser_dir or a in browser_dir.parents or browser_dir in a.parents
                              for a in args)
    with_browser = in_args and "not browser" not in markexpr
    return cpus + len(set(BROWSER_CHAINS.values())) + len(LAB_CHAINS) if with_browser else cpus


def pytest_sessionstart(session: pytest.Session) -> None:
    if not WORKER and getattr(session.config.option, "numprocesses", None):
        # Compile the package (and the network guard every subprocess imports) before the workers
        # start: otherwise a kernel in one worker may write src/**/__pycache__ while another
        # worker's test_no_stray_writes is watching the repository.
        import compileall

        for folder in (ROOT / "src", ROOT / "tests" / "netguard"):
            compileall.compile_dir(str(folder), quiet=1)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SANDBOX, ignore_errors=True)
