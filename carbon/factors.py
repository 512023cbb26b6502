"""Factor sets and GWP tables: load them from CSV, and resolve the factor rows each record uses.

Resolution rule for a record (activity, region, year, unit), documented in the README:

1. Sources are searched in the order of ``factors`` in inventory.toml; the first source holding a
   row for the activity that applies to the record's region (see 2) in a unit that fits the
   record's unit is used.
2. Within that source the most specific region: the record's own region, then the part before its
   first ``-`` (``US-CAMX`` -> ``US``), then blank (applies anywhere). A record without a region
   uses blank-region rows only.
3. Within that region the latest vintage not after the record's year (flagged
   ``vintage_before_record`` when it is older than the record); else rows with a blank year (any
   year); else the earliest vintage, flagged ``vintage_after_record`` in the ledger.

A record in a currency against a factor per currency converts through the exchange-rate and
price-index tables (``currency.py``); the conversion is flagged (``fx:``, ``price_year:``).

The rows found (one per gas) are the record's factor. Resolution runs once per distinct key, never
once per record.

Each factor row also carries, from its own column or else its set's SOURCE.md (``| key | value |`` rows):

- ``verification``: ``official`` (read from the publisher's own file) or ``reprint`` (from a third-party
  copy); blank when the set does not say. A record using a ``reprint`` or ``unverified`` row is warned.
- ``ch4_origin``: ``fossil`` or ``non-fossil``, for its ``CH4`` row: SOURCE.md ``| ch4 origin | fossil |``
  sets the default and ``| ch4 non-fossil activities | wood, ... |`` tags activities. Under a GWP set that
  tells the two apart (AR6, IPCC AR6 WG1 Table 7.15 / 7.SM.7: fossil 29.8, non-fossil 27.0, plain 27.9),
  a fossil row's CH4 is weighed as ``CH4-fossil`` and a non-fossil row's as ``CH4-non-fossil``
  (:func:`factor_gas`); the lineage's ``gwp_values`` shows which.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import ConfigError, Issue
from .tables import FILE, ROW, RowChecks, check_required, inside, read_csv_table, read_small_csv, to_integer, to_number
from .currency import Money, currency_of, factor_currency
from .suggest import suggest
from .units import parse_unit, tonnes_per_unit, unit_problem

__all__ = ["FactorLibrary", "GwpTable", "Resolution", "load_factor_library", "load_gwp", "resolve",
           "factors_home", "shipped_path", "NON_GWP_GASES", "factor_gas", "row_flags", "set_metadata", "VERIFICATION_GRADES"]

FACTOR_COLUMNS = ["activity", "region", "year", "gas", "value", "unit", "source"]
CO2E, BIOGENIC = "CO2e", "biogenic_CO2"
NON_GWP_GASES = (CO2E, BIOGENIC)  # CO2e has GWP 1 by definition; biogenic CO2 stays outside the scopes
NOT_SETS = {"gwp", "tools", "currency"}  # folders under factors/ that are not factor sets
VERIFICATION_GRADES = ("official", "reprint", "unverified")
CH4_ORIGINS = ("fossil", "non-fossil")
_META_ROW = re.compile(r"^\|\s*(?P<key>[a-z0-9 -]+?)\s*\|\s*(?P<value>.*?)\s*\|\s*$")


def set_metadata(folder: Path) -> dict[str, str]:
    """Title (first heading) and the ``| key | value |`` rows of a factor set's SOURCE.md (first of each
    key); empty when the set has none."""
    source = folder / "SOURCE.md" if folder.is_dir() else folder.with_name("SOURCE.md")
    if not source.is_file():
        return {}
    meta: dict[str, str] = {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("# ") and "title" not in meta:
            meta["title"] = line[2:].strip()
        elif (m := _META_ROW.match(line)) and m["key"] not in meta:
            meta[m["key"]] = m["value"]
    return meta


def _grade(text: str) -> str:
    """The verification grade at the start of a SOURCE.md value (``reprint: ...`` -> ``reprint``)."""
    word = re.split(r"[\s;:,(]", text.strip().strip("*").lower(), maxsplit=1)[0] if text.strip() else ""
    return word if word in VERIFICATION_GRADES else ""


def factors_home() -> Path:
    """The folder of shipped factor sets: ``$CARBON_FACTORS_HOME``, else the one installed with the
    package (``carbon/factors`` in a wheel), else ``factors/`` of a source checkout."""
    env = os.environ.get("CARBON_FACTORS_HOME")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here / "factors", here.parent / "factors"):
        if candidate.is_dir():
            return candidate
    raise ConfigError("the shipped factor folder is missing from this installation; "
                      "set CARBON_FACTORS_HOME to a folder of factor sets")


def shipped_sets() -> list[str]:
    home = factors_home()
    return sorted(p.name for p in home.iterdir() if p.is_dir() and p.name not in NOT_SETS and not p.name.startswith("."))


def shipped_path(name: str) -> Path | None:
    """The shipped factor set called ``name`` (a plain folder name), or None."""
    if not name or any(ch in name for ch in "/\\") or name.startswith("."):
        return None
    candidate = factors_home() / name
    return candidate if candidate.is_dir() and name not in NOT_SETS else None


# --------------------------------------------------------------------------------------- GWP
@dataclass(frozen=True)
class GwpTable:
    """100-year GWPs by gas. Lookups ignore case; ``canonical`` gives the table's own spelling."""

    name: str
    path: Path
    values: dict[str, float]
    ch4_split: bool = False  # CH4 of a factor row weighed as CH4-fossil / CH4-non-fossil by the row's origin

    def canonical(self, gas: str) -> str | None:
        if gas.lower() == CO2E.lower():
            return CO2E
        if gas.lower() == BIOGENIC.lower():
            return BIOGENIC
        return self._lower.get(gas.lower())

    def gwp(self, gas: str) -> float:
        """GWP of a canonical gas name; CO2e is 1 and biogenic CO2 counts 0 towards the scopes."""
        if gas == CO2E:
            return 1.0
        if gas == BIOGENIC:
            return 0.0
        return self.values[gas]

    @property
    def _lower(self) -> dict[str, str]:
        return {k.lower(): k for k in self.values}


