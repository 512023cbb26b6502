"""report.html: the report as one self-contained HTML page with charts, printable to PDF.

``render_html(report)`` takes the report dict (the report.json keys) and returns the page: inline CSS
(with a print stylesheet), charts as inline SVG drawn by matplotlib (``charts.py``), no script, no
external font, image or style sheet, so it opens offline and prints from any browser.

Safety: every piece of text that comes from the inventory (organisation, entity, ids, category names,
notes, factor set names, ...) goes through :func:`esc` (``html.escape(..., quote=True)``) when written
into HTML; text inside the charts is escaped by matplotlib's SVG writer (see ``charts.py``).

Determinism: no date, no random id: the same report dict gives a byte-identical page.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

from . import charts as ch
from .names import category_name, key_and_name, sort_categories
from .verdict import verdict

__all__ = ["render_html", "write_html", "esc"]


def esc(value: object) -> str:
    """User text (or anything) as HTML text or attribute value."""
    return html.escape(str(value), quote=True)


class Raw(str):
    """Markup built here from escaped parts: written as is by :func:`_table`."""


def _n(value: float | None, digits: int = 1) -> str:
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    return f"{value:,.{digits}f}"


def _pct(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None else f"{value * 100:.{digits}f}%"


def _signed_share(effect: float, change: object) -> str:
    """An effect as a share of the size of the change, with the effect's sign (``+79.3%``)."""
    if not isinstance(change, (int, float)) or not change:
        return "n/a"
    share = effect / abs(change)
    return f"{share:+.1%}" if abs(share) >= 0.0005 else "0.0%"


def _neutral_word(neutral: bool | None) -> str:
    return "no_activity_data" if neutral is None else "neutral" if neutral else "not_neutral"


def _status(status: object) -> Raw:
    text = str(status or "n/a")
    css = re.sub(r"[^a-z0-9_-]", "", text.lower())
    return Raw(f'<span class="status status-{css}">{esc(text.replace("_", " "))}</span>')


def _table(header: list[str], rows: list[list], numeric: set[int] | None = None, cls: str = "",
           caption: str | None = None) -> str:
    """A table; every cell is escaped unless it is :class:`Raw`. Columns in ``numeric`` align right."""
    numeric = numeric or set()

    def cell(tag: str, i: int, value) -> str:
        text = value if isinstance(value, Raw) else esc(value)
        return f'<{tag} class="num">{text}</{tag}>' if i in numeric else f"<{tag}>{text}</{tag}>"

    wrap = "table-wrap keep" if len(rows) <= 20 else "table-wrap"  # a short table is not split across pages
    out = [f'<div class="{wrap}"><table class="{esc(cls)}">' if cls else f'<div class="{wrap}"><table>']
    if caption:
        out.append(f"<caption>{esc(caption)}</caption>")
    out.append("<thead><tr>" + "".join(cell("th", i, h) for i, h in enumerate(header)) + "</tr></thead>")
    out.append("<tbody>")
    out += ["<tr>" + "".join(cell("td", i, v) for i, v in enumerate(r)) + "</tr>" for r in rows]
    out.append("</tbody></table></div>")
    return "\n".join(out)


def _p(text: str) -> str:
    return f"<p>{esc(text)}</p>"


def _restatements_html(report: dict) -> list[str]:
    """Closed years (carbon close) and the restatements of their figures, with the reasons."""
    closed = report.get("closed_years") or []
    if not closed:
        return []
    body = [_p("Closed years (published as stated, carbon close): " + "; ".join(
        f"{c['year']} closed {c.get('closed_at')}" + (f" ({c['note']})" if c.get("note") else "") for c in closed)
        + (". Shown as published: " + ", ".join(map(str, report["as_published"])) + "."
           if report.get("as_published") else ". Figures above are recomputed; restatements below."))]
    rows = report.get("restatements") or []
    if rows:
        body.append(_table(["Year", "Scope", "Category", "Previously stated", "Restated", "Change", "Added",
                            "Removed", "Changed", "Reason"],
                           [[r["year"], "" if r["scope"] is None else r["scope"], r["category"], _n(r["previously_stated_tco2e"], 3),
                             _n(r["restated_tco2e"], 3), _n(r["change_tco2e"], 3), r["records_added"],
                             r["records_removed"], r["records_changed"], r["reason"] or "no reason on file"]
                            for r in rows], numeric={3, 4, 5, 6, 7, 8},
                           caption="Restatements of closed years, tCO2e (records added, removed, changed)"))
    else:
        body.append(_p("No closed year's figures have changed since it was closed."))
    return body


def _figure(chart: ch.Chart | None, number: int, missing: str) -> str:
    if chart is None:
        return f'<p class="note">{esc(missing)}</p>'
    return (f'<figure class="chart-figure" id="{chart.name}">\n{chart.svg}'
            f'<figcaption id="{chart.name}-cap"><strong>Figure {number}. {esc(chart.title)}.</strong> '
            f"{esc(chart.caption)}</figcaption>\n</figure>")




