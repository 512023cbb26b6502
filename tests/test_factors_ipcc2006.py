"""The shipped ``ipcc-2006`` set checked value by value against the IPCC 2006 tables.

Each expected number is typed from the table and row named beside it (2006 IPCC Guidelines, Vol. 2
Energy; kg of gas per TJ, net calorific basis), as shown in the copies listed in
factors/ipcc-2006/SOURCE.md, not read from our own CSV.
"""

from pathlib import Path

import pandas as pd
import pytest

from carbon import calculate, load_inventory
from carbon.factors import load_factor_library


def table() -> pd.DataFrame:
    library, issues = load_factor_library(["ipcc-2006"], Path("."))
    assert issues == []
    return library.table


def value(activity: str, gas: str) -> float:
    t = table()
    hit = t[(t["activity"] == activity) & (t["gas"] == gas) & (t["unit"] == "kg/TJ") & (t["region"] == "")]
    assert len(hit) == 1, f"{activity} {gas}: {len(hit)} rows"
    return float(hit["value"].iloc[0])


PINNED = [
    # Ch. 1 Table 1.4, effective CO2 emission factor (kg/TJ)
    ("natural_gas", "CO2", 56100),             # row Natural Gas
    ("gas_diesel_oil", "CO2", 74100),          # row Gas/Diesel Oil
    ("motor_gasoline", "CO2", 69300),          # row Motor Gasoline
    ("residual_fuel_oil", "CO2", 77400),       # row Residual Fuel Oil
    ("lpg", "CO2", 63100),                     # row Liquefied Petroleum Gases
    ("other_kerosene", "CO2", 71900),          # row Other Kerosene
    ("jet_kerosene", "CO2", 71500),            # row Jet Kerosene
    ("other_bituminous_coal", "CO2", 94600),   # row Other Bituminous Coal
    ("sub_bituminous_coal", "CO2", 96100),     # row Sub-Bituminous Coal
    ("lignite", "CO2", 101000),                # row Lignite
    ("anthracite", "CO2", 98300),              # row Anthracite
    ("coking_coal", "CO2", 94600),             # row Coking Coal
    ("petroleum_coke", "CO2", 97500),          # row Petroleum Coke
    ("wood_wood_waste", "biogenic_CO2", 112000),  # row Wood/Wood Waste (biomass: outside the scopes)
    # Ch. 2 Table 2.4 commercial/institutional: Natural Gas CH4 5, N2O 0.1; Gas/Diesel Oil 10, 0.6;
    # Other Bituminous Coal 10, 1.5; Wood/Wood Waste 300, 4
    ("natural_gas", "CH4", 5), ("natural_gas", "N2O", 0.1),
    ("gas_diesel_oil", "CH4", 10), ("gas_diesel_oil", "N2O", 0.6),
    ("other_bituminous_coal", "CH4", 10), ("other_bituminous_coal", "N2O", 1.5),
    ("wood_wood_waste", "CH4", 300), ("wood_wood_waste", "N2O", 4),
    # Ch. 2 Table 2.2 energy industries (p. 2.16): Natural Gas CH4 1, N2O 0.1; Gas/Diesel Oil 3, 0.6
    ("natural_gas_energy_industries", "CH4", 1), ("natural_gas_energy_industries", "N2O", 0.1),
    ("gas_diesel_oil_energy_industries", "CH4", 3), ("gas_diesel_oil_energy_industries", "N2O", 0.6),
    # Ch. 2 Table 2.3 manufacturing and construction (p. 2.18): Liquefied Petroleum Gases CH4 1, N2O 0.1
    ("lpg_manufacturing", "CH4", 1), ("lpg_manufacturing", "N2O", 0.1),
    # Ch. 2 Table 2.5 residential: Natural Gas CH4 5, N2O 0.1; Gas/Diesel Oil CH4 10
    ("natural_gas_residential", "CH4", 5), ("natural_gas_residential", "N2O", 0.1),
    ("gas_diesel_oil_residential", "CH4", 10),
    # every sector key repeats the Table 1.4 CO2 factor
    ("natural_gas_manufacturing", "CO2", 56100),
]


@pytest.mark.parametrize("activity, gas, expected", PINNED)
def test_values_match_the_ipcc_tables(activity, gas, expected):
    assert value(activity, gas) == expected


def test_set_is_small_and_complete_per_key():
    t = table()
    assert len(t) <= 80, "a handful of cited defaults, not an EFDB extract"
    assert set(t["unit"]) == {"kg/TJ"}
    for activity, group in t.groupby("activity"):
        assert sorted(group["gas"]) in (["CH4", "CO2", "N2O"], ["CH4", "N2O", "biogenic_CO2"]), activity


HEADER = "record_id,year,scope,category,activity,quantity,unit,region\n"


def test_end_to_end_inventory(make_inventory):
    root = make_inventory({"activities/fuel.csv": HEADER
                           + "ng,2022,1,stationary_combustion,natural_gas,10,TJ,\n"
                           + "dg,2022,1,stationary_combustion,gas_diesel_oil_energy_industries,500,GJ,\n"
                           + "wd,2022,1,stationary_combustion,wood_wood_waste,2,TJ,\n"},
                          factors='["ipcc-2006"]')  # BASE_TOML: gwp = "AR5" (CH4 28, N2O 265)
    led = calculate(load_inventory(root)).set_index("record_id")
    # 10 TJ natural gas, Table 1.4 + Table 2.4: 561,000 kg CO2 + 50 kg CH4 x 28 + 1 kg N2O x 265
    assert led.at["ng", "tco2e"] == pytest.approx(561.0 + 1.4 + 0.265, rel=1e-12)  # 562.665 t
    # 500 GJ = 0.5 TJ gas/diesel oil, Table 2.2: 37,050 kg CO2 + 1.5 kg CH4 x 28 + 0.3 kg N2O x 265
    assert led.at["dg", "tco2e"] == pytest.approx(37.05 + 0.042 + 0.0795, rel=1e-12)
    # 2 TJ wood: 224 t biogenic CO2 outside the scopes; 600 kg CH4 x 28 + 8 kg N2O x 265 in scope 1
    assert led.at["wd", "tco2e"] == pytest.approx(16.8 + 2.12, rel=1e-12)
    assert led.at["wd", "biogenic_tco2"] == pytest.approx(224.0, rel=1e-12)
