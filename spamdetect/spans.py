"""Spam spans: the injected phrase inside a paragraph, as character offsets into the original text.

About a quarter of the injected spam in real pages is *mixed*: a genuine sentence with a
promotion put in front, in the middle or at the end (``…报道首次登录送91元红包``), or a casino
brand standing where a school's name was (``金莎XXXX官网举行秋季运动会``). Judged as a whole, such
a paragraph is either missed (a short phrase in a long sentence) or deleted with the
journalism around it. So spamdetect also scores the *pieces* of a paragraph:

* :func:`pieces` cuts the original text where injected text is joined to real text: at
  punctuation, symbols and spaces (``- _ | ,`` …), where the script changes (``beat365`` +
  ``在线体育``), after a promotional suffix glued to the next word (``…官网`` + ``举行``) and
  before a word a promotion starts with (``报道`` + ``首次登录…``).
* :func:`candidates` are windows of one to three consecutive pieces, so a brand cut apart by
  the rules above (``开云`` ``(中国)`` ``Kaiyun官方网站``) is also seen whole.
* The model's clause scorer rates every candidate; :func:`pick_spans` keeps the flagged
  windows that score higher than every flagged window inside them (words around a phrase
  belong to it only when they make it more spam) and merges what overlaps or touches.

Offsets are found on the original text, before normalisation, so they need no mapping back:
normalisation (NFKC, Traditional→Simplified, zero-width removal, joining spaced-out
characters) runs on each candidate's own text when it is scored. ``text[start:end]`` is the
phrase as the page has it.

Everything here is plain string and list work over a paragraph's pieces (a few dozen per
paragraph); the scoring itself is one vectorised pass over all candidates of a batch.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from typing import NamedTuple

import numpy as np

__all__ = ["Span", "pieces", "candidates", "candidate_batch", "pick_spans", "whole_span",
           "propagate_spans", "cut_spans", "recurring_names", "MAX_WINDOW", "MAX_CANDIDATE_CHARS"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# a run of one script: Han, or letters and digits (full-width ones included: \w covers them)
_RUN = re.compile(rf"[{_HAN}]+|[^\W_{_HAN}]+")
# promotional suffixes that end a brand glued to the next word: 金沙XXXX官网|举行
# words a promotion starts with, glued after a real word: 报道|首次登录送91元红包
_PREFIX = re.compile(rf"(?<=[{_HAN}])(?=首次|首存|注册送|立即|点击|免费领|官方|官网|网址|娱乐城|真人|"
                     rf"註冊送|點擊|免費領|網址|娛樂城)")
_SUFFIX = re.compile(rf"(?:官网|官方网站|官方入口|入口|登录|登陆|平台|娱乐城|娱乐场|游艺场|注册|下载"
                     rf"|官網|官方網站|登錄|登陸|娛樂城|娛樂場|遊藝場|註冊|下載|app)(?=[{_HAN}])",
                     re.IGNORECASE)
_WORD = re.compile(r"[^\W_]")
MAX_WINDOW = 3  # pieces per candidate
MAX_CANDIDATE_CHARS = 48  # longer windows of several pieces are not a phrase any more
MIN_KEPT_CHARS = 4  # word characters a cut paragraph must keep to stay


class Span(NamedTuple):
    """A spam phrase: ``text[start:end]``, with the clause scorer's probability."""

    start: int
    end: int
    score: float


