import numpy as np
import pytest
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline
from sklearn.utils import estimator_checks as checks

from pagekit import ARTICLE, SPAM, planted, tiny_model
from spamdetect.model import PageContext, SpamClassifier, choose_threshold, page_context_features
from spamdetect.context import kinship

TEXTS = ARTICLE + SPAM
LABELS = np.array(["article"] * len(ARTICLE) + ["spam"] * len(SPAM))


@pytest.mark.parametrize("check", [
    checks.check_no_attributes_set_in_init,
    checks.check_parameters_default_constructible,
    checks.check_get_params_invariance,
    checks.check_set_params,
])
def test_sklearn_estimator_checks_that_apply(check):
    # The remaining checks feed numeric 2-d arrays; this estimator takes raw text.
    check("SpamClassifier", SpamClassifier())


def test_clone_get_set_params():
    m = SpamClassifier(C=3.0, min_df=1)
    c = clone(m)
    assert c.get_params() == m.get_params() and c is not m
    c.set_params(C=0.5)
    assert c.C == 0.5 and m.C == 3.0


def test_fit_predict_proba_and_classes():
    m = tiny_model()
    assert list(m.classes_) == ["article", "spam"]
    proba = m.predict_proba(TEXTS)
    assert proba.shape == (len(TEXTS), 2)
    assert np.allclose(proba.sum(axis=1), 1)
    pred = m.predict(TEXTS)
    assert (pred == LABELS).mean() == 1.0  # it can fit its own training data
    assert np.array_equal(m.decision_function(TEXTS) > 0, proba[:, 1] > 0.5)


def test_integer_labels_work_too():
    """0/1 labels come back as 0/1, in the right places (a constant predictor must fail)."""
    y = (LABELS == "spam").astype(int)
    m = SpamClassifier(min_df=1).fit(TEXTS, y)
    assert list(m.classes_) == [0, 1]
    pred = m.predict(TEXTS)
    assert pred.dtype.kind == "i" and np.array_equal(pred, y)
    assert list(m.predict(["百家乐官网注册送彩金", "图书馆周末延长开放时间"])) == [1, 0]


def test_pipeline_and_grid_search():
    pipe = Pipeline([("clf", SpamClassifier(min_df=1))]).fit(TEXTS, LABELS)
    assert list(pipe.predict(["百家乐官网注册送彩金"])) == ["spam"]
    # A threshold of 0.99 leaves the model's score nothing to flag on held-out folds (only the
    # rules' phrases, a sign-up bonus such as 注册送彩金, are spam whatever the threshold: macro F1
    # ~0.7); 0.5 separates the classes (~0.9). The search must see that, which needs
    # clone/set_params to carry the parameter into each fit: were it dropped, the scores would
    # tie and the first candidate would win.
    gs = GridSearchCV(SpamClassifier(min_df=1), {"threshold": [0.99, 0.5]}, cv=3, scoring="f1_macro")
    gs.fit(TEXTS, LABELS)
    low, high = gs.cv_results_["mean_test_score"]
    assert high > low + 0.1
    assert gs.best_params_ == {"threshold": 0.5} and gs.best_estimator_.threshold_ == 0.5
    assert list(gs.predict(["百家乐官网注册送彩金", "图书馆周末延长开放时间"])) == ["spam", "article"]


def test_fit_with_groups_calibrates_and_chooses_threshold():
    groups = np.arange(len(TEXTS)) % 4
    m = SpamClassifier(min_df=1, target_fpr=0.0).fit(TEXTS, LABELS, groups=groups)
    assert m.calibration_ != (1.0, 0.0)
    assert 0.0 < m.threshold_ <= 1.0
    assert m.validation_["article_fpr"] == 0.0  # the budget was zero false positives
    assert np.isfinite(m.oof_proba_).all()


def test_validate_on_keeps_auxiliary_rows_out_of_validation():
    groups = np.arange(len(TEXTS)) % 4
    mask = np.arange(len(TEXTS)) % 2 == 0
    m = SpamClassifier(min_df=1).fit(TEXTS, LABELS, groups=groups, validate_on=mask)
    assert np.isnan(m.oof_proba_[~mask]).all() and np.isfinite(m.oof_proba_[mask]).all()
    n = m.validation_
    assert n["tp"] + n["fp"] + n["fn"] + n["tn"] == mask.sum()


