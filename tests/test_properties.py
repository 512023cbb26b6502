"""Property-based tests (hypothesis): invariances any correct calculation must have, and a bounded
fuzz of the CSV and TOML loaders that may raise only the engine's documented errors."""

import io
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carbon import CarbonError, calculate, load_inventory, summarise
from carbon.inventory import _validate_records
from carbon.report.files import ledger_csv

ROOT = Path(tempfile.mkdtemp(prefix="carbon-props-"))
(ROOT / "activities").mkdir()
(ROOT / "inventory.toml").write_text('organisation = "P"\nbase_year = 2020\nfactors = ["epa-2025"]\n')
(ROOT / "activities" / "a.csv").write_text("record_id,year,scope,category,gas,quantity,unit\nseed,2020,1,process,CO2e,1,t\n")
BASE = load_inventory(ROOT)

COLUMNS = ["record_id", "year", "scope", "category", "activity", "gas", "quantity", "unit", "region",
           "entity", "facility", "source", "data_quality", "notes", "method", "dq_technological", "dq_temporal",
           "dq_geographical", "dq_completeness", "dq_reliability", "_file", "_row"]
KINDS = [  # (scope, category, activity, unit, region): EPA Hub 2025 factors in several unit bases
    ("1", "stationary_combustion", "natural_gas", "therm", ""),
    ("1", "mobile_combustion", "mobile_diesel_fuel", "gallon", ""),
    ("2", "electricity", "electricity", "kWh", "US-CAMX"),
    ("3", "6", "air_long_haul", "passenger*km", ""),
]


def ledger_of(rows: list[dict]):
    frame = pd.DataFrame([{c: "" for c in COLUMNS} | r for r in rows], columns=COLUMNS)
    frame["_file"], frame["_row"] = "a.csv", range(2, len(frame) + 2)
    records, issues = _validate_records(frame.astype({"_row": "int64"}), BASE.categories)
    assert issues == []
    return calculate(replace(BASE, records=records, records_read=len(records), issues=[]))


def record(rid: str, kind: int, quantity: float, unit: str | None = None, year: int = 2023) -> dict:
    scope, category, activity, default_unit, region = KINDS[kind]
    return {"record_id": rid, "year": str(year), "scope": scope, "category": category, "activity": activity,
            "quantity": repr(quantity), "unit": unit or default_unit, "region": region}


quantities = st.floats(min_value=1e-6, max_value=1e9, allow_nan=False, allow_infinity=False)


@settings(max_examples=60, deadline=None)
@given(q=quantities)
def test_same_energy_in_kwh_or_mwh_gives_the_same_tonnes(q):
    led = ledger_of([record("kwh", 2, q, "kWh"), record("mwh", 2, q / 1000, "MWh")]).set_index("record_id")
    assert led.at["kwh", "tco2e"] == pytest.approx(led.at["mwh", "tco2e"], rel=1e-12)


@settings(max_examples=60, deadline=None)
@given(q=quantities, share=st.floats(min_value=0.0, max_value=1.0), kind=st.integers(0, len(KINDS) - 1))
def test_splitting_a_record_in_two_keeps_the_total(q, share, kind):
    whole = ledger_of([record("w", kind, q)])["tco2e"].sum()
    parts = ledger_of([record("a", kind, q * share), record("b", kind, q - q * share)])["tco2e"].sum()
    assert parts == pytest.approx(whole, rel=1e-9)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), n=st.integers(2, 25))
def test_record_order_does_not_change_anything(data, n):
    rows = [record(f"r{i:03d}", data.draw(st.integers(0, len(KINDS) - 1)), data.draw(quantities),
                   year=data.draw(st.integers(2020, 2024))) for i in range(n)]
    shuffled = data.draw(st.permutations(rows))
    a, b = ledger_of(rows), ledger_of(list(shuffled))
    pd.testing.assert_frame_equal(a.drop(columns=["input_row"]), b.drop(columns=["input_row"]))
    assert summarise(a) == summarise(b)


@settings(max_examples=30, deadline=None)
@given(qs=st.lists(quantities, min_size=1, max_size=10), notes=st.text(max_size=30))
def test_ledger_csv_round_trips(qs, notes):
    rows = [record(f"r{i}", i % len(KINDS), q) | {"notes": notes.strip()} for i, q in enumerate(qs)]
    led = ledger_of(rows)
    back = pd.read_csv(io.StringIO(ledger_csv(led)), dtype=str, keep_default_na=False)
    assert list(back.columns) == list(led.columns)
    for column in ("tco2e", "t_CO2", "quantity"):
        assert back[column].astype(float).tolist() == led[column].tolist()  # exact: shortest repr round-trips
    notes = [n.replace("\r\n", "\n").replace("\r", "\n") for n in led["notes"]]  # line endings normalised
    expected_notes = [n if not n.startswith(("=", "+", "-", "@", "\t")) else "'" + n for n in notes]
    assert back["notes"].tolist() == expected_notes


# ---------------------------------------------------------------------------------------- fuzz
HEADER = "record_id,year,scope,category,activity,gas,quantity,unit,region\n"
cells = st.sampled_from(["", "1", "2020", "3", "natural_gas", "CO2e", "t", "kWh", "therm", "-1", "1e400", "x",
                         '"a,b"', '"q""q"', "nan", "US-CAMX", "stationary_combustion", "15", "\ufeff", "1,5", "é"])
rows = st.lists(st.lists(cells, min_size=0, max_size=11).map(",".join), max_size=8).map("\n".join)
raw = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=200)


def run_loader(csv_text: str | bytes, toml_text: str | None = None) -> None:
    root = Path(tempfile.mkdtemp(prefix="carbon-fuzz-"))
    try:
        (root / "activities").mkdir()
        (root / "inventory.toml").write_text(toml_text or 'organisation = "F"\nbase_year = 2020\n'
                                             'factors = ["epa-2025"]\n', encoding="utf-8")
        data = csv_text.encode("utf-8") if isinstance(csv_text, str) else csv_text
        (root / "activities" / "a.csv").write_bytes(data)
        try:
            calculate(load_inventory(root))
        except CarbonError:
            pass  # a documented, clear error: fine
    finally:
        shutil.rmtree(root)


@settings(max_examples=150, deadline=None)
@given(body=rows)
def test_fuzz_structured_csv(body):
    run_loader(HEADER + body)


@settings(max_examples=100, deadline=None)
@given(text=raw)
def test_fuzz_raw_csv(text):
    run_loader(text)


@settings(max_examples=60, deadline=None)
@given(data=st.binary(max_size=120))
def test_fuzz_bytes_csv(data):
    run_loader(data)


toml_values = st.sampled_from(['"x"', "2020", "[]", '["epa-2025"]', "1.5", "true", "{}", '"AR9"', '"../x"',
                               "[[1]]", '"activities/*.csv"', "-3", '""'])
toml_keys = st.sampled_from(["organisation", "base_year", "gwp", "factors", "activities", "credits", "years",
                             "max_file_mb", "exchange_rates", "bogus"])


@settings(max_examples=100, deadline=None)
@given(pairs=st.lists(st.tuples(toml_keys, toml_values), max_size=6, unique_by=lambda kv: kv[0]),
       tail=st.sampled_from(["", "[[targets]]\nid='t'\nscopes=[1]\ntarget_year=2025\n", "[[targets]]\n", "= =\n"]))
def test_fuzz_toml(pairs, tail):
    toml = "".join(f"{k} = {v}\n" for k, v in pairs) + tail
    run_loader(HEADER + "r,2020,1,process,,CO2e,1,t,\n", toml)
