"""A fitted model as plain arrays: everything prediction needs, and nothing that slows a start.

:class:`Predictor` scores paragraphs with numpy alone (no scikit-learn, no scipy import), so
``classify`` answers within a second of a cold interpreter and batch scans do no sparse-matrix
bookkeeping. :class:`~spamdetect.model.SpamClassifier` builds one when it is fitted or loaded
and delegates its ``predict*`` methods to it, so both paths give identical numbers.

Also here: the page-context stage (:class:`PageContext`) and threshold selection, which the
predictor needs at prediction time too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .features import FeatureSpace
from .normalize import normalize_many

__all__ = ["Predictor", "PageContext", "page_context_features", "kinship", "choose_threshold",
           "binary_metrics", "is_bare_number", "is_chrome", "chrome_mask"]


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def choose_threshold(scores: np.ndarray, y: np.ndarray, target_fpr: float) -> float:
    """The lowest score threshold whose false-positive rate on ``y == 0`` is <= ``target_fpr``.

    Lowest, so recall is as high as the precision budget allows. A paragraph is spam when its
    score is >= the threshold.
    """
    neg = np.sort(np.asarray(scores)[np.asarray(y) == 0])[::-1]
    if len(neg) == 0:
        return 0.5
    allowed = int(np.floor(target_fpr * len(neg) + 1e-9))  # negatives allowed at or above it
    if allowed >= len(neg):
        return float(neg[-1])
    return float(np.nextafter(neg[allowed], np.inf))


def binary_metrics(y_true, y_pred) -> dict:
    """Confusion counts, spam precision/recall/F1 and the article false-positive rate."""
    y_true = np.asarray(y_true, bool)
    y_pred = np.asarray(y_pred, bool)
    tp = int(np.sum(y_true & y_pred))
    fp = int(np.sum(~y_true & y_pred))
    fn = int(np.sum(y_true & ~y_pred))
    tn = int(np.sum(~y_true & ~y_pred))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall,
            "f1": f1, "article_fpr": fp / (fp + tn) if fp + tn else 0.0}


# -- page context -----------------------------------------------------------------------------
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
# templates; structural words of an article's own text (导语, 引言, 摘要) are not chrome.
_CHROME_WORDS = frozenset("""
    首页 网站首页 主页 返回 顶部 上一篇 下一篇 上一页 下一页 上一条 下一条 更多 查看 全部 列表 目录
    导航 当前 位置 您的 所在 栏目 频道 专题 搜索 分类 新闻 资讯 动态 中心 公司 行业 企业 案例 产品
    服务 解决方案 关于 我们 联系 方式 简介 文化 荣誉 资质 招聘 人才 加入 留言 留言板 帮助 客服 在线
    网站 地图 友情 链接 合作 伙伴 作者 来源 编辑 责编 责任 发布 时间 日期 更新 阅读 阅读数 阅读量
    数量 浏览 浏览量 次数 点击 点击量 点击数 人气 评论 评论数 分享 分享到 收藏 点赞 打印 关闭 窗口
    字号 大 中 小 默认 标签 关键词 相关 文章 推荐 热门 最新 正文 原文 本文 版权 所有 声明 免责 隐私
    政策 备案 备案号 电话 邮箱 地址 传真 邮编 微信 扫一扫 二维码 关注 次 人 条 篇 页 年 月 日
""".split())
_CHROME_LATIN = frozenset("""
    home index menu nav top back next prev previous more all list search tags tag category news
    about contact us author source editor date datetime time views view hits clicks comments
    share print close copyright rights reserved icp qq tel email wechat rss
