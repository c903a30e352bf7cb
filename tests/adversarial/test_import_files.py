"""Hostile and odd import files: each is refused with a clear, kind message and changes nothing.

Every case runs twice: through ``journal.import_journal`` and through the "Upload a journal"
control of the data panel, driven the way ipywidgets 8 delivers an uploaded file.
"""

from __future__ import annotations

import html
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import trust_workshop as tw
from trust_workshop import content
from trust_workshop.model import contents as ct
from trust_workshop.model import journal as jr
from trust_workshop.model import profiles as pr
from trust_workshop.model import storage as st
from trust_workshop.model import summary as sm
from trust_workshop.model import transfer as tf
from trust_workshop.views import session as session_module

from .. import ui
from .helpers import snapshot

MB = 1024 * 1024


def _export(**changes) -> dict:
    """A real export of a small journal, with parts of its journal replaced."""
    data = ct.new_journal("Imported person")
    data["entries"]["exercise.x"] = {"value": "from the file", "updated": "2026-01-01T10:00:00+00:00"}
    data.update(changes)
    return {"format": tf.EXPORT_FORMAT, "exported": "2026-01-01T10:00:00+00:00", "journal": data}


def _raw(package) -> bytes:
    return json.dumps(package, ensure_ascii=False).encode("utf-8")


def _with_checkin(answers) -> bytes:
    return _raw(_export(checkins=[{"kind": "stage", "stage": "uncover", "date": "2026-01-05",
                                   "updated": "2026-01-05T10:00:00+00:00", "answers": answers}]))


def _nested_inside_an_export(depth: int) -> bytes:
    """A small, well-formed export whose one entry is nested ``depth`` lists deep."""
    text = _raw(_export()).decode()
    return text.replace('"from the file"', "[" * depth + '"deep"' + "]" * depth).encode()


def _fifty_megabytes(tmp_path: Path) -> bytes:
    """A real 50 MB file on disk: a well-formed export padded with one enormous answer."""
    path = tmp_path / "trust-journal-huge.json"
    head = _raw(_export()).decode().replace('"from the file"', '"PAD"').encode()
    before, after = head.split(b"PAD")
    with path.open("wb") as fh:
        fh.write(before)
        fh.write(b"x" * (50 * MB - len(head) + 3))
        fh.write(after)
    assert path.stat().st_size == 50 * MB
    return path.read_bytes()


def _zip_renamed(tmp_path: Path) -> bytes:
    """A zip archive holding a real export, saved under a .json name."""
    path = tmp_path / "trust-journal-sam.json"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("trust-journal-sam.json", _raw(_export()))
    return path.read_bytes()


def _group_summary(_tmp: Path) -> bytes:
    j = jr.Journal.open("Summary maker")
    j.record_pulse({it.id: 4 for it in content.pulse_items()}, date="2026-01-05")
    raw = sm.encode(sm.build(j, "Blue Heron"))
    j.delete()
    return raw


def _the_journal_file_itself(_tmp: Path) -> bytes:
    """The participant picked the journal file from the data folder instead of a download."""
    return _raw(_export()["journal"])


FOREIGN_DIARY = {"metadata": {"version": "1.0", "app": "Some Diary App"},
                 "entries": [{"uuid": "9F1C", "creationDate": "2026-01-01T08:00:00Z", "text": "Dear diary"}]}

