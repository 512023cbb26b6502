"""Reading user CSV tables and checking their columns, collecting every problem as an Issue.

Each check takes the whole table and returns the issues of its bad rows: no per-row Python work
except to describe a row that is wrong.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import Issue

__all__ = ["read_csv_table", "check_required", "issues_where", "to_number", "to_integer", "FILE", "ROW"]

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
