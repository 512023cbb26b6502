"""Output paths (carbon/output.py): the ledger in the format its suffix names, '-' for standard output,
bad places refused without a traceback, the usual file modes, atomic writes (issues 13, 15, 21)."""

from __future__ import annotations

import os
import stat

import pandas as pd
import pyarrow.parquet as pq
import pytest

HEADER = "record_id,year,scope,category,activity,gas,quantity,unit\n"
# EPA GHG Emission Factors Hub 2025, Table 1, natural gas, AR5: 1000 therm -> 5.31145 tCO2e
# (100 MMBtu x 53.06 kg CO2 + 100 x 1.0 g CH4 x 28 + 100 x 0.10 g N2O x 265)
NG = "ng,2020,1,stationary_combustion,natural_gas,,1000,therm\n"
DIRECT = "d,2021,1,process,,CO2e,2.5,t\n"  # a direct emission: 2.5 t CO2e as stated


@pytest.fixture
def inventory(make_inventory):
    return make_inventory({"activities/a.csv": HEADER + NG + DIRECT})


def test_parquet_ledger_is_real_parquet_with_the_csv_columns_and_values(inventory, run_cli, tmp_path):
    assert run_cli("calculate", inventory, "-o", tmp_path / "ledger.csv")[0] == 0
    status, _, err = run_cli("calculate", inventory, "-o", tmp_path / "ledger.parquet")
    assert status == 0, err
    assert (tmp_path / "ledger.parquet").read_bytes()[:4] == b"PAR1"
    parquet = pq.read_table(tmp_path / "ledger.parquet").to_pandas()
    csv = pd.read_csv(tmp_path / "ledger.csv", keep_default_na=False)
    assert list(parquet.columns) == list(csv.columns)
    assert len(parquet) == len(csv) == 2
    by_id = parquet.set_index("record_id")
    assert by_id.at["ng", "tco2e"] == pytest.approx(5.31145, rel=1e-12) and by_id.at["d", "tco2e"] == 2.5
    for column in csv.columns:
        if pd.api.types.is_numeric_dtype(csv[column]):
            assert parquet[column].astype("float64").tolist() == pytest.approx(csv[column].astype("float64").tolist(),
                                                                               rel=1e-15), column
        else:  # text, or a number column with blanks (energy_mwh of a direct emission): NaN is a blank cell in CSV
            shown = parquet[column].map(lambda v: "" if isinstance(v, float) and v != v else str(v))
            assert shown.tolist() == csv[column].astype(str).tolist(), column


def test_xlsx_ledger_below_excels_row_limit(inventory, run_cli, tmp_path):
    status, _, err = run_cli("calculate", inventory, "-o", tmp_path / "ledger.xlsx")
    assert status == 0, err
    book = pd.read_excel(tmp_path / "ledger.xlsx", sheet_name="ledger")
    assert book.set_index("record_id").at["ng", "tco2e"] == pytest.approx(5.31145, rel=1e-12)
    csv_columns = pd.read_csv(pd.io.common.StringIO(run_cli("calculate", inventory)[1])).columns
    assert list(book.columns) == list(csv_columns)


def test_xlsx_ledger_above_excels_row_limit_is_a_clear_error(inventory, run_cli, tmp_path, monkeypatch):
    from carbon.report import files

    monkeypatch.setattr(files, "EXCEL_MAX_ROWS", 2)  # 2 records + header = 3 rows > 2
    status, _, err = run_cli("calculate", inventory, "-o", tmp_path / "ledger.xlsx")
    assert status == 1 and "the ledger has 2 records, more than an Excel sheet holds" in err
    assert f"write {tmp_path / 'ledger.parquet'}" in err and not (tmp_path / "ledger.xlsx").exists()


def test_unknown_ledger_suffix_is_refused_before_any_work(inventory, run_cli, tmp_path):
    status, _, err = run_cli("calculate", inventory, "-o", tmp_path / "ledger.json")
    assert status == 1 and "the ledger is written as .csv, .parquet or .xlsx" in err and "'.json'" in err