""".split())
_CHROME_LONGEST = max(map(len, _CHROME_WORDS))
_CHROME_PIECES = re.compile(r"[a-z]+|[^\W\d_a-z]+")
# what a chrome line can contain at all: one C-level match turns away nearly every paragraph
# before the word walk below runs
_CHROME_CHARS = re.compile("[" + "".join(sorted(set("".join(_CHROME_WORDS)))) + r"a-z\W\d_]*")
_CHROME_MAX_CHARS = 40


def _made_of_chrome_words(run: str) -> bool:
    """Whether a run of letters splits wholly into chrome words (a small dictionary walk)."""
    if run.isascii():
        return run in _CHROME_LATIN
    ok = [True] + [False] * len(run)
    for end in range(1, len(run) + 1):
        ok[end] = any(ok[start] and run[start:end] in _CHROME_WORDS
                      for start in range(max(0, end - _CHROME_LONGEST), end))
    return ok[-1]


def is_chrome(text: str) -> bool:
    """A short line of page template -- a menu item, a byline field, a date or a counter.

    A line made only of template words, numbers and punctuation carries no promotion, even
    on a gambling page: ``案例中心``, ``阅读数量``, ``datetime``, ``发布时间:2025-06-14``. Page
    decisions (:meth:`Predictor.score_page`, a ``spam_page`` verdict) keep it ``article``;
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
    if len(norm) > _CHROME_MAX_CHARS or not _CHROME_CHARS.fullmatch(norm):
        return False
    runs = _CHROME_PIECES.findall(norm)
    return bool(runs) and all(map(_made_of_chrome_words, runs))


SUBSTANTIAL = 20  # characters: shorter paragraphs are menus, dates, headings


def is_spam_page(lengths, is_spam, *, min_chars: int = SUBSTANTIAL, spam_share: float = 0.5,
                 min_spam: int = 2) -> bool:
    """The ``spam_page`` rule on paragraph lengths and spam flags (see
    :func:`spamdetect.pages.page_verdict`, which applies it to a page's decisions)."""
    n_spam = n_sub = 0
    for length, spam in zip(lengths, is_spam):
        if length >= min_chars:
            n_sub += 1
            n_spam += bool(spam)
    return n_spam >= min_spam and n_spam >= spam_share * n_sub


LOGIT_CLIP = 8.0  # calibrated scores saturate: one 0.999999 must not outweigh a page of others


def kinship(rows, cols, weights, flagged) -> np.ndarray:
    """Cosine similarity of each paragraph to the centroid of the *other* flagged paragraphs.

    ``rows, cols, weights``: L2-normalised tf-idf triplets of one page's paragraphs (see
    :meth:`spamdetect.features.FeatureSpace.topic_triplets`); ``flagged``: which paragraphs the
    paragraph model alone calls spam. 0 where there is nothing to compare with.
    """
    flagged = np.asarray(flagged, bool)
    n = len(flagged)
    out = np.zeros(n)
    if not flagged.any() or len(rows) == 0:
        return out
    f = flagged[rows]
    uc, inv = np.unique(cols[f], return_inverse=True)
    if len(uc) == 0:
        return out
    centroid = np.bincount(inv, weights=weights[f], minlength=len(uc))
    at = np.minimum(np.searchsorted(uc, cols), len(uc) - 1)
    hit = uc[at] == cols
    dot = np.bincount(rows[hit], weights=weights[hit] * centroid[at[hit]], minlength=n)
    sq = np.bincount(rows, weights=weights * weights, minlength=n)
    own = flagged.astype(float)  # a flagged paragraph is compared with the others only
    dot_others = dot - own * sq
    norm_others = np.sqrt(np.maximum(centroid @ centroid - 2 * own * dot + own * sq, 0.0))
    ok = (sq > 0) & (norm_others > 1e-9)
    np.divide(dot_others, np.sqrt(sq) * norm_others, out=out, where=ok)
    return np.clip(out, 0.0, 1.0)


