"""carbon disclose (issue 16): every figure of every export is report.json's own, to the last digit.

The comparison reads each export back (Markdown table, JSON, workbook, xBRL-JSON) and looks each figure up
in the report dict by its report.json path, independently of the writers.
"""

import json
import re
from pathlib import Path

import openpyxl
import pytest

from carbon import InputError, build_report, calculate, load_inventory
from carbon.cli import main
from carbon.disclose import FRAMEWORKS, DATA, facts, load_mapping, lookup

EXAMPLE = Path(__file__).resolve().parents[1] / "inventories" / "example"


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    out = tmp_path_factory.mktemp("disclose")
    for framework in FRAMEWORKS:
        assert main(["disclose", str(EXAMPLE), "--framework", framework, "-o", str(out)]) == 0
    inventory = load_inventory(EXAMPLE)
    report = json.loads(json.dumps(build_report(inventory, calculate(inventory))))  # as report.json holds it
    return out, report


def _number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def test_ghgp_markdown_equals_report(example):
    out, report = example
    text = (out / "ghgp.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (.*?) \| (.*?) \| (.*?) \| (.*?) \| `(.*?)` \|$", text, flags=re.M)
    numbers = [(value, key) for _, value, _, _, key in rows if key != "@year" and _number(lookup(report, key))]
    assert len(numbers) >= 20
    for value, key in numbers:
        assert float(value) == lookup(report, key), key
    assert "| Scope 1 | 381.099002 |" in text  # the example's 2024 Scope 1, as report.json has it
    assert "| Reporting period | 2024 |" in text


