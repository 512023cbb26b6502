"""The carbon-credit register: ``credits.csv`` validated row by row, serial ranges checked for double
counting, and the credit figures of ESRS E1-7.

Columns: ``credit_id, quantity, unit`` (required); the retirement year as ``year`` or ``retired_on``
(an ISO date, ``2023-03-31``; with both, they must agree: a credit counts in the year it is retired);
the kind as ``type`` or ``removal_or_avoidance`` (``avoidance`` or ``removal``; with both, they must
agree); optionally the register columns ``registry, project_id, project_name, project_type,
methodology, vintage, serial_start, serial_end, retired_on, retired_for, country,
corresponding_adjustment``.

Serials: ``serial_start`` and ``serial_end`` are the first and last serial of the block retired, as the
registry prints them; both end in the block's running number (``VCS-VCU-1234-1001`` to
``VCS-VCU-1234-1500``: prefix ``VCS-VCU-1234-``, numbers 1001 to 1500). One credit is one tonne CO2e,
so the block holds exactly the credit's tonnes. Two blocks of the same registry and prefix that share a
serial are an error naming both rows, whatever their years: that credit would be counted twice.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import Issue
from .tables import FILE, ROW, RowChecks, to_integer

__all__ = ["REGISTER_COLUMNS", "EU_MEMBER_STATES", "check_register", "overlap_issues", "retired_for_issues",
           "credit_figures"]

REGISTER_COLUMNS = ["registry", "project_id", "project_name", "project_type", "methodology", "vintage",
                    "serial_start", "serial_end", "retired_on", "retired_for", "removal_or_avoidance", "country",
                    "corresponding_adjustment"]
CREDIT_TYPES = ("avoidance", "removal")
# The 27 member states of the European Union (since 1 February 2020), ISO 3166-1 alpha-2 codes.
# Greece is GR in ISO 3166 (the EU's own 'EL' is not an ISO code and is refused rather than guessed).
EU_MEMBER_STATES = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE"
                             .split())
_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0"}
_MAX_DIGITS = 18  # running numbers are compared as int64


def check_register(table: pd.DataFrame, flag: RowChecks) -> pd.DataFrame:
    """The parsed register columns of ``table`` (text, one row per credit; missing columns blank):
    ``year`` (Int64, the retirement year), ``type``, ``vintage`` (Int64), ``country`` (upper case),
    ``corresponding_adjustment`` (True / False / <NA> when not stated), ``serial_prefix``,
    ``serial_first``, ``serial_last``. Every bad value is flagged on ``flag``."""
    for column in ("year", "type", *REGISTER_COLUMNS):
        if column not in table.columns:
            table[column] = ""
    out = pd.DataFrame(index=table.index)

    year = to_integer(table["year"])
    retired = pd.to_datetime(table["retired_on"].where(table["retired_on"] != ""), format="%Y-%m-%d", errors="coerce")
    flag((table["retired_on"] != "") & retired.isna(), "retired_on", "the date the credit was retired, as YYYY-MM-DD")
    flag((table["year"] == "") & (table["retired_on"] == ""), "year",
         "the year the credit was retired (column year), or the date (column retired_on)")
    flag((table["year"] != "") & (year.isna() | (year < 1990) | (year > 2100)), "year",
         "the whole-number year the credit was retired, 1990 to 2100")
    retired_year = pd.array(retired.dt.year, dtype="Int64")
    flag(year.notna() & retired.notna() & (year != retired_year), "year",
         "the year of retired_on: a credit counts in the year it is retired (correct one of the two)")
    out["year"] = year.fillna(pd.Series(retired_year, index=table.index))

    kind, named = table["type"].str.lower(), table["removal_or_avoidance"].str.lower()
    flag((kind == "") & (named == ""), "type", "'avoidance' or 'removal' (column type or removal_or_avoidance)")
    flag((kind != "") & ~kind.isin(CREDIT_TYPES), "type", "'avoidance' or 'removal'")
    flag((named != "") & ~named.isin(CREDIT_TYPES), "removal_or_avoidance", "'avoidance' or 'removal'")
    flag((kind != "") & (named != "") & (kind != named), "removal_or_avoidance",
         "the same kind as column type (the two columns disagree)")
    out["type"] = kind.where(kind != "", named)

    vintage = to_integer(table["vintage"])
    flag((table["vintage"] != "") & (vintage.isna() | (vintage < 1990) | (vintage > 2100)), "vintage",
         "the vintage year (when the reduction or removal happened), 1990 to 2100, or blank")
    flag(vintage.notna() & out["year"].notna() & (vintage > out["year"]), "vintage",
         "a vintage no later than the year of retirement (a credit cannot be retired before it exists)")
    out["vintage"] = vintage

    country = table["country"].str.upper()
    flag((country != "") & ~country.str.fullmatch(r"[A-Z]{2}"), "country",
         "the project's country as an ISO 3166-1 alpha-2 code (DE, BR, IN; Greece is GR), or blank")
    out["country"] = country

    adjusted = table["corresponding_adjustment"].str.lower()
    flag((adjusted != "") & ~adjusted.isin(_YES | _NO), "corresponding_adjustment",
         "yes or no (a corresponding adjustment under Paris Agreement Article 6), or blank when not known")
    out["corresponding_adjustment"] = pd.array(adjusted.map(lambda v: True if v in _YES else False if v in _NO
                                                            else None), dtype="boolean")
    out = pd.concat([out, _serials(table, flag)], axis=1)
    return out


def _serials(table: pd.DataFrame, flag: RowChecks) -> pd.DataFrame:
    """Prefix and running numbers of each serial block; blocks that do not parse are flagged."""
    start, end = table["serial_start"], table["serial_end"]
    both = "both serial_start and serial_end (the first and last serial of the block), or neither"
    flag((start == "") & (end != ""), "serial_start", both)
    flag((start != "") & (end == ""), "serial_end", both)
    a = start.str.extract(r"^(?P<prefix>.*?)(?P<number>\d+)$")
    b = end.str.extract(r"^(?P<prefix>.*?)(?P<number>\d+)$")
    given = (start != "") & (end != "")
    flag(given & a["number"].isna(), "serial_start", "a serial ending in its running number (digits)")
    flag(given & b["number"].isna(), "serial_end", "a serial ending in its running number (digits)")
    parsed = given & a["number"].notna() & b["number"].notna()
    flag(parsed & (a["prefix"] != b["prefix"]), "serial_end",
         "a serial_end with the same prefix as serial_start (one block: only the running number differs)")
    long = parsed & ((a["number"].str.lstrip("0").str.len() > _MAX_DIGITS) |
                     (b["number"].str.lstrip("0").str.len() > _MAX_DIGITS))
    flag(long, "serial_start", f"a running number of at most {_MAX_DIGITS} digits")
    usable = parsed & (a["prefix"] == b["prefix"]) & ~long
    first = pd.to_numeric(a["number"].where(usable), errors="coerce").astype("Int64")
    last = pd.to_numeric(b["number"].where(usable), errors="coerce").astype("Int64")
    flag(usable & (last < first), "serial_end", "a serial_end at or after serial_start")
    usable &= ~(last < first).fillna(False)
    return pd.DataFrame({"serial_prefix": a["prefix"].where(usable, ""),
                         "serial_first": first.where(usable), "serial_last": last.where(usable)})


def overlap_issues(credits: pd.DataFrame) -> tuple[list[Issue], pd.Series]:
    """An issue naming both rows for every serial block that shares a serial with an earlier block of
    the same registry and prefix (sorted by first serial), and the mask of every row involved."""
    has = credits["serial_first"].notna()
    part = credits.loc[has].assign(_registry=lambda t: t["registry"].str.strip().str.lower())
    part = part.sort_values(["_registry", "serial_prefix", "serial_first", FILE, ROW], kind="stable")
    group = [part["_registry"], part["serial_prefix"]]
    last = part["serial_last"].astype("int64")
    reach = last.groupby(group).cummax()
    # the block whose end reaches furthest so far: the one a later block would overlap first
    holder = pd.Series(np.where(last == reach, np.arange(len(part)), np.nan), index=part.index).groupby(group).ffill()
    before_reach = reach.groupby(group).shift()
    before_holder = holder.groupby(group).shift()
    clash = before_reach.notna() & (part["serial_first"].astype("int64") <= before_reach)
    issues: list[Issue] = []
    involved = pd.Series(False, index=credits.index)
    for idx, other_pos in zip(part.index[clash.to_numpy()], before_holder[clash].astype(int)):
        other = part.iloc[other_pos]
        row = part.loc[idx]
        block = f"{row['serial_start']} to {row['serial_end']}"
        issues.append(Issue(str(row[FILE]), int(row[ROW]), row["credit_id"] or None, "serial_start", block,
                            f"serials no other credit holds; this block overlaps credit '{other['credit_id']}' "
                            f"({other[FILE]}, row {other[ROW]}: {other['serial_start']} to {other['serial_end']}, "
                            f"retired {other['year']}) of the same registry: a credit retired twice would be "
                            "counted twice"))
        involved[idx] = True
        involved[part.index[other_pos]] = True
    return issues, involved


def retired_for_issues(credits: pd.DataFrame, organisation: str, entities: list[str]) -> list[Issue]:
    """Credits whose ``retired_for`` names neither the organisation nor an entity of entities.csv:
    retired on behalf of someone else, they cannot count towards this inventory's claims."""
    if "retired_for" not in credits.columns:
        return []
    own = {" ".join(n.split()).casefold() for n in [organisation, *entities]}
    named = credits["retired_for"].fillna("")
    normal = named.str.split().str.join(" ").str.casefold()
    bad = credits[(named != "") & ~normal.isin(own)]
    shown = f"'{organisation}'" + (f" or an entity of entities.csv ({', '.join(entities)})" if entities else "")
    return [Issue(str(f), int(r), i or None, "retired_for", v,
                  f"a credit retired for this organisation, {shown}; a credit retired for another entity "
                  "cannot count here (leave it out of credits.csv)")
            for f, r, i, v in zip(bad[FILE], bad[ROW], bad["credit_id"], bad["retired_for"])]


