"""The one-call API: ``classify(paragraph)`` and ``classify_many(paragraphs)`` on the shipped model."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from .context import decide_paragraphs
from .persist import load_model_file, load_predictor

__all__ = ["Classification", "classify", "classify_many", "clean_text", "load_model",
           "default_predictor",
           "default_model_path"]

DEFAULT_MODEL_NAME = "spamdetect-default.npz"


@dataclass(frozen=True)
class Classification:
    """The verdict on one paragraph.

    ``label`` is ``"spam"`` or ``"article"``; ``score`` the calibrated probability of spam;
    ``evidence`` the features that moved the decision most, as ``(feature, weight)`` pairs
    (``w:`` a jieba word or word bigram, ``c:`` a character n-gram; positive weight pushes
    toward spam).
    """

    label: str
    score: float
    evidence: tuple = field(default=())
    spans: tuple = field(default=())  # ((start, end, score), ...): the spam parts of the text

    @property
    def is_spam(self) -> bool:
        return self.label == "spam"


def default_model_path() -> Path:
    """Where the shipped model lives: ``$SPAMDETECT_MODEL`` if set, else the installed package data."""
    env = os.environ.get("SPAMDETECT_MODEL")
    if env:
        return Path(env)
    return Path(str(resources.files("spamdetect.models").joinpath(DEFAULT_MODEL_NAME)))


@lru_cache(maxsize=None)
def _load(loader, path: str):
    # lru_cache is thread-safe; two threads that miss at once may both read the file, and the
    # second result wins: harmless for a read-only model
    return loader(path)


def _cached(loader, path):
    return _load(loader, str(Path(path) if path is not None else default_model_path()))


def load_model(path=None):
    """Load a model file as a fitted :class:`~spamdetect.SpamClassifier`; with no ``path``,
    the shipped default.

    Each path is read once per process and the model shared: prediction only reads it, so
    threads may share it.
    """
    return _cached(load_model_file, path)


def default_predictor(path=None):
    """Like :func:`load_model`, but the bare numpy :class:`~spamdetect.predictor.Predictor`.

    Same answers, without importing scikit-learn: this is what ``classify`` and page scanning
    use, so a fresh process answers quickly.
    """
    return _cached(load_predictor, path)


def classify(text: str, *, model=None, evidence: int = 8) -> Classification:
    """Classify one paragraph.

    Text with nothing visible (empty, whitespace, zero-width characters, emoji only) is
    ``article`` with score 0: there is nothing in it to call spam.
    """
    if not isinstance(text, str):
        raise TypeError(f"classify() takes a str, got {type(text).__name__}")
    return classify_many([text], model=model, evidence=evidence)[0]


def classify_many(texts, *, batch_size: int = 2048, model=None, evidence: int = 0) -> list[Classification]:
    """Classify many paragraphs, vectorised in batches of ``batch_size``.

    Gives the same labels and scores as calling :func:`classify` on each. Evidence costs a
    little per paragraph, so it is off here by default (``evidence=8`` to get it).
    """
    if isinstance(texts, str):
        raise TypeError("classify_many() takes a list of str; use classify() for one paragraph")
    texts = list(texts)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            raise TypeError(f"paragraph {i}: expected str, got {type(t).__name__}")
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    model = default_predictor() if model is None else getattr(model, "predictor_", model)
    spam_label, article_label = str(model.classes_[1]), str(model.classes_[0])
    out: list[Classification] = []
    for start in range(0, len(texts), batch_size):
        batch = texts[start : start + batch_size]
        if evidence:
            proba, explained = model.explained_proba(batch, top=evidence)
        else:  # decide_paragraphs scores the batch itself, normalising it once
            proba, explained = None, [()] * len(batch)
        # the page path's rules for a paragraph alone: blank text scores 0, chrome and
        # structural lines are article, a promotional phrase makes a paragraph spam
        scores, spam, spans = decide_paragraphs(model, batch, proba=proba)
        for s, flag, e, sp in zip(scores.tolist(), spam, explained, spans):
            out.append(Classification(spam_label if flag else article_label, float(s), tuple(e),
                                      tuple((x.start, x.end, round(x.score, 4)) for x in sp)))
    return out


def clean_text(text: str, *, model=None) -> str:
    """``text`` (one paragraph a line) with its spam removed: spam lines dropped, the injected
    phrase cut out of a mixed line whose rest is real text, everything dropped from a page that
    is spam as a whole. The page rules of :func:`spamdetect.scan_page` apply (the lines are one
    page).

    >>> clean_text("市政府召开会议。\\n记者 张三 报道首次登录送88元红包")   # doctest: +SKIP
    '市政府召开会议。\\n记者 张三 报道'

    Lines are stripped and empty lines dropped, as a page's paragraphs are.
    """
    if not isinstance(text, str):
        raise TypeError(f"clean_text() takes a str, got {type(text).__name__}")
    from .pages import PageResult, classify_pages, text_paragraphs

    paragraphs = text_paragraphs(text)
    if not paragraphs:
        return ""
    page = classify_pages([PageResult()], [paragraphs], model=model)[0]
    if page.verdict == "spam_page":
        return ""
    return "\n".join(t for t in (p.clean_text for p in page.paragraphs) if t is not None)
