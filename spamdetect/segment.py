"""Word segmentation with jieba's dictionary and algorithm.

Two bindings of the same segmenter are supported: ``rjieba`` (jieba-rs, a Rust port, about 20x
faster) when it is installed, and the reference pure-Python ``jieba`` otherwise. Both load the
project's own domain dictionary (``resources/userdict.txt``: gambling, casino and betting terms
written for this project) with explicit frequencies, so they agree token for token.

Before segmenting, everything that is not a letter, digit or CJK character becomes a space. Word
features ignore punctuation anyway, and the two bindings treat ``.`` and ``-`` inside Latin runs
differently (``time.Duration``); removing them is what makes the parity exact.
"""

from __future__ import annotations

import functools
import re
from importlib import resources

__all__ = ["Segmenter", "get_segmenter", "load_user_dictionary", "strip_punctuation",
           "strip_punctuation_many"]

_NON_WORD = re.compile(r"[\W_]+")
_NON_WORD_KEEP_NEWLINE = re.compile(r"(?:[^\w\n]|_)+")


def strip_punctuation(text: str) -> str:
    """Every run of characters that are not letters, digits or CJK becomes one space."""
    return _NON_WORD.sub(" ", text)


def strip_punctuation_many(texts: list[str]) -> list[str]:
    """:func:`strip_punctuation` of each text, with one pass of the regex over the whole batch."""
    if not texts:
        return []
    joined = "\n".join(t.replace("\n", " ") if "\n" in t else t for t in texts)
    return _NON_WORD_KEEP_NEWLINE.sub(" ", joined).split("\n")


def load_user_dictionary() -> list[tuple[str, int]]:
    """(word, frequency) pairs of the shipped domain dictionary (``word freq`` per line, ``#`` comments)."""
    text = resources.files("spamdetect").joinpath("resources/userdict.txt").read_text("utf-8")
    entries = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        parts = line.split()
        word = parts[0]
        freq = int(parts[1]) if len(parts) > 1 else 1000
        entries.append((word, freq))
    return entries


class Segmenter:
    """A jieba segmenter with the domain dictionary loaded.

    ``backend`` is ``"rjieba"``, ``"jieba"`` or ``"auto"`` (rjieba when importable). Instances
    are independent of jieba's global tokenizer, so using spamdetect does not change how the
    caller's own ``jieba.cut`` behaves.
    """

    def __init__(self, backend: str = "auto"):
        if backend not in ("auto", "rjieba", "jieba"):
            raise ValueError(f"backend must be 'auto', 'rjieba' or 'jieba', got {backend!r}")
        if backend in ("auto", "rjieba"):
            try:
                import rjieba
            except ImportError:
                if backend == "rjieba":
                    raise
            else:
                self.backend = "rjieba"
                self._impl = rjieba.Jieba()
                for word, freq in load_user_dictionary():
                    self._impl.add_word(word, freq, None)
                self._cut = self._impl.cut
                return
        import logging

        import jieba

        jieba.setLogLevel(logging.WARNING)
        self.backend = "jieba"
        self._impl = jieba.Tokenizer()
        self._impl.initialize()
        for word, freq in load_user_dictionary():
            self._impl.add_word(word, freq)
        self._cut = self._impl.lcut

    def cut(self, text: str) -> list[str]:
        """Word tokens of one (normalised) paragraph; punctuation and spaces are dropped."""
        return [t for t in self._cut(_NON_WORD.sub(" ", text)) if not t.isspace()]

    def cut_joined(self, texts: list[str], *, stripped: bool = False) -> list[str]:
        """The raw token stream of many paragraphs from one call into the segmenter.

        Paragraphs are joined with newlines, which both bindings never join words across: a
        ``"\n"`` token ends each paragraph's tokens, and ``" "`` tokens stand where punctuation
        or spaces were. This is the fast path for feature extraction. ``stripped=True`` says
        the texts already went through :func:`strip_punctuation`.
        """
        if not texts:
            return []
        return self._cut("\n".join(texts if stripped else strip_punctuation_many(texts)))

    def cut_many(self, texts: list[str]) -> list[list[str]]:
        """Word tokens of each paragraph: exactly ``[self.cut(t) for t in texts]``, faster."""
        if not texts:
            return []
        tokens = self.cut_joined(texts)
        docs: list[list[str]] = [[]]
        for tok in tokens:
            if tok == "\n":
                docs.append([])
            elif not tok.isspace():
                docs[-1].append(tok)
        return docs


@functools.cache
def _resolve(backend: str) -> str:
    """The binding ``backend`` stands for: ``"auto"`` is ``"rjieba"`` when importable (cached:
    without rjieba, a failed import on every call would search ``sys.path`` every batch)."""
    if backend != "auto":
        return backend
    try:
        import rjieba  # noqa: F401
    except ImportError:
        return "jieba"
    return "rjieba"


def get_segmenter(backend: str = "auto") -> Segmenter:
    """A process-wide segmenter per binding (building one loads a 5 MB dictionary).

    ``"auto"`` is resolved first, so ``get_segmenter()``, ``get_segmenter("auto")`` and
    ``get_segmenter("rjieba")`` share one segmenter (``functools.cache`` alone would key them
    apart and load the dictionary twice).
    """
    return _shared_segmenter(_resolve(backend))


@functools.cache
def _shared_segmenter(backend: str) -> Segmenter:
    """Build the shared segmenter of one binding.

    No lock: threads that ask for a binding before its segmenter exists may each build one,
    and the cache keeps one of them. That is harmless -- a :class:`Segmenter` is not changed after
    construction, both are built from the same dictionary and give the same tokens, and a
    caller holding the other keeps a working one -- and it costs at worst one extra dictionary
    load per racing thread, once, at start-up. An unknown backend raises and caches nothing.
    """
    return Segmenter(backend)
