"""Course evaluation: figures on a known set of summaries (worked out by hand), the small-group rule
(also against duplicates and against subtracting one figure from another), roles, and older files."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from trust_workshop import content
from trust_workshop.model import contents as ct
from trust_workshop.model import evaluation as ev
from trust_workshop.model import journal as jr
from trust_workshop.model import progress, role_wording
from trust_workshop.model import summary as sm


def person(name: str, role: str | None = "hurt", *, shared: dict[str, tuple[int, int]] | None = None,
           stages: dict[str, tuple[int, int]] | None = None, pulse: tuple[int, int] | None = (50, 50),
           final: bool = True, sessions: tuple[str, ...] = ("safety", "uncover"),
           code: str | None = None) -> dict[str, Any]:
    """A version 2 summary; ``shared`` and ``stages`` give (baseline, final) per stage key."""
    shared, stages = shared or {}, stages or {}
    s = {"format": sm.FORMAT, "version": 2, "pseudonym": name, "created": "2026-11-20",
         "stage_scores": {k: f for k, (_, f) in stages.items()},
         "pulse": ([{"date": "2026-10-01", "score": pulse[0]}, {"date": "2026-11-19", "score": pulse[1]}]
                   if pulse else []),
         "homework": {"done": 0, "set": 0}, "attendance": ["2026-10-01", "2026-11-19"],
         "role": role, "course": {"sessions": list(sessions), "final_checkin": final},
         "baseline": {"stages": {k: b for k, (b, _) in stages.items()},
                      "shared": {k: b for k, (b, _) in shared.items()},
                      "pulse": pulse[0] if pulse else None},
         "final": {"stages": {k: f for k, (_, f) in stages.items()} if final else {},
                   "shared": {k: f for k, (_, f) in shared.items()} if final else {},
                   "pulse": pulse[1] if pulse and final else None}}
    if code:
        s["participant"] = code
    return s


def files(*summaries: dict[str, Any]) -> list[tuple[str, bytes]]:
    return [(f"{i}.json", sm.encode(s)) for i, s in enumerate(summaries)]


def known_group() -> list[dict[str, Any]]:
    """Three people who were hurt and one who broke trust; the expected figures are worked out by hand below."""
    return [
        person("Ana", "hurt", shared={"uncover": (40, 60)}, stages={"uncover": (30, 60)}, pulse=(50, 70)),
        person("Ben", "hurt", shared={"uncover": (30, 35)}, stages={"uncover": (40, 40)}, pulse=(60, 55)),
        person("Cy", "hurt", shared={"uncover": (50, 80)}, stages={"uncover": (20, 50)}, pulse=(40, 25)),
        person("Dee", "broke", shared={"uncover": (20, 31)}, stages={"uncover": (20, 31)}, pulse=(45, 55),
               final=True, sessions=tuple(content.stage_keys())),
    ]


def test_the_figures_of_a_known_group_match_those_worked_out_by_hand() -> None:
    e = ev.evaluate(sm.load_many(files(*known_group())).summaries)
    assert (e.took_part, e.completed, e.older_files) == (4, 4, 0)
    sessions = {key: n for key, _, n in e.sessions}
    assert sessions["safety"] == 4 and sessions["uncover"] == 4 and sessions["recommit"] == 1
    uncover = next(c for c in e.stages if c.key == "uncover")
    # Changes 20, 5, 30, 11: mean 66 / 4 = 16.5; squared distances 12.25 + 132.25 + 182.25 + 30.25 = 357,
    # 357 / 3 = 119, SD = 10.9.
    assert (uncover.people, uncover.mean, uncover.sd) == (4, 16.5, 10.9)
    # Pulse changes 20, -5, -15, 10: mean 2.5; squares 306.25 + 56.25 + 306.25 + 56.25 = 725, 725 / 3, SD = 15.5.
    assert (e.pulse.people, e.pulse.mean, e.pulse.sd) == (4, 2.5, 15.5)
    # Rose by 10 or more: Ana (+20), Dee (+10); about the same: Ben (-5); fell by 10 or more: Cy (-15).
    assert e.moves == {"rose": 50, "same": 25, "fell": 25} and e.moves_people == 4
    # Nobody has a final for the other stages: not shown, and the two stages worded only per role say so.
    for c in e.stages:
        if c.key != "uncover":
            assert not c.shown
    assert {c.key: c.note for c in e.stages}["apologise"] == ev.NO_SHARED
    # Roles: three people who were hurt are shown, over all of a stage's statements (30, 0, 30: mean 20,
    # squares 100 + 400 + 100 = 600, 600 / 2 = 300, SD 17.3); the one who broke trust is not.
    assert [g.role for g in e.roles] == ["hurt"] and e.roles_hidden
    hurt = {c.key: c for c in e.roles[0].changes}
    assert (hurt["uncover"].mean, hurt["uncover"].sd, hurt["uncover"].people) == (20.0, 17.3, 3)
    # The pulse is the same measure for everyone: the group's mean (4 people) minus the hurt group's
    # mean (3) would give Dee's own change, so the hurt group's pulse is hidden.
    assert not hurt["pulse"].shown and hurt["pulse"].note == ev.PROTECTS


def test_percentages_add_up_to_a_hundred() -> None:
    assert ev.percentages({"rose": 1, "same": 1, "fell": 1}) == {"rose": 34, "same": 33, "fell": 33}
    assert sum(ev.percentages({"rose": 2, "same": 5, "fell": 0}).values()) == 100
    assert [ev.pulse_move(50, 60), ev.pulse_move(50, 59), ev.pulse_move(50, 41), ev.pulse_move(50, 40)] == [
        "rose", "same", "same", "fell"]


@pytest.mark.parametrize("n", [0, 1, 2])
def test_below_three_people_there_is_no_average_and_no_percentage(n: int) -> None:
    e = ev.evaluate(sm.load_many(files(*known_group()[:n])).summaries)
    assert e.took_part == n and not e.enough
    assert all(not c.shown for c in (*e.stages, e.pulse)) and e.moves is None and e.roles == ()
    assert all(c.note for c in (*e.stages, e.pulse))


def _two_people_and_copies() -> list[tuple[str, bytes]]:
    ana, ben = known_group()[:2]
    ana["participant"] = "0123456789abcdef"
    later = {**ana, "pseudonym": "Anastasia", "created": "2026-11-22",
             "pulse": [*ana["pulse"], {"date": "2026-11-21", "score": 90}]}  # the same journal, shared again
    return [
        *files(ana, ben),
        ("copy.json", sm.encode(ana)),                                              # the same bytes
        ("renamed.json", sm.encode({**ben, "pseudonym": "Someone Else"})),         # the same numbers
        ("respaced.json", json.dumps({**ben, "pseudonym": "Third"}, indent=4).encode()),  # laid out differently
        ("spelt.json", sm.encode({**ana, "pseudonym": "ANA", "created": "2026-11-21",
                                  "homework": {"done": 1, "set": 1}})),
        ("later.json", sm.encode(later)),                                           # same journal code
        ("old.json", sm.encode({k: v for k, v in ben.items() if k in sm.schema()["required"]} | {"version": 1,
                                                                                              "pseudonym": "b3n"})),
    ]


def test_duplicates_from_one_person_never_get_past_the_small_group_rule() -> None:
    loaded = sm.load_many(_two_people_and_copies())
    assert len(loaded.summaries) == 2, loaded.problems
    reasons = dict(loaded.problems)
    assert "exact copy" in reasons["copy.json"] and "same numbers and dates" in reasons["renamed.json"]
    assert "same numbers and dates" in reasons["respaced.json"]
    assert "same journal" in reasons["0.json"] or "same journal" in reasons.get("spelt.json", "")
    e = ev.evaluate(loaded.summaries)
    assert e.took_part == 2 and not e.enough and e.moves is None
    assert all(not c.shown for c in (*e.stages, e.pulse))


def test_the_newer_summary_of_one_journal_is_kept() -> None:
    loaded = sm.load_many(_two_people_and_copies())
    names = [s["pseudonym"] for s in loaded.summaries]
    assert len(names) == 2 and "Anastasia" in names


def test_two_summaries_built_from_one_journal_under_two_pseudonyms_are_one_person(data_dir, monkeypatch) -> None:
    with monkeypatch.context() as m:  # Kim's profile was made on another day than Sam's
        m.setattr(ct, "now", lambda: "2026-09-30T10:00:00+01:00")
        jr.Journal.open("Kim").set_setting("role", "both")
    j = jr.Journal.open("Sam")
    j.record_pulse({it.id: 3 for it in content.pulse_items()}, date="2026-10-05")
    first = sm.build(j, "Blue Heron", today=dt.date(2026, 11, 1))
    j.record_pulse({it.id: 4 for it in content.pulse_items()}, date="2026-10-12")
    second = sm.build(j, "Red Fox", today=dt.date(2026, 11, 2))
    other = sm.build(jr.Journal.open("Kim"), "Kim", today=dt.date(2026, 11, 2))
    assert first["participant"] == second["participant"] != other["participant"]
    assert "Sam" not in sm.encode(first).decode()
    loaded = sm.load_many([("a.json", sm.encode(first)), ("b.json", sm.encode(second)), ("c.json", sm.encode(other))])
    assert sorted(s["pseudonym"] for s in loaded.summaries) == ["Kim", "Red Fox"]


def test_a_subgroup_is_never_shown_when_the_rest_of_the_group_is_one_or_two_people() -> None:
    """Recommit's statements read the same for every role, so its whole-group mean and a role's mean
    are one measure: with 3 + 3 + 1 people, showing both roles would give away the last person's change."""
    assert len(role_wording.shared_items("recommit")) == len([i for i in content.checkin_items("recommit") if i.scored])
    group = [person(f"h{i}", "hurt", shared={"recommit": (40, 50 + i)}, stages={"recommit": (40, 50 + i)})
             for i in range(3)]
    group += [person(f"b{i}", "broke", shared={"recommit": (30, 60 + i)}, stages={"recommit": (30, 60 + i)},
                     pulse=(40, 41 + i)) for i in range(3)]
    group.append(person("x", "both", shared={"recommit": (10, 90)}, stages={"recommit": (10, 90)}, pulse=(10, 90)))
    e = ev.evaluate(sm.load_many(files(*group)).summaries)
    assert e.enough and next(c for c in e.stages if c.key == "recommit").shown
    shown = [g.role for g in e.roles if next(c for c in g.changes if c.key == "recommit").shown]
    assert len(shown) == 1  # one role shown: the rest (3 + 1 people) is big enough
    assert not any(g.role == "both" for g in e.roles)


