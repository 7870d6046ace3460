"""`benchmarks/compare.py --smoke` runs end to end, so the peer benchmark cannot rot.

A check that the script works, not a benchmark: ~300 paragraphs, 2 folds, 1 repeat. Needs the
shared corpus beside the checkout and the ``bench`` extra (pyahocorasick, fasttext); skipped
without them.
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
    for key in ("keyword", "literal", "fasttext", "spamdetect"):
        r = figures["results"][key]
        assert 0.0 <= r["precision"] <= 1.0 and 0.0 <= r["recall"] <= 1.0
        assert r["mb_s"] > 0 and r["cold_s"] > 0 and r["model_mb"] > 0 and r["peak_mb"] > 0
    assert figures["meta"]["smoke"] and figures["meta"]["n_rows"] < 656
    # the smoke run never overwrites the real results file
    assert "written to" in proc.stderr and str(out) in proc.stderr
