"""The `desnz` factor set (UK Government GHG Conversion Factors, editions 2019-2025) checked value by value.

Each expected number is typed from the flat file of the edition named beside it ("Factors by Category": labels
Level 1 > Level 2 > Level 3, Column Text, UOM; flat-file ID where the edition has one), column "GHG Conversion
Factor <year>", GHG "kg CO2e" unless stated; it is not read from our own files. Front pages: 2019 v1.03,
2020 v1, 2021 v3, 2022 v3, 2023 v1.1, 2024 v1.1, 2025 v1.
"""

import filecmp
import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from carbon import calculate, load_inventory
from carbon.factors import factors_home, load_factor_library

SET = "desnz"
EDITIONS = range(2019, 2026)
# the project reference copies of the flat files, in shared/ beside the repository (absent elsewhere: skipped)
FLAT_DIR = Path(__file__).resolve().parents[2] / "shared/reference/data/uk_desnz_defra"
FLATS = [FLAT_DIR / f"uk_ghg_conversion_factors_{year}_flat.csv" for year in EDITIONS]
BUILDER = Path(__file__).resolve().parents[1] / "factors" / "tools" / "desnz_build.py"


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    library, issues = load_factor_library([SET], Path("."))
    assert issues == []
    return library.table


def value(table: pd.DataFrame, activity: str, unit: str, region: str, year: int, gas: str = "CO2e") -> float:
    hit = table[(table["activity"] == activity) & (table["gas"] == gas) & (table["unit"] == unit)
                & (table["region"] == region) & (table["year"] == year)]
    assert len(hit) == 1, f"{activity} {gas} {unit} {region!r} {year}: {len(hit)} rows"
    return float(hit["value"].iloc[0])


PINNED = [
    # UK electricity > Electricity generated > Electricity: UK, kWh (Scope 2), each edition:
    ("electricity", "kg/kWh", "GB", 2019, 0.2556),
    ("electricity", "kg/kWh", "GB", 2020, 0.23314),
    ("electricity", "kg/kWh", "GB", 2021, 0.21233),
    ("electricity", "kg/kWh", "GB", 2022, 0.19338),
    ("electricity", "kg/kWh", "GB", 2024, 0.20705),   # ID 7_400_4000_5_1
    ("electricity", "kg/kWh", "GB", 2025, 0.177),     # ID 7_400_4000_5_1
    # Transmission and distribution > T&D- UK electricity > Electricity: UK, kWh
    ("electricity_td", "kg/kWh", "GB", 2019, 0.0217),
    ("electricity_td", "kg/kWh", "GB", 2022, 0.01769),
    ("electricity_td", "kg/kWh", "GB", 2025, 0.01853),  # ID 13_402_4000_5_1
    # WTT- UK & overseas elec > WTT- UK electricity (generation) > Electricity: UK, kWh
    ("wtt_electricity", "kg/kWh", "GB", 2019, 0.03565),
    ("wtt_electricity", "kg/kWh", "GB", 2022, 0.04625),
    # Fuels > Gaseous fuels > Natural gas, Energy - Gross CV, kWh (Gross CV)
    ("natural_gas", "kg/kWh", "", 2019, 0.18385),
    ("natural_gas", "kg/kWh", "", 2020, 0.18387),
    ("natural_gas", "kg/kWh", "", 2021, 0.18316),
    ("natural_gas", "kg/kWh", "", 2025, 0.18296),     # ID 1_100_1004_6_1
    # Fuels > Gaseous fuels > Natural gas, Energy - Net CV, kWh (Net CV)
    ("natural_gas_net_cv", "kg/kWh", "", 2019, 0.20428),
    # Fuels > Gaseous fuels > Natural gas, Volume, cubic metres
    ("natural_gas", "kg/m**3", "", 2020, 2.02266),
    # Fuels > Liquid fuels > Diesel (average biofuel blend), litres
    ("diesel", "kg/L", "", 2019, 2.59411),
    ("diesel", "kg/L", "", 2020, 2.54603),
    ("diesel", "kg/L", "", 2021, 2.51233),
    ("diesel", "kg/L", "", 2025, 2.57082),            # ID 1_101_1011_8_1
    # Business travel- land > Rail > National rail, passenger.km
    ("rail_national", "kg/(passenger*km)", "GB", 2019, 0.04115),
    ("rail_national", "kg/(passenger*km)", "GB", 2021, 0.03549),
    # Freighting goods > HGV (all diesel) > All HGVs, Average laden, tonne.km
    ("hgv_all_laden_average", "kg/(t*km)", "", 2019, 0.11133),
    ("hgv_all_laden_average", "kg/(t*km)", "", 2020, 0.1065),
    ("hgv_all_laden_average", "kg/(t*km)", "", 2025, 0.10163),  # ID 27_304_3140_14_1
    # Renamed rows, mapped onto the 2024 key:
    # 2020 Bioenergy > Biofuel > Biodiesel, litres (2021+: "Biodiesel ME")
    ("biodiesel_me", "kg/L", "", 2020, 0.1658),
    ("biodiesel_me", "kg/L", "", 2021, 0.16751),
    # 2019 Waste disposal > Refuse > Municipal waste, Landfill, tonnes (2020+: "Household residual waste")
    ("waste_household_residual_waste_landfill", "kg/t", "", 2019, 586.5138),
    ("waste_household_residual_waste_landfill", "kg/t", "", 2020, 437.3719),
    # 2025 Refuse > Household residual waste, "Incineration with Energy Recovery" (2024: "Combustion"),
    # ID 20_507_5283_15_1 in both editions
    ("waste_household_residual_waste_combustion", "kg/t", "", 2024, 6.41061),
    ("waste_household_residual_waste_combustion", "kg/t", "", 2025, 4.68568),
    # 2019 Hotel stay > South Korea, Room per night (2021+: "Korea")
    ("hotel_stay_korea", "kg/(room*night)", "", 2019, 64.5),
    ("hotel_stay_korea", "kg/(room*night)", "", 2021, 61.2),
]


