"""How the session-plan viewer marks core and optional blocks, and shows group size and staffing.

The marking is words first (a screen reader and a black-and-white projector carry it): colour
and the scissors sign only repeat what the words say.
"""

from __future__ import annotations

from typing import Any

from trust_workshop.model import plans as pm
from trust_workshop.views.panel import esc

STYLE = ("<style>.tw-cut-optional{border:1px dashed #8a5a00;border-radius:3px;padding:0 4px;color:#5c3d00;}"
         "[data-jp-theme-light='false'] .tw-cut-optional{border-color:#E69F00;color:#ffd27a;}"
         ".tw-cut-core{font-weight:bold;}</style>")


def cut_mark(block: dict[str, Any]) -> str:
    """'Core' or '✂ Optional: can be cut if running late', as HTML."""
    if pm.is_core(block):
        return f"<span class='tw-cut-core'>{esc(pm.CORE_LABEL)}</span>"
    return f"<span class='tw-cut-optional'><span aria-hidden='true'>✂ </span>{esc(pm.OPTIONAL_LABEL)}</span>"


def timing_line(blocks: list[dict[str, Any]]) -> str:
    """The agenda's length with everything, and with its core blocks only."""
    return (f"<p>{pm.minutes(blocks)} minutes with every block; {pm.core_minutes(blocks)} minutes with "
            "core blocks only. If the session runs late, cut the optional blocks still ahead, never a core one.</p>")


def running_late(blocks: list[dict[str, Any]], current: int) -> str:
    """What the timer says can be cut: the optional blocks after the current one."""
    ahead = pm.can_cut(blocks, current)
    if not ahead:
        return "<p class='tw-cut-hint'><b>Running late?</b> No optional blocks are left: shorten, never skip.</p>"
    names = "; ".join(f"{esc(b['title'])} ({b['minutes']} min)" for b in ahead)
    total = sum(b["minutes"] for b in ahead)
    return f"<p class='tw-cut-hint'><b>Running late?</b> These can be cut, {total} minutes in all: {names}.</p>"


def group_html(fmt: str) -> str:
    """Group size in people, the staffing, whether to mix contexts, and the co-facilitator roles."""
    group = pm.formats()[fmt]["group"]
    roles = "".join(f"<li><b>{esc(r['name'])}:</b> {esc(r['does'])}</li>" for r in pm.facilitator_roles().values())
    return (f"<h4 class='tw-part'>Group and staffing</h4><p><b>Group size:</b> {group['min_people']} to "
            f"{group['max_people']} people. <b>Facilitators:</b> {esc(group['facilitators'])}</p>"
            f"<p><b>Mixing relationships:</b> {esc(group['mixing'])}</p><ul>{roles}</ul>")
