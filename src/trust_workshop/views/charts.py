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
from collections.abc import Mapping, Sequence

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from trust_workshop import content
from trust_workshop.model.progress import DIMENSIONS, PulsePoint

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
    labels = [s.short_title for s in stages]
    angles = [2 * math.pi * i / len(stages) for i in range(len(stages))]
    fig = Figure(figsize=(6.2, 6.2))
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


def pulse_chart(points: Sequence[PulsePoint]) -> Figure:
    """The overall pulse and its three dimensions over the sessions."""
    fig = Figure(figsize=(7.5, 3.6))
    ax = fig.add_subplot()
    xs = list(range(1, len(points) + 1))
    styles = {"predictability": (OKABE_ITO["sky"], ":", "^"),
              "dependability": (OKABE_ITO["green"], "-.", "s"),
              "faith": (OKABE_ITO["purple"], "--", "D")}
    for dim in DIMENSIONS:
        colour, style, marker = styles[dim]
        ys = [p.dimensions[dim] for p in points]
        ax.plot(xs, ys, style, marker=marker, color=colour, linewidth=1.5, label=dim.capitalize())
    ax.plot(xs, [p.score for p in points], "-o", color=OKABE_ITO["blue"], linewidth=3, label="Overall")
    ax.set_ylim(0, 100)
    ax.set_xticks(xs, labels=[p.date for p in points], rotation=30, ha="right", fontsize=8)
    ax.set_ylabel("Score (0-100)")
    ax.set_title("Trust pulse over your sessions", fontsize=11)
    ax.grid(axis="y", alpha=0.3)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False, fontsize=9)
    return fig


def pulse_caption(points: Sequence[PulsePoint]) -> str:
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


def png(fig: Figure) -> bytes:
    """A figure as PNG bytes."""
    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    return buf.getvalue()
