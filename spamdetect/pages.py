"""Whole pages: bytes -> text -> paragraphs -> one label per paragraph and a verdict per page.

A paragraph classifier sees one paragraph at a time; this module gives it what a saved web page
really is: bytes in a site's own encoding (often GBK or Big5, often mislabelled), HTML where the
injected spam hides in ``display:none`` blocks, and a page context that tells bland SEO filler on
a gambling page apart from the same sentence in a real article.

The pipeline, each step a small function that can be used on its own:

* :func:`decode` -- bytes to ``str``: BOM, then the page's own declaration (``<meta charset>``,
  ``http-equiv``, ``<?xml encoding>``), then strict UTF-8, then charset-normalizer.
* :func:`html_paragraphs` / :func:`text_paragraphs` -- the paragraphs of a page, each with a
  locator (a short CSS path) and a ``hidden`` flag.
* :func:`page_verdict` -- ``clean``, ``infected`` or ``spam_page`` from the paragraph scores.
* :func:`scan_page` -- all of the above plus the model, for one page.
"""

from __future__ import annotations

import codecs
import gzip
import re
import zlib
from dataclasses import dataclass, field
from typing import NamedTuple

__all__ = [
    "Paragraph", "ParagraphResult", "PageResult", "PageError",
    "decode", "read_page_bytes", "looks_like_html", "html_paragraphs", "text_paragraphs",
    "extract_paragraphs", "page_verdict", "page_labels", "scan_page", "classify_pages",
]

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
TEXT_SUFFIXES = (".txt",)
PAGE_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES


class PageError(Exception):
    """A page that cannot be read, decoded or parsed; the message goes into the report."""


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------
class Paragraph(NamedTuple):
    """One paragraph as found in a page, before classification."""

    text: str
    locator: str  # CSS path of the enclosing block (``line N`` in plain text)
    hidden: bool  # inside an element a browser does not show


@dataclass
class ParagraphResult:
    index: int
    text: str
    label: str  # "spam" or "article"
    score: float  # calibrated P(spam) from the paragraph model
    hidden: bool = False
    locator: str = ""


@dataclass
class PageResult:
    """A scanned page. ``error`` is set (and ``paragraphs`` empty) when it could not be read."""

    paragraphs: list[ParagraphResult] = field(default_factory=list)
    verdict: str = "clean"  # "clean", "infected" or "spam_page"
    spam_count: int = 0
    max_score: float = 0.0
    encoding: str | None = None
    error: str | None = None
    path: str | None = None
    url: str | None = None
    size: int = 0  # bytes read (before gzip decompression)

    @property
    def article_text(self) -> str:
        """The article paragraphs, one a line: what a corpus cleaner keeps (nothing of a
        ``spam_page``: its chrome is article, but no text worth keeping)."""
        if self.verdict == "spam_page":
            return ""
        return "".join(p.text + "\n" for p in self.paragraphs if p.label == "article")


# ---------------------------------------------------------------------------------------------
# Bytes -> str
# ---------------------------------------------------------------------------------------------
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: same prefix
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# Chinese sites declare the old name and use the newer superset (as browsers assume, see the
# WHATWG Encoding Standard): GB2312/GBK pages carry GB18030 characters, Big5 pages HKSCS ones.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs",
             "ascii": "utf-8", "latin_1": "cp1252", "iso8859-1": "cp1252"}
# Web pages in UTF-16/32 carry a BOM; without one the detector's guess of them is noise.
_NEVER_GUESS = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7"]
_MAX_BAD_SHARE = 0.005  # a declared/detected codec may leave this share of undecodable chars


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSET.get(name, name)


def _try_decode(data: bytes, encoding: str) -> str | None:
    """``data`` decoded, tolerating a few bad bytes (truncated pages, stray bytes), else None."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = data.decode(encoding, errors="replace")
    return text if text.count("\ufffd") <= _MAX_BAD_SHARE * max(len(text), 1) else None


def declared_encoding(data: bytes) -> str | None:
    """The encoding a page declares in its first 4 KB (``<meta>`` or ``<?xml ... ?>``), if any."""
    m = _DECLARED.search(data, 0, 4096)
    if not m:
        return None
    return _codec_name((m.group(1) or m.group(2)).decode("ascii"))


def decode(data: bytes, *, html: bool = True) -> tuple[str, str]:
    """Decode a page: ``(text, encoding used)``; raises :class:`PageError` for binary/undecodable.

    The order is the one browsers use, with a detector last: a byte-order mark wins; then what
    the page declares (only for HTML); then strict UTF-8, which almost never accepts text that is
    not UTF-8; then charset-normalizer. Declarations lie (a ``charset=utf-8`` page saved as GBK
    is common), so a declared codec that fails to decode is ignored rather than trusted.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data, encoding)
            if text is not None:
                return text.lstrip("\ufeff"), encoding
    if b"\x00" in data[:8192]:
        raise PageError("binary file (NUL bytes)")
    declared = declared_encoding(data) if html else None
    if declared:
        text = _try_decode(data, declared)
        if text is not None:
            return text, declared
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_exclusion=_NEVER_GUESS).best()
    encoding = _codec_name(best.encoding) if best is not None else None
    text = _try_decode(data, encoding) if encoding else None
    if text is None:
        raise PageError("undecodable: no text encoding fits")
    return text, encoding


