"""Unit conversion: pint plus the engine's units.txt."""

import pytest

from carbon.units import mass_to_tonnes, tonnes_per_unit, unit_problem

LB_KG = 0.45359237  # international avoirdupois pound, exact by definition (1959 agreement)


def test_therm_is_a_tenth_of_an_mmbtu():
    # 1 therm = 100,000 Btu (pint's definition); 1 MMBtu = 1,000,000 Btu (units.txt):
    # at 1 kg/MMBtu one therm emits 0.1 kg = 1e-4 t.
    assert tonnes_per_unit("therm", "kg/MMBtu") == pytest.approx(1e-4, rel=1e-12)


def test_pounds_per_mwh_from_kwh():
    # 1 kWh = 1e-3 MWh; at 1 lb/MWh that is 1e-3 lb = 1e-3 * 0.45359237 kg = 4.5359237e-7 t.
    assert tonnes_per_unit("kWh", "lb/MWh") == pytest.approx(1e-3 * LB_KG / 1000, rel=1e-12)


def test_passenger_km_against_per_passenger_mile():
    # 1 mile = 1.609344 km exactly, so 1 passenger*km = 1/1.609344 passenger*mile.
    assert tonnes_per_unit("passenger*km", "kg/(passenger*mile)") == pytest.approx(1 / 1.609344 / 1000, rel=1e-12)


def test_tonne_km_against_short_ton_mile():
    # 1 tonne = 1000/907.18474 short tons; 1 km = 1/1.609344 mile.
    expected = (1000 / 907.18474) / 1.609344 / 1000
    assert tonnes_per_unit("tonne*km", "kg/(short_ton*mile)") == pytest.approx(expected, rel=1e-12)


def test_gallon_is_the_us_gallon():
    # 1 US gallon = 3.785411784 L exactly; at 1 kg/gallon, 1 L emits 1/3.785411784 kg.
    assert tonnes_per_unit("L", "kg/gallon") == pytest.approx(1 / 3.785411784 / 1000, rel=1e-12)


def test_mismatched_dimensions_do_not_convert():
    assert tonnes_per_unit("kWh", "kg/gallon") is None
    assert tonnes_per_unit("USD", "kg/EUR") is None  # currencies never convert implicitly


def test_currency_against_same_currency():
    assert tonnes_per_unit("USD", "kg/USD") == pytest.approx(1e-3, rel=1e-12)


@pytest.mark.parametrize("text", ["kWh", "MWh", "MMBtu", "mmBtu", "scf", "therm", "gallon", "passenger*km",
                                  "vehicle*mile", "tonne*km", "USD", "CNY", "kg", "t", "tCO2e"])
def test_units_users_write_parse(text):
    assert unit_problem(text) is None


@pytest.mark.parametrize("text, reason", [("degC", "offset unit"), ("furlongs_per_fortnight", "not a unit we know"),
                                          ("", "empty"), ("passenger-km", "passenger*km")])
def test_unusable_units_say_why(text, reason):
    assert reason in unit_problem(text)


def test_mass_to_tonnes():
    assert mass_to_tonnes("kg") == pytest.approx(1e-3, rel=1e-12)
    assert mass_to_tonnes("lb") == pytest.approx(LB_KG / 1000, rel=1e-12)
    assert mass_to_tonnes("tCO2e") == 1.0
    assert mass_to_tonnes("kWh") is None


# ---------------------------------------------------------------- US oil-and-gas and energy conventions
# M = thousand, MM = million (US EIA Glossary and "Units and calculators explained"; see units.txt)
@pytest.mark.parametrize("unit, scf", [("Mscf", 1e3), ("mscf", 1e3), ("MSCF", 1e3), ("Mcf", 1e3), ("mcf", 1e3),
                                       ("MMscf", 1e6), ("MMcf", 1e6), ("mmcf", 1e6), ("Bcf", 1e9), ("Ccf", 100)])
def test_us_gas_volumes_are_thousands_not_mega(unit, scf):
    # at 1 kg/scf, one unit emits `scf` kg
    assert tonnes_per_unit(unit, "kg/scf") == pytest.approx(scf / 1000, rel=1e-12)


