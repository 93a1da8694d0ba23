"""Writing results: Markdown rendering of a Report (``markdown.py``), files that are
either whole or absent (``files.py``) and the HTML review page of ``govdoc view``
(``view.py``, imported by that command only)."""
