"""Reading text files as people actually have them: BOMs, UTF-16, CP949, any line ending.

We decode ourselves instead of handing paths to srt or pysubs2: both are strict UTF-8
by default and neither detects CP949/EUC-KR, the common encoding of Korean files
(pysubs2 issue #43 asks for the latter).
"""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import TYPE_CHECKING, BinaryIO

from subtools.errors import ExportError, ParseError

if TYPE_CHECKING:  # pathlib only in signatures: no command imports it to read, validate or write a file (5 ms)
    from pathlib import Path

__all__ = [
    "MAX_INPUT_BYTES",
    "atomic_target",
    "decode_named",
    "decode_text",
    "input_limit",
    "path_suffix",
    "read_file",
    "read_limited",
    "read_text",
    "refuse_same_file",
    "split_lines",
    "write_backup",
    "write_text_atomic",
]

# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _looks_like_bomless_utf16(data: bytes) -> str | None:
    # Notepad's "Unicode" without a BOM: ASCII text has a NUL in every other byte.
    # Claimed only when a third of the bytes on one side are NUL and the whole file
    # decodes to text without control characters, so a binary file is still binary.
    if len(data) < 4 or len(data) % 2:
        return None
    odd, even = data[1::2], data[0::2]
    for encoding, side in (("utf-16-le", odd), ("utf-16-be", even)):
        if side.count(0) >= 0.3 * len(side):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if not any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text):
                return encoding
    return None


_TEXT_CONTROLS = frozenset(b"\t\n\r\f\x00")


