"""Interrupted scans: clean copies are never lost (a page in the report has its clean copy),
--resume redoes anything half-done, no temp files stay behind, and workers die with the scan."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pagekit import ARTICLE, SPAM, news_html, tiny_model
from spamdetect import scan as scan_mod
from spamdetect.cli import main
from spamdetect.persist import save_model

REPO = Path(__file__).resolve().parents[1]
INFECTED = news_html(f'<div style="display:none"><p>{SPAM[0]}</p><p>{SPAM[1]}</p></div>')
CLEAN = news_html()


@pytest.fixture(scope="module")
def model_file(tmp_path_factory):
    return str(save_model(tiny_model(), tmp_path_factory.mktemp("model") / "tiny.npz"))


def make_site(root: Path, n: int) -> Path:
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"p{i:04d}.html").write_text(INFECTED if i % 5 == 0 else CLEAN, encoding="utf-8")
    return root


def page_records(report: Path) -> list[dict]:
    with open(report, encoding="utf-8") as f:
        return [r for r in map(json.loads, f) if r["type"] == "page"]


def count_pages(report: Path) -> int:
    try:  # bytes: the scan may be midway through writing a character
        with open(report, "rb") as f:
            return sum(b'"type": "page"' in line for line in f)
    except FileNotFoundError:
        return 0


def check_clean_copies(site: Path, report: Path, clean: Path, n: int):
    """Each page once in the report, and each page's clean copy there, whole and right."""
    pages = page_records(report)
    names = [Path(r["page"]).name for r in pages]
    assert len(names) == n and len(set(names)) == n
    for r in pages:
        copy = clean / (Path(r["page"]).name + ".txt")
        assert r["error"] is None and r["verdict"] in ("clean", "infected")
        assert copy.exists(), f"clean copy of {r['page']} lost"
        lines = copy.read_text(encoding="utf-8").splitlines()
        assert lines[:2] == ["本市新闻", "本市新闻"] and ARTICLE[5] in lines and lines[-1] == ARTICLE[15]
        assert SPAM[0] not in lines
    leftovers = [p.name for p in clean.rglob("*") if ".tmp" in p.name]
    assert leftovers == []


def test_page_is_reported_only_after_its_clean_copy_is_written(tmp_path, model_file, monkeypatch, capsys):
    """A stop between the two writes (here: in the clean write) must not leave the page in the
    report, or --resume would skip it and its clean copy would be lost for good."""
    site = make_site(tmp_path / "site", 6)
    report, clean = tmp_path / "r.jsonl", tmp_path / "clean"
    real = scan_mod.write_clean
    calls = []

    def write_clean_then_die(page, path):
        calls.append(path)
        if len(calls) == 4:
            raise KeyboardInterrupt  # the scan is stopped right here
        real(page, path)

    monkeypatch.setattr(scan_mod, "write_clean", write_clean_then_die)
    argv = ["scan", str(site), "-o", str(report), "--clean-dir", str(clean), "--model", model_file, "--jobs", "1"]
    assert main(argv) == 130
    assert count_pages(report) == 3
    monkeypatch.setattr(scan_mod, "write_clean", real)
    assert main(argv + ["--resume"]) == 0
    capsys.readouterr()
    check_clean_copies(site, report, clean, 6)


def test_resume_redoes_a_page_whose_clean_copy_is_missing(tmp_path, model_file, capsys):
    """A report line can outlive its clean copy (power cut before the rename reached the disk,
    a report from an older spamdetect, a copy deleted by hand): --resume scans that page again."""
    site = make_site(tmp_path / "site", 5)
    report, clean = tmp_path / "r.jsonl", tmp_path / "clean"
    argv = ["scan", str(site), "-o", str(report), "--clean-dir", str(clean), "--model", model_file, "--jobs", "1"]
    assert main(argv) == 0
    (clean / "p0002.html.txt").unlink()
    (clean / "p0003.html.txt.tmp4242").write_text("half a file")  # left by a killed writer
    (clean / "notes.tmp1").write_text("the user's own file")
    assert main(argv + ["--resume"]) == 0
    assert "1 pages" in capsys.readouterr().err  # only the page without its copy
    (clean / "notes.tmp1").unlink()  # (not ours: kept)
    check_clean_copies(site, report, clean, 5)
    assert [Path(r["page"]).name for r in page_records(report)][-1] == "p0002.html"