def test_ifrs_s2_json_and_workbook_equal_report(example):
    out, report = example
    doc = json.loads((out / "ifrs-s2.json").read_text(encoding="utf-8"))
    assert doc["year"] == 2024
    for fact in doc["facts"]:
        assert fact["value"] == lookup(report, fact["report_key"]), fact["report_key"]
    keys = {f["report_key"] for f in doc["facts"]}
    assert {"years/2024/scope1", "years/2024/scope2_location", "years/2024/by_control/consolidated_group/scope1",
            "years/2024/by_control/other_investees/scope1", "years/2024/financed/total"} <= keys
    assert any(k.startswith("years/2024/financed/by_asset_class/") for k in keys)
    sheet = openpyxl.load_workbook(out / "ifrs-s2.xlsx")["29(a)"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    value_at, exact_at, key_at = header.index("value"), header.index("value_exact"), header.index("report_key")
    checked = 0
    for row in rows[1:]:
        expected = lookup(report, row[key_at])
        if _number(expected):
            # every digit in value_exact (text; a leading ' guards a minus sign against formula injection);
            # the number cell as Excel stores it (16 significant digits)
            assert float(row[exact_at].lstrip("'")) == expected, row[key_at]
            assert row[value_at] == pytest.approx(expected, rel=1e-15, abs=1e-300), row[key_at]
            checked += 1
    assert checked == sum(1 for f in doc["facts"] if _number(f["value"]))


def test_cdp_workbook_one_sheet_a_question_equals_report(example):
    out, report = example
    book = openpyxl.load_workbook(out / "cdp.xlsx")
    assert {"C6.1", "C6.3", "C6.5", "C6.7a", "C8.2a"} <= set(book.sheetnames)
    sources = list(book["sources"].iter_rows(values_only=True))
    head = sources[0]
    checked = 0
    for q, r, c, key, exact in ((s[head.index("question")], s[head.index("row")], s[head.index("column")],
                                 s[head.index("report_key")], s[head.index("value_exact")]) for s in sources[1:]):
        rows = list(book[q].iter_rows(values_only=True))
        cell = next(row[rows[0].index(c)] for row in rows[1:] if row[0] == r)
        expected = lookup(report, key)
        if _number(expected):
            assert float(exact.lstrip("'")) == expected, (q, r, c)  # every digit, as text
            assert cell == pytest.approx(expected, rel=1e-15, abs=1e-300), (q, r, c)  # Excel's 16 digits
            checked += 1
    assert checked >= 20
    c63 = list(book["C6.3"].iter_rows(values_only=True))
    assert c63[0][1:] == ("Scope 2, location-based", "Scope 2, market-based (if applicable)")
    assert c63[1][1] == pytest.approx(report["years"]["2024"]["scope2_location"], rel=1e-15)


def test_esrs_instance_is_oim_json_with_every_mapped_concept(example):
    out, report = example
    doc = json.loads((out / "esrs-e1.json").read_text(encoding="utf-8"))
    info = doc["documentInfo"]
    assert info["documentType"] == "https://xbrl.org/2021/xbrl-json"
    assert info["namespaces"]["esrs"] == "https://xbrl.efrag.org/taxonomy/esrs/2023-12-22"
    assert info["taxonomy"] == ["https://xbrl.efrag.org/taxonomy/esrs/2023-12-22/esrs_all.xsd"]
    concepts = {row["item"] for row in load_mapping("esrs-e1")}
    assert concepts <= {f["dimensions"]["concept"] for f in doc["facts"].values()}
    period = re.compile(r"^\d{4}-01-01T00:00:00/\d{4}-01-01T00:00:00$")
    for fact in doc["facts"].values():  # the OIM structure: a string value; concept, entity, period, unit
        dims = fact["dimensions"]
        assert isinstance(fact["value"], str)
        assert period.match(dims["period"])
        for name, value in dims.items():
            if name != "period":
                assert value.split(":")[0] in info["namespaces"], (name, value)
            if ":" in name:
                assert name.split(":")[0] in info["namespaces"]
        assert dims["unit"] in ("esrs:tCO2e", "utr:MWh")
    # each fact equals report.json to the last digit (facts in mapping order: f1, f2, ...)
    expected, _ = facts(report, "esrs-e1", 2024)
    numeric = [f for f in expected if _number(f.value)]
    assert len(numeric) == len(doc["facts"])
    for n, fact in enumerate(numeric, start=1):
        assert float(doc["facts"][f"f{n}"]["value"]) == lookup(report, fact.report_key)
    scope1 = [f for f in doc["facts"].values() if f["dimensions"]["concept"] == "esrs:GrossScope1GreenhouseGasEmissions"
              and len(f["dimensions"]) == 4 and f["dimensions"]["period"].startswith("2024")]
    assert [f["value"] for f in scope1] == [repr(report["years"]["2024"]["scope1"])]


def test_mapping_files_name_a_source_for_every_item():
    for framework, name in FRAMEWORKS.items():
        assert (DATA / name).exists()
        rows = load_mapping(framework)
        assert rows and all(r["source"] and r["verified"] in ("yes", "no", "corroborated") for r in rows)


def test_missing_key_is_listed_not_zeroed(example):
    _, report = example
    trimmed = json.loads(json.dumps(report))
    del trimmed["years"]["2024"]["energy_mwh"]
    found, missing = facts(trimmed, "esrs-e1", 2024)
    assert "years/2024/energy_mwh/total" in {m["report_key"] for m in missing}
    assert all(not f.report_key.startswith("years/2024/energy_mwh") for f in found)


def test_unknown_year_is_refused(capsys):
    assert main(["disclose", str(EXAMPLE), "--framework", "ghgp", "-o", "/tmp/unused-disclose", "--year", "1999"]) == 1
    assert "--year 1999" in capsys.readouterr().err


# ------------------------------------------------------------------ group vs other investees
USE = "record_id,year,scope,category,activity,quantity,unit,region,facility,entity\n"
FACTORS = "activity,region,year,gas,value,unit,source\nfuel,,,CO2,1,t/t,test fixture: 1 t CO2 per t\n"
ENTITIES = ("entity,parent,equity_share,financial_control,operational_control,class\n"
            "Parent,,100%,yes,yes,parent\nSub,Parent,100%,yes,yes,subsidiary\nJV,Parent,40%,no,no,joint_venture\n")


def _split(make_inventory, entities: str, consolidation: str):
    root = make_inventory({"f.csv": FACTORS, "entities.csv": entities,
                           "activities/a.csv": USE + "p,2024,1,stationary_combustion,fuel,10,t,,,\n"
                                                     "s,2024,1,stationary_combustion,fuel,20,t,,,Sub\n"
                                                     "j,2024,1,stationary_combustion,fuel,100,t,,,JV\n"},
                          factors='["f.csv"]', toml_extra=f'consolidation = "{consolidation}"\n')
    inventory = load_inventory(root)
    return build_report(inventory, calculate(inventory))["years"]["2024"]


def test_group_and_other_investees_under_equity_share(make_inventory):
    # equity share: parent 10 t + subsidiary 20 t = 30 t in the group; JV 100 t x 40% = 40 t other investees
    year = _split(make_inventory, ENTITIES, "equity_share")
    assert year["by_control"]["consolidated_group"]["scope1"] == 30.0
    assert year["by_control"]["other_investees"]["scope1"] == pytest.approx(40.0, rel=1e-12)
    assert year["scope1"] == pytest.approx(70.0, rel=1e-12)


def test_group_and_other_investees_under_operational_control(make_inventory):
    # operational control: the JV (no control) counts 0; group 30 t
    year = _split(make_inventory, ENTITIES, "operational_control")
    assert year["by_control"]["consolidated_group"]["scope1"] == 30.0
    assert year["by_control"]["other_investees"]["scope1"] == 0.0


def test_bad_entity_class_is_refused(make_inventory):
    with pytest.raises(InputError) as err:
        _split(make_inventory, ENTITIES.replace("joint_venture", "partnership"), "equity_share")
    text = str(err.value)
    assert "entities.csv" in text and "partnership" in text and "class" in text and "joint_venture" in text


def test_no_class_no_split(make_inventory):
    plain = ENTITIES.replace(",class", "").replace(",parent\n", "\n").replace(",subsidiary\n", "\n").replace(",joint_venture\n", "\n")
    assert "by_control" not in _split(make_inventory, plain, "equity_share")


def test_docs_list_every_mapping_row():
    docs = (Path(__file__).resolve().parents[1] / "docs" / "disclosure.md").read_text(encoding="utf-8")
    for framework, name in FRAMEWORKS.items():
        assert f"`{name}`" in docs
        for row in load_mapping(framework):
            assert f"`{row['report_key']}`" in docs, (name, row["report_key"])


def test_cdp_intensity_from_the_report(make_inventory):
    # C6.10: the report's intensity (Scope 1 + 2 per revenue in metrics.csv), written as it is
    import io

    from carbon.disclose import disclose_files
    root = make_inventory({"activities/a.csv": USE + "g,2024,1,stationary_combustion,natural_gas,1000,therm,,,\n",
                           "metrics.csv": "metric,year,value\nrevenue,2024,2.0\n"}, toml_extra='metrics = "metrics.csv"\n')
    inventory = load_inventory(root)
    report = build_report(inventory, calculate(inventory))
    # 1,000 therm natural gas = 5.31145 t CO2e (EPA Hub 2025 Table 1, AR5) / 2.0 = 2.655725 per unit of revenue
    assert report["years"]["2024"]["intensity"]["scope12_per_revenue"] == pytest.approx(2.655725, rel=1e-12)
    book = openpyxl.load_workbook(io.BytesIO(disclose_files(report, "cdp")["cdp.xlsx"]))
    rows = list(book["C6.10"].iter_rows(values_only=True))
    assert rows[1][rows[0].index("Intensity figure")] == pytest.approx(2.655725, rel=1e-15)
    assert rows[1][rows[0].index("Metric denominator: Unit total")] == 2.0
