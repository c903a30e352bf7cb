"""Widgets as a participant uses them: answers save, survive a kernel restart, and fit the role."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.content import safety as safety_content
from trust_workshop.model import journal as jr
from trust_workshop.model import profiles as pr
from trust_workshop.model import transfer as tf
from trust_workshop.views import session as session_module

from .. import ui
from ..conftest import restart_kernel
from ..conftest import shown as _shown


def test_without_a_journal_exercises_explain_what_to_do(data_dir: Path) -> None:
    view = tw.checkin("uncover")
    assert view.body == ()
    assert "Open or create your profile" in view.status


def test_checkin_answers_save_and_survive_a_restart(opened) -> None:
    view = tw.checkin("uncover")
    for q in view.questions:
        q.buttons.value = 4
    assert "✓ Saved" in view.status
    assert "Score" in _shown(view) and "an area" in _shown(view)
    restart_kernel()
    again = tw.checkin("uncover")
    assert [q.value for q in again.questions] == [4] * len(again.questions)
    assert "Your answers from today" in again.status


def test_checkin_from_an_earlier_day_is_shown_as_last_time(opened) -> None:
    items = content.checkin_items("uncover")
    opened.journal.record_checkin("stage", "uncover", {it.id: 3 for it in items}, date="2026-01-01")
    view = tw.checkin("uncover")
    assert all(q.value is None for q in view.questions)
    assert "Last time (Thursday 1 January 2026): Score 50 of 100" in view.status


def test_checkin_wording_follows_role_and_context(opened) -> None:
    view = tw.checkin("apologise")
    hurt = [q.item.text for q in view.questions]
    opened.set_setting("role", "broke")
    broke = [q.item.text for q in view.questions]
    assert hurt != broke
    opened.set_setting("context", "workplace")
    assert any("colleague" in q.item.text for q in tw.pulse().questions)


def test_pulse_and_baseline_save_to_the_journal(opened) -> None:
    p = tw.pulse()
    for q in p.questions:
        q.buttons.value = 5
    b = tw.baseline_checkin()
    ui.click(b, "Next")
    for q in b.questions["uncover"]:
        q.buttons.value = 2
    assert content.stage("uncover").title in _shown(b)
    j = jr.Journal.open("Sam")
    assert len(j.pulses()) == 1 and len(j.pulses()[0]["answers"]) == len(p.questions)
    assert j.checkins("baseline", "uncover")[0]["answers"] == {it.id: 2 for it in content.baseline_items("uncover")}
    restart_kernel()
    assert tw.baseline_checkin().answers("uncover") == {it.id: 2 for it in content.baseline_items("uncover")}


def test_form_shows_fields_for_the_role_and_keeps_hidden_answers(opened) -> None:
    view = tw.form("impact_map")
    assert "hardest_part" in view.boxes and "what_i_did" not in view.boxes
    view.boxes["what_happened"].value = "<b>not bold</b> {{ x }} $y$ \\ \u0000 🙂"
    opened.set_setting("role", "broke")
    assert "what_i_did" in view.boxes
    view.boxes["what_i_did"].value = "I hid it"
    saved = jr.Journal.open("Sam").entry("exercise.impact_map")
    assert saved["what_happened"] == "<b>not bold</b> {{ x }} $y$ \\ \u0000 🙂"
    assert saved["hardest_part"] == "" and saved["what_i_did"] == "I hid it"
    restart_kernel()
    assert tw.form("impact_map").boxes["what_happened"].value.startswith("<b>not bold</b>")


def test_checklist_with_own_items_saves_and_restores(opened) -> None:
    view = tw.checklist("group_agreements")
    first = content.exercise("group_agreements")["options"][0]
    view.boxes[first].value = True
    ui.add_line(view, "add your own", "We start on time")
    ui.add_line(view, "add your own", "We start on time")
    restart_kernel()
    again = tw.checklist("group_agreements")
    assert again.value == {"checked": [first, "We start on time"], "own": ["We start on time"]}


def test_feelings_checklist_groups_and_own_words(opened) -> None:
    view = tw.checklist("feelings")
    view.boxes["numb"].value = True
    ui.add_line(view, "add your own", "wobbly")
    assert tw.checklist("feelings").value == {"checked": ["numb", "wobbly"], "own": ["wobbly"]}


def test_list_builder_adds_removes_and_escapes(opened) -> None:
    view = tw.list_builder("questions_i_still_have")
    hint = "type one item, then press Enter or Add"
    ui.add_line(view, hint, "<img src=x onerror=alert(1)>")
    ui.add_line(view, hint, "When did it start?")
    ui.click(view, "Remove item 1")
    assert tw.list_builder("questions_i_still_have").value == ["When did it start?"]
    ui.add_line(view, hint, "<script>alert(1)</script>")
    html = _shown(view)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_reflection_and_homework_save(opened) -> None:
    r = tw.reflection("uncover")
    first = next(iter(r.boxes))
    r.boxes[first].value = "A thought"
    h = tw.homework("uncover")
    ideas = ui.control(h, "Ideas:")
    ideas.value = ideas.options[1][1]
    h.boxes["plan"].value = "Sunday, with Alex"
    ui.control(h, "I did it").value = True
    restart_kernel()
    assert tw.reflection("uncover").value[first] == "A thought"
    again = tw.homework("uncover")
    assert ui.control(again, "I did it").value is True and again.boxes["plan"].value == "Sunday, with Alex"
    assert ui.control(again, "Ideas:").value == ideas.options[1][1]


def test_safety_check_never_reaches_the_journal_or_the_disk(opened, data_dir: Path) -> None:
    opened.set_region("us")
    before = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    view = tw.safety_check()
    for box in view.boxes.values():
        box.value = True
    assert view.concern
    assert "not recommended" in _shown(view) and "1-800-799-7233" in _shown(view)
    after = {p: p.read_bytes() for p in data_dir.rglob("*") if p.is_file()}
    assert after == before
    exported = tf.export_bytes(opened.journal).decode()
    for q in safety_content.questions():
        assert f'"{q.id}"' not in exported
    ui.click(view, "Clear my answers")
    assert not view.concern and "says nothing either way" in _shown(view)


def test_safety_check_works_without_a_profile(data_dir: Path) -> None:
    view = tw.safety_check()
    view.boxes["afraid"].value = True
    assert "not recommended" in _shown(view)


def test_my_data_download_link_holds_the_journal(opened) -> None:
    import base64
    import re

    opened.journal.set_entry("exercise.x", "mine")
    view = tw.my_data()
    ui.click(view, "Download my journal")
    href = re.search(r"href='data:application/json;base64,([^']+)'", _shown(view)).group(1)
    package = json.loads(base64.b64decode(href))
    assert package["journal"]["entries"]["exercise.x"]["value"] == "mine"


def test_my_data_upload_replaces_and_bad_upload_changes_nothing(opened) -> None:
    opened.journal.set_entry("exercise.x", "exported")
    exported = tf.export_bytes(opened.journal)
    opened.journal.set_entry("exercise.x", "changed later")
    form = tw.form("impact_map")
    view = tw.my_data()
    ui.upload(view, "Upload a journal", "bad.json", b"{nope")
    assert "not a journal file" in view.status
    assert jr.Journal.open("Sam").entry("exercise.x") == "changed later"
    ui.upload(view, "Upload a journal", "mine.json", exported)
    assert "Imported" in view.status
    assert session_module.session().journal.entry("exercise.x") == "exported"
    assert form.journal.entry("exercise.x") == "exported"


def test_delete_needs_confirmation(opened) -> None:
    opened.journal.set_entry("exercise.x", "mine")
    view = tw.my_data()
    ui.click(view, "Delete my data")
    yes = ui.control(view, "Yes, delete my data")
    assert yes.disabled
    ui.control(view, "I understand this deletes everything").value = True
    assert not yes.disabled
    ui.click(view, "Yes, delete my data")
    assert pr.list_profiles() == []
    assert session_module.session().journal is None
    assert "deleted" in view.status


def test_progress_charts_show_saved_history(opened) -> None:
    for date, value in (("2026-01-01", 2), ("2026-01-08", 4)):
        opened.journal.record_pulse({it.id: value for it in content.pulse_items()}, date=date)
        opened.journal.record_checkin("baseline" if value == 2 else "stage", "uncover",
                                      {it.id: value for it in content.checkin_items("uncover")}, date=date)
    view = tw.progress()
    images = ui.charts(view)
    assert len(images) == 2
    assert "2 trust pulses from 2026-01-01 to 2026-01-08" in view.captions[1]
    from trust_workshop.model.progress import checkin_score

    first, last = (checkin_score("uncover", {it.id: v for it in content.checkin_items("uncover")}, kind)
                   for v, kind in ((2, "baseline"), (4, "stage")))
    assert f"Uncover the impact {last} (baseline {first})" in view.captions[0]


def test_get_help_lists_resources_without_a_profile(data_dir: Path) -> None:
    html = _shown(tw.get_help())
    assert "999" in html and "116 123" in html and "check these numbers" in html


def test_views_render_hostile_text_escaped(opened) -> None:
    name = "<img src=x onerror=alert(1)>"
    session_module.session().open(name)
    panel = tw.profile_bar()
    assert "<img" not in panel.status and "&lt;img" in panel.status


@pytest.mark.parametrize("factory", [lambda: tw.checkin("safety"), tw.pulse, tw.baseline_checkin,
                                     lambda: tw.form("hopes_worries"), lambda: tw.checklist("group_agreements"),
                                     lambda: tw.list_builder("questions_i_still_have"),
                                     lambda: tw.reflection("safety"), lambda: tw.homework("safety"),
                                     tw.progress, tw.my_data, tw.get_help, tw.safety_check,
                                     tw.apology_builder, tw.i_statement, tw.validation_practice,
                                     tw.agreement_builder, tw.promise_log, tw.bank_account, tw.milestones,
                                     tw.final_checkin, tw.pre_post, tw.journey])
def test_every_control_has_a_description(opened, factory) -> None:
    import ipywidgets as w

    def walk(widget):
        yield widget
        for child in getattr(widget, "children", ()):
            yield from walk(child)

    for widget in walk(factory()):
        if isinstance(widget, (w.Button,)):
            assert widget.description or widget.tooltip, widget
        elif isinstance(widget, (w.Checkbox, w.Textarea, w.Text, w.ToggleButtons, w.RadioButtons,
                                 w.Dropdown, w.FileUpload, w.DatePicker)):
            assert widget.description, widget


def test_a_form_for_teams_says_so_in_one_line_elsewhere_and_still_saves(opened) -> None:
    """``contexts: [workplace]``: partners see one kind line and may skip it; a team sees none."""
    view = tw.form("blameless_review")
    note = "This exercise is written for teams at work. If that is not you, you can skip it"
    assert note in _shown(view)
    assert "what_happened" in view.boxes
    view.boxes["what_happened"].value = "The report went out late."
    assert jr.Journal.open("Sam").entry("exercise.blameless_review")["what_happened"] == "The report went out late."
    opened.set_setting("context", "workplace")
    assert "written for" not in _shown(view)
    assert view.boxes["what_happened"].value == "The report went out late."
    # A form without contexts never shows the line, in any context.
    for ctx in content.CONTEXT_KEYS:
        opened.set_setting("context", ctx)
        assert "written for" not in _shown(tw.form("meaning_map"))


def test_the_handout_labels_a_form_written_for_teams(opened) -> None:
    from trust_workshop.views import forms, registry

    sheet = {ws["title"]: ws for ws in registry.worksheet("attune")}
    assert "Blameless review (for teams at work)" in sheet
    assert "How it happened: a map" in sheet and "Our cycle map" in sheet
    assert forms.written_for(["couple", "family", "workplace"]) == "partners, families and teams at work"
    # Every role's boxes print on paper, so a box for some roles only says whose it is.
    labels = [f["label"] for f in sheet["How it happened: a map"]["fields"]]
    assert labels[0].startswith("If you broke trust – Circumstances")
    assert any(lb.startswith("If you were hurt – What is not mine to carry") for lb in labels)
    assert any(lb.startswith("If it is mutual – ") for lb in labels)
    impact = {f["label"] for f in registry.kind("form").worksheet("impact_map")["fields"]}
    assert any(lb.startswith("If you were hurt or it is mutual – The hardest part") for lb in impact)
    assert all(not lb.startswith("If ") for lb in (f["label"] for f in sheet["Our cycle map"]["fields"]))


def test_the_meaning_map_never_asks_the_hurt_person_for_their_share_of_the_cause(opened) -> None:
    """Each role maps the four areas in its own words; the hurt person's are about understanding,
    what they still need to know, and what is not theirs to carry."""
    seen = {}
    for role in content.ROLE_KEYS:
        opened.set_setting("role", role)
        view = tw.form("meaning_map")
        seen[role] = {k: b.description for k, b in view.boxes.items()}
        assert all(k.startswith(f"{role}_") for k in seen[role]), seen[role]
        assert len(seen[role]) == 5
    hurt = " ".join(seen["hurt"].values()).lower()
    assert "not mine to carry" in hurt and "still need to know" in hurt
    import re
    assert not re.search(r"\bmy (choices|part|share|role)\b", hurt), hurt
    assert "my choices" in " ".join(seen["broke"].values()).lower()
    assert "responsibility" in " ".join(seen["broke"].values()).lower()
    assert "my own part only" in " ".join(seen["both"].values()).lower()
    opened.set_setting("role", "hurt")
    view = tw.form("meaning_map")
    view.boxes["hurt_not_mine"].value = "Their choice to lie."
    opened.set_setting("role", "broke")
    tw.form("meaning_map").boxes["broke_choices"].value = "I chose to hide it."
    saved = jr.Journal.open("Sam").entry("exercise.meaning_map")
    assert saved["hurt_not_mine"] == "Their choice to lie." and saved["broke_choices"] == "I chose to hide it."
