"""Compare our answers: two people, both consenting, on one computer or with a share card."""

from __future__ import annotations

import re

import pytest

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.model import journal as jr
from trust_workshop.model import sharecard as sc
from trust_workshop.views import session as session_module

from .. import ui
from ..adversarial.helpers import snapshot

DAY = "2026-11-20"


def _answer_uncover(journal: jr.Journal, values: list[int]) -> None:
    items = content.checkin_items("uncover")
    journal.record_checkin("stage", "uncover", {it.id: v for it, v in zip(items, values, strict=False)}, date=DAY)


@pytest.fixture
def two(data_dir):
    """Sam (hurt) and Alex (broke, journal locked), each with an uncover check-in and a pulse."""
    sam = jr.Journal.open("Sam")
    sam.set_setting("context", "couple")
    sam.set_setting("role", "hurt")
    _answer_uncover(sam, [5, 4, 2, 5, 3, 4])
    sam.record_pulse({it.id: 3 for it in content.pulse_items()}, date=DAY)
    sam.set_entry("exercise.impact_map", {"what_happened": "Sam's private words"})
    alex = jr.Journal.open("Alex")
    alex.set_setting("context", "couple")
    alex.set_setting("role", "broke")
    _answer_uncover(alex, [1, 4, 5, 2, 2, 4])
    alex.record_pulse({it.id: 4 for it in content.pulse_items()}, date=DAY)
    alex.set_entry("exercise.impact_map", {"what_happened": "Alex's private words"})
    alex.set_passphrase("blue kettle morning", "blue kettle morning")
    session_module.session().open("Sam")
    return sam, alex


def _same_computer(panel, *, sam_agrees: bool = True, alex_agrees: bool = True) -> None:
    ui.choose(panel, "How will you compare?", "Both of us on this computer")
    if sam_agrees:
        ui.control(panel, "I, Sam, agree").value = True
    ui.choose(panel, "Other person:", "Alex (locked)")
    ui.type_into(panel, "Passphrase:", "blue kettle morning")
    ui.click(panel, "Open my journal for comparing")
    if alex_agrees:
        ui.control(panel, "I, Alex, agree").value = True


def test_two_profiles_on_one_computer_compare_with_each_ones_own_wording(two, data_dir) -> None:
    before = snapshot(data_dir / "profiles")
    panel = tw.compare_answers()
    text = ui.markup(panel)
    assert "either of you" in text.lower() and "Only compare if it feels safe" in text
    assert "safety check" in text
    _same_computer(panel)
    assert ui.control(panel, "Passphrase:").value == "", "the passphrase is never left in the widget"
    ui.click(panel, "Show our comparison")
    shown = panel.result
    # Matched by id, each in their own words: the same statement reads differently for each role.
    hurt = content.checkin_items("uncover", "hurt", "couple")[0].text
    broke = content.checkin_items("uncover", "broke", "couple")[0].text
    assert hurt != broke and hurt in shown and broke in shown
    assert "Where you see things alike" in shown and "two or more steps apart" in shown
    assert "Something to talk about" in shown
    assert shown.count("class='tw-starter'") == 3, "a starter for the three biggest differences"
    assert not re.search(r"\d+ ?%|score|of 100|\bwins?\b", shown, re.I), "never a score, a percentage or a verdict"
    assert "private words" not in shown, "writing is never shown unless a card carries what was ticked"
    assert snapshot(data_dir / "profiles") == before, "nothing of the comparison is saved anywhere"


def test_refused_without_both_consents(two) -> None:
    for sam_agrees, alex_agrees in ((False, True), (True, False), (False, False)):
        session_module.reset_session()
        session_module.session().open("Sam")
        panel = tw.compare_answers()
        _same_computer(panel, sam_agrees=sam_agrees, alex_agrees=alex_agrees)
        ui.click(panel, "Show our comparison")
        assert panel.result == ""
        assert "Both people need to agree" in panel.status and "Nothing was shown" in panel.status


def test_the_other_person_needs_their_own_passphrase(two) -> None:
    panel = tw.compare_answers()
    ui.choose(panel, "How will you compare?", "Both of us on this computer")
    ui.control(panel, "I, Sam, agree").value = True
    ui.choose(panel, "Other person:", "Alex (locked)")
    ui.type_into(panel, "Passphrase:", "wrong guess here")
    ui.click(panel, "Open my journal for comparing")
    assert not ui.shows(panel, "I, Alex, agree")
    ui.click(panel, "Show our comparison")
    assert panel.result == "" and "open their journal and agree first" in panel.status


def test_either_person_can_stop_and_everything_is_cleared(two) -> None:
    panel = tw.compare_answers()
    _same_computer(panel)
    ui.click(panel, "Show our comparison")
    assert panel.result
    ui.click(panel, "Stop and clear")
    assert panel.result == "" and "Stopped and cleared" in panel.status
    assert "Alex" not in ui.markup(panel) and not ui.shows(panel, "I, Alex, agree")


