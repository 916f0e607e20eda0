"""The ``subtools`` command line: thin commands over the library."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import click

from subtools import __version__
from subtools.errors import ConfigError, SubtoolsError
from subtools.startup import cache

if TYPE_CHECKING:
    from fractions import Fraction

    from subtools.formats import SubtitleFormat

# The parser, cue builder and validator are imported inside their commands, so each
# command loads only what it runs (validate on a 100,000-cue file races srt.parse); the
# format registry and the profiles only when an option's choices or help are needed
# (`subtools --help` then starts as fast as click itself, issue 14).

__all__ = ["main"]


class _Group(click.Group):
    """The one place errors become exit codes: a ``ConfigError`` (a profile, rule or setting
    that is not valid) is a usage error, exit 2; every other ``SubtoolsError`` is bad input
    or a bad environment, exit 1; each is one ``Error: path:line: …`` line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except ConfigError as err:
            if err.source.startswith("--") and err.line is None:
                # A bad option value reads like click's own: "Invalid value for --fps: …".
                raise click.BadParameter(err.message, param_hint=err.source) from err
            raise click.UsageError(str(err)) from err
        except SubtoolsError as err:
            raise click.ClickException(str(err)) from err
        except KeyboardInterrupt as err:
            # Ctrl-C or SIGTERM (see main): the finally blocks on the way here removed the
            # temporary files and stopped ffmpeg; exit with the shell's code for the signal.
            click.echo(f"Error: interrupted ({'SIGTERM' if isinstance(err, _Terminated) else 'Ctrl-C'})", err=True)
            ctx.exit(143 if isinstance(err, _Terminated) else 130)


class _LazyChoice(click.Choice[str]):
    """A choice whose names are read from their home (the format registry, the profiles)
    the first time click needs them: a value to check, or ``--help`` of its command."""

    def __init__(self, names: Callable[[], list[str]]) -> None:
        self._names = names
        super().__init__((), case_sensitive=True)  # whatever else click's Choice sets up
        self._choices: tuple[str, ...] | None = None  # the () above is not the names

    @property
    def choices(self) -> tuple[str, ...]:
        if self._choices is None:
            self._choices = tuple(self._names())
        return self._choices

    @choices.setter
    def choices(self, value: tuple[str, ...]) -> None:
        self._choices = value


class _LazyHelpOption(click.Option):
    """An option whose help text is made when help is shown (``lazy_help``), so the names
    and descriptions it lists are not imported on every start."""

    def __init__(self, *args: Any, lazy_help: Callable[[], str], **kwargs: Any) -> None:
        self._lazy_help = lazy_help
        super().__init__(*args, **kwargs)

    @property
    def help(self) -> str:
        return self._lazy_help()

    @help.setter
    def help(self, _value: str | None) -> None:
        pass


def _format_names() -> list[str]:
    from subtools.formats import SubtitleFormat

    return [f.value for f in SubtitleFormat]


def _profile_names() -> list[str]:
    from subtools.profile import PROFILES

    return sorted(PROFILES)


