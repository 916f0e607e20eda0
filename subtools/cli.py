"""The ``subtools`` command line: thin commands over the library."""

from __future__ import annotations

import sys
from typing import Any

import click

from subtools import __version__
from subtools.errors import SubtoolsError
from subtools.report import format_transcript_json, format_transcript_table
from subtools.textio import decode_text
from subtools.transcript import parse_transcript, read_transcript

__all__ = ["main"]


class _Group(click.Group):
    """Turns every SubtoolsError into one ``Error: path:line: …`` line and exit code 1."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except SubtoolsError as err:
            raise click.ClickException(str(err)) from err


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="subtools")
def cli() -> None:
    """Broadcast transcripts to speaker-tagged segments and subtitles."""


def _load(path: str) -> Any:
    if path == "-":
        text, encoding = decode_text(sys.stdin.buffer.read(), "<stdin>")
        return parse_transcript(text, source="<stdin>", encoding=encoding)
    return read_transcript(path)


@cli.command()
@click.argument("transcript", type=click.Path(dir_okay=False, allow_dash=True))
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
    help="Readable table, or JSON for programs.",
)  # fmt: skip
def parse(transcript: str, fmt: str) -> None:
    """Parse TRANSCRIPT (a file, or - for stdin) into speaker-tagged segments.

    \b
    Example:
      subtools parse fixtures/transcripts/arirang-lee-ji-won.txt
      subtools parse report.txt --format json > report.json
    """
    parsed = _load(transcript)
    out = format_transcript_json(parsed) if fmt == "json" else format_transcript_table(parsed)
    click.echo(out, nl=False)


def main() -> None:
    cli(prog_name="subtools")
