"""Which participant is working in this kernel, and the panel to choose them.

One :class:`Session` per kernel holds the open journal. Every exercise observes its
``revision`` and redraws itself when the profile, context or role changes, so a notebook
run top to bottom (as Voila does) fills in as soon as a profile is opened.

Privacy on a shared computer: a profile opens by itself only when it is the only one on
this computer, or when ``TRUST_WORKSHOP_PROFILE`` names it. With two or more profiles,
each person chooses their own, so nobody's answers appear for the wrong person.
"""

from __future__ import annotations

import html
import os

import ipywidgets as w
import traitlets

from trust_workshop import content
from trust_workshop.content import safety as safety_content
from trust_workshop.model import journal as jr
from trust_workshop.views.style import CSS


class Session(traitlets.HasTraits):
    """The open journal of this kernel; ``revision`` ticks on every switch or setting change.

    ``region`` (where the participant is, for helplines) is its own trait and does not tick
    ``revision``: choosing a country beside the safety check must not redraw the check and
    clear what was just ticked.
    """

    journal = traitlets.Instance(jr.Journal, allow_none=True)
    revision = traitlets.Int(0)
    region = traitlets.Unicode(None, allow_none=True)
    _page_region = traitlets.Unicode(None, allow_none=True)  # chosen on this page with no journal open

    def open(self, name: str, passphrase: str | None = None) -> jr.Journal:
        journal = jr.Journal.open(name, passphrase)
        jr.remember_last_profile(journal.name)
        self.journal = journal
        self._sync_region()
        self.revision += 1
        return journal

    def close(self) -> None:
        self.journal = None
        self._sync_region()
        self.revision += 1

    def replace(self, journal: jr.Journal | None) -> None:
        """Use a journal that was just imported or deleted."""
        self.journal = journal
        self._sync_region()
        self.revision += 1

    def _sync_region(self) -> None:
        own = self.journal.region if self.journal is not None else None
        self.region = own or self._page_region

    def set_region(self, key: str | None) -> None:
        """Choose where the participant is; saved in their profile when a journal is open.

        The choice applies on the page even when it cannot be saved (SaveError is raised after).
        """
        self._page_region = key
        self.region = key
        if self.journal is not None and self.journal.region != key:
            self.journal.set_setting("region", key)

    @property
    def context(self) -> str | None:
        return self.journal.context if self.journal else None

    @property
    def role(self) -> str | None:
        return self.journal.role if self.journal else None

    def set_setting(self, key: str, value: str | None) -> None:
        """Change context or role; raises SaveError if it could not be saved."""
        if self.journal is None:
            return
        try:
            self.journal.set_setting(key, value)
        finally:
            self.revision += 1


def region_options() -> list[tuple[str, str | None]]:
    """The choices for where a participant is, the same in the profile panel and beside the help."""
    return ([("Choose where you are…", None)] + [(r.label, r.key) for r in safety_content.regions()]
            + [("Somewhere else", safety_content.ELSEWHERE)])


_SESSION: Session | None = None


def session() -> Session:
    """The kernel's session, opening a profile by itself only when that is safe."""
    global _SESSION
    if _SESSION is None:
        _SESSION = Session()
        wanted = os.environ.get("TRUST_WORKSHOP_PROFILE")
        try:
            if wanted:
                _SESSION.open(wanted)
            else:
                profiles = jr.list_profiles()
                if len(profiles) == 1:
                    _SESSION.open(profiles[0].name)
        except jr.JournalError:
            pass  # the profile panel explains problems when the participant acts
    return _SESSION


def reset_session() -> None:
    """Forget the kernel's session (used by tests that switch data folders)."""
    global _SESSION
    _SESSION = None


NEW = "__new__"


