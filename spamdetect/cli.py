"""The ``spamdetect`` command line: classify, scan, train, evaluate.

Exit codes: 0 done; 1 ``scan --fail-on-spam`` found infected pages (reserved for that); 2 usage
or input errors (a bad option, a bad training row, single-class training data, a corrupt model
file, a missing corpus, an output that cannot be written), always as one line on stderr and
never a traceback; 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys

from ._version import __version__


class UsageError(Exception):
    """Bad arguments that argparse cannot see (e.g. no data and no corpus): exit code 2."""


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line on stderr (exit 2), as every other user error:
    scripts and log scrapers read one line, not argparse's usage block."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def int_at_least(minimum: int, why: str = ""):
    """An argparse ``type`` for integers >= ``minimum`` (``why`` is added to the error)."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
        if n < minimum:
            raise argparse.ArgumentTypeError(f"must be >= {minimum}{why}, got {n}")
        return n

    return parse


# ``--cv K``: one fold would train on nothing; 0 used to evaluate the shipped model instead, silently
folds = int_at_least(2, " (folds)")


def _cmd_classify(args) -> int:
    from .api import classify_many, load_model

    model = load_model(args.model)
    if args.text == ["-"]:
        lines = (line.rstrip("\r\n") for line in sys.stdin)
    else:
        lines = iter(args.text)
    batch: list[str] = []

    def flush():
        for text, r in zip(batch, classify_many(batch, model=model, evidence=args.evidence)):
            rec = {"label": r.label, "score": round(r.score, 6), "text": text}
            if args.evidence:
                rec["evidence"] = [[f, round(w, 4)] for f, w in r.evidence]
            sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
        sys.stdout.flush()
        batch.clear()

    for line in lines:
        batch.append(line)
        if len(batch) >= 512:
            flush()
    flush()
    return 0


def _training_rows(args):
    from .training import default_training_set, find_corpus, read_labeled

    if args.data:
        rows = read_labeled(args.data)
        if not rows:
            raise UsageError("no labeled rows in " + ", ".join(args.data))
        return rows, {"sources": [str(p) for p in args.data]}
    corpus = find_corpus(args.corpus)
    if corpus is None:
        raise UsageError("no DATA given and no corpus found "
                         "(pass --corpus DIR or set SPAMDETECT_CORPUS)")
    try:
        rows = default_training_set(corpus, ext_clean=not args.no_ext_clean,
                                    synthetic=not args.no_synthetic,
                                    handwritten=not args.no_handwritten, seed=args.seed)
    except FileNotFoundError as exc:  # the recipe's hand-written pages live in a source checkout
        raise UsageError(str(exc)) from None
    counts: dict[str, int] = {}
    for r in rows:
        counts[r.source] = counts.get(r.source, 0) + 1
    return rows, {"recipe": "default", "corpus": corpus.name, "rows_by_source": counts}


def _need_both_labels(rows):
    labels = sorted({r.label for r in rows if r.source == "labeled"} or {r.label for r in rows})
    if len(labels) < 2:
        raise UsageError(f"training data has only {labels[0] if labels else 'no'} rows: "
                         f"a model needs both article and spam rows")


def _cmd_train(args) -> int:
    from .fsutil import check_writable_file
    from .persist import save_model
    from .training import data_hash, fit_default

    problem = check_writable_file(args.output, make_parents=True)  # before, not after, training
    if problem:
        raise UsageError(problem)
    rows, info = _training_rows(args)
    _need_both_labels(rows)
    print(f"training on {len(rows)} rows ...", file=sys.stderr)
    model = fit_default(rows, target_fpr=args.target_fpr)
    info.update({"training_rows": len(rows), "training_data_sha256": data_hash(rows)})
    path = save_model(model, args.output, metadata=info)
    summary = {"model": str(path), "threshold": model.threshold_, "validation": model.validation_}
    if model.page_context_ is not None:
        summary["page_context_validation"] = model.page_context_.validation_
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    return 0


