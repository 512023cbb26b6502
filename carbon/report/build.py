"""Assemble the report dict from the ledger. Its keys are the public report.json contract."""

from __future__ import annotations

import pandas as pd

from .. import __version__
from ..aggregate import conservation, quality_summary, summarise
from ..breakdown import by_country, by_gas
from ..categories import coverage
from ..attribution import attribute
from ..factorsets import verification_text
from ..audit import published_credits, published_years, restatements
from ..energy import energy_by_year
from ..financed import financed_summary
from ..investees import by_control
from ..uncertainty import add_uncertainty
from ..fill import add_estimated_shares
from ..valuechain import add_primary_shares
from ..inventory import Inventory
from ..plan import make_plan
from ..recalculation import recalculate
from .names import category_names
from .verdict import verdict
from ..targets import evaluate_targets, neutrality_overview, neutrality_progress

__all__ = ["build_report"]


def build_report(inventory: Inventory, ledger: pd.DataFrame, previous_lock: dict | None = None,
                 draws: int = 0, seed: int = 0, as_published: bool = False) -> dict:
    """Everything report.json holds; all emissions in tonnes CO2e.

    Keys: organisation, base_year, gwp, years (per year: scope1, scope2, scope3, total, scope2_location,
    scope2_market, biogenic_co2, categories, credits_tco2e, energy_mwh, by_control, total_location,
    total_market, by_gas, by_country, intensity), targets, neutrality, category_names (every
    registered category key's name, the inventory's own for a custom one, in report order), verdict, scope2_method,
    consolidation, instruments, excluded, factor_sets (each with its verification grade and the records
    using reprinted factors), reprinted_factors_used, warnings (each: kind, file, row, record_id, column,
    value, read_as, count, text), records, conservation, engine_version; restatements
    (closed years recomputed vs as published), closed_years, as_published (years shown as published:
    ``as_published=True`` takes each closed year's figures from its closed file).
    """
    years = computed = summarise(ledger, inventory.categories)
    restated, closed_years = restatements(inventory, years)  # closed years: recomputed vs as published
    published: list[int] = []
    if as_published:
        years, published = published_years(inventory, years)
    credits = published_credits(inventory, published) if published else inventory.credits
    financed = financed_summary(inventory.positions) if len(inventory.positions) else {}
    for year, values in years.items():
        values["credits_tco2e"] = float(credits.loc[credits["year"] == year, "tco2e"].sum())
        if year in financed:
            values["financed"] = financed[year]
    energy = energy_by_year(ledger, ledger.attrs.get("instruments", []), inventory.metrics, inventory.categories)
    for year, values in years.items():
        # gross totals both ways (ESRS E1-6 para 52): Scope 1 + Scope 2 (location / market) + Scope 3
        if all(isinstance(values.get(k), (int, float)) for k in ("scope1", "scope2_location", "scope2_market", "scope3")):
            values["total_location"] = values["scope1"] + values["scope2_location"] + values["scope3"]
            values["total_market"] = values["scope1"] + values["scope2_market"] + values["scope3"]
            revenue = inventory.metrics.get(("revenue", year))
            if revenue:  # GHG intensity per revenue (ESRS E1-6 para 53, CDP C6.10), revenue as in metrics.csv
                scope12 = values["scope1"] + values["scope2"]
                values["intensity"] = {"metric": "revenue", "revenue": revenue, "scope12_tco2e": scope12,
                                       "scope12_per_revenue": scope12 / revenue,
                                       "total_location_per_revenue": values["total_location"] / revenue,
                                       "total_market_per_revenue": values["total_market"] / revenue}
        if year in energy:
            values["energy_mwh"] = energy[year]  # carbon/energy.py: MWh by source, renewable vs not
    split = by_control(ledger, inventory.boundary)
    gases, countries = by_gas(ledger, inventory.gwp), by_country(ledger)  # carbon/breakdown.py
    for year, values in years.items():
        if year in split:
            values["by_control"] = split[year]  # carbon/investees.py: consolidated group vs other investees
        if year in gases:
            values["by_gas"] = gases[year]
        if year in countries:
            values["by_country"] = countries[year]
    recalculation = recalculate(inventory, ledger, years)
    warnings = ledger.attrs.get("warnings", [])
    table = inventory.factors.table
    grades = ledger["factor_verification"].fillna("") if "factor_verification" in ledger.columns else pd.Series(
        "", index=ledger.index)
    reprint = grades.str.contains("reprint") | grades.str.contains("unverified")
    if previous_lock is not None:
        recalculation["methodology"] = _methodology_move(inventory, years, previous_lock)
    targets = evaluate_targets(inventory.config, ledger, years, credits, recalculation, inventory.metrics)
    report = {
        "organisation": inventory.config.organisation,
        "base_year": inventory.config.base_year,
        "gwp": inventory.gwp.name,
        "years": {str(y): years[y] for y in sorted(years)},
        "targets": targets,
        "neutrality": neutrality_progress(inventory.config, ledger, years, credits, targets),
        "neutrality_overview": neutrality_overview(inventory.config, years, credits),
        "recalculation": recalculation,
        "category_names": category_names(inventory.categories),
        "scope3_categories": coverage(ledger, inventory.categories, inventory.config.scope3_relevant),
        "data_quality": quality_summary(ledger, max(years)) if years else None,
        "factor_sets": [{"name": s.name, "shipped": s.shipped,
                         "rows_used": int((ledger["factor_set"] == s.name).sum()),
                         "verification": verification_text(table[table["set"] == s.name]),
                         "records_reprint": int(((ledger["factor_set"] == s.name) & reprint).sum())}
                        for s in inventory.factors.sources],
        "reprinted_factors_used": bool(reprint.any()),
        "warnings": [w.as_dict() for w in warnings],
        "scope2_method": inventory.config.scope2_method,
        "consolidation": inventory.config.consolidation if inventory.boundary is not None else None,
        "instruments": ledger.attrs.get("instruments", []),
        "excluded": _excluded(ledger),
        "records": {"read": inventory.records_read, "in_ledger": int(len(ledger)),
                    "flagged": _flag_counts(ledger)},
        "conservation": {**conservation(inventory.records_read, ledger, computed),
                         **({"figures": "recomputed", "years_shown_as_published": published} if published else {})},
        "restatements": restated,
        "closed_years": closed_years,
        "as_published": published,
        "engine_version": __version__,
    }
    add_primary_shares(report, ledger)
    add_estimated_shares(report, ledger, inventory.records)
    plan = make_plan(inventory, ledger, years, report["targets"])
    if plan is not None:
        report["plan"] = plan
    report["verdict"] = verdict(report)
    ordered = sorted(years)
    if len(ordered) >= 2:
        start = inventory.config.base_year if inventory.config.base_year in years else ordered[0]
        report["attribution"] = attribute(ledger, start, ordered[-1])
    mapping = inventory.config.uncertainty_mapping
    if mapping:  # checked whether or not draws are asked for: validate and report fail alike
        from ..tables import inside
        from ..uncertainty import load_mapping

        mapping = inside(inventory.root, mapping, "uncertainty mapping")
        load_mapping(mapping)
    if draws:
        add_uncertainty(report, ledger, draws=draws, seed=seed, mapping=mapping)
        for year in published:  # the draws are of the recomputed figures: no interval beside published ones
            report["years"][str(year)].pop("interval95", None)
        if published and isinstance(report.get("uncertainty"), dict):
            report["uncertainty"]["no_interval_for_years_as_published"] = published
    return report


