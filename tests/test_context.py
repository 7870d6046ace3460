"""The page rules (spamdetect.context): one decision path, whatever the caller passes.

Pages are hand-written; the model is the shipped one (page context included), because the
rules under test are the ones a scan applies with it.
"""

import subprocess
import sys

import numpy as np
import pytest

from spamdetect import classify, scan_page
from spamdetect.api import default_predictor
from spamdetect.context import (MIN_CONTEXT, SUBSTANTIAL, decide_pages, has_context, is_spam_page,
                                page_scores, page_verdict)
from spamdetect.pages import classify_pages, extract_paragraphs

# a gambling page: four loud lines, one customer-service line that is bland alone, and chrome
GAMBLING_PAGE = [
    "澳门新葡京官网入口,真人百家乐在线注册,首存即送百分百彩金,24小时极速出款。",
    "188体育投注平台,足球篮球滚球实时下注,新会员注册送88元体验金。",
    "玩家可以根据自己的喜好选择不同的玩法,体验丰富多彩的娱乐内容,规则简单容易上手。",
    "太阳城娱乐城老虎机、捕鱼、棋牌游戏应有尽有,充值秒到账,提款五分钟到账。",
    "客服在线时间为全天二十四小时,遇到任何问题都可以随时联系我们处理。",
    "首页",
    "发布时间:2025-06-14",
    "QQ在线",
]
BLAND = 4  # index of the customer-service line
CHROME = [5, 6, 7]
NEWS = "市政府今天召开新闻发布会,介绍今年城市建设的主要成果和明年计划。"
SPAM_LINE = "澳门新葡京官网入口,真人百家乐网址,188体育app下载注册送彩金"


@pytest.fixture(scope="module")
def model():
    """The shipped predictor with its page-context threshold lowered to 0.9.

    The rules under test are what a caller's ``threshold`` may and may not change; they need a
    page on which the context stage visibly flags a line. The shipped context threshold (fitted
    for a 0.5 % budget, about 0.996 on the grown corpus) leaves the bland line below it, so the
    context stage is made to speak here instead of rewriting the page around one model's numbers.
    """
    import copy
    import dataclasses

    shipped = default_predictor()
    ctx = copy.copy(shipped.page_context)
    ctx.threshold_ = 0.9
    return dataclasses.replace(shipped, page_context=ctx)


def test_the_bland_line_is_spam_by_its_page_only(model):
    # the premise of the threshold tests below: context, not the line itself, flags it
    alone = model.predict_proba(GAMBLING_PAGE)[:, 1]
    assert alone[BLAND] < model.threshold_
    scores, spam = model.score_page(GAMBLING_PAGE)
    assert spam[BLAND] and scores[BLAND] > alone[BLAND]


def test_an_explicit_threshold_equal_to_the_models_own_changes_nothing(model):
    text = "\n".join(GAMBLING_PAGE)
    default, explicit = scan_page(text, model=model), scan_page(text, model=model, threshold=model.threshold_)
    assert explicit.verdict == default.verdict
    assert [(p.label, p.score) for p in explicit.paragraphs] == [(p.label, p.score) for p in default.paragraphs]


def test_a_caller_threshold_moves_the_paragraph_cut_off_only(model):
    # above every loud line's own score: context still flags the bland line
    scores, spam = model.score_page(GAMBLING_PAGE, threshold=0.999999)
    alone = model.predict_proba(GAMBLING_PAGE)[:, 1]
    assert alone[BLAND] < 0.999999 and spam[BLAND]
    # threshold 0: everything is spam alone, but page chrome never is
    page = scan_page("\n".join(GAMBLING_PAGE), model=model, threshold=0.0)
    labels = [p.label for p in page.paragraphs]
    assert [labels[i] for i in CHROME] == ["article"] * 3
    assert labels[:5] == ["spam"] * 5


def test_classify_pages_and_decide_pages_agree(model):
    texts = [GAMBLING_PAGE, [NEWS, SPAM_LINE]]
    decided = decide_pages(model, texts, threshold=0.5)
    paras = [extract_paragraphs("\n".join(t))[0] for t in texts]
    from spamdetect.pages import PageResult

    pages = classify_pages([PageResult(), PageResult()], paras, model=model, threshold=0.5)
    for page, (scores, _in_page, spam, verdict, _spans) in zip(pages, decided):
        assert page.verdict == verdict
        assert [p.label == "spam" for p in page.paragraphs] == spam.tolist()


def test_many_pages_in_one_call_are_decided_as_each_page_alone(model):
    # the page stage is vectorised over the pages of a batch (context features, kinship, page
    # summaries, edge cuts): no page may leak into its neighbour's decision
    pages = [GAMBLING_PAGE, [NEWS, SPAM_LINE], [], [NEWS] * 4, [SPAM_LINE, NEWS, NEWS, NEWS],
             ["首页"], GAMBLING_PAGE[::-1]]
    together = decide_pages(model, pages)
    for page, d in zip(pages, together):
        alone, = decide_pages(model, [page])
        assert d.verdict == alone.verdict
        assert d.is_spam.tolist() == alone.is_spam.tolist()
        assert np.allclose(d.scores, alone.scores, atol=1e-12)
        assert d.spans == alone.spans
    assert together[0].is_spam[BLAND]  # the context stage did speak on the batch


def test_page_context_features_of_many_pages_are_those_of_each_page():
    from spamdetect.context import page_context_features, page_summaries, page_summary

    rng = np.random.default_rng(1)
    sizes = [0, 1, 2, 5, 1, 7]
    bounds = np.cumsum([0] + sizes)
    proba, lengths = rng.uniform(0, 1, bounds[-1]), rng.integers(0, 60, bounds[-1])
    kin = rng.uniform(0, 1, bounds[-1])
    many = page_context_features(proba, lengths, 0.5, kin, bounds)
    summaries = page_summaries(np.log(proba / (1 - proba)), lengths, bounds)
    for k in range(len(sizes)):
        lo, hi = bounds[k], bounds[k + 1]
        one = page_context_features(proba[lo:hi], lengths[lo:hi], 0.5, kin[lo:hi])
        assert np.allclose(many[lo:hi], one, atol=1e-12)
        lg = np.log(proba[lo:hi] / (1 - proba[lo:hi]))
        assert np.allclose(summaries[k], page_summary(lg, lengths[lo:hi]), atol=1e-12)
        sub = lengths[lo:hi] >= 20
        s = lg[sub] if sub.any() else lg
        if len(s):  # numpy's own statistics of the substantial paragraphs
            assert np.allclose(summaries[k][:6], [s.mean(), np.median(s), np.percentile(s, 25), s.max(),
                                                  (s > 0).mean(), (s > 1).mean()], atol=1e-12)
    # the columns that look at the rest of the page are 0 on a one-paragraph page
    assert np.all(many[bounds[1]][[1, 2, 4, 5, 6]] == 0)


@pytest.mark.parametrize("text", ["", "   ", "\u200b\u200b", "😀😀🎉", "😀" * 5000])
def test_blank_text_is_article_with_score_zero_on_both_paths(model, text):
    assert classify(text).label == "article" and classify(text).score == 0.0
    assert model.predict_proba([text])[0, 1] == 0.0
    scores, spam = model.score_page([NEWS, text, NEWS])
    assert scores[1] == 0.0 and not spam[1]


@pytest.mark.parametrize("text", ["a", "OK", "<p>Loading...</p>", "😀" * 250_000,
                                  "\x00" * 1_000_000, "," * 1_000_000])
def test_a_page_of_one_short_or_empty_line_is_judged_like_the_line(text):
    assert classify(text).label == "article"
    page = scan_page(text)
    assert page.verdict == "clean"
    assert all(p.label == "article" for p in page.paragraphs)


def test_on_a_page_of_short_lines_a_clean_line_beside_spam_stays_article():
    clean, spam = "今天天气很好。", "澳门新葡京官网入口真人百家乐"
    assert len(clean) < SUBSTANTIAL and len(spam) < SUBSTANTIAL
    assert classify(clean).label == "article" and classify(spam).label == "spam"
    page = scan_page(f"{clean}\n{spam}")
    assert [p.label for p in page.paragraphs] == ["article", "spam"]
    assert page.verdict == "infected"


def test_a_two_line_page_is_an_infected_pair_not_a_spam_page():
    assert classify(NEWS).label == "article" and classify(SPAM_LINE).label == "spam"
    page = scan_page(f"{NEWS}\n{SPAM_LINE}")
    assert page.verdict == "infected"
    assert [p.label for p in page.paragraphs] == ["article", "spam"]


def test_has_context_counts_other_substantial_paragraphs():
    long, short = 30, 5
    assert MIN_CONTEXT == 2
    assert has_context([long]).tolist() == [False]
    assert has_context([long, long]).tolist() == [False, False]
    assert has_context([long, long, short]).tolist() == [False, False, True]
    assert has_context([long, long, long]).tolist() == [True, True, True]


def test_a_spam_page_needs_three_substantial_paragraphs():
    long = "x" * SUBSTANTIAL
    assert not is_spam_page([len(long)] * 2, [True, True])
    assert page_verdict([long] * 2, [True, True]) == "infected"
    assert page_verdict([long] * 3, [True, True, True]) == "spam_page"


def test_page_scores_take_a_model_without_page_context(model):
    class Bare:  # predict_proba and threshold_ only, like a wrapped model in a scan
        threshold_ = model.threshold_

        def predict_proba(self, texts):
            return model.predict_proba(texts)

    from spamdetect.context import planted_spans
    from spamdetect.normalize import normalize_text

    (scores, spam), = page_scores(Bare(), [GAMBLING_PAGE])
    alone = model.predict_proba(GAMBLING_PAGE)[:, 1]
    # the model's scores, but where a rule cuts a phrase (it needs no page model: 首存即送百分百彩金
    # of a site that sells 百家乐, 新会员注册送88元体验金 of a 体育投注平台)
    planted = np.array([bool(planted_spans(t, normalize_text(t))) for t in GAMBLING_PAGE])
    assert planted[:2].all() and not planted[2:].any()
    assert np.array_equal(scores[~planted], alone[~planted]) and (scores[planted] == 1.0).all()
    assert spam.tolist() == [(a >= model.threshold_ or p) and i not in CHROME
                             for i, (a, p) in enumerate(zip(alone, planted))]


def test_prediction_needs_no_scikit_learn_and_fitting_says_how_to_get_it():
    code = """
import sys
sys.modules["sklearn"] = None  # any import of scikit-learn fails
import spamdetect
assert spamdetect.classify("澳门新葡京官网入口,真人百家乐网址").label == "spam"
assert spamdetect.scan_page("<p>市政府今天召开新闻发布会。</p>").verdict == "clean"
assert "scipy" not in sys.modules
try:
    from spamdetect import SpamClassifier
except ImportError as exc:
    assert "pip install 'spamdetect[train]'" in str(exc), exc
else:
    raise AssertionError("SpamClassifier imported without scikit-learn")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


# -- promotion versus reporting, structure, substituted names, the page model (issue 8) ----------
class _Loud:
    """A stand-in paragraph model that calls everything spam (0.99): what the page rules keep
    article anyway is theirs, not the model's."""

    threshold_ = 0.5
    classes_ = np.array(["article", "spam"])

    def predict_proba(self, texts):
        p = np.full(len(texts), 0.99)
        return np.column_stack([1 - p, p])


STRUCTURAL = ["引言", "一、建设背景", "姓名:________", "QQ登录", "立即注册", "% z8 w) J/ C6 P& H. e\" F, N; X1 Z:",
              "for i in range(10): print(i)",
              "用户名 ______ 密码 ______ 自动登录 登录 | 找回密码 | 立即注册  QQ登录 微信登录",  # a log-in box, whole
              "立即申請 | 了解更多 | 下載應用程式",  # a bank's buttons
              "App Store 下載|Google Play 下載|官方網站", "免费下载 Windows | macOS | iOS | Android | 网页版直接登录"]


def test_structural_lines_are_article_unless_they_promote():
    from spamdetect.context import decide_paragraphs

    scores, spam, spans = decide_paragraphs(_Loud(), STRUCTURAL + ["立即注册送88元彩金", "百家乐官网",
                                                                    "用户名 密码 登录 立即注册 乐鱼体育",
                                                                    "官网注册", "App Store 下载 | 乐鱼体育官方网站"])
    assert not spam[:len(STRUCTURAL)].any()
    assert spam[len(STRUCTURAL):].all()
    assert all(sp == [] for sp in spans[:len(STRUCTURAL)])


