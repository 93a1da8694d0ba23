"""HTML rendering: a government-portal article page (政府信息公开 style).

The page has the usual furniture (top bar, navigation, breadcrumb, share widgets,
related links, footer with 备案号 and 网站标识码) and the 信息公开 metadata table above
the article.  The article reproduces the whole document, 版头 and 版记 included, as
portals do for 文件 reproductions.
"""

from __future__ import annotations

import hashlib
from html import escape

from .source import SPANNED, Block, Doc, table_regions

FW = "　"

CSS = """
body{margin:0;font-family:"Microsoft YaHei","微软雅黑",SimSun,sans-serif;background:#f2f2f2;color:#333}
.topbar{background:#b5141a;color:#fff;font-size:13px;padding:6px 40px}
.topbar a{color:#fff;margin-right:14px;text-decoration:none}
.banner{background:#c8161d;color:#fff;padding:18px 40px;font-size:30px;letter-spacing:4px}
.nav{background:#9e1117}.nav a{display:inline-block;color:#fff;padding:10px 22px;text-decoration:none}
.wrap{width:1000px;margin:0 auto;background:#fff;padding:10px 30px 30px}
.crumb{font-size:14px;color:#666;padding:12px 0;border-bottom:1px solid #ddd}
.crumb a{color:#666;text-decoration:none}
table.xxgk{width:100%;border-collapse:collapse;margin:16px 0;font-size:14px}
table.xxgk th{background:#f7f7f7;width:12%;text-align:right;border:1px solid #e2e2e2;padding:6px;font-weight:normal}
table.xxgk td{border:1px solid #e2e2e2;padding:6px;width:38%}
h1.arttitle{font-size:24px;text-align:center;color:#b5141a;margin:24px 0 8px}
.artinfo{text-align:center;font-size:13px;color:#888;border-bottom:1px dashed #ccc;padding-bottom:10px}
.artinfo span{margin:0 10px}
.fontsize a{color:#888;margin:0 3px;cursor:pointer}
.article{font-family:FangSong,"仿宋_GB2312",仿宋,serif;font-size:18px;line-height:2;padding:20px 40px}
.article p{margin:0}
.article .redhead{color:#e00;font-size:38px;text-align:center;font-family:"方正小标宋简体",SimSun,serif;letter-spacing:2px;line-height:1.4}
.article .redhead table{margin:0 auto;color:#e00}
.article .docno{margin-top:20px}
.article .redline{border:0;border-top:2px solid #e00;margin:6px 0 24px}
.article .title{text-align:center;font-size:26px;font-family:"方正小标宋简体",SimSun,serif;margin-bottom:12px}
.article .h1{font-family:SimHei,黑体,sans-serif}.article .h2{font-family:KaiTi,楷体_GB2312,楷体,serif}
.article .sign{text-align:right;padding-right:4em}
.article .att-label{font-family:SimHei,黑体,sans-serif;margin-top:40px}
.article .banji{border-top:1px solid #000;border-bottom:1px solid #000;margin-top:40px;font-size:16px}
.article .banji p{padding:4px 1em}
.article .banji .cc{border-bottom:1px solid #000}
.share{font-size:13px;color:#666;padding:14px 0;border-top:1px solid #eee}
.share a{margin-right:10px;color:#c8161d}
.related{font-size:14px;padding:10px 0}.related li{line-height:1.9}
.footer{background:#9e1117;color:#eee;text-align:center;font-size:13px;padding:20px;line-height:1.9}
"""
# appended only for documents that have tables, regulations or portal extras, so that the
# pages of the first corpus round stay byte-identical
CSS_EXTRA = """
.article .chapter{text-align:center;font-family:SimHei,黑体,sans-serif;margin:6px 0}
.article table.doctab{border-collapse:collapse;margin:8px auto;font-size:15px;line-height:1.6}
.article table.doctab td,.article table.doctab th{border:1px solid #000;padding:4px 8px;text-align:center}
.article table.doctab th{font-family:SimHei,黑体,sans-serif;font-weight:normal}
.footlinks a{color:#eee;margin:0 8px;text-decoration:none}
"""
# appended for the 政府信息公开年度报告 form tables (other pages stay byte-identical)
CSS_FORM = """
.article table.doctab{width:100%;font-size:14px;line-height:1.5}
.article table.doctab td,.article table.doctab th{padding:3px 4px}
.article table.doctab td.b{font-family:SimHei,黑体,sans-serif}
"""


