"""Standard tables of the genre (forms/*.toml) and the engine that reads them (standard.py)."""
