"""report.md: the report as readable Markdown tables."""

from __future__ import annotations

import html
import re

from .names import category_name, key_and_name, sort_categories
from .verdict import verdict

__all__ = ["render_markdown"]


def _t(value: float | None) -> str:
    return "n/a" if value is None else f"{value:,.2f}"


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value * 100:.2f}%"


_MARKUP = re.compile(r"([\\`*_{}\[\]()#+!~])")  # Markdown punctuation: links, images, emphasis, code
_SCHEME = re.compile(r"(?i)\b(https?|ftp|mailto|data|javascript|file)(:)")


def _cell(text: object) -> str:
    """User text inside a table cell: HTML-escaped (Markdown viewers render inline HTML), Markdown
    punctuation escaped (no live link or remote image: ``[x](url)``, ``![x](url)``), URL schemes broken
    (``https\\://``: no autolink), and no pipes or line breaks that would break the table."""
    text = html.escape(str(text), quote=False)
    text = _SCHEME.sub(r"\1\\\2", _MARKUP.sub(r"\\\1", text))
    text = re.sub(r"(?i)\bwww\.", r"www\\.", text)
    return text.replace("|", "\\|").replace("\n", " ").replace("\r", " ")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out + [""]


MARKS = {"achieved": "\U0001F7E2", "on_track": "\U0001F535", "off_track": "\U0001F534"}  # green, blue, red circles
WHITE, ORANGE = "\u26AA", "\U0001F7E0"


def _verdict(report: dict) -> list[str]:
    """The first section: one line per target (status as a coloured mark and a word) and the
    neutrality gap."""
    v = report.get("verdict") or verdict(report)
    if not v["targets"] and not v["neutrality"]:
        return []
    c = v["counts"]
    lines = ["## Are we on track?", ""]
    if v["targets"]:
        lines += [f"Targets: {c['achieved']} achieved, {c['on_track']} on track, {c['off_track']} off track"
                  + (f", {c['other']} without a status" if c["other"] else "") + f" (of {len(v['targets'])}).", ""]
    lines += [f"- {MARKS.get(t['status'], WHITE)} **{_cell(t['id'])}: {t['word']}**. {_cell(t['text'])}."
              for t in v["targets"]]
    if v["neutrality"]:
        mark = MARKS["achieved"] if v["neutrality"]["neutral"] else ORANGE
        lines.append(f"- {mark} {_cell(v['neutrality']['text'])}.")
    return lines + [""]


def _plan_lines(plan: dict) -> list[str]:
    """The decarbonisation plan: per year BAU, planned, the target pathway, credits needed; the actions;
    whether the plan meets each target."""
    lines = [f"## The plan to {plan['to_year']}", "",
             f"From {plan['from_year']} (the latest inventory year), business as usual grows "
             + (f"with the metric '{_cell(plan['driver'])}'" if plan["driver"] else f"{_pct(plan['growth'])} a year")
             + f"; planned = business as usual minus the actions below. Scope 2 by the {plan['scope2_method']}-based "
             f"method. Target pathway: {_cell(plan['target']) if plan['target'] else 'none'}.", ""]
    lines += _table(["Year", "Business as usual", "Planned", "Target pathway", "Removals", "Credits needed"],
                    [[y, _t(v["bau_tco2e"]), _t(v["planned_tco2e"]), _t(v["target_tco2e"]), _t(v["removals_tco2e"]),
                      _t(v["credits_needed_tco2e"])] for y, v in plan["years"].items()])
    if plan["actions"]:
        last = str(plan["to_year"])
        lines += _table(["Action", "Name", "Status", "From", f"Abated in {last}", "Cost per tCO2e"],
                        [[_cell(a["id"]), _cell(a["name"]), a["status"], str(a["start_year"]),
                          _t(a["abated_tco2e"][last]),
                          "" if a["cost_per_tco2e"] is None else f"{a['cost_per_tco2e']:,.2f} {_cell(a['currency'])}"]
                         for a in plan["actions"]])
    if plan["targets"]:
        words = {True: "met", False: "**not met**", None: "not judged"}
        lines += _table(["Target", "Target year", "Planned", "Goal", "Gap", "Met by the plan", "Note"],
                        [[_cell(t["id"]), str(t["target_year"]), _t(t["planned_tco2e"]), _t(t["target_tco2e"]),
                          _t(t["gap_tco2e"]), words[t["met_by_plan"]], _cell(t["note"])] for t in plan["targets"]])
    return lines


