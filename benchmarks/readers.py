"""How well the text readers read: figures on their labelled sets in tests/data.

Not timings: each row is one measurement of agreement with a person's labels, so it has one
value. The apology reader's goals come from issue 15 (macro-F1 >= 0.85 and no component
credited to a draft that is not an apology); its halves are reported apart because half 2
was written after the reader changed (see tests/data/reader_figures.md for its held-out figure).
"""

from __future__ import annotations

from common import Row


def run(repeat: int, tmp) -> list[Row]:
    from tests import reader_sets

    rows = []
    n = len(reader_sets.load("apology_drafts"))
    for half, name in ((None, f"all {n} drafts"), (1, "half 1"), (2, "half 2"), (3, "check batch")):
        figures = reader_sets.apology_figures(half)
        whole = half is None
        rows.append(Row(f"Apology reader: macro-F1 ({name})", [figures.macro_f1], "", 0.85 if whole else None, "≥",
                        "cue lists miss wording the labelled set uses; read the errors in the test"))
        rows.append(Row(f"Apology reader: components credited to non-apologies ({name})",
                        [float(figures.false_credits)], "", 0.5 if whole else None, "<",
                        "a denial or deflection phrase is missing from exercises.yaml"))
    figures, feeling = reader_sets.accusation_figures()
    rows.append(Row(f"I-statement reader: macro-F1 ({figures.n} sentences)", [figures.macro_f1], ""))
    rows.append(Row("I-statement reader: feeling lifted out correctly (share)", [feeling], ""))
    figures = reader_sets.startup_figures()
    rows.append(Row(f"Gentle start-up reader: macro-F1 over the four horsemen ({figures.n} start-ups)",
                    [figures.macro_f1], ""))
    rows.append(Row("Gentle start-up reader: horsemen heard in gentle start-ups", [float(figures.false_credits)], ""))
    return rows
