"""Download, upload and delete: the participant's control over their own journal.

Downloads are offered as a browser download link (a data URI), because on Binder the
files of a session disappear after about ten idle minutes. Uploads use ``FileUpload``.
"""

from __future__ import annotations

import ipywidgets as w

from trust_workshop.model import journal as jr
from trust_workshop.model import passphrase as pp
from trust_workshop.model import profiles as pr
from trust_workshop.model import transfer
from trust_workshop.views.panel import Panel, download_link, esc, paragraph


class MyData(Panel):
    """Download my journal, load a journal file, delete my data."""

    def __init__(self) -> None:
        super().__init__("My journal file",
                         "Your answers save automatically on this computer. Download a copy to keep "
                         "them safe or to move them; upload that file to carry on somewhere else.",
                         needs_journal=False)

    def build(self) -> list[w.Widget]:
        self._prepare = w.Button(description="Download my journal", icon="download",
                                 tooltip="Make a file of everything in your journal, then save it with the "
                                         "button that appears beside this one")
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
                self._upload, self._lock_section(), w.HBox([self._delete]), self._confirm_box]

    # -- the optional passphrase ----------------------------------------------------------

    def _lock_section(self) -> w.Widget:
        journal = self.journal
        if journal is None:
            return w.VBox()

        def field(label: str) -> w.Password:
            box = w.Password(description=label, style={"description_width": "12em"}, layout=w.Layout(width="30em"))
            box.add_class("tw-passphrase")
            return box

        self._current = field("Current passphrase:")
        self._new = field("New passphrase:")
        self._again = field("Type it again:")
        self._understood = w.Checkbox(value=False, indent=False, layout=w.Layout(width="auto"),
                                      description="I understand: if I forget this passphrase, my journal is gone "
                                                  "for good.")
        self._lock_button = w.Button(description="Change my passphrase" if journal.locked else "Lock my journal",
                                     icon="lock", disabled=True,
                                     tooltip="Encrypt your journal on this computer with a passphrase")
        self._understood.observe(lambda ch: setattr(self._lock_button, "disabled", not ch["new"]), names="value")
        self._lock_button.on_click(lambda _: self._do_lock())
        if journal.locked:
            self._unlock_button = w.Button(description="Remove my passphrase", icon="lock-open",
                                           tooltip="Store your journal without a passphrase again")
            self._unlock_button.on_click(lambda _: self._do_unlock())
            intro = ("<p><b>Your journal is locked with a passphrase.</b> On this computer it can only be opened "
                     "with that passphrase. To change it, type the current one and the new one twice; to stop "
                     "using one, type the current one and press <i>Remove my passphrase</i>.</p>")
            fields = [self._current, self._new, self._again, self._understood,
                      w.HBox([self._lock_button, self._unlock_button])]
        else:
            intro = ("<p><b>Share this computer?</b> You can lock your journal with a passphrase, so that "
                     "nobody else using this computer can open it. Your name stays visible in the list, "
                     "so you can find your journal; everything you wrote is encrypted.</p>")
            fields = [self._new, self._again, self._understood, w.HBox([self._lock_button])]
        warning = paragraph(pp.FORGET_WARNING, "tw-warning")
        box = w.VBox([w.HTML(intro + warning), *fields],
                     layout=w.Layout(border="1px solid #ddd", padding="4px 10px", margin="8px 0"))
        box.add_class("tw-lock")
        return box

    def _clear_passphrases(self) -> None:
        for box in (self._current, self._new, self._again):
            box.value = ""
        self._understood.value = False

    def _do_lock(self) -> None:
        new, again, current = self._new.value, self._again.value, self._current.value or None
        done = ("✓ Your new passphrase is set." if self.journal is not None and self.journal.locked else
                "✓ Your journal is locked. Next time, type your passphrase to open it.")
        self._change_lock(lambda j: j.set_passphrase(new, again, current), done)

    def _do_unlock(self) -> None:
        current = self._current.value
        self._change_lock(lambda j: j.remove_passphrase(current), "✓ Your journal no longer has a passphrase.")

    def _change_lock(self, action, done: str) -> None:
        """Run a passphrase change with the boxes already emptied, then redraw and report."""
        journal = self.journal
        self._clear_passphrases()
        if journal is None:
            return
        try:
            action(journal)
        except jr.JournalError as err:
            self.show(str(err), "tw-warning")
            return
        self._session.replace(journal)
        self.show(done, "tw-saved")

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
        self._link.value = download_link(transfer.export_bytes(journal), transfer.export_filename(journal),
                                         "Save my journal",
                                         note="Ready. Keep it somewhere private: it holds everything you wrote.")

    def _on_upload(self, change: dict) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[0]
        try:
            journal, message = transfer.import_journal(bytes(upload["content"]), self.journal)
        except jr.ImportProblem as err:
            self.show(str(err), "tw-warning")
            return
        finally:
            self._upload.value = ()
        pr.remember_last_profile(journal.name)
        self._session.replace(journal)
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