def _cmd_evaluate(args) -> int:
    from .scoring import binary_metrics
    from .training import cross_validate, score_rows_in_pages
    from .training.evaluate import page_figures
    import numpy as np

    rows, info = _training_rows(args)
    if args.cv is not None:
        _need_both_labels(rows)
        hosts = {r.host or r.page for r in rows if r.source == "labeled"}
        if args.cv > len(hosts):
            raise UsageError(f"--cv {args.cv}: the data has only {len(hosts)} websites to split into folds")
        result = cross_validate(rows, folds=args.cv)
        result.pop("predictions")
        result.update(info)
    else:
        from .api import load_model

        model = load_model(args.model)
        scored = score_rows_in_pages(model, rows)
        y = np.array([r.label == "spam" for r in rows])
        result = {"model": str(args.model or "default"), "rows": len(rows),
                  **page_figures(rows, scored["page_spam"], scored["verdicts"]),
                  "paragraph": binary_metrics(y, scored["alone_spam"]),
                  "in_page": binary_metrics(y, scored["context_spam"]),
                  "page_pipeline": binary_metrics(y, scored["page_spam"])}
    print(json.dumps(result, ensure_ascii=False, indent=1))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="spamdetect", description="Find injected spam paragraphs in Chinese web pages.")
    parser.add_argument("--version", action="version", version=f"spamdetect {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("classify", help="classify paragraphs given as arguments, or '-' for stdin "
                                         "(one paragraph a line); JSON Lines out")
    p.add_argument("text", nargs="+", help="paragraph(s), or '-' to read lines from stdin")
    p.add_argument("--model", help="model file (default: the shipped model)")
    p.add_argument("--evidence", type=int, default=5, metavar="K",
                   help="include the K features that weighed most (0: none; default 5)")
    p.set_defaults(func=_cmd_classify)

    from .scan import register_cli

    register_cli(sub)
    from .report import register_cli as register_report_cli
    register_report_cli(sub)
    from .corpus import register_cli as register_clean_cli
    register_clean_cli(sub)

    for name, func, helptext in (
            ("train", _cmd_train, "fit a model and write it to a file"),
            ("evaluate", _cmd_evaluate, "score labeled data with a model, or cross-validate "
                                        "the training recipe grouped by website (--cv)")):
        p = sub.add_parser(name, help=helptext)
        p.add_argument("data", nargs="*", metavar="DATA",
                       help="labeled JSON Lines files (fields: text, label, host, page, para); "
                            "none: the shipped recipe on the shared corpus")
        p.add_argument("--corpus", help="the shared corpus folder (default: ../shared/corpus)")
        p.add_argument("--no-synthetic", action="store_true", help="shipped recipe without synthetic rows")
        p.add_argument("--no-ext-clean", action="store_true",
                       help="shipped recipe without clean text from other corpora")
        p.add_argument("--no-handwritten", action="store_true",
                       help="shipped recipe without the project's hand-written clean pages")
        p.add_argument("--seed", type=int, default=0)
        p.set_defaults(func=func)
        if name == "train":
            p.add_argument("-o", "--output", required=True, help="model file to write (.npz)")
            p.add_argument("--target-fpr", type=float, default=0.005,
                           help="article false-positive budget for the threshold (default 0.005)")
        else:
            p.add_argument("--model", help="model file (default: the shipped model)")
            p.add_argument("--cv", type=folds, metavar="K",
                           help="website-grouped K-fold cross-validation (K >= 2) instead of a model")
    return parser


def main(argv=None) -> int:
    from .persist import ModelFileError
    from .training import DataError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (DataError, ModelFileError, UsageError) as exc:
        print(f"spamdetect: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `spamdetect classify - | head`
        return 0
    except OSError as exc:  # an output that cannot be written (disk full, read-only, ...)
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"spamdetect: error: {where}{exc.strerror or exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
