"""The desnz-2024 factor set checked against the published flat file, value by value.

Source: UK Government GHG Conversion Factors for Company Reporting 2024, flat file v1.1 (DESNZ, updated
18 October 2024). Each expected number is typed from the flat-file row named beside it (ID, Level 1 >
Level 2 > Level 3 > Level 4, Column Text, UOM), column "GHG Conversion Factor 2024", GHG/Unit "kg CO2e"
unless stated; it is not read from our own files.
"""

import filecmp
import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from carbon import calculate, load_inventory
from carbon.factors import factors_home, load_factor_library

SET = "desnz-2024"
# the project reference copy of the flat file, in shared/ beside the repository (absent elsewhere: skipped)
FLAT = Path(__file__).resolve().parents[2] / "shared/reference/data/uk_desnz_defra/uk_ghg_conversion_factors_2024_flat.csv"
BUILDER = Path(__file__).resolve().parents[1] / "factors" / "tools" / "desnz_build.py"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    library, issues = load_factor_library([SET], Path("."))
    assert issues == []
    return library.table


def value(table: pd.DataFrame, activity: str, unit: str, region: str = "", gas: str = "CO2e") -> float:
    hit = table[(table["activity"] == activity) & (table["gas"] == gas) & (table["unit"] == unit)
                & (table["region"] == region)]
    assert len(hit) == 1, f"{activity} {gas} {unit} {region!r}: {len(hit)} rows"
    return float(hit["value"].iloc[0])


