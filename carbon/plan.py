"""The road ahead: business as usual, the planned trajectory, what each target still needs.

From the latest inventory year (``from_year``), the year's emissions, summed per source (scope,
category, activity or gas, entity, region, unit: the same figures as the report's totals, Scope 2 by the
inventory's ``scope2_method``), are projected year by year to ``to_year``:

- **Business as usual**: ``E(Y) = E(from) x g(Y)``, with ``g(Y) = (1 + growth)^(Y - from)`` or, with a
  ``driver``, the metric's projected value over its ``from_year`` value (metrics.csv); Scope 2
  electricity also follows a grid projection when one is given (``region, year, index``: the factor
  moves as the index of the record's region, its country, or blank, from ``from_year``).
- **Actions**, in the order listed, each on what is left of the emissions it matches after the
  actions before it, at ``r(Y)`` of full effect (0 before ``start_year``; ``(Y - start + 1) /
  ramp_years`` while ramping, then 1): ``reduction`` cuts that fraction; ``tco2e`` cuts that many
  tonnes a year (at most what is left, shared pro rata); ``factor`` replaces the factor of the matching
  records: their emissions become quantity x the new factor, converted with the same unit machinery and
  GWP table as the inventory (so a PPA's 0 kg/MWh makes the electricity zero).
- **Planned** = BAU minus the actions' cuts. **Credits needed** in a year = planned emissions minus the
  removals planned for it (not below zero).
- Per target: the target's scopes, planned, at its target year, against its goal (absolute: base x (1 -
  reduction); intensity: against the projected metric; neutrality: met when the plan reaches net zero
  without credits, else the credits still needed, with the shares of the goal met by reductions,
  removals and credits).
- The marginal abatement cost of an action: its ``cost`` (a year, at full effect) over the tonnes it
  abates in ``to_year``.

Everything here reads the aggregated ledger of one year: its cost does not grow with the number of
records beyond one group-by.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .categories import category_key
from .config import Plan, PlanAction
from .errors import ConfigError
from .units import tonnes_per_unit, unit_problem

__all__ = ["make_plan", "plan_table"]

_EPS = 1e-9
_SOURCE = ["scope", "category", "activity", "gas", "entity", "region", "unit"]


def _ramp(start_year: int, ramp_years: int, year: int) -> float:
    """Share of full effect in ``year``: 0 before the start, rising by 1/ramp_years a year, then 1."""
    if year < start_year:
        return 0.0
    if ramp_years <= 0:
        return 1.0
    return min(1.0, (year - start_year + 1) / ramp_years)


def _sources(ledger: pd.DataFrame, year: int) -> pd.DataFrame:
    """The year's emissions per source, with the quantity inside the boundary (quantity x share)."""
    part = ledger[ledger["year"] == year]
    frame = part[_SOURCE].copy()
    for column in _SOURCE[1:]:
        frame[column] = frame[column].fillna("").astype(str)
    frame["tco2e"] = part["tco2e"].to_numpy(dtype="float64")
    frame["quantity_in"] = part["quantity"].to_numpy(dtype="float64") * part["boundary_share"].to_numpy(dtype="float64")
    grouped = frame.groupby(_SOURCE, sort=True, dropna=False)[["tco2e", "quantity_in"]].sum()
    return grouped.reset_index()


def _matches(action: PlanAction, sources: pd.DataFrame) -> np.ndarray:
    mask = np.ones(len(sources), dtype=bool)
    if action.scopes:
        mask &= sources["scope"].isin(action.scopes).to_numpy()
    if action.categories:
        wanted = {c.strip().lower() for c in action.categories}
        codes = sources["category"].str.lower()
        keys = [category_key(int(s), c).lower() for s, c in zip(sources["scope"], codes)]
        mask &= (codes.isin(wanted).to_numpy() | np.isin(keys, list(wanted)))
    if action.activities:
        wanted = {a.strip().lower() for a in action.activities}
        mask &= (sources["activity"].str.lower().isin(wanted) | sources["gas"].str.lower().isin(wanted)).to_numpy()
    if action.entities:
        mask &= sources["entity"].isin(action.entities).to_numpy()
    if action.regions:
        wanted = {r.strip().upper() for r in action.regions}
        region = sources["region"].str.upper()
        mask &= (region.isin(wanted) | region.str.split("-").str[0].isin(wanted)).to_numpy()
    return mask