_FORMAT_CHOICE = _LazyChoice(_format_names)
_PROFILE_CHOICE = _LazyChoice(_profile_names)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where the program is so that clean-up runs as for Ctrl-C."""


def _raise_terminated(_signum: int, _frame: object) -> None:
    raise _Terminated


_UTF8 = ("utf-8", "UTF-8", "utf8")


def _emit(text: str) -> None:
    """Print a command's output on stdout; a full disk or a closed stdout is one error line.

    Raises:
        ExportError: stdout cannot be written (a broken pipe stays click's silent exit).
    """
    _emit_pieces((text,))


def _emit_pieces(pieces: Iterable[str]) -> None:
    """:func:`_emit` of output made in pieces, each written as it comes."""
    from subtools.errors import ExportError

    try:
        for text in pieces:
            _write_out(text)
    except BrokenPipeError:
        raise
    except OSError as exc:
        # What did not reach stdout must not be flushed again at exit (a second error).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        raise ExportError(f"cannot write ({exc.strerror or exc})", "<stdout>") from None


def _write_out(text: str) -> None:
    stream = sys.stdout
    # click.echo does two things here: it searches the text for ANSI colour codes with a
    # regex, to take them out when stdout is not a terminal (6 ms of the 12 MB JSON report
    # of 80,000 findings), and it writes UTF-8 to a stdout set up as ASCII. Text with no
    # escape character, for a UTF-8 stdout, needs neither: it is written directly.
    if "\x1b" in text or getattr(stream, "encoding", None) not in _UTF8:
        click.echo(text, nl=False)
    else:
        stream.write(text)
        stream.flush()


def _set_max_size(ctx: click.Context, _param: click.Parameter, value: float | None) -> None:
    if value is not None:
        from subtools.textio import input_limit

        ctx.with_resource(input_limit(round(value * 1024 * 1024)))


_max_size = click.option(
    "--max-size", type=click.FloatRange(min=0, min_open=True), default=None, expose_value=False,
    callback=_set_max_size, metavar="MB", help="Refuse inputs larger than this many MB (default 50).",
)  # fmt: skip


# Paths are checked by the commands, not by click: a directory or a missing file is then
# the same one line and exit 1 in every command (click's check was a usage block, exit 2).
_INPUT = click.Path(allow_dash=True)
_PATH = click.Path()


ENCODING_OPTION = click.option(
    "--encoding", default=None, metavar="NAME",
    help="Read input in this encoding (cp949, cp1252, gb18030…) instead of detecting it.",
)  # fmt: skip


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="subtools")
def cli() -> None:
    """Broadcast transcripts to speaker-tagged segments and subtitles."""


def _load(path: str, encoding: str | None = None) -> Any:
    from subtools.parser.transcript import parse_transcript, read_transcript
    from subtools.textio import decode_text, read_limited, read_text

    if path == "-":
        text, used = decode_text(read_limited(sys.stdin.buffer, "<stdin>"), "<stdin>", encoding)
        return parse_transcript(text, source="<stdin>", encoding=used)
    if encoding is not None:
        text, used = read_text(path, encoding)
        return parse_transcript(text, source=path, encoding=used)
    return read_transcript(path)


def _read_subs(path: str, encoding: str | None) -> Any:
    """A subtitle file, or standard input for ``-`` (its format told by its content)."""
    from subtools.formats import decode_subtitles, read_subtitles
    from subtools.textio import read_limited

    if path == "-":
        return decode_subtitles(read_limited(sys.stdin.buffer, "<stdin>"), "<stdin>", None, encoding)
    return read_subtitles(path, encoding=encoding)


@cli.command()
@click.argument("transcript", type=_INPUT)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="Readable table, or JSON for programs.",
)  # fmt: skip
@ENCODING_OPTION
@_max_size
def parse(transcript: str, fmt: str, encoding: str | None) -> None:
    """Parse TRANSCRIPT (a file, or - for stdin) into speaker-tagged segments.

    \b
    Example:
      subtools parse fixtures/transcripts/arirang-lee-ji-won.txt
      subtools parse report.txt --format json > report.json
    """
    from subtools.parser.report import format_transcript_json, format_transcript_table  # parse only

    parsed = _load(transcript, encoding)
    out = format_transcript_json(parsed) if fmt == "json" else format_transcript_table(parsed)
    _emit(out)


def _fps(value: str) -> Fraction:
    """The exact frame rate of an --fps value, or a usage error."""
    from subtools.clock import parse_fps

    try:
        return parse_fps(value)
    except (ValueError, ZeroDivisionError):
        raise click.BadParameter(
            f"found {value!r}, expected a positive number such as 29.97", param_hint="--fps"
        ) from None


def _parse_time_ms(value: str, option: str, fps: Fraction) -> int:
    """A time value of ``option`` in ms (the forms of ``clock.parse_time_ms``), or a usage error."""
    from subtools.clock import parse_time_ms

    try:
        return parse_time_ms(value, fps, option)
    except ConfigError as err:
        raise click.BadParameter(err.message, param_hint=option) from None


_RULE_OPTION = click.option(
    "--rule", "rules", multiple=True, metavar="RULE=VALUE",
    help="Override one rule as validate does: max-line-length=37, max-cps.ko=14, max-duration=6.",
)  # fmt: skip
_NO_CONFIG_OPTION = click.option("--no-config", is_flag=True, help="Ignore [tool.subtools] in pyproject.toml.")


def _build_profile(
    profile: str | None, fps: str | None, rules: tuple[str, ...], no_config: bool
) -> tuple[Any, Fraction]:
    """The profile and frame rate cues are built to: --profile, --fps and --rule over
    [tool.subtools], by the one options path validate reads (broadcast news by default)."""
    from subtools.validation import resolve_options
    from subtools.validation.config import find_pyproject
    from subtools.validation.limits import build_profile

    config = None if no_config else find_pyproject(os.getcwd())
    options = resolve_options(profile, fps, rules, config, default_profile="broadcast-news-en")
    return build_profile(options), options.fps


_batch_options = [
    click.option("--jobs", "-j", type=click.IntRange(min=1), default=None, metavar="N",
                 help="Batch: files converted at once in worker processes (default: the machine's cores)."),
    click.option("--report", type=_PATH, default=None, metavar="FILE.jsonl",
                 help="Batch: one JSON line per input (input, output, status ok/error/skipped, error, cues, ms)."),
    click.option("--resume", is_flag=True,
                 help="Batch: skip inputs whose output an earlier run completed (checked by size and SHA-256)."),
    click.option("--dask", default=None, metavar="ADDRESS",
                 help="Batch: run the jobs on this Dask scheduler, e.g. tcp://scheduler:8786 (subtools[dask])."),
]  # fmt: skip


def _with_batch_options(command: Any) -> Any:
    for option in reversed(_batch_options):
        command = option(command)
    return command


def _is_batch(inputs: tuple[str, ...], output: str) -> bool:
    """Several inputs, or an output folder (a trailing / or an existing directory), is a batch run."""
    return len(inputs) > 1 or output.endswith(("/", os.sep)) or (output != "-" and os.path.isdir(output))


def _target_format(fmt: str | None, output: str, batch: bool) -> SubtitleFormat:
    """``--to``, else the output's extension; stdout and a folder have none: SRT."""
    from subtools.formats import SubtitleFormat, format_from_name, format_from_path

    if fmt:
        return format_from_name(fmt)
    return SubtitleFormat.SRT if output == "-" or batch else format_from_path(output)


def _convert_profile_help() -> str:
    from subtools.profile import PROFILES

    return (
        "Subtitle rules (line length, reading speed, durations; default: [tool.subtools] profile, else "
        "broadcast-news-en): "
        + "; ".join(f"{name}: {profile.description}" for name, profile in sorted(PROFILES.items()))
        + "."
    )


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=_INPUT, metavar="TRANSCRIPT...")
@click.option(
    "-o",
    "--output",
    required=True,
    type=_INPUT,
    help="Output file, or - for stdout; a folder (OUTDIR/) for a batch of inputs, files, folders or globs.",
)
@click.option(
    "--to",
    "fmt",
    type=_FORMAT_CHOICE,
    help="Output format; default: from the output's extension.",
)
@click.option(
    "--profile",
    default=None,
    type=_PROFILE_CHOICE,
    cls=_LazyHelpOption,
    lazy_help=_convert_profile_help,
)
@click.option(
    "--fps", default=None, help="Frame rate; times snap to its frames (default: [tool.subtools], else 29.97)."
)
@_RULE_OPTION
@_NO_CONFIG_OPTION
@click.option(
    "--start", default="0", show_default=True,
    help="Offset of the first cue: seconds, 1500ms, HH:MM:SS.mmm, SMPTE HH:MM:SS:FF or drop-frame HH:MM:SS;FF.",
)  # fmt: skip
@click.option("--duration", default=None, help="Fit all cues within this video length (the forms of --start).")
@click.option(
    "--wpm",
    default=170.0,
    show_default=True,
    type=click.FloatRange(min=60, max=400),
    help="English reading rate in words per minute.",
)
@click.option(
    "--headline/--no-headline",
    default=False,
    show_default=True,
    help="Open each story with its title and Korean headline as top cues (SRT/VTT).",
)
@click.option(
    "--labels",
    type=click.Choice(["none", "names"]),
    default="none",
    show_default=True,
    help="SRT: speaker name in capitals at speaker changes (BBC style).",
)
@click.option("--bom", is_flag=True, help="Start SRT/VTT/ASS output with a UTF-8 byte-order mark.")
@click.option(
    "--audio", type=_PATH, default=None,
    help="The report's audio or video: time cues to its speech (needs subtools[align], espeak-ng, ffmpeg).",
)  # fmt: skip
@click.option(
    "--allow-partial", is_flag=True,
    help="With --audio that lacks some cues' speech: write the spoken cues and list the others on stderr.",
)  # fmt: skip
@click.option(
    "--timing", type=click.Choice(["source", "reading"]), default=None,
    help="source: cues start at the pasted transcript's timestamps (0:05, [00:00:04]), the reading rate "
    "fills in between; reading: the reading rate only. Default: source when the transcript has "
    "timestamps. --audio wins over both.",
)  # fmt: skip
@ENCODING_OPTION
@click.option(
    "--output-encoding", default="utf-8", show_default=True, metavar="NAME",
    help="Save SRT, ASS, SBV or SAMI in this encoding (cp949 for older Korean players; SAMI declares it).",
)  # fmt: skip
@_with_batch_options
@_max_size
def convert(
    inputs: tuple[str, ...], output: str, fmt: str | None, profile: str | None, fps: str | None,
    rules: tuple[str, ...], no_config: bool, start: str, duration: str | None,
    wpm: float, headline: bool, labels: str, bom: bool, audio: str | None, allow_partial: bool, timing: str | None,
    encoding: str | None, output_encoding: str, jobs: int | None, report: str | None, resume: bool, dask: str | None,
) -> None:  # fmt: skip
    """Turn TRANSCRIPT into timed subtitles: SRT, ASS, WebVTT, JSON, SBV, SAMI, TTML (IMSC) or
    EBU-TT-D; or a batch of transcripts (files, folders, globs) into a folder.

    \b
    Example:
      subtools convert fixtures/transcripts/arirang-lee-ji-won.txt -o report.srt
      subtools convert report.txt -o report.ass --duration 2:05 --headline
      subtools convert archive/ 'more/**/*.txt' -o out/ --report run.jsonl --resume
    """
    from subtools.build import CueOptions
    from subtools.formats import WriteOptions
    from subtools.pipeline import convert as convert_transcript
    from subtools.textio import encode_text, refuse_same_file, write_text_atomic

    batch = _is_batch(inputs, output)
    _check_batch_use(batch, inputs, output, audio, (jobs, report, resume or None, dask))
    for path in inputs:
        _refuse_subtitle_input(path)
    transcript = inputs[0]
    built, rate = _build_profile(profile, fps, rules, no_config)
    if output != "-" and not batch:
        refuse_same_file(output, transcript, audio)
    target = _target_format(fmt, output, batch)
    duration_ms = _parse_time_ms(duration, "--duration", rate) if duration is not None else None
    if duration_ms == 0:
        raise click.BadParameter(f"found {duration!r}, expected a duration > 0", param_hint="--duration")
    if audio is not None and (duration is not None or start != "0"):
        raise click.UsageError("--audio times cues to the speech; it cannot be combined with --duration or --start")
    if allow_partial and audio is None:
        raise click.UsageError("--allow-partial says what to do with audio that lacks some cues; it needs --audio")
    options = CueOptions(
        profile=built, fps=rate, wpm=wpm, start_ms=_parse_time_ms(start, "--start", rate),
        duration_ms=duration_ms, headline=headline, labels=labels == "names", timing=timing or "auto",
    )  # fmt: skip
    out_codec = _output_codec(output_encoding, target)
    write_options = WriteOptions(bom=bom, encoding=out_codec)
    if batch:
        from subtools.batch.command import convert_batch, default_jobs
        from subtools.batch.jobs import ConvertSpec

        spec = ConvertSpec(target, options, write_options, encoding)
        if convert_batch(inputs, output, spec, jobs=jobs or default_jobs(), report=report, resume=resume, dask=dask):
            sys.exit(1)
        return
    progress = _Progress("aligning") if audio else None
    text, track = convert_transcript(_load(transcript, encoding), target, options, write_options, audio=audio,
                                     progress=progress, allow_partial=allow_partial)  # fmt: skip
    if audio is not None:
        from subtools.align import alignment_warnings, left_out_warnings

        for warning in alignment_warnings(track, transcript) + left_out_warnings(track.left_out, transcript):
            click.echo(warning, err=True)
    if out_codec != "utf-8":
        data = encode_text(text, out_codec, output)
    if output == "-":
        if out_codec != "utf-8":
            click.echo(data, nl=False)
        else:
            _emit(text)
    else:
        write_text_atomic(output, text, out_codec)


