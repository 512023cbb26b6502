"""report.xlsx: the ledger and the summary tables in one workbook, safe to open.

A text cell taken from user input that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) would be run as a formula by Excel: it is written with a leading ``'`` instead, and openpyxl
writes every cell as a value (``data_type`` ``s`` or ``n``), never a formula.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .files import xlsx_bytes
from .names import category_name

__all__ = ["write_xlsx", "report_xlsx"]

def _summary_tables(report: dict) -> dict[str, pd.DataFrame]:
    years = report["years"]
    totals = pd.DataFrame([{"year": int(y), **{k: v[k] for k in ("scope1", "scope2", "scope3", "total", "scope2_location",
                                                                 "scope2_market", "biogenic_co2", "credits_tco2e")}}
                           for y, v in years.items()])
    categories = pd.DataFrame([{"year": int(y), "category": k, "name": category_name(report, k), "tco2e": t}
                               for y, v in years.items() for k, t in v["categories"].items()])
    targets = pd.DataFrame([{k: (", ".join(map(str, v)) if isinstance(v, list) else v) for k, v in t.items()}
                            for t in report["targets"]])
    neutrality = pd.DataFrame(report["neutrality"])
    return {"totals": totals, "categories": categories, "targets": targets, "neutrality": neutrality}


def report_xlsx(report: dict, ledger: pd.DataFrame) -> bytes:
    """The workbook: sheets ledger, totals, categories, targets, neutrality (identical for identical input)."""
    return xlsx_bytes({"ledger": ledger, **_summary_tables(report)})


def write_xlsx(report: dict, ledger: pd.DataFrame, path: str | Path) -> Path:
    """Write sheets ledger, totals, categories, targets, neutrality to ``path`` (atomically)."""
    from ..output import write_file

    return write_file(path, report_xlsx(report, ledger), "report.xlsx")
