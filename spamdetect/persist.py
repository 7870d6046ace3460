"""Saving and loading a fitted :class:`~spamdetect.model.SpamClassifier` without pickle.

A model file is one ``.npz`` archive of plain numeric arrays plus a JSON document (stored as
bytes in the array ``__meta__``). It is read with ``allow_pickle=False``, so loading a model
never executes code from the file, which matters for a file users download and share.

The JSON holds the format version, the estimator's parameters, the threshold and calibration,
library versions, the training-data hash and the validation metrics: the model card's numbers
travel with the model.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import numpy as np

FORMAT = "spamdetect-model"
FORMAT_VERSION = 1

__all__ = ["ModelFileError", "save_model", "load_model_file", "load_predictor", "FORMAT_VERSION"]


class ModelFileError(ValueError):
    """A model file is missing, corrupt, truncated, of another format or of a newer version."""


def _encode_words(words) -> np.ndarray:
    # One UTF-8 buffer of newline-separated words: compact, and no object arrays (no pickle).
    return np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)


def _decode_words(buf: np.ndarray) -> np.ndarray:
    if len(buf) == 0:
        return np.zeros(0, dtype="<U1")
    return np.array(buf.tobytes().decode("utf-8").split("\n"))


def save_model(model, path, metadata: dict | None = None) -> Path:
    """Write a fitted :class:`~spamdetect.model.SpamClassifier` to ``path`` (``.npz``).

    ``metadata`` is merged into the JSON header. The file is written to a temporary name and
    renamed, so a crash never leaves half a model where a good one was.
    """
    import sklearn

    from ._version import __version__

    pred = model.predictor_
    fs = pred.features
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "spamdetect_version": __version__,
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "params": model.get_params(),
        "classes": [c.item() if hasattr(c, "item") else c for c in pred.classes],
        "threshold": pred.threshold,
        "calibration": list(pred.calibration),
        "intercept": pred.intercept,
        "validation": getattr(model, "validation_", {}),
    }
    ctx = pred.page_context
    if ctx is not None:
        meta["page_context"] = {"coef": ctx.coef_.tolist(), "intercept": ctx.intercept_,
                                "threshold": ctx.threshold_,
                                "paragraph_threshold": ctx.paragraph_threshold_,
                                "C": ctx.C, "target_fpr": ctx.target_fpr,
                                "validation": ctx.validation_}
    meta.update(metadata or {})
    arrays = {
        "__meta__": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
        "word_vocabulary": _encode_words(fs.word_vocabulary.tolist()),
        "unigram_mask": fs.unigram_mask,
        "word_bigrams": fs.word_bigrams,
        "char_vocabulary": fs.char_vocabulary,
        "word_idf": fs.word_idf.astype(np.float32),
        "char_idf": fs.char_idf.astype(np.float32),
        "coef": pred.coef.astype(np.float32),
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        np.savez_compressed(fh, **arrays)
    os.replace(tmp, path)
    return path


def _read(path: Path) -> tuple[dict, dict]:
    try:
        with np.load(path, allow_pickle=False) as z:
            if "__meta__" not in z.files:
                raise ModelFileError(f"{path}: not a spamdetect model (no metadata)")
            meta = json.loads(z["__meta__"].tobytes().decode("utf-8"))
            if not isinstance(meta, dict) or meta.get("format") != FORMAT:
                fmt = meta.get("format") if isinstance(meta, dict) else None
                raise ModelFileError(f"{path}: not a spamdetect model (format {fmt!r})")
            if meta.get("format_version", 0) > FORMAT_VERSION:
                raise ModelFileError(
                    f"{path}: model format version {meta['format_version']} is newer than this "
                    f"spamdetect understands ({FORMAT_VERSION}); upgrade spamdetect")
            arrays = {k: z[k] for k in z.files if k != "__meta__"}
    except ModelFileError:
        raise
    except FileNotFoundError:
        raise ModelFileError(f"{path}: model file not found") from None
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile, UnicodeDecodeError) as exc:
        raise ModelFileError(f"{path}: corrupt or truncated model file ({exc})") from exc
    return meta, arrays


def load_predictor(path):
    """Read a model file as a :class:`~spamdetect.predictor.Predictor` (no scikit-learn needed).

    Raises :class:`ModelFileError` naming the file when it is missing, corrupt, truncated,
    foreign or of a newer format.
    """
    from .features import FeatureSpace
    from .predictor import PageContext, Predictor, page_context_features

    path = Path(path)
    meta, arrays = _read(path)
    try:
        params = meta["params"]
        fs = FeatureSpace(
            analyzer=params["analyzer"], word_ngram_range=tuple(params["word_ngram_range"]),
            char_ngram_range=tuple(params["char_ngram_range"]),
            sublinear_tf=params.get("sublinear_tf", True), backend=params.get("backend", "auto"),
            tail_words=params.get("tail_words", False),
            word_vocabulary=_decode_words(arrays["word_vocabulary"]),
            unigram_mask=arrays["unigram_mask"].astype(bool),
            word_bigrams=arrays["word_bigrams"].astype(np.uint64),
            char_vocabulary=arrays["char_vocabulary"].astype(np.uint64),
            word_idf=arrays["word_idf"].astype(np.float64),
            char_idf=arrays["char_idf"].astype(np.float64))
        coef = arrays["coef"].astype(np.float64)
        ctx = None
        if meta.get("page_context"):
            pc = meta["page_context"]
            ctx = PageContext(C=pc["C"], target_fpr=pc["target_fpr"])
            ctx.coef_ = np.asarray(pc["coef"], dtype=float)
            expected = page_context_features(np.zeros(1), [0]).shape[1]
            if ctx.coef_.ndim != 1 or ctx.coef_.size > expected:
                raise ModelFileError(f"{path}: page-context weights for {ctx.coef_.size} features, "
                                     f"this spamdetect computes {expected}; upgrade spamdetect "
                                     f"or retrain the model")
            # page-context columns are only ever appended: a model from before a column existed
            # gives its own decisions with a zero weight on it
            ctx.coef_ = np.pad(ctx.coef_, (0, expected - ctx.coef_.size))
            ctx.intercept_ = float(pc["intercept"])
            ctx.threshold_ = float(pc["threshold"])
            ctx.paragraph_threshold_ = float(pc["paragraph_threshold"])
            ctx.validation_ = pc.get("validation", {})
        pred = Predictor(fs, coef, float(meta["intercept"]), tuple(meta["calibration"]),
                         float(meta["threshold"]), np.array(meta["classes"]), ctx)
    except ModelFileError:
        raise
    except KeyError as exc:
        raise ModelFileError(f"{path}: model file lacks {exc}") from None
    except (TypeError, ValueError) as exc:
        raise ModelFileError(f"{path}: inconsistent model file ({exc})") from None
    if len(coef) != fs.n_features or len(fs.unigram_mask) != len(fs.word_vocabulary):
        raise ModelFileError(f"{path}: inconsistent model file ({len(coef)} weights for "
                             f"{fs.n_features} features)")
    pred.metadata = meta
    return pred


def load_model_file(path):
    """Read a model file as a fitted :class:`~spamdetect.model.SpamClassifier`."""
    from .model import ChineseTfidfVectorizer, SpamClassifier

    pred = load_predictor(path)
    meta = pred.metadata
    params = dict(meta["params"])
    for key in ("word_ngram_range", "char_ngram_range"):
        params[key] = tuple(params[key])
    model = SpamClassifier(**params)
    vec = ChineseTfidfVectorizer(**{k: v for k, v in params.items()
                                    if k in ChineseTfidfVectorizer().get_params()})
    vec.features_ = pred.features
    vec.n_features_out_ = pred.features.n_features
    model.vectorizer_ = vec
    model.coef_ = pred.coef
    model.intercept_ = pred.intercept
    model.classes_ = pred.classes
    model.threshold_ = pred.threshold
    model.calibration_ = pred.calibration
    model.page_context_ = pred.page_context
    model.validation_ = meta.get("validation", {})
    model.metadata_ = meta
    return model
