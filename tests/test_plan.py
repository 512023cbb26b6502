"""The decarbonisation plan ([plan] in inventory.toml; report.json ``plan``; ``carbon plan``).

The inventory of these tests is the issue's worked case: latest year 2023 with Scope 1 + 2 = 1,000 t,
of which 600 t electricity. Scope 1 is 400 t of CO2 reported directly (a direct emission: 400 t x GWP 1);
electricity is 1,200 MWh at a test factor of 0.5 t CO2e/MWh (a round, illustrative value chosen so the
figures are the issue's, not a published factor). 2022 is the base year: 440 t + 1,320 MWh (660 t) =
1,100 t. Every expected figure below is worked out by hand from these.
"""

from __future__ import annotations

import json
import math
import textwrap
from pathlib import Path

import pytest

import carbon
from carbon.cli import main
from carbon.errors import ConfigError

G = 1.02  # BAU growth a year


def _inventory(tmp_path: Path, plan: str, targets: str = "", metrics: str | None = None,
               grid: str | None = None) -> Path:
    inv = tmp_path / "inv"
    (inv / "activities").mkdir(parents=True)
    (inv / "factors").mkdir()
    (inv / "factors" / "grid.csv").write_text(
        "activity,region,year,gas,value,unit,source\n"
        "electricity,US,,CO2e,0.5,t/MWh,ILLUSTRATIVE test factor (round value for hand-worked figures)\n")
    (inv / "activities" / "records.csv").write_text(textwrap.dedent("""\
        record_id,year,scope,category,activity,gas,quantity,unit,region,entity
        s1-2022,2022,1,stationary_combustion,,CO2,440,t,US,
        el-2022,2022,2,electricity,electricity,,1320,MWh,US,
        s1-2023,2023,1,stationary_combustion,,CO2,400,t,US,
        el-2023,2023,2,electricity,electricity,,1200,MWh,US,
        """))
    if metrics:
        (inv / "metrics.csv").write_text(metrics)
    if grid:
        (inv / "grid_projection.csv").write_text(grid)
    (inv / "inventory.toml").write_text(textwrap.dedent(f"""\
        organisation = "Plan Test"
        base_year = 2022
        gwp = "AR5"
        factors = ["factors"]
        scope2_method = "location"
        """) + textwrap.dedent(targets) + "\n" + textwrap.dedent(plan))
    return inv


def _report(inv: Path) -> dict:
    inventory = carbon.load_inventory(inv)
    return carbon.build_report(inventory, carbon.calculate(inventory))


NEUTRAL_2030 = """\
    [[targets]]
    id = "neutral-2030"
    kind = "neutrality"
    scopes = [1, 2]
    target_year = 2030
    """

HALF_ELECTRICITY = """\
    [plan]
    growth = 0.02

    [[plan.actions]]
    id = "green-power"
    name = "Half the electricity from renewables"
    categories = ["electricity"]
    start_year = 2025
    reduction = 0.5
    cost = 20000
    currency = "USD"
    """


