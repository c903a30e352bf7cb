"""Scoring: 1-5 answers to 0-100, reverse keys, and wording that never labels."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trust_workshop import content
from trust_workshop.content import Item
from trust_workshop.model import scoring

ITEMS = (Item("a", "A", False), Item("b", "B", True), Item("c", "C", False))


def test_all_lowest_keyed_answers_score_zero_and_highest_score_100() -> None:
    assert scoring.score(ITEMS, {"a": 1, "b": 5, "c": 1}) == 0
    assert scoring.score(ITEMS, {"a": 5, "b": 1, "c": 5}) == 100
    assert scoring.score(ITEMS, {"a": 3, "b": 3, "c": 3}) == 50


def test_reverse_key_is_applied() -> None:
    forward = scoring.score(ITEMS[:1], {"a": 4})
    reverse = scoring.score(ITEMS[1:2], {"b": 4})
    assert (forward, reverse) == (75, 25)


def test_no_score_until_every_item_is_answered() -> None:
    assert scoring.score(ITEMS, {"a": 5, "b": 1}) is None
    assert scoring.score((), {}) is None
    assert scoring.answered(ITEMS, {"a": 5, "b": 1}) == 2


@pytest.mark.parametrize("bad", [0, 6, 2.5, "3", True, None])
def test_out_of_range_answers_are_refused(bad) -> None:
    with pytest.raises(ValueError):
        scoring.keyed(bad, False)


@given(st.lists(st.booleans(), min_size=1, max_size=8), st.data())
def test_scores_stay_within_0_and_100(reverses, data) -> None:
    items = tuple(Item(f"i{n}", "x", r) for n, r in enumerate(reverses))
    answers = {it.id: data.draw(st.integers(1, 5)) for it in items}
    value = scoring.score(items, answers)
    assert 0 <= value <= 100
    flipped = {it.id: 6 - a for it, a in zip(items, answers.values(), strict=True)}
    assert scoring.score(items, flipped) == 100 - value


def test_readings_frame_scores_as_areas_not_labels() -> None:
    assert scoring.reading(0).phrase == "an area to focus on"
    assert scoring.reading(39).band == "focus"
    assert scoring.reading(40).band == "growing"
    assert scoring.reading(70).band == "steady"
    assert scoring.reading(None) is None
    words = " ".join(r.phrase + r.detail for r in scoring.READINGS).lower() + scoring.SCORE_NOTE.lower()
    for label in ("fail", "poor", "bad", "disorder", "clinical", "abnormal"):
        assert label not in words
    assert "Score 35 of 100: an area to focus on." == scoring.describe(35)
    with pytest.raises(ValueError):
        scoring.reading(101)


def test_a_pulse_saved_before_its_wording_changed_still_scores() -> None:
    """Two faith items were reworded (2026-12); a pulse saved with the old ids keeps its place on the chart."""
    from trust_workshop.model import progress

    items = content.pulse_items()
    renamed = {it.id: it.earlier[0] for it in items if it.earlier}
    assert len(renamed) == 2
    new = {it.id: 4 for it in items}
    old = {renamed.get(k, k): v for k, v in new.items()}
    assert set(old) != set(new)
    assert progress.pulse_point(old).score == progress.pulse_point(new).score is not None
    assert progress.pulse_point(old).dimensions["faith"] == 75
    both = {**old, **{k: 1 for k in renamed}}  # a record with both: the current wording's answer counts
    assert progress.pulse_point(both).dimensions["faith"] == 0


def test_no_scored_statement_treats_staying_together_as_the_goal() -> None:
    """Parting is a real outcome: nothing scored asks whether the relationship should go on."""
    leaning = ("hope", "want to work on", "future of", "stay together", "get through a hard time together")
    for stage in content.stages():
        for role in (None, "broke", "hurt", "both"):
            for it in content.checkin_items(stage.key, role):
                if it.scored and stage.key != "recommit":
                    assert not any(word in it.text.lower() for word in leaning), it.text
    for it in content.pulse_items():
        assert not any(word in it.text.lower() for word in leaning), it.text
