"""Energy consumption (issue 16): ``years[Y].energy_mwh`` from energy units and fuel heat contents.

Hand-worked figures:
- 1 therm = 100,000 Btu (IT) = 0.0293071 MWh (EPA GHG Emission Factors Hub 2025, Table 1 note and unit
  conversions), so 1,000 therm of natural gas = 29.3071 MWh.
- EPA GHG Emission Factors Hub 2025, Table 1 Stationary Combustion heat contents (HHV): natural gas
  0.001026 mmBtu/scf; bituminous coal 24.93 mmBtu/short ton; wood and wood residuals 17.48 mmBtu/short
  ton. 1 mmBtu = 1,000,000 Btu = 1.055056 GJ = 0.2930711 MWh.
"""

import json

import pytest

from carbon import InputError, build_report, calculate, load_inventory

USE = "record_id,year,scope,category,activity,quantity,unit,region,facility,entity\n"
INSTRUMENTS = "instrument_id,year,type,quantity,unit,region,facility,emission_rate,rate_unit,source,vintage\n"
MWH_PER_MMBTU = 1055.056e6 / 3.6e9  # 1 mmBtu (Btu = 1,055.056 J, the engine's units.txt) in MWh = 0.2930711


def run(make_inventory, records: str, instruments: str | None = None, files: dict | None = None, extra: str = ""):
    all_files = {"activities/a.csv": USE + records, **(files or {})}
    if instruments is not None:
        all_files["instruments.csv"] = INSTRUMENTS + instruments
    root = make_inventory(all_files, factors='["epa-2025"]', toml_extra=extra)
    inventory = load_inventory(root)
    ledger = calculate(inventory)
    return ledger.set_index("record_id"), build_report(inventory, ledger)


def test_therm_of_gas_and_mwh_of_electricity(make_inventory):
    # the case: 1,000 therm natural gas (29.3071 MWh) + 200 MWh grid electricity = 229.3071 MWh
    led, rep = run(make_inventory, "g,2024,1,stationary_combustion,natural_gas,1000,therm,,,\n"
                                   "e,2024,2,electricity,electricity,200,MWh,US-CAMX,,\n")
    energy = rep["years"]["2024"]["energy_mwh"]
    assert led.at["g", "energy_mwh"] == pytest.approx(29.3071, rel=1e-6)
    assert energy["total"] == pytest.approx(229.3071, rel=1e-6)
    assert energy["fuels"] == pytest.approx(29.3071, rel=1e-6)
    assert energy["electricity"] == 200.0
    assert energy["steam_heat_cooling"] == 0.0
    assert energy["renewable"] == 0.0
    assert energy["non_renewable"] == pytest.approx(229.3071, rel=1e-6)
    assert energy["records_without_energy"] == 0


def test_renewable_share_from_a_ppa(make_inventory):
    # 200 MWh consumed in US-CAMX, a PPA at 0 kg/MWh covering 80 MWh: renewable 80 MWh;
    # share = 80 / 229.3071 = 0.348877... (by hand: 80 / 229.3071 = 0.3488768)
    _, rep = run(make_inventory, "g,2024,1,stationary_combustion,natural_gas,1000,therm,,,\n"
                                 "e,2024,2,electricity,electricity,200,MWh,US-CAMX,,\n",
                 "ppa1,2024,ppa,80,MWh,US-CAMX,,0,kg/MWh,wind PPA,2024\n")
    energy = rep["years"]["2024"]["energy_mwh"]
    assert energy["renewable"] == pytest.approx(80.0, rel=1e-12)
    assert energy["renewable_electricity"] == pytest.approx(80.0, rel=1e-12)
    assert energy["non_renewable"] == pytest.approx(149.3071, rel=1e-6)
    assert energy["renewable_share"] == pytest.approx(0.3488768, rel=1e-6)


def test_supplier_rate_is_not_renewable(make_inventory):
    # a supplier's specific rate (360 kg/MWh) is not a renewable instrument: renewable stays 0
    _, rep = run(make_inventory, "e,2024,2,electricity,electricity,200,MWh,US-CAMX,,\n",
                 "sup,2024,supplier_rate,,MWh,US-CAMX,,360,kg/MWh,utility rate,2024\n")
    assert rep["years"]["2024"]["energy_mwh"]["renewable"] == 0.0