def pieces(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the pieces of ``text``, in order (see the module docstring)."""
    out = []
    for m in _RUN.finditer(text):
        start, end = m.span()
        if text[start] >= "\u3400":  # a Han run: cut around glued promotional words
            cuts = sorted({m.end() for m in _SUFFIX.finditer(text, start, end)}
                          | {m.start() for m in _PREFIX.finditer(text, start, end)})
            for cut in cuts:
                if start < cut < end:
                    out.append((start, cut))
                    start = cut
        out.append((start, end))
    return out


def candidates(text: str) -> list[tuple[int, int]]:
    """Windows of 1 to :data:`MAX_WINDOW` consecutive pieces, as ``(start, end)``.

    A window of several pieces longer than :data:`MAX_CANDIDATE_CHARS` is skipped (a single
    piece is kept whatever its length: it may be the whole injected clause). A one-piece
    paragraph yields that piece only.
    """
    ps = pieces(text)
    out = []
    for i in range(len(ps)):
        for k in range(MAX_WINDOW):
            if i + k >= len(ps):
                break
            start, end = ps[i][0], ps[i + k][1]
            if k and end - start > MAX_CANDIDATE_CHARS:
                break
            out.append((start, end))
    return out


def candidate_batch(texts) -> tuple[list[str], list[int], list[tuple[int, int]]]:
    """Every candidate of every text: ``(candidate texts, owner index, (start, end))``."""
    flat, owner, offsets = [], [], []
    for i, text in enumerate(texts):
        for start, end in candidates(text):
            flat.append(text[start:end])
            owner.append(i)
            offsets.append((start, end))
    return flat, owner, offsets


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` to begin and end on a word character (no stray separators)."""
    while start < end and not _WORD.match(text, start):
        start += 1
    while end > start and not _WORD.match(text, end - 1):
        end -= 1
    return start, end


def pick_spans(text: str, offsets, scores, threshold) -> list[Span]:
    """The spans of one paragraph from its candidates' ``offsets`` and clause ``scores``;
    ``threshold``: one for all candidates, or one per candidate.

    Flagged candidates (``score >= threshold``) that contain a smaller flagged candidate
    scoring at least as high are dropped -- the words a window adds around a phrase belong to
    the phrase only if they make it more spam --, then what overlaps or is separated by nothing
    but punctuation and spaces is merged (the score of a merged span is the highest of its
    parts).
    """
    at = np.broadcast_to(np.asarray(threshold, dtype=float), (len(scores),))
    flagged = [(s, e, float(p)) for (s, e), p, t in zip(offsets, scores, at) if p >= t]
    if not flagged:
        return []
    # a window that holds a flagged smaller window scoring as high adds only the words around
    # it, which did not make it any more spam: those words are not part of the phrase
    # (only windows starting inside a window can lie in it: a bisection over the sorted starts
    # keeps a paragraph with thousands of flagged windows linear)
    flagged.sort()
    starts = [s for s, _, _ in flagged]
    minimal = [(s, e, p) for s, e, p in flagged
               if not any(s <= s2 and e2 <= e and (s2, e2) != (s, e) and p2 >= p
                          for s2, e2, p2 in flagged[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)])]
    merged: list[list] = []
    for s, e, p in minimal:
        if merged and (s <= merged[-1][1] or not _WORD.search(text, merged[-1][1], s)):
            merged[-1][1] = max(merged[-1][1], e)
            merged[-1][2] = max(merged[-1][2], p)
        else:
            merged.append([s, e, p])
    out = []
    for s, e, p in merged:
        s, e = _trim(text, s, e)
        if s < e:
            out.append(Span(s, e, p))
    return out


def whole_span(text: str, score: float) -> list[Span]:
    """One span over the whole paragraph (trimmed of surrounding space and punctuation)."""
    s, e = _trim(text, 0, len(text))
    return [Span(s, e, float(score))] if s < e else [Span(0, len(text), float(score))]


# The page-wide searches look for each phrase or name in the whole page, so their work grows with
# the page times the phrases: a page of thousands of distinct flagged phrases or letter runs (a
# hostile one; real pages of the corpus and the fixtures have at most 70 distinct runs) would
# take hours. They take the most telling ones up to these counts.
MAX_PAGE_PHRASES = 100
MAX_PAGE_ANCHORS = 200


def propagate_spans(texts, spans, *, min_chars: int = 3) -> list[list[Span]]:
    """Mark every occurrence, anywhere on the page, of a phrase flagged somewhere on it.

    A substituted name (a casino brand put where a school's name stood) recurs through the
    page; where its context reads innocently one occurrence may score under the line while
    another does not. The exact phrase flagged once is injected everywhere. Phrases shorter
    than ``min_chars`` and phrases that cover a whole paragraph are not spread (a whole
    paragraph is a decision about that paragraph, not a phrase).
    """
    phrases = {}
    for text, sp in zip(texts, spans):
        for s in sp:
            phrase = text[s.start:s.end]
            if len(phrase) >= min_chars and (s.end - s.start) < len(text.strip()):
                phrases[phrase] = max(phrases.get(phrase, 0.0), s.score)
    if not phrases:
        return [list(sp) for sp in spans]
    if len(phrases) > MAX_PAGE_PHRASES:  # the best-scoring ones; each is looked for everywhere
        phrases = dict(sorted(phrases.items(), key=lambda kv: -kv[1])[:MAX_PAGE_PHRASES])
    out = []
    for text, sp in zip(texts, spans):
        found = [Span(a, b, phrases[ph]) for a, b, ph in find_phrases(text, phrases)]
        out.append(with_found(sp, found))
    return out


