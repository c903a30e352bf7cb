"""An optional passphrase per profile, for partners who share one computer."""

from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as w
import pytest

import trust_workshop as tw
from trust_workshop.model import contents as ct
from trust_workshop.model import journal as jr
from trust_workshop.model import passphrase as pp
from trust_workshop.model import profiles as pr
from trust_workshop.model import storage as st
from trust_workshop.model import transfer as tf
from trust_workshop.views import session as session_module
from trust_workshop.views.my_data import MyData

from .. import ui

SECRET = "what I never said out loud"
PASS = "blue kettle morning"


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if not p.name.endswith(".lock")}


def _shown(widget) -> str:
    """Every HTML text a widget and its children show."""
    own = widget.value if isinstance(widget, w.HTML) else ""
    return " ".join([own, *(_shown(c) for c in getattr(widget, "children", ()))])


def _locked_journal() -> jr.Journal:
    j = jr.Journal.open("Alex")
    j.set_entry("reflection.uncover", {"in_your_words": SECRET})
    j.set_entry("reflection.uncover", {"in_your_words": SECRET + " (second draft)"})
    j.set_passphrase(PASS, PASS)
    return j


def test_a_locked_journal_holds_no_readable_answer_on_disk() -> None:
    j = _locked_journal()
    assert j.locked
    for name, raw in _files(j.path.parent).items():
        assert SECRET.encode() not in raw, name
        assert b"reflection.uncover" not in raw, name
    envelope = json.loads(j.path.read_bytes())
    assert envelope["format"] == pp.FORMAT and envelope["profile"] == {"name": "Alex"}
    assert envelope["kdf"]["name"] == "scrypt" and envelope["kdf"]["n"] >= 2**14
    assert [(p.name, p.locked) for p in pr.list_profiles()] == [("Alex", True)]
    j.set_entry("exercise.more", "later answer")  # later saves stay sealed, backup too
    assert b"later answer" not in j.path.read_bytes() and b"later answer" not in j.backup_path.read_bytes()


def test_without_or_with_a_wrong_passphrase_nothing_opens_and_nothing_changes() -> None:
    j = _locked_journal()
    before = _files(j.path.parent)
    with pytest.raises(st.PassphraseError, match="locked with a passphrase"):
        jr.Journal.open("Alex")
    with pytest.raises(st.PassphraseError, match="does not open this journal. Nothing was changed"):
        jr.Journal.open("Alex", "blue kettle evening")
    assert _files(j.path.parent) == before, "a wrong passphrase must not set anything aside or rewrite"
    opened = jr.Journal.open("Alex", PASS)
    assert opened.entry("reflection.uncover") == {"in_your_words": SECRET + " (second draft)"}
    assert not opened.notices


def test_the_backup_and_set_aside_copies_are_sealed_too() -> None:
    j = jr.Journal.open("Alex")
    j.set_entry("reflection.uncover", {"in_your_words": SECRET})
    j.set_entry("exercise.x", "second save, so there is a backup")
    j.path.write_bytes(j.path.read_bytes()[:-40])  # damaged: set aside, in the clear, on the next open
    j = jr.Journal.open("Alex")
    assert any(SECRET.encode() in raw for raw in _files(j.path.parent).values())
    j.set_passphrase(PASS, PASS)
    assert not any(SECRET.encode() in raw for raw in _files(j.path.parent).values())
    assert len(list(j.path.parent.glob("*.damaged-*.json"))) == 1  # kept, not deleted


def test_changing_or_removing_needs_the_current_passphrase() -> None:
    j = _locked_journal()
    with pytest.raises(st.PassphraseError, match="not this journal's current passphrase"):
        j.set_passphrase("a new one here", "a new one here", "wrong guess")
    with pytest.raises(st.PassphraseError, match="not this journal's current passphrase"):
        j.remove_passphrase("wrong guess")
    j.set_passphrase("a new one here", "a new one here", PASS)
    with pytest.raises(st.PassphraseError):
        jr.Journal.open("Alex", PASS)
    assert jr.Journal.open("Alex", "a new one here").entry("reflection.uncover")["in_your_words"].startswith(SECRET)
    j.remove_passphrase("a new one here")
    assert SECRET.encode() in j.path.read_bytes() and not pr.list_profiles()[0].locked
    assert jr.Journal.open("Alex").entry("reflection.uncover")["in_your_words"].startswith(SECRET)


@pytest.mark.parametrize("new, again, says", [("short", "short", "at least 6"), (PASS, PASS + "!", "not the same"),
                                              ("", "", "at least 6")])
def test_a_poor_new_passphrase_is_refused_kindly(new: str, again: str, says: str) -> None:
    j = jr.Journal.open("Alex")
    j.set_entry("exercise.x", SECRET)
    with pytest.raises(st.PassphraseError, match=says):
        j.set_passphrase(new, again)
    assert not j.locked and SECRET.encode() in j.path.read_bytes()