# Formats whose files may be saved in another encoding: WebVTT, JSON and the XML ones are UTF-8.
_LEGACY_OK = ("srt", "ass", "sbv", "sami")


def _output_codec(name: str, target: SubtitleFormat) -> str:
    import codecs

    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise click.BadParameter(f"unknown encoding (found {name!r})", param_hint="--output-encoding") from None
    if codec != "utf-8" and target.value not in _LEGACY_OK:
        raise click.BadParameter(f"{target.value} files are UTF-8 (found {name!r})", param_hint="--output-encoding")
    return codec


def _refuse_subtitle_input(path: str) -> None:
    from subtools.pipeline import SNIFF_CHARS, check_transcript_source

    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_CHARS).decode("utf-8", "replace")
    except OSError:
        head = ""  # unreadable: the transcript reader says why
    check_transcript_source(path, head)


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=_INPUT, metavar="SUBS...")
@click.option(
    "-o", "--output", required=True, type=_INPUT,
    help="Output file, or - for stdout; a folder (OUTDIR/) for a batch of inputs, files, folders or globs.",
)  # fmt: skip
@click.option(
    "--to", "fmt", type=_FORMAT_CHOICE,
    help="Output format; default: from the output's extension (SRT on stdout or in a folder).",
)  # fmt: skip
@click.option(
    "--profile", default=None, type=_PROFILE_CHOICE,
    help="Subtitle rules the new cues keep (default: [tool.subtools] profile, else broadcast-news-en).",
)  # fmt: skip
@click.option("--fps", default=None, help="Frame rate; times snap to its frames (default 29.97).")
@_RULE_OPTION
@_NO_CONFIG_OPTION
@click.option("--no-sound", is_flag=True, help="Drop sound annotations ([Music], ♪ …) instead of keeping them as cues.")
@click.option("--bom", is_flag=True, help="Start SRT/VTT/ASS output with a UTF-8 byte-order mark.")
@ENCODING_OPTION
@_with_batch_options
@_max_size
def reflow(
    inputs: tuple[str, ...], output: str, fmt: str | None, profile: str | None, fps: str | None,
    rules: tuple[str, ...], no_config: bool, no_sound: bool, bom: bool, encoding: str | None,
    jobs: int | None, report: str | None, resume: bool, dask: str | None,
) -> None:  # fmt: skip
    """Re-segment the subtitle file SUBS (ASR, rolling auto-captions, vendor breaks,
    Whisper's JSON) into cues by the same rules as convert; every word once, in order, at
    its time. Several files, folders or globs with -o OUTDIR/ reflow a batch.

    \b
    Example:
      subtools reflow whisper.srt -o clean.srt
      subtools reflow whisper.json -o clean.srt
      subtools reflow auto-captions.vtt -o clean.vtt --profile netflix-en
      subtools reflow asr/ -o clean/ --to vtt --report run.jsonl --resume
    """
    from subtools.build import CueOptions
    from subtools.build.reflow import reflow_subtitles, too_fast_warnings
    from subtools.formats import WriteOptions
    from subtools.pipeline import export_cues
    from subtools.textio import refuse_same_file, write_text_atomic

    batch = _is_batch(inputs, output)
    _check_batch_use(batch, inputs, output, None, (jobs, report, resume or None, dask))
    built, rate = _build_profile(profile, fps, rules, no_config)
    options = CueOptions(profile=built, fps=rate)
    target = _target_format(fmt, output, batch)
    if batch:
        from subtools.batch.command import convert_batch, default_jobs
        from subtools.batch.jobs import ReflowSpec

        spec = ReflowSpec(target, options, WriteOptions(bom=bom), encoding, keep_sound=not no_sound)
        if convert_batch(inputs, output, spec, jobs=jobs or default_jobs(), report=report, resume=resume, dask=dask):
            sys.exit(1)
        return
    if output != "-":
        refuse_same_file(output, inputs[0])
    track = reflow_subtitles(_read_subs(inputs[0], encoding), options, keep_sound=not no_sound)
    text = export_cues(track, target, WriteOptions(bom=bom))
    if output == "-":
        _emit(text)
    else:
        write_text_atomic(output, text)
    for warning in too_fast_warnings(track, options):
        click.echo(warning, err=True)


