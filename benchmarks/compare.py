#!/usr/bin/env python
"""spamdetect against its peers, side by side, from one command.

    python benchmarks/compare.py [--smoke] [--folds K] [--seed S] [--corpus DIR] [--out FILE]

Every system is trained on the same website-grouped training split of ``<corpus>/train.jsonl``
and scores the same held-out websites (``host``): K folds (default 5) over the hosts, split by
``GroupKFold`` exactly as ``spamdetect evaluate --cv K`` splits them (so the whole-page row is
that command's figures), every paragraph scored once by the model that did not see its website;
figures pool the out-of-fold predictions. Systems (see ``peers.py``):

1. keyword filter: Aho-Corasick over the gambling/porn word lists, OpenCC t2s first, flag on any hit;
2. the design taken literally: ``jieba.lcut`` -> ``TfidfVectorizer`` -> ``LogisticRegression()``;
3. fastText supervised on jieba tokens, word bigrams, tutorial settings, ``thread=1``;
4. spamdetect with its shipped configuration: the training recipe of ``spamdetect.training``
   (train.jsonl rows of the training hosts + clean text from other corpora + synthetic rows)
   scored paragraph by paragraph with ``classify_many``; and, as a fifth row, the same models
   scoring each page as ``spamdetect scan`` does, through
   ``spamdetect.training.score_rows_in_pages`` (the path of ``spamdetect evaluate``:
   ``context.decide_pages``, page context, clause spans, the page verdict).

The peers are paragraph classifiers: their page figures are their paragraph decisions.

Accuracy columns: the real pages of train.jsonl, out of fold, every row (``unsure`` ones too),
through ``spamdetect.training.evaluate.page_figures`` -- the figures of ``spamdetect evaluate
--cv K``, not computed again here:
  infected pages (pages with >= 1 ``spam`` row): spam precision / recall / F1 over their
      paragraphs, recall on ``mixed`` paragraphs, share of infected pages with >= 1 flag;
  clean pages (no ``spam`` row): article FPR over their paragraphs, share of clean pages with
      >= 1 flag, clean pages whose verdict is ``spam_page`` (the whole-page row only: the other
      systems give no page verdict);
  hard-neg FPR: ``article`` rows of every page that mention gambling, lottery or porn
      (``evaluate.HARD_NEGATIVE_TERMS`` on normalised text), flagged.
Secondary table (text from outside the corpus, no system trains on it; kept for continuity
with the runs before the corpus had clean pages): pseudo clean pages (1 THUCNews title + 9
addetector ``not_ad`` paragraphs) with >= 1 flag, each scored by every fold's model, and
outside hard negatives (THUCNews titles, addetector ``not_ad`` paragraphs matching the same
terms; ``data/fixtures/hard_negatives.jsonl`` when present) flagged.
Speed columns:
  paragraphs/s, MB/s: end to end (tokenisation included) on one core: a fresh process with
      OMP/BLAS/Rayon thread pools set to 1 scores a fixed list of distinct real paragraphs
      (train.jsonl + addetector) through the system's public path; median wall time of
      ``--repeats``; MB = 10^6 bytes of UTF-8 text. Not pinned to a CPU (pinning can land on a
      busy one); instead the notes give CPU time / wall time of each run: ~1.0 means one core
      fully used, above 1 would mean more than one thread worked, below 1 that the process
      waited for a busy machine. As a reference (not a row), the fastText model is also timed
      with rjieba tokens, the fast segmenter spamdetect itself uses;
  cold start: wall time of a fresh ``python -c`` that imports, loads the model from disk and
      answers one paragraph; median of 3 (after one untimed run that warms the file cache);
  model size: the model file on disk; peak memory: peak RSS (``VmHWM``, i.e. ``ru_maxrss``
      without what the forked-from benchmark process held) of the throughput process: load +
      scoring everything.
For spamdetect the speed, cold-start, size and memory figures are of the shipped model file
(``models/spamdetect-default.npz``) when it exists, else of the first fold's model; for the
peers, of the first fold's model.

``--smoke`` (a CI check that the script runs, not a benchmark) uses a few hundred paragraphs of
whole websites (clean pages and spam pages on the training side of both folds: the recipe's page
model learns from both), 2 folds, 1 repeat, small auxiliary sets and writes no results file
unless ``--out`` is given. A full run writes ``benchmarks/results.md``.
"""

from __future__ import annotations

import os

# One core means one thread everywhere: set before numpy / scikit-learn / fastText load.
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
               "VECLIB_MAXIMUM_THREADS", "RAYON_NUM_THREADS", "BLIS_NUM_THREADS")
for _var in THREAD_VARS:
    os.environ[_var] = "1"

import argparse  # noqa: E402
import datetime  # noqa: E402
import inspect  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
for _p in (str(HERE), str(REPO)):
    if _p not in sys.path:
        sys.path.insert(0, _p)

import peers  # noqa: E402
from spamdetect.normalize import normalize_many  # noqa: E402
from spamdetect.scoring import binary_metrics  # noqa: E402
from spamdetect.training.data import Row  # noqa: E402
# The figures of `spamdetect evaluate` and its hard-negative words (text *about* gambling,
# lottery or porn, matched on normalised text): one definition for the CLI and the benchmark.
from spamdetect.training.evaluate import HARD_NEGATIVE_TERMS, page_figures  # noqa: E402

HARD_NEGATIVES_FIXTURE = REPO / "data" / "fixtures" / "hard_negatives.jsonl"
SAMPLE = "12月28日,时事1:百家乐登录官网,太阳城官网是多少,365bet滚球盘网址。"

FULL = dict(folds=5, repeats=3, cold_runs=3, clean_pages=300, hard_cap=None, speed_bytes=2_000_000,
            labeled_rows=None, aux=None)
