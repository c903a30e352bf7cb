"""The profile panel: create, open, switch, close; and when a profile opens by itself."""

from __future__ import annotations

import pytest

import trust_workshop as tw
from trust_workshop.model import journal as jr
from trust_workshop.views import session as session_module


def test_create_a_profile_then_choose_context_and_role(data_dir) -> None:
    panel = tw.profile_setup()
    check = tw.checkin("uncover")
    panel._new_name.value = "  Sam  "
    panel._do_create()
    s = session_module.session()
    assert s.journal.name == "Sam"
    assert "Working as <b>Sam</b>" in panel._status.value
    panel._context.value = "friendship"
    panel._role.value = "broke"
    assert jr.Journal.open("Sam").context == "friendship"
    assert check._questions, "exercises fill in once a journal is open"


def test_bad_name_gets_a_message_and_creates_nothing(data_dir) -> None:
    panel = tw.profile_setup()
    panel._new_name.value = "   "
    panel._do_create()
    assert "Please type a name" in panel._status.value
    assert jr.list_profiles() == []


def test_creating_an_existing_name_opens_it_and_says_so(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    panel = tw.profile_bar()
    panel._new_name.value = "sam"
    panel._do_create()
    assert "already exists" in panel._status.value


def test_one_profile_opens_by_itself(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    session_module.reset_session()
    assert session_module.session().journal.name == "Sam"


def test_with_two_profiles_nobody_is_opened_for_you(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    jr.Journal.open("Alex").set_entry("exercise.x", "theirs")
    jr.remember_last_profile("Sam")
    session_module.reset_session()
    panel = tw.profile_bar()
    assert session_module.session().journal is None
    assert panel._picker.value == "Sam"
    panel._do_open()
    assert session_module.session().journal.name == "Sam"


def test_environment_variable_names_the_profile(data_dir, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUST_WORKSHOP_PROFILE", "Kiosk")
    session_module.reset_session()
    assert session_module.session().journal.name == "Kiosk"


def test_close_hides_answers(data_dir) -> None:
    s = session_module.session()
    s.open("Sam")
    view = tw.form("hopes_worries")
    assert view._boxes
    tw.profile_bar()._do_close()
    assert view._body.children == ()


def test_damaged_journal_notice_is_shown_in_the_panel(data_dir) -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "a")
    j.set_entry("exercise.x", "b")
    j.path.write_bytes(b"{broken")
    session_module.reset_session()
    panel = tw.profile_bar()
    assert "could not be read" in panel._status.value and "restored" in panel._status.value


def test_a_profile_just_created_is_shown_as_chosen_before_its_first_answer(data_dir) -> None:
    panel = tw.profile_setup()
    panel._new_name.value = "Rowan"
    panel._do_create()
    assert not jr.journal_path("Rowan").exists()  # nothing written until there is something to keep
    assert panel._picker.value == "Rowan" and panel._new_name not in panel.children[0].children
    assert "Working as <b>Rowan</b>" in panel._status.value
