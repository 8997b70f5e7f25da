"""Each benefit formula is written once; the engine's Decimal result and the workbook's Excel formula agree on any inputs.

The Excel text is read back by a small evaluator of the arithmetic subset the
workbook writes (numbers, text, cells, ranges, ``+ - * / &``, comparisons,
``IF``, ``COUNT``, ``ISNUMBER``, ``ROUND``), computing in ``Decimal`` with
Excel's precedence and left-to-right order. Equal results on random inputs
mean the text computes what the engine computes, operation for operation.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from ldpitch.engine.finance import benefit_item
from ldpitch.pitch.benefits import TEMPLATES
from ldpitch.pitch.expression import Input
from ldpitch.pitch.model import BenefitLine
from ldpitch.workbook.formulas import MISSING_INPUT, counted_benefit_formula, money_digits, raw_benefit_formula

# --- a small Excel evaluator ---------------------------------------------------------------------

_TOKEN = re.compile(
    r'\s*(?:(?P<number>\d+(?:\.\d+)?)|(?P<text>"(?:[^"]|"")*")|(?P<range>\$?[A-Z]+\$?\d+:\$?[A-Z]+\$?\d+)'
    r"|(?P<cell>\$?[A-Z]+\$?\d+)|(?P<function>[A-Z]+)(?=\()|(?P<op><=|>=|<>|[-+*/&<>=(),]))"
)
_COMPARE = {"<": Decimal.__lt__, "<=": Decimal.__le__, ">": Decimal.__gt__, ">=": Decimal.__ge__,
            "=": lambda a, b: a == b, "<>": lambda a, b: a != b}


def _tokens(text: str) -> list[tuple[str, str]]:
    out, at = [], 0
    while at < len(text):
        m = _TOKEN.match(text, at)
        assert m and m.end() > at, f"cannot read {text[at:]!r}"
        out.append((m.lastgroup, m.group(m.lastgroup)))
        at = m.end()
    return out


def _address(ref: str) -> tuple[str, int]:
    m = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref)
    return m.group(1), int(m.group(2))


class _Excel:
    """Reads one formula over ``sheet`` (cell -> Decimal, text or None for a blank cell).

    Each part is read into a thunk and computed on demand, so ``IF`` computes
    only the branch it takes (as Excel does: the other may not be a number).
    """

    def __init__(self, formula: str, sheet: dict):
        self.tokens, self.at, self.sheet = _tokens(formula.removeprefix("=")), 0, sheet

    def result(self):
        value = self._compare()
        assert self.at == len(self.tokens), f"unread: {self.tokens[self.at:]}"
        return value()

    def _peek(self) -> str | None:
        return self.tokens[self.at][1] if self.at < len(self.tokens) else None

    def _take(self) -> tuple[str, str]:
        self.at += 1
        return self.tokens[self.at - 1]

    def _binary(self, operand, ops: dict):
        left = operand()
        while self._peek() in ops:
            op, right = ops[self._take()[1]], operand()
            left = (lambda op, a, b: lambda: op(a(), b()))(op, left, right)
        return left

    def _compare(self):
        return self._binary(self._concat, {k: (lambda f: lambda a, b: f(_number(a), _number(b)))(f) for k, f in _COMPARE.items()})

    def _concat(self):
        return self._binary(self._additive, {"&": lambda a, b: f"{a}{b}"})

    def _additive(self):
        return self._binary(self._term, {"+": lambda a, b: _number(a) + _number(b), "-": lambda a, b: _number(a) - _number(b)})

    def _term(self):
        return self._binary(self._unary, {"*": lambda a, b: _number(a) * _number(b), "/": lambda a, b: _number(a) / _number(b)})

    def _unary(self):
        if self._peek() == "-":
            self._take()
            operand = self._unary()
            return lambda: -_number(operand())
        return self._atom()

    def _atom(self):
        kind, text = self._take()
        if kind == "number":
            return lambda: Decimal(text)
        if kind == "text":
            return lambda: text[1:-1].replace('""', '"')
        if kind == "cell":
            return lambda: self.sheet.get(_address(text))
        if kind == "range":
            (col, first), (col_end, last) = (_address(r) for r in text.split(":"))
            assert col == col_end, "one column"
            return lambda: [self.sheet.get((col, row)) for row in range(first, last + 1)]
        if kind == "function":
            self._take()  # (
            args = [self._compare()]
            while self._take()[1] == ",":
                args.append(self._compare())
            return lambda: _FUNCTIONS[text](*args)
        assert text == "(", f"unexpected {text!r}"
        value = self._compare()
        assert self._take()[1] == ")"
        return value


def _number(value) -> Decimal:
    """A value in arithmetic: a blank cell counts 0, as in Excel."""
    if value is None:
        return Decimal(0)
    assert isinstance(value, Decimal), f"not a number: {value!r}"
    return value


def _round(value, digits) -> Decimal:
    """Excel's ROUND: half away from zero."""
    return _number(value()).quantize(Decimal(1).scaleb(-int(digits())), rounding=ROUND_HALF_UP)


