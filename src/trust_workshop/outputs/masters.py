"""Printable masters for the facilitator: course paperwork and cut-out cards.

The wording lives in ``content/data/paperwork.yaml`` (cards that exist elsewhere, such as the
REACH steps, are read from ``exercises.yaml``), the fidelity items come from each session plan,
and crisis numbers come only from the crisis resources file. Two templates print everything:
``sheet.typ`` turns a list of simple blocks (headings, text, write-in lines, tick boxes, tables,
a private record box) into a form or guide, and ``cards.typ`` lays cards out on a cutting grid.
Each builder takes the paperwork wording as an argument, so a facilitator's own wording, or a
test's hostile one, prints through the same path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from trust_workshop import content
from trust_workshop.model import plans as pm
from trust_workshop.outputs import pdf

Wording = Mapping[str, Any]
FOLDER = "masters"


def wording() -> Wording:
    """The paperwork wording as it stands in the data file."""
    return content.raw("paperwork")


def _b(text: str) -> str:
    return pdf.breakable(text)


def _sheet(w: Wording, doc: Wording, blocks: list[dict[str, Any]], paper_size: str, *, subtitle: str = "",
           flipped: bool = False, show_title: bool = True) -> bytes:
    data = {"paper": pdf.paper(paper_size), "flipped": flipped, "title": _b(doc["title"]), "show_title": show_title,
            "subtitle": _b(subtitle), "footer": _b(w["footer"]), "blocks": blocks}
    return pdf.compile_pdf("sheet.typ", data)


def _help_block(heading: str) -> list[dict[str, Any]]:
    return [{"type": "h", "text": _b(heading)}, {"type": "help", "help": pdf._help()}]  # noqa: SLF001


def _section(sec: Wording) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = [{"type": "h", "text": _b(sec["heading"])}]
    if "text" in sec:
        out.append({"type": "p", "text": _b(sec["text"])})
    if "points" in sec:
        out.append({"type": "points", "items": [_b(p) for p in sec["points"]]})
    for line in sec.get("say", ()):
        out.append({"type": "say", "text": _b(line)})
    return out


def _fields(labels: list[str], lines: int = 1) -> dict[str, Any]:
    return {"type": "fields", "items": [{"label": _b(x), "lines": lines} for x in labels]}


# --- the documents ---------------------------------------------------------------------------


def letter(paper_size: str = "a4", w: Wording | None = None) -> bytes:
    """The pre-course information letter, with the crisis and support table."""
    w = w or wording()
    doc = w["letter"]
    blocks: list[dict[str, Any]] = [{"type": "p", "text": _b(doc["greeting"])}, {"type": "p", "text": _b(doc["intro"])}]
    for sec in doc["sections"]:
        blocks += _section(sec)
    blocks += [{"type": "p", "text": _b(doc["signoff"])}, {"type": "h", "text": _b(doc["contact_heading"])},
               *({"type": "inline", "items": [_b(x)]} for x in doc["contact_fields"])]
    blocks += _help_block(doc["help_heading"])
    return _sheet(w, doc, blocks, paper_size)


def intake(paper_size: str = "a4", w: Wording | None = None) -> bytes:
    """The intake and consent form."""
    w = w or wording()
    doc = w["intake"]
    blocks: list[dict[str, Any]] = [{"type": "note", "text": _b(doc["intro"])},
                                    {"type": "fields", "items": [{"label": _b(f["label"]), "lines": f["lines"]}
                                                                 for f in doc["fields"]]}]
    blocks += [{"type": "ticks", "label": _b(c["label"]), "options": [_b(o) for o in c["options"]]}
               for c in doc["choices"]]
    blocks += [{"type": "h", "text": _b(doc["consent_heading"])},
               {"type": "consents", "items": [_b(c) for c in doc["consents"]]},
               {"type": "inline", "items": [_b(x) for x in doc["signature_fields"]]},
               {"type": "small", "text": _b(doc["privacy_note"])}]
    return _sheet(w, doc, blocks, paper_size)


def screening_record(doc: Wording) -> dict[str, Any]:
    """The private record box of the screening guide, one per person."""
    rec = doc["record"]
    inner: list[dict[str, Any]] = [_fields(rec["fields"])]
    inner += [{"type": "ticks", "label": _b(t["label"]), "options": [_b(o) for o in t["options"]]}
              for t in rec["ticks"]]
    inner.append({"type": "fields", "items": [{"label": _b(rec["notes_label"]), "lines": rec["notes_lines"]}]})
    return {"type": "record", "title": _b(rec["title"]), "notice": _b(rec["notice"]), "blocks": inner}


def screening_guide(paper_size: str = "a4", w: Wording | None = None) -> bytes:
    """The screening conversation guide, ending with a private record to copy for each person."""
    w = w or wording()
    doc = w["screening"]
    blocks: list[dict[str, Any]] = [{"type": "p", "text": _b(doc["intro"])}]
    for sec in doc["sections"]:
        blocks += _section(sec)
    for group in doc["question_groups"]:
        blocks.append({"type": "h", "text": _b(group["heading"])})
        if "intro" in group:
            blocks.append({"type": "p", "text": _b(group["intro"])})
        blocks.append({"type": "checklist", "items": [_b(q) for q in group["questions"]]})
    blocks += [{"type": "h", "text": _b(doc["reasons_heading"])},
               {"type": "warn", "text": _b(doc["reasons_intro"]), "items": [_b(r) for r in doc["reasons"]]},
               {"type": "h", "text": _b(doc["meanings_heading"])},
               {"type": "table", "columns": [1, 1.6], "header": [], "tick": [],
                "rows": [[_b(m["hear"]), _b(m["means"])] for m in doc["meanings"]]},
               {"type": "h", "text": _b(doc["referral_heading"])},
               {"type": "points", "items": [_b(r) for r in doc["referral"]]}]
    blocks += _help_block(doc["help_heading"])
    blocks += [{"type": "pagebreak"}, screening_record(doc)]
    return _sheet(w, doc, blocks, paper_size, subtitle=doc["subtitle"])


def register(paper_size: str = "a4", w: Wording | None = None) -> bytes:
    """The attendance register: one landscape page with blank rows."""
    w = w or wording()
    doc = w["register"]
    first, last, n = doc["first_columns"], doc["last_columns"], doc["sessions"]
    header = [_b(x) for x in first] + [str(i) for i in range(1, n + 1)] + [_b(x) for x in last]
    widths = [2.2] + [1.3] * (len(first) - 1) + [0.75] * n + [1.3] * max(len(last) - 1, 0) + ([2.2] if last else [])
    dates = [_b(doc["date_label"])] + [""] * (len(header) - 1)
    rows = [dates] + [[""] * len(header) for _ in range(doc["rows"])]
    blocks = [{"type": "small", "text": _b(doc["intro"])}, {"type": "inline", "items": [_b(x) for x in doc["fields"]]},
              {"type": "table", "columns": widths, "header": header, "tick": [], "rows": rows, "height": 0.62,
               "span": {"at": len(first), "count": n, "label": _b(doc["session_label"])}}]
    return _sheet(w, doc, blocks, paper_size, flipped=True)


def fidelity_sheets(paper_size: str = "a4", w: Wording | None = None, stages: list[str] | None = None) -> bytes:
    """One fidelity sheet per stage, each item from that stage's session plan."""
    w = w or wording()
    doc = w["fidelity"]
    blocks: list[dict[str, Any]] = []
    for n, s in enumerate(content.stage(k) for k in (stages or content.stage_keys())):
        if n:
            blocks.append({"type": "pagebreak"})
        blocks += [{"type": "h1", "text": f"{_b(doc['title'])} · Stage {s.number}: {s.title}"},
                   {"type": "small", "text": _b(doc["intro"])},
                   {"type": "inline", "items": [_b(x) for x in doc["fields"]]},
                   {"type": "table", "columns": [5, 1.1, 1.1], "tick": [1, 2],
                    "header": [_b(doc["item_label"])] + [_b(c) for c in doc["columns"]],
                    "rows": [[_b(item), "", ""] for item in pm.plan(s.key)["fidelity_checklist"]]},
                   {"type": "fields", "items": [{"label": _b(doc["notes_label"]), "lines": doc["notes_lines"]}]}]
    return _sheet(w, doc, blocks, paper_size, show_title=False)


