"""The ``trust-workshop`` command: build handouts, session plans and a participant's report.

    trust-workshop handouts --out DIR [--paper a4|letter] [--no-masters]
    trust-workshop report --profile NAME --out FILE [--include KEY ...] [--paper a4|letter]
    trust-workshop course [--region KEY] [--checked YYYY-MM-DD]
    trust-workshop evaluation SUMMARY.json ... --out DIR [--paper a4|letter]
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from trust_workshop import content
from trust_workshop.content import safety as cs
from trust_workshop.model import course as cm
from trust_workshop.model import journal as jr
from trust_workshop.model import plans as pm
from trust_workshop.model import profiles as pr
from trust_workshop.outputs import masters, pdf


def progress_bar(done: int, total: int, label: str, stream=sys.stderr) -> None:
    """A one-line progress bar that redraws in place."""
    width = 30
    filled = round(width * done / total) if total else width
    stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {label[:40]:<40}")
    if done == total:
        stream.write("\n")
    stream.flush()


def build_all(out: Path, paper_size: str = "a4", report: Callable[[int, int, str], None] = progress_bar,
              stages: Sequence[str] = (), plans: bool = True) -> list[Path]:
    """Every stage handout and session plan (or only those of ``stages``), into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, Callable[[], bytes]]] = []
    chosen = [content.stage(k) for k in stages] if stages else content.stages()
    for s in chosen:
        jobs.append((f"handout-{s.notebook}.pdf", lambda s=s: pdf.handout(s.key, paper_size)))
        for fmt in pm.FORMATS if plans else ():
            jobs.append((f"session-plan-{s.notebook}-{fmt}.pdf",
                         lambda s=s, fmt=fmt: pdf.session_plan(s.key, fmt, paper_size)))
    return _write_jobs(out, jobs, report)


def _write_jobs(folder: Path, jobs: Sequence[tuple[str, Callable[[], bytes]]],
                report: Callable[[int, int, str], None]) -> list[Path]:
    """Make each (file name, maker) into ``folder``, reporting progress after each file."""
    written = []
    for n, (name, make) in enumerate(jobs, start=1):
        path = folder / name
        path.write_bytes(make())
        written.append(path)
        report(n, len(jobs), name)
    return written


def build_masters(out: Path, paper_size: str = "a4", report: Callable[[int, int, str], None] = progress_bar,
                  wording: masters.Wording | None = None) -> list[Path]:
    """The printable masters (course paperwork and cards), into ``out/masters`` and nowhere else."""
    folder = out / masters.FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return _write_jobs(folder, masters.jobs(paper_size, wording), report)


def write_evaluation(files: Sequence[Path], out: Path, paper_size: str = "a4") -> tuple[Path, list[str]]:
    """The course evaluation of some summary files, written as one PDF into the folder ``out``
    (and nowhere else); also the files that were skipped, each with its reason."""
    from trust_workshop.model import evaluation, summary
    from trust_workshop.outputs import evaluation_pdf

    loaded = summary.load_many((f.name, f.read_bytes()) for f in files)
    out.mkdir(parents=True, exist_ok=True)
    path = out / evaluation_pdf.FILE_NAME
    path.write_bytes(evaluation_pdf.course_evaluation(evaluation.evaluate(loaded.summaries), paper_size))
    return path, [f"{name}: skipped because {why}" for name, why in loaded.problems]


def _course(region: str | None, checked: str | None) -> int:
    if region is not None or checked is not None:
        try:
            path = cm.save_course(region, checked)
        except cm.CourseError as err:
            print(err, file=sys.stderr)
            return 2
        print(f"Saved in {path}")
    now = cm.course()
    region = cs.region(now.region)
    label = region.label if region else (now.region or "not set (each participant chooses)")
    print(f"Region: {label}")
    print(f"Numbers checked by the facilitator: {now.checked or 'not recorded'}")
    for problem in now.problems:
        print(f"Ignored: {problem}", file=sys.stderr)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="trust-workshop", description="Printable handouts and reports.")
    sub = parser.add_subparsers(dest="command", required=True)
    h = sub.add_parser("handouts", help="build every stage handout and session plan, and the printable masters")
    h.add_argument("--out", type=Path, required=True, help="folder to write the PDFs into")
    h.add_argument("--paper", default="a4", choices=["a4", "letter"])
    h.add_argument("--stage", action="append", default=[], metavar="KEY",
                   help="only this stage (repeatable), e.g. transparency")
    h.add_argument("--handouts-only", action="store_true", help="leave out the session plans")
    h.add_argument("--no-masters", action="store_true",
                   help="leave out the course paperwork and cards (built into DIR/masters unless --stage is given)")
    r = sub.add_parser("report", help="build one participant's progress report")
    r.add_argument("--profile", required=True, help="the participant's profile name")
    r.add_argument("--out", type=Path, required=True, help="the PDF file to write")
    r.add_argument("--include", nargs="*", default=[], metavar="KEY",
                   help="journal entries to print, e.g. reflection.uncover (none by default)")
    r.add_argument("--paper", default="a4", choices=["a4", "letter"])
    c = sub.add_parser("course", help="show or set the course's helpline region and the date you checked the numbers")
    c.add_argument("--region", metavar="KEY",
                   help="default region for helplines: " + ", ".join((*cs.region_keys(), cs.ELSEWHERE)))
    c.add_argument("--checked", metavar="YYYY-MM-DD", help="the day you checked the helpline numbers")
    e = sub.add_parser("evaluation", help="a one-page course evaluation, with no names, from shared summaries")
    e.add_argument("summaries", nargs="+", type=Path, help="the summary files participants shared")
    e.add_argument("--out", type=Path, required=True, help="folder to write course-evaluation.pdf into")
    e.add_argument("--paper", default="a4", choices=["a4", "letter"])
    args = parser.parse_args(argv)
    if args.command == "course":
        return _course(args.region, args.checked)
    if args.command == "evaluation":
        path, skipped = write_evaluation(args.summaries, args.out, args.paper)
        for line in skipped:
            print(line, file=sys.stderr)
        print(f"Wrote {path}")
        return 0
    if args.command == "handouts":
        try:
            written = build_all(args.out, args.paper, stages=args.stage, plans=not args.handouts_only)
        except KeyError as err:
            print(err.args[0], file=sys.stderr)
            return 2
        print(f"Wrote {len(written)} PDFs to {args.out}")
        if not args.stage and not args.no_masters:
            made = build_masters(args.out, args.paper)
            print(f"Wrote {len(made)} printable masters to {args.out / masters.FOLDER}")
        return 0
    names = {p.name.casefold(): p.name for p in pr.list_profiles()}
    if args.profile.casefold() not in names:
        known = ", ".join(sorted(names.values())) or "none yet"
        print(f"No profile called {args.profile!r} on this computer (profiles: {known}).", file=sys.stderr)
        return 2
    name = names[args.profile.casefold()]
    try:
        journal = jr.Journal.open(name)
    except jr.PassphraseError:
        import getpass

        if not sys.stdin.isatty():
            print(f"The journal of {name!r} is locked with a passphrase; run this in a terminal to type it.",
                  file=sys.stderr)
            return 2
        try:
            journal = jr.Journal.open(name, getpass.getpass(f"Passphrase for {name}: "))
        except jr.PassphraseError as err:
            print(err, file=sys.stderr)
            return 2
    progress_bar(0, 1, "report")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf.report(journal, args.include, args.paper))
    progress_bar(1, 1, args.out.name)
    for notice in journal.notices:
        print(notice, file=sys.stderr)
    print(f"Wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
