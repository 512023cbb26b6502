"""The charts of the HTML report: matplotlib figures rendered to inline SVG.

Every chart function takes the report dict (the report.json keys) and returns a :class:`Chart` (an SVG
string ready to be placed inside HTML, and a caption in plain text) or ``None`` when the report holds
nothing to draw. The SVG is made to be embedded, deterministic and safe:

- ``svg.fonttype = 'none'``: text stays text (selectable, searchable, small); matplotlib escapes
  ``& < >`` in it. User text is also passed through :func:`mpl_text` so that a ``$`` never switches
  matplotlib into mathtext.
- ``svg.hashsalt`` is fixed and the date is left out (``metadata={'Date': None}``): the same report gives
  byte-identical SVG. The RDF metadata block, XML comments, the XML prolog and DOCTYPE are stripped.
- Element ids are prefixed with the chart's name, so several SVGs in one HTML page never share an id.
- No pyplot: figures are plain ``matplotlib.figure.Figure`` objects, so no GUI backend and no global
  figure registry are involved.
"""

from __future__ import annotations

import io
import math
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache

import matplotlib
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..categories import load_categories

__all__ = ["Chart", "all_charts", "scope_chart", "target_chart", "neutrality_chart", "scope3_chart",
           "waterfall_chart", "attribution_chart", "plan_chart", "cost_curve_chart", "mpl_text"]

# Okabe-Ito colour-blind safe palette
S1, S2, S3 = "#0072B2", "#E69F00", "#009E73"
GREY, DARK, RED, GREEN, SKY, PINK, YELLOW = "#9a9a9a", "#333333", "#D55E00", "#009E73", "#56B4E9", "#CC79A7", "#F0E442"
AVOID, REMOVE = "#9fd3ef", "#1f7a5a"

SALT = "carbon-report"
_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": SALT,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.size": 8.5,
    "axes.titlesize": 9.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 8.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#e4e4e4",
    "grid.linewidth": 0.6,
    "legend.fontsize": 7.5,
    "legend.frameon": False,
    "xtick.labelsize": 7.5,
    "ytick.labelsize": 7.5,
    "hatch.linewidth": 0.8,
    "path.simplify": False,
}
WIDTH = 7.4  # inches: the printable width of an A4 page with 15 mm margins, at 72 pt per inch


@dataclass(frozen=True)
class Chart:
    name: str      # the id of the <figure>; prefix of every id inside the SVG
    title: str     # plain text (escaped by the HTML renderer)
    caption: str   # plain text (escaped by the HTML renderer)
    svg: str       # the <svg> element, safe to embed as is


def mpl_text(text: object, limit: int | None = None) -> str:
    """User text for a matplotlib label: shortened to ``limit`` characters, ``$`` escaped (no mathtext),
    line breaks flattened. matplotlib itself escapes ``& < >`` when writing SVG."""
    text = " ".join(str(text).split())
    if limit and len(text) > limit:
        text = text[:limit - 1].rstrip() + "\u2026"
    return text.replace("$", r"\$")


def _t(value: float) -> str:
    return f"{value:,.0f}"


_THOUSANDS = FuncFormatter(lambda v, _pos: f"{v:,.0f}")


def _figure(height: float, width: float = WIDTH) -> Figure:
    return Figure(figsize=(width, height), layout="constrained")


_ID = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


def to_svg(fig: Figure, name: str) -> str:
    """The figure as an embeddable <svg> element (see the module docstring)."""
    buf = io.StringIO()
    with warnings.catch_warnings():
        # a glyph DejaVu Sans lacks (CJK names, say) is drawn by the browser's own font: fonttype 'none'
        warnings.filterwarnings("ignore", message=r"Glyph .* missing from", category=UserWarning)
        fig.savefig(buf, format="svg", metadata={"Date": None})
    text = buf.getvalue()
    text = text[text.index("<svg"):]
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r"<!--.*?-->\s*", "", text, flags=re.S)
    text = re.sub(r"<style[^>]*>.*?</style>\s*", "", text, flags=re.S)
    text = re.sub(r"<defs>\s*</defs>\s*", "", text)
    text = _ID.sub(lambda m: f"{m.group(1)}{name}-{m.group(2)}", text)
    head_end = text.index(">")
    head = text[:head_end]
    view_box = re.search(r'viewBox="([^"]+)"', head).group(1)
    text = (f'<svg class="chart" viewBox="{view_box}" version="1.1" role="img" '
            f'aria-labelledby="{name}-cap"' + text[head_end:])
    return text.strip() + "\n"


