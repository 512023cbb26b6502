"""Closed years, restatements and the audit trail (issue 19), with hand-worked figures.

Factor used throughout: US EPA GHG Emission Factors Hub 2025, Table 1 Stationary Combustion, Natural
Gas: 53.06 kg CO2, 1 g CH4 and 0.1 g N2O per MMBtu (factors/epa-2025/stationary_combustion.csv); GWP
IPCC AR5 (CH4 28, N2O 265). Per MMBtu: 53.06 + 0.001 x 28 + 0.0001 x 265 = 53.1145 kg CO2e.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from carbon import build_report, calculate, load_inventory
from carbon.audit import check_chain, close_year, record_hashes
from carbon.errors import CarbonError, InputError

KG_PER_MMBTU = 53.06 + 0.001 * 28 + 0.0001 * 265  # 53.1145 kg CO2e per MMBtu (EPA Hub 2025 Table 1, AR5)
HEADER = "record_id,year,scope,category,activity,gas,quantity,unit,notes\n"
ROWS = ("ng-2023,2023,1,stationary_combustion,natural_gas,,1000,MMBtu,boiler\n"
        "co2-2023,2023,1,process,,CO2,10,t,kiln\n"
        "ng-2024,2024,1,stationary_combustion,natural_gas,,800,MMBtu,boiler\n")


@pytest.fixture
def inv(make_inventory) -> Path:
    return make_inventory({"activities/a.csv": HEADER + ROWS})


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _report(run_cli, root: Path, *extra: str) -> dict:
    status, _, err = run_cli("report", root, "-o", root.parent / "out", "--draws", "0", *extra)
    assert status == 0, err
    return json.loads((root.parent / "out" / "report.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------ the scenario
def test_close_restate_audit_and_a_tampered_closed_file(inv, run_cli):
    status, out, err = run_cli("close", inv, "--year", "2023", "--note", "annual report 2023")
    assert status == 0, err
    closed = json.loads((inv / "closed" / "2023.json").read_text(encoding="utf-8"))
    # 1000 MMBtu x 53.1145 kg = 53.1145 t; plus 10 t CO2 (direct): scope 1 = 63.1145 t
    assert closed["totals"]["scope1"] == pytest.approx(63.1145, rel=1e-12)
    assert closed["totals"]["categories"] == pytest.approx({"1.stationary_combustion": 53.1145, "1.process": 10.0},
                                                           rel=1e-12)
    assert sorted(closed["records"]) == ["co2-2023", "ng-2023"]  # records of 2023 only
    assert closed["note"] == "annual report 2023" and closed["previous"] is None
    assert set(closed["files"]) == {"factors", "gwp", "currency", "inputs"}
    assert "factors/gwp/AR5.csv" in closed["files"]["gwp"]
    # every input but the activity files (hashed record by record): inventory.toml here
    assert set(closed["files"]["inputs"]) == {"inventory.toml"}
    assert run_cli("audit", inv)[0] == 0

    # a late invoice: 2023 gas 1000 -> 1200 MMBtu
    _edit(inv / "activities" / "a.csv", "ng-2023,2023,1,stationary_combustion,natural_gas,,1000,",
          "ng-2023,2023,1,stationary_combustion,natural_gas,,1200,")
    report = _report(run_cli, inv)
    assert report["restatements"] == [{
        "year": 2023, "scope": 1, "category": "1.stationary_combustion",
        "previously_stated_tco2e": pytest.approx(53.1145, rel=1e-12),
        "restated_tco2e": pytest.approx(63.7374, rel=1e-12),          # 1200 x 0.0531145
        "change_tco2e": pytest.approx(10.6229, rel=1e-9),             # 200 x 0.0531145
        "records_added": 0, "records_removed": 0, "records_changed": 1, "reason": None}]
    assert report["years"]["2023"]["scope1"] == pytest.approx(73.7374, rel=1e-12)  # recomputed: 63.7374 + 10
    md = (inv.parent / "out" / "report.md").read_text(encoding="utf-8")
    # Markdown punctuation in user text is escaped (report.md never renders links or emphasis from inputs)
    assert "| 2023 | 1 | 1.stationary\\_combustion | 53.11 | 63.74 | 10.62 | 0 | 0 | 1 | no reason on file |" in md
    assert "Restatements of closed years" in (inv.parent / "out" / "report.html").read_text(encoding="utf-8")

    status, out, _ = run_cli("audit", inv)
    assert status == 1
    assert "changed  ng-2023  activities/a.csv, row 2  (1.stationary_combustion)" in out
    assert "2023: record ng-2023 changed (activities/a.csv, row 2)" in out

    (inv / "restatements.csv").write_text("year,record_id,category,reason\n"
                                          "2023,ng-2023,,late December gas invoice\n", encoding="utf-8")
    status, out, _ = run_cli("audit", inv)
    assert status == 0, out
    assert "reason: late December gas invoice" in out
    assert _report(run_cli, inv)["restatements"][0]["reason"] == "late December gas invoice"

    # as published: 2023 as closed (63.1145), 2024 recomputed (800 x 0.0531145 = 42.4916)
    published = _report(run_cli, inv, "--as-published")
    assert published["as_published"] == [2023]
    assert published["years"]["2023"]["scope1"] == pytest.approx(63.1145, rel=1e-12)
    assert published["years"]["2023"]["categories"]["1.stationary_combustion"] == pytest.approx(53.1145, rel=1e-12)
    assert published["years"]["2024"]["scope1"] == pytest.approx(42.4916, rel=1e-12)
    assert len(published["restatements"]) == 1

    # one character of the closed file edited: the chain is broken and audit names the file
    _edit(inv / "closed" / "2023.json", '"note": "annual report 2023"', '"note": "annual report 2024"')
    status, out, _ = run_cli("audit", inv)
    assert status == 1
    assert "chain of 1 closed year(s): BROKEN" in out
    assert "closed/2023.json: edited after closing" in out


def test_a_changed_figure_in_a_closed_file_breaks_its_seal(inv, run_cli):
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    _edit(inv / "closed" / "2023.json", '"scope1": 63.1145', '"scope1": 63.1144')
    status, out, _ = run_cli("audit", inv)
    assert status == 1 and "closed/2023.json: edited after closing: its seal does not match" in out


def test_whitespace_or_invalid_json_in_a_closed_file_breaks_it(inv, run_cli):
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    path = inv / "closed" / "2023.json"
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace("{", "{ ", 1), encoding="utf-8")  # same JSON, one byte more
    assert "closed/2023.json: edited after closing" in run_cli("audit", inv)[1]
    path.write_text(original[:-3], encoding="utf-8")
    status, out, _ = run_cli("audit", inv)
    assert status == 1 and "closed/2023.json: edited after closing: no longer valid JSON" in out


def test_the_chain_links_each_closed_year_to_the_one_before(inv, run_cli):
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    assert run_cli("close", inv, "--year", "2024")[0] == 0
    first, second = inv / "closed" / "2023.json", inv / "closed" / "2024.json"
    link = json.loads(second.read_text(encoding="utf-8"))["previous"]
    assert link == {"year": 2023, "file": "closed/2023.json", "sha256": hashlib.sha256(first.read_bytes()).hexdigest()}
    assert check_chain(inv)[1] == []

    # an edited 2023 file, re-sealed as a forger would: its own seal holds, the link from 2024 does not
    from carbon.audit import _seal, _SEAL, _ZERO

    text = first.read_text(encoding="utf-8").replace('"scope1": 63.1145', '"scope1": 60.0')
    match = _SEAL.search(text)
    text = text[:match.start(1)] + _ZERO + text[match.end(1):]
    text = text.replace(_ZERO, _seal(text), 1)
    first.write_text(text, encoding="utf-8")
    status, out, _ = run_cli("audit", inv)
    assert status == 1
    assert "closed/2023.json: changed after closed/2024.json was chained to it" in out

    first.unlink()  # removed
    status, out, _ = run_cli("audit", inv)
    assert status == 1 and "closed/2024.json: chains to closed/2023.json" in out and "was removed" in out


def test_close_refuses_a_closed_year_an_earlier_year_a_year_without_records_and_a_broken_chain(inv, run_cli):
    assert run_cli("close", inv, "--year", "2024")[0] == 0
    status, _, err = run_cli("close", inv, "--year", "2024")
    assert status == 1 and "2024 is already closed" in err and "restatements.csv" in err
    status, _, err = run_cli("close", inv, "--year", "2023")
    assert status == 1 and "cannot close 2023: 2024 already closed; close years in order" in err
    _edit(inv / "closed" / "2024.json", '"note": ""', '"note": "x"')
    status, _, err = run_cli("close", inv, "--year", "2025")
    assert status == 1 and "chain of closed years is broken" in err and "closed/2024.json" in err


def test_close_refuses_a_year_without_records(inv, run_cli):
    status, _, err = run_cli("close", inv, "--year", "2022")
    assert status == 1 and "no records of 2022 (years with records: 2023, 2024)" in err


def test_added_and_removed_records_are_counted_and_named(inv, run_cli):
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    text = (inv / "activities" / "a.csv").read_text(encoding="utf-8").replace("co2-2023,2023,1,process,,CO2,10,t,kiln\n", "")
    (inv / "activities" / "a.csv").write_text(text, encoding="utf-8")
    (inv / "activities" / "b.csv").write_text(HEADER + "ng-2023b,2023,1,stationary_combustion,natural_gas,,100,MMBtu,\n",
                                              encoding="utf-8")
    rows = {r["category"]: r for r in _report(run_cli, inv)["restatements"]}
    # process: 10 t -> 0; stationary: 53.1145 + 100 x 0.0531145 = 58.42595 t
    assert rows["1.process"]["restated_tco2e"] == 0 and rows["1.process"]["change_tco2e"] == pytest.approx(-10.0)
    assert (rows["1.process"]["records_removed"], rows["1.process"]["records_added"]) == (1, 0)
    assert rows["1.stationary_combustion"]["restated_tco2e"] == pytest.approx(58.42595, rel=1e-12)
    assert rows["1.stationary_combustion"]["records_added"] == 1
    status, out, _ = run_cli("audit", inv)
    assert status == 1
    assert "added    ng-2023b  activities/b.csv, row 2" in out
    assert "removed  co2-2023  activities/a.csv, row 3" in out
    # one category-level reason covers both the records and the figures of that category
    (inv / "restatements.csv").write_text("year,record_id,category,reason\n"
                                          "2023,,1.stationary_combustion,second boiler found in the 2024 audit\n"
                                          "2023,co2-2023,,kiln record was a duplicate of the 2022 one\n",
                                          encoding="utf-8")
    assert run_cli("audit", inv)[0] == 0


def test_record_hash_ignores_row_and_file_order_and_sees_every_value(inv, run_cli):
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    lines = ROWS.splitlines(keepends=True)
    (inv / "activities" / "a.csv").write_text(HEADER + lines[2] + lines[1], encoding="utf-8")
    (inv / "activities" / "z.csv").write_text(HEADER + lines[0].replace(",1000,", ",1000.0,"), encoding="utf-8")
    status, out, _ = run_cli("audit", inv)
    assert status == 0 and "unchanged since closing" in out
    # a text value changes the hash but not the figures: listed, needs a reason, no restatement
    _edit(inv / "activities" / "z.csv", ",boiler", ",boiler 2")
    status, out, _ = run_cli("audit", inv)
    assert status == 1 and "changed  ng-2023  activities/z.csv, row 2" in out
    assert _report(run_cli, inv)["restatements"] == []


def test_record_hashes_do_not_depend_on_row_order(inv):
    records = load_inventory(inv).records
    forward = record_hashes(records)
    backward = record_hashes(records.iloc[::-1].reset_index(drop=True))
    assert forward.to_dict() == backward.to_dict() and forward.nunique() == 3


def test_a_changed_factor_file_restates_a_closed_year_and_needs_a_category_reason(make_inventory, run_cli):
    factors = "activity,region,year,gas,value,unit,source\nboiler_gas,,,CO2,2,kg/kWh,test table row 1\n"
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,activity,quantity,unit\n"
                                               "b1,2023,1,stationary_combustion,boiler_gas,1000,kWh\n",
                           "factors/own.csv": factors}, factors='["factors/own.csv"]')
    assert run_cli("close", root, "--year", "2023")[0] == 0
    _edit(root / "factors" / "own.csv", "CO2,2,kg/kWh", "CO2,3,kg/kWh")  # 1000 kWh x 2 kg = 2 t -> 3 t
    status, out, _ = run_cli("audit", root)
    assert status == 1
    assert "factors file factors/own.csv: changed" in out
    assert "1.stationary_combustion restated from 2 to 3 tCO2e" in out
    (root / "restatements.csv").write_text("year,category,reason\n2023,1.stationary_combustion,factor corrected\n",
                                           encoding="utf-8")
    assert run_cli("audit", root)[0] == 0


# ------------------------------------------------------------------------------ evidence
def test_evidence_hash_goes_into_the_ledger_the_closed_file_and_audit(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,gas,quantity,unit,evidence\n"
                                               "e1,2023,1,process,CO2,5,t,evidence/invoice-1.txt\n"
                                               "e2,2023,1,process,CO2,7,t,\n",
                           "evidence/invoice-1.txt": "invoice 1: 5 t\n"})
    digest = hashlib.sha256(b"invoice 1: 5 t\n").hexdigest()
    inventory = load_inventory(root)
    ledger = calculate(inventory).set_index("record_id")
    assert ledger.at["e1", "evidence"] == "evidence/invoice-1.txt" and ledger.at["e1", "evidence_sha256"] == digest
    assert ledger.at["e2", "evidence_sha256"] == ""
    assert run_cli("close", root, "--year", "2023")[0] == 0
    closed = json.loads((root / "closed" / "2023.json").read_text(encoding="utf-8"))
    assert closed["evidence"] == {"evidence/invoice-1.txt": digest}
    (root / "evidence" / "invoice-1.txt").write_text("invoice 1: 6 t\n", encoding="utf-8")
    status, out, _ = run_cli("audit", root)
    assert status == 1
    assert f"evidence evidence/invoice-1.txt changed: sha256 {digest[:12]}... when closed" in out
    assert "(records e1)" in out
    (root / "restatements.csv").write_text("year,record_id,reason\n2023,e1,supplier re-issued the invoice\n",
                                           encoding="utf-8")
    assert run_cli("audit", root)[0] == 0


@pytest.mark.parametrize("path, expected", [
    ("evidence/missing.txt", "an existing evidence file"),
    ("../outside.txt", "a path inside the inventory folder"),
])
def test_bad_evidence_paths_are_errors_naming_the_record(make_inventory, path, expected):
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,gas,quantity,unit,evidence\n"
                                               f"e1,2023,1,process,CO2,5,t,{path}\n"})
    with pytest.raises(InputError) as err:
        calculate(load_inventory(root))
    assert f"activities/a.csv, row 2, record 'e1': evidence = '{path}': expected {expected}" in str(err.value)


# ------------------------------------------------------------------------------ restatements.csv errors
@pytest.mark.parametrize("rows, expected", [
    ("2023,ng-2023,1.stationary_combustion,both named\n", "a record_id or a category (one of the two)"),
    ("2023,,,nothing named\n", "a record_id or a category (one of the two)"),
    ("2023,,stationary_combustion,no scope\n", "a category key as report.json writes it"),
    ("2023,ng-2023,,\n", "the reason for the change, in words"),
    ("last year,ng-2023,,a reason\n", "the closed year the reason is for"),
])
def test_bad_restatement_rows_are_errors(inv, run_cli, rows, expected):
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    (inv / "restatements.csv").write_text("year,record_id,category,reason\n" + rows, encoding="utf-8")
    status, _, err = run_cli("audit", inv)
    assert status == 1 and "restatements.csv, row 2" in err and expected in err


def test_close_year_api_and_build_report_without_closed_years(inv):
    inventory = load_inventory(inv)
    ledger = calculate(inventory)
    report = build_report(inventory, ledger)
    assert report["restatements"] == [] and report["closed_years"] == [] and report["as_published"] == []
    path = close_year(inventory, ledger, 2023, "n")
    with pytest.raises(CarbonError, match="already closed"):
        close_year(inventory, ledger, 2023)
    assert build_report(inventory, ledger)["closed_years"][0]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_audit_json_and_no_closed_years(inv, run_cli):
    status, out, _ = run_cli("audit", inv)
    assert status == 0 and "no closed years" in out
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    _edit(inv / "activities" / "a.csv", ",10,t,kiln", ",12,t,kiln")  # 10 t -> 12 t of process CO2
    status, out, _ = run_cli("audit", inv, "--json")
    result = json.loads(out)
    assert status == 1 and result["ok"] is False and result["chain"]["intact"] is True
    year = result["years"][0]
    assert [c["record_id"] for c in year["changed"]] == ["co2-2023"] and year["changed"][0]["row"] == 3
    assert year["restatements"][0]["category"] == "1.process"
    assert year["restatements"][0]["change_tco2e"] == pytest.approx(2.0)
    assert result["unexplained"] == ["2023: record co2-2023 changed (activities/a.csv, row 3)",
                                     "2023: 1.process restated from 10 to 12 tCO2e"]


def test_a_credit_of_a_closed_year_changed_needs_a_reason(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,gas,quantity,unit\nr,2023,1,process,CO2,5,t\n",
                           "credits.csv": "credit_id,year,quantity,unit,type\nk1,2023,4,t,removal\n"},
                          toml_extra='credits = "credits.csv"\n')
    assert run_cli("close", root, "--year", "2023")[0] == 0
    (root / "credits.csv").write_text("credit_id,year,quantity,unit,type\nk1,2023,5,t,removal\n", encoding="utf-8")
    status, out, _ = run_cli("audit", root)
    assert status == 1 and "credit   k1 changed" in out and "2023: credit k1 changed" in out
    # the report restates the year's credits: 4 t as published, 5 t now (the net figure moves by 1 t)
    report = _report(run_cli, root)
    assert report["restatements"] == [{
        "year": 2023, "scope": None, "category": "credits", "previously_stated_tco2e": 4.0, "restated_tco2e": 5.0,
        "change_tco2e": 1.0, "records_added": 0, "records_removed": 0, "records_changed": 1, "reason": None}]
    (root / "restatements.csv").write_text("year,record_id,reason\n2023,k1,registry statement corrected\n",
                                           encoding="utf-8")
    assert run_cli("audit", root)[0] == 0
    assert _report(run_cli, root)["restatements"][0]["reason"] == "registry statement corrected"


def test_report_says_when_the_chain_is_broken_or_a_restatement_has_no_reason(inv, run_cli):
    status, _, err = run_cli("report", inv, "-o", inv.parent / "out", "--draws", "0", "--as-published")
    assert status == 0 and "--as-published: " in err and "has no closed years" in err
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    _edit(inv / "activities" / "a.csv", ",10,t,kiln", ",12,t,kiln")
    _edit(inv / "closed" / "2023.json", '"note": ""', '"note": " "')
    status, _, err = run_cli("report", inv, "-o", inv.parent / "out", "--draws", "0")
    assert status == 0
    assert "warning: the chain of closed years" in err and "is broken" in err
    assert "note: 1 restatement(s) of closed years without a reason" in err


def test_audit_of_an_inventory_that_no_longer_calculates_still_checks_the_chain(inv, run_cli):
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    _edit(inv / "closed" / "2023.json", '"note": ""', '"note": "!"')
    _edit(inv / "activities" / "a.csv", ",10,t,kiln", ",ten,t,kiln")
    status, _, err = run_cli("audit", inv)
    assert status == 1
    assert "chain of 1 closed year(s): BROKEN" in err and "closed/2023.json: edited after closing" in err
    assert "record 'co2-2023': quantity = 'ten'" in err


def test_a_resealed_file_with_a_malformed_structure_is_named_not_a_crash(inv, run_cli):
    from carbon.audit import _seal, _SEAL, _ZERO

    assert run_cli("close", inv, "--year", "2023")[0] == 0
    path = inv / "closed" / "2023.json"
    text = path.read_text(encoding="utf-8").replace('"previous": null', '"previous": "none"')
    match = _SEAL.search(text)
    text = text[:match.start(1)] + _ZERO + text[match.end(1):]
    path.write_text(text.replace(_ZERO, _seal(text), 1), encoding="utf-8")
    status, out, _ = run_cli("audit", inv)
    assert status == 1 and "closed/2023.json: not a closed-year file of this engine (previous malformed)" in out


def test_restatements_linked_from_outside_are_refused_without_echoing_them(inv, run_cli, tmp_path):
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    secret = tmp_path / "secret.txt"
    secret.write_text("secret-line-123\n", encoding="utf-8")
    (inv / "restatements.csv").symlink_to(secret)
    for command in ("audit", "validate"):
        status, out, err = run_cli(command, inv)
        assert status == 1 and "points outside the inventory folder" in err
        assert "secret-line-123" not in out + err


def test_validate_says_what_report_says_about_closed_years(inv, run_cli):
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    _edit(inv / "activities" / "a.csv", "ng-2023,2023,1,stationary_combustion,natural_gas,,1000,",
          "ng-2023,2023,1,stationary_combustion,natural_gas,,1200,")
    status, _, err = run_cli("validate", inv)
    assert status == 0 and "1 restatement(s) of closed years without a reason" in err


def test_an_input_file_changed_since_closing_is_named_by_audit(make_inventory, run_cli):
    """An instruments, entities, footprint or mapping file moves figures without a record changing:
    the closed file keeps its hash and audit names it."""
    root = make_inventory({"activities/a.csv": HEADER + ROWS,
                           "metrics.csv": "metric,year,value\nrevenue,2023,100\n"})
    assert run_cli("close", root, "--year", "2023")[0] == 0
    (root / "metrics.csv").write_text("metric,year,value\nrevenue,2023,120\n", encoding="utf-8")
    status, out, _ = run_cli("audit", root)
    assert "inputs file metrics.csv: changed" in out


def test_as_published_shows_a_closed_year_as_it_was_published_throughout(make_inventory, run_cli):
    """Closed 2023: 5 t CO2 and 4 t of credits (net 1 t). Then 7 t and 6 t are on file. As published,
    2023 shows 5 t, 4 t of credits and net 1 t everywhere; no interval of the recomputed figures sits
    beside it, and the conservation line says its sums are the recomputed ones."""
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,gas,quantity,unit\n"
                                               "r,2023,1,process,CO2,5,t\ns,2024,1,process,CO2,3,t\n",
                           "credits.csv": "credit_id,year,quantity,unit,type\nk1,2023,4,t,removal\n"},
                          toml_extra='credits = "credits.csv"\n')
    assert run_cli("close", root, "--year", "2023")[0] == 0
    _edit(root / "activities" / "a.csv", "r,2023,1,process,CO2,5,t", "r,2023,1,process,CO2,7,t")
    (root / "credits.csv").write_text("credit_id,year,quantity,unit,type\nk1,2023,6,t,removal\n", encoding="utf-8")
    status, _, err = run_cli("report", root, "-o", root.parent / "out", "--draws", "200", "--as-published")
    assert status == 0, err
    report = json.loads((root.parent / "out" / "report.json").read_text(encoding="utf-8"))
    y2023 = report["years"]["2023"]
    assert y2023["scope1"] == pytest.approx(5.0) and y2023["credits_tco2e"] == pytest.approx(4.0)
    assert "interval95" not in y2023 and "interval95" in report["years"]["2024"]
    row = next(r for r in report["neutrality_overview"]["years"] if r["year"] == 2023)
    assert row["operational"]["net_tco2e"] == pytest.approx(1.0)
    assert report["conservation"]["years_shown_as_published"] == [2023]
    md = (root.parent / "out" / "report.md").read_text(encoding="utf-8")
    assert "These sums are of the recomputed figures; shown above as published: 2023." in md


def test_verify_sees_closed_files_reasons_and_evidence_change(inv, run_cli):
    assert run_cli("close", inv, "--year", "2023")[0] == 0
    (inv / "restatements.csv").write_text("year,record_id,reason\n2023,ng-2023,meter corrected\n", encoding="utf-8")
    out = inv.parent / "out"
    assert run_cli("report", inv, "-o", out, "--draws", "0")[0] == 0
    assert run_cli("verify", inv, "--lock", out / "carbon.lock")[0] == 0
    (inv / "restatements.csv").write_text("year,record_id,reason\n2023,ng-2023,another reason\n", encoding="utf-8")
    status, _, err = run_cli("verify", inv, "--lock", out / "carbon.lock")
    assert status == 1 and "inputs file restatements.csv: changed" in err
    (inv / "restatements.csv").write_text("year,record_id,reason\n2023,ng-2023,meter corrected\n", encoding="utf-8")
    import shutil

    shutil.rmtree(inv / "closed")
    status, _, err = run_cli("verify", inv, "--lock", out / "carbon.lock")
    assert status == 1 and "inputs file closed/2023.json: in the lock, no longer used" in err
