"""Every file the engine writes goes through here: one set of rules for output paths.

- A file is written to a temporary file beside it and renamed into place (a reader never sees half a
  file), created with the usual mode (``0666`` less the umask, as ``open`` would), never left behind.
- ``-`` means standard output where the format allows it; never a file named ``-``.
- An existing FIFO or character device (``/dev/stdout``, ``/dev/null``, a pipe) is written into, never
  replaced by a regular file; a block device or socket is refused.
- A bad place (a folder where a file is expected, a file where a folder is expected, a read-only or
  full disk, a missing permission) is a :class:`~carbon.errors.CarbonError` naming the path, why, and
  what would work: no traceback.
- A set of files (the report) is written into a temporary folder and renamed into place as a whole;
  where the folder holds other files too (an inventory folder), the old lock is removed first and the
  new one written last, so that a lock always describes the files beside it.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import stat
import sys
import tempfile
from glob import escape as glob_escape
from pathlib import Path
from typing import Callable, Iterator

from .errors import CarbonError

__all__ = ["STDOUT", "OutputError", "file_mode", "written_in_place", "check_file_target", "check_folder_target", "write_file",
           "atomic_path", "publish_folder"]

STDOUT = "-"


class OutputError(CarbonError):
    """An output path that cannot be written (the CLI prints it and exits 1)."""


def file_mode(folder: bool = False) -> int:
    """The mode a new file (``0666``) or folder (``0777``) gets under the current umask."""
    mask = os.umask(0o022)
    os.umask(mask)
    return (0o777 if folder else 0o666) & ~mask


def _why(exc: OSError) -> str:
    hints = {errno.EACCES: "permission denied", errno.EPERM: "permission denied",
             errno.EROFS: "the file system is read-only", errno.ENOSPC: "the disk is full",
             errno.EDQUOT: "the disk quota is used up", errno.ENOTDIR: "a part of the path is a file, not a folder",
             errno.EISDIR: "it is a folder", errno.ENAMETOOLONG: "the name is too long"}
    return hints.get(exc.errno, exc.strerror or str(exc))


def _fail(path: Path | str, what: str, why: str, fix: str) -> OutputError:
    return OutputError(f"{path}: cannot write {what} here ({why}); {fix}")


def _special(path: Path) -> str | None:
    """'stream' for an existing FIFO or character device, or anything under /dev or /proc (such as
    /dev/stdout): written into, never replaced; 'refuse' for a block device or socket; None for a
    regular file or a path that does not exist yet."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None
    if stat.S_ISBLK(mode) or stat.S_ISSOCK(mode):
        return "refuse"
    system = any(str(p).startswith(("/dev/", "/proc/")) for p in (os.path.abspath(path), os.path.realpath(path)))
    if stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or system:
        return "stream"
    return None


def written_in_place(path: str | Path) -> bool:
    """Whether ``path`` is standard output, a pipe or a device: written into, not replaced."""
    return str(path) == STDOUT or _special(Path(path)) == "stream"


def _real(path: Path) -> Path:
    """A link to a regular file is followed: the file is replaced, the link kept."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def check_file_target(path: str | Path, what: str = "the file", example: str = "out/file.csv") -> Path:
    """Refuse (OutputError) a path that cannot take a file before any work is done; returns it as a Path."""
    if str(path) == STDOUT:
        raise OutputError(f"{what} cannot go to standard output ('-'); name a file, e.g. {example}")
    path = Path(path)
    if path.is_dir():
        raise _fail(path, what, "it is a folder", f"name a file inside it, e.g. {path / Path(example).name}")
    if _special(path) == "refuse":
        raise _fail(path, what, "it is a device or socket, not a file", f"name a file, e.g. {example}")
    for parent in path.parents:
        if parent.exists():
            if not parent.is_dir():
                raise _fail(path, what, f"{parent} is a file, not a folder", "name a file in a folder")
            if _special(path) is None and not os.access(parent, os.W_OK | os.X_OK):
                raise _fail(path, what, f"the folder {parent} is not writable", "name a folder you can write to")
            break
    return path


def check_folder_target(folder: str | Path, what: str = "the report", example: str = "out/report") -> Path:
    """Refuse (OutputError) a path that cannot take a folder of files; returns it as a Path."""
    if str(folder) == STDOUT:
        raise OutputError(f"{what} is a folder of files and cannot go to standard output ('-'); "
                          f"name a folder, e.g. {example}")
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise _fail(folder, what, "it is an existing file, and a folder is needed",
                    f"name a folder (new or existing), e.g. {folder.with_suffix('')}-report")
    for parent in [folder, *folder.parents]:
        if parent.exists():
            if not parent.is_dir():
                raise _fail(folder, what, f"{parent} is a file, not a folder", "name a folder in a folder")
            if not os.access(parent, os.W_OK | os.X_OK):
                raise _fail(folder, what, f"the folder {parent} is not writable", "name a folder you can write to")
            break
    return folder


def _mkdir(folder: Path, shown: Path, what: str) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise _fail(shown, what, f"{folder} is a file, not a folder", "name a place inside a folder") from None
    except OSError as exc:
        raise _fail(shown, what, _why(exc), "name a folder you can write to") from None


@contextlib.contextmanager
def atomic_path(path: str | Path, what: str = "the file") -> Iterator[Path]:
    """A temporary path beside ``path`` for a writer that needs a file name (Parquet, openpyxl);
    renamed onto ``path`` when the block ends without error, removed otherwise."""
    path = check_file_target(path, what)
    if _special(path) == "stream":
        with tempfile.TemporaryDirectory() as scratch:  # write elsewhere, then stream into the device
            tmp = Path(scratch) / path.name
            yield tmp
            _stream_into(path, tmp.read_bytes(), what)
        return
    path = _real(path)
    _mkdir(path.parent, path, what)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
        os.fchmod(fd, file_mode())
        os.close(fd)
    except OSError as exc:
        raise _fail(path, what, _why(exc), "name a place you can write to") from None
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _fail(path, what, _why(exc), "name a place you can write to (with free space)") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _stream_into(path: Path, data: bytes, what: str) -> None:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
    except OSError as exc:
        raise _fail(path, what, _why(exc), "name a file you can write to") from None


def write_file(path: str | Path, data: bytes | str, what: str = "the file") -> Path:
    """Write ``data`` (text is UTF-8) to ``path`` atomically; ``-`` is standard output. Returns the path."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if str(path) == STDOUT:
        out = getattr(sys.stdout, "buffer", None)
        if out is not None:
            sys.stdout.flush()
            out.write(raw)
            out.flush()
        else:  # a text stream (tests capture stdout as text)
            sys.stdout.write(raw.decode("utf-8"))
        return Path(STDOUT)
    path = check_file_target(path, what)
    if _special(path) == "stream":
        _stream_into(path, raw, what)
        return path
    with atomic_path(path, what) as tmp:
        try:
            tmp.write_bytes(raw)
        except OSError as exc:
            raise _fail(path, what, _why(exc), "name a place you can write to (with free space)") from None
    return path


