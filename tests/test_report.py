"""The HTML report: reading reports, grouping spam locations, spans, escaping, the CLI, and a real
headless browser (Chromium + Playwright; skipped where either is missing)."""

import base64
import hashlib
import json
import re
import shutil
from pathlib import Path

import pytest

from browserkit import browser_page, find_chromium
from pagekit import ARTICLE, SPAM, news_html, tiny_model
from spamdetect import report as report_mod
from spamdetect.cli import main
from spamdetect.persist import save_model
from spamdetect.report import Report, build_report, read_report, render_html, spam_kind, text_segments
from spamdetect.scan import resume_report

REPO = Path(__file__).resolve().parents[1]
XSS = '<script>alert(1)</script> "quoted" <img src=x onerror=alert(2)>'


@pytest.fixture(scope="module")
def model_file(tmp_path_factory):
    return str(save_model(tiny_model(), tmp_path_factory.mktemp("model") / "tiny.npz"))


def make_site(root: Path) -> Path:
    """Three infected pages sharing one injected block, a clean page, an empty (error) page."""
    block = f'<div style="display:none"><p>{SPAM[0]}</p><p>{SPAM[1]}</p></div>'
    root.mkdir(parents=True)
    for i in range(3):
        (root / f"infected{i}.html").write_text(news_html(block), encoding="utf-8")
    (root / "clean.html").write_text(news_html(), encoding="utf-8")
    (root / "empty.html").write_bytes(b"")
    return root


def read_jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines()]


def data_block(html: str) -> dict:
    """The JSON the page's script renders from, parsed as the browser would."""
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


def paragraphs(data: dict, row: int) -> list[dict]:
    """The paragraphs of table row ``row`` decoded from the data block (layout: report.js)."""
    locs, texts, scores, flags, *segments = data["pages"][row][8]
    return [{"locator": data["locators"][loc], "text": data["texts"][t], "score": s / 1000 if s >= 0 else None,
             "hidden": bool(int(f) & 1), "spam": bool(int(f) & 2), "cut": bool(int(f) & 4),
             "segments": segments[0].get(str(n)) if segments else None}
            for n, (loc, t, s, f) in enumerate(zip(locs, texts, scores, flags))]


def para(page, index, text, *, label="article", locator="body>p", hidden=False, score=0.1, **kw):
    return dict({"type": "paragraph", "page": page, "index": index, "locator": locator, "hidden": hidden,
                 "label": label, "score": score, "text": text, "truncated": False}, **kw)


def page_rec(page, paras, verdict=None, error=None):
    spam = sum(p["label"] == "spam" for p in paras)
    verdict = verdict or ("infected" if spam else "clean")
    return {"type": "page", "page": page, "paragraphs": len(paras), "spam": spam,
            "verdict": None if error else verdict, "max_score": max((p["score"] for p in paras), default=0.0),
            "encoding": "utf-8", "error": error, "bytes": 100, "paragraph_records": paras}


# -- pieces ------------------------------------------------------------------------------------
def test_text_segments_cut_merge_and_clamp_spans():
    text = "正文开始,百家乐官网,正文继续。"
    assert text_segments(text, [[5, 10, 0.9]]) == [["正文开始,", False], ["百家乐官网", True], [",正文继续。", False]]
    # overlapping and touching spans merge; out-of-range ends are clamped; empty ones dropped
    assert text_segments(text, [[7, 10, 0.9], [5, 8, 0.8], [10, 11, 0.5], [3, 3, 0.1], [14, 99, 1]]) == [
        ["正文开始,", False], ["百家乐官网,", True], ["正文继", False], ["续。", True]]
    assert text_segments(text, []) == [[text, False]]
    # offsets are characters (code points), also past a character outside the BMP
    astral = "𠀋港字,太阳城官网"
    assert text_segments(astral, [[4, 9, 1.0]]) == [["𠀋港字,", False], ["太阳城官网", True]]


def test_spans_give_segments_whatever_the_label_and_keep_the_text_whole():
    mixed = ARTICLE[0] * 5 + "百家乐官网"
    n = len(mixed)
    rep = Report(pages=[page_rec("p", [
        para("p", 0, mixed, spans=[[n - 5, n, 0.95]]),  # an article paragraph with a spam phrase
        para("p", 1, SPAM[0], label="spam"),  # spam, no spans: highlighted whole
        para("p", 2, ARTICLE[1] * 10)])])
    first, second, third = paragraphs(build_report(rep, article_chars=30)["data"], 0)
    assert first["text"] == mixed and first["segments"] == [[mixed[:-5], False], ["百家乐官网", True]]
    assert not first["spam"] and second["spam"] and second["segments"] is None
    assert third["text"] == (ARTICLE[1] * 10)[:30] + "…"


