"""Gap filling: propose records for the missing months of monthly activity, for the user to review.

Monthly activity records carry a ``period`` column, ``YYYY-MM`` (its year must be the record's
``year``). A *series* is one stream of monthly activity: the records sharing scope, category, activity,
gas, unit, region, entity and facility. In each year from the series' first to the inventory's last,
a month without a record is a gap: some months of a year missing, or all twelve when a facility that
reported the year before reports nothing (a missing facility).

``carbon fill INVENTORY --method M`` writes the proposed records to a separate CSV (an activity file,
not read until the user moves it into the activities), each flagged ``estimated = M``, with
``data_quality = estimated`` (pedigree reliability 4 "qualified estimate", completeness 3: a wider
uncertainty than measured data, ``carbon/data/uncertainty.csv``) and ``notes`` saying how it was made:

- ``prior_year``: the quantity of the same month of the year before;
- ``other_months``: the mean of the months the series has in the same year;
- ``intensity``: the same month of the year before scaled by a metric of metrics.csv
  (``--metric revenue``): ``q(Y-1, m) / metric(Y-1) x metric(Y)``.

A gap none of these can fill (no record to draw on) is listed on standard error, never invented.
The report's ``years[Y].estimated_share`` is the share of the year's tCO2e from records flagged
``estimated`` (any non-blank value but ``false``, ``no`` or ``0``).
"""

from __future__ import annotations

import math

import pandas as pd

from .errors import CarbonError, Issue
from .tables import FILE, ROW

__all__ = ["propose", "FILL_METHODS", "check_periods", "estimated_mask", "estimated_shares", "add_estimated_shares",
           "FILL_COLUMNS"]

FILL_METHODS = ("prior_year", "other_months", "intensity")
SERIES = ["scope", "category", "activity", "gas", "unit", "region", "entity", "facility"]
FILL_COLUMNS = ["record_id", "year", "period", "scope", "category", "activity", "gas", "quantity", "unit", "region",
                "entity", "facility", "source", "data_quality", "method", "estimated", "notes"]
NOT_ESTIMATED = {"", "false", "no", "0"}


def _periodic(records: pd.DataFrame) -> pd.DataFrame:
    if "period" not in records.columns:
        return records.iloc[0:0].assign(month=pd.Series(dtype="int64"))
    period = records["period"].fillna("").astype(str).str.strip()
    keep = period != ""
    part = records.loc[keep].copy()
    part["month"] = pd.to_numeric(period[keep].str[5:7], errors="coerce")
    return part


def check_periods(records: pd.DataFrame) -> list[Issue]:
    """An Issue for each record whose ``period`` is not ``YYYY-MM`` of its own year."""
    if "period" not in records.columns:
        return []
    period = records["period"].fillna("").astype(str).str.strip()
    given = period != ""
    form = period.str.fullmatch(r"\d{4}-(0[1-9]|1[0-2])")
    bad_form = given & ~form
    other_year = given & form & (period.str[:4] != records["year"].astype(str))
    issues = [Issue(f, int(r), i, "period", p, "a month YYYY-MM, e.g. 2024-03 (or blank for an annual record)")
              for f, r, i, p in zip(records.loc[bad_form, FILE], records.loc[bad_form, ROW],
                                    records.loc[bad_form, "record_id"], period[bad_form])]
    issues += [Issue(f, int(r), i, "period", p, f"a month of the record's year {y} (period and year disagree)")
               for f, r, i, p, y in zip(records.loc[other_year, FILE], records.loc[other_year, ROW],
                                        records.loc[other_year, "record_id"], period[other_year],
                                        records.loc[other_year, "year"])]
    dup = given & form & records.duplicated(SERIES + ["period"], keep="first") if set(SERIES) <= set(records.columns) \
        else pd.Series(False, index=records.index)
    issues += [Issue(f, int(r), i, "period", p, "one record per month of a series (scope, category, activity, gas, "
                                                 "unit, region, entity, facility); this month is already recorded")
               for f, r, i, p in zip(records.loc[dup, FILE], records.loc[dup, ROW], records.loc[dup, "record_id"],
                                     period[dup])]
    return issues


def estimated_mask(records: pd.DataFrame) -> pd.Series:
    if "estimated" not in records.columns:
        return pd.Series(False, index=records.index)
    return ~records["estimated"].fillna("").astype(str).str.strip().str.lower().isin(NOT_ESTIMATED)


