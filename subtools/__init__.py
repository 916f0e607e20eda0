"""subtools: broadcast news transcripts to speaker-tagged segments and subtitles.

Names are loaded on first use (PEP 562): ``subtools validate`` on a big file should not
pay for the transcript parser, nor ``subtools parse`` for the validator.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from subtools.build import CueOptions, build_cues, build_title_cards
    from subtools.errors import ConfigError, ExportError, ParseError, SubtoolsError, TimingError, UnknownFormatError
    from subtools.findings import RULES, Change, Finding, Severity
    from subtools.formats import SubtitleFormat, WriteOptions, parse_subtitles, read_subtitles
    from subtools.formats.ass import to_ssafile
    from subtools.formats.base import Entry, SubtitleFile
    from subtools.model import (
        Cue,
        CueKind,
        CueTrack,
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
    from subtools.parser import parse_transcript, read_transcript
    from subtools.parser.report import transcript_to_dict
    from subtools.pipeline import convert, export_cues, render_transcript
    from subtools.profile import PROFILES, Profile, get_profile
    from subtools.validation import validate, validate_text
    from subtools.validation.fixes import FixResult, fix_text
    from subtools.validation.limits import RuleOverride, ValidateOptions, parse_override
    from subtools.validation.report import FileReport

__version__ = "0.1.0"

_HOMES = {
    "subtools.build": "CueOptions build_cues build_title_cards",
    "subtools.errors": "ConfigError ExportError ParseError SubtoolsError TimingError UnknownFormatError",
    "subtools.findings": "RULES Change Finding Severity",
    "subtools.formats": "SubtitleFormat WriteOptions parse_subtitles read_subtitles",
    "subtools.formats.ass": "to_ssafile",
    "subtools.formats.base": "Entry SubtitleFile",
    "subtools.model": "Cue CueKind CueTrack Dropped DropReason Headline Metadata Piece Role Segment Signoff Story "
    "Title Transcript",
    "subtools.parser": "parse_transcript read_transcript",
    "subtools.parser.report": "transcript_to_dict",
    "subtools.pipeline": "convert export_cues render_transcript",
    "subtools.profile": "PROFILES Profile get_profile",
    "subtools.validation": "validate validate_text",
    "subtools.validation.fixes": "FixResult fix_text",
    "subtools.validation.limits": "RuleOverride ValidateOptions parse_override",
    "subtools.validation.report": "FileReport",
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names.split()}

__all__ = [
    "PROFILES",
    "RULES",
    "Change",
    "ConfigError",
    "Cue",
    "CueKind",
    "CueOptions",
    "CueTrack",
    "DropReason",
    "Dropped",
    "Entry",
    "ExportError",
    "FileReport",
    "Finding",
    "FixResult",
    "Headline",
    "Metadata",
    "ParseError",
    "Piece",
    "Profile",
    "Role",
    "RuleOverride",
    "Segment",
    "Severity",
    "Signoff",
    "Story",
    "SubtitleFile",
    "SubtitleFormat",
    "SubtoolsError",
    "TimingError",
    "Title",
    "Transcript",
    "UnknownFormatError",
    "ValidateOptions",
    "WriteOptions",
    "__version__",
    "build_cues",
    "build_title_cards",
    "convert",
    "export_cues",
    "fix_text",
    "get_profile",
    "parse_override",
    "parse_subtitles",
    "parse_transcript",
    "read_subtitles",
    "read_transcript",
    "render_transcript",
    "to_ssafile",
    "transcript_to_dict",
    "validate",
    "validate_text",
]


def __getattr__(name: str) -> Any:
    module = _HOME_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'subtools' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
