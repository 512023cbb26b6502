"""``carbon check``: the inventory and its targets against the rules of the standards.

Each finding names the rule, the document it comes from, a status (``pass``, ``fail``, ``warn``,
``not_applicable``) and what was found. Thresholds are those of the documents:

- SBTi Corporate Near-Term Criteria (v5): Scope 1+2 absolute targets at least 4.2% of base-year
  emissions a year, linear (1.5C); Scope 3 at least 2.5% a year (well-below 2C); boundary 95% of
  Scope 1+2 and, when Scope 3 is at least 40% of the total, 67% of Scope 3; base year no earlier than
  2015; target year 5 to 10 years from submission (taken as the latest inventory year).
- ESRS E1 (EU CSRD) AR 25: the base year of a new target should be no more than about three years
  before the first reporting period (taken as the latest inventory year).
- GHG Protocol Scope 2 Guidance (2015): both Scope 2 methods reported.
- GHG Protocol Corporate Standard (2004) ch. 8-9 and ISO 14068-1:2023: credits reported separately,
  never netted off gross emissions; ch. 4 and Scope 3 Standard: biogenic CO2 outside the scopes.
"""

from __future__ import annotations

import math

SBTI = "SBTi Corporate Near-Term Criteria v5"
ESRS = "ESRS E1 Climate change, AR 25"
SCOPE2 = "GHG Protocol Scope 2 Guidance (2015), ch. 4 and 7"
CORPORATE = "GHG Protocol Corporate Standard (2004), ch. 4, 8 and 9; ISO 14068-1:2023"

__all__ = ["check_report"]


def _finding(rule: str, source: str, status: str, detail: str) -> dict:
    return {"rule": rule, "source": source, "status": status, "detail": detail}


def check_report(report: dict) -> list[dict]:
    """Findings for a report dict (as build_report makes it), in a fixed order."""
    years = report["years"]
    latest = max(int(y) for y in years) if years else None
    base = report["base_year"]
    out = []
    out.append(_finding("base year no earlier than 2015", SBTI, "pass" if base >= 2015 else "fail",
                        f"base year {base}"))
    if latest is not None:
        age = latest - base
        out.append(_finding("base year no more than about 3 years before the reporting period", ESRS,
                            "pass" if age <= 3 else "warn",
                            f"base year {base}, latest reporting year {latest}: {age} years apart"))
    targets = [t for t in report["targets"] if t["kind"] in ("absolute", "intensity")]
    s12 = [t for t in targets if set(t["scopes"]) & {1, 2} and t["kind"] == "absolute"]
    s3 = [t for t in targets if 3 in t["scopes"] and t["kind"] == "absolute"]
    for t in targets:
        span = t["target_year"] - t["base_year"]
        annual = t["target_reduction"] / span if span > 0 else math.inf
        if t["kind"] == "intensity":
            needed, rule = 0.07, "intensity target at least 7% a year, compounded"
            annual = 1 - (1 - t["target_reduction"]) ** (1 / span) if span > 0 else math.inf
        elif 3 in t["scopes"] and not (set(t["scopes"]) & {1, 2}):
            needed, rule = 0.025, "Scope 3 absolute target at least 2.5% a year, linear (well-below 2C)"
        else:
            needed, rule = 0.042, "Scope 1+2 absolute target at least 4.2% a year, linear (1.5C)"
        out.append(_finding(f"{t['id']}: {rule}", SBTI, "pass" if annual >= needed - 1e-12 else "fail",
                            f"{t['target_reduction']:.1%} from {t['base_year']} to {t['target_year']} = "
                            f"{annual:.2%} a year (needed {needed:.1%})"))
        if latest is not None:
            ahead = t["target_year"] - latest
            out.append(_finding(f"{t['id']}: target year 5 to 10 years from submission", SBTI,
                                "pass" if 5 <= ahead <= 10 else "warn",
                                f"target year {t['target_year']}, {ahead} year(s) after the latest inventory year "
                                f"{latest} (taken as the submission year)"))
    if latest is not None:
        y = years[str(latest)]
        s12_total = y["scope1"] + y["scope2"]
        covered = 1.0 if any({1, 2} <= set(t["scopes"]) for t in s12) else (
            max(((y["scope1"] if 1 in t["scopes"] else 0) + (y["scope2"] if 2 in t["scopes"] else 0)) / s12_total
                for t in s12) if s12 and s12_total else 0.0)
        out.append(_finding("targets cover at least 95% of Scope 1+2", SBTI, "pass" if covered >= 0.95 else "fail",
                            f"{covered:.0%} of {latest} Scope 1+2 emissions are under an absolute target"))
        share3 = y["scope3"] / y["total"] if y["total"] else 0.0
        if share3 >= 0.40:
            best = 0.0
            for t in s3:
                excluded = sum(y["categories"].get(k, 0.0) for k in t.get("excluded_categories", []))
                best = max(best, (y["scope3"] - excluded) / y["scope3"] if y["scope3"] else 0.0)
            out.append(_finding("Scope 3 is at least 40% of the total: targets cover at least 67% of Scope 3", SBTI,
                                "pass" if best >= 0.67 else "fail",
                                f"Scope 3 is {share3:.0%} of {latest} emissions; {best:.0%} of it is under an "
                                "absolute target" + ("" if s3 else " (no Scope 3 target)")))
        else:
            out.append(_finding("Scope 3 target needed when Scope 3 is at least 40% of the total", SBTI,
                                "not_applicable", f"Scope 3 is {share3:.0%} of {latest} emissions"))
        location = sum(v["scope2_location"] for v in years.values())
        market = sum(v["scope2_market"] for v in years.values())
        both = bool(report.get("instruments")) or not math.isclose(location, market, rel_tol=1e-12)
        out.append(_finding("Scope 2 reported both location-based and market-based", SCOPE2,
                            "pass" if both else "warn",
                            "both figures differ where instruments or residual mixes apply" if both else
                            "market-based equals location-based in every year: no contractual instruments or "
                            "residual-mix factors; say so when reporting"))
    gross_ok = all(math.isclose(v["total"], v["scope1"] + v["scope2"] + v["scope3"], rel_tol=1e-12, abs_tol=1e-9)
                   for v in years.values())
    overview = (report.get("neutrality_overview") or {}).get("years") or []  # every year credits were retired
    credits = (sum(r["credits_avoidance_tco2e"] + r["credits_removal_tco2e"] for r in overview) if overview
               else sum(v.get("credits_tco2e", 0.0) for v in years.values()))
    orphan = [str(r["year"]) for r in overview if r.get("activity_data") is False]
    out.append(_finding("credits reported separately, never netted off gross emissions", CORPORATE,
                        "pass" if gross_ok else "fail",
                        f"scope totals are gross; {credits:,.2f} tCO2e of retired credits reported apart "
                        "(neutrality: net = gross - credits)"
                        + (f"; credits retired in {', '.join(orphan)}, a year without activity records" if orphan else "")))
    biogenic = sum(v["biogenic_co2"] for v in years.values())
    out.append(_finding("biogenic CO2 reported outside the scopes", CORPORATE, "pass",
                        f"{biogenic:,.2f} t biogenic CO2 reported separately; its CH4 and N2O are in the scopes"))
    recalc = report.get("recalculation") or {}
    for change in recalc.get("changes", []):
        if change["type"] == "category_added" and change["effect_tco2e"] is None:
            out.append(_finding(f"category {change['category']} added without a base-year estimate",
                                "GHG Protocol Corporate Standard (2004), ch. 5", "warn",
                                f"change {change['change_id']}: {change['note']}; the category is kept out of the "
                                "target boundary"))
    return out
