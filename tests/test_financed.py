"""Scope 3 category 15, financed emissions (PCAF Part A, 2nd edition 2022): carbon/financed.py.

Expected values are worked by hand from the standard's formulas and from published factor values typed
here with their source (not read from the engine's own tables).
"""

from __future__ import annotations

import dataclasses
import math
import random
from pathlib import Path

import pandas as pd
import pytest

from carbon import calculate, load_inventory, summarise
from carbon.errors import ConfigError
from carbon.financed import (ASSET_CLASSES, INVESTMENT_COLUMNS, POSITION_COLUMNS, financed_summary,
                             load_investments, record_id_clashes)
from carbon.inventory import OPTIONAL_COLUMNS, RECORD_COLUMNS

EXAMPLE = Path(__file__).resolve().parent.parent / "inventories" / "example"
HEADER = ",".join(INVESTMENT_COLUMNS)
LB = 0.45359237  # kg per pound (exact, by definition)
GWP_AR5 = {"CH4": 28.0, "N2O": 265.0}  # IPCC AR5 WG1 Ch.8 Table 8.A.1

# US EPA Supply Chain GHG Emission Factors v1.3, SupplyChainGHGEmissionFactors_v1.3.0_NAICS_CO2e_USD2022.csv,
# row 298 (NAICS 331110 Iron and Steel Mills and Ferroalloy Manufacturing), with margins: kg CO2e per 2022 USD
STEEL_KG_PER_USD = 0.787
# factors/currency: US Fed G.5A annual CNY per USD 2021 6.4508; BEA NIPA Table 1.1.9 line 1 GDP deflator
CNY_PER_USD_2021 = 6.4508
DEFLATOR_2021, DEFLATOR_2022 = 110.186, 118.023


def row(position_id: str, year: int = 2022, asset_class: str = "business_loans", **values) -> str:
    """One investments.csv line; unnamed columns blank, currency USD, source given."""
    cells = {"position_id": position_id, "year": str(year), "asset_class": asset_class, "currency": "USD",
             "source": "test"}
    cells.update({k: str(v) for k, v in values.items()})
    unknown = set(cells) - set(INVESTMENT_COLUMNS) - {"activity"}
    assert not unknown, unknown
    columns = INVESTMENT_COLUMNS + (["activity"] if "activity" in cells else [])
    return ",".join(cells.get(c, "") for c in columns)


@pytest.fixture
def book(make_inventory):
    """``book(*rows)`` -> (records, positions, issues) of an inventory holding those investments."""

    def load(*rows: str, factors: str = '["epa-2025", "useeio-v1.3"]', **kwargs):
        with_activity = any(r.count(",") == HEADER.count(",") + 1 for r in rows)
        header = HEADER + (",activity" if with_activity else "")
        lines = [r if r.count(",") == header.count(",") else r + "," for r in rows]
        root = make_inventory({"activities/a.csv": "record_id,year,scope,category,activity,quantity,unit\n"
                                                   "ng,2022,1,stationary_combustion,natural_gas,10,MMBtu\n",
                               # not investments.csv, which load_inventory would read itself: the book is
                               # loaded below, on its own
                               "book.csv": "\n".join([header, *lines]) + "\n"}, factors=factors)
        inv = load_inventory(root)
        assert inv.issues == []
        return load_investments(root, "book.csv", inv.money, inv.factors, inv.gwp, **kwargs)

    return load


def one(positions: pd.DataFrame, position_id: str) -> pd.Series:
    match = positions[positions["position_id"] == position_id]
    assert len(match) == 1, position_id
    return match.iloc[0]


# ------------------------------------------------------------------------- hand-worked cases
def test_business_loan_to_a_private_company(book):
    # 10 M loan, 40 M equity + 60 M debt, 5,000 t Scope 1+2: 10 / 100 x 5,000 = 500 t (PCAF 5.2)
    records, positions, issues = book(row("L1", outstanding=10_000_000, total_equity_plus_debt=100_000_000,
                                          investee_scope1=4_000, investee_scope2=1_000, emissions_unit="t"))
    assert issues == []
    p = one(positions, "L1")
    assert p["attribution_factor"] == pytest.approx(0.1, rel=1e-15)
    assert p["financed_s12_tco2e"] == pytest.approx(500.0, rel=1e-15)
    assert p["pcaf_score"] == 2 and p["pcaf_option"] == "1b" and p["basis"] == "reported"
    assert list(records["record_id"]) == ["L1/s12"]
    assert records.iloc[0]["quantity"] == pytest.approx(500.0, rel=1e-15)


