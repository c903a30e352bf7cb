"""PDFs with Typst: stage handouts, session plans and a participant's progress report.

Every document is a template in ``outputs/templates`` plus one JSON document passed as a
Typst input (``sys.inputs.data``). Nothing a participant wrote is pasted into markup, so
``#set page(...)``, ``$x$`` or ``<script>`` print as typed. Fonts are Typst's own plus
matplotlib's DejaVu Sans (Latin, Greek, Cyrillic, Arabic, Hebrew) and the monochrome Noto
Emoji shipped in ``outputs/fonts``, with system fonts ignored, so a PDF looks the same on
every machine and is byte-identical for the same input.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import typst

from trust_workshop import content
from trust_workshop.content import safety as cs
from trust_workshop.model import boosters as bm
from trust_workshop.model import plans as pm
from trust_workshop.model import progress as prog
from trust_workshop.model import safety as sm
from trust_workshop.model import writing as wr
from trust_workshop.model.contents import Contents
from trust_workshop.model.scoring import SCORE_NOTE
from trust_workshop.views import registry

PAPERS = {"a4": "a4", "letter": "us-letter", "us-letter": "us-letter"}
LONG_WORD = re.compile(r"(\S{30})(?=\S)")


def _font_paths() -> list[str]:
    import matplotlib

    emoji = resources.files("trust_workshop.outputs").joinpath("fonts")
    return [str(Path(matplotlib.get_data_path()) / "fonts" / "ttf"), str(emoji)]


MAX_MARKS = 4  # combining marks kept on one letter: enough for any script's real text


def calm_marks(text: str) -> str:
    """At most MAX_MARKS combining marks in a row, in one linear pass.

    Real writing stacks a few marks on a letter; thousands in a row ("Zalgo" text, or a paste
    gone wrong) make typesetting take time that grows with the square of their number.
    """
    out, run = [], 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me"):
            run += 1
            if run > MAX_MARKS:
                continue
        else:
            run = 0
        out.append(ch)
    return "".join(out)


def breakable(text: str) -> str:
    """The text as printed: few enough stacked marks to typeset quickly, and an invisible break
    chance inside very long words, so they wrap on paper."""
    return LONG_WORD.sub("\\1\u200b", calm_marks(str(text).replace("\x00", "\ufffd")))


def compile_pdf(template: str, data: Mapping[str, Any], files: Mapping[str, bytes] | None = None) -> bytes:
    """Compile one template with its data (and any images, by file name) to PDF bytes."""
    with tempfile.TemporaryDirectory(prefix="trust-workshop-pdf-") as tmp:
        folder = Path(tmp)
        for name in ("common.typ", template):
            source = resources.files("trust_workshop.outputs").joinpath("templates", name)
            shutil.copyfile(str(source), folder / name)
        for name, blob in (files or {}).items():
            (folder / name).write_bytes(blob)
        return typst.compile(str(folder / template), root=str(folder), font_paths=_font_paths(),
                             ignore_system_fonts=True, sys_inputs={"data": json.dumps(data, ensure_ascii=False)})


def paper(name: str) -> str:
    try:
        return PAPERS[name.lower()]
    except KeyError:
        raise ValueError(f"Paper size must be A4 or Letter, not {name!r}.") from None


def _help(region_key: str | None = None) -> dict[str, Any]:
    """The help table for a printout: one region's services by need, or, with no region (the
    participant's or the course's), the most urgent lines for every region we cover."""
    data = cs.resources_data()
    found = sm.help_for(sm.effective_region(region_key))

    def notes(r: cs.Resource) -> str:
        return " · ".join(x for x in (r.text, r.notes, r.web) if x)

    if found.region is not None:
        rows = [{"region": nh.need.label, "name": r.name, "contact": r.contact, "notes": notes(r)}
                for nh in found.needs for r in nh.resources]
        heading = f"Kind of help ({found.region.label})"
    else:
        rows = [{"region": region.label, "name": r.name, "contact": r.contact, "notes": notes(r)}
                for region, cells in found.everywhere for cell in cells for r in cell]
        heading = "Where"
    directory = found.directory
    rows.append({"region": "Anywhere else", "name": directory.name, "contact": directory.web,
                 "notes": directory.notes})
    return {"intro": f"{data['danger']} {data['intro']}", "note": f"{sm.checked_note()} {data['facilitator_note']}",
            "heading": heading, "rows": rows}


# --- stage handouts ---------------------------------------------------------------------


def handout_data(stage_key: str, paper_size: str = "a4") -> dict[str, Any]:
    s = content.stage(stage_key)
    return {
        "paper": paper(paper_size),
        "title": f"Stage {s.number}: {s.title}",
        "footer": "Rebuilding Trust · CC BY 4.0 · education and reflection, not therapy",
        "tagline": s.tagline,
        "summary": s.summary,
        "ideas": list(s.core_ideas),
        "worksheet": registry.worksheet(s.key),
        "reflection": [p["text"] for p in content.prompts(s.key, "reflection")],
        "homework": [p["text"] for p in content.prompts(s.key, "homework")],
        "help": _help(),
    }


def handout(stage_key: str, paper_size: str = "a4") -> bytes:
    """One stage's printable handout."""
    return compile_pdf("handout.typ", handout_data(stage_key, paper_size))


# --- session plans ------------------------------------------------------------------------


