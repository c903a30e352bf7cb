"""What people read on the screen is words and ordinary dates, never internal keys (issue 13, items 7-9, 11)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

import trust_workshop as tw
from trust_workshop.model import progress, writing
from trust_workshop.outputs import pdf
from trust_workshop.views import charts

from .. import ui
from ..conftest import shown


def test_the_share_preview_reads_as_words_with_the_exact_file_folded_away(opened) -> None:
    j = opened.journal
    j.record_pulse({it: 4 for it in ("know_what_to_expect", "caught_off_guard", "count_on_when_it_matters",
                                     "follows_through", "need_to_double_check", "cares_whatever_happens",
                                     "good_faith")}, date="2026-11-05")
    share = tw.share_summary()
    ui.type_into(share, "Pseudonym:", "Blue Heron")
    ui.click(share, "Show me what would be shared")
    page = ui.markup(share)
    words = page.split("<details>")[0]
    assert "Your pseudonym" in words and "Blue Heron" in words and "5 November 2026" in words
    assert "stage_scores" not in words and '"pulse"' not in words, "no JSON keys outside the folded file"
    assert "<details><summary>The exact file" in page and "stage_scores" in page
    assert "Save my summary" in page and "tw-download" in page


def test_the_journey_shows_saved_times_as_dates_and_apology_parts_by_name(opened) -> None:
    opened.journal.set_entry("exercise.apology_builder", {"draft": "I am sorry I lied.", "covered": ["regret"]})
    view = tw.journey()
    ui.control(view, "Show my saved reflections and writing").value = True
    text = ui.markup(view)
    assert "Expression of regret" in text and "['regret']" not in text
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}", text), "no raw timestamps"
    assert re.search(r"saved \d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2}", text)


def test_when_reads_any_saved_time_or_gives_nothing() -> None:
    assert writing.when("2026-12-02T01:56:17") == "2 December 2026, 01:56"
    assert writing.when("not a time") == "" and writing.when(None) == ""


def test_open_promises_are_counted_apart_never_as_kept() -> None:
    log = [{"date": "2026-11-02", "promise": "a", "kept": "yes"},
           {"date": "2026-11-03", "promise": "b", "kept": "not yet"}]
    rates = progress.kept_rates(log)
    caption = charts.kept_rate_caption(rates, progress.open_promises(log))
    assert "1 of 1 (100%)" in caption and "1 promise is still open" in caption
    assert "still open" not in charts.kept_rate_caption(rates)


def test_no_message_points_to_a_section_that_is_not_on_the_page(opened) -> None:
    baseline = tw.baseline_checkin()
    assert "Seeing your progress" not in shown(baseline)
    assert "My journey" in shown(baseline)


def test_the_apology_worksheet_has_lines_for_the_draft(tmp_path: Path) -> None:
    path = tmp_path / "h.pdf"
    path.write_bytes(pdf.handout("apologise"))
    text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "My draft apology" in text
    data = pdf.handout_data("apologise")
    sheet = next(ex for ex in data["worksheet"] if ex.get("draft"))
    assert sheet["draft"]["lines"] >= 8


@pytest.mark.parametrize("make", [tw.handout_download, tw.report_download, tw.my_data])
def test_every_download_button_fits_a_phone(opened, make) -> None:
    view = make("uncover") if make is tw.handout_download else make()
    labels = [b.description for b in _buttons(view)]
    assert labels and all(len(label) <= 20 for label in labels), labels


def _buttons(widget):
    import ipywidgets as w

    if isinstance(widget, w.Button):
        yield widget
    for child in getattr(widget, "children", ()):
        yield from _buttons(child)
