"""Records x factors x GWP -> the ledger: tonnes CO2e and tonnes of each gas per record.

Factor resolution and unit conversion run once per distinct key ((activity, region, year, unit) for
factor-based records, (gas, unit) for direct emissions); each record then takes its key's
coefficients by integer code and multiplies, vectorised.
"""

from __future__ import annotations


import numpy as np
import pandas as pd

from .errors import InputError, Issue
from .aggregate import check_records
from .boundary import shares
from .coefficients import LINEAGE_FIELDS, KeyResolver
from .factors import BIOGENIC, NON_GWP_GASES
from .input_warnings import ledger_warnings
from .inventory import DQ_COLUMNS, Inventory
from .scope2 import market_based
from .tables import FILE, ROW
from .units import mass_to_tonnes

__all__ = ["calculate", "LEDGER_COLUMNS"]

LEDGER_COLUMNS = ["record_id", "year", "scope", "category", "activity", "gas", "quantity", "unit", "region",
                  "entity", "facility", "source", "data_quality", "dq_technological", "dq_temporal",
                  "dq_geographical", "dq_completeness", "dq_reliability", "notes", "method", "tco2e", "biogenic_tco2",
                  "tco2e_location", "tco2e_market", "market_basis", "boundary_share", "boundary_note",
                  "tco2e_entity", "energy_mwh", "renewable_fuel_mwh"]
LINEAGE_COLUMNS = ["calculation", "factor_set", "factor_file", "factor_rows", "factor_region", "factor_vintage",
                   "factor_flags", "factor_source", "factor_uncertainty", "gwp_set", "gwp_values", "input_file", "input_row",
                   "evidence", "evidence_sha256",
                   "factor_verification", "period", "estimated"]


def calculate(inventory: Inventory) -> pd.DataFrame:
    """The per-record ledger of ``inventory`` as a DataFrame, one row per input record, sorted by
    record_id.

    Columns: ``LEDGER_COLUMNS``, then ``t_<gas>`` (tonnes of each gas; ``t_CO2e`` for factors or
    direct emissions already in CO2e), then lineage (factor set, file, rows, region, vintage, flags,
    citation, GWP set and values used, input file and row). Raises InputError with every problem of
    the run: those found while loading and every record whose factor, unit or gas does not resolve.
    """
    with np.errstate(over="ignore", invalid="ignore"):  # overflow is checked below, record by record
        return _calculate(inventory)


def _calculate(inventory: Inventory) -> pd.DataFrame:
    records = inventory.records
    issues = list(inventory.issues)
    _, _, boundary_issues = shares(inventory.boundary, records["entity"], records["year"], records[FILE],
                                   records[ROW], records["record_id"])
    is_direct = records["gas"] != ""
    factor_part, factor_issues = _factor_based(inventory, records.loc[~is_direct])
    direct_part, direct_issues = _direct(inventory, records.loc[is_direct])
    issues += boundary_issues + factor_issues + direct_issues
    if issues:
        raise InputError(issues, headline=f"inventory {inventory.root} cannot be calculated")
    ledger = pd.concat([p for p in (factor_part, direct_part) if len(p)] or [factor_part], ignore_index=True)
    gas_columns = sorted(c for c in ledger.columns if c.startswith("t_"))
    ledger[gas_columns] = ledger[gas_columns].fillna(0.0)
    ledger = ledger.sort_values("record_id", kind="stable").reset_index(drop=True)
    share, note, _ = shares(inventory.boundary, ledger["entity"], ledger["year"], ledger["input_file"],
                            ledger["input_row"], ledger["record_id"])
    digest = ledger["evidence"].map(inventory.evidence)  # the evidence file's hash, in the lineage
    ledger["evidence_sha256"] = digest.astype(object).where(digest.notna(), "")
    instruments = _scope2_both_ways(inventory, ledger, share)
    _consolidate(ledger, gas_columns, share, note)
    numbers = ledger[["tco2e", "biogenic_tco2", *gas_columns]].to_numpy(dtype="float64")
    overflow = ~np.isfinite(numbers).all(axis=1)
    if overflow.any():
        bad = ledger.loc[overflow]
        raise InputError([Issue(f, int(r), i, "quantity", repr(q), "a quantity whose emissions fit in a float64 "
                                "(the result overflows); check the magnitude and the unit")
                          for f, r, i, q in zip(bad["input_file"], bad["input_row"], bad["record_id"], bad["quantity"])],
                         headline=f"inventory {inventory.root} cannot be calculated")
    ledger = ledger[LEDGER_COLUMNS + gas_columns + LINEAGE_COLUMNS]
    check_records(inventory.records_read, ledger)
    ledger.attrs["instruments"] = instruments  # the allocation of each instrument, for the report
    # inputs used as read one way of several, factor choices to know about (carbon/input_warnings.py)
    ledger.attrs["warnings"] = list(inventory.warnings) + ledger_warnings(inventory, ledger)
    return ledger