def test_two_kernels_of_a_locked_profile_keep_each_others_answers() -> None:
    _locked_journal()
    a, b = jr.Journal.open("Alex", PASS), jr.Journal.open("Alex", PASS)
    a.set_entry("exercise.a", "from A")
    b.set_entry("exercise.b", "from B")
    final = jr.Journal.open("Alex", PASS)
    assert final.entry("exercise.a") == "from A" and final.entry("exercise.b") == "from B"


def test_import_into_a_locked_profile_needs_it_open_and_stays_locked() -> None:
    j = _locked_journal()
    other = jr.Journal("Alex", ct.new_journal("Alex"))
    other.data["entries"]["exercise.imported"] = {"value": "from the file", "updated": "2026-11-27T10:00:00+00:00"}
    raw = tf.export_bytes(other)
    before = _files(j.path.parent)
    with pytest.raises(st.ImportProblem, match="locked with a passphrase"):
        tf.import_journal(raw)
    assert _files(j.path.parent) == before
    imported, _ = tf.import_journal(raw, jr.Journal.open("Alex", PASS))
    assert imported.locked and b"from the file" not in imported.path.read_bytes()
    assert jr.Journal.open("Alex", PASS).entry("exercise.imported") == "from the file"


def _passphrase_left_in_a_widget() -> bool:
    """True if any live widget of this kernel (shown or not) still holds the passphrase."""
    from ipywidgets.widgets.widget import _instances  # every live widget (Widget.widgets is deprecated)

    return any(getattr(x, "value", None) == PASS for x in list(_instances.values()))


def test_a_locked_profile_never_opens_by_itself_and_the_panel_asks_for_the_passphrase() -> None:
    _locked_journal()
    pr.remember_last_profile("Alex")
    session_module.reset_session()  # a fresh kernel
    s = session_module.session()
    assert s.journal is None, "the only profile is locked, so it must wait for its passphrase"
    panel = session_module.ProfilePanel()
    picker = ui.control(panel, "Who is working:")
    assert picker.value == "Alex" and picker.label == "Alex (locked)"
    assert ui.shows(panel, "Passphrase:") and ui.shows(panel, "Open my journal")
    ui.type_into(panel, "Passphrase:", "not it at all")
    ui.click(panel, "Open my journal")
    assert s.journal is None and "does not open this journal" in panel.status
    assert ui.control(panel, "Passphrase:").value == "", "a passphrase is never left in a widget"
    ui.type_into(panel, "Passphrase:", PASS)
    ui.click(panel, "Open my journal")
    assert s.journal is not None and s.journal.locked
    assert not _passphrase_left_in_a_widget(), "a passphrase is never left in a widget"
    view = tw.reflection("uncover")
    assert view.boxes["in_your_words"].value == SECRET + " (second draft)"


def test_the_data_panel_warns_then_locks_and_unlocks(opened) -> None:
    opened.journal.set_entry("exercise.x", SECRET)
    panel = MyData()
    text = _shown(panel)
    assert "nobody can open your journal again" in text and "There is no reset" in text
    ui.type_into(panel, "New passphrase:", PASS)
    ui.type_into(panel, "Type it again:", PASS)
    assert ui.control(panel, "Lock my journal").disabled, "locking waits until the warning is acknowledged"
    ui.control(panel, "I understand: if I forget this passphrase").value = True
    ui.click(panel, "Lock my journal")
    assert opened.journal.locked and SECRET.encode() not in opened.journal.path.read_bytes()
    assert "locked" in panel.status and not _passphrase_left_in_a_widget()
    panel = MyData()  # redrawn: now offers change and remove
    ui.type_into(panel, "Current passphrase:", "wrong")
    ui.click(panel, "Remove my passphrase")
    assert opened.journal.locked and "not this journal&#x27;s current passphrase" in panel.status
    ui.type_into(panel, "Current passphrase:", PASS)
    ui.click(panel, "Remove my passphrase")
    assert not opened.journal.locked and SECRET.encode() in opened.journal.path.read_bytes()


def test_the_command_line_report_asks_for_the_passphrase_in_a_terminal_only(tmp_path: Path, capsys,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from trust_workshop.outputs import cli

    _locked_journal()
    out = tmp_path / "report.pdf"
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert cli.main(["report", "--profile", "Alex", "--out", str(out)]) == 2
    assert "locked with a passphrase" in capsys.readouterr().err and not out.exists()
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: "wrong guess")
    assert cli.main(["report", "--profile", "Alex", "--out", str(out)]) == 2
    assert "does not open this journal" in capsys.readouterr().err and not out.exists()
    monkeypatch.setattr("getpass.getpass", lambda prompt: PASS)
    assert cli.main(["report", "--profile", "Alex", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
