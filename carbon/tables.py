"""Reading user CSV tables and checking their columns, collecting every problem as an Issue.

Each check takes the whole table and returns the issues of its bad rows: no per-row Python work
except to describe a row that is wrong.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ConfigError, Issue

__all__ = ["csv_header", "read_small_csv", "MAX_HEADER_BYTES", "MAX_COLUMNS", "inside", "optional_table", "RowChecks", "read_table", "read_tables", "read_csv_table", "title_issue", "check_required", "issues_where", "to_number", "to_integer",
           "FILE", "ROW", "TABLE_SUFFIXES"]

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".parquet")

FILE, ROW = "_file", "_row"
MAX_HEADER_BYTES = 1 << 20   # a header row longer than this is not a header
MAX_COLUMNS = 16_384         # Excel's own column limit (XFD)
DEFAULT_MAX_BYTES = 200 * 10**6


def csv_header(path: Path, shown: str) -> tuple[list[str] | None, str, list[Issue]]:
    """The header of a CSV file: (column names, stripped and lower-cased; the header's text; issues).

    The header is parsed as CSV (a quoted name may hold a comma), read within :data:`MAX_HEADER_BYTES`;
    a name holding a line break, a header that does not end within the limit, a file that is empty,
    not UTF-8, not comma-separated or names a column twice is an issue (and names is None)."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            head = handle.read(MAX_HEADER_BYTES + 1)
        reader = csv.reader(io.StringIO(head))
        header = next(reader, [])
    except UnicodeDecodeError as exc:
        return None, "", [Issue(shown, expected=f"UTF-8 text ({exc.reason} at byte {exc.start}); "
                                                "save the file as CSV UTF-8")]
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            return None, "", [Issue(shown, row=1, expected=f"a header row of at most {MAX_HEADER_BYTES:,} bytes "
                                                           "naming the columns (this one is longer)")]
        return None, "", [Issue(shown, row=1, expected=f"a well-formed CSV header ({exc})")]
    first = head.split("\n", 1)[0]
    if not first.strip():
        return None, "", [Issue(shown, expected="a header row naming the columns (the file is empty or starts blank)")]
    if len(head) > MAX_HEADER_BYTES and "\n" not in head[:MAX_HEADER_BYTES]:
        return None, "", [Issue(shown, row=1, expected=f"a header row of at most {MAX_HEADER_BYTES:,} bytes naming "
                                                       "the columns (this one is longer)")]
    if any("\n" in h or "\r" in h for h in header):
        bad = next(h for h in header if "\n" in h or "\r" in h)
        return None, "", [Issue(shown, row=1, column="header", value=bad,
                                expected="column names on one line (a quoted name holds a line break)")]
    title = _title_row(head, header)
    if title is not None:
        return None, "", [title_issue(shown, first.strip(), title)]
    if len(header) == 1:
        for delimiter, name in ((";", "semicolon"), ("\t", "tab"), ("|", "pipe")):
            if delimiter in first:
                return None, "", [Issue(shown, row=1, column="header", value=first.strip(),
                                        expected=f"comma-separated columns; this file is {name}-separated (a "
                                                 "spreadsheet export with a decimal comma?). Save it as CSV with ',' "
                                                 "between columns and '.' as decimal point")]
    names = [h.strip().lower() for h in header]
    repeated = sorted({c for c in names if names.count(c) > 1})
    if repeated:
        return None, "", [Issue(shown, row=1, column="header", value=first.strip(),
                                expected=f"each column once; repeated: {', '.join(repeated)}")]
    return names, first, []


def read_small_csv(path: Path, shown: str, what: str, comment: str | None = None) -> pd.DataFrame:
    """A small table the inventory or the engine names (GWP, exchange rates, price index, uncertainty
    mapping) as text, header names stripped and lower-cased; ConfigError, naming the file and what
    was expected, when it cannot be read as one (empty, not UTF-8, malformed)."""
    def refuse(why: str) -> ConfigError:
        return ConfigError(f"{shown}: expected {what} as a UTF-8 CSV file with a header row ({why})")

    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise refuse(exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise refuse(f"not UTF-8: {exc.reason} at byte {exc.start}; save it as CSV UTF-8") from None
    if not text.strip():
        raise refuse("the file is empty")
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, comment=comment,
                            skipinitialspace=True, index_col=False)
    except pd.errors.EmptyDataError:
        raise refuse("the file holds no header row") from None
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        raise refuse(str(exc).strip()) from None
    table.columns = [str(c).strip().lower() for c in table.columns]
    return table.fillna("").astype(str).apply(lambda col: col.str.strip()) if len(table.columns) else table


def read_csv_table(path: Path, shown: str, max_bytes: int | None = None) -> tuple[pd.DataFrame | None, list[Issue]]:
    """Read a CSV as text (every cell a stripped string, header names lower-cased).

    Adds ``_file`` (``shown``) and ``_row`` (the record's row as a spreadsheet numbers it: header = 1,
    blank lines counted). Returns (None, issues) when the file cannot be read as a table: too large,
    empty, not UTF-8, not comma-separated, malformed.
    """
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        return None, [Issue(shown, expected=f"a file of at most {max_bytes / 1e6:,.0f} MB; it is {size / 1e6:,.0f} MB. "
                                            "Split it, or raise max_file_mb in inventory.toml if the machine "
                                            "has the memory (about 10x the file size)")]
    names, first, issues = csv_header(path, shown)
    if names is None:
        return None, issues
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                                skipinitialspace=True, skip_blank_lines=False, index_col=False)
    except pd.errors.EmptyDataError:
        return None, [Issue(shown, expected="a header row naming the columns (the file is empty)")]
    except UnicodeDecodeError as exc:
        return None, [Issue(shown, expected=f"UTF-8 text ({exc.reason} at byte {exc.start}); "
                                            "save the file as CSV UTF-8")]
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        return None, [Issue(shown, expected=f"a well-formed CSV table ({str(exc).strip()})")]
    if any(issubclass(w.category, pd.errors.ParserWarning) for w in caught):
        # rows longer than the header (pandas would cut them): each named, as the stream engine does
        too_long = _rows_with_extra_cells(path, len(names))
        if too_long:
            return None, [Issue(shown, row=r, expected=f"{len(names)} cells a row, as in the header; this row has {n}"
                                                       + (" (a trailing comma?)" if trailing else ""))
                          for r, n, trailing in too_long[:20]]
    if len(table.columns) != len(names):
        return None, [Issue(shown, row=1, expected=f"a well-formed CSV header ({len(names)} names read, "
                                                   f"{len(table.columns)} columns found)")]
    table.columns = names
    table = table.fillna("").astype(str).apply(lambda col: col.str.strip())
    table[FILE] = shown
    table[ROW] = np.arange(2, len(table) + 2, dtype=np.int64)
    blank = (table[names] == "").all(axis=1) if names else pd.Series(True, index=table.index)
    return table.loc[~blank].reset_index(drop=True), []


