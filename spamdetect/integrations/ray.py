"""spamdetect on Ray Data: clean a corpus across the cores of a machine or the nodes of a cluster.

The cleaning is the one :func:`spamdetect.clean_documents` does, run as ``map_batches`` with a
callable class, so each Ray actor loads the model once and then cleans batch after batch::

    import ray
    from spamdetect.integrations.ray import clean_dataset

    ray.init()                                       # or ray.init("ray://head:10001")
    ds = ray.data.read_parquet("s3://bucket/corpus/")
    clean_dataset(ds, text_field="text", drop_spam_pages=True).write_parquet("s3://bucket/clean/")

Output rows are the input rows with ``text`` cleaned and ``verdict``, ``spam_paragraphs``,
``spam_chars`` and ``error`` columns added; a row whose text is missing or not a string is kept
unchanged with ``error`` set (a Ray pipeline has one output, so bad rows stay in it, to be
filtered with ``ds.filter(lambda r: r["error"] is None)``). Ray does not keep row order unless
``DataContext.get_current().execution_options.preserve_order`` is set.

Needs ``pip install 'spamdetect[ray]'`` on the driver and on every worker node.
"""

from __future__ import annotations

import os
import time

from ..corpus import (ADDED_FIELDS, BATCH_DOCS, ERROR, RAW_IN_ERROR, _load, arrow_table, clean_documents,
                      input_format)

__all__ = ["SpamCleaner", "clean_dataset", "clean_files_ray"]


class SpamCleaner:
    """The ``map_batches`` callable: one per Ray actor, holding the model.

    ``model`` is a model file path (it must exist on the workers), None for the shipped model,
    or a fitted model object (pickled to each actor).
    """

    def __init__(self, model=None, text_field: str = "text", threshold: float | None = None,
                 drop_spam_pages: bool = False, json_lines: bool = False):
        from ..scan import limit_blas_threads

        limit_blas_threads()  # one BLAS thread per actor: the actors are the parallelism
        self.model = _load(model)
        self.text_field, self.threshold, self.drop = text_field, threshold, drop_spam_pages
        self.json_lines = json_lines

    def __call__(self, batch):
        """Clean a batch (a ``pyarrow.Table``); with ``json_lines`` its rows are raw lines of
        JSON (``ray.data.read_text``), parsed here so that a bad line becomes an error row
        instead of failing the whole read as ``read_json`` would."""
        import pyarrow as pa

        rows, bad = batch.to_pylist(), []
        if self.json_lines:
            rows, bad = _parse_lines(r["text"] for r in rows)
        cleaned = clean_documents(rows, text_field=self.text_field, model=self.model,
                                  threshold=self.threshold, drop_spam_pages=self.drop)
        out = [{**r, **{f: r.get(f) for f in (*ADDED_FIELDS, ERROR)}} for r in cleaned]
        if not self.json_lines:
            return pa.Table.from_pylist(out, schema=_output_schema(batch.schema))
        # a bad record keeps only its line (its fields may have any type); the good ones get
        # the union of their fields as a schema, and one that does not fit is an error row
        for i, r in enumerate(out):
            if r[ERROR]:
                out[i] = _error_row(r[ERROR], r)
        names = list(dict.fromkeys(k for r in out for k in r))
        table, misfits = arrow_table([{k: r.get(k) for k in names} for r in out])
        bad += [_error_row(msg, r) for r, msg in misfits]
        if not bad:
            return table
        errors = pa.Table.from_pylist(bad, schema=pa.schema([(ERROR, pa.string()), ("raw", pa.string())]))
        return pa.concat_tables([table, errors], promote_options="permissive")


def _error_row(error: str, record) -> dict:
    import json

    record = {k: v for k, v in record.items() if k not in (*ADDED_FIELDS, ERROR)}
    return {ERROR: error, "raw": json.dumps(record, ensure_ascii=False, default=str)[:RAW_IN_ERROR]}


def _parse_lines(lines) -> tuple[list[dict], list[dict]]:
    """(records, error rows) of JSON lines, judged as the single-process reader judges them."""
    import json

    good, bad = [], []
    for line in lines:
        try:
            good.append(json.loads(line))
        except ValueError as exc:
            bad.append({ERROR: f"bad JSON: {exc}", "raw": line[:RAW_IN_ERROR]})
    return good, bad


