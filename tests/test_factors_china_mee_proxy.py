"""china-mee: the 2019 and 2020 proxy rows (no MEE/NBS average factor is published for those years).

The proxy value is the carbon-market national grid emission factor as reprinted from MEE's 2022 reporting notice:
"全国电网排放因子由0.6101tCO2/MWh调整为最新的0.5810tCO2/MWh" (used for emissions before 2021; GitHub
Montana0101/carbon-neutrality-new, src/page/consult/sub/sub7.js, marked 信息来源：生态环境部). It is typed here,
not read from our CSV.
"""

from pathlib import Path

import pytest

from carbon import calculate, load_inventory
from carbon.factors import load_factor_library


@pytest.fixture(scope="module")
def table():
    library, issues = load_factor_library(["china-mee"], Path("."))
    assert issues == []
    return library.table


def test_proxy_rows_are_marked_and_only_for_2019_and_2020(table):
    proxy = table[table["note"].str.startswith("proxy:")]
    assert sorted(proxy["year"]) == [2019.0, 2020.0]
    assert set(proxy["activity"]) == {"electricity_proxy"} and set(proxy["region"]) == {"CN"}
    assert set(proxy["value"]) == {0.6101} and set(proxy["unit"]) == {"t/MWh"}
    assert proxy["note"].str.contains("no MEE/NBS average electricity factor is published").all()
    # the MEE/NBS rows (2021-2023) carry no note
    published = table[(table["activity"] == "electricity") & (table["year"] >= 2021)]
    assert (published["note"] == "").all() and len(published) > 0
    # every row is from a reprint or third-party copy
    assert set(table["verification"]) == {"reprint"}


def test_the_reference_copy_agrees():
    # /work/shared/reference/data/china_mee/china_grid_emission_factors.csv, typed: national average 2021 0.5568,
    # 2022 0.5366, 2023 0.5306 kg/kWh; carbon-market grid factor "2019-2020 reporting" 0.6101 t/MWh
    library, _ = load_factor_library(["china-mee"], Path("."))
    t = library.table
    national = t[(t["activity"] == "electricity") & (t["region"] == "CN")].set_index("year")["value"]
    assert national.to_dict() == {2021.0: 0.5568, 2022.0: 0.5366, 2023.0: 0.5306}  # MEE/NBS only
    proxy = t[(t["activity"] == "electricity_proxy") & (t["region"] == "CN")].set_index("year")["value"]
    assert proxy.to_dict() == {2019.0: 0.6101, 2020.0: 0.6101}


RECORDS = """\
record_id,year,scope,category,activity,quantity,unit,region
proxy2020,2020,2,electricity,electricity_proxy,1000,MWh,CN
cn2020,2020,2,electricity,electricity,1000,MWh,CN
cn2021,2021,2,electricity,electricity,1000,MWh,CN
north2020,2020,2,electricity,electricity,1000,MWh,CN-North
"""


def test_the_proxy_is_opt_in(make_inventory):
    root = make_inventory({"activities/a.csv": RECORDS}, factors='["china-mee"]')
    led = calculate(load_inventory(root)).set_index("record_id")
    # opted in: 1,000 MWh x 0.6101 t CO2/MWh = 610.1 t (proxy row, year 2020)
    assert led.at["proxy2020", "tco2e"] == pytest.approx(610.1, rel=1e-12)
    assert str(led.at["proxy2020", "factor_vintage"]) == "2020"
    # default key: the 2021 MEE/NBS national factor, 1,000,000 kWh x 0.5568 kg/kWh = 556.8 t, flagged
    assert led.at["cn2020", "tco2e"] == pytest.approx(556.8, rel=1e-12)
    assert led.at["cn2020", "factor_flags"] == "vintage_after_record:2021>2020"
    # 1,000 MWh = 1,000,000 kWh x 0.5568 kg/kWh = 556.8 t (MEE/NBS 2021 national average)
    assert led.at["cn2021", "tco2e"] == pytest.approx(556.8, rel=1e-12)
    # no 2020 regional row: the region's earliest vintage (2022 North China 0.6776 kg/kWh) applies, flagged
    assert led.at["north2020", "tco2e"] == pytest.approx(677.6, rel=1e-12)
    assert led.at["north2020", "factor_flags"] == "vintage_after_record:2022>2020"
