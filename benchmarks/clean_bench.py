"""Throughput of corpus cleaning beside ``classify_many`` on the same text (not a timed test).

Issue 12 asks that ``spamdetect clean`` on one process run within 15 % of ``classify_many`` on
the same text: reading and writing must not dominate. This script makes a JSON Lines corpus
from the paragraphs of the hand-written sample pages (``examples/make_examples.py``: articles,
injected promotions, a gambling-SEO page), documents of 8-30 paragraphs with spam spliced into
some, and times, on one process with the model already loaded:

* ``classify_many``: every line of every document, ``batch_size=2048`` (the reference);
* ``classify_pages``: the same documents through the page pipeline in batches of
  ``BATCH_DOCS``, in memory, with a result object per paragraph as ``scan`` makes them (the
  page stage -- page context, chrome, names, verdicts -- is what ``clean`` adds on top of the
  paragraph model; ``clean`` itself reads the decisions without the result objects);
* ``clean_files``: ``spamdetect clean in.jsonl -o out.jsonl`` in-process: reading, JSON,
  the page pipeline, writing, checkpoints (and the same into ``.jsonl.gz``);
* ``spamdetect clean`` as a fresh process (start-up and model loading included).

With ``--ray`` it also runs ``spamdetect clean --ray`` (Ray Data, local, JSON Lines in and out)
with 1 and 2 cleaning actors on a bigger corpus (``--ray-docs``). Medians of ``--repeat`` runs.

    python benchmarks/clean_bench.py [--docs 4000] [--repeat 3] [--ray] [--ray-docs 20000] [--model FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "examples"))
from make_examples import PAGES  # noqa: E402  (the hand-written sample pages)


def paragraph_pool() -> tuple[list[str], list[str]]:
    """(paragraphs of the clean sample pages, paragraphs of the spam ones), from the sample pages."""
    from spamdetect.pages import extract_paragraphs

    clean, spammy = [], []
    for rel, (text, _encoding) in PAGES.items():
        paras = [p.text for p in extract_paragraphs(text, html=not rel.endswith(".txt"))[0]]
        (spammy if "gambling" in rel or "porn" in rel else clean).extend(paras)
    return clean, spammy


def _vary(line: str, rnd: random.Random) -> str:
    """``line`` with its digits redrawn and a date or a number added: unique, same kind of text."""
    line = "".join(str(rnd.randrange(10)) if c.isdigit() else c for c in line)
    if len(line) < 20:
        return f"{line}{rnd.randrange(1000)}"
    return f"{rnd.randrange(2000, 2026)}年{rnd.randrange(1, 13)}月{rnd.randrange(1, 29)}日,{line}"


def make_corpus(path: Path, n: int, seed: int = 0) -> tuple[int, list[str]]:
    """Write ``n`` documents as JSON Lines; return (bytes of text, every line of every document)."""
    rnd = random.Random(seed)
    clean, spammy = paragraph_pool()
    lines_all, size = [], 0
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            lines = rnd.sample(clean, min(len(clean), rnd.randint(8, 30)))
            kind = i % 10
            if kind < 3:  # infected: a few spam lines spliced in
                for _ in range(rnd.randint(1, 3)):
                    lines.insert(rnd.randrange(len(lines) + 1), rnd.choice(spammy))
            elif kind == 3:  # a spam page
                lines = rnd.sample(spammy, min(len(spammy), 12))
            # no two lines alike, as in a real corpus (the page stage caches per line)
            lines = [_vary(line, rnd) for line in lines]
            text = "\n".join(lines)
            f.write(json.dumps({"id": i, "url": f"http://example.com/{i}", "text": text}, ensure_ascii=False) + "\n")
            lines_all.extend(lines)
            size += len(text.encode("utf-8"))
    return size, lines_all


def timed_round_robin(stages, repeat: int) -> list[tuple[str, float]]:
    """Median seconds of each ``(name, fn)``, the stages run in turn ``repeat`` times (so a
    change in the machine's load touches every stage alike)."""
    times = {name: [] for name, _ in stages}
    for _ in range(repeat):
        for name, fn in stages:
            start = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - start)
    return [(name, statistics.median(times[name])) for name, _ in stages]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=4000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", help="model file (default: the shipped model)")
    ap.add_argument("--ray", action="store_true", help="also run --ray with 1 and 2 workers")
    ap.add_argument("--ray-docs", type=int, default=20000)
    args = ap.parse_args(argv)

    from spamdetect.api import classify_many, load_model
    from spamdetect.corpus import BATCH_DOCS, clean_files
    from spamdetect.pages import PageResult, classify_pages, text_paragraphs
    from spamdetect.scan import limit_blas_threads

    limit_blas_threads()  # as the clean command does
    model = load_model(args.model)
    tmp = Path(tempfile.mkdtemp(prefix="clean_bench_"))
    src = tmp / "in.jsonl"
    size, lines = make_corpus(src, args.docs)
    docs = [json.loads(line)["text"] for line in open(src, encoding="utf-8")]
    classify_many(lines[:2000], model=model)  # warm-up: caches, lazy imports

    def pages():
        for i in range(0, len(docs), BATCH_DOCS):
            chunk = docs[i:i + BATCH_DOCS]
            classify_pages([PageResult() for _ in chunk], [text_paragraphs(t) for t in chunk], model=model)

    cmd = [sys.executable, "-m", "spamdetect", "clean", str(src), "-o", str(tmp / "cli.jsonl"), "-q"]
    if args.model:
        cmd += ["--model", args.model]
    rows = timed_round_robin([
        ("classify_many (paragraphs, in memory)", lambda: classify_many(lines, model=model)),
        ("classify_pages (documents, in memory)", pages),
        ("clean_files jsonl -> jsonl", lambda: clean_files([src], str(tmp / "out.jsonl"), model=model)),
        ("clean_files jsonl -> jsonl.gz", lambda: clean_files([src], str(tmp / "out.jsonl.gz"), model=model)),
        ("spamdetect clean (fresh process)", lambda: subprocess.run(cmd, check=True)),
    ], args.repeat)

    print(f"{args.docs} documents, {len(lines)} paragraphs, {size / 1e6:.1f} MB of text; "
          f"median of {args.repeat} runs, one process, 1 BLAS thread; {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
          f"{os.cpu_count()} cores\n")
    base = rows[0][1]
    print(f"{'stage':42s} {'seconds':>8s} {'docs/s':>8s} {'MB/s':>6s} {'vs classify_many':>17s}")
    for name, secs in rows:
        print(f"{name:42s} {secs:8.2f} {args.docs / secs:8.0f} {size / secs / 1e6:6.2f} {base / secs - 1:+16.0%}")

    if args.ray:
        rsrc = tmp / "ray_in.jsonl"
        rsize, _ = make_corpus(rsrc, args.ray_docs, seed=1)
        print(f"\nRay Data, local (ray.init(num_cpus=3): 2 cleaning actors of 1 CPU + room for the read/write "
              f"tasks), {args.ray_docs} documents, {rsize / 1e6:.1f} MB of text, JSON Lines in and out; "
              f"wall time of `spamdetect clean --ray` including Ray start-up, median of {args.repeat}\n")
        print(f"{'workers':>7s} {'seconds':>8s} {'docs/s':>8s} {'MB/s':>6s}")
        for workers in (1, 2):
            def run(w=workers):
                code = (f"import ray, sys; ray.init(num_cpus=3, include_dashboard=False, log_to_driver=False);"
                        f"from spamdetect.integrations.ray import clean_files_ray;"
                        f"clean_files_ray([{str(rsrc)!r}], {str(tmp / f'ray_out_{w}')!r}, model={args.model!r}, workers={w})")
                subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
            secs = timed_round_robin([("", run)], args.repeat)[0][1]
            print(f"{workers:7d} {secs:8.2f} {args.ray_docs / secs:8.0f} {rsize / secs / 1e6:6.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
