"""English as the deck writes it: counts and ordinals in words, plurals, "a" or "an", clipping text to fit.

Plain functions on strings, used by the section builders for titles and by
the notes' filters; nothing here knows about a pitch.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal

_NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_word(n: int) -> str:
    """A count as a word up to ten, as a person says it; digits beyond.

    >>> count_word(4), count_word(12)
    ('four', '12')
    """
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


_ORDINALS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")


def ordinal(n: int) -> str:
    """A rank as a word up to tenth ("third"); "no. 12" beyond.

    >>> ordinal(3), ordinal(12)
    ('third', 'no. 12')
    """
    return _ORDINALS[n] if 0 <= n < len(_ORDINALS) else f"no. {n}"


def plural(n: int, singular: str, many: str | None = None) -> str:
    """``"one option"``, ``"four options"``: a count in words with its noun.

    >>> plural(1, "goal"), plural(3, "criterion", "criteria")
    ('one goal', 'three criteria')
    """
    return f"{count_word(n)} {singular if n == 1 else (many or singular + 's')}"


def clip(text: str, limit: int = 120) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis if cut.

    >>> clip("Reps cannot reach training while on the road", 30)
    'Reps cannot reach training…'
    >>> clip("short", 30)
    'short'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + "…"


def clip_words(text: str, words: int = 40) -> str:
    """``text`` cut to at most ``words`` words, with an ellipsis if cut (long user text in notes).

    >>> clip_words("one two three four", 2)
    'one two…'
    """
    parts = str(text).split()
    if len(parts) <= words:
        return " ".join(parts)
    return " ".join(parts[:words]).rstrip(" ,;:.-–—") + "…"


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def first_sentences(text: str, words: int = 40) -> str:
    """As many whole sentences of ``text`` as fit in ``words`` words (at least the first, clipped).

    Long answers typed into a pitch are read aloud whole sentence by whole
    sentence, never cut mid-thought unless a single sentence is too long.

    >>> first_sentences("We pilot first. Then we scale. Then we report.", 6)
    'We pilot first. Then we scale.'
    >>> first_sentences("One very long sentence here", 3)
    'One very long…'
    """
    kept: list[str] = []
    count = 0
    for s in _SENTENCE_END.split(" ".join(str(text).split())):
        n = len(s.split())
        if kept and count + n > words:
            break
        if not kept and n > words:
            return clip_words(s, words)
        kept.append(s)
        count += n
    return " ".join(kept)


def gist(text: str, limit: int = 110) -> str:
    """The first thought of ``text`` for a bullet: its first sentence, else its first clause, else clipped.

    >>> gist("Lessons are tied to visits; managers coach monthly. More detail follows.", 40)
    'Lessons are tied to visits'
    >>> gist("Short and sweet. Second sentence.", 20)
    'Short and sweet.'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    first = _SENTENCE_END.split(text, 1)[0]
    if len(first) <= limit:
        return first
    clause = re.split(r"[;:]\s|\s[–—-]\s|,\s", first, maxsplit=1)[0]
    if 20 <= len(clause) <= limit:
        return clause
    return clip(first, limit)


def capfirst(text: str) -> str:
    """``text`` with a capital first letter, nothing else changed.

    >>> capfirst("mobile learning on the road")
    'Mobile learning on the road'
    """
    text = str(text)
    return text[:1].upper() + text[1:]


def join_and(items: Iterable[str], conjunction: str = "and") -> str:
    """Items joined the way a person lists them.

    >>> join_and(["cost", "speed", "reach"]), join_and(["cost"]), join_and([])
    ('cost, speed and reach', 'cost', '')
    """
    items = [str(i) for i in items if str(i)]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def sentence(text: str) -> str:
    """``text`` with a capital first letter and a full stop (for user fragments read aloud).

    >>> sentence("reps close more deals")
    'Reps close more deals.'
    >>> sentence("Done!")
    'Done!'
    """
    text = " ".join(str(text).split())
    if not text:
        return ""
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?…" else text + "."


def lower_first(text: str) -> str:
    """``text`` with a lower-case first letter unless it starts an acronym (for mid-sentence use).

    >>> lower_first("Fewer errors"), lower_first("ROI of coaching"), lower_first("A third leave")
    ('fewer errors', 'ROI of coaching', 'a third leave')
    """
    text = str(text)
    first = text.split(" ", 1)[0]
    if len(first) > 1 and first[:2].isupper():  # "ROI", "HR partner", "CRM data": keep the acronym
        return text
    return text[:1].lower() + text[1:]


# --- English: "a" or "an", one or many ---------------------------------------------------------
#
# Small on purpose: the deck's sentences put an article before numbers ("an 8-hour course", "an
# $80,000 investment"), initialisms ("an HR partner") and ordinary words, and a noun after counts.
# No installed library does this (babel formats numbers, not English grammar; inflect is not a
# dependency), and the rules the deck needs fit in a few lines with their examples below.