def _check_batch_use(
    batch: bool, inputs: tuple[str, ...], output: str, audio: str | None, batch_values: tuple[object, ...]
) -> None:
    if batch and not (output.endswith(("/", os.sep)) or os.path.isdir(output)):
        # Several inputs into `-o merged.srt` or `-o -` made a folder of that name.
        raise click.UsageError(
            f"several inputs need an output folder (found -o {output}, "
            "expected an existing folder or a name ending in /)"
        )
    if not batch:
        if len(inputs) == 1 and any(value is not None for value in batch_values):
            raise click.UsageError("--jobs, --report, --resume and --dask are for batch runs (-o OUTDIR/)")
        return
    if audio is not None:
        raise click.UsageError("--audio aligns one transcript to its recording; it cannot be used in a batch run")
    if "-" in inputs:
        raise click.UsageError("a batch run reads files, not standard input (found '-' among the inputs)")


class _Progress:
    """A progress bar on stderr, shown only once a job has run for two seconds."""

    def __init__(self, label: str) -> None:
        import time

        self.label = label
        self.started = time.monotonic()
        self.bar: Any = None
        self.done = 0

    def __call__(self, done: int, total: int) -> None:
        import time

        if total == 0:  # finished
            if self.bar is not None:
                self.bar.render_finish()
                self.bar = None
            return
        if self.bar is None and time.monotonic() - self.started > 2.0:
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr)
            self.bar.render_progress()
        if self.bar is not None:
            self.bar.update(done - self.done)
        self.done = done


