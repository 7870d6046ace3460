import pytest

from spamdetect.normalize import normalize_many
from spamdetect.segment import Segmenter, get_segmenter, load_user_dictionary

# Hand-written fixtures: news, spam, mixed scripts, Latin runs with '.' and '-' (where the two
# bindings used to disagree), empty and whitespace-only strings.
FIXTURES = [
    "12月28日,小红书宣布暂停小红卡运营,付费购卡用户将可办理全额退款。",
    "百家乐登录官网,太阳城官网是多少,365bet滚球盘网址。",
    "时事3:乐鱼体育登陆网址在哪里",
    "记者 张三 报道首次登录送91元红包",
    "Client.Get() 调用 time.Duration 与 io.ReadCloser, trackbacks-0",
    "亚洲一区二区_综合久久_在线观看|精品视频 I 日韩",
    "澳门博彩毛收入同比增长百分之二十,特区政府财政收入随之回升。",
    "某市公安局破获一起特大网络赌博案,涉案金额逾三亿元。",
    "",
    "   ",
    "ＡＢＣ全角 abc 半角 123",
    "下注、投注、彩金、返水都是赌博网站的常用词",
]


@pytest.fixture(scope="module")
def both():
    pytest.importorskip("rjieba")
    return Segmenter("rjieba"), Segmenter("jieba")


def test_rjieba_and_jieba_agree_token_for_token(both):
    fast, ref = both
    for text in normalize_many(FIXTURES):
        assert fast.cut(text) == ref.cut(text), text


def test_cut_many_equals_cut(both):
    texts = normalize_many(FIXTURES)
    for seg in both:
        assert seg.cut_many(texts) == [seg.cut(t) for t in texts]
        assert seg.cut_many([]) == []


def test_user_dictionary_words_stay_whole(both):
    words = [w for w, _ in load_user_dictionary()]
    assert "百家乐" in words and len(words) >= 30
    for seg in both:
        for w in words:
            if w.isascii():
                continue
            assert seg.cut(w) == [w], (seg.backend, w)


def test_punctuation_and_spaces_are_not_tokens():
    seg = get_segmenter()
    toks = seg.cut("你好,世界! 百家乐。")
    assert toks and all(t.strip() and t not in ",!。" for t in toks)


def test_private_tokenizer_leaves_global_jieba_alone():
    import jieba

    jieba.initialize()
    words = [w for w, _ in load_user_dictionary()]
    before = {w: jieba.dt.FREQ.get(w) for w in words}
    Segmenter("jieba")
    # our domain words went into a private Tokenizer, not into jieba's global dictionary
    assert {w: jieba.dt.FREQ.get(w) for w in words} == before


def test_unknown_backend_is_a_value_error():
    with pytest.raises(ValueError):
        Segmenter("nope")


def test_shared_segmenter_cuts_like_a_fresh_one(both):
    """The shared segmenter is what a fresh one of the same binding is: same backend, same tokens."""
    shared = get_segmenter()
    fresh = {seg.backend: seg for seg in both}[shared.backend]
    for text in normalize_many(FIXTURES):
        assert shared.cut(text) == fresh.cut(text), text
    assert get_segmenter("jieba").backend == "jieba"


def test_shared_segmenter_loads_its_dictionary_once_per_binding(monkeypatch):
    """Building a segmenter loads a 5 MB dictionary: every spelling of one binding
    (default argument, ``"auto"``, the binding's own name) must reuse the first one built.
    Counting constructions, not comparing identities, is what says so."""
    import spamdetect.segment as segment

    built = []

    class Counting(segment.Segmenter):
        def __init__(self, backend="auto"):
            built.append(backend)
            super().__init__(backend)

    monkeypatch.setattr(segment, "Segmenter", Counting)
    segment._shared_segmenter.cache_clear()
    try:
        resolved = segment.get_segmenter().backend
        for _ in range(3):
            segment.get_segmenter()
            segment.get_segmenter("auto")
            segment.get_segmenter(backend="auto")
            segment.get_segmenter(resolved)
        assert len(built) == 1
        other = "jieba" if resolved == "rjieba" else None
        if other:
            assert segment.get_segmenter(other).backend == other and len(built) == 2
    finally:
        segment._shared_segmenter.cache_clear()  # later tests get an uncounted segmenter


def test_strip_punctuation_many_matches_one_by_one():
    from spamdetect.segment import strip_punctuation, strip_punctuation_many

    texts = ["百家乐,官网!", "a_b-c.d", "第一行\n第二行", "", "。。。"]
    assert strip_punctuation_many(texts) == [strip_punctuation(t) for t in texts]
    assert strip_punctuation_many([]) == []
