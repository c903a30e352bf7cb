"""Test-wide setup: every kernel and every test writes only under a temporary folder.

Set before any test or notebook kernel starts, so nbval's kernels inherit it. Tests
that need a journal of their own use the ``data_dir`` fixture in ``tests/conftest.py``.
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_SANDBOX = tempfile.mkdtemp(prefix="trust-workshop-tests-")


def pytest_configure(config: pytest.Config) -> None:
    env = {
        "TRUST_WORKSHOP_DATA_DIR": os.path.join(_SANDBOX, "data"),
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


# Suites that take seconds per test: kept out of the fast loop with -m "not slow", always in `make test`.
SLOW = ("tests/durability/", "tests/test_packaging.py", "tests/privacy/test_no_stray_writes.py",
        "tests/test_delivery.py::test_repo2docker_builds_from_our_binder_folder")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if str(item.fspath).endswith(".ipynb"):
            item.add_marker(pytest.mark.notebook)
        if any(part in item.nodeid.replace("\\", "/") for part in SLOW):
            item.add_marker(pytest.mark.slow)


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SANDBOX, ignore_errors=True)
