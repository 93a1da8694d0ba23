"""Plain-text rendering: the lines a text converter (docx/wps -> txt) gives for a 公文."""

from __future__ import annotations

from .source import Doc

FW = "　"  # full-width space


def _text_width(s: str) -> int:
    """Width in full-width characters (ASCII digits and letters count half)."""
    return round(sum(0.5 if ch.isascii() else 1 for ch in s))


def header_lines(doc: Doc) -> list[str]:
    if doc.plain_layout:   # no 版头: the title opens the document
        return []
    out = []
    for k in ("copy_number", "classification", "urgency"):
        if getattr(doc, k):
            out.append(getattr(doc, k))
    if doc.order_layout:   # 命令/公告: mark, 第N号, no title of its own
        return out + [doc.issuer_mark, "", doc.document_number or "", ""]
    if len(doc.issuer_names) == 1:
        out.append(doc.issuer_mark)
    else:  # joint letterhead: stacked names, 文件 beside them
        for i, name in enumerate(doc.issuer_names):
            last = i == len(doc.issuer_names) - 1
            out.append(name + (FW * 2 + doc.mark_suffix if last and doc.mark_suffix else ""))
    out.append("")
    if doc.document_number and doc.signatories and len(doc.signatories) > 2:
        # two names a line; the next line's names start under the first name
        first = doc.document_number + FW * 6 + "签发人："
        out.append(first + FW.join(doc.signatories[:2]))
        for i in range(2, len(doc.signatories), 2):
            out.append(FW * _text_width(first) + FW.join(doc.signatories[i:i + 2]))
    elif doc.document_number and doc.signatories:
        out.append(doc.document_number + FW * 6 + "签发人：" + FW.join(doc.signatories))
    elif doc.document_number:
        out.append(doc.document_number)
    elif doc.signatories:
        out.append("签发人：" + FW.join(doc.signatories))
    out.append("")
    return out


def block_line(b, ind: str) -> str:
    if b.kind == "flush":
        return b.text
    if b.kind == "table":   # a converter's table: one row a line, cells between tabs
        return b.text
    if b.kind == "chapter":
        return b.text
    return ind + b.text


def render_text(doc: Doc) -> str:
    ind = FW * 2 if doc.style.get("indent_text") else ""
    lines = header_lines(doc)
    if not doc.order_layout:
        lines.extend(doc.title_lines)
        lines.append("")
    if doc.addressees_line:
        lines.append(doc.addressees_line)
    for b in doc.blocks:
        lines.append(block_line(b, ind))
    if doc.attachment_note_lines:
        lines.append("")
        for i, l in enumerate(doc.attachment_note_lines):
            lines.append(ind + (l if i == 0 else FW * 3 + l))
    lines.append("")
    for name in doc.signature_issuers:
        lines.append(name)
    if doc.signer:
        lines.append(doc.signer)
    lines.append(doc.date_raw)
    if doc.note:
        lines.append(ind + doc.note)
    for a in doc.attachments:
        lines.append("")
        if a.label:
            lines.append(a.label)
            lines.append("")
        lines.extend(a.title_lines)
        lines.append("")
        for b in a.blocks:
            lines.append(block_line(b, ind))
    if doc.copied_to_line or doc.printed_line:
        lines.append("")
        if doc.copied_to_line:
            lines.append(doc.copied_to_line)
        if doc.printed_line:
            by, on = doc.printed_line
            lines.append(by + FW * 4 + on)
    return "\n".join(lines) + "\n"
