"""The shipped training recipe: which rows, from where, weighed how.

The recipe behind ``models/spamdetect-default.npz`` (``spamdetect train -o FILE``, no data files):

* every paragraph of ``<corpus>/train.jsonl`` (hand-labeled pages; website = ``host``);
* clean article text from other corpora: ``ext/addetector-wechat-ads`` (``not_ad`` only) and
  ``ext/thucnews-titles``, because the hand-labeled pages are all infected ones and clean
  pages are what a scanner meets most;
* the project's synthetic generator (:mod:`spamdetect.training.synthetic`): injection blocks, promo
  bylines, keyword stuffing, and synthetic hard negatives (news *about* gambling), spliced
  with real clean headlines as camouflage;
* pseudo-pages for the page-context stage only (:func:`_infected_pages`): held-out clean
  articles with injected spam on top or inside, so the context model also sees the common case
  of a real article under a loud stuffed title, which the hand-labeled pages show little of;
* the article paragraphs of the project's own hand-written clean pages (:func:`_handwritten_rows`:
  ``data/fixtures/<set>_clean.jsonl`` of :data:`HANDWRITTEN_CLEAN`): pages *about* betting,
  lotteries, Macau, sport and sex that stay clean -- what the paragraph model reads as a spam
  subject on unseen sites: every blind set read so far (``pages`` … ``blind8``) and two written
  to be trained on (``train7``, ``train8``). The four newest blind sets (``blind9`` …
  ``blind12``) are not among them: they are the held-out ones.

Auxiliary rows always stay in training; calibration, the threshold and every figure come from
website-grouped folds over the hand-labeled rows only.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from ..model import SpamClassifier
from .data import DATA_DIR, Row, attach_spans, read_labeled, read_spans

__all__ = ["default_training_set", "fit_default", "AUX_WEIGHT"]

def _taiwanese(texts: list[str], every: int = 2) -> list[str]:
    """Every ``every``-th text rewritten in Taiwan-style Traditional (OpenCC ``s2twp``).

    The clean corpora are mainland Simplified text, while much of the real spam (and many real
    pages) comes from Taiwan and Hong Kong. Normalisation folds the script back, but regional
    wording (软体, 网路, 资讯) survives it; without clean examples of that wording the model
    learns "Taiwanese vocabulary means spam".
    """
    import opencc

    conv = opencc.OpenCC("s2twp")
    return [conv.convert(t) if i % every == 0 else t for i, t in enumerate(texts)]


def _read_ext_clean(corpus: Path, n_titles: int, n_paragraphs: int, seed: int,
                    spare: int = 0) -> tuple[list[Row], list[str], list[str]]:
    """(rows, spare titles, spare paragraphs): the clean rows of the recipe, and up to ``spare``
    further titles and paragraphs of the same corpora that the rows do not contain."""
    rng = np.random.default_rng(seed)
    rows: list[Row] = []
    spare_titles: list[str] = []
    spare_paragraphs: list[str] = []
    titles = corpus / "ext" / "thucnews-titles" / "thucnews_titles.jsonl"
    if titles.is_file():
        texts = _taiwanese([json.loads(l)["text"] for l in open(titles, encoding="utf-8") if l.strip()])
        order = rng.permutation(len(texts))
        for i in order[:n_titles]:
            rows.append(Row(texts[i], "article", host=f"ext:thucnews:{i % 97}", source="thucnews"))
        spare_titles = [texts[i] for i in order[n_titles:n_titles + spare]]
    ads = corpus / "ext" / "addetector-wechat-ads" / "addetector.jsonl"
    if ads.is_file():
        texts = _taiwanese([o["text"] for o in map(json.loads, open(ads, encoding="utf-8"))
                            if o.get("label") == "not_ad"])
        order = rng.permutation(len(texts))
        for i in order[:n_paragraphs]:
            rows.append(Row(texts[i], "article", host=f"ext:addetector:{i % 97}", source="addetector"))
        spare_paragraphs = [texts[i] for i in order[n_paragraphs:n_paragraphs + spare]]
    return rows, spare_titles, spare_paragraphs


_INJECTED = ("stuffing", "block_header", "splice", "byline_promo")


def _infected_pages(n: int, titles: list[str], paragraphs: list[str], seed: int) -> list[Row]:
    """Pseudo-pages for the page-context model only: a clean article under injected spam.

    The hand-labeled pages teach the context model what a gambling-SEO page looks like; few of
    them show the commoner case of a real article below one or two loud stuffed titles, where
    everything but the titles must stay ``article`` however bland (and so spam-neutral) the
    article reads. Each page: 1-3 injected paragraphs from the generator (stuffed titles on top,
    or a block further down), a held-out clean title, 3-8 held-out clean paragraphs, some
    chrome. The paragraph model never trains on these rows (``source="page_context"``), so its
    scores of them are honest held-out scores, like the out-of-fold ones of the labeled pages.
    """
    if not titles or not paragraphs:
        return []
    from .synthetic import generate  # see _synthetic_rows

    rng = random.Random(seed)
    spam = [r for r in generate(40 * n, seed=seed + 11) if r["pattern"] in _INJECTED]
    chrome = [r["text"] for r in generate(20 * n, seed=seed + 12) if r["pattern"] == "chrome"]
    rows: list[Row] = []
    for k in range(n):
        body = [(titles[k % len(titles)], "article")]
        body += [(paragraphs[(8 * k + j) % len(paragraphs)], "article") for j in range(rng.randint(3, 8))]
        body.insert(rng.randint(1, len(body)), (chrome[k % len(chrome)], "article"))
        injected = [(r["text"], "spam") for r in rng.sample(spam, rng.randint(1, 3))]
        at = 0 if rng.random() < 0.6 else rng.randint(1, len(body))
        page = body[:at] + injected + body[at:]
        rows += [Row(text, label, host=f"page_context:{k}", page=f"page_context/{k}", para=i,
                     source="page_context") for i, (text, label) in enumerate(page)]
    return rows


# the hand-written clean page sets trained on: eight blind sets read once each (the order they
# joined the recipe in) and two written to be trained on (train7, train8); the four newest blind
# sets (blind9 … blind12) are held out to measure them
HANDWRITTEN_CLEAN = ("pages", "blind", "blind3", "blind4", "blind5", "train7", "train8", "blind6", "blind7",
                     "blind8")
HELD_OUT_CLEAN = ("blind9", "blind10", "blind11", "blind12")
FIXTURES = DATA_DIR / "fixtures"


def _handwritten_rows(sets=HANDWRITTEN_CLEAN, folder: Path = FIXTURES) -> list[Row]:
    """The paragraphs of the project's hand-written clean pages (``<folder>/<set>_clean.jsonl``),
    as auxiliary article rows, one host per page.

    They were written blind, for this project, to be hard: court and police reports quoting
    betting sites, lottery draws, Macau resorts and gaming stocks, match previews with odds,
    mahjong and poker, sex education. The corpus has 109 clean pages; a model fitted on it read a
    betting *subject* as spam on other writers' pages (the fold models flagged 12 % of the sixth
    set's clean pages). They train only: every figure still comes from the corpus's own folds."""
    missing = [s for s in sets if not (folder / f"{s}_clean.jsonl").is_file()]
    if missing:
        raise FileNotFoundError(f"the recipe's hand-written clean pages are missing from {folder} "
                                f"({', '.join(missing)}): train from a source checkout, or pass "
                                "handwritten=False (a different recipe)")
    rows = []
    for name in sets:
        with open(folder / f"{name}_clean.jsonl", encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    rows.append(Row(r["text"], "article", host=f"handwritten:{r['page']}",
                                    source="handwritten"))
    return rows


def _synthetic_rows(n: int, camouflage: list[str], seed: int) -> list[Row]:
    # imported here, not at the top: the generator is also a script (``python -m
    # spamdetect.training.synthetic``), and runpy warns when the package import already ran it
    from .synthetic import generate

    return [Row(r["text"], r["label"], host=f"synthetic:{i % 97}", kind=r["kind"], source="synthetic")
            for i, r in enumerate(generate(n, seed=seed, camouflage=camouflage or None))]


_LEXICONS = {
    "gambling": ["lexicon-houbb-sensitive-word/gambling_赌博.txt",
                 "lexicon-sensitive-lexicon/gambling_filtered_赌博.txt",
                 "lexicon-darklink-keywords/yuanzhao_gambling.txt"],
    "porn": ["lexicon-sensitive-lexicon/porn_色情.txt",
             "lexicon-darklink-keywords/yuanzhao_porn.txt"],
}


_STUFFING_SEPARATORS = ["_", ",", "-", "|", " I ", ",", " "]


def _lexicon_terms(corpus: Path) -> dict[str, list[str]]:
    terms: dict[str, list[str]] = {}
    for kind, files in _LEXICONS.items():
        words: set[str] = set()
        for name in files:
            f = corpus / "ext" / name
            if f.is_file():
                words.update(w.strip() for w in f.read_text("utf-8", "replace").splitlines())
        terms[kind] = sorted(w for w in words if 2 <= len(w) <= 12)
    return terms


def _lexicon_rows(corpus: Path, n: int, camouflage: list[str], seed: int) -> list[Row]:
    """Keyword-stuffing and spliced lines built from the public gambling/porn word lists.

    The lists widen the spam vocabulary the model has seen far beyond the hand-labeled pages.
    They are read at training time and never shipped: only the model's weights carry them.
    Shapes follow the seed page: stuffed titles (terms joined by ``_ , - | I``) and a date +
    clean headline + gambling names splice.
    """
    terms = _lexicon_terms(corpus)
    if not terms.get("gambling") or not terms.get("porn"):
        return []
    rng = np.random.default_rng(seed + 1)
    rows = []
    for i in range(n):
        kind = "porn" if i % 2 else "gambling"
        pool = terms[kind]
        picks = [pool[j] for j in rng.integers(0, len(pool), rng.integers(3, 10))]
        if kind == "gambling" and camouflage and i % 4 == 0:
            head = camouflage[int(rng.integers(len(camouflage)))]
            text = f"{rng.integers(1, 13)}月{rng.integers(1, 29)}日,{head}," + ",".join(picks[:3]) + "。"
        else:
            text = str(rng.choice(_STUFFING_SEPARATORS)).join(picks)
        rows.append(Row(text, "spam", host=f"lexicon:{i % 97}", kind=kind, source="lexicon"))
    return rows


def default_training_set(corpus, *, labeled=True, ext_clean=True, synthetic=True, lexicon=True,
                         infected_pages=True, handwritten=True, n_titles=6000, n_paragraphs=4000,
                         n_synthetic=4000, n_lexicon=1500, n_pages=80, seed=0) -> list[Row]:
    """All rows of the shipped recipe; each switch drops one source (for the ablation)."""
    corpus = Path(corpus)
    rows: list[Row] = read_labeled([corpus / "train.jsonl"]) if labeled else []
    attach_spans(rows, read_spans())
    clean, spare_titles, spare_paragraphs = _read_ext_clean(corpus, n_titles, n_paragraphs, seed,
                                                            spare=8 * n_pages)
    # headlines and (shortish) article paragraphs of the clean corpora, for the splice pattern
    camouflage = [r.text for r in clean if r.source == "thucnews" or len(r.text) <= 160]
    if ext_clean:
        rows += clean
    if synthetic:
        rows += _synthetic_rows(n_synthetic, camouflage, seed)
    if lexicon:
        rows += _lexicon_rows(corpus, n_lexicon, camouflage, seed)
    if infected_pages:
        rows += _infected_pages(n_pages, spare_titles, spare_paragraphs, seed)
    if handwritten:
        rows += _handwritten_rows()
    return rows


AUX_WEIGHT = 0.5  # auxiliary rows count half: they are not the target pages


def fit_default(rows: list[Row], **params) -> SpamClassifier:
    """Fit the paragraph model and its page-context stage on ``rows`` (see module docstring).

    Hand-labeled rows are weighted 1 and validate (calibration, thresholds, figures); auxiliary
    rows weigh :data:`AUX_WEIGHT` and always train; ``page_context`` pseudo-page rows train the
    page-context stage only. One ``fit`` does it all, so ``clone(model).fit(...)`` with the same
    arguments gives the same model.
    """
    labeled = np.array([r.source == "labeled" for r in rows])
    params = {"page_context": True, "clause_model": True, "page_model": True, **params}
    return SpamClassifier(**params).fit(
        [r.text for r in rows], np.array([r.label for r in rows]),
        sample_weight=np.where(labeled, 1.0, AUX_WEIGHT),
        groups=np.array([r.host or r.page for r in rows]), validate_on=labeled,
        pages=[r.page for r in rows], paras=[r.para for r in rows],
        context_only=[r.source == "page_context" for r in rows],
        spans=[r.spans for r in rows])
