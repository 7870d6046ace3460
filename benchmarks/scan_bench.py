"""Throughput of ``spamdetect scan`` on a folder of 10,000 generated pages (not a timed test).

The pages are the sample pages of ``examples/make_examples.py`` (UTF-8, GBK, Big5, plain text,
gzip) varied and padded to the size of real news pages: navigation lists, a script block (which
the scanner drops), and the article repeated a few times. Each configuration runs
``spamdetect scan DIR -o report.jsonl --jobs N`` in a fresh process and reports pages/s, MB/s
(bytes on disk) and peak memory: the largest RSS of the scan process and its workers, from
``wait4`` (Linux reports the maximum over the process and the children it waited for), and,
when ``psutil`` is installed, the peak summed RSS of the whole process tree, sampled.

    python benchmarks/scan_bench.py [--pages 10000] [--jobs 1 2] [--repeat 3] [--model FILE]
"""

from __future__ import annotations

import argparse
import gzip
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "examples"))
from make_examples import PAGES  # noqa: E402  (the hand-written sample pages)

SCRIPT = "<script>\n" + "".join(f"var cfg{i} = {{id: {i}, url: '/static/js/app.{i}.js', on: true}};\n"
                                for i in range(120)) + "</script>\n"
NAV = '<div class="links"><ul>' + "".join(f'<li><a href="/c/{i}">欄目{i}</a></li>' for i in range(60)) + "</ul></div>\n"


def make_pages(folder: Path, n: int, seed: int = 0) -> int:
    """Write ``n`` pages under ``folder`` (100 sub-folders); return the total bytes written."""
    rnd = random.Random(seed)
    templates = list(PAGES.items())
    total = 0
    for i in range(n):
        rel, (text, encoding) = templates[i % len(templates)]
        if not rel.endswith(".txt"):
            article_end = text.index("</body>")
            repeat = text[text.index("<body>") + 6:article_end] * rnd.randint(1, 4)
            text = text[:article_end] + NAV + SCRIPT + repeat + f"<p>第{i}頁</p>" + text[article_end:]
        else:
            text = text * rnd.randint(1, 6)
        data = text.encode(encoding)
        name = Path(rel).name
        if name.endswith(".gz"):
            data = gzip.compress(data, mtime=0)
        path = folder / f"d{i % 100:02d}" / f"{i:05d}-{name}"
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(data)
        total += len(data)
    return total


def _tree_rss(pid: int) -> int | None:
    try:
        import psutil
    except ImportError:
        return None
    try:
        root = psutil.Process(pid)
        procs = [root] + root.children(recursive=True)
        return sum(p.memory_info().rss for p in procs if p.is_running())
    except psutil.Error:
        return 0


def run_scan(folder: Path, jobs: int, model: str | None) -> dict:
    out = folder.parent / "report.jsonl"
    cmd = [sys.executable, "-m", "spamdetect", "scan", str(folder), "-o", str(out), "--jobs", str(jobs)]
    if model:
        cmd += ["--model", model]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE)
    peak_tree = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            rss = _tree_rss(proc.pid)
            if rss is None:
                return
            peak_tree[0] = max(peak_tree[0], rss)
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"scan failed: {err.decode(errors='replace')}")
    return {"seconds": seconds, "max_rss_mb": usage.ru_maxrss / 1024,
            "tree_rss_mb": peak_tree[0] / 2**20 if peak_tree[0] else None,
            "summary": err.decode().strip().splitlines()[-1]}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--model", help="model file (default: the shipped model)")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="scan_bench_") as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        total = make_pages(folder, args.pages)
        print(f"{args.pages} pages, {total / 1e6:.1f} MB on disk, {os.cpu_count()} cores, "
              f"median of {args.repeat} runs (wall time includes start-up and model loading)\n")
        print(f"{'jobs':>4} {'seconds':>8} {'pages/s':>8} {'MB/s':>6} {'max RSS/process':>16} {'peak tree RSS':>14}")
        for jobs in args.jobs:
            runs = [run_scan(folder, jobs, args.model) for _ in range(args.repeat)]
            secs = statistics.median(r["seconds"] for r in runs)
            rss = statistics.median(r["max_rss_mb"] for r in runs)
            tree = [r["tree_rss_mb"] for r in runs if r["tree_rss_mb"]]
            tree_s = f"{statistics.median(tree):.0f} MB" if tree else "n/a"
            print(f"{jobs:>4} {secs:8.1f} {args.pages / secs:8.0f} {total / 1e6 / secs:6.2f} "
                  f"{rss:13.0f} MB {tree_s:>14}", flush=True)
        print(f"\nlast run's own summary: {runs[-1]['summary']}")


if __name__ == "__main__":
    main()
