"""The one pint unit registry of the engine, and unit conversion done once per distinct unit pair.

pint's defaults plus ``units.txt`` beside this file (MMBtu, scf, the US M = thousand conventions Mscf,
MBtu, ..., passenger, vehicle, currencies). Gases are not units: a gas is a column and its GWP an explicit
multiplication (see ``factors.py``).

Units whose plain name means different things in different countries (``ton``, ``gallon``, ``barrel``,
``quart``) are read the US way, as pint does, and :func:`unit_reading` says so, for a warning; the
explicit spellings (``short_ton``, ``t``, ``long_ton``, ``US_gallon``, ``imperial_gallon``, ...) read
without one.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pint

__all__ = ["ureg", "parse_unit", "unit_problem", "unit_reading", "tonnes_per_unit", "expression_problem", "MAX_UNIT_CHARS",
           "MAX_EXPONENT", "MAX_UNIT_TERMS"]

# The one bound on unit expressions, for every reader (both engines, factors, credits, investments):
# pint evaluates powers as Python numbers, so 'MMBtu**9**9**9' would run for hours.
MAX_UNIT_CHARS = 100   # characters in a unit cell
MAX_EXPONENT = 12      # |n| in x**n or x^n (m**3, 1/km**2 ... are far below)
MAX_UNIT_TERMS = 16    # units multiplied or divided in one expression
_POWER = re.compile(r"(\*\*|\^)\s*")
_NUMBER = re.compile(r"[+-]?\s*(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")

ureg = pint.UnitRegistry(autoconvert_offset_to_baseunit=False)
ureg.load_definitions(str(Path(__file__).with_name("units.txt")))

_MASS = ureg.tonne.dimensionality
_CO2E_SUFFIXES = ("CO2e", "co2e", "CO2E")


def _clean(text: str) -> str:
    """Accept ``tCO2e`` / ``kgCO2e`` for a CO2e mass: the gas is a column, not a unit."""
    text = text.strip()
    for suffix in _CO2E_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)].strip()
    return text


def expression_problem(text: str) -> str | None:
    """Why a unit expression is too large to evaluate (see :data:`MAX_UNIT_CHARS` and the other
    bounds), or None. Checked before pint sees the text."""
    if len(text) > MAX_UNIT_CHARS:
        return f"it is longer than {MAX_UNIT_CHARS} characters"
    if len(re.findall(r"\*\*|\^|\*|/", text)) >= MAX_UNIT_TERMS:
        return f"it combines more than {MAX_UNIT_TERMS} units"
    for power in _POWER.finditer(text):
        number = _NUMBER.match(text, power.end())
        if number is None:
            return "an exponent must be a plain number, e.g. m**3"
        rest = text[number.end():].lstrip()
        if rest.startswith(("**", "^")):
            return "one exponent per unit (write m**3, not m**3**2)"
        try:
            value = float(number.group().replace(" ", ""))
        except ValueError:
            return "an exponent must be a plain number, e.g. m**3"
        if not abs(value) <= MAX_EXPONENT:
            return f"an exponent of at most {MAX_EXPONENT} (found {number.group().strip()[:20]})"
    return None


@lru_cache(maxsize=4096)
def parse_unit(text: str) -> pint.Unit:
    """Parse a unit string; raise ``ValueError`` with a readable reason when pint cannot."""
    cleaned = _clean(text)
    if not cleaned:
        raise ValueError("the unit is empty")
    too_large = expression_problem(cleaned)
    if too_large:
        raise ValueError(f"it is not a unit expression the engine evaluates: {too_large}")
    try:
        unit = ureg.parse_units(cleaned)
    except (pint.errors.UndefinedUnitError, pint.errors.DefinitionSyntaxError):
        raise ValueError(f"'{cleaned}' is not a unit we know{_unit_hint(cleaned)}") from None
    except Exception:  # pint's parser raises assorted errors on malformed text
        hint = "; write a product with '*', e.g. passenger*km" if "-" in cleaned else ""
        raise ValueError(f"it is not a unit expression{hint}") from None
    try:
        ureg.Quantity(1.0, unit) * ureg.Quantity(1.0, ureg.kilogram)
    except pint.errors.OffsetUnitCalculusError:
        raise ValueError("it is an offset unit (like degC), which cannot measure an amount of activity") from None
    return unit


# The units activity data usually comes in, offered first when a unit is misspelt.
COMMON_UNITS = ("kWh", "MWh", "GWh", "kJ", "MJ", "GJ", "MMBtu", "therm", "scf", "L", "m**3", "US_gallon", "kg", "t", "lb",
                "short_ton", "km", "mi", "passenger*km", "tonne*km", "vehicle*km", "USD", "EUR", "GBP", "CNY")


def _unit_hint(text: str) -> str:
    from .suggest import suggest

    return suggest(text, COMMON_UNITS) or "; write units like kWh, MWh, L, kg, t, km, passenger*km or USD"


# plain unit names that mean different things in different countries: the reading pint (and the engine)
# gives them, and the explicit spellings that say which is meant (units.txt documents them)
AMBIGUOUS = {
    "ton": ("short_ton (2,000 lb = 0.90718474 t)", "t (metric tonne), short_ton or long_ton (2,240 lb)"),
    "gallon": ("US_gallon (3.785411784 L)", "US_gallon or imperial_gallon (4.54609 L)"),
    "barrel": ("US_barrel (31.5 US gallons = 119.24 L)",
               "oil_barrel (42 US gallons, petroleum), US_barrel or imperial_barrel (36 imperial gallons)"),
    "quart": ("US_quart (0.946352946 L)", "US_quart or imperial_quart (1.1365225 L)"),
}
_AMBIGUOUS_NAMES = {"ton": "ton", "tons": "ton", "gallon": "gallon", "gallons": "gallon", "gal": "gallon",
                    "barrel": "barrel", "barrels": "barrel", "bbl": "barrel", "quart": "quart", "quarts": "quart",
                    "qt": "quart"}
_NAME = re.compile(r"[A-Za-z_]+")


@lru_cache(maxsize=4096)
def unit_reading(text: str) -> str | None:
    """How a unit whose name is read differently by country was read, or None when it is unambiguous:
    ``unit_reading("ton") == "ton read as short_ton (2,000 lb = 0.90718474 t); write t (metric tonne),
    short_ton or long_ton (2,240 lb) to say which"``. Called once per distinct unit text."""
    found = []
    for name in _NAME.findall(_clean(text)):
        kind = _AMBIGUOUS_NAMES.get(name)
        if kind and kind not in [k for k, _ in found]:
            found.append((kind, name))
    if not found:
        return None
    return "; ".join(f"{name} read as {AMBIGUOUS[kind][0]}; write {AMBIGUOUS[kind][1]} to say which"
                     for kind, name in found)


