"""The one-page course evaluation PDF, for facilitators to hand to a funder.

Made from the figures of :mod:`model.evaluation` only: no pseudonym, no file name and no
single person's numbers ever reach the page. The words around the figures say what they
are (the group's own report of change) and what they are not (evidence that the course
caused it, or research).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from trust_workshop.model import evaluation as ev
from trust_workshop.model.summary import MIN_GROUP
from trust_workshop.outputs.pdf import compile_pdf, paper
from trust_workshop.views.facilitator import GroupDashboard

FILE_NAME = "course-evaluation.pdf"

CAVEAT = ("These figures are the group's own report of change: what participants answered at the start and at "
          "the end of the course. They do not show that the course caused any change. Many things happen in "
          "people's lives over the same weeks, there was no comparison group, and people who finish a course "
          "may differ from those who do not. This is not research.")
PRIVACY = (f"No names are in this report. Participants chose to share a numbers-only summary; nothing they wrote "
           f"and no safety answers are in it. Any average or percentage made from fewer than {MIN_GROUP} people is "
           "left out, shown as 'fewer than three: not shown', so that nobody's answers can be worked out.")
HOW_TO_READ = (f"Scores run from 0 to 100. A change is the final score minus the baseline score, in points. "
               f"SD is the standard deviation: how far people's changes typically sat from the group's mean "
               f"change. A pulse that moved by less than {ev.SAME_BAND} points either way counts as "
               "'about the same'. Where statements are worded differently for each role, the whole-group mean "
               "uses only the statements every role reads in the same words; means over all of a stage's "
               f"statements appear per role, for roles with at least {MIN_GROUP} people. '{ev.PROTECTS}' marks "
               "a role's figure that could be taken away from the whole group's to work out the change of one or "
               "two other people.")


def _figure(change: ev.Change) -> str:
    if not change.shown:
        return change.note or ev.HIDDEN
    return f"{change.mean:+.1f} (SD {change.sd:.1f})"


def _people(change: ev.Change) -> str:
    return str(change.people) if change.shown else ""


def data(evaluation: ev.Evaluation, paper_size: str = "a4", today: dt.date | None = None) -> dict[str, Any]:
    """Everything the page shows, as plain text."""
    e = evaluation
    made = (today or dt.date.today()).isoformat()
    rows = [{"title": c.title, "people": _people(c), "change": _figure(c),
             "roles": [_figure(g.changes[i]) for g in e.roles]}
            for i, c in enumerate((*e.stages, e.pulse))]
    moves = ("" if e.moves is None else
             f"Of the {e.moves_people} people with a first and a final pulse: {e.moves['rose']}% rose by "
             f"{ev.SAME_BAND} points or more, {e.moves['same']}% stayed about the same, and {e.moves['fell']}% fell "
             f"by {ev.SAME_BAND} points or more.")
    facts = [f"Took part (shared a summary): {e.took_part}",
             f"Completed (took the final check-in): {e.completed}"]
    if e.older_files:
        facts.append(f"Summaries from an older version, with no course details: {e.older_files}")
    sessions = ", ".join(f"{n}" for _, _, n in e.sessions)
    return {
        "paper": paper(paper_size),
        "title": "Course evaluation: Rebuilding Trust",
        "subtitle": f"Made on {made} from the summaries participants chose to share",
        "footer": "Rebuilding Trust · course evaluation · a group's own report, not research",
        "caveat": CAVEAT,
        "privacy": PRIVACY,
        "how": HOW_TO_READ,
        "note": e.note,
        "facts": facts,
        "sessions": f"People who completed each session, from session 0 to {len(e.sessions) - 1}: {sessions}.",
        "enough": e.enough,
        "roles": [f"{g.label} ({g.people} people)" for g in e.roles],  # the table's column heads
        "roles_note": ("Roles with fewer than three people: not shown." if e.roles_hidden else ""),
        "rows": rows,
        "moves": moves if e.enough else f"Rose, same or fell: {ev.HIDDEN}.",
    }


def course_evaluation(evaluation: ev.Evaluation, paper_size: str = "a4", today: dt.date | None = None) -> bytes:
    """The one-page course evaluation as PDF bytes."""
    return compile_pdf("evaluation.typ", data(evaluation, paper_size, today))


def group_dashboard() -> GroupDashboard:
    """The facilitator's group dashboard, with its "Make course evaluation (PDF)" button."""
    return GroupDashboard(make_evaluation=course_evaluation)
