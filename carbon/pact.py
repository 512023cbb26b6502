"""Supplier product footprints in the WBCSD PACT format: each active footprint becomes a factor row.

Source of the data model: WBCSD, *Technical Specifications for PCF Data Exchange* (the PACT Technical
Specifications), version 2 (2.0 to 2.3, ``pcf.pCfExcludingBiogenic``) and version 3 (3.0,
``pcf.pcfExcludingBiogenicUptake``), https://wbcsd.github.io/data-exchange-protocol/ and
https://docs.carbon-transparency.org/. The pydantic models below follow the published field lists
(sections "Data Type: ProductFootprint", "Data Type: CarbonFootprint", "Data Type:
DataQualityIndicators") for the fields the engine reads; other fields are accepted and kept.

    This module is derived from, and uses, the PACT Technical Specifications, the Licensed Material of
    the World Business Council for Sustainable Development (WBCSD), owner of the Licensed Rights, created
    by the WBCSD and the Partnership for Carbon Transparency (PACT). It is a Separate Derivative under
    section 3.2 of the licence; see docs/value-chain.md for the notice in full, including section 5
    (Disclaimer of Warranties and Limitation of Liability) reproduced as the licence asks.

A footprint is read from ``suppliers/*.json`` (``supplier_footprints`` in inventory.toml): one
ProductFootprint object, a list of them, or an API response (``{"data": [...]}`` or ``{"data": {...}}``).
Each *usable* footprint gives one factor row per product id (``productIds``)::

    activity = the product id (e.g. urn:gtin:4712345060507), as a record names it
    value    = pCfExcludingBiogenic (v2)                     kg CO2e per declared unit
             = pcfExcludingBiogenicUptake / declaredUnitAmount (v3: the declared unit is
               declaredUnitAmount x declaredUnitOfMeasurement)
    unit     = kg/<declared unit>  (kilogram -> kg, liter -> L, kilowatt hour -> kWh, piece -> piece, ...)
    year     = the year of the middle of the reference period
    gas      = CO2e; v3 ``landManagementBiogenicCO2Emissions`` as a biogenic_CO2 row (outside the scopes)
    region   = blank: a product's footprint applies wherever the product is bought; the footprint's
               geography is in the row's ``geography`` and in the lineage

Not usable (never a factor; the reason is kept and shown whenever a record names the product):
``status`` Deprecated; superseded (its id is in another footprint's ``precedingPfIds``); and, for a
record's year, outside the footprint's validity (from ``referencePeriodStart`` to ``validityPeriodEnd``,
by default 3 years after ``referencePeriodEnd``, PACT v3 "validityPeriodStart").

Data quality: a record that uses a footprint takes, where its own are blank, the method
``supplier-specific``, the label ``PACT primary data <share>%`` and the five ``dq_*`` scores from the
footprint's ``dqi``: PACT rates each indicator 1 (good) to 3 (poor) (PACT Methodology v3, Table 9); the
engine's scale is the GHG Protocol Scope 3 Standard's 1 (very good) to 5 (very poor) (ch. 7,
Table 7.6), so a DQR becomes ``round(DQR) + 1`` (good 2, fair 3, poor 4).
"""

from __future__ import annotations

import glob
import json
import math
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import Issue
from .factors import FactorLibrary, FactorSource, _validate_factors
from .tables import FILE, ROW, inside

__all__ = ["ProductFootprint", "CarbonFootprint", "DataQualityIndicators", "load_footprints", "Footprints",
           "DEFAULT_PATTERN", "SOURCE_NAME"]

DEFAULT_PATTERN = "suppliers/*.json"
SOURCE_NAME = "supplier footprints (PACT)"
# PACT DeclaredUnit (v2) / declaredUnitOfMeasurement (v3) -> the engine's unit
DECLARED_UNITS = {"kilogram": "kg", "liter": "L", "cubic meter": "m**3", "kilowatt hour": "kWh",
                  "megajoule": "MJ", "ton kilometer": "t*km", "square meter": "m**2", "piece": "piece",
                  "hour": "hour"}


