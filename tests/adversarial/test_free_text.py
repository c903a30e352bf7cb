"""Hostile free text typed into every text box of every notebook, the dashboard and the PDFs.

Markup and template text, 10,000 characters, emoji, right-to-left text, combining marks and
NUL: stored exactly as typed, shown exactly as typed after a kernel restart, never run as
HTML or Typst, and nothing breaks.

The text boxes are found generically: every exercise call in the course notebooks is built,
its widget tree walked, and every Text, Textarea and Combobox typed into, the way the browser
sends a value when the participant leaves the box. Buttons that add or save what was typed
are then clicked.
"""

from __future__ import annotations

import ast
import base64
import datetime as dt
import html
import json
import re
import shutil
import subprocess
import warnings
from collections import Counter
from pathlib import Path

import ipywidgets as w
import pytest

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.model import journal as jr
from trust_workshop.model import summary as sm
from trust_workshop.views import session as session_module
from trust_workshop.views.panel import Panel

from .. import ui
from ..conftest import restart_kernel
from .helpers import walk

ROOT = Path(__file__).resolve().parents[2]

TEN_THOUSAND = ("Dear you, <i>this</i> is {{ long }} and $true$ \\ " * 300)[:9_993].rstrip() + " THE_END"
HOSTILE = {
    "script": "<script>alert(1)</script>",
    "img": "<img src=x onerror=alert(1)>",
    "closing-tags": "</textarea></p></div><!-- x --> ' \" &amp; &lt;b&gt;",
    "typst": "#set page(width: 1cm) #read(\"/etc/passwd\") #{ panic() } = heading *bold* _em_ @ref <label>",
    "templates": "{{ x }} {% if y %} ${z} {0} %s %(name)s",
    "math": "$x$ $$y$$ $\\frac{1}{0}$ $^$",
    "backslashes": "\\ \\\\ C:\\path\\ \\n \\x00 \\u0000",
    "ten-thousand": TEN_THOUSAND,
    "emoji": "I miss us 💔 🙏 👍🏽 👨\u200d👩\u200d👧 🏳\ufe0f\u200d🌈 🇬🇧 🇵🇸 ✨",
    "right-to-left": "أنا آسف جدا שלום עליכם \u202eevil\u202c \u2067isolated\u2069 \u200fmark",
    "combining": "e\u0301 Z\u0324\u0308 a\u0308\u0301 \u0301 n\u0303\u0303\u0303",
    "nul": "before\x00after \x00 \x07\x1b[31m",
    "multi-line": "first line\n\nsecond line\n\tindented with a tab\r\nwindows line",
}
ONE_LINE = {k for k, v in HOSTILE.items() if "\n" not in v}
# Buttons that keep or check what was typed; any "Save this ..." button is clicked too, so a new
# rewriter's save is exercised without being listed here.
CLICK = {"Add", "Check my draft", "Show me what would be shared"}
NOT_HERE = {"profile_setup", "profile_bar", "group_dashboard"}  # tested on their own below
NOT_HERE |= {"card_to_give"}  # its To / From are never saved: tests/outputs/test_cards.py
NOT_HERE |= {"reminders"}  # event titles become one calendar line of 60 characters at most: tests/test_reminders.py
NOT_HERE |= {"course_records"}  # the facilitator's own file, not a journal: tests/views/test_course_records.py


def shown_in_html(text: str) -> str:
    """How text appears in an HTML widget: escaped, NUL shown as U+FFFD (views.panel.esc)."""
    return html.escape(text, quote=True).replace("\x00", "\ufffd")


