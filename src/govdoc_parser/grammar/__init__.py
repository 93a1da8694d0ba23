"""Text grammars of the genre, shared by the layout and labelling stages (pure functions over
text, rules in ``rules/*.toml``)."""