def load_gwp(spec: str, root: Path) -> GwpTable:
    """Load a shipped GWP set (``AR4``, ``AR5``, ``AR6``) or a CSV at a path relative to ``root``."""
    shipped = factors_home() / "gwp" / f"{spec}.csv"
    if "/" not in spec and not spec.endswith(".csv") and shipped.is_file():
        path, name = shipped, spec
    else:
        from .inventory import inside  # the one path check for inventory files

        path, name = inside(root, spec, "gwp table"), spec
        if not path.is_file():
            sets = sorted(p.stem for p in (factors_home() / "gwp").glob("*.csv"))
            raise ConfigError(f"{root / 'inventory.toml'}: gwp = '{spec}' is neither a shipped GWP set "
                              f"({', '.join(sets)}) nor a CSV file in the inventory folder")
    table = read_small_csv(path, str(path), "a GWP table (columns gas,gwp)", comment="#")
    if not {"gas", "gwp"} <= set(table.columns):
        raise ConfigError(f"{path}: a GWP table needs the columns gas,gwp (found: {', '.join(table.columns)})")
    values = to_number(table["gwp"].str.strip())
    problems = [f"row {i + 2}: gwp {v!r} of gas {g!r} is not a positive number"
                for i, (g, v, n) in enumerate(zip(table["gas"], table["gwp"], values)) if not (n > 0)]
    gases = table["gas"].str.strip()
    problems += [f"gas {g!r} is listed twice" for g in sorted(set(gases[gases.str.lower().duplicated()]))]
    # CO2 is the reference gas: its GWP is 1 by definition (IPCC AR5 WG1 ch. 8, Table 8.A.1)
    problems += [f"row {i + 2}: gwp {v!r} of gas {g!r}: CO2 is the reference gas, its GWP is 1 by definition"
                 for i, (g, v, n) in enumerate(zip(gases, table["gwp"], values)) if g.lower() == "co2" and n != 1]
    if problems:
        raise ConfigError(f"{path}: " + "; ".join(problems))
    values = dict(zip(gases, values.astype(float)))
    return GwpTable(name, path, values, _ch4_split(name, path, values))


