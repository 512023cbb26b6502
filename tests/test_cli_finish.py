"""The command line as a new user meets it: fast --help, tables for people and TSV/JSON for pipes, search,
readable numbers in explain, messages in the user's words with suggestions, one line for a header problem,
a skeleton that shows what can be added, and factors diff on the shipped example."""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from carbon.terminal import emit_table

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inventories" / "example"
HEADER = "record_id,year,scope,category,activity,gas,quantity,unit,region\n"


# ----------------------------------------------------------------------------------- start-up
@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_import_no_heavy_library(flag):
    code = ("import sys\nfrom carbon.cli import main\ntry:\n    main([" + repr(flag) + "])\nexcept SystemExit:\n    pass\n"
            "heavy = sorted(m for m in ('pandas', 'numpy', 'matplotlib', 'pint', 'pydantic', 'rich') if m in sys.modules)\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert out.returncode == 0, out.stderr
    assert "HEAVY []" in out.stdout
    assert ("carbon 0." in out.stdout) if flag == "--version" else ("usage: carbon" in out.stdout)


def test_public_api_still_importable_from_carbon():
    import carbon
    from carbon import (CarbonError, ConfigError, InputError, Inventory, Issue, build_report, calculate,  # noqa: F401
                        load_inventory, summarise, write_report)

    assert set(carbon.__all__) <= set(dir(carbon))
    with pytest.raises(AttributeError):
        carbon.no_such_name  # noqa: B018


def test_lock_name_in_the_help_is_the_lock_name():
    from carbon import cli, lock

    assert cli.LOCK_NAME == lock.LOCK_NAME


# ----------------------------------------------------------------------------------- tables
class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_piped_categories_are_tab_separated_with_names(run_cli):
    status, out, err = run_cli("categories", EXAMPLE)
    assert status == 0
    lines = out.splitlines()
    assert lines[0].split("\t")[:2] == ["category", "name"] and "status" in lines[0].split("\t")
    row = next(line.split("\t") for line in lines if line.startswith("3.1\t"))
    assert row[1] == "Purchased goods and services"  # the full name, not cut to fit
    assert all(len(line.split("\t")) == len(lines[0].split("\t")) for line in lines)
    assert "relevant categories without records" in err and "relevant categories" not in out


def test_piped_factors_list_is_plain_text(run_cli):
    status, out, _ = run_cli("factors", "list")
    assert status == 0 and "**" not in out and "](" not in out
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0][:6] == ["set", "title", "rows", "files", "problems", "licence"]
    status, out, _ = run_cli("factors", "list", "--json")
    assert {r["set"] for r in json.loads(out)} >= {"epa-2025", "useeio-v1.3", "desnz-2024"}


def test_factors_show_search_finds_paper_by_name(run_cli):
    status, out, _ = run_cli("factors", "show", "useeio-v1.3", "--search", "paper")
    assert status == 0
    rows = {r.split("\t")[0]: r.split("\t") for r in out.splitlines()[1:]}
    header = out.splitlines()[0].split("\t")
    assert header[:2] == ["activity", "name"]
    # US EPA Supply Chain GHG Emission Factors v1.3, NAICS 322121 Paper (except Newsprint) Mills:
    # 0.649 kg CO2e per 2022 USD with margins
    paper = rows["naics_322121"]
    assert paper[1] == "Paper (except Newsprint) Mills" and paper[header.index("value")] == "0.649"
    assert all("paper" in (r[0] + r[1]).lower() for r in rows.values())
    status, _, err = run_cli("factors", "show", "useeio-v1.3", "--search", "unobtainium")
    assert status == 1 and "no activity key or name in factor set 'useeio-v1.3' contains 'unobtainium'" in err


def test_factors_show_json_and_unknown_activity_suggests(run_cli):
    status, out, _ = run_cli("factors", "show", "epa-2025", "--activity", "natural_gas", "--json")
    rows = json.loads(out)
    # EPA GHG Emission Factors Hub 2025, Table 1: natural gas 53.06 kg CO2 per MMBtu
    assert status == 0 and any(r["gas"] == "CO2" and r["value"] == 53.06 and r["unit"] == "kg/MMBtu" for r in rows)
    status, _, err = run_cli("factors", "show", "epa-2025", "--activity", "Natural-Gas2")
    assert status == 1 and "did you mean 'natural_gas'" in err


