"""Practice exercises with feedback: the apology builder, the I-statement rewriter and
validation practice. Their wording, components, phrases and scenarios are content data;
the reading of the participant's words is in ``model.language``.
"""

from __future__ import annotations

import ipywidgets as w

from trust_workshop import content
from trust_workshop.model import language
from trust_workshop.model.contents import entry_key
from trust_workshop.views import registry
from trust_workshop.views.lists import Checklist
from trust_workshop.views.panel import Panel, box_text, esc, line_box, paragraph, saved_list, textarea


class ApologyBuilder(Panel):
    """For the one who broke trust (or both): a draft that shows its components and excuse phrases.

    For the one who was hurt, the same call shows "what a real apology would need".
    """

    key = entry_key("exercise", "apology_builder")

    def __init__(self) -> None:
        data = content.exercise("apology_builder")
        self._draft: w.Textarea | None = None  # for the one who broke trust, or both
        super().__init__(data["title"], data["intro"])

    def build(self) -> list[w.Widget]:
        data = content.exercise("apology_builder", self.context)
        if self.role == "hurt":
            self.set_text(data["hurt_title"], data["hurt_intro"])
            self._draft = None
            self._needs = Checklist("apology_builder", options_field="hurt_options", save_as=data["hurt_saves_as"],
                                    framed=False)
            return [self._needs]
        self.set_text(data["title"], data["intro"])
        saved = self.saved({})
        self._draft = textarea("My draft apology", box_text(saved.get("draft", "")), data["components"][0]["example"],
                               rows=8)
        self._feedback = w.HTML()
        # The draft arrives as it is typed; the button is for those who like to ask.
        self._check = w.Button(description="Check my draft", icon="check",
                               tooltip="Show which parts your draft includes (it saves as you go)")
        self._draft.observe(lambda _: self._changed(), names="value")
        self._update_feedback()
        return [self._draft, w.HBox([self._check]), self._feedback]

    def _reading(self) -> language.ApologyReading:
        data = content.exercise("apology_builder", self.context)
        return language.read_apology(self._draft.value, data["components"], data["excuse_phrases"],
                                     data["non_apology_phrases"])

    def _update_feedback(self) -> None:
        data = content.exercise("apology_builder", self.context)
        words = data["feedback"]
        reading = self._reading()
        parts = []
        if reading.non_apology:
            reasons = "".join(f"<li><b>“{esc(p)}”</b>: {esc(why)}</li>" for p, why in reading.non_apology)
            parts.append(paragraph(words["not_an_apology"]) + f"<ul>{reasons}</ul>")
        # Lewicki and colleagues' order of weight: responsibility first, a request for forgiveness last,
        # and never shown as a gap.
        for weight, heading in enumerate(words["weights"], start=1):
            rows = []
            for comp in (c for c in data["components"] if c["weight"] == weight):
                found = comp["key"] in reading.covered
                if found:
                    mark, state = "<span class='tw-yes'>✓</span>", words["found"]
                elif comp.get("optional"):
                    mark, state = "<span class='tw-muted'>·</span>", words["optional_absent"]
                else:
                    mark, state = "<span class='tw-no'>○</span>", words["not_found"]
                rows.append(f"<li>{mark} <b>{esc(comp['name'])}</b> ({esc(state)}): {esc(comp['what'])}</li>")
            if rows:
                parts.append(f"<p><b>{esc(heading)}</b></p><ul class='tw-checks'>{''.join(rows)}</ul>")
        excuses = "".join(f"<li><b>“{esc(p)}”</b>: {esc(why)}</li>" for p, why in reading.excuses
                          if p not in dict(reading.non_apology))
        if excuses:
            parts.append(f"<p><b>Words that can undo an apology:</b></p><ul>{excuses}</ul>")
        parts.append(paragraph(words["note"], "tw-muted"))
        self._feedback.value = "".join(parts)

    def _changed(self) -> None:
        self._update_feedback()
        self.save_soon()

    @property
    def value(self) -> dict:
        if self._draft is None:
            return {}
        return {"draft": self._draft.value, "covered": sorted(self._reading().covered)}

    def restored_message(self) -> str:
        if self.role == "hurt":
            return ""
        return "Your draft saves as you type."



