"""Website-grouped evaluation of a training recipe, and the three ways a row is scored in its
page (alone, with page context, with the page verdict)."""

from __future__ import annotations

import numpy as np

import re

from ..context import decide_pages, group_pages, is_spam_page
from ..normalize import normalize_many
from ..scoring import binary_metrics
from .data import Row
from .recipe import fit_default

__all__ = ["score_rows_in_pages", "cross_validate", "binary_metrics", "page_figures",
           "HARD_NEGATIVE_TERMS"]


def score_rows_in_pages(model, rows: list[Row]) -> dict:
    """Score labeled rows in their pages (grouped by ``page``, ordered by ``para``).

    ``alone``: the paragraph model's probability; ``alone_spam``: its decision at the
    threshold; ``in_page``/``context_spam``: the score and decision in the page before the
    verdict (page context, clause phrases); ``page_spam``: what :func:`spamdetect.scan_page`
    reports; ``spans``: the reported spans of each row (``[(start, end)]``); ``kept``: what a
    cleaner keeps of each row (``None``: dropped); ``verdicts``: page id -> verdict.
    """
    from ..spans import cut_spans

    alone = model.predict_proba([r.text for r in rows])[:, 1]
    out = {"alone": alone, "alone_spam": alone >= model.threshold_,
           "in_page": alone.copy(), "context_spam": np.zeros(len(rows), bool),
           "page_spam": np.zeros(len(rows), bool), "spans": [[] for _ in rows],
           "kept": [r.text for r in rows], "verdicts": {}}
    members = group_pages([r.page for r in rows], [r.para for r in rows], range(len(rows)))
    texts = [[rows[i].text for i in m] for m in members]
    for m, page, d in zip(members, texts, decide_pages(model, texts, probas=[alone[m] for m in members])):
        out["in_page"][m] = d.scores
        out["context_spam"][m] = d.in_page
        out["page_spam"][m] = d.is_spam
        out["verdicts"][rows[m[0]].page] = d.verdict
        for i, text, spans, spam in zip(m, page, d.spans, d.is_spam):
            out["spans"][i] = [(s.start, s.end) for s in spans]
            out["kept"][i] = cut_spans(text, spans) if spam and d.verdict != "spam_page" else (
                None if spam else text)
    return out



# Words that put a paragraph among the hard negatives: text *about* gambling, lotteries or porn
# (labeled article). Written for spamdetect; matched on normalised (Simplified, lower-case) text.
HARD_NEGATIVE_TERMS = re.compile(
    r"赌|博彩|彩票|彩民|百家乐|娱乐城|投注|下注|六合彩|赛马|马会|体彩|福彩|双色球|大乐透|开奖|"
    r"澳门|葡京|威尼斯人|金沙|永利|老虎机|扑克|麻将|色情|淫秽|卖淫|嫖|成人|情色|porn|casino|bet")


