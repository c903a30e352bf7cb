"""Reading a participant's own words: apology components, excuse phrases, I-statements.

These are gentle, transparent heuristics: they look for phrases listed in the content data
and say which they found. They never judge a person, and the views always say that the
participant knows better than the tool what their words mean.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

MAX_TEXT = 20_000  # far more than any draft; keeps the regexes fast on pasted essays

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"})


def normalise(text: str) -> str:
    """Lower case, straight apostrophes, single spaces, no control characters."""
    text = unicodedata.normalize("NFKC", str(text)[:MAX_TEXT]).translate(_APOSTROPHES)
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    return " ".join(text.casefold().split())


def _pattern(phrase: str) -> re.Pattern[str]:
    words = normalise(phrase)
    return re.compile(r"(?<![\w'])" + re.escape(words).replace(r"\ ", r"\s+") + r"(?![\w'])")


def find_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases (as given) that occur in the text as whole words, in the order given."""
    clean = normalise(text)
    return [p for p in phrases if normalise(p) and _pattern(p).search(clean)]


# --- apologies ------------------------------------------------------------------------


@dataclass(frozen=True)
class ApologyReading:
    covered: dict[str, list[str]]          # component key -> the cue phrases found
    missing: list[str]                     # component keys not found, in the data's order
    excuses: list[tuple[str, str]] = field(default_factory=list)  # (phrase, why)

    @property
    def count(self) -> int:
        return len(self.covered)


def read_apology(draft: str, components: Sequence[Mapping], excuse_phrases: Sequence[Mapping]) -> ApologyReading:
    """Which of the apology components a draft seems to include, and which excuse phrases it uses.

    ``components``: items with ``key`` and ``cues``; ``excuse_phrases``: items with
    ``phrase`` and ``why`` (from the content data).
    """
    covered: dict[str, list[str]] = {}
    for comp in components:
        found = find_phrases(draft, comp["cues"])
        if found:
            covered[comp["key"]] = found
    missing = [c["key"] for c in components if c["key"] not in covered]
    by_phrase = {e["phrase"]: e["why"] for e in excuse_phrases}
    excuses = [(p, by_phrase[p]) for p in find_phrases(draft, by_phrase)]
    return ApologyReading(covered, missing, excuses)


# --- I-statements -----------------------------------------------------------------------

ABSOLUTES = ("always", "never", "constantly", "every single time", "every time", "ever", "all the time")
BLAME = ("you make me", "you made me", "it's your fault", "it is your fault", "because of you", "you're so",
         "you are so", "what's wrong with you", "you should")


@dataclass(frozen=True)
class AccusationReading:
    """What an accusation contains, and a first draft of the situation part."""

    starts_with_you: bool
    absolutes: list[str]
    blame: list[str]
    situation: str
    feeling: str


_NEVER = re.compile(r"\byou\s+never\s+(\w+)")
_MAKE_FEEL = re.compile(r"\byou\s+(?:make|made)\s+me\s+(?:feel\s+)?(?:so\s+|really\s+|very\s+)?"
                        r"([a-z' -]{2,30}?)(?:\s+(?:when|whenever|if)\s+(.*?))?(?:[.!?,]|$)")


def read_accusation(text: str) -> AccusationReading:
    """Split a "you" accusation into what can become an I-statement.

    The situation draft keeps the behaviour but drops absolutes ("always"; "never" becomes
    "don't") and blame, e.g. "You never listen to me!" -> "you don't listen to me", and
    "You always make me feel stupid when we talk about money" -> feeling "stupid",
    situation "we talk about money". The participant edits both: a starting point only.
    """
    clean = normalise(text)
    absolutes = find_phrases(clean, ABSOLUTES)
    core = _NEVER.sub(lambda m: f"you don't {m.group(1)}", clean)
    for phrase in sorted(ABSOLUTES, key=len, reverse=True):
        core = re.sub(rf"(?<![\w']){re.escape(phrase)}(?![\w'])", " ", core)
    core = " ".join(core.split())
    blame = sorted(set(find_phrases(clean, BLAME)) | set(find_phrases(core, BLAME)), key=BLAME.index)
    feeling, situation = "", core
    made_feel = _MAKE_FEEL.search(core)
    if made_feel:
        feeling = made_feel.group(1).strip()
        situation = (made_feel.group(2) or "").strip()
    situation = " ".join(re.sub(r"[!?.]+", " ", situation).split()).strip(" ,;:-")
    return AccusationReading(
        starts_with_you=bool(re.match(r"(you|you're|your)\b", clean)),
        absolutes=absolutes,
        blame=blame,
        situation=situation,
        feeling=feeling,
    )


def i_statement(template: str, feeling: str, situation: str, need: str) -> str:
    """The finished I-statement, or an empty string until all three parts are there."""
    parts = {k: " ".join(str(v).split()).rstrip(".!?") for k, v in
             (("feeling", feeling), ("situation", situation), ("need", need))}
    if not all(parts.values()):
        return ""
    return template.format(**parts)
