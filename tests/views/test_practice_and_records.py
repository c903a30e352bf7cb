"""The stage 2-9 widgets as a participant uses them: feedback, saving, restoring, charts."""

from __future__ import annotations

import datetime as dt
import html

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.model import journal as jr

from .. import ui
from ..conftest import restart_kernel, shown


def _labels(key: str) -> dict[str, str]:
    """A record list's field labels, as its form shows them."""
    return {f["id"]: f["label"] for f in content.exercise(key)["record_fields"]}


def test_apology_builder_reads_the_draft_and_flags_excuses(opened) -> None:
    opened.set_setting("role", "broke")
    view = tw.apology_builder()
    ui.type_into(view, "My draft apology", "I'm sorry, but you made me <b>do</b> it.")
    html = ui.markup(view)
    assert " of 6" not in html, "no count: it invited people to add a request for forgiveness"
    assert "reads more like a defence than an apology" in html, "blame and no responsibility: not an apology"
    assert "you made me" in html and "<b>do</b>" not in html
    ui.type_into(view, "My draft apology",
                 "I read your messages. That was wrong of me. I'd like to hear what would help.")
    html = ui.markup(view)
    names = [c["name"] for c in content.exercise("apology_builder")["components"]]
    positions = {name: html.index(name) for name in names}
    assert positions["Acknowledgment of responsibility"] < positions["Offer of repair"] < positions[
        "Expression of regret"] < positions["Request for forgiveness"], "Lewicki's order of weight"
    assert "not found yet" in html and "not needed: you can leave it out" in html, \
        "a missing request for forgiveness is no gap"
    restart_kernel()
    assert ui.control(tw.apology_builder(), "My draft apology").value.startswith("I read your messages.")


def test_apology_builder_for_the_hurt_person_lists_what_an_apology_needs(opened) -> None:
    view = tw.apology_builder()
    hurt = content.exercise("apology_builder")
    assert hurt["hurt_title"] in shown(view)
    first = hurt["hurt_options"][0]
    ui.control(view, first, ui.w.Checkbox).value = True
    assert jr.Journal.open("Sam").entry("exercise.apology_needs")["checked"] == [first]


def test_i_statement_splits_composes_and_keeps_a_list(opened) -> None:
    view = tw.i_statement()
    ui.type_into(view, "The 'you' sentence:", "You always make me feel stupid when we talk about money.")
    assert ui.control(view, "I feel …").value == "stupid" and ui.control(view, "when …").value == "we talk about money"
    assert "Still to fill in: need" in shown(view)
    ui.type_into(view, "because I need …", "to be asked what I think")
    assert "Your I-statement:" in shown(view)
    ui.click(view, "Save this I-statement")
    restart_kernel()
    again = tw.i_statement()
    assert again.value[0]["statement"].startswith("I feel stupid when we talk about money")
    assert "My saved I-statements" in shown(again)


def test_i_statement_will_not_save_an_unfinished_one(opened) -> None:
    view = tw.i_statement()
    ui.click(view, "Save this I-statement")
    assert "Fill in the feeling" in view.status and view.value == []


def test_validation_practice_gives_feedback_and_remembers_choices(opened) -> None:
    view = tw.validation_practice()
    first = next(s for s in content.exercise("validation_practice")["scenarios"]
                 if s["context"] == "couple" and s.get("side") == "hurt")  # Sam was hurt, and is in a couple
    assert html.escape(first["situation"]) in shown(view.body[0]), "the participant's own side and context come first"
    good = next(i for i, r in enumerate(first["responses"]) if r["validates"])
    ui.control(view, "Reply 1:").value = good
    restart_kernel()
    again = tw.validation_practice()
    assert ui.control(again, "Reply 1:").value == good
    feedback = again.body[0].children[2].value
    assert "This validates" in feedback


def test_record_list_adds_changes_and_removes(opened) -> None:
    view = tw.promise_log()
    label = _labels("promise_log")
    ui.control(view, label["date"]).value = dt.date(2026, 11, 2)
    ui.type_into(view, label["promise"], "Home by seven on Thursday")
    ui.click(view, "Add")
    ui.control(view, label["date"]).value = dt.date(2026, 11, 3)
    ui.type_into(view, label["promise"], "Text if I'm late")
    ui.click(view, "Add")
    ui.controls(view, label["kept"])[0].value = "yes"  # the first promise's own "Kept?"
    assert "1 of 1 kept" in shown(view)
    restart_kernel()
    again = tw.promise_log()
    assert [r["kept"] for r in again.value] == ["yes", "not yet"]
    ui.controls(again, "Remove this one")[1].click()
    assert len(jr.Journal.open("Sam").entry("exercise.promise_log")) == 1


