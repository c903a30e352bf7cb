"""Layers: content → model → views (→ outputs). A lower layer never imports a higher one."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "trust_workshop"
RANK = {"content": 0, "model": 1, "views": 2, "outputs": 3}


def _layer(path: Path) -> str | None:
    rel = path.relative_to(PACKAGE).parts
    return rel[0] if rel[0] in RANK else None


def _imports(path: Path, text: str | None = None) -> set[str]:
    """Every module a file imports, written out in full: ``from trust_workshop import views`` gives
    ``trust_workshop.views``, and a relative import is resolved against the file's own package."""
    tree = ast.parse(path.read_text("utf-8") if text is None else text)
    package = ["trust_workshop", *path.relative_to(PACKAGE).parts[:-1]]
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            names.add(module)
            names.update(f"{module}.{a.name}" for a in node.names)  # a name may be a submodule
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
    return names


def test_the_import_reader_sees_every_form() -> None:
    probe = PACKAGE / "content" / "probe.py"  # never written: the text is given
    found = _imports(probe, "from trust_workshop import views\nfrom ..model import journal\nfrom . import x\n")
    assert {"trust_workshop.views", "trust_workshop.model.journal", "trust_workshop.content.x"} <= found


def test_lower_layers_never_import_higher_ones() -> None:
    problems = []
    for path in PACKAGE.rglob("*.py"):
        layer = _layer(path)
        if layer is None:
            continue
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] == "trust_workshop" and len(parts) > 1 and parts[1] in RANK:
                if RANK[parts[1]] > RANK[layer]:
                    problems.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert problems == []


def test_model_and_content_never_import_widgets() -> None:
    for path in list((PACKAGE / "model").rglob("*.py")) + list((PACKAGE / "content").rglob("*.py")):
        assert not {n for n in _imports(path) if n.split(".")[0] in {"ipywidgets", "IPython", "matplotlib"}}, path


def _writes_files(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id in {"open", "mkstemp"}:
            return True
        if isinstance(func, ast.Attribute) and func.attr in {"write_bytes", "write_text", "replace", "unlink",
                                                             "mkstemp", "fdopen", "mkdir"}:
            if func.attr == "replace" and not (isinstance(func.value, ast.Name) and func.value.id == "os"):
                continue  # str.replace
            return True
    return False


def test_only_these_modules_write_files() -> None:
    writers = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py") if _writes_files(p))
    # navigation.py and glossary.py rewrite the course's own notebooks (and glossary.py, with --merge, its
    # glossary data) for developers; they never see a journal.
    # outputs: the PDF compiler's private temporary folder, and files the user named on the command line.
    # model: storage writes every file (atomically); the journal removes its own files on delete, and
    # profiles renames a version-0.1 file to its new name.
    assert writers == ["glossary.py", "model/journal.py", "model/profiles.py", "model/storage.py", "navigation.py",
                       "outputs/cli.py", "outputs/pdf.py"]


LONGEST = 450  # lines: a module longer than this holds more than one job (issue 14)


def test_no_module_is_longer_than_it_should_be() -> None:
    long = {p.relative_to(PACKAGE).as_posix(): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > LONGEST}
    assert not long, f"split these modules, each over {LONGEST} lines: {long}"


def _one_line_boxes_that_sync_per_keystroke(tree: ast.AST) -> list[int]:
    """Lines that build a ``w.Text`` without saying when it sends its text, outside ``panel.line_box``."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "line_box":
            node.body = []  # the one place allowed to build it
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Text"
                and not any(k.arg == "continuous_update" for k in node.keywords)):
            found.append(node.lineno)
    return found


def test_one_line_boxes_send_their_text_before_a_button_press_can_overtake_it() -> None:
    """ipywidgets holds back a box's later keystrokes while the kernel is busy with an earlier one,
    but sends a button press at once, so on a slow hub a press can reach the kernel before the last
    letters typed (a profile was created as "Keyboar" for "Keyboard Kim"). One-line boxes are made
    with ``panel.line_box``, which sends the text when the box is left, before any press; a box that
    must send as it is typed says so (``continuous_update=True``) where it is built."""
    assert _one_line_boxes_that_sync_per_keystroke(ast.parse("w.Text(description='x')")) == [1]
    offenders = {str(p.relative_to(PACKAGE)): lines for p in PACKAGE.rglob("*.py")
                 if (lines := _one_line_boxes_that_sync_per_keystroke(ast.parse(p.read_text("utf-8"))))}
    assert offenders == {}
