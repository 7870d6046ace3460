"""Hand-written Chinese paragraphs and a tiny fitted model for the page and scan tests.

All text here is written for the tests (no corpus text). The model is a real ``SpamClassifier``
fitted on these few dozen paragraphs: fast (well under a second) and good enough to tell the
obvious spam below from the articles, which is all the page/scan plumbing tests need.
"""

from __future__ import annotations

import copy
from functools import lru_cache

ARTICLE = [
    "市气象台今天发布消息,受冷空气影响,本周末全市将出现明显降温,最低气温降至零下三度。",
    "记者从市教育局获悉,今年秋季学期全市新增中小学学位一万两千个,主要分布在城区东部。",
    "该公司第三季度营业收入同比增长百分之十二,净利润较去年同期有所下降。",
    "专家建议,老年人冬季锻炼应避开清晨低温时段,运动前做好热身准备。",
    "地铁五号线南延段预计明年年底通车,沿线将设置六座车站。",
    "图书馆将于下月起延长开放时间,周末闭馆时间推迟到晚上九点。",
    "警方提醒市民,近期冒充客服的电信诈骗案件多发,切勿向陌生账户转账。",
    "公安机关破获一起利用境外网站组织网络赌博的案件,抓获犯罪嫌疑人十五名。",
    "本届运动会共有来自全省各地的两千余名运动员参加,比赛项目涵盖田径和游泳。",
    "农业农村部门介绍,今年全省粮食总产量再创新高,秋粮收购工作有序进行。",
    "这家老字号餐馆已经营业六十年,招牌菜是红烧肉和清蒸鱼。",
    "研究人员发现,每天保持七小时左右的睡眠有助于提高记忆力。",
    "小区物业表示,电梯改造工程将在春节前完成,施工期间请居民注意安全。",
    "博物馆新展出的青铜器来自西周时期,吸引了大批市民前来参观。",
    "中国福利彩票发行管理中心公告,本期开奖结果已经公证人员监督确认。",
    "责任编辑:王明",
    "2024-03-18 09:30 来源:本报讯",
    "首页 > 新闻 > 社会",
]

SPAM = [
    "百家乐登录官网首次登录送88元红包,真人娱乐在线体育下载。",
    "太阳城官网是多少?365bet滚球盘网址最新入口,注册即送彩金。",
    "澳门葡京赌场线上开户,时时彩计划免费分享,天天返水百分之一点五。",
    "亚洲AV一区二区三区在线观看_国产精品免费视频_日韩无码高清",
    "午夜福利视频免费看_成人在线观看_无码高清中文字幕",
    "传奇私服新开一秒一区,装备全靠打,散人也能玩。",
    "办证刻章电话,各类证件快速办理,诚信可靠。",
    "体育投注平台推荐,足球串关赔率最高,充值秒到账。",
    "北京赛车pk10计划群,彩票平台注册送38元,稳赚不赔。",
    "时事1:bet365体育在线下载 百家乐平台官网 太阳城娱乐登录",
    "新葡京娱乐城官方网址,老虎机真人荷官在线发牌。",
    "AG真人百家乐技巧,必胜打法,日赚三千不是梦。",
]


@lru_cache(maxsize=None)
def _fitted_once():
    from spamdetect.model import SpamClassifier

    texts = ARTICLE + SPAM
    labels = ["article"] * len(ARTICLE) + ["spam"] * len(SPAM)
    return SpamClassifier(min_df=1).fit(texts, labels)


def tiny_model():
    """A real SpamClassifier fitted on the paragraphs above: a private copy for each caller.

    Fitting happens once per session; every call returns a deep copy, so a test that sets
    ``page_context_`` or a threshold on its model cannot change what another test sees
    (with one shared instance, results depended on the order tests ran in).
    """
    return copy.deepcopy(_fitted_once())


def news_html(extra_body: str = "", *, charset: str | None = "utf-8", title: str = "本市新闻") -> str:
    """A small clean news page, with ``extra_body`` inserted before the footer."""
    meta = f'<meta charset="{charset}">' if charset else ""
    paras = "".join(f"<p>{t}</p>" for t in ARTICLE[:6])
    return (f"<!DOCTYPE html><html><head>{meta}<title>{title}</title></head><body>"
            f"<div id=\"content\"><h1>{title}</h1>{paras}</div>{extra_body}"
            f"<div class=\"footer\">{ARTICLE[15]}</div></body></html>")


class CrashingModel:
    """Wraps a model; kills the (worker) process outright on a paragraph containing ``CRASH``.

    Stands for a worker that dies hard (segfault in a C extension, OOM kill): no exception,
    just a dead process.
    """

    def __init__(self, model):
        self.model = model
        self.threshold_ = model.threshold_
        self.classes_ = model.classes_

    def predict_proba(self, texts):
        import os

        if any("CRASH" in t for t in texts):
            os._exit(3)
        return self.model.predict_proba(texts)


def planted(text: str) -> bool:
    """Whether a rule of the page pipeline (not the model) makes ``text`` spam: a betting name
    where a page names itself, a Mark Six tip phrase, a black-market offer. Such a line is spam
    whatever the thresholds (``传奇私服新开一秒一区`` of SPAM is one)."""
    from spamdetect.context import planted_spans
    from spamdetect.normalize import normalize_text

    return bool(planted_spans(text, normalize_text(text)))