def _render(name: str, title: str, caption: str, draw) -> Chart | None:
    with matplotlib.rc_context(_RC):
        fig = draw()
        if fig is None:
            return None
        return Chart(name, title, caption, to_svg(fig, name))


def _sorted_years(report: dict) -> list[str]:
    return sorted(report["years"], key=int)


def _years_axis(ax) -> None:
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:.0f}"))


def _interval(values: dict, key: str) -> tuple[float, float] | None:
    iv = (values.get("interval95") or {}).get(key)
    if not iv or len(iv) != 2 or iv[0] is None or iv[1] is None:
        return None
    return float(iv[0]), float(iv[1])


# --- (1) emissions by scope per year -----------------------------------------------------------------

def scope_chart(report: dict) -> Chart | None:
    years = _sorted_years(report)
    if not years:
        return None
    method = report.get("scope2_method", "market")

    def draw():
        fig = _figure(3.4)
        ax = fig.add_subplot()
        w, gap = 0.36, 0.03
        has_interval = False
        ymax = 0.0
        for i, y in enumerate(years):
            v = report["years"][y]
            for kind, dx in (("market", -(w / 2 + gap)), ("location", w / 2 + gap)):
                x = i + dx
                s1, s2, s3 = v["scope1"], v[f"scope2_{kind}"], v["scope3"]
                loc = kind == "location"
                ax.bar(x, s1, w, color=S1, edgecolor="white", linewidth=0.4)
                ax.bar(x, s2, w, bottom=s1, color="white" if loc else S2, edgecolor=S2,
                       hatch="/////" if loc else None, linewidth=0.8 if loc else 0.4)
                ax.bar(x, s3, w, bottom=s1 + s2, color=S3, edgecolor="white", linewidth=0.4)
                top = s1 + s2 + s3
                ymax = max(ymax, top)
                ax.text(x, -0.012, "M" if not loc else "L", transform=ax.get_xaxis_transform(), ha="center",
                        va="top", fontsize=6.5, color="#555")
                if kind != method:
                    continue
                # 95% intervals (optional report key): per scope at the segment top, total at the bar top
                # scope intervals left of the bar's centre (thin), the total's right of it (thick)
                tops = {"scope1": s1, "scope2": s1 + s2, "scope3": top, "total": top}
                values = {"scope1": s1, "scope2": s2, "scope3": s3, "total": top}
                label_at = top
                for key in ("scope1", "scope2", "scope3", "total"):
                    iv = _interval(v, key)
                    if iv is None:
                        continue
                    has_interval = True
                    lo, hi = iv
                    centre = tops[key]
                    err = [[max(values[key] - lo, 0.0)], [max(hi - values[key], 0.0)]]
                    total = key == "total"
                    ax.errorbar(x + (w / 4 if total else -w / 4), centre, yerr=err, fmt="none", ecolor=DARK,
                                elinewidth=1.2 if total else 0.7, capsize=3 if total else 2)
                    if key in ("scope3", "total"):
                        label_at = max(label_at, centre + err[1][0])
                    ymax = max(ymax, centre + err[1][0])
                ax.annotate(_t(v["total"]), (x, label_at), xytext=(0, 3), textcoords="offset points", ha="center",
                            va="bottom", fontsize=6.5, color=DARK)
        ax.set_xticks(range(len(years)), years)
        ax.tick_params(axis="x", length=0, pad=11)
        ax.set_xlim(-0.6, len(years) - 0.4)
        ax.set_ylim(0, ymax * 1.1 if ymax > 0 else 1)
        ax.yaxis.set_major_formatter(_THOUSANDS)
        ax.set_ylabel("tCO2e")
        handles = [Patch(facecolor=S1, label="Scope 1"),
                   Patch(facecolor=S2, edgecolor=S2, label="Scope 2 market-based (M)"),
                   Patch(facecolor="white", edgecolor=S2, hatch="/////", label="Scope 2 location-based (L)"),
                   Patch(facecolor=S3, label="Scope 3")]
        if has_interval:
            from matplotlib.lines import Line2D
            handles.append(Line2D([], [], color=DARK, marker="_", markersize=8, linewidth=1,
                                  label="95% interval"))
        ax.legend(handles=handles, loc="lower left", bbox_to_anchor=(0, 1.0), ncol=len(handles),
                  borderaxespad=0.3, handlelength=1.6)
        return fig

    caption = (f"Emissions by scope and year, tCO2e. Each year has two bars: M with Scope 2 market-based, "
               f"L with Scope 2 location-based (hatched). The total above the {method}-based bar is the reported "
               f"total (scope2_method = {method}).")
    if any(report["years"][y].get("interval95") for y in years):
        caption += " Error bars: 95% intervals of each scope (thin) and of the total (thick)."
    return _render("fig-scopes", "Emissions by scope", caption, draw)


