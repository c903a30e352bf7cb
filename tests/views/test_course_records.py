"""The course records panel as a facilitator uses it: register, one session's marks and ticks, exports."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

import trust_workshop as tw
from trust_workshop.model import course_records as cr

from .. import ui


def test_a_facilitator_keeps_a_register_and_one_session(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(cr.RECORDS_VARIABLE, str(tmp_path / "records"))
    view = tw.course_records()
    ui.type_into(view, "People on the register", "S.\nA.\n")
    ui.click(view, "Save the register")
    assert "Register saved" in view.status
    ui.choose(view, "Stage", "1 Uncover the impact")
    ui.control(view, "Date").value = dt.date(2026, 12, 9)
    ui.choose(view, "S.", "present")
    ui.choose(view, "A.", "late")
    first = ui.controls(view, "Followed the plan", w.Checkbox)[0]
    first.value = True
    ui.click(view, "Save this session")
    assert "Session saved" in view.status
    saved = cr.load()["sessions"]["2026-12-09 uncover weekly"]
    assert saved["attendance"] == {"S.": "present", "A.": "late"}
    assert sum(t["followed"] for t in saved["fidelity"].values()) == 1
    assert not any(t["well"] for t in saved["fidelity"].values())
    assert "attendance-register.csv" in ui.markup(view) and "fidelity-ticks.csv" in ui.markup(view)

    again = tw.course_records()  # a new day, a restarted kernel: the session comes back when chosen
    ui.choose(again, "Stage", "1 Uncover the impact")
    ui.control(again, "Date").value = dt.date(2026, 12, 9)
    assert ui.control(again, "A.").value == "late"
    assert ui.controls(again, "Followed the plan", w.Checkbox)[0].value is True


def test_the_panel_needs_no_participant_journal_and_reads_none(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(cr.RECORDS_VARIABLE, str(tmp_path / "records"))
    view = tw.course_records()
    assert view.body, "it works with no profile open"
    assert not (tmp_path / "records").exists(), "nothing is written until the facilitator saves"


def test_a_damaged_records_file_is_reported_and_kept(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / cr.FILE_NAME).write_text("{ not json")
    monkeypatch.setenv(cr.RECORDS_VARIABLE, str(folder))
    view = tw.course_records()
    assert "kept aside" in view.status
    assert any(".unreadable-" in p.name for p in folder.iterdir())


def test_headings_are_drawn_as_headings_not_shown_as_tags(tmp_path, monkeypatch) -> None:
    """Escaped markup ('&lt;b&gt;') would show the participant-facing page as code; item text with & stays one &."""
    monkeypatch.setenv(cr.RECORDS_VARIABLE, str(tmp_path / "records"))
    view = tw.course_records()
    ui.type_into(view, "People on the register", "S.")
    ui.click(view, "Save the register")
    ui.click(view, "Save this session")
    page = ui.markup(view)
    assert "&lt;" not in page and "&amp;amp;" not in page
    assert "<b>Fidelity checklist</b>" in page


HOSTILE = ["<script>alert(1)</script>", "=cmd|' /C calc'!A0", "R\u202eevil", "x" * 5000, "a\x00b", "👨‍👩‍👧 Jo"]


def test_hostile_names_and_notes_are_kept_as_text_and_never_run(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv(cr.RECORDS_VARIABLE, str(tmp_path / "records"))
    view = tw.course_records()
    ui.type_into(view, "People on the register", "\n".join(HOSTILE))
    ui.click(view, "Save the register")
    people = cr.load()["people"]
    assert "<script>alert(1)</script>" in people and all(len(p) <= 60 for p in people)
    assert not any("\x00" in p for p in people)
    ui.type_into(view, "A note for yourself", "<img src=x onerror=alert(1)>\nline two")
    ui.click(view, "Save this session")
    note = next(iter(cr.load()["sessions"].values()))["note"]
    assert note == "<img src=x onerror=alert(1)>\nline two"
    page = ui.markup(view)
    assert "<script>" not in page and "<img src=x" not in page
    assert "'=cmd" in cr.attendance_csv(cr.load()), "a formula stays text in the spreadsheet"


def test_the_panel_title_is_an_h2_as_its_page_s_whole_subject(tmp_path, monkeypatch) -> None:
    """Right under the page's "# Course records", so no heading level is skipped (axe: heading-order)."""
    import re

    monkeypatch.setenv(cr.RECORDS_VARIABLE, str(tmp_path / "records"))
    assert re.findall(r"<h([1-6])[\s>]", ui.markup(tw.course_records())) == ["2"]
