"""Fixtures: a private data folder per test, a fresh session for widget tests, and no network.

The whole suite runs behind a network guard (``tests/netguard``): in this process and in
every Python process it starts, only loopback and Unix sockets may connect. Any other
attempt is refused and logged, and the run fails at the end, naming it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

GUARD_DIR = Path(__file__).resolve().parent / "netguard"
# In a parallel run (pytest-xdist) the controlling process makes the log and each worker, started
# with its environment, writes to that same file: the controller reads it at the end and fails the
# run (a worker's own exit status is not passed on, so workers leave the checks to it).
CONTROLLER_CHECKS = bool(os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("TW_NETGUARD_LOG"))
if CONTROLLER_CHECKS:
    GUARD_LOG = Path(os.environ["TW_NETGUARD_LOG"])
else:
    GUARD_LOG = Path(tempfile.mkdtemp(prefix="trust-workshop-netguard-")) / "blocked.log"
    os.environ["TW_NETGUARD_LOG"] = str(GUARD_LOG)
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(GUARD_DIR), os.environ.get("PYTHONPATH")]))
os.environ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
# Jupyter's, IPython's and matplotlib's own files (connection files, history, font cache) go to
# a temporary folder too, so a test run leaves the home folder as it found it.
_MACHINERY = GUARD_LOG.parent
# So do JupyterLab's notebook signatures, the logs of the `npm prefix` it runs at start, and
# Chromium's configuration, cache and crash-report folders.
for _var, _sub in (("IPYTHONDIR", "ipython"), ("MPLCONFIGDIR", "matplotlib"), ("JUPYTER_RUNTIME_DIR", "runtime"),
                   ("HYPOTHESIS_STORAGE_DIRECTORY", "hypothesis"), ("JUPYTER_DATA_DIR", "jupyter-data"),
                   ("npm_config_cache", "npm"), ("XDG_CONFIG_HOME", "config"), ("XDG_CACHE_HOME", "cache")):
    os.environ.setdefault(_var, str(_MACHINERY / _sub))
sys.path.insert(0, str(GUARD_DIR))
import netguard  # noqa: E402

netguard.install()

from hypothesis import settings  # noqa: E402

from trust_workshop.views import session as session_module  # noqa: E402

# Hypothesis keeps no example database: tests never write into the repository.
settings.register_profile("trust-workshop", database=None)
settings.load_profile("trust-workshop")

REPO = Path(__file__).resolve().parents[1]
NOT_OURS = {".git", ".venv", "__pycache__"}


def _repo_files() -> dict[str, tuple[int, int]]:
    found = {}
    for dirpath, dirnames, filenames in os.walk(REPO):
        dirnames[:] = [d for d in dirnames if d not in NOT_OURS and not d.endswith(".egg-info")]
        for name in filenames:
            try:
                st = os.stat(os.path.join(dirpath, name))
            except FileNotFoundError:
                continue
            found[os.path.relpath(os.path.join(dirpath, name), REPO)] = (st.st_size, st.st_mtime_ns)
    return found


def pytest_sessionstart(session: pytest.Session) -> None:
    if not CONTROLLER_CHECKS:  # the controller's snapshot, taken before any worker starts, covers all
        session.config.stash["repo_files"] = _repo_files()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if CONTROLLER_CHECKS:
        return  # the controller checks once every worker has finished
    blocked = GUARD_LOG.read_text("utf-8") if GUARD_LOG.exists() else ""
    if blocked:
        sys.stderr.write("\nNETWORK GUARD: something tried to reach the network during the tests:\n" + blocked)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
    before = session.config.stash.get("repo_files", None)
    if before is not None:
        after = _repo_files()
        changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        if changed:
            sys.stderr.write("\nTHE TESTS WROTE INTO THE REPOSITORY (they must use temporary folders):\n  "
                             + "\n  ".join(changed[:50]) + "\n")
            session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the journal folder at this test's own temporary folder, with no profile preselected."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TRUST_WORKSHOP_DATA_DIR", str(folder))
    monkeypatch.delenv("TRUST_WORKSHOP_PROFILE", raising=False)
    monkeypatch.delenv("TRUST_WORKSHOP_REGION", raising=False)  # a course default is set per test
    monkeypatch.delenv("TRUST_WORKSHOP_RESOURCES_CHECKED", raising=False)
    session_module.reset_session()
    yield folder
    session_module.reset_session()


@pytest.fixture(scope="session")
def machinery(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Jupyter's own folders (connection files, IPython's history, matplotlib's font cache) for
    kernels run in a sandbox: shared by one worker's runs, so the font cache is built once."""
    return tmp_path_factory.mktemp("jupyter-machinery")


@pytest.fixture
def opened(data_dir: Path):
    """A session with the profile 'Sam' open, context couple, role hurt."""
    s = session_module.session()
    s.open("Sam")
    s.set_setting("context", "couple")
    s.set_setting("role", "hurt")
    return s


def restart_kernel() -> session_module.Session:
    """What a kernel restart does to the package's state: the session is forgotten.

    The profile is opened again, as the participant would after a restart.
    """
    from trust_workshop.model.profiles import last_profile

    session_module.reset_session()
    s = session_module.session()
    if s.journal is None:
        s.open(last_profile())
    return s


def shown(widget) -> str:
    """Every piece of text a widget and its children put on the page (HTML values and boxes)."""
    import ipywidgets as w

    own = widget.value if isinstance(widget, w.HTML | w.Textarea | w.Text) and isinstance(widget.value, str) else ""
    hidden = getattr(widget, "layout", None) is not None and widget.layout.display == "none"
    if hidden:
        return ""
    return " ".join([own, *(shown(c) for c in getattr(widget, "children", ()))])
