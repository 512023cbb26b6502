"""Factor resolution: source order, region fallback, vintage choice, unit basis, missing factors.

The factor values here are test fixtures (round numbers chosen so each result shows which row won),
not published factors.
"""

import pytest

from carbon import InputError, calculate, load_inventory

FACTORS = """\
activity,region,year,gas,value,unit,source
widget,,,CO2e,1,kg/kg,test fixture: any region any year
widget,US,,CO2e,2,kg/kg,test fixture: US any year
widget,US,2019,CO2e,3,kg/kg,test fixture: US 2019
widget,US,2022,CO2e,4,kg/kg,test fixture: US 2022
widget,US-CAMX,2021,CO2e,5,kg/kg,test fixture: CAMX 2021
fuel,,,CO2,10,kg/MMBtu,test fixture: per energy
fuel,,,CO2,2,kg/gallon,test fixture: per volume
late,GB,2023,CO2e,7,kg/kg,test fixture: only from 2023
"""


def ledger_for(make_inventory, records: str, factors: str = '["local.csv", "epa-2025"]'):
    root = make_inventory({"local.csv": FACTORS, "activities/a.csv": records}, factors=factors)
    return calculate(load_inventory(root)).set_index("record_id")


HEADER = "record_id,year,scope,category,activity,quantity,unit,region\n"


@pytest.mark.parametrize("region, year, per_kg, flags", [
    ("US-CAMX", 2021, 5, ""),                                # exact region, exact vintage
    ("US-CAMX", 2020, 5, "vintage_after_record:2021>2020"),  # only vintage is later: earliest, flagged
    ("US-NYCW", 2023, 4, "region_fallback:US-NYCW->US;vintage_before_record:2022<2023"),  # US, latest <= 2023
    ("US", 2020, 3, "vintage_before_record:2019<2020"),      # 2019 vintage beats the blank-year row
    ("US", 2018, 2, ""),                                     # no dated vintage <= 2018: blank year
    ("FR", 2022, 1, "region_fallback:FR->any"),              # no FR rows: the global row
    ("", 2022, 1, ""),                                       # no region: global rows only
])
def test_region_and_vintage(make_inventory, region, year, per_kg, flags):
    led = ledger_for(make_inventory, HEADER + f"r1,{year},3,1,widget,1000,kg,{region}\n")
    # 1000 kg x per_kg kg CO2e/kg = per_kg t CO2e
    assert led.at["r1", "tco2e"] == pytest.approx(per_kg, rel=1e-12)
    assert led.at["r1", "factor_flags"] == flags


def test_unit_basis_follows_the_record_unit(make_inventory):
    led = ledger_for(make_inventory, HEADER + "e,2022,1,stationary_combustion,fuel,100,MMBtu,\n"
                                              "v,2022,1,stationary_combustion,fuel,100,gallon,\n")
    assert led.at["e", "tco2e"] == pytest.approx(100 * 10 / 1000, rel=1e-12)   # 1 t
    assert led.at["v", "tco2e"] == pytest.approx(100 * 2 / 1000, rel=1e-12)    # 0.2 t


def test_first_source_with_the_activity_wins(make_inventory):
    # natural_gas is only in epa-2025; a local electricity row for CN does not shadow US records.
    local = FACTORS + "electricity,CN,2022,CO2,0.5366,kg/kWh,test fixture\n"
    root = make_inventory({"local.csv": local, "activities/a.csv": HEADER
                           + "ng,2022,1,stationary_combustion,natural_gas,100,MMBtu,\n"
                           + "cn,2022,2,electricity,electricity,1000,kWh,CN\n"
                           + "us,2023,2,electricity,electricity,1,MWh,US\n"},
                          factors='["local.csv", "epa-2025"]')
    led = calculate(load_inventory(root)).set_index("record_id")
    assert led.at["ng", "factor_set"] == "epa-2025"
    assert led.at["cn", "factor_set"] == "local.csv"
    assert led.at["cn", "tco2e"] == pytest.approx(0.5366, rel=1e-12)  # 1000 kWh x 0.5366 kg/kWh
    assert led.at["us", "factor_set"] == "epa-2025"
    assert led.at["us", "factor_region"] == "US"


def test_every_missing_factor_is_reported_at_once(make_inventory):
    root = make_inventory({"local.csv": FACTORS, "activities/a.csv": HEADER
                           + "m1,2022,3,1,unobtainium,1,kg,\n"
                           + "m2,2022,3,1,late,1,kg,US\n"
                           + "m3,2022,1,stationary_combustion,fuel,1,kg,\n"
                           + "ok,2022,3,1,widget,1,kg,\n"}, factors='["local.csv"]')
    with pytest.raises(InputError) as caught:
        calculate(load_inventory(root))
    text = str(caught.value)
    assert len(caught.value.issues) == 3
    assert "record 'm1'" in text and "no factor set has it" in text
    assert "record 'm2'" in text and "factors exist only for regions: GB" in text
    assert "record 'm3'" in text and "'kg' does not convert" in text and "MMBtu" in text


def test_conflicting_factor_rows_are_an_error(make_inventory):
    bad = FACTORS + "widget,US,2022,CO2e,9,kg/t,test fixture: conflicts with the 2022 US row\n"
    root = make_inventory({"local.csv": bad, "activities/a.csv": HEADER + "r,2022,3,1,widget,1,kg,US\n"},
                          factors='["local.csv"]')
    with pytest.raises(InputError, match="conflicting rows: local.csv row 5, local.csv row 10"):
        calculate(load_inventory(root))


def test_sets_with_different_extra_columns_load_together(make_inventory):
    # useeio-v1.3 has price_year, name, ... columns; epa-2025 has none: neither may break the other
    records = HEADER + "a,2022,1,stationary_combustion,natural_gas,100,MMBtu,\nb,2022,3,1,naics_541511,100,USD,\n"
    root = make_inventory({"activities/a.csv": records}, factors='["epa-2025", "useeio-v1.3"]')
    led = calculate(load_inventory(root)).set_index("record_id")
    assert led.at["a", "factor_set"] == "epa-2025" and led.at["b", "factor_set"] == "useeio-v1.3"
    # 100 USD of 2022 x 0.084 kg CO2e/USD (EPA Supply Chain GHG Emission Factors v1.3, NAICS 541511)
    assert led.at["b", "tco2e"] == pytest.approx(100 * 0.084 / 1000, rel=1e-12)
