"""Build ``factors/gwp/AR4.csv``, ``AR5.csv`` and ``AR6.csv`` (100-year GWPs) from reference copies.

Generated tables: do not edit them by hand; change this script and run it again (from the repository root)::

    python factors/tools/build_gwp.py /work/shared/reference/data factors/gwp

The first argument is the reference data folder that holds

* ``gwp/globalwarmingpotentials.csv`` -- verbatim copy of the IPCC tables from the PyPI package
  ``globalwarmingpotentials`` 0.13.2 (CC0-1.0): columns ``AR4GWP100`` (AR4 WG1 Table 2.14),
  ``AR5GWP100`` (AR5 WG1 Table 8.A.1), ``AR6GWP100`` (AR6 WG1 Table 7.SM.7). Source of every gas value.
* ``gwp/gwp100_reference.csv`` and ``gwp/refrigerant_blends_computed.csv`` -- cross-checked summaries,
  used only as assertions (the build stops if a value disagrees).
* ``us_epa_ghg_hub_2025/table11_gwp_ar5.csv`` (AR5 values, assertion only) and
  ``us_epa_ghg_hub_2025/table12_refrigerant_blends_gwp_ar5.csv`` (blend compositions; its AR5 blend
  GWPs are asserted equal to ours).

Kept: the Kyoto basket (CO2, CH4, N2O, HFCs, PFCs, SF6, NF3, SF5CF3) and refrigerant blends made only of
HFCs/PFCs (hydrocarbon components count as 0, as in EPA Hub Table 12). Blends containing HCFCs are not
written. Blend GWP = sum(mass fraction x component GWP of the same report), exact decimal arithmetic,
rounded half-up to a whole number (the EPA Hub / DEFRA publication convention). Output is deterministic.
"""

from __future__ import annotations

import csv
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

HEADER = ["gas", "gwp", "name", "source"]

REPORTS = {
    "AR4": {
        "column": "AR4GWP100",
        "table": "IPCC AR4 WG1 Ch.2 Table 2.14",
        "title": "IPCC Fourth Assessment Report (AR4) Working Group I (2007) Chapter 2 Table 2.14",
    },
    "AR5": {
        "column": "AR5GWP100",
        "table": "IPCC AR5 WG1 Ch.8 Table 8.A.1",
        "title": "IPCC Fifth Assessment Report (AR5) Working Group I (2013) Chapter 8 Appendix 8.A Table 8.A.1",
    },
    "AR6": {
        "column": "AR6GWP100",
        "table": "IPCC AR6 WG1 Ch.7 Table 7.SM.7",
        "title": "IPCC Sixth Assessment Report (AR6) Working Group I (2021) Chapter 7 Tables 7.15 and 7.SM.7",
    },
}

# package species -> (gas name written by users, descriptive name); order = output order (Kyoto basket order:
# N2O, HFCs, PFCs, SF6, NF3, SF5CF3). CO2 and the CH4 rows are written separately, first.
GASES = [
    ("N2O", "N2O", "Nitrous oxide"),
    ("HFC23", "HFC-23", "CHF3"),
    ("HFC32", "HFC-32", "CH2F2"),
    ("HFC41", "HFC-41", "CH3F"),
    ("HFC125", "HFC-125", "CHF2CF3"),
    ("HFC134", "HFC-134", "CHF2CHF2"),
    ("HFC134a", "HFC-134a", "CH2FCF3"),
    ("HFC143", "HFC-143", "CH2FCHF2"),
    ("HFC143a", "HFC-143a", "CH3CF3"),
    ("HFC152", "HFC-152", "CH2FCH2F"),
    ("HFC152a", "HFC-152a", "CH3CHF2"),
    ("HFC161", "HFC-161", "CH3CH2F"),
    ("HFC227ea", "HFC-227ea", "CF3CHFCF3"),
    ("HFC236cb", "HFC-236cb", "CH2FCF2CF3"),
    ("HFC236ea", "HFC-236ea", "CHF2CHFCF3"),
    ("HFC236fa", "HFC-236fa", "CF3CH2CF3"),
    ("HFC245ca", "HFC-245ca", "CH2FCF2CHF2"),
    ("HFC245fa", "HFC-245fa", "CHF2CH2CF3"),
    ("HFC365mfc", "HFC-365mfc", "CH3CF2CH2CF3"),
    ("HFC4310mee", "HFC-43-10mee", "CF3CHFCHFCF2CF3"),
    ("CF4", "PFC-14", "Perfluoromethane (CF4)"),
    ("C2F6", "PFC-116", "Perfluoroethane (C2F6)"),
    ("cC3F6", "PFC-c216", "Perfluorocyclopropane (c-C3F6)"),
    ("C3F8", "PFC-218", "Perfluoropropane (C3F8)"),
    ("cC4F8", "PFC-318", "Perfluorocyclobutane (c-C4F8)"),
    ("C4F10", "PFC-31-10", "Perfluorobutane (C4F10)"),
    ("C5F12", "PFC-41-12", "Perfluoropentane (C5F12)"),
    ("C6F14", "PFC-51-14", "Perfluorohexane (C6F14)"),
    ("C7F16", "PFC-61-16", "Perfluoroheptane (C7F16)"),
    ("C8F18", "PFC-71-18", "Perfluorooctane (C8F18)"),
    ("C10F18", "PFC-91-18", "Perfluorodecalin (C10F18)"),
    ("SF6", "SF6", "Sulphur hexafluoride"),
    ("NF3", "NF3", "Nitrogen trifluoride"),
    ("SF5CF3", "SF5CF3", "Trifluoromethyl sulphur pentafluoride"),
]
PACKAGE_NAME = {gas: pkg for pkg, gas, _ in GASES}

