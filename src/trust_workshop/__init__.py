"""Rebuilding Trust: the package behind the workshop notebooks.

Notebooks call one function per exercise::

    from trust_workshop import *
    profile_bar()
    checkin("uncover")

Layers, lowest first: ``content`` (data files and their loading) → ``model`` (scoring,
progress, journal; pure Python) → ``views`` (widgets and charts) → ``outputs`` (PDFs,
the command line, the nbconvert exporter). Lower layers never import higher ones.
"""

from trust_workshop.outputs.links import handout_download, report_download
from trust_workshop.views.checkin import baseline_checkin, checkin, final_checkin, pulse
from trust_workshop.views.data import my_data
from trust_workshop.views.facilitator import group_dashboard, intensive_schedule, session_plan, share_summary
from trust_workshop.views.forms import form, homework, reflection
from trust_workshop.views.journey import journey, pre_post
from trust_workshop.views.lists import checklist, list_builder
from trust_workshop.views.practice import apology_builder, i_statement, validation_practice
from trust_workshop.views.progress import progress
from trust_workshop.views.records import agreement_builder, bank_account, milestones, promise_log
from trust_workshop.views.safety import get_help, safety_check, warning_signs
from trust_workshop.views.session import profile_bar, profile_setup

__version__ = "0.1.0"

__all__ = [
    "agreement_builder",
    "apology_builder",
    "bank_account",
    "baseline_checkin",
    "checkin",
    "checklist",
    "final_checkin",
    "form",
    "get_help",
    "group_dashboard",
    "handout_download",
    "homework",
    "i_statement",
    "intensive_schedule",
    "journey",
    "list_builder",
    "milestones",
    "my_data",
    "pre_post",
    "profile_bar",
    "profile_setup",
    "progress",
    "promise_log",
    "pulse",
    "report_download",
    "reflection",
    "safety_check",
    "session_plan",
    "share_summary",
    "validation_practice",
    "warning_signs",
]