def _default_sigint():
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("sig, jobs", [(signal.SIGKILL, "1"), (signal.SIGINT, "2"), (signal.SIGKILL, "2")])
def test_killed_scan_with_clean_dir_resumes_with_every_clean_copy(tmp_path, model_file, sig, jobs):
    # a busy machine can starve this process until the scan is done: then the site was too
    # small to stop midway, and the test tries again with a bigger one
    for attempt, n in enumerate((800, 4000)):
        site = make_site(tmp_path / f"site{attempt}", n)
        report, clean = tmp_path / f"r{attempt}.jsonl", tmp_path / f"clean{attempt}"
        cmd = [sys.executable, "-m", "spamdetect", "scan", str(site), "-o", str(report), "--clean-dir", str(clean),
               "--model", model_file, "--jobs", jobs]
        # Ctrl-C as a terminal delivers it: a test run started in the background of a script
        # (`cmd &`) inherits SIGINT ignored, and so would the scan (Python keeps an inherited
        # SIG_IGN), which would then rightly run to the end
        proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, cwd=REPO, start_new_session=True,
                                preexec_fn=_default_sigint)
        deadline = time.time() + 120
        while count_pages(report) < 40 and proc.poll() is None and time.time() < deadline:
            time.sleep(0.005)
        try:
            os.killpg(proc.pid, sig)  # the whole process group, as Ctrl-C in a terminal does
        except ProcessLookupError:  # the scan ended (and was reaped) before the signal
            pass
        _, err = proc.communicate(timeout=60)  # a deadlocked shutdown fails here
        killed_at = count_pages(report)
        if killed_at < n:
            break
    assert 40 <= killed_at < n, f"the scan must be stopped midway ({killed_at} of {n} pages done)"
    if sig == signal.SIGINT:
        assert proc.returncode == 130 and b"(interrupted)" in err
    resumed = subprocess.run(cmd + ["--resume"], capture_output=True, cwd=REPO, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    check_clean_copies(site, report, clean, n)


def _descendants(pid: int) -> set[int]:
    """Live processes below ``pid`` (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if fields[0] != "Z":
                children.setdefault(int(fields[1]), []).append(int(entry))
    out, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            out.add(child)
            todo.append(child)
    return out


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie is dead, only not yet reaped


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
@pytest.mark.skipif(scan_mod.available_cores() < 2, reason="--jobs 2 needs two cores")
def test_workers_die_with_a_killed_parent(tmp_path, model_file):
    site = make_site(tmp_path / "site", 3000)
    report = tmp_path / "r.jsonl"
    proc = subprocess.Popen([sys.executable, "-m", "spamdetect", "scan", str(site), "-o", str(report),
                             "--model", model_file, "--jobs", "2"], stderr=subprocess.DEVNULL, cwd=REPO)
    try:
        deadline = time.time() + 120
        while count_pages(report) < 20 and proc.poll() is None and time.time() < deadline:
            time.sleep(0.01)
        workers = _descendants(proc.pid)
        assert len(workers) >= 2 and proc.poll() is None
        proc.kill()
        proc.wait()
        deadline = time.time() + 10  # a bound, not a speed requirement: the kernel does it at once
        while any(map(_running, workers)) and time.time() < deadline:
            time.sleep(0.05)
        alive = [w for w in workers if _running(w)]
        assert alive == [], f"workers outlived the scan: {alive}"
    finally:
        for w in _descendants(proc.pid) | set(locals().get("workers", ())):
            if _running(w):
                os.kill(w, signal.SIGKILL)