@pytest.mark.parametrize("line, jammed", [
    # a forum's anti-copy jammer woven into a post: what the post says is the forum's
    ("这种玩法最早 3 m; u6 v% k8 T# 来自英国乡村酒馆里的牌桌,后来流传到世界各地,成为赌场常见的游戏。", True),
    ("你一隻我一隻 s2 ]7 J* q0 ^4 L; 以撲克牌點數定輸贏,賭場裡常見的遊戲之一,起源眾說紛紜。", True),
    # with a promotion in it, the jammer is no excuse; what the jammer's letters spell (the
    # forum's own domain, cut up in it) is none
    ("这种玩法最早 3 m; u6 v% k8 T# 来自英国,百家乐官网注册送88元,真人娱乐在线。", False),
    ("! q' z) R8 K# P* B! u% a1 gof.mybbsland.com8 y) k/ t% H; n3 c$ E2 V; D9", True),
    # numbers, dates, times and standards' names are not a jammer
    ("曼联(06) 11-22 03:00 切尔西(13),主队近五个主场四胜一平,客队伤病较多,本场值得期待。", False),
    ("GB T 1.1-2009 标准化工作导则第1部分:标准的结构和编写规则,由全国标准化原理与方法委员会归口。", False),
])
def test_a_forum_post_with_an_anti_copy_jammer_and_nothing_promotional_is_article(line, jammed):
    """A decision rule, not a structural line: the post is real text that the training's
    false-positive budget still counts."""
    from spamdetect.context import decide_paragraphs, is_jammed_post, is_structural
    from spamdetect.normalize import normalize_text

    norm = normalize_text(line)
    assert is_jammed_post(norm) is jammed
    assert not is_structural(norm)
    _, spam, _ = decide_paragraphs(_Loud(), [line])
    assert bool(spam[0]) is not jammed


@pytest.mark.parametrize("line, plain", [
    # a sports or entertainment desk as a page's source: the source line of every such page
    ("来源:五星体育", True), ("来源:体育画报", True), ("本文来源:娱乐周刊 作者:张三 2025-11-30", True),
    ("来源:PP体育", True),  # Latin letters in an outlet's name are no coined name
    # a call, an offer or a coined name where the outlet stood is a hijack's
    ("来源:星辉体育官网", False), ("来源:星辉娱乐 首次登录送88元", False), ("来源:永利qz58102no3", False),
    ("投稿人:星辉体育", False),  # not a newsroom's own line
    ("来源:太阳城娱乐 作者:本报记者", False), ("来源:皇冠体育", False),  # a casino's name
    ("2024-11-05　来源：海南体育网　记者 冯磊", True), ("2019年02月17日 20:16 来源:五星体育", True),  # its date first
    ("发布时间:2023年01月28日 10:47 来源:雷竟技平台", False),  # a betting site's name
    ("2024年9月3日 18:45 撰文:娛樂組", True),  # a Hong Kong paper's desk writes the piece
])
def test_a_plain_source_line_is_article(line, plain):
    """The paragraph model reads ``来源:<…>体育`` as spam (the generator puts brands there and
    no sports desk); a line that names its source and nothing more is article anyway."""
    from spamdetect.context import decide_paragraphs, is_plain_byline
    from spamdetect.normalize import normalize_text

    assert is_plain_byline(normalize_text(line)) is plain
    _, spam, _ = decide_paragraphs(_Loud(), [line])
    assert bool(spam[0]) is not plain
    d, = decide_pages(_Loud(), [[line, "市体育局表示,新建步道将在明年五月前全部完工。"]])
    assert bool(d.is_spam[0]) is not plain


@pytest.mark.parametrize("line, section", [
    ("首页 > 体育 > 棋牌", True), ("体育 | 足球 | 篮球 | 棋牌 | 彩票", True), ("当前位置:首页 > 体育 > 电竞", True),
    ("NBA | CBA | 中超 | 英超", True),
    # a betting site's menu names its trade; a name or an online venue is no section
    ("真人 | 棋牌 | 电子 | 捕鱼 | 彩票 | 体育", False), ("首页 > 星辉娱乐 > 新闻中心", False), ("在线棋牌", False),
    ("棋牌游戏下载", False),
    ("首页 > 赛事 > 国际赛事", True), ("足球 | 比分 | 赛程 | 积分榜 | 战报", True),  # a match centre's
    ("赛事 | 真人视讯 | 电子游艺", False),
    # a breadcrumb: a trade word is a section's name alone or after a region, a name before it is not
    ("娛樂 > 香港娛樂 > 即時新聞", True), ("職位空缺 > 酒店 / 旅遊 / 娛樂 > 澳門", True),
    ("官网首页 > 新闻中心 > 活动公告", True), ("鑫博体育官网首页 > 新闻中心 > 活动公告", False),
    ("您所在的位置:首页 > 医院新闻 > 鼎盛娱乐城动态", False), ("首页 › 富贵星娱乐城教学 › 老虎机玩法", False),
    ("首页 > 体育 > cba > 正文 金沙js9966娱乐场官网", False), ("首页 > 澳门娱乐 > 百家乐", False),
    ("娱乐 > 香港娱乐", False),  # one step: a title's pair of words as much as a trail
    # a generic word before or after a section's name: an app store's and a city guide's trails
    ("应用市场 > 游戏 > 棋牌桌游", True), ("生活服务 > 休闲娱乐 > 棋牌室 > 越秀区", True),
    ("首页 | 新闻资讯 | 游戏资料 | 官方论坛 | 客服中心 | 下载游戏", True),  # a licensed game's own site
    ("首页 | 真人视讯 | 电子游艺 | 体育赛事 | 彩票游戏 | 下载APP", False),  # a casino's: its trade's words
    ("首页 > 拓岚娱乐新闻 > 院内动态", False), ("首页 > 休闲鼎盛娱乐 > 新闻", False),
])
def test_a_portals_menu_or_breadcrumb_of_sections_is_article(line, section):
    from spamdetect.context import decide_paragraphs, is_section_line
    from spamdetect.normalize import normalize_text

    assert is_section_line(normalize_text(line)) is section
    _, spam, _ = decide_paragraphs(_Loud(), [line])
    assert bool(spam[0]) is not section


@pytest.mark.parametrize("line, name", [
    ("当前位置: 永利棋牌 > 儿童文学 > 正文", "永利棋牌"),
    ("发布时间:2023年01月28日 10:47 来源:雷竟技平台", "雷竟技平台"),
    ("来源:彩神882024-03-06 17:48", "彩神88"),  # the name stops where the date starts
    ("來源：豪門娛樂城　編輯：張雅婷", "豪門娛樂城"),  # Traditional, full-width colon
    ("投稿人:kq777体育", "kq777体育"),  # a coined betting name
    # what outlets, regulators, schools and tech sites are called
    ("来源:新华社", None), ("当前位置:首页 > 新闻中心 > 正文", None), ("来源:澳门博彩监察协调局", None),
    ("来源:新浪体育 作者:张三", None), ("来源:IT168", None), ("欢迎访问市第一中学网站", None),
    ("他的来源:一家棋牌室老板的证词", "一家棋牌室老板的证词"),  # the place, wherever it stands
    ("版权所有：天运娱乐城　苏ICP备09014562号", "天运娱乐城"), ("版權所有 滬ICP備2022005074號-20", None),
    # a coined name glued before the institution's own name; a site named with digits alone is not
    ("欢迎您访问7788am理工学院,今天是:", "7788am理工学院"), ("欢迎访问4399小游戏", None),
])
def test_a_betting_name_where_a_page_names_itself_is_cut(line, name):
    """Issue 8's substituted names in the places a page names itself or its source (a source
    line, a breadcrumb's first step, a welcome line): the name is spam whatever the model says
    of the line -- a bare model that calls nothing spam still cuts it, on a page and alone."""
    from spamdetect.context import decide_paragraphs, name_slot_spans

    spans = name_slot_spans(line)
    assert [line[s.start:s.end] for s in spans] == ([name] if name else [])
    _, spam, found = decide_paragraphs(_Quiet(), [line])
    assert bool(spam[0]) is (name is not None)
    if name:  # the name is cut (with the whole line when too little text is left beside it)
        at = line.index(name)
        assert any(s.start <= at and at + len(name) <= s.end for s in found[0])
    d, = decide_pages(_Quiet(), [[line, NEWS]])
    assert d.is_spam.tolist() == [name is not None, False]


@pytest.mark.parametrize("text, phrase", [
    ("岑浩2023澳门今晚开辉冀本地传媒向世界讲好中国故事", "2023澳门今晚开"),
    ("疾控中心提醒:秋冬季流感高发2025澳门今晚开什么特马 这份防护指南请收好", "2025澳门今晚开什么特马"),
    ("飞沫传播,新澳门六合彩资料大全免费也可通过接触传播。", "新澳门六合彩资料大全"),
    ("澳門今晚開什麼特馬", "澳門今晚開什麼特馬"),
    # quoted, or told as the scam it is; Hong Kong's draw; study notes; the health code
    ("警方提醒:所谓“澳门今晚开什么”的内幕消息都是诈骗。", None), ("不法分子以澳门正版资料为名实施诈骗", None),
    ("香港六合彩今晚攪珠,头奖基金估计为3800萬元", None), ("考研资料大全", None), ("凭健康码一码通行", None),
    ("香港旅游资料大全", None), ("香港马会资料大全", "香港马会资料大全"),
    ("新發展區首批公屋今日入伙 今期六合彩特碼精準預測", "今期六合彩特碼精準預測"),
    # the trade's set phrases and tipsters wherever they stand, with the draw and tips around them
    ("收购进度快于去年同期。管家婆一码一肖资料大全", "管家婆一码一肖资料大全"),
    ("場面熱鬧。香港六合彩今期必中特碼", "香港六合彩今期必中特碼"),
    ("内有米、油及保健用品,曾道人四不像一肖中特,并与长者一同玩灯谜游戏。", "曾道人四不像一肖中特"),
    ("麋鹿又称四不像,是国家一级保护动物", None),
])
def test_a_mark_six_tip_phrase_in_its_own_voice_is_cut(text, phrase):
    from spamdetect.context import decide_paragraphs, tip_phrase_spans

    assert [text[s.start:s.end] for s in tip_phrase_spans(text)] == ([phrase] if phrase else [])
    _, spam, _ = decide_paragraphs(_Quiet(), [text])
    assert bool(spam[0]) is (phrase is not None)


def test_the_planted_phrase_rules_read_a_long_line_whole():
    """A line of a few hundred thousand characters with a phrase every few characters: every
    phrase is found, each with its own clause's bounds (the bounds are a bisection over the
    line's marks, found once; slicing the line before each phrase made this quadratic)."""
    from spamdetect.context import (bet_query_spans, black_market_spans, quoted_in_report,
                                    tip_phrase_spans, told_in_report)
    from spamdetect.spans import Span

    line = "澳门今晚开特马,警方提醒:“澳门今晚开”是诈骗," * 20000
    found = tip_phrase_spans(line)
    assert len(found) == 20000 and {line[s.start:s.end] for s in found} == {"澳门今晚开特马"}
    line = "新开传奇私服,“新开传奇私服”," * 20000
    assert len(black_market_spans(line)) == 20000  # the quoted ones are not the page's own
    line = "黑户秒批 微信:kd66881,会议召开," * 20000  # one sentence of ads, each its own span
    found = black_market_spans(line)
    assert len(found) == 20000 and {line[s.start:s.end] for s in found} == {"黑户秒批 微信:kd66881"}
    line = "经查,该平台宣称“首存即送38%彩金”。首存即送38%彩金。" * 20000
    spans = [Span(at, at + 9, 0.9) for at in range(0, len(line)) if line.startswith("首存即送38%彩金", at)]
    kept = quoted_in_report(line, spans)
    assert len(kept) == 20000 and all(line[s.start - 1] == "。" for s in kept)
    line = "正规买球app排行,警方提醒:“哪个app可以买球”是诈骗," * 20000
    found = bet_query_spans(line)
    assert len(found) == 20000 and {line[s.start:s.end] for s in found} == {"正规买球app排行"}
    line = "经查,其点击链接下载APP登录注册后被骗。" * 20000
    spans = [Span(at, at + 7, 0.9) for at in range(0, len(line)) if line.startswith("APP登录注册", at)]
    assert told_in_report(line, spans) == []


def test_a_sentence_that_starts_with_its_source_is_no_source_line():
    from spamdetect.context import is_plain_byline
    from spamdetect.normalize import normalize_text

    assert not is_plain_byline(normalize_text("来源:新华社 记者从市体育局获悉,全市将新建健身步道。"))
    assert not is_plain_byline(normalize_text("来源:" + "市体育局" * 10))  # too long for one


def test_a_spam_page_needs_promotion_on_it():
    report = ["警方近日破获一起特大网络赌博案件,抓获犯罪嫌疑人二十余名,涉案金额三亿元。"] * 5
    flags = [True] * 5
    assert page_verdict(report, flags, promoted=False) == "infected"
    assert page_verdict(report, flags, promoted=True) == "spam_page"
    # the decision path: a gambling how-to page that the paragraph model calls spam throughout
    # has nothing promotional on it, so it is not deleted whole; with a promotion it is
    d, = decide_pages(_Loud(), [SEO_PAGE[:3]])
    assert d.is_spam.all() and d.verdict == "infected"
    promo = SEO_PAGE[:3] + ["百家乐登录官网首次登录送88元红包,真人娱乐在线体育下载。"]
    assert decide_pages(_Loud(), [promo])[0].verdict == "spam_page"
    # a page of gambling-heavy reporting: on a page that reports, nothing without promotion
    # is spam on the model's score alone
    d, = decide_pages(_Loud(), [report])
    assert d.verdict == "clean"