def read_page_bytes(path, *, max_bytes: int | None = None) -> tuple[bytes, int]:
    """The bytes of a page file, gunzipped when it is gzip; ``(data, size on disk)``.

    ``max_bytes`` bounds both the file and what it decompresses to, so neither a huge file nor a
    gzip bomb is loaded whole.
    """
    with open(path, "rb") as f:
        raw = f.read() if max_bytes is None else f.read(max_bytes + 1)
    size = len(raw)
    if max_bytes is not None and size > max_bytes:
        raise PageError(f"too big: more than {max_bytes} bytes")
    if raw[:2] == b"\x1f\x8b":
        try:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            limit = 0 if max_bytes is None else max_bytes + 1
            data = d.decompress(raw, limit)
        except zlib.error as exc:
            raise PageError(f"bad gzip data: {exc}") from None
        if max_bytes is not None and len(data) > max_bytes:
            raise PageError(f"too big: decompresses to more than {max_bytes} bytes")
        if not d.eof:
            raise PageError("bad gzip data: truncated")
        raw = data
    elif str(path).endswith(".gz"):
        raise PageError("not gzip data despite the .gz name")
    return raw, size


# ---------------------------------------------------------------------------------------------
# HTML -> paragraphs
# ---------------------------------------------------------------------------------------------
# Elements that end the current run of text and start their own (HTML "block" elements, plus the
# table/list/form parts pages use as blocks).
BLOCK_TAGS = frozenset(
    "p div li td th h1 h2 h3 h4 h5 h6 ul ol dl dt dd table thead tbody tfoot tr caption section "
    "article header footer nav aside main blockquote pre form fieldset legend figure figcaption "
    "address center hr option select textarea details summary marquee body".split())
DROP_TAGS = frozenset("script style noscript template iframe svg math object embed canvas head "
                      "button input img video audio map".split())
_LINE_TAGS = frozenset(("pre", "textarea"))  # keep their line breaks as paragraph breaks

_HIDING = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?![.\d]*[1-9])"
    r"|opacity\s*:\s*0(?![.\d]*[1-9])"
    # off-screen: left:-9999px and kin (not margin-left:-480px, the centring idiom)
    r"|(?<![\w-])(?:left|top|right|text-indent)\s*:\s*-(?:\d{4,}|9\d\d)",
    re.IGNORECASE)
_CSS_RULE = re.compile(r"([^{}@]+)\{([^{}]*)\}")
_SIMPLE_SELECTOR = re.compile(r"^[a-zA-Z0-9]*(?:[.#][A-Za-z_][\w-]*)+$")
_CSS_IDENT = re.compile(r"^[A-Za-z_][\w-]*$")
_SPACES = re.compile(r"\s+")


def _is_hidden_style(style: str) -> bool:
    """True for inline styles that keep text off the screen (the classic injection cloaks)."""
    if _HIDING.search(style):
        return True
    # zero-sized box that clips its content
    s = style.replace(" ", "").lower()
    return "overflow:hidden" in s and bool(re.search(r"(?:^|;)(?:height|width):0(?:px)?(?:;|$)", s))


def _hidden_by_stylesheet(tree) -> set[int]:
    """``mem_id`` of elements hidden by a class/id rule in the page's own ``<style>`` blocks.

    Injection kits often write ``<style>.a1b2{display:none}</style><div class="a1b2">...``.
    Only simple selectors (``.cls``, ``#id``, ``div.cls``) are honoured: enough for the kits and
    cheap, without a CSS engine.
    """
    hidden: set[int] = set()
    for style in tree.css("style"):
        for selectors, body in _CSS_RULE.findall(style.text(deep=True) or ""):
            if not _is_hidden_style(body):
                continue
            for sel in selectors.split(","):
                sel = sel.strip()
                if _SIMPLE_SELECTOR.match(sel):
                    try:
                        hidden.update(n.mem_id for n in tree.css(sel))
                    except Exception:  # selectolax rejects a selector: not ours to fix
                        continue
    return hidden