def _p(text: str, cls: str | None = None, indent: bool = True) -> str:
    c = f' class="{cls}"' if cls else ""
    return f"<p{c}>{FW * 2 if indent else ''}{escape(text)}</p>"


def _table(b: Block) -> str:
    """A ruled table; merged cells (``^`` above, ``<`` left) become rowspan / colspan; the
    head rows are ``th`` cells (in a ``thead`` when the table has several)."""
    rows = b.rows
    span = table_regions(rows)
    head = b.head_rows
    out = ['<table class="doctab">']
    for ri, r in enumerate(rows):
        if head > 1 and ri == 0:
            out.append("<thead>")
        if head > 1 and ri == head:
            out.append("</thead><tbody>")
        tag = "th" if ri < head else "td"
        cells = []
        for ci, c in enumerate(r):
            if c in SPANNED:
                continue
            n_r, n_c = span[(ri, ci)]
            rs = f' rowspan="{n_r}"' if n_r > 1 else ""
            cs = f' colspan="{n_c}"' if n_c > 1 else ""
            bold = ' class="b"' if tag == "td" and b.bold_row(ri) else ""
            cells.append(f"<{tag}{rs}{cs}{bold}>{escape(c)}</{tag}>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    if head > 1:
        out.append("</tbody>")
    out.append("</table>")
    return "".join(out)


def render_html(doc: Doc) -> str:
    portal = doc.portal
    site = portal.get("site", doc.issuers[0] + "门户网站")
    channel = portal.get("channel", ["政务公开", "政府文件"])
    pub = portal.get("published", doc.date_iso)
    crumbs = " &gt; ".join(['<a href="../index.html">首页</a>'] +
                           [f'<a href="#">{escape(c)}</a>' for c in channel] + ["正文"])
    meta_rows = [
        ("索引号", portal.get("index_no", "")), ("主题分类", portal.get("category", "综合政务")),
        ("发文机关", "、".join(doc.issuers)), ("成文日期", doc.date_raw),
        ("标题", doc.title), ("", ""),
        ("发文字号", doc.document_number or ""), ("发布日期", pub),
    ]
    meta = []
    for i in range(0, len(meta_rows), 2):
        (k1, v1), (k2, v2) = meta_rows[i], meta_rows[i + 1]
        if k1 == "标题":
            meta.append(f"<tr><th>{k1}：</th><td colspan=\"3\">{escape(v1)}</td></tr>")
            continue
        meta.append(f"<tr><th>{k1}：</th><td>{escape(v1)}</td><th>{k2}：</th><td>{escape(v2)}</td></tr>")

    art = []
    for k in ("copy_number", "classification", "urgency"):
        if getattr(doc, k):
            art.append(_p(getattr(doc, k), indent=False))
    # portals squeeze a long red mark with CSS (transform / font-stretch), not a condensed font
    mark_css = portal.get("mark_css")
    mstyle = f' style="{escape(mark_css)}"' if mark_css else ""
    if doc.plain_layout:
        pass   # no 版头
    elif len(doc.issuer_names) == 1:
        art.append(f'<div class="redhead"{mstyle}>{escape(doc.issuer_mark)}</div>')
    else:
        rows = []
        longest = max(len(n) for n in doc.issuer_names)
        for i, n in enumerate(doc.issuer_names):
            cell = (f'<td rowspan="{len(doc.issuer_names)}" style="vertical-align:middle;'
                    f'font-size:44px;padding-left:16px">{escape(doc.mark_suffix)}</td>'
                    if i == 0 and doc.mark_suffix else "")
            if doc.style.get("mark_spread") == "glyphs" and len(n) < longest:
                ls = (longest - len(n)) / (len(n) - 1)
                name = (f'<span style="letter-spacing:{ls:.3f}em;margin-right:-{ls:.3f}em">'
                        f'{escape(n)}</span>')
                rows.append(f'<tr><td style="text-align:left">{name}</td>{cell}</tr>')
            else:
                rows.append(f"<tr><td style=\"text-align:justify\">{escape(n)}</td>{cell}</tr>")
        art.append(f'<div class="redhead"{mstyle}><table>' + "".join(rows) + "</table></div>")
    dn = doc.document_number or ""
    if doc.order_layout:
        art.append(f'<p class="docno" style="text-align:center">{escape(dn)}</p>')
        art.append("<p>&nbsp;</p>")
    elif doc.signatories and len(doc.signatories) > 2:
        rows = [FW.join(doc.signatories[i:i + 2]) for i in range(0, len(doc.signatories), 2)]
        names = f"签发人：{escape(rows[0])}" + "".join(
            f'<br><span style="padding-left:4em">{escape(r)}</span>' for r in rows[1:])
        art.append(f'<p class="docno">{FW}{escape(dn)}'
                   f'<span style="float:right;text-align:left">{names}{FW}</span></p>'
                   '<p style="clear:both"></p>')
    elif doc.signatories:
        art.append(f'<p class="docno">{FW}{escape(dn)}'
                   f'<span style="float:right">签发人：{escape(FW.join(doc.signatories))}{FW}</span></p>')
    elif dn:
        art.append(f'<p class="docno" style="text-align:center">{escape(dn)}</p>')
    if not doc.order_layout:
        if not doc.plain_layout:
            art.append('<hr class="redline">')
        art.append('<p class="title">' + "<br>".join(escape(t) for t in doc.title_lines) + "</p>")
    if doc.addressees_line:
        art.append(_p(doc.addressees_line, indent=False))

    def blocks(bs):
        for b in bs:
            if b.kind == "heading":
                art.append(_p(b.text, {1: "h1", 2: "h2"}.get(b.level)))
            elif b.kind == "runin":
                hl = len(b.number) + len(b.heading) + 1
                cls = {1: "h1", 2: "h2"}.get(b.level)
                head = f'<span class="{cls}">{escape(b.text[:hl])}</span>' if cls else (
                    f"<strong>{escape(b.text[:hl])}</strong>")
                art.append(f"<p>{FW * 2}{head}{escape(b.text[hl:])}</p>")
            elif b.kind == "flush":
                art.append(_p(b.text, indent=False))
            elif b.kind == "chapter":
                art.append(_p(b.text, "chapter", indent=False))
            elif b.kind == "article":
                n = len(b.number)
                art.append(f'<p>{FW * 2}<span class="h1">{escape(b.text[:n])}</span>'
                           f"{escape(b.text[n:])}</p>")
            elif b.kind == "table":
                art.append(_table(b))
            else:
                art.append(_p(b.text))

    blocks(doc.blocks)
    if doc.attachment_note_lines:
        art.append("<p>&nbsp;</p>")
        for i, l in enumerate(doc.attachment_note_lines):
            art.append(f"<p>{FW * 2 if i == 0 else FW * 5}{escape(l)}</p>")
    art.append("<p>&nbsp;</p>")
    for n in doc.signature_issuers:
        art.append(f'<p class="sign">{escape(n)}</p>')
    if doc.signer:
        art.append(f'<p class="sign">{escape(doc.signer)}</p>')
    art.append(f'<p class="sign">{escape(doc.date_raw)}</p>')
    if doc.note:
        art.append(_p(doc.note))
    for a in doc.attachments:
        if a.label:
            art.append(f'<p class="att-label">{escape(a.label)}</p>')
            art.append('<p class="title">' + "<br>".join(escape(t) for t in a.title_lines) + "</p>")
        else:
            art.append('<p class="title" style="margin-top:40px">'
                       + "<br>".join(escape(t) for t in a.title_lines) + "</p>")
        blocks(a.blocks)
    if doc.copied_to_line or doc.printed_line:
        art.append('<div class="banji">')
        if doc.copied_to_line:
            art.append(f'<p class="cc">{escape(doc.copied_to_line)}</p>')
        if doc.printed_line:
            by, on = doc.printed_line
            art.append(f'<p>{escape(by)}<span style="float:right">{escape(on)}</span></p>')
        art.append("</div>")

    extra = any(b.kind in ("chapter", "article", "table") for b in doc.blocks) or any(
        b.kind in ("chapter", "article", "table") for a in doc.attachments for b in a.blocks) or bool(
        portal.get("footer_links"))
    css = CSS + (CSS_EXTRA if extra else "") + (CSS_FORM if doc.form_tables else "")
    links = ""
    if portal.get("footer_links"):
        links = ('<div class="footlinks">' + "".join(
            f'<a href="#">{escape(x)}</a>' for x in portal["footer_links"]) + "</div>\n")
    year = pub[:4]
    digest = hashlib.sha256(site.encode("utf-8")).hexdigest()
    icp = portal.get("icp", f"ICP备{int(digest[:8], 16) % 10**8:08d}号-1")
    site_code = portal.get("site_code", f"{int(digest[8:18], 16) % 10**10:010d}")
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="SiteName" content="{escape(site)}">
<meta name="ArticleTitle" content="{escape(doc.title)}">
<meta name="PubDate" content="{escape(pub)} 10:00">
<meta name="ContentSource" content="{escape(doc.issuers[0])}">
<title>{escape(doc.title)}_{escape(site)}</title>
<style>{css}</style>
</head>
<body>
<div class="topbar"><a href="#">无障碍浏览</a><a href="#">长者模式</a><a href="#">繁體</a><a href="#">登录</a><span style="float:right">欢迎访问{escape(site)}</span></div>
<div class="banner">{escape(site.replace("门户网站", ""))}</div>
<div class="nav"><a href="#">首页</a><a href="#">走进{escape(doc.issuers[0][:3])}</a><a href="#">政务公开</a><a href="#">政务服务</a><a href="#">互动交流</a><a href="#">专题专栏</a></div>
<div class="wrap">
<div class="crumb">您所在的位置：{crumbs}</div>
<table class="xxgk">
{chr(10).join(meta)}
</table>
<h1 class="arttitle">{escape(doc.title)}</h1>
<div class="artinfo"><span>发布时间：{escape(pub)}</span><span>来源：{escape(doc.issuers[0])}</span><span>浏览次数：<em id="hits">1286</em></span><span class="fontsize">字号：<a>大</a><a>中</a><a>小</a></span></div>
<div class="article" id="zoom">
{chr(10).join(art)}
</div>
<div class="share">分享到：<a href="#">微信</a><a href="#">微博</a><a href="#">QQ空间</a><span style="float:right"><a href="#">【打印本页】</a><a href="#">【关闭窗口】</a></span></div>
<div class="related"><b>相关链接</b><ul><li><a href="#">政策解读</a></li><li><a href="#">{escape(portal.get("related", "历年法治政府建设年度报告"))}</a></li></ul></div>
</div>
<div class="footer">{links}主办：{escape(doc.issuers[0])}办公室　承办：{escape(site.replace("门户网站", ""))}信息中心<br>
网站标识码：{site_code}　备案号：{escape(icp)}<br>
版权所有 © {year} {escape(site)}　建议使用1366×768分辨率浏览</div>
</body>
</html>
"""
