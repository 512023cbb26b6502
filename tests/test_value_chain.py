"""Value-chain data (issue 17): supplier footprints in the WBCSD PACT format (carbon/pact.py), spend
mapping rules (carbon/spend.py) and the primary-data share.

Expected figures are worked by hand: a footprint's value is kg CO2e per declared unit (PACT Technical
Specifications v2 ``pCfExcludingBiogenic``; v3 ``pcfExcludingBiogenicUptake`` per ``declaredUnitAmount``
declared units), so ``2,000 kg x 1.5 kg CO2e/kg = 3,000 kg = 3.0 t``. Spend factors are typed here from
the published table with its row, not read from the engine's tables.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from carbon import calculate, load_inventory
from carbon.errors import ConfigError, InputError

PRODUCT_V2 = "urn:gtin:4712345060507"
PRODUCT_V3 = "urn:gtin:4712345060514"


def footprint_v2(pf_id: str = "3893bb5d-da16-4dc1-9185-11d97476c254", product: str = PRODUCT_V2,
                 value: str = "1.5", status: str = "Active", preceding: list[str] | None = None,
                 company: str = "Acme Resins", **extra) -> dict:
    """A PACT v2 ProductFootprint (the fields the v2 field list marks mandatory, plus dqi)."""
    pf = {"id": pf_id, "specVersion": "2.0.0", "version": 1, "created": "2024-03-01T09:32:20Z", "status": status,
          "companyName": company, "companyIds": ["urn:uuid:69585GB6-56T9-6958-E526-6FDGZJHU1326"],
          "productDescription": "resin, bulk", "productIds": [product], "productCategoryCpc": "3451",
          "productNameCompany": "Resin A", "comment": "",
          "pcf": {"declaredUnit": "kilogram", "unitaryProductAmount": "1", "pCfExcludingBiogenic": value,
                  "fossilGhgEmissions": value, "fossilCarbonContent": "0", "biogenicCarbonContent": "0",
                  "characterizationFactors": "AR6", "crossSectoralStandardsUsed": ["GHG Protocol Product standard"],
                  "productOrSectorSpecificRules": [], "boundaryProcessesDescription": "cradle to gate",
                  "referencePeriodStart": "2023-01-01T00:00:00Z", "referencePeriodEnd": "2024-01-01T00:00:00Z",
                  "geographicScope": {"geographyCountry": "DE"}, "exemptedEmissionsPercent": 0,
                  "exemptedEmissionsDescription": "", "packagingEmissionsIncluded": False,
                  "primaryDataShare": 56.12,
                  "dqi": {"coveragePercent": 80, "technologicalDQR": "1.2", "temporalDQR": "2.6",
                          "geographicalDQR": "1.8", "completenessDQR": "1.4", "reliabilityDQR": "3"}}}
    if preceding:
        pf["precedingPfIds"] = preceding
    pf.update(extra)
    return pf


def footprint_v3(pf_id: str = "12345678-9abc-def0-1234-567812345678", product: str = PRODUCT_V3,
                 value: str = "1.5", amount: str = "1", **pcf) -> dict:
    """A PACT v3 ProductFootprint (v3 field names: declaredUnitOfMeasurement, pcfExcludingBiogenicUptake)."""
    carbon = {"declaredUnitOfMeasurement": "kilogram", "declaredUnitAmount": amount,
              "productMassPerDeclaredUnit": amount, "referencePeriodStart": "2024-01-01T00:00:00Z",
              "referencePeriodEnd": "2025-01-01T00:00:00Z", "geographyCountry": "US",
              "pcfExcludingBiogenicUptake": value, "pcfIncludingBiogenicUptake": value, "fossilGhgEmissions": value,
              "fossilCarbonContent": "0", "ipccCharacterizationFactors": ["AR6"],
              "crossSectoralStandards": ["GHGP-Product"], "exemptedEmissionsPercent": "0", "primaryDataShare": "12.9"}
    carbon.update(pcf)
    return {"id": pf_id, "specVersion": "3.0.0", "created": "2025-02-01T00:00:00Z", "status": "Active",
            "companyName": "Beta Chem", "companyIds": ["urn:company:example:beta"], "productDescription": "solvent",
            "productIds": [product], "productNameCompany": "Solvent B", "pcf": carbon}


PURCHASES = ("record_id,year,scope,category,activity,quantity,unit\n"
             f"buy-v2,2024,3,1,{PRODUCT_V2},2000,kg\n"
             f"buy-v3,2024,3,1,{PRODUCT_V3},2000,kg\n")


@pytest.fixture
def with_suppliers(make_inventory):
    def make(files: dict[str, object], activities: str = PURCHASES, toml_extra: str = "", **kwargs):
        texts = {name: (json.dumps(body) if not isinstance(body, str) else body) for name, body in files.items()}
        return make_inventory({"activities/a.csv": activities, **texts}, toml_extra=toml_extra, **kwargs)
    return make


def ledger_of(root):
    return calculate(load_inventory(root)).set_index("record_id")


# ------------------------------------------------------------------------------------- footprints
def test_v2_and_v3_footprints_of_1_5_kg_per_kg_give_3_t_each_in_category_1(with_suppliers):
    # 2,000 kg x 1.5 kg CO2e/kg = 3,000 kg CO2e = 3.0 t, for the v2 (API response {"data": [...]}) and the
    # v3 (a bare object) footprint alike
    root = with_suppliers({"suppliers/acme.json": {"data": [footprint_v2()]},
                           "suppliers/beta.json": footprint_v3()})
    ledger = ledger_of(root)
    for rid in ("buy-v2", "buy-v3"):
        assert ledger.at[rid, "tco2e"] == pytest.approx(3.0, rel=1e-12)
        assert ledger.at[rid, "category"] == "1"
        assert ledger.at[rid, "method"] == "supplier-specific"
        assert ledger.at[rid, "factor_set"] == "supplier footprints (PACT)"
    assert "3893bb5d-da16-4dc1-9185-11d97476c254" in ledger.at["buy-v2", "factor_source"]
    assert "Acme Resins" in ledger.at["buy-v2", "factor_source"] and "PACT 2.0.0" in ledger.at["buy-v2", "factor_source"]
    assert "PACT 3.0.0" in ledger.at["buy-v3", "factor_source"] and "GWP AR6" in ledger.at["buy-v3", "factor_source"]


def test_v3_value_is_per_declared_unit_amount_and_biogenic_co2_stays_outside(with_suppliers):
    # v3: the declared unit is declaredUnitAmount x declaredUnitOfMeasurement: 15 kg CO2e per 10 kg = 1.5 kg/kg;
    # landManagementBiogenicCO2Emissions 0.4 kg per 10 kg = 0.04 kg/kg x 2,000 kg = 80 kg = 0.08 t biogenic CO2,
    # reported beside the scopes, not in them
    root = with_suppliers({"suppliers/beta.json": [footprint_v3(value="15", amount="10",
                                                                landManagementBiogenicCO2Emissions="0.4")]},
                          activities=PURCHASES.splitlines()[0] + "\n" + PURCHASES.splitlines()[2] + "\n")
    ledger = ledger_of(root)
    assert ledger.at["buy-v3", "tco2e"] == pytest.approx(3.0, rel=1e-12)
    assert ledger.at["buy-v3", "biogenic_tco2"] == pytest.approx(0.08, rel=1e-12)


def test_a_deprecated_footprint_is_not_used_and_the_record_says_why(with_suppliers):
    root = with_suppliers({"suppliers/acme.json": [footprint_v2(status="Deprecated")]},
                          activities=PURCHASES.splitlines()[0] + "\n" + PURCHASES.splitlines()[1] + "\n")
    with pytest.raises(InputError) as err:
        calculate(load_inventory(root))
    text = str(err.value)
    assert "buy-v2" in text and PRODUCT_V2 in text and "status Deprecated" in text
    assert "3893bb5d-da16-4dc1-9185-11d97476c254" in text


def test_a_superseded_footprint_gives_way_to_its_successor_named_in_the_lineage(with_suppliers):
    # the old footprint (2.4 kg/kg) is in the new one's precedingPfIds: only the new one (1.5) is used:
    # 2,000 x 1.5 = 3.0 t, not 2,000 x 2.4 = 4.8 t
    old = footprint_v2(pf_id="d6985fe5-e569-5695-d47d-526dad7525d5", value="2.4")
    new = footprint_v2(pf_id="91715e5e-fd0b-4d1c-8fab-76290c46e6ed", preceding=[old["id"]])
    root = with_suppliers({"suppliers/acme.json": [old, new]},
                          activities=PURCHASES.splitlines()[0] + "\n" + PURCHASES.splitlines()[1] + "\n")
    ledger = ledger_of(root)
    assert ledger.at["buy-v2", "tco2e"] == pytest.approx(3.0, rel=1e-12)
    assert "91715e5e" in ledger.at["buy-v2", "factor_source"]
    assert "d6985fe5-e569-5695-d47d-526dad7525d5 (superseded by footprint 91715e5e" in ledger.at["buy-v2", "notes"]


def test_a_footprint_outside_its_validity_is_not_used(with_suppliers):
    # validityPeriodEnd 2024-01-01 (excluded): valid for records of 2023, not of 2024
    pf = footprint_v2(validityPeriodStart="2024-01-01T00:00:00Z", validityPeriodEnd="2024-01-01T00:00:01Z")
    pf["validityPeriodEnd"] = "2024-01-01T00:00:00Z"
    root = with_suppliers({"suppliers/acme.json": [pf]},
                          activities=PURCHASES.splitlines()[0] + "\n" + PURCHASES.splitlines()[1] + "\n")
    with pytest.raises(InputError) as err:
        calculate(load_inventory(root))
    assert "valid for records of 2023 to 2023, not 2024" in str(err.value)


def test_footprint_data_quality_feeds_the_record(with_suppliers):
    # primaryDataShare 56.12 -> label; DQR 1 good .. 3 poor -> score round(DQR) + 1:
    # 1.2 -> 2, 2.6 -> 4, 1.8 -> 3, 1.4 -> 2, 3 -> 4
    root = with_suppliers({"suppliers/acme.json": [footprint_v2()]},
                          activities=PURCHASES.splitlines()[0] + "\n" + PURCHASES.splitlines()[1] + "\n")
    ledger = ledger_of(root)
    row = ledger.loc["buy-v2"]
    assert row["data_quality"] == "PACT primary data 56.12%"
    assert [row[c] for c in ("dq_technological", "dq_temporal", "dq_geographical", "dq_completeness",
                             "dq_reliability")] == ["2", "4", "3", "2", "4"]


def test_a_record_keeps_its_own_method_and_quality(with_suppliers):
    activities = ("record_id,year,scope,category,activity,quantity,unit,method,data_quality,dq_temporal\n"
                  f"buy-v2,2024,3,1,{PRODUCT_V2},2000,kg,hybrid,audited,1\n")
    root = with_suppliers({"suppliers/acme.json": [footprint_v2()]}, activities=activities)
    row = ledger_of(root).loc["buy-v2"]
    assert (row["method"], row["data_quality"], row["dq_temporal"], row["dq_technological"]) == \
        ("hybrid", "audited", "1", "2")


def test_a_footprint_missing_a_mandatory_field_is_an_error_naming_it(with_suppliers):
    pf = footprint_v2()
    del pf["pcf"]["referencePeriodEnd"]
    root = with_suppliers({"suppliers/acme.json": [pf]})
    inv = load_inventory(root)
    assert any(i.file == "suppliers/acme.json" and i.column == "pcf.referencePeriodEnd" for i in inv.issues)


def test_a_v2_footprint_without_its_figure_and_an_unknown_unit_are_errors(with_suppliers):
    no_value = footprint_v2()
    del no_value["pcf"]["pCfExcludingBiogenic"]
    odd_unit = footprint_v3(declaredUnitOfMeasurement="megabit second")
    root = with_suppliers({"suppliers/acme.json": [no_value], "suppliers/beta.json": odd_unit})
    messages = [str(i) for i in load_inventory(root).issues]
    assert any("pCfExcludingBiogenic" in m for m in messages)
    assert any("'megabit second'" in m for m in messages)


def test_two_active_footprints_of_one_product_and_year_are_an_error(with_suppliers):
    a, b = footprint_v2(), footprint_v2(pf_id="91715e5e-fd0b-4d1c-8fab-76290c46e6ed", value="1.7")
    root = with_suppliers({"suppliers/acme.json": [a, b]})
    assert any("one active footprint per product" in str(i) for i in load_inventory(root).issues)


def test_a_named_pattern_that_matches_nothing_is_an_error(with_suppliers):
    root = with_suppliers({}, toml_extra='supplier_footprints = ["pcf/*.json"]')
    assert any(i.column == "supplier_footprints" for i in load_inventory(root).issues)


def test_the_stream_engine_refuses_value_chain_inputs(with_suppliers):
    from carbon.stream import prepare

    root = with_suppliers({"suppliers/acme.json": [footprint_v2()]})
    with pytest.raises(ConfigError, match="stream engine does not read value-chain inputs"):
        prepare(root)


# ------------------------------------------------------------------------------------------ spend
# US EPA Supply Chain GHG Emission Factors v1.3, SupplyChainGHGEmissionFactors_v1.3.0_NAICS_CO2e_USD2022.csv,
# Supply Chain Emission Factors with Margins, kg CO2e per 2022 USD:
HOSTING = 0.093    # row 707, NAICS 518210 Data Processing, Hosting, and Related Services
PROGRAMMING = 0.084  # row 797, NAICS 541511 Custom Computer Programming Services
PRINTING = 0.236   # row 226, NAICS 323111 Commercial Printing (except Screen and Books)
DEFLATOR_2022, DEFLATOR_2024 = 118.023, 125.428  # US BEA NIPA Table 1.1.9 line 1 (2017=100)

SPEND = """line_id,year,amount,currency,account,vendor,description
GL-1,2022,10000,USD,6200,CloudCo,hosting March
GL-2,2022,50000,USD,6200,DevShop,app development
GL-3,2022,2000,USD,6300,PrintHouse,Brochure PRINTING
"""
RULES = """priority,account,vendor,description_contains,category,activity,method
10,,CloudCo,,1,naics_518210,
20,6200,,,1,naics_541511,
30,,,printing,1,naics_323111,spend-based
40,6300,,,1,naics_722511,
"""
NO_RECORDS = "record_id,year,scope,category,activity,quantity,unit\nng,2022,1,stationary_combustion,natural_gas,0,MMBtu\n"


@pytest.fixture
def ledger_books(make_inventory):
    def make(spend: str = SPEND, rules: str = RULES, activities: str = NO_RECORDS, files: dict | None = None,
             **kwargs):
        kwargs.setdefault("factors", '["epa-2025", "useeio-v1.3"]')
        return make_inventory({"activities/a.csv": activities, "spend.csv": spend, "spend_mapping.csv": rules,
                               **(files or {})}, **kwargs)
    return make


def test_three_spend_lines_mapped_by_three_rules_of_different_priority(ledger_books):
    ledger = ledger_of(ledger_books())
    # GL-1: rules 10 (vendor CloudCo) and 20 (account 6200) match; 10 wins: 10,000 USD x 0.093 = 930 kg
    # GL-2: rule 20 only: 50,000 USD x 0.084 = 4,200 kg
    # GL-3: rules 30 (description contains 'printing', any case) and 40 (account 6300); 30 wins:
    #       2,000 USD x 0.236 = 472 kg
    # 2022 USD of a 2022-USD factor: no exchange, no deflation
    expected = {"GL-1": (0.930, "naics_518210", "row 2 (priority 10"),
                "GL-2": (4.200, "naics_541511", "row 3 (priority 20"),
                "GL-3": (0.472, "naics_323111", "row 4 (priority 30")}
    for rid, (tonnes, activity, rule) in expected.items():
        assert ledger.at[rid, "tco2e"] == pytest.approx(tonnes, rel=1e-12), rid
        assert ledger.at[rid, "activity"] == activity
        assert ledger.at[rid, "category"] == "1" and ledger.at[rid, "scope"] == 3
        assert ledger.at[rid, "method"] == "spend-based"
        assert f"spend rule spend_mapping.csv {rule}" in ledger.at[rid, "notes"]
        assert ledger.at[rid, "input_file"] == "spend.csv"
    assert ledger.loc[["GL-1", "GL-2", "GL-3"], "tco2e"].sum() == pytest.approx(0.930 + 4.200 + 0.472, rel=1e-12)


def test_unmapped_spend_lines_are_an_error_naming_them_with_the_total(ledger_books):
    spend = SPEND + "GL-4,2022,1234.5,USD,7000,Gym Ltd,staff gym\nGL-5,2022,250,USD,7100,Florist,flowers\n"
    with pytest.raises(InputError) as err:
        calculate(load_inventory(ledger_books(spend=spend)))
    text = str(err.value)
    assert "spend.csv, row 5, record 'GL-4'" in text and "spend.csv, row 6, record 'GL-5'" in text
    assert "2 line(s) match no rule, 1,484.50 USD unmapped in total" in text  # 1,234.50 + 250.00


def test_two_matching_rules_of_equal_priority_are_an_error(ledger_books):
    rules = RULES.replace("20,6200,", "10,6200,")
    with pytest.raises(InputError) as err:
        calculate(load_inventory(ledger_books(rules=rules)))
    assert "record 'GL-1'" in str(err.value) and "same priority 10" in str(err.value)


def test_bad_spend_lines_and_rules_are_errors(ledger_books):
    spend = SPEND + "GL-6,2022,12k,USD,6200,DevShop,x\nGL-7,2022,-5,USD,6200,DevShop,refund\nGL-8,2022,5,XYZ,6200,DevShop,x\n"
    rules = RULES + "50,,,,1,naics_518210,\n60,9000,,,17,naics_518210,\n"
    issues = load_inventory(ledger_books(spend=spend, rules=rules)).issues
    shown = {(i.file, i.row, i.column) for i in issues}
    assert ("spend.csv", 5, "amount") in shown     # 12k
    assert ("spend.csv", 6, "amount") in shown     # -5
    assert ("spend.csv", 7, "currency") in shown   # XYZ
    assert ("spend_mapping.csv", 6, "account") in shown   # matches every line
    assert ("spend_mapping.csv", 7, "category") in shown  # 17 is no Scope 3 category


def test_a_supplier_specific_factor_takes_precedence_over_the_spend_factor(ledger_books):
    # supplier:cloudco 0.05 kg CO2e/USD (the supplier's own figure): 10,000 USD x 0.05 = 500 kg = 0.5 t, hybrid
    factors = ("activity,region,year,gas,value,unit,source\n"
               "supplier:cloudco,,2022,CO2e,0.05,kg/USD,CloudCo 2022 CDP response (test figure)\n")
    root = ledger_books(files={"supplier_factors.csv": factors},
                        factors='["supplier_factors.csv", "epa-2025", "useeio-v1.3"]')
    ledger = ledger_of(root)
    assert ledger.at["GL-1", "tco2e"] == pytest.approx(0.5, rel=1e-12)
    assert (ledger.at["GL-1", "activity"], ledger.at["GL-1", "method"]) == ("supplier:cloudco", "hybrid")
    assert "takes precedence over the rule's naics_518210" in ledger.at["GL-1", "notes"]
    assert ledger.at["GL-2", "tco2e"] == pytest.approx(4.2, rel=1e-12)


@pytest.mark.parametrize("covered, expected", [("yes", 0.0), ("no", None), ("", "error")])
def test_spend_with_a_vendor_whose_products_have_footprints_is_counted_as_the_rule_says(ledger_books, covered,
                                                                                       expected):
    """A vendor with supplier footprints recorded that year: its spend line could buy those products
    (counted already) or something else. The rule decides (covered = yes: 0 t; no: counted); a blank is
    an error naming the line, never a silent 0."""
    spend = "line_id,year,amount,currency,account,vendor,description\nGL-9,2024,3000,USD,6100,Acme Resins,resin\n"
    rules = ("priority,account,vendor,description_contains,category,activity,method,covered\n"
             f"10,6100,,,1,naics_325211,,{covered}\n")
    activities = PURCHASES.splitlines()[0] + "\n" + PURCHASES.splitlines()[1] + "\n"
    root = ledger_books(spend=spend, rules=rules, activities=activities,
                        files={"suppliers/acme.json": json.dumps([footprint_v2()])})
    if expected == "error":
        issues = load_inventory(root).issues
        assert any(i.record_id == "GL-9" and i.column == "vendor" and "covered = yes" in i.expected
                   and "buy-v2" in i.expected for i in issues)
        return
    ledger = ledger_of(root)
    assert ledger.at["buy-v2", "tco2e"] == pytest.approx(3.0, rel=1e-12)
    if expected == 0.0:
        assert ledger.at["GL-9", "tco2e"] == 0.0 and ledger.at["GL-9", "method"] == "hybrid"
        assert "amount 3000.0 USD not counted" in ledger.at["GL-9", "notes"]
    else:
        assert ledger.at["GL-9", "tco2e"] > 0 and ledger.at["GL-9", "method"] == "spend-based"


def test_spend_without_rules_is_an_error(make_inventory):
    root = make_inventory({"activities/a.csv": NO_RECORDS, "spend.csv": SPEND})
    assert any("mapping rules for the spend lines" in str(i) for i in load_inventory(root).issues)


def test_a_line_id_an_activity_record_uses_is_an_error(ledger_books):
    activities = NO_RECORDS + "GL-2,2022,1,stationary_combustion,natural_gas,1,MMBtu\n"
    issues = load_inventory(ledger_books(activities=activities)).issues
    assert any(i.record_id == "GL-2" and i.column == "line_id" for i in issues)


# --------------------------------------------------------------------------- primary-data share
def test_primary_share_is_supplier_based_tonnes_over_category_tonnes(ledger_books, tmp_path):
    from carbon.report.build import build_report
    from carbon.report.html import render_html
    from carbon.report.markdown import render_markdown

    # category 1 in 2024: buy-v2 3.0 t from the supplier footprint (supplier-specific) and GL-10
    # 10,000 USD of hosting, spend-based. The hosting factor is per 2022 USD: 2024 USD deflated by the
    # US BEA NIPA Table 1.1.9 line 1 GDP implicit price deflator (2017=100): 2022 118.023, 2024 125.428
    # -> 10,000 x 118.023 / 125.428 x 0.093 kg = 875.09 kg; primary share = 3.0 / (3.0 + 0.87509) = 0.77417
    spend = "line_id,year,amount,currency,account,vendor,description\nGL-10,2024,10000,USD,6200,CloudCo,hosting\n"
    activities = PURCHASES.splitlines()[0] + "\n" + PURCHASES.splitlines()[1] + "\n"
    root = ledger_books(spend=spend, activities=activities,
                        files={"suppliers/acme.json": json.dumps([footprint_v2()])})
    inv = load_inventory(root)
    ledger = calculate(inv)
    by_id = ledger.set_index("record_id")
    spend_t = by_id.at["GL-10", "tco2e"]
    assert spend_t == pytest.approx(10_000 * HOSTING / 1000 * DEFLATOR_2022 / DEFLATOR_2024, rel=1e-9)
    report = build_report(inv, ledger)
    cat1 = next(c for c in report["scope3_categories"] if c["key"] == "3.1")
    assert spend_t == pytest.approx(0.87509, abs=5e-6)
    assert cat1["primary_share"][2024] == pytest.approx(0.77417, abs=5e-6)
    assert cat1["primary_share"][2024] == pytest.approx(3.0 / (3.0 + spend_t), rel=1e-12)
    assert report["years"]["2024"]["scope3_primary_share"] == pytest.approx(3.0 / (3.0 + spend_t), rel=1e-12)
    assert "## Scope 3 from supplier data" in render_markdown(report)
    assert "Supplier data 2024" in render_html(report)


def test_no_scope3_gives_no_primary_share(make_inventory):
    from carbon.report.build import build_report

    inv = load_inventory(make_inventory({"activities/a.csv": NO_RECORDS.replace(",0,MMBtu", ",1,MMBtu")}))
    report = build_report(inv, calculate(inv))
    assert report["years"]["2022"]["scope3_primary_share"] is None
    assert all(c["primary_share"] == {} for c in report["scope3_categories"])


# ------------------------------------------------------------------------------------ the example
def test_the_example_carries_illustrative_footprints_and_spend_rules():
    from pathlib import Path

    from carbon.report.build import build_report

    example = Path(__file__).resolve().parent.parent / "inventories" / "example"
    inv = load_inventory(example)
    ledger = calculate(inv)
    by_id = ledger.set_index("record_id")
    # suppliers/terminals-v3.json (illustrative): 12,000 pieces x 38.5 kg CO2e = 462.0 t
    assert by_id.at["S3-C1-TERM-2024", "tco2e"] == pytest.approx(462.0, rel=1e-12)
    # suppliers/paper-rolls-v2.json: the current footprint 1.2 kg/kg (the superseded 1.45 unused): 48.0 t
    assert by_id.at["S3-C1-ROLL-2024", "tco2e"] == pytest.approx(48.0, rel=1e-12)
    # GL-2024-0001, 84,000 USD of 2024 brochure printing: rule 30 (description 'printing') beats rule 40
    # (account 6410): NAICS 323111 0.236 kg per 2022 USD, deflated 118.023 / 125.428
    assert by_id.at["GL-2024-0001", "tco2e"] == pytest.approx(84_000 * DEFLATOR_2022 / DEFLATOR_2024 * PRINTING / 1000,
                                                              rel=1e-12)
    assert by_id.at["GL-2024-0005", "tco2e"] == 0.0  # the terminals' spend: counted by S3-C1-TERM-2024
    report = build_report(inv, ledger)
    scope3 = report["years"]["2024"]["scope3"]
    assert report["years"]["2024"]["scope3_primary_share"] == pytest.approx(510.0 / scope3, rel=1e-12)
    assert report["years"]["2023"]["scope3_primary_share"] == 0.0
    text = "".join(p.read_text() for p in (example / "suppliers").glob("*.json"))
    assert text.count("ILLUSTRATIVE") >= 4


# -------------------------------------------------------------------------------------- gap filling
def monthly(rows: list[tuple[str, int, int, float]]) -> str:
    """Monthly natural gas records: (facility, year, month, MMBtu)."""
    lines = ["record_id,year,period,scope,category,activity,quantity,unit,facility"]
    lines += [f"{f}-{y}-{m:02d},{y},{y}-{m:02d},1,stationary_combustion,natural_gas,{q:g},MMBtu,{f}"
              for f, y, m, q in rows]
    return "\n".join(lines) + "\n"


# plant A: 2023 month m = 10 x m MMBtu, 2024 months 1-10 = 20 + m (November and December missing);
# plant B: 2023 every month 5 MMBtu, nothing in 2024 (a missing facility)
GAPS = monthly([("A", 2023, m, 10 * m) for m in range(1, 13)] + [("A", 2024, m, 20 + m) for m in range(1, 11)]
               + [("B", 2023, m, 5) for m in range(1, 13)])


@pytest.fixture
def gappy(make_inventory):
    return make_inventory({"activities/gas.csv": GAPS, "metrics.csv": "metric,year,value\nrevenue,2023,50\nrevenue,2024,60\n"})


def _proposal(run_cli, root, tmp_path, *args):
    out = tmp_path / "proposed.csv"
    status, text, err = run_cli("fill", root, *args, "-o", out)
    assert status == 0, err
    import pandas as pd

    return pd.read_csv(out, dtype={"period": str}, keep_default_na=False).set_index("period"), err


def test_fill_prior_year_takes_the_same_month_a_year_before(gappy, run_cli, tmp_path):
    table, err = _proposal(run_cli, gappy, tmp_path, "--method", "prior_year")
    a = table[table["facility"] == "A"]
    assert a["quantity"].to_dict() == {"2024-11": 110.0, "2024-12": 120.0}  # 10 x 11, 10 x 12 of 2023
    b = table[table["facility"] == "B"]
    assert len(b) == 12 and set(b["quantity"]) == {5.0}                      # the missing facility
    assert set(table["estimated"]) == {"prior_year"} and set(table["data_quality"]) == {"estimated"}
    assert table["record_id"].is_unique and "A-2023-11" in a.at["2024-11", "notes"]


def test_fill_other_months_averages_the_recorded_months(gappy, run_cli, tmp_path):
    table, err = _proposal(run_cli, gappy, tmp_path, "--method", "other_months")
    # mean of 21, 22, ..., 30 = 25.5
    assert table[table["facility"] == "A"]["quantity"].to_dict() == {"2024-11": 25.5, "2024-12": 25.5}
    assert "B" not in set(table["facility"])              # no month of 2024 to average: not invented
    assert err.count("not filled:") == 12 and "no month of 2024 recorded to average" in err


def test_fill_intensity_scales_by_the_metric(gappy, run_cli, tmp_path):
    table, _ = _proposal(run_cli, gappy, tmp_path, "--method", "intensity", "--metric", "revenue")
    # 110 / 50 x 60 = 132; 120 / 50 x 60 = 144
    a = table[table["facility"] == "A"]["quantity"].to_dict()
    assert a["2024-11"] == pytest.approx(132.0, rel=1e-12) and a["2024-12"] == pytest.approx(144.0, rel=1e-12)
    status, _, err = run_cli("fill", gappy, "--method", "intensity", "-o", tmp_path / "x.csv")
    assert status == 1 and "--metric" in err


def test_filled_records_load_and_the_report_shows_the_estimated_share(make_inventory):
    from carbon.report.build import build_report
    from carbon.report.markdown import render_markdown

    # the same fuel and factor: 50 MMBtu estimated of 150 MMBtu in all -> estimated share 50 / 150 = 1/3
    records = ("record_id,year,period,scope,category,activity,quantity,unit,estimated\n"
               "m1,2024,2024-01,1,stationary_combustion,natural_gas,100,MMBtu,\n"
               "m2,2024,2024-02,1,stationary_combustion,natural_gas,50,MMBtu,prior_year\n")
    inv = load_inventory(make_inventory({"activities/gas.csv": records}))
    ledger = calculate(inv)
    report = build_report(inv, ledger)
    assert report["years"]["2024"]["estimated_share"] == pytest.approx(1 / 3, rel=1e-12)
    # the ledger carries period and estimated, so the share can be reproduced from it
    by_id = ledger.set_index("record_id")
    assert by_id.at["m2", "period"] == "2024-02" and by_id.at["m2", "estimated"] == "prior_year"
    estimated = ledger.loc[ledger["estimated"] != "", "tco2e"].sum() / ledger["tco2e"].sum()
    assert estimated == pytest.approx(report["years"]["2024"]["estimated_share"], rel=1e-12)
    assert "Estimated (gap-filled)" in render_markdown(report)


def test_a_bad_period_is_an_error(make_inventory):
    records = ("record_id,year,period,scope,category,activity,quantity,unit\n"
               "m1,2024,2024-13,1,stationary_combustion,natural_gas,100,MMBtu\n"
               "m2,2024,2023-02,1,stationary_combustion,natural_gas,50,MMBtu\n")
    issues = load_inventory(make_inventory({"activities/gas.csv": records})).issues
    assert [(i.record_id, i.column) for i in issues] == [("m1", "period"), ("m2", "period")]


def test_a_get_footprint_response_and_explain_show_the_footprint(with_suppliers, run_cli):
    # {"data": {...}}: a PACT GetFootprint response holds one footprint
    root = with_suppliers({"suppliers/acme.json": {"data": footprint_v2()}},
                          activities=PURCHASES.splitlines()[0] + "\n" + PURCHASES.splitlines()[1] + "\n")
    status, out, _ = run_cli("explain", root, "buy-v2")
    assert status == 0
    assert "supplier footprints (PACT), suppliers/acme.json" in out
    assert "2000 kg x 0.0015 = 3 tCO2e" in out  # 1.5 kg CO2e/kg = 0.0015 t per kg (10 significant digits)


def test_footprint_data_quality_reaches_the_uncertainty(with_suppliers):
    from carbon.uncertainty import activity_uncertainty

    # v2: all five DQRs -> scores 2, 4, 3, 2, 4 from the indicators; v3 here has no dqi -> the default
    root = with_suppliers({"suppliers/acme.json": [footprint_v2()], "suppliers/beta.json": footprint_v3()})
    ledger = calculate(load_inventory(root))
    unc = activity_uncertainty(ledger).set_index(ledger["record_id"])
    assert unc.at["buy-v2", "quality_basis"] == "indicators"
    assert [int(unc.at["buy-v2", c]) for c in ("dq_technological", "dq_temporal", "dq_geographical",
                                               "dq_completeness", "dq_reliability")] == [2, 4, 3, 2, 4]
    assert unc.at["buy-v3", "quality_basis"] == "default"
    assert unc.at["buy-v2", "method"] == "supplier-specific"


def test_an_inferred_method_is_not_primary_data(tmp_path):
    """A Scope 3 record typed in as tonnes without a method is inferred 'supplier-specific (inferred)':
    not supplier data. 10 t of it beside nothing else gives category 1 a primary share of 0."""
    import pandas as pd

    from carbon.valuechain import primary_shares

    ledger = pd.DataFrame({"year": [2020, 2020], "scope": [3, 3], "category": ["1", "1"],
                           "method": ["supplier-specific (inferred)", "supplier-specific"], "tco2e": [10.0, 30.0]})
    by_category, by_year = primary_shares(ledger)
    assert by_year[2020] == pytest.approx(30.0 / 40.0, abs=1e-12)  # only the explicit 30 t count


def test_a_footprint_file_linked_from_outside_is_refused_without_reading_it(with_suppliers, tmp_path):
    outside = tmp_path / "elsewhere.json"
    outside.write_text(json.dumps([footprint_v2()]))
    root = with_suppliers({})
    (root / "suppliers").mkdir(exist_ok=True)
    (root / "suppliers" / "acme.json").symlink_to(outside)
    with pytest.raises(ConfigError, match="supplier footprint file .* points outside the inventory folder"):
        load_inventory(root)


def test_fill_writes_through_the_output_rules(gappy, run_cli, tmp_path):
    status, out, err = run_cli("fill", gappy, "--method", "prior_year", "-o", "-")
    assert status == 0 and out.startswith("record_id,") and not (Path.cwd() / "-").exists()
    status, _, err = run_cli("fill", gappy, "--method", "prior_year", "-o", tmp_path / "proposals.parquet")
    assert status == 1 and "proposed records are written as CSV" in err
    status, _, err = run_cli("fill", gappy, "--method", "prior_year", "-o", tmp_path)
    assert status == 1 and "Traceback" not in err