def _title_row(head: str, header: list[str]) -> int | None:
    """The row number of the real header when row 1 holds a single cell of text (a title) and a later row
    among the next few names several columns; else None. ``head``: the start of the file."""
    if sum(1 for h in header if h.strip()) != 1:
        return None
    try:
        rows = [row for _, row in zip(range(6), csv.reader(io.StringIO(head)))]
    except csv.Error:
        return None
    return _title_among(header, rows[1:], range(2, len(rows) + 1))


def _title_among(header: list, rows: list[list[str]], numbers) -> int | None:
    """The row number of the real header among the first rows below a one-cell title row, or None."""
    if sum(1 for h in header if str(h).strip()) != 1:
        return None
    for number, row in zip(numbers, rows[:5]):
        cells = [c for c in row if str(c).strip()]
        if len(cells) >= 2 and all(not _is_number(c) for c in cells):
            return number
        if cells:
            return None
    return None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def title_issue(shown: str, value: str, header_row: int) -> Issue:
    """One issue for a file whose first row is a title above the header."""
    return Issue(shown, 1, None, "header", value, f"the header in row 1: row 1 looks like a title; the header seems "
                                                  f"to be row {header_row}: delete the rows above it")


def _rows_with_extra_cells(path: Path, width: int) -> list[tuple[int, int, bool]]:
    """(row, cells, only empty cells beyond the header) of the rows longer than the header's ``width``
    (an error path: read again with the csv module, rows numbered as a spreadsheet does)."""
    found = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        for row, cells in enumerate(reader, start=2):
            if len(cells) > width:
                found.append((row, len(cells), not any(c.strip() for c in cells[width:])))
    return found


