"""Saved web pages and WeChat articles: text only, in the page's declared encoding."""

import pytest

from reports.readers import ReadError, read_document

WECHAT = """<!DOCTYPE html><html><head><meta charset="{charset}"><title>微信公众平台</title>
<style>.rich_media_content {{ color: red }}</style>
<script>var msg_title = "不该出现"; window.alert("x");</script></head>
<body><div id="page-nav"><nav>首页 | 关于我们</nav></div>
<h1 class="rich_media_title" id="activity-name">  三江街道：网格治理见实效  </h1>
<div class="rich_media_content" id="js_content" style="visibility: hidden;">
<section><p>2022年，三江街道划分<span style="color:red">58</span>个网格，配备网格员<strong>120</strong>名。</p>
<p>建成养老服务站<b>12</b>个。<br>全年服务老人3000余人次。</p>
<p>文中写到 &lt;script&gt;alert(1)&lt;/script&gt; 的字样只是文字。</p></section>
<script>document.write("也不该出现")</script><noscript>请开启脚本</noscript>
</div><footer>版权所有</footer></body></html>"""


def test_it_keeps_the_text_of_a_wechat_article_and_drops_scripts_and_styles():
    document = read_document(WECHAT.format(charset="utf-8").encode("utf-8"), "公众号文章.html")
    assert document.file_format == "html"
    assert document.text.split("\n\n") == [
        "三江街道：网格治理见实效",
        "2022年，三江街道划分58个网格，配备网格员120名。",
        "建成养老服务站12个。\n全年服务老人3000余人次。",
        "文中写到 <script>alert(1)</script> 的字样只是文字。",
    ]
    for noise in ("不该出现", "color", "首页", "版权所有", "请开启脚本"):
        assert noise not in document.text


@pytest.mark.parametrize("charset", ["gb2312", "gbk", "GB18030"])
def test_it_decodes_a_page_by_its_declared_gb_charset(charset):
    page = WECHAT.format(charset=charset).replace("三江街道划分", "三江街道（䶮）划分")
    document = read_document(page.encode("gb18030"), "page.htm")
    assert "三江街道（䶮）划分58个网格" in document.text
    assert document.encoding == "gb18030"


def test_it_decodes_a_page_by_its_declared_big5_charset():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=big5"></head>' \
           "<body><p>三江街道劃分58個網格，配備網格員120名。</p></body></html>"
    document = read_document(page.encode("big5"), "page.html")
    assert document.text == "三江街道劃分58個網格，配備網格員120名。"


def test_it_refuses_a_page_that_is_nothing_but_scripts():
    page = "<html><head><script>" + "var a=1;" * 500 + "</script><style>p{}</style></head><body>" + \
           "<script src='x.js'></script>" * 50 + "</body></html>"
    with pytest.raises(ReadError) as error:
        read_document(page.encode(), "空壳.html")
    assert "网页里没有正文文字" in error.value.message_zh


def test_it_reads_a_saved_page_named_txt_as_a_web_page():
    document = read_document(WECHAT.format(charset="utf-8").encode(), "复制.txt")
    assert document.file_format == "html"
    assert "不该出现" not in document.text


@pytest.mark.parametrize("charset", ["rot13", "rot_13", "idna", "punycode", "base64", "hex", "zlib", "uu",
                                     "unicode_escape", "raw-unicode-escape", "utf-7", "undefined", "utf-16",
                                     "utf-32", "charmap", "no-such-codec", "utf-8\x00"])
def test_it_ignores_a_declared_charset_that_is_no_text_encoding(charset):
    page = WECHAT.format(charset=charset)
    document = read_document(page.encode("utf-8"), "page.html")
    assert "三江街道划分58个网格" in document.text
    assert document.encoding == "utf-8"


def test_it_detects_gbk_when_the_declared_charset_is_bogus():
    page = WECHAT.format(charset="rot13")
    document = read_document(page.encode("gb18030"), "page.html")
    assert "三江街道划分58个网格" in document.text
