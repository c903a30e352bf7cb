"""Hostile and odd share cards: each is refused with a clear, kind message, shows nothing, and
changes nothing. Every case runs through ``sharecard.read`` and through the panel's upload."""

from __future__ import annotations

import html
import io
import json
import zipfile

import pytest

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.model import contents as ct
from trust_workshop.model import journal as jr
from trust_workshop.model import sharecard as sc
from trust_workshop.model import transfer as tf
from trust_workshop.views import session as session_module

from .. import ui
from .helpers import snapshot

MB = 1024 * 1024


def _card(**changes) -> dict:
    j = ct.Contents(ct.new_journal("Alex"))
    j.data["settings"]["role"] = "broke"
    j.data["checkins"].append({"kind": "stage", "stage": "uncover", "date": "2026-11-02", "updated": "x",
                               "answers": {it.id: 2 for it in content.checkin_items("uncover")}})
    card = sc.build(j, consent=True)
    card.update(changes)
    return card


def _raw(value) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("card.json", _raw(_card()))
    return buffer.getvalue()


def _answers(value) -> bytes:
    card = _card()
    card["checkins"]["uncover"]["answers"]["can_describe"] = value
    return _raw(card)


HOSTILE = {
    "empty": (lambda: b"", "empty"),
    "only spaces": (lambda: b"   \n ", "empty"),
    "not JSON": (lambda: b"{ this is not json", "not a share card"),
    "a zip renamed": (_zip, "zip archive"),
    "UTF-16 text": (lambda: json.dumps(_card()).encode("utf-16"), "not a text file"),
    "three megabytes": (lambda: _raw(_card(name="x" * (3 * MB))), "far too big"),
    "nested 100000 deep": (lambda: b"[" * 100_000 + b"]" * 100_000, "nested far too deeply"),
    "a 5000-digit number": (lambda: _raw(_card()).replace(b'"version": 1', b'"version": ' + b"9" * 5000), "digits"),
    "NaN": (lambda: _raw(_card()).replace(b'"version": 1', b'"version": NaN'), "not a number"),
    "a list": (lambda: b"[1, 2, 3]", "not made by 'Make my share card'"),
    "a whole journal": (lambda: tf.export_bytes(jr.Journal("Alex", ct.new_journal("Alex"))), "whole journal"),
    "a group summary": (lambda: _raw({"format": "trust-workshop-group-summary", "version": 1}), "group summary"),
    "a newer version": (lambda: _raw(_card(version=99)), "newer version"),
    "no consent": (lambda: _raw(_card(consent=False)), "changed by hand"),
    "a safety check added": (lambda: _raw(_card(safety_check=["fear"])), "changed by hand"),
    "an answer of 6": (lambda: _answers(6), "changed by hand"),
    "an answer of 0": (lambda: _answers(0), "changed by hand"),
    "an answer of true": (lambda: _answers(True), "changed by hand"),
    "an answer as text": (lambda: _answers("5"), "changed by hand"),
    "an answer of 4.5": (lambda: _answers(4.5), "changed by hand"),
    "a date off the calendar": (lambda: _raw(_card(created="2026-02-30")), "not on the calendar"),
    "a name of invisible characters": (lambda: _raw(_card(name="\u200b\u202e\u2066")), "no name"),
    "ten thousand stages": (lambda: _raw(_card(checkins={f"s{i}": {"date": "2026-01-01", "answers": {}}
                                                          for i in range(10_000)})), "changed by hand"),
    "an unknown role": (lambda: _raw(_card(role="admin")), "changed by hand"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_reader_refuses_kindly(case: str) -> None:
    make, expected = HOSTILE[case]
    with pytest.raises(sc.CardProblem) as caught:
        sc.read(make())
    message = str(caught.value)
    assert expected in message and "Nothing from it was shown or kept" in message
    assert "Traceback" not in message and "{" not in message and len(message) < 300


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_the_panel_refuses_kindly_shows_nothing_and_changes_nothing(case: str, data_dir) -> None:
    make, expected = HOSTILE[case]
    raw = make()
    jr.Journal.open("Sam").set_entry("exercise.impact_map", {"what_happened": "mine"})
    session_module.session().open("Sam")
    before = snapshot(data_dir)
    panel = tw.compare_answers()
    ui.choose(panel, "How will you compare?", "With a share card")
    ui.upload(panel, "Open their card", "card.json", raw)
    assert expected in html.unescape(panel.status) and "tw-warning" in panel.status
    assert not ui.shows(panel, "Show our comparison") and panel.result == ""
    assert snapshot(data_dir) == before


def test_markup_and_direction_tricks_in_a_card_are_shown_as_plain_text(data_dir) -> None:
    card = _card(name="<img src=x onerror=alert(1)>\u202eAlex",
                 writing=[{"title": "<script>alert(1)</script>",
                           "parts": [{"label": "<b>label</b>", "text": "<iframe src='http://example.org'>"}]}])
    session_module.session().open("Sam")
    jr.Journal.open("Sam").record_checkin("stage", "uncover", {it.id: 4 for it in content.checkin_items("uncover")})
    session_module.reset_session()
    session_module.session().open("Sam")
    panel = tw.compare_answers()
    ui.choose(panel, "How will you compare?", "With a share card")
    ui.upload(panel, "Open their card", "card.json", _raw(card))
    ui.controls(panel, "I, Sam, agree")[0].value = True
    ui.click(panel, "Show our comparison")
    page = ui.markup(panel)
    assert "<script>" not in page and "<img" not in page and "<iframe" not in page and "<b>label" not in page
    assert "\u202e" not in page, "a direction override in a name is dropped"
    assert "&lt;script&gt;" in page and panel.result
