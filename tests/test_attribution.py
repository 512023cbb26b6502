"""Emission-change attribution (carbon.attribution): hand-worked LMDI-I cases and the exact-sum property."""

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from carbon import calculate, load_inventory
from carbon.attribution import EFFECTS, attribute, attribution_text
from carbon.errors import CarbonError

EXAMPLE = Path(__file__).resolve().parent.parent / "inventories" / "example"


def ledger(rows: list[dict]) -> pd.DataFrame:
    """A hand-made ledger. Each row gives year, quantity and tco2e (at 100 % share unless
    boundary_share says otherwise: tco2e is then the consolidated figure); the rest has defaults."""
    out = []
    for i, r in enumerate(rows):
        row = {"record_id": f"r{i}", "scope": 1, "category": "stationary_combustion", "entity": "",
               "facility": "", "activity": "natural_gas", "gas": "", "region": "", "unit": "MMBtu",
               "boundary_share": 1.0, "calculation": "factor", "factor_set": "epa-2025",
               "factor_file": "factors/epa-2025/stationary_combustion.csv", "gwp_set": "AR5"}
        row.update(r)
        row.setdefault("tco2e_location", row["tco2e"])
        row.setdefault("tco2e_market", row["tco2e"])
        out.append(row)
    return pd.DataFrame(out)


def effects(result: dict, part: str | None = None) -> dict:
    block = result if part is None else (result["by_scope"].get(part) or result["by_category"][part])
    return block["effects"]


def assert_adds_up(result: dict) -> None:
    blocks = [result, *result["by_scope"].values(), *result["by_category"].values()]
    for b in blocks:
        assert math.fsum(b["effects"].values()) == pytest.approx(b["change_tco2e"], rel=1e-9, abs=1e-9)
        assert b["change_tco2e"] == pytest.approx(b["to_tco2e"] - b["from_tco2e"], abs=1e-9)
    assert math.fsum(b["change_tco2e"] for b in result["by_scope"].values()) == pytest.approx(result["change_tco2e"])
    assert math.fsum(b["change_tco2e"] for b in result["by_category"].values()) == pytest.approx(result["change_tco2e"])


def only(result: dict, name: str, value: float, part: str | None = None) -> None:
    e = effects(result, part)
    assert e[name] == pytest.approx(value, rel=1e-12)
    assert all(abs(v) < 1e-9 for k, v in e.items() if k != name), e


# ------------------------------------------------------------------------------ hand-worked
def test_activity_doubles_at_constant_factor_is_all_activity():
    r = attribute(ledger([{"year": 2020, "quantity": 100.0, "tco2e": 5.3},
                          {"year": 2023, "quantity": 200.0, "tco2e": 10.6}]), 2020, 2023)
    assert r["change_tco2e"] == pytest.approx(5.3)
    only(r, "activity", 5.3)
    only(r, "activity", 5.3, "scope1")
    only(r, "activity", 5.3, "1.stationary_combustion")


def test_factor_halves_at_constant_activity_is_all_factor():
    r = attribute(ledger([{"year": 2020, "quantity": 100.0, "tco2e": 40.0},
                          {"year": 2021, "quantity": 100.0, "tco2e": 20.0}]), 2020, 2021)
    only(r, "factor", -20.0)


def test_lmdi_two_factor_numbers_by_hand():
    # Q 100 -> 150, I 2 -> 1.5, E 200 -> 225; L = 25 / ln(225/200) = 212.2545...
    r = attribute(ledger([{"year": 2020, "quantity": 100.0, "tco2e": 200.0},
                          {"year": 2021, "quantity": 150.0, "tco2e": 225.0}]), 2020, 2021)
    lm = 25.0 / math.log(225.0 / 200.0)
    assert effects(r)["activity"] == pytest.approx(lm * math.log(1.5), rel=1e-12)  # +86.06
    assert effects(r)["factor"] == pytest.approx(lm * math.log(0.75), rel=1e-12)   # -61.06
    assert effects(r)["activity"] + effects(r)["factor"] == pytest.approx(25.0, rel=1e-12)


def grid(year, mwh, location, market, basis="grid_average"):
    return {"year": year, "scope": 2, "category": "electricity", "activity": "electricity", "unit": "MWh",
            "region": "US-CAMX", "quantity": mwh, "tco2e": market, "tco2e_location": location,
            "tco2e_market": market, "market_basis": basis, "factor_file": "factors/epa-2025/electricity.csv"}


def test_a_rec_bought_in_year_two_is_instruments():
    r = attribute(ledger([grid(2020, 1000.0, 200.0, 200.0), grid(2021, 1000.0, 200.0, 80.0, "REC-1;grid_average")]),
                  2020, 2021)
    only(r, "instruments", -120.0)
    only(r, "instruments", -120.0, "scope2")


