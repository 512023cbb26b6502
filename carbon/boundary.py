"""The organisational boundary (GHG Protocol Corporate Standard ch. 3): which share of each entity's
emissions the inventory takes.

``entities.csv``: ``entity, parent, equity_share, financial_control, operational_control, acquired,
divested``. Under ``consolidation = "operational_control"`` (the default) or ``"financial_control"``
an entity counts 100% when the company has that control and 0% when not; under ``"equity_share"`` it
counts its equity share. A record of a year before the entity was acquired or after the year it was
divested counts 0%. Records with a blank entity belong to the reporting company itself (100%).
Records outside the boundary stay in the ledger with share 0 and are reported as excluded, with
their emissions: never dropped silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import Issue
from .tables import RowChecks, check_required, optional_table, to_integer, to_number

__all__ = ["Boundary", "load_boundary", "shares"]

ENTITY_COLUMNS = ["entity", "parent", "equity_share", "financial_control", "operational_control",
                  "acquired", "divested"]
# optional ``class``: what the entity is in the financial statements, for the split of emissions between the
# consolidated accounting group (parent, subsidiaries) and other investees (ESRS E1-6 para 50, IFRS S2 29(a)(iv))
ENTITY_CLASSES = ("parent", "subsidiary", "joint_venture", "associate", "unconsolidated", "other")
TRUE, FALSE = {"yes", "y", "true", "1", "x"}, {"no", "n", "false", "0", ""}


@dataclass(frozen=True)
class Boundary:
    """Entities with their equity share (0-1), control flags and ownership years."""

    approach: str
    entities: pd.DataFrame  # index: entity; columns equity_share, financial_control, operational_control,
                            # acquired (Int64), divested (Int64), parent, class ('' when not given)
    file: str


def load_boundary(root: Path, name: str | None, approach: str) -> tuple[Boundary | None, list[Issue]]:
    """Read entities.csv (``name``, or ``entities.csv`` when it exists); None when there is none."""
    table, name, issues = optional_table(root, name, "entities.csv", "entities file")
    if table is None:
        return None, issues
    missing = check_required(table, name, ["entity"] + (["equity_share"] if approach == "equity_share" else
                                                         [approach]))
    if missing:
        return None, missing
    for column in ENTITY_COLUMNS + ["class"]:
        if column not in table.columns:
            table[column] = ""
    flag = RowChecks(table, "entity")
    flag(table["entity"] == "", "entity", "an entity name")
    flag(table["entity"].ne("") & table.duplicated("entity"), "entity", "each entity once")
    text = table["equity_share"].str.rstrip("%").str.strip()
    share = to_number(text)
    share = share.where(~table["equity_share"].str.endswith("%"), share / 100)
    flag((table["equity_share"] != "") & ~share.between(0, 1), "equity_share",
         "a share from 0 to 1 (0.4) or a percentage (40%)")
    if approach == "equity_share":
        flag(table["equity_share"] == "", "equity_share", "the equity share (consolidation = \"equity_share\")")
    for column in ("financial_control", "operational_control"):
        flag(~table[column].str.lower().isin(TRUE | FALSE), column, "yes or no")
    years = {}
    for column in ("acquired", "divested"):
        years[column] = to_integer(table[column].str.slice(0, 4))
        flag((table[column] != "") & years[column].isna(), column, "a year (2021) or a date (2021-06-30), or blank")
    entity_class = table["class"].str.strip().str.lower()
    flag(~entity_class.isin(("",) + ENTITY_CLASSES), "class", ", ".join(ENTITY_CLASSES) + ", or blank")
    issues += flag.issues
    good = ~flag.bad
    entities = pd.DataFrame({
        "equity_share": share[good].fillna(1.0).to_numpy(),
        "financial_control": table.loc[good, "financial_control"].str.lower().isin(TRUE).to_numpy(),
        "operational_control": table.loc[good, "operational_control"].str.lower().isin(TRUE).to_numpy(),
        "acquired": years["acquired"][good].to_numpy(), "divested": years["divested"][good].to_numpy(),
        "parent": table.loc[good, "parent"].to_numpy(),
        "class": entity_class[good].to_numpy(),
    }, index=pd.Index(table.loc[good, "entity"], name="entity"))
    return Boundary(approach, entities, name), issues


def shares(boundary: Boundary | None, entity: pd.Series, year: pd.Series,
           files: pd.Series, rows: pd.Series, ids: pd.Series) -> tuple[np.ndarray, np.ndarray, list[Issue]]:
    """Per record: the share of its emissions in the inventory (0 to 1), why it is less than 1, and
    issues for records naming an entity the entities file does not list."""
    n = len(entity)
    if boundary is None:
        return np.ones(n), np.full(n, "", dtype=object), []
    known = entity.isin(boundary.entities.index) | (entity == "")
    issues = [Issue(f, int(r), i, "entity", e, f"an entity listed in {boundary.file} (or blank for the reporting "
                                               "company itself)")
              for f, r, i, e in zip(files[~known], rows[~known], ids[~known], entity[~known])]
    table = boundary.entities.reindex(entity.where(known & (entity != ""), None))
    if boundary.approach == "equity_share":
        share = table["equity_share"].to_numpy(dtype="float64", na_value=1.0)
        note = np.where(share < 1, "equity share", "")
    else:
        controlled = table[boundary.approach].to_numpy(dtype="float64", na_value=1.0)
        share = controlled
        note = np.where(controlled < 1, f"no {boundary.approach.replace('_', ' ')}", "")
    acquired = table["acquired"].to_numpy(dtype="float64", na_value=np.nan)
    divested = table["divested"].to_numpy(dtype="float64", na_value=np.nan)
    y = year.to_numpy(dtype="float64")
    outside = (y < acquired) | (y > divested)  # NaN compares False: no date, no limit
    share = np.where(outside, 0.0, share)
    note = np.where(outside, "not owned in that year", note).astype(object)
    return share, note, issues