@pytest.mark.parametrize("activity, unit, region, year, expected", PINNED)
def test_values_match_each_edition(table, activity, unit, region, year, expected):
    assert value(table, activity, unit, region, year) == expected


def test_2023_edition_keeps_the_unrounded_cell_values(table):
    # 2023 v1.1 stores unrounded values; the workbook shows 5 decimals:
    # UK electricity > Electricity generated > Electricity: UK, kWh, ID 7_400_4000_5_1: 0.20707
    # Fuels > Gaseous fuels > Natural gas, kWh (Gross CV), ID 1_100_1004_6_1: 0.18293
    assert round(value(table, "electricity", "kg/kWh", "GB", 2023), 5) == 0.20707
    assert round(value(table, "natural_gas", "kg/kWh", "", 2023), 5) == 0.18293


def test_biogenic_co2_outside_the_scopes(table):
    # Outside of scopes > Electricity generated > Electricity: UK, kWh, GHG "kg CO2" (2021, kg of biogenic CO2;
    # the cell holds 0.10686785675626792) and "kg CO2e of CO2 per unit" 0.11507 (2024, ID 99_400_4001_5_2)
    assert round(value(table, "electricity", "kg/kWh", "GB", 2021, gas="biogenic_CO2"), 5) == 0.10687
    assert value(table, "electricity", "kg/kWh", "GB", 2024, gas="biogenic_CO2") == 0.11507
    # 2019 and 2020 publish no biogenic CO2 row for UK electricity
    rows = table[(table["activity"] == "electricity") & (table["gas"] == "biogenic_CO2")]
    assert sorted(rows["year"]) == [2021.0, 2022.0, 2023.0, 2024.0, 2025.0]


