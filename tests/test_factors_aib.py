"""The shipped ``aib-residual-mix`` set checked value by value against the copies of the AIB tables.

Each expected number is typed from the copy named beside it (the AIB PDFs themselves could not be
read; see factors/aib-residual-mix/SOURCE.md), not read from our own CSV. Unit: g CO2/kWh, as AIB
publishes it; the 2023 PDF prints a decimal comma ("719,90").
"""

from pathlib import Path

import pandas as pd
import pytest

from carbon import calculate, load_inventory
from carbon.factors import load_factor_library

SET = "aib-residual-mix"


def table() -> pd.DataFrame:
    library, issues = load_factor_library([SET], Path("."))
    assert issues == []
    return library.table


def value(region: str, year: int) -> float:
    t = table()
    hit = t[(t["activity"] == "residual_mix") & (t["region"] == region) & (t["year"] == year)
            & (t["gas"] == "CO2") & (t["unit"] == "g/kWh")]
    assert len(hit) == 1, f"{region} {year}: {len(hit)} rows"
    return float(hit["value"].iloc[0])


PINNED = [
    # AIB European Residual Mixes 2023 (v1.0, 30 May 2024), Table 2, as printed in the copy
    # themisiqco/themisiq lib/ghg/factors/aib-2023.ts: Germany "719,90", France "40,74",
    # Netherlands "379,89", Spain "282,45", Italy "500,57", Belgium "167,49", Poland "788,24",
    # Sweden "68,23", Greece (GR) "491,78", Czechia "658,58", Ireland "445,50", Bulgaria "418,70"
    ("DE", 2023, 719.90),
    ("FR", 2023, 40.74),
    ("NL", 2023, 379.89),
    ("ES", 2023, 282.45),
    ("IT", 2023, 500.57),
    ("BE", 2023, 167.49),
    ("PL", 2023, 788.24),
    ("SE", 2023, 68.23),
    ("GR", 2023, 491.78),
    ("CZ", 2023, 658.58),
    ("IE", 2023, 445.50),
    ("BG", 2023, 418.70),
    # AIB European Residual Mixes 2024 (workbook of 30 May 2025), sheet Residual Mixes, CO2 column, as
    # held in themisiqco/themisiq lib/ghg/engine.ts RESIDUAL_EU: DE 724.56 (also "Table 2: 724.56" in a
    # second, independent copy), FR 23.52, ES 292.20, IT 441.20, PL 808.30, SE 85.52
    ("DE", 2024, 724.56),
    ("FR", 2024, 23.52),
    ("ES", 2024, 292.20),
    ("IT", 2024, 441.20),
    ("PL", 2024, 808.30),
    ("SE", 2024, 85.52),
]


@pytest.mark.parametrize("region, year, expected", PINNED)
def test_values_match_the_aib_tables(region, year, expected):
    assert value(region, year) == expected


def test_set_loads_with_no_issues():
    library, issues = load_factor_library([SET], Path("."))
    assert issues == []
    assert len(library.table) == 51


def test_set_shape():
    t = table()
    assert set(t["activity"]) == {"residual_mix"}
    assert set(t["gas"]) == {"CO2"}, "AIB publishes direct CO2 only: no CH4/N2O rows"
    assert set(t["unit"]) == {"g/kWh"}
    assert set(t["year"]) == {2023, 2024}
    assert (t["value"] > 0).all(), "no zero residual mix is shipped (full-disclosure countries are left out)"
    assert (t["source"].str.startswith("AIB European Residual Mixes")).all()
    assert (t["source"].str.contains("as reprinted in")).all(), "every row names the copy it was read from"
    # Austria has no residual mix in either edition (full disclosure, printed "N/A" / "NA"): no row.
    assert "AT" not in set(t["region"])
    # The Netherlands: printed in 2023, "NA" in 2024 (full disclosure): 2023 only.
    assert set(t.loc[t["region"] == "NL", "year"]) == {2023}
    # Greece under its ISO code, not Eurostat's EL.
    assert "GR" in set(t["region"]) and "EL" not in set(t["region"])
    assert len(t[t["year"] == 2023]) == 26
    assert len(t[t["year"] == 2024]) == 25


HEADER = "record_id,year,scope,category,activity,quantity,unit,region\n"


def test_end_to_end_inventory(make_inventory):
    root = make_inventory({"activities/power.csv": HEADER
                           + "de23,2023,3,3,residual_mix,1000,kWh,DE\n"},
                          factors='["aib-residual-mix"]')
    led = calculate(load_inventory(root)).set_index("record_id")
    # worked by hand: 1,000 kWh x 719.90 g CO2/kWh = 719,900 g = 0.7199 t CO2 (CO2 GWP 1)
    assert led.at["de23", "tco2e"] == pytest.approx(1000 * 719.90 / 1e6, rel=1e-12)
    assert led.at["de23", "tco2e"] == pytest.approx(0.7199, rel=1e-12)
