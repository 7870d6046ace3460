import numpy as np
import pytest

from spamdetect.features import FeatureSpace, char_ngram_keys, decode_char_key
from spamdetect.model import ChineseTfidfVectorizer
from spamdetect.normalize import normalize_many
from spamdetect.segment import get_segmenter, strip_punctuation

DOCS = ["百家乐登录官网", "今天天气很好", "百家乐官网注册送彩金", "天气预报说明天下雨", "", "abc 百家"]


def test_char_ngram_keys_are_exact_and_stay_inside_a_document():
    keys, docs = char_ngram_keys(["ab", "c"], 1, 3)
    grams = sorted((decode_char_key(int(k)), int(d)) for k, d in zip(keys, docs))
    # no n-gram spans the boundary between "ab" and "c"
    assert grams == [("a", 0), ("ab", 0), ("b", 0), ("c", 1)]


def test_feature_names_and_shapes():
    v = ChineseTfidfVectorizer(min_df=1)
    M = v.fit_transform(DOCS)
    names = v.get_feature_names_out()
    assert M.shape == (len(DOCS), len(names))
    assert "w:百家乐" in names and "c:百家" in names and "w:百家乐 官网" in names
    # empty document: an all-zero row; others are L2-normalised per block (two blocks -> sqrt 2)
    norms = np.sqrt(np.asarray(M.multiply(M).sum(axis=1))).ravel()
    assert norms[4] == 0
    assert np.allclose(norms[[0, 1, 2, 3]], np.sqrt(2))


def test_transform_equals_fit_transform_and_is_batch_independent():
    v = ChineseTfidfVectorizer(min_df=1)
    M = v.fit_transform(DOCS)
    assert abs(M - v.transform(DOCS)).max() < 1e-12
    one_by_one = [v.transform([d]).toarray()[0] for d in DOCS]
    assert np.allclose(np.vstack(one_by_one), M.toarray())


def test_unseen_words_are_ignored_not_errors():
    """Text the vocabulary never saw adds no feature and leaves the seen features' weights alone."""
    v = ChineseTfidfVectorizer(min_df=1).fit(DOCS)
    M = v.transform(["完全陌生的句子", "zzzz", "百家乐官网注册送彩金", "百家乐官网注册送彩金 zzzz"])
    assert M[0].nnz == 0 and M[1].nnz == 0
    assert M[2].nnz > 0 and abs(M[2] - M[3]).max() < 1e-12


@pytest.mark.parametrize("analyzer, prefix", [("word", ("w:", "t:")), ("char", "c:")])
def test_single_block_analyzers(analyzer, prefix):
    v = ChineseTfidfVectorizer(analyzer=analyzer, min_df=1).fit(DOCS)
    names = v.get_feature_names_out()
    assert len(names) and all(n.startswith(prefix) for n in names)


def test_min_df_and_max_features_prune():
    full = ChineseTfidfVectorizer(min_df=1).fit(DOCS)
    pruned = ChineseTfidfVectorizer(min_df=2).fit(DOCS)
    assert len(pruned.get_feature_names_out()) < len(full.get_feature_names_out())
    capped = ChineseTfidfVectorizer(min_df=1, max_features=5, analyzer="char").fit(DOCS)
    assert len(capped.get_feature_names_out()) == 5


def test_traditional_and_simplified_share_features():
    v = ChineseTfidfVectorizer(min_df=1).fit(["百家乐官网"])
    a, b = v.transform(["百家乐官网"]), v.transform(["百家樂官網"])
    assert abs(a - b).max() < 1e-12


def test_bad_parameters_and_inputs():
    with pytest.raises(ValueError):
        ChineseTfidfVectorizer(analyzer="bytes").fit(DOCS)
    with pytest.raises(ValueError):
        ChineseTfidfVectorizer(char_ngram_range=(1, 5)).fit(DOCS)
    with pytest.raises(ValueError):
        ChineseTfidfVectorizer().fit("a single string")
    with pytest.raises(ValueError):
        ChineseTfidfVectorizer().fit([])
    with pytest.raises(TypeError):
        ChineseTfidfVectorizer(min_df=1).fit(DOCS).transform(["ok", None])


def test_punctuation_is_a_boundary_not_a_feature():
    v = ChineseTfidfVectorizer(min_df=1).fit(["百家乐。官网!", "天气,很好"])
    names = set(v.get_feature_names_out())
    assert not any(ch in n for n in names for ch in "。!,")
    assert "c:乐官" not in names  # no n-gram across the full stop
    a, b = v.transform(["百家乐。官网"]), v.transform(["百家乐!官网"])
    assert abs(a - b).max() < 1e-12


def test_last_clause():
    from spamdetect.features import last_clause

    assert last_clause("记者 张三 报道首次登录送91元红包") == "报道首次登录送91元红包"
    assert last_clause("12月28日,某地新闻,百家乐登录官网。") == "百家乐登录官网"
    assert last_clause("一句话没有分隔") == ""
    assert last_clause("• 菜单项") == ""  # a bullet is not a clause
    assert len(last_clause("前面," + "长" * 100)) == 24