#: Words spelled with a vowel that start with a consonant sound ("a one-time cost", "a unit", "a European").
_CONSONANT_SOUND = re.compile(r"(one\b|one-|once\b|uni|use|usu|usa|uti|ute|ure|uro|ura|ubi|euro|eu|ewe)", re.IGNORECASE)
#: Words spelled with an "h" that start with a vowel sound ("an hour", "an honest answer").
_VOWEL_SOUND = re.compile(r"(hour|honest|honou?r|heir)", re.IGNORECASE)
#: Letters whose names start with a vowel sound, for initialisms said letter by letter ("an HR partner", "an ROI", "a KPI").
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
#: A number at the start of a phrase, after any currency symbol: its integer part, grouped or not.
_LEADING_NUMBER = re.compile(r"(\d{1,3}(?:[,.\u00a0\u202f' ]\d{3})+(?!\d)|\d+)")


def article(phrase: str) -> str:
    """``"a"`` or ``"an"`` for ``phrase``, by how it sounds when read aloud.

    A number is read in English, thousands first: "eight", "eleven", "eighteen",
    "eighty-..." and "eight hundred ..." take "an", everything else "a" (one
    hundred, one thousand, eleven thousand takes "an" again). A currency symbol
    before the number is not read first ("an $80,000 investment": eighty
    thousand dollars). Initialisms are read letter by letter.

    >>> [article(x) for x in ("8-hour", "11-hour", "1-hour", "18-hour", "100-hour", "80-hour", "800-seat", "8.5-hour")]
    ['an', 'an', 'a', 'an', 'a', 'an', 'an', 'an']
    >>> [article(x) for x in ("11,500-member", "110-hour", "1,100-hour", "8,000-euro", "0-hour")]
    ['an', 'a', 'a', 'an', 'a']
    >>> [article(x) for x in ("$80,000 investment", "£881,334 investment", "269.240 € investment", "€1.2M budget", "8% rate")]
    ['an', 'an', 'a', 'a', 'an']
    >>> [article(x) for x in ("hour", "honest answer", "one-time cost", "unit", "umbrella", "European", "apple", "year")]
    ['an', 'an', 'a', 'a', 'an', 'a', 'an', 'a']
    >>> [article(x) for x in ("HR partner", "ROI", "KPI", "L&D team", "MBA", "UK team", "X-ray", "NPV")]
    ['an', 'an', 'a', 'an', 'an', 'a', 'an', 'an']
    """
    text = str(phrase).strip()
    start = text.lstrip("$£€¥₹₩₽₺₪¤\"'“‘([ \u00a0")
    if start[:1].isdigit():
        digits = _LEADING_NUMBER.match(start)
        whole = "".join(ch for ch in digits.group(1) if ch.isdigit()) if digits else "0"
        lead = whole[: len(whole) % 3 or 3]  # the group said first: "11" of 11,500, "110" of 110
        return "an" if lead.startswith("8") or lead in ("11", "18") else "a"
    word = re.match(r"[^\s\-/]+", start)
    token = word.group(0) if word else ""
    letters = "".join(ch for ch in token if ch.isalpha())
    if letters and (len(letters) == 1 and token[:1].isupper() or len(letters) >= 2 and letters.isupper()):
        return "an" if letters[0] in _VOWEL_LETTERS else "a"  # said letter by letter
    if _VOWEL_SOUND.match(start):
        return "an"
    if _CONSONANT_SOUND.match(start):
        return "a"
    return "an" if start[:1].lower() in "aeiou" else "a"


def with_article(phrase: str) -> str:
    """``phrase`` after its indefinite article.

    >>> with_article("8-hour course"), with_article("$30,000 investment"), with_article("HR partner")
    ('an 8-hour course', 'a $30,000 investment', 'an HR partner')
    """
    return f"{article(phrase)} {phrase}"


def noun_for(count: Decimal | int, singular: str, many: str | None = None) -> str:
    """The noun that goes with a count: the singular for exactly one, the plural otherwise.

    >>> noun_for(1, "hour"), noun_for(Decimal("1.0"), "hour"), noun_for(Decimal("1.5"), "hour"), noun_for(0, "person", "people")
    ('hour', 'hour', 'hours', 'people')
    """
    return singular if count == 1 else (many or singular + "s")


def singular(noun: str) -> str:
    """A plural unit as it reads after "1": its first word made singular ("1 item", "1 complaint a year").

    For units people type, so only regular plurals change; anything else is left as written.

    >>> [singular(u) for u in ("hours", "complaints a year", "injuries", "matches", "%", "status", "points out of 100", "people")]
    ['hour', 'complaint a year', 'injury', 'match', '%', 'status', 'point out of 100', 'people']
    """
    first, _, rest = noun.partition(" ")
    lower = first.lower()
    if len(first) > 4 and lower.endswith("ies"):
        first = first[:-3] + "y"
    elif lower.endswith(("ches", "shes", "sses", "xes")):
        first = first[:-2]
    elif len(first) > 2 and lower.endswith("s") and not lower.endswith(("ss", "us", "is")):
        first = first[:-1]
    return f"{first} {rest}" if rest else first
