"""Speaker notes from Jinja2 templates: the one strict environment, number filters, user text kept as data."""

from __future__ import annotations

from decimal import Decimal

import jinja2
import pytest

from ldpitch import format as fmt
from ldpitch.deck.outline import outline
from ldpitch.narrative import (
    NOTES_DIR,
    article,
    clip,
    environment,
    first_sentences,
    gist,
    join_and,
    note_sections,
    render_notes,
    render_text,
    singular,
    tidy,
)
from ldpitch.pitch import examples
from ldpitch.pitch.model import StakeholderType

EXAMPLES = examples.names()


def _audiences(pitch) -> list[str | None]:
    return [None, *(s.name for s in pitch.stakeholders)]


def test_every_section_of_the_outline_has_a_notes_template():
    from ldpitch.deck.sections import builders

    assert set(builders()) == set(note_sections())
    assert (NOTES_DIR / "_objections.j2").is_file() and (NOTES_DIR / "_gaps.j2").is_file()


@pytest.mark.parametrize("name", EXAMPLES)
def test_every_notes_template_renders_for_every_audience_of_every_example(name):
    pitch = examples.load(name)
    rendered: set[str] = set()
    for audience in _audiences(pitch):
        for slide in outline(pitch, audience, "full"):
            rendered.add(slide.section)
            assert slide.notes.strip(), (audience, slide.section)
            assert "{{" not in slide.notes and "{%" not in slide.notes and "}}" not in slide.notes
    # Every section's template ran for this example (the examples are complete pitches).
    assert rendered == set(note_sections())


def test_the_environment_is_strict_about_missing_values():
    with pytest.raises(jinja2.UndefinedError):
        render_notes("ask", {"currency": "USD", "locale": "en_US"})


def test_the_environment_does_not_escape_plain_text():
    env = environment()
    assert env.autoescape is False
    assert env.undefined is jinja2.StrictUndefined
    assert env.trim_blocks and env.lstrip_blocks


def test_a_notes_section_name_cannot_reach_outside_the_notes_folder():
    for bad in ("../README", "notes/ask", "Ask", "", "ask.j2"):
        with pytest.raises(ValueError):
            render_notes(bad, {})


def test_text_a_user_typed_is_data_never_template_source(make_pitch):
    hostile = "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} {{ pitch.__class__ }}"
    pitch = examples.load("sales_mobile")
    data = pitch.model_dump(mode="json")
    data["stakeholders"][0]["pain_points"] = [hostile]
    data["stakeholders"][0]["wants_to_buy"] = hostile
    data["initiative"]["why_it_matters"] = hostile
    from ldpitch.pitch.model import Pitch

    hostile_pitch = Pitch.model_validate(data)
    notes = "\n".join(s.notes for s in outline(hostile_pitch, None, "standard"))
    assert "{{ 7*7 }}" in notes
    assert "49" not in notes.replace("{{ 7*7 }}", "")
    assert "xxx" not in notes


@pytest.mark.parametrize(
    ("locale", "currency", "expected"),
    [("en_US", "USD", "$1,234,568"), ("de_DE", "EUR", "1.234.568\xa0€"), ("en_GB", "GBP", "£1,234,568")],
)
def test_the_money_filter_formats_in_the_pitchs_currency_and_locale(locale, currency, expected):
    template = environment().from_string("{{ amount | money }}")
    assert template.render(amount=Decimal("1234567.8"), currency=currency, locale=locale) == expected
    assert expected == fmt.money(Decimal("1234567.8"), currency, locale)


def test_the_number_filters_call_the_one_formatting_module():
    env = environment()
    ctx = {"currency": "EUR", "locale": "de_DE"}
    assert env.from_string("{{ v | percent }}").render(v=Decimal("111.8"), **ctx) == fmt.percent(Decimal("111.8"), "de_DE")
    assert env.from_string("{{ v | share }}").render(v=Decimal("0.472"), **ctx) == fmt.share(Decimal("0.472"), "de_DE")
    assert env.from_string("{{ v | months }}").render(v=Decimal("7.3"), **ctx) == "7,3 months"
    assert env.from_string("{{ v | ratio }}").render(v=Decimal("2.12"), **ctx) == fmt.ratio(Decimal("2.12"), "de_DE")
    assert env.from_string("{{ v | number }}").render(v=Decimal("1350"), **ctx) == "1.350"


def test_tidy_keeps_one_blank_line_between_talking_points():
    assert tidy("\n\n A.  \n\n\n\n B. \n") == "A.\n\nB."


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ("One. Two three. Four five six.", 3, "One. Two three."),
        ("One. Two three. Four five six.", 100, "One. Two three. Four five six."),
        ("A single sentence of many words", 3, "A single sentence…"),
    ],
)
def test_first_sentences_never_cuts_a_sentence_it_can_keep_whole(text, words, expected):
    assert first_sentences(text, words) == expected


def test_clip_and_gist_keep_bullets_short_at_a_word_boundary():
    assert clip("word " * 50, 30).endswith("…") and len(clip("word " * 50, 30)) <= 30
    assert gist("Short first sentence. And a second one that is long enough to matter here.", 40) == "Short first sentence."
    assert join_and(["a", "b", "c"]) == "a, b and c"


def test_render_text_renders_any_template_by_its_path():
    out = render_text("notes/_gaps.j2", {"currency": "USD", "locale": "en_US", "gaps": ["the timeline milestones"]})
    assert out.startswith("Not in this deck yet: the timeline milestones.")


@pytest.mark.parametrize("kind", [t.value for t in StakeholderType])
def test_notes_render_for_a_deck_written_for_any_stakeholder_type(kind):
    pitch = examples.load("onboarding")
    for slide in outline(pitch, kind, "full"):
        assert slide.notes.strip()


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("8-hour course", "an"), ("11-hour course", "an"), ("1-hour course", "a"), ("18-hour course", "an"),
        ("100-hour course", "a"),  # one hundred
        ("80-hour course", "an"), ("800-seat hall", "an"), ("8.5-hour course", "an"), ("11,500-member association", "an"),
        ("1,100-hour programme", "a"), ("$80,000 investment", "an"), ("£881,334 investment", "an"), ("$30,000 budget", "a"),
        ("269.240 € investment", "a"), ("8% discount rate", "an"), ("10% discount rate", "a"),
        ("hour", "an"), ("honest answer", "an"), ("one-time cost", "a"), ("unit", "a"), ("umbrella", "an"), ("year", "a"),
        ("HR partner", "an"), ("ROI", "an"), ("KPI", "a"), ("L&D team", "an"), ("UK team", "a"),
    ],
)
def test_the_article_follows_how_a_phrase_is_read_aloud(phrase, expected):
    assert article(phrase) == expected


def test_the_notes_count_in_english():
    env = environment()
    text = env.from_string('{{ 1 | quantity("person", "people") }}; {{ 262 | quantity("person", "people") }}; {{ 1 | quantity("hour") }}; '
                           '{{ "8-hour course" | with_article }}').render(locale="en_US", currency="USD")
    assert text == "1 person; 262 people; 1 hour; an 8-hour course"
    assert [singular(u) for u in ("items", "complaints a year", "%")] == ["item", "complaint a year", "%"]