def notebook_calls() -> list[str]:
    """Every exercise call in the course and facilitator notebooks, in order, without repeats."""
    calls: list[str] = []
    for path in sorted((ROOT / "workshop").glob("*.ipynb")) + sorted((ROOT / "facilitator").glob("*.ipynb")):
        for cell in json.loads(path.read_text("utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            for node in ast.parse(source).body:
                if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call):
                    call = ast.get_source_segment(source, node)
                    if node.value.func.id not in NOT_HERE and call not in calls:
                        calls.append(call)
    return calls


CALLS = notebook_calls()


def build(call: str) -> w.Widget:
    return eval(call, {name: getattr(tw, name) for name in tw.__all__})  # noqa: S307 - our own notebooks


def text_boxes(view: w.Widget) -> list[w.Widget]:
    return [x for x in walk(view) if isinstance(x, (w.Text, w.Textarea, w.Combobox))
            and not isinstance(x, w.Password) and not x.disabled]


def typed_value(box: w.Widget, text: str) -> str:
    """What the browser sends: a one-line box (``<input>``) strips line breaks from its value."""
    return text if isinstance(box, w.Textarea) else text.replace("\r", "").replace("\n", "")


def expected(box: w.Widget, text: str) -> tuple[str, ...]:
    """What may be stored: exactly what was sent, or for list items and records (one line each)
    the same with its spaces tidied. For the one-line hostile texts both are the same."""
    value = typed_value(box, text)
    return (value,) if isinstance(box, w.Textarea) else (value, " ".join(value.split()))


def strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    return []


def html_values(view: w.Widget) -> list[str]:
    return [x.value for x in walk(view) if isinstance(x, w.HTML)]


# The package's own charts: a PNG drawn by the kernel, with an escaped caption as its alternative text.
OWN_CHART = re.compile(r"<img src='data:image/png;base64,[A-Za-z0-9+/=]*' alt='[^'<>]*' style='[^'<>]*'>")


def assert_no_live_markup(view: w.Widget) -> None:
    for value in html_values(view):
        value = OWN_CHART.sub("", value)
        assert not re.search(r"<\s*/?\s*(script|img|textarea|iframe)\b", value, re.I), value[:300]
        assert "\x00" not in value
    for box in walk(view):
        if isinstance(box, w.Checkbox) or isinstance(box, w.Button):
            assert not getattr(box, "description_allow_html", False)


def type_everywhere(text: str) -> list[tuple[str, Counter]]:
    """Build every notebook call, type ``text`` into each text box, click add/save buttons.

    Returns, for each call with text boxes, how often each expected text should be stored.
    """
    typed = []
    for call in CALLS:
        view = build(call)
        boxes = text_boxes(view)
        if not boxes:
            continue
        wanted = Counter()
        for box in boxes:
            box.value = typed_value(box, text)
            wanted[expected(box, text)] += 1
        for button in [b for b in walk(view) if isinstance(b, w.Button)
                       and (b.description in CLICK or b.description.startswith("Save this"))]:
            button.click()
        assert "tw-warning" not in view.status, (call, view.status)
        assert_no_live_markup(view)
        typed.append((call, wanted, view))
    return typed


def stored(view: w.Widget, entries: dict) -> list[str]:
    keys = {x.key for x in walk(view) if isinstance(x, Panel) and isinstance(getattr(x, "key", None), str)}
    return [s for k in sorted(keys & set(entries)) for s in strings(entries[k]["value"])]


def shown(view: w.Widget) -> list[str]:
    """Everything the participant can read in a view: box values, tick labels, HTML."""
    return ([b.value for b in text_boxes(view)] + [c.description for c in walk(view) if isinstance(c, w.Checkbox)]
            + html_values(view))


@pytest.mark.parametrize("role", ["both"])
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_in_every_box_is_stored_and_shown_exactly(opened, name: str, role: str) -> None:
    text = HOSTILE[name]
    if name in ONE_LINE:
        assert " ".join(text.split()) == text  # so every box must keep it exactly
    opened.set_setting("role", role)
    typed = type_everywhere(text)
    assert len(typed) >= 30, [c for c, _, _ in typed]

    entries = json.loads(opened.journal.path.read_text("utf-8"))["entries"]
    for call, wanted, view in typed:
        if call == "share_summary()":
            preview = ui.markup(view)
            try:
                pseudonym = sm.clean_pseudonym(text)
            except sm.SummaryProblem:
                assert "40 characters or fewer" in preview and "tw-warning" in preview
            else:
                assert shown_in_html(json.dumps(pseudonym, ensure_ascii=False)) in preview
            continue
        saved = stored(view, entries)
        for forms, count in wanted.items():
            assert sum(saved.count(v) for v in set(forms)) >= count, (call, forms[0][:80], saved[:5])

    restart_kernel()
    for call, wanted, _ in typed:
        if call == "share_summary()":
            continue
        view = build(call)
        assert_no_live_markup(view)
        visible = shown(view)
        for forms in wanted:
            assert any(v in visible or any(shown_in_html(v) in s for s in visible) for v in forms), (call, forms)
        for box in text_boxes(view):
            if isinstance(box, w.Textarea):
                assert box.value == text, call

    journey = tw.journey()
    ui.control(journey, "Show my saved reflections and writing").value = True
    assert_no_live_markup(journey)
    writing = ui.markup(journey)
    if name in ONE_LINE:
        assert writing.count(shown_in_html(text)) >= len(typed) - 1  # every entry but the summary preview
    for line in text.splitlines():
        assert shown_in_html(line.strip()) in writing


@pytest.mark.parametrize("role", ["hurt", "broke"])
def test_the_boxes_each_role_sees_keep_hostile_text_too(opened, role: str) -> None:
    opened.set_setting("role", role)
    text = HOSTILE["script"] + " " + HOSTILE["nul"] + " " + HOSTILE["combining"]
    typed = type_everywhere(text)
    entries = json.loads(opened.journal.path.read_text("utf-8"))["entries"]
    for call, wanted, view in typed:
        if call != "share_summary()":
            for forms, count in wanted.items():
                assert sum(stored(view, entries).count(v) for v in set(forms)) >= count, call
    if role == "hurt":
        assert text in entries["exercise.apology_needs"]["value"]["own"]
    else:
        assert entries["exercise.apology_builder"]["value"]["draft"] == text
    restart_kernel()
    apology = tw.apology_builder()
    assert text in shown(apology)


@pytest.mark.parametrize("line", ["<script>alert(1)</script>", "x" * 10_000, "$^$", "$x$ and $y$", "a\x00b",
                                  "👨\u200d👩\u200d👧 שלום", "Z\u0324\u0308"])
def test_a_milestone_draws_its_chart_whatever_it_says(opened, line: str) -> None:
    """The milestone chart labels points with the text: it must not be read as matplotlib maths."""
    view = tw.milestones()
    label = {f["id"]: f["label"] for f in content.exercise("milestones")["record_fields"]}
    ui.control(view, label["date"]).value = dt.date(2026, 3, 1)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ui.type_into(view, label["text"], line)
        ui.click(view, "Add")
        again = tw.milestones()
    assert [str(c.message) for c in caught] == []
    assert [r["text"] for r in jr.Journal.open("Sam").entry("exercise.milestones")] == [line]
    for v in (view, again):
        assert ui.charts(v), "the milestones chart is drawn"
        assert shown_in_html(line) in ui.markup(v)
        assert "tw-warning" not in v.status
    from trust_workshop.views import charts

    [label] = charts.timeline_chart([("2026-03-01", line)]).axes[0].texts
    assert not label.get_parse_math()
    assert label.get_text() == (line if len(line) <= 40 else line[:39] + "…").replace("\x00", "\ufffd")


def test_a_line_too_long_for_one_item_is_kept_in_the_box_with_a_message(opened) -> None:
    from trust_workshop.views.lists import MAX_OWN_LENGTH

    assert MAX_OWN_LENGTH >= len(TEN_THOUSAND)
    line = "word " * (MAX_OWN_LENGTH // 5 + 10)
    questions, feelings = tw.list_builder("questions_i_still_have"), tw.checklist("feelings")
    for view in (questions, feelings):
        box = text_boxes(view)[0]
        box.value = line
        assert box.value == line  # nothing typed is thrown away
        assert "tw-warning" in view.status and "characters" in view.status
    assert jr.Journal.open("Sam").entry(questions.key) is None and questions.value == []
    assert jr.Journal.open("Sam").entry(feelings.key) is None and feelings.value["own"] == []
    record = tw.promise_log()
    promise = next(f["label"] for f in content.exercise("promise_log")["record_fields"] if f["id"] == "promise")
    ui.type_into(record, promise, line)
    ui.click(record, "Add")
    assert ui.control(record, promise).value == line and "characters" in ui.markup(record)
    assert record.value == [] and jr.Journal.open("Sam").entry(record.key) is None
    ui.type_into(record, promise, TEN_THOUSAND)
    ui.click(record, "Add")
    assert "characters" not in ui.markup(record)
    assert jr.Journal.open("Sam").entry(record.key)[0]["promise"] == TEN_THOUSAND


# --- the facilitator's dashboard and sharing a summary ------------------------------------------

PSEUDONYMS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "#set page(width: 1cm)",
              "{{ x }} $x$ \\", "שלום עליכם", "أنا", "👨\u200d👩\u200d👧 🇬🇧", "Zoe\u0308 Z\u0324\u0308", "a\x00b"]


def _summary_file(pseudonym: str, n: int) -> tuple[str, bytes]:
    summary = {"format": sm.FORMAT, "version": 1, "pseudonym": pseudonym, "created": "2026-03-01",
               "stage_scores": {"uncover": 40 + n, "safety": 60},
               "pulse": [{"date": "2026-02-23", "score": 50 + n}], "homework": {"done": 1, "set": 2},
               "attendance": ["2026-02-23", "2026-03-01"]}
    return f"{pseudonym}.json", json.dumps(summary, ensure_ascii=False).encode("utf-8")


def _choose_files(view, files: list[tuple[str, bytes]]) -> None:
    ui.control(view, "Add summary files").value = tuple(
        {"name": name, "type": "application/json", "size": len(raw), "content": memoryview(raw),
         "last_modified": dt.datetime(2026, 3, 1)} for name, raw in files)


def test_the_dashboard_shows_hostile_pseudonyms_and_file_names_as_text(data_dir: Path) -> None:
    view = tw.group_dashboard()
    files = [_summary_file(p, n) for n, p in enumerate(PSEUDONYMS)]
    files.append(("<img src=x onerror=alert(1)> broken.json", b"{not json"))
    files.append(("long.json", _summary_file("y" * 10_000, 0)[1]))
    _choose_files(view, files)
    roster = ["<b>Missing</b> person", "#set page(width: 1cm)", "x" * 10_000, *PSEUDONYMS]
    ui.control(view, "Pseudonyms:").value = "\n".join(roster)
    assert view.view.size == len(PSEUDONYMS)
    assert view.view.stage_averages is not None  # a big enough group for averages
    assert_no_live_markup(view)
    page = "".join(html_values(view))
    for p in PSEUDONYMS:
        # Patterns, not individuals: a loaded summary's pseudonym is never listed beside a count.
        assert f"<bdi>{shown_in_html(sm.clean_pseudonym(p))}</bdi> 2" not in page, p
    assert "Sessions attended:</b> from 2 to 2 per person" in page
    assert "\ufffd" not in page  # an uploaded pseudonym is cleaned as a shared one is: NUL is dropped
    assert shown_in_html("<b>Missing</b> person") in page and shown_in_html("x" * 10_000) in page
    assert shown_in_html("<img src=x onerror=alert(1)> broken.json") in page
    assert "long.json" in page and "expected shape" in page


def test_the_dashboard_counts_one_person_once_however_their_name_is_written(data_dir: Path) -> None:
    view = tw.group_dashboard()
    files = [_summary_file("José", 0), _summary_file("JOSE\u0301", 1), _summary_file("Blue\tHeron", 2),
             _summary_file("  \x00 ", 3), _summary_file("\u202eAna", 4)]
    _choose_files(view, [(f"{n}-{name}", raw) for n, (name, raw) in enumerate(files)])
    ui.control(view, "Pseudonyms:").value = "Jose\u0301\nBlue Heron\nAna\nSam"
    assert sorted(s["pseudonym"].casefold() for s in view.loaded.summaries) == ["ana", "blue heron", "josé"]
    assert view.view.missing == ["Sam"]
    reasons = " ".join(reason for _, reason in view.loaded.problems)
    assert "a newer summary from" in reasons and "pseudonym" in reasons


@pytest.mark.parametrize("pseudonym", PSEUDONYMS + ["x" * 10_000, "  \x00  "])
def test_sharing_a_summary_under_a_hostile_pseudonym(opened, pseudonym: str) -> None:
    opened.journal.record_pulse({it.id: 4 for it in content.pulse_items()}, date="2026-02-23")
    view = tw.share_summary()
    ui.type_into(view, "Pseudonym:", pseudonym)
    ui.click(view, "Show me what would be shared")
    preview = ui.markup(view)
    assert_no_live_markup(view)
    try:
        clean = sm.clean_pseudonym(pseudonym)
    except sm.SummaryProblem as err:
        assert html.escape(str(err), quote=True) in preview and "tw-warning" in preview
        return
    raw = base64.b64decode(re.search(r"base64,([^']+)'", preview).group(1))
    assert sm.parse(raw)["pseudonym"] == clean
    assert re.search(r"download='group-summary-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json'", preview)
    loaded = sm.load_many([("mine.json", raw)])
    assert [s["pseudonym"] for s in loaded.summaries] == [clean]


# --- the personal report PDF ------------------------------------------------------------------

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="POPPLER MISSING: apt-get install "
                                   "poppler-utils")


