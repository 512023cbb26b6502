"""Reading user CSV tables and checking their columns, collecting every problem as an Issue.

Each check takes the whole table and returns the issues of its bad rows: no per-row Python work
except to describe a row that is wrong.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ConfigError, Issue

__all__ = ["inside", "optional_table", "RowChecks", "read_table", "read_tables", "read_csv_table", "check_required", "issues_where", "to_number", "to_integer",
           "FILE", "ROW", "TABLE_SUFFIXES"]

TABLE_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".parquet")

FILE, ROW = "_file", "_row"


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
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            first = handle.readline(1 << 20)
        header = next(csv.reader([first]), [])
    except UnicodeDecodeError as exc:
        return None, [Issue(shown, expected=f"UTF-8 text ({exc.reason} at byte {exc.start}); "
                                            "save the file as CSV UTF-8")]
    except csv.Error as exc:
        return None, [Issue(shown, row=1, expected=f"a well-formed CSV header ({exc})")]
    if not first.strip():
        return None, [Issue(shown, expected="a header row naming the columns (the file is empty or starts blank)")]
    if len(header) == 1:
        for delimiter, name in ((";", "semicolon"), ("\t", "tab"), ("|", "pipe")):
            if delimiter in first:
                return None, [Issue(shown, row=1, column="header", value=first.strip(),
                                    expected=f"comma-separated columns; this file is {name}-separated (a "
                                             "spreadsheet export with a decimal comma?). Save it as CSV with ',' "
                                             "between columns and '.' as decimal point")]
    names = [h.strip().lower() for h in header]
    repeated = sorted({c for c in names if names.count(c) > 1})
    if repeated:
        return None, [Issue(shown, row=1, column="header", value=first.strip(),
                            expected=f"each column once; repeated: {', '.join(repeated)}")]
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig",
                            skipinitialspace=True, skip_blank_lines=False)
    except pd.errors.EmptyDataError:
        return None, [Issue(shown, expected="a header row naming the columns (the file is empty)")]
    except UnicodeDecodeError as exc:
        return None, [Issue(shown, expected=f"UTF-8 text ({exc.reason} at byte {exc.start}); "
                                            "save the file as CSV UTF-8")]
    except (pd.errors.ParserError, csv.Error, ValueError) as exc:
        return None, [Issue(shown, expected=f"a well-formed CSV table ({str(exc).strip()})")]
    table.columns = names
    table = table.fillna("").astype(str).apply(lambda col: col.str.strip())
    table[FILE] = shown
    table[ROW] = np.arange(2, len(table) + 2, dtype=np.int64)
    blank = (table[names] == "").all(axis=1) if names else pd.Series(True, index=table.index)
    return table.loc[~blank].reset_index(drop=True), []


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

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises assorted errors on files that are not workbooks
            return [(None, [Issue(shown, expected=f"an Excel workbook (.xlsx) ({type(exc).__name__}: {exc})")])]
        names = book.sheetnames
        if sheet is not None and sheet not in names:
            return [(None, [Issue(shown, expected=f"a sheet named '{sheet}' (the workbook has: {', '.join(names)})")])]
        out = []
        for name in [sheet] if sheet else names:
            cells = [[_cell(v) for v in row] for row in book[name].iter_rows(values_only=True)]
            if not any(any(v.strip() for v in row) for row in cells):
                continue  # an empty sheet holds no table
            out.append(_finish(cells[1:], cells[0], list(range(2, len(cells) + 1)), f"{shown}[{name}]"))
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
    """Parse whole numbers (``2020``, ``2020.0``); anything else becomes <NA>."""
    values = to_number(text)
    whole = values.where(values == np.floor(values))
    return whole.astype("Int64")


def inside(root: Path, relative: str, what: str) -> Path:
    """``root/relative``, refused when it leads outside the inventory folder (``..``, absolute paths, links)."""
    target = (root / relative).resolve()
    if not target.is_relative_to(root.resolve()):
        raise ConfigError(f"{root / 'inventory.toml'}: {what} '{relative}' points outside the inventory folder; "
                          "keep inventory files inside it (or name a shipped factor set)")
    return target


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
