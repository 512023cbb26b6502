"""Assemble the report dict from the ledger. Its keys are the public report.json contract."""

from __future__ import annotations

import pandas as pd

from .. import __version__
from ..aggregate import conservation, summarise
from ..inventory import Inventory
from ..targets import evaluate_targets, neutrality_progress

__all__ = ["build_report"]


def build_report(inventory: Inventory, ledger: pd.DataFrame) -> dict:
    """Everything report.json holds; all emissions in tonnes CO2e.

    Keys: organisation, base_year, gwp, years (per year: scope1, scope2, scope3, total, biogenic_co2,
    categories, credits_tco2e), targets, neutrality, factor_sets, records, conservation,
    engine_version.
    """
    years = summarise(ledger, inventory.categories)
    credits = inventory.credits
    for year, values in years.items():
        values["credits_tco2e"] = float(credits.loc[credits["year"] == year, "tco2e"].sum())
    return {
        "organisation": inventory.config.organisation,
        "base_year": inventory.config.base_year,
        "gwp": inventory.gwp.name,
        "years": {str(y): years[y] for y in sorted(years)},
        "targets": evaluate_targets(inventory.config, ledger, years, credits),
        "neutrality": neutrality_progress(inventory.config, ledger, years, credits),
        "factor_sets": [{"name": s.name, "shipped": s.shipped,
                         "rows_used": int((ledger["factor_set"] == s.name).sum())}
                        for s in inventory.factors.sources],
        "records": {"read": inventory.records_read, "in_ledger": int(len(ledger)),
                    "flagged": _flag_counts(ledger)},
        "conservation": conservation(inventory.records_read, ledger, years),
        "engine_version": __version__,
    }


def _flag_counts(ledger: pd.DataFrame) -> dict[str, int]:
    flags = ledger["factor_flags"].str.split(";").explode()
    flags = flags[flags.fillna("") != ""].str.split(":").str[0]
    return {k: int(v) for k, v in sorted(flags.value_counts().items())}
