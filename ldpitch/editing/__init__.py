"""What people type -> a new Pitch: parsing typed values, rows of edited tables, the tables themselves, ranges and evidence (imports pitch and engine)."""

from ldpitch.fronts import front

__all__, __getattr__, __dir__ = front(__name__, {
    "Column": "rows",
    "EditError": "parse",
    "KEY": "rows",
    "MoneyInputError": "parse",
    "PROBLEM": "rows",
    "Table": "rows",
    "parse": "",
    "parse_money": "parse",
    "ranges": "",
    "tables": "",
})
