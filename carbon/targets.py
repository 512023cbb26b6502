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
                     credits: pd.DataFrame) -> list[dict]:
    """One dict per target, in inventory.toml order (keys as in report.json ``targets``)."""
    return [_evaluate(t, config, ledger, years, credits) for t in config.targets]


def _evaluate(t: Target, config: InventoryConfig, ledger: pd.DataFrame, years: dict[int, dict],
              credits: pd.DataFrame) -> dict:
    base_year = t.base_year or config.base_year
    method = t.scope2_method or config.scope2_method
    with_data = _years_with_data(ledger, t.scopes)
    latest_year = with_data[-1] if with_data else None
    has_base = base_year in with_data
    base = _scope_sum(years, base_year, t.scopes, method) if has_base else None
    target_reduction = t.reduction if t.kind == "absolute" else 1.0
    result = {
        "id": t.id, "kind": t.kind, "scopes": t.scopes, "base_year": base_year, "base_tco2e": base,
        "latest_year": latest_year, "latest_tco2e": None, "reduction": None,
        "target_reduction": target_reduction, "target_year": t.target_year, "status": "no_base_data",
        "pathway_tco2e": None, "pathway_reduction": None, "scope2_method": method,
    }
    if latest_year is None:
        return result
    gross = _scope_sum(years, latest_year, t.scopes, method)
    if t.kind == "neutrality":
        credited = float(credits.loc[credits["year"] == latest_year, "tco2e"].sum())
        latest = gross - credited
        result.update(latest_gross_tco2e=gross, latest_credits_tco2e=credited)
    else:
        latest = gross
    result["latest_tco2e"] = latest
    if not base or base <= 0:
        return result
    reduction = 1.0 - latest / base
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
                "status": "neutral" if net <= 0 else "not_neutral",
                "trajectory_tco2e": trajectory, "gap_tco2e": None if trajectory is None else net - trajectory,
                "target_year": t.target_year,
            })
    return rows
