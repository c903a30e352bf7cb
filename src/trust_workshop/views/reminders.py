"""'Reminders in your own calendar': choose titles, days and times, then save an .ics file."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model import reminders as rm
from trust_workshop.model import writing
from trust_workshop.views.panel import Panel, download_link, esc, line_box, paragraph

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_LABELS = {"ritual": "My check-in ritual (planned in notebook 06)",
           "review": "My promise review (a few minutes with the promise log)",
           "boosters": "My booster check-ins (about 1, 3 and 6 months after the course)"}
_EVERY = [("every week", "week"), ("every two weeks", "fortnight"), ("once a month", "month")]
_ALARMS = [("10 minutes before", 10), ("30 minutes before", 30), ("1 hour before", 60), ("1 day before", 1440)]
_TIMES = [f"{h:02d}:{m:02d}" for h in range(6, 23) for m in (0, 30)]


class Reminders(Panel):
    """The reminder choices (saved as they change) and a Make button with its Save link beside it."""

    def __init__(self) -> None:
        self._rows: dict[str, dict[str, w.Widget]] = {}
        frame = content.panel("reminders")
        super().__init__(frame["title"], frame["intro"])

    def build(self) -> list[w.Widget]:
        chosen = rm.choices(self.journal.reminders())
        self._uid = chosen["uid"]
        out: list[w.Widget] = []
        self._rows = {}
        for kind in rm.KINDS:
            one = chosen[kind]
            row = {"on": w.Checkbox(value=one["on"], indent=False, description=_LABELS[kind],
                                    layout=w.Layout(width="auto")),
                   "title": line_box(value=one["title"], description="Called:", placeholder=rm.DEFAULTS[kind]["title"],
                                     style={"description_width": "initial"}),
                   "time": w.Dropdown(options=sorted({*_TIMES, one["time"]}), value=one["time"], description="At:",
                                      style={"description_width": "initial"}, layout=w.Layout(width="9em"))}
            if "day" in one:
                row["day"] = w.Dropdown(options=list(zip(_DAY_NAMES, rm.DAYS, strict=True)), value=one["day"],
                                        description="On:", style={"description_width": "initial"},
                                        layout=w.Layout(width="12em"))
                row["every"] = w.Dropdown(options=_EVERY, value=one["every"], description="How often:",
                                          style={"description_width": "initial"}, layout=w.Layout(width="15em"))
            for widget in row.values():
                widget.observe(self._changed, names="value")
            self._rows[kind] = row
            details = [row[k] for k in ("title", "day", "time", "every") if k in row]
            out.append(w.VBox([row["on"], w.HBox(details, layout=w.Layout(flex_flow="row wrap"))],
                              layout=w.Layout(margin="0 0 8px 0")))
        ritual = self.journal.entry("exercise.ritual_planner", {})
        planned = ritual.get("when_where") if isinstance(ritual, dict) else None
        if isinstance(planned, str) and planned.strip():
            out.insert(1, w.HTML(f"<details><summary>What you planned in notebook 06 (hidden until you open "
                                 f"it)</summary>{paragraph(planned.strip())}<p class='tw-muted'>Choose the same day "
                                 "and time above. These words stay out of the calendar.</p></details>"))
        end = chosen.get("course_end")
        self._end = w.DatePicker(value=dt.date.fromisoformat(end) if end else None,
                                 description="My course ended on (leave empty to use my final check-in):",
                                 style={"description_width": "initial"})
        self._end.observe(self._changed, names="value")
        self._alarm = w.Dropdown(options=_ALARMS, value=chosen["alarm_minutes"], description="Remind me:",
                                 style={"description_width": "initial"})
        self._alarm.observe(self._changed, names="value")
        self._preview = w.HTML()
        self._draw_preview()
        make = w.Button(description="Make calendar file", icon="calendar",
                        tooltip="Build the .ics file; a Save button appears beside this one")
        make.on_click(lambda _: self._make())
        self._link = w.HTML()
        return [*out, self._end, self._alarm, self._preview,
                w.HBox([make, self._link], layout=w.Layout(align_items="center", flex_flow="row wrap"))]

    @property
    def value(self) -> dict:
        value: dict = {"uid": self._uid, "alarm_minutes": self._alarm.value}
        for kind, row in self._rows.items():
            value[kind] = {k: (rm.tidy_title(wd.value, rm.DEFAULTS[kind]["title"]) if k == "title" else wd.value)
                           for k, wd in row.items()}
        if self._end.value is not None:
            value["course_end"] = self._end.value.isoformat()
        return value

    def _changed(self, _change: dict) -> None:
        if self._loading:
            return
        value = self.value
        self._link.value = ""  # a file made before this change no longer matches
        if self.save(lambda j: j.set_reminders(value)):
            self._draw_preview()

    def _draw_preview(self) -> None:
        found = rm.events(self.journal, dt.date.today())
        later = ""
        if self._rows["boosters"]["on"].value and not rm.booster_dates(self.journal, dt.date.today()):
            later = paragraph("The booster dates are added once your course has an end date (your final "
                              "check-in, or the day you choose above), for the boosters still to come.", "tw-muted")
        if not found:
            self._preview.value = paragraph("Nothing is ticked, so the file would be empty.", "tw-muted") + later
            return
        rows = "".join(f"<li><b>{esc(title)}</b>: {esc(when)}, from {esc(writing.day(first.isoformat(), True))}</li>"
                       for title, when, first in found)
        self._preview.value = f"<p>The file will hold:</p><ul>{rows}</ul>{later}"

    def _make(self) -> None:
        self.journal.reload()
        self._link.value = download_link(rm.ics(self.journal), "reminders.ics", "Save calendar file",
                                         mime="text/calendar",
                                         note="Ready. Open it with your calendar app to add the events.")


def reminders() -> Reminders:
    """The calendar reminders panel (notebook 10)."""
    return Reminders()
