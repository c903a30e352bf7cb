"""Printable masters: the course paperwork and cards build from the data, say what they must, fit their
pages whatever the wording, and are written only into the folder asked for."""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
from pathlib import Path

import fastjsonschema
import pytest

from trust_workshop import content
from trust_workshop.model import plans
from trust_workshop.outputs import cli, masters

from .test_pdf import HOSTILE, fonts_embedded, info


def text_of(blob: bytes, tmp_path: Path) -> str:
    """The text in the order it was laid down, card by card (``-layout`` would interleave columns)."""
    path = tmp_path / "master.pdf"
    path.write_bytes(blob)
    return subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True).stdout

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="POPPLER MISSING: apt-get install poppler-utils (.ci/run does this)")

# name: (fewest pages, most pages, texts that must be on it)
EXPECTED = {
    "information-letter.pdf": (2, 5, ["What the course is not", "not therapy", "Your privacy", "How to stop",
                                      "Taking part is your choice", "If you need help now"]),
    "intake-and-consent.pdf": (1, 2, ["Joining the course", "I am choosing to take part", "Signed"]),
    "screening-guide.pdf": (3, 7, ["The secrets policy", "Reasons for no joint work", "Sexual coercion",
                                   "isolation", "An affair or secret contact that is still going on",
                                   "Addiction", "severe mental-health crisis", "How to refer",
                                   "Private screening record", "Kept by the facilitator only"]),
    "attendance-register.pdf": (1, 1, ["Attendance register", "Session", "Catch-up offered"]),
    "fidelity-sheets.pdf": (9, 14, ["Followed the plan", "Did it well", "Stage 8: Recommit and celebrate"]),
    "observer-review-sheet.pdf": (1, 2, ["Observer and supervisor review", "Very good", "supervision"]),
    "feedback-form.pdf": (1, 1, ["Please do not write your name", "What helped you most?"]),
    "cards-topic.pdf": (2, 2, ["Where to go for a day out next month.", "Cut along the dashed lines"]),
    "cards-vague-wish.pdf": (2, 2, ["Be more open with me.", "what, who, when"]),
    "cards-reach.pdf": (1, 1, ["Recall", "Empathise", "Altruistic gift", "Commit", "Hold on"]),
    "cards-upset.pdf": (2, 2, ["Keep your voice low and slow."]),
    "cards-practice.pdf": (1, 1, ["Grounding", "Speaker and listener", "Time-out"]),
    "cards-room-time-out-sign.pdf": (1, 1, ["Anyone can ask for a pause"]),
}


def flat(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, bytes]:
    return {name: make() for name, make in masters.jobs()}


def test_the_paperwork_wording_matches_its_schema() -> None:
    data = content.raw("paperwork")
    fastjsonschema.compile(content.schema("paperwork"))(data)
    broken = copy.deepcopy(data)
    del broken["card_sets"][0]["cards"]
    with pytest.raises(fastjsonschema.JsonSchemaValueException):
        fastjsonschema.compile(content.schema("paperwork"))(broken)


def test_a_card_set_must_read_something_its_exercise_has(monkeypatch: pytest.MonkeyPatch) -> None:
    from trust_workshop.content import loader

    real = loader._read_text

    def wrong_source(folder: str, name: str) -> str:
        text = real(folder, name)
        return text.replace("from: reach\n", "from: needs_when_upset\n") if name == "paperwork.yaml" else text

    monkeypatch.setattr(loader, "_read_text", wrong_source)
    content.raw.cache_clear()
    try:
        with pytest.raises(content.ContentError, match="card set reach-cards reads fields of needs_when_upset"):
            content.validate_all()
    finally:
        content.raw.cache_clear()


def test_every_master_is_built_and_listed(built) -> None:
    assert set(built) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_master_has_its_pages_and_words(name: str, built, tmp_path: Path) -> None:
    low, high, words = EXPECTED[name]
    blob = built[name]
    about = info(blob, tmp_path)
    assert low <= int(about["Pages"]) <= high
    assert "(A4)" in about["Page size"]
    text = flat(text_of(blob, tmp_path))
    for word in words:
        assert flat(word).casefold() in text.casefold(), word
    assert fonts_embedded(blob, tmp_path)