class IStatement(Panel):
    """Turn a 'you' accusation into feeling + situation + need; saved ones are listed."""

    key = entry_key("exercise", "i_statement")

    def __init__(self) -> None:
        data = content.exercise("i_statement")
        self._saved: list[dict] = []
        super().__init__(data["title"], data["intro"])

    def build(self) -> list[w.Widget]:
        data = content.exercise("i_statement", self.context)
        self._saved = [s for s in self.saved([]) if isinstance(s, dict) and isinstance(s.get("statement"), str)]
        style = {"description_width": "initial"}
        wide = w.Layout(width="100%", max_width="44em")
        # Each part reaches the sentence below when its box is left, so "Save this I-statement" always
        # saves every letter typed (panel.line_box).
        self._accusation = line_box(description="The 'you' sentence:", placeholder=data["examples"][0]["accusation"],
                                    style=style, layout=wide)
        self._feeling = line_box(description="I feel …", placeholder=data["parts"]["feeling"], style=style, layout=wide)
        self._situation = line_box(description="when …", placeholder=data["parts"]["situation"], style=style,
                                   layout=wide)
        self._need = line_box(description="because I need …", placeholder=data["parts"]["need"], style=style,
                              layout=wide)
        self._notes = w.HTML()
        self._result = w.HTML()
        self._keep = w.Button(description="Save this I-statement", icon="save", tooltip="Add it to your list")
        self._keep.on_click(lambda _: self._save_one())
        self._accusation.observe(lambda _: self._split(), names="value")
        for box in (self._feeling, self._situation, self._need):
            box.observe(lambda _: self._compose(), names="value")
        self._list = w.HTML()
        self._draw_list()
        return [self._accusation, self._notes, self._feeling, self._situation, self._need, self._result,
                w.HBox([self._keep]), self._list]

    def _split(self) -> None:
        reading = language.read_accusation(self._accusation.value)
        notes = []
        if reading.absolutes:
            notes.append(f"Words like {', '.join('“' + a + '”' for a in reading.absolutes)} turn one moment into "
                         "'always'; the other person will argue with the word instead of hearing you.")
        if reading.blame:
            notes.append(f"{', '.join('“' + b + '”' for b in reading.blame)} puts your feeling in their hands; "
                         "an I-statement keeps it yours.")
        if reading.starts_with_you:
            notes.append("Starting with 'you' often sounds like blame; starting with 'I' invites listening.")
        self._notes.value = "".join(paragraph(n, "tw-muted") for n in notes)
        if reading.feeling and not self._feeling.value:
            self._feeling.value = reading.feeling
        if reading.situation:
            self._situation.value = reading.situation
        self._compose()

    def _statement(self) -> str:
        template = content.exercise("i_statement")["template"]
        return language.i_statement(template, self._feeling.value, self._situation.value, self._need.value)

    def _compose(self) -> None:
        text = self._statement()
        if text:
            self._result.value = f"<p class='tw-score'><b>Your I-statement:</b> {esc(text)}</p>"
        else:
            missing = [name for name, box in (("feeling", self._feeling), ("situation", self._situation),
                                              ("need", self._need)) if not box.value.strip()]
            self._result.value = paragraph(f"Still to fill in: {', '.join(missing)}.", "tw-muted")

    def _save_one(self) -> None:
        text = self._statement()
        if not text:
            self.show("Fill in the feeling, the situation and the need first.", "tw-warning")
            return
        self._saved.append({"accusation": self._accusation.value, "feeling": self._feeling.value,
                            "situation": self._situation.value, "need": self._need.value, "statement": text})
        self._draw_list()
        self.save_value()

    def _draw_list(self) -> None:
        self._list.value = saved_list("My saved I-statements", [s["statement"] for s in self._saved])

    @property
    def value(self) -> list[dict]:
        return list(self._saved)


