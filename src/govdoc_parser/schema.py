"""Generate ``govdoc_parser/schemas/report.schema.json`` (shipped in the package) from the pydantic model.

Run ``python -m govdoc_parser.schema`` after changing ``model.py``; a test fails when the
committed schema and the model differ.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .model import SCHEMA_VERSION, Report

SCHEMA_PATH = Path(__file__).resolve().parent / "schemas" / "report.schema.json"


def report_schema() -> dict:
    schema = Report.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://govdoc-parser.example/schemas/report-{SCHEMA_VERSION}.json"
    return schema


def render() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> int:
    SCHEMA_PATH.parent.mkdir(parents=True, exist_ok=True)
    SCHEMA_PATH.write_text(render(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
