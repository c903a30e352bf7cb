"""The stage 2-9 widgets as a participant uses them: feedback, saving, restoring, charts."""

from __future__ import annotations

import datetime as dt

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.model import journal as jr

from ..conftest import restart_kernel


def test_apology_builder_reads_the_draft_and_flags_excuses(opened) -> None:
    opened.set_setting("role", "broke")
    view = tw.apology_builder()
    view._draft.value = "I'm sorry, but you made me <b>do</b> it."
    html = view._feedback.value
    assert "1 of 6</b> parts" in html
    assert "you made me" in html and "<b>do</b>" not in html
    restart_kernel()
    assert tw.apology_builder()._draft.value == "I'm sorry, but you made me <b>do</b> it."


def test_apology_builder_for_the_hurt_person_lists_what_an_apology_needs(opened) -> None:
    view = tw.apology_builder()
    hurt = content.exercise("apology_builder")
    assert hurt["hurt_title"] in view._title.value
    first = hurt["hurt_options"][0]
    view._needs.boxes[first].value = True
    assert jr.Journal.open("Sam").entry("exercise.apology_needs")["checked"] == [first]


def test_i_statement_splits_composes_and_keeps_a_list(opened) -> None:
    view = tw.i_statement()
    view._accusation.value = "You always make me feel stupid when we talk about money."
    assert view._feeling.value == "stupid" and view._situation.value == "we talk about money"
    assert "Still to fill in: need" in view._result.value
    view._need.value = "to be asked what I think"
    assert "Your I-statement:" in view._result.value
    view._save_one()
    restart_kernel()
    again = tw.i_statement()
    assert again.value[0]["statement"].startswith("I feel stupid when we talk about money")
    assert "My saved I-statements" in again._list.value


def test_i_statement_will_not_save_an_unfinished_one(opened) -> None:
    view = tw.i_statement()
    view._save_one()
    assert "Fill in the feeling" in view.status and view.value == []


def test_validation_practice_gives_feedback_and_remembers_choices(opened) -> None:
    view = tw.validation_practice()
    scenarios = view._scenarios()
    assert scenarios[0]["context"] == "couple"
    first = scenarios[0]
    good = next(i for i, r in enumerate(first["responses"]) if r["validates"])
    view._choices[first["id"]].value = good
    restart_kernel()
    again = tw.validation_practice()
    assert again._choices[first["id"]].value == good
    feedback = again.body[0].children[2].value
    assert "This validates" in feedback


def test_record_list_adds_changes_and_removes(opened) -> None:
    view = tw.promise_log()
    view._inputs["date"].value = dt.date(2026, 11, 2)
    view._inputs["promise"].value = "Home by seven on Thursday"
    view._add_record()
    view._inputs["date"].value = dt.date(2026, 11, 3)
    view._inputs["promise"].value = "Text if I'm late"
    view._add_record()
    kept = [c for c in view._rows.children[0].children if getattr(c, "description", "") == "Kept?"][0]
    kept.value = "yes"
    caption = view._chart_box.children[-1].value
    assert "1 of 1 kept" in caption
    restart_kernel()
    again = tw.promise_log()
    assert [r["kept"] for r in again.value] == ["yes", "not yet"]
    again._remove(1)
    assert len(jr.Journal.open("Sam").entry("exercise.promise_log")) == 1


def test_record_list_asks_for_text_before_adding(opened) -> None:
    view = tw.agreement_builder()
    view._add_record()
    assert "Please write something" in view._problem.value and view.value == []


def test_bank_account_and_milestones_draw_charts(opened) -> None:
    bank = tw.bank_account()
    bank._inputs["kind"].value = "withdrawal"
    bank._inputs["note"].value = "Snapped at you"
    bank._add_record()
    assert "0 deposits, 1 withdrawals" in bank._chart_box.children[-1].value
    stones = tw.milestones()
    stones._inputs["text"].value = "First honest talk"
    stones._add_record()
    assert any(c.__class__.__name__ == "Image" for c in stones._chart_box.children)


def test_pre_post_and_journey(opened) -> None:
    for s in content.stages():
        items = content.checkin_items(s.key)
        opened.journal.record_checkin("baseline", s.key, {it.id: 2 for it in items}, date="2026-09-01")
        opened.journal.record_checkin("final", s.key, {it.id: 3 for it in items}, date="2026-11-01")
    opened.journal.set_entry("reflection.uncover", {"x": "a private thought"})
    view = tw.pre_post()
    assert view.reading.startswith("9 of 9 stages")
    journey = tw.journey()
    assert journey._writing.value == ""
    journey._show.value = True
    assert "a private thought" in journey._writing.value
    journey._show.value = False
    assert journey._writing.value == ""


def test_ten_things_stops_at_ten(opened) -> None:
    view = tw.list_builder("ten_things")
    for n in range(11):
        view._add(f"I trust you to {n}")
    assert len(view.value) == 10
    assert "Remove one to add another" in view.status
