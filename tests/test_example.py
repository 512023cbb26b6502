"""The shipped example inventory: it validates, reports, and its results do not depend on input order."""

import json
import random
import shutil
from pathlib import Path

import pandas as pd
import pytest

from carbon import build_report, calculate, load_inventory, write_report

EXAMPLE = Path(__file__).resolve().parent.parent / "inventories" / "example"


@pytest.fixture(scope="module")
def report():
    inventory = load_inventory(EXAMPLE)
    return build_report(inventory, calculate(inventory))


def test_every_record_is_in_the_ledger(report):
    assert report["records"]["read"] == report["records"]["in_ledger"] > 100


def test_shape_of_the_example(report):
    years = report["years"]
    assert sorted(years) == ["2020", "2021", "2022", "2023", "2024"]
    scope3 = {k for y in years.values() for k in y["categories"] if k.startswith("3.")}
    assert len(scope3) >= 8
    targets = {t["id"]: t for t in report["targets"]}
    assert targets["ops-30"]["status"] == "achieved"
    assert 0.40 <= targets["ops-30"]["reduction"] <= 0.50
    neutral = {(n["id"], n["year"]): n["status"] for n in report["neutrality"]}
    assert all(neutral[("ops-neutral", y)] == "neutral" for y in (2022, 2023, 2024))
    # the reduction is the report's own scope totals compared: 1 - (s1+s2)[2024] / (s1+s2)[2020]
    base = years["2020"]["scope1"] + years["2020"]["scope2"]
    latest = years["2024"]["scope1"] + years["2024"]["scope2"]
    assert targets["ops-30"]["reduction"] == pytest.approx(1 - latest / base, rel=1e-12)


def test_report_writes_its_files(report, tmp_path):
    paths = write_report(report, tmp_path)
    assert [p.name for p in paths] == ["report.json", "report.md", "report.html"]
    assert json.loads(paths[0].read_text())["organisation"] == "Example Pay Group"
    assert "Example Pay Group" in paths[1].read_text()


def _shuffled_copy(dest: Path, seed: int) -> Path:
    """The example with the rows of every activity file shuffled and the files renamed into another order."""
    shutil.copytree(EXAMPLE, dest)
    rng = random.Random(seed)
    files = sorted((dest / "activities").glob("*.csv"))
    names = [f.name for f in files]
    rng.shuffle(names)
    contents = {}
    for f in files:
        header, *rows = f.read_text().splitlines()
        rng.shuffle(rows)
        contents[f] = "\n".join([header, *rows]) + "\n"
        f.unlink()
    for f, new in zip(files, names):
        (dest / "activities" / f"x_{new}").write_text(contents[f])
    return dest


def test_results_are_byte_identical_whatever_the_input_order(tmp_path, run_cli):
    outputs = []
    for seed, folder in ((None, EXAMPLE), (1, None), (2, None)):
        root = folder or _shuffled_copy(tmp_path / f"copy{seed}", seed)
        out = tmp_path / f"out{seed}"
        assert run_cli("report", root, "-o", out)[0] == 0
        assert run_cli("calculate", root, "-o", out / "ledger.csv")[0] == 0
        # input file names and rows differ between the copies by construction; nothing else may
        ledger = pd.read_csv(out / "ledger.csv", dtype=str, keep_default_na=False)
        ledger = ledger.drop(columns=["input_file", "input_row"]).to_csv(index=False)
        # so do the file and row a warning names (its record, the first by record_id, is the same)
        report = json.loads((out / "report.json").read_text())
        for warning in report["warnings"]:
            for key in ("file", "row", "text"):
                warning.pop(key)
        outputs.append((json.dumps(report), (out / "report.md").read_text(),
                        (out / "report.html").read_text(), ledger))
    assert outputs[0] == outputs[1] == outputs[2]


