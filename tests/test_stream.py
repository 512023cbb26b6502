"""The streaming engine (carbon.stream) and its Dask backend (carbon.distributed).

- The reference test: 10,000 generated records (benchmarks/generate.py: every scope and Scope 3
  category, 30 regions, region and vintage fallbacks, mixed units, currencies) through the stream
  engine, against a plain per-record calculation written here from the README's rules with pint
  (relative 1e-9), and against ``carbon.calculate`` on the same inventory as CSV (each record's tCO2e
  to the last digit; totals equal to ``math.fsum`` of the pandas ledger to the last digit).
- Bad input on the stream path: each message names file, row, record and value.
- The Dask backend on a local cluster of 2 worker processes equals the local engine to the last digit.
"""

from __future__ import annotations

import csv
import importlib.util
import math
import textwrap
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import carbon
from carbon.errors import ConfigError, InputError
from carbon.stream import ExactSums, calculate_stream, side_path
from carbon.units import parse_unit, ureg

ROOT = Path(__file__).resolve().parents[1]


def _generator():
    spec = importlib.util.spec_from_file_location("carbon_bench_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> dict[str, Path]:
    """The same 10,000 records as Parquet (several files and row groups) and as CSV."""
    gen = _generator()
    base = tmp_path_factory.mktemp("generated")
    parquet = gen.generate(base / "parquet", 10_000, seed=11, rows_per_file=4_000, row_group=1_000)
    csv_inv = gen.generate(base / "csv", 10_000, seed=11, formats=("csv",), rows_per_file=4_000)
    return {"parquet": parquet, "csv": csv_inv}


@pytest.fixture(scope="module")
def streamed(generated, tmp_path_factory):
    ledger = tmp_path_factory.mktemp("ledger") / "ledger.parquet"
    result = calculate_stream(generated["parquet"], ledger, batch_rows=1_500)
    return result, pd.read_parquet(ledger)


@pytest.fixture(scope="module")
def pandas_ledger(generated):
    return carbon.calculate(carbon.load_inventory(generated["csv"]))


# ------------------------------------------------------------------------ the reference test
def _records(inv: Path) -> pd.DataFrame:
    return pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False) for p in sorted((inv / "activities_csv").glob("*.csv"))])


def _plain(inv: Path) -> pd.DataFrame:
    """tCO2e and biogenic t of every record, one record at a time, with pint: the README's rule written
    out (region, then the part before '-', then blank; the latest vintage not after the year, else a
    blank year, else the earliest; only rows whose unit converts; spend through the exchange rates)."""
    factors = []
    for path in sorted((inv / "factors").glob("*.csv")):
        with path.open(newline="") as handle:
            factors += list(csv.DictReader(handle))
    by_activity: dict[str, list[dict]] = {}
    for row in factors:
        by_activity.setdefault(row["activity"], []).append(row)
    gwp = pd.read_csv(ROOT / "factors" / "gwp" / "AR5.csv", comment="#").set_index("gas")["gwp"].to_dict()
    gwp.update({"CO2e": 1.0, "biogenic_CO2": 0.0})
    with (inv / "fx.csv").open(newline="") as handle:
        fx = {(r["currency"], int(r["year"])): float(r["per_usd"]) for r in csv.DictReader(handle)}
    tonne = ureg.tonne
    dims: dict[str, str] = {}

    def dim(unit_text: str) -> str:  # a unit's dimension, looked up once per unit text
        if unit_text not in dims:
            dims[unit_text] = str(parse_unit(unit_text).dimensionality)
        return dims[unit_text]

    def currency(unit_text: str) -> str | None:
        d = dim(unit_text)
        return d[len("[currency_"):-1] if d.startswith("[currency_") else None

    def fits(unit_text: str, per: str) -> bool:
        if currency(unit_text) and currency(per):
            return True  # any currency converts through the exchange rates
        return dim(unit_text) == dim(per)

    out = []
    for rec in _records(inv).itertuples(index=False):
        q = ureg.Quantity(float(rec.quantity), parse_unit(rec.unit))
        if rec.gas:
            mass = q.to(tonne).magnitude
            out.append((rec.record_id, mass * gwp[rec.gas], mass if rec.gas == "biogenic_CO2" else 0.0))
            continue
        levels = list(dict.fromkeys([rec.region.upper(), rec.region.upper().split("-")[0], ""])) if rec.region else [""]
        fitting = [r for r in by_activity[rec.activity] if fits(rec.unit, r["unit"].split("/", 1)[1].strip("()"))]
        level = next(lv for lv in levels if any(r["region"].upper() == lv for r in fitting))
        at_level = [r for r in fitting if r["region"].upper() == level]
        years = sorted({int(r["year"]) for r in at_level if r["year"]})
        before = [y for y in years if y <= int(rec.year)]
        if before:
            chosen = [r for r in at_level if r["year"] and int(r["year"]) == before[-1]]
        elif any(not r["year"] for r in at_level):
            chosen = [r for r in at_level if not r["year"]]
        else:
            chosen = [r for r in at_level if r["year"] and int(r["year"]) == years[0]]
        co2e = bio = 0.0
        for row in chosen:  # the arithmetic, with pint, record by record
            per = row["unit"].split("/", 1)[1].strip("()")
            mine, theirs = currency(rec.unit), currency(per)
            amount = q
            if mine and theirs and mine != theirs:  # spend in another currency: the record year's rate
                rate = fx.get((theirs, int(rec.year)), 1.0) / fx.get((mine, int(rec.year)), 1.0)
                amount = ureg.Quantity(q.to(mine).magnitude * rate, parse_unit(theirs))
            tonnes = (amount * ureg.Quantity(float(row["value"]), parse_unit(row["unit"]))).to(tonne).magnitude
            co2e += tonnes * gwp[row["gas"]]
            bio += tonnes if row["gas"] == "biogenic_CO2" else 0.0
        out.append((rec.record_id, co2e, bio))
    return pd.DataFrame(out, columns=["record_id", "tco2e", "biogenic_tco2"]).set_index("record_id")


