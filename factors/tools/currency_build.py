"""Build factors/currency/exchange_rates.csv and factors/currency/price_index.csv.

Every number below was read from a copy seen through the search tool (the place is named above each
block); nothing is computed except the inversion of the three currencies the Federal Reserve quotes in
US dollars per unit (EUR, GBP, AUD), which is done here, with the published number kept beside it.

Usage: python factors/tools/currency_build.py [out_dir]   (default: factors/currency next to this folder)
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

# ------------------------------------------------------------------------------------ exchange rates
# US Federal Reserve Board, statistical release G.5A "Foreign Exchange Rates (Annual)": annual averages of
# the daily noon buying rates in New York certified for customs purposes by the Federal Reserve Bank of
# New York. "Rates in currency units per U.S. dollar except as noted by an asterisk"; the asterisked rows
# (*AUSTRALIA DOLLAR, *EMU MEMBERS EURO, *UNITED KINGDOM POUND) are U.S. dollars per currency unit.
# Public domain (US federal government work).
G5A = "US Federal Reserve Board, G.5A Foreign Exchange Rates (Annual)"
INVERTED = {"AUD", "EUR", "GBP"}          # published as USD per unit (asterisk); per_usd = 1 / published
ROW_NAMES = {"AUD": "*AUSTRALIA DOLLAR", "CAD": "CANADA DOLLAR", "CHF": "SWITZERLAND FRANC",
             "CNY": "CHINA, P.R. YUAN", "EUR": "*EMU MEMBERS EURO", "GBP": "*UNITED KINGDOM POUND",
             "HKD": "HONG KONG DOLLAR", "INR": "INDIA RUPEE", "JPY": "JAPAN YEN", "SGD": "SINGAPORE DOLLAR"}

RELEASES = {
    # https://federalreserve.gov/releases/g5a/20160104/default.htm  (columns 2015 2014 2013 2012;
    # this older layout prints INR and JPY to two decimals)
    "2016-01-04": {2015: {"AUD": "0.7522", "CAD": "1.2791", "CNY": "6.2827", "EUR": "1.1096",
                          "HKD": "7.7524", "INR": "64.11", "JPY": "121.05", "SGD": "1.3746",
                          "CHF": "0.9628", "GBP": "1.5284"}},
    # https://federalreserve.gov/releases/g5a/20210104  (page text: "Release Date: November 1, 2021";
    # columns 2020 2019 2018 2017). Its 2020 column equals the 2024 release's 2020 column for all ten.
    "2021-01-04": {2019: {"AUD": "0.6952", "CAD": "1.3269", "CNY": "6.9081", "EUR": "1.1194",
                          "HKD": "7.8351", "INR": "70.3777", "JPY": "109.0188", "SGD": "1.3641",
                          "CHF": "0.9937", "GBP": "1.2768"},
                   2018: {"AUD": "0.7481", "CAD": "1.2957", "CNY": "6.6090", "EUR": "1.1817",
                          "HKD": "7.8376", "INR": "68.3734", "JPY": "110.3974", "SGD": "1.3486",
                          "CHF": "0.9784", "GBP": "1.3363"},
                   2017: {"AUD": "0.7671", "CAD": "1.2984", "CNY": "6.7569", "EUR": "1.1301",
                          "HKD": "7.7926", "INR": "65.0659", "JPY": "112.0986", "SGD": "1.3802",
                          "CHF": "0.9842", "GBP": "1.2890"}},
    # https://federalreserve.gov/releases/g5a/20240201  ("Release Date: February 1, 2024";
    # columns 2023 2022 2021 2020)
    "2024-02-01": {2023: {"AUD": "0.6644", "CAD": "1.3494", "CNY": "7.0809", "EUR": "1.0817",
                          "HKD": "7.8292", "INR": "82.5708", "JPY": "140.5001", "SGD": "1.3428",
                          "CHF": "0.8984", "GBP": "1.2440"},
                   2022: {"AUD": "0.6951", "CAD": "1.3014", "CNY": "6.7290", "EUR": "1.0534",
                          "HKD": "7.8306", "INR": "78.5792", "JPY": "131.4589", "SGD": "1.3787",
                          "CHF": "0.9550", "GBP": "1.2371"},
                   2021: {"AUD": "0.7515", "CAD": "1.2533", "CNY": "6.4508", "EUR": "1.1830",
                          "HKD": "7.7727", "INR": "73.9351", "JPY": "109.8429", "SGD": "1.3438",
                          "CHF": "0.9144", "GBP": "1.3764"},
                   2020: {"AUD": "0.6899", "CAD": "1.3422", "CNY": "6.9042", "EUR": "1.1410",
                          "HKD": "7.7559", "INR": "74.1429", "JPY": "106.7754", "SGD": "1.3800",
                          "CHF": "0.9389", "GBP": "1.2829"}},
}
RELEASE_LABEL = {"2016-01-04": "release of 4 January 2016 (federalreserve.gov/releases/g5a/20160104)",
                 "2021-01-04": "release at federalreserve.gov/releases/g5a/20210104 (page dated 1 November 2021)",
                 "2024-02-01": "release of 1 February 2024 (federalreserve.gov/releases/g5a/20240201)"}
# Not found in any copy seen: G.5A annual averages for 2016 and 2024 (no release covering them was
# reachable). They are left out rather than taken from another source.
USD_YEARS = range(2015, 2025)

# ------------------------------------------------------------------------------------ price index
# US GDP implicit price deflator, annual, index 2017=100: BEA NIPA Table 1.1.9 line 1, as FRED series
# A191RD3A086NBEA. Two public copies of the FRED CSV were seen:
#   (a) GitHub ChowchowWorks/Macroeconomics, data/A191RD3A086NBEA.csv, commit 976898a0 (runs to 2025,
#       so a vintage after BEA's 2025 annual update);
#   (b) GitHub jdelacm/Production-Functions, data/A191RD3A086NBEA.csv, commit 8b3a376b (runs to 2024,
#       an earlier vintage).
# 2015-2019 are the same in both. 2020-2024 differ (BEA revisions); the later vintage (a) is shipped:
# (b) reads 2020 105.361, 2021 110.172, 2022 118.026, 2023 122.273, 2024 125.230.
BEA = "US BEA NIPA Table 1.1.9 line 1, GDP implicit price deflator (2017=100), FRED A191RD3A086NBEA"
GDP_DEFLATOR = {2015: "97.316", 2016: "98.241", 2017: "100.000", 2018: "102.291", 2019: "103.979",
                2020: "105.377", 2021: "110.186", 2022: "118.023", 2023: "122.390", 2024: "125.428"}
BOTH_VINTAGES = {2015, 2016, 2017, 2018, 2019}


def exchange_rows() -> list[list[str]]:
    rows = []
    for year in USD_YEARS:
        rows.append(["USD", str(year), "1", "US dollar: 1 by definition", "", ""])
    for release, years in RELEASES.items():
        for year, rates in years.items():
            assert set(rates) == set(ROW_NAMES), (release, year)
            for code, published in sorted(rates.items()):
                if code in INVERTED:
                    per_usd = format(1 / float(published), ".8g")
                    unit, note = f"USD/{code}", f"published {published} USD per {code}, inverted"
                else:
                    per_usd, unit, note = published, f"{code}/USD", f"published {published} {code} per USD"
                source = f"{G5A}, {RELEASE_LABEL[release]}, row {ROW_NAMES[code]}, {year} ({note})"
                rows.append([code, str(year), per_usd, source, published, unit])
    rows.sort(key=lambda r: (r[0] != "USD", r[0], int(r[1])))
    return rows


def index_rows() -> list[list[str]]:
    rows = []
    for year, value in sorted(GDP_DEFLATOR.items()):
        seen = "copies (a) and (b)" if year in BOTH_VINTAGES else "copy (a), later vintage"
        rows.append(["USD", str(year), value, f"{BEA}, {year} annual (FRED CSV, {seen}; see SOURCE.md)"])
    return rows


def build(out_dir: Path) -> tuple[int, int]:
    out_dir.mkdir(parents=True, exist_ok=True)
    rates, index = exchange_rows(), index_rows()
    with open(out_dir / "exchange_rates.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["currency", "year", "per_usd", "source", "published", "published_unit"])
        w.writerows(rates)
    with open(out_dir / "price_index.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["currency", "year", "index", "source"])
        w.writerows(index)
    return len(rates), len(index)


if __name__ == "__main__":
    here = Path(__file__).resolve().parent.parent
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else here / "currency"
    n_rates, n_index = build(target)
    print(f"{n_rates} exchange-rate rows, {n_index} price-index rows -> {target}")