def _matches_nothing(action: PlanAction, sources: pd.DataFrame, from_year: int) -> str:
    """Why an action matched no emissions: the values its filters could take in ``from_year``."""
    known = {"scopes": sorted({int(s) for s in sources["scope"]}),
             "categories": sorted({category_key(int(s), c) for s, c in zip(sources["scope"], sources["category"])}),
             "activities": sorted({a for a in sources["activity"] if a} | {g for g in sources["gas"] if g}),
             "entities": sorted({e for e in sources["entity"] if e}), "regions": sorted({r for r in sources["region"] if r})}
    given = [f"{k} = {getattr(action, k)} (the {from_year} records have: {', '.join(map(str, known[k])) or 'none'})"
             for k in known if getattr(action, k)]
    return (f"plan action '{action.id}' matches no emissions of {from_year}, the year the plan starts from: "
            + "; ".join(given) + ". Correct the filter, or remove the action")


def _growth(plan: Plan, metrics: dict, from_year: int, years: list[int]) -> dict[int, float]:
    if not plan.driver:
        return {y: (1.0 + plan.growth) ** (y - from_year) for y in years}
    metric = plan.driver.lower()
    missing = [y for y in dict.fromkeys([from_year, *years]) if (metric, y) not in metrics]
    if missing:
        raise ConfigError(f"plan.driver '{plan.driver}': metrics.csv has no value for {', '.join(map(str, missing))}; "
                          f"the plan needs one for every year from {from_year} to {years[-1]} (projected values)")
    return {y: metrics[(metric, y)] / metrics[(metric, from_year)] for y in years}


def _grid_index(inventory, plan: Plan, sources: pd.DataFrame, from_year: int, years: list[int]) -> np.ndarray:
    """(sources x years) multipliers of Scope 2 electricity from the grid projection; 1 elsewhere."""
    out = np.ones((len(sources), len(years)))
    if not plan.grid_projection:
        return out
    from .tables import inside, read_table, to_integer, to_number

    path = inside(inventory.root, plan.grid_projection, "plan.grid_projection")
    table, issues = read_table(path, plan.grid_projection)
    if table is None or issues:
        raise ConfigError("; ".join(str(i) for i in issues) or f"{plan.grid_projection}: not readable")
    missing = [c for c in ("region", "year", "index") if c not in table.columns]
    if missing:
        raise ConfigError(f"{plan.grid_projection}: needs the columns region, year, index (missing: {', '.join(missing)})")
    year, index = to_integer(table["year"]), to_number(table["index"])
    bad = year.isna() | index.isna() | (index <= 0)
    if bad.any():
        row = int(table.loc[bad, "_row"].iloc[0])
        raise ConfigError(f"{plan.grid_projection}, row {row}: expected a whole-number year and a positive index")
    known = {(r.upper(), int(y)): float(i) for r, y, i in zip(table["region"], year, index)}
    regions = {r for r, _ in known}
    electricity = (sources["scope"] == 2).to_numpy() & (sources["category"].str.lower() == "electricity").to_numpy()
    for i in np.flatnonzero(electricity):
        region = str(sources.at[i, "region"]).upper()
        level = next((lv for lv in dict.fromkeys([region, region.split("-")[0], ""]) if lv in regions), None)
        if level is None:
            continue
        need = [y for y in dict.fromkeys([from_year, *years]) if (level, y) not in known]
        if need:
            raise ConfigError(f"{plan.grid_projection}: region '{level or 'blank'}' has no index for "
                              f"{', '.join(map(str, need))} (the plan runs {from_year} to {years[-1]})")
        out[i] = [known[(level, y)] / known[(level, from_year)] for y in years]
    return out


def _factor_coefficients(inventory, action: PlanAction, sources: pd.DataFrame, mask: np.ndarray) -> np.ndarray:
    """t CO2e per unit of activity under the action's replacement factor, per matching source."""
    factor = action.factor
    problem = unit_problem(factor.unit)
    if problem:
        raise ConfigError(f"plan action '{action.id}': factor unit '{factor.unit}' is not a unit ({problem})")
    gas = inventory.gwp.canonical(factor.gas)
    if gas is None:
        raise ConfigError(f"plan action '{action.id}': gas '{factor.gas}' is not in the GWP set {inventory.gwp.name}")
    gwp = inventory.gwp.gwp(gas)
    out = np.zeros(len(sources))
    for i in np.flatnonzero(mask):
        unit = str(sources.at[i, "unit"])
        per = tonnes_per_unit(unit, factor.unit)
        if per is None:
            raise ConfigError(f"plan action '{action.id}': factor unit '{factor.unit}' does not fit the records' "
                              f"unit '{unit}' (activity '{sources.at[i, 'activity'] or sources.at[i, 'gas']}')")
        out[i] = factor.value * per * gwp
    return out


