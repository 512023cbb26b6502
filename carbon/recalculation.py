"""Base-year recalculation (GHG Protocol Corporate Standard ch. 5) and activity metrics.

``changes.csv``: ``change_id, year, type, scope, entity, category, base_year_tco2e, description``
and optionally ``driver``. ``type``: acquisition, divestment, outsourcing, insourcing, methodology,
error, category_added. The effect of a change on the base year:

- ``base_year_tco2e`` given: that (positive adds, negative removes), in ``scope`` (scope 3 for a
  category_added change when scope is blank).
- acquisition / insourcing of an ``entity``: the entity's base-year records at the share the boundary
  gives it; without base-year records, its first year with records stands in (flagged estimated).
- divestment / outsourcing of an ``entity``: minus the entity's base-year emissions in the inventory.
  With a ``category`` instead of an entity, the same on that category's records.
- category_added (a Scope 3 ``category`` inventoried for the first time): the category's first year of
  records, back-cast to the base year with the ``driver`` metric (``metrics.csv``: estimate =
  first-year tCO2e x metric[base year] / metric[first year]) or unchanged with ``driver = constant``;
  flagged estimated. With neither a value nor a driver there is no base-year estimate: the category is
  kept out of the target boundary, and the report says so.
- methodology / error: ``base_year_tco2e`` is required (a swap of factor sets or GWPs needs no entry:
  the base year is always computed with the current files; ``carbon report`` compares it with the
  previous ``carbon.lock`` and states how much it moved).

Significance: each change's share is |effect| / original base-year total. Under ``recalculation =
"policy"`` changes are taken in year order and, once their cumulative share reaches
``significance_threshold`` (default 5%), that change and every earlier one trigger recalculation
(later ones each add to the cumulative sum as well); ``"always"`` triggers all, ``"never"`` none.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .errors import Issue
from .tables import RowChecks, check_required, issues_where, optional_table, to_integer, to_number

__all__ = ["load_changes", "load_metrics", "recalculate", "CHANGE_TYPES"]

CHANGE_TYPES = ("acquisition", "divestment", "outsourcing", "insourcing", "methodology", "error", "category_added")
CHANGE_COLUMNS = ["change_id", "year", "type", "scope", "entity", "category", "base_year_tco2e", "description", "driver"]
SCOPES = ("scope1", "scope2", "scope3")


def load_changes(root: Path, name: str | None, base_year: int | None = None) -> tuple[pd.DataFrame, list[Issue]]:
    table, shown, issues = optional_table(root, name, "changes.csv", "changes file")
    if table is None:
        return pd.DataFrame(columns=CHANGE_COLUMNS), issues
    missing = check_required(table, shown, ["change_id", "year", "type"])
    if missing:
        return pd.DataFrame(columns=CHANGE_COLUMNS), missing
    for column in CHANGE_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    flag = RowChecks(table, "change_id")
    flag(table["change_id"] == "", "change_id", "a change_id")
    flag(table["change_id"].ne("") & table.duplicated("change_id"), "change_id", "a unique change_id")
    year = to_integer(table["year"])
    flag(year.isna(), "year", "the whole-number year the change happened")
    flag(year.notna() & ((year < 1990) | (year > 2100)), "year", "a year between 1990 and 2100")
    if base_year is not None:  # GHG Protocol Corporate Standard ch. 5: changes after the base year trigger it
        flag(year.notna() & (year >= 1990) & (year < base_year), "year",
             f"a year from the base year {base_year} on (a change before the base year is already in its figures)")
    kind = table["type"].str.lower()
    flag(~kind.isin(CHANGE_TYPES), "type", "one of " + ", ".join(CHANGE_TYPES))
    scope = to_integer(table["scope"])
    flag((table["scope"] != "") & ~scope.isin([1, 2, 3]), "scope", "1, 2 or 3, or blank")
    value = to_number(table["base_year_tco2e"])
    flag((table["base_year_tco2e"] != "") & value.isna(), "base_year_tco2e", "a number of tCO2e, or blank")
    given = table["base_year_tco2e"] != ""
    flag(given & (table["scope"] == "") & (kind != "category_added"), "scope",
         "the scope the stated base_year_tco2e belongs to")
    flag(kind.isin(["methodology", "error"]) & ~given, "base_year_tco2e",
         "the change's effect on the base year in tCO2e (required for methodology and error changes)")
    flag(kind.isin(["acquisition", "divestment", "outsourcing", "insourcing"]) & ~given
         & (table["entity"] == "") & (table["category"] == ""), "entity",
         "an entity or a category whose records give the effect (or a stated base_year_tco2e)")
    flag((kind == "category_added") & (table["category"] == ""), "category", "the Scope 3 category added, e.g. 4")
    issues += flag.issues
    good = ~flag.bad
    out = table.loc[good, CHANGE_COLUMNS].copy()
    out["year"] = year[good].astype("int64")
    out["type"] = kind[good]
    out["scope"] = scope[good].astype("float64")
    out["base_year_tco2e"] = value[good]
    cat = to_integer(out["category"])
    out["category"] = out["category"].str.lower().where(cat.isna(), cat.astype("string"))
    return out.sort_values(["year", "change_id"]).reset_index(drop=True), issues


def load_metrics(root: Path, name: str | None) -> tuple[dict[tuple[str, int], float], list[Issue]]:
    """``metrics.csv``: ``metric, year, value`` (and optionally ``unit``): revenue, employees, floor area."""
    table, shown, issues = optional_table(root, name, "metrics.csv", "metrics file")
    if table is None:
        return {}, issues
    missing = check_required(table, shown, ["metric", "year", "value"])
    if missing:
        return {}, missing
    year, value = to_integer(table["year"]), to_number(table["value"])
    bad = (table["metric"] == "") | year.isna() | value.isna() | (value <= 0)
    issues += issues_where(table, bad, "value", "a metric name, a whole-number year and a positive value",
                           id_column="metric")
    keys = list(zip(table.loc[~bad, "metric"].str.lower(), year[~bad].astype(int)))
    dup = {k for k in keys if keys.count(k) > 1}
    issues += [Issue(shown, expected=f"each metric and year once; repeated: {m} {y}") for m, y in sorted(dup)]
    return dict(zip(keys, value[~bad].astype(float))), issues


def _by_scope(records: pd.DataFrame, column: str, sign: float = 1.0) -> dict[str, float]:
    sums = records.groupby("scope")[column].sum() if len(records) else pd.Series(dtype=float)
    return {f"scope{s}": sign * float(sums.get(s, 0.0)) for s in (1, 2, 3)}


def _static_share(inventory, entity: str) -> float:
    """The share the boundary gives an entity regardless of ownership dates (for an acquisition)."""
    boundary = inventory.boundary
    if boundary is None or entity not in boundary.entities.index:
        return 1.0
    row = boundary.entities.loc[entity]
    return float(row["equity_share"]) if boundary.approach == "equity_share" else float(row[boundary.approach])


def _effect(change, inventory, ledger: pd.DataFrame, base_year: int, metrics: dict) -> tuple[dict | None, bool, str]:
    """(effect by scope or None for no estimate, estimated?, note)."""
    if not np.isnan(change.base_year_tco2e):
        scope = 3 if np.isnan(change.scope) else int(change.scope)
        return {f"scope{s}": (change.base_year_tco2e if s == scope else 0.0) for s in (1, 2, 3)}, False, "stated"
    if change.type == "category_added":
        rows = ledger[(ledger["scope"] == 3) & (ledger["category"] == change.category)]
        if (rows["year"] == base_year).any():
            return {s: 0.0 for s in SCOPES}, False, "the base year already has records of this category"
        if rows.empty:
            return None, False, f"no records of category {change.category}: no base-year estimate"
        first = int(rows["year"].min())
        first_t = float(rows.loc[rows["year"] == first, "tco2e"].sum())
        driver = (change.driver or "").strip().lower()
        if not driver:
            return None, False, "no base_year_tco2e and no driver: no base-year estimate"
        if driver == "constant":
            return {"scope1": 0.0, "scope2": 0.0, "scope3": first_t}, True, f"back-cast from {first}, unchanged"
        a, b = metrics.get((driver, base_year)), metrics.get((driver, first))
        if a is None or b is None:
            return None, False, f"metric '{driver}' lacks {base_year} or {first} in metrics.csv: no base-year estimate"
        return ({"scope1": 0.0, "scope2": 0.0, "scope3": first_t * a / b}, True,
                f"back-cast from {first} x {driver} {base_year}/{first} ({a:g}/{b:g})")
    if change.entity:
        rows = ledger[ledger["entity"] == change.entity]
        label = f"entity {change.entity}"
    else:
        rows = ledger[ledger["category"] == change.category]
        if not np.isnan(change.scope):
            rows = rows[rows["scope"] == int(change.scope)]
        label = f"category {change.category}"
    if change.type in ("divestment", "outsourcing"):
        return _by_scope(rows[rows["year"] == base_year], "tco2e", -1.0), False, f"minus the base-year records of {label}"
    base_rows = rows[rows["year"] == base_year]
    share = _static_share(inventory, change.entity) if change.entity else 1.0
    if len(base_rows):
        return {k: v * share for k, v in _by_scope(base_rows, "tco2e_entity").items()}, False, \
            f"the base-year records of {label}"
    if rows.empty:
        return None, False, f"no records of {label}: give base_year_tco2e"
    first = int(rows["year"].min())
    return ({k: v * share for k, v in _by_scope(rows[rows["year"] == first], "tco2e_entity").items()}, True,
            f"estimated from the {first} records of {label} (no base-year records)")


def recalculate(inventory, ledger: pd.DataFrame, years: dict[int, dict]) -> dict:
    """The report.json ``recalculation`` block (see the module docstring)."""
    config = inventory.config
    base_year = config.base_year
    base = years.get(base_year)
    original = {s: float(base[s]) if base else 0.0 for s in SCOPES}
    original["total"] = sum(original[s] for s in SCOPES)
    changes, cumulative, rows = inventory.changes, 0.0, []
    triggered_at = None
    for position, change in enumerate(changes.itertuples(index=False)):
        effect, estimated, note = _effect(change, inventory, ledger, base_year, inventory.metrics)
        total = None if effect is None else sum(effect.values())
        share = None if total is None or not original["total"] else abs(total) / original["total"]
        cumulative += share or 0.0
        if triggered_at is None and config.recalculation == "policy" and cumulative >= config.significance_threshold - 1e-12:
            triggered_at = position
        rows.append({"change_id": change.change_id, "year": int(change.year), "type": change.type,
                     "effect_tco2e": total, "effect_by_scope": effect, "effect_share": share,
                     "cumulative_share": cumulative, "estimated": estimated, "note": note,
                     "category": change.category or None, "entity": change.entity or None})
    for position, row in enumerate(rows):
        if config.recalculation == "always":
            row["triggered"] = row["effect_tco2e"] is not None
        elif config.recalculation == "never":
            row["triggered"] = False
        else:
            row["triggered"] = row["effect_tco2e"] is not None and triggered_at is not None
    recalculated = dict(original)
    for row in rows:
        if row["triggered"]:
            for s in SCOPES:
                recalculated[s] += row["effect_by_scope"][s]
    recalculated["total"] = sum(recalculated[s] for s in SCOPES)
    return {"threshold": config.significance_threshold, "policy": config.recalculation,
            "base_year": base_year, "original_base": original, "recalculated_base": recalculated,
            "recalculated": any(r["triggered"] for r in rows), "changes": rows,
            "estimated_categories": sorted({r["category"] for r in rows if r["triggered"] and r["type"] == "category_added"
                                            and r["estimated"]})}
