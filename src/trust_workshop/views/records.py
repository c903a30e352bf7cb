"""Lists of small records: agreements, promises, deposits and withdrawals, milestones.

One widget, :class:`RecordList`, serves them all. Each exercise's fields come from its
``record_fields`` in ``exercises.yaml`` (``id``, ``label``, ``kind``: text, date or choice,
and ``options`` for a choice). Choice fields stay editable on saved rows, so an agreement's
"agree / discuss" mark or a promise's "kept?" can be changed later. An optional chart
redraws from the saved records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model import progress as pm
from trust_workshop.model.contents import entry_key
from trust_workshop.views import charts, registry
from trust_workshop.views.lists import tidy_line, too_long
from trust_workshop.views.panel import Panel, esc, figure, line_box, paragraph

Chart = Callable[[list[dict]], tuple[bytes | None, str]]


@dataclass(frozen=True)
class Starter:
    """A button that copies one saved answer of another exercise into the first text box,
    read when pressed, so it is always the latest wording (nothing is added until "Add")."""

    exercise: str  # the exercise whose saved answer is copied, e.g. "problem_solving"
    field: str     # the field of that answer, e.g. "agreement_wording"
    button: str    # the button's words
    empty: str     # the message when that field is still empty


class RecordList(Panel):
    """A list of records with an add form; value: a list of dicts."""

    def __init__(self, key: str, chart: Chart | None = None, starter: Starter | None = None) -> None:
        self.exercise_key = key
        self.key = entry_key("exercise", key)
        self._chart = chart
        self._starter = starter
        self._records: list[dict] = []
        data = content.exercise(key)
        super().__init__(data["title"], data["intro"])

    def _fields(self) -> list[dict]:
        return content.exercise(self.exercise_key, self.context)["record_fields"]

    def _examples_html(self) -> str:
        data = content.exercise(self.exercise_key, self.context)
        examples = [e for e in data.get("examples", []) if not isinstance(e, dict)
                    or e.get("context") in (None, self.context or "couple")]
        if not examples:
            return ""
        def words(e: str | dict) -> str:
            return e if isinstance(e, str) else " · ".join(str(v) for k, v in e.items() if k != "context")

        items = "".join(f"<li>{esc(words(e))}</li>" for e in examples[:6])
        return f"<details><summary>Examples</summary><ul>{items}</ul></details>"

    def build(self) -> list[w.Widget]:
        self._records = [dict(r) for r in self.saved([]) if isinstance(r, dict)]
        self._rows = w.VBox()
        self._inputs: dict[str, w.Widget] = {}
        for f in self._fields():
            self._inputs[f["id"]] = self._input(f)
        self._add = w.Button(description="Add", icon="plus", tooltip="Add this to the list")
        self._add.on_click(lambda _: self._add_record())
        buttons: list[w.Widget] = [self._add]
        if self._starter is not None:
            self._start = w.Button(description=self._starter.button, icon="copy",
                                   tooltip=self._starter.button, layout=w.Layout(width="auto"))
            self._start.on_click(lambda _: self._copy_starter())
            buttons.insert(0, self._start)
        self._problem = w.HTML()
        self._chart_box = w.VBox()
        self._draw()
        form = w.VBox([*self._inputs.values(), w.HBox(buttons, layout=w.Layout(flex_flow="row wrap")),
                       self._problem],
                      layout=w.Layout(border="1px dashed #999", padding="6px 10px", margin="6px 0"))
        return [w.HTML(self._examples_html()), self._rows, form, self._chart_box]

    def _input(self, f: dict) -> w.Widget:
        style = {"description_width": "initial"}
        if f["kind"] == "date":
            return w.DatePicker(description=f["label"], value=dt.date.today(), style=style)
        if f["kind"] == "choice":
            return w.Dropdown(description=f["label"], options=f["options"], value=f["options"][0], style=style)
        return line_box(description=f["label"], placeholder=f.get("placeholder", ""), style=style,
                      layout=w.Layout(width="100%", max_width="44em"))

    def _copy_starter(self) -> None:
        """Copy the starter's saved wording into the first text box, to edit and then add."""
        starter = self._starter
        if starter is None or self.journal is None:
            return
        saved = self.journal.entry(entry_key("exercise", starter.exercise))
        text = tidy_line(saved.get(starter.field, "")) if isinstance(saved, dict) and isinstance(
            saved.get(starter.field), str) else ""
        first = next((f["id"] for f in self._fields() if f["kind"] == "text"), None)
        if not text or first is None:
            self._problem.value = paragraph(starter.empty, "tw-muted")
            return
        self._inputs[first].value = text
        self._problem.value = paragraph("Copied into the first box. Change anything you like, then press Add.",
                                        "tw-muted")

    def _add_record(self) -> None:
        record = {}
        for f in self._fields():
            value = self._inputs[f["id"]].value
            if f["kind"] == "date":
                if value is None:
                    self._problem.value = paragraph(f"Please choose a date for '{f['label']}'.", "tw-warning")
                    return
                value = value.isoformat()
            elif f["kind"] == "text":
                value = tidy_line(value)
                problem = too_long(value)
                if problem:
                    self._problem.value = paragraph(f"'{f['label']}': {problem}", "tw-warning")
                    return
            record[f["id"]] = value
        text_fields = [f["id"] for f in self._fields() if f["kind"] == "text"]
        if text_fields and not record[text_fields[0]]:
            self._problem.value = paragraph("Please write something in the first box before adding.", "tw-warning")
            return
        self._problem.value = ""
        self._records.append(record)
        for f in self._fields():
            if f["kind"] == "text":
                self._inputs[f["id"]].value = ""
        self._draw()
        self.save_value()

    def _draw(self) -> None:
        fields = self._fields()
        date_ids = [f["id"] for f in fields if f["kind"] == "date"]
        order = sorted(range(len(self._records)),
                       key=lambda i: str(self._records[i].get(date_ids[0], "")) if date_ids else i)
        rows = []
        for i in order:
            record = self._records[i]
            parts: list[w.Widget] = []
            text = " · ".join(str(record.get(f["id"], "")) for f in fields if f["kind"] != "choice")
            parts.append(w.HTML(f"<span>{esc(text)}</span>", layout=w.Layout(flex="1 1 auto", max_width="40em")))
            for f in fields:
                if f["kind"] == "choice":
                    choice = w.Dropdown(options=f["options"], description=f["label"],
                                        value=record.get(f["id"]) if record.get(f["id"]) in f["options"]
                                        else f["options"][0],
                                        style={"description_width": "initial"}, layout=w.Layout(width="auto"))
                    choice.observe(lambda ch, i=i, fid=f["id"]: self._set(i, fid, ch["new"]), names="value")
                    parts.append(choice)
            remove = w.Button(icon="trash", description="", tooltip="Remove this one", layout=w.Layout(width="3em"))
            remove.on_click(lambda _, i=i: self._remove(i))
            parts.append(remove)
            rows.append(w.HBox(parts, layout=w.Layout(align_items="center", flex_flow="row wrap")))
        self._rows.children = rows or [w.HTML(paragraph("Nothing here yet.", "tw-muted"))]
        self._draw_chart()

    def _draw_chart(self) -> None:
        if self._chart is None:
            return
        image, caption = self._chart(self._records)
        self._chart_box.children = [figure(image, caption)]

    def _set(self, index: int, field_id: str, value: str) -> None:
        if self._loading or not 0 <= index < len(self._records):
            return
        self._records[index][field_id] = value
        self._draw_chart()
        self.save_value()

    def _remove(self, index: int) -> None:
        if 0 <= index < len(self._records):
            del self._records[index]
            self._draw()
            self.save_value()

    @property
    def value(self) -> list[dict]:
        return [dict(r) for r in self._records]

    def restored_message(self) -> str:
        count = len(self._records)
        return f"{count} saved." if count else ""


