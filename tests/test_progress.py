"""Progress across sessions: latest stage scores, baseline, pulse series."""

from __future__ import annotations

from trust_workshop import content
from trust_workshop.model import progress


def _answers(stage_key: str, value: int) -> dict[str, int]:
    return {it.id: value for it in content.checkin_items(stage_key)}


def _keyed_high(stage_key: str) -> dict[str, int]:
    """Answers that score 100 on a stage."""
    return {it.id: 1 if it.reverse else 5 for it in content.checkin_items(stage_key)}


def _checkin(kind, stage, answers, date, updated="t"):
    return {"kind": kind, "stage": stage, "answers": answers, "date": date, "updated": date + updated}


def test_stage_scores_take_the_latest_complete_checkin() -> None:
    records = [
        _checkin("baseline", "uncover", _answers("uncover", 3), "2026-01-01"),
        _checkin("stage", "uncover", _keyed_high("uncover"), "2026-01-08"),
        _checkin("stage", "uncover", {"incomplete": 1}, "2026-01-15"),
    ]
    assert progress.stage_scores(records) == {"uncover": 100}
    assert progress.stage_scores(records, ("baseline",)) == {"uncover": 50}


def test_stage_scores_follow_stage_order_and_skip_unknown_stages() -> None:
    records = [_checkin("stage", key, _answers(key, 3), "2026-01-01") for key in reversed(content.stage_keys())]
    records.append(_checkin("stage", "retired_stage", {"x": 1}, "2026-01-01"))
    assert list(progress.stage_scores(records)) == list(content.stage_keys())


def test_pulse_series_orders_by_date_and_scores_dimensions() -> None:
    items = content.pulse_items()
    high = {it.id: 1 if it.reverse else 5 for it in items}
    low = {it.id: 5 if it.reverse else 1 for it in items}
    series = progress.pulse_series([
        {"date": "2026-01-08", "answers": high},
        {"date": "2026-01-01", "answers": low},
        {"date": "2026-01-04", "answers": {items[0].id: 3}},
    ])
    assert [p.date for p in series] == ["2026-01-01", "2026-01-08"]
    assert [p.score for p in series] == [0, 100]
    assert series[1].dimensions == {"predictability": 100, "dependability": 100, "faith": 100}


def test_history_and_session_count() -> None:
    records = [_checkin("stage", "uncover", _answers("uncover", v), f"2026-01-0{v}") for v in (1, 2, 3)]
    history = progress.checkin_history(records, "uncover")
    assert [d for d, _, _ in history] == ["2026-01-01", "2026-01-02", "2026-01-03"]
    assert progress.sessions_count(records, [{"date": "2026-01-09", "answers": {}}]) == 4


def test_kept_rate_by_week_leaves_out_promises_not_yet_due() -> None:
    promises = [
        {"date": "2026-11-02", "kept": "yes"}, {"date": "2026-11-04", "kept": "no"},
        {"date": "2026-11-08", "kept": "yes"},                       # Sunday: same week
        {"date": "2026-11-10", "kept": "yes"}, {"date": "2026-11-11", "kept": "not yet"},
    ]
    rates = progress.kept_rates(promises)
    assert [(r.week, r.made, r.kept) for r in rates] == [("2026-11-02", 3, 2), ("2026-11-09", 1, 1)]
    assert rates[0].rate == 2 / 3 and rates[1].rate == 1.0
    assert progress.kept_rates([]) == [] and progress.kept_rates([{"date": "2026-11-11", "kept": "not yet"}]) == []


def test_tally_counts_deposits_and_withdrawals_per_week() -> None:
    entries = [{"date": "2026-11-02", "kind": "deposit"}, {"date": "2026-11-03", "kind": "withdrawal"},
               {"date": "2026-11-03", "kind": "deposit"}, {"date": "2026-11-12", "kind": "deposit"}]
    assert progress.tally(entries) == [("2026-11-02", 2, 1), ("2026-11-09", 1, 0)]


def test_pre_post_compares_baseline_with_final_per_stage() -> None:
    low = {key: _answers(key, 3) for key in content.stage_keys()}
    records = [_checkin("baseline", key, low[key], "2026-10-01") for key in content.stage_keys()]
    records.append(_checkin("final", "uncover", _keyed_high("uncover"), "2026-12-01"))
    lowest = {it.id: 5 if it.reverse else 1 for it in content.checkin_items("safety")}
    records.append(_checkin("final", "safety", lowest, "2026-12-01"))
    changes = {c.stage: c for c in progress.pre_post(records)}
    base_uncover = progress.checkin_score("uncover", low["uncover"])
    assert changes["uncover"].baseline == base_uncover and changes["uncover"].final == 100
    assert changes["uncover"].change == 100 - base_uncover
    assert changes["safety"].final == 0
    assert changes["attune"].final is None and changes["attune"].change is None
    reading = progress.pre_post_reading(list(changes.values()))
    assert reading.startswith("2 of 9 stages")
    assert "moved up by 10 points or more for: Uncover the impact" in reading
    assert "moved down by 10 points or more for: Safety, readiness and baseline" in reading
    assert "nothing to compare" in progress.pre_post_reading(progress.pre_post([]))
