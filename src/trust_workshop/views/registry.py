"""One registration per exercise kind.

A kind is what a notebook calls (``form("impact_map")``, ``apology_builder()``) and what a
stage lists in ``stages.yaml`` (``form:impact_map``, ``apology_builder``). Its registration,
written once beside its widget, holds:

* ``make``: the widget factory the notebook calls;
* ``worksheet``: how one exercise of this kind prints on a stage handout, as the data the
  handout template draws (``{"kind": "fields", "title": ..., ...}``);
* its labels for the journey and the report: the parts of a saved answer are labelled from
  ``labels.yaml`` (``parts: {kind: ...}``) and from the exercise's own wording in
  ``exercises.yaml``, read through :attr:`ExerciseKind.part_labels`.

So adding an exercise kind is one ``register(...)`` call plus its content data. Every module
in this package is imported by :func:`kinds`, so a registration anywhere in ``views`` counts.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from trust_workshop import content

Worksheet = Callable[[str], dict[str, Any]]


@dataclass(frozen=True)
class ExerciseKind:
    name: str                  # the notebook call and the name in stages.yaml
    make: Callable[..., Any]   # the widget factory
    worksheet: Worksheet       # exercise key -> the handout's worksheet data
    keyed: bool = False        # called with an exercise key: form("impact_map")

    @property
    def part_labels(self) -> dict[str, str]:
        return content.part_labels(self.name)

    def call(self, key: str) -> str:
        """The notebook's call for one exercise of this kind: 'form("impact_map")' or 'apology_builder()'."""
        return f'{self.name}("{key}")' if self.keyed else f"{self.name}()"


_KINDS: dict[str, ExerciseKind] = {}


def register(name: str, make: Callable[..., Any], worksheet: Worksheet, *, keyed: bool = False) -> ExerciseKind:
    """Register an exercise kind (once per name); returns the registration."""
    if name in _KINDS and _KINDS[name].make is not make:
        raise ValueError(f"The exercise kind {name!r} is registered twice.")
    kind = ExerciseKind(name, make, worksheet, keyed)
    _KINDS[name] = kind
    return kind


def kinds() -> dict[str, ExerciseKind]:
    """Every registered exercise kind, by name (importing every views module first)."""
    import trust_workshop.views as package

    for module in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{module.name}")
    return dict(_KINDS)


def kind(name: str) -> ExerciseKind:
    found = kinds().get(name)
    if found is None:
        raise KeyError(f"No exercise kind {name!r}; the kinds are {', '.join(sorted(kinds()))}.")
    return found


def worksheet(stage_key: str) -> list[dict[str, Any]]:
    """A stage's worksheet for its handout: each exercise printed by its kind, in the stage's order."""
    return [kind(name).worksheet(key) for name, key in content.worksheet_entries(stage_key)]


def stage_calls(stage_key: str) -> list[str]:
    """The exercise calls a stage's notebook makes, in order, as its notebook must make them."""
    return [kind(name).call(key) for name, key in content.worksheet_entries(stage_key)]