def test_spam_kind_is_a_coarse_guess():
    assert spam_kind(SPAM[0]) == "gambling"
    assert spam_kind(SPAM[3]) == "porn"
    assert spam_kind(SPAM[6]) == "ads (私服, 办证, ...)"
    assert spam_kind("点击这里了解更多优质内容") == "SEO / other"
    assert spam_kind("java available: 1991年福建") == "SEO / other"  # no "av" inside a word


def test_recurring_locations_merge_a_block_across_pages():
    pages = []
    for i in range(5):
        paras = [para(f"p{i}", 0, ARTICLE[0])]
        paras += [para(f"p{i}", k + 1, SPAM[k], label="spam", hidden=True, score=0.99,
                       locator=f"body>div:nth-of-type(3)>p:nth-of-type({k + 1})") for k in range(3)]
        pages.append(page_rec(f"p{i}", paras))
    pages.append(page_rec("t", [para("t", 0, SPAM[4], label="spam", locator="title", score=0.9),
                                para("t", 1, ARTICLE[1])]))
    # one paragraph of the block on one more page
    pages.append(page_rec("u", [para("u", 0, SPAM[5], label="spam", locator="body>div:nth-of-type(3)>p:nth-of-type(1)")]))
    ctx = build_report(Report(pages=pages))
    top, title = ctx["groups"]
    assert top["locator"] == "body>div:nth-of-type(3)" and top["pages"] == 6 and top["spam"] == 16
    assert top["hidden"] == 15 and top["locators"] == [
        ("body>div:nth-of-type(3)>p:nth-of-type(1)", 6), ("body>div:nth-of-type(3)>p:nth-of-type(2)", 5),
        ("body>div:nth-of-type(3)>p:nth-of-type(3)", 5)]
    assert ctx["data"]["groups"][0] == [0, 1, 2, 3, 4, 6]  # the pages, by their row in the table
    # `title` has no parent block: a location of its own
    assert (title["locator"], title["pages"], title["locators"]) == ("title", 1, [])
    assert ctx["data"]["groups"][1] == [5]
    assert ctx["verdicts"] == {"spam_page": 0, "infected": 7, "clean": 0, "error": 0}
    assert ctx["spam_paragraphs"] == 17 and ctx["paragraphs"] == 23
    assert [b["count"] for b in ctx["hidden_bars"]] == [15, 2]


