"""The private safety check and the "where to get help" panel.

The safety check never touches the journal: its answers live only in this page's
widgets, are never saved, exported or shared, and can be cleared with one click.
"""

from __future__ import annotations

import ipywidgets as w

from trust_workshop import content
from trust_workshop.views.exercise import Exercise, esc, paragraph


def resources_html() -> str:
    """The crisis resources as an HTML table, with the facilitators' note."""
    data = content.crisis_resources()
    rows = []
    for r in data["resources"]:
        extra = " · ".join(x for x in (r.get("text", ""), r.get("notes", "")) if x)
        rows.append(f"<tr><td>{esc(r['region'])}</td><td>{esc(r['name'])}</td>"
                    f"<td><b>{esc(r['contact'])}</b></td><td>{esc(extra)}</td></tr>")
    return (f"{paragraph(data['intro'])}"
            "<table class='tw-resources'><thead><tr><th>Where</th><th>Service</th><th>Contact</th>"
            f"<th>Notes</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            f"{paragraph(data['facilitator_note'], 'tw-muted')}")


class GetHelp(Exercise):
    """Where to get help: the crisis resources from the one editable data file."""

    def __init__(self) -> None:
        super().__init__("Where to get help", "", needs_journal=False)

    def build(self) -> list[w.Widget]:
        return [w.HTML(resources_html())]


class SafetyCheck(Exercise):
    """A private check for fear, harm, threats, control, monitoring and isolation. Never saved."""

    def __init__(self) -> None:
        data = content.exercise("safety_check")
        super().__init__(data["title"], data["intro"], needs_journal=False)

    def build(self) -> list[w.Widget]:
        data = content.exercise("safety_check", self.context)
        self._boxes = []
        for q in data["questions"]:
            box = w.Checkbox(value=False, description=q["label"], indent=False, layout=w.Layout(width="auto"))
            box.observe(lambda _: self._update(), names="value")
            self._boxes.append(box)
        self._clear = w.Button(description="Clear my answers", icon="eraser",
                               tooltip="Untick everything on this check, for example before sharing your screen")
        self._clear.on_click(lambda _: self._reset())
        self._result = w.HTML()
        self._update()
        return [*self._boxes, w.HBox([self._clear]), self._result]

    @property
    def concern(self) -> bool:
        """True when any answer suggests joint work is not safe now."""
        return any(b.value for b in getattr(self, "_boxes", []))

    def _reset(self) -> None:
        for b in self._boxes:
            b.value = False

    def _update(self) -> None:
        data = content.exercise("safety_check", self.context)
        if self.concern:
            self._result.value = (f"<div class='tw-alert' role='alert'>{paragraph(data['concern'])}"
                                  f"{resources_html()}</div>")
        else:
            self._result.value = paragraph(data["all_clear"], "tw-muted")

    def restored_message(self) -> str:
        return "Nothing on this check is saved. Closing or re-running the page clears it."


def safety_check() -> SafetyCheck:
    """The private safety check (notebook 00). Its answers are never saved anywhere."""
    return SafetyCheck()


def get_help() -> GetHelp:
    """The crisis and support resources."""
    return GetHelp()