def test_listed_equity_position(book):
    # 2 M in a company with 1 bn EVIC and 200,000 t: 2 / 1,000 x 200,000 = 400 t (PCAF 5.1)
    _, positions, issues = book(row("E1", asset_class="listed_equity", outstanding=2_000_000, evic=1_000_000_000,
                                    investee_scope1=150_000, investee_scope2=50_000, emissions_unit="tCO2e",
                                    data_quality="verified"))
    assert issues == []
    p = one(positions, "E1")
    assert p["attribution_factor"] == pytest.approx(0.002, rel=1e-15)
    assert p["financed_s12_tco2e"] == pytest.approx(400.0, rel=1e-15)
    assert p["pcaf_score"] == 1 and p["pcaf_option"] == "1a"


def test_emissions_unit_is_converted(book):
    _, positions, issues = book(row("K", asset_class="listed_equity", outstanding=1, evic=4,
                                    investee_scope1=2_000, investee_scope2=0, emissions_unit="kg"))
    assert issues == []
    assert one(positions, "K")["financed_s12_tco2e"] == pytest.approx(0.5, rel=1e-15)  # 2 t x 1/4


def test_revenue_based_estimate_scores_4(book):
    # a bond of a steel maker without reported emissions: 5 M / 250 M EVIC = 0.02; revenue 2022 USD 50 M x
    # 0.787 kg/USD (USEEIO v1.3, NAICS 331110) = 39,350 t; financed 787 t; PCAF option 3a, score 4
    records, positions, issues = book(row("B1", asset_class="corporate_bonds", sector="naics_331110",
                                          outstanding=5_000_000, evic=250_000_000, revenue=50_000_000))
    assert issues == []
    p = one(positions, "B1")
    assert p["investee_s12_tco2e"] == pytest.approx(50e6 * STEEL_KG_PER_USD / 1000, rel=1e-12)
    assert p["financed_s12_tco2e"] == pytest.approx(787.0, rel=1e-12)
    assert p["pcaf_score"] == 4 and p["pcaf_option"] == "3a" and p["basis"] == "revenue"
    record = records.iloc[0]
    assert record["method"] == "revenue-based" and record["data_quality"] == "PCAF score 4 (option 3a)"
    assert "naics_331110" in record["notes"] and "supply_chain_naics_co2e.csv row 299" in record["notes"]


def test_revenue_in_another_currency_and_year(book):
    # 2021 revenue of CNY 80 M: / 6.4508 CNY per USD (2021), x 118.023 / 110.186 (US GDP deflator, 2021 USD
    # to the factor's 2022 USD), x 0.787 kg/USD. Outstanding and EVIC are both CNY: the ratio needs no rate.
    _, positions, issues = book(row("B2", 2021, "corporate_bonds", sector="naics_331110", currency="CNY",
                                    region="CN", outstanding=3_000_000, evic=600_000_000, revenue=80_000_000))
    assert issues == []
    p = one(positions, "B2")
    investee = 80e6 / CNY_PER_USD_2021 * DEFLATOR_2022 / DEFLATOR_2021 * STEEL_KG_PER_USD / 1000
    assert p["investee_s12_tco2e"] == pytest.approx(investee, rel=1e-12)
    assert p["financed_s12_tco2e"] == pytest.approx(investee * 3 / 600, rel=1e-12)
    assert p["outstanding"] == pytest.approx(3e6 / CNY_PER_USD_2021, rel=1e-12)  # reported in USD


