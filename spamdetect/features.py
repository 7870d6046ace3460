"""TF-IDF features for Chinese paragraphs: jieba words plus character n-grams.

Word unigrams and bigrams carry the vocabulary of spam (``百家乐``, ``登录 官网``); character
n-grams carry what the dictionary does not know (new brand names, odd segmentations, Latin
spellings such as ``365bet``). Both blocks are TF-IDF weighted (sublinear tf, smoothed idf) and
each is L2-normalised, then they sit side by side in one sparse matrix.

Why not ``TfidfVectorizer`` with ``analyzer="char"``? It builds every n-gram as a Python string
and looks each up in a dict, which caps throughput at a few MB/s. Here a character n-gram is an
integer (code points packed in 21-bit fields), computed for a whole batch with numpy, and looked
up in the sorted vocabulary with ``np.searchsorted``. Word bigrams are packed the same way from
word ids. Only segmentation and the word-id lookup are per-token Python work.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.preprocessing import normalize as l2_normalize
from sklearn.utils.validation import check_is_fitted

from .normalize import normalize_many
from .segment import get_segmenter

__all__ = ["ChineseTfidfVectorizer"]

_SEP = 0  # code point that separates paragraphs in a batch; normalisation removes real NULs
_BITS = 21  # every Unicode code point fits in 21 bits
_CP_MASK = (1 << _BITS) - 1


def _codepoints(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """All texts as one array of (code point + 1), separated by ``_SEP``, and each position's doc."""
    joined = "\0".join(texts)
    cps = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    is_sep = cps == _SEP
    doc = np.cumsum(is_sep, dtype=np.int64)
    cps = np.where(is_sep, np.uint64(_SEP), cps + np.uint64(1))
    return cps, doc


def _char_ngram_keys(texts: list[str], n_min: int, n_max: int) -> tuple[np.ndarray, np.ndarray]:
    """(keys, doc ids) of every character n-gram, n in [n_min, n_max], of every text.

    A key packs up to three (code point + 1) values into one uint64, so distinct n-grams of any
    length never collide and ``n`` is implied by how many fields are non-zero.
    """
    cps, doc = _codepoints(texts)
    keys, docs = [], []
    for n in range(n_min, n_max + 1):
        m = len(cps) - n + 1
        if m <= 0:
            continue
        key = np.zeros(m, dtype=np.uint64)
        ok = np.ones(m, dtype=bool)
        for k in range(n):
            part = cps[k : k + m]
            ok &= part != _SEP
            key = (key << np.uint64(_BITS)) | part
        keys.append(key[ok])
        docs.append(doc[:m][ok])
    if not keys:
        return np.zeros(0, np.uint64), np.zeros(0, np.int64)
    return np.concatenate(keys), np.concatenate(docs)