def _header(header: list, shown: str) -> tuple[list[str], Issue | None]:
    """The column names of a sheet or Parquet file (lower-cased), or the problem with them."""
    names = [str(h).strip().lower() for h in header]
    if not any(names):
        return names, Issue(shown, expected="a header row naming the columns (the first row is empty)")
    repeated = sorted({c for c in names if c and names.count(c) > 1})
    if repeated:
        return names, Issue(shown, row=1, column="header", value=",".join(names),
                            expected=f"each column once; repeated: {', '.join(repeated)}")
    return names, None


def _finish(rows: list[list[str]], header: list[str], numbers: list[int], shown: str) -> tuple[pd.DataFrame | None, list[Issue]]:
    """A table from text rows with their spreadsheet row numbers; the same checks as for CSV."""
    title = _title_among(header, rows, numbers)
    if title is not None:
        return None, [title_issue(shown, ",".join(str(h) for h in header).strip(",").strip(), title)]
    names, problem = _header(header, shown)
    if problem:
        return None, [problem]
    width = len(names)
    too_long = [n for r, n in zip(rows, numbers) if any(v.strip() for v in r[width:])]
    if too_long:
        return None, [Issue(shown, row=too_long[0], expected=f"at most {width} cells a row (the header has {width})")]
    table = pd.DataFrame([(r + [""] * width)[:width] for r in rows], columns=names, dtype=str)
    table = table.apply(lambda col: col.str.strip()) if len(table) else table
    table[FILE] = shown
    table[ROW] = np.asarray(numbers, dtype=np.int64)
    blank = (table[names] == "").all(axis=1) if len(table) else pd.Series(dtype=bool)
    return table.loc[~blank].reset_index(drop=True), []


