import threading

import pytest

import spamdetect
from spamdetect import Classification, classify, classify_many, load_model
from spamdetect.api import default_model_path

INJECTED = "12月28日,市政府召开常务会议部署冬季供暖工作,会议强调保障民生。,百家乐登录官网,太阳城官网是多少,365bet滚球盘网址。"


def test_shipped_model_is_installed_and_loads():
    assert default_model_path().is_file()
    m = load_model()
    assert m is load_model()  # loaded once per process
    assert 0 < m.threshold_ < 1


def test_classify_returns_label_score_evidence():
    r = classify(INJECTED)
    assert isinstance(r, Classification)
    assert r.label in ("spam", "article") and 0.0 <= r.score <= 1.0
    assert r.is_spam == (r.label == "spam")
    assert r.label == ("spam" if r.score >= load_model().threshold_ else "article")
    assert r.evidence and all(isinstance(f, str) and isinstance(w, float) for f, w in r.evidence)


def test_classify_many_matches_classify_one_by_one():
    texts = [INJECTED, "今天天气不错,适合出门散步。", "", "亚洲一区二区_综合久久_在线观看", "百家樂", "x" * 50]
    many = classify_many(texts, batch_size=2)
    for t, r in zip(texts, many):
        one = classify(t)
        assert (one.label, round(one.score, 9)) == (r.label, round(r.score, 9))


@pytest.mark.parametrize("text", ["", "   ", "\n\t\u3000", "\u200b\u200b"])
def test_empty_paragraph_is_article_with_score_zero(text):
    r = classify(text)
    assert (r.label, r.score, r.evidence) == ("article", 0.0, ())


@pytest.mark.parametrize("text", [
    "ä¸\xadæ\x96\x87ä¹±ç\xa0\x81",               # UTF-8 read as Latin-1 (mojibake)
    "😀😀😀🎉🎉",                                 # emoji only
    "Русский текст مع العربية 和中文 and English 123",  # mixed scripts
    "\ud800 lone surrogate",                     # not encodable as UTF-8
    "?" * 100,
])
def test_odd_text_gets_a_defined_answer(text):
    r = classify(text)
    assert r.label in ("spam", "article") and 0.0 <= r.score <= 1.0


def test_five_megabyte_paragraph():
    big = ("本报讯 市民反映小区道路破损问题得到解决。" * 130_000)[:1_750_000]  # ~5 MB of UTF-8
    assert len(big.encode()) > 5_000_000
    r = classify(big)
    assert r.label in ("spam", "article")


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["list"]])
def test_non_str_is_a_type_error(bad):
    with pytest.raises(TypeError):
        classify(bad)
    with pytest.raises(TypeError):
        classify_many(["ok", bad])


def test_classify_many_rejects_a_bare_string_and_bad_batch_size():
    with pytest.raises(TypeError):
        classify_many("one string")
    with pytest.raises(ValueError):
        classify_many(["a"], batch_size=0)


def test_threads_share_the_default_model():
    texts = [INJECTED, "今天天气不错。"] * 20
    expected = [r.score for r in classify_many(texts)]
    results = {}

    def work(i):
        results[i] = [r.score for r in classify_many(texts, batch_size=7)]

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(v == pytest.approx(expected) for v in results.values())


def test_public_surface():
    assert {"classify", "classify_many", "SpamClassifier", "load_model", "scan_page",
            "scan_folder"} <= set(spamdetect.__all__)
    assert callable(spamdetect.scan_page) and callable(spamdetect.scan_folder)
