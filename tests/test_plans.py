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