# ------------------------------------------------------------------------------ sets of files
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE); False when the system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd = -100
    return fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``folder`` (a directory): one writer of a set at a time."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks (some network mounts): the swap is still whole
            pass
        yield
    finally:
        os.close(fd)  # releases the lock


def publish_folder(folder: str | Path, files: dict[str, bytes], last: str | None = None,
                   replaceable: frozenset[str] = frozenset(), what: str = "the report",
                   stale: frozenset[str] = frozenset()) -> list[Path]:
    """Write ``files`` (name -> bytes) into ``folder`` as one set; ``last`` (the lock) is the last to
    appear. When ``folder`` is new, empty or holds only names in ``replaceable`` (earlier sets), the set
    is built in a temporary folder beside it and swapped in whole; otherwise each file is renamed in,
    the old ``last`` removed first, then the ``stale`` files of the previous set that this one lacks.
    Concurrent writers to one place take turns. Returns the paths."""
    shown = check_folder_target(folder, what)
    folder = Path(os.path.abspath(shown))
    parent = folder.parent
    _mkdir(parent, folder, what)
    order = [n for n in files if n != last] + ([last] if last in files else [])
    try:
        with _locked(parent):
            _clear_stale(parent, folder.name)
            existing = set(os.listdir(folder)) if folder.is_dir() else None
            cwd = Path(os.getcwd())
            swappable = existing is None or (existing <= (set(replaceable) | set(files)) and not folder.is_symlink()
                                             and not os.path.ismount(folder) and not cwd.is_relative_to(folder))
            if not (swappable and _swap_in(folder, parent, files, order)):
                _one_by_one(folder, files, order, last, stale - set(files))
    except OSError as exc:
        raise _fail(folder, what, _why(exc), "name a folder you can write to (with free space)") from None
    return [shown / n for n in order]


def _clear_stale(parent: Path, name: str) -> None:
    """Remove what a killed writer of this set left (``.NAME.*.partial`` / ``.old`` folders beside it):
    with the lock held no other writer is at work."""
    for leftover in parent.glob(f".{glob_escape(name)}.*"):
        if leftover.is_dir() and not leftover.is_symlink() and leftover.name.endswith((".partial", ".old")):
            shutil.rmtree(leftover, ignore_errors=True)


def _swap_in(folder: Path, parent: Path, files: dict[str, bytes], order: list[str]) -> bool:
    """Build the set in a temporary folder beside ``folder`` and put it in place whole; False (nothing
    changed) when the file system cannot rename folders here."""
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".partial", dir=parent))
    except OSError:
        return False  # the parent folder is not ours to write in: file by file inside the folder
    old = None
    try:
        for name in order:
            fd = os.open(staging / name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, file_mode())
            with os.fdopen(fd, "wb") as handle:
                handle.write(files[name])
        os.chmod(staging, stat.S_IMODE(os.stat(folder).st_mode) if folder.is_dir() else file_mode(folder=True))
        if not folder.exists():
            os.rename(staging, folder)
            return True
        if _exchange(staging, folder):
            old = staging  # now holds the previous set
            return True
        old = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".old", dir=parent))
        try:
            os.rename(folder, old / "set")
        except OSError:
            return False
        try:
            os.rename(staging, folder)
        except OSError:
            os.rename(old / "set", folder)  # the previous set back in place
            raise
        return True
    finally:
        for leftover in (staging, old):
            if leftover is not None and leftover.exists() and leftover != folder:
                shutil.rmtree(leftover, ignore_errors=True)


def _one_by_one(folder: Path, files: dict[str, bytes], order: list[str], last: str | None,
                stale: set[str] = frozenset()) -> None:
    if last:
        (folder / last).unlink(missing_ok=True)  # no lock describes a half-replaced set
    for name in stale:  # files of the previous set this one does not have (a report.xlsx of an earlier run)
        if "/" not in name and name != last and (folder / name).is_file():
            (folder / name).unlink()
    for name in order:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".partial", dir=folder)
        try:
            os.fchmod(fd, file_mode())
            with os.fdopen(fd, "wb") as handle:
                handle.write(files[name])
            os.replace(tmp, folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def writer_for(path: str | Path, what: str) -> Callable[[bytes | str], Path]:
    """A function writing ``what`` to ``path`` (checked now, before the work that makes the data)."""
    if str(path) != STDOUT:
        check_file_target(path, what)
    return lambda data: write_file(path, data, what)
