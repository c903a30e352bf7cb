"""Charts: a radar of stage scores and the trust pulse over sessions.

Figures are drawn with matplotlib's object API (no pyplot, so no global state and no
GUI backend) and returned as PNG bytes with a text caption, because a chart without
words is no use to someone using a screen reader. Colours are the Okabe-Ito palette,
which stays distinguishable with the common kinds of colour blindness; lines also
differ in style and marker so they never rely on colour alone.
"""

from __future__ import annotations

import io
import math
import textwrap
import unicodedata
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from trust_workshop import content
from trust_workshop.model.progress import DIMENSIONS, PulsePoint

if TYPE_CHECKING:
    from matplotlib.figure import Figure


def _new_figure(figsize: tuple[float, float]) -> Figure:
    # matplotlib is imported on first use: notebooks without charts never pay for it.
    from matplotlib.figure import Figure

    return Figure(figsize=figsize)

OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}


def radar(scores: Mapping[str, int], baseline: Mapping[str, int] | None = None) -> Figure:
    """Stage scores (0-100) around a circle; the baseline, if given, as a dashed line."""
    stages = content.stages()
    labels = ["\n".join(textwrap.wrap(s.short_title, 14)) for s in stages]  # two short lines fit a phone
    angles = [2 * math.pi * i / len(stages) for i in range(len(stages))]
    fig = _new_figure((6.2, 6.2))
    ax = fig.add_subplot(projection="polar")
    ax.set_theta_offset(math.pi / 2)
    ax.set_theta_direction(-1)
    ax.set_ylim(0, 100)
    ax.set_yticks([25, 50, 75, 100], labels=["25", "50", "75", "100"], fontsize=8, color="#555")
    ax.set_xticks(angles, labels=labels, fontsize=9)

    def draw(values: Mapping[str, int], colour: str, style: str, marker: str, label: str) -> None:
        pts = [(a, values.get(s.key)) for a, s in zip(angles, stages, strict=True)]
        known = [(a, v) for a, v in pts if v is not None]
        if not known:
            return
        if len(known) == len(stages):
            xs = [a for a, _ in known] + [known[0][0]]
            ys = [v for _, v in known] + [known[0][1]]
            ax.plot(xs, ys, style, color=colour, linewidth=2, label=label)
            ax.fill(xs, ys, color=colour, alpha=0.12)
        ax.plot([a for a, _ in known], [v for _, v in known], marker, color=colour, markersize=7,
                linestyle="none", label=None if len(known) == len(stages) else label)

    if baseline:
        draw(baseline, OKABE_ITO["orange"], "--", "s", "Baseline")
    draw(scores, OKABE_ITO["blue"], "-", "o", "Latest")
    if ax.get_legend_handles_labels()[0]:
        ax.legend(loc="upper right", bbox_to_anchor=(1.25, 1.12), frameon=False)
    return fig


def radar_caption(scores: Mapping[str, int], baseline: Mapping[str, int] | None = None) -> str:
    """The radar chart in words."""
    if not scores:
        return "No stage check-ins have been completed yet, so there is nothing to draw."
    parts = []
    for s in content.stages():
        if s.key in scores:
            before = f" (baseline {baseline[s.key]})" if baseline and s.key in baseline else ""
            parts.append(f"{s.title} {scores[s.key]}{before}")
    lowest = min(scores, key=scores.get)
    return (f"Stage scores out of 100, latest first and baseline in brackets where there is one: "
            f"{'; '.join(parts)}. The lowest right now is {content.stage(lowest).title}, "
            "which may be an area to focus on.")


def pulse_chart(points: Sequence[PulsePoint], boosters: Sequence[str] = ()) -> Figure:
    """The overall pulse and its three dimensions over the sessions; booster days (after the
    course) are shaded and labelled on the same line of sessions."""
    fig = _new_figure((7.5, 3.6))
    ax = fig.add_subplot()
    xs = list(range(1, len(points) + 1))
    for x, p in zip(xs, points, strict=True):
        if p.date in boosters:
            ax.axvspan(x - 0.4, x + 0.4, color=OKABE_ITO["orange"], alpha=0.15, linewidth=0)
    styles = {"predictability": (OKABE_ITO["sky"], ":", "^"),
              "dependability": (OKABE_ITO["green"], "-.", "s"),
              "faith": (OKABE_ITO["purple"], "--", "D")}
    for dim in DIMENSIONS:
        colour, style, marker = styles[dim]
        ys = [p.dimensions[dim] for p in points]
        ax.plot(xs, ys, style, marker=marker, color=colour, linewidth=1.5, label=dim.capitalize())
    ax.plot(xs, [p.score for p in points], "-o", color=OKABE_ITO["blue"], linewidth=3, label="Overall")
    ax.set_ylim(0, 100)
    ax.set_xticks(xs, labels=[f"{p.date} booster" if p.date in boosters else p.date for p in points],
                  rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("Score (0-100)")
    ax.set_title("Trust pulse over your sessions and boosters" if set(boosters) & {p.date for p in points}
                 else "Trust pulse over your sessions", fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    # Below the plot, not beside it: a legend at the side makes the image wider, so it shrinks more on a phone.
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.32), frameon=False, fontsize=9, ncol=2)
    return fig


