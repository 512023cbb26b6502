"""Totals of the ledger by year, scope and category, and the check that they add up."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from .categories import Categories, category_key, load_categories

__all__ = ["summarise", "scope_totals", "CONSERVATION_TOLERANCE"]

# Relative tolerance of the check that per-record tonnes, scope totals and the total agree: totals are
# float64 sums of float64 products, exact to about 1e-15 relative per addition.
CONSERVATION_TOLERANCE = 1e-9


def scope_totals(ledger: pd.DataFrame) -> pd.DataFrame:
    """tCO2e by year (rows) and scope (columns 1, 2, 3; zero where a scope has no record)."""
    table = ledger.pivot_table(index="year", columns="scope", values="tco2e", aggfunc="sum", fill_value=0.0)
    return table.reindex(columns=[1, 2, 3], fill_value=0.0).astype("float64")


def summarise(ledger: pd.DataFrame, categories: Categories | None = None) -> dict[int, dict]:
    """Per year: scope1, scope2, scope3, total (scope2 and total by the inventory's Scope 2 method),
    scope2_location, scope2_market, biogenic_co2 and tCO2e per category key
    (``'1.stationary_combustion'``, ``'3.6'``), in the category registry's order.

    The ledger is sorted by record_id before summing, so the result does not depend on input order.
    Raises AssertionError (a bug, not a user error) when the totals do not add up.
    """
    categories = categories or load_categories()
    ordered = ledger.sort_values("record_id", kind="stable")
    _check_sums_fit(ordered)
    scopes = scope_totals(ordered)
    by_category = ordered.groupby(["year", "scope", "category"], sort=True)["tco2e"].sum()
    biogenic = ordered.groupby("year", sort=True)["biogenic_tco2"].sum()
    s2 = ordered[ordered["scope"] == 2]
    scope2_ways = s2.groupby("year", sort=True)[["tco2e_location", "tco2e_market"]].sum()
    order = categories.order()
    years: dict[int, dict] = {}
    for year in scopes.index:
        s1, s2, s3 = (float(scopes.at[year, s]) for s in (1, 2, 3))  # noqa: F841 (s2 reused below)
        cats = {category_key(int(s), str(c)): float(v) for (y, s, c), v in by_category.items() if y == year}
        years[int(year)] = {
            "scope1": s1, "scope2": s2, "scope3": s3, "total": s1 + s2 + s3,
            "scope2_location": float(scope2_ways["tco2e_location"].get(year, 0.0)),
            "scope2_market": float(scope2_ways["tco2e_market"].get(year, 0.0)),
            "biogenic_co2": float(biogenic.get(year, 0.0)),
            "categories": dict(sorted(cats.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))),
        }
    check_conservation(ordered, years)
    return years


def _check_sums_fit(ledger: pd.DataFrame) -> None:
    """Records whose tCO2e each fit a float64 but whose sum does not: an input error naming them."""
    columns = [c for c in ("tco2e", "biogenic_tco2", "tco2e_location", "tco2e_market") if c in ledger.columns]
    values = ledger[columns].to_numpy(dtype="float64")
    with np.errstate(over="ignore", invalid="ignore"):
        fits = np.isfinite(values.sum(axis=0)).all() and np.isfinite(np.abs(values).sum(axis=0)).all()
    if fits:
        return
    from .errors import InputError, Issue

    top = ledger.assign(_size=np.abs(values).max(axis=1)).nlargest(5, "_size")
    file, row = ("input_file", "input_row") if "input_file" in top.columns else ("_file", "_row")
    raise InputError([Issue(str(r[file]) if file in top.columns else "ledger",
                            int(r[row]) if row in top.columns and pd.notna(r[row]) else None,
                            str(r["record_id"]), "quantity", str(r["quantity"]),
                            f"quantities whose emissions add up to less than {np.finfo('float64').max:.3g} t (the "
                            f"float64 limit); this record gives {r['_size']:.3g} tCO2e and the sum overflows")
                      for _, r in top.iterrows()], "the emissions overflow when summed")


def check_records(records_read: int, ledger: pd.DataFrame) -> None:
    """Every record read is in the ledger exactly once; a failure here is a bug, never a user error."""
    if len(ledger) != records_read or ledger["record_id"].duplicated().any():
        raise AssertionError(f"conservation check failed: {records_read} records read, "
                             f"{len(ledger)} ledger rows ({ledger['record_id'].nunique()} distinct ids); "
                             "this is a bug in the engine, please report it")


def check_conservation(ledger: pd.DataFrame, years: dict[int, dict]) -> None:
    """The sum of per-record tCO2e = the sum of scope totals = the sum of category totals."""
    records = math.fsum(ledger["tco2e"])
    totals = math.fsum(y["total"] for y in years.values())
    cats = math.fsum(v for y in years.values() for v in y["categories"].values())
    for name, value in (("scope totals", totals), ("category totals", cats)):
        if not math.isclose(records, value, rel_tol=CONSERVATION_TOLERANCE, abs_tol=1e-9):
            raise AssertionError(f"conservation check failed: records sum to {records!r} tCO2e, "
                                 f"{name} to {value!r}; this is a bug in the engine, please report it")


def conservation(records_read: int, ledger: pd.DataFrame, years: dict[int, dict]) -> dict:
    """The statement report.json carries: every record read is in the ledger once, and the sums agree.

    Raises AssertionError (a bug, not a user error) when they do not.
    """
    check_records(records_read, ledger)
    check_conservation(ledger, years)
    return {"records_read": records_read, "records_in_ledger": int(len(ledger)), "records_rejected": 0,
            "sum_of_records_tco2e": math.fsum(ledger["tco2e"]),
            "sum_of_scope_totals_tco2e": math.fsum(y["total"] for y in years.values()),
            "relative_tolerance": CONSERVATION_TOLERANCE, "status": "ok"}


def quality_summary(ledger: pd.DataFrame, year: int) -> dict:
    """Share of each scope's and category's tCO2e in ``year`` by calculation method and by data-quality
    label or score (blank: ``unstated``), for the report's data-quality summary."""
    part = ledger[ledger["year"] == year].assign(
        dq=lambda t: t["data_quality"].where(t["data_quality"] != "", "unstated"),
        how=lambda t: t["method"].str.replace(" (inferred)", "", regex=False))

    def shares(frame: pd.DataFrame, column: str) -> dict[str, float]:
        sums = frame.groupby(column)["tco2e"].sum()
        total = float(sums.sum())
        return {str(k): float(v / total) for k, v in sums.sort_values(ascending=False).items()} if total > 0 else {}

    out = {"year": int(year), "scopes": {}, "categories": {}}
    for scope, frame in part.groupby("scope"):
        out["scopes"][f"scope{scope}"] = {"by_method": shares(frame, "how"), "by_quality": shares(frame, "dq")}
    for (scope, category), frame in part.groupby(["scope", "category"]):
        out["categories"][category_key(int(scope), str(category))] = {
            "by_method": shares(frame, "how"), "by_quality": shares(frame, "dq")}
    return out
