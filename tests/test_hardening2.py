"""Hardening round two (issue 21): each reproduction of the adversarial probe, and the output rules
of carbon/output.py (issue 15's output bullet, issue 13's ledger formats). docs/bad-inputs.md points here."""

from __future__ import annotations

import contextlib
import json
import os
import re
import socket
import stat
import subprocess
import sys
import threading
import time
import tracemalloc
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from carbon import calculate, load_inventory
from carbon.errors import CarbonError, ConfigError, InputError

HEADER = "record_id,year,scope,category,activity,gas,quantity,unit\n"
# EPA GHG Emission Factors Hub 2025, Table 1, natural gas: 53.06 kg CO2, 1.0 g CH4, 0.10 g N2O per MMBtu;
# 1000 therm = 100 MMBtu -> 5.306 t CO2 + 0.1 kg CH4 x 28 + 0.01 kg N2O x 265 (AR5) = 5.31145 tCO2e
NG = "ng,2020,1,stationary_combustion,natural_gas,,1000,therm\n"
NG_TCO2E = 5.31145
FACTORS = "activity,region,year,gas,value,unit,source\n"
ROOT = Path(__file__).resolve().parents[1]


def problems(make_inventory, files, **kw) -> str:
    root = make_inventory(files, **kw)
    with pytest.raises(CarbonError) as caught:
        calculate(load_inventory(root))
    return str(caught.value)


def stream_problems(root) -> str:
    from carbon.stream import calculate_stream

    with pytest.raises(CarbonError) as caught:
        calculate_stream(root, None)
    return str(caught.value)


# ------------------------------------------------------------------ 1. gas names differing in case
@pytest.mark.parametrize("a, b", [("CO2", "co2"), ("CO2e", "co2e")])
def test_factor_rows_differing_only_in_gas_case_conflict_in_both_engines(make_inventory, a, b):
    root = make_inventory({"f.csv": FACTORS + f"w,,,{a},1,kg/MMBtu,x\nw,,,{b},2,kg/MMBtu,y\n",
                           "activities/a.csv": HEADER + "r,2020,1,stationary_combustion,w,,1000,MMBtu\n"},
                          factors='["f.csv"]')
    expected = "f.csv, row 2: activity = 'w': expected one row per activity, region, year, gas and unit basis; " \
               "conflicting rows: f.csv row 2, f.csv row 3"
    with pytest.raises(InputError) as caught:
        calculate(load_inventory(root))
    assert expected in str(caught.value)
    assert expected in stream_problems(root)


def test_one_factor_row_gives_the_hand_worked_figure(make_inventory):
    # 1000 MMBtu x 1 kg CO2/MMBtu = 1000 kg = 1 t CO2; GWP of CO2 = 1
    root = make_inventory({"f.csv": FACTORS + "w,,,co2,1,kg/MMBtu,x\n",
                           "activities/a.csv": HEADER + "r,2020,1,stationary_combustion,w,,1000,MMBtu\n"},
                          factors='["f.csv"]')
    assert calculate(load_inventory(root))["tco2e"].iloc[0] == pytest.approx(1.0, rel=1e-12)


# ------------------------------------------------------------------ 2. links out of a factor folder
def test_link_in_a_factor_folder_to_a_file_outside_is_refused_without_echoing_it(make_inventory, tmp_path):
    secret = tmp_path / "secret.csv"
    secret.write_text("TOP-SECRET-PASSWORD,hunter2\n")
    root = make_inventory({"myfactors/f.csv": FACTORS + "w,,,CO2,1,kg/MMBtu,x\n",
                           "activities/a.csv": HEADER + "r,2020,1,stationary_combustion,w,,1,MMBtu\n"},
                          factors='["myfactors"]')
    os.symlink(secret, root / "myfactors" / "zz.csv")
    from carbon.stream import calculate_stream

    for run in (lambda: calculate(load_inventory(root)), lambda: calculate_stream(root, None)):
        with pytest.raises(ConfigError) as caught:
            run()
        assert "outside the inventory folder" in str(caught.value) and "myfactors/zz.csv" in str(caught.value)
        assert "SECRET" not in str(caught.value) and "hunter2" not in str(caught.value)


