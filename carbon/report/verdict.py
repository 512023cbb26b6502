"""The verdict: "are we on track?" in one line per target and one for neutrality, shown above everything
else in report.md and report.html (and kept in report.json as ``verdict``).

Per target: its status, the reduction reached against the target's, and for a target off track the
straight-line cut needed each year from the latest year to the target year:
``(latest - base x (1 - target reduction)) / (target year - latest year)`` in tCO2e (for an intensity
target in tCO2e per unit of its metric; for a neutrality target the level to reach is net zero).
For neutrality (``neutrality_overview.gap``): the corporate net emissions of the latest year and the cut
a year that brings them to zero by the goal year.
"""

from __future__ import annotations

import math

__all__ = ["verdict", "STATUS_WORDS"]

STATUS_WORDS = {"achieved": "achieved", "on_track": "on track", "off_track": "off track",
                "no_base_data": "no base-year data", "no_metric_data": "no metric data"}


def _n(value: float | None, digits: int = 1) -> str:
    if value is None or not math.isfinite(value):
        return "n/a"
    return f"{value:,.{digits}f}"


def _pct(value: float | None, digits: int = 1) -> str:
    return "n/a" if value is None or not math.isfinite(value) else f"{value * 100:.{digits}f}%"


def _scopes(scopes) -> str:
    return ("Scope " if len(scopes) == 1 else "Scopes ") + "+".join(str(s) for s in scopes)


def _target_line(t: dict) -> dict:
    status = str(t.get("status") or "n/a")
    kind = t.get("kind")
    line = {"id": t["id"], "kind": kind, "status": status, "word": STATUS_WORDS.get(status, status.replace("_", " ")),
            "reduction": t.get("reduction"), "target_reduction": t.get("target_reduction"),
            "target_year": t.get("target_year"), "latest_year": t.get("latest_year"),
            "annual_cut_needed": None, "annual_cut_needed_share": None, "unit": "tCO2e"}
    what = f"{_scopes(t.get('scopes') or [])}, {kind}"
    if t.get("reduction") is None:
        line["text"] = f"{what}: {line['word']}; no reduction can be computed"
        return line
    if kind == "neutrality":
        reached = (f"net {_n(t.get('latest_tco2e'))} tCO2e in {t['latest_year']} against "
                   f"{_n(t.get('base_tco2e'))} tCO2e gross in {t['base_year']}; goal net zero by {t['target_year']}")
    else:
        reached = (f"{_pct(t['reduction'])} reduction {t['base_year']}-{t['latest_year']} against "
                   f"{_pct(t['target_reduction'], 0)} by {t['target_year']}")
    text = f"{what}: {reached}"
    if status == "off_track":
        if kind == "intensity":
            base, latest = t.get("base_intensity"), t.get("latest_intensity")
            unit = f"tCO2e per {t.get('metric')}"
        else:
            base, latest, unit = t.get("base_tco2e"), t.get("latest_tco2e"), "tCO2e"
        goal = 0.0 if kind == "neutrality" else (None if base is None else base * (1 - t["target_reduction"]))
        left = int(t["target_year"]) - int(t["latest_year"])
        if goal is not None and latest is not None:
            if left > 0:
                cut = (latest - goal) / left
                line.update(annual_cut_needed=cut, unit=unit,
                            annual_cut_needed_share=(cut / latest) if latest > 0 else None)
                digits = 4 if kind == "intensity" else 1
                text += (f"; needs a cut of {_n(cut, digits)} {unit} a year"
                         + (f" ({_pct(line['annual_cut_needed_share'])} of {t['latest_year']}"
                            f"{' net' if kind == 'neutrality' else ''})"
                            if line["annual_cut_needed_share"] is not None else "")
                         + f" from {t['latest_year']} to {t['target_year']}")
            else:
                text += f"; target year passed, {_n(latest - goal, 4 if kind == 'intensity' else 1)} {unit} short"
    elif status == "on_track" and t.get("pathway_reduction") is not None:
        text += f"; the linear path asks {_pct(t['pathway_reduction'])} by {t['latest_year']}"
    line["text"] = text
    return line


def verdict(report: dict) -> dict:
    """``{"targets": [...], "counts": {...}, "neutrality": {...} | None}`` from the report's targets and
    neutrality overview (each target line: id, status, word, reduction, target_reduction, annual_cut_needed,
    annual_cut_needed_share, unit, met_by_plan (when report.json has a plan that judges the target), text)."""
    lines = [_target_line(t) for t in report.get("targets") or []]
    plan = report.get("plan") or {}
    judged = {p["id"]: p for p in plan.get("targets") or [] if p.get("met_by_plan") is not None}
    for line in lines:  # what the plan (report.json plan) does for an off-track target
        p = judged.get(line["id"])
        line["met_by_plan"] = None if p is None else bool(p["met_by_plan"])
        if p is not None and line["status"] != "achieved":
            line["text"] += (f"; the plan to {plan.get('to_year')} "
                             + ("meets it" if p["met_by_plan"] else
                                f"leaves {_n(p.get('gap_tco2e'))} tCO2e to close in {p.get('target_year')}"))
    counts = {s: sum(1 for x in lines if x["status"] == s) for s in ("achieved", "on_track", "off_track")}
    counts["other"] = len(lines) - sum(counts.values())
    gap = (report.get("neutrality_overview") or {}).get("gap")
    neutrality = None
    if gap:
        left = gap.get("years_left")
        needed = gap.get("annual_reduction_needed_tco2e")
        if gap["net_tco2e"] <= 0:
            text = (f"Corporate neutrality (Scopes 1+2+3): net {_n(gap['net_tco2e'])} tCO2e in {gap['latest_year']}: "
                    f"neutral; goal year {gap['goal_year']}")
        elif needed is None:
            text = (f"Corporate neutrality (Scopes 1+2+3): net {_n(gap['net_tco2e'])} tCO2e in {gap['latest_year']}; "
                    f"the goal year {gap['goal_year']} has passed")
        else:
            share = gap.get("annual_reduction_needed_share")
            text = (f"Corporate neutrality (Scopes 1+2+3) by {gap['goal_year']}: net {_n(gap['net_tco2e'])} tCO2e in "
                    f"{gap['latest_year']}, {left} years left: cut {_n(needed)} tCO2e a year"
                    + (f" ({_pct(share)} of {gap['latest_year']} gross)" if share is not None else ""))
        neutrality = {"goal_year": gap["goal_year"], "net_tco2e": gap["net_tco2e"], "years_left": left,
                      "annual_cut_needed": needed, "neutral": gap["net_tco2e"] <= 0, "text": text}
    return {"targets": lines, "counts": counts, "neutrality": neutrality}
