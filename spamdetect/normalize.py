"""Text normalisation: undo the disguises spammers (and broken converters) put on Chinese text.

The same function runs at training and at prediction time, inside the model, so a paragraph is
always seen in one canonical form:

* Unicode NFKC: full-width letters, digits and punctuation become half-width (``ＢＥＴ３６５`` ->
  ``bet365``), compatibility ideographs fold to their unified form.
* Zero-width and control characters are removed (``百\u200b家\u200b乐`` -> ``百家乐``); so are emoji and
  other pictographs, which spam and clean social text both sprinkle and which carry no signal
  we want the model to learn.
* Pinyin residue left by a broken Traditional->Simplified converter is dropped
  (``標(biāo)準(zhǔn)`` -> ``標準``): it marks a page that went through a converter, not a spam page.
* A ``?`` or U+FFFD standing for a lost character between two CJK characters is dropped.
* Traditional Chinese becomes Simplified (OpenCC ``t2s``), so ``百家樂`` and ``百家乐`` are one token.
* Spaces that split single CJK characters are removed (``百 家 乐`` -> ``百家乐``); other
  whitespace runs become one space.
* Latin is lower-cased.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = ["normalize_text", "normalize_many", "is_blank"]

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"

# Lone surrogates, format (Cf) characters such as ZWSP/ZWJ/BOM/soft hyphen, C0/C1 controls
# except whitespace, and emoji and pictographs (the common blocks): none carries a signal we want
# the model to learn, and they break n-grams.
_DROP = re.compile(r"[\ud800-\udfff\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f"
                   r"\u200b-\u200f\u202a-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0"
                   r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                   "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff\U000e0000-\U000e007f]")

# "(biāo)" after a CJK character: pinyin with at least one tone mark, as written by a broken converter.
_PINYIN_RESIDUE = re.compile(
    rf"(?<=[{_HAN}])\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*\)")
_LOST_CHAR = re.compile(rf"(?<=[{_HAN}])[?\ufffd]+(?=[{_HAN}])")
# "百 家 乐": single CJK characters spaced out to dodge keyword filters. Only runs of *single*
# characters are joined; spaces between words ("记者 张三 报道") are real separators.
_SPACED_OUT = re.compile(rf"(?<![{_HAN}])[{_HAN}](?:[^\S\n]+[{_HAN}](?![{_HAN}]))+")
_WHITESPACE = re.compile(r"[^\S\n]+")

# NFKC of a long text costs as much as the rest of normalisation; most of Chinese text (ASCII,
# unified ideographs, common CJK punctuation) is NFKC-stable, so only runs of other characters
# go through it, each with the stable character before it (a combining mark composes with it).
# The result equals NFKC of the whole text.
_NFKC_STABLE = "\x00-\x7f\u4e00-\u9fff\u3001\u3002\u3008-\u3011\u2018-\u201d"
_NFKC_RUNS = re.compile(f"[{_NFKC_STABLE}]?[^{_NFKC_STABLE}]+")


def _join_spaced(match: re.Match) -> str:
    return "".join(match.group().split())


def _nfkc(match: re.Match) -> str:
    return unicodedata.normalize("NFKC", match.group())


@functools.cache
def _t2s():
    """The OpenCC converter, built on first use (it loads dictionaries) and shared.

    ``functools.cache`` does not lock: two threads that both normalise before the first
    converter exists may each build one, and the cache keeps one of them. That is harmless -- the
    two are identical, ``convert`` keeps no state between calls, and a caller holding the other
    one gets the same answers -- and it costs one extra dictionary load at most once per
    racing thread at start-up, which is why no lock is kept.
    """
    import opencc

    return opencc.OpenCC("t2s")


def is_blank(text: str) -> bool:
    """True when nothing but whitespace, invisible characters and emoji is left of ``text``."""
    return not _DROP.sub("", text).strip()


def normalize_text(text: str) -> str:
    """Return the canonical form of one paragraph (see the module docstring).

    Raises ``TypeError`` for anything but ``str``: silently stringifying ``None`` or bytes would
    classify the wrong text.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    return normalize_many([text])[0]


def normalize_many(texts) -> list[str]:
    """Normalise many paragraphs at once.

    The batch is joined with newlines (a paragraph's own line breaks are only whitespace) and
    every step runs once over the joined text: per-paragraph calls into the regex engine,
    NFKC and OpenCC cost more than the work itself. No step lets anything cross a newline.
    """
    parts = []
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"item {i}: expected str, got {type(t).__name__}")
        parts.append(t.replace("\n", " ").replace("\r", " ") if "\n" in t or "\r" in t else t)
    if not parts:
        return []
    text = "\n".join(parts)
    if not unicodedata.is_normalized("NFKC", text):
        text = _NFKC_RUNS.sub(_nfkc, text)
    text = _DROP.sub("", text)
    text = _PINYIN_RESIDUE.sub("", text)
    text = _LOST_CHAR.sub("", text)
    text = _t2s().convert(text)
    text = _SPACED_OUT.sub(_join_spaced, text)
    text = _WHITESPACE.sub(" ", text).lower()
    lines = text.split("\n")
    if len(lines) != len(parts):  # pragma: no cover - no step above adds or removes newlines
        raise AssertionError("normalisation changed the number of paragraphs")
    return [line.strip() for line in lines]