def render_markdown(report: dict) -> str:
    years = report["years"]
    lines = [f"# Greenhouse-gas inventory: {_cell(report['organisation'])}", "",
             f"Base year {report['base_year']}; GWP set {_cell(report['gwp'])} (100-year); all figures in "
             "tonnes CO2e. Biogenic CO2 is reported outside the scopes; credits are never netted off "
             "scope totals.", ""]
    lines += _verdict(report)
    warnings = report.get("warnings") or []
    if warnings:
        lines += [f"**{len(warnings)} warning{'s' if len(warnings) != 1 else ''}** about the inputs (inputs read one way "
                  "of several, region fallbacks, factor vintages, reprinted factors): see Data quality.", ""]
    lines += ["## Emissions by year and scope", ""]
    lines += _table(["Year", "Scope 1", "Scope 2", "Scope 3", "Total", "Biogenic CO2", "Credits retired"],
                    [[y, _t(v["scope1"]), _t(v["scope2"]), _t(v["scope3"]), _t(v["total"]),
                      _t(v["biogenic_co2"]), _t(v["credits_tco2e"])] for y, v in years.items()])
    lines += ["## Scope 2, both ways", "",
              f"Scope 2 and the total above follow the **{report['scope2_method']}-based** method "
              "(GHG Protocol Scope 2 Guidance: location-based from grid averages, market-based from "
              "contractual instruments, supplier rates and residual mixes).", ""]
    lines += _table(["Year", "Location-based", "Market-based"],
                    [[y, _t(v["scope2_location"]), _t(v["scope2_market"])] for y, v in years.items()])
    if report["instruments"]:
        lines += ["Contractual instruments:", ""]
        lines += _table(["Instrument", "Year", "Type", "Market", "MWh offered", "MWh applied", "Excess MWh",
                         "Status", "Breaches"],
                        [[_cell(i["instrument_id"]), str(i["year"]), i["type"],
                          _cell(i["region"] + (f" / {i['facility']}" if i["facility"] else "")),
                          "all remaining" if i["quantity_mwh"] is None else _t(i["quantity_mwh"]),
                          _t(i["applied_mwh"]), _t(i["excess_mwh"]), i["status"],
                          _cell("; ".join(i["breaches"]))] for i in report["instruments"]])
    lines += _energy_md(years)
    if report["excluded"]:
        lines += [f"## Outside the boundary ({_cell(report['consolidation'])})", ""]
        lines += _table(["Entity", "Year", "Reason", "Share included", "Entity tCO2e", "Excluded tCO2e"],
                        [[_cell(e["entity"]), str(e["year"]), _cell(e["reason"]), _pct(e["share_included"]),
                          _t(e["entity_tco2e"]), _t(e["excluded_tco2e"])] for e in report["excluded"]])
    dq = report.get("data_quality")
    if dq:
        def top(shares: dict) -> str:
            return ", ".join(f"{_cell(k)} {v:.0%}" for k, v in list(shares.items())[:3])

        lines += [f"## Data quality, {dq['year']}", "",
                  "Share of each scope's and category's tCO2e by calculation method and by data-quality score or "
                  "label (the three largest).", ""]
        lines += _table(["Scope / category", "By method", "By data quality"],
                        [[k if k.startswith("scope") else f"{k} {_cell(category_name(report, k))}",
                          top(v["by_method"]), top(v["by_quality"])]
                         for k, v in list(dq["scopes"].items()) + list(dq["categories"].items())])
    if warnings:
        lines += [f"## Data quality: warnings ({len(warnings)})", "",
                  "Inputs the engine used as read one way of several, and factor choices to check "
                  "(`carbon validate` lists the same; docs/bad-inputs.md explains each kind).", ""]
        lines += _table(["Kind", "First record", "Value", "Read as", "Records"],
                        [[w["kind"], _cell(w["record_id"] or w["file"]),
                          _cell(f"{w['column']} = {w['value']}" if w["column"] else ""), _cell(w["read_as"]),
                          str(w["count"])] for w in warnings])
    lines += _primary_data(report) + _estimated(report)
    if any("interval95" in v for v in years.values()):
        unc = report.get("uncertainty", {})
        lines += ["## Uncertainty (95% intervals)", "",
                  f"Monte Carlo, {unc.get('draws', 'n')} draws (seed {unc.get('seed', '?')}): activity data from each "
                  "record's data-quality indicators and method, factors drawn once each and shared by every record "
                  "using them (see docs/uncertainty.md).", ""]
        lines += _table(["Year", "Scope 1", "Scope 2", "Scope 3", "Total"],
                        [[y, *(f"{_t(v['interval95'][k][0])} - {_t(v['interval95'][k][1])}"
                               for k in ("scope1", "scope2", "scope3", "total"))]
                         for y, v in years.items() if "interval95" in v])
    attribution = report.get("attribution")
    if attribution:
        effects = attribution["effects"]
        lines += [f"## Why emissions changed, {attribution['from']} to {attribution['to']}", "",
                  "Additive LMDI-I decomposition (Ang 2005); the effects add up to the change.", ""]
        lines += _table(["Scope", "Change", "Activity", "Emission factor", "Instruments", "Structural", "Methodology"],
                        [[name, _t(part["change_tco2e"]), *(_t(part["effects"][k]) for k in
                          ("activity", "factor", "instruments", "structural", "methodology"))]
                         for name, part in list(attribution["by_scope"].items())
                         + [("total", {"change_tco2e": attribution["change_tco2e"], "effects": effects})]])
    lines += ["## Emissions by category", ""]
    keys = sort_categories(report, (k for v in years.values() for k in v["categories"]))
    rows = []
    for key in keys:
        rows.append([key, _cell(category_name(report, key))] + [_t(v["categories"].get(key, 0.0)) for v in years.values()])
    lines += _table(["Key", "Category", *years.keys()], rows)
    financed = {y: v["financed"] for y, v in years.items() if v.get("financed")}
    if financed:
        lines += ["## Financed emissions (Scope 3 category 15, PCAF)", "",
                  "Attributed emissions of the investment and lending book (PCAF Global GHG Accounting and "
                  "Reporting Standard, Part A): investee Scope 1+2 and Scope 3 kept apart; the data-quality score "
                  "(1 best, 5 worst) is weighted by outstanding amount.", ""]
        lines += _table(["Year", "Financed total", "Investee S1+2", "Investee S3", "Outstanding", "PCAF score (S1+2)",
                         "Coverage", "Positions"],
                        [[y, _t(f["total"]), _t(f["scope12"]), _t(f["scope3"]), _t(f.get("outstanding")),
                          "n/a" if f["data_quality_score"] is None else f"{f['data_quality_score']:.2f}",
                          _pct(f["coverage"]), str(f["positions"])] for y, f in financed.items()])
        latest_year = list(financed)[-1]
        by_class = financed[latest_year]["by_asset_class"]
        lines += [f"By asset class, {latest_year}:", ""]
        lines += _table(["Asset class", "Financed", "S1+2", "S3", "Outstanding", "PCAF score", "Positions"],
                        [[_cell(k), _t(v["total"]), _t(v["scope12"]), _t(v["scope3"]), _t(v.get("outstanding")),
                          "n/a" if v["data_quality_score"] is None else f"{v['data_quality_score']:.2f}",
                          str(v["positions"])] for k, v in by_class.items()])
    lines += ["## Targets", ""]
    if report["targets"]:
        lines += _table(["Target", "Kind", "Scopes", "Base year", "Base", "Latest year", "Latest",
                         "Reduction", "Target", "Pathway", "Target year", "Status", "P(met)"],
                        [[_cell(t["id"]), t["kind"], "+".join(map(str, t["scopes"])), str(t["base_year"]),
                          _t(t["base_tco2e"]), str(t["latest_year"]), _t(t["latest_tco2e"]),
                          _pct(t["reduction"]), _pct(t["target_reduction"]), _pct(t["pathway_reduction"]),
                          str(t["target_year"]), f"**{t['status']}**",
                          _pct(t["probability_met"]) if t.get("probability_met") is not None else "n/a"]
                         for t in report["targets"]])
        lines += ["Reduction = 1 - latest / base. Pathway = the linear path from base year to target year, "
                  "as a reduction in the latest year. For a neutrality target 'Latest' is net of credits.", ""]
    else:
        lines += ["No targets are set in inventory.toml.", ""]
    lines += ["## Progress toward carbon neutrality", ""]
    if report["neutrality"]:
        lines += _table(["Target", "Year", "Gross", "Credits (avoidance)", "Credits (removal)", "Net",
                         "Trajectory", "Gap", "Status"],
                        [[_cell(n["id"]), str(n["year"]), _t(n["gross_tco2e"]), _t(n["credits_avoidance_tco2e"]),
                          _t(n["credits_removal_tco2e"]), _t(n["net_tco2e"]), _t(n["trajectory_tco2e"]),
                          _t(n["gap_tco2e"]), n["status"]] for n in report["neutrality"]])
        lines += ["Trajectory = a straight line from base-year gross emissions to zero in the target year; "
                  "gap = net - trajectory (positive: above the path).", ""]
    else:
        lines += ["No neutrality target is set in inventory.toml.", ""]
    over = report["neutrality_overview"]
    lines += ["## Operational and corporate neutrality", ""]
    lines += _table(["Year", "Operational gross (S1+2)", "Operational net", "Corporate gross (S1+2+3)", "Corporate net",
                     "Avoidance credits", "Removal credits", "Removals / corporate gross"],
                    [[str(r["year"]), _t(r["operational"]["gross_tco2e"]), _t(r["operational"]["net_tco2e"])
                      + (" (neutral)" if r["operational"]["neutral"] else ""), _t(r["corporate"]["gross_tco2e"]),
                      _t(r["corporate"]["net_tco2e"]) + (" (neutral)" if r["corporate"]["neutral"] else ""),
                      _t(r["credits_avoidance_tco2e"]), _t(r["credits_removal_tco2e"]),
                      _pct(r["corporate"]["removals_share"])] for r in over["years"]])
    e17 = [r["credits_e1_7"] for r in over["years"] if (r.get("credits_e1_7") or {}).get("cancelled_tco2e")]
    if e17:
        lines += ["Carbon credits cancelled in the year (ESRS E1-7), shares of tonnes:", ""]
        lines += _table(["Year", "Cancelled tCO2e", "Removals", "Avoidance", "With corresponding adjustment",
                         "From EU projects"],
                        [[str(c["year"]), _t(c["cancelled_tco2e"]), _pct(c["share_removals"]), _pct(c["share_avoidance"]),
                          _pct(c["share_corresponding_adjustment"]), _pct(c["share_eu_projects"])] for c in e17])
    gap = over["gap"]
    if gap:
        needed = ("n/a" if gap["annual_reduction_needed_tco2e"] is None else
                  f"{_t(gap['annual_reduction_needed_tco2e'])} tCO2e a year ({_pct(gap['annual_reduction_needed_share'])} "
                  f"of {gap['latest_year']} gross)")
        lines += [f"Gap to corporate neutrality in {gap['goal_year']}: net {_t(gap['net_tco2e'])} tCO2e in "
                  f"{gap['latest_year']}, {gap['years_left']} years left; straight-line reduction of net emissions "
                  f"needed: {needed}.", ""]
    if report.get("plan"):
        lines += _plan_lines(report["plan"])
    rec = report["recalculation"]
    lines += [f"## Base-year recalculation (policy: {rec['policy']}, threshold {_pct(rec['threshold'])})", ""]
    lines += _table(["Base year " + str(rec["base_year"]), "Scope 1", "Scope 2", "Scope 3", "Total"],
                    [[name, *(_t(b[k]) for k in ("scope1", "scope2", "scope3", "total"))]
                     for name, b in (("original", rec["original_base"]), ("recalculated", rec["recalculated_base"]))])
    if rec["changes"]:
        lines += _table(["Change", "Year", "Type", "Effect tCO2e", "Share of base", "Cumulative", "Triggered", "How"],
                        [[_cell(c["change_id"]), str(c["year"]), c["type"],
                          "no estimate" if c["effect_tco2e"] is None else _t(c["effect_tco2e"]),
                          _pct(c["effect_share"]), _pct(c["cumulative_share"]), "yes" if c["triggered"] else "no",
                          _cell(c["note"] + (" (estimated)" if c["estimated"] else ""))] for c in rec["changes"]])
    else:
        lines += ["No structural, methodology or boundary changes are recorded (changes.csv).", ""]
    excluded = sorted({k for t in report["targets"] for k in t.get("excluded_categories", [])})
    if excluded:
        lines += [f"Scope 3 categories without base-year data or estimate, kept out of the target boundary: "
                  f"{_cell(', '.join(key_and_name(report, k) for k in excluded))}.", ""]
    moved = rec.get("methodology")
    if moved and moved["moved_tco2e"] is not None:
        lines += [f"Since the previous report the base-year total moved by {_t(moved['moved_tco2e'])} tCO2e "
                  f"({_pct(moved['moved_share'])}); factor and GWP files changed: "
                  f"{_cell(', '.join(moved['files_changed']) or 'none')}; GWP {moved['gwp_before']} -> {moved['gwp_now']}.", ""]
    lines += _restatements_md(report)
    lines += ["## Factor sets", ""]
    lines += _table(["Set", "Shipped", "Records using it", "Verification"],
                    [[_cell(s["name"]), "yes" if s["shipped"] else "no", str(s["rows_used"]),
                      _cell(s.get("verification", ""))] for s in report["factor_sets"]])
    if report.get("reprinted_factors_used"):
        used = [f"{_cell(s['name'])} ({s['records_reprint']} records)" for s in report["factor_sets"]
                if s.get("records_reprint")]
        lines += [f"Reprinted factors were used: {', '.join(used)} take factors read from a third-party copy "
                  "(`reprint`) or not verified, not from the publisher's own file. Check them against the publication.",
                  ""]
    rec = report["records"]
    flags = ", ".join(f"{k}: {v}" for k, v in rec["flagged"].items()) or "none"
    con = report["conservation"]
    lines += [f"Records read: {rec['read']}; in the ledger: {rec['in_ledger']}; rejected: {con['records_rejected']}. "
              f"Sum of per-record tCO2e = sum of scope totals = {_t(con['sum_of_scope_totals_tco2e'])} "
              f"(checked to a relative {con['relative_tolerance']:g}). Factor fallbacks flagged: {flags}."
              + (f" These sums are of the recomputed figures; shown above as published: "
                 f"{', '.join(map(str, con['years_shown_as_published']))}." if con.get("years_shown_as_published")
                 else ""),
              "", f"_Engine version {report['engine_version']}._", ""]
    return "\n".join(lines)