def test_fuel_in_physical_units_at_its_heat_content(make_inventory):
    # EPA Hub 2025 Table 1 HHV: natural gas 0.001026 mmBtu/scf -> 100,000 scf = 102.6 mmBtu
    # = 102.6 x 0.2930711 = 30.0691 MWh; bituminous coal 24.93 mmBtu/short ton -> 10 short ton
    # = 249.3 mmBtu = 73.0626 MWh; wood 17.48 mmBtu/short ton, renewable (biogenic CO2 only):
    # 5 short ton = 87.4 mmBtu = 25.6144 MWh
    led, rep = run(make_inventory, "g,2024,1,stationary_combustion,natural_gas,100000,scf,,,\n"
                                   "c,2024,1,stationary_combustion,coal_bituminous,10,short_ton,,,\n"
                                   "w,2024,1,stationary_combustion,wood_and_wood_residuals,5,short_ton,,,\n")
    assert led.at["g", "energy_mwh"] == pytest.approx(102.6 * MWH_PER_MMBTU, rel=1e-9)
    assert led.at["g", "energy_mwh"] == pytest.approx(30.0691, rel=1e-5)
    assert led.at["c", "energy_mwh"] == pytest.approx(73.0626, rel=1e-5)
    assert led.at["w", "energy_mwh"] == pytest.approx(25.6144, rel=1e-5)
    energy = rep["years"]["2024"]["energy_mwh"]
    assert energy["fuels"] == pytest.approx((102.6 + 249.3 + 87.4) * MWH_PER_MMBTU, rel=1e-9)
    assert energy["renewable"] == pytest.approx(87.4 * MWH_PER_MMBTU, rel=1e-9)
    assert energy["renewable_fuels"] == pytest.approx(87.4 * MWH_PER_MMBTU, rel=1e-9)


def test_records_without_energy_are_counted_not_zeroed(make_inventory):
    # a refrigerant leak (direct gas) has no energy: counted, by category, not added as 0 silently
    _, rep = run(make_inventory, "g,2024,1,stationary_combustion,natural_gas,1000,therm,,,\n"
                                 "e,2024,2,electricity,electricity,200,MWh,US-CAMX,,\n",
                 files={"activities/b.csv": "record_id,year,scope,category,gas,quantity,unit\nleak,2024,1,fugitive,HFC-134a,10,kg\n"})
    energy = rep["years"]["2024"]["energy_mwh"]
    assert energy["records"] == 3
    assert energy["records_without_energy"] == 1
    assert energy["without_energy_by_category"] == {"fugitive": 1}
    assert energy["total"] == pytest.approx(229.3071, rel=1e-6)


def test_steam_and_revenue_intensity(make_inventory):
    # 50 MMBtu of purchased steam = 50 x 0.2930711 = 14.6536 MWh under steam_heat_cooling; revenue 2.0
    # (metrics.csv) -> (29.3071 + 14.6536) / 2.0 = 21.9803 MWh per unit of revenue
    _, rep = run(make_inventory, "g,2024,1,stationary_combustion,natural_gas,1000,therm,,,\n"
                                 "s,2024,2,steam,steam,50,MMBtu,,,\n",
                 files={"metrics.csv": "metric,year,value,unit\nrevenue,2024,2.0,USD million\n"},
                 extra='metrics = "metrics.csv"\n')
    energy = rep["years"]["2024"]["energy_mwh"]
    assert energy["steam_heat_cooling"] == pytest.approx(50 * MWH_PER_MMBTU, rel=1e-9)
    assert energy["per_revenue"] == pytest.approx(21.9803, rel=1e-5)
    # GHG intensity: natural gas 100 MMBtu x (53.06 kg CO2 + 1 g CH4 x 28 + 0.1 g N2O x 265) = 5.31145 t (EPA Hub
    # 2025 Table 1, AR5); steam 50 MMBtu x (66.33 kg CO2 + 1.25 g CH4 x 28 + 0.125 g N2O x 265) = 3.31990625 t
    # (Table 7); Scope 1 + 2 = 8.63135625 t / revenue 2.0 = 4.315678125 t per unit of revenue
    intensity = rep["years"]["2024"]["intensity"]
    assert intensity["scope12_tco2e"] == pytest.approx(8.63135625, rel=1e-12)
    assert intensity["scope12_per_revenue"] == pytest.approx(4.315678125, rel=1e-12)
    assert intensity["total_location_per_revenue"] == pytest.approx(4.315678125, rel=1e-12)


