"""Build ``factors/epa-2024/*.csv``: US EPA GHG Emission Factors Hub, 2024 edition (eGRID2022 electricity).

Generated tables: do not edit them by hand; change this script and run it again::

    python factors/tools/epa2024_build.py factors/epa-2024

No complete machine-readable copy of the 2024 workbook was available when this set was compiled, so the
values are embedded below, block by block, each with a comment saying where the block was seen. Only
values confirmed for the 2024 edition are embedded; every row of the 2025 set that could not be
confirmed is left out and listed in ``factors/epa-2024/SOURCE.md`` ("Not shipped (not confirmed)").
Keys, columns, units and the biomass / peat convention are those of ``build_epa_hub.py`` (2025 set).
Values are copied as published (no unit conversion, no rounding), then tidied like ``tidy()`` there.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

EDITION = "US EPA GHG Emission Factors Hub 2024 (published February 2024, last modified 5 June 2024)"
HEADER = ["activity", "region", "year", "gas", "value", "unit", "source"]
T1 = "Table 1 Stationary Combustion"

# --------------------------------------------------------------------------------------------------------
# Table 1, block A: rows seen in full in a copy of the 2024 edition itself: the text of
# ghg-emission-factors-hub-2024 (PDF) as stored at
#   https://melakarnets.com/proxy/index.php?q=https%3A%2F%2Fwww.scribd.com%2Fdocument%2F755812093%2Fghg-emission-factors-hub-2024
# ("GHG Emission Factors Hub 2024", Table 1 from Coal and Coke down to Biomass Fuels - Gaseous).
# Columns: group, fuel, physical unit, kg CO2/mmBtu, g CH4/mmBtu, g N2O/mmBtu,
#          kg CO2/unit, g CH4/unit, g N2O/unit   (thousands separators removed, digits as printed)
# --------------------------------------------------------------------------------------------------------
BLOCK_A = [
    ("Coal and Coke", "Anthracite", "short ton", "103.69", "11", "1.6", "2602", "276", "40"),
    ("Coal and Coke", "Bituminous", "short ton", "93.28", "11", "1.6", "2325", "274", "40"),
    ("Coal and Coke", "Sub-bituminous", "short ton", "97.17", "11", "1.6", "1676", "190", "28"),
    ("Coal and Coke", "Lignite", "short ton", "97.72", "11", "1.6", "1389", "156", "23"),
    ("Coal and Coke", "Mixed (Commercial Sector)", "short ton", "94.27", "11", "1.6", "2016", "235", "34"),
    ("Coal and Coke", "Mixed (Electric Power Sector)", "short ton", "95.52", "11", "1.6", "1885", "217", "32"),
    ("Coal and Coke", "Mixed (Industrial Coking)", "short ton", "93.90", "11", "1.6", "2468", "289", "42"),
    ("Coal and Coke", "Mixed (Industrial Sector)", "short ton", "94.67", "11", "1.6", "2116", "246", "36"),
    ("Coal and Coke", "Coal Coke", "short ton", "113.67", "11", "1.6", "2819", "273", "40"),
    ("Other Fuels - Solid", "Municipal Solid Waste", "short ton", "90.70", "32", "4.2", "902", "318", "42"),
    ("Other Fuels - Solid", "Petroleum Coke (Solid)", "short ton", "102.41", "32", "4.2", "3072", "960", "126"),
    ("Other Fuels - Solid", "Plastics", "short ton", "75.00", "32", "4.2", "2850", "1216", "160"),
    ("Other Fuels - Solid", "Tires", "short ton", "85.97", "32", "4.2", "2407", "896", "118"),
    ("Biomass Fuels - Solid", "Agricultural Byproducts", "short ton", "118.17", "32", "4.2", "975", "264", "35"),
    ("Biomass Fuels - Solid", "Peat", "short ton", "111.84", "32", "4.2", "895", "256", "34"),
    ("Biomass Fuels - Solid", "Solid Byproducts", "short ton", "105.51", "32", "4.2", "1096", "332", "44"),
    ("Biomass Fuels - Solid", "Wood and Wood Residuals", "short ton", "93.80", "7.2", "3.6", "1640", "126", "63"),
    ("Natural Gas", "Natural Gas", "scf", "53.06", "1.0", "0.10", "0.05444", "0.00103", "0.00010"),
    ("Other Fuels - Gaseous", "Blast Furnace Gas", "scf", "274.32", "0.022", "0.10", "0.02524", "0.000002", "0.000009"),
    ("Other Fuels - Gaseous", "Coke Oven Gas", "scf", "46.85", "0.48", "0.10", "0.02806", "0.000288", "0.000060"),
    ("Other Fuels - Gaseous", "Fuel Gas", "scf", "59.00", "3.0", "0.60", "0.08189", "0.004164", "0.000833"),
    ("Other Fuels - Gaseous", "Propane Gas", "scf", "61.46", "3.0", "0.60", "0.15463", "0.007548", "0.001510"),
    ("Biomass Fuels - Gaseous", "Landfill Gas", "scf", "52.07", "3.2", "0.63", "0.025254", "0.001552", "0.000306"),
    ("Biomass Fuels - Gaseous", "Other Biomass Gases", "scf", "52.07", "3.2", "0.63", "0.034106", "0.002096", "0.000413"),
]

# --------------------------------------------------------------------------------------------------------
# Table 1, block B: per-mmBtu factors of the liquid fuels. The 2024 Hub's Table 1 cites 40 CFR 98 Table C-1
# and Table C-2 (as amended at 81 FR 89252, Dec. 9, 2016). Seen:
#   * Table C-1 CO2 (kg CO2/mmBtu), petroleum products and ethanol: "Below are Tables C-1 and C-2 from 40 CFR
#     98, Subpart C ... Last updated December 9, 2016 (81 FR 89188)",
#     https://docest.com/doc/637161/below-are-tables-c-1-and-c-2-from-40-cfr-98-subpart-c ; the same CO2
#     values, and those of the biomass liquids, in GitHub grgmiller/emission-factors README.md ("derived from
#     40 CFR 98", created 10 Feb 2020, i.e. after the Dec 2016 amendment).
#   * Table C-2: petroleum products (all fuel types in Table C-1) 3.0 x 10^-3 kg CH4 and 6.0 x 10^-4 kg N2O
#     per mmBtu; biomass fuels - liquid 1.1 x 10^-3 and 1.1 x 10^-4: https://www.govregs.com/regulations/
#     title40_chapterI-i22_part98_subpartC_appendix-i1 (current text, "as amended at 81 FR 89252, Dec. 9,
#     2016; 89 FR 42220, May 14, 2024"; the 2024 amendment added a subpart W footnote, values unchanged) and
#     https://ccdsupport.com/confluence/display/help/Table+C-2+to+Subpart+C.
# The Hub prints C-2 in grams, so 3.0e-3 kg = 3.0 g, 6.0e-4 kg = 0.60 g, 1.1e-3 kg = 1.1 g, 1.1e-4 kg = 0.11 g:
# these are the digits printed in the 2025 edition's Table 1, which therefore equals the 2024 edition here.
# Asphalt and Road Oil's 75.36 kg CO2 and 3.0 g CH4 are also printed in the 2024 PDF copy of block A.
# Columns: group, fuel, kg CO2/mmBtu (C-1), g CH4/mmBtu, g N2O/mmBtu (C-2)
# --------------------------------------------------------------------------------------------------------
PETROLEUM = [
    ("Asphalt and Road Oil", "75.36"), ("Aviation Gasoline", "69.25"), ("Butane", "64.77"),
    ("Butylene", "68.72"), ("Crude Oil", "74.54"), ("Distillate Fuel Oil No. 1", "73.25"),
    ("Distillate Fuel Oil No. 2", "73.96"), ("Distillate Fuel Oil No. 4", "75.04"), ("Ethane", "59.60"),
    ("Ethylene", "65.96"), ("Heavy Gas Oils", "74.92"), ("Isobutane", "64.94"), ("Isobutylene", "68.86"),
    ("Kerosene", "75.20"), ("Kerosene-Type Jet Fuel", "72.22"), ("Liquefied Petroleum Gases (LPG)", "61.71"),
    ("Lubricants", "74.27"), ("Motor Gasoline", "70.22"), ("Naphtha (<401 deg F)", "68.02"),
    ("Natural Gasoline", "66.88"), ("Other Oil (>401 deg F)", "76.22"), ("Pentanes Plus", "70.02"),
    ("Petrochemical Feedstocks", "71.02"), ("Propane", "62.87"), ("Propylene", "67.77"),
    ("Residual Fuel Oil No. 5", "72.93"), ("Residual Fuel Oil No. 6", "75.10"), ("Special Naphtha", "72.34"),
    ("Unfinished Oils", "74.54"), ("Used Oil", "74.00"),
]
BIOMASS_LIQUID = [
    ("Biodiesel (100%)", "73.84"), ("Ethanol (100%)", "68.44"), ("Rendered Animal Fat", "71.06"),
    ("Vegetable Oil", "81.55"),
]
BLOCK_B = ([("Petroleum Products", fuel, co2, "3.0", "0.60") for fuel, co2 in PETROLEUM]
           + [("Biomass Fuels - Liquid", fuel, co2, "1.1", "0.11") for fuel, co2 in BIOMASS_LIQUID])

# --------------------------------------------------------------------------------------------------------
# Table 1, block C: per-gallon factors (not in 40 CFR 98; computed and rounded by the Hub), only where a
# copy of the 2024 workbook was seen:
#   * Propane, Distillate Fuel Oil No. 2, Residual Fuel Oil No. 6: lib/ghg/factors/epa-2024.ts in a public
#     GitHub repository (search-index file id 71465328496), "transcribed cell by cell from
#     ghg-emission-factors-hub-2024.xlsx, sheet Emission Factors Hub" ("Last Modified: June 5, 2024"), cells
#     H74:J74, H57:J57, H77:J77; stored there in kg, the printed grams are the same digits x 1,000.
#   * Biomass liquids: SQL seed "COMPREHENSIVE STATIONARY COMBUSTION FACTORS (EPA Excel 2024 Parity)" in a
#     public GitHub repository (file id 41405159791), rows tagged 'EPA 2024'; its coal and other-solid rows
#     equal block A digit for digit. Single copy: see SOURCE.md.
# Columns: fuel, kg CO2/gallon, g CH4/gallon, g N2O/gallon
# --------------------------------------------------------------------------------------------------------
BLOCK_C = {
    "Propane": ("5.72", "0.27", "0.05"),
    "Distillate Fuel Oil No. 2": ("10.21", "0.41", "0.08"),
    "Residual Fuel Oil No. 6": ("11.27", "0.45", "0.09"),
    "Biodiesel (100%)": ("9.45", "0.14", "0.01"),
    "Ethanol (100%)": ("5.75", "0.09", "0.01"),
    "Rendered Animal Fat": ("8.88", "0.14", "0.01"),
    "Vegetable Oil": ("9.79", "0.13", "0.01"),
}

# --------------------------------------------------------------------------------------------------------
# Table 6 (eGRID2022, January 2024), total output emission rates, lb/MWh.
#   * CO2: GitHub USEPA/ggcapdthemes, "data-raw/CO₂ total output emission rate (lb_MWh), by eGRID subregion,
#     2022.csv" (EPA's own repository; source: eGRID Data Explorer), all 28 rows.
#   * CO2, CH4, N2O: SQL seed "SEED DATA: Scope 2 eGRID Emission Factors (EPA 2024 / eGRID2022) ... Units:
#     lb/MWh (extracted directly from Excel)" in a public GitHub repository (search-index file id
#     40881846973), rows keyed by subregion name. Its CO2 column equals USEPA/ggcapdthemes in all 28 rows.
#     AKGD (1052.114, 0.088, 0.012) also in GitHub aws-solutions-library-samples/
#     guidance-for-aws-sustainability-insights-framework (impactCreationTask test, 'usepa:electricity:AKGD',
#     version '2024'). CH4 and N2O of the other rows: that single copy; see SOURCE.md.
# Columns: eGRID subregion acronym, name (as in the Hub), CO2, CH4, N2O
# --------------------------------------------------------------------------------------------------------
EGRID2022 = [
    ("AKGD", "ASCC Alaska Grid", "1052.114", "0.088", "0.012"),
    ("AKMS", "ASCC Miscellaneous", "495.772", "0.023", "0.004"),
    ("AZNM", "WECC Southwest", "776.036", "0.051", "0.007"),
    ("CAMX", "WECC California", "497.443", "0.03", "0.004"),
    ("ERCT", "ERCOT All", "771.083", "0.049", "0.007"),
    ("FRCC", "FRCC All", "813.846", "0.048", "0.006"),
    ("HIMS", "HICC Miscellaneous", "1155.486", "0.124", "0.019"),
    ("HIOA", "HICC Oahu", "1575.407", "0.163", "0.025"),
    ("MROE", "MRO East", "1479.621", "0.133", "0.019"),
    ("MROW", "MRO West", "936.485", "0.102", "0.015"),
    ("NEWE", "NPCC New England", "536.428", "0.063", "0.008"),
    ("NWPP", "WECC Northwest", "602.088", "0.056", "0.008"),
    ("NYCW", "NPCC NYC/Westchester", "885.233", "0.023", "0.003"),
    ("NYLI", "NPCC Long Island", "1200.708", "0.135", "0.018"),
    ("NYUP", "NPCC Upstate NY", "274.559", "0.015", "0.002"),
    ("PRMS", "Puerto Rico Miscellaneous", "1593.481", "0.087", "0.014"),
    ("RFCE", "RFC East", "657.386", "0.045", "0.006"),
    ("RFCM", "RFC Michigan", "1216.404", "0.116", "0.016"),
    ("RFCW", "RFC West", "1000.053", "0.087", "0.012"),
    ("RMPA", "WECC Rockies", "1124.887", "0.101", "0.014"),
    ("SPNO", "SPP North", "952.575", "0.1", "0.014"),
    ("SPSO", "SPP South", "970.398", "0.072", "0.01"),
    ("SRMV", "SERC Mississippi Valley", "801.015", "0.04", "0.006"),
    ("SRMW", "SERC Midwest", "1369.887", "0.151", "0.022"),
    ("SRSO", "SERC South", "893.29", "0.064", "0.009"),
    ("SRTV", "SERC Tennessee Valley", "933.067", "0.082", "0.012"),
    ("SRVC", "SERC Virginia/Carolina", "622.987", "0.047", "0.007"),
    ("US Average", "US Average", "823.149", "0.066", "0.009"),
]

# --------------------------------------------------------------------------------------------------------
# Table 7 Steam and Heat: lib/ghg/factors/epa-2024.ts (file id 71465328496, see block C), cells
# "Emission Factors Hub!D402:F402" of ghg-emission-factors-hub-2024.xlsx: 66.33 kg CO2, 1.25 g CH4 and
# 0.125 g N2O per mmBtu (stored there as 0.00125 and 0.000125 kg).
# --------------------------------------------------------------------------------------------------------
STEAM_HEAT = ("66.33", "1.25", "0.125")

# --------------------------------------------------------------------------------------------------------
# Table 2 Mobile Combustion CO2 (kg CO2 per unit of fuel): the project's reference digest of the 2024
# edition, shared/reference/factors.md ("US EPA GHG Emission Factors Hub (2024 edition)", "Table 2, mobile
# combustion CO2"), which lists these eight values; each equals the 2025 edition's Table 2 and the
# 40 CFR 98 Table C-1 heat content x CO2 factor (e.g. motor gasoline 0.125 mmBtu/gal x 70.22 = 8.78).
# Residual fuel oil and LNG are not in the digest and are not shipped.
# Columns: fuel (as in the Hub), kg CO2 per unit, unit
# --------------------------------------------------------------------------------------------------------
TABLE2 = [
    ("Aviation Gasoline", "8.31", "gallon"),
    ("Biodiesel (100%)", "9.45", "gallon"),
    ("Compressed Natural Gas (CNG)", "0.05444", "scf"),
    ("Diesel Fuel", "10.21", "gallon"),
    ("Ethanol (100%)", "5.75", "gallon"),
    ("Kerosene-Type Jet Fuel", "9.75", "gallon"),
    ("Liquefied Petroleum Gases (LPG)", "5.68", "gallon"),
    ("Motor Gasoline", "8.78", "gallon"),
]

PREFIX = {"Coal and Coke": "coal_"}
PHYSICAL_UNIT = {"short ton": "short_ton", "scf": "scf", "gallon": "gallon"}


def slug(text: str) -> str:
    """Same keys as build_epa_hub.slug()."""
    import re
    text = text.lower().replace("%", "").replace("<", "lt ").replace(">", "gt ")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def co2_gas(group: str, fuel: str) -> str:
    # Peat sits in the Hub's biomass group, but IPCC 2006 (Vol. 2, ch. 1) counts its CO2 as fossil
    # (same rule as build_epa_hub.py).
    return "biogenic_CO2" if group.startswith("Biomass Fuels") and fuel != "Peat" else "CO2"


def rows_table1() -> list[list[str]]:
    out = []
    for group, fuel, unit, co2, ch4, n2o, co2_u, ch4_u, n2o_u in BLOCK_A:
        key, cite, gas = PREFIX.get(group, "") + slug(fuel), f"{EDITION}, {T1}, {group}: {fuel}", co2_gas(group, fuel)
        per = PHYSICAL_UNIT[unit]
        out += [[key, "", "", gas, co2, "kg/MMBtu", cite], [key, "", "", "CH4", ch4, "g/MMBtu", cite],
                [key, "", "", "N2O", n2o, "g/MMBtu", cite],
                [key, "", "", gas, co2_u, f"kg/{per}", cite], [key, "", "", "CH4", ch4_u, f"g/{per}", cite],
                [key, "", "", "N2O", n2o_u, f"g/{per}", cite]]
    for group, fuel, co2, ch4, n2o in BLOCK_B:
        key, cite, gas = slug(fuel), f"{EDITION}, {T1}, {group}: {fuel}", co2_gas(group, fuel)
        out += [[key, "", "", gas, co2, "kg/MMBtu", cite], [key, "", "", "CH4", ch4, "g/MMBtu", cite],
                [key, "", "", "N2O", n2o, "g/MMBtu", cite]]
        if fuel in BLOCK_C:
            co2_u, ch4_u, n2o_u = BLOCK_C[fuel]
            out += [[key, "", "", gas, co2_u, "kg/gallon", cite], [key, "", "", "CH4", ch4_u, "g/gallon", cite],
                    [key, "", "", "N2O", n2o_u, "g/gallon", cite]]
    return out


def rows_table2() -> list[list[str]]:
    out = []
    for fuel, co2, unit in TABLE2:
        gas = "biogenic_CO2" if fuel.startswith(("Biodiesel", "Ethanol")) else "CO2"
        out.append(["mobile_" + slug(fuel), "", "", gas, co2, f"kg/{unit}",
                    f"{EDITION}, Table 2 Mobile Combustion CO2, {fuel}"])
    return out


def rows_table6() -> list[list[str]]:
    out = []
    for code, name, co2, ch4, n2o in EGRID2022:
        region = "US" if code == "US Average" else f"US-{code}"
        cite = (f"{EDITION}, Table 6 Electricity (eGRID2022, January 2024), total output emission rate, "
                f"{code} ({name})")
        out += [["electricity", region, "2022", gas, v, "lb/MWh", cite]
                for gas, v in (("CO2", co2), ("CH4", ch4), ("N2O", n2o))]
    return out


def rows_table7() -> list[list[str]]:
    co2, ch4, n2o = STEAM_HEAT
    cite = f"{EDITION}, Table 7 Steam and Heat"
    return [[key, "", "", gas, v, u, cite] for key in ("steam", "heat")
            for gas, v, u in (("CO2", co2, "kg/MMBtu"), ("CH4", ch4, "g/MMBtu"), ("N2O", n2o, "g/MMBtu"))]


def tidy(value: str) -> str:
    """As build_epa_hub.tidy(): ``'93.90'`` -> ``'93.9'``, ``'0.00010'`` -> ``'0.0001'``."""
    return value if value == "" else f"{float(value):.12g}"


def write(path: Path, rows: list[list[str]]) -> None:
    rows = [r[:4] + [tidy(r[4])] + r[5:] for r in rows]
    seen = set()
    for r in rows:  # one row per activity, region, year, gas and unit
        k = (r[0], r[1], r[2], r[3], r[5])
        assert k not in seen, f"duplicate factor {k}"
        seen.add(k)
    with path.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


def main(dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    write(dest / "stationary_combustion.csv", rows_table1())
    write(dest / "mobile_combustion.csv", rows_table2())
    write(dest / "electricity.csv", rows_table6())
    write(dest / "steam_heat.csv", rows_table7())
    # Tables 8 (transport.csv) and 10 (business_travel_commuting.csv): no value
    # of the 2024 edition could be confirmed, so no file is written (see SOURCE.md).


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(Path(sys.argv[1]))
