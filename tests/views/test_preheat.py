"""Voilà's preheated kernels: nothing about people is read before the participant arrives.

A preheated kernel runs the notebook minutes before anyone opens the page. The package waits
at import until Voilà hands the kernel to a real request, and the profile panel checks its
"Continue as …" suggestion again when it is pressed (a page can also simply stay open long).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import trust_workshop as tw
from tests import ui
from trust_workshop.model import course as course_model
from trust_workshop.model import journal as jr
from trust_workshop.model import profiles as pr
from trust_workshop.views import preheat
from trust_workshop.views import session as session_module

SRC = Path(__file__).resolve().parents[2] / "src"


@pytest.fixture
def in_preheated_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(preheat.PREHEAT_VARIABLE, "True")
    monkeypatch.setenv(preheat.KERNEL_VARIABLE, "a-kernel-id")
    monkeypatch.delenv(preheat.REQUEST_VARIABLE, raising=False)
    import ipykernel  # noqa: F401  (as in a kernel)


def test_nothing_waits_outside_a_preheated_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(preheat.PREHEAT_VARIABLE, raising=False)
    calls = []
    assert preheat.wait_for_participant(lambda: calls.append(1)) is False
    monkeypatch.setenv(preheat.PREHEAT_VARIABLE, "False")  # Voilà's kernels started for a request
    assert preheat.wait_for_participant(lambda: calls.append(1)) is False
    assert calls == []


def test_a_preheated_kernel_waits_once_and_its_children_never_wait(in_preheated_kernel) -> None:
    calls = []

    def request_arrives() -> None:
        calls.append(1)
        os.environ[preheat.REQUEST_VARIABLE] = "voila/0.5"

    assert preheat.wait_for_participant(request_arrives) is True
    assert os.environ[preheat.PREHEAT_VARIABLE] == "False"
    assert preheat.wait_for_participant(request_arrives) is False
    assert calls == [1]


def test_when_voila_cannot_be_reached_the_page_still_works(in_preheated_kernel, capfd) -> None:
    assert preheat.wait_for_participant(lambda: None) is False
    assert "could not reach Voilà" in capfd.readouterr().err
    assert os.environ[preheat.PREHEAT_VARIABLE] == "False"


def test_the_package_waits_at_import_before_reading_anything(tmp_path: Path) -> None:
    """In a fresh process: the wait comes after the modules are loaded and before any state is read.

    During the wait, Alex uses the computer and it is set as shared; the page made after it knows.
    """
    data = tmp_path / "data"
    script = textwrap.dedent("""
        import json, os, sys
        import ipykernel  # as in a kernel
        import voila.utils
        seen = {}

        def request_arrives():
            from trust_workshop.model import course, journal, profiles
            from trust_workshop.views import session
            seen["modules_loaded"] = "trust_workshop.views.checkin" in sys.modules
            seen["no_session_yet"] = session._SESSION is None
            journal.Journal.open("Alex").keep()
            profiles.remember_last_profile("Alex")
            course.save_course(shared_computer=True)
            os.environ["SERVER_SOFTWARE"] = "voila/test"

        voila.utils.wait_for_request = request_arrives
        from trust_workshop import *
        panel = profile_bar()
        seen["shared_shown"] = "This computer is shared" in panel.status
        seen["continue_offered"] = "Continue as" in panel.status
        print(json.dumps(seen))
    """)
    env = {**os.environ, "VOILA_PREHEAT": "True", "VOILA_KERNEL_ID": "k", "TRUST_WORKSHOP_DATA_DIR": str(data),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
    env.pop("TRUST_WORKSHOP_PROFILE", None)
    env.pop("TRUST_WORKSHOP_SHARED_COMPUTER", None)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen == {"modules_loaded": True, "no_session_yet": True, "shared_shown": True,
                    "continue_offered": False}


def _two_profiles_sam_last() -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "Sam's answer")
    jr.Journal.open("Alex").set_entry("exercise.x", "Alex's answer")
    pr.remember_last_profile("Sam")
    session_module.reset_session()


def test_continue_opens_only_the_name_it_shows(data_dir) -> None:
    _two_profiles_sam_last()
    panel = tw.profile_bar()
    assert ui.shows(panel, "Continue as Sam", ui.w.Button)
    pr.remember_last_profile("Alex")  # Alex worked in another page after this one was made
    ui.click(panel, "Continue as Sam")
    assert session_module.session().journal is None, "neither Sam's nor Alex's journal opens"
    assert "Things changed on this computer" in panel.status
    assert ui.shows(panel, "Continue as Alex", ui.w.Button), "the button now tells the truth"
    ui.click(panel, "Continue as Alex")
    assert session_module.session().journal.name == "Alex"


def test_continue_opens_nothing_once_the_computer_is_set_as_shared(data_dir) -> None:
    _two_profiles_sam_last()
    panel = tw.profile_bar()
    course_model.save_course(shared_computer=True)  # set elsewhere: a facilitator, another page
    ui.click(panel, "Continue as Sam")
    assert session_module.session().journal is None
    assert not ui.shows(panel, "Continue as", ui.w.Button)
    assert "now set as shared" in panel.status