def test_rich_table_fits_the_terminal_and_never_cuts_a_number(monkeypatch):
    import pandas as pd

    monkeypatch.setenv("COLUMNS", "80")  # an 80-column terminal

    frame = pd.DataFrame({"category": ["3.1", "3.15"], "name": ["Purchased goods and services " * 3, "Investments"],
                          "2020": [12345678.25, 1.5], "2024": [-9876543.125, 0.0]})
    stream = Terminal()
    emit_table(frame, "title", stream=stream, digits=1)
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", stream.getvalue())  # colours and styles off
    assert "12,345,678.2" in text and "-9,876,543.1" in text  # whole, with thousands separators
    assert max(len(line) for line in text.splitlines()) <= 80  # long names wrap instead
    assert "\t" not in text


def test_check_piped_is_tab_separated_and_json_unchanged(run_cli):
    status, out, err = run_cli("check", EXAMPLE)
    assert status == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines[0] == ["status", "rule", "detail", "source"]
    assert {row[0] for row in lines[1:]} <= {"PASS", "FAIL", "WARN", "N/A"}
    assert re.search(r"\d+ pass, \d+ fail, \d+ warn, \d+ not applicable", err)
    status, out, _ = run_cli("check", EXAMPLE, "--json")
    assert status == 0 and isinstance(json.loads(out), list)


def test_attribute_piped_names_categories_and_signs_shares(make_inventory, run_cli):
    # 2020: a 100 t, b 400 t; 2021: a 150 t. Change -350 t: activity +50 t (+14.3% of 350 t), structural -400 t
    # (-114.3%): each share with the sign of its effect
    rows = ("record_id,year,scope,category,gas,quantity,unit\na,2020,1,process,CO2e,100,t\n"
            "b,2020,1,fugitive,CO2e,400,t\na2,2021,1,process,CO2e,150,t\n")
    root = make_inventory({"activities/a.csv": rows}, factors="[]")
    status, out, err = run_cli("attribute", root, "--from", "2020", "--to", "2021")
    assert status == 0
    table = {r.split("\t")[0]: r.split("\t") for r in out.splitlines()}
    head = out.splitlines()[0].split("\t")
    assert head[:5] == ["scope / category", "name", "2020", "2021", "change"]
    assert table["1.process"][1] == "Process emissions"  # named, not a bare code
    assert table["1.fugitive"][1] == "Fugitive emissions (including refrigerant leaks)"
    assert float(table["total"][head.index("change")]) == pytest.approx(-350)
    assert float(table["total"][head.index("activity")]) == pytest.approx(50)
    assert "activity +14.3%" in err and "structural -114.3%" in err


# ----------------------------------------------------------------------------------- explain
def test_explain_shows_ten_digits_and_keeps_the_exact_check(make_inventory, run_cli):
    rows = "record_id,year,scope,category,gas,quantity,unit\ntiny,2020,1,process,CO2e,0.0001,kg\n"
    root = make_inventory({"activities/a.csv": rows}, factors="[]")
    status, out, _ = run_cli("explain", root, "tiny")
    assert status == 0
    # 0.0001 kg = 1e-7 t; float arithmetic gives 1.0000000000000001e-07, shown to 10 digits as 1e-07
    assert "= 1e-07 tCO2e (ledger: 1e-07; recomputed here to the same float, last digit included)" in out
    assert "1.0000000000000001e-07" not in out
    assert not re.search(r"\d\.\d{11,}", out)
    status, out, _ = run_cli("explain", root, "tiny", "--exact")
    assert "= 1.0000000000000001e-07 tCO2e (ledger: 1.0000000000000001e-07;" in out


# ----------------------------------------------------------------------------------- messages
def test_suggestions_for_unit_activity_region_category(make_inventory, run_cli):
    rows = HEADER + ("k,2020,2,electricity,electricity,,100,kwh,US-CAMX\n"
                     "g,2020,1,stationary_combustion,Natural Gas,,100,therm,\n"
                     "f,2020,3,6,flight,,1000,passenger*mile,\n"
                     "r,2020,2,electricity,electricity,,100,MWh,XX-CAMX\n"
                     "c,2020,3,busines travel,air_short_haul,,100,passenger*mile,\n")
    root = make_inventory({"activities/a.csv": rows})
    status, _, err = run_cli("validate", root)
    assert status == 1 and "Traceback" not in err
    assert "unit = 'kwh': expected a unit of measure ('kwh' is not a unit we know; did you mean 'kWh'?)" in err
    assert "activity = 'natural gas'" in err and "did you mean 'natural_gas'?" in err
    assert "activity = 'flight'" in err and "did you mean 'air_short_haul', 'air_medium_haul' or 'air_long_haul'?" in err
    assert "region = 'XX-CAMX'" in err and "did you mean 'US-CAMX'?" in err
    assert "category = 'busines travel'" in err and "did you mean '6' (Business travel)?" in err


