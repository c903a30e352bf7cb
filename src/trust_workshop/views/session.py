"""Which participant is working in this kernel, and the panel to choose them.

One :class:`Session` per kernel holds the open journal. Every exercise observes its
``revision`` and redraws itself when the profile, context or role changes, so a notebook
run top to bottom (as Voila does) fills in as soon as a profile is opened.

Privacy on a shared computer: nobody can tell who is at the keyboard, so no journal opens
by itself. Each page shows nothing of anyone's answers until the person at the keyboard
has chosen their profile on that page: one click ("Continue as Sam") for the profile used
last, or a choice from the list. Nothing opens after a close or a delete. With the
"this computer is shared" setting on, no name is suggested at all. Only
``TRUST_WORKSHOP_PROFILE`` (a single-person hub, or the tests) opens a profile by itself,
and not on a shared computer.
"""

from __future__ import annotations

import html
import os

import ipywidgets as w
import traitlets

from trust_workshop import content
from trust_workshop.content import safety as safety_content
from trust_workshop.model import course as course_model
from trust_workshop.model import journal as jr
from trust_workshop.model import profiles as pr
from trust_workshop.views import preheat
from trust_workshop.views.boxes import line_box
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
        if not course_model.course().shared_computer:  # on a shared computer, no name is suggested
            pr.remember_last_profile(journal.name)
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
    """The kernel's session. No profile opens by itself, except one named by ``TRUST_WORKSHOP_PROFILE``."""
    global _SESSION
    if _SESSION is None:
        _SESSION = Session()
        if not preheat.waiting():  # in a preheated kernel, not before the participant arrives
            _open_wanted(_SESSION)
    return _SESSION


def _open_wanted(s: Session) -> bool:
    """Open the journal named by ``TRUST_WORKSHOP_PROFILE``, if any; True if one opened."""
    wanted = os.environ.get("TRUST_WORKSHOP_PROFILE")
    try:
        if wanted and not course_model.course().shared_computer:
            s.open(wanted)
            return True
    except jr.JournalError:
        pass  # the profile panel explains problems when the participant acts
    return False


def participant_arrived() -> None:
    """A preheated kernel's participant is here: read what is true now, and redraw the page from it."""
    s = session()
    if s.journal is None and _open_wanted(s):
        return  # opening it read the region and redrew every panel once
    s._sync_region()
    s.revision += 1


def reset_session() -> None:
    """Forget the kernel's session (used by tests that switch data folders)."""
    global _SESSION
    _SESSION = None


