"""An nbconvert exporter: ``jupyter nbconvert --to handout workshop/03-....ipynb``.

It turns a stage notebook into that stage's printable handout (built from the same content
data as the notebook, so no code is ever shown). JupyterLab lists it under
File → Save and Export Notebook As.
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters import Exporter
from traitlets import Unicode

from trust_workshop import content
from trust_workshop.outputs import pdf


class HandoutExporter(Exporter):
    """Export a stage notebook as its printable handout (PDF)."""

    export_from_notebook = "Rebuilding Trust handout (PDF)"
    output_mimetype = "application/pdf"
    paper = Unicode("a4", help="Paper size: a4 or letter").tag(config=True)

    def _file_extension_default(self) -> str:
        return ".pdf"

    def from_notebook_node(self, nb, resources: dict[str, Any] | None = None, **kw):
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        name = (resources.get("metadata") or {}).get("name", "")
        stage = next((s for s in content.stages() if s.notebook == name), None)
        if stage is None:
            known = ", ".join(s.notebook for s in content.stages())
            raise ValueError(f"{name!r} is not a stage notebook; handouts exist for: {known}.")
        resources["output_extension"] = ".pdf"
        return pdf.handout(stage.key, self.paper), resources