# (id, file maker, words the message must contain)
CASES: list[tuple[str, Callable[[Path], bytes], tuple[str, ...]]] = [
    ("plain-text-letter", lambda _: b"Dear Sam,\nI am so sorry.\n", ("not a journal file", "readable JSON")),
    ("empty-file", lambda _: b"", ("not a journal file",)),
    ("cut-short-export", lambda _: _raw(_export())[:200], ("not a journal file", "readable JSON")),
    ("pdf-report", lambda _: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8, ("not a text file",)),
    ("binary-garbage", lambda _: b"\xff\xfe\x00garbage" + bytes(range(256)), ("not a text file",)),
    ("json-list", lambda _: b"[1, 2, 3]", ("not made by", "Download my journal")),
    ("json-string", lambda _: b'"trust-workshop-journal"', ("not made by", "Download my journal")),
    ("json-null", lambda _: b"null", ("not made by", "Download my journal")),
    ("export-without-journal", lambda _: _raw({"format": tf.EXPORT_FORMAT}), ("could not be imported",)),
    ("export-journal-is-a-list", lambda _: _raw({"format": tf.EXPORT_FORMAT, "journal": [1, 2]}),
     ("could not be imported", "not a journal")),
    ("journal-missing-parts", lambda _: _raw({"format": tf.EXPORT_FORMAT,
                                               "journal": {"app": st.APP, "schema_version": 1}}),
     ("could not be imported", "expected shape")),
    ("entries-as-a-list", lambda _: _raw(_export(entries=[{"value": "x"}])),
     ("could not be imported", "expected shape", "entries")),
    ("answers-as-strings", lambda _: _with_checkin({"a": "5", "b": "four"}),
     ("could not be imported", "expected shape", "answers")),
    ("answer-out-of-range", lambda _: _with_checkin({"a": 7}), ("could not be imported", "expected shape")),
    ("answers-as-a-string", lambda _: _with_checkin("5, 4, 3"), ("could not be imported", "expected shape")),
    ("profile-name-a-number", lambda _: _raw(_export(profile={"name": 42, "created": "x"})),
     ("could not be imported", "expected shape", "profile")),
    ("schema-version-as-text", lambda _: _raw(_export(schema_version="1")),
     ("could not be imported", "expected shape")),
    ("unknown-role", lambda _: _raw(_export(settings={"context": "couple", "role": "admin"})),
     ("could not be imported", "expected shape")),
    ("entry-key-with-path", lambda _: _raw(_export(entries={"../../x": {"value": 1, "updated": "x"}})),
     ("could not be imported", "expected shape")),
    ("profile-name-only-spaces", lambda _: _raw(_export(profile={"name": "   ", "created": "x"})),
     ("could not be imported", "name")),
    ("profile-name-only-control-characters", lambda _: _raw(_export(profile={"name": "\x00\x07", "created": "x"})),
     ("could not be imported", "name")),
    ("fifty-megabytes", _fifty_megabytes, ("50 MB", "bigger than a journal")),
    ("just-over-the-limit", lambda _: b" " * (ct.MAX_UPLOAD_BYTES + 1), ("40 MB", "bigger than a journal")),
    ("too-much-writing", lambda _: _raw(_export()).replace(b'"from the file"',
                                                           b'"' + b"y" * ct.MAX_JOURNAL_BYTES + b'"'),
     ("bigger than a journal",)),
    ("deeply-nested-200k", lambda _: b"[" * 100_000 + b"]" * 100_000, ("nested",)),
    ("deeply-nested-small-export", lambda _: _nested_inside_an_export(400), ("nested",)),
    ("future-schema-version", lambda _: _raw(_export(schema_version=ct.SCHEMA_VERSION + 1)), ("newer version",)),
    ("far-future-schema-version", lambda _: _raw(_export(schema_version=10**30)), ("newer version",)),
    ("future-schema-other-shape", lambda _: _raw({"format": tf.EXPORT_FORMAT, "journal": {
        "app": st.APP, "schema_version": 7, "people": [{"name": "Sam"}]}}), ("newer version",)),
    ("group-summary-from-this-tool", _group_summary, ("group summary", "Download my journal")),
    ("foreign-diary-app", lambda _: _raw(FOREIGN_DIARY), ("not made by", "Download my journal")),
    ("other-format-name", lambda _: _raw({"format": "trust-workshop-journal-v2", "journal": {}}),
     ("not made by",)),
    ("journal-file-not-a-download", _the_journal_file_itself, ("not made by", "Download my journal")),
    ("zip-renamed-json", _zip_renamed, ("zip",)),
]


@pytest.fixture
def precious(data_dir: Path) -> Path:
    """Two profiles with answers, a backup and a remembered last profile: what must survive."""
    sam = jr.Journal.open("Sam")
    sam.set_entry("exercise.x", "precious, first version")
    sam.set_entry("exercise.x", "precious")
    sam.record_pulse({it.id: 3 for it in content.pulse_items()}, date="2026-01-05")
    alex = jr.Journal.open("Imported person")
    alex.set_entry("exercise.x", "a second person's words")
    pr.remember_last_profile("Sam")
    assert sam.backup_path.exists()
    return data_dir


