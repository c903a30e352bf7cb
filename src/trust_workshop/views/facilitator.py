"""Facilitator views: any session plan with a countdown timer, the weekend schedule, the group
dashboard; and, for participants, "share my summary with the group".

The timer is an ipywidgets ``Play`` widget: it ticks in the browser (JupyterLab or Voila),
and the kernel only turns its count into minutes and seconds.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model import evaluation as ev
from trust_workshop.model import plans as pm
from trust_workshop.model import summary as sm
from trust_workshop.views import charts, plan_marks
from trust_workshop.views.panel import Panel, download_link, esc, figure, paragraph, table_box


def _mmss(seconds: int) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60:02d}:{seconds % 60:02d}"


def _list(title: str, items: list[str]) -> str:
    return f"<h4 class='tw-part'>{esc(title)}</h4><ul>{''.join(f'<li>{esc(i)}</li>' for i in items)}</ul>"


class SessionPlan(Panel):
    """Choose a stage and a format; see the agenda, follow the timer, read the script."""

    def __init__(self, stage_key: str = "safety", fmt: str = "weekly") -> None:
        self._stage_key, self._fmt, self._block = content.stage(stage_key).key, fmt, 0
        # The page's whole subject, under its "# Session plans": an h2, then the chosen plan's h3.
        super().__init__("Session plan", "Choose the stage and the format. Start the timer when the block "
                         "begins; press Next block to move on.", needs_journal=False, level=2)

    def build(self) -> list[w.Widget]:
        stages = [(f"{s.number}. {s.title}", s.key) for s in content.stages()]
        self._stage = w.Dropdown(description="Stage:", options=stages, value=self._stage_key,
                                 style={"description_width": "initial"})
        self._format = w.ToggleButtons(description="Format:", options=[(pm.format_button(k), k) for k in pm.FORMATS],
                                       value=self._fmt, style={"description_width": "initial", "button_width": "auto"})
        self._stage.observe(lambda ch: self._choose(stage=ch["new"]), names="value")
        self._format.observe(lambda ch: self._choose(fmt=ch["new"]), names="value")
        self._overview = w.HTML()
        self._agenda = w.HTML()
        self._clock = w.HTML()
        self._now = w.HTML()
        # The Play widget keeps time in the browser; its own controls are unlabelled icons, so it is
        # hidden and driven by buttons that say what they do (and have names for screen readers).
        self._play = w.Play(value=0, min=0, max=600, step=1, interval=1000, description="Timer",
                            show_repeat=False, layout=w.Layout(display="none"))
        self._play.observe(lambda _: self._tick(), names="value")
        self._play.observe(lambda _: self._show_running(), names="playing")
        self._start = w.Button(description="Start timer", icon="play", button_style="primary",
                               tooltip="Start counting down this block")
        self._pause = w.Button(description="Pause timer", icon="pause", tooltip="Stop the clock for a moment")
        self._restart = w.Button(description="Restart block", icon="undo", tooltip="Put this block's time back")
        self._start.on_click(lambda _: setattr(self._play, "playing", True))
        self._pause.on_click(lambda _: setattr(self._play, "playing", False))
        self._restart.on_click(lambda _: self._restart_block())
        self._prev = w.Button(description="Previous block", icon="step-backward", tooltip="Go back one block")
        self._next = w.Button(description="Next block", icon="step-forward", tooltip="Move on to the next block")
        self._prev.on_click(lambda _: self._go(-1))
        self._next.on_click(lambda _: self._go(+1))
        self._details = w.HTML()
        timer = w.VBox([self._clock, w.HBox([self._play, self._start, self._pause, self._restart, self._prev,
                                             self._next],
                                            layout=w.Layout(align_items="center", flex_flow="row wrap")), self._now],
                       layout=w.Layout(border="2px solid #0072B2", padding="8px 14px", margin="8px 0"))
        self._heading = w.HTML()
        self._draw()
        # Timer and script first: this is what a facilitator needs on a projected screen.
        return [w.HBox([self._stage]), self._format, self._heading, timer, self._agenda, self._overview,
                self._details]

    def _choose(self, stage: str | None = None, fmt: str | None = None) -> None:
        self._stage_key = stage or self._stage_key
        self._fmt = fmt or self._fmt
        self._block = 0
        self._draw()

    @property
    def blocks(self) -> list[dict]:
        return pm.agenda(self._stage_key, self._fmt)

    def _go(self, step: int) -> None:
        """Move to another block. A running timer runs on into it, from the block's full time."""
        running = bool(self._play.playing)
        self._block = max(0, min(len(self.blocks) - 1, self._block + step))
        self._draw()
        if running:
            self._play.playing = True

    def _restart_block(self) -> None:
        running = bool(self._play.playing)
        self._play.playing = False
        self._play.value = 0
        self._play.playing = running
        self._tick()

    def _show_running(self) -> None:
        running = bool(self._play.playing)
        self._start.disabled, self._pause.disabled = running, not running

    def _draw(self) -> None:
        plan, blocks, stage = pm.plan(self._stage_key), self.blocks, content.stage(self._stage_key)
        total = pm.minutes(blocks)
        self._heading.value = (f"<h3>Stage {stage.number}: {esc(stage.title)} · {esc(pm.format_button(self._fmt))}, "
                               f"{total} minutes</h3>")
        self._overview.value = (_list("Objectives", plan["objectives"]) + _list("Materials", plan["materials"])
                                + _list("Preparation", plan["preparation"]) + plan_marks.group_html(self._fmt))
        rows = []
        for i, (start, b) in enumerate(zip(pm.start_offsets(blocks), blocks, strict=True)):
            here = " class='tw-current'" if i == self._block else ""
            rows.append(f"<tr{here}><td>{_mmss(start * 60)[:-3]}</td><td>{b['minutes']} min</td>"
                        f"<td><b>{esc(b['title'])}</b><br><small>{esc(pm.block_kind(b['kind']))} · "
                        f"{plan_marks.cut_mark(b)}</small></td>"
                        f"<td>{esc(b['facilitator'])}</td><td>{esc(b['participants'])}</td></tr>")
        self._agenda.value = (plan_marks.STYLE + "<h4 class='tw-part'>Agenda</h4>" + plan_marks.timing_line(blocks)
                              + table_box("<table class='tw-agenda'><thead><tr><th>Starts</th><th>Length</th>"
                                          "<th>Block</th><th>You</th><th>Participants</th></tr></thead><tbody>"
                                          + "".join(rows) + "</tbody></table>", "Agenda"))
        adapt = plan["adaptations"]
        self._details.value = (
            _list("Debrief questions", plan["debrief_questions"])
            + f"<h4 class='tw-part'>Homework</h4>{paragraph(plan['homework'])}"
            + _list("Adapting for the relationship",
                    [f"{content.context(k).label}: {v}" for k, v in adapt["context"].items()])
            + _list("Adapting for each role", [f"{content.role(k).label}: {v}" for k, v in adapt["role"].items()])
            + _list("Adapting for the format", [f"{k.replace('_', '-')}: {v}" for k, v in adapt["format"].items()])
            + _list("Safety notes", plan["safety_notes"])
            + _list("Fidelity checklist (after the session)", plan["fidelity_checklist"]))
        self._prev.disabled = self._block == 0
        self._next.disabled = self._block == len(blocks) - 1
        self._play.playing = False
        self._play.max = blocks[self._block]["minutes"] * 60
        self._play.value = 0
        self._show_running()
        self._tick()

    @property
    def block(self) -> int:
        """Which block of the agenda is current (0 is the first)."""
        return self._block

    @property
    def clock(self) -> w.Play:
        """The clock that ticks in the browser (hidden; its value is the seconds spent in this block)."""
        return self._play

    def remaining(self) -> int:
        """Seconds left in the current block (negative once it has run over)."""
        return self.blocks[self._block]["minutes"] * 60 - self._play.value

    def _tick(self) -> None:
        block = self.blocks[self._block]
        left = self.remaining()
        nxt = self.blocks[self._block + 1]["title"] if self._block + 1 < len(self.blocks) else "end of the session"
        state = "Time for this block is up: move on when the group is ready." if left <= 0 else f"Next: {nxt}"
        self._clock.value = (f"<div class='tw-clock'><span class='tw-clock-time'>{_mmss(left)}</span> "
                             f"<span>left in block {self._block + 1} of {len(self.blocks)}: "
                             f"<b>{esc(block['title'])}</b> ({plan_marks.cut_mark(block)})</span><br>"
                             f"<small>{esc(state)}</small></div>"
                             + plan_marks.running_late(self.blocks, self._block))
        self._now.value = (f"<div class='tw-script'><b>Say:</b> {esc(block['script'])}</div>"
                           f"<p><b>You:</b> {esc(block['facilitator'])}<br><b>Participants:</b> "
                           f"{esc(block['participants'])}</p>")


