"""Text cleaning: characters XML cannot hold are removed, so no pasted text can break a deck or a workbook."""

import pytest
from pydantic import ValidationError

from ldpitch.pitch.model import Initiative, Pitch
from ldpitch.pitch.text import LONG_MAX, SHORT_MAX, clean_text


@pytest.mark.parametrize(
    ("raw", "single_line", "expected"),
    [
        ("Team\x0bA\x01B  ", False, "TeamAB"),  # vertical tab and SOH are not XML characters
        ("a\x00b\x08c\x1fd\x7fe", False, "abcde"),  # NUL, backspace, unit separator, DEL
        ("lone \ud800 high and \udfff low", True, "lone high and low"),  # lone surrogates removed, spaces folded
        ("keep\ttab", False, "keep\ttab"),  # tab, LF and CR are legal XML
        ("a\r\nb\rc", False, "a\nb\nc"),  # line endings become \n
        ("a\r\nb", True, "a b"),  # single-line fields fold every run of whitespace
        ("  padded  ", False, "padded"),
        ("\ufffe\uffffx", False, "x"),  # the two non-characters XML forbids
        ("e\u0301", False, "\u00e9"),  # NFC: e + combining acute becomes one character
        ("emoji \U0001F680 kept", False, "emoji \U0001F680 kept"),  # astral characters are legal
    ],
)
def test_clean_text_removes_what_xml_cannot_hold(raw, single_line, expected):
    assert clean_text(raw, keep_newlines=not single_line) == expected


def test_clean_text_passes_non_strings_through_for_validation_to_judge():
    assert clean_text(42) == 42
    assert clean_text(None) is None


def test_every_text_field_of_the_pitch_is_cleaned():
    p = Pitch(title="Q3\x07 coaching\ud83d", initiative=Initiative(why_it_matters="line one\r\nline\x0c two"))
    assert p.title == "Q3 coaching"
    assert p.initiative.why_it_matters == "line one\nline two"


def test_a_short_field_longer_than_its_cap_is_refused_after_cleaning():
    Pitch(title="x" * SHORT_MAX)
    Pitch(title="x" * SHORT_MAX + "\x00\x01")  # control characters do not count toward the cap
    with pytest.raises(ValidationError, match="at most 200"):
        Pitch(title="x" * (SHORT_MAX + 1))


def test_a_long_field_holds_paragraphs_up_to_its_cap():
    assert len(Initiative(resources="y" * LONG_MAX).resources) == LONG_MAX
    with pytest.raises(ValidationError, match="at most 10000"):
        Initiative(resources="y" * (LONG_MAX + 1))
