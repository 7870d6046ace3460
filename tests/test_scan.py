"""Folder scans: finding files, faults, workers, the report, clean copies, exit codes, resume."""

import csv
import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pagekit import ARTICLE, SPAM, CrashingModel, news_html, planted, tiny_model
from spamdetect import extract as extract_mod
from spamdetect import scan as scan_mod
from spamdetect.persist import save_model
from spamdetect.scan import iter_page_files, resume_report, scan_folder

REPO = Path(__file__).resolve().parents[1]
INFECTED = news_html(f'<div style="display:none"><p>{SPAM[0]}</p><p>{SPAM[1]}</p></div>')
CLEAN = news_html()
SPAM_TEXT = "\n".join(SPAM[:6])


@pytest.fixture(scope="module")
def model():
    return tiny_model()


@pytest.fixture(scope="module")
def model_file(tmp_path_factory, model):
    return str(save_model(model, tmp_path_factory.mktemp("model") / "tiny.npz"))


def make_site(root: Path) -> Path:
    """A small site: infected, clean, GBK, gzip, plain-text spam page, and a non-page file."""
    (root / "news").mkdir(parents=True)
    (root / "news" / "infected.html").write_text(INFECTED, encoding="utf-8")
    (root / "news" / "clean.htm").write_text(CLEAN, encoding="utf-8")
    (root / "gbk.html").write_bytes(news_html(f"<p>{SPAM[2]}</p>", charset="gbk").encode("gbk"))
    (root / "zipped.html.gz").write_bytes(gzip.compress(CLEAN.encode("utf-8")))
    (root / "promo.txt").write_text(SPAM_TEXT, encoding="utf-8")
    (root / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    return root


def scan(paths, model, **kw):
    return {Path(p.path).name: p for p in scan_folder(paths, model=model, jobs=kw.pop("jobs", 1), **kw)}


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f]


# -- finding files -----------------------------------------------------------------------------
def test_iter_page_files_suffixes_globs_and_order(tmp_path):
    make_site(tmp_path)
    (tmp_path / "skip").mkdir()
    (tmp_path / "skip" / "x.html").write_text(CLEAN)
    found = [(os.path.relpath(p, tmp_path), err) for p, _, err in iter_page_files([tmp_path])]
    assert found == [("gbk.html", None), ("promo.txt", None), ("zipped.html.gz", None),
                     ("news/clean.htm", None), ("news/infected.html", None), ("skip/x.html", None)]
    names = [os.path.relpath(p, tmp_path) for p, _, _ in
             iter_page_files([tmp_path], include=["*.html"], exclude=["skip", "gbk*"])]
    assert names == ["news/infected.html"]
    # a file named explicitly is scanned whatever its suffix
    assert [p for p, _, _ in iter_page_files([tmp_path / "logo.png"])] == [str(tmp_path / "logo.png")]


def test_symlink_loop_broken_link_and_missing_path_are_reported(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "p.html").write_text(CLEAN)
    os.symlink(tmp_path, tmp_path / "a" / "loop")
    os.symlink(tmp_path / "nowhere.html", tmp_path / "dead.html")
    out = list(iter_page_files([tmp_path, tmp_path / "missing"]))
    errors = {os.path.relpath(p, tmp_path): e for p, _, e in out if e}
    assert [os.path.relpath(p, tmp_path) for p, _, e in out if not e] == ["a/p.html"]  # once
    assert errors["a/loop"].startswith("symlink loop")
    assert errors["dead.html"] == "broken symlink"
    assert "No such file" in errors["missing"]


