"""Group summaries: the shared format, what it never contains, aggregation, small groups, bad files."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from trust_workshop import content
from trust_workshop.content import safety as safety_content
from trust_workshop.model import journal as jr
from trust_workshop.model import summary as sm
from trust_workshop.model import transfer as tf


def _journal(name: str = "Sam", score_value: int = 4) -> jr.Journal:
    j = jr.Journal.open(name)
    for date in ("2026-10-05", "2026-10-12", "2026-10-19"):
        j.record_pulse({it.id: score_value for it in content.pulse_items()}, date=date)
    j.record_checkin("stage", "uncover", {it.id: score_value for it in content.checkin_items("uncover")},
                     date="2026-10-12")
    j.set_entry("reflection.uncover", {"x": "A PRIVATE SENTENCE"})
    j.set_entry("homework.uncover", {"plan": "ALSO PRIVATE", "idea": None, "done": True})
    j.set_entry("homework.safety", {"plan": "planned", "idea": None, "done": False})
    j.set_entry("exercise.impact_map", {"what_happened": "SECRET"})
    return j


def test_a_summary_holds_numbers_and_dates_only() -> None:
    j = _journal()
    s = sm.build(j, "  Blue   Heron ", today=dt.date(2026, 11, 1))
    assert s["pseudonym"] == "Blue Heron"
    assert set(s) == {"format", "version", "pseudonym", "created", "stage_scores", "pulse", "homework", "attendance",
                      "participant", "role", "course", "baseline", "final"}
    assert s["homework"] == {"done": 1, "set": 2}
    assert s["attendance"] == ["2026-10-05", "2026-10-12", "2026-10-19"]
    assert [p["date"] for p in s["pulse"]] == ["2026-10-05", "2026-10-12", "2026-10-19"]
    text = sm.encode(s).decode()
    for private in ("PRIVATE", "SECRET", "Sam", "planned", "impact_map", "reflection"):
        assert private not in text
    for q in safety_content.questions():
        assert f'"{q.id}"' not in text
    assert sm.parse(sm.encode(s)) == s
    assert sm.filename(s) == "group-summary-blue-heron-2026-11-01.json"


@pytest.mark.parametrize("bad", ["", "   ", "\x00", "x" * 41])
def test_pseudonyms_are_checked(bad: str) -> None:
    with pytest.raises(sm.SummaryProblem):
        sm.clean_pseudonym(bad)


def _summary(name: str, score: int, created: str = "2026-11-01", weeks: tuple[str, ...] = ("2026-10-05",)) -> dict:
    return {"format": sm.FORMAT, "version": 1, "pseudonym": name, "created": created,
            "stage_scores": {"uncover": score, "safety": score}, "pulse": [{"date": w, "score": score} for w in weeks],
            "homework": {"done": 1, "set": 2}, "attendance": list(weeks)}


def test_small_groups_show_no_averages() -> None:
    for n in (1, 2):
        view = sm.group([_summary(f"p{i}", 50) for i in range(n)])
        assert view.stage_averages is None and view.pulse_by_week is None
        assert "from 3 people upwards" in view.note
    view = sm.group([_summary(f"p{i}", 10 * i) for i in range(3)])
    assert view.stage_averages == {"safety": 10.0, "uncover": 10.0}
    assert view.pulse_by_week == [("2026-10-05", 10.0, 3)]


def test_a_stage_or_week_answered_by_fewer_than_three_is_not_averaged() -> None:
    people = [_summary(f"p{i}", 60) for i in range(4)]
    people[0]["stage_scores"]["attune"] = 90
    people[1]["stage_scores"]["attune"] = 30
    people[0]["pulse"].append({"date": "2026-10-12", "score": 99})
    view = sm.group(people)
    assert "attune" not in view.stage_averages and view.stage_counts["attune"] == 2
    assert [w for w, _, _ in view.pulse_by_week] == ["2026-10-05"]


def test_homework_attendance_and_who_has_not_shared() -> None:
    view = sm.group([_summary("Ana", 50), _summary("tom", 60)], roster=["Ana", "Tom", " Priya ", "Priya", ""])
    assert view.homework_done == 2 and view.homework_set == 4
    assert view.attendance == {"Ana": 1, "tom": 1}
    assert view.missing == ["Priya"]


def test_bad_foreign_and_duplicate_files_are_listed_and_the_rest_load() -> None:
    good = [(f"p{i}.json", sm.encode(_summary(f"p{i}", 50 + i))) for i in range(10)]
    journal_export = tf.export_bytes(jr.Journal.open("Whole"))
    bad = [
        ("broken.json", b'{"format": "trust-workshop-group-summary", "vers'),
        ("empty.json", b""),
        ("binary.json", bytes(range(256))),
        ("zip.json", b"PK\x03\x04rest"),
        ("foreign.json", json.dumps({"hello": "world"}).encode()),
        ("journal.json", journal_export),
        ("huge.json", b" " * (sm.MAX_SUMMARY_BYTES + 1)),
        ("deep.json", b"[" * 50_000 + b"]" * 50_000),
        ("future.json", sm.encode({**_summary("f", 1), "version": sm.VERSION + 1})),
        ("wrong-types.json", sm.encode({**_summary("w", 1), "stage_scores": {"uncover": "high"}})),
        ("hostile.json", sm.encode({**_summary("<script>alert(1)</script>", 1), "stage_scores": {"uncover": 101}})),
        ("copy.json", good[0][1]),
        ("older-p1.json", sm.encode(_summary("P1", 10, created="2026-01-01"))),
    ]
    loaded = sm.load_many(good + bad)
    assert len(loaded.summaries) == 10
    reasons = dict(loaded.problems)
    assert set(reasons) == {name for name, _ in bad}
    assert "whole journal" in reasons["journal.json"] and "exact copy of p0.json" in reasons["copy.json"]
    assert "newer summary from p1" in reasons["older-p1.json"]
    assert "newer version" in reasons["future.json"] and "zip" in reasons["zip.json"]
    assert all(len(r) > 10 for r in reasons.values())


def test_a_thousand_files_load() -> None:
    files = [(f"p{i}.json", sm.encode({**_summary(f"person {i}", i % 101), "homework": {"done": i // 101, "set": 9}}))
             for i in range(1000)]  # every file holds different numbers, so none is taken for a copy
    loaded = sm.load_many(files)
    assert len(loaded.summaries) == 1000 and loaded.problems == []
    view = sm.group(loaded.summaries)
    assert view.size == 1000 and view.stage_averages["uncover"] == pytest.approx(
        sum(i % 101 for i in range(1000)) / 1000, abs=0.05)


def test_the_summary_schema_file_agrees_with_the_code() -> None:
    """The schema lives in summary.schema.json; the limits the code states must be the ones it enforces."""
    schema = sm.schema()
    props = schema["properties"]
    assert props["format"]["const"] == sm.FORMAT and props["version"]["enum"] == list(sm.VERSIONS)
    assert max(sm.VERSIONS) == sm.VERSION
    assert props["pseudonym"]["maxLength"] == sm.MAX_PSEUDONYM
    assert props["homework"]["properties"]["done"]["maximum"] == sm.MAX_HOMEWORK
    assert props["homework"]["properties"]["set"]["maximum"] == sm.MAX_HOMEWORK
