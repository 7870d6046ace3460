"""Every user error exits 2 with one line on stderr and no traceback (exit 1 is reserved for
``scan --fail-on-spam``), and nothing is written before the error is known."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from pagekit import ARTICLE, SPAM, news_html, tiny_model
from spamdetect.cli import main
from spamdetect.persist import save_model
from spamdetect.training import read_labeled

REPO = Path(__file__).resolve().parents[1]


def rows(labels=("article", "spam"), n_hosts=4):
    out = []
    if "article" in labels:
        out += [{"text": t, "label": "article", "host": f"h{i % n_hosts}"} for i, t in enumerate(ARTICLE)]
    if "spam" in labels:
        out += [{"text": t, "label": "spam", "host": f"h{i % n_hosts}"} for i, t in enumerate(SPAM)]
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out)


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    d = tmp_path_factory.mktemp("data")
    (d / "both.jsonl").write_text(rows(), encoding="utf-8")
    (d / "articles.jsonl").write_text(rows(("article",)), encoding="utf-8")
    (d / "site").mkdir()
    (d / "site" / "a.html").write_text(news_html(f"<p>{SPAM[0]}</p>"), encoding="utf-8")
    (d / "a-file").write_text("x")
    save_model(tiny_model(), d / "tiny.npz")
    return d


def user_error(capsys, *argv) -> str:
    """Run the command line in-process; assert exit 2 and one line on stderr; return the line."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    return err.strip()


@pytest.mark.parametrize("cv, message", [("1000", "only 4 websites"), ("-3", ">= 2 (folds)"),
                                         ("0", ">= 2 (folds)"), ("1", ">= 2 (folds)"),
                                         ("two", "not an integer")])
def test_bad_fold_counts(capsys, data, cv, message):
    # --cv 0 used to evaluate the shipped model instead, silently; 1000 and -3 were tracebacks
    assert message in user_error(capsys, "evaluate", data / "both.jsonl", "--cv", cv)


def test_single_class_training_data(capsys, data, tmp_path):
    line = user_error(capsys, "train", data / "articles.jsonl", "-o", tmp_path / "m.npz")
    assert "only article rows" in line and not (tmp_path / "m.npz").exists()
    assert "only article rows" in user_error(capsys, "evaluate", data / "articles.jsonl", "--cv", "2")


def test_train_output_checked_before_training(capsys, data, monkeypatch):
    import spamdetect.training as training

    monkeypatch.setattr(training, "fit_default", lambda *a, **k: pytest.fail("trained before checking -o"))
    assert "is a folder" in user_error(capsys, "train", data / "both.jsonl", "-o", data)
    assert "cannot write" in user_error(capsys, "train", data / "both.jsonl", "-o", data / "a-file" / "m.npz")


def test_training_file_with_a_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + rows().encode("utf-8"))
    got = read_labeled([path])
    assert len(got) == len(ARTICLE) + len(SPAM) and got[0].text == ARTICLE[0]


def test_scan_report_that_cannot_be_written(capsys, data):
    assert "is a folder" in user_error(capsys, "scan", data / "site", "-o", data, "--model", data / "tiny.npz")
    line = user_error(capsys, "scan", data / "site", "-o", data / "no" / "such" / "r.jsonl",
                      "--model", data / "tiny.npz")
    assert "cannot write" in line and "No such file" in line
    assert "cannot write" in user_error(capsys, "scan", data / "site", "-o", data / "a-file" / "r.jsonl")


def test_scan_clean_dir_that_cannot_be_written_fails_before_any_report_line(capsys, data, tmp_path):
    report = tmp_path / "r.jsonl"
    line = user_error(capsys, "scan", data / "site", "-o", report, "--clean-dir", data / "a-file" / "clean",
                      "--model", data / "tiny.npz", "--jobs", "1")
    assert "cannot write in" in line
    assert not report.exists() or report.read_text() == ""


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_scan_read_only_clean_dir(capsys, data, tmp_path):
    clean = tmp_path / "clean"
    clean.mkdir()
    clean.chmod(0o500)
    try:
        report = tmp_path / "r.jsonl"
        assert "cannot write in" in user_error(capsys, "scan", data / "site", "-o", report, "--clean-dir", clean,
                                               "--model", data / "tiny.npz", "--jobs", "1")
        assert not report.exists() or report.read_text() == ""
    finally:
        clean.chmod(0o755)


def test_scan_bad_options_are_one_line(capsys, data):
    for bad in (["--jobs", "0"], ["--threshold", "1.5"], ["--max-bytes", "x"], ["--no-such-option"]):
        user_error(capsys, "scan", data / "site", *bad)


def test_bad_model_file_is_one_line(capsys, data):
    assert "corrupt" in user_error(capsys, "classify", "文字", "--model", data / "both.jsonl")
    assert "cannot load model" in user_error(capsys, "scan", data / "site", "--model", data / "both.jsonl")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_named_on_the_command_line_does_not_hang(data, tmp_path):
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    report = tmp_path / "r.jsonl"
    proc = subprocess.run([sys.executable, "-m", "spamdetect", "scan", str(fifo), str(data / "site"),
                           "-o", str(report), "--model", str(data / "tiny.npz"), "--jobs", "1"],
                          capture_output=True, text=True, cwd=REPO, timeout=120)
    assert proc.returncode == 0, proc.stderr
    pages = {Path(r["page"]).name: r for r in map(json.loads, report.read_text().splitlines())
             if r["type"] == "page"}
    assert pages["pipe.html"]["error"] == "not a regular file (FIFO)"
    assert pages["a.html"]["verdict"] == "infected"


def test_jobs_capped_at_the_cores_with_a_message(capsys, data, tmp_path, monkeypatch):
    import spamdetect.scan as scan_mod

    monkeypatch.setattr(scan_mod, "available_cores", lambda: 1)
    started = []
    monkeypatch.setattr(scan_mod, "_scan_parallel", lambda *a, **k: started.append(a) or iter(()))
    code = main(["scan", str(data / "site"), "-o", str(tmp_path / "r.jsonl"), "--model", str(data / "tiny.npz"),
                 "--jobs", "1000"])
    err = capsys.readouterr().err
    assert code == 0 and "--jobs 1000 capped at 1" in err
    assert started == []  # one core: scanned in-process, no pool of 1000
    assert '"verdict": "infected"' in (tmp_path / "r.jsonl").read_text()