def _scope2_both_ways(inv: Inventory, ledger: pd.DataFrame, share: np.ndarray) -> list[dict]:
    """tco2e_location and tco2e_market on every row; tco2e follows the inventory's scope2_method."""
    result = market_based(ledger, inv.instruments, inv.factors, inv.gwp, share)
    ledger["tco2e_location"] = ledger["tco2e"].to_numpy()
    ledger["tco2e_market"] = result.tco2e_market
    ledger["market_basis"] = result.basis
    if inv.config.scope2_method == "market":
        ledger["tco2e"] = result.tco2e_market
    return result.instruments


def _consolidate(ledger: pd.DataFrame, gas_columns: list[str], share: np.ndarray, note: np.ndarray) -> None:
    """Scale every emission column by the record's share in the organisational boundary."""
    ledger["tco2e_entity"] = ledger["tco2e"].to_numpy()
    ledger["boundary_share"] = share
    ledger["boundary_note"] = note
    for column in ["tco2e", "biogenic_tco2", "tco2e_location", "tco2e_market", "energy_mwh", "renewable_fuel_mwh",
                   *gas_columns]:
        ledger[column] = ledger[column].to_numpy(dtype="float64") * share


def _base(records: pd.DataFrame, gwp_set: str) -> pd.DataFrame:
    out = records[[c for c in LEDGER_COLUMNS if c in records.columns]].copy()
    for column in ("data_quality", *DQ_COLUMNS, "notes", "method"):  # optional text columns: blank when absent
        if column not in out.columns:
            out[column] = ""
        out[column] = out[column].fillna("")
    out["evidence"] = records["evidence"].fillna("").to_numpy() if "evidence" in records.columns else ""
    for column in ("period", "estimated"):  # monthly records and gap-filled estimates (carbon fill)
        out[column] = records[column].fillna("").astype(str).to_numpy() if column in records.columns else ""
    out["input_file"] = records[FILE].to_numpy()
    out["input_row"] = records[ROW].to_numpy()
    out["gwp_set"] = gwp_set
    return out


