"""Read the hand-written page sets with the fold models of the cross-validation.

The shipped model's figures on ``data/fixtures/<set>_clean.jsonl`` and ``<set>_infected.jsonl``
flatter it: every set but the newest was read while page rules were made, and the rules were
made from the shipped model's errors on them. The five fold models of ``spamdetect evaluate
--cv 5`` (fitted by the shipped recipe on four fifths of the corpus's websites) never had a rule
made from their scores, and they differ from each other as much as models of unseen data do:
how many clean pages they flag is the better guess of what unseen clean pages meet.

Prints, per set, the clean pages with any paragraph flagged and the infected pages with any spam
found, for each fold model, their sum, and the shipped model's figure. Since the ninth session
the recipe trains on the clean pages of the earlier sets (``recipe.HANDWRITTEN_CLEAN``): every
model, fold or shipped, has seen them, so their clean columns show what was learned and are
marked ``trained on``; the clean total counts the held-out sets only. Infected pages are never
trained on.

    python benchmarks/handwritten.py [--corpus ../shared/corpus] [--folds 5] [--sets pages,blind6]
        [--save DIR | --load DIR]

Needs ``../shared`` to fit (about 8 minutes on 2 cores); ``--save DIR`` keeps the fold models
(pickles, a few hundred MB) for ``--load DIR``, which only reads the pages.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np

from spamdetect.training.recipe import FIXTURES, HANDWRITTEN_CLEAN


def page_sets(names=None) -> dict:
    """``{set: (clean pages, infected pages)}``, each a list of pages of ``(text, is_spam)``."""
    found = sorted(p.name[: -len("_clean.jsonl")] for p in FIXTURES.glob("*_clean.jsonl")
                   if (FIXTURES / p.name.replace("_clean", "_infected")).exists())
    out = {}
    for name in names or found:
        halves = []
        for kind in ("clean", "infected"):
            pages = defaultdict(list)
            with open(FIXTURES / f"{name}_{kind}.jsonl", encoding="utf-8") as f:
                for line in f:
                    row = json.loads(line)
                    pages[row["page"]].append((row["text"], row["label"] == "spam"))
            halves.append(list(pages.values()))
        out[name] = tuple(halves)
    return out


def read_pages(model, pages) -> tuple[int, int, int]:
    """(pages with any paragraph flagged, pages with spam found, spam paragraphs found)."""
    from spamdetect.context import decide_pages

    decisions = decide_pages(model, [[t for t, _ in page] for page in pages])
    flagged = found = hits = 0
    for page, d in zip(pages, decisions):
        y = np.array([s for _, s in page])
        flagged += bool(d.is_spam.any())
        found += bool((d.is_spam & y).any())
        hits += int((d.is_spam & y).sum())
    return flagged, found, hits


def fold_models(corpus, folds: int):
    """The fold models of ``spamdetect evaluate --cv``: the same website-grouped split."""
    from sklearn.model_selection import GroupKFold

    from spamdetect.training.recipe import default_training_set, fit_default

    rows = default_training_set(corpus)
    labeled = np.flatnonzero([r.source == "labeled" for r in rows])
    aux = [rows[i] for i in np.flatnonzero([r.source != "labeled" for r in rows])]
    hosts = np.array([rows[i].host or rows[i].page for i in labeled])
    for k, (tr, _) in enumerate(GroupKFold(n_splits=folds).split(labeled, groups=hosts)):
        t = time.perf_counter()
        yield fit_default([rows[i] for i in labeled[tr]] + aux)
        print(f"fold {k + 1}/{folds} fitted in {time.perf_counter() - t:.0f} s", file=sys.stderr)


def main(argv=None) -> int:
    from spamdetect import load_model
    from spamdetect.training.data import find_corpus

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", help="corpus folder (default $SPAMDETECT_CORPUS or ../shared/corpus)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--sets", help="comma-separated set names (default: every pair in data/fixtures)")
    group = ap.add_mutually_exclusive_group()
    group.add_argument("--save", help="keep the fold models in this folder")
    group.add_argument("--load", help="read the fold models saved here instead of fitting")
    args = ap.parse_args(argv)
    sets = page_sets(args.sets.split(",") if args.sets else None)
    if args.load:
        models = [pickle.load(open(p, "rb")) for p in sorted(Path(args.load).glob("fold*.pkl"))]
    else:
        corpus = find_corpus(args.corpus)
        if corpus is None:
            ap.error("no corpus: pass --corpus DIR or set SPAMDETECT_CORPUS (fitting needs ../shared)")
        models = []
        for k, model in enumerate(fold_models(corpus, args.folds)):
            models.append(model)
            if args.save:
                Path(args.save).mkdir(parents=True, exist_ok=True)
                with open(Path(args.save) / f"fold{k}.pkl", "wb") as f:
                    pickle.dump(model, f)
    shipped = load_model()
    print(f"{len(models)} fold models; per set: each fold model's count | their sum of "
          f"pages x models | the shipped model\n")
    print("| set | clean pages flagged (fold models) | sum | shipped | infected pages found (fold models) | sum | shipped |")
    print("|---|---|---|---|---|---|---|")
    totals = np.zeros(4, int)
    for name, (clean, infected) in sets.items():
        c = [read_pages(m, clean)[0] for m in models]
        i = [read_pages(m, infected)[1] for m in models]
        cs, is_ = read_pages(shipped, clean)[0], read_pages(shipped, infected)[1]
        trained = name in HANDWRITTEN_CLEAN
        if not trained:
            totals[:2] += [sum(c), len(clean) * len(models)]
        totals[2:] += [sum(i), len(infected) * len(models)]
        mark = " (trained on)" if trained else ""
        print(f"| {name} | {' '.join(map(str, c))} of {len(clean)}{mark} | {sum(c)} of {len(clean) * len(models)} "
              f"| {cs} of {len(clean)} | {' '.join(map(str, i))} of {len(infected)} "
              f"| {sum(i)} of {len(infected) * len(models)} | {is_} of {len(infected)} |")
    print(f"| all (clean: held-out sets only) | | {totals[0]} of {totals[1]} ({totals[0] / max(totals[1], 1):.1%}) | | "
          f"| {totals[2]} of {totals[3]} ({totals[2] / max(totals[3], 1):.1%}) | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
