"""Warnings beside errors (issue 14): each class gives its text on ``carbon validate`` with exit 0, and
exit 1 under ``--strict``; the report counts and lists them. Quantities with a comma are refused naming
both readings. Hand-worked figures cite their published factor.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

import carbon
from carbon.stream import calculate_stream

HEADER = "record_id,year,scope,category,activity,gas,quantity,unit,region\n"


def _validate(make_inventory, run_cli, rows: str, factors='["epa-2025"]', toml_extra="", files=None):
    root = make_inventory({"activities/a.csv": HEADER + rows, **(files or {})}, factors=factors, toml_extra=toml_extra)
    status, out, err = run_cli("validate", root)
    strict = run_cli("validate", root, "--strict")
    return root, status, out, err, strict


def _warnings(err: str, kind: str) -> list[str]:
    return [line for line in err.splitlines() if line.endswith(f"[{kind}]")]


# ------------------------------------------------------------------------------ each class
@pytest.mark.parametrize("unit, reading", [
    ("ton", "ton read as short_ton (2,000 lb = 0.90718474 t); write t (metric tonne), short_ton or long_ton (2,240 lb)"),
    ("gallon", "gallon read as US_gallon (3.785411784 L); write US_gallon or imperial_gallon (4.54609 L)"),
    ("barrel", "barrel read as US_barrel (31.5 US gallons = 119.24 L); write oil_barrel (42 US gallons, petroleum), "
                "US_barrel or imperial_barrel (36 imperial gallons)"),
    ("quart", "quart read as US_quart (0.946352946 L); write US_quart or imperial_quart (1.1365225 L)"),
])
def test_ambiguous_unit_is_read_the_us_way_with_a_warning(make_inventory, run_cli, unit, reading):
    rows = f"d1,2023,1,mobile_combustion,mobile_diesel_fuel,,1,{unit},\nd2,2023,1,mobile_combustion,mobile_diesel_fuel,,2,{unit},\n"
    if unit == "ton":
        rows = "c1,2023,1,stationary_combustion,coal_anthracite,,1,ton,\nc2,2023,1,stationary_combustion,coal_anthracite,,2,ton,\n"
    _, status, out, err, strict = _validate(make_inventory, run_cli, rows)
    lines = _warnings(err, "ambiguous_unit")
    assert status == 0 and "no problems" in out and len(lines) == 1  # one line for the unit, naming the first record
    assert lines[0] == (f"warning: activities/a.csv, row 2, record '{'c1' if unit == 'ton' else 'd1'}' (and 1 more record): "
                        f"unit = '{unit}': {reading} to say which [ambiguous_unit]")
    assert strict[0] == 1 and "error: activities/a.csv, row 2" in strict[2] and "errors under --strict" in strict[2]


@pytest.mark.parametrize("unit", ["short_ton", "t", "long_ton", "US_gallon", "imperial_gallon", "oil_barrel",
                                  "US_quart", "imperial_quart", "L", "kg"])
def test_explicit_units_read_without_a_warning(make_inventory, run_cli, unit):
    activity = "coal_anthracite" if unit in ("short_ton", "t", "long_ton", "kg") else "mobile_diesel_fuel"
    category = "stationary_combustion" if activity == "coal_anthracite" else "mobile_combustion"
    _, status, out, err, _ = _validate(make_inventory, run_cli, f"r1,2023,1,{category},{activity},,1,{unit},\n")
    assert status == 0 and not _warnings(err, "ambiguous_unit")


def test_ton_against_a_metric_tonne_is_the_9_percent_the_warning_is_about(make_inventory):
    # EPA Hub 2025 Table 1, Anthracite: 2,602 kg CO2 per short ton. 1 ton (read as a short ton) = 2.602 t CO2;
    # 1 t (metric) = 2.602 / 0.90718474 = 2.868212... t CO2.
    root = make_inventory({"activities/a.csv": HEADER + "st,2023,1,stationary_combustion,coal_anthracite,,1,ton,\n"
                                                         "mt,2023,1,stationary_combustion,coal_anthracite,,1,t,\n"})
    ledger = carbon.calculate(carbon.load_inventory(root)).set_index("record_id")
    assert ledger.at["st", "t_CO2"] == pytest.approx(2.602, rel=1e-12)
    assert ledger.at["mt", "t_CO2"] == pytest.approx(2.602 / 0.90718474, rel=1e-12)


def test_year_after_the_current_year(make_inventory, run_cli):
    # 2032 for 2023: a typo that would become the report's latest year
    _, status, out, err, strict = _validate(make_inventory, run_cli,
                                            "e1,2023,2,electricity,electricity,,1000,kWh,US-CAMX\n"
                                            "e2,2032,2,electricity,electricity,,1000,kWh,US-CAMX\n")
    lines = _warnings(err, "year_future")
    assert status == 0 and len(lines) == 1
    assert lines[0].startswith("warning: activities/a.csv, row 3, record 'e2': year = '2032': read as the year 2032, "
                               "after the current year")
    assert strict[0] == 1


def test_year_before_the_base_year(make_inventory, run_cli):
    _, status, _, err, strict = _validate(make_inventory, run_cli, "e1,2018,2,electricity,electricity,,1000,kWh,US-CAMX\n"
                                                                   "e2,2023,2,electricity,electricity,,1000,kWh,US-CAMX\n")
    lines = _warnings(err, "year_outside")
    assert status == 0 and len(lines) == 1
    assert "record 'e1': year = '2018': read as the year 2018, before the base year 2020" in lines[0]
    assert strict[0] == 1


def test_region_code_that_matches_nothing_falls_back_with_a_warning(make_inventory, run_cli):
    # US-IL is a state, not an eGRID subregion: the record takes the US average, and says so, once per code
    _, status, out, err, strict = _validate(make_inventory, run_cli,
                                            "i1,2023,2,electricity,electricity,,1000,kWh,US-IL\n"
                                            "i2,2023,2,electricity,electricity,,2000,kWh,US-IL\n"
                                            "c1,2023,2,electricity,electricity,,1000,kWh,US-CAMX\n")
    lines = _warnings(err, "region_fallback")
    assert status == 0 and len(lines) == 1
    assert lines[0].startswith("warning: activities/a.csv, row 2, record 'i1' (and 1 more record): region = 'US-IL': "
                               "no factor set has region 'US-IL': read as US (the broader region's factor); the set "
                               "epa-2025 has regions: US, US-AKGD, US-AKMS,")
    assert "US-CAMX" in lines[0] and "US-SRMW" in lines[0]
    assert strict[0] == 1


def test_china_province_code_falls_back_to_the_national_factor(make_inventory, run_cli):
    _, status, _, err, _ = _validate(make_inventory, run_cli, "g1,2023,2,electricity,electricity,,1000,kWh,CN-GD\n",
                                     factors='["china-mee"]')
    lines = _warnings(err, "region_fallback")
    assert status == 0 and len(lines) == 1 and "region = 'CN-GD'" in lines[0] and "read as CN" in lines[0]


def test_factor_vintage_more_than_two_years_from_the_record(make_inventory, run_cli):
    # epa-2025 ships eGRID2023 only: a 2020 record takes the 2023 factor (3 years); 2021 (2 years) is not warned
    _, status, _, err, strict = _validate(make_inventory, run_cli,
                                          "v20,2020,2,electricity,electricity,,1000,kWh,US-CAMX\n"
                                          "v21,2021,2,electricity,electricity,,1000,kWh,US-CAMX\n")
    lines = _warnings(err, "vintage_gap")
    assert status == 0 and len(lines) == 1
    assert lines[0].startswith("warning: activities/a.csv, row 2, record 'v20': year = '2020': takes the 2023 factor "
                               "of 'electricity' from epa-2025 (region US-CAMX) for records of 2020, more than 2 years")
    assert strict[0] == 1


OWN_FACTORS = """\
activity,region,year,gas,value,unit,source,verification
widget,,,CO2e,2,kg/kg,test fixture (official by the set),
gadget,,,CO2e,3,kg/kg,test fixture (this row from a reprint),reprint
"""
OWN_SOURCE = """\
# Test factors

