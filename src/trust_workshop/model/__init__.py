"""Pure Python: scoring, progress and the participant journal. No widgets here."""
