"""``carbon init DIR``: a ready-to-edit inventory skeleton that validates as written."""

from __future__ import annotations

from pathlib import Path

from .errors import CarbonError

__all__ = ["init_inventory"]

TOML = '''# inventory.toml: the configuration of one greenhouse-gas inventory (format: see the engine's README).
# The lines starting with '#' are optional keys, shown with an example value: remove the '#' to use one.
organisation = "My Company"        # your organisation's name, as the report shows it
base_year = 2020                   # the year targets are measured against
gwp = "AR5"                        # 100-year GWPs: AR4, AR5 or AR6 (or a path to your own gas,gwp CSV)

# Factor sets, searched in order: a folder or CSV in this inventory, or a shipped set
# (carbon factors list). Each record takes its factor from the first set that has its activity.
factors = ["factors", "egrid", "epa-2025"]   # egrid: US grid electricity of each eGRID year, before epa-2025

activities = ["activities/*.csv"]  # activity files: CSV, .xlsx or .parquet; globs relative to this file
credits = "credits.csv"            # retired carbon credits (avoidance / removal), never netted off scopes
# years = [2020, 2024]             # reporting years: records outside them are refused
# scope2_method = "market"         # the Scope 2 figure the totals follow: "market" (default) or "location"

# Optional files (each read when named here, or when a file of that name is in this folder; their
# columns are in README.md beside this file):
# instruments = "instruments.csv"  # RECs, GOs, PPAs, supplier rates for market-based Scope 2
# entities = "entities.csv"        # the organisational boundary (subsidiaries, joint ventures)
# consolidation = "operational_control"   # or "financial_control" or "equity_share"
# changes = "changes.csv"          # acquisitions, divestments, method changes: base-year recalculation
# metrics = "metrics.csv"          # revenue, employees, floor area: the denominators of intensity targets
# investments = "investments.csv"  # loans and investments: Scope 3 category 15 (PCAF financed emissions)

# significance_threshold = 0.05    # base-year recalculation threshold, a fraction (0.05 = 5%)
# recalculation = "policy"         # "policy" (default), "always" or "never"
# scope3_relevant = [1, 2, 3, 6, 7]   # the Scope 3 categories relevant to you (default: all 15)
# neutrality_goal_year = 2030      # the corporate neutrality goal the report measures the gap to

[[targets]]
id = "ops-30"                      # Scope 1+2 down 30% from the base year by 2025
scopes = [1, 2]
reduction = 0.30                   # a fraction: 0.30 for 30% ("30%" is read too; a bare 30 is refused)
target_year = 2025
# base_year = 2021                 # a target's own base year (default: base_year above)
# scope2_method = "location"       # a target's own Scope 2 method

[[targets]]
id = "neutral-2030"                # net zero (gross minus retired credits) of all scopes by 2030
kind = "neutrality"
scopes = [1, 2, 3]
target_year = 2030

# [[targets]]                      # an intensity target: tCO2e per unit of a metric of metrics.csv
# id = "intensity-50"
# kind = "intensity"
# metric = "revenue"
# scopes = [1, 2]
# reduction = 0.50
# target_year = 2030

# [[categories]]                   # your own sub-category: records then use category "1.cloud"
# scope = 3
# code = "1.cloud"
# name = "Cloud services"          # the name the report shows beside the code
# parent = "1"                     # the standard category it rolls up to
'''

ACTIVITIES = '''record_id,year,scope,category,activity,gas,quantity,unit,region,entity,facility,source,data_quality,notes
S1-GAS-2020,2020,1,stationary_combustion,natural_gas,,1000,therm,,,Head office,gas bills,metered,replace with your data
S1-LEAK-2020,2020,1,fugitive,,R-410A,2.5,kg,,,Head office,service log,metered,refrigerant top-up: a direct emission
S2-ELEC-2020,2020,2,electricity,electricity,,250,MWh,US-CAMX,,Head office,utility bills,metered,eGRID subregion
S3-FLY-2020,2020,3,6,air_long_haul,,40000,passenger*mile,,,,travel agency,estimated,business travel
'''

CREDITS = '''credit_id,year,quantity,unit,type
CR-2020-1,2020,10,tCO2e,removal
'''

FACTORS = '''activity,region,year,gas,value,unit,source
'''

README = '''# My inventory

Made by `carbon init`. Edit `inventory.toml`, replace the example rows in `activities/` with your
data, then:

    carbon validate .        # every problem, with file, row and record; writes nothing
    carbon report . -o out   # out/report.html, out/report.md, out/report.json and out/carbon.lock
    carbon verify . --lock out/carbon.lock   # later: do the inputs and totals still match the report?

Open `out/report.html` in a browser: the first lines say, target by target, whether you are on track.

Your own factors go in `factors/` (columns `activity,region,year,gas,value,unit,source`, as in the
engine's factors/README.md); they win over the shipped sets for the activities they have. Cite each
factor's source in its `source` column.

## Optional files

Each is read when `inventory.toml` names it or when a file of that name is in this folder.

| file | columns | what for |
|---|---|---|
| `instruments.csv` | `instrument_id, year, type, quantity, unit, region, facility, emission_rate, rate_unit, source` | RECs, GOs, PPAs and supplier rates (market-based Scope 2) |
| `entities.csv` | `entity, parent, equity_share, financial_control, operational_control, acquired, divested` | the organisational boundary; records name their `entity` |
| `changes.csv` | `change_id, year, type, scope, entity, category, base_year_tco2e, description` | structural and method changes: base-year recalculation |
| `metrics.csv` | `metric, year, value` | denominators of intensity targets (revenue, employees, ...) |
| `investments.csv` | see the engine's README, "Financed emissions" | Scope 3 category 15 (PCAF) |

The engine's README describes every column; `carbon validate .` names any it does not expect.
'''


def init_inventory(folder: str | Path) -> list[Path]:
    """Write the skeleton into ``folder`` (created; it must not already hold an inventory.toml)."""
    from .output import check_folder_target, write_file

    root = check_folder_target(folder, "the inventory skeleton", "my-inventory")
    if (root / "inventory.toml").exists():
        raise CarbonError(f"{root / 'inventory.toml'} exists already; choose an empty folder")
    files = {"inventory.toml": TOML, "activities/activities.csv": ACTIVITIES, "credits.csv": CREDITS,
             "factors/my_factors.csv": FACTORS, "README.md": README}
    written = []
    for name, text in files.items():
        written.append(write_file(root / name, text, name))
    return written
