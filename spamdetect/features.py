"""TF-IDF features for Chinese paragraphs: jieba words plus character n-grams, in numpy.

Word unigrams and bigrams carry the vocabulary of spam (``百家乐``, ``登录 官网``); character
n-grams carry what the dictionary does not know (new brand names, odd segmentations, Latin
spellings such as ``365bet``). Both blocks are TF-IDF weighted (sublinear tf, smoothed idf, as
scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``) and each block is L2-normalised.

Why not ``TfidfVectorizer(analyzer="char")``? It builds every n-gram as a Python string and
looks each up in a dict, which caps throughput at a few MB/s. Here a character n-gram is an
integer (code points packed in 21-bit fields), computed for a whole batch with numpy and looked
up in the vocabulary through an open-addressing hash table (:class:`_HashIndex`); word bigrams
are packed the same way from word ids. Only segmentation and the word-id lookup are per-token Python work.

This module imports neither scikit-learn nor scipy, so scoring with a fitted model starts fast;
:class:`spamdetect.model.ChineseTfidfVectorizer` wraps it as a scikit-learn transformer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import repeat as _repeat

import numpy as np

from .segment import get_segmenter, strip_punctuation_many

__all__ = ["FeatureSpace", "char_ngram_keys", "VECTORIZER_PARAMS"]

# The feature parameters, spelled once: the keywords of FeatureSpace.fit, and so the parameters
# of ChineseTfidfVectorizer and the ones SpamClassifier passes on to it (spamdetect.model). Here,
# not in model.py, so that code without scikit-learn (reading a model file) can use them too.
VECTORIZER_PARAMS = ("analyzer", "word_ngram_range", "char_ngram_range", "min_df", "max_features",
                     "sublinear_tf", "tail_words", "backend")

_SEP = 0  # code point that separates paragraphs in a batch; normalisation removes real NULs
_SPACE_CP = 0x20  # n-grams do not cross spaces (where punctuation was)
_BITS = 21  # every Unicode code point fits in 21 bits
_CP_MASK = (1 << _BITS) - 1
_LOW32 = np.uint64(0xFFFFFFFF)
_EMPTY_KEYS = (np.zeros(0, np.uint64), np.zeros(0, np.int64))


def char_ngram_keys(texts: list[str], n_min: int, n_max: int) -> tuple[np.ndarray, np.ndarray]:
    """(keys, doc ids) of every character n-gram, ``n_min <= n <= n_max`` (at most 3), of every text.

    A key packs up to three (code point + 1) values into one uint64, so distinct n-grams of any
    length never collide and ``n`` is implied by how many fields are non-zero. N-grams never
    span two texts, nor a space: texts come through ``strip_punctuation``, so a space stands
    for punctuation, and punctuation is left out of the features on purpose (how often a
    source ends its lines with "。" is an accident of the training data, not a sign of spam).
    """
    if not texts:
        return _EMPTY_KEYS
    cps = np.frombuffer("\0".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    is_sep = cps == _SEP
    doc = np.cumsum(is_sep, dtype=np.int64)
    boundary = is_sep | (cps == _SPACE_CP)
    cps += np.uint64(1)
    cps[is_sep] = _SEP
    keys, docs = [], []
    for n in range(n_min, n_max + 1):
        m = len(cps) - n + 1
        if m <= 0:
            continue
        key = cps[:m].copy()
        ok = ~boundary[:m]
        for k in range(1, n):
            ok &= ~boundary[k : k + m]
            key <<= np.uint64(_BITS)
            key |= cps[k : k + m]
        keys.append(key[ok])
        docs.append(doc[:m][ok])
    if not keys:
        return _EMPTY_KEYS
    return np.concatenate(keys), np.concatenate(docs)


def decode_char_key(key: int) -> str:
    chars = []
    while key:
        chars.append(chr((key & _CP_MASK) - 1))
        key >>= _BITS
    return "".join(reversed(chars))


class _HashIndex:
    """Position of uint64 keys in a vocabulary: an open-addressing hash table in numpy.

    ``np.searchsorted`` over a 200k-entry vocabulary costs ~17 random reads per n-gram; this
    table (load factor <= 0.5, linear probing, Fibonacci hashing) costs one or two. Both
    building and probing are vectorised: each loop round handles every key still probing.
    """

    _MULT = np.uint64(0x9E3779B97F4A7C15)

    def __init__(self, keys: np.ndarray):
        self.keys = keys
        self.bits = max(4, (2 * len(keys)).bit_length())
        self.mask = (1 << self.bits) - 1
        self.table = np.full(1 << self.bits, -1, np.int64)
        slot = self._hash(keys)
        pending = np.arange(len(keys))
        while len(pending):
            s = slot[pending]
            free = self.table[s] < 0
            _, first = np.unique(s[free], return_index=True)
            winners = pending[free][first]
            self.table[slot[winners]] = winners
            placed = np.zeros(len(keys), bool)
            placed[winners] = True
            pending = pending[~placed[pending]]
            slot[pending] = (slot[pending] + 1) & self.mask

    def _hash(self, keys: np.ndarray) -> np.ndarray:
        return ((keys * self._MULT) >> np.uint64(64 - self.bits)).astype(np.int64)

    def lookup(self, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(position, found) of each query key."""
        result = np.full(len(queries), -1, np.int64)
        if len(self.keys) == 0 or len(queries) == 0:
            return result.clip(0), result >= 0
        slot = self._hash(queries)
        active = np.arange(len(queries))
        while len(active):
            idx = self.table[slot]
            occupied = idx >= 0
            match = occupied & (self.keys[idx.clip(0)] == queries[active])
            result[active[match]] = idx[match]
            more = occupied & ~match
            active = active[more]
            slot = (slot[more] + 1) & self.mask
        return result.clip(0), result >= 0


