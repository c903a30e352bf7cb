"""Profile names with path characters, reserved device names, control characters, any script,
and near-duplicates: every journal stays inside the profiles folder, and one person is one file."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import trust_workshop as tw
from trust_workshop.model import contents as ct
from trust_workshop.model import journal as jr
from trust_workshop.model import profiles as pr
from trust_workshop.model import storage
from trust_workshop.model import transfer as tf
from trust_workshop.views import session as session_module

from .. import ui
from .test_properties import fresh_data_folder, odd_text, profile_names

FILE_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*-[0-9a-f]{12}\.json$")
WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10))}

HOSTILE_NAMES = [
    "../x", "../../etc/passwd", "..\\..\\Windows\\System32", "/abs", "/", "a/b", "C:", "C:\\x", "a:b", ":",
    "CON", "con", "nul", "NUL.txt", "COM1", "lpt9", "PRN", "AUX", ".", "..", "...", "~", "~/x", ".hidden",
    "$HOME", "%APPDATA%", "-rf", "*?<>|\"", "Sam.json", "sam.json.bak", "name\x00with nul", "line\nbreak",
    "tab\tname", "\x00\x01Sam\x7f", "   padded   ", "x" * 60, "名前", "عربي", "שלום", "\u202eevil\u202c",
    "e\u0301", "Z\u0324\u0308", "🙂", "🙂🙂", " spaced  out ",
    "👨\u200d👩\u200d👧", "🇬🇧", "<script>alert(1)</script>", "#set page(width: 1cm)",
    "{{ x }}", "$x$",
]


def _expected_name(name: str) -> str:
    """How the name is stored and listed: cleaned, in composed (NFC) form."""
    return unicodedata.normalize("NFC", ct.clean_name(name))


def assert_inside(path: Path, data_dir: Path) -> None:
    profiles = (data_dir / "profiles").resolve()
    assert path.resolve().parent == profiles, path
    assert FILE_NAME.match(path.name), path.name
    assert path.name.split(".")[0].upper() not in WINDOWS_RESERVED  # Windows looks before the first dot


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=[repr(n)[:30] for n in HOSTILE_NAMES])
def test_a_hostile_name_stays_inside_the_profiles_folder(name: str, data_dir: Path, tmp_path: Path) -> None:
    j = jr.Journal.open(name)
    j.set_entry("exercise.x", "mine")
    j.set_entry("exercise.x", "mine, again")  # a backup too
    assert_inside(j.path, data_dir)
    assert_inside(pr.journal_path(ct.clean_name(name)), data_dir)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]
    outside = [p for p in data_dir.rglob("*") if p.is_file() and p.parent != data_dir / "profiles"]
    assert [p.name for p in outside] in ([], ["state.json"])
    for p in (data_dir / "profiles").iterdir():
        assert p.name.startswith(j.path.stem), p
    assert [p.name for p in pr.list_profiles()] == [_expected_name(name)]
    assert jr.Journal.open(name).entry("exercise.x") == "mine, again"
    pr.remember_last_profile(name)
    assert pr.last_profile() == ct.clean_name(name)
    assert re.fullmatch(r"trust-journal-[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.json", tf.export_filename(j))


@pytest.mark.parametrize("name", ["../../etc/passwd", "CON", "<img src=x onerror=alert(1)>", "\x00\x01Sam"])
def test_an_imported_journal_with_a_hostile_name_stays_inside_too(name: str, data_dir: Path) -> None:
    data = ct.new_journal("placeholder")
    data["profile"]["name"] = name
    raw = json.dumps({"format": tf.EXPORT_FORMAT, "journal": data}).encode()
    session_module.session()
    view = tw.my_data()
    ui.upload(view, "Upload a journal", "x.json", raw)
    assert "Imported the journal of" in view.status
    assert "<img" not in view.status
    [journal_file] = [p for p in (data_dir / "profiles").glob("*.json") if "." not in p.stem]
    assert_inside(journal_file, data_dir)
    assert [p.name for p in pr.list_profiles()] == [_expected_name(name)]


@pytest.mark.parametrize("bad, says", [
    ("", "type a name"), ("   ", "type a name"), ("\x00\x01", "type a name"),
    ("\x00\x01\n\t", "type a name"), ("\u200b\u200d\ufeff", "type a name"),
    ("x" * 61, "60 characters"), ("y" * 10_000, "60 characters"), (None, "must be text"), (5, "must be text"),
    (b"Sam", "must be text"),
])
def test_a_name_that_cannot_be_used_gets_a_kind_message(bad, says: str, data_dir: Path) -> None:
    with pytest.raises(storage.ProfileNameError) as err:
        jr.Journal.open(bad)
    assert says in str(err.value) and "name" in str(err.value).lower()
    assert not (data_dir / "profiles").exists() or not list((data_dir / "profiles").iterdir())


def test_the_panel_explains_a_name_it_cannot_use(data_dir: Path) -> None:
    panel = tw.profile_setup()
    ui.choose(panel, "Who is working:", "Someone new…")
    ui.type_into(panel, "Your name:", "   \x00  ")
    ui.click(panel, "Create my profile")
    assert "Please type a name" in panel.status
    assert session_module.session().journal is None and pr.list_profiles() == []


@pytest.mark.parametrize("first, second", [
    ("Sam", "SAM"), ("Sam", " sam "), ("Sam Lee", "Sam   Lee"), ("Sam Lee", " Sam\u00a0\u2003Lee "),
    ("José", "Jose\u0301"), ("Zoë", "Zoe\u0308"), ("Ångström", "A\u030angstro\u0308m"), ("JOSÉ", "jose\u0301"),
    ("ΣΊΣΥΦΟΣ", "σίσυφος"), ("Sam", "Sam\x00"), ("Sam", "\u200bSam"),
])
def test_the_same_name_written_differently_is_the_same_profile(first: str, second: str, data_dir: Path) -> None:
    a = jr.Journal.open(first)
    a.set_entry("exercise.x", "written by the first")
    b = jr.Journal.open(second)
    assert b.path == a.path
    assert b.entry("exercise.x") == "written by the first"
    b.set_entry("exercise.y", "and the second")
    assert jr.Journal.open(first).entry("exercise.y") == "and the second"
    assert [p.name for p in pr.list_profiles()] == [_expected_name(first)]


def test_the_panel_opens_an_existing_profile_instead_of_making_a_second(data_dir: Path) -> None:
    jr.Journal.open("José").set_entry("exercise.x", "mine")
    panel = tw.profile_setup()
    ui.choose(panel, "Who is working:", "Someone new…")
    ui.type_into(panel, "Your name:", "  JOSE\u0301 ")
    ui.click(panel, "Create my profile")
    assert "already exists, so it has been opened" in html.unescape(panel.status)
    assert session_module.session().journal.entry("exercise.x") == "mine"
    assert len(pr.list_profiles()) == 1


@pytest.mark.parametrize("names", [
    ["Sam", "Sami", "Sam 2", "Sam2", "S am"], ["CON", "CON.", "CON1", "con_"], ["..", ".", "...", "~"],
    ["名前", "名", "前"], ["عربي", "عرب"], ["🙂", "🙃", "😀"], ["a/b", "a:b", "a\\b", "a b", "ab"],
])
def test_different_names_are_different_files(names: list[str], data_dir: Path) -> None:
    paths = set()
    for n, name in enumerate(names):
        j = jr.Journal.open(name)
        j.set_entry("exercise.x", n)
        paths.add(j.path)
        assert_inside(j.path, data_dir)
    assert len(paths) == len(names)
    assert sorted(p.name for p in pr.list_profiles()) == sorted(_expected_name(n) for n in names)
    for n, name in enumerate(names):
        assert jr.Journal.open(name).entry("exercise.x") == n


def test_the_picker_lists_hostile_names_as_text_and_opens_the_right_one(data_dir: Path) -> None:
    names = ["<b>bold</b>", "../x", "CON", "Sam"]
    for n, name in enumerate(names):
        jr.Journal.open(name).set_entry("exercise.x", n)
    panel = tw.profile_setup()
    labels = [label for label, _ in ui.control(panel, "Who is working:").options]
    assert labels[0] == "Choose your name…", "with no journal open, no name is chosen for the person"
    assert sorted(labels[1:-1]) == sorted(names) and labels[-1] == "Someone new…"
    ui.control(panel, "Who is working:").value = "<b>bold</b>"
    ui.click(panel, "Open my journal")
    assert session_module.session().journal.entry("exercise.x") == 0
    assert "&lt;b&gt;bold&lt;/b&gt;" in panel.status and "<b>bold</b>" not in panel.status


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=profile_names)
def test_any_usable_name_stays_inside_and_lists_as_typed(name: str) -> None:
    with fresh_data_folder() as folder:
        j = jr.Journal.open(name)
        j.set_entry("exercise.x", name)
        assert_inside(j.path, Path(folder))
        assert len(list(Path(folder).rglob("*.json"))) == 1
        assert [p.name for p in pr.list_profiles()] == [_expected_name(name)]
        assert jr.Journal.open(_expected_name(name)).entry("exercise.x") == name


@settings(max_examples=80, deadline=None)
@given(a=st.one_of(odd_text, profile_names), b=st.one_of(odd_text, profile_names))
def test_different_names_never_share_a_file(a: str, b: str) -> None:
    try:
        ca, cb = _expected_name(a), _expected_name(b)
    except storage.ProfileNameError:
        return
    if ca.casefold() != cb.casefold():
        assert pr.profile_id(ca) != pr.profile_id(cb)
    else:
        assert pr.profile_id(ca).rsplit("-", 1)[1] == pr.profile_id(cb).rsplit("-", 1)[1]


@settings(max_examples=60, deadline=None)
@given(name=profile_names, spaces=st.lists(st.sampled_from([" ", "  ", "\u00a0", "\u3000"]), min_size=2, max_size=2))
def test_spacing_and_composed_or_decomposed_letters_give_the_same_file(name: str, spaces: list[str]) -> None:
    clean = _expected_name(name)
    variants = [clean, unicodedata.normalize("NFD", clean), spaces[0] + clean.replace(" ", spaces[1]) + spaces[1]]
    assert len({pr.profile_id(v) for v in variants}) == 1


@pytest.mark.parametrize("name", ["e\u200b\u0301", "a\x00\u0301", "Zoe\u200d\u0308"])
def test_cleaning_a_name_twice_changes_nothing(name: str) -> None:
    once = ct.clean_name(name)
    assert ct.clean_name(once) == once
    assert pr.journal_path(name) == jr.Journal.open(name).path


def test_a_name_and_its_capitals_are_one_profile_even_with_sharp_s(data_dir: Path) -> None:
    assert jr.Journal.open("Straße").path == jr.Journal.open("STRASSE").path


@pytest.mark.parametrize("typed", ["Sam\tLee", "Sam\nLee", "Sam\r\nLee"])
def test_a_tab_or_line_break_between_words_counts_as_a_space(typed: str) -> None:
    assert ct.clean_name(typed) == "Sam Lee"


@pytest.mark.parametrize("name", HOSTILE_NAMES[::4], ids=[repr(n)[:30] for n in HOSTILE_NAMES[::4]])
def test_a_hostile_name_typed_into_the_panel_opens_its_own_profile(name: str, data_dir: Path) -> None:
    panel = tw.profile_setup()
    ui.choose(panel, "Who is working:", "Someone new…")
    ui.type_into(panel, "Your name:", name)
    ui.click(panel, "Create my profile")
    journal = session_module.session().journal
    assert journal is not None and journal.name == _expected_name(name)
    assert_inside(journal.path, data_dir)
    status = panel.status
    assert not re.search(r"<\s*(script|img)\b", status, re.I)
    assert html.escape(journal.name, quote=False) in status
    ui.control(panel, "My relationship:").value = "family"  # the first save writes the journal file
    assert [label for label, _ in ui.control(panel, "Who is working:").options][:-1] == [_expected_name(name)]
    assert ui.control(panel, "Who is working:").value == journal.name


@pytest.mark.parametrize("name", ["\U0001fa77", "Ana \U0001fae8"])
def test_a_name_with_a_recent_emoji_keeps_it(name: str) -> None:
    assert ct.clean_name(name) == name
