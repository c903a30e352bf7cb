"""Notebook 11, "Words we use", written from ``glossary.yaml``.

The glossary's terms live in ``content/data/glossary.yaml``; the notebook is generated, like the
navigation links, so the two cannot drift. Run::

    python -m trust_workshop.glossary --write                 # rewrite workshop/11-glossary.ipynb
    python -m trust_workshop.glossary --check                 # exit 1 if the notebook is stale
    python -m trust_workshop.glossary --merge notes/glossary-*.yaml --write
                                                              # add terms from other files first

A test runs the check, and another checks that every link to ``11-glossary.ipynb#Anchor`` in any
notebook points at a term.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

import yaml

from trust_workshop import content, navigation
from trust_workshop.content import glossary

MARKER = "<!-- glossary: generated from glossary.yaml by python -m trust_workshop.glossary --write -->"
TITLE = "# Words we use"
INTRO = ("Here are the words this course uses that may be new to you, each in plain words. A notebook "
         "explains a word the first time it comes up; this page is for when you want to look one up "
         "again. The words are in alphabetical order.")
DATA = Path(content.__file__).parent / "data" / "glossary.yaml"


def _where(stem: str, folder: Path) -> str:
    name = f"{stem}.ipynb"
    title = navigation._title(name, folder) if (folder / name).exists() else stem
    return f"[{title}]({name})"


def glossary_markdown(folder: Path) -> str:
    """The notebook's one cell of terms: title, intro, then a ``## Term`` heading per term
    (straight under the page's ``#`` title, so no heading level is skipped)."""
    parts = [TITLE, "", MARKER, "", _wrap(INTRO)]
    for t in glossary.terms():
        parts += ["", f"## {t.heading}", "", _wrap(t.plain), "", f"*First explained in {_where(t.first, folder)}.*"]
    return "\n".join(parts)


def _wrap(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), width=96, break_long_words=False, break_on_hyphens=False)


def _lines(text: str) -> list[str]:
    lines = text.split("\n")
    return [line + "\n" for line in lines[:-1]] + [lines[-1]]


def notebook(folder: Path) -> dict:
    """The whole notebook: the terms cell, and a navigation cell that ``navigation`` fills in."""
    path = folder / glossary.NOTEBOOK
    nav = navigation.MARKER
    if path.exists():
        old = json.loads(path.read_text("utf-8"))
        nav = next(("".join(c["source"]) for c in old["cells"] if "".join(c["source"]).startswith(navigation.MARKER)),
                   nav)
    return {
        "cells": [{"cell_type": "markdown", "id": "glossary-terms", "metadata": {},
                   "source": _lines(glossary_markdown(folder))},
                  {"cell_type": "markdown", "id": "navigation", "metadata": {}, "source": _lines(nav)}],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
                     "language_info": {"name": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def stale(folder: Path) -> bool:
    """Whether notebook 11's terms cell is missing or differs from the data."""
    path = folder / glossary.NOTEBOOK
    if not path.exists():
        return True
    cells = json.loads(path.read_text("utf-8"))["cells"]
    if not cells or cells[0].get("id") != "glossary-terms":
        return True
    return "".join(cells[0]["source"]) != glossary_markdown(folder)


def write(folder: Path) -> bool:
    """Rewrite notebook 11 from the data; returns whether it changed. Run navigation afterwards."""
    if not stale(folder):
        return False
    (folder / glossary.NOTEBOOK).write_text(json.dumps(notebook(folder), indent=1, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    return True


def merge(paths: list[Path], data: Path = DATA) -> tuple[list[str], list[str]]:
    """Add terms from other YAML files (each a list of ``term``, ``plain``, ``first``) to the data
    file, keeping its comments. Returns (terms added, terms already there and left as they are)."""
    have = {str(t["term"]).casefold() for t in yaml.safe_load(data.read_text("utf-8"))["terms"]}
    added, kept, blocks = [], [], []
    for path in paths:
        for item in yaml.safe_load(path.read_text("utf-8")) or []:
            term = str(item["term"]).strip()
            if term.casefold() in have:
                kept.append(term)
                continue
            have.add(term.casefold())
            added.append(term)
            plain = " ".join(str(item["plain"]).split())
            blocks.append(f"  - term: {json.dumps(term, ensure_ascii=False)}\n"
                          f"    plain: {json.dumps(plain, ensure_ascii=False)}\n"
                          f"    first: {item['first']}\n")
    if blocks:
        text = data.read_text("utf-8").rstrip("\n") + "\n" + "".join(blocks)
        content.validator("glossary")(yaml.safe_load(text))  # a merged term that breaks the schema stops here
        data.write_text(text, encoding="utf-8")
        if data == DATA:
            content.raw.cache_clear()
            glossary.terms.cache_clear()
    return added, kept


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path("workshop"), help="the participant notebooks")
    parser.add_argument("--merge", type=Path, nargs="+", default=[], metavar="yaml",
                        help="add the terms in these files to glossary.yaml (existing terms are kept)")
    parser.add_argument("--write", action="store_true", help="rewrite notebook 11 from the data")
    parser.add_argument("--check", action="store_true", help="exit 1 if notebook 11 is stale")
    args = parser.parse_args(argv)
    if args.merge:
        added, kept = merge(args.merge)
        print(f"added {len(added)} terms: {', '.join(added) or '-'}")
        print(f"already there, left as they are: {', '.join(kept) or '-'}")
    if args.check:
        if stale(args.folder):
            print(f"stale glossary: {args.folder / glossary.NOTEBOOK}")
            return 1
        return 0
    if args.write and write(args.folder):
        print(f"updated {args.folder / glossary.NOTEBOOK}; now run python -m trust_workshop.navigation")
    return 0


if __name__ == "__main__":
    sys.exit(main())
