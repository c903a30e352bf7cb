"""Hostile summary files against the course evaluation: each is refused with a plain reason or read
without harm, the evaluation never crashes, and no shown figure is ever made from fewer than three."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trust_workshop import content
from trust_workshop.model import evaluation as ev
from trust_workshop.model import summary as sm

from ..test_evaluation import files, known_group, person

FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _v2(**change: Any) -> bytes:
    s = person("Eve", "both", shared={"uncover": (10, 90)}, stages={"uncover": (10, 90)}, pulse=(5, 95))
    s.update(change)
    return json.dumps(s).encode()


def _deep(part: str, **inner: Any) -> bytes:
    s = json.loads(_v2())
    s[part] = {**s[part], **inner}
    return json.dumps(s).encode()


REFUSED = {
    "role-unknown": _v2(role="admin"),
    "role-number": _v2(role=1),
    "code-too-long": _v2(participant="0" * 17),
    "code-markup": _v2(participant="<script>alert()"),
    "sessions-repeated": _v2(course={"sessions": ["uncover"] * 2, "final_checkin": True}),
    "sessions-huge": _v2(course={"sessions": [f"s{'a' * i}" for i in range(51)], "final_checkin": True}),
    "sessions-markup": _v2(course={"sessions": ["<b>x</b>"], "final_checkin": True}),
    "final-as-text": _v2(course={"sessions": [], "final_checkin": "yes"}),
    "final-without-scores": _deep("final", stages={}),
    "scores-without-final": _v2(course={"sessions": [], "final_checkin": False}),
    "final-pulse-alone": _deep("baseline", pulse=None),
    "pulse-over-100": _deep("final", pulse=101),
    "pulse-negative": _deep("baseline", pulse=-1),
    "pulse-float": _deep("baseline", pulse=50.5),
    "pulse-true": _deep("baseline", pulse=True),
    "score-huge": _deep("final", stages={"uncover": 10 ** 400}),
    "score-text": _deep("final", shared={"uncover": "90"}),
    "too-many-stages": _deep("baseline", shared={f"s{'a' * i}": 50 for i in range(51)}),
    "extra-part": _deep("baseline", note="private words"),
    "writing-slipped-in": _v2(reflection="my private words"),
    "safety-slipped-in": _v2(safety={"afraid": True}),
    "v2-missing-parts": json.dumps({k: v for k, v in json.loads(_v2()).items() if k != "course"}).encode(),
    "v1-with-v2-parts": _v2(version=1),
    "version-bool": _v2(version=True),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_hostile_summary_is_refused_with_a_reason_and_the_rest_still_count(name: str) -> None:
    loaded = sm.load_many([*files(*known_group()[:3]), (f"{name}.json", REFUSED[name])])
    assert [n for n, _ in loaded.problems] == [f"{name}.json"]
    assert len(dict(loaded.problems)[f"{name}.json"]) > 10
    e = ev.evaluate(loaded.summaries)
    assert e.took_part == 3 and e.pulse.people == 3 and e.pulse.shown


def test_unknown_stage_keys_are_read_but_never_counted() -> None:
    odd = [person(f"p{i}", "hurt", shared={"no_such_stage": (0, 100)}, stages={"no_such_stage": (0, 100)},
                  sessions=("no_such_stage", "uncover")) for i in range(3)]
    for i, s in enumerate(odd):
        s["homework"] = {"done": 0, "set": i}  # three people, not copies of one
    e = ev.evaluate(sm.load_many(files(*odd)).summaries)
    assert e.took_part == 3 and all(not c.shown for c in e.stages)
    assert {k for k, _, _ in e.sessions} == set(content.stage_keys())


def test_a_flood_of_near_copies_counts_once_each() -> None:
    """A hundred renamed copies of two people's files are still two people."""
    a, b = known_group()[:2]
    flood = [(f"{i}.json", sm.encode({**(a if i % 2 else b), "pseudonym": f"fake {i}"})) for i in range(100)]
    loaded = sm.load_many(flood)
    assert len(loaded.summaries) == 2 and len(loaded.problems) == 98
    assert not ev.evaluate(loaded.summaries).enough


def _shown(e: ev.Evaluation) -> list[ev.Change]:
    return [c for c in (*e.stages, e.pulse, *(c for g in e.roles for c in g.changes)) if c.shown]


summaries = st.lists(
    st.builds(lambda role, base, final, pulse, done, shared: person(
        "x", role, shared={"recommit": (base, final)} if shared else {"uncover": (base, final)},
        stages={"recommit": (base, final), "uncover": (base, final)}, pulse=pulse, final=done),
        st.sampled_from(["broke", "hurt", "both", None]), st.integers(0, 100), st.integers(0, 100),
        st.one_of(st.none(), st.tuples(st.integers(0, 100), st.integers(0, 100))), st.booleans(), st.booleans()),
    max_size=9)


@FAST
@given(summaries)
def test_any_group_gives_figures_only_from_three_people(group: list[dict[str, Any]]) -> None:
    for i, s in enumerate(group):
        s["pseudonym"] = f"p{i}"
        s["homework"] = {"done": 0, "set": i}  # each person's own numbers, so none is a copy
    loaded = sm.load_many(files(*group))
    assert loaded.problems == []
    e = ev.evaluate(loaded.summaries)
    assert all(c.people >= sm.MIN_GROUP and c.sd is not None for c in _shown(e))
    assert all(g.people >= sm.MIN_GROUP for g in e.roles)
    if e.moves is not None:
        assert e.pulse.people >= sm.MIN_GROUP and sum(e.moves.values()) == 100
    if not e.enough:
        assert _shown(e) == [] and e.moves is None
