"""The frame every panel shares (exercises, check-ins, the session plan, the dashboard, help):
title, instructions, body, and a status line.

A subclass builds its body from the open journal, the participant's context and role
(:meth:`Panel.build`), and saves through :meth:`Panel.save`, which turns storage
problems into a kind message while the answers stay on the page.
"""

from __future__ import annotations

import base64
import datetime as dt
import html
import threading
import uuid
from collections.abc import Callable
from typing import Any

import ipywidgets as w

from trust_workshop.model import journal as jr
from trust_workshop.views import preheat
from trust_workshop.views.boxes import line_box  # noqa: F401 - the views build their one-line boxes here
from trust_workshop.views.session import WAITING, session
from trust_workshop.views.style import CSS

TYPING_PAUSE_SECONDS = 0.7  # text saves this long after typing stops
NO_JOURNAL = ("Open or create your profile at the top of this page to use this exercise. "
              "Your answers are saved to your own journal.")


def esc(text: str) -> str:
    """Text for HTML widgets: shown exactly as typed, never run as markup."""
    return html.escape(text, quote=True).replace("\x00", "\ufffd")


def box_text(value: Any) -> str:
    """A saved value for a text box: text as it is, a number as its digits, anything else empty."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def texts(value: Any) -> list[str]:
    """The text items of a saved list (anything else in it is left out)."""
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def paragraph(text: str, cls: str = "") -> str:
    klass = f" class='{cls}'" if cls else ""
    return f"<p{klass}>{esc(text)}</p>"


def saved_list(heading: str, texts: list[str]) -> str:
    """A rewriter's kept sentences, numbered under a heading ("" when there are none)."""
    if not texts:
        return ""
    items = "".join(f"<li>{esc(t)}</li>" for t in texts)
    return f"<p><b>{esc(heading)}</b></p><ol>{items}</ol>"


def figure(image: bytes | None, caption: str, max_width: str = "680px") -> w.HTML:
    """A chart whose caption is also the picture's alternative text, so a screen reader hears
    what the chart shows. Everyone sees the caption under it; it is hidden from screen readers
    there, since they have just heard it. With no picture (nothing to draw yet), the caption alone."""
    if not image:
        return w.HTML(paragraph(caption, "tw-caption"))
    data = base64.b64encode(image).decode("ascii")
    return w.HTML(f"<figure class='tw-figure' style='margin:0 0 6px 0'>"
                  f"<img src='data:image/png;base64,{data}' alt='{esc(caption)}' "
                  f"style='width:100%;max-width:{max_width};height:auto'>"
                  f"<figcaption class='tw-caption' aria-hidden='true'>{esc(caption)}</figcaption></figure>")


def table_box(table: str, label: str) -> str:
    """A table in a box of its own that scrolls sideways when the table is wider than the screen
    (a phone), so the page around it never does. The box takes keyboard focus, so it can be
    scrolled without a mouse, and is named for screen readers."""
    return f"<div class='tw-table-wrap' role='region' tabindex='0' aria-label='{esc(label)}'>{table}</div>"


def scale(statement: str, number: int, value: int | None = None,
          labels: dict[int, str] | None = None) -> tuple[w.HTML, w.ToggleButtons]:
    """A statement and its 1-5 answer buttons: every rating scale on a page is made here.

    For screen readers each button is named "3 of 5, Not sure" (the tooltip, as ``labels``
    gives it, completes the name: see ``.tw-scale`` in style.py), and the buttons are a group
    named by the statement: ipywidgets cannot set ARIA attributes, so the statement's id
    travels in a class that the page's small helper (style.ENHANCE) turns into
    ``aria-labelledby``. ``statement`` is plain text; the number is shown before it.
    """
    labels = labels or {}
    statement_id = f"tw-s-{uuid.uuid4().hex[:12]}"
    text = w.HTML(f"<p class='tw-statement' id='{statement_id}'><b>{number}.</b> {esc(statement)}</p>")
    buttons = w.ToggleButtons(options=[(str(k), k) for k in range(1, 6)], value=value,
                              tooltips=[labels.get(k, "") for k in range(1, 6)],
                              description=f"Statement {number}",
                              style={"button_width": "3.2em", "description_width": "0px"})
    buttons.add_class("tw-scale")
    buttons.add_class(f"tw-labelledby-{statement_id}")
    return text, buttons


def download_link(data: bytes, filename: str, label: str, mime: str = "application/json", note: str = "") -> str:
    """A 'Save' button (a link the browser saves as ``filename``), with a short note beside it.

    A kernel cannot start a download by itself, so the file is made by the first button and
    saved by this one, placed right beside it, looking like a button and saying what it does.
    To a screen reader it is the link it is: Enter saves it. (Called a button, it would promise
    that Space works too, and on a link it does not.)
    """
    payload = base64.b64encode(data).decode("ascii")
    size = f"{len(data) / 1024:,.0f} KB" if len(data) >= 1024 else f"{len(data)} bytes"
    aside = f"<span class='tw-ready' role='status'>{esc(note)}</span>" if note else ""
    return (f"<span class='tw-save-row'><a class='tw-download' download='{esc(filename)}' "
            f"title='Save {esc(filename)} ({size}) on this device' "
            f"href='data:{mime};base64,{payload}'><span aria-hidden='true'>⬇ </span>{esc(label)}</a>{aside}</span>")