def _ch4_split(name: str, path: Path, values: dict[str, float]) -> bool:
    """Whether methane is weighed by its origin: under AR6 (IPCC AR6 WG1 Table 7.15 gives fossil 29.8 and
    non-fossil 27.0 beside 7.SM.7's 27.9; the GHG Protocol's AR6 table uses the split), and under an
    inventory's own GWP table that gives CH4-fossil or CH4-non-fossil a value of its own. AR4 and AR5 keep
    one CH4 value (AR4 has no split; the GHG Protocol's AR5 table uses 28 for all methane)."""
    if path.parent == factors_home() / "gwp":
        return name == "AR6"
    low = {k.lower(): v for k, v in values.items()}
    return "ch4" in low and any(k in low and low[k] != low["ch4"] for k in ("ch4-fossil", "ch4-non-fossil"))


def row_flags(notes) -> list[str]:
    """Lineage flags of the factor rows a key took, from their ``note`` column: ``proxy`` when a row stands
    in for a factor the publisher did not publish (its note starts ``proxy:``; e.g. china-mee 2019-2020)."""
    return ["proxy"] if any(str(n).strip().lower().startswith("proxy") for n in notes) else []


def factor_gas(gwp: GwpTable, gas: str, origin: str) -> str | None:
    """The gas a factor row's ``gas`` is weighed as: the GWP table's own spelling, and for ``CH4`` under a
    table with the fossil split, ``CH4-fossil`` or ``CH4-non-fossil`` by the row's ``ch4_origin``."""
    canonical = gwp.canonical(gas)
    if canonical is not None and gwp.ch4_split and canonical.lower() == "ch4" and origin in CH4_ORIGINS:
        return gwp.canonical(f"CH4-{origin}") or canonical
    return canonical


# ------------------------------------------------------------------------------ factor library
@dataclass(frozen=True)
class FactorSource:
    name: str      # as written in inventory.toml
    path: Path
    shipped: bool


@dataclass
class FactorLibrary:
    """All factor rows of an inventory's sources, in search order.

    ``table`` columns: src (position in the search order), set, file, row, activity, region,
    region_key (upper-case region), year (float, NaN = any year), gas, value, unit, source.
    """

    sources: list[FactorSource]
    table: pd.DataFrame
    _index: dict = field(default_factory=dict, repr=False)

    def rows_for(self, activity: str) -> dict[int, list[tuple]]:
        """Rows of an activity by source:
        ``{src: [(row_index, region_key, year, gas, unit, price_year), ...]}``."""
        if not self._index:
            t = self.table
            for row in zip(t.index, t["src"], t["activity"], t["region_key"], t["year"], t["gas"], t["unit"],
                           t["price_year"]):
                idx, src, act, rest = row[0], row[1], row[2], row[3:]
                self._index.setdefault(act, {}).setdefault(src, []).append((idx, *rest))
        return self._index.get(activity, {})


