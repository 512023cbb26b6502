"""Excel and Parquet in, Excel out: the same totals as CSV, and no formula can run."""

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from carbon import build_report, calculate, load_inventory

EXAMPLE = Path(__file__).resolve().parent.parent / "inventories" / "example"


def totals(root: Path) -> dict:
    inventory = load_inventory(root)
    return build_report(inventory, calculate(inventory))["years"]


def _as(root: Path, suffix: str) -> None:
    """Rewrite every activity CSV of ``root`` as ``suffix`` (cells kept as text, as a user's export would)."""
    for csv in sorted((root / "activities").glob("*.csv")):
        frame = pd.read_csv(csv, dtype=str, keep_default_na=False)
        if suffix == ".xlsx":
            frame.to_excel(csv.with_suffix(".xlsx"), index=False, sheet_name=csv.stem[:31])
        else:
            frame.to_parquet(csv.with_suffix(".parquet"), index=False)
        csv.unlink()
    toml = (root / "inventory.toml").read_text().replace('activities/*.csv', f'activities/*{suffix}')
    (root / "inventory.toml").write_text(toml)


@pytest.mark.parametrize("suffix", [".xlsx", ".parquet"])
def test_same_totals_as_csv(tmp_path, suffix):
    copy = tmp_path / "example"
    shutil.copytree(EXAMPLE, copy)
    _as(copy, suffix)
    assert totals(copy) == totals(EXAMPLE)


def test_numbers_typed_as_numbers_in_excel(tmp_path, make_inventory):
    root = make_inventory({}, name="typed")
    (root / "activities").mkdir()
    frame = pd.DataFrame({"record_id": ["ng"], "year": [2020], "scope": [1], "category": ["stationary_combustion"],
                          "activity": ["natural_gas"], "quantity": [1000.0], "unit": ["therm"]})
    frame.to_excel(root / "activities" / "a.xlsx", index=False)
    text = (root / "inventory.toml").read_text() + 'activities = ["activities/*.xlsx"]\n'
    (root / "inventory.toml").write_text(text)
    led = calculate(load_inventory(root))
    assert led["tco2e"].iloc[0] == pytest.approx(5.31145, rel=1e-12)  # EPA Hub 2025 Table 1, AR5
    assert led["input_file"].iloc[0] == "activities/a.xlsx[Sheet1]" and led["input_row"].iloc[0] == 2


def test_bad_cell_in_excel_names_sheet_and_row(make_inventory):
    root = make_inventory({}, name="bad")
    (root / "activities").mkdir()
    pd.DataFrame({"record_id": ["a", "b"], "year": [2020, 2020], "scope": [1, 1], "category": ["process", "process"],
                  "gas": ["CO2e", "CO2e"], "quantity": [1, "lots"], "unit": ["t", "t"]}).to_excel(
        root / "activities" / "a.xlsx", index=False, sheet_name="Fuel")
    (root / "inventory.toml").write_text((root / "inventory.toml").read_text() + 'activities = ["activities/*.xlsx"]\n')
    from carbon import InputError

    with pytest.raises(InputError, match=r"activities/a.xlsx\[Fuel\], row 3, record 'b': quantity = 'lots'"):
        calculate(load_inventory(root))


def test_credits_from_a_named_sheet(make_inventory):
    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,gas,quantity,unit\nr,2022,1,process,CO2e,10,t\n"},
                          factors="[]", toml_extra='credits = "book.xlsx#Credits"\n', name="credits")
    with pd.ExcelWriter(root / "book.xlsx") as writer:
        pd.DataFrame({"x": [1]}).to_excel(writer, sheet_name="Other", index=False)
        pd.DataFrame({"credit_id": ["c"], "year": [2022], "quantity": [4], "unit": ["t"], "type": ["removal"]}).to_excel(
            writer, sheet_name="Credits", index=False)
    inventory = load_inventory(root)
    assert inventory.credits["tco2e"].tolist() == [4.0]


def test_xlsx_output_neutralises_formulas(make_inventory, run_cli, tmp_path):
    rows = ("record_id,year,scope,category,gas,quantity,unit,notes\n"
            '=1+1,2020,1,process,CO2e,1,t,@SUM(A1)\n+x,2020,1,process,CO2e,2,t,-3\n')
    root = make_inventory({"activities/a.csv": rows}, factors="[]", name="evil")
    assert run_cli("report", root, "-o", tmp_path / "out", "--xlsx")[0] == 0
    book = load_workbook(tmp_path / "out" / "report.xlsx")
    assert book.sheetnames == ["ledger", "totals", "categories", "targets", "neutrality"]
    for sheet in book:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value}"
    values = {c.value for c in book["ledger"][2] + book["ledger"][3]}
    assert "'=1+1" in values and "'@SUM(A1)" in values and "'+x" in values
    totals = {r[0].value: r[4].value for r in book["totals"].iter_rows(min_row=2)}
    assert totals[2020] == 3  # scope1 + ... = total of the two CO2e records
    assert json.loads((tmp_path / "out" / "report.json").read_text())["years"]["2020"]["total"] == 3
