"""Uncertainty of the totals: Monte Carlo propagation of activity-data and emission-factor uncertainty.

Model (docs/uncertainty.md has the tables, sources and worked numbers)::

    E_i = e_i * A_i * F_k(i)

``e_i`` is the record's tCO2e in the ledger; ``A_i`` and ``F_k`` are independent multiplicative errors,
lognormal by default (GHG Protocol, "Measurement and Estimation Uncertainty of GHG Emissions" /
"Quantitative Inventory Uncertainty" guidance; IPCC 2006 Vol. 1 ch. 3 Approach 2 Monte Carlo; the
ecoinvent pedigree approach, Weidema et al. 2013):

- ``A_i``, the record's **activity** error, one independent draw per record. Its log-standard
  deviation comes from the record's data-quality indicators (technological, temporal and geographical
  representativeness, completeness, reliability, scored 1-5 as in the GHG Protocol Scope 3 Standard
  ch. 7 and the ecoinvent pedigree matrix) and from the basic uncertainty of its ``method``::

      sigma_A^2 = (ln U_basic(method) / 2)^2 + sum over the five indicators of (ln U_indicator(score) / 2)^2

  (ecoinvent: the uncertainty factors U contribute to the square of the geometric standard deviation,
  GSD^2 = exp(sqrt(sum (ln U)^2))). Scores come from the ledger columns ``dq_technological,
  dq_temporal, dq_geographical, dq_completeness, dq_reliability`` when present, else from
  ``data_quality`` (a single score 1-5 for all five, or a label such as ``metered`` mapped in the
  table), else from the documented default. The basic uncertainty is never zero, so neither is
  ``sigma_A``.
- ``F_k``, the **emission-factor** error, one draw per factor used, identified by
  ``factor_set | factor_file | factor_rows`` and shared by every record (of every year) that uses it:
  the records are correlated through their factor. Its log-standard deviation comes from an
  ``uncertainty`` (relative standard deviation) column of the ledger when there is one
  (``factor_uncertainty``), the ``factor_uncertainty`` argument, the mapping's row for the factor's
  file or set, or the mapping's row for the record's method. Direct emissions have no factor term.

The deterministic ledger value is the median of each record's distribution (``center="median"``,
the ecoinvent convention: ``A`` and ``F`` have median 1) or its mean (``center="mean"``).
``distribution="normal"`` draws ``e_i * (1 + r_A z_A + r_F z_F)`` instead, with the same relative
standard deviations ``r = sqrt(exp(sigma^2) - 1)`` (IPCC Approach 1 style, may go negative).

Scope 2 records are drawn on both bases: the location-based figure with the grid factor; the
market-based figure with the same activity draw and the grid factor where the market basis falls
back to the grid average, else a factor of its own (residual mix, supplier rate or instrument).

The mapping of scores, methods and factor sets to uncertainties is ``carbon/data/uncertainty.csv``;
pass ``mapping=`` (a CSV path or DataFrame with the same columns) to override rows of it.

Vectorised: draws are made in chunks of at most a few million numbers and summed into cells
(year, scope, category, Scope 2 basis) at once, records in ``record_id`` order. Above ``EXACT_LIMIT``
draws x records (or with ``aggregate=True``) the factors are still drawn one by one and, given them,
each cell's sum of independent activity terms is drawn as one variable with its exact conditional mean
and variance (lognormal by moment matching, Fenton-Wilkinson; exact for the normal distribution).
Seeded: the same ledger, seed and options give the same draws, whatever the order of the rows.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .distinct import per_combination, per_distinct, text
from .errors import CarbonError, ConfigError
from .scope2 import detect_scope2_method as _detect_scope2_method

__all__ = ["MonteCarlo", "Mapping", "monte_carlo", "add_uncertainty", "load_mapping", "activity_uncertainty",
           "INDICATORS", "DQ_COLUMNS", "DEFAULT_MAPPING", "EXACT_LIMIT"]

INDICATORS = ("technological", "temporal", "geographical", "completeness", "reliability")
DQ_COLUMNS = tuple(f"dq_{name}" for name in INDICATORS)
DEFAULT_MAPPING = Path(__file__).resolve().parent / "data" / "uncertainty.csv"
MAPPING_COLUMNS = ["kind", "key", "score", "value", "measure", "source"]
KINDS = ("indicator", "basic", "default", "label", "factor_method", "factor_set")
# Above this many (draws x records) the records of a cell and factor are pooled first (see module doc).
EXACT_LIMIT = 20_000_000
_CHUNK_NUMBERS = 4_000_000  # random numbers per chunk of draws: bounds memory to ~100 MB
_EPS = 1e-12  # the slack of carbon.targets: a reduction equal to the target on paper meets it


# ------------------------------------------------------------------------------------------ mapping
@dataclass(frozen=True)
class Mapping:
    """The uncertainty table, parsed: every dispersion as the standard deviation of ln (sigma)."""

    indicator: dict[str, np.ndarray]            # indicator -> sigma for scores 1..5 (index 0..4)
    basic: dict[str, float]                     # method -> sigma of the activity's basic uncertainty
    factor_method: dict[str, float]             # method -> sigma of the emission factor
    factor_set: dict[str, float]                # 'set' or 'set/file-stem' (or residual_mix, supplier_rate)
    labels: dict[str, tuple[int, ...]]          # data_quality label -> five scores
    default_scores: tuple[int, ...]             # scores of a record without indicators
    sources: dict[tuple[str, str], str] = field(default_factory=dict)
    path: str = ""

    def indicator_sigma2(self, scores: np.ndarray) -> np.ndarray:
        """Sum over the five indicators of sigma^2 for an (n, 5) array of integer scores 1..5."""
        total = np.zeros(len(scores))
        for j, name in enumerate(INDICATORS):
            total += self.indicator[name][scores[:, j] - 1] ** 2
        return total


def _sigma(value: float, measure: str, where: str) -> float:
    """A dispersion as the standard deviation of ln X."""
    if measure == "gsd2":  # 95% range x/÷ value, i.e. the squared geometric standard deviation
        if not value >= 1.0:
            raise ConfigError(f"{where}: a gsd2 (squared geometric standard deviation) must be 1 or more, not {value}")
        return math.log(value) / 2.0
    if measure == "rsd":  # relative standard deviation of a lognormal
        if not value >= 0.0:
            raise ConfigError(f"{where}: a relative standard deviation must be 0 or more, not {value}")
        return math.sqrt(math.log1p(value * value))
    if measure == "sigma":
        if not value >= 0.0:
            raise ConfigError(f"{where}: sigma must be 0 or more, not {value}")
        return float(value)
    raise ConfigError(f"{where}: measure '{measure}' is not one of gsd2, rsd, sigma, scores")


def _scores(text: str, where: str) -> tuple[int, ...]:
    parts = [p.strip() for p in str(text).split(";")]
    try:
        values = tuple(int(p) for p in parts)
    except ValueError:
        raise ConfigError(f"{where}: scores '{text}' must be one score or five scores 1-5 separated by ';' "
                          f"({'; '.join(INDICATORS)})") from None
    if len(values) == 1:
        values = values * 5
    if len(values) != 5 or not all(1 <= v <= 5 for v in values):
        raise ConfigError(f"{where}: scores '{text}' must be one score or five scores 1-5 separated by ';' "
                          f"({'; '.join(INDICATORS)})")
    return values


def _read_table(source: str | Path | pd.DataFrame) -> tuple[pd.DataFrame, str]:
    if isinstance(source, pd.DataFrame):
        table, name = source.copy(), "mapping DataFrame"
    else:
        path = Path(source)
        if not path.is_file():
            raise ConfigError(f"uncertainty mapping {path}: no such file")
        table, name = pd.read_csv(path, dtype=str, keep_default_na=False, skipinitialspace=True), str(path)
    table.columns = [str(c).strip().lower() for c in table.columns]
    missing = [c for c in MAPPING_COLUMNS[:5] if c not in table.columns]
    if missing:
        raise ConfigError(f"uncertainty mapping {name}: missing column(s) {', '.join(missing)} "
                          f"(expected {', '.join(MAPPING_COLUMNS)})")
    if "source" not in table.columns:
        table["source"] = ""
    table = table[MAPPING_COLUMNS].astype(str).apply(lambda c: c.str.strip())
    table["kind"] = table["kind"].str.lower()
    bad = table.loc[~table["kind"].isin(KINDS), "kind"].unique()
    if len(bad):
        raise ConfigError(f"uncertainty mapping {name}: unknown kind(s) {', '.join(bad)} (expected {', '.join(KINDS)})")
    return table, name


def _merge_key(table: pd.DataFrame) -> pd.Series:
    key = table["key"].str.lower()
    return table["kind"] + "|" + key + "|" + table["score"].where(table["kind"] == "indicator", "")


def load_mapping(source: str | Path | pd.DataFrame | Mapping | None = None) -> Mapping:
    """The uncertainty mapping: ``carbon/data/uncertainty.csv``, with the rows of ``source`` (a CSV
    path or a DataFrame with columns kind, key, score, value, measure, source) replacing the shipped
    rows of the same kind and key (and score, for indicators) and adding new ones.

    Raises ConfigError when a value cannot be used or a required row is missing (all 25 indicator
    scores, ``basic,default``, ``factor_method,default``, ``default,activity``), and when a basic
    uncertainty is zero: a record's activity uncertainty is never zero.
    """
    if isinstance(source, Mapping):
        return source
    table, name = _read_table(DEFAULT_MAPPING)
    if source is not None:
        extra, name = _read_table(source)
        table = pd.concat([table, extra], ignore_index=True)
        table = table.loc[~_merge_key(table).duplicated(keep="last")]
    indicator = {n: np.full(5, np.nan) for n in INDICATORS}
    basic: dict[str, float] = {}
    factor_method: dict[str, float] = {}
    factor_set: dict[str, float] = {}
    labels: dict[str, tuple[int, ...]] = {}
    default_scores: tuple[int, ...] | None = None
    sources: dict[tuple[str, str], str] = {}
    for row in table.itertuples(index=False):
        where = f"uncertainty mapping {name}, row {row.kind},{row.key},{row.score}"
        key = row.key.lower()
        measure = row.measure.lower()
        sources[(row.kind, key if row.kind != "indicator" else f"{key}:{row.score}")] = row.source
        if row.kind in ("label", "default"):
            scores = _scores(row.score, where)
            if row.kind == "label":
                labels[key] = scores
            else:
                default_scores = scores
            continue
        try:
            value = float(row.value)
        except ValueError:
            raise ConfigError(f"{where}: value '{row.value}' is not a number") from None
        sigma = _sigma(value, measure, where)
        if row.kind == "indicator":
            if key not in indicator:
                raise ConfigError(f"{where}: indicator '{row.key}' is not one of {', '.join(INDICATORS)}")
            if row.score not in ("1", "2", "3", "4", "5"):
                raise ConfigError(f"{where}: an indicator row needs a score 1-5, not '{row.score}'")
            indicator[key][int(row.score) - 1] = sigma
        elif row.kind == "basic":
            if not sigma > 0:
                raise ConfigError(f"{where}: a basic uncertainty must be more than zero (gsd2 > 1): "
                                  "a record's activity uncertainty is never zero")
            basic[key] = sigma
        elif row.kind == "factor_method":
            factor_method[key] = sigma
        else:
            factor_set[key] = sigma
    for n, values in indicator.items():
        if np.isnan(values).any():
            raise ConfigError(f"uncertainty mapping {name}: indicator '{n}' needs rows for scores 1 to 5")
    if "default" not in basic or "default" not in factor_method or default_scores is None:
        raise ConfigError(f"uncertainty mapping {name}: rows 'basic,default', 'factor_method,default' and "
                          "'default,activity' are required")
    return Mapping(indicator, basic, factor_method, factor_set, labels, default_scores, sources,
                   str(DEFAULT_MAPPING) if source is None else f"{DEFAULT_MAPPING} + {name}")


# ------------------------------------------------------------------------------ per-record sigmas
_text = text  # strings, blanks for missing values (worked out per distinct value)


def _methods(ledger: pd.DataFrame) -> np.ndarray:
    if "method" not in ledger.columns:
        return np.full(len(ledger), "default", dtype=object)
    return per_distinct(ledger["method"], _method_name)


def _method_name(value) -> str:
    m = re.sub(r"\s*\(inferred\)\s*$", "", "" if value is None else str(value).strip().lower()).strip()
    m = m.replace("_", "-").replace(" ", "-")
    return m or "default"


def _bad_scores(ledger: pd.DataFrame, mask: np.ndarray, column: str, text: pd.Series) -> CarbonError:
    ids = ledger["record_id"].to_numpy()[mask] if "record_id" in ledger.columns else np.flatnonzero(mask)
    shown = ", ".join(f"'{i}' ({column} = {v!r})" for i, v in zip(ids[:10], text.to_numpy()[mask][:10]))
    more = f" and {mask.sum() - 10} more" if mask.sum() > 10 else ""
    return CarbonError(f"data-quality score must be a whole number 1 to 5 (or blank): {shown}{more}")


def activity_uncertainty(ledger: pd.DataFrame, mapping: Mapping | None = None) -> pd.DataFrame:
    """Per ledger row: the five indicator scores used, where they came from (``quality_basis``:
    ``indicators``, ``score``, ``label``, ``default`` or a mix joined by ``+``), the method and
    ``sigma_activity`` (standard deviation of ln A, always more than zero).

    Raises CarbonError naming the records whose ``dq_*`` or numeric ``data_quality`` is not a whole
    number 1-5."""
    mapping = load_mapping(mapping)
    n = len(ledger)
    scores = np.full((n, 5), np.nan)
    from_columns = np.zeros(n, dtype=int)
    for j, column in enumerate(DQ_COLUMNS):
        if column not in ledger.columns:
            continue
        value = per_distinct(ledger[column], _score, dtype="float64")  # NaN: blank; inf: not a score
        bad = np.isinf(value)
        if bad.any():
            raise _bad_scores(ledger, bad, column, _text(ledger[column]))
        ok = ~np.isnan(value)
        scores[ok, j] = value[ok]
        from_columns += ok
    if "data_quality" in ledger.columns:
        codes, uniques = pd.factorize(ledger["data_quality"], use_na_sentinel=True)
        read = [_quality(v, mapping) for v in uniques.tolist()] + [_quality(None, mapping)]
    else:
        codes, read = np.zeros(n, dtype=np.int64), [_quality(None, mapping)]
    number_of = np.array([r[0] for r in read], dtype="float64")
    kind_of = np.array([r[1] for r in read], dtype=np.int8)  # 0 none, 1 number, 2 PCAF score, 3 label
    given_of = np.array([r[2] for r in read], dtype="float64").reshape(len(read), 5)
    number, kind = number_of[codes], kind_of[codes]
    bad = (kind == 1) & ~np.isin(number, [1.0, 2.0, 3.0, 4.0, 5.0])
    if bad.any():
        raise _bad_scores(ledger, bad, "data_quality", _text(ledger["data_quality"]).str.lower())
    is_number = (kind == 1) | (kind == 2)
    from_quality = given_of[codes]
    missing = np.isnan(scores)
    scores = np.where(missing, from_quality, scores)
    filled = (missing & ~np.isnan(from_quality)).any(axis=1)
    still = np.isnan(scores)
    scores = np.where(still, np.array(mapping.default_scores, dtype="float64")[None, :], scores)
    uses_default = still.any(axis=1)
    # where the scores came from: indicators (dq_* columns), score / label (data_quality), default
    pattern = ["", "default", "?", "?+default", "indicators", "indicators+default", "indicators+?",
               "indicators+?+default"]
    names = np.array([p.replace("?", "label") for p in pattern] + [p.replace("?", "score") for p in pattern],
                     dtype=object)
    basis = names[4 * (from_columns > 0) + 2 * filled + uses_default + 8 * is_number]
    int_scores = scores.astype(int)
    methods = _methods(ledger)
    basic = pd.Series(methods, dtype=object).map(mapping.basic).fillna(mapping.basic["default"]).to_numpy(dtype="float64")
    sigma = np.sqrt(basic ** 2 + mapping.indicator_sigma2(int_scores))
    out = pd.DataFrame(int_scores, columns=list(DQ_COLUMNS), index=ledger.index)
    out.insert(0, "quality_basis", basis)
    out["method"] = methods
    out["sigma_activity"] = sigma
    return out


def _score(value) -> float:
    """A dq_* cell as a score 1-5; NaN when blank, inf when it is not a whole number 1 to 5."""
    shown = "" if value is None else str(value).strip()
    if shown == "" or (isinstance(value, float) and math.isnan(value)):
        return math.nan
    try:
        number = float(shown) if "_" not in shown else math.inf
    except ValueError:
        return math.inf
    return number if number in (1.0, 2.0, 3.0, 4.0, 5.0) else math.inf


def _quality(value, mapping: Mapping) -> tuple[float, int, tuple]:
    """A data_quality cell read once: (number, kind, the five scores it gives). Kind 1: a number
    (a score 1-5 for all five indicators; any other number is refused); 2: a PCAF score, as financed
    emissions carry it ("PCAF score N (option ...)"), standing for all five indicators (PCAF Global
    Standard Part A, Table 5.3: 1 best, 5 worst); 3: a label of the mapping; 0: blank or unknown."""
    blank = (math.nan,) * 5
    shown = "" if value is None or (isinstance(value, float) and math.isnan(value)) else str(value).strip().lower()
    if shown == "":
        return math.nan, 0, blank
    try:
        number = float(shown) if "_" not in shown else math.nan
    except ValueError:
        number = math.nan
    if not math.isnan(number):
        return number, 1, (number,) * 5
    pcaf = re.match(r"^pcaf score (\d)", shown)
    if pcaf and 1 <= int(pcaf[1]) <= 5:
        return float(pcaf[1]), 2, (float(pcaf[1]),) * 5
    if shown in mapping.labels:
        return math.nan, 3, tuple(float(x) for x in mapping.labels[shown])
    return math.nan, 0, blank


def _factor_ids(ledger: pd.DataFrame) -> np.ndarray:
    if "factor_set" not in ledger.columns:
        return np.full(len(ledger), "", dtype=object)
    return per_combination(ledger, ["factor_set", "factor_file", "factor_rows"],
                           lambda fset, ffile, frows: f"{fset}|{ffile}|{frows}" if fset or ffile else "")


def _market_factor_id(basis: str, region: str, year: str) -> str:
    """The factor a Scope 2 record's market-based figure drew on: a residual mix (per region and year)
    or a supplier rate (per basis); blank for the grid average (the location-based factor)."""
    parts = basis.split(";")
    if basis == "" or "grid_average" in parts:
        return ""
    if "residual_mix" in parts:
        return f"residual_mix|{region}|{year}"
    return f"supplier_rate|{basis}|"


def _stem(files: str) -> str:
    first = files.split(";")[0].strip()
    return Path(first).stem if first else ""


def _factor_sigma(fid: str, method: str, mapping: Mapping, override, column_rsd: float) -> tuple[float, str]:
    """sigma of ln F for one factor id, and where it came from."""
    if not math.isnan(column_rsd):
        return _sigma(column_rsd, "rsd", f"factor {fid}: uncertainty column"), "ledger factor_uncertainty column"
    fset, ffile, _ = (fid.split("|") + ["", ""])[:3]
    keys = [fid, f"{fset}/{_stem(ffile)}".lower(), fset.lower()]
    if isinstance(override, (int, float)):
        return _sigma(float(override), "rsd", "factor_uncertainty"), "factor_uncertainty argument"
    if override:
        lowered = {str(k).lower(): v for k, v in override.items()}
        for key in keys:
            if key.lower() in lowered:
                return _sigma(float(lowered[key.lower()]), "rsd", f"factor_uncertainty[{key!r}]"), \
                    f"factor_uncertainty[{key!r}]"
    for key in keys[1:]:
        if key in mapping.factor_set:
            return mapping.factor_set[key], f"factor_set,{key}"
    if method in mapping.factor_method:
        return mapping.factor_method[method], f"factor_method,{method}"
    return mapping.factor_method["default"], "factor_method,default"


# ------------------------------------------------------------------------------------ the result
@dataclass
class MonteCarlo:
    """The draws of a Monte Carlo run, summed into cells.

    ``cells``: one row per (year, scope, category, basis) with ``point`` (the ledger's tCO2e); basis is
    ``tco2e`` for Scopes 1 and 3 and ``location`` / ``market`` for Scope 2. ``samples``: (draws, cells)
    tCO2e. ``records``: per ledger row the scores, ``sigma_activity``, ``factor_id`` and
    ``sigma_factor`` used. ``factors``: per factor id its sigma, relative standard deviation, the
    mapping row it came from and how many records share it.
    """

    draws: int
    seed: int
    distribution: str
    center: str
    correlated: bool
    aggregated: bool
    scope2_method: str
    cells: pd.DataFrame
    samples: np.ndarray
    records: pd.DataFrame
    factors: pd.DataFrame
    mapping: str = ""

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.cells["year"].unique())

    def _mask(self, year: int, scopes, scope2_method: str | None, categories=None, exclude=()) -> np.ndarray:
        method = scope2_method or self.scope2_method
        c = self.cells
        mask = (c["year"].to_numpy() == year) & c["scope"].isin(list(scopes)).to_numpy()
        mask &= (c["scope"].to_numpy() != 2) | (c["basis"].to_numpy() == method)
        if categories is not None:
            mask &= c["category"].isin([str(x) for x in categories]).to_numpy()
        if exclude:
            mask &= ~((c["scope"].to_numpy() == 3) & c["category"].isin([str(x) for x in exclude]).to_numpy())
        return mask

    def total(self, year: int, scopes=(1, 2, 3), scope2_method: str | None = None, categories=None,
              exclude_categories=()) -> np.ndarray:
        """tCO2e per draw of ``scopes`` in ``year`` (Scope 2 by ``scope2_method``, default the run's),
        optionally only some ``categories`` or without some Scope 3 ``exclude_categories`` (codes)."""
        mask = self._mask(int(year), scopes, scope2_method, categories, exclude_categories)
        return self.samples[:, mask].sum(axis=1) if mask.any() else np.zeros(self.draws)

    def point(self, year: int, scopes=(1, 2, 3), scope2_method: str | None = None) -> float:
        return float(self.cells.loc[self._mask(int(year), scopes, scope2_method), "point"].sum())

    def interval(self, year: int, scopes=(1, 2, 3), level: float = 0.95, scope2_method: str | None = None) -> list[float]:
        """[low, high]: the central ``level`` interval (percentiles) of the draws."""
        values = self.total(year, scopes, scope2_method)
        tail = (1.0 - level) / 2.0 * 100.0
        low, high = np.percentile(values, [tail, 100.0 - tail])
        return [float(low), float(high)]

    def intervals(self, level: float = 0.95) -> dict[int, dict[str, list[float]]]:
        """Per year: the ``level`` interval of scope1, scope2 (the run's Scope 2 method), scope3, total."""
        parts = {"scope1": (1,), "scope2": (2,), "scope3": (3,), "total": (1, 2, 3)}
        return {y: {name: self.interval(y, scopes, level) for name, scopes in parts.items()} for y in self.years}

    def probability_met(self, target: dict) -> float | None:
        """Share of draws in which ``target`` (a dict of report.json ``targets``) is met in its latest
        year, base and latest year taken from the same draw. Absolute: 1 - latest/base >= reduction;
        intensity: the same on emissions per unit of the metric; neutrality: gross - credits <= 0.
        A base-year recalculation shifts every draw's base by the same tonnes (base_tco2e -
        original_base_tco2e). None when the target cannot be evaluated (no latest year, no base data,
        no metric)."""
        latest_year = target.get("latest_year")
        if latest_year is None:
            return None
        scopes = target["scopes"]
        method = target.get("scope2_method") or self.scope2_method
        excluded = [str(c).split(".", 1)[1] for c in target.get("excluded_categories") or []]
        latest = self.total(latest_year, scopes, method, exclude_categories=excluded)
        if target.get("kind") == "neutrality":
            credits = target.get("latest_credits_tco2e") or 0.0
            return float(np.mean(latest - credits <= 0))
        base_total, original = target.get("base_tco2e"), target.get("original_base_tco2e")
        if base_total is None or not base_total > 0 or target.get("status") in ("no_base_data", "no_metric_data"):
            return None
        base = self.total(target["base_year"], scopes, method) + (base_total - (original if original is not None
                                                                                 else base_total))
        if target.get("kind") == "intensity":
            at_base, at_latest = target.get("base_metric"), target.get("latest_metric")
            if not at_base or not at_latest:
                return None
            base, latest = base / at_base, latest / at_latest
        with np.errstate(divide="ignore", invalid="ignore"):
            reduction = 1.0 - latest / base
        met = (base > 0) & (reduction >= target["target_reduction"] - _EPS)
        return float(np.mean(met))


# ------------------------------------------------------------------------------------ the draws
def monte_carlo(ledger: pd.DataFrame, draws: int = 10_000, seed: int = 0,
                mapping: str | Path | pd.DataFrame | Mapping | None = None,
                factor_uncertainty: float | dict[str, float] | None = None, *,
                distribution: str = "lognormal", center: str = "median", correlated: bool = True,
                scope2_method: str | None = None, aggregate: bool | None = None) -> MonteCarlo:
    """Propagate activity and emission-factor uncertainty through ``ledger`` (see the module doc).

    ``mapping``: a CSV path or DataFrame overriding rows of ``carbon/data/uncertainty.csv``.
    ``factor_uncertainty``: a relative standard deviation for every factor (a number), or per factor
    (keys: a factor id ``set|file|rows``, ``set/file-stem`` or ``set``), taking precedence over the
    mapping. ``distribution``: ``lognormal`` (default) or ``normal``; ``center``: the ledger value is
    the ``median`` (default) or the ``mean`` of each record's distribution. ``correlated=False`` draws
    each record's factor independently (for comparison; the default shares one draw per factor).
    ``scope2_method``: which Scope 2 basis the totals follow (default: detected from the ledger).
    ``aggregate``: draw each cell's activity terms pooled, given the factor draws (default: only above
    ``EXACT_LIMIT`` draws x records). Returns a :class:`MonteCarlo`.
    """
    if distribution not in ("lognormal", "normal"):
        raise ValueError(f"distribution must be 'lognormal' or 'normal', not {distribution!r}")
    if center not in ("median", "mean"):
        raise ValueError(f"center must be 'median' or 'mean', not {center!r}")
    draws = int(draws)
    if draws < 1:
        raise ValueError("draws must be at least 1")
    table = load_mapping(mapping)
    ledger = ledger.copy(deep=False)
    ledger.attrs = {}  # else every pandas operation deep-copies the ledger's instrument list
    if "record_id" in ledger.columns:  # the draws do not depend on the order of the rows
        ledger = ledger.sort_values("record_id", kind="stable")
    ledger = ledger.reset_index(drop=True)
    n = len(ledger)
    s2_method = scope2_method or _detect_scope2_method(ledger)
    activity = activity_uncertainty(ledger, table)
    methods = activity["method"].to_numpy()
    sigma_a = activity["sigma_activity"].to_numpy(dtype="float64")

    # factors: one id per record, and the market-based id of Scope 2 records
    fid = _factor_ids(ledger)
    scope = ledger["scope"].to_numpy().astype(int)
    is_s2 = scope == 2
    market_fid = fid.copy()
    if "market_basis" in ledger.columns and is_s2.any():
        own_id = per_combination(ledger, ["market_basis", "region", "year"], _market_factor_id)
        market_fid = np.where(is_s2 & (own_id != ""), own_id, fid).astype(object)
    column_rsd = pd.to_numeric(ledger["factor_uncertainty"], errors="coerce").to_numpy(dtype="float64") \
        if "factor_uncertainty" in ledger.columns else np.full(n, np.nan)
    # who uses each factor: every record by its own id, Scope 2 records also by their market id
    users = pd.DataFrame({"fid": np.concatenate([fid, market_fid[is_s2 & (market_fid != fid)]]),
                          "method": np.concatenate([methods, methods[is_s2 & (market_fid != fid)]]),
                          "rsd": np.concatenate([column_rsd, column_rsd[is_s2 & (market_fid != fid)]])})
    users = users[users["fid"] != ""]
    per_factor = users.groupby("fid", sort=True).agg(records=("method", "size"), rsd=("rsd", "max"))
    all_ids = list(per_factor.index)
    pairs = users.drop_duplicates(["fid", "method"]).sort_values(["fid", "method"])
    best: dict[str, tuple[float, str]] = {}
    for f, m in zip(pairs["fid"], pairs["method"]):  # one look-up per (factor, method): the larger sigma wins
        if f.startswith(("residual_mix|", "supplier_rate|")):
            key = f.split("|")[0]
            fallback = "supplier-specific" if key == "supplier_rate" else "average-data"
            found = (table.factor_set[key], f"factor_set,{key}") if key in table.factor_set else \
                (table.factor_method.get(fallback, table.factor_method["default"]), f"factor_method,{fallback}")
        else:
            found = _factor_sigma(f, m, table, factor_uncertainty, float(per_factor.at[f, "rsd"]))
        best[f] = max(best.get(f, found), found)
    sigma_f = np.zeros(len(all_ids) + 1)  # the last slot: no factor (direct emissions)
    factor_rows = []
    for k, (f, count) in enumerate(zip(all_ids, per_factor["records"])):
        sig, src = best[f]
        sigma_f[k] = sig
        factor_rows.append({"factor_id": f, "sigma": sig, "rsd": math.sqrt(math.expm1(sig * sig)),
                            "source": src, "records": int(count)})
    none = len(all_ids)
    code = pd.Series(np.arange(none), index=pd.Index(all_ids, dtype=object))
    f_loc = pd.Series(fid, dtype=object).map(code).fillna(none).to_numpy(dtype=np.int64)
    f_mkt = pd.Series(market_fid, dtype=object).map(code).fillna(none).to_numpy(dtype=np.int64)

    # items: one per record (Scopes 1, 3), two per Scope 2 record (location, market)
    values = ledger["tco2e"].to_numpy(dtype="float64")
    loc = ledger["tco2e_location"].to_numpy(dtype="float64") if "tco2e_location" in ledger.columns else values
    mkt = ledger["tco2e_market"].to_numpy(dtype="float64") if "tco2e_market" in ledger.columns else values
    rec_idx = np.arange(n)
    s13 = ~is_s2
    s2i = np.flatnonzero(is_s2)
    item_rec = np.concatenate([rec_idx[s13], s2i, s2i])
    item_val = np.concatenate([values[s13], loc[s2i], mkt[s2i]])
    item_fac = np.concatenate([f_loc[s13], f_loc[s2i], f_mkt[s2i]])
    item_basis = np.concatenate([np.full(int(s13.sum()), "tco2e", dtype=object), np.full(len(s2i), "location", dtype=object),
                                 np.full(len(s2i), "market", dtype=object)])
    years = ledger["year"].to_numpy().astype(int)
    cats = _text(ledger["category"]).to_numpy() if "category" in ledger.columns else np.full(n, "", dtype=object)
    keys = pd.DataFrame({"year": years[item_rec], "scope": scope[item_rec], "category": cats[item_rec],
                         "basis": item_basis})
    cell_code = keys.groupby(["year", "scope", "category", "basis"], sort=True).ngroup().to_numpy()
    cells = keys.drop_duplicates().sort_values(["year", "scope", "category", "basis"]).reset_index(drop=True)
    cells["point"] = np.bincount(cell_code, weights=item_val, minlength=len(cells))

    exact = (not aggregate) if aggregate is not None else (draws * max(n, 1) <= EXACT_LIMIT)
    if not correlated:  # every record its own factor draw: fold the factor into the record's sigma
        sig_rec = np.sqrt(sigma_a ** 2 + np.where(f_loc < none, sigma_f[f_loc], 0.0) ** 2)
        sig_rec_mkt = np.sqrt(sigma_a ** 2 + np.where(f_mkt < none, sigma_f[f_mkt], 0.0) ** 2)
        item_sig = np.concatenate([sig_rec[s13], sig_rec[s2i], sig_rec_mkt[s2i]])
        item_fac = np.full(len(item_rec), none)  # location and market of one record still share their draw
    else:
        item_sig = sigma_a[item_rec]
    rng = np.random.default_rng(seed)
    samples = np.zeros((draws, len(cells)))
    if len(item_rec):
        if exact:
            _draw_exact(rng, samples, item_val, item_rec, item_sig, item_fac, sigma_f if correlated else
                        np.zeros(none + 1), cell_code, n, none + 1, distribution, center, correlated)
        else:
            _draw_pooled(rng, samples, item_val, item_sig, item_fac, sigma_f if correlated else np.zeros(none + 1),
                         cell_code, none + 1, distribution, center)
    records = pd.DataFrame({"record_id": ledger["record_id"].to_numpy() if "record_id" in ledger.columns else rec_idx,
                            "year": years, "scope": scope, "category": cats})
    records = pd.concat([records, activity.reset_index(drop=True)], axis=1)
    records["factor_id"] = fid
    records["sigma_factor"] = np.where(f_loc < none, sigma_f[f_loc], 0.0)
    return MonteCarlo(draws=draws, seed=seed, distribution=distribution, center=center, correlated=correlated,
                      aggregated=not exact, scope2_method=s2_method, cells=cells, samples=samples,
                      records=records, factors=pd.DataFrame(factor_rows, columns=["factor_id", "sigma", "rsd",
                                                                                  "source", "records"]),
                      mapping=table.path)


def _relative_sd(sigma: np.ndarray) -> np.ndarray:
    return np.sqrt(np.expm1(sigma * sigma))


def _draw_exact(rng, samples, val, rec, sig, fac, sigma_f, cell_code, n_records, n_factors, distribution, center,
                correlated) -> None:
    """Every record drawn: chunks of draws x items, summed into cells with one reduceat per chunk."""
    order = np.argsort(cell_code, kind="stable")
    val, rec, sig, fac, cell_code = val[order], rec[order], sig[order], fac[order], cell_code[order]
    starts = np.flatnonzero(np.r_[True, cell_code[1:] != cell_code[:-1]])
    cells_here = cell_code[starts]
    fsig = sigma_f[fac]
    if distribution == "lognormal":
        shift = -(sig ** 2 + fsig ** 2) / 2.0 if center == "mean" else np.zeros(len(val))
    else:
        rel_a, rel_f = _relative_sd(sig), _relative_sd(fsig)
    chunk = max(1, min(samples.shape[0], _CHUNK_NUMBERS // max(n_records + n_factors + len(val), 1)))
    for lo in range(0, samples.shape[0], chunk):
        b = min(chunk, samples.shape[0] - lo)
        za = rng.standard_normal((b, n_records))
        zf = rng.standard_normal((b, n_factors)) if correlated else np.zeros((b, n_factors))
        if distribution == "lognormal":
            contrib = val * np.exp(za[:, rec] * sig + zf[:, fac] * fsig + shift)
        else:
            contrib = val * (1.0 + za[:, rec] * rel_a + zf[:, fac] * rel_f)
        samples[lo:lo + b, cells_here] = np.add.reduceat(contrib, starts, axis=1)


def _draw_pooled(rng, samples, val, sig, fac, sigma_f, cell_code, n_factors, distribution, center) -> None:
    """Large ledgers: the factors are drawn (one per factor, as always); given them, each cell's sum of
    independent activity terms is drawn as one variable with its exact conditional mean and variance::

        mean_c = sum_k F_k m_ck,  var_c = sum_k F_k^2 v_ck

    (m_ck, v_ck: mean and variance of the activity-weighted tonnes of cell c on factor k), lognormal
    by moment matching (Fenton-Wilkinson) or normal. Positive and negative tonnes are pooled apart.
    Cost: draws x (factors + cells) random numbers and two matrix products per chunk."""
    n_cells = samples.shape[1]
    keep = val != 0
    val, sig, fac, cell_code = val[keep], sig[keep], fac[keep], cell_code[keep]
    column = cell_code * 2 + (val < 0)
    a = np.abs(val)
    if distribution == "lognormal":
        s2 = sig ** 2
        mean_i = a * np.exp(s2 / 2.0) if center == "median" else a
        var_i = mean_i ** 2 * np.expm1(s2)
    else:
        mean_i, var_i = a, (a * _relative_sd(sig)) ** 2
    size = n_factors * n_cells * 2
    flat = fac * (n_cells * 2) + column
    means = np.bincount(flat, weights=mean_i, minlength=size).reshape(n_factors, n_cells * 2)
    variances = np.bincount(flat, weights=var_i, minlength=size).reshape(n_factors, n_cells * 2)
    used = np.flatnonzero(means.any(axis=0))
    means, variances = means[:, used], variances[:, used]
    cells_of, sign_of = used // 2, np.where(used % 2 == 1, -1.0, 1.0)
    positive, negative = sign_of > 0, sign_of < 0
    fshift = -sigma_f ** 2 / 2.0 if center == "mean" else np.zeros(n_factors)
    rel_f = _relative_sd(sigma_f)
    chunk = max(1, min(samples.shape[0], _CHUNK_NUMBERS // max(n_factors + len(used), 1)))
    for lo in range(0, samples.shape[0], chunk):
        b = min(chunk, samples.shape[0] - lo)
        zf = rng.standard_normal((b, n_factors))
        factor = np.exp(zf * sigma_f + fshift) if distribution == "lognormal" else 1.0 + zf * rel_f
        mean = factor @ means
        var = (factor * factor) @ variances
        z = rng.standard_normal((b, len(used)))
        if distribution == "lognormal":
            s2 = np.log1p(var / (mean * mean))
            draws = mean * np.exp(np.sqrt(s2) * z - s2 / 2.0)
        else:
            draws = mean + np.sqrt(var) * z
        draws *= sign_of
        samples[lo:lo + b, cells_of[positive]] += draws[:, positive]
        samples[lo:lo + b, cells_of[negative]] += draws[:, negative]


# ---------------------------------------------------------------------------------- the report
def add_uncertainty(report: dict, ledger: pd.DataFrame, draws: int = 10_000, seed: int = 0,
                    mapping: str | Path | pd.DataFrame | Mapping | None = None, **options) -> None:
    """Add the Monte Carlo results to a report dict built by ``carbon.build_report`` (in place):

    - ``years[Y]["interval95"] = {"scope1": [low, high], "scope2": [...], "scope3": [...], "total": [...]}``
      (2.5th and 97.5th percentiles of the draws; Scope 2 and total by the report's scope2_method);
    - ``targets[i]["probability_met"]``: share of draws meeting the target in its latest year (None
      when the target has no base data or metric);
    - ``uncertainty``: how the numbers were made (draws, seed, distribution, center, correlation,
      mapping file, records on the default data quality, factors drawn).

    ``options`` go to :func:`monte_carlo` (``factor_uncertainty``, ``distribution``, ``center``, ...).
    """
    options.setdefault("scope2_method", report.get("scope2_method"))
    mc = monte_carlo(ledger, draws=draws, seed=seed, mapping=mapping, **options)
    intervals = mc.intervals(0.95)
    for year, values in report.get("years", {}).items():
        if int(year) in intervals:
            values["interval95"] = intervals[int(year)]
    for target in report.get("targets", []):
        target["probability_met"] = mc.probability_met(target)
    basis = mc.records["quality_basis"].astype(str)
    report["uncertainty"] = {
        "method": "Monte Carlo (GHG Protocol Quantitative Inventory Uncertainty; IPCC 2006 Vol. 1 ch. 3 Approach 2)",
        "draws": mc.draws, "seed": mc.seed, "distribution": mc.distribution, "center": mc.center,
        "correlation": "one draw per emission factor (factor_set|factor_file|factor_rows), shared by every record "
                       "and year using it" if mc.correlated else "independent draws per record",
        "pooled": mc.aggregated, "interval": 0.95, "mapping": _shown_path(mc.mapping),
        "records_default_quality": int(basis.str.contains("default").sum()),
        "factors_drawn": int(len(mc.factors)),
    }


def _shown_path(text: str) -> str:
    root = str(DEFAULT_MAPPING.parent.parent.parent)
    return re.sub(re.escape(root) + r"[/\\]?", "", text)
