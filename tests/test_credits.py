"""The carbon-credit register (issue 19): serial ranges, retirement year and beneficiary, ESRS E1-7
figures. Direct CO2e records and credits in tonnes: every figure is worked by hand below."""

from __future__ import annotations

import pytest

from carbon import build_report, calculate, load_inventory
from carbon.errors import InputError

RECORDS = "record_id,year,scope,category,gas,quantity,unit\nr1,2023,1,process,CO2e,1000,t\nr2,2024,1,process,CO2e,800,t\n"
REGISTER = "credit_id,quantity,unit,year,retired_on,type,registry,serial_start,serial_end,retired_for,country," \
           "corresponding_adjustment,vintage\n"
NEUTRAL = """
[[targets]]
id = "neutral"
kind = "neutrality"
scopes = [1]
target_year = 2030
"""


def _inventory(make_inventory, credits: str, entities: str | None = None):
    files = {"activities/a.csv": RECORDS, "credits.csv": credits}
    if entities:
        files["entities.csv"] = entities
    return make_inventory(files, toml_extra='credits = "credits.csv"\n' + NEUTRAL, factors="[]")


def _problems(make_inventory, credits: str, entities: str | None = None) -> str:
    with pytest.raises(InputError) as err:
        calculate(load_inventory(_inventory(make_inventory, credits, entities)))
    return str(err.value)


def test_two_credits_with_overlapping_serial_ranges_are_an_error_naming_both_rows(make_inventory):
    text = _problems(make_inventory, REGISTER
                     + "c1,500,t,2023,,removal,Verra,VCS-9-1001,VCS-9-1500,,,,2021\n"
                     + "c2,100,t,2023,,removal,Verra,VCS-9-1401,VCS-9-1500,,,,2021\n")
    # c2 (row 3) holds serials 1401-1500, which c1 (row 2) already holds
    assert "credits.csv, row 3, record 'c2': serial_start = 'VCS-9-1401 to VCS-9-1500'" in text
    assert "overlaps credit 'c1' (" in text and "credits.csv, row 2: VCS-9-1001 to VCS-9-1500, retired 2023)" in text


def test_overlap_across_years_is_an_error_too(make_inventory):
    text = _problems(make_inventory, REGISTER
                     + "c1,10,t,2023,,avoidance,Gold Standard,GS-1-1,GS-1-10,,,,2020\n"
                     + "c2,10,t,2024,,avoidance,gold standard,GS-1-10,GS-1-19,,,,2020\n")
    assert "row 3, record 'c2'" in text and "overlaps credit 'c1'" in text and "row 2: GS-1-1 to GS-1-10, retired 2023" in text


def test_an_overlap_with_an_earlier_block_that_reaches_further_is_found(make_inventory):
    # sorted by first serial: c1 1-100, c2 20-30 (inside c1), c3 50-60 (inside c1, not c2): c3 names c1
    text = _problems(make_inventory, REGISTER + "c1,100,t,2023,,removal,R,1,100,,,,\n"
                     "c2,11,t,2023,,removal,R,20,30,,,,\nc3,11,t,2023,,removal,R,50,60,,,,\n")
    assert "record 'c2'" in text and "record 'c3'" in text and text.count("overlaps credit 'c1'") == 2


def test_same_serials_in_another_registry_or_prefix_and_adjacent_blocks_are_fine(make_inventory):
    root = _inventory(make_inventory, REGISTER + "c1,10,t,2023,,removal,Verra,A-1,A-10,,,,\n"
                      "c2,10,t,2023,,removal,Puro,A-1,A-10,,,,\nc3,10,t,2023,,removal,Verra,B-1,B-10,,,,\n"
                      "c4,10,t,2023,,removal,Verra,A-11,A-20,,,,\n")
    inventory = load_inventory(root)
    assert inventory.issues == [] and len(inventory.credits) == 4


@pytest.mark.parametrize("row, column, expected", [
    ("c1,10,t,2023,2024-01-15,removal,,,,,,,", "year", "the year of retired_on: a credit counts in the year"),
    ("c1,10,t,,15/01/2024,removal,,,,,,,", "retired_on", "the date the credit was retired, as YYYY-MM-DD"),
    ("c1,10,t,,,removal,,,,,,,", "year", "the year the credit was retired (column year), or the date"),
    ("c1,10,t,2023,,removal,,,,,,,2024", "vintage", "a vintage no later than the year of retirement"),
    ("c1,10,t,2023,,removal,R,A-1,A-9,,,,", "quantity", "the tonnes of the serial block"),
    ("c1,10,t,2023,,removal,R,A-1,B-10,,,,", "serial_end", "the same prefix as serial_start"),
    ("c1,10,t,2023,,removal,R,A-10,A-1,,,,", "serial_end", "a serial_end at or after serial_start"),
    ("c1,10,t,2023,,removal,R,A-1,,,,,", "serial_end", "both serial_start and serial_end"),
    ("c1,10,t,2023,,removal,R,A-x,A-y,,,,", "serial_start", "a serial ending in its running number"),
    ("c1,10,t,2023,,removal,,,,,Germany,,", "country", "ISO 3166-1 alpha-2 code"),
    ("c1,10,t,2023,,removal,,,,,,maybe,", "corresponding_adjustment", "yes or no"),
    ("c1,10,t,2023,,sequestration,,,,,,,", "type", "'avoidance' or 'removal'"),
])
def test_each_bad_register_value_is_an_error_naming_row_and_column(make_inventory, row, column, expected):
    text = _problems(make_inventory, REGISTER + row + "\n")
    assert f"credits.csv, row 2, record 'c1': {column}" in text and expected in text


