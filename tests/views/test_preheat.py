"""Voilà's preheated kernels: nothing about people is read before the participant arrives.

A preheated kernel runs the notebook minutes before anyone opens the page. The page is built
then with nobody's state ("Getting your page ready…"), and redrawn from what is true when
Voilà hands the kernel to a real request. The profile panel also checks its "Continue as …"
suggestion again when it is pressed (a page can simply stay open long).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import threading
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
    monkeypatch.setattr(preheat, "_waiting", False)
    import ipykernel  # noqa: F401  (as in a kernel)


class Door:
    """Voilà's ``wait_for_request`` as a test controls it: the request arrives when it is opened."""

    def __init__(self, reaches_voila: bool = True) -> None:
        self.opened, self.done = threading.Event(), threading.Event()
        self.reaches_voila = reaches_voila

    def wait(self) -> None:
        assert self.opened.wait(30)
        if self.reaches_voila:
            os.environ[preheat.REQUEST_VARIABLE] = "voila/0.5"

    def schedule(self, call) -> None:  # the kernel's event loop, here the waiting thread
        call()
        self.done.set()


def test_nothing_waits_outside_a_preheated_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(preheat.PREHEAT_VARIABLE, raising=False)
    calls = []
    assert preheat.when_participant_arrives(lambda: calls.append(1), wait=lambda: calls.append(2)) is False
    monkeypatch.setenv(preheat.PREHEAT_VARIABLE, "False")  # Voilà's kernels started for a request
    assert preheat.when_participant_arrives(lambda: calls.append(1), wait=lambda: calls.append(2)) is False
    assert calls == [] and not preheat.waiting()


def test_a_preheated_kernel_goes_on_at_once_and_is_told_once_when_the_participant_arrives(
        in_preheated_kernel) -> None:
    door, calls = Door(), []
    assert preheat.when_participant_arrives(lambda: calls.append("arrived"), door.wait, door.schedule) is True
    assert preheat.waiting() and calls == []
    assert preheat.when_participant_arrives(lambda: calls.append("again"), door.wait, door.schedule) is False
    door.opened.set()
    assert door.done.wait(30)
    assert calls == ["arrived"] and not preheat.waiting()
    assert os.environ[preheat.PREHEAT_VARIABLE] == "False", "a process this kernel starts never waits"


def test_when_voila_cannot_be_reached_the_page_still_works(in_preheated_kernel, capfd) -> None:
    door, calls = Door(reaches_voila=False), []
    preheat.when_participant_arrives(lambda: calls.append(1), door.wait, door.schedule)
    door.opened.set()
    assert door.done.wait(30)
    assert "could not reach Voilà" in capfd.readouterr().err
    assert calls == [1] and not preheat.waiting()


def test_a_preheated_page_shows_nobody_until_the_participant_arrives_then_what_is_true_then(tmp_path: Path) -> None:
    """In a fresh process, as in a preheated kernel: the notebook runs at warm-up and shows no names
    and no answers. Meanwhile Alex uses the computer and it is set as shared; when the request
    arrives, the same widgets redraw and know it."""
    data = tmp_path / "data"
    script = textwrap.dedent("""
        import json, os, sys, threading
        import ipykernel  # as in a kernel
        import voila.utils
        door = threading.Event()

        def request_arrives():
            door.wait(30)
            os.environ["SERVER_SOFTWARE"] = "voila/test"

        voila.utils.wait_for_request = request_arrives  # before the package is first imported
        from trust_workshop.model import course, journal, profiles
        journal.Journal.open("Sam").set_entry("exercise.hopes_worries", {"hope_change": "Sam's hope"})
        profiles.remember_last_profile("Sam")
        from trust_workshop import *
        from trust_workshop.views import preheat, session
        panel, hopes = profile_bar(), form("hopes_worries")
        seen = {"before": {"status": panel.status, "names": [str(o) for o in getattr(panel, "options", [])],
                           "hopes": hopes.status, "journal": session.session().journal is not None}}
        journal.Journal.open("Alex").keep()
        profiles.remember_last_profile("Alex")
        course.save_course(shared_computer=True)
        door.set()
        for t in threading.enumerate():  # outside a kernel, the page is told on the waiting thread
            if t.name == "trust-workshop-wait-for-participant":
                t.join(30)
        seen["waiting_after"] = preheat.waiting()
        seen["after"] = {"status": panel.status, "hopes": hopes.status,
                         "journal": session.session().journal is not None}
        print(json.dumps(seen))
    """)
    env = {**os.environ, "VOILA_PREHEAT": "True", "VOILA_KERNEL_ID": "k", "TRUST_WORKSHOP_DATA_DIR": str(data),
           "TRUST_WORKSHOP_PROFILE": "Sam",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))}
    env.pop("TRUST_WORKSHOP_SHARED_COMPUTER", None)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    before, after = seen["before"], seen["after"]
    assert "Getting your page ready" in before["status"] and "Sam" not in before["status"]
    assert "Getting your page ready" in before["hopes"]
    assert seen["waiting_after"] is False
    assert before["journal"] is False, "Sam's journal (TRUST_WORKSHOP_PROFILE) is not opened at warm-up"
    # Arrived: the computer is now shared, so no journal opens by itself and no name is suggested.
    assert after["journal"] is False
    assert "This computer is shared" in after["status"] and "Continue as" not in after["status"]
    assert "Getting your page ready" not in after["hopes"]


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
