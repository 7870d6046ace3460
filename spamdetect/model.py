"""The estimator: TF-IDF features into a class-weighted logistic regression, with a calibrated
score and a decision threshold chosen for precision.

``SpamClassifier`` follows scikit-learn's conventions (parameters set in ``__init__`` and never
changed, fitted state in attributes ending in ``_``, ``fit`` returns ``self``), so it works with
``clone``, ``Pipeline`` and ``GridSearchCV``. It takes raw paragraphs (``str``) as ``X``.

Why a threshold of its own: every false positive deletes real journalism. When ``fit`` gets
``groups`` (the website each paragraph comes from), it scores every training paragraph
out-of-fold with folds grouped by website, fits a Platt sigmoid on those scores (so
``predict_proba`` is a calibrated probability of spam), and picks the lowest threshold whose
out-of-fold article false-positive rate stays within ``target_fpr``.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.utils.validation import check_is_fitted

from .features import ChineseTfidfVectorizer

__all__ = ["SpamClassifier", "choose_threshold", "fit_platt"]


def fit_platt(decision: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: (a, b) such that ``sigmoid(a * decision + b)`` is calibrated on ``y`` (0/1)."""
    lr = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    lr.fit(np.asarray(decision, dtype=float).reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


def choose_threshold(scores: np.ndarray, y: np.ndarray, target_fpr: float) -> float:
    """The lowest score threshold whose false-positive rate on ``y == 0`` is <= ``target_fpr``.

    Lowest, so recall is as high as the precision budget allows. A paragraph is spam when its
    score is >= the threshold.
    """
    neg = np.sort(np.asarray(scores)[np.asarray(y) == 0])[::-1]
    if len(neg) == 0:
        return 0.5
    allowed = int(np.floor(target_fpr * len(neg)))  # negatives allowed above the threshold
    if allowed >= len(neg):
        return float(neg[-1])
    # strictly above the (allowed+1)-th highest negative score
    return float(np.nextafter(neg[allowed], np.inf))


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class SpamClassifier(ClassifierMixin, BaseEstimator):
    """Tag Chinese paragraphs as spam (injected promotion) or article.

    Parameters
    ----------
    analyzer, word_ngram_range, char_ngram_range, min_df, max_features, backend
        Passed to :class:`~spamdetect.features.ChineseTfidfVectorizer`.
    C : float
        Inverse regularisation strength of the logistic regression.
    class_weight : "balanced", dict or None
        Spam and article counts differ from site to site; "balanced" keeps either from dominating.
    target_fpr : float
        Article false-positive budget used to choose the threshold when ``fit`` gets ``groups``.
    cv : int
        Number of website-grouped folds for calibration and threshold selection.
    threshold : float
        Probability cut-off used when ``fit`` gets no ``groups`` (nothing to calibrate on).

    Attributes
    ----------
    classes_ : ndarray of the two labels; ``classes_[1]`` is the spam class.
    vectorizer_ : the fitted feature extractor.
    coef_, intercept_ : the linear model.
    calibration_ : (a, b) of the Platt sigmoid applied to ``decision_function``.
    threshold_ : the probability at or above which a paragraph is spam.
    validation_ : out-of-fold figures measured while choosing the threshold (or ``{}``).
    """

    def __init__(self, analyzer="both", word_ngram_range=(1, 2), char_ngram_range=(1, 3),
                 min_df=2, max_features=200_000, C=10.0, class_weight="balanced",
                 target_fpr=0.005, cv=5, threshold=0.5, backend="auto"):
        self.analyzer = analyzer
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.class_weight = class_weight
        self.target_fpr = target_fpr
        self.cv = cv
        self.threshold = threshold
        self.backend = backend

    # -- fitting -------------------------------------------------------------------------------
    def _make_vectorizer(self):
        return ChineseTfidfVectorizer(
            analyzer=self.analyzer, word_ngram_range=self.word_ngram_range,
            char_ngram_range=self.char_ngram_range, min_df=self.min_df,
            max_features=self.max_features, backend=self.backend)

    def _fit_linear(self, X, y01, sample_weight):
        vec = self._make_vectorizer()
        M = vec.fit_transform(X)
        lr = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear",
                                max_iter=1000)
        lr.fit(M, y01, sample_weight=sample_weight)
        return vec, lr

    def fit(self, X, y, sample_weight=None, groups=None, validate_on=None):
        """Fit on raw paragraphs ``X`` and labels ``y`` (two classes, e.g. "article"/"spam").

        With ``groups`` (one website id per paragraph), calibrate the score and choose the
        threshold out-of-fold, folds grouped by website. ``validate_on`` (a boolean mask) limits
        the held-out rows to the ones that stand for real pages: auxiliary rows (synthetic text,
        clean text from other corpora) then always stay in training, and the threshold is set on
        real data only. ``sample_weight`` lets a caller weigh sources.
        """
        X = _check_texts(X)
        y = np.asarray(y)
        if y.ndim != 1 or len(y) != len(X):
            raise ValueError(f"y must be 1-d with one label per paragraph ({len(X)}), got shape {y.shape}")
        self.classes_ = np.unique(y)
        if len(self.classes_) != 2:
            raise ValueError(f"need exactly two classes, got {self.classes_.tolist()}")
        y01 = (y == self.classes_[1]).astype(int)
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight, dtype=float)

        self.calibration_ = (1.0, 0.0)
        self.threshold_ = float(self.threshold)
        self.validation_ = {}
        if groups is not None:
            groups = np.asarray(groups)
            if len(groups) != len(X):
                raise ValueError("groups must have one entry per paragraph")
            held = np.ones(len(X), bool) if validate_on is None else np.asarray(validate_on, bool)
            if len(held) != len(X):
                raise ValueError("validate_on must have one entry per paragraph")
            val_idx = np.flatnonzero(held)
            always = np.flatnonzero(~held)
            n_splits = min(self.cv, len(np.unique(groups[val_idx])))
            if n_splits >= 2:
                oof = np.zeros(len(val_idx))
                for tr, te in GroupKFold(n_splits=n_splits).split(val_idx, y01[val_idx], groups[val_idx]):
                    tr = np.concatenate([val_idx[tr], always])
                    if len(np.unique(y01[tr])) < 2:
                        raise ValueError("a training fold holds only one class; use more websites")
                    sw = None if sample_weight is None else sample_weight[tr]
                    vec, lr = self._fit_linear([X[i] for i in tr], y01[tr], sw)
                    oof[te] = lr.decision_function(vec.transform([X[i] for i in val_idx[te]]))
                y_val = y01[val_idx]
                self.calibration_ = fit_platt(oof, y_val)
                proba = _sigmoid(self.calibration_[0] * oof + self.calibration_[1])
                self.threshold_ = choose_threshold(proba, y_val, self.target_fpr)
                self.oof_proba_ = np.full(len(X), np.nan)
                self.oof_proba_[val_idx] = proba
                self.validation_ = _binary_metrics(y_val, proba >= self.threshold_)

        self.vectorizer_, lr = self._fit_linear(X, y01, sample_weight)
        self.coef_ = lr.coef_.ravel().copy()
        self.intercept_ = float(lr.intercept_[0])
        return self

    # -- prediction ----------------------------------------------------------------------------
    def decision_function(self, X):
        """Raw linear margin; positive leans spam. Uncalibrated: use ``predict_proba`` for scores."""
        check_is_fitted(self, "coef_")
        M = self.vectorizer_.transform(_check_texts(X))
        return M @ self.coef_ + self.intercept_

    def predict_proba(self, X):
        """Calibrated probabilities, columns in ``classes_`` order (column 1 is spam)."""
        a, b = self.calibration_
        p = _sigmoid(a * self.decision_function(X) + b)
        return np.column_stack([1.0 - p, p])

    def predict(self, X):
        """Labels, using the stored ``threshold_`` on the spam probability."""
        p = self.predict_proba(X)[:, 1]
        return self.classes_[(p >= self.threshold_).astype(int)]

    def score_page(self, paragraphs, proba=None):
        """(scores, is_spam) for the paragraphs of one page, in page order, page context included.

        Use this, not ``predict``, for whole pages: with a fitted page-context stage
        (``page_context_``, set by the shipped training recipe) a bland paragraph on a gambling
        page is caught by its neighbours. Without one it equals ``predict_proba``/``predict``.
        ``proba`` may pass already computed paragraph probabilities to avoid scoring twice.
        """
        paragraphs = _check_texts(paragraphs)
        if proba is None:
            proba = self.predict_proba(paragraphs)[:, 1] if paragraphs else np.zeros(0)
        ctx = getattr(self, "page_context_", None)
        if ctx is None:
            return proba, proba >= self.threshold_
        return ctx.decide(proba, [len(t) for t in paragraphs])

    def explain(self, X, top=8):
        """The features that moved each paragraph's decision most: ``[(feature, weight), ...]``.

        ``weight`` is the feature's contribution to the linear margin (tf-idf value times
        coefficient); positive pushes toward spam. Sorted by absolute size, largest first.
        """
        check_is_fitted(self, "coef_")
        M = self.vectorizer_.transform(_check_texts(X)).tocsr()
        names = self._feature_names()
        out = []
        for i in range(M.shape[0]):
            row = M[i]
            contrib = row.data * self.coef_[row.indices]
            order = np.argsort(-np.abs(contrib))[:top]
            out.append([(names[row.indices[j]], float(contrib[j])) for j in order])
        return out

    def _feature_names(self):
        names = getattr(self, "_names_cache", None)
        if names is None:
            names = self._names_cache = self.vectorizer_.get_feature_names_out()
        return names

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags


def _check_texts(X) -> list:
    if isinstance(X, (str, bytes)):
        raise ValueError("expected a list of paragraphs, got a single string; wrap it in a list")
    X = list(X)
    for i, t in enumerate(X):
        if not isinstance(t, str):
            raise TypeError(f"paragraph {i}: expected str, got {type(t).__name__}")
    return X


def _binary_metrics(y_true01, y_pred01) -> dict:
    y_true01 = np.asarray(y_true01, bool)
    y_pred01 = np.asarray(y_pred01, bool)
    tp = int(np.sum(y_true01 & y_pred01))
    fp = int(np.sum(~y_true01 & y_pred01))
    fn = int(np.sum(y_true01 & ~y_pred01))
    tn = int(np.sum(~y_true01 & ~y_pred01))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall,
            "f1": f1, "article_fpr": fp / (fp + tn) if fp + tn else 0.0}


# -- page context -----------------------------------------------------------------------------
_SUBSTANTIAL = 20  # characters: shorter paragraphs are menus, dates, headings


def page_context_features(proba, lengths) -> np.ndarray:
    """Per-paragraph features that describe the paragraph *and the page around it*.

    ``proba``: the paragraph model's spam probability of each paragraph of one page, in page
    order; ``lengths``: their lengths in characters. Columns:

    0. the paragraph's own logit;
    1. mean logit of the page's other paragraphs (0 on a one-paragraph page);
    2. share of the other substantial (>= 20 characters) paragraphs that the paragraph model
       calls spam (p >= 0.5);
    3. ``log(1 + length)``: short chrome on a spam page is still chrome;
    4. the own logit times column 2: a borderline paragraph among spam is spam, among
       articles it is an article.
    """
    p = np.clip(np.asarray(proba, dtype=float), 1e-6, 1 - 1e-6)
    n = len(p)
    logit = np.log(p / (1 - p))
    lengths = np.asarray(lengths, dtype=float)
    sub = lengths >= _SUBSTANTIAL
    spam_sub = (p >= 0.5) & sub
    F = np.zeros((n, 5))
    F[:, 0] = logit
    if n > 1:
        F[:, 1] = (logit.sum() - logit) / (n - 1)
        others_sub = sub.sum() - sub
        others_spam = spam_sub.sum() - spam_sub
        F[:, 2] = np.divide(others_spam, others_sub, out=np.zeros(n), where=others_sub > 0)
    F[:, 3] = np.log1p(lengths)
    F[:, 4] = F[:, 0] * F[:, 2]
    return F


