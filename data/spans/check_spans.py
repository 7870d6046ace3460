"""Check data/spans/mixed_spans.jsonl against the shared corpus, and print its counts.

    python data/spans/check_spans.py [--corpus ../shared/corpus] [--seed FILE] [--spans FILE]
                                     [--require-all]

For every annotation: the (page, para) row exists, the row's text has the recorded SHA-1 and
length, its `kind` matches, and the spans are [start, end) pairs of Python string offsets inside
the text, with start < end, sorted and non-overlapping (touching is allowed: two occurrences of a
brand written back to back are two spans). Exits 1 on any mismatch. Mixed rows without an
annotation are listed as a warning (an error with --require-all).

Standard library only; no corpus text is printed except with --show.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
SPANS = HERE / "mixed_spans.jsonl"


def load_spans(path=SPANS) -> dict[tuple[str, int], list[tuple[int, int]]]:
    """(page, para) -> sorted list of (start, end) character offsets (end exclusive)."""
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                rec = json.loads(line)
                out[(rec["page"], rec["para"])] = [tuple(s) for s in rec["spans"]]
    return out


def find_corpus(corpus=None) -> Path | None:
    """``corpus``, ``$SPAMDETECT_CORPUS``, or ``../shared/corpus`` beside the checkout or the
    current folder (the folder holding ``train.jsonl``)."""
    for c in (corpus, os.environ.get("SPAMDETECT_CORPUS"), REPO.parent / "shared" / "corpus",
              Path.cwd().parent / "shared" / "corpus"):
        if c and (Path(c) / "train.jsonl").is_file():
            return Path(c)
    return None


def read_rows(*paths) -> dict[tuple[str, int], dict]:
    rows = {}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    rows[(r["page"], r["para"])] = r
    return rows


def check_record(rec: dict, row: dict | None) -> list[str]:
    """Problems with one annotation (empty list when it is right)."""
    if row is None:
        return ["no such row in the corpus"]
    text = row["text"]
    errs = []
    if rec.get("text_sha1") != hashlib.sha1(text.encode("utf-8")).hexdigest():
        errs.append("text_sha1 differs from the row's text")
    if rec.get("length") != len(text):
        errs.append(f"length {rec.get('length')} != {len(text)}")
    if rec.get("kind") != row.get("kind"):
        errs.append(f"kind {rec.get('kind')!r} != row's {row.get('kind')!r}")
    if not row.get("mixed"):
        errs.append("the row is not marked mixed")
    spans = rec.get("spans")
    if not isinstance(spans, list) or not spans:
        return errs + ["no spans"]
    prev_end = 0
    for s in spans:
        if not (isinstance(s, list) and len(s) == 2 and all(type(x) is int for x in s)):
            errs.append(f"span {s!r} is not [int, int]")
            continue
        a, b = s
        if not 0 <= a < b <= len(text):
            errs.append(f"span {s} outside 0..{len(text)} or empty")
        if a < prev_end:
            errs.append(f"span {s} unsorted or overlapping the one before")
        prev_end = max(prev_end, b)
    return errs


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", help="corpus folder holding train.jsonl (default ../shared/corpus)")
    ap.add_argument("--seed", help="labeled seed page (default <corpus>/../seed/seed_page.labeled.jsonl)")
    ap.add_argument("--spans", default=str(SPANS), help="annotation file (default: beside this script)")
    ap.add_argument("--require-all", action="store_true",
                    help="fail when a mixed row has no annotation")
    ap.add_argument("--show", action="store_true",
                    help="print each paragraph with its spans bracketed, for reading (corpus text!)")
    args = ap.parse_args(argv)

    corpus = find_corpus(args.corpus)
    if corpus is None:
        print("check_spans: no corpus (give --corpus or put ../shared/corpus beside the checkout)",
              file=sys.stderr)
        return 2
    paths = [corpus / "train.jsonl"]
    seed = Path(args.seed) if args.seed else corpus.parent / "seed" / "seed_page.labeled.jsonl"
    if seed.is_file():
        paths.append(seed)
    elif args.seed:
        print(f"check_spans: no seed file {seed}", file=sys.stderr)
        return 2
    rows = read_rows(*paths)

    bad, seen, shares, n_spans, n_chars, total = 0, set(), [], 0, 0, 0
    with open(args.spans, encoding="utf-8") as f:
        recs = [json.loads(line) for line in f if line.strip()]
    for rec in recs:
        key = (rec.get("page"), rec.get("para"))
        errs = check_record(rec, rows.get(key))
        if key in seen:
            errs.append("annotated twice")
        seen.add(key)
        if errs:
            bad += 1
            for e in errs:
                print(f"MISMATCH {key[0]} para {key[1]}: {e}")
            continue
        chars = sum(b - a for a, b in rec["spans"])
        n_spans += len(rec["spans"])
        n_chars += chars
        total += rec["length"]
        shares.append(chars / rec["length"])
        if args.show:
            text, out, pos = rows[key]["text"], [], 0
            for a, b in rec["spans"]:
                out += [text[pos:a], "⟦", text[a:b], "⟧"]
                pos = b
            print(f"{key[0]} {key[1]}: {''.join(out)}{text[pos:]}")

    unannotated = sorted(k for k, r in rows.items() if r.get("mixed") and k not in seen)
    for k in unannotated:
        print(f"{'MISSING' if args.require_all else 'warning: not annotated'} {k[0]} para {k[1]}")

    print(f"{len(recs)} paragraphs ({len(recs) - bad} verified), {n_spans} spans, "
          f"{n_chars} spam characters of {total}")
    if shares:
        print(f"share of spam characters per paragraph: median {statistics.median(shares):.1%}, "
              f"min {min(shares):.1%}, max {max(shares):.1%}")
    print(f"mixed rows in the corpus{' and seed' if len(paths) > 1 else ''}: "
          f"{sum(1 for r in rows.values() if r.get('mixed'))}, not annotated: {len(unannotated)}")
    if bad or (args.require_all and unannotated):
        print(f"FAILED: {bad} annotation(s) wrong"
              + (f", {len(unannotated)} mixed row(s) missing" if args.require_all and unannotated else ""))
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
