"""Widgets and charts. Views read the journal through its typed accessors (``model.contents``)
and change it through ``model.journal``; each exercise kind is registered once in ``registry``."""
