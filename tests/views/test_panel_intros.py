"""The general words every notebook used to repeat are said by the views, written once in the
content data (issue 18): the handout offer, the compare-answers frame, the help panel's intro,
and the check-in and homework intros. A notebook adds only what is true of its own stage."""

from __future__ import annotations

import html
import re

import pytest

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.content import compare as compare_words
from trust_workshop.content import safety as cs
from trust_workshop.model import safety as sm

from .. import ui


def _plain(panel) -> str:
    """What a person reads on the panel, as plain text with single spaces."""
    markup = re.sub(r"<style[^>]*>.*?</style>", " ", ui.markup(panel), flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup))).strip()


def _has(text: str, *phrases: str) -> None:
    for phrase in phrases:
        assert re.sub(r"\s+", " ", phrase).strip() in text, f"not shown: {phrase!r}"


def test_the_help_panel_opens_with_the_danger_line_in_bold(data_dir) -> None:
    page = tw.get_help()
    danger = cs.resources_data()["danger"]
    markup = re.sub(r"<style[^>]*>.*?</style>", "", ui.markup(page), flags=re.S)
    after_title = markup.split("</h3>", 1)[1].lstrip()
    assert after_title.startswith("<p") and f"<b>{danger}</b>" in after_title.split("</p>", 1)[0], \
        "the danger line is the first thing under the panel's title"
    assert _plain(page).count("If you are in danger right now") == 1, "said once, not twice"


def test_the_help_panel_says_when_to_reach_out_and_where_the_numbers_are(data_dir) -> None:
    page = tw.get_help()
    text = _plain(page)
    words = cs.resources_data()["help_page"]
    _has(text, words["reach_out"], *words["signs"], words["not_sure"], words["facilitator"], words["below"])
    _has(text, "a professional, a helpline or the emergency services", "talk with them privately",
         "Choose your country once", "last checked", sm.checked_note())
    # The numbers follow the intro, and the note on when they were checked follows the numbers.
    assert text.index(words["below"]) < text.index("999") < text.index(sm.checked_note())


def test_the_handout_offer_says_nothing_typed_is_printed(data_dir) -> None:
    text = _plain(tw.handout_download("uncover"))
    _has(text, content.panel("handout", "uncover")["intro"], "on paper", "Nothing you typed is printed on it")


def test_the_stage_comparison_frames_itself_before_anyone_opens_a_journal(data_dir) -> None:
    text = _plain(tw.compare_answers("uncover"))
    _has(text, *(compare_words.text(k) for k in ("short_intro", "how", "safety")))
    _has(text, "If you both took part", "something to talk about, never a verdict",
         "Each of you opens your own journal", "in your own turn", "Either of you can",
         "Only compare if it feels safe", "If you ticked anything in the private safety check")


def test_the_checkin_and_homework_carry_their_general_intros(opened) -> None:
    _has(_plain(tw.checkin("uncover")), content.panel("checkin", "uncover")["intro"],
         "Answer for how things are now", "no right answers", "leave out any statement that does not fit")
    _has(_plain(tw.homework("uncover")), content.panel("homework", "uncover")["intro"],
         "in the days ahead")
    _has(_plain(tw.baseline_checkin()), "Answer for how things are now", "no right answers")


@pytest.mark.parametrize("context_key", content.CONTEXT_KEYS)
@pytest.mark.parametrize("role_key", content.ROLE_KEYS)
def test_the_general_intros_show_in_every_context_and_role(opened, context_key: str, role_key: str) -> None:
    opened.set_setting("context", context_key)
    opened.set_setting("role", role_key)
    for stage in content.stage_keys():
        _has(_plain(tw.checkin(stage)), content.panel("checkin", stage)["intro"])
        _has(_plain(tw.homework(stage)), content.panel("homework", stage)["intro"])
        _has(_plain(tw.handout_download(stage)), content.panel("handout", stage)["intro"])
        _has(_plain(tw.compare_answers(stage)), compare_words.text("short_intro"), compare_words.text("safety"))
    help_text = _plain(tw.get_help())
    assert help_text.startswith(cs.resources_data()["help_page"]["title"] + " " + cs.resources_data()["danger"])
