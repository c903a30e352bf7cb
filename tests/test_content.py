"""The content data: every file matches its schema, and the cross-file rules hold."""

from __future__ import annotations

import re
import string

import jsonschema
import pytest

from trust_workshop import content
from trust_workshop.content import filled, loader, safety


@pytest.mark.parametrize("name", content.DATA_FILES)
def test_each_file_matches_its_schema(name: str) -> None:
    jsonschema.Draft202012Validator.check_schema(content.schema(name))
    jsonschema.validate(content.raw(name), content.schema(name))


def test_cross_file_rules_hold() -> None:
    content.validate_all()


def test_a_schema_violation_is_reported_with_its_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """The loader itself (content.raw) refuses a file that breaks its schema, naming the place."""
    real = loader._read_text

    def broken_stages(folder: str, name: str) -> str:
        if (folder, name) == ("data", "stages.yaml"):
            return "stages:\n  - number: 0\n    key: x\n"
        return real(folder, name)

    monkeypatch.setattr(loader, "_read_text", broken_stages)
    content.raw.cache_clear()
    try:
        with pytest.raises(content.ContentError, match=r"stages\.yaml is not valid at stages: .*at least 9"):
            content.raw("stages")
    finally:
        content.raw.cache_clear()


def test_nine_stages_in_order_with_notebook_names() -> None:
    stages = content.stages()
    assert [s.number for s in stages] == list(range(9))
    assert all(re.fullmatch(rf"{s.number:02d}-[a-z0-9-]+", s.notebook) for s in stages)
    assert content.stage("uncover").number == 1
    assert content.stage(1).key == "uncover"
    with pytest.raises(KeyError, match="The stages are"):
        content.stage("nonsense")


@pytest.mark.parametrize("key", [s.key for s in content.stages()])
def test_checkin_design(key: str) -> None:
    items = content.checkin_items(key)
    assert 4 <= len(items) <= 6
    assert any(it.reverse for it in items), "each stage needs a reverse-keyed item"
    assert any(not it.reverse for it in items)
    assert len({it.id for it in items}) == len(items)


def test_role_variants_change_the_wording_somewhere() -> None:
    changed = 0
    for s in content.stages():
        hurt = content.checkin_items(s.key, "hurt")
        broke = content.checkin_items(s.key, "broke")
        changed += sum(a.text != b.text for a, b in zip(hurt, broke, strict=True))
        assert [a.id for a in hurt] == [b.id for b in broke], "ids must not depend on role"
    assert changed >= 9


def test_context_words_are_filled_in_everywhere() -> None:
    for ctx in content.CONTEXT_KEYS:
        texts = [it.text for s in content.stages() for r in content.ROLE_KEYS
                 for it in content.checkin_items(s.key, r, ctx)]
        texts += [it.text for it in content.pulse_items(ctx)]
        texts += [p["text"] for s in content.stages() for kind in ("reflection", "homework")
                  for p in content.prompts(s.key, kind, None, ctx)]
        for text in texts:
            assert "{" not in text and "}" not in text, text
    assert "my colleague" in " ".join(it.text for it in content.pulse_items("workplace")) or any(
        "my colleague" in it.text for s in content.stages() for it in content.checkin_items(s.key, None, "workplace"))


def test_placeholders_are_only_the_known_four() -> None:
    known = {"other", "others", "us", "ritual"}

    def walk(value):
        return (text for _, text in filled.strings(value))

    template = content.raw("exercises")["i_statement"]["template"]
    for name in ("checkins", "pulse", "prompts", "exercises"):
        for text in walk(content.raw(name)):
            fields = {f for _, f, _, _ in string.Formatter().parse(text) if f is not None}
            allowed = known | ({"feeling", "situation", "need"} if text == template else set())
            assert fields <= allowed, (name, text)


def test_pulse_covers_three_dimensions() -> None:
    items = content.pulse_items()
    assert 6 <= len(items) <= 8
    assert {it.dimension for it in items} == {"predictability", "dependability", "faith"}
    assert any(it.reverse for it in items)


def test_every_stage_has_reflection_and_homework_for_every_role() -> None:
    for s in content.stages():
        for role in content.ROLE_KEYS:
            assert len(content.prompts(s.key, "reflection", role)) >= 2
            assert len(content.prompts(s.key, "homework", role)) >= 2


def test_contexts_and_roles() -> None:
    assert sorted(c.key for c in content.contexts()) == sorted(content.CONTEXT_KEYS)
    assert [r.key for r in content.roles()] == ["broke", "hurt", "both"]


def test_crisis_resources_hold_the_known_numbers_and_the_facilitator_note() -> None:
    contacts = " ".join(r.contact + " " + r.text for region in safety.regions() for r in region.resources)
    for number in ("112", "911", "999", "000", "1-800-799-7233", "88788", "0808 2000 247", "1800 737 732",
                   "988", "116 123", "13 11 14", "1737"):
        assert number in contacts
    assert "check" in safety.resources_data()["facilitator_note"].lower()


def test_scale_has_labelled_ends() -> None:
    labels = content.scale_labels()
    assert sorted(labels) == [1, 2, 3, 4, 5]
    assert "disagree" in labels[1].lower() and "agree" in labels[5].lower()


def test_safety_check_covers_the_brief() -> None:
    text = " ".join(q.label for q in safety.questions()).lower()
    for word in ("afraid", "hurt", "threat", "control", "tracked", "cut off", "ending my life", "affair",
                 "gambling", "afraid of me"):
        assert word in text
