"""Build ``factors/desnz-2024/*.csv`` (one edition) and ``factors/desnz/*.csv`` (editions 2019-2025) from the
UK Government GHG Conversion Factors flat files.

Generated tables: do not edit them by hand; change this script and run it again::

    D=/work/shared/reference/data/uk_desnz_defra
    python factors/tools/desnz_build.py $D/uk_ghg_conversion_factors_2024_flat.csv factors/desnz-2024
    python factors/tools/desnz_build.py $D/uk_ghg_conversion_factors_{2019,2020,2021,2022,2023,2024,2025}_flat.csv factors/desnz

Arguments: one or more flat files (edition order), then the output folder. Several editions go into the same
files, one block of rows per edition. Each input is a workbook's "flat file" sheet ("Factors by Category") saved
1:1 as CSV. The 2023+ header is ``ID,Scope,Level 1,Level 2,Level 3,Level 4,Column Text,UOM,GHG/Unit,GHG
Conversion Factor <year>``; 2019-2022 have no ``ID``, 2019-2021 call ``GHG/Unit`` ``GHG`` (``normalise`` maps
older column names and labels onto the 2024 ones, so every edition gets the 2024 activity keys).

What the conversion decides (SOURCE.md explains each point):

- Only the ``GHG/Unit == "kg CO2e"`` rows are shipped, as gas ``CO2e``. The per-gas rows ("kg CO2e of CO2 /
  CH4 / N2O per unit") are CO2e contributions already weighted by the edition's GWPs (AR4 to 2022, AR5 from
  2023), not masses of the gas, so they are not shipped. The "Outside of scopes" rows (kg CO2 of biogenic origin) are gas ``biogenic_CO2``.
- Values are copied as published; only binary-float noise of the CSV copy is removed
  (``0.13388999999999998`` -> ``0.13389``). Rows without a value (not applicable) are skipped.
- Units are written in pint syntax. Rows whose unit repeats another row of the same factor in the same
  dimension (miles beside km, million litres beside cubic metres) are left out. Hotel stays are
  per ``room*night`` (units the engine defines in ``carbon/units.txt``).
- Every row's ``year`` is its edition (read from the value column); ``region`` is ``GB`` for the rows listed in
  ``GB_LABELS``.

The script fails loudly on a label it does not know, and on two rows that would collide in the engine
(same activity, region, gas and unit dimension).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from pathlib import Path

HEADER = ["activity", "region", "year", "gas", "value", "unit", "source"]
VALUE_PREFIX = "GHG Conversion Factor "  # the value column is "GHG Conversion Factor <edition year>"

# Edition year -> how a row's source names the edition (publisher and flat-file version, from each front page).
EDITIONS = {
    2019: "UK BEIS/Defra GHG Conversion Factors for Company Reporting 2019 (v1.03, flat file)",
    2020: "UK BEIS/Defra GHG Conversion Factors for Company Reporting 2020 (v1, flat file)",
    2021: "UK BEIS/Defra GHG Conversion Factors for Company Reporting 2021 (v3, flat file)",
    2022: "UK BEIS/Defra GHG Conversion Factors for Company Reporting 2022 (v3, flat file)",
    2023: "UK DESNZ GHG Conversion Factors for Company Reporting 2023 (v1.1, flat file)",
    2024: "UK DESNZ GHG Conversion Factors for Company Reporting 2024 (v1.1, flat file)",
    2025: "UK DESNZ GHG Conversion Factors for Company Reporting 2025 (v1, flat file)",
}

# Older editions name some tables, units and GHG labels differently: mapped onto the 2024 names.
LEVEL1_ALIASES = {
    "WTT- UK & overseas elec": "WTT- UK electricity",          # 2019-2022 (also holds overseas rows)
    "WTT- business travel (air)": "WTT- business travel- air",  # 2022
    "WTT- pass vehs & travel (land)": "WTT- pass vehs & travel- land",  # 2022
    "WTT- business travel (sea)": "WTT- business travel- sea",  # 2022
    "UK electricity for Evs": "UK electricity for EVs",         # 2019-2021
}
UOM_ALIASES = {"Litres": "litres"}  # 2021
# (column, label in an older edition) -> the 2024 label, so that the activity key is the same in every edition.
# Each is a rename: the older edition has the same rows under the old name and no row under the new one.
LABEL_ALIASES: dict[tuple[str, str], str] = {
    # 2019-2020 "Biodiesel" became "Biodiesel ME" (methyl ester) in 2021, when HVO got its own rows
    ("Level 3", "Biodiesel"): "Biodiesel ME",
    ("Level 3", "Biodiesel (from tallow)"): "Biodiesel ME (from tallow)",
    ("Level 3", "Biodiesel (from used cooking oil)"): "Biodiesel ME (from used cooking oil)",
    # 2019 "Municipal waste" is "Household residual waste" from 2020 (same end-of-life columns)
    ("Level 3", "Municipal waste"): "Household residual waste",
    # hotel countries renamed in 2021
    ("Level 3", "China (Hong Kong)"): "Hong Kong, China",
    ("Level 3", "South Korea"): "Korea",
    ("Level 3", "Taiwan"): "Taiwan, China",
    # 2025 renamed the waste end of life "Combustion" "Incineration with Energy Recovery"
    ("Column Text", "Incineration with Energy Recovery"): "Combustion",
}
# 2019-2021 column "GHG": "kg CO2e" (total) and "kg CO2" / "kg CH4" / "kg N2O", which are CO2e contributions
# (they sum to the total; the reference data README checks it); 2022: "kg CO2e of CO2" without "per unit".
GHG_ALIASES = {"kg CO2": "kg CO2e of CO2 per unit", "kg CH4": "kg CO2e of CH4 per unit",
               "kg N2O": "kg CO2e of N2O per unit", "kg CO2e of CO2": "kg CO2e of CO2 per unit",
               "kg CO2e of CH4": "kg CO2e of CH4 per unit", "kg CO2e of N2O": "kg CO2e of N2O per unit"}

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
# The 2019-2022 WTT electricity table also holds overseas grids (not in the 2024 set's themes).
SKIP_LEVEL2 = {"Distribution - district heat & steam",
               "WTT- overseas electricity (generation)", "WTT- overseas electricity (T&D)"}

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
    raise KeyError(f"no key rule for {l1} > {l2} > {l3} > {l4} {col} ({where(r)})")


def tidy(value: str) -> str:
    """Undo binary-float noise of the CSV copy (``0.13388999999999998`` -> ``0.13389``) and nothing else:
    a value is only rewritten when 12 significant digits give back a short decimal (at most 10 digits)."""
    short = f"{float(value):.12g}"
    digits = len(re.sub(r"e.*$", "", short).replace("-", "").replace(".", "").lstrip("0"))
    return short if short != value and digits <= 10 else value


def cite(r: dict[str, str], edition: str) -> str:
    levels = " > ".join(r[c].strip() for c in ("Level 1", "Level 2", "Level 3", "Level 4") if r[c].strip())
    text = f"{levels} {r['Column Text'].strip()}".strip()
    # 2019-2022 flat files have no ID column: the labels and the unit name the row
    return f"{edition}, {text}, {r['UOM']}" + (f", ID {r['ID']}" if r["ID"] else "")


def where(r: dict[str, str]) -> str:
    return f"ID {r['ID']}" if r["ID"] else " > ".join(r[c] for c in ("Level 1", "Level 2", "Level 3", "Level 4",
                                                                     "Column Text", "UOM"))


def normalise(r: dict[str, str]) -> dict[str, str]:
    """One flat-file row of any edition 2019-2025 in the 2024 edition's column names and labels."""
    r = dict(r)
    r.setdefault("ID", "")
    if "GHG/Unit" not in r:
        r["GHG/Unit"] = r["GHG"]
    r["GHG/Unit"] = GHG_ALIASES.get(r["GHG/Unit"], r["GHG/Unit"])
    r["UOM"] = UOM_ALIASES.get(r["UOM"], r["UOM"])
    r["Level 1"] = LEVEL1_ALIASES.get(r["Level 1"].strip(), r["Level 1"].strip())
    for column in ("Level 2", "Level 3", "Level 4", "Column Text"):
        r[column] = LABEL_ALIASES.get((column, r[column].strip()), r[column].strip())
    return r