def assert_kind(message: str, words: tuple[str, ...]) -> None:
    for word in words:
        assert word.lower() in message.lower(), (word, message)
    assert "Nothing was changed" in message, message
    for technical in ("Traceback", "Error", "Exception", "errno", "codec", "line 1 column", "None", "\\u"):
        assert technical not in message, (technical, message)
    assert len(message) < 400 and message.endswith("."), message


def shown_text(markup: str) -> str:
    """What an HTML widget shows as text: tags removed, entities decoded."""
    return html.unescape(re.sub(r"<[^>]*>", "", markup))


@pytest.mark.parametrize("case, make, words", CASES, ids=[c[0] for c in CASES])
def test_a_bad_file_is_refused_kindly_and_changes_nothing(precious: Path, tmp_path: Path, case: str,
                                                          make, words: tuple[str, ...]) -> None:
    raw = make(tmp_path)
    before = snapshot(precious)
    with pytest.raises(st.ImportProblem) as err:
        tf.import_journal(raw)
    assert_kind(str(err.value), words)
    assert snapshot(precious) == before
    assert jr.Journal.open("Sam").entry("exercise.x") == "precious"
    assert jr.Journal.open("Imported person").entry("exercise.x") == "a second person's words"


@pytest.mark.parametrize("case, make, words", CASES, ids=[c[0] for c in CASES])
def test_the_data_panel_shows_the_message_and_changes_nothing(precious: Path, tmp_path: Path, case: str,
                                                              make, words: tuple[str, ...]) -> None:
    raw = make(tmp_path)
    session = session_module.session()
    session.open("Sam")
    before = snapshot(precious)
    form = tw.form("impact_map")
    view = tw.my_data()
    ui.upload(view, "Upload a journal", f"{case}.json", raw)
    status = view.status
    assert "tw-warning" in status
    assert_kind(shown_text(status), words)
    assert ui.control(view, "Upload a journal").value == ()  # ready for another try
    assert snapshot(precious) == before
    assert session.journal.name == "Sam" and session.journal.entry("exercise.x") == "precious"
    assert form.journal is session.journal


def test_after_a_refused_file_a_good_one_still_imports(precious: Path) -> None:
    session_module.session().open("Sam")
    view = tw.my_data()
    ui.upload(view, "Upload a journal", "bad.json", b"{nope")
    assert "Nothing was changed" in shown_text(view.status)
    ui.upload(view, "Upload a journal", "good.json", _raw(_export()))
    assert "Imported the journal of" in shown_text(view.status)
    assert session_module.session().journal.name == "Imported person"
    assert session_module.session().journal.entry("exercise.x") == "from the file"
    kept = list((precious / "profiles").glob("*.before-import-*.json"))
    assert len(kept) == 1 and "a second person's words" in kept[0].read_text("utf-8")


def test_a_file_just_under_the_size_limit_is_read_not_refused_for_size(precious: Path) -> None:
    raw = _raw(_export()).replace(b'"from the file"', b'"' + b"y" * (ct.MAX_JOURNAL_BYTES - 1000) + b'"')
    assert len(raw) <= ct.MAX_IMPORT_BYTES
    journal, message = tf.import_journal(raw)
    assert len(journal.entry("exercise.x")) == ct.MAX_JOURNAL_BYTES - 1000
    assert "Imported" in message
    again = tf.export_bytes(journal)  # whatever is accepted can be downloaded and uploaded again
    assert len(again) <= ct.MAX_IMPORT_BYTES and tf.read_import(again) == journal.data


def test_a_spaced_out_journal_is_measured_by_what_it_holds(precious: Path) -> None:
    """A journal re-indented by an editor is several times bigger on disk, but holds the same."""
    import json

    raw = _raw(_export()).replace(b'"from the file"', b'"' + b"y" * 2_000_000 + b'"')
    spaced = json.dumps(json.loads(raw), indent=40).encode() + b" " * (ct.MAX_IMPORT_BYTES + 10)
    assert len(spaced) > ct.MAX_IMPORT_BYTES
    journal, _ = tf.import_journal(spaced)
    assert len(tf.export_bytes(journal)) < ct.MAX_IMPORT_BYTES


