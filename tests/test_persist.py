import json
import zipfile

import numpy as np
import pytest

from pagekit import ARTICLE, SPAM, tiny_model
from spamdetect.api import load_model
from spamdetect.model import PageContext
from spamdetect.persist import FORMAT_VERSION, ModelFileError, load_model_file, load_predictor, save_model

TEXTS = ARTICLE + SPAM + ["完全没见过的句子", ""]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    model = tiny_model()
    ctx = PageContext()
    ctx.coef_, ctx.intercept_ = np.array([1.0, 0.5, 2.0, -0.1, 0.3, 0.4, 0.6, -0.8]), -1.0
    ctx.threshold_, ctx.paragraph_threshold_, ctx.validation_ = 0.7, model.threshold_, {}
    model.page_context_ = ctx
    path = tmp_path_factory.mktemp("m") / "model.npz"
    save_model(model, path, metadata={"training_data_sha256": "abc"})
    yield model, path
    model.page_context_ = None


def test_round_trip_gives_the_same_answers(saved):
    model, path = saved
    loaded = load_model_file(path)
    assert np.allclose(loaded.predict_proba(TEXTS), model.predict_proba(TEXTS), atol=1e-6)
    assert list(loaded.predict(TEXTS)) == list(model.predict(TEXTS))
    assert loaded.get_params() == model.get_params()
    assert loaded.threshold_ == model.threshold_
    s1, d1 = model.score_page(TEXTS)
    s2, d2 = loaded.score_page(TEXTS)
    assert np.allclose(s1, s2, atol=1e-6) and list(d1) == list(d2)
    assert loaded.explain(["百家乐官网"])[0][0][0] == model.explain(["百家乐官网"])[0][0][0]


def test_metadata_is_recorded(saved):
    _, path = saved
    meta = load_model_file(path).metadata_
    assert meta["format_version"] == FORMAT_VERSION
    assert meta["training_data_sha256"] == "abc"
    assert {"spamdetect_version", "sklearn_version", "numpy_version", "threshold"} <= set(meta)


def test_file_holds_no_pickled_objects(saved):
    _, path = saved
    with np.load(path, allow_pickle=False) as z:
        for name in z.files:
            assert z[name].dtype != object


def test_truncated_file(saved, tmp_path):
    _, path = saved
    bad = tmp_path / "truncated.npz"
    bad.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ModelFileError, match="truncated.npz"):
        load_model_file(bad)


def test_garbage_and_foreign_files(tmp_path):
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"\x00\x01not a zip at all" * 50)
    with pytest.raises(ModelFileError, match="junk.npz"):
        load_model_file(junk)
    foreign = tmp_path / "foreign.npz"
    np.savez(foreign, weights=np.arange(3))
    with pytest.raises(ModelFileError, match="not a spamdetect model"):
        load_model_file(foreign)
    pickled = tmp_path / "pickled.npz"
    np.savez(pickled, __meta__=np.array([{"x": 1}], dtype=object))
    with pytest.raises(ModelFileError):
        load_model_file(pickled)
    with pytest.raises(ModelFileError, match="not found"):
        load_model_file(tmp_path / "missing.npz")


