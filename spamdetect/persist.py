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

__all__ = ["ModelFileError", "save_model", "load_model_file", "FORMAT_VERSION"]


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
    """Write a fitted model to ``path`` (``.npz``). ``metadata`` is merged into the JSON header.

    The file is written to a temporary name and renamed, so a crash never leaves half a model
    where a good one was.
    """
    import sklearn

    from . import __version__

    vec = model.vectorizer_
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "spamdetect_version": __version__,
        "sklearn_version": sklearn.__version__,
        "numpy_version": np.__version__,
        "params": model.get_params(),
        "classes": [c.item() if hasattr(c, "item") else c for c in model.classes_],
        "threshold": model.threshold_,
        "calibration": list(model.calibration_),
        "intercept": model.intercept_,
        "validation": getattr(model, "validation_", {}),
    }
    ctx = getattr(model, "page_context_", None)
    if ctx is not None:
        meta["page_context"] = {"coef": ctx.coef_.tolist(), "intercept": ctx.intercept_,
                                "threshold": ctx.threshold_,
                                "paragraph_threshold": ctx.paragraph_threshold_,
                                "C": ctx.C, "target_fpr": ctx.target_fpr,
                                "validation": ctx.validation_}
    meta.update(metadata or {})
    arrays = {
        "__meta__": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8),
        "word_vocabulary": _encode_words(vec.word_vocabulary_.tolist()),
        "unigram_mask": getattr(vec, "unigram_mask_", np.zeros(0, bool)),
        "word_bigrams": vec.word_bigrams_,
        "char_vocabulary": vec.char_vocabulary_,
        "word_idf": vec.word_idf_.astype(np.float32),
        "char_idf": vec.char_idf_.astype(np.float32),
        "coef": model.coef_.astype(np.float32),
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "wb") as fh:
        np.savez_compressed(fh, **arrays)
    os.replace(tmp, path)
    return path


def load_model_file(path):
    """Read a model written by :func:`save_model`; raise :class:`ModelFileError` naming the file."""
    from .features import ChineseTfidfVectorizer
    from .model import PageContext, SpamClassifier

    path = Path(path)
    try:
        with np.load(path, allow_pickle=False) as z:
            if "__meta__" not in z.files:
                raise ModelFileError(f"{path}: not a spamdetect model (no metadata)")
            meta = json.loads(z["__meta__"].tobytes().decode("utf-8"))
            if meta.get("format") != FORMAT:
                raise ModelFileError(f"{path}: not a spamdetect model (format {meta.get('format')!r})")
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

    params = meta["params"]
    for key in ("word_ngram_range", "char_ngram_range"):
        params[key] = tuple(params[key])
    model = SpamClassifier(**params)
    vec = ChineseTfidfVectorizer(**{k: v for k, v in params.items()
                                    if k in ChineseTfidfVectorizer().get_params()})
    try:
        vec.word_vocabulary_ = _decode_words(arrays["word_vocabulary"])
        vec.unigram_mask_ = arrays["unigram_mask"].astype(bool)
        vec.word_bigrams_ = arrays["word_bigrams"].astype(np.uint64)
        vec.char_vocabulary_ = arrays["char_vocabulary"].astype(np.uint64)
        vec.word_idf_ = arrays["word_idf"].astype(np.float64)
        vec.char_idf_ = arrays["char_idf"].astype(np.float64)
        vec.n_features_out_ = len(vec.word_idf_) + len(vec.char_idf_)
        model.coef_ = arrays["coef"].astype(np.float64)
    except KeyError as exc:
        raise ModelFileError(f"{path}: model file lacks array {exc}") from None
    if len(model.coef_) != vec.n_features_out_:
        raise ModelFileError(f"{path}: inconsistent model file ({len(model.coef_)} weights for "
                             f"{vec.n_features_out_} features)")
    model.vectorizer_ = vec
    model.classes_ = np.array(meta["classes"])
    model.intercept_ = float(meta["intercept"])
    model.threshold_ = float(meta["threshold"])
    model.calibration_ = tuple(meta["calibration"])
    model.validation_ = meta.get("validation", {})
    model.metadata_ = meta
    model.page_context_ = None
    if meta.get("page_context"):
        pc = meta["page_context"]
        ctx = PageContext(C=pc["C"], target_fpr=pc["target_fpr"])
        ctx.coef_ = np.asarray(pc["coef"], dtype=float)
        ctx.intercept_ = float(pc["intercept"])
        ctx.threshold_ = float(pc["threshold"])
        ctx.paragraph_threshold_ = float(pc["paragraph_threshold"])
        ctx.validation_ = pc.get("validation", {})
        model.page_context_ = ctx
    return model
