"""Script decides Korean vs English; langdetect only when script cannot, and only lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SEED
from hypothesis import example, given
from hypothesis import strategies as st

from subtools.language import (
    cjk_count,
    cjk_counts,
    detect_lang,
    hangul_count,
    hangul_counts,
    is_mainly_korean,
    korean_flags,
    script_lang,
)

# Characters at and around every edge of the Hangul and wide blocks (those counted by the
# high byte of their UTF-16 code units, and those only partly in a block), the separator
# the counters join texts with and its neighbours, and anything else.
_EDGES = [0x10FF, 0x1100, 0x11FF, 0x1200, 0x2FFF, 0x3000, 0x303F, 0x3040, 0x30FF, 0x3100, 0x312F, 0x3130,
          0x318F, 0x3190, 0x33FF, 0x3400, 0x4DBF, 0x4DC0, 0x4E00, 0x9FFF, 0xA000, 0xA95F, 0xA960, 0xA97F,
          0xA980, 0xABFF, 0xAC00, 0xD6FF, 0xD700, 0xD7A3, 0xD7A4, 0xD7AF, 0xD7B0, 0xD7FF, 0xF8FF, 0xF900,
          0xFAFF, 0xFB00, 0xFF00, 0xFF01, 0xFF60, 0xFF61, 0x0A00, 0x0A01, 0x0AFF, 0x000A, 0x0000]  # fmt: skip
_TEXT = st.text(st.sampled_from([chr(c) for c in _EDGES]) | st.characters(codec="utf-8") | st.sampled_from("a한 "))


@given(st.lists(_TEXT, max_size=6))
@example(["\ufaff"])
@example(["\u1100\u11ff", "a"])
@example(["\uac00x", "", "\ud6ff\U0001f600"])
@example(["\u4dc0한"])
@example(["", "한 a", "한 ab", "Lee Ji-won (이지원)", "북 ICBM 발사"])
def test_counts_at_c_speed_are_the_counts_one_by_one(texts: list[str]) -> None:
    hangul = hangul_counts(texts)
    assert hangul == [hangul_count(t) for t in texts]
    assert cjk_counts(texts, hangul) == cjk_counts(texts) == [cjk_count(t) for t in texts]
    assert korean_flags(texts, hangul) == korean_flags(texts) == [is_mainly_korean(t) for t in texts]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("한미 외교장관회담, 워킹그룹 실무회담 개최", "ko"),
        ("北美 정상회담 재개", "ko"),
        ('MPC 연결: 미 국무부 "대화 문 열려 있다"', "ko"),
        ("K-pop 열풍", "ko"),
        ("Lee Ji-won (이지원), Arirang News", "en"),
        ("Good evening.", "en"),
        ("Seoul", "en"),
        ("Kim Min-ji reports.", "en"),
    ],
)
def test_script_decides(text: str, lang: str) -> None:
    assert detect_lang(text) == lang


def test_langdetect_for_latin_text_without_english_words() -> None:
    french = "Les deux pays ont repris leurs discussions sur la péninsule coréenne mercredi."
    assert script_lang(french) == "en"  # script alone cannot tell
    assert detect_lang(french) == "fr"
    assert detect_lang(french) == "fr"  # seeded: the same answer every time


def test_plain_transcript_never_loads_langdetect() -> None:
    code = (
        "import sys; from subtools import read_transcript; "
        f"read_transcript({str(SEED)!r}); print('langdetect' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