SMOKE = dict(folds=2, repeats=1, cold_runs=1, clean_pages=12, hard_cap=60, speed_bytes=60_000,
             labeled_rows=300, aux=dict(n_titles=300, n_paragraphs=200, n_synthetic=200, n_lexicon=100))

TARGETS = dict(mb_per_s=10.0, cold_s=1.0, model_mb=20.0, peak_mb=300.0, runtime_s=600.0)
# issue 8, item 2: the page pipeline on the real pages (not loosened)
PAGE_TARGETS = dict(spam_f1=0.93, mixed_recall=0.85, pages_found=0.97, article_fpr=0.005,
                    hard_fpr=0.01, clean_flagged=0.03, clean_spam_pages=0)


# -- data ----------------------------------------------------------------------------------------
def find_corpus(arg=None) -> Path | None:
    for c in (arg, os.environ.get("SPAMDETECT_CORPUS"), REPO.parent / "shared" / "corpus"):
        if c and (Path(c) / "train.jsonl").is_file():
            return Path(c)
    return None


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def smoke_subset(rows: list[dict], n: int, seed: int, k: int = 2) -> list[int]:
    """Indices of whole hosts, drawn at random, until there are >= n rows and, on the training
    side of each of the ``k`` folds, clean pages and spam pages (>= 90 % spam rows, not counting
    ``mixed`` ones) of two websites or more: the recipe's page model learns from both kinds."""
    by_host: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        by_host.setdefault(r["host"], []).append(i)
    hosts = sorted(by_host)
    random.Random(seed).shuffle(hosts)

    def enough(picked):
        pages: dict[str, list[dict]] = {}
        for i in picked:
            pages.setdefault(rows[i]["page"], []).append(rows[i])
        spam_page = {p: sum(r["label"] == "spam" and not r.get("mixed") for r in m) >= 0.9 * len(m)
                     for p, m in pages.items()}
        clean = {p: not any(r["label"] == "spam" for r in m) for p, m in pages.items()}
        picked_hosts = [rows[i]["host"] or rows[i]["page"] for i in picked]
        for train, _ in host_folds(picked_hosts, k):
            train_rows = [rows[picked[j]] for j in train]
            if (len({r["host"] for r in train_rows if spam_page[r["page"]]}) < 2
                    or len({r["host"] for r in train_rows if clean[r["page"]]}) < 2):
                return False
        return True

    picked: list[int] = []
    for h in hosts:
        picked = sorted(picked + by_host[h])
        if len(picked) >= n and len({rows[i]["host"] for i in picked}) >= k and enough(picked):
            break
    return picked


def host_folds(hosts: list[str], k: int) -> list[tuple[list[int], list[int]]]:
    """K (train, test) index lists; no host on both sides: ``GroupKFold(k)`` over the hosts, the
    split of ``spamdetect.training.cross_validate`` (``spamdetect evaluate --cv K``)."""
    from sklearn.model_selection import GroupKFold

    if len(set(hosts)) < k:
        raise SystemExit(f"--folds {k}: only {len(set(hosts))} hosts")
    return [(tr.tolist(), te.tolist()) for tr, te in GroupKFold(n_splits=k).split(hosts, groups=hosts)]


def as_rows(rows: list[dict]) -> list[Row]:
    """The benchmark's train.jsonl rows as ``spamdetect.training`` rows, for ``page_figures`` and
    ``score_rows_in_pages`` (what ``read_labeled`` makes of them)."""
    return [Row(text=r["text"], label=r["label"], host=str(r.get("host") or ""),
                page=str(r.get("page") or r.get("host") or ""), para=int(r.get("para") or 0),
                kind=r.get("kind"), unsure=bool(r.get("unsure", False)), mixed=bool(r.get("mixed", False)))
            for r in rows]


class EvalSets:
    """Hard negatives and clean pseudo-pages from text that no system trains on."""

    def __init__(self, corpus: Path, excluded: set[str], cfg: dict, seed: int):
        import opencc

        s2twp = opencc.OpenCC("s2twp").convert
        # the recipe trains on some titles / paragraphs, half of them rewritten with s2twp
        fresh = lambda t: t not in excluded and s2twp(t) not in excluded  # noqa: E731
        rng = random.Random(seed)
        titles = [o["text"] for o in read_jsonl(corpus / "ext" / "thucnews-titles" / "thucnews_titles.jsonl")]
        paras = [o["text"] for o in read_jsonl(corpus / "ext" / "addetector-wechat-ads" / "addetector.jsonl")
                 if o.get("label") == "not_ad"]
        self.excluded_seen = 0

        # hard negatives from outside the corpus (those of train.jsonl are page_figures' own)
        ext_hard: list[tuple[str, str]] = []
        for source, texts in (("thucnews", titles), ("addetector", paras)):
            for t, norm in zip(texts, normalize_many(texts)):
                if HARD_NEGATIVE_TERMS.search(norm):
                    if fresh(t):
                        ext_hard.append((source, t))
                    else:
                        self.excluded_seen += 1
        rng.shuffle(ext_hard)
        if cfg["hard_cap"]:
            ext_hard = ext_hard[: cfg["hard_cap"]]
        self.fixture_rows = 0
        if HARD_NEGATIVES_FIXTURE.is_file():
            for o in read_jsonl(HARD_NEGATIVES_FIXTURE):
                if isinstance(o.get("text"), str) and o.get("label", "article") == "article":
                    ext_hard.append(("fixture", o["text"]))
                    self.fixture_rows += 1
        self.hard_sources = [s for s, _ in ext_hard]
        self.hard_texts = [t for _, t in ext_hard]

        # clean pseudo-pages: one title + nine paragraphs
        hard_set = set(self.hard_texts)
        pool_t = [t for t in titles if t not in hard_set]
        pool_p = [t for t in paras if t not in hard_set and t.strip()]
        rng.shuffle(pool_t)
        rng.shuffle(pool_p)
        self.clean_pages: list[list[str]] = []
        it_t, it_p = iter(pool_t), iter(pool_p)
        while len(self.clean_pages) < cfg["clean_pages"]:
            try:
                page = [next(t for t in it_t if fresh(t))]
                page += [next(t for t in it_p if fresh(t)) for _ in range(9)]
            except StopIteration:
                break
            self.clean_pages.append(page)


