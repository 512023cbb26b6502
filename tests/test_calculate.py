"""End-to-end totals worked out by hand from published factors (EPA Hub 2025, IPCC AR5 GWPs).

GWPs, IPCC AR5 WG1 Table 8.A.1 (100-year): CH4 28, N2O 265; R-410A 1924 (EPA Hub 2025 Table 12).
"""

import json

import pytest

from carbon import calculate, load_inventory, summarise

LB = 0.45359237  # kg per pound, exact
CH4, N2O = 28, 265

RECORDS = """\
record_id,year,scope,category,activity,gas,quantity,unit,region,entity,notes
ng,2020,1,stationary_combustion,natural_gas,,1000,therm,,HQ,boiler
diesel,2020,1,mobile_combustion,mobile_diesel_fuel,,100,gallon,,Fleet,
bio,2020,1,mobile_combustion,mobile_biodiesel_100,,100,gallon,,Fleet,B100
leak,2020,1,fugitive,,R-410A,10,kg,,HQ,chiller top-up
el,2020,2,electricity,electricity,,100,MWh,US-CAMX,HQ,
fly,2020,3,6,air_long_haul,,10000,passenger*mile,,HQ,
spend,2020,3,1,,CO2e,2.5,t,,HQ,supplier-reported
"""

# Hand calculations, one per record (tonnes CO2e):
# ng: EPA Hub 2025 Table 1 "Natural Gas": 53.06 kg CO2, 1.0 g CH4, 0.10 g N2O per mmBtu.
#     1000 therm = 100 mmBtu -> 5306 kg CO2 + 0.1 kg CH4 + 0.01 kg N2O
#     = 5.306 + 0.0001*28 + 0.00001*265 = 5.31145 t
NG = 5.306 + 0.0001 * CH4 + 0.00001 * N2O
# diesel: EPA Hub 2025 Table 2 "Diesel Fuel": 10.21 kg CO2/gallon -> 100 gal = 1.021 t (CO2 only)
DIESEL = 1.021
# bio: Table 2 "Biodiesel (100%)": 9.45 kg CO2/gallon, biogenic -> 0.945 t biogenic, 0 in the scopes
BIO_BIOGENIC = 0.945
# leak: 10 kg R-410A x GWP 1924 = 19.24 t
LEAK = 10 * 1924 / 1000
# el: EPA Hub 2025 Table 6, eGRID2023 CAMX: 436.655 lb CO2, 0.025 lb CH4, 0.003 lb N2O per MWh
#     100 MWh -> (43665.5 + 2.5*28 + 0.3*265) lb = 43815 lb x 0.45359237 kg/lb
EL = (43665.5 + 2.5 * CH4 + 0.3 * N2O) * LB / 1000
# fly: EPA Hub 2025 Table 10, air long haul: 0.163 kg CO2, 0.0006 g CH4, 0.0052 g N2O per passenger-mile
#     10,000 passenger-miles -> 1630 kg CO2 + 6 g CH4 + 52 g N2O
FLY = 1.630 + 0.000006 * CH4 + 0.000052 * N2O
SPEND = 2.5


@pytest.fixture
def ledger(make_inventory):
    root = make_inventory({"activities/all.csv": RECORDS})
    return calculate(load_inventory(root)).set_index("record_id")


def test_per_record_tonnes(ledger):
    assert ledger.at["ng", "tco2e"] == pytest.approx(5.31145, rel=1e-12)  # the README's worked example
    assert ledger.at["ng", "tco2e"] == pytest.approx(NG, rel=1e-12)
    assert ledger.at["diesel", "tco2e"] == pytest.approx(DIESEL, rel=1e-12)
    assert ledger.at["bio", "tco2e"] == 0.0
    assert ledger.at["bio", "biogenic_tco2"] == pytest.approx(BIO_BIOGENIC, rel=1e-12)
    assert ledger.at["leak", "tco2e"] == pytest.approx(LEAK, rel=1e-12)
    assert ledger.at["el", "tco2e"] == pytest.approx(EL, rel=1e-12)
    assert ledger.at["fly", "tco2e"] == pytest.approx(FLY, rel=1e-12)
    assert ledger.at["spend", "tco2e"] == SPEND