PINNED = [
    # ID 29_600_4000_13_1, Hotel stay > Hotel stay > UK, Room per night: 10.4
    ("hotel_stay_uk", "kg/(room*night)", "", 10.4),
    # ID 29_600_4001_13_1, Hotel stay > Hotel stay > UK (London), Room per night: 11.5
    ("hotel_stay_uk_london", "kg/(room*night)", "", 11.5),
    # ID 29_600_4003_13_1, Hotel stay > Hotel stay > Australia, Room per night: 35
    ("hotel_stay_australia", "kg/(room*night)", "", 35),
    # ID 1_100_1004_6_1, Fuels > Gaseous fuels > Natural gas, kWh (Gross CV): 0.1829
    ("natural_gas", "kg/kWh", "", 0.1829),
    # ID 1_100_1004_7_1, Fuels > Gaseous fuels > Natural gas, kWh (Net CV): 0.20264
    ("natural_gas_net_cv", "kg/kWh", "", 0.20264),
    # ID 1_100_1004_1_1, Fuels > Gaseous fuels > Natural gas, cubic metres: 2.04542
    ("natural_gas", "kg/m**3", "", 2.04542),
    # ID 1_101_1011_8_1, Fuels > Liquid fuels > Diesel (average biofuel blend), litres: 2.51279
    ("diesel", "kg/L", "", 2.51279),
    # ID 1_101_1017_8_1, Fuels > Liquid fuels > Petrol (average biofuel blend), litres: 2.0844
    ("petrol", "kg/L", "", 2.0844),
    # ID 2_104_1045_5_1, Bioenergy > Biomass > Wood pellets, kWh: 0.01132
    ("wood_pellets", "kg/kWh", "", 0.01132),
    # ID 7_400_4000_5_1, UK electricity > Electricity generated > Electricity: UK > kWh, kWh: 0.20705
    ("electricity", "kg/kWh", "GB", 0.20705),
    # ID 13_402_4000_5_1, Transmission and distribution > T&D- UK electricity > Electricity: UK > kWh: 0.0183
    ("electricity_td", "kg/kWh", "GB", 0.0183),
    # ID 15_917_4000_5_1, WTT- UK electricity > WTT- UK electricity (generation) > Electricity: UK: 0.0459
    ("wtt_electricity", "kg/kWh", "GB", 0.0459),
    # ID 11_100_1004_6_1, WTT- fuels > Gaseous fuels > Natural gas, kWh (Gross CV): 0.03021
    ("wtt_natural_gas", "kg/kWh", "", 0.03021),
    # ID 21_316_3170_11_1, Business travel- air > Flights > Long-haul, to/from UK > Economy class With RF,
    # passenger.km: 0.20011
    ("air_long_haul_economy_rf", "kg/(passenger*km)", "GB", 0.20011),
    # ID 21_316_3171_11_1, ... Long-haul, to/from UK > Economy class Without RF, passenger.km: 0.11812
    ("air_long_haul_economy", "kg/(passenger*km)", "GB", 0.11812),
    # ID 21_316_3161_11_1, ... Domestic, to/from UK > Average passenger Without RF, passenger.km: 0.16098
    ("air_domestic", "kg/(passenger*km)", "GB", 0.16098),
    # ID 21_316_3184_11_1, ... International, to/from non-UK > Business class With RF, passenger.km: 0.39044
    ("air_international_business_rf", "kg/(passenger*km)", "", 0.39044),
    # ID 25_301_3069_4_1, Business travel- land > Cars (by size) > Average car Diesel, km: 0.16984
    ("car_average_diesel", "kg/(vehicle*km)", "", 0.16984),
    # ID 25_315_3147_11_1, Business travel- land > Rail > National rail, passenger.km: 0.03546
    ("rail_national", "kg/(passenger*km)", "GB", 0.03546),
    # ID 27_304_3140_14_1, Freighting goods > HGV (all diesel) > All HGVs Average laden, tonne.km: 0.09752
    ("hgv_all_laden_average", "kg/(t*km)", "", 0.09752),
    # ID 27_304_3132_4_1, Freighting goods > HGV (all diesel) > Articulated (>33t) Average laden, km: 0.91247
    ("hgv_artic_over_33t_laden_average", "kg/(vehicle*km)", "", 0.91247),
    # ID 27_317_3152_14_1, Freighting goods > Freight flights > Domestic, to/from UK With RF, tonne.km: 4.6734
    ("freight_air_domestic_rf", "kg/(t*km)", "GB", 4.6734),
    # ID 27_320_3235_14_1, Freighting goods > Cargo ship > Container ship > Average, tonne.km: 0.01612
    ("freight_sea_container_ship_average", "kg/(t*km)", "", 0.01612),
    # ID 17_404_4005_1_1, Water supply > Water supply > Water supply, cubic metres: 0.15311
    ("water_supply", "kg/m**3", "GB", 0.15311),
    # ID 18_405_4006_1_1, Water treatment > Water treatment > Water treatment, cubic metres: 0.18574
    ("water_treatment", "kg/m**3", "GB", 0.18574),
    # ID 20_507_5313_15_1, Waste disposal > Refuse > Commercial and industrial waste Landfill, tonnes: 520.3342
    ("waste_commercial_and_industrial_waste_landfill", "kg/t", "", 520.3342),
]

# Outside of scopes, GHG/Unit "kg CO2e of CO2 per unit" (kg of biogenic CO2):
BIOGENIC = [
    # ID 99_604_1011_8_2, Outside of scopes > Forecourt fuels containing biofuel > Diesel (average biofuel
    # blend), litres: 0.16
    ("diesel", "kg/L", "", 0.16),
    # ID 99_104_1045_5_2, Outside of scopes > Biomass > Wood pellets, kWh: 0.35
    ("wood_pellets", "kg/kWh", "", 0.35),
    # ID 99_400_4001_5_2, Outside of scopes > Electricity generated > Electricity: UK, kWh: 0.11507
    ("electricity", "kg/kWh", "GB", 0.11507),
]


@pytest.mark.parametrize("activity, unit, region, expected", PINNED)
def test_values_match_the_flat_file(table, activity, unit, region, expected):
    assert value(table, activity, unit, region) == expected


@pytest.mark.parametrize("activity, unit, region, expected", BIOGENIC)
def test_outside_of_scopes_rows_are_biogenic_co2(table, activity, unit, region, expected):
    assert value(table, activity, unit, region, gas="biogenic_CO2") == expected