| | |
|---|---|
| publisher | test |
| verification | official: read from the publisher's own file |
"""


def test_factor_from_a_reprint_is_warned_per_set_and_row(make_inventory, run_cli):
    rows = "w1,2023,3,1,widget,,1000,kg,\ng1,2023,3,1,gadget,,1000,kg,\n"
    root, status, _, err, strict = _validate(make_inventory, run_cli, rows, factors='["own"]',
                                             files={"own/f.csv": OWN_FACTORS, "own/SOURCE.md": OWN_SOURCE})
    lines = _warnings(err, "factor_unverified")
    assert status == 0 and len(lines) == 1  # the gadget row only: the set is official, that row a reprint
    assert lines[0].startswith("warning: activities/a.csv, row 3, record 'g1': factor_set = 'own': uses factors graded "
                               "'reprint' in the set's SOURCE.md")
    assert strict[0] == 1
    ledger = carbon.calculate(carbon.load_inventory(root)).set_index("record_id")
    assert ledger.at["w1", "factor_verification"] == "official" and ledger.at["g1", "factor_verification"] == "reprint"


def test_a_shipped_reprint_set_is_warned(make_inventory, run_cli):
    # china-mee's SOURCE.md: every value read from reprints of the MEE notices
    _, status, _, err, _ = _validate(make_inventory, run_cli, "c1,2023,2,electricity,electricity,,1000,kWh,CN\n",
                                     factors='["china-mee"]')
    lines = _warnings(err, "factor_unverified")
    assert status == 0 and len(lines) == 1 and "factor_set = 'china-mee'" in lines[0] and "'reprint'" in lines[0]


def test_bad_verification_value_in_a_factor_file_is_an_error(make_inventory, run_cli):
    bad = OWN_FACTORS.replace(",reprint", ",checked")
    root = make_inventory({"activities/a.csv": HEADER + "g1,2023,3,1,gadget,,1,kg,\n", "own/f.csv": bad},
                          factors='["own"]')
    status, _, err = run_cli("validate", root)
    assert status == 1 and "verification = 'checked': expected official or reprint or unverified, or blank" in err


# ------------------------------------------------------------------------------ methane under AR6
LEAK_FACTORS = """\
activity,region,year,gas,value,unit,source,ch4_origin
pipeline_leak,,,CH4,1,kg/kg,test fixture: 1 kg CH4 per kg of gas leaked,fossil
landfill_ch4,,,CH4,1,kg/kg,test fixture: 1 kg CH4 per kg,non-fossil
untagged_ch4,,,CH4,1,kg/kg,test fixture: origin not given,
"""


def test_fossil_methane_under_ar6_uses_29_8(make_inventory, run_cli):
    # IPCC AR6 WG1 Table 7.15: CH4-fossil 29.8, CH4-non-fossil 27.0; Table 7.SM.7: CH4 27.9.
    rows = ("leak,2023,1,fugitive,pipeline_leak,,1000,kg,\n"       # 1 t fossil CH4 = 29.8 t CO2e
            "fill,2023,3,5,landfill_ch4,,1000,kg,\n"               # 1 t non-fossil CH4 = 27.0 t CO2e
            "plain,2023,3,5,untagged_ch4,,1000,kg,\n"              # origin unknown: 27.9, with a warning
            "direct_fossil,2023,1,fugitive,,CH4-fossil,1,t,\n"     # a direct emission that says fossil: 29.8
            "direct_plain,2023,1,fugitive,,CH4,1,t,\n")            # plain CH4: 27.9, with a warning
    toml = 'organisation = "T"\nbase_year = 2020\ngwp = "AR6"\nfactors = ["own"]\n'
    root = make_inventory({"activities/a.csv": HEADER + rows, "own/f.csv": LEAK_FACTORS}, toml=toml)
    ledger = carbon.calculate(carbon.load_inventory(root)).set_index("record_id")
    assert ledger.at["leak", "tco2e"] == pytest.approx(29.8, rel=1e-12)
    assert ledger.at["fill", "tco2e"] == pytest.approx(27.0, rel=1e-12)
    assert ledger.at["plain", "tco2e"] == pytest.approx(27.9, rel=1e-12)
    assert ledger.at["direct_fossil", "tco2e"] == pytest.approx(29.8, rel=1e-12)
    assert ledger.at["direct_plain", "tco2e"] == pytest.approx(27.9, rel=1e-12)
    # the choice shows in the lineage
    assert ledger.at["leak", "gwp_values"] == "CH4-fossil=29.8"
    assert ledger.at["fill", "gwp_values"] == "CH4-non-fossil=27"
    assert ledger.at["plain", "gwp_values"] == "CH4=27.9"
    status, _, err = run_cli("validate", root)
    lines = _warnings(err, "ch4_origin")
    assert status == 0 and len(lines) == 2
    assert any("record 'plain': activity = 'untagged_ch4': methane of unstated origin read as plain CH4 (GWP 27.9, AR6)"
               in line for line in lines)
    assert any("record 'direct_plain': gas = 'CH4'" in line and "write the gas as CH4-fossil or CH4-non-fossil" in line
               for line in lines)
    assert run_cli("validate", root, "--strict")[0] == 1
    # the stream engine gives the same numbers to the last digit
    result = calculate_stream(root, root / "ledger.parquet")
    streamed = pd.read_parquet(root / "ledger.parquet").set_index("record_id")
    for rid in ledger.index:
        assert streamed.at[rid, "tco2e"] == ledger.at[rid, "tco2e"], rid
    assert sorted(w.kind for w in result.warnings if w.kind == "ch4_origin") == ["ch4_origin", "ch4_origin"]


def test_shipped_epa_natural_gas_under_ar6_is_fossil_and_wood_non_fossil(make_inventory):
    # EPA Hub 2025 Table 1: natural gas 53.06 kg CO2, 1.0 g CH4, 0.10 g N2O per mmBtu; wood and wood residuals
    # 93.8 kg biogenic CO2, 7.2 g CH4, 3.6 g N2O per mmBtu. AR6: CH4-fossil 29.8, CH4-non-fossil 27.0, N2O 273.
    # 1,000 MMBtu natural gas: 53.06 + 0.001 x 29.8 + 0.0001 x 273 = 53.1171 t CO2e.
    # 1,000 MMBtu wood: 0.0072 x 27.0 + 0.0036 x 273 = 0.1944 + 0.9828 = 1.1772 t CO2e (biogenic CO2 outside).
    toml = 'organisation = "T"\nbase_year = 2020\ngwp = "AR6"\nfactors = ["epa-2025"]\n'
    root = make_inventory({"activities/a.csv": HEADER + "ng,2023,1,stationary_combustion,natural_gas,,1000,MMBtu,\n"
                                                         "wood,2023,1,stationary_combustion,wood_and_wood_residuals,,1000,MMBtu,\n"},
                          toml=toml)
    ledger = carbon.calculate(carbon.load_inventory(root)).set_index("record_id")
    assert ledger.at["ng", "tco2e"] == pytest.approx(53.1171, rel=1e-12)
    assert ledger.at["wood", "tco2e"] == pytest.approx(1.1772, rel=1e-12)
    assert "CH4-fossil=29.8" in ledger.at["ng", "gwp_values"] and "CH4-non-fossil=27" in ledger.at["wood", "gwp_values"]
    assert not [w for w in ledger.attrs["warnings"] if w.kind == "ch4_origin"]


def test_ar5_keeps_one_methane_value(make_inventory):
    # AR5 (GHG Protocol AR5 table): CH4 28 for all methane. 1,000 MMBtu natural gas:
    # 53.06 + 0.001 x 28 + 0.0001 x 265 = 53.1145 t CO2e.
    root = make_inventory({"activities/a.csv": HEADER + "ng,2023,1,stationary_combustion,natural_gas,,1000,MMBtu,\n"})
    ledger = carbon.calculate(carbon.load_inventory(root)).set_index("record_id")
    assert ledger.at["ng", "tco2e"] == pytest.approx(53.1145, rel=1e-12)
    assert "CH4=28" in ledger.at["ng", "gwp_values"]


# ------------------------------------------------------------------------------ quantities with a comma
@pytest.mark.parametrize("text, expected", [
    ("1,000", "expected a number without separators: with ',' as a thousands separator this is 1000, with ',' as a "
              "decimal comma it is 1; write 1000 or 1, whichever you mean ('.' is the only decimal point)"),
    ("52,000.5", "expected a number without thousands separators: with ',' as a thousands separator this is 52000.5 "
                 "(as a decimal comma it is no number); write 52000.5 if that is what you mean"),
    ("1,000,000", "expected a number without thousands separators: with ',' as a thousands separator this is "
                  "1000000 (as a decimal comma it is no number)"),
    ("2,25", "expected a number with '.' as decimal point: with ',' as a decimal comma this is 2.25 (as a thousands "
             "separator it is no number); write 2.25"),
    ("1.000,5", "expected a number with '.' as decimal point: with ',' as a decimal comma this is 1000.5"),
])
def test_a_comma_in_a_quantity_names_both_readings(make_inventory, run_cli, text, expected):
    root = make_inventory({"activities/a.csv": HEADER + f'q,2023,1,stationary_combustion,natural_gas,,"{text}",therm,\n'})
    status, _, err = run_cli("validate", root)
    assert status == 1 and f"record 'q': quantity = '{text}': {expected}" in err
    assert "1.000" not in err.split(f"quantity = '{text}'")[1]  # never advise a form that reads as another value
    # the stream engine says the same
    with pytest.raises(carbon.InputError) as caught:
        calculate_stream(root, root / "ledger.parquet")
    assert expected.removeprefix("expected ") in str(caught.value)


# ------------------------------------------------------------------------------ the report
def test_report_counts_and_lists_warnings_and_says_reprints_were_used(make_inventory, run_cli, tmp_path):
    root = make_inventory({"activities/a.csv": HEADER + "i1,2023,2,electricity,electricity,,1000,kWh,US-IL\n"
                                                        "d1,2023,1,mobile_combustion,mobile_diesel_fuel,,10,gallon,\n"})
    status, _, err = run_cli("report", root, "-o", tmp_path / "out", "--draws", "0")
    assert status == 0 and "note: 3 warnings about the inputs; 'carbon validate" in err
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    kinds = sorted(w["kind"] for w in report["warnings"])
    assert kinds == ["ambiguous_unit", "factor_unverified", "region_fallback"]
    assert report["reprinted_factors_used"] is True
    assert report["factor_sets"] == [{"name": "epa-2025", "shipped": True, "rows_used": 2, "verification": "reprint",
                                      "records_reprint": 2}]
    md = (tmp_path / "out" / "report.md").read_text()
    assert "**3 warnings** about the inputs" in md and "## Data quality: warnings (3)" in md
    assert "| region_fallback | i1 | region = US-IL |" in md
    assert "Reprinted factors were used: epa-2025 (2 records)" in md
    html = (tmp_path / "out" / "report.html").read_text()
    assert "<span>Warnings: <strong>3</strong></span>" in html and "Warnings about the inputs (3)" in html


def test_factors_list_shows_verification(run_cli):
    status, out, _ = run_cli("factors", "list")
    assert status == 0 and "verification" in out.splitlines()[0]
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert lines["china-mee"].rstrip().endswith("reprint") and lines["desnz"].rstrip().endswith("reprint")


def test_a_proxy_factor_is_flagged_and_warned(make_inventory, run_cli):
    # china-mee 2020: no MEE/NBS average factor exists; the set's opt-in proxy row (activity electricity_proxy:
    # the carbon-market grid factor 0.6101 t CO2/MWh, note 'proxy: ...') stands in: 1,000 MWh -> 610.1 t,
    # flagged 'proxy' in the lineage
    root, status, _, err, strict = _validate(make_inventory, run_cli,
                                             "cn,2020,2,electricity,electricity_proxy,,1000,MWh,CN\n",
                                             factors='["china-mee"]')
    lines = _warnings(err, "factor_proxy")
    assert status == 0 and len(lines) == 1
    assert lines[0].startswith("warning: activities/a.csv, row 2, record 'cn': year = '2020': takes a proxy factor of "
                               "'electricity_proxy' from china-mee (region CN, 2020): the publisher has no factor for it; proxy:")
    assert strict[0] == 1
    ledger = carbon.calculate(carbon.load_inventory(root)).set_index("record_id")
    assert ledger.at["cn", "tco2e"] == pytest.approx(610.1, rel=1e-12)
    assert ledger.at["cn", "factor_flags"] == "proxy"
    result = calculate_stream(root, root / "ledger.parquet")
    assert result.keys.loc[0, "factor_flags"] == "proxy" and [w.kind for w in result.warnings].count("factor_proxy") == 1


def test_explain_reproduces_fossil_methane(make_inventory, run_cli):
    # the explain arithmetic uses the same choice: 1 t fossil CH4 x 29.8 (IPCC AR6 WG1 Table 7.15)
    toml = 'organisation = "T"\nbase_year = 2020\ngwp = "AR6"\nfactors = ["own"]\n'
    root = make_inventory({"activities/a.csv": HEADER + "leak,2023,1,fugitive,pipeline_leak,,1000,kg,\n",
                           "own/f.csv": LEAK_FACTORS}, toml=toml)
    status, out, _ = run_cli("explain", root, "leak")
    assert status == 0 and "CH4-fossil" in out and "GWP 29.8 (AR6)" in out and "= 29.8 tCO2e" in out


def test_desnz_record_year_picks_the_edition_in_both_engines(make_inventory, run_cli):
    # UK Government GHG Conversion Factors for Company Reporting, UK electricity (generation), kg CO2e per kWh:
    # 2020 edition 0.23314, 2022 edition 0.19338. 1,000 kWh -> 0.23314 t and 0.19338 t.
    root = make_inventory({"activities/a.csv": HEADER + "uk20,2020,2,electricity,electricity,,1000,kWh,GB\n"
                                                        "uk22,2022,2,electricity,electricity,,1000,kWh,GB\n"},
                          factors='["desnz"]')
    ledger = carbon.calculate(carbon.load_inventory(root)).set_index("record_id")
    assert ledger.at["uk20", "tco2e"] == pytest.approx(0.23314, rel=1e-12) and ledger.at["uk20", "factor_vintage"] == "2020"
    assert ledger.at["uk22", "tco2e"] == pytest.approx(0.19338, rel=1e-12) and ledger.at["uk22", "factor_vintage"] == "2022"
    calculate_stream(root, root / "ledger.parquet")
    streamed = pd.read_parquet(root / "ledger.parquet").set_index("record_id")
    assert streamed.at["uk20", "tco2e"] == ledger.at["uk20", "tco2e"]
    assert streamed.at["uk22", "tco2e"] == ledger.at["uk22", "tco2e"]
    status, out, err = run_cli("validate", root)
    assert status == 0 and _warnings(err, "factor_unverified") and not _warnings(err, "vintage_gap")


def test_stream_engine_gives_the_same_warning_classes(make_inventory, run_cli, tmp_path):
    rows = ("i1,2023,2,electricity,electricity,,1000,kWh,US-IL\n"
            "d1,2023,1,mobile_combustion,mobile_diesel_fuel,,10,gallon,\n"
            "v1,2020,2,electricity,electricity,,1000,kWh,US-CAMX\n"
            "f1,2032,2,electricity,electricity,,1000,kWh,US-CAMX\n")
    root = make_inventory({"activities/a.csv": HEADER + rows})
    ledger = carbon.calculate(carbon.load_inventory(root))
    result = calculate_stream(root, tmp_path / "ledger.parquet")
    kinds = sorted(w.kind for w in ledger.attrs["warnings"])
    assert kinds == ["ambiguous_unit", "factor_unverified", "region_fallback", "vintage_gap", "year_future"]
    assert sorted(w.kind for w in result.warnings) == kinds
    status, _, err = run_cli("calculate", root, "--engine", "stream", "-o", tmp_path / "cli.parquet")
    assert status == 0 and "warning: (stream engine: ledger keys)" in err and "[region_fallback]" in err