def test_stream_matches_a_plain_per_record_pint_calculation(generated, streamed):
    result, ledger = streamed
    assert result.records_read == result.records_in_ledger == len(ledger) == 10_000
    plain = _plain(generated["csv"])
    got = ledger.set_index("record_id").loc[plain.index]
    for column in ("tco2e", "biogenic_tco2"):
        expected, actual = plain[column].to_numpy(), got[column].to_numpy()
        rel = np.abs(actual - expected) / np.maximum(np.abs(expected), 1e-300)
        assert (np.where(expected == 0, actual == 0, rel <= 1e-9)).all(), column
    # the inventory exercises what it is meant to: every scope 3 category, fallbacks, currencies
    keys = result.keys
    assert set(ledger.loc[ledger["scope"] == 3, "category"].astype(str)) == {str(c) for c in range(1, 16)}
    flags = ";".join(keys["factor_flags"])
    for flag in ("region_fallback", "vintage_before_record", "vintage_after_record", "fx:"):
        assert flag in flags
    assert keys["activity"].nunique() >= 60 and (keys["calculation"] == "direct").any()


def test_stream_equals_the_pandas_engine_to_the_last_digit(streamed, pandas_ledger, generated, tmp_path):
    result, ledger = streamed
    ours = ledger.set_index("record_id")
    theirs = pandas_ledger.set_index("record_id").loc[ours.index]
    assert (ours["tco2e"].to_numpy() == theirs["tco2e"].to_numpy()).all()
    assert (ours["biogenic_tco2"].to_numpy() == theirs["biogenic_tco2"].to_numpy()).all()
    # totals: exact sums, i.e. math.fsum of the pandas ledger's records, group by group
    expected = pandas_ledger.groupby(["year", "scope", "category"])["tco2e"].agg(math.fsum)
    totals = result.totals.set_index(["year", "scope", "category"])["tco2e"]
    assert totals.sort_index().to_dict() == expected.sort_index().to_dict()
    # and carbon.summarise's (Kahan) sums agree to rounding
    years = carbon.summarise(pandas_ledger)
    for year, values in result.summary().items():
        for key in ("scope1", "scope2", "scope3", "total", "biogenic_co2"):
            assert values[key] == pytest.approx(years[year][key], rel=1e-12)
    # the CSV files of the same records give the same totals, whatever the batch size
    again = calculate_stream(generated["csv"], tmp_path / "csv.parquet", batch_rows=777)
    pd.testing.assert_frame_equal(again.totals, result.totals)
    # the keys table carries the lineage the pandas ledger has
    key_of = ours["key"]
    lineage = result.keys.set_index("key").loc[key_of.to_numpy(), ["factor_rows", "factor_flags", "factor_source"]]
    for column in ("factor_rows", "factor_flags", "factor_source"):
        assert (lineage[column].to_numpy() == theirs[column].to_numpy()).all()
    assert side_path(result.ledger_path, "keys").is_file()