# CH4 rows. Plain "CH4" = the main IPCC table value (AR6: 7.SM.7, no CO2 from fossil-carbon oxidation).
# Fossil / non-fossil values are not in the package: cited here; fossil ones asserted against gwp100_reference.csv.
CH4_ROWS = {
    "AR4": [
        ("CH4", "25", "Methane", "IPCC AR4 WG1 Ch.2 Table 2.14"),
        ("CH4-fossil", "25", "Methane (fossil)",
         "IPCC AR4 WG1 Ch.2 Table 2.14 CH4 value; AR4 gives no fossil split - same as CH4 so the name works in every set"),
        ("CH4-non-fossil", "25", "Methane (non-fossil)",
         "IPCC AR4 WG1 Ch.2 Table 2.14 CH4 value; AR4 gives no fossil split - same as CH4 so the name works in every set"),
    ],
    "AR5": [
        ("CH4", "28", "Methane", "IPCC AR5 WG1 Ch.8 Table 8.A.1"),
        ("CH4-fossil", "30", "Methane (fossil; incl. CO2 from oxidation)",
         "IPCC AR5 WG1 Ch.8 Table 8.7 footnote (fossil CH4 GWP100 = 30)"),
        ("CH4-non-fossil", "28", "Methane (non-fossil)",
         "IPCC AR5 WG1 Ch.8 Table 8.A.1 CH4 value; AR5 gives no separate non-fossil number - same as CH4 so the name works in every set"),
    ],
    "AR6": [
        ("CH4", "27.9", "Methane", "IPCC AR6 WG1 Ch.7 Table 7.SM.7"),
        ("CH4-fossil", "29.8", "Methane (fossil; incl. CO2 from oxidation)", "IPCC AR6 WG1 Ch.7 Table 7.15"),
        ("CH4-non-fossil", "27.0", "Methane (non-fossil)", "IPCC AR6 WG1 Ch.7 Table 7.15"),
    ],
}

# EPA Hub 2025 Table 12 rows whose printed AR5 GWP does not follow from the composition printed in the same row
# (documented in SOURCE.md; we ship the value computed from the IPCC AR5 component GWPs).
EPA_TABLE12_INCONSISTENT = {"R-424A": "3104"}

HYDROCARBONS = {"propane", "propylene", "butane", "isobutane", "isopentane"}