class _PhraseFinder(_Loud):
    """Calls nothing spam alone, and finds the brand phrase in the first paragraph only: a
    substituted name whose other occurrences read innocently."""

    clause_model = object()

    def phrase_proba(self, phrases):  # no recurring name is scored spam here
        return np.zeros(len(phrases))

    def predict_proba(self, texts):
        p = np.full(len(texts), 0.01)
        return np.column_stack([1 - p, p])

    def clause_spans(self, texts, normalized=None, promoted=None):
        from spamdetect.spans import Span

        out = [[] for _ in texts]
        at = texts[0].find("金沙9159官网")
        if at >= 0:
            out[0] = [Span(at, at + len("金沙9159官网"), 0.9)]
        return out


def _phrases(page, decision):
    """The text of each paragraph's reported spans."""
    return [[text[s.start:s.end] for s in spans] for text, spans in zip(page, decision.spans)]


def test_a_substituted_name_is_spam_in_every_paragraph_that_carries_it():
    page = ["金沙9159官网举行二〇二五年秋季师生运动会",
            "本届运动会由金沙9159官网团委主办,全校师生踊跃参加,比赛气氛热烈。",
            "运动会共设十七个比赛项目,吸引了来自各个学院的一千余名运动员参加。",
            "赛后,金沙9159官网党委书记为获奖班级颁奖,并对全体志愿者表示感谢。"]
    d, = decide_pages(_PhraseFinder(), [page])
    assert d.is_spam.tolist() == [True, True, False, True]
    assert _phrases(page, d) == [["金沙9159官网"] if spam else [] for spam in d.is_spam]
    assert d.verdict == "infected"


def test_the_page_model_threshold_sits_above_every_page_that_is_not_a_spam_page():
    import scipy.sparse as sp

    from spamdetect.context import PageModel

    rng = np.random.default_rng(0)
    n = 40
    y = np.array([1] * 12 + [0] * 28)
    text = sp.csr_matrix(rng.random((n, 6)) * 0.1 + np.outer(y, [1, 1, 0, 0, 0, 0]))
    summaries = rng.normal(size=(n, 8)) + y[:, None]
    groups = [f"site{i}" for i in range(n)]
    pm = PageModel().fit(text, summaries, y, groups)
    assert pm.oof_[y == 0].max() < pm.threshold_
    assert 0 < pm.validation_["spam_pages_found"] <= 12
    # what the stacked model says of the training pages is the decision it stores
    margins = pm.decision(text @ pm.text_coef_ + pm.text_intercept_, summaries)
    assert margins[y == 1].mean() > margins[y == 0].mean()
    assert pm.threshold_ == pytest.approx(pm.oof_[y == 0].max() + pm.margin)
    # pages with nothing at stake (a one-line page that is spam through) do not set the line:
    # here the negative that scores highest is declared such a page
    top = np.flatnonzero(y == 0)[np.argmax(pm.oof_[y == 0])]
    stake = np.ones(n, bool)
    stake[top] = False
    pm2 = PageModel().fit(text, summaries, y, groups, at_stake=stake)
    assert pm2.threshold_ == pytest.approx(np.sort(pm2.oof_[(y == 0) & stake])[-1] + pm2.margin)
    assert pm2.threshold_ < pm.threshold_


class _NameScorer(_PhraseFinder):
    """Finds no phrase in any paragraph alone, but calls a recurring name spam when asked."""

    def clause_spans(self, texts, normalized=None, promoted=None):
        return [[] for _ in texts]

    def phrase_proba(self, phrases):
        return np.array([0.9 if "官网" in p or "威尼斯" in p else 0.1 for p in phrases])


def test_a_recurring_promotional_name_is_found_without_any_paragraph_flagging_it():
    page = ["8846威尼斯舉辦中秋賞月活動,師生齊聚操場共賞月色。",
            "本次活動由8846威尼斯學生會主辦,吸引了三百多名師生參加。",
            "活動結束後,8846威尼斯校長向志願者表示感謝,並合影留念。",
            "2021年9月17日,天文社社員在操場架設望遠鏡,2021年的中秋格外明亮。"]
    d, = decide_pages(_NameScorer(), [page])
    assert d.is_spam.tolist() == [True, True, True, False]  # 2021年 recurs too, but promotes nothing
    assert _phrases(page, d)[:3] == [["8846威尼斯"]] * 3
    assert d.verdict == "infected"


class _AnyNameScorer(_NameScorer):
    """Calls every recurring name spam when asked: what is left to decide is which names are asked."""

    def phrase_proba(self, phrases):
        return np.full(len(phrases), 0.9)


@pytest.mark.parametrize("name, times, found", [
    ("31357威尼斯", 2, True),  # brand-shaped: twice is enough
    ("星海kaiyun体育", 2, False),  # a word, not a coined name: three times needed
    ("星海kaiyun体育", 3, True),
    ("汉EV2024款", 3, False),  # a car's model year, however often
    ("华为Mate70", 2, False),  # a phone's model: shaped like a name, sells no bet (three times needed)
    ("恒一(Q-sports)", 3, True),  # sports is what 体育 is in a brand's Latin name
    ("恒一(Q-Group)", 3, False),  # an English gloss of a firm's name promotes nothing
])
def test_a_brand_shaped_name_is_a_substituted_name_from_two_paragraphs_on(name, times, found):
    lines = ["{}举行二〇二五届毕业典礼,毕业生和家长齐聚礼堂。",
             "典礼上,{}校长向毕业生致辞,勉励大家勇于担当。",
             "随后,{}党委书记为优秀毕业生代表颁发证书。"]
    page = [line.format(name) for line in lines[:times]] + [
        "典礼结束后,毕业生们在校园各处合影留念,留下青春的记忆。"]
    d, = decide_pages(_AnyNameScorer(), [page])
    assert d.is_spam.tolist() == [found] * times + [False]
    if found:
        assert _phrases(page, d)[:times] == [[name]] * times


def test_a_kind_of_app_an_anti_fraud_report_warns_of_is_no_substituted_name():
    """``赌博App`` recurs through a police warning as a brand's name recurs through a hijacked
    page; it names a kind of app, not one. A coined name before the App is still a name."""
    lines = ["如何识别伪装成小游戏的{}?这几个特征要记住",
             "很多{}会起一个看起来很普通的名字,图标也做得和正规软件差不多。",
             "{}往往无法通过正规应用商店审核,只能通过短信链接下载。",
             "网警提醒:参与网络赌博不仅会造成财产损失,还可能触犯法律。"]
    for name, found in (("赌博App", False), ("网络博彩APP", False), ("鑫博88App", True)):
        page = [line.format(name) for line in lines[:3]] + lines[3:]
        d, = decide_pages(_AnyNameScorer(), [page])
        assert d.is_spam.tolist()[:3] == [found] * 3, name


def test_the_page_model_fits_when_every_promotion_page_is_on_one_website():
    """A fold whose training side holds no promotion page (all of them on the held-out website)
    has nothing to learn: its pages are called no promotion page, and the fit goes on."""
    import scipy.sparse as sp

    from spamdetect.context import PageModel

    rng = np.random.default_rng(1)
    y = np.array([1, 1] + [0] * 18)
    pm = PageModel().fit(sp.csr_matrix(rng.random((20, 4))), rng.normal(size=(20, 8)), y,
                         ["casino"] * 2 + [f"site{i}" for i in range(18)])
    assert np.isfinite(pm.threshold_) and pm.validation_["spam_pages_found"] == 0


def test_a_cut_name_keeps_real_news_that_mentions_sport():
    # 体育 is promotion evidence (a gate), not a verdict: the rest of a paragraph whose casino
    # name is cut reads as news, and only the name goes
    page = ["金莎9159游艺场官网举行秋季师生趣味运动会",
            "为弘扬体育精神,丰富师生课余生活,金莎9159游艺场官网在东校区风雨球场举行师生趣味运动会。",
            "据悉,本届运动会由金莎9159游艺场官网团委主办,引导师生增强健身。",
            "运动会共设十七个比赛项目,吸引了来自各个学院的一千余名运动员参加。"]
    d, = decide_pages(_NameScorer(), [page])
    assert d.is_spam.tolist() == [True, True, True, False]
    assert _phrases(page, d)[:3] == [["金莎9159游艺场官网"]] * 3
    assert d.verdict == "infected"


def test_promotion_glued_to_a_cut_goes_with_it():
    from spamdetect.context import _reads_as_article, _seams
    from spamdetect.spans import Span

    text = "记者 张三 报道首次登录送91元红包"
    short = Span(text.index("送91"), len(text), 0.9)  # leaves 首次登录 glued to the cut
    whole = Span(text.index("首次"), len(text), 0.9)
    rests = ["记者 张三 报道首次登录", "记者 张三 报道", "为弘扬体育精神,丰富师生课余生活。"]
    seams = [_seams(text, [short]), _seams(text, [whole]), "生活|。"]
    assert _reads_as_article(_NameScorer(), rests, 0.5, seams).tolist() == [False, True, True]
    # a phrase flagged elsewhere in the paragraph and left outside the cut fails the rest too
    assert _reads_as_article(_NameScorer(), rests, 0.5, seams, [False, False, True]).tolist() == \
        [False, True, False]
    # without a clause scorer any promotion evidence left fails the rest
    assert _reads_as_article(_Loud(), rests[2:], 1.0, seams[2:]).tolist() == [False]


class _Quiet(_Loud):
    """Calls every paragraph article: what residue gets, it gets from the markup rule alone."""

    def predict_proba(self, texts):
        p = np.full(len(texts), 0.01)
        return np.column_stack([1 - p, p])


CODE_BLOG = ["在 Vue 项目里,入口文件会把根组件挂载到页面上唯一的那个元素上,所以模板里只放一个容器。",
             '<div id="main"></div>',
             "挂载以后,组件树里的每个元素都由 Vue 渲染,容器本身保持空着。"]


def test_hijack_markup_is_spam_where_its_id_repeats():
    from spamdetect.context import residue_mask

    page = ["学校今天举行了秋季运动会,全校师生踊跃参加,比赛气氛热烈,各班级都取得了好成绩。",
            '• <dfn id="qzw7k"></dfn>',
            '<abbr id="qzw7k"><ins id="qzw7k"></ins></abbr>',
            "2. <kbd id=\"qzw7k\"></kbd>"]
    assert residue_mask(page).tolist() == [False, True, True, True]
    d, = decide_pages(_Quiet(), [page])
    assert d.is_spam.tolist() == [False, True, True, True]
    assert [[page[i][s.start:s.end] for s in d.spans[i]] for i in (1, 2)] == [[page[1]], [page[2]]]
    # an id used once is markup quoted in a code blog: structural, article
    assert not residue_mask(CODE_BLOG).any()
    assert not decide_pages(_Loud(), [CODE_BLOG])[0].is_spam[1]
    # the count is per page: one element on each of two pages is no repeat
    assert not residue_mask([page[1], page[1]], bounds=[0, 1, 2]).any()
    # tags with text between them, or without ids, are not residue
    assert not residue_mask(['<b id="x1">注册送彩金</b>', '<b id="x1"></b>', "<p></p><p></p>"])[[0, 2]].any()


def test_a_paragraph_alone_is_residue_when_its_own_elements_share_an_id():
    from spamdetect.context import decide_paragraphs

    scores, spam, spans = decide_paragraphs(_Quiet(), ['<abbr id="qzw7k"><ins id="qzw7k"></ins></abbr>',
                                                       '<div id="main"></div>'])
    assert spam.tolist() == [True, False]
    assert scores[0] == 1.0
    assert classify('<abbr id="qzw7k"><ins id="qzw7k"></ins></abbr>').label == "spam"
    assert classify('<div id="main"></div>').label == "article"


def test_page_stance_tells_a_report_from_a_promotion_page():
    from spamdetect.context import page_stance
    from spamdetect.normalize import normalize_many

    report = ["警方近日破获一起网络赌博案件,抓获犯罪嫌疑人十二名,涉案金额逾千万元。",
              "法院审理认为,被告人以营利为目的开设赌场,其行为已构成开设赌场罪,依法判处有期徒刑三年。"]
    promo = ["百家乐新手必看:玩法规则一次学会,官网注册即送体验金,真人娱乐平台24小时在线。",
             "选择正规平台很重要,推荐大家到官方入口下载app,首存还有彩金可以领取。"]
    pages = normalize_many(report + promo)
    stance = page_stance(pages, [0, 2, 4])
    assert stance.shape == (2, 2)
    assert stance[0, 0] > stance[1, 0]  # the report reports
    assert stance[1, 1] > stance[0, 1]  # the promotion page promotes
    # each page alone gives the same row: pages do not leak into each other
    assert np.allclose(stance[1], page_stance(pages[2:], [0, 2])[0])
    assert np.all(page_stance(["", ""], [0, 2]) == 0)