def test_a_sheet_reference_does_not_hide_a_link_outside(make_inventory, tmp_path):
    outside = tmp_path / "outside.xlsx"
    outside.write_bytes(b"not read")
    root = make_inventory({"activities/a.csv": HEADER + NG}, toml_extra='credits = "book.xlsx#Credits"\n')
    os.symlink(outside, root / "book.xlsx")
    with pytest.raises(ConfigError, match="outside the inventory folder"):
        load_inventory(root)


# ------------------------------------------------------------------ 3. #Sheet references
def _book(path: Path, sheets: dict[str, list[list]]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_credits_in_a_named_sheet_report_and_verify(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": HEADER + NG},
                          toml_extra='credits = "book.xlsx#Credits"\nchanges = "book.xlsx#Changes"\n'
                                     'metrics = "book.xlsx#Metrics"\n')
    _book(root / "book.xlsx", {"Notes": [["anything"]],
                               "Credits": [["credit_id", "year", "quantity", "unit", "type"], ["c1", 2020, 2, "t", "removal"]],
                               "Changes": [["change_id", "year", "type", "scope", "base_year_tco2e"],
                                           ["m1", 2021, "methodology", 1, -0.5]],
                               "Metrics": [["metric", "year", "value"], ["revenue", 2020, 10]]})
    out = tmp_path / "out"
    status, _, err = run_cli("report", root, "-o", out, "--draws", "0")
    assert status == 0, err
    assert (out / "carbon.lock").is_file()
    lock = json.loads((out / "carbon.lock").read_text())
    assert "book.xlsx" in lock["files"]["inputs"] and not any("#" in name for name in lock["files"]["inputs"])
    report = json.loads((out / "report.json").read_text())
    assert report["years"]["2020"]["credits_tco2e"] == 2.0
    status, _, err = run_cli("verify", root, "--lock", out / "carbon.lock")
    assert status == 0, err


# ------------------------------------------------------------------ 4. denial of service
@pytest.mark.parametrize("unit, why", [("MMBtu**9**9**9", "one exponent per unit"),
                                       ("MMBtu**99", "an exponent of at most 12"),
                                       ("MMBtu^999999999999", "an exponent of at most 12"),
                                       ("(" * 60 + "MMBtu" + ")" * 60, "longer than 100 characters"),
                                       ("*".join(["m"] * 17), "more than 16 units")])
def test_unit_expressions_are_bounded_in_both_engines(make_inventory, unit, why):
    root = make_inventory({"activities/a.csv": HEADER + f"r,2020,1,stationary_combustion,natural_gas,,1,{unit}\n"})
    start = time.perf_counter()
    with pytest.raises(InputError, match=why):
        calculate(load_inventory(root))
    assert why in stream_problems(root)
    assert time.perf_counter() - start < 10


def test_units_within_the_bound_still_work():
    from carbon.units import tonnes_per_unit

    # 1 m**3 at 1 kg/m^3 = 1 kg = 0.001 t; 2 km**2 ... conversions are pint's
    assert tonnes_per_unit("m**3", "kg/m^3") == pytest.approx(1e-3, rel=1e-12)
    assert tonnes_per_unit("MMBtu**1", "kg/MMBtu") == pytest.approx(1e-3, rel=1e-12)


@contextlib.contextmanager
def bounded_memory(megabytes: float):
    """The block allocates at most ``megabytes`` more than before it at its peak (tracemalloc)."""
    tracemalloc.start()
    try:
        yield
        _, peak = tracemalloc.get_traced_memory()
        assert peak < megabytes * 1e6, f"peak {peak / 1e6:.0f} MB"
    finally:
        tracemalloc.stop()


def _patch_xml(path: Path, member: str, change) -> None:
    with zipfile.ZipFile(path) as src:
        items = [(info, src.read(info.filename)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info, data in items:
            dst.writestr(info.filename, change(data) if info.filename == member else data)


def test_xlsx_declaring_a_huge_dimension_reads_in_linear_time(make_inventory):
    root = make_inventory({}, toml_extra='activities = ["activities/*.xlsx"]\n')
    (root / "activities").mkdir()
    book = root / "activities" / "a.xlsx"
    _book(book, {"S": [["record_id", "year", "scope", "category", "activity", "gas", "quantity", "unit"],
                       ["ng", 2020, 1, "stationary_combustion", "natural_gas", None, 1000, "therm"]]})
    _patch_xml(book, "xl/worksheets/sheet1.xml",
               lambda d: re.sub(rb'<dimension ref="[A-Z0-9:]+"\s*/>', b'<dimension ref="A1:XFD1048576"/>', d))
    with zipfile.ZipFile(book) as z:
        assert b"XFD1048576" in z.read("xl/worksheets/sheet1.xml")
    start = time.perf_counter()
    with bounded_memory(50):
        ledger = calculate(load_inventory(root))
    assert time.perf_counter() - start < 10
    assert ledger["tco2e"].iloc[0] == pytest.approx(NG_TCO2E, rel=1e-12)


def test_xlsx_cell_far_to_the_right_is_an_issue_not_a_padded_row(make_inventory):
    root = make_inventory({}, toml_extra='activities = ["activities/*.xlsx"]\n')
    (root / "activities").mkdir()
    book = root / "activities" / "a.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["record_id", "year", "scope", "category", "activity", "gas", "quantity", "unit"])
    ws.append(["ng", 2020, 1, "stationary_combustion", "natural_gas", None, 1000, "therm"])
    ws.cell(row=3, column=16_000, value="far")
    wb.save(book)
    start = time.perf_counter()
    with bounded_memory(50), pytest.raises(InputError, match=r"row 3: expected at most 8 cells a row"):
        calculate(load_inventory(root))
    assert time.perf_counter() - start < 10


def test_xlsx_unpacking_beyond_the_size_limit_is_refused(make_inventory):
    root = make_inventory({}, toml_extra='activities = ["activities/*.xlsx"]\nmax_file_mb = 0.1\n')
    (root / "activities").mkdir()
    book = root / "activities" / "a.xlsx"
    rows = [["record_id", "year", "scope", "category", "activity", "gas", "quantity", "unit"]]
    rows += [[f"r{i}", 2020, 1, "process", None, "CO2e", 1, "t" + " " * 50] for i in range(2000)]
    _book(book, {"S": rows})
    assert book.stat().st_size < 100_000
    with pytest.raises(InputError, match=r"a workbook that unpacks to at most 0.1 MB; this one unpacks to"):
        calculate(load_inventory(root))


# ------------------------------------------------------------------ 5. the report set
def _report(run_cli, root, out, *extra) -> None:
    status, _, err = run_cli("report", root, "-o", out, "--draws", "0", *extra)
    assert status == 0, err


def test_verify_checks_every_report_file_against_the_lock(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    out = tmp_path / "out"
    _report(run_cli, root, out, "--xlsx")
    lock = json.loads((out / "carbon.lock").read_text())
    assert sorted(lock["outputs"]) == ["report.html", "report.json", "report.md", "report.xlsx"]
    assert run_cli("verify", root, "--lock", out / "carbon.lock")[0] == 0
    report = json.loads((out / "report.json").read_text())
    assert report["years"]["2020"]["total"] == pytest.approx(NG_TCO2E, rel=1e-12)
    report["years"]["2020"]["total"] = 1.0  # report.json from another run beside this lock
    (out / "report.json").write_text(json.dumps(report))
    status, _, err = run_cli("verify", root, "--lock", out / "carbon.lock")
    assert status == 1 and "report file report.json: not the file this lock was written with" in err
    (out / "report.md").unlink()
    status, _, err = run_cli("verify", root, "--lock", out / "carbon.lock")
    assert "report file report.md: listed in the lock, missing" in err


def test_report_set_is_swapped_in_whole_and_no_temporary_is_left(make_inventory, run_cli, tmp_path, monkeypatch):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    out = tmp_path / "reports" / "out"
    _report(run_cli, root, out, "--xlsx")
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert sorted(first) == ["carbon.lock", "report.html", "report.json", "report.md", "report.xlsx"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]
    # a second run without --xlsx replaces the whole set: no stale report.xlsx from the first
    _report(run_cli, root, out)
    assert sorted(p.name for p in out.iterdir()) == ["carbon.lock", "report.html", "report.json", "report.md"]
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]
    # a crash while the set is made leaves the previous set whole, and nothing else
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    import carbon.report.markdown as markdown

    monkeypatch.setattr(markdown, "render_markdown", lambda report: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        run_cli("report", root, "-o", out, "--draws", "0")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]
    # what a writer killed with -9 leaves (its staging folder) goes with the next run
    monkeypatch.undo()
    (out.parent / ".out.k1ll3d.partial").mkdir()
    (out.parent / ".out.k1ll3d.partial" / "report.json").write_text("half")
    _report(run_cli, root, out)
    assert sorted(p.name for p in out.parent.iterdir()) == ["out"]


def test_report_into_a_folder_with_other_files_keeps_them_and_writes_the_lock_last(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    _report(run_cli, root, root, "--xlsx")  # into the inventory folder itself: verify finds INVENTORY/carbon.lock
    assert (root / "report.xlsx").is_file()
    _report(run_cli, root, root)  # the earlier set's report.xlsx goes with it; the inventory's files stay
    assert not (root / "report.xlsx").exists()
    assert (root / "inventory.toml").is_file() and (root / "activities" / "a.csv").is_file()
    assert not [p for p in root.iterdir() if p.name.startswith(".")]
    status, out, err = run_cli("verify", root)
    assert status == 0 and "4 files unchanged" not in err and "3 report files as written" in out


def test_concurrent_reports_into_one_folder_leave_one_consistent_set(make_inventory, tmp_path):
    one = make_inventory({"activities/a.csv": HEADER + NG}, name="one")
    two = make_inventory({"activities/a.csv": HEADER + NG.replace(",1000,", ",2000,")}, name="two")
    out = tmp_path / "shared"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    runs = [subprocess.Popen([sys.executable, "-m", "carbon", "report", str(inv), "-o", str(out), "--draws", "0"],
                             env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) for inv in (one, two)]
    errors = [r.communicate(timeout=120)[1] for r in runs]
    assert [r.returncode for r in runs] == [0, 0], errors
    verified = [subprocess.run([sys.executable, "-m", "carbon", "verify", str(inv), "--lock", str(out / "carbon.lock")],
                               env=env, capture_output=True).returncode for inv in (one, two)]
    assert sorted(verified) == [0, 1]  # the set is one run's, whole: its own inventory verifies, the other not
    total = json.loads((out / "report.json").read_text())["years"]["2020"]["total"]
    assert total == pytest.approx(NG_TCO2E * (1 if verified[0] == 0 else 2), rel=1e-12)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


# ------------------------------------------------------------------ 6. credits without activity
def test_credits_in_a_year_without_activity_are_reported(make_inventory, run_cli, tmp_path):
    credits = "credit_id,year,quantity,unit,type\nc20,2020,1,t,removal\nc22,2022,3,t,avoidance\n"
    root = make_inventory({"activities/a.csv": HEADER + NG, "credits.csv": credits},
                          toml_extra='credits = "credits.csv"\n[[targets]]\nid = "nz"\nkind = "neutrality"\n'
                                     'scopes = [1]\ntarget_year = 2030\n')
    out = tmp_path / "out"
    _report(run_cli, root, out)
    report = json.loads((out / "report.json").read_text())
    overview = {r["year"]: r for r in report["neutrality_overview"]["years"]}
    assert overview[2022]["credits_avoidance_tco2e"] == 3.0 and overview[2022]["activity_data"] is False
    assert overview[2022]["corporate"]["net_tco2e"] is None
    rows = {r["year"]: r for r in report["neutrality"]}
    assert rows[2022]["status"] == "no_activity_data" and rows[2022]["credits_tco2e"] == 3.0
    # 2020: gross 5.31145 (EPA Hub 2025 Table 1, see NG) - 1 t of removals = 4.31145 net
    assert rows[2020]["net_tco2e"] == pytest.approx(NG_TCO2E - 1.0, rel=1e-12)
    assert report["neutrality_overview"]["gap"]["latest_year"] == 2020
    md = (out / "report.md").read_text()
    assert "| nz | 2022 | n/a | 3.00 | 0.00 | n/a | 4.25 | n/a | no_activity_data |" in md
    assert "| 2022 | n/a | n/a | n/a | n/a | 3.00 | 0.00 | n/a |" in md
    # straight line from the 2020 base (5.31145) to zero in 2030: 2022 is 2/10 of the way, 5.31145 x 0.8
    assert rows[2022]["trajectory_tco2e"] == pytest.approx(NG_TCO2E * 0.8, rel=1e-12)
    assert "no_activity_data" in (out / "report.html").read_text().replace(" ", "_")
    status, text, _ = run_cli("check", root)
    assert "4.00 tCO2e of retired credits" in text and "credits retired in 2022, a year without activity" in text


# ------------------------------------------------------------------ 7. report.md and the streamed CSV
def test_markdown_links_and_remote_images_are_not_live(make_inventory, run_cli, tmp_path):
    toml = ('organisation = "Co ![x](https://evil.example/p.png) [click](https://evil.example)"\n'
            'base_year = 2020\nfactors = ["epa-2025"]\n')
    root = make_inventory({"activities/a.csv": HEADER + NG}, toml=toml)
    _report(run_cli, root, tmp_path / "out")
    md = (tmp_path / "out" / "report.md").read_text()
    assert "](" not in md.split("\n")[0] and "![" not in md and "https://" not in md
    assert r"\!\[x\]\(https\://evil.example/p.png\)" in md


def test_streamed_csv_ledger_is_formula_neutralised(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,gas,quantity,unit,notes\n"
                                               "=cmd,2020,1,process,CO2e,2,t,+SUM(A1)\n"}, factors="[]")
    for engine in ("stream", "pandas"):
        out = tmp_path / f"{engine}.csv"
        status, _, err = run_cli("calculate", root, "-o", out, "--engine", engine)
        assert status == 0, err
        ledger = pd.read_csv(out, dtype=str, keep_default_na=False)
        assert ledger["record_id"].iloc[0] == "'=cmd"
        if "notes" in ledger.columns:  # the stream engine's ledger has no text columns but id and category
            assert ledger["notes"].iloc[0] == "'+SUM(A1)"


# ------------------------------------------------------------------ 8. devices, FIFOs, /dev/stdout
def test_a_fifo_is_written_into_never_replaced(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    fifo = tmp_path / "ledger.csv"
    os.mkfifo(fifo)
    got = {}
    reader = threading.Thread(target=lambda: got.setdefault("text", fifo.read_text()))
    reader.start()
    status, _, err = run_cli("calculate", root, "-o", fifo)
    reader.join(timeout=30)
    assert status == 0, err
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert got["text"].startswith("record_id,") and "ng,2020,1" in got["text"]


@pytest.mark.parametrize("engine", ["pandas", "stream"])
def test_dev_null_stays_a_device(make_inventory, run_cli, engine):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    status, _, err = run_cli("calculate", root, "-o", "/dev/null", "--engine", engine)
    assert status == 0, err
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_dev_stdout_is_written_through_not_replaced(tmp_path):
    target = tmp_path / "captured.txt"
    code = ("from carbon.output import write_file; write_file('/dev/stdout', 'through stdout\\n')")
    with target.open("w") as handle:
        subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=handle,
                       check=True)
    assert target.read_text() == "through stdout\n"
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.stat("/dev/stdout").st_mode)


def test_a_socket_is_refused(run_cli, tmp_path, make_inventory):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    path = tmp_path / "s.csv"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        status, _, err = run_cli("calculate", root, "-o", path)
        assert status == 1 and f"{path}: cannot write the ledger here (it is a device or socket" in err
        assert stat.S_ISSOCK(os.stat(path).st_mode)
    finally:
        server.close()


# ------------------------------------------------------------------ 9. no traceback
GWP_FILES = {"empty": b"", "latin-1": "gas,gwp\nCO2,1\nCH\xe74,28\n".encode("latin-1"),
             "malformed": b'gas,gwp\nCO2,1\n"CH4,28\n'}


@pytest.mark.parametrize("kind", sorted(GWP_FILES))
@pytest.mark.parametrize("table", ["gwp", "exchange_rates", "uncertainty_mapping"])
def test_unusable_small_tables_are_clear_errors(make_inventory, run_cli, tmp_path, kind, table):
    root = make_inventory({"activities/a.csv": HEADER + NG}, toml_extra=f'{table} = "t.csv"\n' if table != "gwp" else "")
    if table == "gwp":
        text = (root / "inventory.toml").read_text().replace('gwp = "AR5"', 'gwp = "t.csv"')
        (root / "inventory.toml").write_text(text)
    (root / "t.csv").write_bytes(GWP_FILES[kind])
    for command in (["validate", root], ["report", root, "-o", tmp_path / "out", "--draws", "10"]):
        status, _, err = run_cli(*command)
        assert status == 1 and "t.csv" in err and "expected" in err, err


@pytest.mark.parametrize("content, expected", [
    ('"record\nid",year,scope,category,gas,quantity,unit\n', "column names on one line"),
    ("record_id," + "x" * (1 << 20) + ",year\n", "a header row of at most 1,048,576 bytes"),
])
def test_bad_headers_are_clear_errors(make_inventory, content, expected):
    assert expected in problems(make_inventory, {"activities/a.csv": content + "r,2020,1,process,CO2e,1,t\n"})


def test_deeply_nested_toml_and_infinite_limits(make_inventory, run_cli):
    root = make_inventory({}, toml="organisation = 'X'\nbase_year = 2020\nx = " + "[" * 50_000 + "]" * 50_000 + "\n")
    status, _, err = run_cli("validate", root)
    assert status == 1 and "nested too deeply" in err
    root = make_inventory({"activities/a.csv": HEADER + NG}, toml_extra="max_file_mb = inf\n", name="inf")
    status, _, err = run_cli("validate", root)
    assert status == 1 and "max_file_mb: expected a finite number" in err


def test_emissions_that_overflow_only_when_summed(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": HEADER + "a,2020,1,process,,CO2e,1e308,t\nb,2020,1,process,,CO2e,1e308,t\n"})
    status, _, err = run_cli("validate", root)
    assert status == 1 and "activities/a.csv, row 3, record 'b': quantity = '1e+308'" in err
    assert "the sum overflows" in err


def test_an_infinite_intensity_is_a_clear_error(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": HEADER + NG + NG.replace("ng,2020", "ng2,2021"),
                           "metrics.csv": "metric,year,value\nrevenue,2020,1e-320\nrevenue,2021,1\n"},
                          toml_extra='[[targets]]\nid = "int"\nkind = "intensity"\nmetric = "revenue"\n'
                                     'scopes = [1]\nreduction = 0.5\ntarget_year = 2030\n')
    for command in (["validate", root], ["report", root, "-o", tmp_path / "out", "--draws", "0"]):
        status, _, err = run_cli(*command)
        assert status == 1 and "metric 'revenue' in 2020 = 1e-320" in err and "target 'int'" in err


def test_control_characters_in_text_with_xlsx(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,gas,quantity,unit,notes\n"
                                               "r1,2020,1,process,CO2e,2,t,bell\x07 and escape\x1b[31m\n"}, factors="[]")
    _report(run_cli, root, tmp_path / "out", "--xlsx")
    ledger = pd.read_excel(tmp_path / "out" / "report.xlsx", sheet_name="ledger", dtype=str)
    assert ledger["notes"].iloc[0] == "bell\\x07 and escape\\x1b[31m"


def test_output_places_that_cannot_be_written(make_inventory, run_cli, tmp_path, monkeypatch):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    blocker = tmp_path / "blocker"
    blocker.write_text("a file")
    status, _, err = run_cli("report", root, "-o", blocker / "out", "--draws", "0")
    assert status == 1 and f"{blocker / 'out'}: cannot write the report here ({blocker} is a file, not a folder)" in err
    status, _, err = run_cli("calculate", root, "-o", blocker / "ledger.csv")
    assert status == 1 and f"{blocker} is a file, not a folder" in err
    import carbon.output as output

    monkeypatch.setattr(output.os, "access", lambda path, mode: False)  # a read-only place (we may be root)
    status, _, err = run_cli("calculate", root, "-o", tmp_path / "ro" / "ledger.csv")
    assert status == 1 and "is not writable); name a folder you can write to" in err
    monkeypatch.undo()

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", full)
    status, _, err = run_cli("calculate", root, "-o", tmp_path / "ledger.csv")
    assert status == 1 and "(the disk is full)" in err
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_foreign_carbon_lock_in_the_output_folder(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    out = tmp_path / "out"
    out.mkdir()
    (out / "carbon.lock").write_text('{"package": "something else"}')
    status, _, err = run_cli("report", root, "-o", out, "--draws", "0")
    assert status == 1 and "carbon.lock: not a carbon.lock written by carbon" in err
    (out / "carbon.lock").write_text("[[lock]]\nname = 'x'\n")
    status, _, err = run_cli("report", root, "-o", out, "--draws", "0")
    assert status == 1 and "not a carbon.lock (invalid JSON" in err
    assert (out / "carbon.lock").read_text() == "[[lock]]\nname = 'x'\n"


@pytest.mark.parametrize("option, value, expected", [("--seed", "-1", "--seed -1: expected a whole number from 0"),
                                                     ("--seed", str(2**32), "expected a whole number from 0"),
                                                     ("--draws", "-5", "--draws -5: expected a number of draws")])
def test_bad_run_options(make_inventory, run_cli, tmp_path, option, value, expected):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    status, _, err = run_cli("report", root, "-o", tmp_path / "out", option, value)
    assert status == 1 and expected in err and not (tmp_path / "out").exists()


# ------------------------------------------------------------------ 10. validation gaps
def test_a_change_dated_before_the_base_year_is_refused(make_inventory):
    changes = "change_id,year,type,scope,base_year_tco2e\nold,1800,methodology,1,-5\nearly,2019,error,1,-1\n"
    text = problems(make_inventory, {"activities/a.csv": HEADER + NG, "changes.csv": changes})
    assert "changes.csv, row 2, record 'old': year = '1800': expected a year between 1990 and 2100" in text
    assert "record 'early': year = '2019': expected a year from the base year 2020 on" in text


def test_co2_gwp_other_than_one_is_refused(make_inventory):
    root = make_inventory({"activities/a.csv": HEADER + NG, "gwp.csv": "gas,gwp\nCO2,2\nCH4,28\nN2O,265\n"})
    text = (root / "inventory.toml").read_text().replace('gwp = "AR5"', 'gwp = "gwp.csv"')
    (root / "inventory.toml").write_text(text)
    with pytest.raises(ConfigError, match="gas 'CO2': CO2 is the reference gas, its GWP is 1 by definition"):
        load_inventory(root)


def test_exponent_forms_of_whole_numbers_are_refused(make_inventory):
    text = problems(make_inventory, {"activities/a.csv": HEADER + "y,2.02e3,1,process,,CO2e,1,t\n"
                                                                  "c,2020,3,1e1,,CO2e,1,t\n"
                                                                  "ok,2020.0,3,10,,CO2e,1,t\n"})
    assert "record 'y': year = '2.02e3': expected a whole-number reporting year" in text
    assert "record 'c': category = '1e1': expected a scope 3 category" in text
    assert "record 'ok'" not in text
    root = make_inventory({"activities/a.csv": HEADER + NG}, toml='organisation = "X"\nbase_year = 2.02e3\n',
                          name="toml")
    with pytest.raises(ConfigError, match="base_year: expected a valid integer"):
        load_inventory(root)


# ------------------------------------------------------------------ 11. trailing comma, terminals, reruns
def test_a_trailing_comma_on_data_rows_names_the_right_rows_in_both_engines(make_inventory):
    root = make_inventory({"activities/a.csv": HEADER + NG.replace("\n", ",\n") + "bad,2020,1,process,,CO2e,x,t,\n"})
    with pytest.raises(InputError) as caught:
        calculate(load_inventory(root))
    text = str(caught.value)
    assert "activities/a.csv, row 2: expected 8 cells a row, as in the header; this row has 9 (a trailing comma?)" in text
    assert "activities/a.csv, row 3: expected 8 cells a row" in text
    assert "record 'stationary_combustion'" not in text and "'1000'" not in text  # no shifted columns
    streamed = stream_problems(root)
    assert "activities/a.csv, row 2: expected 8 cells a row" in streamed and "row 3: expected 8 cells" in streamed
    root = make_inventory({"activities/a.csv": HEADER + NG.replace("\n", ",surplus\n")}, name="extra")
    with pytest.raises(InputError, match=r"row 2: expected 8 cells a row, as in the header; this row has 9$"):
        calculate(load_inventory(root))
    root = make_inventory({"activities/a.csv": HEADER + NG}, name="fine")  # the same record without the comma
    assert calculate(load_inventory(root))["tco2e"].iloc[0] == pytest.approx(NG_TCO2E, rel=1e-12)


def test_check_prints_no_terminal_escape_codes_when_piped(make_inventory, run_cli):
    root = make_inventory({"activities/a.csv": HEADER + NG},
                          toml_extra='[[targets]]\nid = "t\\u001b[2J"\nscopes = [1]\nreduction = 0.3\ntarget_year = 2030\n')
    status, out, _ = run_cli("check", root)
    assert status == 0 and "\x1b" not in out and "t\\x1b[2J" in out


def test_report_xlsx_is_identical_between_reruns(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": HEADER + NG})
    _report(run_cli, root, tmp_path / "a", "--xlsx")
    time.sleep(1.1)  # zip entries and document properties carried the time of writing
    _report(run_cli, root, tmp_path / "b", "--xlsx")
    for name in ("report.xlsx", "report.json", "report.md", "report.html", "carbon.lock"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_a_sheet_reference_through_a_link_inside_the_inventory(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": HEADER + NG}, toml_extra='credits = "book.xlsx#Credits"\n')
    (root / "data").mkdir()
    _book(root / "data" / "real.xlsx", {"Credits": [["credit_id", "year", "quantity", "unit", "type"],
                                                    ["c1", 2020, 2, "t", "removal"]]})
    os.symlink(root / "data" / "real.xlsx", root / "book.xlsx")
    inventory = load_inventory(root)
    assert inventory.credits["tco2e"].tolist() == [2.0]
