"""Spam spans: the injected phrase inside a paragraph, as offsets into the original text.

All text here is written for the tests. The model is a real ``SpamClassifier`` with its clause
scorer, fitted on a few dozen hand-written paragraphs and phrases.
"""

from functools import lru_cache

import numpy as np
import pytest

from pagekit import ARTICLE, SPAM
from spamdetect import classify, classify_many, clean_text
from spamdetect.spans import Span, candidates, cut_spans, pick_spans, pieces, propagate_spans

PROMOS = ["首次登录送88元红包", "百家乐登录官网", "太阳城官网入口", "注册即送38元彩金", "bet365体育在线下载",
          "新葡京娱乐城官方网址", "澳门金沙官网注册", "真人娱乐平台登录"]
# real sentences with a promotion put in front, in the middle, at the end
MIXED = [
    ("记者 张三 报道", "首次登录送88元红包", "end"),
    ("市教育局今天召开全市中小学安全工作会议", "百家乐登录官网", "start"),
    ("本周末全市将出现明显降温,最低气温降至零下三度", "太阳城官网入口", "middle"),
    ("地铁五号线南延段预计明年年底通车,沿线将设置六座车站", "注册即送38元彩金", "end"),
]


def _join(sentence, phrase, where):
    if where == "start":
        return phrase + sentence, (0, len(phrase))
    if where == "end":
        return sentence + phrase, (len(sentence), len(sentence) + len(phrase))
    cut = sentence.index(",") + 1
    text = sentence[:cut] + phrase + sentence[cut:]
    return text, (cut, cut + len(phrase))


@lru_cache(maxsize=None)
def _model():
    from spamdetect.model import SpamClassifier

    texts, labels, spans = [], [], []
    for t in ARTICLE:
        texts.append(t), labels.append("article"), spans.append(None)
    for t in SPAM + PROMOS:
        texts.append(t), labels.append("spam"), spans.append(None)
    for sentence, phrase, where in MIXED:
        text, span = _join(sentence, phrase, where)
        texts.append(text), labels.append("spam"), spans.append([span])
    return SpamClassifier(min_df=1, clause_model=True).fit(texts, labels, spans=spans)


@pytest.fixture(scope="module")
def model():
    return _model()


# -- pieces and candidates: where injected text is joined to real text ----------------------------
def test_pieces_cut_at_punctuation_script_changes_and_promotional_joins():
    text = "金莎9159游艺场官网在东校区举行运动会,记者 张三 报道首次登录送91元红包"
    got = [text[s:e] for s, e in pieces(text)]
    assert got[:5] == ["金莎", "9159", "游艺场", "官网", "在东校区举行运动会"]
    assert "报道" in got and "首次登录" in got and "91" in got


def test_candidates_see_a_brand_cut_apart_by_brackets_whole():
    text = "开云(中国)Kaiyun官方网站作为装备制造业的央企"
    assert "开云(中国)Kaiyun" in [text[s:e] for s, e in candidates(text)]


def test_pick_spans_keeps_the_tightest_flagged_window_and_merges_neighbours():
    text = "市教育局召开会议,百家乐登录官网,太阳城"
    # 百家乐 (9, 12), 百家乐登录官网 (9, 16), 登录官网 (12, 16), 太阳城 (17, 20)
    offsets = [(0, 8), (9, 12), (9, 16), (12, 16), (17, 20), (0, 12)]
    scores = [0.1, 0.9, 0.95, 0.2, 0.8, 0.6]
    spans = pick_spans(text, offsets, scores, 0.5)
    # (9, 16) scores above the (9, 12) inside it: 登录官网 is part of the phrase; (0, 12) does
    # not, so the meeting is not; 9-16 and 17-20 are one comma apart: one span
    assert spans == [Span(9, 20, 0.95)]
    assert text[9:20] == "百家乐登录官网,太阳城"
    assert pick_spans(text, offsets, scores, 0.999) == []


def test_cut_spans_keeps_the_sentence_and_drops_what_is_not_text():
    byline = "记者 张三 报道首次登录送91元红包"
    assert cut_spans(byline, [Span(8, len(byline), 1.0)]) == "记者 张三 报道"
    assert cut_spans("百家乐,报道", [Span(0, 3, 1.0)]) is None  # two characters are no text
    text = "市教育局,百家乐登录官网,今天召开会议"
    assert cut_spans(text, [Span(5, 12, 1.0)]) == "市教育局今天召开会议"