def test_stream_on_the_example_inventory(tmp_path):
    """Boundary shares, market-based Scope 2 from instruments, several shipped factor sets. The stream
    engine refuses value-chain inputs (docs/value-chain.md): it runs on a copy of the example without
    its supplier footprints, spend lines and footprint-based purchases."""
    import shutil

    from carbon.errors import ConfigError

    with pytest.raises(ConfigError, match="does not read value-chain inputs"):
        calculate_stream(ROOT / "inventories" / "example", tmp_path / "refused.csv")
    example = tmp_path / "example"
    shutil.copytree(ROOT / "inventories" / "example", example)
    for name in ("suppliers", "spend.csv", "spend_mapping.csv", "activities/scope3_purchased_goods_pact.csv"):
        path = example / name
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    inventory = carbon.load_inventory(example)
    expected = carbon.calculate(inventory)
    result = calculate_stream(example, tmp_path / "ledger.csv")
    ledger = pd.read_csv(tmp_path / "ledger.csv", dtype={"record_id": str}).set_index("record_id")
    theirs = expected.set_index("record_id").loc[ledger.index]
    not_s2 = ~((theirs["scope"] == 2) & (theirs["category"] == "electricity"))
    assert np.array_equal(ledger.loc[not_s2.to_numpy(), "tco2e"].to_numpy(), theirs.loc[not_s2, "tco2e"].to_numpy())
    assert np.array_equal(ledger["boundary_share"].to_numpy(), theirs["boundary_share"].to_numpy())
    # Scope 2: the ledger has the location-based figure; the totals the market-based one, allocated on
    # the aggregated consumption
    assert np.allclose(ledger["tco2e"], theirs["tco2e_location"], rtol=1e-15, atol=0)
    years = carbon.summarise(expected, inventory.categories)
    for year, values in result.summary().items():
        for key in ("scope1", "scope2", "scope3", "scope2_location", "scope2_market", "total"):
            assert values[key] == pytest.approx(years[year][key], rel=1e-12, abs=1e-9), (year, key)
    assert {i["instrument_id"]: i["applied_mwh"] for i in result.instruments} == pytest.approx(
        {i["instrument_id"]: i["applied_mwh"] for i in expected.attrs["instruments"]}, rel=1e-12)


def test_exact_sums_equal_fsum_whatever_the_batches():
    rng = np.random.default_rng(3)
    values = rng.lognormal(0, 6, 20_000) * rng.choice([1, 1e-9, 1e9], 20_000)
    groups = rng.integers(0, 5, 20_000)
    expected = {g: math.fsum(values[groups == g]) for g in range(5)}
    for cuts in ([20_000], [1, 7_000, 20_000], list(range(1_000, 20_001, 1_000))):
        sums, start = ExactSums(), 0
        for end in cuts:
            sums.add(np.arange(5), groups[start:end], values[start:end])
            start = end
        assert sums.values() == expected


# ------------------------------------------------------------------------------- bad input
TOML = """
organisation = "Test Co"
base_year = 2020
gwp = "AR5"
factors = ["epa-2025"]
activities = ["activities/*"]
"""


def _inventory(tmp_path: Path, files: dict[str, str], toml: str = TOML) -> Path:
    root = tmp_path / "inv"
    (root / "activities").mkdir(parents=True)
    (root / "inventory.toml").write_text(toml)
    for name, text in files.items():
        (root / name).write_text(textwrap.dedent(text).lstrip("\n"))
    return root


def _messages(root: Path, **kw) -> list[str]:
    with pytest.raises(InputError) as caught:
        calculate_stream(root, root / "out" / "ledger.parquet", **kw)
    assert not (root / "out" / "ledger.parquet").exists()  # no ledger from a run with problems
    return [str(i) for i in caught.value.issues]


HEADER = "record_id,year,scope,category,activity,gas,quantity,unit,region\n"