def test_every_edition_all_co2e_or_biogenic(table):
    assert set(table["year"]) == {float(y) for y in EDITIONS}
    assert set(table["gas"]) == {"CO2e", "biogenic_CO2"}
    counts = table.groupby("year").size().to_dict()
    assert counts == {2019.0: 1143, 2020.0: 1123, 2021.0: 1192, 2022.0: 1198, 2023.0: 1208, 2024.0: 1216,
                      2025.0: 1216}
    for year in EDITIONS:  # every row cites its own edition
        rows = table[table["year"] == year]
        assert rows["source"].str.contains(f"Company Reporting {year} ").all(), year
    # the 2024 rows of the core keys exist in every edition, under the same key and region
    core = {("electricity", "GB"), ("electricity_td", "GB"), ("wtt_electricity", "GB"), ("natural_gas", ""),
            ("diesel", ""), ("petrol", ""), ("air_long_haul_economy_rf", "GB"), ("car_average_petrol", ""),
            ("hgv_all_laden_average", ""), ("water_supply", "GB"), ("hotel_stay_uk", "")}
    for year in EDITIONS:
        rows = table[table["year"] == year]
        assert core <= set(zip(rows["activity"], rows["region"])), year


def test_2024_rows_equal_the_desnz_2024_set(table):
    alone, issues = load_factor_library(["desnz-2024"], Path("."))
    assert issues == []
    columns = ["activity", "region", "year", "gas", "value", "unit", "source"]
    ours = table.loc[table["year"] == 2024, columns].reset_index(drop=True)
    assert ours.equals(alone.table[columns].reset_index(drop=True))


@pytest.mark.skipif(not all(f.is_file() for f in FLATS), reason="the DESNZ flat files are not available here")
def test_shipped_tables_are_what_the_generator_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("desnz_build", BUILDER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(f) for f in FLATS] + [str(tmp_path)]) == 0
    shipped = factors_home() / SET
    names = sorted(p.name for p in shipped.glob("*.csv"))
    assert names == sorted(p.name for p in tmp_path.glob("*.csv"))
    match, mismatch, errors = filecmp.cmpfiles(shipped, tmp_path, names, shallow=False)
    assert mismatch == [] and errors == []


RECORDS = """\
record_id,year,scope,category,activity,gas,quantity,unit,region,entity,notes
power2020,2020,2,electricity,electricity,,1000,kWh,GB,HQ,
power2022,2022,2,electricity,electricity,,1000,kWh,GB,HQ,
gas2019,2019,1,stationary_combustion,natural_gas,,1000,kWh,,HQ,kWh gross CV
"""
# Hand calculation (t CO2e), factors already in CO2e (no GWP applied):
# power2020: 1000 kWh x 0.23314 kg/kWh (2020 edition, UK electricity) = 233.14 kg = 0.23314 t
# power2022: 1000 kWh x 0.19338 kg/kWh (2022 edition, UK electricity) = 193.38 kg = 0.19338 t
# gas2019:   1000 kWh x 0.18385 kg/kWh (2019 edition, natural gas gross CV) = 0.18385 t


def test_record_year_picks_the_edition(make_inventory):
    root = make_inventory({"activities/energy.csv": RECORDS}, factors='["desnz"]')
    ledger = calculate(load_inventory(root)).set_index("record_id")
    assert ledger.at["power2020", "tco2e"] == pytest.approx(0.23314, rel=1e-12)
    assert ledger.at["power2022", "tco2e"] == pytest.approx(0.19338, rel=1e-12)
    assert ledger.at["gas2019", "tco2e"] == pytest.approx(0.18385, rel=1e-12)
    assert "2020 (v1, flat file)" in ledger.at["power2020", "factor_source"]
    assert "2022 (v3, flat file)" in ledger.at["power2022", "factor_source"]
    # 2022: biogenic CO2 of UK electricity, Outside of scopes, "kg CO2e of CO2" 0.11506924154625897 kg/kWh
    assert ledger.at["power2022", "biogenic_tco2"] == pytest.approx(0.11506924154625897, rel=1e-12)
    assert ledger.at["power2020", "biogenic_tco2"] == 0.0  # none published in 2020
