"""The facilitator's own register and fidelity ticks: kept apart, saved safely, exported as tables."""

from __future__ import annotations

import csv
import io
import json

import pytest

from trust_workshop.model import course_records as cr
from trust_workshop.model import storage as st


@pytest.fixture
def records(tmp_path, monkeypatch):
    folder = tmp_path / "facilitator-records"
    monkeypatch.setenv(cr.RECORDS_VARIABLE, str(folder))
    return folder


def test_records_live_apart_from_participants_journals(records, data_dir) -> None:
    assert cr.records_path().parent == records
    assert records != st.data_dir() and st.data_dir() not in records.parents


def test_a_session_is_recorded_and_read_back(records) -> None:
    cr.set_people(["Sam", "  Alex  ", "sam", "Jo"])
    items = cr.fidelity_items("uncover")
    assert len(items) >= 3
    s = cr.session("uncover", "weekly", "2026-12-02")
    cr.record_session(s, {"Sam": "present", "Alex": "late"}, {items[0]: {"followed": True, "well": False}},
                      note="Ran five minutes over.")
    data = cr.load()
    assert data["people"] == ["Sam", "Alex", "Jo"]
    saved = data["sessions"][s.key]
    assert saved["attendance"] == {"Sam": "present", "Alex": "late"}
    assert saved["fidelity"] == {items[0]: {"followed": True, "well": False}}
    assert saved["note"] == "Ran five minutes over."


def test_followed_and_done_well_stay_apart_in_the_export(records) -> None:
    cr.set_people(["Sam"])
    items = cr.fidelity_items("safety")
    s = cr.session("safety", "single", "2026-11-25")
    cr.record_session(s, {"Sam": "present"}, {items[0]: {"followed": True, "well": False},
                                              items[1]: {"followed": False, "well": False}})
    rows = list(csv.reader(io.StringIO(cr.fidelity_csv(cr.load()))))
    assert rows[0][4:6] == ["Followed the plan", "Done well"]
    by_item = {r[3]: r[4:6] for r in rows[1:]}
    assert by_item[items[0]] == ["yes", "no"] and by_item[items[1]] == ["no", "no"]
    assert len(rows) == 1 + len(items), "every checklist item has a row, ticked or not"


def test_the_register_is_a_table_of_people_by_session(records) -> None:
    cr.set_people(["Sam", "Alex"])
    cr.record_session(cr.session("uncover", "weekly", "2026-12-09"), {"Sam": "absent"}, {})
    cr.record_session(cr.session("safety", "weekly", "2026-12-02"), {"Sam": "present", "Alex": "present"}, {})
    rows = list(csv.reader(io.StringIO(cr.attendance_csv(cr.load()))))
    assert rows[0] == ["Person", "2026-12-02 safety weekly", "2026-12-09 uncover weekly"]
    assert rows[1] == ["Sam", "present", "absent"] and rows[2] == ["Alex", "present", ""]


def test_a_name_that_looks_like_a_formula_stays_text_in_a_spreadsheet(records) -> None:
    cr.set_people(["=HYPERLINK(\"http://x\")", "+1"])
    text = cr.attendance_csv(cr.load())
    assert "'=HYPERLINK" in text and "'+1" in text


@pytest.mark.parametrize("bad", [
    lambda: cr.session("uncover", "weekly", "next tuesday"),
    lambda: cr.session("no-such-stage", "weekly", "2026-12-02"),
    lambda: cr.session("uncover", "fortnightly", "2026-12-02"),
])
def test_a_session_that_does_not_exist_is_refused_kindly(records, bad) -> None:
    with pytest.raises(cr.RecordsProblem):
        bad()


def test_marking_someone_not_on_the_register_is_refused_and_nothing_changes(records) -> None:
    cr.set_people(["Sam"])
    before = cr.records_path().read_bytes()
    with pytest.raises(cr.RecordsProblem, match="register"):
        cr.record_session(cr.session("uncover", "weekly", "2026-12-02"), {"Stranger": "present"}, {})
    with pytest.raises(cr.RecordsProblem, match="Attendance"):
        cr.record_session(cr.session("uncover", "weekly", "2026-12-02"), {"Sam": "asleep"}, {})
    assert cr.records_path().read_bytes() == before


@pytest.mark.parametrize("raw", [b"", b"\xff\xfe not json", b"[1, 2]", json.dumps({"format": "other"}).encode(),
                                 b"{" * 5000])
def test_a_damaged_records_file_is_kept_aside_and_a_new_register_starts(records, raw) -> None:
    records.mkdir(parents=True)
    cr.records_path().write_bytes(raw)
    with pytest.raises(cr.RecordsProblem, match="kept aside"):
        cr.load()
    kept = [p for p in records.iterdir() if ".unreadable-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == raw
    assert cr.load() == cr.empty()


def test_odd_values_in_a_hand_edited_file_are_dropped_not_trusted(records) -> None:
    records.mkdir(parents=True)
    cr.records_path().write_text(json.dumps({"format": cr.FORMAT, "version": 1, "people": ["Sam", 3, None],
                                             "sessions": {"x": {"attendance": {"Sam": "flying"},
                                                                "fidelity": {"a": "yes"}, "note": 5}}}))
    data = cr.load()
    assert data["people"] == ["Sam"]
    assert data["sessions"]["x"]["attendance"] == {} and data["sessions"]["x"]["fidelity"] == {}
