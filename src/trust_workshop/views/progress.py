"""The participant's progress: a radar of stage scores and the trust pulse over sessions."""

from __future__ import annotations

import ipywidgets as w

from trust_workshop.model import progress as pm
from trust_workshop.model.scoring import SCORE_NOTE
from trust_workshop.views import charts
from trust_workshop.views.panel import Panel, figure


class Progress(Panel):
    """Charts drawn from the open journal, each with a caption in words."""

    def __init__(self, *, framed: bool = True) -> None:
        self.captions: list[str] = []
        super().__init__("Seeing your progress", SCORE_NOTE, framed=framed)

    def build(self) -> list[w.Widget]:
        checkins = self.journal.checkins()
        baseline = pm.stage_scores(checkins, ("baseline",))
        latest = pm.stage_scores(checkins)
        points = pm.pulse_series(self.journal.pulses())
        boosters = self.journal.booster_days()
        self.captions = [charts.radar_caption(latest, baseline), charts.pulse_caption(points, boosters)]
        out: list[w.Widget] = [
            figure(charts.png(charts.radar(latest, baseline)) if latest else None, self.captions[0], "520px"),
            figure(charts.png(charts.pulse_chart(points, boosters)) if points else None, self.captions[1]),
        ]
        again = w.Button(description="Redraw with my latest answers", icon="sync",
                         tooltip="Draw the charts again from your journal")
        again.on_click(lambda _: self.refresh())
        return [*out, w.HBox([again])]


def progress() -> Progress:
    """Charts of the participant's check-ins and pulses over time."""
    return Progress()
