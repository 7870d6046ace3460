"""The estimator: TF-IDF features into a class-weighted logistic regression, with a calibrated
score and a decision threshold chosen for precision.

``SpamClassifier`` follows scikit-learn's conventions (parameters set in ``__init__`` and never
changed, fitted state in attributes ending in ``_``, ``fit`` returns ``self``), so it works with
``clone``, ``Pipeline`` and ``GridSearchCV``. It takes raw paragraphs (``str``) as ``X``.

Why a threshold of its own: every false positive deletes real journalism. When ``fit`` gets
``groups`` (the website each paragraph comes from), it scores every training paragraph
out-of-fold with folds grouped by website, fits a Platt sigmoid on those scores (so
``predict_proba`` is a calibrated probability of spam), and picks the lowest threshold whose
out-of-fold article false-positive rate stays within ``target_fpr``. With ``page_context=True``
and ``pages`` it also fits the page-context stage (:class:`~spamdetect.context.PageContext`) on
those out-of-fold scores, so ``clone(model).fit(...)`` gives the whole shipped model.

Fitting needs scikit-learn (the ``[train]`` extra); prediction does not: a model file loads as a
numpy :class:`~spamdetect.predictor.Predictor` (``spamdetect.load_model``/``classify``).
"""

from __future__ import annotations

import numpy as np

try:
    import scipy.sparse as sp
    from sklearn.base import BaseEstimator, ClassifierMixin, TransformerMixin
    from sklearn.calibration import _SigmoidCalibration
    from sklearn.linear_model import LogisticRegression
    from sklearn.utils.validation import check_is_fitted
except ImportError as exc:  # prediction never needs this module: see spamdetect.load_model
    raise ImportError(f"fitting a spamdetect model needs scikit-learn ({exc}); "
                      f"pip install 'spamdetect[train]'") from exc

from .context import (SUBSTANTIAL, PageContext, PageModel, chrome_mask, group_pages, has_phrase_promotion,
                      is_spam_page, logit, residue_mask, page_context_features, page_kinship, page_features,
                      pooled_pages, structural_mask)
from .features import VECTORIZER_PARAMS, FeatureSpace
from .normalize import normalize_many
from .predictor import ClauseModel, Predictor, _check_texts
from .spans import MAX_CANDIDATE_CHARS, Span, candidate_batch, candidates, cut_spans
from .scoring import binary_metrics, choose_threshold, grouped_oof, sigmoid

__all__ = ["SpamClassifier", "ChineseTfidfVectorizer", "PageContext", "choose_threshold",
           "fit_platt", "page_context_features", "VECTORIZER_PARAMS"]


class ChineseTfidfVectorizer(TransformerMixin, BaseEstimator):
    """Turn raw Chinese paragraphs into TF-IDF vectors of jieba words and character n-grams.

    A scikit-learn transformer around :class:`spamdetect.features.FeatureSpace`; text is
    normalised first (:func:`spamdetect.normalize.normalize_many`).

    Parameters
    ----------
    analyzer : {"both", "word", "char"}
        Which feature blocks to build.
    word_ngram_range, char_ngram_range : (int, int)
        Inclusive n-gram ranges; words go up to bigrams, characters up to trigrams.
    min_df : int
        Keep features that occur in at least this many training paragraphs.
    max_features : int or None
        Keep only the most frequent features of each block (bounds the model size).
    sublinear_tf : bool
        ``1 + log(tf)`` instead of raw counts, so a stuffed keyword does not drown the rest.
    tail_words : bool
        Add the words of each paragraph's last clause as a block of their own (injected
        promotions are appended to real text; see :func:`spamdetect.features.last_clause`).
    backend : {"auto", "rjieba", "jieba"}
        Which jieba binding segments (see :mod:`spamdetect.segment`); they give the same tokens.
    """

    def __init__(self, analyzer="both", word_ngram_range=(1, 2), char_ngram_range=(1, 3),
                 min_df=2, max_features=200_000, sublinear_tf=True, tail_words=True, backend="auto"):
        self.analyzer = analyzer
        self.tail_words = tail_words
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.sublinear_tf = sublinear_tf
        self.backend = backend

    def fit(self, raw_documents, y=None):
        texts = normalize_many(_as_list(raw_documents))
        self.features_ = FeatureSpace.fit(texts, **self.get_params())
        self.n_features_out_ = self.features_.n_features
        return self

    def transform(self, raw_documents):
        check_is_fitted(self, "features_")
        texts = normalize_many(_as_list(raw_documents))
        rows, cols, w = self.features_.triplets(texts)
        return sp.csr_matrix((w, (rows, cols)), shape=(len(texts), self.features_.n_features))

    def get_feature_names_out(self, input_features=None):
        """Readable names: ``w:百家乐``, ``w:登录 官网`` (word bigram), ``c:百家`` (characters)."""
        check_is_fitted(self, "features_")
        return self.features_.feature_names()