def test_tail_block_weighs_an_appended_promo():
    docs = ["本报记者 张三 报道", "市政府召开会议,部署冬季供暖工作", "首次登录送红包", "百家乐官网"]
    v = ChineseTfidfVectorizer(min_df=1).fit(docs)
    names = list(v.get_feature_names_out())
    M = v.transform(["本报记者 张三 报道首次登录送红包"]).toarray()[0]
    tail = {n for n, x in zip(names, M) if x and n.startswith("t:")}
    assert {"t:首次", "t:登录"} <= tail and "t:本报" not in tail
    off = ChineseTfidfVectorizer(min_df=1, tail_words=False).fit(docs)
    assert not any(n.startswith("t:") for n in off.get_feature_names_out())


# -- TF-IDF values against scikit-learn's TfidfVectorizer as the reference -----------------------
# Hand-written, normalised first (FeatureSpace takes normalised text). Repeated words test the
# sublinear tf, the traditional line that normalisation folds in, the empty line an all-zero row.
REF_FIT = normalize_many([
    "百家乐登录官网,百家乐官网注册送彩金,百家乐百家乐百家乐",
    "今天天气很好,明天天气预报说有雨。",
    "市政府召开常务会议,部署冬季供暖工作;会议强调保障民生。",
    "百家樂娛樂城官方網址,線上真人荷官發牌",
    "",
    "bet365 体育 bet365 体育 abc",
    "天气 天气 天气 很好",
])
REF_NEW = normalize_many(["百家乐天气很好,从没见过的词语", "完全陌生", "官网官网官网 会议"])


def _words(text):
    return get_segmenter().cut(text)


def _words_and_bigrams(text):
    # FeatureSpace pairs consecutive words of a paragraph; punctuation between them is no
    # boundary for word bigrams (it is for character n-grams)
    w = _words(text)
    return w + [f"{a} {b}" for a, b in zip(w, w[1:])]


def _char_ngrams(text):
    grams = []
    for chunk in strip_punctuation(text).split():  # n-grams stop at punctuation and spaces
        for n in (1, 2, 3):
            grams += [chunk[i:i + n] for i in range(len(chunk) - n + 1)]
    return grams


def _dense(fs, texts):
    rows, cols, w = fs.triplets(texts)
    out = np.zeros((len(texts), fs.n_features))
    np.add.at(out, (rows, cols), w)
    return out


@pytest.mark.parametrize("block, analyzer", [
    (dict(analyzer="word", word_ngram_range=(1, 1)), _words),
    (dict(analyzer="word", word_ngram_range=(1, 2)), _words_and_bigrams),
    (dict(analyzer="char", char_ngram_range=(1, 3)), _char_ngrams),
], ids=["word-unigrams", "word-uni-and-bigrams", "char-1-3"])
def test_tfidf_values_equal_sklearn_tfidfvectorizer(block, analyzer):
    """One block alone (no tail block, no pruning) is exactly ``TfidfVectorizer(sublinear_tf=True)``
    (smooth idf, l2 norm) over the same tokens: the numpy re-implementation must not drift from
    the definition it claims, on the fitted texts and on new ones."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    fs = FeatureSpace.fit(REF_FIT, min_df=1, max_features=None, tail_words=False, **block)
    ref = TfidfVectorizer(analyzer=analyzer, sublinear_tf=True, smooth_idf=True, norm="l2").fit(REF_FIT)
    names = [n.split(":", 1)[1] for n in fs.feature_names()]
    assert sorted(names) == sorted(ref.get_feature_names_out())
    cols = [ref.vocabulary_[n] for n in names]
    for texts in (REF_FIT, REF_NEW):
        expected = ref.transform(texts).toarray()[:, cols]
        assert np.abs(_dense(fs, texts) - expected).max() < 1e-9
    # 完全陌生: no word the fit saw, but one character (生, from 民生)
    assert _dense(fs, REF_NEW[1:2]).any() == (block["analyzer"] == "char")


def test_both_blocks_are_the_word_and_char_blocks_side_by_side():
    """With both analyzers each block is weighted and normalised on its own: the matrix is the
    word-only matrix beside the char-only one (so the reference test above covers it)."""
    both = FeatureSpace.fit(REF_FIT, min_df=1, max_features=None, tail_words=False)
    word = FeatureSpace.fit(REF_FIT, analyzer="word", min_df=1, max_features=None, tail_words=False)
    char = FeatureSpace.fit(REF_FIT, analyzer="char", min_df=1, max_features=None, tail_words=False)
    for texts in (REF_FIT, REF_NEW):
        assert np.abs(_dense(both, texts) - np.hstack([_dense(word, texts), _dense(char, texts)])).max() < 1e-12


def test_topic_triplets_of_the_page_pass_come_in_row_order():
    # the page stage (kinship, context features) reads them without sorting
    from spamdetect.api import default_predictor

    texts = ["澳门新葡京官网入口,真人百家乐", "市政府召开会议部署冬季供暖工作", "", "体育新闻 足球 比赛 结果"] * 5
    _, _, (rows, cols, weights), _ = default_predictor().page_pass(texts)
    assert len(rows) and np.all(np.diff(rows) >= 0)
    assert len(rows) == len(cols) == len(weights)