def test_recs_covering_everything_zero_value_goes_to_instruments():
    r = attribute(ledger([grid(2020, 1000.0, 200.0, 200.0), grid(2021, 1000.0, 200.0, 0.0, "REC-1")]), 2020, 2021)
    only(r, "instruments", -200.0)
    assert r["keys"]["zero_value"] == 1


def test_location_based_attribution_has_no_instruments():
    led = ledger([grid(2020, 1000.0, 200.0, 200.0), grid(2021, 900.0, 171.0, 50.0, "REC-1;grid_average")])
    r = attribute(led, 2020, 2021, scope2_method="location")
    assert effects(r)["instruments"] == 0.0
    assert r["change_tco2e"] == pytest.approx(-29.0)
    assert_adds_up(r)


def test_grid_decarbonisation_is_factor_and_consumption_is_activity():
    # 1000 MWh at 0.2 t/MWh -> 800 MWh at 0.15 t/MWh
    r = attribute(ledger([grid(2020, 1000.0, 200.0, 200.0), grid(2024, 800.0, 120.0, 120.0)]), 2020, 2024)
    lm = (120.0 - 200.0) / math.log(120.0 / 200.0)
    assert effects(r)["activity"] == pytest.approx(lm * math.log(0.8))
    assert effects(r)["factor"] == pytest.approx(lm * math.log(0.75))
    assert effects(r)["instruments"] == 0.0
    assert_adds_up(r)


def test_an_acquired_entity_is_structural():
    led = ledger([{"year": 2020, "quantity": 100.0, "tco2e": 10.0},
                  {"year": 2022, "quantity": 100.0, "tco2e": 10.0},
                  {"year": 2022, "quantity": 50.0, "tco2e": 7.0, "entity": "NewCo"}])
    r = attribute(led, 2020, 2022)
    only(r, "structural", 7.0)
    assert r["keys"] == {**r["keys"], "matched": 1, "only_to": 1, "only_from": 0}


def test_entering_the_boundary_is_structural():
    # the same source is outside the boundary (share 0) in 2021 and fully inside in 2022
    led = ledger([{"year": 2021, "quantity": 100.0, "tco2e": 0.0, "tco2e_location": 0.0, "boundary_share": 0.0,
                   "entity": "JV"},
                  {"year": 2022, "quantity": 110.0, "tco2e": 11.0, "boundary_share": 1.0, "entity": "JV"}])
    r = attribute(led, 2021, 2022)
    only(r, "structural", 11.0)


def test_equity_share_change_and_activity_split():
    # 40 % of 100 t -> 100 % of 120 t: E 40 -> 120
    led = ledger([{"year": 2020, "quantity": 1000.0, "tco2e": 40.0, "boundary_share": 0.4},
                  {"year": 2021, "quantity": 1200.0, "tco2e": 120.0, "boundary_share": 1.0}])
    r = attribute(led, 2020, 2021)
    lm = 80.0 / math.log(3.0)
    assert effects(r)["structural"] == pytest.approx(lm * math.log(1.0 / 0.4))
    assert effects(r)["activity"] == pytest.approx(lm * math.log(1.2))
    assert effects(r)["factor"] == pytest.approx(0.0, abs=1e-9)
    assert_adds_up(r)


def test_a_divested_source_is_structural_and_a_stopped_quantity_is_activity():
    led = ledger([{"year": 2020, "quantity": 10.0, "tco2e": 3.0, "facility": "A"},
                  {"year": 2020, "quantity": 10.0, "tco2e": 5.0, "facility": "B"},
                  {"year": 2021, "quantity": 0.0, "tco2e": 0.0, "facility": "B"}])
    r = attribute(led, 2020, 2021)
    assert effects(r)["structural"] == pytest.approx(-3.0)   # A has no record in 2021
    assert effects(r)["activity"] == pytest.approx(-5.0)     # B reported zero: the zero-value limit
    assert_adds_up(r)


def test_a_factor_set_swap_is_methodology_not_factor():
    led = ledger([{"year": 2020, "quantity": 100.0, "tco2e": 10.0},
                  {"year": 2021, "quantity": 120.0, "tco2e": 9.0, "factor_set": "ipcc-2006",
                   "factor_file": "factors/ipcc-2006/stationary_combustion.csv"}])
    r = attribute(led, 2020, 2021)
    lm = -1.0 / math.log(0.9)
    assert effects(r)["activity"] == pytest.approx(lm * math.log(1.2))
    assert effects(r)["methodology"] == pytest.approx(lm * math.log(0.9 / 1.2))
    assert effects(r)["factor"] == 0.0
    assert r["keys"]["methodology"] == 1


