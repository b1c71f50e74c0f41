"""A saved web page or WeChat article: its text only, scripts, styles and page furniture dropped."""

import codecs
import re

from reports.readers.base import DocumentText, ReadError, check_plausible_chinese, letters, tidy_lines

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.IGNORECASE)
# GB2312 and GBK pages routinely contain characters only GB18030 has; Big5 pages, HKSCS ones.
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030",
              "big5": "big5hkscs", "cp950": "big5hkscs"}

# Never article text: code, styling, embedded objects, navigation and forms.
_DROP = ["script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "math",
         "nav", "footer", "aside", "form", "button", "select", "textarea", "input", "head"]
_PARAGRAPH = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "pre", "table",
              "ul", "ol", "figure", "hr", "header", "main"]
_LINE = ["div", "li", "tr", "dd", "dt", "figcaption", "caption"]
_CELL = ["td", "th"]


def read_html(data: bytes) -> DocumentText:
    from bs4 import BeautifulSoup

    markup, encoding = _decode(data)
    soup = BeautifulSoup(markup, "lxml")
    title = _title(soup)
    for tag in soup.find_all(_DROP):
        tag.decompose()
    root = _content_root(soup)
    for tag in root.find_all("br"):
        tag.replace_with("\n")
    for tag in root.find_all(_CELL):
        tag.append(" ")
    for tag in root.find_all(_LINE):
        tag.insert_before("\n")
        tag.append("\n")
    for tag in root.find_all(_PARAGRAPH):
        tag.insert_before("\n\n")
        tag.append("\n\n")
    body = tidy_lines(root.get_text(""))
    if letters(body) == 0:
        raise ReadError(
            "网页里没有正文文字（去掉脚本、样式和页面框架后什么也没剩下）。"
            "如果是公众号文章，请在浏览器中完整打开后用“另存为 → 网页，全部”保存，或把正文复制到文本文件上传。",
            "The page has no text once scripts, styles and navigation are removed.",
        )
    if title and title not in body[:500]:
        body = f"{title}\n\n{body}"
    check_plausible_chinese(body, source="网页中",
                            advice="请在浏览器中确认网页显示正常，另存为 UTF-8 编码的网页后重新上传。")
    return DocumentText(text=body, file_format="html", encoding=encoding)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    declared = _DECLARED_CHARSET.search(data[:8192])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        name = _SUPERSETS.get(name, name)
        text = _decode_declared(data, name)
        # Pages saved from one encoding but still declaring another are common; trust the bytes then.
        if text is not None and text.count("\ufffd") <= max(3, len(text) // 1000):
            return text, name
    try:
        # Valid UTF-8 is almost never anything else; most saved pages are UTF-8 without saying so.
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from reports.extract import DecodeError, decode_bytes

    try:
        decoded = decode_bytes(data)
    except DecodeError as error:
        raise ReadError(error.reason_zh, error.reason_en) from error
    return decoded.text, decoded.encoding


# Python codecs that are not a web page's character set: str-to-str or bytes-to-bytes transforms (rot13,
# base64, zlib...) are caught by _is_text_encoding; these are "text" to Python but never a page's bytes. A page
# whose <meta> could be read as ASCII is not UTF-16/32 either (browsers ignore that declaration too).
_NOT_A_CHARSET = {"idna", "punycode", "unicode_escape", "raw_unicode_escape", "utf_7", "undefined", "charmap",
                  "utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"}


def _decode_declared(data: bytes, name: str) -> str | None:
    """``data`` decoded with the charset the page declares, or None when that is no real text encoding."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.replace("-", "_") in _NOT_A_CHARSET:
        return None
    try:
        return data.decode(info.name, errors="replace")
    except (LookupError, UnicodeError, ValueError, TypeError):
        # A codec that cannot run with errors="replace" on these bytes: fall back to detection.
        return None


def _title(soup) -> str:
    for selector in ("#activity-name", "h1.rich_media_title", 'meta[property="og:title"]', "title"):
        node = soup.select_one(selector)
        if node is None:
            continue
        text = node.get("content", "") if node.name == "meta" else node.get_text(" ")
        text = " ".join(text.split())
        if text:
            return text
    return ""


def _content_root(soup):
    # WeChat keeps the article in #js_content; other saved pages in <article> or <main>.
    for selector in ("#js_content", "article", "main", "body"):
        candidates = soup.select(selector)
        if candidates:
            return max(candidates, key=lambda node: len(node.get_text()))
    return soup