def test_a_page_model_saved_before_page_stance_reads_the_summaries_only():
    from spamdetect.context import PageModel, page_features

    feats = page_features(np.array([2.0, -1.0, 0.5]), [30, 30, 30], ["官网注册", "新闻", "体育"], [0, 3])
    old = PageModel.from_arrays(np.zeros(3), 0.0, np.arange(9, dtype=float), 0.5, 1.0)
    new = PageModel.from_arrays(np.zeros(3), 0.0, np.arange(11, dtype=float), 0.5, 1.0)
    assert feats.shape == (1, 10)
    assert np.isclose(old.decision([1.0], feats)[0], np.arange(9) @ np.r_[1.0, feats[0, :8]] + 0.5)
    assert np.isclose(new.decision([1.0], feats)[0], np.arange(11) @ np.r_[1.0, feats[0]] + 0.5)


@pytest.mark.parametrize("phrase, promotes", [
    ("娱乐城", False), ("老虎机", False), ("娱乐| 体育", False), ("金沙中国", False), ("澳门平台", False),
    ("2023年澳门娱乐城", False), ("第1季净收益", False), ("传奇", False), ("福利彩票", False),
    ("成人高考", False), ("国产大飞机", False), ("新开传奇私服", True),
    ("8846威尼斯", True), ("365体育官网入口", True), ("金沙990cc登录", True), ("kaiyun官方网站", True),
    ("注册送88元", True), ("www.example.cc", True), ("国产精品麻豆", True),
    # the private Macau Mark Six tip trade promotes; the Hong Kong draw's report does not
    ("2023澳门今晚开", True), ("新澳门六开彩正版免费资料大全", True), ("管家婆一肖一码", True),
    ("六合彩第88期攪珠结果", False), ("头奖派彩", False),
    # a number that counts or places something is no name
    ("第B12版:要闻", False), ("26路公交", False), ("8强赛", False), ("100米栏", False), ("8866米兰", True),
    # a value after a word that states it, a draw's numbers: no name glued to a word
    ("头奖号码为8316", False), ("亩产能达到2500斤左右", False), ("产量约1200吨", False), ("金沙为8316", False),
    # an institution's own site is where a report sends its readers; a site's name before 官网 calls
    ("可在新加坡博彩公司官网查询", False), ("登录市招生考试院官网查询", True), ("俱乐部官方网站", False),
    ("乐鱼体育官网", True), ("官方网站", True)])
def test_a_phrase_promotes_on_its_own_with_a_name_a_call_or_an_address(phrase, promotes):
    from spamdetect.context import has_phrase_promotion
    from spamdetect.normalize import normalize_text

    assert has_phrase_promotion(normalize_text(phrase)) is promotes


@pytest.mark.parametrize("phrase, named", [
    ("vns7736241(中国)有限公司", True), ("永利qz58102no3", True), ("kq777体育官网", True), ("31357威尼斯", True),
    ("金沙9159登录", True), ("88av在线", True), ("金莎9159游艺场", True), ("北京赛车pk10在线计划群", True),
    ("365体育官网入口", True),  # digits glued to a word, beside the trade
    ("优游国际", False), ("官网注册", False), ("kaiyun官方网站", False),  # a word, not a coined name
    ("2023年", False), ("第B12版", False), ("100米栏", False), ("打造100条线路", False), ("26路公交", False),
    # a product model: shaped like a coined name, short, and nothing of the trade beside it
    ("kq777官网", False), ("麒麟9020处理器", False), ("rtx4090显卡官网下载", False), ("华为mate70评测", False),
    ("5500mah电池", False), ("开奖号码为8316,可在博彩公司网站查询", False),
    # a quantity with its unit: an app-store card game's size, a screen's rate
    ("大小 86.4MB | 类别 棋牌", False), ("檔案大小:186KB 公司簡稱:某某互動娛樂", False), ("120Hz 棋牌模式", False),
    ("kq777体育 86.4mb", True),
    # a stock code, even of a casino operator: it starts with 0 or is quoted with 涨/跌/股
    ("银河娱乐0027涨4.1%", False), ("永利澳门1128涨3.8%", False), ("金沙中国1928股价", False)])
def test_a_brand_shaped_name_is_coined_and_sells_the_trade(phrase, named):
    from spamdetect.context import has_brand_name
    from spamdetect.normalize import normalize_text

    assert has_brand_name(normalize_text(phrase)) is named


def test_a_phrase_with_a_brand_shaped_name_is_cut_under_the_clause_threshold(monkeypatch):
    """All three phrases promote (官网) and score 0.3 -- under the clause threshold. The one
    holding a coined name of letters and digits beside the trade it sells (体育), which no
    training page had, is cut; the school's own site and a graphics card's model are not."""
    from spamdetect.context import BRAND_PHRASE_AT

    pred = default_predictor()
    assert BRAND_PHRASE_AT <= 0.3 < pred.clause_model.threshold
    monkeypatch.setattr(pred, "phrase_proba",
                        lambda phrases: np.array([0.3 if "官网" in p else 0.0 for p in phrases]))
    texts = ["学院举行秋季运动会,qx7731体育官网,副院长出席开幕式并讲话。",
             "学院举行秋季运动会,学校官网,副院长出席开幕式并讲话。",
             "学院举行秋季运动会,rtx4090官网,副院长出席开幕式并讲话。"]
    named, plain, product = pred.clause_spans(texts)
    assert [texts[0][s.start:s.end] for s in named] == ["qx7731体育官网"]
    assert plain == [] and product == []  # a product model is no coined betting name


def test_venue_words_in_gaming_news_are_not_cut_as_phrases():
    pred = default_predictor()
    proba = pred.phrase_proba(["娱乐城", "老虎机", "8846威尼斯"])
    assert proba[:2].tolist() == [0.0, 0.0]
    assert proba[2] > 0
    report = ("澳门今年前九个月整体博彩收益按年升百分之四十五,其中娱乐城的博彩收益占九成九,"
              "赛马、赛狗及彩票占余下的一成。")
    assert pred.clause_spans([report]) == [[]]


class _UnderTheLine(_Loud):
    """Bland filler that leans spam (0.9, under the 0.95 line), the last line spam alone, and a
    page model that puts every page ``below`` under its line: what the page verdict makes of a
    page the page model alone does not delete."""

    threshold_ = 0.95

    def predict_proba(self, texts):
        p = np.array([0.999 if i == len(texts) - 1 else 0.9 for i in range(len(texts))])
        return np.column_stack([1 - p, p])

    def __init__(self, below):
        from spamdetect.context import PageModel

        self.page_model = PageModel(margin=1.5)
        self.page_model.threshold_ = 0.0
        self.below = below

    def page_text_scores(self, normalized, bounds):
        return np.zeros(len(bounds) - 1)

    def _decision(self, text_scores, summaries):
        return np.full(len(text_scores), -self.below)


SEO_PAGE = ["百家乐的玩法其实很简单,庄家和闲家各发两到三张牌,点数接近九点的一方获胜。",
            "新手入门时先了解牌面点数的计算方法,十和人头牌都算零点,其余按牌面数字计算。",
            "想要提高胜率,就要学会看路,大路、大眼路和小路都记录了每一局的开牌结果。",
            "很多玩家喜欢在晚上娱乐一下,放松心情的同时也能体验牌桌上的乐趣和紧张感。"]


@pytest.mark.parametrize("below, promo_line, verdict", [
    (1.0, "星辉娱乐8899官网注册即送体验金,新会员首存再送彩金。", "spam_page"),
    (1.9, "星辉娱乐8899官网注册即送体验金,新会员首存再送彩金。", "spam_page"),  # within margin + extra relief
    (2.1, "星辉娱乐8899官网注册即送体验金,新会员首存再送彩金。", "infected"),  # too far under
    (1.0, "很多玩家喜欢到娱乐城里体验真人百家乐,感受现场牌桌的气氛。", "infected"),  # no phrase promotes
])
def test_a_page_just_under_the_page_model_line_is_a_spam_page_when_it_promotes(below, promo_line, verdict):
    model = _UnderTheLine(below)
    model.page_model.decision = model._decision
    d, = decide_pages(model, [SEO_PAGE + [promo_line]])
    assert d.verdict == verdict


class _AboveTheLine(_UnderTheLine):
    """Every line leans spam (0.9) under the 0.95 line, and the page model puts the page
    ``-below`` over its own line."""

    def predict_proba(self, texts):
        p = np.full(len(texts), 0.9)
        return np.column_stack([1 - p, p])


def test_the_page_model_alone_makes_no_spam_page_of_a_page_with_nothing_found_on_it():
    """A poker-strategy column reads like the trade's pages as a whole; with no paragraph
    found spam (no phrase, nothing over the line) it is no promotion page. One promoting line
    found on it makes it one."""
    model = _AboveTheLine(-1.0)
    model.page_model.decision = model._decision
    d, = decide_pages(model, [SEO_PAGE])
    assert d.verdict == "clean" and not d.is_spam.any()
    d, = decide_pages(model, [SEO_PAGE + ["星辉娱乐8899官网注册即送体验金,新会员首存再送彩金。"]])
    assert d.verdict == "spam_page" and d.is_spam.all()


WARNING_PAGE = ["警方提醒,涉赌平台披上棋牌游戏外衣,受害人注册充值后,庄家在后台操控输赢。",
                "民警介绍,此类诈骗团伙以高额返水为诱饵,已有多名受害人被骗,警方已立案侦办。",
                "检察机关依法对涉嫌开设赌场罪的犯罪嫌疑人提起公诉,法院将择期宣判。",
                "警方提醒市民提高警惕,不下载来历不明的软件,发现违法线索及时举报。"]


def test_a_page_dense_with_reporting_gets_no_relief_under_the_line():
    """The same page-model margin and the same promoting line, on a page of police warnings:
    a warning quotes the calls of the sites it warns of, so the line proves nothing there."""
    from spamdetect.context import REPORTING_PAGE, page_stance
    from spamdetect.normalize import normalize_many

    line = "星辉娱乐8899官网注册即送体验金,新会员首存再送彩金。"
    for page, verdict in ((SEO_PAGE, "spam_page"), (WARNING_PAGE, "infected")):
        model = _UnderTheLine(1.0)
        model.page_model.decision = model._decision
        d, = decide_pages(model, [page + [line]])
        assert d.verdict == verdict
        texts = normalize_many(page + [line])
        dense = page_stance(texts, [0, len(texts)])[0, 0] >= np.log1p(REPORTING_PAGE)
        assert bool(dense) is (verdict == "infected")


SLOT_LINE = "一些街边小店的里屋摆着几台老虎机,常有人围着下注到深夜。"
QUOTED_PITCH = "有人以“注册就送88元”“首存再送彩金”等话术,诱导群众下载赌博APP。"


@pytest.mark.parametrize("page, last, spam", [
    (SEO_PAGE, SLOT_LINE, True),
    (WARNING_PAGE, SLOT_LINE, False),
    (WARNING_PAGE, "星辉娱乐8899官网注册即送体验金,新会员首存再送彩金。", True),
    (WARNING_PAGE, QUOTED_PITCH, False),  # the pitch quoted, the call told with 诱导 and 赌博
    (WARNING_PAGE, "(记者 李明 报道)首次登录送91元红包", True),  # promotes in a clause of its own
    (SEO_PAGE, QUOTED_PITCH, False),  # a warning is one on any page
    (SEO_PAGE, "星辉娱乐8899官网注册即送体验金,千万不要错过。", True),
])
def test_on_a_page_that_reports_a_high_score_alone_needs_promotion_in_its_own_voice(page, last, spam):
    """The last line scores 0.999 alone. On a page of police warnings a line about slot
    machines with nothing promoting in it is what the report is about; on any page, so is a
    line that quotes a site's pitch or tells it in words that condemn it. A call and a brand in
    a sentence of their own still make spam, and on a how-to page a high score is enough for a
    line with no promotion at all."""
    from spamdetect.context import has_promotion
    from spamdetect.normalize import normalize_many

    model = _UnderTheLine(3.0)  # far under the page model's line: no spam page either way
    model.page_model.decision = model._decision
    d, = decide_pages(model, [page + [last]])
    assert bool(d.in_page[-1]) is spam and bool(d.is_spam[-1]) is spam
    assert not d.is_spam[:-1].any()
    assert has_promotion(normalize_many([last])[0]) is (last != SLOT_LINE)
    # the rule needs no page model: a bare model that calls every line spam alone (on the
    # how-to page that makes every line spam and the page a promotion page, whatever the last)
    bare, = decide_pages(_Loud(), [page + [last]])
    if page is WARNING_PAGE:  # 涉赌平台 ... 受害人注册充值后, 不下载来历不明的软件: told as a report
        assert bool(bare.is_spam[-1]) is spam
        assert not bare.is_spam[:-1].any()
    else:
        assert bare.verdict == "spam_page"


