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
import scipy.sparse as sp
from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from sklearn.utils.validation import check_is_fitted

from .features import FeatureSpace
from .normalize import normalize_many
from .predictor import (PageContext, Predictor, _check_texts, _sigmoid, binary_metrics,
                        choose_threshold, page_context_features)

__all__ = ["SpamClassifier", "ChineseTfidfVectorizer", "PageContext", "choose_threshold",
           "fit_platt", "page_context_features"]


class ChineseTfidfVectorizer(TransformerMixin, BaseEstimator):
    """Turn raw Chinese paragraphs into TF-IDF vectors of jieba words and character n-grams.

    A scikit-learn transformer around :class:`spamdetect.features.FeatureSpace`; text is
    normalised first (:func:`spamdetect.normalize.normalize_many`).

    Parameters
    ----------
    analyzer : {"both", "word", "char"}
        Which feature blocks to build.
    word_ngram_range, char_ngram_range : (int, int)
        Inclusive n-gram ranges; words go up to bigrams, characters up to trigrams.
    min_df : int
        Keep features that occur in at least this many training paragraphs.
    max_features : int or None
        Keep only the most frequent features of each block (bounds the model size).
    sublinear_tf : bool
        ``1 + log(tf)`` instead of raw counts, so a stuffed keyword does not drown the rest.
    tail_words : bool
        Add the words of each paragraph's last clause as a block of their own (injected
        promotions are appended to real text; see :func:`spamdetect.features.last_clause`).
    backend : {"auto", "rjieba", "jieba"}
        Which jieba binding segments (see :mod:`spamdetect.segment`); they give the same tokens.
    """

    def __init__(self, analyzer="both", word_ngram_range=(1, 2), char_ngram_range=(1, 3),
                 min_df=2, max_features=200_000, sublinear_tf=True, tail_words=True, backend="auto"):
        self.analyzer = analyzer
        self.tail_words = tail_words
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.backend = backend

    def fit(self, raw_documents, y=None):
        texts = normalize_many(_as_list(raw_documents))
        self.features_ = FeatureSpace.fit(
            texts, analyzer=self.analyzer, word_ngram_range=self.word_ngram_range,
            char_ngram_range=self.char_ngram_range, min_df=self.min_df,
            max_features=self.max_features, sublinear_tf=self.sublinear_tf, backend=self.backend,
            tail_words=self.tail_words)
        self.n_features_out_ = self.features_.n_features
        return self

    def transform(self, raw_documents):
        check_is_fitted(self, "features_")
        texts = normalize_many(_as_list(raw_documents))
        rows, cols, w = self.features_.triplets(texts)
        return sp.csr_matrix((w, (rows, cols)), shape=(len(texts), self.features_.n_features))

    def get_feature_names_out(self, input_features=None):
        """Readable names: ``w:百家乐``, ``w:登录 官网`` (word bigram), ``c:百家`` (characters)."""
        check_is_fitted(self, "features_")
        return self.features_.feature_names()


def _as_list(raw_documents) -> list:
    if isinstance(raw_documents, (str, bytes)):
        raise ValueError("expected an iterable of paragraphs, got a single string")
    return list(raw_documents)


def fit_platt(decision: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: (a, b) such that ``sigmoid(a * decision + b)`` is calibrated on ``y`` (0/1)."""
    lr = LogisticRegression(C=1e4, solver="lbfgs", max_iter=1000)
    lr.fit(np.asarray(decision, dtype=float).reshape(-1, 1), y)
    return float(lr.coef_[0, 0]), float(lr.intercept_[0])


class SpamClassifier(ClassifierMixin, BaseEstimator):
    """Tag Chinese paragraphs as spam (injected promotion) or article.

    Parameters
    ----------
    analyzer, word_ngram_range, char_ngram_range, min_df, max_features, tail_words, backend
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
                 min_df=2, max_features=200_000, tail_words=True, C=10.0,
                 class_weight="balanced", target_fpr=0.005, cv=5, threshold=0.5, backend="auto"):
        self.analyzer = analyzer
        self.tail_words = tail_words
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
            max_features=self.max_features, tail_words=self.tail_words, backend=self.backend)

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
                self.validation_ = binary_metrics(y_val, proba >= self.threshold_)

        self.vectorizer_, lr = self._fit_linear(X, y01, sample_weight)
        self.coef_ = lr.coef_.ravel().copy()
        self.intercept_ = float(lr.intercept_[0])
        self.page_context_ = None
        return self

    @property
    def predictor_(self) -> Predictor:
        """The fitted model as plain arrays (what ``predict*`` and persistence use)."""
        check_is_fitted(self, "coef_")
        ctx = getattr(self, "page_context_", None)
        p = self.__dict__.get("_predictor")
        # rebuilt when a fitted attribute it mirrors was replaced (e.g. page_context_ attached)
        if (p is None or p.page_context is not ctx or p.threshold != self.threshold_
                or p.coef is not self.coef_ or p.calibration != tuple(self.calibration_)):
            p = self._predictor = Predictor(
                self.vectorizer_.features_, self.coef_, self.intercept_, tuple(self.calibration_),
                self.threshold_, self.classes_, ctx)
        return p

    # -- prediction (delegated to the numpy predictor) ------------------------------------------
    def decision_function(self, X):
        """Raw linear margin; positive leans spam. Uncalibrated: use ``predict_proba`` for scores."""
        return self.predictor_.decision_function(X)

    def predict_proba(self, X):
        """Calibrated probabilities, columns in ``classes_`` order (column 1 is spam)."""
        return self.predictor_.predict_proba(X)

    def predict(self, X):
        """Labels, using the stored ``threshold_`` on the spam probability."""
        return self.predictor_.predict(X)

    def score_page(self, paragraphs, proba=None):
        """(scores, is_spam) for the paragraphs of one page, in page order, page context included.

        Use this, not ``predict``, for whole pages: with a fitted page-context stage
        (``page_context_``, set by the shipped training recipe) a bland paragraph on a gambling
        page is caught by its neighbours. Without one it equals ``predict_proba``/``predict``.
        ``proba`` may pass already computed paragraph probabilities to avoid scoring twice.
        """
        return self.predictor_.score_page(paragraphs, proba=proba)

    def score_pages(self, pages):
        """:meth:`score_page` of many pages (lists of paragraphs) from one vectorised pass."""
        return self.predictor_.score_pages(pages)

    def explain(self, X, top=8):
        """The features that moved each paragraph's decision most: ``[(feature, weight), ...]``.

        ``weight`` is the feature's contribution to the linear margin (tf-idf value times
        coefficient); positive pushes toward spam. Sorted by absolute size, largest first.
        """
        return self.predictor_.explain(X, top=top)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