def propose(records: pd.DataFrame, method: str, last_year: int | None = None,
            metrics: dict | None = None, metric: str | None = None) -> tuple[pd.DataFrame, list[str]]:
    """(proposed records, ``FILL_COLUMNS``; the gaps that could not be filled, as sentences)."""
    if method not in FILL_METHODS:
        raise CarbonError(f"--method {method!r}: expected one of {', '.join(FILL_METHODS)}")
    if method == "intensity":
        if not metric:
            raise CarbonError("--method intensity needs --metric NAME, a metric of metrics.csv (e.g. revenue)")
        metric = metric.lower()
        if not any(k[0] == metric for k in (metrics or {})):
            known = sorted({k[0] for k in (metrics or {})})
            raise CarbonError(f"--metric {metric!r}: metrics.csv has no such metric (it has: "
                              f"{', '.join(known) or 'none'})")
    part = _periodic(records)
    if part.empty:
        return pd.DataFrame(columns=FILL_COLUMNS), []
    part = part.assign(**{c: part[c].fillna("").astype(str) for c in SERIES if c not in ("scope",)})
    last = int(last_year if last_year is not None else part["year"].max())
    key = part[SERIES].astype(str).agg("|".join, axis=1)
    part = part.assign(_series=key)
    have = part.set_index(["_series", "year", "month"])["quantity"]
    have = have[~have.index.duplicated()]
    source_id = part.set_index(["_series", "year", "month"])["record_id"]
    source_id = source_id[~source_id.index.duplicated()]
    rows, unfilled = [], []
    for series, group in part.groupby("_series", sort=True):
        first = int(group["year"].min())
        years_with = set(group["year"].astype(int))
        sample = group.iloc[0]
        for year in range(first, last + 1):
            if year not in years_with and (year - 1) not in years_with:
                continue  # neither this year nor the one before: not a gap of this series
            present = set(group.loc[group["year"] == year, "month"].astype(int))
            for month in range(1, 13):
                if month in present:
                    continue
                value, how = _estimate(method, have, source_id, series, year, month, present, metrics, metric)
                where = f"{sample['facility'] or sample['entity'] or '(no facility)'} {sample['activity'] or sample['gas']} " \
                        f"{year}-{month:02d}"
                if value is None:
                    unfilled.append(f"{where}: {how}")
                    continue
                rows.append({"record_id": f"FILL-{method}-{_slug(series)}-{year}-{month:02d}", "year": year,
                             "period": f"{year}-{month:02d}", "scope": int(sample["scope"]),
                             "category": sample["category"], "activity": sample["activity"], "gas": sample["gas"],
                             "quantity": value, "unit": sample["unit"], "region": sample["region"],
                             "entity": sample["entity"], "facility": sample["facility"],
                             "source": f"carbon fill --method {method}", "data_quality": "estimated",
                             "method": str(sample.get("method", "")).replace(" (inferred)", ""),
                             "estimated": method, "notes": f"ESTIMATED, review before use: {how}"})
    out = pd.DataFrame(rows, columns=FILL_COLUMNS)
    return out, unfilled


def _estimate(method, have, source_id, series, year, month, present, metrics, metric):
    if method == "other_months":
        if not present:
            return None, f"no month of {year} recorded to average"
        values = [float(have[(series, year, m)]) for m in sorted(present)]
        ids = [str(source_id[(series, year, m)]) for m in sorted(present)]
        mean = math.fsum(values) / len(values)
        return mean, f"mean of the {len(values)} recorded month(s) of {year} ({', '.join(ids[:6])}{' ...' if len(ids) > 6 else ''})"
    prior = (series, year - 1, month)
    if prior not in have.index:
        return None, f"no record for {year - 1}-{month:02d} to draw on"
    q = float(have[prior])
    rid = str(source_id[prior])
    if method == "prior_year":
        return q, f"same month of {year - 1} ({rid}, {q:g})"
    before, now = (metrics or {}).get((metric, year - 1)), (metrics or {}).get((metric, year))
    if before is None or now is None:
        return None, f"metric {metric} needs values for {year - 1} and {year} in metrics.csv"
    return q / before * now, (f"same month of {year - 1} ({rid}, {q:g}) / {metric} {year - 1} ({before:g}) "
                              f"x {metric} {year} ({now:g})")


def _slug(series: str) -> str:
    text = "".join(ch if ch.isalnum() else "-" for ch in series.split("|", 2)[-1]).strip("-").lower()
    while "--" in text:
        text = text.replace("--", "-")
    digest = abs(hash_text(series)) % 10_000
    return f"{text[:40]}-{digest:04d}"


def hash_text(text: str) -> int:
    """A stable (not salted) hash, so the record ids of a proposal do not change between runs."""
    import zlib

    return zlib.crc32(text.encode("utf-8"))


def estimated_shares(ledger: pd.DataFrame, records: pd.DataFrame) -> dict[int, float | None]:
    """Per year: tCO2e of the records flagged estimated / all tCO2e of the year (None when zero)."""
    mask = estimated_mask(records)
    ids = set(records.loc[mask, "record_id"])
    flagged = ledger["record_id"].isin(ids).to_numpy()
    out = {}
    for year, group in ledger.assign(_e=flagged).groupby("year"):
        total = float(group["tco2e"].sum())
        part = float(group.loc[group["_e"], "tco2e"].sum())
        out[int(year)] = part / total if total > 0 else None
    return out


def add_estimated_shares(report: dict, ledger: pd.DataFrame, records: pd.DataFrame) -> None:
    """report.json ``years[Y].estimated_share``: a fraction 0-1 (None when the year's total is zero)."""
    shares = estimated_shares(ledger, records)
    for year, values in report["years"].items():
        values["estimated_share"] = shares.get(int(year))