def test_physical_activity_estimate_scores_3_and_2a_when_said(book):
    # production data x factor: option 2b, score 3; energy consumption: option 2a, score 2 (Table 5-7)
    gas = 53.06 + 1 / 1000 * GWP_AR5["CH4"] + 0.1 / 1000 * GWP_AR5["N2O"]  # EPA Hub 2025 Table 1, kg CO2e/MMBtu
    _, positions, issues = book(
        row("P1", outstanding=1_000_000, total_equity_plus_debt=4_000_000, physical_activity=2_000,
            activity_unit="MMBtu", activity="natural_gas", sector="naics_311611"),
        row("P2", outstanding=1_000_000, total_equity_plus_debt=4_000_000, physical_activity=2_000,
            activity_unit="MMBtu", activity="natural_gas", sector="naics_311611", data_quality="2a"))
    assert issues == []
    for pid, score in (("P1", 3), ("P2", 2)):
        p = one(positions, pid)
        assert p["financed_s12_tco2e"] == pytest.approx(0.25 * 2_000 * gas / 1000, rel=1e-12)
        assert p["pcaf_score"] == score and p["basis"] == "physical"


def test_attribution_is_capped_at_1(book):
    _, positions, issues = book(row("C1", outstanding=12_000_000, total_equity_plus_debt=10_000_000,
                                    investee_scope1=700, investee_scope2=300, emissions_unit="t"))
    assert issues == []
    p = one(positions, "C1")
    assert p["attribution_factor"] == 1.0
    assert p["financed_s12_tco2e"] == pytest.approx(1_000.0, rel=1e-15)
    assert "capped at 1" in p["notes"]


def test_mortgage_from_metered_electricity(book):
    # 300 k outstanding / 500 k property value at origination = 0.6 (PCAF 5.5); 8 MWh x eGRID2023 CAMX
    # (EPA Hub 2025 Table 6: 436.655 lb CO2, 0.025 lb CH4, 0.003 lb N2O per MWh); metered energy x an average
    # factor is option 1b, score 2 (Table 5-15)
    camx = (436.655 + 0.025 * GWP_AR5["CH4"] + 0.003 * GWP_AR5["N2O"]) * LB / 1000  # t CO2e / MWh
    _, positions, issues = book(row("M1", 2023, "mortgages", sector="residential", region="US-CAMX",
                                    outstanding=300_000, property_value=500_000, physical_activity=8,
                                    activity_unit="MWh", activity="electricity"))
    assert issues == []
    p = one(positions, "M1")
    assert p["attribution_factor"] == pytest.approx(0.6, rel=1e-15)
    assert p["financed_s12_tco2e"] == pytest.approx(0.6 * 8 * camx, rel=1e-12)
    assert p["pcaf_score"] == 2 and p["pcaf_option"] == "1b"


def test_mortgage_with_reported_building_emissions(book):
    _, positions, issues = book(row("M2", asset_class="mortgages", outstanding=240_000, property_value=400_000,
                                    investee_scope1=2.5, investee_scope2=1.5, emissions_unit="t"))
    assert issues == []
    assert one(positions, "M2")["financed_s12_tco2e"] == pytest.approx(0.6 * 4.0, rel=1e-15)


def test_motor_vehicle_loans(book):
    # 15 k / 30 k vehicle value at origination = 0.5 (PCAF 5.6) x 500 gal x 8.78 kg CO2/gal (EPA Hub 2025
    # Table 2, motor gasoline) = 2.195 t; actual fuel consumption: option 1a, score 1 (Table 5-16).
    # Vehicle value unknown: 100% attribution; distance x an average car factor: option 3a, score 4.
    car = (0.297 + 0.0059 / 1000 * GWP_AR5["CH4"] + 0.0053 / 1000 * GWP_AR5["N2O"]) / 1000  # EPA Hub 2025 Table 10
    _, positions, issues = book(
        row("V1", asset_class="motor_vehicle_loans", outstanding=15_000, vehicle_value=30_000, physical_activity=500,
            activity_unit="gallon", activity="mobile_motor_gasoline"),
        row("V2", asset_class="motor_vehicle_loans", outstanding=9_000, physical_activity=10_000,
            activity_unit="vehicle*mile", activity="car"))
    assert issues == []
    v1, v2 = one(positions, "V1"), one(positions, "V2")
    assert v1["financed_s12_tco2e"] == pytest.approx(0.5 * 500 * 8.78 / 1000, rel=1e-12)
    assert (v1["pcaf_score"], v1["pcaf_option"]) == (1, "1a")
    assert v2["attribution_factor"] == 1.0 and "100% attributed (PCAF 5.6)" in v2["notes"]
    assert v2["financed_s12_tco2e"] == pytest.approx(10_000 * car, rel=1e-12)
    assert (v2["pcaf_score"], v2["pcaf_option"]) == (4, "3a")


