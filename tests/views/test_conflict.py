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


def test_a_gentle_startup_not_yet_saved_survives_a_kernel_restart(opened) -> None:
    """Nothing typed is lost: both boxes come back after a restart, before "Save" was pressed."""
    view = tw.gentle_startup()
    ui.type_into(view, "What came out, or might have", "You never call when you're late.")
    ui.type_into(view, "My gentle start-up", "I feel worried when I don't hear from you.")
    restart_kernel()
    again = tw.gentle_startup()
    assert ui.control(again, "What came out, or might have").value == "You never call when you're late."
    assert ui.control(again, "My gentle start-up").value == "I feel worried when I don't hear from you."
    assert "My saved gentle start-ups" not in shown(again), "a draft is not shown as a saved start-up"


def test_saving_keeps_one_start_up_and_no_leftover_draft(opened) -> None:
    view = tw.gentle_startup()
    ui.type_into(view, "What came out, or might have", "You're useless with money.")
    ui.type_into(view, "My gentle start-up", "I feel anxious about the bills. Can we look at them together?")
    ui.click(view, "Save this gentle start-up")
    restart_kernel()
    again = tw.gentle_startup()
    assert [s["gentle"] for s in again.value] == ["I feel anxious about the bills. Can we look at them together?"]


def test_the_boxes_come_back_as_they_were_left(opened) -> None:
    """After a save the boxes still hold that start-up, and after a restart too; emptied, they stay empty."""
    view = tw.gentle_startup()
    ui.type_into(view, "My gentle start-up", "I feel left out when plans change. Can you tell me first?")
    ui.click(view, "Save this gentle start-up")
    restart_kernel()
    again = tw.gentle_startup()
    assert ui.control(again, "My gentle start-up").value.startswith("I feel left out")
    ui.type_into(again, "My gentle start-up", "")
    restart_kernel()
    emptied = tw.gentle_startup()
    assert ui.control(emptied, "My gentle start-up").value == ""
    assert len(emptied.saved_start_ups()) == 1
