"""Scan folders of saved pages: which pages are infected, which paragraphs, and clean copies.

``scan_folder`` walks the inputs and yields a :class:`~spamdetect.pages.PageResult` per page as
soon as it is done (it streams: nothing waits for the whole folder). ``spamdetect scan`` wraps
it with a report (JSON Lines or CSV), a clean-text mirror tree and ``--resume``.

Nothing in a folder stops a scan: a file that cannot be read, decoded or parsed, a folder that
cannot be listed, a symlink loop, a FIFO, even a worker process that dies, each becomes a page
record with ``error`` set, and the scan goes on. A page is done when its clean copy (with
``--clean-dir``) and then its report lines are written; ``--resume`` redoes anything less.
Worker processes die with the scan, however it dies.

Exit codes of ``spamdetect scan``: 0 the scan completed (whatever it found, errors included);
1 with ``--fail-on-spam`` when at least one page is infected or a spam page; 2 user errors, one
line on stderr (bad options, no input path exists, an output or model file that cannot be
used); 130 interrupted (Ctrl-C / SIGTERM; the report stays valid and ``--resume`` continues
it). ``docs/scan.md`` has the full table of faults.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import stat
import sys
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from fnmatch import fnmatch

from .decode import DEFAULT_MAX_BYTES, PageError, read_page_bytes
from .extract import extract_paragraphs
from .fsutil import atomic_write_text, check_writable_dir, check_writable_file, remove_stale_temps
from .pages import PAGE_SUFFIXES, PageResult, _default_model, classify_pages

__all__ = ["scan_folder", "iter_page_files", "display_path", "register_cli", "DEFAULT_MAX_BYTES",
           "available_cores"]

BATCH_PAGES = 16  # pages per model call / per task sent to a worker
BATCH_BYTES = 2_000_000
TEXT_LIMIT = 2000  # characters of paragraph text kept in a report record


def display_path(path) -> str:
    """``path`` as printable text: bytes of a non-UTF-8 file name shown as ``\\xNN`` escapes.

    POSIX file names are bytes; Python keeps undecodable ones as lone surrogates, which cannot
    be written to a UTF-8 report. The escaped form can, and is what the report and ``--resume``
    use to name the page.
    """
    raw = os.fsencode(path)
    return raw.decode("utf-8", errors="backslashreplace")


# ---------------------------------------------------------------------------------------------
# Finding the pages
# ---------------------------------------------------------------------------------------------
def _is_page_name(name: str, include, exclude) -> bool:
    if exclude and any(fnmatch(name, g) for g in exclude):
        return False
    if include:
        return any(fnmatch(name, g) for g in include)
    base = name[:-3] if name.lower().endswith(".gz") else name
    return base.lower().endswith(PAGE_SUFFIXES)


def iter_page_files(paths, *, include=None, exclude=None):
    """Yield ``(path, root, error)`` for every page file under ``paths``, in a stable order.

    ``path`` is a file to scan (``error`` None) or a place that could not be scanned (an
    unreadable folder, a symlink loop, a broken link, a missing path: ``error`` says which).
    Folders are walked recursively, symlinks followed, each real folder once. A path given
    explicitly as a file is scanned whatever its name; files found in folders must match
    ``include`` globs (default: the HTML and text suffixes, gzipped or not) and no ``exclude``
    glob. Globs match the file name and the path relative to the root given.
    """
    for root in paths:
        root = os.fspath(root)
        try:
            st = os.stat(root)
        except OSError as exc:
            yield root, root, _os_error(exc)
            continue
        if not stat.S_ISDIR(st.st_mode):
            yield root, root, None
            continue
        seen = set()
        stack = [root]
        while stack:
            folder = stack.pop()
            try:
                fst = os.stat(folder)
                key = (fst.st_dev, fst.st_ino)
                if key in seen:
                    yield folder, root, "symlink loop: folder already scanned"
                    continue
                seen.add(key)
                with os.scandir(folder) as it:
                    entries = sorted(it, key=lambda e: e.name)
            except OSError as exc:
                yield folder, root, _os_error(exc)
                continue
            subdirs = []
            for entry in entries:
                rel = os.path.relpath(entry.path, root)
                skip = exclude and any(fnmatch(entry.name, g) or fnmatch(rel, g) for g in exclude)
                try:
                    is_dir = entry.is_dir()  # follows symlinks
                    is_file = not is_dir and entry.is_file()
                except OSError as exc:
                    yield entry.path, root, _os_error(exc)
                    continue
                if skip:
                    continue
                if is_dir:
                    subdirs.append(entry.path)
                elif is_file:
                    if _is_page_name(entry.name, include, None) or (
                            include and any(fnmatch(rel, g) for g in include)):
                        yield entry.path, root, None
                elif entry.is_symlink() and _is_page_name(entry.name, include, None):
                    yield entry.path, root, "broken symlink"
            stack.extend(reversed(subdirs))


def _os_error(exc: OSError) -> str:
    return f"{exc.strerror or type(exc).__name__} (errno {exc.errno})" if exc.errno else str(exc)


# ---------------------------------------------------------------------------------------------
# Scanning pages: the same code in-process and in worker processes
# ---------------------------------------------------------------------------------------------
_worker_model = None
_worker_threshold = None
_blas_limit = None


def limit_blas_threads():
    """Use one BLAS thread in this process; returns False when threadpoolctl is missing.

    The model's matrix products are small and many: a multi-threaded BLAS spends more time
    waking threads than computing, and with ``--jobs`` workers it oversubscribes the cores.
    Measured on 2 cores: 25 % faster with one process, 25 % with two.
    """
    global _blas_limit
    try:
        import numpy  # noqa: F401  (threadpoolctl limits the libraries loaded so far)
        from threadpoolctl import threadpool_limits
    except ImportError:
        return False
    _blas_limit = threadpool_limits(limits=1, user_api="blas")
    return True


def available_cores() -> int:
    """The cores this process may run on: its CPU affinity (``taskset``, a container's cpuset)
    where the OS has one, else ``os.cpu_count()``. More workers than this only contend."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _init_worker(model, threshold, parent_pid=None):
    """Load the model once per worker process (the default model when ``model`` is None)."""
    global _worker_model, _worker_threshold
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    if parent_pid is not None:
        _die_with_parent(parent_pid)
    limit_blas_threads()
    _worker_model, _worker_threshold = _default_model(model), threshold


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def _die_with_parent(parent_pid: int):
    """Make this worker exit when the scan process dies, however it dies (SIGKILL included).

    A killed scan would otherwise leave its workers running (orphans keep their model in
    memory and their CPU). On Linux the kernel does it: ``prctl(PR_SET_PDEATHSIG, SIGKILL)``.
    Elsewhere, and as a second line (a worker forked by a ``forkserver`` has that server as its
    parent), a daemon thread checks every second that the parent is still the same and the scan
    process still exists. (The kernel's "parent" is the *thread* that started the worker: a
    pool is started and stopped by the thread that iterates :func:`scan_folder`.)
    """
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    parent = os.getppid()
    if not _alive(parent_pid):  # it died before the line above took effect
        os._exit(1)
    import threading

    def watch():
        while True:
            time.sleep(1.0)
            if os.getppid() != parent or not _alive(parent_pid):
                os._exit(1)

    threading.Thread(target=watch, name="spamdetect-parent-watch", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by someone else (cannot be ours, but not gone)
        return True
    return True


def _read_file(path: str, max_bytes: int | None):
    """``(page, paragraphs)`` for one file; errors land in ``page.error``, never raise."""
    page = PageResult(path=display_path(path))
    paras = []
    try:
        data, page.size = read_page_bytes(path, max_bytes=max_bytes)
        if not data.strip():
            raise PageError("empty file")
        name = path[:-3] if path.lower().endswith(".gz") else path
        paras, page.encoding = extract_paragraphs(data, html=not name.lower().endswith(".txt"),
                                                  max_bytes=max_bytes)
        if not paras:
            raise PageError("no text")
    except PageError as exc:
        page.error, paras = str(exc), []
    except OSError as exc:
        page.error, paras = _os_error(exc), []
    except (MemoryError, RecursionError, ValueError) as exc:  # a library failing on one page
        page.error, paras = f"unreadable: {type(exc).__name__}: {exc}", []
    return page, paras


def _scan_batch(paths, max_bytes, model=None, threshold=None) -> list[PageResult]:
    """Read, extract and classify a batch of files with one model call."""
    model = model if model is not None else _worker_model
    threshold = threshold if threshold is not None else _worker_threshold
    read = [_read_file(p, max_bytes) for p in paths]
    return classify_pages([p for p, _ in read], [t for _, t in read], model=model, threshold=threshold)


def _batches(files, max_bytes):
    """Group files into batches of about BATCH_PAGES pages / BATCH_BYTES bytes."""
    batch, size = [], 0
    for path in files:
        try:
            n = os.stat(path).st_size
        except OSError:
            n = 0
        batch.append(path)
        size += min(n, max_bytes or n)
        if len(batch) >= BATCH_PAGES or size >= BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def scan_folder(paths, *, include=None, exclude=None, max_bytes: int | None = DEFAULT_MAX_BYTES,
                jobs: int | None = None, model=None, threshold: float | None = None, skip=()):
    """Scan files and folders of pages; yield a :class:`PageResult` per page as it completes.

    Parameters
    ----------
    paths : path or list of paths
        Files and folders (walked recursively; see :func:`iter_page_files`).
    include, exclude : list of glob patterns, optional
        Which files in folders to scan (default: ``*.html``, ``*.htm``, ``*.shtml``,
        ``*.xhtml``, ``*.txt`` and their ``.gz``) and which files or folders to leave out.
    max_bytes : int or None
        Larger files (or gzip files that decompress to more) get an error record.
    jobs : int, optional
        Worker processes (default and at most: the cores this process may use, see
        :func:`available_cores`). ``1`` scans in this process. Each worker loads the model once
        and dies with this process. With several jobs, pages come out in completion order.
    model, threshold :
        The fitted classifier (default: the shipped model) and a threshold overriding its own.
    skip : collection of str
        Page paths (as :func:`display_path` prints them) to leave out: the pages a resumed
        report already has.

    Every result has ``path`` set. Places that cannot be scanned (unreadable folders,
    symlink loops) come out as results with ``error`` set and no paragraphs.
    """
    if isinstance(paths, (str, bytes, os.PathLike)):
        paths = [paths]
    skip = set(skip)
    jobs = min(jobs or available_cores(), available_cores())

    def files():
        for path, _root, error in iter_page_files(paths, include=include, exclude=exclude):
            shown = display_path(path)
            if shown in skip:
                continue
            if error:
                errors.append(PageResult(path=shown, error=error))
            else:
                yield path

    errors: list[PageResult] = []
    batches = _batches(files(), max_bytes)
    if jobs == 1:
        model = _default_model(model)
        for batch in batches:
            yield from errors
            errors.clear()
            yield from _scan_batch(batch, max_bytes, model, threshold)
        yield from errors
        return
    yield from _scan_parallel(batches, errors, jobs, max_bytes, model, threshold)


def _scan_parallel(batches, errors, jobs, max_bytes, model, threshold):
    """Run batches on a process pool, at most ``2 * jobs`` in flight (bounded memory).

    A worker that dies (segfault, OOM kill) breaks a ``ProcessPoolExecutor`` and every task in
    flight with it. Then the pool is rebuilt and the pages of those tasks are re-run one at a
    time, alone in the pool, before anything else: a page that kills its worker again is the
    culprit and gets an error record; the others get their results. Only that page is lost.
    """
    pending = iter(batches)
    suspects: list[str] = []  # pages in flight when a worker died, to re-run one by one

    def start_pool():
        return ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(model, threshold, os.getpid()))

    pool = start_pool()
    in_flight: dict = {}  # future -> (batch, is a lone re-run)
    finished = False
    try:
        while True:
            if suspects:
                if not in_flight:
                    path = suspects.pop()
                    in_flight[pool.submit(_scan_batch, [path], max_bytes)] = ([path], True)
            else:
                while len(in_flight) < 2 * jobs:
                    batch = next(pending, None)
                    if batch is None:
                        break
                    in_flight[pool.submit(_scan_batch, batch, max_bytes)] = (batch, False)
            yield from errors
            errors.clear()
            if not in_flight:
                finished = True
                break
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for fut in done:
                batch, alone = in_flight.pop(fut)
                try:
                    yield from fut.result()
                except BrokenProcessPool:
                    broken = True
                    if alone:
                        yield PageResult(path=display_path(batch[0]), error="worker process crashed")
                    else:
                        suspects.extend(batch)
                except Exception as exc:  # a bug on one batch: report its pages, go on
                    for path in batch:
                        yield PageResult(path=display_path(path), error=f"scan failed: {exc!r}")
            if broken:
                for fut, (batch, _) in in_flight.items():  # they all fail with the pool
                    suspects.extend(batch)
                in_flight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                pool = start_pool()
                suspects.reverse()  # re-run in scan order
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _stop_pool(pool)


def _stop_pool(pool):
    """Stop a pool at once, without waiting on it (Ctrl-C, SIGTERM, an error in the consumer).

    ``shutdown(wait=True)`` after an interrupt can hang (it waits on tasks in flight and on
    the pool's manager thread); here the queued tasks are cancelled, the workers terminated
    (then killed if they linger), and only then is the pool shut down.
    """
    procs = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for proc in procs:
        if proc.is_alive():
            proc.terminate()
    for proc in procs:
        proc.join(2.0)
        if proc.is_alive():
            proc.kill()
            proc.join(2.0)


# ---------------------------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------------------------
PARAGRAPH_FIELDS = ["type", "page", "index", "locator", "hidden", "label", "score", "text", "truncated",
                    "spans"]
PAGE_FIELDS = ["type", "page", "paragraphs", "spam", "verdict", "max_score", "encoding", "error", "bytes"]
CSV_FIELDS = list(dict.fromkeys(PARAGRAPH_FIELDS + PAGE_FIELDS))


def page_records(page: PageResult, text_limit: int = TEXT_LIMIT) -> list[dict]:
    """The report records of a page: one per paragraph, then the page record (written last, so
    a page record in the report means the whole page is in it)."""
    out = []
    for p in page.paragraphs:
        # spans: [start, end, score] character offsets into ``text`` (cut to what the record keeps)
        spans = [[s, min(e, text_limit), score] for s, e, score in p.spans if s < text_limit]
        out.append({"type": "paragraph", "page": page.path, "index": p.index, "locator": p.locator,
                     "hidden": p.hidden, "label": p.label, "score": p.score,
                     "text": p.text[:text_limit], "truncated": len(p.text) > text_limit,
                     "spans": spans})
    out.append({"type": "page", "page": page.path, "paragraphs": len(page.paragraphs),
                "spam": page.spam_count, "verdict": page.verdict if not page.error else None,
                "max_score": page.max_score, "encoding": page.encoding,
                "error": page.error, "bytes": page.size})
    return out


class ReportWriter:
    """Append page records to a JSON Lines or CSV report, one whole page per write + flush.

    ``out`` is a path (opened for append with ``append=True``, else truncated) or an open text
    file such as ``sys.stdout``. A killed scan leaves at most a partial last page;
    :func:`resume_report` cuts it off.
    """

    def __init__(self, out, fmt: str = "jsonl", *, append: bool = False):
        self.fmt = fmt
        if hasattr(out, "write"):
            self.file, self._own, new = out, False, True
        else:
            new = not append or not os.path.exists(out) or os.path.getsize(out) == 0
            self.file, self._own = open(out, "a" if append else "w", encoding="utf-8", newline=""), True
        if fmt == "csv" and new:
            self.file.write(",".join(CSV_FIELDS) + "\r\n")
            self.file.flush()

    def write(self, page: PageResult):
        records = page_records(page)
        if self.fmt == "csv":
            buf = io.StringIO()
            w = csv.DictWriter(buf, CSV_FIELDS, lineterminator="\r\n")
            w.writerows({**r, "spans": json.dumps(r["spans"])} if "spans" in r else r for r in records)
            chunk = buf.getvalue()
        else:
            chunk = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        self.file.write(chunk)
        self.file.flush()

    def close(self):
        if self._own:
            self.file.close()


def resume_report(path, fmt: str, *, redo=None) -> set[str]:
    """Pages already complete in a report; the file is cut back to the last complete page.

    Anything after the last page record (paragraphs of a page the killed scan did not finish,
    a half-written line) is removed, so the resumed scan writes those pages again, once.
    ``redo(page_record)`` may name complete pages to scan again all the same (a page whose clean
    copy is missing): their records are taken out of the report too (the file is rewritten
    through a temporary file and a rename, so a kill meanwhile leaves the old report).
    """
    if not os.path.exists(path):
        return set()
    done: set[str] = set()
    dropped = False
    keep = 0
    for end, rec in _page_groups(path, fmt):
        keep = end
        if rec is None:  # the CSV header
            continue
        if redo is not None and redo(rec):
            dropped = True
        else:
            done.add(rec["page"])
    if not dropped:
        with open(path, "r+b") as f:
            f.truncate(keep)
        return done
    tmp = f"{path}.resume{os.getpid()}"
    with open(path, "rb") as src, open(tmp, "wb") as dst:
        pos = 0
        for end, rec in _page_groups(path, fmt):
            chunk = src.read(end - pos)
            pos = end
            if rec is None or rec["page"] in done:
                dst.write(chunk)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, path)
    return done


