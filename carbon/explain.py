"""``carbon explain``: how one record's tCO2e was made, and what makes up a total.

For a record: the record itself, the factor rows chosen (set, file, row, region, vintage and why that
one: region and year fallbacks), the unit conversion, the GWP values and the arithmetic, in the order
the engine does it, so that the printed numbers (full float64 precision) reproduce the record's tCO2e to
the last digit. For a total: the largest contributors, by category and activity, then by record.
"""

from __future__ import annotations

import pandas as pd

from .coefficients import co2e_per_unit
from .errors import CarbonError
from .factors import factor_gas, resolve
from .inventory import Inventory
from .units import mass_to_tonnes

__all__ = ["explain_record", "explain_total"]


def _exact(x: float) -> str:
    """A float as Python writes it back exactly (shortest round-trip form)."""
    return repr(float(x))


def _ten(x: float) -> str:
    """A float to 10 significant digits: 1e-07, not 9.999999999999998e-08."""
    return f"{float(x):.10g}"


def explain_record(inventory: Inventory, ledger: pd.DataFrame, record_id: str, exact: bool = False) -> str:
    """The arithmetic of one record, in the engine's order. The engine computes at full precision; the
    text shows 10 significant digits (``exact``: the shortest form that reads back to the same float,
    so the printed terms reproduce the result to the last digit), and its last line says whether the
    recomputation equals the ledger's value exactly."""
    _r = _exact if exact else _ten
    hit = ledger[ledger["record_id"] == record_id]
    if hit.empty:
        close = [r for r in ledger["record_id"] if record_id.lower() in r.lower()][:5]
        raise CarbonError(f"no record '{record_id}' in {inventory.root}"
                          + (f"; did you mean: {', '.join(close)}?" if close else ""))
    rec = hit.iloc[0]
    year, scope, unit, quantity = int(rec["year"]), int(rec["scope"]), str(rec["unit"]), float(rec["quantity"])
    out = [f"record {record_id} ({rec['input_file']}, row {rec['input_row']})",
           f"  year {year}, scope {scope}, category {rec['category']}, "
           + (f"activity {rec['activity']}" if rec["activity"] else f"gas {rec['gas']} (direct emission)"),
           f"  quantity {_r(quantity)} {unit}" + (f", region {rec['region']}" if rec["region"] else ", no region")
           + (f", entity {rec['entity']}" if rec["entity"] else ""), ""]
    if rec["calculation"] == "direct":
        gas = str(rec["gas"])
        per = mass_to_tonnes(unit)
        gwp = inventory.gwp.gwp(gas)
        value = quantity * per * gwp
        out += [f"direct emission of {gas}: {_r(quantity)} {unit} = {_r(quantity * per)} t "
                f"(1 {unit} = {_r(per)} t)",
                f"GWP of {gas} in {inventory.gwp.name}: {gwp:g}" + (" (CO2e by definition)" if gas == "CO2e" else ""),
                f"{_r(quantity)} x {_r(per)} x {gwp:g} = {_r(value)} tCO2e"]
    else:
        res = resolve(inventory.factors, str(rec["activity"]), str(rec["region"]), year, unit, inventory.money)
        rows = inventory.factors.table.loc[list(res.rows)]
        first = rows.iloc[0]
        vintage = "any year" if pd.isna(first["year"]) else str(int(first["year"]))
        why = []
        for flag in res.flags:
            kind, _, detail = flag.partition(":")
            why.append({"region_fallback": f"no factor for region {rec['region']}: fell back ({detail})",
                        "vintage_after_record": f"no vintage up to {year}: the earliest one used ({detail})",
                        "vintage_before_record": f"the latest vintage not after {year} ({detail})",
                        "fx": f"currency converted at the exchange-rate table ({detail})",
                        "price_year": f"moved to the factor's price year with the price index ({detail})"}.get(kind, flag))
        out += [f"factor: set {first['set']}, {first['file']}, region {first['region'] or 'any'}, vintage {vintage}",
                "  chosen by: " + ("; ".join(why) if why else "exact region (or none needed) and the latest vintage "
                                                               f"not after {year}"),
                f"  source: {first['source']}", ""]
        tonnes: dict[str, float] = {}
        for (idx, row), per in zip(rows.iterrows(), res.tonnes_per_unit):
            gas = factor_gas(inventory.gwp, str(row["gas"]), str(row.get("ch4_origin", "")))
            t = float(row["value"]) * per
            tonnes[gas] = tonnes.get(gas, 0.0) + t
            out.append(f"  row {row['row']}: {gas} {_r(row['value'])} {row['unit']}; 1 {unit} at 1 {row['unit']} "
                       f"= {_r(per)} t; so {_r(t)} t {gas} per {unit}")
        out.append("")
        terms = []
        for gas in sorted(tonnes):
            g = inventory.gwp.gwp(gas)
            label = {"CO2e": "CO2e (GWP 1)", "biogenic_CO2": "biogenic CO2 (outside the scopes: 0)"}.get(
                gas, f"GWP {g:g} ({inventory.gwp.name})")
            out.append(f"  {gas}: {_r(tonnes[gas])} t x {label}")
            terms.append(f"{_r(tonnes[gas])} x {g:g}")
        coef = co2e_per_unit(tonnes, inventory.gwp)
        out += [f"tCO2e per {unit} = " + " + ".join(terms) + f" = {_r(coef)}",
                f"{_r(quantity)} {unit} x {_r(coef)} = {_r(quantity * coef)} tCO2e (location-based / factor)"]
        value = quantity * coef
        if scope == 2 and rec["market_basis"]:
            out.append(f"market-based: {_r(rec['tco2e_market'] / rec['boundary_share']) if rec['boundary_share'] else '-'} "
                       f"tCO2e from {rec['market_basis']} (see report.json instruments)")
            if inventory.config.scope2_method == "market":
                value = float(rec["tco2e_market"] / rec["boundary_share"]) if rec["boundary_share"] else value
                out.append(f"  the inventory reports Scope 2 market-based: {_r(value)} tCO2e")
    share = float(rec["boundary_share"])
    if share != 1.0:
        out.append(f"boundary: {rec['boundary_note']}: {_r(value)} x {_r(share)} = {_r(value * share)} tCO2e")
        value = value * share
    same = value == float(rec["tco2e"])
    out += ["", f"= {_r(value)} tCO2e (ledger: {_r(rec['tco2e'])}; "
                + ("recomputed here to the same float, last digit included)" if same else
                   f"DIFFERENT: recomputed {_exact(value)}, ledger {_exact(rec['tco2e'])}; please report this)")]
    if not exact:
        out.append("(10 significant digits shown; --exact prints every number at full precision)")
    return "\n".join(out)


