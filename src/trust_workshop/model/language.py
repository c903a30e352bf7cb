"""Reading a participant's own words: apology components, excuse phrases, I-statements.

These are gentle, transparent heuristics: they look for phrases listed in the content data
and say which they found. They never judge a person, and the views always say that the
participant knows better than the tool what their words mean.
"""

from __future__ import annotations

import bisect
import functools
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


# Text-message spellings read as their full forms, so "im sorry" and "u" count like "I'm sorry" and "you".
_SHORTHAND = {"u": "you", "ur": "your", "im": "i'm", "ive": "i've", "dont": "don't", "didnt": "didn't",
              "doesnt": "doesn't", "wasnt": "wasn't", "werent": "weren't", "cant": "can't", "wont": "won't",
              "shouldnt": "shouldn't", "wouldnt": "wouldn't", "couldnt": "couldn't", "isnt": "isn't",
              "hadnt": "hadn't", "havent": "haven't", "thats": "that's", "youre": "you're", "theres": "there's",
              "tho": "though", "pls": "please", "plz": "please", "sry": "sorry", "srry": "sorry", "soz": "sorry",
              "gonna": "going to", "wanna": "want to"}
# Long forms read as short ones, in the draft and in the cues alike, so one cue covers both.
_CONTRACTIONS = [(re.compile(rf"(?<![\w']){long}(?![\w'])"), short) for long, short in (
    ("i am", "i'm"), ("i have", "i've"), ("i will", "i'll"), ("i would", "i'd"), ("will not", "won't"),
    ("do not", "don't"), ("did not", "didn't"), ("was not", "wasn't"), ("is not", "isn't"), ("cannot", "can't"),
    ("can not", "can't"), ("should not", "shouldn't"), ("would not", "wouldn't"), ("have not", "haven't"),
    ("it is", "it's"), ("that is", "that's"), ("you are", "you're"))]
# Words that only strengthen what follows are skipped after "I": "I deeply regret" reads as "I regret".
_FILLER = re.compile(r"(?<![\w'])(i|i'm|i've|i'll|i'd|won't)\s+(?:really|truly|deeply|genuinely|sincerely|honestly|"
                     r"just|also|completely|totally|absolutely|so|very|ever|actually|now)(?![\w'])")
_ILL = re.compile(r"(?<![\w'])(?<!feel )(?<!felt )(?<!was )(?<!been )(?<!so )(?<!very )(?<!fell )(?<!am )ill(?![\w'])")


def canonical(text: str) -> str:
    """:func:`normalise`, then text-message spellings, contractions and filler words read one way."""
    words = re.sub(r"[\w']+", lambda m: _SHORTHAND.get(m.group(0), m.group(0)), normalise(text))
    words = _ILL.sub("i'll", words)
    for long, short in _CONTRACTIONS:
        words = long.sub(short, words)
    for _ in range(2):  # "I'm really so sorry"
        words = _FILLER.sub(r"\1", words)
    return words


@functools.lru_cache(maxsize=4096)
def _pattern(phrase: str, canon: bool = False) -> re.Pattern[str]:
    """A phrase as a whole-word pattern; a ``*`` in it stands for one to three words.
    ``canon``: read the phrase as :func:`canonical` reads a draft."""
    words = canonical(phrase) if canon else normalise(phrase)
    body = r"\s+".join(r"[\w']+(?:\s+[\w']+){0,2}" if w == "*" else re.escape(w) for w in words.split())
    return re.compile(r"(?<![\w'])" + body + r"(?![\w'])")


def find_phrases(text: str, phrases: Iterable[str]) -> list[str]:
    """The phrases (as given) that occur in the text as whole words, in the order given."""
    clean = normalise(text)
    return [p for p in phrases if normalise(p) and _pattern(p).search(clean)]


# A clause ends at punctuation or at a word that starts a new thought; a negation before a cue
# in its own clause ("I don't think it's all on me") means the cue is not meant.
_CLAUSE_BREAK = re.compile(r"[.,;:!?()\"\u2014\u2013-]|(?<![\w'])(?:but|and|so|because|though|although|then|"
                           r"yet|while|which)(?![\w'])")
_NEGATION = re.compile(r"(?<![\w'])(?:not|never|no|nothing|nobody|cannot|hardly|without|"
                       r"[\w]+n't)(?![\w'])")


class _Clauses:
    """A normalised text with where its clauses start and where its negations are, found once."""

    def __init__(self, clean: str) -> None:
        self.text = clean
        self.breaks = [m.end() for m in _CLAUSE_BREAK.finditer(clean)]
        negations = [(m.start(), m.end()) for m in _NEGATION.finditer(clean)]
        self.neg_starts = [a for a, _ in negations]
        self.neg_ends = [b for _, b in negations]

    def negated(self, start: int) -> bool:
        """Whether a negation comes before ``start`` in the same clause."""
        i = bisect.bisect_right(self.breaks, start) - 1
        clause_start = self.breaks[i] if i >= 0 else 0
        j = bisect.bisect_left(self.neg_starts, clause_start)
        return j < len(self.neg_starts) and self.neg_ends[j] <= start

    def affirmed(self, phrase: str) -> bool:
        """Whether the phrase occurs at least once without a negation before it in its clause."""
        return any(not self.negated(m.start()) for m in _pattern(phrase, True).finditer(self.text))


