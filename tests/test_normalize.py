import pytest

from spamdetect.normalize import normalize_many, normalize_text


@pytest.mark.parametrize("raw, expected", [
    ("ＢＥＴ３６５体育", "bet365体育"),                      # full-width -> half-width, lower-case
    ("百\u200b家\u200d乐\ufeff", "百家乐"),                  # zero-width characters
    ("百 家 乐  官网", "百家乐 官网"),                         # spaces splitting CJK characters
    ("记者 张三 报道", "记者 张三 报道"),                      # ...but not words
    ("百家樂娛樂城", "百家乐娱乐城"),                          # traditional -> simplified
    ("標(biāo)準(zhǔn)庫(kù)", "标准库"),                     # converter pinyin residue
    ("中?国", "中国"),                                       # lost character between CJK
    ("今天😀天气🎉好", "今天天气好"),                          # emoji
    ("  Hello\tWORLD \n ", "hello world"),                    # whitespace runs, case
    ("\x00\x07控制\x1f字符", "控制字符"),                      # control characters
])
def test_normalize_text(raw, expected):
    assert normalize_text(raw) == expected


def test_pinyin_only_removed_after_cjk_and_with_tone_marks():
    # ordinary parentheses keep their content
    assert normalize_text("比分(2:1)") == "比分(2:1)"
    assert normalize_text("公司(china)") == "公司(china)"


def test_question_mark_kept_outside_cjk():
    assert normalize_text("为什么?") == "为什么?"


def test_normalize_many_matches_one_by_one():
    texts = ["百家樂", "", "第一行\n第二行", "ＡＢＣ 標(biāo)準(zhǔn)", "   "]
    assert normalize_many(texts) == [normalize_text(t) for t in texts]
    assert normalize_many([]) == []


@pytest.mark.parametrize("bad", [None, b"bytes", 3, ["list"]])
def test_non_str_is_a_type_error(bad):
    with pytest.raises(TypeError):
        normalize_text(bad)
    with pytest.raises(TypeError, match="item 1"):
        normalize_many(["ok", bad])


def test_nfkc_shortcut_equals_full_nfkc():
    import unicodedata

    from spamdetect.normalize import _NFKC_RUNS, _nfkc

    text = "e\u0301 ½ ² … ①ⅲ ＡＢＣ\u3000百家樂 가\u1161 \u1100\u1161 ﬁ 「引号」“双引”,、。"
    assert _NFKC_RUNS.sub(_nfkc, text) == unicodedata.normalize("NFKC", text)
