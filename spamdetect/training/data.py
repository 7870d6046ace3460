"""Labeled training data: the row type, the JSON Lines reader, the corpus location, and the
hash of a training set recorded in a model file."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = ["LABELS", "DataError", "Row", "read_labeled", "find_corpus", "data_hash",
           "read_spans", "attach_spans", "SPANS_FILE"]

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
    mixed: bool = False
    spans: list | None = None  # annotated spam phrases of a mixed row: [(start, end), ...]


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
                                    unsure=bool(obj.get("unsure", False)),
                                    mixed=bool(obj.get("mixed", False))))
            except UnicodeDecodeError as exc:
                raise DataError(f"{path}: not UTF-8 ({exc.reason})") from None
    return rows


def find_corpus(corpus=None) -> Path | None:
    """The shared corpus folder: ``corpus``, ``$SPAMDETECT_CORPUS``, or ``../shared/corpus``
    beside the checkout. ``None`` when there is none."""
    candidates = [corpus, os.environ.get("SPAMDETECT_CORPUS"),
                  Path(__file__).resolve().parents[3] / "shared" / "corpus",
                  Path.cwd().parent / "shared" / "corpus"]
    for c in candidates:
        if c and (Path(c) / "train.jsonl").is_file():
            return Path(c)
    return None



def data_hash(rows: list[Row]) -> str:
    """SHA-256 over the training rows (text and label), recorded in the model's metadata."""
    h = hashlib.sha256()
    for r in rows:
        h.update(r.label.encode())
        h.update(b"\t")
        h.update(r.text.encode("utf-8", "surrogatepass"))
        h.update(b"\n")
    return h.hexdigest()


DATA_DIR = Path(__file__).resolve().parents[2] / "data"  # the project's own data (source checkout)
SPANS_FILE = DATA_DIR / "spans" / "mixed_spans.jsonl"


def read_spans(path=SPANS_FILE) -> dict:
    """The project's span annotations: ``{(page, para): (text_sha1, length, [(start, end)])}``.

    ``data/spans/mixed_spans.jsonl`` holds offsets only (no corpus text): the spam phrases of
    the corpus's ``mixed`` paragraphs, written by hand (see ``data/spans/README.md``). Missing
    file: ``{}``.
    """
    path = Path(path)
    if not path.is_file():
        return {}
    out = {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                out[(obj["page"], int(obj["para"]))] = (
                    obj["text_sha1"], int(obj["length"]), [tuple(map(int, s)) for s in obj["spans"]])
            except (ValueError, KeyError, TypeError) as exc:
                raise DataError(f"{path}:{lineno}: bad span annotation ({exc})") from None
    return out


def attach_spans(rows, annotations) -> int:
    """Give each labeled row its annotated spans (``Row.spans``) when the annotation's text hash
    and length match the row's text; returns how many rows got spans. An annotation whose text
    changed (the corpus was edited) is ignored rather than trusted."""
    n = 0
    for r in rows:
        a = annotations.get((r.page, r.para))
        if a is None or r.label != "spam":
            continue
        sha1, length, spans = a
        if len(r.text) == length and hashlib.sha1(r.text.encode("utf-8")).hexdigest() == sha1:
            r.spans = list(spans)
            n += 1
    return n