@pytest.mark.parametrize("unit, btu", [("MBtu", 1e3), ("mbtu", 1e3), ("MMBtu", 1e6), ("therm", 1e5), ("Dth", 1e6),
                                       ("dekatherm", 1e6)])
def test_us_energy_units(unit, btu):
    # at 1 kg/MMBtu, one unit emits btu / 1e6 kg
    assert tonnes_per_unit(unit, "kg/MMBtu") == pytest.approx(btu / 1e6 / 1000, rel=1e-12)


def test_two_mscf_of_natural_gas(make_inventory):
    # EPA GHG Emission Factors Hub 2025, Table 1, Natural Gas: 0.05444 kg CO2 per scf.
    # 2 Mscf = 2,000 scf -> 108.88 kg = 0.10888 t CO2 (pint alone would read 2 Mscf as 2 million scf: 108.88 t).
    # 1 MMscf = 1,000,000 scf -> 54,440 kg = 54.44 t CO2, i.e. 2 MMscf = 1,000 x 2 Mscf.
    # 1,000 MBtu = 1 MMBtu -> 53.06 kg CO2 (Table 1: 53.06 kg CO2 per mmBtu); 10 Dth = 10 MMBtu -> 530.6 kg.
    import carbon

    root = make_inventory({"activities/a.csv": "record_id,year,scope,category,activity,quantity,unit\n"
                                               "m,2023,1,stationary_combustion,natural_gas,2,Mscf\n"
                                               "mm,2023,1,stationary_combustion,natural_gas,2,MMscf\n"
                                               "kbtu,2023,1,stationary_combustion,natural_gas,1000,MBtu\n"
                                               "dth,2023,1,stationary_combustion,natural_gas,10,Dth\n"})
    ledger = carbon.calculate(carbon.load_inventory(root)).set_index("record_id")
    assert ledger.at["m", "t_CO2"] == pytest.approx(0.10888, rel=1e-12)
    assert ledger.at["mm", "t_CO2"] == pytest.approx(108.88, rel=1e-12)
    assert ledger.at["kbtu", "t_CO2"] == pytest.approx(0.05306, rel=1e-12)
    assert ledger.at["dth", "t_CO2"] == pytest.approx(0.5306, rel=1e-12)


@pytest.mark.parametrize("text, reading", [("ton", "short_ton"), ("tons", "short_ton"), ("kg/gallon", "US_gallon"),
                                           ("gal", "US_gallon"), ("bbl", "US_barrel"), ("qt", "US_quart"),
                                           ("ton*mile", "short_ton")])
def test_region_dependent_names_say_how_they_are_read(text, reading):
    from carbon.units import unit_reading

    assert f"read as {reading}" in unit_reading(text)


@pytest.mark.parametrize("text", ["short_ton", "t", "tonne", "long_ton", "US_gallon", "imperial_gallon", "oil_barrel",
                                  "US_quart", "ton_TNT", "tonne*km", "kWh"])
def test_explicit_names_read_without_comment(text):
    from carbon.units import unit_reading

    assert unit_reading(text) is None


def test_explicit_forms_have_their_published_sizes():
    # NIST Handbook 44 Appendix C: short ton 2,000 lb, long ton 2,240 lb, US gallon 231 in3 = 3.785411784 L,
    # oil barrel 42 US gallons; UK Weights and Measures Act 1985: imperial gallon 4.54609 L.
    assert mass_to_tonnes("short_ton") == pytest.approx(2000 * LB_KG / 1000, rel=1e-12)
    assert mass_to_tonnes("long_ton") == pytest.approx(2240 * LB_KG / 1000, rel=1e-12)
    assert tonnes_per_unit("US_gallon", "kg/L") == pytest.approx(3.785411784e-3, rel=1e-12)
    assert tonnes_per_unit("imperial_gallon", "kg/L") == pytest.approx(4.54609e-3, rel=1e-12)
    assert tonnes_per_unit("oil_barrel", "kg/US_gallon") == pytest.approx(42e-3, rel=1e-12)
