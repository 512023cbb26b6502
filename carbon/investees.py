"""Emissions of the consolidated accounting group vs other investees (ESRS E1-6 para 50; IFRS S2
para 29(a)(iv)), from the entities' ``class`` in entities.csv.

- ``consolidated_group``: records of the reporting company itself (blank entity) and of entities of class
  ``parent`` or ``subsidiary``;
- ``other_investees``: entities of class ``joint_venture``, ``associate``, ``unconsolidated`` or ``other``
  (under control consolidation they count only where the company has that control; under equity share,
  their share);
- ``unclassified``: entities the file lists without a class: shown, never put in a bucket by guess.

Each bucket: scope1, scope2_location, scope2_market, scope3, total (tCO2e as consolidated, the ledger's
``tco2e`` x boundary share; total follows ``scope2_method``). Computed only when entities.csv gives a class.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

__all__ = ["by_control", "GROUP_CLASSES", "INVESTEE_CLASSES"]

GROUP_CLASSES = ("parent", "subsidiary")
INVESTEE_CLASSES = ("joint_venture", "associate", "unconsolidated", "other")
BUCKETS = ("consolidated_group", "other_investees", "unclassified")
ZERO = {"scope1": 0.0, "scope2_location": 0.0, "scope2_market": 0.0, "scope3": 0.0, "total": 0.0}


def by_control(ledger: pd.DataFrame, boundary) -> dict[int, dict]:
    """``{year: {bucket: {scope1, scope2_location, scope2_market, scope3, total}}}``, or {} without classes."""
    if boundary is None or "class" not in boundary.entities.columns or not (boundary.entities["class"] != "").any():
        return {}
    classes = boundary.entities["class"]
    entity_class = ledger["entity"].map(classes).fillna("").to_numpy(dtype=object)
    entity_class = np.where(ledger["entity"].to_numpy() == "", "parent", entity_class)
    bucket = np.where(np.isin(entity_class, GROUP_CLASSES), "consolidated_group",
                      np.where(np.isin(entity_class, INVESTEE_CLASSES), "other_investees", "unclassified"))
    frame = pd.DataFrame({"year": ledger["year"].to_numpy(), "scope": ledger["scope"].to_numpy(), "bucket": bucket,
                          "tco2e": ledger["tco2e"].to_numpy(), "loc": ledger["tco2e_location"].to_numpy(),
                          "mkt": ledger["tco2e_market"].to_numpy()})
    out: dict[int, dict] = {}
    for (year, name), part in frame.groupby(["year", "bucket"], sort=True):
        def fsum(column: str, scope: int) -> float:
            return math.fsum(part.loc[part["scope"] == scope, column])
        out.setdefault(int(year), {b: dict(ZERO) for b in BUCKETS})[name] = {
            "scope1": fsum("tco2e", 1), "scope2_location": fsum("loc", 2), "scope2_market": fsum("mkt", 2),
            "scope3": fsum("tco2e", 3), "total": math.fsum(part["tco2e"])}
    return out
