"""`benchmarks/compare.py --smoke` runs end to end, so the peer benchmark cannot rot.

A check that the script works, not a benchmark: a few hundred paragraphs of whole websites
(clean and infected pages), 2 folds, 1 repeat. Needs the shared corpus beside the checkout and
the ``bench`` extra (pyahocorasick, fasttext); skipped without them.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _corpus() -> Path | None:
    # The variable or ../shared beside this checkout, as spamdetect.training.find_corpus: no
    # absolute path, which would tie the test to one machine's layout and run it against a
    # corpus that is not this checkout's.
    for c in (os.environ.get("SPAMDETECT_CORPUS"), REPO.parent / "shared" / "corpus"):
        if c and (Path(c) / "train.jsonl").is_file():
            return Path(c)
    return None


CORPUS = _corpus()
MISSING = [m for m in ("ahocorasick", "fasttext", "jieba", "opencc")
           if importlib.util.find_spec(m) is None]

pytestmark = [
    pytest.mark.shared,
    pytest.mark.skipif(CORPUS is None, reason="needs ../shared/corpus beside the checkout"),
    pytest.mark.skipif(bool(MISSING), reason=f"needs the bench extra (missing: {', '.join(MISSING)})"),
]


def test_compare_smoke(tmp_path):
    out, raw = tmp_path / "results.md", tmp_path / "results.json"
    proc = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "compare.py"), "--smoke", "--corpus", str(CORPUS),
         "--out", str(out), "--json", str(raw)],
        capture_output=True, text=True, timeout=300, cwd=str(REPO))
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = out.read_text("utf-8")
    assert "SMOKE RUN" in report and "Targets" in report
    table = [line for line in report.splitlines() if line.startswith("| ") and "spam precision" not in line]
    titles = ["keyword filter", "LogisticRegression()", "fastText", "spamdetect (shipped", "whole page (as scan reports it)"]
    for title in titles:
        assert any(title in line for line in table), f"no row for {title}"
    figures = json.loads(raw.read_text("utf-8"))
    n_corpus = sum(1 for line in (CORPUS / "train.jsonl").open(encoding="utf-8") if line.strip())
    assert figures["meta"]["smoke"] and figures["meta"]["n_rows"] < n_corpus
    # the accuracy columns are spamdetect evaluate's figures on real pages, clean and infected apart
    inf, clean = figures["meta"]["infected"], figures["meta"]["clean"]
    assert inf["pages"] >= 2 and clean["pages"] >= 2
    for key in ("keyword", "literal", "fasttext", "spamdetect", "spamdetect-page"):
        r = figures["results"][key]
        assert r["infected_pages"]["pages"] == inf["pages"] and r["clean_pages"]["pages"] == clean["pages"]
        for share in (r["infected_pages"]["spam_precision"], r["infected_pages"]["spam_recall"],
                      r["infected_pages"]["pages_found"], r["clean_pages"]["article_fpr"],
                      r["clean_pages"]["pages_with_a_flag"], r["hard_negatives"]["fpr"]):
            assert 0.0 <= share <= 1.0
        # only the whole-page row has a page verdict to count
        spam_pages = r["clean_pages"]["pages_called_spam_page"]
        assert (spam_pages is None) == (key != "spamdetect-page")
    for key in ("keyword", "literal", "fasttext", "spamdetect"):
        r = figures["results"][key]
        assert r["mb_s"] > 0 and r["cold_s"] > 0 and r["model_mb"] > 0 and r["peak_mb"] > 0
    # the smoke run never overwrites the real results file
    assert "written to" in proc.stderr and str(out) in proc.stderr