def load_factor_library(names: list[str], root: Path) -> tuple[FactorLibrary, list[Issue]]:
    """Load every factor source named in inventory.toml, in order, checking each row."""
    sources: list[FactorSource] = []
    for name in names:
        local = (root / name)
        if local.exists() and (root / name).resolve().is_relative_to(root.resolve()):
            sources.append(FactorSource(name, local, False))
        elif (shipped := shipped_path(name)) is not None:
            sources.append(FactorSource(name, shipped, True))
        else:
            inside(root, name, "factor source")
            raise ConfigError(f"{root / 'inventory.toml'}: factor source '{name}' is neither a file or folder in "
                              f"the inventory nor a shipped set ({', '.join(shipped_sets())})")
    tables, issues = [], []
    home_parent = factors_home().parent
    meta = [set_metadata(source.path) for source in sources]
    for position, source in enumerate(sources):
        files = sorted(source.path.glob("*.csv")) if source.path.is_dir() else [source.path]
        if not files:
            issues.append(Issue(str(source.path), expected="a factor table (the folder holds no .csv file)"))
        if not source.shipped:  # every file of a local source, links included, stays inside the inventory
            files = [inside(root, str(p.relative_to(root)), "factor file") for p in files]
        for path in files:
            shown = str(path.relative_to(home_parent)) if source.shipped else _relative(path, root)
            table, problems = read_csv_table(path, shown)
            issues += problems
            if table is None:
                continue
            missing = check_required(table, shown, FACTOR_COLUMNS)
            if missing:
                issues += missing
                continue
            table["src"], table["set"] = position, source.name
            _provenance(table, meta[position])
            tables.append(table)
    if tables:
        # sets differ in their extra columns (price_year, name, ...): a column one set lacks is blank there
        table = pd.concat(tables, ignore_index=True)
        text = [c for c in table.columns if c not in ("src", ROW)]
        table[text] = table[text].fillna("")
    else:
        table = pd.DataFrame(columns=FACTOR_COLUMNS + ["src", "set", FILE, ROW])
    table, row_issues = _validate_factors(table)
    return FactorLibrary(sources, table), issues + row_issues


def _provenance(table: pd.DataFrame, meta: dict[str, str]) -> None:
    """``verification`` and ``ch4_origin`` of each row: the row's own column where given, else the set's
    SOURCE.md default (blank when it says nothing)."""
    grade = _grade(meta.get("verification", ""))
    own = table["verification"].str.lower() if "verification" in table.columns else pd.Series("", index=table.index)
    table["verification"] = own.where(own != "", grade)
    origin = meta.get("ch4 origin", "").strip().lower()
    origin = origin if origin in CH4_ORIGINS else ""
    tagged = {a.strip().lower() for a in re.split(r"[,;]", meta.get("ch4 non-fossil activities", "")) if a.strip()}
    default = table["activity"].str.lower().isin(tagged).map({True: "non-fossil", False: origin})
    own = table["ch4_origin"].str.lower() if "ch4_origin" in table.columns else pd.Series("", index=table.index)
    table["ch4_origin"] = own.where(own != "", default)