def _node_hidden(node, by_stylesheet: set[int]) -> bool:
    attrs = node.attributes
    if "hidden" in attrs or node.mem_id in by_stylesheet:
        return True
    style = attrs.get("style")
    return bool(style) and _is_hidden_style(style)


class _Block:
    """A run of text being collected for one block element (or one hidden inline element)."""

    __slots__ = ("locator", "hidden", "lines", "parts")

    def __init__(self, locator: str, hidden: bool, lines: bool):
        self.locator, self.hidden, self.lines, self.parts = locator, hidden, lines, []


def _child_steps(node, id_counts: dict) -> list[tuple[object, str]]:
    """Children of ``node`` with their CSS step (``p``, ``p:nth-of-type(2)``, ``#main``), in order.

    Text nodes get an empty step. A unique, plain ``id`` restarts the path (short and stable);
    ``:nth-of-type`` is added only when the parent has more than one child of that tag.
    """
    children = [c for c in node.iter(include_text=True)
                if c.is_text_node or (c.tag and not c.tag.startswith("-"))]  # no comments
    totals: dict[str, int] = {}
    for c in children:
        if not c.is_text_node:
            totals[c.tag] = totals.get(c.tag, 0) + 1
    seen: dict[str, int] = {}
    steps = []
    for c in children:
        if c.is_text_node:
            steps.append((c, ""))
            continue
        tag = c.tag
        seen[tag] = seen.get(tag, 0) + 1
        ident = c.attributes.get("id")
        if ident and _CSS_IDENT.match(ident) and id_counts.get(ident) == 1:
            steps.append((c, f"#{ident}"))
        elif totals[tag] == 1:
            steps.append((c, tag))
        else:
            steps.append((c, f"{tag}:nth-of-type({seen[tag]})"))
    return steps


def _join(parent: str, step: str) -> str:
    return step if step.startswith("#") or not parent else f"{parent}>{step}"


def html_paragraphs(html: str) -> list[Paragraph]:
    """The paragraphs of an HTML page, in document order.

    The page title comes first. In the body every block element (``p``, ``div``, ``li``, ``td``,
    headings ...) starts a new paragraph and so does ``<br>``; a ``div`` holding ``p`` elements
    gives its ``p``'s as paragraphs and its own loose text runs as further paragraphs, so no text
    is counted twice. ``script``, ``style`` and ``noscript`` are dropped. Text a browser would not
    show (``display:none``, ``visibility:hidden``, ``hidden``, font-size 0, off-screen offsets,
    class/id rules of the page's own stylesheet) is kept with ``hidden=True``; a hidden inline
    element is a paragraph of its own, so a cloaked link inside a real sentence is seen alone.
    Each paragraph's locator is the CSS path of its block, e.g. ``body>div:nth-of-type(3)>p``.
    """
    from selectolax.lexbor import LexborHTMLParser

    try:
        tree = LexborHTMLParser(html)
    except Exception as exc:  # lexbor refuses input it cannot allocate/parse
        raise PageError(f"unparsable HTML: {exc}") from None
    out: list[Paragraph] = []
    title = tree.css_first("title")
    if title is not None:
        text = _SPACES.sub(" ", title.text(deep=True)).strip()
        if text:
            out.append(Paragraph(text, "title", False))
    body = tree.body
    if body is None:
        return out
    by_stylesheet = _hidden_by_stylesheet(tree)
    id_counts: dict[str, int] = {}
    for n in tree.css("[id]"):
        ident = n.attributes.get("id") or ""
        id_counts[ident] = id_counts.get(ident, 0) + 1

    def flush(block: _Block):
        if not block.parts:
            return
        raw = "".join(block.parts)
        block.parts.clear()
        chunks = raw.splitlines() if block.lines else [raw]
        for chunk in chunks:
            text = _SPACES.sub(" ", chunk).strip()
            if text:
                out.append(Paragraph(text, block.locator, block.hidden))

    # Iterative walk (pages nest thousands deep). Stack items: (node, path, hidden) to visit, or
    # a _Block to close when its element ends.
    root = _Block("body", _node_hidden(body, by_stylesheet), False)
    blocks = [root]
    stack: list = [root]
    stack.extend(reversed([(c, _join("body", s), root.hidden) for c, s in _child_steps(body, id_counts)]))
    while stack:
        item = stack.pop()
        if isinstance(item, _Block):
            flush(item)
            blocks.pop()
            continue
        node, path, hidden = item
        if node.is_text_node:
            blocks[-1].parts.append(node.text_content or "")
            continue
        tag = node.tag
        if tag in DROP_TAGS:
            continue
        if tag == "br":
            flush(blocks[-1])
            continue
        own_hidden = _node_hidden(node, by_stylesheet)
        hidden = hidden or own_hidden
        children = _child_steps(node, id_counts)
        if tag in BLOCK_TAGS or (own_hidden and not blocks[-1].hidden):
            flush(blocks[-1])
            block = _Block(path, hidden, tag in _LINE_TAGS)
            blocks.append(block)
            stack.append(block)
        stack.extend(reversed([(c, _join(path, s), hidden) for c, s in children]))
    return out