def _cell(value) -> str:
    """A spreadsheet or Parquet value as the text a CSV would hold."""
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _text_column(column):
    """A typed Arrow column as the text a CSV would hold (as :func:`_cell` gives, cell by cell), in
    one vectorised step: strings trimmed, booleans yes/no, numbers in their shortest exact form
    (``5.0`` -> ``5``), missing values and NaN blank."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = column.type
    if pa.types.is_dictionary(kind):
        column, kind = column.cast(kind.value_type), kind.value_type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        text = pc.utf8_trim_whitespace(column.cast(pa.string()))
    elif pa.types.is_boolean(kind):
        text = pc.if_else(column, "yes", "no")
    elif pa.types.is_integer(kind) or pa.types.is_decimal(kind):
        text = column.cast(pa.string())
    elif pa.types.is_floating(kind):
        text = pc.if_else(pc.is_nan(column), pa.scalar(None, pa.string()), column.cast(pa.string()))
    else:  # dates, times and anything rarer: cell by cell
        text = pa.array([_cell(v).strip() for v in column.to_pylist()], pa.string())
    return pd.array(pc.fill_null(text, ""), dtype=pd.StringDtype("pyarrow", na_value=np.nan))


def _finish_columns(columns: list, header: list[str], n: int, shown: str) -> tuple[pd.DataFrame | None, list[Issue]]:
    """A table from text columns (rows numbered 2, 3, ... as a spreadsheet would); the same checks
    as :func:`_finish`."""
    names, problem = _header(header, shown)
    if problem:
        return None, [problem]
    table = pd.DataFrame(dict(enumerate(columns)), index=pd.RangeIndex(n))
    table.columns = names
    table[FILE] = shown
    table[ROW] = np.arange(2, n + 2, dtype=np.int64)
    blank = (table[names] == "").all(axis=1) if n else pd.Series(dtype=bool)
    return table.loc[~blank].reset_index(drop=True), []


def _unpacked_size(path: Path) -> int | str:
    """The bytes an .xlsx unpacks to (the sum its zip directory declares; reads stop there), or why
    it is not a zip file."""
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        return f"not a zip archive: {exc}"


def _sheet_cells(sheet):
    """(row number, {column number: value}) of each row holding a cell, straight from the sheet's XML:
    the declared dimension is ignored and no row is padded, so a sheet costs what its cells cost."""
    from openpyxl.worksheet._reader import WorkSheetParser

    book = sheet.parent
    with sheet._get_source() as source:
        parser = WorkSheetParser(source, sheet._shared_strings, data_only=True, epoch=book.epoch,
                                 date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        for number, cells in parser.parse():
            yield number, {c["column"]: c["value"] for c in cells if c["value"] is not None}


def _read_sheet(sheet, shown: str) -> tuple[pd.DataFrame | None, list[Issue]] | None:
    """One sheet as a text table, or None when it holds no text: row 1 is the header, rows keep the
    sheet's numbers; a cell right of the header's last name is an issue, found without padding rows."""
    header: dict[int, str] = {}
    body, numbers, beyond = [], [], None
    first: list[tuple[int, list[str]]] = []  # the first rows in full: a title row above the header shows there
    width = 0
    for number, cells in _sheet_cells(sheet):
        texts = {c: t for c, t in ((c, _cell(v)) for c, v in cells.items()) if t.strip()}
        if number == 1:
            header = {c: t for c, t in texts.items() if c <= MAX_COLUMNS}
            width = max(header, default=0)
            continue
        if not texts:
            continue
        if len(first) < 5:
            first.append((number, list(texts.values())))
        if beyond is None and max(texts) > width:
            beyond = number
        body.append([texts.get(c, "") for c in range(1, width + 1)])
        numbers.append(number)
    if not header and not body:
        return None  # an empty sheet holds no table
    title = _title_among(list(header.values()), [r for _, r in first], [n for n, _ in first])
    if title is not None:
        return None, [title_issue(shown, ",".join(header.values()), title)]
    if beyond is not None and width:
        return None, [Issue(shown, row=beyond, expected=f"at most {width} cells a row (the header has {width})")]
    return _finish(body, [header.get(c, "") for c in range(1, width + 1)], numbers, shown)


def read_tables(path: Path, shown: str, max_bytes: int | None = None,
                sheet: str | None = None) -> list[tuple[pd.DataFrame | None, list[Issue]]]:
    """Read a CSV, Excel (.xlsx: every non-empty sheet, or the one named) or Parquet file as text
    tables, with the same checks and row numbering as :func:`read_csv_table`."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return [read_csv_table(path, shown, max_bytes)]
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        return [read_csv_table(path, shown, max_bytes)]  # the same size message
    if suffix in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        unpacked = _unpacked_size(path)
        limit = max_bytes if max_bytes is not None else DEFAULT_MAX_BYTES
        if isinstance(unpacked, str):
            return [(None, [Issue(shown, expected=f"an Excel workbook (.xlsx) ({unpacked})")])]
        if unpacked > limit:
            return [(None, [Issue(shown, expected=f"a workbook that unpacks to at most {limit / 1e6:,.6g} MB; this one "
                                                  f"unpacks to {unpacked / 1e6:,.6g} MB. Split it, save it as CSV, or "
                                                  "raise max_file_mb in inventory.toml")])]
        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises assorted errors on files that are not workbooks
            return [(None, [Issue(shown, expected=f"an Excel workbook (.xlsx) ({type(exc).__name__}: {exc})")])]
        names = book.sheetnames
        if sheet is not None and sheet not in names:
            book.close()
            return [(None, [Issue(shown, expected=f"a sheet named '{sheet}' (the workbook has: {', '.join(names)})")])]
        out = []
        try:
            for name in [sheet] if sheet else names:
                table = _read_sheet(book[name], f"{shown}[{name}]")
                if table is not None:
                    out.append(table)
        except Exception as exc:  # malformed sheet XML
            out = [(None, [Issue(shown, expected=f"an Excel workbook (.xlsx) ({type(exc).__name__}: {exc})")])]
        finally:
            book.close()
        return out or [(None, [Issue(shown, expected="a sheet with a header row (the workbook is empty)")])]
    if suffix == ".parquet":
        import pyarrow.parquet as pq

        try:
            parquet = pq.read_table(path)
        except Exception as exc:  # pyarrow raises assorted errors on files that are not Parquet
            return [(None, [Issue(shown, expected=f"a Parquet file ({type(exc).__name__}: {exc})")])]
        columns = [_text_column(parquet.column(i)) for i in range(parquet.num_columns)]
        return [_finish_columns(columns, parquet.column_names, parquet.num_rows, shown)]
    return [(None, [Issue(shown, expected=f"a .csv, .xlsx or .parquet file; '{suffix}' is not read")])]


def read_table(path: Path, shown: str, max_bytes: int | None = None) -> tuple[pd.DataFrame | None, list[Issue]]:
    """One table from a CSV, Parquet or Excel file; ``path`` may name a sheet: ``book.xlsx#Credits``
    (default: the workbook's first non-empty sheet)."""
    sheet = None
    if "#" in path.name:
        name, sheet = path.name.split("#", 1)
        path = path.with_name(name)
    if not path.is_file():
        return None, [Issue(shown, expected="an existing file (not found)")]
    return read_tables(path, shown, max_bytes, sheet)[0]


