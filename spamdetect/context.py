"""Every page rule in one place: chrome, page context, kinship and the page verdict.

A paragraph's score comes from :mod:`spamdetect.predictor`; what a *page* makes of its
paragraphs is decided here and only here:

* :func:`is_chrome` / :func:`chrome_mask`: menu items, byline fields, dates and counters are
  never spam inside a page;
* :class:`PageContext`: a second, small linear model that re-scores each paragraph with its page
  around it (fitted by :class:`~spamdetect.model.SpamClassifier` when ``page_context=True``);
* :func:`page_verdict` / :func:`page_labels`: ``clean``, ``infected`` or ``spam_page``;
* :func:`page_scores` / :func:`decide_pages`: the one decision path that
  :func:`spamdetect.scan_page`, :func:`spamdetect.pages.classify_pages`, ``score_page(s)`` of the
  model, the training evaluation and the benchmark all use.

Data flows one way: this module takes a fitted predictor as an argument and imports neither
:mod:`spamdetect.predictor` nor the page reading/scanning modules.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

import numpy as np

from typing import NamedTuple

from .normalize import normalize_many, normalize_text
from .scoring import binary_metrics, blank_mask, choose_threshold, grouped_oof, sigmoid
from .spans import Span, find_phrases, propagate_spans, recurring_names, whole_span, with_found

__all__ = ["SUBSTANTIAL", "MIN_CONTEXT", "is_bare_number", "is_chrome", "chrome_mask",
           "is_spam_page", "kinship", "page_kinship", "group_pages", "page_context_features",
           "has_context", "PageContext", "PageModel", "PageDecision", "page_summary",
           "page_summaries", "page_stance", "page_features", "pooled_pages", "logit",
           "has_promotion", "has_phrase_promotion", "is_structural", "residue_mask",
           "structural_mask", "is_jammed_post", "is_plain_byline", "is_section_line",
           "promotes_in_own_voice", "speaks_against", "name_slot_spans", "tip_phrase_spans", "black_market_spans", "planted_spans",
           "quoted_in_report",
           "page_verdict", "page_labels",
           "page_scores", "decide_pages", "decide_paragraphs"]


_BARE_NUMBER = re.compile(r"(?=.*\d)[\s\d\-/:.,年月日时分秒()()]+")


def is_bare_number(text: str) -> bool:
    """A date, a time, a counter: page chrome on whatever page it stands.

    Context (and a ``spam_page`` verdict) never turns such a paragraph into spam: there is no
    promotion in ``2025-06-14 16:13:46`` or a view count, even on a gambling page.
    """
    return _BARE_NUMBER.fullmatch(text.strip()) is not None


# Words page templates are made of: navigation, section names, the field names of a byline or
# a counter, footer lines. The labeling guide keeps menus, 来源, 责编, 相关推荐 and view counts
# `article` on any page, a gambling one included. Written for spamdetect from common CMS
# templates; structural words of an article's own text (导语, 引言, 摘要) are not chrome. The
# section names of news portals are (`• 體育`, `澳門平台`, `首页 > 国际 > 正文`): a menu of them
# promotes nothing, and a brand needs a word that is not a section's name (半岛体育, 博彩平台).
# 娱乐 is left out: with 在线 it is the online casino (在线娱乐).
_CHROME_WORDS = frozenset("""
    首页 网站首页 主页 返回 顶部 上一篇 下一篇 上一页 下一页 上一条 下一条 更多 查看 全部 列表 目录
    导航 当前 位置 您的 所在 栏目 频道 专题 搜索 分类 新闻 资讯 动态 中心 公司 行业 企业 案例 产品
    服务 解决方案 关于 我们 联系 方式 简介 文化 荣誉 资质 招聘 人才 加入 留言 留言板 帮助 客服 在线
    网站 地图 友情 链接 合作 伙伴 作者 来源 编辑 责编 责任 发布 时间 日期 更新 阅读 阅读数 阅读量
    数量 浏览 浏览量 次数 点击 点击量 点击数 人气 评论 评论数 分享 分享到 收藏 点赞 打印 关闭 窗口
    字号 大 中 小 默认 标签 关键词 相关 文章 推荐 热门 最新 正文 原文 本文 版权 所有 声明 免责 隐私
    政策 备案 备案号 电话 邮箱 地址 传真 邮编 微信 扫一扫 二维码 关注 次 人 条 篇 页 年 月 日
    要闻 时政 国内 国际 本地 地方 社会 民生 生活 财经 科技 体育 军事 教育 健康 旅游 汽车 房产
    时尚 文化 视频 图片 图集 直播 综合 政务 平台 澳门 香港 台湾 港澳 大湾区
""".split())
_CHROME_LATIN = frozenset("""
    home index menu nav top back next prev previous more all list search tags tag category news
    about contact us author source editor date datetime time views view hits clicks comments
    share print close copyright rights reserved icp qq tel email wechat rss
