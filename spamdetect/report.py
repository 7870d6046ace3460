"""An HTML report of a scan that a site operator can open: ``spamdetect report`` and ``scan --html``.

A JSON Lines report answers every question but is read by programs. A site operator who has
just scanned a saved copy of their site wants to see at a glance which pages are infected, where
in the page template the injection sits, and what was injected. This module turns a report (or a
scan in progress) into one self-contained HTML file:

* a summary (pages by verdict, spam paragraphs, errors, time) and three bar charts drawn in CSS
  (pages by verdict; spam paragraphs by coarse kind; hidden or visible);
* **recurring locations**: spam paragraphs grouped by their CSS locator across pages, the
  locators of one injected block (same parent element) merged over the union of their pages,
  sorted by the number of pages -- "this block of your template is injected on 340 pages" is how
  a hack is found;
* a table of pages, sortable, filterable by verdict, path and location, paginated, each page
  expandable to its paragraphs with the spam ones (or only their spam spans, when the report
  has ``spans``) highlighted, with locator, ``hidden`` flag and score;
* the pages that could not be read, with their errors.

Safety: the page text is untrusted (it is what an attacker injected). The file is rendered by
Jinja2 with autoescaping; the data the table needs is embedded as JSON in a
``<script type="application/json">`` block through Jinja's ``tojson`` (which escapes ``<``,
``>``, ``&`` and ``'``), and the page's own script inserts text only through ``textContent``,
never ``innerHTML``. A Content-Security-Policy meta tag forbids every network request, so the
file works from ``file://`` and calls nowhere.

Scale: the JSON is rendered lazily (100 table rows at a time, a page's paragraphs only when it
is expanded), so 10,000 pages open in a browser in about a second; locators and texts are
stored once, paragraphs as columns, and article paragraphs shortened (spam paragraphs are kept
whole) to keep the file small: 12-17 MB for 10,000 pages of ~95 paragraphs
(``benchmarks/report_bench.py`` measures it).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Report", "read_report", "report_from_pages", "build_report", "render_html", "write_html",
           "spam_kind", "text_segments", "register_cli"]

VERDICTS = ("spam_page", "infected", "clean", "error")
ARTICLE_CHARS = 200  # article paragraphs are shortened to this in the HTML (spam ones never) ...
ARTICLE_BUDGET = 8_000_000  # ... or shorter, so that their distinct text stays under 8 MB
TOP_GROUPS = 100  # recurring locations listed
TOP_ERRORS = 200  # errors listed in the errors section (all are in the table)

# A coarse kind for a spam paragraph, from a few tell-tale words: the report format has no kind,
# and the operator's first question after "where" is "what". First match wins; a paragraph that
# matches none is "SEO / other" (filler, link rows, keyword lists without the words below).
SPAM_KINDS = (
    ("gambling", re.compile(
        r"百家乐|博彩|赌场|赌博|娱乐城|真人|老虎机|时时彩|彩票|投注|彩金|返水|盘口|滚球|赔率|葡京|"
        r"太阳城|棋牌|六合彩|开户|赛车|pk10|bet|casino", re.IGNORECASE)),
    ("porn", re.compile(r"无码|成人|色情|黄色|午夜|福利|一区二区|(?<![a-z])av(?![a-z])|激情|情色|三级",
                        re.IGNORECASE)),
    ("ads (私服, 办证, ...)", re.compile(r"私服|传奇|外挂|办证|刻章|证件|发票|代开|贷款|代孕|枪")),
)
OTHER_KIND = "SEO / other"


def spam_kind(text: str) -> str:
    """The coarse kind of a spam paragraph (see ``SPAM_KINDS``); a guess for the chart only."""
    for kind, pattern in SPAM_KINDS:
        if pattern.search(text):
            return kind
    return OTHER_KIND


def _covers(text: str, spans) -> bool:
    """Whether ``spans`` mark the whole paragraph (the scan reports a paragraph that is spam
    as a whole as one span over its text): shown as a whole spam paragraph, not as a phrase."""
    marked = sum(max(0, min(len(text), int(s[1])) - max(0, int(s[0]))) for s in spans)
    return marked >= len(text.strip())


def text_segments(text: str, spans) -> list[list]:
    """``text`` cut at the ``spans`` (``[start, end, score]``, character offsets) into
    ``[piece, is_spam]`` pieces, in order, covering the whole text.

    Offsets count characters (code points), as Python does; cutting here rather than in the
    browser's script avoids JavaScript's UTF-16 offsets, which differ for characters outside the
    Basic Multilingual Plane (some HKSCS characters). Spans are clamped to the text, and
    overlapping or touching spans are merged.
    """
    ranges = []
    for span in spans or ():
        start, end = max(0, int(span[0])), min(len(text), int(span[1]))
        if start < end:
            ranges.append((start, end))
    ranges.sort()
    merged: list[list[int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        if start > pos:
            out.append([text[pos:start], False])
        out.append([text[start:end], True])
        pos = end
    if pos < len(text):
        out.append([text[pos:], False])
    return out


# ---------------------------------------------------------------------------------------------
# Reading a report
# ---------------------------------------------------------------------------------------------
@dataclass
class Report:
    """The pages of a report, each with its paragraph records, plus the scan's summary record."""

    pages: list[dict] = field(default_factory=list)  # page records, each with "paragraph_records"
    summary: dict | None = None  # the last {"type": "summary"} record, if any
    orphans: int = 0  # paragraph records whose page record never came (a killed scan)
    source: str = ""


