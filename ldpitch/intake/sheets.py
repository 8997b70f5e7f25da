"""A spreadsheet file's bytes -> one table of cells: CSV or text in any common encoding and delimiter, or an .xlsx sheet.

The header row is found even below a title block (a report's name, its
date); the rows below it are kept with their row numbers in the file, so a
problem can name the row the user sees. Nothing is ever evaluated: a cell
that starts with ``=``, ``+``, ``-`` or ``@`` is text. Files that are not a
spreadsheet, too large, macro-enabled, password-protected, empty or with merged
cells in the table are refused with ``SheetRefused`` saying what to do instead.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from ldpitch.errors import SheetRefused

#: The largest file read; a larger one is refused before it is read whole.
MAX_FILE_BYTES = 20_000_000
#: The most rows of a table read below its header.
MAX_ROWS = 100_000
#: The most bytes a workbook may unpack to (a zip bomb is refused, not unpacked).
_MAX_UNPACKED = 400_000_000
_HEADER_SCAN = 30
_DELIMITERS = (",", ";", "\t", "|")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_SHEETS = {b"%PDF": "a PDF document", b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
               b"\x1f\x8b": "a gzip archive", b"Rar!": "a RAR archive", b"7z\xbc\xaf": "a 7-Zip archive", b"{\\rtf": "an RTF document"}

Cell = object  # str, int, float, Decimal, datetime, bool or None: what the file holds


class Unsaved(str):
    """A workbook cell holding a formula saved without its value (written by a program, never opened in a spreadsheet).

    Its text is the formula; ldpitch never evaluates it, so it cannot be read as a number.
    """


@dataclass(frozen=True)
class Sheet:
    """One table read from a file: its header row and the rows below it, each with its row number in the file."""

    name: str
    headers: tuple[str, ...]
    rows: tuple[tuple[int, tuple[Cell, ...]], ...]
    header_row: int = 1
    sheet_names: tuple[str, ...] = ()
    kind: str = "CSV"

    def column(self, header: str) -> int:
        """The index of the column called ``header``."""
        return self.headers.index(header)


def check_size(size: int) -> None:
    """Refuse a file of ``size`` bytes that is too large to import, before reading it."""
    if size > MAX_FILE_BYTES:
        raise SheetRefused(f"This file is {size / 1e6:.1f} MB; a spreadsheet to import is at most {MAX_FILE_BYTES / 1e6:.0f} MB. "
                           "Export only the rows you need (one sheet, as CSV or .xlsx).")


def read_sheet(data: bytes, filename: str = "", sheet: str | None = None) -> Sheet:
    """The table in a .csv, .txt or .xlsx file's bytes, or ``SheetRefused`` saying why it cannot be imported.

    >>> s = read_sheet("Budget 2026\\n\\nItem;Amount\\nLaptops;1.200,50\\n".encode("utf-8-sig"), "budget.csv")
    >>> s.headers, s.header_row, s.rows
    (('Item', 'Amount'), 3, ((4, ('Laptops', '1.200,50')),))
    """
    check_size(len(data))
    if not data.strip():
        raise SheetRefused("This file is empty.")
    if data.startswith(b"PK\x03\x04"):
        return _workbook(data, sheet)
    if data.startswith(_OLE2):
        if "EncryptionInfo".encode("utf-16-le") in data[:1_000_000] or b"EncryptionInfo" in data[:1_000_000]:
            raise SheetRefused("This workbook is protected with a password, so it cannot be read. "
                               "Open it in Excel, remove the password (File > Info > Protect Workbook) and save it again.")
        raise SheetRefused("This is an old Excel 97-2003 (.xls) file or another Office document, which ldpitch does not read. "
                           "Save it as an Excel workbook (.xlsx) or as CSV and import that.")
    for magic, what in _NOT_SHEETS.items():
        if data.startswith(magic):
            raise SheetRefused(f"This file is {what}, not a spreadsheet: import a .csv, .txt or .xlsx file.")
    if filename.lower().endswith((".xlsx", ".xlsm", ".xls")):
        raise SheetRefused(f"'{filename}' is not an Excel workbook inside (it may be damaged): save it again from Excel, or as CSV.")
    return _text(data, filename)


# --- text files -----------------------------------------------------------------------------------


def _decoded(data: bytes) -> tuple[str, str]:
    """The text and the name of its encoding: a byte-order mark first, then UTF-16 by its zeros, UTF-8, Windows-1252."""
    for bom, encoding, name in ((codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
                                (codecs.BOM_UTF16_BE, "utf-16", "UTF-16")):
        if data.startswith(bom):
            return _decode(data, encoding), name
    head = data[:4000]
    if head.count(0):
        if head[1::2].count(0) > len(head) // 4:
            return _decode(data, "utf-16-le"), "UTF-16"
        if head[0::2].count(0) > len(head) // 4:
            return _decode(data, "utf-16-be"), "UTF-16"
        raise SheetRefused("This file is not a spreadsheet (it holds binary data): import a .csv, .txt or .xlsx file.")
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise SheetRefused(f"This file says it is {encoding.upper()} text but is not: save it again as CSV (UTF-8).") from None


def _text(data: bytes, filename: str) -> Sheet:
    text, encoding = _decoded(data)
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\t\r\n")
    if controls > 10:
        raise SheetRefused("This file is not a spreadsheet (it holds binary data): import a .csv, .txt or .xlsx file.")
    delimiter = _delimiter(text)
    rows: list[tuple[int, list[str]]] = []
    try:
        for number, cells in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1):
            rows.append((number, cells))
            if number > MAX_ROWS + _HEADER_SCAN:
                raise SheetRefused(f"This file has more than {MAX_ROWS:,} rows; import at most {MAX_ROWS:,} at a time.")
    except csv.Error as e:
        raise SheetRefused(f"Row {len(rows) + 1} of this file cannot be read as CSV ({e}).") from None
    named = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}[delimiter]
    return _table(rows, filename or "the file", (), f"CSV ({encoding}, {named}-separated)")


def _delimiter(text: str) -> str:
    """The delimiter that splits the first lines into the most rows of one width (a title block does not count)."""
    sample = "\n".join(text[:65536].splitlines()[:60])
    best, best_score = ",", (0, 0)
    for d in _DELIMITERS:
        widths = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=d) if any(c.strip() for c in r)]
        common = [w for w in widths if w > 1]
        if not common:
            continue
        mode = max(set(common), key=common.count)
        score = (common.count(mode), mode)
        if score > best_score:
            best, best_score = d, score
    return best


# --- workbooks ------------------------------------------------------------------------------------


def _workbook(data: bytes, wanted: str | None) -> Sheet:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile:
        raise SheetRefused("This workbook is damaged (it is not a complete .xlsx file): save it again from Excel.") from None
    if "xl/vbaProject.bin" in names:
        raise SheetRefused("This workbook has macros (.xlsm), which ldpitch never opens. "
                           "Save a copy as an Excel workbook (.xlsx, File > Save As) and import that.")
    if "xl/workbook.xml" not in names:
        what = ("a Word document" if "word/document.xml" in names else "a PowerPoint presentation" if "ppt/presentation.xml" in names
                else "a zip archive")
        raise SheetRefused(f"This file is {what}, not an Excel workbook: import a .csv, .txt or .xlsx file.")
    if unpacked > _MAX_UNPACKED:
        raise SheetRefused("This workbook unpacks to far more data than a budget or an export holds; export the rows you need as CSV.")
    import openpyxl  # read here only: a CSV import never loads it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file; each means the same to the user
        raise SheetRefused("This workbook cannot be read (it may be damaged): open it in Excel or LibreOffice and save it again.") from None
    try:
        sheets = [ws for ws in book.worksheets if hasattr(ws, "iter_rows")]
        titles = tuple(ws.title for ws in sheets)
        if wanted is not None:
            ws = next((s for s in sheets if s.title == wanted), None)
            if ws is None:
                raise SheetRefused(f"This workbook has no sheet called '{wanted}'; its sheets are: {', '.join(titles)}.")
            picked = [ws]
        else:
            picked = sheets
        first_refusal: SheetRefused | None = None
        for ws in picked:  # unless a sheet is named: the first sheet that holds a table (a "Read me" sheet is passed over)
            try:
                table = _table(_sheet_rows(ws), ws.title, titles, "Excel workbook")
                path = getattr(ws, "_worksheet_path", None)  # openpyxl's read-only sheets keep merges and formulas out of reach
                if path and path in names:
                    xml = archive.read(path)
                    _refuse_merged(xml, ws.title, table)
                    table = _with_unsaved_formulas(xml, table)
                return table
            except SheetRefused as e:
                first_refusal = first_refusal or e
    finally:
        book.close()
    raise first_refusal or SheetRefused("This workbook has no sheets.")


def _sheet_rows(ws) -> list[tuple[int, list[Cell]]]:
    rows = []
    for number, cells in enumerate(ws.iter_rows(), start=1):
        rows.append((number, [_shown(c) for c in cells]))
        if number > MAX_ROWS + _HEADER_SCAN:
            raise SheetRefused(f"The sheet '{ws.title}' has more than {MAX_ROWS:,} rows; import at most {MAX_ROWS:,} at a time.")
    return rows


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"')


def _refuse_merged(xml: bytes, title: str, table: Sheet) -> None:
    """Merged cells in the header or the rows below it hide which row a value belongs to: name the range and refuse."""
    for m in _MERGE.finditer(xml):
        first, last = int(m[2]), int(m[4] or m[2])
        if last >= table.header_row:
            where = f"{m[1].decode()}{first}:{(m[3] or m[1]).decode()}{last}"
            raise SheetRefused(f"The sheet '{title}' has merged cells ({where}) in its table, so their rows cannot be told apart. "
                               "Unmerge them (Home > Merge & Center), fill in each row, save and import again.")


_UNSAVED = re.compile(rb'<(?:\w+:)?c r="([A-Z]+)(\d+)"[^>]*>\s*<(?:\w+:)?f(?:\s[^>]*)?(?:/>|>([^<]*)</(?:\w+:)?f>)\s*'
                      rb'(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>')


def _with_unsaved_formulas(xml: bytes, table: Sheet) -> Sheet:
    """``table`` with each formula cell that has no saved value marked ``Unsaved`` (openpyxl reads it as empty)."""
    found = {}
    for m in _UNSAVED.finditer(xml):
        row = int(m[2])
        if row > table.header_row:
            found[(row, _column_index(m[1].decode()))] = Unsaved("=" + (m[3] or b"").decode("utf-8", "replace"))
    if not found:
        return table
    rows = tuple((n, tuple(found.get((n, i), c) if c is None else c for i, c in enumerate(cells))) for n, cells in table.rows)
    return Sheet(table.name, table.headers, rows, table.header_row, table.sheet_names, table.kind)


def _column_index(letters: str) -> int:
    """The 0-based index of a spreadsheet column: A -> 0, AB -> 27."""
    n = 0
    for c in letters:
        n = n * 26 + ord(c) - 64
    return n - 1


# --- the table ------------------------------------------------------------------------------------


def _filled(cell: Cell) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _is_label(cell: Cell) -> bool:
    return isinstance(cell, str) and bool(cell.strip()) and not re.fullmatch(r"[\s\d.,%$€£()+-]+", cell)


def header_index(rows: list[tuple[int, list[Cell]]]) -> int:
    """The index in ``rows`` of the header row: the first row of labels as wide as the table below, below any title block.

    >>> header_index([(1, ["Completions report"]), (2, []), (3, ["Learner", "Course", "Score"]), (4, ["Ann", "Safety", 90])])
    2
    """
    scan = rows[:_HEADER_SCAN + 20]
    widths = [sum(_filled(c) for c in cells) for _, cells in scan]
    widest = max(widths, default=0)
    need = max(2, -(-widest * 3 // 5)) if widest > 1 else 1
    for i, (_, cells) in enumerate(scan[:_HEADER_SCAN]):
        if widths[i] >= need and all(_is_label(c) for c in cells if _filled(c)):
            return i
    for i, width in enumerate(widths):  # no row of labels: the first filled row names the columns
        if width:
            return i
    return 0


def _table(rows: list[tuple[int, list[Cell]]], name: str, sheet_names: tuple[str, ...], kind: str) -> Sheet:
    if not any(any(_filled(c) for c in cells) for _, cells in rows):
        raise SheetRefused(f"'{name}' is empty: there is nothing to import." if sheet_names else "This file has no rows to import.")
    at = header_index(rows)
    header_number, header_cells = rows[at]
    body = [(n, cells) for n, cells in rows[at + 1:] if any(_filled(c) for c in cells)]
    if not body:
        raise SheetRefused(f"'{name}' has a header row (row {header_number}) but no rows below it to import.")
    width = max(len(header_cells), *(_last_filled(cells) for _, cells in body))
    headers: list[str] = []
    for i in range(width):
        cell = header_cells[i] if i < len(header_cells) else None
        title = base = " ".join(str(cell).split()) if _filled(cell) else f"Column {_letter(i)}"
        copies = 1
        while title in headers:  # two columns of one name: the second is "Amount (2)"
            copies += 1
            title = f"{base} ({copies})"
        headers.append(title)
    shaped = tuple((n, tuple(_text_cell(c) for c in cells[:width]) + (None,) * (width - len(cells))) for n, cells in body)
    return Sheet(name, tuple(headers), shaped, header_number, sheet_names, kind)


def _last_filled(cells: list[Cell]) -> int:
    return max((i + 1 for i, c in enumerate(cells) if _filled(c)), default=0)


def _shown(cell) -> Cell:
    """A workbook cell's value; a number Excel shows as a percentage comes as the text it shows ("28%").

    0.28 formatted as 28% is 28 percentage points to a plan that counts in
    "%", and 0.28 as a share: the text says both, as a CSV export would.
    """
    value = getattr(cell, "value", None)
    if isinstance(value, int | float) and not isinstance(value, bool) and "%" in (getattr(cell, "number_format", "") or ""):
        return f"{Decimal(repr(value)) * 100:f}%"
    return value


def _text_cell(cell: Cell) -> Cell:
    return cell.strip() if isinstance(cell, str) else cell


def _letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column: 0 -> A, 27 -> AB."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