def test_nesting_a_real_journal_uses_is_accepted(precious: Path) -> None:
    """The depth limit leaves room for every shape the exercises save (lists of records of text)."""
    records = [{"date": "2026-01-02", "promise": "home by seven", "kept": "yes", "notes": [["a", {"b": ["c"]}]]}]
    package = _export()
    package["journal"]["entries"]["exercise.promise_log"] = {"value": records, "updated": "x"}
    journal, _ = tf.import_journal(_raw(package))
    assert journal.entry("exercise.promise_log") == records


def test_a_deeply_nested_value_already_in_a_journal_does_not_break_the_journey_or_the_report(opened) -> None:
    """A hand-edited journal can hold what an import refuses; the views must still draw."""
    from trust_workshop.outputs import pdf

    deep: object = "at the bottom"
    for _ in range(900):
        deep = [deep]
    opened.journal.data["entries"]["exercise.deep"] = {"value": {"a": deep}, "updated": "2026-01-01"}
    journey = tw.journey()
    ui.control(journey, "Show my saved reflections and writing").value = True
    assert "at the bottom" in ui.markup(journey)
    report = tw.report_download()
    assert ui.shows(report, "exercise.deep", ui.w.Checkbox)  # an entry from elsewhere keeps its key as a title
    data, _ = pdf.report_data(opened.journal, ["exercise.deep"])
    assert [line for part in data["writing"][0]["parts"] for line in part["lines"]] == ["at the bottom"]


WRONG_VALUES = {
    "text": "a string where a list or a dict belongs",
    "number": 42,
    "null": None,
    "true": True,
    "mixed-list": ["x", 1, None, {"statement": 5}, [], {"date": "soon", "kept": "yes", "kind": "deposit"}],
    "odd-dict": {"x": [1], "checked": "all", "own": 5, "draft": 7, "idea": ["a"], "done": "yes",
                 **{sc["id"]: 99 for sc in content.exercise("validation_practice")["scenarios"]}},
    "bad-records": [{"date": 5, "text": None, "kept": "yes", "kind": "withdrawal"}, {"date": "2026-13-45"},
                    {"kept": "no"}, {"date": "2026-01-05", "promise": ["x"], "kept": {"y": 1}, "kind": 3}],
}


@pytest.mark.parametrize("kind", sorted(WRONG_VALUES))
def test_a_journal_whose_answers_have_the_wrong_types_imports_and_every_page_still_works(
        data_dir: Path, kind: str) -> None:
    """The journal schema lets an entry hold any JSON; a file from elsewhere (or edited by hand) may
    hold anything there. It imports, and no notebook page, the journey, the report or the summary
    breaks on it; reading it writes nothing."""
    from trust_workshop.outputs import pdf

    from .test_free_text import CALLS, build

    keys = {f"{k}.{s}" for k in ("reflection", "homework") for s in content.stage_keys()}
    keys |= {f"exercise.{e}" for e in content.raw("exercises")} | {"exercise.apology_needs"}
    package = _export(entries={key: {"value": WRONG_VALUES[kind], "updated": "2026-01-01"} for key in sorted(keys)})
    package["journal"]["settings"] = {"context": "couple", "role": "both"}
    journal, _ = tf.import_journal(_raw(package))
    session_module.session().open(journal.name)
    before = snapshot(data_dir)
    for call in CALLS + ["journey()", "report_download()", "pre_post()"]:
        view = build(call)
        if call == "journey()":
            ui.control(view, "Show my saved reflections and writing").value = True
        assert "tw-warning" not in view.status, call
    session_module.session().journal.data["settings"]["role"] = "hurt"
    assert tw.apology_builder()._needs.value == {"checked": [], "own": []}
    data, _ = pdf.report_data(journal, sorted(keys))
    assert isinstance(data["writing"], list)
    share = tw.share_summary()
    ui.type_into(share, "Pseudonym:", "Blue Heron")
    ui.click(share, "Show me what would be shared")
    assert "Blue Heron" in ui.markup(share)
    assert snapshot(data_dir) == before
