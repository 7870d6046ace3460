"""Hostile pages: memory stays bounded (checked in a subprocess under a 1 GB address-space limit,
so a regression fails the test instead of taking the machine down), and odd files are refused
without hanging."""

import gzip
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pagekit import ARTICLE, news_html, tiny_model
from spamdetect.decode import PageError, decode, read_page_bytes
from spamdetect.extract import MAX_LOCATOR_DEPTH, html_paragraphs
from spamdetect.pages import scan_page

TESTS = Path(__file__).resolve().parent
LIMIT_MB = 1024


def run_limited(code: str) -> tuple[str, int]:
    """Run ``code`` in a fresh Python limited to 1 GB of address space; ``(stdout, peak RSS MB)``.

    The code runs after the imports below and must print its result; the peak RSS of the
    process is appended by this wrapper. A MemoryError (or any exception) fails the test.
    """
    prelude = textwrap.dedent(f"""
        import resource, sys
        sys.path.insert(0, {str(TESTS)!r})
        resource.setrlimit(resource.RLIMIT_AS, ({LIMIT_MB} << 20, {LIMIT_MB} << 20))
    """)
    # VmHWM (this process's own high-water mark) rather than ru_maxrss, which Linux carries
    # over from the parent's memory when the child is forked (or vforked) and then exec'd
    epilogue = textwrap.dedent("""
        try:
            hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM:")][0].split()[1]
            print("PEAK", int(hwm) // 1024)
        except OSError:
            print("PEAK", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
    """)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
    proc = subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(code) + epilogue],
                          capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out, _, peak = proc.stdout.rpartition("PEAK ")
    return out, int(peak)


def test_fifty_thousand_nested_divs_take_bounded_memory():
    # was 5 GB (every open element kept a locator as long as the depth: quadratic)
    out, peak = run_limited("""
        from spamdetect.extract import html_paragraphs
        n = 50_000
        paras = html_paragraphs("<div>" * n + "深处的文字" + "</div>" * n)
        print(len(paras), paras[0].text, paras[0].locator.endswith(">…"), len(paras[0].locator))
    """)
    count, text, truncated, length = out.split()
    assert (count, text, truncated) == ("1", "深处的文字", "True")
    assert int(length) < 4 * MAX_LOCATOR_DEPTH + 10
    assert peak < 300, f"{peak} MB"


def test_gzip_bomb_to_scan_page_is_refused_in_bounded_memory():
    # 1 MB of gzip that inflates to 1 GB: scan_page(bytes) used to inflate it whole
    out, peak = run_limited("""
        import zlib
        from pagekit import tiny_model
        from spamdetect.pages import scan_page
        z = zlib.compressobj(9, zlib.DEFLATED, 31)
        chunk = b"<p>" + b" " * 1_000_000
        bomb = b"".join(z.compress(chunk) for _ in range(1000)) + z.flush()
        page = scan_page(bomb, model=tiny_model())
        print(len(bomb) < 1_500_000, page.error)
    """)
    small, error = out.split(" ", 1)
    assert small == "True"
    assert error.strip() == "too big: decompresses to more than 20000000 bytes"
    assert peak < 400, f"{peak} MB"


def test_twenty_megabytes_of_tiny_elements_are_refused_in_bounded_memory():
    # 5 million elements: the parser alone took 1.5 GB (and failed under the 1 GB limit)
    out, peak = run_limited("""
        from pagekit import tiny_model
        from spamdetect.pages import scan_page
        page = scan_page("<p>a" * 5_000_000, model=tiny_model())
        print(page.error)
    """)
    assert out.strip() == "too many elements: more than 500000"
    assert peak < 400, f"{peak} MB"


def test_a_wide_page_just_under_the_caps_is_scanned():
    paras = html_paragraphs("<div>" + "<span>字</span>" * 50_000 + "</div><p>结尾</p>")
    assert [p.text for p in paras] == ["字" * 50_000, "结尾"]


def test_locators_deeper_than_the_cap_are_marked_and_text_kept():
    depth = MAX_LOCATOR_DEPTH + 50
    html = "<div>" * depth + "<p>深处</p><p>另一段</p>" + "</div>" * depth + "<p>表层</p>"
    paras = html_paragraphs(html)
    assert [p.text for p in paras] == ["深处", "另一段", "表层"]
    deep = paras[0].locator
    assert deep.endswith(">…") and deep.count(">") == MAX_LOCATOR_DEPTH
    assert paras[1].locator == deep  # past the cap, one locator for everything inside
    assert paras[2].locator == "body>p"


def test_scan_page_str_over_the_size_cap_is_an_error():
    page = scan_page("<p>" + "很长" * 600 + "</p>", model=tiny_model(), max_bytes=1000)
    assert page.error == "too big: more than 1000 characters" and page.paragraphs == []


def test_one_nul_byte_does_not_make_a_page_binary():
    html = news_html().encode("utf-8")
    cut = html.index(b"</h1>")  # between characters, not inside one
    text, encoding = decode(html[:cut] + b"\x00" + html[cut:])
    assert encoding == "utf-8" and ARTICLE[0] in text
    page = scan_page(html[:cut] + b"\x00" + html[cut:], model=tiny_model())
    assert page.error is None and ARTICLE[0] in [p.text for p in page.paragraphs]
    # ... while files that are mostly control bytes still are
    for binary in (bytes(range(256)) * 4, b"\x00" * 100 + html, b"\x01\x02\x03" * 400):
        with pytest.raises(PageError, match="binary"):
            decode(binary)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    # opening a FIFO for reading with no writer blocks forever; here it must not
    with pytest.raises(PageError, match="not a regular file \\(FIFO\\)"):
        read_page_bytes(fifo)


def test_bounded_gunzip_in_read_page_bytes_and_scan_page_agree(tmp_path):
    data = gzip.compress(news_html().encode("utf-8"))
    (tmp_path / "a.html.gz").write_bytes(data)
    raw, _ = read_page_bytes(tmp_path / "a.html.gz")
    assert raw == news_html().encode("utf-8")
    for limit in (len(raw) - 1, 10):
        with pytest.raises(PageError, match="too big"):
            read_page_bytes(tmp_path / "a.html.gz", max_bytes=limit)
        assert scan_page(data, model=tiny_model(), max_bytes=limit).error.startswith("too big")
