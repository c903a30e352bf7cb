"""Text boxes that send what was typed in time for the button beside them.

Here, below both ``panel`` and ``session``, so that every view can build its boxes the same way.
"""

from __future__ import annotations

import ipywidgets as w

__all__ = ["line_box"]


def line_box(**options) -> w.Text:
    """A one-line text box that sends its text when it is left (Tab, a click elsewhere, Enter).

    ipywidgets holds back a box's later keystrokes while the kernel is still busy with an earlier
    one, but sends a button press at once. A box that sent each keystroke could so lose its last
    letters to a quick press on a slow hub ("Keyboar" for "Keyboard Kim"). Leaving the box sends
    the whole text before the press, which is how a person reaches the button.
    """
    return w.Text(continuous_update=False, **options)
