"""Writing workbook cells safely: user text always as text, formulas always with the engine's result cached.

Every sheet of the workbook writes through a :class:`Sheet`, which is the only
place that calls XlsxWriter's ``write_*`` methods. Two rules live here:

- text is written with ``write_string``, never ``write``; text that a
  spreadsheet would read as a formula if retyped (it starts with ``=``, ``+``,
  ``-``, ``@``, a tab or a carriage return) also gets Excel's quote prefix, so
  editing the cell keeps it text (spreadsheet formula injection, OWASP "CSV
  Injection");
- a formula is written with its cached value: the figure the ldpitch engine
  computed, so viewers that never recalculate still show the right numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from ldpitch.engine import Undefined

#: Characters that make a spreadsheet treat typed text as a formula.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

#: The Excel number format of each kind of figure (money formats come from the pitch's currency).
NUMBER_FORMATS = {
    "share": "0.0#%",
    "break_even": "0.00%",
    "ratio": "0.00",
    "roi": '0.0"%"',
    "months": "0.0",
    "year": '"Year "0',
    "count": "#,##0",
    "number": "General",
    "flag": "0",
    "date": "yyyy-mm-dd",
}

_INPUT = {"font_color": "#1F4E79", "bg_color": "#FFF2CC", "border": 1, "border_color": "#BFBFBF"}
_STYLES = {
    "title": {"bold": True, "font_size": 14},
    "subtitle": {"italic": True, "font_color": "#595959"},
    "section": {"bold": True, "font_size": 12, "font_color": "#1F4E79"},
    "header": {"bold": True, "bg_color": "#D9E1F2", "bottom": 1, "text_wrap": True, "valign": "top"},
    "note": {"font_color": "#404040"},
    "text": {},
    "bold": {"bold": True},
    "total": {"bold": True, "top": 1},
    "year": {"align": "left"},
}


def is_risky_text(text: str) -> bool:
    """Whether a spreadsheet would turn ``text`` into a formula if someone retyped it.

    >>> is_risky_text("=HYPERLINK(1)"), is_risky_text("-2"), is_risky_text("Sales uplift")
    (True, True, False)
    """
    return text.startswith(FORMULA_TRIGGERS)


def quote(text: str) -> str:
    """``text`` as an Excel string literal inside a formula.

    >>> quote('a "b" c')
    '"a ""b"" c"'
    """
    return '"' + text.replace('"', '""') + '"'


def ref(sheet: str, row: int, col: int) -> str:
    """An absolute reference to a cell of another sheet, as formulas across sheets use it.

    >>> ref("Inputs", 4, 1)
    'Inputs!$B$5'
    """
    return f"{sheet}!{xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"


def cell(row: int, col: int, *, absolute: bool = False) -> str:
    """A reference to a cell of the same sheet.

    >>> cell(4, 1), cell(4, 1, absolute=True)
    ('B5', '$B$5')
    """
    return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)


def cached(value: object) -> object:
    """A value XlsxWriter stores as a formula's cached result.

    Money and ratios are exact ``Decimal`` in the engine; the file stores a double,
    the nearest one to the exact figure. An ``Undefined`` figure reads "n/a: <why>",
    like the formula's own text result; a missing value is an empty result.

    >>> cached(Decimal("120000.10")), cached(Undefined("no costs entered")), cached(None)
    (120000.1, 'n/a: no costs entered', '')
    """
    if isinstance(value, Undefined):
        return f"n/a: {value.reason}"
    if isinstance(value, Decimal):
        return float(value)
    if value is None:
        return ""
    return value


@dataclass
class Styles:
    """The workbook's cell formats, made once per workbook on first use.

    A style is a name from ``_STYLES`` or ``NUMBER_FORMATS`` (or ``money``), with
    ``input=True`` for cells a reader is invited to change and ``bold`` for totals.
    """

    book: Workbook
    money_format: str
    _made: dict = field(default_factory=dict)

    def get(self, name: str = "text", *, input: bool = False, bold: bool = False, quote_prefix: bool = False):
        key = (name, input, bold, quote_prefix)
        if key not in self._made:
            props = dict(_STYLES.get(name, {}))
            if name == "money":
                props["num_format"] = self.money_format
            elif name in NUMBER_FORMATS:
                props["num_format"] = NUMBER_FORMATS[name]
            if input:
                props.update(_INPUT)
            if bold:
                props.update(_STYLES["total"])
            if quote_prefix:
                props["quote_prefix"] = True
            self._made[key] = self.book.add_format(props)
        return self._made[key]


@dataclass
class Sheet:
    """One worksheet and the only writer of its cells."""

    ws: Worksheet
    styles: Styles

    @property
    def name(self) -> str:
        return self.ws.get_name()

    def text(self, row: int, col: int, value: str, style: str = "text", **kw) -> None:
        """Text, always as a string cell (never parsed as a formula, number or link)."""
        fmt = self.styles.get(style, quote_prefix=is_risky_text(value), **kw)
        if value:
            self.ws.write_string(row, col, value, fmt)
        else:
            self.ws.write_blank(row, col, None, fmt)

    def number(self, row: int, col: int, value: Decimal | int | None, style: str = "number", **kw) -> None:
        """A number (a blank cell when the value is missing, so a formula can see it is missing)."""
        fmt = self.styles.get(style, **kw)
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
        else:
            self.ws.write_number(row, col, float(value), fmt)

    def formula(self, row: int, col: int, formula: str, value: object, style: str = "number", **kw) -> None:
        """A live formula with the engine's own result cached beside it."""
        self.ws.write_formula(row, col, formula, self.styles.get(style, **kw), cached(value))

    def header(self, row: int, col: int, titles: list[str]) -> None:
        """A row of column titles."""
        for i, title in enumerate(titles):
            self.text(row, col + i, title, "header")

    def ref(self, row: int, col: int) -> str:
        """An absolute reference to one of this sheet's cells, for formulas on other sheets."""
        return ref(self.name, row, col)

    def define_name(self, name: str, row: int, col: int) -> None:
        """Name one of this sheet's cells for the whole workbook (``=NPV(DiscountRate, ...)``)."""
        self.styles.book.define_name(name, f"={self.ref(row, col)}")
