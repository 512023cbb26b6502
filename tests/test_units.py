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