def read_package(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    return {r["Species"]: r for r in csv.DictReader(lines)}


def read_blends(path: Path) -> list[tuple[str, str, list[tuple[Decimal, str]], str]]:
    """EPA Hub Table 12 -> [(blend, published AR5 GWP, [(mass fraction, component)], composition text)]."""
    out = []
    with path.open(newline="") as f:
        for r in csv.DictReader(f):
            parts, text = [], []
            for item in r["composition"].split(","):
                m = re.fullmatch(r"\s*([\d.]+)%\s+(\S+)\s*", item)
                if not m:
                    raise ValueError(f"cannot parse composition {r['composition']!r}")
                parts.append((Decimal(m.group(1)) / 100, m.group(2)))
                text.append(f"{m.group(1)}% {m.group(2)}")
            if sum(p for p, _ in parts) != 1:
                raise ValueError(f"{r['ashrae']}: fractions do not sum to 100%")
            out.append((r["ashrae"], r["gwp100_ar5"], parts, " + ".join(text)))
    return out


def fmt(value: Decimal) -> str:
    return str(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def build(data: Path) -> dict[str, list[list[str]]]:
    pkg = read_package(data / "gwp" / "globalwarmingpotentials.csv")
    blends = read_blends(data / "us_epa_ghg_hub_2025" / "table12_refrigerant_blends_gwp_ar5.csv")
    tables: dict[str, list[list[str]]] = {}
    for rep, meta in REPORTS.items():
        rows = [["CO2", "1", "Carbon dioxide", f"{meta['table']} (reference gas; GWP = 1 by definition)"]]
        rows += [list(r) for r in CH4_ROWS[rep]]
        if pkg["CH4"][meta["column"]] != CH4_ROWS[rep][0][1]:
            raise AssertionError(f"{rep} CH4 differs from package")
        values: dict[str, Decimal] = {}
        for species, gas, name in GASES:
            v = pkg[species][meta["column"]].strip()
            if not v:
                continue  # not in this report's table
            values[gas] = Decimal(v)
            rows.append([gas, v, name, meta["table"]])
        for blend, _, parts, text in sorted(blends):
            comps = [c for _, c in parts if c not in HYDROCARBONS]
            if any(not c.startswith(("HFC-", "PFC-")) for c in comps):
                continue  # contains HCFCs (Montreal gases): not written
            if any(c not in values for c in comps):
                raise AssertionError(f"{rep} {blend}: component without a GWP")
            total = sum((p * values[c] for p, c in parts if c not in HYDROCARBONS), Decimal(0))
            note = "; hydrocarbon components counted as 0" if len(comps) < len(parts) else ""
            rows.append([blend, fmt(total), f"Refrigerant blend {blend}",
                         f"computed: mass-weighted sum of component GWPs (composition: {text}; "
                         f"EPA GHG Emission Factors Hub 2025 Table 12 / EPA SNAP){note}; "
                         f"component GWPs from {meta['table']}; rounded half-up to a whole number"])
        tables[rep] = rows
    check(data, tables, blends)
    return tables


def check(data: Path, tables: dict[str, list[list[str]]], blends) -> None:
    """Stop if any value disagrees with the independent copies."""
    got = {rep: {r[0]: r[1] for r in rows} for rep, rows in tables.items()}
    with (data / "us_epa_ghg_hub_2025" / "table11_gwp_ar5.csv").open(newline="") as f:
        for r in csv.DictReader(f):
            name = {"Carbon dioxide": "CO2", "Methane": "CH4", "Nitrous oxide": "N2O",
                    "Sulfur hexafluoride": "SF6", "Nitrogen trifluoride": "NF3"}.get(r["name"], r["name"])
            assert got["AR5"][name] == r["gwp100_ar5"], (name, got["AR5"].get(name), r["gwp100_ar5"])
    for blend, published, _, _ in blends:
        if blend in got["AR5"] and blend not in EPA_TABLE12_INCONSISTENT:
            assert got["AR5"][blend] == published, (blend, got["AR5"][blend], published)
    formula_gas = {"CO2": "CO2", "N2O": "N2O", "SF6": "SF6", "NF3": "NF3", "CF4": "PFC-14", "C2F6": "PFC-116"}
    with (data / "gwp" / "gwp100_reference.csv").open(newline="") as f:
        for r in csv.DictReader(f):
            if r["formula"] == "CH4":
                gas = "CH4-fossil" if "fossil" in r["gas"] and "non-fossil" not in r["gas"] else "CH4"
            else:
                gas = formula_gas.get(r["formula"], r["gas"])
            for rep in REPORTS:
                assert Decimal(got[rep][gas]) == Decimal(r[f"{rep}_gwp100"]), (rep, gas)
    with (data / "gwp" / "refrigerant_blends_computed.csv").open(newline="") as f:
        for r in csv.DictReader(f):
            for rep in REPORTS:
                assert got[rep][r["blend"]] == fmt(Decimal(r[f"{rep}_gwp100"])), (rep, r["blend"])


def write(tables: dict[str, list[list[str]]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for rep, rows in tables.items():
        meta = REPORTS[rep]
        with (out / f"{rep}.csv").open("w", newline="", encoding="utf-8") as f:
            f.write("# Publisher: Intergovernmental Panel on Climate Change (IPCC)\n")
            f.write(f"# Report: {meta['title']}\n")
            f.write("# Values: 100-year global warming potentials (GWP100); see SOURCE.md\n")
            f.write("# Machine-readable copy: PyPI globalwarmingpotentials 0.13.2 (CC0-1.0); numbers are facts - cite IPCC\n")
            f.write("# Generated by factors/tools/build_gwp.py - do not edit by hand\n")
            w = csv.writer(f, lineterminator="\n")
            w.writerow(HEADER)
            w.writerows(rows)


def main(argv: list[str]) -> int:
    data = Path(argv[1]) if len(argv) > 1 else Path("/work/shared/reference/data")
    out = Path(argv[2]) if len(argv) > 2 else Path(__file__).resolve().parent.parent / "gwp"
    tables = build(data)
    write(tables, out)
    for rep, rows in tables.items():
        print(f"{out / (rep + '.csv')}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
