"""Market-based Scope 2 (GHG Protocol Scope 2 Guidance, 2015): contractual instruments, supplier rates,
residual mix, and the grid average as the last resort.

``instruments.csv``: ``instrument_id, year, type, quantity, unit, region, facility, emission_rate,
rate_unit, source`` and optionally ``vintage`` (the year the energy was generated). ``type``:
``eac`` (RECs, GOs, I-RECs), ``ppa``, ``green_tariff`` (zero rate unless a rate is stated) or
``supplier_rate`` (a utility's specific rate; a blank quantity covers all the remaining consumption of
its market).

Allocation, for each year, over the Scope 2 electricity records (their MWh):

1. Instruments (PPAs, green tariffs, EACs; in that order, then by id) cover consumption in their own
   market: the same region, or a sub-region of it (a ``US`` REC covers ``US-CAMX`` consumption), and the
   same facility when the instrument names one. Never more MWh than consumed: an instrument covers
   what is left, pro rata across the records of its market; the rest is reported as excess, not used.
2. Supplier-specific rates cover what is left next.
3. The residual mix of the record's region (factor rows with activity ``residual_mix``) covers the rest.
4. Where no residual mix resolves, the grid average (the location-based factor) is used, flagged
   ``grid_average`` in the ledger's ``market_basis``.

Quality criteria checked from data (Scope 2 Guidance ch. 7): the instrument's vintage is the reporting
year or the year before, and its market has consumption. An instrument that fails a check is listed
with the breach and not applied.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import Issue
from .factors import FactorLibrary, GwpTable, factor_gas, resolve
from .tables import RowChecks, check_required, optional_table, to_integer, to_number
from .units import parse_unit, tonnes_per_unit, unit_problem, ureg

__all__ = ["load_instruments", "market_based", "INSTRUMENT_TYPES"]

INSTRUMENT_COLUMNS = ["instrument_id", "year", "type", "quantity", "unit", "region", "facility",
                      "emission_rate", "rate_unit", "source"]
INSTRUMENT_TYPES = ("ppa", "green_tariff", "eac", "supplier_rate")  # the order they are applied in
_ENERGY = ureg.megawatt_hour.dimensionality


def _mwh(unit: str) -> float | None:
    parsed = parse_unit(unit)
    return float(ureg.Quantity(1.0, parsed).to(ureg.megawatt_hour).magnitude) if parsed.dimensionality == _ENERGY else None


def load_instruments(root: Path, name: str | None) -> tuple[pd.DataFrame, list[Issue]]:
    """Read and check the instruments file (``name``, or ``instruments.csv`` when it exists).

    Returns a table with instrument_id, year, type, mwh (NaN = all remaining, supplier rates only),
    region, facility, rate_t_per_mwh, vintage (float, NaN when not given), source; and the issues."""
    empty = pd.DataFrame(columns=["instrument_id", "year", "type", "mwh", "region", "facility", "rate_t_per_mwh",
                                  "vintage", "source"])
    table, name, issues = optional_table(root, name, "instruments.csv", "instruments file")
    if table is None:
        return empty, issues
    missing = check_required(table, name, ["instrument_id", "year", "type", "quantity", "unit", "region"])
    if missing:
        return empty, missing
    for column in INSTRUMENT_COLUMNS + ["vintage"]:
        if column not in table.columns:
            table[column] = ""
    flag = RowChecks(table, "instrument_id")
    flag(table["instrument_id"] == "", "instrument_id", "an instrument_id")
    flag(table["instrument_id"].ne("") & table.duplicated("instrument_id"), "instrument_id", "a unique instrument_id")
    year = to_integer(table["year"])
    flag(year.isna(), "year", "the whole-number reporting year the instrument is claimed for")
    kind = table["type"].str.lower()
    flag(~kind.isin(INSTRUMENT_TYPES), "type", "one of " + ", ".join(INSTRUMENT_TYPES))
    flag(table["region"] == "", "region", "the market (region) the instrument comes from, e.g. US or DE")
    quantity = to_number(table["quantity"])
    blank_ok = (kind == "supplier_rate") & (table["quantity"] == "")
    flag(~blank_ok & (quantity.isna() | (quantity < 0)), "quantity",
         "MWh covered, zero or more (blank only for a supplier rate covering all remaining consumption)")
    per_mwh = {}
    for unit in table["unit"].unique():
        factor = None if unit_problem(unit) else _mwh(unit)
        if factor is None and unit != "":
            flag(table["unit"] == unit, "unit", "an energy unit (MWh, kWh)")
        per_mwh[unit] = factor if factor is not None else np.nan
    flag(~blank_ok & (table["unit"] == ""), "unit", "an energy unit (MWh, kWh)")
    rate = to_number(table["emission_rate"])
    flag((table["emission_rate"] != "") & (rate.isna() | (rate < 0)), "emission_rate", "a rate of zero or more")
    flag((kind == "supplier_rate") & (table["emission_rate"] == ""), "emission_rate",
         "the supplier's emission rate (a supplier_rate needs one)")
    rate_t = pd.Series(0.0, index=table.index)
    for unit in table.loc[table["emission_rate"] != "", "rate_unit"].unique():
        factor = None if unit_problem(unit) else tonnes_per_unit("MWh", unit)
        mask = (table["emission_rate"] != "") & (table["rate_unit"] == unit)
        if factor is None:
            flag(mask, "rate_unit", "a mass per energy, e.g. kg/MWh, t/MWh, lb/MWh, g/kWh")
        else:
            rate_t[mask] = rate[mask] * factor
    vintage = to_integer(table["vintage"])
    flag((table["vintage"] != "") & vintage.isna(), "vintage", "the whole-number year of generation, or blank")
    issues += flag.issues
    good = ~flag.bad
    out = pd.DataFrame({
        "instrument_id": table.loc[good, "instrument_id"], "year": year[good].astype("int64"),
        "type": kind[good], "mwh": quantity[good] * table.loc[good, "unit"].map(per_mwh).astype("float64"),
        "region": table.loc[good, "region"].str.upper(), "facility": table.loc[good, "facility"],
        "rate_t_per_mwh": rate_t[good], "vintage": vintage[good].astype("float64"),
        "source": table.loc[good, "source"],
    })
    order = out["type"].map({t: i for i, t in enumerate(INSTRUMENT_TYPES)}).astype("int64")
    out = out.assign(_order=order).sort_values(["year", "_order", "instrument_id"]).drop(columns="_order")
    return out.reset_index(drop=True), issues


@dataclass
class MarketResult:
    tco2e_market: np.ndarray      # per ledger row (location figure where not a Scope 2 electricity record)
    basis: np.ndarray             # per ledger row: instrument ids / residual_mix / grid_average / ''
    instruments: list[dict]       # per instrument: applied and excess MWh, status, breaches


def _in_market(instrument_region: str, regions: np.ndarray) -> np.ndarray:
    return (regions == instrument_region) | np.char.startswith(regions.astype(str), instrument_region + "-")


def market_based(ledger: pd.DataFrame, instruments: pd.DataFrame, library: FactorLibrary,
                 gwp: GwpTable, share: np.ndarray | None = None) -> MarketResult:
    """Market-based tCO2e for every ledger row (see the module docstring for the hierarchy).

    ``share``: each record's share in the organisational boundary. Instruments cover only the
    consumption inside the boundary (MWh x share); the result is per 100% of the record, as every
    other emission column before consolidation, so that x share gives the inventory's figure."""
    market = ledger["tco2e"].to_numpy(dtype="float64").copy()
    basis = np.full(len(ledger), "", dtype=object)
    scope2 = ((ledger["scope"] == 2) & (ledger["category"] == "electricity") & (ledger["calculation"] == "factor")).to_numpy()
    unit_mwh = {u: _mwh(u) for u in ledger.loc[scope2, "unit"].unique()}
    mwh = np.zeros(len(ledger))
    energy = scope2 & ledger["unit"].map(lambda u: unit_mwh.get(u) is not None).to_numpy(dtype=bool)
    mwh[energy] = ledger.loc[energy, "quantity"].to_numpy() * ledger.loc[energy, "unit"].map(unit_mwh).to_numpy(dtype="float64")
    share = np.ones(len(ledger)) if share is None else np.asarray(share, dtype="float64")
    grid_rate = np.divide(ledger["tco2e"].to_numpy(dtype="float64"), mwh, out=np.zeros(len(ledger)), where=mwh > 0)
    energy &= share > 0  # consumption outside the boundary takes no instrument: its market figure is the grid's
    mwh = mwh * share
    basis[scope2 & ~energy] = "grid_average"  # not in an energy unit: no instrument can be matched
    remaining = mwh.copy()
    emitted = np.zeros(len(ledger))
    used: dict[int, list[str]] = {}
    regions = ledger["region"].str.upper().to_numpy().astype(str)
    facilities = ledger["facility"].to_numpy().astype(str)
    years = ledger["year"].to_numpy()
    report = []
    for inst in instruments.itertuples(index=False):
        breaches = []
        if not np.isnan(inst.vintage) and not (inst.year - 1 <= inst.vintage <= inst.year):
            breaches.append(f"vintage {int(inst.vintage)} is not the reporting year {inst.year} or the year before")
        eligible = energy & (years == inst.year) & _in_market(inst.region, regions)
        if inst.facility:
            eligible &= facilities == inst.facility
        if not eligible.any():
            breaches.append(f"no Scope 2 electricity consumption in its market ({inst.region}"
                            + (f", facility {inst.facility}" if inst.facility else "") + f") in {inst.year}")
        offered = inst.mwh
        entry = {"instrument_id": inst.instrument_id, "year": int(inst.year), "type": inst.type,
                 "region": inst.region, "facility": inst.facility, "quantity_mwh": None if np.isnan(offered) else offered,
                 "applied_mwh": 0.0, "excess_mwh": 0.0 if np.isnan(offered) else offered,
                 "rate_t_per_mwh": inst.rate_t_per_mwh, "breaches": breaches}
        if not breaches:
            open_mwh = remaining[eligible].sum()
            take = open_mwh if np.isnan(offered) else min(offered, open_mwh)
            if take > 0:
                portion = np.zeros(len(ledger))
                portion[eligible] = remaining[eligible] * (take / open_mwh)
                remaining -= portion
                emitted += portion * inst.rate_t_per_mwh
                for i in np.flatnonzero(portion > 0):
                    used.setdefault(i, []).append(inst.instrument_id)
            entry["applied_mwh"] = float(take)
            entry["excess_mwh"] = 0.0 if np.isnan(offered) else float(offered - take)
        entry["status"] = ("breach" if breaches else "unused" if entry["applied_mwh"] == 0
                           else "partly_applied" if entry["excess_mwh"] > 0 else "applied")
        report.append(entry)
    remaining[remaining <= 1e-12 * mwh] = 0.0  # float dust of pro-rata allocation
    # what no instrument covered: residual mix of the region, else the grid average (the location rate)
    residual_rate = np.full(len(ledger), np.nan)
    for region, year in set(zip(regions[energy], years[energy])):
        res = resolve(library, "residual_mix", region, int(year), "MWh")
        if res.problem is None:
            rows = library.table.loc[list(res.rows)]
            gases = [factor_gas(gwp, g, o) for g, o in zip(rows["gas"], rows["ch4_origin"])]
            if None in gases:  # a gas the GWP set lacks: no residual mix rather than a wrong one
                continue
            rate = sum(float(v) * per * gwp.gwp(g) for v, per, g in zip(rows["value"], res.tonnes_per_unit, gases))
            residual_rate[energy & (regions == region) & (years == year)] = rate
    has_residual = ~np.isnan(residual_rate)
    rest_rate = np.where(has_residual, residual_rate, grid_rate)
    inside = np.divide(emitted + remaining * rest_rate, share, out=np.zeros(len(ledger)), where=share > 0)
    market[energy] = inside[energy]
    for i in np.flatnonzero(energy):
        parts = used.get(i, [])
        if remaining[i] > 0 or not parts:
            parts = parts + ["residual_mix" if has_residual[i] else "grid_average"]
        basis[i] = ";".join(parts)
    return MarketResult(market, basis, report)


def detect_scope2_method(ledger: pd.DataFrame) -> str:
    """Which Scope 2 figure a ledger's ``tco2e`` follows: ``location`` when its Scope 2 rows equal
    ``tco2e_location`` and not ``tco2e_market``; else ``market`` (also when the columns are absent)."""
    if not {"tco2e_market", "tco2e_location"} <= set(ledger.columns):
        return "market"
    s2 = ledger[ledger["scope"] == 2]
    if len(s2) and not np.allclose(s2["tco2e"], s2["tco2e_market"], rtol=1e-12, atol=0) \
            and np.allclose(s2["tco2e"], s2["tco2e_location"], rtol=1e-12, atol=0):
        return "location"
    return "market"