def credit_figures(credits: pd.DataFrame, year: int) -> dict:
    """ESRS E1-7 (AR 62) figures of the credits retired (cancelled) in ``year``: tonnes, the share
    from removals and from avoidance, the share with a corresponding adjustment and the share from
    projects in the EU. Shares are of tonnes; a credit that does not state its adjustment or country
    counts as without (the ``*_unstated_tco2e`` keys say how many tonnes that is), and when no credit of
    the year states it the share is None (not known), never 0."""
    part = credits[credits["year"] == year]
    total = float(part["tco2e"].sum())

    def tonnes(mask) -> float:
        return float(part.loc[mask, "tco2e"].sum()) if len(part) else 0.0

    def share(value: float, unstated: float = 0.0):
        return value / total if total > 0 and unstated < total else None

    removal, avoidance = tonnes(part["type"] == "removal"), tonnes(part["type"] == "avoidance")
    adjusted = part["corresponding_adjustment"] if "corresponding_adjustment" in part else pd.Series(dtype="boolean")
    country = part["country"] if "country" in part else pd.Series(dtype=str)
    with_ca = tonnes(adjusted.fillna(False).astype(bool))
    in_eu = tonnes(country.isin(EU_MEMBER_STATES))
    ca_unstated, country_unstated = tonnes(adjusted.isna()), tonnes(country.fillna("") == "")
    return {"year": int(year), "cancelled_tco2e": total, "removal_tco2e": removal, "avoidance_tco2e": avoidance,
            "share_removals": share(removal), "share_avoidance": share(avoidance),
            "share_corresponding_adjustment": share(with_ca, ca_unstated),
            "share_eu_projects": share(in_eu, country_unstated),
            "corresponding_adjustment_unstated_tco2e": ca_unstated, "country_unstated_tco2e": country_unstated}