def page_context_features(proba, lengths, flag_at: float = 0.5, kin=None) -> np.ndarray:
    """Per-paragraph features that describe the paragraph *and the page around it*.

    ``proba``: the paragraph model's spam probability of each paragraph of one page, in page
    order; ``lengths``: their lengths in characters; ``flag_at``: the probability at which the
    paragraph model alone calls a paragraph spam. Logits are clipped to +-8. Columns:

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
    logit = np.clip(np.log(p / (1 - p)), -LOGIT_CLIP, LOGIT_CLIP)
    lengths = np.asarray(lengths, dtype=float)
    sub = lengths >= SUBSTANTIAL
    flagged = p >= flag_at
    spam_sub = flagged & sub
    rest_sub = ~flagged & sub
    F = np.zeros((n, 8))
    F[:, 0] = logit
    if n > 1:
        others_sub = sub.sum() - sub
        others_spam = spam_sub.sum() - spam_sub
        sub_sum = (logit * sub).sum() - logit * sub
        F[:, 1] = np.where(others_sub > 0, sub_sum / np.maximum(others_sub, 1),
                           (logit.sum() - logit) / (n - 1))
        F[:, 2] = np.divide(others_spam, others_sub, out=np.zeros(n), where=others_sub > 0)
        others_rest = rest_sub.sum() - rest_sub
        rest_sum = (logit * rest_sub).sum() - logit * rest_sub
        F[:, 6] = np.where(others_rest > 0, rest_sum / np.maximum(others_rest, 1), F[:, 1])
    F[:, 3] = np.log1p(lengths)
    F[:, 4] = F[:, 0] * F[:, 2]
    if n > 1:
        prev = np.concatenate([[-np.inf], logit[:-1]])
        nxt = np.concatenate([logit[1:], [-np.inf]])
        F[:, 5] = np.maximum(prev, nxt)
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
            pages_chrome=None, pages_kin=None, pages_counted=None):
        """Fit on lists (one entry per page) of paragraph probabilities, lengths and 0/1 labels.

        ``pages_chrome`` (same shape, optional) marks page chrome (:func:`is_chrome`): those
        paragraphs shape their neighbours' features but are left out of the fit and of the
        threshold's budget, because :meth:`Predictor.score_page` never calls them spam.
        ``pages_kin``: each paragraph's :func:`kinship` with the page's flagged paragraphs.
        ``pages_counted`` (one bool per page, default all): pages that choose the threshold and
        make ``validation_``; the others (pseudo-pages) only add to the fit.
        """
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import GroupKFold

        kins = pages_kin if pages_kin is not None else [None] * len(pages_proba)
        F = np.vstack([page_context_features(p, l, paragraph_threshold, k)
                       for p, l, k in zip(pages_proba, pages_lengths, kins)])
        y = np.concatenate([np.asarray(v, int) for v in pages_y01])
        alone = np.concatenate([np.asarray(p, float) for p in pages_proba]) >= paragraph_threshold
        keep = np.ones(len(y), bool) if pages_chrome is None else \
            ~np.concatenate([np.asarray(c, bool) for c in pages_chrome])
        page_of = np.concatenate([[k] * len(v) for k, v in enumerate(pages_y01)])
        real = np.concatenate([np.full(len(v), not is_spam_page(l, v))
                               for l, v in zip(pages_lengths, pages_y01)])
        scored = np.ones(len(y), bool) if pages_counted is None else \
            np.concatenate([np.full(len(v), bool(c)) for c, v in zip(pages_counted, pages_y01)])
        F, y, alone, page_of, real, scored = (a[keep] for a in (F, y, alone, page_of, real, scored))
        self.paragraph_threshold_ = float(paragraph_threshold)
        lr = LogisticRegression(C=self.C, class_weight="balanced", max_iter=1000)
        self.threshold_ = 1.0
        self.validation_ = {}
        if groups is not None:
            g = np.asarray(groups, dtype=object)[page_of]
            n_splits = min(5, len(np.unique(g)))
            if n_splits >= 2:
                oof = np.zeros(len(y))
                for tr, te in GroupKFold(n_splits=n_splits).split(F, y, g):
                    oof[te] = lr.fit(F[tr], y[tr]).predict_proba(F[te])[:, 1]
                # the budget is spent on pages with real content: on a page that is spam as a
                # whole (by its labels) the odd line labeled `article` goes with its page
                counted = (y == 0) & real & scored
                budget = (int(np.floor(self.target_fpr * counted.sum() + 1e-9))
                          - int(np.sum(alone & counted)))
                rest = oof[counted & ~alone]
                if budget >= 0 and len(rest):
                    self.threshold_ = choose_threshold(rest, np.zeros(len(rest)), budget / len(rest))
                self.validation_ = binary_metrics(y[scored], (alone | (oof >= self.threshold_))[scored])
        lr.fit(F, y)
        self.coef_ = lr.coef_.ravel().copy()
        self.intercept_ = float(lr.intercept_[0])
        return self

    def predict_proba(self, proba, lengths, kin=None) -> np.ndarray:
        """Context model's spam probability of each paragraph of one page."""
        if len(proba) == 0:
            return np.zeros(0)
        F = page_context_features(proba, lengths, self.paragraph_threshold_, kin)
        return _sigmoid(F @ self.coef_ + self.intercept_)

    def decide(self, proba, lengths, kin=None) -> tuple[np.ndarray, np.ndarray]:
        """(in-page score, is-spam) of each paragraph of one page.

        The in-page score is the larger of the paragraph's own probability and the context
        model's; each is compared with its own threshold, so use the boolean for the label.
        """
        proba = np.asarray(proba, dtype=float)
        ctx = self.predict_proba(proba, lengths, kin)
        spam = (proba >= self.paragraph_threshold_) | (ctx >= self.threshold_)
        return np.maximum(proba, ctx), spam


