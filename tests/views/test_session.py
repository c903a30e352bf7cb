"""The profile panel: create, open, switch, close; and when a profile opens by itself."""

from __future__ import annotations

import pytest

import trust_workshop as tw
from trust_workshop.model import journal as jr
from trust_workshop.model import profiles as pr
from trust_workshop.views import session as session_module


def test_create_a_profile_then_choose_context_and_role(data_dir) -> None:
    panel = tw.profile_setup()
    check = tw.checkin("uncover")
    panel._new_name.value = "  Sam  "
    panel._do_create()
    s = session_module.session()
    assert s.journal.name == "Sam"
    assert "Working as <b>Sam</b>" in panel.status
    panel._context.value = "friendship"
    panel._role.value = "broke"
    assert jr.Journal.open("Sam").context == "friendship"
    assert check.questions, "exercises fill in once a journal is open"


def test_bad_name_gets_a_message_and_creates_nothing(data_dir) -> None:
    panel = tw.profile_setup()
    panel._new_name.value = "   "
    panel._do_create()
    assert "Please type a name" in panel.status
    assert pr.list_profiles() == []


def test_creating_an_existing_name_opens_it_and_says_so(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    panel = tw.profile_bar()
    panel._new_name.value = "sam"
    panel._do_create()
    assert "already exists" in panel.status


def test_even_the_only_profile_waits_for_one_click(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    session_module.reset_session()
    panel = tw.profile_bar()
    form = tw.form("hopes_worries")
    assert session_module.session().journal is None
    assert form.body == (), "nothing of Sam's shows before someone chooses Sam"
    assert panel._continue.description == "Continue as Sam" and panel._continue in panel.children[0].children
    panel._continue.click()
    assert session_module.session().journal.name == "Sam" and form.body


def test_with_two_profiles_nobody_is_opened_for_you(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    jr.Journal.open("Alex").set_entry("exercise.x", "theirs")
    pr.remember_last_profile("Sam")
    session_module.reset_session()
    panel = tw.profile_bar()
    assert session_module.session().journal is None
    assert panel._picker.value == "" and "Continue as Sam" in panel.status
    panel._picker.value = "Alex"
    panel._do_open()
    assert session_module.session().journal.name == "Alex"


def test_nothing_opens_after_a_delete_or_a_close_or_a_reload(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "Sam's hopes")
    s = session_module.session()
    s.open("Alex")
    data = tw.my_data()
    data._do_delete()
    assert s.journal is None
    session_module.reset_session()  # the page is reloaded
    assert session_module.session().journal is None
    view = tw.form("hopes_worries")
    assert "Sam's hopes" not in str(view.body)


def test_on_a_shared_computer_no_name_is_suggested(data_dir, monkeypatch: pytest.MonkeyPatch) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    panel = tw.profile_setup()
    panel._continue.click()
    panel._shared.value = True  # the participant switches it on
    assert pr.last_profile() is None
    session_module.reset_session()
    panel = tw.profile_setup()
    assert panel._continue not in panel.children[0].children and panel._picker.value == ""
    assert "This computer is shared" in panel.status
    monkeypatch.setenv("TRUST_WORKSHOP_PROFILE", "Sam")
    session_module.reset_session()
    assert session_module.session().journal is None, "not even a configured profile opens by itself"
    monkeypatch.delenv("TRUST_WORKSHOP_PROFILE")
    monkeypatch.setenv("TRUST_WORKSHOP_SHARED_COMPUTER", "0")
    session_module.reset_session()
    assert not tw.profile_setup()._shared.value


def test_environment_variable_names_the_profile(data_dir, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRUST_WORKSHOP_PROFILE", "Kiosk")
    session_module.reset_session()
    assert session_module.session().journal.name == "Kiosk"


def test_close_hides_answers(data_dir) -> None:
    s = session_module.session()
    s.open("Sam")
    view = tw.form("hopes_worries")
    assert view.boxes
    tw.profile_bar()._do_close()
    assert view.body == ()


def test_damaged_journal_notice_is_shown_in_the_panel(data_dir) -> None:
    j = jr.Journal.open("Sam")
    j.set_entry("exercise.x", "a")
    j.set_entry("exercise.x", "b")
    j.path.write_bytes(b"{broken")
    session_module.reset_session()
    panel = tw.profile_bar()
    panel._continue.click()
    assert "could not be read" in panel.status and "restored" in panel.status


def test_a_profile_just_created_is_shown_as_chosen_before_its_first_answer(data_dir) -> None:
    panel = tw.profile_setup()
    panel._new_name.value = "Rowan"
    panel._do_create()
    assert pr.journal_path("Rowan").exists()  # kept from the moment it is made
    session_module.reset_session()
    assert [p.name for p in pr.list_profiles()] == ["Rowan"], "a reload before any answer keeps the profile"
    assert panel._picker.value == "Rowan" and panel._new_name not in panel.children[0].children
    assert "Working as <b>Rowan</b>" in panel.status


@pytest.mark.parametrize("make", [tw.profile_bar, tw.profile_setup])
def test_close_is_beside_the_name_whenever_a_journal_is_open(data_dir, make) -> None:
    panel = make()
    assert panel._close not in panel.children[0].children
    session_module.session().open("Sam")
    assert panel._close in panel.children[0].children
    panel._close.click()
    assert panel._close not in panel.children[0].children and session_module.session().journal is None
