"""Size and speed of the HTML report for 10,000 pages (not a timed test: prints a table).

Makes the 10,000 generated pages of ``scan_bench.py`` (the sample pages varied and padded to
~11 KB; one in nine carries the seed-like hidden injection block, so the recurring-locations
table has a block on ~1,100 pages), scans them once with ``spamdetect scan -o report.jsonl``, then
times reading the report, building and rendering the HTML, and gives the file's size, with the
article paragraphs shortened (the default: 200 characters, less past 8 MB of distinct article
text) and whole (``--article-chars 0``); and the same with every article paragraph made unique to
its page, as on a real site, where the generated pages repeat nine templates.
With Playwright and a system Chromium it also opens the file and times the first table render,
a verdict filter and expanding a page, as a person would see them.

    python benchmarks/report_bench.py [--pages 10000] [--jobs 2] [--keep DIR]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))
from scan_bench import make_pages  # noqa: E402


def time_it(fn, repeat=3):
    """Median seconds of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def browser_times(html: Path):
    """Seconds to open the report and draw its first rows, filter by verdict, expand a page."""
    try:
        from browserkit import browser_page, find_chromium
        import playwright  # noqa: F401
    except ImportError:
        return None
    if find_chromium() is None:
        return None
    with browser_page() as page:
        t = time.perf_counter()
        page.goto(html.as_uri())
        page.wait_for_selector("tr.page-row")
        opened = time.perf_counter() - t
        t = time.perf_counter()
        page.click('button.filter[data-verdict="infected"]')
        page.wait_for_selector("tr.page-row td.verdict.infected")
        filtered = time.perf_counter() - t
        t = time.perf_counter()
        page.locator("tr.page-row").first.click()
        page.wait_for_selector("tr.detail .para")
        expanded = time.perf_counter() - t
        heap = page.evaluate("performance.memory ? performance.memory.usedJSHeapSize : 0") / 1e6
    return opened, filtered, expanded, heap


def run_cli_report(jsonl: Path, html: Path):
    """Wall seconds and peak RSS (MB, from wait4) of ``spamdetect report`` in a fresh process."""
    import os

    t = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "spamdetect", "report", str(jsonl), "--html", str(html)],
                            stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.returncode == 0
    return time.perf_counter() - t, usage.ru_maxrss / 1024


def unique_articles(report):
    """The report with every article paragraph of 30 characters or more made unique to its page,
    as on a real site (the generated pages repeat nine templates; menus and bylines stay shared)."""
    from spamdetect.report import Report

    pages = []
    for i, page in enumerate(report.pages):
        paras = [dict(q, text=f"第{i}篇·" + q["text"]) if q.get("label") != "spam" and len(q.get("text") or "") >= 30
                 else q for q in page["paragraph_records"]]
        pages.append(dict(page, paragraph_records=paras))
    return Report(pages=pages, summary=report.summary, source=report.source)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=10_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", help="folder for the pages and report (reused when the report is there)")
    args = ap.parse_args()

    from spamdetect.report import read_report, render_html, write_html

    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="report_bench-"))
    work.mkdir(parents=True, exist_ok=True)
    jsonl = work / "report.jsonl"
    if not jsonl.exists():
        pages = work / "pages"
        pages.mkdir(exist_ok=True)
        make_pages(pages, args.pages)
        subprocess.run([sys.executable, "-m", "spamdetect", "scan", str(pages), "-o", str(jsonl),
                        "--jobs", str(args.jobs)], check=True)
    cli_s, cli_rss = run_cli_report(jsonl, work / "report-cli.html")
    read_s, report = time_it(lambda: read_report(jsonl))
    n_paras = sum(len(p["paragraph_records"]) for p in report.pages)
    print(f"\n{len(report.pages)} pages, {n_paras} paragraphs; JSONL report {jsonl.stat().st_size / 1e6:.1f} MB; "
          f"reading it: {read_s:.2f} s (median of 3)")
    print(f"`spamdetect report` on it, whole process: {cli_s:.1f} s, peak RSS {cli_rss:.0f} MB\n")
    unique = unique_articles(report)
    print(f"{'report':>26} {'render s':>9} {'HTML MB':>8} {'open s':>7} {'filter s':>9} {'expand s':>9} {'JS heap MB':>11}")
    for label, rep, kw in (
            ("as scanned, default", report, {}),
            ("as scanned, all text", report, {"article_chars": None, "article_budget": None}),
            ("unique articles, default", unique, {}),
            ("unique articles, all text", unique, {"article_chars": None, "article_budget": None})):
        render_s, _ = time_it(lambda: render_html(rep, **kw))
        html = work / f"report-{label.replace(', ', '-').replace(' ', '_')}.html"
        size = write_html(rep, html, **kw)
        b = browser_times(html)
        cells = (f"{b[0]:7.2f} {b[1]:9.2f} {b[2]:9.2f} {b[3]:11.0f}" if b else f"{'n/a':>7} {'n/a':>9} {'n/a':>9} {'n/a':>11}")
        print(f"{label:>26} {render_s:9.2f} {size / 1e6:8.1f} {cells}", flush=True)
    print(f"\nfiles in {work}")


if __name__ == "__main__":
    main()