# -- the predictor ------------------------------------------------------------------------------
@dataclass
class Predictor:
    """Fitted feature space + linear weights + calibration + threshold (+ page context)."""

    features: FeatureSpace
    coef: np.ndarray
    intercept: float
    calibration: tuple = (1.0, 0.0)
    threshold: float = 0.5
    classes: np.ndarray = field(default_factory=lambda: np.array(["article", "spam"]))
    page_context: PageContext | None = None
    metadata: dict = field(default_factory=dict)

    def __post_init__(self):
        self._names = None

    # the names scikit-learn users look for
    @property
    def threshold_(self) -> float:
        return self.threshold

    @property
    def classes_(self) -> np.ndarray:
        return self.classes

    @property
    def page_context_(self):
        return self.page_context

    def _contributions(self, texts: list[str]):
        """(row, column, contribution to the margin) of every non-zero feature of ``texts``."""
        rows, cols, w = self.features.triplets(normalize_many(texts))
        return rows, cols, w * self.coef[cols]

    def decision_function(self, texts) -> np.ndarray:
        """Raw linear margin of each paragraph; positive leans spam."""
        texts = _check_texts(texts)
        rows, _, contrib = self._contributions(texts)
        return self._margin(rows, contrib, len(texts))

    def _margin(self, rows, contrib, n) -> np.ndarray:
        return np.bincount(rows, weights=contrib, minlength=n) + self.intercept

    def _calibrated(self, margin: np.ndarray) -> np.ndarray:
        a, b = self.calibration
        return _sigmoid(a * margin + b)

    def predict_proba(self, texts) -> np.ndarray:
        """Calibrated probabilities, columns in ``classes`` order (column 1 is spam)."""
        p = self._calibrated(self.decision_function(texts))
        return np.column_stack([1.0 - p, p])

    def predict(self, texts) -> np.ndarray:
        return self.classes[(self.predict_proba(texts)[:, 1] >= self.threshold).astype(int)]

    def score_page(self, paragraphs, proba=None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, is_spam) for the paragraphs of one page, in page order, page context included.

        Page chrome (:func:`is_chrome`: menu items, byline fields, dates, counters) is never
        spam in a page, whatever its score: the paragraph model has seen ``QQ`` and ``在线`` in
        ads, but ``QQ在线`` under a company page's contact box promotes nothing.
        """
        paragraphs = _check_texts(paragraphs)
        if proba is None:
            proba = self.predict_proba(paragraphs)[:, 1] if paragraphs else np.zeros(0)
        return self._decide_page(paragraphs, np.asarray(proba, dtype=float))

    def score_pages(self, pages) -> list[tuple[np.ndarray, np.ndarray]]:
        """:meth:`score_page` of many pages, from one vectorised feature pass over all of them.

        The same numbers as page by page; the word features the page context compares
        paragraphs by (:meth:`kinship`) come out of that pass instead of a second segmentation.
        """
        pages = [_check_texts(p) for p in pages]
        flat = [t for page in pages for t in page]
        normalized = normalize_many(flat)
        rows, cols, w = self.features.triplets(normalized)
        proba = self._calibrated(self._margin(rows, w * self.coef[cols], len(flat)))
        topic = self.features.is_topic_column(cols)
        order = np.argsort(rows[topic], kind="stable")
        t_rows, t_cols, t_w = rows[topic][order], cols[topic][order], w[topic][order]
        bounds = np.cumsum([0] + [len(page) for page in pages])
        cut = np.searchsorted(t_rows, bounds)
        chrome = chrome_mask(flat, normalized)
        out = []
        for k, page in enumerate(pages):
            a, b = cut[k], cut[k + 1]
            topics = (t_rows[a:b] - bounds[k], t_cols[a:b], t_w[a:b])
            lo, hi = bounds[k], bounds[k + 1]
            out.append(self._decide_page(page, proba[lo:hi], topics, chrome[lo:hi]))
        return out

    def _decide_page(self, paragraphs, proba, topics=None, chrome=None):
        if self.page_context is None:
            scores, spam = proba, proba >= self.threshold
        else:
            kin = self.kinship(paragraphs, proba >= self.page_context.paragraph_threshold_, topics)
            scores, spam = self.page_context.decide(proba, [len(t) for t in paragraphs], kin)
        if chrome is None:
            chrome = chrome_mask(paragraphs)
        return scores, spam & ~chrome

    def kinship(self, paragraphs, flagged, topics=None) -> np.ndarray:
        """:func:`kinship` of one page's paragraphs with its ``flagged`` ones (word tf-idf).

        ``topics``: the page's :meth:`~spamdetect.features.FeatureSpace.topic_triplets` when
        already computed (:meth:`score_pages`); otherwise the page is segmented again, which
        happens only on pages where something is flagged and something is not.
        """
        flagged = np.asarray(flagged, bool)
        if not flagged.any() or flagged.all():
            return np.zeros(len(flagged))
        if topics is None:
            topics = self.features.topic_triplets(normalize_many(paragraphs))
        return kinship(*topics, flagged)

    def feature_names(self) -> np.ndarray:
        if self._names is None:
            self._names = self.features.feature_names()
        return self._names

    def explain(self, texts, top=8) -> list[list[tuple[str, float]]]:
        """The features that moved each paragraph's decision most: ``[(feature, weight), ...]``.

        ``weight`` is the feature's contribution to the linear margin (tf-idf value times
        coefficient); positive pushes toward spam. Sorted by absolute size, largest first.
        """
        return self.explained_proba(texts, top)[1]

    def explained_proba(self, texts, top=8) -> tuple[np.ndarray, list]:
        """(spam probability, evidence) of each paragraph from one pass over the text."""
        texts = _check_texts(texts)
        rows, cols, contrib = self._contributions(texts)
        proba = self._calibrated(self._margin(rows, contrib, len(texts)))
        order = np.lexsort((-np.abs(contrib), rows))
        rows, cols, contrib = rows[order], cols[order], contrib[order]
        starts = np.searchsorted(rows, np.arange(len(texts) + 1))
        names = self.feature_names()
        evidence = [[(str(names[c]), float(v)) for c, v in
                     zip(cols[starts[i]:starts[i + 1]][:top], contrib[starts[i]:starts[i + 1]][:top])]
                    for i in range(len(texts))]
        return proba, evidence


def _check_texts(X) -> list:
    if isinstance(X, (str, bytes)):
        raise ValueError("expected a list of paragraphs, got a single string; wrap it in a list")
    X = list(X)
    for i, t in enumerate(X):
        if not isinstance(t, str):
            raise TypeError(f"paragraph {i}: expected str, got {type(t).__name__}")
    return X