def speed_texts(corpus: Path, rows: list[dict], n_bytes: int, seed: int) -> list[str]:
    """Distinct real paragraphs (train.jsonl, then addetector, shuffled) up to ``n_bytes``."""
    texts = [r["text"] for r in rows]
    extra = [o["text"] for o in read_jsonl(corpus / "ext" / "addetector-wechat-ads" / "addetector.jsonl")]
    random.Random(seed).shuffle(extra)
    seen: set[str] = set()
    out, size = [], 0
    for t in texts + extra:
        if t in seen or not t.strip():
            continue
        seen.add(t)
        out.append(t)
        size += len(t.encode("utf-8"))
        if size >= n_bytes:
            break
    random.Random(seed + 1).shuffle(out)
    return out


# -- systems -------------------------------------------------------------------------------------
class Peer:
    """One of the three systems of ``peers.py``."""

    page_aware = False
    measure_speed = True

    def __init__(self, key: str, title: str, corpus: Path, workdir: Path, seed: int):
        self.key, self.title, self.corpus, self.workdir, self.seed = key, title, corpus, workdir, seed
        self.notes: list[str] = []
        self._automaton = None

    def fit(self, rows: list[dict], train: list[int]):
        texts = [rows[i]["text"] for i in train]
        labels = [rows[i]["label"] for i in train]
        if self.key == "keyword":  # nothing to learn: the same automaton every fold
            if self._automaton is None:
                self._automaton = peers.build_keyword(self.corpus)
            return self._automaton
        if self.key == "literal":
            return peers.fit_literal(texts, labels)
        return peers.fit_fasttext(texts, labels, self.workdir, seed=self.seed)

    def scorer(self, model):
        return {"keyword": peers.keyword_scorer, "literal": peers.literal_scorer,
                "fasttext": peers.fasttext_scorer}[self.key](model)

    def save(self, model) -> Path:
        ext = {"keyword": "pkl", "literal": "pkl", "fasttext": "bin"}[self.key]
        path = self.workdir / f"{self.key}-fold0.{ext}"
        return {"keyword": peers.save_keyword, "literal": peers.save_literal,
                "fasttext": peers.save_fasttext}[self.key](model, path)

    def load_code(self, path: Path) -> str:
        return f"import peers\nscore = peers.load_{self.key}({str(path)!r})\n"

    def env(self, path: Path) -> dict:
        return {}


class DataMatchedFastText(Peer):
    """fastText given spamdetect's whole training set (the training hosts' rows + the recipe's
    auxiliary rows): an ablation that separates what the data buys from what the model buys.
    Not one of the four systems; its speed is the fastText row's."""

    measure_speed = False

    def __init__(self, corpus: Path, workdir: Path, seed: int, aux):
        super().__init__("fasttext", "ablation: fastText on spamdetect's training data", corpus, workdir, seed)
        self.key = "fasttext-data"
        self.aux = aux

    def fit(self, rows: list[dict], train: list[int]):
        texts = [rows[i]["text"] for i in train] + [r.text for r in self.aux]
        labels = [rows[i]["label"] for i in train] + [r.label for r in self.aux]
        return peers.fit_fasttext(texts, labels, self.workdir, seed=self.seed)

    def scorer(self, model):
        return peers.fasttext_scorer(model)


