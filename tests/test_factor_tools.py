"""carbon factors list / show / diff, carbon.lock and carbon verify, currency conversion."""

import json

import pytest

from carbon import calculate, load_inventory

LB = 0.45359237  # kg per pound, exact
CAMX_MWH = """\
record_id,year,scope,category,activity,quantity,unit,region
el,2023,2,electricity,electricity,100,MWh,US-CAMX
"""


def test_factors_list_names_every_set_with_licence(run_cli):
    status, out, _ = run_cli("factors", "list")
    assert status == 0
    assert "epa-2025" in out and "epa-2024" in out and "public domain" in out


def test_factors_show_one_activity(run_cli):
    status, out, _ = run_cli("factors", "show", "epa-2025", "--activity", "natural_gas", "--csv")
    assert status == 0
    lines = out.splitlines()
    assert lines[0].startswith("activity,region,year,gas,value,unit,source")
    assert len(lines) == 7  # CO2, CH4, N2O per MMBtu and per scf
    assert any(",CO2,53.06,kg/MMBtu," in line for line in lines)  # EPA Hub 2025 Table 1, natural gas


def test_factors_show_unknown_activity_is_a_clear_error(run_cli):
    status, _, err = run_cli("factors", "show", "epa-2025", "--activity", "moonshine")
    assert status == 1 and "has no activity 'moonshine'" in err