class PageContext:
    """A second, small linear model that re-scores a paragraph with its page as context.

    A paragraph alone cannot show that a bland how-to paragraph is filler on a gambling-SEO
    page, or that a short heading belongs to it; the share of spam around it can. Fitted on
    out-of-fold paragraph scores of whole labeled pages.

    Context only ever *adds* spam: a paragraph is spam in its page when the paragraph model
    alone says so (``proba >= paragraph_threshold``) or the context model does
    (``context >= threshold_``). The context threshold is the lowest that keeps the combined
    article false-positive rate within ``target_fpr`` out-of-fold. (Letting context also
    lower scores dragged clear keyword-stuffed titles under the line on otherwise clean pages.)
    """

    def __init__(self, C=1.0, target_fpr=0.005):
        self.C = C
        self.target_fpr = target_fpr

    def fit(self, pages_proba, pages_lengths, pages_y01, paragraph_threshold=0.5, groups=None):
        """Fit on lists (one entry per page) of paragraph probabilities, lengths and 0/1 labels."""
        F = np.vstack([page_context_features(p, l) for p, l in zip(pages_proba, pages_lengths)])
        y = np.concatenate([np.asarray(v, int) for v in pages_y01])
        alone = np.concatenate([np.asarray(p, float) for p in pages_proba]) >= paragraph_threshold
        self.paragraph_threshold_ = float(paragraph_threshold)
        lr = LogisticRegression(C=self.C, class_weight="balanced", max_iter=1000)
        self.threshold_ = 1.0
        self.validation_ = {}
        if groups is not None:
            g = np.concatenate([[gr] * len(v) for gr, v in zip(groups, pages_y01)])
            n_splits = min(5, len(np.unique(g)))
            if n_splits >= 2:
                oof = np.zeros(len(y))
                for tr, te in GroupKFold(n_splits=n_splits).split(F, y, g):
                    oof[te] = lr.fit(F[tr], y[tr]).predict_proba(F[te])[:, 1]
                n_neg = int(np.sum(y == 0))
                budget = int(np.floor(self.target_fpr * n_neg)) - int(np.sum(alone & (y == 0)))
                rest = oof[(y == 0) & ~alone]
                if budget >= 0 and len(rest):
                    self.threshold_ = choose_threshold(rest, np.zeros(len(rest)), budget / len(rest))
                self.validation_ = _binary_metrics(y, alone | (oof >= self.threshold_))
        lr.fit(F, y)
        self.coef_ = lr.coef_.ravel().copy()
        self.intercept_ = float(lr.intercept_[0])
        return self

    def predict_proba(self, proba, lengths) -> np.ndarray:
        """Context model's spam probability of each paragraph of one page."""
        if len(proba) == 0:
            return np.zeros(0)
        return _sigmoid(page_context_features(proba, lengths) @ self.coef_ + self.intercept_)

    def decide(self, proba, lengths) -> tuple[np.ndarray, np.ndarray]:
        """(in-page score, is-spam) of each paragraph of one page.

        The in-page score is the larger of the paragraph's own probability and the context
        model's, each measured against its own threshold (so ``score >= 0.5`` iff spam is *not*
        implied: use the boolean).
        """
        proba = np.asarray(proba, dtype=float)
        ctx = self.predict_proba(proba, lengths)
        spam = (proba >= self.paragraph_threshold_) | (ctx >= self.threshold_)
        return np.maximum(proba, ctx), spam
