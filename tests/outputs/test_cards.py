"""Cards to give: card-sized, the participant's words exactly, only the ticked lines, nothing written to disk."""

from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from trust_workshop import content
from trust_workshop.model import journal as jr
from trust_workshop.outputs import card_downloads, cards

from .. import ui
from .test_pdf import HOSTILE, fonts_embedded, info, text_of

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="POPPLER MISSING: apt-get install poppler-utils (.ci/run does this)")
ROOT = Path(__file__).resolve().parents[2]
POINTS_PER_MM = 72 / 25.4
TEN = ["You tell me when you're running late.", "You keep small promises.", "You listen to the end.",
       "You are honest when it's hard.", "You come home when you say.", "You ask before you borrow.",
       "You tell me the truth about money.", "You remember what matters to me.", "You say sorry and mean it.",
       "You make room for me to be upset."]


def page_sizes_mm(blob: bytes, tmp_path: Path) -> list[tuple[float, float]]:
    """Every page's size in millimetres, as pdfinfo reads it."""
    path = tmp_path / "sizes.pdf"
    path.write_bytes(blob)
    out = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", str(path)], capture_output=True, text=True,
                         check=True).stdout
    found = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", out)
    return [(float(w) / POINTS_PER_MM, float(h) / POINTS_PER_MM) for w, h in found]


def flat(blob: bytes, tmp_path: Path) -> str:
    return re.sub(r"\s+", " ", text_of(blob, tmp_path))


def saved_pdf(view) -> bytes:
    return base64.b64decode(re.search(r"base64,([^']+)'", ui.markup(view)).group(1))


def test_only_the_two_lists_have_cards_and_their_wording_is_complete() -> None:
    assert cards.card_keys() == ["ten_things", "appreciation_log"]
    for key in cards.card_keys():
        wording = cards.card_wording(key)
        assert wording["heading"] and wording["intro"]
    assert cards.heading("ten_things", 10) == "Ten things I trust about you"
    assert cards.heading("ten_things", 3) == "Things I trust about you"  # not "ten" above three lines
    with pytest.raises(KeyError):
        cards.card_wording("shared_goals")


@pytest.mark.parametrize(("size", "mm"), [("a6", (105, 148)), ("postcard", (101.6, 152.4))])
def test_the_card_is_card_sized_with_the_words_as_written(size: str, mm: tuple, tmp_path: Path) -> None:
    blob = cards.card("ten_things", TEN, "Sam", "Alex", size)
    [(width, height)] = page_sizes_mm(blob, tmp_path)
    assert abs(width - mm[0]) < 0.3 and abs(height - mm[1]) < 0.3
    text = flat(blob, tmp_path)
    assert "Ten things I trust about you" in text
    for line in TEN:
        assert line in text, line
    assert "To Sam" in text and "From Alex" in text
    assert "Rebuilding Trust" not in text and "Rebuilding Trust" not in info(blob, tmp_path).get("Author", "")
    assert fonts_embedded(blob, tmp_path)
    with pytest.raises(ValueError):
        cards.card("ten_things", TEN, paper_size="a4")


def test_blank_names_leave_lines_to_write_on(tmp_path: Path) -> None:
    text = flat(cards.card("appreciation_log", ["You made me tea."]), tmp_path)
    assert "Things I noticed and valued" in text and "You made me tea." in text
    assert re.search(r"\bTo\b", text) and re.search(r"\bFrom\b", text)


def test_hostile_odd_and_long_text_prints_literally(tmp_path: Path) -> None:
    emoji, rtl = "I trust you 💔 🙏 🤝 👍🏽", "أنا أثق بك שלום"
    long_line = ("I trust you to keep going when it is hard. " * 47)[:1990] + " THE-END"
    lines = [*HOSTILE, emoji, rtl, "Unbreakable" * 20] + [long_line] * 10
    blob = cards.card("ten_things", lines, to="<b>Zoë</b> #set", sender="$x$ {{ y }}")
    text = flat(blob, tmp_path)
    for piece in HOSTILE:
        assert piece in text, piece
    assert "<b>Zoë</b> #set" in text and "$x$ {{ y }}" in text
    for ch in ("💔", "🙏", "🤝"):
        assert ch in text
    assert "שלום" in text or "םולש" in text
    assert "Unbreakable" * 20 in re.sub(r"[\s\u200b]+", "", text_of(blob, tmp_path))
    assert text.count("THE-END") == 10  # 10 x 2,000 characters flow onto more cards, none cut off
    sizes = page_sizes_mm(blob, tmp_path)
    assert 2 <= len(sizes) <= 20 and all(abs(w - 105) < 0.3 and abs(h - 148) < 0.3 for w, h in sizes)


def test_right_to_left_lines_are_marked_so() -> None:
    assert cards.right_to_left("أنا أثق بك") and cards.right_to_left("« שלום")
    assert not cards.right_to_left("Thank you שלום") and not cards.right_to_left("123")
    data = cards.card_data("ten_things", ["שלום", "hello", "   "], to="x" * 500)
    assert [i["rtl"] for i in data["items"]] == [True, False]  # blank lines are left out
    assert len(data["to"].replace("\u200b", "")) == cards.MAX_NAME


