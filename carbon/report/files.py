"""Write report.json, report.md and report.html into a folder, each atomically (temporary file, then rename)."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pandas as pd

from .markdown import render_markdown

__all__ = ["write_report", "write_atomic", "ledger_csv", "neutralise"]

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader never sees a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_report(report: dict, folder: str | Path) -> list[Path]:
    """Write ``report.json``, ``report.md`` and ``report.html`` into ``folder`` (created if needed); return their paths."""
    from .html import render_html  # matplotlib loads in about 0.3 s: only when a report is written

    folder = Path(folder)
    json_path, md_path, html_path = folder / "report.json", folder / "report.md", folder / "report.html"
    write_atomic(json_path, json.dumps(report, indent=2, ensure_ascii=False, allow_nan=False) + "\n")
    write_atomic(md_path, render_markdown(report))
    write_atomic(html_path, render_html(report))
    return [json_path, md_path, html_path]


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
