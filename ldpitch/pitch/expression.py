"""A benefit formula written once, as a tiny expression: computed exactly, written as Excel, read as words.

A template's formula is built from ``Input`` terms with Python's own
operators (``+ - * /``), so the tree has Python's precedence and left-to-right
order: ``Input("a") * (Input("b") - Input("c"))``. From that one tree come

- ``value``: the exact ``Decimal`` result, each operation in the tree's order
  (the engine's raw benefit, before any rounding);
- ``excel``: the same arithmetic as an Excel formula over the inputs' cells,
  with a bracket wherever the tree has one (the workbook's live formula);
- ``numeric``: the same arithmetic over floats or numpy arrays (the simulation);
- ``words``: the formula as people read it (``a x (b - c)``), for the app,
  the deck's notes and the workbook.

>>> f = Input("people") * Input("hours_saved_per_week", "hours saved a week") * (1 + Input("extra"))
>>> f.value({"people": Decimal(3), "hours_saved_per_week": Decimal("1.5"), "extra": Decimal("0.1")})
Decimal('4.95')
>>> f.excel({"people": "B9", "hours_saved_per_week": "B10", "extra": "B11"})
'B9*B10*(1+B11)'
>>> f.words()
'people x hours saved a week x (1 + extra)'
>>> f.names()
('people', 'hours_saved_per_week', 'extra')
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

#: Each operator: how Python computes it, how it reads in words, and its precedence.
_OPERATORS: dict[str, tuple[Callable[[Decimal, Decimal], Decimal], str, int]] = {
    "+": (operator.add, "+", 1),
    "-": (operator.sub, "-", 1),
    "*": (operator.mul, "x", 2),
    "/": (operator.truediv, "/", 2),
}
_ATOM = 3  # an input or a number never needs a bracket


class Expression:
    """A node of a formula; combine nodes with ``+ - * /`` (plain numbers become ``Number``)."""

    def value(self, inputs: Mapping[str, Decimal]) -> Decimal:
        """The exact result over ``inputs`` (every input must be given)."""
        raise NotImplementedError

    def excel(self, cells: Mapping[str, str]) -> str:
        """The formula in Excel's syntax, each input replaced by its cell (no leading ``=``)."""
        return self._render(lambda term: cells[term.name], lambda symbol: symbol)

    def words(self) -> str:
        """The formula as people read it: ``x`` for times, spaces around each operator."""
        return self._render(lambda term: term.said, lambda symbol: f" {_OPERATORS[symbol][1]} ")

    def names(self) -> tuple[str, ...]:
        """The inputs the formula reads, in order of first appearance."""
        raise NotImplementedError

    def numeric(self, inputs: Mapping[str, Any]) -> Any:
        """The same arithmetic over floats or numpy arrays (the simulation's trials); constants become floats."""
        raise NotImplementedError

    def _render(self, term: Callable[[Input], str], op: Callable[[str], str]) -> str:
        raise NotImplementedError

    @property
    def _precedence(self) -> int:
        return _ATOM

    def __add__(self, other: Expression | int | Decimal) -> Expression:
        return Operation("+", self, _node(other))

    def __radd__(self, other: int | Decimal) -> Expression:
        return Operation("+", _node(other), self)

    def __sub__(self, other: Expression | int | Decimal) -> Expression:
        return Operation("-", self, _node(other))

    def __rsub__(self, other: int | Decimal) -> Expression:
        return Operation("-", _node(other), self)

    def __mul__(self, other: Expression | int | Decimal) -> Expression:
        return Operation("*", self, _node(other))

    def __rmul__(self, other: int | Decimal) -> Expression:
        return Operation("*", _node(other), self)

    def __truediv__(self, other: Expression | int | Decimal) -> Expression:
        return Operation("/", self, _node(other))

    def __rtruediv__(self, other: int | Decimal) -> Expression:
        return Operation("/", _node(other), self)


def _node(x: Expression | int | Decimal) -> Expression:
    return x if isinstance(x, Expression) else Number(Decimal(x))


@dataclass(frozen=True, eq=False)
class Input(Expression):
    """An input of the formula by its name; ``said`` is how it reads in words (default: the name with spaces)."""

    name: str
    said: str = ""

    def __post_init__(self) -> None:
        if not self.said:
            object.__setattr__(self, "said", self.name.replace("_", " "))

    def value(self, inputs: Mapping[str, Decimal]) -> Decimal:
        return inputs[self.name]

    def numeric(self, inputs: Mapping[str, Any]) -> Any:
        return inputs[self.name]

    def names(self) -> tuple[str, ...]:
        return (self.name,)

    def _render(self, term: Callable[[Input], str], op: Callable[[str], str]) -> str:
        return term(self)


@dataclass(frozen=True, eq=False)
class Number(Expression):
    """A constant, such as the 1 in ``1 + indirect cost ratio``."""

    number: Decimal

    def value(self, inputs: Mapping[str, Decimal]) -> Decimal:
        return self.number

    def numeric(self, inputs: Mapping[str, Any]) -> Any:
        return float(self.number)

    def names(self) -> tuple[str, ...]:
        return ()

    def _render(self, term: Callable[[Input], str], op: Callable[[str], str]) -> str:
        return format(self.number, "f")


@dataclass(frozen=True, eq=False)
class Operation(Expression):
    """``left <symbol> right`` for one of ``+ - * /``."""

    symbol: str
    left: Expression
    right: Expression

    def value(self, inputs: Mapping[str, Decimal]) -> Decimal:
        return _OPERATORS[self.symbol][0](self.left.value(inputs), self.right.value(inputs))

    def numeric(self, inputs: Mapping[str, Any]) -> Any:
        return _OPERATORS[self.symbol][0](self.left.numeric(inputs), self.right.numeric(inputs))

    def names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(self.left.names() + self.right.names()))

    @property
    def _precedence(self) -> int:
        return _OPERATORS[self.symbol][2]

    def _render(self, term: Callable[[Input], str], op: Callable[[str], str]) -> str:
        # A bracket wherever the tree has one: a looser left operand, or a right operand that is
        # not tighter (a - (b - c), a * (b * c)), so the text computes in the tree's own order.
        left = self.left._render(term, op)
        right = self.right._render(term, op)
        if self.left._precedence < self._precedence:
            left = f"({left})"
        if self.right._precedence <= self._precedence:
            right = f"({right})"
        return f"{left}{op(self.symbol)}{right}"