def _energy_md(years: dict) -> list[str]:
    """Energy consumption by year (``energy_mwh``, carbon/energy.py), when the report has it."""
    rows = [(y, v["energy_mwh"]) for y, v in years.items() if v.get("energy_mwh")]
    if not rows:
        return []
    lines = ["## Energy consumption (MWh)", "",
             "Scope 1 fuels at their heating value (the factor set's heat content, HHV for the EPA Hub) or as "
             "metered in an energy unit; purchased electricity, steam, heat and cooling as metered. Renewable: "
             "biomass fuels and electricity covered by zero-emission instruments (PPAs, green tariffs, EACs).", ""]
    lines += _table(["Year", "Total", "Fuels", "Electricity", "Steam, heat, cooling", "Renewable", "Non-renewable",
                     "Renewable share", "MWh per revenue", "Records without energy"],
                    [[y, _t(e["total"]), _t(e["fuels"]), _t(e["electricity"]), _t(e["steam_heat_cooling"]),
                      _t(e["renewable"]), _t(e["non_renewable"]), _pct(e.get("renewable_share")),
                      _t(e.get("per_revenue")), str(e.get("records_without_energy", 0))] for y, e in rows])
    return lines


def _restatements_md(report: dict) -> list[str]:
    """Closed years (carbon close) and the restatements of their figures, with the reasons."""
    closed = report.get("closed_years") or []
    if not closed:
        return []
    lines = ["## Closed years and restatements", "",
             "Closed (published as stated): " + "; ".join(
                 f"{c['year']} closed {c.get('closed_at')}" + (f" ({_cell(c['note'])})" if c.get("note") else "")
                 for c in closed) + "." + (f" Shown above as published: {', '.join(map(str, report['as_published']))}."
                                           if report.get("as_published") else " Figures above are recomputed."), ""]
    rows = report.get("restatements") or []
    if not rows:
        return lines + ["No closed year's figures have changed since it was closed.", ""]
    return lines + _table(["Year", "Scope", "Category", "Previously stated", "Restated", "Change", "Added", "Removed",
                           "Changed", "Reason"],
                          [[str(r["year"]), "" if r["scope"] is None else str(r["scope"]), _cell(r["category"]), _t(r["previously_stated_tco2e"]),
                            _t(r["restated_tco2e"]), _t(r["change_tco2e"]), str(r["records_added"]),
                            str(r["records_removed"]), str(r["records_changed"]),
                            _cell(r["reason"] or "no reason on file")] for r in rows])


