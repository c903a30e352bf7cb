"""The private safety check, and the one view that shows helplines.

Every phone number a participant sees comes through :class:`HelpPanel`, from
``crisis_resources.yaml``, for the region they chose (or their course's default). The
safety check never touches the journal: its answers live only in this page's widgets, are
never saved, exported or shared, and can be cleared with one click.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w

from trust_workshop import content
from trust_workshop.content import safety as cs
from trust_workshop.model import journal as jr
from trust_workshop.model import safety as sm
from trust_workshop.views import registry
from trust_workshop.views.panel import Panel, esc, paragraph, table_box
from trust_workshop.views.session import region_options, session
from trust_workshop.views.style import CSS


def _link(url: str, text: str) -> str:
    return f"<a href='{esc(url)}' target='_blank' rel='noopener noreferrer'>{esc(text)}</a>"


def _service(res: cs.Resource) -> str:
    parts = [f"<b>{esc(res.name)}</b>: <span class='tw-contact'>{esc(res.contact)}</span>"]
    if res.text:
        parts.append(f" · {esc(res.text)}")
    if res.notes:
        parts.append(f"<br><span class='tw-muted'>{esc(res.notes)}</span>")
    if res.web:
        parts.append(f"<br>{_link(res.web, res.web.removeprefix('https://').removeprefix('http://'))}")
    return f"<li>{''.join(parts)}</li>"


def _contacts(found: tuple[cs.Resource, ...]) -> str:
    if not found:
        return "<span class='tw-muted'>see the directory below</span>"
    return "<br>".join(f"<b>{esc(r.contact)}</b> {esc(r.name)}" + (f" · {esc(r.text)}" if r.text else "")
                       for r in found)


def _directory(d: cs.Directory) -> str:
    return f"<p><b>Anywhere else:</b> {_link(d.web, d.name)}. {esc(d.notes)}</p>"


def help_html(help_: sm.Help) -> str:
    """The help for a place as HTML: one region's services by need, or every emergency number."""
    out = []
    if help_.region is None:
        if help_.chosen == cs.ELSEWHERE:
            out.append(paragraph("We do not have a list of helplines for where you are. The directory below "
                                 "can find services in your country, and your local emergency number always "
                                 "reaches help."))
        else:
            out.append(paragraph("Choose where you are, above, to see every helpline for your country. "
                                 "Until then, here are the most urgent numbers for each place we cover."))
        # On a phone the table reflows into one block a region, each number under its column's
        # name (data-label); the explicit roles keep it a table for screen readers when it does.
        head = "".join(f"<th scope='col' role='columnheader'>{esc(n.label)}</th>" for n in help_.columns)
        rows = "".join(
            f"<tr role='row'><th scope='row' role='rowheader'>{esc(r.label)}</th>"
            + "".join(f"<td role='cell' data-label='{esc(n.label)}'>{_contacts(found)}</td>"
                      for n, found in zip(help_.columns, cells, strict=True)) + "</tr>"
            for r, cells in help_.everywhere)
        out.append("<table class='tw-resources' role='table'><caption>Helplines in each region we cover</caption>"
                   "<thead role='rowgroup'><tr role='row'><th scope='col' role='columnheader'>Where</th>"
                   f"{head}</tr></thead><tbody role='rowgroup'>{rows}</tbody></table>")
        out.append(_directory(help_.directory))
    else:
        for nh in help_.needs:
            out.append(f"<h4 class='tw-need'>{esc(nh.need.label)}</h4>")
            if nh.resources:
                out.append(f"<ul class='tw-services'>{''.join(_service(r) for r in nh.resources)}</ul>")
            else:
                out.append(paragraph(f"We could not confirm a national line for this in {help_.region.label}. "
                                     f"{help_.directory.name} ({help_.directory.web}) can find one near you, "
                                     "and a doctor can point you to local help."))
        out.append(_directory(help_.directory))
    out.append(paragraph(sm.checked_note(), "tw-muted"))
    return "".join(out)


