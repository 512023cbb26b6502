"""Per-key coefficients: what one distinct (activity, region, year, unit) costs per unit of activity.

The one place where a key's factor rows, unit conversion and GWPs become numbers, shared by every
engine (:mod:`carbon.emissions` and :mod:`carbon.stream`) so that a record's figure is the same
whichever runs it: ``tco2e = quantity x co2e``, per-gas tonnes ``quantity x tonnes[gas]``.
Everything here runs once per distinct key, with caches for the work that repeats across keys
(the unit's dimension, the rows of an activity that can fit a unit, a gas's canonical name).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .currency import Money, currency_of, factor_currency
from .errors import Issue
from .factors import (BIOGENIC, NON_GWP_GASES, FactorLibrary, GwpTable, Resolution, _region_levels, factor_gas,
                      resolve, row_flags)
from .units import mass_to_tonnes, parse_unit, tonnes_per_unit, unit_problem, ureg

__all__ = ["KeyResolver", "FactorKey", "LINEAGE_FIELDS", "co2e_per_unit", "energy_mwh"]

# the lineage of a key, in the ledger's column order
LINEAGE_FIELDS = ("calculation", "factor_set", "factor_file", "factor_rows", "factor_region", "factor_vintage",
                  "factor_flags", "factor_source", "factor_uncertainty", "gwp_values", "factor_verification")
_BLANK_LINEAGE = ("",) * len(LINEAGE_FIELDS)


def co2e_per_unit(tonnes: dict[str, float], gwp) -> float:
    """t CO2e per unit of activity from t of each gas per unit: sum of t x GWP in gas-name order,
    left to right (the order ``carbon explain`` prints, so its arithmetic reproduces to the digit)."""
    total = 0.0
    for gas in sorted(tonnes):
        total += tonnes[gas] * gwp.gwp(gas)
    return total


_ENERGY = ureg.megawatt_hour.dimensionality


def energy_mwh(unit: str, per: str = "") -> float | None:
    """MWh in one ``unit`` (``therm`` -> 0.0293071), or in one ``unit`` of a fuel whose heat content is
    1 ``per`` (``energy_mwh("short_ton", "MMBtu/short_ton")`` -> 0.29307107); None when that is not an
    energy. Called once per distinct pair of units."""
    quantity = ureg.Quantity(1.0, parse_unit(unit))
    if per:
        quantity = quantity * ureg.Quantity(1.0, parse_unit(per))
    if quantity.dimensionality != _ENERGY:
        return None
    return float(quantity.to(ureg.megawatt_hour).magnitude)


@dataclass(frozen=True)
class FactorKey:
    """One key's coefficients: t of each gas per unit, t CO2e per unit, biogenic t per unit, and the
    lineage (``LINEAGE_FIELDS``). ``problem`` = (column, shown value, expected) when the key does not
    resolve (every record of it is an issue); ``factor_issues`` = problems of the factor rows it uses."""

    tonnes: dict = field(default_factory=dict)
    co2e: float = 0.0
    biogenic: float = 0.0
    lineage: tuple = _BLANK_LINEAGE
    problem: tuple | None = None
    factor_issues: tuple = ()

    @property
    def usable(self) -> bool:
        return self.problem is None and not self.factor_issues


class _Narrowed:
    """The factor library as one key sees it: only the rows of the record's region levels whose unit
    can fit the record's unit. Resolving against it gives what resolving against the whole library
    gives (the rows left out are exactly those :func:`carbon.factors.resolve` would find not to fit, or
    at another region), faster; a key that does not resolve is resolved again against the whole
    library, for its exact message."""

    def __init__(self, library: FactorLibrary, region: str, unit: str, currency: bool, cache: dict):
        self.library, self.sources, self.cache = library, library.sources, cache
        self.levels = tuple(_region_levels(region))
        self.unit, self.currency = unit, currency

    def rows_for(self, activity: str) -> dict[int, list[tuple]]:
        key = (activity, self.unit, self.levels)
        rows = self.cache.get(key)
        if rows is None:
            fitting = self.cache.get((activity, self.unit))
            if fitting is None:
                fitting = self.cache[(activity, self.unit)] = {
                    src: [r for r in found if self._may_fit(r[4])] for src, found in self.library.rows_for(activity).items()}
            levels = set(self.levels)
            rows = self.cache[key] = {src: [r for r in found if r[1] in levels] for src, found in fitting.items()}
        return rows

    def _may_fit(self, factor_unit: str) -> bool:
        if unit_problem(factor_unit):
            return True  # let resolve decide
        if tonnes_per_unit(self.unit, factor_unit) is not None:
            return True
        # spend against a factor per another currency converts through the exchange rates of the year
        return self.currency and factor_currency(factor_unit) is not None


class KeyResolver:
    """Resolves keys against one factor library, GWP table and currency tables, with caches."""

    def __init__(self, library: FactorLibrary, gwp: GwpTable, money: Money | None):
        self.library, self.gwp, self.money = library, gwp, money
        self._units: dict[str, tuple] = {}
        self._dims: dict[str, str] = {}
        self._gases: dict[str, tuple] = {}
        self._families: dict[tuple, Resolution] = {}
        self._narrow_cache: dict = {}
        self._lib: dict | None = None

    # ------------------------------------------------------------------ per distinct value
    def unit(self, text: str) -> tuple[str | None, float | None, bool]:
        """(problem, tonnes per unit when a mass, is a currency) of a unit, worked out once."""
        info = self._units.get(text)
        if info is None:
            problem = unit_problem(text)
            mass = None if problem else mass_to_tonnes(text)
            money = False if problem else currency_of(text) is not None
            info = self._units[text] = (problem, mass, money)
        return info

    def _dimension(self, unit: str) -> str:
        dim = self._dims.get(unit)
        if dim is None:
            dim = self._dims[unit] = str(parse_unit(unit).dimensionality)
        return dim

    def canonical(self, gas: str, origin: str = "") -> tuple[str | None, str]:
        """A factor row's gas as the GWP table spells it (methane by the row's ``ch4_origin`` under a GWP
        set that tells fossil from non-fossil, :func:`carbon.factors.factor_gas`), and ``gas=GWP`` for the
        lineage ('' for CO2e and biogenic CO2)."""
        if (gas, origin) not in self._gases:
            canonical = factor_gas(self.gwp, gas, origin)
            shown = "" if canonical is None or canonical in NON_GWP_GASES else f"{canonical}={self.gwp.gwp(canonical):g}"
            self._gases[(gas, origin)] = (canonical, shown)
        return self._gases[(gas, origin)]

    def columns(self) -> dict:
        """The factor table's columns as lists (row access without pandas' per-row cost)."""
        if self._lib is None:
            t = self.library.table
            names = ["gas", "value", "file", "row", "set", "region", "year", "source", "unit", "ch4_origin",
                     "verification", "note"]
            self._lib = {c: t[c].tolist() for c in names}
            for optional in ("uncertainty", "heat_content", "heat_content_unit"):
                self._lib[optional] = t[optional].tolist() if optional in t.columns else [""] * len(t)
            self._lib["position"] = {label: i for i, label in enumerate(t.index)}
            self._lib["unit_by_label"] = dict(zip(t.index, self._lib["unit"]))
        return self._lib

    # ------------------------------------------------------------------ keys
    def resolution(self, activity: str, region: str, year: int, unit: str) -> Resolution:
        """Which factor rows a key takes (see :func:`carbon.factors.resolve`), with per-row conversion."""
        currency = self.unit(unit)[2]
        res = None
        if not currency:
            # which rows a key takes depends on the unit's dimension only; the conversion on the unit pair
            family = (activity, region, year, self._dimension(unit))
            known = self._families.get(family)
            if known is not None and not known.problem:
                units = self.columns()["unit_by_label"]
                res = Resolution(known.rows, tuple(tonnes_per_unit(unit, units[r]) for r in known.rows), known.flags)
        if res is None:
            narrowed = _Narrowed(self.library, region, unit, currency, self._narrow_cache)
            res = resolve(narrowed, activity, region, year, unit, self.money if currency else None)
            if not currency:
                self._families[family] = res
        if res.problem:
            res = resolve(self.library, activity, region, year, unit, self.money)
        return res

    def factor(self, activity: str, region: str, year: int, unit: str) -> FactorKey:
        """The coefficients of one factor-based key."""
        res = self.resolution(activity, region, year, unit)
        if res.problem:
            shown = {"activity": activity, "unit": unit, "region": region}[res.column]
            return FactorKey(problem=(res.column, shown, res.problem))
        lib = self.columns()
        position, gases, values, origins = lib["position"], lib["gas"], lib["value"], lib["ch4_origin"]
        rows = [position[r] for r in res.rows]
        tonnes: dict[str, float] = {}
        gwps: set[str] = set()
        problems = []
        for i, per in zip(rows, res.tonnes_per_unit):
            gas, shown_gwp = self.canonical(gases[i], origins[i])
            if gas is None:
                problems.append(Issue(str(lib["file"][i]), int(lib["row"][i]), None, "gas", str(gases[i]),
                                      f"a gas the GWP set {self.gwp.name} ({self.gwp.path}) lists; "
                                      f"add it there or use another gwp (used by activity '{activity}')"))
                continue
            tonnes[gas] = tonnes.get(gas, 0.0) + float(values[i]) * per
            if shown_gwp:
                gwps.add(shown_gwp)
        if problems:
            return FactorKey(factor_issues=tuple(problems))
        return FactorKey(tonnes=tonnes, co2e=co2e_per_unit(tonnes, self.gwp), biogenic=tonnes.get(BIOGENIC, 0.0),
                         lineage=self._lineage(rows, res.flags, gwps))

    def mwh_per_unit(self, activity: str, region: str, year: int, unit: str) -> tuple[float, str]:
        """Energy in MWh per unit of one factor-based key, and how it was found: the unit itself when it
        is an energy (``'unit'``: therm, kWh, MMBtu, GJ), else the heat content of the factor rows the key
        resolves to (``'heat_content'``: the fuel's heating value per physical unit, e.g. EPA Hub Table 1
        HHV 0.001026 MMBtu/scf). (NaN, '') when neither gives one (a spend, a distance, a fuel without
        a heat content, or a key that does not resolve)."""
        if self.unit(unit)[0]:
            return float("nan"), ""
        direct = energy_mwh(unit)
        if direct is not None:
            return direct, "unit"
        if self.unit(unit)[2]:
            return float("nan"), ""
        res = self.resolution(activity, region, year, unit)
        if res.problem:
            return float("nan"), ""
        lib = self.columns()
        for label in res.rows:
            i = lib["position"][label]
            heat, per = str(lib["heat_content"][i]).strip(), str(lib["heat_content_unit"][i]).strip()
            if heat and per and not unit_problem(per):
                mwh = energy_mwh(unit, per)
                if mwh is not None:
                    return float(heat) * mwh, "heat_content"
        return float("nan"), ""

    def _lineage(self, rows: list[int], flags: tuple, gwps: set[str]) -> tuple:
        lib = self.columns()
        first = rows[0]
        year = lib["year"][first]
        vintage = "" if np.isnan(year) else str(int(year))
        files = list(dict.fromkeys(lib["file"][i] for i in rows))
        if len(files) == 1:
            row_text = ";".join(str(r) for r in sorted(lib["row"][i] for i in rows))
        else:  # rows from several files of the set: name the file of each row
            row_text = ";".join(f"{Path(f).name}:{r}" for f, r in sorted((lib["file"][i], lib["row"][i]) for i in rows))
        # a factor table may give its own uncertainty (relative standard deviation) in an `uncertainty` column
        given = [str(lib["uncertainty"][i]) for i in rows if str(lib["uncertainty"][i]).strip()]
        # rows standing in for an unpublished factor (note 'proxy: ...') are flagged 'proxy'
        flags = [*flags, *row_flags(lib["note"][i] for i in rows)]
        # the verification grade of the rows (SOURCE.md or the row's own column): one, or several joined
        grade = ";".join(sorted({lib["verification"][i] or "unstated" for i in rows}))
        return ("factor", str(lib["set"][first]), ";".join(files), row_text, str(lib["region"][first]), vintage,
                ";".join(flags), " | ".join(dict.fromkeys(str(lib["source"][i]) for i in rows)),
                given[0] if given else "", ";".join(sorted(gwps)), grade)

    def direct(self, gas: str, unit: str) -> FactorKey:
        """The coefficients of a direct-emission key: ``quantity`` tonnes (after the mass unit) of ``gas``."""
        canonical = self.gwp.canonical(gas)
        if canonical is None:
            return FactorKey(problem=("gas", gas, f"a gas listed in the GWP set {self.gwp.name} ({self.gwp.path}), or CO2e"))
        mass = self.unit(unit)[1]
        shown = "" if canonical in NON_GWP_GASES else f"{canonical}={self.gwp.gwp(canonical):g}"
        return FactorKey(tonnes={canonical: mass}, co2e=mass * self.gwp.gwp(canonical),
                         biogenic=mass if canonical == BIOGENIC else 0.0,
                         lineage=("direct",) + ("",) * 8 + (shown, ""))
