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
from .context import PageContext, PageModel, chrome_mask, is_bare_number, is_chrome, kinship, page_context_features
from .features import FeatureSpace
from .normalize import normalize_many
from .scoring import binary_metrics, blank_mask, choose_threshold, sigmoid
from .spans import Span, candidate_batch, pick_spans

__all__ = ["Predictor", "ClauseModel", "PageContext", "page_context_features", "kinship", "choose_threshold",
           "binary_metrics", "is_bare_number", "is_chrome", "chrome_mask"]


# -- the clause scorer ---------------------------------------------------------------------------
@dataclass
class ClauseModel:
    """A second linear model over the same features, fitted on the *pieces* of paragraphs
    (:mod:`spamdetect.spans`): the injected phrases of mixed paragraphs against the pieces of
    real text, reports about gambling first. ``threshold``: a piece is spam at or above it."""

    coef: np.ndarray
    intercept: float
    calibration: tuple = (1.0, 0.0)
    threshold: float = 1.0


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
    clause_model: ClauseModel | None = None
    page_model: PageModel | None = None

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
        """Labels as :func:`spamdetect.classify` gives them: the paragraph model at its
        threshold, or a spam phrase found by the clause scorer -- never for chrome, structural
        or blank text (:func:`spamdetect.context.decide_paragraphs`)."""
        texts = _check_texts(texts)
        proba = self.predict_proba(texts)[:, 1]
        return self.classes[context.decide_paragraphs(self, texts, proba=proba)[1].astype(int)]

    def page_pass(self, texts, bounds=None) -> tuple[np.ndarray, list, tuple, np.ndarray | None]:
        """(spam probability, normalised text, topic triplets sorted by row, page-text margins)
        of ``texts``: the one feature pass the page decisions
        (:func:`spamdetect.context.decide_pages`) start from. ``bounds``: where each page's
        paragraphs start (and the last ends) in ``texts``; the page-text margins of the
        :class:`~spamdetect.context.PageModel` come out of the same pass (None without one)."""
        normalized = normalize_many(texts)
        rows, cols, w = self.features.triplets(normalized)
        proba = self._proba(texts, rows, w * self.coef[cols])
        topic = self.features.is_topic_column(cols)  # one feature block: its rows are in order
        page_text = None
        if self.page_model is not None and bounds is not None:
            page_text = self._page_text(rows, cols, w, bounds)
        return proba, normalized, (rows[topic], cols[topic], w[topic]), page_text

    def _page_text(self, rows, cols, w, bounds) -> np.ndarray:
        bounds = np.asarray(bounds)
        page_of = np.searchsorted(bounds, np.arange(bounds[-1]), side="right") - 1
        return context.page_text_scores(rows, cols, w, page_of, len(bounds) - 1,
                                        self.page_model.text_coef_, self.page_model.text_intercept_)

    def page_text_scores(self, normalized, bounds) -> np.ndarray:
        """Page-text margins of the pages of ``normalized`` paragraphs (see :meth:`page_pass`)."""
        return self._page_text(*self.features.triplets(normalized), bounds)

    def phrase_proba(self, phrases) -> np.ndarray:
        """The clause scorer's calibrated spam probability of each phrase (0 for a phrase that
        does not promote on its own, :func:`~spamdetect.context.has_phrase_promotion`: see
        :meth:`clause_spans`); zeros without a clause scorer."""
        cm = self.clause_model
        if cm is None or not phrases:
            return np.zeros(len(phrases))
        cand = normalize_many(phrases)
        proba = np.zeros(len(cand))
        promoted = np.flatnonzero(np.fromiter(map(context.has_phrase_promotion, cand), bool, len(cand)))
        if len(promoted):  # only these can be spam: the others are not even featurised
            rows, cols, w = self.features.triplets([cand[i] for i in promoted])
            a, b = cm.calibration
            margin = np.bincount(rows, weights=w * cm.coef[cols], minlength=len(promoted)) + cm.intercept
            proba[promoted] = sigmoid(a * margin + b)
        return proba

    def clause_spans(self, texts, normalized=None, promoted=None) -> list[list[Span]]:
        """The spam phrases of each paragraph, as :class:`~spamdetect.spans.Span` offsets into
        the original text (empty lists without a clause model).

        Only paragraphs with promotion evidence (:func:`~spamdetect.context.has_promotion`,
        ``promoted`` when the caller has it) are cut into candidates, and only candidates that
        promote on their own (:func:`~spamdetect.context.has_phrase_promotion`: a name, a call
        to action, an address) can be spam: a piece with nothing promotional in it is not an
        injected promotion, however gambling-heavy its words, and a venue word alone (娱乐城 in
        Macau gaming news, 体育 in a menu) is what reports say. That keeps the extra pass to the
        few paragraphs that could hold a phrase. A candidate with a brand-shaped name in it
        (:func:`~spamdetect.context.has_brand_name`) needs only
        :data:`~spamdetect.context.BRAND_PHRASE_AT`.
        """
        texts = _check_texts(texts)
        out: list[list[Span]] = [[] for _ in texts]
        cm = self.clause_model
        if cm is None or not texts:
            return out
        if promoted is None:
            normalized = normalize_many(texts) if normalized is None else normalized
            promoted = [context.has_promotion(t) for t in normalized]
        idx = [i for i, ok in enumerate(promoted) if ok]
        if not idx:
            return out
        flat, owner, offsets = candidate_batch([texts[i] for i in idx])
        if not flat:
            return out
        proba = self.phrase_proba(flat)
        for j in np.flatnonzero(proba >= context.BRAND_PHRASE_AT):  # a call that names nothing is no phrase
            if context.names_nothing(texts[idx[owner[j]]], *offsets[j]):
                proba[j] = 0.0
        at = np.full(len(flat), cm.threshold)
        between = np.flatnonzero((proba >= context.BRAND_PHRASE_AT) & (proba < cm.threshold))
        if len(between):  # the few candidates a brand-shaped name would make spam
            named = np.fromiter(map(context.has_brand_name, normalize_many([flat[i] for i in between])),
                                bool, len(between))
            at[between[named]] = context.BRAND_PHRASE_AT
        owner = np.asarray(owner)
        starts = np.searchsorted(owner, np.arange(len(idx) + 1))
        for j, i in enumerate(idx):
            lo, hi = starts[j], starts[j + 1]
            if lo < hi and np.any(proba[lo:hi] >= at[lo:hi]):
                out[i] = pick_spans(texts[i], offsets[lo:hi], proba[lo:hi], at[lo:hi])
        return out

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