def _methodology_move(inventory: Inventory, years: dict[int, dict], lock: dict) -> dict:
    """How the base year moved since the previous report (its carbon.lock), and which factor and GWP
    files changed: a methodology change the base year already reflects (it is always recomputed)."""
    from ..lock import current_files

    now = current_files(inventory)
    changed = sorted(name for group in ("factors", "gwp")
                     for name in set(lock.get("files", {}).get(group, {})) | set(now.get(group, {}))
                     if lock.get("files", {}).get(group, {}).get(name) != now.get(group, {}).get(name))
    before = lock.get("totals", {}).get(str(inventory.config.base_year), {}).get("total")
    after = years.get(inventory.config.base_year, {}).get("total")
    moved = None if before is None or after is None else after - before
    return {"files_changed": changed, "gwp_before": lock.get("gwp"), "gwp_now": inventory.gwp.name,
            "base_total_before": before, "base_total_now": after, "moved_tco2e": moved,
            "moved_share": (moved / before) if moved is not None and before else None}


def _excluded(ledger: pd.DataFrame) -> list[dict]:
    """Emissions outside the boundary (or the part of them outside it), by entity, year and reason."""
    out = ledger[ledger["boundary_share"] < 1]
    rows = []
    for (entity, year, note), part in out.groupby(["entity", "year", "boundary_note"], sort=True):
        rows.append({"entity": entity, "year": int(year), "reason": note, "share_included": float(part["boundary_share"].iloc[0]),
                     "entity_tco2e": float(part["tco2e_entity"].sum()),
                     "excluded_tco2e": float((part["tco2e_entity"] * (1 - part["boundary_share"])).sum())})
    return rows


def _flag_counts(ledger: pd.DataFrame) -> dict[str, int]:
    """Records per kind of factor flag: split once per distinct flag text, weighted by its records."""
    counts: dict[str, int] = {}
    for text, n in ledger["factor_flags"].fillna("").value_counts().items():
        for kind in (f.split(":")[0] for f in str(text).split(";") if f):
            counts[kind] = counts.get(kind, 0) + int(n)
    return dict(sorted(counts.items()))
