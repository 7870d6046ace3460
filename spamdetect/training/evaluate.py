"""Website-grouped evaluation of a training recipe, and the three ways a row is scored in its
page (alone, with page context, with the page verdict)."""

from __future__ import annotations

import numpy as np

from ..context import group_pages, page_labels, page_scores
from ..scoring import binary_metrics
from .data import Row
from .recipe import fit_default

__all__ = ["score_rows_in_pages", "cross_validate", "binary_metrics"]


def score_rows_in_pages(model, rows: list[Row]) -> dict[str, np.ndarray]:
    """Score labeled rows three ways, grouping them into pages by ``page`` (ordered by ``para``).

    ``alone``: the paragraph model's probability; ``alone_spam``: its decision at the
    threshold; ``context_spam``: the decision with the page-context stage; ``page_spam``: what
    :func:`spamdetect.scan_page` reports, i.e. also every paragraph of a page judged a
    ``spam_page``.
    """
    alone = model.predict_proba([r.text for r in rows])[:, 1]
    out = {"alone": alone, "alone_spam": alone >= model.threshold_,
           "in_page": alone.copy(), "context_spam": np.zeros(len(rows), bool),
           "page_spam": np.zeros(len(rows), bool)}
    members = group_pages([r.page for r in rows], [r.para for r in rows], range(len(rows)))
    texts = [[rows[i].text for i in m] for m in members]
    decided = page_scores(model, texts, probas=[alone[m] for m in members])
    for m, page, (scores, spam) in zip(members, texts, decided):
        out["in_page"][m] = scores
        out["context_spam"][m] = spam
        out["page_spam"][m] = page_labels(page, spam)[1]
    return out


def cross_validate(rows: list[Row], *, folds=5, fit=fit_default, seed=0, **params) -> dict:
    """Website-grouped K-fold evaluation of a training recipe on the hand-labeled rows.

    Hosts of the labeled rows are split into ``folds``; each fold's model is fitted on the
    other hosts plus every auxiliary row and scored on the held-out hosts. Returns figures for
    paragraphs alone and in their page, with and without the rows marked ``unsure``, and the
    out-of-fold predictions for error analysis.
    """
    from sklearn.model_selection import GroupKFold

    labeled = np.flatnonzero([r.source == "labeled" for r in rows])
    aux = [rows[i] for i in np.flatnonzero([r.source != "labeled" for r in rows])]
    hosts = np.array([rows[i].host or rows[i].page for i in labeled])
    pred = {k: np.zeros(len(labeled), dtype=float if k in ("alone", "in_page") else bool)
            for k in ("alone", "in_page", "alone_spam", "context_spam", "page_spam")}
    for tr, te in GroupKFold(n_splits=folds).split(labeled, groups=hosts):
        model = fit([rows[i] for i in labeled[tr]] + aux, **params)
        scored = score_rows_in_pages(model, [rows[i] for i in labeled[te]])
        for k, v in scored.items():
            pred[k][te] = v
    y = np.array([rows[i].label == "spam" for i in labeled])
    sure = ~np.array([rows[i].unsure for i in labeled])
    return {
        "paragraph": binary_metrics(y, pred["alone_spam"]),
        "in_page": binary_metrics(y, pred["context_spam"]),
        "page_pipeline": binary_metrics(y, pred["page_spam"]),
        "page_pipeline_sure_only": binary_metrics(y[sure], pred["page_spam"][sure]),
        "n_labeled": int(len(labeled)), "n_hosts": int(len(set(hosts))), "folds": folds,
        "predictions": {"index": labeled.tolist(), **{k: v.tolist() for k, v in pred.items()}},
    }