def test_missing_activity_names_the_shipped_set_that_has_it(make_inventory, run_cli):
    # hotel stays are in DESNZ 2024 (hotel_stays.csv, hotel_stay_uk), not in the EPA Hub set the inventory lists
    rows = HEADER + "h,2020,3,6,hotel_stay_uk,,3,room*night,\n"
    root = make_inventory({"activities/a.csv": rows})
    status, _, err = run_cli("validate", root)
    assert status == 1
    assert "no factor set has it (searched: epa-2025); the shipped set" in err
    assert re.search(r"the shipped sets? [^:]*'desnz-2024'[^:]* ha(s|ve) it: add '[\w-]+' to factors in inventory.toml",
                     err), err


@pytest.mark.parametrize("written, message", [
    ("30", "[[targets]] 'ops': reduction: reduction = 30 looks like a percentage; write 0.30 for 30% (a fraction), "
           "or \"30%\""),
    ("150", "[[targets]] 'ops': reduction: reduction = 150 is more than 100%; write a fraction between 0 and 1"),
    ('"thirty"', "reduction = 'thirty' is not a number; write a fraction, e.g. 0.30 for 30%"),
])
def test_percentages_are_refused_with_the_fraction_to_write(make_inventory, run_cli, written, message):
    extra = f'[[targets]]\nid = "ops"\nscopes = [1, 2]\nreduction = {written}\ntarget_year = 2030\n'
    root = make_inventory({"activities/a.csv": HEADER + "a,2020,1,process,,CO2e,1,t,\n"}, toml_extra=extra)
    status, _, err = run_cli("validate", root)
    assert status == 1 and message in err and "Input should be" not in err


def test_percent_sign_is_read(make_inventory):
    from carbon import load_inventory

    extra = 'significance_threshold = "5%"\n[[targets]]\nid = "ops"\nscopes = [1, 2]\nreduction = "30%"\n' \
            'target_year = 2030\n'
    root = make_inventory({"activities/a.csv": HEADER + "a,2020,1,process,,CO2e,1,t,\n"}, toml_extra=extra)
    config = load_inventory(root).config
    assert config.targets[0].reduction == pytest.approx(0.30) and config.significance_threshold == pytest.approx(0.05)


def test_unknown_config_keys_get_suggestions(make_inventory, run_cli):
    extra = ('organization = "X"\n[[targets]]\nid = "ops"\nscopes = [1]\nreduction = 0.3\ntaget_year = 2030\n'
             'neutrality_goal_year = 2040\n')
    root = make_inventory({"activities/a.csv": HEADER + "a,2020,1,process,,CO2e,1,t,\n"}, toml_extra=extra)
    status, _, err = run_cli("validate", root)
    assert status == 1
    assert "organization: unknown key; did you mean 'organisation'" in err
    assert "[[targets]] 'ops': taget_year: unknown key; did you mean 'target_year'" in err
    assert "[[targets]] 'ops': target_year: missing: this key is required" in err
    assert ("[[targets]] 'ops': neutrality_goal_year: unknown key in [[targets]]; 'neutrality_goal_year' is a "
            "top-level key: move it above the first [[...]] table") in err


def test_title_row_reported_once(make_inventory, run_cli):
    openpyxl = pytest.importorskip("openpyxl")
    root = make_inventory({"activities/keep.csv": HEADER + "a,2020,1,process,,CO2e,1,t,\n"})
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "data"
    sheet.append(["Example Co activity data 2024"])
    sheet.merge_cells("A1:I1")
    sheet.append(HEADER.strip().split(","))
    for i in range(2000):
        sheet.append([f"r{i}", 2020, 1, "process", "", "CO2e", 1, "t", ""])
    book.save(root / "activities" / "sheet.xlsx")
    (root / "inventory.toml").write_text((root / "inventory.toml").read_text().replace(
        'factors = ["epa-2025"]', 'factors = ["epa-2025"]\nactivities = ["activities/*.csv", "activities/*.xlsx"]'))
    status, _, err = run_cli("validate", root)
    assert status == 1
    lines = [line for line in err.splitlines() if line.startswith("  - ")]
    assert len(lines) == 1, err  # not 2,000
    assert ("activities/sheet.xlsx[data], row 1: header = 'Example Co activity data 2024': expected the header in "
            "row 1: row 1 looks like a title; the header seems to be row 2: delete the rows above it") in err


