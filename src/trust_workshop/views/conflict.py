"""Conflict skills: the gentle start-up rewriter. Its wording, horsemen, antidotes, cues and
examples are content data (``gentle_startup`` in exercises.yaml); the reading of the
participant's words is in ``model.startup``.
"""

from __future__ import annotations

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model import startup
from trust_workshop.model.contents import entry_key
from trust_workshop.views import registry
from trust_workshop.views.panel import Panel, esc, paragraph, saved_list, textarea

_PICK = "Pick an example …"


class GentleStartup(Panel):
    """A harsh start-up, the horsemen heard in it with their antidotes, and a gentle rewrite;
    finished pairs are saved as a list, like the I-statement rewriter's.

    What is in the two boxes saves as it is typed too, as a last item marked ``draft``, so a
    restart before "Save" loses nothing; a draft is never listed as a saved start-up.
    """

    key = entry_key("exercise", "gentle_startup")

    def __init__(self) -> None:
        data = content.exercise("gentle_startup")
        self._saved: list[dict] = []
        self._harsh: w.Textarea | None = None  # the two boxes, made by build()
        self._gentle: w.Textarea | None = None
        super().__init__(data["title"], data["intro"])

    def _examples(self) -> list[dict]:
        examples = content.exercise("gentle_startup", self.context)["examples"]
        mine = [e for e in examples if e["context"] == (self.context or "couple")]
        return mine + [e for e in examples if e not in mine]

    def build(self) -> list[w.Widget]:
        entries = [s for s in self.saved([]) if isinstance(s, dict)]
        self._saved = [s for s in entries if isinstance(s.get("gentle"), str) and s.get("draft") is not True]
        # The boxes come back as they were left: the unsaved draft, else the start-up last saved.
        draft = next((s for s in reversed(entries) if s.get("draft") is True), self._saved[-1] if self._saved else {})
        examples = self._examples()
        self._pick = w.Dropdown(options=[_PICK, *(e["harsh"] for e in examples)], value=_PICK,
                                description="Example:", style={"description_width": "initial"},
                                layout=w.Layout(width="100%", max_width="44em"))
        self._harsh = textarea("What came out, or might have", _text(draft.get("harsh")), examples[0]["harsh"], rows=3)
        self._gentle = textarea("My gentle start-up", _text(draft.get("gentle")), examples[0]["gentle"], rows=4)
        self._heard = w.HTML()
        self._parts = w.HTML()
        self._keep = w.Button(description="Save this gentle start-up", icon="save", tooltip="Add it to your list")
        self._keep.on_click(lambda _: self._save_one())
        self._pick.observe(lambda ch: self._picked(ch["new"]), names="value")
        self._harsh.observe(lambda _: self._typed(self._read_harsh), names="value")
        self._gentle.observe(lambda _: self._typed(self._read_gentle), names="value")
        self._list = w.HTML()
        self._read_harsh()
        self._read_gentle()
        self._draw_list()
        return [self._pick, self._harsh, self._heard, self._gentle, self._parts, w.HBox([self._keep]), self._list]

    def _typed(self, read) -> None:
        read()
        self.save_soon()

    def _draft(self) -> dict | None:
        """The boxes as they are now, to bring back after a restart; None when there is nothing to
        keep, or when they hold the start-up just saved (build() brings that one back)."""
        harsh, gentle = self._harsh.value if self._harsh else "", self._gentle.value if self._gentle else ""
        if not (harsh.strip() or gentle.strip()):
            # Emptied after a save: an empty draft says so, or the last start-up would come back.
            return {"harsh": "", "gentle": "", "draft": True} if self._saved else None
        if self._saved and self._saved[-1].get("harsh") == harsh and self._saved[-1].get("gentle") == gentle:
            return None
        return {"harsh": harsh, "gentle": gentle, "draft": True}

    def _reading(self, text: str) -> startup.StartupReading:
        data = content.exercise("gentle_startup", self.context)
        return startup.read_startup(text, data["horsemen"], data["parts"])

    def _picked(self, harsh: str) -> None:
        if harsh != _PICK:
            self._harsh.value = harsh

    def _read_harsh(self) -> None:
        data = content.exercise("gentle_startup", self.context)
        words = data["feedback"]
        if not self._harsh.value.strip():
            self._heard.value = ""
            return
        reading = self._reading(self._harsh.value)
        if not reading.horsemen:
            self._heard.value = paragraph(words["none_heard"], "tw-muted")
            return
        rows = []
        for h in data["horsemen"]:
            if h["key"] in reading.horsemen:
                phrases = ", ".join(f"“{esc(p)}”" for p in reading.horsemen[h["key"]])
                rows.append(f"<li><b>{esc(h['name'])}</b> ({phrases}): {esc(h['what'])} "
                            f"<br><i>What helps instead: {esc(h['antidote_name'])}.</i> {esc(h['antidote'])}</li>")
        self._heard.value = f"<p><b>{esc(words['heard'])}</b></p><ul>{''.join(rows)}</ul>"

    def _read_gentle(self) -> None:
        data = content.exercise("gentle_startup", self.context)
        words = data["feedback"]
        if not self._gentle.value.strip():
            self._parts.value = ""
            return
        reading = self._reading(self._gentle.value)
        rows = []
        for part in data["parts"]:
            found = part["key"] in reading.parts
            mark = "<span class='tw-yes'>✓</span>" if found else "<span class='tw-no'>○</span>"
            state = words["found"] if found else words["not_found"]
            rows.append(f"<li>{mark} <b>{esc(part['name'])}</b> ({esc(state)}): {esc(part['what'])}</li>")
        still = [f"“{esc(p)}”" for found in reading.horsemen.values() for p in found]
        still += [f"“{esc(a)}”" for a in reading.absolutes if not any(a in p for p in still)]
        warning = paragraph(f"{words['still_heard']} {', '.join(still)}.") if still else ""
        self._parts.value = (f"<p><b>{esc(words['rewrite_parts'])}</b></p><ul class='tw-checks'>{''.join(rows)}</ul>"
                             + warning + paragraph(words["note"], "tw-muted"))

    def _save_one(self) -> None:
        if not self._gentle.value.strip():
            self.show("Write your gentle version first.", "tw-warning")
            return
        data = content.exercise("gentle_startup", self.context)
        heard = self._reading(self._harsh.value).horsemen
        names = ", ".join(h["name"] for h in data["horsemen"] if h["key"] in heard)
        self._saved.append({"harsh": self._harsh.value, "heard": names, "gentle": self._gentle.value})
        self._draw_list()
        self.save_value()

    def _draw_list(self) -> None:
        self._list.value = saved_list("My saved gentle start-ups", [s["gentle"] for s in self._saved])

    @property
    def value(self) -> list[dict]:
        """The saved start-ups, then the boxes' unsaved text (marked ``draft``) if there is any."""
        draft = self._draft() if self._harsh is not None else None
        return [*self._saved, *([draft] if draft else [])]

    def saved_start_ups(self) -> list[dict]:
        """The start-ups the participant chose to save, without the draft in the boxes."""
        return list(self._saved)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def gentle_startup() -> GentleStartup:
    """The gentle start-up rewriter: which of the four horsemen a harsh start-up sounds like, and a gentle rewrite."""
    return GentleStartup()


def _gentle_startup_worksheet(key: str) -> dict:
    ex = content.exercise(key)
    names = ", ".join(h["name"].lower() for h in ex["horsemen"])
    first = ex["examples"][0]
    return {"kind": "fields", "title": ex["title"],
            "intro": f"For example, \"{first['harsh']}\" could become \"{' '.join(first['gentle'].split())}\"",
            "fields": [{"label": "What came out, or might have", "lines": 2},
                       {"label": f"Which of the four horsemen I hear in it ({names})", "lines": 1},
                       {"label": "My gentle start-up: I feel ... about ... and I need ...", "lines": 3}]}


registry.register("gentle_startup", gentle_startup, _gentle_startup_worksheet)