def _output_schema(schema):
    """The input schema plus the added columns (an explicit schema keeps every block alike,
    even a block whose rows were all dropped)."""
    import pyarrow as pa

    added = {"verdict": pa.string(), "spam_paragraphs": pa.int64(), "spam_chars": pa.int64(), ERROR: pa.string()}
    for name, typ in added.items():
        if schema.get_field_index(name) >= 0:
            schema = schema.remove(schema.get_field_index(name))
        schema = schema.append(pa.field(name, typ))
    return schema


def clean_dataset(ds, *, text_field: str = "text", model=None, threshold: float | None = None,
                  drop_spam_pages: bool = False, workers: int | None = None, batch_size: int = BATCH_DOCS,
                  json_lines: bool = False):
    """A Ray Dataset of ``ds``'s rows cleaned (lazy, like every Ray Data transform).

    ``workers`` is the number of cleaning actors, each holding one CPU and its own copy of the
    model. The default, the cluster's CPUs less one, leaves a CPU to the read and write tasks:
    actors holding every CPU starve the reads that feed them and the pipeline stalls (seen with
    Ray 2.60 on 2 CPUs). ``batch_size`` rows go to the model at a time.
    """
    import ray
    from ray.data import ActorPoolStrategy

    if workers is None:
        workers = max(1, int(ray.cluster_resources().get("CPU", 1)) - 1)
    return ds.map_batches(
        SpamCleaner, fn_constructor_kwargs={"model": model, "text_field": text_field, "threshold": threshold,
                                            "drop_spam_pages": drop_spam_pages, "json_lines": json_lines},
        batch_size=batch_size, batch_format="pyarrow", compute=ActorPoolStrategy(size=workers), num_cpus=1)


def read_inputs(inputs, fmt: str | None = None):
    """``(dataset, json_lines)`` over JSON Lines or Parquet files, read by Ray's own readers.

    JSON Lines are read as text lines and parsed by the cleaners (``json_lines`` True): Ray's
    ``read_json`` fails the whole run on one bad line, and a web corpus has bad lines.
    """
    import ray.data

    formats = {fmt or input_format(p) for p in inputs}
    if formats == {"jsonl"}:
        return ray.data.read_text(list(inputs)), True
    if formats == {"parquet"}:
        return ray.data.read_parquet(list(inputs)), False
    raise ValueError(f"--ray reads JSON Lines or Parquet files, all of one kind (got {sorted(map(str, formats))})")


def clean_files_ray(inputs, output: str, *, address: str | None = None, fmt: str | None = None,
                    text_field: str = "text", model=None, threshold: float | None = None,
                    drop_spam_pages: bool = False, workers: int | None = None) -> str:
    """``spamdetect clean --ray``: read, clean and write a folder of Parquet or JSON Lines files
    (Parquet when ``output`` ends in ``.parquet``); returns the summary line.

    ``address`` None starts a local Ray (or uses the one this process already has); else it is
    passed to ``ray.init`` (``auto``, ``ray://head:10001``).
    """
    import ray

    if model is not None:
        model = os.path.abspath(model)  # actors may run in another working directory
    if address is not None or not ray.is_initialized():
        ray.init(address=address, ignore_reinit_error=True, include_dashboard=False, log_to_driver=False)
    start = time.perf_counter()
    ds, json_lines = read_inputs(inputs, fmt)
    ds = clean_dataset(ds, text_field=text_field, model=model, threshold=threshold,
                       drop_spam_pages=drop_spam_pages, workers=workers, json_lines=json_lines)
    if output.rstrip("/").lower().endswith(".parquet"):
        ds.write_parquet(output)
    else:
        ds.write_json(output, force_ascii=False)
    secs = max(time.perf_counter() - start, 1e-9)
    size = sum(os.path.getsize(p) for p in inputs)
    return (f"spamdetect clean --ray: {len(inputs)} input files ({size / 1e6:.1f} MB) -> {output}; "
            f"{secs:.1f} s, {size / secs / 1e6:.2f} MB/s")
