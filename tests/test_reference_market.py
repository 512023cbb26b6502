"""The reference test for market-based Scope 2 and the organisational boundary.

10,000 generated records (benchmarks/generate.py: every scope, 30 regions, mixed units, currencies),
given entities (equity share, one acquired in 2022) and instruments (EACs for a region and its
sub-regions, one for a single facility, a supplier rate covering the rest of its market, one whose
vintage breaches the quality criteria), and the shipped AIB residual mixes. The engine's per-record
``tco2e_location``, ``tco2e_market``, ``boundary_share`` and ``tco2e`` are checked against a plain
per-record calculation written here from the README's rules (sections "Scope 2 both ways" and "The
organisational boundary"), with pint, to a relative 1e-9. The location-based figure of each record comes
from the plain calculation of tests/test_stream.py (the README's factor rule, record by record).
"""

from __future__ import annotations

import csv
import importlib.util
import math
import textwrap
import zlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import carbon
from carbon.units import parse_unit, ureg

ROOT = Path(__file__).resolve().parents[1]
ENTITIES = ["", "Sub A", "JV B"]  # blank = the reporting company itself
TYPE_ORDER = {"ppa": 0, "green_tariff": 1, "eac": 2, "supplier_rate": 3}
INSTRUMENTS = [  # instrument_id, year, type, quantity, unit, region, facility, rate, rate_unit, vintage
    ("EAC-US-2023", 2023, "eac", "400", "MWh", "US", "", "0", "kg/MWh", "2023"),
    ("EAC-DE-2024", 2024, "eac", "50", "MWh", "DE", "", "0", "kg/MWh", "2024"),
    ("PPA-CN-2022", 2022, "ppa", "1000000", "MWh", "CN", "", "0", "kg/MWh", "2022"),  # more than consumed
    ("SUP-GB-2023", 2023, "supplier_rate", "", "MWh", "GB", "", "210", "kg/MWh", ""),  # the rest of GB
    ("EAC-FR-OLD", 2023, "eac", "10", "MWh", "FR", "", "0", "kg/MWh", "2019"),  # vintage breach: not used
]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def inventory(tmp_path_factory) -> Path:
    gen = _load("carbon_bench_generate", ROOT / "benchmarks" / "generate.py")
    inv = gen.generate(tmp_path_factory.mktemp("reference") / "inv", 10_000, seed=5, formats=("csv",),
                       rows_per_file=5_000)
    for path in sorted((inv / "activities_csv").glob("*.csv")):  # give each record an entity
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["entity"] = [ENTITIES[zlib.crc32(r.encode()) % 3] for r in frame["record_id"]]
        frame.to_csv(path, index=False)
    (inv / "entities.csv").write_text(textwrap.dedent("""\
        entity,parent,equity_share,financial_control,operational_control,acquired,divested
        Sub A,,75%,yes,yes,,
        JV B,,40%,no,no,2022,
        """))
    with (inv / "instruments.csv").open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["instrument_id", "year", "type", "quantity", "unit", "region", "facility", "emission_rate",
                      "rate_unit", "source", "vintage"])
        for i in INSTRUMENTS:
            out.writerow([*i[:9], "test instrument", i[9]])
    (inv / "inventory.toml").write_text(textwrap.dedent("""\
        organisation = "Reference"
        base_year = 2020
        gwp = "AR5"
        factors = ["factors", "aib-residual-mix"]
        activities = ["activities_csv/*.csv"]
        exchange_rates = "fx.csv"
        scope2_method = "market"
        consolidation = "equity_share"
        """))
    return inv


def _share(entity: str, year: int) -> float:
    """README, "The organisational boundary": equity share; 0% before the year of acquisition."""
    if entity == "Sub A":
        return 0.75
    if entity == "JV B":
        return 0.40 if year >= 2022 else 0.0
    return 1.0


def _residual_rates() -> dict[tuple[str, int], float]:
    """t CO2e per MWh of the shipped AIB residual mixes per (region, record year), by the README's
    vintage rule (latest vintage not after the year, else the earliest); CO2 rows in g/kWh, AR5 GWP 1."""
    rows: dict[str, dict[int, float]] = {}
    with (ROOT / "factors" / "aib-residual-mix" / "residual_mix.csv").open(newline="") as handle:
        for row in csv.DictReader(handle):
            assert row["gas"] == "CO2" and row["unit"] == "g/kWh"
            rows.setdefault(row["region"].upper(), {})[int(row["year"])] = float(row["value"]) * 1e-6 * 1e3
    out = {}
    for region, by_year in rows.items():
        for year in range(2020, 2026):
            before = [y for y in by_year if y <= year]
            out[(region, year)] = by_year[max(before)] if before else by_year[min(by_year)]
    return out


