"""Build ``factors/egrid/electricity.csv``: eGRID subregion and US total output emission rates, one vintage per
eGRID data year, from the US EPA GHG Emission Factors Hub (Table 6 Electricity) of each edition.

Generated table: do not edit it by hand; change this script and run it again::

    python factors/tools/egrid_build.py /tmp/egrid/ghg-emission-factors-hub-2021.xlsx factors/egrid

Inputs:

- eGRID2019: Table 6 of ``ghg-emission-factors-hub-2021.xlsx`` (EPA Hub 2021, "Last Modified: 15 September 2021",
  sheet "Emission Factors Hub", rows 312-339, "Source: EPA eGRID2019, February 2021"), the first argument. The
  copy used is the one in GitHub ``Metropolitan-Council/ghg-cprg`` (``_meta/data-raw/``), sha256 in
  ``HUB_2021_SHA256``; the script refuses another file.
- eGRID2022 and eGRID2023: the ``electricity.csv`` rows already shipped in ``factors/epa-2024`` (Hub 2024) and
  ``factors/epa-2025`` (Hub 2025), copied with their own source text, so that one set carries every vintage
  (the engine takes all vintages of an activity from the first set that has it).

eGRID2020 and eGRID2021 are not built: no copy of their Hub Table 6 or eGRID summary table was found (see
SOURCE.md). Values are copied as published (lb per MWh, no rounding, no conversion); every row is marked
``verification`` = ``reprint`` (read from third-party copies of EPA's files, not from epa.gov).
"""

from __future__ import annotations

import csv
import hashlib
import re
import sys
from pathlib import Path

HEADER = ["activity", "region", "year", "gas", "value", "unit", "source", "verification"]
HUB_2021_SHA256 = "00524c7e59d7e5d38c044871e372da1180eaa19d93c72c23a6c937391eb76db8"
HUB_2021 = ("US EPA GHG Emission Factors Hub 2021 (last modified 15 September 2021), Table 6 Electricity "
            "(eGRID2019, February 2021), total output emission rate")
HUB_2021_ROWS = range(312, 340)   # 27 subregions and the US average
HERE = Path(__file__).resolve().parent
SHIPPED = {2022: HERE.parent / "epa-2024" / "electricity.csv", 2023: HERE.parent / "epa-2025" / "electricity.csv"}
SUBREGIONS = 27


def tidy(value: float) -> str:
    """``0.098`` stays ``0.098``; a float read from the workbook is written with 12 significant digits at most."""
    return f"{value:.12g}"


def read_hub_2021(path: Path) -> list[list[str]]:
    import openpyxl  # a project dependency (Excel inputs)

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != HUB_2021_SHA256:
        raise ValueError(f"{path}: sha256 {digest}, expected the Hub 2021 copy {HUB_2021_SHA256}")
    sheet = openpyxl.load_workbook(path, data_only=True, read_only=True)["Emission Factors Hub"]
    cells = {(r, c): v for r, row in enumerate(sheet.iter_rows(values_only=True), start=1)
             for c, v in enumerate(row, start=1) if v is not None}

    def text_of(r: int) -> list:
        return [cells[k] for k in sorted(cells) if k[0] == r]

    if text_of(3) != ["Last Modified: 15 September 2021"]:
        raise ValueError(f"{path}: row 3 is {text_of(3)}, expected the 15 September 2021 edition")
    if text_of(340) != ["Source: EPA eGRID2019, February 2021"]:
        raise ValueError(f"{path}: row 340 is {text_of(340)}, expected the eGRID2019 source line of Table 6")
    rows = []
    for r in HUB_2021_ROWS:
        values = text_of(r)
        values = [v for v in values if v != "New Region"]  # PRMS is flagged "New Region" in its own cell
        label, numbers = values[0], values[1:4]             # total output CO2, CH4, N2O (lb/MWh)
        if label == "US Average":
            region = "US"
        else:
            m = re.fullmatch(r"([A-Z]{4}) \((.+)\)", label)
            if not m:
                raise ValueError(f"{path}: row {r}: unexpected subregion label {label!r}")
            region = "US-" + m[1]
        if not all(isinstance(v, (int, float)) for v in numbers):
            raise ValueError(f"{path}: row {r}: expected three numbers, found {numbers}")
        for gas, value in zip(("CO2", "CH4", "N2O"), numbers):
            rows.append(["electricity", region, "2019", gas, tidy(value), "lb/MWh",
                         f"{HUB_2021}, {label} (sheet Emission Factors Hub, row {r})", "reprint"])
    if len(rows) != 3 * (SUBREGIONS + 1):
        raise ValueError(f"{path}: {len(rows)} rows read from Table 6, expected {3 * (SUBREGIONS + 1)}")
    return rows


def read_shipped(year: int, path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [[r["activity"], r["region"], r["year"], r["gas"], r["value"], r["unit"], r["source"], "reprint"]
                for r in csv.DictReader(f) if r["activity"] == "electricity"]
    if len(rows) != 3 * (SUBREGIONS + 1) or {r[2] for r in rows} != {str(year)}:
        raise ValueError(f"{path}: expected {3 * (SUBREGIONS + 1)} electricity rows of eGRID{year}")
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    hub_2021, out = Path(argv[0]), Path(argv[1])
    rows = read_hub_2021(hub_2021)
    for year, path in sorted(SHIPPED.items()):
        rows += read_shipped(year, path)
    keys = [(r[1], r[2], r[3]) for r in rows]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate region, year and gas")
    out.mkdir(parents=True, exist_ok=True)
    with (out / "electricity.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)
        w.writerows(rows)
    print(f"{out / 'electricity.csv'}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