def _is_text_with_nuls(data: bytes) -> bool:
    # A stray NUL in UTF-8 text: browsers read such a WebVTT file and show U+FFFD there
    # (wpt/nulls.vtt and wpt-cuetext/text.vtt in the peer files). Claimed only when the bytes
    # are UTF-8 with no control character but NUL and white space, and NULs are rare, so
    # an archive or an image (other controls, invalid UTF-8) is still binary.
    if data.count(0) > len(data) // 20:
        return False
    if any(b < 32 and b not in _TEXT_CONTROLS for b in data[:65536]):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode_text(data: bytes, source: str = "<bytes>", encoding: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``.

    Order: BOM (UTF-8, UTF-16), BOM-less UTF-16, strict UTF-8, strict CP949 (a
    superset of EUC-KR). UTF-8 Korean never decodes as strict CP949 and the reverse
    (``tests/test_textio.py`` tries both ways), so the order is safe.

    >>> decode_text("한국".encode("cp949"))
    ('한국', 'cp949')

    Raises:
        ParseError: empty, binary or undecodable input.
    """
    if not data:
        raise ParseError("file is empty (found 0 bytes, expected a transcript)", source)
    if encoding is not None:
        return decode_named(data, source, encoding)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                line = data[: exc.start].count(b"\n") + 1
                raise ParseError(
                    f"not valid {encoding} after its byte-order mark (found byte 0x{data[exc.start]:02x})",
                    source,
                    line,
                ) from None
            return text.lstrip("\ufeff"), encoding.replace("-sig", "")
    # Text without a NUL byte is not UTF-16 (every ASCII character would have one): the
    # check spares big subtitle files two half-size copies of their bytes.
    utf16 = _looks_like_bomless_utf16(data) if b"\x00" in data else None
    if utf16 is not None:
        return data.decode(utf16), utf16
    if b"\x00" in data and not _is_text_with_nuls(data):
        offset = data.index(b"\x00")
        raise ParseError(
            f"binary file, not text (found a NUL byte at offset {offset}, expected UTF-8, UTF-16 or CP949 text)",
            source,
            data[:offset].count(b"\n") + 1,
        )
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    guess = _decode_legacy(data)
    if guess is not None:
        return guess
    raise ParseError(
        f"cannot decode text (found byte 0x{data[first_bad]:02x}, expected UTF-8, UTF-16 with a BOM, or CP949/EUC-KR)",
        source,
        data[:first_bad].count(b"\n") + 1,
    )


# The legacy encodings a guess may name: Korean first, then the Windows code pages and the
# CJK encodings subtitle files come in (srt's gb2312.srt in the peer files).
LEGACY_ENCODINGS = frozenset(
    {"cp949", "euc_kr", "gb18030", "gb2312", "gbk", "big5", "cp950", "shift_jis", "cp932", "euc_jp"}
    | {f"cp{n}" for n in range(1250, 1259)}
    | {"iso8859_2", "iso8859_5", "iso8859_7", "iso8859_9", "iso8859_15", "latin_1", "koi8_r", "mac_roman"}
)


def _decode_legacy(data: bytes) -> tuple[str, str] | None:
    """Text that is not UTF-8: strict CP949 when it reads as Korean, else charset-normalizer's
    guess among :data:`LEGACY_ENCODINGS` when it reads as words; None when neither does.

    A guess is never silent: the encoding is returned, and ``validate`` reports every file
    that is not UTF-8 (rule ``encoding``)."""
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        text = ""
    if text and _share(text, _is_hangul) >= 0.9:
        return text, "cp949"
    from charset_normalizer import from_bytes  # imported here: UTF-8 files never pay for it

    best = from_bytes(data).best()
    if best is None or best.encoding not in LEGACY_ENCODINGS:
        return None
    text = str(best)
    if best.encoding == "cp949":
        # Not Korean (checked above), yet CP949 to the detector: short Chinese text is ("你好，世界"
        # in GB2312 reads as "콱봤，各썹", tests/test_encodings.py), so GB18030 if that gives Chinese.
        return _decode_chinese(data)
    # Random bytes decode in any single-byte code page: ask for letters ("ok\n\xff\xfe\xfd"
    # in tests/test_textio.py is cp1250 to the detector, not text to a reader).
    if _share(text, str.isalpha) < 0.8 or any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text):
        return None
    return text, best.encoding


def _decode_chinese(data: bytes) -> tuple[str, str] | None:
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    return (text, "gb18030") if _share(text, _is_han) >= 0.9 else None


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3" or "\u3130" <= ch <= "\u318f"


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf"


def _share(text: str, test: Callable[[str], bool]) -> float:
    """The share of ``text``'s non-ASCII characters (punctuation and spaces aside) that pass ``test``."""
    chars = [ch for ch in text if ord(ch) > 127 and not unicodedata.category(ch).startswith(("P", "Z"))]
    return sum(1 for ch in chars if test(ch)) / len(chars) if chars else 1.0


def decode_named(data: bytes, source: str, encoding: str) -> tuple[str, str]:
    """``data`` in the encoding the user named (``--encoding``): strictly, a BOM dropped.

    Raises:
        ParseError: an encoding Python does not know, or bytes that are not in it.
    """
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        raise ParseError(f"unknown encoding (found {encoding!r}, expected a name such as cp949 or cp1252)",
                         source) from None  # fmt: skip
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise ParseError(f"not valid {name} (found byte 0x{data[exc.start]:02x})", source,
                         data[: exc.start].count(b"\n") + 1) from None  # fmt: skip
    return text.lstrip("\ufeff"), name.replace("-sig", "")


# 50 MB: ten times the longest transcript or subtitle file of a feature film, and a
# limit that reads in well under a second, so a wrong file (a video, /dev/zero) stops soon.
MAX_INPUT_BYTES = 50 * 1024 * 1024
_input_limit: ContextVar[int] = ContextVar("input_limit", default=MAX_INPUT_BYTES)
_CHUNK = 1024 * 1024


@contextmanager
def input_limit(max_bytes: int) -> Iterator[None]:
    """Within the block, reading stops at ``max_bytes`` instead of :data:`MAX_INPUT_BYTES`
    (the CLI's ``--max-size``)."""
    token = _input_limit.set(max_bytes)
    try:
        yield
    finally:
        _input_limit.reset(token)


def read_limited(stream: BinaryIO, source: str, first: bytes = b"") -> bytes:
    """All bytes of ``stream`` (after ``first``, already read from it), up to the input
    limit; a stream that never ends (``/dev/zero``) stops there too.

    Raises:
        ParseError: more bytes than the limit.
    """
    limit = _input_limit.get()
    chunks: list[bytes] = [first] if first else []
    size = len(first)
    while size <= limit:
        chunk = stream.read(min(_CHUNK, limit + 1 - size))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        size += len(chunk)
    mb = f"{limit / (1024 * 1024):.4g}"
    raise ParseError(f"input too large (found over {mb} MB, expected at most {mb} MB; see --max-size)", source)


def read_file(path: str | Path) -> bytes:
    """The bytes of a file, up to the input limit.

    Raises:
        ParseError: missing, a directory, unreadable or too large.
    """
    name = str(path)
    try:
        with open(path, "rb") as handle:
            # A regular file is read in one call of its size, into one buffer: read a megabyte
            # at a time and joined, a big file took twice its size of fresh memory (8 MB: 4 ms).
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= _input_limit.get():
                return read_limited(handle, name)
            data = handle.read(info.st_size)
            return read_limited(handle, name, data) if handle.peek(1) else data  # it grew: read the rest
    except IsADirectoryError:
        raise ParseError("is a directory (expected a text file)", name) from None
    except FileNotFoundError:
        raise ParseError("no such file", name) from None
    except OSError as exc:
        raise ParseError(f"cannot read file ({exc.strerror})", name) from None


def read_text(path: str | Path, encoding: str | None = None) -> tuple[str, str]:
    """Read and decode a file, up to the input limit; ``-`` is not handled here (the CLI
    reads stdin).

    Raises:
        ParseError: missing, a directory, unreadable, too large, empty, binary or undecodable.
    """
    return decode_text(read_file(path), str(path), encoding)


def write_backup(path: str | Path, data: bytes) -> str:
    """Keep ``data`` (a file's original bytes) as ``path.bak``, or as the first free
    ``path.bak.1``, ``path.bak.2``… when older backups exist: no backup is ever replaced.
    Written like any output (:func:`atomic_target`). Returns the backup's name.

    Raises:
        ExportError: the backup cannot be written (read-only folder, full disk).
    """
    name = f"{path}.bak"
    number = 0
    while os.path.lexists(name if number == 0 else f"{name}.{number}"):
        number += 1
    backup = name if number == 0 else f"{name}.{number}"
    with atomic_target(backup) as tmp, open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    return backup


def split_lines(text: str) -> list[str]:
    r"""Split on CRLF, CR or LF (mixed endings are common in pasted transcripts).

    Unicode line separators (U+2028, form feeds) stay inside their line so that line
    numbers agree with what editors show.

    >>> split_lines("a\r\nb\rc\n")
    ['a', 'b', 'c']
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def encode_text(text: str, codec: str, target: str) -> bytes:
    """``text`` in ``codec`` (an output saved as cp949 for older Korean players).

    Raises:
        ExportError: a character ``codec`` cannot hold, named with ``target``.
    """
    try:
        return text.encode(codec)
    except UnicodeEncodeError as exc:
        found = text[exc.start : exc.end]
        raise ExportError(f"cannot write {found!r} in {codec} (expected text {codec} holds)", target) from None


def path_suffix(path: str | Path) -> str:
    """``Path(path).suffix`` as Python 3.11-3.13 give it, without importing pathlib (5 ms
    of a command's start-up): of the last name that is not ``.`` (``a.srt/`` and
    ``a.srt/.`` are ``a.srt``, but ``a.srt/x/..`` is ``..``, which ``os.path.normpath``
    would have made ``a.srt``); a name ending in a dot has none (3.14 gives ``"."``)."""
    text = os.fspath(path)
    if os.altsep:
        text = text.replace(os.altsep, os.sep)
    names = [name for name in text.split(os.sep) if name and name != "."]
    name = names[-1] if names else ""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` through a temporary file (see :func:`atomic_target`).

    Raises:
        ExportError: the file cannot be written (missing folder, no permission, disk full).
    """
    with atomic_target(path) as tmp, open(tmp, "w", encoding=encoding, newline="") as handle:
        handle.write(text)
        handle.flush()
        # A device or FIFO cannot be fsynced (EINVAL) and holds nothing to lose.
        if stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            os.fsync(handle.fileno())


def refuse_same_file(output: str | Path, *inputs: str | Path | None) -> None:
    """An output that is one of the inputs (the same file, also through links) would be
    overwritten while it is read: refused.

    Raises:
        ExportError: ``output`` is one of ``inputs``.
    """
    for source in inputs:
        if source is None or str(source) == "-":
            continue
        with suppress(OSError):  # a missing output or input is no clash; reading reports the input
            if os.path.samefile(output, source):
                raise ExportError(f"the output is the input (found {str(source)!r}; choose another)", str(output))


@contextmanager
def atomic_target(path: str | Path) -> Iterator[str]:
    """A temporary path to write the output to; on success it replaces ``path``.

    The temporary file sits in the target's folder (so the rename is atomic), under a
    name short enough for the folder; it is fsynced by the writer and takes an existing
    target's permissions. A symlinked target is written through (the link stays a link).
    A device or FIFO (``/dev/null``, ``/dev/stdout``) is written directly, never
    replaced. On any failure the temporary file is removed and the target is as before.
    Paths are handled with ``os.path``, not pathlib: importing pathlib (and the urllib it
    imports) was 4 ms of a ``convert``'s start.

    Raises:
        ExportError: the target cannot be written (missing folder, a directory, no
            permission, disk full).
    """
    name = str(path)
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise ExportError(f"cannot write file ({exc.strerror or exc})", name) from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise ExportError("is a directory (expected a file to write)", name)
    if st is not None and not stat.S_ISREG(st.st_mode):
        with _as_export_error(name):
            yield os.fspath(path)
        return
    target = os.path.realpath(path)
    with _as_export_error(name):
        tmp = _create_temp(target)
    try:
        with _as_export_error(name):
            yield tmp
            if st is not None:
                _copy_mode(st, tmp)
            os.replace(tmp, target)
    finally:
        with suppress(FileNotFoundError):
            os.unlink(tmp)


@contextmanager
def _as_export_error(name: str) -> Iterator[None]:
    try:
        yield
    except OSError as exc:
        raise ExportError(f"cannot write file ({exc.strerror or exc})", name) from None


def _create_temp(target: str) -> str:
    # A hidden sibling named by pid and a counter, opened with O_EXCL: the same
    # guarantees as tempfile.mkstemp. The output's suffix stays last (ffmpeg picks its
    # muxer by it) where it fits, and the name is cut to the folder's limit, which is in
    # bytes (a 254-byte output name must work: 83 Hangul syllables and ".srt" too).
    folder, base = os.path.split(target)
    try:
        limit = os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    suffix = path_suffix(base)
    for attempt in range(100):
        tail = f".{os.getpid()}.{attempt}.tmp{suffix}"
        if len(os.fsencode(tail)) > limit - 2:  # a suffix too long to keep: the name without it
            tail = f".{os.getpid()}.{attempt}.tmp"
        tmp = os.path.join(folder, "." + _cut_to_bytes(base, limit - 1 - len(os.fsencode(tail))) + tail)
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"cannot create a temporary file beside {target}")


def _cut_to_bytes(name: str, most: int) -> str:
    """The longest start of ``name`` (at least one character) whose file-system encoding
    takes at most ``most`` bytes, cut between characters."""
    cut = name[: max(1, most)]
    while len(cut) > 1 and len(os.fsencode(cut)) > most:
        cut = cut[:-1]
    return cut


def _copy_mode(st: os.stat_result, tmp: str) -> None:
    os.chmod(tmp, stat.S_IMODE(st.st_mode))
    # Ownership is kept when we may (as root, or the same owner); another user's file in
    # a shared folder becomes ours, which is what replacing it means.
    with suppress(PermissionError):
        os.chown(tmp, st.st_uid, st.st_gid)
