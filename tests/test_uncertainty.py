"""Monte Carlo uncertainty (carbon.uncertainty) against closed forms, hand cases and the example."""

import json
import math
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from carbon import build_report, calculate, load_inventory
from carbon.errors import CarbonError, ConfigError
from carbon.uncertainty import (DEFAULT_MAPPING, activity_uncertainty, add_uncertainty, load_mapping,
                                monte_carlo)

EXAMPLE = Path(__file__).resolve().parent.parent / "inventories" / "example"
Z975 = 1.959963984540054


def norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / math.sqrt(2.0)))


def ledger(rows: list[dict]) -> pd.DataFrame:
    """A hand-made ledger: each row needs tco2e; the rest has defaults (scope 1, one factor per row)."""
    out = []
    for i, r in enumerate(rows):
        row = {"record_id": f"r{i}", "year": 2020, "scope": 1, "category": "stationary_combustion",
               "activity": "fuel", "quantity": 1.0, "unit": "t", "entity": "", "data_quality": "1",
               "method": "average-data", "boundary_share": 1.0, "calculation": "factor",
               "factor_set": "setA", "factor_file": f"f{i}.csv", "factor_rows": "2"}
        row.update(r)
        row.setdefault("tco2e_location", row["tco2e"])
        row.setdefault("tco2e_market", row["tco2e"])
        out.append(row)
    return pd.DataFrame(out)


def basic_sigma(sigma: float) -> pd.DataFrame:
    """A mapping override: every method's basic activity uncertainty is ``sigma`` (log-sd)."""
    return pd.DataFrame([{"kind": "basic", "key": m, "score": "", "value": str(sigma), "measure": "sigma",
                          "source": "test"} for m in ("average-data", "default", "supplier-specific")])


def rsd(sigma: float) -> float:
    """The relative standard deviation whose lognormal has log-sd ``sigma``."""
    return math.sqrt(math.expm1(sigma * sigma))


# ------------------------------------------------------------------------------- closed forms
def test_product_of_lognormals_log_variances_add():
    sa, sf = 0.2, 0.3
    mc = monte_carlo(ledger([{"tco2e": 100.0}]), draws=200_000, seed=1, mapping=basic_sigma(sa),
                     factor_uncertainty={"setA": rsd(sf)})
    logs = np.log(mc.total(2020))
    assert logs.std() == pytest.approx(math.sqrt(sa ** 2 + sf ** 2), rel=0.01)
    assert np.median(mc.total(2020)) == pytest.approx(100.0, rel=0.005)  # the ledger value is the median
    low, high = mc.interval(2020)
    s = math.sqrt(sa ** 2 + sf ** 2)
    assert low == pytest.approx(100 * math.exp(-Z975 * s), rel=0.01)
    assert high == pytest.approx(100 * math.exp(Z975 * s), rel=0.01)


def test_sum_of_independent_lognormals_moments():
    sa = 0.25
    values = [100.0, 300.0, 50.0]
    led = ledger([{"tco2e": v} for v in values])  # three factors: independent
    mc = monte_carlo(led, draws=400_000, seed=2, mapping=basic_sigma(sa), factor_uncertainty={"setA": rsd(0.1)})
    s2 = sa ** 2 + 0.1 ** 2
    mean = sum(v * math.exp(s2 / 2) for v in values)
    var = sum(v * v * math.exp(s2) * math.expm1(s2) for v in values)
    total = mc.total(2020)
    assert total.mean() == pytest.approx(mean, rel=0.003)
    assert total.var() == pytest.approx(var, rel=0.02)


def test_center_mean_preserves_the_ledger_total():
    mc = monte_carlo(ledger([{"tco2e": 100.0}, {"tco2e": 50.0}]), draws=400_000, seed=3, mapping=basic_sigma(0.4),
                     center="mean")
    assert mc.total(2020).mean() == pytest.approx(150.0, rel=0.003)


def test_sum_of_independent_normals():
    sa, rf = 0.1, 0.2
    values = [100.0, 200.0]
    mc = monte_carlo(ledger([{"tco2e": v} for v in values]), draws=200_000, seed=4, mapping=basic_sigma(sa),
                     factor_uncertainty={"setA": rf}, distribution="normal")
    ra = rsd(sa)  # the normal draws use the lognormal's relative standard deviation
    sd = math.sqrt(sum((v * ra) ** 2 + (v * rf) ** 2 for v in values))
    total = mc.total(2020)
    assert total.mean() == pytest.approx(300.0, rel=0.002)
    assert total.std() == pytest.approx(sd, rel=0.01)
    assert mc.interval(2020) == pytest.approx([300 - Z975 * sd, 300 + Z975 * sd], rel=0.01)


