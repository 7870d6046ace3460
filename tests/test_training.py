"""The training recipe's pieces that need no shared corpus: pseudo-pages for the page context."""

import numpy as np

from pagekit import ARTICLE, SPAM
from spamdetect.context import is_chrome
from spamdetect.training.synthetic import generate
from spamdetect.training import Row, fit_default
from spamdetect.training.recipe import _infected_pages

TITLES = [f"{city}举办第{i}届读书节" for i, city in enumerate(["杭州", "成都", "南京", "武汉"])]


def test_infected_pages_put_injected_spam_around_held_out_clean_text():
    rows = _infected_pages(12, TITLES, ARTICLE, seed=0)
    assert rows and {r.source for r in rows} == {"page_context"}
    pages = {}
    for r in rows:
        pages.setdefault(r.page, []).append(r)
    assert len(pages) == 12
    injected = {r["text"] for r in generate(40 * 12, seed=11)
                if r["pattern"] in ("stuffing", "block_header", "splice", "byline_promo")}
    chrome = {r["text"] for r in generate(20 * 12, seed=12) if r["pattern"] == "chrome"}
    for page in pages.values():
        assert [r.para for r in page] == list(range(len(page)))
        spam = [r for r in page if r.label == "spam"]
        assert 1 <= len(spam) <= 3 and all(r.text in injected for r in spam)
        clean = [r.text for r in page if r.label == "article"]
        # the article: one title, 3-8 paragraphs of the clean text it was given, one chrome line
        assert sum(t in TITLES for t in clean) == 1 and 3 <= sum(t in ARTICLE for t in clean) <= 8
        assert sum(t in chrome for t in clean) == 1 and len(clean) == len(page) - len(spam)
    assert _infected_pages(5, [], ARTICLE, seed=0) == []


def test_pseudo_pages_train_the_page_context_only():
    hosts = [f"h{i}" for i in range(6)]
    rows = []
    for k, host in enumerate(hosts):  # six small labeled pages: articles with spam in them
        texts = [(t, "article") for t in ARTICLE[k::3]] + [(t, "spam") for t in SPAM[k::3]]
        rows += [Row(t, label, host=host, page=f"{host}/p", para=i) for i, (t, label) in enumerate(texts)]
    pseudo = _infected_pages(10, TITLES, ARTICLE, seed=1)
    model = fit_default(rows + pseudo)
    # the paragraph model's out-of-fold scores cover the labeled rows only
    assert len(model.oof_proba_) == len(rows)
    ctx = model.page_context_
    assert ctx is not None and ctx.coef_.shape == (8,)
    # the threshold and the validation figures come from the labeled pages alone
    counted = sum(not is_chrome(r.text) for r in rows)
    v = ctx.validation_
    assert v["tp"] + v["fp"] + v["fn"] + v["tn"] == counted
    assert np.isfinite(ctx.threshold_)


def test_page_figures_tell_a_promotion_page_deleted_whole_from_an_article_deleted_whole():
    """An infected page called ``spam_page`` is a promotion page found when its labels make it
    one (spam through and through), and an article lost whole when they do not (a mixed row is
    the article's real text)."""
    from spamdetect.training.evaluate import page_figures

    body = "这是一段足够长的正文内容,用来让页面规则把它算作实质性的段落,而不是一行标题或者导航。"
    promo = [Row(body, "spam", page="promo", para=k) for k in range(4)]
    article = [Row(body, "article", page="news", para=0), Row(body, "spam", page="news", para=1, mixed=True)] + \
              [Row(body, "article", page="news", para=k) for k in range(2, 4)]
    clean = [Row(body, "article", page="clean", para=k) for k in range(4)]
    rows = promo + article + clean
    flags = [True] * 8 + [False] * 4
    both = page_figures(rows, flags, {"promo": "spam_page", "news": "spam_page", "clean": "clean"})
    inf = both["infected_pages"]
    assert (inf["spam_pages"], inf["spam_pages_called_spam_page"], inf["articles_called_spam_page"]) == (1, 1, 1)
    assert inf["spam_precision"] == 5 / 8
    one = page_figures(rows, flags, {"promo": "spam_page", "news": "infected", "clean": "clean"})
    assert one["infected_pages"]["articles_called_spam_page"] == 0


def test_the_recipe_trains_on_the_hand_written_clean_pages_but_the_held_out_sets():
    """The article paragraphs of every hand-written clean set but the newest blind one
    (``blind9``, which measures them) join the recipe as auxiliary article rows, one host per
    page; ``train7`` and ``train8`` were written to be trained on."""
    import json

    from spamdetect.training.recipe import FIXTURES, HANDWRITTEN_CLEAN, HELD_OUT_CLEAN, _handwritten_rows

    rows = _handwritten_rows()
    assert {"train7", "train8"} <= set(HANDWRITTEN_CLEAN) and HELD_OUT_CLEAN
    for name in HELD_OUT_CLEAN:
        assert name not in HANDWRITTEN_CLEAN and (FIXTURES / f"{name}_clean.jsonl").is_file()
    expected = [json.loads(line) for name in HANDWRITTEN_CLEAN
                for line in (FIXTURES / f"{name}_clean.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r.text for r in rows] == [e["text"] for e in expected]
    assert {r.label for r in rows} == {"article"} and {r.source for r in rows} == {"handwritten"}
    assert len({r.host for r in rows}) == len({e["page"] for e in expected})
    held_out = {"handwritten:" + json.loads(line)["page"] for name in HELD_OUT_CLEAN for line in
                (FIXTURES / f"{name}_clean.jsonl").read_text(encoding="utf-8").splitlines()}
    assert held_out and not held_out & {r.host for r in rows}


def test_a_recipe_without_its_hand_written_pages_says_where_they_should_be(tmp_path):
    import pytest

    from spamdetect.training.recipe import _handwritten_rows

    (tmp_path / "pages_clean.jsonl").write_text("", encoding="utf-8")
    with pytest.raises(FileNotFoundError, match=r"missing from .*blind3"):
        _handwritten_rows(("pages", "blind3"), folder=tmp_path)