def test_pcaf_table_5_9_portfolio_keeps_scope_3_apart(book):
    # PCAF Part A Tables 5-8 and 5-9: forestry (1,000 / 100 / 5,000 t, 10%), industrial (20,000 / 5,000 /
    # 30,000 t, 25%), energy (5,000 / 0 / 10,000 t, 20%): Scope 1 6,100 + Scope 2 1,260; Scope 3 10,000
    rows = [row(pid, outstanding=share * 1_000_000, total_equity_plus_debt=1_000_000, investee_scope1=s1,
                investee_scope2=s2, investee_scope3=s3, emissions_unit="t", data_quality="1b")
            for pid, s1, s2, s3, share in (("forestry", 1_000, 100, 5_000, 0.10),
                                           ("industrial", 20_000, 5_000, 30_000, 0.25),
                                           ("energy", 5_000, 0, 10_000, 0.20))]
    records, positions, issues = book(*rows)
    assert issues == []
    summary = financed_summary(positions)[2022]
    assert summary["scope12"] == pytest.approx(6_100 + 1_260, rel=1e-12)
    assert summary["scope3"] == pytest.approx(10_000, rel=1e-12)
    assert summary["total"] == pytest.approx(17_360, rel=1e-12)
    assert sorted(records["record_id"]) == ["energy/s12", "energy/s3", "forestry/s12", "forestry/s3",
                                            "industrial/s12", "industrial/s3"]
    assert math.fsum(records["quantity"]) == pytest.approx(summary["total"], rel=1e-12)


# ----------------------------------------------------------------------------- data quality
def test_weighted_score_is_the_outstanding_weighted_mean(book):
    # scores 1 (verified), 2 (unverified) and 4 (revenue) on 1 M, 3 M and 6 M: (1 + 6 + 24) / 10 = 3.1
    _, positions, issues = book(
        row("A", asset_class="listed_equity", outstanding=1_000_000, evic=1e9, investee_scope1=1, investee_scope2=1,
            emissions_unit="t", data_quality="1"),
        row("B", asset_class="listed_equity", outstanding=3_000_000, evic=1e9, investee_scope1=1, investee_scope2=1,
            emissions_unit="t"),
        row("C", asset_class="listed_equity", outstanding=6_000_000, evic=1e9, sector="naics_331110", revenue=1e6),
        row("D", outstanding=10_000_000, total_equity_plus_debt=1e9))  # no data: not covered, not scored
    assert issues == []
    summary = financed_summary(positions)[2022]
    assert summary["data_quality_score"] == pytest.approx(3.1, rel=1e-12)
    assert summary["coverage"] == pytest.approx(0.5, rel=1e-12)
    assert summary["positions"] == 4 and summary["covered_positions"] == 3
    d = one(positions, "D")
    assert not d["covered"] and math.isnan(d["pcaf_score"]) and d["basis"] == "not covered"
    assert summary["by_asset_class"]["listed_equity"]["data_quality_score"] == pytest.approx(3.1, rel=1e-12)
    assert summary["by_asset_class"]["business_loans"]["coverage"] == 0.0


def test_weighted_score_of_pcaf_box_8():
    # PCAF Part A chapter 6, Box 8 (business loans): 3.03. (The standard's denominator prints 108,977 for
    # the 108,997 of its table; with either the result rounds to 3.03.)
    loans = [(522_425, 3), (187_449, 5), (82_778, 1), (108_997, 1), (67_556, 2), (54_762, 5)]
    positions = pd.DataFrame([{**dict.fromkeys(POSITION_COLUMNS, ""), "position_id": f"c{i}", "year": 2020,
                               "asset_class": "business_loans", "sector": "oil_gas" if i < 2 else "cattle",
                               "outstanding": float(o), "report_currency": "USD", "financed_s12_tco2e": 1.0,
                               "financed_s3_tco2e": float("nan"), "pcaf_score": float(s),
                               "pcaf_score_s3": float("nan"), "covered": True}
                              for i, (o, s) in enumerate(loans)])
    summary = financed_summary(positions)[2020]
    assert round(summary["data_quality_score"], 2) == 3.03
    assert round(summary["by_sector"]["oil_gas"]["data_quality_score"], 2) == 3.53
    assert summary["data_quality_score_s3"] is None