def test_bad_records_are_all_reported_with_file_row_record_and_value(tmp_path):
    root = _inventory(tmp_path, {"activities/a.csv": HEADER + textwrap.dedent("""\
        ok-1,2023,1,stationary_combustion,natural_gas,,100,MMBtu,
        ,2023,1,stationary_combustion,natural_gas,,100,MMBtu,
        y-1,20x3,1,stationary_combustion,natural_gas,,100,MMBtu,
        s-1,2023,4,stationary_combustion,natural_gas,,100,MMBtu,
        c-1,2023,1,flying,natural_gas,,100,MMBtu,
        q-1,2023,1,stationary_combustion,natural_gas,,"1,5",MMBtu,
        q-2,2023,1,stationary_combustion,natural_gas,,abc,MMBtu,
        q-3,2023,1,stationary_combustion,natural_gas,,-3,MMBtu,
        u-1,2023,1,stationary_combustion,natural_gas,,100,blorps,
        u-2,2023,1,stationary_combustion,natural_gas,,100,kWh*km,
        g-1,2023,1,fugitive,natural_gas,CO2,100,kg,
        g-2,2023,1,fugitive,,unobtainium,100,kg,
        g-3,2023,1,fugitive,,HFC-134a,100,MWh,
        f-1,2023,1,stationary_combustion,moon_dust,,100,t,
        ok-1,2024,1,stationary_combustion,natural_gas,,100,MMBtu,
        """)})
    messages = _messages(root)
    expect = [
        "activities/a.csv, row 3: record_id = '': expected a record_id",
        "activities/a.csv, row 4, record 'y-1': year = '20x3': expected a whole-number reporting year",
        "activities/a.csv, row 5, record 's-1': scope = '4': expected 1, 2 or 3",
        "activities/a.csv, row 6, record 'c-1': category = 'flying': expected a scope 1 category",
        "activities/a.csv, row 7, record 'q-1': quantity = '1,5': expected a number with '.' as decimal point",
        "activities/a.csv, row 8, record 'q-2': quantity = 'abc': expected a finite number",
        "activities/a.csv, row 9, record 'q-3': quantity = '-3': expected a quantity of zero or more",
        "activities/a.csv, row 10, record 'u-1': unit = 'blorps': expected a unit pint understands",
        ("activities/a.csv, row 11, record 'u-2': unit = 'kWh*km': expected a unit that fits the factors of "
         "activity 'natural_gas'"),
        "activities/a.csv, row 12, record 'g-1': gas = 'CO2': expected either an activity",
        "activities/a.csv, row 13, record 'g-2': gas = 'unobtainium': expected a gas listed in the GWP set AR5",
        "activities/a.csv, row 14, record 'g-3': unit = 'MWh': expected a mass (t, kg, lb ...)",
        "activities/a.csv, row 15, record 'f-1': activity = 'moon_dust': expected a factor for activity 'moon_dust'",
        ("activities/a.csv, row 16, record 'ok-1': record_id = 'ok-1': expected a unique record_id; it is already "
         "used at activities/a.csv, row 2"),
    ]
    for text in expect:
        assert any(m.startswith(text) for m in messages), (text, messages)
    assert len(messages) == len(expect)


def test_parquet_input_problems_and_duplicates_across_files(tmp_path):
    root = _inventory(tmp_path, {"activities/a.csv": HEADER + "dup-7,2023,1,stationary_combustion,natural_gas,,5,MMBtu,\n"})
    table = pa.table({"record_id": ["p-1", "dup-7", "p-3"], "year": [2023.0, 2023.0, 2023.5], "scope": [1, 1, 1],
                      "category": ["stationary_combustion"] * 3, "activity": ["natural_gas"] * 3,
                      "quantity": [1.0, 2.0, float("inf")], "unit": ["MMBtu"] * 3})
    pq.write_table(table, root / "activities" / "b.parquet")
    pq.write_table(table.drop_columns(["unit"]), root / "activities" / "c.parquet")
    messages = _messages(root)
    assert any(m.startswith("activities/b.parquet, row 3, record 'dup-7': record_id = 'dup-7': expected a unique "
                            "record_id; it is already used at activities/a.csv, row 2") for m in messages)
    assert any(m.startswith("activities/b.parquet, row 4, record 'p-3': year = '2023.5': expected a whole-number")
               for m in messages)
    assert any(m.startswith("activities/b.parquet, row 4, record 'p-3': quantity = 'inf': expected a finite number")
               for m in messages)
    assert any(m.startswith("activities/c.parquet, row 1: header = ") and "the column(s) unit" in m
               and "3 records were not read" in m for m in messages)


