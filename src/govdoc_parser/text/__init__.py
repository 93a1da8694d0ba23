"""The text layer: small primitives every stage shares, one module per concern.

- ``fold``: printed text to its matching form (simplified, half-width digits and
  letters, ordinary characters for radicals), one character for one;
- ``numerals``: Chinese numerals, both ways (四十七, 一百零五, 二〇二一, 壹佰);
- ``dates``: the dates of 公文 (2021年12月31日, 二〇二一年十二月三十一日, 2024.3.8);
- ``punct``: the punctuation classes (sentence and clause ends, brackets, quotes).

The rules they read are TOML tables in ``text/rules/``.
"""