def _pdf_tool(tool: str, blob: bytes, folder: Path, *args: str) -> str:
    path = folder / "doc.pdf"
    path.write_bytes(blob)
    return subprocess.run([tool, *args, str(path), "-"] if tool == "pdftotext" else [tool, str(path)],
                          capture_output=True, text=True, check=True).stdout


def _flat(text: str) -> str:
    return re.sub(r"[\s\u200b]+", " ", text)


@needs_poppler
def test_the_report_prints_hostile_writing_exactly_and_runs_none_of_it(data_dir: Path, tmp_path: Path) -> None:
    """Typed through the notebook widgets, ticked in 'Export my report', read back with pdftotext."""
    name = "<b>Sam</b> #set $x$ \\ עברית 🙂"
    session = session_module.session()
    session.open(name)
    pieces = {k: v for k, v in HOSTILE.items() if k in ONE_LINE and k != "ten-thousand"}
    questions = tw.list_builder("questions_i_still_have")
    for text in pieces.values():
        text_boxes(questions)[0].value = text
    letter = tw.form("unsent_letter")
    boxes = text_boxes(letter)
    boxes[0].value = TEN_THOUSAND
    boxes[1].value = HOSTILE["multi-line"]
    boxes[2].value = "Unbreakable" * 1_000
    report = tw.report_download()
    for tick in ui.controls(report, "", w.Checkbox):  # every piece of writing offered
        tick.value = True
    assert set(report.included) == {"exercise.questions_i_still_have", "exercise.unsent_letter"}
    ui.click(report, "Make my report")
    blob = base64.b64decode(re.search(r"base64,([^']+)'", ui.markup(report)).group(1))
    assert blob.startswith(b"%PDF")

    info = dict(line.split(":", 1) for line in _pdf_tool("pdfinfo", blob, tmp_path).splitlines() if ":" in line)
    assert "(A4)" in info["Page size"]  # '#set page(width: 1cm)' was printed, not obeyed
    assert 2 <= int(info["Pages"]) <= 30
    # The page footers sit between the pages' text; take them out to read the writing in one piece.
    text = re.sub(r"Private: this report belongs to the person named on it\s+\d+ of \d+", " ",
                  _pdf_tool("pdftotext", blob, tmp_path))
    flat = _flat(text)
    for key in ("script", "img", "closing-tags", "typst", "templates", "math", "backslashes"):
        assert pieces[key] in flat, key
    assert "before\ufffdafter" in flat  # NUL is printed as U+FFFD, the replacement character (pdf.breakable)
    assert "<b>Sam</b> #set $x$ \\" in flat
    assert _flat(TEN_THOUSAND) in flat
    assert "Unbreakable" * 1_000 in re.sub(r"[\s\u200b]+", "", text)
    assert "first line" in flat and "windows line" in flat
    for word in ("💔", "🙏", "✨", "שלום", "Z\u0324\u0308", "e\u0301"):
        assert word in flat or word[::-1] in flat, word