def test_the_issues_worked_case(tmp_path):
    """2030 BAU = 1,000 x 1.02^7 = 1,148.6857 t; planned = 1,148.6857 - 0.5 x 600 x 1.02^7 = 804.0800 t;
    credits needed for the 2030 neutrality target of Scopes 1+2 with no removals = 804.0800 t."""
    plan = _report(_inventory(tmp_path, HALF_ELECTRICITY, NEUTRAL_2030))["plan"]
    assert plan["from_year"] == 2023 and plan["to_year"] == 2030
    y2030 = plan["years"]["2030"]
    assert y2030["bau_tco2e"] == pytest.approx(1148.6857, abs=1e-4)
    assert y2030["planned_tco2e"] == pytest.approx(804.0800, abs=1e-4)
    assert y2030["credits_needed_tco2e"] == pytest.approx(804.0800, abs=1e-4)
    verdict = plan["targets"][0]
    assert verdict["id"] == "neutral-2030" and verdict["met_by_plan"] is False
    assert verdict["credits_needed_tco2e"]["2030"] == pytest.approx(804.0800, abs=1e-4)
    # reductions 344.6057 t of 1,148.6857 t BAU (30%), credits the other 70%
    assert verdict["share_reductions"] == pytest.approx(0.3, abs=1e-12)
    assert verdict["share_credits"] == pytest.approx(0.7, abs=1e-12)
    # before the action starts: planned = BAU; 2024 = 1,000 x 1.02 = 1,020 t
    assert plan["years"]["2024"]["planned_tco2e"] == pytest.approx(1020.0, abs=1e-9)
    assert plan["years"]["2024"]["bau_tco2e"] == pytest.approx(1020.0, abs=1e-9)
    # abated 2025 = 0.5 x 600 x 1.02^2 = 312.12 t; cost per t in 2030 = 20,000 / 344.6057 = 58.0373 USD
    action = plan["actions"][0]
    assert action["abated_tco2e"]["2025"] == pytest.approx(312.12, abs=1e-9)
    assert action["cost_per_tco2e"] == pytest.approx(20000 / (300 * G ** 7), rel=1e-12)
    assert plan["cost_curve"][0]["id"] == "green-power"
    # the pathway of the neutrality target: a straight line from 1,100 t in the base year 2022 to zero in
    # 2030; 2029 is 7/8 of the way: 1,100 / 8 = 137.5 t
    assert plan["target"] == "neutral-2030"
    assert plan["years"]["2030"]["target_tco2e"] == 0.0
    assert plan["years"]["2029"]["target_tco2e"] == pytest.approx(137.5, abs=1e-9)


def test_a_factor_action_with_a_ramp_and_removals(tmp_path):
    """A PPA replacing the electricity factor by 0 kg/MWh from 2026 over 2 years (half in 2026, full from
    2027), and 100 t a year of removals from 2028: 2026 planned = 400 x 1.02^3 + 600 x 1.02^3 x 0.5 =
    742.8456 t; 2027 = 400 x 1.02^4 = 432.972864 t; 2030 credits needed = 400 x 1.02^7 - 100 = 359.4743 t."""
    plan = """\
        [plan]
        growth = 0.02

        [[plan.actions]]
        id = "ppa"
        scopes = [2]
        start_year = 2026
        ramp_years = 2
        factor = { value = 0, unit = "kg/MWh", gas = "CO2e" }

        [[plan.removals]]
        id = "forest"
        start_year = 2028
        tco2e = 100
        """
    result = _report(_inventory(tmp_path, plan, NEUTRAL_2030))["plan"]
    assert result["years"]["2026"]["planned_tco2e"] == pytest.approx(700 * G ** 3, rel=1e-12)
    assert result["years"]["2027"]["planned_tco2e"] == pytest.approx(400 * G ** 4, rel=1e-12)
    assert result["years"]["2030"]["credits_needed_tco2e"] == pytest.approx(400 * G ** 7 - 100, rel=1e-12)
    assert result["years"]["2027"]["removals_tco2e"] == 0.0
    assert result["years"]["2030"]["by_scope"]["scope2"]["planned_tco2e"] == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("tonnes, planned, abated", [(100, 920.0, 100.0), (10_000, 612.0, 408.0)])
def test_tonnes_a_year_never_cut_more_than_is_left(tmp_path, tonnes, planned, abated):
    """100 t a year from 2024 on Scope 1: 2024 planned = 1,020 - 100 = 920 t. 10,000 t a year on Scope 1
    cuts at most Scope 1 itself (400 x 1.02 = 408 t): 2024 planned = 600 x 1.02 = 612 t."""
    plan = _report(_inventory(tmp_path, f"""\
        [plan]
        growth = 0.02
        [[plan.actions]]
        id = "boilers"
        scopes = [1]
        start_year = 2024
        tco2e = {tonnes}
        """))["plan"]
    assert plan["years"]["2024"]["planned_tco2e"] == pytest.approx(planned, abs=1e-9)
    assert plan["actions"][0]["abated_tco2e"]["2024"] == pytest.approx(abated, abs=1e-9)