class HelpPanel(w.VBox):
    """Helplines for the participant's region and the needs asked for (every need by default).

    It follows the session's region, so choosing a country here, in the profile panel or in
    another help panel on the page updates every panel, without redrawing anything else.
    """

    def __init__(self, needs: Iterable[str] | None = None, *, heading: str = "") -> None:
        super().__init__()
        self.add_class("tw-help")
        self._session = session()
        self._needs = None if needs is None else tuple(needs)
        self._heading = heading
        self._busy = False
        self._picker = w.Dropdown(description="Where you are:", options=region_options(),
                                  style={"description_width": "initial"}, layout=w.Layout(width="26em"))
        self._picker.observe(self._picked, names="value")
        self._message = w.HTML()
        self._html = w.HTML()
        self.children = [self._picker, self._message, self._html]
        self._session.observe(lambda _: self._draw(), names="region")
        self._draw()

    @property
    def needs(self) -> tuple[str, ...] | None:
        return self._needs

    @needs.setter
    def needs(self, value: Iterable[str] | None) -> None:
        self._needs = None if value is None else tuple(value)
        self._draw()

    @property
    def help(self) -> sm.Help:
        return sm.help_for(sm.effective_region(self._session.region), self._needs)

    def _draw(self) -> None:
        self._busy = True
        try:
            self._picker.value = sm.effective_region(self._session.region)
        finally:
            self._busy = False
        heading = f"<h3 class='tw-title'>{esc(self._heading)}</h3>" if self._heading else ""
        self._html.value = CSS + heading + help_html(self.help)

    def _picked(self, change: dict) -> None:
        if self._busy:
            return
        self._message.value = ""
        try:
            self._session.set_region(change["new"])
        except jr.JournalError as err:
            self._message.value = paragraph(f"Shown here, but not saved in your profile: {err}", "tw-warning")


class WarningPointer(w.VBox):
    """Shown beside a check-in statement that is a warning sign, when it is answered that way.

    Private and kind: it points to the safety check and to help for the participant's region.
    Built only when first needed, so a check-in with no worrying answer stays light.
    """

    def __init__(self, context_key: str | None = None) -> None:
        super().__init__()
        self.add_class("tw-pointer")
        self._context = context_key
        self.layout.display = "none"

    def show(self, visible: bool) -> None:
        if visible and not self.children:
            text = cs.check_text(self._context)["warning_pointer"]
            self.children = [w.HTML(CSS + f"<div class='tw-warning' role='note'>{paragraph(text)}</div>"),
                             HelpPanel(needs=(cs.EMERGENCY, "domestic_abuse"))]
        self.layout.display = None if visible else "none"

    @property
    def visible(self) -> bool:
        return self.layout.display != "none"


def help_intro_html() -> str:
    """What the help panel says before the numbers, from ``crisis_resources.yaml`` (``help_page``):
    when to reach out, that the facilitator is there, and where the numbers are. The notebooks do
    not repeat it."""
    page = cs.resources_data()["help_page"]
    signs = "".join(f"<li>{esc(s)}</li>" for s in page["signs"])
    return (paragraph(page["reach_out"]) + f"<ul>{signs}</ul>" + paragraph(page["not_sure"])
            + paragraph(page["facilitator"]) + paragraph(page["below"]))


class GetHelp(Panel):
    """Where to get help: the danger line first, when to reach out, then every kind of help for
    the participant's region and when its numbers were checked."""

    def __init__(self) -> None:
        data = cs.resources_data()
        super().__init__(data["help_page"]["title"], "", needs_journal=False)
        # The first words under the title, in bold, before anything else.
        self._intro.value = f"<p class='tw-warning tw-danger' role='note'><b>{esc(data['danger'])}</b></p>"

    def build(self) -> list[w.Widget]:
        return [w.HTML(help_intro_html()), HelpPanel(),
                w.HTML(paragraph(cs.resources_data()["facilitator_note"], "tw-muted"))]


