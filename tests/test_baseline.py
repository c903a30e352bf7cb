"""The short baseline (issue 18): the baseline check-in (notebook 00) and the final one (notebook 08)
ask only the statements marked ``baseline: true`` in ``checkins.yaml``, and are compared on those.

Before this, the baseline asked every statement of every stage (53, plus the pulse). A journal
saved then still opens, compares like with like (only the statements both check-ins share are
scored) and keeps every answer it holds. Views of the same journals are in
``tests/views/test_baseline_views.py``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest

from trust_workshop import content
from trust_workshop.content import loader
from trust_workshop.model import boosters as bm
from trust_workshop.model import contents as ct
from trust_workshop.model import evaluation as ev
from trust_workshop.model import journal as jr
from trust_workshop.model import jsonsafe, progress, role_wording
from trust_workshop.model import profiles as pr
from trust_workshop.model import storage as st
from trust_workshop.model import summary as sm

OLD_BASELINE_DAY = "2026-10-05"
# Attune's statements renamed in 2026-12 (``earlier:`` in checkins.yaml): an older journal holds these ids.
OLD_IDS = {"how_it_happened": "understand_why", "blame_moves": "defensive"}
_minutes = itertools.count(1)  # each journal its own creation time, so each is its own person in a group


def short_answers(stage_key: str, keyed: int) -> dict[str, int]:
    """Answers to a stage's baseline statements only, each ``keyed`` (1-5) once reverse keying is applied."""
    return {it.id: 6 - keyed if it.reverse else keyed for it in content.baseline_items(stage_key)}


def old_full_baseline(stage_key: str) -> dict[str, int]:
    """Every statement of a stage answered, as the baseline asked before the change: the baseline
    statements so that they score 25, every other one at the top (so counting them would move the
    score), attune's under the ids they had then."""
    answers = {}
    for it in content.checkin_items(stage_key):
        value = (4 if it.reverse else 2) if it.baseline else (1 if it.reverse else 5)
        answers[OLD_IDS.get(it.id, it.id)] = value
    return answers


def write_old_journal(name: str, role: str | None = "hurt", final: str | None = None) -> jr.Journal:
    """A journal written to disk with the full baseline of an earlier version; ``final="full"`` adds
    the full final check-in of that version too (every statement keyed 4)."""
    data = ct.new_journal(name)
    data["profile"]["created"] = f"2026-09-01T10:{next(_minutes) % 60:02d}:00+00:00"
    data["settings"] = {"context": "couple", "role": role}
    for s in content.stages():
        data["checkins"].append({"kind": "baseline", "stage": s.key, "date": OLD_BASELINE_DAY,
                                 "updated": f"{OLD_BASELINE_DAY}T10:00:00+00:00", "answers": old_full_baseline(s.key)})
        if final == "full":
            answers = {OLD_IDS.get(it.id, it.id): 2 if it.reverse else 4 for it in content.checkin_items(s.key)}
            data["checkins"].append({"kind": "final", "stage": s.key, "date": "2026-11-30",
                                     "updated": "2026-11-30T10:00:00+00:00", "answers": answers})
    st.atomic_write(pr.journal_path(name), jsonsafe.dumps(data))
    return jr.Journal.open(name)


# --- which statements -------------------------------------------------------------------------------


@pytest.mark.parametrize("key", content.stage_keys())
def test_the_baseline_asks_two_scored_statements_a_stage_one_each_way_and_every_warning_sign(key: str) -> None:
    short = content.baseline_items(key)
    scored = [it for it in short if it.scored]
    assert len(scored) == 2 and sorted(it.reverse for it in scored) == [False, True]
    assert [it.id for it in short] == [it.id for it in content.checkin_items(key) if it.baseline]
    # A warning sign (fear, no real choice) is never scored, but it is always asked: the baseline is
    # the only check-in of the first stage, so leaving one out would never ask it in that session.
    assert {it.id for it in content.checkin_items(key) if it.warning} <= {it.id for it in short}


def test_the_baseline_is_worded_for_the_role_and_context_like_any_check_in() -> None:
    hurt, broke = content.baseline_items("apologise", "hurt"), content.baseline_items("apologise", "broke")
    assert [it.id for it in hurt] == [it.id for it in broke] and [it.text for it in hurt] != [it.text for it in broke]
    by_id = {it.id: it.text for it in content.checkin_items("apologise", "broke", "workplace")}
    assert all(by_id[it.id] == it.text for it in content.baseline_items("apologise", "broke", "workplace"))


