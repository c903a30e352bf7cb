"""The cast (``cast.yaml``) is the only set of people named in participant-facing text.

The check reads the markdown of every participant notebook and the participant-facing content
data, and looks for capitalised words that do not start a sentence, a line, a list item, a table
cell, a link's text or a quotation. Each one must be a cast member's name, a word from the
sources (researchers, models and their phases: ``sources.yaml``), a glossary term, or an
ordinary capitalised word listed in ``tests/data/capitalised_words.yaml`` (days, months,
products...). Words in capitals (EFT, PREP, HR) are taken as abbreviations and left alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml

from trust_workshop import content
from trust_workshop.content import cast as cast_data
from trust_workshop.content import filled, glossary, sources

ROOT = Path(__file__).resolve().parents[1]
WORKSHOP = sorted((ROOT / "workshop").glob("*.ipynb"))
# Content files a participant reads (on screen, in a handout or on a card). Facilitator-only files
# (session plans, paperwork) and the crisis services' names are not examples and are left out.
PARTICIPANT_DATA = ("stages", "checkins", "pulse", "prompts", "contexts", "roles", "safety", "exercises",
                    "labels", "compare", "cast")

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:[-'’][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
_ENDS_SENTENCE = set(".!?…")
_OPENS = set("“‘([")


def _plain(markdown: str) -> str:
    """Markdown with code, comments, tags, link targets and emphasis taken out; a tag or a
    link's opening bracket becomes a line break, so what follows counts as a start."""
    text = re.sub(r"```.*?```", "\n", markdown, flags=re.S)
    text = re.sub(r"`[^`\n]*`", " ", text)
    text = re.sub(r"<!--.*?-->", "\n", text, flags=re.S)
    text = re.sub(r"<[^>\n]+>", "\n", text)
    text = re.sub(r"\]\([^)\s]*\)", "]", text)
    text = re.sub(r"https?://\S+", " ", text)
    text = text.replace("[", "\n").replace("]", " ")
    return re.sub(r"[*_]", "", text)


def _segments(markdown: str) -> Iterator[str]:
    """Lines and table cells, without heading, quote and list markers."""
    for line in _plain(markdown).splitlines():
        for cell in line.split("|"):
            yield re.sub(r"^\s*(?:#+|>|[-+•]|\d+[.)])?(?:\s*>)?\s*", "", cell)


def _starts(gap: str) -> bool:
    """Whether the text between two words puts the second at the start of a sentence or quotation."""
    if any(ch in _ENDS_SENTENCE for ch in gap) or any(ch in _OPENS for ch in gap):
        return True
    # A straight quote opens a quotation when it follows a space (or starts the gap after a dash).
    return any(ch in "\"'" and i > 0 and (gap[i - 1].isspace() or gap[i - 1] in "—–-") for i, ch in enumerate(gap))


def capitalised_words(markdown: str) -> Iterator[str]:
    """The capitalised words of some markdown that are not at a start (sentence, line, list
    item, table cell, link text or quotation) and are not all capitals."""
    for segment in _segments(markdown):
        end = None
        for match in _WORD.finditer(segment):
            word, gap = match.group(), segment[end:match.start()] if end is not None else None
            end = match.end()
            at_start = gap is None or _starts(gap)
            for i, part in enumerate(re.split(r"['’]", word)[0].split("-")):
                if len(part) < 2 or not part[0].isupper() or part.isupper() or (i == 0 and at_start):
                    continue  # a start, a single letter ("I", "A"), or capitals (EFT, PREP)
                yield part


def _allowed() -> set[str]:
    words = set(yaml.safe_load((ROOT / "tests" / "data" / "capitalised_words.yaml").read_text("utf-8"))["words"])
    words |= cast_data.names()
    for text in (*sources.words(), *(t.term for t in glossary.terms())):
        words |= {part for word in _WORD.findall(text) for part in word.split("-")}
    return words | {w + "s" for w in words}


def _without_first_names(text: str) -> str:
    """A researcher's full name ("Roger Mayer") becomes the surname, so a first name alone still counts."""
    for person in sorted([*sources.people(), "John and Julie Gottman"], key=len, reverse=True):
        text = re.sub(r"\s+".join(map(re.escape, person.split())), person.split()[-1], text)
    return text


