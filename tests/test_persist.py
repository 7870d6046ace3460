import json
import zipfile

import numpy as np
import pytest

from pagekit import ARTICLE, SPAM, tiny_model
from spamdetect.api import load_model
from spamdetect.model import PageContext
from spamdetect.persist import FORMAT_VERSION, ModelFileError, load_model_file, save_model

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
