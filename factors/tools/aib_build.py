"""Build ``factors/aib-residual-mix/residual_mix.csv``: the national residual-mix CO2 emission factors of the
"European Residual Mixes" published by the Association of Issuing Bodies (AIB), in g CO2/kWh.

Generated table: do not edit it by hand; change this script and run it again::

    python factors/tools/aib_build.py factors/aib-residual-mix

No copy of the AIB PDFs or result workbooks could be read when this set was compiled (the aib-net.org
download pages were not reachable from the search tools). Every value below was read from a faithful
copy of the AIB table in a public repository, and each block says where it was seen and what second copy
agrees with it. Only values confirmed in such a copy are embedded; everything else (other editions, the
non-EU AIB countries, Austria's "N/A", the Netherlands 2024 "NA") is left out and listed in
``factors/aib-residual-mix/SOURCE.md``.

What the conversion decides:

- Only the **residual mix** CO2 factor is shipped (activity ``residual_mix``, gas ``CO2``, unit ``g/kWh``),
  never the production mix or the total supplier mix. AIB publishes direct CO2 only: no CH4/N2O rows.
- ``year`` is the data year of the residual mix (the "European Residual Mixes 2023", published in 2024,
  has ``year`` 2023).
- ``region`` is the ISO 3166-1 alpha-2 code. AIB writes Greece as ``GR`` (ISO); the ``EL`` of the copy
  (Eurostat's code) is written ``GR`` here.
- Values are as printed, with a decimal point (the 2023 PDF prints a decimal comma, ``167,49``), trailing
  zeros kept where the copy shows them (``418,70`` -> ``418.70``).
- Countries printed "N/A" / "NA" (full disclosure: no residual mix exists) get no row. Zero is never
  written for them: a zero residual mix would silently price untracked electricity at 0.

Output is sorted by year, then region, so a rerun gives the same bytes.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HEADER = ["activity", "region", "year", "gas", "value", "unit", "source"]
ACTIVITY = "residual_mix"
GAS = "CO2"
UNIT = "g/kWh"

# ---------------------------------------------------------------------------------------------------------
# Editions.
# ---------------------------------------------------------------------------------------------------------
ED_2023 = "AIB European Residual Mixes 2023 (Version 1.0, 30 May 2024), Table 2"
ED_2024 = ("AIB European Residual Mixes 2024 (results workbook of 30 May 2025, Version 1.0), "
           "sheet Residual Mixes, column CO2 (gCO2/kWh)")

# Where each block was seen.
SEEN_2023 = "as reprinted in GitHub themisiqco/themisiq, lib/ghg/factors/aib-2023.ts (commit 74cc7c0c)"
SEEN_2024 = "as reprinted in GitHub themisiqco/themisiq, lib/ghg/engine.ts (RESIDUAL_EU)"

COUNTRY = {
    "BE": "Belgium", "BG": "Bulgaria", "CY": "Cyprus", "CZ": "Czechia", "DE": "Germany",
    "DK": "Denmark", "EE": "Estonia", "ES": "Spain", "FI": "Finland", "FR": "France", "GR": "Greece",
    "HR": "Croatia", "HU": "Hungary", "IE": "Ireland", "IT": "Italy", "LT": "Lithuania",
    "LU": "Luxembourg", "LV": "Latvia", "MT": "Malta", "NL": "Netherlands", "PL": "Poland",
    "PT": "Portugal", "RO": "Romania", "SE": "Sweden", "SI": "Slovenia", "SK": "Slovakia",
}

# ---------------------------------------------------------------------------------------------------------
# Data year 2023: AIB "European Residual Mixes 2023", Version 1.0, 30 May 2024, Table 2 (pp. 7-8).
# Seen in themisiqco/themisiq lib/ghg/factors/aib-2023.ts: for every country the "printed" Table 2 figure
# (decimal comma, e.g. "167,49") and the workbook cell (sheet "Residual Mixes", column Q). Values below are
# those printed strings with a decimal point.
# Second copy: a different project's GRID_FACTORS table (residualMix "2023", data/emission-factors) shows
# the same numbers truncated to three significant figures for all 26 countries (DE 719, FR 40.7, SE 68.2, ...).
# Austria: Table 2 prints "N/A" (full disclosure): no row. The Netherlands is printed in this edition.
# ---------------------------------------------------------------------------------------------------------
Y2023 = {
    "BE": "167.49", "BG": "418.70", "CY": "595.03", "CZ": "658.58", "DE": "719.90", "DK": "582.75",
    "EE": "711.66", "ES": "282.45", "FI": "565.31", "FR": "40.74", "GR": "491.78", "HR": "550.15",
    "HU": "322.63", "IE": "445.50", "IT": "500.57", "LT": "583.15", "LU": "357.90", "LV": "535.37",
    "MT": "408.22", "NL": "379.89", "PL": "788.24", "PT": "539.01", "RO": "212.54", "SE": "68.23",
    "SI": "486.76", "SK": "357.56",
}

# ---------------------------------------------------------------------------------------------------------
# Data year 2024: AIB "European Residual Mixes 2024" (results published 30 May 2025; PDF Version 1.1 of
# 11 Aug 2025 exists). Seen in themisiqco/themisiq lib/ghg/engine.ts, RESIDUAL_EU (g CO2/kWh, two decimals),
# which its lib/ghg/factors/aib-2024.ts says was transcribed from the 30 May 2025 workbook, sheet
# "Residual Mixes", column Q "CO2 (gCO2/kWh)".
# Second copies: the GRID_FACTORS table above (residualMix "2024") agrees (truncated to three significant figures) for
# all 25 countries; a PySpark reference loader cites "AIB European Residual Mixes 2024 ... Table 2:
# 724.56 gCO2/kWh" for DE.
# Left out: Austria (no residual mix, full disclosure) and the Netherlands (the copy's 382.47 is the CO2
# sheet, not the residual mix: Table 2 and the Residual Mixes sheet print "NA", full disclosure).
# ---------------------------------------------------------------------------------------------------------
Y2024 = {
    "BE": "131.73", "BG": "379.53", "CY": "613.08", "CZ": "584.07", "DE": "724.56", "DK": "421.89",
    "EE": "611.96", "ES": "292.20", "FI": "405.59", "FR": "23.52", "GR": "367.07", "HR": "573.17",
    "HU": "318.64", "IE": "365.61", "IT": "441.20", "LT": "567.91", "LU": "213.07", "LV": "504.22",
    "MT": "398.45", "PL": "808.30", "PT": "501.76", "RO": "233.02", "SE": "85.52", "SI": "429.45",
    "SK": "334.33",
}

BLOCKS = [
    (2023, Y2023, ED_2023, SEEN_2023),
    (2024, Y2024, ED_2024, SEEN_2024),
]


def rows() -> list[list[str]]:
    out = []
    for year, values, edition, seen in BLOCKS:
        for region, value in values.items():
            float(value)  # fails loudly on a typo
            if region not in COUNTRY:
                raise SystemExit(f"unknown region {region!r} in {year}")
            source = f"{edition}, {COUNTRY[region]} ({region}), {seen}"
            out.append([ACTIVITY, region, str(year), GAS, value, UNIT, source])
    out.sort(key=lambda r: (int(r[2]), r[1]))
    keys = [(r[1], r[2]) for r in out]
    if len(keys) != len(set(keys)):
        raise SystemExit("duplicate region/year")
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.split("\n\n")[1].strip(), file=sys.stderr)
        print("usage: python factors/tools/aib_build.py OUT_DIR", file=sys.stderr)
        return 2
    out_dir = Path(argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    table = rows()
    with (out_dir / "residual_mix.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(table)
    print(f"residual_mix.csv: {len(table)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
