"""Download, upload and delete: the participant's control over their own journal.

Downloads are offered as a browser download link (a data URI), because on Binder the
files of a session disappear after about ten idle minutes. Uploads use ``FileUpload``.
"""

from __future__ import annotations

import base64

import ipywidgets as w

from trust_workshop.model import journal as jr
from trust_workshop.views.exercise import Exercise, esc


def download_link(data: bytes, filename: str, label: str, mime: str = "application/json") -> str:
    """An HTML link that makes the browser save ``data`` as ``filename``."""
    payload = base64.b64encode(data).decode("ascii")
    return (f"<a class='tw-download' download='{esc(filename)}' "
            f"href='data:{mime};base64,{payload}'>{esc(label)}</a>")


class MyData(Exercise):
    """Download my journal, load a journal file, delete my data."""

    def __init__(self) -> None:
        super().__init__("My journal file",
                         "Your answers save automatically on this computer. Download a copy to keep "
                         "them safe or to move them; upload that file to carry on somewhere else.",
                         needs_journal=False)

    def build(self) -> list[w.Widget]:
        self._prepare = w.Button(description="Download my journal", icon="download",
                                 tooltip="Make a file of everything in your journal to save on your device")
        self._prepare.on_click(lambda _: self._make_link())
        self._link = w.HTML()
        self._upload = w.FileUpload(accept=".json,application/json", multiple=False,
                                    description="Upload a journal", tooltip="Load a journal file you downloaded before")
        self._upload.observe(self._on_upload, names="value")
        self._delete = w.Button(description="Delete my data…", icon="trash", button_style="",
                                tooltip="Remove your journal from this computer")
        self._delete.on_click(lambda _: self._ask_delete())
        self._confirm_box = w.VBox()
        open_journal = self.journal is not None
        self._prepare.disabled = not open_journal
        self._delete.disabled = not open_journal
        return [w.HBox([self._prepare, self._link], layout=w.Layout(align_items="center", flex_flow="row wrap")),
                self._upload, w.HBox([self._delete]), self._confirm_box]

    def restored_message(self) -> str:
        if self.journal is None:
            return ("Open your journal at the top of the page to download or delete it. "
                    "You can upload a journal file now.")
        return ""

    def _make_link(self) -> None:
        journal = self.journal
        if journal is None:
            return
        journal.reload()
        self._link.value = download_link(journal.export_bytes(), journal.export_filename(),
                                         f"Save {journal.export_filename()}")
        self.show("Your file is ready: click the link to save it. Keep it somewhere private: "
                  "it holds everything you wrote.", "tw-saved")

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        try:
            journal, message = jr.import_journal(bytes(upload["content"]))
        except jr.ImportProblem as err:
            self.show(str(err), "tw-warning")
            return
        finally:
            self._upload.value = ()
        jr.remember_last_profile(journal.name)
        self._session.replace(jr.Journal.open(journal.name))
        self.show(f"✓ {message} Everything on this page now shows it.", "tw-saved")

    def _ask_delete(self) -> None:
        journal = self.journal
        if journal is None:
            return
        sure = w.Checkbox(value=False, indent=False,
                          description=f"I understand this deletes everything {journal.name} wrote, "
                                      "and it cannot be undone.",
                          layout=w.Layout(width="auto"))
        yes = w.Button(description="Yes, delete my data", button_style="danger", icon="trash", disabled=True,
                       tooltip="Delete your journal, its backup and any set-aside copies")
        cancel = w.Button(description="Cancel", tooltip="Keep your data")
        sure.observe(lambda ch: setattr(yes, "disabled", not ch["new"]), names="value")
        yes.on_click(lambda _: self._do_delete())
        cancel.on_click(lambda _: setattr(self._confirm_box, "children", []))
        self._confirm_box.children = [
            w.HTML(f"<p class='tw-warning'>Before you delete, consider downloading your journal. "
                   f"This removes the journal of <b>{esc(journal.name)}</b> from this computer.</p>"),
            sure, w.HBox([yes, cancel])]

    def _do_delete(self) -> None:
        journal = self.journal
        if journal is None:
            return
        name = journal.name
        try:
            journal.delete()
        except (OSError, jr.JournalError) as err:
            self.show(f"Your data could not be deleted: {err}", "tw-warning")
            return
        self._session.replace(None)
        self.show(f"The journal of {name} has been deleted from this computer.", "tw-saved")


def my_data() -> MyData:
    """Download, upload and delete controls for the participant's journal."""
    return MyData()