def _page_groups(path, fmt: str):
    """``(end offset, page record)`` for each whole page in a report, in file order (``None``
    for a CSV header); stops at the first line that is not a whole record."""
    with open(path, "rb") as f:
        pos = 0
        header_seen = False
        for raw in f:
            pos += len(raw)
            if not raw.endswith(b"\n"):
                break
            rec = _parse_record(raw.decode("utf-8", errors="replace"), fmt)
            if rec is None:
                if fmt == "csv" and not header_seen and pos == len(raw):  # the header line
                    header_seen = True
                    yield pos, None
                    continue
                break
            if rec.get("type") == "page":
                yield pos, rec


def _parse_record(line: str, fmt: str) -> dict | None:
    try:
        if fmt == "csv":
            row = next(csv.reader([line]))
            if len(row) != len(CSV_FIELDS) or row[0] not in ("page", "paragraph"):
                return None
            return dict(zip(CSV_FIELDS, row))
        rec = json.loads(line)
        return rec if isinstance(rec, dict) and "type" in rec else None
    except (ValueError, StopIteration, csv.Error):
        return None


# ---------------------------------------------------------------------------------------------
# Clean-text mirror tree
# ---------------------------------------------------------------------------------------------
def clean_path(page_path: str, roots: list[str], clean_dir: str) -> str:
    """Where the clean text of ``page_path`` goes under ``clean_dir``, mirroring its input tree.

    The path is taken relative to the input root that holds it (under the root's own name when
    several roots are given, so they cannot collide), with ``.txt`` added unless it ends so:
    ``site/a/b.html`` -> ``CLEAN/a/b.html.txt``, ``site/a/b.html.gz`` -> ``CLEAN/a/b.html.gz.txt``
    (keeping ``.gz`` in the name keeps ``b.txt`` and ``b.txt.gz`` from overwriting each other).
    """
    rel = None
    for root in roots:
        if page_path == root:
            rel = os.path.basename(root)
            break
        if page_path.startswith(root.rstrip(os.sep) + os.sep):
            rel = os.path.relpath(page_path, root)
            if len(roots) > 1:
                rel = os.path.join(os.path.basename(os.path.abspath(root)), rel)
            break
    if rel is None:
        rel = os.path.basename(page_path)
    if not rel.lower().endswith(".txt"):
        rel += ".txt"
    return os.path.join(clean_dir, rel)


