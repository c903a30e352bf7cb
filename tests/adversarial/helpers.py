"""Shared pieces for the hostile-input tests: the data folder as bytes, widget walking."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import ipywidgets as w


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (relative path -> bytes); lock files are left out."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.endswith(".lock")}


def walk(widget: w.Widget) -> Iterator[w.Widget]:
    """The widget and everything inside it, depth first, in display order."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def upload(view_upload: w.FileUpload, name: str, raw: bytes) -> None:
    """Give a FileUpload a file the way ipywidgets 8 does when the participant picks one."""
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    view_upload.value = ({"name": name, "type": "application/json", "size": len(raw),
                          "content": memoryview(raw), "last_modified": when},)