class SafetyCheck(Panel):
    """A private check for risks to the participant, and from them. Never saved.

    It says nothing until the participant answers: a tick, or "Nothing here applies to me".
    Each tick leads to the response that fits it, with the help for their region.
    """

    def __init__(self) -> None:
        text = cs.check_text()
        self._boxes: dict[str, w.Checkbox] = {}  # never saved: the answers live only in these boxes
        super().__init__(text["title"], text["intro"], needs_journal=False)

    @property
    def boxes(self) -> dict[str, w.Checkbox]:
        """The statements' tick boxes, by question id."""
        return dict(self._boxes)

    def build(self) -> list[w.Widget]:
        text = cs.check_text(self.context)
        self._boxes = {}
        self._answered_none = False
        widgets: list[w.Widget] = []
        for part in cs.parts(self.context, self.role):
            intro = paragraph(part.intro, "tw-muted") if part.intro else ""
            widgets.append(w.HTML(f"<h4 class='tw-part'>{esc(part.heading)}</h4>{intro}"))
            for q in part.questions:
                box = w.Checkbox(value=False, description=q.label, indent=False, layout=w.Layout(width="auto"))
                box.observe(lambda _: self._ticked(), names="value")
                self._boxes[q.id] = box
                widgets.append(box)
        self._none = w.Button(description=text["nothing_applies"], icon="check",
                              tooltip="Tell the check that none of these statements is true for you now")
        self._none.on_click(lambda _: self._nothing_applies())
        self._clear = w.Button(description=text["clear_answers"], icon="eraser",
                               tooltip="Untick everything on this check, for example before sharing your screen")
        self._clear.on_click(lambda _: self._reset())
        self._result = w.HTML()
        self._help = HelpPanel(needs=())
        self._help.layout.display = "none"
        self._update()
        return [*widgets, w.HBox([self._none, self._clear], layout=w.Layout(flex_flow="row wrap")),
                self._result, self._help]

    @property
    def ticked(self) -> tuple[str, ...]:
        """The ids of the statements ticked now (held only in this page)."""
        return tuple(key for key, box in self._boxes.items() if box.value)

    @property
    def concern(self) -> bool:
        """True when any answer suggests joint work is not safe now."""
        return bool(self.ticked)

    @property
    def responses(self) -> tuple[cs.Response, ...]:
        return sm.responses_for(self.ticked, self.context)

    def _ticked(self) -> None:
        if self.ticked:
            self._answered_none = False
        self._update()

    def _nothing_applies(self) -> None:
        self._reset(answered_none=True)

    def _reset(self, answered_none: bool = False) -> None:
        """Untick everything; ``answered_none`` records "Nothing here applies to me"."""
        for box in self._boxes.values():
            box.value = False
        self._answered_none = answered_none
        self._update()

    def _update(self) -> None:
        text = cs.check_text(self.context)
        responses = self.responses
        if responses:
            blocks = []
            for r in responses:
                steps = "".join(f"<li>{esc(s)}</li>" for s in r.steps)
                blocks.append(f"<h4 class='tw-response'>{esc(r.heading)}</h4>{paragraph(r.text)}"
                              + (f"<ol>{steps}</ol>" if steps else ""))
            self._result.value = (f"<div class='tw-alert' role='alert'>{''.join(blocks)}"
                                  f"{paragraph('None of this has been saved or shown to anyone.', 'tw-muted')}"
                                  "</div>")
            self._help.needs = sm.needs_for(responses)
            self._help.layout.display = None
        elif self._answered_none:
            self._result.value = paragraph(text["all_clear"], "tw-muted")
            self._help.layout.display = "none"
        else:
            self._result.value = paragraph(text["waiting"], "tw-muted")
            self._help.layout.display = "none"

    def restored_message(self) -> str:
        return "Nothing on this check is saved. Closing or re-running the page clears it."


class WarningSigns(Panel):
    """For facilitators: the check-in statements that are warning signs, from the data."""

    def __init__(self) -> None:
        super().__init__("Check-in statements that are warning signs", "These are never counted in a score. "
                         "Answered on the worrying side, each shows the participant a private pointer to the "
                         "safety check and to help for their region.", needs_journal=False)

    def build(self) -> list[w.Widget]:
        rows = "".join(
            f"<tr><td>{st.number}. {esc(st.title)}</td><td>{esc(it.text)}</td>"
            f"<td>{'agreeing' if it.warning == 'agree' else 'disagreeing'}</td>"
            f"<td><code>{esc(st.key)}.{esc(it.id)}</code></td></tr>"
            for st, it in content.warning_items(self.context))
        return [w.HTML(table_box("<table class='tw-agenda'><thead><tr><th scope='col'>Stage</th>"
                                 "<th scope='col'>Statement</th><th scope='col'>Worrying answer</th>"
                                 f"<th scope='col'>Id</th></tr></thead><tbody>{rows}</tbody></table>",
                                 "Warning-sign statements"))]


def safety_check() -> SafetyCheck:
    """The private safety check (notebook 00). Its answers are never saved anywhere."""
    return SafetyCheck()


def get_help() -> GetHelp:
    """Helplines for where the participant is, by kind of help."""
    return GetHelp()


def warning_signs() -> WarningSigns:
    """The check-in statements that are warning signs (facilitator safety protocol)."""
    return WarningSigns()


def _safety_worksheet(key: str) -> dict:
    # Never the questions themselves: a paper copy could be found by the person someone fears.
    return {"kind": "note", "title": "The private safety check", "intro": "",
            "text": "The safety check is done privately, on screen or with your facilitator, and is never "
                    "printed, so a paper copy can never be found by someone else. If you feel afraid of "
                    "anyone, the numbers at the end of this handout can help."}


registry.register("safety_check", safety_check, _safety_worksheet)
