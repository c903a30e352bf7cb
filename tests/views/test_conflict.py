"""The gentle start-up rewriter as a participant uses it: horsemen heard, the rewrite read, saving, restoring."""

from __future__ import annotations

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.model import journal as jr
from trust_workshop.views import registry

from .. import ui
from ..conftest import restart_kernel, shown


def test_gentle_startup_hears_the_horsemen_and_reads_the_rewrite(opened) -> None:
    view = tw.gentle_startup()
    ui.type_into(view, "What came out, or might have", "Whatever. You never listen, you're pathetic.")
    text = shown(view)
    for name in ("Criticism", "Contempt", "Stonewalling", "Gentle start-up", "Self-soothing"):
        assert name in text
    assert "Defensiveness" not in text
    ui.type_into(view, "My gentle start-up", "You always forget.")
    assert "still has words" in shown(view) and "not there yet" in shown(view)
    ui.type_into(view, "My gentle start-up",
                 "I feel unheard when I'm interrupted. Could we take turns to finish a thought?")
    assert "still has words" not in shown(view) and "not there yet" not in shown(view)
    ui.click(view, "Save this gentle start-up")
    saved = jr.Journal.open("Sam").entry("exercise.gentle_startup")
    assert saved[0]["heard"] == "Criticism, Contempt, Stonewalling"
    restart_kernel()
    again = tw.gentle_startup()
    assert again.value[0]["gentle"].startswith("I feel unheard")
    assert "My saved gentle start-ups" in shown(again)


def test_an_example_fills_the_harsh_box_and_the_participants_context_comes_first(opened) -> None:
    view = tw.gentle_startup()
    first = next(e for e in content.exercise("gentle_startup")["examples"] if e["context"] == "couple")
    picker = ui.control(view, "Example:", ui.w.Dropdown)
    assert picker.options[1] == first["harsh"]
    picker.value = first["harsh"]
    assert ui.control(view, "What came out, or might have").value == first["harsh"]


def test_gentle_startup_will_not_save_an_empty_rewrite(opened) -> None:
    view = tw.gentle_startup()
    ui.click(view, "Save this gentle start-up")
    assert "gentle version first" in view.status and view.value == []


def test_gentle_startup_is_registered_once_with_a_worksheet() -> None:
    kind = registry.kinds()["gentle_startup"]
    assert kind.call("gentle_startup") == "gentle_startup()"
    sheet = kind.worksheet("gentle_startup")
    assert sheet["kind"] == "fields" and len(sheet["fields"]) == 3
    assert set(content.part_labels("gentle_startup")) == {"harsh", "heard", "gentle"}
