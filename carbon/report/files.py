"""The report files (report.json, report.md, report.html) and the ledger in each format, written
through :mod:`carbon.output` (atomic, umask modes, standard output where the format allows)."""

from __future__ import annotations

import hashlib
import io
import json
import re
from pathlib import Path

import pandas as pd

from .markdown import render_markdown

__all__ = ["write_report", "write_atomic", "ledger_csv", "neutralise", "report_files", "write_ledger",
           "REPORT_NAMES", "LEDGER_SUFFIXES", "EXCEL_MAX_ROWS", "sha256_bytes"]

REPORT_NAMES = frozenset({"report.json", "report.md", "report.html", "report.xlsx", "carbon.lock"})
LEDGER_SUFFIXES = (".csv", ".parquet", ".xlsx")
EXCEL_MAX_ROWS = 1_048_576  # rows of an Excel sheet, the header included
# characters an .xlsx cannot hold (XML 1.0): shown as \xNN instead of failing the write
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader never sees a half-written file (see :mod:`carbon.output`)."""
    from ..output import write_file

    write_file(path, text)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def non_finite(value: object, where: str = "report") -> list[str]:
    """The places in ``value`` (a report dict) holding NaN or infinity, which JSON cannot carry."""
    if isinstance(value, float):
        return [] if value == value and value not in (float("inf"), float("-inf")) else [f"{where} = {value!r}"]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in non_finite(v, f"{where}.{k}")]
    if isinstance(value, (list, tuple)):
        return [p for i, v in enumerate(value) for p in non_finite(v, f"{where}[{i}]")]
    return []


def report_json(report: dict) -> bytes:
    """report.json as bytes; CarbonError naming each figure that is not a finite number."""
    bad = non_finite(report)
    if bad:
        from ..errors import CarbonError

        raise CarbonError("the report holds figures that are not finite numbers (an input too large or too small "
                          "for float64 arithmetic): " + "; ".join(bad[:10]))
    return (json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n").encode("utf-8")


def report_files(report: dict) -> dict[str, bytes]:
    """``report.json``, ``report.md`` and ``report.html`` as bytes, by name."""
    from .html import render_html  # matplotlib loads in about 0.3 s: only when a report is written

    return {"report.json": report_json(report),
            "report.md": render_markdown(report).encode("utf-8"),
            "report.html": render_html(report).encode("utf-8")}


def write_report(report: dict, folder: str | Path) -> list[Path]:
    """Write ``report.json``, ``report.md`` and ``report.html`` into ``folder`` (created if needed) as
    one set (see :func:`carbon.output.publish_folder`); return their paths."""
    from ..output import publish_folder

    return publish_folder(folder, report_files(report), replaceable=REPORT_NAMES)


def xlsx_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """:func:`neutralise`, and control characters an .xlsx cannot hold shown as ``\\xNN``."""
    safe = neutralise(frame)
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype).startswith("str"):
            safe[column] = safe[column].astype(str).str.replace(_ILLEGAL_XML, lambda m: f"\\x{ord(m.group()):02x}",
                                                                regex=True)
    return safe


def write_ledger(ledger: pd.DataFrame, output: str | Path) -> Path:
    """Write the ledger in the format ``output``'s suffix names: ``.csv``, ``.parquet`` or ``.xlsx``
    (below Excel's row limit); ``-`` is CSV on standard output. The same columns in every format."""
    from ..output import STDOUT, OutputError, atomic_path, write_file, written_in_place

    path = Path(output)
    suffix = path.suffix.lower()
    if str(output) == STDOUT or (written_in_place(path) and suffix not in LEDGER_SUFFIXES):
        return write_file(output, ledger_csv(ledger), "the ledger")  # standard output, /dev/null, a pipe: CSV
    if suffix not in LEDGER_SUFFIXES:
        raise OutputError(f"{path}: the ledger is written as .csv, .parquet or .xlsx (the suffix names the format); "
                          f"'{path.suffix or '(no suffix)'}' is none of them. Name e.g. {path.with_suffix('.csv')}, "
                          "or '-' for CSV on standard output")
    if suffix == ".csv":
        return write_file(path, ledger_csv(ledger), "the ledger")
    if suffix == ".xlsx" and len(ledger) + 1 > EXCEL_MAX_ROWS:
        raise OutputError(f"{path}: the ledger has {len(ledger):,} records, more than an Excel sheet holds "
                          f"({EXCEL_MAX_ROWS - 1:,} rows below the header); write {path.with_suffix('.parquet')} "
                          f"or {path.with_suffix('.csv')} instead")
    with atomic_path(path, "the ledger") as tmp:
        if suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            plain = ledger.copy(deep=False)
            plain.attrs = {}  # the run's instruments and warnings are the report's, not the ledger file's
            table = pa.Table.from_pandas(plain, preserve_index=False)
            pq.write_table(table.replace_schema_metadata(None), tmp)
        else:
            tmp.write_bytes(xlsx_bytes({"ledger": ledger}))
    return path


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook of ``sheets`` (formula-safe), the same bytes for the same tables: the zip entries and
    the document properties carry a fixed date instead of the time of writing."""
    import zipfile

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, table in sheets.items():
            xlsx_safe(table).to_excel(writer, sheet_name=name, index=False)
    fixed = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src, \
            zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*", rb"\g<1>2000-01-01T00:00:00Z", data)
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, data)
    return fixed.getvalue()


def neutralise(frame: pd.DataFrame, line_endings: bool = False) -> pd.DataFrame:
    """A copy whose text cells cannot run as formulas in a spreadsheet (a leading ``'``); with
    ``line_endings`` also carriage returns inside text become ``\\n``: a lone CR is not quoted by the
    CSV writer but ends a line for every reader, while ``\\n`` is quoted."""
    safe = frame.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype).startswith("str"):
            values = safe[column].astype(str)
            if line_endings:
                values = values.str.replace("\r\n", "\n").str.replace("\r", "\n")
            risky = values.str.startswith(_FORMULA_START)
            safe[column] = values.where(~risky, "'" + values)
    return safe


def ledger_csv(ledger: pd.DataFrame) -> str:
    """The ledger as CSV text, formula-safe, line endings inside text normalised (see :func:`neutralise`)."""
    return neutralise(ledger, line_endings=True).to_csv(index=False, lineterminator="\n")
