"""What help fits: the responses a set of safety answers calls for, and the services for a place.

Pure functions over the safety data. Nothing here saves, logs or returns the answers
themselves: a caller passes the ids of ticked statements and gets back what to show.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from trust_workshop.content import safety as cs
from trust_workshop.model import course as cm

# Before a region is chosen, these lines are shown for every region beside its emergency number
# when they are asked for: the two where minutes matter most.
EVERYWHERE_COLUMNS = ("suicide_crisis", "domestic_abuse")


@dataclass(frozen=True)
class NeedHelp:
    """One need and the services that meet it where the participant is."""

    need: cs.Need
    resources: tuple[cs.Resource, ...]  # empty when the region has no national line for it


@dataclass(frozen=True)
class Help:
    """The help to show: either one region's services by need, or every region's emergency numbers."""

    region: cs.Region | None  # None: no region chosen yet, or somewhere without a list
    chosen: str | None  # the region key as chosen, including 'elsewhere'
    needs: tuple[NeedHelp, ...]  # for a region: each asked-for need, in the data's order
    columns: tuple[cs.Need, ...]  # without a region: emergency, and the most urgent lines asked for
    everywhere: tuple[tuple[cs.Region, tuple[tuple[cs.Resource, ...], ...]], ...]  # a row per region
    directory: cs.Directory


def responses_for(ticked: Iterable[str], context_key: str | None = None) -> tuple[cs.Response, ...]:
    """The responses that fit the ticked statements, most urgent first, each once."""
    ticked = set(ticked)
    wanted = {r for q in cs.questions(context_key) if q.id in ticked for r in q.responses}
    return tuple(r for r in cs.responses(context_key) if r.key in wanted)


def needs_for(responses: Iterable[cs.Response]) -> tuple[str, ...]:
    """The needs these responses call for, in the order the data lists needs."""
    wanted = {n for r in responses for n in r.needs}
    return tuple(n.key for n in cs.needs() if n.key in wanted)


def effective_region(chosen: str | None) -> str | None:
    """The participant's own choice, or else the course's default region."""
    return chosen or cm.course().region


def help_for(region_key: str | None, needs: Iterable[str] | None = None) -> Help:
    """The services for ``needs`` (when None, every need the help on each page lists) in a region.

    Emergency help always comes first. With no region, or one without a list of its own,
    the help is every region's emergency number and the international directory.
    """
    region = cs.region(region_key)
    wanted = set(cs.listed_need_keys() if needs is None else needs) | {cs.EMERGENCY}
    if region is None:
        columns = tuple(cs.need(k) for k in (cs.EMERGENCY, *EVERYWHERE_COLUMNS) if k in wanted)
        rows = tuple((r, tuple(r.for_need(n.key) for n in columns)) for r in cs.regions())
        return Help(None, region_key, (), columns, rows, cs.international())
    by_need = tuple(NeedHelp(n, region.for_need(n.key)) for n in cs.needs() if n.key in wanted)
    return Help(region, region_key, by_need, (), (), cs.international())


def checked_note(checked: str | None = None) -> str:
    """The honest sentence about when the numbers were checked, and by whom."""
    checked = checked if checked is not None else cm.course().checked
    if checked:
        return (f"Your facilitator checked these numbers for this course on {checked}. Services can still "
                "change: if a number does not work, call your emergency number.")
    written = cs.resources_data()["written"]
    return (f"These numbers were correct when this workshop was written ({written}), each checked against "
            "a published page. Services change, so if a number does not work, call your "
            f"emergency number, or look up your country on {cs.international().name}.")