def make_plan(inventory, ledger: pd.DataFrame, years: dict[int, dict], targets: list[dict]) -> dict | None:
    """report.json ``plan`` (None without a ``[plan]`` in inventory.toml); see the module docstring."""
    plan: Plan | None = inventory.config.plan
    if plan is None or not years:
        return None
    config = inventory.config
    from_year = plan.from_year or max(years)
    if from_year not in years:
        raise ConfigError(f"plan.from_year {from_year}: the inventory has no records of that year "
                          f"(years: {', '.join(map(str, sorted(years)))})")
    horizon = [t.target_year for t in config.targets] + [config.neutrality_goal_year]
    to_year = plan.to_year or max([y for y in horizon if y > from_year] or [from_year + 1])
    if to_year <= from_year:
        raise ConfigError(f"plan.to_year {to_year} must be after from_year {from_year}")
    span = list(range(from_year, to_year + 1))
    sources = _sources(ledger, from_year)
    growth = _growth(plan, inventory.metrics, from_year, span)
    bau = sources["tco2e"].to_numpy()[:, None] * np.array([growth[y] for y in span])[None, :]
    bau = bau * _grid_index(inventory, plan, sources, from_year, span)
    left = bau.copy()
    abated = {}
    for action in plan.actions:
        mask = _matches(action, sources)
        if not mask.any():
            raise ConfigError(_matches_nothing(action, sources, from_year))
        ramp = np.array([_ramp(action.start_year, action.ramp_years, y) for y in span])
        before = left.copy()
        if action.reduction is not None:
            left[mask] -= left[mask] * action.reduction * ramp[None, :]
        elif action.tco2e is not None:
            total = left[mask].sum(axis=0)
            cut = np.minimum(action.tco2e * ramp, total)
            with np.errstate(divide="ignore", invalid="ignore"):
                left[mask] -= np.where(total > 0, left[mask] * (cut / total)[None, :], 0.0)
        else:
            coef = _factor_coefficients(inventory, action, sources, mask)
            new = sources["quantity_in"].to_numpy()[:, None] * coef[:, None] * np.array([growth[y] for y in span])[None, :]
            with np.errstate(divide="ignore", invalid="ignore"):
                ratio = np.where(bau > 0, new / bau, 1.0)
            left[mask] -= left[mask] * (1.0 - ratio[mask]) * ramp[None, :]
        abated[action.id] = (before - left).sum(axis=0)
    removals = np.zeros(len(span))
    for removal in plan.removals:
        removals += removal.tco2e * np.array([_ramp(removal.start_year, removal.ramp_years, y) for y in span])
    scope = sources["scope"].to_numpy().astype(int)

    def scopes_sum(matrix: np.ndarray, scopes) -> np.ndarray:
        return matrix[np.isin(scope, list(scopes))].sum(axis=0)

    primary = _primary_target(plan, targets, set(int(x) for x in np.unique(scope)), from_year)
    years_out = {}
    for j, year in enumerate(span):
        planned = float(left[:, j].sum())
        years_out[str(year)] = {
            "bau_tco2e": float(bau[:, j].sum()), "planned_tco2e": planned,
            "target_tco2e": _pathway(primary, year) if primary else None,
            "removals_tco2e": float(removals[j]),
            "credits_needed_tco2e": max(planned - float(removals[j]), 0.0),
            "by_scope": {f"scope{s}": {"bau_tco2e": float(scopes_sum(bau, [s])[j]),
                                       "planned_tco2e": float(scopes_sum(left, [s])[j])} for s in (1, 2, 3)},
        }
    actions = []
    for action in plan.actions:
        final = float(abated[action.id][-1])
        actions.append({
            "id": action.id, "name": action.name, "status": action.status, "start_year": action.start_year,
            "ramp_years": action.ramp_years,
            "effect": ("reduction" if action.reduction is not None else "tco2e" if action.tco2e is not None else "factor"),
            "abated_tco2e": {str(y): float(v) for y, v in zip(span, abated[action.id])},
            "cost": action.cost, "currency": action.currency,
            "cost_per_tco2e": (action.cost / final) if action.cost is not None and final > _EPS else None,
        })
    return {
        "base_year": config.base_year, "from_year": from_year, "to_year": to_year,
        "growth": plan.growth if not plan.driver else None, "driver": plan.driver,
        "scope2_method": config.scope2_method, "target": primary["id"] if primary else None,
        "years": years_out, "actions": actions,
        "cost_curve": sorted(({"id": a["id"], "name": a["name"], "cost_per_tco2e": a["cost_per_tco2e"],
                               "abated_tco2e": a["abated_tco2e"][str(to_year)], "currency": a["currency"]}
                              for a in actions if a["cost_per_tco2e"] is not None),
                             key=lambda a: (a["cost_per_tco2e"], a["id"])),
        "targets": [_verdict(t, span, bau, left, removals, scopes_sum, inventory.metrics, from_year) for t in targets],
    }


