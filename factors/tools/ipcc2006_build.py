"""Build ``factors/ipcc-2006/stationary_combustion.csv``: a handful of default emission factors from the
2006 IPCC Guidelines for National Greenhouse Gas Inventories, Volume 2 (Energy).

Generated table: do not edit it by hand; change this script and run it again::

    python factors/tools/ipcc2006_build.py factors/ipcc-2006

IPCC copyright allows personal, non-commercial copying and forbids redistribution or derivative
compilations (see ``factors/ipcc-2006/SOURCE.md``), so this set is deliberately small: a few cited
default values for common fuels, not an extract of the Emission Factor Database (EFDB).

The IPCC PDFs themselves could not be read when this set was compiled. Every value was read from
transcriptions of the tables in public code, named block by block below; only values seen in at least
one such copy are embedded, and where only one copy was found the SOURCE.md says so. Values are in
kg of gas per TJ on a net calorific value basis, as printed (no conversion, no rounding).

Keys: ``<fuel>`` carries the Table 1.4 CO2 factor and the Table 2.4 (commercial/institutional) CH4 and
N2O factors, the sector of an office-based company. ``<fuel>_energy_industries`` (Table 2.2),
``<fuel>_manufacturing`` (Table 2.3) and ``<fuel>_residential`` (Table 2.5) carry the same CO2 factor
with that table's CH4 and N2O. Wood/wood waste CO2 is ``biogenic_CO2`` (reported outside the scopes).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HEADER = ["activity", "region", "year", "gas", "value", "unit", "source"]
UNIT = "kg/TJ"
GL = "IPCC 2006 Guidelines for National GHG Inventories, Vol. 2 Energy"
T14 = f"{GL}, Ch. 1 Table 1.4 (default CO2 emission factors for combustion, NCV basis)"
T22 = f"{GL}, Ch. 2 Table 2.2 (stationary combustion in the energy industries)"
T23 = f"{GL}, Ch. 2 Table 2.3 (stationary combustion in manufacturing industries and construction)"
T24 = f"{GL}, Ch. 2 Table 2.4 (stationary combustion in the commercial/institutional category)"
T25 = f"{GL}, Ch. 2 Table 2.5 (stationary combustion in the residential and agriculture/forestry/fishing categories)"

# The copies of the tables that were read (GitHub files found with code search).
GHGPY = "transcribed in GitHub iClimate/ghgpy src/ghgpy/data/efs.py (commit 352b27c)"
KR_CH1 = "transcribed with page numbers in a GitHub build_verified_ipcc_ch1.py (IPCC Ch. 1 pp. 1.23-1.24)"
COLLECTED = "transcribed in a GitHub build_collected.py (IPCC Table 1.2/1.4 fuel rows)"
RECORD = ("read from the PDF in a GitHub research record on EU fuel properties (cites Table 1.4 pp. 1.23-1.24, "
          "Table 2.2 p. 2.16, Table 2.3 p. 2.18)")
FUELCRAFT = "transcribed as 'IPCC 2006 Vol 2 Table 2.2' in a GitHub GL-011 FUELCRAFT emission-factor module"

# ---------------------------------------------------------------------------------------------------------
# Table 1.4, CO2 kg/TJ. Row name as printed, value, copies that show it. Seen in ghgpy (every row), in the
# Korean build_verified_ipcc_ch1.py ("co2_rounded", every row), in build_collected.py (all but jet
# kerosene, anthracite, coking coal); the research record shows natural gas, gas/diesel oil, motor
# gasoline, residual fuel oil and LPG. All copies agree.
# (key, IPCC row, value, gas, copies)
# ---------------------------------------------------------------------------------------------------------
TABLE_1_4 = [
    ("natural_gas", "Natural Gas", "56100", "CO2", [GHGPY, KR_CH1, COLLECTED, RECORD]),
    ("gas_diesel_oil", "Gas/Diesel Oil", "74100", "CO2", [GHGPY, KR_CH1, COLLECTED, RECORD]),
    ("motor_gasoline", "Motor Gasoline", "69300", "CO2", [GHGPY, KR_CH1, COLLECTED, RECORD]),
    ("residual_fuel_oil", "Residual Fuel Oil", "77400", "CO2", [GHGPY, KR_CH1, COLLECTED, RECORD]),
    ("lpg", "Liquefied Petroleum Gases", "63100", "CO2", [GHGPY, KR_CH1, COLLECTED, RECORD]),
    ("other_kerosene", "Other Kerosene", "71900", "CO2", [GHGPY, KR_CH1, COLLECTED]),
    ("jet_kerosene", "Jet Kerosene", "71500", "CO2", [GHGPY, KR_CH1]),
    ("other_bituminous_coal", "Other Bituminous Coal", "94600", "CO2", [GHGPY, KR_CH1, COLLECTED]),
    ("sub_bituminous_coal", "Sub-Bituminous Coal", "96100", "CO2", [GHGPY, KR_CH1, COLLECTED]),
    ("lignite", "Lignite", "101000", "CO2", [GHGPY, KR_CH1, COLLECTED]),
    ("anthracite", "Anthracite", "98300", "CO2", [GHGPY, KR_CH1]),
    ("coking_coal", "Coking Coal", "94600", "CO2", [GHGPY, KR_CH1]),
    ("petroleum_coke", "Petroleum Coke", "97500", "CO2", [GHGPY, KR_CH1, COLLECTED]),
    ("wood_wood_waste", "Wood/Wood Waste", "112000", "biogenic_CO2", [GHGPY, KR_CH1, COLLECTED]),
]

# ---------------------------------------------------------------------------------------------------------
# Table 2.4, commercial/institutional, CH4 and N2O kg/TJ. Seen in one copy only: ghgpy's
# ``s_combustion_Commercial_Institutional`` (liquid fuels 10 / 0.6, gases 5 / 0.1, coals 10 / 1.5, wood
# 300 / 4). No second transcription of Table 2.4 was found; SOURCE.md says so.
# (key, CH4, N2O, copies)
# ---------------------------------------------------------------------------------------------------------
TABLE_2_4 = [
    ("natural_gas", "5", "0.1", [GHGPY]),
    ("gas_diesel_oil", "10", "0.6", [GHGPY]),
    ("motor_gasoline", "10", "0.6", [GHGPY]),
    ("residual_fuel_oil", "10", "0.6", [GHGPY]),
    ("lpg", "5", "0.1", [GHGPY]),
    ("other_kerosene", "10", "0.6", [GHGPY]),
    ("jet_kerosene", "10", "0.6", [GHGPY]),
    ("other_bituminous_coal", "10", "1.5", [GHGPY]),
    ("sub_bituminous_coal", "10", "1.5", [GHGPY]),
    ("lignite", "10", "1.5", [GHGPY]),
    ("anthracite", "10", "1.5", [GHGPY]),
    ("coking_coal", "10", "1.5", [GHGPY]),
    ("petroleum_coke", "10", "0.6", [GHGPY]),
    ("wood_wood_waste", "300", "4", [GHGPY]),
]

# ---------------------------------------------------------------------------------------------------------
# Tables 2.2 and 2.3 for natural gas, gas/diesel oil and LPG. The research record reads both tables from
# the PDF: gas/diesel oil 3 / 0.6, LPG 1 / 0.1, natural gas 1 / 0.1, identical in 2.2 and 2.3. FUELCRAFT
# (Table 2.2) shows natural gas 0.001 / 0.0001 kg/GJ and diesel 0.003 / 0.0006 kg/GJ (= 1 / 0.1 and 3 / 0.6
# kg/TJ). ghgpy agrees for gas/diesel oil and LPG but prints natural gas N2O 1.5 in both tables, against
# both other copies (and against its own 0.1 in Tables 2.4 and 2.5): taken as a transcription error.
# ---------------------------------------------------------------------------------------------------------
TABLE_2_2 = [
    ("natural_gas", "1", "0.1", [RECORD, FUELCRAFT]),
    ("gas_diesel_oil", "3", "0.6", [RECORD, FUELCRAFT, GHGPY]),
    ("lpg", "1", "0.1", [RECORD, GHGPY]),
]
TABLE_2_3 = [
    ("natural_gas", "1", "0.1", [RECORD]),
    ("gas_diesel_oil", "3", "0.6", [RECORD, GHGPY]),
    ("lpg", "1", "0.1", [RECORD, GHGPY]),
]

# ---------------------------------------------------------------------------------------------------------
# Table 2.5, residential and agriculture/forestry/fishing, CH4 and N2O kg/TJ. One copy only: ghgpy's
# ``s_combustion_Residential_Agriculture_Fishing`` (natural gas 5 / 0.1, gas/diesel oil 10 / 0.6, LPG 5 / 0.1).
# ---------------------------------------------------------------------------------------------------------
TABLE_2_5 = [
    ("natural_gas", "5", "0.1", [GHGPY]),
    ("gas_diesel_oil", "10", "0.6", [GHGPY]),
    ("lpg", "5", "0.1", [GHGPY]),
]

CO2 = {key: (row, value, gas, copies) for key, row, value, gas, copies in TABLE_1_4}


def seen(copies: list[str]) -> str:
    return "value as " + "; and as ".join(copies)


def rows() -> list[list[str]]:
    out = []
    sectors = [("", T24, TABLE_2_4), ("_energy_industries", T22, TABLE_2_2),
               ("_manufacturing", T23, TABLE_2_3), ("_residential", T25, TABLE_2_5)]
    for suffix, table_name, table in sectors:
        for key, ch4, n2o, copies in table:
            row, co2, co2_gas, co2_copies = CO2[key]
            activity = key + suffix
            out.append([activity, "", "", co2_gas, co2, UNIT, f"{T14}, row '{row}'; {seen(co2_copies)}"])
            out.append([activity, "", "", "CH4", ch4, UNIT, f"{table_name}, row '{row}', CH4; {seen(copies)}"])
            out.append([activity, "", "", "N2O", n2o, UNIT, f"{table_name}, row '{row}', N2O; {seen(copies)}"])
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__)
        return 2
    target = Path(argv[1])
    target.mkdir(parents=True, exist_ok=True)
    table = rows()
    with open(target / "stationary_combustion.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(table)
    print(f"wrote {len(table)} rows to {target / 'stationary_combustion.csv'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