def test_bad_heat_content_is_refused(make_inventory):
    factors = ("activity,region,year,gas,value,unit,source,heat_content,heat_content_unit\n"
               "fuel_x,,,CO2,2,kg/kg,fixture,lots,MJ/kg\n")
    root = make_inventory({"f.csv": factors, "activities/a.csv": USE + "x,2024,1,stationary_combustion,fuel_x,10,kg,,,\n"},
                          factors='["f.csv"]')
    with pytest.raises(InputError) as err:
        calculate(load_inventory(root))
    text = str(err.value)
    assert "heat_content" in text and "lots" in text and "f.csv" in text


def test_example_report_json_has_energy(tmp_path):
    from pathlib import Path
    from carbon.cli import main
    example = Path(__file__).resolve().parents[1] / "inventories" / "example"
    assert main(["report", str(example), "-o", str(tmp_path / "out")]) == 0
    years = json.loads((tmp_path / "out" / "report.json").read_text())["years"]
    energy = years["2024"]["energy_mwh"]
    assert set(energy) >= {"total", "fuels", "electricity", "steam_heat_cooling", "renewable", "non_renewable"}
    assert energy["total"] == pytest.approx(energy["fuels"] + energy["electricity"] + energy["steam_heat_cooling"], rel=1e-12)
    # renewable electricity = the zero-rate instruments applied in 2024 (instruments.csv: 450 + 450 + 150 + 120)
    assert energy["renewable_electricity"] == pytest.approx(1170.0, rel=1e-12)


def test_report_md_and_html_show_energy(make_inventory, tmp_path):
    from carbon.report.html import render_html
    from carbon.report.markdown import render_markdown
    _, rep = run(make_inventory, "g,2024,1,stationary_combustion,natural_gas,1000,therm,,,\n"
                                 "e,2024,2,electricity,electricity,200,MWh,US-CAMX,,\n")
    md, page = render_markdown(rep), render_html(rep)
    assert "## Energy consumption (MWh)" in md and "| 2024 | 229.31 | 29.31 | 200.00 |" in md
    assert '<section id="energy">' in page and "229.3" in page


def test_by_gas_and_by_country(make_inventory):
    # 1,000 therm natural gas = 100 MMBtu (EPA Hub 2025 Table 1: CO2 53.06 kg/MMBtu, CH4 1 g/MMBtu, N2O 0.1 g/MMBtu):
    # CO2 5.306 t; CH4 0.0001 t x 28 (AR5 WG1 Table 8.A.1) = 0.0028 t CO2e; N2O 0.00001 t x 265 = 0.00265 t CO2e
    _, rep = run(make_inventory, "g,2024,1,stationary_combustion,natural_gas,1000,therm,US,,\n"
                                 "e,2024,2,electricity,electricity,200,MWh,US-CAMX,,\n")
    year = rep["years"]["2024"]
    gas = year["by_gas"]["scope1"]
    assert gas["CO2"]["t"] == pytest.approx(5.306, rel=1e-12)
    assert gas["CH4"]["t"] == pytest.approx(0.0001, rel=1e-12)
    assert gas["CH4"]["tco2e"] == pytest.approx(0.0028, rel=1e-12)
    assert gas["N2O"]["tco2e"] == pytest.approx(0.00265, rel=1e-12)
    assert sum(g["tco2e"] for g in gas.values()) == pytest.approx(5.31145, rel=1e-12) == year["scope1"]
    assert year["by_country"]["US"]["scope1"] == pytest.approx(5.31145, rel=1e-12)
    assert year["by_country"]["US"]["scope2_location"] == pytest.approx(year["scope2_location"], rel=1e-12)