class ProfilePanel(w.VBox):
    """Choose or create a profile, and choose context and role.

    ``full=True`` (notebook 00) explains each role; elsewhere the panel is compact.
    """

    def __init__(self, full: bool = False) -> None:
        super().__init__(layout=w.Layout(border="1px solid #bbb", padding="8px 12px", margin="8px 0"))
        self.add_class("tw-profile")
        self._session = session()
        self._full = full
        self._busy = False
        self._locked: set[str] = set()  # names of profiles locked with a passphrase, as last drawn
        self._picker = w.Dropdown(description="Who is working:", style={"description_width": "initial"},
                                  layout=w.Layout(width="22em"))
        self._open = w.Button(description="Open my journal", button_style="primary", icon="book-open",
                              tooltip="Open the journal of the profile chosen on the left")
        self._passphrase = w.Password(placeholder="passphrase", description="Passphrase:",
                                      style={"description_width": "initial"}, layout=w.Layout(width="18em"))
        self._passphrase.add_class("tw-passphrase")
        self._new_name = w.Text(description="Your name:", placeholder="a first name or nickname",
                                style={"description_width": "initial"}, layout=w.Layout(width="22em"))
        self._create = w.Button(description="Create my profile", icon="user-plus",
                                tooltip="Create a new, empty journal with this name")
        self._close = w.Button(description="Close my journal", icon="sign-out-alt",
                               tooltip="Hide your answers on this page, for example before handing the computer over")
        self._context = w.Dropdown(
            description="My relationship:",
            options=[("Not chosen yet", None)] + [(c.label, c.key) for c in content.contexts()],
            style={"description_width": "initial"}, layout=w.Layout(width="26em"))
        self._role = w.RadioButtons(
            description="My role:",
            options=[("Not chosen yet", None)] + [(r.label, r.key) for r in content.roles()],
            style={"description_width": "initial"})
        self._region = w.Dropdown(
            description="Where I live:", options=region_options(),
            tooltip="For the helplines shown on every page. You can change it at any time.",
            style={"description_width": "initial"}, layout=w.Layout(width="26em"))
        self._role_help = w.HTML()
        self._status = w.HTML()
        self._picker.observe(self._on_pick, names="value")
        self._open.on_click(lambda _: self._do_open())
        self._create.on_click(lambda _: self._do_create())
        self._close.on_click(lambda _: self._do_close())
        self._context.observe(lambda ch: self._setting("context", ch["new"]), names="value")
        self._role.observe(lambda ch: self._setting("role", ch["new"]), names="value")
        self._region.observe(self._region_chosen, names="value")
        self._session.observe(lambda _: self._draw(), names="revision")
        if full:
            roles = "".join(f"<li><b>{html.escape(r.label)}</b>: {html.escape(r.description)}</li>"
                            for r in content.roles())
            self._role_help.value = f"<ul>{roles}</ul>"
        self._draw()

    # The panel is redrawn from the session, so it always tells the truth about what is open.
    def _draw(self, message: str = "") -> None:
        self._busy = True
        try:
            journal = self._session.journal
            profiles = jr.list_profiles()
            self._locked = {p.name for p in profiles if p.locked}
            options = [(f"{p.name} (locked)" if p.locked else p.name, p.name) for p in profiles]
            if journal is not None and not any(p.name == journal.name for p in profiles):
                options.append((journal.name, journal.name))  # just created: its file comes with the first answer
            options.append(("Someone new…", NEW))
            self._picker.options = options
            if journal is not None:
                self._picker.value = journal.name
            else:
                last = jr.last_profile()
                self._picker.value = last if last in [p.name for p in profiles] else (
                    profiles[0].name if profiles else NEW)
            row = [self._picker, *self._picker_extras(self._picker.value)]
            settings = []
            if journal is not None:
                self._context.value = journal.context
                self._role.value = journal.role
                self._region.value = self._session.region
                settings = [self._context, self._role] + ([self._role_help] if self._full else [])
                settings.append(self._region)
                row.append(self._close)
            self.children = [w.HBox(row, layout=w.Layout(flex_flow="row wrap", align_items="center")),
                             *settings, self._status]
            notices = journal.notices if journal is not None else []
            self._status.value = CSS + self._status_html(journal, message, notices)
        finally:
            self._busy = False

    def _status_html(self, journal: jr.Journal | None, message: str, notices: list[str]) -> str:
        parts = []
        for notice in notices:
            parts.append(f"<p class='tw-warning' role='alert'><b>Please read:</b> {html.escape(notice)}</p>")
        if message:
            parts.append(f"<p class='tw-message' role='status'>{html.escape(message)}</p>")
        if journal is None:
            parts.append("<p>No journal is open yet. Choose your name and press <b>Open my journal</b>, "
                         "or choose <i>Someone new…</i> to create your profile. "
                         "The exercises on this page fill in once a journal is open.</p>")
        else:
            ctx = content.context(journal.context).label if journal.context else "not chosen yet"
            role = content.role(journal.role).label if journal.role else "not chosen yet"
            parts.append(f"<p>Working as <b>{html.escape(journal.name)}</b>. "
                         f"Relationship: {html.escape(ctx)}. Role: {html.escape(role)}. "
                         "Your answers save automatically to your journal on this computer.</p>")
        return "".join(parts)

    def _picker_extras(self, choice: str | None) -> list[w.Widget]:
        """What sits beside the picker: a name box for someone new, or Open for another profile."""
        if choice == NEW:
            return [self._new_name, self._create]
        journal = self._session.journal
        if journal is not None and choice == journal.name:
            return []
        if choice in self._locked:
            return [self._passphrase, self._open]
        return [self._open]

    def _on_pick(self, change: dict) -> None:
        if self._busy:
            return
        row = self.children[0]
        rest = [c for c in row.children[1:] if c not in (self._new_name, self._create, self._open, self._passphrase)]
        row.children = [self._picker, *self._picker_extras(change["new"]), *rest]

    def _do_open(self) -> None:
        name = self._picker.value
        if not name or name == NEW:
            return
        passphrase = self._passphrase.value or None
        self._passphrase.value = ""  # never left in the widget, where the notebook could save it
        try:
            self._session.open(name, passphrase)
        except jr.JournalError as err:
            self._draw(str(err))

    def _do_create(self) -> None:
        try:
            name = jr.clean_name(self._new_name.value)
            exists = any(p.id == jr.profile_id(name) for p in jr.list_profiles())
            self._session.open(name)
            self._new_name.value = ""
            if exists:
                self._draw(f"A profile called '{name}' already exists, so it has been opened.")
        except jr.JournalError as err:
            self._draw(str(err))

    def _do_close(self) -> None:
        self._session.close()

    def _region_chosen(self, change: dict) -> None:
        if self._busy or self._session.journal is None:
            return
        try:
            self._session.set_region(change["new"])
        except jr.SaveError as err:
            self._draw(str(err))

    def _setting(self, key: str, value: str | None) -> None:
        if self._busy or self._session.journal is None:
            return
        try:
            self._session.set_setting(key, value)
        except jr.SaveError as err:
            self._draw(str(err))


def profile_setup() -> ProfilePanel:
    """The full profile panel for the welcome notebook: profile, context and role."""
    return ProfilePanel(full=True)


def profile_bar() -> ProfilePanel:
    """The compact profile panel at the top of every stage notebook."""
    return ProfilePanel(full=False)
