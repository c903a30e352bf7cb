"""The notebooks' prose (issue 18): core-path words, reading grade and repeated sentences.

Not timings: each row is one count of the committed notebooks, so it has one value. The aim
of at most 1,500 core-path words per stage notebook (01-08) and of no sentence of 12+ words
repeated word for word in three or more notebooks come from issue 18; the grade has no goal
(it is an estimate, for spotting hard passages). The full table is printed as well.
"""

from __future__ import annotations

from common import ROOT, Row

from trust_workshop import prose

CORE_WORDS_AIM = 1500


def run(repeat: int, tmp) -> list[Row]:
    paths = prose.notebooks([str(ROOT / "workshop")])
    measures = prose.measure(paths)
    print(prose.table(measures), flush=True)
    rows = []
    for m in measures:
        stage = "01" <= m.notebook[:2] <= "08"
        rows.append(Row(f"Prose {m.notebook}: core-path words", [float(m.core_words)], "words",
                        CORE_WORDS_AIM if stage else None, "≤",
                        "teaching that could be a 'Read more' fold is still in the core path"))
        rows.append(Row(f"Prose {m.notebook}: grade of the core path (Flesch-Kincaid)", [m.grade], "grade"))
    repeats = prose.repeated_sentences(paths)
    rows.append(Row("Prose: sentences of 12+ words repeated in 3+ notebooks", [float(len(repeats))], "sentences",
                    0, "≤", "general words a view could say once are still in notebooks (see prose --repeats)"))
    return rows