def _list_rules(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from subtools.findings import RULES

    for rule, (severity, what) in RULES.items():
        click.echo(f"{rule:22} {severity.value:8} {what}")
    ctx.exit(0)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=_INPUT)
@click.option(
    "--list-rules", is_flag=True, expose_value=False, is_eager=True, callback=_list_rules,
    help="Print every rule id with its default severity and what it checks, then exit.",
)  # fmt: skip
@click.option(
    "--profile",
    default=None,
    type=_PROFILE_CHOICE,
    help="Rules to check against (default: [tool.subtools] profile, else auto: Netflix Korean limits for "
    "mainly-Hangul cues, Netflix English for the rest).",
)
@click.option("--fps", default=None, help="Frame rate for frame-based limits (default 29.97).")
@click.option(
    "--rule", "rules", multiple=True, metavar="RULE=VALUE",
    help="Override one rule: max-line-length=37, max-cps.ko=14, max-cps.warn=18, encoding=off, chain-gap=warning.",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
    help="path:line: rule-id message lines, or a JSON report.",
)  # fmt: skip
@click.option("--fix", is_flag=True, help="Apply the fixes that cannot change meaning, then report what is left.")
@click.option("--no-backup", is_flag=True, help="With --fix: do not keep FILE.bak.")
@click.option("--no-config", is_flag=True, help="Ignore [tool.subtools] in pyproject.toml.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, metavar="N",
              help="Check this many files at once in worker processes.")  # fmt: skip