def test_per_gas_tonnes(ledger):
    assert ledger.at["ng", "t_CO2"] == pytest.approx(5.306, rel=1e-12)
    assert ledger.at["ng", "t_CH4"] == pytest.approx(0.0001, rel=1e-12)
    assert ledger.at["ng", "t_N2O"] == pytest.approx(0.00001, rel=1e-12)
    assert ledger.at["leak", "t_R-410A"] == pytest.approx(0.01, rel=1e-12)
    assert ledger.at["el", "t_CO2"] == pytest.approx(43665.5 * LB / 1000, rel=1e-12)


def test_lineage_names_the_factor_rows(ledger):
    ng = ledger.loc["ng"]
    assert ng["factor_set"] == "epa-2025"
    assert ng["factor_file"] == "factors/epa-2025/stationary_combustion.csv"
    assert "Table 1 Stationary Combustion" in ng["factor_source"]
    assert len(ng["factor_rows"].split(";")) == 3  # CO2, CH4, N2O rows
    assert ng["gwp_values"] == "CH4=28;CO2=1;N2O=265"
    assert ng["input_file"] == "activities/all.csv" and ng["input_row"] == 2
    assert ng["entity"] == "HQ" and ng["notes"] == "boiler"
    assert ledger.loc["leak", "calculation"] == "direct"
    assert ledger.loc["el", "factor_region"] == "US-CAMX" and ledger.loc["el", "factor_vintage"] == "2023"
    # 2020 record, eGRID2023 is the only vintage: the later vintage is used and flagged
    assert ledger.loc["el", "factor_flags"] == "vintage_after_record:2023>2020"


def test_year_totals_by_scope_and_category(ledger):
    years = summarise(ledger.reset_index())
    y = years[2020]
    assert y["scope1"] == pytest.approx(NG + DIESEL + LEAK, rel=1e-12)
    assert y["scope2"] == pytest.approx(EL, rel=1e-12)
    assert y["scope3"] == pytest.approx(FLY + SPEND, rel=1e-12)
    assert y["total"] == pytest.approx(NG + DIESEL + LEAK + EL + FLY + SPEND, rel=1e-12)
    assert y["biogenic_co2"] == pytest.approx(BIO_BIOGENIC, rel=1e-12)
    assert y["categories"] == pytest.approx({
        "1.stationary_combustion": NG, "1.mobile_combustion": DIESEL, "1.fugitive": LEAK,
        "2.electricity": EL, "3.1": SPEND, "3.6": FLY}, rel=1e-12)
    assert list(y["categories"]) == ["1.stationary_combustion", "1.mobile_combustion", "1.fugitive",
                                     "2.electricity", "3.1", "3.6"]  # registry order


def test_gwp_set_changes_the_result(make_inventory):
    # AR4 (IPCC AR4 WG1 Table 2.14): CH4 25, N2O 298 -> 5.306 + 0.0001*25 + 0.00001*298
    root = make_inventory({"activities/a.csv": RECORDS.splitlines()[0] + "\n" + RECORDS.splitlines()[1] + "\n"},
                          toml_extra="", factors='["epa-2025"]')
    text = (root / "inventory.toml").read_text().replace('gwp = "AR5"', 'gwp = "AR4"')
    (root / "inventory.toml").write_text(text)
    led = calculate(load_inventory(root))
    assert led["tco2e"].iloc[0] == pytest.approx(5.306 + 0.0001 * 25 + 0.00001 * 298, rel=1e-12)


def test_cli_report_json_keys_and_values(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/all.csv": RECORDS})
    status, _, err = run_cli("report", root, "-o", tmp_path / "out")
    assert status == 0, err
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert {"organisation", "base_year", "gwp", "years", "targets", "neutrality"} <= set(report)
    assert report["organisation"] == "Test Co" and report["gwp"] == "AR5" and report["base_year"] == 2020
    y = report["years"]["2020"]
    assert {"scope1", "scope2", "scope3", "total", "biogenic_co2", "categories"} <= set(y)
    assert y["total"] == pytest.approx(NG + DIESEL + LEAK + EL + FLY + SPEND, rel=1e-12)
    assert y["categories"]["3.6"] == pytest.approx(FLY, rel=1e-12)
    md = (tmp_path / "out" / "report.md").read_text()
    assert "| 2020 |" in md and "Test Co" in md