def test_summary_does_not_depend_on_row_order(book):
    rows = [row(f"R{i}", outstanding=1_000 * (i + 1), total_equity_plus_debt=10_000 + 7 * i, investee_scope1=i * 1.1,
                investee_scope2=0.3, investee_scope3=i / 3, emissions_unit="t") for i in range(20)]
    _, positions, _ = book(*rows)
    shuffled = positions.sample(frac=1, random_state=random.Random(3).randrange(10**6))
    assert financed_summary(shuffled) == financed_summary(positions)


# ----------------------------------------------------------------------------------- bad input
def test_bad_inputs_are_all_reported_at_once(book):
    records, positions, issues = book(
        row("ok", outstanding=1, total_equity_plus_debt=2, investee_scope1=1, investee_scope2=1, emissions_unit="t"),
        row("u", asset_class="hedge_fund", outstanding=1),
        row("s", asset_class="sovereign_debt", outstanding=1),
        row("e", asset_class="listed_equity", outstanding=1, investee_scope1=1, investee_scope2=1, emissions_unit="t"),
        row("n", outstanding=-5, total_equity_plus_debt=2, investee_scope1=1, investee_scope2=1, emissions_unit="t"),
        row("m", outstanding=1, total_equity_plus_debt=2, investee_scope1=1, investee_scope2=1, emissions_unit="MWh"),
        row("h", outstanding=1, total_equity_plus_debt=2, investee_scope1=1, emissions_unit="t"),
        row("q", outstanding=1, total_equity_plus_debt=2, investee_scope1=1, investee_scope2=1, emissions_unit="t",
            data_quality="4"),
        row("r", asset_class="mortgages", outstanding=1, property_value=2, revenue=100, sector="naics_331110"),
        row("x", outstanding=1, total_equity_plus_debt=2, sector="naics_999999", revenue=100),
        row("ok", outstanding=1, total_equity_plus_debt=2),
        row("c", outstanding=1, total_equity_plus_debt=2, currency="XYZ"),
        row("z", outstanding=1, evic=0, asset_class="listed_equity"))
    found = {(i.record_id, i.column): i for i in issues}
    expected = {
        ("u", "asset_class"): "a PCAF asset class: listed_equity, corporate_bonds, business_loans",
        ("s", "asset_class"): "PCAF 5.7",
        ("e", "evic"): "evic for listed_equity (PCAF 5.1: attribution factor = outstanding / EVIC)",
        ("n", "outstanding"): "the outstanding amount: zero or more",
        ("m", "emissions_unit"): "a mass of CO2e such as t, tCO2e or kg",
        ("h", "investee_scope2"): "investee Scope 1 and Scope 2 together",
        ("q", "data_quality"): "1a (score 1), 1b (score 2)",
        ("r", "revenue"): "PCAF 5.4 to 5.6",
        ("x", "sector"): "a factor for activity 'naics_999999'",
        ("ok", "position_id"): "a unique position_id",
        ("c", "currency"): "a currency code the engine knows",
        ("z", "evic"): "more than zero",
    }
    for key, text in expected.items():
        assert key in found, (key, sorted(found))
        assert text in found[key].expected, (key, found[key].expected)
    assert found[("n", "outstanding")].value == "-5" and found[("n", "outstanding")].row == 6
    assert found[("m", "emissions_unit")].value == "MWh"
    assert found[("u", "asset_class")].file == "book.csv"
    assert len(issues) == len(expected)
    # every bad position is left out; the good one is in both frames
    assert list(positions["position_id"]) == ["ok"] and list(records["record_id"]) == ["ok/s12"]


def test_blank_year_and_years_outside_the_inventory(book):
    _, _, issues = book(row("a", year="", outstanding=1, total_equity_plus_debt=2),
                        row("b", year=2019, outstanding=1, total_equity_plus_debt=2), years=(2020, 2024))
    assert [(i.record_id, i.column) for i in issues] == [("a", "year"), ("b", "year")]
    assert "2020 to 2024" in issues[1].expected


