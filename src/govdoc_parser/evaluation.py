"""End-to-end evaluation in the GROBID manner: field-level P/R/F1 against gold JSON.

A gold file ``NAME.gold.json`` holds the fields its document really shows (a field that is
absent is not scored). Each field is scored twice: *exact* (whitespace removed) and *soft*
(also punctuation width folded and final punctuation dropped).
"""

from __future__ import annotations

import json
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Optional

import regex

from .errors import GovdocError
from .read import DEFAULT_ENGINE
from .metrics.scoring import Counts  # tp/fp/fn with precision, recall and F1


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, the basis of OCR character accuracy (1 - distance / length).

    >>> edit_distance("法治政府", "法治正府"), edit_distance("", "报告")
    (1, 2)
    """
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y)))
        previous = current
    return previous[-1]

SCALAR_FIELDS = {
    "doc_type": lambda d: d.get("doc_type"),
    "title": lambda d: d.get("title"),
    "issuer_mark": lambda d: (d.get("header") or {}).get("issuer_mark"),
    "document_number": lambda d: ((d.get("header") or {}).get("document_number") or {}).get("raw"),
    "docno_agency_code": lambda d: ((d.get("header") or {}).get("document_number") or {}).get("agency_code"),
    "docno_year": lambda d: ((d.get("header") or {}).get("document_number") or {}).get("year"),
    "docno_serial": lambda d: ((d.get("header") or {}).get("document_number") or {}).get("serial"),
    "signature_date": lambda d: (d.get("signature") or {}).get("date"),
    "note": lambda d: d.get("note"),
    "printed_by": lambda d: (d.get("imprint") or {}).get("printed_by"),
    "printed_on": lambda d: (d.get("imprint") or {}).get("printed_on"),
}
LIST_FIELDS = {
    "issuers": lambda d: (d.get("header") or {}).get("issuers"),
    "signatories": lambda d: (d.get("header") or {}).get("signatories"),
    "addressees": lambda d: d.get("addressees"),
    "attachments": lambda d: d.get("attachments"),
    "copied_to": lambda d: (d.get("imprint") or {}).get("copied_to"),
    "signature_issuers": lambda d: (d.get("signature") or {}).get("issuers"),
    "sections": lambda d: [_section_item(s) for s in _flat(d.get("sections") or [])],
    "attachment_sections": lambda d: _attachment_items(d),
    "table_captions": lambda d: [t.get("caption") or "" for t in _tables(d)],
    "table_cells": lambda d: _cell_items(d),
}
_PATHS = {
    "issuer_mark": ("header", "issuer_mark"),
    "document_number": ("header", "document_number"),
    "docno_agency_code": ("header", "document_number", "agency_code"),
    "docno_year": ("header", "document_number", "year"),
    "docno_serial": ("header", "document_number", "serial"),
    "signature_date": ("signature", "date"),
    "printed_by": ("imprint", "printed_by"),
    "printed_on": ("imprint", "printed_on"),
    "issuers": ("header", "issuers"),
    "signatories": ("header", "signatories"),
    "copied_to": ("imprint", "copied_to"),
    "signature_issuers": ("signature", "issuers"),
    "table_captions": ("tables",),
    "table_cells": ("tables",),
}


def _flat(sections: list[dict]) -> list[dict]:
    """Gold sections are a flat list; a Report's are a tree."""
    flat = []
    for section in sections:
        flat.append(section)
        flat.extend(_flat(section.get("children") or []))
    return flat


def _tables(doc: dict) -> list[dict]:
    """Gold tables, or a Report's tables (main and attached documents') as gold writes them."""
    if "attached_documents" not in doc:  # gold
        return doc.get("tables") or []
    found = list(doc["tables"]) + [t for a in doc.get("attached_documents") or [] for t in a.get("tables") or []]
    return [{"caption": t.get("caption"), "rows": _grid(t)} for t in found]


def _grid(table: dict) -> list[list[str]]:
    rows = [["" for _ in range(table["n_columns"])] for _ in range(table["n_rows"])]
    for cell in table["cells"]:
        rows[cell["row"]][cell["column"]] = cell["text"]
    return rows


