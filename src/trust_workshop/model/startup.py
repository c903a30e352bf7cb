"""Reading a start-up to a hard conversation: Gottman's four horsemen, and the parts of a gentle one.

Like the apology reader, this looks for phrases listed in the content data (``gentle_startup``
in exercises.yaml) and says which it found; a phrase does not count where a negation comes
before it in its part of the sentence. The views always say that the participant knows
better than the tool how their words will land.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from trust_workshop.model.language import ABSOLUTES, find_affirmed, find_phrases


@dataclass(frozen=True)
class StartupReading:
    """What a start-up contains: the horsemen heard, "always"-type words, and the gentle parts present."""

    horsemen: dict[str, list[str]]   # horseman key -> the phrases that sound like it, in the data's order
    absolutes: list[str]             # "always", "never" ...
    parts: dict[str, list[str]]      # gentle part key (feeling, situation, need) -> the phrases found

    @property
    def gentle(self) -> bool:
        """A gentle start-up: a feeling, a situation and a positive need, and no horseman or absolute."""
        return not self.horsemen and not self.absolutes and len(self.parts) == 3


def read_startup(text: str, horsemen: Sequence[Mapping], parts: Sequence[Mapping]) -> StartupReading:
    """Which horsemen a start-up sounds like, and which parts of a gentle start-up it has.

    ``horsemen`` and ``parts``: items with ``key`` and ``cues`` (from the content data). The
    same reading serves the harsh version (its horsemen) and the rewrite (its parts, and any
    horseman or absolute still in it). "You always" is criticism wherever it comes; a lone
    "always" is reported as an absolute.
    """
    heard = {h["key"]: found for h in horsemen if (found := find_affirmed(text, h["cues"]))}
    present = {p["key"]: found for p in parts if (found := find_affirmed(text, p["cues"]))}
    absolutes = [a for a in find_phrases(text, ABSOLUTES) if a not in ("ever",)]
    return StartupReading(heard, absolutes, present)