# --- (2) target trajectories ------------------------------------------------------------------------

def _target_points(report: dict, t: dict) -> dict[int, float]:
    """Actual values of a target's boundary by year: tCO2e (absolute) or the intensity (base and latest
    year only; the report holds the metric for those two)."""
    if t["kind"] == "intensity":
        pts = {}
        if t.get("base_intensity") is not None:
            pts[int(t["base_year"])] = float(t["base_intensity"])
        if t.get("latest_intensity") is not None and t.get("latest_year") is not None:
            pts[int(t["latest_year"])] = float(t["latest_intensity"])
        return pts
    method = t.get("scope2_method") or report.get("scope2_method", "market")
    excluded = t.get("excluded_categories") or []
    pts = {}
    for y, v in report["years"].items():
        year = int(y)
        if year < int(t["base_year"]) or (t.get("latest_year") is not None and year > int(t["latest_year"])):
            continue
        total = sum(v.get(f"scope2_{method}", v["scope2"]) if s == 2 else v[f"scope{s}"] for s in t["scopes"])
        pts[year] = total - sum(v["categories"].get(k, 0.0) for k in excluded)
    if t.get("base_tco2e") is not None:
        pts[int(t["base_year"])] = float(t["base_tco2e"])  # recalculated base year when it was recalculated
    if t.get("latest_tco2e") is not None and t.get("latest_year") is not None:
        pts[int(t["latest_year"])] = float(t["latest_tco2e"])
    return dict(sorted(pts.items()))


STATUS_COLOUR = {"achieved": GREEN, "on_track": SKY, "off_track": RED}


def _scopes(scopes) -> str:
    return "Scope " + "+".join(str(s) for s in scopes) if len(scopes) == 1 else \
        "Scopes " + "+".join(str(s) for s in scopes)


