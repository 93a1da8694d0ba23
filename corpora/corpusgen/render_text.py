"""Plain-text rendering: the lines a text converter (docx/wps -> txt) gives for a 公文."""

from __future__ import annotations

from .source import Doc

FW = "　"  # full-width space


def header_lines(doc: Doc) -> list[str]:
    out = []
    for k in ("copy_number", "classification", "urgency"):
        if getattr(doc, k):
            out.append(getattr(doc, k))
    if len(doc.issuer_names) == 1:
        out.append(doc.issuer_mark)
    else:  # joint letterhead: stacked names, 文件 beside them
        for i, name in enumerate(doc.issuer_names):
            last = i == len(doc.issuer_names) - 1
            out.append(name + (FW * 2 + doc.mark_suffix if last and doc.mark_suffix else ""))
    out.append("")
    if doc.document_number and doc.signatories:
        out.append(doc.document_number + FW * 6 + "签发人：" + FW.join(doc.signatories))
    elif doc.document_number:
        out.append(doc.document_number)
    elif doc.signatories:
        out.append("签发人：" + FW.join(doc.signatories))
    out.append("")
    return out


def render_text(doc: Doc) -> str:
    ind = FW * 2 if doc.style.get("indent_text") else ""
    lines = header_lines(doc)
    lines.extend(doc.title_lines)
    lines.append("")
    if doc.addressees_line:
        lines.append(doc.addressees_line)
    for b in doc.blocks:
        lines.append(("" if b.kind == "flush" else ind) + b.text)
    if doc.attachments:
        lines.append("")
        for i, l in enumerate(doc.attachment_note_lines):
            lines.append(ind + (l if i == 0 else FW * 3 + l))
    lines.append("")
    for name in doc.signature_issuers:
        lines.append(name)
    lines.append(doc.date_raw)
    if doc.note:
        lines.append(ind + doc.note)
    for i, a in enumerate(doc.attachments, 1):
        lines.append("")
        lines.append("附件" + (str(i) if len(doc.attachments) > 1 else ""))
        lines.append("")
        lines.extend(a.title_lines)
        lines.append("")
        for b in a.blocks:
            lines.append(("" if b.kind == "flush" else ind) + b.text)
    if doc.copied_to_line or doc.printed_line:
        lines.append("")
        if doc.copied_to_line:
            lines.append(doc.copied_to_line)
        if doc.printed_line:
            by, on = doc.printed_line
            lines.append(by + FW * 4 + on)
    return "\n".join(lines) + "\n"