class Panel(w.VBox):
    """The base of every panel on a page: subclasses implement ``build`` and call ``save``.

    A subclass sets up all of its own state (empty until built) *before* calling this
    ``__init__``, which builds the body for the first time. ``framed=False`` leaves out the
    title and introduction, for a panel shown inside another one. The title is an ``<h3>`` (a
    panel sits in a notebook's ``##`` section) and a panel's parts are ``<h4>``; a panel that is a
    page's whole subject, right under its ``#`` title, passes ``level=2`` so no level is skipped.

    Public surface (for pages that embed a panel, and for tests): :attr:`value` (the answer as
    it would be saved), :attr:`status` (the status line's HTML) and :attr:`body` (the widgets
    built from the journal).
    """

    def __init__(self, title: str, intro: str = "", *, needs_journal: bool = True, framed: bool = True,
                 level: int = 3) -> None:
        super().__init__(layout=w.Layout(margin="6px 0 14px 0"))
        self._level = level
        self.add_class("tw-exercise")
        self._session = session()
        self._needs_journal = needs_journal
        self._framed = framed
        self._loading = False
        self._save_timer: threading.Timer | None = None  # a save waiting for typing to stop
        self._title = w.HTML()
        self._intro = w.HTML()
        self._body = w.VBox()
        self._status = w.HTML()
        self.set_text(title, intro)
        self.children = [self._title, self._intro, self._body, self._status]
        self._session.observe(lambda _: self.refresh(), names="revision")
        self.refresh()

    def set_text(self, title: str, intro: str) -> None:
        if not self._framed:
            title = intro = ""
        h = f"h{self._level}"
        self._title.value = CSS + (f"<{h} class='tw-title'>{esc(title)}</{h}>" if title else "")
        self._intro.value = paragraph(intro) if intro else ""

    @property
    def status(self) -> str:
        """The status line as shown (HTML): "✓ Saved at …", a kind warning, or ""."""
        return self._status.value

    @property
    def body(self) -> tuple[w.Widget, ...]:
        """The widgets built from the journal (none until a profile is open, where one is needed)."""
        return tuple(self._body.children)

    @property
    def journal(self) -> jr.Journal | None:
        return self._session.journal

    @property
    def context(self) -> str | None:
        return self._session.context

    @property
    def role(self) -> str | None:
        return self._session.role

    def refresh(self) -> None:
        """Rebuild the body from the journal; never saves."""
        self._loading = True
        try:
            if self._needs_journal and self.journal is None:
                self._body.children = []
                self.show(WAITING if preheat.waiting() else NO_JOURNAL, "tw-muted")
                return
            self._body.children = self.build()
            self.show(self.restored_message(), "tw-muted")
        finally:
            self._loading = False

    def build(self) -> list[w.Widget]:
        raise NotImplementedError

    def restored_message(self) -> str:
        return ""

    def show(self, message: str, cls: str = "") -> None:
        self._status.value = paragraph(message, cls) if message else ""

    def _warn(self, message: str) -> None:
        self.show(message, "tw-warning")

    def save(self, action: Callable[[jr.Journal], Any], done: str = "Saved") -> bool:
        """Run a journal change; report the outcome in the status line."""
        if self._loading:
            return False
        journal = self.journal
        if journal is None:
            self.show(NO_JOURNAL, "tw-warning")
            return False
        try:
            action(journal)
        except jr.JournalError as err:
            self.show(str(err), "tw-warning")
            return False
        self.show(f"✓ {done} at {dt.datetime.now():%H:%M}.", "tw-saved")
        return True

    def saved(self, default: dict | list) -> Any:
        """This exercise's saved value; ``default`` if there is none, or if it is not the kind of
        value this exercise saves (a file from elsewhere, or edited by hand), so a page never
        breaks on it."""
        value = self.journal.entry(self.key) if self.journal is not None else None
        return value if isinstance(value, type(default)) else default

    def save_value(self) -> bool:
        """Save this exercise's ``value`` under its journal ``key`` (the usual case)."""
        self._cancel_pending_save()
        value = self.value
        return self.save(lambda j: j.set_entry(self.key, value))

    def save_soon(self) -> None:
        """Save ``value`` a moment after typing stops, through the same path as every save.

        Text boxes send each keystroke; saving each one would write the journal dozens of times
        a sentence. Until the save happens the status says so, never "Saved". Outside a Jupyter
        kernel (a plain Python session, the tests) it saves at once.
        """
        if self._loading:
            return
        self._cancel_pending_save()
        loop = _kernel_loop()
        if loop is None:
            self.save_value()
            return
        self.show("Saving as you type…", "tw-muted")
        # The timer thread only hands the save back to the kernel's own loop (add_callback is the
        # one thread-safe call), so the journal and the widgets are touched by one thread only.
        timer = threading.Timer(TYPING_PAUSE_SECONDS, loop.add_callback, args=(self._save_if_current, None))
        timer.daemon = True
        self._save_timer = timer
        timer.start()

    def _save_if_current(self, _unused: object) -> None:
        if self._save_timer is not None:
            self._save_timer = None
            self.save_value()

    def _cancel_pending_save(self) -> None:
        if self._save_timer is not None:
            self._save_timer.cancel()
            self._save_timer = None


def _kernel_loop():
    """The running Jupyter kernel's event loop, or None outside a kernel."""
    try:
        from ipykernel.kernelbase import Kernel
    except ImportError:
        return None
    if not Kernel.initialized():
        return None
    return getattr(Kernel.instance(), "io_loop", None)


def textarea(label: str, value: str = "", placeholder: str = "", rows: int = 3) -> w.Textarea:
    """A labelled text box that sends its text as it is typed (the exercise saves when typing pauses)."""
    box = w.Textarea(value=value, placeholder=placeholder, description=label, continuous_update=True,
                     rows=rows, style={"description_width": "initial"},
                     layout=w.Layout(width="100%", max_width="48em", flex_flow="column"))
    box.add_class("tw-textarea")
    return box
