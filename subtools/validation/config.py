"""Project settings for ``validate`` from ``pyproject.toml``, ``[tool.subtools]``.

    [tool.subtools]
    profile = "netflix-en"
    fps = "25"

    [tool.subtools.rules]
    max-line-length = 37
    encoding = "off"
    "max-cps.warn" = 18

The nearest ``pyproject.toml`` from the working folder upwards is used, as ruff and
mypy find theirs; options on the command line win over it (:func:`resolve_options`).
"""

from __future__ import annotations

import os
import re
from typing import TYPE_CHECKING

from subtools.clock import parse_fps
from subtools.errors import ConfigError
from subtools.profile import PROFILES
from subtools.startup.patterns import compile_pattern
from subtools.startup.records import value_class
from subtools.validation.limits import DEFAULT_FPS, RuleOverride, ValidateOptions, parse_override

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["ProjectConfig", "find_pyproject", "load_config", "resolve_options"]

_DEFAULT_PROFILE = "auto"  # Netflix Korean limits for mainly-Hangul cues, Netflix English for the rest


@value_class
class ProjectConfig:
    """What ``[tool.subtools]`` sets: the profile, the frame rate and the rule overrides."""

    source: str | None = None
    profile: str | None = None
    fps: str | None = None
    overrides: tuple[RuleOverride, ...] = ()


def find_pyproject(start: str | Path) -> str | None:
    """The nearest ``pyproject.toml`` in ``start`` or a folder above it (with os.path:
    pathlib took 5 ms of validate's start-up)."""
    folder = os.path.abspath(start)
    while True:
        candidate = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


# A pyproject.toml that cannot set [tool.subtools] — no "tool.subtools" key (as a table, a
# dotted key, quoted or not) and no [tool] table — is not parsed: importing tomllib and
# parsing the file was 3 ms of every convert's start-up in a project folder (issue 14).
# The leniency: such a file, if it is not valid TOML, is not reported; it holds no setting
# of ours, and its own tools report it.
_MAY_SET_SUBTOOLS = compile_pattern(r"""\btool['"]?\s*\.\s*['"]?subtools\b|^\s*\[\s*['"]?tool['"]?\s*\]""", re.M)


def load_config(path: str | Path | None) -> ProjectConfig:
    """The ``[tool.subtools]`` table of ``path`` (an empty config when absent).

    Raises:
        ConfigError: the file is not valid TOML or a setting is unknown.
    """
    if path is None:
        return ProjectConfig()
    name = str(path)
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read settings ({exc})", name) from None
    if not _MAY_SET_SUBTOOLS.search(text):
        return ProjectConfig()
    import tomllib

    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML ({exc})", name) from None
    table = doc.get("tool", {}).get("subtools")
    if table is None:
        return ProjectConfig()
    if not isinstance(table, dict):
        raise ConfigError(f"[tool.subtools] must be a table (found {type(table).__name__})", name)
    known = {"profile", "fps", "rules"}
    unknown = sorted(set(table) - known)
    if unknown:
        raise ConfigError(
            f"unknown setting in [tool.subtools] (found {unknown[0]!r}, expected one of {', '.join(sorted(known))})",
            name,
        )
    rules = table.get("rules", {})
    if not isinstance(rules, dict):
        raise ConfigError(f"[tool.subtools.rules] must be a table (found {type(rules).__name__})", name)
    overrides = []
    for key, value in rules.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise ConfigError(
                f"[tool.subtools.rules] {key} must be a number, off, error or warning (found {value!r})", name
            )
        overrides.append(parse_override(f"{key}={value}", f"{name} [tool.subtools.rules]"))
    profile, fps = table.get("profile"), table.get("fps")
    return ProjectConfig(
        source=name,
        profile=str(profile) if profile is not None else None,
        fps=str(fps) if fps is not None else None,
        overrides=tuple(overrides),
    )


def resolve_options(
    profile: str | None = None,
    fps: str | None = None,
    rules: tuple[str, ...] = (),
    config_path: str | Path | None = None,
    *,
    default_profile: str = _DEFAULT_PROFILE,
) -> ValidateOptions:
    """The options of one validate run: ``profile``, ``fps`` and ``rules`` (``RULE=VALUE``,
    as ``--rule`` takes them) win over the ``[tool.subtools]`` table of ``config_path``
    (None: no settings file); rule overrides add up, the command line's last.
    ``default_profile`` is the profile when neither names one (``convert`` and ``reflow``
    build to broadcast news rules; ``validate`` checks by script, ``auto``).

    Raises:
        ConfigError: unreadable settings, or an unknown setting, rule, profile or frame
            rate (a bad frame rate has source ``--fps``, wherever it was written).
    """
    config = load_config(config_path)
    overrides = config.overrides + tuple(parse_override(spec) for spec in rules)
    profile_name = profile or config.profile or default_profile
    if profile_name not in PROFILES:
        raise ConfigError(
            f"unknown profile (found {profile_name!r}, expected one of {', '.join(sorted(PROFILES))})",
            config.source or "--profile",
        )
    value = fps or config.fps
    try:
        rate = parse_fps(value) if value else DEFAULT_FPS
    except (ValueError, ZeroDivisionError):
        raise ConfigError(f"found {value!r}, expected a positive number such as 29.97", "--fps") from None
    return ValidateOptions(profile=PROFILES[profile_name], fps=rate, overrides=overrides)