def edition_of(fieldnames: list[str]) -> int:
    values = [c for c in fieldnames if c.startswith(VALUE_PREFIX)]
    if len(values) != 1 or not values[0][len(VALUE_PREFIX):].isdigit():
        raise ValueError(f"expected one column '{VALUE_PREFIX}<year>' in the flat file, found {fieldnames}")
    year = int(values[0][len(VALUE_PREFIX):])
    if year not in EDITIONS:
        raise ValueError(f"edition {year} is not described in EDITIONS (publisher, version)")
    return year


def build(flat: Path) -> tuple[dict[str, list[list[str]]], Counter]:
    files: dict[str, list[list[str]]] = {}
    left_out: Counter = Counter()
    with flat.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        year = edition_of(reader.fieldnames or [])
        value_column, edition = f"{VALUE_PREFIX}{year}", EDITIONS[year]
        for raw in reader:
            r = normalise(raw)
            l1 = r["Level 1"]
            if l1 not in TABLES:
                left_out[f"table {l1 or r['Scope']}"] += 1
                continue
            if r["Level 2"] in SKIP_LEVEL2:
                left_out[f"table {l1} > {r['Level 2']}"] += 1
                continue
            name, theme = TABLES[l1]
            ghg = r["GHG/Unit"]
            if theme == "outside":
                if ghg != "kg CO2e of CO2 per unit":
                    raise ValueError(f"unexpected outside-of-scopes row {where(r)}: {ghg}")
                gas = "biogenic_CO2"
            elif ghg == "kg CO2e":
                gas = "CO2e"
            elif ghg.startswith("kg CO2e of "):
                left_out["per-gas CO2e contribution rows"] += 1
                continue
            else:
                raise ValueError(f"unexpected GHG/Unit {ghg!r} in row {where(r)}")
            if r["UOM"] not in UNITS:
                raise KeyError(f"unknown unit {r['UOM']!r} in row {where(r)}")
            unit = UNITS[r["UOM"]]
            if unit is None:
                left_out[f"unit {r['UOM']} ({name})"] += 1
                continue
            value = r[value_column].strip()
            if value == "":
                left_out[f"no value published ({name})"] += 1
                continue
            key = key_for(theme, r)
            if l1.startswith("WTT- "):
                key = "wtt_" + key
            region = "GB" if r["Level 3"] in GB_LABELS else ""
            files.setdefault(name, []).append([key, region, str(year), gas, tidy(value), unit, cite(r, edition)])
    return files, left_out


def check_unique(files: dict[str, list[list[str]]]) -> None:
    """Two rows with the same activity, region, year, gas and unit dimension would be a conflict in the engine."""
    seen: dict[tuple, str] = {}
    for rows in files.values():
        for row in rows:
            k = (row[0], row[1], row[2], row[3], DIMENSION[row[5]])
            if k in seen:
                raise ValueError(f"duplicate factor {k}: {seen[k]} and {row[6]}")
            seen[k] = row[6]


def write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    flats, out = [Path(a) for a in argv[:-1]], Path(argv[-1])
    files: dict[str, list[list[str]]] = {}
    for flat in flats:  # several editions go into one set, rows of each table in edition order
        edition_files, left_out = build(flat)
        for name, rows in edition_files.items():
            files.setdefault(name, []).extend(rows)
        print(f"{flat.name}: {sum(len(rows) for rows in edition_files.values())} rows")
        for reason, n in sorted(left_out.items()):
            print(f"  left out: {reason}: {n} rows")
    check_unique(files)
    out.mkdir(parents=True, exist_ok=True)
    for name in sorted(files):
        write(out / name, files[name])
        print(f"{out / name}: {len(files[name])} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
