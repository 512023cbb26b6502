"""Build ``factors/china-mee/electricity.csv``: electricity CO2 emission factors published by China's
Ministry of Ecology and Environment (MEE, 生态环境部), with the National Bureau of Statistics (NBS,
国家统计局) for the 2021-2023 average factors.

Generated table: do not edit it by hand; change this script and run it again::

    python factors/tools/china_mee_build.py factors/china-mee

No machine-readable copy of the notices' annex tables was available when this set was compiled, and
the MEE website itself could not be read. Blocks A-D were read from a reprint of a notice (or a press
report quoting it), and each block says where it was seen. Only values confirmed in such a copy
are embedded, plus the 2022 provincial factors seen in two independent pieces of third-party program code
that agree with each other (block E; each such row says so). Rows seen in only one copy, or not at all,
are left out and listed in ``factors/china-mee/SOURCE.md`` ("Not shipped"). Values are copied as printed (no rounding,
no unit conversion): the MEE/NBS factors in kg CO2/kWh, the carbon-market grid factors in t CO2/MWh.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

# ``verification``: every value was read from a reprint or third-party copy, none from mee.gov.cn ("reprint").
# ``note``: blank, or "proxy: ..." on a row that stands in for a factor the publisher did not publish (block F).
HEADER = ["activity", "region", "year", "gas", "value", "unit", "source", "verification", "note"]

# ---------------------------------------------------------------------------------------------------------
# The notices (publisher, title, number, date). ``year`` in the table is the data year a factor describes.
# ---------------------------------------------------------------------------------------------------------
N2021 = ("MEE & NBS, 关于发布2021年电力二氧化碳排放因子的公告 (Announcement on the 2021 electricity CO2 "
         "emission factors), 公告2024年第12号, 12 Apr 2024")
N2022 = ("MEE & NBS, 关于发布2022年电力二氧化碳排放因子的公告 (Announcement on the 2022 electricity CO2 "
         "emission factors), dated 20 Dec 2024, released 26 Dec 2024")
N2023 = ("MEE & NBS, 关于发布2023年电力二氧化碳排放因子的公告 (Announcement on the 2023 electricity CO2 "
         "emission factors), released Jan 2026")
N_REPORT_2022 = ("MEE, 关于做好2022年企业温室气体排放报告管理相关重点工作的通知 (Notice on key work for 2022 "
                 "enterprise GHG emission reporting), 2022")
N_REPORT_2023 = ("MEE, 关于做好2023—2025年发电行业企业温室气体排放报告管理有关工作的通知 (Notice on 2023-2025 "
                 "power-sector GHG emission reporting), Feb 2023")

# Where each block was seen (reprints; the notices' own pages were not read).
BJNEWS = ("value as reprinted by Beijing News (新京报) 27 Dec 2024, "
          "https://daydaynews.cc/zh-hant/finance/3899452.html")
GMRB = ("value as reprinted by Guangming Daily (光明日报), https://www.163.com/dy/article/KIQVBKCG05567I2C.html; "
        "same figures in China Electric Power News 15 Jan 2026 and Sina Finance 22 Jan 2026 as indexed by reportify.ai")
CEPN = ("value as reprinted by China Electric Power News (中国电力报) 15 Jan 2026 as indexed by "
        "https://reportify.ai/tags/concept?tagValue=电力二氧化碳排放因子")
TANPAIFANG = ("value as reprinted by tanpaifang.com 15 Feb 2023, "
              "http://tanpaifang.com/tanguwen/2023/0215/94510.html")
NOTICE2022_READING = ("value as reprinted in an interpretation of the notice (信息来源：生态环境部), GitHub "
                      "Montana0101/carbon-neutrality-new src/page/consult/sub/sub7.js")

SZCBN = ("value as reprinted by szcbn.com (读创/深圳商报), \"中国电力碳排放因子全面更新\", on the 2021 announcement, "
         "https://www.szcbn.com/newsinfo/7157203.html")

# Two pieces of third-party program code that each carry the full 2022 provincial table. Neither is a
# reprint of the notice; they are used under the rule "a value seen in two independent copies that agree"
# (SOURCE.md). They differ in language, order, layout and number formatting (A drops trailing zeros, B
# keeps four decimals; B adds Tibet at the Southwest regional value, A has no Tibet), so neither reads as
# a copy of the other.
COPY_A = ("GitHub felix0220170/ghg-accounting src/config/emissionConstants.js (commit 765f188; "
          "electricityEmissionFactors, factor2022)")
COPY_B = ("a Python hydrogen-supply model (PROVINCE_ELECTRICITY_FACTORS; repository not identified, "
          "stored code-index file id 25232621340)")
TWO_COPIES = f"value in two independent copies that agree: {COPY_A}; {COPY_B}"

KWH = "kg/kWh"
MWH = "t/MWh"

# ---------------------------------------------------------------------------------------------------------
# Block A: 2023 factors. Seen in the Guangming Daily article on the 2023 announcement (163.com reprint):
# national 0.5306 kgCO2/kWh; North, Northeast, East, Central, Northwest 0.6361, 0.5122, 0.5500, 0.5271,
# 0.5543; South and Southwest 0.4042, 0.2472 kgCO2/kWh. The excluding-market-traded-non-fossil factor
# 0.6096 and the fossil factor 0.8273 were seen in the China Electric Power News article (reportify.ai).
# No 2023 provincial value was seen in any copy.
# (activity, region, value, reprint)
# ---------------------------------------------------------------------------------------------------------
BLOCK_2023 = [
    ("electricity", "CN", "0.5306", GMRB),
    ("electricity", "CN-North", "0.6361", GMRB),
    ("electricity", "CN-Northeast", "0.5122", GMRB),
    ("electricity", "CN-East", "0.5500", GMRB),
    ("electricity", "CN-Central", "0.5271", GMRB),
    ("electricity", "CN-Northwest", "0.5543", GMRB),
    ("electricity", "CN-South", "0.4042", GMRB),
    ("electricity", "CN-Southwest", "0.2472", GMRB),
    ("electricity_excl_market_non_fossil", "CN", "0.6096", CEPN),
    ("electricity_fossil", "CN", "0.8273", CEPN),
]

# ---------------------------------------------------------------------------------------------------------
# Block B: 2022 factors. Seen in the Beijing News article of 27 Dec 2024 (daydaynews.cc reprint):
# national 0.5366 kgCO2/kWh; excluding market-traded non-fossil 0.5856; fossil 0.8325; regions North
# 0.6776, Southwest 0.2268, then Northwest, East, Northeast, Central, South 0.5857, 0.5617, 0.5564,
# 0.5395, 0.3869; provinces, top five Hebei, Shanxi (山西), Tianjin, Inner Mongolia, Anhui 0.7252, 0.7096,
# 0.7041, 0.6849, 0.6782; bottom five Fujian, Guangxi, Qinghai, Sichuan, Yunnan 0.4092, 0.4044, 0.1567,
# 0.1404, 0.1073. The 2023 percentages in the Guangming Daily article (North -6.1%, Southwest +9.0%, ...)
# agree with these 2022 regional values. The other 20 provinces were not seen in a reprint.
# ---------------------------------------------------------------------------------------------------------
BLOCK_2022 = [
    ("electricity", "CN", "0.5366", BJNEWS),
    ("electricity_excl_market_non_fossil", "CN", "0.5856", BJNEWS),
    ("electricity_fossil", "CN", "0.8325", BJNEWS),
    ("electricity", "CN-North", "0.6776", BJNEWS),
    ("electricity", "CN-Northeast", "0.5564", BJNEWS),
    ("electricity", "CN-East", "0.5617", BJNEWS),
    ("electricity", "CN-Central", "0.5395", BJNEWS),
    ("electricity", "CN-Northwest", "0.5857", BJNEWS),
    ("electricity", "CN-South", "0.3869", BJNEWS),
    ("electricity", "CN-Southwest", "0.2268", BJNEWS),
    ("electricity", "CN-Hebei", "0.7252", BJNEWS),
    ("electricity", "CN-Shanxi", "0.7096", BJNEWS),
    ("electricity", "CN-Tianjin", "0.7041", BJNEWS),
    ("electricity", "CN-InnerMongolia", "0.6849", BJNEWS),
    ("electricity", "CN-Anhui", "0.6782", BJNEWS),
    ("electricity", "CN-Fujian", "0.4092", BJNEWS),
    ("electricity", "CN-Guangxi", "0.4044", BJNEWS),
    ("electricity", "CN-Qinghai", "0.1567", BJNEWS),
    ("electricity", "CN-Sichuan", "0.1404", BJNEWS),
    ("electricity", "CN-Yunnan", "0.1073", BJNEWS),
]

# ---------------------------------------------------------------------------------------------------------
# Block C: 2021 factors, as quoted for comparison in the same Beijing News article: national 0.5568
# kgCO2/kWh ("比2021年的0.5568降低0.0202"), fossil 0.8426 ("比2021年的0.8426降低0.0101"). The 2021 national
# value also appears in the zhangwenkingh.cn reprint of 3 Jan 2025. The 2021 regional, provincial and
# excluding-market-traded factors were not seen in a reprint.
# ---------------------------------------------------------------------------------------------------------
BLOCK_2021 = [
    ("electricity", "CN", "0.5568", BJNEWS + " (2021 value quoted for comparison)"),
    ("electricity_fossil", "CN", "0.8426", BJNEWS + " (2021 value quoted for comparison)"),
    # szcbn.com on the 2021 announcement: "采用“电网剩余组合排放因子”：0.5942 (即“不包括市场化交易的非化石电源
    # 电量的平均二氧化碳排放因子”...)"; the same article gives the national average 0.5568.
    ("electricity_excl_market_non_fossil", "CN", "0.5942", SZCBN),
]

# ---------------------------------------------------------------------------------------------------------
# Block E: the other twenty 2022 provincial factors (the ten top/bottom ones are in block B, from the Beijing
# News reprint). No reprint of the notice's provincial table was found; these were seen in two independent
# pieces of program code (COPY_A, COPY_B), typed below exactly as each prints them. A cell is shipped only
# where the two agree numerically; the value written is copy B's four-decimal form (the notice prints four
# decimals throughout, as every reprinted value shows). Both copies also agree with all ten block-B values,
# and the twenty values all lie between Anhui 0.6782 (fifth highest) and Fujian 0.4092 (fifth lowest), as the
# Beijing News ranking requires; ``province_rows_2022`` checks both.
# (region code, 省份, copy A as printed, copy B as printed)
# ---------------------------------------------------------------------------------------------------------
PROVINCES_2022 = [
    ("CN-Beijing", "北京", "0.558", "0.5580"),
    ("CN-Liaoning", "辽宁", "0.5626", "0.5626"),
    ("CN-Jilin", "吉林", "0.4932", "0.4932"),
    ("CN-Heilongjiang", "黑龙江", "0.5368", "0.5368"),
    ("CN-Shanghai", "上海", "0.5849", "0.5849"),
    ("CN-Jiangsu", "江苏", "0.5978", "0.5978"),
    ("CN-Zhejiang", "浙江", "0.5153", "0.5153"),
    ("CN-Jiangxi", "江西", "0.5752", "0.5752"),
    ("CN-Shandong", "山东", "0.641", "0.6410"),
    ("CN-Henan", "河南", "0.6058", "0.6058"),
    ("CN-Hubei", "湖北", "0.4364", "0.4364"),
    ("CN-Hunan", "湖南", "0.49", "0.4900"),
    ("CN-Guangdong", "广东", "0.4403", "0.4403"),
    ("CN-Hainan", "海南", "0.4184", "0.4184"),
    ("CN-Chongqing", "重庆", "0.5227", "0.5227"),
    ("CN-Guizhou", "贵州", "0.4989", "0.4989"),
    ("CN-Shaanxi", "陕西", "0.6558", "0.6558"),
    ("CN-Gansu", "甘肃", "0.4772", "0.4772"),
    ("CN-Ningxia", "宁夏", "0.6423", "0.6423"),
    ("CN-Xinjiang", "新疆", "0.6231", "0.6231"),
]
# The ten block-B provinces as the two copies print them (cross-check only; block B is what is shipped).
CROSS_CHECK_2022 = [
    ("CN-Hebei", "河北", "0.7252", "0.7252"), ("CN-Shanxi", "山西", "0.7096", "0.7096"),
    ("CN-Tianjin", "天津", "0.7041", "0.7041"), ("CN-InnerMongolia", "内蒙古", "0.6849", "0.6849"),
    ("CN-Anhui", "安徽", "0.6782", "0.6782"), ("CN-Fujian", "福建", "0.4092", "0.4092"),
    ("CN-Guangxi", "广西", "0.4044", "0.4044"), ("CN-Qinghai", "青海", "0.1567", "0.1567"),
    ("CN-Sichuan", "四川", "0.1404", "0.1404"), ("CN-Yunnan", "云南", "0.1073", "0.1073"),
]


def province_rows_2022() -> list[tuple[str, str, str, str]]:
    """Block E as (activity, region, value, where seen), after checking the two copies against each other
    and against the Beijing News values and ranking."""
    reprinted = {region: value for activity, region, value, _ in BLOCK_2022 if region.count("-") and
                 region not in REGION_LABEL}
    for region, _, a, b in CROSS_CHECK_2022:
        assert float(a) == float(b) == float(reprinted[region]), region
    fifth_high, fifth_low = float(reprinted["CN-Anhui"]), float(reprinted["CN-Fujian"])
    out = []
    for region, name, a, b in PROVINCES_2022:
        if float(a) != float(b):  # copies disagree: ship nothing for this cell (none do at present)
            continue
        assert region not in reprinted, region
        assert fifth_low < float(b) < fifth_high, region
        out.append(("electricity", region, b, f"{TWO_COPIES} ({name} {b})"))
    assert len({r for r, *_ in PROVINCES_2022} | set(reprinted)) == 30
    return out

# ---------------------------------------------------------------------------------------------------------
# Block D: national grid average factors of the carbon market's enterprise GHG reporting (t CO2/MWh).
# - 0.5703: tanpaifang.com, 15 Feb 2023, on the 2023-2025 power-sector reporting notice: "2022年度全国电网
#   平均排放因子为0.5703tCO2/MWh" -> data year 2022.
# - 0.5810 and 0.6101: interpretation of the 2022 reporting notice (GitHub Montana0101/carbon-neutrality-new,
#   sub7.js): "在核算2021及2022年度碳排放量时，全国电网排放因子由0.6101tCO2/MWh调整为最新的0.5810tCO2/MWh".
#   Neither copy states the data year these two describe; ``year`` is the emission year the notice first
#   applies each to (0.5810 from 2021; 0.6101 before it, filed under 2020). See SOURCE.md.
# (value, year, notice, reprint)
# ---------------------------------------------------------------------------------------------------------
BLOCK_REPORTING = [
    ("0.5703", 2022, N_REPORT_2023 + ", 2022 annual national grid average emission factor", TANPAIFANG),
    ("0.5810", 2021, N_REPORT_2022 + ", national grid emission factor for accounting 2021 and 2022 emissions "
     "(data year not stated; filed under 2021)", NOTICE2022_READING),
    ("0.6101", 2020, N_REPORT_2022 + ", the earlier national grid emission factor it replaces (used before "
     "2021 emissions; publishing instrument and data year not seen; filed under 2020)", NOTICE2022_READING),
]

# ---------------------------------------------------------------------------------------------------------
# Block F: proxy rows. MEE/NBS published no average electricity factor for data years 2019 or 2020 (the series
# starts with the 2021 factors, announced April 2024). For 2019 and 2020 records in ``CN`` the set offers, under
# its own key ``electricity_proxy`` (opt-in: ``electricity`` keeps only MEE/NBS values), the carbon-market
# national grid factor 0.6101 t CO2/MWh (block D), which the 2022 reporting notice says was used for accounting
# emissions before 2021, i.e. the first compliance period (2019-2020). It is a different series, so each row
# carries note "proxy: ..." for the engine to flag.
# (activity, region, year, value, note)
# ---------------------------------------------------------------------------------------------------------
PROXY_NOTE = ("proxy: no MEE/NBS average electricity factor is published for {year}; this is the carbon-market "
              "national grid emission factor 0.6101 tCO2/MWh used for accounting emissions before 2021 (a "
              "different series)")
BLOCK_PROXY = [("electricity_proxy", "CN", year, "0.6101") for year in (2019, 2020)]

REGION_LABEL = {
    "CN": "national average", "CN-North": "North China grid region (华北)", "CN-Northeast": "Northeast (东北)",
    "CN-East": "East China (华东)", "CN-Central": "Central China (华中)", "CN-Northwest": "Northwest (西北)",
    "CN-South": "South (南方)", "CN-Southwest": "Southwest (西南)",
}
SERIES_LABEL = {
    "electricity": "average electricity CO2 emission factor",
    "electricity_excl_market_non_fossil": "national average factor excluding market-traded non-fossil electricity",
    "electricity_fossil": "national fossil-fuel electricity CO2 emission factor",
}


def rows() -> list[list[str]]:
    out = []
    blocks = ((2023, N2023, BLOCK_2023), (2022, N2022, BLOCK_2022 + province_rows_2022()), (2021, N2021, BLOCK_2021))
    for year, notice, block in blocks:
        for activity, region, value, seen in block:
            where = REGION_LABEL.get(region, "province " + region.removeprefix("CN-"))
            source = f"{notice}; {year} {SERIES_LABEL[activity]}, {where}; {seen}"
            out.append([activity, region, str(year), "CO2", value, KWH, source, "reprint", ""])
    for value, year, what, seen in BLOCK_REPORTING:
        out.append(["electricity_grid_average_reporting", "CN", str(year), "CO2", value, MWH, f"{what}; {seen}",
                    "reprint", ""])
    reporting = {v for v, *_ in BLOCK_REPORTING}
    for activity, region, year, value in BLOCK_PROXY:
        assert value in reporting, value
        source = (f"{N_REPORT_2022}, the national grid emission factor used for accounting emissions before 2021, "
                  f"as the proxy for the {year} average factor (not published); {NOTICE2022_READING}")
        out.append([activity, region, str(year), "CO2", value, MWH, source, "reprint",
                    PROXY_NOTE.format(year=year)])
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    target = Path(argv[1])
    target.mkdir(parents=True, exist_ok=True)
    table = rows()
    with open(target / "electricity.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(table)
    print(f"wrote {len(table)} rows to {target / 'electricity.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
