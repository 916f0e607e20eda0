"""Script decides Korean vs English; langdetect only when script cannot, and only lazily."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import SEED

from subtools.language import detect_lang, script_lang


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