def test_a_paragraph_alone_whose_promotion_is_a_warning_is_article():
    """classify's path: a bare model calls both lines spam; the warning is article, the pitch
    in its own voice is not."""
    from spamdetect.context import decide_paragraphs

    _, spam, _ = decide_paragraphs(_Loud(), [QUOTED_PITCH, "星辉娱乐8899官网注册即送体验金,千万不要错过。"])
    assert spam.tolist() == [False, True]


@pytest.mark.parametrize("text, own", [
    ("星辉娱乐8899官网注册即送体验金", True),
    ("(记者 李明 报道)首次登录送91元红包", True),
    ("本报记者 张三 报道,官网注册", True),
    (QUOTED_PITCH, False),
    ("警方提醒,涉赌平台披上棋牌游戏外衣,受害人注册充值后被骗", False),
    ("他说:“下载这个APP,注册就送彩金。”", False),
    ("初步独赢赔率:「金钻传奇」3.2倍、「快活勇士」4.5倍", False),  # horses' names, quoted
    ("警方提醒市民提高警惕,不下载来历不明的软件", False), ("切勿点击陌生链接下载APP", False),
    ("想进娱乐场体验一下的朋友也请量力而行,当娱乐即可", False),  # responsible-gaming advice
    # police findings told over several clauses: the 网址 clause has no police word of its own
    ("民警调查发现,群内不断有人推送“注册就送88元”等宣传语,并附上网址和二维码,诱导群众下载APP", False),
    ("晚报记者 李明 报道首次登录送91元红包", True),  # the newsroom's words condemn nothing
    ("今天天气很好,适合出门散步", False),  # nothing promotes at all
    ("经查,该平台在群公告中宣称“首存即送38%彩金”", False),  # a court's findings
    ("经了解,他下载了一个App,可以对赛事投注,赔率比体彩App更高", False),  # a reporter's inquiry
    ("经审查,刘某负责在群里投放“注册送彩金”等广告", False),  # a report tells an ad's placing
])
def test_promotion_in_its_own_voice_is_neither_quoted_nor_told_in_a_report_sentence(text, own):
    from spamdetect.context import promotes_in_own_voice
    from spamdetect.normalize import normalize_text

    assert promotes_in_own_voice(normalize_text(text)) is own


@pytest.mark.parametrize("text, against", [
    ("(本文赔率数据仅供赛事分析参考,不构成任何投注建议。)", True),
    ("本应用仅提供体育资讯与数据服务,不提供任何形式的彩票销售、赛事竞猜或投注服务。", True),
    ("警方提醒:网络赌博是陷阱。切勿下载来历不明的APP。", True),
    # one sentence of its own that does not speak against betting is enough to be judged
    ("本文不构成投注建议。今晚英超焦点战,推荐主胜,稳胆必中。", False),
    ("今晚英超焦点战,推荐主胜,稳胆必中。", False),
    ("", False),
])
def test_a_paragraph_that_speaks_against_betting_throughout(text, against):
    from spamdetect.context import speaks_against
    from spamdetect.normalize import normalize_text

    assert speaks_against(normalize_text(text)) is against


def test_a_disclaimer_is_no_spam_on_its_score_alone():
    """A bare model calls every line spam; a line that only denies the service or warns is
    article on a page and alone (it has no promotion evidence: the own-voice test does not read
    it), a tip in its own voice is not."""
    from spamdetect.context import decide_paragraphs, has_promotion
    from spamdetect.normalize import normalize_text

    disclaimer = "(本文赔率数据仅供赛事分析参考,不构成任何投注建议。)"
    tip = "今晚英超焦点战,推荐主胜,稳胆必中。"
    assert not has_promotion(normalize_text(disclaimer))
    _, spam, _ = decide_paragraphs(_Loud(), [disclaimer, tip])
    assert spam.tolist() == [False, True]
    d, = decide_pages(_Loud(), [[tip, disclaimer]])
    assert d.is_spam.tolist() == [True, False]


@pytest.mark.parametrize("text, ad", [
    ("备孕夫妇应提前3个月补充叶酸。试管婴儿代孕包生男孩微信dy6618", "试管婴儿代孕包生男孩微信dy6618"),
    ("读者们带来家中闲置的图书进行交换,新开传奇私服,工作人员现场登记", "新开传奇私服"),
    ("会议通报了报名情况。专业办理毕业证学位证,会议要求各考点严格管理", "专业办理毕业证学位证"),
    ("我市健康家庭创建活动启动。长沙男科医院哪家好,活动以健康为主题", "长沙男科医院哪家好"),
    ("以及代生包生女儿等多样化的生育需求", "以及代生包生女儿等多样化的生育需求"),
    # a private specialty hospital named in the page's own voice, and its promise
    ("义诊活动在社区广场举行,南城白癜风医院 http://example.cn/", "南城白癜风医院"),
    ("记者日前走访了滨江现代男子医院,了解秋季养生常识", "记者日前走访了滨江现代男子医院"),
    ("社区卫生服务站开展健康宣传,康宁医院专治前列腺疾病", "康宁医院专治前列腺疾病"),
    ("新增公交站点12个,白癜风专科医院 中药根治", "白癜风专科医院"),
    # stuffed porn titles between a portal's own links
    ("晨报网,日韩精品一区在线观看,晨报网财经", "日韩精品一区在线观看"),
    # reported, quoted, forbidden, denied; a service word with no offer; Hong Kong's 外圍 bookmaking
    ("警方查处一个代孕中介,该团伙以“代孕包成功”招揽客户", None),
    ("通过网络发布“包成功”“包生男孩”等虚假广告招揽客户", None),
    ("医疗机构和医务人员不得实施任何形式的代孕技术", None), ("中心不开展任何形式的代孕技术", None),
    ("私服游戏侵犯著作权,法院判决赔偿", None), ("又成功搗破九十六個外圍投注中心", None),
    ("如需人流手术,应到正规医院就诊", None),
    ("市人民医院男科主任介绍了门诊安排", None), ("卫健委查处多家违规宣传的男科医院", None),
    ("一些民营男科医院利用“免费体检”诱导患者消费", None),
    ("警方查处一个传播成人视频的网站", None), ("该网站以“欧美精品”为名传播淫秽视频", None),
    ("全市划分为一区、二区两类管控区域", None), ("打造更多国产精品,擦亮中国制造名片", None),
    # a classified ad whose offer is a contact handle in another clause than its service
    ("展会现场人头攒动。【刻章】公章、合同章,当天取件,QQ:3345129876", "【刻章】公章、合同章,当天取件,QQ:3345129876"),
    ("通知如下:急用钱?黑户也能下款,微信 kuaidai_888。请各单位周知", "黑户也能下款,微信 kuaidai_888"),
    ("本周推荐:同城包夜,学生兼职,电话:13900001111", "本周推荐:同城包夜,学生兼职,电话:13900001111"),
    ("会议结束。办理毕业证学位证 学信网可查 微信:zs8877xx", "办理毕业证学位证 学信网可查 微信:zs8877xx"),
    # the ad's own clauses are its voice: a warning elsewhere in the sentence it was cut into is not
    ("营业厅摆放了防范非法集资的折页,秒批不看征信 咨询V:kd6688,由大堂经理讲解。", "秒批不看征信 咨询V:kd6688"),
    ("可在线申请,结婚证房产证代办 联系QQ:2896410001,也可到市场监管窗口办理。", "结婚证房产证代办 联系QQ:2896410001"),
    # a Taiwanese escort ad's LINE handle (its words spaced out: no clause holds service and offer)
    ("客房備有智慧電視與咖啡機,新竹外送茶 約妹 line:tea8899,全館提供免費Wi-Fi。", "新竹外送茶 約妹 line:tea8899"),
    ("本店官方LINE:shop_2024 歡迎詢問訂位", None),  # a shop's own LINE, no service
    # a bank's loan line with its hotline, a report quoting an escort ad, a service with no contact
    ("个人信用贷款年利率低至3.6%,客服热线:95566", None),
    ("警方提醒:所谓“包夜服务”微信 yue520 均为诈骗", None),
    ("这家刻章店经公安备案,可刻制公章、财务章", None),
    # a loan shark's promise, an escort's words, a clinic's pitch, a forged diploma's agent, with
    # no handle or offer word beside them; a report that tells them as claims, and everyday words
    ("补充一句:赛前早点睡,急用钱找快借宝 无视黑白户 当天放款,早餐提前吃完。", "急用钱找快借宝 无视黑白户 当天放款"),
    ("「杯子很好看。」小額借款免照會當日撥款 —— 買家 a***9", "小額借款免照會當日撥款"),
    ("退房時間 11:00。台中叫小姐 外約 全套服務,如需延遲退房請來電。", "台中叫小姐 外約 全套服務"),
    ("天文台預測明日天晴,上門按摩 包夜 叫雞,市民外出注意防曬。", "上門按摩 包夜 叫雞"),
    ("学院建设了竞赛训练基地。割包皮就选仁和男科,预约电话0731-0000000", "割包皮就选仁和男科"),
    ("宅配到府,代辦各類證件 畢業證書 LINE:zz6688,訂單成立後出貨。", "代辦各類證件 畢業證書 LINE:zz6688"),
    ("记者调查发现,这类广告声称无视黑白户、当天放款,实为套路贷。", None),
    ("一些平台宣称黑户可贷,专家表示要谨慎。", None), ("警方提醒:所谓无视征信的网贷多为诈骗。", None),
    ("银行推出小额信用贷款,最快当天放款。", None), ("她周末做兼职,晚上包夜赶论文。", None),
    ("小区开展上门按摩服务进社区活动,为老人提供全套服务。", None), ("快来叫小姐姐一起玩", None),
    ("泌尿外科(男科)门诊预约电话:0731-0000000", None), ("新生可代办学生证和校园卡", None),
    # a handle on WhatsApp or Taiwan's 賴 (LINE), a phone number in two groups; an escort's word
    # with an offer; more of the loan sharks' words; 包夜 with a price is a net café's
    ("票價不變。台南叫小姐賴：tea7788,依試算調整後", "台南叫小姐賴：tea7788"),
    ("長者應加倍留意。尖沙咀上門按摩 即Call即到 WhatsApp：6123 4567", "尖沙咀上門按摩 即Call即到 WhatsApp：6123 4567"),
    ("社福機構加強探訪。深水埗叫雞 一條龍服務 包你滿意", "深水埗叫雞 一條龍服務 包你滿意"),
    ("热门借款:征信花了哪里能借到钱", "热门借款:征信花了哪里能借到钱"),
    ("居民贷款需求回升。无视黑白秒过", "无视黑白秒过"),
    ("分析人士指出信贷需求回升,代办信用卡 大额秒批", "代办信用卡 大额秒批"),
    ("网吧包夜价格10元,会员8元", None), ("赖清德:5月20日就职", None), ("民进党主席赖:tsai2024", None),
    # contraband and the snoop's, the forger's and the fraudster's services with a handle, cut into
    # news; the same words in a warning, a report, a bank's notice or a toy shop's with a hotline
    ("新学期开学。出售高仿假币 一比十 微信:jb8866,家长请提前准备。", "出售高仿假币 一比十 微信:jb8866"),
    ("汛期将至。迷药 听话水 正品出售 加QQ:2837461920,各乡镇要做好准备。", "迷药 听话水 正品出售 加QQ:2837461920"),
    ("比赛圆满结束。黑客接单 查开房记录 微信hk_9988", "黑客接单 查开房记录 微信hk_9988"),
    ("春耕正忙。信用卡套现 秒到账 联系微信:tx5566,农技站送技术下乡。", "信用卡套现 秒到账 联系微信:tx5566"),
    ("论文答辩安排如下。代写论文 包过查重 QQ 1928374650", "代写论文 包过查重 QQ 1928374650"),
    ("出售公民个人信息 银行卡四件套 飞机@ka4jian", "出售公民个人信息 银行卡四件套 飞机@ka4jian"),
    ("网络水军 刷好评 删差评 加群 66558899", "网络水军 刷好评 删差评 加群 66558899"),
    ("如发现信用卡被盗刷或被套现,请及时拨打客服热线95555。", None),
    ("信用卡套现的风险有哪些?详情请咨询客服电话 95588", None),
    ("反假币宣传进社区,如有疑问请拨打咨询电话 0571-87654321", None),
    ("儿童仿真枪玩具 水弹枪 批发价优惠 联系电话 13912345678", None),
    ("以积分制取代考勤管理,详情咨询 0755-12345678", None),
    ("三国志战略版 东吴水军阵容推荐,欢迎加群 987654321 交流", None),
    ("警方提醒:兜售迷药的广告均为诈骗,如有线索请微信举报 jingfang01", None),
])
def test_a_black_market_offer_in_its_own_voice_is_cut(text, ad):
    from spamdetect.context import black_market_spans, decide_paragraphs

    assert [text[s.start:s.end] for s in black_market_spans(text)] == ([ad] if ad else [])
    _, spam, _ = decide_paragraphs(_Quiet(), [text])
    assert bool(spam[0]) is (ad is not None)


