"""The one path the CLI and the library share: transcript → cue track → text of a format."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from subtools.build import CueOptions, build_cues
from subtools.formats import SubtitleFormat, WriteOptions, write_track
from subtools.model import Cue, CueTrack, Transcript

__all__ = ["check_transcript_source", "convert", "export_cues", "render_transcript"]

# How much of a file tells subtools' JSON or Whisper's from other JSON: the opening
# object's first keys (json.sniff reads no further).
SNIFF_CHARS = 2000


def check_transcript_source(source: str, head: str) -> None:
    """Refuse a subtitle file where a transcript is expected: read as one, its cue numbers
    and times would become words. ``head`` is the file's first characters.

    Raises:
        ConfigError: ``source`` is a subtitle file (a usage error: it names ``reflow``).
    """
    from subtools.errors import ConfigError
    from subtools.formats import subtitle_format_of

    fmt = subtitle_format_of(source, head)
    if fmt is not None:
        raise ConfigError(
            f"is a subtitle file (found {fmt.value}, expected a transcript); use `subtools reflow {source} -o OUT`",
            source,
        )


def export_cues(track: CueTrack | Sequence[Cue], fmt: SubtitleFormat, options: WriteOptions | None = None) -> str:
    """The text of ``track`` (what :func:`~subtools.build.build_cues` returns) in ``fmt``; a
    plain sequence of cues is written as a track without title cards.

    Raises:
        ExportError: a cue the format cannot hold.
    """
    if not isinstance(track, CueTrack):
        track = CueTrack(tuple(track))
    return write_track(track, fmt, options)


def convert(
    transcript: Transcript,
    fmt: SubtitleFormat,
    options: CueOptions | None = None,
    write_options: WriteOptions | None = None,
    *,
    audio: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    allow_partial: bool = False,
) -> tuple[str, CueTrack]:
    """Build the cue track of ``transcript`` and write it in ``fmt``: (text, track).

    Raises:
        TimingError: the text does not fit the rules (e.g. in ``duration_ms``).
        ExportError: a cue the format cannot hold.
        AlignmentError, MediaError: with ``audio``, audio that cannot be read or aligned,
            or that does not hold every cue's speech (unless ``allow_partial``: see build_cues).
    """
    track = build_cues(transcript, options, audio=audio, progress=progress, allow_partial=allow_partial)
    return export_cues(track, fmt, write_options), track


def render_transcript(
    transcript: Transcript,
    fmt: SubtitleFormat,
    options: CueOptions | None = None,
    write_options: WriteOptions | None = None,
) -> str:
    """Build the cues of a transcript and write them in ``fmt`` (:func:`convert`'s text)."""
    return convert(transcript, fmt, options, write_options)[0]