class IntensiveSchedule(Panel):
    """The weekend intensive: two days of four blocks, and the stages in each."""

    def __init__(self) -> None:
        data = pm.formats()["intensive"]
        super().__init__(data["label"], data["description"], needs_journal=False)

    def build(self) -> list[w.Widget]:
        block = pm.formats()["intensive"]["block_minutes"]
        rows = "".join(
            f"<tr><td>Day {slot.day}</td><td>{esc(slot.starts)}</td><td>{block} min</td><td>"
            + " + ".join(f"{content.stage(k).number}. {esc(content.stage(k).title)}"
                         + (f" ({block // len(slot.stages)} min)" if len(slot.stages) > 1 else "") for k in slot.stages)
            + "</td></tr>" for slot in pm.intensive_schedule())
        return [w.HTML(table_box("<table class='tw-agenda'><thead><tr><th>Day</th><th>Starts</th><th>Length</th>"
                                 f"<th>Stages</th></tr></thead><tbody>{rows}</tbody></table>", "Schedule"))]


class GroupDashboard(Panel):
    """Load participants' shared summaries and read the group's progress."""

    def __init__(self, make_evaluation: Callable[[ev.Evaluation], bytes] | None = None) -> None:
        self._files: list[tuple[str, bytes]] = []
        self._make_pdf = make_evaluation  # outputs make PDFs; views never import them, so it is handed in
        self._evaluation = w.HTML()
        super().__init__("Group progress", "Type your group's pseudonyms (optional, one per line), then upload the "
                         "summary files participants sent you. You can upload many at once.", needs_journal=False)

    def build(self) -> list[w.Widget]:
        self._roster = w.Textarea(description="Pseudonyms:", placeholder="Blue Heron\nAna\nTeam member 3",
                                  rows=4, style={"description_width": "initial"}, continuous_update=False)
        self._upload = w.FileUpload(accept=".json,application/json", multiple=True, description="Add summary files",
                                    tooltip="Choose the summary files participants sent you; choosing a file "
                                            "already loaded changes nothing")
        self._clear = w.Button(description="Clear", icon="times", tooltip="Forget the loaded files")
        self._out = w.VBox()
        self._roster.observe(lambda _: self._draw(), names="value")
        self._upload.observe(self._on_upload, names="value")
        self._clear.on_click(lambda _: self._reset())
        self._draw()
        parts = [self._roster, w.HBox([self._upload, self._clear]), self._out]
        if self._make_pdf is not None:
            # The course evaluation: one page for a funder, from the same loaded summaries.
            make = w.Button(description="Make course evaluation (PDF)", icon="file-pdf",
                            tooltip="A one-page report of the group's change, with no names; "
                                    "a Save button appears beside this one")
            make.on_click(lambda _: self._make_evaluation())
            parts.append(w.HBox([make, self._evaluation], layout=w.Layout(align_items="center", flex_flow="row wrap")))
        return parts

    def _make_evaluation(self) -> None:
        """Offer the PDF as a browser download: nothing is written on the server."""
        figures = ev.evaluate(self.loaded.summaries)
        note = ("Ready. It holds no names." if figures.enough else
                f"Ready. With fewer than {sm.MIN_GROUP} people it shows counts only.")
        self._evaluation.value = download_link(self._make_pdf(figures), "course-evaluation.pdf",
                                               "Save course evaluation", mime="application/pdf", note=note)

    def _on_upload(self, change: dict) -> None:
        if not change["new"]:
            return
        for f in change["new"]:
            item = (f["name"], bytes(f["content"]))
            if item not in self._files:  # the same file chosen again is not a second copy of itself
                self._files.append(item)
        # The button's count then tells how many files were chosen last time (Clear sets it to none).
        self._draw()

    def _reset(self) -> None:
        self._files = []
        self._upload.value = ()
        self._draw()

    def _draw(self) -> None:
        self._evaluation.value = ""  # a PDF made from other files is not offered again
        loaded = sm.load_many(self._files)
        roster = self._roster.value.splitlines()
        view = sm.group(loaded.summaries, roster)
        self.view, self.loaded = view, loaded
        parts: list[w.Widget] = [w.HTML(paragraph(view.note))]
        if view.stage_averages:
            rows = "".join(f"<tr><td>{esc(content.stage(k).title)}</td><td>{v:.0f}</td>"
                           f"<td>{view.stage_counts[k]}</td></tr>" for k, v in view.stage_averages.items())
            parts.append(w.HTML("<h4 class='tw-part'>Stage averages (0 to 100)</h4>"
                                + paragraph("Lower averages may show areas the group wants to spend more time on. "
                                            "They describe the group, never a person.", "tw-muted")
                                + table_box("<table class='tw-agenda'><thead><tr><th>Stage</th><th>Average</th>"
                                            f"<th>People</th></tr></thead><tbody>{rows}</tbody></table>",
                                            "Stage averages")))
        if view.pulse_by_week:
            points = [charts.GroupPulse(week, mean, n) for week, mean, n in view.pulse_by_week]
            parts.append(figure(charts.png(charts.group_pulse_chart(points)), charts.group_pulse_caption(points)))
        if view.size >= sm.MIN_GROUP:
            # Patterns, not individuals: the same small-group rule as the averages, and no names beside counts.
            done = min(view.homework_done, view.homework_set)
            share = f"{round(100 * done / view.homework_set)}%" if view.homework_set else "none set yet"
            counts = sorted(view.attendance.values())
            parts.append(w.HTML(
                f"<p><b>Homework:</b> {done} of {view.homework_set} commitments marked done ({share}).</p>"
                f"<p><b>Sessions attended:</b> from {counts[0]} to {counts[-1]} per person, "
                f"{statistics.median(counts):g} in the middle.</p>"))
        if view.missing:
            missing = ", ".join(f"<bdi>{esc(n)}</bdi>" for n in view.missing)
            parts.append(w.HTML(f"<p><b>Not shared yet:</b> {missing}.</p>"))
        if loaded.problems:
            items = "".join(f"<li><b><bdi>{esc(name)}</bdi></b>: skipped because {esc(reason)}.</li>"
                            for name, reason in loaded.problems)
            parts.append(w.HTML(f"<div class='tw-warning'><p><b>{len(loaded.problems)} file(s) skipped</b></p>"
                                f"<ul>{items}</ul></div>"))
        self._out.children = parts


def session_plan(stage_key: str = "safety", fmt: str = "weekly") -> SessionPlan:
    """Any session plan, by stage and format, with a countdown timer for the current block."""
    return SessionPlan(stage_key, fmt)


def intensive_schedule() -> IntensiveSchedule:
    """The weekend intensive's mapping of stages to blocks."""
    return IntensiveSchedule()


def group_dashboard(make_evaluation: Callable[[ev.Evaluation], bytes] | None = None) -> GroupDashboard:
    """The facilitator's view of the summaries participants chose to share (with a course
    evaluation button when given a PDF maker: ``trust_workshop.group_dashboard`` has one)."""
    return GroupDashboard(make_evaluation)
