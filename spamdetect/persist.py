"""Saving and loading a fitted :class:`~spamdetect.model.SpamClassifier` without pickle.

A model file is one ``.npz`` archive of plain numeric arrays plus a JSON document (stored as
bytes in the array ``__meta__``). It is read with ``allow_pickle=False``, so loading a model
never executes code from the file, which matters for a file users download and share.

The JSON holds the format version, the estimator's parameters, the threshold and calibration,
library versions, the training-data hash and the validation metrics: the model card's numbers
travel with the model.

Loading validates the values, not only the structure: a file with NaN weights, a threshold
outside (0, 1), swapped classes, a shuffled vocabulary or a calibration of the wrong length
would otherwise load and then give nonsense (or fail on the first page, in every worker). Each
check is one small function in :data:`CHECKS`; a new array or header field gets its own
function there. The header's ``arrays_sha256`` (see :func:`arrays_sha256`) is checked too, so a
file altered after saving is refused; files saved before the checksum existed load without it.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import zipfile
from pathlib import Path

import numpy as np

FORMAT = "spamdetect-model"
FORMAT_VERSION = 1

__all__ = ["ModelFileError", "save_model", "load_model_file", "load_predictor", "FORMAT_VERSION",
           "arrays_sha256", "CHECKS"]


class ModelFileError(ValueError):
    """A model file is missing, corrupt, truncated, of another format or of a newer version,
    or holds values no fitted model has (NaN weights, a threshold outside (0, 1), ...)."""


def arrays_sha256(arrays: dict) -> str:
    """SHA-256 over a model file's arrays (all but ``__meta__``), in name order.

    Each array contributes its name, dtype, shape and bytes, so a renamed, retyped, reshaped or
    altered array changes the sum. New arrays are covered without any change here.
    """
    h = hashlib.sha256()
    for name in sorted(arrays):
        if name == "__meta__":
            continue
        a = np.ascontiguousarray(arrays[name])
        h.update(f"{name}\0{a.dtype.str}\0{a.shape}\0".encode())
        h.update(a.tobytes())
    return h.hexdigest()


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
    cm = pred.clause_model
    if cm is not None:
        meta["clause_model"] = {"intercept": cm.intercept, "calibration": list(cm.calibration),
                                "threshold": cm.threshold}
    pm = pred.page_model
    if pm is not None:
        meta["page_model"] = {"coef": pm.coef_.tolist(), "intercept": pm.intercept_,
                              "text_intercept": pm.text_intercept_, "threshold": pm.threshold_,
                              "margin": pm.margin, "validation": getattr(pm, "validation_", {})}
    meta.update(metadata or {})
    arrays = {
        "word_vocabulary": _encode_words(fs.word_vocabulary.tolist()),
        "unigram_mask": fs.unigram_mask,
        "word_bigrams": fs.word_bigrams,
        "char_vocabulary": fs.char_vocabulary,
        "word_idf": fs.word_idf.astype(np.float32),
        "char_idf": fs.char_idf.astype(np.float32),
        "coef": pred.coef.astype(np.float32),
    }
    if cm is not None:
        arrays["clause_coef"] = cm.coef.astype(np.float32)
    if pm is not None:
        arrays["page_text_coef"] = pm.text_coef_.astype(np.float32)
    meta["arrays_sha256"] = arrays_sha256(arrays)
    arrays["__meta__"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
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
    from .context import PageModel
    from .predictor import ClauseModel, PageContext, Predictor, page_context_features

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
        if meta.get("page_context") is not None:  # present but empty is an error, not "none"
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
        clause = page = None
        if meta.get("clause_model") is not None:
            cm = meta["clause_model"]
            clause = ClauseModel(arrays["clause_coef"].astype(np.float64), float(cm["intercept"]),
                                 tuple(cm["calibration"]), float(cm["threshold"]))
        if meta.get("page_model") is not None:
            pm = meta["page_model"]
            page = PageModel.from_arrays(arrays["page_text_coef"].astype(np.float64),
                                         pm["text_intercept"], pm["coef"], pm["intercept"],
                                         pm["threshold"])
            page.validation_ = pm.get("validation", {})
            page.margin = float(pm.get("margin", page.margin))  # files before it: the default
        pred = Predictor(fs, coef, float(meta["intercept"]), tuple(meta["calibration"]),
                         float(meta["threshold"]), np.array(meta["classes"]), ctx,
                         clause_model=clause, page_model=page)
    except ModelFileError:
        raise
    except KeyError as exc:
        raise ModelFileError(f"{path}: model file lacks {exc}") from None
    except (TypeError, ValueError) as exc:
        raise ModelFileError(f"{path}: inconsistent model file ({exc})") from None
    expected = meta.get("arrays_sha256")  # absent in files saved before it existed
    if expected is not None and expected != arrays_sha256(arrays):
        raise ModelFileError(f"{path}: checksum mismatch: the arrays were altered after saving")
    for check in CHECKS:
        problem = check(pred, meta)
        if problem:
            raise ModelFileError(f"{path}: bad model file: {problem}")
    pred.metadata = meta
    return pred


# ---------------------------------------------------------------------------------------------
# Value checks: each takes the loaded Predictor and the JSON header, returns a problem or None.
# ---------------------------------------------------------------------------------------------
def _finite(x) -> bool:
    return bool(np.all(np.isfinite(np.asarray(x, dtype=float))))


def _strictly_increasing(a: np.ndarray) -> bool:
    return len(a) < 2 or bool(np.all(a[1:] > a[:-1]))


def check_feature_params(pred, meta):
    fs = pred.features
    if fs.analyzer not in ("both", "word", "char"):
        return f"analyzer {fs.analyzer!r} is not 'both', 'word' or 'char'"
    if not 1 <= fs.word_ngram_range[0] <= fs.word_ngram_range[1] <= 2:
        return f"word_ngram_range {fs.word_ngram_range} outside (1, 2)"
    if not 1 <= fs.char_ngram_range[0] <= fs.char_ngram_range[1] <= 3:
        return f"char_ngram_range {fs.char_ngram_range} outside (1, 3)"
    return None


def check_word_vocabulary(pred, meta):
    """Sorted, unique words (the order :meth:`FeatureSpace.fit` writes); a shuffled vocabulary
    would silently move every weight onto another word."""
    fs = pred.features
    if not _strictly_increasing(fs.word_vocabulary):
        return "word vocabulary is not sorted and unique"
    if len(fs.unigram_mask) != len(fs.word_vocabulary):
        return f"unigram mask of {len(fs.unigram_mask)} for {len(fs.word_vocabulary)} words"
    return None


def check_word_bigrams(pred, meta):
    fs = pred.features
    if not _strictly_increasing(fs.word_bigrams):
        return "word bigrams are not sorted and unique"
    if len(fs.word_bigrams):
        halves = np.concatenate([fs.word_bigrams >> np.uint64(32), fs.word_bigrams & np.uint64(0xFFFFFFFF)])
        if int(halves.max()) >= len(fs.word_vocabulary):
            return "word bigrams name words beyond the vocabulary"
    return None


def check_char_vocabulary(pred, meta):
    if not _strictly_increasing(pred.features.char_vocabulary):
        return "character n-grams are not sorted and unique"
    return None


def check_idf(pred, meta):
    fs = pred.features
    n_word = len(fs.word_vocabulary) + len(fs.word_bigrams)
    if fs.uses_words() and len(fs.word_idf) != n_word:
        return f"{len(fs.word_idf)} word idf values for {n_word} word features"
    if len(fs.char_idf) != len(fs.char_vocabulary):
        return f"{len(fs.char_idf)} character idf values for {len(fs.char_vocabulary)} n-grams"
    for name, idf in (("word", fs.word_idf), ("character", fs.char_idf)):
        if not _finite(idf) or (len(idf) and idf.min() <= 0):
            return f"{name} idf values not finite and positive"
    return None


def check_weights(pred, meta):
    if len(pred.coef) != pred.features.n_features:
        return f"{len(pred.coef)} weights for {pred.features.n_features} features"
    if not _finite(pred.coef) or not _finite(pred.intercept):
        return "weights or intercept not finite (NaN or inf)"
    return None


def check_threshold(pred, meta):
    t = pred.threshold
    if not (math.isfinite(t) and 0.0 < t < 1.0):
        return f"threshold {t} not within (0, 1)"
    return None


def check_calibration(pred, meta):
    """Platt scaling ``sigmoid(a * margin + b)``: two finite numbers, ``a > 0`` (a negative
    slope would turn spam into article)."""
    cal = pred.calibration
    if len(cal) != 2 or not _finite(cal):
        return f"calibration must be two finite numbers, got {list(cal)}"
    if cal[0] <= 0:
        return f"calibration slope {cal[0]} must be positive"
    return None


def check_classes(pred, meta):
    """Two distinct labels in sorted order (as ``np.unique`` gives them at fit: column 1 of
    ``predict_proba`` is the second, the spam class); swapped classes flip every answer."""
    c = pred.classes.tolist()
    if len(c) != 2 or not c[0] < c[1]:
        return f"classes must be two distinct labels in sorted order, got {c}"
    return None


def check_page_context(pred, meta):
    ctx = pred.page_context
    if ctx is None:
        return None
    if meta["page_context"].get("coef") == [] or not np.any(ctx.coef_):
        return "page-context weights are empty or all zero"
    if not (_finite(ctx.coef_) and _finite(ctx.intercept_)):
        return "page-context weights not finite (NaN or inf)"
    if not (math.isfinite(ctx.threshold_) and 0.0 < ctx.threshold_ <= 1.0):
        return f"page-context threshold {ctx.threshold_} not within (0, 1]"
    if not (math.isfinite(ctx.paragraph_threshold_) and 0.0 < ctx.paragraph_threshold_ < 1.0):
        return f"page-context paragraph threshold {ctx.paragraph_threshold_} not within (0, 1)"
    return None


def check_clause_model(pred, meta):
    """The clause scorer: one finite weight per feature, a calibration with a positive slope
    and a threshold in (0, 1]."""
    cm = pred.clause_model
    if cm is None:
        return None
    if cm.coef.shape != (pred.features.n_features,):
        return f"{cm.coef.size} clause weights for {pred.features.n_features} features"
    if not (_finite(cm.coef) and _finite(cm.intercept) and _finite(cm.calibration)):
        return "clause weights or calibration not finite (NaN or inf)"
    if len(cm.calibration) != 2 or not cm.calibration[0] > 0:
        return f"clause calibration must be two numbers with a positive slope, got {list(cm.calibration)}"
    if not (math.isfinite(cm.threshold) and 0.0 < cm.threshold <= 1.0):
        return f"clause threshold {cm.threshold} not within (0, 1]"
    return None


def check_page_model(pred, meta):
    """The page model: a page-text weight per feature and one stacked weight per page-summary
    column (plus the text score), all finite."""
    pm = pred.page_model
    if pm is None:
        return None
    from .context import STANCE_COLUMNS, page_features

    if pm.text_coef_.shape != (pred.features.n_features,):
        return f"{pm.text_coef_.size} page-text weights for {pred.features.n_features} features"
    expected = 1 + page_features(np.zeros(1), [0], [""], [0, 1]).shape[1]
    if pm.coef_.shape not in ((expected,), (expected - STANCE_COLUMNS,)):  # or saved before page_stance
        return f"{pm.coef_.size} page-model weights, this spamdetect computes {expected}"
    if not all(_finite(x) for x in (pm.text_coef_, pm.text_intercept_, pm.coef_, pm.intercept_,
                                    pm.threshold_)):
        return "page-model weights or threshold not finite (NaN or inf)"
    if not (math.isfinite(pm.margin) and pm.margin >= 0):
        return f"page-model margin {pm.margin} not a finite number >= 0"
    return None


CHECKS = (check_feature_params, check_word_vocabulary, check_word_bigrams, check_char_vocabulary,
          check_idf, check_weights, check_threshold, check_calibration, check_classes,
          check_page_context, check_clause_model, check_page_model)


def load_model_file(path):
    """Read a model file as a fitted :class:`~spamdetect.model.SpamClassifier`."""
    from .model import ChineseTfidfVectorizer, SpamClassifier

    pred = load_predictor(path)
    meta = pred.metadata
    params = dict(meta["params"])
    known = SpamClassifier().get_params()
    unknown = sorted(set(params) - set(known))
    if unknown:
        raise ModelFileError(f"{path}: unknown parameter(s) {', '.join(unknown)}: a model from another "
                             f"spamdetect version? (this one knows {', '.join(sorted(known))})")
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
    model.clause_model_ = pred.clause_model
    model.page_model_ = pred.page_model
    model.validation_ = meta.get("validation", {})
    model.metadata_ = meta
    return model
