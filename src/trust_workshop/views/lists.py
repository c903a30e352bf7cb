"""Tick lists and growing lists: one checklist and one list-builder serve many exercises.

A checklist shows options from ``exercises.yaml`` (flat ``options`` or named ``groups``)
and, where ``allow_own`` is set, lets the participant add their own. A list-builder is a
list the participant writes line by line. Both save one value under one journal key.
"""

from __future__ import annotations

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model.contents import entry_key
from trust_workshop.views import registry
from trust_workshop.views.panel import Panel, esc, line_box, texts

# One list item or record field: far more than anyone writes on one line (10,000 characters
# pasted in must still arrive whole). Longer text is never cut short: it stays in the box
# with a message, because silently dropping what someone wrote is worse than asking.
MAX_OWN_LENGTH = 20_000


def tidy_line(text: str) -> str:
    """One line of a list or record: single spaces, nothing cut off."""
    return " ".join(str(text).split())


def too_long(text: str) -> str:
    """The message for a line longer than MAX_OWN_LENGTH, or "" if it fits."""
    if len(text) <= MAX_OWN_LENGTH:
        return ""
    return (f"That is {len(text):,} characters, more than one item can hold ({MAX_OWN_LENGTH:,}). It is still in "
            "the box: please shorten it, or split it into several items.")


class AddLine(w.HBox):
    """A text box and an Add button; calls ``on_add(text)`` with non-empty text.

    Text that is too long stays in the box and ``on_problem(message)`` is called instead.
    """

    def __init__(self, placeholder: str, button: str, on_add, on_problem=None) -> None:
        self._text = line_box(placeholder=placeholder, description="New item:",
                              style={"description_width": "initial"}, layout=w.Layout(width="34em"))
        self._button = w.Button(description=button, icon="plus", tooltip=button)
        self._on_add = on_add
        self._on_problem = on_problem
        self._button.on_click(lambda _: self._add())
        # With continuous_update off, the value arrives on Enter or when the box loses focus.
        self._text.observe(lambda _: self._add(), names="value")
        super().__init__([self._text, self._button], layout=w.Layout(flex_flow="row wrap"))

    def _add(self) -> None:
        text = tidy_line(self._text.value)
        problem = too_long(text)
        if problem:
            if self._on_problem is not None:
                self._on_problem(problem)
            return
        if text:
            self._on_add(text)
            self._text.value = ""


class Checklist(Panel):
    """Tick the options that fit; optionally add your own. Value: ``{"checked": [...], "own": [...]}``."""

    def __init__(self, key: str, options_field: str = "options", save_as: str | None = None, *,
                 framed: bool = True) -> None:
        self.exercise_key = key
        self._options_field = options_field
        data = content.exercise(key)
        self.key = entry_key("exercise", save_as or key)
        self._boxes: dict[str, w.Checkbox] = {}  # every tick box, by its text
        self._own: list[str] = []
        super().__init__(data["title"], data["intro"], framed=framed)

    @property
    def boxes(self) -> dict[str, w.Checkbox]:
        """The tick boxes, by the text beside them (the options, then the participant's own)."""
        return dict(self._boxes)

    def _groups(self) -> list[tuple[str, list[str]]]:
        data = content.exercise(self.exercise_key, self.context)
        if "groups" in data:
            return [(g["name"], g["words"]) for g in data["groups"]]
        return [("", data.get(self._options_field, []))]

    def build(self) -> list[w.Widget]:
        saved = self.saved({})
        checked = set(texts(saved.get("checked")))
        self._own = texts(saved.get("own"))
        self._boxes = {}
        sections = []
        for name, options in self._groups():
            boxes = []
            for option in options:
                box = w.Checkbox(value=option in checked, description=option, indent=False,
                                 layout=w.Layout(width="auto"))
                box.observe(self._changed, names="value")
                self._boxes[option] = box
                boxes.append(box)
            if name:
                sections.append(w.VBox([w.HTML(f"<b>{esc(name)}</b>"), *boxes],
                                       layout=w.Layout(min_width="11em", margin="0 16px 8px 0")))
            else:
                sections.extend(boxes)
        grouped = len(sections) > 0 and isinstance(sections[0], w.VBox)
        body: list[w.Widget] = [w.HBox(sections, layout=w.Layout(flex_flow="row wrap"))
                                if grouped else w.VBox(sections)]
        self._own_boxes = w.VBox()
        self._draw_own(checked)
        data = content.exercise(self.exercise_key)
        if data.get("allow_own", self._options_field != "options" or "groups" in data):
            body += [self._own_boxes, AddLine("add your own", "Add", self._add_own, self._warn)]
        return body

    def _draw_own(self, checked: set[str]) -> None:
        rows = []
        for text in self._own:
            box = w.Checkbox(value=text in checked, description=text, indent=False, layout=w.Layout(width="auto"))
            box.observe(self._changed, names="value")
            self._boxes[text] = box
            rows.append(box)
        self._own_boxes.children = rows

    def _add_own(self, text: str) -> None:
        if text in self._boxes:
            self._boxes[text].value = True
            return
        self._own.append(text)
        checked = {t for t, b in self._boxes.items() if b.value} | {text}
        self._draw_own(checked)
        self._changed()

    @property
    def value(self) -> dict:
        return {"checked": [t for t, b in self._boxes.items() if b.value], "own": list(self._own)}

    def _changed(self, _change: dict | None = None) -> None:
        self.save_value()

    def restored_message(self) -> str:
        return "Your saved ticks are shown." if self.journal and self.journal.entry(self.key) else ""


