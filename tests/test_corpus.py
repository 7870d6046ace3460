"""Corpus cleaning: clean_documents, the readers (JSONL, gzip, Parquet, WARC), bad records,
the ``spamdetect clean`` command, and resume after a real kill."""

import gzip
import itertools
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pagekit import ARTICLE, SPAM, news_html, tiny_model
from spamdetect import clean_documents
from spamdetect.corpus import BATCH_DOCS, clean_files

REPO = Path(__file__).resolve().parents[1]
CLEAN_TEXT = "\n".join(ARTICLE[:6]) + "\n\n  indented last line of a clean document  "
INFECTED_TEXT = "\n".join(ARTICLE[:5] + [SPAM[0]])
SPAM_PAGE_TEXT = "\n".join(SPAM[:6])


@pytest.fixture(scope="module")
def model():
    return tiny_model()


@pytest.fixture
def model_file(tiny_model_file):
    return tiny_model_file


def records():
    return [{"id": "a", "text": CLEAN_TEXT, "meta": {"lang": "zh"}},
            {"id": "b", "text": INFECTED_TEXT},
            {"id": "c", "text": SPAM_PAGE_TEXT},
            {"id": "d", "text": ""}]


def write_jsonl(path, lines, *, gz=False):
    data = "".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
                   for line in lines).encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def read_jsonl(path):
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f]


def run_cli(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "spamdetect", "clean", *map(str, args)],
                          capture_output=True, text=True, cwd=REPO, timeout=timeout)


# -- clean_documents ---------------------------------------------------------------------------
def test_clean_documents_cleans_infected_empties_spam_pages_and_keeps_clean_text_verbatim(model):
    out = list(clean_documents(records(), model=model))
    assert [r["id"] for r in out] == ["a", "b", "c", "d"]
    a, b, c, d = out
    assert a["text"] == CLEAN_TEXT and a["meta"] == {"lang": "zh"}  # byte for byte, other fields kept
    assert (a["verdict"], a["spam_paragraphs"], a["spam_chars"]) == ("clean", 0, 0)
    assert b["verdict"] == "infected" and b["spam_paragraphs"] == 1 and b["spam_chars"] == len(SPAM[0])
    assert b["text"] == "\n".join(ARTICLE[:5])
    assert c["verdict"] == "spam_page" and c["text"] == "" and c["spam_paragraphs"] == 6
    assert d["text"] == "" and d["verdict"] == "clean"
    dropped = list(clean_documents(records(), model=model, drop_spam_pages=True))
    assert [r["id"] for r in dropped] == ["a", "b", "d"]


def test_clean_documents_cuts_as_clean_text_does(model):
    """A document's cleaned text is the single-document API's (spans included); only a clean
    document differs, kept byte for byte instead of re-joined."""
    from spamdetect import clean_text

    texts = [r["text"] for r in records()] + ["\n".join([ARTICLE[0], f"{ARTICLE[1]}{SPAM[0]}", ARTICLE[2]])]
    for text, out in zip(texts, clean_documents([{"text": t} for t in texts], model=model)):
        assert out["text"] == (text if out["verdict"] == "clean" else clean_text(text, model=model))
    assert out["verdict"] != "clean"  # the mixed line is found


def test_the_added_fields_are_what_a_page_scan_of_the_text_reports(model):
    # corpus cleaning reads its fields off the page decisions; a scan builds a result per
    # paragraph: both must count the same
    from spamdetect import scan_page

    texts = [r["text"] for r in records()] + ["\n".join([ARTICLE[0], f"{ARTICLE[1]}{SPAM[0]}", ARTICLE[2]])]
    for text, out in zip(texts, clean_documents([{"text": t} for t in texts], model=model)):
        page = scan_page(text, model=model)
        assert (out["verdict"], out["spam_paragraphs"], out["spam_chars"]) == \
            (page.verdict, page.spam_count,
             sum(len(p.text) - len(p.clean_text or "") for p in page.paragraphs if p.label == "spam"))
        if out["verdict"] != "clean":
            assert out["text"] == page.article_text.removesuffix("\n")


