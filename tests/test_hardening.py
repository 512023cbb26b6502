"""Adversarial inputs: each bad-input class gives a clear error naming file, row, record, value and
what was expected (the README's table of bad inputs points at these tests), and nothing is lost."""

import json
import os
from pathlib import Path

import pytest

from carbon import calculate, load_inventory
from carbon.errors import ConfigError, InputError

HEADER = "record_id,year,scope,category,activity,gas,quantity,unit\n"
NG = "ng,2020,1,stationary_combustion,natural_gas,,1000,therm\n"  # EPA Hub 2025 Table 1: 5.31145 t (AR5)


def problems(make_inventory, files, **kw) -> str:
    root = make_inventory(files, **kw)
    with pytest.raises((InputError, ConfigError)) as caught:
        calculate(load_inventory(root))
    return str(caught.value)


def test_empty_file(make_inventory):
    text = problems(make_inventory, {"activities/a.csv": ""})
    assert "activities/a.csv: expected a header row naming the columns (the file is empty" in text


def test_header_only_file_gives_no_records_and_says_so(make_inventory):
    text = problems(make_inventory, {"activities/a.csv": HEADER})
    assert "expected at least one activity record; the files hold none" in text


def test_header_only_file_beside_a_real_one_is_fine(make_inventory):
    root = make_inventory({"activities/a.csv": HEADER, "activities/b.csv": HEADER + NG})
    assert len(calculate(load_inventory(root))) == 1


def test_byte_order_mark_is_accepted(make_inventory):
    root = make_inventory({})
    (root / "activities").mkdir()
    (root / "activities" / "a.csv").write_bytes(("\ufeff" + HEADER + NG).encode("utf-8"))
    led = calculate(load_inventory(root))
    assert led["tco2e"].iloc[0] == pytest.approx(5.31145, rel=1e-12)


@pytest.mark.parametrize("sep, name", [(";", "semicolon"), ("\t", "tab")])
def test_other_delimiters_are_refused_clearly(make_inventory, sep, name):
    text = problems(make_inventory, {"activities/a.csv": (HEADER + NG).replace(",", sep)})
    assert f"row 1: header = " in text and f"this file is {name}-separated" in text


def test_decimal_comma_is_named(make_inventory):
    text = problems(make_inventory, {"activities/a.csv": HEADER + 'ng,2020,1,stationary_combustion,natural_gas,,"1,5",therm\n'})
    assert ("record 'ng': quantity = '1,5': expected a number with '.' as decimal point: with ',' as a decimal comma "
            "this is 1.5 (as a thousands separator it is no number); write 1.5 if that is what you mean") in text


def test_wrong_number_of_fields(make_inventory):
    text = problems(make_inventory, {"activities/a.csv": HEADER + NG + "x,2020,1,process,,CO2e,1,t,extra,more\n"})
    assert "activities/a.csv: expected a well-formed CSV table" in text and "Expected 8 fields" in text


def test_quoted_newlines_keep_the_record_whole(make_inventory):
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,gas,quantity,unit,notes\n"
                                               'r1,2020,1,process,CO2e,2,t,"line one\nline two"\n'
                                               "r2,2020,1,process,CO2e,3,t,\n"})
    led = calculate(load_inventory(root)).set_index("record_id")
    assert led.at["r1", "notes"] == "line one\nline two" and led["tco2e"].sum() == 5


def test_very_long_field_is_quoted_short(make_inventory):
    text = problems(make_inventory, {"activities/a.csv": HEADER + f"x,2020,1,process,,CO2e,{'9' * 5000}x,t\n"})
    assert "quantity = '99999" in text and "...': expected a finite number" in text
    assert len(max(text.splitlines(), key=len)) < 400


@pytest.mark.parametrize("value", ["nan", "NaN", "inf", "-inf", "Infinity", ""])
def test_nan_inf_and_empty_quantities(make_inventory, value):
    text = problems(make_inventory, {"activities/a.csv": HEADER + f"x,2020,1,process,,CO2e,{value},t\n"})
    assert f"record 'x': quantity = '{value}': expected a finite number" in text


def test_huge_magnitude_that_overflows(make_inventory):
    # 1e305 tonnes of SF6 x GWP 23,500 overflows float64 (max ~1.8e308)
    text = problems(make_inventory, {"activities/a.csv": HEADER + "x,2020,1,fugitive,,SF6,1e305,t\n"})
    assert "record 'x': quantity = '1e+305': expected a quantity whose emissions fit in a float64" in text


