"""After the course (notebook 10): the booster dates, booster check-ins, then-and-now, and a reflection."""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model import boosters as bm
from trust_workshop.model import writing
from trust_workshop.model.contents import BOOSTER_REFLECTION, booster_reflection_key
from trust_workshop.model.scoring import SCORE_NOTE
from trust_workshop.views.checkin import StageCheckin
from trust_workshop.views.forms import TextForm
from trust_workshop.views.panel import Panel, esc, paragraph, table_box


class BoosterPlan(Panel):
    """When the boosters fall, which one today is closest to, and the boosters already done."""

    def __init__(self) -> None:
        frame = content.panel("booster_plan")
        super().__init__(frame["title"], frame["intro"])

    def build(self) -> list[w.Widget]:
        end = bm.course_end(self.journal)
        today = dt.date.today()
        if end is None:
            lines = [paragraph("Your course has no end date yet. It is the day of your final check-in "
                               "(notebook 08), or a day you choose under 'Reminders in your own calendar' "
                               "below. You can still take a booster today.", "tw-muted")]
        else:
            rows = "".join(f"<li>{esc(bm.month_words(m).capitalize())}: {esc(writing.day(d.isoformat(), True))}</li>"
                           for m, d in bm.planned(end))
            lines = [w.HTML(f"<p>Your course ended on {esc(writing.day(end.isoformat()))}.</p><ul>{rows}</ul>")]
            which = bm.nearest(end, today)
            if which:
                lines.append(paragraph(f"Today is closest to the booster {bm.month_words(which)}.", "tw-muted"))
        done = self.journal.booster_days()
        if done:
            lines.append(paragraph("Boosters you have taken: "
                                   + "; ".join(bm.describe(d, end) for d in done) + "."))
        return [x if isinstance(x, w.Widget) else w.HTML(x) for x in lines]


class BoosterCheckin(StageCheckin):
    """A stage check-in saved as part of a booster (kind "booster"), beside the course's own."""

    kind = "booster"

    def __init__(self, stage_key: str) -> None:
        super().__init__(stage_key)
        frame = content.panel("booster_checkin", self.stage.key)
        self.set_text(frame["title"], frame["intro"])


class BoosterCompare(Panel):
    """The end of the course against the latest booster: pulse and the booster stages."""

    def __init__(self) -> None:
        self.rows: list[bm.Then] = []
        self.reading = ""
        frame = content.panel("booster_compare")
        super().__init__(frame["title"], f"{frame['intro']} {SCORE_NOTE}")

    def build(self) -> list[w.Widget]:
        self.rows = bm.compared(self.journal)
        self.reading = bm.reading(self.rows)

        def cell(value: int | None) -> str:
            return "–" if value is None else str(value)

        body = "".join(f"<tr><td>{esc(r.name)}</td><td>{cell(r.at_end)}</td><td>{cell(r.now)}</td>"
                       f"<td>{'' if r.change is None else f'{r.change:+d}'}</td></tr>" for r in self.rows)
        table = table_box("<table class='tw-table' style='border-collapse: collapse; margin: 4px 0 8px 0' "
                          "cellpadding='4'><thead><tr><th>Out of 100</th><th>End of the course</th>"
                          f"<th>Latest booster</th><th>Change</th></tr></thead><tbody>{body}</tbody></table>",
                          "Then and now")
        again = w.Button(description="Compare again", icon="sync", tooltip="Compare with your latest answers")
        again.on_click(lambda _: self.refresh())
        return [w.HTML(table), w.HTML(paragraph(self.reading)), w.HBox([again])]


class BoosterReflection(TextForm):
    """"What's working, what's slipping": one page per booster day, with the last one to look back on."""

    def __init__(self) -> None:
        self.day = dt.date.today().isoformat()
        data = content.exercise(BOOSTER_REFLECTION)
        super().__init__(booster_reflection_key(self.day), data["title"], data["intro"])

    def fields(self) -> list[dict]:
        data = content.exercise(BOOSTER_REFLECTION, self.context)
        return [f for f in data["fields"] if not self.role or self.role in f.get("roles", [self.role])]

    def build(self) -> list[w.Widget]:
        earlier = [d for d in self.journal.booster_days() if d < self.day
                   and writing.as_text(self.journal.entry(booster_reflection_key(d), ""))]
        widgets = super().build()
        if not earlier:
            return widgets
        key = booster_reflection_key(earlier[-1])
        parts = writing.parts(key, self.journal.entry(key))
        body = "".join((f"<p class='tw-part'><i>{esc(p.label)}</i></p>" if p.label else "")
                       + f"<div style='white-space: pre-wrap'>{esc(p.text)}</div>" for p in parts)
        last = w.HTML(f"<details><summary>What you wrote last time ({esc(writing.day(earlier[-1]))}), "
                      f"hidden until you open it</summary>{body}</details>")
        return [last, *widgets]


def booster_plan() -> BoosterPlan:
    """The booster dates after the course (notebook 10)."""
    return BoosterPlan()


def booster_checkin(stage_key: str) -> BoosterCheckin:
    """A stage's check-in taken as part of a booster, e.g. ``booster_checkin("consistency")``."""
    return BoosterCheckin(stage_key)


def booster_compare() -> BoosterCompare:
    """The end of the course against the latest booster."""
    return BoosterCompare()


def booster_reflection() -> BoosterReflection:
    """"What's working, what's slipping", saved for today's booster."""
    return BoosterReflection()