CSS = """
:root { --ink: #1d232a; --muted: #5b6670; --rule: #d5dbe1; --band: #f4f6f8; --accent: #0072B2; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; color: var(--ink); background: #fff;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
main { max-width: 60rem; margin: 0 auto; padding: 1.5rem 1.25rem 3rem; }
header.report { border-bottom: 3px solid var(--accent); padding-bottom: .75rem; margin-bottom: 1rem; }
header.report .kicker { color: var(--muted); text-transform: uppercase; letter-spacing: .06em; font-size: .75rem;
  margin: 0; }
h1 { font-size: 1.7rem; margin: .15rem 0 .35rem; overflow-wrap: anywhere; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-top: .4rem; border-top: 1px solid var(--rule); }
h3 { font-size: 1rem; margin: 1.25rem 0 .4rem; }
p { margin: .4rem 0 .7rem; }
.meta { color: var(--muted); margin: 0; }
.meta span { white-space: nowrap; margin-right: 1rem; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: .6rem; margin: 1rem 0; }
@media (max-width: 40rem) { .cards { grid-template-columns: repeat(2, 1fr); } }
.card.card-off_track .value { color: #8a3100; }
.card.card-achieved .value { color: #0b5e43; }
.card { border: 1px solid var(--rule); border-radius: 6px; padding: .55rem .7rem; background: var(--band); }
.card .label { font-size: .72rem; color: var(--muted); text-transform: uppercase; letter-spacing: .04em; }
.card .value { font-size: 1.25rem; font-weight: 650; font-variant-numeric: tabular-nums; }
.card .sub { font-size: .78rem; color: var(--muted); }
nav.toc ol { columns: 2; margin: .3rem 0; padding-left: 1.3rem; font-size: .9rem; }
nav.toc a { color: var(--accent); text-decoration: none; }
figure.chart-figure { margin: 1rem 0 1.25rem; padding: 0; }
svg.chart { display: block; width: 100%; height: auto; }
svg.chart * { stroke-linejoin: round; stroke-linecap: butt; }
figcaption { font-size: .82rem; color: var(--muted); margin-top: .35rem; }
.table-wrap { overflow-x: auto; margin: .4rem 0 1rem; }
table { border-collapse: collapse; width: 100%; font-size: .8rem; }
caption { text-align: left; font-weight: 600; padding: .2rem 0; }
th, td { padding: .28rem .45rem; border-bottom: 1px solid var(--rule); vertical-align: top; text-align: left; }
th { background: var(--band); font-weight: 600; border-bottom: 2px solid var(--rule); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
tbody tr:nth-child(even) td { background: #fafbfc; }
.status { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .75rem; font-weight: 600;
  white-space: nowrap; background: #e8eaed; }
.status-achieved, .status-neutral, .status-ok, .status-applied, .status-met_by_plan, .status-done { background: #d7f0e6; color: #0b5e43; }
.status-on_track { background: #dcecf8; color: #0b4f7a; }
.status-off_track, .status-not_neutral, .status-failed, .status-mismatch, .status-not_met_by_plan { background: #fbe0d2; color: #8a3100; }
.note { color: var(--muted); font-size: .85rem; }
section.verdict { margin: .8rem 0 .4rem; }
section.verdict h2 { border-top: 0; margin: .2rem 0 .3rem; padding-top: 0; font-size: 1.1rem; }
section.verdict ul { list-style: none; margin: 0; padding: 0; }
li.verdict-line { padding: .3rem .55rem; margin: .25rem 0; border-left: 4px solid var(--rule); background: var(--band); }
li.verdict-achieved { border-left-color: #0b5e43; }
li.verdict-on_track { border-left-color: #0b4f7a; }
li.verdict-off_track { border-left-color: #D55E00; }
li.verdict-line .status { margin-right: .3rem; }
.statement { border-left: 4px solid var(--accent); background: var(--band); padding: .6rem .8rem; }
footer { margin-top: 2rem; font-size: .8rem; color: var(--muted); border-top: 1px solid var(--rule);
  padding-top: .5rem; }
@media print {
  @page { size: A4; margin: 13mm 12mm 14mm; }
  html, body { background: #fff; }
  body { font-size: 9.5pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  .cards { grid-template-columns: repeat(4, 1fr); }
  h2 { break-after: avoid; page-break-after: avoid; margin-top: 1.2rem; }
  h3 { break-after: avoid; page-break-after: avoid; }
  figure.chart-figure, .card, .statement, tr, .table-wrap.keep, section.verdict { break-inside: avoid;
    page-break-inside: avoid; }
  caption { break-after: avoid; page-break-after: avoid; }
  svg.chart { max-height: 235mm; }
  .table-wrap { overflow: visible; }
  table { font-size: 7.5pt; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


def _plan_body(plan: dict, fig) -> list[str]:
    """Chart, yearly table, actions and the verdict per target of the decarbonisation plan."""
    body = [fig("plan", "No plan years to chart.")]
    grows = (f"with the metric '{plan['driver']}'" if plan.get("driver") else f"{_pct(plan.get('growth'))} a year")
    body.append(_p(f"From {plan['from_year']}, business as usual grows {grows}; planned = business as usual minus "
                   f"the actions. Scope 2 by the {plan.get('scope2_method')}-based method."))
    body.append(_table(["Year", "Business as usual", "Planned", "Target pathway", "Removals", "Credits needed"],
                       [[y, _n(v["bau_tco2e"]), _n(v["planned_tco2e"]), _n(v["target_tco2e"]), _n(v["removals_tco2e"]),
                         _n(v["credits_needed_tco2e"])] for y, v in plan["years"].items()],
                       numeric={1, 2, 3, 4, 5}, caption="Plan by year, tCO2e"))
    last = str(plan["to_year"])
    if plan.get("actions"):
        body.append(_table(["Action", "Name", "Status", "From", f"Abated in {last}", "Cost per tCO2e"],
                           [[a["id"], a["name"], _status(a["status"]), a["start_year"], _n(a["abated_tco2e"][last]),
                             "n/a" if a["cost_per_tco2e"] is None else f"{_n(a['cost_per_tco2e'], 2)} {a['currency']}"]
                            for a in plan["actions"]], numeric={3, 4, 5}, caption="Actions"))
        body.append(fig("cost_curve", "No action has a cost: no cost curve."))
    if plan.get("targets"):
        words = {True: "met_by_plan", False: "not_met_by_plan", None: "not_judged"}
        body.append(_table(["Target", "Target year", "Planned", "Goal", "Gap", "Verdict", "Note"],
                           [[t["id"], t["target_year"], _n(t["planned_tco2e"]), _n(t["target_tco2e"]), _n(t["gap_tco2e"]),
                             _status(words[t["met_by_plan"]]), t.get("note", "")] for t in plan["targets"]],
                           numeric={1, 2, 3, 4}, caption="Does the plan meet each target?"))
    return body


def render_html(report: dict) -> str:
    """The report as one self-contained HTML page (see the module docstring)."""
    years = report["years"]
    year_keys = sorted(years, key=int)
    latest = year_keys[-1] if year_keys else None
    method = report.get("scope2_method", "market")
    figures = {"scopes": ch.scope_chart(report), "scope3": ch.scope3_chart(report),
               "waterfall": ch.waterfall_chart(report), "attribution": ch.attribution_chart(report),
               "targets": ch.target_chart(report), "neutrality": ch.neutrality_chart(report),
               "plan": ch.plan_chart(report), "cost_curve": ch.cost_curve_chart(report)}
    number = iter(range(1, 100))

    def fig(key: str, missing: str) -> str:
        chart = figures[key]
        return _figure(chart, next(number) if chart is not None else 0, missing)

    sections: list[tuple[str, str, list[str]]] = []  # (anchor, heading, body parts)

    # --- emissions by year and scope
    body = [fig("scopes", "No emissions to chart.")]
    interval_keys = [k for k in ("scope1", "scope2", "scope3", "total")
                     if any(ch._interval(years[y], k) for y in year_keys)]
    header = ["Year", "Scope 1", "Scope 2 location-based" + (" (reported)" if method == "location" else ""),
              "Scope 2 market-based" + (" (reported)" if method == "market" else ""), "Scope 3", "Total",
              "Biogenic CO2 (outside scopes)", "Credits retired"]
    rows = [[y, _n(v["scope1"]), _n(v["scope2_location"]), _n(v["scope2_market"]), _n(v["scope3"]), _n(v["total"]),
             _n(v.get("biogenic_co2")), _n(v.get("credits_tco2e"))] for y, v in ((y, years[y]) for y in year_keys)]
    body.append(_table(header, rows, numeric=set(range(1, len(header))), caption="Totals by year and scope, tCO2e"))
    if interval_keys:
        rows = []
        for y in year_keys:
            cells = [ch._interval(years[y], k) for k in interval_keys]
            rows.append([y, *("n/a" if iv is None else f"{_n(iv[0])} to {_n(iv[1])}" for iv in cells)])
        body.append(_table(["Year", *(f"{'Total' if k == 'total' else 'Scope ' + k[-1]} 95% interval"
                                      for k in interval_keys)], rows, numeric=set(range(1, 1 + len(interval_keys))),
                           caption="95% intervals, tCO2e"))
    unc = report.get("uncertainty")
    if interval_keys and isinstance(unc, dict):
        body.append(_p(f"95% intervals: {unc.get('method', 'Monte Carlo')}; {unc.get('draws')} draws, seed "
                       f"{unc.get('seed')}, {unc.get('distribution')} distributions; correlation: "
                       f"{unc.get('correlation')}."))
    body.append(_p(f"Scope 2 and the total follow the {method}-based method (GHG Protocol Scope 2 Guidance: "
                   "location-based from grid averages, market-based from contractual instruments, supplier rates "
                   "and residual mixes). Biogenic CO2 is reported outside the scopes; credits are never netted off "
                   "scope totals."))
    estimated = [(y, years[y].get("estimated_share")) for y in year_keys]
    if any(isinstance(v, (int, float)) and v > 0 for _, v in estimated):
        body.append(_p("Estimated (gap-filled) share of the total: " + ", ".join(
            f"{y} {_pct(v)}" for y, v in estimated if isinstance(v, (int, float))) + " (records flagged estimated, "
            "carbon fill)."))
    sections.append(("emissions", "Emissions by year and scope", body))
    energy = [(y, years[y]["energy_mwh"]) for y in year_keys if years[y].get("energy_mwh")]
    if energy:  # energy consumption (carbon/energy.py)
        header = ["Year", "Total", "Fuels", "Electricity", "Steam, heat, cooling", "Renewable", "Non-renewable",
                  "Renewable share", "MWh per revenue", "Records without energy"]
        rows = [[y, _n(e["total"]), _n(e["fuels"]), _n(e["electricity"]), _n(e["steam_heat_cooling"]),
                 _n(e["renewable"]), _n(e["non_renewable"]), _pct(e.get("renewable_share")), _n(e.get("per_revenue"), 3),
                 str(e.get("records_without_energy", 0))] for y, e in energy]
        sections.append(("energy", "Energy consumption", [
            _table(header, rows, numeric=set(range(1, len(header))), caption="Energy consumed, MWh"),
            _p("Scope 1 fuels at their heating value (the factor set's heat content, HHV for the EPA Hub) or as "
               "metered in an energy unit; purchased electricity, steam, heat and cooling as metered. Renewable: "
               "biomass fuels and electricity covered by zero-emission instruments (PPAs, green tariffs, EACs). "
               "Records without energy (refrigerant leaks, fuels without a heat content) are counted, not zeroed.")]))

    # --- Scope 3 by category
    body = [fig("scope3", "No Scope 3 emissions in the latest year.")]
    detail = {str(d.get("key")): d for d in report.get("scope3_categories") or [] if isinstance(d, dict)}
    s3_keys = sort_categories(report, [k for y in year_keys for k in years[y]["categories"] if k.startswith("3.")]
                                 + [k for k in detail if k.startswith("3.") and detail[k].get("missing")])
    has_methods = any(d.get("methods") for d in detail.values())
    has_quality = any(d.get("data_quality") for d in detail.values())
    latest_s3 = years[latest]["scope3"] if latest else 0.0
    header = ["Key", "Category", *year_keys, f"Share of Scope 3 {latest}"]
    header += ["Methods"] if has_methods else []
    header += ["Data quality"] if has_quality else []
    has_primary = bool(latest) and any(_by_year(d.get("primary_share"), latest) for d in detail.values())
    header += [f"Supplier data {latest}"] if has_primary else []
    rows = []
    for k in s3_keys:
        d = detail.get(k, {})
        name = d.get("name") or category_name(report, k)
        value = years[latest]["categories"].get(k, 0.0) if latest else 0.0
        row = [k, name + (" (relevant, not reported)" if d.get("missing") else ""),
               *(_n(years[y]["categories"].get(k)) if k in years[y]["categories"] else "-" for y in year_keys),
               _pct(value / latest_s3) if latest_s3 else "n/a"]
        if has_methods:
            methods = d.get("methods") or []
            row.append(", ".join(map(str, methods)) if isinstance(methods, (list, tuple)) else str(methods))
        if has_quality:
            quality = d.get("data_quality")
            row.append(", ".join(map(str, quality)) if isinstance(quality, (list, tuple)) else str(quality or ""))
        if has_primary:
            share = _by_year(d.get("primary_share"), latest)
            row.append("-" if share is None else _pct(share))
        rows.append(row)
    if rows:
        body.append(_table(header, rows, numeric=set(range(2, 3 + len(year_keys))),
                           caption="Scope 3 by category, tCO2e"))
    else:
        body.append(_p("No Scope 3 emissions are reported."))
    if has_primary and years[latest].get("scope3_primary_share") is not None:
        body.append(_p(f"Scope 3 from supplier data in {latest}: {_pct(years[latest]['scope3_primary_share'])} "
                       "(methods supplier-specific and hybrid: supplier footprints and supplier rates, against "
                       "average and spend-based factors)."))
    if not has_methods:
        body.append('<p class="note">Calculation methods per category: <code>carbon categories INVENTORY</code>.</p>')
    s12 = sort_categories(report, [k for y in year_keys for k in years[y]["categories"] if not k.startswith("3.")])
    if s12:
        body.append(_table(["Key", "Source", *year_keys],
                           [[k, category_name(report, k), *(_n(years[y]["categories"].get(k)) if k in years[y]["categories"]
                                                      else "-" for y in year_keys)] for k in s12],
                           numeric=set(range(2, 2 + len(year_keys))),
                           caption=f"Scope 1 and 2 by source category, tCO2e (Scope 2 {method}-based)"))
    sections.append(("categories", "Emissions by category", body))

    # --- financed emissions (Scope 3 category 15, PCAF) and data quality
    financed = {y: years[y]["financed"] for y in year_keys if years[y].get("financed")}
    if financed:
        body = [_p("Attributed emissions of the investment and lending book (PCAF Global GHG Accounting and "
                   "Reporting Standard, Part A): investee Scope 1+2 and Scope 3 kept apart; the data-quality score "
                   "(1 best, 5 worst) is weighted by outstanding amount.")]
        body.append(_table(["Year", "Financed total", "Investee S1+2", "Investee S3", "Outstanding",
                            "PCAF score (S1+2)", "Coverage", "Positions"],
                           [[y, _n(f["total"]), _n(f["scope12"]), _n(f["scope3"]), _n(f.get("outstanding"), 0),
                             _n(f.get("data_quality_score"), 2), _pct(f.get("coverage")), f.get("positions")]
                            for y, f in financed.items()],
                           numeric=set(range(1, 8)), cls="financed", caption="Financed emissions by year, tCO2e"))
        last = list(financed)[-1]
        body.append(_table(["Asset class", "Financed", "S1+2", "S3", "Outstanding", "PCAF score", "Positions"],
                           [[k.replace("_", " "), _n(v["total"]), _n(v["scope12"]), _n(v["scope3"]),
                             _n(v.get("outstanding"), 0), _n(v.get("data_quality_score"), 2), v["positions"]]
                            for k, v in financed[last]["by_asset_class"].items()],
                           numeric=set(range(1, 7)), cls="financed", caption=f"Financed emissions by asset class, {last}"))
        sections.append(("financed", "Financed emissions (Scope 3 category 15, PCAF)", body))
    dq = report.get("data_quality")
    if dq:
        def top(shares: dict) -> str:
            return ", ".join(f"{k} {v:.0%}" for k, v in list(shares.items())[:3])

        body = [_p("Share of each scope's and category's tCO2e by calculation method and by data-quality score or "
                   "label (the three largest).")]
        body.append(_table(["Scope / category", "By method", "By data quality"],
                           [[k.replace("scope", "Scope ") if k.startswith("scope") else
                             f"{k} {category_name(report, k)}", top(v["by_method"]), top(v["by_quality"])]
                            for k, v in list(dq["scopes"].items()) + list(dq["categories"].items())],
                           cls="data-quality", caption=f"Data quality, {dq['year']}"))
        sections.append(("data-quality", "Data quality", body))

    # --- change since the base year (and attribution when the report has it)
    body = [fig("waterfall", "The report holds a single year: no change to show.")]
    attribution = report.get("attribution")
    if attribution:
        body.append(fig("attribution", "The attribution holds no numeric effect."))
        effects = ch.attribution_effects(attribution)
        if effects:
            change = attribution.get("change_tco2e")
            # each effect over the size of the change, with the effect's own sign: +753 t of a -950 t change
            # reads +79.3% (it pushed emissions up by that much of the change), not -79.3%
            rows = [[name.replace("_", " "), _n(v), _signed_share(v, change)] for name, v in effects]
            body.append(_table(["Effect", "tCO2e", "Share of |change|"], rows, numeric={1, 2},
                               caption=f"Attribution of the change {attribution.get('from')} to "
                                       f"{attribution.get('to')} ({_n(change)} tCO2e)"))
            by_scope = attribution.get("by_scope")
            if isinstance(by_scope, dict) and by_scope:
                names = [name for name, _ in effects]
                rows = []
                for scope, block in by_scope.items():
                    block_effects = dict(ch.attribution_effects(block)) if isinstance(block, dict) else {}
                    rows.append([scope.replace("scope", "Scope "), _n(block.get("from_tco2e")),
                                 _n(block.get("to_tco2e")), _n(block.get("change_tco2e")),
                                 *(_n(block_effects.get(name)) for name in names)])
                body.append(_table(["Scope", "From", "To", "Change", *(n.replace("_", " ") for n in names)], rows,
                                   numeric=set(range(1, 4 + len(names))), caption="Attribution by scope, tCO2e"))
            if attribution.get("method"):
                body.append(_p(f"Method: {attribution['method']}"
                               + (f"; Scope 2 {attribution['scope2_method']}-based." if attribution.get("scope2_method")
                                  else ".")))
    sections.append(("change", "Change since the base year", body))

    # --- targets
    targets = report.get("targets") or []
    body = [fig("targets", "No absolute or intensity target is set.")]
    if targets:
        has_p = any(t.get("probability_met") is not None for t in targets)
        header = ["Target", "Kind", "Scopes", "Scope 2", "Base year", "Base", "Latest year", "Latest", "Reduction",
                  "Target", "Pathway", "Target year", "Status"] + (["P(met)"] if has_p else [])
        rows = []
        for t in targets:
            row = [t["id"], t["kind"], "+".join(map(str, t["scopes"])), t.get("scope2_method") or "",
                   t["base_year"], _n(t.get("base_tco2e")), t.get("latest_year") or "n/a", _n(t.get("latest_tco2e")),
                   _pct(t.get("reduction")), _pct(t.get("target_reduction")), _pct(t.get("pathway_reduction")),
                   t["target_year"], _status(t.get("status"))]
            if has_p:
                row.append(_pct(t.get("probability_met"), 0))
            rows.append(row)
        body.append(_table(header, rows, numeric={5, 7, 8, 9, 10} | ({13} if has_p else set()),
                           caption="Targets and their status"))
        body.append(_p("Reduction = 1 - latest / base (tCO2e; for an intensity target per unit of its metric). "
                       "Pathway = the linear path from base year to target year, as a reduction in the latest year. "
                       "For a neutrality target 'Latest' is net of credits."))
        for t in targets:
            if t.get("kind") == "intensity" and t.get("base_intensity") is not None:
                body.append(_p(f"{t['id']}: {_n(t['base_intensity'], 4)} tCO2e per {t.get('metric')} in "
                               f"{t['base_year']}, {_n(t.get('latest_intensity'), 4)} in {t.get('latest_year')}."))
            if t.get("excluded_categories"):
                body.append(_p(f"{t['id']}: Scope 3 categories without base-year data or estimate, kept out of the "
                               f"target boundary: {', '.join(key_and_name(report, str(k)) for k in t['excluded_categories'])}."))
            if t.get("original_base_tco2e") is not None and t.get("base_tco2e") is not None and \
                    abs(t["original_base_tco2e"] - t["base_tco2e"]) > 1e-9:
                body.append(_p(f"{t['id']}: base year recalculated from {_n(t['original_base_tco2e'])} to "
                               f"{_n(t['base_tco2e'])} tCO2e."))
    else:
        body.append(_p("No targets are set in inventory.toml."))
    sections.append(("targets", "Targets", body))

    # --- neutrality
    body = [fig("neutrality", "No neutrality data.")]
    neutrality = report.get("neutrality") or []
    if neutrality:
        body.append(_table(["Target", "Year", "Gross", "Credits (avoidance)", "Credits (removal)", "Net", "Trajectory",
                            "Gap", "Status"],
                           [[n["id"], n["year"], _n(n["gross_tco2e"]), _n(n.get("credits_avoidance_tco2e")),
                             _n(n.get("credits_removal_tco2e")), _n(n["net_tco2e"]), _n(n.get("trajectory_tco2e")),
                             _n(n.get("gap_tco2e")), _status(n.get("status"))] for n in neutrality],
                           numeric={2, 3, 4, 5, 6, 7}, caption="Neutrality targets per year, tCO2e"))
        body.append(_p("Trajectory = a straight line from base-year gross emissions to zero in the target year; "
                       "gap = net - trajectory (positive: above the path)."))
    else:
        body.append(_p("No neutrality target is set in inventory.toml."))
    over = report.get("neutrality_overview") or {}
    if over.get("years"):
        rows = [[r["year"], _n(r["operational"]["gross_tco2e"]), _n(r["operational"]["net_tco2e"]),
                 _status(_neutral_word(r["operational"]["neutral"])),
                 _n(r["corporate"]["gross_tco2e"]), _n(r["corporate"]["net_tco2e"]),
                 _status(_neutral_word(r["corporate"]["neutral"])),
                 _n(r.get("credits_avoidance_tco2e")), _n(r.get("credits_removal_tco2e")),
                 _pct(r["corporate"].get("removals_share"))] for r in over["years"]]
        body.append(_table(["Year", "Operational gross (S1+2)", "Operational net", "Operational",
                            "Corporate gross (S1+2+3)", "Corporate net", "Corporate", "Avoidance credits",
                            "Removal credits", "Removals / corporate gross"], rows,
                           numeric={1, 2, 4, 5, 7, 8, 9}, caption="Operational and corporate neutrality, tCO2e"))
    e17 = [r["credits_e1_7"] for r in over.get("years") or [] if (r.get("credits_e1_7") or {}).get("cancelled_tco2e")]
    if e17:
        body.append(_table(["Year", "Credits cancelled tCO2e", "Removals", "Avoidance", "With corresponding adjustment",
                            "From EU projects"],
                           [[c["year"], _n(c["cancelled_tco2e"]), _pct(c["share_removals"]), _pct(c["share_avoidance"]),
                             _pct(c["share_corresponding_adjustment"]), _pct(c["share_eu_projects"])] for c in e17],
                           numeric={1, 2, 3, 4, 5}, caption="Carbon credits cancelled (ESRS E1-7), shares of tonnes"))
    gap = over.get("gap")
    if gap:
        needed = ("n/a" if gap.get("annual_reduction_needed_tco2e") is None else
                  f"{_n(gap['annual_reduction_needed_tco2e'])} tCO2e a year "
                  f"({_pct(gap.get('annual_reduction_needed_share'))} of {gap['latest_year']} gross)")
        before = f"Gap to corporate neutrality in {gap['goal_year']}: net "
        after = (f" in {gap['latest_year']}, {gap['years_left']} years left; straight-line reduction of net "
                 f"emissions needed: {needed}.")
        body.append(f'<p class="statement">{esc(before)}<strong>{esc(_n(gap["net_tco2e"]))} tCO2e</strong>'
                    f"{esc(after)}</p>")
    sections.append(("neutrality", "Progress toward carbon neutrality", body))

    # --- the plan
    plan = report.get("plan")
    if plan:
        sections.append(("plan", f"The plan to {plan['to_year']}", _plan_body(plan, fig)))

    # --- Scope 2 instruments
    instruments = report.get("instruments") or []
    body = []
    if instruments:
        breaches = any(i.get("breaches") for i in instruments)
        body.append(_table(["Instrument", "Year", "Type", "Market / facility", "MWh offered", "MWh applied",
                            "Excess MWh", "Rate t/MWh", "Status"] + (["Breaches"] if breaches else []),
                           [[i["instrument_id"], i["year"], i["type"].replace("_", " "),
                             (i.get("region") or "") + (f" / {i['facility']}" if i.get("facility") else ""),
                             "all remaining" if i.get("quantity_mwh") is None else _n(i["quantity_mwh"]),
                             _n(i.get("applied_mwh")), _n(i.get("excess_mwh")), _n(i.get("rate_t_per_mwh"), 3),
                             _status(i.get("status"))]
                            + (["; ".join(map(str, i.get("breaches") or []))] if breaches else [])
                            for i in instruments],
                           numeric={4, 5, 6, 7}, caption="Contractual instruments (market-based Scope 2)"))
    else:
        body.append(_p("No contractual instruments (instruments.csv): the market-based Scope 2 figure uses supplier "
                       "rates, residual mixes or the grid average."))
    sections.append(("instruments", "Scope 2 contractual instruments", body))

    # --- boundary exclusions and estimates
    body = []
    excluded = report.get("excluded") or []
    consolidation = report.get("consolidation")
    if excluded:
        body.append(_table(["Entity", "Year", "Reason", "Share included", "Entity tCO2e", "Excluded tCO2e"],
                           [[e["entity"], e["year"], e["reason"], _pct(e["share_included"]), _n(e["entity_tco2e"]),
                             _n(e["excluded_tco2e"])] for e in excluded],
                           numeric={3, 4, 5}, caption=f"Outside the organisational boundary ({consolidation})"))
    else:
        body.append(_p("No emissions are outside the organisational boundary"
                       + (f" ({consolidation})." if consolidation else ".")))
    rec = report.get("recalculation") or {}
    estimated = [c for c in rec.get("changes") or [] if c.get("estimated")]
    if estimated:
        body.append(_table(["Change", "Year", "Type", "Estimated effect tCO2e", "Share of base", "How"],
                           [[c["change_id"], c["year"], c["type"], _n(c.get("effect_tco2e")),
                             _pct(c.get("effect_share")), c.get("note") or ""] for c in estimated],
                           numeric={3, 4}, caption="Estimates in the base year"))
    else:
        body.append(_p("No base-year figure is an estimate."))
    if rec.get("estimated_categories"):
        body.append(_p("Scope 3 categories estimated for the base year: "
                       + ", ".join(key_and_name(report, f"3.{c}" if not str(c).startswith("3.") else str(c))
                                   for c in rec["estimated_categories"]) + "."))
    sections.append(("boundary", "Boundary exclusions and estimates", body))

    # --- base-year recalculation
    body = []
    if rec:
        body.append(_p(f"Recalculation: {rec.get('policy')}; significance threshold {_pct(rec.get('threshold'))}; "
                       f"base year "
                       f"{rec.get('base_year')} {'recalculated' if rec.get('recalculated') else 'not recalculated'}."))
        body.append(_table([f"Base year {rec.get('base_year')}", "Scope 1", "Scope 2", "Scope 3", "Total"],
                           [[name, *(_n(b.get(k)) for k in ("scope1", "scope2", "scope3", "total"))]
                            for name, b in (("original", rec.get("original_base") or {}),
                                            ("recalculated", rec.get("recalculated_base") or {}))],
                           numeric={1, 2, 3, 4}, caption="Base year, tCO2e"))
        if rec.get("changes"):
            body.append(_table(["Change", "Year", "Type", "Effect tCO2e", "Share of base", "Cumulative", "Triggered",
                                "How"],
                               [[c["change_id"], c["year"], c["type"],
                                 "no estimate" if c.get("effect_tco2e") is None else _n(c["effect_tco2e"]),
                                 _pct(c.get("effect_share")), _pct(c.get("cumulative_share")),
                                 "yes" if c.get("triggered") else "no",
                                 (c.get("note") or "") + (" (estimated)" if c.get("estimated") else "")]
                                for c in rec["changes"]],
                               numeric={3, 4, 5}, caption="Structural, methodology and boundary changes"))
        else:
            body.append(_p("No structural, methodology or boundary changes are recorded (changes.csv)."))
        moved = rec.get("methodology")
        if moved and moved.get("moved_tco2e") is not None:
            body.append(_p(f"Since the previous report the base-year total moved by {_n(moved['moved_tco2e'])} tCO2e "
                           f"({_pct(moved.get('moved_share'))}); factor and GWP files changed: "
                           f"{', '.join(map(str, moved.get('files_changed') or [])) or 'none'}; GWP "
                           f"{moved.get('gwp_before')} -> {moved.get('gwp_now')}."))
    else:
        body.append(_p("The report holds no base-year recalculation."))
    body += _restatements_html(report)
    sections.append(("recalculation", "Base-year recalculation", body))

    # --- method: factor sets, GWP, records, conservation
    body = [_p(f"GWP set: {report.get('gwp')} (100-year). Scope 2 method: {method}-based. Consolidation: "
               f"{consolidation or 'not set (no entities.csv)'}.")]
    body.append(_table(["Factor set (search order)", "Shipped", "Records using it", "Verification"],
                       [[s["name"], "yes" if s.get("shipped") else "no", s.get("rows_used", ""), s.get("verification", "")]
                        for s in report.get("factor_sets") or []], numeric={2}, caption="Factor sets used"))
    if report.get("reprinted_factors_used"):
        used = [f"{s['name']} ({s.get('records_reprint')} records)" for s in report.get("factor_sets") or []
                if s.get("records_reprint")]
        body.append(_p(f"Reprinted factors were used: {', '.join(used)} take factors read from a third-party copy "
                       "(reprint) or not verified, not from the publisher's own file. Check them against the publication."))
    warnings = report.get("warnings") or []
    if warnings:
        body.append(_table(["Kind", "First record", "Value", "Read as", "Records"],
                           [[w["kind"], w.get("record_id") or w["file"],
                             f"{w['column']} = {w['value']}" if w.get("column") else "", w["read_as"], w["count"]]
                            for w in warnings], numeric={4}, caption=f"Warnings about the inputs ({len(warnings)})"))
    records = report.get("records") or {}
    flagged = records.get("flagged") or {}
    if flagged:
        body.append(_table(["Factor flag", "Records"], [[k, v] for k, v in flagged.items()], numeric={1},
                           caption="Records with a flagged factor choice"))
    con = report.get("conservation") or {}
    if con:
        body.append(f'<p class="statement"><strong>Conservation: {esc(con.get("status", "n/a"))}.</strong> '
                    + esc(f"Records read: {con.get('records_read')}; in the ledger: {con.get('records_in_ledger')}; "
                          f"rejected: {con.get('records_rejected')}. Sum of per-record tCO2e "
                          f"{_n(con.get('sum_of_records_tco2e'), 3)} = sum of scope totals "
                          f"{_n(con.get('sum_of_scope_totals_tco2e'), 3)} (checked to a relative "
                          f"{con.get('relative_tolerance', 0):g}). No record is dropped silently."
                          + (f" These sums are of the recomputed figures; shown above as published: "
                             f"{', '.join(map(str, con['years_shown_as_published']))}."
                             if con.get("years_shown_as_published") else "")) + "</p>")
    sections.append(("method", "Factors, GWP and conservation", body))

    # --- the page
    org = report.get("organisation", "")
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{esc(f'GHG progress report: {org}')}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           "<main>", '<header class="report">', '<p class="kicker">Greenhouse-gas progress report</p>',
           f"<h1>{esc(org)}</h1>", '<p class="meta">'
           + " ".join(f"<span>{esc(label)}: <strong>{esc(value)}</strong></span>" for label, value in (
               ("Base year", report.get("base_year")),
               ("Years", f"{year_keys[0]} to {latest}" if year_keys else "none"),
               ("GWP", report.get("gwp")), ("Scope 2", f"{method}-based"),
               ("Boundary", consolidation or "as reported"), ("Engine", report.get("engine_version")),
               ("Warnings", len(report.get("warnings") or []))))
           + "</p>", "</header>"]
    out.append(_verdict(report))
    out.append(_cards(report, year_keys))
    out.append('<nav class="toc"><ol>' + "".join(f'<li><a href="#{a}">{esc(h)}</a></li>' for a, h, _ in sections)
               + "</ol></nav>")
    for anchor, heading, parts in sections:
        out.append(f'<section id="{anchor}">\n<h2>{esc(heading)}</h2>')
        out += parts
        out.append("</section>")
    out.append(f"<footer>All emissions in tonnes CO2e. Made by carbon {esc(report.get('engine_version'))} from "
               "report.json; the figures are those of report.json and report.md.</footer>")
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


def _verdict(report: dict) -> str:
    """The first thing on the page: one line per target (status in colour and word) and the neutrality gap."""
    v = report.get("verdict") or verdict(report)
    if not v["targets"] and not v["neutrality"]:
        return ""
    out = ['<section id="verdict" class="verdict" aria-label="Are we on track?">', "<h2>Are we on track?</h2>",
           "<ul>"]
    for t in v["targets"]:
        out.append(f'<li class="verdict-line verdict-{esc(t["status"])}" data-target="{esc(t["id"])}">'
                   f'{_status(t["status"])} <strong>{esc(t["id"])}</strong>: {esc(t["text"])}.</li>')
    n = v["neutrality"]
    if n:
        out.append(f'<li class="verdict-line verdict-neutrality">'
                   f'{_status("neutral" if n["neutral"] else "not_neutral")} {esc(n["text"])}.</li>')
    out += ["</ul>", "</section>"]
    return "\n".join(out)


def _cards(report: dict, year_keys: list[str]) -> str:
    if not year_keys:
        return ""
    years = report["years"]
    latest = years[year_keys[-1]]
    base_key = str(report.get("base_year"))
    cards = [("Total " + year_keys[-1], f"{_n(latest['total'], 0)} t",
              f"{latest['total'] / years[base_key]['total'] - 1:+.1%} since {base_key}"
              if base_key in years and years[base_key]["total"] else "tCO2e")]
    cards += [(f"Scope {s} {year_keys[-1]}", f"{_n(latest[f'scope{s}'], 0)} t",
               f"{_pct(latest[f'scope{s}'] / latest['total'])} of total" if latest["total"] else "") for s in (1, 2, 3)]
    targets = [t for t in report.get("targets") or []]
    for status, label in (("achieved", "Targets achieved"), ("on_track", "Targets on track"),
                          ("off_track", "Targets off track")):
        if targets:
            ids = [str(t["id"]) for t in targets if t.get("status") == status]
            cards.append((label, f"{len(ids)} of {len(targets)}", ", ".join(ids) or "none", status if ids else ""))
    gap = (report.get("neutrality_overview") or {}).get("gap")
    if gap:
        cards.append((f"Corporate net {gap['latest_year']}", f"{_n(gap['net_tco2e'], 0)} t",
                      f"goal: zero by {gap['goal_year']}"))
    cards = [c if len(c) == 4 else (*c, "") for c in cards]
    return '<div class="cards">' + "".join(
        f'<div class="card{f" card-{d}" if d else ""}"><div class="label">{esc(a)}</div><div class="value">{esc(b)}</div>'
        f'<div class="sub">{esc(c)}</div></div>' for a, b, c, d in cards) + "</div>"


def write_html(report: dict, folder: str | Path) -> Path:
    """Write ``folder/report.html`` atomically; return its path."""
    from .files import write_atomic

    path = Path(folder) / "report.html"
    write_atomic(path, render_html(report))
    return path


def _by_year(values, year):
    """A per-year value of a report dict, whose year keys are int (built) or str (read back from JSON)."""
    if not isinstance(values, dict) or year is None:
        return None
    found = values.get(str(year), values.get(int(year)) if str(year).isdigit() else None)
    return found if isinstance(found, (int, float)) else None