def with_found(spans, found) -> list[Span]:
    """``spans`` plus the ``found`` ones that overlap none of them, in order. A bisection over
    the spans' starts and the running maximum of their ends per ``found`` span: a hostile line
    with thousands of rule phrases was quadratic here (two 200 kB lines of the dateline rule's
    ``…官网讯``: 131 s to scan, 4.5 s since)."""
    if not found:
        return list(spans)
    if not spans:
        return sorted(found)
    ordered = sorted(spans)
    starts = [s.start for s in ordered]
    reach = list(itertools.accumulate((s.end for s in ordered), max))  # furthest end so far
    keep = []
    for f in found:
        k = bisect.bisect_left(starts, f.end)  # the spans that start before f ends
        if not (k and reach[k - 1] > f.start):
            keep.append(f)
    return sorted(ordered + keep)


def find_phrases(text: str, phrases) -> list[tuple[int, int, str]]:
    """``(start, end, phrase)`` of the occurrences of ``phrases`` in ``text``: left to right,
    the longest phrase at a place first, none overlapping -- what a regex alternation of the
    phrases (longest first) finds, without compiling a pattern for every page."""
    hits = []
    for phrase in phrases:
        at = text.find(phrase) if phrase else -1
        while at >= 0:
            hits.append((at, -len(phrase), phrase))
            at = text.find(phrase, at + 1)
    hits.sort()
    out, end = [], 0
    for at, neg, phrase in hits:
        if at >= end:
            end = at - neg
            out.append((at, end, phrase))
    return out


_ANCHOR = re.compile(r"[0-9A-Za-z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]{3,}")
_NAME_EDGE = re.compile(rf"[{_HAN}0-9A-Za-z()()\-·]")
MAX_NAME_CHARS = 24


def recurring_names(texts, *, min_count: int = 3, min_paragraphs: int = 2) -> list[str]:
    """Names written with digits or Latin letters that recur through a page: candidates for a
    substituted name.

    A hijack script that puts a casino's name where a school's or a company's stood writes the
    same string into every paragraph (``金莎XXXX官网``, ``XXXX威尼斯``, ``开云(中国)Kaiyun官方网站``),
    while the words around it change. So each run of three or more letters or digits is
    grown, a character at a time to the left and then to the right, for as long as the grown
    string still occurs ``min_count`` times on the page: it stops where the occurrences' contexts
    part. What is found in at least ``min_paragraphs`` paragraphs is returned; whether it is a
    promotion is for the clause scorer to say.
    """
    texts = list(texts)
    page = "\n".join(texts)
    runs = Counter(m.group() for m in _ANCHOR.finditer(page))  # in order of first appearance
    anchors = list(runs) if len(runs) <= MAX_PAGE_ANCHORS else \
        sorted(runs, key=runs.get, reverse=True)[:MAX_PAGE_ANCHORS]  # the most frequent (stable)
    names = []
    for anchor in anchors:
        if page.count(anchor) < min_count:
            continue
        for at in [i.start() for i in re.finditer(re.escape(anchor), page)][:min_count]:
            start, end = at, at + len(anchor)
            while (start > 0 and end - start < MAX_NAME_CHARS and _NAME_EDGE.match(page, start - 1)
                   and page.count(page[start - 1:end]) >= min_count):
                start -= 1
            while (end < len(page) and end - start < MAX_NAME_CHARS and _NAME_EDGE.match(page, end)
                   and page.count(page[start:end + 1]) >= min_count):
                end += 1
            name = page[start:end]
            if name != anchor and name not in names and \
                    sum(name in t for t in texts) >= min_paragraphs:
                names.append(name)
    return names


_JOINS = " \t\u3000,,、;;::|_-—·•"  # what joins an injected phrase to the text around it


def cut_spans(text: str, spans) -> str | None:
    """``text`` with its spans cut out; ``None`` when what remains is not real text.

    What is kept must have at least :data:`MIN_KEPT_CHARS` word characters; separators left
    dangling at a cut (``报道,`` → ``报道``) go with the span. The seed page's byline
    ``…报道首次登录送91元红包`` comes out as ``…报道``.
    """
    if not spans:
        return text
    parts, at = [], 0
    for s in sorted(spans):
        if s.start > at:
            parts.append((text[at:s.start], at > 0, True))
        at = max(at, s.end)
    if at < len(text):
        parts.append((text[at:], True, False))
    kept = []
    for part, cut_before, cut_after in parts:
        if cut_before:
            part = part.lstrip(_JOINS)
        if cut_after:
            part = part.rstrip(_JOINS)
        if _WORD.search(part):
            kept.append(part)
    out = "".join(kept).strip()
    if len(_WORD.findall(out)) < MIN_KEPT_CHARS:
        return None
    return out
