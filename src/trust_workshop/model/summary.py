"""Group summaries: what a participant may share with their facilitator, and how a group reads.

A summary holds a pseudonym, stage scores, the trust pulse, homework done and attendance;
since version 2 also the role, which sessions were done, whether the final check-in was taken,
and the baseline and final scores (for every stage and the pulse) that a course evaluation
compares. It is built from numbers and dates only: no free text and no safety-check answers
ever go into it (the journal never holds safety answers in the first place). The participant
sees the exact file before downloading it. Version 1 files still load; they simply carry
nothing for the evaluation.

The dashboard reads many summary files. Anything that is not a valid summary (broken,
foreign, too big, a duplicate) is listed with a plain reason and skipped; the rest load. One
person counts once: two files are one person when they share a pseudonym, come from the same
journal, or hold the same numbers and dates.
Averages are hidden for groups smaller than ``MIN_GROUP`` so nobody's answers can be
worked out from them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import statistics
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import fastjsonschema

from trust_workshop import content
from trust_workshop.model import jsonsafe, progress, role_wording
from trust_workshop.model.contents import Contents, real_date
from trust_workshop.model.names import fold, tidy

FORMAT = "trust-workshop-group-summary"
VERSION = 2
VERSIONS = (1, 2)  # every version this code reads
MIN_GROUP = 3
MAX_SUMMARY_BYTES = 256 * 1024
MAX_PSEUDONYM = 40
MAX_HOMEWORK = 1000  # far more homework than any course sets

class SummaryProblem(ValueError):
    """A summary file was refused; ``str(err)`` says why in plain words."""


@cache
def schema() -> dict[str, Any]:
    """The shape of a summary file (``summary.schema.json``)."""
    return json.loads(resources.files("trust_workshop.model").joinpath("summary.schema.json").read_text("utf-8"))


@cache
def _validator():
    return fastjsonschema.compile(schema())


def clean_pseudonym(name: str) -> str:
    """A pseudonym as shared: trimmed, single spaces, no control characters, at most 40 characters.

    Tabs and line breaks count as spaces; invisible and control characters are dropped before
    composing accents (NFC), so cleaning a cleaned name changes nothing.
    """
    text = tidy(name)
    if not text:
        raise SummaryProblem("Please choose a pseudonym: a first name, initials or any word your group will know.")
    if len(text) > MAX_PSEUDONYM:
        raise SummaryProblem(f"Please keep the pseudonym to {MAX_PSEUDONYM} characters or fewer.")
    return text


def build(journal: Contents, pseudonym: str, today: dt.date | None = None) -> dict[str, Any]:
    """The summary a participant may share, from their journal's numbers and dates only."""
    homework = journal.homework()
    checkins = [c for c in journal.checkins() if real_date(c.get("date"))]  # a date off the calendar is left out
    pulses = [p for p in journal.pulses() if real_date(p.get("date"))]
    series = progress.pulse_series(pulses)
    summary = {
        "format": FORMAT,
        "version": VERSION,
        "pseudonym": clean_pseudonym(pseudonym),
        "created": (today or dt.date.today()).isoformat(),
        "stage_scores": progress.stage_scores(checkins),
        "pulse": [{"date": p.date, "score": p.score} for p in series],
        # Homework counts as set once it has a plan, an idea or a tick, so done never exceeds set.
        "homework": {"done": min(MAX_HOMEWORK, sum(1 for h in homework if h.get("done") is True)),
                     "set": min(MAX_HOMEWORK, sum(1 for h in homework
                                                 if h.get("plan") or h.get("idea") or h.get("done") is True))},
        "attendance": sorted({c["date"] for c in checkins} | {p["date"] for p in pulses}),
        **course_part(journal, checkins, series),
    }
    _validator()(summary)
    return summary


def participant_code(journal: Contents) -> str | None:
    """A code that is the same for every summary made from one journal, and holds no name.

    It is made from the moment the profile was created, so a second summary from the same
    journal under another pseudonym is still counted as one person.
    """
    created = journal.profile_created
    if not created:
        return None
    return hashlib.sha256(f"trust-workshop-summary:{created}".encode()).hexdigest()[:16]