def _lookup(vocab: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Column of each key in the sorted ``vocab`` and a mask of the keys that are in it."""
    if len(vocab) == 0:
        return np.zeros(len(keys), np.int64), np.zeros(len(keys), bool)
    idx = np.searchsorted(vocab, keys)
    idx[idx == len(vocab)] = 0
    return idx, vocab[idx] == keys


def _document_frequency(keys: np.ndarray, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Distinct keys and the number of documents each appears in."""
    order = np.lexsort((keys, docs))
    k, d = keys[order], docs[order]
    first = np.ones(len(k), dtype=bool)
    first[1:] = (k[1:] != k[:-1]) | (d[1:] != d[:-1])
    return np.unique(k[first], return_counts=True)


def _counts(rows: np.ndarray, cols: np.ndarray, n_rows: int, n_cols: int) -> sp.csr_matrix:
    data = np.ones(len(rows), dtype=np.float64)
    m = sp.csr_matrix((data, (rows, cols)), shape=(n_rows, n_cols))
    m.sum_duplicates()
    return m


class ChineseTfidfVectorizer(TransformerMixin, BaseEstimator):
    """Turn raw Chinese paragraphs into TF-IDF vectors of words and character n-grams.

    Parameters
    ----------
    analyzer : {"both", "word", "char"}
        Which feature blocks to build.
    word_ngram_range, char_ngram_range : (int, int)
        Inclusive n-gram ranges; words go up to bigrams, characters up to trigrams.
    min_df : int
        Keep features that occur in at least this many training paragraphs.
    max_features : int or None
        Keep only the most frequent features of each block (bounds the model size).
    sublinear_tf : bool
        ``1 + log(tf)`` instead of raw counts, so a stuffed keyword does not drown the rest.
    backend : {"auto", "rjieba", "jieba"}
        Which jieba binding segments (see :mod:`spamdetect.segment`); they give the same tokens.
    """

    def __init__(self, analyzer="both", word_ngram_range=(1, 2), char_ngram_range=(1, 3),
                 min_df=2, max_features=200_000, sublinear_tf=True, backend="auto"):
        self.analyzer = analyzer
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.backend = backend

    # -- helpers -------------------------------------------------------------------------------
    def _validate(self):
        if self.analyzer not in ("both", "word", "char"):
            raise ValueError(f"analyzer must be 'both', 'word' or 'char', got {self.analyzer!r}")
        lo, hi = self.word_ngram_range
        if not 1 <= lo <= hi <= 2:
            raise ValueError("word_ngram_range must lie within (1, 2)")
        lo, hi = self.char_ngram_range
        if not 1 <= lo <= hi <= 3:
            raise ValueError("char_ngram_range must lie within (1, 3)")

    def _use_words(self):
        return self.analyzer in ("both", "word")

    def _use_chars(self):
        return self.analyzer in ("both", "char")

    def _word_ids(self, docs_tokens, vocab: dict) -> tuple[np.ndarray, np.ndarray]:
        """Word ids (−1 for unknown) of all tokens and their doc ids, as flat arrays."""
        get = vocab.get
        ids = np.fromiter((get(t, -1) for toks in docs_tokens for t in toks), dtype=np.int64)
        lens = np.fromiter((len(toks) for toks in docs_tokens), dtype=np.int64, count=len(docs_tokens))
        docs = np.repeat(np.arange(len(docs_tokens), dtype=np.int64), lens)
        return ids, docs

    def _word_bigram_keys(self, ids, docs):
        """Packed (id1, id2) keys of consecutive known words within a paragraph."""
        if len(ids) < 2:
            return np.zeros(0, np.uint64), np.zeros(0, np.int64)
        ok = (docs[1:] == docs[:-1]) & (ids[1:] >= 0) & (ids[:-1] >= 0)
        keys = (ids[:-1][ok].astype(np.uint64) << np.uint64(32)) | ids[1:][ok].astype(np.uint64)
        return keys, docs[:-1][ok]

    def _prune(self, keys, df):
        keep = df >= self.min_df
        keys, df = keys[keep], df[keep]
        if self.max_features is not None and len(keys) > self.max_features:
            top = np.argsort(-df, kind="stable")[: self.max_features]
            top.sort()
            keys, df = keys[top], df[top]
        return keys, df

    def _idf(self, df, n_docs):
        return np.log((1.0 + n_docs) / (1.0 + df)) + 1.0

    def _weight(self, counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
        if self.sublinear_tf:
            np.log(counts.data, counts.data)
            counts.data += 1.0
        counts = counts @ sp.diags(idf)
        return l2_normalize(counts, copy=False)

    # -- sklearn API ---------------------------------------------------------------------------
    def fit(self, raw_documents, y=None):
        self.fit_transform(raw_documents)
        return self

    def fit_transform(self, raw_documents, y=None):
        self._validate()
        texts = normalize_many(_as_list(raw_documents))
        n = len(texts)
        if n == 0:
            raise ValueError("cannot fit on an empty list of documents")
        self.word_vocabulary_ = np.zeros(0, dtype="<U1")
        self.word_bigrams_ = np.zeros(0, np.uint64)
        self.char_vocabulary_ = np.zeros(0, np.uint64)
        self.word_idf_ = np.zeros(0)
        self.char_idf_ = np.zeros(0)
        if self._use_words():
            tokens = get_segmenter(self.backend).cut_many(texts)
            # unigram vocabulary: document frequency of every distinct word
            uniq = sorted({t for toks in tokens for t in toks})
            provisional = {w: i for i, w in enumerate(uniq)}
            ids, docs = self._word_ids(tokens, provisional)
            wkeys, wdf = _document_frequency(ids.astype(np.uint64), docs)
            # bigram candidates are built over *all* words so pruning unigrams does not hide them
            bkeys, bdocs = self._word_bigram_keys(ids, docs)
            bkeys, bdf = _document_frequency(bkeys, bdocs)
            lo, hi = self.word_ngram_range
            if lo > 1:
                wkeys, wdf = wkeys[:0], wdf[:0]
            if hi < 2:
                bkeys, bdf = bkeys[:0], bdf[:0]
            wkeys, wdf = self._prune(wkeys, wdf)
            bkeys, bdf = self._prune(bkeys, bdf)
            # bigrams refer to words by string in the fitted state, so renumber them through the
            # final word list: words needed by a bigram stay in the vocabulary with their idf
            needed = np.union1d(wkeys, np.concatenate([bkeys >> np.uint64(32), bkeys & np.uint64(0xFFFFFFFF)]))
            words = np.array(uniq, dtype=str)[needed.astype(np.int64)] if len(needed) else np.zeros(0, "<U1")
            renumber = np.full(len(uniq), -1, np.int64)
            renumber[needed.astype(np.int64)] = np.arange(len(needed))
            self.word_vocabulary_ = words
            self.unigram_mask_ = np.isin(needed, wkeys)
            remapped = ((renumber[(bkeys >> np.uint64(32)).astype(np.int64)].astype(np.uint64) << np.uint64(32))
                        | renumber[(bkeys & np.uint64(0xFFFFFFFF)).astype(np.int64)].astype(np.uint64))
            order = np.argsort(remapped)
            self.word_bigrams_ = remapped[order]
            full_df = np.zeros(len(needed))
            full_df[np.searchsorted(needed, wkeys)] = wdf
            self.word_idf_ = np.concatenate([self._idf(full_df, n), self._idf(bdf[order], n)])
        if self._use_chars():
            ckeys, cdocs = _char_ngram_keys(texts, *self.char_ngram_range)
            ckeys, cdf = _document_frequency(ckeys, cdocs)
            ckeys, cdf = self._prune(ckeys, cdf)
            self.char_vocabulary_ = ckeys
            self.char_idf_ = self._idf(cdf, n)
        self.n_features_out_ = len(self.word_idf_) + len(self.char_idf_)
        self._word_index = None
        return self._transform_normalized(texts)

    def transform(self, raw_documents):
        check_is_fitted(self, "char_vocabulary_")
        return self._transform_normalized(normalize_many(_as_list(raw_documents)))

    def _word_lookup(self) -> dict:
        index = getattr(self, "_word_index", None)
        if index is None:
            index = self._word_index = {w: i for i, w in enumerate(self.word_vocabulary_.tolist())}
        return index

    def _transform_normalized(self, texts: list[str]) -> sp.csr_matrix:
        n = len(texts)
        blocks = []
        if self._use_words():
            n_words = len(self.word_vocabulary_)
            tokens = get_segmenter(self.backend).cut_many(texts) if n else []
            ids, docs = self._word_ids(tokens, self._word_lookup())
            known = ids >= 0
            uni_ok = known.copy()
            uni_ok[known] = self.unigram_mask_[ids[known]]
            bkeys, bdocs = self._word_bigram_keys(ids, docs)
            bcol, bok = _lookup(self.word_bigrams_, bkeys)
            rows = np.concatenate([docs[uni_ok], bdocs[bok]])
            cols = np.concatenate([ids[uni_ok], n_words + bcol[bok]])
            counts = _counts(rows, cols, n, len(self.word_idf_))
            blocks.append(self._weight(counts, self.word_idf_))
        if self._use_chars():
            keys, docs = _char_ngram_keys(texts, *self.char_ngram_range) if n else (np.zeros(0, np.uint64), np.zeros(0, np.int64))
            col, ok = _lookup(self.char_vocabulary_, keys)
            counts = _counts(docs[ok], col[ok], n, len(self.char_vocabulary_))
            blocks.append(self._weight(counts, self.char_idf_))
        return sp.hstack(blocks, format="csr") if len(blocks) > 1 else blocks[0].tocsr()

    def get_feature_names_out(self, input_features=None):
        """Readable names: ``w:百家乐``, ``w:登录 官网`` (word bigram), ``c:百家`` (characters)."""
        check_is_fitted(self, "char_vocabulary_")
        names = []
        if self._use_words():
            words = self.word_vocabulary_
            names += [f"w:{w}" for w in words.tolist()]
            a = (self.word_bigrams_ >> np.uint64(32)).astype(np.int64)
            b = (self.word_bigrams_ & np.uint64(0xFFFFFFFF)).astype(np.int64)
            names += [f"w:{x} {y}" for x, y in zip(words[a].tolist(), words[b].tolist())]
        if self._use_chars():
            names += ["c:" + _decode_char_key(int(k)) for k in self.char_vocabulary_]
        return np.array(names, dtype=object)


def _decode_char_key(key: int) -> str:
    chars = []
    while key:
        chars.append(chr((key & _CP_MASK) - 1))
        key >>= _BITS
    return "".join(reversed(chars))


def _as_list(raw_documents) -> list:
    if isinstance(raw_documents, (str, bytes)):
        raise ValueError("expected an iterable of paragraphs, got a single string")
    return list(raw_documents)