def observer_sheet(paper_size: str = "a4", w: Wording | None = None) -> bytes:
    """The observer or supervisor review sheet: how well the session was done."""
    w = w or wording()
    doc = w["observer"]
    cols = doc["columns"]
    blocks = [{"type": "small", "text": _b(doc["intro"])}, {"type": "inline", "items": [_b(x) for x in doc["fields"]]},
              {"type": "table", "columns": [4] + [1] * len(cols), "tick": list(range(1, len(cols) + 1)),
               "header": [_b(doc["area_label"])] + [_b(c) for c in cols],
               "rows": [[_b(a)] + [""] * len(cols) for a in doc["areas"]]},
              {"type": "fields", "items": [{"label": _b(q["label"]), "lines": q["lines"]} for q in doc["questions"]]}]
    return _sheet(w, doc, blocks, paper_size)


def feedback_form(paper_size: str = "a4", w: Wording | None = None) -> bytes:
    """The short anonymous feedback form."""
    w = w or wording()
    doc = w["feedback"]
    blocks = [{"type": "note", "text": _b(doc["intro"])},
              {"type": "scale", "heading": _b(doc["scale_heading"]), "low": _b(doc["scale_labels"]["1"]),
               "high": _b(doc["scale_labels"]["5"]), "items": [_b(x) for x in doc["scale_items"]]},
              {"type": "fields", "items": [{"label": _b(q["label"]), "lines": q["lines"]} for q in doc["questions"]]}]
    return _sheet(w, doc, blocks, paper_size)


