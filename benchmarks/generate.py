"""Generate a realistic synthetic inventory for the scale benchmarks and tests (seeded, reproducible).

    python benchmarks/generate.py OUT_DIR --records 1e7 [--seed 8] [--formats parquet csv]
                                          [--rows-per-file 10000000] [--row-group 1000000]

writes into OUT_DIR:

- ``inventory.toml``: the inventory (AR5 GWPs, the generated factor folder, its own exchange rates).
- ``activities/part-NNNNN.parquet`` (and ``activities_csv/part-NNNNN.csv`` with ``--formats csv``): N
  records across all three scopes, the 4 Scope 1 and 4 Scope 2 categories and the 15 Scope 3
  categories, 71 activities plus direct emissions of refrigerants, SF6 and supplier CO2e, 30 regions
  (countries and grid sub-regions), reporting years 2020-2025, and mixed units: energy (kWh, MWh, GJ,
  MMBtu, therm), volume (L, gallon, m**3, scf), mass (kg, t, lb, short_ton), distance (vehicle*km,
  vehicle*mile), passenger and tonne distance (passenger*km, tonne*km, short_ton*mile, kg*km),
  room*night, hours, vehicles, and currency (USD, kUSD, MUSD, EUR, kEUR, GBP, CNY).
- ``factors/*.csv``: a factor table of a few thousand rows in the engine's format: per-gas rows (CO2,
  CH4, N2O, CO2e, biogenic_CO2), country and sub-region rows with a blank-region fallback, vintages
  2019-2024 with gaps (so records fall back to older or newer vintages), several unit bases per
  activity. Every value is marked SYNTHETIC in its ``source``: none is a published factor.
- ``fx.csv``: exchange rates 2020-2025 (synthetic) for spend in a currency other than the factor's.
- ``baseline/units.csv`` and ``baseline/factor_units.csv``: the unit conversions a hand-written SQL
  baseline needs (dimension and multiplier of each unit string, computed once with pint);
  ``baseline/gwp.csv``: the AR5 values of the gases used.

Record ids are unique and not in sorted order (a bijective scramble of the row number), the way ids
from several source systems arrive. Memory stays flat: records are generated and written a chunk at a
time.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.parquet as pq

YEARS = list(range(2020, 2026))
VINTAGES = list(range(2019, 2025))
REGIONS = ["US", "US-CAMX", "US-ERCT", "US-NYUP", "US-RFCW", "US-SRSO", "GB", "DE", "FR", "IT", "ES", "NL", "SE",
           "PL", "CN", "CN-EAST", "CN-NORTH", "CN-SOUTH", "JP", "IN", "BR", "MX", "CA", "CA-ON", "CA-QC", "AU",
           "AU-NSW", "SG", "ZA", "KR"]
# regions with their own grid rows; the others fall back to their country (US-NYUP -> US) or to the
# blank-region world average (KR, ZA)
GRID_REGIONS = [r for r in REGIONS if r not in ("US-NYUP", "CA-QC", "KR", "ZA", "AU-NSW")]
# vintages per grid region: some start late (vintage_after_record for 2020), all end by 2024
GRID_VINTAGES = {r: VINTAGES[(i % 3):] for i, r in enumerate(GRID_REGIONS)}
SOME_REGIONS = ["US", "GB", "DE", "FR", "CN", "IN", "JP", "BR"]
SYNTHETIC = "SYNTHETIC - benchmark generator, not a published factor"

# name, scope, category, [(unit, weight)], region mode, [(gas, value, factor unit)], weight
#   region mode: global (blank region, any year), vintage (blank region, dated vintages),
#   grid (GRID_REGIONS x vintages + world average), some (SOME_REGIONS x 3 vintages + blank)
COMBUSTION = [("CO2", 1.0, "kg"), ("CH4", 1e-3 * 20, "g"), ("N2O", 1e-3 * 2, "g")]
ACTIVITIES: list[tuple] = [
    # Scope 1 stationary combustion
    ("natural_gas", 1, "stationary_combustion", [("MMBtu", 3), ("therm", 3), ("scf", 2), ("m**3", 1), ("kWh", 1)],
     "global", [("CO2", 53.06, "kg/MMBtu"), ("CH4", 1.0, "g/MMBtu"), ("N2O", 0.1, "g/MMBtu"),
                ("CO2", 0.05444, "kg/scf"), ("CH4", 0.00103, "g/scf"), ("N2O", 0.0001, "g/scf")], 6),
    ("diesel_stationary", 1, "stationary_combustion", [("gallon", 2), ("L", 2)], "global",
     [("CO2", 10.21, "kg/gallon"), ("CH4", 0.41, "g/gallon"), ("N2O", 0.08, "g/gallon")], 3),
    ("fuel_oil_residual", 1, "stationary_combustion", [("gallon", 1), ("L", 1)], "global",
     [("CO2", 11.27, "kg/gallon"), ("CH4", 0.45, "g/gallon"), ("N2O", 0.09, "g/gallon")], 1),
    ("propane", 1, "stationary_combustion", [("gallon", 2), ("L", 1), ("MMBtu", 1)], "global",
     [("CO2", 5.72, "kg/gallon"), ("CH4", 0.27, "g/gallon"), ("N2O", 0.05, "g/gallon"),
      ("CO2", 62.87, "kg/MMBtu"), ("CH4", 3.0, "g/MMBtu"), ("N2O", 0.6, "g/MMBtu")], 2),
    ("coal_bituminous", 1, "stationary_combustion", [("short_ton", 1), ("t", 1), ("MMBtu", 1)], "global",
     [("CO2", 2325, "kg/short_ton"), ("CH4", 274, "g/short_ton"), ("N2O", 40, "g/short_ton"),
      ("CO2", 93.28, "kg/MMBtu"), ("CH4", 11, "g/MMBtu"), ("N2O", 1.6, "g/MMBtu")], 1),
    ("wood_pellets", 1, "stationary_combustion", [("t", 1), ("kg", 1), ("short_ton", 1)], "global",
     [("biogenic_CO2", 1640, "kg/short_ton"), ("CH4", 126, "g/short_ton"), ("N2O", 63, "g/short_ton")], 1),
    ("lpg", 1, "stationary_combustion", [("kg", 2), ("t", 1)], "vintage", [("CO2e", 2.9397, "kg/kg")], 1),
    ("kerosene_stationary", 1, "stationary_combustion", [("L", 1), ("gallon", 1)], "global",
     [("CO2", 10.15, "kg/gallon"), ("CH4", 0.41, "g/gallon"), ("N2O", 0.08, "g/gallon")], 1),
    ("biogas", 1, "stationary_combustion", [("MMBtu", 1), ("GJ", 1)], "global",
     [("biogenic_CO2", 52.07, "kg/MMBtu"), ("CH4", 3.2, "g/MMBtu"), ("N2O", 0.63, "g/MMBtu")], 1),
    # Scope 1 mobile combustion
    ("mobile_motor_gasoline", 1, "mobile_combustion", [("gallon", 3), ("L", 3)], "global",
     [("CO2", 8.78, "kg/gallon")], 4),
    ("mobile_diesel", 1, "mobile_combustion", [("gallon", 3), ("L", 3)], "global", [("CO2", 10.21, "kg/gallon")], 4),
    ("jet_fuel", 1, "mobile_combustion", [("gallon", 1), ("L", 1)], "global", [("CO2", 9.75, "kg/gallon")], 1),
    ("fleet_car_distance", 1, "mobile_combustion", [("vehicle*mile", 2), ("vehicle*km", 2)], "vintage",
     [("CH4", 0.0059, "g/(vehicle*mile)"), ("N2O", 0.0053, "g/(vehicle*mile)")], 3),
    ("cng_vehicles", 1, "mobile_combustion", [("scf", 1), ("m**3", 1)], "global", [("CO2", 0.05444, "kg/scf")], 1),
    ("marine_diesel", 1, "mobile_combustion", [("t", 1)], "global",
     [("CO2", 3206, "kg/t"), ("CH4", 0.06, "kg/t"), ("N2O", 0.15, "kg/t")], 1),
    # Scope 1 process and fugitive
    ("clinker_production", 1, "process", [("t", 1)], "some", [("CO2", 0.507, "t/t")], 1),
    ("lime_production", 1, "process", [("t", 1), ("short_ton", 1)], "global", [("CO2", 0.75, "t/t")], 1),
    ("nitric_acid", 1, "process", [("t", 1)], "global", [("N2O", 7.0, "kg/t")], 1),
    ("coal_mine_methane", 1, "fugitive", [("t", 1), ("short_ton", 1)], "some", [("CH4", 8.2, "kg/t")], 1),
    # Scope 2
    ("electricity", 2, "electricity", [("kWh", 5), ("MWh", 5)], "grid",
     [("CO2", 400.0, "kg/MWh"), ("CH4", 0.03, "kg/MWh"), ("N2O", 0.004, "kg/MWh")], 14),
    ("steam", 2, "steam", [("MMBtu", 1), ("GJ", 1)], "global",
     [("CO2", 66.33, "kg/MMBtu"), ("CH4", 1.25, "g/MMBtu"), ("N2O", 0.125, "g/MMBtu")], 2),
    ("district_heat", 2, "heat", [("MWh", 1), ("GJ", 1), ("kWh", 1)], "some", [("CO2e", 0.17, "kg/kWh")], 2),
    ("district_cooling", 2, "cooling", [("MWh", 1), ("ton_of_refrigeration*hour", 1)], "some",
     [("CO2e", 0.09, "kg/kWh")], 1),
    # Scope 3 category 1: purchased goods and services
    ("purchased_steel", 3, "1", [("t", 2), ("kg", 1), ("short_ton", 1)], "some", [("CO2e", 1.9, "t/t")], 3),
    ("purchased_cement", 3, "1", [("t", 1)], "some", [("CO2e", 0.6, "t/t")], 2),
    ("purchased_paper", 3, "1", [("kg", 1), ("t", 1), ("lb", 1)], "vintage", [("CO2e", 0.92, "kg/kg")], 2),
    ("purchased_plastics", 3, "1", [("kg", 1), ("t", 1)], "vintage", [("CO2e", 3.1, "kg/kg")], 2),
    ("spend_professional_services", 3, "1", [("USD", 3), ("kUSD", 2), ("EUR", 2), ("GBP", 1), ("CNY", 1)],
     "vintage", [("CO2e", 0.12, "kg/USD")], 8),
    ("spend_it_services", 3, "1", [("USD", 2), ("kUSD", 2)], "vintage", [("CO2e", 0.15, "kg/USD")], 5),
    ("purchased_food", 3, "1", [("kg", 1), ("t", 1)], "some", [("CO2e", 2.5, "kg/kg")], 2),
    ("water_supply", 3, "1", [("m**3", 2), ("L", 1)], "some", [("CO2e", 0.149, "kg/m**3")], 2),
    # category 2: capital goods
    ("spend_machinery", 3, "2", [("USD", 1), ("kUSD", 1), ("EUR", 1), ("kEUR", 1)], "vintage",
     [("CO2e", 0.35, "kg/USD")], 2),
    ("spend_buildings", 3, "2", [("USD", 1), ("MUSD", 1)], "vintage", [("CO2e", 0.28, "kg/USD")], 1),
    ("purchased_vehicles", 3, "2", [("vehicle", 1)], "global", [("CO2e", 9.2, "t/vehicle")], 1),
    # category 3: fuel- and energy-related activities
    ("wtt_natural_gas", 3, "3", [("kWh", 1), ("MMBtu", 1), ("therm", 1)], "vintage", [("CO2e", 0.0308, "kg/kWh")], 2),
    ("wtt_diesel", 3, "3", [("L", 1), ("gallon", 1)], "vintage", [("CO2e", 0.61, "kg/L")], 2),
    ("td_losses_electricity", 3, "3", [("kWh", 1), ("MWh", 1)], "grid", [("CO2e", 22.0, "kg/MWh")], 3),
    ("wtt_electricity", 3, "3", [("kWh", 1), ("MWh", 1)], "grid", [("CO2e", 45.0, "kg/MWh")], 3),
    # category 4: upstream transportation and distribution
    ("freight_truck", 3, "4", [("tonne*km", 2), ("short_ton*mile", 2)], "vintage",
     [("CO2", 0.168, "kg/(short_ton*mile)"), ("CH4", 0.0015, "g/(short_ton*mile)"),
      ("N2O", 0.0047, "g/(short_ton*mile)")], 4),
    ("freight_rail", 3, "4", [("tonne*km", 1)], "some", [("CO2e", 0.028, "kg/(tonne*km)")], 1),
    ("freight_sea_container", 3, "4", [("tonne*km", 1)], "vintage", [("CO2e", 0.016, "kg/(tonne*km)")], 1),
    ("freight_air", 3, "4", [("tonne*km", 1), ("short_ton*mile", 1)], "vintage", [("CO2e", 1.1, "kg/(tonne*km)")], 1),
    ("warehousing_spend", 3, "4", [("USD", 1), ("kUSD", 1)], "vintage", [("CO2e", 0.21, "kg/USD")], 1),
    # category 5: waste generated in operations
    ("waste_landfill", 3, "5", [("t", 2), ("short_ton", 1), ("kg", 1)], "some", [("CO2e", 520.0, "kg/t")], 2),
    ("waste_recycling", 3, "5", [("t", 1), ("kg", 1)], "vintage", [("CO2e", 21.3, "kg/t")], 1),
    ("waste_composting", 3, "5", [("t", 1)], "vintage", [("CO2e", 8.9, "kg/t")], 1),
    ("waste_incineration", 3, "5", [("t", 1)], "some", [("CO2e", 21.3, "kg/t")], 1),
    ("wastewater", 3, "5", [("m**3", 1)], "some", [("CO2e", 0.272, "kg/m**3")], 1),
    # category 6: business travel
    ("air_short_haul", 3, "6", [("passenger*km", 2), ("passenger*mile", 2)], "vintage",
     [("CO2", 0.207, "kg/(passenger*mile)"), ("CH4", 0.0064, "g/(passenger*mile)"),
      ("N2O", 0.0066, "g/(passenger*mile)")], 4),
    ("air_long_haul", 3, "6", [("passenger*km", 2), ("passenger*mile", 2)], "vintage",
     [("CO2", 0.161, "kg/(passenger*mile)"), ("CH4", 0.0006, "g/(passenger*mile)"),
      ("N2O", 0.0051, "g/(passenger*mile)")], 3),
    ("rail_travel", 3, "6", [("passenger*km", 1), ("passenger*mile", 1)], "some", [("CO2e", 0.035, "kg/(passenger*km)")], 2),
    ("hotel_stay", 3, "6", [("room*night", 1)], "some", [("CO2e", 14.0, "kg/(room*night)")], 3),
    ("rental_car", 3, "6", [("vehicle*km", 1), ("vehicle*mile", 1)], "vintage", [("CO2e", 0.17, "kg/(vehicle*km)")], 2),
    ("taxi", 3, "6", [("passenger*km", 1), ("vehicle*km", 1)], "vintage",
     [("CO2e", 0.149, "kg/(passenger*km)"), ("CO2e", 0.209, "kg/(vehicle*km)")], 1),
    # category 7: employee commuting
    ("commute_car", 3, "7", [("vehicle*km", 1), ("vehicle*mile", 1)], "vintage", [("CO2e", 0.171, "kg/(vehicle*km)")], 4),
    ("commute_bus", 3, "7", [("passenger*km", 1), ("passenger*mile", 1)], "vintage", [("CO2e", 0.102, "kg/(passenger*km)")], 2),
    ("commute_metro", 3, "7", [("passenger*km", 1)], "some", [("CO2e", 0.029, "kg/(passenger*km)")], 1),
    ("homeworking", 3, "7", [("hour", 1)], "vintage", [("CO2e", 0.33, "kg/hour")], 1),
    # category 8: upstream leased assets
    ("leased_office_energy", 3, "8", [("kWh", 1), ("MWh", 1)], "grid", [("CO2e", 390.0, "kg/MWh")], 2),
    ("leased_colocation", 3, "8", [("kWh", 1), ("MWh", 1)], "grid", [("CO2e", 410.0, "kg/MWh")], 1),
    # category 9: downstream transportation and distribution
    ("downstream_truck", 3, "9", [("tonne*km", 1), ("short_ton*mile", 1)], "vintage", [("CO2e", 0.105, "kg/(tonne*km)")], 2),
    ("downstream_parcel", 3, "9", [("kg*km", 1), ("tonne*km", 1)], "vintage", [("CO2e", 0.52, "kg/(tonne*km)")], 1),
    # category 10: processing of sold products
    ("processing_sold_intermediate", 3, "10", [("t", 1), ("kg", 1)], "some", [("CO2e", 0.31, "t/t")], 1),
    # category 11: use of sold products
    ("product_use_electricity", 3, "11", [("kWh", 1), ("MWh", 1)], "grid", [("CO2e", 380.0, "kg/MWh")], 3),
    ("product_use_fuel", 3, "11", [("L", 1), ("gallon", 1)], "global",
     [("CO2", 8.78, "kg/gallon"), ("CH4", 0.38, "g/gallon"), ("N2O", 0.08, "g/gallon")], 2),
    # category 12: end-of-life treatment of sold products
    ("eol_landfill_products", 3, "12", [("t", 1), ("kg", 1)], "some", [("CO2e", 480.0, "kg/t")], 1),
    ("eol_recycling_products", 3, "12", [("t", 1)], "vintage", [("CO2e", 21.3, "kg/t")], 1),
    # category 13: downstream leased assets
    ("downstream_leased_buildings", 3, "13", [("kWh", 1), ("MWh", 1)], "grid", [("CO2e", 395.0, "kg/MWh")], 1),
    # category 14: franchises
    ("franchise_spend", 3, "14", [("GBP", 1), ("USD", 1), ("EUR", 1)], "vintage", [("CO2e", 0.19, "kg/GBP")], 1),
    ("franchise_energy", 3, "14", [("kWh", 1), ("MWh", 1)], "grid", [("CO2e", 400.0, "kg/MWh")], 1),
    # category 15: investments
    ("investments_listed_equity", 3, "15", [("USD", 1), ("kUSD", 1), ("MUSD", 1), ("EUR", 1)], "vintage",
     [("CO2e", 0.082, "kg/USD")], 1),
    ("project_finance", 3, "15", [("USD", 1), ("MUSD", 1)], "vintage", [("CO2e", 0.21, "kg/USD")], 1),
]
# direct emissions: (scope, category, gas, [(unit, weight)], weight, typical tonnes of gas per record)
DIRECT = [(1, "fugitive", "HFC-134a", [("kg", 2), ("lb", 1)], 1, 0.02),
          (1, "fugitive", "R-410A", [("kg", 2), ("lb", 1)], 1, 0.02),
          (1, "fugitive", "R-404A", [("kg", 1)], 1, 0.02), (1, "fugitive", "SF6", [("kg", 1), ("lb", 1)], 1, 0.002),
          (1, "process", "CO2", [("t", 1)], 1, 100.0), (3, "1", "CO2e", [("t", 1), ("kg", 1)], 2, 50.0)]
# typical size of one record's quantity, per unit (lognormal median)
SCALE = {"MMBtu": 500, "therm": 5000, "scf": 5e5, "m**3": 2000, "kWh": 2e5, "MWh": 200, "GJ": 600,
         "gallon": 3000, "L": 10000, "short_ton": 200, "t": 150, "kg": 5000, "lb": 10000, "vehicle*mile": 50000,
         "vehicle*km": 80000, "passenger*km": 50000, "passenger*mile": 30000, "tonne*km": 1e6,
         "short_ton*mile": 7e5, "kg*km": 1e8, "room*night": 200, "hour": 20000, "vehicle": 20, "USD": 5e4,
         "kUSD": 100, "MUSD": 1, "EUR": 5e4, "kEUR": 100, "GBP": 4e4, "CNY": 3e5, "ton_of_refrigeration*hour": 5e4}
SYSTEMS = ["ERP", "UTL", "FLT", "TRV", "HRS", "LOG", "PRC", "FIN"]
FACILITIES = 2000
ID_MODULUS = 10**10
ID_MULTIPLIER = 6_364_136_223  # coprime with 10**10: i -> (i * a + c) mod 10**10 is a bijection
ID_OFFSET = 1_442_695_041


def _variants() -> list[dict]:
    """Every (activity or gas, unit) a record can take, with its weight and its region choices."""
    out = []
    for name, scope, category, units, mode, _, weight in ACTIVITIES:
        weight *= 2.0 if scope == 3 else 1.0  # most records of a real inventory are Scope 3
        total = sum(w for _, w in units)
        for unit, w in units:
            regions = REGIONS if mode in ("grid", "some") else ["", "", "", "US", "GB", "DE", "CN"]
            out.append({"activity": name, "gas": "", "scope": scope, "category": category, "unit": unit,
                        "weight": weight * w / total, "regions": regions})
    for scope, category, gas, units, weight, tonnes in DIRECT:
        total = sum(w for _, w in units)
        for unit, w in units:
            out.append({"activity": "", "gas": gas, "scope": scope, "category": category, "unit": unit,
                        "weight": weight * w / total * 0.5, "regions": [""],
                        "scale": tonnes / {"t": 1.0, "kg": 1e-3, "lb": 0.00045359237}[unit]})
    return out


def _sig(x: float, digits: int = 5) -> float:
    """``x`` to ``digits`` significant figures: a value as a publication prints it."""
    if x == 0:
        return 0.0
    return float(f"{x:.{digits - 1}e}")


def factor_rows(seed: int) -> list[dict]:
    """The synthetic factor table: per activity, per gas, per region level and vintage."""
    rng = np.random.default_rng([seed, 1])
    rows = []
    for name, _scope, _cat, _units, mode, gases, _w in ACTIVITIES:
        if mode == "global":
            places = [("", None)]
        elif mode == "vintage":
            places = [("", y) for y in (2019, 2021, 2023)]
        elif mode == "grid":
            places = [(r, y) for r in GRID_REGIONS for y in GRID_VINTAGES[r]] + [("", y) for y in (2020, 2022)]
        else:
            places = [(r, y) for r in SOME_REGIONS for y in (2020, 2022, 2024)] + [("", None)]
        region_level = {r: rng.uniform(0.3, 1.7) for r in sorted({p[0] for p in places})}
        for region, year in places:
            drift = 1.0 if year is None else (1 - 0.02 * (year - 2019)) * rng.uniform(0.97, 1.03)
            for gas, value, unit in gases:
                if mode == "grid" and region.startswith("US") and unit == "kg/MWh":  # eGRID publishes lb/MWh
                    unit, value = "lb/MWh", value * 2.20462
                rows.append({"activity": name, "region": region, "year": "" if year is None else str(year),
                             "gas": gas, "value": _sig(value * region_level[region] * drift), "unit": unit,
                             "source": f"{SYNTHETIC} ({name}, {region or 'any region'}, {year or 'any year'})"})
    # rows an inventory carries but these records never use: other activities of the same publication
    for i in range(400):
        rows.append({"activity": f"unused_activity_{i:03d}", "region": REGIONS[i % len(REGIONS)], "year": "2022",
                     "gas": "CO2e", "value": _sig(rng.uniform(0.01, 3)), "unit": "kg/kWh", "source": SYNTHETIC})
    return rows


FX = {"EUR": 0.90, "GBP": 0.78, "CNY": 6.9}


def write_support(out: Path, seed: int, activities: str = "activities/*.parquet") -> None:
    """inventory.toml, factors/, fx.csv and the baseline's unit tables."""
    from carbon.factors import load_gwp
    from carbon.units import parse_unit, ureg

    out.mkdir(parents=True, exist_ok=True)
    (out / "inventory.toml").write_text(
        "# Synthetic inventory written by benchmarks/generate.py: every number is invented.\n"
        'organisation = "Synthetic Benchmark Group"\nbase_year = 2020\ngwp = "AR5"\nfactors = ["factors"]\n'
        f'activities = ["{activities}"]\nexchange_rates = "fx.csv"\nscope2_method = "location"\n', encoding="utf-8")
    rows = factor_rows(seed)
    fdir = out / "factors"
    fdir.mkdir(exist_ok=True)
    split = {"energy": [], "scope3": []}
    for r in rows:
        split["energy" if any(r["activity"] == a[0] and a[1] in (1, 2) for a in ACTIVITIES) else "scope3"].append(r)
    for name, part in split.items():
        pcsv.write_csv(pa.Table.from_pylist(part), fdir / f"synthetic_{name}.csv")
    rng = np.random.default_rng([seed, 2])
    fx = [{"currency": c, "year": y, "per_usd": _sig(base * rng.uniform(0.95, 1.05)), "source": SYNTHETIC}
          for c, base in FX.items() for y in YEARS]
    pcsv.write_csv(pa.Table.from_pylist(fx), out / "fx.csv")
    # what a hand-written SQL baseline needs: unit dimension and multiplier, computed once with pint
    base = out / "baseline"
    base.mkdir(exist_ok=True)
    units = sorted({v["unit"] for v in _variants()} | {"USD", "EUR", "GBP", "CNY"})
    table = []
    for u in units:
        q = ureg.Quantity(1.0, parse_unit(u))
        dims = str(q.dimensionality)
        if dims.startswith("[currency_"):
            table.append({"unit": u, "dim": "[currency]", "to_base": q.to_base_units().magnitude,
                          "currency": dims[len("[currency_"):-1]})
        else:
            table.append({"unit": u, "dim": dims, "to_base": q.to_base_units().magnitude, "currency": ""})
    pcsv.write_csv(pa.Table.from_pylist(table), base / "units.csv")
    funits = []
    for u in sorted({r["unit"] for r in rows}):
        mass, per = u.split("/", 1)
        per = per.strip("()")
        pq_ = ureg.Quantity(1.0, parse_unit(per))
        dims = str(pq_.dimensionality)
        cur = dims[len("[currency_"):-1] if dims.startswith("[currency_") else ""
        funits.append({"unit": u, "t_per_mass": ureg.Quantity(1.0, parse_unit(mass)).to("t").magnitude,
                       "per_dim": "[currency]" if cur else dims, "per_to_base": pq_.to_base_units().magnitude,
                       "per_currency": cur})
    pcsv.write_csv(pa.Table.from_pylist(funits), base / "factor_units.csv")
    gwp = load_gwp("AR5", out)
    gases = sorted({r["gas"] for r in rows} | {d[2] for d in DIRECT})
    gtable = [{"gas": g, "gwp": 1.0 if g == "CO2e" else 0.0 if g == "biogenic_CO2" else gwp.values[g]} for g in gases]
    pcsv.write_csv(pa.Table.from_pylist(gtable), base / "gwp.csv")


