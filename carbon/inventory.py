"""Load an inventory folder: ``inventory.toml``, activity records, credits, factor sets and GWPs.

Loading validates every record and collects every problem as an :class:`~carbon.errors.Issue`; rows
with a problem are kept out of ``records`` but never lost: ``issues`` names each of them, and
``records_read`` counts every data row read.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .boundary import Boundary, load_boundary
from .categories import Categories, load_categories
from .config import CONFIG_NAME, InventoryConfig, read_config
from .errors import ConfigError, InputWarning, Issue
from .input_warnings import record_warnings
from .currency import Money, load_money
from .credits import retired_for_issues
from .evidence import hash_evidence
from .factors import FactorLibrary, GwpTable, factors_home, load_factor_library, load_gwp
from .financed import load_investments, record_id_clashes
from .valuechain import load_value_chain
from .tables import (FILE, ROW, TABLE_SUFFIXES, RowChecks, check_required, file_part, inside, read_table, read_tables,
                     title_issue, to_integer, to_number)
from .recalculation import load_changes, load_metrics
from .scope2 import load_instruments
from .quantities import quantity_problems
from .units import mass_to_tonnes, parse_unit, unit_problem

__all__ = ["Inventory", "load_inventory", "RECORD_COLUMNS", "OPTIONAL_COLUMNS"]

RECORD_COLUMNS = ["record_id", "year", "scope", "category", "quantity", "unit"]
# GHG Protocol Scope 3 Standard ch. 7 data-quality indicators, each scored 1 (very good) to 5 (very poor)
DQ_COLUMNS = ["dq_technological", "dq_temporal", "dq_geographical", "dq_completeness", "dq_reliability"]
OPTIONAL_COLUMNS = ["activity", "gas", "region", "entity", "facility", "source", "data_quality", "notes", "method",
                    *DQ_COLUMNS, "evidence"]
# Scope 3 calculation methods (GHG Protocol Scope 3 Technical Guidance, 2013)
METHODS = ("supplier-specific", "hybrid", "average-data", "spend-based", "distance-based", "fuel-based")
CREDIT_COLUMNS = ["credit_id", "year", "quantity", "unit", "type"]
CREDIT_TYPES = ("avoidance", "removal")


@dataclass
class Inventory:
    """A loaded inventory. ``records`` holds the valid activity records (one row each) with their
    ``_file`` and ``_row``; ``issues`` every problem found while loading."""

    root: Path
    config: InventoryConfig
    records: pd.DataFrame
    credits: pd.DataFrame
    factors: FactorLibrary
    gwp: GwpTable
    categories: Categories
    money: Money
    records_read: int
    issues: list[Issue] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    instruments: pd.DataFrame = field(default_factory=pd.DataFrame)
    boundary: Boundary | None = None
    changes: pd.DataFrame = field(default_factory=pd.DataFrame)
    metrics: dict = field(default_factory=dict)
    positions: pd.DataFrame = field(default_factory=pd.DataFrame)  # investments (PCAF), one row per position
    evidence: dict = field(default_factory=dict)  # {evidence path as a record names it: sha256}
    warnings: list[InputWarning] = field(default_factory=list)  # records used as read one way of several


def load_inventory(path: str | Path) -> Inventory:
    """Load and validate the inventory folder at ``path`` (the folder holding ``inventory.toml``).

    Raises ConfigError when the configuration cannot be used at all. Problems in the data do not
    raise here: they are collected in ``Inventory.issues`` and :func:`carbon.calculate` raises them,
    together with any it finds itself, as one :class:`~carbon.errors.InputError`.
    """
    root = Path(path)
    if root.name == CONFIG_NAME:
        root = root.parent
    config = read_config(root)
    issues: list[Issue] = []
    categories = load_categories(config.categories)
    gwp = load_gwp(config.gwp, root)
    factors, factor_issues = load_factor_library(config.factors, root)
    issues += factor_issues
    files = _activity_files(root, config.activities)
    limit = int(config.max_file_mb * 1e6)
    records, read, record_issues = _load_records(root, files, categories, limit, config.years)
    issues += record_issues
    credits, credit_issues = _load_credits(root, config.credits)
    issues += credit_issues
    money = load_money(root, config.exchange_rates, config.price_index, factors_home())
    # financed emissions (PCAF) become category 15 records like any other
    financed, positions, financed_issues = load_investments(root, config.investments, money, factors, gwp,
                                                            years=config.years, max_bytes=limit)
    issues += financed_issues + record_id_clashes(financed, records)
    if len(financed):
        records = pd.concat([records, financed], ignore_index=True)
        read += len(financed)
    # value-chain data: supplier footprints (PACT) become factors, spend lines records (docs/value-chain.md)
    records, read, value_chain_issues, value_chain_files = load_value_chain(root, config, records, read, factors,
                                                                            categories, limit)
    issues += value_chain_issues
    instruments, instrument_issues = load_instruments(root, config.instruments)
    boundary, boundary_issues = load_boundary(root, config.entities, config.consolidation)
    changes, change_issues = load_changes(root, config.changes, config.base_year)
    metrics, metric_issues = load_metrics(root, config.metrics)
    issues += instrument_issues + boundary_issues + change_issues + metric_issues
    evidence, evidence_issues = hash_evidence(root, records)
    entities = [] if boundary is None else [str(e) for e in boundary.entities.index]
    issues += evidence_issues + retired_for_issues(credits, config.organisation, entities)
    optional = {"instruments.csv": config.instruments, "entities.csv": config.entities,
                "investments.csv": config.investments,
                "changes.csv": config.changes, "metrics.csv": config.metrics}
    used = [root / CONFIG_NAME, *files] + ([root / config.credits] if config.credits else [])
    used += [root / config.uncertainty_mapping] if config.uncertainty_mapping and (root / config.uncertainty_mapping).is_file() else []
    used += [root / (given or default) for default, given in optional.items() if given or (root / default).is_file()]
    used += value_chain_files
    # what the report states about closed years and their restatements, and the evidence records name:
    # inputs too, so that 'carbon verify' sees a closed file, a reason or an evidence file change
    used += sorted((root / "closed").glob("*.json")) if (root / "closed").is_dir() else []
    used += [root / "restatements.csv"] if (root / "restatements.csv").is_file() else []
    used += [root / path for path in sorted(evidence) if (root / path).is_file()]
    used = list(dict.fromkeys(file_part(p) for p in used))  # 'book.xlsx#Credits' is the file book.xlsx, once
    warnings = record_warnings(records, config.base_year, config.years is not None)
    return Inventory(root, config, records, credits, factors, gwp, categories, money, read, issues, used,
                     instruments, boundary, changes, metrics, positions, evidence, warnings)


def _activity_files(root: Path, patterns: list[str]) -> list[Path]:
    files: list[Path] = []
    for pattern in patterns:
        inside(root, pattern.split("*")[0] or ".", "activities pattern")
        matched = sorted(Path(p) for p in glob.glob(str(root / pattern), recursive=True) if Path(p).is_file())
        if not matched:
            raise ConfigError(f"{root / CONFIG_NAME}: activities pattern '{pattern}' matches no file "
                              f"(looked relative to {root})")
        files += [m for m in matched if m not in files]
    for f in files:
        if f.suffix.lower() not in TABLE_SUFFIXES:
            raise ConfigError(f"{f}: activity files are CSV, Excel (.xlsx) or Parquet; '{f.suffix}' is not read")
        if not f.resolve().is_relative_to(root.resolve()):
            raise ConfigError(f"{f}: a link to {f.resolve()}, outside the inventory folder; copy the file into "
                              "the inventory instead")
    return files


def _shown(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root))
    except ValueError:
        return str(path)


def _load_records(root: Path, files: list[Path], categories: Categories, max_bytes: int,
                  years: tuple[int, int] | None) -> tuple[pd.DataFrame, int, list[Issue]]:
    issues: list[Issue] = []
    tables: list[pd.DataFrame] = []
    read = 0
    for path in files:
        shown = _shown(root, path)
        for table, problems in read_tables(path, shown, max_bytes):
            issues += problems
            if table is None:
                continue
            read += len(table)
            where = str(table[FILE].iloc[0]) if len(table) else shown
            missing = check_required(table, where, RECORD_COLUMNS)
            if missing:  # one header problem is reported once, with the rows it cost, not once per row
                header_row = _header_row(table, RECORD_COLUMNS)
                if header_row is not None:
                    title = ",".join(c for c in table.columns if not str(c).startswith("_")).rstrip(",")
                    missing = [title_issue(where, title, header_row)]
                issues += missing
                if len(table):
                    rows = table[ROW]
                    issues.append(Issue(where, None, None, None, None,
                                        f"a usable header: none of its {len(table)} record row(s) (rows "
                                        f"{int(rows.min())}-{int(rows.max())}) was read"))
                continue
            for col in OPTIONAL_COLUMNS:
                if col not in table.columns:
                    table[col] = ""
            tables.append(table)
    if read == 0 and not issues:
        issues.append(Issue(CONFIG_NAME, column="activities", value=", ".join(_shown(root, f) for f in files),
                            expected="at least one activity record; the files hold none"))
    if not tables:
        return _empty_records(), read, issues
    records = pd.concat(tables, ignore_index=True)
    valid, record_issues = _validate_records(records, categories, years)
    return valid, read, issues + record_issues


def _header_row(table: pd.DataFrame, required: list[str]) -> int | None:
    """The row number of a row among the first ten holding every required column name (a header below a
    title row), or None."""
    columns = [c for c in table.columns if not str(c).startswith("_")]
    head = table.head(10)
    for number, values in zip(head[ROW], head[columns].itertuples(index=False, name=None)):
        if set(required) <= {str(v).strip().lower() for v in values}:
            return int(number)
    return None


def _empty_records() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype=str) for c in RECORD_COLUMNS + OPTIONAL_COLUMNS + [FILE]})
    frame["year"] = frame["year"].astype("int64")
    frame["scope"] = frame["scope"].astype("int64")
    frame["quantity"] = frame["quantity"].astype("float64")
    frame[ROW] = pd.Series(dtype="int64")
    return frame


def _validate_records(df: pd.DataFrame, categories: Categories,
                      years: tuple[int, int] | None = None) -> tuple[pd.DataFrame, list[Issue]]:
    flag = RowChecks(df)
    issues = flag.issues
    flag(df["record_id"] == "", "record_id", "a record_id (unique within the inventory)")
    first = df[df["record_id"] != ""].drop_duplicates("record_id", keep="first").set_index("record_id")
    dup = (df["record_id"] != "") & df.duplicated("record_id", keep="first")
    for idx in df.index[dup]:
        rid = df.at[idx, "record_id"]
        issues.append(Issue(df.at[idx, FILE], int(df.at[idx, ROW]), rid, "record_id", rid,
                            f"a unique record_id; it is already used at {first.at[rid, FILE]}, row {first.at[rid, ROW]}"))
    flag.bad |= dup

    year = to_integer(df["year"])
    flag(year.isna(), "year", "a whole-number reporting year, e.g. 2023")
    flag(year.notna() & ((year < 1990) | (year > 2100)), "year", "a reporting year between 1990 and 2100")
    if years is not None:
        flag(year.notna() & ((year < years[0]) | (year > years[1])), "year",
             f"a year of the inventory, {years[0]} to {years[1]} (years in inventory.toml)")

    scope = to_integer(df["scope"])
    flag(~scope.isin([1, 2, 3]), "scope", "1, 2 or 3")

    category = df["category"].str.lower()
    s3 = scope == 3
    as_int = to_integer(df["category"].where(s3, ""))
    category = category.where(~(s3 & as_int.notna()), as_int.astype("string"))
    for s in (1, 2, 3):
        allowed = categories.codes(s)
        shown = ", ".join(allowed) if s != 3 else "1 to 15 (GHG Protocol Scope 3 categories)"
        wrong = (scope == s) & ~category.isin(allowed)
        for value in category[wrong].fillna("").unique():  # once per distinct value: the nearest codes or names
            flag(wrong & (category.fillna("") == value), "category", f"a scope {s} category: {shown}"
                 + (categories.hint(s, str(value)) if value else ""))

    quantity = to_number(df["quantity"])
    not_number = quantity.isna()
    if not_number.any():  # each message names the readings of its own value (carbon/quantities.py)
        bad = df.loc[not_number]
        issues += [Issue(str(f), int(r), i or None, "quantity", v, m) for f, r, i, v, m in
                   zip(bad[FILE], bad[ROW], bad["record_id"], bad["quantity"], quantity_problems(bad["quantity"]))]
        flag.bad |= not_number
    flag(quantity < 0, "quantity", "a quantity of zero or more (record a reduction as its own negative-free record)")

    for unit in df["unit"].unique():
        problem = unit_problem(unit)
        if problem:
            flag(df["unit"] == unit, "unit", f"a unit of measure ({problem})")

    has_activity, has_gas = df["activity"] != "", df["gas"] != ""
    flag(has_activity & has_gas, "gas", "either an activity (factor-based) or a gas (direct emission), not both")
    flag(~has_activity & ~has_gas, "activity", "an activity key (emission factor) or, for a direct emission, a gas")
    for unit in df.loc[has_gas & ~has_activity, "unit"].unique():
        if unit_problem(unit) is None and mass_to_tonnes(unit) is None:
            flag(has_gas & ~has_activity & (df["unit"] == unit), "unit",
                 "a mass (t, kg, lb ...) for a direct emission of a gas")

    for column in DQ_COLUMNS:
        score = to_integer(df[column])
        flag((df[column] != "") & ~score.isin([1, 2, 3, 4, 5]), column, "a data-quality score 1 (very good) to 5 "
                                                                         "(very poor), or blank")
    method = df["method"].str.lower().str.replace("_", "-").str.replace(" ", "-")
    flag((method != "") & ~method.isin(METHODS), "method", "one of " + ", ".join(METHODS) + ", or blank")
    method = method.where(method != "", _inferred_methods(df))

    bad = flag.bad
    good = df.loc[~bad].copy()
    good["method"] = method[~bad]
    good["year"] = year[~bad].astype("int64")
    good["scope"] = scope[~bad].astype("int64")
    good["category"] = category[~bad].astype(str)
    good["quantity"] = quantity[~bad]
    good["activity"] = good["activity"].str.lower()
    return good.reset_index(drop=True), issues


def _inferred_methods(df: pd.DataFrame) -> pd.Series:
    """A method for records that name none, from what they are: a direct emission reported by a
    supplier (``supplier-specific``), spend (``spend-based``), passenger / vehicle / tonne distance
    (``distance-based``), anything else ``average-data``. Marked ``(inferred)``."""
    by_unit = {}
    for unit in df["unit"].unique():
        dims = {} if unit_problem(unit) else {str(d): p for d, p in dict(parse_unit(unit).dimensionality).items()}
        distance = dims.get("[length]") == 1 and (
            "[passenger]" in dims or "[vehicle]" in dims or (dims.get("[mass]") == 1 and len(dims) == 2))
        if any(d.startswith("[currency_") for d in dims):
            by_unit[unit] = "spend-based"
        elif distance:  # passenger*km, vehicle*mile, tonne*km
            by_unit[unit] = "distance-based"
        else:
            by_unit[unit] = "average-data"
    inferred = df["unit"].map(by_unit).where(df["gas"] == "", "supplier-specific")
    return inferred + " (inferred)"


def _load_credits(root: Path, name: str | None) -> tuple[pd.DataFrame, list[Issue]]:
    """credits.csv as one row per credit: credit_id, year (of retirement), tco2e, type and the register
    columns of :mod:`carbon.credits` (with the file and row of each credit)."""
    from .credits import REGISTER_COLUMNS, check_register, overlap_issues

    empty = pd.DataFrame({"credit_id": pd.Series(dtype=str), "year": pd.Series(dtype="int64"),
                          "tco2e": pd.Series(dtype="float64"), "type": pd.Series(dtype=str)})
    if not name:
        return empty, []
    path = inside(root, name, "credits file")
    shown = _shown(root, path)
    if not path.with_name(path.name.split("#")[0]).is_file():
        raise ConfigError(f"{root / CONFIG_NAME}: credits file '{name}' not found")
    table, issues = read_table(path, shown, 10**8)
    if table is None:
        return empty, issues
    required = [c for c in CREDIT_COLUMNS if c not in ("year", "type")]
    required += ["year"] if "retired_on" not in table.columns else []
    required += ["type"] if "removal_or_avoidance" not in table.columns else []
    missing = check_required(table, shown, required)
    if missing:
        return empty, missing
    flag = RowChecks(table, "credit_id")
    flag(table["credit_id"] == "", "credit_id", "a credit_id")
    flag(table["credit_id"].ne("") & table.duplicated("credit_id"), "credit_id", "a unique credit_id")
    register = check_register(table, flag)
    quantity = to_number(table["quantity"])
    flag(quantity.isna() | (quantity < 0), "quantity", "a finite quantity of zero or more")
    per_unit = {}
    for unit in table["unit"].unique():
        problem = unit_problem(unit)
        tonnes = None if problem else mass_to_tonnes(unit)
        if tonnes is None:
            flag(table["unit"] == unit, "unit", "a mass of CO2e such as t, tCO2e or kg")
        per_unit[unit] = tonnes if tonnes is not None else np.nan
    tco2e = quantity * table["unit"].map(per_unit).astype("float64")
    count = (register["serial_last"] - register["serial_first"] + 1).astype("float64")
    flag(count.notna() & tco2e.notna() & ~np.isclose(count.fillna(0), tco2e.fillna(0), rtol=0, atol=1e-6),
         "quantity", "the tonnes of the serial block (one credit = 1 tCO2e; serial_start to serial_end counts "
                     "the credits)")
    text = [c for c in REGISTER_COLUMNS if c not in register.columns and c != "removal_or_avoidance"]
    credits = pd.concat([table[["credit_id"]], register[["year"]], pd.DataFrame({"tco2e": tco2e}),
                         register.drop(columns=["year"]), table[text + [FILE, ROW]]], axis=1)
    overlaps, involved = overlap_issues(credits.loc[~flag.bad])
    issues += flag.issues + overlaps
    good = ~flag.bad & ~involved.reindex(credits.index, fill_value=False)
    credits = credits.loc[good].reset_index(drop=True)
    credits["year"] = credits["year"].astype("int64")
    return credits, issues