def check_required(table: pd.DataFrame, shown: str, required: list[str]) -> list[Issue]:
    """One issue naming every required column the header lacks."""
    missing = [c for c in required if c not in table.columns]
    if not missing:
        return []
    return [Issue(shown, row=1, column="header", value=",".join(c for c in table.columns if not c.startswith("_")),
                  expected=f"the column(s) {', '.join(missing)} (required: {', '.join(required)})")]


def issues_where(table: pd.DataFrame, mask: pd.Series, column: str | None, expected: str,
                 id_column: str | None = "record_id") -> list[Issue]:
    """An Issue for each row where ``mask`` is true, quoting the row's value of ``column``."""
    bad = table.loc[mask.fillna(False).astype(bool)]
    ids = bad[id_column] if id_column and id_column in bad.columns else pd.Series([None] * len(bad), index=bad.index)
    values = bad[column] if column and column in bad.columns else pd.Series([None] * len(bad), index=bad.index)
    return [Issue(str(f), int(r), i or None, column, None if v is None else str(v), expected)
            for f, r, i, v in zip(bad[FILE], bad[ROW], ids, values)]


def to_number(text: pd.Series) -> pd.Series:
    """Parse decimal text to float64; anything that is not a plain finite number becomes NaN."""
    values = pd.to_numeric(text.where(text != ""), errors="coerce").astype("float64")
    values = values.where(~text.str.lower().str.strip().isin(["nan", "inf", "-inf", "+inf", "infinity"]))
    return values.where(np.isfinite(values))


def to_integer(text: pd.Series) -> pd.Series:
    """Parse whole numbers written as such (``2020``, ``2020.0`` as a spreadsheet may save it); anything
    else becomes <NA>, exponent forms included (``2.02e3``, ``1e1`` are refused, never read as 2020 or 10)."""
    plain = text.astype(str).str.strip().str.fullmatch(r"[+-]?\d{1,15}(\.0*)?")
    values = to_number(text.where(plain.fillna(False).astype(bool), ""))
    whole = values.where(values == np.floor(values))
    return whole.astype("Int64")


def file_part(path: Path) -> Path:
    """The file of a table reference: ``book.xlsx#Credits`` -> ``book.xlsx`` (a sheet is named after ``#``)."""
    return path.with_name(path.name.split("#", 1)[0]) if "#" in path.name else path


def inside(root: Path, relative: str, what: str) -> Path:
    """``root/relative``, refused when it leads outside the inventory folder (``..``, absolute paths,
    links, at any depth). The one confinement rule for every file an inventory names; nothing outside
    is read, so no message can quote it. A ``#Sheet`` suffix is kept on the returned path."""
    given = root / relative
    target = file_part(given).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ConfigError(f"{root / 'inventory.toml'}: {what} '{relative}' points outside the inventory folder; "
                          "keep inventory files inside it (or name a shipped factor set)")
    sheet = given.name[len(file_part(given).name):]  # '#Credits' or ''
    return target.with_name(target.name + sheet) if sheet else target


def optional_table(root: Path, name: str | None, default: str, what: str,
                   max_bytes: int = 10**8) -> tuple[pd.DataFrame | None, str | None, list[Issue]]:
    """The table an inventory names (``name``), or ``default`` when the folder has that file; neither:
    (None, None, []). A name that does not exist is an issue, not a silent skip."""
    if name is None:
        if not (root / default).is_file():
            return None, None, []
        name = default
    path = inside(root, name, what)
    if not path.with_name(path.name.split("#")[0]).is_file():
        return None, name, [Issue(name, expected=f"the {what} named in inventory.toml (not found)")]
    table, issues = read_table(path, name, max_bytes)
    return table, name, issues


class RowChecks:
    """Collects the issues of a table's bad rows, check by check: ``check(mask, column, expected)``;
    ``bad`` marks every row that failed one, ``issues`` says why."""

    def __init__(self, table: pd.DataFrame, id_column: str | None = "record_id"):
        self.table, self.id_column = table, id_column
        self.issues: list[Issue] = []
        self.bad = pd.Series(False, index=table.index)

    def __call__(self, mask: pd.Series, column: str | None, expected: str) -> None:
        mask = mask.fillna(False).astype(bool)
        self.issues.extend(issues_where(self.table, mask, column, expected, id_column=self.id_column))
        self.bad |= mask
