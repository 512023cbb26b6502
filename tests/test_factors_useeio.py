"""US EPA Supply Chain GHG Emission Factors v1.3 (factors/useeio-v1.3) and the currency tables
(factors/currency), checked value by value.

Expected numbers are typed from the copies seen (named in the SOURCE.md files), not read from our own
CSVs. USEEIO rows: file SupplyChainGHGEmissionFactors_v1.3.0_NAICS_CO2e_USD2022.csv, "row N" = the N-th
data line after the header; columns: without margins, margins, with margins (kg CO2e / 2022 USD,
purchaser price).
"""

from pathlib import Path

import pytest

from carbon.factors import factors_home, load_factor_library, resolve
from carbon.currency import load_money

SET = "useeio-v1.3"
HOME = factors_home()


@pytest.fixture(scope="module")
def library():
    lib, issues = load_factor_library([SET], Path("."))
    assert issues == []
    return lib


def test_whole_set_loads_without_issues(library):
    table = library.table
    assert len(table) == 1016
    assert table["activity"].is_unique
    assert set(table["gas"]) == {"CO2e"}
    assert set(table["unit"]) == {"kg/USD"}
    assert set(table["price_year"]) == {2022.0}
    assert set(table["region"]) == {""}
    assert table["year"].isna().all()
    assert table["activity"].str.fullmatch(r"naics_\d{6}").all()
    assert (table["source"].str.contains("SupplyChainGHGEmissionFactors_v1.3.0_NAICS_CO2e_USD2022.csv")).all()
    assert (HOME / SET / "SOURCE.md").is_file()


# (NAICS, row, without margins, margins, with margins), typed from the v1.3 CO2e CSV
PINNED = [
    ("111110", 1, "0.488", "0.044", "0.532"),     # Soybean Farming
    ("112111", 31, "2.847", "0.045", "2.893"),    # Beef Cattle Ranching and Farming
    ("112120", 33, "1.682", "0.042", "1.724"),    # Dairy Cattle and Milk Production
    ("221210", 93, "0.532", "0", "0.532"),        # Natural Gas Distribution
    ("236220", 102, "0.224", "0", "0.224"),       # Commercial and Institutional Building Construction
    ("322230", 223, "0.265", "0.031", "0.296"),   # Stationery Product Manufacturing
    ("324110", 230, "0.248", "0.022", "0.27"),    # Petroleum Refineries
    ("327310", 286, "3.846", "0.078", "3.924"),   # Cement Manufacturing (largest factor)
    ("331110", 298, "0.769", "0.018", "0.787"),   # Iron and Steel Mills and Ferroalloy Manufacturing
    ("334111", 390, "0.03", "0.028", "0.058"),    # Electronic Computer Manufacturing
    ("336111", 432, "0.19", "0.05", "0.24"),      # Automobile Manufacturing
    ("481111", 624, "0.644", "0", "0.644"),       # Scheduled Passenger Air Transportation
    ("484121", 638, "0.595", "0", "0.595"),       # General Freight Trucking, Long-Distance, Truckload
    ("541511", 797, "0.084", "0", "0.084"),       # Custom Computer Programming Services
    ("541611", 801, "0.078", "0", "0.078"),       # Administrative Management and General Management Consulting
    ("562111", 862, "0.988", "0", "0.988"),       # Solid Waste Collection
    ("722511", 965, "0.194", "0", "0.194"),       # Full-Service Restaurants
    ("813990", 1016, "0.128", "0", "0.128"),      # Other Similar Organizations (last row)
]


@pytest.mark.parametrize("naics, row, without, margins, with_", PINNED)
def test_values_match_the_published_csv(library, naics, row, without, margins, with_):
    hit = library.table[library.table["activity"] == f"naics_{naics}"]
    assert len(hit) == 1
    r = hit.iloc[0]
    assert float(r["value"]) == float(with_)
    assert str(r["without_margins"]) == without
    assert str(r["margins"]) == margins
    assert f"row {row} (NAICS {naics})" in r["source"]


