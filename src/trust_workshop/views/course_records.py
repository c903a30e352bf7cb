"""The facilitator's course records panel: the attendance register and fidelity ticks per session.

Kept in the facilitator's own records folder (``model.course_records``), never in a participant's
journal, and exported as two tables for the facilitator, a supervisor or a funder's evaluation.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model import course_records as cr
from trust_workshop.model import plans
from trust_workshop.views.panel import Panel, download_link, esc, paragraph, textarea

_NOT_MARKED = "not marked"


class CourseRecords(Panel):
    """Who was there, and how closely each session followed its plan, for one session at a time."""

    def __init__(self) -> None:
        self._people_box: w.Textarea | None = None
        self._stage: w.Dropdown | None = None
        self._fmt: w.Dropdown | None = None
        self._day: w.DatePicker | None = None
        self._marks: dict[str, w.Dropdown] = {}
        self._ticks: dict[str, tuple[w.Checkbox, w.Checkbox]] = {}
        self._note: w.Textarea | None = None
        self._session_box = w.VBox()
        self._downloads = w.HTML()
        self._problem = ""  # why the records file had to be set aside, shown once built
        super().__init__(
            "My course records",
            "Your own attendance register and fidelity ticks, one session at a time. They are kept in "
            "your facilitator's records folder on this computer or hub account, never in a participant's "
            "journal, and nobody in the group can see them. Initials are enough on the register.",
            needs_journal=False, level=2)  # the page's whole subject, right under its "# Course records"

    def build(self) -> list[w.Widget]:
        try:
            data = cr.load()
        except cr.RecordsProblem as err:
            self._problem = str(err)
            data = cr.load()
        self._people_box = textarea("People on the register (one a line)", "\n".join(data["people"]),
                                    "For example:\nA. (Ana)\nT. (Tom)", rows=5)
        keep = w.Button(description="Save the register", icon="save", tooltip="Save the list of people")
        keep.on_click(lambda _: self._save_people())
        stages = [(f"{s.number} {s.title}", s.key) for s in content.stages()]
        self._stage = w.Dropdown(options=stages, value=stages[0][1], description="Stage",
                                 style={"description_width": "initial"})
        self._fmt = w.Dropdown(options=[(plans.format_name(f), f) for f in plans.formats()],
                               description="Format", style={"description_width": "initial"})
        self._day = w.DatePicker(value=dt.date.today(), description="Date", style={"description_width": "initial"})
        for control in (self._stage, self._fmt, self._day):
            control.observe(lambda _: self._draw_session(), names="value")
        self._draw_session(data)
        self._draw_downloads(data)
        return [self._people_box, w.HBox([keep]),
                w.HTML(_lead("One session", ": choose it, mark who came, tick the plan's checklist, save.")),
                w.HBox([self._stage, self._fmt, self._day], layout=w.Layout(flex_flow="row wrap")),
                self._session_box, self._downloads]

    def restored_message(self) -> str:
        return self._problem

    def _current(self) -> cr.Session | None:
        if not (self._stage and self._fmt and self._day) or self._day.value is None:
            return None
        try:
            return cr.session(self._stage.value, self._fmt.value, self._day.value)
        except cr.RecordsProblem as err:
            self._warn(str(err))
            return None

    def _draw_session(self, data: dict | None = None) -> None:
        data = data or cr.load()
        current = self._current()
        if current is None:
            self._session_box.children = [w.HTML(paragraph("Choose a date for the session.", "tw-muted"))]
            return
        saved = data["sessions"].get(current.key, {})
        attendance, fidelity = saved.get("attendance", {}), saved.get("fidelity", {})
        self._marks = {p: w.Dropdown(options=[_NOT_MARKED, *cr.ATTENDANCE], value=attendance.get(p, _NOT_MARKED),
                                     description=p, style={"description_width": "12em"},
                                     layout=w.Layout(width="26em")) for p in data["people"]}
        people = list(self._marks.values()) or [w.HTML(paragraph(
            "Add people to the register above to mark attendance.", "tw-muted"))]
        rows: list[w.Widget] = []
        self._ticks = {}
        for item in cr.fidelity_items(current.stage):
            tick = fidelity.get(item, {})
            followed = w.Checkbox(value=bool(tick.get("followed")), description="Followed the plan", indent=False,
                                  layout=w.Layout(width="auto"))
            well = w.Checkbox(value=bool(tick.get("well")), description="Done well", indent=False,
                              layout=w.Layout(width="auto"))
            self._ticks[item] = (followed, well)
            rows.append(w.VBox([w.HTML(paragraph(item)), w.HBox([followed, well])],
                               layout=w.Layout(margin="0 0 6px 0")))
        self._note = textarea("A note for yourself or your supervisor (optional)", saved.get("note", ""),
                              "For example: ran ten minutes over; the demonstration needed a second try.", rows=2)
        save = w.Button(description="Save this session", icon="save", tooltip="Save attendance and fidelity ticks")
        save.on_click(lambda _: self._save_session())
        self._session_box.children = [w.HTML(_lead("Attendance")), *people,
                                      w.HTML(_lead("Fidelity checklist", ": “followed the plan” and “done well” "
                                                   "are separate questions.")), *rows,
                                      self._note, w.HBox([save])]

    def _save_people(self) -> None:
        if self._people_box is None:
            return
        try:
            data = cr.set_people(self._people_box.value.splitlines())
        except (cr.RecordsProblem, OSError) as err:
            self._warn(str(err))
            return
        self._people_box.value = "\n".join(data["people"])
        self._draw_session(data)
        self._draw_downloads(data)
        self.show(f"✓ Register saved at {dt.datetime.now():%H:%M}.", "tw-saved")

    def _save_session(self) -> None:
        current = self._current()
        if current is None:
            return
        attendance = {p: d.value for p, d in self._marks.items() if d.value != _NOT_MARKED}
        fidelity = {item: {"followed": a.value, "well": b.value} for item, (a, b) in self._ticks.items()}
        try:
            data = cr.record_session(current, attendance, fidelity, self._note.value if self._note else "")
        except (cr.RecordsProblem, OSError) as err:
            self._warn(str(err))
            return
        self._draw_downloads(data)
        self.show(f"✓ Session saved at {dt.datetime.now():%H:%M}.", "tw-saved")

    def _draw_downloads(self, data: dict) -> None:
        if not data["sessions"]:
            self._downloads.value = ""
            return
        self._downloads.value = (
            _lead("Export", " (tables that open in any spreadsheet):")
            + download_link(cr.attendance_csv(data).encode("utf-8"), "attendance-register.csv",
                            "Attendance register", mime="text/csv")
            + " " + download_link(cr.fidelity_csv(data).encode("utf-8"), "fidelity-ticks.csv",
                                  "Fidelity ticks", mime="text/csv"))

    @property
    def value(self) -> dict:
        """What is on screen for the chosen session: attendance marks and fidelity ticks."""
        return {"attendance": {p: d.value for p, d in self._marks.items() if d.value != _NOT_MARKED},
                "fidelity": {item: {"followed": a.value, "well": b.value} for item, (a, b) in self._ticks.items()}}


def _lead(head: str, rest: str = "") -> str:
    """A paragraph that starts with a few words in bold."""
    return f"<p><b>{esc(head)}</b>{esc(rest)}</p>"


def course_records() -> CourseRecords:
    """The facilitator's attendance register and fidelity ticks, kept in their own records folder."""
    return CourseRecords()
