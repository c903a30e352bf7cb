"""Printable PDFs: built from the content data, text exactly as typed, sane pages, embedded fonts."""

from __future__ import annotations

import base64
import datetime as dt
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from trust_workshop import content
from trust_workshop.content import safety as safety_content
from trust_workshop.model import journal as jr
from trust_workshop.model import plans
from trust_workshop.outputs import cli, pdf, pdf_downloads

from .. import ui

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="POPPLER MISSING: apt-get install poppler-utils (.ci/run does this)")
ROOT = Path(__file__).resolve().parents[2]
HOSTILE = ["#set page(width: 1cm)", "$x$", "back\\slash", "*bold?*", "<script>alert(1)</script>", "{{ x }}",
           "café", "e\u0301"]


def text_of(blob: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(blob)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def info(blob: bytes, tmp_path: Path) -> dict[str, str]:
    path = tmp_path / "info.pdf"
    path.write_bytes(blob)
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return dict(line.split(":", 1) for line in out.splitlines() if ":" in line)


def fonts_embedded(blob: bytes, tmp_path: Path) -> bool:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(blob)
    rows = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    return bool(rows) and all(re.search(r"\byes\s+yes\s+yes\b", r) for r in rows)


@pytest.mark.parametrize("stage", content.stages(), ids=lambda s: s.key)
def test_every_stage_handout(stage, tmp_path: Path) -> None:
    blob = pdf.handout(stage.key)
    text = text_of(blob, tmp_path)
    assert f"Stage {stage.number}: {stage.title}" in " ".join(text.split())
    assert "Where to get help" in text and "0808 2000 247" in text
    pages = int(info(blob, tmp_path)["Pages"])
    assert 2 <= pages <= 12
    assert fonts_embedded(blob, tmp_path)


def test_the_safety_check_is_never_printed(tmp_path: Path) -> None:
    text = " ".join(text_of(pdf.handout("safety"), tmp_path).split())
    for q in safety_content.questions():
        assert q.label[:30] not in text
    assert "never printed" in text


@pytest.mark.parametrize("fmt", plans.FORMATS)
def test_session_plans_have_the_agenda_and_script(fmt: str, tmp_path: Path) -> None:
    blob = pdf.session_plan("transparency", fmt)
    text = " ".join(text_of(blob, tmp_path).split())
    assert "Transparency and honest dialogue" in text and "Fidelity checklist" in text
    for b in plans.agenda("transparency", fmt):
        assert " ".join(b["title"].split()) in text
    assert "with core blocks only" in text
    assert text.count("✂ Optional:") == sum(
        not plans.is_core(b) for b in plans.agenda("transparency", fmt))


def test_paper_sizes(tmp_path: Path) -> None:
    assert "(A4)" in info(pdf.handout("uncover", "a4"), tmp_path)["Page size"]
    assert "(letter)" in info(pdf.handout("uncover", "letter"), tmp_path)["Page size"]
    with pytest.raises(ValueError):
        pdf.paper("A5")


def _journal_with(text: str) -> jr.Journal:
    j = jr.Journal.open("Report <b>person</b> #set")
    for n, date in enumerate(["2026-09-01", "2026-09-08", "2026-09-15"]):
        j.record_pulse({it.id: 2 + n for it in content.pulse_items()}, date=date)
    for s in content.stages():
        j.record_checkin("baseline", s.key, {it.id: 2 for it in content.checkin_items(s.key)}, date="2026-09-01")
    j.set_entry("reflection.uncover", {"p": text})
    j.set_entry("exercise.promise_log", [{"date": "2026-09-02", "promise": "x", "kept": "yes"}])
    return j


def test_report_prints_hostile_text_exactly_as_typed_only_when_ticked(tmp_path: Path) -> None:
    long_word = "Unbreakable" * 20
    answer = " ".join(HOSTILE) + " " + long_word + " " + "filler " * 1400 + "THE-END"
    assert len(answer) > 10_000
    j = _journal_with(answer)
    without = text_of(pdf.report(j, []), tmp_path)
    assert "THE-END" not in without and "<script>" not in without
    blob = pdf.report(j, ["reflection.uncover"])
    text = text_of(blob, tmp_path)
    flat = re.sub(r"\s+", " ", text)
    for piece in HOSTILE:
        assert piece in flat, piece
    assert long_word in re.sub(r"[\s\u200b]+", "", text)  # wrapped at invisible breaks, no hyphens added
    assert "THE-END" in text and "Report <b>person</b> #set" in flat
    assert "Reflection: Uncover the impact" in flat
    assert 2 <= int(info(blob, tmp_path)["Pages"]) <= 20


def test_report_is_deterministic_and_copes_with_a_thin_journal(tmp_path: Path) -> None:
    j = jr.Journal.open("Only baseline")
    j.record_checkin("baseline", "uncover", {it.id: 3 for it in content.checkin_items("uncover")}, date="2026-09-01")
    day = dt.date(2026, 11, 1)
    first, second = pdf.report(j, [], today=day), pdf.report(j, [], today=day)
    assert first == second
    text = text_of(first, tmp_path)
    assert "No trust pulse has been completed yet" in text
    empty = text_of(pdf.report(jr.Journal.open("Nothing yet"), []), tmp_path)
    assert "No stage check-ins have been completed yet" in empty


def test_cli_builds_every_handout_and_plan_and_a_report(tmp_path: Path, capsys) -> None:
    written = cli.build_all(tmp_path / "out", report=lambda *a: None)
    assert len(written) == 9 * 4 and all(p.stat().st_size > 5000 for p in written)
    _journal_with("cli words")
    assert cli.main(["report", "--profile", "report <b>person</b> #set", "--out", str(tmp_path / "r.pdf"),
                     "--include", "reflection.uncover"]) == 0
    assert "cli words" in text_of((tmp_path / "r.pdf").read_bytes(), tmp_path)
    assert cli.main(["report", "--profile", "Nobody", "--out", str(tmp_path / "n.pdf")]) == 2
    assert "No profile called 'Nobody'" in capsys.readouterr().err


def test_the_command_is_installed_with_a_progress_bar(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "trust-workshop"
    result = subprocess.run([str(exe), "handouts", "--out", str(tmp_path), "--paper", "letter"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "36/36" in result.stderr and "Wrote 36 PDFs" in result.stdout


def test_nbconvert_exports_a_stage_notebook_as_its_handout(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "jupyter"
    source = ROOT / "workshop" / "03-transparency-and-dialogue.ipynb"
    result = subprocess.run([str(exe), "nbconvert", "--to", "handout", "--output-dir", str(tmp_path), str(source)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    blob = (tmp_path / "03-transparency-and-dialogue.pdf").read_bytes()
    text = text_of(blob, tmp_path)
    assert "Stage 3: Transparency and honest dialogue" in " ".join(text.split())
    assert "from trust_workshop" not in text and "i_statement(" not in text


def test_notebook_download_links(opened, tmp_path: Path) -> None:
    view = pdf_downloads.handout_download("uncover")
    ui.click(view, "Make handout")
    blob = base64.b64decode(re.search(r"base64,([^']+)'", ui.markup(view)).group(1))
    assert blob.startswith(b"%PDF") and "download='handout-01-uncover-the-impact.pdf'" in ui.markup(view)
    opened.journal.set_entry("reflection.uncover", {"p": "ticked words"})
    opened.journal.set_entry("reflection.apologise", {"p": "unticked words"})
    report = pdf_downloads.report_download()
    ui.control(report, "Reflection: Uncover the impact", ui.w.Checkbox).value = True
    ui.click(report, "Make my report")
    text = text_of(base64.b64decode(re.search(r"base64,([^']+)'", ui.markup(report)).group(1)), tmp_path)
    assert "ticked words" in text and "unticked words" not in text


def test_cli_can_build_one_stage_and_explains_an_unknown_one(tmp_path: Path, capsys) -> None:
    assert cli.main(["handouts", "--out", str(tmp_path), "--stage", "transparency", "--handouts-only"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["handout-03-transparency-and-dialogue.pdf"]
    assert cli.main(["handouts", "--out", str(tmp_path), "--stage", "nope"]) == 2
    assert "No stage called 'nope'" in capsys.readouterr().err


def test_emoji_and_other_scripts_print_with_real_glyphs(tmp_path: Path) -> None:
    """Emoji come from the shipped Noto Emoji font (not empty boxes); Arabic and Hebrew from DejaVu Sans."""
    emoji = "I miss us 💔 🙏 🤝 👍🏽 👨‍👩‍👧 🇬🇧 ✨"
    rtl = "أنا آسف שלום"
    j = _journal_with(f"{emoji} {rtl} THE-END")
    blob = pdf.report(j, ["reflection.uncover"])
    path = tmp_path / "emoji.pdf"
    path.write_bytes(blob)
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "NotoEmoji" in fonts
    flat = re.sub(r"\s+", " ", text_of(blob, tmp_path))
    for ch in ("💔", "🙏", "🤝", "👍"):
        assert ch in flat, ch
    assert "שלום" in flat or "םולש" in flat
    assert fonts_embedded(blob, tmp_path)
