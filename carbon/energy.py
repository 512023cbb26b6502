"""Energy consumption by year (ESRS E1-5, CDP C8, IFRS S2 industry metrics): the report's ``energy_mwh``.

Every Scope 1 and Scope 2 record carries, in the ledger, the energy it stands for (``energy_mwh``,
consolidated by the boundary share like its emissions): its quantity when the unit is an energy (kWh, MWh,
therm, MMBtu, GJ), else quantity x the fuel's heat content from the factor set
(:meth:`carbon.coefficients.KeyResolver.mwh_per_unit`). Per year:

- ``fuels``: Scope 1 records (fuels burned: stationary and mobile combustion);
- ``electricity``: Scope 2 records of category ``electricity`` (and its sub-categories);
- ``steam_heat_cooling``: Scope 2 records of category ``steam``, ``heat`` or ``cooling``;
- ``renewable``: renewable fuels (records whose factor's CO2 is all biogenic: wood, biodiesel 100%,
  landfill gas) plus the electricity covered by zero-emission contractual instruments (PPAs, green tariffs,
  EACs at 0 t/MWh, as the market-based allocation applied them: ``applied_mwh`` in ``instruments``);
- ``non_renewable``: total - renewable; ``renewable_share``: renewable / total;
- ``records``: Scope 1 and 2 records counted, ``records_without_energy``: Scope 1 and 2 records whose
  energy is not known (a refrigerant leak, a process emission, a fuel in a unit the factor set gives no
  heat content for): never silently counted as zero, listed by category in ``without_energy_by_category``;
- ``per_revenue``: total / the year's ``revenue`` in metrics.csv (MWh per unit of revenue as given
  there), when there is one.

Scope 3 records are not the undertaking's own energy consumption and are left out.
"""

from __future__ import annotations

import math

import pandas as pd

from .distinct import per_combination

__all__ = ["energy_by_year"]

SHC = ("steam", "heat", "cooling")


def energy_by_year(ledger: pd.DataFrame, instruments: list[dict], metrics: dict, categories=None) -> dict[int, dict]:
    """``{year: energy_mwh}`` for every year of the ledger (see the module docstring)."""
    own = ledger[ledger["scope"].isin([1, 2])]
    if "energy_mwh" not in own.columns:  # a ledger from another engine: no energy figures
        return {}
    parent = own["category"]
    if categories is not None and len(own):
        parent = pd.Series(per_combination(own, ["scope", "category"], lambda s, c: categories.parent(int(s), c)),
                           index=own.index)
    kind = pd.Series("fuels", index=own.index)
    kind[(own["scope"] == 2)] = "electricity"
    kind[(own["scope"] == 2) & parent.isin(SHC)] = "steam_heat_cooling"
    known = own["energy_mwh"].notna()
    out: dict[int, dict] = {}
    green = {}
    for inst in instruments:
        rate = inst.get("rate_t_per_mwh")
        if inst.get("type") in ("ppa", "green_tariff", "eac") and rate is not None and not math.isnan(rate) and rate == 0:
            green[inst["year"]] = green.get(inst["year"], 0.0) + float(inst.get("applied_mwh") or 0.0)
    for year in sorted(int(y) for y in ledger["year"].unique()):
        mask = (own["year"] == year).to_numpy()
        part, kinds, has = own[mask], kind[mask], known[mask]
        by = {k: math.fsum(part.loc[has & (kinds == k), "energy_mwh"]) for k in ("fuels", "electricity", "steam_heat_cooling")}
        total = math.fsum(by.values())
        renewable = math.fsum(part.loc[has, "renewable_fuel_mwh"]) + green.get(year, 0.0)
        missing = part.loc[~has, "category"].value_counts()
        entry = {"total": total, **by, "renewable": renewable, "non_renewable": total - renewable,
                 "renewable_share": renewable / total if total else None,
                 "renewable_fuels": math.fsum(part.loc[has, "renewable_fuel_mwh"]),
                 "renewable_electricity": green.get(year, 0.0),
                 "records": int(mask.sum()), "records_without_energy": int((~has).sum()),
                 "without_energy_by_category": {str(c): int(n) for c, n in sorted(missing.items())}}
        revenue = metrics.get(("revenue", year))
        if revenue:
            entry["per_revenue"] = total / revenue
        out[year] = entry
    return out