def _cell_items(doc: dict) -> list[str]:
    """Non-empty cells as caption|row|column|text: cell-level P/R/F1 matches cells by their
    table's caption, row and column (text with whitespace removed)."""
    return [f"{soft_norm(t.get('caption') or '')}|{r}|{c}|{text}"
            for t in _tables(doc) for r, row in enumerate(t["rows"]) for c, text in enumerate(row) if text]


def _attachment_items(doc: dict) -> list[str]:
    """Headings of attached documents, labelled: from gold's ``attachment_sections`` or a
    Report's ``attached_documents``."""
    if "attachment_sections" in doc:
        by_label = doc.get("attachment_sections") or {}
    else:
        by_label = {}
        for attached in doc.get("attached_documents") or []:
            by_label.setdefault(attached.get("label") or "附件", []).extend(attached.get("sections") or [])
    return [f"{label}|{_section_item(s)}" for label, sections in by_label.items() for s in _flat(sections)]


def _section_item(section: dict) -> str:
    return f"{section.get('level')}|{section.get('number', '')}|{section.get('heading', '')}"


def _present(gold: dict, name: str) -> bool:
    node: Any = gold
    for key in _PATHS.get(name, (name,)):
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def exact_norm(value: Any) -> str:
    return regex.sub(r"\s+", "", str(value))


def soft_norm(value: Any) -> str:
    """Whitespace removed, punctuation width folded, final punctuation dropped.

    >>> soft_norm("（一） 依法行政。") == soft_norm("(一)依法行政")
    True
    """
    text = "".join(unicodedata.normalize("NFKC", ch) if not ("\u4e00" <= ch <= "\u9fff") else ch for ch in str(value))
    text = regex.sub(r"\s+", "", text)
    return text.rstrip("。.，,；;：:")


def score_scalar(pred: Any, gold: Any, norm: Callable) -> Counts:
    if gold is None:
        return Counts(fp=int(pred is not None))
    if pred is None:
        return Counts(fn=1)
    return Counts(tp=1) if norm(pred) == norm(gold) else Counts(fp=1, fn=1)


def score_list(pred: Optional[list], gold: list, norm: Callable) -> Counts:
    p = Counter(norm(x) for x in (pred or []))
    g = Counter(norm(x) for x in (gold or []))
    tp = sum((p & g).values())
    return Counts(tp=tp, fp=sum(p.values()) - tp, fn=sum(g.values()) - tp)


@dataclass
class EvalResult:
    exact: dict[str, Counts] = field(default_factory=dict)
    soft: dict[str, Counts] = field(default_factory=dict)
    per_file: list[tuple[str, int, int, Counts]] = field(default_factory=list)  # name, right, scored, soft
    errors: list[str] = field(default_factory=list)
    files: int = 0
    missing: list[str] = field(default_factory=list)  # gold files with no input document
    seconds: float = 0.0
    metrics: Optional[Counts] = None  # summed over the files with metric gold


def _as_gold_convention(pred: dict, gold: dict) -> dict:
    """Gold written before attached documents were kept apart (no ``attachment_sections``)
    lists their headings in ``sections``: score the prediction the same way."""
    if "attachment_sections" in gold or not pred.get("attached_documents"):
        return pred
    attached = [s for doc in pred["attached_documents"] for s in doc.get("sections") or []]
    return {**pred, "sections": (pred.get("sections") or []) + attached}


def score_document(pred: dict, gold: dict, result: EvalResult) -> tuple[int, int, Counts]:
    right = scored = 0
    soft_total = Counts()
    pred = _as_gold_convention(pred, gold)
    for name, getter in {**SCALAR_FIELDS, **LIST_FIELDS}.items():
        if not _present(gold, name):
            continue
        scorer = score_scalar if name in SCALAR_FIELDS else score_list
        for mode, norm in (("exact", exact_norm), ("soft", soft_norm)):
            counts = scorer(getter(pred), getter(gold), norm)
            totals = getattr(result, mode)
            totals[name] = totals.get(name, Counts()) + counts
            if mode == "exact":
                scored += 1
                right += int(counts.fp == 0 and counts.fn == 0)
            else:
                soft_total = soft_total + counts
    return right, scored, soft_total


