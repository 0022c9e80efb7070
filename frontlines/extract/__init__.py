"""Extraction: event mentions from annotated documents (types, roles, dates, places, counts, sources)."""