def test_clean_documents_returns_bad_records_with_an_error(model):
    docs = [{"id": 1}, {"id": 2, "text": 5}, ["not", "a", "dict"], {"id": 4, "body": INFECTED_TEXT}]
    out = list(clean_documents(docs, model=model))
    assert out[0] == {"id": 1, "error": "missing field 'text'"}
    assert out[1] == {"id": 2, "text": 5, "error": "field 'text' is not a string (int)"}
    assert out[2]["error"].startswith("not a JSON object")
    # a configurable text field
    out = list(clean_documents(docs[3:], model=model, text_field="body"))
    assert out[0]["verdict"] == "infected" and SPAM[0] not in out[0]["body"]


def test_clean_documents_streams(model):
    """An endless input: results come out batch by batch, so nothing waits for the end."""
    endless = ({"id": i, "text": INFECTED_TEXT if i % 2 else CLEAN_TEXT} for i in itertools.count())
    first = list(itertools.islice(clean_documents(endless, model=model), BATCH_DOCS + 3))
    assert [r["id"] for r in first] == list(range(BATCH_DOCS + 3))


# -- readers and writers -----------------------------------------------------------------------
def test_clean_files_jsonl_with_bad_lines_into_gzip_output(tmp_path, model):
    src = write_jsonl(tmp_path / "in.jsonl.gz", [
        *records(), "{not json", {"id": "e"}, {"id": "f", "text": ["x"]}, "", b"\xff\xfe".decode("latin-1")],
        gz=True)
    out = tmp_path / "out.jsonl.gz"
    stats = clean_files([src], str(out), model=model, drop_spam_pages=True)
    got = read_jsonl(out)
    assert [r["id"] for r in got] == ["a", "b", "d"]
    assert got[0]["text"] == CLEAN_TEXT
    errors = read_jsonl(str(out) + ".errors.jsonl")
    assert [(e["position"], e["error"].split(":")[0]) for e in errors] == [
        (5, "bad JSON"), (6, "missing field 'text'"), (7, "field 'text' is not a string (list)"), (9, "bad JSON")]
    assert errors[0]["raw"] == "{not json\n" and errors[1]["id"] == "e"
    assert (stats.documents, stats.clean, stats.infected, stats.spam_pages, stats.dropped, stats.errors) == (
        4, 2, 1, 1, 1, 4)
    assert stats.chars_in - stats.chars_out >= len(SPAM[0]) + len(SPAM_PAGE_TEXT)


def test_a_document_the_model_fails_on_is_an_error_not_a_crash(tmp_path, model):
    class Picky:  # a bare model (as pagekit.CrashingModel) that fails on a batch holding BOOM
        threshold_, classes_ = model.threshold_, model.classes_

        def predict_proba(self, texts):
            if any("BOOM" in t for t in texts):
                raise ValueError("cannot score this")
            return model.predict_proba(texts)

    src = write_jsonl(tmp_path / "in.jsonl", records() + [{"id": "boom", "text": "BOOM"}, records()[1]])
    out = tmp_path / "out.jsonl"
    stats = clean_files([src], str(out), model=Picky())
    assert [r["id"] for r in read_jsonl(out)] == ["a", "b", "c", "d", "b"]
    errors = read_jsonl(str(out) + ".errors.jsonl")
    assert errors == [{"source": str(src), "position": 5, "id": "boom",
                       "error": "classification failed: ValueError: cannot score this"}]
    assert stats.errors == 1


