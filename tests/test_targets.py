"""Base-year comparison, target status and neutrality, on direct CO2e records (hand arithmetic)."""

import json

import pytest

from carbon import build_report, calculate, load_inventory

HEADER = "record_id,year,scope,category,gas,quantity,unit\n"


def report_for(make_inventory, rows: list[tuple], targets: str, credits: str | None = None) -> dict:
    records = HEADER + "".join(f"r{i},{y},{s},{c},CO2e,{q},t\n" for i, (y, s, c, q) in enumerate(rows))
    files = {"activities/a.csv": records}
    extra = targets
    if credits is not None:
        files["credits.csv"] = "credit_id,year,quantity,unit,type\n" + credits
        extra = 'credits = "credits.csv"\n' + targets
    root = make_inventory(files, toml_extra=extra, factors="[]")
    inventory = load_inventory(root)
    return build_report(inventory, calculate(inventory))


OPS_30 = """
[[targets]]
id = "ops-30"
scopes = [1, 2]
reduction = 0.30
target_year = 2025
"""


def test_motivating_case_43_19_percent_cut_is_achieved(make_inventory):
    # Base 2020: 600 + 400 = 1000 t; 2023: 340.0 + 228.1 = 568.1 t -> reduction 1 - 568.1/1000 = 43.19%
    rep = report_for(make_inventory, [(2020, 1, "stationary_combustion", 600), (2020, 2, "electricity", 400),
                                      (2023, 1, "stationary_combustion", 340.0), (2023, 2, "electricity", 228.1),
                                      (2023, 3, "6", 5000)], OPS_30)
    t = rep["targets"][0]
    assert t["base_tco2e"] == pytest.approx(1000, rel=1e-12)
    assert t["latest_year"] == 2023 and t["latest_tco2e"] == pytest.approx(568.1, rel=1e-12)
    assert t["reduction"] == pytest.approx(0.4319, rel=1e-12)
    assert t["status"] == "achieved"
    # linear pathway for 2023: 30% x (2023-2020)/(2025-2020) = 18% -> 820 t
    assert t["pathway_reduction"] == pytest.approx(0.18, rel=1e-12)
    assert t["pathway_tco2e"] == pytest.approx(820, rel=1e-12)


@pytest.mark.parametrize("latest, status", [
    (800, "on_track"),   # 20% cut in 2023 >= 18% pathway, target year ahead
    (830, "off_track"),  # 17% < 18%
    (700, "achieved"),   # exactly 30%: meets the target
])
def test_status_against_the_pathway(make_inventory, latest, status):
    rep = report_for(make_inventory, [(2020, 1, "process", 1000), (2023, 1, "process", latest)], OPS_30)
    assert rep["targets"][0]["status"] == status


def test_target_year_passed_without_reaching_it_is_off_track(make_inventory):
    rep = report_for(make_inventory, [(2020, 1, "process", 1000), (2026, 1, "process", 750)], OPS_30)
    assert rep["targets"][0]["status"] == "off_track"  # 25% < 30% and 2026 > 2025
    assert rep["targets"][0]["pathway_reduction"] == pytest.approx(0.30, rel=1e-12)


def test_no_base_year_data(make_inventory):
    rep = report_for(make_inventory, [(2021, 1, "process", 1000), (2023, 1, "process", 500)], OPS_30)
    t = rep["targets"][0]
    assert t["status"] == "no_base_data" and t["base_tco2e"] is None and t["reduction"] is None


NEUTRAL = """
[[targets]]
id = "neutral-2030"
kind = "neutrality"
scopes = [1, 2, 3]
target_year = 2030
"""


def test_neutrality_progress_and_trajectory(make_inventory):
    credits = "c1,2022,300,t,avoidance\nc2,2022,100,tCO2e,removal\nc3,2024,2000,t,removal\n"
    rep = report_for(make_inventory, [(2020, 1, "process", 1000), (2020, 3, "1", 1000),
                                      (2022, 1, "process", 900), (2022, 3, "1", 900),
                                      (2024, 1, "process", 800), (2024, 3, "1", 1000)], NEUTRAL, credits)
    rows = {n["year"]: n for n in rep["neutrality"]}
    assert sorted(rows) == [2020, 2022, 2024]
    # 2022: gross 1800, credits 300 + 100 = 400, net 1400; trajectory 2000 x (1 - 2/10) = 1600, gap -200
    r = rows[2022]
    assert (r["gross_tco2e"], r["credits_tco2e"], r["net_tco2e"]) == pytest.approx((1800, 400, 1400), rel=1e-12)
    assert r["credits_avoidance_tco2e"] == 300 and r["credits_removal_tco2e"] == 100
    assert r["trajectory_tco2e"] == pytest.approx(1600, rel=1e-12) and r["gap_tco2e"] == pytest.approx(-200, rel=1e-12)
    assert r["status"] == "not_neutral"
    # 2024: gross 1800, credits 2000 -> net -200: neutral
    assert rows[2024]["net_tco2e"] == pytest.approx(-200, rel=1e-12) and rows[2024]["status"] == "neutral"
    # scope totals are gross: credits never netted inside them
    assert rep["years"]["2024"]["total"] == pytest.approx(1800, rel=1e-12)
    t = rep["targets"][0]
    assert t["kind"] == "neutrality" and t["latest_tco2e"] == pytest.approx(-200, rel=1e-12)
    assert t["status"] == "achieved"


def test_report_json_is_strict_json(make_inventory):
    rep = report_for(make_inventory, [(2020, 1, "process", 1000)], OPS_30 + NEUTRAL)
    json.dumps(rep, allow_nan=False)  # no NaN or inf may reach the file