def pulse_caption(points: Sequence[PulsePoint], boosters: Sequence[str] = ()) -> str:
    text = _pulse_caption(points)
    if boosters:
        text += (f" Booster check-ins after the course (shaded on the chart): {', '.join(boosters)}.")
    return text


def _pulse_caption(points: Sequence[PulsePoint]) -> str:
    if not points:
        return "No trust pulse has been completed yet, so there is nothing to draw."
    first, last = points[0], points[-1]
    if len(points) == 1:
        return f"One trust pulse so far, on {first.date}: {first.score} out of 100."
    change = last.score - first.score
    trend = "higher than" if change > 0 else "lower than" if change < 0 else "the same as"
    dims = ", ".join(f"{d} {last.dimensions[d]}" for d in DIMENSIONS if last.dimensions[d] is not None)
    return (f"{len(points)} trust pulses from {first.date} to {last.date}. The latest is {last.score} "
            f"out of 100, {trend} the first ({first.score}). Latest by dimension: {dims}.")


MIN_POINTS = 13.0  # no chart text smaller than this
MAX_WIDTH_INCHES = 5.0  # so a chart shrunk to a 390-pixel phone screen keeps its text about 12 px high


def readable(fig: Figure) -> Figure:
    """Every piece of text at least MIN_POINTS, on a figure no wider than MAX_WIDTH_INCHES.

    Charts are shown as images that shrink with the screen: text drawn small on a wide figure
    becomes 5 or 6 pixels on a phone. One rule here keeps every chart readable there.
    """
    from matplotlib.text import Text

    width, height = fig.get_size_inches()
    if width > MAX_WIDTH_INCHES:
        fig.set_size_inches(MAX_WIDTH_INCHES, height * max(0.8, MAX_WIDTH_INCHES / width))
    for text in fig.findobj(Text):
        if text.get_fontsize() < MIN_POINTS:
            text.set_fontsize(MIN_POINTS)
    return fig


def png(fig: Figure) -> bytes:
    """A figure as PNG bytes, with text readable on a phone."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    readable(fig)
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    with warnings.catch_warnings():
        # A participant's emoji in a milestone label has no glyph in DejaVu Sans: it is drawn
        # as a box, and the caption under the chart gives the text exactly. The warning would
        # only print a technical line under the exercise.
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .* missing from font", category=UserWarning)
        fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return buf.getvalue()


def plain_label(text: str, limit: int = 40) -> str:
    """A participant's words as a chart label: shortened, control characters shown as U+FFFD."""
    text = "".join("\ufffd" if unicodedata.category(ch) == "Cc" else ch for ch in str(text))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def kept_rate_chart(rates: Sequence) -> Figure:
    """Share of promises kept each week, as bars labelled with kept / made."""
    fig = _new_figure((7.0, 3.2))
    ax = fig.add_subplot()
    xs = list(range(len(rates)))
    values = [100 * r.rate for r in rates]
    bars = ax.bar(xs, values, color=OKABE_ITO["blue"], edgecolor=OKABE_ITO["black"], linewidth=0.5)
    for bar, r in zip(bars, rates, strict=True):
        ax.annotate(f"{r.kept}/{r.made}", (bar.get_x() + bar.get_width() / 2, bar.get_height()),
                    ha="center", va="bottom", fontsize=8, xytext=(0, 2), textcoords="offset points")
    ax.set_ylim(0, 110)
    ax.set_xticks(xs, labels=[f"week of\n{r.week}" for r in rates], fontsize=8)
    ax.set_ylabel("Promises kept (%)")
    ax.set_title("Promises kept each week", fontsize=11)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def kept_rate_caption(rates: Sequence, still_open: int = 0) -> str:
    """The chart in words. Promises still "not yet" are not in any rate; they are counted apart."""
    pending = (f" {still_open} promise{' is' if still_open == 1 else 's are'} still open (\"not yet\") and "
               "not counted until marked kept or not." if still_open else "")
    if not rates:
        return "No promises have been marked kept or not kept yet, so there is nothing to draw." + pending
    parts = [f"week of {r.week}: {r.kept} of {r.made} kept" for r in rates]
    made, kept = sum(r.made for r in rates), sum(r.kept for r in rates)
    return (f"Promises kept by week, counting only those already settled: {'; '.join(parts)}. In all, {kept} of "
            f"{made} ({round(100 * kept / made)}%).{pending}")


