"""Base-year recalculation, category coverage, intensity targets, the standards checker and the
neutrality overview, on direct CO2e records whose arithmetic is done by hand in each test."""

import json

import pytest

from carbon import ConfigError, InputError, build_report, calculate, load_inventory

HEADER = "record_id,year,scope,category,gas,quantity,unit,entity\n"
OPS = """
[[targets]]
id = "ops-30"
scopes = [1]
reduction = 0.30
target_year = 2025
"""
CHANGES = "change_id,year,type,scope,entity,category,base_year_tco2e,description,driver\n"


def report(make_inventory, rows, changes=None, extra=OPS, files=None, name="inv"):
    all_files = {"activities/a.csv": HEADER + rows, **(files or {})}
    if changes is not None:
        all_files["changes.csv"] = CHANGES + changes
    root = make_inventory(all_files, factors="[]", toml_extra=extra, name=name)
    inventory = load_inventory(root)
    return build_report(inventory, calculate(inventory))


BASE = "b,2020,1,process,CO2e,1000,t,\nl,2023,1,process,CO2e,740,t,\n"


def test_acquisition_of_6_percent_recalculates_and_changes_the_status(make_inventory):
    # without the change: 1 - 740/1000 = 26% >= pathway 18% (2023 of 2020-2025): on_track
    assert report(make_inventory, BASE)["targets"][0]["status"] == "on_track"
    rep = report(make_inventory, BASE, "acq,2022,acquisition,1,,,60,bought a plant,\n", name="changed")
    rec = rep["recalculation"]
    change = rec["changes"][0]
    assert change["effect_tco2e"] == 60 and change["effect_share"] == pytest.approx(0.06) and change["triggered"]
    assert rec["original_base"]["scope1"] == 1000 and rec["recalculated_base"]["scope1"] == 1060
    t = rep["targets"][0]
    # against the recalculated base: 1 - 740/1060 = 30.19% >= 30%: achieved
    assert t["base_tco2e"] == 1060 and t["original_base_tco2e"] == 1000
    assert t["reduction"] == pytest.approx(1 - 740 / 1060, rel=1e-12) and t["status"] == "achieved"


def test_a_3_percent_change_does_not_recalculate(make_inventory):
    rep = report(make_inventory, BASE, "small,2022,acquisition,1,,,30,a small site,\n")
    assert not rep["recalculation"]["changes"][0]["triggered"]
    assert rep["recalculation"]["recalculated_base"]["scope1"] == 1000
    assert rep["targets"][0]["base_tco2e"] == 1000


def test_two_3_percent_changes_pass_5_percent_together(make_inventory):
    rep = report(make_inventory, BASE, "a1,2021,acquisition,1,,,30,site A,\na2,2022,acquisition,1,,,30,site B,\n")
    changes = rep["recalculation"]["changes"]
    assert [c["cumulative_share"] for c in changes] == pytest.approx([0.03, 0.06])
    assert all(c["triggered"] for c in changes)
    assert rep["recalculation"]["recalculated_base"]["scope1"] == 1060


@pytest.mark.parametrize("policy, triggered, base", [("always", True, 1030), ("never", False, 1000)])
def test_recalculation_policies(make_inventory, policy, triggered, base):
    rep = report(make_inventory, BASE, "c,2022,acquisition,1,,,30,x,\n", extra=f'recalculation = "{policy}"\n' + OPS)
    assert rep["recalculation"]["changes"][0]["triggered"] is triggered
    assert rep["recalculation"]["recalculated_base"]["scope1"] == base


