"""A browser test whose Chromium tab crashes under it is run once more; any other failure is not.

Chromium's renderer process can die under a loaded test run ("Page.set_viewport_size: Target
crashed", seen once in CI at the end of a Voila page's checks). That is the test browser failing,
not the page, so the test gets one more go with a new page. A failed assertion, a timeout or any
other error still fails at once: the rerun is only for the crash.
"""

from __future__ import annotations

import pytest

from tests.browser import harness

pytest_plugins = ["pytester"]

INNER_CONFTEST = f"""
import sys
sys.path.insert(0, {str(harness.ROOT)!r})
from tests.browser import harness

def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(harness.rerun_after_a_crash())
"""

INNER_TESTS = """
from playwright.sync_api import Error

TRIES = {"crash": 0, "assert": 0, "timeout": 0, "closed": 0}

def test_tab_crashes_once():
    TRIES["crash"] += 1
    if TRIES["crash"] == 1:
        raise Error("Page.set_viewport_size: Target crashed")

def test_a_real_failure():
    TRIES["assert"] += 1
    assert TRIES["assert"] > 5, "the page said the wrong thing"

def test_a_timeout():
    TRIES["timeout"] += 1
    raise Error("Timeout 15000ms exceeded.")

def test_crashes_every_time():
    raise Error("Page.goto: Page crashed")
"""


def test_only_a_crashed_tab_is_run_again(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(INNER_CONFTEST)
    pytester.makepyfile(test_inner=INNER_TESTS)
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-p", "no:randomly", "-n0", "-rAR")
    outcomes = result.parseoutcomes()
    assert (outcomes.get("passed"), outcomes.get("failed"), outcomes.get("rerun")) == (1, 3, 2), outcomes
    out = result.stdout.str()
    assert "PASSED test_inner.py::test_tab_crashes_once" in out
    assert "RERUN test_inner.py::test_tab_crashes_once" in out
    for name in ("test_a_real_failure", "test_a_timeout"):
        assert f"RERUN test_inner.py::{name}" not in out, f"{name} must fail at once, not run again"
        assert f"FAILED test_inner.py::{name}" in out
    assert "FAILED test_inner.py::test_crashes_every_time" in out  # one more go, not forever


def test_every_browser_test_has_the_rerun_and_no_other_test_does() -> None:
    from tests.browser import conftest

    class Item:
        def __init__(self, nodeid: str) -> None:
            self.nodeid, self.marks = nodeid, []

        def add_marker(self, mark) -> None:
            self.marks.append(mark.mark if hasattr(mark, "mark") else mark)

    items = [Item("tests/browser/test_voila.py::test_x"), Item("tests/test_journal.py::test_y")]
    conftest.pytest_collection_modifyitems(None, items)
    flaky = [[m for m in item.marks if m.name == "flaky"] for item in items]
    assert [len(f) for f in flaky] == [1, 0]
    assert flaky[0][0].kwargs == {"reruns": 1, "only_rerun": list(harness.RENDERER_CRASHED)}