def test_a_whole_line_ad_is_not_cut_down_to_its_handle():
    """An ad that is the whole line is spam as a whole: the edge cut, which looks for a
    promotion appended to real text, must not keep the ad's service (``出售高仿假币``, which the
    paragraph model has never seen and scores as article) and cut only the handle -- a rule's
    phrase may not be left outside the cut, with or without promotion words in what is left."""
    from spamdetect.context import decide_paragraphs

    ad = "出售高仿真假币,一比十,货到付款,微信:jb8866"
    _, spam, spans = decide_paragraphs(_Quiet(), [ad])
    assert spam[0] and [(s.start, s.end) for s in spans[0]] == [(0, len(ad))]


JUDGMENT = ("经查,该平台在推广图片和群公告中宣称“首存即送38%彩金”“百家乐、龙虎斗、真人视讯24小时在线”,"
            "并以“代理月入十万不是梦”为噱头吸引他人加入。")


@pytest.mark.parametrize("text, phrase, kept", [
    (JUDGMENT, "首存即送38%彩金", False),
    (JUDGMENT, "彩金”“百家乐、龙虎斗", False),  # a phrase running on from one quotation to the next
    ("业内分析指出,“国产精品麻豆果冻传媒”的迅速走红与用户习惯有关。", "国产精品麻豆果冻传媒", True),  # no condemnation
    ("经查,该平台首存即送38%彩金。", "首存即送38%彩金", True),  # not quoted
])
def test_a_pitch_quoted_in_a_report_is_not_cut(text, phrase, kept):
    """A judgment quotes the pitch it convicts; an SEO page quotes its own brand."""
    from spamdetect.context import quoted_in_report
    from spamdetect.spans import Span

    at = text.index(phrase)
    span = Span(at, at + len(phrase), 0.9)
    assert quoted_in_report(text, [span]) == ([span] if kept else [])


VICTIM = "6月3日,一居民报警称,其点击陌生短信中的链接下载“星球”APP登录注册,充值后被骗12万元。"


@pytest.mark.parametrize("text, phrase, kept", [
    (VICTIM, "APP登录注册", False),  # a victim's story tells the scam's steps, naming no site
    ("6月3日,一居民报警称,其点击链接下载鑫博体育APP登录注册,充值后被骗12万元。", "鑫博体育APP登录注册", True),
    ("6月3日,一居民点击链接下载星球APP登录注册,充值后获赠积分。", "APP登录注册", True),  # no report
])
def test_a_call_told_in_a_report_naming_no_site_is_not_cut(text, phrase, kept):
    """A call that names no site, in a sentence that reports a crime, is the report's telling; a
    call with the site's name, or outside a report, stays cut."""
    from spamdetect.context import told_in_report
    from spamdetect.spans import Span

    at = text.index(phrase)
    span = Span(at, at + len(phrase), 0.9)
    assert told_in_report(text, [span]) == ([span] if kept else [])


def test_a_page_that_reads_as_news_in_its_page_is_no_promotion_page():
    from spamdetect.context import PAGE_LEAN

    class _NewsUnderATitle(_UnderTheLine):
        def predict_proba(self, texts):  # the stuffed title is spam, the article is not
            p = np.array([0.99] + [0.2] * (len(texts) - 1))
            return np.column_stack([1 - p, p])

    model = _NewsUnderATitle(1.0)
    model.page_model.decision = model._decision
    page = ["国产精品一区二区三区_午夜福利免费观看_成人视频在线网址"] + [NEWS] * 4
    d, = decide_pages(model, [page])
    assert np.median(d.scores[1:]) < PAGE_LEAN
    assert d.verdict == "infected"
    assert d.is_spam.tolist() == [True, False, False, False, False]


class _Graded(_Loud):
    """Spam alone (0.99) with a promotion in it; a rest naming 丙丁 scores 0.6 -- under the
    0.8 paragraph threshold, but more likely spam than not --; any other rest 0.1."""

    threshold_ = 0.8

    def predict_proba(self, texts):
        p = np.array([0.99 if "官网" in t else 0.6 if "丙丁" in t else 0.1 for t in texts])
        return np.column_stack([1 - p, p])


def test_what_is_left_of_a_cut_must_be_more_likely_article_than_spam():
    from spamdetect.context import REST_AT, decide_paragraphs

    assert REST_AT == 0.5
    texts = ["本报记者 张三 报道,官网注册", "丙丁戊己庚辛 报道,官网注册"]
    _, spam, spans = decide_paragraphs(_Graded(), texts)
    assert spam.tolist() == [True, True]
    assert [texts[0][s.start:s.end] for s in spans[0]] == ["官网注册"]  # the news is kept
    assert [(s.start, s.end) for s in spans[1]] == [(0, len(texts[1]))]  # 0.6 is no article


class _ByLine(_Loud):
    """Scores each line by a table (0.05 for any other): the paragraph threshold is 0.7."""

    threshold_ = 0.7

    def __init__(self, scores):
        self.scores = scores

    def predict_proba(self, texts):
        p = np.array([self.scores.get(t, 0.05) for t in texts])
        return np.column_stack([1 - p, p])


ODDS = "赔率方面,老牌博彩公司开出主胜1.50、平局4.50、客胜6.00的赔率,亚盘主队让半球。"
REPORT = ["本周六晚,主队将在主场迎战来访的客队,两队上赛季交手两次各胜一场。",
          "主队主教练在赛前表示,球队已做好充分准备,伤员基本恢复。",
          "客队近期状态起伏,过去五轮联赛仅取得一场胜利,防线问题突出。"]


@pytest.mark.parametrize("line, score, others, spam", [
    (ODDS, 0.8, [], False),  # the one line a clean report's subject makes the model flag
    (ODDS, 0.9, [], True),  # the model is sure
    (ODDS, 0.8, ["乐鱼体育官网注册送88元"], True),  # not alone: the page is infected
    ("天马娱乐城胸痛中心通过国家标准版认证", 0.8, [], True),  # a betting venue's name in the subject's place
    ("凯发k8娱乐官网胸痛中心通过国家认证", 0.8, [], True),  # a name and a call: promotes on its own
    # a firm's footer: an e-mail address is a contact, not an address a line sends its reader to
    ("客服信箱:service@starfield.com.tw © 2024 星野互动娱乐股份有限公司", 0.8, [], False),
    ("客服信箱:service@starfield.com.tw 星野互动娱乐官网 www.starfield.com.tw", 0.8, [], True),
    # a game's contact line: a QQ number or group is a contact too (the twelfth blind set)
    ("官方客服QQ:800100200 玩家交流群:518200300 客服邮箱:kefu@example-game.com", 0.8, [], False),
    # a call that names nothing is a page's word for its own site; a casino's 官网 names one
    ("度假村推出冬季住宿优惠,详情请浏览官网。", 0.8, [], False),
    ("度假村推出冬季住宿优惠,详情请浏览金沙娱乐官网。", 0.8, [], True),
])
def test_the_one_line_on_a_page_flagged_for_its_subject_needs_a_sure_score(line, score, others, spam):
    from spamdetect.context import LONELY_AT, decide_pages

    assert LONELY_AT == 0.85
    page = REPORT + [line] + others
    d, = decide_pages(_ByLine({line: score, **{o: 0.99 for o in others}}), [page])
    assert bool(d.is_spam[len(REPORT)]) is spam
    assert d.is_spam[:len(REPORT)].tolist() == [False] * len(REPORT)


COMPLEX = ["9月27日,位于城南新区的星汇娱乐城正式开门迎客,这座商业综合体集购物、餐饮、影院和KTV于一体。",
           "星汇娱乐城运营方负责人介绍,项目引入品牌共计186个,其中首次进入本市的品牌有37个。",
           "城南新区管委会相关负责人表示,星汇娱乐城的开业将进一步完善新区商业配套。"]


@pytest.mark.parametrize("page, spam", [
    (COMPLEX, False),  # the complex the page reports on, named throughout
    ([t.replace("影院和KTV", "超市").replace("商业综合体", "项目") for t in COMPLEX], True),  # no cinema, KTV or rink
    (REPORT + COMPLEX[:1], True),  # named once
])
def test_a_leisure_complex_named_through_its_page_excuses_its_headline(page, spam):
    """A shopping complex called 娱乐城 in its opening's report: its headline, the one line the
    model flags for its subject, is excused like any other's; the name once, or on a page that
    speaks of no cinema, KTV or rink, stays a betting venue's."""
    from spamdetect.context import decide_pages

    headline = "星汇娱乐城今日开业 城南再添一处吃喝玩乐好去处"
    d, = decide_pages(_ByLine({headline: 0.8}), [[headline] + page])
    assert bool(d.is_spam[0]) is spam and not d.is_spam[1:].any()


def test_a_page_of_one_line_has_no_clean_page_to_excuse_its_subject():
    """A one-line page (a gambling-SEO tag page's title) goes by the model's score: no clean
    page around it says the line is its subject; on a page with others the line is excused."""
    from spamdetect.context import decide_pages

    title = "大乐透开奖号码走势规律怎么看"
    alone, = decide_pages(_ByLine({title: 0.8}), [[title]])
    assert alone.is_spam.tolist() == [True]
    beside, = decide_pages(_ByLine({title: 0.8}), [[title] + REPORT])
    assert beside.is_spam.tolist() == [False] * (1 + len(REPORT))


def test_a_page_that_is_one_short_heading_goes_by_its_score():
    """A heading of eight word characters or fewer is never spam on a page with text of its
    owner's around it; a page that is nothing but the heading (a gambling-SEO tag page's
    title) goes by the model's score like any one-line page. Alone (``decide_paragraphs``,
    what ``classify`` reads) the heading stays a heading."""
    from spamdetect.context import decide_pages, decide_paragraphs, is_structural

    heading = "百家乐下注技巧"
    assert is_structural(heading)
    alone, = decide_pages(_ByLine({heading: 0.8}), [[heading]])
    assert alone.is_spam.tolist() == [True]
    low, = decide_pages(_ByLine({heading: 0.3}), [[heading]])
    assert low.is_spam.tolist() == [False]
    beside, = decide_pages(_ByLine({heading: 0.8}), [[heading] + REPORT])
    assert not beside.is_spam.any()
    _, spam, _ = decide_paragraphs(_ByLine({heading: 0.8}), [heading])
    assert spam.tolist() == [False]
    chrome, = decide_pages(_ByLine({"首页": 0.8}), [["首页"]])  # chrome stays chrome
    assert chrome.is_spam.tolist() == [False]


@pytest.mark.parametrize("labelled", [True, False])
def test_a_name_the_page_gives_as_a_model_number_is_no_substituted_name(labelled):
    model = "QF800K-B520"
    page = [f"首页 > 产品中心 > 空气净化器 > {model}",
            f"{'型号:' if labelled else '热销:'}{model} | 颜色:月光白 | 建议零售价:¥2,599",
            "三层复合滤网可有效过滤PM2.5、花粉和宠物毛屑,并吸附甲醛等有害气体。",
            f"资料下载:《{model} 使用说明书》PDF 3.2MB | 《快速入门指南》PDF 0.8MB"]
    d, = decide_pages(_AnyNameScorer(), [page])
    assert d.is_spam.tolist() == ([False] * 4 if labelled else [True, True, False, True])


_ENERGY_GROUP = ["当前位置:首页 > 集团要闻",
                 "{n}董事长出席绿色发展高级别论坛",
                 "来源:{n}环保集团有限公司 时间:2020-09-13",  # a source line: spam with the name in it
                 "10月18日下午,绿色发展高级别论坛在京召开。会议发布了绿色发展倡议,{n}董事长代表{n}作为发起人之一启动合作伙伴关系。",
                 "会议期间,{n}与多家金融机构签署战略合作协议,共同推动节能环保项目的投融资。",
                 "据介绍,集团将持续加大在清洁能源、污水处理和固废资源化利用领域的投入。"]


@pytest.mark.parametrize("name, found", [
    ("拓嵘国际", True),  # a coined prefix and a trade: a casino's name in a state group's place
    ("拓嶸國際", True),  # the same in Traditional script
    ("富贵星娱乐", True),  # three characters before the trade: the longer name is the name
    ("永利皇宫", True),  # a Macau resort's name in an energy group's place
    ("成都国际", False),  # a place and 国际: jieba's dictionary tags 成都 as a place
    ("中钢国际", False),  # an organisation of jieba's dictionary
    ("金沙", False),  # a bare casino word is a river, a county, a ruin site too (金沙江)
])
def test_a_betting_trade_name_recurring_through_a_page_about_something_else_is_cut(name, found):
    page = [p.format(n=name) for p in _ENERGY_GROUP]
    d, = decide_pages(_PhraseFinder(), [page])
    carries = [name in p for p in page]
    assert d.is_spam.tolist() == (carries if found else [False] * len(page))
    if found:  # the name is cut, the news kept
        assert _phrases(page, d) == [[name] * p.count(name) for p in page]
        assert d.verdict == "infected"