def test_shared_factor_is_correlated_and_widens_the_sum():
    sa, sf = 0.05, 0.3
    e = [100.0, 60.0]
    led = ledger([{"tco2e": e[0], "factor_file": "same.csv"}, {"tco2e": e[1], "factor_file": "same.csv"}])
    kwargs = dict(draws=400_000, seed=5, mapping=basic_sigma(sa), factor_uncertainty={"setA": rsd(sf)})
    corr = monte_carlo(led, **kwargs)
    indep = monte_carlo(led, correlated=False, **kwargs)
    assert len(corr.factors) == 1 and corr.factors["records"].iloc[0] == 2
    s2 = sa ** 2 + sf ** 2
    var_indep = sum(v * v * math.exp(s2) * math.expm1(s2) for v in e)
    cov = e[0] * e[1] * math.exp(s2) * math.expm1(sf ** 2)  # Cov(X1, X2) through the shared factor draw
    var_corr = var_indep + 2 * cov
    assert corr.total(2020).var() == pytest.approx(var_corr, rel=0.02)
    assert indep.total(2020).var() == pytest.approx(var_indep, rel=0.02)
    assert var_corr > 1.4 * var_indep


def test_shared_factor_cancels_in_a_ratio_of_years():
    # the same factor in the base and the latest year: only the activity errors remain in the ratio
    sa, sf = 0.05, 0.4
    led = ledger([{"tco2e": 100.0, "year": 2020, "factor_file": "same.csv"},
                  {"tco2e": 70.0, "year": 2024, "factor_file": "same.csv"}])
    mc = monte_carlo(led, draws=100_000, seed=6, mapping=basic_sigma(sa), factor_uncertainty={"setA": rsd(sf)})
    ratio = mc.total(2024) / mc.total(2020)
    assert np.log(ratio).std() == pytest.approx(math.sqrt(2) * sa, rel=0.02)


# ------------------------------------------------------------------------------------ seeding
def test_same_seed_same_draws_other_seed_other_draws():
    led = ledger([{"tco2e": 10.0 * (i + 1), "year": 2020 + i % 3} for i in range(20)])
    a = monte_carlo(led, draws=2_000, seed=42)
    b = monte_carlo(led, draws=2_000, seed=42)
    c = monte_carlo(led, draws=2_000, seed=43)
    assert np.array_equal(a.samples, b.samples)
    assert not np.array_equal(a.samples, c.samples)
    # the draws do not depend on the order of the ledger's rows (records are drawn in record_id order)
    shuffled = monte_carlo(led.sample(frac=1.0, random_state=0), draws=2_000, seed=42)
    assert np.array_equal(shuffled.samples, a.samples)


# ------------------------------------------------------------------------------------ defaults
def test_default_uncertainty_is_documented_and_never_zero():
    led = ledger([{"tco2e": 5.0, "data_quality": "", "method": ""},         # nothing known
                  {"tco2e": 5.0, "data_quality": "no idea", "method": "x"},  # unknown label and method
                  {"tco2e": 5.0, "data_quality": "1", "method": "supplier-specific", "calculation": "direct",
                   "factor_set": "", "factor_file": "", "factor_rows": ""}])  # best score, no factor
    act = activity_uncertainty(led)
    assert (act["sigma_activity"] > 0).all()
    assert list(act["quality_basis"]) == ["default", "default", "score"]
    table = load_mapping()
    expected = math.sqrt(table.basic["default"] ** 2 + table.indicator_sigma2(np.array([table.default_scores]))[0])
    assert act["sigma_activity"].iloc[0] == pytest.approx(expected)
    assert table.default_scores == (3, 3, 3, 3, 4)
    mc = monte_carlo(led, draws=1_000, seed=0)
    low, high = mc.interval(2020)
    assert low < 15.0 < high


def test_a_zero_basic_uncertainty_is_refused():
    zero = pd.DataFrame([{"kind": "basic", "key": "default", "score": "", "value": "1.0", "measure": "gsd2",
                          "source": "test"}])
    with pytest.raises(ConfigError, match="never zero"):
        load_mapping(zero)