_CSV_TYPES = {"index": int, "paragraphs": int, "spam": int, "bytes": int,
              "score": float, "max_score": float,
              "hidden": lambda v: v == "True", "truncated": lambda v: v == "True",
              "spans": json.loads}  # the scan writes the spans of a CSV row as JSON


def _from_csv(rec: dict) -> dict:
    """A CSV row with the JSON types back (CSV writes ``True``, numbers as text, None as '')."""
    out = {}
    for key, value in rec.items():
        if value == "":
            out[key] = None
        elif key in _CSV_TYPES:
            try:
                out[key] = _CSV_TYPES[key](value)
            except ValueError:
                out[key] = value
        else:
            out[key] = value
    return out


_PARAGRAPH_KEYS = ("index", "locator", "hidden", "label", "score", "text", "truncated", "spans")


def _slim(rec: dict, strings: dict) -> dict:
    """A paragraph record with only what the report shows, its repeated strings (locators,
    labels, a site's menus and footers) shared: a 10,000-page report holds a million of them."""
    out = {}
    for key in _PARAGRAPH_KEYS:
        if key in rec:
            value = rec[key]
            out[key] = strings.setdefault(value, value) if isinstance(value, str) else value
    return out


def read_report(path) -> Report:
    """Read a ``spamdetect scan`` report (JSON Lines, or CSV when the name ends in ``.csv``).

    Lines are parsed by the scanner's own record parser (the one ``--resume`` uses); lines that
    are not records (a half-written last line) are skipped, and paragraph records whose page
    record is missing are counted in ``orphans`` and left out, as ``--resume`` would rescan them.
    """
    from .scan import _parse_record

    fmt = "csv" if str(path).lower().endswith(".csv") else "jsonl"
    report = Report(source=os.fspath(path))
    pending: dict[str, list[dict]] = defaultdict(list)
    strings: dict[str, str] = {}
    with open(path, encoding="utf-8", errors="replace", newline="" if fmt == "csv" else None) as f:
        for line in f:
            rec = _parse_record(line, fmt)
            if rec is None:
                continue
            if fmt == "csv":
                rec = _from_csv(rec)
            kind = rec.get("type")
            if kind == "paragraph":
                pending[rec.get("page")].append(_slim(rec, strings))
            elif kind == "page":
                rec = dict(rec, paragraph_records=pending.pop(rec.get("page"), []))
                report.pages.append(rec)
            elif kind == "summary":
                report.summary = rec
    report.orphans = sum(len(v) for v in pending.values())
    return report


def report_from_pages(pages, summary: dict | None = None, source: str = "") -> Report:
    """A :class:`Report` from :class:`~spamdetect.pages.PageResult` objects (no file needed),
    through the scanner's own ``page_records`` so the HTML shows what a JSONL report would."""
    from .scan import page_records

    report = Report(summary=summary, source=source)
    for page in pages:
        *paras, rec = page_records(page)
        report.pages.append(dict(rec, paragraph_records=paras))
    return report


# ---------------------------------------------------------------------------------------------
# Aggregating: what the template shows
# ---------------------------------------------------------------------------------------------
def _verdict(page: dict) -> str:
    return "error" if page.get("error") or not page.get("verdict") else page["verdict"]


def _parent(locator: str) -> str:
    return locator.rsplit(">", 1)[0] if ">" in locator else ""


