"""The course evaluation PDF: one page, the caveat, the small-group rule in words, no names, and
nothing written anywhere but the folder chosen."""

from __future__ import annotations

import base64
import datetime as dt
import re
import shutil
import tempfile
from pathlib import Path

import pytest

import trust_workshop as tw
from trust_workshop.model import evaluation as ev
from trust_workshop.model import summary as sm
from trust_workshop.outputs import cli, evaluation_pdf

from .. import ui
from ..test_evaluation import files, known_group, person
from .test_pdf import info, text_of

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="POPPLER MISSING: apt-get install poppler-utils (.ci/run does this)")

NAMES = ["Ana", "Ben", "Cy", "Dee"]


def _flat(text: str) -> str:
    return " ".join(text.split())


def _pdf(summaries: list[dict]) -> bytes:
    return evaluation_pdf.course_evaluation(ev.evaluate(sm.load_many(files(*summaries)).summaries),
                                            today=dt.date(2026, 12, 1))


def test_the_evaluation_is_one_page_with_the_caveat_the_rule_and_the_figures(tmp_path: Path) -> None:
    blob = _pdf(known_group())
    assert info(blob, tmp_path)["Pages"].strip() == "1"
    text = _flat(text_of(blob, tmp_path))
    for words in ("group's own report of change", "do not show that the course caused", "This is not research",
                  "fewer than three: not shown", "No names are in this report", "Took part (shared a summary): 4",
                  "Completed (took the final check-in): 4", "+16.5 (SD 10.9)", "+2.5 (SD 15.5)", "50% rose",
                  "25% stayed about the same", "25% fell", "I was hurt (3 people)", "+20.0 (SD 17.3)",
                  "Roles with fewer than three people: not shown"):
        assert words in text, words
    for name in NAMES:
        assert not re.search(rf"\b{name}\b", text), name
    assert "I broke trust (" not in text  # one person in that role: no column for it


def test_a_group_of_two_prints_counts_and_no_figure(tmp_path: Path) -> None:
    text = _flat(text_of(_pdf(known_group()[:2]), tmp_path))
    assert "Took part (shared a summary): 2" in text and "fewer than three: not shown" in text
    assert "%" not in text and "(SD " not in text
    assert not re.search(r"[+-]\d+\.\d", text)


def test_hostile_pseudonyms_and_file_names_never_reach_the_page(tmp_path: Path) -> None:
    hostile = ["#set page(width: 1cm)", "<script>alert(1)</script>", "$x$", "Zoë Secret"]
    group = [person(name, "hurt", shared={"uncover": (10, 20 + i)}, pulse=(10, 30 + i))
             for i, name in enumerate(hostile)]
    loaded = sm.load_many([(f"{name}.json", sm.encode(s)) for name, s in zip(hostile, group, strict=True)])
    blob = evaluation_pdf.course_evaluation(ev.evaluate(loaded.summaries))
    text = text_of(blob, tmp_path)
    assert info(blob, tmp_path)["Pages"].strip() == "1"
    for name in hostile:
        assert name not in text
    assert "Secret" not in text and "script" not in text


def test_the_command_line_writes_only_the_pdf_into_the_folder_chosen(tmp_path: Path, monkeypatch) -> None:
    given, out, scratch, here = (tmp_path / n for n in ("given", "out", "scratch", "here"))
    for folder in (given, scratch, here):
        folder.mkdir()
    for name, raw in files(*known_group()):
        (given / name).write_bytes(raw)
    (given / "broken.json").write_bytes(b"{not json")
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.setenv("HOME", str(here))
    monkeypatch.chdir(here)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert cli.main(["evaluation", *map(str, sorted(given.iterdir())), "--out", str(out)]) == 0
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert set(after) - set(before) == {Path("out"), Path("out/course-evaluation.pdf")}
    assert list(scratch.iterdir()) == [] and list(here.iterdir()) == []
    assert "Took part (shared a summary): 4" in _flat(text_of((out / "course-evaluation.pdf").read_bytes(), scratch))


def test_the_dashboard_makes_the_evaluation_with_one_button(tmp_path: Path) -> None:
    board = tw.group_dashboard()
    ui.control(board, "Add summary files").value = tuple(
        {"name": n, "type": "application/json", "size": len(r), "content": memoryview(r),
         "last_modified": dt.datetime(2026, 1, 1)} for n, r in files(*known_group()))
    ui.click(board, "Make course evaluation (PDF)")
    page = ui.markup(board)
    assert "Save course evaluation" in page and "It holds no names" in page
    blob = base64.b64decode(re.search(r"data:application/pdf;base64,([^']+)'", page).group(1))
    text = _flat(text_of(blob, tmp_path))
    assert "Took part (shared a summary): 4" in text and "not research" in text
    assert not any(re.search(rf"\b{n}\b", text) for n in NAMES)
    ui.control(board, "Add summary files").value = ()
    ui.click(board, "Clear")
    assert "Save course evaluation" not in ui.markup(board)  # a PDF of files no longer loaded is not offered


def test_four_role_columns_still_fit_one_letter_page(tmp_path: Path) -> None:
    roles = ["hurt"] * 3 + ["broke"] * 3 + ["both"] * 3 + [None] * 3
    group = [person(f"p{i}", role, shared={k: (20, 40 + i) for k in ("safety", "uncover", "recommit")},
                    stages={k: (25, 50 + i) for k in ("safety", "uncover", "apologise", "attune", "recommit")},
                    pulse=(30, 40 + 2 * i)) for i, role in enumerate(roles)]
    e = ev.evaluate(sm.load_many(files(*group)).summaries)
    assert len(e.roles) == 4
    blob = evaluation_pdf.course_evaluation(e, "letter")
    assert info(blob, tmp_path)["Pages"].strip() == "1"
    assert "Role not" in _flat(text_of(blob, tmp_path))  # a column head, wrapped over lines