def test_absolute_target_met_or_not_by_the_plan(tmp_path):
    """Base 2022 = 1,100 t; 30% by 2030 allows 770 t. With half the electricity green, 2030 planned is
    804.08 t: not met, 34.08 t short. Adding boilers cutting 40 t a year from 2028 (804.08 - 40 = 764.08)
    meets it."""
    target = """\
        [[targets]]
        id = "cut-30"
        scopes = [1, 2]
        reduction = 0.30
        target_year = 2030
        """
    short = _report(_inventory(tmp_path / "a", HALF_ELECTRICITY, target))["plan"]
    verdict = short["targets"][0]
    assert verdict["target_tco2e"] == pytest.approx(770.0, abs=1e-9)
    assert verdict["met_by_plan"] is False
    assert verdict["gap_tco2e"] == pytest.approx(1000 * G ** 7 - 300 * G ** 7 - 770, abs=1e-9)
    # the pathway: straight from 1,100 t in 2022 to 770 t in 2030; 2026 is half-way: 935 t
    assert short["years"]["2026"]["target_tco2e"] == pytest.approx(935.0, abs=1e-9)
    plus = HALF_ELECTRICITY + """
    [[plan.actions]]
    id = "boilers"
    scopes = [1]
    start_year = 2028
    tco2e = 40
    """
    met = _report(_inventory(tmp_path / "b", plus, target))["plan"]["targets"][0]
    assert met["planned_tco2e"] == pytest.approx(1000 * G ** 7 - 300 * G ** 7 - 40, abs=1e-9)
    assert met["met_by_plan"] is True


def test_a_driver_metric_and_a_grid_projection(tmp_path):
    """Revenue 100 -> 150 from 2023 to 2030 (every year given): BAU 2030 = 1,000 x 1.5 = 1,500 t. A grid
    index for US falling 100 -> 60: electricity 2030 = 600 x 1.5 x 0.6 = 540 t, Scope 1 = 600 t."""
    metrics = "metric,year,value\n" + "".join(f"revenue,{y},{100 + (y - 2023) * 50 / 7}\n" for y in range(2023, 2031))
    grid = "region,year,index\n" + "".join(f"US,{y},{100 - (y - 2023) * 40 / 7}\n" for y in range(2023, 2031))
    plan = """\
        [plan]
        driver = "revenue"
        grid_projection = "grid_projection.csv"
        to_year = 2030
        """
    result = _report(_inventory(tmp_path, plan, metrics=metrics, grid=grid))["plan"]
    y2030 = result["years"]["2030"]
    assert y2030["by_scope"]["scope1"]["bau_tco2e"] == pytest.approx(600.0, rel=1e-12)
    assert y2030["by_scope"]["scope2"]["bau_tco2e"] == pytest.approx(540.0, rel=1e-12)
    assert y2030["bau_tco2e"] == pytest.approx(1140.0, rel=1e-12)


def test_a_driver_with_a_missing_year_is_refused(tmp_path):
    metrics = "metric,year,value\nrevenue,2023,100\nrevenue,2030,150\n"
    inv = _inventory(tmp_path, '[plan]\ndriver = "revenue"\nto_year = 2030\n', metrics=metrics)
    with pytest.raises(ConfigError, match=r"plan.driver .revenue.: metrics.csv has no value for 2024, 2025, 2026, 2027, 2028, 2029;"):
        _report(inv)


