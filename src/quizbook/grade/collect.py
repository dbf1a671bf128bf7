"""Where submissions come from: files, folders, and zips as learning platforms download them.

Every file found ends as exactly one `Ref` (a candidate to read) or `Rejected` (with a
reason). Nothing is extracted to disk and nothing is executed; symbolic links are not
followed; an archive member whose path would leave its archive, a member that inflates far
beyond its compressed size, and anything over the size limits is rejected unread.

Who a submission belongs to is taken from the platform's naming when there is one:

- Canvas, "Download Submissions": `lastfirst_123456_7890123_original-name.json`
  (`lastfirst_LATE_123456_…` for a late one): the student is Canvas user 123456.
- Moodle, "Download all submissions": a folder `Full Name_123456_assignsubmission_file`
  (older versions and the flat layout put the same prefix before each file name): the
  student is participant 123456.

Otherwise the student is whoever the response file names.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

MAX_FILE = 20 * 1024 * 1024  # a notebook with figures; a response file is a few KB
MAX_RATIO = 200  # an archive member may inflate at most this much: more is a zip bomb
MAX_INFLATED = 2 * 1024**3  # all members of one archive together
MAX_NESTING = 2  # a zip a student uploaded, inside the platform's zip
SUFFIXES = (".json", ".ipynb")

CANVAS = re.compile(
    r"^(?P<name>[^_/]+?)(?P<late>_late)?_(?P<id>\d+)_(?P<sub>\d+)_(?P<file>.+)$", re.I
)
MOODLE = re.compile(
    r"^(?P<name>.+?)_(?P<id>\d+)_assignsubmission_(?:file|onlinetext)_?(?P<file>.*)$"
)


@dataclass(frozen=True)
class Ref:
    """A file to read: a path on disk, and the chain of archive members inside it."""

    path: str
    members: tuple[str, ...] = ()

    @property
    def source(self) -> str:
        """How reports name it: `subs.zip!Jane Doe_1_assignsubmission_file/a.json`."""
        return "!".join([self.path, *self.members])

    @property
    def name(self) -> str:
        """The path the platform gave it, from which the student is read."""
        return self.members[-1] if self.members else self.path


@dataclass(frozen=True)
class Rejected:
    source: str
    reason: str


@dataclass(frozen=True)
class Owner:
    """Who submitted, as the platform's naming says (empty when it says nothing)."""

    student: str = ""
    name: str = ""
    platform: str = ""
    late: bool = False


def owner_of(name: str) -> Owner:
    if "_" not in name:
        return Owner()  # neither platform's naming: the response names the student
    parts = [part for part in name.replace("\\", "/").split("/") if part]
    if parts and (m := CANVAS.match(parts[-1])):
        return Owner(m["id"], m["name"], "canvas", bool(m["late"]))
    for part in reversed(parts):
        if m := MOODLE.match(part):
            return Owner(m["id"], m["name"], "moodle")
    return Owner()


def find(paths: list[str]) -> Iterator[Ref | Rejected]:
    """Every candidate in the inputs (files, folders, zips)."""
    for given in paths:
        path = Path(given)
        if path.is_symlink():
            yield Rejected(given, "a symbolic link: not followed")
        elif path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield from _file(path)
        else:
            yield Rejected(given, "no such file or folder")


def _walk(root: Path) -> Iterator[Ref | Rejected]:
    """Every file under `root`, one stat call each, as the folder lists them: a folder of a
    whole class is never held in memory, and the order of reading does not matter (every
    output is sorted)."""
    with os.scandir(root) as entries:
        for entry in entries:
            yield from _entry(entry)


def _entry(entry: os.DirEntry) -> Iterator[Ref | Rejected]:
    if entry.is_symlink():
        yield Rejected(entry.path, "a symbolic link: not followed")
    elif entry.is_dir(follow_symlinks=False):
        yield from _walk(Path(entry.path))
    elif entry.is_file(follow_symlinks=False):
        yield from _candidate(entry.path, entry.stat(follow_symlinks=False).st_size)
    else:
        yield Rejected(entry.path, "not a regular file")


