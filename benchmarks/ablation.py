"""Ablation tables of the model card: what each feature block and each training source buys.

Every row is a full website-grouped cross-validation (``spamdetect.training.cross_validate``,
the same folds as ``spamdetect evaluate --cv``) of the shipped recipe with one thing changed:

    python benchmarks/ablation.py              # needs ../shared; ~15 min on 2 cores
    python benchmarks/ablation.py --jobs 1 --folds 5

Prints two markdown tables (features, sources) with spam F1 and article false-positive rate
for the paragraph alone, in its page (page context) and through the page pipeline (what
``scan_page`` reports).
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor

from spamdetect.training import cross_validate, default_training_set, find_corpus

SHIPPED = "**shipped**"
FEATURES = {
    "words only (+ last clause)": ({}, {"analyzer": "word"}),
    "characters only": ({}, {"analyzer": "char"}),
    "words + characters, no last-clause block": ({}, {"tail_words": False}),
    SHIPPED + ": words + characters + last clause": ({}, {}),
}
SOURCES = {
    "`train.jsonl` only": ({"ext_clean": False, "synthetic": False, "lexicon": False,
                            "infected_pages": False, "handwritten": False}, {}),
    "without clean ext text": ({"ext_clean": False}, {}),
    "without synthetic rows": ({"synthetic": False}, {}),
    "without lexicon stuffing": ({"lexicon": False}, {}),
    "without infected pseudo-pages (page context)": ({"infected_pages": False}, {}),
    "without the hand-written clean pages": ({"handwritten": False}, {}),
    SHIPPED + ": all sources": ({}, {}),
}
STAGES = (("paragraph", "paragraph"), ("in page", "in_page"), ("page pipeline", "page_pipeline"))


def run(job):
    name, corpus, folds, data_switches, params = job
    t = time.perf_counter()
    rows = default_training_set(corpus, **data_switches)
    result = cross_validate(rows, folds=folds, **params)
    return name, {k: result[k] for _, k in STAGES}, time.perf_counter() - t


def cell(m) -> str:
    return f"{m['f1']:.3f} / {100 * m['article_fpr']:.1f} % ({m['fp']})"


def table(title, names, results) -> str:
    lines = [f"### {title}", "",
             "| variant | " + " | ".join(f"{s} F1 / article FPR (FPs)" for s, _ in STAGES) + " |",
             "|---|" + "---|" * len(STAGES)]
    for name in names:
        lines.append(f"| {name} | " + " | ".join(cell(results[name][k]) for _, k in STAGES) + " |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=None, help="the shared corpus folder (default: ../shared/corpus)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--jobs", type=int, default=2, help="cross-validations run side by side")
    args = ap.parse_args(argv)
    corpus = find_corpus(args.corpus)
    if corpus is None:
        print("ablation: needs the shared corpus (../shared/corpus or --corpus)", file=sys.stderr)
        return 2
    variants = {**FEATURES, **SOURCES}
    # the shipped recipe is one run, shown in both tables
    jobs = [(name, corpus, args.folds, *spec) for name, spec in variants.items()
            if name != SHIPPED + ": all sources"]
    t0 = time.perf_counter()
    results = {}
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for name, metrics, seconds in pool.map(run, jobs):
            results[name] = metrics
            print(f"  {name}: {seconds:.0f} s", file=sys.stderr)
    results[SHIPPED + ": all sources"] = results[SHIPPED + ": words + characters + last clause"]
    print(f"Website-grouped {args.folds}-fold cross-validation on {corpus / 'train.jsonl'}, "
          f"{time.perf_counter() - t0:.0f} s with {args.jobs} jobs.\n")
    print(table("Features (all sources)", FEATURES, results))
    print()
    print(table("Training sources (all features)", SOURCES, results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
