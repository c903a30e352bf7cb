"""The session-plan viewer and its timer mark which blocks can be cut when a session runs late."""

from __future__ import annotations

import trust_workshop as tw
from trust_workshop.model import plans


def test_every_agenda_row_says_core_or_optional_in_words() -> None:
    view = tw.session_plan("transparency", "weekly")
    agenda = view._agenda.value
    blocks = plans.agenda("transparency", "weekly")
    optional = [b for b in blocks if not plans.is_core(b)]
    assert optional, "the plan has blocks to cut"
    # Words, not colour alone: each row carries its label, and the scissors sign is hidden from screen readers.
    assert agenda.count(plans.OPTIONAL_LABEL) == len(optional)
    assert agenda.count(f">{plans.CORE_LABEL}<") == len(blocks) - len(optional)
    assert "aria-hidden='true'>✂" in agenda
    assert f"{plans.core_minutes(blocks)} minutes with core blocks only" in agenda


def test_the_timer_says_what_can_still_be_cut() -> None:
    view = tw.session_plan("transparency", "weekly")
    blocks = plans.agenda("transparency", "weekly")
    ahead = plans.can_cut(blocks, 0)
    assert "Running late?" in view._clock.value
    assert all(b["title"] in view._clock.value for b in ahead)
    assert plans.CORE_LABEL in view._clock.value  # the first block is the welcome, always core
    last = len(blocks) - 1
    for _ in range(last):
        view._go(+1)
    assert "No optional blocks are left" in view._clock.value


def test_the_plan_shows_group_size_in_people_and_the_staffing() -> None:
    view = tw.session_plan("safety", "intensive")
    text = view._overview.value
    group = plans.formats()["intensive"]["group"]
    assert f"{group['min_people']} to {group['max_people']} people" in text
    for role in plans.facilitator_roles().values():
        assert role["name"] in text
