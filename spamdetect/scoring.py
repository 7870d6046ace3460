"""Score arithmetic shared by the paragraph model and the page-context model.

One home for the math both stages use: the logistic link, the blank-text rule, the choice of a threshold for an
article false-positive budget, the website-grouped out-of-fold loop that feeds it, and the
figures reported about it. The first two are numpy only (prediction needs the sigmoid); the
fitting helpers import scikit-learn inside the function, so importing this module never does.
"""

from __future__ import annotations

import numpy as np

from .normalize import is_blank

__all__ = ["sigmoid", "blank_mask", "choose_threshold", "grouped_oof", "binary_metrics"]


def sigmoid(z):
    """The logistic function ``1 / (1 + exp(-z))``."""
    return 1.0 / (1.0 + np.exp(-z))


def blank_mask(texts) -> np.ndarray:
    """Which texts have nothing visible (:func:`~spamdetect.normalize.is_blank`: empty,
    whitespace, zero-width characters, emoji only). Such text scores 0 and is ``article``
    everywhere -- alone (:meth:`~spamdetect.predictor.Predictor.predict_proba`) and in a page
    (:func:`~spamdetect.context.page_scores`): it has no features, so any score would be the
    model's prior, not a judgement of the text."""
    return np.fromiter((is_blank(t) for t in texts), bool, len(texts))


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


def grouped_oof(fit_score, y, groups, n_splits: int) -> np.ndarray:
    """Out-of-fold scores of the rows of ``y``, folds grouped by ``groups`` (e.g. website).

    ``fit_score(train_idx, test_idx)`` fits on the rows ``train_idx`` and returns the scores of
    the rows ``test_idx``. No website is both learned and judged, so a threshold chosen on
    these scores is what a new website would meet.
    """
    from sklearn.model_selection import GroupKFold

    oof = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=n_splits).split(np.arange(len(y)), y, groups):
        oof[te] = fit_score(tr, te)
    return oof


def binary_metrics(y_true, y_pred) -> dict:
    """Confusion counts, spam precision/recall/F1 and the article false-positive rate
    (``sklearn.metrics``; 0 where a ratio has nothing to count)."""
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    y_true = np.asarray(y_true, bool)
    y_pred = np.asarray(y_pred, bool)
    tn, fp, fn, tp = (int(v) for v in confusion_matrix(y_true, y_pred, labels=[False, True]).ravel())
    precision, recall, f1, _ = precision_recall_fscore_support(
        y_true, y_pred, labels=[True], average=None, zero_division=0)
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": float(precision[0]),
            "recall": float(recall[0]), "f1": float(f1[0]),
            "article_fpr": fp / (fp + tn) if fp + tn else 0.0}
