"""Build ``factors/desnz-2024/*.csv`` from the UK Government GHG Conversion Factors 2024 flat file.

Generated tables: do not edit them by hand; change this script and run it again::

    python factors/tools/desnz_build.py /work/shared/reference/data/uk_desnz_defra/uk_ghg_conversion_factors_2024_flat.csv factors/desnz-2024

The input is the workbook's "flat file" sheet ("Factors by Category", version 1.1) saved 1:1 as CSV, header
``ID,Scope,Level 1,Level 2,Level 3,Level 4,Column Text,UOM,GHG/Unit,GHG Conversion Factor 2024``.

What the conversion decides (SOURCE.md explains each point):

- Only the ``GHG/Unit == "kg CO2e"`` rows are shipped, as gas ``CO2e``. The per-gas rows ("kg CO2e of CO2 /
  CH4 / N2O per unit") are CO2e contributions already weighted by DESNZ's AR5 GWPs, not masses of the gas,
  so they are not shipped. The "Outside of scopes" rows (kg CO2 of biogenic origin) are gas ``biogenic_CO2``.
- Values are copied as published; only binary-float noise of the CSV copy is removed
  (``0.13388999999999998`` -> ``0.13389``). Rows without a value (not applicable) are skipped.
- Units are written in pint syntax. Rows whose unit repeats another row of the same factor in the same
  dimension (miles beside km, million litres beside cubic metres) are left out. Hotel stays are
  per ``room*night`` (units the engine defines in ``carbon/units.txt``).
- Every row has ``year`` 2024 (the edition); ``region`` is ``GB`` for the rows listed in ``GB_LABELS``.

The script fails loudly on a label it does not know, and on two rows that would collide in the engine
(same activity, region, gas and unit dimension).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

EDITION = "UK DESNZ GHG Conversion Factors for Company Reporting 2024 (v1.1, flat file)"
YEAR = "2024"
HEADER = ["activity", "region", "year", "gas", "value", "unit", "source"]
VALUE_COLUMN = "GHG Conversion Factor 2024"

# Level 1 of the flat file -> (output file, theme used to build the key). Level 1 values not listed
# here are not shipped (SOURCE.md lists them).
TABLES = {
    "Fuels": ("fuels.csv", "fuels"),
    "Bioenergy": ("fuels.csv", "fuels"),
    "UK electricity": ("electricity.csv", "electricity"),
    "Transmission and distribution": ("electricity.csv", "electricity"),
    "Business travel- air": ("business_travel_air.csv", "air"),
    "Business travel- land": ("business_travel_land.csv", "land"),
    "Freighting goods": ("freighting_goods.csv", "freight"),
    "Water supply": ("water.csv", "water"),
    "Water treatment": ("water.csv", "water"),
    "Waste disposal": ("waste.csv", "waste"),
    "Hotel stay": ("hotel_stays.csv", "hotel"),  # per room per night
    "WTT- fuels": ("wtt.csv", "fuels"),
    "WTT- bioenergy": ("wtt.csv", "fuels"),
    "WTT- UK electricity": ("wtt.csv", "electricity"),
    "WTT- business travel- air": ("wtt.csv", "air"),
    "WTT- pass vehs & travel- land": ("wtt.csv", "land"),
    "WTT- delivery vehs & freight": ("wtt.csv", "freight"),
    "Outside of scopes": ("outside_of_scopes.csv", "outside"),
}
# Level 2 rows skipped inside a shipped Level 1 (district heat belongs to "Heat and steam", not shipped).
SKIP_LEVEL2 = {"Distribution - district heat & steam"}

# Flat-file unit -> pint unit of the factor (mass of gas per unit of activity). None = not shipped.
UNITS = {
    "kWh (Gross CV)": "kg/kWh",
    "kWh (Net CV)": "kg/kWh",      # same dimension as gross CV: the key gets "_net_cv"
    "kWh": "kg/kWh",
    "GJ": "kg/GJ",
    "litres": "kg/L",
    "cubic metres": "kg/m**3",
    "tonnes": "kg/t",
    "kg": "kg/kg",
    "km": "kg/(vehicle*km)",       # vehicle km (cars, motorbikes, taxis, vans, HGVs)
    "passenger.km": "kg/(passenger*km)",
    "tonne.km": "kg/(t*km)",
    "miles": None,                 # the km row of the same factor is shipped (same dimension)
    "million litres": None,        # the cubic-metre row of the same factor is shipped (same dimension)
    "Room per night": "kg/(room*night)",  # carbon/units.txt counts room and night
}

# Dimension of each factor unit's activity part: the engine refuses two rows of one activity, region,
# year and gas whose units have the same dimension (kg/kWh and kg/GJ; kg/L and kg/m**3; kg/t and kg/kg).
DIMENSION = {"kg/kWh": "energy", "kg/GJ": "energy", "kg/L": "volume", "kg/m**3": "volume", "kg/t": "mass",
             "kg/kg": "mass", "kg/(vehicle*km)": "vehicle distance", "kg/(passenger*km)": "passenger distance",
             "kg/(t*km)": "mass distance", "kg/(room*night)": "room nights"}

# Rows whose Level 3 names the UK (or a UK-only network) get region GB; all others are blank (anywhere).
GB_LABELS = {
    "Electricity: UK",
    "Water supply", "Water treatment",
    "Domestic, to/from UK", "Short-haul, to/from UK", "Long-haul, to/from UK",
    "Local bus (not London)", "Local London bus", "London Underground", "National rail", "Black cab",
}

FUEL_KEYS = {  # fuels whose plain slug would be long or ambiguous
    "Natural gas": "natural_gas",
    "Natural gas (100% mineral blend)": "natural_gas_100_mineral",
    "Diesel (average biofuel blend)": "diesel",
    "Diesel (100% mineral diesel)": "diesel_100_mineral",
    "Petrol (average biofuel blend)": "petrol",
    "Petrol (100% mineral petrol)": "petrol_100_mineral",
}
ELECTRICITY_KEYS = {
    "Electricity generated": "electricity",
    "T&D- UK electricity": "electricity_td",
    "WTT- UK electricity (generation)": "electricity",
    "WTT- UK electricity (T&D)": "electricity_td",
}
AIR_HAUL = {
    "Domestic, to/from UK": "domestic",
    "Short-haul, to/from UK": "short_haul",
    "Long-haul, to/from UK": "long_haul",
    "International, to/from non-UK": "international",
}
AIR_CLASS = {"Average passenger": "", "Economy class": "_economy", "Premium economy class": "_premium_economy",
             "Business class": "_business", "First class": "_first"}
RF = {"With RF": "_rf", "Without RF": ""}
VEHICLE_FUEL = {"Diesel": "diesel", "Petrol": "petrol", "Hybrid": "hybrid", "CNG": "cng", "LPG": "lpg",
                "Unknown": "unknown", "Plug-in Hybrid Electric Vehicle": "phev", "Battery Electric Vehicle": "bev"}
CAR_SIZE = {"Mini": "mini", "Supermini": "supermini", "Lower medium": "lower_medium",
            "Upper medium": "upper_medium", "Executive": "executive", "Luxury": "luxury", "Sports": "sports",
            "Dual purpose 4X4": "dual_purpose_4x4", "MPV": "mpv", "Small car": "small", "Medium car": "medium",
            "Large car": "large", "Average car": "average"}
MOTORBIKE = {"Small": "small", "Medium": "medium", "Large": "large", "Average": "average"}
TAXI = {"Regular taxi": "taxi_regular", "Black cab": "taxi_black_cab"}
BUS = {"Local bus (not London)": "bus_local_not_london", "Local London bus": "bus_local_london",
       "Average local bus": "bus_local_average", "Coach": "coach"}
RAIL = {"National rail": "rail_national", "International rail": "rail_international",
        "Light rail and tram": "rail_light_and_tram", "London Underground": "rail_london_underground"}
VAN_CLASS = {"Class I (up to 1.305 tonnes)": "class_i", "Class II (1.305 to 1.74 tonnes)": "class_ii",
             "Class III (1.74 to 3.5 tonnes)": "class_iii", "Average (up to 3.5 tonnes)": "average"}
HGV_SIZE = {"Rigid (>3.5 - 7.5 tonnes)": "rigid_3_5_to_7_5t", "Rigid (>7.5 tonnes-17 tonnes)": "rigid_7_5_to_17t",
            "Rigid (>17 tonnes)": "rigid_over_17t", "All rigids": "rigid_all",
            "Articulated (>3.5 - 33t)": "artic_3_5_to_33t", "Articulated (>33t)": "artic_over_33t",
            "All artics": "artic_all", "All HGVs": "all"}
HGV_LOAD = {"0% Laden": "laden_0", "50% Laden": "laden_50", "100% Laden": "laden_100",
            "Average laden": "laden_average"}


def slug(text: str) -> str:
    """``'Paper and board: paper'`` -> ``'paper_and_board_paper'``; ``'120,000–199,999 dwt'`` ->
    ``'120000_to_199999_dwt'``; ``'8000+ TEU'`` -> ``'8000_plus_teu'``."""
    text = text.strip().lower()
    text = re.sub(r"(?<=\d),(?=\d)", "", text)          # thousands separators
    text = text.replace("+", " plus ").replace("\u2013", " to ").replace("%", "")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def unwtt(level2: str) -> str:
    """``'WTT- cars (by size)'`` -> ``'cars (by size)'`` (lower case, for matching)."""
    return re.sub(r"^wtt- ", "", level2.strip().lower())


def key_for(theme: str, r: dict[str, str]) -> str:
    """Activity key of one flat-file row (without the ``wtt_`` prefix)."""
    l1, l2, l3, l4, col = (r[c].strip() for c in ("Level 1", "Level 2", "Level 3", "Level 4", "Column Text"))
    group = unwtt(l2)
    if theme == "outside":
        if l2 == "Electricity generated":
            return ELECTRICITY_KEYS[l2]
        return key_for("fuels", r)
    if theme == "fuels":
        key = FUEL_KEYS.get(l3) or slug(l3)
        return key + "_net_cv" if r["UOM"] == "kWh (Net CV)" else key
    if theme == "electricity":
        return ELECTRICITY_KEYS[l2]
    if theme == "air":
        return "air_" + AIR_HAUL[l3] + AIR_CLASS[l4] + RF[col]
    if theme == "land":
        if group in ("cars (by market segment)", "cars (by size)"):
            return f"car_{CAR_SIZE[l3]}_{VEHICLE_FUEL[col]}"
        if group == "motorbike":
            return "motorbike_" + MOTORBIKE[l3]
        if group == "taxis":
            return TAXI[l3]
        if group == "bus":
            return BUS[l3]
        if group == "rail":
            return RAIL[l3]
    if theme == "freight":
        if group == "vans":
            return f"van_{VAN_CLASS[l3]}_{VEHICLE_FUEL[col]}"
        if group in ("hgv (all diesel)", "hgv refrigerated (all diesel)"):
            prefix = "hgv_refrigerated_" if "refrigerated" in group else "hgv_"
            return prefix + HGV_SIZE[l3] + "_" + HGV_LOAD[col]
        if group == "freight flights":
            return "freight_air_" + AIR_HAUL[l3] + RF[col]
        if group == "rail" and l3 == "Freight train":
            return "freight_rail"
        if group in ("sea tanker", "cargo ship"):
            return f"freight_sea_{slug(l3)}_{slug(l4)}"
    if theme == "water":
        return slug(l3)
    if theme == "hotel":
        return "hotel_stay_" + slug(l3)
    if theme == "waste":
        return f"waste_{slug(l3)}_{slug(col)}"
    raise KeyError(f"no key rule for {l1} > {l2} > {l3} > {l4} {col} (ID {r['ID']})")


def tidy(value: str) -> str:
    """Undo binary-float noise of the CSV copy (``0.13388999999999998`` -> ``0.13389``) and nothing else:
    a value is only rewritten when 12 significant digits give back a short decimal (at most 10 digits)."""
    short = f"{float(value):.12g}"
    digits = len(re.sub(r"e.*$", "", short).replace("-", "").replace(".", "").lstrip("0"))
    return short if short != value and digits <= 10 else value


def cite(r: dict[str, str]) -> str:
    levels = " > ".join(r[c].strip() for c in ("Level 1", "Level 2", "Level 3", "Level 4") if r[c].strip())
    text = f"{levels} {r['Column Text'].strip()}".strip()
    return f"{EDITION}, {text}, {r['UOM']}, ID {r['ID']}"


def build(flat: Path) -> tuple[dict[str, list[list[str]]], Counter]:
    files: dict[str, list[list[str]]] = {}
    left_out: Counter = Counter()
    with flat.open(encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            l1 = r["Level 1"].strip()
            if l1 not in TABLES:
                left_out[f"table {l1 or r['Scope']}"] += 1
                continue
            if r["Level 2"].strip() in SKIP_LEVEL2:
                left_out[f"table {l1} > {r['Level 2'].strip()}"] += 1
                continue
            name, theme = TABLES[l1]
            ghg = r["GHG/Unit"]
            if theme == "outside":
                if ghg != "kg CO2e of CO2 per unit":
                    raise ValueError(f"unexpected outside-of-scopes row {r['ID']}: {ghg}")
                gas = "biogenic_CO2"
            elif ghg == "kg CO2e":
                gas = "CO2e"
            elif ghg.startswith("kg CO2e of "):
                left_out["per-gas CO2e contribution rows"] += 1
                continue
            else:
                raise ValueError(f"unexpected GHG/Unit {ghg!r} in row {r['ID']}")
            if r["UOM"] not in UNITS:
                raise KeyError(f"unknown unit {r['UOM']!r} in row {r['ID']}")
            unit = UNITS[r["UOM"]]
            if unit is None:
                left_out[f"unit {r['UOM']} ({name})"] += 1
                continue
            value = r[VALUE_COLUMN].strip()
            if value == "":
                left_out[f"no value published ({name})"] += 1
                continue
            key = key_for(theme, r)
            if l1.startswith("WTT- "):
                key = "wtt_" + key
            region = "GB" if r["Level 3"].strip() in GB_LABELS else ""
            files.setdefault(name, []).append([key, region, YEAR, gas, tidy(value), unit, cite(r)])
    return files, left_out


def check_unique(files: dict[str, list[list[str]]]) -> None:
    """Two rows with the same activity, region, gas and unit dimension would be a conflict in the engine."""
    seen: dict[tuple, str] = {}
    for rows in files.values():
        for row in rows:
            k = (row[0], row[1], row[3], DIMENSION[row[5]])
            if k in seen:
                raise ValueError(f"duplicate factor {k}: {seen[k]} and {row[6]}")
            seen[k] = row[6]


def write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    flat, out = Path(argv[0]), Path(argv[1])
    files, left_out = build(flat)
    check_unique(files)
    out.mkdir(parents=True, exist_ok=True)
    for name in sorted(files):
        write(out / name, files[name])
        print(f"{out / name}: {len(files[name])} rows")
    for reason, n in sorted(left_out.items()):
        print(f"  left out: {reason}: {n} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
