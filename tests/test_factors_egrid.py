"""The `egrid` factor set: eGRID subregion and US total output emission rates by eGRID data year.

eGRID2019 values are typed from US EPA GHG Emission Factors Hub 2021 (last modified 15 September 2021), Table 6
Electricity, "Total Output Emission Factors" (lb/MWh), row named beside each; "Source: EPA eGRID2019, February
2021". They are not read from our own files.
"""

from pathlib import Path

import pandas as pd
import pytest

from carbon import calculate, load_inventory
from carbon.factors import load_factor_library

LB = 0.45359237  # kg per pound, exact


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    library, issues = load_factor_library(["egrid"], Path("."))
    assert issues == []
    return library.table


def value(table, region: str, year: int, gas: str) -> float:
    hit = table[(table["activity"] == "electricity") & (table["region"] == region) & (table["year"] == year)
                & (table["gas"] == gas) & (table["unit"] == "lb/MWh")]
    assert len(hit) == 1, f"{region} {year} {gas}: {len(hit)} rows"
    return float(hit["value"].iloc[0])


EGRID_2019 = [
    # Hub 2021 Table 6 row: CO2, CH4, N2O (lb/MWh)
    ("US", 884.2, 0.075, 0.011),            # "US Average"
    ("US-CAMX", 453.2, 0.033, 0.004),       # "CAMX (WECC California)"
    ("US-AKGD", 1114.4, 0.098, 0.013),      # "AKGD (ASCC Alaska Grid)"
    ("US-ERCT", 868.6, 0.057, 0.008),       # "ERCT (ERCOT All)"
    ("US-NYUP", 232.3, 0.017, 0.002),       # "NYUP (NPCC Upstate NY)"
    ("US-RFCW", 1067.7, 0.099, 0.014),      # "RFCW (RFC West)"
    ("US-MROW", 1098.4, 0.119, 0.017),      # "MROW (MRO West)"
    ("US-SRMW", 1584.4, 0.169, 0.025),      # "SRMW (SERC Midwest)"
    ("US-PRMS", 1537.3, 0.084, 0.013),      # "PRMS (Puerto Rico Miscellaneous)", flagged "New Region"
    ("US-SRVC", 675.4, 0.058, 0.008),       # "SRVC (SERC Virginia/Carolina)"
]


@pytest.mark.parametrize("region, co2, ch4, n2o", EGRID_2019)
def test_egrid2019_matches_hub_2021_table_6(table, region, co2, ch4, n2o):
    assert value(table, region, 2019, "CO2") == co2
    assert value(table, region, 2019, "CH4") == ch4
    assert value(table, region, 2019, "N2O") == n2o


def test_years_regions_gases_and_verification(table):
    assert set(table["year"]) == {2019.0, 2022.0, 2023.0}  # eGRID2020 and eGRID2021 are not shipped
    assert len(table) == 252
    for year, rows in table.groupby("year"):
        assert len(rows) == 84, year
        assert len(set(rows["region"])) == 28, year           # 27 subregions and the US average
        gases = rows.groupby("region")["gas"].apply(lambda g: tuple(sorted(g)))
        assert set(gases) == {("CH4", "CO2", "N2O")}, year
    assert set(table["verification"]) == {"reprint"}
    assert set(table["unit"]) == {"lb/MWh"}


@pytest.mark.parametrize("year, other", [(2022, "epa-2024"), (2023, "epa-2025")])
def test_2022_and_2023_rows_equal_the_hub_sets(table, year, other):
    library, issues = load_factor_library([other], Path("."))
    assert issues == []
    theirs = library.table
    columns = ["activity", "region", "year", "gas", "value", "unit", "source"]
    theirs = theirs.loc[theirs["activity"] == "electricity", columns].reset_index(drop=True)
    ours = table.loc[table["year"] == year, columns].reset_index(drop=True)
    assert ours.equals(theirs)
    # eGRID2022 CAMX 497.443 lb CO2/MWh (Hub 2024 Table 6); eGRID2023 CAMX 436.655 (Hub 2025 Table 6)
    assert value(table, "US-CAMX", year, "CO2") == {2022: 497.443, 2023: 436.655}[year]


RECORDS = """\
record_id,year,scope,category,activity,quantity,unit,region
ca2019,2019,2,electricity,electricity,100,MWh,US-CAMX
ca2020,2020,2,electricity,electricity,100,MWh,US-CAMX
ca2023,2023,2,electricity,electricity,100,MWh,US-CAMX
"""


def test_record_year_picks_the_egrid_year(make_inventory):
    root = make_inventory({"activities/a.csv": RECORDS}, factors='["egrid", "epa-2025"]')
    ledger = calculate(load_inventory(root)).set_index("record_id")
    # 2019: 100 MWh x 453.2 lb CO2/MWh x 0.45359237 kg/lb = 20,556.81 kg = 20.55681... t CO2 (eGRID2019 CAMX)
    assert ledger.at["ca2019", "t_CO2"] == pytest.approx(100 * 453.2 * LB / 1000, rel=1e-12)
    assert ledger.at["ca2019", "t_CH4"] == pytest.approx(100 * 0.033 * LB / 1000, rel=1e-12)
    assert ledger.at["ca2019", "t_N2O"] == pytest.approx(100 * 0.004 * LB / 1000, rel=1e-12)
    # AR5 (the test inventory's GWPs): CH4 28, N2O 265
    assert ledger.at["ca2019", "tco2e"] == pytest.approx(100 * (453.2 + 0.033 * 28 + 0.004 * 265) * LB / 1000,
                                                         rel=1e-12)
    # 2020: no eGRID2020 shipped, the latest earlier vintage (2019) stands in, flagged
    assert ledger.at["ca2020", "t_CO2"] == pytest.approx(100 * 453.2 * LB / 1000, rel=1e-12)
    assert "vintage_before_record:2019<2020" in ledger.at["ca2020", "factor_flags"]
    # 2023: eGRID2023 CAMX 436.655 lb CO2/MWh (Hub 2025 Table 6), from this set, not from epa-2025
    assert ledger.at["ca2023", "t_CO2"] == pytest.approx(100 * 436.655 * LB / 1000, rel=1e-12)
    assert ledger.at["ca2023", "factor_set"] == "egrid"
    assert ledger.at["ca2019", "t_CO2"] - ledger.at["ca2023", "t_CO2"] == pytest.approx(
        100 * (453.2 - 436.655) * LB / 1000, rel=1e-9)


def test_grid_methane_is_fossil_under_ar6_whichever_set_carries_the_row():
    """egrid and epa-2025 carry the same eGRID2023 rows: their CH4 must weigh the same under AR6
    (CH4-fossil 29.8, IPCC AR6 WG1 Table 7.15), not depend on which set an inventory lists first."""
    from pathlib import Path

    from carbon.factors import load_factor_library

    for name in ("egrid", "epa-2025"):
        library, _ = load_factor_library([name], Path("."))
        t = library.table
        ch4 = t[(t["gas"] == "CH4") & (t["activity"] == "electricity")]
        assert len(ch4) and set(ch4["ch4_origin"]) == {"fossil"}, name
