"""Check-ins: a stage check-in, the baseline (and final) check-in across all stages, and the pulse.

Each statement is rated 1-5 with labelled ends. Answers save as soon as they are given.
Stage check-ins and the pulse are repeated measures: answers given today update today's
record, and an earlier day's record is shown as "last time" rather than edited. The
baseline and the final check-in are taken once, so they always show what was saved. They ask only
each stage's baseline statements (``baseline: true`` in checkins.yaml); answers an older, longer
baseline saved to other statements are kept in the record when one is changed.
"""

from __future__ import annotations

import datetime as dt

import ipywidgets as w

from trust_workshop import content
from trust_workshop.content import Item
from trust_workshop.model import progress, scoring, writing
from trust_workshop.views import registry
from trust_workshop.views.panel import Panel, esc, paragraph, scale
from trust_workshop.views.safety import WarningPointer


class ScaleQuestion(w.VBox):
    """One statement with a 1-5 agreement scale; ``value`` is 1-5 or None."""

    def __init__(self, item: Item, number: int, value: int | None = None, context_key: str | None = None) -> None:
        labels = content.scale_labels()
        self.item = item
        self._statement, self.buttons = scale(item.text, number, value, labels)
        ends = w.HBox([w.HTML(f"<small>1 = {esc(labels[1])}</small>"),
                       w.HTML(f"<small>5 = {esc(labels[5])}</small>")],
                      layout=w.Layout(justify_content="space-between", width="18.5em"))
        parts = [self._statement, self.buttons, ends]
        self.pointer: WarningPointer | None = None
        if item.warning:
            # A warning sign (fear, no real choice): answered that way, it shows private help, not a score.
            self.pointer = WarningPointer(context_key)
            self.pointer.show(item.worrying(value))
            self.buttons.observe(lambda ch: self.pointer.show(item.worrying(ch["new"])), names="value")
            parts.append(self.pointer)
        super().__init__(parts, layout=w.Layout(margin="0 0 8px 0"))

    @property
    def value(self) -> int | None:
        return self.buttons.value


def _score_html(value: int | None, answered: int, total: int) -> str:
    if value is None:
        return paragraph(f"{answered} of {total} answered. Your reading appears when all are answered.",
                         "tw-muted")
    r = scoring.reading(value)
    return (f"<div class='tw-score'><p><b>{esc(scoring.describe(value))}</b> {esc(r.detail)}</p>"
            f"<p class='tw-muted'><small>{esc(scoring.SCORE_NOTE)}</small></p></div>")


class ItemsCheckin(Panel):
    """Shared body of the stage check-in and the pulse: statements, live reading, saving."""

    kind = "stage"

    def __init__(self, title: str, intro: str) -> None:
        self._questions: list[ScaleQuestion] = []
        super().__init__(title, intro)

    @property
    def questions(self) -> list[ScaleQuestion]:
        """The statements shown, each with its 1-5 answer."""
        return list(self._questions)

    @property
    def reading(self) -> str:
        """The live reading of the answers so far (HTML): the score and what it means, or ""."""
        return self._reading.value

    def items(self) -> tuple[Item, ...]:
        raise NotImplementedError

    def records(self) -> list[dict]:
        raise NotImplementedError

    def record(self, answers: dict[str, int]) -> None:
        raise NotImplementedError

    def score(self, answers: dict[str, int]) -> int | None:
        return scoring.score(self.items(), answers)

    def _today_record(self) -> dict | None:
        today = dt.date.today().isoformat()
        same_day = [r for r in self.records() if r["date"] == today]
        return same_day[-1] if same_day else None

    def build(self) -> list[w.Widget]:
        saved = self._today_record()
        answers = saved["answers"] if saved else {}
        self._questions = [ScaleQuestion(it, n, answers.get(it.id), self.context)
                           for n, it in enumerate(self.items(), start=1)]
        for q in self._questions:
            q.buttons.observe(self._changed, names="value")
        self._reading = w.HTML()
        self._update_reading()
        return [*self._questions, self._reading]

    @property
    def value(self) -> dict[str, int]:
        return {q.item.id: q.value for q in self._questions if q.value is not None}

    def _update_reading(self) -> None:
        answers = self.value
        items = self.items()
        self._reading.value = _score_html(self.score(answers), scoring.answered(items, answers),
                                          len(scoring.scored(items)))

    def _changed(self, _change: dict) -> None:
        self._update_reading()
        self.save(lambda j: self.record(self.value))

    def restored_message(self) -> str:
        if self._today_record():
            return "Your answers from today are shown. Change any of them and they save again."
        earlier = [r for r in self.records() if self.score(r["answers"]) is not None]
        if earlier:
            last = earlier[-1]
            value = self.score(last["answers"])
            return (f"Last time ({writing.day(last['date'], weekday=True)}): {scoring.describe(value)} "
                    "Today's answers are added next to it, so you can see change over time.")
        return ""


class StageCheckin(ItemsCheckin):
    """The check-in for one stage, worded for the participant's role and context."""

    def __init__(self, stage_key: str) -> None:
        self.stage = content.stage(stage_key)
        frame = content.panel("checkin", self.stage.key)
        super().__init__(frame["title"], frame["intro"])

    def items(self) -> tuple[Item, ...]:
        return content.checkin_items(self.stage.key, self.role, self.context)

    def records(self) -> list[dict]:
        return self.journal.checkins(self.kind, self.stage.key) if self.journal else []

    def record(self, answers: dict[str, int]) -> None:
        self.journal.record_checkin(self.kind, self.stage.key, answers)