def _dict_column(codes: np.ndarray, values: list[str]) -> pa.DictionaryArray:
    return pa.DictionaryArray.from_arrays(pa.array(codes.astype(np.int32)), pa.array(values, pa.string()))


def records_chunk(start: int, n: int, seed: int) -> pa.Table:
    """Records ``start`` to ``start + n`` (the same rows whatever the chunking)."""
    variants = _variants()
    rng = np.random.default_rng([seed, 3, start])
    p = np.array([v["weight"] for v in variants])
    vi = rng.choice(len(variants), size=n, p=p / p.sum())
    # region: a uniform choice among the variant's regions
    region_names = sorted({r for v in variants for r in v["regions"]})
    rindex = {r: i for i, r in enumerate(region_names)}
    lengths = np.array([len(v["regions"]) for v in variants])
    flat = np.concatenate([[rindex[r] for r in v["regions"]] for v in variants])
    offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    pick = (rng.random(n) * lengths[vi]).astype(np.int64)
    region = flat[offsets[vi] + pick]
    year = rng.integers(YEARS[0], YEARS[-1] + 1, size=n)
    scale = np.array([v.get("scale", SCALE[v["unit"]]) for v in variants])
    quantity = np.round(scale[vi] * rng.lognormal(0.0, 1.2, size=n), 3)
    # unique, unsorted ids: SYS-0123456789 where the number is a bijective scramble of the row number
    i = np.arange(start, start + n, dtype=np.int64)
    assert start + n < 2**63 // ID_MULTIPLIER, "more records than the id scramble supports"
    number = (i * ID_MULTIPLIER + ID_OFFSET) % ID_MODULUS
    digits = pc.utf8_lpad(pc.cast(pa.array(number), pa.string()), width=10, padding="0")
    system_code = rng.integers(0, len(SYSTEMS), size=n)
    system = _dict_column(system_code, SYSTEMS)
    record_id = pc.binary_join_element_wise(pc.cast(system, pa.string()), digits, "-")
    names = sorted({v["activity"] for v in variants})
    aidx = {a: k for k, a in enumerate(names)}
    gases = sorted({v["gas"] for v in variants})
    gidx = {g: k for k, g in enumerate(gases)}
    units = sorted({v["unit"] for v in variants})
    uidx = {u: k for k, u in enumerate(units)}
    cats = sorted({v["category"] for v in variants})
    cidx = {c: k for k, c in enumerate(cats)}
    facility = rng.integers(0, FACILITIES, size=n)
    quality = rng.choice(3, size=n, p=[0.5, 0.3, 0.2])
    return pa.table({
        "record_id": record_id,
        "year": pa.array(year.astype(np.int64)),
        "scope": pa.array(np.array([v["scope"] for v in variants], dtype=np.int64)[vi]),
        "category": _dict_column(np.array([cidx[v["category"]] for v in variants])[vi], cats),
        "activity": _dict_column(np.array([aidx[v["activity"]] for v in variants])[vi], names),
        "gas": _dict_column(np.array([gidx[v["gas"]] for v in variants])[vi], gases),
        "quantity": pa.array(quantity),
        "unit": _dict_column(np.array([uidx[v["unit"]] for v in variants])[vi], units),
        "region": _dict_column(region, region_names),
        "entity": _dict_column(np.zeros(n, dtype=np.int64), [""]),
        "facility": _dict_column(facility, [f"F-{k:04d}" for k in range(FACILITIES)]),
        "source": _dict_column(system_code, [f"{s} export" for s in SYSTEMS]),
        "data_quality": _dict_column(quality, ["metered", "invoice", "estimated"]),
    })


