"""Editorial measures of the notebooks' prose: the short path, reading level and repeats.

A participant reads the *core path* of a notebook: every markdown cell except what is folded
away under a "Read more" fold and the generated navigation links. A fold is a markdown cell
that starts with ``<details`` and ends with ``</details>``::

    <details class="tw-more">
    <summary>Read more: the four horsemen in each setting</summary>

    Ordinary **markdown** here, with blank lines around it.

    </details>

Run ``python -m trust_workshop.prose workshop`` for a table of, per notebook: core-path
words, full words, the Flesch–Kincaid grade of the core path, and how many sentences of 12
or more words appear word for word in three or more notebooks. ``make bench`` prints it too.
``--repeats`` lists those sentences; ``--check`` checks notebooks 00-08's "In short" cell and
folds (see :func:`in_short_problems` and :func:`fold_problems`), as tests/test_prose.py does.

The grade uses a plain vowel-group syllable count, so it is an estimate (within about one
grade of the published tools on ordinary English prose); it is for spotting hard passages,
not for labelling anyone's reading.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

NAVIGATION = "<!-- navigation -->"
FOLD = re.compile(r"<details\b[^>]*>.*?</details>", re.S | re.I)
TAG = re.compile(r"<[^>]+>|<!--.*?-->", re.S)
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
WORD = re.compile(r"[A-Za-z0-9\u00C0-\u024F]+(?:['’][A-Za-z]+)*")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)*_]*\s+|\n\s*\n|\n(?=\s*[-*#]|\s*\d+\.)")
READING_WPM = 200   # a relaxed reading pace for careful prose
REPEAT_MIN_WORDS = 12
REPEAT_MIN_NOTEBOOKS = 3


def _plain(markdown: str) -> str:
    """Markdown as the words a reader reads: no tags, comments or link targets."""
    text = TAG.sub(" ", markdown)
    text = LINK.sub(r"\1", text)
    text = re.sub(r"[*_`#>|]", " ", text)
    return text


def markdown_cells(path: Path) -> list[str]:
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cells = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        src = cell.get("source", "")
        src = "".join(src) if isinstance(src, list) else src
        if src.lstrip().startswith(NAVIGATION):
            continue
        cells.append(src)
    return cells


def core_text(cells: list[str]) -> str:
    """What a reader meets without opening any fold."""
    return "\n\n".join(FOLD.sub(" ", c) for c in cells)


def full_text(cells: list[str]) -> str:
    return "\n\n".join(cells)


def words(text: str) -> list[str]:
    return WORD.findall(_plain(text))


def sentences(text: str) -> list[str]:
    plain = _plain(text)
    parts = SENTENCE_END.split(plain)
    return [re.sub(r"\s+", " ", p).strip(" -") for p in parts if WORD.search(p)]


def syllables(word: str) -> int:
    w = word.lower().strip("'’")
    if not w:
        return 0
    if w.isdigit():
        return max(1, len(w) // 2)
    groups = re.findall(r"[aeiouy]+", w)
    n = len(groups)
    if w.endswith("e") and not w.endswith(("le", "ee", "ye")) and n > 1:
        n -= 1
    if w.endswith(("ed", "es")) and n > 1 and not re.search(r"[td]ed$|[sxz]es$|[cs]hes$|ges$|ces$", w):
        n -= 1
    return max(1, n)


def fk_grade(text: str) -> float:
    """Flesch–Kincaid grade level of ``text`` (0.0 for empty text)."""
    sents = sentences(text)
    ws = words(text)
    if not sents or not ws:
        return 0.0
    syl = sum(syllables(w) for w in ws)
    return round(0.39 * len(ws) / len(sents) + 11.8 * syl / len(ws) - 15.59, 1)


def reading_minutes(text: str) -> int:
    n = len(words(text))
    return max(1, -(-n // READING_WPM))


@dataclass(frozen=True)
class Measure:
    notebook: str
    core_words: int
    full_words: int
    grade: float
    repeated: int


def repeated_sentences(paths: list[Path]) -> dict[str, set[str]]:
    """Sentences of 12+ words that appear word for word in 3+ of the notebooks.

    The "In short" cell's time line ("Time: about N minutes of reading, plus about M minutes for
    the exercises.") is a form every notebook must fill in, not a repeat, so it is left out."""
    seen: dict[str, set[str]] = defaultdict(set)
    for path in paths:
        for s in sentences(full_text(markdown_cells(path))):
            if len(WORD.findall(s)) >= REPEAT_MIN_WORDS and not s.startswith("Time: about "):
                seen[s].add(Path(path).stem)
    return {s: nbs for s, nbs in seen.items() if len(nbs) >= REPEAT_MIN_NOTEBOOKS}