def explain_total(ledger: pd.DataFrame, year: int, scope: str, top: int = 10,
                  names: dict[str, str] | None = None) -> str:
    """The largest contributors to a year's total (``scope``: scope1, scope2, scope3 or total); ``names``
    (category key -> name) adds each category's name."""
    part = ledger[ledger["year"] == year]
    if scope != "total":
        if scope not in ("scope1", "scope2", "scope3"):
            raise CarbonError(f"'{scope}' is not a total: use scope1, scope2, scope3 or total")
        part = part[part["scope"] == int(scope[-1])]
    if part.empty:
        raise CarbonError(f"no records for {scope} in {year}")
    total = part["tco2e"].sum()
    out = [f"{scope} {year}: {total:,.3f} tCO2e from {len(part)} records", "", "by category and activity:"]
    groups = part.assign(what=part["activity"].where(part["activity"] != "", part["gas"])).groupby(
        ["scope", "category", "what"])["tco2e"].agg(["sum", "count"]).sort_values("sum", ascending=False)
    for (s, c, what), row in groups.head(top).iterrows():
        share = row["sum"] / total if total else 0.0
        name = (names or {}).get(f"{s}.{c}")
        out.append(f"  {s}.{c:<24} {what:<36} {row['sum']:>14,.3f}  {share:6.1%}  ({int(row['count'])} records)"
                   + (f"  {name}" if name else ""))
    out += ["", "largest records:"]
    for _, rec in part.sort_values(["tco2e", "record_id"], ascending=[False, True]).head(top).iterrows():
        share = rec["tco2e"] / total if total else 0.0
        out.append(f"  {rec['record_id']:<28} {rec['tco2e']:>14,.3f}  {share:6.1%}  {rec['input_file']}, row {rec['input_row']}")
    return "\n".join(out)