@ENCODING_OPTION
@_max_size
def validate(
    files: tuple[str, ...], profile: str | None, fps: str | None, rules: tuple[str, ...], fmt: str, fix: bool,
    no_backup: bool, no_config: bool, jobs: int, encoding: str | None,
) -> None:  # fmt: skip
    """Check subtitle FILES (SRT, WebVTT, ASS, SBV, SAMI, subtools JSON) against broadcast rules, like a linter.

    A folder stands for every subtitle file under it (by extension, recursively).

    Exit code 0 when no file has an error, 1 when any has, 2 for usage errors.

    \b
    Example:
      subtools validate episode.srt
      subtools validate *.vtt --profile netflix-en --format json
      subtools validate ko.srt --profile netflix-ko --fix
    """
    from subtools.validation import paused_gc, resolve_options, stream_json, stream_text, validate_paths
    from subtools.validation.config import find_pyproject

    options = resolve_options(profile, fps, rules, None if no_config else find_pyproject(os.getcwd()))
    if fix and "-" in files:
        raise click.UsageError("--fix rewrites files in place; it cannot fix standard input")
    from subtools.batch.inputs import collect_subtitle_paths
    from subtools.formats.base import SUBTITLE_EXTENSIONS

    files = tuple(collect_subtitle_paths(files, SUBTITLE_EXTENSIONS))
    stdin = sys.stdin.buffer if "-" in files else None
    # The collector stays paused until the reports are written and freed, not only while
    # each file is checked: the first collection after the pause would walk every entry
    # and finding made during it (30-40 ms of an ASR file's 80,000 findings) only to free nothing.
    with paused_gc():
        if jobs > 1 and stdin is None and len(files) > 1:
            from subtools.batch.command import validate_many

            reports = validate_many(files, options, jobs=jobs, fix=fix, backup=not no_backup, encoding=encoding)
        else:
            reports = validate_paths(files, options, fix=fix, backup=not no_backup, stdin=stdin, encoding=encoding)
        # Written a few thousand findings at a time, never whole (nor copied whole to encode it).
        _emit_pieces(stream_json(reports) if fmt == "json" else stream_text(reports))
        failed = any(r.errors for r in reports)
        del reports
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("subs", type=_PATH)
@click.option(
    "--at", "at", required=True,
    help="The moment to show: seconds, 1500ms, HH:MM:SS.mmm, SMPTE HH:MM:SS:FF or drop-frame HH:MM:SS;FF.",
)  # fmt: skip
@click.option("--fps", default="29.97", show_default=True, help="Frame rate of SMPTE timecodes in --at.")
@click.option("--video", type=_PATH, default=None, help="Draw over this video's frame.")
@click.option("-o", "--output", required=True, type=_PATH, help="The PNG to write.")
@_max_size
def preview(subs: str, at: str, fps: str, video: str | None, output: str) -> None:
    """Render one frame of SUBS (SRT, WebVTT, ASS or subtools JSON) with libass.

    Without --video the subtitles are drawn on grey at the file's resolution.

    \b
    Example:
      subtools preview report.ass --at 12.5 -o frame.png
      subtools preview report.srt --at 00:01:02.000 --video report.mp4 -o frame.png
    """
    from subtools.media.render import render_frame

    result = render_frame(subs, _parse_time_ms(at, "--at", _fps(fps)), output, video)
    for glyph in result.missing_glyphs:
        click.echo(f"{subs}: warning: libass: {glyph}", err=True)