def test_acquisition_and_divestment_computed_from_entity_records(make_inventory):
    entities = ("entity,parent,equity_share,financial_control,operational_control,acquired,divested\n"
                "New,,1,yes,yes,2022,\nGone,,1,yes,yes,,2021\n")
    rows = ("b,2020,1,process,CO2e,1000,t,\nnew20,2020,1,process,CO2e,50,t,New\ngone20,2020,1,process,CO2e,40,t,Gone\n"
            "l,2023,1,process,CO2e,700,t,\nnew23,2023,1,process,CO2e,55,t,New\n")
    rep = report(make_inventory, rows, "acq,2022,acquisition,,New,,,,\ndiv,2021,divestment,,Gone,,,,\n",
                 files={"entities.csv": entities})
    rec = rep["recalculation"]
    # base year as reported: 1000 + 40 (Gone still owned in 2020); New not yet owned -> excluded
    assert rec["original_base"]["scope1"] == 1040
    effects = {c["change_id"]: c["effect_tco2e"] for c in rec["changes"]}
    assert effects == {"div": -40, "acq": 50}  # minus Gone's base year; plus New's base-year records
    assert rec["recalculated_base"]["scope1"] == 1050  # both together: |−40| + 50 = 8.7% of 1040 > 5%


def test_category_added_back_cast_with_a_driver(make_inventory):
    rows = (BASE + "c4a,2022,3,4,CO2e,100,t,\nc4b,2023,3,4,CO2e,110,t,\nc1a,2020,3,1,CO2e,500,t,\n"
            "c1b,2023,3,1,CO2e,450,t,\n")
    metrics = "metric,year,value\nrevenue,2020,80\nrevenue,2022,100\n"
    extra = OPS + '[[targets]]\nid = "s3"\nscopes = [3]\nreduction = 0.25\ntarget_year = 2030\n'
    rep = report(make_inventory, rows, "cat4,2022,category_added,,,4,,first inventoried,revenue\n", extra=extra,
                 files={"metrics.csv": metrics})
    change = rep["recalculation"]["changes"][0]
    # back-cast: first year 2022, 100 t x revenue 2020/2022 = 100 x 80/100 = 80 t, estimated
    assert change["effect_tco2e"] == pytest.approx(80, rel=1e-12) and change["estimated"]
    assert change["effect_share"] == pytest.approx(80 / 1500, rel=1e-12) and change["triggered"]
    s3 = {t["id"]: t for t in rep["targets"]}["s3"]
    assert s3["base_tco2e"] == pytest.approx(500 + 80, rel=1e-12)       # category 4 enters the base year
    assert s3["excluded_categories"] == []
    assert s3["latest_tco2e"] == pytest.approx(450 + 110, rel=1e-12)
    assert rep["recalculation"]["estimated_categories"] == ["4"]


def test_category_without_estimate_is_kept_out_of_the_target_boundary(make_inventory):
    rows = BASE + "c4,2023,3,4,CO2e,110,t,\nc1a,2020,3,1,CO2e,500,t,\nc1b,2023,3,1,CO2e,450,t,\n"
    extra = '[[targets]]\nid = "s3"\nscopes = [3]\nreduction = 0.25\ntarget_year = 2030\n'
    rep = report(make_inventory, rows, "cat4,2023,category_added,,,4,,first inventoried,\n", extra=extra)
    assert rep["recalculation"]["changes"][0]["effect_tco2e"] is None
    t = rep["targets"][0]
    assert t["excluded_categories"] == ["3.4"]
    assert t["base_tco2e"] == 500 and t["latest_tco2e"] == 450  # like with like: category 4 left out
    assert t["reduction"] == pytest.approx(0.10, rel=1e-12)


def test_methodology_change_needs_a_stated_effect(make_inventory):
    root = make_inventory({"activities/a.csv": HEADER + BASE, "changes.csv": CHANGES + "m,2022,methodology,1,,,,new meter,\n"},
                          factors="[]")
    with pytest.raises(InputError, match="record 'm': base_year_tco2e = '': expected the change's effect"):
        calculate(load_inventory(root))


