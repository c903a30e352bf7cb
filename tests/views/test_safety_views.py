"""The safety check and the help panel as a participant meets them: the view the notebooks use."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.content import safety as cs
from trust_workshop.model import course as cm
from trust_workshop.model import journal as jr
from trust_workshop.model import progress
from trust_workshop.model import safety as sm
from trust_workshop.views import session as session_module

from .. import ui
from ..conftest import shown

COVERED = ("us", "ca", "uk", "ie", "au", "nz")
QUESTIONS = [q.id for q in cs.questions()]


def check_in(region: str | None, role: str | None = None) -> tw.safety_check:
    s = session_module.session()
    if role:
        s.open("Ana")
        s.set_setting("role", role)
    s.set_region(region)
    return tw.safety_check()


def expected_lines(region: str, ticked: tuple[str, ...]) -> list[str]:
    """What must be on the page: the region's line for each need of each response, or the directory."""
    found = sm.help_for(region, sm.needs_for(sm.responses_for(ticked)))
    lines = []
    for nh in found.needs:
        lines += [r.contact for r in nh.resources] or [found.directory.name]
    return lines


@pytest.mark.parametrize("region", COVERED)
@pytest.mark.parametrize("question", QUESTIONS)
def test_each_answer_shows_the_help_for_that_need_where_the_person_lives(region: str, question: str) -> None:
    view = check_in(region)
    view.boxes[question].value = True
    page = shown(view)
    for response in sm.responses_for([question]):
        assert response.heading in page
    for line in expected_lines(region, (question,)):
        assert line in page, f"{region}/{question}: {line!r} missing"
    emergency = cs.region(region).for_need("emergency")[0].contact
    assert emergency in page
    if question == "unsafe_self":
        crisis = cs.region(region).for_need("suicide_crisis")[0].contact
        assert page.index(crisis) < page.index(cs.need("young_people").label)
        assert cs.need("domestic_abuse").label not in page, "self-harm alone is not an abuse response"


@pytest.mark.parametrize("region", ["uk", "us"])
@pytest.mark.parametrize("ticked", list(itertools.combinations(["afraid", "unsafe_self", "forced", "used_control",
                                                                 "addiction", "affair_ongoing"], 2)))
def test_several_answers_show_every_response_most_urgent_first(region: str, ticked: tuple[str, str]) -> None:
    view = check_in(region)
    for q in ticked:
        view.boxes[q].value = True
    page = shown(view)
    headings = [r.heading for r in sm.responses_for(ticked)]
    positions = [page.index(h) for h in headings]
    assert positions == sorted(positions)
    for line in expected_lines(region, ticked):
        assert line in page


@pytest.mark.parametrize("region", [None, cs.ELSEWHERE])
def test_without_a_list_for_the_place_every_emergency_number_and_the_directory(region: str | None) -> None:
    view = check_in(region)
    view.boxes["unsafe_self"].value = True
    page = shown(view)
    for r in cs.regions():
        assert r.for_need("emergency")[0].contact in page
        assert r.label in page
    assert cs.international().web in page
    if region is None:
        assert "Choose where you are" in page


def test_says_nothing_until_answered_then_all_clear_only_when_asked() -> None:
    view = check_in("uk")
    page = shown(view)
    text = cs.check_text()
    assert text["all_clear"][:40] not in page and "not recommended" not in page
    assert "says nothing either way" in page
    ui.click(view, text["nothing_applies"])
    assert text["all_clear"][:40] in shown(view)
    view.boxes["afraid"].value = True
    assert text["all_clear"][:40] not in shown(view) and "not recommended" in shown(view)
    ui.click(view, text["clear_answers"])
    assert "says nothing either way" in shown(view)


def test_choosing_a_country_beside_the_check_keeps_what_was_ticked(opened) -> None:
    view = tw.safety_check()
    view.boxes["unsafe_self"].value = True
    ui.control(view, "Where you are:").value = "au"
    assert view.boxes["unsafe_self"].value is True
    assert "13 11 14" in shown(view)
    ui.control(view, "Where you are:").value = "nz"
    assert "1737" in shown(view) and "13 11 14" not in shown(view)
    assert opened.journal.region == "nz"  # remembered in the profile, which is not a safety answer