def test_newer_format_version_is_refused(saved, tmp_path):
    _, path = saved
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(arrays["__meta__"].tobytes())
    meta["format_version"] = FORMAT_VERSION + 1
    arrays["__meta__"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    newer = tmp_path / "newer.npz"
    np.savez(newer, **arrays)
    with pytest.raises(ModelFileError, match="newer"):
        load_model_file(newer)


def test_missing_array_is_named(saved, tmp_path):
    _, path = saved
    src = zipfile.ZipFile(path)
    out = tmp_path / "partial.npz"
    with zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            if item.filename != "coef.npy":
                dst.writestr(item, src.read(item.filename))
    with pytest.raises(ModelFileError, match="coef"):
        load_model_file(out)


def test_load_model_caches_per_path(saved):
    _, path = saved
    assert load_model(path) is load_model(str(path))


def test_older_page_context_gets_zero_weight_on_newer_columns(saved, tmp_path):
    model, _ = saved
    texts = ARTICLE[:3] + SPAM[:3]
    full = model.page_context_.coef_.copy()
    try:
        model.page_context_.coef_ = full[:7]  # a model from before the kinship column
        save_model(model, tmp_path / "old.npz")
        model.page_context_.coef_ = np.append(full[:7], 0.0)
        expected = model.score_page(texts)
        loaded = load_model_file(tmp_path / "old.npz")
        assert np.array_equal(loaded.page_context_.coef_, np.append(full[:7], 0.0))
        got = loaded.score_page(texts)
        assert np.allclose(got[0], expected[0]) and list(got[1]) == list(expected[1])
        model.page_context_.coef_ = np.append(full, 1.0)  # more columns than this version has
        save_model(model, tmp_path / "new.npz")
        with pytest.raises(ModelFileError, match="new.npz.*9 features"):
            load_model_file(tmp_path / "new.npz")
    finally:
        model.page_context_.coef_ = full


# -- values checked at load (issue 11) ---------------------------------------------------------
def rewrite(src, dst, *, meta=None, arrays=None, checksum=True):
    """Copy a model file with its header and/or arrays edited in place by the given functions;
    ``checksum=True`` recomputes the header's checksum (a saver that wrote bad values),
    ``False`` drops it (a file from before checksums) unless ``meta`` puts one back."""
    from spamdetect.persist import arrays_sha256

    with np.load(src, allow_pickle=False) as z:
        arrs = {k: z[k] for k in z.files}
    m = json.loads(arrs.pop("__meta__").tobytes())
    m.pop("arrays_sha256", None)
    if meta:
        meta(m)
    if arrays:
        arrays(arrs)
    if checksum:
        m["arrays_sha256"] = arrays_sha256(arrs)
    arrs["__meta__"] = np.frombuffer(json.dumps(m).encode(), dtype=np.uint8)
    np.savez(dst, **arrs)
    return dst


def _set(d, key, value):
    d[key] = value


def _words(arrs, edit):
    words = arrs["word_vocabulary"].tobytes().decode("utf-8").split("\n")
    words = edit(words)
    arrs["word_vocabulary"] = np.frombuffer("\n".join(words).encode("utf-8"), dtype=np.uint8)


def _poke(name, index, value):
    def edit(arrs):
        a = arrs[name].copy()
        a[index] = value
        arrs[name] = a
    return edit


BAD_VALUES = {
    "nan weight": (None, _poke("coef", 0, np.nan), "not finite"),
    "inf weight": (None, _poke("coef", -1, np.inf), "not finite"),
    "nan intercept": (lambda m: _set(m, "intercept", float("nan")), None, "not finite"),
    "nan idf": (None, _poke("char_idf", 3, np.nan), "idf"),
    "nan threshold": (lambda m: _set(m, "threshold", float("nan")), None, "threshold nan"),
    "threshold 1.5": (lambda m: _set(m, "threshold", 1.5), None, "threshold 1.5 not within"),
    "threshold 0": (lambda m: _set(m, "threshold", 0.0), None, "threshold 0.0 not within"),
    "threshold 1": (lambda m: _set(m, "threshold", 1.0), None, "threshold 1.0 not within"),
    "swapped classes": (lambda m: _set(m, "classes", ["spam", "article"]), None, "classes"),
    "one class twice": (lambda m: _set(m, "classes", ["article", "article"]), None, "classes"),
    "three classes": (lambda m: _set(m, "classes", ["article", "spam", "x"]), None, "classes"),
    "calibration of length 1": (lambda m: _set(m, "calibration", [1.0]), None, "calibration"),
    "nan calibration": (lambda m: _set(m, "calibration", [float("nan"), 0.0]), None, "calibration"),
    "negative calibration slope": (lambda m: _set(m, "calibration", [-1.0, 0.0]), None, "slope"),
    "empty page-context weights": (lambda m: m["page_context"].update(coef=[]), None, "page-context weights"),
    "2-d page-context weights": (lambda m: m["page_context"].update(coef=[[1.0, 2.0], [3.0, 4.0]]), None,
                                 "page-context weights"),
    "nan page-context weight": (lambda m: m["page_context"]["coef"].__setitem__(0, float("nan")), None,
                                "page-context weights not finite"),
    "page context without fields": (lambda m: _set(m, "page_context", {}), None, "lacks"),
    "page-context threshold 2": (lambda m: m["page_context"].update(threshold=2.0), None,
                                 "page-context threshold"),
    "shuffled vocabulary": (None, lambda a: _words(a, lambda w: w[1:] + w[:1]), "not sorted"),
    "vocabulary one word short": (None, lambda a: _words(a, lambda w: w[:-1]), "unigram mask"),
    "unsorted character n-grams": (None, lambda a: _set(a, "char_vocabulary", a["char_vocabulary"][::-1].copy()),
                                   "character n-grams"),
    "idf of the wrong length": (None, lambda a: _set(a, "char_idf", a["char_idf"][:-1].copy()), "idf values"),
    "unknown analyzer": (lambda m: m["params"].update(analyzer="bytes"), None, "analyzer"),
}


@pytest.mark.parametrize("case", list(BAD_VALUES))
def test_bad_values_fail_at_load_with_model_file_error(saved, tmp_path, case):
    _, path = saved
    meta_edit, array_edit, message = BAD_VALUES[case]
    bad = rewrite(path, tmp_path / "bad.npz", meta=meta_edit, arrays=array_edit)
    with pytest.raises(ModelFileError, match=message):
        load_model_file(bad)
    with pytest.raises(ModelFileError, match="bad.npz"):
        load_predictor(bad)


def test_unknown_parameter_key_is_a_clear_error(saved, tmp_path):
    _, path = saved
    bad = rewrite(path, tmp_path / "bad.npz", meta=lambda m: m["params"].update(colour="blue"))
    with pytest.raises(ModelFileError, match="unknown parameter.*colour"):
        load_model_file(bad)


def test_checksum_is_written_and_checked(saved, tmp_path):
    from spamdetect.persist import arrays_sha256

    _, path = saved
    with np.load(path, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(arrays["__meta__"].tobytes())
    assert meta["arrays_sha256"] == arrays_sha256(arrays)
    # a weight changed after saving (still finite, so no value check would see it)
    altered = rewrite(path, tmp_path / "altered.npz", checksum=False,
                      meta=lambda m: _set(m, "arrays_sha256", meta["arrays_sha256"]),
                      arrays=_poke("coef", 5, 0.123))
    with pytest.raises(ModelFileError, match="checksum mismatch"):
        load_model_file(altered)


def test_files_without_a_checksum_still_load(saved, tmp_path):
    model, path = saved
    old = rewrite(path, tmp_path / "old.npz", checksum=False)
    loaded = load_model_file(old)
    assert "arrays_sha256" not in loaded.metadata_
    assert np.allclose(loaded.predict_proba(TEXTS), model.predict_proba(TEXTS), atol=1e-6)


def test_the_page_models_margin_is_saved_and_checked(tmp_path):
    from spamdetect.api import default_model_path
    from spamdetect.persist import load_model_file

    shipped = default_model_path()
    assert load_predictor(shipped).page_model.margin == 1.5
    model = load_model_file(shipped)
    model.page_model_.margin = 1.0
    save_model(model, tmp_path / "one.npz")
    assert load_predictor(tmp_path / "one.npz").page_model.margin == 1.0
    old = rewrite(tmp_path / "one.npz", tmp_path / "old.npz", meta=lambda m: m["page_model"].pop("margin"))
    assert load_predictor(old).page_model.margin == 1.5  # a file saved before the margin was
    bad = rewrite(tmp_path / "one.npz", tmp_path / "bad.npz",
                  meta=lambda m: m["page_model"].update(margin=-1.0))
    with pytest.raises(ModelFileError, match="page-model margin"):
        load_predictor(bad)