def test_huge_and_tiny_magnitudes_that_fit(make_inventory):
    root = make_inventory({"activities/a.csv": HEADER + "big,2020,1,process,,CO2e,1e200,t\n"
                                                        "tiny,2020,1,process,,CO2e,1e-200,t\n"})
    led = calculate(load_inventory(root)).set_index("record_id")
    assert led.at["big", "tco2e"] == 1e200 and led.at["tiny", "tco2e"] == 1e-200


@pytest.mark.parametrize("unit, expected", [
    ("kWh", "expected a unit that fits the factors of activity 'natural_gas' (they are per MMBtu, scf)"),
    ("degC", "it is an offset unit"),
    ("dimensionless", "'dimensionless' does not convert"),
    ("", "the unit is empty"),
])
def test_units_that_do_not_fit(make_inventory, unit, expected):
    rows = HEADER.replace("activity,gas,", "activity,gas,") + f"x,2020,1,stationary_combustion,natural_gas,,1,{unit}\n"
    if unit == "kWh":  # kWh is energy: it fits natural gas per MMBtu, so use a per-litre-only fuel
        rows = HEADER + "x,2020,1,mobile_combustion,mobile_diesel_fuel,,1,kWh\n"
        expected = "expected a unit that fits the factors of activity 'mobile_diesel_fuel' (they are per gallon)"
    assert expected in problems(make_inventory, {"activities/a.csv": rows})


def test_unknown_gas_in_a_record(make_inventory):
    text = problems(make_inventory, {"activities/a.csv": HEADER + "x,2020,1,fugitive,,HFC-404,1,kg\n"})
    assert "record 'x': gas = 'HFC-404': expected a gas listed in the GWP set AR5" in text


def test_duplicate_ids_across_files(make_inventory):
    text = problems(make_inventory, {"activities/a.csv": HEADER + NG, "activities/b.csv": HEADER + NG})
    assert "activities/b.csv, row 2, record 'ng': record_id = 'ng': expected a unique record_id; it is already " \
           "used at activities/a.csv, row 2" in text


def test_years_outside_the_inventory(make_inventory):
    text = problems(make_inventory, {"activities/a.csv": HEADER + NG.replace("2020", "2019")},
                    toml_extra="years = [2020, 2024]\n")
    assert "record 'ng': year = '2019': expected a year of the inventory, 2020 to 2024" in text


def test_factor_file_with_duplicate_keys(make_inventory):
    factors = ("activity,region,year,gas,value,unit,source\n"
               "w,,,CO2e,1,kg/kg,fixture\nw,,,CO2e,1,kg/kg,fixture again\n")
    text = problems(make_inventory, {"f.csv": factors, "activities/a.csv": HEADER + "x,2020,3,1,w,,1,kg\n"},
                    factors='["f.csv"]')
    assert "f.csv, row 2: activity = 'w': expected one row per activity, region, year, gas and unit basis; " \
           "conflicting rows: f.csv row 2, f.csv row 3" in text


def test_factor_gas_missing_from_the_gwp_file(make_inventory):
    factors = "activity,region,year,gas,value,unit,source\nw,,,HFC-9999,1,kg/kg,fixture\n"
    text = problems(make_inventory, {"f.csv": factors, "activities/a.csv": HEADER + "x,2020,3,1,w,,1,kg\n"},
                    factors='["f.csv"]')
    assert "f.csv, row 2: gas = 'HFC-9999': expected a gas the GWP set AR5" in text


def test_gwp_file_of_the_inventory_missing_a_used_gas(make_inventory):
    root = make_inventory({"gwp.csv": "gas,gwp\nCO2,1\nCH4,28\n", "activities/a.csv": HEADER + NG},
                          toml=None, factors='["epa-2025"]')
    text = (root / "inventory.toml").read_text().replace('gwp = "AR5"', 'gwp = "gwp.csv"')
    (root / "inventory.toml").write_text(text)
    with pytest.raises(InputError, match="gas = 'N2O': expected a gas the GWP set gwp.csv"):
        calculate(load_inventory(root))


def test_invalid_toml(make_inventory):
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_inventory(make_inventory({}, toml="organisation = [unclosed\n"))


@pytest.mark.parametrize("key, value", [("activities", '["../../*.csv"]'), ("credits", '"../credits.csv"'),
                                        ("factors", '["../factors"]'), ("gwp", '"../gwp.csv"')])
def test_paths_outside_the_inventory_are_refused(make_inventory, key, value):
    toml = f'organisation = "X"\nbase_year = 2020\n{key} = {value}\n'
    if key != "activities":
        toml += 'factors = ["epa-2025"]\n' if key != "factors" else ""
    root = make_inventory({"activities/a.csv": HEADER + NG}, toml=toml)
    with pytest.raises(ConfigError, match="outside the inventory folder"):
        calculate(load_inventory(root))


