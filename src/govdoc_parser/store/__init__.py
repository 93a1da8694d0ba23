"""Batch ingest into SQLite, export, and comparison across years.

``ingest.py`` walks folders and parses files on a worker pool (``pool.py``); the parent
alone writes each document to the database (``db.py``) in one transaction. ``export.py``
writes tables out (CSV, JSONL, Parquet, pandas); ``compare.py`` lines up one issuer's
metrics by the year reported (``years.py``), matching issuers by ``issuers.py`` keys.
"""