def test_a_missing_rate_is_an_issue_not_a_guess(book):
    # the shipped table has no CNY rate for 2024 (factors/currency/exchange_rates.csv)
    _, positions, issues = book(row("cn", 2024, currency="CNY", outstanding=1, total_equity_plus_debt=2))
    assert len(issues) == 1 and issues[0].column == "currency" and "CNY in 2024" in issues[0].expected
    assert positions.empty


# ---------------------------------------------------------------------------------- the file
def test_no_file_gives_empty_frames_and_a_named_missing_file_is_an_issue(make_inventory):
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,activity,quantity,unit\n"
                                               "ng,2022,1,stationary_combustion,natural_gas,10,MMBtu\n"})
    inv = load_inventory(root)
    records, positions, issues = load_investments(root, None, inv.money, inv.factors, inv.gwp)
    assert records.empty and positions.empty and issues == []
    assert list(records.columns) == RECORD_COLUMNS + OPTIONAL_COLUMNS + ["_file", "_row"]
    assert set(records.columns) == set(inv.records.columns)
    assert list(positions.columns) == POSITION_COLUMNS
    records, positions, issues = load_investments(root, "book.csv", inv.money, inv.factors, inv.gwp)
    assert records.empty and positions.empty
    assert [(i.file, i.expected) for i in issues] == [("book.csv", "the investments file named in inventory.toml "
                                                                   "(not found)")]
    with pytest.raises(ConfigError, match="outside the inventory folder"):
        load_investments(root, "../elsewhere.csv", inv.money, inv.factors, inv.gwp)


def test_a_named_workbook_is_read_like_a_csv(make_inventory):
    openpyxl = pytest.importorskip("openpyxl")
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,activity,quantity,unit\n"
                                               "ng,2022,1,stationary_combustion,natural_gas,10,MMBtu\n"})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Book"
    sheet.append(["position_id", "year", "asset_class", "outstanding", "currency", "total_equity_plus_debt",
                  "investee_scope1", "investee_scope2", "emissions_unit"])
    sheet.append(["L1", 2022, "business_loans", 10_000_000, "USD", 100_000_000, 4_000, 1_000, "t"])
    book.save(root / "book.xlsx")
    inv = load_inventory(root)
    records, positions, issues = load_investments(root, "book.xlsx#Book", inv.money, inv.factors, inv.gwp)
    assert issues == []
    assert one(positions, "L1")["financed_s12_tco2e"] == pytest.approx(500.0, rel=1e-15)
    assert records.iloc[0]["_file"].startswith("book.xlsx") and records.iloc[0]["_row"] == 2


def test_missing_required_column(make_inventory):
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,activity,quantity,unit\n"
                                               "ng,2022,1,stationary_combustion,natural_gas,10,MMBtu\n",
                           "investments.csv": "position_id,year,asset_class,currency\np,2022,mortgages,USD\n"})
    inv = load_inventory(root)
    records, positions, issues = load_investments(root, None, inv.money, inv.factors, inv.gwp)
    assert "the column(s) outstanding" in issues[0].expected
    assert [i.row for i in issues] == [1, 2] and records.empty and positions.empty


def test_records_have_the_validated_records_layout_and_feed_category_15(book, make_inventory):
    rows = [row("L1", outstanding=10_000_000, total_equity_plus_debt=100_000_000, investee_scope1=4_000,
                investee_scope2=1_000, investee_scope3=9_000, emissions_unit="t"),
            row("B1", asset_class="corporate_bonds", sector="naics_331110", outstanding=5_000_000, evic=250_000_000,
                revenue=50_000_000)]
    records, positions, issues = book(*rows)
    assert issues == []
    assert list(records.columns) == RECORD_COLUMNS + OPTIONAL_COLUMNS + ["_file", "_row"]
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,activity,quantity,unit\n"
                                               "ng,2022,1,stationary_combustion,natural_gas,10,MMBtu\n"}, name="plain")
    inv = load_inventory(root)
    assert records.dtypes.to_dict() == inv.records.dtypes.to_dict()
    assert set(records["scope"]) == {3} and set(records["category"]) == {"15"} and set(records["gas"]) == {"CO2e"}
    assert records.set_index("record_id")["quantity"].to_dict() == pytest.approx(
        {"B1/s12": 787.0, "L1/s12": 500.0, "L1/s3": 900.0}, rel=1e-12)
    # the integration: records join the activity records; the ledger's category 3.15 is the financed total
    joined = dataclasses.replace(inv, records=pd.concat([inv.records, records], ignore_index=True),
                                 records_read=inv.records_read + len(records))
    activities = inv.records[inv.records["_file"] != "investments.csv"]  # the inventory holds the book's records too
    assert record_id_clashes(records, activities) == []
    ledger = calculate(joined)
    years = summarise(ledger)
    summary = financed_summary(positions)
    assert years[2022]["categories"]["3.15"] == pytest.approx(summary[2022]["total"], rel=1e-12)
    assert summary[2022]["total"] == pytest.approx(787.0 + 500.0 + 900.0, rel=1e-12)
    assert set(ledger.loc[ledger["category"] == "15", "method"]) == {"investment-specific", "revenue-based"}