def write_clean(page: PageResult, path: str):
    """Write the page's article paragraphs (UTF-8, one a line) durably; skip empty results.

    Written to a temporary name, fsynced and renamed (:func:`~spamdetect.fsutil.atomic_write_text`):
    a clean copy under its real name is always whole. The scan writes it *before* the page's
    report lines, so a page in the report has its clean copy.
    """
    text = page.article_text
    if page.error or not text:
        return
    atomic_write_text(path, text)


def expects_clean_copy(record: dict) -> bool:
    """Whether a page record (JSON Lines or CSV) is of a page that gets a clean copy: read
    without error, not a spam page, with at least one article paragraph."""
    if record.get("error") or record.get("verdict") in (None, "", "spam_page"):
        return False
    try:
        return int(record["paragraphs"]) > int(record["spam"])
    except (KeyError, TypeError, ValueError):
        return False


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------
def register_cli(subparsers):
    """Add the ``scan`` subcommand to the ``spamdetect`` command line."""
    from .cli import int_at_least

    positive_int = int_at_least(1)
    p = subparsers.add_parser(
        "scan", help="scan files and folders of saved pages (HTML or text, any encoding, gzip)",
        description="Label every paragraph of every page under PATH; report per paragraph and per "
                    "page. Exit codes: 0 completed, 1 --fail-on-spam and spam found, 2 usage error, "
                    "130 interrupted (the report stays valid; continue with --resume).")
    p.add_argument("paths", nargs="+", metavar="PATH", help="page files or folders (recursive)")
    p.add_argument("-o", "--output", metavar="REPORT",
                   help="report file: .csv for CSV, anything else JSON Lines (default: stdout, JSON Lines)")
    p.add_argument("--clean-dir", metavar="DIR", help="write each page's article paragraphs here as UTF-8 text, mirroring the input tree")
    p.add_argument("--jobs", "-j", type=positive_int, default=None, metavar="N", help="worker processes (default and at most: the cores)")
    p.add_argument("--threshold", type=_probability, default=None, metavar="T", help="spam probability cut-off (default: the model's own)")
    p.add_argument("--include", action="append", metavar="GLOB", help="scan only files matching GLOB (repeatable)")
    p.add_argument("--exclude", action="append", metavar="GLOB", help="skip files and folders matching GLOB (repeatable)")
    p.add_argument("--max-bytes", type=positive_int, default=DEFAULT_MAX_BYTES, metavar="N",
                   help=f"larger files get an error record (default {DEFAULT_MAX_BYTES})")
    p.add_argument("--resume", action="store_true", help="continue an interrupted scan into the same -o report")
    p.add_argument("--fail-on-spam", action="store_true", help="exit 1 when any page is infected or a spam page")
    p.add_argument("--model", metavar="FILE", help="model file (default: the shipped model)")
    p.add_argument("--html", metavar="FILE", help="also write a self-contained HTML report (see `spamdetect report`)")
    p.set_defaults(func=run_scan)


