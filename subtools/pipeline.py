"""The one path the CLI and the library share: transcript → cues → text of a format."""

from __future__ import annotations

from subtools.build.cues import CueOptions, build_cues, build_title_cards
from subtools.formats import SubtitleFormat
from subtools.model import Cue, CueKind, Transcript

__all__ = ["export_cues", "render_transcript"]


def export_cues(
    cues: tuple[Cue, ...],
    fmt: SubtitleFormat,
    *,
    transcript: Transcript | None = None,
    options: CueOptions | None = None,
) -> str:
    """The text of ``cues`` in ``fmt``; the transcript supplies ASS/JSON title cards."""
    options = options or CueOptions()
    cards = build_title_cards(transcript, cues, options.profile) if transcript is not None else ()
    bom = "\ufeff" if options.bom else ""
    if fmt is SubtitleFormat.SRT:
        from subtools.formats import srt

        return bom + srt.write(cues, labels=options.labels)
    if fmt is SubtitleFormat.VTT:
        from subtools.formats import vtt

        return bom + vtt.write(cues)
    if fmt is SubtitleFormat.ASS:
        from subtools.formats import ass

        if cards:
            # ASS shows the title and headline as cards; --headline cues would show them twice.
            cues = tuple(c for c in cues if c.kind is CueKind.SPEECH)
        return bom + ass.write(cues, cards)
    from subtools.formats import json

    return json.write(
        cues,
        cards,
        source=transcript.source if transcript else None,
        profile=options.profile.name,
        fps=str(options.fps),
    )


def render_transcript(transcript: Transcript, fmt: SubtitleFormat, options: CueOptions | None = None) -> str:
    """Build the cues of a transcript and write them in ``fmt``.

    Raises:
        TimingError: the text does not fit the rules (e.g. in ``duration_ms``).
        ExportError: a cue the format cannot hold.
    """
    options = options or CueOptions()
    return export_cues(build_cues(transcript, options), fmt, transcript=transcript, options=options)
