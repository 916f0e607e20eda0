"""ASS output through pysubs2: role styles, explicit line breaks, title cards on top.

pysubs2 writes no PlayResX/PlayResY (libass then assumes 384x288) and clamps times past
9:59:59.99 with only a warning (library-notes §1.3); both are handled here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from subtools.errors import ExportError
from subtools.model import Cue, CueKind, Role

if TYPE_CHECKING:
    import pysubs2

__all__ = ["FONT", "STYLE_FOR_ROLE", "to_ssafile", "write"]

FONT = "Noto Sans CJK KR"  # covers Latin and Hangul, so libass never mixes fallback fonts
_MAX_MS = 10 * 3_600_000 - 10  # 9:59:59.99
# Speaker colours in BBC priority order (§1.5): white, yellow, cyan, green.
STYLE_FOR_ROLE = {
    Role.ANCHOR: ("Anchor", (255, 255, 255)),
    Role.REPORTER: ("Reporter", (255, 255, 0)),
    Role.SOUNDBITE: ("Soundbite", (0, 255, 255)),
    Role.INTERVIEWEE: ("Interviewee", (0, 255, 0)),
    Role.UNKNOWN: ("Unknown", (255, 255, 255)),
}


def _text(lines: tuple[str, ...]) -> str:
    # "{" opens an override block and "\" starts a tag: escape both so text stays text.
    safe = [line.replace("\\", "\\\u2060").replace("{", "\\{").replace("}", "\\}") for line in lines]
    return "\\N".join(safe)


def to_ssafile(
    cues: tuple[Cue, ...], cards: tuple[Cue, ...] = (), *, width: int = 1920, height: int = 1080
) -> pysubs2.SSAFile:
    """A ``pysubs2.SSAFile`` for callers that already work with pysubs2.

    Raises:
        ExportError: a time past 9:59:59.99, which ASS cannot hold.
    """
    import pysubs2  # imported here: only ASS output pays for it

    subs = pysubs2.SSAFile()
    subs.info.update(
        {
            "Title": "subtools",
            "PlayResX": str(width),
            "PlayResY": str(height),
            "ScaledBorderAndShadow": "yes",
            "WrapStyle": "2",  # no automatic wrapping: our \N breaks are the breaks
            "YCbCr Matrix": "None",
        }
    )
    size = round(height * 0.055)
    margin_lr = round(width * 0.125)
    base = pysubs2.SSAStyle(
        fontname=FONT, fontsize=size, primarycolor=pysubs2.Color(255, 255, 255),
        outlinecolor=pysubs2.Color(0, 0, 0), backcolor=pysubs2.Color(0, 0, 0, 128), outline=3, shadow=1,
        alignment=pysubs2.Alignment.BOTTOM_CENTER, marginl=margin_lr, marginr=margin_lr,
        marginv=round(height * 0.06), encoding=1,
    )  # fmt: skip
    subs.styles.clear()
    for name, (r, g, b) in STYLE_FOR_ROLE.values():
        style = base.copy()
        style.primarycolor = pysubs2.Color(r, g, b)
        subs.styles[name] = style
    title = base.copy()
    title.alignment = pysubs2.Alignment.TOP_CENTER
    title.bold = True
    title.marginv = round(height * 0.05)
    subs.styles["Title"] = title
    headline = base.copy()
    headline.alignment = pysubs2.Alignment.TOP_CENTER
    headline.primarycolor = pysubs2.Color(255, 255, 0)
    headline.marginv = title.marginv
    subs.styles["Headline"] = headline
    title_lines: dict[int, int] = {c.story: len(c.lines) for c in cards if c.kind is CueKind.TITLE}
    for cue in sorted(cards + cues, key=lambda c: (c.start_ms, not c.top)):
        if cue.end_ms > _MAX_MS:
            raise ExportError(f"cue at {cue.start_ms} ms ends after 9:59:59.99, the ASS maximum", "<ass>")
        if cue.kind is CueKind.SPEECH:
            style_name = STYLE_FOR_ROLE[cue.role or Role.UNKNOWN][0]
        else:
            style_name = "Title" if cue.kind is CueKind.TITLE else "Headline"
        event = pysubs2.SSAEvent(
            start=cue.start_ms, end=cue.end_ms, text=_text(cue.lines), style=style_name, name=cue.speaker or ""
        )
        if cue.kind is CueKind.HEADLINE:
            # Stack the headline under however many lines the title card took.
            event.marginv = title.marginv + round(size * 1.25) * title_lines.get(cue.story, 0) + round(size * 0.3)
        subs.append(event)
    return subs


def write(cues: tuple[Cue, ...], cards: tuple[Cue, ...] = ()) -> str:
    text: str = to_ssafile(cues, cards).to_string("ass")
    return text
