"""Fixtures for the real-browser tests: one JupyterLab, one Voila, one Chromium per session."""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from pathlib import Path

import pytest

from . import harness

# Screenshots go to the temporary folder, never into the repository ($TW_TEST_ARTIFACTS to choose).
ARTIFACTS = Path(os.environ.get("TW_TEST_ARTIFACTS") or Path(tempfile.gettempdir()) / "trust-workshop-test-artifacts")
NO_BROWSER = ("BROWSER TESTS SKIPPED: no Chromium found at /usr/bin/chromium (or $CHROMIUM). "
              "Install it with `apt-get install chromium`; .ci/run does this. The widgets have NOT "
              "been checked in a real browser.")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in item.nodeid.replace("\\", "/"):
            item.add_marker(pytest.mark.browser)
            item.add_marker(harness.rerun_after_a_crash())  # one more go when Chromium's tab dies, only then


@pytest.fixture(scope="session")
def playwright_browser():
    if harness.chromium_path() is None:
        warnings.warn(NO_BROWSER, stacklevel=1)
        pytest.skip(NO_BROWSER)
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        browser = harness.launch_browser(p, log=ARTIFACTS / f"chromium-{worker}.log")
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory, playwright_browser):
    with harness.server("lab", tmp_path_factory.mktemp("lab")) as srv:
        yield srv


@pytest.fixture(scope="session")
def voila(tmp_path_factory: pytest.TempPathFactory, playwright_browser):
    with harness.server("voila", tmp_path_factory.mktemp("voila")) as srv:
        yield srv


LOCAL = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")


CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


@pytest.fixture
def page(playwright_browser, request: pytest.FixtureRequest):
    """A fresh page. The test fails if the page asks anything of a host other than 127.0.0.1.

    When the test fails, the whole page is kept as screenshots in the artifacts folder.
    """
    context = playwright_browser.new_context(viewport={"width": 1280, "height": 1000}, accept_downloads=True)
    outside: list[str] = []
    context.on("request", lambda request: None if request.url.startswith(LOCAL) else outside.append(request.url))
    pg = context.new_page()
    yield pg
    if request.node.stash.get(CALL_FAILED, False):
        with contextlib.suppress(Exception):  # a picture of a broken page is a help, never a second failure
            harness.screenshots(pg, ARTIFACTS, "FAILED-" + harness.notebook_slug(request.node.name), whole=True)
    context.close()
    assert outside == [], f"the page asked the internet for {sorted(set(outside))[:5]}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
