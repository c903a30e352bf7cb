"""Anonymous course feedback: the participant's answers, a file without a name, and the group's tally.

The questions are the paper feedback form's (``feedback`` in paperwork.yaml), so the notebook and
the printed form ask the same things. A feedback file carries the answers and nothing else: no
name, no profile, no date, no journal id. The facilitator's tally follows the small-group rule:
from fewer than three files it shows no counts and no comments.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

from trust_workshop import content
from trust_workshop.model import jsonsafe

FORMAT = "trust-workshop-feedback"
VERSION = 1
FILE_NAME = "course-feedback.json"
SMALLEST_GROUP = 3
MAX_COMMENT = 20_000  # per answer, in a file read from outside
MAX_BYTES = 200_000


class FeedbackProblem(ValueError):
    """A feedback file that cannot be read, in plain words."""


def wording() -> dict[str, Any]:
    """The form's title, introduction, 1-5 statements and open questions (paperwork.yaml)."""
    return content.raw("paperwork")["feedback"]


def empty_answers() -> dict[str, list]:
    w = wording()
    return {"ratings": [None] * len(w["scale_items"]), "comments": [""] * len(w["questions"])}


def clean(answers: Any, *, outside: bool = False) -> dict[str, list]:
    """Answers as saved or uploaded, reduced to what the form asks (anything else is dropped).

    The participant's own saved words are kept exactly; a file from ``outside`` has NUL removed
    and each answer cut at ``MAX_COMMENT`` characters.
    """
    out = empty_answers()
    if not isinstance(answers, dict):
        return out
    ratings = answers.get("ratings") if isinstance(answers.get("ratings"), list) else []
    for i, r in enumerate(ratings[:len(out["ratings"])]):
        out["ratings"][i] = r if type(r) is int and 1 <= r <= 5 else None
    comments = answers.get("comments") if isinstance(answers.get("comments"), list) else []
    for i, c in enumerate(comments[:len(out["comments"])]):
        if isinstance(c, str):
            out["comments"][i] = c.replace("\x00", "")[:MAX_COMMENT] if outside else c
    return out


def anonymous_file(answers: dict[str, list]) -> bytes:
    """The file a participant hands in: the answers only, in a fixed shape."""
    return json.dumps({"format": FORMAT, "version": VERSION, **clean(answers)}, ensure_ascii=False,
                      indent=1).encode("utf-8")


def read(raw: bytes) -> dict[str, list]:
    """One uploaded feedback file, checked; FeedbackProblem (kind words) if it is not one."""
    try:
        data = jsonsafe.read_untrusted(raw, max_bytes=MAX_BYTES, max_depth=4)
    except jsonsafe.Refused as err:
        raise FeedbackProblem("this is not a feedback file from the course (it could not be read as one)") from err
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise FeedbackProblem("this is not a feedback file from the course")
    if data.get("version") != VERSION:
        raise FeedbackProblem("it comes from a different version of the course")
    return clean(data, outside=True)


@dataclass
class Tally:
    """The group's feedback: counts per statement, the comments, and the files that were skipped."""

    files: int = 0
    counts: list[dict[int, int]] = field(default_factory=list)  # per statement: {1..5: how many}
    comments: list[list[str]] = field(default_factory=list)  # per question, in a shuffled order
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file name, why)

    @property
    def shown(self) -> bool:
        """Counts and comments are shown only from three files or more."""
        return self.files >= SMALLEST_GROUP


def tally(files: list[tuple[str, bytes]], rng: random.Random | None = None) -> Tally:
    """Read many feedback files: exact copies count once, and comments are shuffled, so the order
    in which people handed them in says nothing about who wrote what."""
    w = wording()
    result = Tally(counts=[{n: 0 for n in range(1, 6)} for _ in w["scale_items"]],
                   comments=[[] for _ in w["questions"]])
    seen: dict[bytes, str] = {}
    for name, raw in files:
        if raw in seen:
            result.skipped.append((name, f"it is identical to {seen[raw]} (a copy, or the very same answers), "
                                         "so it counts once"))
            continue
        seen[raw] = name
        try:
            answers = read(raw)
        except FeedbackProblem as err:
            result.skipped.append((name, str(err)))
            continue
        result.files += 1
        for i, r in enumerate(answers["ratings"]):
            if r is not None:
                result.counts[i][r] += 1
        for i, c in enumerate(answers["comments"]):
            if c.strip():
                result.comments[i].append(c.strip())
    shuffle = (rng or random.SystemRandom()).shuffle
    for group in result.comments:
        shuffle(group)
    if not result.shown:
        result.counts = [{n: 0 for n in range(1, 6)} for _ in w["scale_items"]]
        result.comments = [[] for _ in w["questions"]]
    return result
