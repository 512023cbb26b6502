"""`carbon validate` fails exactly where `carbon report` would (issue 21, item 10): one pass of checks
shared by both, tested over random small inventories mixing good and bad records, credits, base-year
changes, metrics and targets. Bounded: a few seconds."""

from __future__ import annotations

import io
import tempfile
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carbon.cli import main

HEADER = "record_id,year,scope,category,activity,gas,quantity,unit,dq_reliability\n"
RECORDS = [  # good and bad records: EPA Hub 2025 keys, direct emissions, and every kind of mistake
    "{id},{year},1,stationary_combustion,natural_gas,,1000,therm,",
    "{id},{year},1,process,,CO2e,2.5,t,2",
    "{id},{year},2,electricity,electricity,,100,MWh,",
    "{id},{year},3,6,air_long_haul,,5000,passenger*km,",
    "{id},{year},1,process,,CO2e,1e308,t,",          # fits alone; two of them overflow when summed
    "{id},{year},1,process,,CO2e,ten,t,",           # not a number
    "{id},{year},3,1e1,,CO2e,1,t,",                 # exponent category
    "{id},{year},1,stationary_combustion,natural_gas,,1,MMBtu**9**9,",  # unbounded unit
    "{id},{year},1,process,,CO2e,1,t,9",            # data-quality score out of range
]
YEARS = ["2020", "2021", "2022", "2.02e3"]
CREDITS = ["c{n},{year},1,t,removal", "c{n},{year},1,kWh,removal", "c{n},1800,1,t,avoidance"]
CHANGES = ["x{n},{year},methodology,1,-0.5", "x{n},1800,methodology,1,-5", "x{n},{year},acquisition,,"]
TARGETS = ['[[targets]]\nid = "abs"\nscopes = [1, 2]\nreduction = 0.3\ntarget_year = 2030\n',
           '[[targets]]\nid = "nz"\nkind = "neutrality"\nscopes = [1]\ntarget_year = 2030\n',
           '[[targets]]\nid = "int"\nkind = "intensity"\nmetric = "revenue"\nscopes = [1]\nreduction = 0.5\n'
           'target_year = 2030\n']
METRICS = ["revenue,2020,10\nrevenue,2022,12\n", "revenue,2020,1e-320\nrevenue,2021,1\nrevenue,2022,1\n"]

inventories = st.fixed_dictionaries({
    "records": st.lists(st.tuples(st.integers(0, len(RECORDS) - 1), st.sampled_from(YEARS)), min_size=1, max_size=5),
    "credits": st.lists(st.tuples(st.integers(0, len(CREDITS) - 1), st.sampled_from(YEARS[:3] + ["2024"])), max_size=2),
    "changes": st.lists(st.tuples(st.integers(0, len(CHANGES) - 1), st.sampled_from(YEARS[:3])), max_size=2),
    "targets": st.lists(st.integers(0, len(TARGETS) - 1), max_size=3, unique=True),
    "metrics": st.none() | st.integers(0, len(METRICS) - 1),
    "gwp_co2": st.sampled_from(["AR5", "1", "2"]),
})


def _write(root: Path, spec: dict) -> None:
    (root / "activities").mkdir(parents=True)
    gwp = spec["gwp_co2"]
    toml = f'organisation = "P"\nbase_year = 2020\nfactors = ["epa-2025"]\ngwp = "{"AR5" if gwp == "AR5" else "gwp.csv"}"\n'
    if gwp != "AR5":
        (root / "gwp.csv").write_text(f"gas,gwp\nCO2,{gwp}\nCH4,28\nN2O,265\n")
    if spec["credits"]:
        toml += 'credits = "credits.csv"\n'
        (root / "credits.csv").write_text("credit_id,year,quantity,unit,type\n" + "".join(
            CREDITS[k].format(n=n, year=y) + "\n" for n, (k, y) in enumerate(spec["credits"])))
    if spec["changes"]:
        (root / "changes.csv").write_text("change_id,year,type,scope,base_year_tco2e\n" + "".join(
            CHANGES[k].format(n=n, year=y) + "\n" for n, (k, y) in enumerate(spec["changes"])))
    if spec["metrics"] is not None:
        (root / "metrics.csv").write_text("metric,year,value\n" + METRICS[spec["metrics"]])
    toml += "".join(TARGETS[t] for t in spec["targets"])
    (root / "inventory.toml").write_text(toml)
    (root / "activities" / "a.csv").write_text(HEADER + "".join(
        RECORDS[k].format(id=f"r{n}", year=y) + "\n" for n, (k, y) in enumerate(spec["records"])))


def _run(*args) -> tuple[int, str]:
    err = io.StringIO()
    with redirect_stdout(io.StringIO()), redirect_stderr(err):
        status = main([str(a) for a in args])  # any exception escaping here is a traceback: a failure
    return status, err.getvalue()


@pytest.fixture
def cheap_html(monkeypatch):
    """The HTML page is drawn by matplotlib (about a second); it checks nothing the other files do not."""
    import carbon.report.html as html

    monkeypatch.setattr(html, "render_html", lambda report: "<html></html>")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(spec=inventories)
def test_validate_fails_exactly_where_report_fails(cheap_html, spec):
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "inv"
        _write(root, spec)
        validated, why_not = _run("validate", root)
        reported, report_error = _run("report", root, "-o", Path(scratch) / "out", "--draws", "20")
        assert validated in (0, 1) and reported in (0, 1)
        assert validated == reported, (spec, why_not, report_error)
        if reported == 1:  # the same problems, in the same words
            assert why_not == report_error


def test_the_property_sees_both_outcomes(cheap_html, tmp_path):
    good = {"records": [(0, "2020"), (1, "2022")], "credits": [(0, "2024")], "changes": [(0, "2021")],
            "targets": [0, 1, 2], "metrics": 0, "gwp_co2": "1"}
    bad = dict(good, metrics=1)  # an infinite intensity: found by the report's target check
    for name, spec, expected in (("good", good, 0), ("bad", bad, 1)):
        _write(tmp_path / name, spec)
        assert _run("validate", tmp_path / name)[0] == expected
        assert _run("report", tmp_path / name, "-o", tmp_path / f"{name}-out", "--draws", "20")[0] == expected