def target_chart(report: dict) -> Chart | None:
    targets = [t for t in report.get("targets", []) if t.get("kind") in ("absolute", "intensity")]
    if not targets:
        return None

    def draw():
        ncols = 1 if len(targets) == 1 else 2
        nrows = math.ceil(len(targets) / ncols)
        fig = _figure(2.9 * nrows)
        axes = fig.subplots(nrows, ncols, squeeze=False).ravel()
        for ax in axes[len(targets):]:
            ax.set_visible(False)
        for ax, t in zip(axes, targets):
            pts = _target_points(report, t)
            intensity = t["kind"] == "intensity"
            base_year, target_year = int(t["base_year"]), int(t["target_year"])
            base = pts.get(base_year)
            details = f"{_scopes(t['scopes'])}, {t['kind']}, Scope 2 {t.get('scope2_method') or 'as reported'}"
            if t.get("probability_met") is not None:
                details += f", P(met) {t['probability_met'] * 100:.0f}%"
            title = ax.set_title(details, loc="left", fontsize=7.5, fontweight="normal", color="#444")
            ax.annotate(mpl_text(t["id"], 48 if ncols == 1 else 36), (0, 1), xycoords=title, xytext=(0, 2),
                        textcoords="offset points", va="bottom", ha="left", fontsize=9.5, fontweight="bold")
            if pts:
                ax.plot(list(pts), list(pts.values()), color=DARK, marker="o", markersize=3.5, linewidth=1.6,
                        label="actual", zorder=4)
            if base is not None and base > 0:
                goal = base * (1 - float(t["target_reduction"]))
                ax.plot([base_year, target_year], [base, goal], color=GREY, linestyle="--", linewidth=1.1,
                        label="linear pathway")
                ax.axhline(goal, color=PINK, linestyle=":", linewidth=1.3,
                           label=f"target -{float(t['target_reduction']) * 100:.0f}% by {target_year}")
            latest_year = t.get("latest_year")
            status = t.get("status", "")
            if latest_year is not None and int(latest_year) in pts:
                ly, lv = int(latest_year), pts[int(latest_year)]
                if status == "achieved":
                    ax.plot([ly], [lv], marker="*", markersize=13, color=GREEN, markeredgecolor="white",
                            linestyle="none", zorder=5, label="achieved")
                colour = STATUS_COLOUR.get(status, GREY)
                ax.annotate(status.replace("_", " "), (ly, lv), xytext=(8, 0), textcoords="offset points",
                            ha="left", va="center", fontsize=7.5, color=colour, fontweight="bold",
                            bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none",
                                  "alpha": 0.85})
            _years_axis(ax)
            right = max([target_year, *pts]) if pts else target_year
            ax.set_xlim(base_year - 0.5, right + 0.5)
            ax.set_ylim(bottom=0)
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"{v:,.3g}") if intensity else _THOUSANDS)
            ax.set_ylabel(f"tCO2e per {mpl_text(t.get('metric') or 'unit', 20)}" if intensity else "tCO2e")
            ax.legend(loc="lower left", fontsize=6.8, handlelength=1.8)
        return fig

    caption = ("Target trajectories: actual emissions of each absolute or intensity target's boundary (its scopes, "
               "its Scope 2 method, the recalculated base year) against the linear pathway from the base year to "
               "the target year, and the target level (dotted). A star marks a target already achieved. Intensity "
               "targets show the base and latest year, the two years the report holds the metric for.")
    return _render("fig-targets", "Target trajectories", caption, draw)


# --- (3) neutrality path ----------------------------------------------------------------------------

def _neutrality_panels(report: dict) -> list[dict]:
    """One panel per neutrality target (report['neutrality']); without one, the corporate boundary of
    report['neutrality_overview'] toward its goal year."""
    overview = report.get("neutrality_overview") or {}
    gap = overview.get("gap") or {}
    panels: dict[str, dict] = {}
    targets = {t["id"]: t for t in report.get("targets", []) if t.get("kind") == "neutrality"}
    for row in report.get("neutrality", []):
        panel = panels.setdefault(row["id"], {"id": row["id"], "target_year": row.get("target_year"),
                                              "scopes": targets.get(row["id"], {}).get("scopes"), "rows": []})
        panel["rows"].append({"year": int(row["year"]), "gross": row["gross_tco2e"],
                              "avoidance": row.get("credits_avoidance_tco2e") or 0.0,
                              "removal": row.get("credits_removal_tco2e") or 0.0,
                              "net": row["net_tco2e"], "trajectory": row.get("trajectory_tco2e")})
    out = list(panels.values())
    if not out and overview.get("years"):
        out.append({"id": None, "target_year": overview.get("goal_year"), "scopes": [1, 2, 3],
                    "rows": [{"year": int(r["year"]), "gross": r["corporate"]["gross_tco2e"],
                              "avoidance": r.get("credits_avoidance_tco2e") or 0.0,
                              "removal": r.get("credits_removal_tco2e") or 0.0,
                              "net": r["corporate"]["net_tco2e"], "trajectory": None} for r in overview["years"]]})
    for panel in out:
        panel["gap"] = gap if gap and sorted(panel["scopes"] or []) == [1, 2, 3] else None
    return out


