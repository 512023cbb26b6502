"""Shipped factor and GWP tables checked against the publications, value by value.

Each expected number is typed from the publication (edition, table and row named beside it), not read
from our own files. Every shipped set is also loaded whole, so a malformed row fails here.
"""

from pathlib import Path

import pandas as pd
import pytest

from carbon.factors import factors_home, load_factor_library, load_gwp, shipped_sets

HOME = factors_home()


def rows(set_name: str) -> pd.DataFrame:
    library, issues = load_factor_library([set_name], Path("."))
    assert issues == []
    return library.table


def value(table: pd.DataFrame, activity: str, gas: str, unit: str, region: str = "", year: float | None = None) -> float:
    hit = table[(table["activity"] == activity) & (table["gas"] == gas) & (table["unit"] == unit)
                & (table["region"] == region)]
    if year is not None:
        hit = hit[hit["year"] == year]
    assert len(hit) == 1, f"{activity} {gas} {unit} {region}: {len(hit)} rows"
    return float(hit["value"].iloc[0])


# US EPA GHG Emission Factors Hub, 2025 edition (last modified 15 January 2025).
EPA_2025 = [
    # Table 1 Stationary Combustion, row "Natural Gas": 53.06 kg CO2, 1.0 g CH4, 0.10 g N2O per mmBtu
    ("natural_gas", "CO2", "kg/MMBtu", "", 53.06),
    ("natural_gas", "CH4", "g/MMBtu", "", 1.0),
    ("natural_gas", "N2O", "g/MMBtu", "", 0.10),
    # Table 1, "Natural Gas" per scf: 0.05444 kg CO2
    ("natural_gas", "CO2", "kg/scf", "", 0.05444),
    # Table 1, "Distillate Fuel Oil No. 2": 73.96 kg CO2/mmBtu; 10.21 kg CO2/gallon
    ("distillate_fuel_oil_no_2", "CO2", "kg/MMBtu", "", 73.96),
    ("distillate_fuel_oil_no_2", "CO2", "kg/gallon", "", 10.21),
    # Table 1, "Motor Gasoline": 70.22 kg CO2/mmBtu, 3.0 g CH4, 0.60 g N2O; 8.78 kg CO2/gallon
    ("motor_gasoline", "CO2", "kg/MMBtu", "", 70.22),
    ("motor_gasoline", "CH4", "g/MMBtu", "", 3.0),
    ("motor_gasoline", "N2O", "g/MMBtu", "", 0.60),
    ("motor_gasoline", "CO2", "kg/gallon", "", 8.78),
    # Table 1, "Propane": 62.87 kg CO2/mmBtu; 5.72 kg CO2/gallon
    ("propane", "CO2", "kg/MMBtu", "", 62.87),
    ("propane", "CO2", "kg/gallon", "", 5.72),
    # Table 1, "Kerosene": 75.20 kg CO2/mmBtu; "Residual Fuel Oil No. 6": 75.10 kg/mmBtu, 11.27 kg/gallon
    ("kerosene", "CO2", "kg/MMBtu", "", 75.20),
    ("residual_fuel_oil_no_6", "CO2", "kg/MMBtu", "", 75.10),
    ("residual_fuel_oil_no_6", "CO2", "kg/gallon", "", 11.27),
    # Table 1, Coal and Coke "Bituminous": 93.28 kg CO2, 11 g CH4, 1.6 g N2O per mmBtu
    ("coal_bituminous", "CO2", "kg/MMBtu", "", 93.28),
    ("coal_bituminous", "CH4", "g/MMBtu", "", 11),
    ("coal_bituminous", "N2O", "g/MMBtu", "", 1.6),
    # Table 2 Mobile Combustion CO2: Diesel Fuel 10.21, Kerosene-Type Jet Fuel 9.75, LPG 5.68 kg/gallon
    ("mobile_diesel_fuel", "CO2", "kg/gallon", "", 10.21),
    ("mobile_kerosene_type_jet_fuel", "CO2", "kg/gallon", "", 9.75),
    ("mobile_liquefied_petroleum_gases_lpg", "CO2", "kg/gallon", "", 5.68),
    # Table 2: Biodiesel (100%) 9.45 kg CO2/gallon, biogenic
    ("mobile_biodiesel_100", "biogenic_CO2", "kg/gallon", "", 9.45),
    # Table 6 Electricity (eGRID2023), total output rates: US average 771.523 lb CO2/MWh;
    # CAMX 436.655 lb CO2, 0.025 lb CH4, 0.003 lb N2O per MWh; NYCW 974.656 lb CO2/MWh
    ("electricity", "CO2", "lb/MWh", "US", 771.523),
    ("electricity", "CO2", "lb/MWh", "US-CAMX", 436.655),
    ("electricity", "CH4", "lb/MWh", "US-CAMX", 0.025),
    ("electricity", "N2O", "lb/MWh", "US-CAMX", 0.003),
    ("electricity", "CO2", "lb/MWh", "US-NYCW", 974.656),
    # Table 7 Steam and Heat: 66.33 kg CO2, 1.25 g CH4, 0.125 g N2O per mmBtu
    ("steam", "CO2", "kg/MMBtu", "", 66.33),
    ("steam", "N2O", "g/MMBtu", "", 0.125),
    # Table 10 Business Travel: Air Travel short haul 0.207, medium haul 0.129, long haul 0.163 kg CO2
    # per passenger-mile; long haul 0.0052 g N2O per passenger-mile; Bus 0.066 kg CO2
    ("air_short_haul", "CO2", "kg/(passenger*mile)", "", 0.207),
    ("air_medium_haul", "CO2", "kg/(passenger*mile)", "", 0.129),
    ("air_long_haul", "CO2", "kg/(passenger*mile)", "", 0.163),
    ("air_long_haul", "N2O", "g/(passenger*mile)", "", 0.0052),
    ("bus", "CO2", "kg/(passenger*mile)", "", 0.066),
    # Table 8 Upstream Transportation: Medium- and Heavy-Duty Truck 0.186 kg CO2 per short ton-mile
    ("freight_truck", "CO2", "kg/(short_ton*mile)", "", 0.186),
    # Table 3 On-Road Gasoline Vehicles: Gasoline Passenger Cars, model year 2015: 0.0068 g CH4, 0.0042 g N2O
    # per vehicle-mile; Gasoline Light-Duty Trucks, 1983: 0.1368 g CH4
    ("onroad_gasoline_passenger_cars_my2015", "CH4", "g/(vehicle*mile)", "", 0.0068),
    ("onroad_gasoline_passenger_cars_my2015", "N2O", "g/(vehicle*mile)", "", 0.0042),
    ("onroad_gasoline_light_duty_trucks_my1983", "CH4", "g/(vehicle*mile)", "", 0.1368),
    # Gasoline Motorcycles, model years 1996-2005: 0.007 g CH4, 0.067 g N2O (every year of the range)
    ("onroad_gasoline_motorcycles_my2000", "N2O", "g/(vehicle*mile)", "", 0.067),
    # Table 4 On-Road Diesel and Alternative Fuel Vehicles: CNG Heavy-Duty Trucks 0.921 g CH4 per vehicle-mile
    ("onroad_cng_heavy_duty_trucks", "CH4", "g/(vehicle*mile)", "", 0.921),
    # Table 5 Non-Road: Ships and Boats, Diesel 6.51 g CH4 per gallon; Locomotives, Diesel 0.26 g N2O
    ("nonroad_ships_and_boats_diesel", "CH4", "g/gallon", "", 6.51),
    ("nonroad_locomotives_diesel", "N2O", "g/gallon", "", 0.26),
    # Table 9 Waste (metric tons CO2e per short ton): Mixed MSW landfilled 0.58, combusted 0.43;
    # Office Paper landfilled 1.41; Food Waste composted 0.11
    ("waste_mixed_msw_landfilled", "CO2e", "t/short_ton", "", 0.58),
    ("waste_mixed_msw_combusted", "CO2e", "t/short_ton", "", 0.43),
    ("waste_office_paper_landfilled", "CO2e", "t/short_ton", "", 1.41),
    ("waste_food_waste_composted", "CO2e", "t/short_ton", "", 0.11),
]