def test_a_betting_trade_name_is_the_subject_of_a_page_about_its_trade():
    page = ["当前位置:首页 > 财经 > 澳门",
            "银河娱乐公布第三季度业绩,经调整EBITDA按年上升。",
            "银河娱乐表示,中场业务的复苏带动了整体收益,澳门博彩业前景向好。",
            "分析师认为,银河娱乐的新项目将于明年落成。"]
    d, = decide_pages(_PhraseFinder(), [page])
    assert not d.is_spam.any()
    from spamdetect.context import misplaced_trade_names
    from spamdetect.normalize import normalize_many
    # the same name where nothing else on the page is about gaming, sport or show business
    other = [p.replace("澳门博彩业", "能源业").replace("澳门", "能源") for p in page]
    assert misplaced_trade_names(other, normalize_many(other)) == ["银河娱乐"]
    assert misplaced_trade_names(page, normalize_many(page)) == []


@pytest.mark.parametrize("name, found", [("宏盛娱乐", True), ("宏盛体育", True), ("宏盛体育官网", True)])
def test_a_school_sports_meet_under_a_casino_name_is_cut_a_sports_name_is_its_subject(name, found):
    """Sport is what a 体育 name is about, not what a 娱乐 name is: a school's sports meet under
    a casino's name is issue 8's own example (金沙XXXX官网举行秋季运动会). A 体育 name passed for a
    sports club's on a sports meet's page until the name's places were read: its 第二十届 games and
    its 校长 are a school's own (the eleventh blind set), so it is cut too; the sport-subject test
    still keeps a 体育 name named elsewhere (see the next test and the sponsor's page)."""
    from spamdetect.context import misplaced_trade_names
    from spamdetect.normalize import normalize_many
    page = [f"{name}举行第二十届秋季田径运动会",
            f"10月23日至24日,{name}第二十届秋季田径运动会在学校田径场隆重举行,全校2000余名学生参加。",
            f"{name}校长在致辞中表示,举办运动会是落实“健康第一”教育理念的重要举措。",
            "比赛共设24个项目,经过两天的激烈角逐,初二(3)班获得团体总分第一名。"]
    # a 体育 name written as a site's (宏盛体育官网举行…) is no sports club's: the name is 宏盛体育
    expected = [name.replace("官网", "")] if found else []
    assert misplaced_trade_names(page, normalize_many(page)) == expected


@pytest.mark.parametrize("full, found", [("{n}控股有限公司", False), ("{n}", True)])
def test_a_firm_named_by_its_full_name_is_the_page_own_not_a_casino_put_in_its_place(full, found):
    """A listed logistics group's investor page names its firm 恒岳國際控股有限公司 wherever it names
    it; a hijack puts its casino's name bare in place of the short name a page uses."""
    from spamdetect.context import misplaced_trade_names
    from spamdetect.normalize import normalize_many
    name = "恒岳國際"
    firm = full.format(n=name)
    page = [f"{firm} HANG NGOK INTERNATIONAL HOLDINGS LIMITED", "首頁 > 投資者關係 > 概覽",
            f"{firm}於二零一一年在香港聯合交易所主板上市,主要業務包括物流倉儲及冷鏈運輸。",
            "財務摘要:收益港幣12.6億元,按年增長4.1%。",
            "投資者關係聯絡:電郵 ir@hangngok.com.hk",
            f"© 2025 {firm} 版權所有"]
    assert misplaced_trade_names(page, normalize_many(page)) == ([name] if found else [])


def test_a_leisure_complex_named_entertainment_city_is_the_subject_of_its_own_opening():
    """娱乐城 is an online casino's word and a shopping-and-leisure complex's name: a report on a
    complex's opening with its cinema, rink and KTV is about the complex; a power company's news
    under the same name (its 商场 a place it sends safety campaigners) is not."""
    from spamdetect.context import misplaced_trade_names
    from spamdetect.normalize import normalize_many
    page = ["鼎泰娱乐城今日开业 城东再添休闲好去处",
            "鼎泰娱乐城总建筑面积约8万平方米,集购物、餐饮、影院、亲子乐园和KTV于一体。",
            "鼎泰娱乐城运营方表示,商场设置了900个地下停车位。"]
    assert misplaced_trade_names(page, normalize_many(page)) == []
    power = ["鼎泰娱乐城全力以赴迎峰度夏保供电", "鼎泰娱乐城组建了32支应急抢修队伍,实行24小时值班。",
             "工作人员深入社区、商场开展安全用电宣传。"]
    assert misplaced_trade_names(power, normalize_many(power)) == ["鼎泰娱乐"]


def test_the_spam_on_a_page_does_not_make_the_page_about_the_trade():
    """A hijacked city news page carries a block of betting ads besides the casino name put in the
    outlet's place: what the page says of gaming is the injected block's, not the page's own."""
    from spamdetect.context import misplaced_trade_names
    from spamdetect.normalize import normalize_many
    page = ["来源:鼎泰娱乐 作者:记者 张蕾", "鼎泰娱乐讯 10月11日上午,城西快速路北延工程主线全线贯通。",
            "工程全长约9.6公里,采用高架快速路加地面辅道的形式。",
            "时事1:体育彩票投注技巧,棋牌游戏下载"]
    norm = normalize_many(page)
    assert misplaced_trade_names(page, norm) == []  # the ad block's 彩票, 投注, 棋 talk of gaming
    assert misplaced_trade_names(page, norm, spam=[False, False, False, True]) == ["鼎泰娱乐"]


@pytest.mark.parametrize("text, bonus", [
    ("鼎盛体育注册就送18元据悉,中考成绩预计于7月5日左右公布。", "鼎盛体育注册就送18元据悉"),
    ("钠离子电池更适合用于储能领域。🎲kqty77.vip 注册秒送🎁", "🎲kqty77.vip 注册秒送🎁"),
    ("對於過渡期安排,永旺體育app下載註冊送彩金,新標準規定", "永旺體育app下載註冊送彩金"),
    ("每天在群里发布“注册就送88元”“体育投注天天返水”等广告", None),  # quoted in a court's report
    ("新用户注册送10元优惠券,下单立减", None),  # a shop's offer names no betting trade
    ("警方提醒:不要相信体育平台注册送彩金的广告", None),  # a warning
    # the trade named earlier in the sentence, not in the clause
    ("鲸落电玩城捕鱼专区现已开放,金币可随时兑换提现,新人注册即送888金币,微信秒上分。", "新人注册即送888金币"),
    ("本店是体育用品专卖店。新人注册送10元红包,满99包邮。", None),  # the trade in another sentence
    ("警方提醒,所谓体育平台宣称新人注册即送888元,实为诈骗。", None),  # a warning in the sentence
    # a crypto exchange's fee rebate; a broker's account offer and a shop's discount sell no such
    ("比特币周线收涨。欧易OKX交易所注册即返20%手续费,点击链接注册", "欧易OKX交易所注册即返20%手续费"),
    ("华泰证券是上海证券交易所会员,新用户开户送88元", None),
    ("注册会员享受手续费8折优惠,欢迎选购", None),
])
def test_a_betting_sites_sign_up_bonus_in_its_own_voice_is_cut(text, bonus):
    from spamdetect.context import sign_up_bonus_spans
    assert [text[s.start:s.end] for s in sign_up_bonus_spans(text)] == ([bonus] if bonus else [])


@pytest.mark.parametrize("text, name", [
    ("详细介绍了威尼斯wkq7771234(中国)有限公司的特色和优势。", "威尼斯wkq7771234"),
    ("46913威尼斯举行秋季运动会", "46913威尼斯"),
    ("太陽城AB12345官網正式上線", "太陽城AB12345"),
    ("涉案网站“威尼斯wkq7771234”已被查封", None),  # quoted in a report
    ("金沙中国01928股价上涨", None),  # a stock code starts with 0
    ("威尼斯人酒店订房热线:28828888", None),  # a phone number stands apart from the name
])
def test_a_casinos_name_glued_to_a_coined_one_is_cut(text, name):
    from spamdetect.context import coined_casino_spans
    assert [text[s.start:s.end] for s in coined_casino_spans(text)] == ([name] if name else [])


@pytest.mark.parametrize("text, name", [
    ("同比增长8.3%,💰鸿发娱乐城 ZxP4t8 💰新材料板块贡献突出", "鸿发娱乐城 ZxP4t8"),
    ("员工入职培训在总部举行。💰威尼娱乐hG3kP", "威尼娱乐hG3kP"),
    ("腾讯体育 NBA2K24 新赛季上线", None),  # a game's title: no lower-case letter
    ("万达娱乐城 B1层 美食广场", None),  # a floor, no code
    ("警方查处“鸿发娱乐城 ZxP4t8”赌博网站", None),  # quoted in a report
])
def test_a_betting_venue_tagged_with_a_random_code_is_cut(text, name):
    from spamdetect.context import planted_spans, venue_token_spans
    from spamdetect.normalize import normalize_text

    assert [text[s.start:s.end] for s in venue_token_spans(text)] == ([name] if name else [])
    assert [text[s.start:s.end] for s in planted_spans(text, normalize_text(text))] == ([name] if name else [])


@pytest.mark.parametrize("text, phrases", [
    ("县青少年篮球联赛圆满落幕-哪个app可以买足球比赛", ["哪个app可以买足球比赛"]),  # issue 9's suffix
    ("市民公园完成提升改造-手机买球用什么软件", ["买球用什么软件"]),
    ("此次任务是运载火箭的第88次飞行,正规买球app排行榜前十名。", ["正规买球app排行榜前十名"]),
    ("相关推荐:靠谱的买球网站 | 2026世界杯买球官方网站入口", ["靠谱的买球网站", "2026世界杯买球官方网站入口"]),
    ("市運動會順利閉幕-哪個APP可以買球", ["哪個APP可以買球"]),  # Traditional script, any case
    ("城市马拉松鸣枪开跑-买球的app排行榜十大推荐", ["买球的app排行榜十大推荐"]),
    ("男子网上买球输光积蓄 警方提醒远离网络赌博", []),  # a report: no app, site or ranking after 买球
    ("警方提醒,所谓正规买球平台都是骗局", []),  # a warning
    ("他交代,“哪个app可以买球”是群里招揽赌客的话术", []),  # quoted in a report
])
def test_the_football_betting_trades_queries_in_its_own_voice_are_cut(text, phrases):
    from spamdetect.context import bet_query_spans, planted_spans
    from spamdetect.normalize import normalize_text

    assert [text[s.start:s.end] for s in bet_query_spans(text)] == phrases
    assert [text[s.start:s.end] for s in planted_spans(text, normalize_text(text))] == phrases


def test_a_headline_keeps_its_news_when_a_betting_query_is_cut_from_it():
    from spamdetect import classify, clean_text

    text = "县青少年篮球联赛圆满落幕-哪个app可以买足球比赛"
    result = classify(text)
    assert result.label == "spam"
    assert [text[s[0]:s[1]] for s in result.spans] == ["哪个app可以买足球比赛"]
    assert clean_text(text) == "县青少年篮球联赛圆满落幕"


@pytest.mark.parametrize("text, phrases", [
    ("我院成功开展首例心脏瓣膜置换术-鑫旺体育下载", ["鑫旺体育下载"]),
    ("会议要求深挖彻查幕后组织者,鑫旺體育APP下載安裝,斩断利益链条。", ["鑫旺體育APP下載安裝"]),
    ("腾讯体育下载量突破一亿", []),  # a dictionary organisation's app
    ("警方提醒:不要下载所谓鑫旺体育app", []),  # a warning
    ("他在“鑫旺体育下载”页面注册后被骗", []),  # quoted
    ("市游泳馆今日起恢复开放-鑫旺体育官方app", ["鑫旺体育官方app"]),  # its app and web log-in
    ("市游泳馆今日起恢复开放-米兰鑫体育官方app", ["米兰鑫体育官方app"]),  # three characters after a join
    ("秋季招生简章发布 鑫旺娱乐网页版登录", ["鑫旺娱乐网页版登录"]), ("鑫旺體育登錄入口", ["鑫旺體育登錄入口"]),
    ("咪咕体育官方app将直播全部场次", []),  # a media app (and the broadcaster's own word)
])
def test_a_call_to_download_a_betting_sites_app_is_cut(text, phrases):
    from spamdetect.context import download_call_spans, planted_spans
    from spamdetect.normalize import normalize_text

    assert [text[s.start:s.end] for s in download_call_spans(text)] == phrases
    assert [text[s.start:s.end] for s in planted_spans(text, normalize_text(text))] == phrases