def test_html_escapes_page_text_and_embeds_it_as_json():
    evil_page = 'site/"evil"<b>.html'
    paras = [para(evil_page, 0, SPAM[0] + XSS, label="spam", score=0.97, locator='div[x="<i>"]'),
             para(evil_page, 1, ARTICLE[0] + XSS)]
    rep = Report(pages=[page_rec(evil_page, paras),
                        page_rec("bad.html", [], error="unparsable: " + XSS)], source="site/<u>")
    html = render_html(rep, title="<em>title</em>")
    # nothing from the pages (text, path, locator, error) or the caller reaches the HTML unescaped
    for raw in ("<script>alert", "<img src=x", "<b>.html", '<i>"', "<em>title", "<u>"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the recurring locations' samples, the errors
    assert "<script" not in html.replace('<script type="application/json" id="report-data">', "").replace("<script>", "", 1)
    # the data block gives the page's script the exact text back
    data = data_block(html)
    assert data["pages"][0][0] == evil_page
    first, second = paragraphs(data, 0)
    assert (first["text"], first["locator"], first["spam"], first["score"]) == (SPAM[0] + XSS, 'div[x="<i>"]', True, 0.97)
    assert (second["text"], second["spam"], second["hidden"]) == (ARTICLE[0] + XSS, False, False)
    # self-contained: no URL to fetch; the CSP allows only the report's own script
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    script = re.search(r"<script>(.*)</script>", html, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-{digest}'" in html


def test_article_paragraphs_are_shortened_spam_ones_kept_whole():
    long_article, long_spam = ARTICLE[0] * 20, SPAM[0] * 20
    rep = Report(pages=[page_rec("p", [para("p", 0, long_article), para("p", 1, long_spam, label="spam")])])
    article, spam = paragraphs(build_report(rep, article_chars=50)["data"], 0)
    assert article["text"] == long_article[:50] + "…" and spam["text"] == long_spam
    whole = build_report(rep, article_chars=None, article_budget=None)
    assert paragraphs(whole["data"], 0)[0]["text"] == long_article and whole["article_chars"] is None
    # a report too big for the budget gets shorter article text, never shorter than 20 characters
    many = Report(pages=[page_rec(f"p{i}", [para(f"p{i}", 0, f"{i}:" + long_article)]) for i in range(100)])
    per_page = len(("99:" + long_article).encode())
    ctx = build_report(many, article_chars=500, article_budget=100 * per_page // 4)
    assert 20 <= ctx["article_chars"] < len(long_article) // 4 + 4
    assert all(len(t) <= ctx["article_chars"] + 1 for t in ctx["data"]["texts"])
    assert build_report(many, article_chars=500, article_budget=1)["article_chars"] == 20


# -- command line ------------------------------------------------------------------------------
def test_scan_html_with_report_and_report_subcommand(tmp_path, model_file, capsys):
    site = make_site(tmp_path / "site")
    jsonl, html = tmp_path / "r.jsonl", tmp_path / "r.html"
    assert main(["scan", str(site), "-o", str(jsonl), "--html", str(html), "--model", model_file, "--jobs", "1"]) == 0
    records = read_jsonl(jsonl)
    summary = records[-1]
    assert summary["type"] == "summary" and summary["page"] is None
    assert (summary["pages"], summary["infected"], summary["errors"], summary["spam_paragraphs"]) == (5, 3, 1, 6)
    assert summary["seconds"] > 0 and summary["interrupted"] is False
    assert "HTML report" in capsys.readouterr().err
    rep = read_report(jsonl)
    assert rep.summary == summary and len(rep.pages) == 5 and rep.orphans == 0
    data = data_block(html.read_text(encoding="utf-8"))
    assert sorted(p[1] for p in data["pages"]) == ["clean", "error", "infected", "infected", "infected"]
    # the block injected on the three infected pages is the top location
    ctx = build_report(rep)
    assert ctx["groups"][0]["pages"] == 3 and ctx["groups"][0]["locator"] == "body>div:nth-of-type(2)"
    # `spamdetect report` from the file gives the same data
    again = tmp_path / "again.html"
    assert main(["report", str(jsonl), "--html", str(again)]) == 0
    assert data_block(again.read_text(encoding="utf-8")) == data
    assert main(["report", str(tmp_path / "missing.jsonl"), "--html", str(again)]) == 2
    (tmp_path / "file").write_text("")
    assert main(["report", str(jsonl), "--html", str(tmp_path / "file" / "x.html")]) == 2
    assert "cannot write" in capsys.readouterr().err
    # a scan whose HTML cannot be written is a usage error found before the scan starts
    before = jsonl.read_bytes()
    assert main(["scan", str(site), "-o", str(jsonl), "--html", str(tmp_path / "file" / "x.html"),
                 "--model", model_file, "--jobs", "1"]) == 2
    assert "cannot write" in capsys.readouterr().err and jsonl.read_bytes() == before


def test_scan_html_alone_prints_no_json_and_csv_reports_read_back(tmp_path, model_file, capsys):
    site = make_site(tmp_path / "site")
    html = tmp_path / "only.html"
    assert main(["scan", str(site), "--html", str(html), "--model", model_file, "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert out == "" and html.exists()
    only = data_block(html.read_text(encoding="utf-8"))
    csv_report = tmp_path / "r.csv"
    assert main(["scan", str(site), "-o", str(csv_report), "--model", model_file, "--jobs", "1"]) == 0
    rep = read_report(csv_report)
    infected = next(p for p in rep.pages if p["page"].endswith("infected0.html"))
    assert infected["spam"] == 2 and infected["error"] is None and infected["bytes"] > 0
    hidden = [p for p in infected["paragraph_records"] if p["hidden"]]
    assert [(p["text"], p["label"], p["index"]) for p in hidden] == [(SPAM[0], "spam", 8), (SPAM[1], "spam", 9)]
    assert isinstance(hidden[0]["score"], float)
    assert build_report(rep)["data"]["pages"] == only["pages"]


def test_resume_cuts_the_summary_record_and_writes_a_new_one(tmp_path, model_file):
    site = make_site(tmp_path / "site")
    jsonl = tmp_path / "r.jsonl"
    args = ["scan", str(site), "-o", str(jsonl), "--model", model_file, "--jobs", "1"]
    assert main(args) == 0
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    (tmp_path / "r.jsonl").write_text("\n".join(lines[:-3]) + "\n", encoding="utf-8")  # the last page lost
    assert main(args + ["--resume"]) == 0
    records = read_jsonl(jsonl)
    assert [r["type"] for r in records].count("summary") == 1 and records[-1]["type"] == "summary"
    assert records[-1]["pages"] == 1  # the resumed run's own pages
    assert len([r for r in records if r["type"] == "page"]) == 5
    assert len(resume_report(str(jsonl), "jsonl")) == 5 and read_jsonl(jsonl)[-1]["type"] == "page"


def test_report_from_pages_shows_what_the_jsonl_report_would(tmp_path, model_file):
    from spamdetect.scan import scan_folder

    site = make_site(tmp_path / "site")
    jsonl = tmp_path / "r.jsonl"
    assert main(["scan", str(site), "-o", str(jsonl), "--model", model_file, "--jobs", "1"]) == 0
    direct = report_mod.report_from_pages(scan_folder([str(site)], model=tiny_model(), jobs=1))
    assert build_report(direct)["data"] == build_report(read_report(jsonl))["data"]


def test_paragraphs_of_an_unfinished_page_are_left_out(tmp_path):
    jsonl = tmp_path / "r.jsonl"
    rec = page_rec("a", [para("a", 0, ARTICLE[0])])
    rec.pop("paragraph_records")
    lines = [para("a", 0, ARTICLE[0]), rec, para("b", 0, SPAM[0], label="spam")]
    jsonl.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines) + '{"type": "par',
                     encoding="utf-8")
    rep = read_report(jsonl)
    assert [p["page"] for p in rep.pages] == ["a"] and rep.orphans == 1 and rep.summary is None
    assert "scan time not in this report" in render_html(rep)


# -- a real browser ----------------------------------------------------------------------------
EVIL_PAGE = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>测试页面</title></head><body>"
             f"<p>{ARTICLE[0]}</p><p>{ARTICLE[1]}</p>"
             "<div style=\"display:none\"><p>百家乐登录官网首次登录送88元红包,真人娱乐在线体育下载 "
             "&lt;script&gt;alert(1)&lt;/script&gt; &quot;太阳城&quot;</p></div></body></html>")


@pytest.fixture(scope="module")
def browser_report(tmp_path_factory):
    """The sample pages plus a page whose spam holds ``<script>`` and ``"``, scanned with the
    shipped model into a JSONL and an HTML report; and a copy of the report with spam spans."""
    pytest.importorskip("playwright.sync_api")
    if find_chromium() is None:
        pytest.skip("no Chromium (apt-get install chromium)")
    tmp = tmp_path_factory.mktemp("browser")
    site = tmp / "pages"
    shutil.copytree(REPO / "examples" / "pages", site)
    (site / 'evil"page.html').write_text(EVIL_PAGE, encoding="utf-8")
    (site / "broken.html").write_bytes(b"\x00\x01binary")
    jsonl, html = tmp / "report.jsonl", tmp / "report.html"
    assert main(["scan", str(site), "-o", str(jsonl), "--html", str(html), "--jobs", "1"]) == 0
    return tmp, jsonl, html


def test_browser_summary_filter_expand_and_escaping(browser_report):
    tmp, jsonl, html = browser_report
    records = read_jsonl(jsonl)
    pages = [r for r in records if r["type"] == "page"]
    paras = [r for r in records if r["type"] == "paragraph"]
    by_verdict = {v: sum(p["verdict"] == v for p in pages) for v in ("clean", "infected", "spam_page")}
    evil = next(p for p in paras if p["page"].endswith('evil"page.html') and p["label"] == "spam")
    assert "<script>alert(1)</script>" in evil["text"] and '"太阳城"' in evil["text"]
    seed = next(p for p in pages if p["page"].endswith("seed_like.html"))
    dialogs, errors = [], []
    with browser_page() as page:
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(html.as_uri())
        stat = lambda key: int(page.inner_text(f'[data-stat="{key}"]').replace(",", ""))
        # the summary matches the JSONL report
        assert stat("pages") == len(pages) == 11
        assert stat("errors") == sum(p["error"] is not None for p in pages) == 1
        assert (stat("clean"), stat("infected"), stat("spam_page")) == (
            by_verdict["clean"], by_verdict["infected"], by_verdict["spam_page"])
        assert stat("spam_paragraphs") == sum(p["label"] == "spam" for p in paras) == sum(p["spam"] for p in pages)
        assert page.locator("tr.page-row").count() == 11
        # filtering by verdict
        page.click('button.filter[data-verdict="infected"]')
        verdicts = page.locator("tr.page-row td.verdict").all_inner_texts()
        assert verdicts == ["infected"] * by_verdict["infected"]
        page.click('button.filter[data-verdict="error"]')
        assert page.locator("tr.page-row td.path").all_inner_texts() == [str(tmp / "pages" / "broken.html")]
        page.click('button.filter[data-verdict="all"]')
        # expanding a page shows its paragraphs, the spam ones marked, with locator, hidden and score
        page.click(f'tr.page-row:has(td.path:text-is("{seed["page"]}"))')
        assert page.locator("tr.detail .para").count() == seed["paragraphs"]
        assert page.locator("tr.detail .para.spam").count() == seed["spam"]
        hidden_spam = [p for p in paras if p["page"] == seed["page"] and p["hidden"] and p["label"] == "spam"]
        assert page.locator("tr.detail .para.spam .tag.hidden").count() == len(hidden_spam) > 0
        first = page.locator("tr.detail .para.spam").first.inner_text()
        spam0 = next(p for p in paras if p["page"] == seed["page"] and p["label"] == "spam")
        assert spam0["locator"] in first and f"score {spam0['score']:.3f}" in first and spam0["text"] in first
        page.click(f'tr.page-row:has(td.path:text-is("{seed["page"]}"))')
        assert page.locator("tr.detail").count() == 0
        page.locator(f'tr.page-row:has(td.path:text-is("{seed["page"]}"))').press("Enter")  # by keyboard
        assert page.locator("tr.detail .para").count() == seed["paragraphs"]
        page.keyboard.press("Enter")  # the row keeps the focus: Enter again closes it
        assert page.locator("tr.detail").count() == 0
        # the evil page: its text shows as text, nothing of it becomes an element, nothing runs
        evil_row = page.locator("tr.page-row", has_text='evil"page.html')
        evil_row.click()
        shown = page.locator("tr.detail .para.spam .text").inner_text()
        assert shown == evil["text"]
        assert page.locator("#rows script, #rows img, #groups script, #groups img").count() == 0
        assert "<script>alert(1)</script>" in page.inner_text("#groups")
        # sorting by spam count, most first; a recurring location filters the table to its pages
        page.click('button.sort[data-key="3"]')
        counts = [int(t) for t in page.locator("tr.page-row td.n:nth-child(3)").all_inner_texts()]
        assert counts == sorted(counts, reverse=True) and counts[0] == max(p["spam"] for p in pages)
        page.locator("button.show-group").first.click()
        assert page.locator("tr.page-row").count() == build_report(read_report(jsonl))["groups"][0]["pages"]
        page.screenshot(path=str(tmp / "report.png"), full_page=True)
    assert dialogs == [] and errors == []
    assert (tmp / "report.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_browser_highlights_spam_spans_exactly(browser_report):
    tmp, jsonl, _ = browser_report
    records = read_jsonl(jsonl)
    evil = next(r for r in records if r["type"] == "paragraph" and r["label"] == "spam" and "evil" in r["page"])
    start = evil["text"].index("<script>")
    end = evil["text"].index("</script>") + len("</script>")
    evil["spans"] = [[0, 3, 0.99], [start, end, 0.9]]  # "百家乐" and the script tag, as spans
    spanned = tmp / "spans.jsonl"
    spanned.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    html = tmp / "spans.html"
    assert main(["report", str(spanned), "--html", str(html)]) == 0
    with browser_page() as page:
        page.goto(html.as_uri())
        page.locator("tr.page-row", has_text='evil"page.html').click()
        spam = page.locator("tr.detail .para.spam .text")
        assert spam.locator("mark").all_inner_texts() == ["百家乐", "<script>alert(1)</script>"]
        assert spam.inner_text() == evil["text"]  # the unmarked pieces are all there, in order
        # another page's spam paragraph, without spans, is highlighted whole
        page.locator("tr.page-row", has_text="seed_like.html").click()
        assert page.locator("tr.detail .para.spam .text.whole").count() >= 1