def _primary_target(plan: Plan, targets: list[dict], scopes: set[int], from_year: int) -> dict | None:
    """The target whose pathway the plan shows beside its totals: ``plan.target``, else the first absolute
    target, then the first neutrality target, covering every scope the plan projects and not yet past."""
    if plan.target:
        return next(t for t in targets if t["id"] == plan.target)
    fitting = [t for t in targets if scopes <= set(t["scopes"]) and t["target_year"] >= from_year]
    ordered = [t for t in fitting if t["kind"] == "absolute"] + [t for t in fitting if t["kind"] == "neutrality"]
    return ordered[0] if ordered else None


def _pathway(target: dict, year: int) -> float | None:
    """What the target allows in ``year`` (its scopes): the straight line from the base year's emissions to
    the goal in the target year (a neutrality target's goal: zero net emissions), then the goal."""
    base = target.get("base_tco2e")
    if base is None or target["kind"] == "intensity":
        return None
    share = min(max((year - target["base_year"]) / (target["target_year"] - target["base_year"]), 0.0), 1.0)
    return base * (1.0 - target["target_reduction"] * share)


def _verdict(target: dict, span: list[int], bau, left, removals, scopes_sum, metrics: dict, from_year: int) -> dict:
    out = {"id": target["id"], "kind": target["kind"], "scopes": target["scopes"], "target_year": target["target_year"],
           "met_by_plan": None, "planned_tco2e": None, "target_tco2e": None, "gap_tco2e": None, "note": ""}
    year = target["target_year"]
    if year < from_year:
        out["note"] = f"target year {year} is before the plan starts ({from_year}): see the target's status"
        return out
    if year > span[-1]:
        out["note"] = f"target year {year} is after the plan's last year ({span[-1]})"
        return out
    j = span.index(year)
    planned = float(scopes_sum(left, target["scopes"])[j])
    out["planned_tco2e"] = planned
    if target["kind"] == "neutrality":
        bau_t = float(scopes_sum(bau, target["scopes"])[j])
        credits = {str(y): max(float(scopes_sum(left, target["scopes"])[k]) - float(removals[k]), 0.0)
                   for k, y in enumerate(span)}
        needed = credits[str(year)]
        reductions = bau_t - planned
        used_removals = min(float(removals[j]), planned)
        out.update(target_tco2e=0.0, gap_tco2e=needed, met_by_plan=needed <= _EPS, credits_needed_tco2e=credits,
                   share_reductions=(reductions / bau_t) if bau_t > 0 else None,
                   share_removals=(used_removals / bau_t) if bau_t > 0 else None,
                   share_credits=(needed / bau_t) if bau_t > 0 else None)
        return out
    base = target.get("base_tco2e")
    if base is None:
        out["note"] = "the target has no base-year emissions"
        return out
    goal = base * (1.0 - target["target_reduction"])
    if target["kind"] == "intensity":
        metric = (target.get("metric") or "").lower()
        at_year, at_base = metrics.get((metric, year)), metrics.get((metric, target["base_year"]))
        if at_year is None or at_base is None:
            out["note"] = f"metrics.csv has no projected '{target.get('metric')}' for {year}"
            return out
        goal = base / at_base * (1.0 - target["target_reduction"]) * at_year
    out.update(target_tco2e=goal, gap_tco2e=planned - goal, met_by_plan=planned <= goal + _EPS * max(abs(goal), 1.0))
    return out


def plan_table(plan: dict) -> list[dict]:
    """One row per plan year: BAU, planned, the target pathway, removals and credits needed (tCO2e)."""
    return [{"year": int(y), "bau_tco2e": v["bau_tco2e"], "planned_tco2e": v["planned_tco2e"],
             "target_tco2e": v["target_tco2e"], "removals_tco2e": v["removals_tco2e"],
             "credits_needed_tco2e": v["credits_needed_tco2e"]} for y, v in plan["years"].items()]