def _kept_chart(records: list[dict]) -> tuple[bytes | None, str]:
    rates = pm.kept_rates(records)
    return (charts.png(charts.kept_rate_chart(rates)) if rates else None,
            charts.kept_rate_caption(rates, pm.open_promises(records)))


def _tally_chart(records: list[dict]) -> tuple[bytes | None, str]:
    weeks = pm.tally(records)
    return (charts.png(charts.tally_chart(weeks)) if weeks else None, charts.tally_caption(weeks))


def _is_date(value) -> bool:
    try:
        dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return False
    return True


def _timeline_chart(records: list[dict]) -> tuple[bytes | None, str]:
    items = sorted((r["date"], str(r.get("text", ""))) for r in records if _is_date(r.get("date")))
    return (charts.png(charts.timeline_chart(items)) if items else None, charts.timeline_caption(items))


PROBLEM_SOLVING_STARTER = Starter(
    exercise="problem_solving", field="agreement_wording", button="Use my problem-solving wording",
    empty="There is no wording yet in the last box of 'Solving one problem together' above. Write it there, "
          "or type your agreement straight into the first box here.")


def agreement_builder() -> RecordList:
    """Agreements: what, who, when, a review date, and my mark (agree or discuss); the wording
    chosen in the problem-solving worksheet can be copied in as a starting point."""
    return RecordList("agreement_builder", starter=PROBLEM_SOLVING_STARTER)


def promise_log() -> RecordList:
    """Promises made and kept each week, with the kept-rate chart."""
    return RecordList("promise_log", chart=_kept_chart)


def bank_account() -> RecordList:
    """Deposits and withdrawals, tallied by week in a chart."""
    return RecordList("bank_account", chart=_tally_chart)


def milestones() -> RecordList:
    """A timeline of milestones."""
    return RecordList("milestones", chart=_timeline_chart)


def _record_worksheet(key: str) -> dict:
    ex = content.exercise(key)
    return {"kind": "table", "title": ex["title"], "intro": ex["intro"],
            "columns": [f["label"] for f in ex["record_fields"]], "rows": 7}


for _make in (agreement_builder, promise_log, bank_account, milestones):
    registry.register(_make.__name__, _make, _record_worksheet)