def test_the_region_is_remembered_in_the_profile_and_shown_on_every_page(opened, data_dir: Path) -> None:
    panel = tw.profile_setup()
    ui.control(panel, "Where I live:").value = "ie"
    assert jr.Journal.open("Sam").region == "ie"
    help_page = tw.get_help()
    assert "116 123" in shown(help_page) and "Samaritans Ireland" in shown(help_page)
    session_module.reset_session()
    s = session_module.session()
    s.open("Sam")
    assert s.region == "ie" and "Samaritans Ireland" in shown(tw.get_help())


def test_without_a_journal_the_choice_holds_for_the_page_only(data_dir: Path) -> None:
    page = tw.get_help()
    page.body[1]._picker.value = "ca"
    assert "9-1-1" in shown(page) and "Kids Help Phone" in shown(page)
    assert not list(data_dir.rglob("*.json")), "no journal is created by choosing a country"


def test_the_course_region_applies_until_the_participant_chooses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cm.REGION_VARIABLE, "au")
    page = tw.get_help()
    assert "13 11 14" in shown(page)
    page.body[1]._picker.value = "uk"
    assert "116 123" in shown(page) and "13 11 14" not in shown(page)


def test_checked_by_your_facilitator_appears_only_after_the_check_is_recorded(data_dir: Path) -> None:
    assert "Your facilitator checked" not in shown(tw.get_help())
    assert "correct when this workshop was written" in shown(tw.get_help())
    cm.save_course(checked="2026-11-30")
    assert "Your facilitator checked these numbers for this course on 2026-11-30" in shown(tw.get_help())


def test_the_part_about_ones_own_behaviour_is_not_shown_to_the_hurt_person() -> None:
    hurt = check_in("uk", role="hurt")
    assert "used_control" not in hurt.boxes and "afraid" in hurt.boxes
    session_module.reset_session()
    both = check_in("uk", role="both")
    assert {"used_control", "other_afraid", "affair_ongoing", "addiction"} <= set(both.boxes)


# --- warning signs in check-ins -------------------------------------------------------------------


def test_a_worrying_answer_to_a_warning_sign_shows_private_help_and_moves_no_score(opened) -> None:
    opened.set_region("uk")
    view = tw.checkin("safety")
    by_id = {q.item.id: q for q in view.questions}
    warning = by_id["tiptoeing"]
    assert warning.pointer is not None and not warning.pointer.visible
    for q in view.questions:
        if not q.item.warning:
            q.buttons.value = 3
    reading = view.reading
    assert "Score" in reading, "the reading needs only the scored statements"
    warning.buttons.value = 5
    assert warning.pointer.visible
    page = shown(warning)
    assert "safety check" in page and "999" in page and "0808 2000 247" in page
    assert view.reading == reading, "a warning sign never raises or lowers a score"
    warning.buttons.value = 1
    assert not warning.pointer.visible and "0808 2000 247" not in shown(warning)
    honest = by_id["safe_to_be_honest"]
    honest.buttons.value = 2
    assert honest.pointer.visible


def test_every_stage_keeps_warning_signs_out_of_its_score() -> None:
    checked = 0
    for stage in content.stages():
        items = content.checkin_items(stage.key)
        plain = {it.id: 3 for it in items}
        for it in items:
            if it.warning:
                worst = {**plain, it.id: 5 if it.warning == "agree" else 1}
                assert progress.checkin_score(stage.key, worst) == progress.checkin_score(stage.key, plain)
                assert it.worrying(worst[it.id]) and not it.worrying(3)
                checked += 1
    assert checked >= 4


def test_the_facilitator_list_of_warning_signs_comes_from_the_data() -> None:
    page = shown(tw.warning_signs())
    for stage, item in content.warning_items():
        assert item.text in page and f"{stage.key}.{item.id}" in page
    assert len(content.warning_items()) >= 4


def test_a_team_member_afraid_of_a_colleague_sees_help_at_work_where_they_live(opened) -> None:
    opened.set_setting("context", "workplace")
    for region, line in (("uk", "Acas"), ("us", "1-800-669-4000")):
        view = check_in(region)
        view.boxes["afraid"].value = True
        page = shown(view)
        assert line in page and cs.need("work").label in page
        assert "Domestic Abuse" not in page and "domestic-abuse" not in page
    view = check_in("au")  # no national line confirmed there: the page says so and points onwards
    view.boxes["afraid"].value = True
    page = shown(view)
    assert cs.need("work").label in page and "could not confirm a national line" in page
