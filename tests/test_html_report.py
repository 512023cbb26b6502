"""report.html: one self-contained page with inline SVG charts; user text escaped; deterministic; and it
renders in a real browser (headless Chromium over the DevTools protocol, skipped when not installed)."""

from __future__ import annotations

import copy
import hashlib
import html
import json
import re
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

from carbon import build_report, calculate, load_inventory
from carbon.report.html import render_html, write_html

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "inventories" / "example"
MINIMAL = Path(__file__).resolve().parent / "data" / "good_minimal"
HOSTILE = '<script>alert(1)</script> & "Co"'
HOSTILE_KEY = "3.1.<img src=x onerror=alert(2)>"

TABLE_CAPTIONS = ["Totals by year and scope", "Scope 3 by category", "Scope 1 and 2 by source category",
                  "Targets and their status", "Neutrality targets per year", "Operational and corporate neutrality",
                  "Contractual instruments", "Outside the organisational boundary", "Base year, tCO2e",
                  "Factor sets used", "Records with a flagged factor choice", "Plan by year", "Actions",
                  "Does the plan meet each target?"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Structure(HTMLParser):
    """Every element, attribute and text node of a page; fails on unbalanced or misnested tags."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.ids: list[str] = []
        self.svg_text: list[str] = []
        self.text: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        self.ids += [v for k, v in attrs if k == "id"]
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs += attrs
        self.ids += [v for k, v in attrs if k == "id"]

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        if "svg" in self.stack and self.stack[-1] == "text":
            self.svg_text.append(data)


def parse(page: str) -> Structure:
    parser = Structure()
    parser.feed(page)
    parser.close()
    assert not parser.problems, parser.problems[:5]
    assert parser.stack == [], parser.stack
    return parser


@pytest.fixture(scope="module")
def report() -> dict:
    inventory = load_inventory(EXAMPLE)
    return build_report(inventory, calculate(inventory))


@pytest.fixture(scope="module")
def page(report) -> str:
    return render_html(report)


def with_later_keys(report: dict) -> dict:
    """The report with the optional keys of a later feature: 95% intervals, probability of meeting a
    target, attribution of the change, methods and data quality per Scope 3 category."""
    r = copy.deepcopy(report)
    for values in r["years"].values():
        values["interval95"] = {k: [values[k] * 0.9, values[k] * 1.12] for k in ("scope1", "scope2", "scope3", "total")}
    for i, t in enumerate(r["targets"]):
        t["probability_met"] = [0.93, 0.999, 0.21][i % 3]
    change = r["years"]["2024"]["total"] - r["years"]["2020"]["total"]
    r["attribution"] = {"from": 2020, "to": 2024, "change_tco2e": change,
                        "effects": {"activity": 900.0, "emission_factors": -650.0, "scope2_instruments": -420.0,
                                    "boundary": {"tco2e": 120.0}, "ignored": "not a number"}}
    r["scope3_categories"] = [{"key": "3.1", "name": "Purchased goods and services", "methods": ["spend-based"],
                               "data_quality": "estimated"},
                              {"key": "3.6", "methods": ["distance-based", "spend-based (inferred)"],
                               "data_quality": ["measured", "estimated"]},
                              {"key": "3.11", "name": "Use of sold products", "methods": [], "missing": True}]
    return r


def hostile(report: dict) -> dict:
    """User text everywhere it can appear, as an attacker would write it."""
    r = with_later_keys(report)
    r["organisation"] = HOSTILE
    r["gwp"] = HOSTILE
    for t in r["targets"]:
        t["id"] = f"{HOSTILE} {t['id']}"
        t["excluded_categories"] = [HOSTILE]
    for n in r["neutrality"]:
        n["id"] = f"{HOSTILE} {n['id']}"
    for i in r["instruments"]:
        i.update(instrument_id=HOSTILE, region=HOSTILE, facility=HOSTILE, breaches=[HOSTILE])
    for e in r["excluded"]:
        e.update(entity=HOSTILE, reason=HOSTILE)
    for s in r["factor_sets"]:
        s["name"] = HOSTILE
    r["consolidation"] = HOSTILE
    r["recalculation"]["changes"] = [{"change_id": HOSTILE, "year": 2022, "type": "acquisition", "effect_tco2e": 55.0,
                                      "effect_by_scope": {}, "effect_share": 0.01, "cumulative_share": 0.01,
                                      "triggered": False, "estimated": True, "note": HOSTILE}]
    r["recalculation"]["estimated_categories"] = [HOSTILE]
    r["records"]["flagged"] = {HOSTILE: 1}
    r["attribution"]["effects"][HOSTILE] = 10.0
    r["scope3_categories"].append({"key": HOSTILE_KEY, "name": HOSTILE, "methods": [HOSTILE], "data_quality": HOSTILE})
    latest = r["years"]["2024"]
    latest["categories"][HOSTILE_KEY] = 42.0  # a custom sub-category key: its code is user text
    return r


# --- self-contained, complete ------------------------------------------------------------------------

def test_the_page_has_every_chart_each_with_a_caption(page):
    structure = parse(page)
    assert page.startswith("<!DOCTYPE html>")
    assert structure.tags.count("svg") >= 5
    figures = re.findall(r'<figure class="chart-figure" id="([^"]+)">\s*<svg class="chart"', page)
    assert figures == ["fig-scopes", "fig-scope3", "fig-waterfall", "fig-attribution", "fig-targets", "fig-neutrality",
                       "fig-plan", "fig-cost-curve"]
    for name in figures:
        assert f'aria-labelledby="{name}-cap"' in page and f'<figcaption id="{name}-cap">' in page
    # every chart holds drawn shapes and text
    for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        assert svg.count("<path") > 10 and svg.count("<text") > 5


def test_every_table_is_there(page):
    structure = parse(page)
    for caption in TABLE_CAPTIONS:
        assert f"<caption>{caption}" in page, caption
    assert structure.tags.count("table") == page.count("</table>") >= len(TABLE_CAPTIONS)
    assert "GWP set: AR5 (100-year)" in page
    assert "Conservation: ok." in page
    assert "Example Pay Joint Venture (Hangzhou) Co., Ltd." in page  # the exclusion
    assert "No base-year figure is an estimate." in page
    assert "VPPA-ERCT-AUS-2024" in page and "epa-2025" in page
    assert "3,586.6" in page  # scope 2 of the base year, both methods


def test_nothing_is_loaded_from_elsewhere(page):
    structure = parse(page)
    assert not {"script", "link", "img", "iframe", "object", "embed", "image", "foreignobject"} & set(structure.tags)
    assert not [k for k, _ in structure.attrs if k.startswith("on")]  # no event handler attribute
    for name, value in structure.attrs:
        if name in ("src", "href", "xlink:href"):
            assert value.startswith("#"), (name, value)  # only references inside the page
    assert not re.search(r"url\(\s*['\"]?(?!#)", page)  # CSS/SVG url() only to ids of the page
    assert "@import" not in page and "@font-face" not in page
    assert "http://" not in page and "https://" not in page


def test_print_stylesheet_keeps_charts_whole(page):
    css = page[page.index("@media print"):page.index("</style>")]
    assert "@page" in css and "figure.chart-figure" in css and "break-inside: avoid" in css
    assert "thead { display: table-header-group; }" in css


def test_ids_are_unique_across_the_charts(page):
    ids = parse(page).ids
    assert len(ids) == len(set(ids))
    for ref in set(re.findall(r'(?:url\(#|href="#)([^")]+)', page)):
        assert ref in ids, ref


# --- escaping ----------------------------------------------------------------------------------------

def test_user_text_is_escaped_everywhere(report):
    page = render_html(hostile(report))
    structure = parse(page)
    assert HOSTILE not in page
    assert "<script" not in page.lower() and "<img" not in page.lower()
    assert not {"script", "img"} & set(structure.tags)
    assert not [k for k, _ in structure.attrs if k.startswith("on")]
    escaped = html.escape(HOSTILE, quote=True)
    assert f"<h1>{escaped}</h1>" in page
    assert f"<title>GHG progress report: {escaped}</title>" in page
    # the parsed text shows the user's text as text, in the tables and inside the SVG charts
    text = "".join(structure.text)
    assert text.count(HOSTILE) >= 20
    svg_text = " ".join(structure.svg_text)
    assert HOSTILE in svg_text  # target and neutrality ids in chart titles
    assert "1.<img src=x onerror=alert(2)>" in svg_text  # the custom category key in the Scope 3 chart
    for svg in re.findall(r"<svg.*?</svg>", page, flags=re.S):
        assert "<script" not in svg and "<img" not in svg and "<!--" not in svg


def test_dollar_signs_and_other_scripts_in_chart_text(report):
    r = copy.deepcopy(report)
    r["targets"][0]["id"] = "cut $5 and $6 \u4e2d\u6587 --> end"  # no mathtext, no missing-glyph warning
    page = render_html(r)  # pytest turns a warning into an error
    assert "cut $5 and $6 \u4e2d\u6587 --&gt; end" in page
    assert "\\$" not in page


# --- determinism and speed ---------------------------------------------------------------------------

def test_same_report_same_bytes(report, page):
    assert render_html(report) == page
    assert render_html(copy.deepcopy(report)) == page


def test_same_bytes_in_a_fresh_process(report, page, tmp_path):
    """matplotlib's SVG ids come from a hash salt: fixed, so another process writes the same page."""
    source = tmp_path / "report.json"
    source.write_text(json.dumps(report), encoding="utf-8")
    code = ("import hashlib, json, sys; from carbon.report.html import render_html; "
            "print(hashlib.sha256(render_html(json.load(open(sys.argv[1], encoding='utf-8'))).encode()).hexdigest())")
    out = subprocess.run([sys.executable, "-c", code, str(source)], capture_output=True, text=True, check=True,
                         timeout=120)
    assert out.stdout.strip() == hashlib.sha256(render_html(json.loads(source.read_text())).encode()).hexdigest()
    assert render_html(json.loads(source.read_text())) == page  # the JSON round trip changes nothing


def test_later_keys_absent_show_nothing(report):
    bare = copy.deepcopy({k: v for k, v in report.items() if k not in ("scope3_categories", "attribution", "data_quality")})
    for target in bare["targets"]:
        target.pop("probability_met", None)
    for year in bare["years"].values():
        year.pop("interval95", None)
    page = render_html(bare)
    assert "95% interval" not in page and "P(met)" not in page and "fig-attribution" not in page
    assert "<th>Methods</th>" not in page and "Data quality" not in page


def test_methods_and_data_quality_per_category(page):
    assert "<th>Methods</th>" in page and "<th>Data quality</th>" in page


def test_later_keys_present_are_shown(report):
    page = render_html(with_later_keys(report))
    parse(page)
    assert "95% interval" in page  # the chart legend and the table columns
    assert '<th class="num">Total 95% interval</th>' in page
    assert "P(met)" in page and '<td class="num">93%</td>' in page and "P(met) 93%" in page  # table and chart
    assert '<figure class="chart-figure" id="fig-attribution">' in page
    assert "<caption>Attribution of the change 2020 to 2024" in page
    for effect in ("emission factors", "scope2 instruments", "boundary"):
        assert f"<td>{effect}</td>" in page
    assert "ignored" not in page
    assert "<th>Methods</th>" in page and "<th>Data quality</th>" in page
    assert "distance-based, spend-based (inferred)" in page and "measured, estimated" in page
    assert "Use of sold products (relevant, not reported)" in page
    assert page.count("<svg") == 8  # six charts of the inventory, the plan and its cost curve


def test_later_keys_as_the_engine_makes_them(report):
    """The optional keys as carbon.uncertainty and carbon.attribution write them (when present)."""
    uncertainty = pytest.importorskip("carbon.uncertainty")
    inventory = load_inventory(EXAMPLE)
    ledger = calculate(inventory)
    r = build_report(inventory, ledger)
    uncertainty.add_uncertainty(r, ledger, draws=500, seed=1)
    try:
        from carbon.attribution import attribute
    except ImportError:
        attribute = None
    if attribute is not None:
        r["attribution"] = attribute(ledger, 2020, 2024)
    page = render_html(r)
    parse(page)
    assert "<caption>95% intervals, tCO2e" in page and "P(met)" in page
    if attribute is not None:
        assert 'id="fig-attribution"' in page and "<caption>Attribution by scope, tCO2e" in page
    assert render_html(r) == page


# --- other inventories, the file -------------------------------------------------------------------

def test_a_minimal_inventory(tmp_path):
    inventory = load_inventory(MINIMAL)
    r = build_report(inventory, calculate(inventory))
    page = render_html(r)
    parse(page)
    assert "Minimal Co" in page and page.count("<svg") >= 3
    assert "No contractual instruments" in page and "No Scope 3 emissions" in page


def test_a_report_of_one_year_without_targets(report):
    r = copy.deepcopy(report)
    r["years"] = {"2020": r["years"]["2020"]}
    r["targets"], r["neutrality"], r["instruments"], r["excluded"] = [], [], [], []
    r["neutrality_overview"] = {"goal_year": None, "years": [], "gap": None}
    r.pop("attribution", None)  # a single year has no change to attribute
    r.pop("plan", None)
    page = render_html(r)
    parse(page)
    assert "No targets are set in inventory.toml." in page
    assert "The report holds a single year: no change to show." in page
    assert page.count("<svg") == 2


def test_write_html(report, tmp_path):
    path = write_html(report, tmp_path / "out")
    assert path == tmp_path / "out" / "report.html"
    assert path.read_text(encoding="utf-8") == render_html(report)
    assert [p.name for p in path.parent.iterdir()] == ["report.html"]  # no temporary file left


# --- a real browser ----------------------------------------------------------------------------------

CHART_BOXES = """JSON.stringify(Array.from(document.querySelectorAll('svg.chart')).map(svg => {
  const box = svg.getBoundingClientRect();
  return {id: svg.parentElement.id, width: box.width, height: box.height,
          shapes: svg.querySelectorAll('path, use').length, texts: svg.querySelectorAll('text').length,
          painted: Array.from(svg.querySelectorAll('path')).filter(p => {
              const b = p.getBoundingClientRect(); return b.width > 0 || b.height > 0; }).length};
}))"""


def test_in_chromium(report, tmp_path):
    from browser import Chromium, find_chromium

    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium not installed: apt-get install chromium")
    pytest.importorskip("websocket", reason="websocket-client not installed: pip install websocket-client")
    example = tmp_path / "report.html"
    example.write_text(render_html(report), encoding="utf-8")
    attacked = tmp_path / "hostile.html"
    attacked.write_text(render_html(hostile(report)), encoding="utf-8")
    started = time.monotonic()
    with Chromium(binary) as browser:
        page = browser.open(example.as_uri())
        boxes = json.loads(page.evaluate(CHART_BOXES))
        assert [b["id"] for b in boxes] == ["fig-scopes", "fig-scope3", "fig-waterfall", "fig-attribution",
                                            "fig-targets", "fig-neutrality", "fig-plan", "fig-cost-curve"]
        for b in boxes:
            assert b["width"] > 300 and b["height"] > 150, b
            assert b["shapes"] > 10 and b["texts"] > 5 and b["painted"] > 10, b
        assert page.evaluate("document.querySelectorAll('table').length") >= len(TABLE_CAPTIONS)
        shot = page.screenshot(tmp_path / "report.png")
        data = shot.read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert width == 1100 and height > 3000
        page.send("Emulation.setEmulatedMedia", {"media": "print"})
        assert page.evaluate("Array.from(document.querySelectorAll('figure')).every("
                             "f => getComputedStyle(f).breakInside === 'avoid')")
        pdf = page.pdf(tmp_path / "report.pdf").read_bytes()
        assert pdf.startswith(b"%PDF") and len(pdf) > 50_000
        assert page.errors == []

        bad = browser.open(attacked.as_uri())
        assert bad.evaluate("document.querySelector('h1').textContent") == HOSTILE
        assert bad.evaluate("document.querySelectorAll('script, img').length") == 0
        assert bad.evaluate("Array.from(document.querySelectorAll('svg text')).some("
                            "t => t.textContent.includes(" + json.dumps(HOSTILE) + "))")
        assert bad.errors == []
        dialogs = [e for e in browser._events if e["method"] == "Page.javascriptDialogOpening"]
        assert dialogs == []
    assert time.monotonic() - started < 15


VERDICT_BOXES = """JSON.stringify((() => {
  const verdict = document.querySelector('#verdict');
  const chart = document.querySelector('figure.chart-figure');
  const lines = Array.from(document.querySelectorAll('#verdict li.verdict-line')).map(li => ({
      target: li.dataset.target || null, text: li.textContent,
      status: (li.querySelector('.status') || {}).textContent,
      colour: getComputedStyle(li.querySelector('.status')).backgroundColor,
      bottom: li.getBoundingClientRect().bottom + window.scrollY}));
  const financed = Array.from(document.querySelectorAll('table.financed caption')).map(c => c.textContent);
  return {verdictTop: verdict.getBoundingClientRect().top + window.scrollY,
          chartTop: chart.getBoundingClientRect().top + window.scrollY, lines, financed,
          quality: document.querySelectorAll('table.data-quality tbody tr').length};
})())"""


def test_verdict_above_the_first_chart_in_chromium(report, tmp_path):
    """The verdict names every target with its status (word and colour) above the first chart, and the
    financed-emissions tables are there because the example has investments."""
    from browser import Chromium, find_chromium

    binary = find_chromium()
    if binary is None:
        pytest.skip("Chromium not installed: apt-get install chromium")
    pytest.importorskip("websocket", reason="websocket-client not installed: pip install websocket-client")
    path = tmp_path / "report.html"
    path.write_text(render_html(report), encoding="utf-8")
    with Chromium(binary) as browser:
        page = browser.open(path.as_uri())
        seen = json.loads(page.evaluate(VERDICT_BOXES))
        assert page.errors == []
    words = {"achieved": "achieved", "on_track": "on track", "off_track": "off track"}
    by_target = {line["target"]: line for line in seen["lines"] if line["target"]}
    assert set(by_target) == {t["id"] for t in report["targets"]}
    for t in report["targets"]:
        line = by_target[t["id"]]
        assert line["status"] == words[t["status"]] and t["id"] in line["text"]
        assert line["bottom"] < seen["chartTop"]
    colours = {by_target[t["id"]]["colour"] for t in report["targets"]}
    assert len(colours) == len({t["status"] for t in report["targets"]})  # one colour per status
    neutrality = [line for line in seen["lines"] if not line["target"]]
    assert len(neutrality) == 1 and "Corporate neutrality (Scopes 1+2+3) by 2030" in neutrality[0]["text"]
    assert seen["verdictTop"] < seen["chartTop"]
    assert seen["financed"] == ["Financed emissions by year, tCO2e", "Financed emissions by asset class, 2024"]
    assert seen["quality"] > 5


def test_no_financed_table_without_investments(tmp_path):
    inventory = load_inventory(MINIMAL)
    page = render_html(build_report(inventory, calculate(inventory)))
    assert 'class="financed"' not in page and 'id="financed"' not in page


def test_financed_figures_match_report_json(report, page):
    f = report["years"]["2024"]["financed"]
    # the HTML shows report.json's figures, rounded as the other tables (one decimal, tCO2e)
    assert f'<td>2024</td><td class="num">{f["total"]:,.1f}</td><td class="num">{f["scope12"]:,.1f}</td>' in page
    assert report["years"]["2024"]["categories"]["3.15"] == pytest.approx(f["total"], rel=1e-12)