def plan_data(stage_key: str, fmt: str, paper_size: str = "a4") -> dict[str, Any]:
    s, p = content.stage(stage_key), pm.plan(stage_key)
    blocks = pm.agenda(stage_key, fmt)
    starts = pm.start_offsets(blocks)
    adapt = p["adaptations"]
    return {
        "paper": paper(paper_size),
        "title": f"Session plan · Stage {s.number}: {s.title}",
        "subtitle": f"{pm.format_name(fmt)} · {pm.minutes(blocks)} minutes",
        "footer": "Rebuilding Trust · facilitator session plan · CC BY 4.0",
        "objectives": p["objectives"], "materials": p["materials"], "preparation": p["preparation"],
        "total": pm.minutes(blocks), "core_total": pm.core_minutes(blocks),
        "blocks": [{"starts": f"{t // 60}:{t % 60:02d}", "minutes": b["minutes"], "title": b["title"],
                    "kind": b["kind"].replace("_", " "), "cut": pm.cut_label(b), "core": pm.is_core(b),
                    "facilitator": b["facilitator"],
                    "participants": b["participants"], "script": b["script"]}
                   for t, b in zip(starts, blocks, strict=True)],
        "debrief": p["debrief_questions"], "homework": p["homework"],
        "adaptations": [{"name": content.context(k).label, "text": v} for k, v in adapt["context"].items()]
        + [{"name": content.role(k).label, "text": v} for k, v in adapt["role"].items()]
        + [{"name": k.replace("_", "-").capitalize(), "text": v} for k, v in adapt["format"].items()],
        "safety": p["safety_notes"], "fidelity": p["fidelity_checklist"], "help": _help(),
    }


def session_plan(stage_key: str, fmt: str, paper_size: str = "a4") -> bytes:
    """One stage's session plan for one format."""
    return compile_pdf("plan.typ", plan_data(stage_key, fmt, paper_size))


# --- the personal report --------------------------------------------------------------------


def _text_lines(text: str) -> list[str]:
    """The non-empty lines of one answer, ready to wrap on paper."""
    return [breakable(line) for line in text.splitlines() if line.strip()]


def report_data(journal: Contents, include: list[str] = (), paper_size: str = "a4",
                today: dt.date | None = None) -> tuple[dict[str, Any], dict[str, bytes]]:
    """The report's data and its chart images. ``include`` names the journal entries to print."""
    from trust_workshop.views import charts  # matplotlib only when a report is made

    checkins, pulses, promises = journal.checkins(), journal.pulses(), journal.promises()
    latest, baseline = prog.stage_scores(checkins), prog.stage_scores(checkins, ("baseline",))
    points = prog.pulse_series(pulses)
    boosters = journal.booster_days()
    rates = prog.kept_rates(promises)
    changes = prog.pre_post(checkins)
    files: dict[str, bytes] = {}
    chart_list = []

    def add(title: str, name: str, figure, caption: str, width: int) -> None:
        if figure is not None:
            files[name] = charts.png(figure)
        chart_list.append({"title": title, "image": name if figure is not None else "", "caption": caption,
                           "width": width})

    add("Stage scores", "stages.png", charts.radar(latest, baseline) if latest else None,
        charts.radar_caption(latest, baseline), 70)
    add("Trust pulse", "pulse.png", charts.pulse_chart(points, boosters) if points else None,
        charts.pulse_caption(points, boosters), 95)
    add("Promises kept", "promises.png", charts.kept_rate_chart(rates) if rates else None,
        charts.kept_rate_caption(rates, prog.open_promises(promises)), 85)
    if any(c.change is not None for c in changes):
        add("Baseline and final check-in", "prepost.png", charts.pre_post_chart(changes),
            charts.pre_post_caption(changes), 95)
    saved = {e.key: e for e in journal.entries()}
    writing = [{"title": wr.title(key),
                "parts": [{"label": breakable(part.label), "lines": _text_lines(part.text)}
                          for part in wr.parts(key, saved[key].value)]}
               for key in include if key in saved]
    name = journal.profile_name
    data = {
        "paper": paper(paper_size),
        "title": "My progress in Rebuilding Trust",
        # First-strong isolates keep a right-to-left name from reordering the date beside it.
        "subtitle": f"\u2068{breakable(name)}\u2069 · {(today or dt.date.today()).isoformat()} · "
                    f"{prog.sessions_count(checkins, pulses)} sessions",
        "footer": "Private: this report belongs to the person named on it",
        "score_note": SCORE_NOTE,
        "charts": chart_list,
        "reading": prog.pre_post_reading(changes) if any(c.change is not None for c in changes) else "",
        # Course sessions and boosters on one line of dates, once there is a booster to place on it.
        "timeline": [{"day": wr.day(d), "what": "Booster check-in" if kind == "booster" else "Course session"}
                     for d, kind in bm.timeline(journal)] if boosters else [],
        "after": bm.reading(bm.compared(journal)) if boosters else "",
        "writing": [w for w in writing if any(part["lines"] for part in w["parts"])],
        "help": _help(journal.region),
    }
    return data, files


def report(journal: Contents, include: list[str] = (), paper_size: str = "a4",
           today: dt.date | None = None) -> bytes:
    """A participant's progress report. Only the entries named in ``include`` are printed."""
    data, files = report_data(journal, include, paper_size, today)
    return compile_pdf("report.typ", data, files)