def test_the_appreciation_card_prints_only_what_is_ticked(opened, tmp_path: Path) -> None:
    log = ["You made me tea when I got in late.", "PRIVATE: I still check your phone.", "You said thank you."]
    opened.journal.set_entry("exercise.appreciation_log", log)
    view = card_downloads.card_to_give("appreciation_log")
    boxes = {box.description: box for box in ui.on_screen(view) if isinstance(box, ui.w.Checkbox)}
    assert list(boxes) == log and not any(b.value for b in boxes.values())  # nothing starts ticked
    ui.click(view, "Make card")
    assert "Tick at least one line" in view.status and "base64" not in ui.markup(view)
    boxes[log[0]].value = boxes[log[2]].value = True
    ui.type_into(view, "To:", "Mum")
    ui.click(view, "Make card")
    assert "download='things-i-noticed-and-valued.pdf'" in ui.markup(view)
    text = flat(saved_pdf(view), tmp_path)
    assert log[0] in text and log[2] in text and "To Mum" in text
    assert "PRIVATE" not in text and "check your phone" not in text
    journal = jr.Journal.open("Sam")
    assert journal.entry("exercise.appreciation_log") == log  # the card changes nothing saved
    assert "Mum" not in journal.path.read_text("utf-8")  # names on the card are not saved


def test_a_list_changed_above_is_shown_again_before_a_card_is_made(opened, tmp_path: Path) -> None:
    opened.journal.set_entry("exercise.ten_things", TEN[:2])
    view = card_downloads.card_to_give("ten_things")
    assert all(b.value for b in ui.on_screen(view) if isinstance(b, ui.w.Checkbox))  # ten things start ticked
    ui.control(view, TEN[1], ui.w.Checkbox).value = False
    opened.journal.set_entry("exercise.ten_things", [*TEN[:2], "A new line I have not seen on the card"])
    ui.click(view, "Make card")
    assert "changed" in view.status and "base64" not in ui.markup(view)
    assert ui.control(view, TEN[1], ui.w.Checkbox).value is False  # the untick is kept
    ui.control(view, "A new line", ui.w.Checkbox).value = False
    ui.click(view, "Make card")
    text = flat(saved_pdf(view), tmp_path)
    assert TEN[0] in text and TEN[1] not in text and "A new line" not in text
    assert "Things I trust about you" in text and "Ten things" not in text


def test_an_empty_or_strange_list_says_so(opened) -> None:
    view = card_downloads.card_to_give("ten_things")
    assert "Nothing to print yet" in ui.markup(view)
    opened.journal.set_entry("exercise.ten_things", {"not": "a list"})
    view = card_downloads.card_to_give("ten_things")
    assert "Nothing to print yet" in ui.markup(view) and "tw-warning" not in view.status


def _snapshot(folder: Path) -> dict[str, tuple[int, int]]:
    found = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d not in {".git", ".venv", "__pycache__", ".pytest_cache"}]
        for name in filenames:
            path = Path(dirpath, name)
            found[str(path.relative_to(folder))] = (path.stat().st_size, path.stat().st_mtime_ns)
    return found


def test_making_a_card_writes_nothing_to_disk(opened, tmp_path: Path, monkeypatch) -> None:
    """The card is offered as a download; the repository, home, the working folder and the
    temporary folder are left as they were, and the journal is not rewritten."""
    home, scratch, work = (tmp_path / n for n in ("home", "tmp", "work"))
    for folder in (home, scratch, work):
        folder.mkdir()
    opened.journal.set_entry("exercise.ten_things", TEN)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    monkeypatch.chdir(work)
    repo_before = _snapshot(ROOT)
    journal_before = opened.journal.path.stat().st_mtime_ns
    view = card_downloads.card_to_give("ten_things")
    ui.type_into(view, "From:", "Alex")
    ui.click(view, "Make card")
    assert saved_pdf(view).startswith(b"%PDF")
    assert _snapshot(home) == {} and _snapshot(scratch) == {} and _snapshot(work) == {}
    assert opened.journal.path.stat().st_mtime_ns == journal_before
    changed = {k for k, v in _snapshot(ROOT).items() if repo_before.get(k) != v} | (repo_before.keys()
                                                                                  - _snapshot(ROOT).keys())
    assert changed == set(), changed


def test_the_notebooks_offer_each_card_right_after_its_list() -> None:
    import json

    for stage in content.stages():
        cells = json.loads((ROOT / "workshop" / f"{stage.notebook}.ipynb").read_text("utf-8"))["cells"]
        code = ["".join(c["source"]).strip() for c in cells if c["cell_type"] == "code"]
        for key in cards.card_keys():
            if f'list_builder("{key}")' in code:
                assert code[code.index(f'list_builder("{key}")') + 1] == f'card_to_give("{key}")'
    all_code = " ".join(
        "".join(c["source"]) for p in (ROOT / "workshop").glob("*.ipynb")
        for c in json.loads(p.read_text("utf-8"))["cells"] if c["cell_type"] == "code")
    assert all(f'card_to_give("{key}")' in all_code for key in cards.card_keys())
