"""The command line: exit codes, outputs, and bad input reported clearly and all together."""

import json

import pytest

GOOD = """\
record_id,year,scope,category,activity,quantity,unit
ng-1,2020,1,stationary_combustion,natural_gas,1000,therm
"""


def test_validate_clean_inventory(make_inventory, run_cli):
    status, out, err = run_cli("validate", make_inventory({"activities/a.csv": GOOD}))
    assert status == 0 and out.startswith("ok:") and "1 records" in out and "no problems, 1 warning" in out
    # the only warning: epa-2025 is graded 'reprint' in its SOURCE.md (read from a third-party copy)
    assert err.count("warning:") == 1 and "[factor_unverified]" in err and "epa-2025" in err
    # the same inventory on a set graded official has none
    own = {"own/f.csv": "activity,region,year,gas,value,unit,source\nnatural_gas,,,CO2e,5.3,kg/therm,test fixture\n",
           "own/SOURCE.md": "| | |\n|---|---|\n| verification | official |\n"}
    status, out, err = run_cli("validate", make_inventory({"activities/a.csv": GOOD, **own}, factors='["own"]',
                                                          name="inv2"))
    assert status == 0 and "no problems, no warnings" in out and err == ""


def test_calculate_to_stdout_and_file(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": GOOD})
    status, out, _ = run_cli("calculate", root)
    assert status == 0
    header, row = out.splitlines()
    assert header.startswith("record_id,year,scope,category,activity,gas,quantity,unit,")
    assert row.startswith("ng-1,2020,1,stationary_combustion,natural_gas,")
    status, out, err = run_cli("calculate", root, "-o", tmp_path / "ledger.csv", "--summary")
    assert status == 0 and (tmp_path / "ledger.csv").read_text().startswith("record_id,")
    assert "5.311" in out  # the summary: 1000 therm of natural gas = 5.31145 t (EPA Hub Table 1, AR5)


def test_help_has_an_example(run_cli):
    for command in ("calculate", "report", "validate"):
        status, out, _ = run_cli(command, "--help")
        assert status == 0 and "example: carbon " + command in out


BAD = """\
record_id,year,scope,category,activity,quantity,unit
good,2020,1,stationary_combustion,natural_gas,10,therm
u1,2020,1,stationary_combustion,natural_gas,10,therms_per_fortnight
u2,2020,1,stationary_combustion,natural_gas,10,kWh_per_hour
dim,2020,1,stationary_combustion,natural_gas,10,kg
cat,2020,1,combustion,natural_gas,10,therm
good,2021,1,stationary_combustion,natural_gas,10,therm
num,2020,1,stationary_combustion,natural_gas,ten,therm
neg,2020,1,stationary_combustion,natural_gas,-5,therm
nof,2020,3,1,unicorn_feed,5,kg
"""


def test_every_bad_input_reported_together(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": BAD, "activities/b.csv": "record_id,year,scope,quantity\nx,2020,1,1\n"})
    status, out, err = run_cli("validate", root)
    assert status == 1 and out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert lines[0].startswith("error: inventory ") and "10 problems" in lines[0]
    expected = [
        # unit that does not parse
        "activities/a.csv, row 3, record 'u1': unit = 'therms_per_fortnight': expected a unit of measure "
        "('therms_per_fortnight' is not a unit we know; did you mean 'therm'?)",
        # a unit whose dimension does not fit the factor (kg against per-MMBtu / per-scf rows)
        "activities/a.csv, row 5, record 'dim': unit = 'kg': expected a unit that fits the factors of activity 'natural_gas'",
        # unknown category
        "activities/a.csv, row 6, record 'cat': category = 'combustion': expected a scope 1 category: stationary_combustion,",
        # duplicate record_id, naming the first place
        "activities/a.csv, row 7, record 'good': record_id = 'good': expected a unique record_id; it is already used at "
        "activities/a.csv, row 2",
        # non-numeric and negative quantity
        "activities/a.csv, row 8, record 'num': quantity = 'ten': expected a finite number",
        "activities/a.csv, row 9, record 'neg': quantity = '-5': expected a quantity of zero or more",
        # missing factor
        "activities/a.csv, row 10, record 'nof': activity = 'unicorn_feed': expected a factor for activity 'unicorn_feed'; "
        "no factor set has it (searched: epa-2025)",
        # missing columns
        "activities/b.csv, row 1: header = 'record_id,year,scope,quantity': expected the column(s) category, unit",
        # ... and its record is not silently dropped
        "activities/b.csv: expected a usable header: none of its 1 record row(s) (rows 2-2) was read",
    ]
    for text in expected:
        assert any(text in line for line in lines), f"missing: {text}\n{err}"


def test_bad_toml_is_one_clear_line(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": GOOD}, toml='organisation = "X"\nbase_year = \n')
    status, _, err = run_cli("validate", root)
    assert status == 1 and "inventory.toml: not valid TOML" in err and "Traceback" not in err


def test_unknown_key_in_toml(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": GOOD}, toml_extra='bsae_year = 2019\n')
    status, _, err = run_cli("validate", root)
    assert status == 1 and "bsae_year: unknown key" in err


def test_bad_target(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": GOOD},
                          toml_extra='[[targets]]\nid = "t"\nscopes = [1, 4]\ntarget_year = 2019\n')
    status, _, err = run_cli("validate", root)
    assert status == 1 and "[[targets]] 't': scopes.1: expected 1, 2 or 3 (got 4)" in err


def test_missing_inventory(run_cli, tmp_path):
    status, _, err = run_cli("validate", tmp_path / "nowhere")
    assert status == 1 and "not a folder" in err


def test_path_outside_the_inventory_is_refused(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": GOOD}, factors='["../elsewhere"]')
    status, _, err = run_cli("validate", root)
    assert status == 1 and "points outside the inventory folder" in err


def test_unknown_gas_and_missing_gwp(make_inventory, run_cli):
    rows = "record_id,year,scope,category,gas,quantity,unit\nr1,2020,1,fugitive,HFC-9999,1,kg\n"
    status, _, err = run_cli("validate", make_inventory({"activities/a.csv": rows}))
    assert status == 1 and "record 'r1': gas = 'HFC-9999': expected a gas listed in the GWP set AR5" in err


def test_usage_error_exits_2(run_cli):
    status, _, _ = run_cli("frobnicate")
    assert status == 2


def test_report_default_and_json(make_inventory, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    root = make_inventory({"activities/a.csv": GOOD})
    status, _, err = run_cli("report", root)
    assert status == 0, err
    data = json.loads((tmp_path / "out" / root.name / "report.json").read_text())
    assert data["years"]["2020"]["scope1"] == pytest.approx(5.31145, rel=1e-12)  # EPA Hub Table 1, AR5
