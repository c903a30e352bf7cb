"""The facilitator's group dashboard with 1,000 participants' shared summaries.

Each summary is made by ``summary.build`` from a participant's journal data (a baseline
and a stage check-in for every stage, a pulse every week for twelve weeks starting in one
of 26 weeks, some homework), exactly as "Share my summary with the group" makes it, and
written to its own file. Two figures are taken:

* the model: read the 1,000 files, check each (``load_many``) and aggregate (``group``);
* the view: the same files handed to ``GroupDashboard``'s upload widget, until its output
  (tables, the group pulse chart, attendance) is built. This is the kernel's share of the
  work; the browser's upload of the files to the kernel is not included.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from common import Row, timed

PARTICIPANTS = 1000
GOAL_S = 2.0
START = dt.date(2025, 9, 1)


def _journal_data(i: int) -> dict:
    from trust_workshop import content

    start = START + dt.timedelta(weeks=i % 26)
    checkins, pulses = [], []
    for s in content.stages():
        items = content.checkin_items(s.key)
        checkins.append({"kind": "baseline", "stage": s.key, "date": start.isoformat(), "updated": "",
                         "answers": {it.id: 1 + (i + n) % 5 for n, it in enumerate(items)}})
        day = (start + dt.timedelta(weeks=s.number + 1)).isoformat()
        checkins.append({"kind": "stage", "stage": s.key, "date": day, "updated": "",
                         "answers": {it.id: 1 + (i + n + s.number) % 5 for n, it in enumerate(items)}})
    for week in range(12):
        day = (start + dt.timedelta(weeks=week)).isoformat()
        pulses.append({"date": day, "updated": "",
                       "answers": {it.id: 1 + (i + week + n) % 5 for n, it in enumerate(content.pulse_items())}})
    entries = {f"homework.{s.key}": {"value": {"plan": "p", "done": (i + s.number) % 3 != 0}, "updated": ""}
               for s in content.stages()[: 1 + i % 9]}
    return {"checkins": checkins, "pulses": pulses, "entries": entries}


def write_summaries(folder: Path, count: int = PARTICIPANTS) -> list[Path]:
    from trust_workshop.model import summary as sm
    from trust_workshop.model.contents import Contents

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        summary = sm.build(Contents(_journal_data(i)), f"Participant {i + 1:04d}", today=dt.date(2025, 12, 15))
        path = folder / sm.filename(summary)
        path.write_bytes(sm.encode(summary))
        paths.append(path)
    return paths


def run(repeat: int, tmp: Path) -> list[Row]:
    from trust_workshop.model import summary as sm
    from trust_workshop.views.facilitator import GroupDashboard

    paths = write_summaries(tmp / "summaries")
    assert len({p.name for p in paths}) == PARTICIPANTS

    def model() -> None:
        loaded = sm.load_many((p.name, p.read_bytes()) for p in paths)
        view = sm.group(loaded.summaries)
        assert view.size == PARTICIPANTS and not loaded.problems, loaded.problems[:3]

    def view() -> None:
        dash = GroupDashboard()
        files = [{"name": p.name, "type": "application/json", "size": p.stat().st_size,
                  "content": memoryview(p.read_bytes()), "last_modified": dt.datetime.now(dt.timezone.utc)}
                 for p in paths]
        dash._upload.value = tuple(files)  # what the browser's upload sets; the widget then draws
        assert dash.view.size == PARTICIPANTS and dash.view.pulse_by_week, "the dashboard did not load them all"

    model()
    view()  # warm: imports, matplotlib fonts
    times = max(5, repeat)
    rows = [
        Row(f"Dashboard model: read, check and aggregate {PARTICIPANTS:,} summary files", timed(model, times), "s",
            GOAL_S),
        Row(f"Dashboard view: {PARTICIPANTS:,} uploaded summaries to the finished dashboard (kernel side)",
            timed(view, times), "s", GOAL_S),
        Row(f"Dashboard: total size of the {PARTICIPANTS:,} summary files", [sum(p.stat().st_size for p in paths)
                                                                             / 1024], "KB"),
    ]
    return rows
