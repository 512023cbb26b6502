"""The verdict at the top of report.md and report.html, custom category names and order, one figure per
year for a target in every view, and the tables report.html must hold. Direct CO2e records (GWP 1 by
definition), so every figure is worked out by hand in the test."""

from __future__ import annotations

import re

import pytest

from carbon import build_report, calculate, load_inventory
from carbon.report.html import render_html
from carbon.report.markdown import render_markdown

HEADER = "record_id,year,scope,category,gas,quantity,unit\n"
ROWS = ("b1,2020,1,process,CO2e,1000,t\n"
        "b3,2020,3,6,CO2e,500,t\n"
        "l1,2024,1,process,CO2e,900,t\n"
        "l3,2024,3,6,CO2e,400,t\n"
        "c1,2024,3,1.cloud,CO2e,60,t\n"     # a custom sub-category of 3.1, only in 2024: outside the target boundary
        "p1,2024,3,1,CO2e,40,t\n")
TARGETS = """
neutrality_goal_year = 2030

[[categories]]
scope = 3
code = "1.cloud"
name = "Cloud services"
parent = "1"

[[targets]]
id = "s1-30"
scopes = [1]
reduction = 0.30
target_year = 2030

[[targets]]
id = "s1-5"
scopes = [1]
reduction = "5%"
target_year = 2030

[[targets]]
id = "all-neutral"
kind = "neutrality"
scopes = [1, 3]
target_year = 2030
"""


@pytest.fixture
def report(make_inventory):
    root = make_inventory({"activities/a.csv": HEADER + ROWS}, factors="[]", toml_extra=TARGETS)
    inventory = load_inventory(root)
    return build_report(inventory, calculate(inventory))


def test_verdict_figures_by_hand(report):
    v = {t["id"]: t for t in report["verdict"]["targets"]}
    # s1-30: 1 - 900/1000 = 10% against 30% by 2030; the linear path asks 30% x 4/10 = 12% in 2024: off track.
    # To reach 1000 x 0.7 = 700 t by 2030 from 900 t in 2024: (900 - 700) / 6 = 33.333 t a year, 3.70% of 900 t.
    assert v["s1-30"]["status"] == "off_track" and v["s1-30"]["reduction"] == pytest.approx(0.10)
    assert v["s1-30"]["annual_cut_needed"] == pytest.approx(200 / 6, rel=1e-12)
    assert v["s1-30"]["annual_cut_needed_share"] == pytest.approx(200 / 6 / 900, rel=1e-12)
    assert "needs a cut of 33.3 tCO2e a year (3.7% of 2024) from 2024 to 2030" in v["s1-30"]["text"]
    # s1-5, written "5%": read as 0.05; 10% >= 5%: achieved, no cut needed
    assert v["s1-5"]["status"] == "achieved" and v["s1-5"]["annual_cut_needed"] is None
    # all-neutral (Scopes 1+3; 3.1.cloud and 3.1 have no base-year data, so they are outside its boundary):
    # net 2024 = 900 + 400 = 1,300 t; base 1,500 t; path to zero at 2024: 1 - 4/10 = 60% left = 900 t: off track;
    # cut needed (1300 - 0) / 6 = 216.667 t a year
    assert v["all-neutral"]["status"] == "off_track"
    assert v["all-neutral"]["annual_cut_needed"] == pytest.approx(1300 / 6, rel=1e-12)
    assert report["verdict"]["counts"] == {"achieved": 1, "on_track": 0, "off_track": 2, "other": 0}
    # corporate neutrality (all scopes, 1+3 here): net 900 + 400 + 60 + 40 = 1,400 t in 2024, 6 years to 2030
    n = report["verdict"]["neutrality"]
    assert n["annual_cut_needed"] == pytest.approx(1400 / 6, rel=1e-12) and not n["neutral"]


def test_one_target_one_figure_per_year(report):
    target = next(t for t in report["targets"] if t["id"] == "all-neutral")
    assert target["excluded_categories"] == ["3.1", "3.1.cloud"]
    assert target["latest_gross_tco2e"] == pytest.approx(1300)
    rows = {r["year"]: r for r in report["neutrality"] if r["id"] == "all-neutral"}
    # the neutrality view keeps the target boundary: 1,300 t in 2024 (not 1,400 t with the new categories)
    assert rows[2024]["gross_tco2e"] == pytest.approx(1300) and rows[2020]["gross_tco2e"] == pytest.approx(1500)
    assert rows[2024]["net_tco2e"] == target["latest_tco2e"]
    # trajectory from the base 1,500 t to zero in 2030: 1500 x (1 - 4/10) = 900 t in 2024
    assert rows[2024]["trajectory_tco2e"] == pytest.approx(900)


def test_markdown_verdict_comes_first_with_every_target(report):
    md = render_markdown(report)
    verdict = md.index("## Are we on track?")
    assert verdict < md.index("## Emissions by year and scope")
    block = md[verdict:md.index("## Emissions by year and scope")].replace("\\", "")  # Markdown escapes off
    assert "Targets: 1 achieved, 0 on track, 2 off track (of 3)." in block
    for tid, word in (("s1-30", "off track"), ("s1-5", "achieved"), ("all-neutral", "off track")):
        assert f"**{tid}: {word}**" in block
    assert "\U0001F534 **s1-30: off track**" in block and "\U0001F7E2 **s1-5: achieved**" in block
    assert "Corporate neutrality (Scopes 1+2+3) by 2030: net 1,400.0 tCO2e in 2024, 6 years left: cut 233.3 tCO2e" \
           in block