def test_record_id_clashes_are_named(book):
    records, _, _ = book(row("ng", outstanding=1, total_equity_plus_debt=2, investee_scope1=1, investee_scope2=1,
                             emissions_unit="t"))
    taken = pd.DataFrame({"record_id": ["ng/s12"], "_file": ["activities/a.csv"], "_row": [7]})
    (issue,) = record_id_clashes(records, taken)
    assert issue.record_id == "ng/s12" and "activities/a.csv row 7" in issue.expected


# -------------------------------------------------------------------------- the example book
def test_example_investments_load_cleanly():
    inv = load_inventory(EXAMPLE)
    records, positions, issues = load_investments(inv.root, None, inv.money, inv.factors, inv.gwp,
                                                  years=inv.config.years)
    assert issues == []
    assert 30 <= len(positions) <= 60
    assert set(positions["asset_class"]) == set(ASSET_CLASSES)
    assert sorted(set(positions["year"])) == [2020, 2021, 2022, 2023, 2024]
    table = pd.read_csv(EXAMPLE / "investments.csv", dtype=str, keep_default_na=False)
    assert table["source"].str.startswith("ILLUSTRATIVE").all()
    assert set(table["currency"]) == {"USD", "CNY"}
    assert set(positions["basis"]) == {"reported", "physical", "revenue", "not covered"}
    summary = financed_summary(positions)
    assert sorted(summary) == [2020, 2021, 2022, 2023, 2024]
    for year, values in summary.items():
        in_records = math.fsum(records.loc[records["year"] == year, "quantity"])
        assert values["total"] == pytest.approx(in_records, rel=1e-12)
        assert 1 <= values["data_quality_score"] <= 5 and 0 < values["coverage"] <= 1
    activities = inv.records[inv.records["_file"] != "investments.csv"]  # the inventory holds the book's records too
    assert record_id_clashes(records, activities) == []


def test_the_book_feeds_category_15_targets_and_the_report(make_inventory):
    # the issue's two hand-worked positions, loaded by the inventory itself:
    # 10 M loan / (40 M equity + 60 M debt) x 5,000 t = 500 t; 2 M / 1 bn EVIC x 200,000 t = 400 t
    book = "\n".join([HEADER,
                      row("L1", outstanding=10_000_000, total_equity_plus_debt=100_000_000, investee_scope1=4_000,
                          investee_scope2=1_000, emissions_unit="t"),
                      row("E1", asset_class="listed_equity", outstanding=2_000_000, evic=1_000_000_000,
                          investee_scope1=150_000, investee_scope2=50_000, emissions_unit="t")]) + "\n"
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,gas,quantity,unit\n"
                                               "own,2022,1,process,CO2e,100,t\n",
                           "investments.csv": book}, factors="[]", name="wired")
    inventory = load_inventory(root)
    ledger = calculate(inventory)
    from carbon import build_report

    report = build_report(inventory, ledger)
    year = report["years"]["2022"]
    assert year["categories"]["3.15"] == pytest.approx(900, rel=1e-12)
    assert year["financed"]["total"] == pytest.approx(900, rel=1e-12)
    assert year["scope3"] == pytest.approx(900, rel=1e-12) and year["total"] == pytest.approx(1000, rel=1e-12)
    assert set(year["financed"]["by_asset_class"]) == {"business_loans", "listed_equity"}
    assert report["conservation"]["records_read"] == 1 + 2  # the activity record and one record per position
