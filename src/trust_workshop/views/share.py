"""Share my summary with the group: a participant chooses a pseudonym, sees in words (and as the
exact file) what would be shared, and saves a numbers-only summary for the facilitator."""

from __future__ import annotations

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model import summary as sm
from trust_workshop.model import writing
from trust_workshop.views.panel import Panel, download_link, esc, line_box, paragraph


class ShareSummary(Panel):
    """For participants: choose a pseudonym, see exactly what is shared, download the file."""

    def __init__(self) -> None:
        super().__init__("Share my summary with the group",
                         "Your facilitator can see how the group is doing if people share a small summary. "
                         "It holds only numbers and dates: your stage scores, your pulse, how many homework "
                         "commitments you marked done, which days and sessions you took part in, your scores at "
                         "the start and the end of the course, and the role you chose. It never holds anything "
                         "you wrote, and never your safety check. Sharing is optional.")

    def build(self) -> list[w.Widget]:
        self._name = line_box(description="Pseudonym:", placeholder="a name your group knows you by",
                            style={"description_width": "initial"})
        self._show = w.Button(description="Show me what would be shared", icon="eye",
                              tooltip="See the exact file before you download it")
        self._show.on_click(lambda _: self._preview())
        self._result = w.HTML()
        return [w.HBox([self._name, self._show], layout=w.Layout(flex_flow="row wrap")), self._result]

    def _preview(self) -> None:
        try:
            self.journal.reload()
            summary = sm.build(self.journal, self._name.value)
        except sm.SummaryProblem as err:
            self._result.value = paragraph(str(err), "tw-warning")
            return
        raw = sm.encode(summary)
        scores = "".join(f"<li>{esc(content.stage(k).title)}: {v} of 100</li>"
                         for k, v in summary["stage_scores"].items() if k in content.stage_keys())
        pulse = summary["pulse"]
        pulse_words = (f"{len(pulse)} trust pulse{'s' if len(pulse) != 1 else ''}, the latest {pulse[-1]['score']} "
                       f"of 100 (on {writing.day(pulse[-1]['date'])})" if pulse else "no trust pulse yet")
        days = summary["attendance"]
        attended = (f"{len(days)} session{'s' if len(days) != 1 else ''}, from {writing.day(days[0])} "
                    f"to {writing.day(days[-1])}" if days else "no sessions yet")
        hw = summary["homework"]
        course, start, end = summary["course"], summary["baseline"], summary["final"]
        role = content.role(summary["role"]).label if summary["role"] else "not chosen"
        ends = (f"scores for {len(start['stages'])} stages from your baseline check-in and {len(end['stages'])} "
                f"from your final one; first pulse {_or_none(start['pulse'])}, final pulse {_or_none(end['pulse'])}")
        self._result.value = (
            paragraph("This is everything the file holds, in words:")
            + "<ul class='tw-summary'>"
            + f"<li><b>Your pseudonym:</b> <bdi>{esc(summary['pseudonym'])}</bdi></li>"
            + f"<li><b>Stage scores:</b> {'<ul>' + scores + '</ul>' if scores else 'none complete yet'}</li>"
            + f"<li><b>Trust pulse:</b> {esc(pulse_words)}</li>"
            + f"<li><b>Homework:</b> {hw['done']} of {hw['set']} commitments marked done</li>"
            + f"<li><b>Taking part:</b> {esc(attended)}</li>"
            + f"<li><b>Sessions done:</b> {len(course['sessions'])} of {len(content.stages())}; final check-in "
            + f"{'taken' if course['final_checkin'] else 'not yet taken'}</li>"
            + f"<li><b>Start and end of the course:</b> {esc(ends)}</li>"
            + f"<li><b>Your role:</b> {esc(role)}</li>"
            + ("<li><b>A code made from your journal</b> (not from your name), so that two summaries from one "
               "journal count as one person</li>" if summary.get("participant") else "")
            + "</ul>"
            + "<details><summary>The exact file, as your facilitator receives it</summary>"
            + f"<pre class='tw-preview'>{esc(raw.decode('utf-8'))}</pre></details>"
            + "<p>" + download_link(raw, sm.filename(summary), "Save my summary",
                                    note="Send it to your facilitator privately.") + "</p>"
            + paragraph("You can make a new one at any time.", "tw-muted"))


def _or_none(value: int | None) -> str:
    return "none yet" if value is None else f"{value} of 100"


def share_summary() -> ShareSummary:
    """For participants: share a numbers-only summary with the facilitator."""
    return ShareSummary()