def test_a_stage_with_statements_every_role_reads_alike_keeps_one_in_its_baseline() -> None:
    """The group's whole-group column is made from those statements; without one the stage would lose it."""
    for key in content.stage_keys():
        assert bool(role_wording.shared_items(key, short=True)) == bool(role_wording.shared_items(key)), key
        assert set(role_wording.shared_items(key, short=True)) <= set(content.baseline_items(key))


def test_the_baseline_is_twenty_two_statements_instead_of_fifty_three_and_fits_in_about_five_minutes() -> None:
    short = sum(len(content.baseline_items(key)) for key in content.stage_keys())
    full = sum(len(content.checkin_items(key)) for key in content.stage_keys())
    assert (short, full) == (22, 53)
    # "About five minutes" (notebook 00 and the check-in's intro): at roughly ten seconds a statement,
    # plus the pulse and a few clicks to turn the pages, this holds up to about thirty statements.
    assert short + len(content.pulse_items()) <= 30
    assert "Twenty-two statements" in content.panel("baseline_checkin")["intro"]
    assert "about five minutes" in content.panel("baseline_checkin")["intro"]
    assert "The same twenty-two statements as your baseline" in content.panel("final_checkin")["intro"]


def test_what_notebook_00_says_about_the_baseline_is_true() -> None:
    from pathlib import Path

    notebook = json.loads((Path(__file__).parents[1] / "workshop" / "00-welcome-and-safety.ipynb").read_text("utf-8"))
    text = " ".join("".join(c["source"]) for c in notebook["cells"] if c["cell_type"] == "markdown")
    assert "about twenty statements, mostly two for each stage, and it takes about five minutes" in text
    per_stage = [len(content.baseline_items(key)) for key in content.stage_keys()]
    assert abs(sum(per_stage) - 20) <= 2 and per_stage.count(2) > len(per_stage) / 2


def test_the_content_check_refuses_a_baseline_that_leans_one_way_or_leaves_out_a_warning_sign(
        monkeypatch: pytest.MonkeyPatch) -> None:
    real = loader.raw

    def with_stages(change):
        data = json.loads(json.dumps(real("checkins")))
        change(data["stages"])
        monkeypatch.setattr(loader, "raw", lambda name: data if name == "checkins" else real(name))

    def no_reverse(stages):
        for it in stages["recommit"]:
            it["baseline"] = not it["reverse"]

    with_stages(no_reverse)
    with pytest.raises(content.ContentError, match="recommit: its baseline statements need a scored reverse-keyed"):
        loader.validate_all()

    def warning_left_out(stages):
        next(it for it in stages["boundaries"] if it["id"] == "can_say_no")["baseline"] = False

    with_stages(warning_left_out)
    with pytest.raises(content.ContentError, match="boundaries: the warning sign can_say_no is not in the baseline"):
        loader.validate_all()


# --- how they are scored ----------------------------------------------------------------------------


def test_baseline_and_final_are_scored_on_the_baseline_statements_and_other_check_ins_on_all() -> None:
    answers = {**{it.id: 1 if it.reverse else 5 for it in content.checkin_items("uncover")},
               **short_answers("uncover", 1)}
    assert progress.checkin_score("uncover", answers, "baseline") == 0 == progress.checkin_score(
        "uncover", answers, "final")
    assert progress.checkin_score("uncover", answers) > 50 and progress.checkin_score("uncover", answers, "stage") > 50
    # The short answers alone make a whole baseline or final check-in, but not a stage check-in.
    assert progress.checkin_score("uncover", short_answers("uncover", 5), "final") == 100
    assert progress.checkin_score("uncover", short_answers("uncover", 5), "stage") is None
    records = [{"kind": kind, "stage": "uncover", "answers": answers, "date": day, "updated": day}
               for kind, day in (("baseline", "2026-10-01"), ("stage", "2026-10-08"))]
    assert progress.stage_scores(records, ("baseline",)) == {"uncover": 0}
    assert progress.stage_scores(records) == {"uncover": progress.checkin_score("uncover", answers)}
    assert progress.stage_scores(records, ("stage",), short=True) == {"uncover": 0}
    assert [kind for _, kind, _ in progress.checkin_history(records, "uncover")] == ["baseline", "stage"]


