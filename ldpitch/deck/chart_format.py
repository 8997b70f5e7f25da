"""How chart values read: finite numbers, Excel number formats and label text in the pitch's currency and locale.

Pure (no python-pptx): the native-chart writer (``pptx_charts``) takes its
number formats and custom label text from here, built from the same
currency and locale as the rest of the deck (``ldpitch.format``).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal

from ldpitch import format as fmt
from ldpitch.charts import ChartSpec


def number(value) -> float | None:
    """A chart value: a finite float, or ``None`` (a gap) for missing, NaN and infinite values.

    >>> number(Decimal("1.5")), number(Decimal("NaN")), number(None), number(float("inf"))
    (1.5, None, None, None)
    """
    if value is None or isinstance(value, bool):
        return None
    try:
        if isinstance(value, Decimal) and not value.is_finite():
            return None
        result = float(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return result if math.isfinite(result) else None


def number_format(spec: ChartSpec, magnitude: float = 0.0, *, signed: bool = False, whole: bool = False) -> str:
    """The Excel number format for the spec's values; money in K or M when values are large; scores and numbers
    without decimals when every value is ``whole`` (a 1-to-5 grid reads 1, 2, 3, not 1.0, 2.0, 3.0).

    >>> number_format(ChartSpec("column", "t", "a"), 1_500_000)
    '"$"#,##0.0,,"M"'
    >>> number_format(ChartSpec("column", "t", "a", currency="EUR", locale="de_DE"), 250_000)
    '#,##0," K €"'
    >>> number_format(ChartSpec("line", "t", "a", value_format="percent"), 150)
    '#,##0"%"'
    """
    vf = spec.value_format
    if vf == "money":
        base = fmt.excel_money_format(spec.currency, spec.locale)
        prefix, _, suffix = base.partition("#,##0")
        if magnitude >= 1_000_000:
            digits, unit = "#,##0.0,,", "M"
        elif magnitude >= 100_000:
            digits, unit = "#,##0,", "K"
        else:
            digits, unit = "#,##0", ""
        if unit and suffix:
            suffix = '" ' + unit + " " + suffix.strip('"').strip() + '"'
        elif unit:
            suffix = f'"{unit}"'
        code = prefix + digits + suffix
    elif vf == "percent":
        code = '#,##0"%"' if magnitude >= 10 else '0.0"%"'
    elif vf == "share":
        code = "0%" if magnitude >= 0.1 else "0.0%"
    elif vf in ("score", "months"):
        code = "0" if whole and vf == "score" else "0.0"
    else:
        code = "#,##0" if magnitude >= 10 or whole else "#,##0.0"
    if signed:
        return f"+{code};-{code};{code}"
    return code


def nice_step(rough: float) -> float:
    """A round tick step (1, 2, 2.5 or 5 x a power of ten) at least ``rough``.

    >>> nice_step(47.2), nice_step(0.3), nice_step(180000)
    (50.0, 0.5, 200000.0)
    """
    if rough <= 0 or not math.isfinite(rough):
        return 1.0
    power = 10 ** math.floor(math.log10(rough))
    return next(m * power for m in (1.0, 2.0, 2.5, 5.0, 10.0) if m * power >= rough)


def label_text(spec: ChartSpec, value: float, *, signed: bool = False) -> str:
    """A value as people read it in the spec's format (compact money), for custom data labels.

    >>> label_text(ChartSpec("waterfall", "t", "a"), -30000, signed=True)
    '−$30K'
    """
    d = Decimal(str(round(value, 6)))
    vf = spec.value_format
    if vf == "money":
        text = fmt.compact_money(abs(d), spec.currency, spec.locale)
    elif vf == "percent":
        text = fmt.percent(abs(d), spec.locale)
    elif vf == "share":
        text = fmt.share(abs(d), spec.locale)
    elif vf == "months":
        text = fmt.months(abs(d), spec.locale)
    else:
        text = fmt.number(abs(d).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP) if vf == "score" else abs(d), spec.locale)
    if d < 0:
        return "−" + text
    return ("+" + text) if signed and d > 0 else text


def values(spec_values, count: int) -> list[float | None]:
    """A series' values as chart numbers, cut or padded with gaps to ``count`` categories.

    >>> values((Decimal(1), Decimal("NaN")), 3)
    [1.0, None, None]
    """
    vals = [number(v) for v in spec_values[:count]]
    return vals + [None] * (count - len(vals))


def all_whole(values) -> bool:
    """Whether every chart number (gaps ignored) is a whole number.

    >>> all_whole([1.0, 5.0, None]), all_whole([7.55, 4.8])
    (True, False)
    """
    return all(v is None or float(v).is_integer() for v in values)


def largest_abs(values) -> float:
    """The largest magnitude among chart numbers (gaps ignored), 0 when there are none."""
    finite = [abs(v) for v in values if v is not None]
    return max(finite, default=0.0)