def _plain_market(inv: Path) -> pd.DataFrame:
    """Per record: location and market tCO2e at 100%, the boundary share, and the reported tCO2e."""
    plain = _load("carbon_test_stream_reference", ROOT / "tests" / "test_stream.py")._plain(inv)
    records = pd.concat([pd.read_csv(p, dtype=str, keep_default_na=False)
                         for p in sorted((inv / "activities_csv").glob("*.csv"))]).set_index("record_id")
    residual = _residual_rates()
    mwh_per = {}
    rows = []
    for rid, rec in records.iterrows():
        year = int(rec["year"])
        location = plain.at[rid, "tco2e"]
        share = _share(rec["entity"], year)
        mwh = None
        if rec["scope"] == "2" and rec["category"] == "electricity" and rec["activity"]:
            if rec["unit"] not in mwh_per:
                unit = parse_unit(rec["unit"])
                mwh_per[rec["unit"]] = (ureg.Quantity(1.0, unit).to("MWh").magnitude
                                        if unit.dimensionality == ureg.MWh.dimensionality else None)
            per = mwh_per[rec["unit"]]
            mwh = None if per is None else float(rec["quantity"]) * per
        rows.append({"record_id": rid, "year": year, "region": rec["region"].upper(), "facility": rec["facility"],
                     "location": location, "share": share, "mwh": mwh})
    frame = pd.DataFrame(rows).set_index("record_id")
    # README "Scope 2 both ways": instruments in order (PPA, green tariff, EAC, supplier rate; then id) cover
    # the consumption inside the boundary (MWh x share) in their market, pro rata, never more than is left
    energy = frame[frame["mwh"].notna() & (frame["share"] > 0)]
    remaining = {rid: m * s for rid, m, s in zip(energy.index, energy["mwh"], energy["share"])}
    emitted = dict.fromkeys(remaining, 0.0)
    for iid, year, kind, quantity, unit, region, facility, rate, rate_unit, vintage in sorted(
            INSTRUMENTS, key=lambda i: (i[1], TYPE_ORDER[i[2]], i[0])):
        if vintage and not (year - 1 <= int(vintage) <= year):
            continue  # fails the quality criteria: listed, not used
        market = [rid for rid, r in energy.iterrows() if r["year"] == year
                  and (r["region"] == region or r["region"].startswith(region + "-"))
                  and (not facility or r["facility"] == facility)]
        open_mwh = math.fsum(remaining[rid] for rid in market)
        if open_mwh <= 0:
            continue
        take = open_mwh if quantity == "" else min(float(quantity), open_mwh)
        t_per_mwh = ureg.Quantity(float(rate), parse_unit(rate_unit)).to("t/MWh").magnitude
        for rid in market:
            portion = remaining[rid] * take / open_mwh
            remaining[rid] -= portion
            emitted[rid] += portion * t_per_mwh
    market_100 = frame["location"].copy()
    for rid, r in energy.iterrows():
        # what no instrument covered: the residual mix of the region, else the grid average
        rest = residual.get((r["region"], r["year"]), r["location"] / r["mwh"])
        market_100[rid] = (emitted[rid] + remaining[rid] * rest) / r["share"]
    frame["market"] = market_100
    return frame


@pytest.fixture(scope="module")
def compared(inventory):
    ledger = carbon.calculate(carbon.load_inventory(inventory)).set_index("record_id")
    plain = _plain_market(inventory)
    return ledger, plain.loc[ledger.index]


def test_every_record_is_compared(compared):
    ledger, plain = compared
    assert len(ledger) == len(plain) == 10_000
    s2 = plain["mwh"].notna()
    assert s2.sum() > 300  # enough Scope 2 electricity records in MWh or kWh to exercise the allocation
    assert (plain["share"] == 0).sum() > 100 and (plain["share"] == 0.4).sum() > 100  # JV before/after 2022


def test_boundary_share_and_location_figures_match_the_plain_calculation(compared):
    ledger, plain = compared
    np.testing.assert_array_equal(ledger["boundary_share"].to_numpy(), plain["share"].to_numpy())
    np.testing.assert_allclose(ledger["tco2e_location"].to_numpy(), (plain["location"] * plain["share"]).to_numpy(),
                               rtol=1e-9, atol=1e-12)
    # tco2e_entity keeps 100% of the record (market-based for Scope 2 here), also outside the boundary
    np.testing.assert_allclose(ledger["tco2e_entity"].to_numpy(), plain["market"].to_numpy(), rtol=1e-9, atol=1e-9)


def test_market_based_figures_match_the_plain_calculation(compared):
    ledger, plain = compared
    expected = (plain["market"] * plain["share"]).to_numpy()
    np.testing.assert_allclose(ledger["tco2e_market"].to_numpy(), expected, rtol=1e-9, atol=1e-9)
    np.testing.assert_allclose(ledger["tco2e"].to_numpy(), expected, rtol=1e-9, atol=1e-9)  # scope2_method market
    # the instruments did change figures: EACs and the PPA zero part of the consumption, GB takes 210 kg/MWh
    s2 = plain["mwh"].notna() & (plain["share"] > 0)
    changed = ~np.isclose(plain.loc[s2, "market"], plain.loc[s2, "location"], rtol=1e-6)
    assert changed.sum() > 50


def test_totals_equal_the_sum_of_the_plain_records(compared):
    ledger, plain = compared
    summary = carbon.summarise(ledger)
    for year in range(2020, 2026):
        mask = (plain["year"] == year).to_numpy()
        scope2 = (ledger["scope"] == 2).to_numpy() & mask
        assert math.isclose(summary[year]["scope2_market"], math.fsum(plain["market"][scope2] * plain["share"][scope2]),
                            rel_tol=1e-9)
        assert math.isclose(summary[year]["total"], math.fsum(plain["market"][mask] * plain["share"][mask]), rel_tol=1e-9)


def test_instrument_report_says_what_was_used(compared, inventory):
    ledger, _ = compared
    used = {i["instrument_id"]: i for i in ledger.attrs["instruments"]}
    assert used["EAC-FR-OLD"]["status"] == "breach" and used["EAC-FR-OLD"]["applied_mwh"] == 0
    assert used["PPA-CN-2022"]["excess_mwh"] > 0 and used["PPA-CN-2022"]["status"] == "partly_applied"