def _factor_based(inv: Inventory, records: pd.DataFrame) -> tuple[pd.DataFrame, list[Issue]]:
    out = _base(records, inv.gwp.name)
    if records.empty:
        return out, []
    keys_cols = ["activity", "region", "year", "unit"]
    codes = records.groupby(keys_cols, sort=True, dropna=False).ngroup().to_numpy()
    keys = records[keys_cols].drop_duplicates().sort_values(keys_cols).reset_index(drop=True)
    resolver = KeyResolver(inv.factors, inv.gwp, inv.money)
    issues: list[Issue] = []
    found = [resolver.factor(activity, region, int(year), unit) for activity, region, year, unit
             in keys.itertuples(index=False)]
    for k, key in enumerate(found):
        if key.problem:
            column, shown, expected = key.problem
            mask = codes == k
            issues += [Issue(f, int(r), i, column, shown, expected)
                       for f, r, i in zip(records[FILE].to_numpy()[mask], records[ROW].to_numpy()[mask],
                                          records["record_id"].to_numpy()[mask])]
        issues += key.factor_issues
    per_key = [key.tonnes for key in found]
    gas_names = sorted({g for d in per_key for g in d})
    lineage = [key.lineage for key in found]
    if issues:
        return out, issues
    coef = np.array([[d.get(g, 0.0) for g in gas_names] for d in per_key], dtype="float64").reshape(len(keys), -1)
    co2e = np.array([key.co2e for key in found], dtype="float64")
    quantity = records["quantity"].to_numpy(dtype="float64")
    per_gas = quantity[:, None] * coef[codes]
    for j, gas in enumerate(gas_names):
        out[f"t_{gas}"] = per_gas[:, j]
    out["tco2e"] = quantity * co2e[codes]
    biogenic = coef[:, gas_names.index(BIOGENIC)] if BIOGENIC in gas_names else np.zeros(len(keys))
    out["biogenic_tco2"] = quantity * biogenic[codes]
    # energy content (MWh) per key: the unit when an energy, else the fuel's heat content in the factor set
    mwh = np.array([resolver.mwh_per_unit(activity, region, int(year), unit)[0] for activity, region, year, unit
                    in keys.itertuples(index=False)], dtype="float64")
    # a renewable fuel: its CO2 is all biogenic (wood, biodiesel 100%, landfill gas), none fossil
    renewable = np.array([BIOGENIC in key.tonnes and not key.tonnes.get("CO2") for key in found], dtype=bool)
    out["energy_mwh"] = quantity * mwh[codes]
    out["renewable_fuel_mwh"] = np.where(renewable[codes], out["energy_mwh"].to_numpy(), 0.0)
    names = list(LINEAGE_FIELDS)
    lineage_frame = pd.DataFrame(lineage, columns=names)
    for name in names:
        out[name] = lineage_frame[name].to_numpy()[codes]
    return out, []


def _direct(inv: Inventory, records: pd.DataFrame) -> tuple[pd.DataFrame, list[Issue]]:
    out = _base(records, inv.gwp.name)
    if records.empty:
        return out, []
    issues: list[Issue] = []
    canonical = {g: inv.gwp.canonical(g) for g in records["gas"].unique()}
    for gas, name in canonical.items():
        if name is None:
            mask = records["gas"] == gas
            issues += [Issue(f, int(r), i, "gas", gas,
                             f"a gas listed in the GWP set {inv.gwp.name} ({inv.gwp.path}), or CO2e")
                       for f, r, i in zip(records.loc[mask, FILE], records.loc[mask, ROW], records.loc[mask, "record_id"])]
    if issues:
        return out, issues
    gas = records["gas"].map(canonical)
    tonnes = records["quantity"].to_numpy() * records["unit"].map(
        {u: mass_to_tonnes(u) for u in records["unit"].unique()}).to_numpy(dtype="float64")
    gwp = gas.map({g: inv.gwp.gwp(g) for g in gas.unique()}).to_numpy(dtype="float64")
    out["gas"] = gas.to_numpy()
    out["tco2e"] = tonnes * gwp
    out["biogenic_tco2"] = np.where(gas.to_numpy() == BIOGENIC, tonnes, 0.0)
    for g in sorted(gas.unique()):
        out[f"t_{g}"] = np.where(gas.to_numpy() == g, tonnes, 0.0)
    out["energy_mwh"] = np.nan  # a gas emitted directly says nothing of the energy used
    out["renewable_fuel_mwh"] = 0.0
    out["calculation"] = "direct"
    for name in LINEAGE_COLUMNS[1:9]:
        out[name] = ""
    out["gwp_values"] = gas.map({g: "" if g in NON_GWP_GASES else f"{g}={inv.gwp.gwp(g):g}" for g in gas.unique()})
    out["factor_verification"] = ""
    return out, issues