def test_shipped_mapping_is_complete_and_cited():
    table = pd.read_csv(DEFAULT_MAPPING, dtype=str, keep_default_na=False)
    assert (table["source"].str.len() > 10).all()
    m = load_mapping()
    assert m.indicator["technological"][4] == pytest.approx(math.log(2.0) / 2)  # pedigree factor 2.00
    assert m.indicator["reliability"][0] == 0.0
    assert all(v > 0 for v in m.basic.values())


def test_indicator_columns_label_and_score():
    led = ledger([{"tco2e": 1.0, "dq_technological": 2, "dq_temporal": 2, "dq_geographical": 1,
                   "dq_completeness": 3, "dq_reliability": 4, "data_quality": "metered"},
                  {"tco2e": 1.0, "dq_technological": 5, "dq_temporal": None, "dq_geographical": None,
                   "dq_completeness": None, "dq_reliability": None, "data_quality": ""},
                  {"tco2e": 1.0, "data_quality": "estimated"},
                  {"tco2e": 1.0, "data_quality": "2"}])
    for c in ("dq_temporal", "dq_geographical", "dq_completeness", "dq_reliability"):
        led.loc[2:, c] = None
    led.loc[2:, "dq_technological"] = None
    act = activity_uncertainty(led)
    assert list(act["quality_basis"]) == ["indicators", "indicators+default", "label", "score"]
    assert act.iloc[0][["dq_technological", "dq_reliability"]].tolist() == [2, 4]
    assert act.iloc[1][["dq_technological", "dq_temporal", "dq_reliability"]].tolist() == [5, 3, 4]
    assert act.iloc[2][["dq_technological", "dq_temporal", "dq_geographical", "dq_completeness",
                        "dq_reliability"]].tolist() == [2, 2, 1, 3, 4]
    assert (act.iloc[3][["dq_technological", "dq_reliability"]] == 2).all()
    u = {1: 1.0, 2: 1.05, 3: 1.20, 4: 1.50, 5: 2.00}  # technological pedigree factors
    rel = {1: 1.0, 2: 1.05, 3: 1.10, 4: 1.20, 5: 1.50}
    hand = math.sqrt(sum((math.log(x) / 2) ** 2 for x in (1.05, u[2], 1.03, 1.0, 1.05, rel[4])))
    assert act["sigma_activity"].iloc[0] == pytest.approx(hand)


def test_bad_scores_name_the_record():
    led = ledger([{"tco2e": 1.0, "dq_reliability": 7}])
    with pytest.raises(CarbonError, match="'r0'.*dq_reliability"):
        activity_uncertainty(led)
    with pytest.raises(CarbonError, match="data_quality"):
        activity_uncertainty(ledger([{"tco2e": 1.0, "data_quality": "2.5"}]))


def test_mapping_file_overrides_rows(tmp_path):
    path = tmp_path / "mine.csv"
    path.write_text("kind,key,score,value,measure,source\nlabel,meter read,1,,scores,ours\n"
                    "factor_set,setA,,0.5,rsd,our supplier\n", encoding="utf-8")
    led = ledger([{"tco2e": 1.0, "data_quality": "Meter read"}])
    mc = monte_carlo(led, draws=100, seed=0, mapping=path)
    assert mc.records["quality_basis"].iloc[0] == "label"
    assert mc.factors["rsd"].iloc[0] == pytest.approx(0.5)
    assert mc.factors["source"].iloc[0] == "factor_set,seta"


def test_factor_uncertainty_column_of_the_ledger_wins():
    led = ledger([{"tco2e": 1.0, "factor_uncertainty": 0.07}])
    mc = monte_carlo(led, draws=100, seed=0, factor_uncertainty=0.5)
    assert mc.factors["rsd"].iloc[0] == pytest.approx(0.07)


# ---------------------------------------------------------------------------------- targets
def target(**kw) -> dict:
    t = {"id": "t", "kind": "absolute", "scopes": [1], "base_year": 2020, "latest_year": 2024,
         "base_tco2e": 1000.0, "original_base_tco2e": 1000.0, "target_reduction": 0.30, "status": "achieved",
         "scope2_method": "market", "excluded_categories": []}
    t.update(kw)
    return t


