"""subtools: broadcast news transcripts to speaker-tagged segments and subtitles."""

from typing import Any

from subtools.cues import CueOptions, build_cues, build_title_cards
from subtools.errors import ExportError, ParseError, SubtoolsError, TimingError, UnknownFormatError
from subtools.formats import SubtitleFormat
from subtools.model import (
    Cue,
    CueKind,
    Dropped,
    DropReason,
    Headline,
    Metadata,
    Piece,
    Role,
    Segment,
    Signoff,
    Story,
    Title,
    Transcript,
)
from subtools.pipeline import export_cues, render_transcript
from subtools.profile import PROFILES, Profile, get_profile
from subtools.transcript import parse_transcript, read_transcript

__version__ = "0.1.0"

__all__ = [
    "PROFILES",
    "Cue",
    "CueKind",
    "CueOptions",
    "DropReason",
    "Dropped",
    "ExportError",
    "Headline",
    "Metadata",
    "ParseError",
    "Piece",
    "Profile",
    "Role",
    "Segment",
    "Signoff",
    "Story",
    "SubtitleFormat",
    "SubtoolsError",
    "TimingError",
    "Title",
    "Transcript",
    "UnknownFormatError",
    "__version__",
    "build_cues",
    "build_title_cards",
    "export_cues",
    "get_profile",
    "parse_transcript",
    "read_transcript",
    "render_transcript",
    "to_ssafile",
    "transcript_to_dict",
]


def __getattr__(name: str) -> Any:
    # Loaded on first use: JSON/table rendering and pysubs2 are not needed by every run.
    if name == "transcript_to_dict":
        from subtools.report import transcript_to_dict

        return transcript_to_dict
    if name == "to_ssafile":
        from subtools.formats.ass import to_ssafile

        return to_ssafile
    raise AttributeError(f"module 'subtools' has no attribute {name!r}")