class ValidationPractice(Panel):
    """Scenarios with possible replies; choosing one shows why it validates or dismisses."""

    key = entry_key("exercise", "validation_practice")

    def __init__(self) -> None:
        data = content.exercise("validation_practice")
        self._choices: dict[str, w.RadioButtons] = {}
        super().__init__(data["title"], data["intro"])

    def _scenarios(self) -> list[dict]:
        """The participant's own side first (the hurt person practises as the hurt person), then
        their own context; with no role, or both, the context alone decides."""
        scenarios = content.exercise("validation_practice")["scenarios"]
        side = self.role if self.role in ("broke", "hurt") else None
        context = self.context or "couple"
        return sorted(scenarios, key=lambda s: (side is not None and s.get("side", "broke") != side,
                                                s["context"] != context))

    def build(self) -> list[w.Widget]:
        saved = self.saved({})
        out = []
        self._choices = {}
        for n, sc in enumerate(self._scenarios(), start=1):
            index = saved.get(sc["id"])
            if not (isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(sc["responses"])):
                index = None  # none chosen yet, or a choice this version's replies no longer have
            choice = w.RadioButtons(options=[(r["text"], i) for i, r in enumerate(sc["responses"])],
                                    value=index, description=f"Reply {n}:",
                                    style={"description_width": "initial"}, layout=w.Layout(width="100%"))
            feedback = w.HTML()
            choice.observe(lambda ch, sc=sc, fb=feedback: self._picked(sc, ch["new"], fb), names="value")
            self._show_feedback(sc, choice.value, feedback)
            self._choices[sc["id"]] = choice
            out.append(w.VBox([w.HTML(f"<p class='tw-statement'><b>Scenario {n}.</b> {esc(sc['situation'])}</p>"),
                               choice, feedback], layout=w.Layout(margin="0 0 10px 0")))
        return out

    def _show_feedback(self, scenario: dict, index: int | None, feedback: w.HTML) -> None:
        if index is None:
            feedback.value = ""
            return
        response = scenario["responses"][index]
        verdict = "✓ This validates." if response["validates"] else "This may feel dismissive."
        feedback.value = f"<p class='tw-score'><b>{verdict}</b> {esc(response['why'])}</p>"

    def _picked(self, scenario: dict, index: int | None, feedback: w.HTML) -> None:
        self._show_feedback(scenario, index, feedback)
        self.save_value()

    @property
    def value(self) -> dict[str, int]:
        return {k: c.value for k, c in self._choices.items() if c.value is not None}


def apology_builder() -> ApologyBuilder:
    """The apology builder, or for the one who was hurt, what a real apology would need."""
    return ApologyBuilder()


def i_statement() -> IStatement:
    """The I-statement rewriter."""
    return IStatement()


def validation_practice() -> ValidationPractice:
    """Validation practice: choose a reply and see why it validates or dismisses."""
    return ValidationPractice()


def _apology_worksheet(key: str) -> dict:
    ex = content.exercise(key)
    return {"kind": "ticks", "title": ex["title"],
            "intro": "Write your draft apology on the lines, then tick each part it includes. The parts are "
                     "listed with the one that matters most first.",
            "draft": {"label": "My draft apology", "lines": 10},
            "groups": [{"name": "", "options": [f"{c['name']}{' (optional)' if c.get('optional') else ''}: {c['what']}"
                                                for c in sorted(ex["components"], key=lambda c: c["weight"])]},
                       {"name": ex["hurt_title"], "options": ex["hurt_options"]}],
            "columns": 1, "own": 4}


def _i_statement_worksheet(key: str) -> dict:
    ex = content.exercise(key)
    first = ex["examples"][0]
    return {"kind": "statement", "title": ex["title"], "intro": ex["intro"],
            "example": f"\"{first['accusation']}\" becomes \""
                       + ex["template"].format(feeling=first["feeling"], situation=first["situation"],
                                               need=first["need"]) + "\""}


def _validation_worksheet(key: str) -> dict:
    ex = content.exercise(key)
    return {"kind": "scenarios", "title": ex["title"], "intro": ex["intro"],
            "scenarios": [{"situation": s["situation"], "responses": [r["text"] for r in s["responses"]]}
                          for s in ex["scenarios"][:3]]}


registry.register("apology_builder", apology_builder, _apology_worksheet)
registry.register("i_statement", i_statement, _i_statement_worksheet)
registry.register("validation_practice", validation_practice, _validation_worksheet)
