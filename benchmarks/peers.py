"""The three peer systems that ``benchmarks/compare.py`` measures spamdetect against.

1. ``keyword``: a sensitive-word filter, what most Chinese keyword filters do. Aho-Corasick
   (pyahocorasick) over the public gambling and porn word lists in ``<corpus>/ext/lexicon-*``
   (terms of two characters or more, lower-cased); text goes through OpenCC ``t2s`` and
   lower-casing first; a paragraph is flagged on any hit. Nothing is learned.
2. ``literal``: the design taken literally: ``jieba.lcut`` -> scikit-learn
   ``TfidfVectorizer(tokenizer=..., token_pattern=None)`` -> ``LogisticRegression()``, all
   defaults, predicting with ``predict`` (probability 0.5).
3. ``fasttext``: fastText supervised on space-joined ``jieba.lcut`` tokens with the settings of
   the official text-classification tutorial (``-lr 1.0 -epoch 25 -wordNgrams 2 -bucket 200000
   -dim 50``), ``thread=1`` and a fixed seed so runs repeat exactly. The default 2M buckets would
   make the model ~400 MB at dim 50 for no accuracy gain on a few hundred paragraphs.

Each system has ``fit_*`` (in the benchmark process), ``save_*`` (a model file on disk) and
``load_*`` (model file -> ``score(texts) -> list[bool]``, True = spam). ``load_*`` is what a
fresh process runs for the cold-start, throughput and memory figures, so this module imports
nothing but the standard library at the top: a cold process pays only for what the system
itself needs.
"""

from __future__ import annotations

import pickle
from pathlib import Path

__all__ = ["LEXICON_FILES", "lexicon_terms", "build_keyword", "keyword_scorer", "save_keyword",
           "load_keyword", "jieba_lcut", "fit_literal", "literal_scorer", "save_literal",
           "load_literal", "jieba_line", "FASTTEXT_PARAMS", "fit_fasttext", "fasttext_scorer",
           "save_fasttext", "load_fasttext", "LOADERS"]

# The gambling and porn lists (not the generic "illegal"/ad/URL lists), relative to <corpus>/ext.
LEXICON_FILES = [
    "lexicon-houbb-sensitive-word/gambling_赌博.txt",
    "lexicon-houbb-sensitive-word/porn_色情.txt",
    "lexicon-sensitive-lexicon/gambling_filtered_赌博.txt",
    "lexicon-sensitive-lexicon/porn_色情.txt",
    "lexicon-darklink-keywords/darklinkscaner_rules_mixed.txt",  # gambling + porn terms mixed
    "lexicon-darklink-keywords/yuanzhao_gambling.txt",
    "lexicon-darklink-keywords/yuanzhao_porn.txt",
]


# -- 1. keyword filter ---------------------------------------------------------------------------
def lexicon_terms(corpus) -> list[str]:
    """The distinct terms (>= 2 characters, lower-cased) of the gambling and porn lists."""
    terms: set[str] = set()
    for name in LEXICON_FILES:
        path = Path(corpus) / "ext" / name
        if not path.is_file():
            raise FileNotFoundError(f"{path}: lexicon missing")
        for line in path.read_text("utf-8", "replace").splitlines():
            term = line.strip().lower()
            if len(term) >= 2:
                terms.add(term)
    return sorted(terms)


def build_keyword(corpus):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in lexicon_terms(corpus):
        automaton.add_word(term, term)
    automaton.make_automaton()
    return automaton


def keyword_scorer(automaton):
    import opencc

    convert = opencc.OpenCC("t2s").convert

    def score(texts):
        out = []
        for t in texts:
            out.append(next(automaton.iter(convert(t).lower()), None) is not None)
        return out

    return score


def _save_pickle(obj, path) -> Path:
    path = Path(path)
    with open(path, "wb") as fh:
        pickle.dump(obj, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _load_pickle(path):
    with open(path, "rb") as fh:
        return pickle.load(fh)


save_keyword = _save_pickle


def load_keyword(path):
    return keyword_scorer(_load_pickle(path))  # unpickling imports ahocorasick


# -- 2. the design taken literally -------------------------------------------------------------
def jieba_lcut(text: str) -> list[str]:
    """``jieba.lcut``; a module-level function so the pickled vectorizer refers to it by name
    (pickling ``jieba.lcut`` itself, a bound method, would copy jieba's whole dictionary)."""
    import jieba

    return jieba.lcut(text)


def _quiet_jieba():
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)


def fit_literal(texts, labels):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    _quiet_jieba()
    pipe = make_pipeline(TfidfVectorizer(tokenizer=jieba_lcut, token_pattern=None),
                         LogisticRegression())
    return pipe.fit(list(texts), list(labels))


def literal_scorer(pipe):
    _quiet_jieba()

    def score(texts):
        return [label == "spam" for label in pipe.predict(list(texts))]

    return score


save_literal = _save_pickle


def load_literal(path):
    return literal_scorer(_load_pickle(path))


# -- 3. fastText ---------------------------------------------------------------------------------
FASTTEXT_PARAMS = dict(lr=1.0, epoch=25, wordNgrams=2, bucket=200_000, dim=50, minCount=1,
                       loss="softmax", thread=1, seed=0, verbose=0)


def jieba_line(text: str) -> str:
    """One paragraph as fastText input: jieba tokens joined by spaces, whitespace dropped."""
    import jieba

    return " ".join(t for t in jieba.lcut(text) if not t.isspace())


_RJIEBA = None


def rjieba_line(text: str) -> str:
    """Like :func:`jieba_line` with rjieba (jieba-rs, the same algorithm and dictionary in Rust).

    Not the benchmarked fastText row: a speed reference for fastText given a fast segmenter.
    """
    global _RJIEBA
    if _RJIEBA is None:
        import rjieba

        _RJIEBA = rjieba.Jieba()
    return " ".join(t for t in _RJIEBA.cut(text) if not t.isspace())


def fit_fasttext(texts, labels, workdir, seed: int = 0):
    import fasttext

    _quiet_jieba()
    train = Path(workdir) / "fasttext-train.txt"
    with open(train, "w", encoding="utf-8") as fh:
        for text, label in zip(texts, labels):
            fh.write(f"__label__{label} {jieba_line(text)}\n")
    params = dict(FASTTEXT_PARAMS, seed=seed)
    try:
        return fasttext.train_supervised(input=str(train), **params)
    except TypeError:  # older fasttext builds without the seed argument
        params.pop("seed")
        return fasttext.train_supervised(input=str(train), **params)


def fasttext_scorer(model, tokenizer: str = "jieba"):
    if tokenizer == "jieba":
        _quiet_jieba()
    line = {"jieba": jieba_line, "rjieba": rjieba_line}[tokenizer]

    def score(texts):
        labels, _ = model.predict([line(t) for t in texts], k=1)
        return [bool(lab) and lab[0] == "__label__spam" for lab in labels]

    return score


def save_fasttext(model, path) -> Path:
    model.save_model(str(path))
    return Path(path)


def load_fasttext(path, tokenizer: str = "jieba"):
    import fasttext

    try:  # fasttext-wheel prints a deprecation warning on load_model
        fasttext.FastText.eprint = lambda *a, **k: None
    except AttributeError:
        pass
    return fasttext_scorer(fasttext.load_model(str(path)), tokenizer)


LOADERS = {"keyword": load_keyword, "literal": load_literal, "fasttext": load_fasttext}


if __name__ == "__main__":  # pragma: no cover - a quick manual check
    import sys

    print(LOADERS[sys.argv[1]](sys.argv[2])(sys.argv[3:] or ["百家乐登录官网"]))
