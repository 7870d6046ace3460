"""Reading labeled data, the shipped training recipe, and website-grouped evaluation.

The recipe behind ``models/spamdetect-default.npz`` (``spamdetect train -o FILE``, no data files):

* every paragraph of ``<corpus>/train.jsonl`` (hand-labeled pages; website = ``host``);
* clean article text from other corpora: ``ext/addetector-wechat-ads`` (``not_ad`` only) and
  ``ext/thucnews-titles``, because the hand-labeled pages are all infected ones and clean
  pages are what a scanner meets most;
* the project's synthetic generator (:mod:`spamdetect.synthetic`): injection blocks, promo
  bylines, keyword stuffing, and synthetic hard negatives (news *about* gambling), spliced
  with real clean headlines as camouflage;
* pseudo-pages for the page-context stage only (:func:`_infected_pages`): held-out clean
  articles with injected spam on top or inside, so the context model also sees the common case
  of a real article under a loud stuffed title, which the hand-labeled pages show little of.

Auxiliary rows always stay in training; calibration, the threshold and every figure come from
website-grouped folds over the hand-labeled rows only.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .model import SpamClassifier
from .predictor import PageContext, binary_metrics, chrome_mask
from .synthetic import generate

__all__ = ["DataError", "Row", "read_labeled", "find_corpus", "default_training_set",
           "fit_default", "cross_validate", "LABELS"]

LABELS = ("article", "spam")


class DataError(ValueError):
    """A training file has a bad row; the message names the file and line."""


@dataclass
class Row:
    text: str
    label: str
    host: str = ""
    page: str = ""
    para: int = 0
    kind: str | None = None
    unsure: bool = False
    source: str = "labeled"


def _open_text(path: Path):
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8-sig")
    return open(path, encoding="utf-8-sig")  # -sig: a BOM (Windows editors) is not part of line 1


def read_labeled(paths) -> list[Row]:
    """Read JSON Lines files of labeled paragraphs (the corpus format: ``text``, ``label``, and
    optionally ``host``, ``page``, ``para``, ``kind``, ``unsure``).

    All rows of all files are checked before anything is returned: a line that is not JSON,
    lacks ``text``/``label``, has a non-string text or an unknown label raises
    :class:`DataError` naming ``file:line``. Blank lines are skipped.
    """
    rows: list[Row] = []
    for path in map(Path, [paths] if isinstance(paths, (str, os.PathLike)) else paths):
        try:
            fh = _open_text(path)
        except OSError as exc:
            raise DataError(f"{path}: cannot open ({exc.strerror or exc})") from None
        with fh:
            try:
                for lineno, line in enumerate(fh, 1):
                    if not line.strip():
                        continue
                    where = f"{path}:{lineno}"
                    try:
                        obj = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise DataError(f"{where}: not valid JSON ({exc.msg})") from None
                    if not isinstance(obj, dict):
                        raise DataError(f"{where}: expected a JSON object")
                    text, label = obj.get("text"), obj.get("label")
                    if not isinstance(text, str):
                        raise DataError(f"{where}: 'text' missing or not a string")
                    if label not in LABELS:
                        raise DataError(f"{where}: unknown label {label!r} (expected one of {LABELS})")
                    host = str(obj.get("host") or "")
                    rows.append(Row(text=text, label=label, host=host,
                                    page=str(obj.get("page") or host or f"{path}:{lineno}"),
                                    para=int(obj.get("para") or 0), kind=obj.get("kind"),
                                    unsure=bool(obj.get("unsure", False))))
            except UnicodeDecodeError as exc:
                raise DataError(f"{path}: not UTF-8 ({exc.reason})") from None
    return rows


def find_corpus(corpus=None) -> Path | None:
    """The shared corpus folder: ``corpus``, ``$SPAMDETECT_CORPUS``, or ``../shared/corpus``
    beside the checkout. ``None`` when there is none."""
    candidates = [corpus, os.environ.get("SPAMDETECT_CORPUS"),
                  Path(__file__).resolve().parent.parent.parent / "shared" / "corpus",
                  Path.cwd().parent / "shared" / "corpus"]
    for c in candidates:
        if c and (Path(c) / "train.jsonl").is_file():
            return Path(c)
    return None


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


def _synthetic_rows(n: int, camouflage: list[str], seed: int) -> list[Row]:
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
                         infected_pages=True, n_titles=6000, n_paragraphs=4000, n_synthetic=4000,
                         n_lexicon=1500, n_pages=80, seed=0) -> list[Row]:
    """All rows of the shipped recipe; each switch drops one source (for the ablation)."""
    corpus = Path(corpus)
    rows: list[Row] = read_labeled([corpus / "train.jsonl"]) if labeled else []
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
    return rows


AUX_WEIGHT = 0.5  # auxiliary rows count half: they are not the target pages


def fit_default(rows: list[Row], **params) -> SpamClassifier:
    """Fit the paragraph model and the page-context model on ``rows`` (see module docstring)."""
    context_only = [r for r in rows if r.source == "page_context"]
    rows = [r for r in rows if r.source != "page_context"]
    texts = [r.text for r in rows]
    y = np.array([r.label for r in rows])
    groups = np.array([r.host or r.page for r in rows])
    labeled = np.array([r.source == "labeled" for r in rows])
    weight = np.where(labeled, 1.0, AUX_WEIGHT)
    model = SpamClassifier(**params).fit(texts, y, sample_weight=weight, groups=groups,
                                         validate_on=labeled)
    model.page_context_ = _fit_page_context(rows, labeled, model, context_only)
    return model


def _pages(rows: list[Row], idx) -> dict[str, list[int]]:
    pages: dict[str, list[int]] = {}
    for i in idx:
        pages.setdefault(rows[i].page, []).append(i)
    for members in pages.values():
        members.sort(key=lambda i: rows[i].para)
    return pages


def _fit_page_context(rows, labeled, model, context_only=()) -> PageContext | None:
    """The page-context stage, on out-of-fold scores of the labeled pages plus held-out scores
    of the ``page_context`` pseudo-pages (which do not choose the threshold)."""
    oof = getattr(model, "oof_proba_", None)
    if oof is None:
        return None
    members = list(_pages(rows, np.flatnonzero(labeled)).values())
    if len(members) < 5:
        return None
    pages = [[rows[i] for i in m] for m in members]
    probas = [oof[m] for m in members]
    counted = [True] * len(pages)
    extra = list(_pages(list(context_only), range(len(context_only))).values())
    if extra:
        scores = model.predict_proba([r.text for r in context_only])[:, 1]
        pages += [[context_only[i] for i in m] for m in extra]
        probas += [scores[m] for m in extra]
        counted += [False] * len(extra)
    predictor = model.predictor_
    texts = [[r.text for r in page] for page in pages]
    return PageContext(target_fpr=model.target_fpr).fit(
        probas, [[len(t) for t in page] for page in texts],
        [[r.label == "spam" for r in page] for page in pages],
        paragraph_threshold=model.threshold_, groups=[page[0].host for page in pages],
        pages_chrome=[chrome_mask(page) for page in texts],
        pages_kin=[predictor.kinship(page, p >= model.threshold_) for page, p in zip(texts, probas)],
        pages_counted=counted)


def score_rows_in_pages(model, rows: list[Row]) -> dict[str, np.ndarray]:
    """Score labeled rows three ways, grouping them into pages by ``page`` (ordered by ``para``).

    ``alone``: the paragraph model's probability; ``alone_spam``: its decision at the
    threshold; ``context_spam``: the decision with the page-context stage; ``page_spam``: what
    :func:`spamdetect.scan_page` reports, i.e. also every paragraph of a page judged a
    ``spam_page``.
    """
    from .pages import page_labels

    alone = model.predict_proba([r.text for r in rows])[:, 1]
    out = {"alone": alone, "alone_spam": alone >= model.threshold_,
           "in_page": alone.copy(), "context_spam": np.zeros(len(rows), bool),
           "page_spam": np.zeros(len(rows), bool)}
    for members in _pages(rows, range(len(rows))).values():
        m = np.array(members)
        texts = [rows[i].text for i in m]
        out["in_page"][m], spam = model.score_page(texts, proba=alone[m])
        out["context_spam"][m] = spam
        out["page_spam"][m] = page_labels(texts, spam)[1]
    return out


def cross_validate(rows: list[Row], *, folds=5, fit=fit_default, seed=0, **params) -> dict:
    """Website-grouped K-fold evaluation of a training recipe on the hand-labeled rows.

    Hosts of the labeled rows are split into ``folds``; each fold's model is fitted on the
    other hosts plus every auxiliary row and scored on the held-out hosts. Returns figures for
    paragraphs alone and in their page, with and without the rows marked ``unsure``, and the
    out-of-fold predictions for error analysis.
    """
    from sklearn.model_selection import GroupKFold

    labeled = np.flatnonzero([r.source == "labeled" for r in rows])
    aux = [rows[i] for i in np.flatnonzero([r.source != "labeled" for r in rows])]
    hosts = np.array([rows[i].host or rows[i].page for i in labeled])
    pred = {k: np.zeros(len(labeled), dtype=float if k in ("alone", "in_page") else bool)
            for k in ("alone", "in_page", "alone_spam", "context_spam", "page_spam")}
    for tr, te in GroupKFold(n_splits=folds).split(labeled, groups=hosts):
        model = fit([rows[i] for i in labeled[tr]] + aux, **params)
        scored = score_rows_in_pages(model, [rows[i] for i in labeled[te]])
        for k, v in scored.items():
            pred[k][te] = v
    y = np.array([rows[i].label == "spam" for i in labeled])
    sure = ~np.array([rows[i].unsure for i in labeled])
    return {
        "paragraph": binary_metrics(y, pred["alone_spam"]),
        "in_page": binary_metrics(y, pred["context_spam"]),
        "page_pipeline": binary_metrics(y, pred["page_spam"]),
        "page_pipeline_sure_only": binary_metrics(y[sure], pred["page_spam"][sure]),
        "n_labeled": int(len(labeled)), "n_hosts": int(len(set(hosts))), "folds": folds,
        "predictions": {"index": labeled.tolist(), **{k: v.tolist() for k, v in pred.items()}},
    }


def data_hash(rows: list[Row]) -> str:
    """SHA-256 over the training rows (text and label), recorded in the model's metadata."""
    h = hashlib.sha256()
    for r in rows:
        h.update(r.label.encode())
        h.update(b"\t")
        h.update(r.text.encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    return h.hexdigest()
