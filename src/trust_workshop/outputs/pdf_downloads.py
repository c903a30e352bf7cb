"""Download buttons in the notebooks: this stage's handout, and my progress report.

Files are offered as browser downloads (data links), so they work on Binder, where the
server's files vanish; nothing is written to disk.
"""

from __future__ import annotations

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model import transfer, writing
from trust_workshop.outputs import pdf
from trust_workshop.views.panel import Panel, download_link, paragraph


class PdfPanel(Panel):
    """A panel that makes a PDF: a paper-size choice, a Make button, and its Save link beside it."""

    def paper_and_make(self, label: str, tooltip: str) -> list[w.Widget]:
        self._paper = w.ToggleButtons(options=[("A4", "a4"), ("US Letter", "letter")], value="a4",
                                      description="Paper:", style={"description_width": "initial"})
        make = w.Button(description=label, icon="file-pdf", tooltip=tooltip)
        make.on_click(lambda _: self._make())
        self._link = w.HTML()
        return [self._paper, w.HBox([make, self._link], layout=w.Layout(align_items="center", flex_flow="row wrap"))]

    def _make(self) -> None:
        raise NotImplementedError


class HandoutDownload(PdfPanel):
    """'Download this stage's handout' as a PDF."""

    def __init__(self, stage_key: str) -> None:
        self.stage = content.stage(stage_key)
        frame = content.panel("handout", stage_key)
        super().__init__(frame["title"], frame["intro"], needs_journal=False)

    def build(self) -> list[w.Widget]:
        return self.paper_and_make("Make handout",
                                   "Build this stage's handout as a PDF; a Save button appears beside this one")

    def _make(self) -> None:
        name = f"handout-{self.stage.notebook}.pdf"
        self._link.value = download_link(pdf.handout(self.stage.key, self._paper.value), name, "Save handout",
                                         mime="application/pdf", note=f"Ready: {name}")


class ReportDownload(PdfPanel):
    """'Export my report (PDF)': charts of my progress, plus only the writing I tick."""

    def __init__(self) -> None:
        self._ticks: dict[str, w.Checkbox] = {}  # entry key -> "include this"
        super().__init__("Export my report (PDF)", "Your charts and scores over time. Nothing you wrote is "
                         "included unless you tick it below. The safety check is never included.")

    def build(self) -> list[w.Widget]:
        self._ticks = {e.key: w.Checkbox(value=False, indent=False, description=writing.title(e.key),
                                         layout=w.Layout(width="auto"))
                       for e in self.journal.entries() if writing.as_text(e.value)}
        choose = (w.HTML(paragraph("Include these in the report (optional):")) if self._ticks
                  else w.HTML(paragraph("You have not written anything yet, so only charts will be included.",
                                        "tw-muted")))
        return [choose, *self._ticks.values(),
                *self.paper_and_make("Make my report",
                                     "Build your report as a PDF; a Save button appears beside this one")]

    @property
    def included(self) -> list[str]:
        return [key for key, box in self._ticks.items() if box.value]

    def _make(self) -> None:
        self.journal.reload()
        name = f"my-progress-report-{transfer.export_filename(self.journal).removeprefix('trust-journal-')}"
        name = name.removesuffix(".json") + ".pdf"
        data = pdf.report(self.journal, self.included, self._paper.value)
        self._link.value = download_link(data, name, "Save my report", mime="application/pdf",
                                         note="Ready. It is private to you.")


def handout_download(stage_key: str) -> HandoutDownload:
    """'Download this stage's handout' for a stage notebook."""
    return HandoutDownload(stage_key)


def report_download() -> ReportDownload:
    """'Export my report (PDF)' for the journey notebook."""
    return ReportDownload()
