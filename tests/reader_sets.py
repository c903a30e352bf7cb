"""The labelled sets that measure the readers in ``model.language``, and their figures.

Shared by the tests (which assert the goals) and ``benchmarks/readers.py`` (which reports
the figures in ``make bench``). Each set is a YAML file in ``tests/data``; each item has the
text, the labels a person gave it, and which half of the set it was written in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent / "data"


def load(name: str) -> list[dict]:
    """The items of ``tests/data/<name>.yaml``."""
    return yaml.safe_load((DATA / f"{name}.yaml").read_text("utf-8"))["items" if name != "apology_drafts" else
                                                                         "drafts"]


@dataclass(frozen=True)
class Figures:
    """Per-label precision and recall, macro-F1, and the credits given to items that should have none."""

    n: int
    per_label: dict[str, tuple[float, float, float, int]]  # label -> (precision, recall, F1, support)
    macro_f1: float
    false_credits: int          # labels credited to items labelled with none (e.g. non-apologies)
    errors: list[str]           # one line per item the reader got wrong, for reading

    def table(self) -> str:
        rows = [f"{'label':16} {'prec':>5} {'rec':>5} {'F1':>5} {'n':>3}"]
        rows += [f"{k:16} {p:5.2f} {r:5.2f} {f:5.2f} {s:3d}" for k, (p, r, f, s) in self.per_label.items()]
        rows.append(f"macro-F1 {self.macro_f1:.3f} over {self.n} items; credits to items with none: "
                    f"{self.false_credits}")
        return "\n".join(rows)


def score(items: Iterable[dict], labels: list[str], read: Callable[[str], set[str]],
          truth: Callable[[dict], set[str]]) -> Figures:
    """Compare ``read(item['text'])`` with ``truth(item)`` for each label."""
    tp = dict.fromkeys(labels, 0)
    fp = dict.fromkeys(labels, 0)
    fn = dict.fromkeys(labels, 0)
    false_credits, errors, n = 0, [], 0
    for item in items:
        n += 1
        got, want = read(item["text"]) & set(labels), truth(item)
        for label in labels:
            tp[label] += label in got and label in want
            fp[label] += label in got and label not in want
            fn[label] += label not in got and label in want
        if not want:
            false_credits += len(got)
        if got != want:
            errors.append(f"{item['id']}: missed {sorted(want - got)}, extra {sorted(got - want)}")
    per_label = {}
    for label in labels:
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 1.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_label[label] = (p, r, f, tp[label] + fn[label])
    macro = sum(v[2] for v in per_label.values()) / len(labels)
    return Figures(n, per_label, macro, false_credits, errors)


APOLOGY_PARTS = ["regret", "explanation", "responsibility", "repentance", "repair", "forgiveness"]


def apology_figures(half: int | None = None) -> Figures:
    """The apology reader on its labelled drafts (one half, or all of them)."""
    from trust_workshop import content
    from trust_workshop.model import language

    data = content.exercise("apology_builder")
    drafts = [d for d in load("apology_drafts") if half is None or d["half"] == half]

    def read(text: str) -> set[str]:
        return set(language.read_apology(text, data["components"], data["excuse_phrases"],
                                          data["non_apology_phrases"]).covered)

    return score(drafts, APOLOGY_PARTS, read, lambda d: set(d["components"]) if d["apology"] else set())


ACCUSATION_LABELS = ["absolute", "blame", "you_start"]


def accusation_figures() -> tuple[Figures, float]:
    """The I-statement rewriter's reader: per-flag figures, and how often it lifts out the right feeling."""
    from trust_workshop.model import language

    items = load("accusations")

    def read(text: str) -> set[str]:
        r = language.read_accusation(text)
        return {k for k, on in (("absolute", r.absolutes), ("blame", r.blame), ("you_start", r.starts_with_you)) if on}

    figures = score(items, ACCUSATION_LABELS, read, lambda i: set(i["labels"]))
    right = sum(language.read_accusation(i["text"]).feeling == i["feeling"] for i in items)
    return figures, right / len(items)


HORSEMEN = ["criticism", "contempt", "defensiveness", "stonewalling"]


def startup_figures() -> Figures:
    """The gentle start-up rewriter's reader: per-horseman figures on tests/data/startups.yaml."""
    from trust_workshop import content
    from trust_workshop.model import startup

    data = content.exercise("gentle_startup")

    def read(text: str) -> set[str]:
        return set(startup.read_startup(text, data["horsemen"], data["parts"]).horsemen)

    return score(load("startups"), HORSEMEN, read, lambda i: set(i["labels"]))