def test_taking_back_an_agreement_clears_the_comparison(two) -> None:
    panel = tw.compare_answers()
    _same_computer(panel)
    ui.click(panel, "Show our comparison")
    assert panel.result
    ui.control(panel, "I, Alex, agree").value = False
    assert panel.result == "" and "took back their agreement" in panel.status
    ui.click(panel, "Show our comparison")
    assert panel.result == "" and "Still to agree: Alex" in panel.status


def test_closing_the_journal_clears_the_comparison(two) -> None:
    panel = tw.compare_answers()
    _same_computer(panel)
    ui.click(panel, "Show our comparison")
    session_module.session().close()
    assert panel.body == () and "Alex" not in ui.markup(panel)


def test_a_share_card_from_one_person_compares_on_the_other_ones_screen(two, data_dir) -> None:
    # Alex, on their own computer or turn, makes a card with one piece of writing ticked.
    session_module.reset_session()
    session_module.session().open("Alex", "blue kettle morning")
    maker = tw.compare_answers()
    ui.choose(maker, "How will you compare?", "With a share card")
    ui.control(maker, "Writing: Impact map").value = True
    ui.click(maker, "Make my share card")
    assert "A card is only made when you tick" in maker.status
    ui.control(maker, "I agree that the person I give this card to").value = True
    ui.click(maker, "Make my share card")
    link = re.search(r"href='data:application/json;base64,([^']+)'", ui.markup(maker))
    import base64

    raw = base64.b64decode(link.group(1))
    assert b"Alex's private words" in raw and b"blue kettle" not in raw
    # Sam opens it on their screen and agrees.
    session_module.reset_session()
    session_module.session().open("Sam")
    before = snapshot(data_dir / "profiles")
    panel = tw.compare_answers("uncover")
    ui.choose(panel, "How will you compare?", "With a share card")
    ui.upload(panel, "Open their card", "trust-share-card.json", raw)
    assert "This card is from Alex" in ui.markup(panel)
    ui.click(panel, "Show our comparison")
    assert panel.result == "" and "Still to agree: Sam" in panel.status
    ui.control(panel, "I, Sam, agree to compare my answers with Alex's card").value = True
    ui.click(panel, "Show our comparison")
    shown = panel.result
    assert content.checkin_items("uncover", "broke", "couple")[0].text in shown
    assert "Trust pulse" not in shown, "a stage's short version shows only that stage's statements"
    assert "Alex&#x27;s private words" in shown and "Sam&#x27;s private words" not in shown
    assert snapshot(data_dir / "profiles") == before, "a card is never merged into the journal"
    ui.click(panel, "Stop and clear")
    assert "private words" not in ui.markup(panel)


def test_a_bad_card_gets_a_kind_message_and_shows_nothing(two) -> None:
    panel = tw.compare_answers()
    ui.choose(panel, "How will you compare?", "With a share card")
    ui.upload(panel, "Open their card", "card.json", b"{ not json")
    assert "not a share card" in panel.status and "Nothing from it was shown or kept" in panel.status
    assert not ui.shows(panel, "Show our comparison")


def test_the_stage_version_shows_only_that_stage(two) -> None:
    panel = tw.compare_answers("uncover")
    _same_computer(panel)
    ui.click(panel, "Show our comparison")
    assert "Uncover the impact" in panel.result and "Trust pulse" not in panel.result
    assert content.pulse_items("couple")[0].text not in panel.result


def test_without_a_journal_the_panel_asks_for_one(data_dir) -> None:
    panel = tw.compare_answers()
    assert panel.body == () and "Open or create your profile" in panel.status
    assert "Only compare if it feels safe" in ui.markup(panel) and "Stop and clear" in ui.markup(panel), \
        "what is shown, that either can stop, and the safety reminder come before anyone opens a journal"


def test_a_card_holds_only_what_was_chosen(two) -> None:
    sam, _ = two
    card = sc.build(jr.Journal.open("Sam"), consent=True, checkins=False, pulse=True)
    assert card["checkins"] == {} and card["pulse"] and card["writing"] == []
    assert set(card) == {"format", "version", "created", "name", "role", "context", "consent", "checkins",
                         "pulse", "writing"}


def _card(name: str, role: str, values: dict[str, int]) -> dict:
    data = jr.Journal.open(name)
    data.set_setting("role", role)
    for stage, value in values.items():
        data.record_checkin("stage", stage, {it.id: value for it in content.checkin_items(stage)}, date=DAY)
    return sc.build(data, consent=True)


def test_each_difference_is_listed_once_the_three_biggest_with_a_starter(data_dir) -> None:
    from trust_workshop.model import compare as cm
    from trust_workshop.views.compare import _sides_html, comparison_html

    a, b = _card("Sam", "hurt", {"uncover": 5, "attune": 1}), _card("Alex", "broke", {"uncover": 1, "attune": 4})
    result = cm.compare(a, b, first_agrees=True, second_agrees=True)
    page = comparison_html(result, "couple")
    assert len(result.apart) > 3 and page.count("class='tw-starter'") == 3
    assert "Also two or more steps apart" in page
    for row in result.apart:
        assert page.count(_sides_html(row, result.names)) == 1, "every difference shows once"
    close = cm.compare(a, a, first_agrees=True, second_agrees=True)
    assert "Your answers are close on every statement" in comparison_html(close, "couple")
