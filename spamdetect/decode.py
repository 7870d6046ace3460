"""Bytes to text: reading a page file, one bounded gunzip, and the encoding decision.

The first stage of a page's way to a verdict (``decode`` -> :mod:`spamdetect.extract` ->
:mod:`spamdetect.pages`). Everything that touches raw bytes lives here, so that both entry
points -- :func:`spamdetect.pages.scan_page` given bytes, and a folder scan reading files --
share the same limits: a gzip bomb or a huge file is refused at ``max_bytes`` on either path.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import zlib

__all__ = ["PageError", "DEFAULT_MAX_BYTES", "decode", "declared_encoding", "gunzip",
           "read_page_bytes", "is_binary"]

DEFAULT_MAX_BYTES = 20_000_000  # per page, on disk and after gzip decompression


class PageError(Exception):
    """A page that cannot be read, decoded or parsed; the message goes into the report."""


# ---------------------------------------------------------------------------------------------
# Reading and gunzipping, bounded
# ---------------------------------------------------------------------------------------------
def gunzip(data: bytes, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """``data`` decompressed from gzip, never inflating past ``max_bytes``.

    A 1 MB gzip bomb inflates to 1 GB; decompressing with a cap stops at ``max_bytes + 1``
    bytes and raises :class:`PageError` instead. ``None`` means no limit (trusted input only).
    """
    try:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = d.decompress(data, 0 if max_bytes is None else max_bytes + 1)
    except zlib.error as exc:
        raise PageError(f"bad gzip data: {exc}") from None
    if max_bytes is not None and len(out) > max_bytes:
        raise PageError(f"too big: decompresses to more than {max_bytes} bytes")
    if not d.eof:
        raise PageError("bad gzip data: truncated")
    return out


def is_gzip(data: bytes) -> bool:
    return data[:2] == b"\x1f\x8b"


def read_page_bytes(path, *, max_bytes: int | None = None) -> tuple[bytes, int]:
    """The bytes of a page file, gunzipped when it is gzip; ``(data, size on disk)``.

    ``max_bytes`` bounds both the file and what it decompresses to, so neither a huge file nor a
    gzip bomb is loaded whole. Only regular files are read: a FIFO, socket or device named on
    the command line would block the scan (or never end), so it is refused -- the file is opened
    with ``O_NONBLOCK`` and checked with ``fstat`` before any read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with open(fd, "rb", closefd=True) as f:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise PageError(f"not a regular file ({_file_kind(mode)})")
        raw = f.read() if max_bytes is None else f.read(max_bytes + 1)
    size = len(raw)
    if max_bytes is not None and size > max_bytes:
        raise PageError(f"too big: more than {max_bytes} bytes")
    if is_gzip(raw):
        raw = gunzip(raw, max_bytes)
    elif str(path).endswith(".gz"):
        raise PageError("not gzip data despite the .gz name")
    return raw, size


def _file_kind(mode: int) -> str:
    for test, name in ((stat.S_ISFIFO, "FIFO"), (stat.S_ISSOCK, "socket"), (stat.S_ISCHR, "character device"),
                       (stat.S_ISBLK, "block device"), (stat.S_ISDIR, "folder")):
        if test(mode):
            return name
    return "special file"


# ---------------------------------------------------------------------------------------------
# Bytes -> str
# ---------------------------------------------------------------------------------------------
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),  # before UTF-16: same prefix
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml[^>]{0,100}?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)
# Chinese sites declare the old name and use the newer superset (as browsers assume, see the
# WHATWG Encoding Standard): GB2312/GBK pages carry GB18030 characters, Big5 pages HKSCS ones.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "big5hkscs", "cp950": "big5hkscs",
             "ascii": "utf-8", "latin_1": "cp1252", "iso8859-1": "cp1252"}
# Web pages in UTF-16/32 carry a BOM; without one the detector's guess of them is noise.
_NEVER_GUESS = ["utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7"]
_MAX_BAD_SHARE = 0.005  # a declared/detected codec may leave this share of undecodable chars

# Binary sniffing on the first 8 KB. Text in any encoding a web page uses (once UTF-16/32 have
# been recognised by their BOM) has next to no NULs and few C0 control bytes; images, archives
# and executables are full of them. A share, not a single byte: one stray NUL in a real page
# (a CMS bug, a pasted control character) must not throw the whole page away.
_SNIFF_BYTES = 8192
_MAX_NUL_SHARE = 0.01
_MAX_CONTROL_SHARE = 0.05
_CONTROL = bytes(b for b in range(32) if b not in b"\t\n\r\x0b\x0c\x1b") + b"\x7f"


def is_binary(data: bytes) -> bool:
    """True when the start of ``data`` has too many NUL or control bytes to be a text page."""
    head = data[:_SNIFF_BYTES]
    if not head:
        return False
    if head.count(0) > _MAX_NUL_SHARE * len(head):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls > _MAX_CONTROL_SHARE * len(head)


def _codec_name(label: str) -> str | None:
    try:
        name = codecs.lookup(label.strip().lower()).name
    except LookupError:
        return None
    return _SUPERSET.get(name, name)


def _try_decode(data: bytes, encoding: str) -> str | None:
    """``data`` decoded, tolerating a few bad bytes (truncated pages, stray bytes), else None."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        pass
    except LookupError:
        return None
    text = data.decode(encoding, errors="replace")
    return text if text.count("\ufffd") <= _MAX_BAD_SHARE * max(len(text), 1) else None


def declared_encoding(data: bytes) -> str | None:
    """The encoding a page declares in its first 4 KB (``<meta>`` or ``<?xml ... ?>``), if any."""
    m = _DECLARED.search(data, 0, 4096)
    if not m:
        return None
    return _codec_name((m.group(1) or m.group(2)).decode("ascii"))


def decode(data: bytes, *, html: bool = True) -> tuple[str, str]:
    """Decode a page: ``(text, encoding used)``; raises :class:`PageError` for binary/undecodable.

    The order is the one browsers use, with a detector last: a byte-order mark wins; then what
    the page declares (only for HTML); then strict UTF-8, which almost never accepts text that is
    not UTF-8; then charset-normalizer. Declarations lie (a ``charset=utf-8`` page saved as GBK
    is common), so a declared codec that fails to decode is ignored rather than trusted.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = _try_decode(data, encoding)
            if text is not None:
                return text.lstrip("\ufeff"), encoding
    if is_binary(data):
        raise PageError("binary file (NUL or control bytes)")
    declared = declared_encoding(data) if html else None
    if declared:
        text = _try_decode(data, declared)
        if text is not None:
            return text, declared
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_exclusion=_NEVER_GUESS).best()
    encoding = _codec_name(best.encoding) if best is not None else None
    text = _try_decode(data, encoding) if encoding else None
    if text is None:
        raise PageError("undecodable: no text encoding fits")
    return text, encoding