def test_choose_threshold_respects_budget():
    scores = np.array([0.1, 0.2, 0.3, 0.9, 0.95, 0.6, 0.7])
    y = np.array([0, 0, 0, 0, 1, 1, 1])
    t = choose_threshold(scores, y, 0.0)
    assert t > 0.9 and not (scores[y == 0] >= t).any()
    t = choose_threshold(scores, y, 0.25)  # one of four negatives may pass
    assert (scores[y == 0] >= t).sum() == 1 and t <= 0.3 + 1e-9


def test_explain_names_spam_words_with_positive_weight():
    m = tiny_model()
    (ev,) = m.explain(["百家乐登录官网首次登录送88元红包"], top=5)
    assert len(ev) == 5
    weights = [w for _, w in ev]
    assert weights == sorted(weights, key=abs, reverse=True)
    assert any(name.startswith(("w:", "c:")) and w > 0 for name, w in ev)


def test_bad_inputs():
    m = tiny_model()
    with pytest.raises(ValueError):
        m.predict("a single string")
    with pytest.raises(TypeError):
        m.predict(["ok", 3])
    with pytest.raises(ValueError, match="two classes"):
        SpamClassifier().fit(["a", "b"], ["spam", "spam"])
    with pytest.raises(ValueError):
        SpamClassifier().fit(["a", "b"], ["spam"])


def test_page_context_features_and_decision():
    proba = np.array([0.9, 0.8, 0.95, 0.1])
    F = page_context_features(proba, [40, 40, 40, 5])
    assert F.shape == (4, 8) and not F[:, 7].any()  # no kinship given
    assert F[3, 2] == 1.0  # all three other substantial paragraphs are spam
    assert page_context_features(np.array([0.7]), [10])[0, 1] == 0.0
    # background: the unflagged others; when every other one is flagged, all others
    F = page_context_features(np.array([0.99, 0.2, 0.3, 0.4]), [40] * 4, flag_at=0.9)
    logit = np.log(np.array([0.2, 0.3, 0.4]) / np.array([0.8, 0.7, 0.6]))
    assert np.isclose(F[0, 6], logit.mean()) and np.isclose(F[1, 6], logit[1:].mean())
    assert page_context_features(np.array([1 - 1e-12, 0.5]), [40, 40])[0, 0] == 8.0
    ctx = PageContext()
    ctx.coef_, ctx.intercept_ = np.array([0.0, 0.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0]), -3.0
    ctx.threshold_, ctx.paragraph_threshold_ = 0.9, 0.85
    score, spam = ctx.decide(proba, [40, 40, 40, 40])
    # context adds the bland fourth paragraph on a spam page, never removes the confident ones
    assert spam.tolist() == [True, True, True, True]
    score, spam = ctx.decide(np.array([0.9, 0.1, 0.1, 0.1]), [40] * 4)
    assert spam.tolist() == [True, False, False, False]


def test_kinship_is_cosine_to_the_other_flagged_paragraphs():
    # three paragraphs over three features, unit rows: a = e0, b = e1, c = (e0 + e1) / sqrt 2
    r = np.sqrt(0.5)
    rows, cols, w = np.array([0, 1, 2, 2]), np.array([0, 1, 0, 1]), np.array([1.0, 1.0, r, r])
    kin = kinship(rows, cols, w, np.array([True, True, False]))
    # c against the centroid of a and b: parallel; a and b each against the other only: 0
    assert np.allclose(kin, [0.0, 0.0, 1.0])
    kin = kinship(rows, cols, w, np.array([True, False, True]))
    b_vs_a_plus_c = r / np.sqrt((1 + r) ** 2 + r ** 2)
    assert np.allclose(kin, [r, b_vs_a_plus_c, r])  # a vs c, b vs a + c, c vs a
    assert not kinship(rows, cols, w, np.zeros(3, bool)).any()


def test_kinship_tells_filler_from_an_article_under_stuffed_titles():
    m = tiny_model()
    titles = ["午夜福利视频免费看_亚洲AV一区二区在线观看", "百家乐技巧_百家乐玩法_百家乐规则"]
    texts = titles + ["百家乐的玩法规则很简单,庄家和闲家比较点数大小。",
                      "手机里导出的照片文件名都是一串数字,整理起来很不方便。"]
    kin = m.predictor_.kinship(texts, np.array([True, True, False, False]))
    assert kin[2] > 0.1 and kin[3] == 0.0