@pytest.mark.parametrize("activity, gas, unit, region, expected", EPA_2025)
def test_epa_2025_values_match_the_hub(activity, gas, unit, region, expected):
    assert value(rows("epa-2025"), activity, gas, unit, region) == expected


def test_epa_2025_egrid_rows_are_vintage_2023():
    table = rows("epa-2025")
    assert set(table.loc[table["activity"] == "electricity", "year"]) == {2023.0}


# US EPA GHG Emission Factors Hub, 2024 edition (eGRID2022 electricity).
EPA_2024 = [
    # Table 1 Stationary Combustion, "Natural Gas": 53.06 kg CO2, 1.0 g CH4, 0.10 g N2O per mmBtu
    ("natural_gas", "CO2", "kg/MMBtu", "", 53.06),
    ("natural_gas", "CH4", "g/MMBtu", "", 1.0),
    ("natural_gas", "N2O", "g/MMBtu", "", 0.10),
    ("natural_gas", "CO2", "kg/scf", "", 0.05444),
    # Table 1, "Kerosene-Type Jet Fuel": 72.22 kg CO2/mmBtu; "Distillate Fuel Oil No. 2" 73.96
    ("kerosene_type_jet_fuel", "CO2", "kg/MMBtu", "", 72.22),
    ("distillate_fuel_oil_no_2", "CO2", "kg/MMBtu", "", 73.96),
    # Table 6 Electricity (eGRID2022): US average 823.149 lb CO2/MWh; CAMX 497.443 lb CO2/MWh
    ("electricity", "CO2", "lb/MWh", "US", 823.149),
    ("electricity", "CO2", "lb/MWh", "US-CAMX", 497.443),
    # Table 7 Steam and Heat: 66.33 kg CO2/mmBtu
    ("steam", "CO2", "kg/MMBtu", "", 66.33),
    ("heat", "CO2", "kg/MMBtu", "", 66.33),
]


