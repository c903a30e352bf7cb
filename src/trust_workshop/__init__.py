"""Rebuilding Trust: the package behind the workshop notebooks.

Notebooks call one function per exercise::

    from trust_workshop import *
    profile_bar()
    checkin("uncover")

Layers, lowest first: ``content`` (data files and their loading) → ``model`` (scoring,
progress, journal; pure Python) → ``views`` (widgets and charts) → ``outputs`` (PDFs,
the command line, the nbconvert exporter). Lower layers never import higher ones.
"""

from trust_workshop.outputs.card_downloads import card_to_give
from trust_workshop.outputs.evaluation_pdf import group_dashboard
from trust_workshop.outputs.pdf_downloads import handout_download, report_download
from trust_workshop.views import preheat, registry
from trust_workshop.views import session as _session
from trust_workshop.views.boosters import booster_checkin, booster_compare, booster_plan, booster_reflection
from trust_workshop.views.checkin import checkin, pulse
from trust_workshop.views.compare import compare_answers
from trust_workshop.views.course_records import course_records
from trust_workshop.views.facilitator import intensive_schedule, session_plan
from trust_workshop.views.feedback import feedback_form, feedback_reader
from trust_workshop.views.forms import homework, reflection
from trust_workshop.views.ideas import ideas_this_draws_on
from trust_workshop.views.journey import journey, pre_post
from trust_workshop.views.my_data import my_data
from trust_workshop.views.progress import progress
from trust_workshop.views.reminders import reminders
from trust_workshop.views.safety import get_help, warning_signs
from trust_workshop.views.session import profile_bar, profile_setup
from trust_workshop.views.share import share_summary

__version__ = "0.1.0"

# Every exercise kind a stage lists (form, checklist, apology_builder ...) comes from its one
# registration in ``views``; the rest are the panels every notebook shares.
_EXERCISES = {name: kind.make for name, kind in registry.kinds().items()}
globals().update(_EXERCISES)

__all__ = [
    "booster_checkin",
    "booster_compare",
    "booster_plan",
    "booster_reflection",
    "card_to_give",
    "checkin",
    "compare_answers",
    "course_records",
    "feedback_form",
    "feedback_reader",
    "get_help",
    "group_dashboard",
    "handout_download",
    "homework",
    "ideas_this_draws_on",
    "intensive_schedule",
    "journey",
    "my_data",
    "pre_post",
    "profile_bar",
    "profile_setup",
    "progress",
    "pulse",
    "reflection",
    "reminders",
    "report_download",
    "session_plan",
    "share_summary",
    "warning_signs",
]
__all__ += sorted(_EXERCISES)

# In a kernel Voilà preheated, the page is built now and redrawn from what is true when the
# participant's request arrives (a thread waits for it; see views/preheat.py).
preheat.when_participant_arrives(_session.participant_arrived)