def test_record_list_asks_for_text_before_adding(opened) -> None:
    view = tw.agreement_builder()
    ui.click(view, "Add")
    assert "Please write something" in shown(view) and view.value == []


def test_agreement_builder_starts_from_the_problem_solving_wording(opened) -> None:
    """The worksheet's chosen agreement is offered, read when the button is pressed, and only
    added once the participant presses Add."""
    builder = tw.agreement_builder()
    ui.click(builder, "Use my problem-solving wording")
    assert "no wording yet" in shown(builder) and builder.value == []
    worksheet = tw.form("problem_solving")
    wording = next(f["label"] for f in content.exercise("problem_solving")["fields"]
                   if f["id"] == "agreement_wording")
    ui.type_into(worksheet, wording, "  Either of us messages   the other before spending over £100 ")
    worksheet.save_value()
    ui.click(builder, "Use my problem-solving wording")
    what = ui.control(builder, _labels("agreement_builder")["what"])
    assert what.value == "Either of us messages the other before spending over £100"
    assert builder.value == []
    what.value += " for a month"
    ui.click(builder, "Add")
    assert builder.value[0]["what"] == "Either of us messages the other before spending over £100 for a month"
    assert jr.Journal.open("Sam").entry("exercise.agreement_builder")[0]["what"].endswith("for a month")


def test_bank_account_and_milestones_draw_charts(opened) -> None:
    bank = tw.bank_account()
    label = _labels("bank_account")
    ui.control(bank, label["kind"]).value = "withdrawal"
    ui.type_into(bank, label["note"], "Snapped at you")
    ui.click(bank, "Add")
    assert "0 deposits, 1 withdrawals" in shown(bank)
    stones = tw.milestones()
    assert ui.charts(stones) == []
    ui.type_into(stones, _labels("milestones")["text"], "First honest talk")
    ui.click(stones, "Add")
    assert len(ui.charts(stones)) == 1


def test_pre_post_and_journey(opened) -> None:
    for s in content.stages():
        items = content.checkin_items(s.key)
        opened.journal.record_checkin("baseline", s.key, {it.id: 2 for it in items}, date="2026-09-01")
        opened.journal.record_checkin("final", s.key, {it.id: 3 for it in items}, date="2026-11-01")
    opened.journal.set_entry("reflection.uncover", {"x": "a private thought"})
    view = tw.pre_post()
    assert view.reading.startswith("9 of 9 stages")
    journey = tw.journey()
    assert "a private thought" not in shown(journey)
    ui.control(journey, "Show my saved reflections and writing").value = True
    assert "a private thought" in shown(journey)
    ui.control(journey, "Show my saved reflections and writing").value = False
    assert "a private thought" not in shown(journey)


def test_ten_things_stops_at_ten(opened) -> None:
    view = tw.list_builder("ten_things")
    for n in range(11):
        ui.add_line(view, "type one item, then press Enter or Add", f"I trust you to {n}")
    assert len(view.value) == 10
    assert "Remove one to add another" in view.status


def test_validation_practice_follows_the_participants_role(opened) -> None:
    """The hurt person practises from their own side too: at least three scenarios, shown first for them."""
    scenarios = content.exercise("validation_practice")["scenarios"]
    hurt_side = [s for s in scenarios if s.get("side") == "hurt"]
    assert len(hurt_side) >= 3 and len({s["context"] for s in hurt_side}) >= 3
    for role, side in (("hurt", "hurt"), ("broke", "broke")):
        opened.set_setting("role", role)
        view = tw.validation_practice()
        shown_first = [s for s in scenarios if html.escape(s["situation"]) in shown(view.body[0])]
        assert shown_first and shown_first[0].get("side", "broke") == side, role
    opened.set_setting("role", "hurt")
    opened.set_setting("context", "family")
    view = tw.validation_practice()
    first = next(s for s in hurt_side if s["context"] == "family")
    assert html.escape(first["situation"]) in shown(view.body[0]), "own side first, then own context"
