"""Why emissions changed between two years: activity, emission factor, market instruments, structure
and methodology, by scope, by category and in total.

Index decomposition with the additive logarithmic mean Divisia index, LMDI-I (Ang, B.W. 2005, "The
LMDI approach to decomposition analysis: a practical guide", Energy Policy 33: 867-871; Ang, B.W.
and Liu, F.L. 2001, Energy 26: 537-548). Records are matched across the two years by a **source
key** ``(scope, category, entity, facility, activity, gas, region)`` and unit; the records of a key,
unit and year are summed. A key's reported emissions factor exactly as::

    E = Q x I x M x S
    Q  activity: the quantity (sum of ``quantity``)
    I  emission factor: location-based tCO2e at 100 % share per unit of activity (grid decarbonisation
       for electricity)
    M  market instruments: market-based / location-based tCO2e (Scope 2 when the inventory reports
       market-based; 1 otherwise)
    S  structure: the boundary share (reported tCO2e / tCO2e at 100 %)

and LMDI-I gives each factor ``x`` the effect ``L(E_to, E_from) x ln(x_to / x_from)`` with the
logarithmic mean ``L(a, b) = (a - b) / (ln a - ln b)`` (``L(a, a) = a``). The effects of a key add up to
its change exactly (the logs add up to ``ln(E_to / E_from)``), so their sums by category, scope and in
total add up to those changes too, to float rounding.

- **Structural**: keys with records in only one of the two years (an entity acquired or divested, an
  activity started or stopped) count entirely here, and so does the S factor (boundary-share changes).
- **Methodology**: a key whose factor lineage (``calculation``, ``factor_set``, ``factor_file``,
  ``gwp_set``) differs between the years has its I effect counted as methodology instead of factor (a
  different factor table, not a different world); when its set of units differs between the years, Q
  and I are not comparable and their joint effect ``L x ln(Q I)`` is methodology. Within one ledger a
  source's factor moves to another set or file when it resolves differently in another year (another
  region or vintage available); the GWP set is the same for every year of one run, so a GWP change
  (or a factor-set swap in inventory.toml) only shows when ``from_ledger``, the earlier year's ledger
  of a previous run, is given. A newer vintage row of the same file (eGRID, the MEE grid factors by
  year) is a factor change, not methodology.
- **Zero values** (Ang & Liu 2007, "Handling zero values in the logarithmic mean Divisia index
  decomposition approach", Energy Policy 35: 238-246; the limit of Ang's small-value strategy): when
  a key's emissions are zero in one year and positive in the other, the change goes to the factor(s)
  that are zero in that year (share 0: structural; quantity 0: activity; factor 0: factor; all covered
  by instruments: instruments), split equally among them when several are (the limit when every zero is
  replaced by the same small number); the other factors' effects tend to zero. Keys with a negative
  value (the log is undefined) are decomposed with the Shapley value of the same four factors (exact and
  order-free for any sign; Albrecht, François and Schoors 2002, Energy Policy 30: 727-736; Ang, Liu and
  Chung 2004, Energy Economics 26: 757-763), as every key is with ``method="shapley"``.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd

from .categories import category_key
from .distinct import joined, text
from .errors import CarbonError
from .scope2 import detect_scope2_method as _detect_scope2_method

__all__ = ["attribute", "attribution_text", "EFFECTS", "KEY_COLUMNS"]

EFFECTS = ("activity", "factor", "instruments", "structural", "methodology")
KEY_COLUMNS = ["scope", "category", "entity", "facility", "activity", "gas", "region"]
_FACTORS = ("activity", "factor", "instruments", "structural")  # Q, I, M, S in that order
_LINEAGE = ["calculation", "factor_set", "factor_file", "gwp_set"]


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame.columns:
        return pd.Series([""] * len(frame), index=frame.index, dtype=object)
    return text(frame[column])


def _number(frame: pd.DataFrame, column: str, default: float | pd.Series) -> np.ndarray:
    if column not in frame.columns:
        return (default.to_numpy(dtype="float64") if isinstance(default, pd.Series)
                else np.full(len(frame), float(default)))
    return frame[column].to_numpy(dtype="float64")


def _records(part: pd.DataFrame, scope2_method: str) -> pd.DataFrame:
    """The records of one year: source key, unit, lineage, Q, E, F (100 % share), Lf (location-based,
    100 % share) and the boundary share."""
    scope = part["scope"].to_numpy().astype(int)
    share = _number(part, "boundary_share", 1.0)
    reported = part["tco2e"].to_numpy(dtype="float64")
    location = _number(part, "tco2e_location", part["tco2e"])
    market = _number(part, "tco2e_market", part["tco2e"])
    is_s2 = scope == 2
    e = np.where(is_s2, location if scope2_method == "location" else market, reported)
    with np.errstate(divide="ignore", invalid="ignore"):  # outside the boundary: the 100 % figures are unknown
        full = np.where(share > 0, e / share, np.nan)
        full_location = np.where(share > 0, np.where(is_s2, location, e) / share, np.nan)
    frame = pd.DataFrame({c: _text(part, c).to_numpy() for c in KEY_COLUMNS[1:]})
    frame.insert(0, "scope", scope)
    frame["unit"] = _text(part, "unit").to_numpy()
    frame["lineage"] = joined(part, _LINEAGE)
    frame["q"] = part["quantity"].to_numpy(dtype="float64") if "quantity" in part.columns else 1.0
    frame["e"] = e
    frame["f"] = full
    frame["lf"] = full_location
    frame["share"] = share
    return frame


def _per_key(frame: pd.DataFrame) -> pd.DataFrame:
    """Records summed per source key and unit (``*`` for a source whose units differ between the
    years): Q, E, F, Lf, the boundary share and the set of lineages."""
    keys = KEY_COLUMNS + ["unit"]
    sums = frame.groupby(keys, sort=True)[["q", "e", "f", "lf"]].sum(min_count=1)
    sums[["q", "e"]] = sums[["q", "e"]].fillna(0.0)
    shares = frame.groupby(keys, sort=True)["share"].max()
    return sums.join(shares).join(_value_set(frame, "lineage", keys))


def _value_set(frame: pd.DataFrame, column: str, keys: list[str]) -> pd.Series:
    """Per key: the distinct values of ``column``, sorted and joined by ';' (vectorised for the usual
    single value; joined in Python only for keys with several)."""
    distinct = frame[keys + [column]].drop_duplicates().sort_values(keys + [column])
    group = distinct.groupby(keys, sort=True).ngroup().to_numpy()
    values = distinct[column].astype(str).tolist()
    index = distinct.drop_duplicates(keys)[keys]
    out, start = [], 0
    for end in [*np.flatnonzero(group[1:] != group[:-1]) + 1, len(values)]:  # rows sorted by group
        out.append(values[start] if end - start == 1 else ";".join(values[start:end]))
        start = end
    return pd.Series(out, index=pd.MultiIndex.from_frame(index) if len(keys) > 1 else pd.Index(index[keys[0]]),
                     name=column, dtype=object)


def _mark_unit_changes(a: pd.DataFrame, b: pd.DataFrame) -> None:
    """Sources present in both years whose set of units differs: their quantities are not comparable;
    their rows get unit ``*`` (one row per source) and their Q x I change counts as methodology."""
    ua, ub = _value_set(a, "unit", KEY_COLUMNS), _value_set(b, "unit", KEY_COLUMNS)
    common = ua.index.intersection(ub.index)
    changed = common[ua.loc[common].to_numpy() != ub.loc[common].to_numpy()]
    if len(changed):
        for frame in (a, b):
            mask = pd.MultiIndex.from_frame(frame[KEY_COLUMNS]).isin(changed)
            frame.loc[mask, "unit"] = "*"


def _factors(q, e, f, lf, share) -> np.ndarray:
    """(n, 4): Q, I = Lf/Q, M = F/Lf, S = E/F; a ratio that is 0/0 is NaN (undefined)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        i = np.where(q != 0, lf / q, np.nan)
        # a market figure with no location figure behind it (location factor 0): the factor carries it
        no_loc = (lf == 0) & np.isfinite(f) & (f != 0)
        i = np.where(no_loc & (q != 0), f / q, i)
        m = np.where(no_loc, 1.0, np.where(lf != 0, f / lf, np.nan))
        s = np.where(np.isfinite(f) & (f != 0), e / f, share)
    return np.column_stack([q, i, m, s])


