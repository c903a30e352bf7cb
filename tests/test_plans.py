"""Session plans: every agenda adds up exactly to its format's length; the weekend covers every stage."""

from __future__ import annotations

import pytest

from trust_workshop import content
from trust_workshop.model import plans


@pytest.mark.parametrize("fmt", plans.FORMATS)
@pytest.mark.parametrize("stage", [s.key for s in content.stages()])
def test_blocks_add_up_exactly(stage: str, fmt: str) -> None:
    blocks = plans.agenda(stage, fmt)
    assert plans.minutes(blocks) == plans.expected_minutes(stage, fmt)


def test_format_lengths_are_the_ones_facilitators_run() -> None:
    assert plans.formats()["weekly"]["minutes"] == 90
    assert 50 <= plans.formats()["single"]["minutes"] <= 60
    schedule = plans.intensive_schedule()
    assert [s.day for s in schedule] == [1, 1, 1, 1, 2, 2, 2, 2], "four blocks a day for two days"
    assert sorted(k for s in schedule for k in s.stages) == sorted(content.stage_keys())
    assert plans.timing_problems() == []


def test_timing_problems_are_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    real = plans.agenda

    def short(stage: str, fmt: str):
        blocks = [dict(b) for b in real(stage, fmt)]
        if stage == "transparency" and fmt == "weekly":
            blocks[0]["minutes"] -= 1
        return blocks

    monkeypatch.setattr(plans, "agenda", short)
    assert plans.timing_problems() == ["transparency weekly: blocks add up to 89 minutes, not 90"]


def test_every_plan_has_what_a_leader_manual_has() -> None:
    for s in content.stages():
        p = plans.plan(s.key)
        for part in ("objectives", "materials", "preparation", "debrief_questions", "safety_notes",
                     "fidelity_checklist"):
            assert p[part], (s.key, part)
        assert set(p["adaptations"]["context"]) == set(content.CONTEXT_KEYS)
        assert set(p["adaptations"]["role"]) == set(content.ROLE_KEYS)
        weekly = plans.agenda(s.key, "weekly")
        assert all(b["script"] and b["facilitator"] and b["participants"] for b in weekly)
    kinds = [b["kind"] for b in plans.agenda("transparency", "weekly")]
    assert "demonstration" in kinds and "group_debrief" in kinds
    assert kinds.index("demonstration") < kinds.index("group_debrief")


def test_start_offsets() -> None:
    assert plans.start_offsets([{"minutes": 10}, {"minutes": 25}, {"minutes": 5}]) == [0, 10, 35]


@pytest.mark.parametrize("fmt", plans.FORMATS)
@pytest.mark.parametrize("stage", [s.key for s in content.stages()])
def test_every_session_still_fits_with_its_core_blocks_only(stage: str, fmt: str) -> None:
    """A session that runs late can drop its optional blocks and still end on time, safely."""
    blocks, length = plans.agenda(stage, fmt), plans.expected_minutes(stage, fmt)
    assert plans.core_minutes(blocks) <= length - plans.spare_minutes(length), "too little to cut"
    core = [b for b in blocks if plans.is_core(b)]
    kinds = {b["kind"] for b in core}
    assert {"check_in", "closing"} <= kinds, "the check-in and the closing always run"
    assert all(plans.is_core(b) for b in blocks if plans.must_be_core(b)), "every safety step is core"
    assert kinds & {"private_practice", "pair_practice"}, "a cut session still does the stage's work"
    assert plans.core_problems() == []


def test_safety_steps_are_found_and_core_problems_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    check = next(b for b in plans.agenda("safety", "weekly") if "safety check" in b["title"])
    assert plans.must_be_core(check) and plans.is_core(check)
    real = plans.agenda

    def cut_safety(stage: str, fmt: str):
        blocks = [dict(b) for b in real(stage, fmt)]
        if stage == "safety" and fmt == "weekly":
            for b in blocks:
                b["core"] = b["core"] and "safety check" not in b["title"]
        return blocks

    monkeypatch.setattr(plans, "agenda", cut_safety)
    assert plans.core_problems() == ["safety weekly: 'The private safety check' is safety-critical and must be core"]


def test_groups_are_counted_in_people_with_named_facilitator_roles() -> None:
    for fmt in plans.FORMATS:
        group = plans.formats()[fmt]["group"]
        assert 1 <= group["min_people"] <= group["max_people"]
    assert plans.formats()["weekly"]["group"]["max_people"] == 16
    assert set(plans.facilitator_roles()) == {"lead", "support", "room", "step_out"}


def test_the_weekend_gives_forgiveness_a_full_block_and_a_break_before_the_celebration() -> None:
    slots = {k: slot for slot in plans.intensive_schedule() for k in slot.stages}
    assert slots["forgiveness"].stages == ("forgiveness",)
    assert slots["recommit"].stages == ("recommit",)
    assert plans.expected_minutes("forgiveness", "intensive") == 90