def generate(out: str | Path, records: int, seed: int = 8, formats: tuple[str, ...] = ("parquet",),
             rows_per_file: int = 10_000_000, row_group: int = 1_000_000, chunk: int = 1_000_000,
             quiet: bool = True) -> Path:
    """Write the inventory of ``records`` records into ``out`` (see the module docstring)."""
    out = Path(out)
    activities = "activities/*.parquet" if "parquet" in formats else "activities_csv/*.csv"
    write_support(out, seed, activities)
    if "parquet" in formats:
        (out / "activities").mkdir(exist_ok=True)
    if "csv" in formats:
        (out / "activities_csv").mkdir(exist_ok=True)
    started = time.perf_counter()
    writer = csv_writer = None
    file_no, in_file = -1, rows_per_file
    done = 0
    while done < records:
        if in_file >= rows_per_file:
            if writer is not None:
                writer.close()
            if csv_writer is not None:
                csv_writer.close()
            file_no, in_file = file_no + 1, 0
            writer = csv_writer = None
        n = min(chunk, records - done, rows_per_file - in_file)
        table = records_chunk(done, n, seed)
        if "parquet" in formats:
            if writer is None:
                writer = pq.ParquetWriter(out / "activities" / f"part-{file_no:05d}.parquet", table.schema,
                                          compression="snappy")
            writer.write_table(table, row_group_size=row_group)
        if "csv" in formats:
            plain = pa.table({c: pc.cast(table[c], pa.string()) if pa.types.is_dictionary(table[c].type)
                              else table[c] for c in table.column_names})
            if csv_writer is None:
                csv_writer = pcsv.CSVWriter(out / "activities_csv" / f"part-{file_no:05d}.csv", plain.schema)
            csv_writer.write_table(plain)
        done += n
        in_file += n
        if not quiet:
            print(f"\r{done:,} records ({time.perf_counter() - started:.0f} s)", end="", file=sys.stderr)
    for w in (writer, csv_writer):
        if w is not None:
            w.close()
    if not quiet:
        print(file=sys.stderr)
    return out


def _count(text: str) -> int:
    value = float(text)
    if not (value >= 1 and value == math.floor(value)):
        raise argparse.ArgumentTypeError(f"{text!r}: a whole number of records, e.g. 1e6")
    return int(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", help="folder to write the inventory into")
    parser.add_argument("--records", type=_count, required=True, help="number of records, e.g. 1e7")
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--formats", nargs="+", choices=["parquet", "csv"], default=["parquet"])
    parser.add_argument("--rows-per-file", type=_count, default=10_000_000)
    parser.add_argument("--row-group", type=_count, default=1_000_000)
    args = parser.parse_args(argv)
    generate(args.out, args.records, args.seed, tuple(args.formats), args.rows_per_file, args.row_group, quiet=False)
    print(f"wrote {args.out} ({args.records:,} records)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
