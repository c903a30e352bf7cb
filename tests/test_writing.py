"""Saved answers shown back with the question they answer, never with internal ids."""

from __future__ import annotations

from trust_workshop import content
from trust_workshop.model import writing


def test_a_reflection_is_labelled_with_its_prompts() -> None:
    prompts = content.prompts("uncover", "reflection")
    value = {prompts[0]["id"]: "first answer", prompts[1]["id"]: "", prompts[2]["id"]: "third answer"}
    found = writing.parts("reflection.uncover", value)
    assert [(p.label, p.text) for p in found] == [(prompts[0]["text"], "first answer"),
                                                  (prompts[2]["text"], "third answer")]
    assert writing.title("reflection.uncover") == f"Reflection: {content.stage('uncover').title}"


def test_homework_shows_the_idea_in_words_and_done_only_when_done() -> None:
    idea = content.prompts("uncover", "homework")[0]
    found = writing.parts("homework.uncover", {"done": True, "idea": idea["id"], "plan": "Sunday walk"})  # as stored
    assert ("The idea I chose", idea["text"]) in [(p.label, p.text) for p in found]
    assert ("My plan", "Sunday walk") in [(p.label, p.text) for p in found]
    assert [p.label for p in found] == ["The idea I chose", "My plan", "Done"]
    assert ("Done", "yes") in [(p.label, p.text) for p in found]
    assert "Done" not in [p.label for p in writing.parts("homework.uncover", {"done": False, "plan": "x"})]


def test_records_use_their_field_labels_and_forms_their_field_labels() -> None:
    fields = {f["id"]: f["label"] for f in content.exercise("promise_log")["record_fields"]}
    found = writing.parts("exercise.promise_log", [{"date": "2026-09-01", "promise": "Call at six", "kept": "yes"}])
    assert len(found) == 1 and found[0].label == ""
    # One line per record, in the exercise's own order (the journal stores keys sorted).
    assert found[0].text == f"{fields['date']}: 2026-09-01 · {fields['promise']}: Call at six · {fields['kept']} yes"
    form = content.exercise("hopes_worries")["fields"][0]
    assert writing.parts("exercise.hopes_worries", {form["id"]: "less shouting"}) == [
        writing.Part(form["label"], "less shouting")]


def test_unknown_keys_and_odd_values_still_read() -> None:
    assert writing.parts("exercise.no_such_thing", {"some_field": "kept"}) == [writing.Part("Some field", "kept")]
    assert writing.parts("exercise.x", ["one", "", "two"]) == [writing.Part("", "one\ntwo")]
    assert writing.parts("exercise.x", 5) == [] and writing.parts("exercise.x", None) == []
    assert writing.title("weird") == "weird"


def test_every_entry_a_page_saves_has_a_title_not_its_key(opened) -> None:
    """What the journey and the report's tick boxes show: the hurt person's 'what an apology would
    need' list is saved under its own key, and must read as a title too."""
    import trust_workshop as tw
    from tests import ui
    from trust_workshop.views import session as session_module

    for role in ("hurt", "broke"):
        session_module.session().set_setting("role", role)
        builder = tw.apology_builder()
        if role == "hurt":
            next(iter(builder.body[0].boxes.values())).value = True
        else:
            ui.type_into(builder, "My draft apology", "I am sorry.")
    keys = [e.key for e in session_module.session().journal.entries()]
    assert "exercise.apology_needs" in keys
    for key in keys:
        assert writing.title(key) != key and "exercise." not in writing.title(key)