def _document_frequency(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and the number of documents each appears in."""
    order = np.lexsort((keys, docs))
    k, d = keys[order], docs[order]
    first = np.ones(len(k), dtype=bool)
    first[1:] = (k[1:] != k[:-1]) | (d[1:] != d[:-1])
    return np.unique(k[first], return_counts=True)


_NEWLINE, _SPACE = -2, -3


def _word_ids(tokens: list[str], vocab: dict) -> tuple[np.ndarray, np.ndarray]:
    """Word ids (-1 for unknown) and doc ids of a joined token stream (see ``cut_joined``).

    One dict lookup per token and the rest in numpy: the newline tokens that end paragraphs
    and the space tokens between words are looked up too (as -2 and -3), then dropped.
    """
    get = vocab.get
    ids = np.fromiter(map(get, tokens, _repeat(-1, len(tokens))), dtype=np.int64, count=len(tokens))
    is_newline = ids == _NEWLINE
    docs = np.cumsum(is_newline) - is_newline
    keep = ids > _NEWLINE  # words, known (>= 0) or not (-1)
    return ids[keep], docs[keep]


def _with_separators(vocab: dict) -> dict:
    vocab["\n"] = _NEWLINE
    vocab[" "] = _SPACE
    return vocab


def _bigram_keys(ids, docs):
    """Packed (id1, id2) keys of consecutive known words within a paragraph."""
    if len(ids) < 2:
        return _EMPTY_KEYS
    ok = (docs[1:] == docs[:-1]) & (ids[1:] >= 0) & (ids[:-1] >= 0)
    keys = (ids[:-1][ok].astype(np.uint64) << np.uint64(32)) | ids[1:][ok].astype(np.uint64)
    return keys, docs[:-1][ok]


_CLAUSE_END = re.compile(r"[,.;:!?、,。;:!?\s]+")
_WORD_CHAR = re.compile(r"[^\W_]")
TAIL_CHARS = 24


def last_clause(text: str) -> str:
    """The last clause of a paragraph (at most 24 characters), or "" for a one-clause paragraph.

    Injected promotions are appended: a real byline ending in ``首次登录送91元红包``, a real
    news sentence ending in ``,百家乐登录官网。``. In a long paragraph those few words are
    diluted by normalisation; as a feature block of their own they are not. A paragraph of a
    single clause has no separate tail (its words are all in the main block already).
    """
    pieces = [p for p in _CLAUSE_END.split(text) if _WORD_CHAR.search(p)]
    if len(pieces) < 2:
        return ""
    return pieces[-1][-TAIL_CHARS:]


def _idf(df, n_docs):
    return np.log((1.0 + n_docs) / (1.0 + df)) + 1.0


def _tfidf(rows, cols, n_cols, idf, sublinear) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique (row, col) pairs with their L2-normalised (per row) tf-idf weights."""
    if len(rows) == 0:
        return rows, cols, np.zeros(0)
    pair, tf = np.unique(rows * np.int64(n_cols) + cols, return_counts=True)
    rows, cols = pair // n_cols, pair % n_cols
    w = (1.0 + np.log(tf)) if sublinear else tf.astype(float)
    w *= idf[cols]
    norm = np.sqrt(np.bincount(rows, weights=w * w))
    w /= norm[rows]
    return rows, cols, w


@dataclass
class FeatureSpace:
    """A fitted vocabulary with idf weights: turns normalised paragraphs into tf-idf triplets.

    Columns: word unigrams and word bigrams (``len(word_idf)`` columns, words first), then
    character n-grams (``len(char_idf)`` columns), then -- with ``tail_words`` -- the words of
    the paragraph's last clause (``len(word_vocabulary)`` columns, see :func:`last_clause`).
    """

    analyzer: str = "both"
    word_ngram_range: tuple = (1, 2)
    char_ngram_range: tuple = (1, 3)
    sublinear_tf: bool = True
    backend: str = "auto"
    tail_words: bool = True
    word_vocabulary: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="<U1"))
    unigram_mask: np.ndarray = field(default_factory=lambda: np.zeros(0, bool))
    word_bigrams: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    char_vocabulary: np.ndarray = field(default_factory=lambda: np.zeros(0, np.uint64))
    word_idf: np.ndarray = field(default_factory=lambda: np.zeros(0))
    char_idf: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __post_init__(self):
        # built on first use and kept: the fitted arrays never change after fitting or loading
        self._word_index = None
        self._char_index = None
        self._bigram_index = None
        self._names = None

    @property
    def n_features(self) -> int:
        return len(self.word_idf) + len(self.char_idf) + self._n_tail()

    def _n_tail(self) -> int:
        return len(self.word_vocabulary) if self.tail_words and self.uses_words() else 0

    def uses_words(self) -> bool:
        return self.analyzer in ("both", "word")

    def uses_chars(self) -> bool:
        return self.analyzer in ("both", "char")

    # -- fitting -------------------------------------------------------------------------------
    @classmethod
    def fit(cls, texts: list[str], *, analyzer="both", word_ngram_range=(1, 2),
            char_ngram_range=(1, 3), min_df=2, max_features=None, sublinear_tf=True,
            backend="auto", tail_words=True) -> "FeatureSpace":
        """Learn the vocabulary and idf from *normalised* texts (see :mod:`spamdetect.normalize`)."""
        if analyzer not in ("both", "word", "char"):
            raise ValueError(f"analyzer must be 'both', 'word' or 'char', got {analyzer!r}")
        if not 1 <= word_ngram_range[0] <= word_ngram_range[1] <= 2:
            raise ValueError("word_ngram_range must lie within (1, 2)")
        if not 1 <= char_ngram_range[0] <= char_ngram_range[1] <= 3:
            raise ValueError("char_ngram_range must lie within (1, 3)")
        n = len(texts)
        if n == 0:
            raise ValueError("cannot fit on an empty list of documents")
        fs = cls(analyzer, tuple(word_ngram_range), tuple(char_ngram_range), sublinear_tf, backend,
                 tail_words)
        texts = strip_punctuation_many(texts)

        def prune(keys, df):
            keep = df >= min_df
            keys, df = keys[keep], df[keep]
            if max_features is not None and len(keys) > max_features:
                top = np.sort(np.argsort(-df, kind="stable")[:max_features])
                keys, df = keys[top], df[top]
            return keys, df

        if fs.uses_words():
            tokens = get_segmenter(backend).cut_joined(texts, stripped=True)
            uniq = sorted(set(tokens) - {"\n", " "})
            ids, docs = _word_ids(tokens, _with_separators({w: i for i, w in enumerate(uniq)}))
            wkeys, wdf = _document_frequency(ids.astype(np.uint64), docs)
            # bigram candidates over *all* words, so pruning rare unigrams does not hide them
            bkeys, bdf = _document_frequency(*_bigram_keys(ids, docs))
            if word_ngram_range[0] > 1:
                wkeys, wdf = wkeys[:0], wdf[:0]
            if word_ngram_range[1] < 2:
                bkeys, bdf = bkeys[:0], bdf[:0]
            wkeys, wdf = prune(wkeys, wdf)
            bkeys, bdf = prune(bkeys, bdf)
            # keep every word a unigram or bigram feature needs, renumbered densely
            needed = np.union1d(wkeys, np.concatenate([bkeys >> np.uint64(32), bkeys & _LOW32]))
            needed_i = needed.astype(np.int64)
            renumber = np.full(len(uniq), -1, np.int64)
            renumber[needed_i] = np.arange(len(needed))
            first = renumber[(bkeys >> np.uint64(32)).astype(np.int64)].astype(np.uint64)
            second = renumber[(bkeys & _LOW32).astype(np.int64)].astype(np.uint64)
            remapped = (first << np.uint64(32)) | second
            order = np.argsort(remapped)
            unigram_df = np.zeros(len(needed))
            unigram_df[np.searchsorted(needed, wkeys)] = wdf
            fs.word_vocabulary = np.array(uniq, dtype=str)[needed_i] if len(needed) else fs.word_vocabulary
            fs.unigram_mask = np.isin(needed, wkeys)
            fs.word_bigrams = remapped[order]
            fs.word_idf = np.concatenate([_idf(unigram_df, n), _idf(bdf[order], n)])
        if fs.uses_chars():
            ckeys, cdf = prune(*_document_frequency(*char_ngram_keys(texts, *char_ngram_range)))
            fs.char_vocabulary = ckeys
            fs.char_idf = _idf(cdf, n)
        return fs

    # -- transforming --------------------------------------------------------------------------
    def _word_lookup(self) -> dict:
        if self._word_index is None:
            self._word_index = _with_separators(
                {w: i for i, w in enumerate(self.word_vocabulary.tolist())})
        return self._word_index

    def triplets(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, tf-idf weight) of every non-zero feature of the *normalised* texts."""
        parts = []
        tails = [last_clause(t) for t in texts] if self._n_tail() else []
        texts = strip_punctuation_many(texts)
        if self.uses_words() and texts:
            parts.append(self._word_part(texts))
        if self.uses_chars() and texts:
            parts.append(self._char_part(texts))
        if tails:
            ids, docs = _word_ids(get_segmenter(self.backend).cut_joined(tails), self._word_lookup())
            uni = ids >= 0
            uni[uni] = self.unigram_mask[ids[uni]]
            n_words = len(self.word_vocabulary)
            r, c, w = _tfidf(docs[uni], ids[uni], n_words, self.word_idf[:n_words], self.sublinear_tf)
            parts.append((r, c + len(self.word_idf) + len(self.char_idf), w))
        if not parts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        return tuple(np.concatenate(x) for x in zip(*parts))

    def topic_triplets(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The word (or, without words, character) tf-idf triplets of the *normalised* texts:
        what two paragraphs must share to be about the same thing (see
        :func:`spamdetect.context.page_kinship`)."""
        texts = strip_punctuation_many(texts)
        if not texts:
            return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
        return self._word_part(texts) if self.uses_words() else self._char_part(texts)

    def is_topic_column(self, cols: np.ndarray) -> np.ndarray:
        """Which of the columns ``cols`` (of :meth:`triplets`) :meth:`topic_triplets` gives."""
        n_words = len(self.word_idf)
        if self.uses_words():
            return cols < n_words
        return (cols >= n_words) & (cols < n_words + len(self.char_idf))

    def _word_part(self, stripped: list[str]):
        n_words = len(self.word_vocabulary)
        tokens = get_segmenter(self.backend).cut_joined(stripped, stripped=True)
        ids, docs = _word_ids(tokens, self._word_lookup())
        uni = ids >= 0
        uni[uni] = self.unigram_mask[ids[uni]]
        bkeys, bdocs = _bigram_keys(ids, docs)
        if self._bigram_index is None:
            self._bigram_index = _HashIndex(self.word_bigrams)
        bcol, bok = self._bigram_index.lookup(bkeys)
        rows = np.concatenate([docs[uni], bdocs[bok]])
        cols = np.concatenate([ids[uni], n_words + bcol[bok]])
        return _tfidf(rows, cols, len(self.word_idf), self.word_idf, self.sublinear_tf)

    def _char_part(self, stripped: list[str]):
        keys, docs = char_ngram_keys(stripped, *self.char_ngram_range)
        if self._char_index is None:
            self._char_index = _HashIndex(self.char_vocabulary)
        col, ok = self._char_index.lookup(keys)
        r, c, w = _tfidf(docs[ok], col[ok], len(self.char_idf), self.char_idf, self.sublinear_tf)
        return r, c + len(self.word_idf), w

    def feature_names(self) -> np.ndarray:
        """Readable names: ``w:百家乐``, ``w:登录 官网`` (word bigram), ``c:百家`` (characters).

        Built once per feature space (explanations ask for it on every call)."""
        if self._names is None:
            self._names = self._feature_names()
        return self._names

    def _feature_names(self) -> np.ndarray:
        names = []
        words = self.word_vocabulary
        if self.uses_words():
            names += [f"w:{w}" for w in words.tolist()]
            a = (self.word_bigrams >> np.uint64(32)).astype(np.int64)
            b = (self.word_bigrams & _LOW32).astype(np.int64)
            names += [f"w:{x} {y}" for x, y in zip(words[a].tolist(), words[b].tolist())]
        if self.uses_chars():
            names += ["c:" + decode_char_key(int(k)) for k in self.char_vocabulary]
        if self._n_tail():
            names += [f"t:{w}" for w in words.tolist()]
        return np.array(names, dtype=object)