""".split())
_CHROME_PIECES = re.compile(r"[a-z]+|[^\W\d_a-z]+")
# what a chrome line can contain at all: one C-level match turns away nearly every paragraph
# before the word walk below runs
_CHROME_CHARS = re.compile("[" + "".join(sorted(set("".join(_CHROME_WORDS)))) + r"a-z\W\d_]*")
_CHROME_MAX_CHARS = 40
_CHROME_VOCABULARY = (_CHROME_WORDS, _CHROME_LATIN, max(map(len, _CHROME_WORDS)))


def _splits_into(run: str, vocabulary) -> bool:
    """Whether a run of letters splits wholly into the words of ``vocabulary`` -- ``(words,
    latin words, longest word's length)`` -- (a small dictionary walk; a Latin run must be one
    of the Latin words)."""
    words, latin, longest = vocabulary
    if run.isascii():
        return run in latin
    ok = [True] + [False] * len(run)
    for end in range(1, len(run) + 1):
        ok[end] = any(ok[start] and run[start:end] in words
                      for start in range(max(0, end - longest), end))
    return ok[-1]


def _is_line_of(norm: str, chars, vocabulary) -> bool:
    """Whether a short normalised line is made only of the words of ``vocabulary`` (see
    :func:`_splits_into`), numbers and punctuation; ``chars``: a pattern of every character such
    a line can hold, one C match that turns away nearly every paragraph before the word walk."""
    if len(norm) > _CHROME_MAX_CHARS or not chars.fullmatch(norm):
        return False
    runs = _CHROME_PIECES.findall(norm)
    return bool(runs) and all(_splits_into(run, vocabulary) for run in runs)


def is_chrome(text: str) -> bool:
    """A short line of page template -- a menu item, a byline field, a date or a counter.

    A line made only of template words, numbers and punctuation carries no promotion, even
    on a gambling page: ``案例中心``, ``阅读数量``, ``datetime``, ``发布时间:2025-06-14``. Page
    decisions (:func:`page_scores`, a ``spam_page`` verdict) keep it ``article``;
    :func:`spamdetect.classify` on the line alone still reports what the model says.
    """
    return bool(chrome_mask([text])[0])


def chrome_mask(texts, normalized=None) -> np.ndarray:
    """:func:`is_chrome` of many paragraphs. ``normalized``: the texts through
    :func:`~spamdetect.normalize.normalize_many` when the caller has them already (scoring
    does), else one normalisation pass over the short ones is made here."""
    mask = np.zeros(len(texts), bool)
    short = [i for i, t in enumerate(texts) if len(t) <= 4 * _CHROME_MAX_CHARS]
    if normalized is None:
        short_normalized = normalize_many([texts[i] for i in short])
    else:
        short_normalized = [normalized[i] for i in short]
    for i, norm in zip(short, short_normalized):
        mask[i] = is_bare_number(texts[i]) or _is_chrome_line(norm)
    return mask


@lru_cache(maxsize=1 << 16)
def _is_chrome_line(norm: str) -> bool:
    """The word check of one normalised line (cached: a site's menus repeat on every page)."""
    return _is_line_of(norm, _CHROME_CHARS, _CHROME_VOCABULARY)


# A sports portal's sections that betting sites also list (棋牌, 彩票, 电竞, 足球): a menu or a breadcrumb
# of them with template words (首页 > 体育 > 棋牌, 体育 | 足球 | 篮球 | 棋牌 | 彩票) is the portal's. Not
# chrome (the context model learns chrome lines as no evidence; these are, on a betting site), but
# never spam on a page: a betting site's menu names its own trade beside them (真人, 电子, 捕鱼, 视讯;
# 在线棋牌 is one, 娱乐 a casino's too); and a licensed game's site: 游戏资料 | 官方论坛 | 下载游戏
_SECTION_WORDS = (_CHROME_WORDS - {"在线"}) | frozenset("""
    棋牌 彩票 体彩 福彩 足彩 竞彩 电竞 赛马 马经 足球 篮球 排球 网球 乒乓球 羽毛球 高尔夫 围棋 象棋 桥牌
    中超 英超 西甲 意甲 德甲 法甲 欧冠 冠军 联赛 综合 国足 男篮 女排 田径 游泳 赛车 拳击 格斗 户外
    赛事 赛程 比分 积分榜 战报 前瞻 集锦 球队 球员 转会 奥运 亚运 世界杯 欧洲杯
    游戏 资料 论坛 官方 攻略 礼包 下载游戏
""".split())
_SECTION_LATIN = _CHROME_LATIN | frozenset("nba cba f1 wta atp".split())
_SECTION_CHARS = re.compile("[" + "".join(sorted(set("".join(_SECTION_WORDS)))) + r"a-z\W\d_]*")
_SECTION_VOCABULARY = (_SECTION_WORDS, _SECTION_LATIN, max(map(len, _SECTION_WORDS)))


# A breadcrumb (首页 > 娱乐 > 香港娱乐 > 即时新闻): its steps are a site's sections, so a trade word
# there stands alone (娱乐, 体育) or after a region (香港娱乐), where a hijack's step puts a name
# before it (首页 > 拓岚娱乐新闻 > 院内动态, 鼎盛娱乐城动态)
_CRUMB_SEPARATORS = ">›»"
_CRUMB_STEP = re.compile(r"\s*[>›»/]\s*")
_CRUMB_PREFIX = re.compile(r"^(?:当前位置|您的位置|您所在的位置|所在位置|位置)[::]?\s*")
_CRUMB_WORD = re.compile(r"[\u4e00-\u9fff]{1,8}|[a-z]{2,4}")
_CRUMB_REGIONS = ("香港", "台湾", "内地", "大陆", "两岸", "日韩", "欧美", "本地", "华语", "海外")
_CRUMB_SECTIONS = _SECTION_WORDS | {"娱乐", "官网首页", "官方首页"}  # the site's own home step too


def _is_breadcrumb(norm: str) -> bool:
    """A trail of two steps or more of short section names, where each step that promotes
    anything (:func:`has_promotion`) is a section's name, alone or after a region (娱乐, 香港娱乐;
    a Hong Kong paper's 娛樂 section, a job site's ``酒店 / 旅遊 / 娛樂``)."""
    if len(norm) > _CHROME_MAX_CHARS or sum(map(norm.count, _CRUMB_SEPARATORS)) < 2:
        return False
    steps = [step for step in _CRUMB_STEP.split(_CRUMB_PREFIX.sub("", norm.strip())) if step]
    for step in steps:
        if not _CRUMB_WORD.fullmatch(step):
            return False
        if has_promotion(step) and not (step in _SECTION_LATIN or _crumb_section(step)):
            return False
    return True


# a section's step may carry a generic word before or after it (休闲娱乐, 棋牌室, 棋牌桌游,
# 娱乐项目), never a name: a hijack's step puts a coined name before the trade (拓岚娱乐新闻)
_CRUMB_BEFORE = _CRUMB_REGIONS + ("", "休闲", "文化", "综合", "生活")
_CRUMB_AFTER = ("", "室", "馆", "桌游", "项目", "游戏", "新闻", "资讯", "频道", "活动", "八卦")


def _crumb_section(step: str) -> bool:
    """A breadcrumb step that is a section's name, with a generic word before or after it."""
    return any(step.startswith(before) and step.endswith(after) and len(step) > len(before) + len(after)
               and step[len(before):len(step) - len(after)] in _CRUMB_SECTIONS
               for before in _CRUMB_BEFORE for after in _CRUMB_AFTER)


@lru_cache(maxsize=1 << 16)
def is_section_line(norm: str) -> bool:
    """A menu or breadcrumb of a portal's sections (see ``_SECTION_WORDS``, :func:`_is_breadcrumb`),
    normalised."""
    return _is_line_of(norm, _SECTION_CHARS, _SECTION_VOCABULARY) or _is_breadcrumb(norm)


# -- promotion and structure ---------------------------------------------------------------------
# What *promotes* rather than reports: a call to action, an offer, a web address, a betting venue
# or platform, a brand written with digits or Latin letters, porn-site and black-market words.
# Matched on normalised text (Simplified, lower case). Written for spamdetect from the labeling
# guide; a word here is no verdict (reports quote them too), only the evidence a promotion
# needs: a line without any of them cannot promote anything.
# an institution's own site is where a report sends its readers, no call (可在新加坡博彩公司官网查询,
# 招生考试院官网, 俱乐部官方网站); a site's name before 官网 is a call (xx体育官网)
_OFFICIAL_SITE = r"(?<!公司)(?<!中心)(?<![局院委部所])官(?:网|方)"
_CALLS = r"登录|登陆|注册|下载|入口|网址|" + _OFFICIAL_SITE + r"|开户|充值|提现|首存|彩金|返水|红包|体验金|送\d+"
_ADDRESS = r"https?://|www\.|\.com|\.net|\.cc\b|\.vip"
# the private "Macau Mark Six" tip trade: 一肖一码, 今晚开什么, 正版资料大全 (no Macau authority runs a
# Mark Six; the Hong Kong draw is reported with 攪珠, 头奖, 派彩)
_MARK_SIX = r"[一二三四五六]肖|一码|特马|今晚开|天天开|资料大全|正版资料|免费资料|管家婆|六开彩|澳彩"
# a number after a word that states a value (号码为8316, 达2500, 约1200): a draw's numbers, a figure
_VALUE_WORD = r"(?![为是达至到及和或与约共近超逾仅计])"
# a number glued to a word that is not a date, an amount or a count: 金沙9159, 威尼斯3983
_GLUED_NUMBER = _VALUE_WORD + r"[\u4e00-\u9fff]\d{3,8}(?![\d年月日号时点分秒元万亿个名人次届期%.])"
_PROMOTION = re.compile(
    _CALLS + r"|娱乐|游艺|真人|棋牌|平台|体育|国际|威尼斯|葡京|太阳城|金沙|永利|" +
    _ADDRESS + r"|app|bet|casino|(?<![a-z])sports(?![a-z])|"  # sports: what 体育 is in a brand (b-sports)
    r"(?<![\d.])(?:[a-z]{1,6}\d{2,7}[a-z]{0,4}|\d{3,8}[a-z]{1,4})|" +
    _GLUED_NUMBER + "|"
    r"一区|二区|无码|福利|午夜|成人|国产|麻豆|精品|吃瓜|黑料|私服|传奇|办证|代孕|代怀|代生|医院|" +
    _MARK_SIX)
_WORD_CHAR = re.compile(r"[^\W_]")
# anti-copy noise: runs of one or two letters/digits between ASCII symbols (``% z8 w) J/ C6``)
_NOISE = re.compile(r"(?:[a-z0-9]{1,2}[\s!-/:-@\[-`{-~]{1,3}){4,}")
# what marks a forum's anti-copy jammer within a noise run (``3 m; u6 v% k8 T#``): ASCII symbols a
# number list, a date, a time, a score or a standard's name (01, 05; 11-22 00:00 (06); GB T 1.1-2009)
# does not use
_JAMMER_SYMBOL = re.compile(r"[!\"#$%&'*+;<=>?@\[\\\]^_`{|}~]")
_CODE = re.compile(r"[=;{}\[\]<>]|\b(?:def|return|import|class|function|var|let|const|print)\b")
_FORM_FIELD = re.compile(r"_{3,}|\(\s*\)|[::]\s*$")
_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")
# a line of nothing but site UI words (forum log-in boxes, share widgets, a bank's buttons, an app's
# download row): 立即注册, qq登录, 立即申請 | 了解更多 | 下載應用程式, App Store 下載|Google Play 下載|官方網站
_UI_LINE = re.compile(r"(?:立即|快速|马上|免费|用户名?|会员|账号|帐号|密码|找回|忘记|自动|记住我?|验证码|登录|登陆|注册|退出|"
                      r"qq|微信|微博|手机|邮箱|扫码|二维码|分享|收藏|转发|点赞|评论|回复|发帖|设置|"
                      r"帮助|开始|只需|一步|下载|客户端|申请|了解|更多|详情|应用程[序式]|app|官方网站|网页版?|直接|"
                      r"app ?store|google ?play|windows|macos|mac|ios|android|ipad|iphone|pc|安卓|苹果|鸿蒙|电脑版|"
                      r"桌面版|[\s\W_\d])+")
STRUCTURAL_WORDS = 8  # word characters: a line this short is a heading or a UI label


def has_promotion(norm: str) -> bool:
    """Whether normalised text has any promotion evidence (see ``_PROMOTION``)."""
    return _PROMOTION.search(norm) is not None


# What an injected *phrase* carries that a report's words do not: a name (Latin letters, digits
# glued to a word: ``365体育``, ``990cc``, ``kaiyun``), a call to action or an offer, a web
# address, porn and black-market words. A venue or section word alone (娱乐城, 老虎机, 体育,
# 平台, 金沙中国) is what news about gambling says, and a menu; 传奇, 福利, 成人 and 国产 are a game,
# a lottery, adult education and home-made goods in the news: no phrase is cut on those alone.
# porn-site and black-market words: a phrase or a source line with one promotes whatever else it says
_BLACK_MARKET_WORDS = r"私服|办证|代孕|代怀|代生"  # a service's name: alone, what a report says too
_PORN_AND_BLACK_MARKET = r"一区|二区|无码|午夜|麻豆|吃瓜|黑料|" + _BLACK_MARKET_WORDS
# what follows a number in a report (第B12版, 26路, 3楼, 8强, 100米 but not 88米兰): a count or a
# place, not a name
_COUNTERS = "版楼层栋页章条款项位种台辆件篇集季场轮局强克斤吨块周度倍折级班组路所家户座艘架株头只张本首册份批例起宗笔"
_NOT_A_COUNT = r"(?![\d年月日号时点分秒元万亿个名人次届期岁%." + _COUNTERS + r"]|米(?!兰))"
_PHRASE_PROMOTION = re.compile(
    _CALLS + "|" + _ADDRESS + r"|[a-z]{2,}|"
    r"(?<![\d.])\d{2,8}" + _NOT_A_COUNT + r"(?=[a-z\u4e00-\u9fff])|" +
    _GLUED_NUMBER + "|" + _PORN_AND_BLACK_MARKET + r"|医院|" + _MARK_SIX)


# a name shaped like a betting brand's: letters mixed with digits (kq777, qz58102no3), digits glued
# to a word (31357威尼斯, 金沙9159); not a count, a place or a date (第B12版, 100条, 2023年), nor a
# stock code (银河娱乐0027, 金沙中国1928涨: a code starts with 0 or is quoted with 涨/跌/股)
_NOT_A_NAME = _NOT_A_COUNT + r"(?![涨跌股])"
# a quantity with its unit is no name either: an app's size (86.4MB), a battery's 5000mAh, 120Hz
_UNIT = r"(?!\d+(?:[kmgt]b|mah|[kmg]?hz|mm|cm|km|kg|ml|fps|kw|mp)(?![a-z0-9]))"
_BRAND_NAME = re.compile(
    r"(?<![a-z0-9])" + _UNIT + r"(?=[a-z0-9]*[a-z])(?=[a-z0-9]*\d)[a-z0-9]{3,}" + _NOT_A_NAME + "|" +
    _VALUE_WORD + r"[\u4e00-\u9fff][1-9]\d{2,7}" + _NOT_A_NAME + r"|(?<![\d.])[1-9]\d{2,7}" + _NOT_A_NAME +
    r"(?=[\u4e00-\u9fff])")
# the trade a coined name is sold with, named beside it (体育, 娱乐, 威尼斯, 彩金, the lottery plans'
# 北京赛车pk10 and 计划群, bet, av): a product model is shaped the same (麒麟9020, rtx4090, mate70) but
# sells no bet
_CASINO_NAMES = r"威尼斯|葡京|太阳城|金[沙莎]|永利|皇冠"
_TRADE = re.compile(r"体育|娱乐|游艺|棋牌|真人|彩票|彩金|彩神|时时彩|六合彩|北京赛车|pk10|快[3三]|计划群|博彩|赌|" +
                    _CASINO_NAMES + r"|澳门|老虎机|百家乐|色情|成人|福利|(?<![a-z])(?:bet|casino|av|sex)(?![a-z])")
# a name long enough to be coined whatever stands beside it: five digits and more (vns7736241), or
# letters and digits twice over (qz58102no3)
_COINED = re.compile(r"\d{5,}|[a-z]+\d+[a-z]+\d")


BRAND_PHRASE_AT = 0.2  # clause-scorer probability at which a phrase with a brand-shaped name is spam


def has_brand_name(norm: str) -> bool:
    """Whether a normalised phrase holds a name shaped like a betting brand's (``_BRAND_NAME``)
    that is one: the phrase names the trade beside it (``_TRADE``: ``31357威尼斯``, ``kq777体育``)
    or the name is too long to be anything but coined (``_COINED``: ``vns7736241``,
    ``qz58102no3``).

    A hijack script coins its site's name of digits and letters, new for every site
    (``vns7736241``, ``永利qz58102no3``): the clause scorer has never seen it, and a phrase with
    one scores low out of fold for that alone. Such a phrase, which must still promote
    (:func:`has_phrase_promotion`), is spam from :data:`BRAND_PHRASE_AT` on, under the clause
    threshold. Website-grouped CV: mixed recall 0.367 -> 0.392, infected pages found 79 -> 81,
    no new false positive (at 0.1: two more pages, two false positives). Product models and
    stock codes have the same shape (``麒麟9020``, ``rtx4090``, ``银河娱乐0027``): hand-written
    pages of a phone review and of Macau gaming stocks had them cut as spam, which the trade
    word, the long-name test and the stock-code exclusions stop (CV: the same pages found).
    """
    names = [m.group() for m in _BRAND_NAME.finditer(norm)]
    return bool(names) and (_TRADE.search(norm) is not None or any(map(_COINED.search, names)))


def has_phrase_promotion(norm: str) -> bool:
    """Whether a candidate phrase (normalised) promotes on its own (see ``_PHRASE_PROMOTION``):
    the clause scorer only scores phrases that do."""
    return _PHRASE_PROMOTION.search(norm) is not None


def is_structural(norm: str) -> bool:
    """A heading (``引言``, ``一、建设背景``), a UI label (``立即注册`` is not: it promotes), a
    form field (``姓名:____``), a code line or an anti-copy noise string -- with nothing
    promotional in it. ``norm``: normalised text.

    Such a line is ``article`` in every decision (:func:`structural_mask`): it says nothing a
    page owner did not write. On a page judged a ``spam_page`` it still goes with its page.
    """
    words = len(_WORD_CHAR.findall(norm))
    if _UI_LINE.fullmatch(norm):
        return True  # forum and site UI: 立即注册, qq登录, 找回密码, a log-in box's whole line
    if has_promotion(norm):
        return False
    if words <= STRUCTURAL_WORDS:
        return True
    if sum(len(m.group()) for m in _NOISE.finditer(norm)) >= 0.4 * len(norm):
        return True
    if len(_HAN_CHAR.findall(norm)) <= 0.2 * len(norm) and _CODE.search(norm):
        return True
    return words <= 30 and _FORM_FIELD.search(norm) is not None


def structural_mask(normalized) -> np.ndarray:
    """:func:`is_structural` of many normalised paragraphs."""
    return np.fromiter((is_structural(t) for t in normalized), bool, len(normalized))


def is_jammed_post(norm: str) -> bool:
    """A forum post with the forum's anti-copy jammer woven into it (``3 m; u6 v% k8 T#``: a noise
    run with ASCII symbols that numbers, dates, times, scores and standards' names do not use)
    and nothing promotional outside the jammer. ``norm``: normalised text.

    Anti-copy noise is article unless something promotional is in it (issue 8); what the
    jammer's random letters spell does not count (they cut the forum's own domain up:
    ``gof.mybbsland.com8 y) k/``). Such a post is ``article`` in every decision, like a structural
    line; unlike one, it is real text that the models score, so the training's false-positive
    budget still counts it (the thresholds do not move because a decision rule keeps it).
    """
    if _JAMMER_SYMBOL.search(norm) is None or \
            not any(len(_JAMMER_SYMBOL.findall(m.group())) >= 2 for m in _NOISE.finditer(norm)):
        return False
    return not has_promotion(_NOISE.sub(" ", norm))


# a page's source line: 来源:新浪体育, 本文来源:澎湃新闻 作者:李明 2025-11-30, its date first or last (投稿人 is left out: the slot a
# hijack puts its brand in, and no newsroom's own line)
_BYLINE = re.compile(r"\s*(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*)?"
                     r"(?:(?:本文|文章|新闻)?来源|稿源|出处|作者|编辑|责任编辑|撰文|撰稿)\s*[::]")
BYLINE_CHARS = 40  # a source line is short; longer, it is a sentence that starts with a source
_SENTENCE_MARK = re.compile(r"[,。!?;]")  # nor does it punctuate a sentence
# the trades no outlet's, school's or firm's name holds (normalised): a betting venue or game, a
# lottery-plan brand (彩神), a betting site's 竞技平台 (雷竞技, misspelt 竟技 to slip past filters).
# Not 博彩, 赌 or 体育: a gaming regulator, a court and a sports desk are named there too.
_SLOT_TRADE = re.compile(r"棋牌|真人|彩神|娱乐城|竞技平台|竟技|百家乐|老虎机|时时彩|(?<![a-z])(?:bet|casino)")
# the names a sports, lottery or gaming authority writes where a page names itself, whatever trade is
# in them (国家体育总局棋牌运动管理中心 runs the sport of 棋牌); in a dateline, a company's too
_AUTHORITY = re.compile(r"体彩|福彩|体育彩票|福利彩票|彩票中心|管理中心|总局|协会|委员会|政府")
_OUTLET_BODY = re.compile(_AUTHORITY.pattern + r"|集团|公司|酒店|度假村")
# a call to action that names nothing (官网, 官方App): what a museum's, a railway's or a club's page
# says of its own site (可提前在官网预约, 到Python官网下载), or a forum's, a blog's or a template site's
# buttons (登录后参与评论, 登录后可免费下载); an injected call names the brand it sells.
# And a black-market service's bare name (私服, 代孕, 办证): what a court report names; an ad offers it
_NAMES_NOTHING = re.compile(r"(?:官网|官方网站|官方|网站|app|登录|登入|注册|下载|[\W_])*|[\W_]*(?:" + _BLACK_MARKET_WORDS + r")[\W_]*")
_TRADE_BEFORE = re.compile(r"(?:" + _TRADE.pattern + r")[\W_]*$")  # 鸿运体育|官网, 乐通棋牌|官网
# 入口 alone is an entrance (出入口, 入口处, a recipe's 入口即化); after a call (贝博网页登录|入口,
# 官方|入口, 永久|入口) it is the call's
_BARE_ENTRANCE = re.compile(r"[\W_]*入口[\W_]*")
_CALL_BEFORE = re.compile(r"(?:登录|登陆|登入|官网|官方|网页版?|app|下载|注册|网址|网站|平台|永久|免费|最新)[\W_]*$")


def names_nothing(text: str, start: int, end: int) -> bool:
    """Whether the candidate phrase ``text[start:end]`` (raw text) is a call to the official site
    or to log in, sign up or download and nothing else (``_NAMES_NOTHING``: 官网, 官方App, 登录)
    or a black-market service's bare name (私服, 代孕: ``架设网游“私服”牟利…获刑``), with no
    betting trade just before it (a brand in plain Chinese, ``鸿运体育官网``, is cut as ``官网``
    when its name is a piece of its own). The clause
    scorer learned 官网 from the brands' ``XX官网``: the word alone scored 0.64 in some folds, and
    the hand-written clean pages' ``可提前在官网预约`` and ``EMS官网`` were cut; a 私服 copyright
    case's headline, the same (the black-market rule wants an offer beside the word). So was a bare
    ``登录`` in a comment box's ``网友评论 登录后参与评论`` (forum UI is article, issue 8): the fold models
    of the current recipe flagged the hand-written clean pages in 6 fewer of their readings
    without it (4 of them on the sixth blind set), and no corpus figure of three draws moved.
    ``入口`` alone is an entrance (出入口, 入口处) or a recipe's ``入口即化``, which the fold models of
    a recipe with more clean pages cut from a dietitian's page; after a call (``贝博网页登录`` +
    ``入口``, ``官方入口``) it is the call's: a corpus page's injected lines were found by that piece."""
    norm = normalize_text(text[start:end])
    bare_entrance = _BARE_ENTRANCE.fullmatch(norm) is not None
    if not bare_entrance and _NAMES_NOTHING.fullmatch(norm) is None:
        return False  # most candidates: the text before them is not read
    before = normalize_text(text[max(0, start - 8):start])
    return _TRADE_BEFORE.search(before) is None and not (bare_entrance and _CALL_BEFORE.search(before))


# what a source line must not name: a call, an address, porn or black-market words, a casino's
# name, a betting trade (_SLOT_TRADE: 娱乐城, 真人, 百家乐 …)
_BYLINE_PROMOTION = re.compile(_CALLS + "|" + _ADDRESS + "|" + _PORN_AND_BLACK_MARKET + "|" + _CASINO_NAMES +
                               r"|博彩|赌|" + _MARK_SIX + "|" + _SLOT_TRADE.pattern)


# The places a page names itself or its source: a source or author line, a breadcrumb's first
# step, a welcome line, a copyright footer (raw text: the offsets are the span's). A hijack writes
# its site's name there (当前位置: 永利棋牌 > 儿童文学, 来源:雷竟技平台, 來源:豪門娛樂城, 版权所有:XX娱乐城); a real
# outlet or institution named there sells no bet. The name runs to a separator or a date.
_NAME_SLOT = re.compile(r"(?:[来來]源|稿源|出[处處]|投稿人|作者|[当當]前位置|您的位置|所在位置|版[权權]所有|"
                        r"[欢歡]迎您?(?:[访訪][问問]|[来來]到|光[临臨]))[ \t\u3000]*[:：]?[ \t\u3000]*"
                        r"((?:(?!\d{4}[-/.年])[^\s>»›/|,，。:：、;；()（）])+)")


# a betting site's coined name of digits and a few letters glued before the name in a slot (8848am,
# bet3650): what a hijack writes before an institution's own name (欢迎您访问7788am理工学院)
_SLOT_COINED = re.compile(r"(?:\d{3,}[a-z]{1,4}|[a-z]{1,4}\d{3,})(?=[\u4e00-\u9fff])")


def name_slot_spans(text: str) -> list[Span]:
    """The betting names a page gives as its own or its source's (``_NAME_SLOT``): a name there
    with a betting trade in it (``_SLOT_TRADE``), a coined betting name (:func:`has_brand_name`)
    or one that starts with a coined name glued to it (``_SLOT_COINED``). Issue 8's substituted
    names, in the places a page names itself: ``当前位置: 永利棋牌 > 儿童文学 > 正文``, ``来源:彩神88
    2024-03-06``, ``欢迎您访问7788am理工学院``. Website-grouped corpus: four such lines, all spam;
    none on an article paragraph of the corpus, the hand-written pages, THUCNews titles or the
    WeChat paragraphs."""
    out = []
    for m in _NAME_SLOT.finditer(text):
        name = normalize_text(m.group(1))
        coined = has_brand_name(name) or _SLOT_COINED.match(name) is not None
        if _AUTHORITY.search(name) and not coined:
            continue  # an authority's name: 国家体育总局棋牌运动管理中心 runs the sport of 棋牌
        if coined or _SLOT_TRADE.search(name):
            out.append(Span(m.start(1), m.end(1), 1.0))
    return out


# A news lead's dateline names its outlet before 讯 (本报讯, 新华网讯, 新浪体育讯: 2 to 16 characters at
# the start of the paragraph or after a space or a bracket, 讯 then a space, a bracket or a date;
# not a word that ends in 讯, 视讯, 资讯, 快讯, 通讯). A hijack puts its betting site there
# (澳门银河官网讯, ag真人平台讯, 365体育讯): the brief's "gambling brand swapped into a real news
# lead in place of the outlet's name".
_DATELINE = re.compile(r"(?:^|(?<=[\s【】\[\]」》)）]))([^\s>»›/|,，。:：、;；()（）【】\[\]讯訊]{2,16}?)"
                       r"(?<![视资通快喜简短电音传警死审查问闻速視資簡電傳審問聞])[讯訊](?=[\s(（【】\[\]\d/／]|$)")
# a casino's name as a site's (威尼斯人官网, 金沙娱乐, 永利app, 银河8888): not the county of 金沙, a
# 皇冠假日 hotel or a resort's own group (银河娱乐集团 names itself with 集团)
_SITE_WORD = re.compile(r"官网|官方网站|平台|app")  # a site's or a platform's name, no outlet's
_CASINO_SITE = re.compile(r"(?:" + _CASINO_NAMES + r"|银河|新濠|美高梅|巴黎人)人?(?:娱乐|官网|官方|平台|国际|app|\d|[a-z])")


def dateline_spans(text: str) -> list[Span]:
    """A betting site's name where a news lead names its outlet (``_DATELINE``), with the 讯:
    a name with a betting trade in it (``_SLOT_TRADE``: 真人, 棋牌 …), a coined betting name
    (:func:`has_brand_name`, ``_SLOT_COINED``: 365体育), a casino's name as a site's
    (``_CASINO_SITE``: 澳门银河官网, 金沙娱乐) or a site or platform of a trade (``官网``, ``平台``
    with ``_TRADE``: 博鱼体育平台). ``新浪体育讯``, ``本报讯`` and an authority's or a company's
    name (``_OUTLET_BODY``: 体彩, 管理中心, 集团) are outlets. No line of the corpus, THUCNews or
    the WeChat paragraphs has one (the corpus's brand-led leads put the brand elsewhere)."""
    out = []
    for m in _DATELINE.finditer(text):
        name = normalize_text(m.group(1))
        if _OUTLET_BODY.search(name):
            continue
        if _SLOT_TRADE.search(name) or has_brand_name(name) or _SLOT_COINED.match(name) or \
                _CASINO_SITE.search(name) or (_SITE_WORD.search(name) and _TRADE.search(name)):
            out.append(Span(m.start(1), m.end(), 1.0))
    return out


# The private "Macau Mark Six" tip trade's own phrases, a Macau or Hong Kong draw named before the
# tip (2023澳门今晚开, 新澳门六合彩资料大全, 澳门正版资料): no authority runs a Macau Mark Six, and Hong
# Kong's is reported with 攪珠, 头奖, 派彩; and the trade's set phrases and tipsters wherever they stand
# (一肖一码, 一肖中特, 必中特码, 管家婆一码, 曾道人; not 一码 alone: 健康码一码通). Raw text, Simplified and
# Traditional (the offsets are the span's); a year before the draw goes with it.
_TIP_PHRASE = re.compile(r"(?:\d{4}年?)?新?(?:(?:澳[门門]|香港|新澳|澳彩|六合彩)[\u4e00-\u9fff\d]{0,6}?"
                         r"(?:今晚[开開](?:什[么麼])?(?:特[马馬])?|天天[开開](?:好彩)?|一肖一[码碼]|特[马馬码碼])|"
                         r"(?:澳[门門]|香港|新澳)?(?:六合彩|[马馬][会會]|澳彩)[\u4e00-\u9fff\d]{0,4}?"
                         r"(?:[资資]料大全|正版[资資]料|免[费費][资資]料)|"
                         r"今[晚期][开開]什[么麼](?:[码碼]|特[码碼马馬]|生肖)|今晚[买買](?:乜|咩|什[么麼])[号號]?[码碼]|"
                         r"[一二三四五六]肖[一二三四五六][码碼]|一[码碼]一肖|[一二三四五六]肖中特|必中特[码碼马馬]|今期必中|平特一肖|"
                         r"管家婆(?:一[码碼]|一肖|[资資]料|彩[图圖])|曾道人|四不像(?:一肖|中特|[图圖]|[资資]料)|"
                         r"白小姐(?:一[码碼]|一肖|[资資]料|中特))")
# what the trade writes around a tip (香港六合彩今期必中特码, 管家婆一码一肖资料大全): a draw before it, more
# tips after it; the phrase's span takes them in
_TIP_HEAD = re.compile(r"(?:\d{4}年?)?(?:新?澳[门門]|香港)?(?:六合彩|澳彩)?(?:今期)?$")
_TIP_TAIL = re.compile(r"(?:[一二三四五六]肖|一?[码碼]|中特|特[码碼马馬]|[资資]料大全|免[费費][资資]料|必中|"
                       r"四不像|精[准準]|[预預]测|[预預]測|什[么麼])+")
# what a page quotes rather than says (quotation marks only: an ad brackets its own name, 【XX中心】)
_QUOTED_MARKS = re.compile(r"“[^”]*”|「[^」]*」|『[^』]*』|\"[^\"]*\"")
_SENTENCE_ENDS = "。!?;！？；"  # raw text: full-width marks too (_SENTENCE_END reads normalised text)
_CLAUSE_ENDS = _SENTENCE_ENDS + ",，:：、 \u3000"


class _Marks:
    """Where a text's sentences or clauses end (any of ``marks``) and where its quotations stand,
    found once, so that each phrase's bounds are a bisection: a megabyte-long line with a phrase
    every few characters stays linear (slicing the text before each phrase was quadratic)."""

    def __init__(self, text: str, marks: str):
        self.n = len(text)
        self.ends = [m.start() for m in re.finditer("[" + re.escape(marks) + "]", text)] if marks else []
        self.quotes = [m.span() for m in _QUOTED_MARKS.finditer(text)]  # in order, not overlapping
        self.quote_starts = [a for a, _ in self.quotes]

    def enclosing(self, start: int, end: int) -> tuple[int, int]:
        """The bounds of the sentence or clause around ``[start, end)``."""
        k = bisect.bisect_left(self.ends, start)
        lo = self.ends[k - 1] + 1 if k else 0
        k = bisect.bisect_left(self.ends, end)
        return lo, self.ends[k] if k < len(self.ends) else self.n

    def inside(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies within one quotation."""
        k = bisect.bisect_right(self.quote_starts, start) - 1
        return k >= 0 and self.quotes[k][1] >= end


def tip_phrase_spans(text: str) -> list[Span]:
    """The Mark Six tip trade's phrases (``_TIP_PHRASE``) a page says in its own voice: not within
    quotation marks, not in a clause that warns, condemns or reports the law (``_CONDEMNING``:
    不法分子以澳门正版资料为名实施诈骗). Only the phrase's own clause counts: a headline the phrase
    was put into may warn of something else (``疾控中心提醒:流感高发2025澳门今晚开什么特马``). The
    corpus has two headlines with such a phrase put inside, and no article paragraph with one."""
    out: list[Span] = []
    marks = None
    for m in _TIP_PHRASE.finditer(text):
        marks = marks or _Marks(text, _CLAUSE_ENDS)
        if marks.inside(*m.span()):
            continue
        start, end = marks.enclosing(*m.span())
        if _CONDEMNING.search(normalize_text(text[start:end])) is not None:
            continue
        head = _TIP_HEAD.search(text, max(start, m.start() - 12), m.start())
        tail = _TIP_TAIL.match(text, m.end())
        lo, hi = head.start() if head else m.start(), tail.end() if tail else m.end()
        if out and lo <= out[-1].end:  # 曾道人四不像一肖中特: one phrase
            lo = out.pop().start
        out.append(Span(lo, hi, 1.0))
    return out


# A black-market service offered (normalised): surrogacy, fake diplomas, private game servers,
# escorts -- illegal in China, so no page offers them in its own name -- with a word of the offer
# beside it in its clause (专业, 新开, 包成功, 一条龙, 微信, 咨询 …); and the search queries the
# private-clinic trade writes (男科医院哪家好, 无痛人流多少钱, 治疗早泄的最好方法). The service word
# alone is what a crack-down report says (查处代孕, 私服案件); the clause must not condemn.
_BLACK_MARKET = re.compile(r"代孕|代怀|代生|助孕|供卵|包生(?:男|女)|包性别|办证|办理(?:毕业证|学位证|学历)|"
                           r"办(?:文凭|假证|个证)|办理[\u4e00-\u9fff]{1,2}(?:毕业证|学位证|学历)|"
                           r"代开[:：\s]?[\u4e00-\u9fff]{0,6}?发票|发票代开|"
                           r"代办(?:学历|文凭|证)|代办[\u4e00-\u9fff ]{0,6}?(?:毕业证|学位证|文凭|身份证)|证件?代办|"
                           r"私服|外送茶|外围女|约妹|兼职(?:正)?妹")
_OFFER = re.compile(r"专业|新开|正规|包成功|成功率|一条龙|全程|一对一|不成功|退款|包生|包性别|微信|weixin|vx|"
                    r"(?<![a-z])(?:wx|qq|line)(?![a-z])|热线|咨询|预约|价格|多少钱|可查|可验|24小时|上门|隐[秘密]|"
                    r"发布网|服表|秒回|定点|上线送|送vip|无限刷")
_CLINIC_QUERY = re.compile(r"(?:医院|男科|妇科|人流|包皮|阳痿|早泄|前列腺|白癜风|牛皮癣|癫痫|不孕不育)"
                           r"[\u4e00-\u9fff]{0,4}?(?:哪家好|哪个好|哪家最好|哪里好|多少钱|最好的方法|最好的医院)|"
                           r"哪家医院[看治]?(?:男科|妇科|人流|包皮|阳痿|早泄|前列腺|白癜风|牛皮癣|癫痫|不孕不育)"
                           r"(?:好|最好|专业)|"
                           r"治疗(?:阳痿|早泄|前列腺炎?|白癜风|牛皮癣|癫痫)[\u4e00-\u9fff]{0,3}?最好|"
                           r"(?:男科|妇科|人流|包皮|阳痿|早泄|前列腺|白癜风|牛皮癣|不孕不育)[\u4e00-\u9fff]{0,4}?"
                           r"(?:就[选找到去]|首选|认准)[\u4e00-\u9fff]{2,8}|"
                           # 看早泄到博济男科: a clinic named after 到 (not a public hospital's department)
                           r"[看治](?:男科|阳痿|早泄|前列腺炎?|白癜风|牛皮癣|不孕不育)[\u4e00-\u9fff]{0,2}?到"
                           r"(?![\u4e00-\u9fff]*(?:人民|附属|大学|中心|中医|正规|公立|三甲))[\u4e00-\u9fff]{2,4}"
                           r"(?:男科|男子医院|专科医院)")
# a private specialty hospital's name (上海九龙男子医院, 北京白癜风医院) and its promise (专治阳痿早泄): the
# public hospitals have departments (人民医院男科), not such names, and no news names one but to expose it
_CLINIC_NAME = re.compile(r"(?:白癜风|牛皮癣|银屑病|癫痫|男科|男子|妇科|不孕不育|肛肠|性病|人流)(?:专科)?医院|"
                          r"专治(?:阳痿|早泄|前列腺|白癜风|牛皮癣|不孕|性病|尖锐湿疣)")
def _heads(heads: str, tail: str) -> str:
    """``head1tail|head2tail|…`` for the ``|``-parted ``heads``: a pattern whose every branch
    starts with a literal is scanned by the regex engine's fast path; one branch that starts
    with a group or a character class costs every position of every paragraph."""
    return "|".join(h + tail for h in heads.split("|"))


# a porn site's title words, what stuffed porn titles are made of (国产一级二级视频, 亚洲一区二区, 综合久久):
# a report names the trade otherwise (淫秽视频, 色情网站), a crack-down that quotes them condemns
_PORN_TITLE = re.compile(r"一级二级|二级三级|一级毛片|毛片|三级片|黄片|综合久久|久久(?:精品|综合|爱|热|视频|国产)|"
                         r"一区二区|二区三区|无码|中文字幕(?:在线|乱码|无码)|日韩(?:av|精品|欧美|一区)|"
                         r"欧美(?:日韩|精品|一区)|亚洲(?:av|精品|国产|欧美|一区)|av(?:在线|网站|女优|天堂)|"
                         r"成人(?:视频|影院|网站|电影|影片|av)|色综合|午夜福利|精品国产|黄色网站|免费黄色|人妻系列|"
                         r"永久域名|地址发布页|" + _heads("最新|永久|备用", "(?:地址|域名)发布"))
_AD_CLAUSE = re.compile(r"[^,，。!！?？;；:：、\s|_]+")
# a gambling group's pitch: the stake of a money mahjong or card group (一元一分 with 群, 跑得快 or
# 红中; not an old people's game at the community centre, told with 麻将 alone), the chips it tops
# up and cashes out (上下分 but not 上下分别, 秒上秒下), its owner (棋牌群主), a lottery scam's
# "recovery" tutor (回血导师, 带你回血) and fake lotteries (腾讯分分彩, USDT hash betting's 哈希竞猜),
# an online casino's ranking (线上娱乐城推荐) and a sure win (百家乐必胜, 时时彩稳赚)
_STAKES = "|".join([a + "元" + b + "分" for a in "1一两二2五5" for b in "1一"] + ["一块一分"])  # 一元一分 …
_GAMBLING_GROUP = re.compile(_heads(_STAKES, r"(?!钟)(?=[^,，。!！?？;；]{0,12}?(?:群|跑得快|红中|免押))") + "|" +
                             _heads("群|跑得快|红中", r"[^,，。!！?？;；]{0,6}?(?:" + _STAKES + ")(?!钟)") + "|" +
                             r"上下分(?![别为层开布段离])|秒上秒下|上分下分|回血导师|带你回血|彩票回血|" +
                             _heads("线上|网上|在线", "娱乐城(?:推荐|排名|排行)") + "|" +
                             _heads("棋牌|麻将|牛牛|金花", "群主") + "|" +
                             r"哈希(?:竞猜|大小|单双|牛牛|庄闲|幸运|百家乐|彩票|pk)|" +
                             _heads("百家乐|龙虎|牛牛|炸金花|轮盘|老虎机|时时彩|北京赛车|pk10|快三",
                                    r"[\u4e00-\u9fff]{0,2}?(?:必胜|必赢|稳赢|稳赚|包赢)") + "|" +
                             _heads("腾讯|qq|河内|奇趣", "分分彩") + "|分分彩(?:计划|平台|注册|官网)")
# the classified ads of the black market that name no _BLACK_MARKET service (刻章, 代开发票, 私家侦探,
# 证书挂靠; a scam loan's 黑户/不看征信/秒批/下款; an escort's 约炮/包夜/伴游/一夜情; a scam job's
# 刷单/点赞员/日赚; the contraband no shop sells -- 假币 for sale, 迷药 and 听话水, 仿真枪 that is no
# toy --, the snoop's 黑客接单/查开房/窃听器, the 套现 of credit cards, 代写论文 and 代考, 银行卡四件套
# and 公民个人信息, the 网络水军's 刷好评/删差评, a gambling group's pitch), and the contact handle every such
# ad ends in (微信:dy_baby668, QQ 2847561903, 热线:400-6677-825; the ad's 加V:dk6688 and its misspelt
# 薇信; a Taiwanese ad's line:tea8899; Telegram's 飞机@ka4jian; a QQ group's 加群 778899123): with
# one in a sentence of its own voice, either is an ad
_BLACK_MARKET_AD = re.compile(
    r"刻章|代开[\u4e00-\u9fff]{0,6}?发票|发票代开|私家侦探|证书挂靠|黑户|不看征信|不查征信|秒批|下款|"
    r"蜘蛛池|寄生虫程序|泛目录|泛站群|站群程序|快排|包收录|秒收录|"
    r"约炮|包夜|伴游|一夜情|刷单|点赞员|日赚\d|外约|叫小姐(?!姐)|叫鸡|上门按摩|外送茶|同城快餐(?![店外配])|"
    + _heads("出售|高仿|批发|供应", r"[^\s,，。]{0,4}?假[币钞]") + "|"
    r"假[币钞][^\s,，。]{0,6}?(?:出售|批发|货源|一比|1比)|"
    r"迷药|听话水|失忆水|蒙汗药|催情(?:水|药|粉|香水)|迷情(?:水|药)|春药|"
    # (the look-behinds after a pattern's first character: one at its start costs every position)
    r"仿(?<!儿童仿)(?<!玩具仿)真枪(?!玩具)|气枪|猎枪|钢珠枪|黑客(?:接单|服务|业务)|找黑客|查开房|开房记录|"
    r"手机监听|监听软件|窃听器|窃听软件|信(?<!被信)用卡套现(?![的行风违问])|花(?<!被花)呗套现(?![的行风违问])|"
    r"白(?<!被白)条套现(?![的行风违问])|"
    r"代写(?:论文|毕业论文)|论文代写|代(?<![取替]代)考(?![勤核察虑古])|替考|"
    r"银行卡四件套|卡四件套|公民(?:个人)?信息|网络水军|水军(?:公司|团队|接单|服务)|刷好评|删差评|" +
    _GAMBLING_GROUP.pattern)
_CONTACT = re.compile(r"(?:微信|weixin|vx|qq|电话|热线|tel|l(?<![a-z]l)ine(?: ?id)?|(?:加|咨询|联系|\+)v|"
                      r"薇信|威信|徽信|v信|whatsapp|加?赖(?=[:：])|纸?飞机|telegram|t(?<![a-z]t)g|"
                      r"加群|群号|qq群|v(?<![a-z]v)(?=[:：]))(?:同号)?[:：@\s]*"
                      r"(?:1\d{2}[ -]\d{4}[ -]\d{4}|[a-z0-9_][a-z0-9_-]{4,}|\d{4}[ -]\d{4})")
# a loan shark's promise, which no bank writes and a report quotes or condemns (无视黑白户, 免照会,
# 黑户可贷, 不看征信), and an escort's words, two of which no other trade puts together (叫小姐 外约
# 全套服务, 上门按摩 包夜), or one the escorts' alone (``_ESCORT_ONLY``: not 包夜, a net café's night
# rate, nor 上门按摩) with an offer beside it: either makes its run of an ad (commas, dashes and
# bars part runs) spam
_LOAN_SHARK = re.compile(r"无视(?:黑白|黑户|征信|网黑|负债)|黑白户|免照会|黑户(?:可[贷借]|秒批|贷款|借款)|"
                         r"不看征信|不查征信|征信花了?[\u4e00-\u9fff]{0,4}?能[贷借下]|私人放款|下款的?口子|"
                         r"代办信用卡|私人借款|免保人|免保证人|借用?钱找我|急用?钱找我|缺用?钱找我|无薪转|免薪转|"
                         r"学信网(?:永久)?可查|黑户白户|黑白户均可|秒下款|押车不押人|税点低|" +
                         _heads("急用钱找|缺用钱找", r"[\u4e00-\u9fff]{1,2}(?=\s|$)") + "|" +
                         r"查开房|开房记录(?:查询|调取)|银行卡四件套|卡四件套|婚外情调查|蜘蛛池出租|"
                         r"不上首页不收费|天上首页")
_ESCORT_ONLY = re.compile(r"叫小姐(?!姐)|外约|叫鸡|楼凤|一楼一凤|援交|约炮|外送茶|约妹|莞式|大保健|鱼讯|茶讯|"
                          r"同城快餐(?![店外配])|应召站|援交妹|"
                          r"桑拿\W{0,3}一条龙")
_ESCORT = re.compile(_ESCORT_ONLY.pattern + r"|全套服务|包夜|上门按摩|一夜情|伴游|兼职(?:正)?妹|学生妹|即约即到|"
                     r"真人照片|不满意即换")
# black-hat SEO's services, two of which a run offers together (蜘蛛池 | 泛目录 | 寄生虫程序 | 秒收录); a
# blog that explains them names them for what they are (黑帽, 作弊, 惩罚)
_BLACK_HAT = re.compile(r"蜘蛛池|寄生虫程序|泛目录|泛站群|站群程序|快排|包收录|秒收录|老域名出售|外推发帖|万词霸屏")
_BLACK_HAT_TOLD = re.compile(r"黑帽|作弊|惩罚|违规|打击|算法|识别|风险|什么是")
# what a pitch run needs
_PITCH_WORDS = re.compile(_LOAN_SHARK.pattern + "|" + _ESCORT.pattern + "|" +
                          _GAMBLING_GROUP.pattern + "|" + _BLACK_HAT.pattern + "|私服")
_PITCH_RUN = re.compile(r"[^,，。!！?？;；—|]+")
_CLOSING = "」』”\"'）)】》"  # what closes a quotation before a run, not the run's
_CLAIMED = re.compile(r"声称|宣称|号称|自称|标榜|所谓|打着|幌子|名义|噱头|套路|广告")  # how a report tells a pitch
_SENTENCE_RUN = re.compile(r"[^。!?;！？；]+")
_AD_RUN = re.compile(r"[^,，]+")  # an ad's clauses: its own spaces part nothing
# a betting site's sign-up bonus: a call and an offer with the trade, an address or a coined name
# in one clause (鼎丰体育注册就送18元, hdty88.vip 注册秒送, 永昇體育app下載註冊送彩金); issue 8's
# promotion evidence all at once. A shop's 注册送10元优惠券 names no betting trade.
_SIGN_UP = re.compile(r"注册|登录|登陆|下载|开户|首存|充值|存款")
# a crypto exchange's bonus too: a fee rebate or waiver (注册即返20%手续费, 免20%手续费) and the
# exchange (数字货币交易所, 币安, 欧易/okx, 火币) that sells it -- not a stock or futures exchange
_BONUS = re.compile(r"送\d|送彩金|彩金|红包|体验金|返水|秒送|就送|即送|返[\d.]+%?手续费|免[\d.]+%?手续费|"
                    r"手续费[\d.]*折")
_BONUS_SELLER = re.compile(r"体育|娱乐|棋牌|彩票|真人|电玩|捕鱼|百家乐|博彩|赌场|" + _CASINO_NAMES + "|" + _ADDRESS +
                           r"|(?<![a-z])[a-z]+\d+[a-z\d]*|(?<![\d.])\d+[a-z]+|"
                           r"(?<!证券)(?<!期货)(?<!商品)交易所|数字货币|虚拟币|币安|欧易|火币|"
                           r"(?<![a-z])(?:okx|okex|binance|huobi|usdt)(?![a-z])")
_BONUS_CLAUSE = re.compile(r"[^,，。!！?？;；:：、|_]+")  # a bonus line's parts are set off by spaces


def sign_up_bonus_spans(text: str) -> list[Span]:
    """The clauses of ``text`` that offer a betting site's sign-up bonus in their own voice: a
    call (``_SIGN_UP``) and an offer (``_BONUS``) in one clause, and the trade, an address or a
    coined name (``_BONUS_SELLER``) in its sentence (an arcade casino's
    ``鲸落电玩城捕鱼专区现已开放,…,新人注册即送888金币``: the model retrained on clean shop and game
    pages with ``新人红包`` and ``登录送好礼`` no longer flagged that line), not quoted and with no
    condemning word in the sentence (``警方提醒,所谓体育平台宣称新人注册即送888元``). The clause scorer
    learned few of them (``鼎丰体育注册就送`` 0.09): the corpus has none in one clause, the
    hand-written infected pages 18; the four article lines of the hand-written pages with one
    quote it in a court's or a police report (``发布“注册就送88元”等广告``)."""
    out = []
    marks = None
    for start, end, clause in _own_voice_clauses(text, _BONUS_CLAUSE):
        if not (_SIGN_UP.search(clause) and _BONUS.search(clause)):
            continue
        marks = marks or _Marks(text, _SENTENCE_ENDS)
        lo, hi = marks.enclosing(start, end)
        sentence = normalize_text(_QUOTED_MARKS.sub("。", text[lo:hi]))
        if _BONUS_SELLER.search(sentence) and _CONDEMNING.search(sentence) is None:
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            out.append(Span(start, end, 1.0))
    return out


# the football-betting trade's search queries and list titles, in both scripts (哪个app可以买足球比赛,
# 正规买球app排行榜前十名, 世界杯买球官方网站入口): 买球 is betting slang with an app, a site or a ranking
# after it; a report says 网上买球 or 境外网站买球 and condemns it
_BET_SUFFIX = (r"(?:app|apk|软件|軟件|軟體|平台|网站|網站|网|網|官[网網]|官方[网網]站|入口|下[载載]|推荐|推薦|"
               r"排行榜?|靠[谱譜]吗?|技巧|攻略)")
_BET_QUERY = re.compile(
    r"(?:哪[个個]|哪些|什[么麼])(?:app|apk|软件|軟件|軟體|平台|[网網]站)(?:可以|能)?(?:[买買]|投注|下注)"
    r"(?:足球|篮球|籃球|球|世界杯|世界盃|欧洲杯|歐洲盃|nba)(?:比[赛賽])?|"
    r"[买買]球(?:用|去|上)?(?:什[么麼]|哪[个個])(?:app|软件|軟件|軟體|平台|[网網]站)|"  # 手机买球用什么软件
    r"(?:正[规規]|靠[谱譜])?的?(?:\d{4})?(?:世界杯|世界盃|欧洲杯|歐洲盃|欧冠|歐冠|nba)?[买買]球的?" + _BET_SUFFIX +
    r"(?:" + _BET_SUFFIX + r"|十大)*(?:前十名?|大全|排名|哪[个個]好)?|(?:正[规規]|靠[谱譜])的?[买買]球", re.IGNORECASE)


def bet_query_spans(text: str) -> list[Span]:
    """The football-betting trade's queries and list titles (``_BET_QUERY``: ``-哪个app可以买足球比赛``
    after a real headline, ``正规买球app排行榜前十名`` after a real sentence) in a clause of the
    page's own voice (:func:`_own_voice_matches`: not quoted, no warning or word of the law).
    Issue 9 names the first as an injection of a real page; the corpus has no 买球, the
    hand-written infected pages 12 lines with one, no article line of any set, of 20,000
    THUCNews titles or of the WeChat paragraphs has one."""
    return [Span(m.start(), m.end(), 1.0) for m in _own_voice_matches(text, _BET_QUERY)]


def _own_voice_matches(text: str, pattern):
    """The matches of ``pattern`` in raw ``text`` that the page says in its own voice: not within
    quotation marks, and no warning, condemnation or word of the law in their clause, what it
    quotes taken out. One scan; only a match's own clause is read (its bounds a bisection over
    the clause marks, found once)."""
    marks = None
    for m in pattern.finditer(text):
        marks = marks or _Marks(text, _CLAUSE_ENDS)
        if marks.inside(*m.span()):
            continue
        lo, hi = marks.enclosing(*m.span())
        if _CONDEMNING.search(normalize_text(_QUOTED_MARKS.sub("。", text[lo:hi]))) is None:
            yield m


# a call to download a betting site's app or to log in to it: a two-character name (three after a
# join: -米兰汇体育), the trade and 下载 glued (-汇赢体育下载 after a headline, 汇赢体育app下载安装 in a
# sentence), or its 官方app, 网页版登录, 登录入口, in both scripts; not a dictionary place, proper
# noun or organisation (腾讯体育) nor a media group's sports app
_DOWNLOAD_CALL = re.compile(r"((?<![\u4e00-\u9fff])[\u4e00-\u9fff]{3}|[\u4e00-\u9fff]{2})(?:体育|體育|娱乐|娛樂)"
                            r"(?:(?:官方|官[网網])?(?:app|apk|客户端|客戶端)?下[载載](?:安装|安裝)?(?:app)?|"
                            r"官方app|[网網]页版登[录錄入]|登[录錄入]入口)", re.IGNORECASE)
_MEDIA_APPS = frozenset("腾讯 新浪 搜狐 网易 央视 咪咕 虎扑 懂球 爱奇 优酷 百度 华为 小米 凤凰 人民 新华 中国".split())


def download_call_spans(text: str) -> list[Span]:
    """The calls to download a betting site's app (``_DOWNLOAD_CALL``) in a clause of the page's
    own voice (not quoted, no warning or word of the law). The eighth blind set's reading had
    two (a hospital headline's ``-汇赢体育下载``, a police meeting's ``汇赢体育app下载安装``); the
    hand-written infected pages have 30 such lines, no article line of the corpus, any
    hand-written set, 20,000 THUCNews titles or the WeChat paragraphs has one. The ninth set's
    reading had the same site's calls to its official app and web log-in (``-米兰汇体育官方app``,
    ``-米兰汇体育网页版登录``, ``登录入口``): 5 more hand-written infected lines, no article line."""
    out = []
    for m in _own_voice_matches(text, _DOWNLOAD_CALL):
        prefix = normalize_text(m.group(1))
        if not any(name in _MEDIA_APPS or name in _proper_names() for name in (prefix, prefix[-2:])):
            out.append(Span(m.start(), m.end(), 1.0))
    return out


# a casino's name glued to a coined one, in both scripts and any case: 威尼斯wns8885556,
# 31357威尼斯 -- letters with three digits or more, or five digits or more (not a stock code's 0)
_CASINO_RAW = "(?:" + _CASINO_NAMES.replace("威尼斯", "威尼斯人?").replace("太阳城", "太[阳陽]城") + ")"
_COINED_CASINO = re.compile(_CASINO_RAW + r"(?:[a-z]+\d{3,}[a-z\d]*|[1-9]\d{4,})|"
                            r"(?<![a-z\d])(?:[a-z]+\d{5,}|[1-9]\d{4,})" + _CASINO_RAW, re.IGNORECASE)


# a betting venue's name beside a random string of mixed-case letters and digits, its own line's
# tracking code (💰太和娱乐城 ZxP4t8 💰): no product, model or code is written that way
_VENUE_TOKEN = re.compile(r"[\u4e00-\u9fff]{2}(?:娱乐城|娛樂城|娱乐|娛樂|体育|體育|棋牌)[ \t\u3000]?"
                          r"(?=[A-Za-z\d]*[a-z])(?=[A-Za-z\d]*[A-Z])(?=[A-Za-z\d]*\d)"  # lower, upper, digit
                          r"[A-Za-z\d]{5,12}(?![A-Za-z\d])")


def coined_casino_spans(text: str) -> list[Span]:
    """A casino's name glued to a coined name (``_COINED_CASINO``: ``威尼斯wns8885556``,
    ``31357威尼斯``) in a clause in its own voice: the name a hijack script writes where a
    school's or a firm's stood, once. The clause scorer may give it under
    :data:`BRAND_PHRASE_AT` (the retrained model did, for a school's one line); recurring, it
    is a substituted name anyway. The corpus and the hand-written pages have five such lines,
    all spam, no article line."""
    return [Span(start + m.start(), start + m.end(), 1.0)
            for start, end, _ in _own_voice_clauses(text)
            for m in _COINED_CASINO.finditer(text[start:end])]


def venue_token_spans(text: str) -> list[Span]:
    """A betting venue's name beside a random mixed-case code (``_VENUE_TOKEN``: ``太和娱乐城
    ZxP4t8``), in a clause of its own voice: the hijack scripts that sprinkle emoji and random
    Latin strings through a real sentence tag their casino's name so."""
    return [Span(m.start(), m.end(), 1.0) for m in _own_voice_matches(text, _VENUE_TOKEN)]


def _own_voice_clauses(text: str, clauses=_AD_CLAUSE):
    """``(start, end, clause)`` of each clause of ``text`` (``clauses``: a pattern of clause
    runs) that speaks in its own voice: not inside quotation marks, and, with what it quotes
    taken out (``clause``, normalised), no warning, condemnation or word of the law in it."""
    quotes = _Marks(text, "")
    for m in clauses.finditer(text):
        if quotes.inside(*m.span()):
            continue
        clause = normalize_text(_QUOTED_MARKS.sub("。", m.group()))  # what it says itself
        if _CONDEMNING.search(clause) is None:
            yield m.start(), m.end(), clause


def black_market_spans(text: str) -> list[Span]:
    """The clauses of ``text`` that offer a black-market service (``_BLACK_MARKET`` with an
    ``_OFFER`` word), write a private clinic's search query (``_CLINIC_QUERY``) or name a private
    specialty hospital (``_CLINIC_NAME``: 北京白癜风医院, 上海九龙男子医院; corpus: four infected pages
    more found, no article line of the corpus or the hand-written pages has one) or stuff a porn
    site's titles (``_PORN_TITLE``: 国产一级二级视频 between a portal's links; 44 spam rows of the
    corpus have such words, no article row but a warning that quotes them), in their own voice:
    not quoted, no warning, condemnation or word of the law in the clause. The ads a hijack
    cuts into a hospital's or a school's news (``…补充叶酸。试管婴儿代孕包生男孩微信dy6618``,
    ``…读者们带来家中闲置的图书进行交换,新开传奇私服,…``) that the clause scorer, which has seen
    few of them, scores low. And a sentence that offers a black-market service or a classified
    ad's (``_BLACK_MARKET_AD``: 刻章, 代开发票, a scam loan's 黑户, an escort's 包夜, a scam job's
    刷单) with a contact handle (``_CONTACT``: ``微信:dy_baby668``, ``加V:kd6688``) whose offer
    stands in another clause than the service: the span runs from the clause with the service to
    the nearest clause with the handle (commas part clauses; an ad's own spaces do not), and it is
    the ad's voice that must not warn -- a warning elsewhere in the sentence the ad was cut into
    (``…摆放防范非法集资的折页,秒批不看征信 咨询V:kd6688,由大堂经理讲解``) is the page's. On the
    hand-written infected pages 22 such sentences first (16 on the seventh set, whose reading
    suggested the rule), with the ad's clauses and the 加V handles (the eighth set's reading) 15
    spam lines more in fold readings of that set, 5 of the seventh's; no article line of the
    corpus, the hand-written pages, 20,000 THUCNews titles or 15,000 WeChat paragraphs.

    And a pitch that needs no handle, in a run of its own voice (runs are parted by commas,
    dashes and bars, not by an ad's own spaces) and not told as a claim (``这类广告声称…``): a
    loan shark's promise, two escort words or one with an offer, a gambling group's pitch
    (``_GAMBLING_GROUP``: 一元一分红中麻将群, 上下分, 哈希竞猜), a 私服 with its offer after a space,
    a black-market service and its offer in a title's keywords joined by ``_``; and a menu of
    black-hat SEO services (two) or of escort words (three) between bars, from its first item to
    its last (fourteenth session: spam lines of the hand-written infected sets and ChineseHarm
    posts only, no article line of any text above)."""
    found = [Span(start, end, 1.0) for start, end, clause in _own_voice_clauses(text)
             if (_BLACK_MARKET.search(clause) and _OFFER.search(clause)) or _CLINIC_QUERY.search(clause)
             or _CLINIC_NAME.search(clause) or _PORN_TITLE.search(clause)]
    quotes, clause_starts = None, [f.start for f in found]  # in order, not overlapping
    for run in _SENTENCE_RUN.finditer(text):
        sentence = normalize_text(run.group())
        if not (_BLACK_MARKET.search(sentence) or _BLACK_MARKET_AD.search(sentence)) \
                or not _CONTACT.search(sentence):
            continue
        bounds = [(run.start() + m.start(), run.start() + m.end()) for m in _AD_RUN.finditer(run.group())]
        norms = [normalize_text(text[a:b]) for a, b in bounds]
        service = [k for k, n in enumerate(norms) if _BLACK_MARKET.search(n) or _BLACK_MARKET_AD.search(n)]
        contact = [k for k, n in enumerate(norms) if _CONTACT.search(n)]
        if not service or not contact:
            continue
        quotes = quotes or _Marks(text, "")
        for k1, k2 in _ad_stretches(service, contact):
            lo, hi = bounds[k1][0], bounds[k2][1]
            k = bisect.bisect_left(clause_starts, hi)  # a clause's span already over the ad
            if quotes.inside(lo, hi) or (k and found[k - 1].end > lo):
                continue
            if _CONDEMNING.search(normalize_text(_QUOTED_MARKS.sub("。", text[lo:hi]))) is None:
                while lo < hi and text[lo].isspace():
                    lo += 1
                found.append(Span(lo, hi, 1.0))
    # a loan shark's or an escort's pitch with no handle beside it (无视黑白户 当天放款), unless its
    # sentence tells it as a claim (这类广告声称无视黑白户); inside an ad found above, it joins it
    marks, claimed = None, {}  # sentence bounds -> whether it tells a claim (read once each)
    # the runs are read (each normalised) only when the text holds such a word at all: most lines
    # that come here are porn titles or offers with no loan or escort word
    norm = normalize_text(text)
    stuffed = "_" in text and _BLACK_MARKET.search(norm) is not None  # a title's keywords joined by _
    pitches = list(_own_voice_clauses(text, _PITCH_RUN)) if stuffed or _PITCH_WORDS.search(norm) else []
    for start, end, run in pitches:
        if _LOAN_SHARK.search(run) or len(set(_ESCORT.findall(run))) >= 2 or \
                (_ESCORT_ONLY.search(run) and _OFFER.search(run)) or _GAMBLING_GROUP.search(run) or \
                ("私服" in run and _OFFER.search(run)) or \
                (stuffed and "_" in run and _BLACK_MARKET.search(run) and _OFFER.search(run)):
            # 魔域私服 上线送VIP10 and 北京代孕公司_试管婴儿包成功: the service and its offer in one run
            marks = marks or _Marks(text, _SENTENCE_ENDS)
            bounds = marks.enclosing(start, end)
            if bounds not in claimed:
                claimed[bounds] = _CLAIMED.search(normalize_text(text[slice(*bounds)])) is not None
            if claimed[bounds]:
                continue
            while start < end and (text[start].isspace() or text[start] in _CLOSING):
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            found.append(Span(start, end, 1.0))
    # black-hat SEO's services, two or more on the line, or an escort's words, three (a menu of
    # them parts each with a bar): from the first run with one to the last, unless the line
    # explains or condemns them
    for words, least in ((_BLACK_HAT, 2), (_ESCORT, 3)):
        menu = [(a, b) for a, b, run in pitches if words.search(run)]
        if menu and len(set(words.findall(norm))) >= least and _BLACK_HAT_TOLD.search(norm) is None \
                and _CONDEMNING.search(norm) is None:
            found.append(Span(menu[0][0], menu[-1][1], 1.0))
    return _merged(found)


def _merged(spans: list[Span]) -> list[Span]:
    """``spans`` in order with the overlapping ones joined (their best score kept)."""
    out: list[Span] = []
    for sp in sorted(spans):
        if out and sp.start < out[-1].end:
            last = out.pop()
            sp = Span(last.start, max(last.end, sp.end), max(last.score, sp.score))
        out.append(sp)
    return out


def _ad_stretches(service, contact) -> list[tuple[int, int]]:
    """The runs of clauses (first and last index) from each clause with a service (``service``,
    sorted indices) to the nearest clause with a contact handle (``contact``, sorted), overlapping
    runs merged: a bisection for each, so a megabyte-long sentence of ads stays linear."""
    runs = []
    for a in service:
        k = bisect.bisect_left(contact, a)
        b = min(contact[max(0, k - 1):k + 1], key=lambda c: abs(c - a))
        lo, hi = min(a, b), max(a, b)
        if runs and lo <= runs[-1][1]:
            runs[-1] = (runs[-1][0], max(hi, runs[-1][1]))
        else:
            runs.append((lo, hi))
    return runs


# a link farm's line of place names from all over the country, set off by bars (定远县| 临海市|
# 磐安县| 乐平市| …): a city switcher lists cities, a report on counties writes them in a sentence
_PLACE = re.compile(r"[\u4e00-\u9fff]{1,6}?(?:县|市|区|旗|州|省)(?![\u4e00-\u9fff])")
LINK_FARM_PLACES = 12  # places on the line, a third of them counties
# a black-market service after a district's or a county's name, what a service's link farm
# repeats for place after place (东城区上门服务 西城区上门服务 …, 阳新县上门按摩 大冶市上门按摩 …)
_FARM_SERVICES = ("上门服务", "上门按摩", "外约", "外围", "约炮", "楼凤", "代孕", "办证", "刻章",
                  r"代开[\u4e00-\u9fff]{0,5}?发票", r"开[\u4e00-\u9fff]{0,5}?发票", "私家侦探", "叫小姐")
# a Chinese character (the place's) before each: the look-behind after a service's first
# character, where it costs only the positions that start one
_SERVICE_FARM = re.compile("|".join(w[0] + r"(?<=[\u4e00-\u9fff]" + w[0] + ")" + w[1:] for w in _FARM_SERVICES))
SERVICE_FARM_PLACES = 4


def link_farm_spans(text: str, norm: str) -> list[Span]:
    """The whole of a line that lists :data:`LINK_FARM_PLACES` or more place names (``_PLACE``)
    between bars, a third or more of them counties, with little but the places and the bars in
    it: the county lists a hijack's link farm puts under an article (two corpus pages of two
    websites, 39 and 40 places, 23 and 28 of them counties, from all over the country, scored
    0.2 by the paragraph model). The one article line of the corpus with as many places, a
    province's list of its cities, names no county and has no bars; the WeChat paragraphs' list
    of districts that take sign-ups is a sentence with 、. And a line that puts a black-market
    service after :data:`SERVICE_FARM_PLACES` or more districts' or counties' names
    (``_SERVICE_FARM``: 东城区上门服务 西城区上门服务 …), the same farm for a service (the tenth
    blind set's reading)."""
    if len(_SERVICE_FARM.findall(norm)) >= SERVICE_FARM_PLACES:
        return whole_span(text, 1.0)
    if norm.count("|") < LINK_FARM_PLACES - 2:
        return []
    places = [m.group() for m in _PLACE.finditer(norm)]
    counties = sum(p[-1] == "县" for p in places)
    # Chinese characters outside the places (a place with no suffix, 富川, is let pass); a place is
    # Chinese characters only
    other = len(_HAN_CHAR.findall(norm)) - sum(map(len, places))
    if len(places) < LINK_FARM_PLACES or 3 * counties < len(places) or 5 * other > len(norm):
        return []
    return whole_span(text, 1.0)


# what a paragraph must hold (normalised) for each rule to find anything in it: one C scan each
# turns away nearly every paragraph before a rule's raw-text pass (a handle's word before the
# handle's pattern and the ad's many services: a literal alternation is the fast scan)
_SLOT_WORDS = re.compile(r"来源|稿源|出处|投稿人|作者|位置|版权所有|欢迎")
_CONTACT_WORD = re.compile(r"微信|weixin|vx|qq|电话|热线|tel|line|加v|询v|系v|\+v|v信|v:|v：|薇信|威信|徽信|whatsapp|赖|"
                           r"飞机|telegram|tg|加群|群号")
_TIP_WORDS = re.compile(r"今晚开|今期开|今晚买|天天开|资料|一肖|一码|特码|特马|必中|管家婆|曾道人|四不像|白小姐|平特")
_QUERY_WORDS = re.compile(r"哪家|哪个好|哪里好|多少钱|最好|就[选找到去]|首选|认准|"
                          + _heads("看|治", "(?:男科|阳痿|早泄|前列腺|白癜风|牛皮癣|不孕)"))


def planted_spans(text: str, norm: str) -> list[Span]:
    """The phrases the page rules make spam whatever the scores, in order: :func:`name_slot_spans`,
    :func:`dateline_spans`, :func:`tip_phrase_spans`, :func:`black_market_spans`,
    :func:`sign_up_bonus_spans`, :func:`coined_casino_spans`, :func:`venue_token_spans`,
    :func:`bet_query_spans`, :func:`link_farm_spans` and :func:`download_call_spans` of ``text``,
    each run only when the normalised ``norm`` holds the words it needs."""
    found = []
    if _SLOT_WORDS.search(norm):
        found += name_slot_spans(text)
    if "讯" in norm:
        found += dateline_spans(text)
    if _TIP_WORDS.search(norm):
        found += tip_phrase_spans(text)
    if (_BLACK_MARKET.search(norm) and (_OFFER.search(norm) or _CONTACT.search(norm))) or \
            (_CONTACT_WORD.search(norm) and _CONTACT.search(norm) and _BLACK_MARKET_AD.search(norm)) or \
            _LOAN_SHARK.search(norm) or _GAMBLING_GROUP.search(norm) or \
            len(set(_ESCORT.findall(norm))) >= 2 or (_ESCORT_ONLY.search(norm) and _OFFER.search(norm)) or \
            len(set(_BLACK_HAT.findall(norm))) >= 2 or \
            (_QUERY_WORDS.search(norm) and _CLINIC_QUERY.search(norm)) or \
            (("医院" in norm or "专治" in norm) and _CLINIC_NAME.search(norm)) or _PORN_TITLE.search(norm):
        found += black_market_spans(text)
    if _BONUS.search(norm) and _SIGN_UP.search(norm):
        found += sign_up_bonus_spans(text)
    if _COINED_CASINO.search(norm):
        found += coined_casino_spans(text)
    if ("娱乐" in norm or "体育" in norm or "棋牌" in norm) and _VENUE_TOKEN.search(text):
        found += venue_token_spans(text)
    if "买球" in norm or "哪" in norm or "什么" in norm:
        found += bet_query_spans(text)
    if ("县" in norm and "|" in norm) or _SERVICE_FARM.search(norm):
        found += link_farm_spans(text, norm)
    if ("体育" in norm or "娱乐" in norm) and ("下载" in norm or "官方app" in norm or "登录" in norm or
                                                "登入" in norm):
        found += download_call_spans(text)
    return sorted(found)


def is_plain_byline(norm: str) -> bool:
    """A page's source line (``来源:新浪体育``, ``来源:五星体育 作者:张三``) that names its source
    and nothing more: no call, address, porn word or casino's name (``_BYLINE_PROMOTION``:
    ``来源:太阳城娱乐`` is a hijack's) and no coined betting name (:func:`has_brand_name`).
    ``norm``: normalised text.

    The generator puts a brand where the outlet stood (``来源:XX体育``) and no real outlet's sports
    or entertainment desk there, so the paragraph model reads ``来源:<…>体育`` / ``<…>娱乐`` as spam
    (``来源:体育画报`` 0.91, ``来源:娱乐资本论`` 1.00) -- the source line of every sports and
    entertainment page. Such a line is ``article`` in every decision. A brand with a call or a
    coined name in that place (``来源:开云体育官网``, ``来源:永利yl23411no1``) is still spam; a plain
    Chinese brand there (``来源:XX体育``) is not told from a sports desk without a brand list.
    """
    return (len(norm) <= BYLINE_CHARS and _BYLINE.match(norm) is not None
            and _SENTENCE_MARK.search(norm) is None
            and _BYLINE_PROMOTION.search(norm) is None and not has_brand_name(norm)
            and _PITCH_WORDS.search(norm) is None and _BLACK_MARKET_AD.search(norm) is None)


# Empty elements a hijack script leaves in the text: ``• <dfn id="qzw7k"><ins
# id="qzw7k"></ins></dfn>``. A line of nothing but tags (a list bullet or number before them
# at most), every opening tag with an ``id``, and one id on all of them.
_TAG_LINE = re.compile(r"\s*(?:[•·*\-]|\d{1,3}[.)、])?\s*"
                       r"(?:<[a-z][a-z0-9]*(?:\s+id=\"[^\"<>]*\")?\s*/?>|</[a-z][a-z0-9]*\s*>|\s)+",
                       re.IGNORECASE)
_TAG_ID = re.compile(r"<[a-z][a-z0-9]*\s+id=\"([^\"<>]+)\"", re.IGNORECASE)
_OPEN_TAG = re.compile(r"<[a-z]", re.IGNORECASE)


def _residue_id(text: str) -> tuple[str, int] | None:
    """``(id, elements)`` of a line of empty elements that all carry one id, else ``None``."""
    if "<" not in text or not _TAG_LINE.fullmatch(text):
        return None
    ids = _TAG_ID.findall(text)
    if not ids or len(ids) != len(_OPEN_TAG.findall(text)) or len(set(ids)) != 1:
        return None
    return ids[0], len(ids)


def residue_mask(texts, bounds=None, *, page_of=None) -> np.ndarray:
    """Which paragraphs are markup residue of a hijack: empty elements that share one ``id``,
    where the page (``bounds`` as in :func:`page_summaries`; default one page; or ``page_of``, a
    page label per paragraph, when a page's paragraphs are not contiguous) puts that id on at
    least two elements.

    An HTML id names one element of a document, so real markup -- quoted in a code blog too --
    does not repeat one; the injection script stamps its random id (``qzw7k``) on every
    element it leaves. A lone ``<div id="main"></div>`` is code, and structural.
    """
    n = len(texts)
    out = np.zeros(n, bool)
    found = [(i, r) for i, r in ((i, _residue_id(t)) for i, t in enumerate(texts)) if r]
    if not found:
        return out
    page = _page_index(n, bounds)[0] if page_of is None else page_of
    count: dict = {}
    for i, (rid, k) in found:
        count[page[i], rid] = count.get((page[i], rid), 0) + k
    for i, (rid, _) in found:
        out[i] = count[page[i], rid] >= 2
    return out


SUBSTANTIAL = 20  # characters: shorter paragraphs are menus, dates, headings
# Substantial paragraphs that make a page something to judge as a whole. With fewer, "the rest
# of the page" is one paragraph: a news line beside an injected line is an infected pair, not
# evidence that the page is spam or that the news line is filler.
MIN_CONTEXT = 2  # *other* substantial paragraphs a paragraph needs before context may flag it
MIN_PAGE = 3  # substantial paragraphs a page needs to be a ``spam_page``
# Share of a page's substantial paragraphs that must be spam (as a whole, not a phrase in real
# text) for the page to be a ``spam_page``. On the corpus, the labels put every promotion page
# at 100 % and infected articles at up to 75 % (porn titles stacked above a mirrored article,
# an injected block in Macau gaming news): 80 % keeps those articles.
SPAM_SHARE = 0.8


def is_spam_page(lengths, is_spam, *, min_chars: int = SUBSTANTIAL, spam_share: float = SPAM_SHARE,
                 min_spam: int = 2, min_substantial: int = MIN_PAGE) -> bool:
    """The ``spam_page`` rule on paragraph lengths and spam flags (see :func:`page_verdict`)."""
    n_spam = n_sub = 0
    for length, spam in zip(lengths, is_spam):
        if length >= min_chars:
            n_sub += 1
            n_spam += bool(spam)
    return n_sub >= min_substantial and n_spam >= min_spam and n_spam >= spam_share * n_sub


def has_context(lengths, bounds=None) -> np.ndarray:
    """Which paragraphs of a page (of each page, with ``bounds`` as in :func:`page_summaries`)
    have a page around them: at least :data:`MIN_CONTEXT` *other* substantial paragraphs.

    The page-context model only speaks for those. Its features describe "the rest of the page"
    by means and shares of the other substantial paragraphs; with none (a one-line page such as
    ``OK`` or ``Loading...``, or a page of short lines) those columns fall to defaults that say
    nothing about articles, and with one the "page" is a single neighbour, so a news line beside
    an injected line would take the spam line's score. Without a page the paragraph is judged
    alone, exactly as :func:`spamdetect.classify` judges it.
    """
    sub = np.asarray(lengths, dtype=float) >= SUBSTANTIAL
    page, n_pages = _page_index(len(sub), bounds)
    return (np.bincount(page, weights=sub, minlength=n_pages)[page] - sub) >= MIN_CONTEXT


def _page_index(n, bounds) -> tuple[np.ndarray, int]:
    """(page of each of ``n`` paragraphs, number of pages): page ``k`` is
    ``bounds[k]:bounds[k + 1]``; no ``bounds``: one page of all ``n``."""
    if bounds is None:
        return np.zeros(n, np.int64), 1
    counts = np.diff(np.asarray(bounds, dtype=np.int64))
    return np.repeat(np.arange(len(counts)), counts), len(counts)


LOGIT_CLIP = 8.0  # calibrated scores saturate: one 0.999999 must not outweigh a page of others


def logit(p) -> np.ndarray:
    """Log-odds of probabilities, kept finite (probabilities clipped to [1e-6, 1 - 1e-6])."""
    p = np.clip(np.asarray(p, dtype=float), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def kinship(rows, cols, weights, flagged, bounds=None) -> np.ndarray:
    """Cosine similarity of each paragraph to the centroid of the *other* flagged paragraphs
    of its page.

    ``rows, cols, weights``: L2-normalised tf-idf triplets of the paragraphs (see
    :meth:`spamdetect.features.FeatureSpace.topic_triplets`); ``flagged``: which paragraphs the
    paragraph model alone calls spam; ``bounds``: where each page starts and ends (as in
    :func:`page_summaries`; default one page), so many pages go in one vectorised call. 0 where
    there is nothing to compare with.
    """
    flagged = np.asarray(flagged, bool)
    n = len(flagged)
    out = np.zeros(n)
    rows, cols, weights = (np.asarray(a) for a in (rows, cols, weights))
    if not flagged.any() or len(rows) == 0:
        return out
    page, n_pages = _page_index(n, bounds)
    n_cols = int(cols.max()) + 1
    key = page[rows].astype(np.int64) * n_cols + cols  # a column of a page's centroid
    f = flagged[rows]
    uc, inv = np.unique(key[f], return_inverse=True)
    if len(uc) == 0:
        return out
    centroid = np.bincount(inv, weights=weights[f], minlength=len(uc))
    at = np.minimum(np.searchsorted(uc, key), len(uc) - 1)
    hit = uc[at] == key
    dot = np.bincount(rows[hit], weights=weights[hit] * centroid[at[hit]], minlength=n)
    sq = np.bincount(rows, weights=weights * weights, minlength=n)
    square = np.bincount(uc // n_cols, weights=centroid * centroid, minlength=n_pages)[page]
    own = flagged.astype(float)  # a flagged paragraph is compared with the others only
    dot_others = dot - own * sq
    norm_others = np.sqrt(np.maximum(square - 2 * own * dot + own * sq, 0.0))
    ok = (sq > 0) & (norm_others > 1e-9)
    np.divide(dot_others, np.sqrt(sq) * norm_others, out=out, where=ok)
    return np.clip(out, 0.0, 1.0)


def page_context_features(proba, lengths, flag_at: float = 0.5, kin=None, bounds=None) -> np.ndarray:
    """Per-paragraph features that describe the paragraph *and the page around it*.

    ``proba``: the paragraph model's spam probability of each paragraph of one page, in page
    order; ``lengths``: their lengths in characters; ``flag_at``: the probability at which the
    paragraph model alone calls a paragraph spam; ``bounds``: where each page starts and ends
    when ``proba`` holds many pages (as in :func:`page_summaries`; vectorised, no numpy call
    per page). Logits are clipped to +-8. Columns:

    0. the paragraph's own logit;
    1. mean logit of the page's other substantial paragraphs (of all others when none is
       substantial; 0 on a one-paragraph page) -- menus and dates would dilute it;
    2. share of the other substantial (>= 20 characters) paragraphs flagged alone;
    3. ``log(1 + length)``: short chrome on a spam page is still chrome;
    4. the own logit times column 2: a borderline paragraph among spam is spam, among
       articles it is an article;
    5. the larger logit of the two neighbours (previous and next paragraph; 0 at the edges of
       a one-paragraph page): injected spam comes in blocks;
    6. the page's *background*: mean logit of the other substantial paragraphs that are not
       flagged alone (column 1 when every other one is). This is what tells a gambling-SEO
       page, whose unflagged filler still leans spam, from a real article with an injected
       block, whose remaining paragraphs read as news however loud the block is.
    7. the paragraph's *kinship* with the page's spam: the square root of its cosine
       similarity (word tf-idf) to the centroid of the other paragraphs flagged alone (``kin``,
       from :func:`kinship`; 0 when not given). Filler on a gambling-SEO page talks about the
       same games as its flagged headings; an article under stuffed porn titles shares
       nothing with them, however bland (and so spam-neutral) its own text is.
    """
    p = np.clip(np.asarray(proba, dtype=float), 1e-6, 1 - 1e-6)
    n = len(p)
    lg = np.clip(logit(p), -LOGIT_CLIP, LOGIT_CLIP)
    lengths = np.asarray(lengths, dtype=float)
    page, n_pages = _page_index(n, bounds)

    def others(values):  # the sum of ``values`` over the other paragraphs of each one's page
        values = np.asarray(values, dtype=float)
        return np.bincount(page, weights=values, minlength=n_pages)[page] - values

    sub = lengths >= SUBSTANTIAL
    flagged = p >= flag_at
    spam_sub = flagged & sub
    rest_sub = ~flagged & sub
    size = np.bincount(page, minlength=n_pages)[page]
    multi = size > 1  # a paragraph with a page around it
    F = np.zeros((n, 8))
    F[:, 0] = lg
    others_sub = others(sub)
    mean_sub = np.where(others_sub > 0, others(lg * sub) / np.maximum(others_sub, 1),
                        others(lg) / np.maximum(size - 1, 1))
    F[:, 1] = np.where(multi, mean_sub, 0.0)
    F[:, 2] = np.divide(others(spam_sub), others_sub, out=np.zeros(n), where=multi & (others_sub > 0))
    others_rest = others(rest_sub)
    background = np.where(others_rest > 0, others(lg * rest_sub) / np.maximum(others_rest, 1), F[:, 1])
    F[:, 6] = np.where(multi, background, 0.0)
    F[:, 3] = np.log1p(lengths)
    F[:, 4] = F[:, 0] * F[:, 2]
    if n > 1:
        same_prev = np.concatenate([[False], page[1:] == page[:-1]])
        prev = np.where(same_prev, np.concatenate([[0.0], lg[:-1]]), -np.inf)
        same_next = np.concatenate([page[:-1] == page[1:], [False]])
        nxt = np.where(same_next, np.concatenate([lg[1:], [0.0]]), -np.inf)
        F[:, 5] = np.where(multi, np.maximum(prev, nxt), 0.0)
    if kin is not None:
        F[:, 7] = np.sqrt(np.clip(np.asarray(kin, dtype=float), 0.0, 1.0))
    return F


class PageContext:
    """A second, small linear model that re-scores a paragraph with its page as context.

    A paragraph alone cannot show that a bland how-to paragraph is filler on a gambling-SEO
    page, or that a short heading belongs to it; the share of spam around it can. Fitted on
    out-of-fold paragraph scores of whole labeled pages.

    Context only ever *adds* spam: a paragraph is spam in its page when the paragraph model
    alone says so (``proba >= paragraph_threshold_``) or the context model does
    (``context >= threshold_``). The context threshold is the lowest that keeps the combined
    article false-positive rate within ``target_fpr`` out-of-fold. (Letting context also
    lower scores dragged clear keyword-stuffed titles under the line on otherwise clean pages.)
    """

    def __init__(self, C=1.0, target_fpr=0.005):
        self.C = C
        self.target_fpr = target_fpr

    def fit(self, pages_proba, pages_lengths, pages_y01, paragraph_threshold=0.5, groups=None,
            pages_chrome=None, pages_kin=None, pages_counted=None, pages_alone=None):
        """Fit on lists (one entry per page) of paragraph probabilities, lengths and 0/1 labels.

        ``pages_chrome`` (same shape, optional) marks page chrome (:func:`is_chrome`): those
        paragraphs shape their neighbours' features but are left out of the fit and of the
        threshold's budget, because :func:`page_scores` never calls them spam.
        ``pages_kin``: each paragraph's :func:`kinship` with the page's flagged paragraphs.
        ``pages_counted`` (one bool per page, default all): pages that choose the threshold and
        make ``validation_``; the others (pseudo-pages) only add to the fit. ``pages_alone``:
        which paragraphs are spam before context (default: probability >= the paragraph
        threshold; with a clause scorer, its phrases too), so the budget left for context is
        what the earlier stages did not spend.
        """
        from sklearn.linear_model import LogisticRegression

        kins = pages_kin if pages_kin is not None else [None] * len(pages_proba)
        F = np.vstack([page_context_features(p, l, paragraph_threshold, k)
                       for p, l, k in zip(pages_proba, pages_lengths, kins)])
        y = np.concatenate([np.asarray(v, int) for v in pages_y01])
        alone = (np.concatenate([np.asarray(p, float) for p in pages_proba]) >= paragraph_threshold
                 if pages_alone is None else np.concatenate([np.asarray(a, bool) for a in pages_alone]))
        context = np.concatenate([has_context(l) for l in pages_lengths])
        keep = np.ones(len(y), bool) if pages_chrome is None else \
            ~np.concatenate([np.asarray(c, bool) for c in pages_chrome])
        page_of = np.concatenate([[k] * len(v) for k, v in enumerate(pages_y01)])
        real = np.concatenate([np.full(len(v), not is_spam_page(l, v))
                               for l, v in zip(pages_lengths, pages_y01)])
        scored = np.ones(len(y), bool) if pages_counted is None else \
            np.concatenate([np.full(len(v), bool(c)) for c, v in zip(pages_counted, pages_y01)])
        F, y, alone, context, page_of, real, scored = (
            a[keep] for a in (F, y, alone, context, page_of, real, scored))
        self.paragraph_threshold_ = float(paragraph_threshold)
        lr = LogisticRegression(C=self.C, class_weight="balanced", max_iter=1000)
        self.threshold_ = 1.0
        self.validation_ = {}
        if groups is not None:
            g = np.asarray(groups, dtype=object)[page_of]
            n_splits = min(5, len(np.unique(g)))
            if n_splits >= 2:
                oof = grouped_oof(lambda tr, te: lr.fit(F[tr], y[tr]).predict_proba(F[te])[:, 1],
                                  y, g, n_splits)
                # the budget is spent on pages with real content: on a page that is spam as a
                # whole (by its labels) the odd line labeled `article` goes with its page
                counted = (y == 0) & real & scored
                budget = (int(np.floor(self.target_fpr * counted.sum() + 1e-9))
                          - int(np.sum(alone & counted)))
                rest = oof[counted & ~alone & context]
                if budget >= 0 and len(rest):
                    self.threshold_ = choose_threshold(rest, np.zeros(len(rest)), budget / len(rest))
                decided = alone | (context & (oof >= self.threshold_))
                self.validation_ = binary_metrics(y[scored], decided[scored])
        lr.fit(F, y)
        self.coef_ = lr.coef_.ravel().copy()
        self.intercept_ = float(lr.intercept_[0])
        return self

    def predict_proba(self, proba, lengths, kin=None, bounds=None) -> np.ndarray:
        """Context model's spam probability of each paragraph of one page (of each page: see
        ``bounds`` of :func:`page_context_features`)."""
        if len(proba) == 0:
            return np.zeros(0)
        F = page_context_features(proba, lengths, self.paragraph_threshold_, kin, bounds)
        return sigmoid(F @ self.coef_ + self.intercept_)

    def decide(self, proba, lengths, kin=None, threshold=None, bounds=None) -> tuple[np.ndarray, np.ndarray]:
        """(in-page score, is-spam) of each paragraph of one page (of many with ``bounds``).

        The in-page score is the larger of the paragraph's own probability and the context
        model's (the own probability alone where :func:`has_context` is false); each is
        compared with its own threshold, so use the boolean for the label. ``threshold``
        replaces the paragraph threshold of the "alone" test only: the context features and
        the context threshold are fitted state and stay as fitted.
        """
        proba = np.asarray(proba, dtype=float)
        ctx = np.where(has_context(lengths, bounds), self.predict_proba(proba, lengths, kin, bounds), 0.0)
        alone_at = self.paragraph_threshold_ if threshold is None else float(threshold)
        spam = (proba >= alone_at) | (ctx >= self.threshold_)
        return np.maximum(proba, ctx), spam




def page_summary(logits, lengths) -> np.ndarray:
    """What the paragraph scores of one page say about the page as a whole (one row).

    Logits clipped to +-LOGIT_CLIP, over the substantial paragraphs (all when none is):
    mean, median, lower quartile, max, share above 0 and above 1; then ``log(1 + n)`` of the
    paragraphs and of the substantial ones. A gambling-SEO page leans spam all through, however
    bland each paragraph is; an article with an injected block has a high max and a low median.
    """
    return page_summaries(logits, lengths, [0, len(logits)])[0]


def page_summaries(logits, lengths, bounds) -> np.ndarray:
    """:func:`page_summary` of many pages at once (one row each): the paragraphs of page ``k``
    are ``logits[bounds[k]:bounds[k + 1]]``. Vectorised over pages (no numpy call per page):
    the page stage of a corpus batch has hundreds of small pages."""
    bounds = np.asarray(bounds, dtype=np.int64)
    counts = np.diff(bounds)
    n_pages = len(counts)
    out = np.zeros((n_pages, 8))
    if n_pages == 0:
        return out
    logits = np.clip(np.asarray(logits, float), -LOGIT_CLIP, LOGIT_CLIP)
    page, _ = _page_index(len(logits), bounds)
    sub = np.asarray(lengths) >= SUBSTANTIAL
    n_sub = np.bincount(page, weights=sub, minlength=n_pages)
    use = sub | (n_sub == 0)[page]
    v, pv = logits[use], page[use]
    c = np.bincount(pv, minlength=n_pages)
    ok = c > 0
    order = np.lexsort((v, pv))
    v, pv = v[order], pv[order]
    first = np.concatenate([[0], np.cumsum(c)[:-1]])

    def quantile(q):  # linear interpolation between the sorted values, as np.percentile
        pos = q * (c[ok] - 1)
        lo = np.floor(pos).astype(np.int64)
        hi = np.minimum(lo + 1, c[ok] - 1)
        a, b = v[first[ok] + lo], v[first[ok] + hi]
        return a + (b - a) * (pos - lo)

    cs = np.maximum(c, 1)
    out[:, 0] = np.bincount(pv, weights=v, minlength=n_pages) / cs
    out[ok, 1] = quantile(0.5)
    out[ok, 2] = quantile(0.25)
    out[ok, 3] = v[first[ok] + c[ok] - 1]
    out[:, 4] = np.bincount(pv, weights=v > 0, minlength=n_pages) / cs
    out[:, 5] = np.bincount(pv, weights=v > 1, minlength=n_pages) / cs
    out[:, 6] = np.log1p(counts)
    out[:, 7] = np.log1p(n_sub)
    return out


# What *reports* rather than promotes: police, courts, prosecution, regulation, warnings to the
# public, the newsroom, official figures. Written for spamdetect (not from the corpus): a report on
# a gambling ring and a betting site's how-to page share their gambling words, not these. The
# police's, the courts' and a warning's words apart: the sentence a report tells a pitch in has them
_LAW_AND_WARNING = (
    r"警方|公安|民警|派出所|法院|检察|判处|判决|宣判|被告|罪犯|犯罪|罪名|违法|非法|涉嫌|涉案|"
    r"嫌疑人|抓获|拘留|逮捕|起诉|刑事|打击|查处|破获|侦破|侦办|团伙|整治|专项|严禁|取缔|"
    r"骗局|诈骗|受害|被骗|不法|警惕|谨防|提醒|举报|监管|依法")
_REPORTING = re.compile(
    _LAW_AND_WARNING + r"|法规|条例|立法|议员|政府|部门|"
    r"记者|报道|通报|新闻|发布会|公告|公益金|管理中心|统计|同比|环比|季度|营收|财报")
# what a report does with a site's pitch: quotes it, or tells it in a sentence of the police, the
# courts or a warning (the newsroom's own words -- 记者, 报道 -- are no such sentence: a byline with a
# promotion glued to it is the hijack's commonest)
_QUOTED = re.compile(r"“[^”]{0,80}”|「[^」]{0,80}」|『[^』]{0,80}』|\"[^\"]{0,80}\"|‘[^’]{0,80}’|《[^》]{0,80}》|"
                     r"\([^()]{0,40}\)")
_SENTENCE_END = re.compile(r"[。!?;]+")
_CONDEMNING = re.compile(
    _LAW_AND_WARNING + r"|经查|经了解|查明|查实|赌博|参赌|涉赌|聚赌|诱导|诱骗|引诱|话术|陷阱|不要(?!错过)|"
    r"切勿|请勿|远离|[不别](?:下载|注册|登录|充值|点击|轻信|相信)|不得|禁止|不开展|不实施|负责任博彩|"
    r"量力而行|理性购彩|理性投注|理性娱乐|小赌怡情|未满\d+岁|虚假|"
    r"不(?:构成|提供|涉及)|"  # a disclaimer denies the service: 不构成任何投注建议, 不提供彩票销售
    r"(?:投放|发布|推送|刊登|张贴)[\u4e00-\u9fff“”\"]{0,8}?广告")  # a report tells an ad's placing


def promotes_in_own_voice(norm: str) -> bool:
    """Whether a normalised paragraph promotes in its own voice: promotion evidence
    (:func:`has_promotion`) outside quotation marks and brackets, in a sentence with no word of
    the police, the courts, a condemnation or a warning (``_CONDEMNING``: 警方, 赌博, 诱导, 话术,
    切勿, 不下载). What is quoted is not the page's own voice whatever surrounds it: horses'
    names in a racing preview (「金钻传奇」3.2倍), a report's quotations; SEO copy that quotes its
    own headings loses them too (its page is judged whole).

    A crack-down report quotes the pitch it warns of and tells the rest as police findings
    (``民警调查发现,群管理员反复推送“注册就送88元”等宣传语,并附上网址,诱导群众下载APP``); a byline
    with a promotion glued to it (``记者 李明 报道首次登录送91元红包``) promotes in its own voice. The
    first is no spam on its score alone, on any page (a cut phrase still is).
    """
    if not has_promotion(norm):
        return False
    return any(has_promotion(sentence) and _CONDEMNING.search(sentence) is None
               for sentence in _SENTENCE_END.split(_QUOTED.sub("。", norm)))


def speaks_against(norm: str) -> bool:
    """Whether every sentence of a normalised paragraph warns, condemns, reports the law or
    denies the service (``_CONDEMNING``): a match report's footnote
    ``本文赔率数据仅供参考,不构成任何投注建议``, a sports app's ``本应用不提供任何形式的彩票销售``, a
    police warning. Such a paragraph is about betting, and against it; the paragraph model reads
    the subject, and a line like that is no spam on its score alone."""
    sentences = [s for s in _SENTENCE_END.split(norm) if _WORD_CHAR.search(s)]
    return bool(sentences) and all(_CONDEMNING.search(s) for s in sentences)


def quoted_in_report(text: str, spans) -> list[Span]:
    """``spans`` of a paragraph (raw ``text``) but those quoted (``_QUOTED``) in a sentence that
    warns, condemns or reports the law outside its quotations (``_CONDEMNING``): a judgment's
    ``经查,该平台在推广图片中宣称“首存即送38%彩金”`` quotes the pitch it convicts. A quoted phrase
    elsewhere is still cut: an SEO page quotes its own porn brand (``“国产精品麻豆果冻传媒”的迅速走红``).
    Website-grouped CV: the corpus's last hard-negative false positive goes (a crack-down page's
    quoted warning), no spam is lost."""
    quotes = [m.span() for m in _QUOTED.finditer(text)]
    if not quotes:
        return list(spans)
    quoted = np.zeros(len(text), bool)  # a phrase may run on from one quotation to the next
    for a, b in quotes:
        quoted[a:b] = True
    kept, sentences = [], _Marks(text, _SENTENCE_ENDS)
    for s in spans:
        if all(quoted[i] for i in range(s.start, s.end) if text[i].isalnum()):
            lo, hi = sentences.enclosing(s.start, s.end)
            if _CONDEMNING.search(normalize_text(_QUOTED.sub("。", text[lo:hi]))):
                continue
        kept.append(s)
    return kept


# what names a site (a trade, an address, porn and black-market words, the Mark Six tip trade):
# a phrase without it is a call to a site the sentence does not name (APP登录注册)
_NAMES_A_SITE = re.compile(_TRADE.pattern + "|" + _ADDRESS + "|" + _PORN_AND_BLACK_MARKET + "|" + _MARK_SIX)


def told_in_report(text: str, spans) -> list[Span]:
    """``spans`` of a paragraph (raw ``text``) but the phrases that name no site (no trade,
    address, porn or black-market word, Mark Six phrase or coined name: ``APP登录注册``) in a
    sentence that warns, condemns or reports the law (``_CONDEMNING``, its quotations taken out).
    A victim's story tells the scam's steps (``一居民报警称,其点击链接下载“星球”APP登录注册,充值后被骗
    12万元``) in the words an injected call uses; a call put into a police report names the site
    it sells. Website-grouped CV: the corpus's anti-fraud report, the only clean page flagged, loses
    that sentence's flag on two draws; no spam is lost."""
    kept, sentences = [], None
    for s in spans:
        phrase = normalize_text(text[s.start:s.end])
        if not (_NAMES_A_SITE.search(phrase) or has_brand_name(phrase)):
            sentences = sentences or _Marks(text, _SENTENCE_ENDS)
            lo, hi = sentences.enclosing(s.start, s.end)
            if _CONDEMNING.search(normalize_text(_QUOTED.sub(",", text[lo:hi]))):
                continue
        kept.append(s)
    return kept


STANCE_DENSITY = 1000  # stance words are counted per this many characters of a page
STANCE_COLUMNS = 2


def page_stance(normalized, bounds, promoted=None) -> np.ndarray:
    """Two columns per page: how densely its text *reports* (``_REPORTING``: police, courts,
    warnings, newsroom, official figures) and how densely it *promotes* (``_PROMOTION``), as
    ``log(1 + hits per STANCE_DENSITY characters)``. A gambling-SEO page and a police report
    share their gambling words; these set them apart where the page text model, learned from a
    few hundred pages, leans on the topic. ``promoted``: :func:`has_promotion` of each paragraph
    when the caller has it (promotion is counted only where there is some: the costly pass)."""
    bounds = np.asarray(bounds, dtype=np.int64)
    n_pages = len(bounds) - 1
    page, _ = _page_index(len(normalized), bounds)
    chars = np.fromiter(map(len, normalized), np.float64, len(normalized))
    rep = np.fromiter((len(_REPORTING.findall(t)) for t in normalized), np.float64, len(normalized))
    if promoted is None:
        promoted = np.fromiter(map(has_promotion, normalized), bool, len(normalized))
    pro = np.zeros(len(normalized))
    for i in np.flatnonzero(promoted):
        pro[i] = len(_PROMOTION.findall(normalized[i]))
    size = np.maximum(np.bincount(page, weights=chars, minlength=n_pages), 1.0) / STANCE_DENSITY
    return np.column_stack([np.log1p(np.bincount(page, weights=rep, minlength=n_pages) / size),
                            np.log1p(np.bincount(page, weights=pro, minlength=n_pages) / size)])


def page_features(logits, lengths, normalized, bounds, promoted=None) -> np.ndarray:
    """What the :class:`PageModel` reads beside its page-text score: :func:`page_summaries` of
    the paragraph scores and :func:`page_stance` of the text, one row per page."""
    return np.column_stack([page_summaries(logits, lengths, bounds),
                            page_stance(normalized, bounds, promoted)])


class PageModel:
    """Is this page, as a whole, a promotion page (a ``spam_page``)?

    Half the spam on real infected sites is bland SEO filler on pages that exist to promote a
    betting or porn site; no paragraph gives it away, the page does. Two small linear models:
    the page's text as one document (the paragraph model's own tf-idf features, a logistic
    regression fitted on whole labeled pages), then that score beside :func:`page_features` --
    the page summary of the paragraph scores and the page's stance (how densely it reports or
    promotes) -- in a second logistic regression. The threshold sits ``margin`` (in
    log-odds) above every page that is *not* a spam page by its labels and has article text at
    stake, out-of-fold (folds grouped by website): a clean page or an infected article called
    a spam page would be deleted whole. The margin of 1.5 is from website-grouped CV: the
    anti-fraud report that scores highest of the clean pages stays 0.5 under the line in the
    fold that holds it out. Within the margin and :data:`EXTRA_RELIEF` beyond it, a page is
    still a spam page when it shows two more things (:func:`_promotion_pages`).
    """

    def __init__(self, C_text=10.0, C=0.1, margin=1.5):
        self.C_text, self.C, self.margin = C_text, C, margin

    @classmethod
    def from_arrays(cls, text_coef, text_intercept, coef, intercept, threshold):
        m = cls()
        m.text_coef_, m.text_intercept_ = np.asarray(text_coef, float), float(text_intercept)
        m.coef_, m.intercept_ = np.asarray(coef, float), float(intercept)
        m.threshold_ = float(threshold)
        return m

    def fit(self, page_matrix, summaries, y, groups, at_stake=None):
        """``page_matrix``: sparse tf-idf rows of the pages' joined text; ``summaries``:
        :func:`page_features` rows; ``y``: 1 for spam pages; ``groups``: website per page;
        ``at_stake``: which pages hold text a ``spam_page`` verdict would wrongly delete (an
        article paragraph of some length; default all). Only those set the threshold: a
        one-line page that is spam through and through is no spam page by the share rule (too
        short) but loses nothing when called one, and letting it push the threshold up hid
        real promotion pages in some folds."""
        from sklearn.linear_model import LogisticRegression

        y = np.asarray(y, int)
        groups = np.asarray(groups, dtype=object)
        text_lr = LogisticRegression(C=self.C_text, class_weight="balanced", solver="liblinear")
        n_splits = min(5, len(np.unique(groups)))
        text_oof = grouped_oof(lambda tr, te: _fold_margin(text_lr, page_matrix, y, tr, te), y,
                               groups, n_splits)
        text_lr.fit(page_matrix, y)
        self.text_coef_ = text_lr.coef_.ravel().copy()
        self.text_intercept_ = float(text_lr.intercept_[0])
        F = np.column_stack([text_oof, summaries])
        self.mean_, self.scale_ = F.mean(0), F.std(0) + 1e-9
        Z = (F - self.mean_) / self.scale_
        lr = LogisticRegression(C=self.C, class_weight="balanced", max_iter=2000)
        oof = grouped_oof(lambda tr, te: _fold_margin(lr, Z, y, tr, te), y, groups, n_splits)
        lr.fit(Z, y)
        self.coef_ = lr.coef_.ravel() / self.scale_
        self.intercept_ = float(lr.intercept_[0] - (self.mean_ / self.scale_) @ lr.coef_.ravel())
        stake = np.ones(len(y), bool) if at_stake is None else np.asarray(at_stake, bool)
        negatives = oof[(y == 0) & stake]
        self.threshold_ = float(negatives.max() + self.margin) if len(negatives) else np.inf
        self.oof_ = oof
        self.validation_ = {"pages": int(len(y)), "spam_pages": int(y.sum()),
                            "spam_pages_found": int(np.sum(oof[y == 1] >= self.threshold_))}
        return self

    def decision(self, text_scores, summaries) -> np.ndarray:
        """The stacked model's margin of each page; a ``spam_page`` at ``>= threshold_``."""
        # a model saved before page_stance existed reads the page summaries only
        summaries = np.atleast_2d(summaries)[:, :len(self.coef_) - 1]
        F = np.column_stack([np.asarray(text_scores, float), summaries])
        return F @ self.coef_ + self.intercept_


def _fold_margin(lr, X, y, tr, te) -> np.ndarray:
    """Held-out margins of one fold; a training fold with one kind of page only (all the
    promotion pages of a small training set on one website) has nothing to learn from, and its
    held-out pages are called no promotion page (a margin far below any threshold)."""
    if len(np.unique(y[tr])) < 2:
        return np.full(len(te), -1e9)
    return lr.fit(X[tr], y[tr]).decision_function(X[te])


def pooled_pages(rows, cols, weights, page_of, n_pages) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(page, column, value)`` triplets of each page's vector: the L2-normalised sum of its
    paragraphs' (L2-normalised) tf-idf vectors, from the paragraph triplets. ``page_of``: the
    page of each paragraph row. The one pooling both the page model's fit and its prediction
    use, so a page is the same vector in both."""
    if len(rows) == 0:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    n_cols = int(cols.max()) + 1
    key, inv = np.unique(page_of[rows].astype(np.int64) * n_cols + cols, return_inverse=True)
    summed = np.bincount(inv, weights=weights)
    pages, pcols = key // n_cols, key % n_cols
    norm = np.sqrt(np.bincount(pages, weights=summed * summed, minlength=n_pages))
    return pages, pcols, summed / np.maximum(norm[pages], 1e-12)


def page_text_scores(rows, cols, weights, page_of, n_pages, coef, intercept) -> np.ndarray:
    """The page-text model's margin of each page, from its paragraphs' tf-idf triplets
    (:func:`pooled_pages`): the same features the paragraph model reads, pooled, so a page costs
    no second pass over its text."""
    pages, pcols, values = pooled_pages(rows, cols, weights, page_of, n_pages)
    return np.bincount(pages, weights=values * coef[pcols], minlength=n_pages) + intercept


def page_kinship(features, paragraphs, flagged, topics=None, bounds=None) -> np.ndarray:
    """:func:`kinship` of one page's paragraphs with its ``flagged`` ones (word tf-idf of the
    fitted :class:`~spamdetect.features.FeatureSpace` ``features``); of many pages' with
    ``bounds`` (as in :func:`page_summaries`). 0 on a page where nothing or everything is
    flagged.

    ``topics``: the paragraphs' :meth:`~spamdetect.features.FeatureSpace.topic_triplets` when
    already computed (:func:`decide_pages` gets them from its one feature pass); otherwise the
    paragraphs of pages where something is flagged and something is not are segmented again.
    """
    flagged = np.asarray(flagged, bool)
    page, n_pages = _page_index(len(flagged), bounds)
    n_flagged = np.bincount(page, weights=flagged, minlength=n_pages)
    mixed = ((n_flagged > 0) & (n_flagged < np.bincount(page, minlength=n_pages)))[page]
    if not mixed.any():
        return np.zeros(len(flagged))
    if topics is None:
        idx = np.flatnonzero(mixed)
        rows, cols, weights = features.topic_triplets(normalize_many([paragraphs[i] for i in idx]))
        topics = (idx[rows], cols, weights)
    return np.where(mixed, kinship(*topics, flagged, bounds), 0.0)


def group_pages(page_ids, positions, idx) -> list[np.ndarray]:
    """The rows ``idx`` grouped into pages by ``page_ids[i]`` (pages in order of first
    appearance), each page's rows in ``positions[i]`` order (ties keep row order)."""
    pages: dict = {}
    for i in idx:
        pages.setdefault(page_ids[i], []).append(i)
    return [np.array(sorted(m, key=lambda i: positions[i]), dtype=int) for m in pages.values()]


# -- the page verdict ---------------------------------------------------------------------------
def page_verdict(texts, is_spam, *, min_chars: int = SUBSTANTIAL, spam_share: float = SPAM_SHARE,
                 min_spam: int = 2, min_substantial: int = MIN_PAGE, promoted: bool = True,
                 whole_page: bool = False) -> str:
    """``clean``, ``infected`` or ``spam_page`` for a page from its paragraphs' spam decisions.

    A page is a ``spam_page`` -- gambling/porn/SEO promotion as a whole, so even its bland
    filler is spam -- when, counting only *substantial* paragraphs (at least ``min_chars``
    characters: menus, dates and one-word captions say nothing about the page), there are at
    least ``min_substantial`` of them, at least ``spam_share`` of them and at least
    ``min_spam`` of them are spam, and the page ``promoted`` something: some paragraph found
    spam has promotion evidence (:func:`has_promotion`). Many gambling words are no promotion:
    a long report on a gambling ring is journalism, whatever share of it reads like the
    subject. ``whole_page``: the :class:`PageModel` judged the page as a whole a promotion page
    (it still needs ``min_substantial`` paragraphs). ``min_spam`` keeps a page with a single bad
    paragraph ``infected``; ``spam_share`` keeps a real article with an injected block
    ``infected``; ``min_substantial`` keeps a two-paragraph page an infected pair. Otherwise the
    page is ``infected`` when any paragraph is spam, else ``clean``.
    """
    lengths = [len(t) for t in texts]
    if is_spam_page(lengths, is_spam, min_chars=min_chars, spam_share=spam_share,
                    min_spam=min_spam, min_substantial=min_substantial) and promoted:
        return "spam_page"
    if whole_page and sum(n >= min_chars for n in lengths) >= min_substantial:
        return "spam_page"
    return "infected" if any(is_spam) else "clean"


def page_labels(texts, is_spam, chrome=None, *, promoted: bool = True,
                whole_page: bool = False) -> tuple[str, list[bool]]:
    """(verdict, is_spam) of a page: on a ``spam_page`` every paragraph is spam but its chrome
    (:func:`is_chrome`: menu items, byline fields, dates, counters). ``chrome``: the page's
    :func:`chrome_mask` when the caller has it; ``promoted``, ``whole_page``: see
    :func:`page_verdict`."""
    verdict = page_verdict(texts, is_spam, promoted=promoted, whole_page=whole_page)
    if verdict == "spam_page":
        chrome = chrome_mask(texts) if chrome is None else chrome
        is_spam = [bool(s) or not c for s, c in zip(is_spam, chrome)]
    return verdict, list(map(bool, is_spam))


# -- the one decision path ----------------------------------------------------------------------
class PageDecision(NamedTuple):
    """What spamdetect decides about one page.

    ``scores``: in-page score of each paragraph; ``in_page``: spam in its page before the
    verdict (paragraph model, page context, clause spans); ``is_spam``: the final label
    (``spam_page``: everything but chrome); ``verdict``; ``spans``: per paragraph, the spam
    :class:`~spamdetect.spans.Span` s (empty for an article paragraph, the whole paragraph
    where no phrase of it can be cut out alone).
    """

    scores: np.ndarray
    in_page: np.ndarray
    is_spam: np.ndarray
    verdict: str
    spans: list


def decide_pages(model, pages, *, threshold: float | None = None, probas=None) -> list[PageDecision]:
    """:class:`PageDecision` of each page (lists of ``str``, in page order): the one decision
    path that :func:`spamdetect.scan_page`, a folder scan, ``score_page(s)``, the training
    evaluation and the benchmark all use.

    ``model``: a fitted :class:`~spamdetect.predictor.Predictor` or
    :class:`~spamdetect.model.SpamClassifier` (whose predictor is used), or any object with
    ``predict_proba`` and ``threshold_`` (then without page context, clause spans or page
    model). With a predictor all pages go through one vectorised feature pass. ``probas``:
    paragraph probabilities per page already computed (skips that scoring).

    A paragraph is spam in its page when the paragraph model alone says so (probability >= the
    threshold), or, on a page around it (:func:`has_context`), the page-context model does, or
    the clause scorer or a rule finds a promotional phrase in it (spread to every occurrence of
    that phrase on the page: :func:`~spamdetect.spans.propagate_spans`) -- except page chrome
    (:func:`is_chrome`), blank text (score 0), structural lines (:func:`is_structural`), jammed
    forum posts (:func:`is_jammed_post`), plain source lines (:func:`is_plain_byline`) and a
    portal's menus of sections (:func:`is_section_line`), which never are. On a page that
    reports (:func:`page_stance`: at least :data:`REPORTING_PAGE` police, court, warning or
    newsroom words per 1,000 characters) the model's score alone flags only paragraphs with
    promotion evidence (:func:`has_promotion`): a crack-down report shares its gambling words
    with spam, not its calls and names; on any page, not a paragraph whose promotion is all
    quoted or told as a report or a warning (:func:`promotes_in_own_voice`), nor one with no
    promotion at all whose every sentence warns or denies the service (:func:`speaks_against`:
    ``不构成任何投注建议``); nor the one paragraph a page flags when only its subject made the
    model flag it (:func:`_lonely_subject`). A line with a betting trade's name that recurs
    through a page about something else (:func:`misplaced_trade_names`) is spam whatever else it
    is, a source line or a footer too. Then the verdict (:func:`page_labels`, with the
    :class:`PageModel` when the model has one, whose promotion page needs a paragraph found spam
    on it). ``threshold`` replaces the paragraph threshold
    of the "alone" test only.
    """
    pages = [list(p) for p in pages]
    flat = [t for page in pages for t in page]
    bounds = np.cumsum([0] + [len(page) for page in pages])
    predictor = getattr(model, "predictor_", model)
    normalized = topics = page_text = None
    if probas is not None:
        proba = np.concatenate([np.zeros(0)] + [np.asarray(p, dtype=float) for p in probas])
    elif not flat:
        proba = np.zeros(0)
    elif hasattr(predictor, "page_pass"):
        proba, normalized, topics, page_text = predictor.page_pass(flat, bounds)
    else:
        proba = np.asarray(model.predict_proba(flat)[:, 1], dtype=float)
    if len(proba) != len(flat):
        raise ValueError(f"{len(proba)} probabilities for {len(flat)} paragraphs")
    if normalized is None:
        normalized = normalize_many(flat)
    if page_text is None and getattr(predictor, "page_model", None) is not None and flat:
        page_text = predictor.page_text_scores(normalized, bounds)
    chrome, blank, never, promo, clause, residue = _evidence(predictor, flat, normalized, bounds)
    # a page of one line has no text of its owner's around a heading: the heading is the page
    # (the corpus's one-line pages are all gambling-SEO tag pages, 滚球的玩法和规则 among them)
    for i in bounds[:-1][np.diff(bounds) == 1]:
        if never[i] and not (chrome[i] or blank[i]) and is_structural(normalized[i]):
            never[i] = False
    ctx = getattr(predictor, "page_context_", None)
    page_model = getattr(predictor, "page_model", None)
    alone_at = float(predictor.threshold_ if threshold is None else threshold)
    lengths = np.array([len(t) for t in flat])
    n_pages = len(pages)
    above = np.full(n_pages, -np.inf)  # each page's page-model margin above its line
    reporting = np.zeros(n_pages)  # each page's reporting density (page_stance's first column)
    if page_model is not None and flat:
        summaries = page_features(logit(proba), lengths, normalized, bounds, promo)
        above = page_model.decision(page_text, summaries) - page_model.threshold_
        reporting = summaries[:, -STANCE_COLUMNS]
        above[np.diff(bounds) == 0] = -np.inf
    elif flat:  # the reporting-page rule below needs no page model
        reporting = page_stance(normalized, bounds, promo)[:, 0]
    if ctx is None:
        all_scores, all_spam = proba.copy(), proba >= alone_at
    else:  # every page at once: the context features are vectorised over pages
        kin = page_kinship(predictor.features, flat, proba >= ctx.paragraph_threshold_, topics, bounds)
        all_scores, all_spam = ctx.decide(proba, lengths, kin, threshold=threshold, bounds=bounds)
    # on a page that reports, gambling words are what the report is about: a paragraph with
    # nothing promoting in it is not spam on its score alone (a phrase or residue still is);
    # on any page, nor is one whose promotion is all quoted or told in a sentence of the police,
    # the courts or a warning (民警发现,群内推送“注册就送88元”等话术,并附上网址,诱导群众下载APP;
    # 未满21岁人士不得进入娱乐场,请负责任博彩)
    reports = reporting >= np.log1p(REPORTING_PAGE)
    all_spam &= promo | ~np.repeat(reports, np.diff(bounds))
    all_spam &= ~_not_own_voice(all_spam, promo, normalized)
    flat_spans = []
    named = np.zeros(len(flat), bool)  # lines with a misplaced trade name
    finds_names = getattr(predictor, "clause_model", None) is not None
    for k, page in enumerate(pages):
        lo, hi = bounds[k], bounds[k + 1]
        found = clause[lo:hi]
        if finds_names and promo[lo:hi].any():  # a promotional name needs promotion on the page
            found = _substituted_names(predictor, page, found, never[lo:hi], normalized[lo:hi])
            spam_here = all_spam[lo:hi] | np.fromiter(map(bool, found), bool, hi - lo)
            found, named[lo:hi] = _misplaced_name_spans(page, found, blank[lo:hi], normalized[lo:hi],
                                                        spam_here)
        flat_spans += propagate_spans(page, found)
    # a line with a misplaced trade name is spam even where a line like it never is: the source
    # line of a state group's news renamed 优游国际 (来源:优游国际环保集团有限公司)
    flat_spam = (all_spam | np.fromiter(map(bool, flat_spans), bool, len(flat)) | residue) & ~never | named
    flat_scores = np.where(residue, 1.0, _with_span_scores(all_scores, flat_spans, blank))
    flat_spam &= ~_lonely_subject(flat_spam, proba, flat_spans, residue, normalized, bounds)
    # the page model's verdict needs a paragraph found spam on the page: a poker-strategy
    # column or a tipster's football preview reads like the trade's pages as a whole, and
    # nothing in any of its paragraphs promotes (issue 8: a spam page needs promotion on it)
    spam_before = np.concatenate([[0], np.cumsum(flat_spam)])  # spam paragraphs before each index
    whole = (above >= 0) & (spam_before[bounds[1:]] > spam_before[bounds[:-1]])
    if page_model is not None:
        whole |= _promotion_pages(above, page_model.margin + EXTRA_RELIEF, flat_spam, flat_scores,
                                  normalized, lengths, bounds, reports)
    # a paragraph with a phrase cut out of real text is infected, not promotion as a whole:
    # a casino name put into every paragraph of a school's news makes no spam page
    partial = _partial_many(predictor, flat, [sp if flag else [] for sp, flag in zip(flat_spans, flat_spam)],
                            alone_at)
    verdicts, labels_of = [], []
    for k, page in enumerate(pages):
        lo, hi = bounds[k], bounds[k + 1]
        spam = flat_spam[lo:hi]
        verdict, labels = page_labels(page, spam & ~partial[lo:hi], chrome[lo:hi] | blank[lo:hi],
                                      promoted=bool((spam & promo[lo:hi]).any()), whole_page=bool(whole[k]))
        labels = np.array(labels, bool) | spam
        if verdict == "clean" and labels.any():
            verdict = "infected"
        verdicts.append(verdict)
        labels_of.append(labels)
    # the spans of all pages at once: one scoring pass for every edge cut of the batch
    final = _final_spans(predictor, flat, np.concatenate([np.zeros(0, bool)] + labels_of),
                         flat_scores, flat_spans, partial,
                         np.repeat(np.array(verdicts, dtype=object), np.diff(bounds)).tolist(), alone_at)
    _residue_spans(flat, residue, final)
    return [PageDecision(flat_scores[lo:hi], flat_spam[lo:hi], labels, verdict, final[lo:hi])
            for lo, hi, labels, verdict in zip(bounds[:-1], bounds[1:], labels_of, verdicts)]


PAGE_LEAN = 0.8  # median in-page score of a page's substantial paragraphs: the page reads as spam
REPORTING_PAGE = 5.0  # _REPORTING hits per STANCE_DENSITY characters: a page that reports


LONELY_AT = 0.85  # paragraph-model probability a page's only flag needs when nothing in it promotes
# an e-mail address: a contact (客服信箱:service@…), no site a line sends its reader to
_EMAIL = re.compile(r"[a-z0-9._-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+")


def _lonely_subject(spam, proba, spans, residue, normalized, bounds) -> np.ndarray:
    """The paragraphs that are the only one flagged on their page, flagged by the paragraph
    model's probability alone (``proba``; no phrase cut, no rule) under :data:`LONELY_AT`, with
    nothing in them that promotes on its own (:func:`_names_or_calls`: no name, call or
    address; an e-mail address or a QQ or WeChat handle is a contact, not one, nor a call that
    names nothing) and no betting venue's trade
    (``_SLOT_TRADE``: a casino's name put in a hospital's place, ``天马娱乐城胸痛中心``). Those are
    not spam.

    A clean page about betting has one paragraph that talks most like spam -- a preview's
    bookmakers' odds, a casino-market-share line, a resort's responsible-gambling footer, a
    mahjong hand's names, a hashtag line --, and the paragraph model reads its subject; injected
    spam promotes, or comes in numbers. The hand-written clean pages (development sets) flagged by
    the fold models of three draws: 14, 13 and 8 fewer of 610 page readings; their infected pages
    found: 1, 1 and 4 fewer of 420 (a breadcrumb's 鲸落电玩城, a firm's 金樽國際). Corpus,
    website-grouped: unchanged on two draws, one infected page fewer on the third (0.9 cost a page
    on each). A game firm's footer (``客服信箱:service@….com.tw © 2024 …娛樂股份有限公司``) was
    flagged for its e-mail's letters in 5 of 5 fold readings of the seventh blind set.

    A page of one paragraph has no clean page around its line to tell a subject from a
    promotion: the corpus's one-line pages are all gambling-SEO tag pages (a lottery how-to title).
    Website-grouped CV: one infected page more found on two draws, nothing else moved."""
    out = np.zeros(len(spam), bool)
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        flagged = np.flatnonzero(spam[lo:hi])
        if len(flagged) != 1 or hi - lo < 2:  # a page of one line: nothing says it is a clean page
            continue
        i = lo + int(flagged[0])
        out[i] = (not spans[i] and not residue[i] and proba[i] < LONELY_AT
                  and not _names_or_calls(_CONTACT.sub(" ", _EMAIL.sub(" ", normalized[i])))
                  and not _one_off_venue(normalized[i], normalized[lo:hi]))
    return out


def _names_or_calls(norm: str) -> bool:
    """Whether normalised text promotes on its own (:func:`has_phrase_promotion`) by more than a
    call that names nothing (:func:`names_nothing`: a resort's ``详情请浏览官网``, a museum's
    ``可在官网预约``): that call is what a page says of its own site, not a name or an address."""
    return any(not names_nothing(norm, m.start(), m.end()) for m in _PHRASE_PROMOTION.finditer(norm))


def _one_off_venue(norm: str, page) -> bool:
    """Whether ``norm`` names a betting venue's trade (``_SLOT_TRADE``: 娱乐城, 棋牌, 百家乐 …)
    other than as the leisure complex the page is about: a 娱乐城 whose name (with the two
    characters before it) stands in two more paragraphs of the page (its normalised
    paragraphs, ``page``) and a page that speaks of cinemas, KTV or rinks (``_LEISURE``) -- a
    shopping complex's 万汇娱乐城 in its opening's report (the ninth blind set's one clean-page
    flag). A casino's name put once into a hospital's line (天马娱乐城胸痛中心), or a card
    site's own 真人棋牌 however often, stays one."""
    for m in _SLOT_TRADE.finditer(norm):
        name = norm[max(0, m.start() - 2):m.end()]
        if not (name.endswith("娱乐城") and len(name) == 5 and sum(name in t for t in page) >= 3
                and any(_LEISURE.search(t) for t in page)):
            return True
    return False


EXTRA_RELIEF = 0.5  # log-odds beyond the page model's margin where promotion pages are still sought


def _promotion_pages(above, relief, spam, scores, normalized, lengths, bounds, reports) -> np.ndarray:
    """Pages the page model puts under its line by no more than ``relief`` (in log-odds: its
    margin and :data:`EXTRA_RELIEF`) that are promotion pages all the same: a paragraph found
    spam on them promotes on its own (:func:`has_phrase_promotion`: a name, a call to action,
    an address), their substantial paragraphs read as spam in their page (median in-page score >=
    :data:`PAGE_LEAN`) and they do not read as reporting (``reports``: the first column of
    :func:`page_stance` at ``log1p(REPORTING_PAGE)`` or more, per page).

    The margin keeps the page model's line above every page with article text at stake, for a
    page judged on its text and scores alone; a page that also shows these is judged on more
    than that. An article under a stuffed porn title reads as news in its page (its median
    stays low); an anti-fraud report quotes the names and calls of the sites it warns of, so a
    flagged phrase proves nothing on a page dense with police, courts and warnings: the
    promotion pages of the corpus have at most 6 such words per 1,000 characters but one (13),
    its two anti-fraud reports 14 and 17.

    The extra half log-odds beyond the margin: the fold models of the cross-validation put a
    corpus Mark Six SEO page 1.96 under the line (its 20 spam lines), and, of the hand-written
    sets, bland SEO pages of the fifth to ninth sets 1.6-2.0 under it; no clean page of the
    corpus or of any set, and no infected article of the corpus, comes in with it. One fold
    model of five calls a hand-written school notice with fake-diploma ads cut in (its title
    flagged for its 毕业证书 subject) a spam page with it, 1.87 under the line.
    """
    out = np.zeros(len(above), bool)
    near = (above < 0) & (above >= -relief) & ~reports
    for k in np.flatnonzero(near):
        lo, hi = bounds[k], bounds[k + 1]
        sub = lengths[lo:hi] >= SUBSTANTIAL
        if sub.sum() < MIN_PAGE or np.median(scores[lo:hi][sub]) < PAGE_LEAN:
            continue
        out[k] = any(has_phrase_promotion(normalized[i]) for i in range(lo, hi) if spam[i])
    return out


def decide_paragraphs(model, texts, *, threshold: float | None = None, proba=None):
    """``(scores, is_spam, spans)`` of paragraphs judged alone -- what :func:`spamdetect.classify`
    reports: the rules of :func:`decide_pages` for a paragraph with no page around it (the
    paragraph model -- unless the paragraph's promotion is all a report's or a warning's -- or a
    clause phrase; never chrome, blank or structural text).

    ``proba``: the paragraph probabilities when the caller has them already.
    """
    texts = list(texts)
    predictor = getattr(model, "predictor_", model)
    normalized = None
    if proba is None and hasattr(predictor, "page_pass") and texts:
        proba, normalized, _, _ = predictor.page_pass(texts)  # one normalisation for both
    elif proba is None:
        proba = np.asarray(model.predict_proba(texts)[:, 1], dtype=float) if texts else np.zeros(0)
    proba = np.asarray(proba, dtype=float)
    if normalized is None:
        normalized = normalize_many(texts)
    _, blank, never, promo, clause, residue = _evidence(predictor, texts, normalized)
    alone_at = float(predictor.threshold_ if threshold is None else threshold)
    scores = np.where(residue, 1.0, _with_span_scores(proba, clause, blank))
    alone = proba >= alone_at
    alone &= ~_not_own_voice(alone, promo, normalized)
    spam = (alone | np.array([bool(sp) for sp in clause], bool) | residue) & ~never
    partial = _partial_many(predictor, texts, [sp if flag else [] for sp, flag in zip(clause, spam)],
                            alone_at)
    final = _final_spans(predictor, texts, spam, scores, clause, partial, "", alone_at)
    return scores, spam, _residue_spans(texts, residue, final)


def _not_own_voice(flagged, promo, normalized) -> np.ndarray:
    """Which ``flagged`` paragraphs speak in no promoting voice: with promotion evidence
    (``promo``), none of it in their own voice (:func:`promotes_in_own_voice`: a report's or a
    warning's); without, every sentence against betting (:func:`speaks_against`: a disclaimer).
    No spam on a score alone. Only the few flagged paragraphs are read."""
    out = np.zeros(len(flagged), bool)
    for i in np.flatnonzero(flagged):
        out[i] = not promotes_in_own_voice(normalized[i]) if promo[i] else speaks_against(normalized[i])
    return out


def _residue_spans(texts, residue, spans) -> list:
    """``spans`` with a residue line's one span over all of it, tags and list bullet included
    (a span trimmed to word characters would leave ``<`` and ``>`` behind)."""
    for i in np.flatnonzero(residue):
        t = texts[i]
        spans[i] = [Span(len(t) - len(t.lstrip()), len(t.rstrip()), 1.0)]
    return spans


def _never_spam_mask(normalized) -> np.ndarray:
    """The lines no decision calls spam, in one pass: structural lines (:func:`is_structural`,
    which training leaves out too), jammed forum posts, plain source lines and a portal's menus
    of sections (decision rules only: training still sees them)."""
    return np.fromiter((is_structural(t) or is_jammed_post(t) or is_plain_byline(t) or is_section_line(t)
                        for t in normalized), bool, len(normalized))


def _evidence(predictor, texts, normalized, bounds=None):
    """What both decision paths read off each paragraph: ``(chrome, blank, never, promo,
    clause spans, residue)``. Chrome, blank text and the lines of :func:`_never_spam_mask`
    (``never``) are never spam, so
    they are not cut into candidate phrases either; ``promo``: promotion evidence; ``residue``:
    hijack markup (:func:`residue_mask`, pages by ``bounds``; default each paragraph alone),
    spam whatever its score."""
    chrome = chrome_mask(texts, normalized)
    blank = blank_mask(texts)
    residue = residue_mask(texts, np.arange(len(texts) + 1) if bounds is None else bounds)
    never = (chrome | blank | _never_spam_mask(normalized)) & ~residue
    promo = np.fromiter(map(has_promotion, normalized), bool, len(texts))
    clause = (predictor.clause_spans(texts, normalized, promo & ~never)
              if getattr(predictor, "clause_model", None) is not None else [[] for _ in texts])
    for i in np.flatnonzero(promo):  # a pitch a report quotes or tells is not cut
        if clause[i]:
            clause[i] = told_in_report(texts[i], quoted_in_report(texts[i], clause[i]))
    for i in np.flatnonzero(~never):  # a betting name where the page names itself, a tip, an offer
        planted = planted_spans(texts[i], normalized[i])
        if planted:
            clause[i] = with_found(clause[i], planted)
    return chrome, blank, never, promo, clause, residue


def _with_span_scores(scores, spans, blank) -> np.ndarray:
    """A paragraph's score is at least its best span's; blank text scores 0."""
    best = [max((s.score for s in sp), default=0.0) for sp in spans]
    return np.where(blank, 0.0, np.maximum(scores, best))


NAME_THRESHOLD = 0.02  # clause-scorer probability at which a recurring name is a substituted one
_EDITION = re.compile(r"\d(?:款|代|型|系列)")  # a product's model year or generation
# a kind of app, no app's name: what an anti-fraud report warns of (赌博App, 网络博彩APP, 贷款app)
_KIND_OF_APP = re.compile(r"(?:网络|手机|非法|正规)?(?:赌博|博彩|彩票|棋牌|贷款|网贷|借贷|购物|游戏|捕鱼|直播|"
                          r"交友|色情|理财|投资|诈骗|刷单|炒股|炒币|虚拟币|荐股)(?:app|apk)")
_MODEL_LABEL = r"(?:型号|型號|货号|貨號|(?<![a-z])model)[ \t\u3000]*[:：]?[ \t\u3000]*"  # 型号:KJ600F-A360


def _substituted_names(predictor, page, spans, skip, normalized):
    """``spans`` of one page, plus every occurrence of a recurring promotional name
    (:func:`~spamdetect.spans.recurring_names`) that the clause scorer gives at least
    :data:`NAME_THRESHOLD`.

    Recurrence is evidence of its own -- a hijack script writes the same name into every
    paragraph, a writer varies the words around a name --, so a name needs only
    :data:`NAME_THRESHOLD`, not the clause threshold a phrase alone must reach. A name found
    three times must have promotion evidence (:func:`has_promotion`); twice is enough for a
    brand-shaped one (:func:`has_brand_name`: ``31357威尼斯`` in two paragraphs of a university's
    news). A product's edition (``汉EV2024款``, ``Mate60代``) is no site's name, nor a name the page
    itself gives as a model number (``型号:KJ600F-A360`` on a product page), nor a kind of app an
    anti-fraud report warns of (``赌博App``, ``贷款APP``). ``normalized``: the page's normalised
    paragraphs.
    """
    names = recurring_names(page)
    if any(map(_BRAND_NAME.search, normalized)):  # the second pass only where it can find one
        names += [n for n in recurring_names(page, min_count=2) if n not in names]
    joined = "\n".join(page)
    names = [n for n, norm in zip(names, normalize_many(names))
             if has_promotion(norm) and not _EDITION.search(norm) and not _KIND_OF_APP.fullmatch(norm)
             and (joined.count(n) >= 3 or has_brand_name(norm))
             and not re.search(_MODEL_LABEL + re.escape(n), joined, re.IGNORECASE)]
    if not names:
        return spans
    proba = predictor.phrase_proba(names)
    accepted = {n: float(p) for n, p in zip(names, proba) if p >= NAME_THRESHOLD}
    if not accepted:
        return spans
    out = []
    for text, sp, no in zip(page, spans, skip):
        found = [] if no else [Span(a, b, accepted[n]) for a, b, n in find_phrases(text, accepted)]
        out.append(with_found(sp, found))
    return out


# A betting venue's trade name, in both scripts: two or three characters, then the trade
_HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")
_TRADE_SUFFIX = re.compile(r"娱乐|娛樂|国际|國際|体育|體育|棋牌|真人|彩票|游艺|遊藝|永利皇宫|永利皇宮|新葡京")
_CASINO_RESORTS = ("永利皇宫", "永利皇宮", "新葡京")  # a resort's name: a page about it is about Macau
# what a page about gaming, lottery or travel says besides the name: there a trade name is the
# page's subject, not a name put in another's place; and about sport for a 体育 name, about show
# business for a 娱乐 one (a school's sports meet is no page about a casino's trade)
_TRADE_SUBJECT = (r"博彩|赌|casino|娱乐场|彩票|彩民|投注|下注|赔率|赛马|马会|百家乐|老虎机|开奖|筹码|荷官|牌桌|"
                  r"扑克|麻将|棋|电竞|游戏|酒店|度假|旅游|景区|澳门|濠|金沙|永利|银河|美高梅|威尼斯|葡京")
_LEISURE = re.compile(r"影院|影城|ktv|乐园|游乐场|溜冰|商业综合体")  # a leisure complex's
_SUBJECT_OF = {
    "体育": re.compile(_TRADE_SUBJECT + r"|足球|篮球|球员|球队|比赛|赛事|联赛|运动|健身|体育"),
    "娱乐": re.compile(_TRADE_SUBJECT + r"|艺人|演员|歌手|电影|综艺|专辑|演唱会|明星|影视|粉丝|出道|" +
                      _LEISURE.pattern),
}
_GAMING_SUBJECT = re.compile(_TRADE_SUBJECT)
_SITE_AFTER = r"(?:官[网網]|官方[网網]站|app|平台)"  # a name written as a site's: no school's or club's
# an institution's own places: its Nth meeting or games, its party committee, its head, its staff and
# students; the page's copyright, breadcrumb and welcome lines
_OWNER_AFTER = r"(?:第[\d一二三四五六七八九十百]+届|党委|校长|院长|全体师生|师生)"
_OWNER_BEFORE = r"(?:版[权權]所有|[当當]前位置|您的位置|[欢歡]迎您?(?:[访訪][问問]|[来來]到))[ \t\u3000]*[:：]?[ \t\u3000]*"
# what follows a firm's legal or trading name (滙峰國際控股有限公司, 星河国际影城): a hijack puts
# its casino's name in place of the short name a page uses (优游国际作为…, 代表优游国际), bare
_FIRM_AFTER = re.compile(r"(?:娱乐|娛樂)?(?:控股|集[团團]|有限|股份|影城|影院|酒店|大[厦廈]|[广廣]场|[商中]心|"
                         r"物流|能源|[环環]保|[实實][业業]|[发發]展|[贸貿]易|投[资資]|科技)")
_PROPER_TAGS = ("ns", "nz", "nt")  # jieba's tags of a place, a proper noun, an organisation


@lru_cache(maxsize=1)
def _proper_names() -> frozenset:
    """The two- and three-character places, proper nouns and organisations of jieba's own
    dictionary (成都, 英皇, 中钢): read once, only when a page has a trade name to test."""
    import jieba

    names = set()
    with jieba.get_dict_file() as f:  # jieba's own dictionary, as bytes: word frequency tag
        for line in f:
            word, *rest = line.decode("utf-8").split()
            if rest and rest[-1] in _PROPER_TAGS and 2 <= len(word) <= 3:
                names.add(word)
    return frozenset(names)


def misplaced_trade_names(page, normalized, spam=None) -> list[str]:
    """Betting venues' trade names (``拓岚娱乐``, ``優游國際``, ``永利皇宫``) that recur through a
    page about something else: a hijack's casino name in place of a hospital's, a school's or a
    state firm's (issue 8 item 4), written in plain Chinese, so :func:`recurring_names`, which
    grows names from letters and digits, never sees it.

    A name is two or three characters and a trade (娱乐, 国际, 体育, 棋牌, 真人, 彩票, 游艺), or a
    Macau resort's, in at least two paragraphs of ``page`` (raw text; ``normalized``: the same,
    normalised); not a place, a proper noun or an organisation of jieba's dictionary (成都国际,
    英皇娱乐, 中钢国际); and with every occurrence taken out, the page says nothing of gaming,
    lottery or travel (``_TRADE_SUBJECT``), nor of sport for a 体育 name or of show business or a
    leisure complex's cinema, KTV and rink for a 娱乐 one (``_SUBJECT_OF``): a report on 银河娱乐's
    revenue, a football club's 海南体育, a talent agency in celebrity news, a 娱乐城 shopping
    complex's opening are about their trade; a school's sports meet under a
    casino's name (盛世娱乐举行秋季田径运动会) is not. Corpus:
    three infected pages of two websites (a state energy group named 优游国际 and 永利皇宫), no
    clean page; a hydropower report's 金沙江 is why bare casino words (金沙, 葡京, 威尼斯人) are no
    names here.

    ``spam``: which paragraphs are found spam already (a block of betting ads): what they say of
    gaming is the hijack's, not the page's, so they are left out of the subject test. A name
    written as a site's in two places (``星耀体育官网举行运动会``: 官网, 平台 or app after it) is no
    club's or desk's, so only gaming makes it a page's subject. Both from the eighth blind set's
    reading: a city paper renamed 鼎鑫娱乐 beside a betting block, a school renamed 星耀体育官网 (fold
    readings of its infected pages 276 -> 304 spam lines, the seventh set's 422 -> 449; no clean
    page of any set or of the corpus moved).

    A name followed everywhere on the page by a firm's form (``控股``, ``集团``, ``有限``, ``影城``,
    ``酒店`` …: ``恒岳國際控股有限公司``) is the page's own firm by its legal or trading name: a
    hijack writes its casino's name bare where the page used a short name (``代表优游国际``). A Hong
    Kong logistics group's investor page (three ``…國際控股有限公司``) was cut before; of the
    hand-written infected pages' and the corpus's 33 names, none is always so followed.

    A name that stands twice in an institution's own places (``_OWNER_AFTER``, ``_OWNER_BEFORE``:
    ``乐鑫体育第二十六届秋季田径运动会``, ``版权所有:乐鑫体育``) is the institution's: only gaming makes
    it the page's subject, as for a site's name (the eleventh blind set: a school renamed 乐鑫体育
    on its sports meet's report, whose sport hid it)."""
    if not any(map(_TRADE_SUFFIX.search, page)):
        return []
    seen = {}  # name -> paragraphs it is in
    for i, text in enumerate(page):
        for m in _TRADE_SUFFIX.finditer(text):
            if m.group() in _CASINO_RESORTS:
                seen.setdefault(m.group(), set()).add(i)
                continue
            for before in (2, 3):  # the characters before the trade
                if m.start() >= before and _HAN_RUN.fullmatch(text, m.start() - before, m.start()):
                    seen.setdefault(text[m.start() - before:m.end()], set()).add(i)
    names = []
    joined = "\n".join(page)
    for name, paragraphs in seen.items():
        if len(paragraphs) < 2:
            continue
        longer = [n for n in seen if len(n) > len(name) and n.endswith(name)]
        if any(joined.count(n) == joined.count(name) for n in longer):
            continue  # the longer name is the one (富贵星娱乐, not 贵星娱乐)
        if name not in _CASINO_RESORTS:
            shorter = [n for n in seen if len(n) < len(name) and name.endswith(n) and len(seen[n]) >= 2]
            if any(joined.count(n) > joined.count(name) for n in shorter):
                continue  # a word before the name (代表优游国际): the shorter one is the name
        names.append(name)
    out = []
    said = "\n".join(t for k, t in enumerate(normalized) if spam is None or not spam[k])  # its own text
    for name in names:
        if all(_FIRM_AFTER.match(joined, m.end()) for m in re.finditer(re.escape(name), joined)):
            continue  # the page's own firm, by its full name wherever it names it
        norm = normalize_text(name)
        site = len(re.findall(re.escape(name) + _SITE_AFTER, joined)) >= 2  # 星耀体育官网举行运动会
        # a name in an institution's own places twice (乐鑫体育第二十六届运动会, 版权所有:乐鑫体育) is
        # the institution's, which no sport's or show's news makes a club or a desk
        owner = len(re.findall(re.escape(name) + _OWNER_AFTER, joined)) + \
            len(re.findall(_OWNER_BEFORE + re.escape(name), joined)) >= 2
        subject = _GAMING_SUBJECT if site or owner else _SUBJECT_OF.get(norm[-2:], _GAMING_SUBJECT)
        if subject.search(said.replace(norm, "")):
            continue  # the page is about the trade
        if name in _CASINO_RESORTS:
            out.append(name)
            continue
        prefix = norm[:-2]  # every trade is two characters
        if not (_TRADE_SUFFIX.search(prefix) or prefix in _proper_names()
                or prefix[-2:] in _proper_names()):  # not 体育|彩票, 成都|国际, 与成都|国际
            out.append(name)
    return out


def _misplaced_name_spans(page, spans, skip, normalized, spam=None):
    """``(spans, named)`` of one page: ``spans`` plus every occurrence of a
    :func:`misplaced_trade_names` name (score 1.0, as the other rules' finds) outside the ``skip``
    lines, and which lines have one."""
    names = misplaced_trade_names(page, normalized, spam)
    named = np.zeros(len(page), bool)
    if not names:
        return spans, named
    out = []
    for i, (text, sp, no) in enumerate(zip(page, spans, skip)):
        found = [] if no else [Span(a, b, 1.0) for a, b, _ in find_phrases(text, names)]
        named[i] = bool(found)
        out.append(with_found(sp, found))
    return out, named


EDGE_PIECES = 4  # pieces an appended or prefixed promotion may span


SEAM_CHARS = 4  # characters on each side of a cut that must not promote anything


def _seams(text, spans) -> str:
    """The text on both sides of each cut: where a promotion glued to its phrase would be."""
    return "|".join(text[max(0, s.start - SEAM_CHARS):s.start] + "|" + text[s.end:s.end + SEAM_CHARS]
                    for s in spans)


REST_AT = 0.5  # the paragraph probability under which what is left of a cut paragraph is real text


def _reads_as_article(predictor, rests, alone_at, seams=None, phrase_left=None) -> np.ndarray:
    """Which of the texts left after a cut are real text: something left (not ``None``), the
    paragraph model finds it more likely article than spam (probability under
    :data:`REST_AT`, or the paragraph threshold when that is lower), and no promotion is left
    in it. One scoring pass.

    Not merely under the paragraph threshold: that line is drawn for a false-positive budget,
    and a rest scoring just under it (``多地发布高温预警,体育投注官网下载`` at 0.79) is promotion a
    cleaner would keep; a rest that is real text scores far lower.

    Promotion evidence (:func:`has_promotion`) is a gate, not a verdict -- 体育 or 国际 are in
    real news --, so with a clause scorer a rest that has some is still real text when no
    phrase the clause scorer flagged in the paragraph is left in it (``phrase_left``) and
    nothing promotional touches a cut (``seams``, from :func:`_seams`: a ``首次登录`` left glued
    to a cut ``送91元红包`` is part of the promotion). Without them (or a clause scorer) any
    promotion evidence in the rest fails it.
    """
    ok = np.array([r is not None for r in rests], bool)
    if not ok.any():
        return ok
    idx = np.flatnonzero(ok)
    promo = np.zeros(len(rests), bool)
    promo[idx] = np.fromiter(map(has_promotion, normalize_many([rests[i] for i in idx])), bool, len(idx))
    if phrase_left is not None:  # a flagged phrase left (in part) outside the cut: no real text
        ok &= ~np.asarray(phrase_left, bool)
    if getattr(predictor, "clause_model", None) is None or seams is None:
        ok &= ~promo
    elif promo.any():
        which = np.flatnonzero(promo)
        glued = np.fromiter(map(has_promotion, normalize_many([seams[i] for i in which])), bool, len(which))
        ok[which] &= ~glued
    if hasattr(predictor, "predict_proba") and ok.any():
        still = np.flatnonzero(ok)
        ok[still] = predictor.predict_proba([rests[i] for i in still])[:, 1] < min(alone_at, REST_AT)
    return ok


def _partial_many(predictor, texts, spans, alone_at) -> np.ndarray:
    """For each paragraph, whether cutting its ``spans`` out leaves real text
    (:func:`_reads_as_article`): then it was real text with a phrase put in (``mixed``) and a
    cleaner keeps the rest; otherwise it is spam as a whole (its other words are camouflage or
    promotion too). ``False`` where there are no spans."""
    from .spans import cut_spans

    rests = [cut_spans(t, sp) if sp else None for t, sp in zip(texts, spans)]
    seams = [_seams(t, sp) if sp else "" for t, sp in zip(texts, spans)]
    return _reads_as_article(predictor, rests, alone_at, seams)  # every flagged phrase is cut


def _edge_cuts(predictor, texts, alone_at, spans=None) -> list:
    """For each paragraph, the promotion appended to (or put in front of) its real text, as one
    span, or ``[]``.

    Most injected phrases stand at an edge: a byline ending in ``首次登录送91元红包``, a headline
    with ``-哪个app可以买足球比赛`` after it, ``beat365在线体育`` before a sentence. For a paragraph
    spam as a whole, the shortest run of up to :data:`EDGE_PIECES` pieces at its end or start
    is cut when the cut part has promotion evidence and what is left reads as article
    (:func:`_reads_as_article`: ``spans``, the phrases flagged in each paragraph, must not be
    left outside the cut); no such cut, and the whole paragraph stays the span. All cuts of
    all paragraphs are scored in one pass.
    """
    from .spans import Span, _trim, cut_spans, pieces

    owners, cuts = [], []
    for j, text in enumerate(texts):
        ps = pieces(text)
        mine = []
        for k in range(1, min(EDGE_PIECES, len(ps) - 1) + 1):
            mine.append((ps[-k][0], len(text)))  # a tail
            mine.append((0, ps[k][0]))  # a head
        mine.sort(key=lambda c: c[1] - c[0])  # stable: the tail first of equal lengths
        owners += [j] * len(mine)
        cuts += mine
    out: list = [[] for _ in texts]
    if not cuts or not hasattr(predictor, "predict_proba"):
        return out
    parts = [texts[j][a:b] for j, (a, b) in zip(owners, cuts)]
    promoted = np.fromiter(map(has_promotion, normalize_many(parts)), bool, len(parts))
    rests, seams, left = [], [], []
    for j, (a, b), ok in zip(owners, cuts, promoted):
        cut = [Span(a, b, 1.0)]
        rests.append(cut_spans(texts[j], cut) if ok else None)
        seams.append(_seams(texts[j], cut) if ok else "")
        left.append(spans is not None and any(s.start < a or s.end > b for s in spans[j]))
    good = _reads_as_article(predictor, rests, alone_at, seams, left)
    chosen = {}
    for c, j in enumerate(owners):
        if good[c] and j not in chosen:
            chosen[j] = c
    if chosen:
        picked = list(chosen.items())
        proba = predictor.predict_proba([parts[c] for _, c in picked])[:, 1]
        for (j, c), p in zip(picked, proba):
            s, e = _trim(texts[j], *cuts[c])
            out[j] = [Span(s, e, float(p))]
    return out


def _final_spans(predictor, texts, labels, scores, spans, partial, verdict, alone_at) -> list:
    """The spans each paragraph reports: none for an article, the whole paragraph on a
    ``spam_page``, the phrases of a mixed paragraph, else an edge cut (:func:`_edge_cuts`) or
    the whole paragraph. ``verdict``: the page verdict of every paragraph (a list, so the
    paragraphs of many pages go in one call), or one for all."""
    if isinstance(verdict, str):
        verdict = [verdict] * len(texts)
    need = [i for i in range(len(texts))
            if labels[i] and verdict[i] != "spam_page" and not partial[i]]
    edges = dict(zip(need, _edge_cuts(predictor, [texts[i] for i in need], alone_at,
                                      [spans[i] for i in need])))
    out = []
    for i, text in enumerate(texts):
        if not labels[i]:
            out.append([])
        elif verdict[i] != "spam_page" and partial[i]:
            out.append(spans[i])
        else:
            out.append(edges.get(i) or whole_span(text, scores[i]))
    return out


def page_scores(model, pages, *, threshold: float | None = None, probas=None) -> list:
    """(in-page scores, is_spam) of the paragraphs of each page, before the page verdict: the
    ``scores`` and ``in_page`` of :func:`decide_pages`."""
    return [(d.scores, d.in_page) for d in decide_pages(model, pages, threshold=threshold,
                                                        probas=probas)]