def test_roles_are_shown_only_from_three_people_and_no_role_is_its_own_group() -> None:
    group = [person(f"p{i}", role, shared={"uncover": (10, 20 + i)}, stages={"uncover": (10, 20 + i)})
             for i, role in enumerate(["hurt", "hurt", "hurt", None, None, None, "broke", "broke"])]
    e = ev.evaluate(sm.load_many(files(*group)).summaries)
    assert [g.role for g in e.roles] == ["hurt", ev.ROLE_NOT_CHOSEN] and e.roles_hidden
    assert ev.role_label(ev.ROLE_NOT_CHOSEN) == "Role not chosen"


def test_older_summaries_are_counted_but_add_nothing_to_the_changes() -> None:
    old = [{"format": sm.FORMAT, "version": 1, "pseudonym": f"old{i}", "created": "2026-03-01",
            "stage_scores": {"uncover": 40 + i}, "pulse": [], "homework": {"done": 0, "set": 0}, "attendance": []}
           for i in range(3)]
    loaded = sm.load_many(files(*old, *known_group()[:2]))
    assert loaded.problems == []
    e = ev.evaluate(loaded.summaries)
    assert (e.took_part, e.completed, e.older_files) == (5, 2, 3)
    assert e.enough and e.pulse.people == 2 and not e.pulse.shown and e.moves is None