def test_intensity_target(make_inventory):
    extra = '[[targets]]\nid = "int"\nkind = "intensity"\nmetric = "revenue"\nscopes = [1]\nreduction = 0.2\ntarget_year = 2030\n'
    rows = "b,2020,1,process,CO2e,1000,t,\nl,2023,1,process,CO2e,1000,t,\n"
    rep = report(make_inventory, rows, extra=extra, files={"metrics.csv": "metric,year,value\nrevenue,2020,100\nrevenue,2023,125\n"})
    t = rep["targets"][0]
    # 1000/100 = 10 t per unit in 2020, 1000/125 = 8 in 2023: 20% lower intensity
    assert (t["base_intensity"], t["latest_intensity"]) == pytest.approx((10, 8))
    assert t["reduction"] == pytest.approx(0.2, rel=1e-12) and t["status"] == "achieved"


def test_intensity_target_needs_a_metric(make_inventory):
    root = make_inventory({"activities/a.csv": HEADER + BASE}, factors="[]",
                          toml_extra='[[targets]]\nid = "i"\nkind = "intensity"\nscopes = [1]\nreduction = 0.2\ntarget_year = 2030\n')
    with pytest.raises(ConfigError, match="an intensity target needs 'metric'"):
        load_inventory(root)


def test_custom_sub_category(make_inventory):
    extra = '[[categories]]\nscope = 3\ncode = "1.cloud"\nname = "Cloud services"\nparent = "1"\n'
    rep = report(make_inventory, BASE + "cl,2023,3,1.cloud,CO2e,5,t,\n", extra=extra)
    assert rep["years"]["2023"]["categories"]["3.1.cloud"] == 5
    assert rep["years"]["2023"]["scope3"] == 5


def test_categories_command_lists_coverage_and_missing(make_inventory, run_cli):
    rows = BASE + "c6,2023,3,6,CO2e,5,t,\n"
    root = make_inventory({"activities/a.csv": HEADER + rows}, factors="[]", toml_extra="scope3_relevant = [1, 6, 7]\n")
    status, out, _ = run_cli("categories", root, "--json")
    data = {r["key"]: r for r in json.loads(out)}
    assert status == 0
    assert data["3.6"]["covered"] and data["3.6"]["years"] == {"2023": 5.0}
    assert data["3.6"]["methods"] == ["supplier-specific (inferred)"]
    assert data["3.1"]["missing"] and data["3.7"]["missing"] and not data["3.9"]["missing"]


def test_check_lists_rules_with_sources(run_cli):
    status, out, _ = run_cli("check", "inventories/example", "--json")
    findings = json.loads(out)
    assert status == 0 and all({"rule", "source", "status", "detail"} <= set(f) for f in findings)
    by_rule = {f["rule"]: f for f in findings}
    assert by_rule["ops-30: Scope 1+2 absolute target at least 4.2% a year, linear (1.5C)"]["status"] == "pass"
    assert by_rule["base year no earlier than 2015"]["status"] == "pass"
    assert any(f["status"] in ("fail", "warn") for f in findings)


def test_check_fails_a_weak_target(make_inventory, run_cli):
    extra = '[[targets]]\nid = "weak"\nscopes = [1, 2]\nreduction = 0.30\ntarget_year = 2030\n'
    root = make_inventory({"activities/a.csv": HEADER + BASE}, factors="[]", toml_extra=extra)
    status, out, _ = run_cli("check", root, "--strict")
    # 30% over 2020-2030 = 3.0% a year < 4.2%: the SBTi 1.5C rule fails, and --strict exits 1
    assert status == 1 and "FAIL\tweak: Scope 1+2 absolute target at least 4.2% a year" in out
    assert "3.00% a year (needed 4.2%)" in out