class Spamdetect:
    """spamdetect fitted with its shipped recipe on the training hosts."""

    key = "spamdetect"
    title = "spamdetect (shipped configuration)"
    page_aware = True
    measure_speed = True

    def __init__(self, corpus: Path, rows: list[dict], workdir: Path, cfg: dict, seed: int):
        self.workdir = workdir
        self.notes: list[str] = []
        self.labeled = None
        self.aux = []
        try:
            from spamdetect import training as T

            self.T = T
            recipe = getattr(T, "default_training_set", None)
            self.fit_recipe = getattr(T, "fit_default", None)
        except ImportError:
            recipe = self.fit_recipe = None
        if recipe is not None and self.fit_recipe is not None:
            wanted = dict(cfg["aux"] or {}, seed=0)
            accepted = inspect.signature(recipe).parameters
            kwargs = {k: v for k, v in wanted.items() if k in accepted}
            all_rows = recipe(corpus, **kwargs)
            labeled = [r for r in all_rows if r.source == "labeled"]
            full = read_jsonl(corpus / "train.jsonl")
            if len(labeled) != len(full) or any(a.text != b["text"] for a, b in zip(labeled, full)):
                raise SystemExit("spamdetect.training read train.jsonl differently from the benchmark")
            self.labeled = labeled
            self.aux = [r for r in all_rows if r.source != "labeled"]
            counts: dict[str, int] = {}
            for r in self.aux:
                counts[r.source] = counts.get(r.source, 0) + 1
            self.mode = "recipe"
            self.notes.append("spamdetect: `spamdetect.training.fit_default` on the training hosts' "
                              "train.jsonl rows + auxiliary rows (" +
                              ", ".join(f"{k} {v:,}" for k, v in sorted(counts.items())) +
                              (f"; smoke sizes {kwargs}" if cfg["aux"] else "") + ")")
        else:
            self.mode = "defaults"
            self.notes.append("spamdetect: the training recipe was not available; "
                              "`SpamClassifier()` defaults fitted on the training hosts' rows")
        self.full_index = None

    def set_index(self, full_index: list[int]):
        """Map benchmark row numbers to train.jsonl line order (they differ only in smoke mode)."""
        self.full_index = full_index

    def excluded_texts(self) -> set[str]:
        return {r.text for r in self.aux}

    def fit(self, rows: list[dict], train: list[int]):
        if self.mode == "recipe":
            train_rows = [self.labeled[self.full_index[i]] for i in train]
            return self.fit_recipe(train_rows + self.aux)
        from spamdetect.model import SpamClassifier

        return SpamClassifier().fit([rows[i]["text"] for i in train], [rows[i]["label"] for i in train])

    def scorer(self, model):
        from spamdetect import classify_many

        def score(texts):
            return [c.label == "spam" for c in classify_many(list(texts), model=model)]

        return score

    def page_scorer(self, model):
        """Rows (``spamdetect.training`` rows, whole pages) -> (spam flag per row, verdict per
        page): the path of ``spamdetect evaluate`` (``decide_pages``, as ``scan_page``)."""
        from spamdetect.training import score_rows_in_pages

        def score_pages(page_rows):
            scored = score_rows_in_pages(model, page_rows)
            return scored["page_spam"].tolist(), scored["verdicts"]

        return score_pages

    def pseudo_page_scorer(self, model):
        from spamdetect.context import decide_pages

        def score(pages):
            return [d.is_spam.tolist() for d in decide_pages(model, pages)]

        return score

    def save(self, model) -> Path:
        from spamdetect.api import default_model_path

        shipped = default_model_path()
        if shipped.is_file():
            self.notes.append(f"spamdetect speed, cold start, size and memory: the shipped model "
                              f"`{_rel(shipped)}`")
            return shipped
        from spamdetect.persist import save_model

        path = self.workdir / "spamdetect-fold0.npz"
        save_model(model, path)
        self.notes.append("spamdetect speed, cold start, size and memory: the first fold's model "
                          "(no shipped model file found)")
        return path

    def load_code(self, path: Path) -> str:
        return ("from spamdetect import classify_many\n"
                "def score(texts):\n"
                "    return [c.label == 'spam' for c in classify_many(texts)]\n")

    def env(self, path: Path) -> dict:
        return {"SPAMDETECT_MODEL": str(path)}


class _RjiebaFastText:
    """The fastText row's model tokenised with rjieba instead of jieba: a speed reference only."""

    def __init__(self, peer: Peer):
        self.peer = peer

    def load_code(self, path: Path) -> str:
        return f"import peers\nscore = peers.load_fasttext({str(path)!r}, tokenizer='rjieba')\n"

    def env(self, path: Path) -> dict:
        return {}


def _rel(path: Path) -> str:
    try:
        return str(Path(path).resolve().relative_to(REPO))
    except ValueError:
        return str(path)


# -- fresh-process measurements ------------------------------------------------------------------
def _child_env(extra: dict) -> dict:
    env = dict(os.environ)
    env.update({v: "1" for v in THREAD_VARS})
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    env.update(extra)
    return env


def _run(code: str, env: dict) -> subprocess.CompletedProcess:
    res = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                         cwd=str(REPO))
    if res.returncode != 0:
        raise RuntimeError(f"child process failed ({res.returncode}):\n{res.stderr[-3000:]}")
    return res


def cold_start(system, path: Path, runs: int) -> float:
    code = system.load_code(path) + f"score([{SAMPLE!r}])\n"
    env = _child_env(system.env(path))
    _run(code, env)  # untimed: compiles bytecode, warms the file cache
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        _run(code, env)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def speed_and_memory(system, path: Path, textfile: Path, repeats: int) -> dict:
    code = system.load_code(path) + f"""
import json, resource, time
texts = json.load(open({str(textfile)!r}, encoding="utf-8"))
score(texts[:20])
times, cpu = [], []
for _ in range({repeats}):
    t0, c0 = time.perf_counter(), time.process_time()
    flags = score(texts)
    times.append(time.perf_counter() - t0)
    cpu.append(time.process_time() - c0)
# VmHWM: the peak RSS of this program alone. ru_maxrss would also count the benchmark process
# this child was forked from (Linux keeps the high-water mark across exec).
peak_kb = None
try:
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            peak_kb = int(line.split()[1])
except OSError:
    pass
if peak_kb is None:
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"times": times, "cpu": cpu, "flagged": int(sum(map(bool, flags))), "maxrss_kb": peak_kb}}))
"""
    res = _run(code, _child_env(system.env(path)))
    return json.loads(res.stdout.strip().splitlines()[-1])


# -- metrics -------------------------------------------------------------------------------------
class Result:
    def __init__(self, key, title, n_rows):
        self.key, self.title = key, title
        self.flags = [False] * n_rows
        self.verdicts: dict | None = None  # page -> verdict: the whole-page row only
        self.hard_flags: list[tuple[str, bool]] = []
        self.clean_page_flags: list[bool] = []
        self.clean_para_flags: list[bool] = []
        self.fit_s: list[float] = []
        self.figures: dict = {}
        self.speed: dict = {}


