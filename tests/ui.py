"""Reach a panel's controls the way a participant does: by what they say on the screen.

Tests use these instead of a panel's private attributes, so a test reads like the steps a
person takes ("type Sam into 'Your name:', press 'Create my profile'") and only finds a
control that is actually on the page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import ipywidgets as w


def on_screen(root: w.Widget) -> Iterator[w.Widget]:
    """Every widget on the page under ``root`` (children of boxes; hidden ones left out), in page order."""
    todo = [root]
    while todo:
        widget = todo.pop(0)
        layout = getattr(widget, "layout", None)
        if layout is not None and layout.display == "none":
            continue
        yield widget
        todo[:0] = list(getattr(widget, "children", ()))


def _says(widget: w.Widget) -> list[str]:
    """What a control says: its label, its placeholder, and its tooltip (an icon button's only name)."""
    texts = (getattr(widget, "description", ""), getattr(widget, "placeholder", ""), getattr(widget, "tooltip", ""))
    return [text.strip() for text in texts if isinstance(text, str) and text.strip()]


def control(root: w.Widget, label: str, kind: type | None = None) -> w.Widget:
    """The control on screen whose label (or placeholder) is ``label``, or starts with it."""
    found = [x for x in on_screen(root) if (kind is None or isinstance(x, kind))
             and any(text == label or text.startswith(label) for text in _says(x))]
    exact = [x for x in found if label in _says(x)]
    if not found:
        shown = sorted({t for x in on_screen(root) for t in _says(x)})
        raise LookupError(f"Nothing on screen says {label!r}. On screen: {shown}")
    return (exact or found)[0]


def shows(root: w.Widget, label: str, kind: type | None = None) -> bool:
    """True if a control saying ``label`` is on screen."""
    try:
        control(root, label, kind)
    except LookupError:
        return False
    return True


def click(root: w.Widget, label: str) -> None:
    """Press the button on screen that says ``label`` (a disabled button cannot be pressed)."""
    button = control(root, label, w.Button)
    if button.disabled:
        raise AssertionError(f"The button {button.description!r} is disabled, so nobody can press it.")
    button.click()


def type_into(root: w.Widget, label: str, text: str) -> None:
    """Type ``text`` into the box on screen labelled ``label``."""
    control(root, label).value = text


def choose(root: w.Widget, label: str, option: str) -> None:
    """Choose the option shown as ``option`` in the list labelled ``label``."""
    box = control(root, label)
    for shown, value in ((o, o) if isinstance(o, str) else o for o in box.options):
        if shown == option:
            box.value = value
            return
    offered = [o if isinstance(o, str) else o[0] for o in box.options]
    raise LookupError(f"{label!r} offers no {option!r}; it offers {offered}")


def upload(root: w.Widget, label: str, name: str, content: bytes) -> None:
    """Choose a file in the upload button labelled ``label``, as the browser sends it."""
    control(root, label, w.FileUpload).value = ({"name": name, "type": "application/json", "size": len(content),
                                                 "content": memoryview(content),
                                                 "last_modified": dt.datetime.now(dt.timezone.utc)},)


def add_line(root: w.Widget, hint: str, text: str) -> None:
    """Type a line into the box whose hint is ``hint`` and press its Add button."""
    box = control(root, hint, w.Text)
    box.value = text
    row = next(x for x in on_screen(root) if box in getattr(x, "children", ()))
    click(row, "Add")


def controls(root: w.Widget, label: str, kind: type | None = None) -> list[w.Widget]:
    """Every control on screen saying ``label`` (or starting with it), in page order."""
    return [x for x in on_screen(root) if (kind is None or isinstance(x, kind))
            and any(text == label or text.startswith(label) for text in _says(x))]


def markup(root: w.Widget) -> str:
    """The HTML the page draws under ``root`` (HTML widgets only; what people typed is left out)."""
    return " ".join(x.value for x in on_screen(root) if isinstance(x, w.HTML) and isinstance(x.value, str))


def charts(root: w.Widget) -> list[str]:
    """The alternative text of every chart drawn under ``root`` (charts are PNG pictures in HTML)."""
    import re

    return [html_unescape(m) for m in re.findall(r"<img src='data:image/png;base64,[^']*' alt='([^']*)'",
                                                 markup(root))]


def html_unescape(text: str) -> str:
    import html

    return html.unescape(text)