def _is_spam(para: dict) -> bool:
    return para.get("label") == "spam"


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _article_cap(texts, chars: int | None, budget: int | None) -> int | None:
    """How many characters of each article paragraph to keep: at most ``chars``, and less when the
    distinct article texts cut to ``chars`` would still exceed ``budget`` bytes of UTF-8 (a big site
    of unique articles: the file must stay openable). None keeps them whole."""
    if not chars and not budget:
        return None
    sizes = [(len(t), len(t.encode("utf-8")) / max(len(t), 1)) for t in set(texts)]

    def size(cap):
        return sum(min(n, cap) * per_char for n, per_char in sizes)

    cap = chars or max((n for n, _ in sizes), default=0)
    if budget is None or size(cap) <= budget:
        return cap
    lo, hi = 20, cap  # never below 20 characters: a paragraph must stay recognisable
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if size(mid) <= budget else (lo, mid - 1)
    return lo


def build_report(report: Report, *, article_chars: int | None = ARTICLE_CHARS,
                 article_budget: int | None = ARTICLE_BUDGET, title: str | None = None) -> dict:
    """Everything the template needs: summary numbers, chart bars, recurring locations, errors,
    and ``data``, the compact table the page's script renders (see ``report.js`` for its layout).

    Article paragraphs are cut to ``article_chars`` characters, or fewer when their distinct text
    would exceed ``article_budget`` bytes (:func:`_article_cap`); spam paragraphs are kept whole.
    ``article_chars=None, article_budget=None`` keeps everything.
    """
    verdicts = Counter()
    kinds = Counter()
    hidden_spam = visible_spam = 0
    paragraphs = spam_paragraphs = 0
    total_bytes = 0
    locator_ids: dict[str, int] = {}
    text_ids: dict[str, int] = {}
    by_locator: dict[str, dict] = {}  # spam locator -> pages (ordered set), spam count, hidden, texts
    cap = _article_cap((q.get("text") or "" for p in report.pages for q in p["paragraph_records"]
                        if not _is_spam(q)), article_chars, article_budget)
    rows, errors = [], []
    for i, page in enumerate(report.pages):
        verdict = _verdict(page)
        verdicts[verdict] += 1
        total_bytes += page.get("bytes") or 0
        locs, texts, scores, flags, segments = [], [], [], [], {}
        for n, para in enumerate(page["paragraph_records"]):
            paragraphs += 1
            text = para.get("text") or ""
            locator = para.get("locator") or ""
            spam = _is_spam(para)
            hidden = bool(para.get("hidden"))
            if spam:
                spam_paragraphs += 1
                kinds[spam_kind(text)] += 1
                hidden_spam += hidden
                visible_spam += not hidden
                group = by_locator.setdefault(locator, {"pages": {}, "spam": 0, "hidden": 0, "texts": Counter()})
                group["pages"][i] = None
                group["spam"] += 1
                group["hidden"] += hidden
                group["texts"][text] += 1
            spans = para.get("spans")
            if spans and not _covers(text, spans):  # phrases inside the paragraph, whatever its label
                segments[str(n)] = text_segments(text, spans)  # JSON keys are text
            elif not spam and cap is not None:
                text = _short(text, cap)
            score = para.get("score")
            locs.append(locator_ids.setdefault(locator, len(locator_ids)))
            texts.append(text_ids.setdefault(text, len(text_ids)))
            scores.append(round(score * 1000) if isinstance(score, (int, float)) else -1)
            flags.append(str(hidden + 2 * spam + 4 * bool(para.get("truncated"))))
        if verdict == "error":
            errors.append({"page": page.get("page") or "", "error": page.get("error") or "no verdict", "row": i})
        max_score = page.get("max_score")
        paras = [locs, texts, scores, "".join(flags)] + ([segments] if segments else [])
        rows.append([page.get("page") or "", verdict, page.get("paragraphs") or len(locs),
                     page.get("spam") or 0, round(max_score, 3) if isinstance(max_score, (int, float)) else None,
                     page.get("encoding"), page.get("error"), page.get("bytes") or 0, paras])

    groups = _locator_groups(by_locator)
    n_pages = len(report.pages)
    summary = report.summary or {}
    seconds = summary.get("seconds")
    return {
        "title": title or "spamdetect report",
        "source": report.source,
        "generated": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "pages": n_pages,
        "verdicts": {v: verdicts.get(v, 0) for v in VERDICTS},
        "paragraphs": paragraphs,
        "spam_paragraphs": spam_paragraphs,
        "errors": verdicts.get("error", 0),
        "bytes": total_bytes,
        "seconds": seconds,
        "finished": summary.get("finished"),
        "interrupted": bool(summary.get("interrupted")),
        "run_pages": summary.get("pages"),
        "orphans": report.orphans,
        "verdict_bars": _bars([(v, verdicts.get(v, 0)) for v in VERDICTS]),
        "kind_bars": _bars(kinds.most_common()),
        "hidden_bars": _bars([("hidden", hidden_spam), ("visible", visible_spam)]),
        "groups": groups[:TOP_GROUPS],
        "group_count": len(groups),
        "error_list": errors[:TOP_ERRORS],
        "article_chars": cap,
        "data": {"locators": list(locator_ids), "texts": list(text_ids), "pages": rows,
                 "groups": [g["rows"] for g in groups[:TOP_GROUPS]]},
    }