def _logmean(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        out = (a - b) / (np.log(a) - np.log(b))
    return np.where(np.isclose(a, b, rtol=1e-15, atol=0), a, out)


def _shapley(x0: np.ndarray, x1: np.ndarray) -> np.ndarray:
    """Shapley value of each of the k factors of a product, per row: the average over the orders of
    changing the factors from x0 to x1 of each factor's marginal contribution. Exact for any sign."""
    n, k = x0.shape
    out = np.zeros((n, k))
    weights = {size: math.factorial(size) * math.factorial(k - size - 1) / math.factorial(k) for size in range(k)}
    for j in range(k):
        others = [i for i in range(k) if i != j]
        for size in range(k):
            for subset in itertools.combinations(others, size):
                base = np.ones(n)
                for i in others:
                    base = base * (x1[:, i] if i in subset else x0[:, i])
                out[:, j] += weights[size] * base * (x1[:, j] - x0[:, j])
    return out


def _decompose(a: pd.DataFrame, b: pd.DataFrame, method: str) -> tuple[np.ndarray, np.ndarray, dict]:
    """Effects (n, 5 in EFFECTS order) of keys present in both years; and whether each used Shapley."""
    x0 = _factors(a["q"].to_numpy(), a["e"].to_numpy(), a["f"].to_numpy(), a["lf"].to_numpy(), a["share"].to_numpy())
    x1 = _factors(b["q"].to_numpy(), b["e"].to_numpy(), b["f"].to_numpy(), b["lf"].to_numpy(), b["share"].to_numpy())
    e0, e1 = a["e"].to_numpy(), b["e"].to_numpy()
    n = len(a)
    effects4 = np.zeros((n, 4))
    finite = np.isfinite(x0).all(axis=1) & np.isfinite(x1).all(axis=1)
    positive = finite & (x0 > 0).all(axis=1) & (x1 > 0).all(axis=1) & (e0 > 0) & (e1 > 0)
    zero_one = ((e0 == 0) ^ (e1 == 0)) & ((e0 >= 0) & (e1 >= 0))
    if method == "shapley":
        use_shapley = ~((e0 == 0) & (e1 == 0))
        positive = np.zeros(n, dtype=bool)
        zero_one = np.zeros(n, dtype=bool)
    else:
        use_shapley = ~positive & ~zero_one & ~((e0 == 0) & (e1 == 0))
    if positive.any():
        lm = _logmean(e1[positive], e0[positive])
        effects4[positive] = lm[:, None] * np.log(x1[positive] / x0[positive])
    if zero_one.any():
        for r in np.flatnonzero(zero_one):
            z = x0[r] if e0[r] == 0 else x1[r]
            zero = [j for j in range(4) if z[j] == 0]
            if not zero:  # E rounded to zero with no zero factor: the factor carries it
                zero = [1]
            effects4[r, zero] = (e1[r] - e0[r]) / len(zero)
    if use_shapley.any():
        s0, s1 = x0[use_shapley].copy(), x1[use_shapley].copy()
        # an undefined ratio (0/0) takes the other year's value: it changes nothing
        s0 = np.where(np.isnan(s0), s1, s0)
        s1 = np.where(np.isnan(s1), s0, s1)
        s0, s1 = np.nan_to_num(s0, nan=1.0), np.nan_to_num(s1, nan=1.0)
        shap = _shapley(s0, s1)
        # the factors reproduce E up to rounding; put the rounding where it cannot mislead (scaled)
        target = e1[use_shapley] - e0[use_shapley]
        total = shap.sum(axis=1)
        scale = np.where(total != 0, target / np.where(total != 0, total, 1.0), 1.0)
        shap = shap * scale[:, None]
        bad = ~np.isfinite(shap).all(axis=1)
        shap[bad] = 0.0
        shap[bad, 1] = target[bad]
        effects4[use_shapley] = shap
    unit_changed = a.index.get_level_values("unit") == "*"
    lineage_changed = a["lineage"].to_numpy() != b["lineage"].to_numpy()
    out = np.zeros((n, 5))
    out[:, 0] = np.where(unit_changed, 0.0, effects4[:, 0])
    out[:, 1] = np.where(unit_changed | lineage_changed, 0.0, effects4[:, 1])
    out[:, 2] = effects4[:, 2]
    out[:, 3] = effects4[:, 3]
    out[:, 4] = np.where(unit_changed, effects4[:, 0] + effects4[:, 1],
                         np.where(lineage_changed, effects4[:, 1], 0.0))
    notes = {"shapley": int(use_shapley.sum()), "zero_value": int(zero_one.sum()),
             "methodology": int((unit_changed | lineage_changed).sum())}
    return out, use_shapley, notes


def _block(e_from: float, e_to: float, effects: np.ndarray) -> dict:
    return {"from_tco2e": float(e_from), "to_tco2e": float(e_to), "change_tco2e": float(e_to - e_from),
            "effects": {name: float(v) for name, v in zip(EFFECTS, effects)}}


def attribute(ledger: pd.DataFrame, from_year: int, to_year: int, *, scope2_method: str | None = None,
              method: str = "lmdi", from_ledger: pd.DataFrame | None = None) -> dict:
    """Split the change in emissions from ``from_year`` to ``to_year`` into activity, factor,
    instruments, structural and methodology effects (additive LMDI-I, Ang 2005; see the module doc).

    Returns ``{"from", "to", "from_tco2e", "to_tco2e", "change_tco2e", "effects": {activity, factor,
    instruments, structural, methodology}, "by_scope": {"scope1": {from_tco2e, to_tco2e, change_tco2e,
    effects}, ...}, "by_category": {"1.stationary_combustion": {...}, "3.6": {...}}, "method",
    "scope2_method", "keys"}``; the effects add up to the change of each scope, each category and the
    total (to float rounding). ``scope2_method``: the Scope 2 figure attributed (default: the one the
    ledger's tco2e follows). ``method``: ``"lmdi"`` (default) or ``"shapley"``. ``from_ledger``: take
    the ``from_year`` records from another ledger (a previous run, e.g. with another factor set or GWP),
    so that a methodology change between the runs shows as such.

    Raises CarbonError when a year has no records.
    """
    if method not in ("lmdi", "shapley"):
        raise ValueError(f"method must be 'lmdi' or 'shapley', not {method!r}")
    ledger = _bare(ledger)
    earlier = ledger if from_ledger is None else _bare(from_ledger)
    from_year, to_year = int(from_year), int(to_year)
    for year, frame, name in ((from_year, earlier, "--from"), (to_year, ledger, "--to")):
        if not (frame["year"] == year).any():
            have = ", ".join(str(int(y)) for y in sorted(frame["year"].unique())) or "none"
            raise CarbonError(f"{name} {year}: the ledger has no records in {year} (years with records: {have})")
    s2 = scope2_method or _detect_scope2_method(ledger)
    rec_a = _records(earlier[earlier["year"] == from_year], s2)
    rec_b = _records(ledger[ledger["year"] == to_year], s2)
    _mark_unit_changes(rec_a, rec_b)
    a, b = _per_key(rec_a), _per_key(rec_b)
    both = a.index.intersection(b.index)
    only_a = a.index.difference(b.index)
    only_b = b.index.difference(a.index)
    effects, _, notes = _decompose(a.loc[both], b.loc[both], method)
    columns = [f"effect_{name}" for name in EFFECTS]
    rows = [pd.DataFrame(effects, index=both, columns=columns)]
    for index, sign, frame in ((only_a, -1.0, a), (only_b, 1.0, b)):
        block = pd.DataFrame(0.0, index=index, columns=columns)
        block["effect_structural"] = sign * frame.loc[index, "e"].to_numpy()
        rows.append(block)
    per_key = pd.concat(rows)
    per_key["from"] = a["e"].reindex(per_key.index).fillna(0.0)
    per_key["to"] = b["e"].reindex(per_key.index).fillna(0.0)
    per_key = per_key.reset_index()
    per_key["category_key"] = [category_key(int(s), str(c)) for s, c in zip(per_key["scope"], per_key["category"])]

    def summed(frame: pd.DataFrame) -> dict:
        return _block(math.fsum(frame["from"]), math.fsum(frame["to"]),
                      np.array([math.fsum(frame[f"effect_{name}"]) for name in EFFECTS]))

    by_scope = {f"scope{s}": summed(per_key[per_key["scope"] == s]) for s in (1, 2, 3)}
    order = {k: i for i, k in enumerate(sorted(per_key["category_key"].unique(),
                                               key=lambda k: (int(k.split(".")[0]), _natural(k.split(".", 1)[1]))))}
    by_category = {k: summed(per_key[per_key["category_key"] == k]) for k in sorted(order, key=order.get)}
    total = summed(per_key)
    return {
        "from": from_year, "to": to_year,
        "from_tco2e": total["from_tco2e"], "to_tco2e": total["to_tco2e"], "change_tco2e": total["change_tco2e"],
        "effects": total["effects"], "by_scope": by_scope, "by_category": by_category,
        "method": "additive LMDI-I (Ang 2005); zero values by the limits of Ang & Liu 2007; Shapley for negative values"
        if method == "lmdi" else "Shapley value (Ang, Liu & Chung 2004)",
        "scope2_method": s2,
        "keys": {"matched": int(len(both)), "only_from": int(len(only_a)), "only_to": int(len(only_b)), **notes},
    }


def _bare(frame: pd.DataFrame) -> pd.DataFrame:
    """A shallow copy without ``attrs`` (the ledger's instrument list would be deep-copied by every
    pandas operation otherwise)."""
    out = frame.copy(deep=False)
    out.attrs = {}
    return out


def _natural(code: str) -> tuple:
    return (0, int(code), "") if code.isdigit() else (1, 0, code)


def attribution_text(result: dict) -> str:
    """A plain-text table of :func:`attribute`'s result: scopes, their categories indented, the total."""
    head = ["", str(result["from"]), str(result["to"]), "change", *EFFECTS]
    rows: list[list[str]] = []

    def num(value: float) -> str:
        return f"{value if abs(value) >= 0.05 else 0.0:,.1f}"  # no '-0.0' for float dust

    def row(label: str, block: dict) -> list[str]:
        return [label, *(num(block[k]) for k in ("from_tco2e", "to_tco2e", "change_tco2e")),
                *(num(block["effects"][e]) for e in EFFECTS)]

    for s in (1, 2, 3):
        rows.append(row(f"scope {s}", result["by_scope"][f"scope{s}"]))
        rows += [row(f"  {k}", v) for k, v in result["by_category"].items() if k.split(".")[0] == str(s)]
    rows.append(row("total", result))
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    fmt = lambda r: "  ".join(c.ljust(widths[0]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(r))  # noqa: E731
    rule = "-" * len(fmt(head))
    lines = [f"Change in emissions {result['from']} -> {result['to']} (tCO2e; Scope 2 {result['scope2_method']}-based; "
             f"{result['method']})", "", fmt(head), rule]
    for r in rows:
        if r[0] == "total":
            lines.append(rule)
        lines.append(fmt(r))
    keys = result.get("keys", {})
    lines += ["", "activity: quantity; factor: tCO2e per unit at the location-based factor (grid decarbonisation "
                  "included); instruments: market vs location-based Scope 2;",
              "structural: sources in one year only and boundary-share changes; methodology: factor set, file, GWP "
              "or unit of a source changed.",
              f"sources matched: {keys.get('matched', 0)}, only in {result['from']}: {keys.get('only_from', 0)}, "
              f"only in {result['to']}: {keys.get('only_to', 0)}"]
    return "\n".join(lines)