def test_type_and_removal_or_avoidance_must_agree(make_inventory):
    text = _problems(make_inventory, "credit_id,year,quantity,unit,type,removal_or_avoidance\nc1,2023,5,t,removal,avoidance\n")
    assert "row 2, record 'c1': removal_or_avoidance = 'avoidance': expected the same kind as column type" in text


def test_a_credit_retired_for_another_entity_is_an_error(make_inventory):
    text = _problems(make_inventory, REGISTER + "c1,10,t,2023,,removal,,,,Other Corp,,,\n")
    assert "row 2, record 'c1': retired_for = 'Other Corp': expected a credit retired for this organisation, " \
           "'Test Co'" in text


def test_retired_for_the_organisation_or_one_of_its_entities_counts(make_inventory):
    entities = "entity,operational_control\nTest Co Europe GmbH,yes\n"
    root = _inventory(make_inventory, REGISTER + "c1,10,t,2023,,removal,,,,test  co,,,\n"
                      "c2,5,t,2023,,removal,,,,Test Co Europe GmbH,,,\n", entities)
    inventory = load_inventory(root)
    assert inventory.issues == [] and inventory.credits["tco2e"].sum() == 15


def test_credit_counts_in_its_retirement_year_and_the_e1_7_figures(make_inventory):
    # 2023: c1 removal 300 t (DE, adjusted), c2 avoidance 700 t (BR, not adjusted),
    #       c3 avoidance 500 t retired 2023-05-02 (vintage 2019; FR, adjustment not stated)
    # 2024: c4 removal 200 t retired on 2024-01-10 though its vintage is 2023
    root = _inventory(make_inventory, REGISTER
                      + "c1,300,t,2023,,removal,Puro,P-1,P-300,Test Co,DE,yes,2022\n"
                      + "c2,700,tCO2e,2023,,avoidance,Verra,V-1001,V-1700,,BR,no,2021\n"
                      + "c3,500000,kg,,2023-05-02,avoidance,Verra,V-2001,V-2500,,FR,,2019\n"
                      + "c4,200,t,,2024-01-10,removal,Puro,P-301,P-500,,SE,no,2023\n")
    inventory = load_inventory(root)
    assert inventory.issues == []
    assert dict(zip(inventory.credits["credit_id"], inventory.credits["year"])) == {"c1": 2023, "c2": 2023, "c3": 2023,
                                                                                    "c4": 2024}
    report = build_report(inventory, calculate(inventory))
    e17 = {r["year"]: r["credits_e1_7"] for r in report["neutrality_overview"]["years"]}
    # 2023: 300 + 700 + 500 = 1500 t; removals 300/1500 = 0.2; avoidance 1200/1500 = 0.8;
    # with a corresponding adjustment 300/1500 = 0.2 (500 t unstated); EU (DE, FR) 800/1500
    assert e17[2023]["cancelled_tco2e"] == pytest.approx(1500)
    assert e17[2023]["share_removals"] == pytest.approx(0.2) and e17[2023]["share_avoidance"] == pytest.approx(0.8)
    assert e17[2023]["share_corresponding_adjustment"] == pytest.approx(0.2)
    assert e17[2023]["corresponding_adjustment_unstated_tco2e"] == pytest.approx(500)
    assert e17[2023]["share_eu_projects"] == pytest.approx(800 / 1500)
    # 2024: 200 t, all removals, none adjusted, all from the EU (SE)
    assert (e17[2024]["cancelled_tco2e"], e17[2024]["share_removals"], e17[2024]["share_corresponding_adjustment"],
            e17[2024]["share_eu_projects"]) == pytest.approx((200, 1.0, 0.0, 1.0))
    n = {r["year"]: r for r in report["neutrality"]}
    # 2023: gross 1000, credits 1500 -> net -500; removal share of credits 0.2
    assert (n[2023]["net_tco2e"], n[2023]["credits_removal_share"], n[2023]["credits_avoidance_share"]) == \
        pytest.approx((-500, 0.2, 0.8))
    assert n[2024]["net_tco2e"] == pytest.approx(600)  # 800 - 200
    assert report["years"]["2023"]["credits_tco2e"] == pytest.approx(1500)


def test_e1_7_share_is_unknown_when_no_credit_states_it(make_inventory):
    root = _inventory(make_inventory, "credit_id,year,quantity,unit,type\nc1,2023,10,t,avoidance\n")
    inventory = load_inventory(root)
    e17 = {r["year"]: r["credits_e1_7"] for r in build_report(inventory, calculate(inventory))["neutrality_overview"]["years"]}
    assert e17[2023]["share_corresponding_adjustment"] is None and e17[2023]["share_eu_projects"] is None
    assert e17[2023]["share_avoidance"] == 1.0 and e17[2024]["cancelled_tco2e"] == 0


def test_e1_7_table_in_report_md(make_inventory, run_cli):
    # 2023: c1 removal 300 t (DE, adjusted) + c2 avoidance 700 t (BR, not adjusted): 30% / 70% / 30% / 30%
    root = _inventory(make_inventory, REGISTER + "c1,300,t,2023,,removal,Puro,P-1,P-300,,DE,yes,\n"
                      "c2,700,t,2023,,avoidance,,,,,BR,no,\n")
    assert run_cli("report", root, "-o", root.parent / "out", "--draws", "0")[0] == 0
    md = (root.parent / "out" / "report.md").read_text(encoding="utf-8")
    assert "| 2023 | 1,000.00 | 30.00% | 70.00% | 30.00% | 30.00% |" in md
    assert "Carbon credits cancelled (ESRS E1-7)" in (root.parent / "out" / "report.html").read_text(encoding="utf-8")