def neutrality_chart(report: dict) -> Chart | None:
    panels = _neutrality_panels(report)
    if not panels:
        return None
    goal_year = (report.get("neutrality_overview") or {}).get("goal_year")

    def draw():
        fig = _figure(2.6 * len(panels) + 0.35)
        axes = fig.subplots(len(panels), 1, squeeze=False).ravel()
        for ax, p in zip(axes, panels):
            rows = sorted(p["rows"], key=lambda r: r["year"])
            xs = [r["year"] for r in rows]
            ax.bar(xs, [r["gross"] for r in rows], 0.6, color="#b9c4cf", label="gross emissions")
            ax.bar(xs, [-r["avoidance"] for r in rows], 0.6, color=AVOID, label="credits: avoidance")
            ax.bar(xs, [-r["removal"] for r in rows], 0.6, bottom=[-r["avoidance"] for r in rows], color=REMOVE,
                   label="credits: removal")
            ax.plot(xs, [r["net"] for r in rows], color=RED, marker="o", markersize=3.5, linewidth=1.6,
                    label="net (gross - credits)", zorder=4)
            neutral = [r for r in rows if r["net"] <= 0]
            if neutral:
                ax.plot([r["year"] for r in neutral], [r["net"] for r in neutral], linestyle="none", marker="o",
                        markersize=7, markerfacecolor="none", markeredgecolor=GREEN, markeredgewidth=1.4,
                        label="neutral year", zorder=5)
            end = max([*xs, *(y for y in (p["target_year"], goal_year) if y is not None)])
            traj = [(r["year"], r["trajectory"]) for r in rows if r["trajectory"] is not None]
            if traj and p["target_year"] is not None:
                if traj[-1][0] < p["target_year"]:
                    traj.append((int(p["target_year"]), 0.0))
                ax.plot([a for a, _ in traj], [b for _, b in traj], color=GREY, linestyle="--", linewidth=1.1,
                        label="trajectory to zero")
            gap = p["gap"]
            if gap and gap.get("net_tco2e") is not None and gap.get("goal_year") and \
                    gap["goal_year"] > gap["latest_year"]:
                needed = gap.get("annual_reduction_needed_tco2e")
                label = f"needed to {gap['goal_year']}" + (f": -{_t(needed)} t/yr" if needed is not None else "")
                ax.plot([gap["latest_year"], gap["goal_year"]], [gap["net_tco2e"], 0.0], color=RED, linestyle=":",
                        linewidth=1.3, label=label)
            ax.axhline(0, color=DARK, linewidth=0.7)
            if p["target_year"] is not None:
                ax.axvline(p["target_year"], color=PINK, linestyle=":", linewidth=1)
                ax.annotate(f"target {p['target_year']}", (p["target_year"], 1), xycoords=("data", "axes fraction"),
                            xytext=(-3, -2), textcoords="offset points", ha="right", va="top", fontsize=7, color=PINK)
            name = mpl_text(p["id"], 48) if p["id"] is not None else "Corporate neutrality (overview)"
            scopes = f" ({_scopes(p['scopes'])})" if p["scopes"] else ""
            ax.set_title(f"{name}{scopes}")
            _years_axis(ax)
            ax.set_xlim(min(xs) - 0.6, end + 0.6)
            ax.yaxis.set_major_formatter(_THOUSANDS)
            ax.set_ylabel("tCO2e")
        legend: dict[str, object] = {}
        for ax in axes:
            for handle, label in zip(*ax.get_legend_handles_labels()):
                legend.setdefault(label, handle)
        fig.legend(list(legend.values()), list(legend), loc="outside upper center", ncol=4, fontsize=7,
                   handlelength=1.8)
        return fig

    caption = ("Path to carbon neutrality: gross emissions (bars above zero), credits retired (below zero: "
               "avoidance and removal), net emissions (line; circled where net is at or below zero), the straight "
               "trajectory from base-year gross emissions to zero in the target year, and, for the full "
               "Scope 1+2+3 boundary, the straight reduction of net emissions still needed to reach zero by the "
               "goal year.")
    return _render("fig-neutrality", "Path to neutrality", caption, draw)


# --- (4) Scope 3 by category ------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _registry():
    return load_categories()


def _category_label(key: str, limit: int = 30) -> str:
    scope, code = key.split(".", 1)
    name = _registry().name(int(scope), code)
    return mpl_text(f"{code} {name}" if name != code else code, limit)