def tally_chart(weeks: Sequence[tuple[str, int, int]]) -> Figure:
    """Deposits above the line and withdrawals below it, week by week."""
    fig = _new_figure((7.0, 3.2))
    ax = fig.add_subplot()
    xs = list(range(len(weeks)))
    ax.bar(xs, [d for _, d, _ in weeks], color=OKABE_ITO["green"], label="Deposits", hatch="//",
           edgecolor=OKABE_ITO["black"], linewidth=0.5)
    ax.bar(xs, [-w for _, _, w in weeks], color=OKABE_ITO["vermillion"], label="Withdrawals",
           edgecolor=OKABE_ITO["black"], linewidth=0.5)
    ax.axhline(0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.set_xticks(xs, labels=[f"week of\n{w}" for w, _, _ in weeks], fontsize=8)
    ax.set_ylabel("How many")
    ax.set_title("Deposits and withdrawals", fontsize=11)
    ax.yaxis.set_major_formatter(lambda v, _pos: f"{abs(int(v))}")
    ax.legend(frameon=False, fontsize=9, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def tally_caption(weeks: Sequence[tuple[str, int, int]]) -> str:
    if not weeks:
        return "Nothing has been logged yet, so there is nothing to draw."
    parts = [f"week of {w}: {d} deposits, {x} withdrawals" for w, d, x in weeks]
    return "Deposits and withdrawals by week: " + "; ".join(parts) + "."


def timeline_chart(items: Sequence[tuple[str, str]]) -> Figure:
    """Milestones as points on a line of dates, each labelled."""
    import datetime as dt

    fig = _new_figure((7.5, 2.4 + 0.1 * len(items)))
    ax = fig.add_subplot()
    dates = [dt.date.fromisoformat(d) for d, _ in items]
    ax.axhline(0, color=OKABE_ITO["black"], linewidth=1)
    ax.plot(dates, [0] * len(dates), "o", color=OKABE_ITO["blue"], markersize=8)
    for i, (day, (_, text)) in enumerate(zip(dates, items, strict=True)):
        height = 1 if i % 2 == 0 else -1
        # parse_math=False: "$5 and $10" or "$^$" is what someone wrote, not matplotlib maths.
        ax.annotate(plain_label(text), (day, 0), xytext=(0, 28 * height), textcoords="offset points",
                    ha="center", va="bottom" if height > 0 else "top", fontsize=8, parse_math=False,
                    arrowprops={"arrowstyle": "-", "color": "#777"})
    ax.set_ylim(-1.5, 1.5)
    ax.set_yticks([])
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.set_title("Milestones", fontsize=11)
    fig.autofmt_xdate()
    return fig


def timeline_caption(items: Sequence[tuple[str, str]]) -> str:
    if not items:
        return "No milestones yet, so there is nothing to draw."
    return "Milestones in date order: " + "; ".join(f"{d}: {t}" for d, t in items) + "."


def pre_post_chart(changes: Sequence) -> Figure:
    """Baseline and final scores side by side for each stage."""
    stages = content.stages()
    fig = _new_figure((8.0, 3.6))
    ax = fig.add_subplot()
    xs = list(range(len(stages)))
    by_key = {c.stage: c for c in changes}
    before = [by_key[s.key].baseline if s.key in by_key else None for s in stages]
    after = [by_key[s.key].final if s.key in by_key else None for s in stages]
    ax.bar([x - 0.2 for x in xs], [v or 0 for v in before], width=0.4, color=OKABE_ITO["orange"],
           hatch="..", edgecolor=OKABE_ITO["black"], linewidth=0.5, label="Baseline (notebook 00)")
    ax.bar([x + 0.2 for x in xs], [v or 0 for v in after], width=0.4, color=OKABE_ITO["blue"],
           edgecolor=OKABE_ITO["black"], linewidth=0.5, label="Final (notebook 08)")
    ax.set_ylim(0, 100)
    ax.set_xticks(xs, labels=[s.short_title for s in stages], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("Score (0-100)")
    ax.legend(frameon=False, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def pre_post_caption(changes: Sequence) -> str:
    both = [c for c in changes if c.change is not None]
    if not both:
        return "No stage has both a baseline and a final answer yet, so there is nothing to compare."
    return "Baseline then final score by stage: " + "; ".join(
        f"{content.stage(c.stage).title} {c.baseline} then {c.final}" for c in both) + "."


@dataclass(frozen=True)
class GroupPulse:
    week: str
    mean: float
    people: int


def group_pulse_chart(points: Sequence[GroupPulse]) -> Figure:
    """The group's average pulse each week (only weeks with enough people)."""
    fig = _new_figure((7.0, 3.2))
    ax = fig.add_subplot()
    xs = list(range(len(points)))
    ax.plot(xs, [p.mean for p in points], "-o", color=OKABE_ITO["blue"], linewidth=2.5)
    ax.set_ylim(0, 100)
    ax.set_xticks(xs, labels=[f"week of\n{p.week}" for p in points], fontsize=8)
    ax.set_ylabel("Average pulse (0-100)")
    ax.set_title("The group's trust pulse", fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    return fig


def group_pulse_caption(points: Sequence[GroupPulse]) -> str:
    if not points:
        return "No week has enough pulses yet to show an average."
    return "Average trust pulse by week: " + "; ".join(
        f"week of {p.week}: {p.mean:.0f} ({p.people} people)" for p in points) + "."
