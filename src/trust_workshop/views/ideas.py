"""Ideas this draws on: the models and research behind the workshop, from ``sources.yaml``,
shown once in notebook 09 and in the facilitator guide."""

from __future__ import annotations

import ipywidgets as w

from trust_workshop import content
from trust_workshop.content import sources as src
from trust_workshop.views.panel import Panel, esc


def _names(people: tuple[str, ...]) -> str:
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]


def _stages(keys: tuple[str, ...]) -> str:
    return "; ".join(f"{content.stage(k).number}. {content.stage(k).title}" for k in keys)


def ideas_html() -> str:
    """The list as HTML: each source's name, its researchers, what it gives and where."""
    items = []
    for s in src.sources():
        who = f" ({esc(_names(s.people))})" if s.people else ""
        items.append(f"<li><strong>{esc(s.name)}</strong>{who}. {esc(s.contributes)}"
                     f"<br><span class='tw-muted'>Used in: {esc(_stages(s.stages))}.</span></li>")
    return f"<ul class='tw-ideas'>{''.join(items)}</ul>"


class IdeasThisDrawsOn(Panel):
    """The models and research lines the workshop puts into everyday words."""

    def __init__(self) -> None:
        # No title or intro of its own: in both notebooks it sits right under a heading of the same
        # name whose words introduce it, and a second "Ideas this draws on" read as a repeat.
        super().__init__("", "", needs_journal=False)

    def build(self) -> list[w.Widget]:
        return [w.HTML(ideas_html())]


def ideas_this_draws_on() -> IdeasThisDrawsOn:
    """The models and research behind the workshop, with what each contributes (notebook 09, facilitator guide)."""
    return IdeasThisDrawsOn()