# --- cards -------------------------------------------------------------------------------


def _card(c: Mapping[str, Any], big: str = "") -> dict[str, Any]:
    return {"title": _b(c.get("title", "")), "text": _b(c.get("text", "")),
            "points": [_b(p) for p in c.get("points", ())], "big": big}


def cards_of(card_set: Mapping[str, Any]) -> list[dict[str, Any]]:
    """A set's cards, in order: its own, or read from the exercise it names; then blanks."""
    out = [_card(card_set["first"])] if "first" in card_set else []
    if "cards" in card_set:
        out += [_card(c) for c in card_set["cards"]]
    else:
        ex = content.exercise(card_set["from"])
        if card_set["style"] == "steps":
            for field in ex["fields"]:
                name, _, ask = (part.strip() for part in field["label"].partition(":"))
                out.append(_card({"title": name, "text": ask[:1].upper() + ask[1:] or name}, name[:1]))
        else:
            out += [_card({"text": o}) for o in ex["options"]]
    per_page = card_set["columns"] * card_set["rows"]
    if card_set.get("blanks"):
        blank = {"title": "", "text": "", "points": [], "big": "", "blank": True}
        out += [blank] * ((-len(out) % per_page) or per_page)
    return out


def card_sheet(card_set: Mapping[str, Any], paper_size: str = "a4", w: Wording | None = None) -> bytes:
    """One set of cards, several to a page, on a grid with dashed cutting lines."""
    w = w or wording()
    data = {"paper": pdf.paper(paper_size), "title": _b(card_set["title"]), "footer": _b(w["footer"]),
            "label": _b(card_set["label"]), "use": _b(card_set["use"]), "hint": _b(card_set.get("hint", "")),
            "columns": card_set["columns"], "rows": card_set["rows"], "cards": cards_of(card_set)}
    return pdf.compile_pdf("cards.typ", data)


# --- the whole set ---------------------------------------------------------------------------


def jobs(paper_size: str = "a4", w: Wording | None = None) -> list[tuple[str, Callable[[], bytes]]]:
    """Every master as (file name inside the masters folder, a function that builds it)."""
    w = w or wording()
    docs: list[tuple[str, Callable[..., bytes]]] = [
        ("information-letter", letter), ("intake-and-consent", intake), ("screening-guide", screening_guide),
        ("attendance-register", register), ("fidelity-sheets", fidelity_sheets),
        ("observer-review-sheet", observer_sheet), ("feedback-form", feedback_form)]
    out = [(f"{name}.pdf", lambda make=make: make(paper_size, w)) for name, make in docs]
    out += [(f"cards-{cs['key'].removesuffix('-cards')}.pdf", lambda cs=cs: card_sheet(cs, paper_size, w))
            for cs in w["card_sets"]]
    return out
