"""The words of the deck: the one Jinja2 environment, its number filters, and speaker notes per section.

Speaker notes live in ``templates/notes/<section>.j2``, one template per
section of the outline; action titles are built in Python (``deck.sections``)
because choosing a title is a decision on the figures, not wording alone.

Rules of the environment:

- ``StrictUndefined``: a template that names a missing value fails loudly in
  the tests instead of printing an empty string on stage;
- no autoescaping: notes are plain text read aloud, not markup;
- text users typed is always *data* in the context, never template source, so
  ``{{`` typed into a pitch prints as ``{{``;
- numbers are formatted only through filters that call ``ldpitch.format`` with
  the context's ``currency`` and ``locale``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context

from ldpitch import format as fmt
from ldpitch.engine import Undefined
from ldpitch.narrative.english import (
    capfirst,
    clip,
    clip_words,
    count_word,
    first_sentences,
    gist,
    join_and,
    lower_first,
    noun_for,
    ordinal,
    plural,
    sentence,
    with_article,
)

#: The repository's ``templates`` folder (notes under ``notes/``).
TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "templates"
NOTES_DIR = TEMPLATES_DIR / "notes"

_SECTION = re.compile(r"^_?[a-z][a-z0-9_]*$")
# --- filters bound to the pitch's currency and locale ---------------------------------------


def _money_filter(ctx, amount: Decimal) -> str:
    return fmt.money(amount, ctx["currency"], ctx["locale"])


def _compact_money_filter(ctx, amount: Decimal) -> str:
    return fmt.compact_money(amount, ctx["currency"], ctx["locale"])


def _share_filter(ctx, value: Decimal | Undefined) -> str:
    return fmt.NOT_AVAILABLE if isinstance(value, Undefined) else fmt.share(value, ctx["locale"])


def _percent_filter(ctx, value: Decimal | Undefined) -> str:
    return fmt.percent(value, ctx["locale"])


def _ratio_filter(ctx, value: Decimal | Undefined) -> str:
    return fmt.ratio(value, ctx["locale"])


def _months_filter(ctx, value: Decimal | Undefined) -> str:
    return fmt.months(value, ctx["locale"])


def _number_filter(ctx, value: Decimal | int) -> str:
    return fmt.number(Decimal(value), ctx["locale"])


def _quantity_filter(ctx, count: Decimal | int, singular_noun: str, many: str | None = None) -> str:
    """``{{ people | quantity("person", "people") }}``: "262 people", "1 person", the number in the pitch's locale."""
    return f"{fmt.number(Decimal(count), ctx['locale'])} {noun_for(count, singular_noun, many)}"


def _is_defined(value: object) -> bool:
    return not isinstance(value, Undefined)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between processes: compiling the notes templates is most of a cold deck's
    outline time. In $XDG_CACHE_HOME/ldpitch/jinja2 (else ~/.cache); none when that cannot be written."""
    folder = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ldpitch" / "jinja2"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".writable"
        probe.touch()
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder))


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The one Jinja2 environment of ldpitch (strict, plain text, trimmed blocks, format-backed filters)."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES_DIR)),
        undefined=StrictUndefined,
        autoescape=False,  # plain-text speaker notes; nothing here is markup
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(
        money=pass_context(_money_filter),
        compact_money=pass_context(_compact_money_filter),
        share=pass_context(_share_filter),
        percent=pass_context(_percent_filter),
        ratio=pass_context(_ratio_filter),
        months=pass_context(_months_filter),
        number=pass_context(_number_filter),
        quantity=pass_context(_quantity_filter),
        with_article=with_article,
        clip=clip,
        clip_words=clip_words,
        first_sentences=first_sentences,
        gist=gist,
        capfirst=capfirst,
        join_and=join_and,
        sentence=sentence,
        lower_first=lower_first,
        count_word=count_word,
        ordinal=ordinal,
        plural=plural,
    )
    env.tests["defined_figure"] = _is_defined
    return env


def note_sections() -> list[str]:
    """The sections that have a notes template (partials starting with ``_`` excluded), sorted."""
    return sorted(p.stem for p in NOTES_DIR.glob("*.j2") if not p.stem.startswith("_"))


_BLANK_RUNS = re.compile(r"\n{3,}")
_SPACE_RUNS = re.compile(r"[ \t]{2,}")


def tidy(text: str) -> str:
    """Notes as a presenter reads them: trimmed lines, single blank lines between talking points.

    >>> tidy("  First point.  \\n\\n\\n\\nSecond   point. ")
    'First point.\\n\\nSecond point.'
    """
    lines = [_SPACE_RUNS.sub(" ", line).strip() for line in text.splitlines()]
    return _BLANK_RUNS.sub("\n\n", "\n".join(lines)).strip()


def render_notes(section: str, context: Mapping[str, object]) -> str:
    """The speaker notes of one section: ``templates/notes/<section>.j2`` rendered with ``context``.

    ``context`` must hold ``currency`` and ``locale`` (the number filters use
    them) and every value the template names (a missing one raises
    ``jinja2.UndefinedError``). User text in ``context`` is data, never parsed
    as a template.
    """
    if not _SECTION.match(section):
        raise ValueError(f"not a notes section name: {section!r}")
    template = environment().get_template(f"notes/{section}.j2")
    return tidy(template.render(**context))


def render_text(template_name: str, context: Mapping[str, object]) -> str:
    """Render any template under ``templates/`` (by its path there) as tidy plain text."""
    return tidy(environment().get_template(template_name).render(**context))