def scope3_chart(report: dict) -> Chart | None:
    years = _sorted_years(report)
    if not years:
        return None
    latest = years[-1]
    cats = {k: v for k, v in report["years"][latest]["categories"].items() if k.startswith("3.") and v}
    if not cats:
        return None
    items = sorted(cats.items(), key=lambda kv: (-kv[1], kv[0]))
    total = sum(v for _, v in items)

    def draw():
        fig = _figure(3.6)
        ax = fig.add_subplot()
        xs = range(len(items))
        ax.bar(xs, [v for _, v in items], 0.65, color=S3)
        for x, (_, v) in zip(xs, items):
            ax.text(x, v, _t(v), ha="center", va="bottom", fontsize=6.5, color=DARK)
        ax.set_xticks(list(xs), [_category_label(k) for k, _ in items], rotation=35, ha="right",
                      rotation_mode="anchor")
        ax.yaxis.set_major_formatter(_THOUSANDS)
        ax.set_ylabel(f"tCO2e in {latest}")
        ax.set_xlim(-0.6, len(items) - 0.4)
        if total > 0:
            share = ax.twinx()
            cumulative, running = [], 0.0
            for _, v in items:
                running += v
                cumulative.append(running / total * 100)
            share.plot(list(xs), cumulative, color=DARK, marker="o", markersize=3, linewidth=1.2,
                       label="cumulative share")
            share.axhline(80, color=GREY, linestyle=":", linewidth=0.9)
            share.set_ylim(0, 105)
            share.set_ylabel("cumulative share of Scope 3 (%)")
            share.grid(False)
            share.spines["right"].set_visible(True)
            share.spines["top"].set_visible(False)
            share.legend(loc="center right", fontsize=7)
        return fig

    caption = (f"Scope 3 by category in {latest}, largest first, tCO2e (left axis), with the cumulative share of "
               f"Scope 3 (line, right axis; dotted at 80%). Scope 3 total {_t(total)} tCO2e.")
    return _render("fig-scope3", f"Scope 3 by category, {latest}", caption, draw)


# --- (5) change from the base year: waterfall -------------------------------------------------------

def _waterfall(ax, steps: list[tuple[str, float]], end_label: str) -> None:
    """Floating bars for each step from zero, then the sum of the steps as a bar from zero: every bar is
    drawn to scale (no truncated axis)."""
    level, low, high = 0.0, 0.0, 0.0
    for i, (_, change) in enumerate(steps):
        colour = RED if change > 0 else GREEN
        ax.bar(i, change, 0.62, bottom=level, color=colour)
        if i:
            ax.plot([i - 1 - 0.31, i + 0.31], [level, level], color="#777", linewidth=0.6)
        ax.text(i, level + max(change, 0) if change >= 0 else level + change, f"{change:+,.0f}", ha="center",
                va="bottom" if change >= 0 else "top", fontsize=6.5, color=DARK)
        level += change
        low, high = min(low, level, level - change), max(high, level, level - change)
    n = len(steps)
    if n:
        ax.plot([n - 1 - 0.31, n + 0.31], [level, level], color="#777", linewidth=0.6)
    ax.bar(n, level, 0.62, color=DARK)
    ax.text(n, level, f"{level:+,.0f}", ha="center", va="bottom" if level >= 0 else "top", fontsize=6.5,
            fontweight="bold", color=DARK)
    labels = [label for label, _ in steps] + [end_label]
    ax.set_xticks(range(len(labels)), labels, rotation=35, ha="right", rotation_mode="anchor")
    ax.set_xlim(-0.6, len(labels) - 0.4)
    ax.axhline(0, color=DARK, linewidth=0.7)
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:+,.0f}" if v else "0"))
    ax.set_ylabel("change, tCO2e")
    pad = 0.1 * ((high - low) or 1.0)
    ax.set_ylim(low - pad, high + pad)


def _base_and_latest(report: dict) -> tuple[str, str] | None:
    years = _sorted_years(report)
    if len(years) < 2:
        return None
    base = str(report["base_year"]) if str(report["base_year"]) in report["years"] else years[0]
    latest = years[-1]
    return (base, latest) if base != latest else None


