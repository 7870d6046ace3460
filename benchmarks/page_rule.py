"""Choose the page-verdict rule (``spamdetect.pages.page_verdict``) on the labeled corpus pages.

About two thirds of the corpus spam is bland SEO filler on gambling pages that only the page
around it reveals; a page rule that calls such a page a ``spam_page`` labels all of it spam.
This script measures what candidate rules do to paragraph-level spam precision/recall/F1 and to
the article false-positive rate, and how many pages each calls a spam page -- in particular how
many *infected* pages (real pages with an injected block, whose articles must survive) it
wrongly turns into spam pages.

Scores are out-of-fold: ``cross_val_predict`` with 5 folds grouped by host, so no page is scored
by a model that saw its website. The seed page (a real news article with an injected block) is
scored by a model fitted on the whole corpus; it must stay ``infected``.

    python benchmarks/page_rule.py [--corpus ../shared/corpus/train.jsonl] [--seed ../shared/seed/seed_page.labeled.jsonl]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import numpy as np
from sklearn.model_selection import GroupKFold, cross_val_predict

from spamdetect.model import SpamClassifier, choose_threshold
from spamdetect.pages import page_verdict

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared"

# name -> keyword arguments of page_verdict (None: no page rule, paragraph labels only)
RULES = {
    "paragraphs only": None,
    "share>=0.3 min2 len>=20": dict(spam_share=0.3, min_spam=2, min_chars=20),
    "share>=0.4 min2 len>=20": dict(spam_share=0.4, min_spam=2, min_chars=20),
    "share>=0.5 min2 len>=20": dict(spam_share=0.5, min_spam=2, min_chars=20),
    "share>=0.6 min2 len>=20": dict(spam_share=0.6, min_spam=2, min_chars=20),
    "share>=0.5 min3 len>=20": dict(spam_share=0.5, min_spam=3, min_chars=20),
    "share>=0.5 min2 len>=10": dict(spam_share=0.5, min_spam=2, min_chars=10),
    "share>=0.5 min2 len>=40": dict(spam_share=0.5, min_spam=2, min_chars=40),
}


def load_pages(path) -> dict[str, list[dict]]:
    """Corpus rows grouped by page, each page's paragraphs in ``para`` order."""
    pages = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            pages[row["page"]].append(row)
    return {k: sorted(v, key=lambda r: r["para"]) for k, v in pages.items()}


def apply_rule(pages, scores, threshold, rule):
    """Predicted spam (bool) per paragraph, and the verdict per page."""
    pred, verdicts = {}, {}
    for page, rows in pages.items():
        s = scores[page]
        texts = [r["text"] for r in rows]
        flagged = [x >= threshold for x in s]
        if rule is None:
            verdict = "clean" if not any(flagged) else "infected"
        else:
            verdict = page_verdict(texts, flagged, **rule)
        verdicts[page] = verdict
        pred[page] = [verdict == "spam_page" or f for f in flagged]
    return pred, verdicts


def true_page_kind(rows, min_chars=20) -> str:
    """``spam_page`` when labels make most substantial paragraphs spam, else ``infected``/``clean``."""
    sub = [r["label"] == "spam" for r in rows if len(r["text"]) >= min_chars] or [r["label"] == "spam" for r in rows]
    if not any(r["label"] == "spam" for r in rows):
        return "clean"
    return "spam_page" if sum(sub) >= 0.5 * len(sub) else "infected"


def figures(pages, pred, verdicts, skip_unsure=True) -> dict:
    truth = {page: true_page_kind(rows) for page, rows in pages.items()}
    tp = fp = fn = tn = fp_real = 0
    for page, rows in pages.items():
        for r, p in zip(rows, pred[page]):
            if skip_unsure and r.get("unsure"):
                continue
            y = r["label"] == "spam"
            tp += y and p
            fp += (not y) and p
            fn += y and not p
            tn += (not y) and not p
            fp_real += (not y) and p and truth[page] != "spam_page"
    prec = tp / max(tp + fp, 1)
    rec = tp / max(tp + fn, 1)
    return {
        "P": prec, "R": rec, "F1": 2 * prec * rec / max(prec + rec, 1e-9),
        "art_fpr": fp / max(fp + tn, 1), "art_fp": fp, "art_fp_real": fp_real,
        "spam_pages_found": sum(verdicts[p] == "spam_page" and truth[p] == "spam_page" for p in pages),
        "spam_pages_true": sum(t == "spam_page" for t in truth.values()),
        "infected_as_spam_page": sum(verdicts[p] == "spam_page" and truth[p] != "spam_page" for p in pages),
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=SHARED / "corpus" / "train.jsonl")
    ap.add_argument("--seed", default=SHARED / "seed" / "seed_page.labeled.jsonl")
    args = ap.parse_args(argv)

    pages = load_pages(args.corpus)
    rows = [r for page in pages.values() for r in page]
    texts = [r["text"] for r in rows]
    labels = np.array([r["label"] for r in rows])
    hosts = [r["host"] for r in rows]
    proba = cross_val_predict(SpamClassifier(), texts, labels, groups=hosts, cv=GroupKFold(5),
                              method="predict_proba")[:, 1]
    scores, i = {}, 0
    for page, prs in pages.items():
        scores[page] = proba[i:i + len(prs)].tolist()
        i += len(prs)
    y01 = (labels == "spam").astype(int)
    thresholds = {"0.5": 0.5, "FPR<=5%": choose_threshold(proba, y01, 0.05),
                  "FPR<=2%": choose_threshold(proba, y01, 0.02)}

    seed = load_pages(args.seed) if Path(args.seed).exists() else {}
    seed_scores = {}
    if seed:
        full = SpamClassifier().fit(texts, labels)
        seed_scores = {p: full.predict_proba([r["text"] for r in rs])[:, 1].tolist() for p, rs in seed.items()}

    n_spam = int(y01.sum())
    print(f"{len(pages)} pages, {len(rows)} paragraphs ({n_spam} spam), out-of-fold scores, "
          f"5 folds grouped by host; unsure paragraphs left out of P/R/F1/FPR\n")
    for tname, thr in thresholds.items():
        print(f"paragraph threshold {tname} = {thr:.3f}")
        print(f"{'rule':<26} {'P':>5} {'R':>5} {'F1':>5} {'art FPR':>10} {'FP real':>7} {'spam pages':>10} "
              f"{'infected->spam_page':>20} {'seed':>9}")
        for name, rule in RULES.items():
            pred, verdicts = apply_rule(pages, scores, thr, rule)
            f = figures(pages, pred, verdicts)
            seed_verdict = apply_rule(seed, seed_scores, thr, rule)[1] if seed else {}
            print(f"{name:<26} {f['P']:5.3f} {f['R']:5.3f} {f['F1']:5.3f} "
                  f"{f['art_fpr']:6.3f}({f['art_fp']:3d}) {f['art_fp_real']:>7} {f['spam_pages_found']:>5}/{f['spam_pages_true']:<4} "
                  f"{f['infected_as_spam_page']:>20} {', '.join(seed_verdict.values()) or '-':>9}")
        print()


if __name__ == "__main__":
    main()
