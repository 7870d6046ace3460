"""Output files the command line writes: checked before any work, written durably.

A scan or a training run that finds out at the end (or after its first report line) that it
cannot write its output has wasted the run and, worse, left a report that says a page is done
when its clean copy is not. So outputs are probed up front, by actually creating a file (a
permission check alone is wrong for root, read-only mounts and full disks), and clean copies
are written to a temporary name, fsynced and renamed: a file under its real name is complete.
"""

from __future__ import annotations

import os
import re
import tempfile

__all__ = ["check_writable_file", "check_writable_dir", "atomic_write_text", "remove_stale_temps",
           "TEMP_SUFFIX"]

TEMP_SUFFIX = ".tmp"  # + the writer's pid: "a.html.txt.tmp1234"
_STALE = re.compile(re.escape(TEMP_SUFFIX) + r"\d+$")


def _describe(exc: OSError) -> str:
    return exc.strerror or type(exc).__name__


def check_writable_dir(path) -> str | None:
    """Why files cannot be written in folder ``path`` (created if missing), or None if they can."""
    path = os.fspath(path)
    try:
        os.makedirs(path, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path, prefix=".spamdetect-probe-"):
            pass
    except OSError as exc:
        return f"cannot write in {path}: {_describe(exc)}"
    return None


def check_writable_file(path, *, make_parents: bool = False) -> str | None:
    """Why ``path`` cannot be written as a file, or None if it can (nothing is left behind but,
    with ``make_parents``, its missing parent folders)."""
    path = os.fspath(path)
    if os.path.isdir(path):
        return f"{path} is a folder, not a file"
    parent = os.path.dirname(path) or "."
    try:
        if make_parents:
            os.makedirs(parent, exist_ok=True)
        if os.path.exists(path):
            with open(path, "a"):
                pass
        else:
            with tempfile.NamedTemporaryFile(dir=parent, prefix=".spamdetect-probe-"):
                pass
    except OSError as exc:
        return f"cannot write {path}: {_describe(exc)}"
    return None


def atomic_write_text(path: str, text: str):
    """Write ``text`` (UTF-8) to ``path`` so that ``path`` is either absent, the old file, or
    the whole new one, even across SIGKILL or a power cut: temp file, fsync, rename.

    A temp file is removed when the write fails or is interrupted (``KeyboardInterrupt``).
    """
    os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
    tmp = f"{path}{TEMP_SUFFIX}{os.getpid()}"
    try:
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def remove_stale_temps(folder) -> int:
    """Delete temp files a killed writer left under ``folder`` (``*.txt.tmpPID``); their count.

    Only names :func:`atomic_write_text` makes for clean copies (ending ``.txt.tmp`` + digits)
    are touched, so a user's own files in the folder are safe.
    """
    removed = 0
    for root, _dirs, files in os.walk(folder):
        for name in files:
            m = _STALE.search(name)
            if m and name[:m.start()].endswith(".txt"):
                try:
                    os.unlink(os.path.join(root, name))
                    removed += 1
                except OSError:
                    pass
    return removed