def test_neutrality_overview_and_gap(make_inventory):
    rows = ("a,2023,1,process,CO2e,100,t,\nb,2023,2,electricity,CO2e,50,t,\nc,2023,3,1,CO2e,850,t,\n")
    credits = "credit_id,year,quantity,unit,type\nk1,2023,120,t,avoidance\nk2,2023,40,t,removal\n"
    rep = report(make_inventory, rows, extra='credits = "credits.csv"\n', files={"credits.csv": credits})
    over = rep["neutrality_overview"]
    row = over["years"][0]
    assert row["operational"]["gross_tco2e"] == 150 and row["operational"]["net_tco2e"] == -10
    assert row["operational"]["neutral"] and not row["corporate"]["neutral"]
    assert row["corporate"]["net_tco2e"] == 840 and row["corporate"]["removals_share"] == pytest.approx(0.04)
    # 840 t net in 2023, 7 years to 2030: 120 t a year
    assert over["gap"]["annual_reduction_needed_tco2e"] == pytest.approx(120, rel=1e-12)


def test_gwp_swap_says_how_far_the_base_year_moved(make_inventory, run_cli, tmp_path):
    rows = "record_id,year,scope,category,activity,quantity,unit\nng,2020,1,stationary_combustion,natural_gas,1000,therm\n"
    root = make_inventory({"activities/a.csv": rows})
    out = tmp_path / "out"
    assert run_cli("report", root, "-o", out)[0] == 0
    toml = (root / "inventory.toml").read_text().replace('gwp = "AR5"', 'gwp = "AR4"')
    (root / "inventory.toml").write_text(toml)
    assert run_cli("report", root, "-o", out)[0] == 0
    moved = json.loads((out / "report.json").read_text())["recalculation"]["methodology"]
    # EPA Hub 2025 Table 1 natural gas, 100 MMBtu: AR4 5.306 + 0.1 kg x 25 + 0.01 kg x 298 = 5.31148 t;
    # AR5 5.306 + 0.1 x 28 + 0.01 x 265 = 5.31145 t
    assert moved["moved_tco2e"] == pytest.approx(0.00003, rel=1e-6)
    assert moved["gwp_before"] == "AR5" and moved["gwp_now"] == "AR4"
    assert moved["files_changed"] == ["factors/gwp/AR4.csv", "factors/gwp/AR5.csv"]


def test_data_quality_summary_shares(make_inventory):
    rows = ("a,2023,1,process,CO2e,30,t,\nb,2023,1,process,CO2e,10,t,\nc,2023,3,1,CO2e,60,t,\n")
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,gas,quantity,unit,entity,data_quality,method\n"
                           + "".join(r.rstrip("\n") + (",metered,\n" if r.startswith(("a", "c")) else ",estimated,hybrid\n")
                                     for r in rows.splitlines(keepends=True))}, factors="[]", name="dq")
    inventory = load_inventory(root)
    dq = build_report(inventory, calculate(inventory))["data_quality"]
    # scope 1: 30 t metered + 10 t estimated -> 75% / 25%; methods: supplier-specific (inferred) 75%, hybrid 25%
    assert dq["scopes"]["scope1"]["by_quality"] == {"metered": 0.75, "estimated": 0.25}
    assert dq["scopes"]["scope1"]["by_method"] == {"supplier-specific": 0.75, "hybrid": 0.25}
    assert dq["categories"]["3.1"]["by_quality"] == {"metered": 1.0}


def test_uncertainty_mapping_file_overrides_the_shipped_one(make_inventory):
    rows = "a,2023,1,process,CO2e,100,t,\n"
    plain = make_inventory({"activities/a.csv": HEADER + rows}, factors="[]", name="plain")
    wide = make_inventory({"activities/a.csv": HEADER + rows,
                           "unc.csv": "kind,key,score,value,measure,source\nbasic,supplier-specific,,3.0,gsd2,test: wider\n"},
                          factors="[]", toml_extra='uncertainty_mapping = "unc.csv"\n', name="wide")

    def width(root):
        inventory = load_inventory(root)
        low, high = build_report(inventory, calculate(inventory), draws=2000, seed=1)["years"]["2023"]["interval95"]["scope1"]
        assert low < 100 < high
        return high - low

    assert width(wide) > 2 * width(plain)