def test_factors_diff_rows_and_inventory_effect(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": CAMX_MWH})
    status, out, err = run_cli("factors", "diff", "epa-2025", "epa-2024", "--inventory", root, "--json")
    assert status == 0, err
    data = json.loads(out)
    # eGRID rows are keyed by vintage (2023 vs 2022): 84 rows each side appear as removed/added
    added = [r for r in data["rows"] if r["change"] == "added" and r["activity"] == "electricity"]
    assert len(added) == 84
    effect = {(r["year"], r["scope"]): r for r in data["inventory"]}
    # epa-2025, eGRID2023 CAMX: 436.655 lb CO2, 0.025 lb CH4, 0.003 lb N2O per MWh (Hub 2025 Table 6)
    before = 100 * (436.655 + 0.025 * 28 + 0.003 * 265) * LB / 1000
    # epa-2024, eGRID2022 CAMX: 497.443 lb CO2, 0.03 lb CH4, 0.004 lb N2O per MWh (Hub 2024 Table 6)
    after = 100 * (497.443 + 0.03 * 28 + 0.004 * 265) * LB / 1000
    assert effect[(2023, 2)]["tco2e_a"] == pytest.approx(before, rel=1e-12)
    assert effect[(2023, 2)]["tco2e_b"] == pytest.approx(after, rel=1e-12)
    assert effect[(2023, 2)]["change"] == pytest.approx(after - before, rel=1e-9)


def test_factors_diff_changed_rows(make_inventory, run_cli, tmp_path):
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text("activity,region,year,gas,value,unit,source\nx,,,CO2,2,kg/kWh,fixture\ny,,,CO2,1,kg/kWh,fixture\n")
    b.write_text("activity,region,year,gas,value,unit,source\nx,,,CO2,3,kg/kWh,fixture\nz,,,CO2,1,kg/kWh,fixture\n")
    status, out, _ = run_cli("factors", "diff", a, b, "--json")
    rows = {r["activity"]: r for r in json.loads(out)["rows"]}
    assert status == 0
    assert rows["x"]["change"] == "changed" and rows["x"]["relative"] == pytest.approx(0.5)
    assert rows["y"]["change"] == "removed" and rows["z"]["change"] == "added"


def test_diff_inventory_must_use_one_of_the_sets(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": CAMX_MWH})
    status, _, err = run_cli("factors", "diff", "epa-2024", "desnz-2024", "--inventory", root)
    assert status == 1 and "uses neither 'epa-2024' nor 'desnz-2024'" in err


# --------------------------------------------------------------------------------- lock / verify
LOCAL = "activity,region,year,gas,value,unit,source\nwidget,,,CO2e,2,kg/kg,test fixture\n"
WIDGETS = "record_id,year,scope,category,activity,quantity,unit\nw,2022,3,1,widget,1000,kg\n"


@pytest.fixture
def locked(make_inventory, run_cli, tmp_path):
    root = make_inventory({"local.csv": LOCAL, "activities/a.csv": WIDGETS}, factors='["local.csv"]')
    assert run_cli("report", root, "-o", tmp_path / "out")[0] == 0
    return root, tmp_path / "out" / "carbon.lock"


def test_lock_records_hashes_and_totals(locked):
    _, lock_path = locked
    lock = json.loads(lock_path.read_text())
    assert set(lock["files"]["inputs"]) == {"inventory.toml", "activities/a.csv"}
    assert set(lock["files"]["factors"]) == {"local.csv"}
    assert set(lock["files"]["gwp"]) == {"factors/gwp/AR5.csv"}
    assert lock["totals"]["2022"]["scope3"] == pytest.approx(2.0, rel=1e-12)  # 1000 kg x 2 kg/kg


def test_verify_passes_when_nothing_changed(locked, run_cli):
    root, lock_path = locked
    status, out, _ = run_cli("verify", root, "--lock", lock_path)
    assert status == 0 and out.startswith("ok:")


def test_verify_fails_naming_a_changed_factor_file(locked, run_cli):
    root, lock_path = locked
    (root / "local.csv").write_text(LOCAL.replace(",2,", ",3,"))
    status, _, err = run_cli("verify", root, "--lock", lock_path)
    assert status == 1
    assert "factors file local.csv: changed" in err
    assert "total 2022 scope3: 2.0 tCO2e in the lock, 3.0 now" in err


def test_verify_fails_naming_a_changed_input(locked, run_cli):
    root, lock_path = locked
    (root / "activities" / "b.csv").write_text(WIDGETS.replace("w,", "w2,"))
    status, _, err = run_cli("verify", root, "--lock", lock_path)
    assert status == 1 and "inputs file activities/b.csv: used now, not in the lock" in err


def test_verify_without_a_lock(make_inventory, run_cli):
    root = make_inventory({"local.csv": LOCAL, "activities/a.csv": WIDGETS}, factors='["local.csv"]')
    status, _, err = run_cli("verify", root)
    assert status == 1 and "no lock found" in err


# ------------------------------------------------------------------------------------ currency
SPEND_FACTORS = """\
activity,region,year,gas,value,unit,source,price_year
services,,,CO2e,0.5,kg/USD,test fixture (illustrative),2020
goods,,,CO2e,0.2,kg/EUR,test fixture (illustrative),
"""
RATES = "currency,year,per_usd,source\nCNY,2022,6.7,fixture\nEUR,2022,0.95,fixture\n"
INDEX = "currency,year,index,source\nUSD,2020,100,fixture\nUSD,2022,110,fixture\n"


def test_spend_converts_through_exchange_rate_and_price_index(make_inventory):
    records = ("record_id,year,scope,category,activity,quantity,unit\n"
               "cny,2022,3,1,services,67000,CNY\n"
               "usd,2022,3,1,services,1000,USD\n"
               "eur,2022,3,1,goods,1000,USD\n")
    root = make_inventory({"f.csv": SPEND_FACTORS, "fx.csv": RATES, "pi.csv": INDEX, "activities/a.csv": records},
                          factors='["f.csv"]', toml_extra='exchange_rates = "fx.csv"\nprice_index = "pi.csv"\n')
    led = calculate(load_inventory(root)).set_index("record_id")
    # 67,000 CNY / 6.7 CNY per USD = 10,000 USD (2022 prices) x 100/110 = 9,090.909 USD (2020 prices)
    # x 0.5 kg/USD = 4,545.45 kg
    assert led.at["cny", "tco2e"] == pytest.approx(67000 / 6.7 * 100 / 110 * 0.5 / 1000, rel=1e-12)
    assert "fx:CNY->USD@2022" in led.at["cny", "factor_flags"]
    assert "price_year:2022->2020" in led.at["cny", "factor_flags"]
    # same currency: only the price-year adjustment
    assert led.at["usd", "tco2e"] == pytest.approx(1000 * 100 / 110 * 0.5 / 1000, rel=1e-12)
    # 1,000 USD x 0.95 EUR/USD = 950 EUR x 0.2 kg/EUR (no price year) = 190 kg
    assert led.at["eur", "tco2e"] == pytest.approx(0.19, rel=1e-12)


def test_missing_exchange_rate_is_an_error(make_inventory):
    from carbon import InputError

    records = "record_id,year,scope,category,activity,quantity,unit\nold,2019,3,1,goods,10,CNY\n"
    root = make_inventory({"f.csv": SPEND_FACTORS, "fx.csv": RATES, "activities/a.csv": records},
                          factors='["f.csv"]', toml_extra='exchange_rates = "fx.csv"\n')
    with pytest.raises(InputError, match="an exchange rate for CNY and EUR in 2019"):
        calculate(load_inventory(root))


def test_spend_with_the_shipped_tables(make_inventory):
    records = "record_id,year,scope,category,activity,quantity,unit\nsw,2021,3,1,naics_541511,10000,CNY\n"
    root = make_inventory({"activities/a.csv": records}, factors='["useeio-v1.3"]')
    led = calculate(load_inventory(root)).set_index("record_id")
    # 10,000 CNY at 6.4508 CNY/USD (Fed G.5A, 2021 annual average) = 1,550.20 USD of 2021;
    # to 2022 prices: x 118.023 / 110.186 (BEA NIPA Table 1.1.9 GDP deflator, 2017=100, 2022 and 2021);
    # x 0.084 kg CO2e/USD (EPA Supply Chain GHG Emission Factors v1.3, NAICS 541511, with margins, 2022 USD)
    expected = 10000 / 6.4508 * 118.023 / 110.186 * 0.084 / 1000
    assert led.at["sw", "tco2e"] == pytest.approx(expected, rel=1e-12)
    assert led.at["sw", "factor_flags"] == "fx:CNY->USD@2021=0.15502;price_year:2021->2022"
