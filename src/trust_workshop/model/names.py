"""Names people type: profile names and shared pseudonyms, cleaned one way and compared one way."""

from __future__ import annotations

import unicodedata


def tidy(text: str) -> str:
    """Text as a name is kept: trimmed, single spaces, NFC, no control or invisible characters.

    Tabs and line breaks count as spaces. Characters newer than this Python's Unicode tables
    (a recent emoji, say) are kept. Tidying tidy text changes nothing.
    """
    text = "".join(" " if ch.isspace() else ch for ch in str(text))
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str) -> str:
    """The form in which two names count as the same: full Unicode case folding with
    compatibility normalisation, so 'Aydın' is 'AYDIN', 'Işık' is 'IŞIK', 'Ｂｅｎ' is 'Ben', and
    Greek accents match however they were typed (precomposed or combining)."""
    text = unicodedata.normalize("NFKD", text).casefold()
    # Turkish and Azeri: dotless ı pairs with I, and İ folds to i with a combining dot above.
    text = text.replace("\u0131", "i").replace("i\u0307", "i")
    return unicodedata.normalize("NFC", unicodedata.normalize("NFKD", text).casefold())