FARM = ("定远县| 临海市| 磐安县| 乐平市| 宁陕县| 兴城市| 大埔县| 凌源市| 沧源县| 灵武市| 泾县| 富锦市| "
        "和静县| 平乡县| 江山市| 石楼县| 海城市| 巍山县| 新宁县| 信宜市")


@pytest.mark.parametrize("text, farm", [
    (FARM, True),
    (FARM.replace("| ", "|") + "| 南澳", True),  # a place with no suffix lets it pass
    ("江西各地 南昌市 景德镇市 萍乡市 九江市 新余市 鹰潭市 赣州市 吉安市 宜春市 抚州市 上饶市 共青城市", False),  # no county
    ("北京市| 上海市| 广州市| 深圳市| 杭州市| 南京市| 成都市| 武汉市| 西安市| 重庆市| 天津市| 苏州市", False),  # a city switcher
    ("本次退出的贫困县为:" + "、".join(p.strip() for p in FARM.split("|")), False),  # a report's sentence
    ("友情链接:" + FARM + "| 欢迎交换链接", True),  # a heading and a call beside it
    ("东城区上门服务 西城区上门服务 朝阳区上门服务 海淀区上门服务 丰台区上门服务", True),  # a service's farm
    ("东城区人民政府 西城区人民政府 朝阳区人民政府 海淀区人民政府 丰台区人民政府", False),  # a portal's links
    ("课题组先后走访了" + FARM + "等地的农户和村干部,共收集有效问卷三千余份,据此形成调研报告并提出政策建议。", False),
])
def test_a_link_farms_line_of_counties_is_spam_as_a_whole(text, farm):
    from spamdetect.context import link_farm_spans, planted_spans
    from spamdetect.normalize import normalize_text

    found = link_farm_spans(text, normalize_text(text))
    assert bool(found) is farm
    if farm:
        assert [text[s.start:s.end] for s in planted_spans(text, normalize_text(text))] == [text.strip()]


@pytest.mark.parametrize("text, name", [
    # a betting site where a news lead names its outlet
    ("澳门银河官网讯 12月3日,我市召开冬季安全生产工作会议。", "澳门银河官网讯"),
    ("ag真人平台讯(记者 王磊)昨日,市第一中学举行了秋季田径运动会。", "ag真人平台讯"),
    ("博鱼体育平台讯 12月3日,我市召开冬季安全生产工作会议。", "博鱼体育平台讯"),
    ("365体育讯 北京时间12月3日,中超联赛收官。", "365体育讯"),
    ("【金沙娱乐讯】12月3日,县里召开春耕动员会。", "金沙娱乐讯"),  # in brackets
    # outlets, a sports desk, a lottery authority, a resort group, a county, a word ending in 讯
    ("本报讯 12月3日,市体育局召开全民健身工作会议。", None),
    ("新浪体育讯 北京时间12月3日,中超联赛收官。", None),
    ("中国体育彩票官网讯 第24136期大乐透开奖。", None),
    ("银河娱乐集团讯 12月3日,集团公布第三季度业绩。", None),
    ("金沙县融媒体中心讯 12月3日,县里召开春耕动员会。", None),
    ("百家乐 真人视讯 电子游艺", None),
    ("四川新闻网德阳11月24日讯(记者 周鸿)当下网络直播非常火爆。", None),
])
def test_a_betting_site_in_a_leads_dateline_is_cut(text, name):
    from spamdetect.context import dateline_spans

    assert [text[s.start:s.end] for s in dateline_spans(text)] == ([name] if name else [])


@pytest.mark.parametrize("text, pitch", [
    ("一元一分红中麻将群,跑得快,24小时不打烊,加微信:mj8899", "一元一分红中麻将群,跑得快,24小时不打烊,加微信:mj8899"),
    ("会议结束。手机麻将群 上下分 秒上秒下", "手机麻将群 上下分 秒上秒下"),
    ("天气晴好,腾讯分分彩五星计划稳定版,市民出行注意防晒。", "腾讯分分彩五星计划稳定版"),
    ("彩票回血导师一对一带你翻身", "彩票回血导师一对一带你翻身"),
    # a crack-down, a photo caption, an old people's game, an electricity price, a game's healing
    ("警方捣毁一个一元一分麻将群赌博团伙,抓获犯罪嫌疑人12名。", None),
    ("图中上下分别是改造前后的街景。", None),
    ("几位老人在社区活动室打麻将,一元一分,只为消遣。", None),
    ("每度电一元一分,比去年上涨一分钱。", None),
    ("该游戏角色技能可以持续回血,适合新手。", None),
    ("所谓“回血导师”实为诈骗团伙成员,警方提醒切勿轻信。", None),
])
def test_a_gambling_groups_pitch_is_cut(text, pitch):
    from spamdetect.context import black_market_spans

    assert [text[s.start:s.end] for s in black_market_spans(text)] == ([pitch] if pitch else [])


def _is_cut_by_rule(text, spam):
    """A rule phrase is found in ``text`` exactly when it is ``spam``, and a paragraph model that
    calls everything article leaves the decision to it."""
    from spamdetect.context import decide_paragraphs, planted_spans
    from spamdetect.normalize import normalize_text

    assert bool(planted_spans(text, normalize_text(text))) is spam
    _, flagged, _ = decide_paragraphs(_Quiet(), [text])
    assert bool(flagged[0]) is spam


@pytest.mark.parametrize("text, spam", [
    # the black market's ads in more of their shapes: a forger's 办文凭 and 学信网可查, an invoice
    # forger's 代开…发票 with a bare V: handle, a phone in 3-4-4 groups, Taiwan's and Hong Kong's
    # loan sharks and escorts, a clinic's query with 哪家 first, black-hat SEO, a Mark Six query
    ("活动圆满结束。哪里可以办文凭 联系QQ:2719350000", True),
    ("作者:宣传部 办理学历证书 学信网可查", True),
    ("相关链接:代开各类正规发票 V:fapiao6688", True),
    ("教师代表发言。办证 刻章 电话微信同号186 0000 1111", True),
    ("記者 王小明／台中報導 急用錢 免保人 當天撥款 LINE:@cash666", True),
    ("居民節約用水,借錢找我,低利息當日放款。", True),
    ("九龍桑拿 一條龍服務 QQ:3381260000", True),
    ("全港上門 ✓ 真人照片 ✓ 即約即到 ✓ 不滿意即換", True),
    ("马拉松在广州哪家医院看男科好天河区鸣枪开跑", True),
    ("县委书记李今晚开什么码明调研乡村振兴", True),
    ("来源:科技日报网 百度快速排名 蜘蛛池出租", True),
    ("蜘蛛池 | 泛目录 | 寄生虫程序 | 百度秒收录", True),
    ("医院为患者实施手术,澳门新葡京注册送彩金。", True),
    ("【热播】人妻系列 中文字幕", True),
    ("请收藏本站永久域名 地址发布页 xxyy123.com", True),
    ("百家乐必胜技巧 运彩推荐", True),
    ("孕期注意事项_上海代孕机构_试管包成功", True),  # a title's keywords joined by _
    # the same words told, warned of, explained, or in the trades' legitimate business
    ("警方提醒:网上所谓“办文凭”“学信网可查”均为诈骗。", False),
    ("学历证书可在学信网查询验证。", False),
    ("银行推出小额信用贷款,最快当天放款,客服热线:95566。", False),
    ("市区桑拿浴室开展消防安全检查。", False),
    ("常见的黑帽SEO手段有蜘蛛池、泛目录、寄生虫程序等,会被搜索引擎惩罚。", False),
    ("我们提供整站优化、关键词排名、网站建设服务,咨询电话 021-60000000", False),
    ("所谓百家乐必胜技巧都是骗局,警方提醒切勿轻信。", False),
    ("本公司最新地址:xx路88号,欢迎来访。", False),
    ("图中上下分别为春季和秋季的景色。", False),
    ("警方破获代孕案_涉案金额超千万_专业团伙被端", False),
])
def test_more_black_market_shapes_are_spam_and_their_telling_is_not(text, spam):
    _is_cut_by_rule(text, spam)


def test_an_authority_is_no_betting_name_where_a_page_names_itself():
    """国家体育总局棋牌运动管理中心 runs the sport of 棋牌 (the eleventh blind set's one clean-page
    flag); a betting trade's name in the same slot is still cut."""
    from spamdetect.context import name_slot_spans

    assert name_slot_spans("版权所有:国家体育总局棋牌运动管理中心 京ICP备05030000号") == []
    text = "版权所有:皇朝棋牌 京ICP备05030000号"
    assert [text[s.start:s.end] for s in name_slot_spans(text)] == ["皇朝棋牌"]


def test_a_sports_brand_in_a_schools_own_places_is_misplaced():
    """A school renamed after a betting brand on its sports meet's report: the meet is sport, so
    the 体育 name alone passed for a club's; its Nth games and the copyright line are the
    school's own places. A brand that sponsors the meet is named elsewhere and stays."""
    from spamdetect.context import misplaced_trade_names
    from spamdetect.normalize import normalize_many

    page = ["鸿发体育举行第三十届田径运动会", "10月25日,鸿发体育第三十届田径运动会在学校田径场举行,2000余名师生参加。",
            "本届运动会共设22个比赛项目,3人打破校运会纪录。", "版权所有:鸿发体育 地址:长沙市雨花区"]
    assert misplaced_trade_names(page, normalize_many(page)) == ["鸿发体育"]
    sponsor = ["市一中举行第三十届田径运动会", "10月25日,市一中第三十届田径运动会在学校田径场举行。",
               "鸿发体育为运动会提供了比赛器材,鸿发体育负责人出席开幕式。", "版权所有:市一中 地址:长沙市雨花区"]
    assert misplaced_trade_names(sponsor, normalize_many(sponsor)) == []


@pytest.mark.parametrize("text, spam", [
    # the tenth blind set's remaining shapes, in new words: a clinic named after 到, a loan shark's
    # 黑户白户均可 and 秒下款, escort slang with a +V handle, a Taiwanese tea ad with 秒回, a 私服 ad
    # with its offer spaced out, a Cantonese Mark Six query, an online-casino recommendation
    ("如症状加重应及时就医,治阳痿到仁爱男科,在线咨询免费。", True),
    ("短期贷款有所回升,缺钱找我,黑户白户均可办理,当天秒下款。", True),
    ("订单同比增长,同城快餐服务+V:kc8899,下一步将设立服务网点。", True),
    ("可撥打1999洽詢。台中外送茶 學生兼職 定點 加賴秒回", True),
    ("新版本上线。热血私服 上线送VIP8 元宝无限刷", True),
    ("六合彩攪珠時間｜今晚買咩號碼好", True),
    ("可至標準局網站查詢。線上娛樂城推薦 k9x2 🎰", True),
    # and what a hospital, a bank, a restaurant, a game and the Jockey Club write
    ("看男科到人民医院泌尿外科,看早泄到正规医院男科。", False),
    ("银行推出小额贷款,审批通过后当天放款。", False),
    ("同城快餐店推出午市套餐,外卖电话 0755-66668888", False),
    ("官方推出了登录七天送限定时装的活动,上线送VIP体验卡。", False),
    ("六合彩攪珠時間為晚上九時三十分,馬會將現場直播。", False),
])
def test_the_tenth_sets_remaining_shapes(text, spam):
    _is_cut_by_rule(text, spam)


@pytest.mark.parametrize("text, spam", [
    # the twelfth blind set's shapes, in new words (development): invoice forgers' own words and
    # their farm of cities, a diploma forger's 办理本科学历, a loan shark's 押车不押人, an escort
    # menu of bars, USDT hash betting, a card group's owner
    ("展期至10月31日。正规发票代开 全国可寄", True),
    ("广州代开发票 深圳代开发票 东莞代开发票 佛山代开发票 珠海代开发票", True),
    ("专业代开:增值税专用发票 普通发票 可查验 税点低", True),
    ("签约仪式顺利举行。专业办理本科学历 不成功不收费 QQ:2856300000", True),
    ("可申请工作人员上门认证。急用钱找老王 押车不押人 当天放款", True),
    ("基隆外送茶|新竹外約|台中叫小姐|高雄應召站", True),
    ("电力充沛,哈希竞猜 TRC20转账即玩,具备发展数据中心的优势。", True),
    ("街道还将举办门球赛。诚招代理 棋牌群主返利高", True),
    # a tax bureau's notice, a car-pawn report, a hash function's explainer
    ("税务机关提醒:虚开、代开发票属违法行为,一经查实将依法处理。", False),
    ("市民可到税务局办理发票代开业务,需携带身份证件。", False),
    ("SHA-256是一种哈希函数,哈希游戏这一说法并不准确。", False),
])
def test_the_twelfth_sets_shapes(text, spam):
    _is_cut_by_rule(text, spam)
