"""The shipped ``china-mee`` set checked value by value against the reprints of the MEE notices.

Each expected number is typed from the reprint named beside it (the notices' own pages could not be
read), not from our own CSV. Units are as published: kg CO2/kWh for the MEE/NBS factors, t CO2/MWh
for the carbon-market national grid average factors.
"""

from pathlib import Path

import pandas as pd
import pytest

from carbon import calculate, load_inventory
from carbon.factors import load_factor_library


def table() -> pd.DataFrame:
    library, issues = load_factor_library(["china-mee"], Path("."))
    assert issues == []
    return library.table


def value(activity: str, region: str, year: int, unit: str) -> float:
    t = table()
    hit = t[(t["activity"] == activity) & (t["region"] == region) & (t["year"] == year)
            & (t["gas"] == "CO2") & (t["unit"] == unit)]
    assert len(hit) == 1, f"{activity} {region} {year}: {len(hit)} rows"
    return float(hit["value"].iloc[0])


KWH = "kg/kWh"
PINNED = [
    # MEE & NBS 2022 announcement (20 Dec 2024), as reprinted by Beijing News 27 Dec 2024:
    # "全国电力平均二氧化碳排放因子为0.5366"; "(不包括市场化交易的非化石能源电量)为0.5856"; "化石能源…为0.8325"
    ("electricity", "CN", 2022, KWH, 0.5366),
    ("electricity_excl_market_non_fossil", "CN", 2022, KWH, 0.5856),
    ("electricity_fossil", "CN", 2022, KWH, 0.8325),
    # same article: "華北的因子最高，為0.6776，西南最低，為0.2268"; 南方 0.3869
    ("electricity", "CN-North", 2022, KWH, 0.6776),
    ("electricity", "CN-Southwest", 2022, KWH, 0.2268),
    ("electricity", "CN-South", 2022, KWH, 0.3869),
    # same article, provinces: 河北 0.7252 (highest); 四川 0.1404; 雲南 0.1073 (lowest); 內蒙古 0.6849
    ("electricity", "CN-Hebei", 2022, KWH, 0.7252),
    ("electricity", "CN-Sichuan", 2022, KWH, 0.1404),
    ("electricity", "CN-Yunnan", 2022, KWH, 0.1073),
    ("electricity", "CN-InnerMongolia", 2022, KWH, 0.6849),
    # same article, 2021 for comparison: "比2021年的0.5568降低0.0202"; fossil "比2021年的0.8426降低0.0101"
    ("electricity", "CN", 2021, KWH, 0.5568),
    ("electricity_fossil", "CN", 2021, KWH, 0.8426),
    # MEE & NBS 2023 announcement, Guangming Daily: 全国 0.5306; 华东 0.5500; 南方 0.4042; 西南 0.2472
    ("electricity", "CN", 2023, KWH, 0.5306),
    ("electricity", "CN-East", 2023, KWH, 0.5500),
    ("electricity", "CN-South", 2023, KWH, 0.4042),
    ("electricity", "CN-Southwest", 2023, KWH, 0.2472),
    # China Electric Power News: 2023 excluding market-traded non-fossil 0.6096; fossil 0.8273
    ("electricity_excl_market_non_fossil", "CN", 2023, KWH, 0.6096),
    ("electricity_fossil", "CN", 2023, KWH, 0.8273),
    # 2021 announcement, as reprinted by szcbn.com ("中国电力碳排放因子全面更新"): "采用“电网剩余组合排放因子”：0.5942
    # (即“不包括市场化交易的非化石电源电量的平均二氧化碳排放因子”…)"
    ("electricity_excl_market_non_fossil", "CN", 2021, KWH, 0.5942),
    # 2022 provincial factors not in the Beijing News reprint, typed from the two code copies that agree:
    # felix0220170/ghg-accounting src/config/emissionConstants.js ({ province: '北京', ... factor2022: 0.558 },
    # '上海' 0.5849, '广东' 0.4403, '山东' 0.641, '新疆' 0.6231, '黑龙江' 0.5368) and the Python
    # PROVINCE_ELECTRICITY_FACTORS ("北京": 0.5580, "上海": 0.5849, "广东": 0.4403, "山东": 0.6410, "新疆": 0.6231,
    # "黑龙江": 0.5368)
    ("electricity", "CN-Beijing", 2022, KWH, 0.5580),
    ("electricity", "CN-Shanghai", 2022, KWH, 0.5849),
    ("electricity", "CN-Guangdong", 2022, KWH, 0.4403),
    ("electricity", "CN-Shandong", 2022, KWH, 0.6410),
    ("electricity", "CN-Xinjiang", 2022, KWH, 0.6231),
    ("electricity", "CN-Heilongjiang", 2022, KWH, 0.5368),
    # MEE 2023-2025 power-sector reporting notice (tanpaifang.com 15 Feb 2023):
    # "2022年度全国电网平均排放因子为0.5703tCO2/MWh"
    ("electricity_grid_average_reporting", "CN", 2022, "t/MWh", 0.5703),
    # MEE 2022 reporting notice, as reprinted: "全国电网排放因子由0.6101tCO2/MWh调整为最新的0.5810tCO2/MWh"
    ("electricity_grid_average_reporting", "CN", 2021, "t/MWh", 0.5810),
    ("electricity_grid_average_reporting", "CN", 2020, "t/MWh", 0.6101),
]


@pytest.mark.parametrize("activity, region, year, unit, expected", PINNED)
def test_values_match_the_reprinted_notices(activity, region, year, unit, expected):
    assert value(activity, region, year, unit) == expected


