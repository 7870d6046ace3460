"""A fitted model as plain arrays: everything prediction needs, and nothing that slows a start.

:class:`Predictor` scores paragraphs with numpy alone (no scikit-learn, no scipy import), so
``classify`` answers within a second of a cold interpreter and batch scans do no sparse-matrix
bookkeeping. :class:`~spamdetect.model.SpamClassifier` builds one from its fitted attributes
and delegates its ``predict*`` methods to it, so both paths give identical numbers.

Paragraph scores are made here; what a page makes of them (page context, chrome, verdicts) is
:mod:`spamdetect.context`, which :meth:`Predictor.score_pages` delegates to. The predictor holds
a fitted :class:`~spamdetect.context.PageContext` as part of its state.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import context
# re-exported from their former home here (model files, tests and user code import them so)
from .context import PageContext, chrome_mask, is_bare_number, is_chrome, kinship, page_context_features
from .features import FeatureSpace
from .normalize import normalize_many
from .scoring import binary_metrics, blank_mask, choose_threshold, sigmoid

__all__ = ["Predictor", "PageContext", "page_context_features", "kinship", "choose_threshold",
           "binary_metrics", "is_bare_number", "is_chrome", "chrome_mask"]


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

    def _proba(self, texts, rows, contrib) -> np.ndarray:
        """Calibrated spam probability of each of ``texts`` from its feature contributions.

        Text with nothing visible (:func:`~spamdetect.normalize.is_blank`: empty, whitespace,
        zero-width characters, emoji only) is 0: it has no features, so its margin would be
        the intercept alone -- a "score" of the model's prior, not of the text. Every path
        (``classify``, ``predict_proba``, a page) goes through here, so all agree on it.
        """
        a, b = self.calibration
        p = sigmoid(a * self._margin(rows, contrib, len(texts)) + b)
        p[blank_mask(texts)] = 0.0
        return p

    def predict_proba(self, texts) -> np.ndarray:
        """Calibrated probabilities, columns in ``classes`` order (column 1 is spam)."""
        texts = _check_texts(texts)
        p = self._proba(texts, *self._contributions(texts)[::2])
        return np.column_stack([1.0 - p, p])

    def predict(self, texts) -> np.ndarray:
        return self.classes[(self.predict_proba(texts)[:, 1] >= self.threshold).astype(int)]

    def page_pass(self, texts) -> tuple[np.ndarray, list, tuple]:
        """(spam probability, normalised text, topic triplets sorted by row) of ``texts``: the
        one feature pass the page decisions (:func:`spamdetect.context.page_scores`) start from."""
        normalized = normalize_many(texts)
        rows, cols, w = self.features.triplets(normalized)
        proba = self._proba(texts, rows, w * self.coef[cols])
        topic = self.features.is_topic_column(cols)
        order = np.argsort(rows[topic], kind="stable")
        return proba, normalized, (rows[topic][order], cols[topic][order], w[topic][order])

    def score_page(self, paragraphs, proba=None, *, threshold=None) -> tuple[np.ndarray, np.ndarray]:
        """(scores, is_spam) for the paragraphs of one page, in page order, page context included.

        See :func:`spamdetect.context.page_scores` for the decision (page chrome is never spam;
        ``threshold`` replaces the paragraph threshold only). ``proba``: the paragraphs'
        probabilities when already computed.
        """
        probas = None if proba is None else [proba]
        return context.page_scores(self, [_check_texts(paragraphs)], threshold=threshold,
                                   probas=probas)[0]

    def score_pages(self, pages, *, threshold=None) -> list[tuple[np.ndarray, np.ndarray]]:
        """:meth:`score_page` of many pages, from one vectorised feature pass over all of them."""
        return context.page_scores(self, [_check_texts(p) for p in pages], threshold=threshold)

    def kinship(self, paragraphs, flagged, topics=None) -> np.ndarray:
        """:func:`spamdetect.context.page_kinship` of one page with this model's features."""
        return context.page_kinship(self.features, paragraphs, flagged, topics)

    def feature_names(self) -> np.ndarray:
        """Readable feature names (cached by the feature space, which outlives a predictor)."""
        return self.features.feature_names()

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
        proba = self._proba(texts, rows, contrib)
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
