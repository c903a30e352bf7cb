"""Widgets and charts. Views read and write the journal only through ``model.journal``."""
