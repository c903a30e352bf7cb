"""Fixtures: a private data folder per test, and a fresh session for widget tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from trust_workshop.views import session as session_module


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the journal folder at this test's own temporary folder, with no profile preselected."""
    folder = tmp_path / "data"
    monkeypatch.setenv("TRUST_WORKSHOP_DATA_DIR", str(folder))
    monkeypatch.delenv("TRUST_WORKSHOP_PROFILE", raising=False)
    session_module.reset_session()
    yield folder
    session_module.reset_session()


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
    from trust_workshop.model.journal import last_profile

    session_module.reset_session()
    s = session_module.session()
    if s.journal is None:
        s.open(last_profile())
    return s
