"""The written exercises: a form of text boxes, reflection prompts and a homework commitment.

They share one shape (labelled text boxes saved as a dict under one journal key), so
``form``, ``reflection`` and ``homework`` are all built on :class:`TextForm`.
"""

from __future__ import annotations

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model.contents import entry_key
from trust_workshop.views import registry
from trust_workshop.views.panel import Panel, box_text, paragraph, textarea


class TextForm(Panel):
    """Labelled text boxes; the answers save as ``{field_id: text}`` under ``key``."""

    def __init__(self, key: str, title: str, intro: str) -> None:
        self.key = key
        self._boxes: dict[str, w.Textarea] = {}
        super().__init__(title, intro)

    @property
    def boxes(self) -> dict[str, w.Textarea]:
        """The text boxes shown, by the id their answer saves under."""
        return dict(self._boxes)

    def fields(self) -> list[dict]:
        """Each field: ``id``, ``label`` and optional ``placeholder``."""
        raise NotImplementedError

    def build(self) -> list[w.Widget]:
        saved = self.saved({})
        self._boxes = {}
        for f in self.fields():
            box = textarea(f["label"], box_text(saved.get(f["id"], "")), f.get("placeholder", ""),
                           rows=f.get("rows", 3))
            box.observe(self._changed, names="value")
            self._boxes[f["id"]] = box
        return list(self._boxes.values()) + self.extra_widgets()

    def extra_widgets(self) -> list[w.Widget]:
        return []

    @property
    def value(self) -> dict:
        saved = self.saved({})
        # Keep answers to fields hidden for this role, so switching role never loses text.
        merged = {k: v for k, v in saved.items() if k not in self._boxes}
        merged.update({k: b.value for k, b in self._boxes.items()})
        return merged

    def _changed(self, _change: dict | None = None) -> None:
        self.save_soon()

    def restored_message(self) -> str:
        saved = self.saved({})
        if saved and any(str(v).strip() for v in saved.values() if isinstance(v, str)):
            return "Your saved answers are shown. Edit them any time; they save as you type."
        return "Your answers save as you type."


# Who a form is written for, when ``contexts`` in exercises.yaml narrows it (see ``written_for``).
_WRITTEN_FOR = {"couple": "partners", "family": "families", "friendship": "friends",
                "workplace": "teams at work"}


def written_for(contexts: list[str] | tuple[str, ...]) -> str:
    """The people a form is written for, in words: ``["workplace"]`` gives "teams at work"."""
    names = [_WRITTEN_FOR[c] for c in contexts]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class Form(TextForm):
    """An exercise made of text fields described in ``exercises.yaml``.

    A form with ``contexts`` (say ``[workplace]``) is written for those contexts. In any other,
    it still works, and one kind line above the fields says who it is for and that it may be
    skipped, so nobody is left wondering why a team exercise sits in their notebook.
    """

    def __init__(self, key: str) -> None:
        self.exercise_key = key
        data = content.exercise(key)
        self._contexts: tuple[str, ...] = tuple(data.get("contexts", ()))
        super().__init__(entry_key("exercise", key), data["title"], data["intro"])

    def fields(self) -> list[dict]:
        data = content.exercise(self.exercise_key, self.context)
        return [f for f in data.get("fields", []) if not self.role or self.role in f.get("roles", [self.role])]

    def context_note(self) -> str:
        """The line shown when the form is written for other contexts than this participant's, else ""."""
        if not self._contexts or content.context(self.context).key in self._contexts:
            return ""
        return (f"This exercise is written for {written_for(self._contexts)}. If that is not you, you can "
                "skip it, or use any part of it that helps.")

    def build(self) -> list[w.Widget]:
        note = self.context_note()
        return ([w.HTML(paragraph(note, "tw-muted"))] if note else []) + super().build()


class Reflection(TextForm):
    """A stage's reflection prompts, chosen for the participant's role."""

    def __init__(self, stage_key: str) -> None:
        self.stage = content.stage(stage_key)
        frame = content.panel("reflection", self.stage.key)
        super().__init__(entry_key("reflection", self.stage.key), frame["title"], frame["intro"])

    def fields(self) -> list[dict]:
        return [{"id": p["id"], "label": p["text"]}
                for p in content.prompts(self.stage.key, "reflection", self.role, self.context)]


class Homework(TextForm):
    """Pick a homework commitment for this stage, make it specific, and tick it off when done."""

    def __init__(self, stage_key: str) -> None:
        self.stage = content.stage(stage_key)
        self._idea: w.RadioButtons | None = None
        self._done: w.Checkbox | None = None
        frame = content.panel("homework", self.stage.key)
        super().__init__(entry_key("homework", self.stage.key), frame["title"], frame["intro"])

    def fields(self) -> list[dict]:
        return [{"id": "plan", "label": "My commitment (what, when, with whom)",
                 "placeholder": "For example: On Sunday evening I will ..."}]

    def build(self) -> list[w.Widget]:
        saved = self.saved({})
        ideas = content.prompts(self.stage.key, "homework", self.role, self.context)
        idea = saved.get("idea")
        self._idea = w.RadioButtons(
            options=[("(my own idea)", None)] + [(p["text"], p["id"]) for p in ideas],
            value=idea if isinstance(idea, str) and idea in {p["id"] for p in ideas} else None,
            description="Ideas:", style={"description_width": "initial"},
            layout=w.Layout(width="100%"))
        self._idea.add_class("tw-wrap")
        self._done = w.Checkbox(value=saved.get("done") is True, description="I did it",
                                indent=False, tooltip="Tick this when you have kept your commitment")
        self._idea.observe(self._changed, names="value")
        self._done.observe(self._changed, names="value")
        return [self._idea, *super().build()]

    def extra_widgets(self) -> list[w.Widget]:
        return [self._done, w.HTML(paragraph(
            "Later, look back here and tick 'I did it' if you kept it. If you didn't, "
            "that is useful to notice too: what got in the way?", "tw-muted"))]

    @property
    def value(self) -> dict:
        value = super().value
        if self._idea is not None and self._done is not None:
            value["idea"] = self._idea.value
            value["done"] = self._done.value
        return value


def form(key: str) -> Form:
    """A text exercise from the content data, e.g. ``form("impact_map")``."""
    return Form(key)


def reflection(stage_key: str) -> Reflection:
    """The reflection prompts for a stage, e.g. ``reflection("uncover")``."""
    return Reflection(stage_key)


def homework(stage_key: str) -> Homework:
    """The homework commitment for a stage."""
    return Homework(stage_key)


_IF_ROLE = {"broke": "you broke trust", "hurt": "you were hurt", "both": "it is mutual"}


def _printed_label(field: dict) -> str:
    """A field's label on paper, where every role's fields print: a part for some roles says which."""
    roles = [r for r in _IF_ROLE if r in field.get("roles", _IF_ROLE)]
    if len(roles) == len(_IF_ROLE):
        return field["label"]
    return f"If {' or '.join(_IF_ROLE[r] for r in roles)} – {field['label']}"


def _form_worksheet(key: str) -> dict:
    ex = content.exercise(key)
    title = f"{ex['title']} (for {written_for(ex['contexts'])})" if ex.get("contexts") else ex["title"]
    return {"kind": "fields", "title": title, "intro": ex["intro"],
            "fields": [{"label": _printed_label(f), "lines": max(2, min(10, f.get("rows", 3) // 2 + 1))}
                       for f in ex["fields"]]}


registry.register("form", form, _form_worksheet, keyed=True)
