"""Reading participants' words: apology components, excuse phrases, I-statements."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trust_workshop import content
from trust_workshop.model import language

DATA = content.exercise("apology_builder")


def read(draft: str) -> language.ApologyReading:
    return language.read_apology(draft, DATA["components"], DATA["excuse_phrases"], DATA["non_apology_phrases"])


FULL = ("I'm so sorry. I was scared of what you'd think, so I hid the letters. It was my fault and "
        "I take responsibility for lying to you. It won't happen again: from now on I'll open the post "
        "with you. I'd like to make it right by showing you every statement. When you're ready, I hope "
        "you can forgive me.")


def test_a_full_apology_covers_all_six_components() -> None:
    reading = read(FULL)
    assert reading.missing == [] and len(reading.covered) == 6
    assert reading.excuses == []


@pytest.mark.parametrize("draft, expected", [
    ("i am sorry", {"regret"}),
    ("I’M SORRY!!!", {"regret"}),                         # curly apostrophe, capitals
    ("I'm   sorry,\nreally.", {"regret"}),                # odd spacing and line breaks
    ("It was my fault.", {"responsibility"}),
    ("Please forgive me.", {"forgiveness"}),
    ("From now on, I'll tell you first.", {"repentance"}),
    ("Sorry.", {"regret"}),                               # thin, but an expression of regret
    ("im sorry i lied", {"regret", "responsibility"}),    # text-message spelling
    ("I deeply regret it.", {"regret"}),                  # a filler word between "I" and the verb
    ("I will not do it again.", {"repentance"}),          # long forms read like "I won't"
    ("", set()),
])
def test_components_are_found_however_the_draft_is_written(draft: str, expected: set[str]) -> None:
    assert expected <= set(read(draft).covered)
    if not expected:
        assert read(draft).covered == {}


def test_cues_match_whole_words_only() -> None:
    assert language.find_phrases("I buttered the toast", ["but"]) == []
    assert language.find_phrases("Fine, but you started it", ["but"]) == ["but"]
    assert language.find_phrases("I didn't mean to", ["i did"]) == []


@pytest.mark.parametrize("draft, phrase", [
    ("I'm sorry, but you made me do it.", "you made me"),
    ("I'm sorry, but you made me do it.", "but"),
    ("Can we just move on? Let's move on.", "let's move on"),
    ("Honestly, everyone does it.", "everyone does"),
])
def test_excuse_and_blame_phrases_are_flagged_with_a_reason(draft: str, phrase: str) -> None:
    flagged = dict(read(draft).excuses)
    assert phrase in flagged and len(flagged[phrase]) > 20


@pytest.mark.parametrize("draft", [
    "I did nothing wrong. I thought you knew. Let me know when you're ready.",   # issue 15's example
    "I'm sorry you feel that way.",
    "I'm sorry if that upset you.",
    "Mistakes were made.",
    "We both said things we didn't mean.",
    "My intention was never to hurt you.",
    "I wasn't lying, I just didn't mention it.",
    "I'm not going to apologise for that.",
    "I'm sorry, but you made me do it.",
])
def test_non_apologies_get_no_credit_and_a_kind_reason(draft: str) -> None:
    reading = read(draft)
    assert reading.covered == {} and not reading.is_apology
    assert reading.non_apology and all(len(why) > 20 for _, why in reading.non_apology)


def test_negation_in_the_same_clause_cancels_a_cue_but_not_in_another() -> None:
    assert "responsibility" not in read("I'm sorry. I don't think it's on me.").covered
    assert "responsibility" in read("I didn't tell you, and that's on me.").covered
    assert "forgiveness" not in read("I'm sorry I lied. I'm not asking you to forgive me.").covered


def test_blame_takes_back_the_responsibility_owned() -> None:
    reading = read("I'm sorry I shouted. I was wrong. But you made me so angry.")
    assert not reading.is_apology and reading.taken_back == ["you made me", "but you"]
    assert "you made me" in dict(reading.non_apology)


def test_owning_it_keeps_an_apology_even_with_a_clumsy_phrase() -> None:
    reading = read("I'm sorry if this comes out badly. I lied to you and it was my fault.")
    assert reading.is_apology and {"regret", "responsibility"} <= set(reading.covered)


def test_a_sincere_apology_without_excuses_has_no_flags() -> None:
    assert read("I am sorry. I lied to you and it was my fault.").excuses == []


@given(st.text(max_size=3000))
def test_the_helpers_never_crash_on_any_text(text: str) -> None:
    reading = read(text)
    assert len(reading.covered) + len(reading.missing) == 6
    language.read_accusation(text)


def test_very_long_text_is_read_only_up_to_the_cap() -> None:
    # The cap bounds the work on a pasted essay; how long reading takes is not timed here.
    assert "regret" in read("but " * 4_000 + "I'm sorry").covered  # within the cap: the end is read
    beyond = "but " * 50_000 + "I'm sorry"
    assert len("but " * 50_000) > language.MAX_TEXT
    reading = read(beyond)  # nothing breaks ...
    assert "regret" not in reading.covered  # ... and the end, beyond the cap, is not read
    assert language.find_phrases(beyond, ["I'm sorry"]) == []
    language.read_accusation(beyond)


@pytest.mark.parametrize("accusation, absolutes, feeling, situation", [
    ("You NEVER listen to me!", ["never"], "", "you don't listen to me"),
    ("You always make me feel stupid when we talk about money.", ["always"], "stupid", "we talk about money"),
    ("You’re always late.", ["always"], "", "you're late"),
    ("you made me so angry", [], "angry", ""),
    ("Why do you keep lying?", [], "", "why do you keep lying"),
])
def test_accusations_split_into_i_statement_parts(accusation, absolutes, feeling, situation) -> None:
    reading = language.read_accusation(accusation)
    assert reading.absolutes == absolutes
    assert reading.feeling == feeling
    assert reading.situation == situation


def test_blame_phrases_are_named() -> None:
    assert language.read_accusation("You always make me feel small").blame == ["you make me"]
    assert language.read_accusation("It's your fault").blame == ["it's your fault"]
    assert language.read_accusation("I feel hurt").starts_with_you is False


def test_i_statement_is_composed_only_when_all_parts_are_there() -> None:
    template = content.exercise("i_statement")["template"]
    assert language.i_statement(template, "unheard", "I'm interrupted", "") == ""
    text = language.i_statement(template, " unheard ", "I'm interrupted.", "to finish my thought!")
    assert text == template.format(feeling="unheard", situation="I'm interrupted", need="to finish my thought")
    odd = language.i_statement(template, "{x}", "$y$ <b>", "\\n")
    assert "{x}" in odd and "$y$ <b>" in odd


def test_every_content_example_composes() -> None:
    data = content.exercise("i_statement")
    for ex in data["examples"]:
        assert language.i_statement(data["template"], ex["feeling"], ex["situation"], ex["need"])


def test_the_i_statement_reader_on_its_labelled_set() -> None:
    """tests/data/accusations.yaml: 32 labelled 'you' sentences across contexts."""
    from . import reader_sets

    figures, feeling = reader_sets.accusation_figures()
    assert figures.n >= 30
    assert figures.macro_f1 >= 0.85, figures.table() + "\n" + "\n".join(figures.errors)
    assert feeling >= 0.9
