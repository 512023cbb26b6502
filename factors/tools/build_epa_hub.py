"""Build ``factors/epa-2025/*.csv`` from a CSV copy of the US EPA GHG Emission Factors Hub.

Generated tables: do not edit them by hand; change this script and run it again::

    python factors/tools/build_epa_hub.py ../shared/reference/data/us_epa_ghg_hub_2025 factors/epa-2025

The input folder holds the Hub's tables as CSV, one file a table (``table1_stationary_combustion.csv``,
``table2_mobile_combustion_co2.csv``, ``table6_electricity_egrid2023.csv``, ``table7_steam_heat.csv``,
``table8_scope3_cat4_cat9_transport.csv``, ``table10_scope3_cat6_cat7_travel_commuting.csv``, tables 3-5
(mobile CH4 and N2O) and 9 (waste)).
Values are copied as published (no unit conversion, no rounding): the ``unit`` column carries the
publication's own unit, e.g. ``lb/MWh`` for eGRID rates and ``g/MMBtu`` for CH4.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

EDITION = "US EPA GHG Emission Factors Hub 2025 (last modified 15 January 2025)"
HEADER = ["activity", "region", "year", "gas", "value", "unit", "source"]
HEAT = ["heat_content", "heat_content_unit"]  # Table 1 only: the fuel's heating value per physical unit

# Table 1 groups whose fuel names need a prefix to stay unambiguous as keys.
PREFIX = {"Coal and Coke": "coal_"}
BIOMASS_GROUPS = ("Biomass Fuels",)
PHYSICAL_UNIT = {"short ton": "short_ton", "scf": "scf", "gallon": "gallon"}


def slug(text: str) -> str:
    """``'Distillate Fuel Oil No. 2'`` -> ``'distillate_fuel_oil_no_2'``."""
    text = text.lower().replace("%", "").replace("<", "lt ").replace(">", "gt ")
    return re.sub(r"[^a-z0-9]+", "_", text).strip("_")


def rows_table1(src: Path) -> list[list[str]]:
    out = []
    with (src / "table1_stationary_combustion.csv").open() as f:
        for r in csv.DictReader(f):
            group, fuel = r["group"], r["fuel_type"]
            if group.startswith("Biomass Fuels - Kraft"):
                continue  # per-MMBtu only, by wood furnish: an industrial niche, not shipped
            key = PREFIX.get(group, "") + slug(fuel)
            cite = f"{EDITION}, Table 1 Stationary Combustion, {group}: {fuel}"
            # Peat sits in the Hub's biomass group, but IPCC 2006 (Vol. 2, ch. 1) counts its CO2 as
            # fossil: we follow IPCC so that peat CO2 stays inside Scope 1 (see SOURCE.md).
            biogenic = group.startswith(BIOMASS_GROUPS) and fuel != "Peat"
            co2_gas = "biogenic_CO2" if biogenic else "CO2"
            out += [
                [key, "", "", co2_gas, r["kg_co2_per_mmbtu"], "kg/MMBtu", cite],
                [key, "", "", "CH4", r["g_ch4_per_mmbtu"], "g/MMBtu", cite],
                [key, "", "", "N2O", r["g_n2o_per_mmbtu"], "g/MMBtu", cite],
            ]
            unit = PHYSICAL_UNIT.get(r["physical_unit"])
            if unit:
                # the Table 1 heat content (HHV, mmBtu per physical unit): what the fuel's energy is in MWh
                heat = [tidy(r["heat_content_hhv_mmbtu_per_unit"]), f"MMBtu/{unit}"]
                out += [
                    [key, "", "", co2_gas, r["kg_co2_per_unit"], f"kg/{unit}", cite, *heat],
                    [key, "", "", "CH4", r["g_ch4_per_unit"], f"g/{unit}", cite, *heat],
                    [key, "", "", "N2O", r["g_n2o_per_unit"], f"g/{unit}", cite, *heat],
                ]
    return out


def rows_table2(src: Path) -> list[list[str]]:
    out = []
    with (src / "table2_mobile_combustion_co2.csv").open() as f:
        for r in csv.DictReader(f):
            key = "mobile_" + slug(r["fuel_type"])
            gas = "biogenic_CO2" if r["fuel_type"].startswith(("Biodiesel", "Ethanol")) else "CO2"
            cite = f"{EDITION}, Table 2 Mobile Combustion CO2, {r['fuel_type']}"
            out.append([key, "", "", gas, r["kg_co2_per_unit"], f"kg/{PHYSICAL_UNIT[r['unit']]}", cite])
    return out


def rows_table6(src: Path) -> list[list[str]]:
    out = []
    with (src / "table6_electricity_egrid2023.csv").open() as f:
        for r in csv.DictReader(f):
            code = r["egrid_subregion"]
            region = "US" if code == "US Average" else f"US-{code}"
            cite = (f"{EDITION}, Table 6 Electricity (eGRID2023, January 2025), total output emission rate, "
                    f"{code} ({r['name']})")
            for gas, col in (("CO2", "total_output_lb_co2_per_mwh"), ("CH4", "total_output_lb_ch4_per_mwh"),
                             ("N2O", "total_output_lb_n2o_per_mwh")):
                out.append(["electricity", region, "2023", gas, r[col], "lb/MWh", cite])
    return out


def rows_table7(src: Path) -> list[list[str]]:
    out = []
    with (src / "table7_steam_heat.csv").open() as f:
        for r in csv.DictReader(f):
            cite = f"{EDITION}, Table 7 Steam and Heat"
            for key in ("steam", "heat"):
                out += [
                    [key, "", "", "CO2", r["kg_co2_per_mmbtu"], "kg/MMBtu", cite],
                    [key, "", "", "CH4", r["g_ch4_per_mmbtu"], "g/MMBtu", cite],
                    [key, "", "", "N2O", r["g_n2o_per_mmbtu"], "g/MMBtu", cite],
                ]
    return out


TRANSPORT_KEYS = {  # Table 8 (Scope 3 categories 4 and 9)
    "Medium- and Heavy-Duty Truck": "freight_truck_vehicle_mile",
    "Passenger Car A": "freight_passenger_car_vehicle_mile",
    "Light-Duty Truck B": "freight_light_duty_truck_vehicle_mile",
    "Medium- and Heavy-Duty TruckC": "freight_truck",
    "Rail": "freight_rail",
    "Waterborne Craft": "freight_waterborne",
    "Aircraft": "freight_air",
}
TRAVEL_KEYS = {  # Table 10 (Scope 3 categories 6 and 7)
    "Passenger Car A": "car",
    "Light-Duty Truck B": "light_duty_truck",
    "Motorcycle": "motorcycle",
    "Intercity Rail - Northeast Corridor C": "rail_intercity_northeast_corridor",
    "Intercity Rail - Other Routes C": "rail_intercity_other_routes",
    "Intercity Rail - National Average C": "rail_intercity",
    "Commuter Rail D": "rail_commuter",
    "Transit Rail (i.e. Subway, Tram) E": "rail_transit",
    "Bus": "bus",
    "Air Travel - Short Haul (< 300 miles)": "air_short_haul",
    "Air Travel - Medium Haul (>= 300 miles, < 2300 miles)": "air_medium_haul",
    "Air Travel - Long Haul (>= 2300 miles)": "air_long_haul",
}
PER_UNIT = {"vehicle-mile": "(vehicle*mile)", "passenger-mile": "(passenger*mile)",
            "short ton-mile": "(short_ton*mile)"}


def rows_per_distance(src: Path, name: str, keys: dict[str, str], table: str) -> list[list[str]]:
    out = []
    with (src / name).open() as f:
        for r in csv.DictReader(f):
            key, per = keys[r["vehicle_type"]], PER_UNIT[r["unit"]]
            cite = f"{EDITION}, {table}, {r['vehicle_type']} (per {r['unit']})"
            out += [
                [key, "", "", "CO2", r["kg_co2_per_unit"], f"kg/{per}", cite],
                [key, "", "", "CH4", r["g_ch4_per_unit"], f"g/{per}", cite],
                [key, "", "", "N2O", r["g_n2o_per_unit"], f"g/{per}", cite],
            ]
    return out


def tidy(value: str) -> str:
    """Undo binary-float noise in the copy (``0.022000000000000002`` -> ``0.022``)."""
    return value if value == "" else f"{float(value):.12g}"


FOOTNOTE = re.compile(r"(?<=[a-z])[A-E]$")  # "Agricultural EquipmentA" -> footnote letter A


def model_years(text: str) -> list[str]:
    """``'1983-2006'`` -> every year of the range; ``'2015'`` -> ``['2015']``; blank -> ``['']``."""
    text = text.strip()
    if "-" in text:
        first, last = (int(x) for x in text.split("-"))
        return [str(y) for y in range(first, last + 1)]
    return [text]


def rows_onroad(src: Path) -> list[list[str]]:
    """Tables 3 and 4: CH4 and N2O per vehicle-mile by vehicle type, fuel and model year.

    Key ``onroad_<fuel>_<vehicle>[_my<model year>]``; a published model-year range (``1983-2006``) is
    written as one key per model year with the range's values, so a user names their vehicle's year.
    """
    out = []
    with (src / "table3_mobile_ch4_n2o_onroad_gasoline.csv").open() as f:
        table3 = [(r["vehicle_type"].removeprefix("Gasoline ").strip(), "Gasoline", r["model_year"],
                   r["g_ch4_per_vehicle_mile"], r["g_n2o_per_vehicle_mile"], "Table 3 Mobile Combustion CH4 and "
                   "N2O for On-Road Gasoline Vehicles") for r in csv.DictReader(f)]
    with (src / "table4_mobile_ch4_n2o_onroad_diesel_altfuel.csv").open() as f:
        table4 = [(r["vehicle_type"], r["fuel_type"], r["model_year"], r["g_ch4_per_vehicle_mile"],
                   r["g_n2o_per_vehicle_mile"], "Table 4 Mobile Combustion CH4 and N2O for On-Road Diesel and "
                   "Alternative Fuel Vehicles") for r in csv.DictReader(f)]
    for vehicle, fuel, years, ch4, n2o, table in table3 + table4:
        cite = f"{EDITION}, {table}, {fuel} {vehicle}" + (f", model year {years}" if years else "")
        for year in model_years(years):
            key = f"onroad_{slug(fuel)}_{slug(vehicle)}" + (f"_my{year}" if year else "")
            out += [[key, "", "", "CH4", ch4, "g/(vehicle*mile)", cite],
                    [key, "", "", "N2O", n2o, "g/(vehicle*mile)", cite]]
    return out


def rows_nonroad(src: Path) -> list[list[str]]:
    """Table 5: CH4 and N2O per gallon of fuel for non-road vehicles and equipment."""
    out = []
    with (src / "table5_mobile_ch4_n2o_nonroad.csv").open() as f:
        for r in csv.DictReader(f):
            vehicle = FOOTNOTE.sub("", r["vehicle_type"])
            key = f"nonroad_{slug(vehicle)}_{slug(r['fuel_type'])}"
            cite = f"{EDITION}, Table 5 Mobile Combustion CH4 and N2O for Non-Road Vehicles, {vehicle}, {r['fuel_type']}"
            out += [[key, "", "", "CH4", r["g_ch4_per_gallon"], "g/gallon", cite],
                    [key, "", "", "N2O", r["g_n2o_per_gallon"], "g/gallon", cite]]
    return out


WASTE_METHODS = ("recycled", "landfilled", "combusted", "composted", "anaerobic_dry", "anaerobic_wet")


def rows_waste(src: Path) -> list[list[str]]:
    """Table 9: metric tons CO2e per short ton of material, by disposal method (blank = not applicable)."""
    out = []
    with (src / "table9_scope3_cat5_cat12_waste_tCO2e_per_short_ton.csv").open() as f:
        for r in csv.DictReader(f):
            for method in WASTE_METHODS:
                if r[method].strip():
                    cite = (f"{EDITION}, Table 9 Scope 3 Category 5 and 12: Waste, {r['material']}, "
                            f"{method.replace('_', ' ')} (metric tons CO2e per short ton)")
                    out.append([f"waste_{slug(r['material'])}_{method}", "", "", "CO2e", r[method],
                                "t/short_ton", cite])
    return out


def write(path: Path, rows: list[list[str]], extra: list[str] | None = None) -> None:
    rows = [r[:4] + [tidy(r[4])] + r[5:] for r in rows]
    header = HEADER + (extra or [])
    rows = [r + [""] * (len(header) - len(r)) for r in rows]
    with path.open("w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


def main(src: Path, dest: Path) -> None:
    dest.mkdir(parents=True, exist_ok=True)
    write(dest / "stationary_combustion.csv", rows_table1(src), HEAT)
    write(dest / "mobile_combustion.csv", rows_table2(src))
    write(dest / "mobile_ch4_n2o.csv", rows_onroad(src) + rows_nonroad(src))
    write(dest / "waste.csv", rows_waste(src))
    write(dest / "electricity.csv", rows_table6(src))
    write(dest / "steam_heat.csv", rows_table7(src))
    write(dest / "transport.csv", rows_per_distance(
        src, "table8_scope3_cat4_cat9_transport.csv", TRANSPORT_KEYS,
        "Table 8 Scope 3 Category 4 and 9: Upstream and Downstream Transportation and Distribution"))
    write(dest / "business_travel_commuting.csv", rows_per_distance(
        src, "table10_scope3_cat6_cat7_travel_commuting.csv", TRAVEL_KEYS,
        "Table 10 Scope 3 Category 6 and 7: Business Travel and Employee Commuting"))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
