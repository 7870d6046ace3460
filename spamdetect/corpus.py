"""Clean a web corpus: JSONL, Parquet and WARC in, the same records with spam cut out.

Corpus builders keep documents as records with a ``text`` field (JSON Lines, Parquet: Common
Crawl derivatives, ChineseWebText, MAP-CC, datatrove and Data-Juicer outputs) or as raw WARC
files. :func:`clean_documents` takes such records and gives them back with the text cleaned (spam
paragraphs dropped, spam phrases cut out of mixed paragraphs) and three fields added: ``verdict`` (``clean``/``infected``/``spam_page``), ``spam_paragraphs`` and
``spam_chars``. ``spamdetect clean`` does the same from files to a file, streaming, with a
progress bar, ``--resume`` after a kill and a summary.

A document's paragraphs are its lines (a WARC record's: the blocks of its HTML, extracted as
``scan`` extracts them), and a document is classified like a page: the page pipeline
(:func:`spamdetect.context.decide_pages`) sees each paragraph in its document's context, which is
what finds bland SEO filler on a gambling page. Documents go to the model :data:`BATCH_DOCS` at a
time, because its features are vectorised over a batch.

Nothing in the input stops a run: a line that is not JSON, a record without its text field or
with a text that is not a string, a WARC record that cannot be decoded each become an *error*
(written to the errors file, counted) and the run goes on.

Resume: after every batch the output and errors files are flushed, then a small progress file
(``OUTPUT.progress``) is replaced atomically with the input position reached and the byte sizes
of both files. ``--resume`` cuts both files back to those sizes (dropping whatever a killed run
wrote after its last checkpoint) and reads on from that position, so no record is lost or
written twice. A gzip output is written as one gzip member per batch, so the cut is always at a
member boundary and the file stays a valid gzip stream.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import sys
import time
from dataclasses import dataclass, field

from .context import decide_pages
from .pages import PageError, Paragraph, extract_paragraphs, kept_text, text_paragraphs

__all__ = ["clean_documents", "clean_texts", "read_documents", "input_format", "register_cli",
           "VERDICT", "SPAM_PARAGRAPHS", "SPAM_CHARS", "ERROR"]

# Fields added to every output record (and ``ERROR`` to bad ones).
VERDICT, SPAM_PARAGRAPHS, SPAM_CHARS, ERROR = "verdict", "spam_paragraphs", "spam_chars", "error"
ADDED_FIELDS = (VERDICT, SPAM_PARAGRAPHS, SPAM_CHARS)
BATCH_DOCS = 128  # documents per model call (about 2,000 paragraphs): large enough to vectorise, small enough to stream
BATCH_CHARS = 4_000_000  # ... and at most this much text in flight
MAX_RECORD_BYTES = 20_000_000  # a WARC response larger than this is an error, not a page
RAW_IN_ERROR = 300  # characters of a bad line kept in its error record


@dataclass(slots=True)
class Cleaned:
    """What cleaning made of one document: the text it keeps and the fields added to its record."""

    text: str
    verdict: str  # clean, infected or spam_page
    spam_paragraphs: int
    spam_chars: int  # characters cut: whole spam paragraphs and the phrases cut out of mixed ones


def _cleaned(paragraphs, original: str | None, decision) -> Cleaned:
    """The one place the cleaned text of a document comes from, read off its page decision
    (:func:`spamdetect.context.decide_pages`; no result object per paragraph).

    A document with nothing to cut keeps its text byte for byte (a corpus cleaner must not
    reformat the clean majority); otherwise what :func:`spamdetect.clean_text` gives for it: the
    article paragraphs and the rest of each mixed paragraph, spam spans cut, one a line (nothing
    of a ``spam_page``).
    """
    kept, cut = [], 0
    for p, spam, spans in zip(paragraphs, decision.is_spam.tolist(), decision.spans):
        text = p.text
        if spam:
            rest = kept_text(text, spans)
            cut += len(text) - len(rest or "")
            text = rest
        if text is not None:
            kept.append(text)
    verdict = decision.verdict
    if original is not None and verdict == "clean":
        cleaned = original
    else:
        cleaned = "" if verdict == "spam_page" else "\n".join(kept)
    return Cleaned(cleaned, verdict, int(decision.is_spam.sum()), cut)


# ---------------------------------------------------------------------------------------------
# Documents and classification
# ---------------------------------------------------------------------------------------------
@dataclass
class _Doc:
    """One input unit on its way through: a record to clean, an error, or nothing (skipped)."""

    record: dict | None = None
    paragraphs: list[Paragraph] = field(default_factory=list)
    original: str | None = None  # the record's text; None for WARC (text comes from HTML)
    error: str | None = None
    skipped: bool = False  # read but not a document (a non-HTML WARC response)
    source: str = ""
    position: int = 0  # input units of ``source`` consumed up to and including this one
    file_index: int = 0
    raw: str | None = None  # for errors: the start of the bad line
    size: int = 0  # input bytes of the document's text or HTML
    cleaned: Cleaned | None = None


def _record_doc(record, text_field: str, position: int = 0) -> _Doc:
    """A record checked for a usable text field, split into its lines."""
    if not isinstance(record, dict):
        return _Doc(error=f"not a JSON object ({type(record).__name__})", raw=_short(record), position=position)
    text = record.get(text_field)
    if text_field not in record:
        return _Doc(record=record, error=f"missing field {text_field!r}", position=position)
    if not isinstance(text, str):
        return _Doc(record=record, error=f"field {text_field!r} is not a string ({type(text).__name__})",
                    position=position)
    return _Doc(record=record, paragraphs=text_paragraphs(text), original=text, size=len(text), position=position)


def _short(value) -> str:
    text = value if isinstance(value, str) else repr(value)
    return text[:RAW_IN_ERROR]


def _classify(docs: list[_Doc], model, threshold) -> None:
    """Classify the documents of a batch in one model call; sets ``doc.cleaned``."""
    live = [d for d in docs if d.error is None and not d.skipped]
    if not live:
        return
    decided = decide_pages(model, [[p.text for p in d.paragraphs] for d in live], threshold=threshold)
    for d, decision in zip(live, decided):
        d.cleaned = _cleaned(d.paragraphs, d.original, decision)


def _output_record(doc: _Doc, text_field: str) -> dict:
    """The input record with its text cleaned and the verdict fields added."""
    c = doc.cleaned
    out = dict(doc.record)
    out[text_field] = c.text
    out[VERDICT] = c.verdict
    out[SPAM_PARAGRAPHS] = c.spam_paragraphs
    out[SPAM_CHARS] = c.spam_chars
    return out


def clean_texts(texts, *, model=None, threshold: float | None = None) -> list[Cleaned]:
    """The :class:`Cleaned` of each text of a batch (one model call for all).

    The building block of the integrations that own their documents (datatrove); a text's
    paragraphs are its lines.
    """
    docs = [_Doc(record={}, paragraphs=text_paragraphs(t), original=t) for t in texts]
    _classify(docs, _load(model), threshold)
    return [d.cleaned for d in docs]


def _load(model):
    """A model object from None (the shipped model), a path, or a fitted model."""
    if model is None or isinstance(model, (str, os.PathLike)):
        from .api import load_model

        return load_model(model)
    return model


def _batched(docs, batch_docs: int = BATCH_DOCS, batch_chars: int = BATCH_CHARS):
    batch, size = [], 0
    for doc in docs:
        batch.append(doc)
        size += doc.size
        if len(batch) >= batch_docs or size >= batch_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _clean_batches(docs, *, model, threshold, text_field):
    """Batches of ``(doc, output record or None)``: None for errors and skipped units."""
    model = _load(model)
    for batch in _batched(docs):
        try:
            _classify(batch, model, threshold)
        except Exception:  # one document the model cannot take must not stop the run: find it
            for doc in batch:
                try:
                    _classify([doc], model, threshold)
                except Exception as exc:
                    doc.error = f"classification failed: {type(exc).__name__}: {exc}"
        yield [(d, _output_record(d, text_field) if d.cleaned is not None else None) for d in batch]


def clean_documents(documents, *, text_field: str = "text", model=None, threshold: float | None = None,
                    drop_spam_pages: bool = False):
    """Clean an iterable of records (dicts); yield them as they are done, in input order.

    Each record comes back with ``text_field`` cleaned (spam paragraphs dropped, spam phrases
    cut out of mixed ones, a spam page's text empty; a clean document's text untouched) and ``verdict``, ``spam_paragraphs`` and ``spam_chars`` added; a record whose
    text is missing or not a string comes back unchanged with ``error`` set, so nothing
    vanishes silently. ``drop_spam_pages`` leaves spam pages out. Streams: memory stays bounded
    whatever the length of ``documents``. ``model`` is a fitted model or a model file (default:
    the shipped model).
    """
    def docs():
        for record in documents:
            doc = _record_doc(record, text_field)
            if doc.record is None:  # not even a dict: give it back as an error record
                doc.record = {"record": record}
            yield doc

    for batch in _clean_batches(docs(), model=model, threshold=threshold, text_field=text_field):
        for doc, out in batch:
            if out is None:
                yield {**doc.record, ERROR: doc.error}
            elif not (drop_spam_pages and out[VERDICT] == "spam_page"):
                yield out


# ---------------------------------------------------------------------------------------------
# Readers
# ---------------------------------------------------------------------------------------------
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet", ".warc": "warc"}


def input_format(path: str) -> str | None:
    """``jsonl``, ``parquet`` or ``warc`` from a file name (a ``.gz`` ending aside), else None."""
    name = os.fspath(path).lower().removesuffix(".gz")
    return _SUFFIXES.get(os.path.splitext(name)[1])


def read_documents(path, *, fmt: str | None = None, text_field: str = "text", id_field: str = "id",
                   start: int = 0, file_index: int = 0):
    """Yield a :class:`_Doc` per input unit of one file, from unit ``start`` on (for resume).

    Units are lines (JSON Lines), rows (Parquet) or response records (WARC); ``doc.position``
    is the unit count after the doc, what a checkpoint stores. A file that cannot be read, or
    breaks off midway, ends in one error doc.
    """
    path = os.fspath(path)
    fmt = fmt or input_format(path)
    reader = {"jsonl": _read_jsonl, "parquet": _read_parquet, "warc": _read_warc}.get(fmt)
    if reader is None:
        yield _Doc(error=f"unknown input format (not .jsonl, .parquet or .warc): {path}", source=path,
                   file_index=file_index + 1)  # a checkpoint after this doc goes on with the next file
        return
    position = start
    try:
        for doc in reader(path, text_field=text_field, id_field=id_field, start=start):
            doc.source, doc.file_index = path, file_index
            position = doc.position
            yield doc
    except (OSError, EOFError, ValueError) as exc:  # unreadable, truncated, corrupt
        # the checkpoint after this doc points at the next file: a resumed run must not hit
        # (and record) the same break again
        yield _Doc(error=f"cannot read after unit {position}: {type(exc).__name__}: {exc}", source=path,
                   file_index=file_index + 1)


def _read_jsonl(path, *, text_field, id_field, start):
    with open(path, "rb") as raw:
        magic = raw.read(2)
        raw.seek(0)
        f = gzip.GzipFile(fileobj=raw) if magic == b"\x1f\x8b" else raw
        for n, line in enumerate(f, 1):
            if n <= start or not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError as exc:  # bad JSON, or bytes that are not UTF-8
                text = line.decode("utf-8", errors="replace")
                yield _Doc(error=f"bad JSON: {exc}", raw=text[:RAW_IN_ERROR], position=n)
            else:
                yield _record_doc(record, text_field, n)


def _read_parquet(path, *, text_field, id_field, start):
    import pyarrow.parquet as pq

    n = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        if n + batch.num_rows <= start:
            n += batch.num_rows
            continue
        for record in batch.to_pylist():
            n += 1
            if n > start:
                yield _record_doc(record, text_field, n)


def _read_warc(path, *, text_field, id_field, start):
    """HTML response records of a WARC file (gzip or not), read with FastWARC."""
    try:
        from fastwarc.warc import ArchiveIterator, WarcRecordType
    except ImportError:
        raise ImportError("reading WARC needs FastWARC: pip install 'spamdetect[warc]'") from None
    with open(path, "rb") as f:
        records = ArchiveIterator(f, record_types=WarcRecordType.response, parse_http=True,
                                  auto_decode="all")
        for n, rec in enumerate(records, 1):
            if n > start:
                doc = _warc_doc(rec, text_field, id_field)
                doc.position = n
                yield doc


def _warc_doc(rec, text_field, id_field) -> _Doc:
    headers = rec.headers
    record = {id_field: rec.record_id, "url": headers.get("WARC-Target-URI"),
              "date": headers.get("WARC-Date"), text_field: None}
    ctype = (rec.http_content_type or "").lower()
    if ctype and "html" not in ctype and not ctype.startswith("text/"):
        return _Doc(skipped=True)  # images, scripts, PDFs: not pages
    status = rec.http_headers.status_code if rec.http_headers is not None else None
    if status is not None and not 200 <= status < 300:
        return _Doc(skipped=True)  # redirects and error pages: no document of the site's
    if rec.content_length > MAX_RECORD_BYTES:
        return _Doc(record=record, error=f"too big: more than {MAX_RECORD_BYTES} bytes")
    try:
        body = rec.reader.read()
        paragraphs, _encoding = extract_paragraphs(body, html=None if ctype.startswith("text/plain") else True)
    except PageError as exc:
        return _Doc(record=record, error=str(exc))
    except (OSError, ValueError, MemoryError, RecursionError) as exc:
        return _Doc(record=record, error=f"undecodable record: {type(exc).__name__}: {exc}")
    return _Doc(record=record, paragraphs=paragraphs, size=len(body))


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------
def output_format(path: str | None) -> str:
    """``jsonl``, ``jsonl.gz`` or ``parquet`` from the output name (stdout: ``jsonl``)."""
    name = (path or "").lower()
    if name.endswith(".parquet"):
        return "parquet"
    return "jsonl.gz" if name.endswith(".gz") else "jsonl"


def _json_line(record) -> str:
    return json.dumps(record, ensure_ascii=False, default=str) + "\n"


class _JsonlWriter:
    """JSON Lines to a file (optionally gzip: one member per batch) or a text stream.

    ``keep`` (resume) opens an existing file and cuts it to that many bytes first.
    """

    def __init__(self, target, *, gz: bool = False, keep: int | None = None):
        self.gz = gz
        if hasattr(target, "write"):
            self.file, self.stream, self.own = target, True, False
            return
        self.stream, self.own = False, True
        if keep is not None and os.path.exists(target):
            self.file = open(target, "r+b")
            self.file.truncate(keep)
            self.file.seek(keep)
        else:
            self.file = open(target, "wb")

    def write(self, records) -> None:
        if not records:
            return
        chunk = "".join(map(_json_line, records))
        if self.stream:
            self.file.write(chunk)
        else:
            data = chunk.encode("utf-8")
            self.file.write(gzip.compress(data, compresslevel=6) if self.gz else data)
        self.file.flush()

    def tell(self) -> int:
        return 0 if self.stream else self.file.tell()

    def close(self, ok: bool = True) -> None:
        if self.own:
            self.file.close()


def arrow_table(records, schema=None):
    """``(pyarrow.Table, misfits)``: the records that fit ``schema`` (default: the first
    record's types, nulls as strings) and ``(record, reason)`` for those that do not.

    JSON records share no schema: one odd record (a field that is a number here, a string
    there) would otherwise fail a whole batch's conversion.
    """
    import pyarrow as pa

    errors = (pa.ArrowException, TypeError, ValueError)
    if schema is None:
        first = pa.Table.from_pylist(records[:1]).schema if records else pa.schema([])
        schema = pa.schema([f.with_type(pa.string()) if pa.types.is_null(f.type) else f for f in first])
    try:
        return pa.Table.from_pylist(records, schema=schema), []
    except errors:
        pass
    fits, misfits = [], []
    for r in records:
        try:
            pa.Table.from_pylist([r], schema=schema)
            fits.append(r)
        except errors as exc:
            misfits.append((r, f"does not fit the output schema: {exc}"))
    return pa.Table.from_pylist(fits, schema=schema), misfits


class _ParquetWriter:
    """Parquet to ``path`` via a temporary file renamed at the end (a killed run leaves no
    half-written Parquet, whose footer would be missing). The schema is the first batch's; a
    later record that does not fit it becomes an error rather than a crash."""

    def __init__(self, path):
        self.path, self.tmp = path, f"{path}.tmp{os.getpid()}"
        self.writer = self.schema = None
        self.misfits: list[tuple[dict, str]] = []

    def write(self, records) -> None:
        import pyarrow.parquet as pq

        if not records:
            return
        if self.writer is None:
            names = list(dict.fromkeys(k for r in records for k in r))
            self.schema = arrow_table([{k: r.get(k) for k in names} for r in records[:1]])[0].schema
            self.writer = pq.ParquetWriter(self.tmp, self.schema)
        table, misfits = arrow_table(records, self.schema)
        self.misfits.extend(misfits)
        self.writer.write_table(table)

    def tell(self) -> int:
        return 0

    def close(self, ok: bool = True) -> None:
        if self.writer is None:
            import pyarrow as pa
            import pyarrow.parquet as pq

            pq.write_table(pa.table({}), self.tmp)
        else:
            self.writer.close()
        if ok:
            os.replace(self.tmp, self.path)
        else:
            os.remove(self.tmp)


# ---------------------------------------------------------------------------------------------
# Checkpoints
# ---------------------------------------------------------------------------------------------
def _progress_path(output: str) -> str:
    return output + ".progress"


def _save_progress(path: str, state: dict) -> None:
    from .fsutil import atomic_write_text

    atomic_write_text(path, json.dumps(state))


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------
@dataclass
class CleanStats:
    """What a run did; ``line()`` is the summary printed at the end."""

    documents: int = 0
    clean: int = 0
    infected: int = 0
    spam_pages: int = 0
    dropped: int = 0
    errors: int = 0
    skipped: int = 0
    chars_in: int = 0
    chars_out: int = 0
    bytes_in: int = 0
    start: float = field(default_factory=time.perf_counter)

    def add(self, doc: _Doc, out: dict | None, text_field: str, dropped: bool):
        if doc.skipped:
            self.skipped += 1
            return
        if out is None:
            self.errors += 1
            return
        self.documents += 1
        self.bytes_in += doc.size if doc.original is None else len(doc.original.encode("utf-8"))
        self.chars_in += len(doc.original) if doc.original is not None else sum(len(p.text) + 1 for p in doc.paragraphs)
        verdict = out[VERDICT]
        self.clean += verdict == "clean"
        self.infected += verdict == "infected"
        self.spam_pages += verdict == "spam_page"
        if dropped:
            self.dropped += 1
        else:
            self.chars_out += len(out[text_field])

    def line(self) -> str:
        secs = max(time.perf_counter() - self.start, 1e-9)
        removed = self.chars_in - self.chars_out
        share = removed / self.chars_in if self.chars_in else 0.0
        return (f"spamdetect clean: {self.documents} documents, {self.clean} clean, {self.infected} infected, "
                f"{self.spam_pages} spam pages ({self.dropped} dropped), {self.errors} errors, "
                f"{self.skipped} skipped; {removed} of {self.chars_in} characters removed ({share:.1%}); "
                f"{secs:.1f} s, {self.documents / secs:.0f} docs/s, {self.bytes_in / secs / 1e6:.2f} MB/s")


def _error_record(doc: _Doc, id_field: str) -> dict:
    rec = {"source": doc.source, "position": doc.position, "error": doc.error}
    if doc.record is not None and doc.record.get(id_field) is not None:
        rec["id"] = doc.record.get(id_field)
    if doc.raw is not None:
        rec["raw"] = doc.raw
    return rec


def clean_files(inputs, output, *, errors=None, fmt=None, text_field="text", id_field="id", model=None,
                threshold=None, drop_spam_pages=False, resume=False, progress=None, stats=None) -> CleanStats:
    """Clean input files into ``output`` (a path, or a text stream such as stdout).

    ``errors`` is a path or text stream for the error records (default: ``OUTPUT.errors.jsonl``,
    or stderr when ``output`` is a stream). ``resume`` continues a killed run into the same
    ``output`` (JSON Lines only): see the module docstring. Raises ``ValueError`` for a resume
    that cannot be done safely.
    """
    inputs = [os.fspath(p) for p in inputs]
    to_file = not hasattr(output, "write")
    ofmt = output_format(output if to_file else None)
    if errors is None:
        errors = output + ".errors.jsonl" if to_file else sys.stderr
    start_file, start_pos, keep_out, keep_err = 0, 0, None, None
    progress_file = _progress_path(output) if to_file and ofmt != "parquet" else None
    if resume:
        if progress_file is None:
            raise ValueError("--resume needs a JSON Lines output file (-o X.jsonl or X.jsonl.gz)")
        if os.path.exists(progress_file):
            with open(progress_file, encoding="utf-8") as f:
                state = json.load(f)
            if state["inputs"] != inputs or state["text_field"] != text_field:
                raise ValueError("--resume: the inputs or --text-field differ from the interrupted run's "
                                 f"(it had {len(state['inputs'])} inputs: {state['inputs'][:3]}...)")
            start_file, start_pos = state["file"], state["position"]
            keep_out, keep_err = state["output_bytes"], state["errors_bytes"]
            for path, keep in ((output, keep_out), (errors, keep_err)):
                # shorter than the checkpoint says: the system lost writes (a crash before they
                # reached the disk); cutting "back" would pad the file with zero bytes
                if isinstance(path, str) and (os.path.getsize(path) if os.path.exists(path) else 0) < keep:
                    raise ValueError(f"--resume: {path} is shorter than its checkpoint in {progress_file}")
        elif os.path.exists(output) and os.path.getsize(output) > 0:
            raise ValueError(f"--resume: {output} exists but {progress_file} does not: cannot tell "
                             "where the interrupted run stopped")
    writer = (_ParquetWriter(output) if ofmt == "parquet"
              else _JsonlWriter(output, gz=ofmt == "jsonl.gz", keep=keep_out))
    err_writer = _JsonlWriter(errors, keep=keep_err if keep_err is not None else (0 if resume else None))
    stats = stats or CleanStats()
    docs = (doc for i in range(start_file, len(inputs))
            for doc in read_documents(inputs[i], fmt=fmt, text_field=text_field, id_field=id_field,
                                      start=start_pos if i == start_file else 0, file_index=i))
    state = {"inputs": inputs, "text_field": text_field, "file": start_file, "position": start_pos,
             "output_bytes": writer.tell(), "errors_bytes": err_writer.tell(), "done": False}
    ok = False
    try:
        for batch in _clean_batches(docs, model=model, threshold=threshold, text_field=text_field):
            out_records, err_records = [], []
            for doc, out in batch:
                dropped = out is not None and drop_spam_pages and out[VERDICT] == "spam_page"
                stats.add(doc, out, text_field, dropped)
                if out is not None and not dropped:
                    out_records.append(out)
                elif out is None and not doc.skipped:
                    err_records.append(_error_record(doc, id_field))
            writer.write(out_records)
            if isinstance(writer, _ParquetWriter) and writer.misfits:
                for rec, msg in writer.misfits:
                    err_records.append({"id": rec.get(id_field), "error": msg})
                    stats.errors += 1
                    stats.documents -= 1
                writer.misfits.clear()
            err_writer.write(err_records)
            last = batch[-1][0]
            state.update(file=last.file_index, position=last.position,
                         output_bytes=writer.tell(), errors_bytes=err_writer.tell())
            if progress_file:
                _save_progress(progress_file, state)
            if progress is not None:
                progress.update(len(batch))
        ok = True
    finally:
        writer.close(ok)
        err_writer.close()
    if progress_file:
        state["done"] = True
        _save_progress(progress_file, state)
    return stats


# ---------------------------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------------------------
def register_cli(subparsers):
    """Add the ``clean`` subcommand to the ``spamdetect`` command line."""
    from .cli import int_at_least
    from .scan import _probability

    p = subparsers.add_parser(
        "clean", help="clean a corpus: JSONL / JSONL.gz / Parquet / WARC in, the records with spam cut out",
        description="Clean every document of the input files: spam paragraphs dropped and spam "
                    "phrases cut out of mixed ones; verdict, spam_paragraphs and spam_chars added. Exit codes: 0 done, 2 usage error, "
                    "130 interrupted (continue with --resume).")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help=".jsonl, .jsonl.gz, .parquet, .warc, .warc.gz files")
    p.add_argument("-o", "--output", metavar="OUT",
                   help="output: .jsonl, .jsonl.gz or .parquet (default: stdout, JSON Lines); with "
                        "--ray a folder (Parquet when its name ends in .parquet, else JSON Lines)")
    p.add_argument("--errors", metavar="FILE", help="error records (default: OUT.errors.jsonl; stderr without -o)")
    p.add_argument("--text-field", default="text", help="field holding the document text (default: text)")
    p.add_argument("--id-field", default="id", help="field naming the document in error records (default: id)")
    p.add_argument("--format", choices=["jsonl", "parquet", "warc"], help="input format (default: from the file names)")
    p.add_argument("--drop", choices=["spam_page"], action="append", default=[],
                   help="leave spam pages out of the output (default: kept with empty text)")
    p.add_argument("--threshold", type=_probability, default=None, metavar="T",
                   help="spam probability cut-off (default: the model's own)")
    p.add_argument("--model", metavar="FILE", help="model file (default: the shipped model)")
    p.add_argument("--resume", action="store_true", help="continue an interrupted run into the same -o file")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no summary")
    p.add_argument("--ray", nargs="?", const="local", default=None, metavar="ADDRESS",
                   help="run on Ray Data: a new local Ray without ADDRESS, else the cluster at ADDRESS "
                        "('auto', 'ray://host:10001')")
    p.add_argument("--ray-workers", type=int_at_least(1), default=None, metavar="N", help="with --ray: cleaning actors (default: the cluster's CPUs less one)")
    p.set_defaults(func=run_clean)


def _usage_error(msg: str) -> int:
    print(f"spamdetect clean: error: {msg}", file=sys.stderr)
    return 2


def run_clean(args) -> int:
    """``spamdetect clean``: exit 0 done, 2 usage error, 130 interrupted."""
    missing = [p for p in args.inputs if not os.path.exists(p)]
    if missing:
        return _usage_error(f"no such file: {', '.join(missing)}")
    if args.resume and not args.output:
        return _usage_error("--resume needs -o OUT")
    if args.ray is not None:
        return _run_ray(args)
    for path in args.inputs:
        fmt = args.format or input_format(path)
        if fmt is None:
            return _usage_error(f"unknown input format: {path} (name it .jsonl, .parquet, .warc or pass --format)")
        needed = {"parquet": ("pyarrow", "parquet"), "warc": ("fastwarc", "warc")}.get(fmt)
        if needed and not _importable(needed[0]):
            return _usage_error(f"reading {path} needs {needed[0]}: pip install 'spamdetect[{needed[1]}]'")
    if output_format(args.output) == "parquet" and not _importable("pyarrow"):
        return _usage_error("writing Parquet needs pyarrow: pip install 'spamdetect[parquet]'")
    from .fsutil import check_writable_file

    for path in (args.output, args.errors or (args.output and args.output + ".errors.jsonl")):
        problem = path and check_writable_file(path, make_parents=True)
        if problem:
            return _usage_error(problem)
    try:
        model = _load(args.model)  # before any output is opened: a bad model file is a usage error
    except Exception as exc:
        return _usage_error(f"cannot load model {args.model or '(shipped)'}: {exc}")
    from tqdm import tqdm

    from .scan import _raise_interrupt, limit_blas_threads

    limit_blas_threads()
    progress = tqdm(unit="doc", file=sys.stderr, dynamic_ncols=True) if not args.quiet and sys.stderr.isatty() else None
    stats = CleanStats()
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    interrupted = False
    try:
        clean_files(args.inputs, args.output or sys.stdout, errors=args.errors, fmt=args.format,
                    text_field=args.text_field, id_field=args.id_field, model=model, threshold=args.threshold,
                    drop_spam_pages="spam_page" in args.drop, resume=args.resume, progress=progress, stats=stats)
    except ValueError as exc:
        return _usage_error(str(exc))
    except KeyboardInterrupt:
        interrupted = True
    finally:
        signal.signal(signal.SIGTERM, previous)
        if progress is not None:
            progress.close()
    if not args.quiet:
        print(stats.line() + (" (interrupted)" if interrupted else ""), file=sys.stderr)
    return 130 if interrupted else 0


def _importable(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def _run_ray(args) -> int:
    try:
        from .integrations.ray import clean_files_ray
    except ImportError as exc:
        return _usage_error(f"--ray needs Ray Data: pip install 'spamdetect[ray]' ({exc})")
    if not args.output:
        return _usage_error("--ray needs -o FOLDER")
    try:
        line = clean_files_ray(args.inputs, args.output, address=None if args.ray == "local" else args.ray,
                               fmt=args.format, text_field=args.text_field, model=args.model,
                               threshold=args.threshold, drop_spam_pages="spam_page" in args.drop,
                               workers=args.ray_workers)
    except ValueError as exc:
        return _usage_error(str(exc))
    if not args.quiet:
        print(line, file=sys.stderr)
    return 0