def _primary_data(report: dict) -> list[str]:
    """Scope 3 from supplier-specific (primary) data, when any (docs/value-chain.md)."""
    years = report["years"]
    if not any(v.get("scope3_primary_share") for v in years.values()):
        return []
    lines = ["## Scope 3 from supplier data", "",
             "Share of Scope 3 tCO2e computed from supplier-specific data (methods supplier-specific and hybrid: "
             "supplier footprints, supplier rates) rather than average or spend-based factors (ESRS E1-6, CDP).", ""]
    keys = list(years)
    rows = [["Scope 3", *(("n/a" if years[y].get("scope3_primary_share") is None
                          else _pct(years[y]["scope3_primary_share"])) for y in keys)]]
    for c in report.get("scope3_categories", []):
        shares = c.get("primary_share") or {}
        if any(shares.values()):
            at = {str(k): v for k, v in shares.items()}  # int keys as built, str keys read back from JSON
            rows.append([_cell(f"{c['key']} {c['name']}"), *("-" if at.get(str(y)) is None else _pct(at[str(y)])
                                                            for y in keys)])
    return lines + _table(["", *keys], rows)


def _estimated(report: dict) -> list[str]:
    """The share of each year's total from records flagged estimated (gap filling, carbon fill)."""
    years = report["years"]
    if not any(v.get("estimated_share") for v in years.values()):
        return []
    return ["## Estimated (gap-filled) data", "",
            "Share of the total tCO2e from records flagged `estimated` (gap filling: `carbon fill`).", ""] + _table(
        ["Year", "Estimated share"], [[y, "n/a" if v.get("estimated_share") is None else _pct(v["estimated_share"])]
                                      for y, v in years.items()])

