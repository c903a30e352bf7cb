"""Course feedback in the notebook: the participant's anonymous form, and the facilitator's tally.

The questions are the printed feedback form's (paperwork.yaml), read through ``model.feedback``.
The participant's answers are kept in their own journal, so nothing is lost on a restart; what
leaves is a file with the answers only. The facilitator's reader shows counts and comments only
from three files or more, comments in a shuffled order.
"""

from __future__ import annotations

import ipywidgets as w

from trust_workshop.model import feedback as fb
from trust_workshop.model.contents import entry_key
from trust_workshop.views.panel import Panel, download_link, esc, paragraph, scale, table_box, textarea


class FeedbackForm(Panel):
    """The anonymous feedback form at the end of the course; value: ratings and comments."""

    key = entry_key("exercise", "course_feedback")

    def __init__(self) -> None:
        self._ratings: list[w.ToggleButtons] = []
        self._comments: list[w.Textarea] = []
        self._file = w.HTML()
        words = fb.wording()
        super().__init__(words["title"], (
            "This is the same short form as the paper one. Answer as much or as little as you like. Your answers "
            "are kept in your journal on this computer. To hand them in, make the feedback file: it holds your "
            "answers and nothing else, not your name or your profile. How you send it may still show who it came "
            "from, so put it where your facilitator asked (a shared folder, say), or use the paper form in the box."))

    def build(self) -> list[w.Widget]:
        words = fb.wording()
        saved = fb.clean(self.saved({}))
        labels = words["scale_labels"]
        self._ratings, self._comments = [], []
        rows: list[w.Widget] = [w.HTML(paragraph(f"{words['scale_heading']} 1 = {labels['1']}, 5 = {labels['5']}."))]
        for n, (statement, value) in enumerate(zip(words["scale_items"], saved["ratings"], strict=True), start=1):
            text, buttons = scale(statement, n, value, {1: labels["1"], 5: labels["5"]})
            buttons.observe(lambda _: self.save_value(), names="value")
            self._ratings.append(buttons)
            rows += [text, buttons]
        for question, text in zip(words["questions"], saved["comments"], strict=True):
            box = textarea(question["label"], text, rows=3)
            box.observe(lambda _: self.save_soon(), names="value")
            self._comments.append(box)
            rows.append(box)
        make = w.Button(description="Make my feedback file", icon="file",
                        tooltip="A file with your answers only: no name, no profile")
        make.on_click(lambda _: self._make_file())
        self._file.value = ""
        return [*rows, w.HBox([make]), self._file]

    @property
    def value(self) -> dict[str, list]:
        return {"ratings": [b.value for b in self._ratings], "comments": [c.value for c in self._comments]}

    def _make_file(self) -> None:
        self.save_value()
        self._file.value = download_link(fb.anonymous_file(self.value), fb.FILE_NAME, "Save my feedback file",
                                         note="It holds your answers only.")


class FeedbackReader(Panel):
    """The facilitator's view of the group's feedback files: counts, and comments in a shuffled order."""

    def __init__(self) -> None:
        self._upload = w.FileUpload(accept=".json,application/json", multiple=True,
                                    description="Add feedback files", layout=w.Layout(width="auto"))
        self._result = w.HTML()
        self._upload.observe(lambda _: self._read(), names="value")
        super().__init__("The group's feedback", (
            "Add the feedback files participants handed in. Nothing is shown from fewer than three files, so "
            "nobody's answers can be picked out; exact copies count once, and comments come in a shuffled "
            "order. Files are read here and not kept."), needs_journal=False)

    def build(self) -> list[w.Widget]:
        return [self._upload, self._result]

    def _read(self) -> None:
        files = [(f["name"], bytes(f["content"])) for f in self._upload.value]
        self.show_tally(fb.tally(files))

    def show_tally(self, t: fb.Tally) -> None:
        words = fb.wording()
        parts = []
        if t.skipped:
            parts.append("<p><b>Not counted:</b></p><ul>" + "".join(
                f"<li>{esc(name)}: {esc(why)}</li>" for name, why in t.skipped) + "</ul>")
        if not t.shown:
            parts.append(paragraph(f"{t.files} feedback file{'s' if t.files != 1 else ''} read. Nothing is shown "
                                   f"from fewer than {fb.SMALLEST_GROUP}, so nobody's answers can be picked out.",
                                   "tw-muted"))
        else:
            head = "".join(f"<th scope='col'>{k}</th>" for k in range(1, 6))
            body = "".join(f"<tr><th scope='row'>{esc(s)}</th>" + "".join(f"<td>{c[k]}</td>" for k in range(1, 6))
                           + "</tr>" for s, c in zip(words["scale_items"], t.counts, strict=True))
            parts.append(f"<p><b>{t.files} feedback files.</b> How many chose each answer "
                         f"(1 = {esc(words['scale_labels']['1'])}, 5 = {esc(words['scale_labels']['5'])}):</p>"
                         + table_box(f"<table class='tw-table'><thead><tr><th scope='col'>Statement"
                                     f"</th>{head}</tr></thead><tbody>{body}</tbody></table>",
                                     "Answers to each statement"))
            for question, comments in zip(words["questions"], t.comments, strict=True):
                items = "".join(f"<li>{esc(c)}</li>" for c in comments) or "<li><i>No answers.</i></li>"
                parts.append(f"<p><b>{esc(question['label'])}</b></p><ul>{items}</ul>")
        self._result.value = "".join(parts)


def feedback_form() -> FeedbackForm:
    """The anonymous course feedback form (the paper form's questions), with a file to hand in."""
    return FeedbackForm()


def feedback_reader() -> FeedbackReader:
    """The facilitator's tally of the group's feedback files (nothing shown from fewer than three)."""
    return FeedbackReader()