def test_csv_rows_keep_their_numbers_across_blank_and_malformed_rows(tmp_path):
    text = HEADER + "a-1,2023,1,stationary_combustion,natural_gas,,5,MMBtu,\n\n,,,,,,,,\n" \
           "a-2,2023,1,stationary_combustion,natural_gas,,5,MMBtu,,extra\n" \
           "a-3,2023,9,stationary_combustion,natural_gas,,5,MMBtu,\n"
    root = _inventory(tmp_path, {"activities/a.csv": text})
    messages = _messages(root)
    assert any(m.startswith("activities/a.csv, row 5: expected 9 cells a row") for m in messages), messages
    assert any(m.startswith("activities/a.csv, row 6, record 'a-3': scope = '9'") for m in messages), messages


def test_problems_are_capped_and_counted(tmp_path):
    rows = "".join(f"r-{i},2023,1,stationary_combustion,natural_gas,,x{i},MMBtu,\n" for i in range(50))
    root = _inventory(tmp_path, {"activities/a.csv": HEADER + rows})
    with pytest.raises(InputError) as caught:
        calculate_stream(root, None, max_issues=10)
    issues = caught.value.issues
    assert len(issues) == 11
    assert "40 problems not listed" in str(caught.value) and "40 x quantity" in str(caught.value)


def test_blank_and_config_years_and_boundary(tmp_path):
    toml = TOML + 'years = [2021, 2023]\n'
    root = _inventory(tmp_path, {
        "activities/a.csv": "record_id,year,scope,category,activity,quantity,unit,entity\n"
                            "e-1,2020,1,stationary_combustion,natural_gas,5,MMBtu,\n"
                            "e-2,2022,1,stationary_combustion,natural_gas,5,MMBtu,Ghost Ltd\n"
                            "e-3,2022,1,stationary_combustion,natural_gas,5,MMBtu,Half Co\n",
        "entities.csv": "entity,equity_share,operational_control\nHalf Co,50%,yes\n"}, toml)
    messages = _messages(root)
    assert any(m.startswith("activities/a.csv, row 2, record 'e-1': year = '2020': expected a year of the "
                            "inventory, 2021 to 2023") for m in messages)
    assert any(m.startswith("activities/a.csv, row 3, record 'e-2': entity = 'Ghost Ltd': expected an entity "
                            "listed in entities.csv") for m in messages)
    assert len(messages) == 2


@pytest.mark.parametrize("column", ["evidence", "period", "estimated"])
def test_record_columns_only_the_default_engine_reads_are_refused(tmp_path, column):
    root = _inventory(tmp_path, {
        "activities/a.csv": f"record_id,year,scope,category,activity,quantity,unit,{column}\n"
                            "e-1,2022,1,stationary_combustion,natural_gas,5,MMBtu,x\n"}, TOML)
    with pytest.raises(ConfigError, match=f"activities/a.csv: column\\(s\\) {column} are read only by the default "
                                          "engine"):
        calculate_stream(root, tmp_path / "ledger.parquet")


# ------------------------------------------------------------------------------------ Dask
def test_dask_on_two_workers_equals_the_local_engine_to_the_last_digit(generated, streamed, tmp_path):
    distributed = pytest.importorskip("distributed")
    from carbon.distributed import calculate_dask

    result, ledger = streamed
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        remote = calculate_dask(generated["parquet"], tmp_path / "ledger", scheduler=client, batch_rows=700)
    pd.testing.assert_frame_equal(remote.totals, result.totals, check_exact=True)
    assert remote.records_read == remote.records_in_ledger == 10_000
    parts = sorted((tmp_path / "ledger").glob("part-*.parquet"))
    assert len(parts) == 10  # one per row group: 3 files of 4,000, 4,000 and 2,000 records in 1,000-row groups
    theirs = pd.read_parquet(tmp_path / "ledger").set_index("record_id").loc[ledger["record_id"]]
    assert (theirs["tco2e"].to_numpy() == ledger["tco2e"].to_numpy()).all()
    assert (theirs["biogenic_tco2"].to_numpy() == ledger["biogenic_tco2"].to_numpy()).all()
    # key ids differ (the driver numbers them in sorted order) but point at the same factors
    mine = result.keys.set_index("key").loc[ledger["key"].to_numpy(), ["activity", "gas", "region", "unit", "factor_rows"]]
    remote_keys = remote.keys.set_index("key").loc[theirs["key"].to_numpy(), mine.columns]
    assert (mine.to_numpy() == remote_keys.to_numpy()).all()
