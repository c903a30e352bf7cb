"""Compare our answers: two people put their check-ins and pulse side by side, only when both agree.

The panel says first what will be shown and that either person can stop; then a safety
reminder. The person whose journal is open on this page is the first person. The other joins
in one of two ways: on this computer, opening their own journal here (with its passphrase if
it is locked), or with a share card they made and handed over. Each person ticks their own
agreement; without both, nothing is compared (:class:`~trust_workshop.model.compare.ConsentMissing`).
"Stop and clear" (or closing the journal) wipes everything from the screen.

Nothing of the other person is ever saved: their journal is only read, their card is only
read, and this panel never calls ``save``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from trust_workshop import content
from trust_workshop.content import compare as words
from trust_workshop.model import compare as cm
from trust_workshop.model import journal as jr
from trust_workshop.model import profiles as pr
from trust_workshop.model import sharecard as sc
from trust_workshop.model import writing
from trust_workshop.views.panel import Panel, download_link, esc, line_box, paragraph

SAME_COMPUTER = "same"
CARD = "card"
STARTER_STYLE = "border-left: 4px solid #0072B2; padding: 2px 10px"
STOPPED = "Stopped and cleared. Nothing of the comparison is on the screen any more, and nothing was saved."


def _consent_box(text: str) -> w.Checkbox:
    return w.Checkbox(value=False, indent=False, description=text, layout=w.Layout(width="auto"))


WITHDRAWN = "One of you took back their agreement, so the comparison was cleared from the screen."


def _note(html: str) -> w.HTML:
    return w.HTML(html)


class CompareAnswers(Panel):
    """The "Compare our answers" panel: the whole course (notebook 09) or one stage's check-in."""

    def __init__(self, stage_key: str | None = None) -> None:
        if stage_key is not None:
            content.stage(stage_key)  # a clear KeyError for a stage that does not exist
        self.stage_key = stage_key
        self._other: jr.Journal | None = None   # the other person's journal, read only, never saved
        self._card: dict[str, Any] | None = None  # the card given to this person, in memory only
        self._other_consent: w.Checkbox | None = None
        short = stage_key is not None
        super().__init__(words.text("short_title" if short else "title"),
                         words.text("short_intro" if short else "intro"))
        # What will be shown, that either can stop, and the safety reminder come first, before
        # anyone opens a journal.
        self._intro.value += paragraph(words.text("how")) + paragraph(words.text("safety"), "tw-warning")

    # -- the frame --------------------------------------------------------------------------

    def build(self) -> list[w.Widget]:
        self._other, self._card, self._other_consent = None, None, None
        self._method = w.ToggleButtons(options=[("Both of us on this computer", SAME_COMPUTER),
                                                ("With a share card", CARD)], value=None,
                                       description="How will you compare?", style={"description_width": "initial"},
                                       tooltips=["The other person opens their own journal here, on this page",
                                                 "The other person gives you a card file they made"])
        self._method.observe(lambda ch: self._choose(ch["new"]), names="value")
        self._steps = w.VBox()
        self._result = w.HTML()
        self._stop = w.Button(description="Stop and clear", icon="times-circle",
                              tooltip="Either of you can stop: everything shown here goes away")
        self._stop.on_click(lambda _: self.stop())
        self._stop.layout.display = "none"
        return [self._method, self._steps, self._result, w.HBox([self._stop])]

    def _choose(self, method: str | None) -> None:
        if self._loading:
            return
        self._other, self._card, self._other_consent = None, None, None
        self._result.value = ""
        self.show("")
        self._stop.layout.display = None if method else "none"
        self._steps.children = (self._same_computer_steps() if method == SAME_COMPUTER else
                                self._card_steps() if method == CARD else [])

    def _consent(self, text: str) -> w.Checkbox:
        """A person's own tick; unticking it takes their agreement back and clears the comparison."""
        box = _consent_box(text)
        box.observe(lambda ch: self._withdrawn() if not ch["new"] else None, names="value")
        return box

    def _withdrawn(self) -> None:
        if self._result.value:
            self._result.value = ""
            self.show(WITHDRAWN, "tw-muted")

    def stop(self) -> None:
        """Either person stops: everything of the comparison leaves the screen and memory."""
        self.refresh()
        self.show(STOPPED, "tw-muted")

    # -- both on this computer --------------------------------------------------------------

    def _same_computer_steps(self) -> list[w.Widget]:
        me = self.journal.name
        self._my_consent = self._consent(f"I, {me}, agree to compare my answers here, now.")
        others = [p for p in pr.list_profiles() if p.id != pr.profile_id(me)]
        if not others:
            return [_note(paragraph(f"1. {me}, your journal is open on this page.")),
                    _note(paragraph("The other person has no profile on this computer yet. They can make one in "
                                    "the welcome notebook, or you can compare with a share card instead.",
                                    "tw-muted"))]
        self._picker = w.Dropdown(options=[("Choose your name…", None)]
                                  + [(f"{p.name} (locked)" if p.locked else p.name, p.name) for p in others],
                                  description="Other person:", style={"description_width": "initial"})
        self._their_pass = w.Password(description="Passphrase:", placeholder="only if their journal is locked",
                                      style={"description_width": "initial"})
        self._their_pass.add_class("tw-passphrase")
        open_button = w.Button(description="Open my journal for comparing", icon="book-open",
                               tooltip="The other person opens their own journal, only to compare; nothing is saved")
        open_button.on_click(lambda _: self._open_other())
        self._other_box = w.VBox()
        show = w.Button(description="Show our comparison", button_style="primary", icon="columns")
        show.on_click(lambda _: self._show_same_computer())
        return [_note(paragraph(f"1. {me}, your journal is open on this page. Tick this yourself:")),
                self._my_consent,
                _note(paragraph("2. Now hand over to the other person. They choose their own name and open their "
                                "own journal, typing the passphrase themselves if it is locked.")),
                w.HBox([self._picker, self._their_pass, open_button], layout=w.Layout(flex_flow="row wrap")),
                self._other_box, w.HBox([show])]

    def _open_other(self) -> None:
        name = self._picker.value
        passphrase = self._their_pass.value or None
        self._their_pass.value = ""  # never left in the widget
        if not name:
            self._warn("Please choose your name from the list first.")
            return
        try:
            self._other = jr.Journal.open(name, passphrase)
        except jr.JournalError as err:
            self._other = None
            self._warn(str(err))
            return
        self._other_consent = self._consent(f"I, {self._other.name}, agree to compare my answers here, now.")
        self._other_box.children = [
            _note(paragraph(f"{self._other.name}, your journal is open for comparing only. Nothing is saved in it. "
                            "Tick this yourself:")), self._other_consent]
        self.show("")

    def _show_same_computer(self) -> None:
        if self._other is None or self._other_consent is None:
            self._warn("The other person needs to open their journal and agree first. Nothing was shown.")
            return
        mine = sc.build(self.journal, consent=True)
        theirs = sc.build(self._other, consent=True)
        self._draw(mine, theirs, self._my_consent.value, self._other_consent.value)

    # -- with a share card ------------------------------------------------------------------

    def _card_steps(self) -> list[w.Widget]:
        me = self.journal.name
        self._card_name = line_box(value=me, description="Name on my card:", style={"description_width": "initial"})
        self._with_checkins = w.Checkbox(value=True, indent=False, description="My check-in answers")
        self._with_pulse = w.Checkbox(value=True, indent=False, description="My trust pulse")
        self._writing = [(key, w.Checkbox(value=False, indent=False, description=f"Writing: {title}",
                                          layout=w.Layout(width="auto")))
                         for key, title in sc.writing_choices(self.journal)]
        self._card_consent = _consent_box("I agree that the person I give this card to may compare it with "
                                          "their answers.")
        make = w.Button(description="Make my share card", icon="id-card")
        make.on_click(lambda _: self._make_card())
        self._card_out = w.HTML()
        self._upload = w.FileUpload(accept=".json,application/json", multiple=False,
                                    description="Open their card", tooltip="Choose the share card you were given")
        self._upload.observe(self._card_uploaded, names="value")
        self._card_box = w.VBox()
        writing_part = ([_note(paragraph("Writing is left out unless you tick it, piece by piece:", "tw-muted")),
                         *(box for _, box in self._writing)] if self._writing else [])
        return [_note("<h4 class='tw-part'>Give my answers on a card</h4>" + paragraph(words.text("card"))),
                self._card_name, self._with_checkins, self._with_pulse, *writing_part, self._card_consent,
                w.HBox([make]), self._card_out,
                _note("<h4 class='tw-part'>Compare with a card I was given</h4>"
                      + paragraph("The card is read here and shown only while you compare. It is never added to "
                                  "your journal.")),
                self._upload, self._card_box]

    def _make_card(self) -> None:
        try:
            card = sc.build(self.journal, consent=self._card_consent.value, name=self._card_name.value,
                            checkins=self._with_checkins.value, pulse=self._with_pulse.value,
                            writing_keys=[key for key, box in self._writing if box.value])
        except sc.CardProblem as err:
            self._card_out.value = ""
            self._warn(str(err))
            return
        raw = sc.encode(card)
        items = "".join(f"<li>{esc(line)}</li>" for line in sc.describe(card))
        self._card_out.value = (paragraph("Your card holds this, and nothing else:") + f"<ul>{items}</ul>"
                                + "<p>" + download_link(raw, sc.filename(card), "Save my share card",
                                                        note="Give it to the other person yourself.") + "</p>")
        self.show("")

    def _card_uploaded(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        raw = bytes(files[0]["content"])
        self._upload.value = ()  # the file is not kept in the widget
        self._card, self._other_consent = None, None
        self._result.value = ""
        try:
            self._card = sc.read(raw)
        except sc.CardProblem as err:
            self._card_box.children = []
            self._warn(str(err))
            return
        card = self._card
        me = self.journal.name
        self._other_consent = self._consent(f"I, {me}, agree to compare my answers with {card['name']}'s card.")
        show = w.Button(description="Show our comparison", button_style="primary", icon="columns")
        show.on_click(lambda _: self._show_card())
        holds = "".join(f"<li>{esc(line.replace('you ticked', 'they ticked'))}</li>" for line in sc.describe(card))
        self._card_box.children = [
            _note(paragraph(f"This card is from {card['name']}, made on {writing.day(card['created'])}, with their "
                            "agreement. It holds:") + f"<ul>{holds}</ul>"),
            self._other_consent, w.HBox([show])]
        self.show("")

    def _show_card(self) -> None:
        if self._card is None or self._other_consent is None:
            self._warn("Please open the card you were given first. Nothing was shown.")
            return
        mine = sc.build(self.journal, consent=True)
        self._draw(mine, self._card, self._other_consent.value, True, writing_of=self._card)

    # -- the comparison ---------------------------------------------------------------------

    def _draw(self, mine: dict, theirs: dict, my_consent: bool, their_consent: bool,
              writing_of: dict | None = None) -> None:
        try:
            result = cm.compare(mine, theirs, first_agrees=my_consent, second_agrees=their_consent,
                                stage_key=self.stage_key)
        except cm.ConsentMissing as err:
            self._result.value = ""
            self._warn(str(err))
            return
        self._result.value = comparison_html(result, self.context, writing_of)
        self.show("Either of you can press 'Stop and clear' at any time.", "tw-muted")

    @property
    def result(self) -> str:
        """The comparison as shown (HTML), or "" when nothing is compared."""
        return self._result.value


def _answer(value: int) -> str:
    return content.scale_labels()[value]


def _sides_html(row: cm.Row, names: tuple[str, str]) -> str:
    """Each person's own wording of the statement, and their answer in words."""
    return "".join(f"<div><b>{esc(name)}</b> read “{esc(text)}” and chose <i>{esc(_answer(answer))}</i>.</div>"
                   for name, text, answer in zip(names, row.words, row.answers, strict=True))


def _rows_html(rows: tuple[cm.Row, ...], names: tuple[str, str]) -> str:
    return "<ul>" + "".join(f"<li style='margin: 0 0 6px 0'>{_sides_html(r, names)}</li>" for r in rows) + "</ul>"


def _dates_html(result: cm.Comparison) -> str:
    """When each person gave the answers shown, group by group."""
    found = []
    for group, days in result.dates.items():
        said = [f"{esc(name)} on {esc(writing.day(day))}" for name, day in zip(result.names, days, strict=True) if day]
        if said:
            title = "Trust pulse" if group == sc.PULSE else content.stage(group).title
            found.append(f"{esc(title)}: {', '.join(said)}")
    return f"<p class='tw-muted'><small>Answers from: {'; '.join(found)}.</small></p>" if found else ""


def comparison_html(result: cm.Comparison, context_key: str | None, writing_of: dict | None = None) -> str:
    """The comparison in words: something to talk about, apart, alike. No totals, no score."""
    names = result.names
    if not result.rows:
        return paragraph(words.text("none_shared", context_key), "tw-muted")
    parts = [f"<h4 class='tw-part'>{esc(names[0])} and {esc(names[1])}, side by side</h4>"]
    if result.apart:
        talked = {id(s.row) for s in result.talk_about}
        rest = tuple(r for r in result.apart if id(r) not in talked)
        talk = "".join(f"<li style='margin: 0 0 8px 0'>{_sides_html(s.row, names)}"
                       f"<p class='tw-starter' style='{STARTER_STYLE}'>{esc(s.text)}</p></li>"
                       for s in result.talk_about)
        parts.append("<p><b>Where your answers are two or more steps apart</b></p>"
                     + paragraph(words.text("talk_intro", context_key))
                     + f"<p><b>Something to talk about</b></p><ol>{talk}</ol>"
                     + paragraph(words.text("how_to_talk", context_key), "tw-muted")
                     + (f"<p>Also two or more steps apart:</p>{_rows_html(rest, names)}" if rest else ""))
    else:
        parts.append(paragraph(words.text("all_close", context_key)))
    if result.alike:
        parts.append("<p><b>Where you see things alike</b> (the same answer, or one step apart)</p>"
                     + _rows_html(result.alike, names))
    parts.append(_dates_html(result))
    if writing_of and writing_of.get("writing"):
        shared = "".join(
            f"<details><summary><b>{esc(entry['title'])}</b></summary>"
            + "".join((f"<p class='tw-part'><i>{esc(p['label'])}</i></p>" if p["label"] else "")
                      + f"<div style='white-space: pre-wrap; margin: 0 0 6px 0'>{esc(p['text'])}</div>"
                      for p in entry["parts"]) + "</details>" for entry in writing_of["writing"])
        parts.append(f"<p><b>Writing {esc(names[1])} chose to share with you</b></p>{shared}")
    return "".join(parts)


def compare_answers(stage_key: str | None = None) -> CompareAnswers:
    """Compare our answers, with both people's consent: the whole course (notebook 09), or one
    stage's check-in at the end of its notebook, e.g. ``compare_answers("uncover")``."""
    return CompareAnswers(stage_key)