def test_unreadable_folder_is_reported_and_the_rest_scanned(tmp_path, monkeypatch, model):
    make_site(tmp_path)
    real = os.scandir

    def scandir(path):
        if str(path).endswith("news"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    got = scan([tmp_path], model)
    assert got["news"].error == "Permission denied (errno 13)"
    assert got["gbk.html"].error is None and got["gbk.html"].verdict == "infected"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads everything")
def test_unreadable_folder_and_file_for_real(tmp_path, model):
    make_site(tmp_path)
    (tmp_path / "news").chmod(0)
    (tmp_path / "gbk.html").chmod(0)
    try:
        got = scan([tmp_path], model)
    finally:
        (tmp_path / "news").chmod(0o755)
    assert "Permission denied" in got["news"].error and "Permission denied" in got["gbk.html"].error
    assert got["promo.txt"].verdict == "spam_page"


def test_non_utf8_file_name(tmp_path, model):
    name = os.fsencode(tmp_path) + b"/caf\xe9-\xb0\xd9.html"  # Latin-1 / GBK bytes in a name
    with open(name, "wb") as f:
        f.write(INFECTED.encode("utf-8"))
    [page] = scan_folder([tmp_path], model=model, jobs=1)
    assert page.path.endswith("caf\\xe9-\\xb0\\xd9.html") and page.error is None
    assert page.verdict == "infected"
    page.path.encode("utf-8")  # printable in a UTF-8 report


# -- faults ------------------------------------------------------------------------------------
def test_every_bad_file_gets_an_error_record_and_the_scan_goes_on(tmp_path, monkeypatch, model):
    make_site(tmp_path)
    rnd = random.Random(2)
    bad = {
        "empty.html": b"",
        "blank.txt": b"  \n\t\n",
        "binary.html": bytes(range(256)) * 4,
        "big.html": b"<p>" + "很长".encode("utf-8") * 1000 + b"</p>",
        "undecodable.txt": bytes(rnd.randrange(0x81, 0xFF) for _ in range(3000)),
        "broken.html.gz": b"\x1f\x8bnot really gzip",
        "fake.html.gz": b"<p>plain</p>",
        "scripts.html": b"<html><script>var a=1</script><style>p{}</style></html>",
        "unreadable.html": CLEAN.encode("utf-8"),
        "unparsable.html": b"<p>\xe6\xad\xa3\xe6\x96\x87</p>",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    real_open, real_extract = os.open, extract_mod.html_paragraphs

    def fake_open(path, *a, **kw):
        if str(path).endswith("unreadable.html"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *a, **kw)

    def fake_extract(text):
        if "正文" in text:
            raise ValueError("lexbor gave up")
        return real_extract(text)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(extract_mod, "html_paragraphs", fake_extract)
    got = scan([tmp_path], model, max_bytes=5000)
    errors = {name: got[name].error for name in bad}
    assert errors.pop("broken.html.gz").startswith("bad gzip data")  # zlib's wording varies
    assert errors == {
        "empty.html": "empty file",
        "blank.txt": "empty file",
        "binary.html": "binary file (NUL or control bytes)",
        "big.html": "too big: more than 5000 bytes",
        "undecodable.txt": "undecodable: no text encoding fits",
        "fake.html.gz": "not gzip data despite the .gz name",
        "scripts.html": "no text",
        "unreadable.html": "Permission denied (errno 13)",
        "unparsable.html": "unparsable: ValueError: lexbor gave up",
    }
    assert all(got[name].paragraphs == [] for name in bad)
    # ... and the good pages around them were scanned
    assert got["infected.html"].verdict == "infected" and got["clean.htm"].verdict == "clean"
    assert got["zipped.html.gz"].verdict == "clean" and got["promo.txt"].verdict == "spam_page"


def test_gbk_page_in_folder(tmp_path, model):
    make_site(tmp_path)
    page = scan([tmp_path], model)["gbk.html"]
    assert page.encoding == "gb18030" and SPAM[2] in [p.text for p in page.paragraphs if p.label == "spam"]


# -- workers -----------------------------------------------------------------------------------
def test_two_jobs_give_the_same_results_as_one(tmp_path, model):
    make_site(tmp_path)
    for i in range(40):
        (tmp_path / f"n{i}.html").write_text(news_html(f"<p>{SPAM[i % len(SPAM)]}</p>" if i % 3 else ""))
    one = scan([tmp_path], model, jobs=1)
    two = scan([tmp_path], model, jobs=2)
    assert one.keys() == two.keys() and len(one) == 45
    assert all(one[k] == two[k] for k in one)


def test_a_worker_crash_loses_only_its_page(tmp_path, model):
    for i in range(30):
        (tmp_path / f"p{i:02d}.html").write_text(INFECTED if i % 2 else CLEAN)
    (tmp_path / "p07.html").write_text(news_html("<p>CRASH</p>"))
    got = scan([tmp_path], CrashingModel(model), jobs=2)
    assert len(got) == 30
    assert got["p07.html"].error == "worker process crashed"
    others = [p for name, p in got.items() if name != "p07.html"]
    assert all(p.error is None for p in others)
    assert sum(p.verdict == "infected" for p in others) == 14  # odd pages but p07


# -- command line ------------------------------------------------------------------------------
def run_cli(*args) -> int:
    from spamdetect.cli import main

    return main(["scan", *map(str, args)])


def test_cli_jsonl_report_summary_and_clean_dir(tmp_path, model_file, capsys):
    site = make_site(tmp_path / "site")
    report, clean = tmp_path / "report.jsonl", tmp_path / "clean"
    assert run_cli(site, "-o", report, "--clean-dir", clean, "--model", model_file, "--jobs", "1") == 0
    err = capsys.readouterr().err
    assert "5 pages, 2 infected, 1 spam pages" in err and "0 errors" in err and "pages/s" in err
    records = read_jsonl(report)
    pages = {Path(r["page"]).name: r for r in records if r["type"] == "page"}
    paras = [r for r in records if r["type"] == "paragraph" and r["page"].endswith("infected.html")]
    # max_score is the page's highest paragraph score, a spam one (not compared with itself)
    top = max(r["score"] for r in paras)
    assert top >= tiny_model().threshold_ and {r["label"] for r in paras if r["score"] == top} == {"spam"}
    assert pages["infected.html"] == {
        "type": "page", "page": str(site / "news" / "infected.html"), "paragraphs": 11, "spam": 2,
        "verdict": "infected", "max_score": top, "encoding": "utf-8",
        "error": None, "bytes": len(INFECTED.encode("utf-8"))}
    assert [r["index"] for r in paras] == list(range(11))
    hidden = [r for r in paras if r["hidden"]]
    assert [(r["text"], r["label"]) for r in hidden] == [(SPAM[0], "spam"), (SPAM[1], "spam")]
    assert hidden[0]["locator"] == "body>div:nth-of-type(2)>p:nth-of-type(1)" and not hidden[0]["truncated"]
    # each page's paragraph records come right before its page record
    kinds = [(r["type"], r["page"]) for r in records]
    assert kinds.index(("page", pages["infected.html"]["page"])) - kinds.index(("paragraph", paras[0]["page"])) == 11
    # clean copies: article paragraphs only, UTF-8, mirroring the tree; spam pages give none
    infected = (clean / "news" / "infected.html.txt").read_text(encoding="utf-8")
    assert SPAM[0] not in infected and ARTICLE[0] in infected.splitlines()
    gbk = (clean / "gbk.html.txt").read_text(encoding="utf-8")
    assert ARTICLE[1] in gbk and SPAM[2] not in gbk
    assert (clean / "zipped.html.gz.txt").exists() and not (clean / "promo.txt").exists()


def test_cli_csv_report_and_long_text(tmp_path, model_file):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text(ARTICLE[0] * 100 + "\n" + SPAM[0], encoding="utf-8")
    report = tmp_path / "r.csv"
    assert run_cli(tmp_path / "in", "-o", report, "--model", model_file, "--jobs", "1") == 0
    with open(report, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["type"] for r in rows] == ["paragraph", "paragraph", "page"]
    assert rows[0]["truncated"] == "True" and len(rows[0]["text"]) == scan_mod.TEXT_LIMIT
    assert rows[1]["label"] == "spam" and rows[1]["locator"] == "line 2"
    assert rows[2]["verdict"] == "infected" and rows[2]["spam"] == "1" and rows[2]["error"] == ""


def test_cli_stdout_threshold_and_exit_codes(tmp_path, model_file, capsys):
    site = make_site(tmp_path / "site")
    assert run_cli(site / "news" / "clean.htm", "--model", model_file, "--fail-on-spam") == 0
    out = capsys.readouterr().out
    assert json.loads(out.splitlines()[-1])["verdict"] == "clean"
    assert run_cli(site, "--model", model_file, "--fail-on-spam", "--jobs", "1", "-o", tmp_path / "r.jsonl") == 1
    # a threshold nothing reaches: no spam but a rule's phrase (SPAM's 私服 ad), which still fails
    assert run_cli(site, "--model", model_file, "--fail-on-spam", "--threshold", "1", "-o", tmp_path / "r.jsonl") == 1
    records = read_jsonl(tmp_path / "r.jsonl")
    # a rule's lines, or every line of a page those lines make a promotion page (the plain-text
    # spam page: five of its six lines are a rule's, over the 80 % share)
    whole = {r["page"] for r in records if r["type"] == "page" and r["verdict"] == "spam_page"}
    flagged = [(r["text"], r["page"]) for r in records if r["type"] == "paragraph" and r["label"] == "spam"]
    assert flagged and all(planted(t) or page in whole for t, page in flagged)
    assert any(planted(t) for t, page in flagged if page not in whole)
    assert run_cli(site / "news" / "clean.htm", "--model", model_file, "--fail-on-spam", "--threshold", "1") == 0
    assert run_cli(tmp_path / "nothing-here", "--model", model_file) == 2
    assert run_cli(site, "--resume") == 2  # --resume needs a report file
    for bad in (["--jobs", "0"], ["--threshold", "1.5"], ["--max-bytes", "x"]):
        with pytest.raises(SystemExit) as exc:
            run_cli(site, *bad)
        assert exc.value.code == 2


def test_resume_report_cuts_back_to_the_last_whole_page(tmp_path, model_file):
    report = tmp_path / "r.jsonl"
    lines = [{"type": "paragraph", "page": "a"}, {"type": "page", "page": "a"},
             {"type": "paragraph", "page": "b"}]
    text = "".join(json.dumps(r) + "\n" for r in lines)
    report.write_text(text + '{"type": "paragraph", "pa')
    assert resume_report(report, "jsonl") == {"a"}
    assert read_jsonl(report) == lines[:2]
    csv_report = tmp_path / "r.csv"
    csv_report.write_text(",".join(scan_mod.CSV_FIELDS) + "\r\npage,a" + "," * (len(scan_mod.CSV_FIELDS) - 2)
                          + "\r\nparagraph,b,0,line 1")
    assert resume_report(csv_report, "csv") == {"a"}
    assert csv_report.read_text().count("\n") == 2


# -- a real kill, then --resume ----------------------------------------------------------------
def _count_pages(path):
    try:  # bytes: the scan may be midway through writing a character
        with open(path, "rb") as f:
            return sum(b'"type": "page"' in line for line in f)
    except FileNotFoundError:
        return 0


@pytest.mark.parametrize("sig, jobs", [(signal.SIGKILL, "1"), (signal.SIGTERM, "2")])
def test_killed_scan_resumes_with_no_page_twice_and_none_missing(tmp_path, model_file, sig, jobs):
    site = tmp_path / "site"
    site.mkdir()
    n = 1500
    for i in range(n):
        (site / f"p{i:04d}.html").write_text(INFECTED if i % 5 == 0 else CLEAN, encoding="utf-8")
    report = tmp_path / "report.jsonl"
    cmd = [sys.executable, "-m", "spamdetect", "scan", str(site), "-o", str(report),
           "--model", model_file, "--jobs", jobs]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, cwd=REPO)
    deadline = time.time() + 60
    while _count_pages(report) < 50 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.005)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    killed_at = _count_pages(report)
    assert 50 <= killed_at < n, "the scan must be stopped midway"
    if sig == signal.SIGTERM:
        assert proc.returncode == 130 and b"(interrupted)" in err
    else:
        assert proc.returncode == -signal.SIGKILL
    # the report holds whole pages only (at most one partial page at the end)
    resumed = subprocess.run(cmd + ["--resume"], capture_output=True, cwd=REPO, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{n - killed_at} pages" in resumed.stderr.decode()
    records = read_jsonl(report)  # every line parses
    page_names = [r["page"] for r in records if r["type"] == "page"]
    assert len(page_names) == n and len(set(page_names)) == n
    paras_per_page = {}
    for r in records:
        if r["type"] == "paragraph":
            paras_per_page[r["page"]] = paras_per_page.get(r["page"], 0) + 1
    assert all(paras_per_page[r["page"]] == r["paragraphs"] for r in records if r["type"] == "page")


# -- the shipped model on the sample folder ----------------------------------------------------
SHIPPED = REPO / "models" / "spamdetect-default.npz"
EXAMPLES = REPO / "examples" / "pages"


@pytest.mark.skipif(not EXAMPLES.exists(), reason="needs examples/pages")
def test_sample_folder_reads_cleanly(model):
    got = {Path(p.path).name: p for p in scan_folder([EXAMPLES], jobs=1, model=model)}
    assert len(got) == 9 and all(p.error is None for p in got.values())
    assert got["gbk_news.html"].encoding == "gb18030" and got["big5_news.html"].encoding == "big5hkscs"
    assert "颱風過境 全臺停班停課" in [p.text for p in got["big5_news.html"].paragraphs]
    assert got["archived.html.gz"].paragraphs and got["notes.txt"].paragraphs[-1].locator == "line 10"
    hidden = [p.text for p in got["seed_like.html"].paragraphs if p.hidden]
    assert len(hidden) == 4 and hidden[0] == "时事1:百家乐登录官网下载"


@pytest.mark.skipif(not SHIPPED.exists() or not EXAMPLES.exists(), reason="needs the shipped model and examples/pages")
def test_shipped_model_on_the_sample_pages():
    got = {Path(p.path).name: p for p in scan_folder([EXAMPLES], jobs=1)}
    assert all(p.error is None for p in got.values())
    assert got["clean_news.html"].verdict == "clean"
    assert got["crackdown_news.html"].verdict == "clean"  # legitimate text about gambling
    assert got["seed_like.html"].verdict == "infected"
    assert got["gambling_seo.html"].verdict == "spam_page"
    assert got["porn_titles.html"].verdict == "infected"
    # the stuffed titles and nothing of the blog post below them
    assert [p.label for p in got["porn_titles.html"].paragraphs][:3] == ["spam", "spam", "article"]
    assert got["porn_titles.html"].spam_count == 2


def test_clean_paths_never_collide():
    from spamdetect.scan import clean_path

    names = ["site/b.txt", "site/b.txt.gz", "site/b.html", "site/b.html.gz", "site/a/b.htm"]
    paths = [clean_path(n, ["site"], "out") for n in names]
    assert len(set(paths)) == len(paths)
    assert clean_path("site/a/b.html.gz", ["site"], "out") == os.path.join("out", "a", "b.html.gz.txt")
