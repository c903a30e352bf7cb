"""Reading a start-up: Gottman's four horsemen, and the parts of a gentle start-up (model.startup)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trust_workshop import content
from trust_workshop.model import startup

from . import reader_sets

DATA = content.exercise("gentle_startup")


def read(text: str) -> startup.StartupReading:
    return startup.read_startup(text, DATA["horsemen"], DATA["parts"])


def test_every_example_is_harsh_then_gentle_and_there_is_one_per_context() -> None:
    assert {e["context"] for e in DATA["examples"]} == {"couple", "family", "friendship", "workplace"}
    for example in DATA["examples"]:
        assert read(example["harsh"]).horsemen, example["harsh"]
        assert read(example["gentle"]).gentle, example["gentle"]


@pytest.mark.parametrize("text, heard", [
    ("You NEVER listen.", {"criticism"}),
    ("Oh please. Grow up.", {"contempt"}),
    ("It's not my fault, you're the one who forgot.", {"defensiveness"}),
    ("Whatever. Leave me alone.", {"stonewalling"}),
    ("I don't think you're stupid.", set()),                    # negated in its clause
    ("I feel worried when the bills pile up. Could we sit down on Sunday?", set()),
])
def test_horsemen_are_heard_in_what_is_said(text: str, heard: set[str]) -> None:
    assert set(read(text).horsemen) == heard


def test_a_rewrite_with_always_is_not_yet_gentle() -> None:
    reading = read("I feel hurt when you always forget. I need a reminder.")
    assert reading.absolutes == ["always"] and not reading.gentle


@given(st.text(max_size=2000))
def test_the_reader_never_crashes_on_any_text(text: str) -> None:
    read(text)


def test_the_start_up_reader_on_its_labelled_set() -> None:
    """tests/data/startups.yaml: 36 labelled start-ups across contexts; macro-F1 over the four horsemen."""
    figures = reader_sets.startup_figures()
    assert figures.n >= 30
    assert figures.macro_f1 >= 0.85, figures.table() + "\n" + "\n".join(figures.errors)
    assert figures.false_credits == 0, "a gentle start-up was heard as a horseman"
