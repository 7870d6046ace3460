"""Reading pages: encodings, gzip, HTML paragraphs (nesting, hidden blocks, locators), verdicts."""

import gzip
import json
import random
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from pagekit import ARTICLE, SPAM, news_html, tiny_model
from spamdetect.predictor import is_bare_number, is_chrome
from spamdetect.pages import (PageError, decode, html_paragraphs, page_labels, page_verdict, read_page_bytes,
                              scan_page, text_paragraphs)

SHARED = Path(__file__).resolve().parents[2] / "shared"

TRADITIONAL = ("臺灣新聞網報導,行政院今日召開記者會,說明明年度預算編列情形。各部會將配合政策推動數位轉型,"
               "並加強偏鄉地區的基礎建設。")
SIMPLIFIED = ARTICLE[0] + ARTICLE[1]


# -- encodings ---------------------------------------------------------------------------------
@pytest.mark.parametrize("data, encoding", [
    (SIMPLIFIED.encode("utf-8"), "utf-8"),
    (b"\xef\xbb\xbf" + SIMPLIFIED.encode("utf-8"), "utf-8-sig"),
    (SIMPLIFIED.encode("utf-16"), "utf-16"),
    (f'<meta charset="gbk"><p>{SIMPLIFIED}</p>'.encode("gbk"), "gb18030"),
    (f'<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>{SIMPLIFIED}</p>'.encode("gb2312"),
     "gb18030"),
    (f'<meta charset="big5"><p>{TRADITIONAL}</p>'.encode("big5"), "big5hkscs"),
    (f'<?xml version="1.0" encoding="GB18030"?><p>{SIMPLIFIED}𠀀</p>'.encode("gb18030"), "gb18030"),
])
def test_decode_uses_bom_and_declaration(data, encoding):
    text, used = decode(data)
    assert used == encoding
    assert (SIMPLIFIED in text) or (TRADITIONAL in text)
    assert not text.startswith("\ufeff")


@pytest.mark.parametrize("text, codec, expected", [
    (SIMPLIFIED, "gbk", "gb18030"),
    (TRADITIONAL, "big5", "big5hkscs"),
])
def test_decode_detects_undeclared_chinese_encodings(text, codec, expected):
    got, used = decode(f"<p>{text}</p>".encode(codec))
    assert used == expected and text in got


def test_declaration_that_lies_is_ignored():
    # a page saved as GBK that still says utf-8: common on Chinese sites
    got, used = decode(f'<meta charset="utf-8"><p>{SIMPLIFIED}</p>'.encode("gbk"))
    assert used == "gb18030" and SIMPLIFIED in got


def test_truncated_multibyte_tail_is_tolerated():
    data = f'<meta charset="gbk"><p>{SIMPLIFIED * 3}</p>'.encode("gbk") + "新".encode("gbk")[:1]
    text, used = decode(data)
    assert used == "gb18030" and SIMPLIFIED in text


def test_binary_and_undecodable_raise():
    with pytest.raises(PageError, match="binary"):
        decode(bytes(range(256)))
    rnd = random.Random(2)
    with pytest.raises(PageError, match="undecodable"):
        decode(bytes(rnd.randrange(0x81, 0xFF) for _ in range(3000)))


def test_read_page_bytes_gzip_and_limits(tmp_path):
    page = news_html().encode("utf-8")
    gz = tmp_path / "a.html.gz"
    gz.write_bytes(gzip.compress(page))
    data, size = read_page_bytes(gz)
    assert data == page and size == gz.stat().st_size
    with pytest.raises(PageError, match="too big"):
        read_page_bytes(gz, max_bytes=len(page) - 1)  # the decompressed size counts too
    with pytest.raises(PageError, match="too big"):
        read_page_bytes(gz, max_bytes=10)
    bad = tmp_path / "b.html.gz"
    bad.write_bytes(b"\x1f\x8b" + b"garbage" * 10)
    with pytest.raises(PageError, match="gzip"):
        read_page_bytes(bad)
    cut = tmp_path / "c.html.gz"
    cut.write_bytes(gzip.compress(page)[:-20])
    with pytest.raises(PageError, match="gzip"):
        read_page_bytes(cut)