def text_paragraphs(text: str) -> list[Paragraph]:
    """Plain text: one paragraph a line, stripped, empty lines dropped (as the corpus is labeled)."""
    out = []
    for i, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if line:
            out.append(Paragraph(line, f"line {i}", False))
    return out


_HTML_SNIFF = re.compile(r"<(?:!doctype|html|head|body|p|div|br|meta|title|table|span|a)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """True when the start of ``text`` has HTML tags (for input given without a file name)."""
    return bool(_HTML_SNIFF.search(text, 0, 4096))


def extract_paragraphs(page: str | bytes, *, html: bool | None = None) -> tuple[list[Paragraph], str | None]:
    """``(paragraphs, encoding)`` of a page given as text or bytes; ``html=None`` sniffs."""
    encoding = None
    if isinstance(page, bytes):
        if page[:2] == b"\x1f\x8b":
            try:
                page = gzip.decompress(page)
            except (OSError, EOFError, zlib.error) as exc:
                raise PageError(f"bad gzip data: {exc}") from None
        if html is None:
            html = looks_like_html(page[:4096].decode("latin-1"))
        page, encoding = decode(page, html=html)
    elif html is None:
        html = looks_like_html(page)
    return (html_paragraphs(page) if html else text_paragraphs(page)), encoding


# ---------------------------------------------------------------------------------------------
# Page verdict
# ---------------------------------------------------------------------------------------------
# the page rules live in spamdetect.context; importable from here as before
from .context import decide_pages, page_labels, page_verdict  # noqa: E402,F401


# ---------------------------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------------------------
def _default_model(model):
    if model is not None:
        return model
    from .api import default_predictor

    return default_predictor()


def classify_pages(pages: list[PageResult], texts: list[list[Paragraph]], *, model=None,
                   threshold: float | None = None) -> list[PageResult]:
    """Fill in labels, scores and verdicts of ``pages`` from their extracted paragraphs.

    All paragraphs of all pages go to the model in one pass (:func:`spamdetect.context.decide_pages`):
    the features are vectorised over a batch, so many pages at once is much faster than page by
    page. ``threshold`` replaces the model's paragraph threshold; page context, chrome and the
    page verdict apply as with the model's own.
    """
    if not any(texts):
        return pages
    model = _default_model(model)
    page_texts = [[p.text for p in paras] for paras in texts]
    decided = decide_pages(model, page_texts, threshold=threshold)
    for page, paras, (scores, is_spam, verdict) in zip(pages, texts, decided):
        if not paras:
            continue
        scores, is_spam = list(map(float, scores)), list(map(bool, is_spam))
        page.verdict = verdict
        page.paragraphs = [
            ParagraphResult(i, p.text, "spam" if spam else "article", round(s, 4), p.hidden, p.locator)
            for i, (p, s, spam) in enumerate(zip(paras, scores, is_spam))]
        page.spam_count = int(sum(is_spam))
        page.max_score = max(r.score for r in page.paragraphs)
    return pages


def scan_page(html_or_text: str | bytes, *, url: str | None = None, model=None,
              threshold: float | None = None) -> PageResult:
    """Label every paragraph of one page and give the page a verdict.

    ``html_or_text`` is HTML or plain text, as ``str`` or raw ``bytes`` in any encoding (gzip
    too); HTML is recognised by its tags. ``model`` defaults to the shipped model.
    ``threshold`` (default: the model's own ``threshold_``) is the paragraph probability at or
    above which a paragraph is spam on its own; the page context, the chrome rule and the page
    verdict apply whatever it is, so it can only move the paragraph-alone cut-off. A page that cannot be decoded or parsed
    comes back with ``error`` set instead of raising, like a page in a folder scan.
    """
    page = PageResult(url=url, size=len(html_or_text) if isinstance(html_or_text, bytes) else 0)
    try:
        paras, page.encoding = extract_paragraphs(html_or_text)
    except PageError as exc:
        page.error = str(exc)
        return page
    if not paras:
        page.error = "no text"
    return classify_pages([page], [paras], model=model, threshold=threshold)[0]
