"""Base-year comparison, target status and neutrality progress.

Absolute target (GHG Protocol Corporate Standard ch. 11; linear pathway as in SBTi's absolute
contraction approach): reduction = 1 - latest / base; pathway reduction in the latest year =
target reduction x (latest - base year) / (target year - base year), capped at the target.
Status: ``achieved`` when the reduction is at least the target's; ``on_track`` when the target year
is still ahead and the reduction is at least the pathway's; ``off_track`` otherwise;
``no_base_data`` when the base year has no emissions in the target's scopes.

Neutrality target: per year, gross emissions of the scopes, credits retired that year, net = gross -
credits (credits are never netted inside scope totals), ``neutral`` when net <= 0. The trajectory
runs straight from the base year's gross emissions to zero in the target year; the gap is net minus
trajectory (positive: above the path).
"""

from __future__ import annotations

import pandas as pd

from .config import InventoryConfig, Target
from .credits import credit_figures

__all__ = ["evaluate_targets", "neutrality_progress"]

# Reductions are compared with this slack so that a reduction equal to the target on paper (0.3 vs
# 0.30000000000000004 after float arithmetic) counts as meeting it.
_EPS = 1e-12


def _scope_sum(years: dict[int, dict], year: int, scopes: list[int], scope2_method: str | None = None) -> float:
    """Emissions of ``scopes`` in ``year``; Scope 2 by ``scope2_method`` (None: the inventory's)."""
    return sum(years[year][f"scope2_{scope2_method}" if s == 2 and scope2_method else f"scope{s}"] for s in scopes)


def _years_with_data(ledger: pd.DataFrame, scopes: list[int]) -> list[int]:
    return sorted(int(y) for y in ledger.loc[ledger["scope"].isin(scopes), "year"].unique())


def _linear(base_year: int, target_year: int, year: int) -> float:
    """Share of the way from base year to target year that ``year`` is (0 to 1)."""
    return min(max((year - base_year) / (target_year - base_year), 0.0), 1.0)


def evaluate_targets(config: InventoryConfig, ledger: pd.DataFrame, years: dict[int, dict],
                     credits: pd.DataFrame, recalculation: dict | None = None,
                     metrics: dict | None = None) -> list[dict]:
    """One dict per target, in inventory.toml order (keys as in report.json ``targets``)."""
    return [_evaluate(t, config, ledger, years, credits, recalculation, metrics or {}) for t in config.targets]


def _uncovered_scope3(ledger: pd.DataFrame, base_year: int, recalculation: dict | None) -> list[str]:
    """Scope 3 categories with records but neither base-year records nor a base-year estimate that
    counts: kept out of a target's boundary so that base and latest year compare like with like."""
    s3 = ledger[ledger["scope"] == 3]
    in_base = set(s3.loc[s3["year"] == base_year, "category"])
    estimated = set((recalculation or {}).get("estimated_categories", []))
    return sorted(set(s3["category"]) - in_base - estimated, key=lambda c: (len(c), c))


def _category_sum(years: dict[int, dict], year: int, codes: list[str]) -> float:
    return sum(years[year]["categories"].get(f"3.{c}", 0.0) for c in codes)


def _evaluate(t: Target, config: InventoryConfig, ledger: pd.DataFrame, years: dict[int, dict],
              credits: pd.DataFrame, recalculation: dict | None, metrics: dict) -> dict:
    base_year = t.base_year or config.base_year
    method = t.scope2_method or config.scope2_method
    with_data = _years_with_data(ledger, t.scopes)
    latest_year = with_data[-1] if with_data else None
    has_base = base_year in with_data
    excluded = _uncovered_scope3(ledger, base_year, recalculation if base_year == config.base_year else None) \
        if 3 in t.scopes else []
    original = _scope_sum(years, base_year, t.scopes, method) if has_base else None
    base = original
    if has_base and recalculation and recalculation["recalculated"] and base_year == config.base_year:
        delta = {s: recalculation["recalculated_base"][f"scope{s}"] - recalculation["original_base"][f"scope{s}"]
                 for s in t.scopes}
        base = original + sum(delta.values())
    target_reduction = t.reduction if t.kind != "neutrality" else 1.0
    result = {
        "id": t.id, "kind": t.kind, "scopes": t.scopes, "base_year": base_year, "base_tco2e": base,
        "original_base_tco2e": original,
        "latest_year": latest_year, "latest_tco2e": None, "reduction": None,
        "target_reduction": target_reduction, "target_year": t.target_year, "status": "no_base_data",
        "pathway_tco2e": None, "pathway_reduction": None, "scope2_method": method,
        "excluded_categories": [f"3.{c}" for c in excluded],
    }
    if latest_year is None:
        return result
    gross = _scope_sum(years, latest_year, t.scopes, method) - _category_sum(years, latest_year, excluded)
    if t.kind == "neutrality":
        credited = float(credits.loc[credits["year"] == latest_year, "tco2e"].sum())
        latest = gross - credited
        result.update(latest_gross_tco2e=gross, latest_credits_tco2e=credited)
    else:
        latest = gross
    result["latest_tco2e"] = latest
    if not base or base <= 0:
        return result
    compared_base, compared_latest = base, latest
    if t.kind == "intensity":
        metric = (t.metric or "").lower()
        at_base, at_latest = metrics.get((metric, base_year)), metrics.get((metric, latest_year))
        result.update(metric=t.metric, base_metric=at_base, latest_metric=at_latest)
        if at_base is None or at_latest is None:
            result["status"] = "no_metric_data"
            return result
        compared_base, compared_latest = base / at_base, latest / at_latest
        result.update(base_intensity=compared_base, latest_intensity=compared_latest)
    reduction = 1.0 - compared_latest / compared_base
    pathway_reduction = target_reduction * _linear(base_year, t.target_year, latest_year)
    if reduction >= target_reduction - _EPS:
        status = "achieved"
    elif latest_year < t.target_year and reduction >= pathway_reduction - _EPS:
        status = "on_track"
    else:
        status = "off_track"
    result.update(reduction=reduction, pathway_reduction=pathway_reduction,
                  pathway_tco2e=base * (1.0 - pathway_reduction), status=status)
    return result


