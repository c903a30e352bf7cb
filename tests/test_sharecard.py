"""Share cards and the comparison model: a card carries only what its owner chose, and two
cards are compared item by item only when both people agree."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trust_workshop import content
from trust_workshop.model import compare as cm
from trust_workshop.model import contents as ct
from trust_workshop.model import sharecard as sc

WARNING_IDS = {it.id for _, it in content.warning_items()}
STAGE_KEYS = content.stage_keys()
EXERCISE_KEYS = sorted(k for k in content.raw("exercises") if isinstance(content.raw("exercises")[k], dict))[:12]


def _journal(role: str | None = "both", context: str | None = "couple") -> ct.Contents:
    data = ct.new_journal("Robin")
    data["settings"].update(role=role, context=context)
    return ct.Contents(data)


def _checkin(journal: ct.Contents, stage: str, value: int, date: str = "2026-11-02", kind: str = "stage") -> None:
    answers = {it.id: value for it in content.checkin_items(stage)}
    journal.data["checkins"].append({"kind": kind, "stage": stage, "date": date, "updated": date + "T10:00:00",
                                     "answers": answers})


def _card(name: str, role: str, stage_values: dict[str, int], pulse: int | None = None) -> dict:
    j = _journal(role)
    j.data["profile"]["name"] = name
    for stage, value in stage_values.items():
        _checkin(j, stage, value)
    if pulse is not None:
        j.data["pulses"].append({"date": "2026-11-02", "updated": "x", "answers": {
            it.id: pulse for it in content.pulse_items()}})
    return sc.build(j, consent=True)


# --- what a card holds -------------------------------------------------------------------


entry_values = st.one_of(st.text(max_size=30), st.lists(st.text(max_size=10), max_size=3),
                         st.dictionaries(st.sampled_from(["what_happened", "feelings", "note"]), st.text(max_size=20),
                                         max_size=3))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries=st.dictionaries(st.sampled_from(EXERCISE_KEYS), entry_values, max_size=8),
       ticked=st.sets(st.sampled_from(EXERCISE_KEYS)),
       answers=st.lists(st.tuples(st.sampled_from(STAGE_KEYS), st.integers(1, 5)), max_size=6),
       with_checkins=st.booleans(), with_pulse=st.booleans())
def test_a_card_never_carries_unticked_writing_warning_signs_or_anything_but_its_parts(
        entries, ticked, answers, with_checkins, with_pulse) -> None:
    j = _journal()
    for i, (key, value) in enumerate(entries.items()):
        marker = f"UNTICKED-MARKER-{i}"
        if key not in ticked:  # every unticked entry carries a marker that must never reach the card
            value = {"what_happened": marker} if not isinstance(value, dict) else {**value, "note": marker}
        j.data["entries"][f"exercise.{key}"] = {"value": value, "updated": "2026-11-02T10:00:00"}
    for stage, value in answers:
        _checkin(j, stage, value)
    pulse = {it.id: 2 for it in content.pulse_items()}
    j.data["pulses"].append({"date": "2026-11-02", "updated": "x", "answers": pulse})
    card = sc.build(j, consent=True, checkins=with_checkins, pulse=with_pulse,
                    writing_keys=[f"exercise.{k}" for k in ticked])
    raw = sc.encode(card).decode()
    assert "UNTICKED-MARKER" not in raw
    assert set(card) == set(sc.schema()["required"])
    for record in card["checkins"].values():
        assert not set(record["answers"]) & WARNING_IDS, "warning signs (fear, no real choice) stay private"
    assert (card["checkins"] == {}) if not with_checkins else True
    assert (card["pulse"] is None) if not with_pulse else card["pulse"] is not None
    assert len(card["writing"]) <= len(ticked)
    assert sc.read(sc.encode(card)) == card, "what is made can be read back as it is"


def test_no_card_without_its_owners_consent() -> None:
    with pytest.raises(sc.CardProblem, match="tick that you agree"):
        sc.build(_journal(), consent=False)


def test_the_newest_answer_to_each_statement_is_used_from_any_kind_of_check_in() -> None:
    j = _journal()
    _checkin(j, "uncover", 2, "2026-10-01", kind="baseline")
    _checkin(j, "uncover", 4, "2026-11-01")
    card = sc.build(j, consent=True)
    assert set(card["checkins"]["uncover"]["answers"].values()) == {4}
    assert card["checkins"]["uncover"]["date"] == "2026-11-01"


def test_a_safety_check_or_any_other_part_cannot_ride_along_on_a_card() -> None:
    card = _card("Alex", "broke", {"uncover": 3})
    for extra in ({"safety_check": ["fear"]}, {"profile": {"name": "Alex"}}, {"passphrase": "x"}):
        with pytest.raises(sc.CardProblem, match="damaged or was changed by hand"):
            sc.read(json.dumps({**card, **extra}).encode())


def test_warning_signs_a_hand_made_card_carries_are_never_read() -> None:
    card = _card("Alex", "broke", {"safety": 3})
    card["checkins"]["safety"]["answers"]["here_by_choice"] = 5
    card["checkins"]["safety"]["answers"]["unknown_future_item"] = 2
    read = sc.read(json.dumps(card).encode())
    assert "here_by_choice" not in read["checkins"]["safety"]["answers"]
    assert "unknown_future_item" not in read["checkins"]["safety"]["answers"]


# --- the comparison ----------------------------------------------------------------------


def test_items_are_matched_by_id_and_each_keeps_its_own_wording() -> None:
    a = _card("Sam", "hurt", {"uncover": 5}, pulse=3)
    b = _card("Alex", "broke", {"uncover": 1}, pulse=4)
    result = cm.compare(a, b, first_agrees=True, second_agrees=True)
    row = next(r for r in result.rows if r.item_id == "can_describe")
    assert row.words[0] == next(i.text for i in content.checkin_items("uncover", "hurt", "couple")
                                if i.id == "can_describe")
    assert row.words[1] == next(i.text for i in content.checkin_items("uncover", "broke", "couple")
                                if i.id == "can_describe")
    assert row.answers == (5, 1) and not row.alike
    assert all(r.alike for r in result.rows if r.group == "pulse"), "one step apart counts as alike"
    assert len(result.talk_about) == 3 and len({s.text for s in result.talk_about}) == 3, "three different starters"
    assert [s.row.gap for s in result.talk_about] == sorted((s.row.gap for s in result.talk_about), reverse=True)


@pytest.mark.parametrize("first, second", [(False, True), (True, False), (False, False)])
def test_refused_without_both_consents(first: bool, second: bool) -> None:
    a, b = _card("Sam", "hurt", {"uncover": 5}), _card("Alex", "broke", {"uncover": 1})
    with pytest.raises(cm.ConsentMissing, match="Both people need to agree"):
        cm.compare(a, b, first_agrees=first, second_agrees=second)


def test_a_card_without_its_owners_consent_is_refused_too() -> None:
    a, b = _card("Sam", "hurt", {"uncover": 5}), _card("Alex", "broke", {"uncover": 1})
    b["consent"] = False
    with pytest.raises(cm.ConsentMissing, match="Alex"):
        cm.compare(a, b, first_agrees=True, second_agrees=True)


def test_fewer_differences_fewer_starters_and_one_stage_only() -> None:
    a = _card("Sam", "hurt", {"uncover": 3, "attune": 1})
    b = _card("Alex", "broke", {"uncover": 3, "attune": 5})
    assert cm.compare(a, b, first_agrees=True, second_agrees=True, stage_key="uncover").talk_about == ()
    only = cm.compare(a, b, first_agrees=True, second_agrees=True, stage_key="attune")
    assert {r.group for r in only.rows} == {"attune"} and len(only.talk_about) == 3


def test_only_statements_both_answered_are_compared() -> None:
    a = _card("Sam", "hurt", {"uncover": 3})
    b = _card("Alex", "broke", {"attune": 3})
    assert cm.compare(a, b, first_agrees=True, second_agrees=True).rows == ()
