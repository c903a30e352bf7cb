"""Every participant-facing text that gets a context's words reads whole once filled: no
``{placeholder}`` is left, for all four contexts and every role (content/filled.py)."""

from __future__ import annotations

import pytest

from trust_workshop import content
from trust_workshop.content import filled


@pytest.mark.parametrize("context_key", content.CONTEXT_KEYS)
@pytest.mark.parametrize("role_key", content.ROLE_KEYS)
def test_no_filled_text_keeps_a_placeholder(context_key: str, role_key: str) -> None:
    found = list(filled.texts(context_key, role_key))
    kinds = {where.split(".")[0] for where, _ in found}
    assert kinds == {"checkin", "prompt", "pulse", "exercise", "safety", "compare"}
    left = [(where, text) for where, text in found if filled.unfilled(where, text)]
    assert not left, f"{context_key}/{role_key}: " + "; ".join(f"{w}: {t!r}" for w, t in left[:5])


def test_a_placeholder_left_in_a_text_is_found() -> None:
    assert filled.unfilled("prompt.x", "Talk with {othr} about {us}.") == ["{othr}", "{us}"]
    assert filled.unfilled("prompt.x", "No braces here.") == []
    # The I-statement's template is filled later from what the participant typed.
    template = content.exercise("i_statement")["template"]
    assert filled.unfilled("exercise.i_statement.template", template) == []
    assert filled.unfilled("exercise.other.template", template) == ["{feeling}", "{situation}", "{need}"]


def test_the_context_words_read_as_people_say_them() -> None:
    """Words found odd on reading every filled text (issue 18)."""
    every = " ".join(t for c in content.CONTEXT_KEYS for r in content.ROLE_KEYS for _, t in filled.texts(c, r))
    assert "my family member" not in every, "nobody says 'my family member' out loud"
    assert "I usually know what to expect from this family member." in every
    assert "retrospective" not in every, "plain words for the team's regular check-in"
    # A text that speaks to 'you' names the other person as 'your …', never 'my …'.
    assert "a real apology from your partner would need to include for you" in every
    assert "Do not ask your partner to take part" in every


def test_the_report_holds_every_context_in_one_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert filled.main([]) == 0
    text = capsys.readouterr().out
    for ctx in content.contexts():
        assert f"- {ctx.key}/" in text and ctx.other in text
    assert "## pulse.know_what_to_expect" in text and "{" not in text.replace("{feeling}", "")