def _f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def page_figures(rows, flagged, verdicts, *, spans=None, pred_spans=None, kept=None) -> dict:
    """The figures of issue 8 from per-row decisions, infected and clean pages apart.

    ``rows``: labeled rows (``page``, ``label``, ``mixed``...); ``flagged``: the page
    pipeline's spam decision per row; ``verdicts``: page id -> verdict. ``spans``/``pred_spans``
    (optional): annotated and predicted spans of the mixed rows, as ``{row index: [(s, e)]}``,
    for character-overlap span precision/recall; ``kept``: ``{row index: kept text}`` of the
    cleaner, for the share of a mixed paragraph's article characters it keeps.
    """
    flagged = np.asarray(flagged, bool)
    y = np.array([r.label == "spam" for r in rows])
    mixed = np.array([bool(getattr(r, "mixed", False)) for r in rows])
    by_page: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_page.setdefault(r.page, []).append(i)
    infected = [p for p, m in by_page.items() if y[m].any()]
    clean = [p for p, m in by_page.items() if not y[m].any()]
    # promotion pages by their labels: spam through and through (a mixed row is an article's)
    lengths = np.array([len(r.text) for r in rows])
    promotion = {p for p in infected if is_spam_page(lengths[by_page[p]], (y & ~mixed)[by_page[p]])}
    inf_rows = np.array([i for p in infected for i in by_page[p]], int)
    clean_rows = np.array([i for p in clean for i in by_page[p]], int)
    tp = int((y & flagged)[inf_rows].sum())
    fp_inf = int((~y & flagged)[inf_rows].sum())
    fn = int((y & ~flagged)[inf_rows].sum())
    precision = tp / (tp + fp_inf) if tp + fp_inf else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    article = ~y
    norm = normalize_many([r.text for r in rows])
    hard = np.array([bool(HARD_NEGATIVE_TERMS.search(t)) for t in norm]) & article
    out = {
        "infected_pages": {
            "pages": len(infected), "paragraphs": int(len(inf_rows)),
            "spam_precision": precision, "spam_recall": recall, "spam_f1": _f1(precision, recall),
            "mixed_recall": float(flagged[mixed].mean()) if mixed.any() else None,
            "pages_found": sum(bool(flagged[by_page[p]].any()) for p in infected) / max(len(infected), 1),
            "pages_missed": sum(not flagged[by_page[p]].any() for p in infected),
            "spam_pages": len(promotion),
            "spam_pages_called_spam_page": sum(verdicts.get(p) == "spam_page" for p in promotion),
            # an infected article deleted whole: its real text goes with the spam
            "articles_called_spam_page": sum(verdicts.get(p) == "spam_page" for p in infected
                                             if p not in promotion),
        },
        "clean_pages": {
            "pages": len(clean), "paragraphs": int(len(clean_rows)),
            "article_fpr": float(flagged[clean_rows].mean()) if len(clean_rows) else 0.0,
            "false_positives": int(flagged[clean_rows].sum()),
            "pages_with_a_flag": sum(bool(flagged[by_page[p]].any()) for p in clean) / max(len(clean), 1),
            "pages_called_spam_page": sum(verdicts.get(p) == "spam_page" for p in clean),
        },
        "hard_negatives": {
            "paragraphs": int(hard.sum()),
            "fpr": float(flagged[hard].mean()) if hard.any() else 0.0,
            "false_positives": int(flagged[hard].sum()),
        },
        "all_pages": {
            "article_fpr": float(flagged[article].mean()),
            "false_positives": int(flagged[article].sum()),
        },
    }
    if spans:
        tp_c = fp_c = fn_c = 0
        for i, truth_spans in spans.items():
            n = len(rows[i].text)
            truth = np.zeros(n, bool)
            pred = np.zeros(n, bool)
            for s, e in truth_spans:
                truth[s:e] = True
            for s, e in (pred_spans or {}).get(i, []):
                pred[s:e] = True
            tp_c += int((truth & pred).sum())
            fp_c += int((~truth & pred).sum())
            fn_c += int((truth & ~pred).sum())
        sp_p = tp_c / (tp_c + fp_c) if tp_c + fp_c else 0.0
        sp_r = tp_c / (tp_c + fn_c) if tp_c + fn_c else 0.0
        out["spans"] = {"paragraphs": len(spans), "char_precision": sp_p, "char_recall": sp_r,
                        "char_f1": _f1(sp_p, sp_r)}
        if kept is not None:
            # a mixed row's article characters (outside its annotated spans) that the cleaner
            # keeps: none when it drops the row, else those outside the reported spans
            art_chars = kept_chars = 0
            for i, truth_spans in spans.items():
                n = len(rows[i].text)
                article_part = np.ones(n, bool)
                for s, e in truth_spans:
                    article_part[s:e] = False
                art_chars += int(article_part.sum())
                if kept.get(i) is None:
                    continue
                cut = np.zeros(n, bool)
                for s, e in (pred_spans or {}).get(i, []):
                    cut[s:e] = True
                kept_chars += int((article_part & ~cut).sum())
            out["spans"]["article_chars_kept"] = kept_chars / art_chars if art_chars else 0.0
    return out


def cross_validate(rows: list[Row], *, folds=5, fit=fit_default, seed=0, **params) -> dict:
    """Website-grouped K-fold evaluation of a training recipe on the hand-labeled rows.

    Hosts of the labeled rows are split into ``folds``; each fold's model is fitted on the
    other hosts plus every auxiliary row and scored on the held-out hosts. Returns the figures
    of :func:`page_figures` for the page pipeline (infected pages, clean pages and hard
    negatives apart, spans), paragraph-level figures for each stage, the same without the rows
    marked ``unsure``, and the out-of-fold predictions for error analysis.
    """
    from sklearn.model_selection import GroupKFold

    labeled = np.flatnonzero([r.source == "labeled" for r in rows])
    aux = [rows[i] for i in np.flatnonzero([r.source != "labeled" for r in rows])]
    hosts = np.array([rows[i].host or rows[i].page for i in labeled])
    n = len(labeled)
    pred = {k: np.zeros(n, dtype=float if k in ("alone", "in_page") else bool)
            for k in ("alone", "in_page", "alone_spam", "context_spam", "page_spam")}
    spans: list = [[] for _ in range(n)]
    kept: list = [None] * n
    verdicts: dict = {}
    for tr, te in GroupKFold(n_splits=folds).split(labeled, groups=hosts):
        model = fit([rows[i] for i in labeled[tr]] + aux, **params)
        scored = score_rows_in_pages(model, [rows[i] for i in labeled[te]])
        for k in pred:
            pred[k][te] = scored[k]
        for j, i in enumerate(te):
            spans[i], kept[i] = scored["spans"][j], scored["kept"][j]
        verdicts.update(scored["verdicts"])
    lab_rows = [rows[i] for i in labeled]
    y = np.array([r.label == "spam" for r in lab_rows])
    sure = ~np.array([r.unsure for r in lab_rows])
    annotated = {j: r.spans for j, r in enumerate(lab_rows) if r.spans}
    figures = page_figures(lab_rows, pred["page_spam"], verdicts, spans=annotated,
                           pred_spans={j: spans[j] for j in annotated},
                           kept={j: kept[j] for j in annotated})
    return {
        **figures,
        "paragraph": binary_metrics(y, pred["alone_spam"]),
        "in_page": binary_metrics(y, pred["context_spam"]),
        "page_pipeline": binary_metrics(y, pred["page_spam"]),
        "page_pipeline_sure_only": binary_metrics(y[sure], pred["page_spam"][sure]),
        "n_labeled": int(n), "n_hosts": int(len(set(hosts))), "folds": folds,
        "predictions": {"index": labeled.tolist(), **{k: v.tolist() for k, v in pred.items()},
                        "spans": spans, "verdicts": verdicts},
    }