def measure(paths: list[Path]) -> list[Measure]:
    repeats = repeated_sentences(paths)
    out = []
    for path in paths:
        cells = markdown_cells(path)
        core = core_text(cells)
        stem = Path(path).stem
        out.append(Measure(stem, len(words(core)), len(words(full_text(cells))), fk_grade(core),
                           sum(1 for nbs in repeats.values() if stem in nbs)))
    return out


def table(measures: list[Measure]) -> str:
    rows = ["| Notebook | Core words | Full words | Grade (core) | Repeated sentences |",
            "|---|---:|---:|---:|---:|"]
    rows += [f"| {m.notebook} | {m.core_words} | {m.full_words} | {m.grade} | {m.repeated} |"
             for m in measures]
    return "\n".join(rows)


# --- the shape issue 18 asks of notebooks 00-08: an "In short" cell and well-formed folds ----------

FOLD_CELL = re.compile(r'\A<details class="tw-more">\n<summary>Read more: [^<\n]*\S[^<\n]*</summary>\n\n'
                       r'(?P<body>.*\S.*)\n\n</details>\n?\Z', re.S)
TIME = re.compile(r"\*\*Time:\*\* about (?P<n>[a-z-]+|\d+) minutes", re.I)
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen").split()
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}


def number(text: str) -> int | None:
    """A number of minutes as written: digits, or words up to ninety-nine ("twenty-five")."""
    text = text.lower()
    if text.isdigit():
        return int(text)
    if text in _UNITS:
        return _UNITS.index(text)
    tens, _, unit = text.partition("-")
    if tens in _TENS and (not unit or unit in _UNITS[1:10]):
        return _TENS[tens] + (_UNITS.index(unit) if unit else 0)
    return None


def _cells(path: Path) -> list[dict]:
    return json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def in_short_problems(path: Path) -> list[str]:
    """What is wrong with a notebook's "In short" cell (cell 1): it must start ``## In short``, hold
    three to five bullet points and "**Time:** about N minutes", with N at least the core path's
    reading time (words / 200, rounded up). An empty list when it is right."""
    cells = _cells(path)
    if len(cells) < 2 or cells[1].get("cell_type") != "markdown" or not _source(cells[1]).startswith("## In short"):
        return ["cell 1 is not a markdown cell starting '## In short'"]
    text = _source(cells[1])
    problems = []
    bullets = len(re.findall(r"^[-*] \S", text, re.M))
    if not 3 <= bullets <= 5:
        problems.append(f"'In short' has {bullets} bullet points, not three to five")
    found = TIME.search(text)
    minutes = number(found["n"]) if found else None
    if minutes is None:
        problems.append("'In short' has no '**Time:** about N minutes'")
    else:
        need = reading_minutes(core_text(markdown_cells(path)))
        if minutes < need:
            problems.append(f"'In short' says about {minutes} minutes of reading; the core path needs {need}")
    return problems


def fold_problems(path: Path) -> list[str]:
    """Markdown cells that hold ``<details`` but are not one well-formed fold: the whole cell is
    ``<details class="tw-more">``, ``<summary>Read more: …</summary>``, a blank line, the body
    (no ``#`` headings, no nested fold), a blank line and ``</details>``."""
    problems = []
    for i, cell in enumerate(_cells(path)):
        text = _source(cell)
        if cell.get("cell_type") != "markdown" or "<details" not in text:
            continue
        found = FOLD_CELL.match(text)
        if not found:
            problems.append(f"cell {i}: not a well-formed fold (see the shape in prose.py's docstring)")
        elif re.search(r"^\s{0,3}#", found["body"], re.M):
            problems.append(f"cell {i}: a fold holds a '#' heading")
        elif "<details" in found["body"] or "</details>" in found["body"]:
            problems.append(f"cell {i}: a fold inside a fold")
    return problems


def notebooks(folders: list[str]) -> list[Path]:
    return [p for f in folders for p in sorted(Path(f).glob("[0-9][0-9]-*.ipynb"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folders", nargs="*", default=["workshop"])
    parser.add_argument("--repeats", action="store_true", help="also list the repeated sentences")
    parser.add_argument("--check", action="store_true",
                        help="also check notebooks 00-08's 'In short' cell and folds; exit 1 on a problem")
    args = parser.parse_args(argv)
    paths = notebooks(args.folders)
    print(table(measure(paths)))
    if args.repeats:
        for s, nbs in sorted(repeated_sentences(paths).items()):
            print(f"- ({len(nbs)}) {s}")
    if args.check:
        found = [(p.stem, problem) for p in paths if p.stem[:2] <= "08"
                 for problem in in_short_problems(p) + fold_problems(p)]
        for stem, problem in found:
            print(f"{stem}: {problem}")
        return 1 if found else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
