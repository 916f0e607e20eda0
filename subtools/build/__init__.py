"""Cue building: a parsed transcript → a timed :class:`~subtools.model.CueTrack`.

``linebreak`` decides where cues and lines break, ``timing`` when each cue is shown,
``cues`` drives both over a transcript's spoken text, ``cards`` makes the on-screen title
cards; :func:`build_cues` puts them together.
"""

from __future__ import annotations

from collections.abc import Callable

from subtools.build.cards import build_title_cards
from subtools.build.cues import build_cue_list
from subtools.build.options import CueOptions
from subtools.model import CueTrack, Transcript

__all__ = ["CueOptions", "build_cues", "build_title_cards"]


def build_cues(
    transcript: Transcript,
    options: CueOptions | None = None,
    *,
    audio: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    allow_partial: bool = False,
) -> CueTrack:
    """The timed cues of everything spoken in ``transcript`` (and, with ``headline``, its
    titles as top cues), with each story's title cards.

    ``audio`` (the report's audio or video) times cues to its speech instead of by reading
    rate (``subtools[align]``, espeak-ng and ffmpeg); ``progress(done, total)`` is called
    while aligning, and ``progress(0, 0)`` when alignment has finished.

    Cues whose speech the audio does not hold (cut off at either end, a stretch missing,
    or another text's audio) are an AlignmentError naming them; with ``allow_partial``
    they are left out of the track instead (and its title cards of stories with no spoken
    cue), listed in ``track.left_out``, and the rest keep their times.

    Raises:
        TimingError: the text cannot be shown within the profile's rules in the requested
            duration.
        AlignmentError, MediaError: with ``audio``, audio that cannot be read or aligned,
            or (without ``allow_partial``) that does not hold the speech of every cue.
    """
    options = options or CueOptions()
    cues, left_out = build_cue_list(transcript, options, audio, progress, allow_partial)
    if audio is not None and progress is not None:
        progress(0, 0)  # alignment has finished: a progress bar closes before any warning
    cards = build_title_cards(transcript, cues, options.profile)
    return CueTrack(
        cues, cards, source=transcript.source, profile=options.profile.name, fps=options.fps, left_out=left_out
    )