# -- HTML paragraphs ---------------------------------------------------------------------------
def texts(paras):
    return [p.text for p in paras]


def test_nested_blocks_do_not_duplicate_text():
    html = ("<body><div>导语<p>第一段<b>加粗</b>结尾</p>中间<div><p>内层</p></div>末尾</div>"
            "<ul><li>甲</li><li>乙</li></ul><table><tr><td>格一</td><td>格二</td></tr></table></body>")
    assert texts(html_paragraphs(html)) == ["导语", "第一段加粗结尾", "中间", "内层", "末尾", "甲", "乙", "格一", "格二"]


def test_br_runs_title_pre_and_dropped_elements():
    html = ("<html><head><title> 标题 </title><style>p{color:red}</style></head><body>"
            "<script>var a='脚本';</script><noscript>请启用</noscript>"
            "<p>一行<br>二行<br/><br>三行</p><pre>甲行\n\n乙行</pre><!-- 注释 --></body></html>")
    paras = html_paragraphs(html)
    assert texts(paras) == ["标题", "一行", "二行", "三行", "甲行", "乙行"]
    assert paras[0].locator == "title"


@pytest.mark.parametrize("attrs", [
    'style="display:none"', 'style="DISPLAY: none;"', 'style="visibility:hidden"', "hidden",
    'style="position:absolute;left:-9999px"', 'style="position:absolute; top:-1000px"',
    'style="position:absolute;left:-999px"',
    'style="font-size:0px"', 'style="font-size:0"', 'style="text-indent:-9999px"',
    'style="height:0;overflow:hidden"', 'style="opacity:0"',
])
def test_hidden_blocks_are_kept_and_flagged(attrs):
    html = f"<body><p>正文</p><div {attrs}><p>{SPAM[0]}</p><p>{SPAM[1]}</p></div><p>结尾</p></body>"
    paras = html_paragraphs(html)
    assert texts(paras) == ["正文", SPAM[0], SPAM[1], "结尾"]
    assert [p.hidden for p in paras] == [False, True, True, False]


@pytest.mark.parametrize("style", ["font-size:0.8em", "font-size:12px", "left:-10px", "opacity:0.5",
                                   "height:0;overflow:visible",
                                   "position:absolute;left:50%;margin-left:-4800px"])
def test_visible_styles_are_not_hidden(style):
    assert [p.hidden for p in html_paragraphs(f'<div style="{style}">文字</div>')] == [False]


def test_hidden_by_page_stylesheet_class_and_id():
    html = ("<head><style>.a9x{display:none} #k2 , .show{color:red}\n#z1{visibility:hidden}</style></head>"
            "<body><div class='a9x'>类隐藏</div><div id='z1'>号隐藏</div><div class='show'>可见</div></body>")
    assert [(p.text, p.hidden) for p in html_paragraphs(html)] == [
        ("类隐藏", True), ("号隐藏", True), ("可见", False)]


def test_hidden_inline_element_is_its_own_paragraph():
    html = f'<p>正文开头<span style="display:none">{SPAM[0]}</span>正文结尾</p>'
    assert [(p.text, p.hidden) for p in html_paragraphs(html)] == [
        ("正文开头", False), (SPAM[0], True), ("正文结尾", False)]


def test_locators_find_their_paragraph():
    html = news_html('<div style="display:none"><p>隐藏一</p><p>隐藏二</p></div><div id="x" class="c">'
                     '<ul><li>甲</li><li>乙</li></ul></div><div id="dup">重一</div><div id="dup">重二</div>')
    tree = LexborHTMLParser(html)
    paras = html_paragraphs(html)
    for p in paras:
        if p.locator == "title":
            continue
        nodes = tree.css(p.locator)
        assert len(nodes) == 1, p.locator  # a locator names exactly one element
        assert p.text in nodes[0].text(deep=True).replace(" ", "")
    by_text = {p.text: p.locator for p in paras}
    assert by_text["乙"] == "#x>ul>li:nth-of-type(2)"  # a unique id starts the path
    assert by_text["重二"] == "body>div:nth-of-type(5)"  # a duplicated id does not
    assert by_text["隐藏二"] == "body>div:nth-of-type(2)>p:nth-of-type(2)"