def run(args) -> tuple[str, dict]:
    t_start = time.perf_counter()
    cfg = dict(SMOKE if args.smoke else FULL)
    if args.folds:
        cfg["folds"] = args.folds
    if args.repeats:
        cfg["repeats"] = args.repeats
    corpus = find_corpus(args.corpus)
    if corpus is None:
        raise SystemExit("no corpus: pass --corpus DIR or set SPAMDETECT_CORPUS "
                         f"(looked for {REPO.parent / 'shared' / 'corpus'})")
    all_rows = read_jsonl(corpus / "train.jsonl")
    index = (smoke_subset(all_rows, cfg["labeled_rows"], args.seed, cfg["folds"]) if cfg["labeled_rows"]
             else list(range(len(all_rows))))
    rows = [all_rows[i] for i in index]
    eval_rows = as_rows(rows)
    hosts = [r.host or r.page for r in eval_rows]
    folds = host_folds(hosts, cfg["folds"])
    only = set(args.only.split(",")) if args.only else None

    workdir = Path(tempfile.mkdtemp(prefix="spamdetect-compare-"))
    systems = [
        Peer("keyword", "keyword filter (Aho-Corasick, t2s)", corpus, workdir, args.seed),
        Peer("literal", "jieba + TfidfVectorizer + LogisticRegression()", corpus, workdir, args.seed),
        Peer("fasttext", "fastText (jieba tokens, bigrams)", corpus, workdir, args.seed),
    ]
    sd = Spamdetect(corpus, all_rows, workdir, cfg, args.seed)
    sd.set_index(index)
    systems.append(sd)
    if sd.aux and not args.no_ablation:
        systems.append(DataMatchedFastText(corpus, workdir, args.seed, sd.aux))
    systems = [s for s in systems if only is None or s.key in only]
    evalsets = EvalSets(corpus, sd.excluded_texts(), cfg, args.seed)
    clean_flat = [t for page in evalsets.clean_pages for t in page]

    results = {}
    for s in systems:
        results[s.key] = Result(s.key, s.title, len(rows))
        if s.page_aware:
            results["spamdetect-page"] = Result("spamdetect-page", "spamdetect, whole page (as scan reports it)",
                                                len(rows))
            results["spamdetect-page"].verdicts = {}
    deploy: dict[str, Path] = {}

    for f, (train, test) in enumerate(folds):
        for s in systems:
            res = results[s.key]
            t0 = time.perf_counter()
            model = s.fit(rows, train)
            res.fit_s.append(time.perf_counter() - t0)
            score = s.scorer(model)
            flags = score([rows[i]["text"] for i in test])
            for i, fl in zip(test, flags):
                res.flags[i] = bool(fl)
            # outside the corpus (secondary table)
            hard = score(evalsets.hard_texts) if evalsets.hard_texts else []
            res.hard_flags += list(zip(evalsets.hard_sources, map(bool, hard)))
            clean = score(clean_flat) if clean_flat else []
            res.clean_para_flags += list(map(bool, clean))
            for k in range(len(evalsets.clean_pages)):
                res.clean_page_flags.append(any(clean[10 * k: 10 * k + 10]))
            if s.page_aware:
                pres = results["spamdetect-page"]
                page_flags, verdicts = s.page_scorer(model)([eval_rows[i] for i in test])
                for i, fl in zip(test, page_flags):
                    pres.flags[i] = bool(fl)
                pres.verdicts.update(verdicts)
                pres.hard_flags += list(zip(evalsets.hard_sources, map(bool, hard)))  # single paragraphs
                for pf in s.pseudo_page_scorer(model)(evalsets.clean_pages):
                    pres.clean_para_flags += pf
                    pres.clean_page_flags.append(any(pf))
            if f == 0 and s.measure_speed:
                deploy[s.key] = s.save(model)
            del model, score
        print(f"fold {f + 1}/{len(folds)}: {len(test)} held-out paragraphs from "
              f"{len({hosts[i] for i in test})} hosts", file=sys.stderr)

    # accuracy figures: spamdetect evaluate's, on the real pages, out of fold
    for res in results.values():
        fig = page_figures(eval_rows, res.flags, res.verdicts or {})
        if res.verdicts is None:  # a paragraph classifier gives no page verdict
            fig["infected_pages"]["spam_pages_called_spam_page"] = None
            fig["clean_pages"]["pages_called_spam_page"] = None
        fig["paragraphs"] = binary_metrics([r.label == "spam" for r in eval_rows], res.flags)
        fig["f1_folds"] = []
        for _, test in folds:
            ff = page_figures([eval_rows[i] for i in test], [res.flags[i] for i in test], {})
            if ff["infected_pages"]["pages"]:
                fig["f1_folds"].append(ff["infected_pages"]["spam_f1"])
        by_source: dict[str, list[bool]] = {}
        for src, fl in res.hard_flags:
            by_source.setdefault(src, []).append(fl)
        # scored by every fold's model: rate over all scores, n = distinct texts
        fig["outside"] = {
            "hard_by_source": {k: (sum(v) / len(v), len(v) // len(folds)) for k, v in by_source.items() if v},
            "pseudo_pages": len(evalsets.clean_pages),
            "pseudo_page_flagged": (sum(res.clean_page_flags) / len(res.clean_page_flags)
                                    if res.clean_page_flags else None),
            "pseudo_para_fpr": (sum(res.clean_para_flags) / len(res.clean_para_flags)
                                if res.clean_para_flags else None)}
        res.figures = fig

    # speed, cold start, size, memory (fresh processes, one core)
    texts = speed_texts(corpus, all_rows, cfg["speed_bytes"], args.seed)
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    textfile = workdir / "speed-texts.json"
    textfile.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    fasttext_rjieba_mb_s = None
    for s in systems:
        if not s.measure_speed:
            continue
        path = deploy[s.key]
        sp = speed_and_memory(s, path, textfile, cfg["repeats"])
        t = statistics.median(sp["times"])
        results[s.key].speed = dict(
            para_s=len(texts) / t, mb_s=n_bytes / t / 1e6, seconds=t,
            cpu_ratio=statistics.median(c / w for c, w in zip(sp["cpu"], sp["times"])),
            cold_s=cold_start(s, path, cfg["cold_runs"]),
            model_mb=path.stat().st_size / 1e6, peak_mb=sp["maxrss_kb"] / 1024)
        print(f"{s.key}: {results[s.key].speed['mb_s']:.2f} MB/s", file=sys.stderr)
        if s.key == "fasttext":  # reference: the same model with the fast segmenter spamdetect uses
            ref = _RjiebaFastText(s)
            sp = speed_and_memory(ref, path, textfile, cfg["repeats"])
            fasttext_rjieba_mb_s = n_bytes / statistics.median(sp["times"]) / 1e6

    shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.perf_counter() - t_start
    # the populations (the same for every system)
    any_fig = next(iter(results.values())).figures
    population = {k: {c: any_fig[k][c] for c in ("pages", "paragraphs") if c in any_fig[k]}
                  for k in ("infected_pages", "clean_pages", "hard_negatives")}
    meta = dict(
        date=datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        nproc=os.cpu_count(), cpu=_cpu_model(), python=platform.python_version(),
        command="python benchmarks/compare.py" + (" --smoke" if args.smoke else "") +
                f" --folds {cfg['folds']} --seed {args.seed}",
        n_rows=len(rows), n_hosts=len(set(hosts)), n_pages=len({r.page for r in eval_rows}),
        n_mixed=sum(r.mixed for r in eval_rows), n_unsure=sum(r.unsure for r in eval_rows),
        infected=population["infected_pages"], clean=population["clean_pages"], hard=population["hard_negatives"],
        folds=cfg["folds"], seed=args.seed, repeats=cfg["repeats"], cold_runs=cfg["cold_runs"],
        speed_paragraphs=len(texts), speed_mb=n_bytes / 1e6, elapsed_s=elapsed, smoke=args.smoke,
        clean_pages=len(evalsets.clean_pages), hard_excluded=evalsets.excluded_seen,
        fixture_rows=evalsets.fixture_rows, fixture_exists=HARD_NEGATIVES_FIXTURE.is_file(),
        notes=[n for s in systems for n in s.notes],
        cpu_ratio={k: r.speed["cpu_ratio"] for k, r in results.items() if r.speed},
        fasttext_rjieba_mb_s=fasttext_rjieba_mb_s)
    return render(results, meta), {"meta": meta, "results": {k: {"title": r.title, **r.figures, **r.speed}
                                                             for k, r in results.items()}}


def _cpu_model() -> str:
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


# -- report --------------------------------------------------------------------------------------
def _pct(x, digits=1):
    return "n/a" if x is None else f"{100 * x:.{digits}f} %"


def _share(x, n, digits=0):
    """``97 % (113/116)``: a share of ``n`` pages (``page_figures`` gives the share) and its count."""
    return "n/a" if x is None else f"{_pct(x, digits)} ({round(x * n)}/{n})"


def render(results: dict, meta: dict) -> str:
    inf, cl, hn = meta["infected"], meta["clean"], meta["hard"]
    head = ("| system | spam precision | spam recall | spam F1 | mixed recall | infected pages found "
            "| article FPR | clean pages with a flag | clean pages → `spam_page` | hard-neg FPR "
            "| paragraphs/s (1 core) | MB/s (1 core) | cold start | model size | peak memory |")
    lines = [head, "|" + "|".join(["---"] * 15) + "|"]
    for res in results.values():
        f, sp = res.figures, res.speed
        i, c, h = f["infected_pages"], f["clean_pages"], f["hard_negatives"]
        speed = ([f"{sp['para_s']:,.0f}", f"{sp['mb_s']:.2f}", f"{sp['cold_s']:.2f} s",
                  f"{sp['model_mb']:.1f} MB", f"{sp['peak_mb']:.0f} MB"] if sp
                 else ["(as fastText)" if res.key == "fasttext-data" else "(as above)"] * 5)
        spam_pages = c["pages_called_spam_page"]
        lines.append("| " + " | ".join([
            res.title, f"{i['spam_precision']:.3f}", f"{i['spam_recall']:.3f}", f"{i['spam_f1']:.3f}",
            "n/a" if i["mixed_recall"] is None else f"{i['mixed_recall']:.3f}",
            _share(i["pages_found"], i["pages"]),
            f"{_pct(c['article_fpr'])} ({c['false_positives']})",
            _share(c["pages_with_a_flag"], c["pages"], 1),
            "n/a" if spam_pages is None else f"{spam_pages} of {c['pages']}",
            f"{_pct(h['fpr'])} ({h['false_positives']})", *speed]) + " |")
    table = "\n".join(lines)
    intro = (f"Out of fold, {meta['folds']} website-grouped folds, every row of the real pages "
             f"(figures of `spamdetect evaluate --cv {meta['folds']}`): "
             f"**infected pages** {inf['pages']} ({inf['paragraphs']:,} paragraphs, {meta['n_mixed']} `mixed`): "
             f"spam precision / recall / F1, recall on `mixed` paragraphs, pages with >= 1 flag; "
             f"**clean pages** {cl['pages']} ({cl['paragraphs']:,} paragraphs): article FPR (false positives), pages "
             f"with >= 1 flag, pages whose verdict is `spam_page` (n/a: no page verdict); "
             f"**hard negatives** {hn['paragraphs']} `article` paragraphs of all pages that mention gambling, lottery "
             f"or porn (`HARD_NEGATIVE_TERMS`): flagged share (count).")

    details = ["| system | tp | fp | fn | tn | F1, all rows | infected pages missed | article FPR, all pages "
               "| infected F1 per fold (mean ± sd) | fit s/fold |", "|" + "|".join(["---"] * 10) + "|"]
    for res in results.values():
        f = res.figures
        ff, pc = f["f1_folds"], f["paragraphs"]
        sd = statistics.stdev(ff) if len(ff) > 1 else 0.0
        mean = f"{statistics.mean(ff):.3f} ± {sd:.3f}" if ff else "n/a"
        fit = f"{statistics.mean(res.fit_s):.1f}" if res.fit_s else "(same models)"
        details.append(f"| {res.title} | {pc['tp']} | {pc['fp']} | {pc['fn']} | {pc['tn']} | {pc['f1']:.3f} | "
                       f"{f['infected_pages']['pages_missed']} | {_pct(f['all_pages']['article_fpr'])} "
                       f"({f['all_pages']['false_positives']}) | {mean} | {fit} |")

    outside = ["| system | pseudo clean pages with a flag | their paragraphs flagged | outside hard negatives "
               "flagged, by source |", "|---|---|---|---|"]
    for res in results.values():
        o = res.figures["outside"]
        src = ", ".join(f"{k} {_pct(a)} of {b}" for k, (a, b) in o["hard_by_source"].items()) or "n/a"
        outside.append(f"| {res.title} | {_pct(o['pseudo_page_flagged'])} of {o['pseudo_pages']} | "
                       f"{_pct(o['pseudo_para_fpr'], 2)} | {src} |")

    out = [f"# spamdetect against its peers{' (SMOKE RUN: not a benchmark)' if meta['smoke'] else ''}",
           "",
           f"{meta['date']} · `nproc` = {meta['nproc']} ({meta['cpu']}) · Python {meta['python']} · "
           f"run took {meta['elapsed_s']:.0f} s",
           "", f"Command: `{meta['command']}`", "", intro, "", table, "", targets(results, meta), "",
           "Details (out-of-fold, pooled; paragraph counts over every row of every page):", "",
           "\n".join(details), "",
           "Secondary: text from outside the corpus that no system trains on (the measure of the runs before "
           "the corpus had clean pages; pseudo-pages are a headline and nine unrelated paragraphs, not real "
           "pages, and each is scored by every fold's model):", "", "\n".join(outside), "", notes(meta)]
    return "\n".join(out) + "\n"


def targets(results: dict, meta: dict) -> str:
    sd = results.get("spamdetect")
    if sd is None:
        return "Targets: spamdetect not run."
    lines = []

    def mark(ok):
        return "met" if ok else "**MISSED**"

    page = results.get("spamdetect-page")
    if page:
        i, c, h = (page.figures[k] for k in ("infected_pages", "clean_pages", "hard_negatives"))
        t = PAGE_TARGETS
        mixed = i["mixed_recall"]
        lines += ["Targets of issue 8 (the whole-page row; not loosened):", "",
                  f"- spam F1 on infected pages >= {t['spam_f1']}: {mark(i['spam_f1'] >= t['spam_f1'])}: "
                  f"{i['spam_f1']:.3f}",
                  f"- recall on mixed paragraphs >= {t['mixed_recall']}: "
                  f"{mark(mixed is not None and mixed >= t['mixed_recall'])}: "
                  + ("n/a" if mixed is None else f"{mixed:.3f}"),
                  f"- infected pages found >= {_pct(t['pages_found'], 0)}: "
                  f"{mark(i['pages_found'] >= t['pages_found'])}: {_share(i['pages_found'], i['pages'])}",
                  f"- article FPR on clean pages <= {_pct(t['article_fpr'])}: "
                  f"{mark(c['article_fpr'] <= t['article_fpr'])}: {_pct(c['article_fpr'], 2)}",
                  f"- hard-negative FPR <= {_pct(t['hard_fpr'], 0)}: {mark(h['fpr'] <= t['hard_fpr'])}: "
                  f"{_pct(h['fpr'], 2)}",
                  f"- clean pages with any flag <= {_pct(t['clean_flagged'], 0)}: "
                  f"{mark(c['pages_with_a_flag'] <= t['clean_flagged'])}: {_share(c['pages_with_a_flag'], c['pages'], 1)}",
                  f"- no clean page a `spam_page`: {mark(c['pages_called_spam_page'] <= t['clean_spam_pages'])}: "
                  f"{c['pages_called_spam_page']} of {c['pages']}", ""]
    lines += ["Targets of issue 4 (not loosened; accuracy now on the real pages):", ""]
    peers_ = [r for k, r in results.items() if k in ("keyword", "literal", "fasttext")]
    if peers_:
        f1 = lambda r: r.figures["infected_pages"]["spam_f1"]  # noqa: E731
        best = max(peers_, key=f1)
        extra = f"; whole page {f1(page):.3f}" if page else ""
        lines.append(f"- best F1 of the four (infected pages): {mark(f1(sd) > f1(best))}: spamdetect {f1(sd):.3f}"
                     f"{extra}; best peer {best.title} {f1(best):.3f}")
    kw = results.get("keyword")
    if kw:
        a, b = sd.figures["clean_pages"]["article_fpr"], kw.figures["clean_pages"]["article_fpr"]
        extra = f" (whole page {_pct(page.figures['clean_pages']['article_fpr'], 2)})" if page else ""
        lines.append(f"- article FPR (clean pages) under half the keyword filter's: {mark(a < b / 2)}: "
                     f"{_pct(a, 2)}{extra} vs {_pct(b, 2)} (limit {_pct(b / 2, 2)})")
    if sd.speed:
        s = sd.speed
        lines.append(f"- classify_many >= {TARGETS['mb_per_s']:.0f} MB/s per core: "
                     f"{mark(s['mb_s'] >= TARGETS['mb_per_s'])}: {s['mb_s']:.2f} MB/s")
        ft = results.get("fasttext")
        if ft and ft.speed:
            lines.append(f"- faster than fastText end to end: {mark(s['mb_s'] > ft.speed['mb_s'])}: "
                         f"{s['mb_s']:.2f} vs {ft.speed['mb_s']:.2f} MB/s")
            ref = meta.get("fasttext_rjieba_mb_s")
            if ref:
                verdict = "still ahead" if s["mb_s"] > ref else "**behind it**"
                lines.append(f"  - but the fastText row pays for pure-Python jieba; the same fastText model fed by "
                             f"rjieba (the segmenter spamdetect uses) runs {ref:.2f} MB/s: spamdetect is {verdict}")
        lines.append(f"- cold start <= {TARGETS['cold_s']} s: {mark(s['cold_s'] <= TARGETS['cold_s'])}: "
                     f"{s['cold_s']:.2f} s")
        lines.append(f"- model <= {TARGETS['model_mb']:.0f} MB: {mark(s['model_mb'] <= TARGETS['model_mb'])}: "
                     f"{s['model_mb']:.1f} MB")
        lines.append(f"- peak memory <= {TARGETS['peak_mb']:.0f} MB: {mark(s['peak_mb'] <= TARGETS['peak_mb'])}: "
                     f"{s['peak_mb']:.0f} MB")
    if not meta["smoke"]:
        lines.append(f"- full run < 10 min: {mark(meta['elapsed_s'] < TARGETS['runtime_s'])}: "
                     f"{meta['elapsed_s']:.0f} s on {meta['nproc']} cores")
    return "\n".join(lines)


def notes(meta: dict) -> str:
    fixture = (f"`data/fixtures/hard_negatives.jsonl` ({meta['fixture_rows']} rows)" if meta["fixture_exists"]
               else "`data/fixtures/hard_negatives.jsonl` (absent in this run)")
    n = [
        f"Data: {meta['n_rows']:,} paragraphs of `train.jsonl` ({meta['n_unsure']} marked `unsure`, counted as "
        f"labeled, as `spamdetect evaluate` counts them), {meta['n_pages']} pages, {meta['n_hosts']} hosts; "
        f"{meta['folds']} website-grouped folds (`GroupKFold` over hosts, the split of `spamdetect evaluate "
        f"--cv`). Every paragraph is scored by the fold model that did not see its website.",
        "Figures: `spamdetect.training.evaluate.page_figures` on each system's out-of-fold decisions. The peers "
        "and the `classify_many` row decide paragraph by paragraph; their page figures are those decisions. "
        "The whole-page row is `spamdetect.training.score_rows_in_pages` (page context, clause spans, the page "
        "verdict), the rows of a page scored together as `scan_page` scores them.",
        f"Secondary table: outside hard negatives are THUCNews titles and addetector `not_ad` paragraphs that "
        f"match `HARD_NEGATIVE_TERMS` (after spamdetect's normalisation), plus {fixture}; {meta['hard_excluded']} "
        f"matching texts were left out because the spamdetect recipe trains on them. Pseudo clean pages: "
        f"{meta['clean_pages']} of 10 paragraphs (1 THUCNews title + 9 addetector `not_ad` paragraphs, none in any "
        f"training set); the column is the share of (page, fold model) pairs with >= 1 flag.",
        "The peers learn from train.jsonl alone; spamdetect's recipe adds clean text of the same sources as the "
        "pseudo-pages and outside hard negatives (other texts) and synthetic rows. The ablation row (fastText "
        "given spamdetect's whole training set) shows how much of the gap is data rather than model.",
        f"Speed: {meta['speed_paragraphs']:,} distinct real paragraphs ({meta['speed_mb']:.2f} MB UTF-8: train.jsonl + "
        f"addetector), one fresh process per system, all thread pools set to 1, end to end "
        f"from `str` to verdict (segmentation included), median of {meta['repeats']}; CPU time / wall time: "
        + ", ".join(f"{k} {v:.2f}" for k, v in meta["cpu_ratio"].items()) +
        f" (1.00 = exactly one core busy); cold start median of "
        f"{meta['cold_runs']} fresh processes (import + load + first answer, warm file cache); peak memory = "
        f"peak RSS (`VmHWM`) of the throughput process (load + score all of it).",
        "Peers: keyword filter = Aho-Corasick over the gambling + porn lists of `ext/lexicon-*` (terms >= 2 "
        "characters), text through OpenCC t2s and lower-case, flag on any hit (its model file is the pickled "
        "automaton); literal = `TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None)` + `LogisticRegression()` "
        "defaults, pickled; fastText = `train_supervised(" +
        ", ".join(f"{k}={v!r}" for k, v in peers.FASTTEXT_PARAMS.items() if k != "verbose") +
        ")` on pure-Python `jieba.lcut` tokens. Peers train on train.jsonl rows only.",
    ] + meta["notes"]
    return "Notes:\n\n" + "\n".join(f"- {x}" for x in n)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="tiny run (a few hundred paragraphs, 2 folds) to check the script")
    ap.add_argument("--folds", type=int, help="website-grouped folds (default 5; smoke 2)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeats", type=int, help="throughput repeats (default 3; smoke 1)")
    ap.add_argument("--corpus", help="corpus folder (default $SPAMDETECT_CORPUS or ../shared/corpus)")
    ap.add_argument("--out", help="write the report here (default benchmarks/results.md; smoke: none)")
    ap.add_argument("--json", help="also write the raw figures as JSON here")
    ap.add_argument("--only", help="comma-separated subset: keyword,literal,fasttext,spamdetect")
    ap.add_argument("--no-ablation", action="store_true",
                    help="leave out the fastText-on-spamdetect's-data ablation row")
    args = ap.parse_args(argv)
    report, raw = run(args)
    print(report)
    out = args.out or (None if args.smoke else str(HERE / "results.md"))
    if out:
        Path(out).write_text(report, encoding="utf-8")
        print(f"written to {out}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(raw, ensure_ascii=False, indent=1, default=float), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
