"""Write every fixture transcript's output in every format and option set to a folder.

Run before and after a change that must not alter behaviour, then compare the folders:

    python benchmarks/snapshot_outputs.py /tmp/before
    ... change ...
    python benchmarks/snapshot_outputs.py /tmp/after && diff -r /tmp/before /tmp/after

It goes through the CLI (CliRunner), so option parsing and the writers are covered too.
"""

from __future__ import annotations

import sys
from pathlib import Path

from click.testing import CliRunner

from subtools.cli import cli as main

ROOT = Path(__file__).resolve().parent.parent
VARIANTS: dict[str, list[str]] = {
    "default": [],
    "headline": ["--headline"],
    "names": ["--labels", "names", "--headline"],
    "korean": ["--profile", "korean", "--fps", "25"],
    "bbc": ["--profile", "bbc", "--start", "10", "--duration", "600"],
    "auto-bom": ["--profile", "auto", "--bom", "--wpm", "150"],
}
FORMATS = ["srt", "vtt", "ass", "json"]


def snapshot(out_dir: Path) -> int:
    """Write one file per transcript × variant × format (or its error line); return how many."""
    runner = CliRunner()
    count = 0
    for transcript in sorted((ROOT / "fixtures" / "transcripts").glob("*.txt")):
        for variant, args in VARIANTS.items():
            for fmt in FORMATS:
                result = runner.invoke(main, ["convert", str(transcript), "-o", "-", "--to", fmt, *args])
                name = f"{transcript.stem}.{variant}.{fmt}"
                (out_dir / name).write_bytes(result.stdout_bytes)
                (out_dir / f"{name}.log").write_bytes(f"exit {result.exit_code}\n".encode() + result.stderr_bytes)
                count += 1
        parsed = runner.invoke(main, ["parse", str(transcript), "--format", "json"])
        (out_dir / f"{transcript.stem}.parse.json").write_bytes(parsed.stdout_bytes + parsed.stderr_bytes)
        table = runner.invoke(main, ["parse", str(transcript)])
        (out_dir / f"{transcript.stem}.parse.txt").write_bytes(table.stdout_bytes + table.stderr_bytes)
    count += snapshot_validate(runner, out_dir)
    return count


def snapshot_validate(runner: CliRunner, out_dir: Path) -> int:
    """Validate every validate fixture and every SRT/VTT/ASS output above, as text and JSON, and --fix a copy."""
    count = 0
    files = sorted((ROOT / "fixtures" / "validate").glob("*.*[!d]"))
    files += sorted(p for p in out_dir.glob("*.default.*") if p.suffix in {".srt", ".vtt", ".ass"})
    for path in files:
        if path.suffix == ".expected":
            continue
        for profile in ["auto", "netflix-en", "bbc"]:
            for fmt in ["text", "json"]:
                args = ["validate", str(path), "--no-config", "--profile", profile, "--format", fmt]
                result = runner.invoke(main, args)
                body = result.stdout_bytes + f"\n--exit {result.exit_code}\n".encode() + result.stderr_bytes
                (out_dir / f"validate.{path.name}.{profile}.{fmt}").write_bytes(
                    body.replace(str(ROOT).encode(), b"ROOT").replace(str(out_dir).encode(), b"OUT")
                )
                count += 1
        copy = out_dir / f"fixed.{path.name}"
        copy.write_bytes(path.read_bytes())
        result = runner.invoke(main, ["validate", str(copy), "--no-config", "--fix", "--no-backup"])
        (out_dir / f"fixed.{path.name}.log").write_bytes(
            (result.stdout_bytes + result.stderr_bytes).replace(str(out_dir).encode(), b"OUT")
        )
        count += 1
    return count


if __name__ == "__main__":
    target = Path(sys.argv[1])
    target.mkdir(parents=True, exist_ok=True)
    print(f"{snapshot(target)} outputs written to {target}")
