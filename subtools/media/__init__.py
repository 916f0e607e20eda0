"""Audio and video through ffmpeg, and the system tools alignment needs.

Audio is decoded by an ``ffmpeg`` subprocess to 16 kHz mono 16-bit PCM on a pipe, so any
file ffmpeg reads works (MP4, MOV, MXF, WAV, MP3) and no audio library is imported.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from subtools.errors import MediaError

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

__all__ = ["RATE", "decode_audio", "require_tool", "stream_audio"]

# 16 kHz: speech's content is under 8 kHz (the features stop at 7.6 kHz), so a higher
# rate would only be more samples to decode and analyse.
RATE = 16_000
_INSTALL = {
    "ffmpeg": "apt-get install ffmpeg",
    "espeak-ng": "apt-get install espeak-ng",
}


def require_tool(name: str) -> str:
    """The path of a system tool, or a MediaError saying how to install it."""
    path = shutil.which(name)
    if path is None:
        raise MediaError(f"{name} is not installed (install it with: {_INSTALL.get(name, name)})", name)
    return path


def require_numpy() -> None:
    """Alignment needs numpy, the ``subtools[align]`` extra."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        raise MediaError("alignment needs numpy (install it with: pip install 'subtools[align]')", "--audio") from None


def decode_audio(path: str | Path) -> NDArray[np.float32]:
    """The audio of ``path`` as 16 kHz mono samples in [-1, 1].

    Raises:
        MediaError: ffmpeg is missing, or the file has no audio it can decode.
    """
    import numpy as np

    samples: NDArray[np.float32] = np.concatenate(list(stream_audio(path)))
    return samples


def stream_audio(path: str | Path, block_s: float = 60.0) -> Iterator[NDArray[np.float32]]:
    """The audio of ``path`` as 16 kHz mono samples in [-1, 1], ``block_s`` seconds at a
    time, so a long programme is never whole in memory (an hour is 230 MB of float32).

    Raises (when iterated):
        MediaError: ffmpeg is missing, or the file has no audio it can decode.
    """
    import tempfile

    import numpy as np

    ffmpeg = require_tool("ffmpeg")
    name = str(path)
    if not Path(path).is_file():
        raise MediaError("no such file", name)
    cmd = [ffmpeg, "-nostdin", "-hide_banner", "-v", "error", "-i", name, "-vn", "-ac", "1", "-ar", str(RATE),
           "-f", "s16le", "-acodec", "pcm_s16le", "-"]  # fmt: skip
    # stderr to a file, not a pipe: nobody reads it until ffmpeg ends, and a full pipe would stall it.
    with tempfile.TemporaryFile() as err, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err) as proc:
        assert proc.stdout is not None
        total = 0
        while block := proc.stdout.read(round(block_s * RATE) * 2):
            block = block[: len(block) // 2 * 2]
            total += len(block)
            yield np.frombuffer(block, dtype="<i2").astype(np.float32) / 32768.0  # 16-bit full scale to [-1, 1]
        returncode = proc.wait()
        if returncode != 0:
            err.seek(0)
            detail = err.read().decode("utf-8", "replace").strip().splitlines()
            reason = detail[-1] if detail else f"ffmpeg exit code {returncode}"
            raise MediaError(f"cannot decode audio ({reason})", name)
    if total == 0:
        raise MediaError("no audio stream (found 0 samples, expected a file with sound)", name)
