"""Course settings a facilitator chooses: the default region for helplines, and when they checked them.

Read from environment variables (for a whole JupyterHub) or from ``course.yaml`` in the
participants' data folder (``trust-workshop course``). An environment variable wins.

    TRUST_WORKSHOP_REGION=uk
    TRUST_WORKSHOP_RESOURCES_CHECKED=2026-11-30
    TRUST_WORKSHOP_SHARED_COMPUTER=1

Nothing here is required: without a course region, participants choose where they are, and
without a check date they are told the numbers were correct when the workshop was written.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from trust_workshop.content import safety as cs
from trust_workshop.model import storage as st

FILE_NAME = "course.yaml"
REGION_VARIABLE = "TRUST_WORKSHOP_REGION"
CHECKED_VARIABLE = "TRUST_WORKSHOP_RESOURCES_CHECKED"
SHARED_VARIABLE = "TRUST_WORKSHOP_SHARED_COMPUTER"  # 1, yes or true


class CourseError(ValueError):
    """A course setting that cannot be used, in plain words."""


@dataclass(frozen=True)
class Course:
    region: str | None = None  # a region key from crisis_resources.yaml, or 'elsewhere'
    checked: str | None = None  # the day the facilitator checked the numbers (YYYY-MM-DD)
    problems: tuple[str, ...] = ()  # settings that were ignored, and why
    shared_computer: bool = False  # every page asks who is working, and suggests no name


def course_path() -> Path:
    return st.data_dir() / FILE_NAME


def clean_region(value: object) -> str:
    """A region key as typed (any case, spaces trimmed); CourseError for one the data does not know."""
    key = str(value).strip().lower()
    if key in (*cs.region_keys(), cs.ELSEWHERE):
        return key
    known = ", ".join((*cs.region_keys(), cs.ELSEWHERE))
    raise CourseError(f"There is no region called {value!r}. The regions are: {known}.")


def clean_date(value: object) -> str:
    """A check date as YYYY-MM-DD, not in the future; CourseError otherwise."""
    try:
        day = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise CourseError(f"{value!r} is not a date written as YYYY-MM-DD.") from None
    if day > dt.date.today():
        raise CourseError(f"{day.isoformat()} is in the future: record the day you checked the numbers.")
    return day.isoformat()


def _from_file() -> dict:
    try:
        data = yaml.safe_load(course_path().read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def course() -> Course:
    """The course settings now in force. Settings that cannot be used are ignored and listed."""
    stored = _from_file()
    problems: list[str] = []

    def first_usable(values: tuple[object, ...], clean) -> str | None:
        for value in values:
            if value in (None, ""):
                continue
            try:
                return clean(value)
            except CourseError as err:
                problems.append(str(err))
        return None

    region = first_usable((os.environ.get(REGION_VARIABLE), stored.get("region")), clean_region)
    checked = first_usable((os.environ.get(CHECKED_VARIABLE), stored.get("resources_checked")), clean_date)
    shared_env = os.environ.get(SHARED_VARIABLE, "").strip().lower()
    shared = shared_env in ("1", "yes", "true", "on") or (not shared_env and stored.get("shared_computer") is True)
    return Course(region, checked, tuple(problems), shared)


def save_course(region: str | None = None, checked: str | None = None, shared_computer: bool | None = None) -> Path:
    """Write the course settings given (others kept) to course.yaml in the data folder."""
    data = _from_file()
    if shared_computer is not None:
        data["shared_computer"] = bool(shared_computer)
    if region is not None:
        data["region"] = clean_region(region)
    if checked is not None:
        data["resources_checked"] = clean_date(checked)
    path = course_path()
    text = ("# Course settings for Rebuilding Trust, written by 'trust-workshop course'.\n"
            + yaml.safe_dump(data, sort_keys=True, allow_unicode=True))
    st.atomic_write(path, text.encode("utf-8"))
    return path