def test_set_shape():
    t = table()
    assert set(t["gas"]) == {"CO2"}
    assert set(t["unit"]) == {"kg/kWh", "t/MWh"}
    seen = t["source"].str.contains("as reprinted") | t["source"].str.contains("in two independent copies")
    assert seen.all(), "every row names the reprint, or the two agreeing copies, it was read from"
    grids = {"CN-North", "CN-Northeast", "CN-East", "CN-Central", "CN-Northwest", "CN-South", "CN-Southwest"}
    for year in (2022, 2023):
        regions = set(t.loc[(t["activity"] == "electricity") & (t["year"] == year), "region"])
        assert grids | {"CN"} <= regions


PROVINCES = {"CN-Beijing", "CN-Tianjin", "CN-Hebei", "CN-Shanxi", "CN-InnerMongolia", "CN-Liaoning", "CN-Jilin",
             "CN-Heilongjiang", "CN-Shanghai", "CN-Jiangsu", "CN-Zhejiang", "CN-Anhui", "CN-Fujian", "CN-Jiangxi",
             "CN-Shandong", "CN-Henan", "CN-Hubei", "CN-Hunan", "CN-Guangdong", "CN-Guangxi", "CN-Hainan",
             "CN-Chongqing", "CN-Sichuan", "CN-Guizhou", "CN-Yunnan", "CN-Shaanxi", "CN-Gansu", "CN-Qinghai",
             "CN-Ningxia", "CN-Xinjiang"}


def test_2022_provinces_complete_and_consistent_with_the_reprinted_ranking():
    t = table()
    p = t[(t["activity"] == "electricity") & (t["year"] == 2022) & t["region"].isin(PROVINCES)]
    assert set(p["region"]) == PROVINCES and len(p) == 30  # the 30 provinces of the notice (no Tibet)
    v = p.set_index("region")["value"].astype(float)
    # Beijing News: top five Hebei, Shanxi, Tianjin, Inner Mongolia, Anhui; bottom five Fujian, Guangxi,
    # Qinghai, Sichuan, Yunnan -> every other province lies strictly between Anhui and Fujian
    top = ["CN-Hebei", "CN-Shanxi", "CN-Tianjin", "CN-InnerMongolia", "CN-Anhui"]
    bottom = ["CN-Fujian", "CN-Guangxi", "CN-Qinghai", "CN-Sichuan", "CN-Yunnan"]
    assert list(v.sort_values(ascending=False).index[:5]) == top
    assert list(v.sort_values(ascending=False).index[-5:]) == bottom
    # values as printed in the CSV: four decimals (copy B's form "0.5580", not copy A's "0.558")
    raw = pd.read_csv(Path("factors/china-mee/electricity.csv"), dtype=str)
    raw = raw[(raw["activity"] == "electricity") & (raw["year"] == "2022") & raw["region"].isin(PROVINCES)]
    assert len(raw) == 30 and raw["value"].str.fullmatch(r"0\.\d{4}").all()
    assert not t["region"].isin(["CN-Tibet", "CN-Xizang"]).any()
    # no 2021 or 2023 provincial value is shipped (not confirmed in two copies or a reprint)
    assert not t[(t["year"] != 2022) & t["region"].isin(PROVINCES)].shape[0]


HEADER = "record_id,year,scope,category,activity,quantity,unit,region\n"


def test_end_to_end_inventory(make_inventory):
    root = make_inventory({"activities/power.csv": HEADER
                           + "yn,2022,2,electricity,electricity,1000,MWh,CN-Yunnan\n"
                           + "bj,2022,2,electricity,electricity,500,MWh,CN-Beijing\n"
                           + "xz,2022,2,electricity,electricity,500,MWh,CN-Tibet\n"
                           + "bj21,2021,2,electricity,electricity,500,MWh,CN-Beijing\n"
                           + "sc23,2023,2,electricity,electricity,2000000,kWh,CN-Sichuan\n"
                           + "mkt,2022,2,electricity,electricity_grid_average_reporting,100,MWh,CN\n"},
                          factors='["china-mee"]')
    led = calculate(load_inventory(root)).set_index("record_id")
    # 1,000 MWh = 1,000,000 kWh x 0.1073 kg/kWh = 107,300 kg = 107.3 t CO2
    assert led.at["yn", "tco2e"] == pytest.approx(107.3, rel=1e-12)
    assert led.at["yn", "factor_region"] == "CN-Yunnan"
    # Beijing 2022 provincial row (two agreeing copies): 500,000 kWh x 0.5580 kg/kWh = 279.0 t
    assert led.at["bj", "tco2e"] == pytest.approx(279.0, rel=1e-12)
    assert led.at["bj", "factor_region"] == "CN-Beijing"
    # 2021 in Beijing: no 2021 provincial row, so the region's only vintage (2022) applies, flagged
    assert led.at["bj21", "tco2e"] == pytest.approx(279.0, rel=1e-12)
    assert led.at["bj21", "factor_flags"] == "vintage_after_record:2022>2021"
    # Tibet has no shipped provincial row: falls back to CN (not to the Southwest grid), 500,000 kWh x 0.5366
    assert led.at["xz", "tco2e"] == pytest.approx(268.3, rel=1e-12)
    assert led.at["xz", "factor_flags"] == "region_fallback:CN-Tibet->CN"
    # no 2023 Sichuan row: the region wins over the vintage, so the 2022 Sichuan value applies
    assert led.at["sc23", "tco2e"] == pytest.approx(2_000_000 * 0.1404 / 1000, rel=1e-12)
    # 100 MWh x 0.5703 t/MWh = 57.03 t
    assert led.at["mkt", "tco2e"] == pytest.approx(57.03, rel=1e-12)
    assert led["tco2e"].sum() == pytest.approx(107.3 + 279.0 + 279.0 + 268.3 + 280.8 + 57.03, rel=1e-12)
