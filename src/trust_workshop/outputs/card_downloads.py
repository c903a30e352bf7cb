"""'Make a card to give': tick lines of a list, optionally type To and From, and save a small PDF.

Shown right after its list in the notebook (``card_to_give("ten_things")``). The card is
offered as a browser download, like the handouts (:mod:`pdf_downloads`); nothing is written to
disk, and the To and From names are not saved anywhere.
"""

from __future__ import annotations

import ipywidgets as w

from trust_workshop.model.contents import entry_key
from trust_workshop.outputs import cards
from trust_workshop.views.panel import Panel, download_link, line_box, paragraph, texts

BLANK_NAME = "leave empty to write it by hand"


class CardToGive(Panel):
    """Ticks for the lines of one list, To and From, a card size, and Make card with its Save link."""

    def __init__(self, key: str) -> None:
        self.exercise_key = key
        self.list_key = entry_key("exercise", key)
        self._wording = cards.card_wording(key)
        self._lines: list[str] = []  # the list as shown, in order (a line may appear twice)
        self._ticks: list[w.Checkbox] = []
        super().__init__("Make a card to give", self._wording["intro"])

    def _saved_lines(self) -> list[str]:
        return [line for line in texts(self.journal.entry(self.list_key)) if line.strip()]

    def build(self) -> list[w.Widget]:
        self._rows = w.VBox()
        self._draw(self._saved_lines(), {})
        update = w.Button(description="Update from my list", icon="refresh",
                          tooltip="Show the lines of your list as it is now")
        update.on_click(lambda _: self._update())
        self._to = line_box(description="To:", placeholder=BLANK_NAME, layout=w.Layout(width="22em"))
        self._from = line_box(description="From:", placeholder=BLANK_NAME, layout=w.Layout(width="22em"))
        self._size = w.ToggleButtons(options=[(name, key) for key, name in cards.SIZE_NAMES.items()],
                                     value="a6", description="Size:", style={"description_width": "initial"})
        make = w.Button(description="Make card", icon="file-pdf",
                        tooltip="Build the card as a PDF; a Save button appears beside this one")
        make.on_click(lambda _: self._make())
        self._link = w.HTML()
        names = w.HTML(paragraph("Names on the card (optional). They are not saved.", "tw-muted"))
        return [self._rows, update, names, self._to, self._from, self._size,
                w.HBox([make, self._link], layout=w.Layout(align_items="center", flex_flow="row wrap"))]

    def _draw(self, lines: list[str], was: dict[str, list[bool]]) -> None:
        """Show a tick box for each line; a line shown before keeps its tick, a new one starts
        as the card's wording says (ticked for 'Ten things', unticked for appreciations)."""
        earlier = {text: list(states) for text, states in was.items()}
        self._lines, self._ticks = list(lines), []
        for line in lines:
            states = earlier.get(line)
            value = states.pop(0) if states else bool(self._wording["ticked"])
            self._ticks.append(w.Checkbox(value=value, description=line, indent=False,
                                          layout=w.Layout(width="auto")))
        if self._ticks:
            self._rows.children = [w.HTML(paragraph("Tick what goes on the card:")), *self._ticks]
        else:
            self._rows.children = [w.HTML(paragraph(
                f"Nothing to print yet. Write your list in “{self._wording['title']}” above, "
                "then press Update from my list.", "tw-muted"))]

    def _states(self) -> dict[str, list[bool]]:
        states: dict[str, list[bool]] = {}
        for line, box in zip(self._lines, self._ticks, strict=True):
            states.setdefault(line, []).append(box.value)
        return states

    def _update(self) -> bool:
        """Redraw from the journal; True if the list had changed since it was shown."""
        self.journal.reload()
        lines = self._saved_lines()
        if lines == self._lines:
            return False
        self._draw(lines, self._states())
        self._link.value = ""
        return True

    @property
    def chosen(self) -> list[str]:
        """The lines ticked for the card, in the list's order."""
        return [line for line, box in zip(self._lines, self._ticks, strict=True) if box.value]

    def _make(self) -> None:
        if self._update():
            self._warn("Your list has changed since this was shown, so the ticks above now follow it. "
                       "Check them, then press Make card again.")
            return
        if not self.chosen:
            self._warn("Tick at least one line to put on the card.")
            return
        data = cards.card(self.exercise_key, self.chosen, self._to.value, self._from.value, self._size.value)
        name = cards.filename(self.exercise_key)
        self._link.value = download_link(data, name, "Save card", mime="application/pdf",
                                         note=f"Ready: {name}. Print it at actual size (100%).")
        self.show("")


def card_to_give(key: str) -> CardToGive:
    """'Make a card to give' from a list exercise that has a card, e.g. ``card_to_give("ten_things")``."""
    return CardToGive(key)