def test_score_pages_equals_score_page_page_by_page():
    m = tiny_model()
    ctx = PageContext()
    ctx.coef_, ctx.intercept_ = np.array([1.0, 0.5, 2.0, -0.1, 0.3, 0.4, 0.6, 3.0]), -2.0
    ctx.threshold_, ctx.paragraph_threshold_ = 0.6, m.threshold_
    m.page_context_ = ctx  # tiny_model() is this test's own copy: no need to put it back
    pages = [ARTICLE[:3] + SPAM[:2], [], SPAM[2:5], ARTICLE[3:6],
             ["百家乐官网", "百家乐玩法规则介绍"] + ARTICLE[:2]]
    together = m.score_pages(pages)
    assert len(together) == len(pages)
    for page, (scores, spam) in zip(pages, together):
        one_scores, one_spam = m.score_page(page)
        assert np.allclose(scores, one_scores) and spam.tolist() == one_spam.tolist()
    # the kinship weight is in play: some page has a paragraph with kinship > 0
    assert any(m.predictor_.kinship(p, m.predict_proba(p)[:, 1] >= m.threshold_).any()
               for p in pages if p)


def test_score_page_without_context_equals_predict():
    m = tiny_model()
    scores, spam = m.score_page(TEXTS)
    ruled = np.array([planted(t) for t in TEXTS])  # a rule's phrase scores 1.0, as hijack markup
    assert ruled.any() and np.all(scores[ruled] == 1.0)
    assert np.allclose(scores[~ruled], m.predict_proba(TEXTS)[:, 1][~ruled])
    assert np.array_equal(np.where(spam, "spam", "article"), m.predict(TEXTS))


def test_score_page_never_calls_chrome_spam():
    m = tiny_model()
    texts = ["微信在線", "评论数量", "百家乐官网", "2024-11-03 08:25:17"]
    scores, spam = m.score_page(texts, proba=np.full(len(texts), 0.999))
    assert np.allclose(scores, 0.999)  # the score is the model's; the label is the page's
    assert spam.tolist() == [False, False, True, False]


def _page_rows():
    """Six websites of one small page each (articles with spam in them), ids and positions."""
    texts, labels, hosts, pages, paras = [], [], [], [], []
    for k in range(6):
        page = [(t, "article") for t in ARTICLE[k::3]] + [(t, "spam") for t in SPAM[k::3]]
        for i, (t, label) in enumerate(page):
            texts.append(t), labels.append(label), hosts.append(f"h{k}")
            pages.append(f"h{k}/p"), paras.append(i)
    return texts, np.array(labels), np.array(hosts), pages, paras


def test_the_estimator_fits_its_own_page_context_and_clone_refits_it():
    texts, labels, hosts, pages, paras = _page_rows()
    m = SpamClassifier(min_df=1, page_context=True).fit(texts, labels, groups=hosts, pages=pages,
                                                         paras=paras)
    assert m.page_context_ is not None and m.page_context_.coef_.shape == (8,)
    again = clone(m).fit(texts, labels, groups=hosts, pages=pages, paras=paras)
    assert np.array_equal(again.page_context_.coef_, m.page_context_.coef_)
    assert again.page_context_.threshold_ == m.page_context_.threshold_
    # the page context is part of every page decision the estimator makes
    assert m.predictor_.page_context is m.page_context_
    with pytest.raises(ValueError, match="pages="):
        SpamClassifier(min_df=1, page_context=True).fit(texts, labels, groups=hosts)
    # without the switch there is no page-context stage
    assert SpamClassifier(min_df=1).fit(texts, labels, groups=hosts, pages=pages).page_context_ is None


def test_predictions_follow_replaced_fitted_attributes():
    m = SpamClassifier(min_df=1).fit(TEXTS, LABELS)
    before = m.predict_proba(TEXTS)[:, 1]
    m.intercept_ = m.intercept_ + 3.0
    assert np.all(m.predict_proba(TEXTS)[:, 1] > before)
    m.coef_ = np.zeros_like(m.coef_)  # every paragraph now scores the intercept alone
    flat = m.predict_proba(TEXTS)[:, 1]
    assert np.allclose(flat, flat[0])
    m.threshold_ = 2.0  # nothing reaches it: only a rule's phrase is spam
    assert m.predict(TEXTS).tolist() == ["spam" if planted(t) else "article" for t in TEXTS]


def test_the_feature_parameters_are_one_list():
    import inspect

    from spamdetect.features import VECTORIZER_PARAMS, FeatureSpace
    from spamdetect.model import ChineseTfidfVectorizer

    fit_keywords = set(inspect.signature(FeatureSpace.fit).parameters) - {"cls", "texts"}
    assert set(ChineseTfidfVectorizer().get_params()) == fit_keywords == set(VECTORIZER_PARAMS)
    m = SpamClassifier(min_df=1, max_features=7, sublinear_tf=False, tail_words=False)
    assert m._make_vectorizer().get_params() == {k: getattr(m, k) for k in VECTORIZER_PARAMS}