NEW = "__new__"
WAITING = "Getting your page ready…"  # a preheated page, until its participant has arrived
NOBODY = ""  # the picker's "Choose your name…": on a shared computer no name is suggested


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
        self._offered: str | None = None  # the name on the "Continue as …" button, as last drawn
        self._picker = w.Dropdown(description="Who is working:", style={"description_width": "initial"},
                                  layout=w.Layout(width="22em"))
        self._open = w.Button(description="Open my journal", button_style="primary", icon="book-open",
                              tooltip="Open the journal of the profile chosen on the left")
        self._passphrase = w.Password(placeholder="passphrase", description="Passphrase:",
                                      style={"description_width": "initial"}, layout=w.Layout(width="18em"))
        self._passphrase.add_class("tw-passphrase")
        self._new_name = line_box(description="Your name:", placeholder="a first name or nickname",
                                style={"description_width": "initial"}, layout=w.Layout(width="22em"))
        self._create = w.Button(description="Create my profile", icon="user-plus",
                                tooltip="Create a new, empty journal with this name")
        self._close = w.Button(description="Close my journal", icon="sign-out-alt",
                               tooltip="Hide your answers on this page, for example before handing the computer over")
        self._continue = w.Button(button_style="primary", icon="book-open",
                                  tooltip="Open the journal of the profile used last on this computer")
        self._continue.add_class("tw-continue")
        self._continue.on_click(lambda _: self._do_continue())
        self._shared = w.Checkbox(
            value=False, indent=False, layout=w.Layout(width="auto"),
            description="This computer is shared: every page asks who is working, and suggests no name")
        self._shared.observe(self._shared_changed, names="value")
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

    @property
    def status(self) -> str:
        """The panel's status line as shown (HTML): who is working, or a kind message."""
        return self._status.value

    def _draw(self, message: str = "") -> None:
        if preheat.waiting():  # a page made before anyone arrived: no names until someone has
            self.children = [self._status]
            self._status.value = CSS + f"<p class='tw-muted' role='status'>{html.escape(WAITING)}</p>"
            return
        self._busy = True
        try:
            journal = self._session.journal
            profiles = pr.list_profiles()
            self._locked = {p.name for p in profiles if p.locked}
            shared = course_model.course().shared_computer
            self._shared.value = shared
            options = [(f"{p.name} (locked)" if p.locked else p.name, p.name) for p in profiles]
            if journal is not None and not any(p.name == journal.name for p in profiles):
                options.append((journal.name, journal.name))  # just created, its file not yet listed
            options.append(("Someone new…", NEW))
            if journal is None and profiles:
                options.insert(0, ("Choose your name…", NOBODY))
            self._picker.options = options
            suggested = None if journal is not None or shared else self._suggested(profiles)
            if journal is not None:
                self._picker.value = journal.name
            elif suggested is not None and suggested in self._locked:
                # A locked journal shows nothing without its passphrase: ask for it straight away.
                self._picker.value = suggested
                suggested = None
            else:
                self._picker.value = NOBODY if profiles else NEW
            row = [self._picker, *self._picker_extras(self._picker.value)]
            self._offered = suggested
            if suggested is not None:
                self._continue.description = f"Continue as {suggested}"
                row.insert(0, self._continue)
            settings = []
            if journal is not None:
                self._context.value = journal.context
                self._role.value = journal.role
                self._region.value = self._session.region
                settings = [self._context, self._role] + ([self._role_help] if self._full else [])
                settings.append(self._region)
                row.append(self._close)
            if self._full:
                settings.append(self._shared)
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
            profiles = pr.list_profiles()
            if not profiles:
                parts.append("<p>Nobody has a profile on this computer yet. Type a first name or a nickname "
                             "and press <b>Create my profile</b>. The exercises on this page fill in once your "
                             "journal is open.</p>")
            elif course_model.course().shared_computer:
                parts.append("<p>This computer is shared, so every page asks who is working. Choose your name "
                             "from the list and press <b>Open my journal</b>, or choose <i>Someone new…</i> to "
                             "make your own profile. Nothing of anyone's answers shows until then.</p>")
            else:
                suggested = self._suggested(profiles)
                one_click = (f"If you are <b>{html.escape(suggested)}</b>, press <b>Continue as "
                             f"{html.escape(suggested)}</b>. Otherwise choose" if suggested else "Choose")
                parts.append(f"<p>No journal is open on this page. {one_click} your name from the list and press "
                             "<b>Open my journal</b>, or choose <i>Someone new…</i> to make your own profile. "
                             "Nothing of anyone's answers shows until then.</p>")
        else:
            ctx = content.context(journal.context).label if journal.context else "not chosen yet"
            role = content.role(journal.role).label if journal.role else "not chosen yet"
            parts.append(f"<p>Working as <b>{html.escape(journal.name)}</b>. "
                         f"Relationship: {html.escape(ctx)}. Role: {html.escape(role)}. "
                         "Your answers save automatically to your journal on this computer.</p>")
        return "".join(parts)

    @staticmethod
    def _suggested(profiles: list[pr.ProfileInfo]) -> str | None:
        """The one-click choice: the profile used last on this computer, or the only one."""
        names = [p.name for p in profiles]
        last = pr.last_profile()
        if last in names:
            return last
        return names[0] if len(names) == 1 else None

    def _picker_extras(self, choice: str | None) -> list[w.Widget]:
        """What sits beside the picker: a name box for someone new, or Open for another profile."""
        if choice == NOBODY:
            return []
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
        before = [c for c in row.children if c is self._continue]
        rest = [c for c in row.children if c not in (self._continue, self._picker, self._new_name, self._create,
                                                      self._open, self._passphrase)]
        row.children = [*before, self._picker, *self._picker_extras(change["new"]), *rest]

    def _do_continue(self) -> None:
        # The button was drawn when the page was made, maybe long ago (or, with Voilà's preheated
        # kernels, before anyone arrived). Check again now: open only the name the button shows,
        # and only if it is still the one to suggest.
        profiles = pr.list_profiles()
        self._locked = {p.name for p in profiles if p.locked}
        shared = course_model.course().shared_computer
        name = None if shared else self._suggested(profiles)
        if name is None or name != self._offered:
            self._draw("This computer is now set as shared, so please choose your name from the list." if shared
                       else "Things changed on this computer since this page was opened. "
                            "Please check the name and choose again.")
            return
        if name in self._locked and not self._passphrase.value:
            self._picker.value = name  # shows the passphrase box beside the list
            self._draw(f"The journal of {name} is locked. Type its passphrase, then press Open my journal.")
            self._picker.value = name
            return
        self._picker.value = name
        self._do_open()

    def _shared_changed(self, change: dict) -> None:
        if self._busy:
            return
        try:
            course_model.save_course(shared_computer=change["new"])
            if change["new"]:
                pr.remember_last_profile(None)  # suggest nobody from now on
        except (OSError, course_model.CourseError) as err:
            self._draw(f"The setting could not be saved: {err}")
            return
        self._draw("Every page now asks who is working." if change["new"] else
                   "Pages now offer one click to continue as the person who worked last.")

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
            exists = any(p.id == pr.profile_id(name) for p in pr.list_profiles())
            journal = self._session.open(name)
            journal.keep()  # the profile exists from this moment, answer or not
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
