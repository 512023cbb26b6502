"""Breakdowns the disclosure frameworks ask for (GHG Protocol ch. 9 by gas; CDP C7.1a, C7.2, C7.5):
``years[Y].by_gas`` and ``years[Y].by_country`` of report.json.

- ``by_gas``: per scope, per gas, ``t`` (tonnes of the gas) and ``tco2e`` (x the GWP of the inventory's
  set), from the ledger's ``t_<gas>`` columns (as consolidated). ``CO2e`` is emissions given in CO2e by
  their factor (spend-based, waste, supplier footprints: no split by gas). Biogenic CO2 is outside the
  scopes (``biogenic_co2``). Scope 2 by gas is location-based (a market-based instrument has no gas split).
- ``by_country``: per country (the record's region up to its first ``-``: ``US-CAMX`` -> ``US``;
  ``unstated`` when the record has no region), ``scope1``, ``scope2_location``, ``scope2_market``.
"""

from __future__ import annotations

import math

import pandas as pd

from .distinct import per_distinct
from .factors import BIOGENIC

__all__ = ["by_gas", "by_country"]


def by_gas(ledger: pd.DataFrame, gwp) -> dict[int, dict]:
    """``{year: {"scope1": {gas: {"t", "tco2e"}}, "scope2": ..., "scope3": ...}}``."""
    gases = [c[2:] for c in ledger.columns if c.startswith("t_") and c[2:] != BIOGENIC]
    if not gases:
        return {}
    sums = ledger.groupby(["year", "scope"])[[f"t_{g}" for g in gases]].sum()
    out: dict[int, dict] = {}
    for (year, scope), row in sums.iterrows():
        entry = {g: {"t": float(row[f"t_{g}"]), "tco2e": float(row[f"t_{g}"]) * gwp.gwp(g)}
                 for g in gases if row[f"t_{g}"] != 0}
        out.setdefault(int(year), {"scope1": {}, "scope2": {}, "scope3": {}})[f"scope{int(scope)}"] = entry
    return out


def _country(region) -> str:
    """The country part of a region code (``US-CAMX`` -> ``US``), ``unstated`` when blank."""
    text = "" if region is None or region != region else str(region).strip()
    return text.split("-", 1)[0].upper() if text else "unstated"


def by_country(ledger: pd.DataFrame) -> dict[int, dict]:
    """``{year: {country: {"scope1", "scope2_location", "scope2_market"}}}`` (Scope 1 and 2 records)."""
    own = ledger[ledger["scope"].isin([1, 2])]
    if own.empty:
        return {}
    country = per_distinct(own["region"], _country)
    frame = pd.DataFrame({"year": own["year"].to_numpy(), "country": country,
                          "s1": own["tco2e"].where(own["scope"] == 1, 0.0).to_numpy(),
                          "loc": own["tco2e_location"].where(own["scope"] == 2, 0.0).to_numpy(),
                          "mkt": own["tco2e_market"].where(own["scope"] == 2, 0.0).to_numpy()})
    out: dict[int, dict] = {}
    for (year, name), part in frame.groupby(["year", "country"], sort=True):
        out.setdefault(int(year), {})[str(name)] = {"scope1": math.fsum(part["s1"]),
                                                    "scope2_location": math.fsum(part["loc"]),
                                                    "scope2_market": math.fsum(part["mkt"])}
    return out