def test_only_co2e_and_biogenic_rows_all_of_the_2024_edition(table):
    # The per-gas columns are CO2e contributions, not masses of CH4 / N2O: they must not be shipped.
    assert set(table["gas"]) == {"CO2e", "biogenic_CO2"}
    assert set(table["year"]) == {2024.0}
    assert set(table.loc[table["gas"] == "biogenic_CO2", "file"].str.rsplit("/", n=1).str[-1]) == {
        "outside_of_scopes.csv"}
    assert table["source"].str.startswith(
        "UK DESNZ GHG Conversion Factors for Company Reporting 2024 (v1.1, flat file), ").all()


def test_uk_only_rows_are_gb(table):
    regions = dict(zip(table["activity"], table["region"]))
    for key in ("electricity", "electricity_td", "wtt_electricity", "water_supply", "air_long_haul_economy"):
        assert regions[key] == "GB", key
    for key in ("natural_gas", "diesel", "air_international_economy", "car_average_diesel", "hgv_all_laden_average"):
        assert regions[key] == "", key


@pytest.mark.skipif(not FLAT.is_file(), reason="the DESNZ 2024 flat file is not available here")
def test_shipped_tables_are_what_the_generator_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("desnz_build", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(FLAT), str(tmp_path)]) == 0
    shipped = factors_home() / SET
    names = sorted(p.name for p in shipped.glob("*.csv"))
    assert names == sorted(p.name for p in tmp_path.glob("*.csv"))
    match, mismatch, errors = filecmp.cmpfiles(shipped, tmp_path, names, shallow=False)
    assert mismatch == [] and errors == []


RECORDS = """\
record_id,year,scope,category,activity,gas,quantity,unit,region,entity,notes
gas,2024,1,stationary_combustion,natural_gas,,1000,kWh,,HQ,boiler (kWh gross CV)
power,2024,2,electricity,electricity,,500,kWh,GB,HQ,
"""
# Hand calculation (tonnes CO2e) from the pinned values, AR5 (the CO2e rows need no GWP):
# gas:   1000 kWh x 0.1829 kg CO2e/kWh (ID 1_100_1004_6_1)   = 182.9 kg   = 0.1829 t
# power:  500 kWh x 0.20705 kg CO2e/kWh (ID 7_400_4000_5_1)  = 103.525 kg = 0.103525 t
#         plus 500 kWh x 0.11507 kg biogenic CO2/kWh (ID 99_400_4001_5_2) = 0.057535 t outside the scopes
GAS = 1000 * 0.1829 / 1000
POWER = 500 * 0.20705 / 1000
POWER_BIOGENIC = 500 * 0.11507 / 1000


def test_end_to_end_inventory(make_inventory):
    root = make_inventory({"activities/energy.csv": RECORDS}, factors='["desnz-2024"]')
    ledger = calculate(load_inventory(root)).set_index("record_id")
    assert ledger.at["gas", "tco2e"] == pytest.approx(GAS, rel=1e-12)
    assert ledger.at["gas", "tco2e"] == pytest.approx(0.1829, rel=1e-12)
    assert ledger.at["power", "tco2e"] == pytest.approx(POWER, rel=1e-12)
    assert ledger.at["power", "tco2e"] == pytest.approx(0.103525, rel=1e-12)
    assert ledger["tco2e"].sum() == pytest.approx(0.286425, rel=1e-12)
    assert ledger.at["gas", "biogenic_tco2"] == 0.0
    assert ledger.at["power", "biogenic_tco2"] == pytest.approx(POWER_BIOGENIC, rel=1e-12)
    assert ledger.at["gas", "factor_set"] == "desnz-2024"
    assert ledger.at["gas", "factor_region"] == "" and ledger.at["power", "factor_region"] == "GB"
    assert "ID 1_100_1004_6_1" in ledger.at["gas", "factor_source"]
