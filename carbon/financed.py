"""Scope 3 category 15 for financial institutions: financed emissions by the PCAF Standard.

Source: PCAF (2022), *The Global GHG Accounting and Reporting Standard Part A: Financed Emissions*,
Second Edition (December 2022), "PCAF Part A" below. Subchapters 5.1 to 5.6 give, per asset class, the
attribution factor and the data-quality score table; chapter 6 (Box 8) the outstanding-weighted score.

``investments.csv`` holds one row per position (a loan or investment in one year). For each position::

    attribution factor  = outstanding / denominator of its asset class (capped at 1)
    financed Scope 1+2  = attribution factor x investee Scope 1+2
    financed Scope 3    = attribution factor x investee Scope 3        (kept apart, PCAF 5.1 and 5.2)

Investee Scope 1+2 is, in order of preference: reported (``investee_scope1`` + ``investee_scope2``;
PCAF option 1), estimated from ``physical_activity`` x a factor of the inventory's library (option 2),
or from ``revenue`` x an economic-activity factor per currency unit such as a ``useeio-v1.3``
``naics_XXXXXX`` factor (option 3a, corporates and projects only). A position with none of these is
reported as not covered (no emissions, no score): the engine ships no asset-class average factors.

``load_investments`` turns the positions into ordinary activity records (direct CO2e emissions of
Scope 3 category 15, one record for the Scope 1+2 part and one for the Scope 3 part), so that they
reach the ledger, the Scope 3 totals, targets and neutrality like any other record;
``financed_summary`` gives the PCAF figures per year (report.json ``years[Y].financed``).
Sovereign debt (PCAF 5.7) is not implemented: see ``docs/financed-emissions.md``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .currency import Money, currency_of
from .errors import Issue
from .factors import BIOGENIC, FactorLibrary, GwpTable, factor_gas, resolve
from .tables import FILE, ROW, RowChecks, check_required, optional_table, to_integer, to_number
from .units import mass_to_tonnes, parse_unit, unit_problem, ureg

__all__ = ["load_investments", "financed_summary", "record_id_clashes", "ASSET_CLASSES", "INVESTMENT_COLUMNS",
           "POSITION_COLUMNS", "DEFAULT_FILE"]

DEFAULT_FILE = "investments.csv"
REQUIRED_COLUMNS = ["position_id", "year", "asset_class", "outstanding", "currency"]
INVESTMENT_COLUMNS = REQUIRED_COLUMNS[:3] + ["counterparty", "sector", "region"] + REQUIRED_COLUMNS[3:] + [
    "evic", "total_equity_plus_debt", "property_value", "vehicle_value", "investee_scope1", "investee_scope2",
    "investee_scope3", "emissions_unit", "revenue", "physical_activity", "activity_unit", "data_quality", "source"]
# optional beyond the documented layout: the factor key of a physical-activity estimate (blank = sector)
EXTRA_COLUMNS = ["activity"]
POSITION_COLUMNS = ["position_id", "year", "asset_class", "counterparty", "sector", "outstanding", "report_currency",
                    "attribution_factor", "investee_s12_tco2e", "investee_s3_tco2e", "financed_s12_tco2e",
                    "financed_s3_tco2e", "pcaf_score", "pcaf_option", "pcaf_score_s3", "basis", "covered", "notes",
                    FILE, ROW]
CATEGORY = "15"
PART = "PCAF Part A (2022)"


@dataclass(frozen=True)
class AssetClass:
    """A PCAF asset class: where the standard defines it, what divides the outstanding amount, and
    which data-quality table scores its emissions (``family``)."""

    section: str                 # subchapter of PCAF Part A, 2nd edition
    table: str                   # its data-quality score table
    family: str                  # "corporate" (Tables 5-3, 5-7, 5-10), "building" (5-14, 5-15), "vehicle" (5-16)
    denominators: tuple[str, ...]  # columns, the first one given is used
    formula: str


ASSET_CLASSES: dict[str, AssetClass] = {
    # 5.1 "Attribution of emissions": listed companies outstanding / EVIC; "only for traded bonds to private
    # companies" total company equity + debt.
    "listed_equity": AssetClass("5.1", "Table 5-3", "corporate", ("evic",), "outstanding / EVIC"),
    "corporate_bonds": AssetClass("5.1", "Table 5-3", "corporate", ("evic", "total_equity_plus_debt"),
                                  "outstanding / EVIC (bonds of private companies: / total equity + debt)"),
    # 5.2: business loans and equity in private companies / total equity + debt; business loans to listed
    # companies / EVIC.
    "business_loans": AssetClass("5.2", "Table 5-7", "corporate", ("evic", "total_equity_plus_debt"),
                                 "outstanding / total equity + debt (listed borrower: / EVIC)"),
    "unlisted_equity": AssetClass("5.2", "Table 5-7", "corporate", ("total_equity_plus_debt",),
                                  "outstanding / total equity + debt"),
    # 5.3: outstanding / total equity + debt of the project.
    "project_finance": AssetClass("5.3", "Table 5-10", "corporate", ("total_equity_plus_debt",),
                                  "outstanding / total equity + debt of the project"),
    # 5.4 and 5.5: outstanding / property value at origination (loan-to-value).
    "commercial_real_estate": AssetClass("5.4", "Table 5-14", "building", ("property_value",),
                                         "outstanding / property value at origination"),
    "mortgages": AssetClass("5.5", "Table 5-15", "building", ("property_value",),
                            "outstanding / property value at origination"),
    # 5.6: outstanding / total value of the vehicle at origination; unknown value -> 100% attribution.
    "motor_vehicle_loans": AssetClass("5.6", "Table 5-16", "vehicle", ("vehicle_value",),
                                      "outstanding / vehicle value at origination"),
}
NOT_IMPLEMENTED = {"sovereign_debt": "PCAF 5.7 (outstanding / PPP-adjusted GDP in international dollars, "
                                     "emissions with and without LULUCF) is not implemented"}

# Data-quality scores of each PCAF option (score 1 = highest quality).
OPTION_SCORES = {
    # Tables 5-3 (listed equity, bonds), 5-7 (business loans, unlisted equity), 5-10 (project finance).
    # 3b and 3c (per unit of asset, or revenue x asset turnover, score 5) need sector data the engine does
    # not ship; they are not offered.
    "corporate": {"1a": 1, "1b": 2, "2a": 2, "2b": 3, "3a": 4},
    # Tables 5-14 (commercial real estate) and 5-15 (mortgages).
    "building": {"1a": 1, "1b": 2, "2a": 3, "2b": 4, "3": 5},
    # Table 5-16 (motor vehicle loans).
    "vehicle": {"1a": 1, "1b": 1, "2a": 2, "2b": 3, "3a": 4, "3b": 5},
}
# The options that describe each basis of the investee's Scope 1+2 figure.
BASIS_OPTIONS = {
    ("corporate", "reported"): ("1a", "1b"), ("corporate", "physical"): ("2a", "2b"),
    ("corporate", "revenue"): ("3a",),
    ("building", "reported"): ("1a", "1b"), ("building", "physical"): ("1a", "1b", "2a", "2b", "3"),
    ("vehicle", "reported"): ("1a", "1b", "2a", "2b", "3a", "3b"),
    ("vehicle", "physical"): ("1a", "1b", "2a", "2b", "3a", "3b"),
}
METHODS = {"reported": "investment-specific", "physical": "physical-activity-based",
           "revenue": "revenue-based"}
NOT_COVERED = "not covered"


def load_investments(root: Path, name: str | None, money: Money, library: FactorLibrary, gwp: GwpTable, *,
                     currency: str = "USD", years: tuple[int, int] | None = None,
                     max_bytes: int = 10**8) -> tuple[pd.DataFrame, pd.DataFrame, list[Issue]]:
    """Read and check the investments file; return ``(records, positions, issues)``.

    ``name``: the file named in inventory.toml (relative to ``root``; CSV, ``.xlsx[#Sheet]`` or
    ``.parquet``); None: ``investments.csv`` when the inventory folder has one, else nothing (empty
    frames). ``records`` has the layout of the validated activity records (``RECORD_COLUMNS +
    OPTIONAL_COLUMNS + ['_file', '_row']``): direct CO2e emissions of Scope 3 category 15 in tonnes,
    ``<position_id>/s12`` and ``<position_id>/s3``. ``positions`` (``POSITION_COLUMNS``) has one row
    per valid position, ``outstanding`` in ``currency``. Every problem is an Issue (file, row,
    position_id, column, value, expected); a position with a problem is left out of both frames.
    Raises ConfigError only when a named file is outside the inventory folder.
    """
    # the file named (CSV, book.xlsx#Sheet or Parquet), else investments.csv when present; a named file
    # that does not exist is an issue, as for the other optional inventory tables
    table, shown, issues = optional_table(root, name, DEFAULT_FILE, "investments file", max_bytes)
    if table is None:
        return _empty_records(), _empty_positions(), issues
    missing = check_required(table, shown, REQUIRED_COLUMNS)
    if missing:
        return _empty_records(), _empty_positions(), missing + [
            Issue(shown, int(r), None, None, None, "the file's required columns (this position was not read)")
            for r in table[ROW]]
    for column in INVESTMENT_COLUMNS + EXTRA_COLUMNS:
        if column not in table.columns:
            table[column] = ""
    with np.errstate(over="ignore", invalid="ignore"):
        return _load(table.reset_index(drop=True), money, library, gwp, currency, years, issues)


def _load(t: pd.DataFrame, money: Money, library: FactorLibrary, gwp: GwpTable, report_currency: str,
          years: tuple[int, int] | None, issues: list[Issue]) -> tuple[pd.DataFrame, pd.DataFrame, list[Issue]]:
    check = RowChecks(t, "position_id")
    check.issues = issues  # the file's own issues first, then the rows'

    def flag(mask, column: str | None, expected: str) -> None:
        check(pd.Series(mask, index=t.index), column, expected)

    def amount(column: str, what: str, positive: bool, optional: bool = True) -> pd.Series:
        """A number column: blank is NaN; text, inf and (non-)positive values are flagged."""
        value = to_number(t[column])
        given = t[column] != ""
        flag(given & value.isna(), column, f"{what}: a finite number ('.' as decimal point, no thousands "
                                           "separators)" + (", or blank" if optional else ""))
        limit = "more than zero" if positive else "zero or more"
        flag(given & ((value <= 0) if positive else (value < 0)), column, f"{what}: {limit}")
        return value

    # identity and year
    flag(t["position_id"] == "", "position_id", "a position_id (unique within the file)")
    flag(t["position_id"].str.contains("/", regex=False), "position_id",
         "a position_id without '/' (the records are named <position_id>/s12 and <position_id>/s3)")
    first_row = t[t["position_id"] != ""].drop_duplicates("position_id").set_index("position_id")[ROW]
    dup = (t["position_id"] != "") & t.duplicated("position_id", keep="first")
    for idx in t.index[dup]:
        pid = t.at[idx, "position_id"]
        issues.append(Issue(t.at[idx, FILE], int(t.at[idx, ROW]), pid, "position_id", pid,
                            f"a unique position_id (one row per position and year, e.g. '{pid}-{t.at[idx, 'year']}'); "
                            f"it is already used at row {first_row[pid]}"))
    check.bad |= dup
    year = to_integer(t["year"])
    flag(year.isna(), "year", "a whole-number reporting year, e.g. 2023")
    flag(year.notna() & ((year < 1990) | (year > 2100)), "year", "a reporting year between 1990 and 2100")
    if years is not None:
        flag(year.notna() & ((year < years[0]) | (year > years[1])), "year",
             f"a year of the inventory, {years[0]} to {years[1]} (years in inventory.toml)")

    # asset class
    asset = t["asset_class"].str.lower().str.replace(" ", "_").str.replace("-", "_")
    for code, why in NOT_IMPLEMENTED.items():
        flag(asset == code, "asset_class", f"an asset class the engine implements ({why}): "
                                           + ", ".join(ASSET_CLASSES))
    flag(~asset.isin(list(ASSET_CLASSES) + list(NOT_IMPLEMENTED)), "asset_class",
         "a PCAF asset class: " + ", ".join(ASSET_CLASSES))
    family = asset.map({k: v.family for k, v in ASSET_CLASSES.items()}).fillna("")

    # money: currency, outstanding, denominators
    codes = {c: _currency(c) for c in t["currency"].unique()}
    flag(t["currency"].map(lambda c: codes[c] is None), "currency",
         "a currency code the engine knows (USD, EUR, GBP, CNY, ...; kUSD and MUSD count thousands and millions)")
    outstanding = amount("outstanding", "the outstanding amount", positive=False, optional=False)
    flag(t["outstanding"] == "", "outstanding", "the outstanding amount at year end, in the position's currency")
    to_report = pd.Series(np.nan, index=t.index)
    for (cur, y), idx in t[~check.bad].groupby(["currency", year[~check.bad].astype("int64")]).groups.items():
        code, multiple = codes[cur]
        rate = money.rate(code, report_currency, int(y))
        if isinstance(rate, str):
            flag(t.index.isin(idx), "currency", f"{rate}, to report the outstanding amount in {report_currency}")
        else:
            to_report[idx] = multiple * rate
    values = {c: amount(c, f"{c.replace('_', ' ')} (in the position's currency)", positive=True)
              for c in ("evic", "total_equity_plus_debt", "property_value", "vehicle_value")}
    denominator = pd.Series(np.nan, index=t.index)
    used = pd.Series("", index=t.index)
    for code, spec in ASSET_CLASSES.items():
        here = asset == code
        for column in reversed(spec.denominators):  # the first column given wins
            take = here & values[column].notna()
            denominator[take], used[take] = values[column][take], column
        if spec.family != "vehicle":  # PCAF 5.6: an unknown vehicle value means 100% attribution
            need = " or ".join(spec.denominators)
            flag(here & (t[list(spec.denominators)] == "").all(axis=1), spec.denominators[0],
                 f"{need} for {code} (PCAF {spec.section}: attribution factor = {spec.formula})")
    flag((asset == "unlisted_equity") & (t["evic"] != ""), "evic",
         "blank for unlisted_equity: equity in a private company is divided by its total equity + debt "
         "(PCAF 5.2); EVIC is for listed companies")

    # investee emissions as reported
    s1, s2, s3 = (amount(f"investee_scope{s}", f"investee Scope {s} emissions", positive=False) for s in (1, 2, 3))
    both = ("investee Scope 1 and Scope 2 together (0 when there is none): PCAF reports the investee's "
            "Scope 1 and 2 emissions as one figure; this row gives only one of them")
    flag(s1.notna() & s2.isna() & (t["investee_scope2"] == ""), "investee_scope2", both)
    flag(s2.notna() & s1.isna() & (t["investee_scope1"] == ""), "investee_scope1", both)
    any_emission = s1.notna() | s2.notna() | s3.notna()
    per_tonne = {u: (None if u == "" or unit_problem(u) else mass_to_tonnes(u)) for u in t["emissions_unit"].unique()}
    tonnes = t["emissions_unit"].map(per_tonne).astype("float64")
    flag(any_emission & (t["emissions_unit"] == ""), "emissions_unit",
         "the unit of the investee emissions: a mass of CO2e such as t, tCO2e or kg")
    flag((t["emissions_unit"] != "") & tonnes.isna(), "emissions_unit",
         "a mass of CO2e such as t, tCO2e or kg")
    reported = s1.notna() & s2.notna()

    # estimates
    revenue = amount("revenue", "the investee's revenue (in the position's currency)", positive=False)
    physical = amount("physical_activity", "the investee's physical activity", positive=False)
    flag(physical.notna() & (t["activity_unit"] == ""), "activity_unit",
         "the unit of physical_activity (MWh, therm, gallon, vehicle*mile, ...)")
    for unit in t.loc[t["activity_unit"] != "", "activity_unit"].unique():
        problem = unit_problem(unit)
        here = t["activity_unit"] == unit
        if problem:
            flag(here, "activity_unit", f"a unit of measure ({problem})")
        elif currency_of(unit) is not None:
            flag(here, "activity_unit", "a physical unit; money goes in revenue (PCAF option 3)")
    basis = pd.Series(NOT_COVERED, index=t.index)
    basis[revenue.notna()] = "revenue"
    basis[physical.notna()] = "physical"
    basis[reported] = "reported"
    flag((basis == "revenue") & family.isin(["building", "vehicle"]), "revenue",
         "investee_scope1 + investee_scope2 or physical_activity: PCAF 5.4 to 5.6 estimate buildings and vehicles "
         "from energy, floor area, distance or fuel, not from revenue")
    flag((basis == "revenue") & (t["sector"] == ""), "sector",
         "the factor key of the revenue-based estimate, e.g. naics_331110 (useeio-v1.3, kg CO2e per USD)")
    key = t["activity"].where(t["activity"] != "", t["sector"]).str.lower()
    flag((basis == "physical") & (key == ""), "activity",
         "the factor key of the physical-activity estimate (activity, or else sector), e.g. electricity")

    # data quality: a score or an option of the asset class's table, fitting the basis
    score, option = _scores(t, family, basis, check.bad.copy(), flag)

    # estimate what is missing, one factor resolution per distinct key
    estimate = pd.Series(np.nan, index=t.index)
    lineage = pd.Series("", index=t.index)
    todo = ~check.bad & basis.isin(["physical", "revenue"])
    cache: dict[tuple, tuple[float | None, str, str | None, str]] = {}
    for idx in t.index[todo]:
        is_physical = basis[idx] == "physical"
        k = (key[idx] if is_physical else t.at[idx, "sector"].lower(), t.at[idx, "region"], int(year[idx]),
             t.at[idx, "activity_unit"] if is_physical else t.at[idx, "currency"])
        if k not in cache:
            cache[k] = _factor(library, gwp, money, *k)
        per_unit, text, problem, column = cache[k]
        if problem:
            column = {"activity": "activity" if is_physical and t.at[idx, "activity"] != "" else "sector",
                      "unit": "activity_unit" if is_physical else "currency"}.get(column, column)
            flag(t.index == idx, column, problem)
            continue
        quantity = physical[idx] if is_physical else revenue[idx]
        estimate[idx] = quantity * per_unit
        lineage[idx] = f"{quantity:.10g} {k[3]} x '{k[0]}' {text}"

    good = ~check.bad
    if not good.any():
        return _empty_records(), _empty_positions(), issues

    # attribution (capped at 1) and financed emissions
    raw = outstanding / denominator
    vehicle_unknown = (asset == "motor_vehicle_loans") & denominator.isna()
    raw[vehicle_unknown] = 1.0
    factor = raw.clip(upper=1.0)
    investee_s12 = ((s1 + s2) * tonnes).where(reported, estimate)
    investee_s3 = s3 * tonnes
    financed_s12, financed_s3 = factor * investee_s12, factor * investee_s3
    overflow = good & ~(np.isfinite(financed_s12.fillna(0)) & np.isfinite(financed_s3.fillna(0)))
    flag(overflow, "outstanding", "amounts whose financed emissions fit in a float64; check the magnitudes and units")
    good = ~check.bad
    if not good.any():
        return _empty_records(), _empty_positions(), issues
    covered = investee_s12.notna()
    score_s3 = pd.Series(np.where(reported, score, 2.0), index=t.index).where(investee_s3.notna())
    notes = [_note(t, i, asset[i], raw[i], factor[i], used[i], basis[i], score[i], option[i], investee_s12[i],
                   investee_s3[i], lineage[i]) for i in t.index[good]]
    positions = pd.DataFrame({
        "position_id": t.loc[good, "position_id"], "year": year[good].astype("int64"),
        "asset_class": asset[good], "counterparty": t.loc[good, "counterparty"], "sector": t.loc[good, "sector"],
        "outstanding": (outstanding * to_report)[good].astype("float64"), "report_currency": report_currency,
        "attribution_factor": factor[good].astype("float64"),
        "investee_s12_tco2e": investee_s12[good].astype("float64"),
        "investee_s3_tco2e": investee_s3[good].astype("float64"),
        "financed_s12_tco2e": financed_s12[good].astype("float64"),
        "financed_s3_tco2e": financed_s3[good].astype("float64"),
        "pcaf_score": score.where(covered)[good].astype("float64"), "pcaf_option": option.where(covered, "")[good],
        "pcaf_score_s3": score_s3[good].astype("float64"), "basis": basis[good], "covered": covered[good].astype(bool),
        "notes": notes, FILE: t.loc[good, FILE], ROW: t.loc[good, ROW].astype("int64"),
    })[POSITION_COLUMNS].reset_index(drop=True)
    return _records(positions, t.loc[good].reset_index(drop=True)), positions, issues


def _scores(t: pd.DataFrame, family: pd.Series, basis: pd.Series, bad: pd.Series,
            flag) -> tuple[pd.Series, pd.Series]:
    """PCAF score and option per position from ``data_quality`` (an option such as ``1b``, a score
    ``1``-``5``, ``verified`` or ``unverified``) or, when blank, from the basis (docs: the score table)."""
    text = t["data_quality"].str.lower().str.replace("option", "", regex=False).str.strip()
    score = pd.Series(np.nan, index=t.index)
    option = pd.Series("", index=t.index)
    for idx in t.index[(basis != NOT_COVERED) & (family != "") & ~bad]:
        fam, how, given = family[idx], basis[idx], text[idx]
        if (fam, how) not in BASIS_OPTIONS:
            continue  # revenue for buildings or vehicles: already reported
        allowed = BASIS_OPTIONS[(fam, how)]
        scores = OPTION_SCORES[fam]
        if given == "":
            picked = _default_option(fam, how, t.at[idx, "activity_unit"])
            score[idx], option[idx] = (2.0, "") if picked is None else (float(scores[picked]), picked)
            continue
        if how == "reported" and given in ("verified", "unverified"):
            given = "1" if given == "verified" else "2"
        if given in allowed:
            score[idx], option[idx] = float(scores[given]), given
        elif given in {str(scores[o]) for o in allowed} or (how == "reported" and given in ("1", "2")):
            match = [o for o in allowed if str(scores[o]) == given]
            score[idx], option[idx] = float(given), (match[0] if match else "")
        else:
            shown = ", ".join(f"{o} (score {scores[o]})" for o in allowed)
            table = ASSET_CLASSES[t.at[idx, "asset_class"].lower().replace(" ", "_").replace("-", "_")].table
            flag(t.index == idx, "data_quality",
                 f"blank or a PCAF option of {table} for {how} investee emissions: {shown}"
                 + (", or verified / unverified" if how == "reported" else ""))
    return score, option


def _default_option(family: str, basis: str, activity_unit: str) -> str | None:
    """The option a position gets when ``data_quality`` is blank. None: reported vehicle emissions,
    which Table 5-16 does not list (scored 2, as unverified reported emissions elsewhere)."""
    if basis == "reported":
        return None if family == "vehicle" else "1b"
    if basis == "revenue":
        return "3a"
    if family == "corporate":
        return "2b"  # production data x factor; 2a (energy consumption) when data_quality says so
    dims = parse_unit(activity_unit).dimensionality
    energy = dims in (ureg.kWh.dimensionality, ureg.L.dimensionality, ureg.kg.dimensionality)  # energy or fuel
    if family == "building":
        if energy:
            return "1b"  # actual (metered) energy x average factor (Tables 5-14, 5-15)
        return "2b" if dims == ureg.m.dimensionality ** 2 else "3"  # floor area; else number of buildings
    if energy:
        return "1a"  # actual fuel (or electricity) consumption (Table 5-16)
    return "3a" if dict(dims).get("[length]") == 1 else "3b"  # distance x a vehicle-type average factor


def _factor(library: FactorLibrary, gwp: GwpTable, money: Money, key: str, region: str, year: int,
            unit: str) -> tuple[float | None, str, str | None, str]:
    """tCO2e per unit of activity for one key: (value, lineage, problem, column of the problem)."""
    res = resolve(library, key, region, year, unit, money)
    if res.problem:
        return None, "", res.problem, res.column
    rows = library.table.loc[list(res.rows)]
    total = 0.0
    for (_, row), per in zip(rows.iterrows(), res.tonnes_per_unit):
        gas = factor_gas(gwp, row["gas"], row.get("ch4_origin", ""))  # AR6 methane by its origin
        if gas is None:
            return None, "", (f"a factor whose gases the GWP set {gwp.name} lists; '{row['gas']}' of "
                              f"{row['file']} row {row['row']} is not there"), "activity"
        if gas != BIOGENIC:  # biogenic CO2 stays outside the scopes
            total += float(row["value"]) * per * gwp.gwp(gas)
    first = rows.iloc[0]
    text = (f"({first['set']}, {first['file']} row {';'.join(str(r) for r in sorted(rows['row']))}"
            + (f"; {';'.join(res.flags)}" if res.flags else "") + ")")
    return total, text, None, "activity"


def _currency(text: str) -> tuple[str, float] | None:
    if text == "" or unit_problem(text):
        return None
    return currency_of(text)


def _note(t, i, asset, raw, factor, used, basis, score, option, s12, s3, lineage) -> str:
    spec = ASSET_CLASSES[asset]
    cur = t.at[i, "currency"]
    if used:
        share = f"attribution {factor:.6g} = outstanding {t.at[i, 'outstanding']} / {used} {t.at[i, used]} {cur}"
    else:
        share = "attribution 1: vehicle value at origination unknown, 100% attributed (PCAF 5.6)"
    if raw > 1:
        share += f" = {raw:.6g}, capped at 1"
    parts = [f"{PART} {spec.section} {asset}", share]
    if basis == NOT_COVERED:
        parts.append("not covered: no reported emissions, physical activity or revenue "
                     "(no asset-class average factors are shipped)")
    else:
        how = {"reported": "reported", "physical": f"estimated from physical activity {lineage}",
               "revenue": f"estimated from revenue {lineage}"}[basis]
        label = f"option {option}, " if option else ""
        parts.append(f"investee Scope 1+2 {s12:.10g} t {how}; PCAF score {score:g} ({label}{spec.table})")
    if not math.isnan(s3):
        parts.append(f"investee Scope 3 {s3:.10g} t reported")
    return "; ".join(parts)


def _records(positions: pd.DataFrame, rows: pd.DataFrame) -> pd.DataFrame:
    """Two records per covered position (Scope 1+2, and Scope 3 when known), the validated-records layout."""
    from .inventory import OPTIONAL_COLUMNS, RECORD_COLUMNS

    parts = []
    for suffix, column, score_column in (("s12", "financed_s12_tco2e", "pcaf_score"),
                                         ("s3", "financed_s3_tco2e", "pcaf_score_s3")):
        keep = positions[column].notna().to_numpy()
        p, r = positions.loc[keep], rows.loc[keep]
        label = "Scope 1+2" if suffix == "s12" else "Scope 3"
        option = p["pcaf_option"] if suffix == "s12" else pd.Series("", index=p.index)
        parts.append(pd.DataFrame({
            "record_id": p["position_id"] + f"/{suffix}", "year": p["year"].astype("int64"), "scope": 3,
            "category": CATEGORY, "quantity": p[column].astype("float64"), "unit": "t", "activity": "",
            "gas": "CO2e", "region": r["region"].to_numpy(), "entity": "", "facility": "",
            "source": r["source"].to_numpy(),
            "data_quality": ["PCAF score " + f"{s:g}" + (f" (option {o})" if o else "")
                             for s, o in zip(p[score_column], option)],
            "notes": f"financed {label}; " + p["notes"],
            "method": (p["basis"].map(METHODS) if suffix == "s12"
                       else pd.Series(METHODS["reported"], index=p.index)),
            FILE: p[FILE], ROW: p[ROW].astype("int64"),
        }))
    records = pd.concat(parts, ignore_index=True)
    records = records.sort_values(["record_id"], kind="stable").reset_index(drop=True)
    records["scope"] = records["scope"].astype("int64")
    for column in OPTIONAL_COLUMNS:  # e.g. the dq_* indicators: PCAF scores stand in data_quality
        if column not in records.columns:
            records[column] = ""
    return records[RECORD_COLUMNS + OPTIONAL_COLUMNS + [FILE, ROW]]


def _empty_records() -> pd.DataFrame:
    from .inventory import _empty_records as empty

    return empty()


def _empty_positions() -> pd.DataFrame:
    kinds = {"year": "int64", "outstanding": "float64", "attribution_factor": "float64",
             "investee_s12_tco2e": "float64", "investee_s3_tco2e": "float64", "financed_s12_tco2e": "float64",
             "financed_s3_tco2e": "float64", "pcaf_score": "float64", "pcaf_score_s3": "float64", "covered": "bool",
             ROW: "int64"}
    return pd.DataFrame({c: pd.Series(dtype=kinds.get(c, "object")) for c in POSITION_COLUMNS})


def record_id_clashes(financed: pd.DataFrame, records: pd.DataFrame) -> list[Issue]:
    """An Issue for each financed record whose record_id an activity record already uses."""
    if financed.empty:
        return []
    wanted = set(financed["record_id"])
    taken = records.loc[records["record_id"].isin(wanted)].drop_duplicates("record_id").set_index("record_id")
    clash = financed[financed["record_id"].isin(taken.index)]
    return [Issue(f, int(r), rid, "position_id", rid.rsplit("/", 1)[0],
                  f"a position_id whose records ({rid}) no activity record uses; "
                  f"{taken.at[rid, FILE]} row {taken.at[rid, ROW]} has that record_id")
            for f, r, rid in zip(clash[FILE], clash[ROW], clash["record_id"])]


# --------------------------------------------------------------------------------------- summary
def financed_summary(positions: pd.DataFrame) -> dict[int, dict]:
    """PCAF figures per year (report.json ``years[Y].financed``), in tCO2e and the report currency.

    ``total`` = ``scope12`` + ``scope3`` (= the ledger's category 3.15 from investments); ``scope12`` and
    ``scope3`` are kept apart as PCAF requires; ``data_quality_score`` is the outstanding-weighted mean
    PCAF score of the covered positions' Scope 1+2 figures (PCAF Part A chapter 6, Box 8),
    ``data_quality_score_s3`` the same for Scope 3, separately (chapter 6); ``coverage`` the share of
    outstanding with Scope 1+2 emissions (reported or estimated). ``by_asset_class`` and ``by_sector``
    hold the same figures per group. Independent of row order.
    """
    if positions.empty:
        return {}
    ordered = positions.sort_values(["year", "position_id"], kind="stable")
    out: dict[int, dict] = {}
    for year, group in ordered.groupby("year", sort=True):
        figures = _figures(group)
        figures["currency"] = str(group["report_currency"].iloc[0])
        figures["covered_positions"] = int(group["covered"].sum())
        figures["intensity_tco2e_per_million"] = _ratio(figures["total"], _sum(group.loc[group["covered"],
                                                                                       "outstanding"]) / 1e6)
        figures["by_asset_class"] = {k: _figures(g) for k, g in sorted(group.groupby("asset_class"))}
        figures["by_sector"] = {k: _figures(g) for k, g in sorted(group.groupby("sector"))}
        out[int(year)] = figures
    return out


def _figures(group: pd.DataFrame) -> dict:
    s12, s3 = _sum(group["financed_s12_tco2e"]), _sum(group["financed_s3_tco2e"])
    outstanding = _sum(group["outstanding"])
    covered = group[group["covered"]]
    with_s3 = group[group["pcaf_score_s3"].notna()]
    return {"total": s12 + s3, "scope12": s12, "scope3": s3, "outstanding": outstanding,
            "data_quality_score": _weighted(covered["pcaf_score"], covered["outstanding"]),
            "data_quality_score_s3": _weighted(with_s3["pcaf_score_s3"], with_s3["outstanding"]),
            "coverage": _ratio(_sum(covered["outstanding"]), outstanding),
            "positions": int(len(group))}


def _sum(values: pd.Series) -> float:
    return math.fsum(v for v in values.to_numpy(dtype="float64") if not math.isnan(v))


def _ratio(a: float, b: float) -> float | None:
    return a / b if b > 0 else None


def _weighted(scores: pd.Series, weights: pd.Series) -> float | None:
    """sum(outstanding x score) / sum(outstanding) (PCAF Part A, chapter 6, Box 8)."""
    total = _sum(weights)
    if total <= 0:
        return None
    return math.fsum(s * w for s, w in zip(scores.to_numpy(dtype="float64"), weights.to_numpy(dtype="float64"))) / total
