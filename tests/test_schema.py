import json

import jsonschema

from govdoc_parser import parse
from govdoc_parser.schema import SCHEMA_PATH, render


def test_committed_schema_matches_model():
    assert SCHEMA_PATH.read_text(encoding="utf-8") == render(), (
        "schemas/report.schema.json is stale: run python -m govdoc_parser.schema"
    )


def test_report_validates_against_schema(tmp_path):
    doc = tmp_path / "doc.txt"
    doc.write_text("某县人民政府关于2022年度法治政府建设情况的报告\n市委：\n一、主要成效\n全年办理案件12件。\n", encoding="utf-8")
    report = json.loads(parse(doc).model_dump_json())
    jsonschema.validate(report, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
