"""Reading text files as people actually have them: BOMs, UTF-16, CP949, any line ending.

We decode ourselves instead of handing paths to srt or pysubs2: both are strict UTF-8
by default and neither detects CP949/EUC-KR, the common encoding of Korean files
(pysubs2 issue #43 asks for the latter).
"""

from __future__ import annotations

import os
from pathlib import Path

from subtools.errors import ExportError, ParseError

__all__ = ["decode_text", "read_text", "split_lines", "write_text_atomic"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
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


def decode_text(data: bytes, source: str = "<bytes>") -> tuple[str, str]:
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
    try:
        return data.decode("cp949"), "cp949"
    except UnicodeDecodeError:
        pass
    raise ParseError(
        f"cannot decode text (found byte 0x{data[first_bad]:02x}, expected UTF-8, UTF-16 with a BOM, or CP949/EUC-KR)",
        source,
        data[:first_bad].count(b"\n") + 1,
    )


def read_text(path: str | Path) -> tuple[str, str]:
    """Read and decode a file; ``-`` is not handled here (the CLI reads stdin).

    Raises:
        ParseError: unreadable, empty, binary or undecodable file.
    """
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError:
        raise ParseError("is a directory (expected a text file)", name) from None
    except FileNotFoundError:
        raise ParseError("no such file", name) from None
    except OSError as exc:
        raise ParseError(f"cannot read file ({exc.strerror})", name) from None
    return decode_text(data, name)


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


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` to a temporary file beside ``path``, then rename it into place.

    A failed or interrupted run never leaves a half-written output file.

    Raises:
        ExportError: the file cannot be written (missing folder, no permission, disk full).
    """
    target = Path(path)
    try:
        _write_via_temp(target, text, encoding)
    except OSError as exc:
        raise ExportError(f"cannot write file ({exc.strerror or exc})", str(path)) from None


def _write_via_temp(target: Path, text: str, encoding: str) -> None:
    # A hidden sibling named by pid and a counter, opened with O_EXCL: the same
    # guarantees as tempfile.mkstemp without importing tempfile on every run.
    for attempt in range(100):
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{attempt}.tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            break
        except FileExistsError:
            continue
    else:
        raise FileExistsError(f"cannot create a temporary file beside {target}")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