def _file(path: Path) -> Iterator[Ref | Rejected]:
    info = path.lstat()
    if not stat.S_ISREG(info.st_mode):
        yield Rejected(str(path), "not a regular file")
    else:
        yield from _candidate(str(path), info.st_size)


def _candidate(path: str, size: int) -> Iterator[Ref | Rejected]:
    if path.lower().endswith(".zip"):
        yield from _archive(Ref(path), lambda: zipfile.ZipFile(path), 1)
    elif (reason := _unwanted(path, size)) is not None:
        yield Rejected(path, reason)
    else:
        yield Ref(path)


def _unwanted(name: str, size: int) -> str | None:
    """Why a file is not read at all, or None if it is a candidate."""
    if PurePosixPath(name).name.startswith("._") or "__MACOSX" in name:
        return "macOS archive metadata, not a submission"
    if not name.lower().endswith(SUFFIXES):
        return "not a response file (.json) or notebook (.ipynb)"
    if size > MAX_FILE:
        limit = MAX_FILE // 1024**2
        return f"{size / 1024**2:.0f} MB: larger than any response or notebook ({limit} MB)"
    return None


def _archive(ref: Ref, opener, depth: int) -> Iterator[Ref | Rejected]:
    try:
        archive = opener()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as err:
        yield Rejected(ref.source, f"not a readable zip archive ({_short(err)})")
        return
    with archive:
        inflated = 0
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            member = Ref(ref.path, (*ref.members, info.filename))
            problem = _unsafe(info)
            inflated += info.file_size
            if problem is None and inflated > MAX_INFLATED:
                problem = "the archive inflates beyond 2 GB: the rest is not read"
            if problem is not None:
                yield Rejected(member.source, problem)
            elif info.filename.lower().endswith(".zip"):
                yield from _nested(member, archive, info, depth)
            elif (reason := _unwanted(info.filename, info.file_size)) is not None:
                yield Rejected(member.source, reason)
            else:
                yield member


def _nested(member: Ref, archive, info, depth: int) -> Iterator[Ref | Rejected]:
    if depth >= MAX_NESTING:
        yield Rejected(member.source, "a zip inside a zip inside a zip: not read")
        return
    if info.file_size > MAX_FILE:
        yield Rejected(member.source, "a nested archive over 20 MB: not read")
        return
    data = archive.read(info)
    yield from _archive(member, lambda: zipfile.ZipFile(_bytes_io(data)), depth + 1)


def _unsafe(info: zipfile.ZipInfo) -> str | None:
    name = info.filename.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or ".." in name.split("/"):
        return "a path that leaves the archive: not read"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link inside the archive: not followed"
    if info.compress_size and info.file_size / info.compress_size > MAX_RATIO:
        return f"inflates {info.file_size // info.compress_size}-fold: a zip bomb, not read"
    return None


class Reader:
    """Reads refs' bytes, at most MAX_FILE + 1 of them (a lying header cannot make more),
    keeping each archive open between reads: a platform's zip holds thousands of files."""

    def __init__(self):
        self._open: dict[tuple[str, ...], zipfile.ZipFile] = {}

    def __call__(self, ref: Ref) -> bytes:
        if not ref.members:
            with open(ref.path, "rb") as f:
                return f.read(MAX_FILE + 1)
        archive = self._archive((ref.path, *ref.members[:-1]))
        with archive.open(ref.members[-1]) as f:
            return f.read(MAX_FILE + 1)

    def _archive(self, chain: tuple[str, ...]) -> zipfile.ZipFile:
        if chain not in self._open:
            if len(chain) == 1:
                self._open[chain] = zipfile.ZipFile(chain[0])
            else:
                with self._archive(chain[:-1]).open(chain[-1]) as f:
                    self._open[chain] = zipfile.ZipFile(_bytes_io(f.read(MAX_FILE + 1)))
        return self._open[chain]

    def close(self) -> None:
        for archive in self._open.values():
            archive.close()
        self._open.clear()


def _bytes_io(data: bytes):
    import io

    return io.BytesIO(data)


def _short(err: BaseException) -> str:
    return str(err).splitlines()[0][:80] if str(err) else type(err).__name__
