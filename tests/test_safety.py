"""The safety data and the model that chooses help: content/safety.py and model/safety.py."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

import pytest

from trust_workshop import content
from trust_workshop.content import safety as cs
from trust_workshop.model import course as cm
from trust_workshop.model import safety as sm

ROOT = Path(__file__).resolve().parents[1]
COVERED = ("us", "ca", "uk", "ie", "au", "nz")  # the countries the workshop promises a list for
# Needs each covered country must have a confirmed national line for (others fall back to the directory).
MUST_HAVE = ("emergency", "suicide_crisis", "young_people")


# --- the resources file ----------------------------------------------------------------------


def test_every_resource_names_the_page_it_was_checked_against_and_when() -> None:
    today = dt.date.today()
    entries = [(r.key, res.name, res.source, res.checked) for r in cs.regions() for res in r.resources]
    d = cs.international()
    entries.append(("international", d.name, d.source, d.checked))
    assert len(entries) > 30
    for where, name, source, checked in entries:
        assert re.match(r"^https?://[^\s/]+\.[a-z]{2,}/?", source), f"{where}: {name} has no source page"
        assert dt.date.fromisoformat(checked) <= today, f"{where}: {name} has no usable checked date"
        # Every page says the numbers "were correct when this workshop was written" on that date.
        assert checked <= cs.resources_data()["written"], f"{where}: {name} was checked after the file's date"


def test_the_resources_schema_refuses_an_entry_without_a_source_or_a_date() -> None:
    good = {"needs": ["emergency"], "name": "Xy", "contact": "12", "source": "https://example.org",
            "checked": "2026-01-01"}
    validate = content.validator("crisis_resources")
    base = {"written": "2026-01-01", "facilitator_note": "x" * 20, "intro": "x" * 20, "danger": "x" * 20,
            "help_page": {"title": "Help", **{k: "x" * 10 for k in ("reach_out", "not_sure", "facilitator", "below")},
                          "signs": ["x" * 10]},
            "needs": [{"key": "emergency", "label": "Danger"}],
            "international": {"name": "Dir", "web": "https://d.example", "notes": "", "source": "https://d.example",
                              "checked": "2026-01-01"}}
    validate({**base, "regions": [{"key": "aa", "label": "Aa", "resources": [good]}]})
    for missing in ("source", "checked"):
        entry = {k: v for k, v in good.items() if k != missing}
        with pytest.raises(Exception, match=missing):
            validate({**base, "regions": [{"key": "aa", "label": "Aa", "resources": [entry]}]})


@pytest.mark.parametrize("region", COVERED)
def test_each_covered_country_has_its_own_lines(region: str) -> None:
    found = cs.region(region)
    assert found is not None
    for need in MUST_HAVE:
        assert found.for_need(need), f"{region} has no {need} line"
    # Apart from the directory, somewhere to turn for abuse at home.
    assert found.for_need("domestic_abuse")


def test_the_numbers_the_brief_names_are_there_where_they_were_confirmed() -> None:
    def contacts(region: str, need: str) -> str:
        return " ".join(f"{r.contact} {r.text}" for r in cs.region(region).for_need(need))

    assert "988" in contacts("us", "suicide_crisis") and "988" in contacts("ca", "suicide_crisis")
    assert "116 123" in contacts("uk", "suicide_crisis") and "116 123" in contacts("ie", "suicide_crisis")
    assert "13 11 14" in contacts("au", "suicide_crisis") and "1737" in contacts("nz", "suicide_crisis")
    assert "1-800-799-7233" in contacts("us", "domestic_abuse") and "88788" in contacts("us", "domestic_abuse")
    assert "0808 2000 247" in contacts("uk", "domestic_abuse") and "1800 737 732" in contacts("au", "domestic_abuse")
    assert "0808 802 4040" in contacts("uk", "stop_hurting") and "0808 801 0327" in contacts("uk", "men_abused")
    assert "0800 1111" in contacts("uk", "young_people") and "1-800-668-6868" in contacts("ca", "young_people")
    assert "1800 55 1800" in contacts("au", "young_people")
    emergency = {r: contacts(r, "emergency") for r in COVERED}
    assert emergency == {"us": "911 ", "ca": "9-1-1 ", "uk": "999 ", "ie": "112 or 999 ", "au": "000 ", "nz": "111 "}


# --- which response fits which answer ------------------------------------------------------------


def test_every_statement_leads_somewhere_and_each_risk_has_its_own_help() -> None:
    by_id = {q.id: set(q.responses) for q in cs.questions()}
    assert by_id["unsafe_self"] == {"self_harm"}
    assert {"afraid", "hurt_or_threatened", "controlled", "monitored", "isolated"} <= {
        q for q, r in by_id.items() if r == {"danger"}}
    assert "sexual" in by_id["forced"]
    assert by_id["other_afraid"] == by_id["used_control"] == {"causing_harm"}
    assert by_id["addiction"] == {"addiction"} and by_id["affair_ongoing"] == {"affair"}
    needs = {r.key: set(r.needs) for r in cs.responses()}
    assert "suicide_crisis" in needs["self_harm"] and "domestic_abuse" not in needs["self_harm"]
    assert "domestic_abuse" in needs["danger"] and "suicide_crisis" not in needs["danger"]
    assert "sexual_violence" in needs["sexual"]
    assert "stop_hurting" in needs["causing_harm"] and "addiction" in needs["addiction"]


def test_self_harm_alone_gets_the_crisis_response_not_the_abuse_one() -> None:
    found = sm.responses_for(["unsafe_self"])
    assert [r.key for r in found] == ["self_harm"]
    assert "suicide_crisis" in sm.needs_for(found) and "domestic_abuse" not in sm.needs_for(found)


@pytest.mark.parametrize("ticked", list(itertools.combinations(
    ["afraid", "forced", "unsafe_self", "used_control", "addiction", "affair_ongoing"], 2)))
def test_several_answers_give_every_response_most_urgent_first(ticked: tuple[str, str]) -> None:
    order = [r.key for r in cs.responses()]
    found = [r.key for r in sm.responses_for(ticked)]
    expected = {r for q in cs.questions() if q.id in ticked for r in q.responses}
    assert set(found) == expected
    assert found == sorted(found, key=order.index)
    if "unsafe_self" in ticked:
        assert found[0] == "self_harm"


def test_nothing_ticked_means_no_response() -> None:
    assert sm.responses_for([]) == () and sm.responses_for(["not-a-question"]) == ()


def test_the_part_about_ones_own_behaviour_is_asked_of_those_who_broke_trust_or_both() -> None:
    def asked(role: str | None) -> set[str]:
        return {q.id for p in cs.parts(None, role) for q in p.questions}

    assert "used_control" in asked("broke") and "used_control" in asked("both")
    assert "used_control" in asked(None), "someone who has not chosen a role is asked everything"
    assert "used_control" not in asked("hurt") and "afraid" in asked("hurt")


# --- help for a place ----------------------------------------------------------------------------


@pytest.mark.parametrize("region", [r.key for r in cs.regions()])
def test_a_region_gets_its_own_lines_with_emergency_first(region: str) -> None:
    found = sm.help_for(region, ["suicide_crisis"])
    assert found.region.key == region
    assert [n.need.key for n in found.needs] == ["emergency", "suicide_crisis"]
    assert all(res.region == region for n in found.needs for res in n.resources)


@pytest.mark.parametrize("chosen", [None, cs.ELSEWHERE, "atlantis"])
def test_without_a_region_every_emergency_number_and_the_directory(chosen: str | None) -> None:
    found = sm.help_for(chosen, ["suicide_crisis", "addiction"])
    assert found.region is None and found.needs == ()
    assert [r.key for r, _ in found.everywhere] == list(cs.region_keys())
    assert found.columns[0].key == "emergency"
    for region, cells in found.everywhere:
        assert cells[0] == region.for_need("emergency")
    assert found.directory.web.startswith("https://")


def test_the_course_region_is_used_until_the_participant_chooses(monkeypatch: pytest.MonkeyPatch) -> None:
    assert sm.effective_region(None) is None
    monkeypatch.setenv(cm.REGION_VARIABLE, "NZ ")
    assert sm.effective_region(None) == "nz" and sm.effective_region("uk") == "uk"


def test_checked_by_the_facilitator_only_when_the_course_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    plain = sm.checked_note()
    assert "facilitator" not in plain.lower() and cs.resources_data()["written"] in plain
    # The note comes after the directory, on the page and in the handout's table: it names it.
    assert cs.international().name in plain and "below" not in plain
    cm.save_course(checked="2026-11-30")
    assert "Your facilitator checked these numbers for this course on 2026-11-30" in sm.checked_note()


def test_course_settings_from_the_file_and_the_environment(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> None:
    assert cm.course() == cm.Course()
    cm.save_course(region="IE")
    assert cm.course().region == "ie" and (data_dir / "course.yaml").exists()
    monkeypatch.setenv(cm.REGION_VARIABLE, "au")
    assert cm.course().region == "au"  # an environment variable wins
    monkeypatch.setenv(cm.REGION_VARIABLE, "narnia")
    now = cm.course()
    assert now.region == "ie" and "narnia" in now.problems[0]  # a bad one is ignored, and said
    with pytest.raises(cm.CourseError, match="no region"):
        cm.save_course(region="narnia")
    with pytest.raises(cm.CourseError, match="future"):
        cm.save_course(checked=(dt.date.today() + dt.timedelta(days=2)).isoformat())
    with pytest.raises(cm.CourseError, match="YYYY-MM-DD"):
        cm.save_course(checked="last Tuesday")
    (data_dir / "course.yaml").write_text(": not: yaml: [", encoding="utf-8")
    monkeypatch.delenv(cm.REGION_VARIABLE)
    assert cm.course() == cm.Course()  # a damaged file is ignored, never a crash


# --- no phone number outside the data file ---------------------------------------------------------

# Three or more digits, possibly grouped by spaces, hyphens or dots, not part of a word, a price,
# a path or a version. Years and ISO dates are not phone numbers.
PHONE = re.compile(r"(?<![\w£$€/.:#-])\+?\d(?:[ \-.]?\d){2,}(?![\w%/])")
NOT_A_PHONE = re.compile(r"^(19|20)\d\d$|^\d{4}-\d{2}(-\d{2})?$|^\d{1,2}\.\d{1,2}$")


def phone_like(text: str) -> list[str]:
    return [m.group(0) for m in PHONE.finditer(text) if not NOT_A_PHONE.match(m.group(0))]


def test_the_phone_pattern_finds_numbers_and_ignores_dates_and_prices() -> None:
    for number in ("999", "112", "0808 2000 247", "1-800-799-7233", "116 123", "13 11 14", "+44 20 7946 0000"):
        assert phone_like(f"call {number} now"), number
    for fine in ("in 2026", "on 2026-11-30", "over £100", "1–5", "90 minutes", "12:30", "version 3.11"):
        assert not phone_like(fine), fine


def _texts_to_scan():
    import json

    for folder in ("workshop", "facilitator"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            for n, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
                yield f"{folder}/{path.name} cell {n}", "".join(cell["source"])
    templates = ROOT / "src" / "trust_workshop" / "outputs" / "templates"
    for path in sorted(templates.glob("*.typ")):
        yield f"templates/{path.name}", path.read_text(encoding="utf-8")
    for path in sorted((ROOT / "src" / "trust_workshop" / "content" / "data").glob("*.yaml")):
        if path.name != "crisis_resources.yaml":
            yield f"data/{path.name}", path.read_text(encoding="utf-8")


def test_no_phone_number_is_written_anywhere_but_the_resources_file() -> None:
    scanned = list(_texts_to_scan())
    assert len(scanned) > 300
    found = {where: hits for where, text in scanned if (hits := phone_like(text))}
    assert found == {}, f"phone-like numbers outside crisis_resources.yaml: {found}"


# --- help that fits the relationship ---------------------------------------------------------

DANGER = ("afraid", "hurt_or_threatened", "controlled", "monitored", "isolated")


@pytest.mark.parametrize("question", DANGER)
def test_fear_of_a_colleague_points_to_help_at_work_not_a_domestic_abuse_service(question: str) -> None:
    """Someone afraid of, hurt or controlled by a colleague meets help for harm at work: a
    domestic-abuse line is the wrong door, and its name would tell them so."""
    found = sm.responses_for([question], "workplace")
    needs = sm.needs_for(found)
    assert "work" in needs and "emergency" in needs
    assert not {"domestic_abuse", "men_abused", "lgbtq"} & set(needs)
    danger = next(r for r in found if r.key == "danger")
    words = " ".join([danger.heading, danger.text, *danger.steps]).lower()
    assert "domestic" not in words and "colleague" in words
    assert "police" in words  # being hurt or threatened at work is a crime to report, too


@pytest.mark.parametrize("context", ["couple", "family", None])
def test_fear_at_home_still_points_to_a_domestic_abuse_service(context: str | None) -> None:
    needs = sm.needs_for(sm.responses_for(["afraid"], context))
    assert "domestic_abuse" in needs and "work" not in needs


def test_help_at_work_is_listed_only_where_it_was_confirmed_and_only_when_asked_for() -> None:
    for region in cs.regions():
        for res in region.for_need("work"):
            assert res.source.startswith("http") and res.checked
    assert [r.name for r in cs.region("uk").for_need("work")] == ["Acas helpline"]
    assert [r.contact for r in cs.region("us").for_need("work")] == ["1-800-669-4000"]
    # The help at the end of every notebook lists what anyone may need; help at work only
    # appears when the safety check asks for it.
    every = sm.help_for("uk")
    assert "work" not in [nh.need.key for nh in every.needs]
    asked = sm.help_for("uk", ["work"])
    assert [nh.need.key for nh in asked.needs] == ["emergency", "work"]


@pytest.mark.parametrize("question", ["other_afraid", "used_control"])
def test_someone_who_frightened_a_colleague_is_not_sent_to_a_domestic_violence_line(question: str) -> None:
    found = sm.responses_for([question], "workplace")
    assert [r.key for r in found] == ["causing_harm"]
    assert "stop_hurting" not in sm.needs_for(found)  # those lines are for abuse at home
    words = " ".join([found[0].text, *found[0].steps]).lower()
    assert "domestic" not in words and "colleague" in words and "counsellor" in words
    assert "stop_hurting" in sm.needs_for(sm.responses_for([question], "couple"))


@pytest.mark.parametrize("question", DANGER)
def test_fear_of_a_friend_points_to_the_police_and_victim_support(question: str) -> None:
    """A friend is not someone a domestic-abuse line is for; being hurt, threatened or controlled
    by one is still serious, and a victim-support service helps whether or not it is reported."""
    found = sm.responses_for([question], "friendship")
    needs = sm.needs_for(found)
    assert "crime_victims" in needs and "young_people" in needs  # many friendships here are teenagers'
    assert not {"domestic_abuse", "men_abused", "lgbtq", "work"} & set(needs)
    danger = next(r for r in found if r.key == "danger")
    words = " ".join([danger.text, *danger.steps]).lower()
    assert "domestic" not in words and "friend" in words and "police" in words
    assert [r.name for r in cs.region("uk").for_need("crime_victims")] == ["Victim Support"]
    assert "crime_victims" not in [nh.need.key for nh in sm.help_for("uk").needs]
