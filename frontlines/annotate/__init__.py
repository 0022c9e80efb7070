"""Annotation stages: each reads a Document's layers and assigns new ones."""
