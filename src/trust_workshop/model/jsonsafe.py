"""JSON in and out of the workshop's files, so that whatever is written can be read back.

Two doors:

* :func:`clean` takes any value a page wants to save and returns one that JSON can hold
  and this module can read back: text with a lone surrogate (half an emoji) gets the
  replacement character, a dict's number keys become text as JSON would make them, and
  anything JSON cannot hold (a set, an object, infinity, a number too large to read back)
  is refused with :class:`Unwritable`, a ``ValueError`` with a kind message.
* :func:`loads` reads JSON text and refuses, with :class:`Unreadable`, numbers too long for
  Python to read (it converts integers of up to 4,300 digits, and raises a bare ``ValueError``
  beyond), NaN and infinity. What :func:`clean` lets through (integers up to 100 digits) is
  always read back.

Both work without recursion, so a deeply nested value cannot exhaust the stack.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from typing import Any

MAX_DIGITS = 100  # integers up to this long are written and read: far below Python's 4,300-digit limit
_TOO_BIG = 10**MAX_DIGITS
_SURROGATES = re.compile("[\ud800-\udfff]")
_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")


class Unwritable(ValueError):
    """A value that cannot be saved as it is (``str(err)`` is a kind sentence)."""


class Unreadable(ValueError):
    """JSON text that holds something the workshop never writes (``str(err)`` says what)."""


def clean_text(text: str) -> str:
    """Text that UTF-8 can hold: a surrogate pair becomes its character, a lone half becomes U+FFFD."""
    if not _SURROGATES.search(text):
        return text
    joined = _PAIR.sub(lambda m: m.group(0).encode("utf-16-le", "surrogatepass").decode("utf-16-le"), text)
    return _SURROGATES.sub("\ufffd", joined)


def _key(key: Any) -> str:
    if isinstance(key, str):
        return clean_text(key)
    if key is None or isinstance(key, bool):
        return json.dumps(key)  # "null", "true", "false", as json.dumps would write them
    if isinstance(key, int):
        _check_int(key)
        return str(key)
    if isinstance(key, float) and math.isfinite(key):
        return repr(key)
    raise Unwritable("Part of this answer has a label that cannot be saved. Nothing was changed.")


def _check_int(value: int) -> None:
    if abs(value) >= _TOO_BIG:  # compared, never converted: str() of a huge int itself raises
        raise Unwritable("This answer holds a number far too large to be saved. Nothing was changed.")


def _leaf(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, int):
        _check_int(value)
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise Unwritable("This answer holds a number that is not a real number. Nothing was changed.")
        return value
    raise Unwritable("This answer holds something that cannot be saved as text or numbers. Nothing was changed.")


def _rebuild(value: Any, key: Callable[[Any], str], leaf: Callable[[Any], Any]) -> Any:
    """A copy of nested dicts and lists with each key and leaf passed through ``key`` and ``leaf``,
    built without recursion. Two keys that become the same are refused (Unwritable)."""
    root: list[Any] = [None]
    todo: list[tuple[Any, Any, Any]] = [(value, root, 0)]  # (value, container, key in container)
    while todo:
        item, parent, slot = todo.pop()
        if isinstance(item, dict):
            out: dict[str, Any] = {}
            for k, v in item.items():
                new_key = key(k)
                if new_key in out:
                    raise Unwritable("Two parts of this answer have the same label once saved. Nothing was changed.")
                out[new_key] = None
                todo.append((v, out, new_key))
            parent[slot] = out
        elif isinstance(item, (list, tuple)):
            seq: list[Any] = [None] * len(item)
            todo.extend((v, seq, i) for i, v in enumerate(item))
            parent[slot] = seq
        else:
            parent[slot] = leaf(item)
    return root[0]


def clean(value: Any) -> Any:
    """A copy of ``value`` that JSON can hold and read back; Unwritable with a kind message if none."""
    return _rebuild(value, _key, _leaf)


def copy(value: Any) -> Any:
    """A deep copy of a JSON value (dicts, lists and leaves), however deeply it nests."""
    return _rebuild(value, lambda k: k, lambda v: v)


def _parse_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise Unreadable("it holds a number too large to be an answer")
    return value


def _parse_constant(name: str) -> float:
    raise Unreadable(f"it holds {name}, which is not a number")


def loads(text: str | bytes) -> Any:
    """Parse JSON, refusing what the workshop never writes (Unreadable). Other errors as ``json.loads``.

    Integers are parsed by the json module's fast C scanner; one too long for Python to convert
    (over 4,300 digits) is refused here instead of escaping as a bare ``ValueError``.
    """
    try:
        return json.loads(text, parse_float=_parse_float, parse_constant=_parse_constant)
    except json.JSONDecodeError:
        raise
    except Unreadable:
        raise
    except ValueError as err:  # "Exceeds the limit (4300 digits) for integer string conversion"
        raise Unreadable("it holds a number thousands of digits long, far too long to be an answer") from err


def dumps(value: Any, *, compact: bool = False) -> bytes:
    """UTF-8 JSON bytes with keys sorted: compact for files people move, with a space after each
    separator for files on disk. Neither uses ``indent``, which turns off json's fast C encoder."""
    if compact:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    return json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")


# --- the one reader for files from elsewhere --------------------------------------------------


class Refused(Unreadable):
    """Bytes that :func:`read_untrusted` will not read. ``why`` names the reason, so each caller
    can say it in its own words: ``too_big``, ``zip``, ``empty``, ``not_text``, ``too_deep``,
    ``not_json`` (``line`` says where it stops making sense) or ``odd_value`` (``str(err)``)."""

    def __init__(self, why: str, message: str = "", line: int = 0) -> None:
        super().__init__(message or why)
        self.why = why
        self.line = line


def depth(value: Any) -> int:
    """How deeply lists and dicts nest in a parsed JSON value (without recursion)."""
    deepest, todo = 0, [(value, 0)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, level + 1)
            todo.extend((v, level + 1) for v in (item.values() if isinstance(item, dict) else item))
    return deepest


def read_untrusted(raw: bytes, *, max_bytes: int | None = None, max_depth: int | None = None,
                   bom: bool = True) -> Any:
    """Bytes from a file (an upload, or a file on disk that anyone could have edited) to a JSON
    value, checked in one order for every kind of file: size, zip, empty, UTF-8 (a byte-order
    mark allowed when ``bom``), JSON, values the workshop never writes, nesting. Raises
    :class:`Refused` with the reason; never a bare ``RecursionError`` or ``ValueError``."""
    if max_bytes is not None and len(raw) > max_bytes:
        raise Refused("too_big")
    if raw[:2] == b"PK":
        raise Refused("zip")
    if not raw.strip():
        raise Refused("empty")
    try:
        value = loads(raw.decode("utf-8-sig" if bom else "utf-8"))
    except Refused:
        raise
    except Unreadable as err:
        raise Refused("odd_value", str(err)) from err
    except UnicodeDecodeError as err:
        raise Refused("not_text") from err
    except RecursionError as err:
        raise Refused("too_deep") from err
    except json.JSONDecodeError as err:
        raise Refused("not_json", line=err.lineno) from err
    if max_depth is not None and depth(value) > max_depth:
        raise Refused("too_deep")
    return value