def course_part(journal: Contents, checkins: list[dict[str, Any]],
                series: list[progress.PulsePoint]) -> dict[str, Any]:
    """What a course evaluation needs (version 2): role, sessions done, baseline against final.

    A session counts as done when its stage check-in is complete (for the first session the
    baseline check-in, for the last one the final check-in also counts). The baseline pulse is
    the first one; the final pulse is the last one taken on or before the day of the final
    check-in, so pulses from booster sessions after the course are not mixed in. Baseline and final
    stage scores are over each stage's baseline statements (see ``progress.SHORT_KINDS``).
    """
    keys = content.stage_keys()
    baseline = progress.stage_scores(checkins, ("baseline",))
    final = progress.stage_scores(checkins, ("final",))
    done = set(progress.stage_scores(checkins, ("stage",)))
    done |= {keys[0]} if baseline else set()
    done |= {keys[-1]} if final else set()
    first_pulse = series[0] if series else None
    final_pulse = None
    if final and first_pulse is not None:
        end = max(c["date"] for c in checkins if c["kind"] == "final")
        after = [p for p in series if first_pulse.date < p.date <= end]
        final_pulse = after[-1].score if after else None
    part = {
        "role": journal.role if journal.role in content.ROLE_KEYS else None,
        "course": {"sessions": [k for k in keys if k in done], "final_checkin": bool(final)},
        "baseline": {"stages": baseline, "shared": role_wording.shared_scores(checkins, "baseline"),
                     "pulse": first_pulse.score if first_pulse else None},
        "final": {"stages": final, "shared": role_wording.shared_scores(checkins, "final"), "pulse": final_pulse},
    }
    code = participant_code(journal)
    return {"participant": code, **part} if code else part


def encode(summary: Mapping[str, Any]) -> bytes:
    return json.dumps(summary, indent=1, ensure_ascii=False).encode("utf-8")


def filename(summary: Mapping[str, Any]) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", summary["pseudonym"]).encode("ascii", "ignore")
                  .decode().lower()).strip("-") or "participant"
    return f"group-summary-{slug[:30]}-{summary['created']}.json"


def parse(raw: bytes) -> dict[str, Any]:
    """Bytes of an uploaded file to a summary; SummaryProblem with a plain reason otherwise."""
    try:
        data = jsonsafe.read_untrusted(raw, max_bytes=MAX_SUMMARY_BYTES)
    except jsonsafe.Refused as err:
        reasons = {"too_big": f"it is {len(raw) / 1024:.0f} KB, far bigger than a group summary",
                   "zip": "it is a zip archive, not a group summary",
                   "not_text": "it is not a text file",
                   "too_deep": "it is nested too deeply to be a group summary",
                   "odd_value": f"it cannot be a group summary: {err}"}
        raise SummaryProblem(reasons.get(err.why, "it is not readable JSON (it may be damaged or cut short)")) from None
    if not isinstance(data, dict):
        raise SummaryProblem("it is not a group summary")
    if data.get("format") == "trust-workshop-journal":
        raise SummaryProblem("it is a whole journal, not a group summary; it was not read, to protect its "
                             "owner's privacy. Ask them to use 'Share my summary with the group' instead")
    if data.get("format") != FORMAT:
        raise SummaryProblem("it was not made by 'Share my summary with the group'")
    if isinstance(data.get("version"), int) and data["version"] > max(VERSIONS):
        raise SummaryProblem("it was made by a newer version of the workshop")
    try:
        _validator()(data)
    except fastjsonschema.JsonSchemaValueException as err:
        raise SummaryProblem(f"part of it is not in the expected shape ({err.message})") from None
    problem = meaning_problem(data)
    if problem:
        raise SummaryProblem(problem)
    try:
        # Cleaned as a shared one is, so 'José' typed two ways, or a name with a hidden
        # direction mark, is one person and reads as plain text.
        data["pseudonym"] = clean_pseudonym(data["pseudonym"])
    except SummaryProblem:
        raise SummaryProblem("its pseudonym is empty or only invisible characters") from None
    return data


def meaning_problem(summary: Mapping[str, Any]) -> str | None:
    """What in a well-shaped summary cannot be true (a date not on the calendar, more homework
    done than set), in plain words; None when every number and date means something."""
    dates = [summary["created"], *(p["date"] for p in summary["pulse"]), *summary["attendance"]]
    for day in dates:
        if not real_date(day):
            return f"it holds a date that is not on the calendar ({day})"
    if summary["homework"]["done"] > summary["homework"]["set"]:
        return "it says more homework was done than was set"
    if summary.get("version", 1) >= 2:
        if bool(summary["final"]["stages"]) != summary["course"]["final_checkin"]:
            return "what it says about the final check-in does not match the scores it holds"
        if summary["final"]["pulse"] is not None and summary["baseline"]["pulse"] is None:
            return "it holds a final trust pulse without a first one"
    return None


@dataclass
class Loaded:
    summaries: list[dict[str, Any]] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)  # (file name, reason)


def identities(summary: Mapping[str, Any]) -> set[tuple[str, str]]:
    """What makes two summaries one person: the same pseudonym however it is written, the same
    journal (its participant code), or the same numbers and dates (a copy renamed by hand)."""
    keys = {("name", fold(summary["pseudonym"]))}
    if summary.get("participant"):
        keys.add(("journal", summary["participant"]))
    # The parts every version holds, so an older and a newer summary of the same answers match too.
    numbers = {k: summary[k] for k in ("stage_scores", "pulse", "homework", "attendance")}
    keys.add(("numbers", json.dumps(numbers, sort_keys=True)))
    return keys