def waterfall_chart(report: dict) -> Chart | None:
    pair = _base_and_latest(report)
    if pair is None:
        return None
    base, latest = pair
    b, l = report["years"][base], report["years"][latest]
    steps = [("Scope 1", l["scope1"] - b["scope1"]), ("Scope 2", l["scope2"] - b["scope2"])]
    keys = list(dict.fromkeys(k for k in (*b["categories"], *l["categories"]) if k.startswith("3.")))
    order = _registry().order()
    keys.sort(key=lambda k: (order.get(k, len(order)), k))
    s3 = 0.0
    for k in keys:
        change = l["categories"].get(k, 0.0) - b["categories"].get(k, 0.0)
        s3 += change
        if abs(change) > 1e-9:
            steps.append(("S3 " + _category_label(k, 24), change))
    rest = (l["scope3"] - b["scope3"]) - s3
    if abs(rest) > 1e-6 * max(abs(l["scope3"]), 1.0):
        steps.append(("Scope 3 other", rest))
    other = (l["total"] - b["total"]) - sum(c for _, c in steps)
    if abs(other) > 1e-6 * max(abs(l["total"]), 1.0):
        steps.append(("other", other))

    def draw():
        fig = _figure(3.7)
        ax = fig.add_subplot()
        _waterfall(ax, steps, "total change")
        ax.set_title(f"{base}: {_t(b['total'])} tCO2e  \u2192  {latest}: {_t(l['total'])} tCO2e")
        return fig

    change = l["total"] - b["total"]
    caption = (f"Change from {base} to {latest} by scope and Scope 3 category, tCO2e: increases red, decreases "
               f"green, each step starting where the previous one ends; the last bar is the total change, "
               f"{change:+,.0f} tCO2e ({change / b['total'] * 100:+.1f}%). "
               f"Scope 2 follows the reported {report.get('scope2_method', 'market')}-based method."
               if b["total"] else f"Change from {base} to {latest} by scope and Scope 3 category, tCO2e.")
    return _render("fig-waterfall", f"Change {base} to {latest}", caption, draw)


# --- (6) attribution of the change (optional report key) ------------------------------------------

def attribution_effects(attribution: dict) -> list[tuple[str, float]]:
    """The numeric effects of report['attribution'] in their order (a value may be a number or a dict
    holding ``tco2e``); anything else is left out."""
    out = []
    for name, value in (attribution.get("effects") or {}).items():
        if isinstance(value, dict):
            value = value.get("tco2e", value.get("change_tco2e"))
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            out.append((str(name), float(value)))
    return out


def attribution_chart(report: dict) -> Chart | None:
    attribution = report.get("attribution")
    if not attribution:
        return None
    effects = attribution_effects(attribution)
    if not effects:
        return None
    start_year, end_year = str(attribution.get("from")), str(attribution.get("to"))
    change = attribution.get("change_tco2e")
    change = float(change) if isinstance(change, (int, float)) else sum(v for _, v in effects)
    start = attribution.get("from_tco2e", report["years"].get(start_year, {}).get("total"))
    end = attribution.get("to_tco2e", report["years"].get(end_year, {}).get("total"))
    steps = [(mpl_text(name.replace("_", " "), 28), v) for name, v in effects if v]
    residual = change - sum(v for _, v in effects)
    if abs(residual) > 1e-6 * max(abs(change), 1.0):
        steps.append(("residual", residual))

    def draw():
        fig = _figure(3.3)
        ax = fig.add_subplot()
        _waterfall(ax, steps, "total change")
        if isinstance(start, (int, float)) and isinstance(end, (int, float)):
            ax.set_title(f"{start_year}: {_t(start)} tCO2e  \u2192  {end_year}: {_t(end)} tCO2e")
        return fig

    caption = (f"Attribution of the change from {start_year} to {end_year} ({change:+,.0f} tCO2e) to its effects; "
               "increases red, decreases green.")
    return _render("fig-attribution", f"What drove the change, {start_year} to {end_year}", caption, draw)


# --- (7) the plan -----------------------------------------------------------------------------------

