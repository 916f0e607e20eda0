"""Mutated transcripts and subtitle files, and a worker that runs the CLI over them.

``python tests/fuzzkit.py DIR COMMAND...`` runs ``subtools COMMAND FILE`` in-process for
every file in DIR and prints ``ok NAME`` or ``FAIL NAME`` with the traceback; it is run in
a subprocess with a timeout by ``test_fuzz.py``, so a hang fails the test instead of
hanging the suite, and the last name printed is the case that hung.
"""

from __future__ import annotations

import random
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

Mutation = Callable[[bytes, random.Random], bytes]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(max(1, len(out) // 50)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def cut(data: bytes, rng: random.Random) -> bytes:
    return data[: rng.randrange(1, len(data))]


def nuls(data: bytes, rng: random.Random) -> bytes:
    at = sorted(rng.randrange(len(data)) for _ in range(5))
    out, last = b"", 0
    for k in at:
        out, last = out + data[last:k] + b"\x00", k
    return out + data[last:]


def cp949(data: bytes, _rng: random.Random) -> bytes:
    return data.decode("utf-8", "replace").encode("cp949", "replace")


def utf16(data: bytes, _rng: random.Random) -> bytes:
    return data.decode("utf-8", "replace").encode("utf-16")


def utf16_no_bom(data: bytes, _rng: random.Random) -> bytes:
    return data.decode("utf-8", "replace").encode("utf-16-le")


def blank_lines(data: bytes, _rng: random.Random) -> bytes:
    half = len(data) // 2
    return data[:half] + b"\n" * 20_000 + data[half:]


def binary(_data: bytes, rng: random.Random) -> bytes:
    return bytes(rng.randrange(256) for _ in range(20_000))


def long_line(data: bytes, rng: random.Random) -> bytes:
    import base64

    # One 2 MB line: base64 without its line breaks, and words (a paragraph never broken).
    line = base64.b64encode(rng.randbytes(375_000)) + b"x" * 500_000 + b"word " * 200_000
    return data + line + b"\n"


MUTATIONS: dict[str, Mutation] = {
    "flip": flip_bytes, "cut": cut, "nuls": nuls, "cp949": cp949, "utf16": utf16,
    "utf16-no-bom": utf16_no_bom, "blank-20000": blank_lines, "binary": binary, "long-line-2mb": long_line,
}  # fmt: skip


def write_cases(seeds: list[Path], folder: Path, names: list[str], rounds: int = 3) -> list[Path]:
    """Each seed mutated by each named mutation (``rounds`` times for the random ones)."""
    rng = random.Random(11)
    out = []
    for seed in seeds:
        data = seed.read_bytes()
        for name in names:
            for k in range(rounds if name in ("flip", "cut", "nuls") else 1):
                path = folder / f"{seed.stem}.{name}.{k}{seed.suffix}"
                path.write_bytes(MUTATIONS[name](data, rng))
                out.append(path)
    return out


def run_all(folder: Path, command: list[str]) -> int:
    """Run ``subtools COMMAND FILE`` on every file; the number that raised."""
    from subtools.cli import cli

    runner = CliRunner()
    failures = 0
    for path in sorted(folder.iterdir()):
        print(f"run {path.name}", flush=True)
        args = [a.replace("{out}", str(folder.parent / "out")) for a in command]
        result = runner.invoke(cli, [*args[:1], str(path), *args[1:]])
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            failures += 1
            exc = result.exception
            print(f"FAIL {path.name}: " + "".join(traceback.format_exception(exc)), flush=True)
        elif "Traceback" in result.stderr or (len(result.stderr.strip().splitlines()) > 1 and result.exit_code):
            failures += 1
            print(f"FAIL {path.name}: stderr {result.stderr!r}", flush=True)
        else:
            print(f"ok {path.name} exit {result.exit_code}", flush=True)
    return failures


if __name__ == "__main__":
    sys.exit(1 if run_all(Path(sys.argv[1]), sys.argv[2:]) else 0)