def test_a_unit_change_makes_activity_and_factor_methodology():
    led = ledger([{"year": 2020, "quantity": 1000.0, "tco2e": 10.0, "unit": "therm"},
                  {"year": 2021, "quantity": 105.0, "tco2e": 11.0, "unit": "MMBtu"}])
    only(attribute(led, 2020, 2021), "methodology", 1.0)


def test_a_gwp_change_across_runs_is_methodology():
    before = ledger([{"year": 2020, "quantity": 10.0, "tco2e": 28.0, "gwp_set": "AR5"}])
    now = ledger([{"year": 2020, "quantity": 10.0, "tco2e": 29.8, "gwp_set": "AR6"},
                  {"year": 2021, "quantity": 10.0, "tco2e": 29.8, "gwp_set": "AR6"}])
    only(attribute(now, 2020, 2021, from_ledger=before), "methodology", 1.8)
    within_one_run = attribute(now, 2020, 2021)  # one run: the same GWP in both years, nothing changed
    assert within_one_run["change_tco2e"] == 0.0
    assert all(v == 0.0 for v in within_one_run["effects"].values())


def test_negative_values_fall_back_to_shapley_and_still_add_up():
    led = ledger([{"year": 2020, "quantity": 10.0, "tco2e": -4.0, "category": "process"},
                  {"year": 2021, "quantity": 20.0, "tco2e": 6.0, "category": "process"}])
    r = attribute(led, 2020, 2021)
    assert r["keys"]["shapley"] == 1
    assert_adds_up(r)


def test_missing_year_is_an_error():
    with pytest.raises(CarbonError, match="no records in 2019"):
        attribute(ledger([{"year": 2020, "quantity": 1.0, "tco2e": 1.0}]), 2019, 2020)


# ------------------------------------------------------------------------------ the example
@pytest.fixture(scope="module")
def example_ledger():
    return calculate(load_inventory(EXAMPLE))


def test_example_2020_2024_effects_add_up_exactly(example_ledger):
    r = attribute(example_ledger, 2020, 2024)
    assert_adds_up(r)
    totals = example_ledger.groupby("year")["tco2e"].sum()
    assert r["change_tco2e"] == pytest.approx(totals[2024] - totals[2020], rel=1e-12)
    assert r["by_scope"]["scope2"]["effects"]["instruments"] < 0   # RECs, PPA and supplier rates from 2022
    assert r["by_scope"]["scope1"]["effects"]["instruments"] == 0.0
    assert set(r["by_category"]) >= {"1.stationary_combustion", "2.electricity", "3.1"}
    json.dumps(r, allow_nan=False)


@pytest.mark.parametrize("method", ["lmdi", "shapley"])
def test_example_every_pair_of_years_adds_up(example_ledger, method):
    years = sorted(int(y) for y in example_ledger["year"].unique())
    pairs = list(zip(years, years[1:])) + [(years[0], years[-1]), (years[-1], years[0])]
    for a, b in pairs:
        assert_adds_up(attribute(example_ledger, a, b, method=method))


def test_text_table(example_ledger):
    text = attribution_text(attribute(example_ledger, 2020, 2023))
    lines = text.splitlines()
    assert lines[0].startswith("Change in emissions 2020 -> 2023")
    header = lines[2].split()
    assert header[:3] == ["2020", "2023", "change"] and header[3:] == list(EFFECTS)
    assert any(line.startswith("scope 2") for line in lines)
    assert any(line.startswith("  2.electricity") for line in lines)
    assert any(line.startswith("total") for line in lines)


def test_several_units_in_a_key_compare_as_a_set():
    led = ledger([{"year": 2020, "quantity": 10.0, "tco2e": 1.0, "unit": "therm"},
                  {"year": 2020, "quantity": 1.0, "tco2e": 1.0, "unit": "MMBtu"},
                  {"year": 2021, "quantity": 1.0, "tco2e": 1.0, "unit": "MMBtu"},
                  {"year": 2021, "quantity": 22.0, "tco2e": 2.2, "unit": "therm"}])
    r = attribute(led, 2020, 2021)
    assert r["keys"]["methodology"] == 0
    assert_adds_up(r)


def test_mixed_units_are_matched_unit_by_unit():
    # one source in therm and MMBtu in both years: each unit is its own series (no adding therm to MMBtu)
    led = ledger([{"year": 2020, "quantity": 10.0, "tco2e": 1.0, "unit": "therm"},
                  {"year": 2020, "quantity": 1.0, "tco2e": 1.0, "unit": "MMBtu"},
                  {"year": 2021, "quantity": 20.0, "tco2e": 2.0, "unit": "therm"},
                  {"year": 2021, "quantity": 1.0, "tco2e": 1.0, "unit": "MMBtu"}])
    only(attribute(led, 2020, 2021), "activity", 1.0)