def find_affirmed(text: str, phrases: Iterable[str]) -> list[str]:
    """Like :func:`find_phrases`, but a phrase only counts where it is not negated
    ("I did nothing wrong" has no "I was wrong"; "I don't think it's on me" has no "on me")."""
    clauses = _Clauses(canonical(text))
    return [p for p in phrases if normalise(p) and clauses.affirmed(p)]


# --- apologies ------------------------------------------------------------------------


@dataclass(frozen=True)
class ApologyReading:
    covered: dict[str, list[str]]          # component key -> the cue phrases found
    missing: list[str]                     # component keys not found, in the data's order
    excuses: list[tuple[str, str]] = field(default_factory=list)      # (phrase, why)
    non_apology: list[tuple[str, str]] = field(default_factory=list)  # (phrase, why): why it is not an apology
    taken_back: list[str] = field(default_factory=list)  # blame that took back the responsibility owned

    @property
    def is_apology(self) -> bool:
        """False when the draft denies, deflects or blames instead of apologising, or has nothing to read."""
        return bool(self.covered)


# "Sorry for shouting", "I'm sorry I laughed at you": saying sorry for an act named in the first
# person owns it, whatever the verb.
_NAMED_ACT = re.compile(r"(?<![\w'])(?:sorry|apologise|apologize|apology|apologies|regret|ashamed)\s+"
                        r"(?:(?:for|about)\s+(?:\w+\s+)?\w+ing(?![\w'])|(?:for|about)\s+(?:what|the\s+\w+|everything)\s+i\s+"
                        r"(?!feel|felt|think|thought)\w+|(?:that\s+)?i\s+(?!feel|felt|think|thought|"
                        r"can't|don't|am\b|was\s+(?:just|only)|meant|didn't\s+mean)[\w']+)")


def read_apology(draft: str, components: Sequence[Mapping], excuse_phrases: Sequence[Mapping],
                 non_apology_phrases: Sequence[Mapping] = ()) -> ApologyReading:
    """Which apology components a draft includes, which excuse phrases it uses, and whether it
    is an apology at all.

    ``components``: items with ``key`` and ``cues``; ``excuse_phrases``: items with ``phrase``,
    ``why`` and optionally ``blames: true``; ``non_apology_phrases``: items with ``phrase``,
    ``why`` and ``kind``, ``denial`` or ``deflection`` (all from the content data).

    The rules, in order: a cue counts only where it is not negated in its own clause. Blame
    ("you made me", "but you ...") takes back the responsibility a draft owned (listed in
    ``taken_back``), and a draft that blames is read as a defence, not an apology. A denial
    ("I did nothing wrong") makes the draft a non-apology; so does a deflection ("I'm sorry
    you feel that way", "mistakes were made") unless the draft also owns what was done in plain
    words. A non-apology is credited with no component at all.
    """
    covered: dict[str, list[str]] = {}
    clauses = _Clauses(canonical(draft))
    for comp in components:
        found = [c for c in comp["cues"] if normalise(c) and clauses.affirmed(c)]
        if comp["key"] == "responsibility":
            found += [m.group(0) for m in _NAMED_ACT.finditer(clauses.text) if not clauses.negated(m.start())][:1]
        if found:
            covered[comp["key"]] = found
    by_phrase = {e["phrase"]: e["why"] for e in excuse_phrases}
    excuses = [(p, by_phrase[p]) for p in find_affirmed(draft, by_phrase)]
    blames = find_affirmed(draft, [e["phrase"] for e in excuse_phrases if e.get("blames")])
    taken_back = blames if blames and "responsibility" in covered else []
    if blames:
        covered.pop("responsibility", None)
    found_non = {n["phrase"]: n for n in non_apology_phrases}
    hits = find_affirmed(draft, found_non) if found_non else []
    hits = [p for p in hits if not any(p != q and p in q for q in hits)]  # one reason per phrase, the longest
    denials = [p for p in hits if found_non[p]["kind"] == "denial"]
    deflections = [p for p in hits if found_non[p]["kind"] != "denial"]
    non_apology = [(p, found_non[p]["why"]) for p in hits]
    if denials or ((deflections or blames) and "responsibility" not in covered):
        covered = {}
        non_apology += [(p, by_phrase[p]) for p in blames if p not in found_non]
    else:
        non_apology = []
    missing = [c["key"] for c in components if c["key"] not in covered]
    return ApologyReading(covered, missing, excuses, non_apology, taken_back)


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
        # the feeling ends where a place, a time or a reason starts: "angry at dinner" -> "angry"
        feeling = re.split(r"\s+(?:at|in|on|about|around|with|sometimes|because|every|all)\b",
                           made_feel.group(1).strip())[0]
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