def test_deeply_nested_html_does_not_recurse():
    html = "<div>" * 5000 + "深处" + "</div>" * 5000
    assert texts(html_paragraphs(html)) == ["深处"]


def test_text_paragraphs_split_lines():
    paras = text_paragraphs("  第一行 \r\n\n\t\n第二行\n")
    assert [(p.text, p.locator, p.hidden) for p in paras] == [("第一行", "line 1", False), ("第二行", "line 4", False)]


@pytest.mark.shared
@pytest.mark.skipif(not (SHARED / "seed").exists(), reason="needs ../shared/seed")
def test_text_paragraphs_match_the_labeled_seed_page():
    """The plain-text split is the one the corpus was labeled with."""
    labeled = [json.loads(line)["text"] for line in open(SHARED / "seed" / "seed_page.labeled.jsonl", encoding="utf-8")]
    text, _ = decode((SHARED / "seed" / "seed_page.txt").read_bytes(), html=False)
    assert texts(text_paragraphs(text)) == labeled


# -- page verdict ------------------------------------------------------------------------------
LONG = "这是一段足够长的正文内容,用来代表页面里的实质性段落。"  # >= 20 characters


def test_verdict_clean_and_single_spam_paragraph():
    assert page_verdict([LONG] * 10, [False] * 10) == "clean"
    # a news page with one (gambling-news) paragraph flagged: infected at most
    assert page_verdict([LONG] * 10, [False] * 9 + [True]) == "infected"
    # two-paragraph page, one spam: half, but one paragraph is not a page
    assert page_verdict([LONG] * 2, [True, False]) == "infected"


def test_verdict_injected_block_stays_infected_and_spam_page_needs_a_majority():
    # the seed pattern: a real article with a block of injected paragraphs (about a fifth)
    assert page_verdict([LONG] * 52, [False] * 40 + [True] * 12) == "infected"
    # (nearly) all substantial paragraphs spam: the page as a whole is promotion (SPAM_SHARE);
    # a mirrored article under stacked stuffed titles, half spam or three quarters, is not
    assert page_verdict([LONG] * 10, [True] * 8 + [False] * 2) == "spam_page"
    assert page_verdict([LONG] * 10, [True] * 5 + [False] * 5) == "infected"
    assert page_verdict([LONG] * 4, [True] * 3 + [False]) == "infected"
    # short chrome (menus, dates) does not dilute the share, nor count as spam
    chrome = ["首页", "2024-01-01", "阅读数", "5", "返回顶部", "登录"]
    assert page_verdict([LONG] * 4 + chrome, [True] * 4 + [False] * 6) == "spam_page"
    assert page_verdict(chrome + [LONG] * 4, [True] * 6 + [False] * 4) == "infected"


def test_verdict_parameters():
    flags = [True] * 3 + [False] * 7
    assert page_verdict([LONG] * 10, flags, spam_share=0.3) == "spam_page"
    assert page_verdict([LONG] * 10, flags, spam_share=0.3, min_spam=4) == "infected"
    assert page_verdict(["短文本"] * 10, flags, spam_share=0.3, min_chars=3) == "spam_page"


# -- scan_page ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def model():
    return tiny_model()


def test_scan_page_flags_hidden_injection(model):
    html = news_html(f'<div style="display:none"><p>{SPAM[0]}</p><p>{SPAM[2]}</p></div>')
    page = scan_page(html, url="http://example.com/a", model=model)
    assert page.error is None and page.url == "http://example.com/a"
    assert page.verdict == "infected" and page.spam_count == 2
    spam = [p for p in page.paragraphs if p.label == "spam"]
    assert [p.text for p in spam] == [SPAM[0], SPAM[2]] and all(p.hidden for p in spam)
    assert page.max_score == max(p.score for p in page.paragraphs) >= model.threshold_
    assert [p.index for p in page.paragraphs] == list(range(len(page.paragraphs)))
    assert SPAM[0] not in page.article_text and ARTICLE[0] in page.article_text


def test_scan_page_spam_page_labels_every_paragraph_but_chrome(model):
    text = "\n".join(["首页", "阅读数", "基本玩法"] + SPAM[:8])
    page = scan_page(text, model=model)
    assert page.encoding is None  # given as str
    assert page.verdict == "spam_page"
    assert [p.label for p in page.paragraphs] == ["article", "article"] + ["spam"] * 9
    assert page.spam_count == 9
    assert page.article_text == ""


