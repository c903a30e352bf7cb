"""Moving a journal: the download a participant keeps, and reading one back in (an upload)."""

from __future__ import annotations

from typing import Any

from trust_workshop.model import contents as ct
from trust_workshop.model import jsonsafe, profiles
from trust_workshop.model.contents import clean_name
from trust_workshop.model.journal import Journal
from trust_workshop.model.storage import ImportProblem, JournalError, ProfileNameError

EXPORT_FORMAT = "trust-workshop-journal"
GROUP_SUMMARY_FORMAT = "trust-workshop-group-summary"  # summary.FORMAT; a participant may pick the wrong file
MAX_IMPORT_DEPTH = 64  # a journal is about 8 levels deep; far deeper files break the pages that show them
NOTHING_CHANGED = "Nothing was changed."


def export_bytes(journal: ct.Contents) -> bytes:
    """The whole journal as one file the participant can keep or move."""
    package = {"format": EXPORT_FORMAT, "exported": ct.now(), "journal": journal.data}
    return jsonsafe.dumps(package, compact=True)  # compact: whatever is downloaded can be uploaded


def export_filename(journal: Journal) -> str:
    return f"trust-journal-{profiles.profile_id(journal.name)}-{ct.today()}.json"


def _too_big(raw: bytes) -> ImportProblem:
    return ImportProblem(f"That file is {len(raw) / 1_048_576:.0f} MB, far bigger than a journal. Please choose the "
                         f"file you downloaded with 'Download my journal'. {NOTHING_CHANGED}")


_REFUSED = {
    "zip": "That file is a zip archive, not a journal. Unzip it first, or choose the .json file.",
    "not_text": "That file is not a text file, so it cannot be a journal.",
    "too_deep": "That file is nested far too deeply to be a journal.",
    "not_json": "That file is not a journal file (it is not readable JSON).",
    "empty": "That file is not a journal file (it is not readable JSON).",
}


def read_import(raw: bytes) -> dict[str, Any]:
    """Check an uploaded file and return the journal it holds; ImportProblem if refused."""
    try:
        package = jsonsafe.read_untrusted(raw, max_bytes=ct.MAX_UPLOAD_BYTES, max_depth=MAX_IMPORT_DEPTH)
    except jsonsafe.Refused as err:
        if err.why == "too_big":
            raise _too_big(raw) from err
        if err.why == "odd_value":
            raise ImportProblem(f"That file cannot be a journal: {err}. {NOTHING_CHANGED}") from err
        raise ImportProblem(f"{_REFUSED[err.why]} {NOTHING_CHANGED}") from err
    if isinstance(package, dict) and package.get("format") == GROUP_SUMMARY_FORMAT:
        raise ImportProblem(
            "That file is a group summary from 'Share my summary with the group', not a journal. To move your "
            f"journal, choose the file from 'Download my journal'. {NOTHING_CHANGED}"
        )
    if not isinstance(package, dict) or package.get("format") != EXPORT_FORMAT:
        raise ImportProblem("That file was not made by 'Download my journal' in this workshop, so it was not "
                            f"imported. {NOTHING_CHANGED}")
    try:
        journal = ct.validate(package.get("journal"))
    except JournalError as err:
        raise ImportProblem(f"That journal file could not be imported because {err}. {NOTHING_CHANGED}") from err
    # Measured as the workshop writes it, so a file that was only spaced out is not refused,
    # and every journal accepted here can be downloaded and uploaded again.
    if len(jsonsafe.dumps(journal, compact=True)) > ct.MAX_JOURNAL_BYTES:
        raise _too_big(raw)
    try:
        journal["profile"]["name"] = clean_name(journal["profile"]["name"])
    except ProfileNameError as err:
        raise ImportProblem("That journal file could not be imported because the profile name in it is empty or "
                            f"cannot be used. {NOTHING_CHANGED}") from err
    return journal


def import_journal(raw: bytes, unlocked: Journal | None = None) -> tuple[Journal, str]:
    """Import an exported journal into the profile it names.

    If that profile already has a journal here, it is kept as a dated copy first. If that
    journal is locked with a passphrase, the import needs it open (``unlocked``, the same
    profile opened with its passphrase) and stays locked; otherwise nothing is changed.
    Returns the journal and a sentence for the participant.
    """
    data = read_import(raw)
    journal = Journal(data["profile"]["name"], data)
    kept = journal.take_import(data, unlocked)
    return journal, f"Imported the journal of '{journal.name}'.{kept}"
