"""How a package shows its front: the names other packages may use, each loaded from its module on first use.

A front is read on first use rather than imported eagerly because the core's
packages fence heavy libraries (python-pptx, Altair with pandas, SQLAlchemy):
``from ldpitch.charts import ChartSpec`` must not load Altair, and ``python -m
ldpitch evaluate`` must not load python-pptx. Python's own module
``__getattr__`` (PEP 562) does this in a few lines, so no lazy-import library
is needed. Each package's ``__init__`` lists its front once, as a mapping of
name to module, and ``__all__`` is that mapping's keys, sorted.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable


def front(package: str, names: dict[str, str]) -> tuple[list[str], Callable[[str], object], Callable[[], list[str]]]:
    """``__all__``, ``__getattr__`` and ``__dir__`` for ``package``, whose public ``names`` live in the given modules.

    A module is named relative to the package (``"model"``, ``"pptx.writer"``);
    a name mapped to ``""`` is the submodule of that name itself.

    >>> all_, getattr_, dir_ = front("ldpitch.pitch", {"Pitch": "model", "examples": ""})
    >>> all_
    ['Pitch', 'examples']
    >>> getattr_("Pitch").__name__
    'Pitch'
    """

    def getattr_(name: str) -> object:
        try:
            module = names[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = importlib.import_module(f"{package}.{name}") if not module else getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)  # found once: later lookups are plain attribute reads
        return value

    def dir_() -> list[str]:
        return sorted(names)

    return sorted(names), getattr_, dir_
