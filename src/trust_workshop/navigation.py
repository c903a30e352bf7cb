"""Previous / contents / next links and the contents table, generated from one order.

The order comes from the stage data (``stages.yaml``); a notebook only links to
notebooks that exist. Each notebook's last markdown cell starts with the marker
``<!-- navigation -->`` and holds the generated links; the welcome notebook's
"Contents" cell holds ``<!-- contents -->`` and the generated table. Run::

    python -m trust_workshop.navigation workshop facilitator          # rewrite the links
    python -m trust_workshop.navigation workshop facilitator --check  # exit 1 if any are stale

Each folder is a course of its own: its notebooks link only to each other.

A test runs the check, so a renamed or added notebook cannot leave a broken link.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from trust_workshop import content

MARKER = "<!-- navigation -->"
CONTENTS_MARKER = "<!-- contents -->"
CONTENTS_ANCHOR = "Contents"
NAME = re.compile(r"^(\d{2})-[a-z0-9-]+\.ipynb$")


def notebook_order(folder: Path) -> list[str]:
    """The workshop notebooks that exist, in course order (stage notebooks first, by number)."""
    present = sorted(p.name for p in folder.glob("*.ipynb") if NAME.match(p.name))
    known = [f"{s.notebook}.ipynb" for s in content.stages()]
    ordered = [n for n in known if n in present]
    return ordered + [n for n in present if n not in ordered]


def _title(filename: str, folder: Path) -> str:
    stem = filename.removesuffix(".ipynb")
    for s in content.stages():
        if s.notebook == stem:
            return f"{s.number}. {s.title}"
    nb = json.loads((folder / filename).read_text("utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "markdown":
            first = "".join(cell.get("source", "")).strip().splitlines()[0]
            return first.lstrip("# ").strip()
    return stem


def navigation_markdown(filename: str, folder: Path) -> str:
    """The links cell for one notebook: one link to a line, each link the whole of its line, so
    it reads as a link without relying on colour (axe: link-in-text-block), even on a page with
    no widgets to bring the workshop's styles."""
    order = notebook_order(folder)
    i = order.index(filename)
    parts = []
    if i > 0:
        parts.append(f"- [← Previous: {_title(order[i - 1], folder)}]({order[i - 1]})")
    parts.append(f"- [Contents]({order[0]}#{CONTENTS_ANCHOR})")
    if i + 1 < len(order):
        parts.append(f"- [Next: {_title(order[i + 1], folder)} →]({order[i + 1]})")
    end = "" if i + 1 < len(order) else "\n\nThis is the end of the course notebooks."
    return f"{MARKER}\n---\n" + "\n".join(parts) + end


def contents_markdown(folder: Path) -> str:
    """The contents table: every stage, linked where its notebook exists."""
    present = set(notebook_order(folder))
    rows = []
    for s in content.stages():
        name = f"{s.notebook}.ipynb"
        title = f"[{s.title}]({name})" if name in present else f"{s.title} (coming soon)"
        rows.append(f"| {s.number} | {title} | {s.tagline} |")
    taglines = {f"{o['notebook']}.ipynb": o["tagline"] for o in content.raw("stages").get("other_notebooks", [])}
    for name in notebook_order(folder):
        if not any(name == f"{s.notebook}.ipynb" for s in content.stages()):
            rows.append(f"| | [{_title(name, folder)}]({name}) | {taglines.get(name, '')} |")
    return "\n".join([f"## {CONTENTS_ANCHOR}", "", CONTENTS_MARKER, "",
                      "| Stage | Notebook | In a sentence |", "|---|---|---|", *rows])


def _cells(nb: dict, marker: str) -> list[dict]:
    return [cell for cell in nb.get("cells", [])
            if cell.get("cell_type") == "markdown" and marker in "".join(cell.get("source", ""))]


def _expected(name: str, nb: dict, folder: Path) -> list[tuple[dict | None, str]]:
    """(cell, the text it should hold) for each generated cell of one notebook."""
    nav = [c for c in _cells(nb, MARKER) if "".join(c["source"]).startswith(MARKER)]
    pairs: list[tuple[dict | None, str]] = [(nav[0] if nav else None, navigation_markdown(name, folder))]
    pairs += [(cell, contents_markdown(folder)) for cell in _cells(nb, CONTENTS_MARKER)]
    return pairs


def stale(folder: Path) -> list[str]:
    """Notebooks whose navigation or contents cell is missing or out of date."""
    out = []
    for name in notebook_order(folder):
        nb = json.loads((folder / name).read_text("utf-8"))
        if any(cell is None or "".join(cell["source"]) != text for cell, text in _expected(name, nb, folder)):
            out.append(name)
    return out


def write(folder: Path) -> list[str]:
    """Rewrite every notebook's generated cells; returns the notebooks changed."""
    changed = []
    for name in stale(folder):
        path = folder / name
        nb = json.loads(path.read_text("utf-8"))
        for cell, text in _expected(name, nb, folder):
            if cell is None:
                raise SystemExit(f"{name} has no cell starting with {MARKER}; add one at the end.")
            cell["source"] = text
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        changed.append(name)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*", default=[Path("workshop")], metavar="folder",
                        help="folders of notebooks, each linked on its own (default: workshop)")
    parser.add_argument("--check", action="store_true", help="only report stale links")
    args = parser.parse_args(argv)
    if args.check:
        bad = [folder / name for folder in args.folders for name in stale(folder)]
        for path in bad:
            print(f"stale navigation: {path}")
        return 1 if bad else 0
    for folder in args.folders:
        for name in write(folder):
            print(f"updated {folder / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
