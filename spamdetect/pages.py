"""Whole pages: bytes -> text -> paragraphs -> one label per paragraph and a verdict per page.

A paragraph classifier sees one paragraph at a time; this module gives it what a saved web page
really is: bytes in a site's own encoding (often GBK or Big5, often mislabelled), HTML where the
injected spam hides in ``display:none`` blocks, and a page context that tells bland SEO filler on
a gambling page apart from the same sentence in a real article.

The stages, each in its own module and usable on its own (data flows one way):

* :mod:`spamdetect.decode` -- bytes to ``str``: one bounded gunzip, then BOM, the page's own
  declaration (``<meta charset>``, ``http-equiv``, ``<?xml encoding>``), strict UTF-8,
  charset-normalizer (:func:`decode`, :func:`read_page_bytes`).
* :mod:`spamdetect.extract` -- the paragraphs of a page, each with a locator (a short CSS path)
  and a ``hidden`` flag (:func:`html_paragraphs`, :func:`text_paragraphs`,
  :func:`extract_paragraphs`), in bounded memory.
* here -- the result types, :func:`page_verdict` (``clean``, ``infected`` or ``spam_page``
  from the paragraph decisions) and :func:`scan_page` / :func:`classify_pages`, which run the
  model. The names of the two stages above are re-exported, so ``spamdetect.pages`` still
  offers all of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# The decoding and extraction names are re-exported: code written against ``spamdetect.pages``
# before the stages had their own modules keeps working.
from .decode import DEFAULT_MAX_BYTES, PageError, decode, declared_encoding, read_page_bytes  # noqa: F401
from .extract import (BLOCK_TAGS, DROP_TAGS, Paragraph, extract_paragraphs, html_paragraphs,  # noqa: F401
                      looks_like_html, text_paragraphs)

__all__ = [
    "Paragraph", "ParagraphResult", "PageResult", "PageError",
    "decode", "read_page_bytes", "looks_like_html", "html_paragraphs", "text_paragraphs",
    "extract_paragraphs", "page_verdict", "page_labels", "scan_page", "classify_pages",
]

HTML_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
TEXT_SUFFIXES = (".txt",)
PAGE_SUFFIXES = HTML_SUFFIXES + TEXT_SUFFIXES


# ---------------------------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------------------------
@dataclass(slots=True)  # a corpus batch makes one per paragraph: slots make them cheap
class ParagraphResult:
    index: int
    text: str
    label: str  # "spam" or "article"
    score: float  # calibrated P(spam) from the paragraph model
    hidden: bool = False
    locator: str = ""
    spans: list = field(default_factory=list)  # [(start, end, score)] of spam text in ``text``

    @property
    def clean_text(self) -> str | None:
        """The paragraph as a cleaner keeps it: whole for an article, with its spam spans cut
        out for a mixed paragraph whose rest is real text, ``None`` when nothing is kept."""
        if self.label != "spam":
            return self.text
        from .spans import Span

        return kept_text(self.text, [Span(*s) for s in self.spans])


def kept_text(text: str, spans) -> str | None:
    """What a cleaner keeps of a *spam* paragraph with these spans: ``None`` when it is spam as
    a whole (no spans, or one over all of it), else the text with the spans cut out (``None``
    when nothing real is left: :func:`~spamdetect.spans.cut_spans`)."""
    from .spans import cut_spans

    if not spans or (len(spans) == 1 and spans[0].end - spans[0].start >= len(text.strip())):
        return None
    return cut_spans(text, spans)


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
        """What a corpus cleaner keeps, one paragraph a line: the article paragraphs, and the
        rest of each mixed paragraph with its spam spans cut out (nothing of a ``spam_page``:
        its chrome is article, but no text worth keeping)."""
        if self.verdict == "spam_page":
            return ""
        kept = (p.clean_text for p in self.paragraphs)
        return "".join(t + "\n" for t in kept if t is not None)


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
    for page, paras, d in zip(pages, texts, decided):
        if not paras:
            continue
        scores, is_spam = list(map(float, d.scores)), list(map(bool, d.is_spam))
        page.verdict = d.verdict
        page.paragraphs = [
            ParagraphResult(i, p.text, "spam" if spam else "article", round(s, 4), p.hidden, p.locator,
                            [(sp.start, sp.end, round(sp.score, 4)) for sp in spans])
            for i, (p, s, spam, spans) in enumerate(zip(paras, scores, is_spam, d.spans))]
        page.spam_count = int(sum(is_spam))
        page.max_score = max(r.score for r in page.paragraphs)
    return pages


def scan_page(html_or_text: str | bytes, *, url: str | None = None, model=None,
              threshold: float | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES) -> PageResult:
    """Label every paragraph of one page and give the page a verdict.

    ``html_or_text`` is HTML or plain text, as ``str`` or raw ``bytes`` in any encoding (gzip
    too); HTML is recognised by its tags. ``model`` defaults to the shipped model.
    ``threshold`` (default: the model's own ``threshold_``) is the paragraph probability at or
    above which a paragraph is spam on its own; the page context, the chrome rule and the page
    verdict apply whatever it is, so it can only move the paragraph-alone cut-off. A page that
    cannot be decoded or parsed, or is larger than ``max_bytes`` (also after gzip
    decompression, as in a folder scan), comes back with ``error`` set instead of raising, like
    a page in a folder scan.
    """
    page = PageResult(url=url, size=len(html_or_text) if isinstance(html_or_text, bytes) else 0)
    try:
        paras, page.encoding = extract_paragraphs(html_or_text, max_bytes=max_bytes)
    except PageError as exc:
        page.error = str(exc)
        return page
    if not paras:
        page.error = "no text"
    return classify_pages([page], [paras], model=model, threshold=threshold)[0]