def test_a_journal_saved_with_the_full_baseline_compares_like_with_like_and_keeps_every_answer(data_dir) -> None:
    j = write_old_journal("Ana")
    ct.validate(json.loads(j.path.read_text("utf-8")))
    # The final check-in of this version asks only the baseline statements.
    for key in content.stage_keys():
        j.record_checkin("final", key, short_answers(key, 4), date="2026-11-30")
    again = jr.Journal.open("Ana")
    ct.validate(json.loads(again.path.read_text("utf-8")))
    changes = progress.pre_post(again.checkins())
    assert [(c.baseline, c.final, c.change) for c in changes] == [(25, 75, 50)] * 9
    assert progress.pre_post_reading(changes).startswith("9 of 9 stages have both a baseline and a final answer.")
    # Attune's baseline statement blame_moves is read from the answer saved under its earlier id.
    assert "defensive" in again.checkins("baseline", "attune")[0]["answers"]
    assert progress.checkin_history(again.checkins(), "attune") == [(OLD_BASELINE_DAY, "baseline", 25),
                                                                    ("2026-11-30", "final", 75)]
    # Nothing of the earlier answers is dropped or rewritten.
    for s in content.stages():
        assert again.checkins("baseline", s.key)[0]["answers"] == old_full_baseline(s.key)


def test_a_journal_with_the_full_baseline_and_full_final_of_the_earlier_version_compares_the_same_statements(
        data_dir) -> None:
    j = write_old_journal("Tom", final="full")
    assert [(c.baseline, c.final) for c in progress.pre_post(j.checkins())] == [(25, 75)] * 9


def test_summaries_and_the_evaluation_of_older_journals_use_the_shared_baseline_statements(data_dir) -> None:
    summaries = []
    for name in ("Ana", "Priya", "Jordan"):
        j = write_old_journal(name)
        for key in content.stage_keys():
            j.record_checkin("final", key, short_answers(key, 4), date="2026-11-30")
        s = sm.build(j, name, today=dt.date(2026, 12, 1))
        assert sm.parse(sm.encode(s)) == s
        assert s["baseline"]["stages"] == dict.fromkeys(content.stage_keys(), 25)
        assert s["final"]["stages"] == dict.fromkeys(content.stage_keys(), 75)
        shared = [key for key in content.stage_keys() if role_wording.shared_items(key, short=True)]
        assert s["baseline"]["shared"] == dict.fromkeys(shared, 25)
        assert s["final"]["shared"] == dict.fromkeys(shared, 75)
        summaries.append(s)
    e = ev.evaluate(summaries)
    assert e.completed == 3
    by_key = {c.key: c for c in e.stages}
    assert by_key["recommit"].mean == 50 and by_key["uncover"].mean == 50
    assert by_key["apologise"].note == ev.NO_SHARED and by_key["attune"].note == ev.NO_SHARED
    (hurt,) = e.roles
    assert [c.mean for c in hurt.changes if c.key != "pulse"] == [50] * 9


def test_the_report_of_an_older_journal_draws_then_and_now(data_dir) -> None:
    from trust_workshop.outputs import pdf

    j = write_old_journal("Ana")
    for key in content.stage_keys():
        j.record_checkin("final", key, short_answers(key, 4), date="2026-11-30")
    data, files = pdf.report_data(j, today=dt.date(2026, 12, 1))
    assert "prepost.png" in files and "stages.png" in files
    assert data["reading"].startswith("9 of 9 stages have both a baseline and a final answer.")


def test_boosters_compare_the_final_check_in_with_the_same_statements(data_dir) -> None:
    end = dt.date.today() - dt.timedelta(days=40)
    j = jr.Journal.open("Jordan")
    for key in content.stage_keys():
        j.record_checkin("baseline", key, short_answers(key, 2), date=(end - dt.timedelta(weeks=8)).isoformat())
        j.record_checkin("final", key, short_answers(key, 4), date=end.isoformat())
    for key in bm.STAGES:  # a booster check-in asks every statement of its stage
        answers = {**{it.id: 1 if it.reverse else 5 for it in content.checkin_items(key)}, **short_answers(key, 2)}
        j.record_checkin("booster", key, answers, date=dt.date.today().isoformat())
    rows = {r.name: r for r in bm.compared(j)}
    for key in bm.STAGES:
        row = rows[content.stage(key).title]
        assert (row.at_end, row.now, row.change) == (75, 25, -50)