def _relative(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _validate_factors(t: pd.DataFrame) -> tuple[pd.DataFrame, list[Issue]]:
    flag = RowChecks(t, None)
    issues = flag.issues
    flag(t["activity"] == "", "activity", "an activity key")
    flag(t["gas"] == "", "gas", "a gas (CO2, CH4, N2O, ..., CO2e or biogenic_CO2)")
    value = to_number(t["value"])
    flag(value.isna() | (value < 0), "value", "a finite factor value of zero or more")
    year = to_integer(t["year"])
    flag((t["year"] != "") & year.isna(), "year", "a whole-number vintage year, or blank for any year")
    for column, allowed in (("verification", VERIFICATION_GRADES), ("ch4_origin", CH4_ORIGINS)):
        if column not in t.columns:
            t[column] = ""
        flag((t[column] != "") & ~t[column].isin(allowed), column, " or ".join(allowed) + ", or blank")
    if "note" not in t.columns:
        t["note"] = ""
    if "price_year" not in t.columns:
        t["price_year"] = ""
    price_year = to_integer(t["price_year"])
    flag((t["price_year"] != "") & price_year.isna(), "price_year", "a whole-number price year, or blank")
    _check_heat_content(t, flag)
    dims = {}
    for unit in t["unit"].unique():
        problem = unit_problem(unit)
        if problem:
            flag(t["unit"] == unit, "unit", f"a unit such as kg/MMBtu ({problem})")
        dims[unit] = "" if problem else str(parse_unit(unit).dimensionality)
    t = t.assign(value=value, year=year.astype("float64"), price_year=price_year.astype("float64"),
                 activity=t["activity"].str.lower(),
                 region_key=t["region"].str.upper(), dim=t["unit"].map(dims))
    t["gas_key"] = t["gas"].str.lower()  # CO2 and co2 are one gas: canonical names before the conflict check
    key = ["src", "activity", "region_key", "year", "gas_key", "dim"]
    clash = ~flag.bad & t.duplicated(key, keep=False)
    for _, group in t[clash].groupby(key, dropna=False, sort=True):
        places = ", ".join(f"{f} row {r}" for f, r in zip(group[FILE], group[ROW]))
        first = group.iloc[0]
        issues.append(Issue(str(first[FILE]), int(first[ROW]), None, "activity", str(first["activity"]),
                            f"one row per activity, region, year, gas and unit basis; conflicting rows: {places}"))
    bad = flag.bad | clash
    good = t.loc[~bad].drop(columns=["dim", "gas_key"]).reset_index(drop=True)
    good["row"] = good[ROW]
    good["file"] = good[FILE]
    return good, issues


def _check_heat_content(t: pd.DataFrame, flag: RowChecks) -> None:
    """The optional heat content of a fuel row (``heat_content`` and ``heat_content_unit``, e.g. 25.09
    ``MMBtu/short_ton``): a number of zero or more and an energy per unit of the fuel, or both blank."""
    for column in ("heat_content", "heat_content_unit"):
        if column not in t.columns:
            t[column] = ""
    heat = to_number(t["heat_content"])
    given = t["heat_content"] != ""
    flag(given & (heat.isna() | (heat < 0)), "heat_content", "a finite heat content of zero or more, or blank")
    flag(given & (t["heat_content_unit"] == ""), "heat_content_unit", "the heat content's unit, e.g. MMBtu/short_ton")
    for unit in t.loc[t["heat_content_unit"] != "", "heat_content_unit"].unique():
        problem = unit_problem(unit)
        if problem:
            flag(t["heat_content_unit"] == unit, "heat_content_unit", f"an energy per unit of fuel such as "
                 f"MMBtu/short_ton ({problem})")


# ----------------------------------------------------------------------------------- resolve
@dataclass(frozen=True)
class Resolution:
    """The factor rows one key resolved to, or why it did not resolve."""

    rows: tuple[int, ...] = ()           # indices into FactorLibrary.table
    tonnes_per_unit: tuple[float, ...] = ()  # per row: t of gas per record unit at the row's value
    flags: tuple[str, ...] = ()
    problem: str | None = None
    column: str = "activity"             # the record column the problem is about


def _region_levels(region: str) -> list[str]:
    region = region.upper()
    if not region:
        return [""]
    levels = [region, region.split("-", 1)[0], ""]
    return list(dict.fromkeys(levels))


def _per_unit(unit: str, row: tuple, year: int, money: Money | None) -> tuple[float | None, tuple[str, ...], str | None]:
    """Tonnes of gas per record unit at the row's factor value 1: (value, flags, problem)."""
    factor_unit, price_year = row[4], row[5]
    spend = currency_of(unit) if money is not None else None
    per_currency = factor_currency(factor_unit) if spend else None
    if not (spend and per_currency):
        return tonnes_per_unit(unit, factor_unit), (), None
    (code, amount), flags = spend, []
    rate = money.rate(code, per_currency, year)
    if isinstance(rate, str):
        return None, (), rate
    if code != per_currency:
        flags.append(f"fx:{code}->{per_currency}@{year}={rate:.6g}")
    deflator = 1.0
    if not np.isnan(price_year) and int(price_year) != year:
        deflator = money.deflator(per_currency, year, int(price_year))
        if isinstance(deflator, str):
            return None, (), deflator
        flags.append(f"price_year:{year}->{int(price_year)}")
    return tonnes_per_unit(per_currency, factor_unit) * amount * rate * deflator, tuple(flags), None


def resolve(library: FactorLibrary, activity: str, region: str, year: int, unit: str,
            money: Money | None = None) -> Resolution:
    """Resolve one key by the rule in this module's docstring."""
    by_source = library.rows_for(activity)
    if not by_source:
        searched = ", ".join(s.name for s in library.sources) or "(none: inventory.toml lists no factors)"
        return Resolution(problem=f"a factor for activity '{activity}'; no factor set has it (searched: {searched})"
                                  + _activity_hint(library, activity))
    levels = _region_levels(region)
    seen_units: list[str] = []
    seen_regions: set[str] = set()
    money_problem = None
    for src in sorted(by_source):
        fitting = []
        for row in by_source[src]:
            per, flags, problem = _per_unit(unit, row, year, money)
            if per is None:
                seen_units.append(row[4])
                money_problem = money_problem or problem
            else:
                fitting.append((row, per, flags))
        seen_regions.update(r[1] for r, _, _ in fitting)
        for level in levels:
            candidates = [c for c in fitting if c[0][1] == level]
            if candidates:
                return _pick_vintage(candidates, region, level, year)
    if money_problem:
        return Resolution(problem=money_problem + f", to convert '{unit}' for activity '{activity}'", column="unit")
    if not seen_regions:
        bases = ", ".join(sorted({u.split("/", 1)[-1] for u in seen_units}))
        return Resolution(problem=f"a unit that fits the factors of activity '{activity}' (they are per {bases}); "
                                  f"'{unit}' does not convert to that", column="unit")
    where = ", ".join(repr(lv) if lv else "blank" for lv in levels)
    have = ", ".join(sorted(r or "blank" for r in seen_regions))
    return Resolution(problem=f"a factor for activity '{activity}' in region {where}; "
                              f"factors exist only for regions: {have}"
                              + (suggest(region, sorted(r for r in seen_regions if r)) if region else ""),
                      column="region")


@lru_cache(maxsize=1)
def _shipped_activities() -> dict[str, frozenset[str]]:
    """The activity keys of every shipped set (read once, only when an activity is not found)."""
    out = {}
    for name in shipped_sets():
        library, _ = load_factor_library([name], Path("."))
        out[name] = frozenset(library.table["activity"].unique())
    return out


def _activity_hint(library: FactorLibrary, activity: str) -> str:
    """Where the activity key is: a shipped set the inventory does not list, or a near spelling."""
    listed = {s.name for s in getattr(library, "sources", [])}
    having = [name for name, keys in _shipped_activities().items() if activity in keys and name not in listed]
    if having:
        return (f"; the shipped set{'s' if len(having) > 1 else ''} {', '.join(repr(h) for h in having)} "
                f"{'have' if len(having) > 1 else 'has'} it: add {having[0]!r} to factors in inventory.toml")
    table = getattr(library, "table", None)  # the stream engine passes a narrowed view without the table
    hint = suggest(activity, list(table["activity"].unique())) if table is not None else ""
    if not hint:  # a near key in a shipped set the inventory does not list
        near = [(name, suggest(activity, sorted(keys))) for name, keys in _shipped_activities().items()
                if name not in listed]
        near = [(name, h) for name, h in near if h]
        if near:
            hint = near[0][1][:-1] + f" (in the shipped set '{near[0][0]}')?"
    return hint


def _pick_vintage(candidates: list[tuple], region: str, level: str, year: int) -> Resolution:
    flags = []
    if region and level != region.upper():
        flags.append(f"region_fallback:{region}->{level or 'any'}")
    years = {r[2] for r, _, _ in candidates}
    dated = sorted(y for y in years if not np.isnan(y))
    earlier = [y for y in dated if y <= year]
    if earlier:
        chosen = earlier[-1]
        if chosen < year:  # an older edition stands in for the record's year: say so
            flags.append(f"vintage_before_record:{int(chosen)}<{year}")
    elif any(np.isnan(y) for y in years):
        chosen = np.nan
    else:
        chosen = dated[0]
        flags.append(f"vintage_after_record:{int(chosen)}>{year}")
    picked = [c for c in candidates if (np.isnan(chosen) and np.isnan(c[0][2])) or c[0][2] == chosen]
    picked.sort(key=lambda c: c[0][3])  # by gas, for a stable order
    flags += list(dict.fromkeys(f for c in picked for f in c[2]))
    return Resolution(tuple(c[0][0] for c in picked), tuple(c[1] for c in picked), tuple(flags))