def _texts() -> Iterator[tuple[str, str]]:
    """(where, markdown) for every participant notebook's markdown cells and every participant data text."""
    for path in WORKSHOP:
        for i, cell in enumerate(json.loads(path.read_text("utf-8"))["cells"]):
            if cell["cell_type"] == "markdown":
                yield f"{path.name} cell {i}", "".join(cell["source"])
    for name in PARTICIPANT_DATA:
        for _, text in filled.strings(content.raw(name)):
            yield f"{name}.yaml", text


# Words for family members that name someone when capitalised ("Mum said"): the family in the
# cast is Jordan and his dad, who is always "his dad" or "Jordan's dad".
FAMILY_NAMES = {"Mum", "Mom", "Mummy", "Mommy", "Dad", "Daddy", "Nan", "Nana", "Gran", "Granny", "Grandma",
                "Grandad", "Grandpa", "Auntie", "Aunty"}


@cache
def strangers() -> dict[str, set[str]]:
    """Capitalised words that are not allowed, by the notebook or data file they are in.

    A capitalised word whose lowercase form is used elsewhere in the same texts is an ordinary
    word ("Your", after a colon), not a name, unless it names a family member ("Mum")."""
    texts = [(where, _without_first_names(text)) for where, text in _texts()]
    ordinary = {w for _, text in texts for w in _WORD.findall(_plain(text)) if w.islower()}
    allowed = _allowed()
    found: dict[str, set[str]] = {}
    for where, text in texts:
        for word in capitalised_words(text):
            if word in allowed or (word.lower() in ordinary and word not in FAMILY_NAMES):
                continue
            found.setdefault(where.split(" cell ")[0], set()).add(word)
    return found


def _report(found: dict[str, set[str]]) -> str:
    return "\n".join(f"  {where}: {', '.join(sorted(words))}" for where, words in sorted(found.items()))


def test_the_cast_is_one_pair_per_context() -> None:
    assert [p.context for p in cast_data.cast()] == list(content.CONTEXT_KEYS)
    assert cast_data.names() == {"Ana", "Tom", "Jordan", "Priya", "Leah", "Mark", "Kofi"}
    dad = cast_data.pair("family").person("broke")
    assert dad.name is None and dad.called == "his dad"
    assert cast_data.pair("family").person("hurt").age == "seventeen"
    assert {p.person("hurt").name for p in cast_data.cast()} == {"Ana", "Jordan", "Priya", "Kofi"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Ana and Tom talk.", ["Tom"]),
    ("When Ana asked, Maya said no.", ["Ana", "Maya"]),
    ("- Maya is first in the list item. So is Sam here.", ["Sam"]),
    ('He said, "Sam was there" and left.', []),
    ("Next comes [Acknowledge and apologise](02-acknowledge-and-apologise.ipynb).", []),
    ("**Partners:** Maya and Sam", ["Maya", "Sam"]),
    ("| Ravi | a note about Dev |", ["Dev"]),
    ("Drawing on EFT and PREP, and Dana's letter. I'll go.", ["Dana"]),
    ("`form(\"Maya\")` is code, <!-- Sam --> a comment.", []),
])
def test_the_check_finds_names_in_the_middle_of_sentences(text: str, expected: list[str]) -> None:
    assert list(capitalised_words(text)) == expected


@pytest.mark.parametrize("path", WORKSHOP, ids=lambda p: p.name)
def test_each_participant_notebook_names_only_the_cast(path: Path) -> None:
    words = strangers().get(path.name)
    assert not words, (f"{path.name} names people who are not in the cast (cast.yaml), or uses a capitalised "
                       "word the check does not know (add ordinary words to tests/data/capitalised_words.yaml): "
                       + ", ".join(sorted(words)))


def test_participant_content_data_names_only_the_cast() -> None:
    found = {where: words for where, words in strangers().items() if where.endswith(".yaml")}
    assert not found, "Content data names people who are not in the cast (cast.yaml):\n" + _report(found)