def _bars(items) -> list[dict]:
    """Label, count and width (percent of the largest) of each bar of a CSS bar chart."""
    top = max((n for _, n in items), default=0) or 1
    return [{"label": label, "count": n, "width": round(100 * n / top, 1)} for label, n in items]


_ROOTS = {"", "html", "head", "body"}  # parents too broad to call a block


def _locator_groups(by_locator: dict) -> list[dict]:
    """Spam locators grouped across pages, most pages first.

    The paragraphs of one injected block have locators that differ only in their last step
    (``div:nth-of-type(3)>p:nth-of-type(1)``, ``...(2)``, ...): locators with the same parent
    element are one group, the block, over the union of their pages, listed with the pages of
    each. A parent that is the whole page (``body``, ``html``, ``head``, or none: ``title``,
    ``line 3``) makes no block: such a locator is a group of its own.
    """
    merged: dict[str, list[str]] = defaultdict(list)
    for locator in by_locator:
        parent = _parent(locator)
        merged[locator if parent in _ROOTS else parent].append(locator)
    groups = []
    for block, locators in merged.items():
        texts = Counter()
        pages: dict[int, None] = {}
        spam = hidden = 0
        for loc in locators:
            g = by_locator[loc]
            texts.update(g["texts"])
            pages.update(g["pages"])
            spam += g["spam"]
            hidden += g["hidden"]
        locators.sort(key=lambda loc: (-len(by_locator[loc]["pages"]), loc))
        many = len(locators) > 1
        groups.append({"locator": block if many else locators[0], "pages": len(pages), "spam": spam,
                       "hidden": hidden,
                       "locators": [(loc, len(by_locator[loc]["pages"])) for loc in locators] if many else [],
                       "samples": [_short(t, 120) for t, _ in texts.most_common(3)],
                       "rows": sorted(pages)})
    groups.sort(key=lambda g: (-g["pages"], -g["spam"], g["locator"]))
    return groups


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------
def _environment():
    """The Jinja2 environment: autoescaping on for everything, compact UTF-8 JSON for tojson."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(Path(__file__).resolve().parent / "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    # UTF-8 rather than \\uXXXX keeps Chinese text at 3 bytes a character instead of 6; tojson
    # still escapes < > & ' so the JSON cannot close its <script> element.
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "separators": (",", ":")}
    env.filters["thousands"] = lambda n: f"{n:,}"
    env.filters["megabytes"] = lambda n: f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"
    return env


def render_html(report: Report, **kw) -> str:
    """The HTML report of ``report`` as one string (see :func:`build_report` for ``kw``).

    The style sheet and script are our own files, inlined as they are (``Markup``: not page
    text); the script's SHA-256 goes into the Content-Security-Policy, so no other script -- say,
    one that slipped through a bug in the escaping -- would run.
    """
    import base64
    import hashlib

    from markupsafe import Markup

    templates = Path(__file__).resolve().parent / "templates"
    script = (templates / "report.js").read_text(encoding="utf-8")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    context = build_report(report, **kw)
    context.update(style=Markup((templates / "report.css").read_text(encoding="utf-8")),
                   script=Markup(script), script_hash=f"sha256-{digest}")
    return _environment().get_template("report.html.j2").render(**context)


def write_html(report: Report, path, **kw) -> int:
    """Write the HTML report to ``path`` atomically; return its size in bytes."""
    html = render_html(report, **kw)
    path = os.fspath(path)
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(html)
    os.replace(tmp, path)
    return os.path.getsize(path)


# ---------------------------------------------------------------------------------------------
# Command line: `spamdetect report` and the end of `spamdetect scan`
# ---------------------------------------------------------------------------------------------
def summary_record(summary, interrupted: bool = False) -> dict:
    """The ``{"type": "summary"}`` record closing a JSON Lines report: the scan's counts and time,
    which the report's own records do not hold (``--resume`` cuts it off and writes a new one).
    Its ``page`` is null: every record keeps the ``type`` and ``page`` keys readers group by."""
    import time

    seconds = time.perf_counter() - summary.start
    return {"type": "summary", "page": None, "pages": summary.pages, "infected": summary.infected,
            "spam_pages": summary.spam_pages, "spam_paragraphs": summary.spam_paragraphs,
            "errors": summary.errors, "bytes": summary.bytes, "seconds": round(seconds, 3),
            "interrupted": interrupted,
            "finished": _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")}


def after_scan(args, summary, interrupted: bool = False) -> None:
    """What ``spamdetect scan`` does once its pages are written: close a JSON Lines report file
    with a summary record, and write the ``--html`` report from that file (a CSV report has no
    place for the summary: its HTML report shows no scan time)."""
    record = summary_record(summary, interrupted)
    output = getattr(args, "output", None)
    if output and not output.lower().endswith(".csv"):
        try:
            with open(output, "a", encoding="utf-8") as f:
                f.write(json.dumps(record, ensure_ascii=False) + "\n")
        except OSError as exc:  # the pages are all there; only the time is lost
            print(f"spamdetect scan: error: cannot write the summary record to {output}: "
                  f"{exc.strerror or exc}", file=sys.stderr)
    html = getattr(args, "html", None)
    if html and output:
        report = read_report(output)
        report.source = ", ".join(map(str, args.paths))
        try:
            size = write_html(report, html)
        except OSError as exc:  # the scan and its report stand; say why there is no HTML
            print(f"spamdetect scan: error: cannot write {html}: {exc.strerror or exc}", file=sys.stderr)
            return
        print(f"spamdetect scan: HTML report {html} ({size / 1e6:.1f} MB)", file=sys.stderr)


def scan_html_only(args, run_scan) -> int:
    """``spamdetect scan --html FILE`` without ``-o``: the JSON Lines report goes to a temporary
    file (not to stdout: whoever asked for HTML alone does not want JSON on the terminal), the
    HTML is made from it, and the temporary file is removed."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix="spamdetect-", suffix=".jsonl")
    os.close(fd)
    try:
        args.output = tmp
        return run_scan(args)
    finally:
        args.output = None
        os.unlink(tmp)


