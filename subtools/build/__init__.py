"""Cue building: a parsed transcript → timed subtitle cues within a profile's rules.

``linebreak`` decides where cues and lines break, ``timing`` when each cue is shown,
``cues`` drives both over a transcript.
"""

from __future__ import annotations

from subtools.build.cues import CueOptions, build_cues, build_title_cards

__all__ = ["CueOptions", "build_cues", "build_title_cards"]