class ListBuilder(Panel):
    """A list the participant writes one line at a time. Value: a list of strings."""

    def __init__(self, key: str) -> None:
        self.exercise_key = key
        data = content.exercise(key)
        self.key = entry_key("exercise", key)
        self._items: list[str] = []
        super().__init__(data["title"], data["intro"])

    def build(self) -> list[w.Widget]:
        self._items = texts(self.saved([]))
        self._rows = w.VBox()
        self._draw()
        return [self._rows, AddLine("type one item, then press Enter or Add", "Add", self._add, self._warn)]

    def _draw(self) -> None:
        rows = []
        for i, text in enumerate(self._items):
            remove = w.Button(icon="trash", tooltip=f"Remove item {i + 1}", description="",
                              layout=w.Layout(width="3em"))
            remove.on_click(lambda _, i=i: self._remove(i))
            rows.append(w.HBox([w.HTML(f"<span>{i + 1}. {esc(text)}</span>",
                                       layout=w.Layout(flex="1 1 auto", max_width="44em")), remove]))
        if not rows:
            rows.append(w.HTML("<p class='tw-muted'>Nothing here yet.</p>"))
        self._rows.children = rows

    def _add(self, text: str) -> None:
        limit = content.exercise(self.exercise_key).get("max_items")
        if limit and len(self._items) >= limit:
            self.show(f"That makes {limit} already, which is the whole list. Remove one to add another.",
                      "tw-warning")
            return
        self._items.append(text)
        self._draw()
        self.save_value()

    def _remove(self, index: int) -> None:
        if 0 <= index < len(self._items):
            del self._items[index]
            self._draw()
            self.save_value()

    @property
    def value(self) -> list[str]:
        return list(self._items)


def checklist(key: str) -> Checklist:
    """A tick list from the content data, e.g. ``checklist("feelings")``."""
    return Checklist(key)


def list_builder(key: str) -> ListBuilder:
    """A list the participant builds line by line, e.g. ``list_builder("questions_i_still_have")``."""
    return ListBuilder(key)


def _checklist_worksheet(key: str) -> dict:
    ex = content.exercise(key)
    groups = ([{"name": g["name"], "options": g["words"]} for g in ex["groups"]] if "groups" in ex
              else [{"name": "", "options": ex.get("options", [])}])
    return {"kind": "ticks", "title": ex["title"], "intro": ex["intro"], "groups": groups,
            "columns": 3 if "groups" in ex else 1, "own": 2 if ex.get("allow_own", "groups" in ex) else 0}


def _list_worksheet(key: str) -> dict:
    ex = content.exercise(key)
    return {"kind": "numbered", "title": ex["title"], "intro": ex["intro"], "count": ex.get("max_items", 6)}


registry.register("checklist", checklist, _checklist_worksheet, keyed=True)
registry.register("list_builder", list_builder, _list_worksheet, keyed=True)