def _why_skipped(kept: tuple[str, dict[str, Any], set], shared: set[tuple[str, str]]) -> str:
    name, summary, _ = kept
    kinds = {kind for kind, _ in shared}
    if "name" in kinds:
        return f"a newer summary from {summary['pseudonym']} ({name}) was used"
    if "journal" in kinds:
        return f"it comes from the same journal as {name}; one person counts once, so the newer summary was used"
    return f"it holds exactly the same numbers and dates as {name}, so it was counted once"


def load_many(files: Iterable[tuple[str, bytes]]) -> Loaded:
    """Read many uploaded files; each bad or duplicate file is listed with a reason and skipped.

    When two files are one person (see :func:`identities`), the newer summary is kept and
    the other is listed, so a copy can never make a group look big enough for averages.
    """
    result = Loaded()
    kept: list[tuple[str, dict[str, Any], set]] = []  # (file name, summary, identities of it and its copies)
    seen_bytes: dict[bytes, str] = {}
    for name, raw in files:
        if raw in seen_bytes:
            result.problems.append((name, f"it is an exact copy of {seen_bytes[raw]}"))
            continue
        seen_bytes[raw] = name
        try:
            summary = parse(raw)
        except SummaryProblem as err:
            result.problems.append((name, str(err)))
            continue
        mine = identities(summary)
        clash = [k for k in kept if k[2] & mine]
        if not clash:
            kept.append((name, summary, mine))
            continue
        # Newest wins; on the same day the file read last wins.
        group = [(name, summary, mine), *reversed(clash)]
        winner = max(group, key=lambda item: item[1]["created"])
        for item in group:
            if item is not winner:
                shared = item[2] & set().union(*(o[2] for o in group if o is not item))
                result.problems.append((item[0], _why_skipped(winner, shared)))
        everyone = set().union(*(item[2] for item in group))
        kept = [k for k in kept if all(k is not c for c in clash)] + [(winner[0], winner[1], everyone)]
    result.summaries = [s for _, s, _ in sorted(kept, key=lambda item: item[1]["pseudonym"].casefold())]
    return result


@dataclass(frozen=True)
class GroupView:
    size: int
    stage_averages: dict[str, float] | None          # None when the group is too small
    stage_counts: dict[str, int]
    pulse_by_week: list[tuple[str, float, int]] | None  # (week, mean, how many), None when too small
    homework_done: int
    homework_set: int
    attendance: dict[str, int]                        # pseudonym -> sessions attended
    missing: list[str]                                # roster names with no summary
    note: str


def group(summaries: list[dict[str, Any]], roster: Iterable[str] = ()) -> GroupView:
    """What the dashboard shows. Averages only for groups of at least MIN_GROUP people."""
    size = len(summaries)
    have = {fold(s["pseudonym"]) for s in summaries}
    wanted = dict.fromkeys(tidy(r) for r in roster)  # tidied as pseudonyms are, so they match
    missing = [name for name in wanted if name and fold(name) not in have]
    counts = {key: sum(1 for s in summaries if key in s["stage_scores"]) for key in content.stage_keys()}
    small = size < MIN_GROUP
    averages = None
    pulse = None
    if not small:
        averages = {
            key: round(statistics.fmean(s["stage_scores"][key] for s in summaries if key in s["stage_scores"]), 1)
            for key in content.stage_keys() if counts[key] >= MIN_GROUP}
        weeks: dict[str, list[int]] = {}
        for s in summaries:
            per_week: dict[str, int] = {}
            for p in s["pulse"]:
                per_week[progress.week_of(p["date"])] = p["score"]  # one value per person per week
            for week, score in per_week.items():
                weeks.setdefault(week, []).append(score)
        pulse = [(week, round(statistics.fmean(v), 1), len(v))
                 for week, v in sorted(weeks.items()) if len(v) >= MIN_GROUP]
    if small:
        note = (f"{size} {'summary' if size == 1 else 'summaries'} loaded. Averages appear from {MIN_GROUP} people "
                "upwards, so that nobody's answers can be worked out from them.")
    else:
        note = (f"{size} summaries loaded. A stage or week is averaged only where at least {MIN_GROUP} people have "
                "answered it.")
    return GroupView(
        size=size,
        stage_averages=averages,
        stage_counts=counts,
        pulse_by_week=pulse,
        homework_done=sum(s["homework"]["done"] for s in summaries),
        homework_set=sum(s["homework"]["set"] for s in summaries),
        attendance={s["pseudonym"]: len(s["attendance"]) for s in summaries},
        missing=missing,
        note=note,
    )
