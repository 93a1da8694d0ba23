"""Writing results: Markdown rendering of a Report (``markdown.py``) and files that are
either whole or absent (``files.py``)."""
