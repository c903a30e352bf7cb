"""Looking back: the pre/post comparison (notebook 08) and the whole journey (notebook 09)."""

from __future__ import annotations

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model import boosters as bm
from trust_workshop.model import progress as pm
from trust_workshop.model import writing
from trust_workshop.model.scoring import SCORE_NOTE
from trust_workshop.views import charts
from trust_workshop.views.panel import Panel, esc, figure, paragraph
from trust_workshop.views.progress import Progress


class PrePost(Panel):
    """Baseline against final check-in, per stage, with a plain-language reading."""

    def __init__(self) -> None:
        super().__init__("Then and now: baseline and final check-in", SCORE_NOTE)

    def build(self) -> list[w.Widget]:
        changes = pm.pre_post(self.journal.checkins())
        self.reading = pm.pre_post_reading(changes)
        self.caption = charts.pre_post_caption(changes)
        image = charts.png(charts.pre_post_chart(changes)) if any(c.change is not None for c in changes) else None
        again = w.Button(description="Compare again", icon="sync", tooltip="Redraw with your latest answers")
        again.on_click(lambda _: self.refresh())
        return [figure(image, self.caption, "720px"), w.HTML(paragraph(self.reading)), w.HBox([again])]


class Journey(Panel):
    """Everything over time: stage check-ins, pulse, promises kept, and (on request) reflections."""

    def __init__(self) -> None:
        super().__init__("My journey", SCORE_NOTE)

    def build(self) -> list[w.Widget]:
        journal = self.journal
        checkins = journal.checkins()
        history = []
        for st in content.stages():
            points = pm.checkin_history(checkins, st.key)
            if points:
                steps = ", ".join(f"{d} ({kind}) {score}" for d, kind, score in points)
                history.append(f"<li><b>{esc(st.title)}</b>: {esc(steps)}</li>")
        history_html = (f"<p><b>Every check-in, by stage</b></p><ul>{''.join(history)}</ul>" if history
                        else paragraph("No check-ins saved yet.", "tw-muted"))
        days = bm.timeline(journal)
        end = bm.course_end(journal)
        steps = [f"<li>{esc(bm.describe(d, end))}: booster check-in</li>" if kind == "booster"
                 else f"<li>{esc(writing.day(d))}: course session</li>" for d, kind in days]
        timeline_html = (f"<details><summary><b>Every session and booster, in date order</b> ({len(days)})</summary>"
                         f"<ul>{''.join(steps)}</ul></details>" if days else "")
        progress = Progress(framed=False)
        promises = journal.promises()
        rates = pm.kept_rates(promises)
        kept: list[w.Widget] = [figure(charts.png(charts.kept_rate_chart(rates)) if rates else None,
                                       charts.kept_rate_caption(rates, pm.open_promises(promises)))]
        self._show = w.Checkbox(value=False, indent=False, description="Show my saved reflections and writing",
                                tooltip="They stay hidden until you tick this, in case someone can see your screen")
        self._writing = w.HTML()
        self._show.observe(lambda ch: self._draw_writing(ch["new"]), names="value")
        return [progress, w.HTML(timeline_html + history_html), *kept, self._show, self._writing]

    def _draw_writing(self, show: bool) -> None:
        if not show:
            self._writing.value = ""
            return
        blocks = []
        for entry in self.journal.entries():
            found = writing.parts(entry.key, entry.value)
            if found:
                moment = writing.when(entry.updated)
                saved = f"<small>(saved {esc(moment)})</small>" if moment else ""
                body = "".join((f"<p class='tw-part'><i>{esc(part.label)}</i></p>" if part.label else "")
                               + f"<div style='white-space: pre-wrap; margin: 0 0 6px 0'>{esc(part.text)}</div>"
                               for part in found)
                blocks.append(f"<details open><summary><b>{esc(writing.title(entry.key))}</b> {saved}</summary>"
                              f"{body}</details>")
        self._writing.value = "".join(blocks) or paragraph("Nothing written yet.", "tw-muted")


def pre_post() -> PrePost:
    """The baseline-against-final comparison for notebook 08."""
    return PrePost()


def journey() -> Journey:
    """The whole journey, for notebook 09."""
    return Journey()