def test_outputs_do_not_depend_on_the_hash_seed(tmp_path):
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        for args in (["report", str(EXAMPLE), "-o", str(out)],
                     ["calculate", str(EXAMPLE), "-o", str(out / "ledger.csv")]):
            subprocess.run([sys.executable, "-m", "carbon", *args], check=True, env=env, capture_output=True)
        outputs.append([(out / name).read_bytes() for name in ("report.json", "report.md", "report.html", "ledger.csv",
                                                               "carbon.lock")])
    assert outputs[0] == outputs[1]


def test_financed_emissions_feed_category_15(report):
    for year, values in report["years"].items():
        financed = values["financed"]
        assert values["categories"]["3.15"] == pytest.approx(financed["total"], rel=1e-12)
        assert financed["total"] == pytest.approx(financed["scope12"] + financed["scope3"], rel=1e-12)
        assert 1 <= financed["data_quality_score"] <= 5 and 0 < financed["coverage"] <= 1
        assert set(financed["by_asset_class"]) <= {"listed_equity", "corporate_bonds", "business_loans",
                                                   "unlisted_equity", "project_finance", "commercial_real_estate",
                                                   "mortgages", "motor_vehicle_loans"}


LB = 0.45359237  # kg per international avoirdupois pound (exact)


def test_2020_records_take_2020_vintages_where_published(report):
    ledger = calculate(load_inventory(EXAMPLE)).set_index("record_id")
    # San Francisco HQ 2020, 910 MWh in US-CAMX: the egrid set's eGRID2019 row (eGRID2020 is not shipped), US EPA
    # GHG Emission Factors Hub 2021 Table 6, CAMX: 453.2 lb CO2, 0.033 lb CH4, 0.004 lb N2O per MWh; AR5 GWPs
    # CH4 28, N2O 265: 910 x (453.2 + 0.033 x 28 + 0.004 x 265) lb = 910 x 455.184 lb = 414,217.44 lb
    # = 187.886 t CO2e (location-based).
    sfo = ledger.loc["S2-EL-SFO-2020"]
    assert sfo["factor_set"] == "egrid" and sfo["factor_vintage"] == "2019"
    assert sfo["tco2e_location"] == pytest.approx(910 * (453.2 + 0.033 * 28 + 0.004 * 265) * LB / 1000, rel=1e-12)
    # Well-to-tank of the 2020 natural gas: the DESNZ 2020 edition (desnz set), WTT natural gas 0.02391 kg CO2e
    # per kWh gross CV. 41,800 therm = 4.18e9 Btu x 1055.056 J / 3.6e6 J per kWh = 1,225,036.4 kWh -> 29.29 t.
    wtt = ledger.loc["S3-C3-WTT-NG-2020"]
    assert wtt["factor_set"] == "desnz" and wtt["factor_vintage"] == "2020"
    assert wtt["tco2e"] == pytest.approx(41800 * 1e5 * 1055.056 / 3.6e6 * 0.02391 / 1000, rel=1e-12)
    # China 2020: no MEE/NBS factor was published; the earliest, 2021 (national 0.5568 kg CO2/kWh), flagged:
    # Shanghai 1,260 MWh = 1,260,000 kWh x 0.5568 = 701.568 t
    sha = ledger.loc["S2-EL-SHA-2020"]
    assert sha["factor_flags"] == "vintage_after_record:2021>2020"
    assert sha["tco2e_location"] == pytest.approx(1260 * 0.5568, rel=1e-12)
    # the only records of the example that take a vintage after their year are China's 2020 ones (none published)
    after = ledger[ledger["factor_flags"].str.contains("vintage_after_record")]
    assert sorted(after.index) == ["S2-EL-SHA-2020", "S3-C3-TD-CN-2020"]


def test_scope2_factor_effect_is_not_zero(report):
    # with one vintage per region the Scope 2 factor effect 2020 -> 2024 was 0 for US electricity;
    # with each year's eGRID and MEE vintage it is negative (grid decarbonisation)
    effects = report["attribution"]["by_scope"]["scope2"]["effects"]
    assert report["attribution"]["from"] == 2020 and report["attribution"]["to"] == 2024
    assert effects["factor"] < -100