def test_a_summary_built_from_a_journal_carries_baseline_final_completion_and_role(data_dir) -> None:
    j = jr.Journal.open("Sam")
    j.set_setting("role", "hurt")
    first, last = content.stage_keys()[0], content.stage_keys()[-1]
    for kind, value, date in (("baseline", 2, "2026-10-01"), ("final", 4, "2026-11-20")):
        for key in (first, "uncover", last):
            j.record_checkin(kind, key, {it.id: value for it in content.checkin_items(key)}, date=date)
    j.record_checkin("stage", "uncover", {it.id: 3 for it in content.checkin_items("uncover")}, date="2026-10-08")
    for value, date in ((2, "2026-10-01"), (3, "2026-10-08"), (4, "2026-11-20"), (5, "2027-02-20")):
        j.record_pulse({it.id: value for it in content.pulse_items()}, date=date)
    s = sm.build(j, "Heron", today=dt.date(2026, 11, 21))
    assert s["version"] == 2 and s["role"] == "hurt"
    assert s["course"] == {"sessions": [first, "uncover", last], "final_checkin": True}
    pulse = {v: progress.pulse_point({it.id: v for it in content.pulse_items()}).score for v in (2, 4)}
    assert s["baseline"]["pulse"] == pulse[2] and s["final"]["pulse"] == pulse[4]  # not the booster pulse after it
    assert set(s["baseline"]["stages"]) == {first, "uncover", last}
    assert s["final"]["shared"]["uncover"] == role_wording.shared_score(
        "uncover", {it.id: 4 for it in content.checkin_items("uncover")}, short=True)
    assert "apologise" not in s["baseline"]["shared"]
    assert sm.parse(sm.encode(s)) == s


def test_an_empty_journal_makes_a_valid_summary_with_nothing_to_compare(data_dir) -> None:
    s = sm.build(jr.Journal.open("New"), "New", today=dt.date(2026, 11, 1))
    assert s["course"] == {"sessions": [], "final_checkin": False} and s["role"] is None
    assert s["baseline"] == {"stages": {}, "shared": {}, "pulse": None} == s["final"]
    assert sm.parse(sm.encode(s)) == s