def test_probability_met_median_on_the_target_is_one_half():
    led = ledger([{"tco2e": 1000.0, "year": 2020}, {"tco2e": 700.0, "year": 2024}])
    mc = monte_carlo(led, draws=40_000, seed=7, mapping=basic_sigma(0.1), factor_uncertainty={"setA": rsd(0.1)})
    assert mc.probability_met(target()) == pytest.approx(0.5, abs=0.01)


def test_probability_met_by_hand():
    # independent lognormals: ln(latest/base) ~ N(ln 0.7, 2 (sa^2 + sf^2)); met when latest/base <= 0.75
    sa, sf = 0.1, 0.05
    led = ledger([{"tco2e": 1000.0, "year": 2020}, {"tco2e": 700.0, "year": 2024}])
    mc = monte_carlo(led, draws=40_000, seed=8, mapping=basic_sigma(sa), factor_uncertainty={"setA": rsd(sf)})
    p = mc.probability_met(target(target_reduction=0.25))
    assert p == pytest.approx(norm_cdf(math.log(0.75 / 0.7) / math.sqrt(2 * (sa ** 2 + sf ** 2))), abs=0.01)
    # a recalculated base shifts every draw's base by the same tonnes
    shifted = mc.probability_met(target(target_reduction=0.25, base_tco2e=1100.0))
    assert shifted > p
    assert mc.probability_met(target(status="no_base_data", base_tco2e=None)) is None


def test_probability_met_neutrality():
    led = ledger([{"tco2e": 500.0, "year": 2024}])
    mc = monte_carlo(led, draws=40_000, seed=9, mapping=basic_sigma(0.2))
    t = target(kind="neutrality", latest_credits_tco2e=500.0, target_reduction=1.0)
    assert mc.probability_met(t) == pytest.approx(0.5, abs=0.01)
    assert mc.probability_met(target(kind="neutrality", latest_credits_tco2e=2000.0)) == 1.0


# ---------------------------------------------------------------------------------- scope 2
def test_scope2_both_bases_and_supplier_rate_factor():
    led = ledger([{"scope": 2, "category": "electricity", "tco2e": 80.0, "tco2e_location": 100.0,
                   "tco2e_market": 80.0, "market_basis": "SUP-1"}])
    mc = monte_carlo(led, draws=2_000, seed=0)
    assert mc.scope2_method == "market"
    assert set(mc.cells["basis"]) == {"location", "market"}
    assert set(mc.factors["factor_id"]) == {"setA|f0.csv|2", "supplier_rate|SUP-1|"}
    assert mc.point(2020, (2,)) == 80.0 and mc.point(2020, (2,), "location") == 100.0
    assert np.median(mc.total(2020, (2,), "location")) == pytest.approx(100.0, rel=0.05)


# ---------------------------------------------------------------------------------- the example
@pytest.fixture(scope="module")
def example():
    inventory = load_inventory(EXAMPLE)
    led = calculate(inventory)
    return inventory, led


def test_example_report_gets_intervals_and_probabilities(example):
    inventory, led = example
    report = build_report(inventory, led)
    add_uncertainty(report, led, draws=10_000, seed=0)
    for year, values in report["years"].items():
        iv = values["interval95"]
        assert set(iv) == {"scope1", "scope2", "scope3", "total"}
        for name in iv:
            low, high = iv[name]
            assert low < values[name] < high, (year, name)
    probs = {t["id"]: t["probability_met"] for t in report["targets"]}
    assert all(0.0 <= p <= 1.0 for p in probs.values())
    assert probs["ops-30"] > 0.95  # a 43% cut against a 30% target, Scope 1+2 well measured
    assert report["uncertainty"]["draws"] == 10_000
    json.dumps(report, allow_nan=False)


def test_example_is_fast_and_pooling_agrees(example):
    _, led = example
    monte_carlo(led, draws=100, seed=0)  # warm up (mapping file, imports)
    start = time.perf_counter()
    exact = monte_carlo(led, draws=10_000, seed=0)
    assert time.perf_counter() - start < 1.0
    pooled = monte_carlo(led, draws=10_000, seed=0, aggregate=True)
    assert not exact.aggregated and pooled.aggregated
    for year in exact.years:
        assert pooled.interval(year) == pytest.approx(exact.interval(year), rel=0.03)
        assert pooled.point(year) == pytest.approx(exact.point(year), rel=1e-12)