def neutrality_progress(config: InventoryConfig, ledger: pd.DataFrame, years: dict[int, dict],
                        credits: pd.DataFrame) -> list[dict]:
    """Per neutrality target and year with data: gross, credits (by type), net, status, trajectory, gap."""
    rows = []
    by_year_type = credits.groupby(["year", "type"])["tco2e"].sum()
    for t in config.targets:
        if t.kind != "neutrality":
            continue
        base_year = t.base_year or config.base_year
        method = t.scope2_method or config.scope2_method
        with_data = _years_with_data(ledger, t.scopes)
        base = _scope_sum(years, base_year, t.scopes, method) if base_year in with_data else None
        for year in with_data:
            gross = _scope_sum(years, year, t.scopes, method)
            avoidance = float(by_year_type.get((year, "avoidance"), 0.0))
            removal = float(by_year_type.get((year, "removal"), 0.0))
            credited = avoidance + removal
            net = gross - credited
            trajectory = None if base is None else base * (1.0 - _linear(base_year, t.target_year, year))
            rows.append({
                "id": t.id, "year": year, "gross_tco2e": gross, "credits_tco2e": credited,
                "credits_avoidance_tco2e": avoidance, "credits_removal_tco2e": removal, "net_tco2e": net,
                "credits_removal_share": removal / credited if credited > 0 else None,
                "credits_avoidance_share": avoidance / credited if credited > 0 else None,
                "status": "neutral" if net <= 0 else "not_neutral",
                "trajectory_tco2e": trajectory, "gap_tco2e": None if trajectory is None else net - trajectory,
                "target_year": t.target_year,
            })
    return rows


def neutrality_overview(config: InventoryConfig, years: dict[int, dict], credits: pd.DataFrame) -> dict:
    """Operational (Scope 1+2) and corporate (Scope 1+2+3) neutrality per year, credits by type, the
    share of gross emissions neutralised by removals, and the gap to the neutrality goal year with the
    straight-line annual reduction of net emissions needed from the latest year. ``credits_e1_7``: the
    ESRS E1-7 figures of the credits cancelled in the year (:func:`carbon.credits.credit_figures`)."""
    by_year_type = credits.groupby(["year", "type"])["tco2e"].sum()
    rows = []
    for year in sorted(years):
        avoidance = float(by_year_type.get((year, "avoidance"), 0.0))
        removal = float(by_year_type.get((year, "removal"), 0.0))
        row = {"year": year, "credits_avoidance_tco2e": avoidance, "credits_removal_tco2e": removal,
               "credits_e1_7": credit_figures(credits, year)}
        for name, scopes in (("operational", (1, 2)), ("corporate", (1, 2, 3))):
            gross = sum(years[year][f"scope{s}"] for s in scopes)
            net = gross - avoidance - removal
            row[name] = {"gross_tco2e": gross, "net_tco2e": net, "neutral": net <= 0,
                         "removals_share": (removal / gross) if gross > 0 else None}
        rows.append(row)
    goal = config.neutrality_goal_year
    latest = rows[-1] if rows else None
    gap = None
    if latest is not None:
        left = goal - latest["year"]
        net = latest["corporate"]["net_tco2e"]
        gap = {"goal_year": goal, "latest_year": latest["year"], "net_tco2e": net, "years_left": left,
               "annual_reduction_needed_tco2e": (max(net, 0.0) / left) if left > 0 else None,
               "annual_reduction_needed_share": (max(net, 0.0) / left / latest["corporate"]["gross_tco2e"])
               if left > 0 and latest["corporate"]["gross_tco2e"] > 0 else None}
    return {"goal_year": goal, "years": rows, "gap": gap}
