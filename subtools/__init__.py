"""subtools: broadcast news transcripts to speaker-tagged segments and subtitles."""

from subtools.errors import ExportError, ParseError, SubtoolsError, TimingError, UnknownFormatError
from subtools.model import (
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
from subtools.report import transcript_to_dict
from subtools.transcript import parse_transcript, read_transcript

__version__ = "0.1.0"

__all__ = [
    "DropReason",
    "Dropped",
    "ExportError",
    "Headline",
    "Metadata",
    "ParseError",
    "Piece",
    "Role",
    "Segment",
    "Signoff",
    "Story",
    "SubtoolsError",
    "TimingError",
    "Title",
    "Transcript",
    "UnknownFormatError",
    "__version__",
    "parse_transcript",
    "read_transcript",
    "transcript_to_dict",
]
