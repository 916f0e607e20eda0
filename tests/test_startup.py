"""Start-up stays light: a command imports what it runs, not every format module (issue 14).

Timing is the benchmark's job (benchmarks/bench_startup.py); these tests check which modules a
fresh process has loaded, which is what the gain rests on and can fail.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from subtools.cli import cli
from subtools.formats import FORMATS, SubtitleFormat, format_from_path
from subtools.formats.base import EXTENSIONS_OF
from subtools.profile import PROFILES

SEED = Path(__file__).parent.parent / "fixtures" / "transcripts" / "arirang-lee-ji-won.txt"


def _loaded_after(args: list[str], names: tuple[str, ...], cwd: Path | None = None) -> list[str]:
    """Which of ``names`` a fresh ``subtools ARGS`` process has imported when it exits."""
    code = (
        "import sys\n"
        "from subtools.cli import cli\n"
        f"try:\n    cli({args!r}, prog_name='subtools')\n"
        "except SystemExit:\n    pass\n"
        f"print([m for m in {names!r} if m in sys.modules])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=cwd)
    return eval(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


HEAVY = ("subtools.formats", "subtools.profile", "subtools.model", "subtools.language", "pysubs2", "langdetect",
         "numpy", "srt", "charset_normalizer")  # fmt: skip


def test_help_imports_no_format_module_nor_profile() -> None:
    assert _loaded_after(["--help"], HEAVY) == []
    assert _loaded_after(["--version"], HEAVY) == []


def test_lazy_choices_list_every_format_and_profile() -> None:
    result = CliRunner().invoke(cli, ["convert", "--help"])
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert "[" + "|".join(f.value for f in SubtitleFormat) + "]" in text
    assert "[" + "|".join(sorted(PROFILES)) + "]" in text
    for name, profile in PROFILES.items():
        assert f"{name}: {' '.join(profile.description.split())}" in text


def test_lazy_choices_still_refuse_an_unknown_name() -> None:
    result = CliRunner().invoke(cli, ["validate", "x.srt", "--profile", "nope"])
    assert result.exit_code == 2
    assert "'nope' is not one of" in result.stderr
    assert "'netflix-en'" in result.stderr
    result = CliRunner().invoke(cli, ["convert", "x.txt", "-o", "-", "--to", "docx"])
    assert result.exit_code == 2
    assert "'docx' is not one of 'srt'" in result.stderr


def test_convert_to_srt_loads_only_the_srt_writer(tmp_path: Path) -> None:
    # Nor pathlib, and the urllib it imports (4 ms of a convert's start).
    others = ("subtools.formats.ass", "subtools.formats.ttml", "subtools.formats.sami", "subtools.formats.vtt",
              "subtools.validation.checks", "subtools.validation.report", "pysubs2", "langdetect", "numpy",
              "pathlib")  # fmt: skip
    args = ["convert", str(SEED), "-o", str(tmp_path / "seed.srt")]
    assert _loaded_after(args, (*others, "subtools.formats.srt")) == ["subtools.formats.srt"]
    assert (tmp_path / "seed.srt").read_text(encoding="utf-8").startswith("1\n00:00:00,000 --> ")


def test_every_format_has_a_module_and_extensions_in_the_registry() -> None:
    assert set(FORMATS) == set(SubtitleFormat)
    assert set(EXTENSIONS_OF) == set(SubtitleFormat)
    for fmt, module in FORMATS.items():
        assert EXTENSIONS_OF[fmt] == module.EXTENSIONS
        assert format_from_path(f"x{module.EXTENSIONS[-1].upper()}") is fmt


def test_validate_srt_loads_neither_other_format_modules_nor_the_model(tmp_path: Path) -> None:
    # Sniffing reads the signatures (formats.signatures), not every format module, and the
    # SRT module imports the cue model only to write.
    path = tmp_path / "a.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello\n", encoding="utf-8")
    others = ("subtools.formats.vtt", "subtools.formats.ass", "subtools.formats.json", "subtools.formats.sami",
              "subtools.formats.ttml", "subtools.formats.sbv", "subtools.formats.ebu_tt_d", "subtools.model",
              "html", "json", "xml.etree.ElementTree", "pathlib")  # fmt: skip
    assert _loaded_after(["validate", str(path)], (*others, "subtools.formats.srt")) == ["subtools.formats.srt"]
    # Nor pathlib (5 ms), in a project folder too (its pyproject.toml found and read).
    (tmp_path / "pyproject.toml").write_text('[tool.subtools]\nprofile = "netflix-en"\n', encoding="utf-8")
    assert _loaded_after(["validate", str(path)], ("pathlib",), cwd=tmp_path) == []


def test_every_format_is_sniffed_by_its_modules_own_test() -> None:
    from subtools.formats.signatures import SNIFF

    assert list(SNIFF) == list(FORMATS)  # every format, in the registry's sniffing order
    for fmt, module in FORMATS.items():
        assert module.sniff is SNIFF[fmt]
