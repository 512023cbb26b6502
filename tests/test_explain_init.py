"""carbon explain, carbon init, and the terminal tables."""

import io
import re

import pandas as pd
import pytest

from carbon import calculate, load_inventory

EXAMPLE = "inventories/example"


def _floats(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+\.\d+(?:e-?\d+)?|-?\d+e-?\d+", text)]


@pytest.mark.parametrize("record", ["S1-NG-SFO-2020", "S1-FLT-GAS-2022", "S3-C6-AIR-SHORT-2023", "S3-C1-CLOUD-2023"])
def test_explain_reproduces_the_record_to_the_last_digit(run_cli, record):
    ledger = calculate(load_inventory(EXAMPLE)).set_index("record_id")
    if record not in ledger.index:
        pytest.skip(f"the example has no record {record}")
    status, out, _ = run_cli("explain", EXAMPLE, record, "--exact")
    assert status == 0
    lines = out.splitlines()
    # the tCO2e-per-unit line: its printed terms, summed left to right, give its printed result exactly
    coef_line = next(line for line in lines if line.startswith("tCO2e per "))
    terms, result = coef_line.split(" = ")[1], float(coef_line.split(" = ")[-1])
    total = 0.0
    for term in terms.split(" + "):
        a, b = term.split(" x ")
        total += float(a) * float(b)
    assert total == result
    # the quantity line: quantity x coefficient, exactly as printed
    product = next(line for line in lines if "(location-based / factor)" in line)
    q, coef, value = _floats(product)[:3]
    assert q * coef == value
    final = float(lines[-1].split()[1])
    assert final == ledger.at[record, "tco2e"]  # to the last digit


def test_explain_direct_and_unknown(run_cli):
    ledger = calculate(load_inventory(EXAMPLE))
    direct = ledger.loc[ledger["calculation"] == "direct", "record_id"].iloc[0]
    status, out, _ = run_cli("explain", EXAMPLE, direct, "--exact")
    assert status == 0 and "direct emission of" in out
    assert float(out.splitlines()[-1].split()[1]) == ledger.set_index("record_id").at[direct, "tco2e"]
    status, _, err = run_cli("explain", EXAMPLE, "S1-NG-SFO")
    assert status == 1 and "no record 'S1-NG-SFO'" in err and "did you mean: S1-NG-SFO-2020" in err


def test_explain_total_lists_contributors_that_add_up(run_cli):
    status, out, _ = run_cli("explain", EXAMPLE, "--total", "2023", "scope1", "--top", "50")
    assert status == 0
    ledger = calculate(load_inventory(EXAMPLE))
    part = ledger[(ledger["year"] == 2023) & (ledger["scope"] == 1)]
    assert f"{part['tco2e'].sum():,.3f} tCO2e from {len(part)} records" in out
    shown = [float(m.replace(",", "")) for m in re.findall(r"^\s+\S+\s+([\d,]+\.\d{3})\s", out.split("largest records:")[1], re.M)]
    assert sum(shown) == pytest.approx(part["tco2e"].sum(), abs=0.0005 * len(shown))  # printed to 3 decimals


def test_init_writes_an_inventory_that_validates(run_cli, tmp_path):
    status, out, _ = run_cli("init", tmp_path / "mine")
    assert status == 0 and "inventory.toml" in out
    status, out, err = run_cli("validate", tmp_path / "mine")
    assert status == 0, err
    # its only warnings: the shipped sets it uses are graded 'reprint'; the 2020 electricity record takes an
    # eGRID vintage near its year (egrid before epa-2025), so no vintage_gap
    assert "[vintage_gap]" not in err and "[factor_unverified]" in err
    status, _, err = run_cli("init", tmp_path / "mine")
    assert status == 1 and "exists already" in err


@pytest.mark.parametrize("command", ["calculate", "report", "validate", "verify", "check", "categories", "explain",
                                     "init", "factors"])
def test_every_command_has_help_with_an_example(run_cli, command):
    status, out, _ = run_cli(command, "--help")
    assert status == 0 and "example: carbon" in out


def test_rich_table_for_a_terminal():
    from rich.console import Console

    from carbon.cli import render_rich

    buffer = io.StringIO()
    render_rich(pd.DataFrame({"year": ["2020"], "total": [1234.5]}), "tCO2e", Console(file=buffer, width=60))
    text = buffer.getvalue()
    assert "tCO2e" in text and "1,234.500" in text and "year" in text