def test_truncated_gzip_input_is_an_error_not_a_crash(tmp_path, model):
    full = gzip.compress("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records() * 50).encode())
    src = tmp_path / "cut.jsonl.gz"
    src.write_bytes(full[: len(full) // 2])
    good = write_jsonl(tmp_path / "next.jsonl", records()[:1])
    out = tmp_path / "out.jsonl"
    stats = clean_files([src, good], str(out), model=model)
    errors = read_jsonl(str(out) + ".errors.jsonl")
    assert len(errors) == 1 and errors[0]["error"].startswith("cannot read after unit")
    assert read_jsonl(out)[-1]["id"] == "a" and stats.errors == 1 and stats.documents > 1


def test_parquet_in_and_out(tmp_path, model):
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    rows = records() + [{"id": "n", "text": None}]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "in.parquet", row_group_size=2)
    out = tmp_path / "out.parquet"
    stats = clean_files([tmp_path / "in.parquet"], str(out), model=model)
    got = pq.read_table(out).to_pylist()
    assert [r["id"] for r in got] == ["a", "b", "c", "d"]
    assert got[0]["text"] == CLEAN_TEXT and got[1]["verdict"] == "infected" and got[2]["text"] == ""
    assert stats.errors == 1 and read_jsonl(str(out) + ".errors.jsonl")[0]["id"] == "n"
    assert not list(tmp_path.glob("*.tmp*"))


def warc_record(rtype, uri, payload: bytes, *, http_type="text/html; charset=utf-8", status=200):
    """One gzip member holding a WARC/1.1 record (a test fixture; FastWARC does the reading)."""
    if rtype == "response":
        body = (f"HTTP/1.1 {status} {'OK' if status == 200 else 'Moved'}\r\nContent-Type: {http_type}\r\n"
                f"Content-Length: {len(payload)}\r\n\r\n").encode() + payload
        ctype = "application/http; msgtype=response"
    else:
        body, ctype = payload, "application/http; msgtype=request"
    rid = f"<urn:uuid:{abs(hash((uri, rtype))):032x}>"
    head = (f"WARC/1.1\r\nWARC-Type: {rtype}\r\nWARC-Record-ID: {rid}\r\nWARC-Date: 2026-11-30T00:00:00Z\r\n"
            f"WARC-Target-URI: {uri}\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    return gzip.compress(head + body + b"\r\n\r\n")


def test_warc_responses_are_extracted_like_pages(tmp_path, model):
    pytest.importorskip("fastwarc")
    infected = news_html(f'<div style="display:none"><p>{SPAM[0]}</p><p>{SPAM[1]}</p></div>')
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(b"".join([
        warc_record("request", "http://a.example/1", b"GET /1 HTTP/1.1\r\nHost: a.example\r\n\r\n"),
        warc_record("response", "http://a.example/1", infected.encode("utf-8")),
        warc_record("response", "http://a.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(50), http_type="image/png"),
        warc_record("response", "http://a.example/bin", b"\x00\x01binary\x00" * 20),
        warc_record("response", "http://a.example/gbk", news_html(charset="gbk").encode("gbk")),
        warc_record("response", "http://a.example/old", b"<html>moved</html>", status=301),
    ]))
    out = tmp_path / "out.jsonl"
    stats = clean_files([warc], str(out), model=model)
    got = read_jsonl(out)
    assert [r["url"] for r in got] == ["http://a.example/1", "http://a.example/gbk"]
    assert got[0]["verdict"] == "infected" and got[0]["spam_paragraphs"] == 2
    assert SPAM[0] not in got[0]["text"] and ARTICLE[0] in got[0]["text"]
    assert got[1]["verdict"] == "clean" and ARTICLE[1] in got[1]["text"]  # decoded from GBK
    assert got[0]["id"].startswith("<urn:uuid:") and got[0]["date"] == "2026-11-30T00:00:00Z"
    errors = read_jsonl(str(out) + ".errors.jsonl")
    assert [e["error"].split(" (")[0] for e in errors] == ["binary file"]
    assert (stats.documents, stats.errors, stats.skipped) == (2, 1, 2)  # an image, a redirect


# -- the command -------------------------------------------------------------------------------
def test_cli_clean_summary_drop_and_fields(tmp_path, model_file):
    src = write_jsonl(tmp_path / "in.jsonl", [{"doc": i, "content": r["text"]} for i, r in enumerate(records())])
    out = tmp_path / "out.jsonl"
    r = run_cli(src, "-o", out, "--model", model_file, "--text-field", "content", "--id-field", "doc",
                "--drop", "spam_page")
    assert r.returncode == 0, r.stderr
    assert "4 documents, 2 clean, 1 infected, 1 spam pages (1 dropped), 0 errors" in r.stderr
    assert "MB/s" in r.stderr and "\r" not in r.stderr  # no progress bar when stderr is not a terminal
    assert [x["doc"] for x in read_jsonl(out)] == [0, 1, 3]
    # stdout without -o; errors then go to stderr
    r = run_cli(write_jsonl(tmp_path / "bad.jsonl", ["{", records()[1]]), "--model", model_file, "-q")
    assert r.returncode == 0 and [json.loads(x)["verdict"] for x in r.stdout.splitlines()] == ["infected"]
    assert json.loads(r.stderr.splitlines()[0])["error"].startswith("bad JSON")


def test_cli_usage_errors(tmp_path, model_file, capsys):
    """Exit code 2, and nothing written, for what cannot be run safely (in-process: no start-up)."""
    from spamdetect.cli import main

    def clean(*args):
        code = main(["clean", *map(str, args)])
        return code, capsys.readouterr().err

    src = write_jsonl(tmp_path / "in.jsonl", records())
    assert clean(tmp_path / "missing.jsonl")[0] == 2
    assert clean(src, "--resume")[0] == 2  # no -o
    odd = tmp_path / "in.dat"
    odd.write_text("x")
    assert clean(odd, "-o", tmp_path / "o.jsonl")[0] == 2  # unknown format
    code, err = clean(src, "-o", tmp_path / "o.jsonl", "--model", tmp_path / "in.dat")
    assert code == 2 and "cannot load model" in err and not (tmp_path / "o.jsonl").exists()
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "x"}\n')
    code, err = clean(src, "-o", out, "--resume", "--model", model_file)  # no progress file: unsafe
    assert code == 2 and "cannot tell" in err and out.read_text() == '{"id": "x"}\n'
    assert clean(src, "-o", out, "--model", model_file)[0] == 0
    code, err = clean(src, src, "-o", out, "--resume", "--model", model_file)  # other inputs than the run had
    assert code == 2 and "differ" in err
    with open(out, "r+b") as f:  # the system lost the end of the file: refuse rather than pad
        f.truncate(10)
    code, err = clean(src, "-o", out, "--resume", "--model", model_file)
    assert code == 2 and "shorter than its checkpoint" in err


def _position(progress: Path) -> int:
    try:
        return json.loads(progress.read_text())["position"]
    except (FileNotFoundError, ValueError):
        return 0


@pytest.mark.parametrize("sig, suffix", [(signal.SIGKILL, ".jsonl"), (signal.SIGKILL, ".jsonl.gz"),
                                         (signal.SIGTERM, ".jsonl")])
def test_killed_run_resumes_with_no_record_lost_or_twice(tmp_path, model_file, sig, suffix):
    n = 3000
    lines = []
    for i in range(n):
        if i % 499 == 5:
            lines.append("{broken")
        else:
            lines.append({"id": i, "text": (INFECTED_TEXT, CLEAN_TEXT, SPAM_PAGE_TEXT)[i % 3]})
    src = write_jsonl(tmp_path / "in.jsonl", lines)
    reference = tmp_path / f"reference{suffix}"
    clean_files([src], str(reference), model=model_file)  # the same run, uninterrupted

    out = tmp_path / f"out{suffix}"
    progress = Path(str(out) + ".progress")
    cmd = [sys.executable, "-m", "spamdetect", "clean", str(src), "-o", str(out), "--model", model_file]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, cwd=REPO)
    deadline = time.time() + 60
    while _position(progress) < 2 * BATCH_DOCS and proc.poll() is None and time.time() < deadline:
        time.sleep(0.002)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    stopped_at = _position(progress)
    assert 2 * BATCH_DOCS <= stopped_at < n, "the run must be stopped midway"
    if sig == signal.SIGTERM:
        assert proc.returncode == 130 and b"(interrupted)" in err
    else:
        assert proc.returncode == -signal.SIGKILL
    resumed = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, cwd=REPO, timeout=120)
    assert resumed.returncode == 0, resumed.stderr
    assert read_jsonl(out) == read_jsonl(reference)  # every record once, in order
    assert read_jsonl(str(out) + ".errors.jsonl") == read_jsonl(str(reference) + ".errors.jsonl")
    assert len(read_jsonl(str(out) + ".errors.jsonl")) == 7
    if sig == signal.SIGTERM:  # resuming a finished run adds nothing
        again = subprocess.run(cmd + ["--resume"], capture_output=True, text=True, cwd=REPO, timeout=120)
        assert again.returncode == 0 and "0 documents" in again.stderr
        assert read_jsonl(out) == read_jsonl(reference)
