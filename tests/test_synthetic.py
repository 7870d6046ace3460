import json
from collections import Counter
from pathlib import Path

import pytest

from spamdetect.training.synthetic import ARTICLE_PATTERNS, SPAM_PATTERNS, generate, main

DATA = Path(__file__).resolve().parent.parent / "data"


def test_deterministic_by_seed():
    assert generate(50, seed=3) == generate(50, seed=3)
    assert generate(50, seed=3) != generate(50, seed=4)


def test_every_pattern_with_valid_labels():
    rows = generate(400, seed=0)
    patterns = Counter(r["pattern"] for r in rows)
    assert set(patterns) == set(SPAM_PATTERNS) | set(ARTICLE_PATTERNS)
    for r in rows:
        assert r["text"].strip()
        assert r["label"] == ("spam" if r["pattern"] in SPAM_PATTERNS else "article")
        assert (r["kind"] in ("gambling", "porn", "ad")) if r["label"] == "spam" else r["kind"] is None
    assert 0.4 < sum(r["label"] == "spam" for r in rows) / len(rows) < 0.8


def test_traditional_variants_and_the_switch():
    import opencc

    to_simple = opencc.OpenCC("t2s")
    rows = generate(200, seed=1)
    traditional = [r for r in rows if to_simple.convert(r["text"]) != r["text"]]
    assert 20 < len(traditional) < 90
    assert all(to_simple.convert(r["text"]) == r["text"] for r in generate(100, seed=1, traditional_share=0))


def test_camouflage_is_spliced_in():
    marker = "测试专用的独特新闻标题"
    rows = generate(300, seed=2, camouflage=[marker], traditional_share=0)
    splices = [r for r in rows if r["pattern"] == "splice"]
    assert splices and all(marker in r["text"] for r in splices)
    assert not any(marker in r["text"] for r in generate(300, seed=2, traditional_share=0))


def test_splice_and_byline_shapes():
    rows = generate(300, seed=5, traditional_share=0)
    splice = next(r["text"] for r in rows if r["pattern"] == "splice")
    assert "月" in splice.split(",")[0] and splice.endswith("。")
    header = next(r["text"] for r in rows if r["pattern"] == "block_header")
    assert header.startswith("时事") and ":" in header


def test_negative_n_and_cli(tmp_path):
    with pytest.raises(ValueError):
        generate(-1)
    out = tmp_path / "s.jsonl"
    assert main(["-n", "20", "--seed", "0", "-o", str(out)]) == 0
    rows = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == 20 and {"text", "label", "host", "page", "para", "pattern"} <= set(rows[0])


def test_shipped_sample_is_what_the_generator_writes(tmp_path):
    out = tmp_path / "s.jsonl"
    main(["-n", "300", "--seed", "0", "-o", str(out)])
    assert out.read_text(encoding="utf-8") == (DATA / "synthetic_sample.jsonl").read_text(encoding="utf-8")


@pytest.mark.parametrize("name, label", [("hard_negatives", "article"), ("injected", "spam"),
                                         ("clean", "article")])
def test_fixtures_parse_with_the_training_reader(name, label):
    from spamdetect.training import read_labeled

    rows = read_labeled([DATA / "fixtures" / f"{name}.jsonl"])
    assert len(rows) >= 15 and {r.label for r in rows} == {label}


def test_other_spam_families_and_their_hard_negatives():
    from spamdetect.training.synthetic import ADULT_BRANDS, CERTIFICATES, GAME_SERVERS, LOTTERIES, MARK_SIX

    rows = generate(1500, seed=7, traditional_share=0)
    by = {}
    for r in rows:
        by.setdefault(r["pattern"], []).append(r)
    assert all(any(b in r["text"] for b in ADULT_BRANDS) for r in by["adult_seo"])
    assert all(any(g in r["text"] for g in GAME_SERVERS) for r in by["game_server"])
    assert all(any(c in r["text"] for c in CERTIFICATES) for r in by["forgery"])
    assert all(any(t in r["text"] for t in LOTTERIES + MARK_SIX) for r in by["tip_seo"])
    assert any(any(t in r["text"] for t in MARK_SIX) for r in by["tip_seo"])
    assert {r["kind"] for r in by["adult_seo"]} == {"porn"} and {r["kind"] for r in by["forgery"]} == {"ad"}
    # legitimate text about the same families stays article: 私服 and 假证 cases, porn crack-downs
    negatives = " ".join(r["text"] for r in by["hard_negative"])
    assert "私服" in negatives and "假证" in negatives and "扫黄打非" in negatives


def test_coined_brands_are_new_strings_of_digits_and_letters_that_promote():
    """The phrase pattern writes brands the way hijack scripts coin them: the digits and letters
    differ from one to the next (only the shape recurs), and each one passes the clause
    scorer's gate, so the scorer learns them."""
    import random

    from spamdetect.context import has_phrase_promotion
    from spamdetect.normalize import normalize_many
    from spamdetect.training.synthetic import _Writer

    names = [_Writer(random.Random(seed), None).coined_brand() for seed in range(200)]
    assert len(set(names)) > 190
    assert all(any(c.isdigit() or c.isascii() and c.isalpha() for c in n) for n in names)
    assert all(map(has_phrase_promotion, normalize_many(names)))
    phrases = [r["text"] for r in generate(2000, seed=3, traditional_share=0) if r["pattern"] == "phrase"]
    assert sum(any(c.isdigit() for c in p) for p in phrases) > len(phrases) / 4


def test_brand_essay_adds_only_the_name_to_clean_text():
    marker = "这是一段干净的新闻文字,讲的是城市交通改造。"
    rows = [r for r in generate(600, seed=4, camouflage=[marker], traditional_share=0)
            if r["pattern"] == "brand_essay"]
    assert rows and all(r["kind"] in ("gambling", "porn", "ad") for r in rows)
    for r in rows:
        rest = r["text"]
        for clause in ("这是一段干净的新闻文字,", "讲的是城市交通改造。"):
            assert clause in rest
            rest = rest.replace(clause, "", 1)
        assert rest and len(rest) < len(r["text"])  # what is left is the inserted name


def test_sports_reports_are_articles_with_real_team_names():
    from spamdetect.training.synthetic import COMPETITIONS, PLAYERS, TEAMS

    rows = [r for r in generate(800, seed=2, traditional_share=0) if r["pattern"] == "sports_news"]
    assert rows and all(r["label"] == "article" and r["kind"] is None for r in rows)
    names = TEAMS + PLAYERS + COMPETITIONS
    assert all(any(n in r["text"] for n in names) for r in rows)
    assert not any(w in r["text"] for r in rows for w in ("投注", "盘口", "赔率", "下注"))
