"""The profile panel: create, open, switch, close; and when a profile opens by itself."""

from __future__ import annotations

import pytest

import trust_workshop as tw
from tests import ui
from trust_workshop.model import journal as jr
from trust_workshop.model import profiles as pr
from trust_workshop.views import session as session_module


def test_create_a_profile_then_choose_context_and_role(data_dir) -> None:
    panel = tw.profile_setup()
    check = tw.checkin("uncover")
    ui.type_into(panel, "Your name:", "  Sam  ")
    ui.click(panel, "Create my profile")
    s = session_module.session()
    assert s.journal.name == "Sam"
    assert "Working as <b>Sam</b>" in panel.status
    ui.control(panel, "My relationship:").value = "friendship"
    ui.control(panel, "My role:").value = "broke"
    assert jr.Journal.open("Sam").context == "friendship"
    assert check.questions, "exercises fill in once a journal is open"


def test_bad_name_gets_a_message_and_creates_nothing(data_dir) -> None:
    panel = tw.profile_setup()
    ui.type_into(panel, "Your name:", "   ")
    ui.click(panel, "Create my profile")
    assert "Please type a name" in panel.status
    assert pr.list_profiles() == []


def test_creating_an_existing_name_opens_it_and_says_so(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    panel = tw.profile_bar()
    ui.choose(panel, "Who is working:", "Someone new…")
    ui.type_into(panel, "Your name:", "sam")
    ui.click(panel, "Create my profile")
    assert "already exists" in panel.status


def test_even_the_only_profile_waits_for_one_click(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    session_module.reset_session()
    panel = tw.profile_bar()
    form = tw.form("hopes_worries")
    assert session_module.session().journal is None
    assert form.body == (), "nothing of Sam's shows before someone chooses Sam"
    assert ui.shows(panel, "Continue as Sam", ui.w.Button)
    ui.click(panel, "Continue as")
    assert session_module.session().journal.name == "Sam" and form.body


def test_with_two_profiles_nobody_is_opened_for_you(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    jr.Journal.open("Alex").set_entry("exercise.x", "theirs")
    pr.remember_last_profile("Sam")
    session_module.reset_session()
    panel = tw.profile_bar()
    assert session_module.session().journal is None
    assert ui.control(panel, "Who is working:").value == "" and "Continue as Sam" in panel.status
    ui.control(panel, "Who is working:").value = "Alex"
    ui.click(panel, "Open my journal")
    assert session_module.session().journal.name == "Alex"


def test_nothing_opens_after_a_delete_or_a_close_or_a_reload(data_dir) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "Sam's hopes")
    s = session_module.session()
    s.open("Alex")
    data = tw.my_data()
    ui.click(data, "Delete my data")
    ui.control(data, "I understand this deletes everything").value = True
    ui.click(data, "Yes, delete my data")
    assert s.journal is None
    session_module.reset_session()  # the page is reloaded
    assert session_module.session().journal is None
    view = tw.form("hopes_worries")
    assert "Sam's hopes" not in str(view.body)


def test_on_a_shared_computer_no_name_is_suggested(data_dir, monkeypatch: pytest.MonkeyPatch) -> None:
    jr.Journal.open("Sam").set_entry("exercise.x", "mine")
    panel = tw.profile_setup()
    ui.click(panel, "Continue as")
    ui.control(panel, "This computer is shared").value = True  # the participant switches it on
    assert pr.last_profile() is None
    session_module.reset_session()
    panel = tw.profile_setup()
    assert not ui.shows(panel, "Continue as", ui.w.Button) and ui.control(panel, "Who is working:").value == ""
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
    ui.click(panel, "Continue as")
    assert "could not be read" in panel.status and "restored" in panel.status


def test_a_profile_just_created_is_shown_as_chosen_before_its_first_answer(data_dir) -> None:
    panel = tw.profile_setup()
    ui.type_into(panel, "Your name:", "Rowan")
    ui.click(panel, "Create my profile")
    assert pr.journal_path("Rowan").exists()  # kept from the moment it is made
    session_module.reset_session()
    assert [p.name for p in pr.list_profiles()] == ["Rowan"], "a reload before any answer keeps the profile"
    assert ui.control(panel, "Who is working:").value == "Rowan" and not ui.shows(panel, "Your name:")
    assert "Working as <b>Rowan</b>" in panel.status


@pytest.mark.parametrize("make", [tw.profile_bar, tw.profile_setup])
def test_close_is_beside_the_name_whenever_a_journal_is_open(data_dir, make) -> None:
    panel = make()
    assert not ui.shows(panel, "Close my journal")
    session_module.session().open("Sam")
    assert ui.shows(panel, "Close my journal")
    ui.click(panel, "Close my journal")
    assert not ui.shows(panel, "Close my journal") and session_module.session().journal is None
