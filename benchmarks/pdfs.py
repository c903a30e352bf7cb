"""Printable PDFs with Typst, in and out of process, against nbconvert's webpdf with Chromium."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

from common import ROOT, Row, ratio, timed


def run(repeat: int, tmp: Path) -> list[Row]:
    from tests.browser import harness
    from trust_workshop import content
    from trust_workshop.model import journal as jr
    from trust_workshop.outputs import cli, pdf

    bin_dir = Path(sys.executable).parent
    notebook = ROOT / "workshop" / "03-transparency-and-dialogue.ipynb"
    pdf.handout("transparency")  # warm: fonts and templates
    rows = [Row("PDF: one stage handout, in process", timed(lambda: pdf.handout("transparency"), max(5, repeat)),
                "s")]
    one = [str(bin_dir / "trust-workshop"), "handouts", "--stage", "transparency", "--handouts-only",
           "--out", str(tmp / "one")]
    ours = Row("PDF: one stage handout, whole `trust-workshop` process",
               timed(lambda: subprocess.run(one, check=True, capture_output=True), repeat), "s")
    rows.append(ours)
    rows.append(Row("PDF: every handout and session plan (36), in one process",
                    timed(lambda: cli.build_all(tmp / "all", report=lambda *a: None), repeat), "s", 5.0))
    os.environ["TRUST_WORKSHOP_DATA_DIR"] = str(tmp / "report-data")
    j = jr.Journal.open("Twelve sessions")
    for week in range(12):
        day = (dt.date(2026, 6, 1) + dt.timedelta(weeks=week)).isoformat()
        j.record_pulse({it.id: 1 + (week % 5) for it in content.pulse_items()}, date=day)
        for s in content.stages():
            j.record_checkin("stage", s.key, {it.id: 1 + (week + s.number) % 5 for it in content.checkin_items(s.key)},
                             date=day)
    pdf.report(j)
    rows.append(Row("PDF: report from a 12-session journal, in process",
                    timed(lambda: pdf.report(j), max(5, repeat)), "s", 1.0))
    if harness.chromium_path():
        peer = [sys.executable, str(ROOT / "benchmarks" / "webpdf_chromium.py"), "--to", "webpdf",
                "--disable-chromium-sandbox", "--output-dir", str(tmp / "webpdf"), str(notebook)]
        theirs = Row("Peer: same notebook through `jupyter nbconvert --to webpdf` (Chromium), whole process",
                     timed(lambda: subprocess.run(peer, check=True, capture_output=True), repeat), "s")
        rows.append(theirs)
        rows.append(ratio("Ratio: webpdf time ÷ trust-workshop time (medians, whole processes)", theirs, ours, 5.0))
    for row in rows:
        print(f"  {row.measure}: median {row.median:.2f} {row.unit}", flush=True)
    return rows
