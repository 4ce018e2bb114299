"""Build-time glue between the exercises and the MkDocs site (called from scripts/mkdocs_hooks.py)."""