def register_cli(subparsers):
    """Add the ``report`` subcommand to the ``spamdetect`` command line."""
    p = subparsers.add_parser(
        "report", help="turn a scan report (JSON Lines or CSV) into one self-contained HTML file",
        description="Write an HTML report of a `spamdetect scan` report: summary, charts, the spam "
                    "locations that recur across pages, a sortable and filterable table of pages with "
                    "their paragraphs, and the errors. One file, no network needed to open it.")
    p.add_argument("report", metavar="REPORT", help="report written by `spamdetect scan -o` (.jsonl or .csv)")
    p.add_argument("--html", required=True, metavar="FILE", help="HTML file to write")
    p.add_argument("--title", help="title shown at the top (default: 'spamdetect report')")
    p.add_argument("--article-chars", type=int, default=ARTICLE_CHARS, metavar="N",
                   help=f"shorten article paragraphs to N characters in the HTML, or fewer when a big "
                        f"report's article text would pass {ARTICLE_BUDGET // 1_000_000} MB; spam "
                        f"paragraphs are kept whole (default {ARTICLE_CHARS}; 0: keep all text)")
    p.set_defaults(func=run_report)


def run_report(args) -> int:
    """``spamdetect report``: 0 written, 2 the report cannot be read or the HTML not written."""
    try:
        report = read_report(args.report)
    except OSError as exc:
        print(f"spamdetect report: error: cannot read {args.report}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    keep_all = args.article_chars <= 0
    try:
        size = write_html(report, args.html, title=args.title, article_chars=None if keep_all else args.article_chars,
                          article_budget=None if keep_all else ARTICLE_BUDGET)
    except OSError as exc:
        print(f"spamdetect report: error: cannot write {args.html}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    print(f"spamdetect report: {len(report.pages)} pages -> {args.html} ({size / 1e6:.1f} MB)", file=sys.stderr)
    return 0