def _input_for(gold_path: Path, gold: dict, inputs: Path, suffix: Optional[str]) -> Path:
    stem = gold_path.name[: -len(".gold.json")]
    if suffix:
        return inputs / f"{stem}{suffix}"
    named = inputs / gold.get("file", stem)
    return named if named.exists() else gold_path.with_name(stem)


def evaluate_folder(gold_dir: Path, inputs: Path, *, suffix: Optional[str] = None, engine: str = DEFAULT_ENGINE) -> EvalResult:
    from .metrics.scoring import score_file
    from .pipeline import parse_file

    result = EvalResult()
    started = time.perf_counter()
    for gold_path in sorted(gold_dir.rglob("*.gold.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        source = _input_for(gold_path, gold, inputs, suffix)
        if not source.exists():
            result.missing.append(source.name)
            continue
        try:
            report = parse_file(source, engine=engine)
        except (GovdocError, OSError) as exc:
            result.errors.append(f"{source.name}: {exc}")
            pred = {}  # a file that cannot be parsed misses every gold field
        except Exception as exc:  # a bug in one file must not stop the evaluation
            result.errors.append(f"{source.name}: internal error {type(exc).__name__}: {exc}")
            pred = {}
        else:
            pred = report.model_dump()
        right, scored, soft = score_document(pred, gold, result)
        if "metrics" in gold:
            counts = score_file(pred and report.metrics, gold["metrics"])
            result.metrics = counts if result.metrics is None else result.metrics + counts
        result.per_file.append((gold.get("file") or source.name, right, scored, soft))
        result.files += 1
    result.seconds = time.perf_counter() - started
    return result


def format_report(result: EvalResult, per_file: bool = False) -> str:
    lines = [f"{'field':<20} {'n':>5} {'P':>6} {'R':>6} {'F1':>6}   {'soft P':>6} {'soft R':>6} {'soft F1':>7}"]
    rows = list(result.exact.items())
    fields = [name for name, _ in rows if not name.startswith("table_")]  # cells are counted apart
    if fields:
        rows.append(("all fields (micro)", sum((result.exact[n] for n in fields), Counts())))
    for name, exact in rows:
        soft = result.soft.get(name) or sum((result.soft[n] for n in fields), Counts())
        n = exact.tp + exact.fn
        lines.append(
            f"{name:<20} {n:>5} {exact.precision:>6.3f} {exact.recall:>6.3f} {exact.f1:>6.3f}   "
            f"{soft.precision:>6.3f} {soft.recall:>6.3f} {soft.f1:>7.3f}"
        )
    if result.metrics is not None:
        m = result.metrics
        lines.append(f"{'metrics':<20} {m.tp + m.fn:>5} {m.precision:>6.3f} {m.recall:>6.3f} {m.f1:>6.3f}   "
                     f"(match rule of metrics-annotation.md; tp {m.tp}, fp {m.fp}, fn {m.fn})")
        if m.tp:
            lines.append(f"{'  metric object acc.':<20} {m.object_accuracy:>6.3f}   kind {m.kind_right / m.tp:.3f}, "
                         f"change {m.change_right / m.tp:.3f}")
    if result.missing:
        lines.append(f"no input for {len(result.missing)} gold files (not scored)")
    lines.append(f"files: {result.files}, errors: {len(result.errors)}, time: {result.seconds:.2f} s "
                 f"({result.seconds / max(result.files, 1) * 1000:.0f} ms per file)")
    lines += [f"error: {e}" for e in result.errors]
    if per_file:
        lines += [f"  {name}: {right}/{scored} fields exact, soft F1 {soft.f1:.3f} (tp {soft.tp}, fp {soft.fp}, fn {soft.fn})"
                  for name, right, scored, soft in result.per_file]
    return "\n".join(lines)