#: Each function takes its arguments as thunks.
_FUNCTIONS = {
    "IF": lambda test, yes, no: yes() if test() else no(),
    "COUNT": lambda cells: Decimal(sum(isinstance(c, Decimal) for c in cells())),
    "ISNUMBER": lambda value: isinstance(value(), Decimal),
    "ROUND": _round,
}


def excel(formula: str, sheet: dict):
    """The value of an Excel ``formula`` over ``sheet``: {("B", 9): Decimal("3"), ...}."""
    return _Excel(formula, sheet).result()


def test_the_evaluator_reads_excel_precedence_and_functions():
    sheet = {("B", 1): Decimal(2), ("B", 2): Decimal(3), ("B", 3): None}
    assert excel("=B1+B2*2-(1-B1)", sheet) == Decimal(9)
    assert excel('=IF(COUNT(B1:B3)<3,"n/a: "&"missing",0)', sheet) == "n/a: missing"
    assert excel("=ROUND(B2/B1*-1,0)", sheet) == Decimal(-2)  # half away from zero, as Excel
    assert excel("=IF(ISNUMBER(B3),1,$B$2)", sheet) == Decimal(3)


# --- the property ---------------------------------------------------------------------------------

#: Any values at all: negative, large, with many decimals (the arithmetic alone, no pitch rules).
_ANY = st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=6, allow_nan=False, allow_infinity=False)

#: Values a pitch accepts, by the input's kind (a line whose product is too large is skipped).
_BY_KIND = {
    "count": st.integers(0, 5000).map(Decimal),
    "number": st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
    "money": st.decimals(min_value=0, max_value=200_000, places=2, allow_nan=False, allow_infinity=False),
    "share": st.decimals(min_value=0, max_value=1, places=4, allow_nan=False, allow_infinity=False),
}


def _cells(template_id: str) -> dict[str, str]:
    """Each input of the template in column B, one row each, from row 1."""
    return {i.name: f"B{n}" for n, i in enumerate(TEMPLATES[template_id].inputs, start=1)}


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_each_formula_computes_in_excel_exactly_what_the_engine_computes(template_id, data):
    t = TEMPLATES[template_id]
    values = {i.name: data.draw(_ANY, label=i.name) for i in t.inputs}
    cells = _cells(template_id)
    sheet = {_address(cells[name]): v for name, v in values.items()}
    assert excel(t.expression.excel(cells), sheet) == t.compute(values)


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
@settings(max_examples=100, deadline=None)
@given(data=st.data(), currency=st.sampled_from(["USD", "JPY", "KWD"]),
       factor=st.sampled_from([None, Decimal("0.8"), Decimal("1.2"), Decimal("0.333")]))
def test_the_workbooks_benefit_cells_hold_the_engines_raw_and_counted_benefit(template_id, data, currency, factor):
    t = TEMPLATES[template_id]
    given_inputs = {i.name: data.draw(_BY_KIND[i.kind], label=i.name) for i in t.inputs if data.draw(st.booleans(), label=f"{i.name} given")}
    try:
        line = BenefitLine(label="x", template=template_id, inputs=given_inputs,
                           attribution=data.draw(_BY_KIND["share"], label="attribution"),
                           confidence=data.draw(_BY_KIND["share"], label="confidence"))
    except ValidationError:
        reject()  # a product beyond what a pitch holds: the model refuses the line before any formula sees it
    item = benefit_item(line, currency, Decimal(1) if factor is None else factor)

    cells, digits = _cells(template_id), money_digits(currency)
    sheet = {_address(cells[name]): line.inputs.get(name) for name in cells}  # a cited default fills its cell
    sheet |= {("F", 1): factor, ("D", 1): None, ("E", 1): line.attribution, ("G", 1): line.confidence}
    raw = excel(raw_benefit_formula(template_id, cells, f"B1:B{len(cells)}", digits, None if factor is None else "F1"), sheet)
    assert raw == (MISSING_INPUT if item.raw is None else item.raw)

    sheet[("D", 1)] = raw
    assert excel(counted_benefit_formula("D1", "E1", "G1", digits), sheet) == item.counted


def test_a_formula_reads_in_words_with_brackets_where_the_tree_has_them():
    a, b, c = Input("a"), Input("b_c", "bee"), Input("c")
    assert (a - (b - c)).words() == "a - (bee - c)"
    assert ((a - b) - c).words() == "a - bee - c"
    assert (a / (b * c)).excel({"a": "A1", "b_c": "B1", "c": "C1"}) == "A1/(B1*C1)"
    assert (2 * a + 1).excel({"a": "A1"}) == "2*A1+1"


def test_each_template_reads_in_words_as_its_help_says():
    assert TEMPLATES["turnover_reduction"].formula == (
        "headcount x (turnover before - turnover after) x average salary x replacement cost share")
    assert TEMPLATES["safety_incidents_avoided"].formula == (
        "incidents avoided a year x direct cost per incident x (1 + indirect cost ratio)")


def test_a_formula_must_read_exactly_the_templates_inputs():
    t = TEMPLATES["errors_avoided"]
    with pytest.raises(ValueError, match="reads"):
        type(t)(t.id, t.title, t.help, Input("errors_avoided_per_year"), t.inputs, t.audiences)