def test_propagate_spans_marks_every_occurrence_of_a_flagged_phrase():
    page = ["金莎9159官网举行秋季运动会", "本届运动会由金莎9159官网团委主办", "运动会圆满结束"]
    spread = propagate_spans(page, [[Span(0, 8, 0.9)], [], []])
    assert spread[1] == [Span(6, 14, 0.9)] and page[1][6:14] == "金莎9159官网"
    assert spread[2] == []
    # a whole paragraph is a decision about that paragraph, not a phrase to spread
    assert propagate_spans(["百家乐", "玩百家乐"], [[Span(0, 3, 1.0)], []])[1] == []


# -- the clause scorer through classify ----------------------------------------------------------
@pytest.mark.parametrize("sentence,phrase,where", [
    ("记者 李四 报道", "首次登录送88元红包", "end"),
    ("市气象台今天发布消息", "百家乐登录官网", "start"),
    ("受冷空气影响,本周末全市将出现明显降温", "太阳城官网入口", "middle"),
])
def test_a_phrase_at_the_start_middle_or_end_is_a_span(model, sentence, phrase, where):
    text, (start, end) = _join(sentence, phrase, where)
    r = classify(text, model=model)
    assert r.label == "spam"
    assert r.spans, r
    covered = set()
    for s, e, _ in r.spans:
        covered |= set(range(s, e))
    phrase_chars = set(range(start, end))
    assert len(covered & phrase_chars) >= 0.6 * len(phrase_chars)  # most of the phrase
    assert len(covered - phrase_chars) <= 3  # and hardly anything of the sentence


@pytest.mark.parametrize("disguise", [
    lambda p: "\u200b".join(p),                       # zero-width characters between letters
    lambda p: p.replace("百家乐", "百家樂").replace("登录", "登錄").replace("官网", "官網"),  # Traditional
    lambda p: p.replace("百家乐", "百 家 乐"),          # spaced out
    lambda p: p.replace("官网", "官网").translate(str.maketrans("0123456789", "０１２３４５６７８９")),
])
def test_offsets_point_into_the_original_text_through_normalisation(model, disguise):
    phrase = disguise("百家乐登录官网")
    sentence = "市气象台今天发布消息,本周末全市将出现明显降温。"
    text = sentence + phrase
    r = classify(text, model=model)
    assert r.label == "spam" and r.spans
    s, e, _ = r.spans[-1]
    # the span is the disguised phrase as the page has it, not a piece of the normalised text
    assert text[s:e].strip() and text[s:e] in phrase
    assert len(text[s:e]) >= 0.6 * len(phrase)


def test_a_paragraph_that_is_spam_as_a_whole_has_one_span_over_it(model):
    text = "太阳城官网是多少?365bet滚球盘网址最新入口,注册即送彩金。"
    r = classify(text, model=model)
    assert r.label == "spam"
    assert len(r.spans) == 1 and r.spans[0][0] == 0 and r.spans[0][1] >= len(text) - 1


def test_an_article_has_no_span(model):
    for r in classify_many(ARTICLE[:12], model=model):
        assert r.label == "article" and r.spans == ()


def test_clean_text_cuts_the_promotion_and_keeps_the_journalism(model):
    page = "\n".join([ARTICLE[0], ARTICLE[1], "记者 李四 报道首次登录送88元红包", ARTICLE[2]])
    cleaned = clean_text(page, model=model).splitlines()
    assert cleaned[:2] == [ARTICLE[0], ARTICLE[1]] and cleaned[-1] == ARTICLE[2]
    assert cleaned[2].startswith("记者 李四 报道") and "红包" not in cleaned[2]
    assert clean_text("", model=model) == ""
    with pytest.raises(TypeError):
        clean_text(b"bytes", model=model)


def test_find_phrases_finds_what_a_longest_first_alternation_finds():
    import random
    import re

    from spamdetect.spans import find_phrases

    rnd = random.Random(0)
    for _ in range(500):
        text = "".join(rnd.choice("金沙官网ab1") for _ in range(rnd.randint(0, 30)))
        phrases = {"".join(rnd.choice("金沙官网ab1") for _ in range(rnd.randint(1, 4))) for _ in range(3)}
        pattern = re.compile("|".join(map(re.escape, sorted(phrases, key=len, reverse=True))))
        assert find_phrases(text, phrases) == [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)]


