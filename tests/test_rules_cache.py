"""The marshal cache of parsed TOML tables: same tables, refreshed on change, optional."""

import tomllib

from govdoc_parser.rules import load_toml


def test_cached_table_equals_the_parsed_one_and_follows_edits(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVDOC_CACHE", str(tmp_path / "cache"))
    table = tmp_path / "units.toml"
    table.write_text('[kinds]\ncount = ["件", "人次"]\n', encoding="utf-8")
    first = load_toml(table)
    assert list((tmp_path / "cache").glob("units-*.marshal"))
    assert load_toml(table) == first == tomllib.loads(table.read_text(encoding="utf-8"))
    table.write_text('[kinds]\ncount = ["起"]\n', encoding="utf-8")
    assert load_toml(table) == {"kinds": {"count": ["起"]}}


def test_a_damaged_cache_file_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("GOVDOC_CACHE", str(tmp_path))
    table = tmp_path / "t.toml"
    table.write_text("a = 1\n", encoding="utf-8")
    load_toml(table)
    for cached in tmp_path.glob("t-*.marshal"):
        cached.write_bytes(b"\x00garbage")
    assert load_toml(table) == {"a": 1}


def test_no_writable_cache_directory_still_loads(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("GOVDOC_CACHE", str(blocker / "cache"))
    table = tmp_path / "t.toml"
    table.write_text('when = 2024-03-01\nname = "x"\n', encoding="utf-8")  # a date: marshal cannot store it
    assert load_toml(table)["name"] == "x"