def test_custom_category_named_and_under_its_parent(report):
    md = render_markdown(report)
    table = md[md.index("## Emissions by category"):]
    keys = re.findall(r"^\| (3\.[\w.]+) \|", table, re.M)
    assert keys == ["3.1", "3.1.cloud", "3.6"]  # the sub-category right under its parent, not after 3.15
    assert "| 3.1.cloud | Cloud services |" in table
    page = render_html(report)
    assert "<td>3.1.cloud</td><td>Cloud services</td>" in page
    assert page.index("<td>3.1.cloud</td>") < page.index("<td>3.6</td>")
    # relevant categories without records (3.2 ... 3.15) keep their place too: none after 3.15
    shown = re.findall(r"<td>(3\.[\w.]+)</td>", page[page.index("Scope 3 by category, tCO2e"):])
    assert shown[:4] == ["3.1", "3.1.cloud", "3.2", "3.3"] and shown[-1] == "3.15" and len(shown) == 16
    assert report["category_names"]["3.1.cloud"] == "Cloud services"
    assert list(report["category_names"]).index("3.1.cloud") == list(report["category_names"]).index("3.1") + 1


def test_html_header_cards_count_and_name_targets(report):
    page = render_html(report)
    cards = page[page.index('<div class="cards">'):]
    cards = cards[:cards.index("</div></div></div>") + 18]
    assert 'Targets off track</div><div class="value">2 of 3</div><div class="sub">s1-30, all-neutral' in cards
    assert 'Targets achieved</div><div class="value">1 of 3</div><div class="sub">s1-5' in cards
    assert 'Targets on track</div><div class="value">0 of 3</div><div class="sub">none' in cards


def test_attribution_share_has_the_sign_of_the_effect(make_inventory):
    # 2020: a 100 t, b 400 t; 2021: a 150 t. Change -350 t = activity +50 t (a) + structural -400 t (b gone).
    rows = "a,2020,1,process,CO2e,100,t\nb,2020,1,fugitive,CO2e,400,t\na2,2021,1,process,CO2e,150,t\n"
    root = make_inventory({"activities/a.csv": HEADER + rows}, factors="[]")
    inventory = load_inventory(root)
    rep = build_report(inventory, calculate(inventory))
    shares = rep["attribution"]["shares"]
    assert shares["activity"] == pytest.approx(50 / 350) and shares["structural"] == pytest.approx(-400 / 350)
    page = render_html(rep)
    assert '<td>activity</td><td class="num">50.0</td><td class="num">+14.3%</td>' in page
    assert '<td>structural</td><td class="num">-400.0</td><td class="num">-114.3%</td>' in page


def test_intensity_target_cut_in_intensity_units(make_inventory):
    # 2020: 1,000 t on revenue 10 = 100 t per unit; 2024: 900 t on revenue 12 = 75 t per unit: 25% down.
    # Target 50% by 2026; the path asks 50% x 4/6 = 33.3% by 2024: off track. Level to reach 100 x 0.5 = 50;
    # cut (75 - 50) / (2026 - 2024) = 12.5 tCO2e per revenue a year, 12.5 / 75 = 16.7% of 2024's intensity.
    rows = "b,2020,1,process,CO2e,1000,t\nl,2024,1,process,CO2e,900,t\n"
    extra = ('[[targets]]\nid = "int-50"\nkind = "intensity"\nmetric = "revenue"\nscopes = [1]\nreduction = 0.5\n'
             'target_year = 2026\n')
    root = make_inventory({"activities/a.csv": HEADER + rows, "metrics.csv": "metric,year,value\nrevenue,2020,10\n"
                                                                              "revenue,2024,12\n"},
                          factors="[]", toml_extra=extra)
    inventory = load_inventory(root)
    line = build_report(inventory, calculate(inventory))["verdict"]["targets"][0]
    assert line["status"] == "off_track" and line["reduction"] == pytest.approx(0.25)
    assert line["annual_cut_needed"] == pytest.approx(12.5) and line["unit"] == "tCO2e per revenue"
    assert line["annual_cut_needed_share"] == pytest.approx(12.5 / 75)
    assert "needs a cut of 12.5000 tCO2e per revenue a year (16.7% of 2024) from 2024 to 2026" in line["text"]


def test_example_verdict_says_what_the_plan_leaves():
    from pathlib import Path

    inventory = load_inventory(Path(__file__).resolve().parent.parent / "inventories" / "example")
    rep = build_report(inventory, calculate(inventory))
    lines = {t["id"]: t for t in rep["verdict"]["targets"]}
    planned = {p["id"]: p for p in rep["plan"]["targets"]}
    off = lines["neutral-2030"]
    assert off["status"] == "off_track" and off["met_by_plan"] is False
    assert f"the plan to 2030 leaves {planned['neutral-2030']['gap_tco2e']:,.1f} tCO2e to close in 2030" in off["text"]
    assert lines["ops-30"]["met_by_plan"] is True and "the plan" not in lines["ops-30"]["text"]  # achieved already
    assert lines["ops-neutral"]["met_by_plan"] is None  # the plan does not judge a target year before it starts