def _probability(value: str) -> float:
    import argparse

    try:
        t = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= t <= 1.0:
        raise argparse.ArgumentTypeError(f"must be within [0, 1], got {t}")
    return t


class _Summary:
    def __init__(self):
        self.pages = self.infected = self.spam_pages = self.spam_paragraphs = self.errors = 0
        self.bytes = 0
        self.start = time.perf_counter()

    def add(self, page: PageResult):
        self.pages += 1
        self.bytes += page.size
        if page.error:
            self.errors += 1
        elif page.verdict == "infected":
            self.infected += 1
        elif page.verdict == "spam_page":
            self.spam_pages += 1
        self.spam_paragraphs += page.spam_count

    def line(self) -> str:
        secs = max(time.perf_counter() - self.start, 1e-9)
        return (f"spamdetect scan: {self.pages} pages, {self.infected} infected, {self.spam_pages} spam pages, "
                f"{self.spam_paragraphs} spam paragraphs, {self.errors} errors; "
                f"{secs:.1f} s, {self.pages / secs:.1f} pages/s, {self.bytes / secs / 1e6:.2f} MB/s")


def _usage_error(msg: str) -> int:
    print(f"spamdetect scan: error: {msg}", file=sys.stderr)
    return 2


def run_scan(args) -> int:
    """``spamdetect scan``: see :func:`register_cli` and the module docstring for exit codes.

    Every output is checked before the first page is scanned (an unwritable report or clean
    folder is a usage error, exit 2, with nothing written). Per page, the clean copy is made
    durable first and the report lines written after it, so a page in the report is a page done.
    """
    missing = [p for p in args.paths if not os.path.lexists(p)]
    if len(missing) == len(args.paths):
        return _usage_error(f"no such file or folder: {', '.join(missing)}")
    if args.resume and not args.output:
        return _usage_error("--resume needs -o REPORT")
    if getattr(args, "html", None) and not args.output:  # HTML alone: JSON Lines to a temporary file
        from .report import scan_html_only
        return scan_html_only(args, run_scan)
    problem = (args.output and check_writable_file(args.output)) or (
        args.clean_dir and check_writable_dir(args.clean_dir)) or (
        getattr(args, "html", None) and check_writable_file(args.html))
    if problem:
        return _usage_error(problem)
    fmt = "csv" if args.output and args.output.lower().endswith(".csv") else "jsonl"
    model = None
    if args.model:
        from .api import load_model

        try:
            model = load_model(args.model)
        except Exception as exc:
            return _usage_error(f"cannot load model {args.model}: {exc}")
    jobs = args.jobs
    if jobs is not None and jobs > available_cores():
        print(f"spamdetect scan: --jobs {jobs} capped at {available_cores()}, the cores this process may use",
              file=sys.stderr)
        jobs = available_cores()

    limit_blas_threads()
    roots = [os.fspath(p) for p in args.paths]
    shown_roots = [display_path(r) for r in roots]
    if args.clean_dir:
        remove_stale_temps(args.clean_dir)  # left by a killed scan

    def clean_copy_missing(record):
        return (args.clean_dir is not None and expects_clean_copy(record)
                and not os.path.exists(clean_path(record["page"], shown_roots, args.clean_dir)))

    skip = resume_report(args.output, fmt, redo=clean_copy_missing) if args.resume else set()
    writer = ReportWriter(args.output or sys.stdout, fmt, append=args.resume)
    summary = _Summary()
    progress = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        progress = tqdm(unit="page", file=sys.stderr, dynamic_ncols=True)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    interrupted = False
    failed = None
    results = scan_folder(roots, include=args.include, exclude=args.exclude, max_bytes=args.max_bytes,
                          jobs=jobs, model=model, threshold=args.threshold, skip=skip)
    try:
        for page in results:
            if args.clean_dir:
                write_clean(page, clean_path(page.path, shown_roots, args.clean_dir))
            writer.write(page)
            summary.add(page)
            if progress is not None:
                progress.update(1)
    except KeyboardInterrupt:
        interrupted = True
    except OSError as exc:  # disk full, clean folder made read-only midway, ...
        failed = f"cannot write {exc.filename or 'the report'}: {exc.strerror or exc}; fix it and rerun with --resume"
    finally:
        results.close()  # stops the workers now, not when the generator is collected
        signal.signal(signal.SIGTERM, previous)
        if progress is not None:
            progress.close()
        writer.close()
    print(summary.line() + (" (interrupted)" if interrupted else ""), file=sys.stderr)
    if failed:
        return _usage_error(failed)
    from .report import after_scan  # the summary record closing a JSONL file, and --html
    after_scan(args, summary, interrupted)
    if interrupted:
        return 130
    if args.fail_on_spam and (summary.infected or summary.spam_pages):
        return 1
    return 0


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt


def main(argv=None) -> int:
    """``python -m spamdetect.scan ...``: the scan command on its own (same as ``spamdetect scan``)."""
    from .cli import Parser

    parser = Parser(prog="spamdetect")
    register_cli(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["scan", *(sys.argv[1:] if argv is None else argv)])
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
