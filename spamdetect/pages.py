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
# Page verdict
# ---------------------------------------------------------------------------------------------
def page_verdict(texts, is_spam, *, min_chars: int = 20, spam_share: float = 0.5, min_spam: int = 2) -> str:
    """``clean``, ``infected`` or ``spam_page`` for a page from its paragraphs' spam decisions.

    A page is a ``spam_page`` -- gambling/porn/SEO promotion as a whole, so even its bland
    filler is spam -- when, counting only *substantial* paragraphs (at least ``min_chars``
    characters: menus, dates and one-word captions say nothing about the page), at least
    ``spam_share`` of them and at least ``min_spam`` of them are spam. ``min_spam`` keeps a
    page with a single bad paragraph ``infected``; ``spam_share`` keeps a real article with an
    injected block ``infected``. Otherwise the page is ``infected`` when any paragraph is spam,
    else ``clean``.

    The defaults were chosen on the corpus pages with out-of-fold scores
    (``benchmarks/page_rule.py``): with a paragraph threshold held to an article false-positive
    rate of 2-5 %, this rule lifts paragraph spam F1 from 0.73-0.79 to 0.88-0.90 and turns no
    infected page (nor the seed page) into a spam page; a 0.3-0.4 share does. The rule amplifies
    whatever the paragraph decisions say, so it is only as precise as they are.
    """
    from .predictor import is_spam_page

    if is_spam_page([len(t) for t in texts], is_spam, min_chars=min_chars, spam_share=spam_share,
                    min_spam=min_spam):
        return "spam_page"
    return "infected" if any(is_spam) else "clean"


def page_labels(texts, is_spam) -> tuple[str, list[bool]]:
    """(verdict, is_spam) of a page: on a ``spam_page`` every paragraph is spam but its chrome
    (:func:`spamdetect.predictor.is_chrome`: menu items, byline fields, dates, counters)."""
    from .predictor import chrome_mask

    verdict = page_verdict(texts, is_spam)
    if verdict == "spam_page":
        is_spam = [bool(s) or not c for s, c in zip(is_spam, chrome_mask(texts))]
    return verdict, list(map(bool, is_spam))


# ---------------------------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------------------------
def _default_model(model):
    if model is not None:
        return model
    from .api import default_predictor

    return default_predictor()


def _decide(model, texts, proba, threshold):
    """(scores, is_spam) of one page's paragraphs.

    With the model's own threshold, the model's page-aware decision (``score_page``: a
    page-context stage when the model has one) is used; a caller's ``threshold`` applies to
    the paragraph probabilities alone.
    """
    if threshold is None and hasattr(model, "score_page"):
        return model.score_page(texts, proba=proba)
    thr = float(model.threshold_ if threshold is None else threshold)
    return proba, proba >= thr


def classify_pages(pages: list[PageResult], texts: list[list[Paragraph]], *, model=None,
                   threshold: float | None = None) -> list[PageResult]:
    """Fill in labels, scores and verdicts of ``pages`` from their extracted paragraphs.

    All paragraphs of all pages go to the model in one pass (``score_pages``, or
    ``predict_proba`` for a model without it or with a caller's ``threshold``): the features
    are vectorised over a batch, so many pages at once is much faster than page by page.
    """
    import numpy as np

    flat = [p.text for paras in texts for p in paras]
    if not flat:
        return pages
    model = _default_model(model)
    page_texts = [[p.text for p in paras] for paras in texts]
    if threshold is None and hasattr(model, "score_pages"):
        decided = model.score_pages(page_texts)
    else:
        proba = model.predict_proba(flat)[:, 1]
        bounds = np.cumsum([0] + [len(paras) for paras in texts])
        decided = [_decide(model, t, proba[a:b], threshold)
                   for t, a, b in zip(page_texts, bounds[:-1], bounds[1:])]
    for page, paras, para_texts, (scores, is_spam) in zip(pages, texts, page_texts, decided):
        if not paras:
            continue
        scores, is_spam = list(map(float, scores)), list(map(bool, is_spam))
        page.verdict, is_spam = page_labels(para_texts, is_spam)
        page.paragraphs = [
            ParagraphResult(i, p.text, "spam" if spam else "article", round(s, 4), p.hidden, p.locator)
            for i, (p, s, spam) in enumerate(zip(paras, scores, is_spam))]
        page.spam_count = int(sum(is_spam))
        page.max_score = max(r.score for r in page.paragraphs)
    return pages


def scan_page(html_or_text: str | bytes, *, url: str | None = None, model=None,
              threshold: float | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES) -> PageResult:
    """Label every paragraph of one page and give the page a verdict.

    ``html_or_text`` is HTML or plain text, as ``str`` or raw ``bytes`` in any encoding (gzip
    too); HTML is recognised by its tags. ``model`` defaults to the shipped model and
    ``threshold`` to the model's own ``threshold_``. A page that cannot be decoded or parsed,
    or is larger than ``max_bytes`` (also after gzip decompression, as in a folder scan), comes
    back with ``error`` set instead of raising, like a page in a folder scan.
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