@pytest.mark.parametrize("engine", ["pandas", "stream"])
def test_dash_is_standard_output_never_a_file(inventory, run_cli, tmp_path, monkeypatch, engine):
    monkeypatch.chdir(tmp_path)
    status, out, err = run_cli("calculate", inventory, "-o", "-", "--engine", engine, "--summary")
    assert status == 0, err
    assert out.splitlines()[0].startswith('"record_id"' if engine == "stream" else "record_id,")
    assert len(out.strip().splitlines()) == 3 and "tCO2e" in err  # the summary goes to stderr
    assert not (tmp_path / "-").exists() and [p.name for p in tmp_path.iterdir()] == ["inv"]


def test_report_to_dash_is_refused(inventory, run_cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    status, _, err = run_cli("report", inventory, "-o", "-", "--draws", "0")
    assert status == 1 and "the report is a folder of files and cannot go to standard output" in err
    assert [p.name for p in tmp_path.iterdir()] == ["inv"]


def test_a_folder_where_a_file_is_expected(inventory, run_cli, tmp_path):
    status, _, err = run_cli("calculate", inventory, "-o", tmp_path)
    assert status == 1 and f"{tmp_path}: cannot write the ledger here (it is a folder); name a file inside it, " \
                           f"e.g. {tmp_path / 'ledger.csv'}" in err
    status, _, err = run_cli("calculate", inventory, "--engine", "stream", "-o", tmp_path)
    assert status == 1 and "(it is a folder)" in err


def test_an_existing_file_where_a_folder_is_expected(inventory, run_cli, tmp_path):
    existing = tmp_path / "report.html"
    existing.write_text("keep me")
    status, _, err = run_cli("report", inventory, "-o", existing, "--draws", "0")
    assert status == 1 and f"{existing}: cannot write the report here (it is an existing file, and a folder is " \
                           "needed); name a folder" in err
    assert existing.read_text() == "keep me"


@pytest.mark.parametrize("umask, file_mode, folder_mode", [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700),
                                                           (0o002, 0o664, 0o775)])
def test_files_get_the_usual_modes(inventory, run_cli, tmp_path, umask, file_mode, folder_mode):
    old = os.umask(umask)
    try:
        assert run_cli("calculate", inventory, "-o", tmp_path / "ledger.csv")[0] == 0
        assert run_cli("calculate", inventory, "-o", tmp_path / "ledger.parquet")[0] == 0
        assert run_cli("report", inventory, "-o", tmp_path / "out", "--draws", "0", "--xlsx")[0] == 0
        assert run_cli("report", inventory, "-o", tmp_path, "--draws", "0")[0] == 0  # beside other files
    finally:
        os.umask(old)
    written = [tmp_path / "ledger.csv", tmp_path / "ledger.parquet", tmp_path / "carbon.lock", tmp_path / "report.json",
               *(tmp_path / "out").iterdir()]
    assert len(written) == 9
    for path in written:
        assert stat.S_IMODE(path.stat().st_mode) == file_mode, path
    assert stat.S_IMODE((tmp_path / "out").stat().st_mode) == folder_mode


def test_a_link_to_a_file_is_followed_and_kept(inventory, run_cli, tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    assert run_cli("calculate", inventory, "-o", link)[0] == 0
    assert link.is_symlink() and real.read_text().startswith("record_id,")


def test_init_into_a_file_or_unwritable_place(run_cli, tmp_path):
    existing = tmp_path / "notes.txt"
    existing.write_text("keep")
    status, _, err = run_cli("init", existing)
    assert status == 1 and f"{existing}: cannot write the inventory skeleton here (it is an existing file" in err
    status, out, _ = run_cli("init", tmp_path / "inv")
    assert status == 0 and stat.S_IMODE((tmp_path / "inv" / "inventory.toml").stat().st_mode) == 0o666 & ~_umask()
    assert run_cli("validate", tmp_path / "inv")[0] == 0


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_stream_engine_refuses_an_xlsx_ledger_and_a_folder_for_totals(inventory, run_cli, tmp_path):
    status, _, err = run_cli("calculate", inventory, "--engine", "stream", "-o", tmp_path / "ledger.xlsx")
    assert status == 1 and "the stream engine writes the ledger as .parquet or .csv" in err
    status, _, err = run_cli("calculate", inventory, "--engine", "stream", "-o", tmp_path / "l.parquet",
                             "--totals", tmp_path)
    assert status == 1 and f"{tmp_path}: cannot write the totals here (it is a folder)" in err
    assert not (tmp_path / "l.parquet").exists()