def unit_problem(text: str) -> str | None:
    """Why ``text`` is not a usable unit, or None when it is."""
    try:
        parse_unit(text)
    except ValueError as exc:
        return str(exc)
    return None


def describe(unit: pint.Unit) -> str:
    """``'[mass] / [length] ** 3'``-style dimension of a unit, for error messages."""
    return str(unit.dimensionality) if unit.dimensionality else "dimensionless"


@lru_cache(maxsize=65536)
def tonnes_per_unit(activity_unit: str, factor_unit: str) -> float | None:
    """Tonnes of gas for one ``activity_unit`` at a factor of 1 ``factor_unit``.

    ``tonnes_per_unit("therm", "kg/MMBtu") == 1e-4``: one therm is 0.1 MMBtu, at 1 kg/MMBtu that is
    0.1 kg = 1e-4 t. None when the product is not a mass (the units do not fit each other). Called
    once per distinct pair of units, never per record.
    """
    product = ureg.Quantity(1.0, parse_unit(activity_unit)) * ureg.Quantity(1.0, parse_unit(factor_unit))
    if product.dimensionality != _MASS:
        return None
    return float(product.to(ureg.tonne).magnitude)


def mass_to_tonnes(unit: str) -> float | None:
    """Tonnes in one ``unit`` (``kg`` -> 0.001), or None when ``unit`` is not a mass."""
    parsed = parse_unit(unit)
    if parsed.dimensionality != _MASS:
        return None
    return float(ureg.Quantity(1.0, parsed).to(ureg.tonne).magnitude)
