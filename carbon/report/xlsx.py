"""report.xlsx: the ledger and the summary tables in one workbook, safe to open.

A text cell taken from user input that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage
return) would be run as a formula by Excel: it is written with a leading ``'`` instead, and openpyxl
writes every cell as a value (``data_type`` ``s`` or ``n``), never a formula.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd

from .files import neutralise
from .names import category_name

__all__ = ["write_xlsx"]

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


def write_xlsx(report: dict, ledger: pd.DataFrame, path: str | Path) -> Path:
    """Write sheets ledger, totals, categories, targets, neutrality to ``path`` (atomically)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".xlsx", dir=path.parent)
    os.close(fd)
    try:
        with pd.ExcelWriter(tmp, engine="openpyxl") as writer:
            neutralise(ledger).to_excel(writer, sheet_name="ledger", index=False)
            for name, table in _summary_tables(report).items():
                neutralise(table).to_excel(writer, sheet_name=name, index=False)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