@pytest.mark.parametrize("activity, gas, unit, region, expected", EPA_2024)
def test_epa_2024_values_match_the_hub(activity, gas, unit, region, expected):
    assert value(rows("epa-2024"), activity, gas, unit, region) == expected


@pytest.mark.parametrize("name", shipped_sets())
def test_every_shipped_set_loads_cited_and_documented(name):
    table = rows(name)
    assert len(table) > 0
    assert (table["source"].str.len() > 10).all(), "every row cites its source"
    assert (HOME / name / "SOURCE.md").is_file()


# IPCC 100-year GWPs: AR4 WG1 Table 2.14; AR5 WG1 Ch.8 Table 8.A.1; AR6 WG1 Table 7.15 / 7.SM.7.
GWP = [
    ("AR4", "CH4", 25), ("AR4", "N2O", 298), ("AR4", "SF6", 22800), ("AR4", "HFC-134a", 1430),
    ("AR4", "NF3", 17200), ("AR4", "R-410A", 2088),  # blend: 0.5 x 675 + 0.5 x 3500 = 2087.5 -> 2088
    ("AR5", "CH4", 28), ("AR5", "N2O", 265), ("AR5", "SF6", 23500), ("AR5", "HFC-134a", 1300),
    ("AR5", "NF3", 16100), ("AR5", "HFC-23", 12400), ("AR5", "PFC-14", 6630),
    ("AR5", "R-410A", 1924), ("AR5", "R-404A", 3943),  # EPA Hub 2025 Table 12 (AR5 basis)
    ("AR5", "CH4-fossil", 30),  # AR5 Table 8.7 footnote
    ("AR6", "CH4", 27.9), ("AR6", "CH4-fossil", 29.8), ("AR6", "CH4-non-fossil", 27.0),
    ("AR6", "N2O", 273), ("AR6", "SF6", 25200), ("AR6", "HFC-134a", 1530), ("AR6", "NF3", 17400),
]


@pytest.mark.parametrize("set_name, gas, expected", GWP)
def test_gwp_values_match_ipcc(set_name, gas, expected):
    table = load_gwp(set_name, Path("."))
    assert table.gwp(table.canonical(gas)) == expected


@pytest.mark.parametrize("set_name", ["AR4", "AR5", "AR6"])
def test_gwp_sets_have_the_kyoto_gases(set_name):
    table = load_gwp(set_name, Path("."))
    for gas in ("CO2", "CH4", "N2O", "SF6", "NF3", "HFC-134a", "HFC-32", "HFC-125", "PFC-14"):
        assert table.canonical(gas) is not None, f"{set_name} lacks {gas}"
    assert table.gwp("CO2") == 1
