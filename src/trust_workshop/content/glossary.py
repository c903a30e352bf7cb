"""Words we use (``glossary.yaml``): each term the course explains, in plain words, with the
notebook where it is first explained. Notebook 11 is written from it by
``python -m trust_workshop.glossary --write``; links to a term use :func:`anchor`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from trust_workshop.content.loader import raw

NOTEBOOK = "11-glossary.ipynb"


@dataclass(frozen=True)
class Term:
    term: str
    plain: str
    first: str  # the notebook stem where it is first explained

    @property
    def anchor(self) -> str:
        return anchor(self.term)

    @property
    def heading(self) -> str:
        """The term as a heading: its first letter capitalised."""
        return self.term[:1].upper() + self.term[1:]


def anchor(term: str) -> str:
    """A term's link anchor in notebook 11: first letter capitalised, spaces turned into ``-``
    ("decisional forgiveness" -> "Decisional-forgiveness"), as JupyterLab makes heading ids."""
    return (term[:1].upper() + term[1:]).replace(" ", "-")


def link(term: str, text: str | None = None) -> str:
    """A markdown link to a term, from a notebook beside notebook 11."""
    return f"[{text or term}]({NOTEBOOK}#{anchor(term)})"


@cache
def terms() -> tuple[Term, ...]:
    """Every term, in alphabetical order (ignoring case)."""
    found = (Term(term=t["term"], plain=t["plain"], first=t["first"]) for t in raw("glossary")["terms"])
    return tuple(sorted(found, key=lambda t: t.term.casefold()))


def problems() -> list[str]:
    """Cross-file checks: one entry per term, each anchor unique."""
    anchors = [t.anchor.casefold() for t in terms()]
    if len(set(anchors)) != len(anchors):
        return ["glossary.yaml: two terms have the same anchor"]
    return []