def _decimal(value: Any) -> Any:
    """PACT v3 writes decimals as JSON strings ("1.5"), v2 mostly too; numbers are accepted as well."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValueError(f"a decimal number such as \"1.5\" (got {value!r})") from None
    if not number.is_finite():
        raise ValueError(f"a finite decimal number (got {value!r})")
    return float(number)


class _Pact(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True, frozen=True)


class DataQualityIndicators(_Pact):
    """``dqi``: PACT v2/v3 "Data Type: DataQualityIndicators" (each DQR a decimal 1 to 3)."""

    coveragePercent: float | None = Field(default=None, ge=0, le=100)
    technologicalDQR: float | None = Field(default=None, ge=1, le=3)
    temporalDQR: float | None = Field(default=None, ge=1, le=3)
    geographicalDQR: float | None = Field(default=None, ge=1, le=3)
    completenessDQR: float | None = Field(default=None, ge=1, le=3)
    reliabilityDQR: float | None = Field(default=None, ge=1, le=3)

    _numbers = field_validator("*", mode="before")(classmethod(lambda cls, v: _decimal(v)))


class GeographicScope(_Pact):
    """v2 ``geographicScope``."""

    geographyCountrySubdivision: str | None = None
    geographyCountry: str | None = None
    geographyRegionOrSubregion: str | None = None


class CarbonFootprint(_Pact):
    """``pcf``: PACT "Data Type: CarbonFootprint", v2 and v3 field names side by side (the version of
    the footprint decides which must be given; see :meth:`ProductFootprint.figures`)."""

    # v2
    declaredUnit: str | None = None
    unitaryProductAmount: float | None = Field(default=None, gt=0)
    pCfExcludingBiogenic: float | None = Field(default=None, ge=0)
    pCfIncludingBiogenic: float | None = None
    geographicScope: GeographicScope | None = None
    # v3
    declaredUnitOfMeasurement: str | None = None
    declaredUnitAmount: float | None = Field(default=None, gt=0)
    pcfExcludingBiogenicUptake: float | None = Field(default=None, ge=0)
    pcfIncludingBiogenicUptake: float | None = None
    landManagementBiogenicCO2Emissions: float | None = Field(default=None, ge=0)
    geographyCountrySubdivision: str | None = None
    geographyCountry: str | None = None
    geographyRegionOrSubregion: str | None = None
    # both
    productMassPerDeclaredUnit: float | None = Field(default=None, ge=0)
    referencePeriodStart: datetime
    referencePeriodEnd: datetime
    primaryDataShare: float | None = Field(default=None, ge=0, le=100)
    dqi: DataQualityIndicators | None = None
    characterizationFactors: str | None = None                 # v2.0-2.2 ("AR5" or "AR6")
    ipccCharacterizationFactorsSources: list[str] | None = None  # v2.3
    ipccCharacterizationFactors: list[str] | None = None        # v3

    _numbers = field_validator("unitaryProductAmount", "pCfExcludingBiogenic", "pCfIncludingBiogenic",
                               "declaredUnitAmount", "pcfExcludingBiogenicUptake", "pcfIncludingBiogenicUptake",
                               "landManagementBiogenicCO2Emissions", "productMassPerDeclaredUnit",
                               "primaryDataShare", mode="before")(classmethod(lambda cls, v: _decimal(v)))


class ProductFootprint(_Pact):
    """PACT "Data Type: ProductFootprint" (v2 and v3): the fields the engine reads."""

    id: str = Field(min_length=1)
    specVersion: str = Field(pattern=r"^\d+\.\d+\.\d+(-\d{8})?$")
    precedingPfIds: list[str] | None = None
    version: int | None = Field(default=None, ge=0)   # mandatory in v2, removed in v3
    created: datetime
    status: str = Field(pattern=r"^(Active|Deprecated)$")
    validityPeriodStart: datetime | None = None
    validityPeriodEnd: datetime | None = None
    companyName: str = Field(min_length=1)
    companyIds: list[str] = Field(min_length=1)
    productDescription: str = ""
    productIds: list[str] = Field(min_length=1)
    productNameCompany: str = Field(min_length=1)
    pcf: CarbonFootprint

    @property
    def major(self) -> int:
        return int(self.specVersion.split(".")[0])

    def figures(self) -> tuple[float, str, float | None]:
        """(kg CO2e per unit, the engine's unit, biogenic kg CO2 per unit or None); ValueError naming the
        field when the footprint's version lacks it."""
        pcf = self.pcf
        if self.major == 2:
            if pcf.pCfExcludingBiogenic is None or pcf.declaredUnit is None:
                raise ValueError("a v2 footprint gives pcf.declaredUnit and pcf.pCfExcludingBiogenic")
            unit = _unit(pcf.declaredUnit, "pcf.declaredUnit")
            return pcf.pCfExcludingBiogenic, unit, None
        if self.major == 3:
            if pcf.pcfExcludingBiogenicUptake is None or pcf.declaredUnitOfMeasurement is None:
                raise ValueError("a v3 footprint gives pcf.declaredUnitOfMeasurement and "
                                 "pcf.pcfExcludingBiogenicUptake")
            unit = _unit(pcf.declaredUnitOfMeasurement, "pcf.declaredUnitOfMeasurement")
            amount = pcf.declaredUnitAmount if pcf.declaredUnitAmount is not None else 1.0
            biogenic = pcf.landManagementBiogenicCO2Emissions
            return (pcf.pcfExcludingBiogenicUptake / amount, unit,
                    None if biogenic is None else biogenic / amount)
        raise ValueError(f"specVersion 2.x or 3.x (PACT Technical Specifications v2 or v3); got {self.specVersion}")

    def gwp_sets(self) -> str:
        pcf = self.pcf
        sets = pcf.ipccCharacterizationFactors or pcf.ipccCharacterizationFactorsSources or (
            [pcf.characterizationFactors] if pcf.characterizationFactors else [])
        return "+".join(sets) or "not stated"

    def geography(self) -> str:
        pcf = self.pcf
        scope = pcf.geographicScope or pcf
        return (scope.geographyCountrySubdivision or scope.geographyCountry or scope.geographyRegionOrSubregion
                or "Global")

    def valid_years(self) -> tuple[int, int]:
        """The calendar years whose records may use the footprint: from the reference period's start to
        the validity end (excluded), by default 3 years after the reference period's end."""
        end = self.validityPeriodEnd or _plus_years(self.pcf.referencePeriodEnd, 3)
        last = (end - timedelta(seconds=1)).year
        return self.pcf.referencePeriodStart.year, last

    def reference_year(self) -> int:
        start, end = self.pcf.referencePeriodStart, self.pcf.referencePeriodEnd
        return (start + (end - start) / 2).year


def _unit(declared: str, field: str) -> str:
    unit = DECLARED_UNITS.get(declared.strip().lower())
    if unit is None:
        raise ValueError(f"{field}: a declared unit the engine converts ({', '.join(DECLARED_UNITS)}); "
                         f"got {declared!r}")
    return unit


def _plus_years(moment: datetime, years: int) -> datetime:
    try:
        return moment.replace(year=moment.year + years)
    except ValueError:  # 29 February
        return moment.replace(year=moment.year + years, day=28)


# ---------------------------------------------------------------------------------------- load
class Footprints:
    """The footprints an inventory read: ``table`` one row per (footprint, product id) with ``used``
    and ``reason``; ``products`` the product ids (lower case) that have a footprint."""

    COLUMNS = ["product_id", "footprint_id", "company", "spec", "status", "used", "reason", "value", "unit",
               "biogenic", "year", "first_year", "last_year", "geography", "primary_share", "gwp", "dq_technological",
               "dq_temporal", "dq_geographical", "dq_completeness", "dq_reliability", "preceding", FILE, ROW]

    def __init__(self, table: pd.DataFrame):
        self.table = table

    @property
    def products(self) -> set[str]:
        return set(self.table["product_id"])

    @property
    def empty(self) -> bool:
        return self.table.empty


def load_footprints(root: Path, patterns: list[str] | None) -> tuple[Footprints, list[Issue], list[Path]]:
    """Read every footprint file; return (footprints, issues, files read). ``patterns`` None: the
    default ``suppliers/*.json`` when it matches, else nothing; a pattern given that matches no file
    is an issue."""
    files: list[Path] = []
    issues: list[Issue] = []
    for pattern in patterns if patterns is not None else [DEFAULT_PATTERN]:
        inside(root, pattern.split("*")[0] or ".", "supplier_footprints pattern")
        matched = sorted(Path(p) for p in glob.glob(str(root / pattern), recursive=True) if Path(p).is_file())
        if not matched and patterns is not None:
            issues.append(Issue("inventory.toml", column="supplier_footprints", value=pattern,
                                expected="a pattern that matches PACT footprint files (.json) in the inventory "
                                         "folder; it matches none"))
        for m in matched:  # the inventory's confinement rule for each file, links included
            inside(root, str(m.relative_to(root)) if m.is_relative_to(root) else str(m), "supplier footprint file")
        files += [m for m in matched if m not in files]
    rows: list[dict] = []
    for path in files:
        shown = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        found, problems = _read_file(path, shown)
        rows += found
        issues += problems
    table = pd.DataFrame(rows, columns=Footprints.COLUMNS)
    issues += _mark_superseded(table)
    return Footprints(table.reset_index(drop=True)), issues, files


def _read_file(path: Path, shown: str) -> tuple[list[dict], list[Issue]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        return [], [Issue(shown, expected=f"UTF-8 JSON text ({exc.reason} at byte {exc.start})")]
    except json.JSONDecodeError as exc:
        return [], [Issue(shown, row=exc.lineno, expected=f"valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})")]
    if isinstance(data, dict) and "data" in data and "pcf" not in data:
        data = data["data"]
    items = data if isinstance(data, list) else [data]
    rows, issues = [], []
    for n, item in enumerate(items, start=1):
        where = f"footprint {n}"
        fid = item.get("id") if isinstance(item, dict) else None
        try:
            pf = ProductFootprint.model_validate(item)
            value, unit, biogenic = pf.figures()
        except ValidationError as exc:
            for err in exc.errors():
                field = ".".join(str(p) for p in err["loc"]) or "(the object)"
                got = err["input"] if not isinstance(err["input"], (dict, list)) else None
                issues.append(Issue(shown, n, fid or where, field, None if got is None else str(got),
                                    f"a PACT ProductFootprint field: {err['msg'].removeprefix('Value error, ')} "
                                    "(PACT Technical Specifications, Data Type ProductFootprint / CarbonFootprint)"))
            continue
        except ValueError as exc:
            issues.append(Issue(shown, n, fid or where, "pcf", None, str(exc)))
            continue
        first, last = pf.valid_years()
        dqi = pf.pcf.dqi
        scores = {f"dq_{k}": (_score(getattr(dqi, f"{k}DQR")) if dqi is not None else "")
                  for k in ("technological", "temporal", "geographical", "completeness", "reliability")}
        reason = "" if pf.status == "Active" else "status Deprecated"
        for product in dict.fromkeys(p.strip() for p in pf.productIds):
            rows.append({"product_id": product.lower(), "footprint_id": pf.id, "company": pf.companyName,
                         "spec": pf.specVersion, "status": pf.status, "used": reason == "", "reason": reason,
                         "value": value, "unit": unit, "biogenic": biogenic, "year": pf.reference_year(),
                         "first_year": first, "last_year": last, "geography": pf.geography(),
                         "primary_share": pf.pcf.primaryDataShare, "gwp": pf.gwp_sets(), **scores,
                         "preceding": tuple(pf.precedingPfIds or ()), FILE: shown, ROW: n})
    return rows, issues


def _score(dqr: float | None) -> str:
    """A PACT DQR (1 good .. 3 poor) on the engine's 1 (very good) .. 5 (very poor) scale."""
    if dqr is None:
        return ""
    return str(int(math.floor(dqr + 0.5)) + 1)


def _mark_superseded(table: pd.DataFrame) -> list[Issue]:
    """Footprints named in another's ``precedingPfIds`` are superseded: not used, with the reason."""
    if table.empty:
        return []
    issues = []
    successors: dict[str, str] = {}
    for fid, preceding in table[["footprint_id", "preceding"]].drop_duplicates("footprint_id").itertuples(index=False):
        for old in preceding:
            successors.setdefault(old, fid)
    superseded = table["footprint_id"].map(lambda f: successors.get(f, ""))
    mask = superseded != ""
    table.loc[mask, "used"] = False
    table.loc[mask, "reason"] = ("superseded by footprint " + superseded[mask]
                                 + table.loc[mask, "reason"].map(lambda r: f"; {r}" if r else ""))
    used = table[table["used"]]
    dup = table.index.isin(used.index[used.duplicated(["product_id", "year"], keep=False)])
    for (product, year), group in table[dup].groupby(["product_id", "year"]):
        ids = ", ".join(f"{f} ({fl} #{r})" for f, fl, r in zip(group["footprint_id"], group[FILE], group[ROW]))
        issues.append(Issue(str(group[FILE].iloc[0]), int(group[ROW].iloc[0]), str(group["footprint_id"].iloc[0]),
                            "productIds", product,
                            f"one active footprint per product and reference year; {year} has {ids}: set the "
                            "older one's status to Deprecated or list it in the newer one's precedingPfIds"))
    table.loc[dup, "used"] = False
    return issues


# --------------------------------------------------------------------------- factors and records
def add_factors(library: FactorLibrary, footprints: Footprints, root: Path) -> list[Issue]:
    """Append the usable footprints to ``library`` as one more (last) source, ``SOURCE_NAME``."""
    used = footprints.table[footprints.table["used"]]
    if used.empty:
        return []
    position = len(library.sources)
    source = ("PACT " + used["spec"] + " footprint " + used["footprint_id"] + " of " + used["company"]
              + " (" + used["geography"] + "; GWP " + used["gwp"] + "; primary data "
              + used["primary_share"].map(lambda s: "n/a" if s is None or pd.isna(s) else f"{s:g}%") + ")")
    base = pd.DataFrame({
        "activity": used["product_id"], "region": "", "year": used["year"].astype(int).astype(str), "gas": "CO2e",
        "value": used["value"].map(repr), "unit": "kg/" + used["unit"], "source": source,
        "geography": used["geography"], "footprint_id": used["footprint_id"], FILE: used[FILE], ROW: used[ROW]})
    parts = [base]
    bio = used["biogenic"].notna()
    if bio.any():
        parts.append(base[bio.to_numpy()].assign(gas="biogenic_CO2", value=used.loc[bio, "biogenic"].map(repr).to_numpy()))
    table = pd.concat(parts, ignore_index=True)
    table["src"], table["set"], table["price_year"] = position, SOURCE_NAME, ""
    good, issues = _validate_factors(table)
    library.sources.append(FactorSource(SOURCE_NAME, root / DEFAULT_PATTERN.split("/")[0], False))
    merged = pd.concat([library.table, good], ignore_index=True)
    text = [c for c in merged.columns if merged[c].dtype == object]
    merged[text] = merged[text].fillna("")
    library.table = merged
    library._index.clear()
    return issues


def apply_to_records(records: pd.DataFrame, footprints: Footprints) -> list[Issue]:
    """Records that name a footprint's product id: method, data quality and dq_* from the footprint
    (where the record leaves them blank); an Issue for each record whose product has no footprint
    usable in its year, saying why. Works once per distinct (product, year)."""
    if footprints.empty or records.empty:
        return []
    table = footprints.table
    uses = records["activity"].isin(footprints.products)
    if not uses.any():
        return []
    issues = []
    keys = records.loc[uses, ["activity", "year"]].drop_duplicates()
    chosen: dict[tuple[str, int], pd.Series] = {}
    for product, year in keys.itertuples(index=False):
        rows = table[table["product_id"] == product]
        used = rows[rows["used"]]
        problem = None
        if used.empty:
            problem = "none is usable: " + "; ".join(f"footprint {f} ({fl}) {r}" for f, fl, r in
                                                     zip(rows["footprint_id"], rows[FILE], rows["reason"]))
        else:
            # the footprint the factor resolution takes: the latest reference year not after the
            # record's year, else the earliest (carbon.factors.resolve)
            earlier = used[used["year"] <= year]
            row = earlier.sort_values("year").iloc[-1] if len(earlier) else used.sort_values("year").iloc[0]
            if not row["first_year"] <= year <= row["last_year"]:
                problem = (f"footprint {row['footprint_id']} ({row[FILE]}) is valid for records of "
                           f"{row['first_year']} to {row['last_year']}, not {year} (validityPeriodEnd, by default "
                           "3 years after the reference period)")
            else:
                chosen[(product, int(year))] = row
        if problem:
            bad = uses & (records["activity"] == product) & (records["year"] == year)
            issues += [Issue(f, int(r), i, "activity", product,
                             f"a product with a supplier footprint usable in {year}; {problem}. Ask the supplier "
                             "for a current footprint, or use an average-data factor")
                       for f, r, i in zip(records.loc[bad, FILE], records.loc[bad, ROW], records.loc[bad, "record_id"])]
    for (product, year), row in chosen.items():
        here = uses & (records["activity"] == product) & (records["year"] == year)
        inferred = records["method"].str.endswith("(inferred)") | (records["method"] == "")
        records.loc[here & inferred, "method"] = "supplier-specific"
        if row["primary_share"] is not None and not pd.isna(row["primary_share"]):
            records.loc[here & (records["data_quality"] == ""), "data_quality"] = \
                f"PACT primary data {row['primary_share']:g}%"
        for column in ("dq_technological", "dq_temporal", "dq_geographical", "dq_completeness", "dq_reliability"):
            if row[column]:
                records.loc[here & (records[column] == ""), column] = row[column]
        notes = f"supplier footprint {row['footprint_id']} ({row['company']}, PACT {row['spec']})"
        replaced = table[(table["product_id"] == product) & ~table["used"]]
        if len(replaced):
            notes += "; not used: " + "; ".join(f"{f} ({r})" for f, r in zip(replaced["footprint_id"], replaced["reason"]))
        before = records.loc[here, "notes"].fillna("")
        records.loc[here, "notes"] = (before + "; " + notes).where(before != "", notes)
    return issues
