"""``carbon init DIR``: a ready-to-edit inventory skeleton that validates as written."""

from __future__ import annotations

from pathlib import Path

from .errors import CarbonError

__all__ = ["init_inventory"]

TOML = '''# inventory.toml: the configuration of one greenhouse-gas inventory (format: see the README).
organisation = "My Company"        # your organisation's name, as the report shows it
base_year = 2020                   # the year targets are measured against
gwp = "AR5"                        # 100-year GWPs: AR4, AR5 or AR6 (or a path to your own gas,gwp CSV)

# Factor sets, searched in order: a folder or CSV in this inventory, or a shipped set
# (carbon factors list). Each record takes its factor from the first set that has its activity.
factors = ["factors", "egrid", "epa-2025"]   # egrid: US grid electricity of each eGRID year, before epa-2025

activities = ["activities/*.csv"]  # activity files: CSV, .xlsx or .parquet; globs relative to this file
credits = "credits.csv"            # retired carbon credits (avoidance / removal), never netted off scopes
# instruments = "instruments.csv"  # RECs, GOs, PPAs, supplier rates for market-based Scope 2
# entities = "entities.csv"        # the organisational boundary (subsidiaries, joint ventures)
# consolidation = "operational_control"   # or "financial_control" or "equity_share"
# scope2_method = "market"         # Scope 2 figure the totals follow: "market" or "location"
# years = [2020, 2024]             # refuse records outside these reporting years

[[targets]]
id = "ops-30"                      # Scope 1+2 down 30% from the base year by 2025
scopes = [1, 2]
reduction = 0.30
target_year = 2025

[[targets]]
id = "neutral-2030"                # net zero (gross minus retired credits) of all scopes by 2030
kind = "neutrality"
scopes = [1, 2, 3]
target_year = 2030
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

    carbon validate .        # every problem, with file, row and record
    carbon report . -o out   # out/report.md, out/report.json, out/carbon.lock

Your own factors go in `factors/` (the CSV format is in the engine's factors/README.md); they win over
the shipped sets for the activities they have. Cite each factor's source in its `source` column.
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
