"""Cards to give: a list the participant wrote, printed on one small card (A6 or a postcard).

The lines come from a list exercise whose wording has a ``card`` block in ``exercises.yaml``
("Ten things I trust about you", the appreciation log). Only the lines passed in are printed,
exactly as written; "To" and "From" are names typed on screen or, when left empty, lines to
write on by hand. The card carries no course name and nothing else from the journal.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

from trust_workshop import content
from trust_workshop.outputs import pdf

# Card sizes in millimetres (width, height), portrait.
SIZES = {"a6": (105.0, 148.0), "postcard": (101.6, 152.4)}
SIZE_NAMES = {"a6": "A6 card", "postcard": "Postcard (4 × 6 in)"}
MAX_NAME = 80  # a name on the To / From line; longer is cut, so the line stays one line


def card_keys() -> list[str]:
    """The exercises that can be printed as a card."""
    return [key for key, data in content.raw("exercises").items() if isinstance(data, dict) and "card" in data]


def card_wording(key: str) -> dict[str, Any]:
    """The ``card`` block of one exercise (KeyError if it has none)."""
    data = content.exercise(key)
    if "card" not in data:
        raise KeyError(f"The exercise {key!r} has no card.")
    return {**data["card"], "title": data["title"], "max_items": data.get("max_items")}


def heading(key: str, count: int) -> str:
    """The card's heading: the full one ("Ten things ...") only when every line is there."""
    wording = card_wording(key)
    full = wording.get("heading_full")
    return full if full and count == wording["max_items"] else wording["heading"]


def size(name: str) -> tuple[float, float]:
    try:
        return SIZES[name.lower()]
    except KeyError:
        raise ValueError(f"Card size must be one of {', '.join(SIZES)}, not {name!r}.") from None


def right_to_left(text: str) -> bool:
    """Whether a line starts in a right-to-left script (Arabic, Hebrew ...): its first letter decides,
    as it does for a paragraph in a browser."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _name(text: str) -> str:
    return pdf.breakable(" ".join(str(text).split())[:MAX_NAME])


def card_data(key: str, lines: Sequence[str], to: str = "", sender: str = "",
              paper_size: str = "a6") -> dict[str, Any]:
    """What the card template prints: the chosen lines, the heading, To and From, the page size."""
    width, height = size(paper_size)
    chosen = [str(line) for line in lines if str(line).strip()]
    return {
        "width": width, "height": height,
        "heading": heading(key, len(chosen)),
        "numbered": bool(card_wording(key)["numbered"]),
        "items": [{"text": pdf.breakable(line), "rtl": right_to_left(line)} for line in chosen],
        "to_label": "To", "to": _name(to),
        "from_label": "From", "from": _name(sender),
    }


def card(key: str, lines: Sequence[str], to: str = "", sender: str = "", paper_size: str = "a6") -> bytes:
    """One card as PDF bytes, made in memory: nothing is written anywhere but a temporary folder."""
    return pdf.compile_pdf("card.typ", card_data(key, lines, to, sender, paper_size))


def filename(key: str) -> str:
    """A plain file name for the card, from its heading: nothing private in it."""
    return re.sub(r"[^a-z0-9]+", "-", card_wording(key)["heading"].lower()).strip("-") + ".pdf"