def test_page_wide_searches_take_the_most_telling_phrases_and_names_of_a_hostile_page():
    """A page with thousands of distinct letter runs or flagged phrases (a hostile one: real
    pages have at most 70 runs) is searched for the most frequent runs and the best-scoring
    phrases only, so the search stays bounded; the names and phrases that matter still spread."""
    from spamdetect.spans import MAX_PAGE_ANCHORS, MAX_PAGE_PHRASES, Span, propagate_spans, recurring_names

    noise = [f"编号x{i:05d}q的设备今天完成检修。" for i in range(3 * MAX_PAGE_ANCHORS)]
    named = ["昨日金莎9159官网举行秋季运动会。", "上周金莎9159官网召开会议。", "近日金莎9159官网发布通知。"]
    page = noise[:100] + named + noise[100:]
    assert len(set(noise)) > MAX_PAGE_ANCHORS and "金莎9159官网" in recurring_names(page)
    texts = [f"第{i}段文字 zz{i:04d}yy 正文内容在此" for i in range(2 * MAX_PAGE_PHRASES)]
    spans = [[Span(5, 15, 0.5 + i / 1000)] for i in range(len(texts))]  # later ones score higher
    texts.append(" ".join(t[5:15] for t in texts))  # every phrase once more, in one paragraph
    spans.append([])
    out = propagate_spans(texts, spans)
    spread = {texts[-1][s.start:s.end] for s in out[-1]}
    best = {t[5:15] for t in texts[MAX_PAGE_PHRASES:-1]}
    assert spread == best


def test_pick_spans_keeps_the_smallest_windows_of_a_long_paragraph():
    """Thousands of flagged windows in one paragraph: each window that holds a smaller flagged
    window scoring as high is dropped, so what is left is the phrase itself, every time (the
    containment check looks only at windows starting inside a window)."""
    from spamdetect.spans import pick_spans

    unit = "今天会议召开,百家乐官网,会议结束。"
    text = unit * 3000
    offsets, scores = [], []
    for k in range(3000):
        at = k * len(unit)
        first, phrase, rest = (at, at + 6), (at + 7, at + 12), (at + 13, at + 17)
        offsets += [first, phrase, rest, (first[0], phrase[1]), (phrase[0], rest[1])]
        scores += [0.1, 0.9, 0.1, 0.9, 0.8]
    spans = pick_spans(text, offsets, scores, 0.5)
    assert len(spans) == 3000 and {text[s.start:s.end] for s in spans} == {"百家乐官网"}


def test_a_call_to_the_official_site_that_names_nothing_is_no_phrase(model, monkeypatch):
    """``官网`` alone is what a museum's or a railway's page says of its own site; glued to a
    betting trade (``鸿运体育官网``, the name a piece of its own) it is the injected call."""
    predictor = model.predictor_
    monkeypatch.setattr(predictor, "phrase_proba",
                        lambda phrases: np.array([0.9 if p in ("官网", "官方App", "私服", "登录", "下载", "入口", "官方入口")
                                                  else 0.0 for p in phrases]))
    texts = ["参观需提前在官网预约,每日限额三千人。", "购票可登录官方App,也可到现场窗口购买。",
             "架设网游“私服”牟利百余万元 一男子获刑",  # a black-market service's bare name: what a report says
             "网友评论 登录后参与评论 查看全部326条评论>>",  # a comment box's button: forum UI
             "来源:鸿运体育官网 编辑:郭振宇", "本文来自乐通棋牌 官网 发布时间:2023-11-20",
             "鸿运体育 下载",
             "肥肉炖到软烂,入口即化,配着瘦肉吃不柴。", "鸿运体育 入口",  # an entrance, a recipe's word
             "蓝鲸app 官方入口", "贝博网页登录入口"]  # after a call, the call's
    spans = predictor.clause_spans(texts, promoted=[True] * len(texts))
    assert [[t[s.start:s.end] for s in sp] for t, sp in zip(texts, spans)] == \
        [[], [], [], [], ["官网"], ["官网"], ["下载"], [], ["入口"], ["官方入口"], ["入口"]]


def test_with_found_keeps_what_overlaps_nothing_in_order():
    """The found spans that touch none of the spans already there join them, in order; one that
    overlaps any of them (however far back its start lies) is dropped; touching ends do not
    overlap."""
    from spamdetect.spans import Span, with_found

    spans = [Span(10, 40, 0.9), Span(12, 15, 0.5), Span(60, 70, 0.8)]
    found = [Span(0, 10, 1.0), Span(39, 45, 1.0), Span(41, 50, 1.0), Span(55, 61, 1.0), Span(70, 75, 1.0)]
    assert with_found(spans, found) == sorted(spans + [Span(0, 10, 1.0), Span(41, 50, 1.0), Span(70, 75, 1.0)])
    assert with_found([], found[:2]) == found[:2] and with_found(spans, []) == spans