def test_title_row_in_a_csv(make_inventory, run_cli):
    rows = "Acme activity data 2024,,,,,,,,\n\n" + HEADER + "a,2020,1,process,,CO2e,1,t,\n"
    root = make_inventory({"activities/a.csv": rows})
    status, _, err = run_cli("validate", root)
    assert status == 1 and len([line for line in err.splitlines() if line.startswith("  - ")]) == 1
    assert ("activities/a.csv, row 1: header = 'Acme activity data 2024,,,,,,,,': expected the header in row 1: row 1 "
            "looks like a title; the header seems to be row 3: delete the rows above it") in err


# ----------------------------------------------------------------------------------- init
def test_init_skeleton_shows_every_optional_key_as_a_real_key(run_cli, tmp_path):
    from carbon.config import CategoryDef, InventoryConfig, Target

    status, _, _ = run_cli("init", tmp_path / "mine")
    assert status == 0
    text = (tmp_path / "mine" / "inventory.toml").read_text()
    commented = set(re.findall(r"^# ?(\w+) = ", text, re.M))
    assert {"instruments", "entities", "changes", "metrics", "investments", "consolidation", "years",
            "scope3_relevant", "significance_threshold", "neutrality_goal_year"} <= commented
    assert "[[categories]]" in text and "parent" in commented and "metric" in commented
    known = set(InventoryConfig.model_fields) | set(Target.model_fields) | set(CategoryDef.model_fields)
    assert commented <= known, commented - known
    # uncommenting the optional [[categories]] table still gives a valid configuration
    block = text[text.index("# [[categories]]"):]
    uncommented = "\n".join(line[2:].split("  #")[0] for line in block.splitlines())
    tomllib.loads(uncommented)
    readme = (tmp_path / "mine" / "README.md").read_text()
    assert "report.html" in readme and "instruments.csv" in readme and "changes.csv" in readme
    assert run_cli("validate", tmp_path / "mine")[0] == 0


# ----------------------------------------------------------------------------------- factors diff
def test_readme_factors_diff_on_the_example_works(run_cli):
    # the README's command: the example uses epa-2025, so epa-2024 is the other side
    status, out, err = run_cli("factors", "diff", "epa-2024", "epa-2025", "--inventory", EXAMPLE)
    assert status == 0, err
    assert "effect on " in out and "(which uses epa-2025) of epa-2024 -> epa-2025" in out
    assert "record(s) epa-2024 cannot resolve, left out of both columns above:" in out
    assert "activity = 'car'" in out and "S3-C7-CAR-2020" in out
    status, out, err = run_cli("factors", "diff", "epa-2024", "epa-2025", "--inventory", EXAMPLE, "--json")
    data = json.loads(out)
    unresolved = {u["record_id"] for u in data["unresolved"]}
    assert {"S3-C7-CAR-2020", "S3-C4-TRK-2020"} <= unresolved
    # the supplier footprints (suppliers/*.json) stay a factor source on both sides: their records resolve
    assert not {"S3-C1-TERM-2024", "S3-C1-ROLL-2024"} & unresolved
    effect = {(r["year"], r["scope"]): r for r in data["inventory"]}
    # Scope 1 of the example uses no EPA row that changed between the editions: both sides equal
    assert effect[(2020, 1)]["tco2e_a"] == pytest.approx(effect[(2020, 1)]["tco2e_b"], rel=1e-12)
    # the reverse direction reports the same records and the opposite change
    status, out, _ = run_cli("factors", "diff", "epa-2025", "epa-2024", "--inventory", EXAMPLE, "--json")
    back = {(r["year"], r["scope"]): r for r in json.loads(out)["inventory"]}
    assert back[(2020, 2)]["change"] == pytest.approx(-effect[(2020, 2)]["change"], rel=1e-12)