def test_titles_and_reference_codes_are_kept():
    import pandas as pd
    t = pd.read_csv(HOME / SET / "supply_chain_naics_co2e.csv", dtype=str, keep_default_na=False)
    by = t.set_index("activity")
    assert by.loc["naics_541511", "name"] == "Custom Computer Programming Services"
    assert by.loc["naics_327310", "useeio_code"] == "327310"
    assert by.loc["naics_236220", "useeio_code"] == "230301, 233210, 233262, 2332A0"
    assert by.loc["naics_323120", "name"] == "Support Activites for Printing"  # EPA's spelling


def test_generator_rebuilds_the_published_file_size():
    """The embedded rows, with the two constant columns and CRLF restored, are as long as the copy."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("useeio_build", HOME / "tools" / "useeio_build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert len(mod.published_text(mod.published_rows())) == 117623


# ------------------------------------------------------------------ currency tables (factors/currency)
@pytest.fixture(scope="module")
def money():
    return load_money(Path("."), None, None, HOME)


# Fed G.5A: (currency, year, published, inverted?)
G5A = [
    ("EUR", 2023, 1.0817, True),     # 1 Feb 2024 release, *EMU MEMBERS EURO (USD per EUR)
    ("GBP", 2015, 1.5284, True),     # 4 Jan 2016 release, *UNITED KINGDOM POUND
    ("AUD", 2019, 0.6952, True),     # 2021 page, *AUSTRALIA DOLLAR
    ("JPY", 2023, 140.5001, False),  # 1 Feb 2024 release, JAPAN YEN
    ("CNY", 2017, 6.7569, False),    # 2021 page, CHINA, P.R. YUAN
    ("INR", 2015, 64.11, False),     # 4 Jan 2016 release, INDIA RUPEE
    ("CHF", 2020, 0.9389, False),    # 1 Feb 2024 release, SWITZERLAND FRANC
    ("HKD", 2022, 7.8306, False),
    ("SGD", 2021, 1.3438, False),
    ("CAD", 2018, 1.2957, False),
]


@pytest.mark.parametrize("code, year, published, inverted", G5A)
def test_exchange_rates_match_g5a(money, code, year, published, inverted):
    expected = 1 / published if inverted else published
    assert money.per_usd[(code, year)] == pytest.approx(expected, rel=1e-7)


def test_exchange_rate_coverage(money):
    codes = {"EUR", "GBP", "CNY", "JPY", "HKD", "SGD", "INR", "AUD", "CAD", "CHF"}
    years = {2015, 2017, 2018, 2019, 2020, 2021, 2022, 2023}
    assert {(c, y) for c in codes for y in years} <= set(money.per_usd)
    assert not any(y in (2016, 2024) for c, y in money.per_usd if c != "USD")  # not found: left out


# BEA GDP implicit price deflator, 2017=100 (FRED A191RD3A086NBEA)
@pytest.mark.parametrize("year, index", [(2015, 97.316), (2017, 100.0), (2019, 103.979),
                                         (2022, 118.023), (2024, 125.428)])
def test_usd_price_index(money, year, index):
    assert money.index[("USD", year)] == index


def test_spend_in_euro_2023_against_a_2022_usd_factor(library, money):
    """1 EUR spent in 2023 -> USD at the 2023 G.5A average -> 2022 prices with the GDP deflator."""
    res = resolve(library, "naics_541511", "", 2023, "EUR", money)
    assert res.problem is None
    # t of CO2e per EUR for a factor value of 1 kg/USD: 1/1000 x USD per EUR x index(2022)/index(2023)
    assert res.tonnes_per_unit[0] == pytest.approx(1.0817 / 1000 * 118.023 / 122.390, rel=1e-6)
    value = float(library.table.loc[res.rows[0], "value"])
    assert value * res.tonnes_per_unit[0] * 1000 == pytest.approx(0.084 * 1.0817 * 118.023 / 122.390)
    assert any(f.startswith("fx:EUR->USD@2023") for f in res.flags)
    assert "price_year:2023->2022" in res.flags