def test_cards_come_from_the_exercises_not_copies(built, tmp_path: Path) -> None:
    text = flat(text_of(built["cards-upset.pdf"], tmp_path))
    for option in content.exercise("needs_when_upset")["options"]:
        assert flat(option) in text
    reach = flat(text_of(built["cards-reach.pdf"], tmp_path))
    for field in content.exercise("reach")["fields"]:
        assert field["label"].split(":")[0] in reach


def test_fidelity_sheets_carry_every_plans_items_with_two_columns(built, tmp_path: Path) -> None:
    text = flat(text_of(built["fidelity-sheets.pdf"], tmp_path))
    for stage in content.stages():
        assert f"Stage {stage.number}: {flat(stage.title)}" in text
        for item in plans.plan(stage.key)["fidelity_checklist"]:
            assert flat(item)[:40] in text


def test_the_register_is_landscape_and_numbers_come_only_from_the_resources_file(built, tmp_path: Path) -> None:
    width, _, height = info(built["attendance-register.pdf"], tmp_path)["Page size"].split()[:3]
    assert float(width) > float(height)
    assert "0808 2000 247" in flat(text_of(built["screening-guide.pdf"], tmp_path))


def test_letter_paper(tmp_path: Path) -> None:
    for make in (masters.register, masters.feedback_form):
        assert "(letter)" in info(make("letter"), tmp_path)["Page size"]
    cards = content.raw("paperwork")["card_sets"][0]
    assert int(info(masters.card_sheet(cards, "letter"), tmp_path)["Pages"]) == 2


def _hostile_wording() -> dict:
    w = copy.deepcopy(content.raw("paperwork"))
    long = "A very long sentence that keeps going and going without a pause. " * 40
    w["letter"]["intro"] = " ".join(HOSTILE)
    w["letter"]["sections"][0]["points"].append("x" * 400)
    w["intake"]["consents"].append(long)
    w["register"]["first_columns"][0] = "#set page(width: 1cm) " + "name " * 5
    w["feedback"]["scale_items"].append(long)
    w["screening"]["record"]["fields"].append(long)
    for card_set in w["card_sets"]:
        if "cards" in card_set:
            card_set["cards"][0] = {"title": "$x$ <b>", "text": long}
            card_set["cards"][-1] = {"text": "y" * 600}
    return w


def test_hostile_or_long_wording_prints_as_typed_and_keeps_the_pages(tmp_path: Path) -> None:
    w = _hostile_wording()
    normal = dict(masters.jobs())
    for name, make in masters.jobs(w=w):
        blob = make()
        about = info(blob, tmp_path)
        assert "(A4)" in about["Page size"], name
        pages, usual = int(about["Pages"]), int(info(normal[name](), tmp_path)["Pages"])
        if name.startswith("cards-"):
            assert pages == usual, name  # a long card shrinks or clips; it never adds a page
        else:
            assert usual <= pages <= usual + 2, name
    letter = flat(text_of(masters.letter(w=w), tmp_path))
    for hostile in HOSTILE:
        assert flat(hostile) in letter
    assert "$x$ <b>" in flat(text_of(masters.card_sheet(w["card_sets"][0], w=w), tmp_path))


def test_masters_are_written_only_into_the_chosen_folder(tmp_path: Path, monkeypatch, capsys) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setattr(cli, "build_all", lambda *a, **k: [])  # the stage PDFs have their own tests
    out = tmp_path / "out"
    assert cli.main(["handouts", "--out", str(out)]) == 0
    assert "13 printable masters" in capsys.readouterr().out
    made = {p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()}
    assert made == {f"out/masters/{name}" for name in EXPECTED}
    assert os.listdir(work) == []
    shutil.rmtree(out)
    assert cli.main(["handouts", "--out", str(out), "--no-masters"]) == 0
    assert cli.main(["handouts", "--out", str(out), "--stage", "safety"]) == 0
    assert not (out / masters.FOLDER).exists()
