"""The feedback form and the facilitator's reader, as people use them."""

from __future__ import annotations

import base64
import re

import ipywidgets as w

import trust_workshop as tw
from trust_workshop.model import feedback as fb
from trust_workshop.model import journal as jr

from .. import ui
from ..conftest import restart_kernel


def test_answers_are_kept_and_the_file_has_no_name(opened) -> None:
    view = tw.feedback_form()
    scales = [x for x in ui.on_screen(view) if isinstance(x, w.ToggleButtons)]
    scales[0].value = 4
    ui.type_into(view, "What helped you most?", "The time-out plan.")
    restart_kernel()
    again = tw.feedback_form()
    assert [x for x in ui.on_screen(again) if isinstance(x, w.ToggleButtons)][0].value == 4
    assert ui.control(again, "What helped you most?").value == "The time-out plan."
    ui.click(again, "Make my feedback file")
    link = re.search(r"base64,([A-Za-z0-9+/=]+)", ui.markup(again)).group(1)
    raw = base64.b64decode(link)
    assert b"Sam" not in raw and jr.Journal.open("Sam").profile_name == "Sam"
    assert fb.read(raw)["comments"][0] == "The time-out plan."


def test_the_reader_shows_nothing_from_two_files_and_counts_from_three() -> None:
    view = tw.feedback_reader()
    n = len(fb.wording()["scale_items"])
    files = [fb.anonymous_file({"ratings": [r] + [None] * (n - 1), "comments": [f"<b>c{i}</b>", "", ""]})
             for i, r in enumerate((5, 4, 5))]
    ui.upload(view, "Add feedback files", "a.json", files[0])
    view.show_tally(fb.tally([("a.json", files[0]), ("b.json", files[1])]))
    assert "Nothing is shown" in ui.markup(view) and "c0" not in ui.markup(view)
    view.show_tally(fb.tally([(f"{i}.json", f) for i, f in enumerate(files)]))
    page = ui.markup(view)
    assert "3 feedback files" in page and "&lt;b&gt;c1&lt;/b&gt;" in page and "<b>c1</b>" not in page