@pytest.mark.parametrize("action, message", [
    ('id = "x"\nstart_year = 2025', "needs exactly one effect"),
    ('id = "x"\nstart_year = 2025\nreduction = 0.5\ntco2e = 10', "it has reduction, tco2e"),
    ('id = "x"\nstart_year = 2025\nreduction = 0.5\ncost = 10', "a cost needs its currency"),
    ('id = "x"\nstart_year = 2025\nreduction = 0.5\ncost = 10\ncurrency = "USD"\n[[plan.actions]]\nid = "y"\n'
     'start_year = 2025\nreduction = 0.1\ncost = 10\ncurrency = "EUR"', "costs are given in EUR, USD"),
])
def test_bad_actions_are_refused_naming_the_action(tmp_path, action, message):
    inv = _inventory(tmp_path, f"[plan]\n[[plan.actions]]\n{action}\n")
    with pytest.raises(ConfigError, match=message) as err:
        carbon.load_inventory(inv)
    assert "'x'" in str(err.value) or "one currency" in str(err.value)


def test_a_factor_whose_unit_does_not_fit_is_refused(tmp_path):
    plan = '[plan]\n[[plan.actions]]\nid = "ppa"\nscopes = [2]\nstart_year = 2025\nfactor = { value = 0, unit = "kg/L" }\n'
    with pytest.raises(ConfigError, match=r"plan action 'ppa': factor unit 'kg/L' does not fit the records' unit 'MWh'"):
        _report(_inventory(tmp_path, plan))


def test_carbon_plan_prints_the_table_and_json(tmp_path, capsys):
    inv = _inventory(tmp_path, HALF_ELECTRICITY, NEUTRAL_2030)
    assert main(["plan", str(inv)]) == 0
    out = capsys.readouterr().out
    assert "2030" in out and "804.08" in out and "target neutral-2030: NOT met by the plan" in out
    assert main(["plan", str(inv), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert math.isclose(data["years"]["2030"]["planned_tco2e"], 804.0800, abs_tol=1e-4)


def test_carbon_plan_without_a_plan_says_how_to_add_one(tmp_path, capsys):
    inv = _inventory(tmp_path, "")
    assert main(["plan", str(inv)]) == 1
    assert "inventory.toml has no [plan] table" in capsys.readouterr().err


def test_the_example_inventory_carries_a_plan_shown_in_every_report(tmp_path):
    from carbon.report.html import render_html
    from carbon.report.markdown import render_markdown

    root = Path(__file__).resolve().parents[1] / "inventories" / "example"
    report = _report(root)
    plan = report["plan"]
    assert plan["from_year"] == 2024 and plan["to_year"] == 2030 and plan["target"] == "neutral-2030"
    verdicts = {t["id"]: t["met_by_plan"] for t in plan["targets"]}
    assert verdicts == {"ops-30": True, "ops-neutral": None, "neutral-2030": False}
    # BAU grows 3% a year from the 2024 total of every scope: 2030 = 2024 total x 1.03^6
    assert plan["years"]["2030"]["bau_tco2e"] == pytest.approx(report["years"]["2024"]["total"] * 1.03 ** 6, rel=1e-12)
    page = render_html(report)
    assert 'id="fig-plan"' in page and 'id="fig-cost-curve"' in page
    assert "Does the plan meet each target?" in page and "not met by plan" in page
    text = render_markdown(report)
    assert "## The plan to 2030" in text and "| neutral-2030 | 2030 |" in text


def test_an_action_that_matches_nothing_is_refused_naming_what_there_is(tmp_path):
    plan = '[plan]\n[[plan.actions]]\nid = "fleet"\ncategories = ["mobile_combustin"]\nstart_year = 2025\nreduction = 0.5\n'
    with pytest.raises(ConfigError, match=r"plan action 'fleet' matches no emissions of 2023.*categories = "
                                          r"\['mobile_combustin'\] \(the 2023 records have: 1.stationary_combustion, "
                                          r"2.electricity\)"):
        _report(_inventory(tmp_path, plan))
