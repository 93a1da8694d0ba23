"""The closed set of block labels (documented in docs/labels.md)."""

from __future__ import annotations

from ..layout import Block

LABELS: dict[str, str] = {
    "copy_number": "份号",
    "classification": "密级和保密期限",
    "urgency": "紧急程度",
    "issuer_mark": "发文机关标志, one block per printed row",
    "docno_line": "发文字号, with the 签发人 when printed on the same line",
    "signer_line": "签发人, and names continued on the next lines",
    "title": "标题 of the main document or of an attached document",
    "front_other": "other text above the body that is none of the above",
    "addressee": "主送机关",
    "heading": "numbered heading 一、 （一） 1. （1）",
    "chapter": "第X章 or 第X节 of a regulation",
    "article": "第X条 of a regulation (its （一） items and later paragraphs belong to it)",
    "list_item": "numbered item of a list in body style, or an item inside a 条: not a heading",
    "paragraph": "body text",
    "table": "text inside a table",
    "attachment_note": "附件说明 (附件：1.… 2.…)",
    "attachment_start": "附件N label that opens an attached document",
    "signature_organ": "署名: organ names above the 成文日期",
    "signature_person": "署名 by a person (a post and a name: 市长 张三)",
    "seal_text": "a template's stand-in for the seal (此处加盖印章)",
    "date": "成文日期",
    "note": "附注",
    "imprint_line": "版记: 抄送, 印发机关 and 印发日期",
}


def set_label(block: Block, label: str, rule: str) -> None:
    if label not in LABELS:
        raise ValueError(f"unknown label {label!r}")
    block.label, block.rule = label, rule