def test_symlink_to_a_file_outside_is_refused(make_inventory, tmp_path):
    outside = tmp_path / "elsewhere.csv"
    outside.write_text(HEADER + NG)
    root = make_inventory({"activities/a.csv": HEADER + NG.replace("ng,", "ng2,")})
    os.symlink(outside, root / "activities" / "b.csv")
    with pytest.raises(ConfigError, match="a link to .* outside the inventory folder"):
        load_inventory(root)


def test_a_huge_file_is_refused_with_its_size_not_read(make_inventory):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    big = root / "activities" / "big.csv"
    with big.open("wb") as handle:  # a sparse 1 GB file: no disk used, never read
        handle.write(HEADER.encode())
        handle.truncate(10**9)
    text = problems(make_inventory=lambda *a, **k: root, files={})
    assert "activities/big.csv: expected a file of at most 200 MB; it is 1,000 MB" in text


def test_nothing_is_dropped_silently(make_inventory):
    # 3 good rows, 2 bad: the error names exactly the 2 bad ones; a clean run has every record
    rows = HEADER + NG + "b1,2020,1,process,,CO2e,x,t\n" + NG.replace("ng,", "ng2,") + \
        "b2,2020,9,process,,CO2e,1,t\n" + NG.replace("ng,", "ng3,")
    root = make_inventory({"activities/a.csv": rows})
    with pytest.raises(InputError) as caught:
        calculate(load_inventory(root))
    assert sorted({i.record_id for i in caught.value.issues}) == ["b1", "b2"]
    inventory = load_inventory(root)
    assert inventory.records_read == 5 and len(inventory.records) == 3


# ------------------------------------------------------------------------------- safe outputs
EVIL = ('record_id,year,scope,category,gas,quantity,unit,entity,notes\n'
        '=HYPERLINK("http://x"),2020,1,process,CO2e,1,t,<script>alert(1)</script>,@SUM(A1)\n'
        '+r2,2020,1,process,CO2e,1,t,a|b,-2+3\n')


def test_formulas_are_neutralised_in_the_ledger_csv(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": EVIL})
    assert run_cli("calculate", root, "-o", tmp_path / "l.csv")[0] == 0
    text = (tmp_path / "l.csv").read_text()
    for cell in text.replace("\n", ",").split(","):
        assert not cell.lstrip('"').startswith(("=", "+", "@")), cell
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text and "'+r2" in text


def test_user_text_is_escaped_in_report_md(make_inventory, run_cli, tmp_path):
    toml = 'organisation = "<img src=x onerror=alert(1)> | Co"\nbase_year = 2020\nfactors = []\n'
    root = make_inventory({"activities/a.csv": EVIL}, toml=toml)
    assert run_cli("report", root, "-o", tmp_path / "out")[0] == 0
    md = (tmp_path / "out" / "report.md").read_text()
    assert "<img" not in md and "&lt;img src=x onerror=alert\\(1\\)&gt; \\| Co" in md
    assert json.loads((tmp_path / "out" / "report.json").read_text())["organisation"].startswith("<img")


def test_outputs_are_atomic(make_inventory, tmp_path, monkeypatch):
    from carbon import output
    from carbon.report import files

    target = tmp_path / "report.json"
    target.write_text("previous, complete report")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(output.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(target, "new report")
    assert target.read_text() == "previous, complete report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]  # no half-written temporary left


def test_conservation_check_catches_a_dropped_record(make_inventory, monkeypatch):
    import carbon.emissions as emissions

    root = make_inventory({"activities/a.csv": HEADER + NG + NG.replace("ng,", "ng2,")})
    inventory = load_inventory(root)
    real = emissions._factor_based

    def drops_one(inv, records):
        part, issues = real(inv, records)
        return part.iloc[1:], issues  # a bug that loses a record

    monkeypatch.setattr(emissions, "_factor_based", drops_one)
    with pytest.raises(AssertionError, match="conservation check failed: 2 records read, 1 ledger rows"):
        calculate(inventory)


def test_report_states_conservation(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    assert run_cli("report", root, "-o", tmp_path)[0] == 0
    con = json.loads((tmp_path / "report.json").read_text())["conservation"]
    assert con["records_read"] == con["records_in_ledger"] == 1 and con["status"] == "ok"
    assert con["sum_of_records_tco2e"] == pytest.approx(5.31145, rel=1e-12)
