"""Value-chain inputs of an inventory, read after its activity records (docs/value-chain.md).

Supplier product footprints (:mod:`carbon.pact`) become one more factor source; spend lines
(:mod:`carbon.spend`) become ordinary Scope 3 records; records that name a footprint's product take
its method and data quality. Everything downstream (ledger, targets, neutrality, uncertainty,
conservation) sees plain records and factor rows.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import Issue
from .fill import check_periods
from .pact import add_factors, apply_to_records, load_footprints
from .spend import load_spend
from .tables import FILE, ROW

__all__ = ["load_value_chain", "value_chain_inputs"]


def load_value_chain(root: Path, config, records: pd.DataFrame, read: int, factors, categories,
                     max_bytes: int) -> tuple[pd.DataFrame, int, list[Issue], list[Path]]:
    """(records with the spend records added, records read, issues, files used)."""
    footprints, issues, files = load_footprints(root, config.supplier_footprints)
    issues += add_factors(factors, footprints, root)
    spend, lines, spend_issues, spend_files = load_spend(root, config.spend, config.spend_mapping, factors,
                                                         categories, records, footprints, config.years, max_bytes)
    issues += spend_issues + _clashes(spend, records)
    files += [root / f for f in spend_files]
    if len(spend):
        records = pd.concat([records, spend], ignore_index=True)
    read += lines
    issues += apply_to_records(records, footprints) + check_periods(records)
    return records, read, issues, files


def value_chain_inputs(root: Path, config) -> list[str]:
    """The value-chain inputs an inventory has (for engines that do not read them)."""
    from .pact import DEFAULT_PATTERN

    found = []
    if config.supplier_footprints or (config.supplier_footprints is None and any((root / "suppliers").glob("*.json"))):
        found.append("supplier footprints (" + ", ".join(config.supplier_footprints or [DEFAULT_PATTERN]) + ")")
    if config.spend or (root / "spend.csv").is_file():
        found.append(f"spend lines ({config.spend or 'spend.csv'})")
    return found


def _clashes(spend: pd.DataFrame, records: pd.DataFrame) -> list[Issue]:
    if spend.empty or records.empty:
        return []
    taken = records.drop_duplicates("record_id").set_index("record_id")
    clash = spend[spend["record_id"].isin(taken.index)]
    return [Issue(f, int(r), rid, "line_id", rid, f"a line_id no activity record uses as record_id; "
                                                  f"{taken.at[rid, FILE]} row {taken.at[rid, ROW]} has it")
            for f, r, rid in zip(clash[FILE], clash[ROW], clash["record_id"])]


# ------------------------------------------------------------------------------- primary-data share
PRIMARY_METHODS = ("supplier-specific", "hybrid")


def primary_shares(ledger: pd.DataFrame) -> tuple[dict[str, dict[int, float | None]], dict[int, float | None]]:
    """The share of Scope 3 tCO2e computed from supplier-specific (primary) data: records whose method
    is ``supplier-specific`` or ``hybrid`` as given (by the record, a footprint or a spend rule), against all
    Scope 3 tCO2e. A method the engine inferred (``... (inferred)``: a direct emission without a method)
    does not count: an estimate typed in as tonnes is not supplier data.

    Returns ``({category key: {year: share}}, {year: share})``; a share is None where the category's
    (or Scope 3's) tCO2e of the year is zero. ESRS E1-6 and CDP C6.5 ask for this share.
    """
    s3 = ledger[ledger["scope"] == 3]
    if s3.empty:
        return {}, {}
    method = s3["method"].astype(str)
    primary = s3["tco2e"].where(method.isin(PRIMARY_METHODS), 0.0)
    frame = pd.DataFrame({"category": s3["category"].astype(str), "year": s3["year"].astype(int),
                          "tco2e": s3["tco2e"], "primary": primary})
    by_cat = frame.groupby(["category", "year"])[["tco2e", "primary"]].sum()
    by_year = frame.groupby("year")[["tco2e", "primary"]].sum()

    def share(total: float, part: float) -> float | None:
        return float(part / total) if total > 0 else None

    categories: dict[str, dict[int, float | None]] = {}
    for (code, year), row in by_cat.iterrows():
        categories.setdefault(f"3.{code}", {})[int(year)] = share(row["tco2e"], row["primary"])
    years = {int(y): share(row["tco2e"], row["primary"]) for y, row in by_year.iterrows()}
    return categories, years


def add_primary_shares(report: dict, ledger: pd.DataFrame) -> None:
    """report.json: ``scope3_categories[...].primary_share`` ({year: fraction 0-1}) and
    ``years[Y].scope3_primary_share`` (a fraction 0-1, None when Scope 3 is zero)."""
    by_category, by_year = primary_shares(ledger)
    for row in report.get("scope3_categories", []):
        row["primary_share"] = {y: by_category.get(row["key"], {}).get(y) for y in row.get("years", {})}
    for year, values in report["years"].items():
        values["scope3_primary_share"] = by_year.get(int(year)) if values.get("scope3") else None