def plan_chart(report: dict) -> Chart | None:
    """Actual emissions, then business as usual, planned and the target pathway to the plan's last year."""
    plan = report.get("plan")
    if not plan or not plan.get("years"):
        return None
    years = report.get("years", {})

    def draw():
        fig = _figure(3.2)
        ax = fig.subplots()
        actual = {int(y): v["total"] for y, v in years.items() if int(y) <= int(plan["from_year"])}
        span = sorted(int(y) for y in plan["years"])
        ax.plot(list(actual), list(actual.values()), color=DARK, marker="o", markersize=3.5, linewidth=1.6,
                label="actual (all scopes)", zorder=4)
        ax.plot(span, [plan["years"][str(y)]["bau_tco2e"] for y in span], color=GREY, linestyle="--",
                linewidth=1.3, label="business as usual")
        ax.plot(span, [plan["years"][str(y)]["planned_tco2e"] for y in span], color=S1, linewidth=1.8,
                marker="o", markersize=2.5, label="planned")
        pathway = [(y, plan["years"][str(y)]["target_tco2e"]) for y in span
                   if plan["years"][str(y)]["target_tco2e"] is not None]
        if pathway:
            ax.plot([p[0] for p in pathway], [p[1] for p in pathway], color=PINK, linestyle=":", linewidth=1.5,
                    label=f"target pathway ({mpl_text(plan.get('target') or '', 30)})")
        credits = [plan["years"][str(y)]["credits_needed_tco2e"] for y in span]
        ax.fill_between(span, 0, credits, color=AVOID, alpha=0.35, linewidth=0, label="credits still needed")
        _years_axis(ax)
        ax.set_ylim(bottom=0)
        ax.yaxis.set_major_formatter(_THOUSANDS)
        ax.set_ylabel("tCO2e")
        ax.legend(loc="lower left", fontsize=6.8, handlelength=1.8)
        return fig

    caption = (f"The plan from {plan['from_year']} to {plan['to_year']}: business as usual (growth or driver), "
               "planned emissions after the actions, the target pathway, and the credits still needed after "
               "planned removals (shaded). Plan totals cover every scope with records; the target pathway covers "
               "the target's own scopes.")
    return _render("fig-plan", f"The plan to {plan['to_year']}", caption, draw)


def cost_curve_chart(report: dict) -> Chart | None:
    """The marginal abatement cost curve: one bar per costed action, width = tCO2e abated in the last
    plan year, height = cost per tCO2e, cheapest first."""
    curve = (report.get("plan") or {}).get("cost_curve") or []
    if not curve:
        return None

    def draw():
        fig = _figure(2.8)
        ax = fig.subplots()
        left = 0.0
        for item in curve:
            width = max(float(item["abated_tco2e"]), 0.0)
            height = float(item["cost_per_tco2e"])
            ax.bar(left, height, width=width, align="edge", color=GREEN if height < 0 else S1, edgecolor="white")
            ax.annotate(mpl_text(item["id"], 18), (left + width / 2, height), xytext=(0, 3 if height >= 0 else -9),
                        textcoords="offset points", ha="center", fontsize=7)
            left += width
        ax.axhline(0, color=DARK, linewidth=0.8)
        ax.set_xlim(0, max(left, 1.0))
        ax.xaxis.set_major_formatter(_THOUSANDS)
        ax.set_xlabel(f"tCO2e abated in {report['plan']['to_year']}")
        ax.set_ylabel(f"cost per tCO2e ({mpl_text(curve[0].get('currency') or '', 6)})")
        return fig

    caption = ("Marginal abatement cost curve: each action's annual cost at full effect over the tonnes it abates "
               "in the plan's last year, cheapest first; bar width = tonnes abated.")
    return _render("fig-cost-curve", "Cost of abatement", caption, draw)


def all_charts(report: dict) -> list[Chart]:
    """Every chart the report has data for, in report order."""
    charts = [scope_chart(report), scope3_chart(report), waterfall_chart(report), attribution_chart(report),
              target_chart(report), neutrality_chart(report), plan_chart(report), cost_curve_chart(report)]
    return [c for c in charts if c is not None]
