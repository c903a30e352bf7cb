"""Curriculum content: the data files in ``content/data`` (each with a JSON Schema in
``content/schema``) and the one module that reads them, :mod:`trust_workshop.content.loader`.

``from trust_workshop import content`` gives the loader's typed accessors (``content.stage``,
``content.exercise`` …); the safety data has its own accessors in :mod:`content.safety`.
Nothing in this layer imports from ``trust_workshop.model`` or ``trust_workshop.views``.
"""

from trust_workshop.content.loader import *  # noqa: F403
from trust_workshop.content.loader import __all__  # noqa: F401