def _as_list(raw_documents) -> list:
    if isinstance(raw_documents, (str, bytes)):
        raise ValueError("expected an iterable of paragraphs, got a single string")
    return list(raw_documents)


def fit_platt(decision: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: (a, b) such that ``sigmoid(a * decision + b)`` is calibrated on ``y`` (0/1).

    scikit-learn's own Platt fit (``CalibratedClassifierCV(method="sigmoid")`` uses it), with
    Platt's smoothed targets. It models ``1 / (1 + exp(a' * d + b'))``, so the stored pair --
    the model file's format -- is ``(-a', -b')``.
    """
    cal = _SigmoidCalibration().fit(np.asarray(decision, dtype=float), np.asarray(y))
    return -float(cal.a_), -float(cal.b_)


PAGE_MODEL_SHARE = 0.9  # a promotion page by its labels: (nearly) all substantial paragraphs spam
AUX_CANDIDATES = 30  # candidates taken from each long auxiliary article paragraph


def _clause_rows(texts, y01, labeled, spans=None):
    """The clause model's training rows: ``(texts, labels, owner)``, ``owner`` the paragraph
    index each comes from.

    * a labeled article paragraph: every candidate (:func:`spamdetect.spans.candidates`) is an
      article clause -- the hard negatives of the clause model are the pieces of real reports;
    * a labeled spam paragraph with annotated ``spans`` (``{index: [(start, end)]}``): candidates
      inside a span are spam, candidates clear of every span article, the rest left out;
    * any other spam paragraph of at most ``MAX_CANDIDATE_CHARS`` characters is a spam clause
      as a whole (a stuffed title, a promo line); longer ones are left out: which of their
      pieces carries the promotion is not known;
    * auxiliary rows (``labeled`` False): short ones as they are, long articles by their first
      ``AUX_CANDIDATES`` candidates.
    """
    spans = {i: s for i, s in enumerate(spans or []) if s}
    out_t, out_y, owner = [], [], []

    def add(text, label, i):
        out_t.append(text)
        out_y.append(label)
        owner.append(i)

    for i, (text, label, real) in enumerate(zip(texts, y01, labeled)):
        short = len(text) <= MAX_CANDIDATE_CHARS
        if label == 0:
            cands = candidates(text)
            if not real:
                if short:
                    add(text, 0, i)
                    continue
                cands = cands[:AUX_CANDIDATES]
            for s, e in cands:
                add(text[s:e], 0, i)
        elif i in spans:
            marked = spans[i]
            for s, e in candidates(text):
                if any(a <= s and e <= b for a, b in marked):
                    add(text[s:e], 1, i)
                elif not any(s < b and a < e for a, b in marked):
                    add(text[s:e], 0, i)
        elif short:
            add(text, 1, i)
    return out_t, np.array(out_y, int), np.array(owner, int)


def _without_phrases(texts, y01, spans):
    """What the *paragraph* model learns from a mixed paragraph with annotated ``spans``: the
    real text left when its phrases are cut out, as an article (the phrases themselves teach
    the clause scorer). Learning the whole paragraph as spam would teach that a school's sports
    day or a byline is spam because a casino's name was put into it. Rows without spans, or
    whose rest is no text, are kept as they are."""
    if not spans or not any(spans):
        return texts, y01
    texts, y01 = list(texts), np.array(y01)
    for i, marked in enumerate(spans):
        if marked and y01[i] == 1:
            rest = cut_spans(texts[i], [Span(s, e, 1.0) for s, e in marked])
            if rest is not None:
                texts[i], y01[i] = rest, 0
    return texts, y01


def joint_thresholds(p, c, y, counted, target_fpr, shares=(0.0, 0.25, 0.5, 0.75, 1.0), mixed=None):
    """(paragraph threshold, clause threshold) for the lowest article false-positive rate
    budget ``target_fpr`` over the ``counted`` paragraphs, with the most spam recall.

    ``p``: out-of-fold paragraph probabilities; ``c``: out-of-fold best clause probability of
    each paragraph (0 without candidates). A paragraph is spam when ``p >= tp`` or
    ``c >= tc``; each split of the budget between the two (``shares``) is tried. With
    ``mixed`` (the paragraphs with an annotated phrase) the split with the most spam recall
    *plus* recall on the mixed paragraphs wins: spent on whole paragraphs alone, the budget buys
    a little more recall where the page stages find spam anyway, and leaves the phrases inside
    real text -- what only the clause scorer finds -- unfound.
    """
    p, c, y = np.asarray(p, float), np.asarray(c, float), np.asarray(y, bool)
    counted = np.asarray(counted, bool)
    neg = counted & ~y
    allowed = int(np.floor(target_fpr * neg.sum() + 1e-9))
    best = None
    for share in shares:
        tp = choose_threshold(p[counted], y[counted].astype(int), target_fpr * share)
        left = allowed - int(np.sum(neg & (p >= tp)))
        rest = np.sort(c[neg & (p < tp)])[::-1]
        if left < 0:
            continue
        tc = float(np.nextafter(rest[left], np.inf)) if left < len(rest) else 0.0
        tc = max(tc, 0.5)  # a clause is spam only when the clause model says so more than not
        found = (p >= tp) | (c >= tc)
        recall = float(found[y & counted].mean()) if (y & counted).any() else 0.0
        if mixed is not None and np.any(mixed):
            recall += float(found[np.asarray(mixed, bool)].mean())
        if best is None or recall > best[0]:
            best = (recall, tp, tc)
    return best[1], best[2]


class SpamClassifier(ClassifierMixin, BaseEstimator):
    """Tag Chinese paragraphs as spam (injected promotion) or article.

    Parameters
    ----------
    analyzer, word_ngram_range, char_ngram_range, min_df, max_features, sublinear_tf, tail_words, backend
        Passed to :class:`ChineseTfidfVectorizer` (the names in :data:`VECTORIZER_PARAMS`).
    C : float
        Inverse regularisation strength of the logistic regression.
    class_weight : "balanced", dict or None
        Spam and article counts differ from site to site; "balanced" keeps either from dominating.
    target_fpr : float
        Article false-positive budget used to choose the threshold when ``fit`` gets ``groups``
        (and the page-context threshold).
    cv : int
        Number of website-grouped folds for calibration and threshold selection.
    threshold : float
        Probability cut-off used when ``fit`` gets no ``groups`` (nothing to calibrate on).
    page_context : bool
        Also fit the page-context stage (needs ``groups`` and ``pages`` in ``fit``).
    clause_model : bool
        Also fit the clause scorer that finds spam *phrases* inside paragraphs
        (:mod:`spamdetect.spans`; needs ``groups``; ``spans`` in ``fit`` teaches it the phrases of
        mixed paragraphs).
    page_model : bool
        Also fit the :class:`~spamdetect.context.PageModel` that judges a page as a whole (needs
        ``groups`` and ``pages``).

    Attributes
    ----------
    classes_ : ndarray of the two labels; ``classes_[1]`` is the spam class.
    vectorizer_ : the fitted feature extractor.
    coef_, intercept_ : the linear model.
    calibration_ : (a, b) of the Platt sigmoid applied to ``decision_function``.
    threshold_ : the probability at or above which a paragraph is spam.
    validation_ : out-of-fold figures measured while choosing the threshold (or ``{}``).
    page_context_ : the fitted :class:`~spamdetect.context.PageContext`, or ``None``.
    clause_model_ : the fitted :class:`~spamdetect.predictor.ClauseModel`, or ``None``.
    page_model_ : the fitted :class:`~spamdetect.context.PageModel`, or ``None``.
    """

    def __init__(self, analyzer="both", word_ngram_range=(1, 2), char_ngram_range=(1, 3),
                 min_df=2, max_features=200_000, tail_words=True, C=10.0,
                 class_weight="balanced", target_fpr=0.005, cv=5, threshold=0.5, backend="auto",
                 sublinear_tf=True, page_context=False, clause_model=False, page_model=False):
        self.analyzer = analyzer
        self.tail_words = tail_words
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.class_weight = class_weight
        self.target_fpr = target_fpr
        self.cv = cv
        self.threshold = threshold
        self.backend = backend
        self.sublinear_tf = sublinear_tf
        self.page_context = page_context
        self.clause_model = clause_model
        self.page_model = page_model

    # -- fitting -------------------------------------------------------------------------------
    def _make_vectorizer(self):
        return ChineseTfidfVectorizer(**{k: getattr(self, k) for k in VECTORIZER_PARAMS})

    def _fit_linear(self, X, y01, sample_weight):
        vec = self._make_vectorizer()
        M = vec.fit_transform(X)
        lr = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear",
                                max_iter=1000)
        lr.fit(M, y01, sample_weight=sample_weight)
        return vec, lr

    def fit(self, X, y, sample_weight=None, groups=None, validate_on=None, pages=None,
            paras=None, context_only=None, spans=None):
        """Fit on raw paragraphs ``X`` and labels ``y`` (two classes, e.g. "article"/"spam").

        With ``groups`` (one website id per paragraph), calibrate the score and choose the
        threshold out-of-fold, folds grouped by website. ``validate_on`` (a boolean mask) limits
        the held-out rows to the ones that stand for real pages: auxiliary rows (synthetic text,
        clean text from other corpora) then always stay in training, and the threshold is set on
        real data only. ``sample_weight`` lets a caller weigh sources.

        The page-context stage (``page_context=True``): ``pages`` gives each paragraph's page id
        and ``paras`` its position in the page (default: the order of ``X``). The stage is fitted
        on the out-of-fold scores of the pages of the held-out rows (at least 5 pages, else
        ``page_context_`` is ``None``); its folds are grouped by the website of each page's first
        paragraph. Rows marked ``context_only`` (pseudo-pages) never train the paragraph model:
        the final paragraph model scores them, and their pages join the context fit without
        choosing its threshold.

        ``spans`` (with ``clause_model=True``): per paragraph, the annotated spam phrases of a
        mixed paragraph as ``(start, end)`` offsets, or ``None``. The paragraph threshold and the
        clause threshold are then chosen together, out-of-fold, for the most recall within
        ``target_fpr`` (:func:`joint_thresholds`).
        """
        X = _check_texts(X)
        y = np.asarray(y)
        if y.ndim != 1 or len(y) != len(X):
            raise ValueError(f"y must be 1-d with one label per paragraph ({len(X)}), got shape {y.shape}")
        per_row = {"sample_weight": sample_weight, "groups": groups, "validate_on": validate_on,
                   "pages": pages, "paras": paras, "context_only": context_only, "spans": spans}
        for name, v in per_row.items():
            if v is not None and len(v) != len(X):
                raise ValueError(f"{name} must have one entry per paragraph")
        if (self.page_context or self.page_model) and pages is None:
            raise ValueError("page_context=True and page_model=True need pages= (a page id per paragraph)")
        only = np.zeros(len(X), bool) if context_only is None else np.asarray(context_only, bool)
        X_all, y_all, groups_all = X, y, groups
        if only.any():
            # the pseudo-pages' rows never train the paragraph model (see _fit_page_context)
            keep = np.flatnonzero(~only)
            X, y = [X[i] for i in keep], y[keep]
            sample_weight, groups, validate_on = (
                None if v is None else np.asarray(v)[keep] for v in (sample_weight, groups, validate_on))
            spans_fit = None if spans is None else [spans[i] for i in keep]
        else:
            spans_fit = spans
        self.oof_clause_ = None
        self.classes_ = np.unique(y)
        if len(self.classes_) != 2:
            raise ValueError(f"need exactly two classes, got {self.classes_.tolist()}")
        y01 = (y == self.classes_[1]).astype(int)
        if sample_weight is not None:
            sample_weight = np.asarray(sample_weight, dtype=float)

        # hijack markup is spam by rule (context.residue_mask); the text model learning it
        # would learn that the word "id" is spam
        by_rule = residue_mask(X, page_of=np.arange(len(X)) if pages is None
                               else np.asarray(pages, dtype=object)[~only])
        self.calibration_ = (1.0, 0.0)
        self.threshold_ = float(self.threshold)
        self.validation_ = {}
        if groups is not None:
            groups = np.asarray(groups)
            held = np.ones(len(X), bool) if validate_on is None else np.asarray(validate_on, bool)
            val_idx = np.flatnonzero(held)
            always = np.flatnonzero(~held)
            n_splits = min(self.cv, len(np.unique(groups[val_idx])))
            clause_train = _clause_rows(X, y01, held, spans_fit) if self.clause_model else None
            X_learn, y_learn = _without_phrases(X, y01, spans_fit) if self.clause_model else (X, y01)
            clause_state = ((1.0, 0.0), 0.5)
            clause_oof = np.zeros(len(X))  # best clause margin of each held-out paragraph
            clause_margins = []  # (margin, label) of the held-out paragraphs' labeled clauses
            if n_splits >= 2:
                def fit_score(tr, te):
                    tr = np.concatenate([val_idx[tr], always])
                    tr = tr[~by_rule[tr]]
                    if len(np.unique(y_learn[tr])) < 2:
                        raise ValueError("a training fold holds only one class; use more websites")
                    sw = None if sample_weight is None else sample_weight[tr]
                    vec, lr = self._fit_linear([X_learn[i] for i in tr], y_learn[tr], sw)
                    test = val_idx[te]
                    if clause_train is not None:
                        clr = self._fit_clauses(vec, clause_train, tr, sample_weight)
                        self._score_held_clauses(vec, clr, X, test, clause_train, clause_oof,
                                                 clause_margins)
                    return lr.decision_function(vec.transform([X[i] for i in test]))

                y_val = y01[val_idx]
                oof = grouped_oof(fit_score, y_val, groups[val_idx], n_splits)
                self.calibration_ = fit_platt(oof, y_val)
                proba = sigmoid(self.calibration_[0] * oof + self.calibration_[1])
                self.threshold_ = choose_threshold(proba, y_val, self.target_fpr)
                self.oof_proba_ = np.full(len(X), np.nan)
                self.oof_proba_[val_idx] = proba
                flagged = proba >= self.threshold_
                if clause_train is not None and clause_margins:
                    m, lab = map(np.array, zip(*clause_margins))
                    clause_calibration = fit_platt(m, lab)
                    best = sigmoid(clause_calibration[0] * clause_oof[val_idx] + clause_calibration[1])
                    best[clause_oof[val_idx] == -np.inf] = 0.0
                    # lines that are never text; a forum post with an anti-copy jammer, which the
                    # decision also keeps article (context.is_jammed_post), is real text the
                    # models score and stays counted (left out, it let the thresholds drop)
                    never = structural_mask(normalize_many([X[i] for i in val_idx])) | \
                        chrome_mask([X[i] for i in val_idx])
                    mixed = (None if spans_fit is None else
                             np.array([bool(spans_fit[i]) for i in val_idx]))
                    self.threshold_, clause_threshold = joint_thresholds(
                        proba, best, y_val, ~never, self.target_fpr, mixed=mixed)
                    clause_state = (clause_calibration, clause_threshold)
                    self.oof_clause_ = np.full(len(X), np.nan)
                    self.oof_clause_[val_idx] = best
                    flagged = ((proba >= self.threshold_) | (best >= clause_threshold)) & ~never
                self.validation_ = binary_metrics(y_val, flagged)

        X_learn, y_learn = _without_phrases(X, y01, spans_fit) if self.clause_model else (X, y01)
        learn = np.flatnonzero(~by_rule)
        self.vectorizer_, lr = self._fit_linear([X_learn[i] for i in learn], y_learn[learn],
                                                None if sample_weight is None else sample_weight[learn])
        self.coef_ = lr.coef_.ravel().copy()
        self.intercept_ = float(lr.intercept_[0])
        self.clause_model_ = None
        if self.clause_model:
            clause_train = clause_train if groups is not None else _clause_rows(
                X, y01, np.ones(len(X), bool), spans_fit)
            clr = self._fit_clauses(self.vectorizer_, clause_train, np.arange(len(X)), sample_weight)
            calibration, threshold = clause_state if groups is not None else ((1.0, 0.0), 0.5)
            self.clause_model_ = ClauseModel(clr.coef_.ravel().copy(), float(clr.intercept_[0]),
                                             tuple(calibration), float(threshold))
        self.page_context_ = None
        self.page_model_ = None
        if self.page_model and groups is not None and getattr(self, "oof_proba_", None) is not None:
            self.page_model_ = self._fit_page_model(
                X, y01, np.asarray(pages, dtype=object)[~only],
                np.arange(len(X)) if paras is None else np.asarray(paras)[~only],
                groups, spans_fit)
        if self.page_context:
            page_groups = (np.full(len(X_all), "", dtype=object) if groups_all is None
                           else np.asarray(groups_all, dtype=object))
            order = np.arange(len(X_all)) if paras is None else np.asarray(paras)
            self.page_context_ = self._fit_page_context(
                X_all, y_all, np.asarray(pages, dtype=object), order, page_groups, only)
        return self

    def _fit_page_context(self, texts, y, page_ids, paras, groups, only) -> PageContext | None:
        """The page-context stage, on out-of-fold scores of the held-out rows' pages plus the
        final model's scores of the ``context_only`` pseudo-pages (which do not choose the
        threshold)."""
        oof = getattr(self, "oof_proba_", None)
        if oof is None:
            return None
        own = np.flatnonzero(~only)  # row numbers of X as fitted, in the caller's numbering
        held = own[~np.isnan(oof)]
        members = group_pages(page_ids, paras, held)
        if len(members) < 5:
            return None
        proba_of = np.full(len(only), np.nan)
        proba_of[own] = oof
        extra = group_pages(page_ids, paras, np.flatnonzero(only))
        if extra:
            pseudo = np.flatnonzero(only)
            proba_of[pseudo] = self.predict_proba([texts[i] for i in pseudo])[:, 1]
        alone_of = proba_of >= self.threshold_
        if self.oof_clause_ is not None and self.clause_model_ is not None:
            clause_of = np.zeros(len(only))
            clause_of[own] = np.nan_to_num(self.oof_clause_)
            alone_of |= clause_of >= self.clause_model_.threshold
        pages = members + extra
        page_texts = [[texts[i] for i in m] for m in pages]
        probas = [proba_of[m] for m in pages]
        spam_label = self.classes_[1]
        predictor = self.predictor_
        return PageContext(target_fpr=self.target_fpr).fit(
            probas, [[len(t) for t in page] for page in page_texts],
            [[y[i] == spam_label for i in m] for m in pages],
            paragraph_threshold=self.threshold_, groups=[groups[m[0]] for m in pages],
            pages_chrome=[chrome_mask(page) for page in page_texts],
            pages_kin=[page_kinship(predictor.features, page, p >= self.threshold_)
                       for page, p in zip(page_texts, probas)],
            pages_counted=[True] * len(members) + [False] * len(extra),
            pages_alone=[alone_of[m] for m in pages])

    def _fit_clauses(self, vec, clause_train, rows, sample_weight):
        """The clause scorer's logistic regression on the clause rows of paragraphs ``rows``."""
        texts, labels, owner = clause_train
        take = np.isin(owner, rows)
        weight = None if sample_weight is None else sample_weight[owner[take]]
        lr = LogisticRegression(C=self.C, class_weight=self.class_weight, solver="liblinear",
                                max_iter=1000)
        lr.fit(vec.transform([texts[i] for i in np.flatnonzero(take)]), labels[take],
               sample_weight=weight)
        return lr

    @staticmethod
    def _score_held_clauses(vec, lr, X, test, clause_train, best, margins):
        """Out-of-fold clause margins of the held-out paragraphs ``test``: the best candidate
        with promotion evidence of each (into ``best``), and the labeled clause rows (into
        ``margins``, for calibration)."""
        texts, labels, owner = clause_train
        mine = np.flatnonzero(np.isin(owner, test))
        if len(mine):
            m = lr.decision_function(vec.transform([texts[i] for i in mine]))
            margins.extend(zip(m.tolist(), labels[mine].tolist()))
        flat, cand_owner, _ = candidate_batch([X[i] for i in test])
        best[test] = -np.inf
        if not flat:
            return
        promoted = np.fromiter(map(has_phrase_promotion, normalize_many(flat)), bool, len(flat))
        if not promoted.any():
            return
        m = lr.decision_function(vec.transform([flat[i] for i in np.flatnonzero(promoted)]))
        np.maximum.at(best, test[np.asarray(cand_owner)[promoted]], m)

    def _fit_page_model(self, X, y01, page_ids, paras, groups, spans) -> PageModel | None:
        """The page model on the held-out rows' pages: out-of-fold paragraph scores and the
        pooled tf-idf of each page's text. A page is a spam page by its labels when at least
        :data:`PAGE_MODEL_SHARE` of its substantial paragraphs are spam, not counting annotated
        mixed paragraphs (a casino name put into every paragraph of a school's news is an
        infected article, not a promotion page; porn titles stacked over a mirrored article make
        half a page spam, not all of it)."""
        held = np.flatnonzero(~np.isnan(self.oof_proba_))
        members = [m for m in group_pages(page_ids, paras, held) if len(m)]
        if len(members) < 10:
            return None
        mixed = np.zeros(len(X), bool) if spans is None else np.array([bool(s) for s in spans])
        y_page = np.array([is_spam_page([len(X[i]) for i in m], (y01[m] == 1) & ~mixed[m],
                                        spam_share=PAGE_MODEL_SHARE) for m in members], int)
        if y_page.sum() < 2 or (1 - y_page).sum() < 2:
            return None
        flat = np.concatenate(members)
        normalized = normalize_many([X[i] for i in flat])
        rows, cols, w = self.vectorizer_.features_.triplets(normalized)
        page_of = np.repeat(np.arange(len(members)), [len(m) for m in members])
        pages, pcols, values = pooled_pages(rows, cols, w, page_of, len(members))
        matrix = sp.csr_matrix((values, (pages, pcols)),
                               shape=(len(members), self.vectorizer_.features_.n_features))
        logits = logit(self.oof_proba_)
        summaries = page_features(logits[flat], [len(X[i]) for i in flat], normalized,
                                  np.concatenate([[0], np.cumsum([len(m) for m in members])]))
        # what a spam_page verdict would delete: a substantial article paragraph, or the real
        # text of a mixed one
        sub = np.array([len(t) >= SUBSTANTIAL for t in X])
        at_stake = np.array([bool(np.any(sub[m] & ((y01[m] == 0) | mixed[m]))) for m in members])
        return PageModel().fit(matrix, summaries, y_page, [groups[m[0]] for m in members],
                               at_stake=at_stake)

    @property
    def predictor_(self) -> Predictor:
        """The fitted model as plain arrays (what ``predict*`` and persistence use).

        Built from the current fitted attributes on every access, so replacing ``coef_``,
        ``intercept_``, ``threshold_``, ``calibration_`` or ``page_context_`` takes effect at
        once; the expensive parts (the vocabulary hash indexes, feature names) are cached by the
        shared :class:`~spamdetect.features.FeatureSpace`, so this costs nothing to rebuild.
        """
        check_is_fitted(self, "coef_")
        return Predictor(self.vectorizer_.features_, self.coef_, self.intercept_,
                         tuple(self.calibration_), self.threshold_, self.classes_,
                         getattr(self, "page_context_", None),
                         clause_model=getattr(self, "clause_model_", None),
                         page_model=getattr(self, "page_model_", None))

    # -- prediction (delegated to the numpy predictor) ------------------------------------------
    def decision_function(self, X):
        """Raw linear margin; positive leans spam. Uncalibrated: use ``predict_proba`` for scores."""
        return self.predictor_.decision_function(X)

    def predict_proba(self, X):
        """Calibrated probabilities, columns in ``classes_`` order (column 1 is spam)."""
        return self.predictor_.predict_proba(X)

    def predict(self, X):
        """Labels, using the stored ``threshold_`` on the spam probability."""
        return self.predictor_.predict(X)

    def score_page(self, paragraphs, proba=None, *, threshold=None):
        """(scores, is_spam) for the paragraphs of one page, in page order, page context included.

        Use this, not ``predict``, for whole pages: with a fitted page-context stage
        (``page_context_``, fitted with ``page_context=True``) a bland paragraph on a gambling
        page is caught by its neighbours, and page chrome is never spam. Without a page-context
        stage it equals ``predict`` but for chrome. ``proba`` may pass already computed
        paragraph probabilities to avoid scoring twice; ``threshold`` replaces the paragraph
        threshold only (see :func:`spamdetect.context.page_scores`).
        """
        return self.predictor_.score_page(paragraphs, proba=proba, threshold=threshold)

    def score_pages(self, pages, *, threshold=None):
        """:meth:`score_page` of many pages (lists of paragraphs) from one vectorised pass."""
        return self.predictor_.score_pages(pages, threshold=threshold)

    def explain(self, X, top=8):
        """The features that moved each paragraph's decision most: ``[(feature, weight), ...]``.

        ``weight`` is the feature's contribution to the linear margin (tf-idf value times
        coefficient); positive pushes toward spam. Sorted by absolute size, largest first.
        """
        return self.predictor_.explain(X, top=top)

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