class Pulse(ItemsCheckin):
    """The trust pulse, taken at every session."""

    def __init__(self) -> None:
        super().__init__("Trust pulse", content.pulse_intro())

    def items(self) -> tuple[Item, ...]:
        return content.pulse_items(self.context)

    def records(self) -> list[dict]:
        return self.journal.pulses() if self.journal else []

    def record(self, answers: dict[str, int]) -> None:
        self.journal.record_pulse(answers)


class WholeCheckin(Panel):
    """The baseline (first stage) or final (last stage) check-in across all the stages, one stage a page,
    with each stage's baseline statements."""

    def __init__(self, kind: str = "baseline") -> None:
        if kind not in ("baseline", "final"):
            raise ValueError("kind must be 'baseline' or 'final'")
        self.kind = kind
        self._page = 0
        self._answers: dict[str, dict[str, int | None]] = {}  # stage key -> item id -> answer
        self._questions: dict[str, list[ScaleQuestion]] = {}  # built a page at a time
        frame = content.panel(f"{kind}_checkin")
        super().__init__(frame["title"], frame["intro"])

    @property
    def questions(self) -> dict[str, list[ScaleQuestion]]:
        """The statements of each stage page built so far, by stage key."""
        return {key: list(qs) for key, qs in self._questions.items()}

    def _saved(self) -> dict[str, dict[str, int]]:
        saved: dict[str, dict[str, int]] = {}
        for c in self.journal.checkins(self.kind) if self.journal else []:
            saved[c["stage"]] = c["answers"]  # oldest first, so the newest wins
        return saved

    def build(self) -> list[w.Widget]:
        saved = self._saved()
        self._answers = {st.key: dict(saved.get(st.key, {})) for st in content.stages()}
        # Pages are built when first shown (a page of questions takes a moment to make).
        self._pages: dict[str, w.VBox] = {}
        self._questions: dict[str, list[ScaleQuestion]] = {}
        self._back = w.Button(description="Back", icon="arrow-left", tooltip="The previous stage")
        self._next = w.Button(description="Next", icon="arrow-right", tooltip="The next stage")
        self._where = w.HTML()
        self._back.on_click(lambda _: self._go(-1))
        self._next.on_click(lambda _: self._go(+1))
        self._holder = w.Box([self._page_widget(self._page)])
        self._summary = w.HTML()
        self._update()
        nav = w.HBox([self._back, self._where, self._next], layout=w.Layout(align_items="center"))
        return [nav, self._holder, self._summary]

    def _page_widget(self, index: int) -> w.VBox:
        st = content.stages()[index]
        if st.key not in self._pages:
            answers = self._answers[st.key]
            qs = [ScaleQuestion(it, n, answers.get(it.id), self.context)
                  for n, it in enumerate(content.baseline_items(st.key, self.role, self.context), start=1)]
            for q in qs:
                q.buttons.observe(lambda ch, key=st.key, item=q.item.id: self._changed(key, item, ch["new"]),
                                  names="value")
            self._questions[st.key] = qs
            heading = w.HTML(f"<h4>Stage {st.number}: {esc(st.title)}</h4>{paragraph(st.summary, 'tw-muted')}")
            self._pages[st.key] = w.VBox([heading, *qs])
        return self._pages[st.key]

    def _go(self, step: int) -> None:
        self._page = max(0, min(len(content.stages()) - 1, self._page + step))
        self._holder.children = [self._page_widget(self._page)]
        self._update()

    def answers(self, stage_key: str) -> dict[str, int]:
        """A stage's saved answers, with any an older, longer baseline gave to statements not asked now."""
        return {k: v for k, v in self._answers[stage_key].items() if v is not None}

    @property
    def value(self) -> dict[str, dict[str, int]]:
        return {key: self.answers(key) for key in self._answers}

    def _update(self) -> None:
        stage_count = len(content.stages())
        self._where.value = f"&nbsp;<b>Page {self._page + 1} of {stage_count}</b>&nbsp;"
        self._back.disabled = self._page == 0
        self._next.disabled = self._page == stage_count - 1
        done = sum(1 for key in self._answers
                   if progress.checkin_score(key, self.answers(key), self.kind) is not None)
        self._summary.value = paragraph(
            f"{done} of {stage_count} stages fully answered. Your readings appear in 'My journey' (notebook 09).",
            "tw-muted")

    def _changed(self, stage_key: str, item_id: str, value: int | None) -> None:
        if self._loading:
            return
        self._answers[stage_key][item_id] = value
        self._update()
        answers = self.answers(stage_key)
        self.save(lambda j: j.record_checkin(self.kind, stage_key, answers))

    def restored_message(self) -> str:
        saved = self._saved()
        if saved:
            return f"Your saved answers are shown ({len(saved)} of {len(content.stages())} stages started)."
        return ""


def checkin(stage_key: str) -> StageCheckin:
    """The check-in for one stage, e.g. ``checkin("uncover")``."""
    return StageCheckin(stage_key)


def pulse() -> Pulse:
    """The trust pulse: the same short statements every session."""
    return Pulse()


def baseline_checkin() -> WholeCheckin:
    """The starting check-in across all the stages (notebook 00)."""
    return WholeCheckin("baseline")


def final_checkin() -> WholeCheckin:
    """The closing check-in across all the stages (notebook 08), compared with the baseline."""
    return WholeCheckin("final")


def _whole_worksheet(key: str) -> dict:
    labels = content.scale_labels()
    return {"kind": "scale", "title": content.panel(key)["worksheet_title"], "intro": "",
            "low": f"1 = {labels[1]}", "high": f"5 = {labels[5]}",
            "groups": [{"name": f"{s.number}. {s.title}", "items": [it.text for it in content.baseline_items(s.key)]}
                       for s in content.stages()]}


registry.register("baseline_checkin", baseline_checkin, _whole_worksheet)
registry.register("final_checkin", final_checkin, _whole_worksheet)