@cli.command()
@click.argument("subs", type=_PATH)
@click.option("--video", required=True, type=_PATH, help="The video to burn the subtitles into.")
@click.option("-o", "--output", required=True, type=_PATH, help="The video to write (H.264).")
@_max_size
def burn(subs: str, video: str, output: str) -> None:
    """Burn SUBS (SRT, WebVTT, ASS or subtools JSON) into a copy of VIDEO.

    \b
    Example:
      subtools burn report.ass --video report.mp4 -o report-subtitled.mp4
    """
    from subtools.media.render import burn_subtitles

    result = burn_subtitles(subs, video, output, _Progress("burning"))
    for glyph in result.missing_glyphs:
        click.echo(f"{subs}: warning: libass: {glyph}", err=True)


def main() -> None:
    import signal

    signal.signal(signal.SIGTERM, _raise_terminated)
    # The collector runs after every 700 new objects by default: importing the parser and the
    # cue builder (their classes and patterns) and parsing a report made it run ~40 times,
    # each walking the young objects, 5-8 % of a `convert` of the seed. It now runs after
    # every 200,000 new objects, as mypy's command line sets it (the saving is there), and
    # skips what click and this module made (frozen: they live until exit); a long batch
    # or alignment still has its cycles collected, less often (converting every fixture
    # leaves ~300 objects in cycles; numpy's buffers are not in any).
    gc.freeze()
    gc.set_threshold(200_000, 30, 30)
    try:
        cli(prog_name="subtools")
    finally:  # whatever the command's outcome, the next start reads the patterns and methods it compiled
        cache.save_all()
        # The interpreter's last garbage collections, at exit, walk every object the command
        # made (the model's classes, the patterns, a parsed report): about a sixth of a
        # `convert` process's CPU time. Frozen objects are skipped; the process is ending and
        # every file it wrote is closed (outputs are written and renamed in `with` blocks).
        gc.freeze()