@pytest.mark.parametrize("text,bare", [("5", True), ("2025-06-14 16:13:46", True), ("2018年3月30日", True),
                                       ("12/28", True), ("", False), ("365体育", False),
                                       ("12月28日,百家乐官网", False), ("---|---", False)])
def test_bare_numbers(text, bare):
    assert is_bare_number(text) is bare


@pytest.mark.parametrize("text,chrome", [
    ("案例中心", True), ("datetime", True), ("阅读数量", True), ("QQ在線", True), ("首页", True),
    ("發(fā)布時間:2009-07-06  點擊次數(shù):5423", True), ("当前位置:首页 > 新闻中心", True),
    ("5", True), ("2025-06-14 16:13:46", True),
    # portal sections
    ("• 體育", True), ("澳門平台", True), ("您的位置:首頁 > 國際 > 正文", True), ("要聞", True),
    # an article's own structure, and anything naming something, is not chrome
    ("导语", False), ("文章摘要", False), ("基本玩法", False), ("立即下载", False),
    ("来源:新华网", False), ("上一篇:澳门赌场", False), ("在线娱乐", False), ("半岛体育", False),
    ("博彩平台", False), ("澳门威尼斯人", False),
    ("---|---", False), ("", False), ("相关推荐" * 20, False)])
def test_chrome(text, chrome):
    assert is_chrome(text) is chrome


def test_spam_page_keeps_its_chrome_as_article(model):
    texts = [LONG] * 4 + ["2025-06-14 16:13:46", "5", "阅读数", "投注技巧"]
    verdict, spam = page_labels(texts, [True] * 4 + [False] * 4)
    assert verdict == "spam_page" and spam == [True] * 4 + [False, False, False, True]
    # a page that is not a spam page keeps its own decisions
    assert page_labels(texts, [True] + [False] * 7) == ("infected", [True] + [False] * 7)
    page = scan_page("\n".join(["2025-06-14 16:13:46"] + SPAM[:8] + ["1024"]), model=model)
    assert page.verdict == "spam_page"
    assert [p.label for p in page.paragraphs] == ["article"] + ["spam"] * 8 + ["article"]
    assert page.article_text == ""  # a corpus cleaner drops a spam page whole


def test_scan_page_bytes_threshold_and_errors(model):
    gbk = news_html(f"<p>{SPAM[2]}</p>", charset="gbk").encode("gbk")
    page = scan_page(gbk, model=model)
    assert page.encoding == "gb18030" and page.verdict == "infected"
    assert scan_page(gbk, model=model, threshold=1.0).verdict == "clean"
    # the threshold is the paragraph model's: a phrase a rule finds (a sign-up bonus,
    # 首次登录送88元红包) is spam whatever it is
    bonus = news_html(f"<p>{SPAM[0]}</p>", charset="gbk").encode("gbk")
    assert scan_page(bonus, model=model, threshold=1.0).verdict == "infected"
    assert scan_page(gzip.compress(gbk), model=model).verdict == "infected"
    assert scan_page(bytes(range(256)), model=model).error.startswith("binary")
    empty = scan_page("<html><script>x()</script></html>", model=model)
    assert empty.error == "no text" and empty.paragraphs == [] and empty.verdict == "clean"


def test_pages_still_offers_the_names_of_the_decode_and_extract_stages():
    """Code written against ``spamdetect.pages`` before the split keeps working: same objects."""
    from spamdetect import decode as decode_mod, extract as extract_mod, pages

    for name in ("PageError", "decode", "declared_encoding", "read_page_bytes", "DEFAULT_MAX_BYTES"):
        assert getattr(pages, name) is getattr(decode_mod, name), name
    for name in ("Paragraph", "html_paragraphs", "text_paragraphs", "looks_like_html", "extract_paragraphs",
                 "BLOCK_TAGS", "DROP_TAGS"):
        assert getattr(pages, name) is getattr(extract_mod, name), name
    assert {"PageResult", "ParagraphResult", "page_verdict", "page_labels", "scan_page",
            "classify_pages"} <= set(pages.__all__)
